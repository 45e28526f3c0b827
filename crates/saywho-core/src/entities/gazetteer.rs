//! The word lists behind entity recognition, embedded in the binary and
//! parsed once on first use.
//!
//! `data/gazetteer/` is generated from GeoNames (CC BY 4.0) and US SSA baby
//! names (public domain) by `scripts/build-gazetteers.py`; `data/lexicon/` is
//! written by hand. Multi-word entries are looked up token by token from the
//! text: a key is the tokens joined the way they were written (one space
//! where the text had whitespace), so "Sub-Saharan Africa" and "U.S." match
//! whatever the tokenizer makes of them.

use super::types::{Gender, Label};
use crate::text::{tokenize, Text};
use std::sync::OnceLock;

pub use crate::text::lexicon::{FxHasher, FxMap, FxSet};

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Continent,
    /// A US state or another first-level division (province, nation of the UK).
    State,
    Capital,
    City,
    /// Regions, seas and other areas ("Middle East", "Pacific Northwest").
    Region,
}

/// Where a head word decides a name's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadPos {
    /// As the last word: "Quaid-i-Azam University".
    Last,
    /// As the last word, or first before of/for/on: "Ministry of Finance".
    Of,
    /// Only as the first word(s): "Cape Canaveral", "Space Shuttle Columbia".
    First,
    /// As the first or the last word: "River Tyne", "Tyne River".
    Both,
}

/// A dictionary keyed by token sequences.
pub struct Dict<V> {
    map: FxMap<&'static str, V>,
    /// First token of every key → the most tokens any key starting with it has.
    first: FxMap<&'static str, u8>,
}

impl<V: Copy> Dict<V> {
    fn new() -> Self {
        Dict { map: FxMap::default(), first: FxMap::default() }
    }

    fn insert(&mut self, key: &'static str, v: V) {
        let toks = tokenize(key);
        let Some(t0) = toks.first() else { return };
        let n = toks.len().min(255) as u8;
        let f = self.first.entry(&key[t0.start..t0.end]).or_insert(0);
        *f = (*f).max(n);
        self.map.entry(key).or_insert(v);
    }

    /// Exact lookup of a key string.
    #[inline]
    pub fn get(&self, key: &str) -> Option<V> {
        self.map.get(key).copied()
    }

    /// Looks up tokens `[a, b)` of `text` as one key.
    pub fn get_span(&self, text: &Text, a: usize, b: usize, buf: &mut String) -> Option<V> {
        if b <= a || b - a > self.max_len(text.tok(a)) {
            return None;
        }
        self.get(key(text, a, b, buf))
    }

    fn max_len(&self, first: &str) -> usize {
        self.first.get(first).map_or(0, |&n| n as usize)
    }

    /// The longest key starting at token `a` and ending at or before `end`:
    /// (tokens, value).
    pub fn longest(&self, text: &Text, a: usize, end: usize, buf: &mut String) -> Option<(usize, V)> {
        if a >= end {
            return None;
        }
        let max = self.max_len(text.tok(a)).min(end - a);
        for n in (1..=max).rev() {
            if let Some(v) = self.get(key(text, a, a + n, buf)) {
                return Some((n, v));
            }
        }
        None
    }
}

/// Tokens `[a, b)` as a lookup key: their texts, with one space where the
/// source had whitespace between them. Reuses `buf` (no allocation once warm).
pub fn key<'b>(text: &Text, a: usize, b: usize, buf: &'b mut String) -> &'b str {
    buf.clear();
    for i in a..b {
        if i > a && text.tokens[i].space_before {
            buf.push(' ');
        }
        buf.push_str(text.tok(i));
    }
    buf.as_str()
}

/// Tokens `[a, b)` as a lookup key with accents folded away ("Tromsø" →
/// "Tromso", "Zu\u{308}rich" → "Zurich"), so a place the gazetteer spells
/// plainly is found however the text writes it; `None` when the tokens are
/// plain ASCII already (the ordinary key said all there is to say).
pub fn folded_key<'b>(text: &Text, a: usize, b: usize, buf: &'b mut String) -> Option<&'b str> {
    if (a..b).all(|i| text.tok(i).is_ascii()) {
        return None;
    }
    buf.clear();
    for i in a..b {
        if i > a && text.tokens[i].space_before {
            buf.push(' ');
        }
        for c in text.tok(i).chars() {
            match fold(c) {
                Some(s) => buf.push_str(s),
                None if ('\u{300}'..='\u{36f}').contains(&c) => {}
                None => buf.push(c),
            }
        }
    }
    Some(buf.as_str())
}

/// The plain Latin letters of an accented one.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' | 'ð' => "d",
        'Ď' | 'Đ' | 'Ð' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
        'ł' => "l",
        'Ł' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
        'ť' | 'ţ' | 'ț' => "t",
        'Ť' | 'Ţ' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'æ' => "ae",
        'Æ' => "Ae",
        'œ' => "oe",
        'Œ' => "Oe",
        'ß' => "ss",
        'þ' => "th",
        'Þ' => "Th",
        _ => return None,
    })
}

pub struct Gazetteer {
    pub places: Dict<PlaceKind>,
    pub given: FxMap<&'static str, Gender>,
    pub titles: Dict<Gender>,
    /// Lower-case role nouns ("spokeswoman", "expert").
    pub roles: FxMap<&'static str, Gender>,
    pub heads: Dict<(Label, HeadPos)>,
    pub demonyms: Dict<()>,
    pub known: Dict<Label>,
    pub common: FxSet<&'static str>,
    /// Verb forms of speech ("said", "told"): a name before them is a speaker.
    pub speech: FxSet<&'static str>,
}

static GAZ: OnceLock<Gazetteer> = OnceLock::new();

/// The gazetteer, parsed on first use.
pub fn get() -> &'static Gazetteer {
    GAZ.get_or_init(load)
}

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn gender(s: &str) -> Gender {
    match s {
        "F" => Gender::Female,
        "M" => Gender::Male,
        _ => Gender::Unknown,
    }
}

fn label(s: &str) -> Option<Label> {
    Some(match s {
        "PERSON" => Label::Person,
        "ORG" => Label::Org,
        "LOC" => Label::Loc,
        "MISC" => Label::Misc,
        _ => return None,
    })
}

fn place_kind(s: &str) -> PlaceKind {
    match s {
        "country" => PlaceKind::Country,
        "continent" => PlaceKind::Continent,
        "state" => PlaceKind::State,
        "capital" => PlaceKind::Capital,
        "region" => PlaceKind::Region,
        _ => PlaceKind::City,
    }
}

fn load() -> Gazetteer {
    let mut g = Gazetteer {
        places: Dict::new(),
        given: FxMap::default(),
        titles: Dict::new(),
        roles: FxMap::default(),
        heads: Dict::new(),
        demonyms: Dict::new(),
        known: Dict::new(),
        common: FxSet::default(),
        speech: FxSet::default(),
    };
    // Hand-written places first: their kinds ("region") win over GeoNames'.
    for src in [include_str!("../../data/lexicon/places.txt"), include_str!("../../data/gazetteer/places.tsv")] {
        for l in lines(src) {
            let (name, kind) = l.split_once('\t').unwrap_or((l, "city"));
            g.places.insert(name, place_kind(kind));
        }
    }
    for l in lines(include_str!("../../data/lexicon/given_names.txt")) {
        if let Some((sex, names)) = l.split_once(':') {
            for n in names.split_whitespace() {
                g.given.insert(n, gender(sex));
            }
        }
    }
    for l in lines(include_str!("../../data/gazetteer/given-names.tsv")) {
        let (name, sex) = l.split_once('\t').unwrap_or((l, "U"));
        g.given.entry(name).or_insert(gender(sex));
    }
    for l in lines(include_str!("../../data/lexicon/titles.txt")) {
        let (t, sex) = l.split_once('\t').unwrap_or((l, "-"));
        g.titles.insert(t, gender(sex));
    }
    for l in lines(include_str!("../../data/lexicon/roles.txt")) {
        let (t, sex) = l.split_once('\t').unwrap_or((l, "-"));
        g.roles.insert(t, gender(sex));
    }
    for l in lines(include_str!("../../data/lexicon/heads.txt")) {
        let mut f = l.split('\t');
        let (Some(w), Some(lab), pos) = (f.next(), f.next().and_then(label), f.next()) else { continue };
        let pos = match pos {
            Some("of") | Some("for") => HeadPos::Of,
            Some("first") => HeadPos::First,
            Some("both") => HeadPos::Both,
            _ => HeadPos::Last,
        };
        g.heads.insert(w, (lab, pos));
    }
    for l in lines(include_str!("../../data/lexicon/demonyms.txt")) {
        if l.contains(',') {
            for w in l.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                g.demonyms.insert(w, ());
            }
        } else {
            for w in l.split_whitespace() {
                g.demonyms.insert(w, ());
            }
        }
    }
    for l in lines(include_str!("../../data/lexicon/known.txt")) {
        if let Some((name, lab)) = l.split_once('\t') {
            if let Some(lab) = label(lab) {
                g.known.insert(name, lab);
            }
        }
    }
    for l in lines(include_str!("../../data/lexicon/common.txt")) {
        g.common.extend(l.split_whitespace());
    }
    // Speech verbs come from the quotation module's lexicon (column 2: forms).
    for l in lines(include_str!("../../data/lexicon/reporting_verbs.txt")) {
        if let Some((_, forms)) = l.split_once('\t') {
            g.speech.extend(forms.split(',').map(str::trim).filter(|f| !f.contains(' ') && !f.is_empty()));
        }
    }
    g
}

impl Gazetteer {
    /// Gender of a given name, if it is one.
    #[inline]
    pub fn given_name(&self, w: &str) -> Option<Gender> {
        self.given.get(w).copied()
    }

    /// Is `w` (a capitalised word) a demonym, and is it plural ("Texans")?
    pub fn demonym(&self, w: &str) -> Option<bool> {
        if self.demonyms.get(w).is_some() {
            return Some(false);
        }
        let base = w.strip_suffix('s')?;
        self.demonyms.get(base).map(|_| true)
    }

    #[inline]
    pub fn is_common(&self, w: &str) -> bool {
        self.common.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_answer() {
        let g = get();
        let mut buf = String::new();
        let t = Text::new("Sub-Saharan Africa and New York City and the U.S. and Lt. Gov Smith");
        assert_eq!(g.places.longest(&t, 0, t.len(), &mut buf), Some((4, PlaceKind::Region)));
        assert_eq!(g.places.longest(&t, 5, t.len(), &mut buf).map(|x| x.0), Some(3));
        let at = |w: &str| (0..t.len()).find(|&i| t.tok(i) == w).unwrap();
        assert_eq!(g.places.longest(&t, at("U.S."), t.len(), &mut buf), Some((1, PlaceKind::Country)));
        assert_eq!(g.titles.longest(&t, at("Lt"), t.len(), &mut buf).map(|x| x.0), Some(3));
        assert_eq!(g.given_name("Julie"), Some(Gender::Female));
        assert_eq!(g.given_name("Charles"), Some(Gender::Male));
        assert_eq!(g.given_name("Ngozi"), Some(Gender::Female));
        assert_eq!(g.given_name("Imran"), Some(Gender::Male));
        assert_eq!(g.demonym("Texans"), Some(true));
        assert_eq!(g.demonym("Chinese"), Some(false));
        assert_eq!(g.demonym("Pakistan"), None);
        assert!(g.speech.contains("said") && g.speech.contains("told"));
        assert_eq!(g.heads.get("University"), Some((Label::Org, HeadPos::Of)));
        assert_eq!(g.known.get("White House"), Some(Label::Org));
        assert!(g.is_common("However"));
        let sa = Text::new("South African");
        assert!(g.demonyms.get_span(&sa, 0, 2, &mut buf).is_some());
    }

    #[test]
    fn places_are_found_without_their_accents() {
        let g = get();
        let mut buf = String::new();
        for (text, plain) in [("Tromsø", "Tromso"), ("Zu\u{308}rich", "Zurich"), ("Łódź", "Lodz"), ("São Paulo", "Sao Paulo")] {
            let t = Text::new(text);
            assert_eq!(folded_key(&t, 0, t.len(), &mut buf), Some(plain));
        }
        let t = Text::new("Oslo");
        assert_eq!(folded_key(&t, 0, t.len(), &mut buf), None);
        // The generated list spells places plainly too.
        assert!(g.places.get("Wroclaw").is_some() && g.places.get("Lodz").is_some());
    }
}
