//! The pipeline behind [`crate::annotate`]: text layer → entities →
//! quotations → speakers → the export document (bytes → code points here).

use crate::entities::{self, Entities, Gender, Label};
use crate::export::format::{Document, Entity, GenderTag, GenderValue, Mention, Origin, Quote, Span};
use crate::quotes;
use crate::quotes::speakers::{self, Attributed};
use crate::text::{Offsets, Text};
use crate::Warning;

/// Everything the pipeline found, in token ranges, before export.
pub struct Analysis<'a> {
    pub text: Text<'a>,
    pub entities: Entities,
    pub quotes: Vec<Attributed>,
    /// Each entity's gender after pronoun resolution (by entity index).
    pub genders: Vec<Gender>,
    pub warnings: Vec<Warning>,
}

pub fn analyse(src: &str) -> Analysis<'_> {
    analyse_with(src, true)
}

/// [`analyse`], with the statistical models (when available) or the rules alone.
pub fn analyse_with(src: &str, models: bool) -> Analysis<'_> {
    let mut text = Text::new(src);
    // One pass of the models: tags for the quote and speaker rules, spans for the entities.
    let mut spans = Vec::new();
    if models && crate::ml::models().is_some() {
        let (pos, found) = crate::ml::tag_text(&text, None);
        text.pos = pos;
        spans = found;
    }
    let entities = entities::extract_with(&text, &spans);
    let marked = quotes::find_marked(&text);
    let mut warnings = Vec::new();
    let offsets = Offsets::new(src);
    for q in marked.iter().filter(|q| !q.closed) {
        let at = offsets.to_char(text.tokens[q.start].start);
        warnings.push(Warning {
            code: "unclosed-quote",
            message: format!("The quotation mark at character {at} is never closed; the quote was ended at its paragraph's end."),
        });
    }
    let (quotes, genders) = speakers::attribute_with_genders(&text, &entities, &marked);
    Analysis { text, entities, quotes, genders, warnings }
}

impl Analysis<'_> {
    /// The export's `gender` of entity `i`: only for persons, only when known.
    fn gender_of(&self, i: usize, label: Label) -> Option<GenderTag> {
        if label != Label::Person {
            return None;
        }
        let value = match self.genders.get(i).copied().unwrap_or(Gender::Unknown) {
            Gender::Female => GenderValue::Female,
            Gender::Male => GenderValue::Male,
            Gender::Unknown => return None,
        };
        Some(GenderTag { value, origin: Origin::Auto })
    }

    /// The export document: ids in document order, offsets in code points.
    pub fn to_document(&self) -> Document {
        let t = &self.text;
        let off = Offsets::new(t.src);
        let span = |a: usize, b: usize| -> (usize, usize, String) {
            let (sb, eb) = (t.tokens[a].start, t.tokens[b - 1].end);
            (off.to_char(sb), off.to_char(eb), t.src[sb..eb].to_string())
        };
        let entities: Vec<Entity> = self
            .entities
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| Entity {
                id: format!("E{}", i + 1),
                label: e.label.as_str().to_string(),
                name: e.name.clone(),
                gender: self.gender_of(i, e.label),
            })
            .collect();
        let mentions: Vec<Mention> = self
            .entities
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (start, end, text) = span(m.start, m.end);
                Mention {
                    id: format!("M{}", i + 1),
                    start,
                    end,
                    text,
                    label: m.label.as_str().to_string(),
                    entity: Some(format!("E{}", m.entity + 1)),
                    origin: Origin::Auto,
                }
            })
            .collect();
        let quotes: Vec<Quote> = self
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let (start, end, text) = span(q.start, q.end);
                let mk = |(a, b): (usize, usize)| {
                    let (start, end, text) = span(a, b);
                    Span { start, end, text }
                };
                Quote {
                    id: format!("Q{}", i + 1),
                    start,
                    end,
                    text,
                    kind: q.kind,
                    cue: q.cue.map(mk),
                    speaker: q.speaker.map(mk),
                    entity: q.entity.map(|e| format!("E{}", e + 1)),
                    origin: Origin::Auto,
                }
            })
            .collect();
        Document { entities, mentions, quotes, ..Document::empty(t.src) }
    }
}
