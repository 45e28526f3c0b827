//! Quotation marks: pairing them into quotations and telling direct quotes
//! from partial ones. Reported speech without marks is `reported.rs`.
//!
//! Marks are paired per family (double: “ ” " „ « »; single: ‘ ’ ' ‚ ‹ ›),
//! deciding each mark's role from what flanks it, then from its shape, then
//! from the pairing state, so straight, curly, mismatched ("…decision.“") and
//! unbalanced marks all recover. A quotation whose paragraph ends unclosed
//! continues when the next paragraph opens with a mark (the newspaper
//! convention for long quotes) and otherwise ends with its paragraph.

use crate::text::{Kind, Text};
use serde::{Deserialize, Serialize};

crate::text::lexicon::word_list! {
    /// Words after which a quotation in marks is a name or title, not speech: "a film titled
    /// “…”", "the campaign “…”". Lower case. (`data/lexicon/naming_words.txt`)
    pub(crate) fn naming_words = "naming_words.txt";
}

/// Direct speech, indirect (reported) speech, or a partial quotation (a
/// fragment in marks inside the writer's sentence). Serialised in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Partial,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Partial => "partial",
        }
    }
}

/// A quotation in marks: token range `[start, end)` including the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// The closing mark was found (false: recovered at a paragraph end).
    pub closed: bool,
    /// For a quote broken by its cue ("“As a result,” he observed, “…”"):
    /// the token range of the interrupting cue clause.
    pub interruption: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn family(c: char) -> Family {
    match c {
        '‘' | '’' | '\'' | '‚' | '‹' | '›' | '‛' | '`' => Family::Single,
        _ => Family::Double,
    }
}

/// A mark's family; two apostrophes or backticks ('' ``) are a double mark,
/// as some newsrooms and typesetting conventions write one.
fn mark_family(tok: &str) -> Family {
    if tok == "''" || tok == "``" {
        Family::Double
    } else {
        family(first_char(tok))
    }
}

fn shape_role(c: char) -> Role {
    match c {
        '“' | '„' | '«' | '‘' | '‚' | '‹' | '‟' | '‛' => Role::Open,
        '”' | '»' | '’' | '›' => Role::Close,
        _ => Role::Either,
    }
}

/// The role a mark plays given its neighbours.
fn role(text: &Text, i: usize) -> Role {
    let t = &text.tokens[i];
    let first_in_para = i == 0 || text.tokens[i - 1].para != t.para;
    let last_in_para = i + 1 >= text.len() || text.tokens[i + 1].para != t.para;
    let space_before = t.space_before || first_in_para || {
        let p = text.tok(i - 1);
        matches!(p, "(" | "[" | "{" | "—" | "–") || text.kind(i - 1) == Kind::Quote && text.tokens[i - 1].space_before
    };
    let space_after = last_in_para || text.tokens[i + 1].space_before || {
        let n = text.tok(i + 1);
        matches!(n, "," | "." | ";" | ":" | ")" | "]" | "}" | "?" | "!" | "—" | "–" | "…" | "...")
            || (text.kind(i + 1) == Kind::Quote && (i + 2 >= text.len() || text.tokens[i + 2].space_before))
    };
    let c = text.tok(i).chars().next().unwrap_or('"');
    match (space_before, space_after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ if text.tok(i) == "``" => Role::Open,
        _ if text.tok(i) == "''" => Role::Either,
        _ => shape_role(c),
    }
}

/// Finds every quotation in marks. Nested quotations (a ‘scare quote’ inside
/// a “quote”) are part of the outer one and are not returned.
pub fn find_marked(text: &Text) -> Vec<Marked> {
    let mut spans = pair_family(text, Family::Double);
    let singles = pair_family(text, Family::Single);
    // A single-mark pair counts unless it lies inside a double-mark quote or
    // crosses one (then the single marks were apostrophes). One that holds a
    // double-mark quote is the outer quote (British style).
    // Double-mark quotes are disjoint and sorted, so only the first and the
    // last one overlapping a single-mark pair can contain or cross it.
    let doubles = spans.clone();
    for s in singles {
        let first = doubles.partition_point(|d| d.1 <= s.0);
        let last = doubles.partition_point(|d| d.0 < s.1);
        let bad = |d: &(usize, usize, bool)| s.0 < d.1 && d.0 < s.1 && !(s.0 <= d.0 && d.1 <= s.1);
        let inside_or_crossing = first < last && (bad(&doubles[first]) || bad(&doubles[last - 1]));
        if !inside_or_crossing {
            spans.push(s);
        }
    }
    // A double-mark quote inside a single-mark one (British style) is nested.
    spans.sort();
    let mut top: Vec<(usize, usize, bool)> = Vec::with_capacity(spans.len());
    for s in spans {
        if let Some(last) = top.last() {
            if s.0 < last.1 {
                continue;
            }
        }
        top.push(s);
    }
    let mut out: Vec<Marked> = top
        .into_iter()
        .map(|(start, end, closed)| Marked { start, end, kind: QuoteKind::Direct, closed, interruption: None })
        .collect();
    merge_broken(text, &mut out);
    for q in &mut out {
        q.kind = classify(text, q);
    }
    out
}

/// Pairs the marks of one family: returns (start, end, closed) token ranges.
fn pair_family(text: &Text, fam: Family) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    // The open quote: its opening token and the last paragraph it covers.
    let mut open: Option<usize> = None;
    let n = text.len();
    for i in 0..n {
        let t = text.tokens[i];
        // Leaving a paragraph with a quote still open.
        if let Some(o) = open {
            if i > 0 && text.tokens[i - 1].para != t.para {
                let continues = t.kind == Kind::Quote
                    && mark_family(text.tok(i)) == fam
                    && role(text, i) != Role::Close;
                if continues && fam == Family::Double {
                    // Multi-paragraph quote: this mark reopens it; skip the mark.
                    continue;
                }
                // Unclosed at the paragraph end: the quote ends there (single
                // marks that never close were apostrophes, not quotes).
                if fam == Family::Double && opens_on_word(text, o) {
                    out.push((o, i, false));
                }
                open = None;
            }
        }
        if t.kind != Kind::Quote || mark_family(text.tok(i)) != fam {
            continue;
        }
        let r = match role(text, i) {
            Role::Either => {
                if open.is_some() {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            r => r,
        };
        match (r, open) {
            (Role::Open, None) => open = Some(i),
            (Role::Open, Some(o)) => {
                // Two openings in a row: the first was never closed. Keep it
                // if it ran to a sentence end before this one, else drop it.
                if fam == Family::Double && text.sent_of[o] != text.sent_of[i] && i > o + 1 && opens_on_word(text, o) {
                    let end = text.sentences[text.sent_of[i - 1]].end.min(i);
                    out.push((o, end, false));
                }
                open = Some(i);
            }
            (Role::Close, Some(o)) => {
                if i > o + 1 {
                    out.push((o, i + 1, true));
                }
                open = None;
            }
            (Role::Close, None) => {} // a stray closing mark or an apostrophe
            (Role::Either, _) => unreachable!("resolved above"),
        }
    }
    if let (Some(o), Family::Double) = (open, fam) {
        if o + 1 < n && opens_on_word(text, o) {
            out.push((o, n, false));
        }
    }
    out
}

/// An unclosed opening mark only starts a quotation when text follows it directly.
fn opens_on_word(text: &Text, o: usize) -> bool {
    o + 1 < text.len()
        && !text.tokens[o + 1].space_before
        && text.tokens[o + 1].para == text.tokens[o].para
        && matches!(text.kind(o + 1), Kind::Word | Kind::Number)
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// Joins “A,” he said, “B.” into one quotation.
fn merge_broken(text: &Text, qs: &mut Vec<Marked>) {
    let mut out: Vec<Marked> = Vec::with_capacity(qs.len());
    for b in qs.drain(..) {
        if let Some(a) = out.last_mut() {
            let gap = (a.end, b.start);
            let ok = a.closed
                && a.interruption.is_none()
                && text.tokens[a.start].para == text.tokens[b.start].para
                && gap.1 > gap.0 + 1
                && gap.1 - gap.0 <= 10
                // the first part ends with a comma inside the marks (“…,”)
                && a.end >= 2 && text.tok(a.end - 2) == ","
                // the cue clause ends with a comma or colon and holds a reporting verb
                && matches!(text.tok(gap.1 - 1), "," | ":")
                && (gap.0..gap.1).any(|k| crate::quotes::cues::cue_at(text, k).is_some());
            if ok {
                a.end = b.end;
                a.closed = b.closed;
                a.interruption = Some(gap);
                continue;
            }
        }
        out.push(b);
    }
    *qs = out;
}

/// Direct speech, or a fragment quoted inside the narrator's sentence?
fn classify(text: &Text, q: &Marked) -> QuoteKind {
    let inner = q.start + 1;
    if inner >= q.end {
        return QuoteKind::Partial;
    }
    let first = text.tok(inner);
    let starts_upper = first.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric())
        || matches!(first, "…" | "..." | "[" | "(");
    // What stands before the opening mark in its sentence.
    let sent = text.sentences[text.sent_of[q.start]];
    let at_start = text.starts_sentence(q.start)
        || q.start == sent.start
        || (q.start > 0 && text.tokens[q.start - 1].para != text.tokens[q.start].para);
    let after_intro = q.start > sent.start && {
        let p = text.tok(q.start - 1);
        matches!(p, "," | ":" | "—" | "–" | "-" | ";")
            || crate::quotes::cues::cue_ending_at(text, q.start).is_some_and(|c| !c.flags.names_fragment)
    };
    let words = (inner..q.end).filter(|&k| text.is_word(k)).count();
    if looks_like_title(text, q) {
        return QuoteKind::Partial;
    }
    if (at_start || after_intro) && (starts_upper || after_intro && words >= 4) {
        return QuoteKind::Direct;
    }
    // Several sentences of speech are direct wherever they stand.
    let inner_stops = (inner..q.end.saturating_sub(2)).filter(|&k| matches!(text.tok(k), "." | "?" | "!")).count();
    if starts_upper && inner_stops >= 1 && words >= 8 {
        return QuoteKind::Direct;
    }
    QuoteKind::Partial
}

/// A title or name in marks (a headline, a film, a slogan): short, no
/// sentence punctuation at its end, most words capitalised, or right after
/// "titled", "called", "named", "dubbed".
pub(crate) fn looks_like_title(text: &Text, q: &Marked) -> bool {
    let (a, b) = (q.start + 1, q.end.saturating_sub(if q.closed { 1 } else { 0 }));
    if a >= b {
        return false;
    }
    let mut buf = [0u8; 32];
    let named = q.start > 0
        && text.is_word(q.start - 1)
        && crate::text::lexicon::ascii_lower(text.tok(q.start - 1), &mut buf).is_some_and(|w| {
            naming_words().contains(w)
        });
    let words: Vec<usize> = (a..b).filter(|&k| text.is_word(k)).collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let ends_sentence = matches!(text.tok(b - 1), "." | "!" | "?" | "," | "…");
    // After a word for a work ("the album, “Saudade do Mar,” sold", "the drama
    // “Silver Harbor,” in which"), capitalised words are its title, comma or not.
    let p = if q.start > 1 && text.tok(q.start - 1) == "," { q.start - 2 } else { q.start.saturating_sub(1) };
    let work = q.start > 0
        && text.is_word(p)
        && crate::text::lexicon::ascii_lower(text.tok(p), &mut buf).is_some_and(crate::text::lexicon::is_work_noun);
    // A headline quote introducing its topic ("‘Not Strategic’: US, …") is speech.
    if q.end < text.len() && text.tok(q.end) == ":" {
        return false;
    }
    if named && !ends_sentence {
        return true;
    }
    let long: Vec<usize> = words.iter().copied().filter(|&k| text.tok(k).chars().count() >= 4).collect();
    let caps = long.iter().filter(|&&k| text.is_cap(k)).count();
    (!ends_sentence || work && !matches!(text.tok(b - 1), "!" | "?")) && words.len() >= 2 && !long.is_empty() && caps * 3 >= long.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the finder on `input` and renders each quote as "kind:text".
    fn check(input: &str, expected: &[&str]) {
        let t = Text::new(input);
        let got: Vec<String> = find_marked(&t)
            .iter()
            .map(|q| format!("{}:{}", q.kind.as_str(), t.span(q.start, q.end)))
            .collect();
        let want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, want, "input: {input}");
    }

    #[test]
    fn curly_and_straight_marks() {
        check("He said, “It failed.”", &["direct:“It failed.”"]);
        check("He said, \"It failed.\"", &["direct:\"It failed.\""]);
        check("“It failed,” he said.", &["direct:“It failed,”"]);
        check("She said: «Nous partons.»", &["direct:«Nous partons.»"]);
        check("Er sagte: „Wir gehen.“ Dann ging er.", &["direct:„Wir gehen.“"]);
        // Two apostrophes (or backticks) for a double mark, as some papers set them.
        check("He said, ''What outlet isn't taking sides?''", &["direct:''What outlet isn't taking sides?''"]);
        check("``It failed,'' he said.", &["direct:``It failed,''"]);
        check("It was a ''mistake,'' she said, and ''the worst 'deal' ever.''", &["partial:''mistake,''", "partial:''the worst 'deal' ever.''"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        check("Pakistan’s role and the friend's car won't change.", &[]);
        check("The countries’ leaders met in the ’90s.", &[]);
        check("It’s Ranjha’s view.", &[]);
    }

    #[test]
    fn nested_quotes_stay_in_the_outer_one() {
        check(
            "“The regional ‘policeman’ has failed,” he said.",
            &["direct:“The regional ‘policeman’ has failed,”"],
        );
        check("‘He called it “a disgrace”,’ she said.", &["direct:‘He called it “a disgrace”,’"]);
    }

    #[test]
    fn single_marks_as_primary_quotes() {
        check("‘We will win,’ the minister said.", &["direct:‘We will win,’"]);
        check("‘It’s Pragmatic, Not Strategic’: US, Pakistan Reset Ties", &["direct:‘It’s Pragmatic, Not Strategic’"]);
    }

    #[test]
    fn partial_quotes() {
        check("It called the ruling “a disgrace” on Monday.", &["partial:“a disgrace”"]);
        check("what it called “bold and effective diplomacy.”", &["partial:“bold and effective diplomacy.”"]);
        check("to play a “constructive role” in promoting peace", &["partial:“constructive role”"]);
        check("adding the words \"and Emergency\" to the name.", &["partial:\"and Emergency\""]);
    }

    #[test]
    fn titles_in_marks_are_not_speech() {
        check("The video, “Scientology vs. the Internet, Part XVII”, spread.", &["partial:“Scientology vs. the Internet, Part XVII”"]);
        check("a campaign titled “Stand for Something” began", &["partial:“Stand for Something”"]);
        check("Her 1967 album, “Saudade do Mar,” sold well.", &["partial:“Saudade do Mar,”"]);
        check("He said, “We Will Win.”", &["direct:“We Will Win.”"]);
    }

    #[test]
    fn broken_by_cue_is_one_quote() {
        check(
            "“As a result,” he observed, “India’s aspiration has suffered.”",
            &["direct:“As a result,” he observed, “India’s aspiration has suffered.”"],
        );
        // A cue ending in a period separates two quotes.
        check(
            "“We lost,” Ahmed said. “It is temporary.”",
            &["direct:“We lost,”", "direct:“It is temporary.”"],
        );
    }

    #[test]
    fn multi_paragraph_quotes() {
        check(
            "He said: “First part.\n\n“Second part.\n\n“Last part.”\n\nNarration.",
            &["direct:“First part.\n\n“Second part.\n\n“Last part.”"],
        );
        // Unclosed, and the next paragraph does not continue it: ends with its paragraph.
        check(
            "He said, \"It was great.\n\nA caption here.\n\n\"Then more,\" he added.",
            &["direct:\"It was great.", "direct:\"Then more,\""],
        );
    }

    #[test]
    fn mismatched_and_unbalanced_marks() {
        check("Cornyn added, \"There is no question.“ However, more.", &["direct:\"There is no question.“"]);
        check("A stray ” mark and “ another", &[]);
        check("\"\"=", &[]);
        check("“", &[]);
        check("”", &[]);
        check("'", &[]);
    }
}
