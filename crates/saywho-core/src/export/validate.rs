//! Import: reads an annotation file and checks everything in it.
//!
//! A file may come back to saywho after a person edited it by hand or another
//! tool wrote it, so the importer trusts nothing: each error names the JSON
//! path of the offending value (`quotes[3].speaker.text`) and says what was
//! expected and what was found, so the reader can fix the file. Fields this
//! version does not know are ignored (newer files may add some).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use super::char_index::CharIndex;
use super::format::{Document, Entity, GenderTag, GenderValue, Mention, Origin, Quote, QuoteKind, Span, FORMAT_NAME, FORMAT_VERSION};

/// Why an annotation file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// JSON path of the offending value, e.g. `quotes[3].speaker.text`;
    /// empty when the problem is the file as a whole.
    pub path: String,
    /// What is wrong, in words a person can act on.
    pub message: String,
}

impl ImportError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads an annotation file (format version 1) and validates it.
///
/// The exact inverse of [`Document::to_json`]: `parse_document(&doc.to_json())`
/// gives `doc` back for every valid document.
pub fn parse_document(json: &str) -> Result<Document, ImportError> {
    // Editors on Windows like to start files with a byte order mark.
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let value: Value = serde_json::from_str(json).map_err(json_error)?;
    let doc = document(&value)?;
    doc.validate()?;
    Ok(doc)
}

/// Turns serde_json's syntax error into one with the position first.
fn json_error(e: serde_json::Error) -> ImportError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let hint = if e.is_eof() { " (the file looks cut short)" } else { "" };
    ImportError::new("", format!("not valid JSON at line {}, column {}: {what}{hint}", e.line(), e.column()))
}

impl Document {
    /// Checks what the types cannot: format and version, every span in range,
    /// non-empty and matching the text it claims to cover, ids unique, entity
    /// references resolving, labels and names non-empty.
    pub fn validate(&self) -> Result<(), ImportError> {
        if self.format != FORMAT_NAME {
            return Err(wrong_format(&describe_str(&self.format)));
        }
        check_version(self.version as u64)?;
        let chars = CharIndex::new(&self.text);

        let mut entity_ids: HashMap<&str, usize> = HashMap::with_capacity(self.entities.len());
        for (i, e) in self.entities.iter().enumerate() {
            let path = format!("entities[{i}]");
            unique_id(&mut entity_ids, &e.id, "entities", i, &path)?;
            non_empty(&e.label, &format!("{path}.label"), "a label such as PERSON or ORG")?;
            non_empty(&e.name, &format!("{path}.name"), "the entity's display name")?;
        }
        let resolve = |entity: &Option<String>, path: &str| -> Result<(), ImportError> {
            match entity {
                Some(id) if !entity_ids.contains_key(id.as_str()) => Err(ImportError::new(
                    path,
                    format!("refers to entity {}, which is not in `entities`", describe_str(id)),
                )),
                _ => Ok(()),
            }
        };

        let mut mention_ids: HashMap<&str, usize> = HashMap::with_capacity(self.mentions.len());
        for (i, m) in self.mentions.iter().enumerate() {
            let path = format!("mentions[{i}]");
            unique_id(&mut mention_ids, &m.id, "mentions", i, &path)?;
            chars.check_span(m.start, m.end, &m.text, &path)?;
            non_empty(&m.label, &format!("{path}.label"), "a label such as PERSON or ORG")?;
            resolve(&m.entity, &format!("{path}.entity"))?;
        }

        let mut quote_ids: HashMap<&str, usize> = HashMap::with_capacity(self.quotes.len());
        for (i, q) in self.quotes.iter().enumerate() {
            let path = format!("quotes[{i}]");
            unique_id(&mut quote_ids, &q.id, "quotes", i, &path)?;
            chars.check_span(q.start, q.end, &q.text, &path)?;
            if let Some(cue) = &q.cue {
                chars.check_span(cue.start, cue.end, &cue.text, &format!("{path}.cue"))?;
            }
            if let Some(speaker) = &q.speaker {
                chars.check_span(speaker.start, speaker.end, &speaker.text, &format!("{path}.speaker"))?;
            }
            resolve(&q.entity, &format!("{path}.entity"))?;
        }
        Ok(())
    }
}

fn wrong_format(found: &str) -> ImportError {
    ImportError::new(
        "format",
        format!("expected \"{FORMAT_NAME}\", found {found}: this is not a saywho annotation file"),
    )
}

fn check_version(v: u64) -> Result<(), ImportError> {
    if v > FORMAT_VERSION as u64 {
        Err(ImportError::new(
            "version",
            format!(
                "the file is format version {v}, newer than this saywho reads (version {FORMAT_VERSION}): update saywho to open it"
            ),
        ))
    } else if v < FORMAT_VERSION as u64 {
        Err(ImportError::new(
            "version",
            format!("version {v} does not exist: this saywho reads version {FORMAT_VERSION}"),
        ))
    } else {
        Ok(())
    }
}

fn unique_id<'a>(
    seen: &mut HashMap<&'a str, usize>,
    id: &'a str,
    list: &str,
    i: usize,
    path: &str,
) -> Result<(), ImportError> {
    non_empty(id, &format!("{path}.id"), "a unique id")?;
    if let Some(first) = seen.insert(id, i) {
        return Err(ImportError::new(
            format!("{path}.id"),
            format!("duplicate id {}: {list}[{first}] already has it", describe_str(id)),
        ));
    }
    Ok(())
}

fn non_empty(s: &str, path: &str, what: &str) -> Result<(), ImportError> {
    if s.trim().is_empty() {
        return Err(ImportError::new(path, format!("is empty: expected {what}")));
    }
    Ok(())
}

impl CharIndex<'_> {
    /// The span `start..end` (code points) is non-empty, inside the text, and
    /// `text` is exactly what it covers.
    fn check_span(&self, start: usize, end: usize, text: &str, path: &str) -> Result<(), ImportError> {
        if start >= end {
            let why = if start == end { "is empty" } else { "ends before it starts" };
            return Err(ImportError::new(
                path,
                format!("the span {start}..{end} {why}: `start` must be less than `end`"),
            ));
        }
        if end > self.len() {
            return Err(ImportError::new(
                format!("{path}.end"),
                format!(
                    "{end} is past the end of the text, which has {} characters (offsets count Unicode code points)",
                    self.len()
                ),
            ));
        }
        let actual = self.slice(start, end);
        if actual != text {
            return Err(ImportError::new(
                format!("{path}.text"),
                mismatch(actual, text, start, end),
            ));
        }
        Ok(())
    }
}

/// "does not match …: expected …, found …", both shortened around the first
/// difference so a long quote still gives a readable message.
fn mismatch(expected: &str, found: &str, start: usize, end: usize) -> String {
    let diff = expected.chars().zip(found.chars()).take_while(|(a, b)| a == b).count();
    format!(
        "does not match the document text at {start}..{end}: expected {}, found {}{}",
        shorten(expected, diff),
        shorten(found, diff),
        if diff > 0 { format!(" (the first difference is character {} of the span)", diff + 1) } else { String::new() }
    )
}

/// A quoted excerpt of `s` of at most about 60 characters around char `at`.
fn shorten(s: &str, at: usize) -> String {
    const BEFORE: usize = 20;
    const MAX: usize = 60;
    let n = s.chars().count();
    if n <= MAX {
        return describe_str(s);
    }
    let from = at.saturating_sub(BEFORE).min(n - MAX);
    let excerpt: String = s.chars().skip(from).take(MAX).collect();
    let head = if from > 0 { "…" } else { "" };
    let tail = if from + MAX < n { "…" } else { "" };
    format!("{}{head}{}{tail}{} ({n} characters)", '"', escape(&excerpt), '"')
}

fn describe_str(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

/// Control characters (newlines included) shown as escapes, so one error
/// stays on one line.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

// ---- From JSON values to the document, with a path for every error ----

/// What a JSON value is, for "expected X, found Y" messages.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {}", shorten(s, 0)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn expected(path: &str, what: &str, found: &Value) -> ImportError {
    ImportError::new(path, format!("expected {what}, found {}", describe(found)))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// An object's field, or an error naming it when it is missing.
fn field<'v>(obj: &'v Map<String, Value>, path: &str, key: &str, what: &str) -> Result<&'v Value, ImportError> {
    obj.get(key)
        .ok_or_else(|| ImportError::new(join(path, key), format!("is missing: expected {what}")))
}

fn object<'v>(v: &'v Value, path: &str, what: &str) -> Result<&'v Map<String, Value>, ImportError> {
    v.as_object().ok_or_else(|| expected(path, what, v))
}

fn string(obj: &Map<String, Value>, path: &str, key: &str, what: &str) -> Result<String, ImportError> {
    let v = field(obj, path, key, what)?;
    v.as_str().map(str::to_string).ok_or_else(|| expected(&join(path, key), what, v))
}

/// A field that may be null or absent.
fn optional<'v>(obj: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    obj.get(key).filter(|v| !v.is_null())
}

fn optional_string(obj: &Map<String, Value>, path: &str, key: &str, what: &str) -> Result<Option<String>, ImportError> {
    match optional(obj, key) {
        None => Ok(None),
        Some(v) => v.as_str().map(|s| Some(s.to_string())).ok_or_else(|| expected(&join(path, key), what, v)),
    }
}

fn offset(obj: &Map<String, Value>, path: &str, key: &str) -> Result<usize, ImportError> {
    const WHAT: &str = "a character offset (a whole number, 0 or more)";
    let v = field(obj, path, key, WHAT)?;
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| expected(&join(path, key), WHAT, v))
}

fn list<'v>(obj: &'v Map<String, Value>, key: &str, what: &str) -> Result<&'v Vec<Value>, ImportError> {
    let what = format!("an array of {what} (it may be empty: [])");
    let v = field(obj, "", key, &what)?;
    v.as_array().ok_or_else(|| expected(key, &what, v))
}

fn document(v: &Value) -> Result<Document, ImportError> {
    let root = v.as_object().ok_or_else(|| {
        ImportError::new("", format!("expected a saywho annotation file (a JSON object), found {}", describe(v)))
    })?;
    let format = field(root, "", "format", &format!("\"{FORMAT_NAME}\": this is not a saywho annotation file"))?;
    if format.as_str() != Some(FORMAT_NAME) {
        let found = match format.as_str() {
            Some(s) => describe_str(s),
            None => describe(format),
        };
        return Err(wrong_format(&found));
    }
    let version = field(root, "", "version", &format!("the format version ({FORMAT_VERSION})"))?;
    let version = version
        .as_u64()
        .ok_or_else(|| expected("version", &format!("the format version, a whole number ({FORMAT_VERSION})"), version))?;
    check_version(version)?;
    let text = string(root, "", "text", "the document's text (a string)")?;

    let entities = list(root, "entities", "entities")?
        .iter()
        .enumerate()
        .map(|(i, v)| entity(v, &format!("entities[{i}]")))
        .collect::<Result<_, _>>()?;
    let mentions = list(root, "mentions", "mentions")?
        .iter()
        .enumerate()
        .map(|(i, v)| mention(v, &format!("mentions[{i}]")))
        .collect::<Result<_, _>>()?;
    let quotes = list(root, "quotes", "quotes")?
        .iter()
        .enumerate()
        .map(|(i, v)| quote(v, &format!("quotes[{i}]")))
        .collect::<Result<_, _>>()?;
    Ok(Document { format: FORMAT_NAME.to_string(), version: FORMAT_VERSION, text, entities, mentions, quotes })
}

fn entity(v: &Value, path: &str) -> Result<Entity, ImportError> {
    let o = object(v, path, "an entity (an object with id, label, name)")?;
    Ok(Entity {
        id: string(o, path, "id", "an id such as \"E1\"")?,
        label: string(o, path, "label", "a label such as \"PERSON\"")?,
        name: string(o, path, "name", "the entity's display name (a string)")?,
        gender: gender(o, path)?,
    })
}

/// The optional `gender` of an entity: absent or null, else `{ "value", "origin" }`.
fn gender(o: &Map<String, Value>, path: &str) -> Result<Option<GenderTag>, ImportError> {
    const WHAT: &str = "one of \"female\", \"male\", \"other\", \"unknown\"";
    let Some(v) = optional(o, "gender") else { return Ok(None) };
    let path = join(path, "gender");
    let g = object(v, &path, "a gender (an object with value and origin), or null")?;
    let value = field(g, &path, "value", WHAT)?;
    let value = value.as_str().and_then(GenderValue::parse).ok_or_else(|| expected(&join(&path, "value"), WHAT, value))?;
    Ok(Some(GenderTag { value, origin: origin(g, &path)? }))
}

fn mention(v: &Value, path: &str) -> Result<Mention, ImportError> {
    let o = object(v, path, "a mention (an object with id, start, end, text, label, entity, origin)")?;
    Ok(Mention {
        id: string(o, path, "id", "an id such as \"M1\"")?,
        start: offset(o, path, "start")?,
        end: offset(o, path, "end")?,
        text: string(o, path, "text", "the text the span covers (a string)")?,
        label: string(o, path, "label", "a label such as \"PERSON\"")?,
        entity: optional_string(o, path, "entity", "an entity id such as \"E1\", or null")?,
        origin: origin(o, path)?,
    })
}

fn quote(v: &Value, path: &str) -> Result<Quote, ImportError> {
    let o = object(v, path, "a quote (an object with id, start, end, text, kind, cue, speaker, entity, origin)")?;
    Ok(Quote {
        id: string(o, path, "id", "an id such as \"Q1\"")?,
        start: offset(o, path, "start")?,
        end: offset(o, path, "end")?,
        text: string(o, path, "text", "the text the span covers (a string)")?,
        kind: quote_kind(o, path)?,
        cue: optional_span(o, path, "cue")?,
        speaker: optional_span(o, path, "speaker")?,
        entity: optional_string(o, path, "entity", "an entity id such as \"E1\", or null")?,
        origin: origin(o, path)?,
    })
}

fn optional_span(o: &Map<String, Value>, path: &str, key: &str) -> Result<Option<Span>, ImportError> {
    let Some(v) = optional(o, key) else { return Ok(None) };
    let path = join(path, key);
    let s = object(v, &path, "a span (an object with start, end, text), or null")?;
    Ok(Some(Span {
        start: offset(s, &path, "start")?,
        end: offset(s, &path, "end")?,
        text: string(s, &path, "text", "the text the span covers (a string)")?,
    }))
}

fn quote_kind(o: &Map<String, Value>, path: &str) -> Result<QuoteKind, ImportError> {
    const WHAT: &str = "one of \"direct\", \"indirect\", \"partial\"";
    let v = field(o, path, "kind", WHAT)?;
    match v.as_str() {
        Some("direct") => Ok(QuoteKind::Direct),
        Some("indirect") => Ok(QuoteKind::Indirect),
        Some("partial") => Ok(QuoteKind::Partial),
        _ => Err(expected(&join(path, "kind"), WHAT, v)),
    }
}

fn origin(o: &Map<String, Value>, path: &str) -> Result<Origin, ImportError> {
    const WHAT: &str = "\"auto\" or \"manual\"";
    let v = field(o, path, "origin", WHAT)?;
    match v.as_str() {
        Some("auto") => Ok(Origin::Auto),
        Some("manual") => Ok(Origin::Manual),
        _ => Err(expected(&join(path, "origin"), WHAT, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const TEXT: &str = "Ahmed said: “Prices rose.” The café’s owner 😀 agreed.\nShe left.";

    /// Code-point span of the first occurrence of `needle` in TEXT.
    fn at(needle: &str) -> (usize, usize) {
        crate::export::char_index::span_of(TEXT, needle)
    }

    fn span(needle: &str) -> Span {
        let (start, end) = at(needle);
        Span { start, end, text: needle.to_string() }
    }

    /// A valid document exercising every field, with non-ASCII text before
    /// and inside spans so code points and bytes differ.
    fn base() -> Document {
        let (ms, me) = at("Ahmed");
        let (cs, ce) = at("café’s owner 😀");
        let (qs, qe) = at("“Prices rose.”");
        let mut doc = Document::empty(TEXT);
        doc.entities = vec![
            Entity { id: "E1".into(), label: "PERSON".into(), name: "Ahmed".into(), gender: None },
            Entity { id: "E2".into(), label: "ORG".into(), name: "café".into(), gender: None },
        ];
        doc.mentions = vec![
            Mention { id: "M1".into(), start: ms, end: me, text: "Ahmed".into(), label: "PERSON".into(), entity: Some("E1".into()), origin: Origin::Auto },
            Mention { id: "M2".into(), start: cs, end: ce, text: "café’s owner 😀".into(), label: "MY-LABEL".into(), entity: None, origin: Origin::Manual },
        ];
        doc.quotes = vec![
            Quote { id: "Q1".into(), start: qs, end: qe, text: "“Prices rose.”".into(), kind: QuoteKind::Direct, cue: Some(span("said")), speaker: Some(span("Ahmed")), entity: Some("E1".into()), origin: Origin::Auto },
            Quote { id: "Q2".into(), start: at("left").0, end: at("left").1, text: "left".into(), kind: QuoteKind::Partial, cue: None, speaker: Some(span("She")), entity: None, origin: Origin::Manual },
        ];
        doc
    }

    fn base_value() -> Value {
        serde_json::from_str(&base().to_json()).unwrap()
    }

    /// Applies `edit` (JSON pointer, new value or None to remove) to the base
    /// document and checks the import error's path and message.
    fn check(pointer: &str, new: Option<Value>, path: &str, fragment: &str) {
        let mut v = base_value();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
        match (target, new) {
            (Value::Object(o), Some(n)) => {
                o.insert(key.to_string(), n);
            }
            (Value::Object(o), None) => {
                o.remove(key);
            }
            (Value::Array(a), Some(n)) => a[key.parse::<usize>().unwrap()] = n,
            (Value::Array(a), None) => {
                a.remove(key.parse::<usize>().unwrap());
            }
            _ => panic!("bad pointer {pointer}"),
        }
        let err = parse_document(&v.to_string()).expect_err(pointer);
        assert_eq!(err.path, path, "{pointer}: {err}");
        assert!(err.message.contains(fragment), "{pointer}: {err:?} lacks {fragment:?}");
    }

    #[test]
    fn gender_round_trip() {
        let mut doc = base();
        doc.entities[0].gender = Some(GenderTag { value: GenderValue::Other, origin: Origin::Manual });
        let json = doc.to_json();
        assert!(json.contains("\"gender\": {\n        \"value\": \"other\",\n        \"origin\": \"manual\"\n      }"), "{json}");
        assert_eq!(parse_document(&json), Ok(doc.clone()));
        // Absent and null both read as no gender; no gender is not written.
        let mut v = base_value();
        v["entities"][0]["gender"] = Value::Null;
        assert_eq!(parse_document(&v.to_string()).map(|d| d.entities[0].gender), Ok(None));
        assert!(!base().to_json().contains("gender"));
    }

    #[test]
    fn round_trip() {
        let doc = base();
        assert_eq!(doc.validate(), Ok(()));
        assert_eq!(parse_document(&doc.to_json()), Ok(doc.clone()));
        assert_eq!(parse_document(&doc.to_json_line()), Ok(doc));
        let empty = Document::empty("");
        assert_eq!(parse_document(&empty.to_json()), Ok(empty));
    }

    #[test]
    fn whole_file_errors() {
        let cases: &[(&str, &str)] = &[
            ("", "not valid JSON at line 1, column 0"),
            ("{\"format\": \"saywho-annotations\",\n \"version\": 1,", "line 2, column 14"),
            ("{\"format\": \"saywho-annotations\",\n \"version\": 1,", "cut short"),
            ("{'format': 1}", "line 1, column 2"),
            ("[1, 2]", "expected a saywho annotation file (a JSON object), found an array"),
            ("\"hello\"", "found the string \"hello\""),
            ("null", "found null"),
        ];
        for (input, fragment) in cases {
            let err = parse_document(input).expect_err(input);
            assert_eq!(err.path, "", "{input}");
            assert!(err.message.contains(fragment), "{input}: {err:?} lacks {fragment:?}");
        }
    }

    #[test]
    fn field_errors() {
        let cases: Vec<(&str, Option<Value>, &str, &str)> = vec![
            // format and version
            ("/format", None, "format", "is missing"),
            ("/format", Some(json!("saywho")), "format", "expected \"saywho-annotations\", found \"saywho\""),
            ("/format", Some(json!(3)), "format", "found the number 3"),
            ("/version", None, "version", "is missing"),
            ("/version", Some(json!(2)), "version", "newer than this saywho reads (version 1): update saywho"),
            ("/version", Some(json!(0)), "version", "version 0 does not exist"),
            ("/version", Some(json!("1")), "version", "found the string \"1\""),
            ("/version", Some(json!(1.5)), "version", "found the number 1.5"),
            // top-level fields
            ("/text", None, "text", "is missing"),
            ("/text", Some(json!(null)), "text", "found null"),
            ("/entities", None, "entities", "is missing: expected an array of entities"),
            ("/mentions", Some(json!({})), "mentions", "expected an array of mentions (it may be empty: []), found an object"),
            ("/quotes", Some(json!("none")), "quotes", "found the string \"none\""),
            // the optional gender of an entity
            ("/entities/0/gender", Some(json!("female")), "entities[0].gender", "expected a gender (an object with value and origin)"),
            ("/entities/0/gender", Some(json!({"origin": "auto"})), "entities[0].gender.value", "is missing"),
            ("/entities/0/gender", Some(json!({"value": "f", "origin": "auto"})), "entities[0].gender.value", "one of \"female\", \"male\", \"other\", \"unknown\""),
            ("/entities/0/gender", Some(json!({"value": "male"})), "entities[0].gender.origin", "is missing"),
            // wrong shapes and types inside the lists
            ("/entities/1", Some(json!("E2")), "entities[1]", "expected an entity"),
            ("/entities/0/label", None, "entities[0].label", "is missing"),
            ("/entities/1/name", Some(json!(["café"])), "entities[1].name", "found an array"),
            ("/mentions/1/start", Some(json!(-1)), "mentions[1].start", "expected a character offset (a whole number, 0 or more), found the number -1"),
            ("/mentions/1/end", Some(json!("17")), "mentions[1].end", "found the string \"17\""),
            ("/mentions/0/origin", Some(json!("robot")), "mentions[0].origin", "expected \"auto\" or \"manual\", found the string \"robot\""),
            ("/mentions/0/origin", None, "mentions[0].origin", "is missing"),
            ("/mentions/0/entity", Some(json!(1)), "mentions[0].entity", "expected an entity id such as \"E1\", or null, found the number 1"),
            ("/quotes/0/kind", Some(json!("Direct")), "quotes[0].kind", "expected one of \"direct\", \"indirect\", \"partial\", found the string \"Direct\""),
            ("/quotes/0/cue", Some(json!("said")), "quotes[0].cue", "expected a span (an object with start, end, text), or null"),
            ("/quotes/0/speaker/start", None, "quotes[0].speaker.start", "is missing"),
            ("/quotes/1/speaker/text", Some(json!(true)), "quotes[1].speaker.text", "found true"),
            // spans: empty, reversed, out of range, text mismatch
            ("/mentions/0/end", Some(json!(0)), "mentions[0]", "the span 0..0 is empty"),
            ("/quotes/0/start", Some(json!(30)), "quotes[0]", "the span 30..26 ends before it starts"),
            ("/quotes/1/end", Some(json!(99)), "quotes[1].end", "99 is past the end of the text, which has 63 characters"),
            ("/mentions/0/text", Some(json!("Ahmad")), "mentions[0].text", "expected \"Ahmed\", found \"Ahmad\" (the first difference is character 4 of the span)"),
            ("/mentions/1/text", Some(json!("cafe’s owner 😀")), "mentions[1].text", "at 31..45: expected \"café’s owner 😀\""),
            ("/quotes/0/cue/start", Some(json!(5)), "quotes[0].cue.text", "expected \" said\", found \"said\""),
            ("/quotes/0/speaker/text", Some(json!("Ahmed ")), "quotes[0].speaker.text", "expected \"Ahmed\""),
            // ids and references
            ("/entities/1/id", Some(json!("E1")), "entities[1].id", "duplicate id \"E1\": entities[0] already has it"),
            ("/mentions/1/id", Some(json!("M1")), "mentions[1].id", "duplicate id \"M1\""),
            ("/quotes/1/id", Some(json!("Q1")), "quotes[1].id", "duplicate id \"Q1\": quotes[0]"),
            ("/quotes/1/id", Some(json!("")), "quotes[1].id", "is empty"),
            ("/mentions/0/entity", Some(json!("E9")), "mentions[0].entity", "refers to entity \"E9\", which is not in `entities`"),
            ("/quotes/0/entity", Some(json!("E3")), "quotes[0].entity", "refers to entity \"E3\""),
            ("/entities/0", None, "mentions[0].entity", "refers to entity \"E1\""),
            // labels and names
            ("/entities/0/label", Some(json!("")), "entities[0].label", "is empty: expected a label"),
            ("/mentions/0/label", Some(json!("  ")), "mentions[0].label", "is empty"),
            ("/entities/1/name", Some(json!("")), "entities[1].name", "is empty"),
        ];
        for (pointer, new, path, fragment) in cases {
            check(pointer, new, path, fragment);
        }
    }

    #[test]
    fn accepted_variations() {
        // Unknown fields are ignored (later versions may add some); absent
        // nullable fields read as null; a byte order mark is skipped.
        let mut v = base_value();
        v["generator"] = json!("another tool");
        v["quotes"][0]["confidence"] = json!(0.9);
        v["mentions"][0].as_object_mut().unwrap().remove("entity");
        v["quotes"][1].as_object_mut().unwrap().remove("cue");
        let doc = parse_document(&format!("\u{FEFF}{v}")).unwrap();
        let mut want = base();
        want.mentions[0].entity = None;
        assert_eq!(doc, want);
    }

    #[test]
    fn long_mismatches_are_shortened_around_the_difference() {
        let text = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let mut doc = Document::empty(&text);
        let mut wrong = text.clone();
        wrong.replace_range(500..501, "Y");
        doc.quotes.push(Quote {
            id: "Q1".into(), start: 0, end: 1001, text: wrong, kind: QuoteKind::Direct,
            cue: None, speaker: None, entity: None, origin: Origin::Auto,
        });
        let err = doc.validate().unwrap_err();
        assert_eq!(err.path, "quotes[0].text");
        assert!(err.message.len() < 400, "{}", err.message);
        assert!(err.message.contains("aaaaX"), "{}", err.message);
        assert!(err.message.contains("aaaaY"), "{}", err.message);
        assert!(err.message.contains("(1001 characters)"), "{}", err.message);
        assert!(err.message.contains("character 501 of the span"), "{}", err.message);
    }

    #[test]
    fn control_characters_are_escaped_in_messages() {
        let mut doc = Document::empty("a\nb");
        doc.mentions.push(Mention { id: "M1".into(), start: 0, end: 3, text: "a b".into(), label: "X".into(), entity: None, origin: Origin::Auto });
        let err = doc.validate().unwrap_err();
        assert_eq!(err.to_string(), "mentions[0].text: does not match the document text at 0..3: expected \"a\\nb\", found \"a b\" (the first difference is character 2 of the span)");
    }

    #[test]
    fn validate_checks_format_and_version_of_built_documents() {
        let mut doc = base();
        doc.format = "other".into();
        assert_eq!(doc.validate().unwrap_err().path, "format");
        let mut doc = base();
        doc.version = 7;
        assert!(doc.validate().unwrap_err().message.contains("version 7, newer"));
    }

    #[test]
    fn large_documents_validate_in_one_pass() {
        // 50,000 words with a non-ASCII character in each, one mention per
        // word: quadratic offset conversion would take minutes here.
        let word = "naïve ";
        let text = word.repeat(50_000);
        let mut doc = Document::empty(&text);
        for i in 0..50_000 {
            let start = i * 6;
            doc.mentions.push(Mention { id: format!("M{i}"), start, end: start + 5, text: "naïve".into(), label: "MISC".into(), entity: None, origin: Origin::Auto });
        }
        assert_eq!(parse_document(&doc.to_json()), Ok(doc));
    }
}
