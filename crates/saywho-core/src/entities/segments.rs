//! Cutting a capitalised run into mentions: titles come off, a sentence's
//! ordinary first word goes, dictionary names inside the run split it.

use super::candidates::Extractor;
use super::gazetteer::HeadPos;
use super::organisations::org_kinds_before;
use super::people::role_modifiers;
use super::types::{Gender, Label};
use crate::text::Kind;

impl<'t, 'a> Extractor<'t, 'a> {
    /// Cuts a capitalised run into mentions.
    pub(super) fn segment(&mut self, mut a: usize, b: usize) {
        let t = self.text;
        let g = self.g;
        // Shouting ("MIX IT ALL UP") names nothing.
        if (a..b).filter(|&k| t.is_all_caps(k) && !t.tok(k).contains('.')).count() >= 3 {
            return;
        }
        // A sentence-initial capital is no evidence: drop an ordinary first word.
        if self.initial(a) && b - a > 1 && self.droppable(a, b) {
            a += 1;
            while a < b && matches!(t.kind(a), Kind::Hyphen | Kind::Punct) {
                a += 1;
            }
            if a >= b {
                return;
            }
        }
        // "pro-Beijing", "anti-American": a stance, not the place or people.
        if a >= 2 && t.kind(a - 1) == Kind::Hyphen && matches!(t.tok(a - 2), "pro" | "anti" | "non" | "post" | "pre" | "neo") {
            let k = b - a;
            if g.places.get_span(t, a, b, &mut self.buf).is_some() || (k == 1 && g.demonym(t.tok(a)).is_some()) {
                return self.push(a - 2, b, Some(Label::Misc), Gender::Unknown, false);
            }
        }
        let mut the = a > 0 && t.is(a - 1, "the");
        if t.tok(a) == "The" && b - a > 1 {
            a += 1;
            the = true;
        }
        // (A common word that also names a town is the word where the text uses
        // it in lower case too: "Man charged …" over "a 42-year-old man".)
        if a >= b || (b - a == 1 && self.initial(a) && g.is_common(t.tok(a)) && (g.places.get(t.tok(a)).is_none() || self.seen_lower(t.tok(a)))) {
            return;
        }
        // A title alone names nobody: "the Prime Minister, Keir Starmer".
        if g.titles.get_span(t, a, b, &mut self.buf).is_some() {
            return;
        }
        // A title at the end names nobody: "Museum of Flight CEO", "NASA Administrator".
        for s in b.saturating_sub(3).max(a + 1)..b {
            if g.titles.get_span(t, s, b, &mut self.buf).is_some() {
                return self.segment(a, s);
            }
        }
        // A title with its office: "the Secretary of State", "Governor of Texas
        // Greg Abbott" (the place counts; the person is what follows).
        if let Some((k, gender)) = self.title_at(a, b) {
            if a + k + 1 < b && t.is(a + k, "of") {
                let q = self.title_complement(a + k + 1, b);
                if q < b {
                    self.classify(q, b, false, Some(gender));
                }
                return;
            }
        }
        // A name ending in a head word is one name, titles inside or not.
        if self.head_label(a, b).is_some() || (a..b).any(|k| matches!(t.tok(k), "’s" | "'s")) {
            self.classify(a, b, the, None);
            return;
        }
        let mut i = a;
        while i < b {
            if let Some((k, gender)) = self.title_at(i, b) {
                let mut p = i;
                let named = (a..i).any(|s| {
                    g.places.get_span(t, s, i, &mut self.buf).is_some() || g.known.get_span(t, s, i, &mut self.buf).is_some()
                });
                while !named && p > a && self.title_modifier(p - 1) {
                    p -= 1;
                }
                if p > a {
                    self.classify(a, p, the, None);
                }
                let mut q = i + k;
                // Stacked titles: "Detective Sgt. Laura Perez", "Secretary General Mark Rutte".
                while let Some((k2, _)) = self.title_at(q, b).filter(|_| q + 1 < b) {
                    q += k2;
                }
                if q < b && t.is(q, "of") {
                    q = self.title_complement(q + 1, b);
                }
                if q < b {
                    self.classify(q, b, false, Some(gender));
                }
                return;
            }
            i += 1;
        }
        self.classify(a, b, the, None);
    }

    /// Should the sentence-initial first word of the run `[a, b)` go?
    pub(super) fn droppable(&mut self, a: usize, b: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let w = t.tok(a);
        if g.places.longest(t, a, b, &mut self.buf).is_some()
            || g.known.longest(t, a, b, &mut self.buf).is_some()
            || g.titles.longest(t, a, b, &mut self.buf).is_some()
            || g.heads.longest(t, a, b, &mut self.buf).is_some_and(|(_, (_, p))| matches!(p, HeadPos::First | HeadPos::Both))
            || g.demonym(w).is_some()
            || g.demonyms.longest(t, a, b, &mut self.buf).is_some()
            || (g.given_name(w).is_some() && !g.is_common(w))
            || self.is_acronym(a)
            || w == "The"
        {
            return false;
        }
        if g.is_common(w) {
            return true;
        }
        // "Human Rights Watch said", "Local Government Association": a name
        // ending in an organisation's or place's head word keeps its first word.
        let last = if t.is(b - 1, ".") { b - 2 } else { b - 1 };
        if b - a >= 3 && matches!(g.heads.get(t.tok(last)), Some((Label::Org | Label::Loc, HeadPos::Last | HeadPos::Of | HeadPos::Both))) {
            return false;
        }
        if role_modifiers().contains(w) {
            return true;
        }
        // A role word opening the sentence before a name: "Striker Kylian Mbappé",
        // or a kind of firm: "Chipmaker Veltrix".
        if !self.midcap.contains(w) && (self.role_word(w) || org_kinds_before().contains(self.lbuf.as_str())) {
            return true;
        }
        if self.midcap.contains(w) || t.is_all_caps(a) {
            return false;
        }
        self.seen_lower(w) || w.ends_with("ing") || w.ends_with("ly") || w.ends_with("ed")
    }

    /// Cuts `[a, b)` around the dictionary names inside it ("Ottawa | New
    /// Democrat", "NASA | Bill Ingalls"); false if there are none.
    pub(super) fn split(&mut self, a: usize, b: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let mut pieces: Vec<(usize, usize, Option<Label>)> = Vec::new();
        let (mut p, mut last) = (a, a);
        while p < b {
            let hit = if let Some((k, _)) = g.places.longest(t, p, b, &mut self.buf) {
                Some((k, Label::Loc))
            } else if let Some((k, l)) = g.known.longest(t, p, b, &mut self.buf) {
                Some((k, l))
            } else if let Some((k, _)) = g.demonyms.longest(t, p, b, &mut self.buf) {
                Some((k, Label::Misc))
            } else if self.is_acronym(p) {
                Some((1, Label::Org))
            } else {
                None
            };
            match hit {
                Some((k, l)) => {
                    if last < p {
                        pieces.push((last, p, None));
                    }
                    pieces.push((p, p + k, Some(l)));
                    p += k;
                    last = p;
                }
                None => p += 1,
            }
        }
        if pieces.is_empty() {
            return false;
        }
        if last < b {
            pieces.push((last, b, None));
        }
        // A known firm's product: "Apple Music", "Google Maps", "Microsoft Teams".
        if let [(s0, e0, Some(Label::Org)), (s1, e1, None)] = pieces.as_slice() {
            let (s1, e1) = (*s1, *e1);
            if *s0 == a && *e0 == s1 && e1 == b && e1 - s1 <= 2 && !self.is_acronym(*s0) && (s1..e1).all(|k| t.is_cap(k) && !t.is_all_caps(k) && g.heads.get(t.tok(k)).is_none() && g.titles.get(t.tok(k)).is_none())
                && g.given_name(t.tok(s1)).is_none()
            {
                self.push(a, b, Some(Label::Misc), Gender::Unknown, false);
                return true;
            }
        }
        // A national branch of a known organisation: "the Philippine Red Cross".
        if let [(s0, e0, None), (_, e1, Some(Label::Org))] = pieces.as_slice() {
            let w = t.tok(*s0);
            let adjective = ["ine", "an", "ese", "ish", "ic", "i"].iter().any(|x| w.ends_with(x));
            if *e0 == *s0 + 1 && *e1 == b && t.is_cap(*s0) && (g.demonym(w) == Some(false) || adjective && g.places.get(w).is_none()) {
                self.push(a, b, Some(Label::Org), Gender::Unknown, false);
                return true;
            }
        }
        for (s, e, l) in pieces {
            let (mut s, mut e) = (s, e);
            while s < e && !t.is_cap(s) {
                s += 1;
            }
            while e > s && !t.is_cap(e - 1) && t.kind(e - 1) != Kind::Number {
                e -= 1;
            }
            match l {
                Some(l) if s < e => self.push(s, e, Some(l), Gender::Unknown, false),
                None if s < e => self.classify(s, e, false, None),
                _ => {}
            }
        }
        true
    }
}
