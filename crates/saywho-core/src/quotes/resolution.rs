//! Resolution, once every cue has its source: pronoun sources resolve to
//! the nearest compatible person or organisation; quotations with no cue
//! inherit the speaker before them or take the person just introduced; pull
//! quotes go to whoever said the same words elsewhere.

use super::context::{Attributed, Ctx, Source, WINDOW};
use super::marks::QuoteKind;
use crate::entities::{Gender, Label};
use crate::text::lexicon::Pronoun;
use crate::text::Text;

impl<'t, 'a> Ctx<'t, 'a> {
    /// Resolves a pronoun at token `at` to an entity: the nearest compatible
    /// person before it (outside quotations), by gender and number.
    pub fn resolve_pronoun(&mut self, p: Pronoun, at: usize) -> Option<usize> {
        let want = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            Pronoun::It | Pronoun::They => None,
            _ => return None,
        };
        let t = self.text;
        let here = t.sent_of[at];
        let before = self.ents.mentions.partition_point(|m| m.start < at);
        let compatible = |m: &crate::entities::EMention| {
            let e = &self.ents.entities[m.entity];
            match want {
                Some(g) => m.label == Label::Person && (self.gender[m.entity] == g || self.gender[m.entity] == Gender::Unknown),
                None if p == Pronoun::They => matches!(m.label, Label::Org) || e.plural,
                None => matches!(m.label, Label::Org | Label::Loc),
            }
        };
        // Candidates in the last few sentences, nearest first; the nearest
        // sentence subject wins unless a non-subject is much nearer.
        let mut nearest: Option<(usize, usize)> = None;
        let mut found = None;
        for (mi, m) in self.ents.mentions[..before].iter().enumerate().rev() {
            let dist = here - t.sent_of[m.start].min(here);
            if dist > 6 {
                break;
            }
            if self.in_marks[m.start] || !compatible(m) || self.in_byline(m.start) || self.in_dateline(m.start) {
                continue;
            }
            let (_, d0) = *nearest.get_or_insert((m.entity, dist));
            if self.salient[mi] && dist <= d0 + 2 {
                found = Some(m.entity);
                break;
            }
        }
        let found = found.or(nearest.map(|(e, _)| e));
        if let (Some(e), Some(g)) = (found, want) {
            self.gender[e] = g;
        }
        found
    }
}


/// A pull quote repeats words quoted with their speaker elsewhere in the
/// story ("Every lane we build saves lives" set apart above or below the
/// paragraph that says who said it): it belongs to that speaker, whatever
/// the quotes around it say.
/// How many quotes before or after a pull quote its original may be.
pub(super) const PULL_QUOTE_REACH: usize = 40;
pub(super) fn pull_quotes(text: &Text, out: &mut [Attributed], named: &[bool]) {
    let words = |q: &Attributed| -> String {
        let s = text.span(q.start, q.end);
        let mut w = String::with_capacity(s.len());
        for part in s.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            if !w.is_empty() {
                w.push(' ');
            }
            w.extend(part.chars().flat_map(char::to_lowercase));
        }
        w
    };
    let keys: Vec<String> = out.iter().map(words).collect();
    for i in 0..out.len() {
        if named[i] || out[i].kind != QuoteKind::Direct || keys[i].split(' ').count() < 4 {
            continue;
        }
        // Near it (a pull quote sits in its own story): bounded work on huge texts.
        let window = i.saturating_sub(PULL_QUOTE_REACH)..(i + PULL_QUOTE_REACH + 1).min(out.len());
        let original = window.into_iter().find(|&j| {
            j != i && named[j] && out[j].entity.is_some() && (keys[j].contains(keys[i].as_str()) || keys[i].contains(keys[j].as_str()) && keys[j].split(' ').count() >= 4)
        });
        if let Some(j) = original {
            out[i].entity = out[j].entity;
            out[i].speaker = None;
        }
    }
}

/// A quotation with no cue of its own: the speaker of the quotation before it
/// in the paragraph (or up to two paragraphs back when only narration without
/// people lies between), else the person introduced just before it.
pub(super) fn inherit(cx: &Ctx, out: &[Attributed], sources: &[Option<Source>], i: usize) -> Option<Source> {
    let t = cx.text;
    let q = &out[i];
    if q.kind == QuoteKind::Indirect {
        return None;
    }
    let para = t.tokens[q.start].para;
    // A partial quote inside reported speech is the reporter's source.
    for j in (i.saturating_sub(WINDOW)..i).rev() {
        if t.tokens[out[j].start].para != para {
            break;
        }
        if out[j].kind == QuoteKind::Indirect && out[j].start <= q.start && q.end <= out[j].end {
            return sources[j];
        }
    }
    if q.kind == QuoteKind::Partial {
        return None;
    }
    // The person introduced right before: the subject of the sentence just
    // before the quote, in this paragraph or the one above.
    let introduced = introduced_before(cx, q.start);
    let before = cx.ents.mentions.partition_point(|m| m.start < q.start);
    // People named between the previous quote and this one.
    let person_between = |from: usize, speaker: Option<usize>| {
        let first = cx.ents.mentions.partition_point(|m| m.start < from);
        cx.ents.mentions[first.min(before)..before]
            .iter()
            .any(|m| m.label == Label::Person && !cx.in_marks[m.start] && Some(m.entity) != speaker)
    };
    for j in (i.saturating_sub(WINDOW)..i).rev() {
        let pj = t.tokens[out[j].start].para;
        if para > pj + 3 {
            break;
        }
        if let Some(src) = sources[j] {
            if src.entity.is_some() || src.pronoun.is_none() {
                // Someone else introduced after that quote takes over:
                // "“A,” said Smith. Jones disagreed. “B.”"
                if let Some(p) = introduced.filter(|p| p.span.0 >= out[j].end && p.entity != src.entity) {
                    return Some(p);
                }
                if pj == para || !person_between(out[j].end, src.entity) {
                    return Some(src);
                }
                break;
            }
        }
    }
    introduced
}

/// The person introduced right before token `at`: the subject of the
/// previous sentence, in this paragraph or the one above.
fn introduced_before(cx: &Ctx, at: usize) -> Option<Source> {
    let t = cx.text;
    let qs = t.sent_of[at];
    if qs == 0 {
        return None;
    }
    let prev = t.sentences[qs - 1];
    if prev.para + 1 < t.tokens[at].para || cx.in_marks[prev.start] {
        return None;
    }
    let from = cx.after_intro(prev.start, prev.end);
    let src = cx.sentence_subject(from, prev.end)?;
    let e = src.entity?;
    (cx.ents.entities[e].label == Label::Person).then_some(Source { span: src.span, entity: Some(e), pronoun: None, negated: false })
}
