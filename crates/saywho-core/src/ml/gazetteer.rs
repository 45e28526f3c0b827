//! Gazetteer evidence for the entity model: per word, whether it is a known
//! given name, or part of a known place (city or capital; country, continent
//! or US state). Case-insensitive; multi-word places match as token runs.
//!
//! The trainer builds the lists from `../shared/data/gazetteers` with the
//! thresholds of `scripts/build-gazetteers.py`; at run time the same lists
//! come from the core's derived copies in `data/gazetteer/` (embedded).

use super::features::{fnv, fnv_u32, IdBuildHasher};
use super::ner::{gaz, Gazetteer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const MAX_RUN: usize = 6;

/// Name lists, hashed.
#[derive(Debug, Default)]
pub struct NameLists {
    given: HashSet<u32, IdBuildHasher>,
    /// Hash of a lower-cased token run → gazetteer bits.
    places: HashMap<u32, u8, IdBuildHasher>,
    /// Lower-case hashes of the first words of places: only runs starting
    /// with one are looked up (one probe per word instead of six).
    starts: HashSet<u32, IdBuildHasher>,
    max_run: usize,
}

/// FNV of the lower-cased word.
fn lower_hash(w: &str) -> u32 {
    let mut h = 0x811c_9dc5;
    let mut buf = [0u8; 4];
    for c in w.chars() {
        if c.is_ascii() {
            h = fnv(h, &[c.to_ascii_lowercase() as u8]);
            continue;
        }
        for d in c.to_lowercase() {
            h = fnv(h, d.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

/// The organisation-head and place-head bits of a capitalised word: one
/// hash probe instead of scanning both lists.
fn head_bits(w: &str) -> u8 {
    static HEADS: OnceLock<HashMap<u32, (&'static str, u8), IdBuildHasher>> = OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        let mut m: HashMap<u32, (&'static str, u8), IdBuildHasher> = HashMap::default();
        for (list, bit) in [(ORG_HEADS, gaz::ORG_SUFFIX), (PLACE_HEADS, gaz::PLACE_HEAD)] {
            for &h in list {
                m.entry(fnv(0x811c_9dc5, h.as_bytes())).or_insert((h, 0)).1 |= bit;
            }
        }
        m
    });
    match heads.get(&fnv(0x811c_9dc5, w.as_bytes())) {
        Some(&(h, b)) if h == w => b,
        _ => 0,
    }
}

/// Extends a run hash by one word's [`lower_hash`].
#[inline]
fn extend(h: u32, word: u32) -> u32 {
    fnv_u32(h, word)
}

fn run_hash(words: &[&str]) -> u32 {
    words.iter().fold(0x811c_9dc5, |h, w| extend(h, lower_hash(w)))
}

/// Words that end (or open, before "of") organisation names; kept here, in
/// code, so training and run time see the same list.
const ORG_HEADS: &[&str] = &[
    "Academy", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly", "Association", "Authority", "Bank",
    "Board", "Brigade", "Bureau", "Cabinet", "Center", "Centre", "Church", "Club", "Coalition", "College",
    "Commission", "Committee", "Company", "Conference", "Congress", "Corp", "Corp.", "Corporation", "Council",
    "Court", "Department", "Directorate", "Division", "Federation", "Force", "Forces", "Foundation", "Fund",
    "Group", "Guard", "Hospital", "Inc", "Inc.", "Institute", "Institution", "League", "Library", "Ltd", "Ltd.",
    "Media", "Ministry", "Movement", "Museum", "Network", "News", "Office", "Organisation", "Organization",
    "Parliament", "Party", "Police", "Press", "School", "Senate", "Service", "Services", "Society", "Team",
    "Times", "Trust", "Union", "United", "University", "Co", "Co.", "LLC", "PLC", "plc", "AG", "GmbH", "SA",
    "Bulletin", "Journal", "Post", "Herald", "Tribune", "Gazette", "Agency", "Commission", "Secretariat",
    // Businesses, as web text and e-mail name them ("Malcolm Smith Motorsports").
    "Motors", "Motorsports", "Energy", "Foods", "Insurance", "Bancorp", "Holdings", "Industries", "Enterprises",
    "Technologies", "Systems", "Solutions", "Partners", "Capital", "Pharmaceuticals", "Telecom", "Communications",
    "Broadband", "Futures", "Securities", "Investments", "Consulting", "Associates", "Studios", "Records",
    "Magazine", "Channel", "Radio", "Daily", "Limited", "LLP", "Pvt", "Laboratories", "Labs", "Software",
    "Airline", "Railways", "Railway", "Transport", "Logistics", "Construction", "Electric", "Petroleum", "Oil",
];

/// Words that end (or open) place names.
const PLACE_HEADS: &[&str] = &[
    "Airport", "Avenue", "Ave", "Ave.", "Bay", "Beach", "Boulevard", "Blvd", "Bridge", "Canal", "Canyon", "Cape",
    "Castle", "Cathedral", "City", "Coast", "County", "Creek", "Desert", "District", "Falls", "Forest", "Fort",
    "Gulf", "Harbor", "Harbour", "Heights", "Highway", "Hill", "Hills", "Island", "Islands", "Isle", "Lake", "Lane",
    "Mount", "Mountain", "Mountains", "Mt", "Mt.", "Ocean", "Palace", "Park", "Peak", "Peninsula", "Plaza", "Port",
    "Province", "Region", "River", "Road", "Rd", "Sea", "Square", "Station", "Strait", "Street", "St", "St.",
    "Stadium", "State", "Temple", "Territory", "Tower", "Town", "Township", "Valley", "Village", "Way",
];

/// Person titles: cut off person names in the training data, and a
/// gazetteer bit for the recognizer.
pub fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Miss" | "Mx" | "Dr" | "Prof" | "Professor" | "Sir" | "Dame" | "Lord" | "Lady"
            | "President" | "Vice" | "Prime" | "Minister" | "Premier" | "Chancellor" | "Secretary" | "Senator" | "Sen"
            | "Governor" | "Gov" | "Mayor" | "Rep" | "Representative" | "Congressman" | "Congresswoman" | "Ambassador"
            | "General" | "Gen" | "Colonel" | "Col" | "Captain" | "Capt" | "Lieutenant" | "Lt" | "Sergeant" | "Sgt"
            | "Major" | "Admiral" | "Commander" | "Officer" | "Detective" | "Inspector" | "Judge" | "Justice"
            | "King" | "Queen" | "Prince" | "Princess" | "Emperor" | "Empress" | "Duke" | "Duchess" | "Pope"
            | "Saint" | "St" | "Father" | "Rev" | "Reverend" | "Bishop" | "Archbishop" | "Cardinal" | "Rabbi" | "Imam"
            | "Sheikh" | "Chairman" | "Chairwoman" | "Chief" | "Director" | "Coach" | "Dean" | "Deputy" | "Commissioner"
            | "Speaker" | "Count" | "Countess" | "Baron" | "Sultan" | "Tsar" | "Czar" | "Emir" | "Shah" | "Herr" | "Frau"
            | "Madame" | "Mme" | "Monsieur" | "Senor" | "Señor" | "Uncle" | "Aunt" | "Brother" | "Sister" | "CEO"
            | "Marshal" | "Field" | "Attorney" | "Councillor" | "Councilman" | "Councilwoman" | "Assemblyman"
            | "Assemblywoman" | "Superintendent" | "Chef" | "Doctor" | "Nurse" | "Agent" | "Trooper" | "Corporal"
            | "Private" | "Cpl" | "Pvt" | "Adm" | "Cmdr" | "Maj" | "Brig" | "Hon" | "Honourable" | "Honorable"
    )
}


/// The bit for a place kind as written in the gazetteer files.
pub fn place_bit(kind: &str) -> u8 {
    match kind {
        "country" | "continent" | "state" => gaz::COUNTRY,
        _ => gaz::PLACE,
    }
}

impl NameLists {
    /// `given`: given names; `places`: (name, kind) with kind one of country,
    /// continent, state, capital, city.
    pub fn new<'a>(given: impl IntoIterator<Item = &'a str>, places: impl IntoIterator<Item = (&'a str, &'a str)>) -> NameLists {
        let mut l = NameLists::default();
        for g in given {
            if g.chars().count() >= 2 {
                l.given.insert(run_hash(&[g]));
            }
        }
        for (name, kind) in places {
            let text = crate::text::Text::new(name);
            let words: Vec<&str> = (0..text.len()).map(|i| text.tok(i)).collect();
            if words.is_empty() || words.len() > MAX_RUN {
                continue;
            }
            l.max_run = l.max_run.max(words.len());
            l.starts.insert(lower_hash(words[0]));
            *l.places.entry(run_hash(&words)).or_insert(0) |= place_bit(kind);
        }
        l
    }

    /// The gazetteer bits of every word (longest place match wins).
    pub fn bits(&self, words: &[&str]) -> Vec<u8> {
        let mut out = vec![0u8; words.len()];
        let lower: Vec<u32> = words.iter().map(|w| lower_hash(w)).collect();
        for (i, &l) in lower.iter().enumerate() {
            if self.given.contains(&extend(0x811c_9dc5, l)) {
                out[i] |= gaz::GIVEN_NAME;
            }
            let w = words[i];
            if w.starts_with(|c: char| c.is_uppercase()) {
                out[i] |= head_bits(w);
                if is_title(w) {
                    out[i] |= gaz::TITLE;
                }
            }
        }
        let mut i = 0;
        while i < words.len() {
            let mut matched = 0;
            if self.starts.contains(&lower[i]) && words[i].chars().next().is_some_and(char::is_alphabetic) {
                let mut h = 0x811c_9dc5;
                let mut hs = [0u32; MAX_RUN];
                for (k, &l) in lower[i..].iter().take(self.max_run).enumerate() {
                    h = extend(h, l);
                    hs[k] = h;
                }
                for len in (1..=self.max_run.min(words.len() - i)).rev() {
                    if let Some(&b) = self.places.get(&hs[len - 1]) {
                        for o in &mut out[i..i + len] {
                            *o |= b;
                        }
                        matched = len;
                        break;
                    }
                }
            }
            i += matched.max(1);
        }
        out
    }
}

impl Gazetteer for Vec<u8> {
    fn gaz_features(&self, i: usize) -> u8 {
        self.get(i).copied().unwrap_or(0)
    }
}

/// GUM annotates countries acting as political bodies as organizations
/// ("Sweden signed"); Universal NER and the export format call them places.
/// Turns ORG spans that are exactly a country, continent or US state into LOC.
pub fn countries_as_places(words: &[&str], spans: &mut [(usize, usize, usize)], lists: &NameLists) {
    let bits = lists.bits(words);
    for s in spans.iter_mut() {
        let inside = bits[s.0..s.1].iter().all(|b| b & gaz::COUNTRY != 0);
        let edges = (s.0 == 0 || bits[s.0 - 1] & gaz::COUNTRY == 0) && bits.get(s.1).is_none_or(|b| b & gaz::COUNTRY == 0);
        if s.2 == 1 && s.1 > s.0 && inside && edges {
            s.2 = 2;
        }
    }
}

/// The contents of the shared gazetteer files (`../shared/data/gazetteers`:
/// countries.tsv, continents.tsv, us-states.tsv, cities15000.tsv,
/// given-names-us-ssa.tsv).
pub struct SharedTsv<'a> {
    pub countries: &'a str,
    pub continents: &'a str,
    pub us_states: &'a str,
    pub cities: &'a str,
    pub given_names: &'a str,
}

/// Rows of a tab-separated text with a header line: (header, fields) pairs.
fn rows(src: &str) -> (Vec<&str>, Vec<Vec<&str>>) {
    let mut lines = src.lines().filter(|l| !l.is_empty());
    let header = lines.next().unwrap_or("").split('\t').collect();
    (header, lines.map(|l| l.split('\t').collect()).collect())
}

fn column<'a>(src: &'a str, names: &[&str]) -> Vec<Vec<&'a str>> {
    let (header, rows) = rows(src);
    let idx: Vec<Option<usize>> = names.iter().map(|n| header.iter().position(|h| h == n)).collect();
    rows.iter().map(|r| idx.iter().map(|i| i.and_then(|i| r.get(i).copied()).unwrap_or("")).collect()).collect()
}

impl NameLists {
    /// The lists the trainer uses, from the shared files, with the
    /// thresholds of `scripts/build-gazetteers.py` (cities of at least
    /// 100,000 people, given names of at least 500 US births; each place
    /// name once, with its first kind) so that the core's derived copies
    /// give the same evidence at run time. (The script also adds accent-free
    /// spellings, "Sao Paulo"; those only add evidence at run time.)
    pub fn from_shared(t: &SharedTsv) -> NameLists {
        let mut places: Vec<(&str, &str)> = Vec::new();
        let countries = column(t.countries, &["name", "capital"]);
        places.extend(countries.iter().map(|r| (r[0], "country")));
        places.extend(column(t.continents, &["name"]).iter().map(|r| (r[0], "continent")));
        places.extend(column(t.us_states, &["name"]).iter().map(|r| (r[0], "state")));
        places.extend(countries.iter().map(|r| (r[1], "capital")));
        for r in column(t.cities, &["name", "population"]) {
            if r[1].parse::<u64>().unwrap_or(0) >= 100_000 {
                places.push((r[0], "city"));
            }
        }
        // As in the script: each name once, with its first kind ("Virginia" is a state).
        let mut seen = HashSet::new();
        places.retain(|(n, _)| !n.trim().is_empty() && seen.insert(*n));
        let given: Vec<&str> = column(t.given_names, &["name", "female", "male"])
            .into_iter()
            .filter(|r| r[1].parse::<u64>().unwrap_or(0) + r[2].parse::<u64>().unwrap_or(0) >= 500)
            .map(|r| r[0])
            .collect();
        NameLists::new(given, places)
    }
}

/// Parses `name<TAB>rest` lines (the core's `data/gazetteer/*.tsv`).
fn tsv(src: &str) -> impl Iterator<Item = (&str, &str)> {
    src.lines().filter(|l| !l.trim().is_empty()).map(|l| l.split_once('\t').unwrap_or((l, "")))
}

/// The lists embedded in the core (derived by `scripts/build-gazetteers.py`).
pub fn embedded() -> &'static NameLists {
    static LISTS: OnceLock<NameLists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let given = include_str!("../../data/gazetteer/given-names.tsv");
        let places = include_str!("../../data/gazetteer/places.tsv");
        NameLists::new(tsv(given).map(|(n, _)| n), tsv(places))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(words: &str, want: &[u8]) {
        let lists = NameLists::new(
            ["Anna", "Will", "x"],
            [("New York", "city"), ("York", "city"), ("United States", "country"), ("Winston-Salem", "city")],
        );
        let w: Vec<&str> = words.split(' ').collect();
        assert_eq!(lists.bits(&w), want, "{words}");
    }

    #[test]
    fn matches_names_and_place_runs() {
        let (g, p, c) = (gaz::GIVEN_NAME, gaz::PLACE, gaz::COUNTRY);
        check("Anna left New York for the UNITED states", &[g, 0, p, p, 0, 0, c, c]);
        check("anna saw York and new", &[g, 0, p, 0, 0]);
        check("Winston - Salem x", &[p, p, p, 0]);
        check("Dr. Will of Acme Corp. and the Union", &[gaz::TITLE, g, 0, 0, gaz::ORG_SUFFIX, 0, 0, gaz::ORG_SUFFIX]);
        check("Lake Anna river", &[gaz::PLACE_HEAD, g, 0]);
        check("", &[0]);
    }

    #[test]
    fn head_lists_are_found_word_for_word() {
        for &w in ORG_HEADS {
            assert!(head_bits(w) & gaz::ORG_SUFFIX != 0, "{w}");
            assert_eq!(head_bits(w) & gaz::PLACE_HEAD != 0, PLACE_HEADS.contains(&w), "{w}");
        }
        for &w in PLACE_HEADS {
            assert!(head_bits(w) & gaz::PLACE_HEAD != 0, "{w}");
        }
        for w in ["Universit", "university", "", "Riverside", "É"] {
            assert_eq!(head_bits(w), 0, "{w}");
        }
        // The ASCII shortcut hashes as full Unicode lower-casing does.
        for w in ["New YORK", "ÉLYSÉE Palace", "İstanbul", "x"] {
            let general = w.chars().flat_map(char::to_lowercase).fold(0x811c_9dc5, |h, d| fnv(h, d.to_string().as_bytes()));
            assert_eq!(lower_hash(w), general, "{w}");
        }
    }

    #[test]
    fn embedded_lists_know_common_names() {
        let l = embedded();
        assert_eq!(l.bits(&["Islamabad", "and", "Pakistan", "and", "John"]), vec![gaz::PLACE, 0, gaz::COUNTRY, 0, gaz::GIVEN_NAME]);
        // New York is a state and (as "New York City") a city.
        assert!(l.bits(&["New", "York"]).iter().all(|b| b & (gaz::PLACE | gaz::COUNTRY) != 0));
    }
}
