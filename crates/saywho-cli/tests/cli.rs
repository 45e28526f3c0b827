//! Runs the built `saywho` binary as a user would: on files and stdin,
//! checking stdout, stderr and exit codes.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn saywho(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the saywho binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against the output pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh scratch directory for this test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saywho-cli-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gold_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/gold/pakistan-us-reset.json");
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&json).unwrap();
    v["text"].as_str().unwrap().to_string()
}

fn texts() -> Vec<String> {
    vec![
        "“We will not back down,” said Maria Okafor, the union's leader.".to_string(),
        "Ahmed said the café’s prices rose 😀 by 5%.\n\nShe disagreed: „Nein.“".to_string(),
        "line one\r\nline two\r\n".to_string(),
        "   ".to_string(),
        gold_text(),
    ]
}

#[test]
fn annotate_prints_exactly_the_core_export_for_files_and_stdin() {
    let dir = scratch("annotate");
    for (i, text) in texts().iter().enumerate() {
        let want = saywho_core::annotate(text).document.to_json();
        let file = dir.join(format!("article-{i}.txt"));
        std::fs::write(&file, text).unwrap();
        let from_file = saywho(&["annotate", file.to_str().unwrap()], b"");
        assert_eq!(from_file.status.code(), Some(0), "{}", stderr(&from_file));
        assert_eq!(stdout(&from_file), want, "file {i}");
        let from_stdin = saywho(&["annotate", "-"], text.as_bytes());
        assert_eq!(from_stdin.status.code(), Some(0));
        assert_eq!(stdout(&from_stdin), want, "stdin {i}");
        // The output is a valid annotation file.
        assert_eq!(saywho_core::parse_document(&stdout(&from_file)).as_ref(), Ok(&saywho_core::annotate(text).document));
    }
}

#[test]
fn w3c_prints_the_core_collection_and_leaves_the_default_unchanged() {
    for text in texts() {
        let doc = saywho_core::annotate(&text).document;
        let want = saywho_core::export::w3c::to_w3c_json(&doc);
        for args in [["annotate", "--w3c", "-"], ["annotate", "-", "--w3c"]] {
            let out = saywho(&args, text.as_bytes());
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            assert_eq!(stdout(&out), want);
        }
        // It reads back into the very document the default output holds.
        assert_eq!(saywho_core::export::w3c::from_w3c(&want).map(|i| i.document), Ok(doc.clone()));
        assert_eq!(stdout(&saywho(&["annotate", "-"], text.as_bytes())), doc.to_json());
    }
    let out = saywho(&["annotate", "--rules-only", "--w3c", "-"], b"Ana Ruiz said so.");
    let rules = saywho_core::annotate_with("Ana Ruiz said so.", &saywho_core::Options { models: false }).document;
    assert_eq!(stdout(&out), saywho_core::export::w3c::to_w3c_json(&rules));
}

#[test]
fn rules_only_prints_the_core_export_without_the_models() {
    let rules = saywho_core::Options { models: false };
    // A lower-case name only the model finds, and the gold article.
    let mut differs = false;
    for text in [String::from("yesterday i talked to john smith about the election in ohio.")].iter().chain(texts().iter()) {
        let want = saywho_core::annotate_with(text, &rules).document.to_json();
        let out = saywho(&["annotate", "--rules-only", "-"], text.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), want);
        differs |= stdout(&out) != saywho_core::annotate(text).document.to_json();
        let line = serde_json::json!({ "id": 1, "text": text }).to_string();
        let out = saywho(&["batch", "--rules-only", "-j", "2"], line.as_bytes());
        let record: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        assert_eq!(record["annotations"], serde_json::from_str::<Value>(&want).unwrap());
    }
    assert!(differs, "the models change nothing on these texts: the test shows nothing");
}

#[test]
fn annotate_reports_warnings_on_stderr_and_drops_a_byte_order_mark() {
    let out = saywho(&["annotate", "-"], b"");
    assert_eq!(out.status.code(), Some(0));
    let warnings = saywho_core::annotate("").warnings;
    for w in &warnings {
        assert!(stderr(&out).contains(&format!("warning: {}", w.message)), "{}", stderr(&out));
    }
    assert_eq!(stdout(&out), saywho_core::annotate("").document.to_json());

    let out = saywho(&["annotate", "-"], "\u{FEFF}He said so.".as_bytes());
    assert_eq!(stdout(&out), saywho_core::annotate("He said so.").document.to_json());
}

/// A command line that must fail: exit code and a fragment of stderr.
fn check_failure(args: &[&str], stdin: &[u8], code: i32, fragment: &str) {
    let out = saywho(args, stdin);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).contains(fragment), "{args:?}: {:?} lacks {fragment:?}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?} printed {}", stdout(&out));
}

#[test]
fn errors_and_exit_codes() {
    let dir = scratch("errors");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Le caf\xe9 a dit non.").unwrap();
    let latin1 = latin1.to_str().unwrap();
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, "{\"format\": \"saywho-annotations\", \"version\": 9}").unwrap();
    let bad_json = bad_json.to_str().unwrap();
    let missing = dir.join("missing.txt");
    let missing = missing.to_str().unwrap();
    let dir_path = dir.to_str().unwrap();
    let cases: &[(&[&str], &[u8], i32, &str)] = &[
        (&[], b"", 2, "error: no command given"),
        (&["summarise", "x"], b"", 2, "unknown command \"summarise\""),
        (&["--frobnicate"], b"", 2, "unknown option --frobnicate"),
        (&["annotate"], b"", 2, "`saywho annotate` needs a FILE"),
        (&["annotate", "a", "b"], b"", 2, "takes one FILE, got 2"),
        (&["annotate", "--fast"], b"", 2, "unknown option --fast"),
        (&["batch", "-j", "0"], b"", 2, "--jobs needs a whole number above 0"),
        (&["batch", "extra"], b"", 2, "unknown argument \"extra\""),
        (&["annotate", missing], b"", 1, &format!("error: cannot read {missing}: No such file or directory")),
        (&["annotate", dir_path], b"", 1, &format!("error: cannot read {dir_path}")),
        (&["annotate", latin1], b"", 1, &format!("error: {latin1} is not UTF-8 text: invalid byte 0xE9 at byte offset 6 (line 1)")),
        (&["annotate", "-"], b"ok\nstill ok\n\xff", 1, "error: standard input is not UTF-8 text: invalid byte 0xFF at byte offset 12 (line 3)"),
        (&["validate", bad_json], b"", 1, &format!("error: {bad_json}: version: the file is format version 9, newer than this saywho reads")),
        (&["validate", "-"], b"[]", 1, "error: standard input: expected a saywho annotation file (a JSON object), found an array"),
    ];
    for (args, stdin, code, fragment) in cases {
        check_failure(args, stdin, *code, fragment);
    }
    // A usage error shows the usage.
    assert!(stderr(&saywho(&["nope"], b"")).contains("Usage:"));
}

#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["-h"], &["help"], &["batch", "--help"]] {
        let out = saywho(args, b"");
        assert_eq!(out.status.code(), Some(0));
        for cmd in ["saywho annotate [--rules-only] [--w3c] FILE", "saywho batch", "saywho validate FILE", "--rules-only", "--w3c"] {
            assert!(stdout(&out).contains(cmd), "{args:?}: {}", stdout(&out));
        }
    }
    let out = saywho(&["--version"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("saywho {} (annotation format version 1)\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn validate_accepts_what_annotate_prints_and_names_the_broken_span() {
    let dir = scratch("validate");
    let text = &texts()[1];
    let file = dir.join("doc.json");
    let mut doc = saywho_core::annotate(text).document;
    std::fs::write(&file, doc.to_json()).unwrap();
    let out = saywho(&["validate", file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("{}: valid saywho annotation file (", file.display())));

    // A hand-made mention whose text does not match the document.
    doc.mentions.push(saywho_core::Mention {
        id: "M999".into(),
        start: 0,
        end: 5,
        text: "Ahmad".into(),
        label: "PERSON".into(),
        entity: None,
        origin: saywho_core::Origin::Manual,
    });
    let i = doc.mentions.len() - 1;
    let out = saywho(&["validate", "-"], doc.to_json().as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("mentions[{i}].text: does not match the document text at 0..5: expected \"Ahmed\", found \"Ahmad\"")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn batch_keeps_input_order_and_reports_bad_lines_in_place() {
    let texts = texts();
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..300 {
        let text = &texts[i % texts.len()];
        if i % 97 == 13 {
            input.push_str("{\"id\": \"broken\", \"text\": 12}\n");
            want.push(None);
        } else {
            input.push_str(&serde_json::json!({ "id": i, "text": text }).to_string());
            input.push('\n');
            want.push(Some((i, text)));
        }
    }
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    for jobs in ["1", "3"] {
        let out = saywho(&["batch", "--jobs", jobs], &bytes);
        assert_eq!(out.status.code(), Some(1), "bad lines give exit status 1");
        assert!(stderr(&out).contains("4 of 301 lines could not be annotated"), "{}", stderr(&out));
        let text_out = stdout(&out);
        let lines: Vec<&str> = text_out.lines().collect();
        let records: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(records.len(), 301);
        for ((r, line), w) in records.iter().zip(&lines).zip(&want) {
            match w {
                Some((i, text)) => {
                    let annotated = saywho_core::annotate(text);
                    // Byte for byte the core's one-line export.
                    let warnings = serde_json::to_string(&annotated.warnings).unwrap();
                    let exact = format!("{{\"id\":{i},\"annotations\":{},\"warnings\":{warnings}}}", annotated.document.to_json_line());
                    assert_eq!(*line, exact);
                    assert_eq!(r["id"], *i);
                }
                None => {
                    assert_eq!(r["id"], "broken");
                    assert_eq!(r["error"], "\"text\" must be a string, not a number");
                }
            }
        }
        let last = &records[300];
        assert_eq!(last["line"], 301);
        let offset = bytes.len() - 1 - b"\xe9\"}\n".len() + 1;
        assert!(
            last["error"].as_str().unwrap().contains(&format!("invalid byte 0xE9 at byte offset {offset} of the input")),
            "{last}"
        );
    }
}

#[test]
fn batch_with_only_good_lines_succeeds_quietly() {
    let out = saywho(&["batch"], b"{\"id\": \"a\", \"text\": \"She said yes.\"}\n\n{\"id\": \"b\", \"text\": \"\"}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let ids: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone()).collect();
    assert_eq!(ids, vec!["a", "b"]);
}

#[test]
fn batch_answers_each_line_before_its_input_ends() {
    // Streaming: a producer that writes one line and waits must get that
    // line's record back while stdin is still open. (The timeout only keeps
    // a regression from hanging the suite; it is not a speed requirement.)
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .arg("batch")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in out.lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    for id in ["first", "second"] {
        writeln!(stdin, "{{\"id\": \"{id}\", \"text\": \"He said so.\"}}").unwrap();
        stdin.flush().unwrap();
        let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(120)) else {
            child.kill().unwrap();
            panic!("no record for {id} while stdin stays open: batch waits for more input");
        };
        let record: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(record["id"], id);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
