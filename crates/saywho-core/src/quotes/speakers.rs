//! Who said it: attributes every quotation, in marks or reported, running
//! the quote stage's steps in order, and finds the cue of a quotation in
//! marks (before it, after it, inside a broken quote, a byline or a colon).
//!
//! Order of work, each step using the last: (1) quotes in marks take the cue
//! in their own sentence (before, after, or inside a broken quote); (2) the
//! remaining cues introduce reported speech; (3) quotes with no cue take the
//! speaker of the quote before them in the paragraph, or the person just
//! introduced; (4) pronoun speakers resolve to the nearest compatible person.

pub use super::context::Attributed;
use super::context::{Ctx, Source, WINDOW};
use super::cues::{self, Cue};
use super::marks::{Marked, QuoteKind};
use super::reported;
use super::resolution::{inherit, pull_quotes};
use crate::entities::{Entities, Gender, Label};
use crate::text::lexicon::Pronoun;
use crate::text::{Kind, Text};

/// Attributes every quotation: marked ones, reported speech, cue-less ones.
pub fn attribute(text: &Text, ents: &Entities, marked: &[Marked]) -> Vec<Attributed> {
    attribute_with_genders(text, ents, marked).0
}

/// [`attribute`], and each entity's gender as resolving pronouns left it (a
/// person the names gave no gender takes that of "she" or "he" resolved to them).
pub fn attribute_with_genders(text: &Text, ents: &Entities, marked: &[Marked]) -> (Vec<Attributed>, Vec<Gender>) {
    let mut cx = Ctx::new(text, ents, marked);
    let mut out: Vec<Attributed> = Vec::with_capacity(marked.len() * 2);
    let mut used_cues: Vec<usize> = Vec::new();
    let mut sources: Vec<Option<Source>> = Vec::new();

    // (1) Quotations in marks: the cue in their own sentence, or a byline
    // ("“…” — Jane Doe") or a source line ending in a colon above.
    for q in marked {
        let cue = find_cue_for_marked(&cx, q);
        let src = match cue {
            Some(c) => cx.subject_of(&c),
            None => byline_after(&cx, q)
                .or_else(|| source_line_above(&cx, q))
                .or_else(|| colon_intro(&cx, q))
                .or_else(|| fragment_subject(&cx, q)),
        };
        // A partial quote sits inside the clause its cue reports: the cue
        // still introduces that reported speech.
        if let Some(c) = cue.filter(|_| q.kind != QuoteKind::Partial) {
            used_cues.push(c.start);
        }
        out.push(Attributed {
            start: q.start,
            end: q.end,
            kind: q.kind,
            cue: cue.map(|c| (c.start, c.end)),
            speaker: None,
            entity: None,
        });
        sources.push(src);
    }

    // (2) Reported speech from the cues not used by quotations in marks.
    for r in reported::find(&cx, &used_cues) {
        out.push(Attributed { start: r.start, end: r.end, kind: QuoteKind::Indirect, cue: Some(r.cue), speaker: None, entity: None });
        sources.push(r.source);
    }

    // Document order, keeping sources aligned.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (out[i].start, out[i].end));
    let out: Vec<Attributed> = order.iter().map(|&i| out[i].clone()).collect();
    let mut sources: Vec<Option<Source>> = order.iter().map(|&i| sources[i]).collect();
    let mut out = out;

    // (3) + (4): pronouns, then inheritance for quotes without a cue.
    // "it"/"they" prefer the organisation that spoke last, nearby.
    // (sentence, entity) of the last non-person source ("the regional
    // government" has no entity, and then "it" has none either).
    let mut last_body: Option<(usize, Option<usize>)> = None;
    let named: Vec<bool> = sources.iter().map(Option::is_some).collect();
    for i in 0..out.len() {
        if let Some(src) = sources[i].as_mut() {
            if let Some(p) = src.pronoun {
                let here = text.sent_of[src.span.0];
                let body = last_body
                    .filter(|&(s, _)| matches!(p, Pronoun::It | Pronoun::They) && here >= s && here - s <= 3)
                    .map(|(_, e)| e);
                src.entity = match body {
                    Some(e) => e,
                    None => cx.resolve_pronoun(p, src.span.0),
                };
            }
            let person = src.entity.is_some_and(|e| ents.entities[e].label == Label::Person)
                || matches!(src.pronoun, Some(Pronoun::He | Pronoun::She | Pronoun::I));
            last_body = if person { None } else { Some((text.sent_of[src.span.0], src.entity)) };
        }
        if let Some(src) = sources[i] {
            out[i].speaker = Some(src.span);
            out[i].entity = src.entity;
        } else if let Some(src) = inherit(&cx, &out, &sources, i) {
            // The sentence does not name the source: no speaker span, but the
            // quote still belongs to the entity.
            sources[i] = Some(Source { span: src.span, entity: src.entity, pronoun: None, negated: false });
            out[i].entity = src.entity;
            if src.entity.is_none() {
                out[i].speaker = Some(src.span);
            }
        }
    }
    pull_quotes(text, &mut out, &named);
    // Marks around a title ("the show “Fox & Friends”"), an address, a handle
    // or a number quote nobody: with no cue and no source they are no quotation.
    out.retain(|q| !(q.kind == QuoteKind::Partial && q.cue.is_none() && q.speaker.is_none() && q.entity.is_none() && names_no_speech(cx.text, q, marked)));
    (out, cx.gender)
}

/// A fragment in marks that is a title, or one word that is no speech: a
/// web address, a handle or hashtag, a number.
fn names_no_speech(t: &Text, q: &Attributed, marked: &[Marked]) -> bool {
    let Some(m) = marked.iter().find(|m| m.start == q.start && m.end == q.end) else { return false };
    if super::marks::looks_like_title(t, m) {
        return true;
    }
    let inner = t.span(m.start + 1, m.end.saturating_sub(usize::from(m.closed)).max(m.start + 1));
    let inner = inner.trim_matches(|c: char| c.is_ascii_punctuation() && !matches!(c, '@' | '#') || c.is_whitespace());
    !inner.is_empty()
        && !inner.contains(char::is_whitespace)
        && (inner.starts_with("http") || inner.starts_with("www.") || inner.starts_with('@') || inner.starts_with('#') || inner.chars().all(|c| c.is_ascii_digit() || c.is_ascii_punctuation()))
}

/// The cue of a quotation in marks, looked for in its own sentence: inside a
/// broken quote, right after it, or before it.
fn find_cue_for_marked(cx: &Ctx, q: &Marked) -> Option<Cue> {
    let t = cx.text;
    if let Some((a, b)) = q.interruption {
        if let Some(c) = (a..b).find_map(|k| cues::cue_at(t, k)) {
            return Some(c);
        }
    }
    let para = t.tokens[q.start].para;
    // A fragment is named by the verb before it: "called the budget “a guess”".
    if q.kind == QuoteKind::Partial {
        if let Some(c) = cue_before(cx, q) {
            return Some(c);
        }
    }
    // After, in the sentence the closing mark ends: "…,” she said" / "…,” said Bolden" (within a few words).
    // (A name's appositive, "…,” Adam Green, co-founder of the …, said", and
    // brackets, "Sen. Marco Rubio (R-Fla.) said", do not count as words; nor
    // does a title's full stop end the search.)
    let mut k = q.end;
    let mut words = 0;
    let mut limit = 8;
    let mut depth = 0usize;
    let close_sent = t.sent_of[q.end - 1];
    while k < t.len() && t.sent_of[k] == close_sent && words < limit {
        let stop = t.tok(k) == "." && (k + 1 >= t.len() || t.sent_of[k + 1] != close_sent);
        if cx.in_marks[k] || stop || matches!(t.tok(k), "?" | "!" | ";") {
            break;
        }
        match t.tok(k) {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            "," if limit == 8 && k > 0 && cx.mention_at[k - 1].is_some_and(|m| matches!(cx.ents.mentions[m].label, Label::Person | Label::Org) && cx.ents.mentions[m].start >= q.end) => limit = words + 16,
            _ => {}
        }
        if let Some(c) = cues::cue_at(t, k) {
            if !c.flags.names_fragment || q.kind == QuoteKind::Partial {
                return Some(c);
            }
        }
        if t.is_word(k) && depth == 0 {
            words += 1;
        }
        k += 1;
    }
    if let Some(c) = cue_before(cx, q) {
        return Some(c);
    }
    // A source line ending in a colon introduces the quote below it.
    if q.start > 0 && t.tokens[q.start - 1].para != para && t.tok(q.start - 1) == ":" {
        let prev = t.sentences[t.sent_of[q.start - 1]];
        return (prev.start..prev.end).rev().find_map(|k| cues::cue_at(t, k));
    }
    None
}

/// The cue before a quotation in its sentence: "X said, “…”", "X told Y:
/// “…”", "what it called “…”".
fn cue_before(cx: &Ctx, q: &Marked) -> Option<Cue> {
    let t = cx.text;
    let sent = t.sentences[t.sent_of[q.start]];
    let floor = sent.start.max(q.start.saturating_sub(WINDOW));
    let mut best = None;
    let mut k = q.start;
    while k > floor {
        k -= 1;
        if cx.in_marks[k] {
            break;
        }
        if let Some(c) = cues::cue_at(t, k) {
            if c.end <= q.start {
                let fragment_ok = q.kind == QuoteKind::Partial || !c.flags.names_fragment;
                let gap = q.start - c.end;
                let introduced = matches!(t.tok(q.start - 1), "," | ":");
                let near = gap <= 6 || (introduced && gap <= 14) || q.kind == QuoteKind::Partial;
                // "she continued, “…”", not "would continue to pursue it “wherever …”".
                let direct_ok = !c.flags.direct_only || (introduced && gap <= 3);
                if fragment_ok && near && direct_ok {
                    best = Some(c);
                    break;
                }
            }
        }
    }
    best
}

/// "“…” — Jane Doe" / "“…” -Commissioner Jane Doe": a dash and a name after
/// the closing mark, ending the paragraph.
fn byline_after(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    let d = q.end;
    if d >= t.len() || !q.closed || !matches!(t.kind(d), Kind::Dash | Kind::Hyphen) || t.tokens[d].para != t.tokens[q.start].para {
        return None;
    }
    let para = t.tokens[d].para;
    let mut k = d + 1;
    while k < t.len() && t.tokens[k].para == para && k - d < 8 {
        if let Some(m) = cx.mention_at[k] {
            let mm = &cx.ents.mentions[m];
            if matches!(mm.label, Label::Person | Label::Org) {
                return Some(Source { span: (mm.start, mm.end), entity: Some(mm.entity), pronoun: None, negated: false });
            }
        }
        k += 1;
    }
    None
}

/// "Sunak defended the record: “…”": a sentence that introduces a quotation
/// with a colon names its source as its subject.
fn colon_intro(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    if q.start == 0 || t.tok(q.start - 1) != ":" || q.kind != QuoteKind::Direct {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start]];
    if sent.start >= q.start - 1 {
        return None;
    }
    cx.sentence_subject(sent.start, q.start - 1).filter(|s| s.entity.is_some() || s.pronoun.is_some()).or_else(|| {
        // "Kylian Mbappé, who has scored twice, was more blunt: “…”": the
        // name that opens the sentence, before its relative clause or appositive.
        let m = cx.mention_at[sent.start]?;
        let mm = &cx.ents.mentions[m];
        let e = mm.end;
        let who = t.is(e + 1, "who");
        let opens = mm.start == sent.start && (matches!(mm.label, Label::Person | Label::Org) || who && mm.label == Label::Misc);
        (opens && e + 1 < q.start && t.tok(e) == "," && t.is_any(e + 1, &["who", "a", "an", "the"]) && (e + 2..q.start - 1).any(|k| t.tok(k) == ","))
            .then(|| cx.mention_source(m))
    })
}

/// "Adebayo dismissed the letter as “more of the same”": a fragment quoted
/// without a reporting verb is the words of the sentence's subject, when that
/// is a named person or organisation.
fn fragment_subject(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    // Not a title, and more than a single scare-quoted word.
    let words = (q.start..q.end).filter(|&k| t.is_word(k)).count();
    if q.kind != QuoteKind::Partial || words < 2 || crate::quotes::marks::looks_like_title(t, q) {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start]];
    if q.start <= sent.start + 1 {
        return None;
    }
    let from = cx.after_intro(sent.start, q.start);
    cx.sentence_subject(from, q.start).filter(|s| s.pronoun.is_some() || s.entity.is_some())
}

/// "And from Chairwoman Jane Doe:" on the line above the quotation.
fn source_line_above(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    if q.start == 0 || t.tokens[q.start - 1].para == t.tokens[q.start].para || t.tok(q.start - 1) != ":" {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start - 1]];
    (sent.start..q.start - 1).rev().find_map(|k| {
        let m = cx.mention_at[k]?;
        let mm = &cx.ents.mentions[m];
        matches!(mm.label, Label::Person | Label::Org).then_some(Source {
            span: (mm.start, mm.end),
            entity: Some(mm.entity),
            pronoun: None,
            negated: false,
        })
    })
}
