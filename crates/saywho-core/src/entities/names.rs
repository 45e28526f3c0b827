//! Linking mentions into entities across a document.
//!
//! A name is what the whole document says it is: a surname or a first name
//! after a full name is that person ("Fayyaz" after "Shabana Fayyaz", "Ms
//! Okafor", "Sir Michael"), even where a gazetteer calls the word a place;
//! an acronym is the organisation it abbreviates ("(KSC)", "CIA"); the short
//! name of a vessel is the vessel ("Discovery" after "Space Shuttle
//! Discovery"); and a guess made for one occurrence gives way to what the
//! word is elsewhere.

use super::types::{Cand, EMention, Entities, EntityInfo, Gender, Label};
use super::gazetteer::{self, FxMap, HeadPos};
use crate::text::{Kind, Text};

crate::text::lexicon::word_list! {
    /// Last words of a football club named for its town: "Leeds United", "Bristol Rovers".
    /// Exact case. (`data/lexicon/club_suffixes.txt`)
    pub(crate) fn club_suffixes = "club_suffixes.txt";
}

struct Ent<'a> {
    label: Label,
    /// The fullest mention so far: (words, text).
    name: (usize, &'a str),
    gender: Gender,
    titled_gender: Gender,
    plural: bool,
}

/// The words of a mention: runs of tokens written together, so that
/// "Ocasio-Cortez" and "U.S." are one word each.
fn word_spans<'t>(text: &'t Text, a: usize, b: usize) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut k = a;
    std::iter::from_fn(move || {
        while k < b && text.kind(k) != Kind::Word {
            k += 1;
        }
        if k >= b {
            return None;
        }
        let s = k;
        k += 1;
        while k < b && !text.tokens[k].space_before && text.kind(k) != Kind::Punct {
            k += 1;
        }
        // A trailing hyphen or dot is not part of the word.
        let mut e = k;
        while e > s + 1 && text.kind(e - 1) != Kind::Word {
            e -= 1;
        }
        Some((s, e))
    })
}

/// Written all in capitals: "PORT ELLERY".
fn shouted_name(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn words(text: &Text, a: usize, b: usize) -> usize {
    word_spans(text, a, b).count()
}

/// Initials of the capitalised words: "Central Intelligence Agency" → "CIA".
fn initials(text: &Text, a: usize, b: usize) -> String {
    (a..b)
        .filter(|&k| text.is_cap(k))
        .filter_map(|k| text.tok(k).chars().next())
        .collect()
}

pub(crate) fn link(text: &Text, mut cands: Vec<Cand>) -> Entities {
    let g = gazetteer::get();
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    // Keep the first of overlapping candidates.
    let mut end = 0;
    cands.retain(|c| {
        let keep = c.start >= end && c.end <= text.len() && c.start < c.end;
        if keep {
            end = c.end;
        }
        keep
    });

    // A guessed name whose last word is later a titled or speaking person is
    // that person: "Ngozi Okafor chairs the panel. … Ms Okafor said."
    let speaker = |c: &Cand| {
        words(text, c.start, c.end) == 1
            && ((c.titled && c.label == Some(Label::Person))
                || (c.weak && c.end < text.len() && g.speech.contains(text.tok(c.end))))
    };
    let speaking: std::collections::HashSet<&str> = cands.iter().filter(|c| speaker(c)).map(|c| text.span(c.start, c.end)).collect();
    if !speaking.is_empty() {
        for c in cands.iter_mut() {
            if c.weak && matches!(c.label, Some(Label::Misc | Label::Org)) && words(text, c.start, c.end) >= 2 {
                if let Some((s, e)) = word_spans(text, c.start, c.end).last() {
                    if speaking.contains(text.span(s, e)) && (c.start..c.end).all(|k| !text.is_all_caps(k)) {
                        c.label = Some(Label::Person);
                    }
                }
            }
        }
    }

    let mut ents: Vec<Ent> = Vec::new();
    let mut by_key: FxMap<(Label, &str), usize> = FxMap::default();
    let mut assign: Vec<Option<usize>> = vec![None; cands.len()];
    // Surnames and first names of people named in full, strong ones first.
    let mut surname: FxMap<&str, (usize, bool)> = FxMap::default();
    let mut first_name: FxMap<&str, (usize, bool)> = FxMap::default();
    let mut acronym: FxMap<String, usize> = FxMap::default();
    let mut short: FxMap<&str, usize> = FxMap::default();
    // First words of organisations named in full: "Northline" after "Northline Rail".
    // An organisation's first word → (entity, where it is named, whether a
    // kind of organisation follows that word: "Harlow Mining").
    let mut org_first: FxMap<&str, (usize, usize, bool)> = FxMap::default();
    // Towns of clubs named in full: "Riverside" after (or before) "Riverside United".
    let mut club_town: FxMap<&str, usize> = FxMap::default();
    // What each single word is where it is sure.
    let mut sure: FxMap<&str, Label> = FxMap::default();

    fn get_or_add<'a>(ents: &mut Vec<Ent<'a>>, by_key: &mut FxMap<(Label, &'a str), usize>, label: Label, key: &'a str) -> usize {
        *by_key.entry((label, key)).or_insert_with(|| {
            ents.push(Ent { label, name: (0, key), gender: Gender::Unknown, titled_gender: Gender::Unknown, plural: false });
            ents.len() - 1
        })
    }

    // A name in capitals ("PORT ELLERY —" in a dateline) is the name written
    // normally elsewhere in the text ("Port Ellery").
    let shouted = |c: &Cand| (c.start..c.end).any(|k| text.kind(k) == Kind::Word && text.tok(k).chars().nth(1).is_some()) && (c.start..c.end).all(|k| text.kind(k) != Kind::Word || text.is_all_caps(k));
    let mut written: FxMap<String, &str> = FxMap::default();
    for c in cands.iter().filter(|c| c.label.is_some() && !shouted(c)) {
        let span = text.span(c.start, c.end);
        written.entry(span.to_lowercase()).or_insert(span);
    }
    let key_of = |c: &Cand| -> &str {
        let span = text.span(c.start, c.end);
        if !written.is_empty() && shouted(c) {
            if let Some(w) = written.get(&span.to_lowercase()) {
                return w;
            }
        }
        span
    };

    let mut buf = String::new();
    // Full names first, so that earlier short mentions link too.
    for (ci, c) in cands.iter().enumerate() {
        let Some(label) = c.label else { continue };
        let w = words(text, c.start, c.end);
        if w < 2 || matches!(label, Label::Date | Label::Money | Label::Percent) {
            continue;
        }
        let key = key_of(c);
        let known = ents.len();
        let e = get_or_add(&mut ents, &mut by_key, label, key);
        assign[ci] = Some(e);
        if e < known && label != Label::Person {
            continue; // acronyms and short names registered at the first mention
        }
        match label {
            Label::Person => {
                let first = word_spans(text, c.start, c.end).next().unwrap_or((c.start, c.start + 1));
                let last = word_spans(text, c.start, c.end).last().unwrap_or(first);
                let strong = !c.weak;
                for (map, (s, e2)) in [(&mut surname, last), (&mut first_name, first)] {
                    let slot = map.entry(text.span(s, e2)).or_insert((e, strong));
                    if strong && !slot.1 {
                        *slot = (e, strong);
                    }
                }
                // "Luiz Inácio Lula da Silva" is also "Lula": the word before a
                // particle, past the first, names the person too.
                let words: Vec<(usize, usize)> = word_spans(text, c.start, c.end).collect();
                for pair in words.windows(2).skip(1) {
                    if matches!(text.span(pair[1].0, pair[1].1), "da" | "de" | "do" | "dos" | "das" | "del" | "della" | "di" | "du") {
                        surname.entry(text.span(pair[0].0, pair[0].1)).or_insert((e, strong));
                    }
                }
            }
            _ => {
                if w >= 2 {
                    acronym.entry(initials(text, c.start, c.end)).or_insert(e);
                }
                if let Some((n, (_, HeadPos::First | HeadPos::Both))) = g.heads.longest(text, c.start, c.end, &mut buf) {
                    if c.end - c.start == n + 1 {
                        short.entry(text.tok(c.end - 1)).or_insert(e);
                    }
                }
                if label == Label::Org {
                    let (s, e2) = word_spans(text, c.start, c.end).next().unwrap_or((c.start, c.start + 1));
                    let f = text.span(s, e2);
                    if e2 == s + 1
                        && text.is_cap(s)
                        && !text.is_all_caps(s)
                        && !g.is_common(f)
                        && g.heads.get(f).is_none()
                        && g.demonym(f).is_none()
                        && g.places.get(f).is_none()
                        && g.titles.get(f).is_none()
                    {
                        let kind_follows = g.heads.longest(text, e2, c.end, &mut buf).is_some();
                        org_first.entry(f).or_insert((e, c.start, kind_follows));
                    }
                    let club = club_suffixes().contains(text.tok(c.end - 1));
                    if club && w == 2 && e2 == s + 1 && text.is_cap(s) && !text.is_all_caps(s) {
                        club_town.entry(f).or_insert(e);
                    }
                }
                // A firm named after its founder: "Eli Lilly" … "Lilly said".
                if label == Label::Org && w == 2 && g.given_name(text.tok(c.start)).is_some() && text.kind(c.end - 1) == Kind::Word {
                    short.entry(text.tok(c.end - 1)).or_insert(e);
                }
            }
        }
    }
    // Then guesses with some context ("Tesco said": ORG) over bare ones (MISC).
    let mut guessed: FxMap<&str, Label> = FxMap::default();
    for c in &cands {
        if let (Some(l), true) = (c.label, c.weak) {
            if l != Label::Misc && words(text, c.start, c.end) == 1 {
                guessed.entry(text.span(c.start, c.end)).or_insert(l);
            }
        }
    }
    for c in &cands {
        if let (Some(l), false) = (c.label, c.weak) {
            if words(text, c.start, c.end) == 1 {
                sure.entry(text.span(c.start, c.end)).or_insert(l);
            }
        }
    }

    for ci in 0..cands.len() {
        if assign[ci].is_some() {
            continue;
        }
        let c = &cands[ci];
        let key = key_of(c);
        let single = words(text, c.start, c.end) == 1;
        let label = c.label;
        if matches!(label, Some(Label::Date | Label::Money | Label::Percent)) {
            assign[ci] = Some(get_or_add(&mut ents, &mut by_key, label.unwrap_or(Label::Date), key));
            continue;
        }
        let mut linked = None;
        if single {
            // A person's surname (or, after a title or with no other reading, first name).
            let loose = c.weak || c.titled || matches!(label, None | Some(Label::Person));
            if let Some(&(e, strong)) = surname.get(key) {
                if strong || loose {
                    linked = Some(e);
                }
            }
            if linked.is_none() && loose {
                if let Some(&(e, _)) = first_name.get(key) {
                    linked = Some(e);
                }
            }
            if linked.is_none() {
                if let Some(a) = c.alias_of {
                    linked = cands.binary_search_by_key(&a, |x| x.start).ok().and_then(|p| assign[p]);
                }
            }
            if linked.is_none() && text.is_all_caps(c.start) {
                linked = acronym.get(key).copied();
            }
            if linked.is_none() {
                linked = short.get(key).copied();
            }
            // A guess that is the first word of an organisation named earlier is
            // its short name: "Northline Rail said …" … "for Northline said".
            // So is a capitalised word with no evidence, or a bare guess ("Shares of
            // Veltrix fell" after "Veltrix Semiconductor said").
            // (Not a word used as a modifier, "Iodine deficiency", "the city's
            // Ottoman past": a lower-case word after it that is no verb.)
            let modifier = c.end < text.len()
                && text.kind(c.end) == Kind::Word
                && text.tok(c.end).starts_with(|ch: char| ch.is_lowercase())
                && !match text.pos.get(c.end) {
                    Some(p) => p.is_verb(),
                    None => text.tok(c.end).ends_with("ed"), // without the tagger
                }
                && !g.speech.contains(text.tok(c.end));
            let org_guess = c.weak && label == Some(Label::Org);
            let bare = matches!((label, c.weak), (None, _) | (Some(Label::Misc), true)) && !modifier;
            // A lone word read as a person only for its shape or the name list
            // (no title, no person of that name before) is the firm named
            // earlier that starts with it: "Harlow Mining" … "Harlow's chief".
            // A given name is so only when the kind of firm follows it there: it
            // names whom "the Bill and Melinda Gates Foundation" is named after.
            let lone_person = label == Some(Label::Person) && !c.titled;
            if linked.is_none() && (org_guess || bare || lone_person) {
                linked = org_first
                    .get(key)
                    .filter(|&&(_, s, kind_follows)| s < c.start && (!lone_person || kind_follows || g.given_name(key).is_none()))
                    .map(|&(e, _, _)| e);
            }
            // A club's town by itself is the club ("Riverside equalised"), but
            // not after a preposition of place ("fans in Riverside").
            let placed = c.start > 0 && matches!(text.tok(c.start - 1), "in" | "at" | "near" | "from" | "to" | "of" | "around" | "outside");
            if linked.is_none() && !placed && !modifier && matches!(label, None | Some(Label::Org | Label::Misc | Label::Loc)) {
                linked = club_town.get(key).copied();
            }
        }
        if let Some(e) = linked {
            assign[ci] = Some(e);
            continue;
        }
        let label = match label {
            Some(l) if !c.weak => Some(l),
            guess => match (single, sure.get(key), guessed.get(key)) {
                (true, Some(&l), _) => Some(l),
                (true, None, Some(&l)) if matches!(guess, None | Some(Label::Misc)) => Some(l),
                _ => guess,
            },
        };
        if let Some(l) = label {
            assign[ci] = Some(get_or_add(&mut ents, &mut by_key, l, key));
        }
    }

    // Names, genders and numbers from the mentions. A lone untitled word is
    // more often a surname than a given name ("Kamau" is a man's name, and
    // Wanjiru Kamau's surname): its sex counts only for an entity never
    // named in full.
    let mut lone_gender = vec![Gender::Unknown; ents.len()];
    for (ci, c) in cands.iter().enumerate() {
        let Some(e) = assign[ci] else { continue };
        let ent = &mut ents[e];
        let w = words(text, c.start, c.end);
        // The fullest mention names the entity; of equals, one not in capitals.
        if w > ent.name.0 || (w == ent.name.0 && ent.name.1 != text.span(c.start, c.end) && shouted_name(ent.name.1) && !shouted(c)) {
            ent.name = (w, text.span(c.start, c.end));
        }
        if c.gender != Gender::Unknown && w == 1 && !c.titled {
            if lone_gender[e] == Gender::Unknown {
                lone_gender[e] = c.gender;
            }
        } else if c.gender != Gender::Unknown {
            if c.titled && ent.titled_gender == Gender::Unknown {
                ent.titled_gender = c.gender;
            }
            if ent.gender == Gender::Unknown {
                ent.gender = c.gender;
            }
        }
        ent.plural |= c.plural;
    }
    for (ent, g) in ents.iter_mut().zip(lone_gender) {
        if ent.gender == Gender::Unknown && ent.name.0 == 1 {
            ent.gender = g;
        }
    }

    // Entities in order of first mention.
    let mut order: Vec<usize> = Vec::with_capacity(ents.len());
    let mut new_id = vec![usize::MAX; ents.len()];
    let mut mentions = Vec::with_capacity(cands.len());
    for (ci, c) in cands.iter().enumerate() {
        let Some(e) = assign[ci] else { continue };
        if new_id[e] == usize::MAX {
            new_id[e] = order.len();
            order.push(e);
        }
        mentions.push(EMention { start: c.start, end: c.end, label: ents[e].label, entity: new_id[e] });
    }
    let entities = order
        .iter()
        .map(|&e| {
            let x = &ents[e];
            let gender = if x.label != Label::Person {
                Gender::Unknown
            } else if x.titled_gender != Gender::Unknown {
                x.titled_gender
            } else {
                x.gender
            };
            EntityInfo { label: x.label, name: x.name.1.to_string(), gender, plural: x.plural }
        })
        .collect();
    Entities { mentions, entities }
}
