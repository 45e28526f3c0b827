//! The W3C Web Annotation export and import by example.

use super::*;
use serde_json::json;

const ARTICLE: &str = "😀 Ana Ruiz, the mayor, said: “We will build it.” Officials said the plan was late.\n\
Julie Hahn told reporters that costs had doubled. “It will fail,” she said.";

fn annotated() -> Document {
    crate::annotate(ARTICLE).document
}

/// The annotated article with corrections of every kind the format holds.
fn corrected() -> Document {
    let mut d = annotated();
    d.entities[0].gender = Some(GenderTag { value: GenderValue::Other, origin: Origin::Manual });
    d.mentions[0].origin = Origin::Manual;
    d.mentions.last_mut().unwrap().entity = None;
    let q = d.quotes.last_mut().unwrap();
    q.cue = None;
    q.speaker = None;
    q.entity = None;
    q.origin = Origin::Manual;
    d
}

#[test]
fn round_trips_what_the_format_holds() {
    for doc in [annotated(), corrected(), Document::empty(""), Document::empty("No names here.")] {
        let json = to_w3c_json(&doc);
        let back = from_w3c(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        assert_eq!(back, W3cImport { document: doc.clone(), skipped: 0 });
        // Deterministic: the same document gives the same bytes.
        assert_eq!(to_w3c_json(&back.document), json);
    }
}

#[test]
fn one_annotation_per_mention_and_quote_with_both_selectors() {
    let doc = annotated();
    assert!(doc.quotes.len() >= 3 && doc.mentions.len() >= 2, "{doc:?}");
    let v = to_w3c(&doc);
    assert_eq!(v["@context"][0], CONTEXT);
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), doc.mentions.len() + doc.quotes.len());
    assert_eq!(v["total"], items.len());
    let iri = text_iri(ARTICLE);
    // A mention: its label as a tag, its entity linked, the span selected both ways.
    let m = &doc.mentions[0];
    let a = &items[0];
    assert_eq!(a["id"], format!("{iri}#{}", m.id));
    assert_eq!((a["type"].as_str(), a["motivation"].as_str()), (Some("Annotation"), Some("identifying")));
    assert_eq!(a["body"][0], json!({ "type": "TextualBody", "purpose": "tagging", "value": m.label }));
    assert_eq!(a["body"][1]["source"], format!("{iri}#{}", m.entity.as_ref().unwrap()));
    assert_eq!(a["target"]["source"], iri);
    assert_eq!(a["target"]["selector"][0], json!({ "type": "TextPositionSelector", "start": m.start, "end": m.end }));
    let chars: Vec<char> = ARTICLE.chars().collect();
    let text = |a: usize, b: usize| chars[a.min(chars.len())..b.min(chars.len())].iter().collect::<String>();
    assert_eq!(
        a["target"]["selector"][1],
        json!({
            "type": "TextQuoteSelector",
            "exact": m.text,
            "prefix": text(m.start.saturating_sub(AFFIX), m.start),
            "suffix": text(m.end, m.end + AFFIX),
        })
    );
    // Code points, not UTF-16: the emoji counts once.
    assert_eq!(m.text, "Ana Ruiz");
    assert_eq!(a["target"]["selector"][0]["start"], 2);
    // A quote: its kind, its speaker as a linked body, speaker and cue spans.
    let (qi, q) = doc.quotes.iter().enumerate().find(|(_, q)| q.entity.is_some() && q.cue.is_some()).unwrap();
    let a = &items[doc.mentions.len() + qi];
    let body = a["body"].as_array().unwrap();
    assert_eq!(body[0], json!({ "type": "TextualBody", "purpose": "classifying", "value": q.kind.as_str() }));
    assert_eq!(
        body[1],
        json!({ "type": "SpecificResource", "purpose": "identifying", "saywho:role": "speaker", "source": format!("{iri}#{}", q.entity.as_ref().unwrap()) })
    );
    let roles: Vec<_> = body.iter().filter(|b| b.get("selector").is_some()).map(|b| b["saywho:role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["speaker", "cue"]);
    // Entities keep their name, label and gender.
    let hahn = v["saywho:entities"].as_array().unwrap().iter().find(|e| e["label"] == "Julie Hahn").unwrap();
    assert_eq!((hahn["saywho:entityType"].as_str(), hahn["saywho:gender"].as_str(), hahn["saywho:genderOrigin"].as_str()), (Some("PERSON"), Some("female"), Some("auto")));
}

#[test]
fn a_quote_selector_alone_is_placed_by_its_prefix_and_suffix() {
    let text = "He said no. She said no. They said yes.";
    let mut d = Document::empty(text);
    d.mentions.push(Mention { id: "M1".into(), start: 21, end: 23, text: "no".into(), label: "MISC".into(), entity: None, origin: Origin::Auto });
    let mut v = to_w3c(&d);
    // Another tool kept only the quote selector, with a short prefix.
    let sel = &mut v["first"]["items"][0]["target"]["selector"];
    *sel = json!([{ "type": "TextQuoteSelector", "exact": "no", "prefix": "said ", "suffix": ". They" }]);
    let back = from_w3c(&v.to_string()).unwrap().document;
    assert_eq!((back.mentions[0].start, back.mentions[0].end), (21, 23));
}

#[test]
fn foreign_annotations_are_counted_and_left_out() {
    let mut v = to_w3c(&annotated());
    let items = v["first"]["items"].as_array_mut().unwrap();
    items.push(json!({ "type": "Annotation", "motivation": "commenting", "body": { "type": "TextualBody", "value": "Check this" }, "target": "https://example.org/a" }));
    let back = from_w3c(&v.to_string()).unwrap();
    assert_eq!(back.skipped, 1);
    assert_eq!(back.document, annotated());
}

#[test]
fn bad_collections_are_refused_with_the_place_and_the_reason() {
    let base = to_w3c(&annotated());
    let case = |edit: &dyn Fn(&mut Value), path: &str, fragment: &str| {
        let mut v = base.clone();
        edit(&mut v);
        let e = from_w3c(&v.to_string()).expect_err(path);
        assert_eq!(e.path, path, "{e}");
        assert!(e.message.contains(fragment), "{e:?} lacks {fragment:?}");
    };
    assert_eq!(from_w3c("{").unwrap_err().path, "");
    assert!(from_w3c("[]").unwrap_err().message.contains("AnnotationCollection"));
    case(&|v| v["type"] = json!("AnnotationPage"), "type", "AnnotationCollection");
    case(&|v| v.as_object_mut().unwrap().remove("saywho:text").map(drop).unwrap_or(()), "saywho:text", "is missing");
    case(&|v| v["first"]["items"][0]["target"]["selector"][0]["end"] = json!(100_000), "first.items[0].target.selector", "not inside the text");
    case(&|v| v["first"]["items"][0]["target"]["selector"][1]["exact"] = json!("Bob"), "first.items[0].target.selector", "the text is not the one annotated");
    case(&|v| v["first"]["items"][0]["target"] = json!({ "source": "x" }), "first.items[0].target", "has no selector");
    case(&|v| v["first"]["items"][0]["saywho:origin"] = json!("robot"), "first.items[0].saywho:origin", "\"auto\" or \"manual\"");
    case(&|v| v["saywho:entities"][0]["saywho:gender"] = json!("f"), "saywho:entities[0].saywho:gender", "expected \"female\"");
    // What the importer builds is validated like an annotation file: ids must be unique.
    case(&|v| v["first"]["items"][1]["id"] = v["first"]["items"][0]["id"].clone(), "mentions[1].id", "");
}

#[test]
fn read_any_takes_either_file() {
    let doc = corrected();
    assert_eq!(read_any(&to_w3c_json(&doc)).map(|i| i.document), Ok(doc.clone()));
    assert_eq!(read_any(&format!("\u{feff}{}", doc.to_json())).map(|i| i.document), Ok(doc));
    assert_eq!(read_any("{\"format\": \"other\"}").unwrap_err().path, "format");
}
