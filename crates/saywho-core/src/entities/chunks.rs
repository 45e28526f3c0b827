//! Chunking: where a name starts and how far its capitalised run goes, with
//! the lower-case glue names carry ("Ministry of Finance", "Charles de
//! Gaulle", "Texas A&M"), datelines and initials.

use super::candidates::Extractor;
use super::gazetteer::{HeadPos, PlaceKind};
use super::types::{Gender, Label};
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Lower-case words that glue a name together: "Charles de Gaulle", "Osama bin Laden".
    /// (`data/lexicon/name_particles.txt`)
    pub(crate) fn particles = "name_particles.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case words after a hyphen that make a compound, not a syllable of a name:
    /// "Lahore-based", "Army-led", "Kim Jong-un" is a name (checked in chunks.rs).
    /// (`data/lexicon/compound_suffixes.txt`)
    pub(crate) fn compound_suffixes = "compound_suffixes.txt";
}

impl<'t, 'a> Extractor<'t, 'a> {
    /// At the start of a sentence, or of a quotation or a line after a colon.
    pub(super) fn initial(&self, i: usize) -> bool {
        let t = self.text;
        if t.starts_sentence(i) {
            return true;
        }
        i > 0 && (t.kind(i - 1) == Kind::Quote && (t.tokens[i - 1].space_before || i == 1) || t.tok(i - 1) == ":")
    }

    pub(super) fn name_start(&self, i: usize) -> bool {
        !self.blocked[i] && self.text.is_cap(i)
    }

    /// An all-capital abbreviation ("NASA", "U.S."), not a shouted word
    /// ("NOT", "HELP": seen in lower case, or a function word).
    pub(super) fn is_acronym(&self, i: usize) -> bool {
        let t = self.text;
        let w = t.tok(i);
        if !t.is_all_caps(i) || w.len() > 8 || self.g.is_common(w) {
            return false;
        }
        if !w.is_ascii() || w.contains('.') {
            return true;
        }
        let mut low = [0u8; 8];
        let mut title = [0u8; 8];
        for (k, c) in w.bytes().enumerate() {
            low[k] = c.to_ascii_lowercase();
            title[k] = if k == 0 { c } else { c.to_ascii_lowercase() };
        }
        let n = w.len();
        let low = std::str::from_utf8(&low[..n]).unwrap_or("");
        let title = std::str::from_utf8(&title[..n]).unwrap_or("");
        !(self.g.is_common(title) || self.lower.contains(low) && n > 3)
    }

    /// "OSLO —", "PORT ELLERY —", "LONDON, March 3 (Reuters) -": a place in
    /// capitals opening a paragraph. Before the dash it is a place whether a
    /// gazetteer knows it or not, and the agency in brackets is an
    /// organisation. Returns where the chunker goes on, or `None` if `i`
    /// opens no dateline.
    pub(super) fn dateline(&mut self, i: usize) -> Option<usize> {
        let t = self.text;
        let para = t.tokens[i].para;
        if !t.is_all_caps(i) || (i > 0 && t.tokens[i - 1].para == para) {
            return None;
        }
        let mut j = i;
        while j < t.len() && t.is_all_caps(j) && t.tokens[j].para == para {
            j += 1;
        }
        if j >= t.len() || !(t.kind(j) == Kind::Dash || t.is(j, "(") || t.is(j, ",")) {
            return None;
        }
        // After the place: ", March 3" (a date) or ", Ill." (a state), then "(AP)", then the dash.
        let mut k = j;
        if t.is(k, ",") {
            k += 1;
            while k < t.len() && k - j < 8 && t.tokens[k].para == para && (self.blocked[k] || t.is_cap(k) || t.is(k, ".") || t.is(k, ",")) {
                k += 1;
            }
        }
        let mut agency = None;
        if k + 2 < t.len() && t.is(k, "(") && t.is_cap(k + 1) && t.is(k + 2, ")") {
            agency = Some(k + 1);
            k += 3;
        }
        if k < t.len() && t.kind(k) == Kind::Dash && t.tokens[k].para == para && !self.g.is_common(t.tok(i)) {
            self.push(i, j, Some(Label::Loc), Gender::Unknown, false);
            if let Some(x) = agency.filter(|&x| !self.blocked[x]) {
                self.push(x, x + 1, Some(Label::Org), Gender::Unknown, false);
                self.blocked[x] = true;
            }
            return Some(j);
        }
        // Title-case the words and look them up: "NEW YORK" → "New York".
        let mut name = String::new();
        for k in i..j {
            if k > i {
                name.push(' ');
            }
            let w = t.tok(k);
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                name.push(c);
                name.extend(cs.flat_map(char::to_lowercase));
            }
        }
        if self.g.places.get(&name).is_some() && !self.g.is_common(t.tok(i)) {
            self.push(i, j, Some(Label::Loc), Gender::Unknown, false);
        }
        Some(i + 1)
    }

    /// The end of the capitalised run starting at `i`.
    pub(super) fn chunk_end(&mut self, i: usize) -> usize {
        let t = self.text;
        let n = t.len();
        let sent = t.sent_of[i];
        let mut j = i + 1;
        let mut has_of = false;
        while j < n && t.sent_of[j] == sent && !self.blocked[j] {
            let w = t.tok(j);
            if t.is_cap(j) && t.tokens[j].space_before {
                j += 1;
            } else if t.kind(j) == Kind::Hyphen && j + 1 < n && !self.blocked[j + 1] {
                if t.is_cap(j + 1) || t.kind(j + 1) == Kind::Number {
                    j += 2;
                } else if j + 3 < n
                    && t.kind(j + 1) == Kind::Word
                    && t.tok(j + 1).len() <= 3
                    && t.kind(j + 2) == Kind::Hyphen
                    && t.is_cap(j + 3)
                {
                    j += 4; // "Quaid-i-Azam"
                } else if self.name_syllable(j + 1) {
                    j += 2; // "Kim Jong-un", "Lau Siu-lai"
                } else {
                    break;
                }
            } else if w == "in" && j + 1 < n && t.is(j + 1, "charge") && t.is_cap(j + 1) && matches!(t.tok(j - 1), "Agent" | "Officer") {
                j += 2; // "Special Agent in Charge Robert Wheeler"
            } else if w == "&" && j + 1 < n && t.is_cap(j + 1) {
                j += 2;
            } else if w == "." && !t.tokens[j].space_before && j + 1 < n && t.is_cap(j + 1) && self.abbrev(j - 1) {
                j += 2; // "Steven F. Udvar-Hazy", "Lt. Gov."
            } else if (w == "’s" || w == "'s" || (matches!(w, "'" | "’") && !t.tokens[j].space_before && t.tok(j - 1).ends_with('s')))
                && self.title_before_possessive(i, j)
                && j + 1 < n
                && t.is_cap(j + 1)
            {
                // ("St Thomas' Hospital": the bare apostrophe after an s)
                j += 2; // "Prime Minister’s Office"
            } else if matches!(w, "of" | "for" | "on") && j + 1 < n && (self.of_head(i, j) || self.second_of(j, has_of)) {
                let k = if t.is(j + 1, "the") { j + 2 } else { j + 1 };
                if k < n && !self.blocked[k] && (t.is_cap(k)) && t.sent_of[k] == sent {
                    has_of = true;
                    j = k + 1;
                } else {
                    break;
                }
            } else if ((w == "and" || w == "&") && j + 1 < n && t.is_cap(j + 1) && !self.blocked[j + 1] && self.and_joins(i, j, has_of))
                || (particles().contains(w) && j + 1 < n && t.is_cap(j + 1) && !t.is_all_caps(j + 1) && t.is_cap(j - 1))
            {
                j += 2;
            } else if matches!(w, "al" | "el" | "ad" | "ar" | "as" | "ash" | "az" | "an")
                && j + 2 < n
                && t.kind(j + 1) == Kind::Hyphen
                && !t.tokens[j + 1].space_before
                && !t.tokens[j + 2].space_before
                && t.is_cap(j + 2)
                && t.is_cap(j - 1)
            {
                j += 3; // "Ahmed al-Rashid", "Abdel Fattah el-Sisi"
            } else {
                break;
            }
        }
        // Never past the sentence: "on X.\n\nVillanueva" is two.
        if let Some(k) = (i + 1..j.min(n)).find(|&k| t.sent_of[k] != sent) {
            j = k;
            while j > i + 1 && !t.is_word(j - 1) {
                j -= 1;
            }
        }
        // "Apple Inc.": the company's abbreviation keeps its dot inside a sentence.
        if j < n
            && t.is(j, ".")
            && !t.tokens[j].space_before
            && matches!(t.tok(j - 1), "Inc" | "Corp" | "Ltd" | "Co" | "Bros" | "Jr" | "Sr")
            && j + 1 < n
            && t.sent_of[j + 1] == sent
        {
            j += 1;
        }
        j
    }

    /// A lower-case syllable after a hyphen inside a name ("Jong-un",
    /// "Siu-lai"): short, never a word of its own in the text, and no
    /// compound suffix ("-based", "-led").
    pub(super) fn name_syllable(&self, k: usize) -> bool {
        let t = self.text;
        let w = t.tok(k);
        t.kind(k) == Kind::Word
            && (2..=6).contains(&w.len())
            && w.bytes().all(|c| c.is_ascii_lowercase())
            && !self.lower.contains(w)
            && !self.blocked[k]
            && !(k + 1 < t.len() && t.kind(k + 1) == Kind::Hyphen)
            && !compound_suffixes().contains(w)
    }

    /// Token `i` is an abbreviation or an initial that a dot follows.
    pub(super) fn abbrev(&self, i: usize) -> bool {
        let w = self.text.tok(i);
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase()) || crate::text::lexicon::is_abbreviation(w)
    }

    /// "Prime Minister’s Office": the run before the possessive is a title (or
    /// an eponym) and a head word follows.
    pub(super) fn title_before_possessive(&mut self, i: usize, j: usize) -> bool {
        let t = self.text;
        let g = self.g;
        if j + 1 >= t.len() {
            return false;
        }
        if matches!(g.heads.get(t.tok(j + 1)), Some((_, HeadPos::Of | HeadPos::Last | HeadPos::Both)))
            && (i..j).any(|s| g.titles.get_span(t, s, j, &mut self.buf).is_some())
        {
            return true;
        }
        // An eponym: "Alzheimer's Association", "Mayo Clinic Alzheimer's Disease Research Center".
        let w = t.tok(j - 1);
        let mut k = j + 1;
        while k < t.len() && t.is_cap(k) && t.sent_of[k] == t.sent_of[j] {
            k += 1;
        }
        // "St. Mary's Catholic Church"
        let saint = (i..j).any(|k| matches!(t.tok(k), "St" | "Saint" | "Ste"));
        if saint && matches!(g.heads.get(t.tok(k - 1)), Some((Label::Org | Label::Loc, HeadPos::Of | HeadPos::Last | HeadPos::Both))) {
            return true;
        }
        t.is_cap(j - 1)
            && !t.is_all_caps(j - 1)
            && w.chars().nth(2).is_some()
            && !(i..j).any(|k| t.tok(k) == "&")
            && matches!(g.heads.get(t.tok(k - 1)), Some((Label::Org | Label::Loc, HeadPos::Of | HeadPos::Last | HeadPos::Both)))
            && g.places.get(w).is_none()
            && g.known.get(w).is_none()
            && g.given_name(w).is_none()
            && g.demonym(w).is_none()
            && g.heads.get(w).is_none()
    }

    /// May "of"/"for"/"on" at `j` continue the run `[i, j)`? After a head
    /// word that takes a complement ("University of", "Law Society of Kenya",
    /// "Governor of"), but not before a located town ("… Museum of
    /// McMinnville, Oregon").
    pub(super) fn of_head(&mut self, i: usize, j: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let _ = i;
        let prev = t.tok(j - 1);
        if g.titles.get(prev).is_some() && t.is(j, "of") {
            return true; // "United States Secretary of State Marco Rubio": cut later
        }
        let head = if t.is(j, "on") {
            matches!(prev, "War" | "Committee" | "Commission" | "Council" | "Conference" | "Convention")
        } else {
            matches!(g.heads.get(prev), Some((_, HeadPos::Of)))
        };
        if !head {
            return false;
        }
        // The complement's end, then ", State" after it?
        let mut k = if t.is(j + 1, "the") { j + 2 } else { j + 1 };
        while k < t.len() && t.is_cap(k) && t.sent_of[k] == t.sent_of[j] {
            k += 1;
        }
        !(t.is(k, ",")
            && g.places.longest(t, k + 1, t.len(), &mut self.buf).is_some_and(|(_, p)| matches!(p, PlaceKind::State | PlaceKind::Country)))
    }

    /// A second complement inside an organisation's name: "Office for the
    /// Coordination of Humanitarian Affairs", "Organisation for the
    /// Prohibition of Chemical Weapons" (not before a place: "… of Pakistan").
    pub(super) fn second_of(&mut self, j: usize, has_of: bool) -> bool {
        let t = self.text;
        has_of
            && t.is(j, "of")
            && t.is_cap(j - 1)
            && self.g.places.get(t.tok(j - 1)).is_none()
            && t.is_cap(j + 1)
            && self.g.places.longest(t, j + 1, t.len(), &mut self.buf).is_none()
    }

    /// May "and" at `j` continue the run? In "Department of Defense and
    /// Strategic Studies" (after an "of" complement) and "National Air and
    /// Space Museum" (the words after it end in a head), but not in
    /// "Pakistan and India".
    pub(super) fn and_joins(&mut self, i: usize, j: usize, has_of: bool) -> bool {
        let t = self.text;
        let g = self.g;
        let mut k = j + 1;
        while k < t.len() && t.is_cap(k) && t.sent_of[k] == t.sent_of[j] && !self.blocked[k] {
            k += 1;
        }
        let ends_in_head = matches!(g.heads.get(t.tok(k - 1)), Some((l, HeadPos::Of | HeadPos::Last | HeadPos::Both)) if l != Label::Misc);
        let before_head = g.heads.get(t.tok(j - 1)).is_some_and(|(_, p)| p != HeadPos::First);
        if has_of {
            return g.places.longest(t, j + 1, k, &mut self.buf).is_none_or(|(n, _)| n < k - j - 1) && !before_head && !ends_in_head;
        }
        // Not "Nvidia and Advanced Micro Devices": a known name before "and" is
        // whole, and so is a person's ("Patricia Marquis and British Medical
        // Association council member …").
        let person = j >= i + 2 && g.given_name(t.tok(i)).is_some() && !g.is_common(t.tok(i)) && g.heads.get(t.tok(j - 1)).is_none();
        ends_in_head && !before_head && !person && g.places.get_span(t, i, j, &mut self.buf).is_none() && g.known.get_span(t, i, j, &mut self.buf).is_none()
    }
}
