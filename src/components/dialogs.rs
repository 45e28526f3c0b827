//! In-page dialogs: the confirmation before discarding work, and the shortcut list.
//! Both are modal: Tab and Shift+Tab cycle inside, and when one closes, focus
//! goes back to the control that opened it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `dialog`: from the last control to the first, and back with Shift.
fn trap_tab(e: &KeyboardEvent, dialog: &NodeRef) {
    if e.key() != "Tab" {
        return;
    }
    let Some(dialog) = dialog.cast::<Element>() else { return };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else { return };
    let items: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = crate::dom::document().active_element();
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<Element>());
    let target = match (e.shift_key(), inside) {
        (true, _) if !inside || at(first) => last,
        (false, _) if !inside || at(last) => first,
        _ => return,
    };
    e.prevent_default();
    let _ = target.focus();
}

/// Focuses `initial` when the dialog opens; when it closes, gives focus back to
/// whatever had it before, unless something outside the dialog took it meanwhile.
#[hook]
fn use_modal_focus(dialog: NodeRef, initial: NodeRef) {
    use_effect_with((), move |_| {
        let opener = crate::dom::document().active_element();
        let element = dialog.cast::<Element>();
        if let Some(b) = initial.cast::<HtmlElement>() {
            let _ = b.focus();
        }
        move || {
            let active = crate::dom::document().active_element();
            let body = crate::dom::document().body().map(Element::from);
            let lost = match (&active, &element) {
                (None, _) => true,
                (Some(a), Some(d)) => d.contains(Some(a)) || Some(a) == body.as_ref(),
                (Some(a), None) => Some(a) == body.as_ref(),
            };
            if let (true, Some(o)) = (lost, opener.and_then(|o| o.dyn_into::<HtmlElement>().ok())) {
                if o.is_connected() {
                    let _ = o.focus();
                }
            }
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub title: AttrValue,
    pub message: AttrValue,
    pub confirm: AttrValue,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

/// A modal confirmation; focus starts on Cancel, Esc cancels.
#[component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let cancel_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    use_modal_focus(dialog_ref.clone(), cancel_ref.clone());
    let ok = props.on_confirm.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let c = props.on_cancel.clone();
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                c.emit(());
            }
            trap_tab(&e, &dialog_ref);
        })
    };
    html! {
        <div class="backdrop" {onkeydown}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text" ref={dialog_ref}>
                <h2 id="confirm-title">{ &props.title }</h2>
                <p id="confirm-text">{ &props.message }</p>
                <div class="row end">
                    <button ref={cancel_ref} onclick={cancel}>{ "Cancel" }</button>
                    <button class="danger" onclick={ok}>{ &props.confirm }</button>
                </div>
            </div>
        </div>
    }
}

/// The keyboard shortcuts, shown by "?".
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("?", "Show or hide this list"),
    ("Tab / Shift+Tab", "Move between annotations and controls"),
    ("← / →", "Move through every highlight, a quote's cue and speaker included"),
    ("Enter", "Select the focused highlight"),
    ("Esc", "Clear the selection, close a dialog"),
    ("Ctrl+Z", "Undo: corrections, typing in the text box, replacing the document"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("1 – 7", "Add the selected words as PERSON, ORG, LOC, MISC, DATE, MONEY, PERCENT; or relabel the selected mention"),
    ("q / i / p", "Add the selected words as a direct / indirect / partial quote; or change the selected quote's kind"),
    ("s", "Make the selected words the speaker of the selected quote"),
    ("Delete or Backspace", "Delete the selected annotation"),
    ("[ / ]", "Extend the selected annotation by a word at its start / end"),
    ("{ / }", "Shrink the selected annotation by a word at its start / end"),
    ("c", "Mark the selected quote or entity checked, or not"),
    ("n / Shift+N", "Go to the next / previous quote not checked yet"),
    ("Ctrl+S", "Download JSON"),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn Help(props: &HelpProps) -> Html {
    let close_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    use_modal_focus(dialog_ref.clone(), close_ref.clone());
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Esc is handled with the other shortcuts (it closes the list from anywhere).
    let onkeydown = {
        let dialog_ref = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| trap_tab(&e, &dialog_ref))
    };
    html! {
        <div class="backdrop" {onkeydown}>
            <div class="dialog wide" role="dialog" aria-modal="true" aria-labelledby="help-title" ref={dialog_ref}>
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table class="keys">
                    <tbody>
                    { for SHORTCUTS.iter().map(|(k, what)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr> }) }
                    </tbody>
                </table>
                <div class="row end"><button ref={close_ref} onclick={close}>{ "Close" }</button></div>
            </div>
        </div>
    }
}
