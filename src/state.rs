//! The app's state and every edit a user can make, as one pure reducer.
//!
//! Nothing here touches the browser, so every action and undo/redo is tested
//! natively. The document is kept as [`Doc`]: the export [`Document`] with its
//! text and each layer behind an `Rc`, so an edit copies only the layer it
//! changes and the undo history of a long article stays small.

use std::collections::BTreeSet;
use std::rc::Rc;

use saywho_core::format::{FORMAT_NAME, FORMAT_VERSION};
use saywho_core::{Document, Entity, Mention, Origin, Quote, QuoteKind, Span};
use yew::Reducible;

/// How many edits undo can go back.
pub const HISTORY_LIMIT: usize = 200;

/// Which annotator produced a document's annotations. Kept with every snapshot,
/// so undoing a re-annotation brings back what the document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnnotatedBy {
    /// Opened from a file, restored, or empty: nobody knows.
    #[default]
    Elsewhere,
    /// The rules alone (the statistical models were not loaded yet).
    Rules,
    /// The rules with the statistical models.
    Models,
}

/// The annotated document, shared cheaply between snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub text: Rc<str>,
    pub entities: Rc<Vec<Entity>>,
    pub mentions: Rc<Vec<Mention>>,
    pub quotes: Rc<Vec<Quote>>,
    pub by: AnnotatedBy,
}

impl Doc {
    pub fn from_document(d: Document) -> Doc {
        Doc {
            text: Rc::from(d.text.as_str()),
            entities: Rc::new(d.entities),
            mentions: Rc::new(d.mentions),
            quotes: Rc::new(d.quotes),
            by: AnnotatedBy::Elsewhere,
        }
    }

    /// The export document (format version 1), in this document's order.
    pub fn to_document(&self) -> Document {
        Document {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            text: self.text.to_string(),
            entities: (*self.entities).clone(),
            mentions: (*self.mentions).clone(),
            quotes: (*self.quotes).clone(),
        }
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    pub fn mention(&self, id: &str) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.id == id)
    }

    pub fn quote(&self, id: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// What is selected: one mention, one quote, or a whole entity (from the side panel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sel {
    Mention(String),
    Quote(String),
    Entity(String),
}

/// Which boundary of a span to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// Grow the span by one word, or shrink it by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Extend,
    Shrink,
}

/// What the page shows and hides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filters {
    pub entities: bool,
    pub quotes: bool,
    pub hidden_labels: BTreeSet<String>,
    pub hidden_kinds: BTreeSet<QuoteKind>,
}

impl Default for Filters {
    fn default() -> Self {
        Filters { entities: true, quotes: true, hidden_labels: BTreeSet::new(), hidden_kinds: BTreeSet::new() }
    }
}

/// A message for the user: info goes to `role=status`, errors to `role=alert`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub doc: Doc,
    /// Code-point spans of the words of `doc.text`, for boundary moves.
    pub words: Rc<Vec<(usize, usize)>>,
    pub selection: Option<Sel>,
    pub filters: Filters,
    pub past: Vec<Doc>,
    pub future: Vec<Doc>,
    /// Next number for new ids; never goes back, so ids are never reused.
    pub next_entity: usize,
    pub next_mention: usize,
    pub next_quote: usize,
    pub notice: Option<Notice>,
    /// Bumped by every change to the document (for autosave).
    pub revision: u64,
}

impl Default for State {
    fn default() -> Self {
        State::new(Document::empty(""))
    }
}

/// Every change a user can make. Edits are undoable; the rest are not.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Replace the document (sample, import, restore, new); clears undo.
    Load { doc: Document, notice: Option<Notice> },
    /// Replace the document with the annotator's output; clears undo.
    Annotated { doc: Document, notice: Option<Notice>, by: AnnotatedBy },
    /// Replace the annotations of the same text with the models' output, as
    /// one undoable edit: undo brings the corrections back.
    Reannotate { doc: Document, notice: Option<Notice> },
    Select(Option<Sel>),
    Notify(Option<Notice>),
    SetFilters(Filters),
    AddEntity { start: usize, end: usize, label: String },
    AddQuote { start: usize, end: usize, kind: QuoteKind },
    SetLabel { mention: String, label: String },
    SetKind { quote: String, kind: QuoteKind },
    /// Delete the selected mention or quote.
    Delete(Sel),
    Adjust { target: Sel, edge: Edge, step: Step },
    /// Attribute a quote to an entity (`None`: no named speaker).
    SetSpeaker { quote: String, entity: Option<String> },
    /// Attribute a quote to the words at `start..end` in the text.
    SetSpeakerSpan { quote: String, start: usize, end: usize },
    /// Merge entity `from` into `into`.
    Merge { into: String, from: String },
    SplitMention { mention: String },
    Rename { entity: String, name: String },
    Undo,
    Redo,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

/// The number in an id such as "M12".
fn id_num(id: &str) -> usize {
    id.get(1..).and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn next_after<'a>(ids: impl Iterator<Item = &'a String>) -> usize {
    ids.map(|i| id_num(i)).max().unwrap_or(0) + 1
}

/// The text between code points `start` and `end`.
pub fn slice_cp(text: &str, start: usize, end: usize) -> &str {
    if text.is_ascii() {
        let e = end.min(text.len());
        return &text[start.min(e)..e];
    }
    let b = byte_of(text, start);
    let e = byte_of(text, end).max(b);
    &text[b..e]
}

fn byte_of(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

/// Word spans in code points, from the core's tokenizer (punctuation included as tokens).
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let off = saywho_core::text::Offsets::new(text);
    saywho_core::text::tokenize(text).iter().map(|t| (off.to_char(t.start), off.to_char(t.end))).collect()
}

/// Shrinks `start..end` to exclude surrounding whitespace.
fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = slice_cp(text, start, end);
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    let len = s.chars().count();
    if lead == len {
        return (start, start);
    }
    (start + lead, end - trail)
}

impl State {
    pub fn new(doc: Document) -> State {
        let next_entity = next_after(doc.entities.iter().map(|e| &e.id));
        let next_mention = next_after(doc.mentions.iter().map(|m| &m.id));
        let next_quote = next_after(doc.quotes.iter().map(|q| &q.id));
        let words = Rc::new(word_spans(&doc.text));
        State {
            doc: Doc::from_document(doc),
            words,
            selection: None,
            filters: Filters::default(),
            past: Vec::new(),
            future: Vec::new(),
            next_entity,
            next_mention,
            next_quote,
            notice: None,
            revision: 0,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Whether the document is the rules' output, untouched (no edit, nothing
    /// undone): annotating it again with the models loses nothing.
    pub fn awaits_models(&self) -> bool {
        self.doc.by == AnnotatedBy::Rules && self.past.is_empty() && self.future.is_empty() && !self.doc.is_empty()
    }

    fn error(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Error(msg.into()));
    }

    /// Records `doc` as the new document, keeping the old one for undo.
    fn commit(&mut self, doc: Doc, what: impl Into<String>) {
        let old = std::mem::replace(&mut self.doc, doc);
        self.past.push(old);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
        self.revision += 1;
        self.notice = Some(Notice::Info(what.into()));
    }

    fn new_id(&mut self, prefix: char) -> String {
        let n = match prefix {
            'E' => &mut self.next_entity,
            'M' => &mut self.next_mention,
            _ => &mut self.next_quote,
        };
        let id = format!("{prefix}{n}");
        *n += 1;
        id
    }

    /// Drops the selection if what it names no longer exists.
    fn fix_selection(&mut self) {
        let keep = match &self.selection {
            Some(Sel::Mention(id)) => self.doc.mention(id).is_some(),
            Some(Sel::Quote(id)) => self.doc.quote(id).is_some(),
            Some(Sel::Entity(id)) => self.doc.entity(id).is_some(),
            None => true,
        };
        if !keep {
            self.selection = None;
        }
    }

    fn valid_range(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let len = self.doc.text.chars().count();
        if start >= end || end > len {
            return None;
        }
        let (s, e) = trim_span(&self.doc.text, start, end);
        (s < e).then_some((s, e))
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Load { doc, notice } => {
                let filters = self.filters.clone();
                let revision = self.revision + 1;
                *self = State::new(doc);
                self.filters = filters;
                self.revision = revision;
                self.notice = notice;
            }
            Action::Annotated { doc, notice, by } => {
                self.apply(Action::Load { doc, notice });
                self.doc.by = by;
            }
            Action::Reannotate { doc, notice } => self.reannotate(doc, notice),
            Action::Select(sel) => {
                self.selection = sel;
                self.fix_selection();
            }
            Action::Notify(n) => self.notice = n,
            Action::SetFilters(f) => self.filters = f,
            Action::AddEntity { start, end, label } => self.add_entity(start, end, label),
            Action::AddQuote { start, end, kind } => self.add_quote(start, end, kind),
            Action::SetLabel { mention, label } => self.set_label(&mention, label),
            Action::SetKind { quote, kind } => {
                let mut doc = self.doc.clone();
                let quotes = Rc::make_mut(&mut doc.quotes);
                match quotes.iter_mut().find(|q| q.id == quote) {
                    Some(q) if q.kind != kind => {
                        q.kind = kind;
                        q.origin = Origin::Manual;
                        self.commit(doc, format!("{quote} is now a {} quote.", kind.as_str()));
                    }
                    Some(_) => {}
                    None => self.error(format!("There is no quote {quote}.")),
                }
            }
            Action::Delete(sel) => self.delete(sel),
            Action::Adjust { target, edge, step } => self.adjust(target, edge, step),
            Action::SetSpeaker { quote, entity } => self.set_speaker(&quote, entity),
            Action::SetSpeakerSpan { quote, start, end } => self.set_speaker_span(&quote, start, end),
            Action::Merge { into, from } => self.merge(&into, &from),
            Action::SplitMention { mention } => self.split(&mention),
            Action::Rename { entity, name } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return self.error("An entity name cannot be empty.");
                }
                let mut doc = self.doc.clone();
                match Rc::make_mut(&mut doc.entities).iter_mut().find(|e| e.id == entity) {
                    Some(e) if e.name != name => {
                        e.name = name.clone();
                        self.commit(doc, format!("Renamed {entity} to “{name}”."));
                    }
                    Some(_) => {}
                    None => self.error(format!("There is no entity {entity}.")),
                }
            }
            Action::Undo => match self.past.pop() {
                Some(prev) => {
                    let cur = std::mem::replace(&mut self.doc, prev);
                    self.future.push(cur);
                    self.revision += 1;
                    self.notice = Some(Notice::Info("Undone.".into()));
                    self.fix_selection();
                }
                None => self.notice = Some(Notice::Info("Nothing to undo.".into())),
            },
            Action::Redo => match self.future.pop() {
                Some(next) => {
                    let cur = std::mem::replace(&mut self.doc, next);
                    self.past.push(cur);
                    self.revision += 1;
                    self.notice = Some(Notice::Info("Redone.".into()));
                    self.fix_selection();
                }
                None => self.notice = Some(Notice::Info("Nothing to redo.".into())),
            },
        }
    }

    fn reannotate(&mut self, doc: Document, notice: Option<Notice>) {
        if *doc.text != *self.doc.text {
            return self.error("The text changed while it was being annotated: annotate it again.");
        }
        // Ids of both versions stay taken, so an undo never brings back a clash.
        self.next_entity = self.next_entity.max(next_after(doc.entities.iter().map(|e| &e.id)));
        self.next_mention = self.next_mention.max(next_after(doc.mentions.iter().map(|m| &m.id)));
        self.next_quote = self.next_quote.max(next_after(doc.quotes.iter().map(|q| &q.id)));
        let mut next = Doc::from_document(doc);
        next.text = self.doc.text.clone();
        next.by = AnnotatedBy::Models;
        self.commit(next, "");
        self.notice = notice;
        // The same id may name something else now.
        self.selection = None;
    }

    fn add_entity(&mut self, start: usize, end: usize, label: String) {
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
                Rc::make_mut(&mut doc.entities).push(Entity { id: id.clone(), label: label.clone(), name: text.clone() });
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
        self.commit(doc, format!("Added {label} “{text}”."));
        self.selection = Some(Sel::Mention(id));
    }

    fn add_quote(&mut self, start: usize, end: usize, kind: QuoteKind) {
        let Some((start, end)) = self.valid_range(start, end) else {
            return self.error("Select the quoted words in the article first.");
        };
        if self.doc.quotes.iter().any(|q| q.start == start && q.end == end) {
            return self.error("That span is already a quote.");
        }
        let text = slice_cp(&self.doc.text, start, end).to_string();
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
        self.commit(doc, format!("Added a {} quote.", kind.as_str()));
        self.selection = Some(Sel::Quote(id));
    }

    /// A label belongs to the entity: changing it on one mention changes it on all of them
    /// (split the mention off first to label it alone).
    fn set_label(&mut self, mention: &str, label: String) {
        let label = label.trim().to_string();
        if label.is_empty() {
            return self.error("A label cannot be empty.");
        }
        let Some(m) = self.doc.mention(mention).cloned() else {
            return self.error(format!("There is no mention {mention}."));
        };
        if m.label == label {
            return;
        }
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
        self.commit(doc, format!("“{}” is now {label}.", m.text));
    }

    fn delete(&mut self, sel: Sel) {
        let mut doc = self.doc.clone();
        match &sel {
            Sel::Mention(id) => {
                let Some(m) = self.doc.mention(id).cloned() else {
                    return self.error(format!("There is no mention {id}."));
                };
                Rc::make_mut(&mut doc.mentions).retain(|x| x.id != m.id);
                if let Some(eid) = &m.entity {
                    if !doc.mentions.iter().any(|x| x.entity.as_ref() == Some(eid)) {
                        remove_entity(&mut doc, eid);
                    }
                }
                self.commit(doc, format!("Deleted “{}”.", m.text));
            }
            Sel::Quote(id) => {
                if self.doc.quote(id).is_none() {
                    return self.error(format!("There is no quote {id}."));
                }
                Rc::make_mut(&mut doc.quotes).retain(|q| &q.id != id);
                self.commit(doc, format!("Deleted quote {id}."));
            }
            Sel::Entity(id) => {
                if self.doc.entity(id).is_none() {
                    return self.error(format!("There is no entity {id}."));
                }
                Rc::make_mut(&mut doc.mentions).retain(|m| m.entity.as_ref() != Some(id));
                remove_entity(&mut doc, id);
                self.commit(doc, format!("Deleted entity {id} and its mentions."));
            }
        }
        self.selection = None;
    }

    fn adjust(&mut self, target: Sel, edge: Edge, step: Step) {
        let (start, end) = match &target {
            Sel::Mention(id) => match self.doc.mention(id) {
                Some(m) => (m.start, m.end),
                None => return self.error(format!("There is no mention {id}.")),
            },
            Sel::Quote(id) => match self.doc.quote(id) {
                Some(q) => (q.start, q.end),
                None => return self.error(format!("There is no quote {id}.")),
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
        self.commit(doc, format!("Now “{}”.", shorten(&text, 60)));
    }

    fn set_speaker(&mut self, quote: &str, entity: Option<String>) {
        let Some(q) = self.doc.quote(quote).cloned() else {
            return self.error(format!("There is no quote {quote}."));
        };
        let mut doc = self.doc.clone();
        let (speaker, what) = match &entity {
            Some(eid) => {
                let Some(e) = self.doc.entity(eid) else {
                    return self.error(format!("There is no entity {eid}."));
                };
                // The speaker span: the entity's mention nearest before the quote
                // (else the nearest after it).
                let ms: Vec<&Mention> = self.doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(eid)).collect();
                let before = ms.iter().filter(|m| m.end <= q.start).max_by_key(|m| m.end);
                let after = ms.iter().filter(|m| m.start >= q.end).min_by_key(|m| m.start);
                let inside = ms.iter().find(|m| m.start >= q.start && m.end <= q.end);
                let span = before.or(after).or(inside).map(|m| Span { start: m.start, end: m.end, text: m.text.clone() });
                (span.or(q.speaker.clone()), format!("{quote} is now attributed to {}.", e.name))
            }
            None => {
                // Keep a speaker span that names no entity ("officials"); drop one that names the old entity.
                let keep = q.speaker.clone().filter(|s| {
                    !self.doc.mentions.iter().any(|m| m.start == s.start && m.end == s.end && m.entity.is_some())
                });
                (keep, format!("{quote} now has no named speaker."))
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
        self.commit(doc, what);
    }

    fn set_speaker_span(&mut self, quote: &str, start: usize, end: usize) {
        if self.doc.quote(quote).is_none() {
            return self.error(format!("There is no quote {quote}."));
        }
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
        self.commit(doc, format!("{quote} is now attributed to {who}."));
    }

    fn merge(&mut self, into: &str, from: &str) {
        if into == from {
            return self.error("Choose a different entity to merge with.");
        }
        let (Some(keep), Some(_)) = (self.doc.entity(into).cloned(), self.doc.entity(from)) else {
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
        self.commit(doc, format!("Merged {from} into {} ({into}).", keep.name));
        if self.selection == Some(Sel::Entity(from.to_string())) {
            self.selection = Some(Sel::Entity(into.to_string()));
        }
    }

    fn split(&mut self, mention: &str) {
        let Some(m) = self.doc.mention(mention).cloned() else {
            return self.error(format!("There is no mention {mention}."));
        };
        if let Some(eid) = &m.entity {
            if self.doc.mentions.iter().filter(|x| x.entity.as_ref() == Some(eid)).count() == 1 {
                return self.error(format!("“{}” is already the only mention of its entity.", m.text));
            }
        }
        let id = self.new_id('E');
        let mut doc = self.doc.clone();
        Rc::make_mut(&mut doc.entities).push(Entity { id: id.clone(), label: m.label.clone(), name: m.text.clone() });
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
        self.commit(doc, format!("“{}” is now its own entity {id}.", m.text));
    }
}

/// Removes an entity and every reference to it.
fn remove_entity(doc: &mut Doc, eid: &str) {
    Rc::make_mut(&mut doc.entities).retain(|e| e.id != eid);
    if doc.quotes.iter().any(|q| q.entity.as_deref() == Some(eid)) {
        for q in Rc::make_mut(&mut doc.quotes).iter_mut().filter(|q| q.entity.as_deref() == Some(eid)) {
            q.entity = None;
            q.origin = Origin::Manual;
        }
    }
}

/// `s` cut to `n` characters with an ellipsis.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A small document built by hand: "Ana Ruiz said “We will build it.” Ruiz left Oslo."
    pub fn fixture() -> Document {
        let text = "Ana Ruiz said “We will build it.” Ruiz left Oslo. Officials said it was late.";
        let span = |s: &str, nth: usize| {
            let b = text.match_indices(s).nth(nth).unwrap().0;
            let start = text[..b].chars().count();
            (start, start + s.chars().count())
        };
        let m = |id: &str, s: &str, nth: usize, label: &str, e: &str| {
            let (start, end) = span(s, nth);
            Mention { id: id.into(), start, end, text: s.into(), label: label.into(), entity: Some(e.into()), origin: Origin::Auto }
        };
        let (qs, qe) = span("“We will build it.”", 0);
        let (cs, ce) = span("said", 0);
        let (ss, se) = span("Ana Ruiz", 0);
        let (os, oe) = span("it was late", 0);
        let (c2s, c2e) = span("said", 1);
        let (s2s, s2e) = span("Officials", 0);
        Document {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            text: text.into(),
            entities: vec![
                Entity { id: "E1".into(), label: "PERSON".into(), name: "Ana Ruiz".into() },
                Entity { id: "E2".into(), label: "LOC".into(), name: "Oslo".into() },
            ],
            mentions: vec![
                m("M1", "Ana Ruiz", 0, "PERSON", "E1"),
                m("M2", "Ruiz", 1, "PERSON", "E1"),
                m("M3", "Oslo", 0, "LOC", "E2"),
            ],
            quotes: vec![
                Quote {
                    id: "Q1".into(),
                    start: qs,
                    end: qe,
                    text: "“We will build it.”".into(),
                    kind: QuoteKind::Direct,
                    cue: Some(Span { start: cs, end: ce, text: "said".into() }),
                    speaker: Some(Span { start: ss, end: se, text: "Ana Ruiz".into() }),
                    entity: Some("E1".into()),
                    origin: Origin::Auto,
                },
                Quote {
                    id: "Q2".into(),
                    start: os,
                    end: oe,
                    text: "it was late".into(),
                    kind: QuoteKind::Indirect,
                    cue: Some(Span { start: c2s, end: c2e, text: "said".into() }),
                    speaker: Some(Span { start: s2s, end: s2e, text: "Officials".into() }),
                    entity: None,
                    origin: Origin::Auto,
                },
            ],
        }
    }

    fn state() -> State {
        State::new(fixture())
    }

    fn run(s: &mut State, actions: Vec<Action>) {
        for a in actions {
            s.apply(a);
        }
    }

    fn cp(text: &str, needle: &str) -> (usize, usize) {
        let b = text.find(needle).unwrap();
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn err(s: &State) -> Option<&str> {
        match &s.notice {
            Some(Notice::Error(e)) => Some(e),
            _ => None,
        }
    }

    /// Every span's text equals the document text at its offsets, and every reference resolves.
    fn assert_consistent(s: &State) {
        let d = s.doc.to_document();
        for m in &d.mentions {
            assert_eq!(slice_cp(&d.text, m.start, m.end), m.text, "mention {}", m.id);
            if let Some(e) = &m.entity {
                assert!(d.entities.iter().any(|x| &x.id == e), "mention {} -> {e}", m.id);
            }
        }
        for q in &d.quotes {
            assert_eq!(slice_cp(&d.text, q.start, q.end), q.text, "quote {}", q.id);
            for sp in [&q.cue, &q.speaker].into_iter().flatten() {
                assert_eq!(slice_cp(&d.text, sp.start, sp.end), sp.text);
            }
            if let Some(e) = &q.entity {
                assert!(d.entities.iter().any(|x| &x.id == e), "quote {} -> {e}", q.id);
            }
        }
    }

    #[test]
    fn uncorrected_round_trip_is_identical() {
        let d = fixture();
        assert_eq!(State::new(d.clone()).doc.to_document().to_json(), d.to_json());
    }

    #[test]
    fn add_entity_gets_next_ids_and_manual_origin() {
        let mut s = state();
        let (a, b) = cp(&s.doc.text.clone(), "Officials");
        s.apply(Action::AddEntity { start: a, end: b, label: "ORG".into() });
        let m = s.doc.mention("M4").expect("new mention M4");
        assert_eq!((m.text.as_str(), m.label.as_str(), m.entity.as_deref(), m.origin), ("Officials", "ORG", Some("E3"), Origin::Manual));
        assert_eq!(s.doc.entity("E3").unwrap().name, "Officials");
        assert_eq!(s.selection, Some(Sel::Mention("M4".into())));
        assert_consistent(&s);
    }

    #[test]
    fn add_entity_trims_whitespace_and_keeps_mentions_sorted() {
        let mut s = state();
        let (a, b) = cp(&s.doc.text.clone(), " Oslo. ");
        // A custom label, selection with surrounding spaces.
        s.apply(Action::AddEntity { start: a, end: b - 2, label: "CITY".into() });
        let m = s.doc.mention("M4").unwrap();
        assert_eq!((m.text.as_str(), m.label.as_str()), ("Oslo", "CITY"));
        let starts: Vec<usize> = s.doc.mentions.iter().map(|m| m.start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn add_entity_reuses_entity_with_same_name_and_label() {
        let mut s = state();
        let text = s.doc.text.clone();
        let (a, b) = cp(&text, "Oslo");
        s.apply(Action::Delete(Sel::Mention("M3".into())));
        s.apply(Action::AddEntity { start: a, end: b, label: "LOC".into() });
        // E2 vanished with its only mention, so a new entity E3 is made, and ids are not reused.
        assert_eq!(s.doc.mention("M4").unwrap().entity.as_deref(), Some("E3"));
        let (a, b) = cp(&text, "Ana Ruiz");
        s.apply(Action::AddEntity { start: a, end: b, label: "ORG".into() });
        let (a2, b2) = cp(&text, "Officials");
        s.apply(Action::AddEntity { start: a2, end: b2, label: "ORG".into() });
        s.apply(Action::AddEntity { start: a, end: b + 5, label: "ORG".into() });
        assert_eq!(s.doc.mention("M5").unwrap().entity.as_deref(), Some("E4"));
        assert_consistent(&s);
    }

    #[test]
    fn rejected_additions_say_why_and_change_nothing() {
        let cases: Vec<(Action, &str)> = vec![
            (Action::AddEntity { start: 3, end: 3, label: "PERSON".into() }, "Select some words"),
            (Action::AddEntity { start: 0, end: 10_000, label: "PERSON".into() }, "Select some words"),
            (Action::AddEntity { start: 8, end: 9, label: "PERSON".into() }, "Select some words"),
            (Action::AddEntity { start: 0, end: 8, label: "PERSON".into() }, "already annotated"),
            (Action::AddEntity { start: 0, end: 8, label: "  ".into() }, "Choose a label"),
            (Action::AddQuote { start: 5, end: 2, kind: QuoteKind::Direct }, "Select the quoted words"),
            (Action::Rename { entity: "E1".into(), name: " ".into() }, "cannot be empty"),
            (Action::Rename { entity: "E9".into(), name: "X".into() }, "no entity E9"),
            (Action::Merge { into: "E1".into(), from: "E1".into() }, "different entity"),
            (Action::SplitMention { mention: "M3".into() }, "only mention"),
            (Action::SetSpeaker { quote: "Q1".into(), entity: Some("E7".into()) }, "no entity E7"),
            (Action::Delete(Sel::Quote("Q9".into())), "no quote Q9"),
            (Action::Adjust { target: Sel::Mention("M3".into()), edge: Edge::Start, step: Step::Shrink }, "cannot get any shorter"),
        ];
        for (action, why) in cases {
            let mut s = state();
            let before = s.doc.clone();
            s.apply(action.clone());
            assert_eq!(s.doc, before, "{action:?}");
            assert!(!s.can_undo(), "{action:?}");
            assert!(err(&s).is_some_and(|e| e.contains(why)), "{action:?}: {:?}", s.notice);
        }
    }

    #[test]
    fn add_quote_of_each_kind() {
        for kind in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Partial] {
            let mut s = state();
            let (a, b) = cp(&s.doc.text.clone(), "Ruiz left Oslo");
            s.apply(Action::AddQuote { start: a, end: b, kind });
            let q = s.doc.quote("Q3").unwrap();
            assert_eq!((q.kind, q.origin, q.text.as_str(), q.entity.clone()), (kind, Origin::Manual, "Ruiz left Oslo", None));
            assert_eq!(s.doc.quotes.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["Q1", "Q3", "Q2"]);
        }
    }

    #[test]
    fn set_label_relabels_the_whole_entity() {
        let mut s = state();
        s.apply(Action::SetLabel { mention: "M2".into(), label: "ORG".into() });
        for id in ["M1", "M2"] {
            let m = s.doc.mention(id).unwrap();
            assert_eq!((m.label.as_str(), m.origin), ("ORG", Origin::Manual));
        }
        assert_eq!(s.doc.entity("E1").unwrap().label, "ORG");
        assert_eq!(s.doc.mention("M3").unwrap().origin, Origin::Auto);
    }

    #[test]
    fn set_kind_marks_manual() {
        let mut s = state();
        s.apply(Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Partial });
        let q = s.doc.quote("Q1").unwrap();
        assert_eq!((q.kind, q.origin), (QuoteKind::Partial, Origin::Manual));
        // Setting the same kind again is not an edit.
        s.apply(Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Partial });
        assert_eq!(s.past.len(), 1);
    }

    #[test]
    fn deleting_the_last_mention_removes_the_entity_and_unlinks_quotes() {
        let mut s = state();
        run(&mut s, vec![Action::Select(Some(Sel::Mention("M1".into()))), Action::Delete(Sel::Mention("M1".into()))]);
        assert!(s.doc.entity("E1").is_some(), "E1 still has M2");
        assert_eq!(s.selection, None);
        s.apply(Action::Delete(Sel::Mention("M2".into())));
        assert!(s.doc.entity("E1").is_none());
        let q = s.doc.quote("Q1").unwrap();
        assert_eq!((q.entity.clone(), q.origin), (None, Origin::Manual));
        assert_consistent(&s);
    }

    #[test]
    fn delete_quote_and_entity() {
        let mut s = state();
        s.apply(Action::Delete(Sel::Quote("Q2".into())));
        assert!(s.doc.quote("Q2").is_none());
        s.apply(Action::Delete(Sel::Entity("E1".into())));
        assert_eq!(s.doc.mentions.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["M3"]);
        assert_eq!(s.doc.quote("Q1").unwrap().entity, None);
        assert_consistent(&s);
    }

    #[test]
    fn boundaries_move_by_word() {
        // (target, edge, step, expected text)
        let cases: Vec<(Sel, Edge, Step, &str)> = vec![
            (Sel::Mention("M3".into()), Edge::Start, Step::Extend, "left Oslo"),
            (Sel::Mention("M3".into()), Edge::End, Step::Extend, "Oslo."),
            (Sel::Mention("M1".into()), Edge::Start, Step::Shrink, "Ruiz"),
            (Sel::Mention("M1".into()), Edge::End, Step::Shrink, "Ana"),
            (Sel::Mention("M1".into()), Edge::End, Step::Extend, "Ana Ruiz said"),
            (Sel::Quote("Q1".into()), Edge::Start, Step::Shrink, "We will build it.”"),
            (Sel::Quote("Q1".into()), Edge::End, Step::Shrink, "“We will build it."),
            (Sel::Quote("Q2".into()), Edge::Start, Step::Extend, "said it was late"),
        ];
        for (target, edge, step, want) in cases {
            let mut s = state();
            s.apply(Action::Adjust { target: target.clone(), edge, step });
            let (text, origin) = match &target {
                Sel::Mention(id) => s.doc.mention(id).map(|m| (m.text.clone(), m.origin)).unwrap(),
                Sel::Quote(id) => s.doc.quote(id).map(|q| (q.text.clone(), q.origin)).unwrap(),
                Sel::Entity(_) => unreachable!(),
            };
            assert_eq!((text.as_str(), origin), (want, Origin::Manual), "{target:?} {edge:?} {step:?}");
            assert_consistent(&s);
        }
    }

    #[test]
    fn boundaries_count_code_points_after_non_ascii() {
        let mut d = fixture();
        // Prefix an astral character and an accented word: offsets shift by code points.
        let prefix = "😀 Café. ";
        let n = prefix.chars().count();
        d.text = format!("{prefix}{}", d.text);
        for m in &mut d.mentions {
            m.start += n;
            m.end += n;
        }
        d.quotes.clear();
        let mut s = State::new(d);
        s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::Start, step: Step::Extend });
        assert_eq!(s.doc.mention("M1").unwrap().text, ". Ana Ruiz".trim_start_matches(' '));
        s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::Start, step: Step::Extend });
        assert_eq!(s.doc.mention("M1").unwrap().text, "Café. Ana Ruiz");
        assert_consistent(&s);
    }

    #[test]
    fn a_lone_mention_renames_its_entity_when_resized() {
        let mut s = state();
        s.apply(Action::Adjust { target: Sel::Mention("M3".into()), edge: Edge::Start, step: Step::Extend });
        assert_eq!(s.doc.entity("E2").unwrap().name, "left Oslo");
        s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::End, step: Step::Shrink });
        assert_eq!(s.doc.entity("E1").unwrap().name, "Ana Ruiz", "E1 has two mentions: keep its name");
    }

    #[test]
    fn reattribute_from_entity_list() {
        let mut s = state();
        s.apply(Action::SetSpeaker { quote: "Q2".into(), entity: Some("E1".into()) });
        let q = s.doc.quote("Q2").unwrap();
        assert_eq!(q.entity.as_deref(), Some("E1"));
        // The nearest mention of E1 before the quote: "Ruiz".
        assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some("Ruiz"));
        assert_eq!(q.origin, Origin::Manual);
        assert_consistent(&s);
    }

    #[test]
    fn no_named_speaker_keeps_an_unnamed_source() {
        let mut s = state();
        s.apply(Action::SetSpeaker { quote: "Q1".into(), entity: None });
        let q = s.doc.quote("Q1").unwrap();
        assert_eq!((q.entity.clone(), q.speaker.clone()), (None, None), "Ana Ruiz was a mention: dropped");
        s.apply(Action::SetSpeaker { quote: "Q2".into(), entity: None });
        assert!(!s.can_redo());
        assert_eq!(s.past.len(), 1, "Q2 already had no entity: not an edit");
        assert_eq!(s.doc.quote("Q2").unwrap().speaker.as_ref().unwrap().text, "Officials");
    }

    #[test]
    fn reattribute_by_selecting_words() {
        let mut s = state();
        let text = s.doc.text.clone();
        let (a, b) = cp(&text, "Oslo");
        s.apply(Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b });
        let q = s.doc.quote("Q1").unwrap();
        assert_eq!((q.entity.as_deref(), q.speaker.as_ref().unwrap().text.as_str()), (Some("E2"), "Oslo"));
        // Words that name no entity: the span alone carries the source.
        let (a, b) = cp(&text, "Officials");
        s.apply(Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b });
        let q = s.doc.quote("Q1").unwrap();
        assert_eq!((q.entity.as_deref(), q.speaker.as_ref().unwrap().text.as_str()), (None, "Officials"));
        assert_consistent(&s);
    }

    #[test]
    fn merge_moves_mentions_and_quotes() {
        let mut s = state();
        s.apply(Action::Select(Some(Sel::Entity("E1".into()))));
        s.apply(Action::Merge { into: "E2".into(), from: "E1".into() });
        assert!(s.doc.entity("E1").is_none());
        for id in ["M1", "M2"] {
            let m = s.doc.mention(id).unwrap();
            assert_eq!((m.entity.as_deref(), m.label.as_str(), m.origin), (Some("E2"), "LOC", Origin::Manual));
        }
        assert_eq!(s.doc.quote("Q1").unwrap().entity.as_deref(), Some("E2"));
        assert_eq!(s.selection, Some(Sel::Entity("E2".into())));
        assert_consistent(&s);
    }

    #[test]
    fn split_makes_a_new_entity_and_takes_its_quotes() {
        let mut s = state();
        s.apply(Action::SplitMention { mention: "M1".into() });
        let m = s.doc.mention("M1").unwrap();
        assert_eq!((m.entity.as_deref(), m.origin), (Some("E3"), Origin::Manual));
        assert_eq!(s.doc.entity("E3").unwrap().name, "Ana Ruiz");
        assert_eq!(s.doc.quote("Q1").unwrap().entity.as_deref(), Some("E3"), "Q1's speaker span is M1");
        assert_eq!(s.doc.mention("M2").unwrap().entity.as_deref(), Some("E1"));
        assert_consistent(&s);
    }

    #[test]
    fn rename_changes_only_the_name() {
        let mut s = state();
        s.apply(Action::Rename { entity: "E1".into(), name: "  Ana María Ruiz ".into() });
        assert_eq!(s.doc.entity("E1").unwrap().name, "Ana María Ruiz");
        assert_eq!(s.doc.mention("M1").unwrap().origin, Origin::Auto);
    }

    #[test]
    fn undo_and_redo_walk_every_edit() {
        let mut s = state();
        let text = s.doc.text.clone();
        let (a, b) = cp(&text, "Officials");
        let edits = vec![
            Action::AddEntity { start: a, end: b, label: "ORG".into() },
            Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Partial },
            Action::SetLabel { mention: "M3".into(), label: "ORG".into() },
            Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Indirect },
            Action::Adjust { target: Sel::Quote("Q2".into()), edge: Edge::End, step: Step::Shrink },
            Action::SetSpeaker { quote: "Q2".into(), entity: Some("E2".into()) },
            Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b },
            Action::Merge { into: "E1".into(), from: "E2".into() },
            Action::SplitMention { mention: "M2".into() },
            Action::Rename { entity: "E1".into(), name: "Ana".into() },
            Action::Delete(Sel::Mention("M1".into())),
            Action::Delete(Sel::Quote("Q1".into())),
        ];
        let mut snapshots = vec![s.doc.clone()];
        for e in edits {
            s.apply(e.clone());
            assert!(err(&s).is_none(), "{e:?}: {:?}", s.notice);
            assert_ne!(Some(&s.doc), snapshots.last(), "{e:?} changed nothing");
            assert_consistent(&s);
            snapshots.push(s.doc.clone());
        }
        for want in snapshots.iter().rev().skip(1) {
            s.apply(Action::Undo);
            assert_eq!(&s.doc, want);
        }
        assert!(!s.can_undo());
        for want in snapshots.iter().skip(1) {
            s.apply(Action::Redo);
            assert_eq!(&s.doc, want);
        }
        assert!(!s.can_redo());
    }

    #[test]
    fn a_new_edit_clears_redo_and_ids_are_never_reused() {
        let mut s = state();
        run(&mut s, vec![Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct }, Action::Undo]);
        assert!(s.can_redo());
        s.apply(Action::AddQuote { start: 0, end: 8, kind: QuoteKind::Direct });
        assert!(!s.can_redo());
        assert!(s.doc.quote("Q3").is_none() && s.doc.quote("Q4").is_some());
    }

    #[test]
    fn undo_clears_a_selection_that_no_longer_exists() {
        let mut s = state();
        s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct });
        assert_eq!(s.selection, Some(Sel::Quote("Q3".into())));
        s.apply(Action::Undo);
        assert_eq!(s.selection, None);
    }

    #[test]
    fn history_is_bounded() {
        let mut s = state();
        for i in 0..(HISTORY_LIMIT + 20) {
            s.apply(Action::Rename { entity: "E1".into(), name: format!("Name {i}") });
        }
        assert_eq!(s.past.len(), HISTORY_LIMIT);
    }

    #[test]
    fn load_replaces_document_and_clears_history() {
        let mut s = state();
        s.apply(Action::Delete(Sel::Quote("Q1".into())));
        let f = Filters { entities: false, ..Filters::default() };
        s.apply(Action::SetFilters(f.clone()));
        s.apply(Action::Load { doc: Document::empty("Hello."), notice: None });
        assert_eq!(&*s.doc.text, "Hello.");
        assert!(!s.can_undo() && !s.can_redo());
        assert_eq!((s.next_quote, s.filters.clone()), (1, f));
    }

    #[test]
    fn only_the_untouched_output_of_the_rules_awaits_the_models() {
        // (how it was loaded, edits made, awaits the models?)
        let check = |by: Option<AnnotatedBy>, edits: Vec<Action>, want: bool| {
            let mut s = State::default();
            match by {
                Some(by) => s.apply(Action::Annotated { doc: fixture(), notice: None, by }),
                None => s.apply(Action::Load { doc: fixture(), notice: None }),
            }
            let what = format!("{by:?} then {edits:?}");
            run(&mut s, edits);
            assert_eq!(s.awaits_models(), want, "{what}");
        };
        check(Some(AnnotatedBy::Rules), vec![], true);
        check(Some(AnnotatedBy::Rules), vec![Action::Select(Some(Sel::Quote("Q1".into())))], true);
        check(Some(AnnotatedBy::Rules), vec![Action::Delete(Sel::Quote("Q1".into()))], false);
        // Undoing every edit still leaves something to redo.
        check(Some(AnnotatedBy::Rules), vec![Action::Delete(Sel::Quote("Q1".into())), Action::Undo], false);
        check(Some(AnnotatedBy::Models), vec![], false);
        // A restored or opened file may hold corrections nobody can see.
        check(None, vec![], false);
        let mut s = State::default();
        s.apply(Action::Annotated { doc: Document::empty(""), notice: None, by: AnnotatedBy::Rules });
        assert!(!s.awaits_models(), "an empty document");
    }

    #[test]
    fn reannotating_is_one_edit_that_undo_reverses() {
        let mut s = State::default();
        s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Rules });
        s.apply(Action::Delete(Sel::Quote("Q1".into())));
        s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct });
        let corrected = s.doc.clone();
        let mut fresh = fixture();
        fresh.quotes.truncate(1);
        let note = Some(Notice::Info("Annotated with the models.".into()));
        s.apply(Action::Reannotate { doc: fresh.clone(), notice: note.clone() });
        assert_eq!(s.doc.to_document(), fresh);
        assert_eq!((s.doc.by, s.notice.clone(), s.selection.clone()), (AnnotatedBy::Models, note, None));
        s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Partial });
        assert_eq!(s.doc.quotes.iter().filter(|q| q.id == "Q4").count(), 1, "new ids continue after both versions'");
        run(&mut s, vec![Action::Undo, Action::Undo]);
        assert_eq!(s.doc, corrected, "undo brings the corrections back");
        assert_eq!(s.doc.by, AnnotatedBy::Rules);
        s.apply(Action::Redo);
        assert_eq!(s.doc.to_document(), fresh);
        assert_consistent(&s);
    }

    #[test]
    fn reannotating_another_text_is_refused() {
        let mut s = state();
        let before = s.doc.clone();
        s.apply(Action::Reannotate { doc: Document::empty("Other text."), notice: None });
        assert_eq!(s.doc, before);
        assert!(err(&s).is_some_and(|e| e.contains("text changed")));
        assert!(!s.can_undo());
    }

    #[test]
    fn undo_with_nothing_to_undo_is_harmless() {
        let mut s = state();
        let before = s.doc.clone();
        run(&mut s, vec![Action::Undo, Action::Redo]);
        assert_eq!(s.doc, before);
    }

    #[test]
    fn reducer_returns_a_new_state() {
        let s = Rc::new(state());
        let next = s.clone().reduce(Action::Select(Some(Sel::Quote("Q1".into()))));
        assert_eq!(next.selection, Some(Sel::Quote("Q1".into())));
        assert_eq!(s.selection, None);
        let stale = next.reduce(Action::Select(Some(Sel::Quote("Q9".into()))));
        assert_eq!(stale.selection, None, "selecting something absent selects nothing");
    }
}
