//! Annotation off the main thread: a gloo worker that runs the extraction core,
//! so a long article keeps the page responsive while it is annotated.
//! Built by Trunk as its own binary (`src/bin/annotator.rs`, `data-type="worker"`).

use gloo::worker::{HandlerId, Worker, WorkerScope};
use saywho_core::Document;
use serde::{Deserialize, Serialize};

/// The result sent back: the document and the core's warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Annotated {
    pub document: Document,
    pub warnings: Vec<String>,
}

pub struct Annotator;

impl Worker for Annotator {
    type Message = ();
    type Input = String;
    type Output = Annotated;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Annotator
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, text: String, id: HandlerId) {
        let a = saywho_core::annotate(&text);
        let warnings = a.warnings.into_iter().map(|w| w.message).collect();
        scope.respond(id, Annotated { document: a.document, warnings });
    }
}
