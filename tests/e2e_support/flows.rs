//! Flows of issue 16 end to end: the status line and the focus after a delete,
//! typed text annotated on a pause, and the page on a phone-sized screen.

use fantoccini::Locator;
use serde_json::{json, Value};

use super::app::{wait_for_no_problems, wait_until, App, WAIT};
use super::expect::highlight_problems;
use crate::{core_export, open_with_gold_article, SELECTION};

/// The status line's text and whether it lies inside the viewport.
async fn status_in_view(app: &App) -> (String, bool) {
    app.js(
        "const s = document.querySelector('[role=status]');
         const r = s.getBoundingClientRect();
         return [s.textContent, r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight];",
        vec![],
    )
    .await
}

#[tokio::test]
async fn after_delete_the_status_says_what_went_and_the_next_annotation_has_the_focus() {
    let (app, doc, _) = open_with_gold_article().await;
    // The last mention, far down the article: the status line must still be in view.
    let last = doc.mentions.last().expect("mentions").clone();
    app.select_highlight("entity", &last.id).await;
    app.click_button_in(SELECTION, "Delete annotation").await;
    let (said, in_view) = wait_until("the status after Delete", WAIT, || async {
        let (text, in_view) = status_in_view(&app).await;
        text.starts_with("Deleted").then_some((text, in_view))
    })
    .await;
    assert!(said.contains(&last.text), "the status {said:?} does not name {:?}", last.text);
    assert!(in_view, "the status line {said:?} is outside the viewport");
    let focused: Value = wait_until("the focus on another highlight", WAIT, || async {
        let f: Value = app
            .js("const a = document.activeElement; return a && a.closest('#doc') && a.dataset.id ? { id: a.dataset.id, kind: a.dataset.kind } : null;", vec![])
            .await;
        (!f.is_null()).then_some(f)
    })
    .await;
    assert_eq!(focused["kind"], "entity");
    // Scrolled down the article, the side panel stays below the sticky header.
    let (header_bottom, panel_top): (f64, f64) = app
        .js(
            "return [document.querySelector('header.top').getBoundingClientRect().bottom,
                     document.querySelector('section[aria-label=Selection]').getBoundingClientRect().top];",
            vec![],
        )
        .await;
    assert!(panel_top >= header_bottom, "the Selection panel (top {panel_top}) slides under the header (bottom {header_bottom})");
    assert_ne!(focused["id"], json!(last.id), "the deleted mention cannot have the focus");
}

#[tokio::test]
async fn typed_text_marks_the_view_out_of_date_and_is_annotated_on_a_pause() {
    let (app, doc, _) = open_with_gold_article().await;
    let added = " Later, Maria Lopez said the council would vote in March.";
    let ta = app.browser.client.find(Locator::Css("textarea[aria-label='Article text']")).await.expect("the article box");
    // The caret goes to the end of the box first.
    app.js::<Value>("const t = document.querySelector('#article-text'); t.focus(); t.setSelectionRange(t.value.length, t.value.length); return null;", vec![]).await;
    ta.send_keys(added).await.expect("typing into the box");
    let text = format!("{}{added}", doc.text);
    let (expected, _) = core_export(&text);
    wait_for_no_problems("the typed text annotated after the pause", WAIT, || async {
        let stale: bool = app.js("return !!document.querySelector('#doc[data-stale=true]');", vec![]).await;
        let mut problems = highlight_problems(&expected, &app.highlights().await);
        if stale {
            problems.push("the view still says it is out of date".into());
        }
        problems
    })
    .await;
    let (_, json) = app.download_json().await;
    assert!(json == expected.to_json(), "the download after typing is not the core's export of the new text");
}

#[tokio::test]
async fn on_a_phone_the_toolbar_fits_and_a_tapped_highlight_opens_its_controls_in_view() {
    let app = App::launch().await;
    app.browser
        .cdp("Emulation.setDeviceMetricsOverride", json!({ "width": 400, "height": 800, "deviceScaleFactor": 2, "mobile": true }))
        .expect("a 400 px wide screen");
    app.goto_home().await;
    let text = crate::gold_text();
    let (doc, _) = core_export(&text);
    crate::paste_and_annotate(&app, &text, &doc).await;
    let toolbar: Value = app
        .js(
            "const bar = document.querySelector('nav.toolbar');
             const buttons = Array.from(bar.querySelectorAll('button'));
             const rows = new Set(buttons.map(b => Math.round(b.getBoundingClientRect().top)));
             const r = bar.getBoundingClientRect();
             return { rows: rows.size, left: r.left, right: r.right, width: window.innerWidth,
                      outside: buttons.filter(b => b.getBoundingClientRect().right > window.innerWidth).map(b => b.textContent) };",
            vec![],
        )
        .await;
    println!("toolbar at 400 px: {toolbar}");
    assert!(toolbar["outside"].as_array().is_some_and(|a| a.is_empty()), "buttons beyond the screen's edge: {toolbar}");
    assert!(toolbar["rows"].as_u64().is_some_and(|n| n <= 2), "the toolbar takes more than two rows: {toolbar}");
    // A highlight far down the article: its controls open on screen.
    let last = doc.quotes.last().expect("quotes").id.clone();
    app.select_highlight("quote", &last).await;
    let panel: Value = wait_until("the Selection panel on screen", WAIT, || async {
        let p: Value = app
            .js(
                "const r = document.querySelector('section[aria-label=Selection]').getBoundingClientRect();
                 return r.top >= 0 && r.top < window.innerHeight && r.bottom <= window.innerHeight + 1 ? { top: r.top, bottom: r.bottom } : null;",
                vec![],
            )
            .await;
        (!p.is_null()).then_some(p)
    })
    .await;
    println!("the Selection panel at 400 px: {panel}");
}

/// Measures (reports, does not assert) how long a 2 MB article takes to react in
/// the page: from the click on a highlight, and from Undo, to the rendered result
/// (the app's own `data-last-edit-ms`, dispatch to the end of the render).
#[tokio::test]
async fn a_two_megabyte_article_reports_its_click_and_undo_times() {
    let sources = crate::gold_sources();
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for (_, t) in &sources {
            text.push_str(t.trim());
            text.push_str("\n\n");
        }
    }
    let app = App::open().await;
    app.set_article_text(&text).await;
    app.click_button("Annotate").await;
    let slow = std::time::Duration::from_secs(600);
    let mention: String = wait_until("the 2 MB article's highlights", slow, || async {
        app.js::<Option<String>>("const m = document.querySelectorAll('#doc [data-kind=entity]'); return m.length > 1000 ? m[m.length >> 1].dataset.id : null;", vec![]).await
    })
    .await;
    let edit_ms = || async { app.root_number("last-edit-ms").await };
    let before = edit_ms().await;
    app.select_highlight("entity", &mention).await;
    let click = wait_until("the click's render time", WAIT, || async { edit_ms().await.filter(|t| Some(*t) != before) }).await;
    app.click_button_in(SELECTION, "Delete annotation").await;
    let delete = wait_until("the delete's render time", WAIT, || async { edit_ms().await.filter(|t| *t != click) }).await;
    app.click_button("Undo").await;
    let undo = wait_until("the undo's render time", WAIT, || async { edit_ms().await.filter(|t| *t != delete) }).await;
    println!("2 MB article ({} bytes): click on a highlight {click:.0} ms, delete {delete:.0} ms, undo {undo:.0} ms (dispatch to rendered)", text.len());
}
