//! A tiny static file server for `dist/`, written here so the end-to-end test
//! serves exactly the Trunk build and sees every request the page makes.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The decoded path, without query string.
    pub path: String,
    /// Whether the path named a file that exists in the served folder.
    pub found: bool,
}

/// What the server does with the paths that start with a prefix, to play a slow or broken network.
#[derive(Clone)]
enum Rule {
    /// Answer only once the flag is cleared ([`StaticServer::release`]).
    Hold(Arc<AtomicBool>),
    /// Answer 404, as if the file were missing.
    Refuse,
}

/// A running server; it stops with the test's runtime.
pub struct StaticServer {
    pub origin: String,
    requests: Arc<Mutex<Vec<Request>>>,
    rules: Arc<Mutex<Vec<(String, Rule)>>>,
    /// The accepting task: aborted by [`StaticServer::stop`].
    accept: tokio::task::JoinHandle<()>,
    stopped: Arc<AtomicBool>,
}

impl StaticServer {
    /// Serves `root` at `http://127.0.0.1:<free port>/`.
    pub async fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the static server");
        let origin = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let rules = Arc::new(Mutex::new(Vec::new()));
        let (log, rule_list) = (requests.clone(), rules.clone());
        let stopped = Arc::new(AtomicBool::new(false));
        let stop_flag = stopped.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                if stop_flag.load(Ordering::SeqCst) {
                    return;
                }
                tokio::spawn(serve(stream, root.clone(), log.clone(), rule_list.clone()));
            }
        });
        StaticServer { origin, requests, rules, accept, stopped }
    }

    /// Stops the server for good: the port is closed, so every later request
    /// fails as if the machine were offline (connection refused).
    pub async fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.accept.abort();
        // The listener is dropped with the aborted task; wait until the port refuses.
        let addr = self.origin.trim_start_matches("http://").to_string();
        for _ in 0..100 {
            if TcpStream::connect(&addr).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the static server at {addr} still accepts connections after stop()");
    }

    /// Holds back the answers to requests for paths starting with `prefix` until [`StaticServer::release`].
    pub fn hold(&self, prefix: &str) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).push((prefix.to_string(), Rule::Hold(Arc::new(AtomicBool::new(true)))));
    }

    /// Lets the held requests for `prefix` (and later ones) through.
    pub fn release(&self, prefix: &str) {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        for (p, rule) in rules.iter() {
            if let (true, Rule::Hold(flag)) = (p == prefix, rule) {
                flag.store(false, Ordering::SeqCst);
            }
        }
        rules.retain(|(p, _)| p != prefix);
    }

    /// Answers 404 for paths starting with `prefix`, as if the files were missing.
    pub fn refuse(&self, prefix: &str) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).push((prefix.to_string(), Rule::Refuse));
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Content types by extension; browsers insist on `application/wasm` for streaming compilation.
pub fn mime_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%XX` decoding for request paths.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file a request path names under `root`, refusing anything that climbs out.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() || relative.ends_with('/') { format!("{relative}index.html") } else { relative.to_string() };
    let relative = Path::new(&relative);
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = root.join(relative);
    file.is_file().then_some(file)
}

async fn serve(stream: TcpStream, root: PathBuf, log: Arc<Mutex<Vec<Request>>>, rules: Arc<Mutex<Vec<(String, Rule)>>>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
        return; // a speculative connection that never sent anything
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header).await {
            Ok(0) | Err(_) => return,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let rule = rules.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(p, _)| path.starts_with(p.as_str())).map(|(_, r)| r.clone());
    if let Some(Rule::Hold(flag)) = &rule {
        while flag.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let file = if matches!(rule, Some(Rule::Refuse)) { None } else { resolve(&root, &path) };
    log.lock().unwrap_or_else(|e| e.into_inner()).push(Request { method: method.clone(), path, found: file.is_some() });

    let (status, content_type, body) = match (&method[..], &file) {
        ("GET" | "HEAD", Some(file)) => match tokio::fs::read(file).await {
            Ok(body) => ("200 OK", mime_type(file), body),
            Err(_) => ("500 Internal Server Error", "text/plain", b"unreadable".to_vec()),
        },
        ("GET" | "HEAD", None) => ("404 Not Found", "text/plain", b"not found".to_vec()),
        _ => ("405 Method Not Allowed", "text/plain", b"method not allowed".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = reader.into_inner();
    let _ = stream.write_all(head.as_bytes()).await;
    if method != "HEAD" {
        let _ = stream.write_all(&body).await;
    }
    let _ = stream.shutdown().await;
}
