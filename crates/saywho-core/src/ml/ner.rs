//! Named-entity recognition: BILOU labels over PERSON, ORG, LOC and MISC,
//! decoded greedily left to right with the label constraints enforced, by an
//! averaged perceptron over word, shape, affix, POS, label-history,
//! gazetteer and document features ("what was this word tagged earlier in
//! the same call").

use super::features::{flag, fnv_u32, hash_words, WordHashes};
use super::model_file::{Kind, Model, ModelError};
use super::perceptron::{argmax, quantise_pruned, Rng, Trainer, Weights};
use super::pos::{cover, Pos};

pub use super::ner_base::*;
use super::ner_base::{cap_runs, namelike_codes, o_words, part, word_fold, DocMemory, Ctx, B, FLAGS, I, L, MAX_EXTRA, NAMELIKE_FOLDS, N_ALL_FEATS, U, WITH_DOMAINS, WITH_GAZETTEER, WITH_NAMELIKE_ALL};
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
    Model { kind: Kind::Ner, feature_set, about: about.to_string(), labels: label_names(), weights: quantise_pruned(&dense, bits, N_LABELS, 16, opts.prune.max(1)), dict: dict.into_iter().map(|w| (w, 0)).collect(), stage2: None, namelike }
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
            let opts = ExtraOptions { names: Some((GIVEN, PLACES)), namelike_all: all, prune: 1 };
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
        assert_ne!(plain.weights, train_refs_with(&refs, 12, 10, 3, 1, "toy", &ExtraOptions { names: Some((GIVEN, PLACES)), namelike_all: false, prune: 1 }).weights);
    }
}
