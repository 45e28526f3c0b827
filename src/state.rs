//! The app's state and every edit a user can make, as one pure reducer.
//!
//! Nothing here touches the browser, so every action and undo/redo is tested
//! natively. The document is kept as [`Doc`]: the export [`Document`] with its
//! text and each layer behind an `Rc`, so an edit copies only the layer it
//! changes and the undo history of a long article stays small.

use std::collections::BTreeSet;
use std::rc::Rc;

use saywho_core::format::{FORMAT_NAME, FORMAT_VERSION};
use saywho_core::{Document, Entity, GenderValue, Mention, Origin, Quote, QuoteKind};
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
    /// Someone edited these annotations since the annotator (or a file) gave them:
    /// replacing them loses work, so the app asks first.
    pub corrected: bool,
    /// The review: quotes and entities someone has checked, by id. Kept in the
    /// app's saved state, not the export (the format has no field for it).
    pub checked: Rc<BTreeSet<String>>,
    /// A note per quote (fact-check status, a source link), by quote id.
    pub notes: Rc<std::collections::BTreeMap<String, String>>,
}

impl Doc {
    pub fn from_document(d: Document) -> Doc {
        Doc {
            text: Rc::from(d.text.as_str()),
            entities: Rc::new(d.entities),
            mentions: Rc::new(d.mentions),
            quotes: Rc::new(d.quotes),
            by: AnnotatedBy::Elsewhere,
            corrected: false,
            checked: Rc::default(),
            notes: Rc::default(),
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

    /// The same text and annotations (whoever made them).
    fn same_as(&self, other: &Doc) -> bool {
        self.text == other.text && self.entities == other.entities && self.mentions == other.mentions && self.quotes == other.quotes
    }
}

/// One step of the undo history: the document on the other side of an edit, and
/// what the edit did ("deletion of “Ruiz”"), for the status line after undo and redo.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub doc: Doc,
    pub what: String,
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
    /// A bar of the sources report was clicked: only these quotes are highlighted.
    pub focus: Option<Focus>,
}

/// The quotes behind one bar of the sources report, and how the bar is named
/// ("quotes by Ana Ruiz").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub label: String,
    pub quotes: BTreeSet<String>,
}

impl Default for Filters {
    fn default() -> Self {
        Filters { entities: true, quotes: true, hidden_labels: BTreeSet::new(), hidden_kinds: BTreeSet::new(), focus: None }
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
    /// One history for everything, the text included: replacing the document
    /// (annotating new text, opening a file, starting anew) is an entry too, so
    /// undo always brings back the text and its annotations together.
    pub past: Vec<Entry>,
    pub future: Vec<Entry>,
    /// What the text box holds when it differs from the document's text: typed
    /// there and not annotated yet (the view is out of date until it is).
    pub draft: Option<Rc<str>>,
    /// Typing that undo took back, and the length of `future` then: redo gives it
    /// back while nothing else was redone or edited since.
    undone_draft: Option<(Rc<str>, usize)>,
    /// Next number for new ids; never goes back, so ids are never reused.
    pub next_entity: usize,
    pub next_mention: usize,
    pub next_quote: usize,
    pub notice: Option<Notice>,
    /// Bumped by every change to the document (for autosave).
    pub revision: u64,
    /// Bumped when the selection should take the keyboard focus (after a delete,
    /// the next annotation is selected and focused).
    pub reveal: u64,
}

impl Default for State {
    fn default() -> Self {
        State::new(Document::empty(""))
    }
}

/// Every change a user can make. Edits are undoable; the rest are not.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start afresh with this document (the restored session); clears undo.
    Load { doc: Document, notice: Option<Notice> },
    /// Replace the document (an opened file, a new empty one), as one undoable
    /// edit; `what` names it for undo ("opening of notes.json").
    Open { doc: Document, notice: Option<Notice>, what: String },
    /// Replace the document with the annotator's output, as one undoable edit.
    /// The models' output for an untouched rules' document replaces it in place
    /// (the same text, better annotated: nothing to undo to).
    Annotated { doc: Document, notice: Option<Notice>, by: AnnotatedBy },
    /// The text box now holds this text (typed, not annotated yet).
    Type(String),
    /// The text box goes back to the document's text.
    DiscardDraft,
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
    /// Mark a quote or an entity checked, or not any more (undoable).
    ToggleChecked(Sel),
    /// The note on a quote (empty removes it).
    SetNote { quote: String, note: String },
    /// Select the next (`back`: previous) quote not checked yet.
    NextUnchecked { back: bool },
    /// A user's correction of a person's gender (undoable).
    SetGender { entity: String, gender: GenderValue },
    /// Highlight only the quotes of one bar of the sources report (`None`: all again).
    Focus(Option<Focus>),
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
            draft: None,
            undone_draft: None,
            reveal: 0,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty() || self.draft.is_some()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty() || self.redo_draft().is_some()
    }

    /// The typing that redo would give back now.
    fn redo_draft(&self) -> Option<&Rc<str>> {
        self.undone_draft.as_ref().filter(|(_, level)| *level == self.future.len()).map(|(d, _)| d)
    }

    /// What the text box shows: the typed draft, else the document's text.
    pub fn box_text(&self) -> &str {
        self.draft.as_deref().unwrap_or(&self.doc.text)
    }

    /// Whether the document is the rules' output, untouched (no edit, nothing
    /// undone to redo): annotating it again with the models loses nothing.
    pub fn awaits_models(&self) -> bool {
        self.doc.by == AnnotatedBy::Rules && !self.doc.corrected && self.future.is_empty() && !self.doc.is_empty()
    }

    fn error(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Error(msg.into()));
    }

    /// Records the corrected `doc` as the new document, keeping the old one for
    /// undo; `notice` goes to the status line, `what` names the edit for undo.
    fn commit(&mut self, mut doc: Doc, notice: impl Into<String>, what: impl Into<String>) {
        doc.corrected = true;
        self.record(doc, what.into());
        self.notice = Some(Notice::Info(notice.into()));
    }

    fn record(&mut self, doc: Doc, what: String) {
        let old = std::mem::replace(&mut self.doc, doc);
        self.past.push(Entry { doc: old, what });
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
        self.undone_draft = None;
        self.revision += 1;
    }

    /// Replaces the whole document as one undoable edit. The same text with the
    /// same annotations again is no edit (annotating twice adds no history).
    fn replace(&mut self, next: Doc, notice: Option<Notice>, what: String) {
        self.notice = notice;
        if next.same_as(&self.doc) {
            self.doc.by = next.by;
            self.draft = None;
            return;
        }
        let text_changed = next.text != self.doc.text;
        // The report's bars belong to the document they were drawn from.
        self.filters.focus = None;
        self.record(next, what);
        self.renumber();
        if text_changed {
            self.words = Rc::new(word_spans(&self.doc.text));
        }
        self.selection = None;
        self.draft = self.draft.take().filter(|d| **d != *self.doc.text);
    }

    /// New ids continue after the document's own (a replaced document brings its own numbering).
    fn renumber(&mut self) {
        self.next_entity = next_after(self.doc.entities.iter().map(|e| &e.id));
        self.next_mention = next_after(self.doc.mentions.iter().map(|m| &m.id));
        self.next_quote = next_after(self.doc.quotes.iter().map(|q| &q.id));
    }

    /// After undo or redo moved to `doc`: ids already used by either stay taken,
    /// the word spans follow the text, the selection what still exists.
    fn moved_to(&mut self, old_text: &Rc<str>) {
        self.next_entity = self.next_entity.max(next_after(self.doc.entities.iter().map(|e| &e.id)));
        self.next_mention = self.next_mention.max(next_after(self.doc.mentions.iter().map(|m| &m.id)));
        self.next_quote = self.next_quote.max(next_after(self.doc.quotes.iter().map(|q| &q.id)));
        if *old_text != self.doc.text {
            self.words = Rc::new(word_spans(&self.doc.text));
        }
        self.revision += 1;
        self.fix_selection();
    }

    fn undo(&mut self) {
        if let Some(d) = self.draft.take() {
            self.undone_draft = Some((d, self.future.len()));
            self.notice = Some(Notice::Info("Undone: the typing in the text box.".into()));
            return;
        }
        let Some(Entry { doc, what }) = self.past.pop() else {
            self.notice = Some(Notice::Info("Nothing to undo.".into()));
            return;
        };
        let cur = std::mem::replace(&mut self.doc, doc);
        self.moved_to(&cur.text);
        self.notice = Some(Notice::Info(format!("Undone: {what}.")));
        self.future.push(Entry { doc: cur, what });
    }

    fn redo(&mut self) {
        if let Some(d) = self.redo_draft().cloned() {
            self.undone_draft = None;
            self.draft = Some(d);
            self.notice = Some(Notice::Info("Redone: the typing in the text box.".into()));
            return;
        }
        let Some(Entry { doc, what }) = self.future.pop() else {
            self.notice = Some(Notice::Info("Nothing to redo.".into()));
            return;
        };
        let cur = std::mem::replace(&mut self.doc, doc);
        self.moved_to(&cur.text);
        self.notice = Some(Notice::Info(format!("Redone: {what}.")));
        self.past.push(Entry { doc: cur, what });
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
            Action::Open { doc, notice, what } => {
                self.draft = None;
                self.replace(Doc::from_document(doc), notice, what);
            }
            Action::Annotated { doc, notice, by } => {
                let mut next = Doc::from_document(doc);
                next.by = by;
                if by == AnnotatedBy::Models && self.awaits_models() && next.text == self.doc.text {
                    // The models' version of an untouched rules' document: in place.
                    next.text = self.doc.text.clone();
                    self.doc = next;
                    self.revision += 1;
                    self.notice = notice;
                    self.fix_selection();
                } else {
                    self.replace(next, notice, "the annotation of the new text".into());
                }
            }
            Action::Type(text) => {
                self.undone_draft = None;
                self.draft = (!same_in_a_text_box(&text, &self.doc.text)).then(|| Rc::from(text));
            }
            Action::DiscardDraft => {
                if self.draft.take().is_some() {
                    self.notice = Some(Notice::Info("The text box shows the annotated text again.".into()));
                }
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
                        let (was, name) = (q.kind, quote_name(&q.text));
                        q.kind = kind;
                        q.origin = Origin::Manual;
                        self.commit(
                            doc,
                            format!("The quote {name} is now {}.", kind.as_str()),
                            format!("the quote {name} made {} (was {})", kind.as_str(), was.as_str()),
                        );
                    }
                    Some(_) => {}
                    None => self.error(GONE_QUOTE),
                }
            }
            Action::Delete(sel) => self.delete(sel),
            Action::Adjust { target, edge, step } => self.adjust(target, edge, step),
            Action::SetSpeaker { quote, entity } => self.set_speaker(&quote, entity),
            Action::SetSpeakerSpan { quote, start, end } => self.set_speaker_span(&quote, start, end),
            Action::Merge { into, from } => self.merge(&into, &from),
            Action::SplitMention { mention } => self.split(&mention),
            Action::ToggleChecked(sel) => self.toggle_checked(&sel),
            Action::SetNote { quote, note } => self.set_note(&quote, &note),
            Action::NextUnchecked { back } => self.next_unchecked(back),
            Action::SetGender { entity, gender } => self.set_gender(&entity, gender),
            Action::Focus(focus) => {
                self.notice = Some(Notice::Info(match &focus {
                    Some(f) => format!("Showing only the {} ({}).", f.label, f.quotes.len()),
                    None => "Showing every annotation again.".to_string(),
                }));
                self.filters.focus = focus;
            }
            Action::Rename { entity, name } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return self.error("An entity name cannot be empty.");
                }
                let mut doc = self.doc.clone();
                match Rc::make_mut(&mut doc.entities).iter_mut().find(|e| e.id == entity) {
                    Some(e) if e.name != name => {
                        let old = std::mem::replace(&mut e.name, name.clone());
                        self.commit(doc, format!("Renamed “{old}” to “{name}”."), format!("the renaming of “{old}” to “{name}”"));
                    }
                    Some(_) => {}
                    None => self.error(GONE_ENTITY),
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
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
        self.record(next, "the re-annotation with the models".into());
        self.notice = notice;
        // The same id may name something else now.
        self.selection = None;
    }
}

/// What the status line says when an edit names something that no longer exists
/// (a stale panel): never an internal id.
const GONE_MENTION: &str = "That annotation no longer exists.";
const GONE_QUOTE: &str = "That quote no longer exists.";
const GONE_ENTITY: &str = "That entity no longer exists.";

/// A quote as the status line names it: its first words in quotation marks.
pub fn quote_name(text: &str) -> String {
    let t = text.trim().trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''));
    format!("“{}”", shorten(t, 40))
}

/// Whether a text box holding `shown` shows `text`: a text box turns every CRLF
/// into LF (an opened annotations file keeps the text it was annotated on).
pub fn same_in_a_text_box(shown: &str, text: &str) -> bool {
    if text.contains('\r') {
        shown == text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        shown == text
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

mod edits;
pub mod review;
pub use review::{Progress, SavedReview};
pub use edits::{entity_reach, reach_words};

#[cfg(test)]
pub mod tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod sources_tests;
