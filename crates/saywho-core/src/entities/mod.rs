//! The entity stage: PERSON, ORG, LOC, MISC, DATE, MONEY and PERCENT.
//!
//! In: a [`Text`] and the recognizer's spans (none for the rules alone).
//! Out: [`Entities`]: the mentions in document order, each linked to an
//! entity with its label, name and gender.
//!
//! Dates, sums and percentages come first ([`numex`]), so "April" never
//! reaches the names. The rule extractor (`candidates.rs`) then gathers
//! capitalised runs with the lower-case glue names carry (`chunks.rs`: "Ministry
//! of Finance", "Quaid-i-Azam University", "Texas A&M"), cuts them
//! (`segments.rs`: titles come out of person spans, "Prime Minister Shehbaz
//! Sharif") and classifies each name (`classify.rs`) from head words and
//! [`gazetteer`]s, weighing the evidence for people (`people.rs`: a given
//! name, a title, a ", a … expert" appositive, a speech verb), organisations
//! (`organisations.rs`) and places (`places.rs`). [`combine`] merges the
//! recognizer's spans with the rules' candidates; last, [`names`] links
//! mentions into entities across the document, so "Fayyaz" after "Shabana
//! Fayyaz" is that person even where a gazetteer says otherwise. The types
//! all of them share are in [`types`].

mod candidates;
mod chunks;
mod classify;
pub mod combine;
pub mod gazetteer;
pub mod names;
pub mod numex;
mod organisations;
mod people;
mod places;
mod segments;
pub mod types;

pub(crate) use organisations::is_org_kind;
pub use types::{EMention, Entities, EntityInfo, Gender, Label};

use candidates::{Extractor, ParaMode};
use crate::text::{Kind, Text};

/// Finds the entities of a text, with the statistical recognizer when its
/// models are available ([`crate::ml::models`]). Never panics.
pub fn extract(text: &Text) -> Entities {
    match crate::ml::models() {
        Some(_) => extract_merged(text, &crate::ml::tag_text(text, None).1, true),
        None => extract_merged(text, &[], false),
    }
}

/// The rules alone.
pub fn extract_rules(text: &Text) -> Entities {
    extract_with(text, &[])
}

/// Finds the entities of a text, given the recognizer's spans (token ranges;
/// empty for the rules alone, unless the text carries the tagger's tags: then
/// the models ran and found no name). Never panics.
pub fn extract_with(text: &Text, model: &[combine::ModelSpan]) -> Entities {
    extract_merged(text, model, !model.is_empty() || !text.pos.is_empty())
}

/// [`extract_with`]; `models_ran`: the recognizer read the text (so a
/// guess of the rules it did not name may give way, `combine::merge`).
fn extract_merged(text: &Text, model: &[combine::ModelSpan], models_ran: bool) -> Entities {
    let mut x = Extractor::new(text);
    x.run();
    if models_ran {
        let usable: Vec<bool> = (0..text.len()).map(|k| !x.blocked[k] && x.modes[text.tokens[k].para] == ParaMode::Normal).collect();
        combine::merge(text, &mut x.cands, model, &usable);
    }
    // A name that fills a title in marks after a word for a work is the work:
    // "the drama “Silver Harbor,”", "Her album, “Saudade do Mar,” sold".
    for c in x.cands.iter_mut() {
        if work_title(text, c.start, c.end) {
            c.label = Some(Label::Misc);
            c.weak = false;
        }
    }
    names::link(text, x.cands)
}

/// Does `[a, b)` fill quotation marks (an article before it, a comma or a
/// stop after it) that follow a word for a work ("film", "album")?
fn work_title(t: &Text, a: usize, b: usize) -> bool {
    let mut s = a;
    if s > 0 && (t.is(s - 1, "the") || t.is(s - 1, "a")) {
        s -= 1;
    }
    if s < 2 || t.kind(s - 1) != Kind::Quote || t.tokens[s].space_before {
        return false;
    }
    let mut e = b;
    if e < t.len() && matches!(t.tok(e), "," | ".") {
        e += 1;
    }
    if e >= t.len() || t.kind(e) != Kind::Quote || t.tokens[e].space_before {
        return false;
    }
    let mut p = s - 2;
    if t.tok(p) == "," && p > 0 {
        p -= 1;
    }
    let mut buf = [0u8; 32];
    t.is_word(p) && crate::text::lexicon::ascii_lower(t.tok(p), &mut buf).is_some_and(crate::text::lexicon::is_work_noun)
}

#[cfg(test)]
mod tests;
