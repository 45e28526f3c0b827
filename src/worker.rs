//! Annotation off the main thread: a gloo worker that runs the extraction core,
//! so a long article keeps the page responsive while it is annotated.
//! Built by Trunk as its own binary (`src/bin/annotator.rs`, `data-type="worker"`).
//!
//! The worker is a separate wasm instance with its own copy of the core, so the
//! page hands it the model files it fetched ([`Job::Models`]): both paths then
//! annotate with the same bytes and give the same result.

use gloo::worker::{HandlerId, Worker, WorkerScope};
use saywho_core::Document;
use serde::{Deserialize, Serialize};

/// What the page asks of the worker; jobs are handled in the order sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Job {
    /// Answer at once: proves the worker loaded (a worker whose files fail to
    /// load never says anything, and the page falls back to the main thread).
    Hello,
    /// Install the statistical models (the files `models/pos.swm`,
    /// `models/ner.swm`, `models/parse.swm`).
    Models { pos: Vec<u8>, ner: Vec<u8>, parse: Vec<u8> },
    /// Annotate `text`; `replace` comes back in the result (see [`Annotated`]).
    Annotate { text: String, replace: bool },
}

/// The worker's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Reply {
    Ready,
    /// The models could not be decoded (the page already decoded the same
    /// bytes, so this means a bug, but it must not go unnoticed).
    ModelsFailed(String),
    Annotated(Annotated),
}

/// The result sent back: the document and the core's warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Annotated {
    /// Crosses the worker boundary as its JSON text (see [`as_json`]).
    #[serde(with = "as_json")]
    pub document: Document,
    pub warnings: Vec<String>,
    /// Whether the statistical models took part.
    pub models: bool,
    /// Replace the document (a new text), or re-annotate it as an undoable edit.
    pub replace: bool,
}

/// The document as JSON text inside a worker message. The worker's codec
/// (bincode) is not self-describing, so a field the export leaves out when it
/// is empty (an entity's optional `gender`) would make the page misread the
/// whole reply; the export's own JSON has no such trouble.
mod as_json {
    use saywho_core::Document;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(doc: &Document, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&doc.to_json_line())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        let json = String::deserialize(d)?;
        serde_json::from_str(&json).map_err(serde::de::Error::custom)
    }
}

/// Annotates `text` with the core, saying whether the models took part.
pub fn annotate(text: &str, replace: bool) -> Annotated {
    let models = saywho_core::ml::models().is_some();
    let a = saywho_core::annotate(text);
    let warnings = a.warnings.into_iter().map(|w| w.message).collect();
    Annotated { document: a.document, warnings, models, replace }
}

pub struct Annotator;

impl Worker for Annotator {
    type Message = ();
    type Input = Job;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Annotator
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, job: Job, id: HandlerId) {
        match job {
            Job::Hello => scope.respond(id, Reply::Ready),
            Job::Models { pos, ner, parse } => {
                let installed = saywho_core::ml::install_parser(&parse).and_then(|_| saywho_core::ml::install(&pos, &ner));
                if let Err(e) = installed {
                    scope.respond(id, Reply::ModelsFailed(e.to_string()));
                }
            }
            Job::Annotate { text, replace } => scope.respond(id, Reply::Annotated(annotate(&text, replace))),
        }
    }
}
