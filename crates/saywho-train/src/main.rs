//! `saywho-train`: trains the part-of-speech tagger and the entity recognizer
//! on GUM (train) and English-EWT Universal NER (dev), writes the model files,
//! and prints held-out scores (GUM test, EWT test) and tagging speed;
//! `saywho-train parse` trains the dependency parser (`parse.rs`).
//!
//! Deterministic: files are read in sorted order and shuffled with fixed seeds.

mod data;
mod eval;
mod parse;

use data::Corpora;
use saywho_core::ml::{model_file::Model, ner, pos, stack, Models};
use std::path::PathBuf;
use std::time::Instant;

const POS_BITS: u8 = 18;
const NER_BITS: u8 = 18;
const POS_EPOCHS: usize = 8;
const NER_EPOCHS: usize = 8;
const SEED: u64 = 0x5a11_7e55;
const NER_RUNS: usize = 3;
/// Weights dropped from the files (below this magnitude; POS of 127, NER of
/// 32767): none. Pruning the recognizer moved GUM dev by ±3 points (its
/// 16-bit weights are mostly large: below 48 of 32767 dropped 1% of them,
/// below 1000 halved the file and cost 1-2 points on both dev sets), and
/// the tagger's weights below 2 of 127 (47 KB gzipped) cost 0.014 of
/// cross-validated EWT dev F1 through the jackknifed tags (MODELS.md).
const POS_PRUNE: u16 = 1;
const NER_PRUNE: u16 = 1;
/// Folds for jackknifing the tags the recognizer is trained on.
const FOLDS: usize = 5;
/// The entity model's second, stacked pass (`ml::stack`): folds for
/// jackknifing the first-pass labels it is trained on, table size, epochs,
/// averaged runs.
const STACK_FOLDS: usize = 5;
const STACK_BITS: u8 = 18;
const STACK_EPOCHS: usize = 10;
const STACK_RUNS: usize = 3;

/// What follows the entity model's first pass.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StackMode {
    /// Nothing.
    Off,
    /// Document-level majority vote (`stack::vote`), not learned.
    Vote,
    /// The learned second pass, stored in `ner.swm`.
    Learned,
}

struct Args {
    data: PathBuf,
    out: PathBuf,
    pos_epochs: usize,
    ner_epochs: usize,
    tune: bool,
    /// Cross-validate over this many seeds instead of writing models.
    cv: Option<usize>,
    cv_errors: Option<PathBuf>,
    gazetteer: bool,
    bench: bool,
    show: bool,
    /// Train the recognizer with domain copies of features (web / edited).
    domains: bool,
    stack: StackMode,
    /// Name-likeness features: "off", "unknown" (words no gazetteer knows) or "all".
    namelike: String,
    /// Which data the models learn, and how often (`data::DataCfg`).
    data_cfg: data::DataCfg,
    /// Weights dropped below these magnitudes (POS of 127, NER of 32767).
    pos_prune: u16,
    ner_prune: u16,
    ner_bits: u8,
}

/// The recognizer's optional features, set once from the arguments.
struct ExtraCfg {
    names: Option<(Vec<String>, Vec<String>)>,
    namelike_all: bool,
    prune: u16,
}

static EXTRAS: std::sync::OnceLock<ExtraCfg> = std::sync::OnceLock::new();

/// [`ner::train_refs_with`] with the optional features of [`EXTRAS`].
fn train_first(docs: &[&ner::NerDoc], epochs: usize, seed: u64) -> Model {
    let Some(cfg) = EXTRAS.get() else { return ner::train_refs(docs, ner_bits(), epochs, seed, NER_RUNS, ABOUT_NER) };
    let refs = cfg.names.as_ref().map(|(g, p)| (g.iter().map(String::as_str).collect::<Vec<_>>(), p.iter().map(String::as_str).collect::<Vec<_>>()));
    let opts = ner::ExtraOptions { names: refs.as_ref().map(|(g, p)| (&g[..], &p[..])), namelike_all: cfg.namelike_all, prune: cfg.prune };
    ner::train_refs_with(docs, ner_bits(), epochs, seed, NER_RUNS, ABOUT_NER, &opts)
}

/// The recognizer's table size (`--ner-bits`, else [`NER_BITS`]).
static NER_BITS_ARG: std::sync::OnceLock<u8> = std::sync::OnceLock::new();

fn ner_bits() -> u8 {
    NER_BITS_ARG.get().copied().unwrap_or(NER_BITS)
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: "../shared/data".into(),
        out: "crates/saywho-core/models".into(),
        pos_epochs: POS_EPOCHS,
        ner_epochs: NER_EPOCHS,
        tune: false,
        cv: None,
        cv_errors: None,
        gazetteer: true,
        bench: false,
        show: false,
        domains: false,
        stack: StackMode::Vote,
        namelike: "unknown".into(),
        data_cfg: data::DataCfg::default(),
        pos_prune: POS_PRUNE,
        ner_prune: NER_PRUNE,
        ner_bits: NER_BITS,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = || it.next().ok_or(format!("{x} needs a value"));
        match x.as_str() {
            "--data" => a.data = val()?.into(),
            "--out" => a.out = val()?.into(),
            "--pos-epochs" => a.pos_epochs = val()?.parse().map_err(|e| format!("--pos-epochs: {e}"))?,
            "--ner-epochs" => a.ner_epochs = val()?.parse().map_err(|e| format!("--ner-epochs: {e}"))?,
            "--tune" => a.tune = true,
            "--pos-prune" => a.pos_prune = val()?.parse().map_err(|e| format!("--pos-prune: {e}"))?,
            "--ner-prune" => a.ner_prune = val()?.parse().map_err(|e| format!("--ner-prune: {e}"))?,
            "--ner-bits" => a.ner_bits = val()?.parse().map_err(|e| format!("--ner-bits: {e}"))?,
            "--ewt-train" => a.data_cfg.ewt_train = val()?.parse().map_err(|e| format!("--ewt-train: {e}"))?,
            "--wikigold" => a.data_cfg.wikigold = val()?.parse().map_err(|e| format!("--wikigold: {e}"))?,
            "--ewt-dev" => a.data_cfg.ewt_dev = val()?.parse().map_err(|e| format!("--ewt-dev: {e}"))?,
            "--gum" => a.data_cfg.gum = val()?.parse().map_err(|e| format!("--gum: {e}"))?,
            "--lower-every" => a.data_cfg.lower_every = val()?.parse().map_err(|e| format!("--lower-every: {e}"))?,
            "--oth-as-o" => a.data_cfg.oth_as_misc = false,
            "--wikigold-misc-as-o" => a.data_cfg.wikigold_misc = false,
            "--pos-no-ewt-train" => a.data_cfg.pos_ewt_train = false,
            "--cv" => a.cv = Some(val()?.parse().map_err(|e| format!("--cv: {e}"))?),
            "--cv-errors" => a.cv_errors = Some(val()?.into()),
            "--no-gazetteer" => a.gazetteer = false,
            "--bench" => a.bench = true,
            "--show" => a.show = true,
            "--domains" => a.domains = true,
            "--namelike" => {
                a.namelike = val()?;
                if !matches!(a.namelike.as_str(), "off" | "unknown" | "all") {
                    return Err(format!("--namelike {:?}: off, unknown or all", a.namelike));
                }
            }
            "--stack" => {
                a.stack = match val()?.as_str() {
                    "off" => StackMode::Off,
                    "vote" => StackMode::Vote,
                    "learned" => StackMode::Learned,
                    v => return Err(format!("--stack {v:?}: off, vote or learned")),
                }
            }
            "-h" | "--help" => {
                println!("usage: saywho-train [--data ../shared/data] [--out crates/saywho-core/models] [--pos-epochs N] [--ner-epochs N] [--tune] [--cv SEEDS [--cv-errors FILE]] [--no-gazetteer] [--domains] [--bench] [--show] [--stack off|vote|learned] [--namelike off|unknown|all] [--ewt-train N] [--wikigold N] [--ewt-dev N] [--gum N] [--lower-every N] [--oth-as-o] [--wikigold-misc-as-o] [--pos-no-ewt-train] [--pos-prune N] [--ner-prune N] [--ner-bits N]\n  --ewt-train N, --wikigold N, --ewt-dev N, --gum N  times each document of that part is shown to the entity model per epoch (0: left out; default 1 each)\n  --lower-every N  add every Nth training sentence again in lower case (default 3)\n  --oth-as-o, --wikigold-misc-as-o  train UNER's OTH / Wikigold's MISC as O instead of MISC\n  --pos-no-ewt-train  the tagger leaves out UD English-EWT train\n  --pos-prune N, --ner-prune N  drop weights below N (POS: of 127, NER: of 32767) from the files\n  --ner-bits N  the entity model's table has 2^N buckets (default 18)\n  --bench  only time the model files in --out on GUM test\n  --show  label the words (split at spaces) of each line of stdin with the model files in --out: word/tag/gazetteer bits/label\n  --tune  also print GUM dev scores for several epoch counts\n  --cv SEEDS  write no models; print the entity model's 5-fold cross-validated EWT dev F1 and GUM dev F1 for SEEDS shuffling seeds (how choices are made)\n  --cv-errors FILE  with --cv, write the cross-validated mistakes to FILE\n  --stack MODE  after the entity model's first pass: off, vote (document-level consistency, `ml::stack::vote`: the default) or learned (the stacked, learned second pass; lost on cross-validation)\n  --domains  train the entity model with domain copies of its features (web / edited; lost on cross-validation)\n  --namelike WHICH  give the entity model a character name-likeness model (`ml::namelike`, trained on the gazetteers' names) and its verdict as a feature for words no gazetteer knows (unknown) or for every word (all), or off; unknown by default (cross-validated EWT dev +0.005, GUM dev +0.014)");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument {x:?} (try --help)")),
        }
    }
    Ok(a)
}

const ABOUT_POS: &str = "saywho part-of-speech tagger (Penn tags), averaged perceptron. \
Trained on GUM train (Georgetown University Multilayer corpus, permissive subset; annotations CC BY 4.0, \
texts CC BY 2.5 / CC BY 4.0 / CC BY-SA 3.0; Amir Zeldes and the GUM annotators), original and re-tokenised \
with saywho's tokenizer, and UD English-EWT train and dev (CC BY-SA 4.0; this model is shared under CC BY-SA 4.0).";
const ABOUT_NER: &str = "saywho named-entity recognizer (PERSON, ORG, LOC, MISC; BILOU), averaged perceptron. \
Trained on GUM train named mentions (annotations CC BY 4.0; Amir Zeldes and the GUM annotators), re-tokenised \
with saywho's tokenizer; the Universal NER layer of UD English-EWT train and dev (UNER / UD English-EWT, \
CC BY-SA 4.0); and Wikigold (Balasuriya et al. 2009, CC BY 4.0). This model is shared under CC BY-SA 4.0.";

fn main() {
    if std::env::args().nth(1).as_deref() == Some("parse") {
        if let Err(e) = parse::main(std::env::args().skip(2)) {
            eprintln!("saywho-train parse: {e}");
            std::process::exit(1);
        }
        return;
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("saywho-train: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("saywho-train: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let t0 = Instant::now();
    if args.show {
        return show(args);
    }
    let _ = data::CFG.set(args.data_cfg.clone());
    let c = Corpora::load(&args.data)?;
    let names = if args.namelike != "off" { Some(data::namelike_sources(&args.data)?) } else { None };
    if let Some((g, p)) = &names {
        println!("name-likeness model ({}): {} given names, {} place words", args.namelike, g.len(), p.len());
    }
    let _ = EXTRAS.set(ExtraCfg { names, namelike_all: args.namelike == "all", prune: args.ner_prune });
    let _ = NER_BITS_ARG.set(args.ner_bits);
    println!(
        "data: GUM train {} docs / {} words, dev {} / {}, test {} / {}; EWT UNER dev {} docs / {} words, test {} / {}",
        c.gum_train.len(),
        words(&c.gum_train),
        c.gum_dev.len(),
        words(&c.gum_dev),
        c.gum_test.len(),
        words(&c.gum_test),
        c.ewt_dev.len(),
        c.ewt_dev.iter().map(|d| d.words.len()).sum::<usize>(),
        c.ewt_test.len(),
        c.ewt_test.iter().map(|d| d.words.len()).sum::<usize>(),
    );
    println!(
        "     UD EWT train {} docs / {} words; EWT UNER train {} docs / {} words; Wikigold {} docs / {} words; {:?}",
        c.ewt_train_ud.len(),
        words(&c.ewt_train_ud),
        c.ewt_train.len(),
        c.ewt_train.iter().map(|d| d.words.len()).sum::<usize>(),
        c.wikigold.len(),
        c.wikigold.iter().map(|d| d.words.len()).sum::<usize>(),
        args.data_cfg
    );

    if args.bench {
        let f = |n: &str| std::fs::read(args.out.join(n)).map_err(|e| format!("{n}: {e}"));
        let models = Models::from_bytes(&f("pos.swm")?, &f("ner.swm")?).map_err(|e| e.to_string())?;
        speed(&models, &c.gum_test, 5.0);
        return Ok(());
    }

    // Part of speech.
    let mut pos_train = data::pos_sequences(&c.gum_train, true);
    pos_train.extend(data::ewt_pos_sequences(&c, |_| true));
    if args.data_cfg.pos_ewt_train {
        pos_train.extend(data::pos_sequences(&c.ewt_train_ud, false));
    }
    if args.tune {
        for epochs in [4, 6, 8, 10, 12] {
            let m = pos::train(&pos_train, POS_BITS, epochs, SEED, ABOUT_POS);
            let t = pos::Tagger::from_model(m).map_err(|e| e.to_string())?;
            println!("  tune POS epochs {epochs:2}: GUM dev {:.4}", eval::pos_accuracy(&t, &c.gum_dev));
        }
    }
    let pos_model = pos::train_pruned(&pos_train, POS_BITS, args.pos_epochs, SEED, ABOUT_POS, args.pos_prune);
    let pos_bytes = pos_model.encode();
    let tagger = pos::Tagger::from_model(Model::decode(&pos_bytes).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    println!("POS: {} epochs, {} non-zero weights, trained in {:.1}s", args.pos_epochs, pos_model.weights.entries.len(), t0.elapsed().as_secs_f64());
    println!("POS accuracy GUM dev  {:.4}", eval::pos_accuracy(&tagger, &c.gum_dev));
    println!("POS accuracy GUM test {:.4}  (gold tokens)", eval::pos_accuracy(&tagger, &c.gum_test));
    println!("POS accuracy EWT test {:.4}  (gold tokens; web text, out of domain)", eval::pos_accuracy(&tagger, &c.ewt_test_ud));

    // Entities, with features from the tagger's own (predicted) tags.
    let t1 = Instant::now();
    let lists = if args.gazetteer { Some(data::shared_gazetteer(&args.data)?) } else { None };
    // Jackknifed tags for GUM train and EWT dev: each fold tagged by a
    // tagger trained on the others.
    let folds = fold_taggers(&c, args.pos_epochs, args.pos_prune)?;
    let dc = &args.data_cfg;
    let sources = [
        data::IobSource { docs: &c.ewt_dev, tagger: Box::new(|j| &folds[j % FOLDS]), times: dc.ewt_dev, is_ewt_dev: true, keep_misc: true },
        data::IobSource { docs: &c.ewt_train, tagger: Box::new(|j| &folds[c.ewt_train_ud_index[j] % FOLDS]), times: dc.ewt_train, is_ewt_dev: false, keep_misc: dc.oth_as_misc },
        data::IobSource { docs: &c.wikigold, tagger: Box::new(|j| &folds[j % FOLDS]), times: dc.wikigold, is_ewt_dev: false, keep_misc: dc.wikigold_misc },
    ];
    let ner_train = data::ner_sequences(&c.gum_train, |i| &folds[i % FOLDS], &sources, lists.as_ref());
    println!("NER training: {} sequences, {} words", ner_train.len(), ner_train.iter().map(|s| s.words.len()).sum::<usize>());
    if let Some(seeds) = args.cv {
        return cross_validate(&ner_train, &c, |k| &folds[k], &tagger, args.ner_epochs, seeds, args.stack, args.cv_errors.as_deref(), args.domains);
    }
    let ner_docs: Vec<ner::NerDoc> = ner_train.iter().map(|s| s.as_doc(args.domains)).collect();
    if args.tune {
        for epochs in [6, 9, 12, 15, 20] {
            let m = ner::train(&ner_docs, NER_BITS, epochs, SEED, NER_RUNS, ABOUT_NER);
            let r = ner::Recognizer::from_model(m).map_err(|e| e.to_string())?;
            let g = eval::ner_gum(&tagger, &r, &c.gum_dev);
            println!("  tune NER epochs {epochs:2}: GUM dev F1 {:.4}", g.f1());
        }
    }
    let ner_refs: Vec<&ner::NerDoc> = ner_docs.iter().collect();
    let origins: Vec<usize> = ner_train.iter().map(|s| s.origin).collect();
    let ner_model = train_ner(&ner_refs, &origins, args.ner_epochs, SEED, args.stack);
    let ner_bytes = ner_model.encode();
    println!(
        "NER: {} epochs, {} non-zero weights (second pass {:?}: {}), trained in {:.1}s",
        args.ner_epochs,
        ner_model.weights.entries.len(),
        args.stack,
        ner_model.stage2.as_ref().map_or(0, |s| s.weights.entries.len()),
        t1.elapsed().as_secs_f64()
    );

    let models = Models::from_bytes(&pos_bytes, &ner_bytes).map_err(|e| e.to_string())?;
    let r = &models.recognizer;
    println!("NER F1 (PER/ORG/LOC, exact span) GUM dev   {}", eval::ner_gum(&models.tagger, r, &c.gum_dev));
    println!("NER F1 (PER/ORG/LOC, exact span) EWT test  {:#}  (gold tokens)", eval::ner_iob(&models.tagger, r, &c.ewt_test));
    println!("NER F1 (PER/ORG/LOC, exact span) GUM test  {}  (gold tokens)", eval::ner_gum(&models.tagger, r, &c.gum_test));
    let (pos_acc, coverage, ner) = eval::with_core_tokens(&models, &c.gum_test);
    println!("GUM test with saywho's tokenizer: POS {pos_acc:.4} on the {:.1}% of words tokenised alike; NER {ner}", coverage * 100.0);

    speed(&models, &c.gum_test, 2.0);

    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    for (name, bytes) in [("pos.swm", &pos_bytes), ("ner.swm", &ner_bytes)] {
        let p = args.out.join(name);
        std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        println!("wrote {}: {} bytes, {} gzipped", p.display(), bytes.len(), gzipped(bytes));
    }
    println!("total {} bytes gzipped; done in {:.1}s", gzipped(&pos_bytes) + gzipped(&ner_bytes), t0.elapsed().as_secs_f64());
    Ok(())
}

/// Jackknifing taggers: tagger `k` is trained like `pos.swm` on everything
/// but fold `k` (GUM train documents `i % FOLDS == k`, the same fifth of EWT
/// UNER dev and of UD English-EWT train), so the tags it gives that fold
/// are as noisy as at run time.
pub fn fold_taggers(c: &Corpora, epochs: usize, prune: u16) -> Result<Vec<pos::Tagger>, String> {
    (0..FOLDS)
        .map(|k| {
            let docs: Vec<_> = c.gum_train.iter().enumerate().filter(|(i, _)| i % FOLDS != k).map(|(_, d)| d.clone()).collect();
            let ud: Vec<_> = c.ewt_train_ud.iter().enumerate().filter(|(i, _)| i % FOLDS != k).map(|(_, d)| d.clone()).collect();
            let mut seqs = data::pos_sequences(&docs, true);
            seqs.extend(data::ewt_pos_sequences(c, |j| j % FOLDS != k));
            if data::cfg().pos_ewt_train {
                seqs.extend(data::pos_sequences(&ud, false));
            }
            let m = pos::train_pruned(&seqs, POS_BITS, epochs, SEED, ABOUT_POS, prune);
            pos::Tagger::from_model(m).map_err(|e| e.to_string())
        })
        .collect()
}

/// The entity model for `mode`: the first pass trained on `docs`, and
/// (learned) the second pass trained on first-pass labels jackknifed over
/// [`STACK_FOLDS`] folds of the documents' `origins` (each fold labelled by
/// a first pass trained on the other folds).
fn train_ner(docs: &[&ner::NerDoc], origins: &[usize], epochs: usize, seed: u64, mode: StackMode) -> Model {
    let first = train_first(docs, epochs, seed);
    match mode {
        StackMode::Off => return first,
        StackMode::Vote => return Model { stage2: Some(stack::vote_stage()), ..first },
        StackMode::Learned => {}
    }
    let pass1 = jackknifed(docs, origins, epochs, seed);
    let data: Vec<stack::StackDoc> = docs.iter().zip(pass1).map(|(d, p)| stack::StackDoc { doc: d, pass1: p }).collect();
    let stage = stack::train(&data, STACK_BITS, STACK_EPOCHS, seed, STACK_RUNS);
    Model { stage2: Some(stage), ..first }
}

/// First-pass labels of every document by a first pass that did not see
/// its fold (documents of one origin share a fold).
fn jackknifed(docs: &[&ner::NerDoc], origins: &[usize], epochs: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); docs.len()];
    for f in 0..STACK_FOLDS {
        let train: Vec<&ner::NerDoc> = docs.iter().zip(origins).filter(|(_, &o)| o % STACK_FOLDS != f).map(|(d, _)| *d).collect();
        let m = train_first(&train, epochs, seed);
        let r = ner::Recognizer::from_model(m).expect("a freshly trained model loads");
        for (i, d) in docs.iter().enumerate().filter(|(i, _)| origins[*i] % STACK_FOLDS == f) {
            let gaz = (!d.gaz.is_empty()).then_some(&d.gaz as &dyn saywho_core::ml::Gazetteer);
            out[i] = r.labels_in(&d.words, &d.pos, &d.sentences, gaz);
        }
    }
    out
}

/// A recognizer for `model` (its second stage included).
fn recognizer(model: Model) -> Result<ner::Recognizer, String> {
    ner::Recognizer::from_model(model).map_err(|e| e.to_string())
}

/// Folds of EWT dev for tuning (EWT test stays unseen); the same folds as
/// the taggers' jackknifing, so a held-out fold is tagged by a tagger that
/// has not seen it either.
const CV_FOLDS: usize = FOLDS;

/// Tuning figures (how the choices in MODELS.md were made): EWT dev by
/// cross-validation (train on GUM train and four fifths of EWT dev, score
/// the fifth, pooled) and GUM dev (trained on everything), for `seeds`
/// shuffling seeds and their mean. With `errors`, the cross-validated
/// mistakes are written there (FP/FN lines with context; MI: MISC guesses).
fn cross_validate<'t>(
    seqs: &[data::NerSeq],
    c: &Corpora,
    held_tagger: impl Fn(usize) -> &'t pos::Tagger,
    tagger: &pos::Tagger,
    epochs: usize,
    seeds: usize,
    mode: StackMode,
    errors: Option<&std::path::Path>,
    domains: bool,
) -> Result<(), String> {
    let t = Instant::now();
    let docs: Vec<ner::NerDoc> = seqs.iter().map(|s| s.as_doc(domains)).collect();
    // The second pass is trained inside each fold on labels jackknifed
    // within the fold's training documents: the held-out fold is seen by neither pass.
    let mut log = String::new();
    let (mut cv_sum, mut gum_sum) = (0.0, 0.0);
    for seed in SEED..SEED + seeds as u64 {
        let mut pooled = eval::Prf::default();
        // The same first passes without what follows them (paired comparison).
        let mut first = eval::Prf::default();
        for k in 0..CV_FOLDS {
            let (train, origins): (Vec<&ner::NerDoc>, Vec<usize>) = docs.iter().zip(seqs).filter(|(_, s)| s.ewt_doc.is_none_or(|j| j % CV_FOLDS != k)).map(|(d, s)| (d, s.origin)).unzip();
            let r = recognizer(train_ner(&train, &origins, epochs, seed * 7, mode))?;
            let held: Vec<_> = c.ewt_dev.iter().enumerate().filter(|(i, _)| i % CV_FOLDS == k).map(|(_, d)| d.clone()).collect();
            let mut r = r;
            let p = eval::ner_iob(held_tagger(k), &r, &held);
            if mode != StackMode::Off {
                let saved = r.take_stack();
                first.add_counts(&eval::ner_iob(held_tagger(k), &r, &held));
                r.set_stack(saved);
            }
            if errors.is_some() && seed == SEED {
                eval::log_errors(held_tagger(k), &r, &held, &mut log);
            }
            for t in 0..3 {
                pooled.tp[t] += p.tp[t];
                pooled.pred[t] += p.pred[t];
                pooled.gold[t] += p.gold[t];
            }
        }
        let all: Vec<&ner::NerDoc> = docs.iter().collect();
        let origins: Vec<usize> = seqs.iter().map(|s| s.origin).collect();
        let m = train_ner(&all, &origins, epochs, seed * 7, mode);
        let nl_bytes = m.namelike.as_ref().map(|nl| nl.weights.iter().map(|&w| w as u8).collect::<Vec<u8>>());
        let r = recognizer(m)?;
        let mut r = r;
        if seed == SEED {
            // Recognition alone (tags computed beforehand), GUM dev, one core.
            let docs: Vec<(Vec<&str>, Vec<(usize, usize)>, Vec<pos::Pos>)> = c
                .gum_dev
                .iter()
                .map(|d| {
                    let w: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
                    let s = d.sentence_ranges();
                    let t = tagger.tag_sentences(&w, &s);
                    (w, s, t)
                })
                .collect();
            let n: usize = docs.iter().map(|d| d.0.len()).sum();
            let (t0, c0) = (Instant::now(), cpu_seconds());
            let mut words = 0usize;
            while t0.elapsed().as_secs_f64() < 1.0 {
                for (w, s, t) in &docs {
                    std::hint::black_box(r.labels_in(w, t, s, None));
                }
                words += n;
            }
            let cpu = cpu_seconds().zip(c0).map(|(a, b)| a - b).filter(|&d| d > 0.0);
            println!("NER alone on GUM dev: {:.0} words per CPU second", cpu.map_or(0.0, |d| words as f64 / d));
            if let Some(b) = &nl_bytes {
                println!("name-likeness weights: {} bytes, {} gzipped", b.len(), gzipped(b));
            }
        }
        let g = eval::ner_gum(tagger, &r, &c.gum_dev);
        println!("seed {seed:#x}: cross-validated EWT dev {pooled}\n            GUM dev {g}");
        if r.uses_domains() {
            println!("            GUM dev, shared weights alone {}", eval::ner_gum_in(tagger, &r, &c.gum_dev, ner::Domain::Shared));
        }
        if mode != StackMode::Off {
            let saved = r.take_stack();
            println!("            first pass alone: cross-validated EWT dev {first}, GUM dev {}", eval::ner_gum(tagger, &r, &c.gum_dev));
            r.set_stack(saved);
        }
        cv_sum += pooled.f1();
        gum_sum += g.f1();
    }
    println!("mean over {seeds} seeds: cross-validated EWT dev F1 {:.4}, GUM dev F1 {:.4} ({:.1}s)", cv_sum / seeds as f64, gum_sum / seeds as f64, t.elapsed().as_secs_f64());
    if let Some(p) = errors {
        std::fs::write(p, log).map_err(|e| format!("{}: {e}", p.display()))?;
    }
    Ok(())
}

/// `--show`: how the models in `--out` see each line of stdin.
fn show(args: &Args) -> Result<(), String> {
    let f = |n: &str| std::fs::read(args.out.join(n)).map_err(|e| format!("{n}: {e}"));
    let models = Models::from_bytes(&f("pos.swm")?, &f("ner.swm")?).map_err(|e| e.to_string())?;
    let names = ner::label_names();
    for line in std::io::stdin().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let words: Vec<&str> = line.split_whitespace().collect();
        let tags = models.pos_tags(&words);
        let bits = saywho_core::ml::gazetteer::embedded().bits(&words);
        let labels = models.recognizer.labels(&words, &tags, None);
        let cols: Vec<String> = (0..words.len()).map(|i| format!("{}/{}/{}/{}", words[i], tags[i].as_str(), bits[i], names[labels[i]])).collect();
        println!("{}", cols.join(" "));
    }
    Ok(())
}

fn words(docs: &[saywho_core::ml::conllu::Doc]) -> usize {
    docs.iter().map(|d| d.words.len()).sum()
}

fn gzipped(b: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(b).ok();
    e.finish().map_or(0, |v| v.len())
}

/// Words per second of tagging plus recognition (and of tagging alone) on
/// GUM test, sentence by sentence, on one core.
type Ranges = [(usize, usize)];
type Span = (usize, usize);

fn speed(models: &Models, docs: &[saywho_core::ml::conllu::Doc], secs: f64) {
    let docs: Vec<(Vec<&str>, Vec<Span>)> =
        docs.iter().map(|d| (d.words.iter().map(|w| w.form.as_str()).collect(), d.sentence_ranges())).collect();
    let n: usize = docs.iter().map(|d| d.0.len()).sum();
    // Words per wall-clock second and per second of this thread's CPU time
    // (the shared build machine is often loaded: CPU time is steadier).
    let time = |f: &dyn Fn(&[&str], &Ranges) -> usize| {
        let (t, c0) = (Instant::now(), cpu_seconds());
        let (mut words, mut out) = (0usize, 0usize);
        while t.elapsed().as_secs_f64() < secs / 2.0 {
            for (w, s) in &docs {
                out += f(w, s);
            }
            words += n;
        }
        std::hint::black_box(out);
        let cpu = cpu_seconds().zip(c0).map(|(a, b)| a - b).filter(|&d| d > 0.0);
        (words as f64 / t.elapsed().as_secs_f64(), cpu.map(|d| words as f64 / d))
    };
    let show = |(wall, cpu): (f64, Option<f64>)| match cpu {
        Some(c) => format!("{wall:.0} words/s ({c:.0} per CPU second)"),
        None => format!("{wall:.0} words/s"),
    };
    let both = time(&|w, s| models.analyze_in(w, s, None).1.len());
    let pos = time(&|w, s| models.pos_tags_in(w, s).len());
    let gaz = time(&|w, _| saywho_core::ml::gazetteer::embedded().bits(w).len());
    println!("speed (one core, GUM test, sentence by sentence): POS+NER {}, POS alone {}, gazetteer lookup alone {}", show(both), show(pos), show(gaz));
}

/// This thread's user + system CPU time (Linux `/proc`; None elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

