//! Statistical models: a part-of-speech tagger and a named-entity recognizer
//! (averaged perceptrons over hashed features, quantised), trained by
//! `saywho-train` on GUM and English-EWT/UNER and embedded in the binary.
//!
//! The models never read files at run time: with the default
//! `embedded-models` feature the committed model files are included with
//! `include_bytes!` and decoded once, on first use. WebAssembly builds never
//! embed them, whatever the features say (Trunk's cargo call unifies the
//! workspace's features, so the feature alone cannot keep them out of the
//! web app): there the caller fetches the files and calls [`install`], and
//! the pipeline stays rule-based until then. Callers pass
//! words as `&[&str]`, so the same code serves gold-tokenised training data
//! and the core's own tokens. Pass a whole document (or paragraph) at a time:
//! sentence starts are inferred from punctuation, and the recognizer
//! remembers what it tagged earlier in the same call (and, with the
//! second stage in `ner.swm`, [`stack`], looks at the whole call's labels).
//! The dependency parser ([`parse`], `parse.swm`) is optional and loaded on
//! its own ([`parser`], [`install_parser`]): nothing needs it to work.

pub mod conllu;
pub mod features;
pub mod gazetteer;
pub mod model_file;
pub mod namelike;
pub mod ner;
pub mod ner_base;
pub mod parse;
pub mod parse_features;
pub mod parse_roles;
pub mod parse_train;
pub mod perceptron;
pub mod pos;
pub mod stack;

pub use model_file::ModelError;
pub use ner::{Domain, Gazetteer};
pub use pos::Pos;

use std::sync::OnceLock;

/// The committed part-of-speech model (see `models/MODELS.md`).
#[cfg(all(feature = "embedded-models", not(target_arch = "wasm32")))]
pub const POS_MODEL: &[u8] = include_bytes!("../../models/pos.swm");
/// The committed entity model (see `models/MODELS.md`).
#[cfg(all(feature = "embedded-models", not(target_arch = "wasm32")))]
pub const NER_MODEL: &[u8] = include_bytes!("../../models/ner.swm");

/// The committed dependency parser (see `models/MODELS.md`).
#[cfg(all(feature = "embedded-models", not(target_arch = "wasm32")))]
pub const PARSE_MODEL: &[u8] = include_bytes!("../../models/parse.swm");

/// A loaded tagger and recognizer.
pub struct Models {
    pub tagger: pos::Tagger,
    pub recognizer: ner::Recognizer,
}

impl Models {
    /// Decodes and validates two model files (e.g. fetched by the web app).
    pub fn from_bytes(pos_model: &[u8], ner_model: &[u8]) -> Result<Models, ModelError> {
        let tagger = pos::Tagger::from_model(model_file::Model::decode(pos_model)?)?;
        let recognizer = ner::Recognizer::from_model(model_file::Model::decode(ner_model)?)?;
        Ok(Models { tagger, recognizer })
    }

    /// Tags for `words` decoded as one run of text.
    pub fn pos_tags(&self, words: &[&str]) -> Vec<Pos> {
        self.tagger.tag(words)
    }

    /// Tags for `words`, sentence by sentence (word ranges, end exclusive):
    /// the way the models were trained, so slightly more accurate.
    pub fn pos_tags_in(&self, words: &[&str], sentences: &[(usize, usize)]) -> Vec<Pos> {
        self.tagger.tag_sentences(words, sentences)
    }

    /// Entity spans as word ranges (end exclusive) with their type:
    /// "PERSON", "ORG", "LOC" or "MISC".
    pub fn ner_spans(&self, words: &[&str], pos: &[Pos], gaz: Option<&dyn Gazetteer>) -> Vec<(usize, usize, &'static str)> {
        self.ner_spans_in(words, pos, &[(0, words.len())], gaz)
    }

    /// Tags and entity spans for `words`, sentence by sentence, each word
    /// hashed once for both models (the fastest way to call them).
    /// Uses the weights for edited text ([`Domain::Edited`], the news the
    /// pipeline reads); see [`Models::analyze_in_domain`].
    pub fn analyze_in(&self, words: &[&str], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>) -> (Vec<Pos>, Vec<(usize, usize, &'static str)>) {
        self.analyze_in_domain(words, sentences, gaz, Domain::default())
    }

    /// [`Models::analyze_in`] for text of the given kind (web text: [`Domain::Web`]).
    pub fn analyze_in_domain(&self, words: &[&str], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>, domain: Domain) -> (Vec<Pos>, Vec<(usize, usize, &'static str)>) {
        let (pos, labels) = self.recognizer.tag_and_label(&self.tagger, words, sentences, gaz, domain);
        (pos, ner::spans_of(&labels).into_iter().map(|(s, e, t)| (s, e, ner::TYPES[t])).collect())
    }

    /// [`Models::ner_spans`] decoded sentence by sentence; no span crosses a
    /// sentence boundary, and what a word was tagged in one sentence informs
    /// the next.
    pub fn ner_spans_in(&self, words: &[&str], pos: &[Pos], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>) -> Vec<(usize, usize, &'static str)> {
        self.ner_spans_in_domain(words, pos, sentences, gaz, Domain::default())
    }

    /// [`Models::ner_spans_in`] for text of the given kind (web text: [`Domain::Web`]).
    pub fn ner_spans_in_domain(&self, words: &[&str], pos: &[Pos], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>, domain: Domain) -> Vec<(usize, usize, &'static str)> {
        let labels = self.recognizer.labels_in_domain(words, pos, sentences, gaz, domain);
        ner::spans_of(&labels).into_iter().map(|(s, e, t)| (s, e, ner::TYPES[t])).collect()
    }
}

static MODELS: OnceLock<Models> = OnceLock::new();

/// The models: those passed to [`install`], else (with the default
/// `embedded-models` feature) the embedded ones, decoded on first use. None
/// if neither is available (the `models` test rules out a corrupt embedded file).
pub fn models() -> Option<&'static Models> {
    if let Some(m) = MODELS.get() {
        return Some(m);
    }
    #[cfg(all(feature = "embedded-models", not(target_arch = "wasm32")))]
    if let Ok(m) = Models::from_bytes(POS_MODEL, NER_MODEL) {
        return Some(MODELS.get_or_init(|| m));
    }
    None
}

/// Decodes model files fetched at run time (the web app) and makes them the
/// ones every function here uses. Returns false, and changes nothing, if
/// models were already in use.
pub fn install(pos_model: &[u8], ner_model: &[u8]) -> Result<bool, ModelError> {
    let m = Models::from_bytes(pos_model, ner_model)?;
    Ok(MODELS.set(m).is_ok())
}

/// Penn part-of-speech tags for `words`. Without models (see [`models`]),
/// every word gets [`Pos::XX`].
pub fn pos_tags(words: &[&str]) -> Vec<Pos> {
    match models() {
        Some(m) => m.pos_tags(words),
        None => vec![Pos::XX; words.len()],
    }
}

/// Named-entity spans for `words` (with their tags from [`pos_tags`]): word
/// ranges, end exclusive, typed "PERSON", "ORG", "LOC" or "MISC". Empty
/// without models.
pub fn ner_spans(words: &[&str], pos: &[Pos]) -> Vec<(usize, usize, &'static str)> {
    ner_spans_with(words, pos, None)
}

/// [`ner_spans`] with gazetteer evidence (used only by models trained with it).
pub fn ner_spans_with(words: &[&str], pos: &[Pos], gaz: Option<&dyn Gazetteer>) -> Vec<(usize, usize, &'static str)> {
    match models() {
        Some(m) => m.ner_spans(words, pos, gaz),
        None => Vec::new(),
    }
}

/// Tags and entities for the core's tokenised text, sentence by sentence
/// (the most accurate way to call the models): one tag per token, entity
/// spans as token ranges (end exclusive).
/// Uses the recognizer's weights for edited text (news); see [`tag_text_in`].
pub fn tag_text(text: &crate::text::Text, gaz: Option<&dyn Gazetteer>) -> (Vec<Pos>, Vec<(usize, usize, &'static str)>) {
    tag_text_in(text, gaz, Domain::default())
}

/// [`tag_text`] for text of the given kind ([`Domain::Web`] for forums,
/// reviews, e-mail).
pub fn tag_text_in(text: &crate::text::Text, gaz: Option<&dyn Gazetteer>, domain: Domain) -> (Vec<Pos>, Vec<(usize, usize, &'static str)>) {
    let words: Vec<&str> = (0..text.len()).map(|i| text.tok(i)).collect();
    let sentences: Vec<(usize, usize)> = text.sentences.iter().map(|s| (s.start, s.end)).collect();
    match models() {
        Some(m) => m.analyze_in_domain(&words, &sentences, gaz, domain),
        None => (vec![Pos::XX; words.len()], Vec::new()),
    }
}

static PARSER: OnceLock<parse::Parser> = OnceLock::new();

/// The dependency parser: the one passed to [`install_parser`], else (with
/// the default `embedded-models` feature) the embedded one, decoded on first
/// use. Optional: None means callers go without a parse.
pub fn parser() -> Option<&'static parse::Parser> {
    if let Some(p) = PARSER.get() {
        return Some(p);
    }
    #[cfg(all(feature = "embedded-models", not(target_arch = "wasm32")))]
    if let Ok(p) = model_file::Model::decode(PARSE_MODEL).and_then(parse::Parser::from_model) {
        return Some(PARSER.get_or_init(|| p));
    }
    None
}

/// Decodes a parser model fetched at run time (the web app: `parse.swm`) and
/// makes it the one [`parser`] returns. Returns false, and changes nothing,
/// if a parser was already in use.
pub fn install_parser(parse_model: &[u8]) -> Result<bool, ModelError> {
    let p = parse::Parser::from_model(model_file::Model::decode(parse_model)?)?;
    Ok(PARSER.set(p).is_ok())
}
