//! saywho's extraction core: named entities, quotations and their speakers in
//! news text. No web dependencies: it builds natively and for wasm32.
//!
//! The one entry point is [`annotate`]. Extraction never fails and never
//! panics: odd input gives fewer annotations plus [`Warning`]s.

pub mod entities;
pub mod export;
pub mod ml;
pub mod pipeline;
pub mod quotes;
pub mod text;

// The modules' paths before the core was arranged by stage, kept so that
// code written against them still builds.
pub use entities::{combine, gazetteer, names, numex};
pub use export::{format, validate};
pub use quotes::{cues, reported, speakers};
pub use text::lexicon;

pub use export::format::{Document, Entity, GenderTag, GenderValue, Mention, Origin, Quote, QuoteKind, Span};
pub use export::validate::{parse_document, ImportError};

/// Something the user should know about the input or the result.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `empty-text`, `unbalanced-quote`.
    pub code: &'static str,
    pub message: String,
}

/// The result of extraction: the export document and the warnings.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub document: Document,
    pub warnings: Vec<Warning>,
}

/// How to annotate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Use the statistical models when they are available ([`ml::models`]):
    /// more names found, about five times slower. Off: the rules alone.
    pub models: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { models: true }
    }
}

/// Annotates `text`: entities, mentions, quotes and speakers.
pub fn annotate(text: &str) -> Annotated {
    annotate_with(text, &Options::default())
}

/// [`annotate`] with options (e.g. the rules alone, for speed).
pub fn annotate_with(text: &str, options: &Options) -> Annotated {
    let mut warnings = Vec::new();
    if text.trim().is_empty() {
        warnings.push(Warning { code: "empty-text", message: "The text is empty: there is nothing to annotate.".into() });
    }
    let analysis = pipeline::analyse_with(text, options.models);
    warnings.extend(analysis.warnings.iter().cloned());
    Annotated { document: analysis.to_document(), warnings }
}
