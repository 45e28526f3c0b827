//! Feature hashing without allocation.
//!
//! Every feature is a 32-bit FNV-1a hash of a template id followed by the
//! bytes (or hashes) of the strings it looks at, folded into a fixed table of
//! `2^bits` buckets. Per word we hash the surface form, its normalised lower
//! case, affixes and shape once ([`WordHashes`]); templates then only combine
//! a template id with one or two of those 32-bit values, so tagging a word
//! costs a few dozen multiplications and no `String`.

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

#[inline]
fn fnv_byte(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV_PRIME)
}

/// FNV-1a over `bytes`, continuing from `h`.
#[inline]
pub fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = fnv_byte(h, b);
    }
    h
}

/// Continues an FNV hash with the four little-endian bytes of `v`.
#[inline]
pub fn fnv_u32(h: u32, v: u32) -> u32 {
    fnv(h, &v.to_le_bytes())
}

#[inline]
fn fnv_char(h: u32, c: char) -> u32 {
    let mut buf = [0u8; 4];
    fnv(h, c.encode_utf8(&mut buf).as_bytes())
}

/// A feature from a template id and one value.
#[inline]
pub fn feat(template: u8, v: u32) -> u32 {
    fnv_u32(fnv_byte(FNV_OFFSET, template), v)
}

/// A feature from a template id and two values (a conjunction).
#[inline]
pub fn feat2(template: u8, a: u32, b: u32) -> u32 {
    fnv_u32(fnv_u32(fnv_byte(FNV_OFFSET, template), a), b)
}

/// A feature from a template id and three values.
#[inline]
pub fn feat3(template: u8, a: u32, b: u32, c: u32) -> u32 {
    fnv_u32(feat2(template, a, b), c)
}

/// The table bucket of a feature hash (a final avalanche so the low bits of
/// FNV's short inputs spread well).
#[inline]
pub fn bucket(h: u32, bits: u8) -> usize {
    let mut x = h;
    x ^= x >> 16;
    x = x.wrapping_mul(0x85eb_ca6b);
    x ^= x >> 13;
    x = x.wrapping_mul(0xc2b2_ae35);
    x ^= x >> 16;
    (x & ((1u32 << bits) - 1)) as usize
}

/// A hasher for keys that are already 32-bit hashes (no SipHash on the hot path).
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = v as u64;
    }
}

pub type IdBuildHasher = std::hash::BuildHasherDefault<IdHasher>;

/// Capitalisation and character-class flags of a word.
pub mod flag {
    pub const INIT_CAP: u8 = 1;
    pub const ALL_CAPS: u8 = 2;
    pub const HAS_DIGIT: u8 = 4;
    pub const HAS_LETTER: u8 = 8;
    pub const HAS_OTHER: u8 = 16;
    pub const HAS_LOWER: u8 = 32;
    /// The word ends a sentence: . ! ? (and the ellipsis).
    pub const TERMINAL: u8 = 64;
    /// Some letter is uppercase.
    pub const HAS_UPPER: u8 = 128;
}

/// The per-word hashes every template draws on, computed once per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHashes {
    /// The exact surface form.
    pub word: u32,
    /// Lower case with every digit mapped to `0` ("1990" and "2026" agree).
    pub lower: u32,
    /// Prefixes of 1..=4 characters of the normalised form.
    pub prefix: [u32; 4],
    /// Suffixes of 1..=4 characters of the normalised form.
    pub suffix: [u32; 4],
    /// Character classes with runs collapsed: "McDonald" → "XxXx", "U.S." → "X.X.".
    pub shape: u32,
    pub flags: u8,
}

/// Hashes of the padding words before the start and after the end.
pub const PAD_START: WordHashes = pad(0x5354_4152);
pub const PAD_END: WordHashes = pad(0x454e_4421);

const fn pad(v: u32) -> WordHashes {
    WordHashes { word: v, lower: v, prefix: [v; 4], suffix: [v; 4], shape: v, flags: 0 }
}

const MAX_CHARS: usize = 4;

impl WordHashes {
    pub fn of(w: &str) -> WordHashes {
        // A typographic apostrophe is the ASCII one to the models ("doesn’t"
        // is "doesn't": the training text writes it so far more often).
        let word = if w.contains('\u{2019}') { fnv(FNV_OFFSET, w.replace('\u{2019}', "'").as_bytes()) } else { fnv(FNV_OFFSET, w.as_bytes()) };
        let mut lower = FNV_OFFSET;
        let mut prefix = [0u32; 4];
        let mut n = 0usize; // normalised chars seen
        let mut last = ['\0'; MAX_CHARS]; // ring of the last normalised chars
        let mut shape = FNV_OFFSET;
        let mut prev_class = '\u{0}';
        let mut flags = 0u8;
        let mut first = true;
        let mut all_upper = true;
        for c in w.chars() {
            let c = if c == '\u{2019}' { '\'' } else { c };
            let class = if c.is_uppercase() {
                flags |= flag::HAS_LETTER | flag::HAS_UPPER;
                if first {
                    flags |= flag::INIT_CAP;
                }
                'X'
            } else if c.is_lowercase() {
                flags |= flag::HAS_LETTER | flag::HAS_LOWER;
                all_upper = false;
                'x'
            } else if c.is_numeric() {
                flags |= flag::HAS_DIGIT;
                'd'
            } else if c.is_alphabetic() {
                flags |= flag::HAS_LETTER;
                'x'
            } else {
                flags |= flag::HAS_OTHER;
                if c.is_ascii() {
                    c
                } else {
                    'o'
                }
            };
            first = false;
            if class != prev_class {
                shape = fnv_char(shape, class);
                prev_class = class;
            }
            let mut push = |d: char| {
                lower = fnv_char(lower, d);
                if n < 4 {
                    prefix[n] = lower;
                }
                last[n % MAX_CHARS] = d;
                n += 1;
            };
            if c.is_ascii_digit() {
                push('0');
            } else if c.is_ascii() {
                push(c.to_ascii_lowercase());
            } else {
                for d in c.to_lowercase() {
                    push(d);
                }
            }
        }
        if flags & flag::HAS_LETTER != 0 && all_upper {
            flags |= flag::ALL_CAPS;
        }
        if matches!(w, "." | "!" | "?" | "..." | "…") {
            flags |= flag::TERMINAL;
        }
        // Short words: the missing prefixes are the whole word.
        for k in n.min(4)..4 {
            prefix[k] = if n == 0 { FNV_OFFSET } else { prefix[n.min(4) - 1] };
        }
        let mut suffix = [0u32; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            let mut h = FNV_OFFSET;
            for j in (n - len)..n {
                h = fnv_char(h, last[j % MAX_CHARS]);
            }
            *s = h;
        }
        WordHashes { word, lower, prefix, suffix, shape, flags }
    }

    /// The capitalisation pattern as a small value (init cap, all caps,
    /// digits, letters, other, lower).
    #[inline]
    pub fn cap(&self) -> u32 {
        (self.flags & !(flag::TERMINAL | flag::HAS_UPPER)) as u32
    }
}

/// Hashes for every word of a sequence, with two padding words on each side so
/// context templates never branch: index `i + 2` is word `i`.
pub fn hash_words(words: &[&str]) -> Vec<WordHashes> {
    let mut out = Vec::with_capacity(words.len() + 4);
    out.push(PAD_START);
    out.push(PAD_START);
    out.extend(words.iter().map(|w| WordHashes::of(w)));
    out.push(PAD_END);
    out.push(PAD_END);
    out
}

/// Whether word `i` (0-based) opens a sentence: first word, or after a
/// sentence-final mark (possibly followed by a closing quote).
#[inline]
pub fn sentence_start(h: &[WordHashes], i: usize) -> bool {
    let p = i + 2;
    p == 2 || h[p - 1].flags & flag::TERMINAL != 0 || (p >= 4 && h[p - 2].flags & flag::TERMINAL != 0 && h[p - 1].flags & flag::HAS_OTHER != 0 && h[p - 1].flags & (flag::HAS_LETTER | flag::HAS_DIGIT) == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_is_deterministic_and_fixed() {
        // Fixed values: a change here silently invalidates every committed model.
        assert_eq!(fnv(FNV_OFFSET, b""), 0x811c_9dc5);
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xe40c_292c);
        assert_eq!(fnv(FNV_OFFSET, b"foobar"), 0xbf9c_f968);
        assert_eq!(WordHashes::of("Obama"), WordHashes::of("Obama"));
        assert_eq!(feat(3, 7), feat(3, 7));
        assert_ne!(feat(3, 7), feat(4, 7));
        assert_ne!(feat2(1, 2, 3), feat2(1, 3, 2));
    }

    fn check(a: &str, b: &str, same_lower: bool, same_suffix3: bool, same_shape: bool) {
        let (x, y) = (WordHashes::of(a), WordHashes::of(b));
        assert_eq!(x.lower == y.lower, same_lower, "lower {a} {b}");
        assert_eq!(x.suffix[2] == y.suffix[2], same_suffix3, "suffix {a} {b}");
        assert_eq!(x.shape == y.shape, same_shape, "shape {a} {b}");
    }

    #[test]
    fn normalisation() {
        check("Obama", "OBAMA", true, true, false);
        check("1990", "2026", true, true, true);
        check("running", "jumping", false, true, true);
        check("McDonald", "MacArthur", false, false, true);
        check("U.S.", "U.K.", false, false, true);
        check("Élysée", "élysée", true, true, false);
        check("ab", "ab", true, true, true);
        check("", "", true, true, true);
        // A typographic apostrophe is the ASCII one.
        check("doesn’t", "doesn't", true, true, true);
        assert_eq!(WordHashes::of("doesn’t"), WordHashes::of("doesn't"));
        check("doesn’t", "doesnt", false, false, false);
    }

    #[test]
    fn flags_and_affixes_of_short_and_odd_words() {
        let h = WordHashes::of("NASA");
        assert!(h.flags & flag::ALL_CAPS != 0 && h.flags & flag::INIT_CAP != 0);
        let h = WordHashes::of("x");
        assert_eq!(h.prefix, [h.lower; 4]);
        assert_eq!(h.suffix, [h.lower; 4]);
        assert!(WordHashes::of(".").flags & flag::TERMINAL != 0);
        // Multi-char lower-casing and combining marks never panic.
        for w in ["İstanbul", "ß", "e\u{301}", "😀", "ǅ", "\u{0}"] {
            let _ = WordHashes::of(w);
        }
    }

    #[test]
    fn sentence_starts() {
        let words = ["He", "left", ".", "\"", "She", "came", "!", "Then"];
        let h = hash_words(&words);
        let starts: Vec<usize> = (0..words.len()).filter(|&i| sentence_start(&h, i)).collect();
        assert_eq!(starts, vec![0, 3, 4, 7]);
    }
}
