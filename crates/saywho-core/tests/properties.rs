//! Properties that hold for every text, checked over random Unicode and over
//! generated news-like articles (so that there are annotations to check):
//! annotate never panics; every span is non-empty, in range and carries the
//! text it covers; ids are unique and references resolve; the export reads
//! back as the same document; and the export is byte-for-byte deterministic.

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::sample::select;
use saywho_core::{annotate, parse_document, Document};

/// Checks every invariant of the export for `text`.
fn check(text: &str) {
    let annotated = annotate(text);
    let doc = &annotated.document;
    assert_eq!(doc.text, text, "the export carries the text exactly as given");
    assert_eq!((doc.format.as_str(), doc.version), ("saywho-annotations", 1));

    let chars: Vec<char> = text.chars().collect();
    let span = |what: &str, start: usize, end: usize, claimed: &str| {
        assert!(start < end, "{what}: empty or reversed span {start}..{end} in {text:?}");
        assert!(end <= chars.len(), "{what}: {end} past the end ({}) of {text:?}", chars.len());
        let actual: String = chars[start..end].iter().collect();
        assert_eq!(actual, claimed, "{what}: text does not match {start}..{end} in {text:?}");
    };

    let mut ids = HashSet::new();
    let entities: HashSet<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    for e in &doc.entities {
        assert!(ids.insert(e.id.as_str()), "duplicate id {} in {text:?}", e.id);
        assert!(!e.name.trim().is_empty() && !e.label.is_empty(), "{e:?}");
    }
    for m in &doc.mentions {
        assert!(ids.insert(m.id.as_str()), "duplicate id {} in {text:?}", m.id);
        span(&m.id, m.start, m.end, &m.text);
        assert!(!m.label.is_empty(), "{m:?}");
        if let Some(e) = &m.entity {
            assert!(entities.contains(e.as_str()), "{} refers to missing {e} in {text:?}", m.id);
        }
    }
    for q in &doc.quotes {
        assert!(ids.insert(q.id.as_str()), "duplicate id {} in {text:?}", q.id);
        span(&q.id, q.start, q.end, &q.text);
        if let Some(c) = &q.cue {
            span(&format!("{}.cue", q.id), c.start, c.end, &c.text);
        }
        if let Some(s) = &q.speaker {
            span(&format!("{}.speaker", q.id), s.start, s.end, &s.text);
        }
        if let Some(e) = &q.entity {
            assert!(entities.contains(e.as_str()), "{} refers to missing {e} in {text:?}", q.id);
        }
    }

    // Export, import: the same document; the validator agrees with the above.
    let json = doc.to_json();
    assert_eq!(parse_document(&json).as_ref(), Ok(doc), "round trip of {text:?}");
    assert_eq!(parse_document(&doc.to_json_line()).as_ref(), Ok(doc));
    // Deterministic: a second run gives the same bytes.
    assert_eq!(annotate(text).document.to_json(), json, "two runs differ on {text:?}");
}

/// Pieces random text is built from: the characters that trip up tokenisers
/// and quote pairing, next to ordinary words.
const PIECES: &[&str] = &[
    " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{2028}", "\u{00A0}",
    "said", "says", "told", "according to", "Ahmed", "Maria Okafor", "Mr.", "Dr.", "U.S.", "the", "he", "she", "they",
    "Pakistan’s", "won't", "friend's", "’s", "'s", "3.5", "$7", "29%", "1,000", "Jan.", "OSLO —",
    "“", "”", "‘", "’", "\"", "'", "«", "»", "„", "‚", "‹", "›", "`", "＂", "\"\"=", "''", "“”",
    ".", ",", ":", ";", "!", "?", "…", "...", "(", ")", "—", "–", "-", "--",
    "😀", "👩‍👩‍👧", "🇺🇸", "e\u{301}", "\u{301}", "\u{20DD}", "\u{200D}", "\u{200B}", "\u{FEFF}",
    "中文", "記者は言った", "「引用」", "مرحبا", "قال", "שלום", "\u{200F}", "\u{202E}",
    "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{FFFD}", "\u{10FFFF}",
];

fn random_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,8}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

const NAMES: &[&str] = &[
    "Shabana Fayyaz", "Maria Okafor", "Daniel Osei", "Prime Minister Shehbaz Sharif", "Ms Okafor", "Sir Michael Grant",
    "Fayyaz", "the ministry", "officials on both sides", "Dr. Amina Yusuf", "Sen. John Cornyn", "José Ramírez",
];
const SAYS: &[&str] = &["said", "says", "told reporters", "added", "warned", "has said", "noted", "argued", "insisted"];
const CLAUSES: &[&str] = &[
    "relations remain complex",
    "the deal was a mistake",
    "we will not back down",
    "prices rose by 5% in Jan. and Feb.",
    "the U.S. and the U.K. agreed on $7 billion",
    "it won't happen again",
    "Pakistan’s economy needs time",
    "nobody knows — not even the minister",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She"];

/// One sentence or paragraph from a reporting template.
fn news_sentence() -> impl Strategy<Value = String> {
    (0..14usize, select(NAMES), select(SAYS), select(CLAUSES), select(CLAUSES), select(PRONOUNS)).prop_map(
        |(t, name, says, a, b, pron)| {
            let cap = |s: &str| {
                let mut c = s.chars();
                c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
            };
            match t {
                0 => format!("“{},” {name} {says}.", cap(a)),
                1 => format!("{} {says}: “{}.”", cap(name), cap(a)),
                2 => format!("“{},” {says} {name}, the group's chief executive. “{}.”", cap(a), cap(b)),
                3 => format!("{} {says} that {a}.", cap(name)),
                4 => format!("According to {name}, {a}."),
                5 => format!("It called the ruling “{a}”."),
                6 => format!("‘{},’ {pron} {says}.", cap(a)),
                7 => format!("\"{}\" {name} {says}.", cap(a)),
                8 => format!("“{}.\n\n“{}.”", cap(a), cap(b)),
                9 => format!("OSLO — {} {says} {a}.", cap(name)),
                10 => format!("“{},” {pron} {says}, “{}.”", cap(a), b),
                11 => format!("«{}», {says} {name}.", cap(a)),
                12 => format!("„{}“, {name} {says}.", cap(a)),
                _ => format!("{}, {pron} {says}, {b}.", cap(a)),
            }
        },
    )
}

fn news_text() -> impl Strategy<Value = String> {
    let article = prop::collection::vec((news_sentence(), select(&[" ", "\n", "\n\n"][..])), 1..12)
        .prop_map(|v| v.into_iter().map(|(s, sep)| s + sep).collect::<String>());
    // Sometimes damage the article: cut it anywhere, or drop in a stray piece.
    (article, 0..4usize, any::<prop::sample::Index>(), select(PIECES)).prop_map(|(text, damage, at, piece)| {
        let cut = text.char_indices().map(|(b, _)| b).nth(at.index(text.chars().count().max(1))).unwrap_or(text.len());
        match damage {
            0 => text[..cut].to_string(),
            1 => format!("{}{piece}{}", &text[..cut], &text[cut..]),
            _ => text,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_unicode(text in random_text()) {
        check(&text);
    }

    #[test]
    fn news_like_articles(text in news_text()) {
        check(&text);
    }
}

/// The gold articles (real news, with every kind of quote), read once.
fn gold_articles() -> &'static [String] {
    static ARTICLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ARTICLES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/gold");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the shared evaluation data must sit beside the repository)", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any window of a real article, cut mid-quote or mid-name.
    #[test]
    fn windows_of_real_articles(pick in any::<prop::sample::Index>(), from in any::<prop::sample::Index>(), len in 0..3000usize) {
        let articles = gold_articles();
        prop_assume!(!articles.is_empty());
        let chars: Vec<char> = articles[pick.index(articles.len())].chars().collect();
        let start = from.index(chars.len().max(1)).min(chars.len());
        let end = (start + len).min(chars.len());
        check(&chars[start..end].iter().collect::<String>());
    }
}

/// A valid document with random spans over random text: the import must
/// give it back unchanged whatever the annotations, not only the ones the
/// extractor happens to produce today.
fn random_document() -> impl Strategy<Value = Document> {
    use prop::sample::Index;
    let span = (any::<Index>(), any::<Index>());
    let quote = (span.clone(), prop::option::of(span.clone()), prop::option::of(span.clone()), 0..3usize, any::<bool>(), any::<Option<Index>>());
    (
        random_text().prop_filter("needs a character", |t| !t.is_empty()),
        prop::collection::vec(select(&["PERSON", "ORG", "LOC", "my label", "DATE"][..]), 0..4),
        prop::collection::vec((span, select(&["PERSON", "MISC", "Ünïcode"][..]), any::<Option<Index>>(), any::<bool>()), 0..8),
        prop::collection::vec(quote, 0..5),
    )
        .prop_map(|(text, entity_labels, mentions, quotes)| {
            let chars: Vec<char> = text.chars().collect();
            let n = chars.len();
            let cut = |(a, b): (prop::sample::Index, prop::sample::Index)| {
                let start = a.index(n);
                let end = start + 1 + b.index(n - start);
                saywho_core::Span { start, end, text: chars[start..end].iter().collect() }
            };
            let origin = |manual: bool| if manual { saywho_core::Origin::Manual } else { saywho_core::Origin::Auto };
            let entity = |i: Option<prop::sample::Index>| {
                i.filter(|_| !entity_labels.is_empty()).map(|i| format!("E{}", i.index(entity_labels.len()) + 1))
            };
            let mut doc = Document::empty(&text);
            doc.entities = entity_labels
                .iter()
                .enumerate()
                .map(|(i, l)| saywho_core::Entity { id: format!("E{}", i + 1), label: l.to_string(), name: format!("name {i}"), gender: None })
                .collect();
            doc.mentions = mentions
                .into_iter()
                .enumerate()
                .map(|(i, (sp, label, e, manual))| {
                    let s = cut(sp);
                    saywho_core::Mention { id: format!("M{}", i + 1), start: s.start, end: s.end, text: s.text, label: label.to_string(), entity: entity(e), origin: origin(manual) }
                })
                .collect();
            doc.quotes = quotes
                .into_iter()
                .enumerate()
                .map(|(i, (sp, cue, speaker, kind, manual, e))| {
                    let s = cut(sp);
                    let kind = [saywho_core::QuoteKind::Direct, saywho_core::QuoteKind::Indirect, saywho_core::QuoteKind::Partial][kind];
                    saywho_core::Quote { id: format!("Q{}", i + 1), start: s.start, end: s.end, text: s.text, kind, cue: cue.map(cut), speaker: speaker.map(cut), entity: entity(e), origin: origin(manual) }
                })
                .collect();
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_valid_document_round_trips(doc in random_document()) {
        prop_assert_eq!(doc.validate(), Ok(()));
        prop_assert_eq!(parse_document(&doc.to_json()), Ok(doc.clone()));
    }

    #[test]
    fn a_shifted_span_is_refused_at_its_path(doc in random_document(), pick in any::<prop::sample::Index>()) {
        prop_assume!(!doc.mentions.is_empty());
        let i = pick.index(doc.mentions.len());
        let mut broken = doc.clone();
        let m = &mut broken.mentions[i];
        let n = doc.text.chars().count();
        if m.end < n {
            // One character further on: out of step with its text unless the
            // text repeats, and then the document is still valid.
            m.start += 1;
            m.end += 1;
            let covers: String = doc.text.chars().skip(m.start).take(m.end - m.start).collect();
            let still_matches = covers == m.text;
            let err = parse_document(&broken.to_json());
            if still_matches {
                prop_assert!(err.is_ok());
            } else {
                prop_assert_eq!(err.unwrap_err().path, format!("mentions[{i}].text"));
            }
        } else {
            m.end += 1;
            prop_assert_eq!(parse_document(&broken.to_json()).unwrap_err().path, format!("mentions[{i}].end"));
        }
    }
}

/// The properties above would hold vacuously for an extractor that finds
/// nothing: the generated articles must give quotes, speakers and mentions.
#[test]
fn generated_articles_do_carry_annotations() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = news_text();
    let (mut quotes, mut speakers, mut mentions) = (0, 0, 0);
    for _ in 0..50 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let doc = annotate(&text).document;
        quotes += doc.quotes.len();
        speakers += doc.quotes.iter().filter(|q| q.speaker.is_some()).count();
        mentions += doc.mentions.len();
    }
    eprintln!("50 generated articles: {quotes} quotes, {speakers} with a speaker, {mentions} mentions");
    assert!(quotes >= 100 && speakers >= 50 && mentions >= 100, "{quotes} quotes, {speakers} speakers, {mentions} mentions");
}

#[test]
fn known_awkward_inputs() {
    let cases = [
        "",
        " ",
        "\"\"=",
        "“",
        "”“",
        "''''",
        "\u{301}",
        "\u{301}“\u{301}”",
        "said",
        "“”said",
        "He said “",
        "’s",
        "...",
        "—",
        "\u{FEFF}“Hi,” she said.",
        "“Hi,” she said.\r\n\r\n“Bye.”",
        "“Yes,” said 👩‍👩‍👧.",
        "«Non», a dit مرحبا.",
        "\u{0}\u{0}\u{0}",
        "U.S.",
        "According to",
        "“unclosed\n\n“still open\n\n“and again",
    ];
    for text in cases {
        check(text);
    }
}

/// The checks above would pass vacuously if documents were always empty:
/// make sure the validator itself catches what `check` looks for.
#[test]
fn the_round_trip_detects_a_broken_span() {
    let mut doc = Document::empty("Ahmed said so.");
    doc.mentions.push(saywho_core::Mention {
        id: "M1".into(),
        start: 0,
        end: 5,
        text: "Ahmad".into(),
        label: "PERSON".into(),
        entity: None,
        origin: saywho_core::Origin::Auto,
    });
    assert_eq!(parse_document(&doc.to_json()).unwrap_err().path, "mentions[0].text");
}
