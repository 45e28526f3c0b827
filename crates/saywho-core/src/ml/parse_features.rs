//! The parser's features: words (lower case, digits as 0) and tags of the
//! stack and buffer words, their leftmost and rightmost dependents and those
//! dependents' relations, distances and valencies (after Zhang and Nivre
//! 2011). Words are hashed like the tagger's ([`super::features`]); the
//! templates combine 32-bit values by multiply-xor (one multiplication per
//! value, where FNV-1a takes four), because a parse computes some 130
//! features per word: FNV hashing was a third of the parsing time. The table
//! bucket's final avalanche ([`super::features::bucket`]) spreads them.

use super::features::WordHashes;
use super::parse::{State, NONE};
use super::pos::Pos;

/// Features per move decision and per label decision.
pub const N_MOVE: usize = 56;
pub const N_LABEL: usize = 22;

const W_NONE: u32 = 0x4e4f_4e45;
const W_ROOT: u32 = 0x524f_4f54;
const T_NONE: u32 = 0xff;
const T_ROOT: u32 = 0xfe;
/// Relation of a missing or unattached word.
const L_NONE: u32 = 0xff;

/// A stable value for a tag: the FNV hash of its Penn spelling.
fn tag_value(p: Pos) -> u32 {
    super::features::fnv(0x811c_9dc5, p.as_str().as_bytes())
}

#[inline]
fn feat(t: u8, a: u32) -> u32 {
    ((t as u32 + 1).wrapping_mul(0x9e37_79b1) ^ a).wrapping_mul(0x85eb_ca77)
}

#[inline]
fn feat2(t: u8, a: u32, b: u32) -> u32 {
    (feat(t, a) ^ b).wrapping_mul(0xc2b2_ae3d)
}

#[inline]
fn feat3(t: u8, a: u32, b: u32, c: u32) -> u32 {
    (feat2(t, a, b) ^ c).wrapping_mul(0x27d4_eb2f)
}

/// The verb a negative contraction is built on, as the parser's training
/// trees (UD tokens: "does" + "n't") have it: "doesn't" and "doesn’t" ->
/// "does", "can't" -> "ca", "won't" -> "wo". saywho's tokenizer keeps the
/// contraction whole, a form the parser never saw in training. Other words
/// are themselves.
pub fn contraction_host(w: &str) -> &str {
    for neg in ["n't", "n’t", "N'T", "N’T"] {
        if let Some(host) = w.strip_suffix(neg) {
            if !host.is_empty() && host.chars().all(char::is_alphabetic) {
                return host;
            }
        }
    }
    w
}

/// Per-word values of one sentence, with the root (index `n`) and "no word" handled.
pub struct Slots {
    w: Vec<u32>,
    t: Vec<u32>,
    /// Three-letter suffix (a tag-independent clue when the tag is wrong).
    x: Vec<u32>,
    /// Commas, colons and quotation marks before each word (a clause
    /// boundary between two words is a strong clue against attaching them).
    breaks: Vec<u32>,
}

impl Slots {
    pub fn new(words: &[&str], tags: &[Pos]) -> Slots {
        let h: Vec<WordHashes> = words.iter().map(|x| WordHashes::of(contraction_host(x))).collect();
        let mut w: Vec<u32> = h.iter().map(|h| h.lower).collect();
        let mut x: Vec<u32> = h.iter().map(|h| h.suffix[2]).collect();
        // Tags by their Penn spelling, so a reordered `Pos` keeps models valid.
        let mut t: Vec<u32> = (0..words.len()).map(|i| tag_value(tags.get(i).copied().unwrap_or(Pos::XX))).collect();
        let mut breaks = Vec::with_capacity(words.len() + 1);
        let mut k = 0;
        for i in 0..words.len() {
            breaks.push(k);
            let p = tags.get(i).copied().unwrap_or(Pos::XX);
            k += matches!(p, Pos::Comma | Pos::Colon | Pos::OpenQuote | Pos::CloseQuote) as u32;
        }
        breaks.push(k);
        w.push(W_ROOT);
        t.push(T_ROOT);
        x.push(W_ROOT);
        Slots { w, t, x, breaks }
    }

    #[inline]
    fn w(&self, x: u32) -> u32 {
        self.w.get(x as usize).copied().unwrap_or(W_NONE)
    }

    #[inline]
    fn x(&self, x: u32) -> u32 {
        self.x.get(x as usize).copied().unwrap_or(W_NONE)
    }

    /// Breaks between words `a` and `b` (0 to 3), or 4 when one is missing.
    #[inline]
    fn breaks(&self, a: u32, b: u32) -> u32 {
        match (self.breaks.get(a as usize), self.breaks.get(b as usize)) {
            (Some(&p), Some(&q)) => p.abs_diff(q).min(3),
            _ => 4,
        }
    }

    #[inline]
    fn t(&self, x: u32) -> u32 {
        self.t.get(x as usize).copied().unwrap_or(T_NONE)
    }
}

#[inline]
fn label(st: &State, x: u32) -> u32 {
    match st.heads.get(x as usize) {
        Some(&h) if h != NONE => st.labels[x as usize] as u32,
        _ => L_NONE,
    }
}

#[inline]
fn left(st: &State, x: u32, k: usize) -> u32 {
    st.left.get(x as usize).map_or(NONE, |l| l[k])
}

#[inline]
fn right(st: &State, x: u32, k: usize) -> u32 {
    st.right.get(x as usize).map_or(NONE, |r| r[k])
}

/// Distance between two words, bucketed (0: a word is missing).
#[inline]
fn dist(a: u32, b: u32) -> u32 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

#[inline]
fn valency(st: &State, x: u32) -> (u32, u32) {
    match (st.n_left.get(x as usize), st.n_right.get(x as usize)) {
        (Some(&l), Some(&r)) => (l.min(4) as u32, r.min(4) as u32),
        _ => (9, 9),
    }
}

/// Features of the move decision in state `st`.
#[inline]
pub fn move_features(sl: &Slots, st: &State, out: &mut [u32; N_MOVE]) {
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let n = st.n as u32;
    let b0 = st.b as u32;
    let b1 = if b0 + 1 <= n { b0 + 1 } else { NONE };
    let b2 = if b0 + 2 <= n { b0 + 2 } else { NONE };
    let (s0w, s0t, s1w, s1t, s2t) = (sl.w(s0), sl.t(s0), sl.w(s1), sl.t(s1), sl.t(s2));
    let (b0w, b0t, b1w, b1t, b2t) = (sl.w(b0), sl.t(b0), sl.w(b1), sl.t(b1), sl.t(b2));
    let (s0l, s0r, s1r, b0l, b0l2) = (left(st, s0, 0), right(st, s0, 0), right(st, s1, 0), left(st, b0, 0), left(st, b0, 1));
    let (s0lt, s0rt, s1rt, b0lt, b0l2t) = (sl.t(s0l), sl.t(s0r), sl.t(s1r), sl.t(b0l), sl.t(b0l2));
    let (s0vl, s0vr) = valency(st, s0);
    let (b0vl, _) = valency(st, b0);
    let d0 = dist(s0, b0);
    let d1 = dist(s1, s0);
    *out = [
        feat(0, 0),
        feat(1, s0w),
        feat(2, s0t),
        feat2(3, s0w, s0t),
        feat(4, s1w),
        feat(5, s1t),
        feat2(6, s1w, s1t),
        feat(7, b0w),
        feat(8, b0t),
        feat2(9, b0w, b0t),
        feat(10, b1w),
        feat(11, b1t),
        feat2(12, b1w, b1t),
        feat(13, b2t),
        feat(14, s2t),
        feat2(15, s0w, b0w),
        feat2(16, s0t, b0t),
        feat3(17, s0w, s0t, b0t),
        feat3(18, s0t, b0w, b0t),
        feat2(19, s0w, b0t),
        feat2(20, s0t, b0w),
        feat2(21, s1t, s0t),
        feat2(22, s1w, s0w),
        feat3(23, s1t, s0t, b0t),
        feat2(24, b0t, b1t),
        feat3(25, b0t, b1t, b2t),
        feat3(26, s0t, b0t, b1t),
        feat3(27, s2t, s1t, s0t),
        feat3(28, s0t, s0lt, b0t),
        feat3(29, s0t, s0rt, b0t),
        feat3(30, s0t, b0t, b0lt),
        feat3(31, b0t, b0lt, b0l2t),
        feat3(32, s1t, s0t, s0lt),
        feat3(33, s1t, s1rt, s0t),
        feat2(34, s0w, d0),
        feat3(35, s0t, b0t, d0),
        feat3(36, s1t, s0t, d1),
        feat2(37, s0w, s0vr),
        feat3(38, s0t, s0vl, s0vr),
        feat2(39, b0t, b0vl),
        feat3(40, s0t, label(st, s0l), label(st, s0r)),
        feat3(41, b0t, label(st, b0l), label(st, b0l2)),
        feat3(42, s1t, label(st, s1r), s0t),
        feat2(43, b0w, b1w),
        feat3(44, s0w, b0w, b0t),
        feat3(45, s0w, s0t, b0w),
        feat2(46, sl.x(s0), s0t),
        feat2(47, sl.x(b0), b0t),
        feat3(48, s1t, s0w, b0t),
        feat3(49, s0t, s0rt, sl.t(right(st, s0, 1))),
        feat3(50, s0t, s0lt, sl.t(left(st, s0, 1))),
        feat2(51, b0t, sl.w(b0l)),
        feat2(52, s0t, sl.w(s0l)),
        feat3(53, s0t, b0t, sl.breaks(s0, b0)),
        feat3(54, s1t, s0t, sl.breaks(s1, s0)),
        feat2(55, b0w, b0vl),
    ];
}

/// Features of the relation of the arc `h` → `d` about to be built in `st`.
#[inline]
pub fn label_features(sl: &Slots, st: &State, h: u32, d: u32, out: &mut [u32; N_LABEL]) {
    let dir = (h < d) as u32;
    let (hw, ht, dw, dt) = (sl.w(h), sl.t(h), sl.w(d), sl.t(d));
    let (dl, dr, hl, hl2, hr) = (left(st, d, 0), right(st, d, 0), left(st, h, 0), left(st, h, 1), right(st, h, 0));
    let after = |x: u32| if x == NONE { NONE } else { x + 1 };
    let before = |x: u32| if x == NONE || x == 0 { NONE } else { x - 1 };
    let (dvl, dvr) = valency(st, d);
    let t = |k: u8| k + 100 + 30 * dir as u8;
    *out = [
        feat(t(0), 0),
        feat(t(1), dw),
        feat(t(2), dt),
        feat(t(3), hw),
        feat(t(4), ht),
        feat2(t(5), ht, dt),
        feat2(t(6), hw, dt),
        feat2(t(7), dw, ht),
        feat2(t(8), hw, dw),
        feat3(t(9), dt, label(st, dl), label(st, dr)),
        feat2(t(10), sl.w(dl), dt),
        feat3(t(11), sl.t(dl), dt, ht),
        feat2(t(12), sl.w(dr), dt),
        feat3(t(13), label(st, hl), label(st, hl2), dt),
        feat3(t(14), label(st, hr), dt, ht),
        feat3(t(15), dist(h, d), ht, dt),
        feat2(t(16), sl.w(after(d)), dt),
        feat3(t(17), sl.t(before(d)), dt, ht),
        feat3(t(18), sl.t(before(h)), ht, dt),
        feat2(t(19), sl.w(hl), dt),
        feat3(t(20), dvl, dvr, dt),
        feat3(t(21), sl.w(before(d)), dt, ht),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_are_parsed_as_their_host_verb() {
        // (word, what the parser reads)
        let cases = [("doesn’t", "does"), ("doesn't", "does"), ("can't", "ca"), ("WON'T", "WO"), ("isn’t", "is"), ("n't", "n't"), ("don", "don"), ("rock'n't", "rock'n't"), ("", "")];
        for (w, host) in cases {
            assert_eq!(contraction_host(w), host, "{w}");
        }
        // The parse features of a contraction are its host's.
        let a = Slots::new(&["She", "doesn’t", "fly"], &[Pos::PRP, Pos::VBZ, Pos::VB]);
        let b = Slots::new(&["She", "does", "fly"], &[Pos::PRP, Pos::VBZ, Pos::VB]);
        assert_eq!((a.w, a.x), (b.w, b.x));
    }
}
