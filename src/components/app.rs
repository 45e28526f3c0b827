//! The page: toolbar, text box, annotated article and side panels, wired to
//! the reducer in `state`. Browser effects (storage, files, keys) live here.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use saywho_core::{Document, QuoteKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::add::AddPanel;
use super::article::Article;
use super::dialogs::{Confirm, Help};
use super::keys::{on_key, stale_hint};
use super::panels::{Entities, FilterPanel, WhoSaid};
use super::selection::SelectionPanel;
use super::downloads::Downloads;
use super::sources::{opened_notice, SourcesReport};
use super::workspace::Workspace;
use crate::dom;
use crate::export::file_name;
use crate::sample::SAMPLE;
use crate::background::{self, Background};
use crate::models::{ModelFiles, ModelStatus};
use crate::state::{Action, AnnotatedBy, Notice, Sel, State};
use crate::worker::Annotated;
use crate::view::{base_marks, emphasize, marks_by_para, paragraphs};

/// Texts longer than this many words show a working state while they are annotated.
pub const LONG_TEXT_WORDS: usize = 20_000;

/// How long typing in the box must pause before the new text is annotated.
pub const TYPING_PAUSE_MS: u32 = 800;

/// The notice after annotating: the core's warnings if any, else the counts.
fn annotated_notice(d: &Document, warnings: &[String], models: bool) -> Option<Notice> {
    if !warnings.is_empty() {
        return Some(Notice::Info(warnings.join(" ")));
    }
    Some(Notice::Info(format!(
        "Annotated{}: {} entities in {} mentions, {} quotes.",
        if models { " with the models" } else { "" },
        d.entities.len(),
        d.mentions.len(),
        d.quotes.len()
    )))
}

/// The action for the annotator's output: a new document, or (`replace`
/// false) the same text re-annotated with the models as one undoable edit.
fn annotated_action(a: Annotated) -> Action {
    let notice = annotated_notice(&a.document, &a.warnings, a.models);
    match (a.replace, a.models) {
        (true, models) => Action::Annotated { doc: a.document, notice, by: if models { AnnotatedBy::Models } else { AnnotatedBy::Rules } },
        (false, true) => Action::Reannotate { doc: a.document, notice },
        (false, false) => Action::Notify(Some(Notice::Error("The models are not loaded: nothing changed.".into()))),
    }
}

/// How many times (16 ms apart) to look for the first contentful paint
/// before fetching the models anyway (a browser without paint timing).
const PAINT_CHECKS: u32 = 120;

/// Runs `then` in the task after the browser has painted the page's first
/// content (its `first-contentful-paint` entry), so that fetching and
/// installing the models never comes first even when they arrive at once
/// (localhost); after `tries` looks it runs anyway.
fn after_first_paint(then: Box<dyn FnOnce()>, tries: u32) {
    if tries == 0 || dom::painted() {
        Timeout::new(0, then).forget();
    } else {
        Timeout::new(16, move || after_first_paint(then, tries - 1)).forget();
    }
}

/// Notes on the root element how the last annotation was made, for the
/// page's own measurements: where (`page` or `worker`), with the models or not,
/// and on the page how long the core took (ms, the core alone, not the render).
fn note_annotation(place: &str, models: bool, ms: Option<f64>) {
    if let Some(root) = dom::document().document_element() {
        let _ = root.set_attribute("data-annotated-in", place);
        let _ = root.set_attribute("data-annotate-models", if models { "true" } else { "false" });
        if let Some(ms) = ms {
            let _ = root.set_attribute("data-annotate-ms", &format!("{ms:.1}"));
        }
    }
}

/// Annotates on this thread.
fn annotate_here(text: &str, replace: bool) -> Action {
    let t0 = dom::now_ms();
    let a = crate::worker::annotate(text, replace);
    note_annotation("page", a.models, Some(dom::now_ms() - t0));
    annotated_action(a)
}

fn load_annotated(text: &str) -> Action {
    annotate_here(text, true)
}

/// The first state: the sample when the address asks for it (`#sample`), else the
/// autosaved session, else an empty document.
fn initial_state() -> State {
    let hash = dom::window().location().hash().unwrap_or_default();
    let mut s = State::default();
    if hash == "#sample" {
        s.apply(load_annotated(SAMPLE));
        // Drop the hash, so a reload restores the corrections instead of the sample.
        let loc = dom::window().location();
        let url = format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default());
        if let Ok(h) = dom::window().history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        return s;
    }
    crate::session::restore(&mut s);
    s
}

/// A question before something replaces the current work.
#[derive(Clone, PartialEq)]
struct Pending {
    title: &'static str,
    message: &'static str,
    confirm: &'static str,
    then: Then,
}

/// What happens once the user confirms.
#[derive(Clone, PartialEq)]
enum Then {
    Act(Action),
    /// Annotate this text (in the worker when it is long).
    Annotate(String),
    /// Annotate the current text again, with the models, as an undoable edit.
    Reannotate(String),
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let text_sel = use_state_eq(|| None::<(usize, usize)>);
    let hover = use_state_eq(|| None::<AttrValue>);
    let busy = use_state_eq(|| false);
    let pending = use_state(|| None::<Pending>);
    let help = use_state_eq(|| false);
    let models = use_state_eq(|| ModelStatus::Loading);
    let model_files = use_mut_ref(|| None::<Rc<ModelFiles>>);
    let textarea = use_node_ref();
    let file_input = use_node_ref();
    // When the last edit was dispatched, and what to scroll to after the next render.
    let edit_started = use_mut_ref(|| None::<f64>);
    let reveal_next = use_mut_ref(|| None::<Sel>);
    // Mirrors for the window-wide key handler.
    let help_open = use_mut_ref(|| Cell::new(false));
    help_open.borrow().set(*help || pending.is_some());

    let paras = use_memo(state.doc.text.clone(), |t| paragraphs(t));
    // Marks per paragraph: rebuilt when the document or filters change; the selection
    // only re-emphasises the paragraphs it touches.
    let base = {
        let deps = (state.doc.clone(), state.filters.clone(), paras.clone());
        use_memo(deps, |(doc, filters, paras)| {
            marks_by_para(paras, &base_marks(doc, filters)).into_iter().map(Rc::new).collect::<Vec<_>>()
        })
    };
    let per_para = use_memo((state.doc.clone(), state.selection.clone(), base), |(doc, sel, base)| emphasize(doc, sel, base));

    // Every change goes through here: it times the edit for the latency measurement.
    let act = {
        let dispatcher = state.dispatcher();
        let edit_started = edit_started.clone();
        use_callback(dispatcher, move |a: Action, d| {
            *edit_started.borrow_mut() = Some(dom::now_ms());
            d.dispatch(a);
        })
    };

    // The text box shows the typed draft, else the document's text, whenever either
    // changes (undo and redo included): the box and the view never show two documents.
    {
        let textarea = textarea.clone();
        use_effect_with((state.doc.text.clone(), state.draft.clone()), move |(t, draft)| {
            let shown = draft.as_deref().unwrap_or(t);
            if let Some(el) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                if !crate::state::same_in_a_text_box(&el.value(), shown) {
                    el.set_value(shown);
                }
            }
            if !t.is_empty() {
                // For the load-time measurement: ms since navigation when annotations are on screen.
                let _ = dom::document()
                    .document_element()
                    .map(|e| e.set_attribute("data-annotated-ms", &format!("{:.0}", dom::now_ms())));
            }
        });
    }

    // Autosave after every change to the document, once the page has painted (a long
    // article takes tens of milliseconds to serialise); leaving the page saves at once.
    let unsaved = use_mut_ref(|| None::<crate::state::Doc>);
    {
        let act = act.clone();
        let unsaved = unsaved.clone();
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        let doc = state.doc.clone();
        use_effect_with(state.revision, move |rev| {
            if *rev != 0 {
                *unsaved.borrow_mut() = Some(doc);
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(150, move || {
                    if let Some(doc) = unsaved.borrow_mut().take() {
                        if crate::session::save(&doc).is_err() {
                            act.emit(Action::Notify(Some(Notice::Error(
                                "This browser would not store the session (it may be too large, or storage is off): download the JSON to keep your work."
                                    .into(),
                            ))));
                        }
                    }
                }));
            }
        });
    }
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&dom::window(), "pagehide", move |_| {
                if let Some(doc) = unsaved.borrow_mut().take() {
                    let _ = crate::session::save(&doc);
                }
            });
            move || drop(listener)
        });
    }

    // After each render: report edit latency, scroll to what a panel asked for.
    {
        let edit_started = edit_started.clone();
        let reveal_next = reveal_next.clone();
        let doc = state.doc.clone();
        use_effect(move || {
            if let Some(t0) = edit_started.borrow_mut().take() {
                let ms = dom::now_ms() - t0;
                let _ = dom::document().document_element().map(|e| e.set_attribute("data-last-edit-ms", &format!("{ms:.1}")));
            }
            if let Some(sel) = reveal_next.borrow_mut().take() {
                match sel {
                    Sel::Quote(id) => dom::reveal("quote", &id),
                    Sel::Mention(id) => dom::reveal("entity", &id),
                    Sel::Entity(id) => {
                        if let Some(m) = doc.mentions.iter().find(|m| m.entity.as_deref() == Some(&id)) {
                            dom::reveal("entity", &m.id);
                        }
                    }
                }
            }
        });
    }

    // The hover line describes a highlight: any edit may have removed or changed it.
    {
        let hover = hover.clone();
        use_effect_with(state.revision, move |_| hover.set(None));
    }

    // After a delete the reducer selects the next annotation: it takes the focus
    // (the deleted highlight or the panel's button had it), else the article does.
    {
        let sel = state.selection.clone();
        let doc = state.doc.clone();
        use_effect_with(state.reveal, move |n| {
            if *n != 0 {
                match sel {
                    Some(Sel::Quote(id)) => dom::reveal("quote", &id),
                    Some(Sel::Mention(id)) => dom::reveal("entity", &id),
                    Some(Sel::Entity(id)) => {
                        if let Some(m) = doc.mentions.iter().find(|m| m.entity.as_deref() == Some(&id)) {
                            dom::reveal("entity", &m.id);
                        }
                    }
                    None => dom::focus_by_id("doc"),
                }
            }
        });
    }
    // The header's height, for what must stay below it (the side panels, scrolling).
    {
        use_effect(move || {
            dom::note_header_height();
            || ()
        });
        use_effect_with((), move |_| {
            let listener = EventListener::new(&dom::window(), "resize", |_| dom::note_header_height());
            move || drop(listener)
        });
    }
    // Words selected in the article, kept for the Add panel.
    {
        let text_sel = text_sel.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&dom::document(), "selectionchange", move |_| {
                let in_doc = dom::window()
                    .get_selection()
                    .ok()
                    .flatten()
                    .and_then(|s| s.anchor_node())
                    .zip(dom::document().get_element_by_id("doc"))
                    .is_some_and(|(n, root)| root.contains(Some(&n)));
                if in_doc {
                    text_sel.set(dom::selection_in_doc());
                }
            });
            move || drop(listener)
        });
    }

    let add_entity = {
        let text_sel = text_sel.clone();
        use_callback(act.clone(), move |label: String, act| match dom::selection_in_doc().or(*text_sel) {
            Some((start, end)) => {
                act.emit(Action::AddEntity { start, end, label });
                dom::clear_selection();
                text_sel.set(None);
            }
            None => act.emit(Action::Notify(Some(Notice::Error("Select some words in the article first.".into())))),
        })
    };
    let add_quote = {
        let text_sel = text_sel.clone();
        use_callback(act.clone(), move |kind: QuoteKind, act| match dom::selection_in_doc().or(*text_sel) {
            Some((start, end)) => {
                act.emit(Action::AddQuote { start, end, kind });
                dom::clear_selection();
                text_sel.set(None);
            }
            None => act.emit(Action::Notify(Some(Notice::Error("Select the quoted words in the article first.".into())))),
        })
    };
    let speaker_from_text = {
        let text_sel = text_sel.clone();
        use_callback(act.clone(), move |quote: String, act| match dom::selection_in_doc().or(*text_sel) {
            Some((start, end)) => {
                act.emit(Action::SetSpeakerSpan { quote, start, end });
                dom::clear_selection();
                text_sel.set(None);
            }
            None => act.emit(Action::Notify(Some(Notice::Error("Select the speaker’s words in the article first.".into())))),
        })
    };

    // Annotating: at once for ordinary articles; long ones in the web worker, with a
    // working state, so the page stays responsive. A worker that cannot start hands
    // its job back, and the page annotates on the main thread from then on.
    let background = use_mut_ref(Background::default);
    let on_background = {
        let act = act.clone();
        let busy = busy.clone();
        use_callback((), move |e: background::Event, _| {
            match e {
                background::Event::Done(a) => {
                    note_annotation("worker", a.models, None);
                    act.emit(annotated_action(a));
                }
                background::Event::Failed { why, text, replace } => {
                    act.emit(annotate_here(&text, replace));
                    act.emit(Action::Notify(Some(Notice::Error(format!(
                        "The background annotator failed ({why}), so the article was annotated on this page instead."
                    )))));
                }
            }
            busy.set(false);
        })
    };
    let run_annotate = {
        let act = act.clone();
        let busy = busy.clone();
        let background = background.clone();
        let model_files = model_files.clone();
        Callback::from(move |(text, replace): (String, bool)| {
            if text.split_whitespace().count() <= LONG_TEXT_WORDS || background.borrow().broken() {
                act.emit(annotate_here(&text, replace));
                return;
            }
            busy.set(true);
            let files = model_files.borrow().clone();
            Background::run(&background, text, replace, files.as_deref(), &on_background);
        })
    };

    // The models: fetched once the first frame is painted; then a document that is
    // the rules' untouched output is annotated again with them (nothing is lost),
    // while a corrected one gets a button to do it on request.
    {
        let models = models.clone();
        let model_files = model_files.clone();
        let background = background.clone();
        use_effect_with((), move |_| {
            let frame = gloo::render::request_animation_frame(move |_| {
                // The frame callback runs before the paint; the fetch starts once the
                // browser has shown the page's first content.
                after_first_paint(Box::new(move || {
                    yew::platform::spawn_local(async move {
                        match crate::models::load().await {
                            Ok(files) => {
                                Background::give_models(&background, &files);
                                *model_files.borrow_mut() = Some(files);
                                if let Some(root) = dom::document().document_element() {
                                    let _ = root.set_attribute("data-models-ms", &format!("{:.0}", dom::now_ms()));
                                }
                                models.set(ModelStatus::Ready);
                                // The core builds its word lists and gazetteers on first use (about
                                // 100 ms in the browser), and the engine compiles its hot paths only
                                // once they have run: do both now, while the page is idle, on the
                                // sample (every kind of quote, entity and model path), rather than
                                // when the first article is pasted.
                                Timeout::new(0, || drop(saywho_core::annotate(crate::sample::SAMPLE))).forget();
                            }
                            Err(why) => models.set(ModelStatus::Unavailable(why)),
                        }
                    });
                }), PAINT_CHECKS);
            });
            move || drop(frame)
        });
    }
    {
        let run = run_annotate.clone();
        let text = state.doc.text.clone();
        let due = *models == ModelStatus::Ready && state.awaits_models() && !*busy;
        use_effect_with((due, state.revision), move |(due, _)| {
            if *due {
                run.emit((text.to_string(), true));
            }
        });
    }
    // Replacing a document with corrections asks first.
    let proceed = {
        let act = act.clone();
        let run = run_annotate.clone();
        Callback::from(move |then: Then| match then {
            Then::Act(a) => act.emit(a),
            Then::Annotate(text) => run.emit((text, true)),
            Then::Reannotate(text) => run.emit((text, false)),
        })
    };
    let replace = {
        let pending = pending.clone();
        let proceed = proceed.clone();
        let has_edits = state.doc.corrected;
        Callback::from(move |p: Pending| if has_edits { pending.set(Some(p)) } else { proceed.emit(p.then) })
    };
    let annotate_text = {
        let replace = replace.clone();
        let run = run_annotate.clone();
        let current = state.doc.text.clone();
        let has_edits = state.doc.corrected;
        let act = act.clone();
        Callback::from(move |text: String| {
            if text.trim().is_empty() {
                act.emit(Action::Notify(Some(Notice::Error("The text box is empty: paste an article first.".into()))));
            } else if has_edits && *text == *current {
                replace.emit(Pending {
                    title: "Annotate again?",
                    message: "Annotating the same text again replaces your corrections. Download the JSON first to keep them.",
                    confirm: "Replace document",
                    then: Then::Annotate(text),
                });
            } else if has_edits {
                replace.emit(Pending {
                    title: "Annotate the new text?",
                    message: "This replaces the current document and your corrections (Undo brings them back). Cancel puts the annotated text back in the box.",
                    confirm: "Replace document",
                    then: Then::Annotate(text),
                });
            } else {
                run.emit((text, true));
            }
        })
    };
    let on_annotate = {
        let textarea = textarea.clone();
        let annotate_text = annotate_text.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                annotate_text.emit(el.value());
            }
        })
    };
    // Every change in the box is a draft (the view shows it is out of date); a paste
    // is annotated at once, typing after a pause (see below).
    let on_input = {
        let annotate_text = annotate_text.clone();
        let act = act.clone();
        Callback::from(move |e: InputEvent| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            act.emit(Action::Type(el.value()));
            if js_sys::Reflect::get(&e, &"inputType".into()).ok().and_then(|v| v.as_string()).as_deref() == Some("insertFromPaste") {
                annotate_text.emit(el.value());
            }
        })
    };
    // The browser's own undo in the box (its menu, or a key the window handler did not
    // see) would fight the app's: it becomes the app's undo and redo.
    {
        let act = act.clone();
        let textarea = textarea.clone();
        use_effect_with((), move |_| {
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener = textarea.cast::<web_sys::HtmlTextAreaElement>().map(|el| {
                EventListener::new_with_options(&el, "beforeinput", options, move |e| {
                    let kind = js_sys::Reflect::get(e, &"inputType".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
                    let action = match kind.as_str() {
                        "historyUndo" => Action::Undo,
                        "historyRedo" => Action::Redo,
                        _ => return,
                    };
                    e.prevent_default();
                    act.emit(action);
                })
            });
            move || drop(listener)
        });
    }
    // Typing pauses: an uncorrected document is annotated again with the new text;
    // a corrected one is not replaced without asking (the hint says so).
    {
        let run = run_annotate.clone();
        let corrected = state.doc.corrected;
        use_effect_with((state.draft.clone(), corrected, *busy), move |(draft, corrected, busy)| {
            let timer = match (draft, *corrected || *busy) {
                (Some(text), false) if !text.trim().is_empty() => {
                    let text = text.to_string();
                    Some(Timeout::new(TYPING_PAUSE_MS, move || run.emit((text, true))))
                }
                _ => None,
            };
            move || drop(timer)
        });
    }
    let on_sample = {
        let replace = replace.clone();
        Callback::from(move |_: MouseEvent| {
            replace.emit(Pending {
                title: "Load the sample?",
                message: "The sample replaces the current document and your corrections.",
                confirm: "Replace document",
                then: Then::Act(load_annotated(SAMPLE)),
            })
        })
    };
    let on_new = {
        let pending = pending.clone();
        let act = act.clone();
        let empty = state.doc.is_empty();
        Callback::from(move |_: MouseEvent| {
            let action = Action::Open {
                doc: Document::empty(""),
                notice: Some(Notice::Info("Started a new document (Undo brings the previous one back).".into())),
                what: "the new document".into(),
            };
            if empty {
                act.emit(action);
                dom::focus_by_id("article-text");
            } else {
                pending.set(Some(Pending {
                    title: "Start a new document?",
                    message: "The current document and its corrections are cleared (Undo brings them back until you leave the page). Download the JSON first to keep them.",
                    confirm: "Start new document",
                    then: Then::Act(action),
                }));
            }
        })
    };

    // Files: .json is an annotations file to resume; anything else is text to annotate.
    let open_file = {
        let act = act.clone();
        let replace = replace.clone();
        let annotate_text = annotate_text.clone();
        Callback::from(move |file: web_sys::File| {
            let act = act.clone();
            let replace = replace.clone();
            let annotate_text = annotate_text.clone();
            dom::read_file(file, move |name, content| {
                let content = match content {
                    Ok(c) => c,
                    Err(e) => return act.emit(Action::Notify(Some(Notice::Error(format!("{name}: {e}"))))),
                };
                let is_json = { let n = name.to_lowercase(); n.ends_with(".json") || n.ends_with(".jsonld") } || content.trim_start().starts_with('{');
                if !is_json {
                    // As the text box would hold it (it turns CRLF into LF): the box,
                    // the view and the offsets then all count the same text.
                    return annotate_text.emit(content.replace("\r\n", "\n").replace('\r', "\n"));
                }
                match saywho_core::export::w3c::read_any(&content) {
                    Ok(saywho_core::export::w3c::W3cImport { document: doc, skipped }) => replace.emit(Pending {
                        title: "Open this annotations file?",
                        message: "It replaces the current document and your corrections.",
                        confirm: "Replace document",
                        then: Then::Act(Action::Open {
                            doc,
                            notice: Some(Notice::Info(opened_notice(&name, skipped))),
                            what: format!("the opening of {name}"),
                        }),
                    }),
                    Err(e) => act.emit(Action::Notify(Some(Notice::Error(format!("Could not open {name}: {e}. Your current work is unchanged."))))),
                }
            });
        })
    };
    let on_file_chosen = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                if let Some(f) = input.files().and_then(|l| l.get(0)) {
                    open_file.emit(f);
                }
                // Choosing the same file again must fire again.
                input.set_value("");
            }
        })
    };
    let on_open = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = file_input.cast::<web_sys::HtmlInputElement>() {
                i.click();
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let open_file = open_file.clone();
        Callback::from(move |e: DragEvent| {
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                e.prevent_default();
                open_file.emit(f);
            }
        })
    };

    // Exports.
    let export_json = {
        let state = state.clone();
        move || (!state.doc.is_empty()).then(|| (file_name(&state.doc.text, "json"), state.doc.to_document().to_json()))
    };
    let nothing = |act: &Callback<Action>| act.emit(Action::Notify(Some(Notice::Error("There is no document yet: paste or load an article first.".into()))));
    let on_download = {
        let act = act.clone();
        let export_json = export_json.clone();
        Callback::from(move |_: MouseEvent| match export_json() {
            Some((name, json)) => match dom::download(&name, "application/json", &json) {
                Ok(()) => act.emit(Action::Notify(Some(Notice::Info(format!("Downloaded {name}."))))),
                Err(e) => act.emit(Action::Notify(Some(Notice::Error(format!("The download failed: {e}."))))),
            },
            None => nothing(&act),
        })
    };
    let on_copy = {
        let act = act.clone();
        let export_json = export_json.clone();
        Callback::from(move |_: MouseEvent| match export_json() {
            Some((_, json)) => {
                let act = act.clone();
                dom::copy_text(json, move |r| {
                    act.emit(Action::Notify(Some(match r {
                        Ok(()) => Notice::Info("Copied the JSON to the clipboard.".into()),
                        Err(e) => Notice::Error(format!("Could not copy to the clipboard: {e}")),
                    })))
                });
            }
            None => nothing(&act),
        })
    };
    let on_reannotate = {
        let pending = pending.clone();
        let text = state.doc.text.clone();
        Callback::from(move |_: MouseEvent| {
            pending.set(Some(Pending {
                title: "Re-annotate with the models?",
                message: "The models' annotations replace the current ones, your corrections included. Undo brings them back.",
                confirm: "Re-annotate",
                then: Then::Reannotate(text.to_string()),
            }))
        })
    };
    let offer_models = *models == ModelStatus::Ready
        && !state.doc.is_empty()
        && state.doc.by != AnnotatedBy::Models
        && !state.awaits_models()
        && !*busy;
    let on_undo = act.reform(|_: MouseEvent| Action::Undo);
    let on_redo = act.reform(|_: MouseEvent| Action::Redo);
    let on_help = {
        let help = help.clone();
        Callback::from(move |_: MouseEvent| help.set(true))
    };

    // Picking in the article selects; panels select and scroll.
    let on_pick = {
        let act = act.clone();
        use_callback(act, |sel: Sel, act| act.emit(Action::Select(Some(sel))))
    };
    let on_hover = {
        let hover = hover.clone();
        use_callback((), move |tip: Option<AttrValue>, _| hover.set(tip))
    };
    let on_reveal = {
        let reveal_next = reveal_next.clone();
        use_callback(act.clone(), move |sel: Sel, act| {
            *reveal_next.borrow_mut() = Some(sel.clone());
            act.emit(Action::Select(Some(sel)));
        })
    };

    // Window-wide shortcuts (see dialogs::SHORTCUTS).
    {
        let state = state.clone();
        let act = act.clone();
        let help = help.clone();
        let help_open = help_open.clone();
        let on_download = on_download.clone();
        let add_entity = add_entity.clone();
        let add_quote = add_quote.clone();
        let speaker_from_text = speaker_from_text.clone();
        use_effect_with((), move |_| {
            // Not passive: a shortcut the app handles must stop the browser's own
            // action (its text undo, Save page), which a passive listener cannot.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&dom::window(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                on_key(e, &state, &act, &help, &help_open, &on_download, &add_entity, &add_quote, &speaker_from_text);
            });
            move || drop(listener)
        });
    }

    let notice = state.notice.clone();
    let (info, error) = match &notice {
        Some(Notice::Info(m)) => (Some(m.clone()), None),
        Some(Notice::Error(m)) => (None, Some(m.clone())),
        None => (None, None),
    };
    let dismiss = act.reform(|_: MouseEvent| Action::Notify(None));
    let has_doc = !state.doc.is_empty();
    let stale = state.draft.is_some();
    let dialog = match &*pending {
        Some(p) => {
            let pending_c = pending.clone();
            let proceed = proceed.clone();
            let then = p.then.clone();
            let textarea_focus = matches!(&p.then, Then::Act(Action::Open { doc, .. }) if doc.text.is_empty());
            let on_confirm = Callback::from(move |_| {
                pending_c.set(None);
                proceed.emit(then.clone());
                if textarea_focus {
                    dom::focus_by_id("article-text");
                }
            });
            let pending_c = pending.clone();
            // Cancelling the annotation of typed text puts the annotated text back in the box.
            let discard = matches!(&p.then, Then::Annotate(_));
            let act_c = act.clone();
            let on_cancel = Callback::from(move |_| {
                pending_c.set(None);
                if discard {
                    act_c.emit(Action::DiscardDraft);
                }
            });
            html! { <Confirm title={p.title} message={p.message} confirm={p.confirm} {on_confirm} {on_cancel} /> }
        }
        None => html! {},
    };
    let close_help = {
        let help = help.clone();
        Callback::from(move |_| help.set(false))
    };

    html! {
        <div class="app" {ondragover} {ondrop}>
            <a class="skip" href="#panels">{ "Skip to the panels" }</a>
            <header class="top">
                <div class="brand">
                    <img src="favicon.svg" alt="" width="28" height="28" />
                    <span class="name">{ "saywho" }</span>
                    <span class="tagline">{ "who said what, checked by you" }</span>
                </div>
                <nav class="toolbar" aria-label="Document actions">
                    <div class="group">
                        <button onclick={on_undo} disabled={!state.can_undo()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                        <button onclick={on_redo} disabled={!state.can_redo()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                    </div>
                    <div class="group">
                        <button class="primary" onclick={on_download} disabled={!has_doc} title="Download the annotations (Ctrl+S)" aria-label="Download JSON"><span class="wide">{ "Download " }</span>{ "JSON" }</button>
                        <button onclick={on_copy} disabled={!has_doc}>{ "Copy JSON" }</button>
                        <Downloads doc={state.doc.clone()} on_action={act.clone()} />
                    </div>
                    <div class="group">
                        <button onclick={on_open} title="Resume from a downloaded .json file" aria-label="Open annotations file">{ "Open" }<span class="wide">{ " annotations file" }</span></button>
                        <button onclick={on_new} aria-label="New document">{ "New" }<span class="wide">{ " document" }</span></button>
                        <button class="quiet" onclick={on_help} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">{ "?" }</button>
                    </div>
                </nav>
            </header>
            <div class="messages">
                <div role="status" class={classes!("notice", "info", info.is_none().then_some("empty"))}>{ info.clone().unwrap_or_default() }</div>
                <div role="alert" class={classes!("notice", "error", error.is_none().then_some("empty"))}>
                    if let Some(e) = error.clone() {
                        <span>{ e }</span>
                        <button class="quiet" onclick={dismiss} aria-label="Dismiss message">{ "×" }</button>
                    }
                </div>
            </div>
            <main class="layout">
                <div class="main-col">
                    <section class={classes!("input", has_doc.then_some("compact"))} aria-label="Text">
                        <label for="article-text" class="field-label">{ "Article text" }</label>
                        <textarea id="article-text" aria-label="Article text" ref={textarea.clone()} oninput={on_input}
                            aria-describedby={stale.then_some("stale-hint")}
                            rows={if has_doc { "3" } else { "12" }} spellcheck="false"
                            placeholder="Paste a news article here: it is annotated at once. Nothing leaves your browser." />
                        <div class="row">
                            <button class="primary" onclick={on_annotate}>{ "Annotate" }</button>
                            <button onclick={on_sample}>{ "Load sample" }</button>
                            <span class="muted hint">{ "or drop a .txt or .json file anywhere on the page" }</span>
                        </div>
                        <div class="row models">
                            <p id="model-status" role="status" aria-label="Model status" data-state={models.state()}
                                class={classes!("model-status", models.state())}>{ models.message() }</p>
                            if offer_models {
                                <button onclick={on_reannotate} title="Annotate this text again with the statistical models">{ "Re-annotate with models" }</button>
                            }
                        </div>
                    </section>
                    if *busy {
                        <div class="working" aria-live="polite"><span class="spinner" aria-hidden="true"></span>{ "Annotating a long article…" }</div>
                    }
                    if stale {
                        <p id="stale-hint" class="stale-hint" aria-live="polite">{ stale_hint(state.doc.corrected, state.doc.is_empty()) }</p>
                    }
                    <Article paras={paras.clone()} marks={per_para.clone()} {on_pick} {on_hover} {stale} />
                </div>
                <aside class="side" id="panels" aria-label="Panels" tabindex="-1">
                    <SelectionPanel doc={state.doc.clone()} selection={state.selection.clone()} on_action={act.clone()}
                        on_speaker_from_text={speaker_from_text.clone()} />
                    <p class="details" aria-hidden="true">{ (*hover).clone().unwrap_or_default() }</p>
                    <AddPanel doc={state.doc.clone()} text_sel={*text_sel} on_add_entity={add_entity.clone()} on_add_quote={add_quote.clone()} />
                    <WhoSaid doc={state.doc.clone()} selection={state.selection.clone()} on_reveal={on_reveal.clone()} />
                    <Entities doc={state.doc.clone()} selection={state.selection.clone()} on_reveal={on_reveal.clone()} />
                    <SourcesReport doc={state.doc.clone()} focus={state.filters.focus.clone()} on_action={act.clone()} />
                    <Workspace doc={state.doc.clone()} revision={state.revision} on_action={act.clone()} />
                    <FilterPanel doc={state.doc.clone()} filters={state.filters.clone()} on_action={act.clone()} />
                </aside>
            </main>
            <input type="file" id="import-file" class="visually-hidden" tabindex="-1" aria-label="Annotations file"
                accept=".json,.jsonld,application/json,application/ld+json" ref={file_input} onchange={on_file_chosen} />
            { dialog }
            if *help {
                <Help on_close={close_help} />
            }
        </div>
    }
}
