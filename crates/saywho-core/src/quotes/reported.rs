//! Reported speech: the content clause of "X said (that) …", "X told Y …",
//! "X urged Y to …", "X questioned how …", "According to X, …", "…, X said."
//! and "…, she said, …". A cue counts only when what follows it is a clause
//! (checked from the verb's frame in the lexicon and the surface of the words).

use super::cues::{self, Cue};
use crate::entities::Label;
use crate::text::lexicon;
use crate::ml::Pos;
use super::context::{Ctx, Source};
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Words right after a cue that show no clause follows: "said goodbye", "added to", "noted
    /// for". Lower case. (`data/lexicon/not_a_clause_after_cue.txt`)
    pub(crate) fn not_a_clause_after_cue = "not_a_clause_after_cue.txt";
}

crate::text::lexicon::word_list! {
    /// Words opening a phrase between a cue and its that-clause: "said in a statement that …",
    /// "told reporters on Tuesday that …". Lower case. (`data/lexicon/cue_adjunct_openers.txt`)
    pub(crate) fn cue_adjunct_openers = "cue_adjunct_openers.txt";
}

crate::text::lexicon::word_list! {
    /// Addressees after a cue that takes one, before the clause: "told reporters …", "assured
    /// investors …". Lower case. (`data/lexicon/addressees.txt`)
    pub(crate) fn addressees = "addressees.txt";
}

/// A reported-speech quotation: token range of its content, the cue, the source.
#[derive(Debug, Clone)]
pub(crate) struct Reported {
    pub start: usize,
    pub end: usize,
    pub cue: (usize, usize),
    pub source: Option<Source>,
}

/// Finds reported speech in every sentence, skipping cues already used by
/// quotations in marks and cues inside quotations.
pub(crate) fn find(cx: &Ctx, used: &[usize]) -> Vec<Reported> {
    let t = cx.text;
    let mut out = Vec::new();
    let mut is_used = vec![false; t.len()];
    for &u in used {
        is_used[u] = true;
    }
    let mut parsed: Parsed = None;
    for sent in &t.sentences {
        // A question asks; it reports nothing ("Can you tell us whether …?").
        // (A question quoted in marks is the speaker's: "X said … and asked,
        // “Who are you going to trust?”" still reports.)
        if sent.end > sent.start && (sent.start..sent.end).rev().take(3).any(|k| t.tok(k) == "?" && !cx.in_marks[k]) {
            continue;
        }
        let mut i = sent.start;
        while i < sent.end {
            if cx.in_marks[i] || is_used[i] {
                i += 1;
                continue;
            }
            let Some(cue) = cues::cue_at(t, i) else {
                i += 1;
                continue;
            };
            // "to say", "declined to comment": an infinitive reports nothing yet.
            if cue.end > sent.end || (cue.start > sent.start && t.is(cue.start - 1, "to")) {
                i += 1;
                continue;
            }
            // The cue's subject, found once: the content rules read it too.
            let source = cx.subject_of(&cue);
            match content_of(cx, &cue, source, sent.start, sent.end).map(|(a, b)| (skip_punct(cx, a, b), b)) {
                // (Not content that is one quotation in marks, "added that “more
                // charges are possible.”": that quotation is the quote.)
                Some((a, b)) if b > a && cx.text.span(a, b).chars().any(|c| c.is_alphabetic()) && !(a..b).all(|k| cx.in_marks[k]) && !holds_direct_speech(cx, a, b) => {
                    out.push(Reported { start: a, end: b, cue: (cue.start, cue.end), source });
                    // Cues inside this content belong to it ("…, and that X noted…").
                    i = if b > cue.end { b } else { cue.end };
                }
                _ => {
                    // What the surface rules could not read, the parse may.
                    if let Some((a, b, src)) = from_parse(cx, &cue, sent.start, sent.end, source, &mut parsed) {
                        out.push(Reported { start: a, end: b, cue: (cue.start, cue.end), source: src });
                        i = if b > cue.end { b } else { cue.end };
                    } else {
                        i = cue.end;
                    }
                }
            }
        }
    }
    out
}

/// The parse of the sentence being read, made at most once.
type Parsed = Option<(usize, Vec<crate::ml::parse::Arc>)>;

/// Reported speech read off the dependency parse, for a cue whose clause the
/// surface rules could not find ("She said his frequent invocation of his
/// rural state … doesn't fly"): the cue's clausal complement as the content,
/// its subject as the source. Only where the models tagged the text (the
/// parser reads the tags) and a parser is installed; the content must be a
/// clause of three words or more with a finite verb, mostly outside quotations
/// (the quotation is the quote: "added that “more charges are possible.”").
fn from_parse(cx: &Ctx, cue: &Cue, s0: usize, s1: usize, subject: Option<Source>, parsed: &mut Parsed) -> Option<(usize, usize, Option<Source>)> {
    let t = cx.text;
    if t.pos.is_empty() || !cue.flags.indirect() || cue.according || cue.start < s0 || cue.end > s1 || s1 - s0 > 150 {
        return None;
    }
    if subject.is_some_and(|s| s.negated) {
        return None;
    }
    let parser = crate::ml::parser()?;
    if parsed.as_ref().is_none_or(|(at, _)| *at != s0) {
        let words: Vec<&str> = (s0..s1).map(|k| t.tok(k)).collect();
        let tags: Vec<Pos> = (s0..s1).map(|k| t.pos(k).unwrap_or(Pos::NN)).collect();
        *parsed = Some((s0, parser.parse(&words, &tags)));
    }
    let (_, arcs) = parsed.as_ref()?;
    let words: Vec<&str> = (s0..s1).map(|k| t.tok(k)).collect();
    let r = crate::ml::parse_roles::roles(&words, arcs, cue.start - s0);
    let head = r.content_head?;
    let (a, b) = r.content.map(|(a, b)| (a + s0, b + s0))?;
    // An infinitive reports something only with its addressee before it
    // ("urged Washington not to …"), not alone ("agreeing to strengthen ties").
    let infinitive = arcs[head].label == crate::ml::parse::Dep::Xcomp;
    if infinitive && !(cue.flags.infinitive && !t.is(a, "to") && (a + 1..b).any(|x| t.is(x, "to"))) {
        return None;
    }
    let b = trim_end(cx, a, b);
    let words_in = (a..b).filter(|&x| matches!(t.kind(x), Kind::Word | Kind::Number)).count();
    let clause = (a..b).any(|x| !(cue.start..cue.end).contains(&x) && (cues::looks_finite(t, x) || pronoun_subject(cx, x)));
    if b <= a || words_in < 3 || !(clause || infinitive) || (a..b).any(|x| cx.in_marks[x] && t.kind(x) == Kind::Quote) || (a..b).filter(|&x| cx.in_marks[x]).count() * 2 > b - a {
        return None;
    }
    // The parse finds clauses better than it finds who spoke: a source that
    // is neither a name nor a pronoun ("the channel", "clear text") is more
    // often its mistake than an unnamed speaker.
    if subject.is_some() {
        return Some((a, b, subject));
    }
    let src = r.source.and_then(|(sa, sb)| cx.source_in(sa + s0, sb + s0))?;
    (src.entity.is_some() || src.pronoun.is_some()).then_some((a, b, Some(src)))
}

/// Does `[a, b)` hold a quotation introduced as direct speech (after a comma
/// or a colon: "As for its bent, he said, ''What outlet isn't taking
/// sides?''")? Then the words around it are its frame, not reported speech.
fn holds_direct_speech(cx: &Ctx, a: usize, b: usize) -> bool {
    let t = cx.text;
    (a + 1..b).any(|k| cx.in_marks[k] && !cx.in_marks[k - 1] && t.kind(k) == Kind::Quote && t.is_any(k - 1, &[",", ":"]))
}

/// A participle or a subordinating word at `k` opens an adjunct clause, not
/// more of what was said ("…, giving the country …", "…, as the two …").
fn opens_adjunct(t: &crate::text::Text, k: usize) -> bool {
    t.is_word(k)
        && !t.is_cap(k)
        && (t.tok(k).ends_with("ing") || t.is_any(k, &["as", "while", "after", "before", "when", "because", "since", "although", "though", "amid", "despite"]))
}

/// Skips punctuation at the start of a content range ("said that, as …").
fn skip_punct(cx: &Ctx, mut a: usize, b: usize) -> usize {
    while a < b && matches!(cx.text.kind(a), Kind::Punct | Kind::Dash) {
        a += 1;
    }
    a
}

/// Trims trailing punctuation (and closing marks) off a content range.
fn trim_end(cx: &Ctx, a: usize, mut b: usize) -> usize {
    while b > a && matches!(cx.text.kind(b - 1), Kind::Punct | Kind::Dash) && !cx.in_marks[b - 1] && !matches!(cx.text.tok(b - 1), "%" | "‰") {
        b -= 1;
    }
    b
}

/// The content range for `cue` in the sentence `[s0, s1)`, if it reports speech.
fn content_of(cx: &Ctx, cue: &Cue, subject: Option<Source>, s0: usize, s1: usize) -> Option<(usize, usize)> {
    let t = cx.text;
    // The content runs to the sentence end, or to a quotation in marks that
    // the same cue introduces, or to ", according to".
    // Reported speech longer than this is a run-on text, not one clause.
    let s1 = s1.min(cue.end + 250);
    let past_cue = t.pos(cue.start) == Some(Pos::VBD);
    let end_from = |a: usize| {
        let mut b = a;
        while b < s1 {
            if cx.in_marks[b] && t.kind(b) == Kind::Quote && (b == 0 || !cx.in_marks[b - 1]) {
                // A partial quote inside the content is fine; direct speech is not.
                if b > 0 && matches!(t.tok(b - 1), ":" | ",") {
                    break;
                }
            }
            if t.is(b, "according") && t.is(b + 1, "to") && b > a && t.tok(b - 1) == "," {
                return trim_end(cx, a, b - 1);
            }
            // A comma before someone's report of its own ends the content:
            // "…, while Counterpoint's Tarun Pathak said that …" (a contrasting
            // clause with its own cue); "Kishida, who announced that he would not
            // run, said the party …" (the main clause's cue, or an inverted one,
            // "…, said Smith"); "urged allies to hurry, saying Russia had …" (a
            // participle that reports).
            if b > a + 1 && b + 1 < s1 && t.tok(b) == "," && !cx.in_marks[b] {
                let contrast = t.is_any(b + 1, &["while", "whereas"]) && (b + 3..s1).any(|k| !cx.in_marks[k] && cues::cue_at(t, k).is_some_and(|c| c.flags.indirect()));
                let next_cue = t.is_word(b + 1) && !t.is_cap(b + 1) && cues::cue_at(t, b + 1).is_some_and(|c| !t.tok(b + 1).ends_with("ing") || c.flags.indirect());
                if contrast || next_cue {
                    return trim_end(cx, a, b);
                }
            }
            // "…, and analysts said the cuts were overdue", "…, but Cook did not
            // say when": a clause with a subject and a cue of its own is a
            // second report, not more of the first.
            if b > a + 1 && !cx.in_marks[b] && (t.is_any(b, &["and", "but"]) || (t.tok(b) == "," && t.is_any(b + 1, &["and", "but"]))) {
                let c0 = if t.tok(b) == "," { b + 2 } else { b + 1 };
                let own_cue = (c0 + 1..s1.min(c0 + 7)).find(|&c| !cx.in_marks[c] && cues::cue_at(t, c).is_some_and(|q| q.flags.indirect() && !q.according));
                if let Some(c) = own_cue {
                    if (c0..c).all(|x| t.is_word(x) && !t.is_any(x, &["that", "to"])) {
                        return trim_end(cx, a, b);
                    }
                }
            }
            // "…, they would not back Mr. Sanders, who also held a rally …": a
            // relative clause on a name that ends the content is the writer's.
            if b > a + 3 && t.tok(b) == "," && !cx.in_marks[b] && t.is_any(b + 1, &["who", "which"]) {
                let named = cx.mention_at[b - 1].is_some_and(|m| cx.ents.mentions[m].end == b && cx.ents.mentions[m].label != Label::Date);
                if named {
                    return trim_end(cx, a, b);
                }
            }
            // "The mayor said the city would rebuild and thanked the volunteers",
            // "… said the grid had coped, but warned that …":
            // a second past-tense verb after "and" is the speaker's, when the
            // cue is past tense too and the content already has its verb.
            // ("…, and later told Sky Sports that …": an adverb may come first.)
            let v = if t.is_any(b + 1, &["later", "then", "also", "subsequently", "afterwards", "again"]) { b + 2 } else { b + 1 };
            if past_cue && (t.is(b, "and") || t.is(b, "but")) && !cx.in_marks[b] && t.pos(v) == Some(Pos::VBD) && (a..b).any(|k| t.pos(k).is_some_and(|p| p.is_verb())) {
                return trim_end(cx, a, b);
            }
            b += 1;
        }
        trim_end(cx, a, b)
    };

    if cue.according {
        // "According to X, content." — content after the source's comma.
        if cue.start == s0 || t.starts_sentence(cue.start) {
            // The content starts after the source's comma, or right after a
            // named source when no comma follows it.
            let mut n = cue.end;
            if t.is(n, "the") {
                n += 1;
            }
            let named_end = cx
                .mention_at
                .get(n)
                .copied()
                .flatten()
                .filter(|&m| matches!(cx.ents.mentions[m].label, Label::Person | Label::Org))
                .map(|m| cx.ents.mentions[m].end);
            // ("According to Yonhap news agency, …": a noun or two after the
            // name still belong to the source.)
            let noun_then_comma = |e: usize| {
                (e + 1..s1.min(e + 3)).find(|&k| t.tok(k) == ",").is_some_and(|c| {
                    (e..c).all(|k| t.is_word(k) && !t.is_cap(k) && !lexicon::is_finite_marker(t.tok(k)) && !t.is_any(k, &["the", "a", "an", "this", "that", "it", "he", "she", "they", "we", "there"]))
                })
            };
            let mut a = match named_end {
                Some(e) if e < s1 && t.tok(e) != "," && t.tok(e) != "(" && t.is_word(e) && !t.is_cap(e) && !noun_then_comma(e) => e,
                _ => (cue.end..s1).find(|&k| t.tok(k) == ",")? + 1,
            };
            // "According to the coach, Alireza Mehraban, …": skip the name in apposition.
            if let Some(m) = cx.mention_at.get(a).copied().flatten() {
                let e = cx.ents.mentions[m].end;
                if cx.ents.mentions[m].label == Label::Person && e < s1 && t.tok(e) == "," {
                    a = e + 1;
                }
            }
            let b = end_from(a);
            // "According to the Herald, Burrows said …": the inner cue reports.
            // (Only a cue that reports something: not "would have added 4.5 million tonnes".)
            let reports = |c: &cues::Cue| c.end < s1 && (t.is(c.end, "that") || t.kind(c.end) == Kind::Quote || t.tok(c.end) == "," || starts_clause(cx, c.end, s1));
            if (a..s1).any(|k| !cx.in_marks[k] && cues::cue_at(t, k).is_some_and(|c| c.flags.indirect() && reports(&c))) {
                return None;
            }
            return Some((a, b));
        }
        // "Content, according to X." — content before the comma.
        if cue.start > s0 && t.tok(cue.start - 1) == "," {
            let a = skip_opener(cx, s0, cue.start - 1);
            // "Since November, according to Human Rights Watch, security forces
            // have killed …": set off inside the clause, the cue breaks one
            // content, which runs on after the source.
            let src_end = (cue.end..s1).find(|&x| matches!(t.tok(x), "," | ";" | ":" | "." | "(") || cx.in_marks[x]);
            if let Some(c) = src_end.filter(|&c| t.tok(c) == "," && c + 1 < s1) {
                let rest = (c + 1..s1).filter(|&x| t.is_word(x)).count();
                if rest >= 3 && (c + 1..s1).any(|x| cues::looks_finite(t, x)) {
                    return Some((a, end_from(c + 1)));
                }
            }
            return Some((a, trim_end(cx, a, cue.start - 1)));
        }
        return None;
    }
    if !cue.flags.indirect() {
        return None;
    }
    // "has not said why": nothing was reported.
    if subject.is_some_and(|s| s.negated) {
        return None;
    }
    let mut k = cue.end;
    let mut buf = [0u8; 32];
    let lower = |i: usize, buf: &mut [u8; 32]| -> Option<String> {
        if i < s1 && t.is_word(i) {
            lexicon::ascii_lower(t.tok(i), buf).map(str::to_string)
        } else {
            None
        }
    };
    // Parenthetical cue: "Lasting peace, she said, will require …" (not "…,
    // SPA said, as the two countries signed …": that is inverted, below).
    if k < s1 && t.tok(k) == "," && !(k + 1 < s1 && opens_adjunct(t, k + 1)) {
        let subj = subject?;
        // ("The hashtag, Mr. Abboud said, …": a title before the name.)
        let before = skip_titles_back(t, s0, subj.span.0);
        if before > s0 && t.tok(before - 1) == "," && k + 1 < s1 {
            let first = (s0..before - 1).find(|&x| t.is_word(x)).unwrap_or(before - 1);
            // (Only an opener alone: not "Therefore any attempt to debunk it,
            // he said, becomes hopeless".)
            let alone = (s0..before - 1).filter(|&x| t.is_word(x)).count() <= 3;
            let opener = alone && lower(first, &mut buf).is_some_and(|w| lexicon::is_discourse_opener(&w));
            let a = if opener { k + 1 } else { skip_opener(cx, s0, before - 1) };
            return Some((a, end_from(k + 1)));
        }
        // "As The Washington Post reported, Sanders would still trail": a
        // fronted as-clause of the source's report; the main clause after it
        // is the content.
        let mut b0 = before;
        if b0 > s0 && t.tok(b0 - 1).eq_ignore_ascii_case("the") {
            b0 -= 1;
        }
        let opens = b0 > s0 && t.tok(b0 - 1).eq_ignore_ascii_case("as") && (s0..b0 - 1).all(|x| !t.is_word(x));
        if opens && k + 1 < s1 && (k + 1..s1).any(|x| !cx.in_marks[x] && cues::looks_finite(t, x)) {
            return Some((k + 1, end_from(k + 1)));
        }
        return None;
    }
    // Inverted: "The talks failed, the minister said." — content before.
    // ("…, the lender said on Friday, giving the country breathing room.":
    // a participle clause after the cue is no part of its tail.)
    // (Nor a clause opened by "as", "while", "after" …: "…, SPA said, as the
    // two countries signed agreements".)
    let tail_end = (k..s1).find(|&x| t.tok(x) == "," && x + 1 < s1 && opens_adjunct(t, x + 1)).unwrap_or(s1);
    // (A time and a quoted title in the tail are not counted: "…, he said
    // Wednesday morning on MSNBC's “Morning Joe.”")
    let is_date = |x: usize| cx.mention_at[x].is_some_and(|m| cx.ents.mentions[m].label == Label::Date);
    let tail_words = (k..tail_end).filter(|&x| t.is_word(x) && !cx.in_marks[x] && !is_date(x)).count();
    if let Some(subj) = subject {
        // ("…, Ms. Gedrich said.": the title before the name.)
        let before = skip_titles_back(t, s0, subj.span.0).min(cue.start);
        let after_cue_subject = subj.span.0 >= cue.end;
        // "…, said Sherman, a graduate whose aggressiveness has driven rivals
        // away.": what sets off the inverted source (an appositive, a relative
        // clause) describes it and is no tail of the cue.
        let tail_words = if after_cue_subject && subj.span.1 < tail_end && t.tok(subj.span.1) == "," {
            (k..subj.span.1).filter(|&x| t.is_word(x)).count()
        } else {
            tail_words
        };
        // "…, the Electoral Commission said.": the article before a named source.
        let before = if !after_cue_subject && before > s0 && t.is(before - 1, "the") { before - 1 } else { before };
        // "…, a spokesperson for the Centers for Medicare & Medicaid Services
        // said.", "…, the state news agency SPA said": the named source ends a
        // phrase "a <role> for/of/at" or "the <descriptor>" after the comma.
        let before = if !after_cue_subject && before > s0 + 2 && t.is_word(before - 1) && !t.is_cap(before - 1) {
            let mut nb = before - 1;
            while nb > s0 && before - nb < 5 && t.is_word(nb - 1) && !t.is_cap(nb - 1) && !cues::looks_finite(t, nb - 1) {
                nb -= 1;
            }
            // ("…, current and former officials said.": a bare plural too.)
            let bare_plural = subj.entity.is_none() && cue.start > 0 && t.tok(cue.start - 1).ends_with('s') && subj.span.1 == cue.start;
            if nb > s0 && t.tok(nb - 1) == "," && (t.is_any(nb, &["a", "an", "the", "one"]) || bare_plural) { nb } else { before }
        } else {
            before
        };
        let comma = if after_cue_subject { cue.start } else { before };
        // Not when the comma only sets off the name after a role: "After
        // meeting residents, the Prime Minister, Keir Starmer, promised …".
        let role_before = comma >= 2 && {
            let w = t.tok(comma - 2);
            let g = crate::entities::gazetteer::get();
            g.titles.get(w).is_some() || g.roles.contains_key(w.to_lowercase().as_str())
        };
        if comma > s0 + 1 && t.tok(comma - 1) == "," && tail_words <= 4 && (after_cue_subject || tail_words <= 3) && !role_before {
            let a = skip_opener(cx, s0, comma - 1);
            let b = trim_end(cx, a, comma - 1);
            // ("Turnout was 78%, the commission said": the number counts as a word.)
            let words = (a..b).filter(|&x| matches!(t.kind(x), Kind::Word | Kind::Number)).count();
            if words >= 3 && (a..b).any(|x| cues::looks_finite(t, x) || pronoun_subject(cx, x)) {
                return Some((a, b));
            }
        }
    } else if !(cue.start > s0 && t.tok(cue.start - 1) == "," && t.tok(cue.start).ends_with("ing")) && !t.is(cue.end, "that") {
        // With no subject found, only what is plainly reported speech: a
        // participle after a comma or a that-clause ("…, saying that …").
        return None;
    }
    // Addressee: "told reporters (that) …", "told CBC News the department …".
    if cue.flags.addressee && k < s1 {
        if let Some(m) = cx.mention_at[k] {
            k = cx.ents.mentions[m].end;
        } else if lower(k, &mut buf).is_some_and(|w| {
            addressees().contains(w.as_str())
        }) {
            if t.is(k, "the") {
                k += 1;
                while k < s1 && t.is_word(k) && !t.is(k, "that") && k - cue.end < 4 && !cues::looks_finite(t, k) {
                    k += 1;
                }
            } else {
                k += 1;
            }
        }
    }
    // Any short addressee before "that": "told aides that", "warned local
    // officials that".
    if cue.flags.addressee && k < s1 && !t.is(k, "that") {
        if let Some(th) = (k + 1..s1.min(k + 5)).find(|&x| t.is(x, "that")) {
            let mut buf = [0u8; 32];
            let aux = |x: usize, buf: &mut [u8; 32]| lexicon::ascii_lower(t.tok(x), buf).is_some_and(lexicon::is_finite_marker);
            if (k..th).all(|x| t.is_word(x) && !aux(x, &mut buf)) {
                k = th;
            }
        }
    }
    // A time right after the verb is no part of the clause: "said Thursday
    // it would lay off …", "announced last week that …".
    if k < s1 {
        if let Some(m) = cx.mention_at[k].filter(|&m| cx.ents.mentions[m].label == Label::Date && cx.ents.mentions[m].start == k) {
            let e = cx.ents.mentions[m].end;
            if e < s1 && (t.is(e, "that") || starts_clause(cx, e, s1)) {
                k = e;
            }
        }
    }
    // A prepositional phrase between the verb and its clause: "said in a
    // statement that …", "told reporters on Tuesday that …".
    if k < s1 && lower(k, &mut buf).is_some_and(|w| cue_adjunct_openers().contains(w.as_str())) {
        if let Some(th) = (k + 2..s1.min(k + 8)).find(|&x| t.is(x, "that")) {
            if (k + 1..th).all(|x| t.is_word(x) && !cues::looks_finite(t, x) || cx.mention_at[x].is_some()) {
                k = th;
            }
        }
    }
    // "As Heald told The Huffington Post, ozone has dropped.": the content
    // follows the comma that closes the "as" clause.
    if k < s1 && t.tok(k) == "," {
        let subj = subject?;
        let first = (s0..subj.span.0).find(|&x| t.is_word(x));
        if first.is_some_and(|f| t.is(f, "as") && f + 1 == subj.span.0) && k + 1 < s1 {
            return Some((k + 1, end_from(k + 1)));
        }
        return None;
    }
    if k >= s1 {
        return None;
    }
    let w = lower(k, &mut buf);
    let w = w.as_deref();
    if w == Some("that") && cue.flags.that_clause {
        let a = k + 1;
        return Some((a, end_from(a)));
    }
    // "asked how …", "questioned whether …"; other verbs only with whether/if.
    let wh_ok = cue.flags.wh_clause || (cue.flags.that_clause && matches!(w, Some("whether" | "if")));
    if w.is_some_and(lexicon::is_wh_word) && wh_ok {
        return Some((k, end_from(k)));
    }
    if cue.flags.infinitive {
        // "urged Washington not to view …": an object, maybe "not", then "to".
        let mut x = k;
        while x < s1 && x - k < 6 && (t.is_word(x) || t.kind(x) == Kind::Hyphen) && !t.is(x, "to") {
            x += 1;
        }
        // …and an object there must be: "asked not to be named" has none.
        let object = (k..x).any(|y| !t.is(y, "not"));
        if x < s1 && x > k && t.is(x, "to") && object {
            return Some((k, end_from(k)));
        }
    }
    if cue.flags.bare_clause && starts_clause(cx, k, s1) {
        return Some((k, end_from(k)));
    }
    None
}

/// Skips a leading discourse opener ("However, …") at the sentence start.
fn skip_opener(cx: &Ctx, s0: usize, limit: usize) -> usize {
    let t = cx.text;
    let mut a = s0;
    while a < limit && !matches!(t.kind(a), Kind::Word | Kind::Number) {
        a += 1;
    }
    a
}

/// Where a name starting at `start` begins with the titles before it
/// ("Mr.", "Sen.", "Dr."), which names exclude.
fn skip_titles_back(t: &crate::text::Text, s0: usize, mut start: usize) -> usize {
    let is_title = |w: &str| crate::entities::gazetteer::get().titles.get(w).is_some();
    loop {
        if start > s0 + 2 && t.tok(start - 1) == "." && is_title(t.tok(start - 2)) {
            start -= 2;
        } else if start > s0 + 1 && is_title(t.tok(start - 1)) {
            start -= 1;
        } else {
            return start;
        }
    }
}

/// A subject pronoun at `x`, alone or fused with its verb ("he's", "they're").
fn pronoun_subject(cx: &Ctx, x: usize) -> bool {
    let mut buf = [0u8; 32];
    let w = cx.text.tok(x);
    cx.text.is_word(x)
        && (lexicon::ascii_lower(w, &mut buf).is_some_and(|w| lexicon::subject_pronoun(w).is_some()) || lexicon::contracted_subject(w).is_some())
}

/// Does a clause start at token `k`? A subject pronoun, or a finite verb
/// within the next few words before any comma.
fn starts_clause(cx: &Ctx, k: usize, s1: usize) -> bool {
    let t = cx.text;
    if !matches!(t.kind(k), Kind::Word | Kind::Number) && !(cx.in_marks[k] && t.kind(k) == Kind::Quote) {
        return false;
    }
    // "believe it or not" is an aside, not a clause.
    if t.is(k, "it") && t.is(k + 1, "or") && t.is(k + 2, "not") {
        return false;
    }
    if pronoun_subject(cx, k) {
        return true;
    }
    // The word right after the cue is a verb form itself: not a clause
    // ("said goodbye", "added to", "noted for").
    let mut buf = [0u8; 32];
    if let Some(w) = lexicon::ascii_lower(t.tok(k), &mut buf) {
        if not_a_clause_after_cue().contains(w)
        {
            return false;
        }
    }
    // After an indefinite article an object is likelier than a clause.
    let mut reach = if t.is(k, "a") || t.is(k, "an") { 4 } else { 10 };
    let mut x = k + 1;
    while x < s1 && x < k + reach {
        // "said the chancellor, Rachel Reeves, respected …": a name set off
        // in apposition is no boundary.
        if t.tok(x) == "," && x > k + 1 {
            if let Some(m) = cx.mention_at.get(x + 1).copied().flatten() {
                let mm = &cx.ents.mentions[m];
                if mm.start == x + 1 && mm.label == Label::Person && mm.end < s1 && t.tok(mm.end) == "," {
                    reach += mm.end + 1 - x;
                    x = mm.end + 1;
                    continue;
                }
            }
        }
        if matches!(t.tok(x), "," | ";" | ":" | "." | "(" | "—") {
            return false;
        }
        // A relative clause: the cue took a noun phrase object
        // ("conceded a penalty which the referee awarded"). Not after "said",
        // which takes no such object: "said 98% of members who voted backed it".
        if t.is_any(x, &["which", "who", "whom", "whose"]) && !(k > 0 && t.is_any(k - 1, &["said", "says", "say"])) {
            return false;
        }
        if cues::looks_finite(t, x) {
            return true;
        }
        x += 1;
    }
    false
}
