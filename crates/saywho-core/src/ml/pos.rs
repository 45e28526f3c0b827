//! Part-of-speech tagging (Penn Treebank tags): greedy left-to-right averaged
//! perceptron over word, affix, shape and context features plus the two
//! previous predicted tags.

use super::features::{feat, feat2, flag, hash_words, sentence_start, IdBuildHasher, WordHashes};
use std::collections::HashMap;
use super::model_file::{Kind, Model, ModelError};
use super::perceptron::{argmax, Rng, Trainer, Weights};

macro_rules! pos_tags {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// A Penn Treebank part-of-speech tag (with the OntoNotes/EWT additions).
        #[allow(clippy::upper_case_acronyms, non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Pos { $($v),* }

        impl Pos {
            /// Every tag, in discriminant order.
            pub const ALL: &'static [Pos] = &[$(Pos::$v),*];

            /// The Penn spelling: "NNP", "PRP$", "-LRB-", ",".
            pub fn as_str(self) -> &'static str {
                match self { $(Pos::$v => $s),* }
            }

            pub fn from_penn(s: &str) -> Option<Pos> {
                match s { $($s => Some(Pos::$v),)* _ => None }
            }
        }
    };
}

pos_tags! {
    CC = "CC", CD = "CD", DT = "DT", EX = "EX", FW = "FW", IN = "IN", JJ = "JJ", JJR = "JJR", JJS = "JJS",
    LS = "LS", MD = "MD", NN = "NN", NNS = "NNS", NNP = "NNP", NNPS = "NNPS", PDT = "PDT", POS = "POS",
    PRP = "PRP", PRP_ = "PRP$", RB = "RB", RBR = "RBR", RBS = "RBS", RP = "RP", SYM = "SYM", TO = "TO",
    UH = "UH", VB = "VB", VBD = "VBD", VBG = "VBG", VBN = "VBN", VBP = "VBP", VBZ = "VBZ", WDT = "WDT",
    WP = "WP", WP_ = "WP$", WRB = "WRB", Comma = ",", Period = ".", Colon = ":", OpenQuote = "``",
    CloseQuote = "''", LRB = "-LRB-", RRB = "-RRB-", HYPH = "HYPH", Dollar = "$", Hash = "#", NFP = "NFP",
    ADD = "ADD", AFX = "AFX", GW = "GW", XX = "XX",
}

impl Pos {
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
    }
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ | Pos::MD)
    }
    /// Whether a lower-case word with this tag may be (part of) a name in
    /// broken-case web text ("tampa bay", "google"): nouns, adjectives,
    /// foreign words, unknown.
    pub fn may_name(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::JJ | Pos::FW | Pos::XX | Pos::ADD | Pos::GW)
    }
    pub fn is_adjective(self) -> bool {
        matches!(self, Pos::JJ | Pos::JJR | Pos::JJS)
    }
    pub fn is_pronoun(self) -> bool {
        matches!(self, Pos::PRP | Pos::PRP_ | Pos::WP | Pos::WP_)
    }
}

/// Identifies this feature set in model files; bump on any template change.
pub const FEATURE_SET: u32 = 0x504f_5302;

/// Number of features per word.
pub const N_FEATS: usize = 22;

/// Tag value for "no tag" (before the first word).
const NO_TAG: u32 = 0xffff;

/// The features of word `i` given the two previous tags.
#[inline]
pub fn features(h: &[WordHashes], i: usize, p1: u32, p2: u32, out: &mut [u32; N_FEATS]) {
    let c = &h[i + 2];
    let (m1, m2, n1, n2) = (&h[i + 1], &h[i], &h[i + 3], &h[i + 4]);
    let start = sentence_start(h, i) as u32;
    *out = [
        feat(0, 0),
        feat(1, c.word),
        feat(2, c.lower),
        feat(3, c.suffix[0]),
        feat(4, c.suffix[1]),
        feat(5, c.suffix[2]),
        feat(6, c.suffix[3]),
        feat(7, c.prefix[0]),
        feat(8, c.prefix[1]),
        feat(11, c.shape),
        feat2(12, c.cap(), start),
        feat(13, m1.lower),
        feat(14, m2.lower),
        feat(15, n1.lower),
        feat(16, n2.lower),
        feat(17, m1.suffix[2]),
        feat(18, n1.suffix[2]),
        feat(19, p1),
        feat2(20, p1, p2),
        feat2(21, p1, c.lower),
        feat2(23, c.lower, n1.lower),
        feat2(24, n1.shape, c.cap() & flag::INIT_CAP as u32),
    ];
}

/// A loaded tagger: weights plus the map from model label to [`Pos`].
pub struct Tagger {
    weights: Weights,
    tags: Vec<Pos>,
    /// Frequent unambiguous words (by exact-form hash) and their label:
    /// tagged without scoring, which halves the tagging time.
    dict: HashMap<u32, u16, IdBuildHasher>,
}

impl Tagger {
    pub fn from_model(m: Model) -> Result<Tagger, ModelError> {
        if m.kind != Kind::Pos {
            return Err(ModelError::Invalid("not a part-of-speech model".into()));
        }
        if m.feature_set != FEATURE_SET {
            return Err(ModelError::Invalid(format!("feature set {:#x}, this build computes {FEATURE_SET:#x}", m.feature_set)));
        }
        let tags = m
            .labels
            .iter()
            .map(|l| Pos::from_penn(l).ok_or_else(|| ModelError::Invalid(format!("unknown tag {l:?}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let mut distinct = tags.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() != tags.len() || tags.len() > MAX_TAGS {
            return Err(ModelError::Invalid("repeated tags".into()));
        }
        let dict = m.dict.iter().map(|(w, l)| (WordHashes::of(w).word, *l)).collect();
        Ok(Tagger { weights: m.weights, tags, dict })
    }

    /// Tags `words` as one run of text (sentence starts inferred from punctuation).
    pub fn tag(&self, words: &[&str]) -> Vec<Pos> {
        self.tag_sentences(words, &[(0, words.len())])
    }

    /// Tags `words` sentence by sentence: `sentences` are word ranges (start,
    /// end exclusive), in order; words outside them are tagged as one run each.
    pub fn tag_sentences(&self, words: &[&str], sentences: &[(usize, usize)]) -> Vec<Pos> {
        let mut out = Vec::with_capacity(words.len());
        for (s, e) in cover(words.len(), sentences) {
            self.tag_hashed(&hash_words(&words[s..e]), &mut out);
        }
        out
    }

    /// Tags one sentence given its padded word hashes ([`hash_words`]),
    /// appending to `out`.
    pub fn tag_hashed(&self, h: &[WordHashes], out: &mut Vec<Pos>) {
        let mut buf = [0i32; MAX_TAGS];
        let scores = &mut buf[..self.tags.len()];
        let mut f = [0u32; N_FEATS];
        let (mut p1, mut p2) = (NO_TAG, NO_TAG);
        for i in 0..h.len().saturating_sub(4) {
            let l = match self.dict.get(&h[i + 2].word) {
                Some(&l) => l as usize,
                None => {
                    features(h, i, p1, p2, &mut f);
                    self.weights.score(&f, scores);
                    argmax(scores, |_| true)
                }
            };
            out.push(self.tags[l]);
            p2 = p1;
            p1 = l as u32;
        }
    }
}

const MAX_TAGS: usize = 64;

/// Ranges that cover `0..n` exactly: the given sentences (clamped, in
/// order, non-overlapping) and the gaps between them.
pub fn cover(n: usize, sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sentences.len() + 1);
    let mut at = 0;
    for &(s, e) in sentences {
        let (s, e) = (s.max(at).min(n), e.min(n));
        if s > at {
            out.push((at, s));
            at = s;
        }
        if e > s {
            out.push((s, e));
            at = e;
        }
    }
    if at < n {
        out.push((at, n));
    }
    out
}

/// A tagged training sequence (a document or a paragraph).
pub struct Tagged<'a> {
    pub words: Vec<&'a str>,
    pub tags: Vec<Pos>,
    /// Sentence ranges (word indices, end exclusive).
    pub sentences: Vec<(usize, usize)>,
}

/// Trains a tagger: `epochs` passes in a seeded shuffled order, greedy
/// decoding with the predicted previous tags (as at inference).
pub fn train(data: &[Tagged], bits: u8, epochs: usize, seed: u64, about: &str) -> Model {
    train_pruned(data, bits, epochs, seed, about, 1)
}

/// [`train`], dropping weights below `prune` (of 127; 1: none) to keep the file small.
pub fn train_pruned(data: &[Tagged], bits: u8, epochs: usize, seed: u64, about: &str, prune: u16) -> Model {
    let mut labels: Vec<Pos> = data.iter().flat_map(|s| s.tags.iter().copied()).collect();
    labels.sort();
    labels.dedup();
    let index = |p: Pos| labels.binary_search(&p).unwrap_or(0);
    let mut t = Trainer::new(bits, labels.len());
    // Words seen at least 20 times with one tag at least 99.5% of the time.
    let mut counts: HashMap<&str, HashMap<Pos, usize>> = HashMap::new();
    for d in data {
        for (w, &p) in d.words.iter().zip(&d.tags) {
            *counts.entry(w).or_default().entry(p).or_default() += 1;
        }
    }
    let mut dict: Vec<(String, u16)> = counts
        .iter()
        .filter_map(|(w, c)| {
            let n: usize = c.values().sum();
            let (&p, &top) = c.iter().max_by_key(|(p, n)| (**n, std::cmp::Reverse(**p)))?;
            (n >= 20 && top * 1000 >= n * 995 && w.len() < 256).then(|| (w.to_string(), index(p) as u16))
        })
        .collect();
    dict.sort();
    let dict_hash: HashMap<u32, u16, IdBuildHasher> = dict.iter().map(|(w, l)| (WordHashes::of(w).word, *l)).collect();
    // One sequence per sentence.
    let mut seqs: Vec<(Vec<WordHashes>, &[Pos])> = Vec::new();
    for d in data {
        for (s, e) in cover(d.words.len(), &d.sentences) {
            seqs.push((hash_words(&d.words[s..e]), &d.tags[s..e]));
        }
    }
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = vec![0i32; labels.len()];
    let mut f = [0u32; N_FEATS];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let (h, gold) = (&seqs[d].0, seqs[d].1);
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for (i, &g) in gold.iter().enumerate() {
                features(h, i, p1, p2, &mut f);
                t.score(&f, &mut scores);
                let guess = argmax(&scores, |_| true);
                t.update(&f, index(g), guess);
                t.tick();
                let guess = dict_hash.get(&h[i + 2].word).map_or(guess, |&l| l as usize);
                p2 = p1;
                p1 = guess as u32;
            }
        }
    }
    Model {
        kind: Kind::Pos,
        feature_set: FEATURE_SET,
        about: about.to_string(),
        labels: labels.iter().map(|p| p.as_str().to_string()).collect(),
        weights: super::perceptron::quantise_pruned(&t.averaged(), bits, labels.len(), 8, prune.max(1)),
        dict,
        stage2: None,
        namelike: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_round_trip() {
        for &p in Pos::ALL {
            assert_eq!(Pos::from_penn(p.as_str()), Some(p));
        }
        assert_eq!(Pos::from_penn("PRP$"), Some(Pos::PRP_));
        assert_eq!(Pos::from_penn("_"), None);
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let s = |w: &'static str, t: &str| Tagged {
            words: w.split(' ').collect(),
            tags: t.split(' ').map(|t| Pos::from_penn(t).unwrap()).collect(),
            sentences: vec![],
        };
        let data = vec![
            s("the dog runs .", "DT NN VBZ ."),
            s("a cat sleeps .", "DT NN VBZ ."),
            s("the cats run .", "DT NNS VBP ."),
            s("Paris sleeps .", "NNP VBZ ."),
        ];
        let model = train(&data, 12, 8, 1, "toy");
        let tagger = Tagger::from_model(Model::decode(&model.encode()).unwrap()).unwrap();
        for d in &data {
            assert_eq!(tagger.tag(&d.words), d.tags);
        }
        assert_eq!(tagger.tag(&[]), vec![]);
        let two = ["the", "dog", "runs", ".", "a", "cat", "sleeps", "."];
        let want = tagger.tag(&two);
        assert_eq!(tagger.tag_sentences(&two, &[(0, 4), (4, 8)]).len(), 8);
        // Out-of-range or overlapping sentence ranges never panic or drop words.
        assert_eq!(tagger.tag_sentences(&two, &[(2, 1), (3, 99), (0, 4)]).len(), want.len());
    }

    #[test]
    fn cover_ranges() {
        type Ranges = [(usize, usize)];
        let cases: &[(usize, &Ranges, &Ranges)] = &[
            (5, &[], &[(0, 5)]),
            (5, &[(0, 2), (2, 5)], &[(0, 2), (2, 5)]),
            (5, &[(1, 3)], &[(0, 1), (1, 3), (3, 5)]),
            (5, &[(3, 9), (0, 2)], &[(0, 3), (3, 5)]),
            (8, &[(2, 1), (3, 99), (0, 4)], &[(0, 2), (2, 3), (3, 8)]),
            (0, &[(0, 2)], &[]),
        ];
        for (n, s, want) in cases {
            assert_eq!(cover(*n, s), want.to_vec(), "{n} {s:?}");
        }
    }
}
