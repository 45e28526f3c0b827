//! In-browser component tests (wasm-bindgen-test, headless Chromium): the app is
//! mounted into a fresh element with a document restored from the autosave key,
//! and checked through the DOM the way a user or screen reader sees it.
#![cfg(target_arch = "wasm32")]

mod web_support;

use saywho_core::Document;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn highlights_carry_their_data_attributes_and_names() {
    let root = mount(&fixture()).await;
    let m1 = q(&root, "#doc [data-kind=entity][data-id=M1]").expect("M1 is highlighted");
    assert_eq!(attr(&m1, "data-label").as_deref(), Some("PERSON"));
    assert_eq!(attr(&m1, "data-entity").as_deref(), Some("E1"));
    assert_eq!(attr(&m1, "tabindex").as_deref(), Some("0"));
    assert_eq!(attr(&m1, "aria-label").as_deref(), Some("PERSON Ana Ruiz"));
    assert_eq!(m1.text_content().as_deref(), Some("Ana Ruiz"));
    let q1 = q(&root, "#doc [data-kind=quote][data-id=Q1]").expect("Q1 is highlighted");
    assert_eq!(attr(&q1, "data-quote-kind").as_deref(), Some("direct"));
    assert_eq!(attr(&q1, "data-entity").as_deref(), Some("E1"));
    assert_eq!(attr(&q1, "aria-label").as_deref(), Some("direct quote by Ana Ruiz: “We will build it.”"));
    assert_eq!(q(&root, "#doc [data-kind=cue][data-id=Q1]").unwrap().text_content().as_deref(), Some("said"));
    let speaker = q(&root, "#doc [data-kind=speaker][data-id=Q1]").unwrap();
    // The speaker span contains the mention of the same words.
    assert!(speaker.query_selector("[data-kind=entity][data-id=M1]").unwrap().is_some());
    assert_eq!(attr(&q(&root, "#doc [data-id=M3]").unwrap(), "data-label").as_deref(), Some("LOC"));
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn hostile_html_in_the_text_renders_as_text() {
    let root = mount(&fixture()).await;
    let article = q(&root, "article#doc[aria-label='Annotated article']").unwrap();
    let text = article.text_content().unwrap();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("<script>alert(2)</script>"), "{text}");
    assert!(article.query_selector("img").unwrap().is_none());
    assert!(article.query_selector("script").unwrap().is_none());
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn every_text_leaf_knows_its_code_point_start() {
    let d = fixture();
    let root = mount(&d).await;
    let leaves = root.query_selector_all("#doc [data-start]").unwrap();
    assert!(leaves.length() > 5);
    for i in 0..leaves.length() {
        let el: Element = leaves.item(i).unwrap().dyn_into().unwrap();
        let start: usize = attr(&el, "data-start").unwrap().parse().unwrap();
        let t = el.text_content().unwrap();
        let want: String = d.text.chars().skip(start).take(t.chars().count()).collect();
        assert_eq!(t, want, "leaf at {start}");
    }
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn selecting_a_highlight_opens_its_editor() {
    let root = mount(&fixture()).await;
    let panel = q(&root, "section[aria-label=Selection]").expect("selection panel");
    assert!(q(&panel, "select[aria-label=Label]").is_none());
    click(&q(&root, "#doc [data-id=M3]").unwrap());
    let label: web_sys::HtmlSelectElement = until("the Label select of M3", || q(&panel, "select[aria-label=Label]")).await.dyn_into().unwrap();
    assert_eq!(label.value(), "LOC");
    wait_for("M3 to be shown selected", || has_class(&root, "#doc [data-id=M3]", "selected")).await;
    click(&q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap());
    let kind: web_sys::HtmlSelectElement = until("the Kind select of Q1", || q(&panel, "select[aria-label=Kind]")).await.dyn_into().unwrap();
    let speaker: web_sys::HtmlSelectElement = q(&panel, "select[aria-label=Speaker]").expect("the Speaker select of Q1").dyn_into().unwrap();
    assert_eq!((kind.value(), speaker.value()), ("direct".to_string(), "E1".to_string()));
    // The selected quote's speaker's mentions are related (M2 and M3 are in one paragraph, rendered together).
    wait_for("M2 (the speaker's other mention) to be shown related", || has_class(&root, "#doc [data-id=M2]", "related")).await;
    assert!(!has_class(&root, "#doc [data-id=M3]", "related"), "M3 (another entity) is not related");
    assert!(!has_class(&root, "#doc [data-id=M3]", "selected"), "M3 is no longer selected");
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn delete_then_undo_and_redo_with_the_buttons() {
    let root = mount(&fixture()).await;
    assert!(find_button(&root, "Undo").expect("an Undo button").disabled(), "nothing to undo yet");
    click(&q(&root, "#doc [data-id=M3]").unwrap());
    click(&button(&root, "Delete annotation").await);
    wait_for("M3 to be deleted", || q(&root, "#doc [data-id=M3]").is_none()).await;
    click(&button(&root, "Undo").await);
    wait_for("undo to bring M3 back", || q(&root, "#doc [data-id=M3]").is_some()).await;
    click(&button(&root, "Redo").await);
    wait_for("redo to delete M3 again", || q(&root, "#doc [data-id=M3]").is_none()).await;
    // The autosave holds the corrected document (it is written just after the page paints).
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let saved = until("the autosave without M3", || {
        let saved: Document = serde_json::from_str(&storage.get_item(saywho_app::dom::SESSION_KEY).unwrap()?).unwrap();
        saved.mentions.iter().all(|m| m.id != "M3").then_some(saved)
    })
    .await;
    assert_eq!(saved.mentions.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["M1", "M2"], "only M3 is gone");
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_dom_selection_after_an_emoji_adds_the_right_words() {
    let d = fixture();
    let root = mount(&d).await;
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
    // The page learns of the selection from the browser's selectionchange event.
    let preview = || q(&root, "section[aria-label='Add annotation'] .sel-preview").and_then(|p| p.text_content());
    wait_eq("the Add panel's preview of the selected words", preview, Some("Selected: “left”".to_string())).await;
    click(&button(&root, "Add entity").await);
    let added = until("a new mention M4", || q(&root, "#doc [data-kind=entity][data-id=M4]")).await;
    assert_eq!(added.text_content().as_deref(), Some("left"));
    let (s, _) = span(&d.text, "left", 0);
    assert_eq!(attr(&added.query_selector("[data-start]").unwrap().unwrap(), "data-start"), Some(s.to_string()));
    unmount(root).await;
}

const DIALOG: &str = "[role=dialog]";

#[wasm_bindgen_test]
async fn new_document_asks_in_the_page_first() {
    let root = mount(&fixture()).await;
    click(&button(&root, "New document").await);
    let dialog = until("an in-page dialog", || q(&root, DIALOG)).await;
    assert!(dialog.text_content().unwrap().contains("Start a new document?"));
    click(&button(&dialog, "Cancel").await);
    wait_for("Cancel to close the dialog", || q(&root, DIALOG).is_none()).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "cancel keeps the document");
    click(&button(&root, "New document").await);
    let dialog = until("the dialog again", || q(&root, DIALOG)).await;
    click(&button(&dialog, "Start new document").await);
    wait_for("the new, empty document", || q(&root, DIALOG).is_none() && q(&root, "#doc [data-kind]").is_none()).await;
    assert!(q(&root, "textarea[aria-label='Article text']").is_some());
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_malformed_annotations_file_is_refused_with_a_precise_message() {
    let root = mount(&fixture()).await;
    let mut bad = fixture();
    bad.mentions[2].text = "Bergen".into();
    open_file(&root, "bad.saywho.json", &serde_json::to_string(&bad).unwrap());
    let alert = until("a message about bad.saywho.json", || {
        q(&root, "[role=alert]").and_then(|a| a.text_content()).filter(|t| t.contains("bad.saywho.json"))
    })
    .await;
    assert!(alert.contains("mentions[2]"), "{alert}");
    assert_eq!(q(&root, "#doc [data-id=M3]").unwrap().text_content().as_deref(), Some("Oslo"), "current work untouched");
    // A good file replaces the document (no corrections yet, so no question).
    let mut good = fixture();
    good.mentions.truncate(1);
    open_file(&root, "good.saywho.json", &good.to_json());
    wait_for("the good file to replace the document (M3 gone)", || q(&root, "#doc [data-id=M3]").is_none()).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "the good file's mention is shown");
    let status = || q(&root, "[role=status]").and_then(|s| s.text_content()).unwrap_or_default();
    wait_for("the status \"Opened good.saywho.json\"", || status().contains("Opened good.saywho.json")).await;
    unmount(root).await;
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
    let root = mount(&fixture()).await;
    const Q1: &str = "#doc [data-kind=quote][data-id=Q1]";
    click(&q(&root, Q1).unwrap());
    let speaker: web_sys::HtmlSelectElement = until("the Speaker select", || q(&root, "select[aria-label=Speaker]")).await.dyn_into().unwrap();
    speaker.set_value("");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    speaker.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    let entity = || q(&root, Q1).and_then(|e| attr(&e, "data-entity"));
    wait_eq("Q1's data-entity after choosing no speaker", entity, None).await;
    assert_eq!(attr(&q(&root, Q1).unwrap(), "aria-label").as_deref(), Some("direct quote no named speaker: “We will build it.”"));
    doc().body().unwrap().focus().unwrap();
    key("z", true, false);
    wait_eq("Q1's data-entity after Ctrl+Z", entity, Some("E1".into())).await;
    key("Z", true, true);
    wait_eq("Q1's data-entity after Ctrl+Shift+Z", entity, None).await;
    // Ctrl+Y with nothing to redo must change nothing. Escape (deselect) goes the same
    // way after it: once Q1 shows deselected, the page has handled the Ctrl+Y too.
    wait_for("Q1 to be selected", || has_class(&root, Q1, "selected")).await;
    key("y", true, false);
    key("Escape", false, false);
    wait_for("Escape to deselect Q1", || !has_class(&root, Q1, "selected")).await;
    assert_eq!(entity(), None, "nothing left to redo");
    key("z", true, false);
    wait_eq("Q1's data-entity after another Ctrl+Z", entity, Some("E1".into())).await;
    key("y", true, false);
    wait_eq("Q1's data-entity after Ctrl+Y (redo)", entity, None).await;
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn filters_hide_a_layer_and_a_label() {
    let root = mount(&fixture()).await;
    let toggle = |text: &str| {
        let labels = root.query_selector_all(".filters label").unwrap();
        let l: Element = (0..labels.length())
            .map(|i| labels.item(i).unwrap().dyn_into::<Element>().unwrap())
            .find(|l| l.text_content().unwrap().trim().starts_with(text))
            .unwrap();
        l.query_selector("input").unwrap().unwrap()
    };
    click(&toggle("LOC"));
    wait_for("the LOC filter to hide M3", || q(&root, "#doc [data-id=M3]").is_none()).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "PERSON mentions stay");
    click(&toggle("Quotes"));
    wait_for("the Quotes filter to hide quotes and cues", || q(&root, "#doc [data-kind=quote]").is_none() && q(&root, "#doc [data-kind=cue]").is_none()).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "mentions stay");
    click(&toggle("Quotes"));
    wait_for("quotes to be shown again", || q(&root, "#doc [data-kind=quote]").is_some()).await;
    assert!(q(&root, "#doc [data-id=M3]").is_none(), "LOC is still hidden");
    click(&toggle("LOC"));
    wait_for("M3 to be shown again", || q(&root, "#doc [data-id=M3]").is_some()).await;
    assert!(q(&root, "#doc [data-kind=quote]").is_some());
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn missing_model_files_leave_the_app_rule_based_and_say_so() {
    // The test page has no models/ beside it: the fetch fails as on a broken host.
    let root = mount(&fixture()).await;
    let status = q(&root, "[role=status][aria-label='Model status']").expect("a model status with its accessible name");
    wait_eq("the model status", || attr(&status, "data-state"), Some("unavailable".into())).await;
    let text = status.text_content().unwrap();
    assert!(text.contains("unavailable") && text.contains("rule-based only"), "{text}");
    // Everything else works: the restored document, and annotating a new text.
    assert!(q(&root, "#doc [data-id=M1]").is_some());
    assert!(root.query_selector_all("button").unwrap().length() > 5);
    let ta: web_sys::HtmlTextAreaElement = q(&root, "textarea[aria-label='Article text']").unwrap().dyn_into().unwrap();
    ta.set_value("“We are ready,” said Maria Lopez, the mayor of Springfield.");
    click(&button(&root, "Annotate").await);
    let quote = until("the rules' quote of the new text", || {
        q(&root, "#doc [data-kind=quote]").filter(|e| e.text_content().is_some_and(|t| t.contains("We are ready")))
    })
    .await;
    assert_eq!(attr(&quote, "data-quote-kind").as_deref(), Some("direct"), "the rules annotate without the models");
    assert!(!root.text_content().unwrap().contains("Re-annotate with models"), "no models, nothing to offer");
    unmount(root).await;
}

fn focused() -> Option<String> {
    doc().active_element().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn dialogs_keep_focus_inside_and_give_it_back() {
    let root = mount(&fixture()).await;
    let opener = button(&root, "New document").await;
    opener.focus().unwrap();
    click(&opener);
    let dialog = until("an in-page dialog", || q(&root, DIALOG)).await;
    wait_eq("the focus when the dialog opens", focused, Some("Cancel".into())).await;
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
    wait_eq("the focus after Shift+Tab on the first control", focused, Some("Start new document".into())).await;
    tab(false);
    wait_eq("the focus after Tab on the last control", focused, Some("Cancel".into())).await;
    assert!(dialog.contains(doc().active_element().as_ref().map(|e| e.unchecked_ref())));
    // Escape closes it and focus goes back to the button that opened it.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    doc().active_element().unwrap().dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
    wait_for("Escape to close the dialog", || q(&root, DIALOG).is_none()).await;
    wait_eq("the focus after the dialog closed", focused, Some("New document".into())).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some(), "Escape cancels");
    unmount(root).await;
}

const BOX: &str = "textarea[aria-label='Article text']";

fn article_box(root: &Element) -> web_sys::HtmlTextAreaElement {
    q(root, BOX).expect("the article box").dyn_into().unwrap()
}

/// Types `text` into the box as the browser reports it (value, then an input event).
fn type_in_box(root: &Element, text: &str) {
    let ta = article_box(root);
    ta.focus().unwrap();
    ta.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertText");
    ta.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

/// Dispatches a cancelable keydown on the focused element; returns whether the page
/// stopped the browser's own action (preventDefault), which a passive listener cannot.
fn key_on_focus(k: &str, ctrl: bool, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(k);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target = doc().active_element().unwrap();
    target.dispatch_event(&e).unwrap();
    e.default_prevented()
}

fn status_text(root: &Element) -> String {
    q(root, "[role=status]").and_then(|s| s.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn undo_keys_in_the_article_box_are_the_apps_and_stop_the_browsers() {
    let d = fixture();
    let root = mount(&d).await;
    type_in_box(&root, "Typed over the article.");
    wait_for("the view to say it is out of date", || q(&root, "#doc[data-stale=true]").is_some() && q(&root, "#stale-hint").is_some()).await;
    assert!(key_on_focus("z", true, false), "Ctrl+Z in the box must not run the browser's text undo");
    wait_eq("the box after Ctrl+Z", || article_box(&root).value(), d.text.clone()).await;
    wait_for("the view back in step", || q(&root, "#doc[data-stale=true]").is_none()).await;
    assert_eq!(status_text(&root), "Undone: the typing in the text box.");
    assert!(key_on_focus("Z", true, true), "Ctrl+Shift+Z in the box");
    wait_eq("the box after Ctrl+Shift+Z", || article_box(&root).value(), "Typed over the article.".to_string()).await;
    // Ctrl+S downloads, never the browser's Save page, from the box too.
    assert!(key_on_focus("s", true, false), "Ctrl+S in the box");
    // Another field keeps its own undo of what is typed there.
    click(&q(&root, "#doc [data-id=M3]").unwrap());
    let name: HtmlElement = until("the Entity name field", || q(&root, "input[aria-label='Entity name']")).await.dyn_into().unwrap();
    name.focus().unwrap();
    assert!(!key_on_focus("z", true, false), "Ctrl+Z in the name field is that field's own");
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn typing_is_annotated_on_a_pause_when_nothing_was_corrected() {
    let root = mount(&fixture()).await;
    type_in_box(&root, "Maria Lopez said the plan works.");
    wait_for("the new text in the view", || {
        q(&root, "#doc").and_then(|d| d.text_content()).is_some_and(|t| t.contains("Maria Lopez said")) && q(&root, "#doc[data-stale=true]").is_none()
    })
    .await;
    assert!(q(&root, "#doc [data-id=M3]").is_none(), "the old annotations are gone");
    // One undo brings the old text and its annotations back together.
    click(&button(&root, "Undo").await);
    wait_for("the old document after Undo", || q(&root, "#doc [data-id=M3]").is_some()).await;
    assert_eq!(article_box(&root).value(), fixture().text);
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_corrected_document_waits_and_cancelling_restores_the_box() {
    let d = fixture();
    let root = mount(&d).await;
    click(&q(&root, "#doc [data-id=M3]").unwrap());
    click(&button(&root, "Delete annotation").await);
    wait_for("M3 deleted", || q(&root, "#doc [data-id=M3]").is_none()).await;
    type_in_box(&root, "Other words entirely.");
    let hint = until("the out-of-date hint", || q(&root, "#stale-hint")).await;
    assert!(hint.text_content().unwrap().contains("replace your corrections"), "{:?}", hint.text_content());
    click(&button(&root, "Annotate").await);
    let dialog = until("the question before replacing the corrections", || q(&root, DIALOG)).await;
    assert!(dialog.text_content().unwrap().contains("Annotate the new text?"));
    click(&button(&dialog, "Cancel").await);
    wait_eq("the box after Cancel", || article_box(&root).value(), d.text.clone()).await;
    wait_for("the view back in step", || q(&root, "#stale-hint").is_none()).await;
    assert!(q(&root, "#doc [data-id=M1]").is_some() && q(&root, "#doc [data-id=M3]").is_none(), "the corrected document stays");
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn after_delete_the_next_annotation_has_the_focus_and_the_status_says_what_went() {
    let root = mount(&fixture()).await;
    let m1: HtmlElement = q(&root, "#doc [data-kind=entity][data-id=M1]").unwrap().dyn_into().unwrap();
    click(&m1);
    wait_for("M1 selected", || has_class(&root, "#doc [data-id=M1]", "selected")).await;
    m1.focus().unwrap();
    assert!(key_on_focus("Delete", false, false), "Delete is the app's");
    wait_for("M1 deleted", || q(&root, "#doc [data-id=M1]").is_none()).await;
    let focused_id = || doc().active_element().and_then(|e| attr(&e, "data-id"));
    wait_eq("the focus after Delete", focused_id, Some("M2".into())).await;
    assert!(has_class(&root, "#doc [data-id=M2]", "selected"), "and the selection");
    assert_eq!(status_text(&root), "Deleted “Ana Ruiz”.");
    // The hover line forgets the deleted mention and describes the focused one.
    let details = || q(&root, ".details").and_then(|d| d.text_content()).unwrap_or_default();
    wait_eq("the hover line after Delete", details, "PERSON · Ana Ruiz · 1 mention · found automatically".to_string()).await;
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn the_selection_panel_shows_no_ids_and_merges_only_compatible_entities() {
    let root = mount(&fixture()).await;
    click(&q(&root, "#doc [data-id=M1]").unwrap());
    let panel = until("the Selection panel for M1", || q(&root, "section[aria-label=Selection] [data-editing=M1]")).await;
    let text = q(&root, "section[aria-label=Selection]").unwrap().text_content().unwrap();
    for id in ["M1", "E1", "E2", "Q1"] {
        assert!(!text.contains(id), "the panel shows the internal id {id}: {text}");
    }
    // Oslo is a place: no merging a person into it.
    let merge: web_sys::HtmlSelectElement = q(&panel, "select[aria-label='Merge with entity']").unwrap().dyn_into().unwrap();
    assert_eq!((merge.length(), merge.disabled()), (1, true), "only the placeholder option");
    // An entity's Delete says what it removes.
    click(&q(&root, "section[aria-label=Entities] button[aria-label^='PERSON Ana Ruiz']").unwrap());
    let reach = until("what deleting the entity removes", || q(&root, "#entity-reach")).await;
    assert_eq!(reach.text_content().as_deref(), Some("Deleting it: 2 mentions removed; 1 quote loses its named speaker."));
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn nothing_to_act_on_disables_download_and_add() {
    let root = mount(&fixture()).await;
    for name in ["Add entity", "Add quote"] {
        assert!(find_button(&root, name).unwrap().disabled(), "{name} with no words selected");
    }
    assert!(!find_button(&root, "Download JSON").unwrap().disabled());
    unmount(root).await;
    let root = mount(&Document::empty("")).await;
    for name in ["Download JSON", "Copy JSON", "Download CSV", "Download entities CSV"] {
        assert!(find_button(&root, name).unwrap().disabled(), "{name} with no document");
    }
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_checked_quote_and_its_note_count_in_the_progress_and_survive_a_reload() {
    let d = fixture();
    let root = mount(&d).await;
    let progress = |root: &Element| q(root, "[aria-label='Review progress']").and_then(|p| p.text_content()).unwrap_or_default();
    assert!(progress(&root).contains("0/1 quotes checked · 0/2 entities"), "{}", progress(&root));
    click(&q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap());
    let panel = until("the quote's editor", || q(&root, "section[aria-label=Selection] [data-editing=Q1]")).await;
    click(&q(&panel, "input[aria-label=Checked]").unwrap());
    wait_for("the progress to count Q1", || progress(&root).contains("1/1 quotes checked")).await;
    let note: web_sys::HtmlInputElement = q(&panel, "input[aria-label=Note]").unwrap().dyn_into().unwrap();
    note.set_value("Verified against the council minutes");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    note.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    until("the review in the autosave", || storage.get_item(saywho_app::dom::REVIEW_KEY).unwrap().filter(|r| r.contains("council minutes"))).await;
    // Every quote checked: "n" says so instead of moving.
    doc().body().unwrap().focus().unwrap();
    key("n", false, false);
    wait_eq("the status after n", || status_text(&root), "Every quote is checked.".to_string()).await;
    // The session's document is the export, unchanged; the review is kept beside it.
    let saved: Document = serde_json::from_str(&storage.get_item(saywho_app::dom::SESSION_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(saved, d, "checking is no change to the annotations");
    // Unmounting clears the session key, not the review's: mounting again restores both.
    unmount(root).await;
    let root = mount(&d).await;
    wait_for("the restored review", || progress(&root).contains("1/1 quotes checked")).await;
    click(&q(&root, "#doc [data-kind=quote][data-id=Q1]").unwrap());
    let note: web_sys::HtmlInputElement = until("the note field", || q(&root, "input[aria-label=Note]")).await.dyn_into().unwrap();
    assert_eq!(note.value(), "Verified against the council minutes");
    unmount(root).await;
    storage.remove_item(saywho_app::dom::REVIEW_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn one_tab_stop_per_annotation_and_arrows_step_through_its_parts() {
    let root = mount(&fixture()).await;
    let stops = root.query_selector_all("#doc [data-kind][tabindex='0']").unwrap();
    let kinds: Vec<(String, String)> = (0..stops.length())
        .filter_map(|i| stops.item(i)?.dyn_into::<Element>().ok())
        .map(|e| (attr(&e, "data-kind").unwrap(), attr(&e, "data-id").unwrap()))
        .collect();
    let want: Vec<(String, String)> = [("entity", "M1"), ("quote", "Q1"), ("entity", "M2"), ("entity", "M3")].iter().map(|(k, i)| (k.to_string(), i.to_string())).collect();
    assert_eq!(kinds, want, "the cue and the speaker span are no tab stops of their own");
    let speaker: HtmlElement = q(&root, "#doc [data-kind=speaker]").unwrap().dyn_into().unwrap();
    speaker.focus().unwrap();
    let focused_kind = || doc().active_element().and_then(|e| attr(&e, "data-kind"));
    assert!(key_on_focus("ArrowRight", false, false), "the arrow moves the focus, not the page");
    wait_eq("the focus after ArrowRight from the speaker", focused_kind, Some("entity".into())).await;
    key_on_focus("ArrowRight", false, false);
    wait_eq("the focus on the cue", focused_kind, Some("cue".into())).await;
    key_on_focus("ArrowLeft", false, false);
    wait_eq("the focus back on the mention", focused_kind, Some("entity".into())).await;
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_partial_quote_inside_an_indirect_one_is_listed_once_under_it() {
    let d = saywho_core::annotate("The mayor said the plan was \"a disaster for the city\" and would be dropped.").document;
    assert_eq!(d.quotes.len(), 2);
    let root = mount(&d).await;
    let panel = q(&root, "section[aria-label='Who said what']").expect("the panel");
    let top = panel.query_selector_all("ul.speakers > li > ul.quotes > li").unwrap().length();
    let nested = panel.query_selector_all("ul.quotes.nested > li").unwrap().length();
    assert_eq!((top, nested), (1, 1), "{}", panel.inner_html());
    let inner = q(&panel, "ul.quotes.nested button").unwrap();
    assert!(attr(&inner, "aria-label").unwrap_or_default().starts_with("partial quote inside the one above: "));
    unmount(root).await;
}
