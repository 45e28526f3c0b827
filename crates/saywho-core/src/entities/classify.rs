//! Classifying one name: head words, gazetteers, the evidence for people,
//! organisations and places weighed in order, and ordinary capitalised words
//! that name nothing.

use super::candidates::Extractor;
use super::gazetteer::{self, HeadPos, PlaceKind};
use super::organisations::{abbreviates, initials_len, org_kinds, org_kinds_before, org_nouns, team_roles};
use super::people::offices;
use super::places::place_nouns;
use super::types::{Gender, Label};
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Capitalised qualifiers before a known place that make one place with it: "South
    /// Vietnam", "Northern Nigeria", "Greater London". Exact case.
    /// (`data/lexicon/place_qualifiers.txt`)
    pub(crate) fn place_qualifiers = "place_qualifiers.txt";
}

crate::text::lexicon::word_list! {
    /// Words for a broadcaster's station or channel after its name: "BBC Radio Kent", "Sky
    /// Sports News". Exact case. (`data/lexicon/channel_words.txt`)
    pub(crate) fn channel_words = "channel_words.txt";
}

impl<'t, 'a> Extractor<'t, 'a> {
    /// The class a head word gives the name `[a, b)`.
    pub(super) fn head_label(&mut self, a: usize, b: usize) -> Option<Label> {
        let t = self.text;
        let g = self.g;
        if b - a < 2 {
            return None;
        }
        let last = if t.is(b - 1, ".") { b - 2 } else { b - 1 };
        if let Some((n, (l, HeadPos::First | HeadPos::Both))) = g.heads.longest(t, a, b, &mut self.buf) {
            if n < b - a {
                // "Port Ellery Gazette", "Mount Sinai Hospital": an organisation's
                // head word at the end outranks a place's at the start.
                if l == Label::Loc && matches!(g.heads.get(t.tok(last)), Some((Label::Org, HeadPos::Last | HeadPos::Of | HeadPos::Both))) {
                    return Some(Label::Org);
                }
                return Some(l);
            }
        }
        if let Some((l, p)) = g.heads.get(t.tok(last)) {
            if p != HeadPos::First {
                return Some(l);
            }
        }
        // "Ministry of Finance", "War on Terror", "National Museum of the U.S. Air Force"
        for k in a + 1..b {
            if matches!(t.tok(k), "of" | "for" | "on") {
                if let Some((l, HeadPos::Of)) = g.heads.get(t.tok(k - 1)) {
                    return Some(l);
                }
            }
        }
        None
    }

    /// Classifies the name `[a, b)`. `titled`: a title stood before it (with
    /// the title's gender).
    pub(super) fn classify(&mut self, a: usize, b: usize, the: bool, titled: Option<Gender>) {
        let t = self.text;
        let g = self.g;
        if a >= b {
            return;
        }
        let n = b - a;
        if let Some(gender) = titled {
            // "Gen Z" is no person: a name after a title has a word of two letters or more.
            if !(a..b).any(|k| t.kind(k) == Kind::Word && t.tok(k).chars().nth(1).is_some()) {
                return;
            }
            let gender = if gender == Gender::Unknown { self.given_gender(a, b) } else { gender };
            let i = self.cands.len();
            self.push(a, b, Some(Label::Person), gender, false);
            self.cands[i].titled = true;
            return;
        }
        if let Some(l) = g.known.get_span(t, a, b, &mut self.buf) {
            // "the Amazon" is the river and its forest, not the firm.
            let l = if the && n == 1 && t.tok(a) == "Amazon" { Label::Loc } else { l };
            return self.push(a, b, Some(l), Gender::Unknown, false);
        }
        // "COP30", "MH370": capitals and a number are an event or a code.
        if n == 1 && {
            let w = t.tok(a);
            let letters = w.bytes().take_while(u8::is_ascii_uppercase).count();
            letters >= 2 && letters < w.len() && w.bytes().skip(letters).all(|c| c.is_ascii_digit())
        } {
            return self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
        }
        // "the California Department of Forestry and Fire Protection, known as
        // Cal Fire": another name of the organisation just named.
        if a >= 3 && t.is(a - 1, "as") && t.is(a - 2, "known") && t.tok(a - 3) == "," {
            if let Some(prev) = self.cands.iter().rev().find(|c| c.end == a - 3 && c.label == Some(Label::Org)).map(|c| c.start) {
                let i = self.cands.len();
                self.push(a, b, Some(Label::Org), Gender::Unknown, false);
                if let Some(c) = self.cands.get_mut(i) {
                    c.alias_of = Some(prev);
                }
                return;
            }
        }
        // "In Uttar Pradesh, the most populous state,": a place with its kind in apposition.
        if self.place_kind_after(b) && g.given_name(t.tok(a)).is_none() && g.known.get_span(t, a, b, &mut self.buf).is_none() {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // "Pakistan Tehreek-e-Insaf, the party of …", "Hamas, the militant group,":
        // a name with the kind of organisation it is in apposition.
        if self.org_kind_after(b) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.demonyms.get_span(t, a, b, &mut self.buf).is_none() && g.given_name(t.tok(a)).is_none() {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // "the Boston Celtics", "the Chicago Bulls": a city and a plural is a
        // team (not "San Franciscans", "Sydneysiders": a city's people).
        let w = t.tok(b - 1);
        let plural = n >= 2 && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && t.is_cap(b - 1) && !["ans", "ites", "siders"].iter().any(|x| w.ends_with(x));
        if plural && g.heads.get(w).is_none() && g.places.get(w).is_none() && g.given_name(w).is_none() {
            if let Some((k, PlaceKind::City | PlaceKind::Capital)) = g.places.longest(t, a, b, &mut self.buf) {
                if a + k + 1 == b {
                    return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
                }
            }
        }
        // A known organisation's national branch: "Kenya Red Cross", "Greenpeace Africa".
        for k in a + 1..b {
            let org = |x: usize, y: usize, buf: &mut String| g.known.get_span(t, x, y, buf) == Some(Label::Org);
            let place = |x: usize, y: usize, buf: &mut String| g.places.get_span(t, x, y, buf).is_some();
            // (or a nationality's: "the British Red Cross"; split() below takes
            // words shaped like one that no list knows, "the Philippine Red Cross")
            let national = k == a + 1 && g.demonym(t.tok(a)) == Some(false);
            if (org(a, k, &mut self.buf) && place(k, b, &mut self.buf)) || ((national || place(a, k, &mut self.buf)) && org(k, b, &mut self.buf)) {
                return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
            }
            // A broadcaster's station or channel: "BBC Radio Kent", "Sky Sports News".
            if channel_words().contains(t.tok(k))
                && (org(a, k, &mut self.buf) || (k == a + 1 && self.is_acronym(a)))
            {
                return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
            }
        }
        if g.places.get_span(t, a, b, &mut self.buf).is_some()
            || gazetteer::folded_key(t, a, b, &mut self.buf).is_some_and(|k| g.places.get(k).is_some())
        {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // "South Vietnam", "Northern Nigeria", "Greater London"
        if n >= 2
            && place_qualifiers().contains(t.tok(a))
            && g.places.get_span(t, a + 1, b, &mut self.buf).is_some()
        {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // Abbreviated states: "Springfield, Ill.", "Calif."
        if t.is(b, ".") && !t.tokens[b].space_before && g.places.get_span(t, a, b + 1, &mut self.buf).is_some() {
            return self.push(a, b + 1, Some(Label::Loc), Gender::Unknown, false);
        }
        // "St. Mary", "St. Louis": a saint's name is one name.
        if n >= 3 && matches!(t.tok(a), "St" | "Ste") && t.is(a + 1, ".") && self.head_label(a, b).is_none() {
            let l = if g.places.get_span(t, a, b, &mut self.buf).is_some() { Label::Loc } else { Label::Misc };
            return self.push(a, b, Some(l), Gender::Unknown, true);
        }
        if n == 1 {
            // Party members: "Conservatives", "Democrats".
            if let Some(Label::Misc) = t.tok(a).strip_suffix('s').and_then(|w| g.known.get(w)) {
                self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
                if let Some(c) = self.cands.last_mut() {
                    c.plural = true;
                }
                return;
            }
            // (Not "Celtics coach Joe Mazzulla": before a team role, a team.)
            let team = self.team_role_after(b);
            if let Some(plural) = g.demonym(t.tok(a)).filter(|_| !team) {
                self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
                if let Some(c) = self.cands.last_mut() {
                    c.plural = plural;
                }
                return;
            }
        } else if g.demonyms.get_span(t, a, b, &mut self.buf).is_some() {
            return self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
        }
        // "Ashford Town", "Luton Town": a town and "Town" that the gazetteer
        // does not know as one place ("Cape Town") is a club.
        // (A town too small for the gazetteer still makes "Ashford Town".)
        let town = |w: &str| g.places.get(w).is_some() || (!g.is_common(w) && g.given_name(w).is_none() && g.heads.get(w).is_none());
        // (Not "City": "in Washington City" is as often the place.)
        if n == 2 && t.is(a + 1, "Town") && town(t.tok(a)) {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        if let Some(l) = self.head_label(a, b) {
            // "Manchester City manager Pep Guardiola": a club, not the city.
            if l == Label::Loc && self.team_role_after(b) {
                return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
            }
            if l == Label::Loc {
                if let Some(gender) = self.given_name_and_word(a, b, the) {
                    return self.push(a, b, Some(Label::Person), gender, false);
                }
            }
            return self.push(a, b, Some(l), Gender::Unknown, false);
        }
        if (a..b).any(|k| t.tok(k) == "&") {
            // "Q&A", "R&D", "M&A" are kinds of thing, not firms (unlike "P&G").
            if n == 3 && matches!((t.tok(a), t.tok(a + 2)), ("Q", "A") | ("R", "D") | ("M", "A")) {
                return;
            }
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // "WHO" after "World Health Organization", though "Who" is a common word.
        let expands = n == 1
            && t.is_all_caps(a)
            && self.cands.iter().rev().take(200).any(|c| c.end - c.start >= 2 && abbreviates(t, a, c.start, c.end) && initials_len(t, c.start, c.end) == t.tok(a).len());
        if n == 1 && (self.is_acronym(a) || expands) {
            let i = self.cands.len();
            self.push(a, b, Some(Label::Org), Gender::Unknown, false);
            // "Kennedy Space Center (KSC)"
            if a >= 2 && t.is(a - 1, "(") && t.is(b, ")") {
                let prev = self.cands[..i].iter().rev().find(|c| c.end == a - 1).map(|c| (c.start, c.end));
                self.cands[i].alias_of = prev.filter(|&(s, e)| abbreviates(t, a, s, e)).map(|(s, _)| s);
            }
            return;
        }
        // "Iran-Israel", "India-Pakistan": places joined by hyphens.
        if n >= 3 && (a..b).all(|k| if (k - a) % 2 == 1 { t.kind(k) == Kind::Hyphen } else { g.places.get(t.tok(k)).is_some() }) {
            return self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
        }
        // "New York-based", "Lahore-based"
        if b + 1 < t.len() && t.kind(b) == Kind::Hyphen && t.is(b + 1, "based") {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // "the Guaiba river", "Rio Grande do Sul state" (not "Harbour city
        // votes …": an ordinary noun opening a headline or sentence).
        // (Not "a dominantly Italian-American neighborhood": a people's, not a name.)
        let peoples = || (a..b).all(|k| t.kind(k) == Kind::Hyphen || g.demonym(t.tok(k)).is_some());
        if b < t.len() && place_nouns().contains(t.tok(b)) && !peoples() && !(n == 1 && self.initial(a) && self.ordinary_noun(a)) {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // "The Standard newspaper", "the Likud party": a name before the kind of organisation it is.
        if b < t.len() && org_nouns().contains(t.tok(b)) && !(n == 1 && self.initial(a) && self.ordinary_noun(a)) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.demonyms.get_span(t, a, b, &mut self.buf).is_none() {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // "Daniel Hartley, of Armley, will appear", "Jane Doe, 42, of Leeds": where a person lives.
        if a >= 3 && t.is(a - 1, "of") && t.tok(a - 2) == "," && (b >= t.len() || matches!(t.tok(b), "," | "." | ";")) {
            let p = a - 3;
            let after_person = self.cands.iter().rev().take(3).any(|c| c.end == p + 1 && c.label == Some(Label::Person));
            let age = t.kind(p) == Kind::Number && p >= 2 && t.tok(p - 1) == "," && self.cands.iter().rev().take(3).any(|c| c.end == p - 1 && c.label == Some(Label::Person));
            if after_person || age {
                return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
            }
        }
        // "the housing charity Shelter", "Chipmaker Veltrix said": after the kind of organisation it is.
        if self.org_kind_before(a) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.demonyms.get_span(t, a, b, &mut self.buf).is_none() && g.given_name(t.tok(a)).is_none() {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // "the Eastgate coal terminal", "Kelso station": an unknown name before a facility.
        if self.facility_after(b) && !(n == 1 && self.initial(a) && self.ordinary_noun(a)) && g.places.longest(t, a, b, &mut self.buf).is_none() {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, true);
        }
        if let Some(gender) = self.person_evidence(a, b) {
            return self.push(a, b, Some(Label::Person), gender, false);
        }
        // "Kanata, Ontario", "McMinnville, Oregon"
        if n <= 3 && t.is(b, ",") && b + 1 < t.len() {
            if let Some((m, k)) = g.places.longest(t, b + 1, t.len(), &mut self.buf) {
                let possessive = b + 1 + m < t.len() && matches!(t.tok(b + 1 + m), "’s" | "'s");
                if matches!(k, PlaceKind::State | PlaceKind::Country) && !possessive && (a..b).all(|x| t.is_cap(x) || t.kind(x) == Kind::Hyphen) {
                    return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
                }
            }
        }
        // "Environment Canada", "Air Canada": a plain word and a country.
        if n == 2 && g.places.get(t.tok(b - 1)) == Some(PlaceKind::Country) && self.plain_word(a) {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // Codes and models: "STS-135", "Launch Pad 39A", "Boeing 747".
        // ("Ashford Town 2-1": a score follows the name.)
        let digits = |k: usize| t.tok(k).starts_with(|c: char| c.is_ascii_digit());
        let score = b + 2 < t.len() && matches!(t.kind(b + 1), Kind::Hyphen | Kind::Dash) && t.kind(b + 2) == Kind::Number;
        let number_after = b < t.len() && digits(b) && t.tokens[b].space_before && !self.blocked[b] && !score;
        if (a..b).any(digits) || (n >= 2 && number_after) {
            let e = if number_after { b + 1 } else { b };
            return self.push(a, e, Some(Label::Misc), Gender::Unknown, true);
        }
        // A bare prefix: "the Space Shuttle program".
        if let Some((k, (Label::Misc, HeadPos::First))) = g.heads.longest(t, a, b, &mut self.buf) {
            if k == n {
                return self.push(a, b, Some(Label::Misc), Gender::Unknown, true);
            }
        }
        if n >= 2 && self.split(a, b) {
            return;
        }
        let initial = self.initial(a);
        let verb_after = self.speech_after(b);
        // "Her company, Rooftop Apiaries,", "The operator, Northline Rail, said":
        // a name in apposition to a kind of organisation.
        if a >= 2 && t.is(a - 1, ",") && org_kinds().contains(t.tok(a - 2)) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.given_name(t.tok(a)).is_none() {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        // "Arsenal manager Mikel Arteta", "Chelsea boss Enzo Maresca": a name
        // before a team or company role and a person is the team or company,
        // and so is the same name elsewhere in the story ("Arsenal beat Chelsea").
        if self.team_role_after(b) && g.places.get_span(t, a, b, &mut self.buf).is_none() {
            return self.push(a, b, Some(Label::Org), Gender::Unknown, false);
        }
        if n == 1 {
            if t.tok(a).chars().nth(1).is_none() {
                return; // a lone letter: "D-N.Y.", "X"
            }
            if b < t.len() && t.kind(b) == Kind::Number && !self.blocked[b] && !initial && !(b + 1 < t.len() && matches!(t.kind(b + 1), Kind::Hyphen | Kind::Dash)) {
                return self.push(a, b + 1, Some(Label::Misc), Gender::Unknown, true); // "Phase 3", "Vostok 1"
            }
            // "Amazon said": a bare name that speaks, never introduced in full,
            // is an organisation; a surname of someone named in full links later.
            // ("Union officials in Penang said": after "in", a place.)
            if verb_after && !the && !(initial && self.ordinary(a)) && !(a > 0 && t.is(a - 1, "in")) {
                return self.push(a, b, Some(Label::Org), Gender::Unknown, true);
            }
            let w = t.tok(a);
            // A first name by itself: "Suzanne is pregnant", "from Pauline".
            if g.given_name(w).is_some() && !g.is_common(w) && !t.is_all_caps(a) && !the && (self.verb_like(b) || verb_after) && !self.ordinary(a) {
                return self.push(a, b, Some(Label::Person), g.given_name(w).unwrap_or(Gender::Unknown), true);
            }
            if initial || g.is_common(w) {
                return self.push(a, b, None, Gender::Unknown, true);
            }
            // "pilgrims in Mecca", "projects in Halvik and Marren": a place reading.
            // ("grew up in Paisley,": a word that is also a given name reads as a
            // place after "in" where the phrase ends, not in "in Ann's view",
            // "in Case 22-506".)
            let ends_phrase = b >= t.len() || matches!(t.tok(b), "," | "." | ";" | ":" | "and" | "or" | ")") || self.verb_like(b);
            if !the && (g.given_name(w).is_none() || (a > 0 && t.is(a - 1, "in") && ends_phrase)) && self.place_reading(a, b) {
                return self.push(a, b, Some(Label::Loc), Gender::Unknown, true);
            }
            // "at Enron": a workplace. ("the Holocaust", "the World" stay MISC.)
            // "president of Earthjustice", "head of Interpol": a role's organisation.
            let of_role = a >= 2 && t.is(a - 1, "of") && {
                let r = t.tok(a - 2).to_lowercase();
                g.roles.contains_key(r.as_str()) || team_roles().contains(r.as_str()) || matches!(r.as_str(), "head" | "president" | "director" | "chair" | "leader" | "member" | "members")
            };
            let at = a > 0 && matches!(t.tok(a - 1), "at" | "joined") || of_role;
            // "the deputy prime minister of Norland", "the mayor of Halvik": an office's country or town.
            let office_of = a >= 2 && t.is(a - 1, "of") && t.is_any(a - 2, offices().words());
            let l = if office_of { Label::Loc } else if at { Label::Org } else { Label::Misc };
            return self.push(a, b, Some(l), Gender::Unknown, true);
        }
        let locative = a > 0 && matches!(t.tok(a - 1), "in" | "near" | "outside" | "across" | "throughout");
        if locative && !verb_after && n > 1 {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, true);
        }
        let at = a > 0 && matches!(t.tok(a - 1), "at" | "of" | "from" | "with");
        let l = if the || at {
            Label::Org
        } else if self.personish(a, b) && (verb_after || self.verb_like(b) || self.pronoun_follows(b)) {
            Label::Person
        } else {
            Label::Misc
        };
        let gender = if l == Label::Person { self.given_gender(a, b) } else { Gender::Unknown };
        self.push(a, b, Some(l), gender, true)
    }

    /// A capitalised word that is an ordinary word: seen in lower case, or a
    /// role noun ("Diplomats emphasize …").
    pub(super) fn ordinary(&mut self, a: usize) -> bool {
        let w = self.text.tok(a);
        if self.seen_lower(w) || self.g.is_common(w) || (w.len() > 5 && w.ends_with("ly") && self.g.given_name(w).is_none()) {
            return true;
        }
        let l = self.lbuf.as_str();
        // "Analysts", "Insurers", "Retailers": people or firms of a kind.
        self.g.roles.contains_key(l)
            || l.strip_suffix('s').is_some_and(|x| self.g.roles.contains_key(x) || org_kinds().contains(x) || org_kinds_before().contains(x))
    }

    /// An ordinary word, or a head word by itself ("Harbour", "Bridge",
    /// "Museum"): as the first word of a sentence it is a common noun.
    pub(super) fn ordinary_noun(&mut self, a: usize) -> bool {
        let w = self.text.tok(a);
        !self.text.is_all_caps(a) && (self.g.heads.get(w).is_some() || self.ordinary(a))
    }

    /// A capitalised word that names nothing by itself ("Environment").
    pub(super) fn plain_word(&mut self, a: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let w = t.tok(a);
        !t.is_all_caps(a)
            && g.places.get(w).is_none()
            && g.given_name(w).is_none()
            && g.demonym(w).is_none()
            && g.titles.get(w).is_none()
            && g.known.get(w).is_none()
            && !(place_qualifiers().contains(w) || matches!(w, "New" | "Old"))
            && (!self.initial(a) || self.midcap.contains(w) || !self.seen_lower(w))
    }
}
