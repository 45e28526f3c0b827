//! The review flow: checked quotes and entities, notes, the next unchecked quote.

use super::tests::{err, fixture, run, state};
use super::*;

#[test]
fn checking_counts_progress_and_undo_takes_it_back() {
    let mut s = state();
    assert_eq!(s.doc.progress(), Progress { quotes: (0, 2), entities: (0, 2) });
    // (what is checked, quotes checked, entities checked)
    let cases = [(Sel::Quote("Q1".into()), (1, 0)), (Sel::Mention("M3".into()), (1, 1)), (Sel::Entity("E1".into()), (1, 2))];
    for (sel, (quotes, entities)) in cases {
        s.apply(Action::ToggleChecked(sel.clone()));
        let p = s.doc.progress();
        assert_eq!((p.quotes.0, p.entities.0), (quotes, entities), "{sel:?}");
    }
    assert_eq!(s.notice, Some(Notice::Info("Checked “Ana Ruiz” (1/2 quotes checked).".into())));
    assert!(s.doc.is_checked("E2"), "a mention checks its entity");
    s.apply(Action::ToggleChecked(Sel::Quote("Q1".into())));
    assert!(!s.doc.is_checked("Q1"));
    s.apply(Action::Undo);
    assert!(s.doc.is_checked("Q1"));
    assert_eq!(s.notice, Some(Notice::Info("Undone: unchecking the quote “We will build it.”.".into())));
    assert!(s.doc.corrected, "review work is asked about before it is replaced");
    assert_eq!(s.doc.to_document(), fixture(), "the export carries no review state");
}

#[test]
fn notes_are_kept_trimmed_and_an_empty_one_is_removed() {
    let mut s = state();
    s.apply(Action::SetNote { quote: "Q1".into(), note: "  verified: https://example.org/minutes ".into() });
    assert_eq!(s.doc.note("Q1"), "verified: https://example.org/minutes");
    let edits = s.past.len();
    s.apply(Action::SetNote { quote: "Q1".into(), note: "verified: https://example.org/minutes".into() });
    assert_eq!(s.past.len(), edits, "the same note again is no edit");
    s.apply(Action::SetNote { quote: "Q1".into(), note: " ".into() });
    assert!(s.doc.notes.is_empty());
    s.apply(Action::SetNote { quote: "Q9".into(), note: "x".into() });
    assert!(err(&s).is_some());
}

#[test]
fn next_unchecked_walks_the_quotes_in_text_order_and_round() {
    // (checked first, selection, back, selected after, notice)
    type Case<'a> = (Vec<&'a str>, Option<Sel>, bool, Option<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (vec![], None, false, Some("Q1"), "2 quotes left to check."),
        (vec![], None, true, Some("Q2"), "2 quotes left to check."),
        (vec![], Some(Sel::Quote("Q1".into())), false, Some("Q2"), "2 quotes left to check."),
        (vec![], Some(Sel::Quote("Q2".into())), false, Some("Q1"), "2 quotes left to check."),
        (vec!["Q2"], Some(Sel::Quote("Q1".into())), false, Some("Q1"), "1 quote left to check."),
        (vec![], Some(Sel::Mention("M3".into())), true, Some("Q1"), "2 quotes left to check."),
        (vec!["Q1", "Q2"], None, false, None, "Every quote is checked."),
    ];
    for (checked, sel, back, want, says) in cases {
        let mut s = state();
        run(&mut s, checked.iter().map(|q| Action::ToggleChecked(Sel::Quote(q.to_string()))).collect());
        s.apply(Action::Select(sel.clone()));
        let reveal = s.reveal;
        s.apply(Action::NextUnchecked { back });
        let got = match &s.selection {
            Some(Sel::Quote(id)) if want.is_some() => Some(id.as_str()),
            _ if want.is_none() => None,
            other => panic!("{checked:?} {sel:?}: selected {other:?}"),
        };
        assert_eq!((got, s.notice.clone()), (want, Some(Notice::Info(says.into()))), "{checked:?} {sel:?} back={back}");
        assert_eq!(s.reveal, reveal + usize::from(want.is_some()) as u64, "the next quote takes the focus");
    }
}

#[test]
fn a_saved_review_comes_back_only_on_its_own_text() {
    let mut s = state();
    run(&mut s, vec![Action::ToggleChecked(Sel::Quote("Q2".into())), Action::SetNote { quote: "Q1".into(), note: "ok".into() }]);
    let saved = s.doc.review().expect("a review to save");
    let mut fresh = State::new(fixture()).doc;
    assert!(fresh.restore_review(saved.clone()));
    assert_eq!((fresh.is_checked("Q2"), fresh.note("Q1")), (true, "ok"));
    let mut other = Doc::from_document(Document::empty("Another text."));
    assert!(!other.restore_review(saved), "a review of another text is not applied");
    assert!(State::new(fixture()).doc.review().is_none(), "nothing to save before any review");
}
