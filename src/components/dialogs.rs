//! In-page dialogs: the confirmation before discarding work, and the shortcut list.

use yew::prelude::*;

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
    {
        let r = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = r.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let ok = props.on_confirm.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let c = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                c.emit(());
            }
        })
    };
    html! {
        <div class="backdrop" {onkeydown}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-text">
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
    ("Tab / Shift+Tab", "Move between highlights and controls"),
    ("Enter", "Select the focused highlight"),
    ("Esc", "Clear the selection, close a dialog"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("1 – 7", "Add the selected words as PERSON, ORG, LOC, MISC, DATE, MONEY, PERCENT; or relabel the selected mention"),
    ("q / i / p", "Add the selected words as a direct / indirect / partial quote; or change the selected quote's kind"),
    ("s", "Make the selected words the speaker of the selected quote"),
    ("Delete or Backspace", "Delete the selected annotation"),
    ("[ / ]", "Extend the selected annotation by a word at its start / end"),
    ("{ / }", "Shrink the selected annotation by a word at its start / end"),
    ("Ctrl+S", "Download JSON"),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn Help(props: &HelpProps) -> Html {
    let close_ref = use_node_ref();
    {
        let r = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = r.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="backdrop">
            <div class="dialog wide" role="dialog" aria-modal="true" aria-labelledby="help-title">
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
