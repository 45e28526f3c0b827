//! Word lists. The open lists (reporting verbs) are data in `data/lexicon/`,
//! parsed once on first use; the closed classes (pronouns, auxiliaries,
//! determiners) are short enough to live here, in one place.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Abbreviations whose period does not end a sentence. Titles never do;
/// the others ("Inc.", "Jan.") do only before a clear sentence starter.
pub fn is_abbreviation(w: &str) -> bool {
    is_title_abbreviation(w)
        || matches!(
            w,
            "No" | "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" | "Inc"
                | "Corp" | "Ltd" | "Co" | "Jr" | "Sr" | "vs" | "etc" | "Mt" | "Ft" | "Ave" | "Blvd" | "approx" | "est"
                | "Dept" | "Univ" | "Assn" | "Bros" | "Nos" | "pp" | "Fig" | "cf" | "al" | "Ph.D" | "e.g" | "i.e" | "St"
        )
}

/// Words for a work whose title may follow in marks: "the album “Saudade do Mar”".
pub fn is_work_noun(w: &str) -> bool {
    matches!(
        w,
        "album" | "film" | "movie" | "song" | "single" | "book" | "novel" | "memoir" | "drama" | "series" | "show" | "sitcom" | "play"
            | "musical" | "opera" | "documentary" | "podcast" | "poem" | "painting" | "exhibition" | "ep" | "track"
    )
}

/// Abbreviated titles that stand before a name.
pub fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "Sen" | "Gov" | "Rep" | "Gen" | "Lt" | "Col" | "Capt" | "Sgt" | "Maj" | "Adm"
            | "Rev" | "Hon" | "Gens" | "Reps" | "Sens" | "Cmdr" | "Supt" | "Insp" | "Det" | "Cpl" | "Pvt" | "Brig"
            | "Messrs" | "Mme" | "Mlle" | "Fr" | "Pres" | "Amb"
    )
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
/// `w` is too long or not ASCII, which no closed-class word is).
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let b = w.as_bytes();
    if b.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
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
    matches!(
        w,
        "is" | "are" | "was" | "were" | "has" | "have" | "had" | "do" | "does" | "did" | "will" | "would" | "can"
            | "could" | "may" | "might" | "must" | "should" | "shall" | "isn't" | "aren't" | "wasn't" | "weren't"
            | "hasn't" | "haven't" | "hadn't" | "doesn't" | "don't" | "didn't" | "won't" | "wouldn't" | "can't"
            | "cannot" | "couldn't" | "mustn't" | "shouldn't" | "isn’t" | "aren’t" | "wasn’t" | "weren’t" | "hasn’t"
            | "haven’t" | "hadn’t" | "doesn’t" | "don’t" | "didn’t" | "won’t" | "wouldn’t" | "can’t" | "couldn’t"
            | "shouldn’t" | "need" | "needs" | "remains" | "remain" | "seems" | "seem" | "want" | "wants" | "made"
            | "took" | "gave" | "went" | "came" | "got" | "knew" | "found" | "became" | "left" | "held" | "kept"
            | "began" | "felt" | "brought" | "stood" | "ran" | "saw" | "lost" | "won" | "met" | "paid" | "sent"
            | "built" | "spent" | "led" | "fell" | "rose" | "grew" | "chose" | "broke" | "spoke" | "wrote" | "told"
            | "thought" | "meant" | "means" | "makes" | "takes" | "gives" | "goes" | "comes" | "gets" | "knows"
            | "shows" | "lies" | "lay" | "sought" | "seeks" | "hopes" | "fears"
    )
}

/// Determiners and possessive pronouns: a word after one is not a finite verb.
pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their" | "our" | "my"
            | "your" | "some" | "any" | "no" | "every" | "each" | "many" | "several" | "all" | "both" | "more" | "most"
            | "other" | "another" | "such" | "few" | "of" | "to" | "for" | "in" | "on" | "at" | "by" | "with" | "from"
            | "be" | "been" | "being" | "very" | "so" | "too" | "without" | "about" | "after" | "before" | "under"
            | "over" | "into" | "through" | "against" | "between" | "during" | "per" | "upon"
    )
}

/// Words opening a content clause.
pub fn is_wh_word(w: &str) -> bool {
    matches!(w, "how" | "whether" | "why" | "what" | "if" | "when" | "where" | "who" | "which")
}

/// Sentence adverbials that can stand before a parenthetical cue without being
/// part of what was said: "In contrast, he said, …".
pub fn is_discourse_opener(w: &str) -> bool {
    matches!(
        w,
        "however" | "meanwhile" | "still" | "moreover" | "indeed" | "but" | "and" | "instead" | "nevertheless"
            | "separately" | "similarly" | "otherwise" | "also" | "finally" | "earlier" | "later" | "now" | "then"
            | "yet" | "so" | "furthermore" | "besides" | "nonetheless" | "thus" | "therefore" | "today" | "yesterday"
            | "in" | "for" | "on" | "at" | "by" | "as" | "after" | "before" | "since" | "last" | "this" | "next"
    )
}

/// Adverbs and auxiliaries that may stand between a subject and its reporting
/// verb: "Pakistan’s ministry later announced", "he has repeatedly said".
pub fn is_verb_modifier(w: &str) -> bool {
    matches!(
        w,
        "also" | "later" | "then" | "has" | "have" | "had" | "will" | "would" | "once" | "repeatedly"
            | "reportedly" | "publicly" | "privately" | "previously" | "recently" | "earlier" | "further" | "again"
            | "simply" | "only" | "just" | "never" | "often" | "always" | "frequently" | "firmly" | "openly"
            | "flatly" | "quickly" | "initially" | "subsequently" | "separately" | "already" | "may" | "might"
            | "could" | "can" | "did" | "does" | "do" | "not" | "is" | "was" | "are" | "were" | "be" | "been"
            | "being" | "would've" | "clearly" | "strongly" | "angrily" | "didn't" | "didn’t" | "hasn't" | "hasn’t"
            | "haven't" | "haven’t" | "won't" | "won’t" | "doesn't" | "doesn’t" | "don't" | "don’t" | "wouldn't"
            | "wouldn’t" | "hadn't" | "hadn’t" | "cannot" | "can't" | "can’t"
    )
}

/// Negations between a subject and its verb: "has not said", "never told".
pub fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "never" | "didn't" | "didn’t" | "hasn't" | "hasn’t" | "haven't" | "haven’t" | "won't" | "won’t" | "doesn't" | "doesn’t" | "don't" | "don’t" | "wouldn't" | "wouldn’t" | "hadn't" | "hadn’t" | "cannot" | "can't" | "can’t" | "refused" | "declined")
}
