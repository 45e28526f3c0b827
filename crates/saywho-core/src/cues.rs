//! Cues: the reporting expressions that introduce or follow quotations
//! ("said", "pointed out", "according to"), found from the verb lexicon.

use crate::lexicon::{self, VerbFlags};
use crate::text::{Kind, Text};

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
    let forms = lexicon::verb_forms(lw)?;
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
        if lw.ends_with("ing") && !(i > 0 && matches!(text.tok(i - 1), "," | "—") || text.starts_sentence(i)) {
            let progressive = i > 0 && matches!(text.tok(i - 1), "is" | "was" | "were" | "are" | "been" | "be");
            if !progressive {
                continue;
            }
        }
        return Some(Cue { start: i, end: k, flags: f.flags, according: false });
    }
    None
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
    if prev_det || lw.len() < 4 {
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
        check("it refused, adding that", 3, Some("adding"));
        check("She continued, “No.”", 1, Some("continued"));
    }

    #[test]
    fn finite_verbs() {
        let t = Text::new("the two leaders would focus on the combined lapses");
        assert!(looks_finite(&t, 3)); // would
        assert!(!looks_finite(&t, 7)); // combined, after a determiner
        let t = Text::new("US pressure pushed Pakistan");
        assert!(looks_finite(&t, 2));
    }
}
