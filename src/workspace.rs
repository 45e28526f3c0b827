//! The workspace's model: many articles, each kept as a summary (what the list
//! shows and searches) and its document. Pure and tested natively; stored in
//! IndexedDB by `src/idb.rs` (summaries and documents in separate stores, so
//! the list opens without reading the documents).
//!
//! Files come in as plain text, annotation files (.json, W3C collections
//! included) or JSON Lines (`saywho batch` input or output); the workspace goes
//! out as JSON Lines, one `saywho batch` record per article
//! ([`saywho_core::export::jsonl::batch_record`]), so an uncorrected article's
//! line is byte-identical to what `saywho batch` prints for its text.

use saywho_core::export::jsonl::{batch_record, read_line, Line};
use saywho_core::export::sources::{report, SourceKind};
use saywho_core::Document;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the list shows of one article, and what search reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The storage key, unique in the workspace, never reused.
    pub key: u64,
    /// The `id` of its JSON Lines record (the file's, or the key).
    pub id: Value,
    /// The first line of the text, shortened.
    pub title: String,
    /// When it was added (ms since the epoch).
    pub added_ms: f64,
    pub quotes: usize,
    pub entities: usize,
    pub corrected: bool,
    /// The names of the sources quoted (named and unnamed), for search.
    pub sources: Vec<String>,
}

/// One article as stored: the document and the core's warnings on its text
/// (batch records carry them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub document: Document,
    pub warnings: Value,
}

/// The title of a text: its first non-blank line, at most 80 characters.
pub fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("(empty)");
    crate::state::shorten(line, 80)
}

/// The summary of `doc`, stored under `key`.
pub fn summarize(key: u64, id: Value, doc: &Document, corrected: bool, added_ms: f64) -> Summary {
    let r = report(doc);
    Summary {
        key,
        id,
        title: title_of(&doc.text),
        added_ms,
        quotes: doc.quotes.len(),
        entities: doc.entities.len(),
        corrected,
        sources: r.sources.iter().filter(|s| s.kind != SourceKind::None).map(|s| s.name.clone()).collect(),
    }
}

/// Whether a document carries anyone's corrections (an annotation or a gender
/// marked `manual`): what an imported file says of itself.
pub fn has_corrections(doc: &Document) -> bool {
    use saywho_core::Origin::Manual;
    doc.mentions.iter().any(|m| m.origin == Manual)
        || doc.quotes.iter().any(|q| q.origin == Manual)
        || doc.entities.iter().any(|e| e.gender.is_some_and(|g| g.origin == Manual))
}

/// The articles quoting a source whose name contains `query` (ignoring case);
/// every article for a blank query. In the list's order.
pub fn search<'a>(list: &'a [Summary], query: &str) -> Vec<&'a Summary> {
    let q = query.trim().to_lowercase();
    list.iter().filter(|s| q.is_empty() || s.sources.iter().any(|n| n.to_lowercase().contains(&q))).collect()
}

/// The workspace as JSON Lines: one `saywho batch` record per article, in order.
pub fn export_jsonl<'a>(items: impl IntoIterator<Item = (&'a Summary, &'a Stored)>) -> String {
    let mut out = String::new();
    for (s, d) in items {
        out.push_str(&batch_record(&s.id, &d.document, &d.warnings));
        out.push('\n');
    }
    out
}

/// Something a file brings into the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// A text to annotate (a .txt file, or a batch input line).
    Text { id: Option<Value>, text: String },
    /// An annotated document (an annotation file, a W3C collection, a batch record).
    Document { id: Option<Value>, document: Document, warnings: Option<Value> },
}

/// What one file brings, or why it brings nothing (the message names the file
/// and, for JSON Lines, the line); a bad line refuses the whole file, so a
/// file is never half imported.
pub fn read_file(name: &str, content: &str) -> Result<Vec<Incoming>, String> {
    let lower = name.to_lowercase();
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        let mut out = Vec::new();
        for (i, line) in content.split('\n').enumerate() {
            match read_line(line, i + 1) {
                Ok(None) => {}
                Ok(Some(Line::Text { id, text })) => out.push(Incoming::Text { id: Some(id), text: text.replace("\r\n", "\n") }),
                Ok(Some(Line::Annotated { id, document, warnings })) => {
                    out.push(Incoming::Document { id: Some(id), document, warnings: Some(warnings) })
                }
                Err(e) => return Err(format!("{name}, {e}")),
            }
        }
        if out.is_empty() {
            return Err(format!("{name} has no articles (an empty JSON Lines file)."));
        }
        return Ok(out);
    }
    if lower.ends_with(".json") || lower.ends_with(".jsonld") || content.trim_start().starts_with('{') {
        return saywho_core::export::w3c::read_any(content)
            .map(|i| vec![Incoming::Document { id: None, document: i.document, warnings: None }])
            .map_err(|e| format!("{name}: {e}"));
    }
    if content.trim().is_empty() {
        return Err(format!("{name} is empty: there is nothing to annotate."));
    }
    // As a text box would hold it (LF line breaks), like a file opened on its own.
    Ok(vec![Incoming::Text { id: None, text: content.replace("\r\n", "\n").replace('\r', "\n") }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::fixture;
    use serde_json::json;

    #[test]
    fn summaries_titles_and_search() {
        let doc = fixture();
        let s = summarize(3, json!(3), &doc, false, 1.0);
        assert_eq!(s.title, "Ana Ruiz said “We will build it.” Ruiz left Oslo. Officials said it was late.");
        assert_eq!((s.quotes, s.entities, s.sources.clone()), (2, 2, vec!["Ana Ruiz".to_string(), "Officials".to_string()]));
        assert_eq!(title_of("\n  \n  First line  \nsecond"), "First line");
        assert_eq!(title_of(""), "(empty)");
        assert_eq!(title_of(&"x".repeat(100)).chars().count(), 80);
        let mut other = summarize(4, json!("b"), &Document::empty("Nobody here."), true, 2.0);
        other.sources = vec!["Bo Lind".into()];
        let list = vec![s, other];
        let keys = |q: &str| search(&list, q).iter().map(|s| s.key).collect::<Vec<_>>();
        assert_eq!(keys("ruiz"), [3]);
        assert_eq!(keys(" LIND "), [4]);
        assert_eq!(keys(""), [3, 4]);
        assert!(keys("Nobody").is_empty(), "search reads source names, not the text");
    }

    #[test]
    fn corrections_are_seen_in_imported_documents() {
        let mut doc = fixture();
        assert!(!has_corrections(&doc));
        doc.entities[0].gender = Some(saywho_core::GenderTag { value: saywho_core::GenderValue::Male, origin: saywho_core::Origin::Manual });
        assert!(has_corrections(&doc));
        let mut doc = fixture();
        doc.quotes[1].origin = saywho_core::Origin::Manual;
        assert!(has_corrections(&doc));
    }

    #[test]
    fn export_is_one_batch_record_per_article() {
        let a = saywho_core::annotate("Ana Ruiz said it was late.");
        let stored = Stored { document: a.document.clone(), warnings: serde_json::to_value(&a.warnings).unwrap() };
        let s = summarize(1, json!("doc-1"), &a.document, false, 0.0);
        let out = export_jsonl([(&s, &stored), (&s, &stored)]);
        let want = batch_record(&json!("doc-1"), &a.document, &json!([]));
        assert_eq!(out, format!("{want}\n{want}\n"));
        // It reads back as the same documents.
        let back = read_file("w.jsonl", &out).unwrap();
        assert_eq!(back[0], Incoming::Document { id: Some(json!("doc-1")), document: a.document, warnings: Some(json!([])) });
    }

    #[test]
    fn files_of_every_kind() {
        assert_eq!(read_file("a.txt", "\u{feff}Line one\r\nLine two").unwrap(), vec![Incoming::Text { id: None, text: "Line one\nLine two".into() }]);
        let lines = "{\"id\": 1, \"text\": \"A.\\r\\nB.\"}\n\n{\"id\": \"x\", \"text\": \"C.\"}\n";
        assert_eq!(
            read_file("in.JSONL", lines).unwrap(),
            vec![Incoming::Text { id: Some(json!(1)), text: "A.\nB.".into() }, Incoming::Text { id: Some(json!("x")), text: "C.".into() }]
        );
        let doc = fixture();
        let json = doc.to_json();
        assert_eq!(read_file("a.json", &json).unwrap(), vec![Incoming::Document { id: None, document: doc.clone(), warnings: None }]);
        let w3c = saywho_core::export::w3c::to_w3c_json(&doc);
        assert_eq!(read_file("a.jsonld", &w3c).unwrap(), vec![Incoming::Document { id: None, document: doc, warnings: None }]);
        // Refusals name the file (and the line) and bring nothing.
        assert_eq!(read_file("b.jsonl", "{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2}\n").unwrap_err(), "b.jsonl, line 2: text: is missing: expected the article's text, or \"annotations\"");
        assert_eq!(read_file("e.jsonl", "\n\n").unwrap_err(), "e.jsonl has no articles (an empty JSON Lines file).");
        assert_eq!(read_file("e.txt", "  ").unwrap_err(), "e.txt is empty: there is nothing to annotate.");
        assert!(read_file("bad.json", "{\"format\": 1}").unwrap_err().starts_with("bad.json: format:"));
    }
}
