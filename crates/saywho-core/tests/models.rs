//! The committed models against held-out data from `../shared/data`: GUM test
//! (part of speech) and the English-EWT Universal NER test file (entities).
//! Neither was used for training. Floors sit just under the measured scores
//! (see models/MODELS.md), so a worse model cannot be committed silently.

#![cfg(feature = "embedded-models")]

use saywho_core::ml::{self, conllu, ner, Pos};
use std::path::PathBuf;

/// Measured when the models were trained (MODELS.md), minus the tolerance.
const POS_GUM_TEST_FLOOR: f64 = 0.955;
const NER_EWT_TEST_FLOOR: f64 = 0.72;
const NER_GUM_TEST_FLOOR: f64 = 0.67;

fn data_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        d.join("gum/test").is_dir() && d.join("ewt/uner-en_ewt-test.iob2").is_file(),
        "held-out data missing: expected ../shared/data (GUM and EWT) next to the repository at {}",
        d.display()
    );
    d
}

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn gum_test() -> Vec<conllu::Doc> {
    let dir = data_dir().join("gum/test");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("gum/test is readable").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "conllu")).flat_map(|p| conllu::parse_conllu(&read(p))).collect()
}

/// Exact-span F1 over PERSON, ORG and LOC.
fn f1(pairs: impl Iterator<Item = (Vec<(usize, usize, usize)>, Vec<(usize, usize, usize)>)>) -> f64 {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (pred, gold) in pairs {
        let pred: Vec<_> = pred.into_iter().filter(|s| s.2 < 3).collect();
        let gold: Vec<_> = gold.into_iter().filter(|s| s.2 < 3).collect();
        tp += pred.iter().filter(|s| gold.contains(s)).count();
        np += pred.len();
        ng += gold.len();
    }
    let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
    2.0 * p * r / (p + r).max(f64::MIN_POSITIVE)
}

fn spans(words: &[&str], sentences: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    let m = ml::models().expect("the committed models load");
    let pos = m.pos_tags_in(words, sentences);
    m.ner_spans_in(words, &pos, sentences, None)
        .into_iter()
        .map(|(s, e, t)| (s, e, ner::TYPES.iter().position(|x| *x == t).expect("a known type")))
        .collect()
}

#[test]
fn committed_models_load_and_name_their_data() {
    ml::Models::from_bytes(ml::POS_MODEL, ml::NER_MODEL).expect("the committed models decode");
    assert!(ml::models().is_some());
    // Installing files later changes nothing once models are in use.
    assert_eq!(ml::install(ml::POS_MODEL, ml::NER_MODEL), Ok(false));
    assert!(ml::install(ml::NER_MODEL, ml::POS_MODEL).is_err());
    for bytes in [ml::POS_MODEL, ml::NER_MODEL] {
        let model = ml::model_file::Model::decode(bytes).expect("decodes");
        assert!(model.about.contains("GUM") && model.about.contains("CC BY 4.0"), "{}", model.about);
    }
    let ner = ml::model_file::Model::decode(ml::NER_MODEL).expect("decodes");
    assert!(ner.about.contains("CC BY-SA 4.0"), "{}", ner.about);
}

#[test]
fn pos_accuracy_on_gum_test() {
    let (mut ok, mut n) = (0usize, 0usize);
    for d in gum_test() {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        let got = ml::models().expect("models load").pos_tags_in(&words, &d.sentence_ranges());
        for (g, w) in got.iter().zip(&d.words) {
            n += 1;
            ok += (Some(*g) == Pos::from_penn(&w.xpos)) as usize;
        }
    }
    let acc = ok as f64 / n as f64;
    assert!(n > 10_000, "GUM test has {n} words");
    assert!(acc >= POS_GUM_TEST_FLOOR, "POS accuracy on GUM test {acc:.4} < {POS_GUM_TEST_FLOOR}");
}

#[test]
fn ner_f1_on_ewt_test() {
    let docs = conllu::parse_iob2(&read(data_dir().join("ewt/uner-en_ewt-test.iob2")));
    assert!(docs.iter().map(|d| d.words.len()).sum::<usize>() > 20_000);
    let score = f1(docs.iter().map(|d| {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        (spans(&words, &d.sentences), d.spans.clone())
    }));
    assert!(score >= NER_EWT_TEST_FLOOR, "NER F1 on EWT test {score:.4} < {NER_EWT_TEST_FLOOR}");
}

#[test]
fn ner_f1_on_gum_test() {
    let score = f1(gum_test().iter().map(|d| {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        // As the trainer scores it: countries acting as organizations are places.
        let mut gold = d.gum_entities();
        ml::gazetteer::countries_as_places(&words, &mut gold, ml::gazetteer::embedded());
        (spans(&words, &d.sentence_ranges()), gold)
    }));
    assert!(score >= NER_GUM_TEST_FLOOR, "NER F1 on GUM test {score:.4} < {NER_GUM_TEST_FLOOR}");
}

/// The public API on the core's own tokens: one tag per token, spans in range.
#[test]
fn tags_core_tokens() {
    let src = "Shabana Fayyaz, a professor at Quaid-i-Azam University in Islamabad, said the U.S. won't help.\nShe didn't elaborate.";
    let text = saywho_core::text::Text::new(src);
    let (pos, spans) = ml::tag_text(&text, None);
    assert_eq!(pos.len(), text.len());
    let said = (0..text.len()).find(|&i| text.tok(i) == "said").expect("a 'said' token");
    assert_eq!(pos[said], Pos::VBD);
    assert!(spans.iter().all(|&(s, e, _)| s < e && e <= text.len()));
    let names: Vec<(&str, &str)> = spans.iter().map(|&(s, e, t)| (text.span(s, e), t)).collect();
    assert!(names.contains(&("Shabana Fayyaz", "PERSON")), "{names:?}");
    assert!(names.contains(&("Islamabad", "LOC")), "{names:?}");
    // The one-pass call agrees with the two separate ones.
    let m = ml::models().expect("models load");
    let words: Vec<&str> = (0..text.len()).map(|i| text.tok(i)).collect();
    let sentences: Vec<(usize, usize)> = text.sentences.iter().map(|s| (s.start, s.end)).collect();
    let tags = m.pos_tags_in(&words, &sentences);
    assert_eq!(tags, pos);
    assert_eq!(m.ner_spans_in(&words, &tags, &sentences, None), spans);
    // Empty input and mismatched tag slices are fine.
    assert!(ml::pos_tags(&[]).is_empty());
    assert!(ml::ner_spans(&["Obama", "spoke"], &[]).len() <= 1);
}

/// The trainer's gazetteer lists (from the shared files) and the core's
/// embedded copies give the same evidence, word for word, on GUM test (the
/// core's copies add accent-free spellings, which plain English text lacks).
#[test]
fn gazetteer_evidence_matches_training() {
    use saywho_core::ml::gazetteer::{embedded, NameLists, SharedTsv};
    let dir = data_dir().join("gazetteers");
    let f = |n: &str| read(dir.join(n));
    let (countries, continents, us_states, cities, given_names) =
        (f("countries.tsv"), f("continents.tsv"), f("us-states.tsv"), f("cities15000.tsv"), f("given-names-us-ssa.tsv"));
    let shared = NameLists::from_shared(&SharedTsv { countries: &countries, continents: &continents, us_states: &us_states, cities: &cities, given_names: &given_names });
    let (mut same, mut n) = (0, 0);
    for d in gum_test() {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        let (a, b) = (shared.bits(&words), embedded().bits(&words));
        n += words.len();
        same += a.iter().zip(&b).filter(|(x, y)| x == y).count();
    }
    assert!(same as f64 >= 0.999 * n as f64, "{} of {n} words get different gazetteer bits", n - same);
}
