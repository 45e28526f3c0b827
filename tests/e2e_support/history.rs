//! One undo history (issue 15): the article box, the annotated view and the
//! download always show the same document, whether undo and redo come from
//! Ctrl+Z / Ctrl+Shift+Z in the box, from the buttons, or follow a reload.

use fantoccini::key::Key;
use fantoccini::Locator;
use saywho_core::Document;
use serde_json::json;

use super::app::{wait_for_no_problems, wait_until, App, WAIT};
use super::expect::highlight_problems;
use crate::{core_export, delete_mention, gold_text, plan, reattribute};

const BOX: &str = "textarea[aria-label='Article text']";

/// Types `text` into the box the way the browser records a paste: as one native
/// edit on its own undo stack (which Ctrl+Z would take back if the app let it).
async fn insert_natively(app: &App, text: &str) {
    let ok: bool = app
        .js(
            "const ta = document.querySelector(arguments[1]);
             if (!ta) return false;
             ta.focus();
             return document.execCommand('insertText', false, arguments[0]);",
            vec![json!(text), json!(BOX)],
        )
        .await;
    assert!(ok, "the browser refused to insert text into the article box");
}

/// Presses `keys` (WebDriver key codes; modifiers held to the end) with the focus in the box.
async fn press_in_box(app: &App, keys: &str) {
    let ta = app.browser.client.find(Locator::Css(BOX)).await.expect("the article box");
    ta.send_keys(keys).await.expect("keys sent to the article box");
}

/// What the page shows: the box's text, #doc's text, whether the view says it is
/// out of date, and whether Download JSON can be pressed.
async fn shown(app: &App) -> (String, String, bool, bool) {
    app.js(
        "const ta = document.querySelector(arguments[0]);
         const doc = document.querySelector('#doc');
         const dl = Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === 'Download JSON');
         return [ta.value, doc ? doc.textContent : '', !!doc && doc.dataset.stale === 'true', !!dl && !dl.disabled];",
        vec![json!(BOX)],
    )
    .await
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Waits until the page shows `want` (None: the empty page) in the box and the
/// view alike, then checks that the download is exactly `want`.
async fn assert_agree(app: &App, want: Option<&Document>, step: &str) {
    let text = want.map_or(String::new(), |d| d.text.clone());
    let empty = Document::empty("");
    let doc = want.unwrap_or(&empty);
    wait_for_no_problems(&format!("{step}: the box, the view and the download to agree"), WAIT, || async {
        let (in_box, in_view, stale, can_download) = shown(app).await;
        let mut problems = highlight_problems(doc, &app.highlights().await);
        if in_box != text {
            problems.push(format!("the box holds {} characters starting {:.40?}, expected {} starting {:.40?}", in_box.chars().count(), in_box, text.chars().count(), text));
        }
        if want.is_some() && squeeze(&in_view) != squeeze(&text) {
            problems.push(format!("the view shows {:.60?}, the box {:.60?}", in_view, in_box));
        }
        if stale {
            problems.push("the view says it is out of date".into());
        }
        if can_download != want.is_some() {
            problems.push(format!("Download JSON is {}", if can_download { "enabled with nothing to download" } else { "disabled" }));
        }
        problems
    })
    .await;
    if let Some(d) = want {
        let (_, json) = app.download_json().await;
        assert!(json == d.to_json(), "{step}: the download differs from what the box and the view show");
    }
}

/// Pastes the gold article natively into the empty box (annotated on the pause),
/// deletes a mention and re-attributes a quote; returns what the page showed
/// after each step, the empty page first.
async fn paste_and_correct(app: &App) -> Vec<Option<Document>> {
    let text = gold_text();
    let (core, _) = core_export(&text);
    let plan = plan(&core);
    insert_natively(app, &text).await;
    assert_agree(app, Some(&core), "pasted and annotated on the pause").await;
    let mut shown = vec![None, Some(core.clone())];
    delete_mention(app, &plan.deleted).await;
    let (_, json) = app.download_json().await;
    shown.push(Some(serde_json::from_str(&json).expect("the download is JSON")));
    reattribute(app, &plan.quote).await;
    let (_, json) = app.download_json().await;
    shown.push(Some(serde_json::from_str(&json).expect("the download is JSON")));
    shown
}

fn ctrl(key: &str) -> String {
    format!("{}{key}", Key::Control)
}

fn ctrl_shift(key: &str) -> String {
    format!("{}{}{key}", Key::Control, Key::Shift)
}

async fn status(app: &App) -> String {
    app.js("return document.querySelector('[role=status]').textContent;", vec![]).await
}

/// Undoes every step with `undo`, once more with nothing left (keys; a button is
/// disabled then), then redoes every
/// step with `redo`, checking the box, the view and the download at each.
async fn walk_back_and_forth<U, R, FU, FR>(app: &App, shown: &[Option<Document>], how: &str, keys: bool, mut undo: U, mut redo: R)
where
    U: FnMut() -> FU,
    R: FnMut() -> FR,
    FU: std::future::Future<Output = ()>,
    FR: std::future::Future<Output = ()>,
{
    for (i, want) in shown.iter().enumerate().rev().skip(1) {
        undo().await;
        assert_agree(app, want.as_ref(), &format!("{how}: undo back to step {i}")).await;
    }
    if keys {
        undo().await;
        wait_until(&format!("{how}: \"Nothing to undo.\""), WAIT, || async { (status(app).await == "Nothing to undo.").then_some(()) }).await;
        assert_agree(app, None, &format!("{how}: undo with nothing to undo")).await;
    } else {
        let enabled: bool = app.js("return !Array.from(document.querySelectorAll('button')).find(b => b.textContent.trim() === 'Undo').disabled;", vec![]).await;
        assert!(!enabled, "{how}: Undo is enabled with nothing to undo");
    }
    for (i, want) in shown.iter().enumerate().skip(1) {
        redo().await;
        assert_agree(app, want.as_ref(), &format!("{how}: redo to step {i}")).await;
    }
}

#[tokio::test]
async fn ctrl_z_in_the_article_box_undoes_text_and_annotations_together() {
    let app = App::open().await;
    let shown = paste_and_correct(&app).await;
    let app = &app;
    let (undo, redo) = (ctrl("z"), ctrl_shift("z"));
    walk_back_and_forth(app, &shown, "keys in the box", true, || press_in_box(app, &undo), || press_in_box(app, &redo)).await;
    // The browser's own undo never ran: the page logged no refused preventDefault.
    let refused: Vec<String> = app.browser.console().into_iter().filter(|l| l.contains("preventDefault")).collect();
    assert!(refused.is_empty(), "the key handler could not stop the browser's default: {refused:?}");
}

#[tokio::test]
async fn the_undo_and_redo_buttons_walk_the_same_history() {
    let app = App::open().await;
    let shown = paste_and_correct(&app).await;
    let app = &app;
    walk_back_and_forth(app, &shown, "buttons", false, || app.click_button("Undo"), || app.click_button("Redo")).await;
}

#[tokio::test]
async fn after_a_reload_the_box_and_the_view_still_agree() {
    let app = App::open().await;
    let shown = paste_and_correct(&app).await;
    let last = shown.last().cloned().flatten();
    let saved = wait_until("the autosave to hold the last correction", WAIT, || async {
        let stored = app.local_storage("saywho.session.v1").await?;
        let doc: Document = serde_json::from_str(&stored).ok()?;
        (Some(&doc) == last.as_ref()).then_some(doc)
    })
    .await;
    app.browser.client.refresh().await.expect("reload");
    app.wait_ready().await;
    assert_agree(&app, Some(&saved), "after the reload").await;
    // The history stayed with the page that made it: nothing to undo, and the
    // box keeps its text (the browser's own undo would empty it).
    press_in_box(&app, &ctrl("z")).await;
    wait_until("\"Nothing to undo.\" after the reload", WAIT, || async { (status(&app).await == "Nothing to undo.").then_some(()) }).await;
    assert_agree(&app, Some(&saved), "Ctrl+Z after the reload").await;
    // Typing is undone by Ctrl+Z as well, and the view is back in step.
    press_in_box(&app, " more words").await;
    wait_until("the view to say it is out of date while typing", WAIT, || async { shown_stale(&app).await.then_some(()) }).await;
    press_in_box(&app, &ctrl("z")).await;
    assert_agree(&app, Some(&saved), "Ctrl+Z after typing").await;
}

async fn shown_stale(app: &App) -> bool {
    shown(app).await.2
}
