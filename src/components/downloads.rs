//! The download buttons beside "Download JSON": the quotes and the entities
//! as CSV (with the review's checked marks), and the W3C Web Annotation file.

use yew::prelude::*;

use crate::dom;
use crate::export::{entities_csv, file_name, quotes_csv};
use crate::state::{Action, Doc, Notice};

#[derive(Properties, PartialEq)]
pub struct DownloadProps {
    pub doc: Doc,
    pub on_action: Callback<Action>,
}

const NO_DOCUMENT: &str = "There is no document yet: paste or load an article first.";

/// Downloads `content` as `name`, saying so (or why not) in the status line.
fn save(a: &Callback<Action>, name: &str, mime: &str, content: &str) {
    a.emit(Action::Notify(Some(match dom::download(name, mime, content) {
        Ok(()) => Notice::Info(format!("Downloaded {name}.")),
        Err(e) => Notice::Error(format!("The download failed: {e}.")),
    })));
}

#[component]
pub fn Downloads(props: &DownloadProps) -> Html {
    let has_doc = !props.doc.is_empty();
    let csv = |ext: &'static str, make: fn(&saywho_core::Document, &dyn Fn(&str) -> bool) -> String| {
        let (a, doc) = (props.on_action.clone(), props.doc.clone());
        Callback::from(move |_: MouseEvent| {
            if doc.is_empty() {
                return a.emit(Action::Notify(Some(Notice::Error(NO_DOCUMENT.into()))));
            }
            save(&a, &file_name(&doc.text, ext), "text/csv;charset=utf-8", &make(&doc.to_document(), &|id| doc.checked.contains(id)));
        })
    };
    let on_w3c = {
        let (a, doc) = (props.on_action.clone(), props.doc.clone());
        Callback::from(move |_: MouseEvent| {
            if doc.is_empty() {
                return a.emit(Action::Notify(Some(Notice::Error(NO_DOCUMENT.into()))));
            }
            let json = saywho_core::export::w3c::to_w3c_json(&doc.to_document());
            save(&a, &file_name(&doc.text, "w3c.jsonld"), "application/ld+json", &json);
        })
    };
    html! {
        <>
            <button onclick={csv("csv", quotes_csv)} disabled={!has_doc} title="The quotes as a spreadsheet (UTF-8)" aria-label="Download CSV"><span class="wide">{ "Download " }</span>{ "CSV" }</button>
            <button onclick={csv("entities.csv", entities_csv)} disabled={!has_doc} title="The entities as a spreadsheet (UTF-8)" aria-label="Download entities CSV"><span class="wide">{ "Download " }</span>{ "entities CSV" }</button>
            <button onclick={on_w3c} disabled={!has_doc} aria-label="Download W3C annotations"
                title="W3C Web Annotations (JSON-LD), for Hypothesis, Recogito and other tools">
                <span class="wide">{ "Download " }</span>{ "W3C" }</button>
        </>
    }
}
