//! Word lists. The lists are data in `data/lexicon/`, parsed once on first
//! use: the reporting verbs here, the entity stage's lists through
//! `word_list!` where they are used, the gazetteers in
//! `entities/gazetteer.rs`. The closed classes shared by several stages
//! (abbreviations, auxiliaries, determiners, …) are asked through the `is_*`
//! functions here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small fast hasher for short string keys (the std SipHash is several
/// times slower on the hot path, and these maps hold no attacker input).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// A list of words from a file in `data/lexicon/`: lines starting with `#`
/// are comments, the words are whitespace-separated. Kept in file order for
/// the rules that scan it (case-insensitive matches) and hashed for exact
/// lookups.
#[derive(Debug)]
pub struct WordList {
    words: Vec<&'static str>,
    set: FxSet<&'static str>,
    /// Bit `n` set: some word has `n` bytes (bit 63: 63 or more). With
    /// `firsts` (bit `b`: some word starts with byte `b`) most tokens asked
    /// about, which are in no list, fail before any hashing.
    lengths: u64,
    firsts: [u64; 4],
}

impl WordList {
    pub fn parse(src: &'static str) -> WordList {
        let words: Vec<&'static str> =
            src.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(str::split_whitespace).collect();
        let set = words.iter().copied().collect();
        let lengths = words.iter().fold(0, |m, w| m | 1u64 << w.len().min(63));
        let mut firsts = [0u64; 4];
        for b in words.iter().filter_map(|w| w.bytes().next()) {
            firsts[usize::from(b >> 6)] |= 1u64 << (b & 63);
        }
        WordList { words, set, lengths, firsts }
    }

    /// `w` is in the list, exactly as written.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        let Some(b) = w.bytes().next() else { return self.set.contains(w) };
        self.lengths & 1u64 << w.len().min(63) != 0 && self.firsts[usize::from(b >> 6)] & 1u64 << (b & 63) != 0 && self.set.contains(w)
    }

    /// The words in file order.
    #[inline]
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }
}

/// Declares `fn name() -> &'static WordList` for `data/lexicon/FILE`,
/// embedded in the binary and parsed on first use.
macro_rules! word_list {
    ($(#[$m:meta])* $vis:vis fn $name:ident = $file:literal;) => {
        $(#[$m])*
        $vis fn $name() -> &'static $crate::text::lexicon::WordList {
            static LIST: std::sync::OnceLock<$crate::text::lexicon::WordList> = std::sync::OnceLock::new();
            LIST.get_or_init(|| {
                $crate::text::lexicon::WordList::parse(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $file)))
            })
        }
    };
}
pub(crate) use word_list;

word_list! {
    fn abbreviations = "abbreviations.txt";
}

word_list! {
    fn work_nouns = "work_nouns.txt";
}

word_list! {
    fn title_abbreviations = "title_abbreviations.txt";
}

word_list! {
    fn finite_markers = "finite_markers.txt";
}

word_list! {
    fn determiners = "determiners.txt";
}

word_list! {
    fn wh_words = "wh_words.txt";
}

word_list! {
    fn discourse_openers = "discourse_openers.txt";
}

word_list! {
    fn verb_modifiers = "verb_modifiers.txt";
}

word_list! {
    fn negations = "negations.txt";
}

/// Abbreviations whose period does not end a sentence. Titles never do;
/// the others ("Inc.", "Jan.") do only before a clear sentence starter.
pub fn is_abbreviation(w: &str) -> bool {
    is_title_abbreviation(w) || abbreviations().contains(w)
}

/// Words for a work whose title may follow in marks: "the album “Saudade do Mar”".
pub fn is_work_noun(w: &str) -> bool {
    work_nouns().contains(w)
}

/// Abbreviated titles that stand before a name.
pub fn is_title_abbreviation(w: &str) -> bool {
    title_abbreviations().contains(w)
}

/// What may follow a reporting verb (see `data/lexicon/reporting_verbs.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerbFlags {
    pub bare_clause: bool,
    pub that_clause: bool,
    pub addressee: bool,
    pub infinitive: bool,
    pub wh_clause: bool,
    pub names_fragment: bool,
    pub direct_only: bool,
}

impl VerbFlags {
    /// May introduce reported (indirect) speech at all.
    pub fn indirect(self) -> bool {
        !self.direct_only && !self.names_fragment && (self.bare_clause || self.that_clause || self.infinitive || self.wh_clause)
    }
}

/// One form of a reporting verb: its words ("pointed", "out") and flags.
#[derive(Debug)]
pub struct VerbForm {
    pub words: Vec<&'static str>,
    pub flags: VerbFlags,
    /// Present tense third person or base form ("says", "say"): used for the
    /// historic present and to rank cues.
    pub lemma: &'static str,
}

static VERBS_SRC: &str = include_str!("../../data/lexicon/reporting_verbs.txt");

fn verbs() -> &'static HashMap<&'static str, Vec<VerbForm>> {
    static VERBS: OnceLock<HashMap<&'static str, Vec<VerbForm>>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<VerbForm>> = HashMap::new();
        for line in VERBS_SRC.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((flags, forms)) = line.split_once('\t') else { continue };
            let f = VerbFlags {
                bare_clause: flags.contains('S'),
                that_clause: flags.contains('T') || flags.contains('S'),
                addressee: flags.contains('O'),
                infinitive: flags.contains('I'),
                wh_clause: flags.contains('Q'),
                names_fragment: flags.contains('P'),
                direct_only: flags.contains('D'),
            };
            let mut lemma = "";
            for form in forms.split(',') {
                let form = form.trim();
                if form.is_empty() {
                    continue;
                }
                if lemma.is_empty() {
                    lemma = form;
                }
                let words: Vec<&'static str> = form.split(' ').collect();
                map.entry(words[0]).or_default().push(VerbForm { words, flags: f, lemma });
            }
        }
        // Longest forms first so "pointed out" wins over a bare "pointed".
        for v in map.values_mut() {
            v.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
        }
        map
    })
}

/// The reporting-verb forms starting with lowercase word `w`.
pub fn verb_forms(w: &str) -> Option<&'static [VerbForm]> {
    verbs().get(w).map(|v| v.as_slice())
}

/// Lowercases ASCII letters of `w` into `buf` and returns it (or `None` when
/// `w` is too long or not ASCII, which no closed-class word is). A
/// typographic apostrophe (’ or ‘) reads as `'`, so "doesn’t" finds the
/// lexicons' "doesn't": news text sets most of its contractions that way.
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    // (Most words are plain ASCII: lowercase their bytes without decoding.)
    if w.is_ascii() {
        let b = w.as_bytes();
        let out = buf.get_mut(..b.len())?;
        for (o, c) in out.iter_mut().zip(b) {
            *o = c.to_ascii_lowercase();
        }
        return std::str::from_utf8(out).ok();
    }
    let mut n = 0;
    for c in w.chars() {
        let b = match c {
            '\u{2019}' | '\u{2018}' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A subject pronoun fused with its verb ("he's", "they’re", "I'd", "we'll"):
/// the pronoun, when `w` (any case) is one. Such a word opens a clause on its
/// own, as "he is" does.
pub fn contracted_subject(w: &str) -> Option<Pronoun> {
    let (stem, clitic) = w.rsplit_once(['\'', '’'])?;
    if !matches!(clitic.to_ascii_lowercase().as_str(), "s" | "re" | "m" | "d" | "ll" | "ve") {
        return None;
    }
    let mut buf = [0u8; 32];
    subject_pronoun(ascii_lower(stem, &mut buf)?)
}

/// Personal pronouns that can be subjects of a reporting verb.
pub fn subject_pronoun(w: &str) -> Option<Pronoun> {
    Some(match w {
        "he" => Pronoun::He,
        "she" => Pronoun::She,
        "they" => Pronoun::They,
        "it" => Pronoun::It,
        "i" => Pronoun::I,
        "we" => Pronoun::We,
        "you" => Pronoun::You,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
    I,
    We,
    You,
}

/// Words that are finite verbs or auxiliaries whatever their context.
pub fn is_finite_marker(w: &str) -> bool {
    finite_markers().contains(w)
}

/// Determiners and possessive pronouns: a word after one is not a finite verb.
pub fn is_determiner(w: &str) -> bool {
    determiners().contains(w)
}

/// Words opening a content clause.
pub fn is_wh_word(w: &str) -> bool {
    wh_words().contains(w)
}

/// Sentence adverbials that can stand before a parenthetical cue without being
/// part of what was said: "In contrast, he said, …".
pub fn is_discourse_opener(w: &str) -> bool {
    discourse_openers().contains(w)
}

/// Adverbs and auxiliaries that may stand between a subject and its reporting
/// verb: "Pakistan’s ministry later announced", "he has repeatedly said".
pub fn is_verb_modifier(w: &str) -> bool {
    verb_modifiers().contains(w)
}

/// Negations between a subject and its verb: "has not said", "never told".
pub fn is_negation(w: &str) -> bool {
    negations().contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hasher;

    #[test]
    fn hasher_is_deterministic() {
        let mut a = FxHasher::default();
        a.write(b"Pakistan");
        let mut b = FxHasher::default();
        b.write(b"Pakistan");
        assert_eq!(a.finish(), b.finish());
    }

    #[test]
    fn ascii_lower_reads_typographic_apostrophes() {
        let mut buf = [0u8; 32];
        for (w, want) in [("Doesn’t", Some("doesn't")), ("‘tis", Some("'tis")), ("SAID", Some("said")), ("Müller", None), ("", Some("")), ("abcdefghijklmnopqrstuvwxyzabcdefg", None), ("abcdefghijklmnopqrstuvwxyzabcde’", Some("abcdefghijklmnopqrstuvwxyzabcde'"))] {
            assert_eq!(ascii_lower(w, &mut buf), want, "{w:?}");
        }
    }

    #[test]
    fn word_lists_skip_comments_and_keep_file_order() {
        let list = WordList::parse("# What the list is for.\nde  van\n\tbin\n# another comment\nal\n");
        assert_eq!(list.words(), ["de", "van", "bin", "al"]);
        for (w, want) in [("van", true), ("bin", true), ("Van", false), ("comment", false), ("#", false), ("", false), ("va", false)] {
            assert_eq!(list.contains(w), want, "{w:?}");
        }
    }
}
