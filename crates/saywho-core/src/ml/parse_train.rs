//! Training the parser: treebank sentences read from CoNLL-U, made
//! projective by lifting, and a greedy perceptron trained with the dynamic
//! oracle of Goldberg and Nivre (2013) for arc-hybrid: at every step the
//! zero-cost moves (those after which the best reachable tree loses no more
//! gold arcs) are all correct, so after the first epoch the trainer follows
//! its own predictions and learns to recover from its mistakes, as it must
//! at run time. Deterministic for a given seed.

use super::model_file::{Kind, Model, Stage};
use super::parse::{self, best_move, Dep, State, LABEL_OFFSET, LEFT, MOVES, RIGHT, SHIFT};
use super::parse_features::{self as pf, Slots};
use super::perceptron::{argmax, quantise, Rng, Trainer, Weights};
use super::pos::Pos;

/// A sentence of a treebank: words, Penn tags, heads (None: root) and relations.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub words: Vec<String>,
    pub tags: Vec<Pos>,
    pub heads: Vec<Option<usize>>,
    pub deps: Vec<Dep>,
}

/// Reads the sentences of a CoNLL-U file (multiword-token lines and empty
/// nodes skipped; unknown tags read as [`Pos::XX`]; relations outside
/// [`Dep`] as their base relation, else `dep`). Sentences whose heads do not
/// form one tree are dropped.
pub fn read_trees(text: &str) -> Vec<Tree> {
    let mut out = Vec::new();
    let mut cur = Tree { words: vec![], tags: vec![], heads: vec![], deps: vec![] };
    let flush = |cur: &mut Tree, out: &mut Vec<Tree>| {
        let t = std::mem::replace(cur, Tree { words: vec![], tags: vec![], heads: vec![], deps: vec![] });
        let arcs: Vec<parse::Arc> = t.heads.iter().zip(&t.deps).map(|(&head, &label)| parse::Arc { head, label }).collect();
        if !t.words.is_empty() && parse::is_tree(&arcs) {
            out.push(t);
        }
    };
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 || c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        cur.words.push(c[1].to_string());
        cur.tags.push(Pos::from_penn(c[4]).unwrap_or(Pos::XX));
        cur.heads.push(c[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1)));
        cur.deps.push(relation(c[7]));
    }
    out
}

/// A UD relation as [`Dep`]: itself, else its base, else `dep`.
pub fn relation(s: &str) -> Dep {
    Dep::from_ud(s).or_else(|| s.split_once(':').and_then(|(b, _)| Dep::from_ud(b))).unwrap_or(Dep::Dep)
}

/// Makes a tree projective by lifting (Nivre and Nilsson 2005, without
/// encoding the lift in the label): while some arc is non-projective, the
/// shortest such arc is re-attached to its head's head. Returns the number
/// of lifts.
pub fn projectivize(heads: &mut [Option<usize>]) -> usize {
    let n = heads.len();
    let mut lifts = 0;
    while lifts <= n * n {
        let mut worst: Option<(usize, usize)> = None;
        for d in 0..n {
            let Some(h) = heads[d] else { continue };
            if !arc_projective(heads, h, d) {
                let len = h.abs_diff(d);
                if worst.is_none_or(|(_, l)| len < l) {
                    worst = Some((d, len));
                }
            }
        }
        let Some((d, _)) = worst else { break };
        let h = heads[d].unwrap_or(0);
        heads[d] = heads[h];
        lifts += 1;
    }
    lifts
}

/// Whether every word strictly between `h` and `d` descends from `h`.
fn arc_projective(heads: &[Option<usize>], h: usize, d: usize) -> bool {
    let (a, b) = if h < d { (h, d) } else { (d, h) };
    (a + 1..b).all(|k| {
        let mut x = k;
        for _ in 0..=heads.len() {
            match heads[x] {
                Some(p) if p == h => return true,
                Some(p) => x = p,
                None => return false,
            }
        }
        false
    })
}

/// A training sentence: the tags the parser will see (predicted), gold heads
/// (the root is `n`) and relation indices, and each word's gold dependents.
pub struct Example<'a> {
    pub words: Vec<&'a str>,
    pub tags: Vec<Pos>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    kids: Vec<Vec<u32>>,
}

impl<'a> Example<'a> {
    /// From a (projective) tree, with `tags` in place of its gold tags and
    /// `labels` the relations the model has (others count as `dep`, or the first).
    pub fn new(t: &'a Tree, tags: Vec<Pos>, heads: &[Option<usize>], labels: &[Dep]) -> Example<'a> {
        let n = t.words.len();
        let heads: Vec<u32> = heads.iter().map(|h| h.map_or(n as u32, |h| h as u32)).collect();
        let mut kids = vec![Vec::new(); n + 1];
        for (d, &h) in heads.iter().enumerate() {
            kids[h as usize].push(d as u32);
        }
        let fallback = labels.iter().position(|&d| d == Dep::Dep).unwrap_or(0);
        let idx = |d: Dep| labels.iter().position(|&x| x == d).or_else(|| labels.iter().position(|&x| x == d.base())).unwrap_or(fallback) as u8;
        Example { words: t.words.iter().map(String::as_str).collect(), tags, heads, labels: t.deps.iter().map(|&d| idx(d)).collect(), kids }
    }

    /// The gold arcs the move `mv` makes unreachable from `st` (arc-hybrid,
    /// Goldberg and Nivre 2013), with `in_stack` marking the stack's words.
    fn cost(&self, st: &State, in_stack: &[bool], mv: usize) -> usize {
        let b = st.b as u32;
        let buffered_kids = |x: u32| self.kids[x as usize].iter().filter(|&&k| k >= b).count();
        match mv {
            SHIFT => {
                let s0 = st.s(0);
                let h = self.heads[st.b];
                self.kids[st.b].iter().filter(|&&k| in_stack[k as usize]).count() + (in_stack[h as usize] && h != s0) as usize
            }
            LEFT => {
                let s0 = st.s(0);
                let h = self.heads[s0 as usize];
                buffered_kids(s0) + (h != b && (h >= b || h == st.s(1))) as usize
            }
            _ => {
                let s0 = st.s(0);
                buffered_kids(s0) + (self.heads[s0 as usize] >= b) as usize
            }
        }
    }
}

/// Training settings.
pub struct Settings {
    pub bits: u8,
    pub label_bits: u8,
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following the model's own move after the first epoch.
    pub explore: f64,
    /// Width of the stored weights: 8 or 16 bits.
    pub value_bits: u8,
    /// Independent runs (shuffling seeds `seed`, `seed + 1`, …) whose
    /// averaged weights are averaged again: a cheap ensemble.
    pub runs: usize,
}

/// Trains a parser on `data` over the relations `labels`.
pub fn train(data: &[Example], labels: &[Dep], s: &Settings, about: &str) -> Model {
    if s.runs <= 1 {
        return train_watching(data, labels, s, about, &mut |_, _| ());
    }
    let (mut m, mut l) = (Vec::new(), Vec::new());
    for r in 0..s.runs {
        let (moves, rels) = train_run(data, labels, &Settings { seed: s.seed + r as u64, ..*s }, about, &mut |_, _| ());
        for (sum, one) in [(&mut m, moves.averaged()), (&mut l, rels.averaged())] {
            if sum.is_empty() {
                *sum = one;
            } else {
                sum.iter_mut().zip(one).for_each(|(a, b)| *a += b);
            }
        }
    }
    model(quantise(&m, s.bits, 3, s.value_bits), quantise(&l, s.label_bits, labels.len(), s.value_bits), labels, about)
}

/// [`train`], handing `watch` the model as it stands after each epoch
/// (1-based), to choose the epoch count on held-out data in one run.
pub fn train_watching(data: &[Example], labels: &[Dep], s: &Settings, about: &str, watch: &mut dyn FnMut(usize, Model)) -> Model {
    let (moves, rels) = train_run(data, labels, s, about, watch);
    let m = finish(&moves, &rels, labels, s.value_bits, about);
    watch(s.epochs, m.clone());
    m
}

/// One training run: the move and relation trainers after the last epoch.
fn train_run(data: &[Example], labels: &[Dep], s: &Settings, about: &str, watch: &mut dyn FnMut(usize, Model)) -> (Trainer, Trainer) {
    // Dense tables of their own widths (3 moves; the relations): the file
    // stores both over the moves-then-relations label list.
    let mut moves = Trainer::new(s.bits, 3);
    let mut rels = Trainer::new(s.label_bits, labels.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(s.seed);
    let mut f = [0u32; pf::N_MOVE];
    let mut lf = [0u32; pf::N_LABEL];
    let mut ms = vec![0i32; 3];
    let mut ls = vec![0i32; labels.len()];
    for epoch in 0..s.epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let ex = &data[k];
            let n = ex.words.len();
            let slots = Slots::new(&ex.words, &ex.tags);
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            while !st.done() {
                pf::move_features(&slots, &st, &mut f);
                moves.score(&f, &mut ms);
                let sc = [ms[0], ms[1], ms[2]];
                let guess = best_move(&st, &sc);
                let costs: Vec<usize> = (0..3).map(|m| if st.valid(m) { ex.cost(&st, &in_stack, m) } else { usize::MAX }).collect();
                let min = *costs.iter().min().unwrap_or(&0);
                let mut best = usize::MAX;
                for m in [SHIFT, LEFT, RIGHT] {
                    if costs[m] == min && (best == usize::MAX || sc[m] > sc[best]) {
                        best = m;
                    }
                }
                moves.update(&f, best, guess);
                moves.tick();
                let explore = epoch > 0 && (rng.next_u64() % 1000) as f64 / 1000.0 < s.explore;
                let mv = if explore { guess } else { best };
                let mut label = 0u8;
                if mv != SHIFT {
                    let (h, d) = st.arc_of(mv);
                    pf::label_features(&slots, &st, h, d, &mut lf);
                    rels.score(&lf, &mut ls);
                    let predicted = argmax(&ls, |_| true);
                    label = predicted as u8;
                    if ex.heads[d as usize] == h {
                        let gold = ex.labels[d as usize] as usize;
                        rels.update(&lf, gold, predicted);
                        rels.tick();
                        if !explore {
                            label = gold as u8;
                        }
                    }
                }
                match mv {
                    SHIFT => in_stack[st.b] = true,
                    _ => in_stack[st.s(0) as usize] = false,
                }
                st.apply(mv, label);
            }
        }
        if epoch + 1 < s.epochs {
            watch(epoch + 1, finish(&moves, &rels, labels, s.value_bits, about));
        }
    }
    (moves, rels)
}

/// The averaged, quantised model of the two trainers.
fn finish(moves: &Trainer, rels: &Trainer, labels: &[Dep], value_bits: u8, about: &str) -> Model {
    model(moves.finish(value_bits), rels.finish(value_bits), labels, about)
}

/// A parser model of move and relation weights (relations numbered from 0).
fn model(moves: Weights, rels: Weights, labels: &[Dep], about: &str) -> Model {
    let n_labels = LABEL_OFFSET + labels.len();
    let mut labels_out: Vec<String> = MOVES.iter().map(|m| m.to_string()).collect();
    labels_out.extend(labels.iter().map(|d| d.as_str().to_string()));
    Model {
        kind: Kind::Parse,
        feature_set: parse::FEATURE_SET,
        about: about.to_string(),
        labels: labels_out,
        weights: Weights { n_labels, ..moves },
        dict: Vec::new(),
        stage2: Some(Stage { feature_set: parse::LABEL_FEATURE_SET, weights: offset_labels(rels, n_labels) }),
        namelike: None,
    }
}

/// `w` without the weights smaller than `min` in magnitude (quantised
/// units): most of a model's weights are small, and a parser model is mostly
/// weights, so this is the size-accuracy knob (measured in MODELS.md).
pub fn prune(w: &Weights, min: i16) -> Weights {
    let mut offsets = Vec::with_capacity(w.offsets.len());
    let mut entries = Vec::with_capacity(w.entries.len());
    offsets.push(0);
    for b in w.offsets.windows(2) {
        entries.extend(w.entries[b[0] as usize..b[1] as usize].iter().filter(|e| e.w.abs() >= min));
        offsets.push(entries.len() as u32);
    }
    Weights { offsets, entries, ..w.clone() }
}

/// A parser model with both tables pruned ([`prune`]).
pub fn prune_model(m: &Model, min: i16) -> Model {
    let mut m = m.clone();
    m.weights = prune(&m.weights, min);
    if let Some(st) = &mut m.stage2 {
        st.weights = prune(&st.weights, min);
    }
    m
}

/// The relation weights renumbered past the three moves.
fn offset_labels(mut w: Weights, n_labels: usize) -> Weights {
    for e in &mut w.entries {
        e.label += LABEL_OFFSET as u16;
    }
    w.n_labels = n_labels;
    w
}

/// Attachment scores over every word (punctuation included, as in the
/// CoNLL 2018 evaluation) and without punctuation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub heads: usize,
    pub labelled: usize,
    pub words_np: usize,
    pub heads_np: usize,
    pub labelled_np: usize,
}

impl Scores {
    /// Adds a parse of `gold`'s words.
    pub fn add(&mut self, gold: &Tree, pred: &[parse::Arc]) {
        for (i, a) in pred.iter().enumerate().take(gold.words.len()) {
            let head = a.head == gold.heads[i];
            let lab = head && a.label == gold.deps[i];
            self.words += 1;
            self.heads += head as usize;
            self.labelled += lab as usize;
            if gold.deps[i] != Dep::Punct {
                self.words_np += 1;
                self.heads_np += head as usize;
                self.labelled_np += lab as usize;
            }
        }
    }

    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }
    pub fn uas_np(&self) -> f64 {
        self.heads_np as f64 / self.words_np.max(1) as f64
    }
    pub fn las_np(&self) -> f64 {
        self.labelled_np as f64 / self.words_np.max(1) as f64
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UAS {:.4} LAS {:.4} (without punctuation UAS {:.4} LAS {:.4}; {} words)", self.uas(), self.las(), self.uas_np(), self.las_np(), self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ml::model_file::Model;
    use crate::ml::parse::{is_projective, is_tree, Parser};

    const TOY: &str = "\
1\tthe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tdog\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tbarks\t_\tVERB\tVBZ\t_\t0\troot\t_\t_
4\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tshe\t_\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tsaid\t_\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\t_\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\tthe\t_\tDET\tDT\t_\t5\tdet\t_\t_
5\tcat\t_\tNOUN\tNN\t_\t6\tnsubj\t_\t_
6\tslept\t_\tVERB\tVBD\t_\t2\tccomp\t_\t_
7\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tPaul\t_\tPROPN\tNNP\t_\t3\tnsubj:pass\t_\t_
2\twas\t_\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tpraised\t_\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\t_\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\t_\tDET\tDT\t_\t6\tdet\t_\t_
6\tpress\t_\tNOUN\tNN\t_\t3\tobl:agent\t_\t_
7\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tAnn\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tsaw\t_\tVERB\tVBD\t_\t0\troot\t_\t_
3\tBob\t_\tPROPN\tNNP\t_\t2\tobj\t_\t_
4\tand\t_\tCCONJ\tCC\t_\t5\tcc\t_\t_
5\tEve\t_\tPROPN\tNNP\t_\t3\tconj\t_\t_
";

    fn toy_parser() -> (Vec<Tree>, Parser) {
        let trees = read_trees(TOY);
        let labels = vec![Dep::Det, Dep::Nsubj, Dep::Root, Dep::Punct, Dep::Mark, Dep::Ccomp, Dep::NsubjPass, Dep::AuxPass, Dep::Case, Dep::OblAgent, Dep::Obj, Dep::Cc, Dep::Conj, Dep::Dep];
        let ex: Vec<Example> = trees.iter().map(|t| Example::new(t, t.tags.clone(), &t.heads, &labels)).collect();
        let s = Settings { bits: 12, label_bits: 12, epochs: 15, seed: 3, explore: 0.9, value_bits: 8, runs: 1 };
        let m = train(&ex, &labels, &s, "toy");
        let p = Parser::from_model(Model::decode(&m.encode()).expect("decodes")).expect("loads");
        (trees, p)
    }

    #[test]
    fn reads_conllu_trees() {
        let trees = read_trees(TOY);
        assert_eq!(trees.len(), 4);
        assert_eq!(trees[1].words, ["she", "said", "that", "the", "cat", "slept", "."]);
        assert_eq!(trees[1].heads, [Some(1), None, Some(5), Some(4), Some(5), Some(1), Some(1)]);
        assert_eq!(trees[2].deps[0], Dep::NsubjPass);
        assert_eq!(relation("nmod:tmod"), Dep::Nmod);
        assert_eq!(relation("whatever"), Dep::Dep);
        // A sentence with two roots is no tree and is dropped.
        assert!(read_trees("1\ta\t_\t_\tDT\t_\t0\troot\t_\t_\n2\tb\t_\t_\tNN\t_\t0\troot\t_\t_\n").is_empty());
    }

    #[test]
    fn lifting_makes_trees_projective() {
        let cases: &[&[Option<usize>]] = &[
            &[None, Some(3), Some(0), Some(0)],
            &[Some(2), Some(2), None, Some(1)],
            &[Some(1), None, Some(4), Some(1), Some(1), Some(2)],
            &[Some(1), None, Some(1)],
        ];
        for &h in cases {
            let mut heads = h.to_vec();
            let lifts = projectivize(&mut heads);
            assert!(is_projective(&heads), "{h:?} → {heads:?}");
            assert_eq!(lifts == 0, is_projective(h), "{h:?}");
            let arcs: Vec<parse::Arc> = heads.iter().map(|&head| parse::Arc { head, label: Dep::Dep }).collect();
            assert!(is_tree(&arcs));
        }
    }

    #[test]
    fn the_oracle_reaches_every_projective_tree() {
        // Always taking a zero-cost move rebuilds the gold tree exactly.
        let labels = vec![Dep::Dep];
        for t in read_trees(TOY) {
            let ex = Example::new(&t, t.tags.clone(), &t.heads, &labels);
            let n = t.words.len();
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            while !st.done() {
                let mv = (0..3).find(|&m| st.valid(m) && ex.cost(&st, &in_stack, m) == 0).expect("a zero-cost move");
                match mv {
                    SHIFT => in_stack[st.b] = true,
                    _ => in_stack[st.s(0) as usize] = false,
                }
                st.apply(mv, 0);
            }
            let got: Vec<Option<usize>> = st.heads[..n].iter().map(|&h| (h as usize != n).then_some(h as usize)).collect();
            assert_eq!(got, t.heads);
        }
    }

    #[test]
    fn a_tiny_training_run_overfits_the_toy_treebank() {
        let (trees, p) = toy_parser();
        for t in &trees {
            let words: Vec<&str> = t.words.iter().map(String::as_str).collect();
            let arcs = p.parse(&words, &t.tags);
            let heads: Vec<Option<usize>> = arcs.iter().map(|a| a.head).collect();
            let deps: Vec<Dep> = arcs.iter().map(|a| a.label).collect();
            assert_eq!((heads, deps), (t.heads.clone(), t.deps.clone()), "{words:?}");
        }
    }

    #[test]
    fn wrong_or_damaged_model_files_are_refused() {
        let labels = vec![Dep::Root, Dep::Dep];
        let trees = read_trees(TOY);
        let ex: Vec<Example> = trees.iter().map(|t| Example::new(t, t.tags.clone(), &t.heads, &labels)).collect();
        let m = train(&ex, &labels, &Settings { bits: 8, label_bits: 8, epochs: 1, seed: 1, explore: 0.9, value_bits: 8, runs: 2 }, "toy");
        assert!(Parser::from_model(m.clone()).is_ok());
        assert!(Parser::from_model(Model { kind: Kind::Pos, ..m.clone() }).is_err());
        assert!(Parser::from_model(Model { stage2: None, ..m.clone() }).is_err());
        assert!(Parser::from_model(Model { feature_set: 1, ..m.clone() }).is_err());
        let mut labels = m.labels.clone();
        labels[3] = "nsubj:xsubj".into();
        assert!(Parser::from_model(Model { labels, ..m.clone() }).is_err());
        let mut bytes = m.encode();
        let k = bytes.len() / 2;
        bytes[k] ^= 0x40;
        assert!(Model::decode(&bytes).is_err());
    }

    #[test]
    fn any_input_parses_to_a_tree() {
        let (_, p) = toy_parser();
        let long: Vec<String> = (0..parse::MAX_WORDS + 30).map(|i| format!("w{}", i % 7)).collect();
        let cases: Vec<(Vec<&str>, Vec<Pos>)> = vec![
            (vec![], vec![]),
            (vec!["Hello"], vec![Pos::UH]),
            (vec!["!"], vec![]),
            (vec!["", "\u{0}", "😀", "İ"], vec![Pos::XX; 2]),
            (long.iter().map(String::as_str).collect(), vec![Pos::NN; 5]),
            (vec!["the"; 50], vec![Pos::DT; 50]),
        ];
        for (words, tags) in cases {
            let arcs = p.parse(&words, &tags);
            assert_eq!(arcs.len(), words.len());
            if words.len() <= parse::MAX_WORDS {
                assert!(is_tree(&arcs), "{words:?}");
                let heads: Vec<Option<usize>> = arcs.iter().map(|a| a.head).collect();
                assert!(is_projective(&heads));
            } else {
                assert!(is_tree(&arcs[..parse::MAX_WORDS]));
                assert!(arcs[parse::MAX_WORDS..].iter().all(|a| a.head.is_none_or(|h| h >= parse::MAX_WORDS)));
            }
        }
    }
}
