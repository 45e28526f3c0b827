use super::*;
use saywho_core::Span;

/// A small document built by hand: "Ana Ruiz said “We will build it.” Ruiz left Oslo."
pub fn fixture() -> Document {
    let text = "Ana Ruiz said “We will build it.” Ruiz left Oslo. Officials said it was late.";
    let span = |s: &str, nth: usize| {
        let b = text.match_indices(s).nth(nth).unwrap().0;
        let start = text[..b].chars().count();
        (start, start + s.chars().count())
    };
    let m = |id: &str, s: &str, nth: usize, label: &str, e: &str| {
        let (start, end) = span(s, nth);
        Mention { id: id.into(), start, end, text: s.into(), label: label.into(), entity: Some(e.into()), origin: Origin::Auto }
    };
    let (qs, qe) = span("“We will build it.”", 0);
    let (cs, ce) = span("said", 0);
    let (ss, se) = span("Ana Ruiz", 0);
    let (os, oe) = span("it was late", 0);
    let (c2s, c2e) = span("said", 1);
    let (s2s, s2e) = span("Officials", 0);
    Document {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        text: text.into(),
        entities: vec![
            Entity { id: "E1".into(), label: "PERSON".into(), name: "Ana Ruiz".into(), gender: None },
            Entity { id: "E2".into(), label: "LOC".into(), name: "Oslo".into(), gender: None },
        ],
        mentions: vec![
            m("M1", "Ana Ruiz", 0, "PERSON", "E1"),
            m("M2", "Ruiz", 1, "PERSON", "E1"),
            m("M3", "Oslo", 0, "LOC", "E2"),
        ],
        quotes: vec![
            Quote {
                id: "Q1".into(),
                start: qs,
                end: qe,
                text: "“We will build it.”".into(),
                kind: QuoteKind::Direct,
                cue: Some(Span { start: cs, end: ce, text: "said".into() }),
                speaker: Some(Span { start: ss, end: se, text: "Ana Ruiz".into() }),
                entity: Some("E1".into()),
                origin: Origin::Auto,
            },
            Quote {
                id: "Q2".into(),
                start: os,
                end: oe,
                text: "it was late".into(),
                kind: QuoteKind::Indirect,
                cue: Some(Span { start: c2s, end: c2e, text: "said".into() }),
                speaker: Some(Span { start: s2s, end: s2e, text: "Officials".into() }),
                entity: None,
                origin: Origin::Auto,
            },
        ],
    }
}

pub(super) fn state() -> State {
    State::new(fixture())
}

pub(super) fn run(s: &mut State, actions: Vec<Action>) {
    for a in actions {
        s.apply(a);
    }
}

pub(super) fn cp(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

pub(super) fn err(s: &State) -> Option<&str> {
    match &s.notice {
        Some(Notice::Error(e)) => Some(e),
        _ => None,
    }
}

/// Every span's text equals the document text at its offsets, and every reference resolves.
pub(super) fn assert_consistent(s: &State) {
    let d = s.doc.to_document();
    for m in &d.mentions {
        assert_eq!(slice_cp(&d.text, m.start, m.end), m.text, "mention {}", m.id);
        if let Some(e) = &m.entity {
            assert!(d.entities.iter().any(|x| &x.id == e), "mention {} -> {e}", m.id);
        }
    }
    for q in &d.quotes {
        assert_eq!(slice_cp(&d.text, q.start, q.end), q.text, "quote {}", q.id);
        for sp in [&q.cue, &q.speaker].into_iter().flatten() {
            assert_eq!(slice_cp(&d.text, sp.start, sp.end), sp.text);
        }
        if let Some(e) = &q.entity {
            assert!(d.entities.iter().any(|x| &x.id == e), "quote {} -> {e}", q.id);
        }
    }
}

#[test]
fn uncorrected_round_trip_is_identical() {
    let d = fixture();
    assert_eq!(State::new(d.clone()).doc.to_document().to_json(), d.to_json());
}

#[test]
fn add_entity_gets_next_ids_and_manual_origin() {
    let mut s = state();
    let (a, b) = cp(&s.doc.text.clone(), "Officials");
    s.apply(Action::AddEntity { start: a, end: b, label: "ORG".into() });
    let m = s.doc.mention("M4").expect("new mention M4");
    assert_eq!((m.text.as_str(), m.label.as_str(), m.entity.as_deref(), m.origin), ("Officials", "ORG", Some("E3"), Origin::Manual));
    assert_eq!(s.doc.entity("E3").unwrap().name, "Officials");
    assert_eq!(s.selection, Some(Sel::Mention("M4".into())));
    assert_consistent(&s);
}

#[test]
fn add_entity_trims_whitespace_and_keeps_mentions_sorted() {
    let mut s = state();
    let (a, b) = cp(&s.doc.text.clone(), " Oslo. ");
    // A custom label, selection with surrounding spaces.
    s.apply(Action::AddEntity { start: a, end: b - 2, label: "CITY".into() });
    let m = s.doc.mention("M4").unwrap();
    assert_eq!((m.text.as_str(), m.label.as_str()), ("Oslo", "CITY"));
    let starts: Vec<usize> = s.doc.mentions.iter().map(|m| m.start).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn add_entity_reuses_entity_with_same_name_and_label() {
    let mut s = state();
    let text = s.doc.text.clone();
    let (a, b) = cp(&text, "Oslo");
    s.apply(Action::Delete(Sel::Mention("M3".into())));
    s.apply(Action::AddEntity { start: a, end: b, label: "LOC".into() });
    // E2 vanished with its only mention, so a new entity E3 is made, and ids are not reused.
    assert_eq!(s.doc.mention("M4").unwrap().entity.as_deref(), Some("E3"));
    let (a, b) = cp(&text, "Ana Ruiz");
    s.apply(Action::AddEntity { start: a, end: b, label: "ORG".into() });
    let (a2, b2) = cp(&text, "Officials");
    s.apply(Action::AddEntity { start: a2, end: b2, label: "ORG".into() });
    s.apply(Action::AddEntity { start: a, end: b + 5, label: "ORG".into() });
    assert_eq!(s.doc.mention("M5").unwrap().entity.as_deref(), Some("E4"));
    assert_consistent(&s);
}

#[test]
fn rejected_additions_say_why_and_change_nothing() {
    let cases: Vec<(Action, &str)> = vec![
        (Action::AddEntity { start: 3, end: 3, label: "PERSON".into() }, "Select some words"),
        (Action::AddEntity { start: 0, end: 10_000, label: "PERSON".into() }, "Select some words"),
        (Action::AddEntity { start: 8, end: 9, label: "PERSON".into() }, "Select some words"),
        (Action::AddEntity { start: 0, end: 8, label: "PERSON".into() }, "already annotated"),
        (Action::AddEntity { start: 0, end: 8, label: "  ".into() }, "Choose a label"),
        (Action::AddQuote { start: 5, end: 2, kind: QuoteKind::Direct }, "Select the quoted words"),
        (Action::Rename { entity: "E1".into(), name: " ".into() }, "cannot be empty"),
        (Action::Rename { entity: "E9".into(), name: "X".into() }, "entity no longer exists"),
        (Action::Merge { into: "E1".into(), from: "E1".into() }, "different entity"),
        (Action::SplitMention { mention: "M3".into() }, "only mention"),
        (Action::SetSpeaker { quote: "Q1".into(), entity: Some("E7".into()) }, "entity no longer exists"),
        (Action::Delete(Sel::Quote("Q9".into())), "quote no longer exists"),
        (Action::Adjust { target: Sel::Mention("M3".into()), edge: Edge::Start, step: Step::Shrink }, "cannot get any shorter"),
    ];
    for (action, why) in cases {
        let mut s = state();
        let before = s.doc.clone();
        s.apply(action.clone());
        assert_eq!(s.doc, before, "{action:?}");
        assert!(!s.can_undo(), "{action:?}");
        assert!(err(&s).is_some_and(|e| e.contains(why)), "{action:?}: {:?}", s.notice);
    }
}

#[test]
fn add_quote_of_each_kind() {
    for kind in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Partial] {
        let mut s = state();
        let (a, b) = cp(&s.doc.text.clone(), "Ruiz left Oslo");
        s.apply(Action::AddQuote { start: a, end: b, kind });
        let q = s.doc.quote("Q3").unwrap();
        assert_eq!((q.kind, q.origin, q.text.as_str(), q.entity.clone()), (kind, Origin::Manual, "Ruiz left Oslo", None));
        assert_eq!(s.doc.quotes.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["Q1", "Q3", "Q2"]);
    }
}

#[test]
fn set_label_relabels_the_whole_entity() {
    let mut s = state();
    s.apply(Action::SetLabel { mention: "M2".into(), label: "ORG".into() });
    for id in ["M1", "M2"] {
        let m = s.doc.mention(id).unwrap();
        assert_eq!((m.label.as_str(), m.origin), ("ORG", Origin::Manual));
    }
    assert_eq!(s.doc.entity("E1").unwrap().label, "ORG");
    assert_eq!(s.doc.mention("M3").unwrap().origin, Origin::Auto);
}

#[test]
fn set_kind_marks_manual() {
    let mut s = state();
    s.apply(Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Partial });
    let q = s.doc.quote("Q1").unwrap();
    assert_eq!((q.kind, q.origin), (QuoteKind::Partial, Origin::Manual));
    // Setting the same kind again is not an edit.
    s.apply(Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Partial });
    assert_eq!(s.past.len(), 1);
}

#[test]
fn deleting_the_last_mention_removes_the_entity_and_unlinks_quotes() {
    let mut s = state();
    run(&mut s, vec![Action::Select(Some(Sel::Mention("M1".into()))), Action::Delete(Sel::Mention("M1".into()))]);
    assert!(s.doc.entity("E1").is_some(), "E1 still has M2");
    assert_eq!(s.selection, Some(Sel::Mention("M2".into())), "the next mention takes the selection");
    s.apply(Action::Delete(Sel::Mention("M2".into())));
    assert!(s.doc.entity("E1").is_none());
    let q = s.doc.quote("Q1").unwrap();
    assert_eq!((q.entity.clone(), q.origin), (None, Origin::Manual));
    assert_consistent(&s);
}

#[test]
fn delete_quote_and_entity() {
    let mut s = state();
    s.apply(Action::Delete(Sel::Quote("Q2".into())));
    assert!(s.doc.quote("Q2").is_none());
    s.apply(Action::Delete(Sel::Entity("E1".into())));
    assert_eq!(s.doc.mentions.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["M3"]);
    assert_eq!(s.doc.quote("Q1").unwrap().entity, None);
    assert_consistent(&s);
}

#[test]
fn boundaries_move_by_word() {
    // (target, edge, step, expected text)
    let cases: Vec<(Sel, Edge, Step, &str)> = vec![
        (Sel::Mention("M3".into()), Edge::Start, Step::Extend, "left Oslo"),
        (Sel::Mention("M3".into()), Edge::End, Step::Extend, "Oslo."),
        (Sel::Mention("M1".into()), Edge::Start, Step::Shrink, "Ruiz"),
        (Sel::Mention("M1".into()), Edge::End, Step::Shrink, "Ana"),
        (Sel::Mention("M1".into()), Edge::End, Step::Extend, "Ana Ruiz said"),
        (Sel::Quote("Q1".into()), Edge::Start, Step::Shrink, "We will build it.”"),
        (Sel::Quote("Q1".into()), Edge::End, Step::Shrink, "“We will build it."),
        (Sel::Quote("Q2".into()), Edge::Start, Step::Extend, "said it was late"),
    ];
    for (target, edge, step, want) in cases {
        let mut s = state();
        s.apply(Action::Adjust { target: target.clone(), edge, step });
        let (text, origin) = match &target {
            Sel::Mention(id) => s.doc.mention(id).map(|m| (m.text.clone(), m.origin)).unwrap(),
            Sel::Quote(id) => s.doc.quote(id).map(|q| (q.text.clone(), q.origin)).unwrap(),
            Sel::Entity(_) => unreachable!(),
        };
        assert_eq!((text.as_str(), origin), (want, Origin::Manual), "{target:?} {edge:?} {step:?}");
        assert_consistent(&s);
    }
}

#[test]
fn boundaries_count_code_points_after_non_ascii() {
    let mut d = fixture();
    // Prefix an astral character and an accented word: offsets shift by code points.
    let prefix = "😀 Café. ";
    let n = prefix.chars().count();
    d.text = format!("{prefix}{}", d.text);
    for m in &mut d.mentions {
        m.start += n;
        m.end += n;
    }
    d.quotes.clear();
    let mut s = State::new(d);
    s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::Start, step: Step::Extend });
    assert_eq!(s.doc.mention("M1").unwrap().text, ". Ana Ruiz".trim_start_matches(' '));
    s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::Start, step: Step::Extend });
    assert_eq!(s.doc.mention("M1").unwrap().text, "Café. Ana Ruiz");
    assert_consistent(&s);
}

#[test]
fn a_lone_mention_renames_its_entity_when_resized() {
    let mut s = state();
    s.apply(Action::Adjust { target: Sel::Mention("M3".into()), edge: Edge::Start, step: Step::Extend });
    assert_eq!(s.doc.entity("E2").unwrap().name, "left Oslo");
    s.apply(Action::Adjust { target: Sel::Mention("M1".into()), edge: Edge::End, step: Step::Shrink });
    assert_eq!(s.doc.entity("E1").unwrap().name, "Ana Ruiz", "E1 has two mentions: keep its name");
}

#[test]
fn reattribute_from_entity_list() {
    let mut s = state();
    s.apply(Action::SetSpeaker { quote: "Q2".into(), entity: Some("E1".into()) });
    let q = s.doc.quote("Q2").unwrap();
    assert_eq!(q.entity.as_deref(), Some("E1"));
    // The nearest mention of E1 before the quote: "Ruiz".
    assert_eq!(q.speaker.as_ref().map(|s| s.text.as_str()), Some("Ruiz"));
    assert_eq!(q.origin, Origin::Manual);
    assert_consistent(&s);
}

#[test]
fn no_named_speaker_keeps_an_unnamed_source() {
    let mut s = state();
    s.apply(Action::SetSpeaker { quote: "Q1".into(), entity: None });
    let q = s.doc.quote("Q1").unwrap();
    assert_eq!((q.entity.clone(), q.speaker.clone()), (None, None), "Ana Ruiz was a mention: dropped");
    s.apply(Action::SetSpeaker { quote: "Q2".into(), entity: None });
    assert!(!s.can_redo());
    assert_eq!(s.past.len(), 1, "Q2 already had no entity: not an edit");
    assert_eq!(s.doc.quote("Q2").unwrap().speaker.as_ref().unwrap().text, "Officials");
}

#[test]
fn reattribute_by_selecting_words() {
    let mut s = state();
    let text = s.doc.text.clone();
    let (a, b) = cp(&text, "Oslo");
    s.apply(Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b });
    let q = s.doc.quote("Q1").unwrap();
    assert_eq!((q.entity.as_deref(), q.speaker.as_ref().unwrap().text.as_str()), (Some("E2"), "Oslo"));
    // Words that name no entity: the span alone carries the source.
    let (a, b) = cp(&text, "Officials");
    s.apply(Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b });
    let q = s.doc.quote("Q1").unwrap();
    assert_eq!((q.entity.as_deref(), q.speaker.as_ref().unwrap().text.as_str()), (None, "Officials"));
    assert_consistent(&s);
}

#[test]
fn merge_moves_mentions_and_quotes() {
    let mut s = state();
    s.apply(Action::Select(Some(Sel::Entity("E1".into()))));
    s.apply(Action::Merge { into: "E2".into(), from: "E1".into() });
    assert!(s.doc.entity("E1").is_none());
    for id in ["M1", "M2"] {
        let m = s.doc.mention(id).unwrap();
        assert_eq!((m.entity.as_deref(), m.label.as_str(), m.origin), (Some("E2"), "LOC", Origin::Manual));
    }
    assert_eq!(s.doc.quote("Q1").unwrap().entity.as_deref(), Some("E2"));
    assert_eq!(s.selection, Some(Sel::Entity("E2".into())));
    assert_consistent(&s);
}

#[test]
fn split_makes_a_new_entity_and_takes_its_quotes() {
    let mut s = state();
    s.apply(Action::SplitMention { mention: "M1".into() });
    let m = s.doc.mention("M1").unwrap();
    assert_eq!((m.entity.as_deref(), m.origin), (Some("E3"), Origin::Manual));
    assert_eq!(s.doc.entity("E3").unwrap().name, "Ana Ruiz");
    assert_eq!(s.doc.quote("Q1").unwrap().entity.as_deref(), Some("E3"), "Q1's speaker span is M1");
    assert_eq!(s.doc.mention("M2").unwrap().entity.as_deref(), Some("E1"));
    assert_consistent(&s);
}

#[test]
fn rename_changes_only_the_name() {
    let mut s = state();
    s.apply(Action::Rename { entity: "E1".into(), name: "  Ana María Ruiz ".into() });
    assert_eq!(s.doc.entity("E1").unwrap().name, "Ana María Ruiz");
    assert_eq!(s.doc.mention("M1").unwrap().origin, Origin::Auto);
}

#[test]
fn undo_and_redo_walk_every_edit() {
    let mut s = state();
    let text = s.doc.text.clone();
    let (a, b) = cp(&text, "Officials");
    let edits = vec![
        Action::AddEntity { start: a, end: b, label: "ORG".into() },
        Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Partial },
        Action::SetLabel { mention: "M3".into(), label: "ORG".into() },
        Action::SetKind { quote: "Q1".into(), kind: QuoteKind::Indirect },
        Action::Adjust { target: Sel::Quote("Q2".into()), edge: Edge::End, step: Step::Shrink },
        Action::SetSpeaker { quote: "Q2".into(), entity: Some("E2".into()) },
        Action::SetSpeakerSpan { quote: "Q1".into(), start: a, end: b },
        Action::Merge { into: "E1".into(), from: "E2".into() },
        Action::SplitMention { mention: "M2".into() },
        Action::Rename { entity: "E1".into(), name: "Ana".into() },
        Action::Delete(Sel::Mention("M1".into())),
        Action::Delete(Sel::Quote("Q1".into())),
    ];
    let mut snapshots = vec![s.doc.clone()];
    for e in edits {
        s.apply(e.clone());
        assert!(err(&s).is_none(), "{e:?}: {:?}", s.notice);
        assert_ne!(Some(&s.doc), snapshots.last(), "{e:?} changed nothing");
        assert_consistent(&s);
        snapshots.push(s.doc.clone());
    }
    for want in snapshots.iter().rev().skip(1) {
        s.apply(Action::Undo);
        assert_eq!(&s.doc, want);
    }
    assert!(!s.can_undo());
    for want in snapshots.iter().skip(1) {
        s.apply(Action::Redo);
        assert_eq!(&s.doc, want);
    }
    assert!(!s.can_redo());
}

#[test]
fn a_new_edit_clears_redo_and_ids_are_never_reused() {
    let mut s = state();
    run(&mut s, vec![Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct }, Action::Undo]);
    assert!(s.can_redo());
    s.apply(Action::AddQuote { start: 0, end: 8, kind: QuoteKind::Direct });
    assert!(!s.can_redo());
    assert!(s.doc.quote("Q3").is_none() && s.doc.quote("Q4").is_some());
}

#[test]
fn undo_clears_a_selection_that_no_longer_exists() {
    let mut s = state();
    s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct });
    assert_eq!(s.selection, Some(Sel::Quote("Q3".into())));
    s.apply(Action::Undo);
    assert_eq!(s.selection, None);
}

#[test]
fn history_is_bounded() {
    let mut s = state();
    for i in 0..(HISTORY_LIMIT + 20) {
        s.apply(Action::Rename { entity: "E1".into(), name: format!("Name {i}") });
    }
    assert_eq!(s.past.len(), HISTORY_LIMIT);
}

#[test]
fn load_replaces_document_and_clears_history() {
    let mut s = state();
    s.apply(Action::Delete(Sel::Quote("Q1".into())));
    let f = Filters { entities: false, ..Filters::default() };
    s.apply(Action::SetFilters(f.clone()));
    s.apply(Action::Load { doc: Document::empty("Hello."), notice: None });
    assert_eq!(&*s.doc.text, "Hello.");
    assert!(!s.can_undo() && !s.can_redo());
    assert_eq!((s.next_quote, s.filters.clone()), (1, f));
}

#[test]
fn only_the_untouched_output_of_the_rules_awaits_the_models() {
    // (how it was loaded, edits made, awaits the models?)
    let check = |by: Option<AnnotatedBy>, edits: Vec<Action>, want: bool| {
        let mut s = State::default();
        match by {
            Some(by) => s.apply(Action::Annotated { doc: fixture(), notice: None, by }),
            None => s.apply(Action::Load { doc: fixture(), notice: None }),
        }
        let what = format!("{by:?} then {edits:?}");
        run(&mut s, edits);
        assert_eq!(s.awaits_models(), want, "{what}");
    };
    check(Some(AnnotatedBy::Rules), vec![], true);
    check(Some(AnnotatedBy::Rules), vec![Action::Select(Some(Sel::Quote("Q1".into())))], true);
    check(Some(AnnotatedBy::Rules), vec![Action::Delete(Sel::Quote("Q1".into()))], false);
    // Undoing every edit still leaves something to redo.
    check(Some(AnnotatedBy::Rules), vec![Action::Delete(Sel::Quote("Q1".into())), Action::Undo], false);
    check(Some(AnnotatedBy::Models), vec![], false);
    // A restored or opened file may hold corrections nobody can see.
    check(None, vec![], false);
    let mut s = State::default();
    s.apply(Action::Annotated { doc: Document::empty(""), notice: None, by: AnnotatedBy::Rules });
    assert!(!s.awaits_models(), "an empty document");
}

#[test]
fn reannotating_is_one_edit_that_undo_reverses() {
    let mut s = State::default();
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Rules });
    s.apply(Action::Delete(Sel::Quote("Q1".into())));
    s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Direct });
    let corrected = s.doc.clone();
    let mut fresh = fixture();
    fresh.quotes.truncate(1);
    let note = Some(Notice::Info("Annotated with the models.".into()));
    s.apply(Action::Reannotate { doc: fresh.clone(), notice: note.clone() });
    assert_eq!(s.doc.to_document(), fresh);
    assert_eq!((s.doc.by, s.notice.clone(), s.selection.clone()), (AnnotatedBy::Models, note, None));
    s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Partial });
    assert_eq!(s.doc.quotes.iter().filter(|q| q.id == "Q4").count(), 1, "new ids continue after both versions'");
    run(&mut s, vec![Action::Undo, Action::Undo]);
    assert_eq!(s.doc, corrected, "undo brings the corrections back");
    assert_eq!(s.doc.by, AnnotatedBy::Rules);
    s.apply(Action::Redo);
    assert_eq!(s.doc.to_document(), fresh);
    assert_consistent(&s);
}

#[test]
fn reannotating_another_text_is_refused() {
    let mut s = state();
    let before = s.doc.clone();
    s.apply(Action::Reannotate { doc: Document::empty("Other text."), notice: None });
    assert_eq!(s.doc, before);
    assert!(err(&s).is_some_and(|e| e.contains("text changed")));
    assert!(!s.can_undo());
}

#[test]
fn undo_with_nothing_to_undo_is_harmless() {
    let mut s = state();
    let before = s.doc.clone();
    run(&mut s, vec![Action::Undo, Action::Redo]);
    assert_eq!(s.doc, before);
}

#[test]
fn reducer_returns_a_new_state() {
    let s = Rc::new(state());
    let next = s.clone().reduce(Action::Select(Some(Sel::Quote("Q1".into()))));
    assert_eq!(next.selection, Some(Sel::Quote("Q1".into())));
    assert_eq!(s.selection, None);
    let stale = next.reduce(Action::Select(Some(Sel::Quote("Q9".into()))));
    assert_eq!(stale.selection, None, "selecting something absent selects nothing");
}
