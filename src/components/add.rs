//! Adding annotations from words selected in the article.

use saywho_core::QuoteKind;
use yew::prelude::*;

use super::selection::{all_labels, kind_from, CUSTOM, KINDS};
use crate::state::{shorten, slice_cp, Doc};

#[derive(Properties, PartialEq)]
pub struct AddProps {
    pub doc: Doc,
    /// The words selected in the article (code points), if any.
    pub text_sel: Option<(usize, usize)>,
    pub on_add_entity: Callback<String>,
    pub on_add_quote: Callback<QuoteKind>,
}

#[component]
pub fn AddPanel(props: &AddProps) -> Html {
    let label_ref = use_node_ref();
    let custom_ref = use_node_ref();
    let kind_ref = use_node_ref();
    let custom = use_state(|| false);
    let labels = all_labels(&props.doc);
    let on_label = {
        let custom = custom.clone();
        let label_ref = label_ref.clone();
        Callback::from(move |_: Event| {
            let v = label_ref.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            custom.set(v == CUSTOM);
        })
    };
    let add_entity = {
        let cb = props.on_add_entity.clone();
        let (label_ref, custom_ref) = (label_ref.clone(), custom_ref.clone());
        Callback::from(move |_| {
            let mut v = label_ref.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            if v == CUSTOM {
                v = custom_ref.cast::<web_sys::HtmlInputElement>().map(|i| i.value().trim().to_uppercase()).unwrap_or_default();
            }
            cb.emit(v);
        })
    };
    let add_quote = {
        let cb = props.on_add_quote.clone();
        let kind_ref = kind_ref.clone();
        Callback::from(move |_| {
            let v = kind_ref.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            cb.emit(kind_from(&v));
        })
    };
    let selected = props.text_sel.map(|(a, b)| shorten(slice_cp(&props.doc.text, a, b), 60));
    let default = props.text_sel.map_or("PERSON", |(a, b)| default_label(slice_cp(&props.doc.text, a, b)));
    html! {
        <section aria-label="Add annotation" class="panel add">
            <h2>{ "Add" }</h2>
            <p class="muted sel-preview" aria-live="polite">
                { match &selected {
                    Some(t) => html! { <>{ "Selected: " }<span class="snippet">{ format!("“{t}”") }</span></> },
                    None => html! { "Select words in the article, then add them as an entity or a quote." },
                } }
            </p>
            <div class="row">
                <select aria-label="New entity label" ref={label_ref} onchange={on_label}>
                    { for labels.iter().map(|l| html! { <option value={l.clone()} selected={l == default}>{ l }</option> }) }
                    <option value={CUSTOM}>{ "Custom…" }</option>
                </select>
                if *custom {
                    <input aria-label="Custom label" ref={custom_ref} placeholder="e.g. PRODUCT" size="10" />
                }
                <button onclick={add_entity} disabled={props.text_sel.is_none()} title="Keys 1–7 pick a label and add">{ "Add entity" }</button>
            </div>
            <div class="row">
                <select aria-label="New quote kind" ref={kind_ref}>
                    { for KINDS.iter().enumerate().map(|(i, k)| html! { <option value={k.as_str()} selected={i == 0}>{ k.as_str() }</option> }) }
                </select>
                <button onclick={add_quote} disabled={props.text_sel.is_none()} title="Keys q, i, p add a direct, indirect, partial quote">{ "Add quote" }</button>
            </div>
        </section>
    }
}

/// The label offered first for the selected words: DATE for a year ("1998",
/// "the 1990s", "2024's"), else PERSON.
pub fn default_label(words: &str) -> &'static str {
    let w = words.trim().trim_start_matches("the ").trim_end_matches("'s").trim_end_matches('s');
    let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && matches!(&w[..2], "15" | "16" | "17" | "18" | "19" | "20");
    if year {
        "DATE"
    } else {
        "PERSON"
    }
}

#[cfg(test)]
mod tests {
    use super::default_label;

    #[test]
    fn a_selected_year_defaults_to_date() {
        let cases = [("1998", "DATE"), (" 2024 ", "DATE"), ("the 1990s", "DATE"), ("2024's", "DATE"), ("1234", "PERSON"), ("98", "PERSON"), ("Ana Ruiz", "PERSON"), ("20245", "PERSON")];
        for (words, want) in cases {
            assert_eq!(default_label(words), want, "{words:?}");
        }
    }
}
