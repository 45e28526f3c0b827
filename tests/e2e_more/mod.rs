//! End-to-end checks of issue 14's features: the sources report and the W3C
//! export against the command line's output, and the app working offline.

use serde_json::{json, Value};

use super::e2e_support::app::{wait_for_no_problems, wait_until, App, WAIT};
use super::e2e_support::browser::TempDir;
use super::e2e_support::expect::highlight_problems;
use super::{gold_text, open_with_gold_article, paste_and_annotate};

/// The sources CSV the page offers is, byte for byte, the report the core
/// computes from the command line's export of the same article.
#[tokio::test]
async fn the_sources_report_equals_the_one_computed_from_the_cli_export() {
    let (app, doc, _) = open_with_gold_article().await;
    let (_, csv) = app.download("Download sources CSV", ".sources.csv").await;
    let report = saywho_core::export::sources::report(&doc);
    assert!(report.quotes > 0 && report.distinct_sources() > 0, "the gold article gives an empty report");
    assert_eq!(csv, report.to_csv(), "the page's sources CSV differs from the CLI export's report");
    // The summary on screen says the same.
    let summary: String = app.js("return document.querySelector('#sources-report .report-summary').textContent;", vec![]).await;
    assert!(summary.contains(&format!("{} distinct source", report.distinct_sources())), "{summary}");
    assert!(summary.contains(&format!("{} quote", report.quotes)), "{summary}");
    app.assert_only_own_files_requested();
}

/// Download W3C gives what `saywho annotate --w3c` prints; opening it gives the
/// same document back, so the JSON download is again the CLI's export.
#[tokio::test]
async fn the_w3c_download_is_the_cli_output_and_opens_back_losslessly() {
    let (app, doc, value) = open_with_gold_article().await;
    let (_, w3c) = app.download("Download W3C annotations", ".w3c.jsonld").await;
    assert_eq!(w3c, saywho_core::export::w3c::to_w3c_json(&doc), "the page's W3C export differs from the CLI's");
    drop(app);
    let kept = TempDir::new("w3c");
    let file = kept.path().join("article.w3c.jsonld");
    std::fs::write(&file, &w3c).expect("keep the download");
    let app = App::open().await;
    app.import_file(&file).await;
    wait_for_no_problems("the W3C file's annotations on screen", WAIT, || async { highlight_problems(&doc, &app.highlights().await) }).await;
    let (_, json) = app.download_json().await;
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), value);
    assert!(json == doc.to_json(), "W3C export → import → JSON export is not the CLI's export");
}

/// After one visit, the app loads and annotates with the server gone.
#[tokio::test]
async fn after_one_visit_the_app_loads_and_annotates_with_the_server_stopped() {
    let app = App::open().await;
    // The service worker has cached the build and controls the page.
    let ready = wait_until("the service worker to control the page", WAIT, || async {
        let ok: bool = app
            .js("return !!navigator.serviceWorker && !!navigator.serviceWorker.controller && document.documentElement.dataset.offline === 'ready';", vec![])
            .await;
        ok.then_some(())
    });
    ready.await;
    let cached: Vec<String> = app
        .js_async(
            "const done = arguments[arguments.length - 1];
             caches.keys().then(async keys => {
               const out = [];
               for (const k of keys) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
               done(out);
             });",
        )
        .await;
    for file in ["/", "/index.html", "/saywho-app_bg.wasm", "/annotator_bg.wasm", "/models/ner.swm", "/models/pos.swm", "/models/parse.swm", "/manifest.webmanifest"] {
        assert!(cached.iter().any(|c| c == file), "{file} is not cached for offline use: {cached:?}");
    }
    // Installable: Chromium finds nothing wrong with the manifest.
    let errors = app.browser.cdp("Page.getInstallabilityErrors", json!({})).expect("Page.getInstallabilityErrors");
    println!("installability errors: {errors}");
    // chromedriver wraps the CDP result in {"value": …}.
    let errors = errors.get("value").unwrap_or(&errors)["installabilityErrors"].as_array().cloned().expect("a list of installability errors");
    assert!(errors.is_empty(), "the app is not installable: {errors:?}");

    app.server.stop().await;
    let served = app.server.requests().len();
    app.goto_home().await;
    let text = "“We will rebuild the bridge,” said Maria Okafor, the mayor of Lagos. Officials said the work would take a year.";
    let doc = saywho_core::annotate(text).document;
    assert!(!doc.quotes.is_empty() && !doc.mentions.is_empty());
    paste_and_annotate(&app, text, &doc).await;
    assert_eq!(app.server.requests().len(), served, "the stopped server was asked for something");
    // And the gold article, with the models (cached too), like the CLI.
    let gold = gold_text();
    paste_and_annotate(&app, &gold, &saywho_core::annotate(&gold).document).await;
}

mod workspace;
