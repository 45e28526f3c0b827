//! JSON Lines as `saywho batch` reads and writes them, shared by the command
//! line and the app's workspace so both write the same bytes.
//!
//! In (one line each): `{"id": …, "text": …}` (an article to annotate) or a
//! batch output record `{"id": …, "annotations": <document>, "warnings": […]}`.
//! Out: [`batch_record`], the output record, byte for byte what `saywho batch`
//! prints for the line.

use serde_json::Value;

use super::format::Document;
use super::validate::{parse_document, ImportError};

/// The output record of `saywho batch` for one article: its `id` (any JSON
/// value, written as given), the document (compact JSON) and the warnings.
pub fn batch_record(id: &Value, doc: &Document, warnings: &Value) -> String {
    let doc = doc.to_json_line();
    let mut out = String::with_capacity(doc.len() + 64);
    out.push_str("{\"id\":");
    out.push_str(&id.to_string());
    out.push_str(",\"annotations\":");
    out.push_str(&doc);
    out.push_str(",\"warnings\":");
    out.push_str(&warnings.to_string());
    out.push('}');
    out
}

/// One line of a JSON Lines file, read.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// An article to annotate (`saywho batch`'s input).
    Text { id: Value, text: String },
    /// An annotated article (`saywho batch`'s output), validated.
    Annotated { id: Value, document: Document, warnings: Value },
}

/// Reads one line (`number` counts from 1, for the message). Blank lines are `Ok(None)`.
pub fn read_line(line: &str, number: usize) -> Result<Option<Line>, ImportError> {
    let line = line.trim_end_matches(['\n', '\r']);
    if line.trim().is_empty() {
        return Ok(None);
    }
    let at = |path: &str| if path.is_empty() { format!("line {number}") } else { format!("line {number}: {path}") };
    let value: Value = serde_json::from_str(line)
        .map_err(|e| ImportError { path: at(""), message: format!("not valid JSON (column {}): {e}", e.column()) })?;
    let Value::Object(mut obj) = value else {
        return Err(ImportError { path: at(""), message: "expected an object {\"id\": …, \"text\": …} or a saywho batch record".into() });
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    if id.is_null() {
        return Err(ImportError { path: at("id"), message: "is missing: each line needs an id".into() });
    }
    if let Some(doc) = obj.get("annotations") {
        let document = parse_document(&doc.to_string()).map_err(|e| ImportError { path: at(&format!("annotations.{}", e.path)), message: e.message })?;
        let warnings = obj.remove("warnings").unwrap_or(Value::Array(Vec::new()));
        return Ok(Some(Line::Annotated { id, document, warnings }));
    }
    match obj.remove("text") {
        Some(Value::String(text)) => Ok(Some(Line::Text { id, text })),
        None => Err(ImportError { path: at("text"), message: "is missing: expected the article's text, or \"annotations\"".into() }),
        Some(_) => Err(ImportError { path: at("text"), message: "must be a string".into() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn records_read_back_and_write_the_same_bytes() {
        let a = crate::annotate("“No,” said Ana Ruiz. “Never");
        let warnings = serde_json::to_value(&a.warnings).unwrap();
        let line = batch_record(&json!("doc-1"), &a.document, &warnings);
        assert!(line.starts_with("{\"id\":\"doc-1\",\"annotations\":{\"format\":\"saywho-annotations\""), "{line}");
        assert!(line.ends_with("\"warnings\":[{\"code\":\"unclosed-quote\",\"message\":\"The quotation mark at character 21 is never closed; the quote was ended at its paragraph's end.\"}]}"), "{line}");
        let Some(Line::Annotated { id, document, warnings: w }) = read_line(&line, 1).unwrap() else { panic!("not a record") };
        assert_eq!((id.clone(), &document, &w), (json!("doc-1"), &a.document, &warnings));
        assert_eq!(batch_record(&id, &document, &w), line);
        // Numbers stay numbers.
        assert!(batch_record(&json!(7), &a.document, &w).starts_with("{\"id\":7,"));
    }

    #[test]
    fn input_lines_blank_lines_and_errors() {
        assert_eq!(read_line("{\"id\": 3, \"text\": \"Hi.\"}\r\n", 1).unwrap(), Some(Line::Text { id: json!(3), text: "Hi.".into() }));
        assert_eq!(read_line("  \r\n", 2).unwrap(), None);
        let err = |l: &str| read_line(l, 4).unwrap_err().to_string();
        assert!(err("{").starts_with("line 4: not valid JSON"), "{}", err("{"));
        assert_eq!(err("[1]"), "line 4: expected an object {\"id\": …, \"text\": …} or a saywho batch record");
        assert_eq!(err("{\"text\": \"x\"}"), "line 4: id: is missing: each line needs an id");
        assert_eq!(err("{\"id\": 1}"), "line 4: text: is missing: expected the article's text, or \"annotations\"");
        assert_eq!(err("{\"id\": 1, \"text\": 5}"), "line 4: text: must be a string");
        assert!(err("{\"id\": 1, \"annotations\": {\"format\": \"x\"}}").starts_with("line 4: annotations.format:"), "{}", err("{\"id\": 1, \"annotations\": {\"format\": \"x\"}}"));
    }
}
