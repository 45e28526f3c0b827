//! The window-wide keyboard shortcuts (see `dialogs::SHORTCUTS`) and the hint
//! for text typed in the box. No app shortcut leaves the browser's own action
//! running: the listener is registered non-passive and prevents it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use saywho_core::QuoteKind;
use yew::prelude::*;

use crate::dom;
use crate::state::{Action, Edge, Sel, State, Step};

/// What the hint under the text box says while it holds text not annotated yet.
pub fn stale_hint(corrected: bool, empty: bool) -> &'static str {
    match (empty, corrected) {
        (true, _) => "The text is annotated when you paste it or pause typing.",
        (false, false) => "The annotations below are for the previous text: the new text is annotated when you pause typing.",
        (false, true) => "The annotations below are for the previous text. It is not annotated by itself, as that would replace your corrections: press Annotate (Undo brings them back), or Undo to put the annotated text back.",
    }
}

/// The keyboard shortcuts. Keys typed into fields are left alone.
#[allow(clippy::too_many_arguments)]
pub fn on_key(
    e: &web_sys::KeyboardEvent,
    state: &UseReducerHandle<State>,
    act: &Callback<Action>,
    help: &UseStateHandle<bool>,
    dialog_open: &Rc<RefCell<Cell<bool>>>,
    download: &Callback<MouseEvent>,
    add_entity: &Callback<String>,
    add_quote: &Callback<QuoteKind>,
    speaker_from_text: &Callback<String>,
) {
    let key = e.key();
    let ctrl = e.ctrl_key() || e.meta_key();
    if key == "Escape" {
        if **help {
            help.set(false);
        } else if state.selection.is_some() {
            act.emit(Action::Select(None));
        }
        return;
    }
    let k = key.to_lowercase();
    if ctrl && !e.alt_key() {
        let dialog = dialog_open.borrow().get();
        // Ctrl+S is the app's download wherever the focus is, never the browser's Save page.
        if k == "s" {
            e.prevent_default();
            if !dialog {
                if let Ok(click) = MouseEvent::new("click") {
                    download.emit(click);
                }
            }
            return;
        }
        let action = match k.as_str() {
            "z" if e.shift_key() => Some(Action::Redo),
            "z" => Some(Action::Undo),
            "y" => Some(Action::Redo),
            _ => None,
        };
        // One history: in the article box too, undo is the app's (typing included).
        // Other fields (a name being typed) keep their own undo of what is typed there.
        let own_field = dom::typing_in_field() && dom::focused_id().as_deref() != Some(dom::ARTICLE_TEXT);
        if let (Some(a), false, false) = (action, own_field, dialog) {
            e.prevent_default();
            act.emit(a);
        }
        return;
    }
    if dialog_open.borrow().get() || dom::typing_in_field() {
        return;
    }
    if e.alt_key() {
        return;
    }
    let words = dom::selection_in_doc().is_some();
    let sel = state.selection.clone();
    let labels = saywho_core::format::LABELS;
    let adjust = |edge, step| {
        if let Some(target @ (Sel::Mention(_) | Sel::Quote(_))) = sel.clone() {
            act.emit(Action::Adjust { target, edge, step });
        }
    };
    match key.as_str() {
        "?" => help.set(!**help),
        "1" | "2" | "3" | "4" | "5" | "6" | "7" => {
            let label = labels[key.parse::<usize>().unwrap_or(1) - 1].to_string();
            if words {
                add_entity.emit(label);
            } else if let Some(Sel::Mention(id)) = sel {
                act.emit(Action::SetLabel { mention: id, label });
            }
        }
        "q" | "i" | "p" => {
            let kind = match key.as_str() {
                "q" => QuoteKind::Direct,
                "i" => QuoteKind::Indirect,
                _ => QuoteKind::Partial,
            };
            if words {
                add_quote.emit(kind);
            } else if let Some(Sel::Quote(id)) = sel {
                act.emit(Action::SetKind { quote: id, kind });
            }
        }
        "s" => {
            if let (true, Some(Sel::Quote(id))) = (words, sel) {
                speaker_from_text.emit(id);
            }
        }
        "c" => {
            if let Some(s) = sel {
                act.emit(Action::ToggleChecked(s));
            }
        }
        "n" => act.emit(Action::NextUnchecked { back: false }),
        "N" => act.emit(Action::NextUnchecked { back: true }),
        "Delete" | "Backspace" => {
            if let Some(s) = sel {
                e.prevent_default();
                act.emit(Action::Delete(s));
            }
        }
        "[" => adjust(Edge::Start, Step::Extend),
        "]" => adjust(Edge::End, Step::Extend),
        "{" => adjust(Edge::Start, Step::Shrink),
        "}" => adjust(Edge::End, Step::Shrink),
        _ => {}
    }
}
