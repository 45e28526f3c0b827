//! Named entities by rules: PERSON, ORG, LOC, MISC (plus DATE, MONEY and
//! PERCENT from [`crate::numex`]).
//!
//! Three steps. The chunker gathers capitalised runs with the lower-case
//! glue names carry ("Ministry of Finance", "Quaid-i-Azam University",
//! "Texas A&M"). Each run is then cut and classified: titles come out of
//! person spans ("Prime Minister Shehbaz Sharif"), head words decide
//! organisations and places ("… University", "… Road"), gazetteers decide
//! places and demonyms, and context decides people (a given name, a title, a
//! ", a … expert" appositive, a speech verb). Last, [`crate::names`] links
//! mentions into entities across the document, so "Fayyaz" after "Shabana
//! Fayyaz" is that person even where a gazetteer says otherwise.
//!
//! The interface is the small [`extract`] function, so a statistical tagger
//! can replace the rules later.

pub mod combine;
pub mod gazetteer;
pub mod names;
pub mod numex;

use gazetteer::{FxMap, FxSet, Gazetteer, HeadPos, PlaceKind};
use crate::text::{Kind, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Loc,
    Misc,
    Date,
    Money,
    Percent,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

/// One mention: token range [start, end) into text.tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct EMention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub entity: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityInfo {
    pub label: Label,
    /// The fullest mention's text.
    pub name: String,
    pub gender: Gender,
    /// Groups, e.g. "Conservatives", "Texans".
    pub plural: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// Sorted by start, non-overlapping.
    pub mentions: Vec<EMention>,
    /// In order of first mention.
    pub entities: Vec<EntityInfo>,
}

/// Finds the entities of a text, with the statistical recognizer when its
/// models are available ([`crate::ml::models`]). Never panics.
pub fn extract(text: &Text) -> Entities {
    let spans = match crate::ml::models() {
        Some(_) => crate::ml::tag_text(text, None).1,
        None => Vec::new(),
    };
    extract_with(text, &spans)
}

/// The rules alone.
pub fn extract_rules(text: &Text) -> Entities {
    extract_with(text, &[])
}

/// Finds the entities of a text, given the recognizer's spans (token ranges;
/// empty for the rules alone). Never panics.
pub fn extract_with(text: &Text, model: &[crate::entities::combine::ModelSpan]) -> Entities {
    let mut x = Extractor::new(text);
    x.run();
    if !model.is_empty() {
        let usable: Vec<bool> = (0..text.len()).map(|k| !x.blocked[k] && x.modes[text.tokens[k].para] == ParaMode::Normal).collect();
        crate::entities::combine::merge(text, &mut x.cands, model, &usable);
    }
    // A name that fills a title in marks after a word for a work is the work:
    // "the drama “Silver Harbor,”", "Her album, “Saudade do Mar,” sold".
    for c in x.cands.iter_mut() {
        if work_title(text, c.start, c.end) {
            c.label = Some(Label::Misc);
            c.weak = false;
        }
    }
    names::link(text, x.cands)
}

/// Does `[a, b)` fill quotation marks (an article before it, a comma or a
/// stop after it) that follow a word for a work ("film", "album")?
fn work_title(t: &Text, a: usize, b: usize) -> bool {
    let mut s = a;
    if s > 0 && (t.is(s - 1, "the") || t.is(s - 1, "a")) {
        s -= 1;
    }
    if s < 2 || t.kind(s - 1) != Kind::Quote || t.tokens[s].space_before {
        return false;
    }
    let mut e = b;
    if e < t.len() && matches!(t.tok(e), "," | ".") {
        e += 1;
    }
    if e >= t.len() || t.kind(e) != Kind::Quote || t.tokens[e].space_before {
        return false;
    }
    let mut p = s - 2;
    if t.tok(p) == "," && p > 0 {
        p -= 1;
    }
    let mut buf = [0u8; 32];
    t.is_word(p) && crate::text::lexicon::ascii_lower(t.tok(p), &mut buf).is_some_and(crate::text::lexicon::is_work_noun)
}

/// A mention before linking.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    /// `None`: a capitalised word with no evidence of its own; it becomes a
    /// mention only if linking ties it to a named entity.
    pub label: Option<Label>,
    pub gender: Gender,
    pub plural: bool,
    /// A fallback guess, overruled by what the rest of the document says.
    pub weak: bool,
    /// A title or role word stands before it ("Ms Okafor", "Administrator Bolden").
    pub titled: bool,
    /// The first token of an earlier candidate this one abbreviates:
    /// "Kennedy Space Center (KSC)".
    pub alias_of: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParaMode {
    Normal,
    /// Headline-style capitalisation: capitals are no evidence.
    Title,
    /// Shouting boilerplate: nothing is a name.
    Caps,
}

/// Lower-case words that glue a name together: "Charles de Gaulle", "bin".
const PARTICLES: [&str; 20] =
    ["de", "del", "della", "da", "di", "du", "do", "dos", "das", "des", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le"];

/// Lower-case facilities after a name that make it a place: "Eastgate coal terminal".
const FACILITY_NOUNS: [&str; 10] = ["terminal", "bridge", "station", "port", "airport", "mine", "plant", "river", "road", "street"];

/// Kinds of organisation a name can stand in apposition to: "the union, Industri Energi,".
/// (Not "publisher", "developer": as often a person, "his publisher, Simrock,".)
const ORG_KINDS: [&str; 31] = [
    "company", "firm", "group", "union", "agency", "operator", "charity", "organisation", "organization", "party", "startup",
    "bank", "insurer", "airline", "manufacturer", "retailer", "broadcaster", "regulator", "club", "team", "newspaper",
    "publisher", "network", "studio", "label", "developer", "lender", "journal", "magazine", "militia", "movement",
];

/// A lower-case word for a kind of organisation ("company", "chipmaker"):
/// "the lender said" speaks for the organisation named last (`speakers`).
pub(crate) fn is_org_kind(w: &str) -> bool {
    ORG_KINDS.contains(&w) || ORG_KINDS_BEFORE.contains(&w)
}

/// Adjectives that open a sentence before a role or a name and are no part
/// of it: "Former England striker Alan Shearer", "Local MP Guy Opperman".
const ROLE_MODIFIERS: [&str; 20] = [
    "Former", "Ex", "Late", "Retired", "Veteran", "Acting", "Interim", "Outgoing", "Incoming", "Fellow", "Local", "Rival",
    "Embattled", "Disgraced", "Beleaguered", "Longtime", "Long-time", "Celebrated", "Renowned", "Legendary",
];

/// Offices held over a country or town: "the prime minister of Norland".
const OFFICES: [&str; 15] = [
    "minister", "premier", "governor", "mayor", "king", "queen", "prince", "princess", "emperor", "empress", "ambassador", "chancellor",
    "sultan", "emir", "monarch",
];

/// Kinds of organisation that stand right before a name: "the housing
/// charity Shelter", "chipmaker Veltrix", "the tech giant Apple".
const ORG_KINDS_BEFORE: [&str; 24] = [
    "chipmaker", "carmaker", "automaker", "drugmaker", "planemaker", "steelmaker", "shipbuilder", "conglomerate", "giant",
    "supermarket", "chain", "publisher", "lender", "miner", "brewer", "telecoms", "carrier", "broadcaster", "charity",
    "retailer", "insurer", "airline", "startup", "regulator",
];

/// Roles in a team or firm: "Arsenal manager Mikel Arteta".
const TEAM_ROLES: [&str; 14] = [
    "manager", "boss", "coach", "captain", "striker", "midfielder", "defender", "goalkeeper", "winger", "chairman", "owner",
    "founder", "executive", "ceo",
];

/// Lower-case words after a name that make it an organisation: "The Standard newspaper".
const ORG_NOUNS: [&str; 10] = ["newspaper", "daily", "tabloid", "magazine", "broadcaster", "party", "militia", "airline", "carrier", "bank"];

/// Lower-case words after a name that make it a place: "the Guaiba river".
/// More kinds of place, in apposition only: "Kasna, a suburb of Noida".
const PLACE_KINDS: [&str; 17] = [
    "country", "capital", "port", "municipality", "kingdom", "republic", "nation", "enclave", "territory", "township", "hamlet",
    "borough", "prefecture", "archipelago", "square", "park", "landmark",
];

const PLACE_NOUNS: [&str; 24] = [
    "river", "lake", "mountain", "mountains", "sea", "island", "islands", "valley", "province", "state", "region", "district",
    "county", "city", "town", "village", "coast", "desert", "area", "neighbourhood", "neighborhood", "suburb", "slum", "settlement",
];

fn initials_len(t: &Text, a: usize, b: usize) -> usize {
    (a..b).filter(|&k| t.is_cap(k)).count()
}

/// Does the acronym at token `acr` abbreviate the name `[a, b)`? Its letters
/// are the initials of the name's capitalised words, in order, the first first.
fn abbreviates(t: &Text, acr: usize, a: usize, b: usize) -> bool {
    let mut initials = (a..b).filter(|&k| t.is_cap(k)).filter_map(|k| t.tok(k).chars().next());
    let mut letters = t.tok(acr).chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else { return false };
    if initials.next() != Some(first) {
        return false;
    }
    letters.all(|l| initials.any(|i| i == l))
}

struct Extractor<'t, 'a> {
    text: &'t Text<'a>,
    g: &'static Gazetteer,
    buf: String,
    lbuf: String,
    blocked: Vec<bool>,
    /// Words that occur starting with a lower-case letter.
    lower: FxSet<&'a str>,
    /// Capitalised words that occur away from a sentence start.
    midcap: FxSet<&'a str>,
    modes: Vec<ParaMode>,
    cands: Vec<Cand>,
}

impl<'t, 'a> Extractor<'t, 'a> {
    fn new(text: &'t Text<'a>) -> Self {
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

    fn run(&mut self) {
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
    fn survey(&mut self) {
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

    fn push(&mut self, a: usize, b: usize, label: Option<Label>, gender: Gender, weak: bool) {
        if a < b {
            self.cands.push(Cand { start: a, end: b, label, gender, plural: false, weak, titled: false, alias_of: None });
        }
    }

    /// At the start of a sentence, or of a quotation or a line after a colon.
    fn initial(&self, i: usize) -> bool {
        let t = self.text;
        if t.starts_sentence(i) {
            return true;
        }
        i > 0 && (t.kind(i - 1) == Kind::Quote && (t.tokens[i - 1].space_before || i == 1) || t.tok(i - 1) == ":")
    }

    fn name_start(&self, i: usize) -> bool {
        !self.blocked[i] && self.text.is_cap(i)
    }

    /// An all-capital abbreviation ("NASA", "U.S."), not a shouted word
    /// ("NOT", "HELP": seen in lower case, or a function word).
    fn is_acronym(&self, i: usize) -> bool {
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

    /// Is this capitalised word an ordinary word (it also appears in lower
    /// case, or is a function word)?
    fn seen_lower(&mut self, w: &str) -> bool {
        self.lbuf.clear();
        self.lbuf.extend(w.chars().flat_map(char::to_lowercase));
        self.lower.contains(self.lbuf.as_str())
    }

    /// "OSLO —", "PORT ELLERY —", "LONDON, March 3 (Reuters) -": a place in
    /// capitals opening a paragraph. Before the dash it is a place whether a
    /// gazetteer knows it or not, and the agency in brackets is an
    /// organisation. Returns where the chunker goes on, or `None` if `i`
    /// opens no dateline.
    fn dateline(&mut self, i: usize) -> Option<usize> {
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
    fn chunk_end(&mut self, i: usize) -> usize {
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
                || (PARTICLES.contains(&w) && j + 1 < n && t.is_cap(j + 1) && !t.is_all_caps(j + 1) && t.is_cap(j - 1))
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
    fn name_syllable(&self, k: usize) -> bool {
        let t = self.text;
        let w = t.tok(k);
        t.kind(k) == Kind::Word
            && (2..=6).contains(&w.len())
            && w.bytes().all(|c| c.is_ascii_lowercase())
            && !self.lower.contains(w)
            && !self.blocked[k]
            && !(k + 1 < t.len() && t.kind(k + 1) == Kind::Hyphen)
            && !matches!(
                w,
                "based" | "led" | "backed" | "born" | "made" | "owned" | "run" | "funded" | "style" | "styled" | "era" | "like"
                    | "type" | "related" | "linked" | "allied" | "bound" | "wide" | "level" | "class" | "held" | "listed" | "only"
                    | "free" | "elect" | "in" | "area" | "year" | "day" | "bred" | "esque" | "ish" | "ism" | "ist" | "ite" | "wise"
                    | "ward" | "aided" | "armed"
            )
    }

    /// Token `i` is an abbreviation or an initial that a dot follows.
    fn abbrev(&self, i: usize) -> bool {
        let w = self.text.tok(i);
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase()) || crate::text::lexicon::is_abbreviation(w)
    }

    /// "Prime Minister’s Office": the run before the possessive is a title (or
    /// an eponym) and a head word follows.
    fn title_before_possessive(&mut self, i: usize, j: usize) -> bool {
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
    fn of_head(&mut self, i: usize, j: usize) -> bool {
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
    fn second_of(&mut self, j: usize, has_of: bool) -> bool {
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
    fn and_joins(&mut self, i: usize, j: usize, has_of: bool) -> bool {
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

    /// Cuts a capitalised run into mentions.
    fn segment(&mut self, mut a: usize, b: usize) {
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

    /// A role in a team, firm or office, whatever its case ("Striker", "spokeswoman").
    fn role_word(&mut self, w: &str) -> bool {
        self.lbuf.clear();
        self.lbuf.extend(w.chars().flat_map(char::to_lowercase));
        self.g.roles.contains_key(self.lbuf.as_str()) || TEAM_ROLES.contains(&self.lbuf.as_str())
    }

    /// Is the word before `a` a kind of organisation, lower case or opening
    /// the sentence ("the retailer Tesco", "Carmaker Toyota")?
    fn org_kind_before(&mut self, a: usize) -> bool {
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
        ORG_KINDS_BEFORE.contains(&w) || ORG_KINDS.contains(&w) && !t.is_cap(p)
    }

    /// A team or company role and a capitalised word after a name ending at
    /// `b`: "Arsenal manager Mikel Arteta", "Celtics coach Joe Mazzulla".
    fn team_role_after(&self, b: usize) -> bool {
        let t = self.text;
        b + 1 < t.len() && TEAM_ROLES.contains(&t.tok(b)) && t.is_cap(b + 1)
    }

    /// ", the …" / ", a …" after a name at `b`: an appositive may follow.
    fn apposition_at(&self, b: usize) -> bool {
        let t = self.text;
        b + 2 < t.len() && t.tok(b) == "," && t.is_any(b + 1, &["the", "a", "an"])
    }

    /// The appositive's noun phrase ends at its head word `k`: punctuation,
    /// the sentence's end, or one of `next` follows.
    fn phrase_ends_after(&self, k: usize, next: &[&str]) -> bool {
        let t = self.text;
        k + 1 >= t.len() || t.sent_of[k + 1] != t.sent_of[k] || t.kind(k + 1) == Kind::Punct && t.tok(k + 1) != "-" || t.is_any(k + 1, next)
    }

    /// ", the most populous state,", ", a town in …", ", a province that …"
    /// after a name at `b`: the kind of place it is, ending its phrase.
    fn place_kind_after(&self, b: usize) -> bool {
        let t = self.text;
        if !self.apposition_at(b) {
            return false;
        }
        // Up to four modifiers: "the most populous state", "a small fishing
        // village", "the capital's main square" (the head is the kind that ends
        // the phrase).
        (b + 2..t.len().min(b + 7))
            .take_while(|&k| t.is_word(k) && !t.is_cap(k) || matches!(t.tok(k), "'s" | "’s"))
            .filter(|&k| PLACE_NOUNS.contains(&t.tok(k)) || PLACE_KINDS.contains(&t.tok(k)))
            .any(|k| self.phrase_ends_after(k, &["in", "of", "that", "which", "where", "on", "near", "north", "south", "east", "west", "with", "whose", "known"]))
    }

    /// ", the party of …", ", a charity that …", ", the militant group,"
    /// after a name at `b`: the kind of organisation it is, ending its phrase
    /// (not ", a company director").
    fn org_kind_after(&self, b: usize) -> bool {
        let t = self.text;
        if !self.apposition_at(b) {
            return false;
        }
        let kind = |k: usize| k < t.len() && ORG_KINDS.contains(&t.tok(k));
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

    /// Should the sentence-initial first word of the run `[a, b)` go?
    fn droppable(&mut self, a: usize, b: usize) -> bool {
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
        if ROLE_MODIFIERS.contains(&w) {
            return true;
        }
        // A role word opening the sentence before a name: "Striker Kylian Mbappé",
        // or a kind of firm: "Chipmaker Veltrix".
        if !self.midcap.contains(w) && (self.role_word(w) || ORG_KINDS_BEFORE.contains(&self.lbuf.as_str())) {
            return true;
        }
        if self.midcap.contains(w) || t.is_all_caps(a) {
            return false;
        }
        self.seen_lower(w) || w.ends_with("ing") || w.ends_with("ly") || w.ends_with("ed")
    }

    /// A title at token `i` (not running past `b`): (tokens, gender).
    fn title_at(&mut self, i: usize, b: usize) -> Option<(usize, Gender)> {
        let t = self.text;
        let (mut k, gender) = self.g.titles.longest(t, i, b, &mut self.buf)?;
        if i + k < b && t.is(i + k, ".") && !t.tokens[i + k].space_before {
            k += 1;
        }
        // "Mr" alone or at the run's end still names nobody; the caller checks.
        Some((k, gender))
    }

    /// A capitalised word a title absorbs: "Finance" Minister, "Foreign" Secretary.
    fn title_modifier(&mut self, p: usize) -> bool {
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
            && (g.heads.get(w).is_none() || matches!(g.heads.get(w), Some((Label::Org, HeadPos::Last))) && p + 1 < t.len() && t.is_any(p + 1, &["minister", "secretary", "commissioner", "spokesman", "spokeswoman", "spokesperson"]))
    }

    /// After "Governor of", "Secretary of": the office's complement, up to the
    /// name ("Washington" in "Governor of Washington Chris Gregoire" is a place).
    fn title_complement(&mut self, mut q: usize, b: usize) -> usize {
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

    /// The class a head word gives the name `[a, b)`.
    fn head_label(&mut self, a: usize, b: usize) -> Option<Label> {
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
    fn classify(&mut self, a: usize, b: usize, the: bool, titled: Option<Gender>) {
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
            if matches!(t.tok(k), "Radio" | "Television" | "TV" | "News" | "Sport" | "Sports" | "World" | "Online")
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
            && matches!(t.tok(a), "North" | "South" | "East" | "West" | "Northern" | "Southern" | "Eastern" | "Western" | "Central" | "Greater" | "Upper" | "Lower")
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
        if b < t.len() && PLACE_NOUNS.contains(&t.tok(b)) && !peoples() && !(n == 1 && self.initial(a) && self.ordinary_noun(a)) {
            return self.push(a, b, Some(Label::Loc), Gender::Unknown, false);
        }
        // "The Standard newspaper", "the Likud party": a name before the kind of organisation it is.
        if b < t.len() && ORG_NOUNS.contains(&t.tok(b)) && !(n == 1 && self.initial(a) && self.ordinary_noun(a)) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.demonyms.get_span(t, a, b, &mut self.buf).is_none() {
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
        if a >= 2 && t.is(a - 1, ",") && ORG_KINDS.contains(&t.tok(a - 2)) && g.places.get_span(t, a, b, &mut self.buf).is_none() && g.given_name(t.tok(a)).is_none() {
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
                g.roles.contains_key(r.as_str()) || TEAM_ROLES.contains(&r.as_str()) || matches!(r.as_str(), "head" | "president" | "director" | "chair" | "leader" | "member" | "members")
            };
            let at = a > 0 && matches!(t.tok(a - 1), "at" | "joined") || of_role;
            // "the deputy prime minister of Norland", "the mayor of Halvik": an office's country or town.
            let office_of = a >= 2 && t.is(a - 1, "of") && t.is_any(a - 2, &OFFICES);
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

    /// Does the one-word name at `a` read as a place? After "in"/"near"
    /// ("in Halvik"), or coordinated with "and"/"or" after "in", "at", "near"
    /// or "from" ("from Halvik and Marren"): unknown words joined that way
    /// share the place reading.
    fn place_reading(&self, a: usize, b: usize) -> bool {
        let t = self.text;
        const DIRECT: [&str; 5] = ["in", "near", "outside", "across", "throughout"];
        const COORD: [&str; 7] = ["in", "at", "near", "from", "outside", "across", "throughout"];
        // "in Hajj stampede", "in Scientology jargon": a modifier of a noun.
        if b < t.len() && t.kind(b) == Kind::Word && t.tok(b).starts_with(|c: char| c.is_lowercase()) && !self.verb_like(b) {
            const GLUE: [&str; 24] = [
                "and", "or", "but", "to", "of", "on", "for", "with", "in", "at", "by", "from", "is", "are", "were", "have", "that",
                "which", "where", "as", "after", "before", "since", "until",
            ];
            if !GLUE.contains(&t.tok(b)) && !self.g.speech.contains(t.tok(b)) {
                return false;
            }
        }
        if a > 0 && DIRECT.contains(&t.tok(a - 1)) {
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
        if steps > 0 && k > 0 && COORD.contains(&t.tok(k - 1)) {
            return true;
        }
        // Forwards: "at Halvik and Marren", "at Ossary, Vell and Tarn".
        if steps > 0 || a == 0 || !COORD.contains(&t.tok(a - 1)) {
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

    fn given_gender(&self, a: usize, _b: usize) -> Gender {
        self.g.given_name(self.text.tok(a)).unwrap_or(Gender::Unknown)
    }

    /// Every token a capitalised alphabetic word (or a hyphen, an initial's dot).
    fn personish(&self, a: usize, b: usize) -> bool {
        let t = self.text;
        (a..b).all(|k| {
            let w = t.tok(k);
            (t.is_cap(k) && !t.is_all_caps(k) && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’'))
                || (t.is_cap(k) && w.len() <= 6 && w.ends_with('.') && self.g.places.get(w).is_none()) // "J.K.
                || t.kind(k) == Kind::Hyphen
                || w == "."
                || PARTICLES.contains(&w)
                || (k > a && t.kind(k - 1) == Kind::Hyphen && self.name_syllable(k))
        }) && b - a <= 5
            // No function word inside ("Doctors Without Borders") and no role noun first.
            && (a + 1..b).all(|k| !self.g.is_common(t.tok(k)))
            && !self.g.roles.contains_key(t.tok(a).to_lowercase().trim_end_matches('s'))
    }

    /// "A spokesperson for the firm, Lena Park, told …", "Tom Bridge said": a
    /// given name and exactly one more word, in apposition or speaking, is a
    /// person though the word is a place's head word ("Park", "Bridge").
    fn given_name_and_word(&mut self, a: usize, b: usize, the: bool) -> Option<Gender> {
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
    fn person_evidence(&mut self, a: usize, b: usize) -> Option<Gender> {
        let t = self.text;
        let g = self.g;
        let n = b - a;
        let first = t.tok(a);
        let given = g.given_name(first).filter(|_| first.len() > 2 && !PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(first)));
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
    fn appositive_role(&self, i: usize) -> Option<Gender> {
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

    fn speech_after(&self, b: usize) -> bool {
        b < self.text.len() && self.g.speech.contains(self.text.tok(b))
    }

    /// A lower-case word after a name that reads as its verb: "was", "has", "-ed".
    fn verb_like(&self, b: usize) -> bool {
        let t = self.text;
        if b >= t.len() || t.kind(b) != Kind::Word {
            return false;
        }
        let w = t.tok(b);
        matches!(
            w,
            "was" | "is" | "has" | "had" | "will" | "would" | "could" | "can" | "did" | "does" | "who" | "also" | "spoke" | "met"
                | "went" | "came" | "left" | "took" | "gave" | "made" | "won" | "lost" | "led" | "became" | "began" | "ran" | "saw"
                | "thought" | "felt" | "knew" | "got" | "held" | "kept" | "brought" | "sent" | "found" | "told" | "wrote" | "said"
        )
            || (w.len() > 4 && w.ends_with("ed") && w.chars().next().is_some_and(|c| c.is_lowercase()))
    }

    /// "he"/"she" later in the same sentence: "… Bernier was forced to resign … after he left …".
    fn pronoun_follows(&self, b: usize) -> bool {
        let t = self.text;
        let Some(&sent) = t.sent_of.get(b) else { return false };
        (b..t.len()).take_while(|&k| t.sent_of[k] == sent).any(|k| matches!(t.tok(k), "he" | "she" | "his" | "her"))
    }

    /// A capitalised word that is an ordinary word: seen in lower case, or a
    /// role noun ("Diplomats emphasize …").
    fn ordinary(&mut self, a: usize) -> bool {
        let w = self.text.tok(a);
        if self.seen_lower(w) || self.g.is_common(w) || (w.len() > 5 && w.ends_with("ly") && self.g.given_name(w).is_none()) {
            return true;
        }
        let l = self.lbuf.as_str();
        // "Analysts", "Insurers", "Retailers": people or firms of a kind.
        self.g.roles.contains_key(l)
            || l.strip_suffix('s').is_some_and(|x| self.g.roles.contains_key(x) || ORG_KINDS.contains(&x) || ORG_KINDS_BEFORE.contains(&x))
    }

    /// A facility noun at `b`, or after one lower-case modifier ("coal
    /// terminal", "power plant"; not "said plant", "the bridge").
    fn facility_after(&self, b: usize) -> bool {
        let t = self.text;
        let facility = |k: usize| k < t.len() && FACILITY_NOUNS.contains(&t.tok(k));
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
            && !matches!(
                m,
                "the" | "and" | "or" | "but" | "for" | "from" | "with" | "into" | "onto" | "near" | "its" | "his" | "her" | "their" | "our"
                    | "new" | "old" | "this" | "that" | "each" | "every" | "any" | "some" | "whose" | "main" | "busy" | "closed" | "says"
                    | "are" | "were" | "have" | "wants" | "plans" | "owns" | "runs" | "built" | "shut"
            )
    }

    /// An ordinary word, or a head word by itself ("Harbour", "Bridge",
    /// "Museum"): as the first word of a sentence it is a common noun.
    fn ordinary_noun(&mut self, a: usize) -> bool {
        let w = self.text.tok(a);
        !self.text.is_all_caps(a) && (self.g.heads.get(w).is_some() || self.ordinary(a))
    }

    /// A capitalised word that names nothing by itself ("Environment").
    fn plain_word(&mut self, a: usize) -> bool {
        let t = self.text;
        let g = self.g;
        let w = t.tok(a);
        !t.is_all_caps(a)
            && g.places.get(w).is_none()
            && g.given_name(w).is_none()
            && g.demonym(w).is_none()
            && g.titles.get(w).is_none()
            && g.known.get(w).is_none()
            && !matches!(w, "North" | "South" | "East" | "West" | "Northern" | "Southern" | "Eastern" | "Western" | "Central" | "Greater" | "Upper" | "Lower" | "New" | "Old")
            && (!self.initial(a) || self.midcap.contains(w) || !self.seen_lower(w))
    }

    /// Cuts `[a, b)` around the dictionary names inside it ("Ottawa | New
    /// Democrat", "NASA | Bill Ingalls"); false if there are none.
    fn split(&mut self, a: usize, b: usize) -> bool {
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

    /// Headlines, bylines and category lists: capitals say nothing there, so
    /// only names the rest of the document or the gazetteers know count.
    fn title_paragraphs(&mut self) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions of `input` as "LABEL text" strings, in order.
    fn mentions(input: &str) -> Vec<String> {
        let t = Text::new(input);
        let e = extract_rules(&t);
        e.mentions.iter().map(|m| format!("{} {}", m.label.as_str(), t.span(m.start, m.end))).collect()
    }

    /// Every expected mention is found (others may be found too).
    fn check(input: &str, expected: &[&str]) {
        let got = mentions(input);
        for want in expected {
            assert!(got.iter().any(|g| g == want), "{input:?}: missing {want:?} in {got:?}");
        }
    }

    /// None of these spans is a mention with this label.
    fn check_not(input: &str, unexpected: &[&str]) {
        let got = mentions(input);
        for bad in unexpected {
            assert!(!got.iter().any(|g| g == bad), "{input:?}: unexpected {bad:?} in {got:?}");
        }
    }

    /// The entity of the mention whose text is `mention`: (label, name, gender).
    fn entity_of(input: &str, mention: &str) -> Option<(Label, String, Gender)> {
        let t = Text::new(input);
        let e = extract_rules(&t);
        let m = e.mentions.iter().rev().find(|m| t.span(m.start, m.end) == mention)?;
        let x = &e.entities[m.entity];
        Some((x.label, x.name.clone(), x.gender))
    }

    #[test]
    fn titles_stay_out_of_person_spans() {
        check("Pakistan’s Prime Minister Shehbaz Sharif spoke.", &["LOC Pakistan", "PERSON Shehbaz Sharif"]);
        check("He invited Field Marshal Asim Munir to lunch.", &["PERSON Asim Munir"]);
        check("U.S. Senator John Cornyn, Republican from Texas, issued a statement.", &["PERSON John Cornyn", "MISC Republican", "LOC Texas"]);
        check("In a statement, Governor of Washington Chris Gregoire said so.", &["LOC Washington", "PERSON Chris Gregoire"]);
        check("They met United States Secretary of State Marco Rubio on Friday.", &["LOC United States", "PERSON Marco Rubio"]);
        check("It followed talks with Finance Minister Muhammad Aurangzeb last week.", &["PERSON Muhammad Aurangzeb"]);
        check("At the ceremony, NASA Administrator Charles Bolden spoke.", &["ORG NASA", "PERSON Charles Bolden"]);
        check("Munir was accompanied by General Asim Malik, director general of the agency.", &["PERSON Asim Malik"]);
        check("Senate Majority Leader Chuck Schumer agreed.", &["PERSON Chuck Schumer"]);
        check("Detective Sgt. Laura Perez said so.", &["PERSON Laura Perez"]);
        check_not("He called the Secretary of State about it.", &["LOC Secretary of State", "ORG Secretary of State"]);
        check("The Governor of Texas spoke.", &["LOC Texas"]);
        check("He met NATO Secretary General Mark Rutte in Kyiv.", &["ORG NATO", "PERSON Mark Rutte", "LOC Kyiv"]);
        check("Then, Australian Treasurer Jim Chalmers unveiled it. Chalmers said so.", &["PERSON Jim Chalmers", "PERSON Chalmers"]);
        check_not("U.S. Senator John Cornyn spoke.", &["PERSON Senator John Cornyn", "PERSON U.S. Senator John Cornyn"]);
    }

    #[test]
    fn possessives_and_the_are_left_out() {
        check("Police chief Luis Ortega’s office said so.", &["PERSON Luis Ortega"]);
        check("Bonnie Dunbar's trainer will go to the Museum of Flight.", &["PERSON Bonnie Dunbar", "ORG Museum of Flight"]);
        check("In interviews with The Media Line, analysts spoke.", &["ORG Media Line"]);
        check("It was taken from the Hells Angels biker gang.", &["ORG Hells Angels"]);
        check("A statement from the Prime Minister’s Office said so.", &["ORG Prime Minister’s Office"]);
    }

    #[test]
    fn names_with_connectors_are_one_mention() {
        check("Pakistan’s Ministry of Finance later announced it.", &["ORG Ministry of Finance"]);
        check("She chaired the Department of Defense and Strategic Studies at Quaid-i-Azam University.", &[
            "ORG Department of Defense and Strategic Studies",
            "ORG Quaid-i-Azam University",
        ]);
        check("He is chair at the University of Sargodha, she said.", &["ORG University of Sargodha"]);
        check("Trainers go to the Evergreen Aviation & Space Museum of McMinnville, Oregon.", &[
            "ORG Evergreen Aviation & Space Museum",
            "LOC McMinnville",
            "LOC Oregon",
        ]);
        check("Parts go to the National Museum of the U.S. Air Force at the base.", &["ORG National Museum of the U.S. Air Force"]);
        check("Others go to Texas A&M's Aerospace Engineering Department.", &["ORG Texas A&M"]);
        check("and the U.S. Space and Rocket Center in Huntsville, Alabama.", &["ORG U.S. Space and Rocket Center", "LOC Huntsville", "LOC Alabama"]);
        check("the War on Terror highlighted it", &["MISC War on Terror"]);
        check("for the 2026 Nobel Peace Prize in recognition", &["MISC Nobel Peace Prize"]);
        check("the director of the Central Intelligence Agency and the Inter-Services Intelligence", &[
            "ORG Central Intelligence Agency",
            "ORG Inter-Services Intelligence",
        ]);
        check("He met President Charles de Gaulle in Paris.", &["PERSON Charles de Gaulle"]);
        check("Leader Kim Jong-un met Lau Siu-lai in Seoul. Lee Cheuk-yan of the Labour Party lost.", &[
            "PERSON Kim Jong-un",
            "LOC Seoul",
            "PERSON Lee Cheuk-yan",
        ]);
        check("A Lahore-based analyst and a US-led coalition met.", &["LOC Lahore", "LOC US"]);
        check("the pro-Beijing camp and anti-American protests", &["MISC pro-Beijing", "MISC anti-American"]);
        check("Wu Chi-wai of the Democratic Party and Leung Yiu-chung of NWSC won.", &["PERSON Wu Chi-wai", "PERSON Leung Yiu-chung"]);
        check("DAB's Elizabeth Quat\n\nShe won the seat again in the vote.", &["PERSON Elizabeth Quat"]);
        check_not("ties between Pakistan and India grew", &["LOC Pakistan and India"]);
        check_not("Endeavour and Atlantis await", &["MISC Endeavour and Atlantis"]);
    }

    #[test]
    fn classes_from_heads_gazetteers_and_context() {
        check("The document was found on Castlefrank Road in Kanata, Ontario by a passerby.", &[
            "LOC Castlefrank Road",
            "LOC Kanata",
            "LOC Ontario",
        ]);
        check("“No,” Ann Otieno told The Standard newspaper.", &["ORG Standard"]);
        check("The regulator fined Nordbank 12 million euros.", &["MONEY 12 million euros"]);
        check("“It is a start,” said Abigail Dillen, president of Earthjustice.", &["ORG Earthjustice"]);
        check("Her company, Rooftop Apiaries, employs four people. The union, Industri Energi, warned of strikes.", &["ORG Rooftop Apiaries", "ORG Industri Energi"]);
        check_not("Her lawyer, Ann Otieno, spoke. The company, Shell, said so.", &["ORG Ann Otieno"]);
        check_not("The regulator fined Nordbank 12 million euros.", &["MISC Nordbank 12"]);
        check("Arsenal beat Chelsea 2-1. It was a win, Arsenal manager Mikel Arteta said. Chelsea boss Enzo Maresca was furious.", &["ORG Arsenal", "ORG Chelsea", "PERSON Mikel Arteta"]);
        check_not("Arsenal beat Chelsea 2-1. Chelsea boss Enzo Maresca was furious.", &["PERSON Chelsea", "MISC Chelsea"]);
        check("The Kenya Red Cross and Greenpeace Africa said it was preventable.", &["ORG Kenya Red Cross", "ORG Greenpeace Africa"]);
        check("It was reported by the Toronto Star and the Edmonton Sun and CBC News.", &[
            "ORG Toronto Star",
            "ORG Edmonton Sun",
            "ORG CBC News",
        ]);
        check("Peace in the Middle East, South Asia, the Gulf and the Pacific Northwest matters.", &[
            "LOC Middle East",
            "LOC South Asia",
            "LOC Gulf",
            "LOC Pacific Northwest",
        ]);
        check("Like many Texans, the American public and Chinese affairs experts agreed.", &["MISC Texans", "MISC American", "MISC Chinese"]);
        check("Paul Dewar, an Ottawa New Democrat MP, said it.", &["PERSON Paul Dewar", "LOC Ottawa", "MISC New Democrat"]);
        check("bureaucrats of the Conservative government", &["MISC Conservative"]);
        check("A sensitive Environment Canada document was found.", &["ORG Environment Canada"]);
        check("He met Trump at a White House luncheon.", &["ORG White House"]);
        check("Columbia lifted off from Cape Canaveral, Florida.", &["LOC Cape Canaveral", "LOC Florida"]);
        check("The Museum of Flight in Seattle, Washington was proposed.", &["ORG Museum of Flight", "LOC Seattle", "LOC Washington"]);
        check("Flights land at Washington Dulles International Airport daily.", &["LOC Washington Dulles International Airport"]);
        check("Manchester United beat them at home.", &["ORG Manchester United"]);
        check("The operator, Northline Rail, said so, as did Vantor Capital and Osk Pharma.", &[
            "ORG Northline Rail",
            "ORG Vantor Capital",
            "ORG Osk Pharma",
        ]);
        check("Apple Inc. reported profits.", &["ORG Apple Inc."]);
        check("The Ohio Bureau of Criminal Investigation is assisting.", &["ORG Ohio Bureau of Criminal Investigation"]);
        check("Then Hurricane Helene made landfall.", &["MISC Hurricane Helene"]);
        check("They flew the flag of South Vietnam and visited Georgia Tech.", &["LOC South Vietnam"]);
        check_not("They visited Georgia Tech and San Rafael Ca.", &["PERSON Georgia Tech", "PERSON San Rafael Ca"]);
        check("I worked at Enron for years. Deco is still with Caoimhe. Suzanne is pregnant.", &["ORG Enron", "PERSON Suzanne"]);
        assert!(mentions("Iguazu is NOT a country. MIX IT ALL UP THEN POOP IN IT.").iter().all(|m| !m.starts_with("ORG")));
        check("SPRINGFIELD, Ill. — A fire at St. Mary's Catholic Church on Elm Street spread.", &[
            "LOC SPRINGFIELD",
            "LOC Ill.",
            "ORG St. Mary's Catholic Church",
            "LOC Elm Street",
        ]);
        check("He said the Conservatives and the Democrats agreed.", &["MISC Conservatives", "MISC Democrats"]);
        check("The author J.K. Rowling said so. Then April Ryan asked.", &["PERSON J.K. Rowling", "PERSON April Ryan"]);
        check("He heads the Mayo Clinic Alzheimer's Disease Research Center and the Alzheimer's Association.", &[
            "ORG Mayo Clinic Alzheimer's Disease Research Center",
            "ORG Alzheimer's Association",
        ]);
        check("It was published in the Journal of the American Medical Association.", &["ORG Journal of the American Medical Association"]);
        check("The Phase 3 trial ended, and Yuri Gagarin flew on Vostok 1 into space.", &["MISC Phase 3", "MISC Vostok 1"]);
        check("It lifted off on STS-1 from Launch Pad 39A for the Space Shuttle program.", &[
            "MISC STS-1",
            "MISC Launch Pad 39A",
            "MISC Space Shuttle",
        ]);
        check("The Law Society of Kenya and Human Rights Watch condemned it.", &["ORG Law Society of Kenya", "ORG Human Rights Watch"]);
        check("The U.S. Embassy in Nairobi urged calm.", &["ORG U.S. Embassy", "LOC Nairobi"]);
        check_not("Analysts at Standard Chartered said the shilling fell.", &["PERSON Standard Chartered"]);
        check_not("The Red Cross and Doctors Without Borders sent teams.", &["PERSON Doctors Without Borders"]);
        check_not("Related: Kenya's Gen Z protests explained", &["PERSON Z"]);
    }

    #[test]
    fn given_names_and_news_titles_outrank_place_heads() {
        check("A spokesperson for the firm, Lena Park, told the Port Ellery Gazette that the cracks were serious.", &[
            "PERSON Lena Park",
            "ORG Port Ellery Gazette",
        ]);
        check("Its chairman, Martin Square, said so. Tom Bridge told the Fort Calder Courier it was over.", &[
            "PERSON Martin Square",
            "PERSON Tom Bridge",
            "ORG Fort Calder Courier",
        ]);
        check("We walked through Lena Park and over Martin Bridge to the Port Ellery harbour.", &["LOC Lena Park", "LOC Martin Bridge"]);
        check("It was reported by the Cape Varne Herald and the Lake Dorran Mirror.", &["ORG Cape Varne Herald", "ORG Lake Dorran Mirror"]);
    }

    #[test]
    fn unknown_names_before_facilities_are_places() {
        check("The town council voted to close the Eastgate coal terminal by 2030.", &["LOC Eastgate"]);
        check("Trains stop at the Marrow Vale station and the Dunkell power plant.", &["LOC Marrow Vale", "LOC Dunkell"]);
        check("Harbour town votes to close Eastgate coal terminal", &["LOC Eastgate"]);
        check_not("Brisco said plant workers would strike.", &["LOC Brisco"]);
    }

    #[test]
    fn places_in_headlines_and_without_accents() {
        check("Glacier museum opens in Tromsø\n\nDr. Sarah O'Neill cut the ribbon.", &["LOC Tromsø"]);
        check("Glacier Museum Opens In Tromsø\n\nThe museum's director cut the ribbon.", &["LOC Tromsø"]);
        check("Ferry Service Resumes in Ålvik\n\nThe ferry left at noon.", &["LOC Ålvik"]);
        check("Floods hit Wroclaw and Zu\u{308}rich as rain fell.", &["LOC Wroclaw", "LOC Zu\u{308}rich"]);
    }

    #[test]
    fn places_from_prepositions_and_coordination() {
        check("He warned that similar projects in Halvik and Marren had run over.", &["LOC Halvik", "LOC Marren"]);
        check("Trucks from Dunmore and Kellith arrived, and crews at Ossary, Vell and Tarn waited.", &[
            "LOC Dunmore",
            "LOC Kellith",
            "LOC Ossary",
            "LOC Vell",
            "LOC Tarn",
        ]);
        check("pilgrims in Mecca and workers near Quillan", &["LOC Mecca", "LOC Quillan"]);
        check_not("He met Anna and Marren in the hall.", &["LOC Marren", "LOC Anna"]);
        check_not("They died in Hajj stampede, as in Scientology jargon.", &["LOC Hajj", "LOC Scientology"]);
    }

    #[test]
    fn people_from_cues() {
        check("Shabana Fayyaz, former chair of the department, said so.", &["PERSON Shabana Fayyaz"]);
        check("Azeem Khalid, a New York-based specialist in Chinese affairs, disagreed.", &[
            "PERSON Azeem Khalid",
            "LOC New York",
            "MISC Chinese",
        ]);
        check("Tehmina Aslam Ranjha, a Lahore-based national-security expert, told us.", &["PERSON Tehmina Aslam Ranjha", "LOC Lahore"]);
        check("Environment Canada spokeswoman Sujata Raisinghani told CBC News the facts.", &[
            "ORG Environment Canada",
            "PERSON Sujata Raisinghani",
            "ORG CBC News",
        ]);
        check("Its managing director, Kristalina Georgieva, said growth slowed.", &["PERSON Kristalina Georgieva"]);
        check("He left documents with his then-girlfriend Julie Couillard last year.", &["PERSON Julie Couillard"]);
        check("Image: NASA Bill Ingalls.", &["ORG NASA", "PERSON Bill Ingalls"]);
        check("Charles Bolden, NASA Administrator, spoke.", &["PERSON Charles Bolden"]);
        check_not("Allegedly, Thomas sister pleaded with them.", &["PERSON Allegedly"]);
        check("Xi Jinping, China's president, told state media.", &["PERSON Xi Jinping", "LOC China"]);
    }

    #[test]
    fn peoples_are_misc() {
        check("She will be the third Māori prime minister, and the first Uyghur to win.", &["MISC Māori", "MISC Uyghur"]);
        check("New Zealanders have asked for a change.", &["MISC New Zealanders"]);
        check("She spoke for the Philippine Red Cross on Monday.", &["ORG Philippine Red Cross"]);
        check("The British Red Cross said so.", &["ORG British Red Cross"]);
        check("The Pharmacy Guild of Australia said so.", &["ORG Pharmacy Guild of Australia"]);
    }

    #[test]
    fn a_role_word_opening_a_sentence_is_no_part_of_the_name() {
        check("Striker Kylian Mbappé, who has scored twice, was blunt.", &["PERSON Kylian Mbappé"]);
        check("Shopkeeper Anwar Hussain, whose shop flooded, was calm.", &["PERSON Anwar Hussain"]);
        check("Forecaster Aidan McGivern warned of more rain.", &["PERSON Aidan McGivern"]);
        check("Former England striker Alan Shearer was less diplomatic.", &["PERSON Alan Shearer", "LOC England"]);
        check("Veteran campaigner Peter Tatchell called it unjust.", &["PERSON Peter Tatchell"]);
        check_not("Insurers said it was too early. Analysts agreed.", &["ORG Insurers", "ORG Analysts"]);
    }

    #[test]
    fn organisations_after_their_kind() {
        check("Jane Ellison, who chairs the housing charity Shelter, spoke.", &["ORG Shelter"]);
        check("Chipmaker Veltrix said profits fell.", &["ORG Veltrix"]);
        check_not("Chipmaker Veltrix said profits fell.", &["ORG Chipmaker Veltrix"]);
        check("Shares in Taiwan Semiconductor Manufacturing Co. fell.", &["ORG Taiwan Semiconductor Manufacturing Co."]);
        check("Nvidia and Advanced Micro Devices also fell.", &["ORG Nvidia", "ORG Advanced Micro Devices"]);
        check("The Liberal Democrats called for an inquiry. The Treasury declined to comment.", &["ORG Liberal Democrats", "ORG Treasury"]);
    }

    #[test]
    fn products_media_and_competitions() {
        check("It faces Apple Music and YouTube Music.", &["MISC Apple Music", "MISC YouTube Music"]);
        check("Writing in Vanity Fair, the critic Rachel Syme disagreed.", &["ORG Vanity Fair", "PERSON Rachel Syme"]);
        check("La Liga signed a deal with DAZN.", &["ORG La Liga", "ORG DAZN"]);
        check("Lewis Hamilton won the Italian Grand Prix for Ferrari.", &["MISC Italian Grand Prix", "ORG Ferrari"]);
        check("Her publisher, Canongate, said so. It was in the journal Nature.", &["ORG Canongate", "ORG Nature"]);
        check("He convicted Brightline Development of fraud.", &["ORG Brightline Development"]);
        check_not("Q&A: The author who walked across Africa", &["ORG Q&A"]);
        check("U.S. District Judge Madeline Cox Arleo set a date.", &["PERSON Madeline Cox Arleo"]);
        check_not("U.S. District Judge Madeline Cox Arleo set a date.", &["LOC U.S. District"]);
    }

    #[test]
    fn names_with_particles_and_head_words_at_the_sentence_start() {
        check("Ahmed al-Rashid, an analyst, says so.", &["PERSON Ahmed al-Rashid"]);
        check("Human Rights Watch said the visit was wrong. Asked about human rights, he paused.", &["ORG Human Rights Watch"]);
        check("Local Government Association chair Louise Gittins spoke. Local people agreed.", &["ORG Local Government Association"]);
        check("Energy Minister Prince Abdulaziz bin Salman spoke.", &["PERSON Abdulaziz bin Salman"]);
        check_not("Energy Minister Prince Abdulaziz bin Salman spoke.", &["MISC Energy", "ORG Energy"]);
    }

    #[test]
    fn teams_named_for_their_city() {
        check("Jayson Tatum scored 38 points as the Boston Celtics beat the Chicago Bulls on Wednesday night.", &["ORG Boston Celtics", "ORG Chicago Bulls"]);
        check("After brushing the Florida Keys islands, it weakened.", &["LOC Florida Keys"]);
        check("Celtics coach Joe Mazzulla was pleased.", &["ORG Celtics", "PERSON Joe Mazzulla"]);
        check_not("She visited London Bridge and Paris.", &["ORG London Bridge"]);
    }

    #[test]
    fn laws_and_advocacy_groups() {
        check("The law likely violated the First Amendment, she wrote.", &["MISC First Amendment"]);
        check("Gun owners cite the US Second Amendment.", &["LOC US", "MISC Second Amendment"]);
        check("Planned Parenthood, which is not a party to the case, praised it.", &["ORG Planned Parenthood"]);
    }

    #[test]
    fn a_word_and_a_country_that_speak_are_an_organisation() {
        check("Air Canada said in a statement that it remained committed.", &["ORG Air Canada"]);
        check("Environment Canada said snow was coming.", &["ORG Environment Canada"]);
    }

    #[test]
    fn a_name_before_a_kind_of_place() {
        check("Red Cross teams worked in the Mathare area of Nairobi overnight.", &["LOC Mathare"]);
        check("They grew up in the Kibera slum.", &["LOC Kibera"]);
        check_not("It was a dominantly Italian-American neighborhood.", &["LOC Italian-American"]);
    }

    #[test]
    fn where_a_person_lives() {
        check("Daniel Hartley, of Armley, will appear in court.", &["PERSON Daniel Hartley", "LOC Armley"]);
        check("Jane Doe, 42, of Bramley, was fined.", &["PERSON Jane Doe", "LOC Bramley"]);
        check_not("Man charged after bakery fire\n\nA man has been charged.", &["LOC Man"]);
    }

    #[test]
    fn codes_rivers_and_nicknames() {
        check("Delegates at the COP30 summit met. The search for MH370 ended.", &["MISC COP30", "MISC MH370"]);
        check("The Amazon belongs to Brazilians. Amazon said its profits rose.", &["LOC Amazon", "ORG Amazon"]);
    }

    #[test]
    fn offices_and_their_holders() {
        check("Anna Berg, the deputy prime minister of Norland, said so.", &["PERSON Anna Berg", "LOC Norland"]);
        check("The foreign minister of Kenya, Musalia Mudavadi, said so.", &["PERSON Musalia Mudavadi", "LOC Kenya"]);
        check("She is president of Earthjustice now.", &["ORG Earthjustice"]);
    }

    #[test]
    fn possessive_names_and_people_before_and() {
        check("Nurses at St Thomas' Hospital in London protested.", &["ORG St Thomas' Hospital"]);
        check(
            "College director Patricia Marquis and British Medical Association member Emeka Okorafor spoke.",
            &["PERSON Patricia Marquis", "ORG British Medical Association"],
        );
        check("The National Air and Space Museum opened.", &["ORG National Air and Space Museum"]);
    }

    #[test]
    fn another_name_of_an_organisation() {
        check(
            "It was contained, according to the California Department of Forestry and Fire Protection, known as Cal Fire.",
            &["ORG California Department of Forestry and Fire Protection", "ORG Cal Fire"],
        );
        check("The Franklin Fire had burned 4,000 acres.", &["MISC Franklin Fire"]);
    }

    #[test]
    fn places_with_their_kind_in_apposition() {
        check("In Uttar Pradesh, the most populous state, power failed.", &["LOC Uttar Pradesh"]);
        check("They moved to Kasna, a suburb of Noida, in May.", &["LOC Kasna"]);
        check("She spoke in the Zócalo, the capital's main square, on Sunday.", &["LOC Zócalo"]);
        check_not("We met Sara Lind, a city councillor, in May.", &["LOC Sara Lind"]);
    }

    #[test]
    fn organisations_with_their_kind_in_apposition() {
        check("Omar Ayub Khan of Pakistan Tehreek-e-Insaf, the party of Imran Khan, objected.", &["ORG Pakistan Tehreek-e-Insaf"]);
        check("Brightwater, a British charity that runs shelters, objected.", &["ORG Brightwater"]);
        check_not("Kelso Smith, a company director, objected.", &["ORG Kelso Smith"]);
    }

    #[test]
    fn places_by_a_head_word_before_or_after() {
        check("Residents fled after the River Tyne burst its banks.", &["LOC River Tyne"]);
        check("They fished in the Tyne River for years.", &["LOC Tyne River"]);
        check("The match at the Stadium of Light ended 1-0.", &["LOC Stadium of Light"]);
        check("Manchester City manager Pep Guardiola had no regrets.", &["ORG Manchester City", "PERSON Pep Guardiola"]);
        check("Mexico City mayor Clara Brugada spoke.", &["LOC Mexico City"]);
    }

    #[test]
    fn titles_of_works_in_marks() {
        check("They met on the set of the drama “Silver Harbor,” in which she starred.", &["MISC Silver Harbor"]);
        check("Her 1967 album, “Saudade do Mar,” sold two million copies.", &["MISC Saudade do Mar"]);
    }

    #[test]
    fn titles_with_lower_case_words() {
        check("Special Agent in Charge Robert Wheeler Jr. added more.", &["PERSON Robert Wheeler Jr."]);
        check_not("Special Agent in Charge Robert Wheeler Jr. added more.", &["PERSON Charge Robert Wheeler Jr.", "MISC Special Agent"]);
    }

    #[test]
    fn plural_heads_take_their_complement() {
        check("The Centers for Disease Control and Prevention said so.", &["ORG Centers for Disease Control and Prevention"]);
    }

    #[test]
    fn names_stop_at_paragraph_breaks() {
        let got = mentions("One fan wrote on X.\n\nVillanueva's next film opens in Madrid.");
        assert!(got.iter().all(|m| !m.contains('\n')), "{got:?}");
    }

    #[test]
    fn hyphens_and_acronyms() {
        check("Azeem Khalid, a New York-based analyst", &["LOC New York"]);
        check("a Lahore-based expert", &["LOC Lahore"]);
        check("NASA celebrated at the Kennedy Space Center (KSC) in Florida. Many KSC employees came.", &[
            "ORG NASA",
            "ORG Kennedy Space Center",
            "ORG KSC",
        ]);
        check("The CIA and the FBI said nothing, nor did the US or the UK or the U.S.", &["ORG CIA", "ORG FBI", "LOC US", "LOC UK", "LOC U.S."]);
        check("He told the CBC today.", &["ORG CBC"]);
        check("The World Health Organization, who met, said so. WHO chief Tedros Ghebreyesus spoke.", &["ORG WHO"]);
        assert_eq!(entity_of("PORTO ALEGRE, Brazil (AP) — Rain fell.", "AP").map(|x| x.0), Some(Label::Org));
        check("Shares of Gerdau SA fell.", &["ORG Gerdau SA"]);
        check("The Guaiba river rose; floods hit Rio Grande do Sul state.", &["LOC Guaiba", "LOC Rio Grande do Sul"]);
        check_not("WHAT WOULD YOU GIVE TO CHANGE THE MISINFORMATION\nabout the\nISRAEL-HAMAS WAR?", &["ORG WHAT", "ORG CHANGE", "ORG GIVE"]);
        assert!(mentions("WHAT WOULD YOU GIVE TO CHANGE THE MISINFORMATION").is_empty());
        check("OSLO — The talks ended.", &["LOC OSLO"]);
        // A dateline is a place whether or not a gazetteer knows it, all of its words.
        check("Headline\n\nPORT ELLERY — The city council of Port Ellery voted.", &["LOC PORT ELLERY", "LOC Port Ellery"]);
        check_not("PORT ELLERY — The city council of Port Ellery voted.", &["ORG ELLERY", "ORG PORT"]);
        check("LONDON, March 3 (Reuters) - A planned rail strike was called off.", &["LOC LONDON", "DATE March 3", "ORG Reuters"]);
        check("NEW BRAMFORD, June 9 (Xinhua) — Talks ended.", &["LOC NEW BRAMFORD", "ORG Xinhua"]);
        check("KELVALE — The mine reopened.", &["LOC KELVALE"]);
    }

    #[test]
    fn sentence_initial_capitals_need_evidence() {
        check_not("Diplomats emphasize a practical realignment.", &["PERSON Diplomats", "ORG Diplomats", "MISC Diplomats"]);
        // An ordinary noun opening a headline is no place, even before "city".
        check_not("Harbour city votes to rebuild the Tallis Bridge", &["LOC Harbour"]);
        check("Harbour city votes to rebuild the Tallis Bridge", &["LOC Tallis Bridge"]);
        check_not("Harbour town votes to close coal terminal", &["LOC Harbour"]);
        check_not("Border town fears new checkpoint\n\nTraders near the border said so.", &["LOC Border"]);
        check_not("Mountain village cut off\n\nSnow closed the mountain pass.", &["LOC Mountain"]);
        check("Kelsford city council met. The Kelsford city hall closed.", &["LOC Kelsford"]);
        check_not("Regarding Iran, she questioned it.", &["ORG Regarding Iran", "MISC Regarding Iran"]);
        check("Regarding Iran, she questioned it.", &["LOC Iran"]);
        check_not("Sensitive Canadian document found", &["MISC Sensitive Canadian"]);
        check("Sensitive Canadian document found", &["MISC Canadian"]);
        check("Houston has played a critical role.", &["LOC Houston"]);
        // A headline in title case: only known names count.
        check_not("‘It’s Pragmatic, Not Strategic’: US, Pakistan Reset Ties", &["MISC Reset Ties", "ORG Reset Ties", "MISC Pragmatic"]);
        check("‘It’s Pragmatic, Not Strategic’: US, Pakistan Reset Ties", &["LOC US", "LOC Pakistan"]);
    }

    #[test]
    fn linking_across_the_document() {
        let doc = "Shabana Fayyaz spoke at length. Later, Fayyaz warned. Azeem Khalid, a specialist, agreed. According to Khalid, it failed.";
        assert_eq!(entity_of(doc, "Fayyaz").map(|x| (x.0, x.1)), Some((Label::Person, "Shabana Fayyaz".into())));
        // A surname is the person's even where a gazetteer knows a place of that name.
        // A dateline in capitals is the place named normally later, under its normal spelling.
        let doc = "PORT ELLERY — The council met. Port Ellery has a new budget.";
        assert_eq!(entity_of(doc, "PORT ELLERY").map(|x| (x.0, x.1)), Some((Label::Loc, "Port Ellery".into())));
        let doc = "Jack Houston arrived. Houston said the deal was done.";
        assert_eq!(entity_of(doc, "Houston").map(|x| x.0), Some(Label::Person));
        let doc = "Grace Okafor, a lawyer, spoke. Ms Okafor said it was over.";
        assert_eq!(entity_of(doc, "Okafor"), Some((Label::Person, "Grace Okafor".into(), Gender::Female)));
        let doc = "Ngozi Okafor chairs the panel. “We are ready,” Ms Okafor said.";
        assert_eq!(entity_of(doc, "Okafor").map(|x| (x.0, x.1)), Some((Label::Person, "Ngozi Okafor".into())));
        let doc = "Sir Michael Palin, the actor, won. Sir Michael said he was honoured.";
        assert_eq!(entity_of(doc, "Michael"), Some((Label::Person, "Michael Palin".into(), Gender::Male)));
        let doc = "Space Shuttle Discovery flew. Discovery has already been retired.";
        assert_eq!(entity_of(doc, "Discovery").map(|x| x.1), Some("Space Shuttle Discovery".into()));
        let doc = "the Central Intelligence Agency said. The CIA denied it.";
        assert_eq!(entity_of(doc, "CIA").map(|x| x.1), Some("Central Intelligence Agency".into()));
        let doc = "Alexandria Ocasio-Cortez wrote it. Ocasio-Cortez said so.";
        assert_eq!(entity_of(doc, "Ocasio-Cortez").map(|x| x.1), Some("Alexandria Ocasio-Cortez".into()));
        // An organisation's first word, later, is its short name.
        let doc = "The operator, Northline Rail, said it was pleased. A spokesperson for Northline said the offer stood.";
        assert_eq!(entity_of(doc, "Northline").map(|x| (x.0, x.1)), Some((Label::Org, "Northline Rail".into())));
        let doc = "Shares in Korvath Mining fell. Analysts at Korvath expect more cuts.";
        assert_eq!(entity_of(doc, "Korvath").map(|x| (x.0, x.1)), Some((Label::Org, "Korvath Mining".into())));
        let doc = "Halden Energy and Brisco Airways signed. Then Halden said so.";
        assert_eq!(entity_of(doc, "Halden").map(|x| (x.0, x.1)), Some((Label::Org, "Halden Energy".into())));
        let doc = "A drug developed by Eli Lilly slowed decline. Lilly said it would publish.";
        assert_eq!(entity_of(doc, "Lilly").map(|x| (x.0, x.1)), Some((Label::Org, "Eli Lilly".into())));
        // A guess with context wins over a bare guess: one entity.
        let doc = "Tesco said profits rose. Last year, Tesco paid a fine.";
        assert_eq!(entity_of(doc, "Tesco").map(|x| x.0), Some(Label::Org));
        // Surnames used before the full name link too.
        let doc = "Rubio responded. Secretary of State Marco Rubio spoke.";
        assert_eq!(entity_of(doc, "Rubio").map(|x| x.1), Some("Marco Rubio".into()));
    }

    #[test]
    fn genders() {
        assert_eq!(entity_of("Julie Hahn said so.", "Julie Hahn").map(|x| x.2), Some(Gender::Female));
        assert_eq!(entity_of("Charles Bolden said so.", "Charles Bolden").map(|x| x.2), Some(Gender::Male));
        assert_eq!(entity_of("Mrs Tehmina Ranjha said so.", "Tehmina Ranjha").map(|x| x.2), Some(Gender::Female));
        assert_eq!(entity_of("Mr. Ashfaq Ahmed said so.", "Ashfaq Ahmed").map(|x| x.2), Some(Gender::Male));
        assert_eq!(entity_of("Dame Judi Dench said so.", "Judi Dench").map(|x| x.2), Some(Gender::Female));
        assert_eq!(entity_of("Ngozi Okafor, an expert, said so.", "Ngozi Okafor").map(|x| x.2), Some(Gender::Female));
        assert_eq!(entity_of("Qorvan Tilek, an expert, said so.", "Qorvan Tilek").map(|x| x.2), Some(Gender::Unknown));
        // A group: plural.
        let t = Text::new("Like many Texans, he agreed.");
        let e = extract_rules(&t);
        assert!(e.entities.iter().any(|x| x.name == "Texans" && x.plural));
    }

    #[test]
    fn numbers_dates_and_sums_are_entities() {
        check("on June 26, agreeing", &["DATE June 26"]);
        check("Wednesday, April 13, 2011", &["DATE Wednesday, April 13, 2011"]);
        check("the $7 billion Reko Diq project and a 29% tariff", &["MONEY $7 billion", "PERCENT 29%"]);
        let t = Text::new("On August 15, 2008 it rained. By August 15, 2008 it stopped.");
        let e = extract_rules(&t);
        assert_eq!(e.entities.len(), 1, "identical dates are one entity");
        assert_eq!(e.mentions.len(), 2);
    }

    #[test]
    fn odd_input_never_panics_and_spans_are_sound() {
        let inputs = [
            "", "''", "\"", "Ms", "Mr.", "The", "A", "I", "X Y Z", "Mr Mr Mr", "The The", "of of", "Ministry of", "University of the",
            "Prime Minister", "Secretary of", "Governor of Washington", "(KSC)", "( )", "—", "- -", "US-", "-based", "New York-",
            "😀 Ahmed 😀 said", "مرحبا بالعالم Ahmed", "Zoë Ba\u{301}ker said", "e\u{301}", "\u{200B}\u{FEFF}", "A&", "&M", "Inc.",
            "Space Shuttle", "Cape", "$", "$ billion", "29 %", "April", "May", "Wednesday,", "1999", "in 1999", "WHAT", "OSLO —",
            "Mrs\nSmith", "Quaid-i-", "St. Louis", "Dr. F. Udvar-", "’s", "Pakistan’s", "’s Office", "Prime Minister’s",
        ];
        for s in inputs {
            let t = Text::new(s);
            let e = extract_rules(&t);
            let mut last = 0;
            for m in &e.mentions {
                assert!(m.start < m.end && m.end <= t.len() && m.start >= last, "{s:?}: bad span {m:?}");
                assert!(m.entity < e.entities.len(), "{s:?}");
                assert_eq!(m.label, e.entities[m.entity].label, "{s:?}");
                last = m.end;
            }
        }
    }

    #[test]
    fn random_texts_from_tricky_pieces_never_panic() {
        const PIECES: [&str; 48] = [
            "Mr", "Mr.", "Ms", "Sir", "Prime Minister", "Secretary of State", "Governor of", "the", "The", "of", "and", "&", "’s",
            "'s", "-", "-based", "(", ")", "KSC", "U.S.", "US", "Pakistan", "New York", "Julie", "Hahn", "Khalid", "said", ",", ".",
            "“", "”", "\"", "—", "\n", "\n\n", "$", "7", "billion", "%", "April", "12", "2011", "Wednesday", "Museum", "University",
            "Space Shuttle", "😀", "e\u{301}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut s = String::new();
            let len = (seed >> 59) as usize + 1;
            for _ in 0..len * 3 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let p = PIECES[(seed >> 33) as usize % PIECES.len()];
                if (seed >> 20) & 1 == 1 {
                    s.push(' ');
                }
                s.push_str(p);
            }
            let t = Text::new(&s);
            let e = extract_rules(&t);
            let mut last = 0;
            for m in &e.mentions {
                assert!(m.start >= last && m.start < m.end && m.end <= t.len(), "{s:?}");
                assert_eq!(m.label, e.entities[m.entity].label, "{s:?}");
                last = m.end;
            }
        }
    }

    #[test]
    fn sports_business_and_court_stories() {
        // Company and club head words.
        check("Shares of Veltrix Semiconductor fell 6% on Friday.", &["ORG Veltrix Semiconductor"]);
        check("They will face Dorking Wanderers on Sunday.", &["ORG Dorking Wanderers"]);
        // A score is no part of a name.
        check("Riverside United beat Ashford Town 2-1 at Meadow Lane.", &["ORG Riverside United", "ORG Ashford Town", "LOC Meadow Lane"]);
        check_not("Riverside United beat Ashford Town 2-1 at Meadow Lane.", &["MISC Ashford Town 2"]);
        // A broadcaster's station and channel are the broadcaster's name.
        check("Sandra Lee told BBC Radio Kent that the defeat was hard to take.", &["PERSON Sandra Lee", "ORG BBC Radio Kent"]);
        check("The striker told Sky Sports that he was staying.", &["ORG Sky Sports"]);
        check("The final of the FA Trophy is in May.", &["MISC FA Trophy"]);
        check_not("The final of the FA Trophy is in May.", &["ORG FA"]);
        // A month is no part of a name.
        check("In January Intel announced thousands of job cuts.", &["ORG Intel"]);
        check_not("In January Intel announced thousands of job cuts.", &["PERSON January Intel"]);
        // After "in", a word that is also a given name is a place.
        check("The singer, who grew up in Paisley, told reporters it was over.", &["LOC Paisley"]);
        check("Union representatives in Penang said they had not been consulted.", &["LOC Penang"]);
        // A club's town and a firm's first word are the club and the firm.
        let riverside = "Riverside United reached the final. Riverside equalised late. Fans in Riverside cheered.";
        assert_eq!(entity_of(riverside, "Riverside").map(|e| (e.0, e.1)), Some((Label::Loc, "Riverside".to_string())));
        let t = Text::new(riverside);
        let e = extract_rules(&t);
        let labels: Vec<(&str, Label)> = e.mentions.iter().map(|m| (t.span(m.start, m.end), m.label)).collect();
        assert_eq!(labels, [("Riverside United", Label::Org), ("Riverside", Label::Org), ("Riverside", Label::Loc)]);
        let veltrix = "Veltrix Semiconductor cut 1,200 jobs. Veltrix's chief executive resigned.";
        assert_eq!(entity_of(veltrix, "Veltrix"), Some((Label::Org, "Veltrix Semiconductor".to_string(), Gender::Unknown)));
        // Not a word that modifies a noun: "Iodine deficiency" is no "Iodine Global Network".
        check_not("The Iodine Global Network met. Iodine deficiency is common.", &["ORG Iodine"]);
        // Programmes and names with two complements.
        check("The World Food Programme said it had stocks.", &["ORG World Food Programme"]);
        check("He spoke for the UN Office for the Coordination of Humanitarian Affairs in Geneva.", &["ORG UN Office for the Coordination of Humanitarian Affairs", "LOC Geneva"]);
        check("It met the Ministry of Finance of Pakistan.", &["ORG Ministry of Finance", "LOC Pakistan"]);
        // A given name outranks a place head that is also a surname.
        check("\"This is a long winter,\" wrote Elena Park, an analyst at the bank.", &["PERSON Elena Park"]);
    }

    #[test]
    fn entities_are_in_order_of_first_mention() {
        let t = Text::new("Rubio spoke with Pakistan. Marco Rubio left Pakistan for India.");
        let e = extract_rules(&t);
        let firsts: Vec<usize> = (0..e.entities.len()).map(|i| e.mentions.iter().find(|m| m.entity == i).unwrap().start).collect();
        let mut sorted = firsts.clone();
        sorted.sort();
        assert_eq!(firsts, sorted);
    }
}
