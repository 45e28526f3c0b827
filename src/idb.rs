//! The workspace's storage: IndexedDB (not local storage, whose 5 MB limit
//! would lose work), database `saywho`, two object stores keyed by the
//! article's number: `summaries` (what the list shows, read at startup) and
//! `documents` (the annotation file and warnings, read when an article is
//! opened). Values are JSON strings, so they are exactly what the Rust side
//! wrote. A write to both stores is one transaction: an article is stored
//! whole or not at all, and a crash loses at most the edit being written.
//!
//! Every failure comes back as a sentence for the status line: storage full
//! (`QuotaExceededError`), refused (private windows, blocked by settings), or
//! another error with the browser's own words.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::workspace::{Stored, Summary};

const DB_NAME: &str = "saywho";
const DB_VERSION: u32 = 1;
const SUMMARIES: &str = "summaries";
const DOCUMENTS: &str = "documents";

/// An open workspace database.
#[derive(Clone)]
pub struct Db(IdbDatabase);

impl PartialEq for Db {
    fn eq(&self, other: &Db) -> bool {
        self.0 == other.0
    }
}

/// A failure as the status line says it.
pub fn say(what: &str, e: &JsValue) -> String {
    let exc = e.dyn_ref::<web_sys::DomException>();
    match exc.map(|x| x.name()).as_deref() {
        Some("QuotaExceededError") => {
            format!("The browser's storage for this page is full, so {what} was not saved. Delete some articles from the workspace (or export it) and try again; nothing else was lost.")
        }
        Some("SecurityError" | "InvalidStateError" | "UnknownError") => {
            format!("The browser refused this page its storage (a private window, or site data blocked in the settings), so {what} is not kept after you close the page.")
        }
        _ => {
            let why = exc.map(|x| x.message()).or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".into());
            format!("The browser's storage failed, so {what} was not saved ({why}).")
        }
    }
}

/// Resolves with a request's result, or rejects with its error.
fn request(req: &IdbRequest) -> JsFuture {
    let req = req.clone();
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let err = r.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(fail.unchecked_ref()));
    }))
}

/// Resolves when a transaction has committed (its data is on disk), rejects when it aborts.
fn committed(tx: &IdbTransaction) -> JsFuture {
    let tx = tx.clone();
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let failed = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t.error().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        let t = tx.clone();
        let errored = Closure::once_into_js(move |_: web_sys::Event| {
            let err = t.error().map(JsValue::from).unwrap_or(JsValue::UNDEFINED);
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
        tx.set_onerror(Some(errored.unchecked_ref()));
    }))
}

impl Db {
    /// Opens (creating on first use) the workspace database.
    pub async fn open() -> Result<Db, String> {
        let what = "the workspace";
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| format!("This browser offers no IndexedDB storage, so {what} is not kept after you close the page."))?;
        let req = factory.open_with_u32(DB_NAME, DB_VERSION).map_err(|e| say(what, &e))?;
        let upgrade = Closure::once_into_js({
            let req = req.clone();
            move |_: web_sys::Event| {
                if let Some(db) = req.result().ok().and_then(|r| r.dyn_into::<IdbDatabase>().ok()) {
                    let names = db.object_store_names();
                    for store in [SUMMARIES, DOCUMENTS] {
                        if !names.contains(store) {
                            let _ = db.create_object_store(store);
                        }
                    }
                }
            }
        });
        req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        let db = request(&req).await.map_err(|e| say(what, &e))?;
        db.dyn_into::<IdbDatabase>().map(Db).map_err(|_| format!("The browser's storage gave no database, so {what} is not kept."))
    }

    fn stores(&self, mode: IdbTransactionMode, what: &str) -> Result<(IdbTransaction, IdbObjectStore, IdbObjectStore), String> {
        let names = Array::of2(&SUMMARIES.into(), &DOCUMENTS.into());
        let tx = self.0.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| say(what, &e))?;
        let s = tx.object_store(SUMMARIES).map_err(|e| say(what, &e))?;
        let d = tx.object_store(DOCUMENTS).map_err(|e| say(what, &e))?;
        Ok((tx, s, d))
    }

    /// Every article's summary, in the order they were added.
    pub async fn summaries(&self) -> Result<Vec<Summary>, String> {
        let what = "the workspace list";
        let (_tx, s, _) = self.stores(IdbTransactionMode::Readonly, what)?;
        let all = request(&s.get_all().map_err(|e| say(what, &e))?).await.map_err(|e| say(what, &e))?;
        let mut out: Vec<Summary> = Array::from(&all)
            .iter()
            .filter_map(|v| v.as_string())
            .filter_map(|j| serde_json::from_str(&j).ok())
            .collect();
        out.sort_by_key(|s| s.key);
        Ok(out)
    }

    /// One article's document.
    pub async fn document(&self, key: u64) -> Result<Stored, String> {
        let what = "the article";
        let (_tx, _, d) = self.stores(IdbTransactionMode::Readonly, what)?;
        let v = request(&d.get(&JsValue::from_f64(key as f64)).map_err(|e| say(what, &e))?).await.map_err(|e| say(what, &e))?;
        let json = v.as_string().ok_or_else(|| "That article is no longer in the workspace.".to_string())?;
        serde_json::from_str(&json).map_err(|e| format!("The stored article could not be read ({e})."))
    }

    /// Stores an article (summary and document together, or neither).
    pub async fn put(&self, summary: &Summary, stored: &Stored) -> Result<(), String> {
        let what = format!("“{}”", summary.title);
        let (tx, s, d) = self.stores(IdbTransactionMode::Readwrite, &what)?;
        let key = JsValue::from_f64(summary.key as f64);
        let sj = serde_json::to_string(summary).map_err(|e| e.to_string())?;
        let dj = serde_json::to_string(stored).map_err(|e| e.to_string())?;
        s.put_with_key(&sj.into(), &key).map_err(|e| say(&what, &e))?;
        d.put_with_key(&dj.into(), &key).map_err(|e| say(&what, &e))?;
        committed(&tx).await.map(drop).map_err(|e| say(&what, &e))
    }

    /// Removes an article.
    pub async fn delete(&self, key: u64) -> Result<(), String> {
        let what = "the deletion";
        let (tx, s, d) = self.stores(IdbTransactionMode::Readwrite, what)?;
        let k = JsValue::from_f64(key as f64);
        s.delete(&k).map_err(|e| say(what, &e))?;
        d.delete(&k).map_err(|e| say(what, &e))?;
        committed(&tx).await.map(drop).map_err(|e| say(what, &e))
    }
}
