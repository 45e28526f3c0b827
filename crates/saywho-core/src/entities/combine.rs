//! Rules and the statistical recognizer together.
//!
//! The rules know news conventions the model never saw often enough (titles,
//! datelines, "… University", document-wide linking); the model knows names
//! no list holds ("Tehmina Aslam Ranjha", "Reko Diq") and reads lower-case
//! web text. So a rule decision backed by its own evidence stands; where the
//! rules only guessed (a weak candidate) or found a capitalised word with no
//! evidence at all, the model decides: its type, its cut of a longer guessed
//! run ("Hi Kevin" -> "Kevin"), and whether an all-caps word taken for
//! initials with nothing else for it is a name at all; and a name the rules did not see at
//! all is added when the model finds it, as a weak candidate that the rest of
//! the document can still overrule during linking.

use super::types::{Cand, Gender, Label};
use super::gazetteer::{self, FxMap};
use crate::ml::Pos;
use crate::text::{Kind, Text};

/// A model span: token range [start, end) and type.
pub type ModelSpan = (usize, usize, &'static str);

fn label_of(t: &str) -> Option<Label> {
    match t {
        "PERSON" => Some(Label::Person),
        "ORG" => Some(Label::Org),
        "LOC" => Some(Label::Loc),
        "MISC" => Some(Label::Misc),
        _ => None,
    }
}

/// Merges the model's spans into the rule candidates. `usable[k]` says
/// whether token k may carry a model entity (not in a headline or shouted
/// paragraph, not part of a date or amount).
pub(crate) fn merge(text: &Text, cands: &mut Vec<Cand>, spans: &[ModelSpan], usable: &[bool]) {
    let g = gazetteer::get();
    // Which candidate covers each token (the first one, candidates may nest).
    let mut cover: Vec<Option<usize>> = vec![None; text.len()];
    for (ci, c) in cands.iter().enumerate() {
        for slot in cover.iter_mut().take(c.end.min(text.len())).skip(c.start) {
            slot.get_or_insert(ci);
        }
    }
    // Lower-case words the model leaves alone somewhere in the text: where it
    // names one elsewhere ("according to court documents" after "outside
    // the court"), it misread a common noun.
    let mut named = vec![false; text.len()];
    for &(s, e, _) in spans {
        named.iter_mut().take(e.min(text.len())).skip(s).for_each(|x| *x = true);
    }
    let plain: std::collections::HashSet<&str> =
        (0..text.len()).filter(|&k| !named[k] && text.kind(k) == Kind::Word && !text.is_cap(k)).map(|k| text.tok(k)).collect();
    let cased = well_cased(text);
    // Did the rules only guess this candidate? No label, or a weak MISC,
    // or a person from the shape of a name alone, with no given name in it
    // ("Reko Diq resumed", "Barrick Gold signed"). (Not the organisation the
    // rules guess for a bare name that speaks: in news that is "Nordbank
    // said" far more often than a surname never given in full, and the
    // model's PERSON there made "it said" lose its antecedent.)
    let guessed = |c: &Cand| {
        let shape_only = c.weak && c.label == Some(Label::Person) && g.given_name(text.tok(c.start)).is_none() && !c.titled;
        (matches!((c.label, c.weak), (None, _) | (Some(Label::Misc), true)) || shape_only) && c.alias_of.is_none()
    };
    // Model spans strictly inside one guessed candidate ("Hi Kevin" MISC):
    // the model's cut.
    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); cands.len()];
    let mut model_cover = vec![false; text.len()];
    for (si, &(s, e, _)) in spans.iter().enumerate() {
        if s < e && e <= text.len() {
            model_cover[s..e].iter_mut().for_each(|x| *x = true);
            if let Some(ci) = cover[s] {
                let c = &cands[ci];
                if (s..e).all(|k| cover[k] == Some(ci)) && c.start <= s && e <= c.end && (c.start, c.end) != (s, e) {
                    inside[ci].push(si);
                }
            }
        }
    }
    let mut added = Vec::new();
    let mut removed = vec![false; cands.len()];
    for (ci, list) in inside.iter().enumerate() {
        // (Not names of the rules' own type run together, "Debra Perlingiere
        // Edward Terry": letting the model cut those lost on GUM, "Mt. Talau"
        // cut in two.)
        if list.is_empty() || !guessed(&cands[ci]) {
            continue;
        }
        let ok: Vec<ModelSpan> = list.iter().map(|&si| spans[si]).filter(|&(s, e, ty)| label_of(ty).is_some() && (s..e).all(|k| usable[k]) && plausible(text, s, e)).collect();
        // What the model leaves out must be words that name nothing ("Hi",
        // "Your"), not a hyphen ("Mof-Ávvi" is one place, not "Mof" and
        // "Ávvi") nor a name ("Hamdullah Mohib" is not "Mohib").
        let c = &cands[ci];
        let left_out = |k: usize| !ok.iter().any(|&(s, e, _)| s <= k && k < e);
        let names_nothing = |k: usize| match text.kind(k) {
            Kind::Word => !text.is_cap(k) || g.is_common(text.tok(k)),
            Kind::Hyphen => false,
            _ => true,
        };
        if ok.is_empty() || !(c.start..c.end).filter(|&k| left_out(k)).all(names_nothing) {
            continue;
        }
        removed[ci] = true;
        for (s, e, ty) in ok {
            let Some(label) = label_of(ty) else { continue };
            let gender = if label == Label::Person { given_gender(text, s, e) } else { Gender::Unknown };
            added.push(Cand { start: s, end: e, label: Some(label), gender, plural: false, weak: true, titled: false, alias_of: None });
        }
    }
    // An all-caps word the rules take for an organisation's initials with
    // nothing else for it ("ASAP", "HPL", "MAD"), that the model does not
    // touch at all and the gazetteer does not know, is no name: if short
    // (up to four letters) or tagged as anything but a proper noun
    // (emphasis: "HIGHLY recommend", "OPTICAL LENS"), unless after "the"
    // ("The RSF denied", "the NEMISIS database"); with a digit ("EB3326");
    // or anywhere in text that does not capitalise its sentences and names.
    // (Dropping every other guess the model leaves alone too, a title-case
    // phrase taken for a person or a weak MISC, lost names the model misses
    // and the rules had right: "Bedřich Smetana", "Reko Diq", "the Court".)
    for (ci, c) in cands.iter().enumerate() {
        let untouched = (c.start..c.end.min(text.len())).all(|k| !model_cover[k]);
        let w = text.tok(c.start);
        let after_the = c.start > 0 && text.tok(c.start - 1).eq_ignore_ascii_case("the");
        let not_proper = text.pos(c.start).is_some_and(|p| !matches!(p, Pos::NNP | Pos::NNPS | Pos::XX));
        let weak_initials = (!after_the && (w.chars().count() <= 4 || not_proper)) || w.chars().any(|ch| ch.is_ascii_digit()) || !cased;
        if untouched && c.end == c.start + 1 && weak_initials && c.label == Some(Label::Org) && text.is_all_caps(c.start) && c.alias_of.is_none() && g.known.get(text.tok(c.start)).is_none() {
            removed[ci] = true;
        }
    }
    for &(s, e, ty) in spans {
        let Some(label) = label_of(ty) else { continue };
        if s >= e || e > text.len() || !(s..e).all(|k| usable[k]) {
            continue;
        }
        // A name never runs over a paragraph or sentence break ("on X.\n\nVillanueva's").
        if (s + 1..e).any(|k| text.tokens[k].para != text.tokens[s].para || text.sent_of[k] != text.sent_of[s]) {
            continue;
        }
        let hit: Vec<usize> = {
            let mut v: Vec<usize> = (s..e).filter_map(|k| cover[k]).collect();
            v.dedup();
            v
        };
        match hit.as_slice() {
            [] => {
                // So is a lower-case phrase in text that capitalises its names
                // ("a ward sister who …"), unless the gazetteer knows the place.
                let lower = !(s..e).any(|k| text.is_cap(k));
                // (A lone lower-case word the tagger calls a common noun, verb or
                // adjective, in such text: "go on sale", though Sale is a town.)
                let tagged_common = cased && e == s + 1 && text.pos(s).is_some_and(|p| matches!(p, Pos::NN | Pos::NNS | Pos::JJ | Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ | Pos::RB));
                let common_noun = lower && ((e == s + 1 && (plain.contains(text.tok(s)) || tagged_common)) || (e > s + 1 && cased && !known_place(text, s, e)));
                if plausible(text, s, e) && !common_noun {
                    let gender = if label == Label::Person { given_gender(text, s, e) } else { Gender::Unknown };
                    added.push(Cand { start: s, end: e, label: Some(label), gender, plural: false, weak: true, titled: false, alias_of: None });
                }
            }
            [ci] if !removed[*ci] => {
                let c = &mut cands[*ci];
                // Same words, and the rules only guessed.
                if c.start == s && c.end == e && guessed(c) && c.label != Some(label) {
                    // (Nor one of a people, "Frenchwoman", the rules' MISC.)
                    if !plausible(text, s, e) {
                        continue;
                    }
                    c.label = Some(label);
                    if label == Label::Person && c.gender == Gender::Unknown {
                        c.gender = given_gender(text, s, e);
                    }
                }
            }
            _ => {}
        }
    }
    if removed.iter().any(|&r| r) {
        let mut k = 0;
        cands.retain(|_| {
            k += 1;
            !removed[k - 1]
        });
    }
    cands.extend(added);
    agree(text, cands);
}

/// Document consistency for guesses: the same name guessed differently in
/// different sentences ("Coron" a place here, a person there) takes the
/// label it got most often (on a tie, not MISC, then the earliest). Candidates backed by
/// evidence are left alone; linking makes guesses give way to them.
fn agree(text: &Text, cands: &mut [Cand]) {
    let mut votes: FxMap<&str, Vec<(Label, usize, usize)>> = FxMap::default();
    for (i, c) in cands.iter().enumerate() {
        if let (true, Some(l @ (Label::Person | Label::Org | Label::Loc | Label::Misc))) = (c.weak, c.label) {
            let v = votes.entry(text.span(c.start, c.end)).or_default();
            match v.iter_mut().find(|x| x.0 == l) {
                Some(x) => x.1 += 1,
                None => v.push((l, 1, i)),
            }
        }
    }
    for c in cands.iter_mut() {
        if !c.weak || c.label.is_none() {
            continue;
        }
        if let Some(v) = votes.get(text.span(c.start, c.end)) {
            if v.len() > 1 {
                // A tie goes to a type over MISC (the guess of last resort), then to the earliest.
                if let Some(best) = v.iter().max_by_key(|x| (x.1, x.0 != Label::Misc, std::cmp::Reverse(x.2))) {
                    c.label = Some(best.0);
                }
            }
        }
    }
}

/// Does the text capitalise its sentences and names? Most sentences start
/// with a capital, and most words that start sentences are not the only
/// capitals. Lower-case web text ("i met john smith") does not.
fn well_cased(text: &Text) -> bool {
    let (mut starts, mut caps, mut inner) = (0usize, 0usize, 0usize);
    for k in 0..text.len() {
        if text.kind(k) != Kind::Word {
            continue;
        }
        if text.starts_sentence(k) {
            starts += 1;
            caps += text.is_cap(k) as usize;
        } else if text.is_cap(k) {
            inner += 1;
        }
    }
    starts > 0 && caps * 10 >= starts * 9 && inner >= starts / 2
}

/// Is the span, its words capitalised, a place the gazetteer knows ("auckland")?
fn known_place(text: &Text, s: usize, e: usize) -> bool {
    let mut name = String::new();
    for k in s..e {
        if k > s && text.tokens[k].space_before {
            name.push(' ');
        }
        let mut cs = text.tok(k).chars();
        if let Some(c) = cs.next() {
            name.extend(c.to_uppercase());
            name.push_str(cs.as_str());
        }
    }
    gazetteer::get().places.get(&name).is_some()
}

/// The sex the first name of a person span suggests. A lone word is more
/// often a surname ("Smith said") than a first name: no guess.
fn given_gender(text: &Text, s: usize, e: usize) -> Gender {
    if (s..e).filter(|&k| text.kind(k) == Kind::Word).count() < 2 {
        return Gender::Unknown;
    }
    gazetteer::get().given_name(text.tok(s)).unwrap_or(Gender::Unknown)
}

/// A model span worth adding: it holds a letter, and a single word is not a
/// common word (a capitalised "Today" opening a sentence).
fn plausible(text: &Text, s: usize, e: usize) -> bool {
    let g = gazetteer::get();
    let words: Vec<usize> = (s..e).filter(|&k| text.kind(k) == Kind::Word).collect();
    match words.as_slice() {
        [] => false,
        [k] => {
            let w = text.tok(*k);
            w.chars().count() > 1 && !g.is_common(w) && !people_noun(w)
        }
        _ => true,
    }
}

/// A people's name, or one of its people ("Frenchwoman", "Englishmen"): a
/// description of someone, not a name ("The Frenchwoman said").
fn people_noun(w: &str) -> bool {
    let g = gazetteer::get();
    let base = ["woman", "women", "man", "men"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(w);
    !base.is_empty() && g.demonym(base).is_some()
}

#[cfg(test)]
mod tests {
    use crate::entities::extract_with;
    use crate::text::Text;

    /// Mentions ("LABEL text") of `input` when the recognizer proposes
    /// `model` (("text", "TYPE"): the n-th occurrence of each text, counted
    /// per text, in order).
    fn check(input: &str, model: &[(&str, &'static str)], expected: &[&str], unexpected: &[&str]) {
        check_ran(input, model, expected, unexpected, false)
    }

    /// [`check`]; `ran`: the models read the text (its tags are set), even
    /// if they found no name.
    fn check_ran(input: &str, model: &[(&str, &'static str)], expected: &[&str], unexpected: &[&str], ran: bool) {
        let mut t = Text::new(input);
        if ran {
            t.pos = vec![crate::ml::Pos::XX; t.len()];
        }
        let mut spans = Vec::new();
        let mut from: std::collections::HashMap<&str, usize> = Default::default();
        for &(words, ty) in model {
            let n = words.split(' ').count();
            let after = from.get(words).copied().unwrap_or(0);
            let start = (after..t.len())
                .find(|&a| a + n <= t.len() && t.span(a, a + n) == words)
                .unwrap_or_else(|| panic!("{words:?} is not in {input:?}"));
            from.insert(words, start + 1);
            spans.push((start, start + n, ty));
        }
        let e = extract_with(&t, &spans);
        let got: Vec<String> = e.mentions.iter().map(|m| format!("{} {}", m.label.as_str(), t.span(m.start, m.end))).collect();
        for want in expected {
            assert!(got.iter().any(|g| g == want), "{input:?}: missing {want:?} in {got:?}");
        }
        for bad in unexpected {
            assert!(!got.iter().any(|g| g == bad), "{input:?}: unexpected {bad:?} in {got:?}");
        }
    }

    #[test]
    fn the_model_adds_names_the_rules_miss() {
        // Lower-case web text: no capital, so no rule candidate.
        check("i met john smith at the mall yesterday.", &[("john smith", "PERSON")], &["PERSON john smith"], &[]);
        // A single capitalised ordinary word is no name, whatever the model says; nor one of a people.
        check("Today the council met.", &[("Today", "ORG")], &[], &["ORG Today"]);
        check("The Frenchwoman said it was a fluke.", &[("Frenchwoman", "ORG")], &[], &["ORG Frenchwoman"]);
        // A lower-case word the model names here but not elsewhere is a common noun.
        check("They met outside the court. According to court documents, it grew.", &[("court", "ORG")], &[], &["ORG court"]);
        check("we went to kerala. kerala was great.", &[("kerala", "LOC"), ("kerala", "LOC")], &["LOC kerala"], &[]);
        // In text that capitalises its names, a lower-case phrase is none.
        check("Rachel Oyelaran, a ward sister, spoke to Ann Lee.", &[("ward sister", "PERSON")], &[], &["PERSON ward sister"]);
        check("where can i get it in tampa bay? thanks", &[("tampa bay", "LOC")], &["LOC tampa bay"], &[]);
    }

    #[test]
    fn rules_with_evidence_stand() {
        // Head word ("Ministry") and title ("Prime Minister") are evidence.
        check(
            "The Ministry of Finance said Prime Minister Shehbaz Sharif would decide.",
            &[("Ministry of Finance", "LOC"), ("Shehbaz Sharif", "ORG")],
            &["ORG Ministry of Finance", "PERSON Shehbaz Sharif"],
            &["LOC Ministry of Finance", "ORG Shehbaz Sharif"],
        );
        // Dates and amounts stay the rules'.
        check("Talks resumed on Monday in Oslo.", &[("Monday", "PERSON")], &["DATE Monday"], &["PERSON Monday"]);
    }

    #[test]
    fn the_model_decides_where_the_rules_only_guessed() {
        // "Kestrel Dynamics" has no head word or context cue: a MISC guess.
        check(
            "Analysts like Kestrel Dynamics.",
            &[("Kestrel Dynamics", "ORG")],
            &["ORG Kestrel Dynamics"],
            &["MISC Kestrel Dynamics"],
        );
    }

    #[test]
    fn a_bare_name_that_speaks_stays_an_organisation() {
        // The rules guess an organisation for a speaking bare name ("Amazon said").
        check("Nordbank said it accepted the decision.", &[("Nordbank", "PERSON")], &["ORG Nordbank"], &["PERSON Nordbank"]);
        check("Amazon said profits rose.", &[], &["ORG Amazon"], &[]);
        // The organisation guess after "at" stands too.
        check("She worked at Kestrel Dynamics for years.", &[("Kestrel Dynamics", "PERSON")], &["ORG Kestrel Dynamics"], &[]);
    }

    #[test]
    fn a_lone_word_the_model_calls_a_person_gets_no_sex_from_the_name_list() {
        // "Smith" is in the US given-name list as a boy's name; alone it is a surname.
        let t = Text::new("Analysts like Smith.");
        let k = (0..t.len()).find(|&k| t.tok(k) == "Smith").unwrap();
        let e = extract_with(&t, &[(k, k + 1, "PERSON")]);
        let m = e.mentions.iter().find(|m| m.start == k).expect("Smith is a mention");
        assert_eq!((e.entities[m.entity].label, e.entities[m.entity].gender), (crate::entities::Label::Person, crate::entities::Gender::Unknown));
        let t = Text::new("Analysts like Laura Kessel.");
        let k = (0..t.len()).find(|&k| t.tok(k) == "Laura").unwrap();
        let e = extract_with(&t, &[(k, k + 2, "PERSON")]);
        let m = e.mentions.iter().find(|m| m.start == k).expect("Laura Kessel is a mention");
        assert_eq!(e.entities[m.entity].gender, crate::entities::Gender::Female);
    }

    #[test]
    fn a_person_guessed_from_the_shape_of_a_name_gives_way() {
        // No given name, no title: the rules' PERSON is a guess from "resumed".
        check("Work on Reko Diq resumed in May.", &[("Reko Diq", "LOC")], &["LOC Reko Diq"], &["PERSON Reko Diq"]);
        // A given name is evidence: the guess stands.
        check("Laura Kessel resumed her work.", &[("Laura Kessel", "ORG")], &["PERSON Laura Kessel"], &["ORG Laura Kessel"]);
    }

    #[test]
    fn the_model_cuts_a_longer_guess() {
        // (input, model spans, expected, unexpected)
        type Case<'a> = (&'a str, &'a [(&'a str, &'static str)], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            // A greeting the rules took into the name.
            ("Per our conversation yesterday. Hi Kevin, further to your call the file is attached.", &[("Kevin", "PERSON")], &["PERSON Kevin"], &["MISC Hi Kevin"]),
            // A person the rules found by a given name keeps their cut.
            ("Many thanks! Debra Perlingiere Edward Terry wrote on Monday.", &[("Debra Perlingiere", "PERSON"), ("Edward Terry", "PERSON")], &["PERSON Debra Perlingiere Edward Terry"], &[]),
            // Not at a hyphen: "Mof-Ávvi" is one name; nor leaving out a name.
            ("The river separates Mof-Ávvi from the Bayot area.", &[("Mof", "LOC"), ("Ávvi", "LOC")], &[], &["LOC Mof", "LOC Ávvi"]),
            ("Hamdullah Mohib arrived on Monday.", &[("Mohib", "PERSON")], &["PERSON Hamdullah Mohib"], &["PERSON Mohib"]),
            // Evidence stands: a title makes the person, whatever the model cuts.
            ("Prime Minister Shehbaz Sharif said so.", &[("Minister Shehbaz", "PERSON")], &["PERSON Shehbaz Sharif"], &["PERSON Minister Shehbaz"]),
        ];
        for (input, model, expected, unexpected) in cases {
            check(input, model, expected, unexpected);
        }
    }

    #[test]
    fn a_guess_the_model_leaves_alone_is_dropped() {
        // (input, model spans, expected, unexpected); the models ran on every input.
        type Case<'a> = (&'a str, &'a [(&'a str, &'static str)], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            // All-caps words taken for initials, with nothing else for them.
            ("Bring your dog to the vet ASAP if it is not eating.", &[], &[], &["ORG ASAP"]),
            ("The actual word MAD has to be on the cover.", &[], &[], &["ORG MAD"]),
            // A longer one in well-cased text stays the rules' guess, and so does one after "the".
            ("Officers use the NEMISIS database to track cases.", &[], &["ORG NEMISIS"], &[]),
            ("The RSF denied blocking the aid.", &[], &["ORG RSF"], &[]),
            // The model names it: it stays (with the model's type).
            ("I have ordered it from HTC last week.", &[("HTC", "ORG")], &["ORG HTC"], &[]),
            // The gazetteer knows it: it stays.
            ("The NAACP filed a brief.", &[], &["ORG NAACP"], &[]),
            // Initials after their name are evidence: "(KSC)" stays.
            ("Kennedy Space Center (KSC) opened on Monday.", &[("Kennedy Space Center", "ORG")], &["ORG KSC"], &[]),
        ];
        for (input, model, expected, unexpected) in cases {
            check_ran(input, model, expected, unexpected, true);
        }
        // Without the models, the rules' guesses are all there is.
        check("Bring your dog to the vet ASAP if it is not eating.", &[], &["ORG ASAP"], &[]);
    }

    #[test]
    fn one_guess_per_name_in_a_document() {
        check(
            "Divers love Coron. Coron has wrecks. Tourists reach Coron by ferry.",
            &[("Coron", "LOC"), ("Coron", "PERSON"), ("Coron", "LOC")],
            &["LOC Coron"],
            &["PERSON Coron"],
        );
    }

    #[test]
    fn a_model_span_never_runs_over_a_paragraph_break() {
        let t = Text::new("One fan wrote on X.\n\nVillanueva's next film opens soon.");
        let k = (0..t.len()).find(|&k| t.tok(k) == "X").unwrap();
        let e = extract_with(&t, &[(k, k + 3, "MISC")]);
        assert!(e.mentions.iter().all(|m| !t.span(m.start, m.end).contains('\n')), "{:?}", e.mentions);
    }

    #[test]
    fn headlines_are_left_to_the_rules() {
        check(
            "Harbour City Votes On New Budget\n\nThe council of Halvik voted on Monday.",
            &[("Harbour City Votes", "ORG")],
            &[],
            &["ORG Harbour City Votes"],
        );
    }
}
