//! Headless Chromium over WebDriver: a chromedriver process on a free port, a
//! fresh profile and download folder per browser, and cleanup that also runs
//! when a test panics (the session is deleted, chromedriver killed).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// A directory removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("saywho-e2e-{tag}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A chromedriver process, killed when dropped.
pub struct Chromedriver {
    child: Child,
    pub addr: String,
}

impl Chromedriver {
    pub async fn start() -> Chromedriver {
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| {
            if Path::new("/usr/bin/chromedriver").exists() { "/usr/bin/chromedriver".into() } else { "chromedriver".into() }
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary} (scripts/setup.sh installs chromium-driver): {e}"));
        let addr = format!("127.0.0.1:{port}");
        // Generous: starting a process takes long on a machine busy with builds.
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if tokio::net::TcpStream::connect(&addr).await.is_ok() {
                return Chromedriver { child, addr };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("{binary} exited at start-up ({status})");
            }
            assert!(Instant::now() < deadline, "{binary} did not listen on {addr} within 60 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A blocking request to chromedriver, for cleanup in `Drop` and for its
    /// vendor endpoints that fantoccini does not wrap. Returns the JSON body.
    pub fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(&self.addr).map_err(|e| e.to_string())?;
        stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body.as_bytes())).map_err(|e| e.to_string())?;
        // Read until the whole body named by Content-Length is in (or the peer closes).
        let mut buf = Vec::new();
        let mut chunk = [0u8; 16384];
        loop {
            let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                let length = head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok());
                if length.is_some_and(|len| buf.len() >= end + 4 + len) {
                    break;
                }
            }
        }
        let response = String::from_utf8_lossy(&buf).into_owned();
        let json = response.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        let (start, end) = (json.find('{'), json.rfind('}'));
        match (start, end) {
            (Some(s), Some(e)) if s < e => serde_json::from_str(&json[s..=e]).map_err(|e| e.to_string()),
            _ => Err(format!("no JSON in chromedriver's reply: {response:.200}")),
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Chrome arguments every test browser gets.
pub const CHROME_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,1000",
];

/// One headless Chromium with its own profile and download folder.
pub struct Browser {
    pub client: Client,
    pub session: String,
    pub downloads: TempDir,
    // Dropped in this order, after `Drop::drop` below has ended the session.
    driver: Chromedriver,
    _profile: TempDir,
}

impl Browser {
    pub async fn launch() -> Browser {
        let driver = Chromedriver::start().await;
        let profile = TempDir::new("profile");
        let downloads = TempDir::new("downloads");
        let binary = std::env::var("SAYWHO_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = CHROME_ARGS.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": binary,
                "args": args,
                "prefs": {
                    "download.default_directory": downloads.path().display().to_string(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                },
            },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://{}", driver.addr))
            .await
            .unwrap_or_else(|e| panic!("cannot start {binary} through chromedriver: {e}"));
        let session = client.session_id().await.ok().flatten().expect("a WebDriver session id");
        Browser { client, session, downloads, driver, _profile: profile }
    }

    /// The browser console's messages since the last call (chromedriver's log endpoint).
    pub fn console(&self) -> Vec<String> {
        let reply = self.driver.request("POST", &format!("/session/{}/se/log", self.session), Some(&json!({ "type": "browser" })));
        match reply {
            Ok(reply) => reply["value"]
                .as_array()
                .map(|entries| entries.iter().map(|e| format!("{} {}", e["level"].as_str().unwrap_or(""), e["message"].as_str().unwrap_or(""))).collect())
                .unwrap_or_default(),
            Err(e) => vec![format!("(console log unavailable: {e})")],
        }
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub fn cdp(&self, command: &str, params: Value) -> Result<Value, String> {
        let path = format!("/session/{}/goog/cdp/execute", self.session);
        self.driver.request("POST", &path, Some(&json!({ "cmd": command, "params": params })))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ends the session so chromedriver quits Chromium, even after a panic.
        let _ = self.driver.request("DELETE", &format!("/session/{}", self.session), None);
    }
}
