//! `saywho-train parse`: trains the dependency parser (`ml::parse`) on GUM
//! train and English-EWT train over the tagger's predicted tags, chooses
//! the epoch count on GUM dev + EWT dev, writes `parse.swm` and prints
//! UAS/LAS on GUM test and EWT test (predicted tags) and parsing speed.
//!
//! The tags the parser learns from are the ones it will see: GUM train and
//! EWT train are jackknifed (each fifth tagged by a tagger trained, like the
//! committed one, on the other fifths of GUM train, EWT UNER dev and UD
//! English-EWT train: `crate::fold_taggers`). Deterministic.

use crate::data::Corpora;
use saywho_core::ml::model_file::Model;
use saywho_core::ml::parse::{Dep, Parser};
use saywho_core::ml::parse_train::{self as pt, Example, Scores, Settings, Tree};
use saywho_core::ml::pos::{Pos, Tagger};
use std::path::{Path, PathBuf};
use std::time::Instant;

const BITS: u8 = 18;
const LABEL_BITS: u8 = 16;
const EPOCHS: usize = 8;
const VALUE_BITS: u8 = 8;
const PRUNE: i16 = 6;
const RUNS: usize = 5;
const SEED: u64 = 0x7a25_e001;
const EXPLORE: f64 = 0.9;
/// A relation is learned if it occurs this often in training; rarer ones
/// become their base relation (or `dep`).
const MIN_RELATION: usize = 50;

const ABOUT: &str = "saywho dependency parser (UD relations), arc-hybrid, averaged perceptron, dynamic oracle. \
Trained on GUM train (annotations CC BY 4.0; Amir Zeldes and the GUM annotators; texts CC BY 2.5 / CC BY 4.0 / \
CC BY-SA 3.0) and UD English-EWT train (CC BY-SA 4.0; this model is shared under CC BY-SA 4.0), over predicted \
part-of-speech tags (jackknifed).";

struct Args {
    data: PathBuf,
    out: PathBuf,
    epochs: usize,
    tune: bool,
    bench: bool,
    bits: u8,
    label_bits: u8,
    value_bits: u8,
    prune: i16,
    runs: usize,
}

fn args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args { data: "../shared/data".into(), out: "crates/saywho-core/models".into(), epochs: EPOCHS, tune: false, bench: false, bits: BITS, label_bits: LABEL_BITS, value_bits: VALUE_BITS, prune: PRUNE, runs: RUNS };
    while let Some(x) = it.next() {
        let mut val = || it.next().ok_or(format!("{x} needs a value"));
        match x.as_str() {
            "--data" => a.data = val()?.into(),
            "--out" => a.out = val()?.into(),
            "--epochs" => a.epochs = val()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--tune" => a.tune = true,
            "--runs" => a.runs = val()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--prune" => a.prune = val()?.parse().map_err(|e| format!("--prune: {e}"))?,
            "--bits" => a.bits = val()?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--label-bits" => a.label_bits = val()?.parse().map_err(|e| format!("--label-bits: {e}"))?,
            "--value-bits" => a.value_bits = val()?.parse().ok().filter(|&v| v == 8 || v == 16).ok_or("--value-bits: 8 or 16")?,
            "--bench" => a.bench = true,
            "-h" | "--help" => {
                println!("usage: saywho-train parse [--data ../shared/data] [--out crates/saywho-core/models] [--epochs N] [--bits B] [--label-bits B] [--value-bits 8|16] [--prune Q] [--runs N] [--tune] [--bench]\n  --bits, --label-bits  log2 of the move and relation feature tables; --value-bits  stored weight width; --prune Q  drop weights below Q quantised units; --runs N  average N runs' weights (seeds SEED..SEED+N)\n  --tune  print GUM dev and EWT dev scores after each epoch (how the epoch count was chosen); writes nothing\n  --bench  only score and time the parse.swm in --out");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {x:?} (try parse --help)")),
        }
    }
    Ok(a)
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e} (is ../shared/data there? pass --data DIR)", p.display()))
}

/// The trees of each CoNLL-U file of a GUM folder, in sorted file order
/// (one document per file, as `Corpora` reads them).
fn gum_files(dir: &Path) -> Result<Vec<Vec<Tree>>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    files.iter().map(|f| Ok(pt::read_trees(&read(f)?))).collect()
}

fn tag(t: &Tagger, tree: &Tree) -> Vec<Pos> {
    let w: Vec<&str> = tree.words.iter().map(String::as_str).collect();
    t.tag(&w)
}

pub fn main(argv: impl Iterator<Item = String>) -> Result<(), String> {
    let a = args(argv)?;
    let t0 = Instant::now();
    let tagger = {
        let p = a.out.join("pos.swm");
        let b = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        Tagger::from_model(Model::decode(&b).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?
    };
    let ewt = |s: &str| Ok::<_, String>(pt::read_trees(&read(&a.data.join(format!("ewt/ud-en_ewt-{s}.conllu")))?));
    let gum = |s: &str| gum_files(&a.data.join("gum").join(s));
    let (gum_dev, gum_test): (Vec<Tree>, Vec<Tree>) = (gum("dev")?.concat(), gum("test")?.concat());
    let (ewt_dev, ewt_test) = (ewt("dev")?, ewt("test")?);
    let tagged = |ts: &[Tree]| ts.iter().map(|t| tag(&tagger, t)).collect::<Vec<_>>();
    let (gum_dev_tags, gum_test_tags, ewt_dev_tags, ewt_test_tags) = (tagged(&gum_dev), tagged(&gum_test), tagged(&ewt_dev), tagged(&ewt_test));
    if a.bench {
        let p = a.out.join("parse.swm");
        let b = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let parser = Parser::from_model(Model::decode(&b).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        report(&parser, &[("GUM test", &gum_test, &gum_test_tags), ("EWT test", &ewt_test, &ewt_test_tags)]);
        let gold = |ts: &[Tree]| ts.iter().map(|t| t.tags.clone()).collect::<Vec<_>>();
        report(&parser, &[("GUM test, gold tags", &gum_test, &gold(&gum_test)), ("EWT test, gold tags", &ewt_test, &gold(&ewt_test))]);
        speed(&parser, &gum_test, &gum_test_tags);
        let f = |n: &str| std::fs::read(a.out.join(n)).map_err(|e| format!("{n}: {e}"));
        let models = saywho_core::ml::Models::from_bytes(&f("pos.swm")?, &f("ner.swm")?).map_err(|e| e.to_string())?;
        with_models(&models, &parser, &gum_test);
        return Ok(());
    }

    // Training trees and their predicted tags.
    let gum_train = gum("train")?;
    let ewt_train = ewt("train")?;
    let c = Corpora::load(&a.data)?;
    if c.gum_train.len() != gum_train.len() {
        return Err(format!("GUM train: {} documents as trees, {} as documents", gum_train.len(), c.gum_train.len()));
    }
    // The fold of each EWT train sentence: its document's (UD train order).
    let ewt_folds: Vec<usize> = c.ewt_train_ud.iter().enumerate().flat_map(|(i, d)| std::iter::repeat_n(i % crate::FOLDS, d.sentences.len())).collect();
    if ewt_folds.len() != ewt_train.len() {
        return Err(format!("EWT train: {} sentences as trees, {} in documents", ewt_train.len(), ewt_folds.len()));
    }
    let mut train_tags: Vec<Vec<Pos>> = vec![Vec::new(); gum_train.iter().map(Vec::len).sum()];
    let mut ewt_tags: Vec<Vec<Pos>> = vec![Vec::new(); ewt_train.len()];
    for (k, fold) in crate::fold_taggers(&c, crate::POS_EPOCHS, crate::POS_PRUNE)?.iter().enumerate() {
        let mut at = 0;
        for (i, doc) in gum_train.iter().enumerate() {
            for t in doc {
                if i % crate::FOLDS == k {
                    train_tags[at] = tag(fold, t);
                }
                at += 1;
            }
        }
        for (j, t) in ewt_train.iter().enumerate().filter(|(j, _)| ewt_folds[*j] == k) {
            ewt_tags[j] = tag(fold, t);
        }
    }
    let gum_train: Vec<Tree> = gum_train.concat();
    train_tags.extend(ewt_tags);
    let trees: Vec<&Tree> = gum_train.iter().chain(&ewt_train).collect();
    let tag_acc = {
        let (ok, n) = trees.iter().zip(&train_tags).fold((0, 0), |(ok, n), (t, p)| (ok + t.tags.iter().zip(p).filter(|(a, b)| a == b).count(), n + p.len()));
        ok as f64 / n.max(1) as f64
    };

    // Relations frequent enough to learn.
    let mut counts = std::collections::BTreeMap::<Dep, usize>::new();
    for t in &trees {
        for &d in &t.deps {
            *counts.entry(d).or_default() += 1;
        }
    }
    let mut labels: Vec<Dep> = counts.iter().filter(|(_, &n)| n >= MIN_RELATION).map(|(&d, _)| d).collect();
    if !labels.contains(&Dep::Dep) {
        labels.push(Dep::Dep);
        labels.sort();
    }
    let mut lifted = 0;
    let mut heads: Vec<Vec<Option<usize>>> = trees.iter().map(|t| t.heads.clone()).collect();
    for h in &mut heads {
        lifted += (pt::projectivize(h) > 0) as usize;
    }
    let examples: Vec<Example> = trees.iter().zip(train_tags).zip(&heads).map(|((t, tags), h)| Example::new(t, tags, h, &labels)).collect();
    println!(
        "parser data: {} training sentences / {} words (GUM train + EWT train; {} lifted to projective), predicted tags {:.4} accurate; {} relations; {:.1}s",
        examples.len(),
        examples.iter().map(|e| e.words.len()).sum::<usize>(),
        lifted,
        tag_acc,
        labels.len(),
        t0.elapsed().as_secs_f64()
    );
    let settings = |epochs| Settings { bits: a.bits, label_bits: a.label_bits, epochs, seed: SEED, explore: EXPLORE, value_bits: a.value_bits, runs: a.runs };
    let dev = [("GUM dev", &gum_dev, &gum_dev_tags), ("EWT dev", &ewt_dev, &ewt_dev_tags)];
    if a.tune {
        let t = Instant::now();
        pt::train_watching(&examples, &labels, &settings(a.epochs), ABOUT, &mut |epoch, m| {
            let prunes: &[i16] = if epoch % 3 == 0 || epoch == a.epochs { &[1, 2, 4, 5, 6, 8] } else { &[a.prune] };
            for &min in prunes {
                let m = pt::prune_model(&m, min);
                println!("  tune: after epoch {epoch:2} ({:.0}s), weights below {min} pruned, {} + {} weights, {} bytes gzipped:", t.elapsed().as_secs_f64(), m.weights.entries.len(), m.stage2.as_ref().map_or(0, |s| s.weights.entries.len()), crate::gzipped(&m.encode()));
                match Parser::from_model(m) {
                    Ok(p) => report(&p, &dev),
                    Err(e) => println!("  {e}"),
                }
            }
        });
        return Ok(());
    }
    let model = pt::prune_model(&pt::train(&examples, &labels, &settings(a.epochs), ABOUT), a.prune);
    let bytes = model.encode();
    let parser = Parser::from_model(Model::decode(&bytes).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    println!(
        "parser: {} epochs, {} + {} weights (below {} pruned), trained in {:.1}s",
        a.epochs,
        model.weights.entries.len(),
        model.stage2.as_ref().map_or(0, |s| s.weights.entries.len()),
        a.prune,
        t0.elapsed().as_secs_f64()
    );
    report(&parser, &dev);
    report(&parser, &[("GUM test", &gum_test, &gum_test_tags), ("EWT test", &ewt_test, &ewt_test_tags)]);
    speed(&parser, &gum_test, &gum_test_tags);
    let p = a.out.join("parse.swm");
    std::fs::write(&p, &bytes).map_err(|e| format!("{}: {e}", p.display()))?;
    println!("wrote {}: {} bytes, {} gzipped; done in {:.1}s", p.display(), bytes.len(), crate::gzipped(&bytes), t0.elapsed().as_secs_f64());
    Ok(())
}

/// Prints UAS/LAS of `parser` on each named set (trees with the tags to parse
/// from; "predicted" unless the name says otherwise).
fn report(parser: &Parser, sets: &[(&str, &Vec<Tree>, &Vec<Vec<Pos>>)]) {
    for (name, trees, tags) in sets {
        let mut s = Scores::default();
        for (t, p) in trees.iter().zip(tags.iter()) {
            let w: Vec<&str> = t.words.iter().map(String::as_str).collect();
            s.add(t, &parser.parse(&w, p));
        }
        let kind = if name.contains("gold") { "" } else { " (predicted tags)" };
        println!("  parse {name:8}{kind} {s}");
    }
}

/// Words per CPU second of tagging and entity recognition, and of those
/// plus parsing every sentence, on GUM test sentence by sentence (one core).
fn with_models(models: &saywho_core::ml::Models, parser: &Parser, trees: &[Tree]) {
    let sents: Vec<Vec<&str>> = trees.iter().map(|t| t.words.iter().map(String::as_str).collect()).collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    let time = |parse: bool| {
        let (t, c0) = (Instant::now(), crate::cpu_seconds());
        let mut words = 0usize;
        while t.elapsed().as_secs_f64() < 2.0 {
            for w in &sents {
                let (tags, spans) = models.analyze_in(w, &[(0, w.len())], None);
                std::hint::black_box(spans);
                if parse {
                    std::hint::black_box(parser.parse(w, &tags));
                }
            }
            words += n;
        }
        crate::cpu_seconds().zip(c0).map(|(a, b)| a - b).filter(|&d| d > 0.0).map_or(0.0, |d| words as f64 / d)
    };
    println!("  POS+NER {:.0} words per CPU second; POS+NER+parse {:.0} (GUM test, one core)", time(false), time(true));
}

/// Words per second of parsing alone (tags computed beforehand), one core.
fn speed(parser: &Parser, trees: &[Tree], tags: &[Vec<Pos>]) {
    let sents: Vec<Vec<&str>> = trees.iter().map(|t| t.words.iter().map(String::as_str).collect()).collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    let (t, c0) = (Instant::now(), crate::cpu_seconds());
    let mut words = 0usize;
    while t.elapsed().as_secs_f64() < 2.0 {
        for (w, p) in sents.iter().zip(tags) {
            std::hint::black_box(parser.parse(w, p));
        }
        words += n;
    }
    let wall = words as f64 / t.elapsed().as_secs_f64();
    let cpu = crate::cpu_seconds().zip(c0).map(|(a, b)| a - b).filter(|&d| d > 0.0).map_or(0.0, |d| words as f64 / d);
    println!("  parse speed (one core, GUM test, tags given): {wall:.0} words/s ({cpu:.0} per CPU second)");
}
