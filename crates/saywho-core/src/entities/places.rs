//! Evidence for places: place nouns and kinds after a name ("the Guaiba
//! river", ", a suburb of Noida"), facilities ("Eastgate coal terminal"), and
//! prepositions and coordination that share a place reading.

use super::candidates::Extractor;
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Lower-case facilities after a name that make it a place: "Eastgate coal terminal".
    /// (`data/lexicon/facility_nouns.txt`)
    pub(crate) fn facility_nouns = "facility_nouns.txt";
}

crate::text::lexicon::word_list! {
    /// Kinds of place, in apposition only (with place_nouns.txt): "Kasna, a suburb of Noida",
    /// ", the capital's main square,". (`data/lexicon/place_kinds.txt`)
    pub(crate) fn place_kinds = "place_kinds.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case words after a name that make it a place: "the Guaiba river", "Kent county";
    /// also kinds of place in apposition: ", a town in …". (`data/lexicon/place_nouns.txt`)
    pub(crate) fn place_nouns = "place_nouns.txt";
}

crate::text::lexicon::word_list! {
    /// Prepositions after which an unknown one-word name reads as a place: "in Halvik".
    /// (`data/lexicon/place_prepositions.txt`)
    pub(crate) fn place_prepositions = "place_prepositions.txt";
}

crate::text::lexicon::word_list! {
    /// Prepositions before names joined by "and"/"or" that share a place reading: "from Halvik
    /// and Marren", "at Ossary, Vell and Tarn".
    /// (`data/lexicon/place_coordination_prepositions.txt`)
    pub(crate) fn place_coordination_prepositions = "place_coordination_prepositions.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case words that may follow a place after "in": "in Halvik and …", "in Halvik,
    /// which …" (another lower-case word makes the name a modifier: "in Hajj stampede"). Speech
    /// verbs may too. (`data/lexicon/place_followers.txt`)
    pub(crate) fn place_followers = "place_followers.txt";
}

crate::text::lexicon::word_list! {
    /// Lower-case words between a name and a facility noun that are no modifier of the
    /// facility: "the bridge", "its station" (facility_nouns.txt; "coal terminal" and "power
    /// plant" are). (`data/lexicon/not_a_place_modifier.txt`)
    pub(crate) fn not_a_place_modifier = "not_a_place_modifier.txt";
}

crate::text::lexicon::word_list! {
    /// Words after the head of ", a town in …" / ", the most populous state," that end the
    /// place's appositive phrase (matched ignoring case).
    /// (`data/lexicon/place_phrase_ends.txt`)
    pub(crate) fn place_phrase_ends = "place_phrase_ends.txt";
}

impl<'t, 'a> Extractor<'t, 'a> {
    /// ", the most populous state,", ", a town in …", ", a province that …"
    /// after a name at `b`: the kind of place it is, ending its phrase.
    pub(super) fn place_kind_after(&self, b: usize) -> bool {
        let t = self.text;
        if !self.apposition_at(b) {
            return false;
        }
        // Up to four modifiers: "the most populous state", "a small fishing
        // village", "the capital's main square" (the head is the kind that ends
        // the phrase).
        (b + 2..t.len().min(b + 7))
            .take_while(|&k| t.is_word(k) && !t.is_cap(k) || matches!(t.tok(k), "'s" | "’s"))
            .filter(|&k| place_nouns().contains(t.tok(k)) || place_kinds().contains(t.tok(k)))
            .any(|k| self.phrase_ends_after(k, place_phrase_ends().words()))
    }

    /// Does the one-word name at `a` read as a place? After "in"/"near"
    /// ("in Halvik"), or coordinated with "and"/"or" after "in", "at", "near"
    /// or "from" ("from Halvik and Marren"): unknown words joined that way
    /// share the place reading.
    pub(super) fn place_reading(&self, a: usize, b: usize) -> bool {
        let t = self.text;
        // "in Hajj stampede", "in Scientology jargon": a modifier of a noun.
        if b < t.len() && t.kind(b) == Kind::Word && t.tok(b).starts_with(|c: char| c.is_lowercase()) && !self.verb_like(b) {
            if !place_followers().contains(t.tok(b)) && !self.g.speech.contains(t.tok(b)) {
                return false;
            }
        }
        if a > 0 && place_prepositions().contains(t.tok(a - 1)) {
            return true;
        }
        let plain = |k: usize| t.is_cap(k) && !t.is_all_caps(k) && !self.g.is_common(t.tok(k)) && self.g.given_name(t.tok(k)).is_none() && self.g.known.get(t.tok(k)).is_none();
        // Backwards over "X, Y and": the preposition before the first.
        let mut k = a;
        let mut steps = 0;
        while steps < 4 && k >= 2 && matches!(t.tok(k - 1), "and" | "or" | ",") && plain(k - 2) && !(k >= 3 && t.is_cap(k - 3)) {
            k -= 2;
            steps += 1;
        }
        if steps > 0 && k > 0 && place_coordination_prepositions().contains(t.tok(k - 1)) {
            return true;
        }
        // Forwards: "at Halvik and Marren", "at Ossary, Vell and Tarn".
        if steps > 0 || a == 0 || !place_coordination_prepositions().contains(t.tok(a - 1)) {
            return false;
        }
        let mut k = b;
        for _ in 0..4 {
            if k + 1 >= t.len() || !plain(k + 1) || (k + 2 < t.len() && t.is_cap(k + 2)) {
                return false;
            }
            match t.tok(k) {
                "and" | "or" => return true,
                "," => k += 2,
                _ => return false,
            }
        }
        false
    }

    /// A facility noun at `b`, or after one lower-case modifier ("coal
    /// terminal", "power plant"; not "said plant", "the bridge").
    pub(super) fn facility_after(&self, b: usize) -> bool {
        let t = self.text;
        let facility = |k: usize| k < t.len() && facility_nouns().contains(t.tok(k));
        if facility(b) {
            return true;
        }
        if b + 1 >= t.len() || t.kind(b) != Kind::Word || !t.tokens[b + 1].space_before || !facility(b + 1) {
            return false;
        }
        let m = t.tok(b);
        m.len() > 2
            && m.bytes().all(|c| c.is_ascii_lowercase())
            && !self.verb_like(b)
            && !self.g.speech.contains(m)
            && !m.ends_with("ly")
            && !not_a_place_modifier().contains(m)
    }
}
