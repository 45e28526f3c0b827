//! Named-entity recognition: BILOU labels over PERSON, ORG, LOC and MISC,
//! decoded greedily left to right with the label constraints enforced, by an
//! averaged perceptron over word, shape, affix, POS, label-history,
//! gazetteer and document features ("what was this word tagged earlier in
//! the same call").

use super::features::{feat, feat2, feat3, flag, fnv_u32, hash_words, sentence_start, IdBuildHasher, WordHashes};
use super::model_file::{Kind, Model, ModelError};
use super::perceptron::{argmax, quantise, Rng, Trainer, Weights};
use super::pos::{cover, Pos};
use std::collections::HashMap;

/// Entity types, in label order.
pub const TYPES: [&str; 4] = ["PERSON", "ORG", "LOC", "MISC"];

/// Identifies the feature set in model files; bump on any template change.
/// The low bit says whether the model was trained with gazetteer features.
pub const FEATURE_SET: u32 = 0x4e45_520a;
const WITH_GAZETTEER: u32 = 1;
/// Set in models trained with domain copies of features (see [`Domain`]).
const WITH_DOMAINS: u32 = 0x8000_0000;
/// Set in models whose name-likeness features ([`super::namelike`], in
/// models that have one) fire for every word, not only for words no
/// gazetteer knows.
const WITH_NAMELIKE_ALL: u32 = 0x1000_0000;
const FLAGS: u32 = WITH_GAZETTEER | WITH_DOMAINS | WITH_NAMELIKE_ALL;

/// Features beyond [`N_FEATS`] that the name-likeness model adds (template
/// 70: the word's code with its capitalisation and sentence start).
/// Cross-validated EWT dev / GUM dev F1 (mean of 3 seeds; without the
/// model 0.6916 / 0.7085): this alone 0.6963 / 0.7226 (6 seeds: 0.6945 /
/// 0.7266 against 0.6876 / 0.7058); plus the codes of the first and last
/// word of the capitalised run and the code with the gazetteer bits 0.690 /
/// 0.708; without the jackknife ([`Jackknife`]) 0.684 / 0.702. Off by
/// default (`saywho-train --namelike unknown|all`): just under the +0.005 bar.
const MAX_EXTRA: usize = 1;

/// The optional parts of a recognizer's features.
#[derive(Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Name-likeness of words ([`super::namelike`]).
    pub namelike: Option<&'a super::namelike::NameLike>,
    /// Name-likeness for every word (false: only for words no gazetteer knows).
    pub namelike_all: bool,
    /// In training: name-likeness models that each did not see a fifth of
    /// the ordinary words (see [`Jackknife`]).
    pub jack: Option<&'a Jackknife>,
}

/// Name-likeness of the training text's own ordinary words from models that
/// did not see them: otherwise they look more word-like in training than
/// unseen ordinary words do at run time.
pub struct Jackknife {
    /// Model `k` did not see the ordinary words of fold `k`.
    folds: Vec<super::namelike::NameLike>,
    /// The ordinary words the final model saw, with their folds.
    ordinary: HashMap<String, usize>,
}

const NAMELIKE_FOLDS: usize = 5;

fn word_fold(w: &str) -> usize {
    super::features::fnv(0x811c_9dc5, w.as_bytes()) as usize % NAMELIKE_FOLDS
}

/// What the trainer passes to build [`Extras`]: gazetteer names for the
/// name-likeness model (None: no such model), and the switches.
#[derive(Clone, Copy, Default)]
pub struct ExtraOptions<'a> {
    /// Given names and the words of place names.
    pub names: Option<(&'a [&'a str], &'a [&'a str])>,
    pub namelike_all: bool,
}

/// The kind of text, for the recognizer's domain-specific weights (feature
/// augmentation, Daumé III 2007: every feature of [`DOMAIN_TEMPLATES`] also
/// fires in a copy for the domain of the training document, so weights
/// shared by both domains and weights for one alone are learnt together).
/// Models trained without domains ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Domain {
    /// Edited text: news, encyclopaedia, academic prose (GUM train). The
    /// default: what the news pipeline reads.
    #[default]
    Edited,
    /// Web text: forums, reviews, e-mail (English-EWT).
    Web,
    /// The shared weights alone.
    Shared,
}

impl Domain {
    /// The value domain copies of features are hashed with (None: no copies).
    fn salt(self) -> Option<u32> {
        match self {
            Domain::Edited => Some(0xed17_ed00),
            Domain::Web => Some(0x3eb0_3eb0),
            Domain::Shared => None,
        }
    }
}

/// The templates (indices into [`Ctx::features`]) that also fire in a copy
/// for the text's [`Domain`].
const DOMAIN_TEMPLATES: [usize; N_FEATS] = {
    let mut a = [0; N_FEATS];
    let mut i = 0;
    while i < N_FEATS {
        a[i] = i;
        i += 1;
    }
    a
};
const N_ALL_FEATS: usize = N_FEATS + DOMAIN_TEMPLATES.len();

pub const N_FEATS: usize = 36;

/// Label index: 0 is O, then B, I, L, U for each type in [`TYPES`] order.
pub const N_LABELS: usize = 1 + 4 * TYPES.len();
const B: usize = 0;
const I: usize = 1;
const L: usize = 2;
const U: usize = 3;

#[inline]
pub fn label(ty: usize, part: usize) -> usize {
    1 + 4 * ty + part
}

#[inline]
fn part(l: usize) -> Option<(usize, usize)> {
    (l > 0).then(|| ((l - 1) / 4, (l - 1) % 4))
}

pub fn label_names() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for t in TYPES {
        for p in ["B", "I", "L", "U"] {
            v.push(format!("{p}-{t}"));
        }
    }
    v
}

/// Whether label `cur` may follow `prev` (None at the start); `last` is the
/// final word, where no entity may stay open.
#[inline]
pub fn allowed(prev: Option<usize>, cur: usize, last: bool) -> bool {
    let open = prev.and_then(part).filter(|&(_, p)| p == B || p == I);
    let ok = match (open, part(cur)) {
        (Some((t, _)), Some((t2, p))) => t == t2 && (p == I || p == L),
        (Some(_), None) => false,
        (None, None) => true,
        (None, Some((_, p))) => p == B || p == U,
    };
    ok && !(last && matches!(part(cur), Some((_, B)) | Some((_, I))))
}

/// Spans (start, end exclusive, type index) from a label sequence; tolerant
/// of invalid sequences (an unclosed entity ends where the next one starts).
pub fn spans_of(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match part(l) {
            Some((t, p)) if (p == I || p == L) && open.is_some_and(|(_, ot)| ot == t) => {
                if p == L {
                    let (s, _) = open.take().unwrap_or((i, t));
                    out.push((s, i + 1, t));
                }
            }
            other => {
                if let Some((s, t)) = open.take() {
                    out.push((s, i, t));
                }
                match other {
                    Some((t, U)) => out.push((i, i + 1, t)),
                    Some((t, _)) => open = Some((i, t)),
                    None => {}
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// BILOU labels for spans over `n` words (spans must not overlap).
pub fn labels_of(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut v = vec![0; n];
    for &(s, e, t) in spans {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            v[s] = label(t, U);
        } else {
            v[s] = label(t, B);
            for x in &mut v[s + 1..e - 1] {
                *x = label(t, I);
            }
            v[e - 1] = label(t, L);
        }
    }
    v
}

/// Gazetteer evidence the pipeline can feed to the recognizer: a small bitset
/// per word (see [`gaz`] for the bits). Only used by a model trained with
/// gazetteer features; the committed models are not, so this is a hook.
pub trait Gazetteer {
    fn gaz_features(&self, word_index: usize) -> u8;
}

/// Gazetteer bits.
pub mod gaz {
    pub const GIVEN_NAME: u8 = 1;
    pub const PLACE: u8 = 2;
    pub const COUNTRY: u8 = 4;
    pub const ORG_SUFFIX: u8 = 8;
    pub const TITLE: u8 = 16;
    pub const DEMONYM: u8 = 32;
    pub const PLACE_HEAD: u8 = 64;
}

/// Document memory: the type each word was last tagged with, by its lower
/// case (web text writes "NiMo" and "nimo"; both are one name).
#[derive(Default)]
pub(super) struct DocMemory(HashMap<u32, u8, IdBuildHasher>);

impl DocMemory {
    pub(super) fn get(&self, word: u32) -> u32 {
        self.0.get(&word).copied().unwrap_or(0) as u32
    }
    pub(super) fn remember(&mut self, h: &[WordHashes], s: usize, e: usize, t: usize) {
        for w in &h[s + 2..e + 2] {
            self.0.insert(w.lower, t as u8 + 1);
        }
    }
}

/// The context a feature function sees (the second pass, [`super::stack`],
/// adds its own features to these).
pub(super) struct Ctx<'a> {
    /// Hashes of the sentence's words (padded).
    pub(super) h: &'a [WordHashes],
    /// Tags of the sentence's words.
    pub(super) pos: &'a [Pos],
    pub(super) gaz: Option<&'a dyn Gazetteer>,
    /// Index of the sentence's first word in the caller's word list.
    pub(super) offset: usize,
    /// Per word: the first and last word (sentence indices) of the run of
    /// capitalised words it is in ("Quaid - i - Azam University": the last
    /// word says ORG), or None outside runs.
    pub(super) runs: Vec<Option<(u32, u32)>>,
    /// Words (exact-form hashes) that are O outside an entity without scoring.
    pub(super) plain: &'a OWords,
    /// See [`Domain::salt`].
    pub(super) domain: Option<u32>,
    /// Name-likeness code of each word ([`super::namelike::NameLike::code`];
    /// empty without a name-likeness model).
    pub(super) nl: Vec<u8>,
}

/// Words seen often in training and never inside an entity: outside an
/// entity they are O without scoring (most of the words of a text). Other
/// words, lower-case ones included ("tampa bay"), are scored.
pub type OWords = std::collections::HashSet<u32, IdBuildHasher>;

/// Times a word must be seen (never inside an entity) to join [`OWords`]
/// (cross-validated EWT dev / GUM dev F1: 2 times 0.650 / 0.657, 3 times
/// 0.664 / 0.685, 10 times 0.664 / 0.703, 100 times 0.668 / 0.690).
const PLAIN_MIN_COUNT: usize = 10;

/// The words of [`OWords`] for training data, sorted.
pub fn plain_words(data: &[&NerDoc]) -> Vec<String> {
    let mut counts: HashMap<&str, (usize, bool)> = HashMap::new();
    for d in data {
        for (w, &l) in d.words.iter().zip(&d.labels) {
            let c = counts.entry(w).or_insert((0, false));
            c.0 += 1;
            c.1 |= l != 0;
        }
    }
    let mut v: Vec<String> = counts.into_iter().filter(|(w, (n, named))| *n >= PLAIN_MIN_COUNT && !named && w.len() < 256).map(|(w, _)| w.to_string()).collect();
    v.sort();
    v
}

pub(super) fn o_words(words: &[String]) -> OWords {
    words.iter().map(|w| super::features::WordHashes::of(w).word).collect()
}

/// See [`Ctx::runs`].
pub(super) fn cap_runs(h: &[WordHashes]) -> Vec<Option<(u32, u32)>> {
    let n = h.len() - 4;
    let cap = |i: usize| h[i + 2].flags & flag::INIT_CAP != 0;
    let mut out = vec![None; n];
    let mut i = 0;
    while i < n {
        if !cap(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n && cap(j) {
            j += 1;
        }
        out[i..j].iter_mut().for_each(|x| *x = Some((i as u32, j as u32 - 1)));
        i = j;
    }
    out
}

/// Name-likeness codes of a sentence's words (see [`Ctx::nl`]): for words
/// with a letter that are not [`OWords`] (and, unless `all`, that no
/// gazetteer knows as a name or place). (Skipping the lower-case words
/// that [`decode`] leaves O unscored outside an entity saves a third of the
/// time this adds, but cost 0.0016 of cross-validated EWT dev F1.)
pub(super) fn namelike_codes(words: &[&str], h: &[WordHashes], plain: &OWords, gaz: Option<&dyn Gazetteer>, offset: usize, x: &Extras) -> Vec<u8> {
    let Some(m) = x.namelike else { return Vec::new() };
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let hw = &h[i + 2];
            let known = !x.namelike_all && gaz.is_some_and(|g| g.gaz_features(offset + i) & (gaz::GIVEN_NAME | gaz::PLACE | gaz::COUNTRY) != 0);
            if hw.flags & flag::HAS_LETTER == 0 || known || plain.contains(&hw.word) {
                super::namelike::NONE
            } else if let Some(k) = x.jack.and_then(|j| j.ordinary.get(&w.to_lowercase()).map(|&k| &j.folds[k])) {
                k.code(w)
            } else {
                m.code(w)
            }
        })
        .collect()
}

impl Ctx<'_> {
    /// The name-likeness code of word `i` (NONE outside the sentence or without a model).
    #[inline]
    fn nl(&self, i: isize) -> u32 {
        if i < 0 {
            0xfe
        } else {
            self.nl.get(i as usize).map_or(0xff, |&c| c as u32)
        }
    }

    /// The optional features of word `i` into `out`; returns how many.
    #[inline]
    pub(super) fn extra_features(&self, i: usize, out: &mut [u32; MAX_EXTRA]) -> usize {
        if self.nl.is_empty() {
            return 0;
        }
        let c = &self.h[i + 2];
        out[0] = feat3(70, self.nl(i as isize), c.cap(), sentence_start(self.h, i) as u32);
        1
    }

    #[inline]
    fn pos(&self, i: isize) -> u32 {
        if i < 0 {
            0xfe
        } else {
            self.pos.get(i as usize).map_or(0xff, |&p| p as u32)
        }
    }
    #[inline]
    fn gaz(&self, i: isize) -> u32 {
        match self.gaz {
            Some(g) if i >= 0 && (i as usize) + 4 < self.h.len() => g.gaz_features(self.offset + i as usize) as u32,
            _ => 0,
        }
    }

    #[inline]
    pub(super) fn features(&self, i: usize, l1: u32, l2: u32, doc: u32, out: &mut [u32; N_FEATS]) {
        let h = self.h;
        let c = &h[i + 2];
        let (m1, m2, n1, n2) = (&h[i + 1], &h[i], &h[i + 3], &h[i + 4]);
        let ii = i as isize;
        let (p, pm, pn) = (self.pos(ii), self.pos(ii - 1), self.pos(ii + 1));
        let start = sentence_start(h, i) as u32;
        let run = self.runs[i];
        *out = [
            feat(0, 0),
            feat(1, c.word),
            feat(2, c.lower),
            feat(3, c.suffix[1]),
            feat(4, c.suffix[2]),
            feat(5, c.suffix[3]),
            feat(6, c.prefix[1]),
            feat(7, c.prefix[2]),
            feat(8, c.shape),
            feat2(9, c.cap(), start),
            feat(10, p),
            feat(11, pm),
            feat(12, pn),
            feat(13, m1.lower),
            feat(14, n1.lower),
            feat(15, m2.lower),
            feat(16, n2.lower),
            feat3(17, m1.shape, c.shape, n1.shape),
            feat2(18, p, c.shape),
            feat(19, l1),
            feat2(20, l1, l2),
            feat2(21, l1, c.lower),
            feat2(22, l1, c.shape),
            feat2(23, doc, start),
            feat2(24, doc, c.cap()),
            feat2(25, m1.word, c.word),
            feat2(26, c.word, n1.word),
            feat3(27, pm, p, pn),
            feat2(28, m1.cap(), n1.cap()),
            feat2(29, self.gaz(ii), c.cap()),
            feat2(30, self.gaz(ii - 1), self.gaz(ii + 1)),
            feat2(31, m1.lower, c.cap()),
            feat2(32, n1.lower, c.cap()),
            feat(33, run.map_or(0, |(_, b)| h[b as usize + 2].lower)),
            feat(34, run.map_or(0, |(a, _)| h[a as usize + 2].lower)),
            feat2(35, run.map_or(0xff, |(_, b)| self.gaz(b as isize)), run.map_or(0xff, |(a, _)| self.gaz(a as isize))),
        ];
    }
}

const NO_LABEL: u32 = 0xffff;


/// A loaded recognizer.
pub struct Recognizer {
    weights: Weights,
    uses_gazetteer: bool,
    uses_domains: bool,
    plain: OWords,
    /// The second, stacked pass ([`super::stack`]), if the model has one.
    stack: Option<super::stack::Stack>,
    namelike: Option<super::namelike::NameLike>,
    namelike_all: bool,
}

impl Recognizer {
    pub fn from_model(m: Model) -> Result<Recognizer, ModelError> {
        if m.kind != Kind::Ner {
            return Err(ModelError::Invalid("not an entity model".into()));
        }
        if m.feature_set & !FLAGS != FEATURE_SET {
            return Err(ModelError::Invalid(format!("feature set {:#x}, this build computes {FEATURE_SET:#x}", m.feature_set)));
        }
        if m.labels != label_names() {
            return Err(ModelError::Invalid(format!("labels {:?}", m.labels)));
        }
        let words: Vec<String> = m.dict.into_iter().map(|(w, _)| w).collect();
        let stack = m.stage2.map(super::stack::Stack::from_stage).transpose()?;
        Ok(Recognizer {
            weights: m.weights,
            uses_gazetteer: m.feature_set & WITH_GAZETTEER != 0,
            uses_domains: m.feature_set & WITH_DOMAINS != 0,
            plain: o_words(&words),
            stack,
            namelike: m.namelike,
            namelike_all: m.feature_set & WITH_NAMELIKE_ALL != 0,
        })
    }

    /// Whether a second, stacked pass relabels each document.
    pub fn has_stack(&self) -> bool {
        self.stack.is_some()
    }

    /// Removes the second pass (the first pass alone), returning it.
    pub fn take_stack(&mut self) -> Option<super::stack::Stack> {
        self.stack.take()
    }

    /// Replaces the second pass (None: the first pass alone).
    pub fn set_stack(&mut self, stack: Option<super::stack::Stack>) {
        self.stack = stack;
    }

    /// Whether the model makes use of gazetteer features.
    pub fn uses_gazetteer(&self) -> bool {
        self.uses_gazetteer
    }

    /// Whether the model has domain-specific weights (see [`Domain`]).
    pub fn uses_domains(&self) -> bool {
        self.uses_domains
    }

    /// The BILOU label index of every word, `words` taken as one run of text.
    pub fn labels(&self, words: &[&str], pos: &[Pos], gaz: Option<&dyn Gazetteer>) -> Vec<usize> {
        self.labels_in(words, pos, &[(0, words.len())], gaz)
    }

    /// The BILOU label index of every word, decoded sentence by sentence
    /// (`sentences`: word ranges, end exclusive, in order); the document
    /// memory carries over from one sentence to the next. A model with a
    /// second stage ([`super::stack`]) then revises the whole document's
    /// labels with what it says elsewhere, before and after.
    /// Without `gaz`, a model trained with gazetteer features uses the
    /// embedded lists ([`super::gazetteer::embedded`]).
    pub fn labels_in(&self, words: &[&str], pos: &[Pos], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>) -> Vec<usize> {
        self.labels_in_domain(words, pos, sentences, gaz, Domain::default())
    }

    /// [`Recognizer::labels_in`] for text of the given [`Domain`].
    pub fn labels_in_domain(&self, words: &[&str], pos: &[Pos], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>, domain: Domain) -> Vec<usize> {
        let mut tags = Vec::new();
        self.run(words, sentences, gaz, domain, &mut tags, |_, s, e, tags| {
            if tags.is_empty() {
                tags.extend_from_slice(pos);
            }
            (s.min(pos.len()), e.min(pos.len()))
        })
    }

    /// Tags (with `tagger`) and labels `words` sentence by sentence, hashing
    /// each word once for both models.
    pub fn tag_and_label(&self, tagger: &super::pos::Tagger, words: &[&str], sentences: &[(usize, usize)], gaz: Option<&dyn Gazetteer>, domain: Domain) -> (Vec<Pos>, Vec<usize>) {
        let mut tags = Vec::with_capacity(words.len());
        let labels = self.run(words, sentences, gaz, domain, &mut tags, |h, s, e, tags| {
            tagger.tag_hashed(h, tags);
            (s, e)
        });
        (tags, labels)
    }

    /// The sentence loop: `pos_of(hashes, start, end, tags)` makes sure
    /// `tags` holds the sentence's tags and returns their range in it.
    fn run(
        &self,
        words: &[&str],
        sentences: &[(usize, usize)],
        gaz: Option<&dyn Gazetteer>,
        domain: Domain,
        tags: &mut Vec<Pos>,
        mut pos_of: impl FnMut(&[WordHashes], usize, usize, &mut Vec<Pos>) -> (usize, usize),
    ) -> Vec<usize> {
        let own: Vec<u8>;
        let gaz = match (self.uses_gazetteer, gaz) {
            (false, _) => None,
            (true, Some(g)) => Some(g),
            (true, None) => {
                own = super::gazetteer::embedded().bits(words);
                Some(&own as &dyn Gazetteer)
            }
        };
        let mut memory = DocMemory::default();
        let mut out = Vec::with_capacity(words.len());
        let mut hashed = Vec::new();
        let x = Extras { namelike: self.namelike.as_ref(), namelike_all: self.namelike_all, jack: None };
        for (s, e) in cover(words.len(), sentences) {
            let h = hash_words(&words[s..e]);
            let (a, b) = pos_of(&h, s, e, tags);
            let domain = if self.uses_domains { domain.salt() } else { None };
            let nl = namelike_codes(&words[s..e], &h, &self.plain, gaz, s, &x);
            let ctx = Ctx { runs: cap_runs(&h), h: &h, pos: &tags[a..b], gaz, offset: s, plain: &self.plain, domain, nl };
            decode(&ctx, e - s, &mut memory, |f, scores| self.weights.score(f, scores), |_, _, _| None, &mut out);
            if self.stack.is_some() {
                hashed.push((s, h));
            }
        }
        match &self.stack {
            Some(st) => st.relabel(words, &hashed, tags, gaz, &self.plain, &out),
            None => out,
        }
    }
}

/// Greedy constrained decoding of one sentence, appending to `out`; `score`
/// fills label scores for a feature set, `learn(features, chosen, i)` is
/// called after each choice (the training hook).
fn decode(
    ctx: &Ctx,
    n: usize,
    memory: &mut DocMemory,
    score: impl Fn(&[u32], &mut [i32]),
    mut learn: impl FnMut(Option<&[u32]>, usize, usize) -> Option<usize>,
    out: &mut Vec<usize>,
) {
    let base = out.len();
    let mut scores = [0i32; N_LABELS];
    let mut f = [0u32; N_ALL_FEATS + MAX_EXTRA];
    let mut extra = [0u32; MAX_EXTRA];
    let mut span_start = 0;
    for i in 0..n {
        let prev = (i > 0).then(|| out[base + i - 1]);
        let l1 = prev.map_or(NO_LABEL, |l| l as u32);
        let l2 = if i >= 2 { out[base + i - 2] as u32 } else { NO_LABEL };
        let w = &ctx.h[i + 2];
        let open = prev.and_then(part).is_some_and(|(_, p)| p == B || p == I);
        // Fast path (scoring is most of the time spent): outside an entity,
        // a common word never seen in one is O, and so is a lower-case word
        // no gazetteer knows whose tag is no noun's or adjective's (lower-case
        // nouns are scored: web text writes "tampa bay", "google").
        if !open && (ctx.plain.contains(&w.word) || (w.flags & flag::HAS_UPPER == 0 && !ctx.pos.get(i).is_some_and(|p| p.may_name()) && ctx.gaz(i as isize) == 0)) {
            out.push(learn(None, 0, i).unwrap_or(0));
            continue;
        }
        let doc = memory.get(w.lower);
        let (head, tail) = f.split_at_mut(N_FEATS);
        ctx.features(i, l1, l2, doc, head.try_into().expect("N_FEATS"));
        let nf = match ctx.domain {
            Some(d) => {
                for (x, &t) in tail.iter_mut().zip(&DOMAIN_TEMPLATES) {
                    *x = fnv_u32(head[t], d);
                }
                N_ALL_FEATS
            }
            None => N_FEATS,
        };
        let ne = ctx.extra_features(i, &mut extra);
        f[nf..nf + ne].copy_from_slice(&extra[..ne]);
        let nf = nf + ne;
        let f = &f[..nf];
        score(f, &mut scores);
        let l = argmax(&scores, |c| allowed(prev, c, i + 1 == n));
        let l = learn(Some(f), l, i).unwrap_or(l);
        out.push(l);
        if let Some((t, p)) = part(l) {
            if p == B || p == U {
                span_start = i;
            }
            if p == L || p == U {
                memory.remember(ctx.h, span_start, i + 1, t);
            }
        }
    }
}

/// A training sequence: words, their (predicted) tags, gold BILOU labels.
pub struct NerDoc<'a> {
    pub words: Vec<&'a str>,
    pub pos: Vec<Pos>,
    pub labels: Vec<usize>,
    /// Sentence ranges (word indices, end exclusive).
    pub sentences: Vec<(usize, usize)>,
    /// Gazetteer bits per word (empty: train without gazetteer features).
    pub gaz: Vec<u8>,
    /// The kind of text ([`Domain::Shared`] in every document: a model
    /// without domain copies).
    pub domain: Domain,
}

/// Margin perceptron: a word the model labels right is still learnt from
/// when the best other allowed label scores within this much of the right
/// one (in the trainer's integer weights). Cross-validated EWT dev / GUM dev
/// F1 (with GUM's re-tokenised copy alone): no margin 0.672 / 0.698, 4:
/// 0.673 / 0.702, 6: 0.671 / 0.700, 8: 0.679 / 0.710, 10: 0.677 / 0.696,
/// 16: 0.677 / 0.700.
const MARGIN: i32 = 8;

/// Roll-in (learning to search, DAgger-like): in the last epoch, the share
/// of words whose label history is the [`expert`]'s label rather than the
/// model's own guess, going down linearly from 1 in the first epoch. 1 is
/// teacher forcing; 0.5 and 0 were no better (cross-validated EWT dev / GUM
/// dev F1 0.666 / 0.703 and 0.660 / 0.708, against 0.666 / 0.705).
const ROLL_IN_MIN: f64 = 1.0;

/// Trains the recognizer: seeded shuffled epochs of greedy decoding, with
/// margin updates ([`MARGIN`]) toward the [`expert`]'s label. The label
/// history and document memory come from the gold labels (teacher forcing:
/// see [`ROLL_IN_MIN`]).
fn train_one(data: &[&NerDoc], bits: u8, epochs: usize, seed: u64, plain: &OWords, x: &Extras) -> Vec<f32> {
    let mut t = Trainer::new(bits, N_LABELS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut coin = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
    for epoch in 0..epochs {
        let beta = 1.0 - (1.0 - ROLL_IN_MIN) * epoch as f64 / epochs.saturating_sub(1).max(1) as f64;
        let threshold = (beta * u32::MAX as f64) as u64;
        rng.shuffle(&mut order);
        for &d in &order {
            let doc = &data[d];
            let mut memory = DocMemory::default();
            let mut out = Vec::with_capacity(doc.words.len());
            for (s, e) in cover(doc.words.len(), &doc.sentences) {
                let h = hash_words(&doc.words[s..e]);
                let gaz = (!doc.gaz.is_empty()).then_some(&doc.gaz as &dyn Gazetteer);
                let words = &doc.words[s..e];
                let nl = namelike_codes(words, &h, plain, gaz, s, x);
                let ctx = Ctx { runs: cap_runs(&h), h: &h, pos: &doc.pos[s..e], gaz, offset: s, plain, domain: doc.domain.salt(), nl };
                let t = std::cell::RefCell::new(&mut t);
                let gold = &doc.labels[s..e];
                let mut hist: Vec<usize> = Vec::with_capacity(e - s);
                decode(
                    &ctx,
                    e - s,
                    &mut memory,
                    |f, sc| t.borrow().score(f, sc),
                    |f, guess, i| {
                        let want = expert(gold, &hist, i);
                        if let Some(f) = f {
                            let mut t = t.borrow_mut();
                            let mut rival = guess;
                            if guess == want && MARGIN > 0 {
                                let mut sc = [0i32; N_LABELS];
                                t.score(f, &mut sc);
                                let (prev, last) = (hist.last().copied(), i + 1 == gold.len());
                                let r = argmax(&sc, |c| c != want && allowed(prev, c, last));
                                if r != want && allowed(prev, r, last) && sc[want] - sc[r] < MARGIN {
                                    rival = r;
                                }
                            }
                            t.update(f, want, rival);
                            t.tick();
                        }
                        let next = if beta >= 1.0 || (coin.next_u64() >> 32) <= threshold { want } else { guess };
                        hist.push(next);
                        Some(next)
                    },
                    &mut out,
                );
            }
        }
    }
    t.averaged()
}

/// The best label at word `i` of a sentence with `gold` labels, after the
/// labels `hist` (possibly wrong ones: the model's own guesses) for the
/// words before it, for exact-span F1: the gold label while the history
/// agrees with gold; a wrongly opened entity is closed at once; a gold
/// entity whose start was missed is given up (O).
pub fn expert(gold: &[usize], hist: &[usize], i: usize) -> usize {
    let open = i.checked_sub(1).map(|p| (p, hist[p])).and_then(|(p, l)| part(l).filter(|&(_, q)| q == B || q == I).map(|(t, _)| (p, t)));
    match open {
        Some((p, t)) => {
            // The start of the open entity.
            let mut s0 = p;
            while s0 > 0 && part(hist[s0]).is_some_and(|(_, q)| q == I) {
                s0 -= 1;
            }
            if hist[s0..i] == gold[s0..i] && part(gold[i]).is_some_and(|(t2, q)| t2 == t && (q == I || q == L)) {
                gold[i]
            } else {
                label(t, L)
            }
        }
        None => match part(gold[i]) {
            Some((_, q)) if q == I || q == L => 0,
            _ => gold[i],
        },
    }
}

/// Trains the recognizer: `runs` averaged perceptrons from different
/// shuffles (seeds `seed`, `seed + 1`, ...), their weights averaged (less
/// variance from the order of a small training set), then quantised.
pub fn train(data: &[NerDoc], bits: u8, epochs: usize, seed: u64, runs: usize, about: &str) -> Model {
    let refs: Vec<&NerDoc> = data.iter().collect();
    train_refs(&refs, bits, epochs, seed, runs, about)
}

/// [`train`] over borrowed documents (cross-validation folds).
pub fn train_refs(data: &[&NerDoc], bits: u8, epochs: usize, seed: u64, runs: usize, about: &str) -> Model {
    train_refs_with(data, bits, epochs, seed, runs, about, &ExtraOptions::default())
}

/// Whether the training text's ordinary words get their name-likeness from
/// models that did not see them ([`Jackknife`]).
const JACKKNIFE_NAMELIKE: bool = true;

/// Table size of the name-likeness model, and its training epochs.
const NAMELIKE_BITS: u8 = 14;
const NAMELIKE_EPOCHS: usize = 5;

/// The ordinary words of training data for the name-likeness model:
/// lower-case alphabetic words of two letters or more never inside an
/// entity, and (`known`: lower-cased gazetteer names) no gazetteer entry; sorted.
pub fn ordinary_words<'a>(data: &[&NerDoc<'a>], known: &std::collections::HashSet<String>) -> Vec<&'a str> {
    let mut named: std::collections::HashSet<&str> = Default::default();
    let mut all: Vec<&str> = Vec::new();
    for d in data {
        for (&w, &l) in d.words.iter().zip(&d.labels) {
            if l != 0 {
                named.insert(w);
            } else if w.chars().count() >= 2 && w.chars().all(char::is_lowercase) {
                all.push(w);
            }
        }
    }
    all.sort_unstable();
    all.dedup();
    all.retain(|w| !named.contains(w) && !known.contains(*w));
    all
}

/// [`train_refs`] with the optional features of `opts`: with names, a
/// name-likeness model is trained on them and on the data's
/// [`ordinary_words`] and stored in the model.
pub fn train_refs_with(data: &[&NerDoc], bits: u8, epochs: usize, seed: u64, runs: usize, about: &str, opts: &ExtraOptions) -> Model {
    let dict = plain_words(data);
    let plain = o_words(&dict);
    let mut jack = None;
    let namelike = opts.names.map(|(given, places)| {
        let known: std::collections::HashSet<String> = given.iter().chain(places).map(|w| w.to_lowercase()).collect();
        let words = ordinary_words(data, &known);
        let nl_train = |words: &[&str]| super::namelike::train(given, places, words, NAMELIKE_BITS, NAMELIKE_EPOCHS, 0x6e61_6d65);
        if JACKKNIFE_NAMELIKE {
            let folds = (0..NAMELIKE_FOLDS)
                .map(|k| nl_train(&words.iter().copied().filter(|w| word_fold(w) != k).collect::<Vec<_>>()))
                .collect();
            jack = Some(Jackknife { folds, ordinary: words.iter().map(|w| (w.to_string(), word_fold(w))).collect() });
        }
        nl_train(&words)
    });
    let x = Extras { namelike: namelike.as_ref(), namelike_all: opts.namelike_all, jack: jack.as_ref() };
    let one = |seed| train_one(data, bits, epochs, seed, &plain, &x);
    let mut dense = one(seed);
    for r in 1..runs.max(1) {
        for (d, w) in dense.iter_mut().zip(one(seed + r as u64)) {
            *d += w;
        }
    }
    dense.iter_mut().for_each(|d| *d /= runs.max(1) as f32);
    let with_gaz = data.iter().any(|d| !d.gaz.is_empty());
    let with_domains = data.iter().any(|d| d.domain != Domain::Shared);
    let feature_set = FEATURE_SET
        | if with_gaz { WITH_GAZETTEER } else { 0 }
        | if with_domains { WITH_DOMAINS } else { 0 }
        | if namelike.is_some() && opts.namelike_all { WITH_NAMELIKE_ALL } else { 0 };
    // 16-bit weights: with 8 bits (one scale for the model) F1 fell by 12 points.
    Model { kind: Kind::Ner, feature_set, about: about.to_string(), labels: label_names(), weights: quantise(&dense, bits, N_LABELS, 16), dict: dict.into_iter().map(|w| (w, 0)).collect(), stage2: None, namelike }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_constraints() {
        let (bp, ip, lp, up) = (label(0, B), label(0, I), label(0, L), label(0, U));
        let bo = label(1, B);
        let cases: &[(Option<usize>, usize, bool, bool)] = &[
            (None, 0, false, true),
            (None, bp, false, true),
            (None, ip, false, false),
            (None, bp, true, false),
            (None, up, true, true),
            (Some(bp), ip, false, true),
            (Some(bp), lp, false, true),
            (Some(bp), 0, false, false),
            (Some(bp), label(1, I), false, false),
            (Some(ip), ip, true, false),
            (Some(lp), bo, false, true),
            (Some(up), lp, false, false),
        ];
        for &(prev, cur, last, want) in cases {
            assert_eq!(allowed(prev, cur, last), want, "{prev:?} {cur} {last}");
        }
    }

    #[test]
    fn domain_copies_learn_what_each_kind_of_text_does() {
        // The same sentence: a name in web text, none in edited text; only
        // the domain weights can tell them apart.
        let doc = |domain: Domain, spans: &[(usize, usize, usize)]| {
            let words: Vec<&str> = "we like acme stuff .".split(' ').collect();
            let pos = vec![Pos::PRP, Pos::VBP, Pos::NN, Pos::NN, Pos::Period];
            NerDoc { labels: labels_of(words.len(), spans), words, pos, sentences: vec![], gaz: vec![], domain }
        };
        let data = vec![doc(Domain::Web, &[(2, 3, 1)]), doc(Domain::Edited, &[]), doc(Domain::Web, &[(2, 3, 1)]), doc(Domain::Edited, &[])];
        let r = Recognizer::from_model(Model::decode(&train(&data, 12, 10, 3, 1, "toy").encode()).unwrap()).unwrap();
        assert!(r.uses_domains());
        let d = &data[0];
        assert_eq!(r.labels_in_domain(&d.words, &d.pos, &[], None, Domain::Web), data[0].labels);
        assert_eq!(r.labels_in_domain(&d.words, &d.pos, &[], None, Domain::Edited), data[1].labels);
        assert_eq!(r.labels(&d.words, &d.pos, None), data[1].labels, "edited text is the default");
        // Without domains in training, the domain changes nothing.
        let shared: Vec<NerDoc> = data.iter().map(|x| NerDoc { domain: Domain::Shared, words: x.words.clone(), pos: x.pos.clone(), labels: x.labels.clone(), sentences: vec![], gaz: vec![] }).collect();
        let r = Recognizer::from_model(Model::decode(&train(&shared, 12, 10, 3, 1, "toy").encode()).unwrap()).unwrap();
        assert!(!r.uses_domains());
        let web = r.labels_in_domain(&d.words, &d.pos, &[], None, Domain::Web);
        assert_eq!(web, r.labels_in_domain(&d.words, &d.pos, &[], None, Domain::Edited));
        assert_eq!(web, r.labels_in_domain(&d.words, &d.pos, &[], None, Domain::Shared));
    }

    #[test]
    fn the_expert_follows_gold_and_repairs_wrong_histories() {
        let (bp, ip, lp, up) = (label(0, B), label(0, I), label(0, L), label(0, U));
        let bo = label(1, B);
        let lo = label(1, L);
        // Gold: "Anna Maria Smith visited Acme Corp".
        let gold = [bp, ip, lp, 0, bo, lo];
        // (history, next label the expert wants)
        let cases: &[(&[usize], usize)] = &[
            (&[], bp),
            (&[bp], ip),
            (&[bp, ip], lp),
            (&[bp, ip, lp, 0], bo),
            (&[bp, ip, lp, 0, bo], lo),
            // Start missed: the rest of that name is given up.
            (&[0], 0),
            (&[0, 0], 0),
            // A wrong single-word name, then back to gold.
            (&[up, 0, 0], 0),
            (&[up, 0, 0, 0], bo),
            // An entity opened where none starts (or of the wrong type): closed at once.
            (&[bp, ip, lp, bp], lp),
            (&[label(1, B)], label(1, L)),
            (&[bp, ip, lp, 0, label(2, B)], label(2, L)),
            // Opened at the right place but running past the gold end.
            (&[bp, ip, ip], lp),
        ];
        for &(hist, want) in cases {
            assert_eq!(expert(&gold, hist, hist.len()), want, "{hist:?}");
            let prev = hist.last().copied();
            assert!(allowed(prev, want, hist.len() + 1 == gold.len()), "{hist:?}");
        }
    }

    #[test]
    fn spans_and_labels_round_trip() {
        let spans = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let labels = labels_of(9, &spans);
        assert_eq!(spans_of(&labels), spans);
        // Broken sequences still give spans: a stray I opens one.
        assert_eq!(spans_of(&[label(0, I), label(0, L)]), vec![(0, 2, 0)]);
        assert_eq!(spans_of(&[label(0, L), label(1, I)]), vec![(0, 1, 0), (1, 2, 1)]);
        assert_eq!(spans_of(&[label(0, B), 0, label(1, B)]), vec![(0, 1, 0), (2, 3, 1)]);
        assert_eq!(label_names().len(), N_LABELS);
    }

    #[test]
    fn learns_names_from_a_tiny_corpus() {
        let doc = |s: &'static str, spans: &[(usize, usize, usize)]| {
            let words: Vec<&str> = s.split(' ').collect();
            let pos = words
                .iter()
                .map(|w| if w.chars().next().is_some_and(char::is_uppercase) { Pos::NNP } else { Pos::NN })
                .collect();
            let labels = labels_of(words.len(), spans);
            NerDoc { words, pos, labels, sentences: vec![], gaz: vec![], domain: Domain::Shared }
        };
        let data = vec![
            doc("yesterday Anna Smith visited Oslo .", &[(1, 3, 0), (4, 5, 2)]),
            doc("then Acme Corp hired Anna Smith .", &[(1, 3, 1), (4, 6, 0)]),
            doc("people in Oslo like Acme Corp .", &[(2, 3, 2), (4, 6, 1)]),
        ];
        let model = train(&data, 12, 10, 3, 2, "toy");
        let r = Recognizer::from_model(Model::decode(&model.encode()).unwrap()).unwrap();
        for d in &data {
            assert_eq!(r.labels(&d.words, &d.pos, None), d.labels);
        }
        assert!(r.labels(&[], &[], None).is_empty());
        // Two documents as two sentences of one: same labels.
        let (a, b) = (&data[0], &data[1]);
        let words: Vec<&str> = a.words.iter().chain(&b.words).copied().collect();
        let pos: Vec<Pos> = a.pos.iter().chain(&b.pos).copied().collect();
        let n = a.words.len();
        let got = r.labels_in(&words, &pos, &[(0, n), (n, words.len())], None);
        assert_eq!(got, a.labels.iter().chain(&b.labels).copied().collect::<Vec<_>>());
        // Fewer tags than words (caller error) does not panic.
        let _ = r.labels(&["Anna", "Smith"], &[], None);
    }

    const GIVEN: &[&str] = &["Anna", "Maria", "Aoife", "Siobhan", "Niamh", "Ciara", "Emma", "Olivia", "Sophia", "Isabella", "Liam", "Noah", "Oliver", "Elijah"];
    const PLACES: &[&str] = &["Oslo", "Xiamen", "Shenzhen", "Chengdu", "Hyderabad", "Kolkata", "Nagpur", "Osaka", "Kyoto", "Ibadan"];

    fn toy_doc(s: &'static str, spans: &[(usize, usize, usize)]) -> NerDoc<'static> {
        let words: Vec<&str> = s.split(' ').collect();
        let pos = words.iter().map(|w| if w.chars().next().is_some_and(char::is_uppercase) { Pos::NNP } else { Pos::NN }).collect();
        NerDoc { labels: labels_of(words.len(), spans), words, pos, sentences: vec![], gaz: vec![], domain: Domain::Shared }
    }

    #[test]
    fn ordinary_words_are_lower_case_never_named_and_not_in_the_gazetteers() {
        let data = [toy_doc("yesterday anna visited the oslo office . Then oslo", &[(1, 2, 0), (8, 9, 2)]), toy_doc("the office of maria x", &[])];
        let refs: Vec<&NerDoc> = data.iter().collect();
        let known: std::collections::HashSet<String> = ["maria".to_string()].into_iter().collect();
        // "anna" and "oslo" were named, "maria" is a gazetteer entry, "Then" is capitalised, "x" too short.
        assert_eq!(ordinary_words(&refs, &known), vec!["of", "office", "the", "visited", "yesterday"]);
    }

    #[test]
    fn name_likeness_codes_skip_plain_and_known_words() {
        let m = super::super::namelike::train(GIVEN, PLACES, &["office", "building", "visited", "yesterday", "the"], 10, 5, 1);
        let words = ["the", "Siobhana", "visited", "Anna", "42", "."];
        let h = hash_words(&words);
        let plain: OWords = o_words(&["the".to_string()]);
        let gaz: Vec<u8> = vec![0, 0, 0, gaz::GIVEN_NAME, 0, 0];
        let none = super::super::namelike::NONE;
        for (all, known_gets_code) in [(false, false), (true, true)] {
            let x = Extras { namelike: Some(&m), namelike_all: all, jack: None };
            let c = namelike_codes(&words, &h, &plain, Some(&gaz), 0, &x);
            let has: Vec<bool> = c.iter().map(|&c| c != none).collect();
            assert_eq!(has, vec![false, true, true, known_gets_code, false, false], "all {all}");
            assert_eq!((c[1] - 1) / 4, super::super::namelike::GIVEN as u8, "Siobhana looks like a given name");
        }
        assert!(namelike_codes(&words, &h, &plain, Some(&gaz), 0, &Extras::default()).is_empty());
    }

    #[test]
    fn a_name_likeness_model_is_stored_and_used() {
        let data = vec![
            toy_doc("yesterday Anna Smith visited Oslo .", &[(1, 3, 0), (4, 5, 2)]),
            toy_doc("then Acme Corp hired Anna Smith .", &[(1, 3, 1), (4, 6, 0)]),
            toy_doc("people in Oslo like Acme Corp .", &[(2, 3, 2), (4, 6, 1)]),
        ];
        let refs: Vec<&NerDoc> = data.iter().collect();
        for all in [false, true] {
            let opts = ExtraOptions { names: Some((GIVEN, PLACES)), namelike_all: all };
            let model = train_refs_with(&refs, 12, 10, 3, 1, "toy", &opts);
            assert!(model.namelike.is_some());
            assert_eq!(model.feature_set & WITH_NAMELIKE_ALL != 0, all);
            let decoded = Model::decode(&model.encode()).unwrap();
            assert_eq!(decoded, model);
            let r = Recognizer::from_model(decoded).unwrap();
            assert_eq!(r.namelike_all, all);
            for d in &data {
                assert_eq!(r.labels(&d.words, &d.pos, None), d.labels);
            }
        }
        // Without names: no model, and the same weights as plain training.
        let plain = train_refs_with(&refs, 12, 10, 3, 1, "toy", &ExtraOptions::default());
        assert!(plain.namelike.is_none());
        assert_eq!(plain, train_refs(&refs, 12, 10, 3, 1, "toy"));
        assert_ne!(plain.weights, train_refs_with(&refs, 12, 10, 3, 1, "toy", &ExtraOptions { names: Some((GIVEN, PLACES)), namelike_all: false }).weights);
    }
}
