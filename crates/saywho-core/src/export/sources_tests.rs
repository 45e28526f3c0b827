//! The sources report by example.

use super::*;
use crate::export::format::{Entity, GenderTag, Quote, Span};

const TEXT: &str = "Ana Ruiz said: “Prices rose, sharply.” Acme said costs fell. Officials said nothing. \
“Who knows?” Bo Lind said it was fine. Ruiz said she would stay.";

fn at(needle: &str) -> (usize, usize) {
    crate::export::char_index::span_of(TEXT, needle)
}

fn span(needle: &str) -> Span {
    let (start, end) = at(needle);
    Span { start, end, text: needle.to_string() }
}

fn quote(id: &str, text: &str, kind: QuoteKind, speaker: Option<&str>, entity: Option<&str>) -> Quote {
    let (start, end) = at(text);
    Quote {
        id: id.into(),
        start,
        end,
        text: text.into(),
        kind,
        cue: None,
        speaker: speaker.map(span),
        entity: entity.map(str::to_string),
        origin: Origin::Auto,
    }
}

fn entity(id: &str, label: &str, name: &str, gender: Option<(GenderValue, Origin)>) -> Entity {
    Entity {
        id: id.into(),
        label: label.into(),
        name: name.into(),
        gender: gender.map(|(value, origin)| GenderTag { value, origin }),
    }
}

fn doc() -> Document {
    let mut d = Document::empty(TEXT);
    d.entities = vec![
        entity("E1", "PERSON", "Ana Ruiz", Some((GenderValue::Female, Origin::Auto))),
        entity("E2", "ORG", "Acme", None),
        entity("E3", "PERSON", "Bo Lind", None),
    ];
    d.quotes = vec![
        quote("Q1", "“Prices rose, sharply.”", QuoteKind::Direct, Some("Ana Ruiz"), Some("E1")),
        quote("Q2", "costs fell", QuoteKind::Indirect, Some("Acme"), Some("E2")),
        quote("Q3", "nothing", QuoteKind::Indirect, Some("Officials"), None),
        quote("Q4", "“Who knows?”", QuoteKind::Direct, None, None),
        quote("Q5", "it was fine", QuoteKind::Indirect, Some("Bo Lind"), Some("E3")),
        quote("Q6", "she would stay", QuoteKind::Indirect, Some("Ruiz"), Some("E1")),
    ];
    d
}

fn ids(refs: &[QuoteRef]) -> Vec<&str> {
    refs.iter().map(|q| q.quote.as_str()).collect()
}

#[test]
fn one_document_rows() {
    let d = doc();
    let r = report(&d);
    assert_eq!((r.documents, r.quotes, r.words), (1, 6, 3 + 2 + 1 + 2 + 3 + 3));
    assert_eq!(r.distinct_sources(), 4);
    let names: Vec<_> = r.sources.iter().map(|s| (s.name.as_str(), s.kind, s.quotes, s.words)).collect();
    assert_eq!(
        names,
        vec![
            ("Ana Ruiz", SourceKind::Person, 2, 6),
            ("Bo Lind", SourceKind::Person, 1, 3),
            ("Acme", SourceKind::Organisation, 1, 2),
            // The quote with no source sorts after the sources it ties with.
            ("", SourceKind::None, 1, 2),
            ("Officials", SourceKind::Unnamed, 1, 1),
        ]
    );
    let ana = &r.sources[0];
    assert_eq!((ana.direct, ana.indirect, ana.partial, ana.documents), (1, 1, 0, 1));
    assert_eq!((ana.gender, ana.gender_origin, ana.entity.as_deref()), (Some(GenderValue::Female), Some(Origin::Auto), Some("E1")));
    assert_eq!(ids(&ana.refs), ["Q1", "Q6"]);
    // A person with no gender recorded counts as unknown; an organisation has none.
    assert_eq!((r.sources[1].gender, r.sources[1].gender_origin), (Some(GenderValue::Unknown), None));
    assert_eq!(r.sources[2].gender, None);
}

#[test]
fn bars_keep_their_quotes() {
    let r = report(&doc());
    let kinds = r.bars(Group::SourceKind);
    let got: Vec<_> = kinds.iter().map(|b| (b.label.as_str(), b.quotes, b.sources, ids(&b.refs))).collect();
    assert_eq!(
        got,
        vec![
            ("People", 3, 2, vec!["Q1", "Q5", "Q6"]),
            ("Organisations", 1, 1, vec!["Q2"]),
            ("Unnamed sources", 1, 1, vec!["Q3"]),
            ("No source", 1, 0, vec!["Q4"]),
        ]
    );
    let genders: Vec<_> = r.bars(Group::Gender).iter().map(|b| (b.label.clone(), b.quotes, b.sources)).collect();
    assert_eq!(genders, vec![("female".into(), 2, 1), ("male".into(), 0, 0), ("other".into(), 0, 0), ("unknown".into(), 1, 1)]);
    assert_eq!(r.people_by_gender()[0], (GenderValue::Female, 1));
    let kinds: Vec<_> = r.bars(Group::QuoteKind).iter().map(|b| (b.label.clone(), b.quotes, b.words, ids(&b.refs).join(" "))).collect();
    assert_eq!(
        kinds,
        vec![("direct".into(), 2, 5, "Q1 Q4".into()), ("indirect".into(), 4, 9, "Q2 Q3 Q5 Q6".into()), ("partial".into(), 0, 0, String::new())]
    );
    let sources = r.bars(Group::Source);
    assert_eq!(sources.len(), 5);
    assert_eq!((sources[3].label.as_str(), sources[3].sources), ("(no source)", 0));
    assert_eq!(ids(&sources[0].refs), ["Q1", "Q6"]);
}

#[test]
fn csv_is_one_row_per_source() {
    let csv = report(&doc()).to_csv();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<_> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines,
        vec![
            "source,kind,label,gender,gender_origin,quotes,quoted_words,direct,indirect,partial,documents",
            "Ana Ruiz,person,PERSON,female,auto,2,6,1,1,0,1",
            "Bo Lind,person,PERSON,unknown,,1,3,0,1,0,1",
            "Acme,organisation,ORG,,,1,2,0,1,0,1",
            ",none,,,,1,2,1,0,0,1",
            "Officials,unnamed,,,,1,1,0,1,0,1",
            "",
        ]
    );
}

#[test]
fn documents_merge_by_source() {
    let a = doc();
    let mut b = doc();
    // The second document: a user said Bo Lind is male, and re-typed Ana Ruiz's gender.
    b.entities[2].gender = Some(GenderTag { value: GenderValue::Male, origin: Origin::Manual });
    b.entities[0].gender = Some(GenderTag { value: GenderValue::Other, origin: Origin::Manual });
    b.entities[0].name = "ANA RUIZ".into();
    b.quotes.truncate(2);
    let r = report_many(&[a, b]);
    assert_eq!(r.documents, 2);
    assert_eq!(r.quotes, 8);
    let ana = &r.sources[0];
    assert_eq!((ana.name.as_str(), ana.quotes, ana.documents), ("Ana Ruiz", 3, 2));
    assert_eq!((ana.gender, ana.gender_origin), (Some(GenderValue::Other), Some(Origin::Manual)));
    assert_eq!(ana.refs.iter().map(|q| (q.doc, q.quote.as_str())).collect::<Vec<_>>(), [(0, "Q1"), (0, "Q6"), (1, "Q1")]);
    // Bo Lind is quoted only in the first document, so the second's gender is not his.
    let bo = r.sources.iter().find(|s| s.name == "Bo Lind").unwrap();
    assert_eq!(bo.gender, Some(GenderValue::Unknown));
    let acme = r.sources.iter().find(|s| s.name == "Acme").unwrap();
    assert_eq!((acme.quotes, acme.documents), (2, 2));
}

#[test]
fn odd_documents_give_a_report() {
    assert_eq!(report(&Document::empty("")), Report { documents: 1, ..Report::default() });
    assert_eq!(report_many(&[]).documents, 0);
    // A quote naming an entity that is not there counts by its speaker's words.
    let mut d = doc();
    d.quotes[0].entity = Some("E99".into());
    d.quotes[1].speaker = Some(Span { start: 0, end: 0, text: "  ".into() });
    d.quotes[1].entity = None;
    let r = report(&d);
    assert!(r.sources.iter().any(|s| s.name == "Ana Ruiz" && s.kind == SourceKind::Unnamed));
    assert_eq!(r.sources.iter().find(|s| s.kind == SourceKind::None).map(|s| s.quotes), Some(2));
    assert_eq!(r.bars(Group::Source).iter().map(|b| b.quotes).sum::<usize>(), r.quotes);
}

#[test]
fn helpers() {
    assert_eq!(word_count("“Prices rose, sharply.” — 2024 …"), 4);
    assert_eq!((percent(1, 3), percent(2, 3), percent(0, 0), percent(5, 5)), ("33%".into(), "67%".into(), "0%".into(), "100%".into()));
    assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(csv_field("Ruiz, \"Ana\""), "\"Ruiz, \"\"Ana\"\"\"");
    assert_eq!(csv_field("plain"), "plain");
}

#[test]
fn the_extractor_infers_gender_from_names_and_pronouns() {
    let text = "Julie Hahn said the plan was sound. Qorvan Tilek, an engineer, disagreed. \
“It will fail,” she said. Charles Bolden said nothing more.";
    let doc = crate::annotate(text).document;
    let gender = |name: &str| doc.entities.iter().find(|e| e.name == name).map(|e| e.gender);
    assert_eq!(gender("Julie Hahn"), Some(Some(GenderTag { value: GenderValue::Female, origin: Origin::Auto })));
    assert_eq!(gender("Charles Bolden"), Some(Some(GenderTag { value: GenderValue::Male, origin: Origin::Auto })));
    // Only persons carry a gender in the export.
    assert!(doc.entities.iter().filter(|e| e.label != "PERSON").all(|e| e.gender.is_none()));
    // The export writes it, and the importer reads it back.
    let json = doc.to_json();
    assert!(json.contains("\"gender\": {\n        \"value\": \"female\",\n        \"origin\": \"auto\"\n      }"), "{json}");
    assert_eq!(crate::parse_document(&json).unwrap(), doc);
    let r = report(&doc);
    assert!(r.sources.iter().any(|s| s.name == "Julie Hahn" && s.gender == Some(GenderValue::Female)));
}

#[test]
fn a_pronoun_gives_an_unknown_name_its_gender() {
    let text = "Dr. Qorvan Tilek runs the plant. “It will fail,” she said.";
    let doc = crate::annotate(text).document;
    let e = doc.entities.iter().find(|e| e.name == "Qorvan Tilek").expect("the person is found");
    let q = &doc.quotes[0];
    assert_eq!(q.entity.as_deref(), Some(e.id.as_str()), "{doc:?}");
    assert_eq!(e.gender, Some(GenderTag { value: GenderValue::Female, origin: Origin::Auto }));
}
