//! End to end through the real Trunk build (`dist/`), driven over WebDriver in
//! headless Chromium: what a user does (paste, correct, undo, export, import,
//! reload) and what must never happen (pasted HTML running, network requests
//! beyond the app's own files). Expectations come from `saywho_core::annotate`,
//! which prints the same JSON as the command line.
//!
//! Run by `bash scripts/test.sh` after `trunk build --release`; by hand:
//! `trunk build --release && cargo test --test e2e -- --test-threads=1`.
#![cfg(not(target_arch = "wasm32"))]

mod e2e_more;
mod e2e_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use e2e_support::app::{wait_for_no_problems, wait_until, App, WAIT};
use e2e_support::browser::TempDir;
use e2e_support::expect::{export_problems, highlight_problems, Added, Corrections};
use saywho_core::{Document, Mention};
use serde_json::{json, Value};

const GOLD_ARTICLE: &str = "pakistan-us-reset";
const AUTOSAVE_KEY: &str = "saywho.session.v1";
const SELECTION: &str = "//section[@aria-label='Selection']";

/// The gold article's text from `../shared/eval/gold` (or `$SAYWHO_SHARED/eval/gold`).
fn gold_text() -> String {
    let shared = std::env::var_os("SAYWHO_SHARED")
        .map(Into::into)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = shared.join("eval/gold").join(format!("{GOLD_ARTICLE}.json"));
    let json = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; the end-to-end test needs the shared folder beside the repository (or SAYWHO_SHARED)", path.display()));
    let gold: Value = serde_json::from_str(&json).expect("gold file is JSON");
    gold["text"].as_str().expect("gold file has a text").to_string()
}

/// The core's export for `text`: the document and its JSON as a value.
fn core_export(text: &str) -> (Document, Value) {
    let doc = saywho_core::annotate(text).document;
    let value = serde_json::from_str(&doc.to_json()).expect("the export is JSON");
    (doc, value)
}

/// Pastes `text`, clicks "Annotate" and waits until every highlight agrees with `doc`.
async fn paste_and_annotate(app: &App, text: &str, doc: &Document) {
    app.set_article_text(text).await;
    app.click_button("Annotate").await;
    // The same few differences at the deadline mean the page and the test disagree, not
    // that the page was slow: is dist/ built from the same sources as this test binary?
    // (The compact text box grows when focused, over 0.15 s, moving the button while
    // WebDriver clicks it, so a click can miss: every couple of seconds with the old
    // highlights still up, click again.)
    let mut polls = 0;
    wait_for_no_problems("the highlights to match the core's export (same sources in dist/?)", WAIT, || {
        polls += 1;
        let again = polls % 40 == 0;
        async move {
            let problems = highlight_problems(doc, &app.highlights().await);
            if again && !problems.is_empty() {
                app.click_button("Annotate").await;
            }
            problems
        }
    })
    .await;
}

/// Opens the app and annotates the gold article; the export must have something to check.
async fn open_with_gold_article() -> (App, Document, Value) {
    let text = gold_text();
    let (doc, value) = core_export(&text);
    assert!(
        !doc.mentions.is_empty() && !doc.quotes.is_empty(),
        "the core found {} mentions and {} quotes in the gold article: nothing to check in the browser",
        doc.mentions.len(),
        doc.quotes.len()
    );
    let app = App::open().await;
    paste_and_annotate(&app, &text, &doc).await;
    (app, doc, value)
}

fn without_mention(doc: &Document, id: &str) -> Document {
    let mut doc = doc.clone();
    doc.mentions.retain(|m| m.id != id);
    doc
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Every span of the export: mentions, quotes, cues and speakers.
fn annotated_spans(doc: &Document) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = doc.mentions.iter().map(|m| (m.start, m.end)).collect();
    for q in &doc.quotes {
        spans.push((q.start, q.end));
        spans.extend(q.cue.iter().chain(&q.speaker).map(|s| (s.start, s.end)));
    }
    spans
}

/// The corrections the tests make, chosen from the core's export so they stay
/// meaningful as the core changes.
struct Plan {
    /// A quote to re-attribute (one with a resolved speaker when there is one).
    quote: String,
    /// A mention to delete: its entity keeps other mentions and its name, and it is outside every quote.
    deleted: String,
    /// A word no annotation touches, occurring once in the text, to add as an entity.
    word: Added,
}

fn plan(doc: &Document) -> Plan {
    let quote = doc.quotes.iter().find(|q| q.entity.is_some()).unwrap_or(&doc.quotes[0]).id.clone();
    let spans = annotated_spans(doc);
    let quote_spans: Vec<(usize, usize)> = doc.quotes.iter().map(|q| (q.start, q.end)).collect();
    let deletable = |m: &&Mention| {
        let Some(entity) = &m.entity else { return false };
        let siblings = doc.mentions.iter().filter(|o| o.entity.as_ref() == Some(entity)).count();
        let name = doc.entities.iter().find(|e| &e.id == entity).map(|e| e.name.as_str());
        siblings >= 2 && name != Some(m.text.as_str()) && !quote_spans.iter().any(|&q| overlaps(q, (m.start, m.end)))
    };
    let deleted = doc
        .mentions
        .iter()
        .find(deletable)
        .or_else(|| doc.mentions.iter().find(|m| !quote_spans.iter().any(|&q| overlaps(q, (m.start, m.end)))))
        .unwrap_or(&doc.mentions[0])
        .id
        .clone();
    let chars: Vec<char> = doc.text.chars().collect();
    let mut word = None;
    let mut i = 0;
    while i < chars.len() && word.is_none() {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphabetic() {
            i += 1;
        }
        let candidate: String = chars[start..i].iter().collect();
        let bounded = start == 0 || !chars[start - 1].is_alphanumeric();
        if i - start >= 7 && bounded && candidate.chars().all(|c| c.is_ascii_lowercase())
            && doc.text.matches(&candidate).count() == 1
            && !spans.iter().any(|&s| overlaps(s, (start, i)))
        {
            word = Some(Added { start, end: i, text: candidate, label: "MISC".into() });
        }
        i = i.max(start + 1);
    }
    Plan { quote, deleted, word: word.expect("an unannotated word in the gold article") }
}

/// Re-attributes `quote` to another entity through the Selection panel's "Speaker"; returns it.
async fn reattribute(app: &App, quote: &str) -> String {
    app.select_highlight("quote", quote).await;
    let (options, current) = app.select_options("Speaker").await;
    let speaker = options
        .iter()
        .find(|v| !v.is_empty() && **v != current)
        .unwrap_or_else(|| panic!("the Speaker select offers no other entity: {options:?}"))
        .clone();
    app.choose("Speaker", &speaker).await;
    wait_until(&format!("quote {quote} to show data-entity {speaker}"), WAIT, || async {
        let highlights = app.highlights().await;
        let mine: Vec<_> = highlights.iter().filter(|h| h.kind == "quote" && h.id.as_deref() == Some(quote)).collect();
        (!mine.is_empty() && mine.iter().all(|h| h.entity.as_deref() == Some(speaker.as_str()))).then_some(())
    })
    .await;
    speaker
}

/// Adds `word` as an entity: select it in #doc, pick a label, click "Add entity".
/// Returns the correction with the label actually chosen.
async fn add_entity(app: &App, doc: &Document, word: &Added) -> Added {
    app.select_word_in_doc(&word.text).await;
    let (options, _) = app.select_options("New entity label").await;
    let label = if options.iter().any(|o| o == &word.label) {
        word.label.clone()
    } else {
        options.iter().find(|o| !o.is_empty()).cloned().unwrap_or_else(|| panic!("\"New entity label\" offers no label: {options:?}"))
    };
    app.choose("New entity label", &label).await;
    // Choosing a label must not lose the text selection the user made.
    app.select_word_in_doc(&word.text).await;
    app.click_button("Add entity").await;
    let known: BTreeSet<&str> = doc.mentions.iter().map(|m| m.id.as_str()).collect();
    let highlight = wait_until(&format!("a new entity highlight for {:?}", word.text), WAIT, || async {
        app.highlights().await.into_iter().find(|h| h.kind == "entity" && h.id.as_deref().is_some_and(|id| !known.contains(id)) && h.text.contains(&word.text))
    })
    .await;
    assert_eq!(highlight.label.as_deref(), Some(label.as_str()), "the new entity's data-label");
    Added { label, ..word.clone() }
}

/// Deletes mention `id` through the Selection panel's "Delete annotation".
async fn delete_mention(app: &App, id: &str) {
    app.select_highlight("entity", id).await;
    app.click_button_in(SELECTION, "Delete annotation").await;
    wait_for_mention(app, id, false).await;
}

async fn wait_for_mention(app: &App, id: &str, present: bool) {
    let what = format!("mention {id} to be {}", if present { "highlighted again" } else { "gone" });
    wait_until(&what, WAIT, || async {
        let shown = app.highlights().await.iter().any(|h| h.kind == "entity" && h.id.as_deref() == Some(id));
        (shown == present).then_some(())
    })
    .await;
}

/// The three corrections, with an undo and a redo in between; returns what changed.
async fn correct(app: &App, doc: &Document) -> Corrections {
    let plan = plan(doc);
    let speaker = reattribute(app, &plan.quote).await;
    let added = add_entity(app, doc, &plan.word).await;
    delete_mention(app, &plan.deleted).await;
    app.click_button("Undo").await;
    wait_for_mention(app, &plan.deleted, true).await;
    app.click_button("Redo").await;
    wait_for_mention(app, &plan.deleted, false).await;
    Corrections { reattributed: Some((plan.quote, speaker)), added: Some(added), deleted: Some(plan.deleted) }
}

fn assert_export(core: &Value, corrections: &Corrections, got: &Value, what: &str) {
    let problems = export_problems(core, corrections, got);
    assert!(problems.is_empty(), "{what} differs from the core's export plus {corrections:?}:\n  {}", problems.join("\n  "));
}

#[tokio::test]
async fn gold_article_highlights_match_the_cli_export() {
    let (app, doc, _) = open_with_gold_article().await;
    let highlights = app.highlights().await;
    let count = |kind: &str| highlights.iter().filter(|h| h.kind == kind).count();
    println!(
        "gold article: {} mentions, {} quotes in the export; highlights: {} entity, {} quote, {} cue, {} speaker",
        doc.mentions.len(),
        doc.quotes.len(),
        count("entity"),
        count("quote"),
        count("cue"),
        count("speaker")
    );
    assert!(count("entity") >= doc.mentions.len() && count("quote") >= doc.quotes.len());
}

#[tokio::test]
async fn a_quote_is_reattributed_with_the_speaker_select() {
    let (app, doc, _) = open_with_gold_article().await;
    let quote = plan(&doc).quote;
    let before = doc.quotes.iter().find(|q| q.id == quote).and_then(|q| q.entity.clone());
    let speaker = reattribute(&app, &quote).await;
    assert_ne!(Some(speaker.clone()), before);
    wait_until(&format!("the Speaker select to show the new speaker {speaker}"), WAIT, || async {
        (app.select_options("Speaker").await.1 == speaker).then_some(())
    })
    .await;
}

#[tokio::test]
async fn entities_are_added_from_a_selection_and_deleted() {
    let (app, doc, _) = open_with_gold_article().await;
    let plan = plan(&doc);
    add_entity(&app, &doc, &plan.word).await;
    delete_mention(&app, &plan.deleted).await;
    // Everything else is still as extracted.
    let rest = without_mention(&doc, &plan.deleted);
    wait_for_no_problems("the other highlights as extracted after adding and deleting", WAIT, || async {
        let others: Vec<_> = app.highlights().await.into_iter().filter(|h| !h.text.contains(&plan.word.text) || h.kind != "entity").collect();
        highlight_problems(&rest, &others)
    })
    .await;
}

#[tokio::test]
async fn undo_and_redo_reverse_and_repeat_corrections() {
    let (app, doc, _) = open_with_gold_article().await;
    let plan = plan(&doc);
    delete_mention(&app, &plan.deleted).await;
    let edit_ms: Option<String> = app.js("return document.documentElement.dataset.lastEditMs ?? null;", vec![]).await;
    println!("deleting a mention took {edit_ms:?} ms to render (the app's data-last-edit-ms)");
    let speaker = reattribute(&app, &plan.quote).await;

    app.click_button("Undo").await;
    let original = doc.quotes.iter().find(|q| q.id == plan.quote).and_then(|q| q.entity.clone()).unwrap_or_default();
    wait_until("undo to restore the quote's speaker", WAIT, || async {
        let hs = app.highlights().await;
        hs.iter().any(|h| h.kind == "quote" && h.id.as_deref() == Some(plan.quote.as_str()) && h.entity.clone().unwrap_or_default() == original).then_some(())
    })
    .await;
    app.click_button("Undo").await;
    wait_for_no_problems("two undos to restore the extracted document", WAIT, || async { highlight_problems(&doc, &app.highlights().await) }).await;

    app.click_button("Redo").await;
    wait_for_mention(&app, &plan.deleted, false).await;
    app.click_button("Redo").await;
    wait_until("redo to re-attribute the quote again", WAIT, || async {
        let hs = app.highlights().await;
        hs.iter().any(|h| h.kind == "quote" && h.id.as_deref() == Some(plan.quote.as_str()) && h.entity.as_deref() == Some(speaker.as_str())).then_some(())
    })
    .await;
}

#[tokio::test]
async fn downloaded_json_is_the_cli_export_plus_the_corrections() {
    let (app, doc, core) = open_with_gold_article().await;
    let (_, untouched) = app.download_json().await;
    assert!(untouched == doc.to_json(), "the download of an uncorrected document is not byte-identical to the command line's export");

    let corrections = correct(&app, &doc).await;
    let (_, corrected) = app.download_json().await;
    let got: Value = serde_json::from_str(&corrected).expect("the download is JSON");
    assert_export(&core, &corrections, &got, "the downloaded JSON");
    let quote = &corrections.reattributed.as_ref().unwrap().0;
    let q = got["quotes"].as_array().unwrap().iter().find(|q| q["id"] == quote.as_str()).unwrap();
    println!("re-attributed quote {quote}: entity {} speaker {}", q["entity"], q["speaker"]);
}

#[tokio::test]
async fn an_imported_file_restores_the_same_state() {
    let kept = TempDir::new("import");
    let file = kept.path().join("corrected.json");
    let (exported, doc) = {
        let (app, doc, _) = open_with_gold_article().await;
        correct(&app, &doc).await;
        let (_, text) = app.download_json().await;
        (text, doc)
    };
    std::fs::write(&file, &exported).expect("keep the download");
    let expected: Document = serde_json::from_str(&exported).expect("the download is an annotation file");
    assert_ne!(expected, doc, "the corrections changed nothing");

    let app = App::open().await;
    app.import_file(&file).await;
    wait_for_no_problems("the imported annotations on screen", WAIT, || async { highlight_problems(&expected, &app.highlights().await) }).await;
    let (_, again) = app.download_json().await;
    let (a, b): (Value, Value) = (serde_json::from_str(&exported).unwrap(), serde_json::from_str(&again).unwrap());
    assert_export(&a, &Corrections::default(), &b, "the export after import");
    assert_eq!(exported, again, "export → import → export is not byte-identical");
}

#[tokio::test]
async fn autosave_brings_the_work_back_after_a_reload() {
    let (app, doc, core) = open_with_gold_article().await;
    let deleted = plan(&doc).deleted;
    let saved_before = app.local_storage(AUTOSAVE_KEY).await;
    delete_mention(&app, &deleted).await;
    wait_until(&format!("localStorage {AUTOSAVE_KEY:?} to hold the correction"), WAIT, || async {
        let now = app.local_storage(AUTOSAVE_KEY).await;
        (now.is_some() && now != saved_before).then_some(())
    })
    .await;

    app.browser.client.refresh().await.expect("reload");
    app.wait_ready().await;
    let rest = without_mention(&doc, &deleted);
    wait_for_no_problems("the autosaved document after the reload", WAIT, || async { highlight_problems(&rest, &app.highlights().await) }).await;
    let (_, text) = app.download_json().await;
    let got: Value = serde_json::from_str(&text).expect("the download is JSON");
    assert_export(&core, &Corrections { deleted: Some(deleted), ..Default::default() }, &got, "the export after the reload");
}

#[tokio::test]
async fn pasted_html_is_shown_as_text_and_never_runs() {
    let hostile = ["<img src=x onerror=alert(1)>", "<script>window.__pwned=1</script>"];
    let text = format!("{}\n\n{}\n\n“We will look into it,” said Amina Yusuf, the council's spokeswoman.\n", hostile[0], hostile[1]);
    let (doc, _) = core_export(&text);
    let app = App::open().await;
    paste_and_annotate(&app, &text, &doc).await;
    let shown = wait_until("the pasted markup in #doc's text", WAIT, || async {
        let shown = app.doc_text().await;
        hostile.iter().all(|h| shown.contains(h)).then_some(shown)
    })
    .await;
    assert!(shown.contains("Amina Yusuf"));
    assert!(app.browser.client.get_alert_text().await.is_err(), "an alert is open: pasted markup ran");
    let injected: Value = app
        .js(
            "return { elements: document.querySelectorAll('#doc img, #doc script, #doc iframe, #doc object').length,
                      pwned: typeof window.__pwned };",
            vec![],
        )
        .await;
    assert_eq!(injected, json!({ "elements": 0, "pwned": "undefined" }), "pasted markup became live elements");
    app.assert_only_own_files_requested();
}

#[tokio::test]
async fn the_page_fetches_nothing_but_its_own_files() {
    let (app, doc, _) = open_with_gold_article().await;
    correct(&app, &doc).await;
    app.download_json().await;
    let requests = app.server.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    println!("requests served: {paths:?}");
    assert!(paths.iter().any(|p| p.ends_with(".wasm")), "the page never fetched its WebAssembly: {paths:?}");
    app.assert_only_own_files_requested();
    let elsewhere = app.foreign_resources().await;
    assert!(elsewhere.is_empty(), "resources loaded from outside {}: {elsewhere:?}", app.server.origin);
}

/// Measures (reports, does not assert) how long the page takes: from navigation
/// start to the app being ready, and to the first highlight of the sample on
/// screen (opened by the app itself, or by "Load sample" when it opens empty),
/// timed by a script Chromium runs in the page before any of the app's own.
/// Checks that the sample shows entities and quotes.
#[tokio::test]
async fn startup_time_is_reported_and_the_sample_loads() {
    let app = App::launch().await;
    let observer = "window.__saywhoTimes = {};
        const t = window.__saywhoTimes;
        new MutationObserver(() => {
            if (t.ready === undefined && document.querySelector('textarea[aria-label=\"Article text\"]')) t.ready = performance.now();
            if (t.dom === undefined && document.querySelector('#doc [data-kind]')) {
                t.dom = performance.now();
                requestAnimationFrame(() => setTimeout(() => { t.painted = performance.now(); }, 0));
            }
        }).observe(document, { childList: true, subtree: true });
        document.addEventListener('click', e => {
            const b = e.target.closest && e.target.closest('button');
            if (t.click === undefined && b && b.textContent.trim() === 'Load sample') t.click = performance.now();
        }, true);";
    let injected = app.browser.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": observer }));
    app.goto_home().await;
    let times = || app.js::<Value>("return window.__saywhoTimes ?? {};", vec![]);
    // Whether the app opened with a document (the sample) or empty, as its article shows once rendered.
    let opened_with_sample = wait_until("#doc to show a document or the empty placeholder", WAIT, || async {
        app.js::<Option<bool>>(
            "const d = document.querySelector('#doc');
             if (!d) return null;
             if (d.querySelector('[data-kind]')) return true;
             return d.classList.contains('empty') && d.querySelector('.placeholder') ? false : null;",
            vec![],
        )
        .await
    })
    .await;
    if !opened_with_sample {
        app.click_button("Load sample").await;
    }
    let highlights = wait_until("highlights of the sample", WAIT, || async {
        let hs = app.highlights().await;
        (hs.iter().any(|h| h.kind == "entity") && hs.iter().any(|h| h.kind == "quote")).then_some(hs)
    })
    .await;
    let t = wait_until("the paint after the first highlight", WAIT, || async { Some(times().await).filter(|t| !t["painted"].is_null()) }).await;
    let ms = |key: &str| t[key].as_f64().unwrap_or(f64::NAN);
    let stats: Value = app
        .js(
            "const nav = performance.getEntriesByType('navigation')[0] || {};
             const bytes = performance.getEntriesByType('resource').reduce((n, e) => n + (e.encodedBodySize || 0), 0) + (nav.encodedBodySize || 0);
             return { load: nav.loadEventEnd ?? null, bytes, app: document.documentElement.dataset.annotatedMs ?? null };",
            vec![],
        )
        .await;
    match injected {
        Err(e) => println!("startup timing not measured: the in-page observer could not be installed ({e})"),
        Ok(_) if opened_with_sample => println!(
            "startup timing: app ready {:.0} ms, sample's first highlight on screen {:.0} ms after navigation start (load event {:.0} ms; {} bytes fetched, uncompressed)",
            ms("ready"), ms("painted"), stats["load"].as_f64().unwrap_or(f64::NAN), stats["bytes"]
        ),
        Ok(_) => println!(
            "startup timing: app ready {:.0} ms after navigation start (load event {:.0} ms; {} bytes fetched, uncompressed); \
             the page opens empty: \"Load sample\" to first highlight on screen {:.0} ms; ready + sample = {:.0} ms",
            ms("ready"), stats["load"].as_f64().unwrap_or(f64::NAN), stats["bytes"], ms("painted") - ms("click"), ms("ready") + ms("painted") - ms("click")
        ),
    }
    println!("sample: {} highlights; the app's own data-annotated-ms: {}", highlights.len(), stats["app"]);
}

/// The accessible names outside scripts rely on (the DOM contract), a refused
/// import that says why and keeps the current work, and "New document" asking first.
#[tokio::test]
async fn controls_keep_their_names_and_nothing_is_lost_by_mistake() {
    let (app, doc, core) = open_with_gold_article().await;
    let mut missing = Vec::new();
    for name in ["Annotate", "Download JSON", "Copy JSON", "Download CSV", "Open annotations file", "Undo", "Redo", "Load sample", "New document"] {
        if app.find_displayed(&App::button_xpath("", name)).await.is_none() {
            missing.push(format!("button {name:?}"));
        }
    }
    let landmarks: Value = app
        .js(
            "const input = document.querySelector('input#import-file');
             const doc = document.querySelector('article#doc');
             return { input: !!input && input.type === 'file' && input.getAttribute('aria-label') === 'Annotations file',
                      doc: !!doc && doc.getAttribute('aria-label') === 'Annotated article',
                      alert: !!document.querySelector('[role=alert]') };",
            vec![],
        )
        .await;
    for (key, what) in [("input", "input#import-file of type file labelled \"Annotations file\""), ("doc", "article#doc labelled \"Annotated article\""), ("alert", "an element with role alert")] {
        if landmarks[key] != true {
            missing.push(what.to_string());
        }
    }
    let mention = doc.mentions.iter().find(|m| m.entity.is_some()).expect("a mention of an entity");
    app.select_highlight("entity", &mention.id).await;
    for name in ["Delete annotation", "Extend start", "Shrink start", "Extend end", "Shrink end", "Split mention off", "Merge", "Rename"] {
        if app.find_displayed(&App::button_xpath(SELECTION, name)).await.is_none() {
            missing.push(format!("button {name:?} in the Selection panel of a mention"));
        }
    }
    let selects = |labels: &'static [&'static str]| {
        let app = &app;
        async move {
            let mut absent = Vec::new();
            for label in labels {
                if app.find_displayed(&format!("{SELECTION}//select[@aria-label='{label}']")).await.is_none() {
                    absent.push(*label);
                }
            }
            absent
        }
    };
    missing.extend(selects(&["Label"]).await.into_iter().map(|l| format!("select {l:?} for a mention")));
    app.select_highlight("quote", &doc.quotes[0].id).await;
    missing.extend(selects(&["Kind", "Speaker"]).await.into_iter().map(|l| format!("select {l:?} for a quote")));
    assert!(missing.is_empty(), "the page lacks these named controls:\n  {}", missing.join("\n  "));

    // A file whose span text does not match is refused with a message; the work stays.
    let mut bad = core.clone();
    bad["mentions"][0]["start"] = json!(bad["mentions"][0]["start"].as_u64().unwrap() + 1);
    let dir = TempDir::new("bad-import");
    let file = dir.path().join("shifted.json");
    std::fs::write(&file, serde_json::to_string_pretty(&bad).unwrap()).unwrap();
    app.import_file(&file).await;
    let message = wait_until("an error message for the malformed file", WAIT, || async {
        let text: String = app.js("return Array.from(document.querySelectorAll('[role=alert]')).map(e => e.textContent).join(' ').replace('×', '').trim();", vec![]).await;
        (!text.is_empty()).then_some(text)
    })
    .await;
    println!("refused import: {message}");
    let problems = highlight_problems(&doc, &app.highlights().await);
    assert!(problems.is_empty(), "a refused import changed the document:\n  {}", problems.join("\n  "));

    // "New document" asks in the page first; cancelling keeps everything.
    app.click_button("New document").await;
    wait_until("the in-page confirmation for \"New document\"", WAIT, || app.find_displayed("//*[@role='dialog' or self::dialog]")).await;
    app.click_button_in("//*[@role='dialog' or self::dialog]", "Cancel").await;
    wait_until("the dialog to close", WAIT, || async { app.find_displayed("//*[@role='dialog' or self::dialog]").await.is_none().then_some(()) }).await;
    let problems = highlight_problems(&doc, &app.highlights().await);
    assert!(problems.is_empty(), "cancelling \"New document\" changed the document:\n  {}", problems.join("\n  "));
}

// The statistical models: fetched after first paint, the same output as the native core.

/// The three gold articles' texts, `../shared/eval/src/*.txt` (or under `$SAYWHO_SHARED`), by name.
fn gold_sources() -> Vec<(String, String)> {
    let shared = std::env::var_os("SAYWHO_SHARED")
        .map(Into::into)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dir = shared.join("eval/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; the end-to-end test needs the shared folder beside the repository (or SAYWHO_SHARED)", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the three gold articles in {}", dir.display());
    files
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).expect("a gold article's text")))
        .collect()
}

/// The gold articles one after another until the text is long enough for the web worker.
fn long_text() -> String {
    let sources = gold_sources();
    let mut parts = Vec::new();
    while parts.iter().map(|t: &String| t.split_whitespace().count()).sum::<usize>() <= saywho_app::components::app::LONG_TEXT_WORDS {
        parts.extend(sources.iter().map(|(_, t)| t.trim().to_string()));
    }
    parts.join("\n\n")
}

/// The page's root attribute `data-<name>` (how it last annotated), as a string.
async fn root_attr(app: &App, name: &str) -> Option<String> {
    app.js("return document.documentElement.getAttribute(arguments[0]);", vec![json!(format!("data-{name}"))]).await
}

/// Waits until the page has annotated with (`true`) or without the models, and where (page or worker).
async fn wait_annotated(app: &App, models: bool, place: &str) {
    let want = (Some(models.to_string()), Some(place.to_string()));
    wait_until(&format!("an annotation on the {place} (models: {models})"), WAIT, || async {
        ((root_attr(app, "annotate-models").await, root_attr(app, "annotated-in").await) == want).then_some(())
    })
    .await;
}

/// Downloads the JSON and checks it is, as a whole, the native core's export.
async fn assert_download_is(app: &App, expected: &Value, what: &str) {
    let (_, json) = app.download_json().await;
    let got: Value = serde_json::from_str(&json).expect("the download is JSON");
    assert_export(expected, &Corrections::default(), &got, what);
    assert!(&got == expected, "{what}: the download differs from the native core's export");
}

/// What the server answered for the model files.
fn model_requests(app: &App) -> Vec<String> {
    app.server.requests().into_iter().filter(|r| r.path.contains("/models/")).map(|r| format!("{} {} found={}", r.method, r.path, r.found)).collect()
}

#[tokio::test]
async fn with_the_models_the_app_exports_what_the_native_core_does_on_every_gold_article() {
    let app = App::launch().await;
    app.goto_home().await;
    let requests = model_requests(&app);
    for file in ["/models/pos.swm", "/models/ner.swm", "/models/parse.swm"] {
        assert!(requests.iter().any(|r| r.contains(file) && r.ends_with("found=true")), "the page never fetched {file}: {requests:?}");
    }
    let times: Value = app
        .js(
            "const paint = performance.getEntriesByName('first-contentful-paint')[0];
             const sizes = performance.getEntriesByType('resource').filter(e => e.name.includes('/models/')).map(e => e.encodedBodySize);
             return { paint: paint ? paint.startTime : null, models: Number(document.documentElement.dataset.modelsMs), sizes };",
            vec![],
        )
        .await;
    println!(
        "models: first contentful paint {} ms, models fetched and installed {} ms after navigation start (model files: {} bytes)",
        times["paint"], times["models"], times["sizes"]
    );
    assert!(times["paint"].as_f64().is_some_and(|p| times["models"].as_f64().is_some_and(|m| p < m)), "the page painted only after the models: {times}");

    let sources = gold_sources();
    for (name, text) in &sources {
        let (doc, expected) = core_export(text);
        paste_and_annotate(&app, text, &doc).await;
        wait_annotated(&app, true, "page").await;
        assert_download_is(&app, &expected, &format!("the download of {name}")).await;
        println!("{name}: {} words, annotated in {:?} ms in the page with the models (the app's data-annotate-ms)", text.split_whitespace().count(), app.root_number("annotate-ms").await);
    }
    // The largest gold article again, now that everything is warm.
    let (name, text) = sources.iter().max_by_key(|(_, t)| t.len()).unwrap();
    let mut runs = Vec::new();
    app.set_article_text(text).await;
    for _ in 0..5 {
        app.js::<Value>("document.documentElement.removeAttribute('data-annotate-ms'); return null;", vec![]).await;
        app.click_button("Annotate").await;
        // A click can miss the button while the focused text box grows (a 0.15 s
        // transition moves it): click again after a quiet second.
        let mut waited = 0;
        let ms = wait_until("the page's timing of the annotation", WAIT, || {
            waited += 1;
            let app = &app;
            let again = waited % 20 == 0;
            async move {
                let ms = app.root_number("annotate-ms").await;
                if ms.is_none() && again {
                    app.click_button("Annotate").await;
                }
                ms
            }
        })
        .await;
        runs.push(ms);
    }
    runs.sort_by(f64::total_cmp);
    println!("{name} annotated again 5 times (warm): {runs:?} ms; median {:?} ms", runs.get(runs.len() / 2));
}

/// The app with the model files held back by the server and the gold article
/// annotated (by the rules), with the core's export of it (with the models).
async fn annotated_while_the_models_are_held_back() -> (App, Document, Value) {
    let app = App::launch().await;
    app.server.hold("/models/");
    app.goto_started().await;
    let text = gold_text();
    let (doc, expected) = core_export(&text);
    app.set_article_text(&text).await;
    app.click_button("Annotate").await;
    wait_annotated(&app, false, "page").await;
    (app, doc, expected)
}

#[tokio::test]
async fn rules_show_at_once_and_an_untouched_document_takes_the_models_when_they_arrive() {
    let (app, doc, expected) = annotated_while_the_models_are_held_back().await;
    wait_until("rule-based highlights while the models load", WAIT, || async {
        app.highlights().await.iter().any(|h| h.kind == "entity").then_some(())
    })
    .await;
    let (state, shown) = app.model_status().await.expect("a model status");
    assert_eq!(state, "loading", "the model status while the files are held back: {shown:?}");
    println!("while the models load: {shown:?}");

    app.server.release("/models/");
    app.wait_models("ready").await;
    wait_annotated(&app, true, "page").await;
    wait_for_no_problems("the models' annotations on screen", WAIT, || async { highlight_problems(&doc, &app.highlights().await) }).await;
    assert_download_is(&app, &expected, "the download after the models arrived").await;
    assert!(app.find_displayed(&App::button_xpath("", "Re-annotate with models")).await.is_none(), "nothing to offer: the document already has the models");
}

#[tokio::test]
async fn corrections_made_before_the_models_arrive_are_kept_and_reannotating_is_undoable() {
    let (app, doc, expected) = annotated_while_the_models_are_held_back().await;
    let mention = wait_until("a rule-based entity highlight", WAIT, || async {
        app.highlights().await.into_iter().find(|h| h.kind == "entity").and_then(|h| h.id)
    })
    .await;
    delete_mention(&app, &mention).await;
    let (_, corrected) = app.download_json().await;

    app.server.release("/models/");
    app.wait_models("ready").await;
    let offer = App::button_xpath("", "Re-annotate with models");
    wait_until("the offer to re-annotate with the models", WAIT, || app.find_displayed(&offer)).await;
    let (_, kept) = app.download_json().await;
    assert_eq!(kept, corrected, "the models' arrival changed a corrected document");
    app.click_button("Re-annotate with models").await;
    const DIALOG: &str = "//*[@role='dialog']";
    wait_until("the confirmation to re-annotate", WAIT, || app.find_displayed(DIALOG)).await;
    app.click_button_in(DIALOG, "Re-annotate").await;
    wait_annotated(&app, true, "page").await;
    wait_for_no_problems("the models' annotations on screen", WAIT, || async { highlight_problems(&doc, &app.highlights().await) }).await;
    assert_download_is(&app, &expected, "the download after re-annotating").await;

    app.click_button("Undo").await;
    wait_for_mention(&app, &mention, false).await;
    let (_, undone) = app.download_json().await;
    assert_eq!(undone, corrected, "undo did not bring the corrections back");
}

#[tokio::test]
async fn without_the_model_files_the_app_says_so_and_works_rule_based() {
    let app = App::launch().await;
    app.server.refuse("/models/");
    app.goto_started().await;
    let shown = app.wait_models("unavailable").await;
    assert!(shown.contains("rule-based only"), "the message for missing models: {shown:?}");
    println!("without the model files: {shown:?}");
    app.set_article_text(&gold_text()).await;
    app.click_button("Annotate").await;
    wait_annotated(&app, false, "page").await;
    let highlights = wait_until("rule-based highlights", WAIT, || async {
        let hs = app.highlights().await;
        (hs.iter().any(|h| h.kind == "entity") && hs.iter().any(|h| h.kind == "quote")).then_some(hs)
    })
    .await;
    let (_, json) = app.download_json().await;
    let got: Document = serde_json::from_str(&json).expect("the download is an annotations file");
    assert!(!got.mentions.is_empty() && highlights.len() >= got.mentions.len());
    assert!(app.find_displayed(&App::button_xpath("", "Re-annotate with models")).await.is_none(), "no models, nothing to offer");
}

#[tokio::test]
async fn the_worker_annotates_a_long_article_with_the_models_like_the_native_core() {
    let text = long_text();
    let (_, expected) = core_export(&text);
    let app = App::open().await;
    app.set_article_text(&text).await;
    app.click_button("Annotate").await;
    wait_annotated(&app, true, "worker").await;
    assert_download_is(&app, &expected, &format!("the download of a {}-word article annotated in the worker", text.split_whitespace().count())).await;
    // The worker starts its module with the object form of init, not the deprecated bare path.
    let deprecated: Vec<String> = app.browser.console().into_iter().filter(|l| l.contains("deprecated")).collect();
    assert!(deprecated.is_empty(), "the page or the worker logged deprecation warnings: {deprecated:?}");
    let loader = std::fs::read_to_string(e2e_support::app::dist_dir().join("annotator_loader.js")).expect("dist/annotator_loader.js");
    assert!(loader.contains("module_or_path"), "the worker loader calls init the deprecated way: {loader}");
}

#[tokio::test]
async fn a_worker_that_cannot_load_hands_the_article_back_to_the_page() {
    let text = long_text();
    let (_, expected) = core_export(&text);
    let app = App::launch().await;
    app.server.refuse("/annotator");
    app.goto_home().await;
    app.set_article_text(&text).await;
    app.click_button("Annotate").await;
    // The page waits for the worker to say hello (saywho_app::background::START_TIMEOUT_MS), then does the work itself.
    let timeout = Duration::from_millis(saywho_app::background::START_TIMEOUT_MS as u64) + WAIT;
    wait_until("the page to annotate what the worker could not", timeout, || async {
        (root_attr(&app, "annotated-in").await.as_deref() == Some("page")).then_some(())
    })
    .await;
    wait_until("the message that the background annotator failed", WAIT, || async {
        let alert: String = app.js("return Array.from(document.querySelectorAll('[role=alert]')).map(e => e.textContent).join(' ');", vec![]).await;
        alert.contains("background annotator failed").then_some(())
    })
    .await;
    wait_until("the page to stop saying it is working (.working)", WAIT, || async {
        (!app.js::<bool>("return !!document.querySelector('.working');", vec![]).await).then_some(())
    })
    .await;
    assert_download_is(&app, &expected, "the download after the page took over").await;
}

/// The models reach the page as files fetched after first paint, not inside the
/// WebAssembly: with them compiled in, the first download would more than double.
#[test]
fn the_apps_webassembly_leaves_the_models_to_the_fetch() {
    let dist = e2e_support::app::dist_dir();
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/saywho-core/models/pos.swm");
    let magic = std::fs::read(&models).expect("the committed POS model")[..8].to_vec();
    for entry in std::fs::read_dir(&dist).expect("dist/").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "wasm") {
            let bytes = std::fs::read(&path).expect("a wasm file of dist/");
            println!("{}: {} bytes", path.display(), bytes.len());
            assert!(
                !bytes.windows(magic.len()).any(|w| w == magic),
                "{} embeds the statistical models. The app depends on saywho-core without its default \
                 `embedded-models` feature, but Trunk builds the workspace's default members, and \
                 saywho-cli/saywho-train turn the feature on for them all.",
                path.display()
            );
        }
    }
    for file in ["pos.swm", "ner.swm", "parse.swm"] {
        assert!(dist.join("models").join(file).is_file(), "dist/models/{file} is missing: index.html copies it there for the app to fetch");
    }
}
