//! The source of a cue: its subject, before or after it ("Khan said", "said
//! Khan"), across appositives (", the union's leader,"), after roles and
//! organisations ("Arsenal manager Mikel Arteta"), joined by "and", or a
//! description ("the 34-year-old", "the lender") resolved to the entity
//! named nearby.

use super::context::{Ctx, Source, WINDOW};
use super::cues::{self, Cue};
use crate::entities::{Gender, Label};
use crate::text::lexicon;
use crate::text::Kind;

crate::text::lexicon::word_list! {
    /// Days after "on"/"last"/"this" that end a cue's source: "Zelensky on Monday urged" (exact
    /// case). (`data/lexicon/source_time_days.txt`)
    pub(crate) fn source_time_days = "source_time_days.txt";
}

crate::text::lexicon::word_list! {
    /// Conjunctions that bound a cue's subject on the left: walking back from "said", its noun
    /// phrase stops after them ("the talks failed because the minister said …").
    /// (`data/lexicon/source_phrase_ends.txt`)
    pub(crate) fn source_phrase_ends = "source_phrase_ends.txt";
}

impl<'t, 'a> Ctx<'t, 'a> {
    /// The subject of a cue: the source of what it reports.
    pub fn subject_of(&self, cue: &Cue) -> Option<Source> {
        let t = self.text;
        let mut sent = t.sentences[t.sent_of[cue.start]];
        // Look no further than a window around the cue: keeps a huge
        // unpunctuated "sentence" linear.
        sent.start = sent.start.max(cue.start.saturating_sub(WINDOW));
        sent.end = sent.end.min(cue.end + WINDOW);
        if cue.according {
            // "According to X, …" / "…, according to X."
            let mut e = cue.end;
            while e < sent.end && !matches!(t.tok(e), "," | "." | ";" | ":" | "?" | "!") && !self.in_marks[e] {
                e += 1;
            }
            let src = self.source_in(cue.end, e);
            // "in the words of the prosecutor, Mark Tedeschi, …": the name in apposition.
            if src.is_some_and(|s| s.entity.is_none()) && e + 1 < sent.end && t.tok(e) == "," {
                if let Some(m) = self.mention_at[e + 1] {
                    if self.label_of(m) == Label::Person {
                        return Some(self.mention_source(m));
                    }
                }
            }
            return src;
        }
        // Inverted order after a quote or a comma: "…,” said Bolden", "said
        // Daniel Osei, the …". After a comma that closes an appositive
        // ("Ranjha, an expert, told The Media Line") the subject comes first.
        // "…, adding that …", "X was quoted as saying": a participle's
        // subject is the clause's subject.
        if cue.start > sent.start && matches!(t.tok(cue.start - 1), "," | "as") && t.tok(cue.start).ends_with("ing") {
            let from = self.after_intro(sent.start, cue.start);
            return self.clause_subject(from, cue.start - 1);
        }
        let after_quote = cue.start > sent.start && t.kind(cue.start - 1) == Kind::Quote;
        let after_comma = cue.start > sent.start && t.tok(cue.start - 1) == "," && !cue.flags.addressee;
        if after_comma && !after_quote {
            if let Some(src) = self.inverted_name(cue.end, sent.end) {
                return Some(src);
            }
            if let Some(src) = self.subject_before_appositive(sent.start, cue.start - 1) {
                return Some(src);
            }
        }
        if (after_quote || after_comma) && cue.end < sent.end {
            let mut s = cue.end;
            if t.is(s, "the") || t.is(s, "a") {
                s += 1;
            }
            // A title may stand before the name: "said Ambassador Hamdullah Mohib".
            let mut n = s;
            while n < sent.end
                && n < s + 5
                && self.mention_at[n].is_none()
                && (t.is_cap(n) || (t.tok(n) == "." && n > s && !t.tokens[n].space_before))
            {
                n += 1;
            }
            if let Some(m) = self.mention_at.get(n).copied().flatten() {
                if self.ents.mentions[m].start == n && matches!(self.label_of(m), Label::Person | Label::Org) {
                    // ("said Clinton ally James Carville": the name after the role.)
                    let e = self.ents.mentions[m].end;
                    let head = (e..sent.end.min(e + 7)).find_map(|x| self.mention_at[x].filter(|&h| self.ents.mentions[h].start == x)).filter(|&h| self.modifies_role_of(m, h));
                    return Some(self.mention_source(head.unwrap_or(m)));
                }
            }
            // "said Ambassador Mohib": a title and the surname of a person
            // named earlier.
            if n > s && n - s >= 2 {
                let surname = t.tok(n - 1);
                if let Some(e) = self.person_by_surname(surname, s) {
                    return Some(Source { span: (s, n), entity: Some(e), pronoun: None, negated: false });
                }
            }
            // "…,” said the spokeswoman." / "said one nurse" → the NP after
            // the verb, or the name in apposition to it ("said the council
            // leader, Jane Amberley"). Never a clause ("said the staff felt").
            let determined = s > cue.end || t.is_any(s, &["one", "another", "two", "three", "several", "some", "many"]);
            if determined && t.is_word(s) && !t.is_cap(s) {
                let mut e = s;
                let mut buf = [0u8; 32];
                while e < sent.end && t.is_word(e) && e - s < 4 {
                    if lexicon::ascii_lower(t.tok(e), &mut buf).is_some_and(lexicon::is_finite_marker) || cues::looks_finite(t, e) && e > s + 1 {
                        break;
                    }
                    e += 1;
                }
                if e + 1 < sent.end && t.tok(e) == "," {
                    if let Some(m) = self.mention_at[e + 1] {
                        if self.label_of(m) == Label::Person && self.ents.mentions[m].start == e + 1 {
                            return Some(self.mention_source(m));
                        }
                    }
                }
                if e > s && (e >= sent.end || matches!(t.tok(e), "." | "," | ";")) {
                    return Some(Source { span: (cue.end, e), entity: None, pronoun: None, negated: false });
                }
            }
        }
        // Normal order: walk left over adverbs and auxiliaries to the subject.
        let mut j = cue.start;
        let mut buf = [0u8; 32];
        let mut negated = false;
        while j > sent.start {
            let k = j - 1;
            match self.lower(k, &mut buf) {
                Some(w)
                    // (and a floating quantifier: "Louzán and Tebas both said")
                    if (lexicon::is_verb_modifier(w) || (w.len() > 4 && w.ends_with("ly")) || matches!(w, "both" | "each"))
                        && self.mention_at[k].is_none() =>
                {
                    negated |= lexicon::is_negation(w);
                    j = k;
                }
                _ => break,
            }
        }
        // "The Dutchman complained … and later told Sky Sports that …": a
        // second verb of the sentence's subject.
        let mut c = j;
        while c > sent.start && t.is_any(c - 1, &["later", "then", "subsequently", "afterwards", "again", "also"]) {
            c -= 1;
        }
        if c > sent.start + 2 && t.is_any(c - 1, &["and", "but"]) && self.mention_at[c - 2].is_none() && !t.is_cap(c - 2) {
            let from = self.after_intro(sent.start, c - 1);
            if let Some(src) = self.clause_subject(from, c - 1) {
                return Some(Source { negated, ..src });
            }
        }
        // "Sen. Marco Rubio (R-Fla.) said": a short bracket after the name
        // (party and state, an age, an acronym) stands between it and the verb.
        if j > sent.start + 2 && t.tok(j - 1) == ")" {
            if let Some(open) = (j.saturating_sub(8).max(sent.start)..j - 1).rev().find(|&x| t.tok(x) == "(") {
                if open > sent.start && !(open + 1..j - 1).any(|x| self.in_marks[x]) {
                    j = open;
                }
            }
        }
        let src = self.subject_ending_at(sent.start, j)?;
        // "Royal College of Nursing director Patricia Marquis and BMA member
        // Dr. Emeka Okorafor both warned": the people together speak.
        if j < cue.start && t.is_any(j, &["both"]) {
            if let Some(first) = self.person_before_and(src.span.0, sent.start) {
                return Some(Source { span: (first, src.span.1), entity: None, pronoun: None, negated });
            }
        }
        Some(Source { negated, ..src })
    }

    /// A person named just before "and" and the descriptors of the next
    /// conjunct ("Patricia Marquis and British Medical Association council
    /// member Dr. …" before `s`): where that person's mention starts.
    pub(super) fn person_before_and(&self, s: usize, floor: usize) -> Option<usize> {
        let t = self.text;
        let mut k = s;
        while k > floor && s - k < 9 && !t.is(k - 1, "and") && (t.is_cap(k - 1) || t.is_word(k - 1) && !cues::looks_finite(t, k - 1) || t.tok(k - 1) == ".") {
            k -= 1;
        }
        if k <= floor + 1 || !t.is(k - 1, "and") {
            return None;
        }
        let m = self.mention_at[k - 2]?;
        (self.label_of(m) == Label::Person && self.ents.mentions[m].end == k - 1).then(|| self.ents.mentions[m].start)
    }

    /// The subject of the clause `[from, end)`: its first named person,
    /// organisation or pronoun, else the phrase before its first verb
    /// ("The minister resigned, saying …").
    pub(super) fn clause_subject(&self, from: usize, end: usize) -> Option<Source> {
        let t = self.text;
        self.sentence_subject(from, end).or_else(|| {
            let v = (from + 1..end).find(|&k| cues::looks_finite(t, k))?;
            self.source_in(from, v).filter(|s| s.span.0 == from || t.is_any(from, &["the", "a", "an"]))
        })
    }

    /// The subject whose last token is `j - 1`.
    pub(super) fn subject_ending_at(&self, floor: usize, j: usize) -> Option<Source> {
        let t = self.text;
        if j <= floor {
            return None;
        }
        let k = j - 1;
        if self.in_marks[k] || t.kind(k) == Kind::Quote {
            return None;
        }
        let mut buf = [0u8; 32];
        let w = self.lower(k, &mut buf).map(str::to_string);
        match w.as_deref() {
            Some(w) if lexicon::subject_pronoun(w).is_some() => {
                let p = lexicon::subject_pronoun(w);
                return Some(Source { span: (k, k + 1), entity: None, pronoun: p, negated: false });
            }
            // "X, who …, said" / "the man who said": the relative's antecedent.
            Some("who" | "which" | "that") => {
                let e = if k > floor && t.tok(k - 1) == "," { k - 1 } else { k };
                return self.subject_ending_at(floor, e);
            }
            // "X left the group and told …": the subject of the first verb.
            Some("and" | "but") => return self.sentence_subject(floor, k),
            _ => {}
        }
        if t.tok(k) == "," {
            return self.subject_before_appositive(floor, k);
        }
        let start = self.np_start(floor, j);
        if start == j {
            return None;
        }
        // "Ana Ruiz and Tom Bell said": walk back over the names joined to this one.
        let name = |k: usize| self.mention_at[k].filter(|&m| matches!(self.label_of(m), Label::Person | Label::Org | Label::Loc));
        if start >= floor + 2 && t.is(start - 1, "and") && name(start).is_some_and(|m| self.ents.mentions[m].end == j) {
            let mut first = None;
            let mut k = start - 1; // the joining word
            for _ in 0..6 {
                let Some(m) = (k > floor).then(|| name(k - 1)).flatten().filter(|&m| self.ents.mentions[m].end == k) else { break };
                first = Some(m);
                k = self.ents.mentions[m].start;
                if !(k > floor + 1 && t.tok(k - 1) == ",") {
                    break;
                }
                k -= 1;
            }
            if let Some(m) = first {
                return Some(Source { span: (self.ents.mentions[m].start, j), entity: None, pronoun: None, negated: false });
            }
        }
        self.source_in(start, j)
    }

    /// The subject of a sentence: its first person, organisation or subject
    /// pronoun before token `before`, outside quotations.
    pub(crate) fn sentence_subject(&self, floor: usize, before: usize) -> Option<Source> {
        let mut buf = [0u8; 32];
        for k in floor..before.min(floor + WINDOW) {
            if self.in_marks[k] {
                continue;
            }
            if let Some(m) = self.mention_at[k] {
                if matches!(self.label_of(m), Label::Person | Label::Org) {
                    let m = self.person_after_role(m).or_else(|| self.person_in_apposition(floor, m)).unwrap_or(m);
                    return Some(self.mention_source(m));
                }
            }
            if let Some(p) = self.lower(k, &mut buf).and_then(lexicon::subject_pronoun) {
                return Some(Source { span: (k, k + 1), entity: None, pronoun: Some(p), negated: false });
            }
        }
        None
    }

    /// "City captain Kyle Walker", "Lumora spokeswoman Hannah Osei": the
    /// person after an organisation and a lower-case role (at most three
    /// words, one of them a role noun) is the phrase's head.
    pub(super) fn person_after_role(&self, m: usize) -> Option<usize> {
        if self.label_of(m) != Label::Org {
            return None;
        }
        let t = self.text;
        let mut k = self.ents.mentions[m].end;
        // "Greenpeace Australia Pacific campaigner Martin Zavan": the rest of the
        // organisation's name, whatever the recognizer made of it.
        let cap_end = (k..t.len().min(k + 3)).find(|&j| !t.is_cap(j) || self.label_of_at(j) == Some(Label::Person)).unwrap_or(k);
        k = cap_end;
        let start = k;
        let mut role = false;
        let mut buf = [0u8; 32];
        while k < t.len() && k < start + 3 && self.mention_at[k].is_none() && matches!(t.kind(k), Kind::Word | Kind::Hyphen) && !t.is_cap(k) {
            role |= self.lower(k, &mut buf).is_some_and(|w| crate::entities::gazetteer::get().roles.contains_key(w));
            k += 1;
        }
        let p = self.mention_at.get(k).copied().flatten()?;
        (role && self.ents.mentions[p].start == k && self.label_of(p) == Label::Person).then_some(p)
    }

    /// "Her colleague at The New Yorker, Kyle Chayka, disagreed": an
    /// organisation inside a common-noun subject is no subject; the person set
    /// off in apposition after it is.
    pub(super) fn person_in_apposition(&self, floor: usize, m: usize) -> Option<usize> {
        let t = self.text;
        let mm = &self.ents.mentions[m];
        if self.label_of(m) != Label::Org || mm.start == floor || !(floor..mm.start).any(|k| t.is_word(k) && !t.is_cap(k)) {
            return None;
        }
        let c = mm.end;
        if c + 2 >= t.len() || t.tok(c) != "," {
            return None;
        }
        let p = self.mention_at[c + 1]?;
        let pe = self.ents.mentions[p].end;
        (self.label_of(p) == Label::Person && self.ents.mentions[p].start == c + 1 && pe < t.len() && t.tok(pe) == ",").then_some(p)
    }

    /// "Shabana Fayyaz, former chair of …, said": the subject stands before
    /// the appositive that ends at the comma `comma`.
    /// "…, said Mindy Romero, director of …", "…, said Sen. Rand Paul.": a
    /// name right after the verb that ends there (at a comma, a bracket or the
    /// sentence end) is its inverted subject, whatever the clause before the
    /// comma names; a name that goes on to a verb starts the content instead
    /// ("…, said Pakistan would …").
    fn inverted_name(&self, from: usize, end: usize) -> Option<Source> {
        let t = self.text;
        let mut n = if t.is(from, "the") { from + 1 } else { from };
        let s = n;
        while n < end && n < s + 5 && self.mention_at[n].is_none() && (t.is_cap(n) || (t.tok(n) == "." && n > s && !t.tokens[n].space_before)) {
            n += 1;
        }
        let m = self.mention_at.get(n).copied().flatten()?;
        let mm = &self.ents.mentions[m];
        let ends = mm.end >= end || matches!(t.tok(mm.end), "," | "." | ";" | "(" | "—");
        (mm.start == n && ends && matches!(self.label_of(m), Label::Person | Label::Org)).then(|| self.mention_source(m))
    }

    pub(super) fn subject_before_appositive(&self, floor: usize, comma: usize) -> Option<Source> {
        let t = self.text;
        // Segments between commas, right to left, skipping the appositive itself.
        let mut seg_end = comma;
        let mut appositive: Option<(usize, usize)> = None;
        let mut plain: Option<Source> = None;
        let mut skipped_relative = false;
        let mut guard = 0;
        while seg_end > floor && guard < 4 {
            guard += 1;
            let mut s = seg_end;
            // (An apostrophe outside any quotation is a possessive: "Jeff
            // Weaver, Sanders' campaign manager, said".)
            while s > floor && t.tok(s - 1) != "," && !(t.kind(s - 1) == Kind::Quote && self.in_marks[s - 1]) {
                s -= 1;
            }
            // "Dr. Maya Ajmera, president of the Society, which runs it, said":
            // a relative clause after the appositive is skipped too.
            let relative = seg_end > s && t.is_any(s, &["which", "who", "whose", "that"]);
            match appositive {
                None if relative && !skipped_relative => skipped_relative = true,
                None => appositive = Some((s, seg_end)),
                Some((a, b)) => {
                    if let Some(src) = self.source_in(s, seg_end) {
                        // "A Lumora spokeswoman, Hannah Osei, said": the name before
                        // the role only modifies it; the person in apposition speaks.
                        let role_end = seg_end > s && {
                            let mut buf = [0u8; 32];
                            self.lower(seg_end - 1, &mut buf).is_some_and(|w| crate::entities::gazetteer::get().roles.contains_key(w))
                        };
                        if role_end && src.entity.is_some() {
                            // (after a title: "Patel's teacher, Mr. Robert Alvarez, said")
                            if let Some(m) = (a..b).filter_map(|k| self.mention_at[k]).find(|&m| self.label_of(m) == Label::Person && self.ents.mentions[m].end == b) {
                                return Some(self.mention_source(m));
                            }
                        }
                        if src.entity.is_some() || src.pronoun.is_some() {
                            return Some(src);
                        }
                        plain = plain.or(Some(src));
                    }
                }
            }
            if s == floor || t.tok(s - 1) != "," {
                break;
            }
            seg_end = s - 1;
        }
        // "The company, which runs it, said": the relative clause's antecedent speaks.
        if skipped_relative && plain.is_none() {
            if let Some((a, b)) = appositive {
                return self.source_in(a, b);
            }
        }
        // "Another, Claire Dobson, said": only the appositive names someone
        // (an appositive is short: not "Obama's rise may have been …, said").
        if plain.is_none() {
            if let Some((a, b)) = appositive.filter(|&(a, b)| b - a <= 8) {
                if let Some(m) = (a..b).find_map(|k| self.mention_at[k]).filter(|&m| self.label_of(m) == Label::Person) {
                    if self.ents.mentions[m].start == a {
                        return Some(self.mention_source(m));
                    }
                }
            }
        }
        // "The operator, Northline Rail, said": the name is in the appositive.
        if let (Some(p), Some((a, b))) = (plain, appositive) {
            let relative = t.is(a, "which") || t.is(a, "who") || t.is(a, "that");
            // "That man, former Acme executive Omar Maani, …": the person the appositive ends on.
            let head = (a..b).filter_map(|k| self.mention_at[k]).find(|&m| self.label_of(m) == Label::Person && self.ents.mentions[m].end == b);
            let named = head
                .or_else(|| (a..b).find_map(|k| self.mention_at[k]))
                .filter(|&m| !relative && matches!(self.label_of(m), Label::Person | Label::Org | Label::Misc));
            return Some(named.map_or(p, |m| self.mention_source(m)));
        }
        plain
    }

    /// Start of the noun phrase ending before token `end`.
    pub(super) fn np_start(&self, floor: usize, end: usize) -> usize {
        let t = self.text;
        let mut s = end;
        let mut buf = [0u8; 32];
        while s > floor && end - s < 10 {
            let k = s - 1;
            if self.in_marks[k] {
                break;
            }
            if let Some(m) = self.mention_at[k] {
                s = self.ents.mentions[m].start.max(floor);
                continue;
            }
            match t.kind(k) {
                Kind::Word | Kind::Number | Kind::Hyphen => {}
                _ if t.tok(k) == "&" => {}
                _ => break,
            }
            if let Some(w) = self.lower(k, &mut buf) {
                if source_phrase_ends().contains(w) && k + 1 < end
                {
                    break;
                }
                if cues::looks_finite(t, k) && !self.text.is_cap(k) && lexicon::is_finite_marker(w) {
                    break;
                }
            }
            s = k;
        }
        s
    }

    /// Does mention `prev` only modify the role before person `m` ("Clinton
    /// ally James Carville", "Clinton's top aide Jake Sullivan"), so that `m`
    /// heads the phrase? Lower-case words (and a possessive) between, no
    /// conjunction, preposition or determiner ("a lawyer for", "Ruiz and Bell").
    pub(super) fn modifies_role_of(&self, prev: usize, m: usize) -> bool {
        let t = self.text;
        let (pe, ms) = (self.ents.mentions[prev].end, self.ents.mentions[m].start);
        let possessive = |x: usize| t.is_any(x, &["'s", "’s"]);
        let mut buf = [0u8; 32];
        let role_word = |x: usize, buf: &mut [u8; 32]| {
            t.is_word(x) && !t.is_cap(x) && self.lower(x, buf).is_some_and(|w| !lexicon::is_determiner(w) && !matches!(w, "and" | "or"))
        };
        self.label_of(m) == Label::Person
            && ms > pe
            && ms - pe <= 6
            && (pe..ms).any(|x| !possessive(x))
            && (pe..ms).all(|x| possessive(x) || role_word(x, &mut buf))
    }

    /// The source named in token range `[a, b)`: its most speaker-like
    /// mention, else the noun phrase itself.
    pub(super) fn source_in(&self, a: usize, b: usize) -> Option<Source> {
        if a >= b {
            return None;
        }
        let mut best: Option<(u8, usize)> = None;
        let mut k = a;
        while k < b {
            if let Some(m) = self.mention_at[k] {
                let rank = match self.label_of(m) {
                    Label::Person => 3,
                    Label::Org => 2,
                    Label::Loc => 1,
                    _ => 0,
                };
                // "Clinton ally James Carville": see [`Self::modifies_role_of`].
                if rank > 0 && best.is_none_or(|(r, prev)| rank > r || (rank == r && rank == 3 && self.modifies_role_of(prev, m))) {
                    best = Some((rank, m));
                }
                k = self.ents.mentions[m].end.max(k + 1);
            } else {
                k += 1;
            }
        }
        let mut buf = [0u8; 32];
        if b == a + 1 {
            if let Some(p) = self.lower(a, &mut buf).and_then(lexicon::subject_pronoun) {
                return Some(Source { span: (a, b), entity: None, pronoun: Some(p), negated: false });
            }
        }
        if let Some((_, m)) = best {
            // A place inside a common-noun phrase ("officials in Pakistan") is
            // not the speaker; a place heading the phrase ("Pakistan") is.
            // Nor is a person after "an aide to", "a lawyer for" (but "a
            // spokesman for X" speaks for X).
            let mm = &self.ents.mentions[m];
            let dependant = self.label_of(m) == Label::Person && mm.start > a + 1 && mm.start <= a + 5 && {
                let prep = mm.start - 1;
                self.text.is_any(a, &["a", "an", "the", "one", "two", "three"]) &&
                (self.text.is_any(prep, &["to", "for", "of", "with"]))
                    && !(a..prep).any(|k| {
                        self.text.is_any(k, &["spokesman", "spokeswoman", "spokesperson", "representative", "office", "campaign", "statement"])
                    })
            };
            // "a study published in the journal Nature": the study speaks.
            let published = (a + 1..mm.start).find(|&k| self.text.is_any(k, &["published", "released", "issued", "posted", "printed", "aired", "broadcast"]));
            if let Some(p) = published.filter(|_| self.text.is_any(a, &["a", "an", "the", "this", "that", "their", "its"])) {
                return Some(Source { span: (a, p), entity: None, pronoun: None, negated: false });
            }
            if (self.label_of(m) != Label::Loc || mm.start <= a + 1) && !dependant {
                // "Egypt and Saudi Arabia said": the names together speak, and
                // no one entity is the source.
                if let Some(end) = self.coordinated(m, b) {
                    return Some(Source { span: (mm.start, end), entity: None, pronoun: None, negated: false });
                }
                return Some(self.mention_source(m));
            }
        }
        // No named source: the phrase itself ("officials on both sides"),
        // linked to an organisation it names by its head ("the ministry").
        // (A number opens the phrase: "62 percent of voters".)
        let mut s = a;
        while s < b && !matches!(self.text.kind(s), Kind::Word | Kind::Number) {
            s += 1;
        }
        let mut e = b;
        while e > s && !matches!(self.text.kind(e - 1), Kind::Word | Kind::Number) {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        // "Zelensky on Monday urged": the time is no part of the source.
        if let Some(k) = (s + 1..e).find(|&k| {
            self.text.is_any(k, &["yesterday", "today", "tonight"]) || self.text.is_any(k, &["on", "last", "this"]) && k + 1 < e && source_time_days().contains(self.text.tok(k + 1))
        }) {
            e = k;
        }
        if !self.plausible_np(s, e) {
            // "siding with residents who said": the noun phrase after the
            // last preposition.
            let p = (s..e).rev().find(|&k| self.text.is_any(k, &["with", "to", "for", "from", "by", "among", "between"]))?;
            if p + 1 >= e || !self.plausible_np(p + 1, e) {
                return None;
            }
            s = p + 1;
        }
        let entity = self.org_by_head(e - 1).or_else(|| self.person_by_description(s, e));
        Some(Source { span: (s, e), entity, pronoun: None, negated: false })
    }

    /// "The Frenchman said", "the 20-year-old said": a definite description
    /// of a person by nationality or age is the salient person of the last
    /// three sentences (of that sex, where the noun gives it).
    pub(super) fn person_by_description(&self, s: usize, e: usize) -> Option<usize> {
        let t = self.text;
        if e < s + 2 || !t.is_any(s, &["the"]) {
            return None;
        }
        let w = t.tok(e - 1);
        let g = crate::entities::gazetteer::get();
        let desc = t.span(s + 1, e);
        let age = desc.starts_with(|c: char| c.is_ascii_digit()) && desc.ends_with("-year-old") && !desc.contains(' ');
        // "Frenchman", "Dutchwoman", "Scotsman": a people's word and -man/-woman.
        let people = |base: &str| g.demonym(base).is_some() || matches!(base, "French" | "Dutch" | "Irish" | "Scots" | "English" | "Welsh");
        let want = match (w.strip_suffix("woman"), w.strip_suffix("man")) {
            (Some(base), _) if people(base) => Gender::Female,
            (None, Some(base)) if people(base) => Gender::Male,
            _ if age || e == s + 2 && t.is_cap(e - 1) && g.demonym(w) == Some(false) => Gender::Unknown,
            _ => return None,
        };
        let here = t.sent_of[s];
        let before = self.ents.mentions.partition_point(|m| m.start < s);
        (before.saturating_sub(100)..before)
            .rev()
            .take_while(|&i| t.sent_of[self.ents.mentions[i].start] + 3 >= here)
            .find(|&i| {
                let m = &self.ents.mentions[i];
                m.label == Label::Person
                    && self.salient[i]
                    && !self.in_marks[m.start]
                    && (want == Gender::Unknown || self.gender[m.entity] == want || self.gender[m.entity] == Gender::Unknown)
            })
            .map(|i| self.ents.mentions[i].entity)
    }

    /// A phrase without names can still be a source ("officials on both
    /// sides", "the report"), but not a fragment of a clause ("handcuffed by
    /// the police", "the", "a teacher mistakenly").
    pub(super) fn plausible_np(&self, s: usize, e: usize) -> bool {
        let t = self.text;
        let words = (s..e).filter(|&k| t.is_word(k)).count();
        if words == 0 || words > 6 {
            return false;
        }
        let mut b1 = [0u8; 32];
        let mut b2 = [0u8; 32];
        // (The first word, after a number: "62 percent of voters".)
        let fw = (s..e).find(|&k| t.is_word(k)).unwrap_or(s);
        let (Some(first), Some(last)) = (self.lower(fw, &mut b1), self.lower(e - 1, &mut b2)) else {
            return false;
        };
        let function = |w: &str| {
            lexicon::is_determiner(w)
                || lexicon::is_verb_modifier(w)
                || matches!(w, "and" | "or" | "but" | "who" | "which" | "that" | "it" | "as")
        };
        if function(last) || last.ends_with("ly") {
            return false;
        }
        // A participle or adjective alone does not start a subject.
        if !t.is_cap(fw) && !function(first) && (first.ends_with("ed") || first.ends_with("ing")) {
            return false;
        }
        true
    }

    /// The person named before token `before` whose name ends with `surname`.
    pub(super) fn person_by_surname(&self, surname: &str, before: usize) -> Option<usize> {
        let upto = self.ents.mentions.partition_point(|m| m.start < before);
        self.ents.mentions[..upto].iter().rev().find_map(|m| {
            let e = &self.ents.entities[m.entity];
            (e.label == Label::Person && e.name.rsplit(' ').next() == Some(surname)).then_some(m.entity)
        })
    }

    pub(super) fn mention_source(&self, m: usize) -> Source {
        let mm = &self.ents.mentions[m];
        Source { span: (mm.start, mm.end), entity: Some(mm.entity), pronoun: None, negated: false }
    }

    /// The end of "X and Y" or "X, Y and Z" (names of people, organisations
    /// or places) starting with mention `m`, within `b`; None if no "and"
    /// joins another name to it.
    pub(super) fn coordinated(&self, m: usize, b: usize) -> Option<usize> {
        let t = self.text;
        let named = |k: usize| {
            self.mention_at.get(k).copied().flatten().filter(|&x| matches!(self.label_of(x), Label::Person | Label::Org | Label::Loc))
        };
        let mut end = self.ents.mentions[m].end;
        let mut joined = None;
        for _ in 0..6 {
            if end + 1 >= b || !(t.is(end, "and") || t.tok(end) == ",") {
                break;
            }
            let Some(next) = named(end + 1) else { break };
            let and = t.is(end, "and");
            end = self.ents.mentions[next].end;
            if and {
                joined = Some(end);
                break;
            }
        }
        joined
    }

    /// "the ministry said" → the organisation named earlier whose name has
    /// that head word ("Ministry of Finance").
    pub(super) fn org_by_head(&self, head: usize) -> Option<usize> {
        let h = self.text.tok(head);
        if h.len() < 4 || self.text.is_cap(head) && !self.text.starts_sentence(head) {
            return None;
        }
        let before = self.ents.mentions.partition_point(|m| m.start < head);
        let named = self.ents.mentions[before.saturating_sub(200)..before]
            .iter()
            .rev()
            .filter(|m| m.label == Label::Org)
            .find(|m| {
                self.ents.entities[m.entity]
                    .name
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(h))
            })
            .map(|m| m.entity);
        // "The RSF denied it. … the group said": a word for any organisation
        // is the one named last, within the last three sentences (not the
        // agency of a dateline).
        let mut buf = [0u8; 32];
        let any_org = self.lower(head, &mut buf).is_some_and(crate::entities::is_org_kind);
        if named.is_some() || !any_org || head == 0 || !self.text.is(head - 1, "the") {
            return named;
        }
        let here = self.text.sent_of[head];
        self.ents.mentions[before.saturating_sub(50)..before]
            .iter()
            .rev()
            .take_while(|m| self.text.sent_of[m.start] + 3 >= here)
            .find(|m| m.label == Label::Org && !self.in_dateline(m.start))
            .map(|m| m.entity)
    }
}
