//! The rule extractor's driver: one survey of the document (which words
//! occur in lower case, how each paragraph is cased), then every capitalised
//! run is chunked (`chunks.rs`), cut (`segments.rs`) and classified
//! (`classify.rs`) into candidate mentions; headline paragraphs last.

use super::gazetteer::{self, FxMap, FxSet, Gazetteer};
use super::types::{Cand, Gender, Label};
use super::numex;
use crate::text::{Kind, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParaMode {
    Normal,
    /// Headline-style capitalisation: capitals are no evidence.
    Title,
    /// Shouting boilerplate: nothing is a name.
    Caps,
}

pub(super) struct Extractor<'t, 'a> {
    pub(super) text: &'t Text<'a>,
    pub(super) g: &'static Gazetteer,
    pub(super) buf: String,
    pub(super) lbuf: String,
    pub(super) blocked: Vec<bool>,
    /// Words that occur starting with a lower-case letter.
    pub(super) lower: FxSet<&'a str>,
    /// Capitalised words that occur away from a sentence start.
    pub(super) midcap: FxSet<&'a str>,
    pub(super) modes: Vec<ParaMode>,
    pub(super) cands: Vec<Cand>,
}

impl<'t, 'a> Extractor<'t, 'a> {
    pub(super) fn new(text: &'t Text<'a>) -> Self {
        Extractor {
            text,
            g: gazetteer::get(),
            buf: String::new(),
            lbuf: String::new(),
            blocked: vec![false; text.len()],
            lower: FxSet::default(),
            midcap: FxSet::default(),
            modes: Vec::new(),
            cands: Vec::new(),
        }
    }

    pub(super) fn run(&mut self) {
        let t = self.text;
        for (a, b, label) in numex::find(t) {
            self.blocked[a..b].iter_mut().for_each(|x| *x = true);
            self.push(a, b, Some(label), Gender::Unknown, false);
        }
        self.survey();
        let n = t.len();
        let mut i = 0;
        while i < n {
            let mode = self.modes[t.tokens[i].para];
            if mode != ParaMode::Normal || !self.name_start(i) {
                i += 1;
                continue;
            }
            if let Some(next) = self.dateline(i) {
                i = next;
                continue;
            }
            let j = self.chunk_end(i);
            self.segment(i, j);
            i = j;
        }
        self.title_paragraphs();
        self.cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    }

    /// One pass over the tokens: which words appear in lower case, which
    /// capitalised away from sentence starts, and how each paragraph is cased.
    pub(super) fn survey(&mut self) {
        let t = self.text;
        let paras = t.tokens.last().map_or(0, |x| x.para + 1);
        let mut caps = vec![0u32; paras];
        let mut lows = vec![0u32; paras];
        let mut shout = vec![0u32; paras];
        // Headline signs: a capitalised function word inside a sentence ("Not",
        // "Your"), or no full stop at the end.
        let mut headline = vec![false; paras];
        for i in 0..t.len() {
            let p = t.tokens[i].para;
            let last = i + 1 == t.len() || t.tokens[i + 1].para != p;
            if last && !matches!(t.tok(i), "." | "!" | "?" | "”" | "\"" | "’" | "'" | ")") {
                headline[p] = true;
            }
            if t.is_cap(i) && t.tok(i).len() > 1 && !t.is_all_caps(i) && self.g.is_common(t.tok(i)) && !self.initial(i) {
                headline[p] = true;
            }
        }
        for i in 0..t.len() {
            if t.kind(i) != Kind::Word {
                continue;
            }
            let w = t.tok(i);
            let Some(c) = w.chars().next() else { continue };
            let p = t.tokens[i].para;
            if c.is_lowercase() {
                // Standalone words only: "un" in "Jong-un" is no word of the text.
                if i == 0 || t.kind(i - 1) != Kind::Hyphen {
                    self.lower.insert(w);
                }
                lows[p] += 1;
            } else if c.is_uppercase() {
                caps[p] += 1;
                if t.is_all_caps(i) {
                    shout[p] += 1;
                }
                if !self.initial(i) {
                    self.midcap.insert(w);
                }
            }
        }
        self.modes = (0..paras)
            .map(|p| {
                let words = caps[p] + lows[p];
                if shout[p] >= 3 && lows[p] == 0 {
                    ParaMode::Caps
                } else if words >= 2 && lows[p] * 4 <= words && caps[p] > shout[p] + 1 && headline[p] {
                    ParaMode::Title
                } else {
                    ParaMode::Normal
                }
            })
            .collect();
        // A paragraph in title case does not make its words "capitalised elsewhere".
        if self.modes.iter().any(|m| *m != ParaMode::Normal) {
            let midcap = std::mem::take(&mut self.midcap);
            let mut keep = FxSet::default();
            for i in 0..t.len() {
                if self.modes[t.tokens[i].para] == ParaMode::Normal && midcap.contains(t.tok(i)) && !self.initial(i) {
                    keep.insert(t.tok(i));
                }
            }
            self.midcap = keep;
        }
    }

    pub(super) fn push(&mut self, a: usize, b: usize, label: Option<Label>, gender: Gender, weak: bool) {
        if a < b {
            self.cands.push(Cand { start: a, end: b, label, gender, plural: false, weak, titled: false, alias_of: None });
        }
    }

    /// Is this capitalised word an ordinary word (it also appears in lower
    /// case, or is a function word)?
    pub(super) fn seen_lower(&mut self, w: &str) -> bool {
        self.lbuf.clear();
        self.lbuf.extend(w.chars().flat_map(char::to_lowercase));
        self.lower.contains(self.lbuf.as_str())
    }

    /// Headlines, bylines and category lists: capitals say nothing there, so
    /// only names the rest of the document or the gazetteers know count.
    pub(super) fn title_paragraphs(&mut self) {
        let t = self.text;
        let g = self.g;
        if !self.modes.contains(&ParaMode::Title) {
            return;
        }
        // Names found in running text, by their token keys.
        let mut known: FxMap<String, Label> = FxMap::default();
        let mut longest = 1usize;
        for c in &self.cands {
            if let (Some(l), false) = (c.label, c.weak) {
                if matches!(l, Label::Person | Label::Org | Label::Loc | Label::Misc) {
                    known.insert(gazetteer::key(t, c.start, c.end, &mut self.buf).to_string(), l);
                    longest = longest.max(c.end - c.start);
                }
            }
        }
        let n = t.len();
        let mut i = 0;
        while i < n {
            if self.modes[t.tokens[i].para] != ParaMode::Title || !self.name_start(i) {
                i += 1;
                continue;
            }
            let para = t.tokens[i].para;
            let mut end = i;
            while end < n && t.tokens[end].para == para && !self.blocked[end] && end - i < 8 {
                end += 1;
            }
            let mut hit = None;
            // A given name and a surname outrank a town of that name ("Elizabeth Quat").
            if i + 1 < end && t.is_cap(i + 1) && !g.is_common(t.tok(i)) && g.places.get(t.tok(i + 1)).is_none() && g.known.get(t.tok(i + 1)).is_none() {
                if let Some(gender) = g.given_name(t.tok(i)) {
                    if g.places.get_span(t, i, i + 2, &mut self.buf).is_none() && !known.contains_key(gazetteer::key(t, i, i + 1, &mut self.buf)) {
                        self.push(i, i + 2, Some(Label::Person), gender, false);
                        i += 2;
                        continue;
                    }
                }
            }
            for k in (1..=longest.min(end - i)).rev() {
                if let Some(&l) = known.get(gazetteer::key(t, i, i + k, &mut self.buf)) {
                    hit = Some((k, l));
                    break;
                }
            }
            if hit.is_none() {
                hit = g
                    .places
                    .longest(t, i, end, &mut self.buf)
                    .map(|(k, _)| (k, Label::Loc))
                    .or_else(|| g.known.longest(t, i, end, &mut self.buf))
                    .or_else(|| g.demonyms.longest(t, i, end, &mut self.buf).map(|(k, _)| (k, Label::Misc)));
            }
            // "Glacier Museum Opens in Tromsø": a word after "in" ending a headline is a place.
            let closes = i + 1 >= n || t.tokens[i + 1].para != para || (i + 2 >= n || t.tokens[i + 2].para != para) && t.kind(i + 1) == Kind::Punct;
            if hit.is_none() && closes && i > 0 && t.tok(i - 1).eq_ignore_ascii_case("in") && !g.is_common(t.tok(i)) && !t.is_all_caps(i) {
                self.push(i, i + 1, Some(Label::Loc), Gender::Unknown, true);
                i += 1;
                continue;
            }
            if hit.is_none() && i + 1 < end && t.is_cap(i + 1) && !g.is_common(t.tok(i)) {
                if let Some(gender) = g.given_name(t.tok(i)) {
                    self.push(i, i + 2, Some(Label::Person), gender, false);
                    i += 2;
                    continue;
                }
            }
            match hit {
                Some((k, l)) => {
                    self.push(i, i + k, Some(l), Gender::Unknown, false);
                    i += k;
                }
                None => i += 1,
            }
        }
    }
}
