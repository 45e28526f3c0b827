//! The reducer's part in the sources report: gender corrections and the focus
//! on one bar's quotes.

use super::tests::state;
use super::*;
use saywho_core::export::sources::{report, Group};
use saywho_core::GenderTag;

fn gender(s: &State, id: &str) -> Option<GenderTag> {
    s.doc.entity(id).and_then(|e| e.gender)
}

#[test]
fn gender_is_corrected_undone_and_redone() {
    let mut s = state();
    s.apply(Action::SetGender { entity: "E1".into(), gender: GenderValue::Female });
    assert_eq!(gender(&s, "E1"), Some(GenderTag { value: GenderValue::Female, origin: Origin::Manual }));
    assert!(s.doc.corrected);
    assert_eq!(s.notice, Some(Notice::Info("“Ana Ruiz” is now counted as female.".into())));
    // The report counts the correction, and the export carries it.
    let r = report(&s.doc.to_document());
    assert_eq!(r.bars(Group::Gender)[0].quotes, 1);
    assert!(s.doc.to_document().to_json().contains("\"value\": \"female\""));
    // "Unknown" is a correction too (kept as manual).
    s.apply(Action::SetGender { entity: "E1".into(), gender: GenderValue::Unknown });
    assert_eq!(gender(&s, "E1").map(|g| (g.value, g.origin)), Some((GenderValue::Unknown, Origin::Manual)));
    s.apply(Action::Undo);
    assert_eq!(s.notice, Some(Notice::Info("Undone: the gender of “Ana Ruiz” set to unknown (was female).".into())));
    assert_eq!(gender(&s, "E1").map(|g| g.value), Some(GenderValue::Female));
    s.apply(Action::Undo);
    assert_eq!(gender(&s, "E1"), None);
    s.apply(Action::Redo);
    assert_eq!(gender(&s, "E1").map(|g| g.value), Some(GenderValue::Female));
    // The same value again is no edit.
    let past = s.past.len();
    s.apply(Action::SetGender { entity: "E1".into(), gender: GenderValue::Female });
    assert_eq!(s.past.len(), past);
}

#[test]
fn only_an_existing_person_takes_a_gender() {
    let mut s = state();
    s.apply(Action::SetGender { entity: "E2".into(), gender: GenderValue::Male });
    assert_eq!(s.notice, Some(Notice::Error("Only a person has a gender here, and “Oslo” is LOC.".into())));
    s.apply(Action::SetGender { entity: "E9".into(), gender: GenderValue::Male });
    assert_eq!(s.notice, Some(Notice::Error(GONE_ENTITY.into())));
    assert!(s.past.is_empty() && !s.doc.corrected);
}

#[test]
fn merging_keeps_a_gender() {
    let mut s = state();
    s.apply(Action::SplitMention { mention: "M2".into() });
    let split = s.doc.mention("M2").and_then(|m| m.entity.clone()).unwrap();
    s.apply(Action::SetGender { entity: split.clone(), gender: GenderValue::Other });
    s.apply(Action::Merge { into: "E1".into(), from: split });
    assert_eq!(gender(&s, "E1").map(|g| g.value), Some(GenderValue::Other));
}

#[test]
fn focus_shows_one_bars_quotes_until_the_document_changes() {
    let mut s = state();
    let focus = Focus { label: "quotes by Officials".into(), quotes: ["Q2".to_string()].into() };
    s.apply(Action::Focus(Some(focus.clone())));
    assert_eq!(s.filters.focus, Some(focus));
    assert_eq!(s.notice, Some(Notice::Info("Showing only the quotes by Officials (1).".into())));
    // An edit keeps it; a new document drops it.
    s.apply(Action::SetGender { entity: "E1".into(), gender: GenderValue::Male });
    assert!(s.filters.focus.is_some());
    s.apply(Action::Focus(None));
    assert_eq!((s.filters.focus.clone(), s.notice.clone()), (None, Some(Notice::Info("Showing every annotation again.".into()))));
    s.apply(Action::Focus(Some(Focus { label: "x".into(), quotes: Default::default() })));
    s.apply(Action::Open { doc: Document::empty("Other text."), notice: None, what: "a new document".into() });
    assert_eq!(s.filters.focus, None);
}
