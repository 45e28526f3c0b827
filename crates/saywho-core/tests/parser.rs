//! The committed parser (`models/parse.swm`) against held-out treebanks from
//! `../shared/data`: GUM test and English-EWT test, parsed from the committed
//! tagger's predicted tags (as the pipeline sees them). Neither was used for
//! training or for choices. Floors sit just under the measured scores (see
//! models/MODELS.md, "Parser"), so a worse parser cannot be committed silently.

#![cfg(feature = "embedded-models")]

use saywho_core::ml::{self, parse, parse_train};
use std::path::PathBuf;

/// Measured when the parser was trained (MODELS.md), minus the tolerance.
const UAS_GUM_TEST_FLOOR: f64 = 0.80;
const LAS_GUM_TEST_FLOOR: f64 = 0.76;
const UAS_EWT_TEST_FLOOR: f64 = 0.82;

fn data_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    assert!(
        d.join("gum/test").is_dir() && d.join("ewt/ud-en_ewt-test.conllu").is_file(),
        "held-out data missing: expected ../shared/data (GUM and EWT) next to the repository at {}",
        d.display()
    );
    d
}

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn gum_test() -> Vec<parse_train::Tree> {
    let dir = data_dir().join("gum/test");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).expect("gum/test is readable").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files.into_iter().filter(|p| p.extension().is_some_and(|x| x == "conllu")).flat_map(|p| parse_train::read_trees(&read(p))).collect()
}

/// Scores of the committed parser over `trees`, each tagged by the committed tagger;
/// also checks every parse is one tree.
fn scores(trees: &[parse_train::Tree]) -> parse_train::Scores {
    let models = ml::models().expect("the committed tagger loads");
    let parser = ml::parser().expect("the committed parser loads");
    let mut s = parse_train::Scores::default();
    for t in trees {
        let words: Vec<&str> = t.words.iter().map(String::as_str).collect();
        let arcs = parser.parse(&words, &models.pos_tags(&words));
        assert!(parse::is_tree(&arcs), "not a tree: {words:?}");
        s.add(t, &arcs);
    }
    s
}

#[test]
fn gum_test_attachment_scores_stay_above_the_floor() {
    let trees = gum_test();
    assert!(trees.len() > 400, "GUM test has {} sentences", trees.len());
    let s = scores(&trees);
    assert!(s.uas() >= UAS_GUM_TEST_FLOOR, "GUM test {s}");
    assert!(s.las() >= LAS_GUM_TEST_FLOOR, "GUM test {s}");
}

#[test]
fn ewt_test_attachment_score_stays_above_the_floor() {
    let trees = parse_train::read_trees(&read(data_dir().join("ewt/ud-en_ewt-test.conllu")));
    assert!(trees.len() > 1000, "EWT test has {} sentences", trees.len());
    let s = scores(&trees);
    assert!(s.uas() >= UAS_EWT_TEST_FLOOR, "EWT test {s}");
}

#[test]
fn the_embedded_parser_knows_the_relations_attribution_needs() {
    let parser = ml::parser().expect("the committed parser loads");
    for d in ["nsubj", "nsubj:pass", "ccomp", "xcomp", "parataxis", "obj", "obl", "obl:agent", "nmod:poss", "appos", "conj", "mark", "acl:relcl", "case", "punct", "root"] {
        let d = parse::Dep::from_ud(d).expect("a UD relation");
        assert!(parser.relations().contains(&d), "{d:?} missing");
    }
}

/// Source and content of `pred` in `sentence` (words split at spaces) as
/// the committed tagger, parser and `parse_roles` see them.
fn check_roles(sentence: &str, pred: &str, source: Option<&str>, content: Option<&str>) {
    let words: Vec<&str> = sentence.split(' ').collect();
    let tags = ml::models().expect("the committed tagger loads").pos_tags(&words);
    let arcs = ml::parser().expect("the committed parser loads").parse(&words, &tags);
    let p = words.iter().position(|w| *w == pred).expect("the predicate is in the sentence");
    let r = ml::parse_roles::roles(&words, &arcs, p);
    let text = |s: Option<(usize, usize)>| s.map(|(a, b)| words[a..b].join(" "));
    let shown: Vec<String> = words.iter().zip(&arcs).map(|(w, a)| format!("{w}/{}/{}", a.head.map_or(0, |h| h + 1), a.label.as_str())).collect();
    assert_eq!((text(r.source).as_deref(), text(r.content).as_deref()), (source, content), "{}", shown.join(" "));
}

#[test]
fn attribution_roles_over_parsed_news_sentences() {
    check_roles("The minister said that taxes would rise next year .", "said", Some("The minister"), Some("taxes would rise next year"));
    check_roles("“ We will win , ” she told reporters on Monday .", "told", Some("she"), Some("We will win"));
    check_roles("According to the police , two people died in the fire .", "According", Some("the police"), Some("two people died in the fire"));
    check_roles("Prices will fall , the company said in a statement .", "said", Some("the company"), Some("Prices will fall"));
    check_roles("John Smith , a spokesman for the army , said the attack had failed .", "said", Some("John Smith , a spokesman for the army"), Some("the attack had failed"));
}
