//! In-browser tests of the workspace panel (IndexedDB in headless Chromium):
//! add, delete with undo, search, and the messages for refused storage.
#![cfg(target_arch = "wasm32")]

mod web_support;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn listed(root: &Element) -> u32 {
    root.query_selector_all("#workspace .workspace-list li").unwrap().length()
}

#[wasm_bindgen_test]
async fn an_article_is_added_deleted_and_brought_back_and_found_by_its_source() {
    let root = mount(&fixture()).await;
    let start = until("the workspace to open", || {
        let b = find_button(&root, "Add this article")?;
        (!b.disabled()).then(|| listed(&root))
    })
    .await;
    click(&button(&root, "Add this article").await);
    wait_eq("the article in the list", || listed(&root), start + 1).await;
    let title = "😀 Ana Ruiz said “We will build it.” Ruiz left Oslo.";
    wait_for("the status line", || root.text_content().unwrap_or_default().contains(&format!("Added “{title}” to the workspace."))).await;
    // Search by source name: Ana Ruiz is quoted, Oslo is not a source.
    let search: web_sys::HtmlInputElement = q(&root, "input[aria-label='Search by source']").unwrap().dyn_into().unwrap();
    for (query, want) in [("ruiz", 1), ("oslo", 0), ("", start + 1)] {
        search.set_value(query);
        search.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        let shown = |root: &Element| root.query_selector_all("#workspace .workspace-list li").unwrap().length();
        if query.is_empty() {
            wait_eq("every article again", || shown(&root), want).await;
        } else {
            wait_eq(&format!("the search for {query:?}"), || shown(&root).min(1), want.min(1)).await;
        }
    }
    // The sources report across the workspace names who is quoted, with a CSV.
    click(&button(&root, "Workspace sources report").await);
    wait_for("the workspace's sources report", || {
        q(&root, "#workspace .workspace-report").is_some_and(|r| {
            let t = r.text_content().unwrap_or_default();
            t.contains(&format!("Across {} article", start + 1)) && t.contains("Ana Ruiz")
        })
    })
    .await;
    assert!(find_button(&root, "Download workspace sources CSV").is_some());
    click(&button(&root, &format!("Delete {title}")).await);
    wait_eq("the deletion", || listed(&root), start).await;
    click(&button(&root, "Undo delete").await);
    wait_eq("the article back", || listed(&root), start + 1).await;
    wait_for("its status line", || root.text_content().unwrap_or_default().contains(&format!("“{title}” is back in the workspace."))).await;
    // Clean up for the next run of the suite (the database outlives the page).
    click(&button(&root, &format!("Delete {title}")).await);
    wait_eq("the clean-up", || listed(&root), start).await;
    unmount(root).await;
}

#[wasm_bindgen_test]
fn full_or_refused_storage_is_said_plainly() {
    let exc = |name: &str| web_sys::DomException::new_with_message_and_name("browser words", name).unwrap();
    let full = saywho_app::idb::say("“Notes”", &exc("QuotaExceededError").into());
    assert!(full.starts_with("The browser's storage for this page is full, so “Notes” was not saved."), "{full}");
    let refused = saywho_app::idb::say("the workspace", &exc("SecurityError").into());
    assert!(refused.starts_with("The browser refused this page its storage"), "{refused}");
    let other = saywho_app::idb::say("the deletion", &exc("DataError").into());
    assert_eq!(other, "The browser's storage failed, so the deletion was not saved (browser words).");
}
