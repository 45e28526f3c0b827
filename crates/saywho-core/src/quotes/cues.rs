//! Cues: the reporting expressions that introduce or follow quotations
//! ("said", "pointed out", "according to"), found from the verb lexicon.

use crate::text::lexicon::{self, VerbFlags};
use crate::ml::Pos;
use crate::text::{Kind, Text};

crate::text::lexicon::word_list! {
    /// Irregular past tenses the tagger may miss, which make a clause finite: "The typhoon tore
    /// through …". Lower case. (`data/lexicon/irregular_past_tenses.txt`)
    pub(crate) fn irregular_past_tenses = "irregular_past_tenses.txt";
}

crate::text::lexicon::word_list! {
    /// Words that may stand right before a base-form reporting verb (besides pronouns and
    /// names): "analysts would say", "who say", "officials often say". Lower case.
    /// (`data/lexicon/before_base_form_cue.txt`)
    pub(crate) fn before_base_form_cue = "before_base_form_cue.txt";
}

/// A cue: token range `[start, end)` and what may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub flags: VerbFlags,
    /// "according to X": the source follows the cue.
    pub according: bool,
}

/// The cue starting at token `i`, if any.
pub fn cue_at(text: &Text, i: usize) -> Option<Cue> {
    if !text.is_word(i) {
        return None;
    }
    let w = text.tok(i);
    let mut buf = [0u8; 32];
    let lw = lexicon::ascii_lower(w, &mut buf)?;
    // A capitalised verb only at a sentence start ("Said" is also a name).
    if w.as_bytes()[0].is_ascii_uppercase() && !text.starts_sentence(i) {
        return None;
    }
    if lw == "according" && text.is(i + 1, "to") {
        return Some(Cue { start: i, end: i + 2, flags: VerbFlags::default(), according: true });
    }
    if lw == "in" && text.is(i + 1, "the") && text.is(i + 2, "words") && text.is(i + 3, "of") {
        return Some(Cue { start: i, end: i + 4, flags: VerbFlags::default(), according: true });
    }
    let forms = lexicon::verb_forms(lw)?;
    // Where the tagger ran, a word it reads as a plural noun or an adjective
    // is no cue: "US reports show", "the research notes", "a noted critic".
    // (Singular-noun readings are left to the base-form rule below: the
    // tagger calls "caution" in "Doctors caution that" a noun.)
    // What introduces speech outranks the tag: "The minister warns that".
    let speech_next = i + 1 < text.len() && (matches!(text.tok(i + 1), "that" | "," | ":" | "—") || text.kind(i + 1) == Kind::Quote);
    if !speech_next && text.pos(i).is_some_and(|p| matches!(p, Pos::NNS | Pos::JJ)) {
        return None;
    }
    // Nor an -s form the tagger reads as a verb when the next word is a
    // finite verb of its own: then it is the plural subject of that verb
    // ("US reports show that", where the tagger says VBZ for "reports").
    if !speech_next && lw.ends_with('s') && text.pos(i).is_some() && text.pos(i + 1).is_some_and(|p| matches!(p, Pos::VBP | Pos::VBD)) {
        return None;
    }
    // After a determiner, possessive or preposition the word is a noun:
    // "the report", "his remarks", "the drives in question", "was told".
    // (Not a floating quantifier before a past tense: "Louzán and Tebas both said".)
    let floating = i > 0
        && (text.is(i - 1, "both") || text.is(i - 1, "all") || text.is(i - 1, "each"))
        && (lw.ends_with("ed") || matches!(lw, "said" | "told" | "wrote" | "spoke"));
    if i > 0 && t_is_determiner(text, i - 1) && !floating {
        return None;
    }
    // A passive ("I was told", "it is reported") has no speaker as subject.
    if !lw.ends_with("ing") && passive_before(text, i) {
        return None;
    }
    'forms: for f in forms {
        let mut k = i + 1;
        for w2 in &f.words[1..] {
            if !(k < text.len() && text.is(k, w2)) {
                continue 'forms;
            }
            k += 1;
        }
        // "-ing" forms only as cues after a comma ("…, adding that …") or at a
        // sentence start; otherwise they are mostly nouns or progressives.
        let introduces = k < text.len() && matches!(text.tok(k), ":") || text.kind(k.min(text.len() - 1)) == Kind::Quote;
        let quoted_as = i > 0 && text.is(i - 1, "as");
        if lw.ends_with("ing") && !(i > 0 && matches!(text.tok(i - 1), "," | "—") || text.starts_sentence(i) || introduces || quoted_as) {
            let progressive = i > 0 && matches!(text.tok(i - 1), "is" | "was" | "were" | "are" | "been" | "be");
            if !progressive {
                continue;
            }
        }
        // A bare base form ("question", "report", "say") is a verb only after
        // a subject or an auxiliary: "officials say", "we hope", "did say".
        if lw == f.lemma && !base_form_subject(text, i) {
            continue;
        }
        return Some(Cue { start: i, end: k, flags: f.flags, according: false });
    }
    None
}

/// What may stand right before a base-form verb used as a cue.
fn base_form_subject(text: &Text, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let p = i - 1;
    let mut buf = [0u8; 32];
    match text.kind(p) {
        Kind::Word => {}
        Kind::Quote | Kind::Punct => return matches!(text.tok(p), "”" | "\"" | "’" | "'" | ","),
        _ => return false,
    }
    if text.is_cap(p) {
        return true; // a name: "Officials at Acme say"
    }
    let Some(w) = lexicon::ascii_lower(text.tok(p), &mut buf) else { return false };
    lexicon::subject_pronoun(w).is_some()
        || before_base_form_cue().contains(w)
        || w.ends_with("ly")
        || (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous") && !w.ends_with("us") && w.len() > 3)
}

/// A form of "be" before token `i`, skipping adverbs ("was basically told").
fn passive_before(text: &Text, i: usize) -> bool {
    let mut k = i;
    let mut buf = [0u8; 32];
    while k > 0 && i - k < 4 {
        k -= 1;
        let Some(w) = (if text.is_word(k) { lexicon::ascii_lower(text.tok(k), &mut buf) } else { None }) else {
            return false;
        };
        if matches!(w, "was" | "were" | "is" | "are" | "am" | "be" | "been" | "being" | "get" | "got" | "gets") {
            return true;
        }
        if !(w.ends_with("ly") || matches!(w, "not" | "also" | "never" | "then" | "later" | "reportedly")) {
            return false;
        }
    }
    false
}

fn t_is_determiner(text: &Text, k: usize) -> bool {
    let mut buf = [0u8; 32];
    text.is_word(k) && lexicon::ascii_lower(text.tok(k), &mut buf).is_some_and(lexicon::is_determiner)
}

/// The cue ending right before token `j` ("said “…”"), if any.
pub fn cue_ending_at(text: &Text, j: usize) -> Option<Cue> {
    for back in 1..=3 {
        if j < back {
            break;
        }
        if let Some(c) = cue_at(text, j - back) {
            if c.end == j {
                return Some(c);
            }
        }
    }
    None
}

/// Is token `i` a finite verb or auxiliary, as far as the surface tells?
/// Used to check that what follows a cue is a clause, not a noun phrase.
pub fn looks_finite(text: &Text, i: usize) -> bool {
    if !text.is_word(i) || text.is_cap(i) {
        return false;
    }
    // A finite verb where the tagger, if it ran, says so ("the councils
    // vote"); its other calls only add to what the surface says, since they
    // err on exactly these words ("The talks collapsed/VBN", "the lapses
    // raise/RB questions", "the staff felt/NN ignored").
    if text.pos(i).is_some_and(|p| matches!(p, Pos::VBD | Pos::VBZ | Pos::VBP | Pos::MD)) {
        return true;
    }
    let w = text.tok(i);
    let mut buf = [0u8; 32];
    let Some(lw) = lexicon::ascii_lower(w, &mut buf) else { return false };
    if lexicon::is_finite_marker(lw) {
        return true;
    }
    let prev_det = i > 0 && text.tokens[i - 1].kind == Kind::Word && {
        let mut b2 = [0u8; 32];
        lexicon::ascii_lower(text.tok(i - 1), &mut b2).is_some_and(lexicon::is_determiner)
    };
    // After a number a word is what is counted: "300 jobs", "4.5 million tonnes".
    let counted = i > 0
        && (text.tokens[i - 1].kind == Kind::Number
            || (i > 1 && text.tokens[i - 2].kind == Kind::Number && matches!(text.tok(i - 1), "million" | "billion" | "trillion" | "thousand" | "hundred")));
    if prev_det || counted {
        return false;
    }
    // Irregular past tenses the tagger may miss ("The typhoon tore through …").
    if irregular_past_tenses().contains(lw) {
        return true;
    }
    if lw.len() < 4 {
        return false;
    }
    (lw.ends_with("ed") && !lw.ends_with("eed"))
        || (lw.ends_with('s') && !lw.ends_with("ss") && !lw.ends_with("us") && !lw.ends_with("is") && !lw.ends_with("ics"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, at: usize, expected: Option<&str>) {
        let t = Text::new(input);
        let got = cue_at(&t, at).map(|c| t.span(c.start, c.end).to_string());
        assert_eq!(got.as_deref(), expected, "{input} @ {at}");
    }

    #[test]
    fn cues() {
        check("Sharif said Islamabad", 1, Some("said"));
        check("Ahmed pointed out that", 1, Some("pointed out"));
        check("Ahmed pointed at the map", 1, None);
        check("According to Khalid, India", 0, Some("According to"));
        check("He has told reporters", 2, Some("told"));
        check("the Said family", 1, None);
        check("Said the minister: no.", 0, Some("Said"));
        check("a warning sign", 1, None);
        check("Louzan and Tebas both said that", 4, Some("said"));
        check("both claims were false", 1, None);
        check("it refused, adding that", 3, Some("adding"));
        check("She continued, “No.”", 1, Some("continued"));
        check("the hard drives in question were returned", 4, None);
        check("the report said", 1, None);
        check("the obvious question is why", 2, None);
        check("officials say", 1, Some("say"));
        check("we hope", 1, Some("hope"));
        check("He was told to leave", 2, None);
        check("I was basically hauled in and told", 6, Some("told"));
        check("I was basically told", 3, None);
        check("she was saying", 2, Some("saying"));
        check("with Boswell stating: “No.”", 2, Some("stating"));
        check("in the words of the prosecutor, Mark Tedeschi, QC, “No.”", 0, Some("in the words of"));
    }

    /// With the tagger's parts of speech: (input, token, cue without tags, cue with tags).
    #[test]
    fn tagged_nouns_are_no_cues() {
        let cases: [(&str, usize, Option<&str>, Option<&str>); 5] = [
            ("US reports show that growth slowed.", 1, Some("reports"), None),
            ("The mayor says officials knew.", 2, Some("says"), Some("says")),
            ("Police reports describe a chaotic scene.", 1, Some("reports"), None),
            ("Doctors caution that the drug is no cure.", 1, Some("caution"), Some("caution")),
            ("The minister warns that talks failed.", 2, Some("warns"), Some("warns")),
        ];
        for (input, at, plain, tagged) in cases {
            let mut t = Text::new(input);
            assert_eq!(cue_at(&t, at).map(|c| t.span(c.start, c.end)), plain, "{input} @ {at}, untagged");
            t.pos = crate::ml::tag_text(&t, None).0;
            assert_eq!(cue_at(&t, at).map(|c| t.span(c.start, c.end)), tagged, "{input} @ {at}, tagged");
        }
    }

    #[test]
    fn finite_verbs() {
        let t = Text::new("the two leaders would focus on the combined lapses");
        assert!(looks_finite(&t, 3)); // would
        assert!(!looks_finite(&t, 7)); // combined, after a determiner
        let t = Text::new("US pressure pushed Pakistan");
        assert!(looks_finite(&t, 2));
        // What a number counts is no verb: "added 300 jobs", "4.5 million tonnes".
        let t = Text::new("it added 300 jobs and 4.5 million tonnes");
        assert!(!looks_finite(&t, 3)); // jobs
        assert!(!looks_finite(&t, 7)); // tonnes
        // Contractions set with a typographic apostrophe are auxiliaries too.
        for w in ["doesn’t", "won’t", "isn't", "can’t"] {
            let s = format!("the plan {w} work");
            let t = Text::new(&s);
            assert!(looks_finite(&t, 2), "{w}");
        }
    }
}
