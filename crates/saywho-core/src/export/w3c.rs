//! W3C Web Annotation export and import (JSON-LD, <https://www.w3.org/TR/annotation-model/>).
//!
//! In: a [`Document`]. Out: one `AnnotationCollection` whose first page holds
//! one `Annotation` per mention and per quote, each targeting the document's
//! text with a `TextPositionSelector` (code points, as the model counts) and a
//! `TextQuoteSelector` (exact, prefix, suffix). A mention's bodies are its
//! label (`tagging`) and its entity (`identifying`, a link to the entity's
//! IRI); a quote's are its kind (`classifying`), its speaker entity (a linked
//! body, `identifying`, role `speaker`) and the spans of its speaker and cue
//! (`describing`, with selectors). What the model has no term for lives in the
//! `saywho:` namespace: the text, the entities (name, label, gender), each
//! annotation's origin. [`from_w3c`] reads it back: `from_w3c(&to_w3c_json(d))`
//! gives `d` for every valid document. The field layout is in docs/formats.md.
//!
//! IRIs: the text is `urn:saywho:text:<FNV-1a 64 of its UTF-8, hex>`, and
//! every annotation and entity is that IRI with `#` and its id.

use serde_json::{json, Map, Value};

use super::char_index::CharIndex;
use super::format::{Document, Entity, GenderTag, GenderValue, Mention, Origin, Quote, QuoteKind, Span, FORMAT_NAME, FORMAT_VERSION};
use super::validate::ImportError;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The namespace of saywho's own terms (a reserved domain: never fetched, never resolvable).
pub const VOCAB: &str = "https://saywho.invalid/ns#";
/// Code points of context a `TextQuoteSelector` keeps on either side.
pub const AFFIX: usize = 32;

/// The text's IRI: `urn:saywho:text:` and the FNV-1a 64-bit hash of its bytes.
pub fn text_iri(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("urn:saywho:text:{h:016x}")
}

/// The collection for `doc`, as a JSON value.
pub fn to_w3c(doc: &Document) -> Value {
    let iri = text_iri(&doc.text);
    let cps = CharIndex::new(&doc.text);
    let target = |start: usize, end: usize| -> Value {
        json!({
            "source": iri,
            "selector": [
                { "type": "TextPositionSelector", "start": start, "end": end },
                {
                    "type": "TextQuoteSelector",
                    "exact": cps.slice(start, end),
                    "prefix": cps.slice(start.saturating_sub(AFFIX), start),
                    "suffix": cps.slice(end, end + AFFIX),
                },
            ],
        })
    };
    let link = |entity: &str| format!("{iri}#{entity}");
    let annotation = |id: &str, motivation: &str, body: Vec<Value>, start: usize, end: usize, origin: Origin| {
        json!({
            "id": link(id),
            "type": "Annotation",
            "motivation": motivation,
            "body": body,
            "target": target(start, end),
            "saywho:origin": origin_str(origin),
        })
    };
    let mut items = Vec::with_capacity(doc.mentions.len() + doc.quotes.len());
    for m in &doc.mentions {
        let mut body = vec![json!({ "type": "TextualBody", "purpose": "tagging", "value": m.label })];
        if let Some(e) = &m.entity {
            body.push(json!({ "type": "SpecificResource", "purpose": "identifying", "source": link(e) }));
        }
        items.push(annotation(&m.id, "identifying", body, m.start, m.end, m.origin));
    }
    for q in &doc.quotes {
        let mut body = vec![json!({ "type": "TextualBody", "purpose": "classifying", "value": q.kind.as_str() })];
        if let Some(e) = &q.entity {
            body.push(json!({ "type": "SpecificResource", "purpose": "identifying", "saywho:role": "speaker", "source": link(e) }));
        }
        for (role, span) in [("speaker", &q.speaker), ("cue", &q.cue)] {
            if let Some(s) = span {
                let mut b = target(s.start, s.end);
                b["type"] = json!("SpecificResource");
                b["purpose"] = json!("describing");
                b["saywho:role"] = json!(role);
                body.push(b);
            }
        }
        items.push(annotation(&q.id, "describing", body, q.start, q.end, q.origin));
    }
    let entities: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let mut v = json!({ "id": link(&e.id), "type": "saywho:Entity", "label": e.name, "saywho:entityType": e.label });
            if let Some(g) = e.gender {
                v["saywho:gender"] = json!(g.value.as_str());
                v["saywho:genderOrigin"] = json!(origin_str(g.origin));
            }
            v
        })
        .collect();
    json!({
        "@context": [CONTEXT, { "saywho": VOCAB }],
        "id": format!("{iri}#annotations"),
        "type": "AnnotationCollection",
        "label": "saywho annotations",
        "total": items.len(),
        "saywho:format": FORMAT_NAME,
        "saywho:version": FORMAT_VERSION,
        "saywho:text": doc.text,
        "saywho:entities": entities,
        "first": { "type": "AnnotationPage", "items": items },
    })
}

/// [`to_w3c`], pretty-printed with a trailing newline (deterministic: keys sorted).
pub fn to_w3c_json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(&to_w3c(doc)).unwrap_or_default();
    s.push('\n');
    s
}

fn origin_str(o: Origin) -> &'static str {
    match o {
        Origin::Auto => "auto",
        Origin::Manual => "manual",
    }
}

/// What [`from_w3c`] read: the document, and how many annotations it left
/// out because they are not saywho's kind (a comment, a highlight from another tool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct W3cImport {
    pub document: Document,
    pub skipped: usize,
}

/// Reads a collection written by [`to_w3c`] (or by another tool that keeps
/// its layout) back into a document, validated like any annotation file.
/// Offsets come from the `TextPositionSelector`; without one, from the
/// `TextQuoteSelector` (its exact text, placed by prefix and suffix).
pub fn from_w3c(json: &str) -> Result<W3cImport, ImportError> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let root: Value = serde_json::from_str(json)
        .map_err(|e| err("", format!("this is not JSON (line {}, column {}): {e}", e.line(), e.column())))?;
    let root = root.as_object().ok_or_else(|| err("", "expected a W3C AnnotationCollection (a JSON object)"))?;
    if root.get("type").and_then(Value::as_str) != Some("AnnotationCollection") {
        return Err(err("type", "expected \"AnnotationCollection\": this is not a W3C annotation collection written by saywho"));
    }
    let text = root
        .get("saywho:text")
        .and_then(Value::as_str)
        .ok_or_else(|| err("saywho:text", "is missing: saywho needs the annotated text, which it writes here"))?
        .to_string();
    let cps = CharIndex::new(&text);
    let mut doc = Document::empty(&text);
    for (i, e) in array(root, "saywho:entities", "")?.iter().enumerate() {
        doc.entities.push(entity(e, &format!("saywho:entities[{i}]"), i)?);
    }
    let first = root.get("first").and_then(Value::as_object).ok_or_else(|| err("first", "is missing: expected the AnnotationPage with the items"))?;
    let mut skipped = 0;
    for (i, item) in array(first, "items", "first")?.iter().enumerate() {
        let path = format!("first.items[{i}]");
        let a = item.as_object().ok_or_else(|| err(&path, "expected an annotation (an object)"))?;
        let bodies: Vec<&Map<String, Value>> = match a.get("body") {
            Some(Value::Array(b)) => b.iter().filter_map(Value::as_object).collect(),
            Some(Value::Object(b)) => vec![b],
            _ => Vec::new(),
        };
        let value_of = |purpose: &str| {
            bodies.iter().find(|b| b.get("purpose").and_then(Value::as_str) == Some(purpose)).and_then(|b| b.get("value")).and_then(Value::as_str)
        };
        let linked = bodies
            .iter()
            .find(|b| b.get("purpose").and_then(Value::as_str) == Some("identifying") && !b.contains_key("selector"))
            .and_then(|b| b.get("source"))
            .and_then(Value::as_str)
            .map(|s| fragment(s).to_string());
        let origin = match a.get("saywho:origin").and_then(Value::as_str) {
            None | Some("auto") => Origin::Auto,
            Some("manual") => Origin::Manual,
            Some(o) => return Err(err(&format!("{path}.saywho:origin"), format!("expected \"auto\" or \"manual\", found {o:?}"))),
        };
        let id = a.get("id").and_then(Value::as_str).map(fragment).filter(|f| !f.is_empty());
        if let Some(label) = value_of("tagging") {
            let (start, end) = selected(a.get("target"), &cps, &format!("{path}.target"))?;
            let n = doc.mentions.len() + 1;
            doc.mentions.push(Mention {
                id: id.map_or(format!("M{n}"), str::to_string),
                start,
                end,
                text: cps.slice(start, end).to_string(),
                label: label.to_string(),
                entity: linked,
                origin,
            });
        } else if let Some(kind) = value_of("classifying") {
            let kind = match kind {
                "direct" => QuoteKind::Direct,
                "indirect" => QuoteKind::Indirect,
                "partial" => QuoteKind::Partial,
                k => return Err(err(&format!("{path}.body"), format!("a quote's kind is \"direct\", \"indirect\" or \"partial\", found {k:?}"))),
            };
            let (start, end) = selected(a.get("target"), &cps, &format!("{path}.target"))?;
            let span_of = |role: &str| -> Result<Option<Span>, ImportError> {
                let Some((j, b)) = bodies.iter().enumerate().find(|(_, b)| {
                    b.get("saywho:role").and_then(Value::as_str) == Some(role) && b.contains_key("selector")
                }) else {
                    return Ok(None);
                };
                let (s, e) = selected_in(b, &cps, &format!("{path}.body[{j}]"))?;
                Ok(Some(Span { start: s, end: e, text: cps.slice(s, e).to_string() }))
            };
            let speaker = span_of("speaker")?;
            let cue = span_of("cue")?;
            let n = doc.quotes.len() + 1;
            doc.quotes.push(Quote {
                id: id.map_or(format!("Q{n}"), str::to_string),
                start,
                end,
                text: cps.slice(start, end).to_string(),
                kind,
                cue,
                speaker,
                entity: linked,
                origin,
            });
        } else {
            skipped += 1;
        }
    }
    doc.validate()?;
    Ok(W3cImport { document: doc, skipped })
}

/// Reads either kind of file saywho writes: a W3C collection ([`from_w3c`])
/// or an annotation file ([`crate::parse_document`], nothing skipped).
pub fn read_any(json: &str) -> Result<W3cImport, ImportError> {
    let body = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let w3c = serde_json::from_str::<Value>(body).ok().is_some_and(|v| v.get("type").and_then(Value::as_str) == Some("AnnotationCollection"));
    if w3c {
        from_w3c(json)
    } else {
        super::validate::parse_document(json).map(|document| W3cImport { document, skipped: 0 })
    }
}

fn err(path: &str, message: impl Into<String>) -> ImportError {
    ImportError { path: path.to_string(), message: message.into() }
}

/// What follows the last `#` of an IRI (the whole string when there is none).
fn fragment(iri: &str) -> &str {
    iri.rsplit_once('#').map_or(iri, |(_, f)| f)
}

static NO_ITEMS: Vec<Value> = Vec::new();

fn array<'v>(o: &'v Map<String, Value>, key: &str, at: &str) -> Result<&'v Vec<Value>, ImportError> {
    let path = if at.is_empty() { key.to_string() } else { format!("{at}.{key}") };
    match o.get(key) {
        None => Ok(&NO_ITEMS),
        Some(v) => v.as_array().ok_or_else(|| err(&path, "expected an array")),
    }
}

fn entity(v: &Value, path: &str, i: usize) -> Result<Entity, ImportError> {
    let o = v.as_object().ok_or_else(|| err(path, "expected an entity (an object with id, label, saywho:entityType)"))?;
    let s = |k: &str| o.get(k).and_then(Value::as_str);
    let name = s("label").ok_or_else(|| err(&format!("{path}.label"), "is missing: expected the entity's name"))?;
    let label = s("saywho:entityType").ok_or_else(|| err(&format!("{path}.saywho:entityType"), "is missing: expected a label such as \"PERSON\""))?;
    let gender = match s("saywho:gender") {
        None => None,
        Some(g) => {
            let value = GenderValue::parse(g)
                .ok_or_else(|| err(&format!("{path}.saywho:gender"), format!("expected \"female\", \"male\", \"other\" or \"unknown\", found {g:?}")))?;
            let origin = if s("saywho:genderOrigin") == Some("manual") { Origin::Manual } else { Origin::Auto };
            Some(GenderTag { value, origin })
        }
    };
    Ok(Entity {
        id: s("id").map(fragment).filter(|f| !f.is_empty()).map_or(format!("E{}", i + 1), str::to_string),
        label: label.to_string(),
        name: name.to_string(),
        gender,
    })
}

/// [`selected`] for a body that is itself a selection of the text (speaker, cue).
fn selected_in(body: &Map<String, Value>, cps: &CharIndex, path: &str) -> Result<(usize, usize), ImportError> {
    selected_by(body.get("selector"), cps, path)
}

fn selected(target: Option<&Value>, cps: &CharIndex, path: &str) -> Result<(usize, usize), ImportError> {
    selected_by(target.and_then(|t| t.get("selector")), cps, path)
}

/// The code-point span a target (or body) selects: its `TextPositionSelector`,
/// checked against its `TextQuoteSelector` when both are there; else the quote
/// selector's exact text, at the occurrence its prefix and suffix agree with.
fn selected_by(selector: Option<&Value>, cps: &CharIndex, path: &str) -> Result<(usize, usize), ImportError> {
    let sels: Vec<&Map<String, Value>> = match selector {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        Some(Value::Object(o)) => vec![o],
        _ => return Err(err(path, "has no selector: expected a TextPositionSelector or a TextQuoteSelector")),
    };
    let of = |t: &str| sels.iter().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let quote = of("TextQuoteSelector").map(|q| {
        let s = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or("");
        (s("exact"), s("prefix"), s("suffix"))
    });
    if let Some(p) = of("TextPositionSelector") {
        let n = |k: &str| p.get(k).and_then(Value::as_u64).map(|n| n as usize);
        let (Some(start), Some(end)) = (n("start"), n("end")) else {
            return Err(err(&format!("{path}.selector"), "the TextPositionSelector needs whole-number start and end"));
        };
        if start >= end || end > cps.len() {
            return Err(err(&format!("{path}.selector"), format!("the span {start}..{end} is not inside the text ({} characters)", cps.len())));
        }
        if let Some((exact, _, _)) = quote.filter(|(exact, _, _)| !exact.is_empty()) {
            let found = cps.slice(start, end);
            if found != exact {
                return Err(err(
                    &format!("{path}.selector"),
                    format!("the TextPositionSelector {start}..{end} covers {found:?} but the TextQuoteSelector says {exact:?}: the text is not the one annotated"),
                ));
            }
        }
        return Ok((start, end));
    }
    let Some((exact, prefix, suffix)) = quote.filter(|(exact, _, _)| !exact.is_empty()) else {
        return Err(err(&format!("{path}.selector"), "expected a TextPositionSelector or a TextQuoteSelector with its exact text"));
    };
    let len = exact.chars().count();
    let mut first = None;
    for (b, _) in cps.text.match_indices(exact) {
        let start = cps.char_at_byte(b);
        let end = start + len;
        first.get_or_insert((start, end));
        if cps.slice(0, start).ends_with(prefix) && cps.slice(end, cps.len()).starts_with(suffix) {
            return Ok((start, end));
        }
    }
    first.ok_or_else(|| err(&format!("{path}.selector"), format!("the TextQuoteSelector's exact text {exact:?} is not in the text")))
}

#[cfg(test)]
#[path = "w3c_tests.rs"]
mod tests;
