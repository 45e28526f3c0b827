//! The statistical models (part-of-speech tagger, entity recognizer and
//! dependency parser) as
//! static files beside the app (`models/*.swm`, copied by Trunk from
//! `crates/saywho-core/models/`). They are about as large as the rest of the
//! download, so the app does not embed them: it paints and annotates with the
//! rules at once, fetches the files after the first paint, and installs them
//! in the core. If they cannot be had, the app stays fully usable, rule-based.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The model files, relative to the page (and to the worker's script, beside it).
pub const POS_FILE: &str = "models/pos.swm";
pub const NER_FILE: &str = "models/ner.swm";
pub const PARSE_FILE: &str = "models/parse.swm";

/// Where the models stand, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelStatus {
    Loading,
    Ready,
    /// Why not (shown to the user).
    Unavailable(String),
}

impl ModelStatus {
    /// The short state, for `data-state` (tests and styles).
    pub fn state(&self) -> &'static str {
        match self {
            ModelStatus::Loading => "loading",
            ModelStatus::Ready => "ready",
            ModelStatus::Unavailable(_) => "unavailable",
        }
    }

    /// What the page says.
    pub fn message(&self) -> String {
        match self {
            ModelStatus::Loading => "Models: loading… (rule-based until they arrive)".into(),
            ModelStatus::Ready => "Models: ready".into(),
            ModelStatus::Unavailable(why) => format!("Models: unavailable ({why}): rule-based only"),
        }
    }
}

/// The fetched files, kept to hand to the annotation worker.
#[derive(Debug)]
pub struct ModelFiles {
    pub pos: Vec<u8>,
    pub ner: Vec<u8>,
    pub parse: Vec<u8>,
}

/// Turns the outcome of fetching `url` into its bytes or a message.
async fn bytes_of(url: &str, response: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>) -> Result<Vec<u8>, String> {
    let response: web_sys::Response =
        response.map_err(|_| format!("{url} could not be fetched"))?.dyn_into().map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let body = response.array_buffer().map_err(|_| format!("{url} could not be read"))?;
    let buffer = JsFuture::from(body).await.map_err(|_| format!("{url} could not be read"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches both files (in parallel) and installs them in the core; on
/// success, returns the files for the worker.
pub async fn load() -> Result<Rc<ModelFiles>, String> {
    let window = web_sys::window().ok_or("no window")?;
    // Both requests start now; awaiting them one after the other costs nothing.
    let pos = JsFuture::from(window.fetch_with_str(POS_FILE));
    let ner = JsFuture::from(window.fetch_with_str(NER_FILE));
    let parse = JsFuture::from(window.fetch_with_str(PARSE_FILE));
    let pos = bytes_of(POS_FILE, pos.await).await?;
    let ner = bytes_of(NER_FILE, ner.await).await?;
    let parse = bytes_of(PARSE_FILE, parse.await).await?;
    // The parser first: once the tagger is in, annotation uses the models,
    // and the native command line always has all three.
    // Ok(false): models were in use already (the app mounted before): still ready.
    saywho_core::ml::install_parser(&parse).map_err(|e| format!("the parser file is damaged: {e}"))?;
    saywho_core::ml::install(&pos, &ner).map_err(|e| format!("the model files are damaged: {e}"))?;
    Ok(Rc::new(ModelFiles { pos, ner, parse }))
}

#[cfg(test)]
mod tests {
    use super::ModelStatus;

    #[test]
    fn the_status_says_what_the_user_gets() {
        let check = |s: ModelStatus, state: &str, says: &[&str]| {
            assert_eq!(s.state(), state);
            for part in says {
                assert!(s.message().contains(part), "{:?}: {:?} lacks {part:?}", s, s.message());
            }
        };
        check(ModelStatus::Loading, "loading", &["Models: loading", "rule-based"]);
        check(ModelStatus::Ready, "ready", &["Models: ready"]);
        check(ModelStatus::Unavailable("models/pos.swm: HTTP 404".into()), "unavailable", &["unavailable", "HTTP 404", "rule-based only"]);
    }
}
