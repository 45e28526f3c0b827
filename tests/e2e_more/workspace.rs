//! The workspace end to end: three articles imported, one corrected, a reload
//! brings all three back; the export is `saywho batch`'s records; 500
//! articles open and switch in measured times (reported, not asserted).

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use super::super::e2e_support::app::{wait_until, App, WAIT};
use super::super::e2e_support::browser::TempDir;
use super::super::{delete_mention, gold_text, wait_for_mention};

/// The texts: the gold article and two short ones.
fn texts() -> Vec<String> {
    vec![
        gold_text(),
        "“We will rebuild the bridge,” said Maria Okafor, the mayor of Lagos.".to_string(),
        "Officials said the talks in Geneva had failed. John Smith, a diplomat, disagreed.".to_string(),
    ]
}

/// `saywho batch`'s output record for one text, as the CLI writes it.
fn batch_line(id: &Value, text: &str) -> String {
    let a = saywho_core::annotate(text);
    saywho_core::export::jsonl::batch_record(id, &a.document, &serde_json::to_value(&a.warnings).unwrap())
}

async fn workspace_size(app: &App) -> usize {
    app.js::<Option<String>>("return document.documentElement.getAttribute('data-workspace-size');", vec![]).await.and_then(|s| s.parse().ok()).unwrap_or(0)
}

async fn listed(app: &App) -> usize {
    app.js("return document.querySelectorAll('#workspace .workspace-list li').length;", vec![]).await
}

async fn import(app: &App, files: &[PathBuf]) {
    let input = wait_until("the workspace's file input", WAIT, || async {
        app.browser.client.find(fantoccini::Locator::Css("input[aria-label='Workspace files']")).await.ok()
    })
    .await;
    let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    input.send_keys(&paths.join("\n")).await.expect("choose the files");
}

#[tokio::test]
async fn three_articles_come_back_after_a_reload_and_export_as_batch_records() {
    let dir = TempDir::new("workspace");
    let texts = texts();
    // One plain text file and one JSON Lines file of batch input holding two articles.
    let txt = dir.path().join("gold.txt");
    std::fs::write(&txt, &texts[0]).unwrap();
    let jsonl = dir.path().join("two.jsonl");
    std::fs::write(&jsonl, format!("{}\n{}\n", json!({"id": "b", "text": texts[1]}), json!({"id": 7, "text": texts[2]}))).unwrap();
    let app = App::open().await;
    import(&app, &[txt, jsonl]).await;
    wait_until("three articles in the workspace", WAIT, || async { (listed(&app).await == 3).then_some(()) }).await;

    // Correct the second one: open it and delete a mention.
    app.click_button(&format!("Open {}", saywho_app::workspace::title_of(&texts[1]))).await;
    let doc1 = saywho_core::annotate(&texts[1]).document;
    let m = doc1.mentions[0].id.clone();
    wait_for_mention(&app, &m, true).await;
    delete_mention(&app, &m).await;
    wait_until("the list to show it corrected", WAIT, || async {
        let n: usize = app.js("return [...document.querySelectorAll('#workspace li .meta')].filter(e => e.textContent.includes('corrected')).length;", vec![]).await;
        (n == 1).then_some(())
    })
    .await;

    app.goto_home().await;
    wait_until("the three articles after the reload", WAIT, || async { (workspace_size(&app).await == 3 && listed(&app).await == 3).then_some(()) }).await;
    let (_, out) = app.download("Export workspace", ".jsonl").await;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    // Uncorrected articles: byte-identical to saywho batch (ids as given; the .txt file's is its number).
    assert_eq!(lines[0], batch_line(&json!(1), &texts[0]), "the .txt article's record");
    assert_eq!(lines[2], batch_line(&json!(7), &texts[2]), "the second JSON Lines article's record");
    // The corrected one carries the correction.
    let rec: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(rec["id"], "b");
    assert_eq!(rec["annotations"]["mentions"].as_array().unwrap().len(), doc1.mentions.len() - 1);
    // Search by source name.
    let search = app.browser.client.find(fantoccini::Locator::Css("input[aria-label='Search by source']")).await.unwrap();
    search.send_keys("okafor").await.unwrap();
    wait_until("the search to leave one article", WAIT, || async { (listed(&app).await == 1).then_some(()) }).await;
    app.assert_only_own_files_requested();
}

#[tokio::test]
async fn five_hundred_articles_open_and_switch_quickly() {
    let dir = TempDir::new("workspace-500");
    let texts = texts();
    let records: Vec<String> = texts.iter().enumerate().map(|(i, t)| batch_line(&json!(i), t)).collect();
    let mut out = String::new();
    for i in 0..500 {
        let mut v: Value = serde_json::from_str(&records[i % records.len()]).unwrap();
        v["id"] = json!(format!("a{i}"));
        out.push_str(&v.to_string());
        out.push('\n');
    }
    let file = dir.path().join("500.jsonl");
    std::fs::write(&file, out).unwrap();
    let app = App::open().await;
    import(&app, &[file]).await;
    wait_until("500 articles in the workspace", Duration::from_secs(300), || async { (listed(&app).await == 500).then_some(()) }).await;
    app.goto_home().await;
    wait_until("the workspace to open with 500 articles", WAIT, || async { (workspace_size(&app).await == 500).then_some(()) }).await;
    let open_ms: String = app.js("return document.documentElement.getAttribute('data-workspace-open-ms');", vec![]).await;
    let mut switches = Vec::new();
    // Consecutive articles differ (opening the same text again changes nothing to time).
    for i in [0usize, 1, 2, 249, 499] {
        let title = saywho_app::workspace::title_of(&texts[i % texts.len()]);
        app.js::<Value>("document.documentElement.removeAttribute('data-workspace-switch-ms'); return null;", vec![]).await;
        app.js::<Value>(
            "document.querySelectorAll('#workspace .workspace-list li')[arguments[0]].querySelector('button.title').click(); return null;",
            vec![json!(i)],
        )
        .await;
        let ms: String = wait_until("the switch time", WAIT, || async {
            app.js::<Option<String>>("return document.documentElement.getAttribute('data-workspace-switch-ms');", vec![]).await
        })
        .await;
        switches.push(format!("{title:.20}… {ms} ms"));
    }
    println!("workspace of 500: opened (IndexedDB opened, 500 summaries read, list rendered) in {open_ms} ms; switches (click to the article shown: document read, opened, rendered): {switches:?}");
}
