//! Who said it: cues and speakers for every quotation, reported speech
//! (via `reported.rs`), and pronoun speakers resolved to people.
//!
//! Order of work, each step using the last: (1) quotes in marks take the cue
//! in their own sentence (before, after, or inside a broken quote); (2) the
//! remaining cues introduce reported speech; (3) quotes with no cue take the
//! speaker of the quote before them in the paragraph, or the person just
//! introduced; (4) pronoun speakers resolve to the nearest compatible person.

use crate::quotes::cues::{self, Cue};
use crate::entities::{Entities, Gender, Label};
use crate::text::lexicon::{self, Pronoun};
use crate::quotes::marks::Marked;
use crate::quotes::reported;
use crate::text::{Kind, Text};
use crate::quotes::marks::QuoteKind;

/// How far (in tokens) subject and cue searches look from their start.
const WINDOW: usize = 40;

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
    paras: Vec<(usize, usize)>,
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
                if text.is_any(f, &["when", "after", "before", "as", "while", "although", "though", "because", "once", "since", "until", "if"]) {
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
    fn in_byline(&self, k: usize) -> bool {
        let (start, end) = self.paras[self.text.tokens[k].para];
        self.text.is(start, "by") && end - start <= 10
    }

    /// A dateline ("FRANKFURT (Reuters) -"): its place and agency frame the
    /// story; no pronoun in it refers to them.
    fn in_dateline(&self, k: usize) -> bool {
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
    fn after_intro(&self, s0: usize, s1: usize) -> usize {
        let t = self.text;
        let first = (s0..s1).find(|&k| t.is_word(k));
        let Some(f) = first else { return s0 };
        let mut buf = [0u8; 32];
        let Some(w) = self.lower(f, &mut buf) else { return s0 };
        let intro = lexicon::is_discourse_opener(w)
            || w.ends_with("ing")
            || matches!(
                w,
                "during" | "while" | "despite" | "regarding" | "according" | "with" | "without" | "although" | "though"
                    | "because" | "when" | "following" | "under" | "unlike" | "like" | "amid" | "among" | "once"
                    | "if" | "unless" | "given" | "asked" | "from" | "to" | "of" | "over" | "through" | "within"
            );
        if !intro || self.mention_at[f].is_some() {
            return s0;
        }
        (f..s1).find(|&k| t.tok(k) == "," && !self.in_marks[k]).map_or(s0, |c| c + 1)
    }

    fn lower<'b>(&self, i: usize, buf: &'b mut [u8; 32]) -> Option<&'b str> {
        if !self.text.is_word(i) {
            return None;
        }
        lexicon::ascii_lower(self.text.tok(i), buf)
    }

    fn label_of_at(&self, k: usize) -> Option<Label> {
        self.mention_at.get(k).copied().flatten().map(|m| self.label_of(m))
    }

    fn label_of(&self, m: usize) -> Label {
        self.ents.mentions[m].label
    }

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
                    return Some(self.mention_source(m));
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
    fn person_before_and(&self, s: usize, floor: usize) -> Option<usize> {
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
    fn clause_subject(&self, from: usize, end: usize) -> Option<Source> {
        let t = self.text;
        self.sentence_subject(from, end).or_else(|| {
            let v = (from + 1..end).find(|&k| cues::looks_finite(t, k))?;
            self.source_in(from, v).filter(|s| s.span.0 == from || t.is_any(from, &["the", "a", "an"]))
        })
    }

    /// The subject whose last token is `j - 1`.
    fn subject_ending_at(&self, floor: usize, j: usize) -> Option<Source> {
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
    fn person_after_role(&self, m: usize) -> Option<usize> {
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
    fn person_in_apposition(&self, floor: usize, m: usize) -> Option<usize> {
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
    fn subject_before_appositive(&self, floor: usize, comma: usize) -> Option<Source> {
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
            while s > floor && t.tok(s - 1) != "," && !matches!(t.kind(s - 1), Kind::Quote) {
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
        // "Another, Claire Dobson, said": only the appositive names someone.
        if plain.is_none() {
            if let Some((a, b)) = appositive {
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
    fn np_start(&self, floor: usize, end: usize) -> usize {
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
                if matches!(
                    w,
                    "that" | "and" | "but" | "because" | "while" | "when" | "as" | "if" | "since" | "although"
                        | "though" | "whereas" | "where" | "so" | "then" | "after" | "before"
                ) && k + 1 < end
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

    /// The source named in token range `[a, b)`: its most speaker-like
    /// mention, else the noun phrase itself.
    fn source_in(&self, a: usize, b: usize) -> Option<Source> {
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
                if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
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
        let mut s = a;
        while s < b && !self.text.is_word(s) {
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
        const DAYS: [&str; 9] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Yesterday", "Today"];
        if let Some(k) = (s + 1..e).find(|&k| {
            self.text.is_any(k, &["yesterday", "today", "tonight"]) || self.text.is_any(k, &["on", "last", "this"]) && k + 1 < e && DAYS.contains(&self.text.tok(k + 1))
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
    fn person_by_description(&self, s: usize, e: usize) -> Option<usize> {
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
    fn plausible_np(&self, s: usize, e: usize) -> bool {
        let t = self.text;
        let words = (s..e).filter(|&k| t.is_word(k)).count();
        if words == 0 || words > 6 {
            return false;
        }
        let mut b1 = [0u8; 32];
        let mut b2 = [0u8; 32];
        let (Some(first), Some(last)) = (self.lower(s, &mut b1), self.lower(e - 1, &mut b2)) else {
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
        if !t.is_cap(s) && !function(first) && (first.ends_with("ed") || first.ends_with("ing")) {
            return false;
        }
        true
    }

    /// The person named before token `before` whose name ends with `surname`.
    fn person_by_surname(&self, surname: &str, before: usize) -> Option<usize> {
        let upto = self.ents.mentions.partition_point(|m| m.start < before);
        self.ents.mentions[..upto].iter().rev().find_map(|m| {
            let e = &self.ents.entities[m.entity];
            (e.label == Label::Person && e.name.rsplit(' ').next() == Some(surname)).then_some(m.entity)
        })
    }

    fn mention_source(&self, m: usize) -> Source {
        let mm = &self.ents.mentions[m];
        Source { span: (mm.start, mm.end), entity: Some(mm.entity), pronoun: None, negated: false }
    }

    /// The end of "X and Y" or "X, Y and Z" (names of people, organisations
    /// or places) starting with mention `m`, within `b`; None if no "and"
    /// joins another name to it.
    fn coordinated(&self, m: usize, b: usize) -> Option<usize> {
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
    fn org_by_head(&self, head: usize) -> Option<usize> {
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

    /// Resolves a pronoun at token `at` to an entity: the nearest compatible
    /// person before it (outside quotations), by gender and number.
    pub fn resolve_pronoun(&mut self, p: Pronoun, at: usize) -> Option<usize> {
        let want = match p {
            Pronoun::He => Some(Gender::Male),
            Pronoun::She => Some(Gender::Female),
            Pronoun::It | Pronoun::They => None,
            _ => return None,
        };
        let t = self.text;
        let here = t.sent_of[at];
        let before = self.ents.mentions.partition_point(|m| m.start < at);
        let compatible = |m: &crate::entities::EMention| {
            let e = &self.ents.entities[m.entity];
            match want {
                Some(g) => m.label == Label::Person && (self.gender[m.entity] == g || self.gender[m.entity] == Gender::Unknown),
                None if p == Pronoun::They => matches!(m.label, Label::Org) || e.plural,
                None => matches!(m.label, Label::Org | Label::Loc),
            }
        };
        // Candidates in the last few sentences, nearest first; the nearest
        // sentence subject wins unless a non-subject is much nearer.
        let mut nearest: Option<(usize, usize)> = None;
        let mut found = None;
        for (mi, m) in self.ents.mentions[..before].iter().enumerate().rev() {
            let dist = here - t.sent_of[m.start].min(here);
            if dist > 6 {
                break;
            }
            if self.in_marks[m.start] || !compatible(m) || self.in_byline(m.start) || self.in_dateline(m.start) {
                continue;
            }
            let (_, d0) = *nearest.get_or_insert((m.entity, dist));
            if self.salient[mi] && dist <= d0 + 2 {
                found = Some(m.entity);
                break;
            }
        }
        let found = found.or(nearest.map(|(e, _)| e));
        if let (Some(e), Some(g)) = (found, want) {
            self.gender[e] = g;
        }
        found
    }
}

/// Token `k` is one of the lowercase `words`.
/// Attributes every quotation: marked ones, reported speech, cue-less ones.
pub fn attribute(text: &Text, ents: &Entities, marked: &[Marked]) -> Vec<Attributed> {
    let mut cx = Ctx::new(text, ents, marked);
    let mut out: Vec<Attributed> = Vec::with_capacity(marked.len() * 2);
    let mut used_cues: Vec<usize> = Vec::new();
    let mut sources: Vec<Option<Source>> = Vec::new();

    // (1) Quotations in marks: the cue in their own sentence, or a byline
    // ("“…” — Jane Doe") or a source line ending in a colon above.
    for q in marked {
        let cue = find_cue_for_marked(&cx, q);
        let src = match cue {
            Some(c) => cx.subject_of(&c),
            None => byline_after(&cx, q)
                .or_else(|| source_line_above(&cx, q))
                .or_else(|| colon_intro(&cx, q))
                .or_else(|| fragment_subject(&cx, q)),
        };
        // A partial quote sits inside the clause its cue reports: the cue
        // still introduces that reported speech.
        if let Some(c) = cue.filter(|_| q.kind != QuoteKind::Partial) {
            used_cues.push(c.start);
        }
        out.push(Attributed {
            start: q.start,
            end: q.end,
            kind: q.kind,
            cue: cue.map(|c| (c.start, c.end)),
            speaker: None,
            entity: None,
        });
        sources.push(src);
    }

    // (2) Reported speech from the cues not used by quotations in marks.
    for r in reported::find(&cx, &used_cues) {
        out.push(Attributed { start: r.start, end: r.end, kind: QuoteKind::Indirect, cue: Some(r.cue), speaker: None, entity: None });
        sources.push(r.source);
    }

    // Document order, keeping sources aligned.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (out[i].start, out[i].end));
    let out: Vec<Attributed> = order.iter().map(|&i| out[i].clone()).collect();
    let mut sources: Vec<Option<Source>> = order.iter().map(|&i| sources[i]).collect();
    let mut out = out;

    // (3) + (4): pronouns, then inheritance for quotes without a cue.
    // "it"/"they" prefer the organisation that spoke last, nearby.
    // (sentence, entity) of the last non-person source ("the regional
    // government" has no entity, and then "it" has none either).
    let mut last_body: Option<(usize, Option<usize>)> = None;
    let named: Vec<bool> = sources.iter().map(Option::is_some).collect();
    for i in 0..out.len() {
        if let Some(src) = sources[i].as_mut() {
            if let Some(p) = src.pronoun {
                let here = text.sent_of[src.span.0];
                let body = last_body
                    .filter(|&(s, _)| matches!(p, Pronoun::It | Pronoun::They) && here >= s && here - s <= 3)
                    .map(|(_, e)| e);
                src.entity = match body {
                    Some(e) => e,
                    None => cx.resolve_pronoun(p, src.span.0),
                };
            }
            let person = src.entity.is_some_and(|e| ents.entities[e].label == Label::Person)
                || matches!(src.pronoun, Some(Pronoun::He | Pronoun::She | Pronoun::I));
            last_body = if person { None } else { Some((text.sent_of[src.span.0], src.entity)) };
        }
        if let Some(src) = sources[i] {
            out[i].speaker = Some(src.span);
            out[i].entity = src.entity;
        } else if let Some(src) = inherit(&cx, &out, &sources, i) {
            // The sentence does not name the source: no speaker span, but the
            // quote still belongs to the entity.
            sources[i] = Some(Source { span: src.span, entity: src.entity, pronoun: None, negated: false });
            out[i].entity = src.entity;
            if src.entity.is_none() {
                out[i].speaker = Some(src.span);
            }
        }
    }
    pull_quotes(text, &mut out, &named);
    out
}

/// A pull quote repeats words quoted with their speaker elsewhere in the
/// story ("Every lane we build saves lives" set apart above or below the
/// paragraph that says who said it): it belongs to that speaker, whatever
/// the quotes around it say.
/// How many quotes before or after a pull quote its original may be.
const PULL_QUOTE_REACH: usize = 40;

fn pull_quotes(text: &Text, out: &mut [Attributed], named: &[bool]) {
    let words = |q: &Attributed| -> String {
        let s = text.span(q.start, q.end);
        let mut w = String::with_capacity(s.len());
        for part in s.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            if !w.is_empty() {
                w.push(' ');
            }
            w.extend(part.chars().flat_map(char::to_lowercase));
        }
        w
    };
    let keys: Vec<String> = out.iter().map(words).collect();
    for i in 0..out.len() {
        if named[i] || out[i].kind != QuoteKind::Direct || keys[i].split(' ').count() < 4 {
            continue;
        }
        // Near it (a pull quote sits in its own story): bounded work on huge texts.
        let window = i.saturating_sub(PULL_QUOTE_REACH)..(i + PULL_QUOTE_REACH + 1).min(out.len());
        let original = window.into_iter().find(|&j| {
            j != i && named[j] && out[j].entity.is_some() && (keys[j].contains(keys[i].as_str()) || keys[i].contains(keys[j].as_str()) && keys[j].split(' ').count() >= 4)
        });
        if let Some(j) = original {
            out[i].entity = out[j].entity;
            out[i].speaker = None;
        }
    }
}

/// The cue of a quotation in marks, looked for in its own sentence: inside a
/// broken quote, right after it, or before it.
fn find_cue_for_marked(cx: &Ctx, q: &Marked) -> Option<Cue> {
    let t = cx.text;
    if let Some((a, b)) = q.interruption {
        if let Some(c) = (a..b).find_map(|k| cues::cue_at(t, k)) {
            return Some(c);
        }
    }
    let para = t.tokens[q.start].para;
    // A fragment is named by the verb before it: "called the budget “a guess”".
    if q.kind == QuoteKind::Partial {
        if let Some(c) = cue_before(cx, q) {
            return Some(c);
        }
    }
    // After, in the sentence the closing mark ends: "…,” she said" / "…,” said Bolden" (within a few words).
    let mut k = q.end;
    let mut words = 0;
    let close_sent = t.sent_of[q.end - 1];
    while k < t.len() && t.sent_of[k] == close_sent && words < 8 {
        if cx.in_marks[k] || matches!(t.tok(k), "." | "?" | "!" | ";") {
            break;
        }
        if let Some(c) = cues::cue_at(t, k) {
            if !c.flags.names_fragment || q.kind == QuoteKind::Partial {
                return Some(c);
            }
        }
        if t.is_word(k) {
            words += 1;
        }
        k += 1;
    }
    if let Some(c) = cue_before(cx, q) {
        return Some(c);
    }
    // A source line ending in a colon introduces the quote below it.
    if q.start > 0 && t.tokens[q.start - 1].para != para && t.tok(q.start - 1) == ":" {
        let prev = t.sentences[t.sent_of[q.start - 1]];
        return (prev.start..prev.end).rev().find_map(|k| cues::cue_at(t, k));
    }
    None
}

/// The cue before a quotation in its sentence: "X said, “…”", "X told Y:
/// “…”", "what it called “…”".
fn cue_before(cx: &Ctx, q: &Marked) -> Option<Cue> {
    let t = cx.text;
    let sent = t.sentences[t.sent_of[q.start]];
    let floor = sent.start.max(q.start.saturating_sub(WINDOW));
    let mut best = None;
    let mut k = q.start;
    while k > floor {
        k -= 1;
        if cx.in_marks[k] {
            break;
        }
        if let Some(c) = cues::cue_at(t, k) {
            if c.end <= q.start {
                let fragment_ok = q.kind == QuoteKind::Partial || !c.flags.names_fragment;
                let gap = q.start - c.end;
                let introduced = matches!(t.tok(q.start - 1), "," | ":");
                let near = gap <= 6 || (introduced && gap <= 14) || q.kind == QuoteKind::Partial;
                // "she continued, “…”", not "would continue to pursue it “wherever …”".
                let direct_ok = !c.flags.direct_only || (introduced && gap <= 3);
                if fragment_ok && near && direct_ok {
                    best = Some(c);
                    break;
                }
            }
        }
    }
    best
}

/// "“…” — Jane Doe" / "“…” -Commissioner Jane Doe": a dash and a name after
/// the closing mark, ending the paragraph.
fn byline_after(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    let d = q.end;
    if d >= t.len() || !q.closed || !matches!(t.kind(d), Kind::Dash | Kind::Hyphen) || t.tokens[d].para != t.tokens[q.start].para {
        return None;
    }
    let para = t.tokens[d].para;
    let mut k = d + 1;
    while k < t.len() && t.tokens[k].para == para && k - d < 8 {
        if let Some(m) = cx.mention_at[k] {
            let mm = &cx.ents.mentions[m];
            if matches!(mm.label, Label::Person | Label::Org) {
                return Some(Source { span: (mm.start, mm.end), entity: Some(mm.entity), pronoun: None, negated: false });
            }
        }
        k += 1;
    }
    None
}

/// "Sunak defended the record: “…”": a sentence that introduces a quotation
/// with a colon names its source as its subject.
fn colon_intro(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    if q.start == 0 || t.tok(q.start - 1) != ":" || q.kind != QuoteKind::Direct {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start]];
    if sent.start >= q.start - 1 {
        return None;
    }
    cx.sentence_subject(sent.start, q.start - 1).filter(|s| s.entity.is_some() || s.pronoun.is_some()).or_else(|| {
        // "Kylian Mbappé, who has scored twice, was more blunt: “…”": the
        // name that opens the sentence, before its relative clause or appositive.
        let m = cx.mention_at[sent.start]?;
        let mm = &cx.ents.mentions[m];
        let e = mm.end;
        let who = t.is(e + 1, "who");
        let opens = mm.start == sent.start && (matches!(mm.label, Label::Person | Label::Org) || who && mm.label == Label::Misc);
        (opens && e + 1 < q.start && t.tok(e) == "," && t.is_any(e + 1, &["who", "a", "an", "the"]) && (e + 2..q.start - 1).any(|k| t.tok(k) == ","))
            .then(|| cx.mention_source(m))
    })
}

/// "Adebayo dismissed the letter as “more of the same”": a fragment quoted
/// without a reporting verb is the words of the sentence's subject, when that
/// is a named person or organisation.
fn fragment_subject(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    // Not a title, and more than a single scare-quoted word.
    let words = (q.start..q.end).filter(|&k| t.is_word(k)).count();
    if q.kind != QuoteKind::Partial || words < 2 || crate::quotes::marks::looks_like_title(t, q) {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start]];
    if q.start <= sent.start + 1 {
        return None;
    }
    let from = cx.after_intro(sent.start, q.start);
    cx.sentence_subject(from, q.start).filter(|s| s.pronoun.is_some() || s.entity.is_some())
}

/// "And from Chairwoman Jane Doe:" on the line above the quotation.
fn source_line_above(cx: &Ctx, q: &Marked) -> Option<Source> {
    let t = cx.text;
    if q.start == 0 || t.tokens[q.start - 1].para == t.tokens[q.start].para || t.tok(q.start - 1) != ":" {
        return None;
    }
    let sent = t.sentences[t.sent_of[q.start - 1]];
    (sent.start..q.start - 1).rev().find_map(|k| {
        let m = cx.mention_at[k]?;
        let mm = &cx.ents.mentions[m];
        matches!(mm.label, Label::Person | Label::Org).then_some(Source {
            span: (mm.start, mm.end),
            entity: Some(mm.entity),
            pronoun: None,
            negated: false,
        })
    })
}

/// A quotation with no cue of its own: the speaker of the quotation before it
/// in the paragraph (or up to two paragraphs back when only narration without
/// people lies between), else the person introduced just before it.
fn inherit(cx: &Ctx, out: &[Attributed], sources: &[Option<Source>], i: usize) -> Option<Source> {
    let t = cx.text;
    let q = &out[i];
    if q.kind == QuoteKind::Indirect {
        return None;
    }
    let para = t.tokens[q.start].para;
    // A partial quote inside reported speech is the reporter's source.
    for j in (i.saturating_sub(WINDOW)..i).rev() {
        if t.tokens[out[j].start].para != para {
            break;
        }
        if out[j].kind == QuoteKind::Indirect && out[j].start <= q.start && q.end <= out[j].end {
            return sources[j];
        }
    }
    if q.kind == QuoteKind::Partial {
        return None;
    }
    // The person introduced right before: the subject of the sentence just
    // before the quote, in this paragraph or the one above.
    let introduced = introduced_before(cx, q.start);
    let before = cx.ents.mentions.partition_point(|m| m.start < q.start);
    // People named between the previous quote and this one.
    let person_between = |from: usize, speaker: Option<usize>| {
        let first = cx.ents.mentions.partition_point(|m| m.start < from);
        cx.ents.mentions[first.min(before)..before]
            .iter()
            .any(|m| m.label == Label::Person && !cx.in_marks[m.start] && Some(m.entity) != speaker)
    };
    for j in (i.saturating_sub(WINDOW)..i).rev() {
        let pj = t.tokens[out[j].start].para;
        if para > pj + 3 {
            break;
        }
        if let Some(src) = sources[j] {
            if src.entity.is_some() || src.pronoun.is_none() {
                // Someone else introduced after that quote takes over:
                // "“A,” said Smith. Jones disagreed. “B.”"
                if let Some(p) = introduced.filter(|p| p.span.0 >= out[j].end && p.entity != src.entity) {
                    return Some(p);
                }
                if pj == para || !person_between(out[j].end, src.entity) {
                    return Some(src);
                }
                break;
            }
        }
    }
    introduced
}

/// The person introduced right before token `at`: the subject of the
/// previous sentence, in this paragraph or the one above.
fn introduced_before(cx: &Ctx, at: usize) -> Option<Source> {
    let t = cx.text;
    let qs = t.sent_of[at];
    if qs == 0 {
        return None;
    }
    let prev = t.sentences[qs - 1];
    if prev.para + 1 < t.tokens[at].para || cx.in_marks[prev.start] {
        return None;
    }
    let from = cx.after_intro(prev.start, prev.end);
    let src = cx.sentence_subject(from, prev.end)?;
    let e = src.entity?;
    (cx.ents.entities[e].label == Label::Person).then_some(Source { span: src.span, entity: Some(e), pronoun: None, negated: false })
}

#[cfg(test)]
mod tests {
    use crate::annotate;

    /// Annotates `input` and checks each quote as (text, kind, speaker), where
    /// speaker is the linked entity's name, else the speaker span's text, else "".
    fn check(input: &str, expected: &[(&str, &str, &str)]) {
        let doc = annotate(input).document;
        let got: Vec<(String, String, String)> = doc
            .quotes
            .iter()
            .map(|q| {
                let who = q
                    .entity
                    .as_ref()
                    .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
                    .map(|e| e.name.clone())
                    .or_else(|| q.speaker.as_ref().map(|s| s.text.clone()))
                    .unwrap_or_default();
                (q.text.clone(), q.kind.as_str().to_string(), who)
            })
            .collect();
        let want: Vec<(String, String, String)> =
            expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
        assert_eq!(got, want, "input: {input}");
    }

    #[test]
    fn subject_before_the_cue() {
        check("Ahmed Khan said the talks had failed.", &[("the talks had failed", "indirect", "Ahmed Khan")]);
        check(
            "Pakistan’s Ministry of Finance later announced that trade talks will conclude next week.",
            &[("trade talks will conclude next week", "indirect", "Ministry of Finance")],
        );
        check(
            "Officials on both sides say they want to deepen ties.",
            &[("they want to deepen ties", "indirect", "Officials on both sides")],
        );
    }

    #[test]
    fn subject_after_the_cue() {
        check(
            "“We will win,” said Daniel Osei, the group’s chief executive.",
            &[("“We will win,”", "direct", "Daniel Osei")],
        );
    }

    #[test]
    fn appositives_and_addressees() {
        check(
            "Shabana Fayyaz, former chair of the department at Quaid-i-Azam University, said, “Relations remain complex.”",
            &[("“Relations remain complex.”", "direct", "Shabana Fayyaz")],
        );
        check(
            "Sujata Raisinghani told CBC News the department will look into the incident.",
            &[("the department will look into the incident", "indirect", "Sujata Raisinghani")],
        );
        check(
            "Tehmina Aslam Ranjha, a Lahore-based expert, told The Media Line, “Relations have become transactional.”",
            &[("“Relations have become transactional.”", "direct", "Tehmina Aslam Ranjha")],
        );
    }

    #[test]
    fn the_agency_of_a_dateline_says_nothing() {
        check(
            "FRANKFURT (Reuters) - The regulator fined the bank for what it called \"systemic failures\".\n\nNordbank chief executive Julia Brandt told analysts the bank had hired 300 staff.",
            &[("\"systemic failures\"", "partial", "it"), ("the bank had hired 300 staff", "indirect", "Julia Brandt")],
        );
    }

    #[test]
    fn a_name_set_off_after_its_role_is_no_content_boundary() {
        check(
            "After meeting residents, the Prime Minister, Keir Starmer, promised an inquiry.",
            &[],
        );
    }

    #[test]
    fn pull_quotes_belong_to_who_said_them() {
        check(
            "“Every lane we build saves lives”\n\nDerek Vale runs a shop. He is angry.\n\nTransport chief Lena Marsh spoke on Monday. “Every lane we build saves lives,” she said.",
            &[
                ("“Every lane we build saves lives”", "direct", "Lena Marsh"),
                ("“Every lane we build saves lives,”", "direct", "Lena Marsh"),
            ],
        );
    }

    #[test]
    fn pronouns_resolve_by_gender() {
        check(
            "Maria Lopez spoke first. She warned that the plan would fail.",
            &[("the plan would fail", "indirect", "Maria Lopez")],
        );
        check(
            "Maria Lopez met John Smith on Monday. She said the deal was dead.",
            &[("the deal was dead", "indirect", "Maria Lopez")],
        );
        check(
            "John Smith met Maria Lopez on Monday. He said the deal was dead.",
            &[("the deal was dead", "indirect", "John Smith")],
        );
        // The subject of an opening clause, not the byline's author.
        check(
            "By Helen Carter\n\nWhen Dr. Amara Osei arrived at the hospital, the ground floor was under water. She said the patients were safe.",
            &[("the patients were safe", "indirect", "Amara Osei")],
        );
    }

    #[test]
    fn reported_speech_frames() {
        check(
            "Mary Okafor spoke. Lasting peace, she said, will require diplomacy.",
            &[("Lasting peace, she said, will require diplomacy", "indirect", "Mary Okafor")],
        );
        check(
            "Ahmed Khan spoke. In contrast, he said, Pakistan ranks low on the agenda.",
            &[("Pakistan ranks low on the agenda", "indirect", "Ahmed Khan")],
        );
        check(
            "Mary Okafor spoke. She urged Washington not to view the region through its rivalry.",
            &[("Washington not to view the region through its rivalry", "indirect", "Mary Okafor")],
        );
        check(
            "Mary Okafor spoke. She questioned how much Pakistan can help.",
            &[("how much Pakistan can help", "indirect", "Mary Okafor")],
        );
        check(
            "According to Khalid Ahmed, the posture has weakened.",
            &[("the posture has weakened", "indirect", "Khalid Ahmed")],
        );
        check(
            "The talks collapsed on Friday, the minister said.",
            &[("The talks collapsed on Friday", "indirect", "the minister")],
        );
    }

    #[test]
    fn a_time_after_the_cue_is_no_part_of_the_content() {
        check(
            "Veltrix Semiconductor said Thursday it would lay off about 1,200 employees.",
            &[("it would lay off about 1,200 employees", "indirect", "Veltrix Semiconductor")],
        );
        check("The ministry announced last week that talks had failed.", &[("talks had failed", "indirect", "The ministry")]);
    }

    #[test]
    fn not_reported_speech_either() {
        check("Kim Min-Woo conceded a penalty which the referee awarded Sweden.", &[]);
        check("The U.S. has not said why the team was denied visas.", &[]);
    }

    #[test]
    fn content_starts_after_punctuation_and_named_sources() {
        check(
            "Speaking in the parents’ defense, Tom Molomby said that, as the parents came from India, they should be acquitted.",
            &[("as the parents came from India, they should be acquitted", "indirect", "Tom Molomby")],
        );
        check(
            "According to the Saudi Interior Ministry over 345 pilgrims have been killed.",
            &[("over 345 pilgrims have been killed", "indirect", "Saudi Interior Ministry")],
        );
    }

    #[test]
    fn not_reported_speech() {
        check("He announced the locations of the museums.", &[]);
        check("She said goodbye.", &[]);
        check("The item was added to the list.", &[]);
        check("Click on the icon to add the category to your news.", &[]);
        // "added" with an amount is no cue; the source comes from elsewhere in the sentence.
        check(
            "According to court documents, the expansion would have added 4.5 million tonnes a year to the mine's output.",
            &[("the expansion would have added 4.5 million tonnes a year to the mine's output", "indirect", "court documents")],
        );
        check(
            "The plan added 300 jobs and cost the council $5 million, officials said.",
            &[("The plan added 300 jobs and cost the council $5 million", "indirect", "officials")],
        );
    }

    #[test]
    fn quotes_without_a_cue_inherit() {
        check(
            "“We lost the lobby,” Ashfaq Ahmed said. “It is a temporary realignment.”",
            &[
                ("“We lost the lobby,”", "direct", "Ashfaq Ahmed"),
                ("“It is a temporary realignment.”", "direct", "Ashfaq Ahmed"),
            ],
        );
        check(
            "Senator John Cornyn issued a statement on Monday. “I am disappointed with the decision.”",
            &[("“I am disappointed with the decision.”", "direct", "John Cornyn")],
        );
    }

    #[test]
    fn bylines_and_source_lines() {
        check(
            "Rules were announced.\n\n“We will not stop.” — Jane Doe",
            &[("“We will not stop.”", "direct", "Jane Doe")],
        );
        check(
            "And from Chairwoman Jane Doe:\n\n“We will not stop.”",
            &[("“We will not stop.”", "direct", "Jane Doe")],
        );
        check(
            "Jane Doe said in an interview with local media on Tuesday, “We will not stop.”",
            &[("“We will not stop.”", "direct", "Jane Doe")],
        );
    }

    #[test]
    fn titles_after_inverted_cues_and_colons() {
        check(
            "“It was not possible,” said Ambassador Hamdullah Mohib.",
            &[("“It was not possible,”", "direct", "Hamdullah Mohib")],
        );
        check(
            "Prime Minister Rishi Sunak defended the record: “We are working as quickly as possible.”",
            &[("“We are working as quickly as possible.”", "direct", "Rishi Sunak")],
        );
        check(
            "It quoted Caitlin Boswell, with Boswell stating: “People need quicker decisions.”",
            &[("“People need quicker decisions.”", "direct", "Caitlin Boswell")],
        );
    }

    #[test]
    fn statements_and_named_appositions() {
        check(
            "‘We will not back down,’ said the council leader, Jane Amberley.",
            &[("‘We will not back down,’", "direct", "Jane Amberley")],
        );
        check(
            "The Harbour Trust said in a statement that it would review its options.",
            &[("it would review its options", "indirect", "Harbour Trust")],
        );
        check(
            "According to the police, the man was later released without charge.",
            &[("the man was later released without charge", "indirect", "the police")],
        );
    }

    #[test]
    fn a_colon_after_a_subject_with_a_relative_clause() {
        check(
            "Bruno Tavares, who has scored only twice since October, was more blunt: “We have to look at ourselves.”",
            &[("“We have to look at ourselves.”", "direct", "Bruno Tavares")],
        );
    }

    #[test]
    fn coordinated_speakers_with_a_floating_quantifier() {
        check(
            "Rafael Louzan and Javier Tebas both said they had full confidence in the referees.",
            &[("they had full confidence in the referees", "indirect", "Rafael Louzan and Javier Tebas")],
        );
    }

    #[test]
    fn a_surname_alone_gives_no_sex() {
        // "Kamau" is also a man's given name; here it is Wanjiru Kamau's surname.
        check(
            "“It was hard,” said Wanjiru Kamau. Kamau does not like to talk about 2020.\n\n“We had no choice,” she said.",
            &[("“It was hard,”", "direct", "Wanjiru Kamau"), ("“We had no choice,”", "direct", "Wanjiru Kamau")],
        );
    }

    #[test]
    fn a_possessive_before_the_subject_is_not_the_antecedent() {
        check(
            "Kamau opened a bakery. Kamau's husband, Peter Otieno, handles the accounts. He said the hardest year was 2020.",
            &[("the hardest year was 2020", "indirect", "Peter Otieno")],
        );
    }

    #[test]
    fn the_person_in_apposition_to_a_role_speaks() {
        check(
            "A Kestrel spokeswoman, Hannah Osei, said the kit would ship in May.",
            &[("the kit would ship in May", "indirect", "Hannah Osei")],
        );
        check(
            "That man, former Northline Rail executive Omar Maani, testified that he had paid cash.",
            &[("he had paid cash", "indirect", "Omar Maani")],
        );
    }

    #[test]
    fn a_person_after_a_club_and_a_role_is_the_subject() {
        check(
            "His manager, Régis Le Bris, praised the team. City captain Kyle Walker admitted the team had been poor. \"That's a question for the manager,\" he said.",
            &[("the team had been poor", "indirect", "Kyle Walker"), ("\"That's a question for the manager,\"", "direct", "Kyle Walker")],
        );
    }

    #[test]
    fn the_person_after_an_organisation_speaks() {
        check(
            "Her colleague at The New Yorker, Kyle Chayka, disagreed, telling NPR that the market was maturing.",
            &[("the market was maturing", "indirect", "Kyle Chayka")],
        );
        check(
            "Greenpeace Australia Pacific campaigner Martin Zavan accused the government of \"approving coal mines\".",
            &[("\"approving coal mines\"", "partial", "Martin Zavan")],
        );
        check(
            "Netflix co-chief executive Ted Sarandos told investors that revenue had doubled.",
            &[("revenue had doubled", "indirect", "Ted Sarandos")],
        );
    }

    #[test]
    fn relative_clauses_and_titles_in_appositions() {
        check(
            "Dr. Maya Ajmera, president of the Society for Science, which runs the competition, called it \"engineering with empathy\".",
            &[("\"engineering with empathy\"", "partial", "Maya Ajmera")],
        );
        check(
            "Aanya Patel won. Patel's physics teacher, Mr. Robert Alvarez, said she had worked hard.",
            &[("she had worked hard", "indirect", "Robert Alvarez")],
        );
        check("The company, which runs the plant, said it would close.", &[("it would close", "indirect", "The company")]);
    }

    #[test]
    fn a_second_verb_of_the_speaker_ends_the_content() {
        check(
            "The mayor said the city would rebuild the bridge and thanked the volunteers.",
            &[("the city would rebuild the bridge", "indirect", "The mayor")],
        );
        check("He said prices had risen and wages had not.", &[("prices had risen and wages had not", "indirect", "He")]);
        check(
            "Minister Manohar Lal Khattar said the grid had coped, but warned that states must avoid cuts.",
            &[("the grid had coped", "indirect", "Manohar Lal Khattar"), ("states must avoid cuts", "indirect", "Manohar Lal Khattar")],
        );
    }

    #[test]
    fn a_relative_clause_inside_the_content_of_said() {
        check(
            "The union said 98% of members who voted backed the mandate.",
            &[("98% of members who voted backed the mandate", "indirect", "The union")],
        );
    }

    #[test]
    fn a_relative_clause_with_a_cue_ends_before_the_main_cue() {
        check(
            "Prime Minister Fumio Kishida, who announced in August that he would not run, said the party had turned a page.",
            &[("he would not run", "indirect", "Fumio Kishida"), ("the party had turned a page", "indirect", "Fumio Kishida")],
        );
    }

    #[test]
    fn a_name_in_apposition_inside_the_content() {
        check(
            "A spokesman for the Treasury said the chancellor, Rachel Reeves, respected the Bank's independence.",
            &[("the chancellor, Rachel Reeves, respected the Bank's independence", "indirect", "Treasury")],
        );
    }

    #[test]
    fn a_name_before_a_particle_is_the_person_too() {
        check(
            "President Luiz Inácio Lula da Silva spoke. \"The forest is ours,\" Lula said.",
            &[("\"The forest is ours,\"", "direct", "Luiz Inácio Lula da Silva")],
        );
    }

    #[test]
    fn people_with_their_roles_speak_together() {
        check(
            "Nursing director Patricia Marquis and council member Dr. Emeka Okorafor both warned that the cuts would hurt.",
            &[("the cuts would hurt", "indirect", "Patricia Marquis and council member Dr. Emeka Okorafor")],
        );
    }

    #[test]
    fn a_contrasting_clause_with_its_own_cue() {
        check(
            "Gene Munster wrote on X that the launch was dull, while Counterpoint Analytics' Tarun Pathak said in an interview that demand remained weak.",
            &[("the launch was dull", "indirect", "Gene Munster"), ("demand remained weak", "indirect", "Tarun Pathak")],
        );
    }

    #[test]
    fn a_participle_cue_reports_on_its_own() {
        check(
            "Volodymyr Zelensky on Monday urged allies to hurry, saying Russia had launched 400 drones.",
            &[("allies to hurry", "indirect", "Volodymyr Zelensky"), ("Russia had launched 400 drones", "indirect", "Volodymyr Zelensky")],
        );
        check(
            "The minister resigned on Monday, saying that she had lost the trust of colleagues.",
            &[("she had lost the trust of colleagues", "indirect", "The minister")],
        );
        check("Kovacs on Monday said the talks had failed.", &[("the talks had failed", "indirect", "Kovacs")]);
    }

    #[test]
    fn a_second_cue_of_the_same_subject() {
        check(
            "Max Verstappen won. The Dutchman complained over team radio that his tyres were gone and later told Sky Sports that Red Bull had work to do.",
            &[("his tyres were gone", "indirect", "Max Verstappen"), ("Red Bull had work to do", "indirect", "Max Verstappen")],
        );
    }

    #[test]
    fn an_inverted_cue_before_a_subordinate_clause() {
        check(
            "The prince received the king on Tuesday, SPA said, as the two countries signed agreements.",
            &[("The prince received the king on Tuesday", "indirect", "SPA")],
        );
        check(
            "Human Rights Watch’s deputy Middle East director, Michael Page, said the visit was wrong. Others disagreed. “Trade deals should not buy silence,” he said.",
            &[("the visit was wrong", "indirect", "Michael Page"), ("“Trade deals should not buy silence,”", "direct", "Michael Page")],
        );
    }

    #[test]
    fn an_inverted_cue_before_a_participle_clause() {
        check(
            "Pakistan and the International Monetary Fund have reached a deal on a loan, the lender said on Friday, giving the country breathing room.",
            &[("Pakistan and the International Monetary Fund have reached a deal on a loan", "indirect", "International Monetary Fund")],
        );
    }

    #[test]
    fn a_study_speaks_not_the_journal_that_published_it() {
        check(
            "Reefs could vanish by 2050, according to a study published on Thursday in the journal Nature.",
            &[("Reefs could vanish by 2050", "indirect", "a study")],
        );
    }

    #[test]
    fn a_verb_for_direct_quotes_only_names_no_fragment() {
        check(
            "Philip Sellinger spoke on Monday. He said his office would continue to pursue corruption \"wherever we find it\".",
            &[
                ("his office would continue to pursue corruption \"wherever we find it\"", "indirect", "Philip Sellinger"),
                ("\"wherever we find it\"", "partial", "Philip Sellinger"),
            ],
        );
    }

    #[test]
    fn a_description_by_nationality_or_age_is_the_person_just_named() {
        check(
            "Sunderland's coach, Régis Le Bris, praised the team. The Frenchman said the priority remained promotion.",
            &[("the priority remained promotion", "indirect", "Régis Le Bris")],
        );
        check(
            "Substitute Eliezer Mayenda scored the winner. The 20-year-old said it was the best moment of his life.",
            &[("it was the best moment of his life", "indirect", "Eliezer Mayenda")],
        );
        // A woman's description does not go to the man just named.
        check(
            "Coach Tom Baker praised the team. The Frenchwoman said it was a fluke.",
            &[("it was a fluke", "indirect", "The Frenchwoman")],
        );
    }

    #[test]
    fn inverted_reported_speech_with_irregular_verbs_numbers_and_named_sources() {
        check("The typhoon tore through the islands, officials said.", &[("The typhoon tore through the islands", "indirect", "officials")]);
        check(
            "Medicare will cover the booster, a spokesperson for the Harbour Trust said.",
            &[("Medicare will cover the booster", "indirect", "Harbour Trust")],
        );
        check(
            "Turnout was 78%, the Electoral Commission said.",
            &[("Turnout was 78%", "indirect", "Electoral Commission")],
        );
    }

    #[test]
    fn content_that_is_one_quotation_is_not_reported_speech_too() {
        check(
            "Robert Wheeler added that “more charges are possible.”",
            &[("“more charges are possible.”", "partial", "Robert Wheeler")],
        );
    }

    #[test]
    fn partial_quotes_inside_reported_speech() {
        check(
            "Daniel Osei spoke. He said the agreement would “protect services and jobs”.",
            &[
                ("the agreement would “protect services and jobs”", "indirect", "Daniel Osei"),
                ("“protect services and jobs”", "partial", "Daniel Osei"),
            ],
        );
        check(
            "The operator, Harbour Trust, said it was “pleased” with the outcome.",
            &[("it was “pleased” with the outcome", "indirect", "Harbour Trust"), ("“pleased”", "partial", "Harbour Trust")],
        );
    }

    #[test]
    fn participle_cues_take_the_clause_subject() {
        check(
            "Jane Doe, the mayor, approved the plan, adding that it would pass.",
            &[("it would pass", "indirect", "Jane Doe")],
        );
    }

    #[test]
    fn every_tense_and_colon() {
        check("Maria Lopez has said the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
        check("Maria Lopez had told aides that the plan was dead.", &[("the plan was dead", "indirect", "Maria Lopez")]);
        check("Maria Lopez says the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
        check("Maria Lopez is saying the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
        check("Maria Lopez was quoted as saying the plan was dead.", &[("the plan was dead", "indirect", "Maria Lopez")]);
        check("Maria Lopez said: “The plan is dead.”", &[("“The plan is dead.”", "direct", "Maria Lopez")]);
    }

    #[test]
    fn organisations_by_their_head_noun() {
        check(
            "The Ministry of Finance met on Monday. The ministry said talks would resume.",
            &[("talks would resume", "indirect", "Ministry of Finance")],
        );
        // Names joined by "and" speak together.
        check(
            "Egypt and Saudi Arabia, which mediated earlier talks, said they were ready to host a new round.",
            &[("they were ready to host a new round", "indirect", "Egypt and Saudi Arabia")],
        );
        check("Ana Ruiz and Tom Bell said the plan had failed.", &[("the plan had failed", "indirect", "Ana Ruiz and Tom Bell")]);
        // A word for any organisation: the one named last, nearby.
        check(
            "The RSF denied blocking the aid. In a post, the group said its fighters had left.",
            &[("its fighters had left", "indirect", "RSF")],
        );
        check(
            "Veltrix Semiconductor cut jobs on Monday. Analysts were surprised. The company said demand had slowed.",
            &[("demand had slowed", "indirect", "Veltrix Semiconductor")],
        );
        // Too far back, or no organisation: the phrase alone.
        check(
            "Acme Corp. opened. It rained. It rained. It rained. It rained. The company said sales rose.",
            &[("sales rose", "indirect", "The company")],
        );
    }

    #[test]
    fn someone_newly_introduced_takes_over() {
        check(
            "“We lost,” said John Smith. Maria Lopez disagreed. “We won.”",
            &[("“We lost,”", "direct", "John Smith"), ("“We won.”", "direct", "Maria Lopez")],
        );
    }

    #[test]
    fn quotes_continue_in_the_next_paragraph() {
        check(
            "“It was not possible,” said Ambassador Hamdullah Mohib.\n\n“They represent our aspirations.”",
            &[("“It was not possible,”", "direct", "Hamdullah Mohib"), ("“They represent our aspirations.”", "direct", "Hamdullah Mohib")],
        );
    }

    #[test]
    fn abbreviated_titles_and_dependants() {
        check(
            "“Why now?” asked Sen. Maria Delgado, a Democrat from New Mexico.",
            &[("“Why now?”", "direct", "Maria Delgado")],
        );
        check(
            "Robert Kline arrived. An aide to Kline said two senators had asked for more time.",
            &[("two senators had asked for more time", "indirect", "An aide to Kline")],
        );
        check(
            "Robert Kline arrived. A spokesman for Kline said the senator was ill.",
            &[("the senator was ill", "indirect", "Robert Kline")],
        );
    }

    #[test]
    fn nurses_and_fragments() {
        check(
            "“I cannot pay my rent,” said one nurse, who asked not to be named.",
            &[("“I cannot pay my rent,”", "direct", "one nurse")],
        );
        check(
            "Another, Claire Dobson, said the staff felt ignored.",
            &[("the staff felt ignored", "indirect", "Claire Dobson")],
        );
        check(
            "Union organiser Femi Adebayo dismissed the letter as “more of the same”.",
            &[("“more of the same”", "partial", "Femi Adebayo")],
        );
    }

    #[test]
    fn relative_clause_subjects() {
        check(
            "The court halted the mine, siding with residents who said it had poisoned their wells.",
            &[("it had poisoned their wells", "indirect", "residents")],
        );
    }

    #[test]
    fn as_clauses_and_titled_surnames() {
        check(
            "As Colette Heald told The Huffington Post, ozone has dropped since 1990.",
            &[("ozone has dropped since 1990", "indirect", "Colette Heald")],
        );
        check(
            "Hamdullah Mohib arrived. “It was not possible,” said Ambassador Mohib.",
            &[("“It was not possible,”", "direct", "Hamdullah Mohib")],
        );
    }

    #[test]
    fn surnames_and_titles_link_to_the_full_name() {
        check(
            "Ngozi Okafor chairs the panel. “We are ready,” Ms Okafor said.",
            &[("“We are ready,”", "direct", "Ngozi Okafor")],
        );
    }

    #[test]
    fn broken_quote_takes_the_cue_inside() {
        check(
            "Azeem Khalid spoke. “As a result,” he observed, “the plan failed.”",
            &[("“As a result,” he observed, “the plan failed.”", "direct", "Azeem Khalid")],
        );
    }

    #[test]
    fn partial_quotes_prefer_the_verb_before() {
        check(
            "Councillor Tomas Adeyemi called the budget “a hopeful guess” and warned that costs would rise.",
            &[("“a hopeful guess”", "partial", "Tomas Adeyemi"), ("costs would rise", "indirect", "Tomas Adeyemi")],
        );
    }

    #[test]
    fn partial_quotes_take_the_fragment_verb() {
        check(
            "Pakistan praised the president for what it called “bold diplomacy.”",
            &[("“bold diplomacy.”", "partial", "Pakistan")],
        );
    }
}
