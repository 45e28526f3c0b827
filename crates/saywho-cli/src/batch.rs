//! `saywho batch`: JSON Lines in, one export per line out, on every core.
//!
//! Input lines are `{"id": …, "text": …}`; each output line is
//! `{"id": …, "annotations": <document>, "warnings": […]}`, or
//! `{"id": …, "line": N, "error": "…"}` for a line that could not be read, so
//! one bad record never stops an archive run. Output keeps input order.
//!
//! Memory stays bounded whatever the input size: a reader thread cuts stdin
//! into chunks, workers annotate them, and the writer puts them back in order;
//! the reader may run at most `IN_FLIGHT_PER_JOB × jobs` chunks ahead of the
//! writer. A chunk is sent as soon as no more input is buffered, so a slow
//! producer (a pipe, `tail -f`) gets each answer without waiting for a full chunk.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;

use serde_json::Value;

use crate::input::not_utf8;

/// Lines per chunk at most; also cut at `CHUNK_BYTES`.
const CHUNK_LINES: usize = 64;
const CHUNK_BYTES: usize = 1 << 20;
/// Chunks read ahead of the writer, per worker.
const IN_FLIGHT_PER_JOB: usize = 4;

/// One input line.
struct Line {
    /// 1-based line number in the input.
    number: usize,
    /// Byte offset of the line's start in the input.
    offset: u64,
    bytes: Vec<u8>,
}

/// How a run went.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written (blank input lines are skipped).
    pub records: usize,
    /// Records that are error objects.
    pub errors: usize,
}

/// Reads JSON Lines from `input` and writes one record per non-blank line to
/// `output`, in input order, with `jobs` worker threads.
pub fn run<R: Read + Send, W: Write>(input: R, output: W, jobs: usize, options: saywho_core::Options) -> io::Result<Summary> {
    let jobs = jobs.max(1);
    let in_flight = jobs * IN_FLIGHT_PER_JOB;
    let (work_tx, work_rx) = sync_channel::<(usize, Vec<Line>)>(jobs);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<(usize, Vec<(String, bool)>)>();
    let (credit_tx, credit_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        credit_tx.send(()).expect("the channel has room for every credit");
    }

    std::thread::scope(|s| {
        let reader = s.spawn(move || read_chunks(input, &credit_rx, |chunk| work_tx.send(chunk).is_ok()));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            s.spawn(move || {
                // Once the writer is gone, keep taking chunks (unannotated) so
                // a reader blocked on a full queue can reach its stop.
                let mut writer_gone = false;
                loop {
                    let next = work_rx.lock().map_err(|_| ()).and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((index, lines)) = next else { return };
                    if writer_gone {
                        continue;
                    }
                    let records = lines.iter().map(|l| record(l, &options)).collect();
                    writer_gone = done_tx.send((index, records)).is_err();
                }
            });
        }
        drop(done_tx);
        let written = write_in_order(done_rx, output, &credit_tx);
        // If writing failed, dropping the credits lets the reader stop.
        drop(credit_tx);
        let read = reader.join().unwrap_or_else(|_| Err(io::Error::other("the input reader crashed")));
        let summary = written?;
        read?;
        Ok(summary)
    })
}

/// Cuts `input` into chunks of lines and hands each to `send`, taking one
/// credit per chunk. Stops at the end of input or when `send` refuses.
fn read_chunks<R: Read>(input: R, credits: &Receiver<()>, mut send: impl FnMut((usize, Vec<Line>)) -> bool) -> io::Result<()> {
    let mut reader = BufReader::with_capacity(CHUNK_BYTES, input);
    let mut chunk: Vec<Line> = Vec::new();
    let mut chunk_bytes = 0;
    let mut index = 0;
    let mut number = 0;
    let mut offset = 0u64;
    let mut dispatch = |chunk: &mut Vec<Line>, chunk_bytes: &mut usize| -> bool {
        if chunk.is_empty() {
            return true;
        }
        if credits.recv().is_err() {
            return false;
        }
        let ok = send((index, std::mem::take(chunk)));
        index += 1;
        *chunk_bytes = 0;
        ok
    };
    loop {
        let mut bytes = Vec::new();
        let n = reader.read_until(b'\n', &mut bytes)?;
        if n == 0 {
            break;
        }
        number += 1;
        let start = offset;
        offset += n as u64;
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            chunk_bytes += bytes.len();
            chunk.push(Line { number, offset: start, bytes });
        }
        let drained = reader.buffer().is_empty();
        if (chunk.len() >= CHUNK_LINES || chunk_bytes >= CHUNK_BYTES || drained) && !dispatch(&mut chunk, &mut chunk_bytes) {
            return Ok(());
        }
    }
    dispatch(&mut chunk, &mut chunk_bytes);
    Ok(())
}

/// Writes chunks as they complete, each in its turn, returning a credit to
/// the reader for each chunk written.
fn write_in_order<W: Write>(
    done: Receiver<(usize, Vec<(String, bool)>)>,
    mut out: W,
    credits: &std::sync::mpsc::SyncSender<()>,
) -> io::Result<Summary> {
    let mut pending = BTreeMap::new();
    let mut next = 0;
    let mut summary = Summary::default();
    for (index, records) in done {
        pending.insert(index, records);
        while let Some(records) = pending.remove(&next) {
            for (line, is_error) in records {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
                summary.records += 1;
                summary.errors += is_error as usize;
            }
            out.flush()?;
            next += 1;
            let _ = credits.send(());
        }
    }
    Ok(summary)
}

/// The output record for one input line, and whether it is an error.
fn record(line: &Line, options: &saywho_core::Options) -> (String, bool) {
    match annotate_line(line, options) {
        Ok(s) => (s, false),
        Err((id, message)) => {
            let message = Value::String(message);
            (format!("{{\"id\":{id},\"line\":{},\"error\":{message}}}", line.number), true)
        }
    }
}

fn annotate_line(line: &Line, options: &saywho_core::Options) -> Result<String, (Value, String)> {
    let text = std::str::from_utf8(&line.bytes).map_err(|e| {
        let at = e.valid_up_to();
        let whole = not_utf8(&line.bytes, at);
        // Say where in the whole input, which is what a hex editor shows.
        let whole = whole.replacen(
            &format!("at byte offset {at} (line 1)"),
            &format!("at byte offset {} of the input (byte {at} of line {})", line.offset + at as u64, line.number),
            1,
        );
        (Value::Null, format!("the line {whole}"))
    })?;
    let value: Value = serde_json::from_str(text.trim_end_matches(['\n', '\r']))
        .map_err(|e| (Value::Null, format!("the line is not valid JSON (column {}): {}", e.column(), strip_position(&e))))?;
    let Value::Object(mut obj) = value else {
        return Err((Value::Null, "expected an object {\"id\": …, \"text\": …}".into()));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    if id.is_null() {
        return Err((id, "missing \"id\": each line needs an id to match its output to its input".into()));
    }
    let text = match obj.get("text") {
        Some(Value::String(s)) => s,
        None => return Err((id, "missing \"text\": the article to annotate".into())),
        Some(other) => return Err((id, format!("\"text\" must be a string, not {}", kind(other)))),
    };
    let annotated = catch_unwind(AssertUnwindSafe(|| saywho_core::annotate_with(text, options)))
        .map_err(|_| (id.clone(), "internal error: saywho crashed on this text; please report it with the text".to_string()))?;
    // The record is the core's, so the app's workspace export writes the same bytes.
    let warnings = serde_json::to_value(&annotated.warnings).unwrap_or(Value::Array(Vec::new()));
    Ok(saywho_core::export::jsonl::batch_record(&id, &annotated.document, &warnings))
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    s.strip_suffix(&suffix).unwrap_or(&s).to_string()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(input: &[u8], jobs: usize) -> (Vec<Value>, Summary) {
        let mut out = Vec::new();
        let summary = run(input, &mut out, jobs, saywho_core::Options::default()).unwrap();
        let lines = String::from_utf8(out).unwrap();
        (lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), summary)
    }

    /// One input line and the error it must give (None: annotated).
    fn check(input: &[u8], error: Option<&str>) {
        let (records, summary) = batch(input, 2);
        assert_eq!(records.len(), 1, "{input:?}");
        let r = &records[0];
        match error {
            None => {
                assert!(r.get("error").is_none(), "{r}");
                assert_eq!(summary.errors, 0);
            }
            Some(fragment) => {
                let msg = r["error"].as_str().unwrap_or_else(|| panic!("no error in {r}"));
                assert!(msg.contains(fragment), "{msg} lacks {fragment}");
                assert_eq!(r["line"], 1);
                assert_eq!(summary.errors, 1);
            }
        }
    }

    #[test]
    fn lines() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"{\"id\": 1, \"text\": \"He said so.\"}\n", None),
            (b"{\"id\": \"a\", \"text\": \"\", \"extra\": true}", None),
            ("{\"id\": \"é\", \"text\": \"“Oui,” dit-il.\"}\r\n".as_bytes(), None),
            (b"{\"id\": 1, \"text\": \"caf\xe9\"}\n", Some("invalid byte 0xE9 at byte offset 22 of the input (byte 22 of line 1)")),
            (b"{\"id\": 1, \"text\": }\n", Some("the line is not valid JSON (column 19): expected value")),
            (b"[1, 2]\n", Some("expected an object")),
            (b"{\"text\": \"x\"}\n", Some("missing \"id\"")),
            (b"{\"id\": 7}\n", Some("missing \"text\"")),
            (b"{\"id\": 7, \"text\": [\"x\"]}\n", Some("\"text\" must be a string, not an array")),
        ];
        for (input, error) in cases {
            check(input, *error);
        }
    }

    #[test]
    fn order_blank_lines_and_ids_are_kept() {
        let mut input = String::new();
        for i in 0..500 {
            // Uneven sizes so chunks finish out of order.
            let text = "Word said. ".repeat((i * 37) % 200);
            input.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": text}).to_string());
            input.push_str(if i % 50 == 0 { "\n\n  \n" } else { "\n" });
        }
        input.push_str("not json\n");
        let (records, summary) = batch(input.as_bytes(), 3);
        assert_eq!(summary, Summary { records: 501, errors: 1 });
        for (i, r) in records[..500].iter().enumerate() {
            assert_eq!(r["id"], format!("doc-{i}"));
            let text = "Word said. ".repeat((i * 37) % 200);
            let want: Value = serde_json::from_str(&saywho_core::annotate(&text).document.to_json()).unwrap();
            assert_eq!(r["annotations"], want, "record {i}");
        }
        // Line numbers count blank lines too: 500 records + 10 × 2 blank lines.
        assert_eq!(records[500]["line"], 521);
        assert_eq!(records[500]["id"], Value::Null);
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert_eq!(batch(b"", 4), (vec![], Summary::default()));
        assert_eq!(batch(b"\n\n", 1), (vec![], Summary::default()));
    }

    /// Output that accepts `left` bytes, then fails like a closed pipe.
    struct ClosedAfter {
        left: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_the_run_with_its_error() {
        // Far more input than the reader may hold in flight, so the reader,
        // workers and writer must all stop rather than wait on each other.
        let line = "{\"id\": 1, \"text\": \"She said no.\"}\n";
        let input = line.repeat(20_000);
        for jobs in [1, 3] {
            let err = run(input.as_bytes(), ClosedAfter { left: 1000 }, jobs, saywho_core::Options::default()).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        }
    }
}
