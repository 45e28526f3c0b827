//! The annotation file, format version 1 (`../shared/docs/annotation-format.md`).
//!
//! These types are the exchange format: what the CLI prints, what the app
//! downloads and imports. Offsets here are Unicode code points (`end` exclusive);
//! inside the core everything is bytes, and `export` converts at the boundary.
//! Field order in the structs is the field order in the JSON, so exports are
//! byte-identical wherever they are produced.

use serde::{Deserialize, Serialize};

/// The kind of a quotation is decided by the quote stage; the format carries it.
pub use crate::quotes::QuoteKind;

/// Value of the `format` field.
pub const FORMAT_NAME: &str = "saywho-annotations";
/// Value of the `version` field this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// One annotated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub text: String,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
}

/// One real-world thing; `name` is its fullest mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub label: String,
    pub name: String,
    /// A person's gender, where the extractor inferred one (from a given name,
    /// a title or a pronoun that resolves to them) or a user set it. Optional:
    /// absent means unknown, and it is written only when present, so files
    /// without it are unchanged. Meaningful on PERSON entities only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<GenderTag>,
}

/// The `gender` of a PERSON entity: the value and who decided it (`auto`: the
/// extractor's inference; `manual`: a user's correction, which re-annotating
/// never overrides in the app).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GenderTag {
    pub value: GenderValue,
    pub origin: Origin,
}

/// The values of `gender.value`. `unknown` is only ever written by a user
/// ("I checked, and it cannot be told"); the extractor leaves the field out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GenderValue {
    Female,
    Male,
    Other,
    Unknown,
}

impl GenderValue {
    pub const ALL: [GenderValue; 4] = [GenderValue::Female, GenderValue::Male, GenderValue::Other, GenderValue::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            GenderValue::Female => "female",
            GenderValue::Male => "male",
            GenderValue::Other => "other",
            GenderValue::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<GenderValue> {
        GenderValue::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

impl Entity {
    /// A person's gender as the reports count it: the tag's value, else unknown.
    pub fn gender_value(&self) -> GenderValue {
        self.gender.map_or(GenderValue::Unknown, |g| g.value)
    }
}

/// One place in the text where an entity (or a date, sum, percentage) is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
    pub entity: Option<String>,
    pub origin: Origin,
}

/// A quotation with its cue, speaker span and resolved entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: QuoteKind,
    pub cue: Option<Span>,
    pub speaker: Option<Span>,
    pub entity: Option<String>,
    pub origin: Origin,
}

/// A bare span (cue or speaker) with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Auto,
    Manual,
}

/// The labels the extractor produces. Users may add others (any string).
pub const LABELS: [&str; 7] = ["PERSON", "ORG", "LOC", "MISC", "DATE", "MONEY", "PERCENT"];

impl Document {
    /// An empty document for `text` with no annotations.
    pub fn empty(text: &str) -> Document {
        Document {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            text: text.to_string(),
            entities: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
        }
    }

    /// The export: pretty-printed JSON with a trailing newline. Deterministic:
    /// the same document always gives the same bytes.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a Document always serialises");
        s.push('\n');
        s
    }

    /// One line of JSON, for JSON Lines output.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a Document always serialises")
    }
}
