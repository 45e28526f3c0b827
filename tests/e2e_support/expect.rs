//! What the page should show and export, derived from the core's own export
//! (`saywho_core::annotate`, the same JSON the command line prints).

use std::collections::{BTreeMap, BTreeSet};

use saywho_core::{Document, Mention, Quote};
use serde_json::Value;

use super::app::Highlight;

/// Whether `needle`'s characters appear in order in `haystack`, whitespace ignored:
/// a highlight's text may carry a label tag or nested highlights' tags.
fn contains_in_order(haystack: &str, needle: &str) -> bool {
    let mut hay = haystack.chars().filter(|c| !c.is_whitespace());
    needle.chars().filter(|c| !c.is_whitespace()).all(|n| hay.any(|h| h == n))
}

/// Everything about the highlights in `#doc` that disagrees with `doc`; empty when they agree.
pub fn highlight_problems(doc: &Document, highlights: &[Highlight]) -> Vec<String> {
    let mut problems = Vec::new();
    let mentions: BTreeMap<&str, &Mention> = doc.mentions.iter().map(|m| (m.id.as_str(), m)).collect();
    let quotes: BTreeMap<&str, &Quote> = doc.quotes.iter().map(|q| (q.id.as_str(), q)).collect();
    let mut groups: BTreeMap<(&str, &str), Vec<&Highlight>> = BTreeMap::new();
    for h in highlights {
        match (&h.kind[..], &h.id) {
            ("entity" | "quote" | "cue" | "speaker", Some(id)) => groups.entry((h.kind.as_str(), id.as_str())).or_default().push(h),
            (_, None) => problems.push(format!("a {} highlight without data-id: {:?}", h.kind, h.text)),
            (kind, Some(id)) => problems.push(format!("highlight {id} has an unknown data-kind {kind:?}")),
        }
    }
    for m in &doc.mentions {
        if !groups.contains_key(&("entity", m.id.as_str())) {
            problems.push(format!("mention {} {:?} ({}) is not highlighted", m.id, m.text, m.label));
        }
    }
    for q in &doc.quotes {
        if !groups.contains_key(&("quote", q.id.as_str())) {
            problems.push(format!("quote {} {:.50?} is not highlighted", q.id, q.text));
        }
    }
    let attr = |value: &Option<String>| value.clone().unwrap_or_default();
    for ((kind, id), group) in &groups {
        let text: String = group.iter().map(|h| h.text.as_str()).collect();
        let expected_text = match *kind {
            "entity" => match mentions.get(id) {
                None => {
                    problems.push(format!("entity highlight {id} {text:?} is no mention of the export"));
                    continue;
                }
                Some(m) => {
                    for h in group {
                        if attr(&h.label) != m.label {
                            problems.push(format!("mention {id}: data-label {:?}, export says {:?}", h.label, m.label));
                        }
                        if attr(&h.entity) != attr(&m.entity) {
                            problems.push(format!("mention {id}: data-entity {:?}, export says {:?}", h.entity, m.entity));
                        }
                    }
                    m.text.clone()
                }
            },
            _ => match quotes.get(id) {
                None => {
                    problems.push(format!("{kind} highlight {id} {text:.50?} is no quote of the export"));
                    continue;
                }
                Some(q) => match *kind {
                    "quote" => {
                        for h in group {
                            if attr(&h.quote_kind) != q.kind.as_str() {
                                problems.push(format!("quote {id}: data-quote-kind {:?}, export says {:?}", h.quote_kind, q.kind.as_str()));
                            }
                            if attr(&h.entity) != attr(&q.entity) {
                                problems.push(format!("quote {id}: data-entity {:?}, export says {:?}", h.entity, q.entity));
                            }
                        }
                        q.text.clone()
                    }
                    "cue" => match &q.cue {
                        Some(cue) => cue.text.clone(),
                        None => {
                            problems.push(format!("cue highlight for quote {id}, which has no cue in the export"));
                            continue;
                        }
                    },
                    _ => match &q.speaker {
                        Some(speaker) => speaker.text.clone(),
                        None => {
                            problems.push(format!("speaker highlight for quote {id}, which has no speaker in the export"));
                            continue;
                        }
                    },
                },
            },
        };
        if !contains_in_order(&text, &expected_text) {
            problems.push(format!("{kind} {id}: highlighted {text:.80?}, export says {expected_text:.80?}"));
        }
    }
    problems
}

/// A manual mention the test added.
#[derive(Debug, Clone)]
pub struct Added {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
}

/// The corrections a test made on top of the core's export.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    /// (quote id, entity id it now points to).
    pub reattributed: Option<(String, String)>,
    pub added: Option<Added>,
    /// The id of a deleted mention.
    pub deleted: Option<String>,
}

fn items(doc: &Value, key: &str) -> Vec<Value> {
    doc[key].as_array().cloned().unwrap_or_default()
}

fn compare_lists(name: &str, expected: &[Value], got: &[Value], problems: &mut Vec<String>) {
    if expected.len() != got.len() {
        problems.push(format!("{name}: expected {} items, got {}", expected.len(), got.len()));
    }
    if let Some(i) = (0..expected.len().min(got.len())).find(|&i| expected[i] != got[i]) {
        problems.push(format!("{name}[{i}]: expected {}\n    got {}", expected[i], got[i]));
    }
}

/// Everything in the downloaded export `got` that differs from the core's export
/// `core` plus exactly `corrections`; empty when they agree.
pub fn export_problems(core: &Value, corrections: &Corrections, got: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<BTreeSet<_>>()).unwrap_or_default();
    if keys(core) != keys(got) {
        problems.push(format!("top-level fields {:?}, expected {:?}", keys(got), keys(core)));
    }
    for key in ["format", "version", "text"] {
        if core[key] != got[key] {
            problems.push(format!("{key} differs: expected {:.80}, got {:.80}", core[key], got[key]));
        }
    }

    // Quotes: equal, except the re-attributed one's entity and origin (its speaker span is the app's choice).
    let (core_quotes, got_quotes) = (items(core, "quotes"), items(got, "quotes"));
    let mut expected_quotes = core_quotes.clone();
    let mut got_quotes_cmp = got_quotes.clone();
    if let Some((quote, entity)) = &corrections.reattributed {
        match got_quotes.iter().position(|q| q["id"] == quote.as_str()) {
            None => problems.push(format!("the re-attributed quote {quote} is missing")),
            Some(i) => {
                let q = &got_quotes[i];
                if q["entity"] != entity.as_str() {
                    problems.push(format!("quote {quote}: entity {}, expected {entity:?} (re-attributed)", q["entity"]));
                }
                if q["origin"] != "manual" {
                    problems.push(format!("quote {quote}: origin {}, expected \"manual\" after re-attribution", q["origin"]));
                }
                got_quotes_cmp[i]["speaker"] = Value::Null;
                got_quotes_cmp[i]["entity"] = Value::Null;
                got_quotes_cmp[i]["origin"] = Value::Null;
            }
        }
        for q in expected_quotes.iter_mut().filter(|q| q["id"] == quote.as_str()) {
            q["speaker"] = Value::Null;
            q["entity"] = Value::Null;
            q["origin"] = Value::Null;
        }
    }
    compare_lists("quotes", &expected_quotes, &got_quotes_cmp, &mut problems);

    // Mentions: the deleted one gone, the added one there with origin manual, the rest unchanged.
    let core_mentions = items(core, "mentions");
    let id = |v: &Value| v["id"].as_str().unwrap_or_default().to_string();
    let core_ids: BTreeSet<String> = core_mentions.iter().map(id).collect();
    let core_entity_ids: BTreeSet<String> = items(core, "entities").iter().map(id).collect();
    let got_mentions = items(got, "mentions");
    let (new_mentions, old_mentions): (Vec<Value>, Vec<Value>) = got_mentions.into_iter().partition(|m| !core_ids.contains(&id(m)));
    let mut new_entity = None;
    match (&corrections.added, &new_mentions[..]) {
        (None, []) => {}
        (None, extra) => problems.push(format!("mentions that should not exist: {extra:?}")),
        (Some(added), [m]) => {
            let want = [("start", Value::from(added.start)), ("end", Value::from(added.end)), ("text", Value::from(added.text.clone())), ("label", Value::from(added.label.clone())), ("origin", Value::from("manual"))];
            for (field, value) in want {
                if m[field] != value {
                    problems.push(format!("added mention: {field} is {}, expected {value}", m[field]));
                }
            }
            match &m["entity"] {
                Value::Null => {}
                entity if core_entity_ids.contains(entity.as_str().unwrap_or_default()) => problems.push(format!("the added mention {:?} joined the existing entity {entity}", added.text)),
                entity => new_entity = Some(entity.clone()),
            }
        }
        (Some(added), found) => problems.push(format!("expected one added mention {:?}, found {found:?}", added.text)),
    }
    if let Some(deleted) = &corrections.deleted {
        if old_mentions.iter().any(|m| m["id"] == deleted.as_str()) {
            problems.push(format!("the deleted mention {deleted} is still in the export"));
        }
    }
    let expected_mentions: Vec<Value> = core_mentions.into_iter().filter(|m| corrections.deleted.as_deref().is_none_or(|d| m["id"] != d)).collect();
    compare_lists("mentions", &expected_mentions, &old_mentions, &mut problems);

    // Entities: unchanged, plus the added mention's new entity if the app made one.
    let (mut got_entities, core_entities) = (items(got, "entities"), items(core, "entities"));
    if let (Some(id), Some(added)) = (&new_entity, &corrections.added) {
        match got_entities.iter().position(|e| &e["id"] == id) {
            None => problems.push(format!("the added mention points to entity {id}, which is not in entities")),
            Some(i) => {
                let e = got_entities.remove(i);
                if e["label"] != added.label.as_str() || e["name"] != added.text.as_str() {
                    problems.push(format!("the added entity is {e}, expected label {:?} and name {:?}", added.label, added.text));
                }
            }
        }
    }
    compare_lists("entities", &core_entities, &got_entities, &mut problems);
    problems
}
