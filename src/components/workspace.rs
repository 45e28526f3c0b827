//! The workspace panel: many articles kept in IndexedDB (`src/idb.rs`), listed
//! with their title, date added, counts and whether they were corrected;
//! open one (it replaces the current document, undoably), delete one (with
//! Undo), search by the name of a source, import several files at once
//! (.txt, .json, .jsonld, .jsonl), export them all as JSON Lines (`saywho
//! batch` records). The article open from the workspace is saved back as it
//! is edited; another article joins with "Add this article".

use std::rc::Rc;

use saywho_core::Options;
use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use gloo::storage::{LocalStorage, Storage};

use crate::dom;
use crate::idb::Db;

/// The workspace article on screen: its number, the text it was stored with,
/// and the core's warnings on that text (kept, as they depend on the text alone).
type Current = (u64, Rc<str>, Value);

/// Local storage key of the workspace article on screen (its number).
const CURRENT_KEY: &str = "saywho.workspace.current.v1";

/// Makes `key` the workspace's article on screen (`None`: none is).
fn set_current(current: &Rc<std::cell::RefCell<Option<Current>>>, now: Option<Current>) {
    match &now {
        Some((k, _, _)) => {
            let _ = LocalStorage::set(CURRENT_KEY, k);
        }
        None => LocalStorage::delete(CURRENT_KEY),
    }
    *current.borrow_mut() = now;
}
use crate::state::{Action, Doc, Notice};
use crate::workspace::{export_jsonl, has_corrections, read_file, search, summarize, Incoming, Stored, Summary};

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub doc: Doc,
    /// Bumped by every change to the document.
    pub revision: u64,
    pub on_action: Callback<Action>,
}

fn notify(a: &Callback<Action>, n: Notice) {
    a.emit(Action::Notify(Some(n)));
}

/// The core's warnings on a text as `saywho batch` writes them (they depend on
/// the text alone: the rules find them, with or without the models).
fn warnings_of(text: &str) -> Value {
    serde_json::to_value(saywho_core::annotate_with(text, &Options { models: false }).warnings).unwrap_or(Value::Array(Vec::new()))
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    let db = use_state(|| None::<Db>);
    let list = use_state(Vec::<Summary>::new);
    // The article of the workspace on screen: its key and the text it was stored with.
    let current = use_mut_ref(|| None::<Current>);
    let deleted = use_state(|| None::<(Summary, Stored)>);
    let query = use_state(String::new);
    let files = use_node_ref();
    // When the workspace started opening, until its list is on the page.
    let opening = use_mut_ref(|| None::<(f64, usize)>);
    {
        let opening = opening.clone();
        use_effect_with(list.len(), move |_| {
            if let Some((t0, n)) = opening.borrow_mut().take() {
                mark("data-workspace-open-ms", dom::now_ms() - t0, Some(n));
            }
        });
    }
    // When the opening of an article started, until the page has shown it.
    let switching = use_mut_ref(|| None::<f64>);
    {
        let switching = switching.clone();
        use_effect_with(props.revision, move |_| {
            if let Some(t0) = switching.borrow_mut().take() {
                mark("data-workspace-switch-ms", dom::now_ms() - t0, None);
            }
        });
    }

    {
        let (db, list, current, a, text) = (db.clone(), list.clone(), current.clone(), props.on_action.clone(), props.doc.text.clone());
        let opening = opening.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let t0 = dom::now_ms();
                match Db::open().await {
                    Ok(d) => match d.summaries().await {
                        Ok(all) => {
                            *opening.borrow_mut() = Some((t0, all.len()));
                            // After a reload, the restored session is still the workspace's
                            // article it was: its edits keep going there.
                            let last = LocalStorage::get::<u64>(CURRENT_KEY).ok().filter(|k| all.iter().any(|s| s.key == *k));
                            if let Some(key) = last {
                                if let Ok(s) = d.document(key).await.map_err(drop).and_then(|s| if *s.document.text == *text { Ok(s) } else { Err(()) }) {
                                    *current.borrow_mut() = Some((key, text, s.warnings));
                                }
                            }
                            list.set(all);
                            db.set(Some(d));
                        }
                        Err(e) => notify(&a, Notice::Error(e)),
                    },
                    Err(e) => notify(&a, Notice::Error(e)),
                }
            });
        });
    }
    // Saves the workspace's article on screen after every edit (same text only).
    {
        let (db, list, current, doc, a) = (db.clone(), list.clone(), current.clone(), props.doc.clone(), props.on_action.clone());
        use_effect_with(props.revision, move |_| {
            let here = current.borrow().clone();
            if let (Some(d), Some((key, text, warnings))) = ((*db).clone(), here) {
                if *text == *doc.text {
                    let old = list.iter().find(|s| s.key == key).cloned();
                    let id = old.as_ref().map_or(Value::from(key), |s| s.id.clone());
                    let added = old.as_ref().map_or(dom::now_ms(), |s| s.added_ms);
                    let document = doc.to_document();
                    // Opening a corrected article starts a fresh history: it stays corrected.
                    let corrected = doc.corrected || old.as_ref().is_some_and(|s| s.corrected);
                    let summary = summarize(key, id, &document, corrected, added);
                    let stored = Stored { warnings, document };
                    spawn_local(async move {
                        match d.put(&summary, &stored).await {
                            Ok(()) => list.set(list.iter().map(|s| if s.key == key { summary.clone() } else { s.clone() }).collect()),
                            Err(e) => notify(&a, Notice::Error(e)),
                        }
                    });
                } else {
                    set_current(&current, None);
                }
            }
        });
    }
    let next_key = |list: &[Summary]| list.iter().map(|s| s.key).max().unwrap_or(0) + 1;

    let on_add = {
        let (db, list, current, doc, a) = (db.clone(), list.clone(), current.clone(), props.doc.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(d) = (*db).clone() else { return notify(&a, Notice::Error("The workspace is not available in this browser.".into())) };
            let key = next_key(&list);
            let document = doc.to_document();
            let summary = summarize(key, Value::from(key), &document, doc.corrected, dom::now_ms());
            let stored = Stored { warnings: warnings_of(&document.text), document };
            let (list, current, a, text, warnings) = (list.clone(), current.clone(), a.clone(), doc.text.clone(), stored.warnings.clone());
            spawn_local(async move {
                match d.put(&summary, &stored).await {
                    Ok(()) => {
                        set_current(&current, Some((key, text, warnings)));
                        notify(&a, Notice::Info(format!("Added “{}” to the workspace.", summary.title)));
                        let mut all = (*list).clone();
                        all.push(summary);
                        list.set(all);
                    }
                    Err(e) => notify(&a, Notice::Error(e)),
                }
            });
        })
    };
    let open = {
        let (db, current, a, switching) = (db.clone(), current.clone(), props.on_action.clone(), switching.clone());
        move |s: Summary| {
            let (db, current, a, switching) = (db.clone(), current.clone(), a.clone(), switching.clone());
            Callback::from(move |_: MouseEvent| {
                let (Some(d), s, current, a, switching) = ((*db).clone(), s.clone(), current.clone(), a.clone(), switching.clone()) else { return };
                spawn_local(async move {
                    *switching.borrow_mut() = Some(dom::now_ms());
                    match d.document(s.key).await {
                        Ok(stored) => {
                            set_current(&current, Some((s.key, Rc::from(stored.document.text.as_str()), stored.warnings.clone())));
                            a.emit(Action::Open {
                                doc: stored.document,
                                notice: Some(Notice::Info(format!("Opened “{}” from the workspace.", s.title))),
                                what: format!("the opening of “{}”", s.title),
                            });
                        }
                        Err(e) => notify(&a, Notice::Error(e)),
                    }
                });
            })
        }
    };
    let remove = {
        let (db, list, current, deleted, a) = (db.clone(), list.clone(), current.clone(), deleted.clone(), props.on_action.clone());
        move |s: Summary| {
            let (db, list, current, deleted, a) = (db.clone(), list.clone(), current.clone(), deleted.clone(), a.clone());
            Callback::from(move |_: MouseEvent| {
                let (Some(d), s) = ((*db).clone(), s.clone()) else { return };
                let (list, current, deleted, a) = (list.clone(), current.clone(), deleted.clone(), a.clone());
                spawn_local(async move {
                    let kept = match d.document(s.key).await {
                        Ok(k) => k,
                        Err(e) => return notify(&a, Notice::Error(e)),
                    };
                    match d.delete(s.key).await {
                        Ok(()) => {
                            if current.borrow().as_ref().is_some_and(|(k, _, _)| *k == s.key) {
                                set_current(&current, None);
                            }
                            list.set(list.iter().filter(|x| x.key != s.key).cloned().collect());
                            notify(&a, Notice::Info(format!("Deleted “{}” from the workspace (Undo delete brings it back).", s.title)));
                            deleted.set(Some((s, kept)));
                        }
                        Err(e) => notify(&a, Notice::Error(e)),
                    }
                });
            })
        }
    };
    let undo_delete = {
        let (db, list, deleted, a) = (db.clone(), list.clone(), deleted.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(d), Some((s, kept))) = ((*db).clone(), (*deleted).clone()) else { return };
            let (list, deleted, a) = (list.clone(), deleted.clone(), a.clone());
            spawn_local(async move {
                match d.put(&s, &kept).await {
                    Ok(()) => {
                        let mut all = (*list).clone();
                        all.push(s.clone());
                        all.sort_by_key(|x| x.key);
                        list.set(all);
                        deleted.set(None);
                        notify(&a, Notice::Info(format!("“{}” is back in the workspace.", s.title)));
                    }
                    Err(e) => notify(&a, Notice::Error(e)),
                }
            });
        })
    };
    let on_files = {
        let (db, list, a) = (db.clone(), list.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(d) = (*db).clone() else { return notify(&a, Notice::Error("The workspace is not available in this browser.".into())) };
            let chosen: Vec<web_sys::File> = input.files().map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
            input.set_value("");
            let (list, a) = (list.clone(), a.clone());
            spawn_local(async move {
                let mut all = (*list).clone();
                let (mut added, mut refused) = (0, Vec::new());
                for f in chosen {
                    let name = f.name();
                    let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.ok().and_then(|v| v.as_string());
                    let Some(text) = text else {
                        refused.push(format!("{name}: the file could not be read"));
                        continue;
                    };
                    let items = match read_file(&name, &text) {
                        Ok(items) => items,
                        Err(e) => {
                            refused.push(e);
                            continue;
                        }
                    };
                    for item in items {
                        let key = next_key(&all);
                        let (id, stored) = match item {
                            Incoming::Text { id, text } => {
                                let r = saywho_core::annotate(&text);
                                (id, Stored { warnings: serde_json::to_value(r.warnings).unwrap_or_default(), document: r.document })
                            }
                            Incoming::Document { id, document, warnings } => {
                                (id, Stored { warnings: warnings.unwrap_or_else(|| warnings_of(&document.text)), document })
                            }
                        };
                        let corrected = has_corrections(&stored.document);
                        let summary = summarize(key, id.unwrap_or(Value::from(key)), &stored.document, corrected, dom::now_ms());
                        if let Err(e) = d.put(&summary, &stored).await {
                            refused.push(e);
                            break;
                        }
                        all.push(summary);
                        added += 1;
                    }
                }
                list.set(all);
                let done = format!("Added {added} article{} to the workspace.", if added == 1 { "" } else { "s" });
                notify(&a, if refused.is_empty() { Notice::Info(done) } else { Notice::Error(format!("{done} Not added: {}.", refused.join("; "))) });
            });
        })
    };
    let on_export = {
        let (db, list, a) = (db.clone(), list.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(d), all, a) = ((*db).clone(), (*list).clone(), a.clone()) else { return };
            spawn_local(async move {
                let mut items = Vec::with_capacity(all.len());
                for s in &all {
                    match d.document(s.key).await {
                        Ok(stored) => items.push(stored),
                        Err(e) => return notify(&a, Notice::Error(e)),
                    }
                }
                let out = export_jsonl(all.iter().zip(items.iter()));
                let name = "workspace.saywho.jsonl";
                notify(&a, match dom::download(name, "application/x-ndjson", &out) {
                    Ok(()) => Notice::Info(format!("Downloaded {name} ({} articles).", all.len())),
                    Err(e) => Notice::Error(format!("The download failed: {e}.")),
                });
            });
        })
    };
    // The sources report over every article (loaded from storage on request).
    let across = use_state(|| None::<saywho_core::export::sources::Report>);
    let on_report = {
        let (db, list, a, across) = (db.clone(), list.clone(), props.on_action.clone(), across.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(d), all, a, across) = ((*db).clone(), (*list).clone(), a.clone(), across.clone()) else { return };
            spawn_local(async move {
                let mut docs = Vec::with_capacity(all.len());
                for s in &all {
                    match d.document(s.key).await {
                        Ok(stored) => docs.push(stored.document),
                        Err(e) => return notify(&a, Notice::Error(e)),
                    }
                }
                across.set(Some(saywho_core::export::sources::report_many(&docs)));
            });
        })
    };
    let on_report_csv = {
        let (a, across) = (props.on_action.clone(), across.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(r) = across.as_ref() else { return };
            let name = "workspace.sources.csv";
            notify(&a, match dom::download(name, "text/csv;charset=utf-8", &r.to_csv()) {
                Ok(()) => Notice::Info(format!("Downloaded {name} ({} articles).", r.documents)),
                Err(e) => Notice::Error(format!("The download failed: {e}.")),
            });
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                query.set(i.value());
            }
        })
    };
    let pick_files = {
        let files = files.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = files.cast::<web_sys::HtmlInputElement>() {
                i.click();
            }
        })
    };
    let shown = search(&list, &query);
    let here = current.borrow().as_ref().map(|(k, _, _)| *k);
    html! {
        <section aria-label="Workspace" class="panel workspace" id="workspace">
            <h2>{ "Workspace" }<span class="count">{ list.len() }</span></h2>
            <div class="row">
                <button onclick={on_add} disabled={db.is_none() || props.doc.is_empty() || here.is_some()}>{ "Add this article" }</button>
                <button onclick={pick_files} disabled={db.is_none()} aria-label="Import articles"
                    title=".txt, .json, .jsonld or .jsonl (saywho batch), several at once">{ "Import…" }</button>
                <button onclick={on_export} disabled={list.is_empty()} aria-label="Export workspace"
                    title="Every article, one saywho batch record per line">{ "Export .jsonl" }</button>
                <button onclick={on_report} disabled={list.is_empty()} aria-label="Workspace sources report"
                    title="Who is quoted across every article of the workspace">{ "Sources of all" }</button>
                if deleted.is_some() {
                    <button onclick={undo_delete}>{ "Undo delete" }</button>
                }
            </div>
            if let Some(r) = across.as_ref() {
                { workspace_report(r, on_report_csv) }
            }
            <input type="file" multiple=true class="visually-hidden" tabindex="-1" aria-label="Workspace files" ref={files}
                accept=".txt,.json,.jsonld,.jsonl,.ndjson,text/plain,application/json" onchange={on_files} />
            <input type="search" aria-label="Search by source" placeholder="Search by source…" value={(*query).clone()} oninput={on_query} />
            <ul class="workspace-list">
            { for shown.iter().map(|s| {
                let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.added_ms));
                let when = String::from(date.to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED));
                html! {
                    <li class={classes!((here == Some(s.key)).then_some("current"))} data-key={s.key.to_string()}>
                        <button class="quiet title" onclick={open((*s).clone())} aria-label={format!("Open {}", s.title)}>{ &s.title }</button>
                        <span class="muted meta">{ format!("{when} · {} quotes · {} entities{}", s.quotes, s.entities, if s.corrected { " · corrected" } else { "" }) }</span>
                        <button class="quiet" onclick={remove((*s).clone())} aria-label={format!("Delete {}", s.title)}>{ "×" }</button>
                    </li>
                }
            }) }
            </ul>
            if !list.is_empty() && shown.is_empty() {
                <p class="muted">{ "No article quotes a source by that name." }</p>
            }
        </section>
    }
}

/// The workspace's sources report: the summary, the ten most quoted sources
/// (a table), and the CSV of them all.
fn workspace_report(r: &saywho_core::export::sources::Report, on_csv: Callback<MouseEvent>) -> Html {
    use saywho_core::export::sources::source_label;
    let genders = crate::report::charts(r).into_iter().find(|c| c.key == "gender").map(|c| {
        c.bars.iter().filter(|b| b.value > 0).map(|b| format!("{} {}", b.label, b.value)).collect::<Vec<_>>().join(", ")
    });
    html! {
        <div class="workspace-report" role="region" aria-label="Sources across the workspace">
            <p class="report-summary">{ format!("Across {} article{}: {}.", r.documents, if r.documents == 1 { "" } else { "s" }, crate::report::summary(r)) }
                if let Some(g) = genders.filter(|g| !g.is_empty()) { { format!(" People quoted: {g}.") } }
            </p>
            <table class="report-table">
                <caption>{ "Most quoted sources" }</caption>
                <thead><tr><th scope="col">{ "Source" }</th><th scope="col">{ "Quotes" }</th><th scope="col">{ "Articles" }</th></tr></thead>
                <tbody>
                { for r.sources.iter().take(10).map(|s| html! {
                    <tr><th scope="row">{ source_label(s) }</th><td>{ s.quotes }</td><td>{ s.documents }</td></tr>
                }) }
                </tbody>
            </table>
            <button onclick={on_csv} aria-label="Download workspace sources CSV">{ "Download sources CSV" }</button>
        </div>
    }
}

/// Records a measured time on <html> (the end-to-end test reads it).
fn mark(name: &str, ms: f64, size: Option<usize>) {
    if let Some(root) = dom::document().document_element() {
        let _ = root.set_attribute(name, &format!("{ms:.1}"));
        if let Some(n) = size {
            let _ = root.set_attribute("data-workspace-size", &n.to_string());
        }
    }
}
