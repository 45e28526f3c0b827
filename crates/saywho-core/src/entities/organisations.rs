//! Evidence for organisations: a kind of organisation before or after the
//! name ("the retailer Tesco", ", a charity that …"), team roles ("Arsenal
//! manager Mikel Arteta"), acronyms of an earlier name, appositions.

use super::candidates::Extractor;
use crate::text::{Kind, Text};

crate::text::lexicon::word_list! {
    /// Kinds of organisation a name can stand in apposition to: "the union, Industri Energi,".
    /// (`data/lexicon/org_kinds.txt`)
    pub(crate) fn org_kinds = "org_kinds.txt";
}

crate::text::lexicon::word_list! {
    /// Kinds of organisation that stand right before a name: "the housing charity Shelter",
    /// "chipmaker Veltrix", "the tech giant Apple". (`data/lexicon/org_kinds_before.txt`)
    pub(crate) fn org_kinds_before = "org_kinds_before.txt";
}

crate::text::lexicon::word_list! {
    /// Roles in a team or firm, between its name and a person's: "Arsenal manager Mikel
    /// Arteta". (`data/lexicon/team_roles.txt`)
    pub(crate) fn team_roles = "team_roles.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case words after a name that make it an organisation: "The Standard newspaper".
    /// (`data/lexicon/org_nouns.txt`)
    pub(crate) fn org_nouns = "org_nouns.txt";
}

/// A lower-case word for a kind of organisation ("company", "chipmaker"):
/// "the lender said" speaks for the organisation named last (`quotes/sources.rs`).
pub(crate) fn is_org_kind(w: &str) -> bool {
    org_kinds().contains(w) || org_kinds_before().contains(w)
}

pub(super) fn initials_len(t: &Text, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| t.is_cap(k)).count()
}

/// Does the acronym at token `acr` abbreviate the name `[a, b)`? Its letters
/// are the initials of the name's capitalised words, in order, the first first.
pub(super) fn abbreviates(t: &Text, acr: usize, a: usize, b: usize) -> bool {
    let mut initials = (a..b).filter(|&k| t.is_cap(k)).filter_map(|k| t.tok(k).chars().next());
    let mut letters = t.tok(acr).chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return false };
    if initials.next() != Some(first) {
        return false;
    }
    letters.all(|l| initials.any(|i| i == l))
}

impl<'t, 'a> Extractor<'t, 'a> {
    /// Is the word before `a` a kind of organisation, lower case or opening
    /// the sentence ("the retailer Tesco", "Carmaker Toyota")?
    pub(super) fn org_kind_before(&mut self, a: usize) -> bool {
        if a == 0 {
            return false;
        }
        let t = self.text;
        let p = a - 1;
        if t.is_cap(p) && !self.initial(p) || t.is_all_caps(p) {
            return false;
        }
        self.lbuf.clear();
        self.lbuf.extend(t.tok(p).chars().flat_map(char::to_lowercase));
        let w = self.lbuf.as_str();
        org_kinds_before().contains(w) || org_kinds().contains(w) && !t.is_cap(p)
    }

    /// A team or company role and a capitalised word after a name ending at
    /// `b`: "Arsenal manager Mikel Arteta", "Celtics coach Joe Mazzulla".
    pub(super) fn team_role_after(&self, b: usize) -> bool {
        let t = self.text;
        b + 1 < t.len() && team_roles().contains(t.tok(b)) && t.is_cap(b + 1)
    }

    /// ", the …" / ", a …" after a name at `b`: an appositive may follow.
    pub(super) fn apposition_at(&self, b: usize) -> bool {
        let t = self.text;
        b + 2 < t.len() && t.tok(b) == "," && t.is_any(b + 1, &["the", "a", "an"])
    }

    /// The appositive's noun phrase ends at its head word `k`: punctuation,
    /// the sentence's end, or one of `next` follows.
    pub(super) fn phrase_ends_after(&self, k: usize, next: &[&str]) -> bool {
        let t = self.text;
        k + 1 >= t.len() || t.sent_of[k + 1] != t.sent_of[k] || t.kind(k + 1) == Kind::Punct && t.tok(k + 1) != "-" || t.is_any(k + 1, next)
    }

    /// ", the party of …", ", a charity that …", ", the militant group,"
    /// after a name at `b`: the kind of organisation it is, ending its phrase
    /// (not ", a company director").
    pub(super) fn org_kind_after(&self, b: usize) -> bool {
        let t = self.text;
        if !self.apposition_at(b) {
            return false;
        }
        let kind = |k: usize| k < t.len() && org_kinds().contains(t.tok(k));
        let k = if kind(b + 2) {
            b + 2
        } else if b + 3 < t.len() && t.is_word(b + 2) && kind(b + 3) {
            b + 3
        } else {
            return false;
        };
        self.phrase_ends_after(k, &["that", "which", "founded", "based", "led", "behind", "in", "for", "with", "whose", "known"])
            // ("the party of Imran Khan", not "the group of chemicals")
            || t.is(k, "party") && t.is(k + 1, "of")
    }
}
