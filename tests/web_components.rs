//! In-browser component tests (wasm-bindgen-test, headless Chromium): the app is
//! mounted into a fresh element with a document restored from the autosave key,
//! and checked through the DOM the way a user or screen reader sees it.
#![cfg(target_arch = "wasm32")]

use saywho_core::{Document, Entity, Mention, Origin, Quote, QuoteKind, Span};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders asynchronously: give it a moment.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Code-point span of the `nth` occurrence of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let b = text.match_indices(needle).nth(nth).unwrap().0;
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

/// A document with an emoji before the names (UTF-16 ≠ code points) and hostile HTML in the text.
fn fixture() -> Document {
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
            Entity { id: "E1".into(), label: "PERSON".into(), name: "Ana Ruiz".into() },
            Entity { id: "E2".into(), label: "LOC".into(), name: "Oslo".into() },
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

/// Mounts the app with `d` as the autosaved session.
async fn mount(d: &Document) -> (yew::AppHandle<saywho_app::App>, Element) {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(saywho_app::dom::SESSION_KEY, &serde_json::to_string(d).unwrap()).unwrap();
    let root = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<saywho_app::App>::with_root(root.clone()).render();
    tick().await;
    (handle, root)
}

async fn unmount(handle: yew::AppHandle<saywho_app::App>, root: Element) {
    handle.destroy();
    root.remove();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item(saywho_app::dom::SESSION_KEY).unwrap();
    tick().await;
}

fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).unwrap()
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

fn button(root: &Element, name: &str) -> HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == name || b.get_attribute("aria-label").as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button {name}"))
}

async fn click(el: &Element) {
    el.dyn_ref::<HtmlElement>().unwrap().click();
    tick().await;
}

#[wasm_bindgen_test]
async fn highlights_carry_their_data_attributes_and_names() {
    let (h, root) = mount(&fixture()).await;
    let m1 = q(&root, "#doc [data-kind=entity][data-id=M1]").expect("M1 is highlighted");
    assert_eq!(attr(&m1, "data-label").as_deref(), Some("PERSON"));
    assert_eq!(attr(&m1, "data-entity").as_deref(), Some("E1"));
    assert_eq!(attr(&m1, "tabindex").as_deref(), Some("0"));
    assert_eq!(attr(&m1, "aria-label").as_deref(), Some("PERSON Ana Ruiz"));
    assert_eq!(m1.text_content().as_deref(), Some("Ana Ruiz"));
    let q1 = q(&root, "#doc [data-kind=quote][data-id=Q1]").expect("Q1 is highlighted");
    assert_eq!(attr(&q1, "data-quote-kind").as_deref(), Some("direct"));
    assert_eq!(attr(&q1, "data-entity").as_deref(), Some("E1"));
    assert_eq!(attr(&q1, "aria-label").as_deref(), Some("direct quote by Ana Ruiz"));
    assert_eq!(q(&root, "#doc [data-kind=cue][data-id=Q1]").unwrap().text_content().as_deref(), Some("said"));
    let speaker = q(&root, "#doc [data-kind=speaker][data-id=Q1]").unwrap();
    // The speaker span contains the mention of the same words.
    assert!(speaker.query_selector("[data-kind=entity][data-id=M1]").unwrap().is_some());
    assert_eq!(attr(&q(&root, "#doc [data-id=M3]").unwrap(), "data-label").as_deref(), Some("LOC"));
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn hostile_html_in_the_text_renders_as_text() {
    let (h, root) = mount(&fixture()).await;
    let article = q(&root, "article#doc[aria-label='Annotated article']").unwrap();
    let text = article.text_content().unwrap();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("<script>alert(2)</script>"), "{text}");
    assert!(article.query_selector("img").unwrap().is_none());
    assert!(article.query_selector("script").unwrap().is_none());
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn every_text_leaf_knows_its_code_point_start() {
    let d = fixture();
    let (h, root) = mount(&d).await;
    let leaves = root.query_selector_all("#doc [data-start]").unwrap();
    assert!(leaves.length() > 5);
    for i in 0..leaves.length() {
        let el: Element = leaves.item(i).unwrap().dyn_into().unwrap();
        let start: usize = attr(&el, "data-start").unwrap().parse().unwrap();
        let t = el.text_content().unwrap();
        let want: String = d.text.chars().skip(start).take(t.chars().count()).collect();
        assert_eq!(t, want, "leaf at {start}");
    }
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn selecting_a_highlight_opens_its_editor() {
    let (h, root) = mount(&fixture()).await;
    let panel = q(&root, "section[aria-label=Selection]").expect("selection panel");
    assert!(q(&panel, "select[aria-label=Label]").is_none());
    click(&q(&root, "#doc [data-id=M3]").unwrap()).await;
    let label: web_sys::HtmlSelectElement = q(&panel, "select[aria-label=Label]").expect("label select").dyn_into().unwrap();
    assert_eq!(label.value(), "LOC");
    assert!(q(&root, "#doc [data-id=M3]").unwrap().class_list().contains("selected"));
    click(&q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap()).await;
    let kind: web_sys::HtmlSelectElement = q(&panel, "select[aria-label=Kind]").unwrap().dyn_into().unwrap();
    let speaker: web_sys::HtmlSelectElement = q(&panel, "select[aria-label=Speaker]").unwrap().dyn_into().unwrap();
    assert_eq!((kind.value(), speaker.value()), ("direct".to_string(), "E1".to_string()));
    // The selected quote's speaker's mentions are related.
    assert!(q(&root, "#doc [data-id=M2]").unwrap().class_list().contains("related"));
    assert!(!q(&root, "#doc [data-id=M3]").unwrap().class_list().contains("related"));
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn delete_then_undo_and_redo_with_the_buttons() {
    let (h, root) = mount(&fixture()).await;
    assert!(button(&root, "Undo").dyn_ref::<web_sys::HtmlButtonElement>().unwrap().disabled());
    click(&q(&root, "#doc [data-id=M3]").unwrap()).await;
    click(&button(&root, "Delete annotation")).await;
    assert!(q(&root, "#doc [data-id=M3]").is_none());
    click(&button(&root, "Undo")).await;
    assert!(q(&root, "#doc [data-id=M3]").is_some());
    click(&button(&root, "Redo")).await;
    assert!(q(&root, "#doc [data-id=M3]").is_none());
    // The autosave holds the corrected document (it is written just after the page paints).
    for _ in 0..20 {
        tick().await;
    }
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item(saywho_app::dom::SESSION_KEY).unwrap().unwrap();
    let saved: Document = serde_json::from_str(&saved).unwrap();
    assert!(saved.mentions.iter().all(|m| m.id != "M3"));
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn a_dom_selection_after_an_emoji_adds_the_right_words() {
    let d = fixture();
    let (h, root) = mount(&d).await;
    // Select "Oslo" is taken; select "left" inside a plain text leaf.
    let leaves = root.query_selector_all("#doc [data-start]").unwrap();
    let leaf = (0..leaves.length())
        .map(|i| leaves.item(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|e| e.text_content().unwrap().contains(" left "))
        .unwrap();
    let node = leaf.first_child().unwrap();
    let t = node.text_content().unwrap();
    let at = t.encode_utf16().collect::<Vec<_>>();
    let needle: Vec<u16> = "left".encode_utf16().collect();
    let u = at.windows(needle.len()).position(|w| w == needle.as_slice()).unwrap() as u32;
    let range = doc().create_range().unwrap();
    range.set_start(&node, u).unwrap();
    range.set_end(&node, u + 4).unwrap();
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.remove_all_ranges().unwrap();
    sel.add_range(&range).unwrap();
    tick().await;
    click(&button(&root, "Add entity")).await;
    let added = q(&root, "#doc [data-kind=entity][data-id=M4]").expect("new mention M4");
    assert_eq!(added.text_content().as_deref(), Some("left"));
    let (s, _) = span(&d.text, "left", 0);
    assert_eq!(attr(&added.query_selector("[data-start]").unwrap().unwrap(), "data-start"), Some(s.to_string()));
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn new_document_asks_in_the_page_first() {
    let (h, root) = mount(&fixture()).await;
    click(&button(&root, "New document")).await;
    let dialog = q(&root, "[role=dialog]").expect("an in-page dialog");
    assert!(dialog.text_content().unwrap().contains("Start a new document?"));
    click(&button(&root, "Cancel")).await;
    assert!(q(&root, "[role=dialog]").is_none());
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "cancel keeps the document");
    click(&button(&root, "New document")).await;
    click(&button(&root, "Start new document")).await;
    assert!(q(&root, "#doc [data-kind]").is_none());
    assert!(q(&root, "textarea[aria-label='Article text']").is_some());
    unmount(h, root).await;
}

/// Opens `content` as `name` through the hidden file input, as the file picker would.
async fn open_file(root: &Element, name: &str, content: &str) {
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
    for _ in 0..5 {
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn a_malformed_annotations_file_is_refused_with_a_precise_message() {
    let (h, root) = mount(&fixture()).await;
    let mut bad = fixture();
    bad.mentions[2].text = "Bergen".into();
    open_file(&root, "bad.saywho.json", &serde_json::to_string(&bad).unwrap()).await;
    let alert = q(&root, "[role=alert]").unwrap().text_content().unwrap();
    assert!(alert.contains("bad.saywho.json") && alert.contains("mentions[2]"), "{alert}");
    assert_eq!(q(&root, "#doc [data-id=M3]").unwrap().text_content().as_deref(), Some("Oslo"), "current work untouched");
    // A good file replaces the document (no corrections yet, so no question).
    let mut good = fixture();
    good.mentions.truncate(1);
    open_file(&root, "good.saywho.json", &good.to_json()).await;
    assert!(q(&root, "#doc [data-id=M3]").is_none());
    assert!(q(&root, "[role=status]").unwrap().text_content().unwrap().contains("Opened good.saywho.json"));
    unmount(h, root).await;
}

fn key(k: &str, ctrl: bool, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(k);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn reattribute_then_undo_and_redo_from_the_keyboard() {
    let (h, root) = mount(&fixture()).await;
    click(&q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap()).await;
    let speaker: web_sys::HtmlSelectElement = q(&root, "select[aria-label=Speaker]").unwrap().dyn_into().unwrap();
    speaker.set_value("");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    speaker.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    tick().await;
    let quote = || q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap();
    assert_eq!(attr(&quote(), "data-entity"), None);
    assert_eq!(attr(&quote(), "aria-label").as_deref(), Some("direct quote no named speaker"));
    doc().body().unwrap().focus().unwrap();
    key("z", true, false);
    tick().await;
    assert_eq!(attr(&quote(), "data-entity").as_deref(), Some("E1"));
    key("Z", true, true);
    tick().await;
    assert_eq!(attr(&quote(), "data-entity"), None);
    key("y", true, false);
    tick().await;
    assert_eq!(attr(&quote(), "data-entity"), None, "nothing left to redo");
    key("z", true, false);
    tick().await;
    key("y", true, false);
    tick().await;
    assert_eq!(attr(&quote(), "data-entity"), None, "Ctrl+Y redoes");
    unmount(h, root).await;
}

#[wasm_bindgen_test]
async fn filters_hide_a_layer_and_a_label() {
    let (h, root) = mount(&fixture()).await;
    let toggle = |text: &str| {
        let labels = root.query_selector_all(".filters label").unwrap();
        let l: Element = (0..labels.length())
            .map(|i| labels.item(i).unwrap().dyn_into::<Element>().unwrap())
            .find(|l| l.text_content().unwrap().trim().starts_with(text))
            .unwrap();
        l.query_selector("input").unwrap().unwrap()
    };
    click(&toggle("LOC")).await;
    assert!(q(&root, "#doc [data-id=M3]").is_none());
    assert!(q(&root, "#doc [data-id=M1]").is_some());
    click(&toggle("Quotes")).await;
    assert!(q(&root, "#doc [data-kind=quote]").is_none() && q(&root, "#doc [data-kind=cue]").is_none());
    click(&toggle("Quotes")).await;
    click(&toggle("LOC")).await;
    assert!(q(&root, "#doc [data-id=M3]").is_some() && q(&root, "#doc [data-kind=quote]").is_some());
    unmount(h, root).await;
}

/// Polls `probe` for up to about five seconds (a fetch answers in its own time).
async fn eventually(mut probe: impl FnMut() -> bool) -> bool {
    for _ in 0..250 {
        if probe() {
            return true;
        }
        tick().await;
    }
    false
}

#[wasm_bindgen_test]
async fn missing_model_files_leave_the_app_rule_based_and_say_so() {
    // The test page has no models/ beside it: the fetch fails as on a broken host.
    let (h, root) = mount(&fixture()).await;
    let status = q(&root, "[role=status][aria-label='Model status']").expect("a model status with its accessible name");
    assert!(
        eventually(|| attr(&status, "data-state").as_deref() == Some("unavailable")).await,
        "the model status stayed {:?}",
        status.text_content()
    );
    let text = status.text_content().unwrap();
    assert!(text.contains("unavailable") && text.contains("rule-based only"), "{text}");
    // Everything else works: the restored document, and annotating a new text.
    assert!(q(&root, "#doc [data-id=M1]").is_some());
    assert!(root.query_selector_all("button").unwrap().length() > 5);
    let ta: web_sys::HtmlTextAreaElement = q(&root, "textarea[aria-label='Article text']").unwrap().dyn_into().unwrap();
    ta.set_value("“We are ready,” said Maria Lopez, the mayor of Springfield.");
    click(&button(&root, "Annotate")).await;
    assert!(q(&root, "#doc [data-kind=quote]").is_some(), "the rules annotate without the models");
    assert!(!root.text_content().unwrap().contains("Re-annotate with models"), "no models, nothing to offer");
    unmount(h, root).await;
}

fn focused() -> Option<String> {
    doc().active_element().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn dialogs_keep_focus_inside_and_give_it_back() {
    let (h, root) = mount(&fixture()).await;
    let opener = button(&root, "New document");
    opener.focus().unwrap();
    click(&opener).await;
    let dialog = q(&root, "[role=dialog]").expect("an in-page dialog");
    assert_eq!(focused().as_deref(), Some("Cancel"), "focus starts on Cancel");
    let tab = |shift: bool| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Tab");
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        doc().active_element().unwrap().dispatch_event(&e).unwrap();
    };
    // Shift+Tab from the first control goes round to the last, Tab from the last to the first.
    tab(true);
    assert_eq!(focused().as_deref(), Some("Start new document"));
    tab(false);
    assert_eq!(focused().as_deref(), Some("Cancel"));
    assert!(dialog.contains(doc().active_element().as_ref().map(|e| e.unchecked_ref())));
    // Escape closes it and focus goes back to the button that opened it.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    doc().active_element().unwrap().dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    tick().await;
    assert!(q(&root, "[role=dialog]").is_none(), "Escape closes the dialog");
    assert_eq!(focused().as_deref(), Some("New document"), "focus is back on the opener");
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "Escape cancels");
    unmount(h, root).await;
}
