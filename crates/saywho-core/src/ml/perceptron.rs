//! The averaged perceptron: a dense trainer and a compact, quantised,
//! sparse scorer.
//!
//! Training keeps dense integer weights plus the running sums needed for
//! averaging (Daumé's trick: `avg = w - u / c`, with `u` accumulating
//! `c * delta`, so an update costs O(features), not O(table)). The finished
//! model keeps only the non-zero quantised weights, stored per bucket in
//! compressed-sparse-row form: scoring a feature visits just the labels it
//! has weights for, which is both small and fast.

use super::features::bucket;

/// One non-zero weight: a label and its quantised value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub label: u16,
    pub w: i16,
}

/// Quantised sparse weights: for bucket `b`, `entries[offsets[b]..offsets[b + 1]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub bits: u8,
    pub n_labels: usize,
    /// Multiply a quantised score by `scale` to get the averaged-perceptron score.
    pub scale: f32,
    /// 8 or 16: the width the values are stored with in the model file.
    pub value_bits: u8,
    pub offsets: Vec<u32>,
    pub entries: Vec<Entry>,
}

impl Weights {
    /// Adds the weights of feature hash `f` to `scores` (length `n_labels`).
    #[inline]
    pub fn add(&self, f: u32, scores: &mut [i32]) {
        let b = bucket(f, self.bits);
        let (s, e) = (self.offsets[b] as usize, self.offsets[b + 1] as usize);
        for en in &self.entries[s..e] {
            scores[en.label as usize] += en.w as i32;
        }
    }

    /// Scores of every label for a set of features.
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            self.add(f, scores);
        }
    }
}

/// The label with the highest score among those `allowed` (ties: lowest index).
#[inline]
pub fn argmax(scores: &[i32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    let mut best_score = i32::MIN;
    for (l, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > best_score) && allowed(l) {
            best = l;
            best_score = s;
        }
    }
    if best == usize::MAX {
        0
    } else {
        best
    }
}

/// Dense averaged-perceptron trainer over a hashed table.
pub struct Trainer {
    bits: u8,
    n_labels: usize,
    w: Vec<i32>,
    u: Vec<i64>,
    /// Time step (number of examples seen + 1).
    c: i64,
}

impl Trainer {
    pub fn new(bits: u8, n_labels: usize) -> Trainer {
        let n = (1usize << bits) * n_labels;
        Trainer { bits, n_labels, w: vec![0; n], u: vec![0; n], c: 1 }
    }

    pub fn n_labels(&self) -> usize {
        self.n_labels
    }

    /// Current (non-averaged) scores, as used while training.
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            let row = bucket(f, self.bits) * self.n_labels;
            for (s, w) in scores.iter_mut().zip(&self.w[row..row + self.n_labels]) {
                *s += *w;
            }
        }
    }

    /// The perceptron update after predicting `guess` where `gold` was right.
    /// Call [`Trainer::tick`] once per example whether or not it updated.
    pub fn update(&mut self, feats: &[u32], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        for &f in feats {
            let row = bucket(f, self.bits) * self.n_labels;
            self.w[row + gold] += 1;
            self.u[row + gold] += self.c;
            self.w[row + guess] -= 1;
            self.u[row + guess] -= self.c;
        }
    }

    pub fn tick(&mut self) {
        self.c += 1;
    }

    /// The averaged weights, quantised to `value_bits` (8 or 16) with one
    /// scale for the model; weights that round to zero are dropped.
    pub fn finish(&self, value_bits: u8) -> Weights {
        quantise(&self.averaged(), self.bits, self.n_labels, value_bits)
    }

    /// The averaged (dense, unquantised) weights.
    pub fn averaged(&self) -> Vec<f32> {
        let c = self.c as f64;
        (0..self.w.len()).map(|i| (self.w[i] as f64 - self.u[i] as f64 / c) as f32).collect()
    }
}

/// Quantises dense weights (`2^bits` rows of `n_labels`) to sparse `value_bits` weights.
pub fn quantise(dense: &[f32], bits: u8, n_labels: usize, value_bits: u8) -> Weights {
    quantise_pruned(dense, bits, n_labels, value_bits, 1)
}

/// [`quantise`], dropping every weight whose quantised magnitude is below
/// `min` (1: only the ones that round to zero). The averaged perceptron's
/// smallest weights are mostly features seen once or twice.
pub fn quantise_pruned(dense: &[f32], bits: u8, n_labels: usize, value_bits: u8, min: u16) -> Weights {
    {
        let avg = |i: usize| dense[i] as f64;
        // The scale maps the largest weight to the top of the range: clipping
        // at a quantile instead (so fewer small weights round to zero) cost
        // 2 points of POS accuracy and 9 of NER F1 on GUM dev.
        let max = (0..dense.len()).map(|i| avg(i).abs()).fold(0.0f64, f64::max);
        let qmax = if value_bits == 8 { 127.0 } else { 32767.0 };
        let scale = if max > 0.0 { max / qmax } else { 1.0 };
        let n_buckets = 1usize << bits;
        let mut offsets = Vec::with_capacity(n_buckets + 1);
        let mut entries = Vec::new();
        offsets.push(0u32);
        for b in 0..n_buckets {
            for l in 0..n_labels {
                let q = (avg(b * n_labels + l) / scale).round();
                if q != 0.0 && q.abs() >= f64::from(min) {
                    entries.push(Entry { label: l as u16, w: q.clamp(-qmax, qmax) as i16 });
                }
            }
            offsets.push(entries.len() as u32);
        }
        Weights { bits, n_labels, scale: scale as f32, value_bits, offsets, entries }
    }
}

/// Deterministic shuffling for training (xorshift64*, fixed seed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ml::features::feat;

    /// A toy problem: the label is decided by one of two words; a third word is noise.
    fn toy() -> Vec<(Vec<u32>, usize)> {
        let mut out = Vec::new();
        for i in 0..40u32 {
            let label = (i % 3) as usize;
            out.push((vec![feat(0, 0), feat(1, label as u32), feat(2, i % 5)], label));
        }
        out
    }

    fn train(value_bits: u8) -> Weights {
        let mut t = Trainer::new(10, 3);
        let mut data = toy();
        let mut rng = Rng::new(7);
        let mut scores = vec![0; 3];
        for _ in 0..5 {
            rng.shuffle(&mut data);
            for (f, gold) in &data {
                t.score(f, &mut scores);
                let guess = argmax(&scores, |_| true);
                t.update(f, *gold, guess);
                t.tick();
            }
        }
        t.finish(value_bits)
    }

    #[test]
    fn learns_a_separable_problem_in_both_widths() {
        for bits in [8, 16] {
            let w = train(bits);
            let mut scores = vec![0; 3];
            for (f, gold) in toy() {
                w.score(&f, &mut scores);
                assert_eq!(argmax(&scores, |_| true), gold, "value bits {bits}");
            }
            assert!(w.entries.iter().all(|e| e.w != 0 && (e.label as usize) < 3));
            assert_eq!(w.offsets.len(), (1 << 10) + 1);
        }
    }

    #[test]
    fn averaging_keeps_early_weights() {
        // One update at step 1 and its reversal at the last step: the
        // average stays close to the first update, the final weight is 0.
        let mut t = Trainer::new(4, 2);
        let f = [feat(9, 1)];
        t.update(&f, 1, 0);
        for _ in 0..9 {
            t.tick();
        }
        t.update(&f, 0, 1);
        t.tick();
        let w = t.finish(16);
        let mut s = vec![0; 2];
        w.score(&f, &mut s);
        assert!(s[1] > 0 && s[0] < 0, "{s:?}");
    }

    #[test]
    fn argmax_respects_the_mask_and_ties() {
        assert_eq!(argmax(&[5, 9, 9], |_| true), 1);
        assert_eq!(argmax(&[5, 9, 9], |l| l != 1), 2);
        assert_eq!(argmax(&[5, 9, 9], |_| false), 0);
    }

    #[test]
    fn shuffling_is_deterministic() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Rng::new(42).shuffle(&mut a);
        Rng::new(42).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
