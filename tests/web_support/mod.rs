//! What the in-browser tests share: mounting the app with a restored document,
//! polling the DOM until a check holds, the fixture document, DOM helpers.
#![allow(dead_code)]

use std::cell::RefCell;
use std::fmt::Debug;
use std::future::Future;
use std::panic::Location;

use saywho_core::{Document, Entity, GenderTag, GenderValue, Mention, Origin, Quote, QuoteKind, Span};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// How long the page may take to show what an action does. Yew renders in
/// slices between browser tasks, and the app waits for browser events
/// (selectionchange, FileReader) and timers (autosave): on a busy machine no
/// fixed pause is enough, so every check after an action polls up to this.
pub const DEADLINE_MS: f64 = 10_000.0;

/// Lets the browser run for `ms` (its events, timers and Yew's next render slice).
pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Looks with `probe` until it finds something, letting the browser run between
/// looks; fails naming `what` (and the caller's line) once `DEADLINE_MS` has passed.
#[track_caller]
pub fn until<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> impl Future<Output = T> {
    let (at, what) = (Location::caller(), what.to_string());
    async move {
        let start = js_sys::Date::now();
        loop {
            if let Some(found) = probe() {
                return found;
            }
            assert!(js_sys::Date::now() - start < DEADLINE_MS, "{at}: waited {DEADLINE_MS} ms for {what}");
            sleep(10).await;
        }
    }
}

/// Waits until `holds` is true (as `until`).
#[track_caller]
pub fn wait_for(what: &str, mut holds: impl FnMut() -> bool) -> impl Future<Output = ()> {
    until(what, move || holds().then_some(()))
}

/// Waits until `look` gives `want` (as `until`); fails with the last value seen.
#[track_caller]
pub fn wait_eq<T: PartialEq + Debug>(what: &str, mut look: impl FnMut() -> T, want: T) -> impl Future<Output = ()> {
    let (at, what) = (Location::caller(), what.to_string());
    async move {
        let start = js_sys::Date::now();
        loop {
            let got = look();
            if got == want {
                return;
            }
            assert!(js_sys::Date::now() - start < DEADLINE_MS, "{at}: {what}: still {got:?} after {DEADLINE_MS} ms, expected {want:?}");
            sleep(10).await;
        }
    }
}

pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Code-point span of the `nth` occurrence of `needle` in `text`.
pub fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let b = text.match_indices(needle).nth(nth).unwrap().0;
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

/// A document with an emoji before the names (UTF-16 ≠ code points) and hostile HTML in the text.
pub fn fixture() -> Document {
    let text = "😀 Ana Ruiz said “We will build it.” Ruiz left Oslo.\nPasted: <img src=x onerror=alert(1)> and <script>alert(2)</script> end.";
    let m = |id: &str, needle: &str, nth: usize, label: &str, e: &str| {
        let (start, end) = span(text, needle, nth);
        Mention { id: id.into(), start, end, text: needle.into(), label: label.into(), entity: Some(e.into()), origin: Origin::Auto }
    };
    let sp = |needle: &str| {
        let (start, end) = span(text, needle, 0);
        Span { start, end, text: needle.into() }
    };
    let (qs, qe) = span(text, "“We will build it.”", 0);
    Document {
        format: "saywho-annotations".into(),
        version: 1,
        text: text.into(),
        entities: vec![
            // (As the core gives it: "Ana" is a woman's given name.)
            Entity { id: "E1".into(), label: "PERSON".into(), name: "Ana Ruiz".into(), gender: Some(GenderTag { value: GenderValue::Female, origin: Origin::Auto }) },
            Entity { id: "E2".into(), label: "LOC".into(), name: "Oslo".into(), gender: None },
        ],
        mentions: vec![m("M1", "Ana Ruiz", 0, "PERSON", "E1"), m("M2", "Ruiz", 1, "PERSON", "E1"), m("M3", "Oslo", 0, "LOC", "E2")],
        quotes: vec![Quote {
            id: "Q1".into(),
            start: qs,
            end: qe,
            text: "“We will build it.”".into(),
            kind: QuoteKind::Direct,
            cue: Some(sp("said")),
            speaker: Some(sp("Ana Ruiz")),
            entity: Some("E1".into()),
            origin: Origin::Auto,
        }],
    }
}

thread_local! {
    /// The app a test mounted and has not unmounted yet.
    static MOUNTED: RefCell<Option<(yew::AppHandle<saywho_app::App>, Element)>> = const { RefCell::new(None) };
}

/// Mounts the app with `d` as the autosaved session, once it shows every annotation of `d`.
/// An app left behind by a test that failed is removed first: the page looks its
/// article up by id (`#doc`), so a second one would break every later test.
pub async fn mount(d: &Document) -> Element {
    if let Some((stale, root)) = MOUNTED.with(|m| m.borrow_mut().take()) {
        stale.destroy();
        root.remove();
    }
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(saywho_app::dom::SESSION_KEY, &serde_json::to_string(d).unwrap()).unwrap();
    let root = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<saywho_app::App>::with_root(root.clone()).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some((handle, root.clone())));
    let ids: Vec<String> = d.mentions.iter().map(|m| format!("#doc [data-kind=entity][data-id={}]", m.id)).chain(d.quotes.iter().map(|q| format!("#doc [data-kind=quote][data-id={}]", q.id))).collect();
    wait_for("the app to show the restored document", || {
        q(&root, "textarea[aria-label='Article text']").is_some() && ids.iter().all(|sel| q(&root, sel).is_some())
    })
    .await;
    root
}

/// Unmounts the app and waits until it is gone, so its window listeners and
/// timers cannot act on the next test's page.
pub async fn unmount(root: Element) {
    let (handle, _) = MOUNTED.with(|m| m.borrow_mut().take()).expect("a mounted app");
    handle.destroy();
    wait_for("the app to unmount", || root.child_element_count() == 0).await;
    root.remove();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item(saywho_app::dom::SESSION_KEY).unwrap();
}

pub fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).unwrap()
}

pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

/// The button named `name` (its text or aria-label), if the page shows one.
pub fn find_button(root: &Element, name: &str) -> Option<web_sys::HtmlButtonElement> {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == name || b.get_attribute("aria-label").as_deref() == Some(name))
}

/// The button named `name` once it is there and enabled (a click on a disabled one does nothing).
pub async fn button(root: &Element, name: &str) -> web_sys::HtmlButtonElement {
    until(&format!("an enabled button {name:?}"), || find_button(root, name).filter(|b| !b.disabled())).await
}

/// Clicks `el`. The page answers in its own time: the caller waits for what the click should do.
pub fn click(el: &impl AsRef<Element>) {
    el.as_ref().dyn_ref::<HtmlElement>().unwrap().click();
}

/// Whether the element `sel` under `root` exists and has class `class`.
pub fn has_class(root: &Element, sel: &str, class: &str) -> bool {
    q(root, sel).is_some_and(|e| e.class_list().contains(class))
}


/// Opens `content` as `name` through the hidden file input, as the file picker
/// would. The page reads the file in its own time: the caller waits for the outcome.
pub fn open_file(root: &Element, name: &str, content: &str) {
    let input: web_sys::HtmlInputElement = q(root, "#import-file[aria-label='Annotations file']").unwrap().dyn_into().unwrap();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    input.set_files(Some(&dt.files().unwrap()));
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    }).unwrap()).unwrap();
}
