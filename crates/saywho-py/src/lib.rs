//! `saywho._native`: the extension module under the `saywho` Python package.
//!
//! Thin, like the CLI: it hands text to `saywho_core` and gives back the
//! export JSON and the warnings. The Python side (`python/saywho/`) turns the
//! JSON into dicts and frames and raises the Python exceptions, so what a
//! Python user gets is, byte for byte, what `saywho annotate` prints.
//!
//! Text comes in as Python `str`. A `str` holding a lone surrogate has no
//! UTF-8 form and cannot be annotated: that is a `ValueError` naming the
//! character and its position, never a crash. `annotate_many` releases the
//! GIL and annotates on every core, in input order.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// One annotated text: its export JSON and its warnings as (code, message).
type Output = (String, Vec<(String, String)>);

fn options(rules_only: bool) -> saywho_core::Options {
    saywho_core::Options { models: !rules_only }
}

/// Annotates one text; a panic (a bug: the core promises none) becomes an error.
fn annotate_one(text: &str, options: &saywho_core::Options, pretty: bool) -> Result<Output, ()> {
    let annotated = catch_unwind(AssertUnwindSafe(|| saywho_core::annotate_with(text, options))).map_err(|_| ())?;
    let json = if pretty { annotated.document.to_json() } else { annotated.document.to_json_line() };
    let warnings = annotated.warnings.into_iter().map(|w| (w.code.to_string(), w.message)).collect();
    Ok((json, warnings))
}

fn crashed(what: &str) -> PyErr {
    PyRuntimeError::new_err(format!(
        "internal error: saywho crashed on {what}; please report it with the text"
    ))
}

/// The UTF-8 of a Python `str` (borrowed from the object, no copy), or a
/// clear error: a `TypeError` for anything else, a `ValueError` for a lone
/// surrogate, which has no UTF-8 form.
fn text_of<'a, 'py>(obj: &'a Bound<'py, PyAny>, what: &str) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let type_name = obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        let hint = if type_name == "bytes" || type_name == "bytearray" {
            " (decode it first, e.g. data.decode(\"utf-8\"))"
        } else {
            ""
        };
        PyTypeError::new_err(format!("{what} must be a str, not {type_name}{hint}"))
    })?;
    s.to_str().map_err(|e| surrogate_error(obj.py(), s, e, what))
}

/// "text contains a lone surrogate U+D800 at character 5: …", from the
/// UnicodeEncodeError that `to_str` raised.
fn surrogate_error(py: Python<'_>, s: &Bound<'_, PyString>, e: PyErr, what: &str) -> PyErr {
    let start: Option<usize> = e.value(py).getattr("start").and_then(|v| v.extract()).ok();
    let Some(start) = start else { return e };
    let code = s
        .get_item(start)
        .and_then(|c| py.import("builtins")?.getattr("ord")?.call1((c,)))
        .ok()
        .and_then(|n| n.extract::<u32>().ok());
    let code = code.map_or(String::new(), |c| format!(" U+{c:04X}"));
    PyValueError::new_err(format!(
        "{what} contains a lone surrogate{code} at character {start}: that is not valid Unicode text, so it \
         cannot be annotated. It usually comes from decoding bytes with errors=\"surrogateescape\" or from \
         a broken \\ud800-style JSON escape; decode the source with errors=\"replace\" or fix it"
    ))
}

/// Thread count: `None` is every core.
fn thread_count(threads: Option<i64>) -> PyResult<usize> {
    match threads {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(n) if n >= 1 => Ok(n as usize),
        Some(n) => Err(PyValueError::new_err(format!("threads must be 1 or more (or None for every core), got {n}"))),
    }
}

/// `annotate_json(text, *, rules_only=False, pretty=True) -> (json, warnings)`.
#[pyfunction]
#[pyo3(signature = (text, *, rules_only = false, pretty = true))]
fn annotate_json(py: Python<'_>, text: &Bound<'_, PyAny>, rules_only: bool, pretty: bool) -> PyResult<Output> {
    let text = text_of(text, "text")?;
    let options = options(rules_only);
    // Without the GIL: a long text takes milliseconds other threads can use.
    py.detach(|| annotate_one(text, &options, pretty)).map_err(|_| crashed("this text"))
}

/// `annotate_many_json(texts, *, threads=None, rules_only=False) -> list[(json, warnings)]`:
/// compact JSON, in input order, on `threads` threads without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, *, threads = None, rules_only = false))]
fn annotate_many_json(py: Python<'_>, texts: &Bound<'_, PyAny>, threads: Option<i64>, rules_only: bool) -> PyResult<Vec<Output>> {
    let threads = thread_count(threads)?;
    let iter = texts.try_iter().map_err(|_| {
        let type_name = texts.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("texts must be an iterable of str (a list, a pandas Series…), not {type_name}"))
    })?;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("texts must be an iterable of str, not one str (use annotate for one text)"));
    }
    // Keep the str objects alive: `strs` borrows their UTF-8 while the GIL is released.
    let objects: Vec<Bound<'_, PyAny>> = iter.collect::<PyResult<_>>()?;
    let strs: Vec<&str> = objects
        .iter()
        .enumerate()
        .map(|(i, o)| text_of(o, &format!("texts[{i}]")))
        .collect::<PyResult<_>>()?;
    let options = options(rules_only);
    let results = py.detach(|| annotate_all(&strs, threads, &options));
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.map_err(|_| crashed(&format!("texts[{i}]"))))
        .collect()
}

/// Annotates every text on `threads` threads. Each thread takes the next
/// unclaimed text, so long and short articles balance out; results keep input order.
fn annotate_all(texts: &[&str], threads: usize, options: &saywho_core::Options) -> Vec<Result<Output, ()>> {
    let threads = threads.min(texts.len()).max(1);
    if threads == 1 {
        return texts.iter().map(|t| annotate_one(t, options, false)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, Result<Output, ()>)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(i) else { break };
                        done.push((i, annotate_one(text, options, false)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    let mut out: Vec<Option<Result<Output, ()>>> = (0..texts.len()).map(|_| None).collect();
    for part in parts.iter_mut() {
        for (i, r) in part.drain(..) {
            out[i] = Some(r);
        }
    }
    out.into_iter().map(|r| r.unwrap_or(Err(()))).collect()
}

/// `validate_json(json) -> None | (path, message)`: the CLI's `validate`.
/// `Some` with the JSON path of the offending value and what is wrong.
#[pyfunction]
fn validate_json(py: Python<'_>, json: &Bound<'_, PyAny>) -> PyResult<Option<(String, String)>> {
    let json = text_of(json, "the annotation file")?;
    Ok(py.detach(|| saywho_core::parse_document(json)).err().map(|e| (e.path, e.message)))
}

#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate_json, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FORMAT_VERSION", saywho_core::Document::empty("").version)?;
    Ok(())
}
