//! The saywho page as a user sees it, found by the DOM contract's accessible
//! names: the release build in `dist/` served locally, opened in a fresh
//! headless Chromium. Every wait polls with a deadline; nothing relies on a
//! fixed sleep.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::Locator;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use super::browser::Browser;
use super::server::StaticServer;

/// How long any one thing may take to show up. Yew renders asynchronously, in
/// slices between browser tasks, and annotating a gold article with the models
/// takes seconds when the two cores are shared with a build: generous on purpose,
/// a deadline only for a page that never answers.
pub const WAIT: Duration = Duration::from_secs(60);
/// The first load compiles the WebAssembly, which is slow on a busy machine.
pub const FIRST_LOAD: Duration = Duration::from_secs(90);

/// One Chromium at a time: the tests share two cores with the rest of the build.
static SERIAL: Mutex<()> = Mutex::new(());

/// The Trunk release build at the repository root.
pub fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} is missing: the end-to-end test drives the release build. Run `bash scripts/test.sh`, \
         or `trunk build --release` before `cargo test --test e2e`.",
        dist.join("index.html").display()
    );
    dist
}

/// Polls `probe` until it returns `Some`, panicking with `what` after `timeout`.
pub async fn wait_until<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Polls `check` (a list of problems) until it is empty, panicking with the last list.
pub async fn wait_for_no_problems<F, Fut>(what: &str, timeout: Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Vec<String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        let problems = check().await;
        if problems.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}; still wrong:\n  {}",
            problems.iter().take(25).cloned().collect::<Vec<_>>().join("\n  ")
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One highlighted element in `#doc`, as its data attributes describe it.
#[derive(Debug, Clone, Deserialize)]
pub struct Highlight {
    pub kind: String,
    pub id: Option<String>,
    pub label: Option<String>,
    pub entity: Option<String>,
    #[serde(rename = "quoteKind")]
    pub quote_kind: Option<String>,
    pub text: String,
}

/// An XPath string literal for `s` (which may hold either kind of quote).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.split('\'').collect::<Vec<_>>().join("', \"'\", '"))
    }
}

pub struct App {
    pub browser: Browser,
    pub server: StaticServer,
    _serial: MutexGuard<'static, ()>,
}

impl App {
    /// Serves `dist/` and starts a fresh browser, without opening the page yet.
    // Each #[tokio::test] runs on its own thread and runtime, so holding this
    // std lock across awaits only makes the other tests' threads wait: intended.
    #[allow(clippy::await_holding_lock)]
    pub async fn launch() -> App {
        let dist = dist_dir();
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        let server = StaticServer::start(dist).await;
        let browser = Browser::launch().await;
        App { browser, server, _serial: serial }
    }

    /// A fresh browser on the app's page, ready for input.
    pub async fn open() -> App {
        let app = App::launch().await;
        app.goto_home().await;
        app
    }

    /// Navigates to the app and waits until the article box is there and the
    /// statistical models are ready (before them the app is rule-based, and the
    /// core the tests compare with uses them).
    pub async fn goto_home(&self) {
        self.goto_started().await;
        self.wait_models("ready").await;
    }

    /// Navigates to the app and waits until the article box is there.
    pub async fn goto_started(&self) {
        self.browser.client.goto(&format!("{}/", self.server.origin)).await.expect("open the app");
        self.wait_ready().await;
    }

    /// The model status the page shows, found by its accessible name: (its
    /// `data-state`, its text); None while there is none.
    pub async fn model_status(&self) -> Option<(String, String)> {
        self.js(
            "const s = document.querySelector('[role=status][aria-label=\"Model status\"]');
             return s ? [s.dataset.state ?? '', s.textContent] : null;",
            vec![],
        )
        .await
    }

    /// Waits until the model status is `state` (loading, ready, unavailable); returns its text.
    pub async fn wait_models(&self, state: &str) -> String {
        wait_until(&format!("the model status \"{state}\""), FIRST_LOAD, || async {
            let (now, text) = self.model_status().await?;
            assert!(now == state || now == "loading", "the model status is {now:?} ({text:?}), not {state:?}");
            (now == state).then_some(text)
        })
        .await
    }

    /// A number the page keeps on its root element (`data-<name>`), once set.
    pub async fn root_number(&self, name: &str) -> Option<f64> {
        let v: Option<String> = self.js("return document.documentElement.getAttribute(arguments[0]);", vec![json!(format!("data-{name}"))]).await;
        v.and_then(|v| v.parse().ok())
    }

    pub async fn wait_ready(&self) {
        let deadline = Instant::now() + FIRST_LOAD;
        while self.browser.client.find(Locator::XPath("//textarea[@aria-label='Article text']")).await.is_err() {
            if Instant::now() > deadline {
                let body: String = self.js("return document.body ? document.body.outerHTML.slice(0, 2000) : '(no body)';", vec![]).await;
                panic!(
                    "the app did not start within {FIRST_LOAD:?}: no textarea labelled \"Article text\".\n\
                     requests served: {:?}\nbrowser console:\n  {}\nbody: {body}",
                    self.server.requests().iter().map(|r| format!("{} {}{}", r.method, r.path, if r.found { "" } else { " (404)" })).collect::<Vec<_>>(),
                    self.browser.console().join("\n  ")
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs `script` in the page and converts its return value.
    pub async fn js<T: DeserializeOwned>(&self, script: &str, args: Vec<Value>) -> T {
        let value = self.browser.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("script returned {value}: {e}\n{script}"))
    }

    /// Runs an asynchronous `script` (it calls its last argument with the result).
    pub async fn js_async<T: DeserializeOwned>(&self, script: &str) -> T {
        let value = self.browser.client.execute_async(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"));
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("script returned {value}: {e}\n{script}"))
    }

    /// The first displayed element matching `xpath`, if any.
    pub async fn find_displayed(&self, xpath: &str) -> Option<Element> {
        for element in self.browser.client.find_all(Locator::XPath(xpath)).await.ok()? {
            if element.is_displayed().await.unwrap_or(false) {
                return Some(element);
            }
        }
        None
    }

    /// XPath of a button by accessible name (its text or aria-label), optionally inside `scope`.
    pub fn button_xpath(scope: &str, name: &str) -> String {
        let name = xpath_literal(name);
        format!("{scope}//button[normalize-space(.)={name} or @aria-label={name}]")
    }

    /// Clicks the displayed button named `name` once it is there and enabled.
    pub async fn click_button(&self, name: &str) {
        self.click_button_in("", name).await;
    }

    /// A button the page re-rendered between finding and clicking it (a stale
    /// element) is looked up and clicked again; any other refusal is reported at the deadline.
    pub async fn click_button_in(&self, scope: &str, name: &str) {
        let xpath = Self::button_xpath(scope, name);
        let deadline = Instant::now() + WAIT;
        let mut last_error = String::from("no displayed, enabled button");
        loop {
            if let Some(button) = self.find_displayed(&xpath).await {
                if button.is_enabled().await.unwrap_or(false) {
                    match button.click().await {
                        Ok(()) => return,
                        Err(e) => last_error = format!("the click failed: {e}"),
                    }
                }
            }
            assert!(Instant::now() < deadline, "timed out after {WAIT:?} clicking the button \"{name}\" ({xpath}): {last_error}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The `<select>` with accessible name `label` once it is displayed.
    pub async fn select(&self, label: &str) -> Element {
        let xpath = format!("//select[@aria-label={}]", xpath_literal(label));
        wait_until(&format!("a select \"{label}\""), WAIT, || self.find_displayed(&xpath)).await
    }

    /// The option values of the select `label` and its current value.
    pub async fn select_options(&self, label: &str) -> (Vec<String>, String) {
        self.select(label).await;
        self.js(
            "const s = Array.from(document.querySelectorAll('select')).find(s => s.getAttribute('aria-label') === arguments[0] && s.getClientRects().length > 0);
             return [Array.from(s.options).map(o => o.value), s.value];",
            vec![json!(label)],
        )
        .await
    }

    /// Chooses `value` in the select `label`, as a user would (again if the page
    /// re-rendered the select between finding and choosing).
    pub async fn choose(&self, label: &str, value: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let error = match self.select(label).await.select_by_value(value).await {
                Ok(()) => break,
                Err(e) => e,
            };
            assert!(Instant::now() < deadline, "timed out after {WAIT:?} choosing {value:?} in \"{label}\": {error}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The page may re-render the select (a new element), so look it up again.
        wait_until(&format!("the select \"{label}\" to show {value:?}"), WAIT, || async {
            (self.select_options(label).await.1 == value).then_some(())
        })
        .await;
    }

    /// Pastes `text` into the article box (value set, then an input event, as a paste gives).
    pub async fn set_article_text(&self, text: &str) {
        let ok: bool = self
            .js(
                "const ta = document.querySelector('textarea[aria-label=\"Article text\"]');
                 if (!ta) return false;
                 ta.focus();
                 ta.value = arguments[0];
                 ta.dispatchEvent(new Event('input', { bubbles: true }));
                 ta.dispatchEvent(new Event('change', { bubbles: true }));
                 return true;",
                vec![json!(text)],
            )
            .await;
        assert!(ok, "no textarea labelled \"Article text\"");
    }

    /// Every highlight in `#doc`, in document order.
    pub async fn highlights(&self) -> Vec<Highlight> {
        self.js(
            "return Array.from(document.querySelectorAll('#doc [data-kind]')).map(e => ({
                 kind: e.dataset.kind, id: e.dataset.id ?? null, label: e.dataset.label ?? null,
                 entity: e.dataset.entity ?? null, quoteKind: e.dataset.quoteKind ?? null,
                 text: e.textContent }));",
            vec![],
        )
        .await
    }

    /// `#doc`'s text content ("" when there is no `#doc`).
    pub async fn doc_text(&self) -> String {
        self.js("const d = document.querySelector('#doc'); return d ? d.textContent : '';", vec![]).await
    }

    /// Selects the highlight `kind`/`id` by clicking it, and waits for the Selection panel.
    pub async fn select_highlight(&self, kind: &str, id: &str) {
        let clicked: bool = self
            .js(
                "const e = document.querySelector(`#doc [data-kind=\"${arguments[0]}\"][data-id=\"${arguments[1]}\"]`);
                 if (!e) return false;
                 e.scrollIntoView({ block: 'center' });
                 e.click();
                 return true;",
                vec![json!(kind), json!(id)],
            )
            .await;
        assert!(clicked, "no {kind} highlight with data-id {id}");
        // The panel is there before the click too, showing whatever was selected
        // before: wait until the highlight shows selected and the panel's editor
        // is for it (data-editing), or its buttons would act on the old selection.
        // (Displayed means it has boxes: on a phone the panel is a fixed sheet,
        // which has no offsetParent.)
        wait_until(&format!("{kind} {id} to show selected, with its editor in the Selection panel"), WAIT, || async {
            let shown: bool = self
                .js(
                    "const e = document.querySelector(`#doc [data-kind=\"${arguments[0]}\"][data-id=\"${arguments[1]}\"]`);
                     const panel = document.querySelector('section[aria-label=\"Selection\"]');
                     return !!e && e.classList.contains('selected') && !!panel && panel.getClientRects().length > 0
                         && !!panel.querySelector(`[data-editing=\"${arguments[1]}\"]`);",
                    vec![json!(kind), json!(id)],
                )
                .await;
            shown.then_some(())
        })
        .await;
    }

    /// Selects the first occurrence of `word` in `#doc` with the DOM Selection API,
    /// then lets the page see the end of the gesture (mouseup bubbles from its element).
    pub async fn select_word_in_doc(&self, word: &str) {
        let ok: bool = self
            .js(
                "const word = arguments[0];
                 const walker = document.createTreeWalker(document.querySelector('#doc'), NodeFilter.SHOW_TEXT);
                 for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                     const i = node.data.indexOf(word);
                     if (i < 0) continue;
                     node.parentElement.scrollIntoView({ block: 'center' });
                     const range = document.createRange();
                     range.setStart(node, i);
                     range.setEnd(node, i + word.length);
                     const selection = window.getSelection();
                     selection.removeAllRanges();
                     selection.addRange(range);
                     node.parentElement.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, view: window }));
                     return true;
                 }
                 return false;",
                vec![json!(word)],
            )
            .await;
        assert!(ok, "{word:?} is not in #doc's text");
    }

    /// Clicks "Download JSON" and returns the downloaded file once it is complete.
    pub async fn download_json(&self) -> (PathBuf, String) {
        self.download("Download JSON", ".json").await
    }

    /// Clicks the button `name` and returns the new download whose name ends with
    /// `suffix`, once it is complete (JSON files: once they parse).
    pub async fn download(&self, name: &str, suffix: &str) -> (PathBuf, String) {
        let dir = self.browser.downloads.path().to_path_buf();
        let listing = || -> Vec<PathBuf> { std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default() };
        let before = listing();
        // Buttons low in the side panel: to the middle of the view, clear of the status line.
        let _: Value = self
            .js(
                "const n = arguments[0];
                 const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === n || b.getAttribute('aria-label') === n);
                 if (b) b.scrollIntoView({ block: 'center' });
                 return null;",
                vec![serde_json::json!(name)],
            )
            .await;
        self.click_button(name).await;
        let deadline = Instant::now() + WAIT;
        loop {
            let complete = listing().into_iter().filter(|path| !before.contains(path)).find_map(|path| {
                let file = path.file_name()?.to_str()?;
                if !file.ends_with(suffix) {
                    return None;
                }
                let text = std::fs::read_to_string(&path).ok()?;
                if suffix.ends_with("json") || suffix.ends_with("jsonld") {
                    serde_json::from_str::<Value>(&text).ok()?;
                }
                Some((path, text))
            });
            if let Some(found) = complete {
                return found;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {WAIT:?} waiting for the {suffix} file of {name:?} in {}\nthere before the click: {before:?}\nthere now: {:?}\nbrowser console:\n  {}",
                    dir.display(),
                    listing(),
                    self.browser.console().join("\n  ")
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Imports `file` through the hidden `input#import-file`, as "Open annotations file" does.
    pub async fn import_file(&self, file: &Path) {
        let input = wait_until("input#import-file", WAIT, || async {
            self.browser.client.find(Locator::Css("input#import-file[type='file']")).await.ok()
        })
        .await;
        input.send_keys(&file.display().to_string()).await.unwrap_or_else(|e| panic!("import {}: {e}", file.display()));
    }

    /// The value of localStorage `key`, if set.
    pub async fn local_storage(&self, key: &str) -> Option<String> {
        self.js("return window.localStorage.getItem(arguments[0]);", vec![json!(key)]).await
    }

    /// Request paths the static server answered with 404 (files not in dist/) or refused.
    pub fn foreign_requests(&self) -> Vec<String> {
        self.server
            .requests()
            .into_iter()
            .filter(|r| !r.found || !matches!(&r.method[..], "GET" | "HEAD"))
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }

    /// Fails if the server saw a request for anything that is not a file of dist/.
    pub fn assert_only_own_files_requested(&self) {
        let foreign = self.foreign_requests();
        let hint = if foreign.iter().any(|r| r.ends_with("/favicon.ico")) {
            " (Chromium asks for /favicon.ico when index.html declares no icon)"
        } else {
            ""
        };
        assert!(foreign.is_empty(), "requests for files that are not in dist/{hint}: {foreign:?}");
    }

    /// Resources the page loaded from anywhere but its own origin (Resource Timing).
    pub async fn foreign_resources(&self) -> Vec<String> {
        let names: Vec<String> = self.js("return performance.getEntriesByType('resource').map(e => e.name);", vec![]).await;
        let own = format!("{}/", self.server.origin);
        names.into_iter().filter(|n| !n.starts_with(&own)).collect()
    }
}
