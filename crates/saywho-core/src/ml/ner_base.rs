//! What the recognizer ([`super::ner`]) and its second pass
//! ([`super::stack`]) share: the entity types and BILOU labels, the
//! gazetteer bits, the document memory, the words that are O without
//! scoring, and the feature context with its templates. Kept apart so the
//! two passes import it, not each other.

use super::features::{feat, feat2, feat3, flag, sentence_start, IdBuildHasher, WordHashes};
use super::pos::Pos;
use std::collections::HashMap;

/// Entity types, in label order.
pub const TYPES: [&str; 4] = ["PERSON", "ORG", "LOC", "MISC"];

/// Identifies the feature set in model files; bump on any template change.
/// The low bit says whether the model was trained with gazetteer features.
pub const FEATURE_SET: u32 = 0x4e45_520a;
pub(super) const WITH_GAZETTEER: u32 = 1;
/// Set in models trained with domain copies of features (see [`Domain`]).
pub(super) const WITH_DOMAINS: u32 = 0x8000_0000;
/// Set in models whose name-likeness features ([`super::namelike`], in
/// models that have one) fire for every word, not only for words no
/// gazetteer knows.
pub(super) const WITH_NAMELIKE_ALL: u32 = 0x1000_0000;
pub(super) const FLAGS: u32 = WITH_GAZETTEER | WITH_DOMAINS | WITH_NAMELIKE_ALL;

/// Features beyond [`N_FEATS`] that the name-likeness model adds (template
/// 70: the word's code with its capitalisation and sentence start).
/// Cross-validated EWT dev / GUM dev F1 (mean of 3 seeds; without the
/// model 0.6916 / 0.7085): this alone 0.6963 / 0.7226 (6 seeds: 0.6945 /
/// 0.7266 against 0.6876 / 0.7058); plus the codes of the first and last
/// word of the capitalised run and the code with the gazetteer bits 0.690 /
/// 0.708; without the jackknife ([`Jackknife`]) 0.684 / 0.702. Off by
/// default (`saywho-train --namelike unknown|all`): just under the +0.005 bar.
pub(super) const MAX_EXTRA: usize = 1;

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
    pub(super) folds: Vec<super::namelike::NameLike>,
    /// The ordinary words the final model saw, with their folds.
    pub(super) ordinary: HashMap<String, usize>,
}

pub(super) const NAMELIKE_FOLDS: usize = 5;

pub(super) fn word_fold(w: &str) -> usize {
    super::features::fnv(0x811c_9dc5, w.as_bytes()) as usize % NAMELIKE_FOLDS
}

/// What the trainer passes to build [`Extras`]: gazetteer names for the
/// name-likeness model (None: no such model), and the switches.
#[derive(Clone, Copy, Default)]
pub struct ExtraOptions<'a> {
    /// Given names and the words of place names.
    pub names: Option<(&'a [&'a str], &'a [&'a str])>,
    pub namelike_all: bool,
    /// Weights below this (of 32767) are dropped ([`quantise_pruned`]); 0 or 1: none.
    pub prune: u16,
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
    pub(super) fn salt(self) -> Option<u32> {
        match self {
            Domain::Edited => Some(0xed17_ed00),
            Domain::Web => Some(0x3eb0_3eb0),
            Domain::Shared => None,
        }
    }
}

/// The templates (indices into [`Ctx::features`]) that also fire in a copy
/// for the text's [`Domain`].
pub(super) const DOMAIN_TEMPLATES: [usize; N_FEATS] = {
    let mut a = [0; N_FEATS];
    let mut i = 0;
    while i < N_FEATS {
        a[i] = i;
        i += 1;
    }
    a
};
pub(super) const N_ALL_FEATS: usize = N_FEATS + DOMAIN_TEMPLATES.len();

pub const N_FEATS: usize = 36;

/// Label index: 0 is O, then B, I, L, U for each type in [`TYPES`] order.
pub const N_LABELS: usize = 1 + 4 * TYPES.len();
pub(super) const B: usize = 0;
pub(super) const I: usize = 1;
pub(super) const L: usize = 2;
pub(super) const U: usize = 3;

#[inline]
pub fn label(ty: usize, part: usize) -> usize {
    1 + 4 * ty + part
}

#[inline]
pub(super) fn part(l: usize) -> Option<(usize, usize)> {
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
pub(super) const PLAIN_MIN_COUNT: usize = 10;

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
    pub(super) fn nl(&self, i: isize) -> u32 {
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
    pub(super) fn pos(&self, i: isize) -> u32 {
        if i < 0 {
            0xfe
        } else {
            self.pos.get(i as usize).map_or(0xff, |&p| p as u32)
        }
    }
    #[inline]
    pub(super) fn gaz(&self, i: isize) -> u32 {
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
