//! The one undo history (issue 15): the text box, the annotated view and the
//! export always show one document, whatever is undone or redone, typing included.

use super::tests::{assert_consistent, err, fixture, run, state};
use super::*;

/// What the user sees: the box, the view's text, whether the view is out of date.
fn seen(s: &State) -> (String, String, bool) {
    (s.box_text().to_string(), s.doc.text.to_string(), s.draft.is_some())
}

/// Whether `s` shows an id such as M7 or Q18.
pub(super) fn has_internal_id(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| w.len() > 1 && w.starts_with(['E', 'M', 'Q']) && w[1..].chars().all(|c| c.is_ascii_digit()))
}

fn info(s: &State) -> String {
    match &s.notice {
        Some(Notice::Info(m)) => m.clone(),
        other => panic!("expected an info notice, got {other:?}"),
    }
}

/// The sequence of the issue: paste into an empty page, correct twice, then
/// undo past the first annotation and redo everything.
#[test]
fn undo_past_the_first_annotation_takes_the_text_and_annotations_together() {
    let mut s = State::default();
    let text = fixture().text;
    s.apply(Action::Type(text.clone()));
    assert_eq!(seen(&s), (text.clone(), String::new(), true), "pasted, not annotated yet");
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Models });
    assert_eq!(seen(&s), (text.clone(), text.clone(), false));
    run(&mut s, vec![Action::Delete(Sel::Mention("M3".into())), Action::SetSpeaker { quote: "Q2".into(), entity: Some("E1".into()) }]);
    let mut shown = vec![s.doc.clone()];
    while s.can_undo() {
        s.apply(Action::Undo);
        assert_eq!(s.box_text(), &*s.doc.text, "after {} undos the box and the view differ", shown.len());
        assert_consistent(&s);
        shown.push(s.doc.clone());
    }
    assert_eq!(shown.len(), 4, "two corrections, the annotation, then nothing");
    assert!(s.doc.is_empty() && s.doc.mentions.is_empty(), "undoing the annotation empties both");
    s.apply(Action::Undo);
    assert_eq!(info(&s), "Nothing to undo.");
    for want in shown.iter().rev().skip(1) {
        s.apply(Action::Redo);
        assert_eq!((&s.doc, s.box_text()), (want, &*want.text));
    }
    assert!(!s.can_redo());
}

#[test]
fn typing_is_the_newest_step_undo_takes_back_and_redo_gives_back() {
    let mut s = State::default();
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Models });
    s.apply(Action::Delete(Sel::Quote("Q1".into())));
    let corrected = s.doc.clone();
    s.apply(Action::Type("Something else entirely.".into()));
    assert!(s.can_undo());
    s.apply(Action::Undo);
    assert_eq!((s.draft.clone(), &s.doc, info(&s).as_str()), (None, &corrected, "Undone: the typing in the text box."));
    assert!(s.can_redo());
    s.apply(Action::Redo);
    assert_eq!(s.box_text(), "Something else entirely.");
    // Undo the typing, then the delete; redo gives them back in the reverse order.
    run(&mut s, vec![Action::Undo, Action::Undo]);
    assert!(s.doc.quote("Q1").is_some() && s.draft.is_none());
    s.apply(Action::Redo);
    assert_eq!((&s.doc, s.draft.is_none()), (&corrected, true), "the delete comes back first");
    s.apply(Action::Redo);
    assert_eq!(s.box_text(), "Something else entirely.");
    // Typing back to the document's own text is no draft.
    s.apply(Action::Type(corrected.text.to_string()));
    assert!(s.draft.is_none());
}

#[test]
fn a_new_edit_or_new_typing_forgets_undone_typing() {
    // (what follows the undone typing, whether redo still gives the typing back)
    let check = |then: Option<Action>, redo_types: bool| {
        let mut s = state();
        run(&mut s, vec![Action::Type("Draft.".into()), Action::Undo]);
        if let Some(a) = then.clone() {
            s.apply(a);
        }
        s.apply(Action::Redo);
        assert_eq!(s.draft.as_deref() == Some("Draft."), redo_types, "{then:?}");
    };
    check(None, true);
    check(Some(Action::Select(Some(Sel::Quote("Q1".into())))), true);
    check(Some(Action::Delete(Sel::Quote("Q1".into()))), false);
    check(Some(Action::Type("Other.".into())), false);
}

#[test]
fn cancelling_the_new_text_restores_the_box() {
    let mut s = state();
    s.apply(Action::Type("Typed over.".into()));
    s.apply(Action::DiscardDraft);
    assert_eq!(seen(&s), (fixture().text, fixture().text, false));
    assert!(!s.can_undo());
}

#[test]
fn annotating_new_text_is_one_edit_and_undo_brings_the_old_text_back() {
    let mut s = State::default();
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Models });
    s.apply(Action::Rename { entity: "E2".into(), name: "Oslo, Norway".into() });
    let first = s.doc.clone();
    s.apply(Action::Type("Hello there, Bob.".into()));
    s.apply(Action::Annotated { doc: Document::empty("Hello there, Bob."), notice: None, by: AnnotatedBy::Models });
    assert_eq!((s.box_text(), s.selection.clone()), ("Hello there, Bob.", None));
    assert_eq!(s.words.len(), 5, "the word spans follow the new text");
    s.apply(Action::AddQuote { start: 0, end: 5, kind: QuoteKind::Partial });
    assert!(s.doc.quote("Q1").is_some(), "a new document numbers its own ids");
    run(&mut s, vec![Action::Undo, Action::Undo]);
    assert_eq!((&s.doc, s.box_text()), (&first, &*first.text));
    assert_eq!(info(&s), "Undone: the annotation of the new text.");
    // The old text's words are back: a boundary move uses them.
    s.apply(Action::Adjust { target: Sel::Mention("M3".into()), edge: Edge::Start, step: Step::Extend });
    assert_eq!(s.doc.mention("M3").unwrap().text, "left Oslo");
    // Ids taken in either document stay taken.
    s.apply(Action::AddQuote { start: 0, end: 3, kind: QuoteKind::Partial });
    assert!(s.doc.quote("Q3").is_some(), "{:?}", s.doc.quotes.iter().map(|q| &q.id).collect::<Vec<_>>());
    assert_consistent(&s);
}

#[test]
fn annotating_the_same_text_to_the_same_result_adds_no_history() {
    let mut s = State::default();
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Models });
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Models });
    assert_eq!(s.past.len(), 1);
}

#[test]
fn the_models_replace_an_untouched_rules_document_in_place() {
    let mut s = State::default();
    s.apply(Action::Annotated { doc: fixture(), notice: None, by: AnnotatedBy::Rules });
    assert!(s.awaits_models());
    let mut better = fixture();
    better.quotes.truncate(1);
    s.apply(Action::Annotated { doc: better.clone(), notice: None, by: AnnotatedBy::Models });
    assert_eq!((s.doc.to_document(), s.doc.by, s.past.len()), (better, AnnotatedBy::Models, 1));
    s.apply(Action::Undo);
    assert!(s.doc.is_empty(), "one undo goes back to before the paste");
}

#[test]
fn opening_a_file_or_a_new_document_is_undoable() {
    let mut s = state();
    s.apply(Action::Delete(Sel::Quote("Q2".into())));
    let corrected = s.doc.clone();
    assert!(corrected.corrected);
    s.apply(Action::Type("half-typed".into()));
    let opened = Document::empty("An opened file.");
    s.apply(Action::Open { doc: opened.clone(), notice: None, what: "the opening of notes.json".into() });
    assert_eq!((s.doc.to_document(), s.draft.clone(), s.doc.corrected), (opened, None, false));
    s.apply(Action::Open { doc: Document::empty(""), notice: None, what: "the new document".into() });
    s.apply(Action::Undo);
    assert_eq!((&*s.doc.text, info(&s).as_str()), ("An opened file.", "Undone: the new document."));
    s.apply(Action::Undo);
    assert_eq!(s.doc, corrected);
}

#[test]
fn undo_and_redo_say_what_they_changed_without_internal_ids() {
    // (edit, what the status line says after undoing it)
    let cases: Vec<(Action, &str)> = vec![
        (Action::Delete(Sel::Mention("M2".into())), "Undone: the deletion of “Ruiz”."),
        (Action::Delete(Sel::Quote("Q1".into())), "Undone: the deletion of the quote “We will build it.”."),
        (Action::SetSpeaker { quote: "Q2".into(), entity: Some("E1".into()) }, "Undone: the re-attribution of “it was late” (was no named speaker)."),
        (Action::SetLabel { mention: "M3".into(), label: "ORG".into() }, "Undone: the label ORG for “Oslo” (was LOC)."),
        (Action::SetKind { quote: "Q2".into(), kind: QuoteKind::Partial }, "Undone: the quote “it was late” made partial (was indirect)."),
        (Action::Merge { into: "E1".into(), from: "E2".into() }, "Undone: the merge of “Oslo” into “Ana Ruiz”."),
        (Action::SplitMention { mention: "M2".into() }, "Undone: the split of “Ruiz”."),
        (Action::Rename { entity: "E2".into(), name: "Oslo, Norway".into() }, "Undone: the renaming of “Oslo” to “Oslo, Norway”."),
        (Action::AddEntity { start: 0, end: 3, label: "PERSON".into() }, "Undone: the new PERSON “Ana”."),
    ];
    for (edit, want) in cases {
        let mut s = state();
        s.apply(edit.clone());
        let said = info(&s);
        assert!(!has_internal_id(&said), "{edit:?} said {said:?}");
        s.apply(Action::Undo);
        assert_eq!(info(&s), want, "{edit:?}");
        s.apply(Action::Redo);
        assert_eq!(info(&s), want.replacen("Undone", "Redone", 1), "{edit:?}");
    }
}

#[test]
fn deleting_an_entity_says_what_it_removes() {
    let mut s = state();
    s.apply(Action::Delete(Sel::Entity("E1".into())));
    assert_eq!(info(&s), "Deleted “Ana Ruiz”: 2 mentions removed; 1 quote loses its named speaker.");
    assert_eq!(reach_words(1, 0), "1 mention removed");
    assert_eq!(reach_words(3, 2), "3 mentions removed; 2 quotes lose their named speaker");
}

#[test]
fn after_a_delete_the_next_annotation_is_selected_and_focused() {
    // (deleted, selected after)
    let cases = [
        (Sel::Mention("M1".into()), Some(Sel::Mention("M2".into()))),
        (Sel::Mention("M3".into()), Some(Sel::Mention("M2".into()))),
        (Sel::Quote("Q1".into()), Some(Sel::Quote("Q2".into()))),
        (Sel::Quote("Q2".into()), Some(Sel::Quote("Q1".into()))),
        (Sel::Entity("E1".into()), Some(Sel::Mention("M3".into()))),
    ];
    for (deleted, want) in cases {
        let mut s = state();
        s.apply(Action::Select(Some(deleted.clone())));
        s.apply(Action::Delete(deleted.clone()));
        assert_eq!((s.selection.clone(), s.reveal), (want, 1), "{deleted:?}");
    }
    let mut s = state();
    run(&mut s, vec![Action::Delete(Sel::Quote("Q1".into())), Action::Delete(Sel::Quote("Q2".into()))]);
    assert_eq!(s.selection, None, "nothing left to select");
    let before = s.reveal;
    s.apply(Action::Delete(Sel::Quote("Q9".into())));
    assert!(err(&s).is_some() && s.reveal == before, "a refused delete moves nothing");
}

#[test]
fn a_crlf_text_shown_with_lf_in_the_box_is_no_draft() {
    let mut d = Document::empty("One.\r\nTwo.");
    d.text = "One.\r\nTwo.".into();
    let mut s = State::new(d);
    s.apply(Action::Type("One.\nTwo.".into()));
    assert!(s.draft.is_none(), "the box's own line breaks are no change");
    s.apply(Action::Type("One.\nTwo!".into()));
    assert!(s.draft.is_some());
}
