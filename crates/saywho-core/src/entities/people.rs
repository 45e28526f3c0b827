//! Evidence for people: titles ("Prime Minister Shehbaz Sharif"), role
//! words, given names, ", a … expert" appositives, speech verbs and pronouns
//! after a name.

use super::candidates::Extractor;
use super::chunks::particles;
use super::gazetteer::{HeadPos, PlaceKind};
use super::organisations::team_roles;
use super::types::{Gender, Label};
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Adjectives that open a sentence before a role or a name and are no part of it: "Former
    /// England striker Alan Shearer", "Local MP Guy Opperman". Capitalised as at a sentence
    /// start. (`data/lexicon/role_modifiers.txt`)
    pub(crate) fn role_modifiers = "role_modifiers.txt";
}

crate::text::lexicon::word_list! {
    /// Offices held over a country or town: "the prime minister of Norland" (matched ignoring
    /// case). (`data/lexicon/offices.txt`)
    pub(crate) fn offices = "offices.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case verbs right after a name that read as its verb, so the name is a person or
    /// body acting: "Bernier was", "Okafor told" (besides regular -ed forms).
    /// (`data/lexicon/verbs_after_a_person.txt`)
    pub(crate) fn verbs_after_a_person = "verbs_after_a_person.txt";
}

crate::text::lexicon::word_list! {
    /// Titles after a portfolio word that may also be an organisation's head word: "Energy
    /// Minister", "Health Secretary" (matched ignoring case).
    /// (`data/lexicon/portfolio_titles.txt`)
    pub(crate) fn portfolio_titles = "portfolio_titles.txt";
}

impl<'t, 'a> Extractor<'t, 'a> {
    /// A role in a team, firm or office, whatever its case ("Striker", "spokeswoman").
    pub(super) fn role_word(&mut self, w: &str) -> bool {
        self.lbuf.clear();
        self.lbuf.extend(w.chars().flat_map(char::to_lowercase));
        self.g.roles.contains_key(self.lbuf.as_str()) || team_roles().contains(self.lbuf.as_str())
    }

    /// A title at token `i` (not running past `b`): (tokens, gender).
    pub(super) fn title_at(&mut self, i: usize, b: usize) -> Option<(usize, Gender)> {
        let t = self.text;
        let (mut k, gender) = self.g.titles.longest(t, i, b, &mut self.buf)?;
        if i + k < b && t.is(i + k, ".") && !t.tokens[i + k].space_before {
            k += 1;
        }
        // "Mr" alone or at the run's end still names nobody; the caller checks.
        Some((k, gender))
    }

    /// A capitalised word a title absorbs: "Finance" Minister, "Foreign" Secretary.
    pub(super) fn title_modifier(&mut self, p: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let w = t.tok(p);
        t.is_cap(p)
            && !t.is_all_caps(p)
            && g.places.get(w).is_none()
            && g.demonym(w).is_none()
            && g.known.get(w).is_none()
            && g.given_name(w).is_none()
            // ("Energy Minister": a portfolio may be an organisation's last head word.)
            && (g.heads.get(w).is_none() || matches!(g.heads.get(w), Some((Label::Org, HeadPos::Last))) && p + 1 < t.len() && t.is_any(p + 1, portfolio_titles().words()))
    }

    /// After "Governor of", "Secretary of": the office's complement, up to the
    /// name ("Washington" in "Governor of Washington Chris Gregoire" is a place).
    pub(super) fn title_complement(&mut self, mut q: usize, b: usize) -> usize {
        let t = self.text;
        let g = self.g;
        if q < b && t.is(q, "the") {
            q += 1;
        }
        let mut first = true;
        // Up to a given name, or the last one or two words unless they are ordinary words.
        while q < b && (first || (g.given_name(t.tok(q)).is_none() && (b - q > 2 || self.ordinary(q)))) {
            first = false;
            if let Some((n, _)) = g.places.longest(t, q, b, &mut self.buf) {
                if b - q >= n {
                    self.push(q, q + n, Some(Label::Loc), Gender::Unknown, false);
                    q += n;
                    continue;
                }
            }
            if self.is_acronym(q) {
                self.push(q, q + 1, Some(Label::Org), Gender::Unknown, false);
            }
            q += 1;
        }
        q
    }

    pub(super) fn given_gender(&self, a: usize, _b: usize) -> Gender {
        self.g.given_name(self.text.tok(a)).unwrap_or(Gender::Unknown)
    }

    /// Every token a capitalised alphabetic word (or a hyphen, an initial's dot).
    pub(super) fn personish(&self, a: usize, b: usize) -> bool {
        let t = self.text;
        (a..b).all(|k| {
            let w = t.tok(k);
            (t.is_cap(k) && !t.is_all_caps(k) && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’'))
                || (t.is_cap(k) && w.len() <= 6 && w.ends_with('.') && self.g.places.get(w).is_none()) // "J.K.
                || t.kind(k) == Kind::Hyphen
                || w == "."
                || particles().contains(w)
                || (k > a && t.kind(k - 1) == Kind::Hyphen && self.name_syllable(k))
        }) && b - a <= 5
            // No function word inside ("Doctors Without Borders") and no role noun first.
            && (a + 1..b).all(|k| !self.g.is_common(t.tok(k)))
            && !self.g.roles.contains_key(t.tok(a).to_lowercase().trim_end_matches('s'))
    }

    /// "A spokesperson for the firm, Lena Park, told …", "Tom Bridge said": a
    /// given name and exactly one more word, in apposition or speaking, is a
    /// person though the word is a place's head word ("Park", "Bridge").
    pub(super) fn given_name_and_word(&mut self, a: usize, b: usize, the: bool) -> Option<Gender> {
        let t = self.text;
        let g = self.g;
        let w = t.tok(a);
        if b - a != 2 || the || !t.is_cap(a + 1) || t.is_all_caps(a) || t.is_all_caps(a + 1) || g.is_common(w) || w.len() < 3 {
            return None;
        }
        if a > 0 && matches!(t.tok(a - 1), "the" | "at" | "in" | "near" | "from" | "to" | "on") {
            return None;
        }
        let gender = g.given_name(w)?;
        if g.places.get(w).is_some() || (self.initial(a) && self.ordinary(a)) {
            return None;
        }
        let apposition = a > 0 && t.is(a - 1, ",") && t.is(b, ",");
        // "wrote Elena Park, an analyst at the bank": speech before, a role after.
        let speech_before = a > 0 && g.speech.contains(t.tok(a - 1));
        let role_after = t.is(b, ",") && self.appositive_role(b + 1).is_some();
        (apposition || self.speech_after(b) || speech_before || role_after).then_some(gender)
    }

    /// Evidence that `[a, b)` names a person.
    pub(super) fn person_evidence(&mut self, a: usize, b: usize) -> Option<Gender> {
        let t = self.text;
        let g = self.g;
        let n = b - a;
        let first = t.tok(a);
        let given = g.given_name(first).filter(|_| first.len() > 2 && !particles().words().iter().any(|p| p.eq_ignore_ascii_case(first)));
        // A role noun before: "spokeswoman Sujata Raisinghani", "then-girlfriend Julie Couillard".
        if a > 0 {
            if let Some(&gender) = g.roles.get(t.tok(a - 1)) {
                if self.personish(a, b) {
                    return Some(if gender == Gender::Unknown { given.unwrap_or(Gender::Unknown) } else { gender });
                }
            }
            // …capitalised as the sentence's first word: "Striker Kylian Mbappé".
            if self.initial(a - 1) && self.role_word(t.tok(a - 1)) && b - a >= 2 && self.personish(a, b) {
                return Some(given.unwrap_or(Gender::Unknown));
            }
        }
        if !self.personish(a, b) {
            return None;
        }
        // "Its managing director, Kristalina Georgieva, said"
        // ("The foreign minister of Kenya, Musalia Mudavadi, said": the role's complement between.)
        if a >= 2 && t.is(a - 1, ",") && t.is(b, ",") {
            let mut r = a - 2;
            let mut steps = 0;
            while r > 1 && steps < 5 && (t.is_cap(r) || t.is(r, "the")) && !g.roles.contains_key(t.tok(r)) {
                r -= 1;
                steps += 1;
            }
            let role_at = if r == a - 2 { Some(r) } else if r > 0 && t.is(r, "of") { Some(r - 1) } else { None };
            if let Some(&gender) = role_at.and_then(|r| g.roles.get(t.tok(r))) {
                return Some(if gender == Gender::Unknown { given.unwrap_or(Gender::Unknown) } else { gender });
            }
        }
        // A given name and a surname: "Julie Hahn", "Charles Bolden" (not "the
        // Mayo Clinic", "San Rafael Ca", "Georgia Tech").
        let place_first = match g.places.longest(t, a, b, &mut self.buf) {
            Some((k, kind)) => k >= 2 || !matches!(kind, PlaceKind::City),
            None => false,
        };
        let ends_in_name = t.is_cap(b - 1) || (b - a >= 3 && t.kind(b - 2) == Kind::Hyphen);
        if n >= 2 && ends_in_name && !(a > 0 && matches!(t.tok(a - 1), "the" | "at")) && !place_first {
            if let Some(gender) = given {
                if !g.is_common(t.tok(a)) || !self.initial(a) {
                    return Some(gender);
                }
            }
        }
        // ", a Lahore-based national-security expert", ", former chair of …"
        if t.is(b, ",") && !(n == 1 && self.initial(a) && self.ordinary(a)) {
            if let Some(gender) = self.appositive_role(b + 1) {
                if n >= 2 || g.places.get(t.tok(a)).is_none() {
                    return Some(if gender == Gender::Unknown { given.unwrap_or(Gender::Unknown) } else { gender });
                }
            }
        }
        // "Thet Naing Oo, 45, a farmer": an age in apposition. (Two words or
        // more, and no place's name: not a count in a list, "Ohio, 66, and …".)
        let age = |k: usize| k < t.len() && t.kind(k) == Kind::Number && t.tok(k).len() <= 3 && t.tok(k).parse::<u32>().is_ok_and(|y| (1..120).contains(&y));
        if n >= 2 && t.is(b, ",") && age(b + 1) && b + 2 < t.len() && t.is_any(b + 2, &[",", ".", ";"]) && g.places.longest(t, a, b, &mut self.buf).is_none() {
            return Some(given.unwrap_or(Gender::Unknown));
        }
        // "Lau Siu-lai": a hyphenated syllable marks an East Asian given name.
        if n >= 3 && (a + 1..b).any(|k| t.kind(k - 1) == Kind::Hyphen && self.name_syllable(k)) {
            return Some(given.unwrap_or(Gender::Unknown));
        }
        // "Wu Chi-wai of the Democratic Party", "Clive Black of Shore Capital"
        if n >= 2 && b + 1 < t.len() && matches!(t.tok(b), "of" | "from") {
            let mut k = b + 1;
            if t.is(k, "the") {
                k += 1;
            }
            let mut e = k;
            while e < t.len() && t.is_cap(e) && t.sent_of[e] == t.sent_of[b] {
                e += 1;
            }
            if e > k && (self.is_acronym(k) && e == k + 1 || self.head_label(k, e) == Some(Label::Org)) {
                return Some(given.unwrap_or(Gender::Unknown));
            }
        }
        // "Maxime Bernier said", "said Daniel Osei" (but "analysts at Standard Chartered said")
        // (Nor "Air Canada said": a word and a country is a firm or an agency.)
        let at = a > 0 && matches!(t.tok(a - 1), "at" | "of" | "from" | "with");
        let country_last = n == 2 && given.is_none() && g.places.get(t.tok(b - 1)) == Some(PlaceKind::Country);
        if n >= 2 && !at && !country_last && (self.speech_after(b) || (a > 0 && g.speech.contains(t.tok(a - 1)))) {
            return Some(given.unwrap_or(Gender::Unknown));
        }
        None
    }

    /// A role noun in the appositive starting at `i`, before its end.
    pub(super) fn appositive_role(&self, i: usize) -> Option<Gender> {
        let t = self.text;
        let g = self.g;
        let sent = t.sent_of.get(i).copied()?;
        let first = t.tok(i);
        let possessor = i + 1 < t.len() && matches!(t.tok(i + 1), "’s" | "'s"); // ", China's president"
        let lower_opener =
            matches!(first, "a" | "an" | "the" | "former" | "then" | "now" | "also" | "who") || g.roles.contains_key(first) || possessor;
        // ", NASA Administrator": after a capital, only a capitalised title counts.
        if !lower_opener && !t.is_cap(i) {
            return None;
        }
        for k in i..(i + 10).min(t.len()) {
            if t.sent_of[k] != sent || matches!(t.tok(k), "," | ";" | ":" | "(" | ")" | "." | "“" | "\"") {
                break;
            }
            let w = t.tok(k);
            if let (true, Some(&gender)) = (lower_opener, g.roles.get(w)) {
                return Some(gender);
            }
            if t.is_cap(k) {
                if let Some(gender) = g.titles.get(w) {
                    return Some(gender);
                }
            }
        }
        None
    }

    pub(super) fn speech_after(&self, b: usize) -> bool {
        b < self.text.len() && self.g.speech.contains(self.text.tok(b))
    }

    /// A lower-case word after a name that reads as its verb: "was", "has", "-ed".
    pub(super) fn verb_like(&self, b: usize) -> bool {
        let t = self.text;
        if b >= t.len() || t.kind(b) != Kind::Word {
            return false;
        }
        let w = t.tok(b);
        verbs_after_a_person().contains(w)
            || (w.len() > 4 && w.ends_with("ed") && w.chars().next().is_some_and(|c| c.is_lowercase()))
    }

    /// "he"/"she" later in the same sentence: "… Bernier was forced to resign … after he left …".
    pub(super) fn pronoun_follows(&self, b: usize) -> bool {
        let t = self.text;
        let Some(&sent) = t.sent_of.get(b) else { return false };
        (b..t.len()).take_while(|&k| t.sent_of[k] == sent).any(|k| matches!(t.tok(k), "he" | "she" | "his" | "her"))
    }
}
