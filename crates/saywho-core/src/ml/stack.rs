//! The entity recognizer's second, stacked pass (after Krishnan & Manning
//! 2006): the first pass ([`super::ner`]) labels a whole document, then this
//! pass labels it again with features that add document-level aggregates of
//! the first pass's output, forwards and backwards: how the same word (by
//! its lower case) was labelled elsewhere, how the same capitalised run was,
//! whether the run is part of a first-pass entity elsewhere ("Fayyaz" after
//! "Shabana Fayyaz") or contains one, and acronym links ("World
//! Conservation Union ( IUCN )", "IUCN" later).
//!
//! Greedy constrained BILOU decoding by an averaged perceptron, like the
//! first pass; trained (by `saywho-train`) on jackknifed first-pass labels,
//! so it learns how far to trust a first pass that has not seen the text.
//! Only words the first pass put in an entity, or for which the document
//! gives evidence, are scored: everything else stays O (speed).
//!
//! The weights are the second section of `ner.swm` ([`super::model_file::Stage`]).

use super::features::{feat, feat2, feat3, flag, fnv, fnv_u32, hash_words, sentence_start, IdBuildHasher, WordHashes};
use super::model_file::{ModelError, Stage};
use super::ner_base::{self as ner, allowed, spans_of, DocMemory, Gazetteer, NerDoc, OWords, N_LABELS};
use super::perceptron::{argmax, quantise, Rng, Trainer, Weights};
use super::pos::{cover, Pos};
use std::collections::HashMap;

/// Identifies the feature set in model files; bump on any template change.
pub const FEATURE_SET: u32 = 0x5354_4b01;

/// No value (no other occurrence, no run, outside the sentence).
const NONE: u32 = 0xff;
/// Type index of O in the count arrays (after PERSON, ORG, LOC, MISC).
const O: usize = 4;
/// Longest run or span whose sub-sequences are looked at.
const MAX_RUN: usize = 8;

/// Occurrences per type: PERSON, ORG, LOC, MISC, O.
type Counts = [u16; 5];
type Map<V> = HashMap<u32, V, IdBuildHasher>;

/// The entity type of a BILOU label ([`O`] for O).
#[inline]
fn type_of(l: usize) -> usize {
    if l == 0 {
        O
    } else {
        (l - 1) / 4
    }
}

/// Majority entity type among `c` (ties: the lower type index), or None
/// if no occurrence was in an entity.
fn majority(c: &Counts) -> Option<usize> {
    let (t, &n) = c[..O].iter().enumerate().rev().max_by_key(|&(_, n)| n)?;
    (n > 0).then_some(t)
}

/// A small code for "elsewhere, this was labelled ...": NONE without other
/// occurrences, else the majority entity type (or O) times 4 plus how much
/// of the evidence is for entities (0 none, 1 less than half, 2 half or
/// more, 3 all).
fn code(c: &Counts) -> u32 {
    let total: u32 = c.iter().map(|&n| n as u32).sum();
    if total == 0 {
        return NONE;
    }
    let named: u32 = c[..O].iter().map(|&n| n as u32).sum();
    let share = if named == 0 {
        0
    } else if named == total {
        3
    } else if 2 * named >= total {
        2
    } else {
        1
    };
    majority(c).unwrap_or(O) as u32 * 4 + share
}

/// Whether a [`code`] says some occurrence elsewhere was in an entity.
#[inline]
fn named(code: u32) -> bool {
    code != NONE && code & 3 != 0
}

/// Hash of a sequence of words by their lower case.
fn key(h: &[WordHashes]) -> u32 {
    h.iter().fold(0x9e37_79b9, |k, w| fnv_u32(k, w.lower))
}

/// Hash of the capital letters of `s` in order ("World Conservation Union"
/// -> "WCU", "IUCN" -> "IUCN").
fn initials<'a>(words: impl Iterator<Item = &'a str>) -> (u32, usize) {
    let mut h = 0x811c_9dc5;
    let mut n = 0;
    for w in words {
        for c in w.chars().filter(|c| c.is_uppercase()) {
            let mut b = [0u8; 4];
            h = fnv(h, c.encode_utf8(&mut b).as_bytes());
            n += 1;
        }
    }
    (h, n)
}

/// Words that never count as part of an acronym's expansion.
fn is_function_word(w: &str) -> bool {
    matches!(w, "of" | "the" | "and" | "&" | "for" | "de" | "du" | "des" | "la" | "le" | "in" | "on" | "at" | "to" | "a")
}

/// Document evidence for one word, as small codes (see [`code`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Evidence {
    /// Other occurrences of the word's lower case.
    word: u32,
    /// Bit mask of the entity types other occurrences were labelled with.
    mask: u32,
    /// Other occurrences of the word's capitalised run as a first-pass entity.
    exact: u32,
    /// First-pass entities elsewhere that the run is a proper part of.
    sup: u32,
    /// First-pass entities elsewhere that are a proper part of the run.
    sub: u32,
    /// Acronym links: the word is the initials of an entity, or was
    /// defined in parentheses after one, or the run's initials are an entity.
    acro: u32,
    /// Where the word is in its run: NONE, 1 alone, 2 first, 3 inside, 4 last.
    at: u32,
}

impl Evidence {
    fn any(&self) -> bool {
        named(self.word) || named(self.exact) || named(self.sup) || named(self.sub) || named(self.acro)
    }
}

/// A document as the second pass sees it: per sentence, its first word's
/// index and the padded word hashes ([`hash_words`]).
pub type Hashed = [(usize, Vec<WordHashes>)];

/// The sentences of `words` hashed for [`Stack::relabel`].
pub fn hashed(words: &[&str], sentences: &[(usize, usize)]) -> Vec<(usize, Vec<WordHashes>)> {
    cover(words.len(), sentences).into_iter().map(|(s, e)| (s, hash_words(&words[s..e]))).collect()
}

/// The document's word hashes in one list (padding dropped) and its runs of
/// capitalised words (document word ranges, end exclusive, within sentences).
fn flat_runs(doc: &Hashed) -> (Vec<WordHashes>, Vec<(usize, usize)>) {
    let mut h: Vec<WordHashes> = Vec::new();
    let mut runs = Vec::new();
    for (s, sh) in doc {
        let m = sh.len() - 4;
        h.extend_from_slice(&sh[2..m + 2]);
        let mut i = 0;
        while i < m {
            if sh[i + 2].flags & flag::INIT_CAP == 0 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < m && sh[j + 2].flags & flag::INIT_CAP != 0 {
                j += 1;
            }
            runs.push((s + i, s + j));
            i = j;
        }
    }
    (h, runs)
}

/// The evidence for every word of a document from the first pass's labels.
fn evidence(words: &[&str], doc: &Hashed, pass1: &[usize]) -> Vec<Evidence> {
    let n = words.len();
    // Runs: capitalised words in a row within a sentence; elsewhere the
    // first-pass span the word is in.
    let mut unit: Vec<Option<(usize, usize)>> = vec![None; n];
    let (h, runs) = flat_runs(doc);
    for (a, b) in runs {
        unit[a.min(n)..b.min(n)].iter_mut().for_each(|u| *u = Some((a, b)));
    }
    let h = &h[..n.min(h.len())];
    let n = h.len();
    let spans: Vec<(usize, usize, usize)> = spans_of(&pass1[..n.min(pass1.len())]).into_iter().filter(|&(_, e, _)| e <= n).collect();
    let mut in_span: Vec<Option<usize>> = vec![None; n];
    for (k, &(s, e, _)) in spans.iter().enumerate() {
        in_span[s..e].iter_mut().for_each(|x| *x = Some(k));
    }
    for (k, &(s, e, _)) in spans.iter().enumerate() {
        for g in s..e {
            if unit[g].is_none() {
                unit[g] = Some((s, e));
            }
        }
        let _ = k;
    }
    let ty = |g: usize| pass1.get(g).map_or(O, |&l| type_of(l));

    let mut by_word: Map<Counts> = Map::default();
    for (g, w) in h.iter().enumerate() {
        by_word.entry(w.lower).or_default()[ty(g)] += 1;
    }
    // First-pass entities by their words, their proper parts, their initials.
    let mut exact: Map<Counts> = Map::default();
    let mut part: Map<Counts> = Map::default();
    let mut acronym: Map<Counts> = Map::default();
    for &(s, e, t) in &spans {
        exact.entry(key(&h[s..e])).or_default()[t] += 1;
        let len = e - s;
        if (2..=MAX_RUN).contains(&len) {
            for a in s..e {
                for b in a + 1..=e {
                    if b - a < len {
                        part.entry(key(&h[a..b])).or_default()[t] += 1;
                    }
                }
            }
            let (k, m) = initials(words[s..e].iter().copied().filter(|w| !is_function_word(w) && w.chars().next().is_some_and(char::is_uppercase)).map(|w| &w[..w.chars().next().map_or(0, char::len_utf8)]));
            if m >= 2 {
                acronym.entry(k).or_default()[t] += 1;
            }
            // "World Conservation Union ( IUCN )": the word in parentheses.
            if e + 2 < n && words[e] == "(" && words[e + 2] == ")" && h[e + 1].flags & flag::ALL_CAPS != 0 {
                acronym.entry(h[e + 1].lower ^ 0x4143_524f).or_default()[t] += 1;
            }
        } else if len == 1 && h[s].flags & flag::ALL_CAPS != 0 {
            acronym.entry(initials(std::iter::once(words[s])).0 ^ 0x5255_4e53).or_default()[t] += 1;
        }
    }
    // Occurrences of each run, for "this run elsewhere was not an entity".
    let mut runs: Map<u16> = Map::default();
    let mut g = 0;
    while g < n {
        match unit[g] {
            Some((s, e)) if s == g => {
                *runs.entry(key(&h[s..e])).or_default() += 1;
                g = e.max(g + 1);
            }
            _ => g += 1,
        }
    }

    let mut out = Vec::with_capacity(n);
    let mut cache: Option<((usize, usize), (u32, u32, u32, u32))> = None;
    for g in 0..n {
        let own = ty(g);
        let mut c = by_word.get(&h[g].lower).copied().unwrap_or_default();
        c[own] -= 1;
        let mask = c[..O].iter().enumerate().filter(|(_, &n)| n > 0).fold(0, |m, (t, _)| m | 1 << t);
        let word = code(&c);
        let (exact_c, sup_c, sub_c, acro_run, at) = match unit[g] {
            None => (NONE, NONE, NONE, NONE, NONE),
            Some((s, e)) => {
                let at = if e - s == 1 {
                    1
                } else if g == s {
                    2
                } else if g + 1 == e {
                    4
                } else {
                    3
                };
                let (x, y, z, a) = match cache {
                    Some((r, v)) if r == (s, e) => v,
                    _ => {
                        let k = key(&h[s..e]);
                        // The run itself as a first-pass entity here.
                        let here = in_span[s].filter(|&i| spans[i].0 == s && spans[i].1 == e).map(|i| spans[i].2);
                        let mut c = exact.get(&k).copied().unwrap_or_default();
                        if let Some(t) = here {
                            c[t] -= 1;
                        }
                        let others = runs.get(&k).copied().unwrap_or(1).saturating_sub(1);
                        let named_elsewhere: u16 = c[..O].iter().sum();
                        c[O] = others.saturating_sub(named_elsewhere);
                        let x = code(&c);
                        // The run as a proper part of an entity elsewhere.
                        let mut p = part.get(&k).copied().unwrap_or_default();
                        if let Some(i) = in_span[s].filter(|&i| spans[i].0 <= s && spans[i].1 >= e && spans[i].1 - spans[i].0 > e - s && spans[i].1 - spans[i].0 <= MAX_RUN) {
                            p[spans[i].2] = p[spans[i].2].saturating_sub(1);
                        }
                        let y = code(&p);
                        // Entities elsewhere that are proper parts of the run.
                        let mut q = Counts::default();
                        if (2..=MAX_RUN).contains(&(e - s)) {
                            for a in s..e {
                                for b in a + 1..=e {
                                    if b - a == e - s {
                                        continue;
                                    }
                                    if let Some(c) = exact.get(&key(&h[a..b])) {
                                        let mut c = *c;
                                        if let Some(i) = in_span[a].filter(|&i| spans[i].0 == a && spans[i].1 == b) {
                                            c[spans[i].2] -= 1;
                                        }
                                        (0..O).for_each(|t| q[t] += c[t]);
                                    }
                                }
                            }
                        }
                        let z = code(&q);
                        // The run's initials as an acronym labelled elsewhere.
                        let a = if e - s >= 2 {
                            let (k, m) = initials(words[s..e].iter().copied().filter(|w| !is_function_word(w)).map(|w| &w[..w.chars().next().map_or(0, char::len_utf8)]));
                            if m >= 2 {
                                acronym.get(&(k ^ 0x5255_4e53)).map_or(NONE, code)
                            } else {
                                NONE
                            }
                        } else {
                            NONE
                        };
                        cache = Some(((s, e), (x, y, z, a)));
                        (x, y, z, a)
                    }
                };
                (x, y, z, a, at)
            }
        };
        let acro = if h[g].flags & flag::ALL_CAPS != 0 && (2..=8).contains(&words[g].len()) {
            let (k, _) = initials(std::iter::once(words[g]));
            let mut c = acronym.get(&k).copied().unwrap_or_default();
            if let Some(d) = acronym.get(&(h[g].lower ^ 0x4143_524f)) {
                (0..O).for_each(|t| c[t] += d[t]);
            }
            code(&c)
        } else {
            acro_run
        };
        out.push(Evidence { word, mask, exact: exact_c, sup: sup_c, sub: sub_c, acro, at });
    }
    out
}

/// Features per word: the first pass's own templates ([`super::ner`]) and
/// these, over the first pass's labels and the document evidence.
const N_OWN: usize = 12;
const N_FEATS: usize = ner::N_FEATS + N_OWN;

/// What the feature function sees for one sentence.
struct Ctx<'a> {
    /// The first pass's view of the sentence (its templates are reused).
    base: ner::Ctx<'a>,
    pass1: &'a [usize],
    ev: &'a [Evidence],
}

impl Ctx<'_> {
    #[inline]
    fn p1(&self, i: isize) -> u32 {
        let n = self.base.h.len() as isize - 4;
        if i < 0 || i >= n {
            NONE
        } else {
            self.pass1.get(self.base.offset + i as usize).map_or(NONE, |&l| l as u32)
        }
    }

    #[inline]
    fn features(&self, i: usize, l1: u32, l2: u32, doc: u32, out: &mut [u32; N_FEATS]) {
        let mut base = [0u32; ner::N_FEATS];
        self.base.features(i, l1, l2, doc, &mut base);
        out[..ner::N_FEATS].copy_from_slice(&base);
        let g = self.base.offset + i;
        let c = &self.base.h[i + 2];
        let ev = &self.ev[g];
        let ii = i as isize;
        let p = self.p1(ii);
        let t = self.pass1.get(g).map_or(O, |&l| type_of(l)) as u32;
        let start = sentence_start(self.base.h, i) as u32;
        let own: [u32; N_OWN] = [
            feat(100, p),
            feat2(101, self.p1(ii - 1), self.p1(ii + 1)),
            feat2(102, l1, p),
            feat2(103, ev.word, t),
            feat3(104, ev.word, c.cap(), start),
            feat2(105, ev.mask, t),
            feat3(106, ev.exact, ev.at, p),
            feat3(107, ev.sup, ev.at, t),
            feat3(108, ev.sub, ev.at, t),
            feat2(109, ev.acro, ev.at),
            feat3(110, ev.word, ev.exact, ev.at),
            feat3(111, p, start, c.cap()),
        ];
        out[ner::N_FEATS..].copy_from_slice(&own);
    }
}

const NO_LABEL: u32 = 0xffff;

/// Greedy constrained decoding of one sentence, appending to `out` (and
/// remembering its entities in `memory`, as the first pass does);
/// `learn(features, guess, i)` may replace the choice (training).
fn decode(ctx: &Ctx, memory: &mut DocMemory, score: impl Fn(&[u32], &mut [i32]), mut learn: impl FnMut(Option<&[u32]>, usize, usize) -> Option<usize>, out: &mut Vec<usize>) {
    let h = ctx.base.h;
    let n = h.len() - 4;
    let base = out.len();
    let mut scores = [0i32; N_LABELS];
    let mut f = [0u32; N_FEATS];
    let mut span_start = 0;
    for i in 0..n {
        let g = ctx.base.offset + i;
        let prev = (i > 0).then(|| out[base + i - 1]);
        let open = prev.is_some_and(|l| l != 0 && (l - 1) % 4 < 2);
        // Only words the document says something about are scored (and
        // those that must close an entity this pass opened); the others
        // keep the first pass's label.
        let p1 = ctx.pass1.get(g).copied().unwrap_or(0);
        let l = if !open && !ctx.ev[g].any() && allowed(prev, p1, i + 1 == n) {
            learn(None, p1, i).unwrap_or(p1)
        } else {
            let l1 = prev.map_or(NO_LABEL, |l| l as u32);
            let l2 = if i >= 2 { out[base + i - 2] as u32 } else { NO_LABEL };
            ctx.features(i, l1, l2, memory.get(h[i + 2].lower), &mut f);
            score(&f, &mut scores);
            let l = argmax(&scores, |c| allowed(prev, c, i + 1 == n));
            learn(Some(&f), l, i).unwrap_or(l)
        };
        out.push(l);
        if l != 0 {
            let (t, part) = ((l - 1) / 4, (l - 1) % 4);
            if part == 0 || part == 3 {
                span_start = i;
            }
            if part >= 2 {
                memory.remember(h, span_start, i + 1, t);
            }
        }
    }
}

/// The first pass's view of a sentence starting at `s` (`h`: its padded hashes).
fn base_ctx<'a>(h: &'a [WordHashes], s: usize, pos: &'a [Pos], gaz: Option<&'a dyn Gazetteer>, plain: &'a OWords) -> ner::Ctx<'a> {
    let e = s + h.len() - 4;
    let pos = &pos[s.min(pos.len())..e.min(pos.len())];
    ner::Ctx { runs: ner::cap_runs(h), h, pos, gaz, offset: s, plain, domain: None, nl: Vec::new() }
}

/// A loaded second pass (or, without weights, the plain [`vote`]).
pub struct Stack {
    weights: Option<Weights>,
}

impl Stack {
    pub fn from_stage(s: Stage) -> Result<Stack, ModelError> {
        if s.feature_set == VOTE_SET {
            return Ok(Stack::vote_only());
        }
        if s.feature_set != FEATURE_SET {
            return Err(ModelError::Invalid(format!("second-pass feature set {:#x}, this build computes {FEATURE_SET:#x}", s.feature_set)));
        }
        if s.weights.n_labels != N_LABELS {
            return Err(ModelError::Invalid(format!("second pass with {} labels", s.weights.n_labels)));
        }
        Ok(Stack { weights: Some(s.weights) })
    }

    /// The unlearned alternative: [`vote`] after the first pass.
    pub fn vote_only() -> Stack {
        Stack { weights: None }
    }

    /// The document's labels after the second pass, from the first pass's
    /// `pass1` (one BILOU label per word) and the sentences' hashes.
    /// `plain` is the first pass's set of words O without scoring.
    pub fn relabel(&self, words: &[&str], doc: &Hashed, pos: &[Pos], gaz: Option<&dyn Gazetteer>, plain: &OWords, pass1: &[usize]) -> Vec<usize> {
        let Some(w) = &self.weights else {
            return vote(words, doc, pass1);
        };
        let ev = evidence(words, doc, pass1);
        let mut out = Vec::with_capacity(words.len());
        let mut memory = DocMemory::default();
        for (s, h) in doc {
            let ctx = Ctx { base: base_ctx(h, *s, pos, gaz, plain), pass1, ev: &ev };
            decode(&ctx, &mut memory, |f, sc| w.score(f, sc), |_, _, _| None, &mut out);
        }
        out
    }
}

/// A training document for the second pass: the document (gold labels)
/// and the labels a first pass that did not see it gave it.
pub struct StackDoc<'a> {
    pub doc: &'a NerDoc<'a>,
    pub pass1: Vec<usize>,
}

/// Trains the second pass: `runs` averaged perceptrons over seeded
/// shuffles (seeds `seed`, `seed + 1`, ...), averaged, 16-bit weights.
/// Teacher-forced like the first pass (gold label history).
pub fn train(data: &[StackDoc], bits: u8, epochs: usize, seed: u64, runs: usize) -> Stage {
    let prepared: Vec<(Vec<(usize, Vec<WordHashes>)>, Vec<Evidence>)> = data
        .iter()
        .map(|d| {
            let doc = hashed(&d.doc.words, &d.doc.sentences);
            let ev = evidence(&d.doc.words, &doc, &d.pass1);
            (doc, ev)
        })
        .collect();
    let refs: Vec<&NerDoc> = data.iter().map(|d| d.doc).collect();
    let plain = ner::o_words(&ner::plain_words(&refs));
    let mut dense = vec![0f32; (1usize << bits) * N_LABELS];
    for r in 0..runs.max(1) {
        let mut t = Trainer::new(bits, N_LABELS);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed + r as u64);
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &d in &order {
                let (doc, ev) = &prepared[d];
                let sd = &data[d];
                let gaz = (!sd.doc.gaz.is_empty()).then_some(&sd.doc.gaz as &dyn Gazetteer);
                let mut out = Vec::with_capacity(sd.doc.words.len());
                let mut memory = DocMemory::default();
                for (s, h) in doc {
                    let ctx = Ctx { base: base_ctx(h, *s, &sd.doc.pos, gaz, &plain), pass1: &sd.pass1, ev };
                    let t = std::cell::RefCell::new(&mut t);
                    let gold = |i: usize| sd.doc.labels.get(s + i).copied().unwrap_or(0);
                    decode(
                        &ctx,
                        &mut memory,
                        |f, sc| t.borrow().score(f, sc),
                        |f, guess, i| {
                            if let Some(f) = f {
                                let mut t = t.borrow_mut();
                                t.update(f, gold(i), guess);
                                t.tick();
                            }
                            Some(gold(i))
                        },
                        &mut out,
                    );
                }
            }
        }
        for (d, w) in dense.iter_mut().zip(t.averaged()) {
            *d += w;
        }
    }
    dense.iter_mut().for_each(|d| *d /= runs.max(1) as f32);
    Stage { feature_set: FEATURE_SET, weights: quantise(&dense, bits, N_LABELS, 16) }
}

/// Feature-set id of a stage that is the unlearned [`vote`] (no weights).
pub const VOTE_SET: u32 = 0x564f_5401;

/// The stage stored in `ner.swm` for the unlearned [`vote`].
pub fn vote_stage() -> Stage {
    Stage { feature_set: VOTE_SET, weights: Weights { bits: 1, n_labels: N_LABELS, scale: 1.0, value_bits: 16, offsets: vec![0; 3], entries: Vec::new() } }
}

/// Document-level label consistency as a plain post-process (no learning):
/// the first pass's entities are kept, and a capitalised run it left O
/// becomes an entity if, elsewhere in the document (before or after), the
/// same run (by lower case) was one more often than not (the majority
/// type), a lower-case word left O ("afghanistan") if it was a one-word
/// entity elsewhere more often than it was left O, and an all-capitals word
/// left O that spells the initials of an entity elsewhere ("CPA" and
/// "Coalition Provisional Authority") takes its type. Changing the type of a first-pass entity to the document's
/// majority lost on GUM dev (cross-validated EWT dev / GUM dev F1 0.6729 /
/// 0.6983 with, 0.6726 / 0.7162 without).
pub fn vote(words: &[&str], doc: &Hashed, pass1: &[usize]) -> Vec<usize> {
    let n = words.len().min(pass1.len());
    let (h, runs) = flat_runs(doc);
    let n = n.min(h.len());
    let mut spans = spans_of(&pass1[..n]);
    let unlabelled = |s: usize, e: usize| e <= n && pass1[s..e].iter().all(|&l| l == 0);
    // First-pass entities by their words (then the runs left O), and by
    // their initials.
    let mut by_key: Map<Counts> = Map::default();
    let mut acronym: Map<Counts> = Map::default();
    for &(s, e, t) in &spans {
        by_key.entry(key(&h[s..e])).or_default()[t] += 1;
        if (2..=MAX_RUN).contains(&(e - s)) {
            let (k, m) = initials(words[s..e].iter().copied().filter(|w| !is_function_word(w) && w.chars().next().is_some_and(char::is_uppercase)).map(|w| &w[..w.chars().next().map_or(0, char::len_utf8)]));
            if m >= 2 {
                acronym.entry(k).or_default()[t] += 1;
            }
        }
    }
    for &(s, e) in runs.iter().filter(|&&(s, e)| unlabelled(s, e)) {
        if let Some(c) = by_key.get_mut(&key(&h[s..e])) {
            c[O] += 1;
        }
    }
    let mut add = Vec::new();
    for &(s, e) in runs.iter().filter(|&&(s, e)| unlabelled(s, e)) {
        if let Some(c) = by_key.get(&key(&h[s..e])) {
            if let Some(t) = majority(c).filter(|&t| c[t] > c[O]) {
                add.push((s, e, t));
            }
        }
    }
    // Lower-case words ("afghanistan") that were a one-word entity
    // elsewhere more often than they were left O.
    {
        let mut single: Map<Counts> = Map::default();
        for &(s, _, t) in spans.iter().filter(|x| x.1 - x.0 == 1) {
            single.entry(h[s].lower).or_default()[t] += 1;
        }
        let mut all: Map<u16> = Map::default();
        for g in 0..n {
            if single.contains_key(&h[g].lower) && pass1[g] == 0 {
                *all.entry(h[g].lower).or_default() += 1;
            }
        }
        for g in 0..n {
            if pass1[g] == 0 && h[g].flags & flag::HAS_UPPER == 0 && h[g].flags & flag::HAS_LETTER != 0 {
                if let Some(c) = single.get(&h[g].lower) {
                    if let Some(t) = majority(c).filter(|&t| c[t] > all[&h[g].lower]) {
                        add.push((g, g + 1, t));
                    }
                }
            }
        }
    }
    let mut covered = vec![false; n];
    for &(s, e, _) in &add {
        covered[s..e].iter_mut().for_each(|c| *c = true);
    }
    for g in 0..n {
        if pass1[g] == 0 && !covered[g] && h[g].flags & flag::ALL_CAPS != 0 && (2..=6).contains(&words[g].len()) {
            if let Some(t) = acronym.get(&initials(std::iter::once(words[g])).0).and_then(majority) {
                add.push((g, g + 1, t));
            }
        }
    }
    spans.extend(add);
    spans.sort();
    let mut out = ner::labels_of(n, &spans);
    out.extend_from_slice(&pass1[n..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ml::ner_base::{label, labels_of};

    fn doc(text: &str) -> (Vec<&str>, Vec<(usize, usize)>) {
        let words: Vec<&str> = text.split(' ').collect();
        let mut sentences = Vec::new();
        let mut s = 0;
        for (i, w) in words.iter().enumerate() {
            if *w == "." {
                sentences.push((s, i + 1));
                s = i + 1;
            }
        }
        if s < words.len() {
            sentences.push((s, words.len()));
        }
        (words, sentences)
    }

    /// (text, first-pass spans, word, what its evidence should say).
    #[test]
    fn evidence_looks_both_ways() {
        const PER: usize = 0;
        const ORG: usize = 1;
        let cases: &[(&str, &[(usize, usize, usize)], usize, &str, u32)] = &[
            // "Fayyaz" alone is part of the person "Shabana Fayyaz" later.
            ("Fayyaz said so . Then Shabana Fayyaz left .", &[(5, 7, PER)], 0, "sup", PER as u32 * 4 + 3),
            // The same word labelled a person elsewhere (later).
            ("Vladi wrote . Hey Vladi , thanks .", &[(4, 5, PER)], 0, "word", PER as u32 * 4 + 3),
            // ... and not counted for itself.
            ("Vladi wrote . Hey Vladi , thanks .", &[(4, 5, PER)], 4, "word", O as u32 * 4),
            // The run "Shabana Fayyaz" contains the person "Fayyaz" elsewhere.
            ("Fayyaz said so . Then Shabana Fayyaz left .", &[(0, 1, PER)], 6, "sub", PER as u32 * 4 + 3),
            // The acronym defined in parentheses, then used alone.
            ("the World Conservation Union ( IUCN ) met . IUCN said .", &[(1, 4, ORG)], 9, "acro", ORG as u32 * 4 + 3),
            // The acronym of an entity, unlabelled and undefined.
            ("World Conservation Union met . WCU said .", &[(0, 3, ORG)], 5, "acro", ORG as u32 * 4 + 3),
            // The same run elsewhere as an organisation, once of two.
            ("Hobby Lobby sued . Hobby Lobby won . Hobby Lobby paid .", &[(4, 6, ORG)], 0, "exact", ORG as u32 * 4 + 2),
            // No other occurrence.
            ("Hobby Lobby sued .", &[], 0, "exact", NONE),
        ];
        for &(text, spans, g, what, want) in cases {
            let (words, sentences) = doc(text);
            let h = hashed(&words, &sentences);
            let ev = evidence(&words, &h, &labels_of(words.len(), spans));
            let e = ev[g];
            let got = match what {
                "word" => e.word,
                "exact" => e.exact,
                "sup" => e.sup,
                "sub" => e.sub,
                "acro" => e.acro,
                _ => unreachable!(),
            };
            assert_eq!(got, want, "{text:?} word {g} {what}: {e:?}");
        }
    }

    #[test]
    fn evidence_never_panics_on_odd_input() {
        for (text, labels) in [("", vec![]), ("A", vec![label(0, 1)]), ("A B ( C", vec![label(1, 0), label(1, 2), 0, label(2, 3)]), ("X Y", vec![0])] {
            let (words, sentences) = doc(text);
            let words: Vec<&str> = if text.is_empty() { vec![] } else { words };
            let h = hashed(&words, &sentences);
            let _ = evidence(&words, &h, &labels);
            let v = vote(&words, &h, &labels);
            assert_eq!(v.len(), labels.len().max(v.len().min(labels.len())));
        }
    }

    #[test]
    fn vote_makes_runs_consistent() {
        const PER: usize = 0;
        const ORG: usize = 1;
        const LOC: usize = 2;
        // (text, first-pass spans, spans after the vote)
        type Spans = &'static [(usize, usize, usize)];
        let cases: &[(&str, Spans, Spans)] = &[
            // "Marathon" an organisation twice, left O once: named there too;
            // the person guess is kept (no retyping); "Marathon Oil" is another run.
            (
                "Marathon said . Marathon Oil rose . Marathon fell . Marathon won .",
                &[(0, 1, ORG), (7, 8, PER), (10, 11, ORG)],
                &[(0, 1, ORG), (7, 8, PER), (10, 11, ORG)],
            ),
            ("Marathon said . Marathon Oil rose . Marathon fell . Marathon won .", &[(0, 1, ORG), (10, 11, ORG)], &[(0, 1, ORG), (7, 8, ORG), (10, 11, ORG)]),
            // Named once, left O twice: left alone.
            ("Marathon said . Marathon Oil rose . Marathon fell . Marathon won .", &[(0, 1, ORG)], &[(0, 1, ORG)]),
            // Forwards as well as backwards, by lower case; one of two is a tie (left alone).
            (
                "Hey Vladi , BAYOU CITY is far . Vladi lives in Bayou City . Bayou City rocks .",
                &[(1, 2, PER), (11, 13, LOC), (14, 16, LOC)],
                &[(1, 2, PER), (3, 5, LOC), (11, 13, LOC), (14, 16, LOC)],
            ),
            // A lower-case word that was a one-word place twice.
            ("Afghanistan is far . Afghanistan is big . I love afghanistan .", &[(0, 1, LOC), (4, 5, LOC)], &[(0, 1, LOC), (4, 5, LOC), (10, 11, LOC)]),
            ("Afghanistan is far . I love afghanistan .", &[(0, 1, LOC)], &[(0, 1, LOC)]),
            // Acronyms of entities elsewhere.
            ("CPA staff met . the Coalition Provisional Authority said .", &[(5, 8, ORG)], &[(0, 1, ORG), (5, 8, ORG)]),
            ("the World Bank and the WB .", &[(1, 3, ORG)], &[(1, 3, ORG), (5, 6, ORG)]),
        ];
        for &(text, pass1, want) in cases {
            let (words, sentences) = doc(text);
            let h = hashed(&words, &sentences);
            let got = spans_of(&vote(&words, &h, &labels_of(words.len(), pass1)));
            assert_eq!(got, want, "{text:?}");
        }
        // Stored as a stage without weights.
        let st = Stack::from_stage(vote_stage()).unwrap();
        let (words, sentences) = doc(cases[1].0);
        let h = hashed(&words, &sentences);
        let pass1 = labels_of(words.len(), cases[1].1);
        assert_eq!(st.relabel(&words, &h, &[], None, &OWords::default(), &pass1), vote(&words, &h, &pass1));
    }

    #[test]
    fn learns_to_follow_the_document() {
        // The first pass misses the second mention every time; the second
        // pass learns that a word named elsewhere is named here too.
        let texts = ["Anna Smith came . then Smith left .", "Bo Lee came . then Lee left .", "Cy Dunn came . then Dunn left .", "the dog came . then it left ."];
        let docs: Vec<NerDoc> = texts
            .iter()
            .map(|t| {
                let (words, sentences) = doc(t);
                let named = words[0] != "the";
                let labels = labels_of(words.len(), if named { &[(0, 2, 0), (5, 6, 0)] } else { &[] });
                let pos = words.iter().map(|w| if w.chars().next().is_some_and(char::is_uppercase) { Pos::NNP } else { Pos::NN }).collect();
                NerDoc { words, pos, labels, sentences, gaz: vec![], domain: ner::Domain::Shared }
            })
            .collect();
        let data: Vec<StackDoc> = docs.iter().map(|d| StackDoc { doc: d, pass1: d.labels.iter().enumerate().map(|(i, &l)| if i == 5 { 0 } else { l }).collect() }).collect();
        let stage = train(&data, 10, 8, 1, 2);
        let st = Stack::from_stage(stage.clone()).unwrap();
        for d in &data {
            let h = hashed(&d.doc.words, &d.doc.sentences);
            assert_eq!(st.relabel(&d.doc.words, &h, &d.doc.pos, None, &OWords::default(), &d.pass1), d.doc.labels, "{:?}", d.doc.words);
        }
        assert!(Stack::from_stage(Stage { feature_set: 1, ..stage }).is_err());
    }
}
