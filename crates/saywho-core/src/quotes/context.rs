//! What every attribution rule looks up in one document: the mention at
//! each token, which tokens lie inside quotation marks, each entity's gender
//! (refined as pronouns resolve), the salient subject of each sentence, and
//! bylines and datelines, which no pronoun refers to.

use super::marks::{Marked, QuoteKind};
use crate::entities::{Entities, Gender, Label};
use crate::text::lexicon::{self, Pronoun};
use crate::text::{Kind, Text};

crate::text::lexicon::word_list! {
    /// Words opening an introductory phrase ("Referring to …, Fayyaz said"): the subject comes
    /// after its comma (besides discourse_openers.txt and -ing forms). Lower case.
    /// (`data/lexicon/intro_openers.txt`)
    pub(crate) fn intro_openers = "intro_openers.txt";
}

crate::text::lexicon::word_list! {
    /// Subordinators opening a clause whose subject is salient too: "When Dr. Amara Osei
    /// arrived, she …" (matched ignoring case). (`data/lexicon/clause_subordinators.txt`)
    pub(crate) fn clause_subordinators = "clause_subordinators.txt";
}

/// How far (in tokens) subject and cue searches look from their start.
pub(super) const WINDOW: usize = 40;

/// A quotation with its attribution, in token ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct Attributed {
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub cue: Option<(usize, usize)>,
    pub speaker: Option<(usize, usize)>,
    /// Index into `Entities::entities`.
    pub entity: Option<usize>,
}

/// The source named by a cue's subject: a token span and maybe an entity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Source {
    pub span: (usize, usize),
    pub entity: Option<usize>,
    pub pronoun: Option<Pronoun>,
    /// "has not said", "never told": the cue is negated.
    pub negated: bool,
}

/// Shared lookups over one document.
pub(crate) struct Ctx<'t, 'a> {
    pub text: &'t Text<'a>,
    pub ents: &'t Entities,
    /// For each token, the mention covering it.
    pub mention_at: Vec<Option<usize>>,
    /// For each token, whether it lies inside a quotation in marks.
    pub in_marks: Vec<bool>,
    /// Gender per entity, refined as pronouns resolve.
    pub gender: Vec<Gender>,
    /// Per mention: it is the subject of its sentence.
    pub salient: Vec<bool>,
    /// Each paragraph's token range [start, end), by paragraph index.
    pub(super) paras: Vec<(usize, usize)>,
}

impl<'t, 'a> Ctx<'t, 'a> {
    pub fn new(text: &'t Text<'a>, ents: &'t Entities, marked: &[Marked]) -> Self {
        let mut mention_at = vec![None; text.len()];
        for (mi, m) in ents.mentions.iter().enumerate() {
            for slot in mention_at.iter_mut().take(m.end.min(text.len())).skip(m.start) {
                *slot = Some(mi);
            }
        }
        let mut in_marks = vec![false; text.len()];
        for q in marked {
            for (k, slot) in in_marks.iter_mut().enumerate().take(q.end).skip(q.start) {
                let in_gap = q.interruption.is_some_and(|(a, b)| k >= a && k < b);
                *slot = !in_gap;
            }
        }
        let gender = ents.entities.iter().map(|e| e.gender).collect();
        let mut paras: Vec<(usize, usize)> = Vec::new();
        for (k, tok) in text.tokens.iter().enumerate() {
            if paras.len() <= tok.para {
                paras.resize(tok.para + 1, (k, k));
            }
            paras[tok.para].1 = k + 1;
        }
        let mut cx = Ctx { text, ents, mention_at, in_marks, gender, salient: vec![false; ents.mentions.len()], paras };
        // The subject of each sentence is salient: pronouns prefer it.
        for sent in &text.sentences {
            let start = cx.after_intro(sent.start, sent.end);
            if let Some(src) = cx.sentence_subject(start, sent.end) {
                if src.pronoun.is_none() {
                    // "City captain Kyle Walker admitted": the subject's own
                    // entity, not the club before the role.
                    let own = src.entity.and_then(|e| (src.span.0..src.span.1).find_map(|k| cx.mention_at[k].filter(|&m| ents.mentions[m].entity == e)));
                    if let Some(m) = own.or(cx.mention_at[src.span.0]) {
                        // "Kamau's husband, Peter Otieno, …": a possessive only
                        // modifies the subject; the name in apposition is it.
                        let e = ents.mentions[m].end;
                        let mut m = m;
                        if e < sent.end && matches!(text.tok(e), "'s" | "’s") {
                            let comma = (e + 1..sent.end.min(e + 7)).find(|&k| text.tok(k) == ",");
                            let named = comma.and_then(|c| cx.mention_at.get(c + 1).copied().flatten()).filter(|&n| {
                                ents.mentions[n].label == Label::Person && comma.is_some_and(|c| ents.mentions[n].start == c + 1)
                            });
                            m = named.unwrap_or(m);
                        }
                        cx.salient[m] = true;
                    }
                }
            }
            // So is the subject of an opening clause: "When Dr. Amara Osei
            // arrived, she found …" (she is Osei).
            if start > sent.start + 1 {
                let f = (sent.start..start).find(|&k| text.is_word(k)).unwrap_or(sent.start);
                if text.is_any(f, clause_subordinators().words()) {
                    if let Some(src) = cx.sentence_subject(f + 1, start - 1) {
                        if let (None, Some(m)) = (src.pronoun, cx.mention_at[src.span.0]) {
                            cx.salient[m] = true;
                        }
                    }
                }
            }
        }
        cx
    }

    /// A byline ("By Helen Carter"): its author is nobody a pronoun in the
    /// story refers to.
    pub(super) fn in_byline(&self, k: usize) -> bool {
        let (start, end) = self.paras[self.text.tokens[k].para];
        self.text.is(start, "by") && end - start <= 10
    }

    /// A dateline ("FRANKFURT (Reuters) -"): its place and agency frame the
    /// story; no pronoun in it refers to them.
    pub(super) fn in_dateline(&self, k: usize) -> bool {
        let t = self.text;
        let para = t.tokens[k].para;
        let start = self.paras[para].0;
        if !t.is_all_caps(start) || k - start > 8 {
            return false;
        }
        (k + 1..(start + 10).min(t.len())).any(|d| t.tokens[d].para == para && matches!(t.kind(d), Kind::Dash | Kind::Hyphen) && t.tokens[d].space_before)
    }

    /// Skips an introductory phrase ("Referring to …, Fayyaz said"):
    /// a sentence opening with a preposition, subordinator or participle
    /// has its subject after the first comma.
    pub(super) fn after_intro(&self, s0: usize, s1: usize) -> usize {
        let t = self.text;
        let first = (s0..s1).find(|&k| t.is_word(k));
        let Some(f) = first else { return s0 };
        let mut buf = [0u8; 32];
        let Some(w) = self.lower(f, &mut buf) else { return s0 };
        let intro = lexicon::is_discourse_opener(w)
            || w.ends_with("ing")
            || intro_openers().contains(w);
        if !intro || self.mention_at[f].is_some() {
            return s0;
        }
        (f..s1).find(|&k| t.tok(k) == "," && !self.in_marks[k]).map_or(s0, |c| c + 1)
    }

    pub(super) fn lower<'b>(&self, i: usize, buf: &'b mut [u8; 32]) -> Option<&'b str> {
        if !self.text.is_word(i) {
            return None;
        }
        lexicon::ascii_lower(self.text.tok(i), buf)
    }

    pub(super) fn label_of_at(&self, k: usize) -> Option<Label> {
        self.mention_at.get(k).copied().flatten().map(|m| self.label_of(m))
    }

    pub(super) fn label_of(&self, m: usize) -> Label {
        self.ents.mentions[m].label
    }
}
