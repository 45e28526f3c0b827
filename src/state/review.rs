//! The review: which quotes and entities someone has checked, a note per quote,
//! and moving to the next one still to check. Kept in the app's saved state, not
//! in the export: format version 1 has no field for it (see README).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::{quote_name, Doc, Notice, Sel, State, GONE_ENTITY, GONE_QUOTE};

/// How far the review got: (checked, all) for quotes and for entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub quotes: (usize, usize),
    pub entities: (usize, usize),
}

impl Doc {
    pub fn is_checked(&self, id: &str) -> bool {
        self.checked.contains(id)
    }

    pub fn note(&self, quote: &str) -> &str {
        self.notes.get(quote).map_or("", String::as_str)
    }

    pub fn progress(&self) -> Progress {
        let quotes = self.quotes.iter().filter(|q| self.is_checked(&q.id)).count();
        let entities = self.entities.iter().filter(|e| self.is_checked(&e.id)).count();
        Progress { quotes: (quotes, self.quotes.len()), entities: (entities, self.entities.len()) }
    }

    /// The review as saved beside the document (None when there is none).
    pub fn review(&self) -> Option<SavedReview> {
        (!self.checked.is_empty() || !self.notes.is_empty()).then(|| SavedReview {
            text_hash: text_hash(&self.text),
            checked: self.checked.iter().cloned().collect(),
            notes: (*self.notes).clone(),
        })
    }

    /// Takes back a saved review if it was made on this very text; ids no longer
    /// in the document are dropped.
    pub fn restore_review(&mut self, r: SavedReview) -> bool {
        if r.text_hash != text_hash(&self.text) {
            return false;
        }
        let known = |id: &String| self.quote(id).is_some() || self.entity(id).is_some();
        self.checked = Rc::new(r.checked.into_iter().filter(known).collect());
        self.notes = Rc::new(r.notes.into_iter().filter(|(id, n)| self.quote(id).is_some() && !n.trim().is_empty()).collect());
        true
    }
}

/// The review as the app stores it in the browser, tied to the text it was made on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedReview {
    pub text_hash: String,
    pub checked: BTreeSet<String>,
    pub notes: BTreeMap<String, String>,
}

/// FNV-1a of the text, in hex: enough to tell a review's text from another.
fn text_hash(text: &str) -> String {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{h:016x}")
}

impl State {
    /// Marks a quote or an entity (a mention's entity) checked, or unchecks it.
    pub(super) fn toggle_checked(&mut self, sel: &Sel) {
        let (id, name) = match sel {
            Sel::Quote(id) => match self.doc.quote(id) {
                Some(q) => (id.clone(), format!("the quote {}", quote_name(&q.text))),
                None => return self.error(GONE_QUOTE),
            },
            Sel::Entity(id) => match self.doc.entity(id) {
                Some(e) => (id.clone(), format!("“{}”", e.name)),
                None => return self.error(GONE_ENTITY),
            },
            Sel::Mention(id) => match self.doc.mention(id).and_then(|m| m.entity.as_deref()).and_then(|e| self.doc.entity(e)) {
                Some(e) => (e.id.clone(), format!("“{}”", e.name)),
                None => return self.error("Only an entity or a quote can be checked."),
            },
        };
        let mut doc = self.doc.clone();
        let set = Rc::make_mut(&mut doc.checked);
        let now = if set.remove(&id) {
            false
        } else {
            set.insert(id);
            true
        };
        let p = doc.progress();
        let (notice, what) = if now {
            (format!("Checked {name} ({}/{} quotes checked).", p.quotes.0, p.quotes.1), format!("checking {name}"))
        } else {
            (format!("{} is no longer checked.", capitalise(&name)), format!("unchecking {name}"))
        };
        self.commit(doc, notice, what);
    }

    pub(super) fn set_note(&mut self, quote: &str, note: &str) {
        let Some(name) = self.doc.quote(quote).map(|q| quote_name(&q.text)) else {
            return self.error(GONE_QUOTE);
        };
        let note = note.trim();
        if self.doc.note(quote) == note {
            return;
        }
        let mut doc = self.doc.clone();
        let notes = Rc::make_mut(&mut doc.notes);
        if note.is_empty() {
            notes.remove(quote);
        } else {
            notes.insert(quote.to_string(), note.to_string());
        }
        self.commit(doc, format!("Saved the note on {name}."), format!("the note on {name}"));
    }

    /// Selects (and focuses) the next quote not checked yet after the selection,
    /// in text order and round the end; `back` goes the other way.
    pub(super) fn next_unchecked(&mut self, back: bool) {
        let at = match &self.selection {
            Some(Sel::Quote(id)) => self.doc.quote(id).map(|q| (q.start, q.end)),
            Some(Sel::Mention(id)) => self.doc.mention(id).map(|m| (m.start, m.end)),
            _ => None,
        };
        let open: Vec<(usize, usize, &str)> =
            self.doc.quotes.iter().filter(|q| !self.doc.is_checked(&q.id)).map(|q| (q.start, q.end, q.id.as_str())).collect();
        let pick = match (at, back) {
            (None, false) => open.first(),
            (None, true) => open.last(),
            (Some(p), false) => open.iter().find(|q| (q.0, q.1) > p).or(open.first()),
            (Some(p), true) => open.iter().rev().find(|q| (q.0, q.1) < p).or(open.last()),
        };
        match pick.map(|q| q.2.to_string()) {
            Some(id) => {
                let left = open.len();
                self.selection = Some(Sel::Quote(id));
                self.reveal += 1;
                self.notice = Some(Notice::Info(format!("{left} quote{} left to check.", if left == 1 { "" } else { "s" })));
            }
            None if self.doc.quotes.is_empty() => self.notice = Some(Notice::Info("There are no quotes to check.".into())),
            None => self.notice = Some(Notice::Info("Every quote is checked.".into())),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}
