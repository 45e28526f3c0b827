//! The corrections a user makes to the annotations, one method per action.
//! Each builds the next [`Doc`] from the current one and commits it with a
//! message for the status line and a description for undo ("Undone: …").

use std::rc::Rc;

use saywho_core::{Entity, GenderTag, GenderValue, Mention, Origin, Quote, QuoteKind, Span};

use super::{quote_name, shorten, slice_cp, Doc, Edge, Sel, State, Step, GONE_ENTITY, GONE_MENTION, GONE_QUOTE};

impl State {
    pub(super) fn add_entity(&mut self, start: usize, end: usize, label: String) {
        let label = label.trim().to_string();
        if label.is_empty() {
            return self.error("Choose a label for the new entity.");
        }
        let Some((start, end)) = self.valid_range(start, end) else {
            return self.error("Select some words in the article first.");
        };
        if self.doc.mentions.iter().any(|m| m.start == start && m.end == end && m.label == label) {
            return self.error("That span is already annotated with this label.");
        }
        let text = slice_cp(&self.doc.text, start, end).to_string();
        let mut doc = self.doc.clone();
        // The same name with the same label is the same entity.
        let entity = match doc.entities.iter().find(|e| e.label == label && e.name == text) {
            Some(e) => e.id.clone(),
            None => {
                let id = self.new_id('E');
                Rc::make_mut(&mut doc.entities).push(Entity { id: id.clone(), label: label.clone(), name: text.clone(), gender: None });
                id
            }
        };
        let id = self.new_id('M');
        let mentions = Rc::make_mut(&mut doc.mentions);
        let at = mentions.partition_point(|m| (m.start, m.end) <= (start, end));
        mentions.insert(
            at,
            Mention { id: id.clone(), start, end, text: text.clone(), label: label.clone(), entity: Some(entity), origin: Origin::Manual },
        );
        self.commit(doc, format!("Added {label} “{text}”."), format!("the new {label} “{}”", shorten(&text, 40)));
        self.selection = Some(Sel::Mention(id));
    }

    pub(super) fn add_quote(&mut self, start: usize, end: usize, kind: QuoteKind) {
        let Some((start, end)) = self.valid_range(start, end) else {
            return self.error("Select the quoted words in the article first.");
        };
        if self.doc.quotes.iter().any(|q| q.start == start && q.end == end) {
            return self.error("That span is already a quote.");
        }
        let text = slice_cp(&self.doc.text, start, end).to_string();
        let name = quote_name(&text);
        let id = self.new_id('Q');
        let mut doc = self.doc.clone();
        let quotes = Rc::make_mut(&mut doc.quotes);
        let at = quotes.partition_point(|q| (q.start, q.end) <= (start, end));
        quotes.insert(
            at,
            Quote {
                id: id.clone(),
                start,
                end,
                text,
                kind,
                cue: None,
                speaker: None,
                entity: None,
                origin: Origin::Manual,
            },
        );
        self.commit(doc, format!("Added the {} quote {name}.", kind.as_str()), format!("the new quote {name}"));
        self.selection = Some(Sel::Quote(id));
    }

    /// A label belongs to the entity: changing it on one mention changes it on all of them
    /// (split the mention off first to label it alone).
    pub(super) fn set_label(&mut self, mention: &str, label: String) {
        let label = label.trim().to_string();
        if label.is_empty() {
            return self.error("A label cannot be empty.");
        }
        let Some(m) = self.doc.mention(mention).cloned() else {
            return self.error(GONE_MENTION);
        };
        if m.label == label {
            return;
        }
        let name = m.entity.as_deref().and_then(|e| self.doc.entity(e)).map_or(m.text.clone(), |e| e.name.clone());
        let mut doc = self.doc.clone();
        let mentions = Rc::make_mut(&mut doc.mentions);
        for x in mentions.iter_mut() {
            if x.id == m.id || (m.entity.is_some() && x.entity == m.entity) {
                x.label = label.clone();
                x.origin = Origin::Manual;
            }
        }
        if let Some(eid) = &m.entity {
            if let Some(e) = Rc::make_mut(&mut doc.entities).iter_mut().find(|e| &e.id == eid) {
                e.label = label.clone();
            }
        }
        self.commit(doc, format!("“{name}” is now {label}."), format!("the label {label} for “{name}” (was {})", m.label));
    }

    pub(super) fn delete(&mut self, sel: Sel) {
        let next = self.after_deleted(&sel);
        let before = self.revision;
        let mut doc = self.doc.clone();
        match &sel {
            Sel::Mention(id) => {
                let Some(m) = self.doc.mention(id).cloned() else {
                    return self.error(GONE_MENTION);
                };
                Rc::make_mut(&mut doc.mentions).retain(|x| x.id != m.id);
                if let Some(eid) = &m.entity {
                    if !doc.mentions.iter().any(|x| x.entity.as_ref() == Some(eid)) {
                        remove_entity(&mut doc, eid);
                    }
                }
                let gone = if doc.entity(m.entity.as_deref().unwrap_or("")).is_none() && m.entity.is_some() { " and its entity" } else { "" };
                self.commit(doc, format!("Deleted “{}”{gone}.", m.text), format!("the deletion of “{}”", m.text));
            }
            Sel::Quote(id) => {
                let Some(name) = self.doc.quote(id).map(|q| quote_name(&q.text)) else {
                    return self.error(GONE_QUOTE);
                };
                Rc::make_mut(&mut doc.quotes).retain(|q| &q.id != id);
                self.commit(doc, format!("Deleted the quote {name}."), format!("the deletion of the quote {name}"));
            }
            Sel::Entity(id) => {
                let Some(name) = self.doc.entity(id).map(|e| e.name.clone()) else {
                    return self.error(GONE_ENTITY);
                };
                let (mentions, quotes) = entity_reach(&self.doc, id);
                Rc::make_mut(&mut doc.mentions).retain(|m| m.entity.as_ref() != Some(id));
                remove_entity(&mut doc, id);
                self.commit(doc, format!("Deleted “{name}”: {}.", reach_words(mentions, quotes)), format!("the deletion of “{name}”"));
            }
        }
        if self.revision != before {
            // The next annotation of the same kind takes the selection and the focus.
            self.selection = next;
            self.fix_selection();
            self.reveal += 1;
        }
    }

    /// What is selected after deleting `sel`: the next annotation of the same kind
    /// in the text (mentions of another entity for an entity), else the one before.
    fn after_deleted(&self, sel: &Sel) -> Option<Sel> {
        let pick = |spans: Vec<(usize, String)>, at: usize| {
            spans.iter().find(|(s, _)| *s > at).or_else(|| spans.iter().rev().find(|(s, _)| *s < at)).map(|(_, id)| id.clone())
        };
        match sel {
            Sel::Mention(id) => {
                let at = self.doc.mention(id)?.start;
                let others = self.doc.mentions.iter().filter(|m| &m.id != id).map(|m| (m.start, m.id.clone())).collect();
                pick(others, at).map(Sel::Mention)
            }
            Sel::Quote(id) => {
                let at = self.doc.quote(id)?.start;
                let others = self.doc.quotes.iter().filter(|q| &q.id != id).map(|q| (q.start, q.id.clone())).collect();
                pick(others, at).map(Sel::Quote)
            }
            Sel::Entity(id) => {
                let at = self.doc.mentions.iter().find(|m| m.entity.as_deref() == Some(id))?.start;
                let others =
                    self.doc.mentions.iter().filter(|m| m.entity.as_deref() != Some(id)).map(|m| (m.start, m.id.clone())).collect();
                pick(others, at).map(Sel::Mention)
            }
        }
    }

    pub(super) fn adjust(&mut self, target: Sel, edge: Edge, step: Step) {
        let (start, end) = match &target {
            Sel::Mention(id) => match self.doc.mention(id) {
                Some(m) => (m.start, m.end),
                None => return self.error(GONE_MENTION),
            },
            Sel::Quote(id) => match self.doc.quote(id) {
                Some(q) => (q.start, q.end),
                None => return self.error(GONE_QUOTE),
            },
            Sel::Entity(_) => return self.error("Select a single mention or quote to move its boundaries."),
        };
        let w = &self.words;
        let moved = match (edge, step) {
            (Edge::Start, Step::Extend) => w.iter().rev().find(|t| t.0 < start).map(|t| (t.0, end)),
            (Edge::Start, Step::Shrink) => w.iter().find(|t| t.0 > start && t.0 < end).map(|t| (t.0, end)),
            (Edge::End, Step::Extend) => w.iter().find(|t| t.1 > end).map(|t| (start, t.1)),
            (Edge::End, Step::Shrink) => w.iter().rev().find(|t| t.1 < end && t.1 > start).map(|t| (start, t.1)),
        };
        let Some((ns, ne)) = moved else {
            let why = if step == Step::Shrink { "It cannot get any shorter." } else { "There is no word to take in." };
            return self.error(why);
        };
        let text = slice_cp(&self.doc.text, ns, ne).to_string();
        let mut doc = self.doc.clone();
        match &target {
            Sel::Mention(id) => {
                let mentions = Rc::make_mut(&mut doc.mentions);
                let mut entity = None;
                for m in mentions.iter_mut().filter(|m| &m.id == id) {
                    m.start = ns;
                    m.end = ne;
                    m.text = text.clone();
                    m.origin = Origin::Manual;
                    entity = m.entity.clone();
                }
                mentions.sort_by_key(|m| (m.start, m.end));
                // A lone mention names its entity.
                if let Some(eid) = entity {
                    if doc.mentions.iter().filter(|m| m.entity.as_ref() == Some(&eid)).count() == 1 {
                        if let Some(e) = Rc::make_mut(&mut doc.entities).iter_mut().find(|e| e.id == eid) {
                            e.name = text.clone();
                        }
                    }
                }
            }
            Sel::Quote(id) => {
                let quotes = Rc::make_mut(&mut doc.quotes);
                for q in quotes.iter_mut().filter(|q| &q.id == id) {
                    q.start = ns;
                    q.end = ne;
                    q.text = text.clone();
                    q.origin = Origin::Manual;
                }
                quotes.sort_by_key(|q| (q.start, q.end));
            }
            Sel::Entity(_) => {}
        }
        let what = match &target {
            Sel::Quote(_) => format!("the new boundaries of the quote {}", quote_name(slice_cp(&self.doc.text, start, end))),
            _ => format!("the new boundaries of “{}”", shorten(slice_cp(&self.doc.text, start, end), 40)),
        };
        self.commit(doc, format!("Now “{}”.", shorten(&text, 60)), what);
    }

    pub(super) fn set_speaker(&mut self, quote: &str, entity: Option<String>) {
        let Some(q) = self.doc.quote(quote).cloned() else {
            return self.error(GONE_QUOTE);
        };
        let mut doc = self.doc.clone();
        let name = quote_name(&q.text);
        let was = q.entity.as_deref().and_then(|e| self.doc.entity(e)).map_or("no named speaker".to_string(), |e| e.name.clone());
        let (speaker, what) = match &entity {
            Some(eid) => {
                let Some(e) = self.doc.entity(eid) else {
                    return self.error(GONE_ENTITY);
                };
                // The speaker span: the entity's mention nearest before the quote
                // (else the nearest after it).
                let ms: Vec<&Mention> = self.doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(eid)).collect();
                let before = ms.iter().filter(|m| m.end <= q.start).max_by_key(|m| m.end);
                let after = ms.iter().filter(|m| m.start >= q.end).min_by_key(|m| m.start);
                let inside = ms.iter().find(|m| m.start >= q.start && m.end <= q.end);
                let span = before.or(after).or(inside).map(|m| Span { start: m.start, end: m.end, text: m.text.clone() });
                (span.or(q.speaker.clone()), format!("The quote {name} is now attributed to {}.", e.name))
            }
            None => {
                // Keep a speaker span that names no entity ("officials"); drop one that names the old entity.
                let keep = q.speaker.clone().filter(|s| {
                    !self.doc.mentions.iter().any(|m| m.start == s.start && m.end == s.end && m.entity.is_some())
                });
                (keep, format!("The quote {name} now has no named speaker."))
            }
        };
        if q.entity == entity && q.speaker == speaker {
            return;
        }
        for x in Rc::make_mut(&mut doc.quotes).iter_mut().filter(|x| x.id == quote) {
            x.entity = entity.clone();
            x.speaker = speaker.clone();
            x.origin = Origin::Manual;
        }
        self.commit(doc, what, format!("the re-attribution of {name} (was {was})"));
    }

    pub(super) fn set_speaker_span(&mut self, quote: &str, start: usize, end: usize) {
        let Some(name) = self.doc.quote(quote).map(|q| quote_name(&q.text)) else {
            return self.error(GONE_QUOTE);
        };
        let Some((start, end)) = self.valid_range(start, end) else {
            return self.error("Select the speaker’s words in the article first.");
        };
        let text = slice_cp(&self.doc.text, start, end).to_string();
        // The entity: a mention covering the words, else an entity with that name.
        let entity = self
            .doc
            .mentions
            .iter()
            .filter(|m| m.start <= start && m.end >= end || m.start >= start && m.end <= end)
            .find_map(|m| m.entity.clone())
            .or_else(|| self.doc.entities.iter().find(|e| e.name == text).map(|e| e.id.clone()));
        let mut doc = self.doc.clone();
        for x in Rc::make_mut(&mut doc.quotes).iter_mut().filter(|x| x.id == quote) {
            x.speaker = Some(Span { start, end, text: text.clone() });
            x.entity = entity.clone();
            x.origin = Origin::Manual;
        }
        let who = entity.as_deref().and_then(|e| self.doc.entity(e)).map_or(text.clone(), |e| e.name.clone());
        self.commit(doc, format!("The quote {name} is now attributed to {who}."), format!("the re-attribution of {name} to {who}"));
    }

    pub(super) fn merge(&mut self, into: &str, from: &str) {
        if into == from {
            return self.error("Choose a different entity to merge with.");
        }
        let (Some(keep), Some(gone)) = (self.doc.entity(into).cloned(), self.doc.entity(from).cloned()) else {
            return self.error("Both entities must exist to merge them.");
        };
        let mut doc = self.doc.clone();
        for m in Rc::make_mut(&mut doc.mentions).iter_mut().filter(|m| m.entity.as_deref() == Some(from)) {
            m.entity = Some(into.to_string());
            m.label = keep.label.clone();
            m.origin = Origin::Manual;
        }
        for q in Rc::make_mut(&mut doc.quotes).iter_mut().filter(|q| q.entity.as_deref() == Some(from)) {
            q.entity = Some(into.to_string());
            q.origin = Origin::Manual;
        }
        Rc::make_mut(&mut doc.entities).retain(|e| e.id != from);
        // The kept entity keeps its gender; it takes the other's when it has none.
        if keep.gender.is_none() && gone.gender.is_some() {
            if let Some(e) = Rc::make_mut(&mut doc.entities).iter_mut().find(|e| e.id == into) {
                e.gender = gone.gender;
            }
        }
        self.commit(doc, format!("Merged “{}” into “{}”.", gone.name, keep.name), format!("the merge of “{}” into “{}”", gone.name, keep.name));
        if self.selection == Some(Sel::Entity(from.to_string())) {
            self.selection = Some(Sel::Entity(into.to_string()));
        }
    }

    /// A user's word on a person's gender (recorded as `manual`; "unknown" too,
    /// so that re-annotating never brings the inference back over it).
    pub(super) fn set_gender(&mut self, entity: &str, value: GenderValue) {
        let mut doc = self.doc.clone();
        let Some(e) = Rc::make_mut(&mut doc.entities).iter_mut().find(|e| e.id == entity) else {
            return self.error(GONE_ENTITY);
        };
        if e.label != "PERSON" {
            return self.error(format!("Only a person has a gender here, and “{}” is {}.", e.name, e.label));
        }
        let tag = GenderTag { value, origin: Origin::Manual };
        if e.gender == Some(tag) {
            return;
        }
        let was = e.gender_value();
        e.gender = Some(tag);
        let name = e.name.clone();
        self.commit(
            doc,
            format!("“{name}” is now counted as {}.", value.as_str()),
            format!("the gender of “{name}” set to {} (was {})", value.as_str(), was.as_str()),
        );
    }

    pub(super) fn split(&mut self, mention: &str) {
        let Some(m) = self.doc.mention(mention).cloned() else {
            return self.error(GONE_MENTION);
        };
        if let Some(eid) = &m.entity {
            if self.doc.mentions.iter().filter(|x| x.entity.as_ref() == Some(eid)).count() == 1 {
                return self.error(format!("“{}” is already the only mention of its entity.", m.text));
            }
        }
        let id = self.new_id('E');
        let mut doc = self.doc.clone();
        Rc::make_mut(&mut doc.entities).push(Entity { id: id.clone(), label: m.label.clone(), name: m.text.clone(), gender: None });
        for x in Rc::make_mut(&mut doc.mentions).iter_mut().filter(|x| x.id == m.id) {
            x.entity = Some(id.clone());
            x.origin = Origin::Manual;
        }
        // Quotes whose speaker is this very mention follow it.
        for q in Rc::make_mut(&mut doc.quotes).iter_mut() {
            if q.entity == m.entity && q.speaker.as_ref().is_some_and(|s| s.start == m.start && s.end == m.end) {
                q.entity = Some(id.clone());
                q.origin = Origin::Manual;
            }
        }
        self.commit(doc, format!("“{}” is now its own entity.", m.text), format!("the split of “{}”", m.text));
    }
}

/// Removes an entity and every reference to it.
pub(super) fn remove_entity(doc: &mut Doc, eid: &str) {
    Rc::make_mut(&mut doc.entities).retain(|e| e.id != eid);
    if doc.quotes.iter().any(|q| q.entity.as_deref() == Some(eid)) {
        for q in Rc::make_mut(&mut doc.quotes).iter_mut().filter(|q| q.entity.as_deref() == Some(eid)) {
            q.entity = None;
            q.origin = Origin::Manual;
        }
    }
}

/// How many mentions and quotes name entity `id` (what deleting it affects).
pub fn entity_reach(doc: &Doc, id: &str) -> (usize, usize) {
    let mentions = doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(id)).count();
    let quotes = doc.quotes.iter().filter(|q| q.entity.as_deref() == Some(id)).count();
    (mentions, quotes)
}

/// "3 mentions removed; 2 quotes lose their speaker".
pub fn reach_words(mentions: usize, quotes: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut out = format!("{} removed", plural(mentions, "mention", "mentions"));
    if quotes > 0 {
        let verb = if quotes == 1 { "loses its" } else { "lose their" };
        out.push_str(&format!("; {} {verb} named speaker", plural(quotes, "quote", "quotes")));
    }
    out
}
