//! The autosaved session in the browser's local storage: the document (the
//! export format, so an old session still opens) and, beside it, its review
//! (checked marks and notes), which the export format has no field for.

use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use saywho_core::Document;

use crate::dom::{REVIEW_KEY, SESSION_KEY};
use crate::state::{Action, Doc, Notice, SavedReview, State};

/// Stores the document and its review (an empty document clears both).
pub fn save(doc: &Doc) -> Result<(), StorageError> {
    if doc.is_empty() {
        LocalStorage::delete(SESSION_KEY);
        LocalStorage::delete(REVIEW_KEY);
        return Ok(());
    }
    LocalStorage::set(SESSION_KEY, doc.to_document())?;
    match doc.review() {
        Some(r) => LocalStorage::set(REVIEW_KEY, r),
        None => {
            LocalStorage::delete(REVIEW_KEY);
            Ok(())
        }
    }
}

/// Restores the saved session into `s`, if there is one.
pub fn restore(s: &mut State) {
    match LocalStorage::get::<Document>(SESSION_KEY) {
        Ok(doc) if !doc.text.is_empty() => {
            s.apply(Action::Load { doc, notice: Some(Notice::Info("Restored your last session.".into())) });
            if let Ok(review) = LocalStorage::get::<SavedReview>(REVIEW_KEY) {
                s.doc.restore_review(review);
            }
        }
        Ok(_) | Err(StorageError::KeyNotFound(_)) => {}
        Err(_) => s.notice = Some(Notice::Error("The saved session could not be read, so it was not restored.".into())),
    }
}
