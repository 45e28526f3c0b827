//! Held-out scores: POS accuracy and NER exact-span F1 over PERSON/ORG/LOC.

use crate::data::{gold_tags, retokenise};
use saywho_core::ml::conllu::{Doc, IobDoc};
use saywho_core::ml::ner::{self, Recognizer};
use saywho_core::ml::pos::Tagger;
use saywho_core::ml::Models;
use std::fmt;

pub fn pos_accuracy(t: &Tagger, docs: &[Doc]) -> f64 {
    let (mut ok, mut n) = (0usize, 0usize);
    for d in docs {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        let got = t.tag_sentences(&words, &d.sentence_ranges());
        for (g, w) in got.iter().zip(gold_tags(d)) {
            n += 1;
            ok += (*g == w) as usize;
        }
    }
    ok as f64 / n.max(1) as f64
}

/// Exact-span counts over PERSON, ORG and LOC (MISC is ignored on both sides).
#[derive(Default, Clone, Copy)]
pub struct Prf {
    pub tp: [usize; 3],
    pub pred: [usize; 3],
    pub gold: [usize; 3],
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Prf {
    pub fn add(&mut self, pred: &[(usize, usize, usize)], gold: &[(usize, usize, usize)]) {
        for &(s, e, t) in pred.iter().filter(|x| x.2 < 3) {
            self.pred[t] += 1;
            if gold.contains(&(s, e, t)) {
                self.tp[t] += 1;
            }
        }
        for &(_, _, t) in gold.iter().filter(|x| x.2 < 3) {
            self.gold[t] += 1;
        }
    }

    /// Adds another set of counts (pooling folds).
    pub fn add_counts(&mut self, o: &Prf) {
        for t in 0..3 {
            self.tp[t] += o.tp[t];
            self.pred[t] += o.pred[t];
            self.gold[t] += o.gold[t];
        }
    }

    pub fn f1(&self) -> f64 {
        f1(self.tp.iter().sum(), self.pred.iter().sum(), self.gold.iter().sum())
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (tp, p, g): (usize, usize, usize) = (self.tp.iter().sum(), self.pred.iter().sum(), self.gold.iter().sum());
        write!(f, "{:.4} (P {:.3} R {:.3};", self.f1(), tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64)?;
        for t in 0..3 {
            write!(f, " {} {:.3}", ner::TYPES[t], f1(self.tp[t], self.pred[t], self.gold[t]))?;
        }
        write!(f, ")")?;
        if f.alternate() {
            for t in 0..3 {
                let (p, r) = (self.tp[t] as f64 / self.pred[t].max(1) as f64, self.tp[t] as f64 / self.gold[t].max(1) as f64);
                write!(f, "\n    {:<6} P {p:.3} R {r:.3} F1 {:.3} ({} found, {} gold)", ner::TYPES[t], f1(self.tp[t], self.pred[t], self.gold[t]), self.pred[t], self.gold[t])?;
            }
        }
        Ok(())
    }
}

pub fn ner_gum(t: &Tagger, r: &Recognizer, docs: &[Doc]) -> Prf {
    ner_gum_in(t, r, docs, ner::Domain::Edited)
}

/// [`ner_gum`] with the weights of `domain`.
pub fn ner_gum_in(t: &Tagger, r: &Recognizer, docs: &[Doc], domain: ner::Domain) -> Prf {
    let mut prf = Prf::default();
    for d in docs {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        let s = d.sentence_ranges();
        let pred = ner::spans_of(&r.labels_in_domain(&words, &t.tag_sentences(&words, &s), &s, None, domain));
        prf.add(&pred, &crate::data::entities(d));
    }
    prf
}

pub fn ner_iob(t: &Tagger, r: &Recognizer, docs: &[IobDoc]) -> Prf {
    let mut prf = Prf::default();
    for d in docs {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        let s = &d.sentences;
        let pred = ner::spans_of(&r.labels_in_domain(&words, &t.tag_sentences(&words, s), s, None, ner::Domain::Web));
        prf.add(&pred, &d.spans);
    }
    prf
}

/// Appends the mistakes on `docs` to `log`, one line each with four words
/// of context: FP (a wrong PERSON/ORG/LOC), FN (a missed one), MI (a MISC guess).
pub fn log_errors(t: &Tagger, r: &Recognizer, docs: &[IobDoc], log: &mut String) {
    use std::fmt::Write;
    for d in docs {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        let pred = ner::spans_of(&r.labels_in_domain(&words, &t.tag_sentences(&words, &d.sentences), &d.sentences, None, ner::Domain::Web));
        let show = |(s, e, ty): (usize, usize, usize)| {
            let (a, b) = (s.saturating_sub(4), (e + 4).min(words.len()));
            format!("{} [{}] {} :: {}", words[a..s].join(" "), words[s..e].join(" "), words[e..b].join(" "), ner::TYPES[ty])
        };
        for &p in &pred {
            if p.2 == 3 {
                let _ = writeln!(log, "MI {}", show(p));
            } else if !d.spans.contains(&p) {
                let _ = writeln!(log, "FP {}", show(p));
            }
        }
        for &g in d.spans.iter().filter(|g| g.2 < 3 && !pred.contains(g)) {
            let _ = writeln!(log, "FN {}", show(g));
        }
    }
}

/// GUM with saywho's tokenizer on the raw text: POS accuracy over the tokens
/// that match a gold word exactly, the share of such tokens, and NER F1
/// against the gold spans (spans whose edges are not token edges count as misses).
pub fn with_core_tokens(m: &Models, docs: &[Doc]) -> (f64, f64, Prf) {
    let (mut ok, mut n, mut all) = (0usize, 0usize, 0usize);
    let mut prf = Prf::default();
    for d in docs {
        let r = retokenise(d);
        let words = r.words();
        let tags = m.pos_tags_in(&words, &r.sentences);
        for (g, w) in tags.iter().zip(&r.tags) {
            all += 1;
            if let Some(w) = w {
                n += 1;
                ok += (g == w) as usize;
            }
        }
        let pred = ner::spans_of(&m.recognizer.labels_in(&words, &tags, &r.sentences, None));
        prf.add(&pred, &r.spans);
        // Gold spans lost to tokenisation still count as gold.
        for &t in r.lost_spans.iter().filter(|&&t| t < 3) {
            prf.gold[t] += 1;
        }
    }
    (ok as f64 / n.max(1) as f64, n as f64 / all.max(1) as f64, prf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_f1_ignores_misc() {
        type Spans = [(usize, usize, usize)];
        let cases: &[(&Spans, &Spans, f64)] = &[
            (&[(0, 2, 0)], &[(0, 2, 0)], 1.0),
            (&[(0, 2, 0)], &[(0, 2, 1)], 0.0),
            (&[(0, 1, 0)], &[(0, 2, 0)], 0.0),
            (&[(0, 2, 0), (3, 4, 3)], &[(0, 2, 0)], 1.0),
            (&[(0, 2, 0), (3, 4, 2)], &[(0, 2, 0)], 2.0 / 3.0),
            (&[], &[(0, 2, 0)], 0.0),
        ];
        for (pred, gold, want) in cases {
            let mut p = Prf::default();
            p.add(pred, gold);
            assert!((p.f1() - want).abs() < 1e-9, "{pred:?} {gold:?} {}", p.f1());
        }
    }
}
