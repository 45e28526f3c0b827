//! The Selection panel: everything that can be corrected on the selected
//! mention, quote or entity.

use saywho_core::format::LABELS;
use saywho_core::QuoteKind;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{entity_reach, reach_words, shorten, Action, Doc, Edge, Sel, Step};

pub const KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Partial];

pub fn kind_from(s: &str) -> QuoteKind {
    match s {
        "indirect" => QuoteKind::Indirect,
        "partial" => QuoteKind::Partial,
        _ => QuoteKind::Direct,
    }
}

/// The built-in labels followed by any custom ones in the document.
pub fn all_labels(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = LABELS.iter().map(|s| s.to_string()).collect();
    for e in doc.entities.iter() {
        if !out.contains(&e.label) {
            out.push(e.label.clone());
        }
    }
    for m in doc.mentions.iter() {
        if !out.contains(&m.label) {
            out.push(m.label.clone());
        }
    }
    out
}

pub const CUSTOM: &str = "__custom__";

fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

fn input_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct SelectionProps {
    pub doc: Doc,
    pub selection: Option<Sel>,
    pub on_action: Callback<Action>,
    /// Attribute the selected quote to the words selected in the text.
    pub on_speaker_from_text: Callback<String>,
}

#[component]
pub fn SelectionPanel(props: &SelectionProps) -> Html {
    let body = match &props.selection {
        None => html! { <p class="hint">{ "Click or press Enter on a highlight to correct it. Select words in the article to add an entity or a quote." }</p> },
        Some(Sel::Mention(id)) => html! { <MentionEditor key={id.clone()} doc={props.doc.clone()} id={id.clone()} on_action={props.on_action.clone()} /> },
        Some(Sel::Quote(id)) => html! {
            <QuoteEditor key={id.clone()} doc={props.doc.clone()} id={id.clone()} on_action={props.on_action.clone()}
                on_speaker_from_text={props.on_speaker_from_text.clone()} />
        },
        Some(Sel::Entity(id)) => html! { <EntityEditor key={id.clone()} doc={props.doc.clone()} id={id.clone()} on_action={props.on_action.clone()} mention={None::<String>} /> },
    };
    let close = {
        let a = props.on_action.clone();
        Callback::from(move |_| a.emit(Action::Select(None)))
    };
    html! {
        <section aria-label="Selection" class={classes!("panel", "selection", props.selection.is_some().then_some("open"))}>
            <div class="panel-head">
                <h2>{ "Selection" }</h2>
                if props.selection.is_some() {
                    <button class="quiet" onclick={close} title="Clear the selection (Esc)">{ "Clear selection" }</button>
                }
            </div>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    doc: Doc,
    id: String,
    on_action: Callback<Action>,
}

/// The four boundary buttons for a span.
fn boundary_buttons(target: Sel, on_action: &Callback<Action>) -> Html {
    let b = |name: &'static str, edge: Edge, step: Step, keys: &'static str| {
        let a = on_action.clone();
        let target = target.clone();
        let onclick = Callback::from(move |_| a.emit(Action::Adjust { target: target.clone(), edge, step }));
        html! { <button {onclick} title={keys}>{ name }</button> }
    };
    html! {
        <div class="row bounds" role="group" aria-label="Boundaries">
            { b("Extend start", Edge::Start, Step::Extend, "Take in the word before ( [ )") }
            { b("Shrink start", Edge::Start, Step::Shrink, "Drop the first word ( { )") }
            { b("Shrink end", Edge::End, Step::Shrink, "Drop the last word ( } )") }
            { b("Extend end", Edge::End, Step::Extend, "Take in the word after ( ] )") }
        </div>
    }
}

/// The review of a quote or an entity: "Checked" (key c), and the way to the next one.
fn review_row(sel: Sel, checked: bool, on_action: &Callback<Action>) -> Html {
    let a = on_action.clone();
    let target = sel.clone();
    let onchange = Callback::from(move |_: Event| a.emit(Action::ToggleChecked(target.clone())));
    let a = on_action.clone();
    let next = Callback::from(move |_: MouseEvent| a.emit(Action::NextUnchecked { back: false }));
    html! {
        <div class="row review">
            <label class="check" title="Mark as checked (c)"><input type="checkbox" aria-label="Checked" checked={checked} {onchange} />{ " Checked" }</label>
            if matches!(sel, Sel::Quote(_)) {
                <button class="quiet" onclick={next} title="The next quote not checked yet (n)">{ "Next unchecked" }</button>
            }
        </div>
    }
}

fn delete_button(sel: Sel, on_action: &Callback<Action>) -> Html {
    let a = on_action.clone();
    let described = matches!(sel, Sel::Entity(_)).then_some("entity-reach");
    let onclick = Callback::from(move |_| a.emit(Action::Delete(sel.clone())));
    html! { <button class="danger" {onclick} title="Delete (Del)" aria-describedby={described}>{ "Delete annotation" }</button> }
}

/// Whether two entity labels can name the same thing: the same label, or a MISC
/// guess with another name label (PERSON, ORG, LOC).
pub fn labels_compatible(a: &str, b: &str) -> bool {
    const NAMES: [&str; 4] = ["PERSON", "ORG", "LOC", "MISC"];
    a == b || (NAMES.contains(&a) && NAMES.contains(&b) && (a == "MISC" || b == "MISC"))
}

#[component]
fn MentionEditor(props: &EditorProps) -> Html {
    let custom = use_state(|| false);
    let Some(m) = props.doc.mention(&props.id).cloned() else { return html! {} };
    let labels = all_labels(&props.doc);
    let onchange = {
        let a = props.on_action.clone();
        let custom = custom.clone();
        let id = m.id.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if v == CUSTOM {
                custom.set(true);
            } else {
                custom.set(false);
                a.emit(Action::SetLabel { mention: id.clone(), label: v });
            }
        })
    };
    let on_custom = {
        let a = props.on_action.clone();
        let id = m.id.clone();
        Callback::from(move |e: Event| {
            let v = input_value(&e);
            if !v.trim().is_empty() {
                a.emit(Action::SetLabel { mention: id.clone(), label: v.trim().to_uppercase() });
            }
        })
    };
    let split = {
        let a = props.on_action.clone();
        let id = m.id.clone();
        Callback::from(move |_| a.emit(Action::SplitMention { mention: id.clone() }))
    };
    html! {
        <div class="editor" data-editing={m.id.clone()}>
            <p class="what"><span class="tag" data-label={m.label.clone()}>{ &m.label }</span>{" "}<span class="snippet">{ format!("“{}”", shorten(&m.text, 80)) }</span>
                <span class="muted">{ format!(" · {}", if m.origin == saywho_core::Origin::Manual { "corrected" } else { "automatic" }) }</span></p>
            <label class="field">{ "Label " }
                <select aria-label="Label" key={format!("{}-{}", m.id, m.label)} {onchange}>
                    { for labels.iter().map(|l| html! { <option value={l.clone()} selected={*l == m.label}>{ l }</option> }) }
                    <option value={CUSTOM} selected=false>{ "Custom…" }</option>
                </select>
            </label>
            if *custom {
                <label class="field">{ "Custom label " }<input aria-label="Custom label" placeholder="e.g. PRODUCT" onchange={on_custom} /></label>
            }
            { boundary_buttons(Sel::Mention(m.id.clone()), &props.on_action) }
            <div class="row">
                <button onclick={split} title="Make this mention its own entity">{ "Split mention off" }</button>
                { delete_button(Sel::Mention(m.id.clone()), &props.on_action) }
            </div>
            if let Some(eid) = m.entity.clone() {
                <EntityEditor doc={props.doc.clone()} id={eid} on_action={props.on_action.clone()} mention={Some(m.id.clone())} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EntityEditorProps {
    doc: Doc,
    id: String,
    on_action: Callback<Action>,
    /// Shown inside a mention's editor (then the entity cannot be deleted here).
    mention: Option<String>,
}

#[component]
fn EntityEditor(props: &EntityEditorProps) -> Html {
    let name_ref = use_node_ref();
    let merge_ref = use_node_ref();
    let current_name = props.doc.entity(&props.id).map(|e| e.name.clone()).unwrap_or_default();
    {
        // The input is uncontrolled while typing; it shows the name whenever the name changes.
        let name_ref = name_ref.clone();
        use_effect_with(current_name, move |n| {
            if let Some(i) = name_ref.cast::<web_sys::HtmlInputElement>() {
                i.set_value(n);
            }
        });
    }
    let Some(e) = props.doc.entity(&props.id).cloned() else { return html! {} };
    let count = props.doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(&e.id)).count();
    let quotes = props.doc.quotes.iter().filter(|q| q.entity.as_deref() == Some(&e.id)).count();
    let rename = {
        let a = props.on_action.clone();
        let name_ref = name_ref.clone();
        let id = e.id.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            if let Some(i) = name_ref.cast::<web_sys::HtmlInputElement>() {
                a.emit(Action::Rename { entity: id.clone(), name: i.value() });
            }
        })
    };
    let merge = {
        let a = props.on_action.clone();
        let merge_ref = merge_ref.clone();
        let id = e.id.clone();
        Callback::from(move |_| {
            let from = merge_ref.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            if from.is_empty() {
                a.emit(Action::Notify(Some(crate::state::Notice::Error("Choose the entity to merge with first.".into()))));
            } else {
                a.emit(Action::Merge { into: id.clone(), from });
            }
        })
    };
    // Only entities that can be the same thing: merging a person into a date is a slip.
    let others: Vec<_> =
        props.doc.entities.iter().filter(|x| x.id != e.id && labels_compatible(&x.label, &e.label)).cloned().collect();
    let mentions_of = |id: &str| props.doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(id)).count();
    let (reach_m, reach_q) = entity_reach(&props.doc, &e.id);
    let reach = format!("Deleting it: {}.", reach_words(reach_m, reach_q));
    html! {
        <div class="entity-editor" data-editing={props.mention.is_none().then(|| e.id.clone())}>
            <h3>{ "Entity " }<span class="muted">{ format!("“{}”", shorten(&e.name, 60)) }</span></h3>
            <p class="muted">{ format!("{} · {count} mention{} · {quotes} quote{}", e.label, if count == 1 { "" } else { "s" }, if quotes == 1 { "" } else { "s" }) }</p>
            <form class="row" onsubmit={rename}>
                <input aria-label="Entity name" ref={name_ref} />
                <button type="submit">{ "Rename" }</button>
            </form>
            <div class="row">
                <select aria-label="Merge with entity" ref={merge_ref} key={format!("{}-{}", e.id, others.len())} disabled={others.is_empty()}>
                    <option value="" selected=true>{ if others.is_empty() { "Nothing to merge with" } else { "Merge with…" } }</option>
                    { for others.iter().map(|x| {
                        let n = mentions_of(&x.id);
                        html! { <option value={x.id.clone()}>{ format!("{} ({}, {n} mention{})", x.name, x.label, if n == 1 { "" } else { "s" }) }</option> }
                    }) }
                </select>
                <button onclick={merge} disabled={others.is_empty()} title="Move the other entity's mentions and quotes into this one">{ "Merge" }</button>
            </div>
            { review_row(Sel::Entity(e.id.clone()), props.doc.is_checked(&e.id), &props.on_action) }
            if props.mention.is_none() {
                <p class="muted reach" id="entity-reach">{ reach }</p>
                <div class="row">{ delete_button(Sel::Entity(e.id.clone()), &props.on_action) }</div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct QuoteEditorProps {
    doc: Doc,
    id: String,
    on_action: Callback<Action>,
    on_speaker_from_text: Callback<String>,
}

#[component]
fn QuoteEditor(props: &QuoteEditorProps) -> Html {
    let Some(q) = props.doc.quote(&props.id).cloned() else { return html! {} };
    let on_kind = {
        let a = props.on_action.clone();
        let id = q.id.clone();
        Callback::from(move |e: Event| a.emit(Action::SetKind { quote: id.clone(), kind: kind_from(&select_value(&e)) }))
    };
    let on_speaker = {
        let a = props.on_action.clone();
        let id = q.id.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            a.emit(Action::SetSpeaker { quote: id.clone(), entity: (!v.is_empty()).then_some(v) });
        })
    };
    let from_text = {
        let cb = props.on_speaker_from_text.clone();
        let id = q.id.clone();
        Callback::from(move |_| cb.emit(id.clone()))
    };
    let on_note = {
        let a = props.on_action.clone();
        let id = q.id.clone();
        Callback::from(move |e: Event| a.emit(Action::SetNote { quote: id.clone(), note: input_value(&e) }))
    };
    let current = q.entity.clone().unwrap_or_default();
    let speaker_name = q
        .entity
        .as_deref()
        .and_then(|e| props.doc.entity(e))
        .map(|e| e.name.clone())
        .or(q.speaker.as_ref().map(|s| format!("“{}” (not a named entity)", s.text)))
        .unwrap_or_else(|| "no named speaker".into());
    // Who can speak: people, then organisations, then other names, each by name;
    // dates, sums and percentages only if the quote already points at one.
    let rank = |l: &str| match l {
        "PERSON" => 0,
        "ORG" => 1,
        "DATE" | "MONEY" | "PERCENT" => 3,
        _ => 2,
    };
    let mut entities: Vec<_> =
        props.doc.entities.iter().filter(|e| rank(&e.label) < 3 || e.id == current).cloned().collect();
    entities.sort_by(|a, b| (rank(&a.label), &a.name).cmp(&(rank(&b.label), &b.name)));
    html! {
        <div class="editor" data-editing={q.id.clone()}>
            <p class="what"><span class="tag quote-tag">{ q.kind.as_str() }</span>{" "}<span class="snippet">{ shorten(&q.text, 160) }</span>
                <span class="muted">{ format!(" · {}", if q.origin == saywho_core::Origin::Manual { "corrected" } else { "automatic" }) }</span></p>
            <dl class="facts">
                <dt>{ "Speaker" }</dt><dd>{ speaker_name }</dd>
                <dt>{ "Cue" }</dt><dd>{ q.cue.as_ref().map_or("none".to_string(), |c| format!("“{}”", c.text)) }</dd>
            </dl>
            <label class="field">{ "Kind " }
                <select aria-label="Kind" key={format!("{}-{}", q.id, q.kind.as_str())} onchange={on_kind}>
                    { for KINDS.iter().map(|k| html! { <option value={k.as_str()} selected={*k == q.kind}>{ k.as_str() }</option> }) }
                </select>
            </label>
            <label class="field">{ "Speaker " }
                <select aria-label="Speaker" key={format!("{}-{}", q.id, current)} onchange={on_speaker}>
                    <option value="" selected={q.entity.is_none()}>{ "No named speaker" }</option>
                    { for entities.iter().map(|e| html! {
                        <option value={e.id.clone()} selected={e.id == current}>{ format!("{} ({})", e.name, e.label) }</option>
                    }) }
                </select>
            </label>
            <div class="row">
                <button onclick={from_text} title="Select the speaker's words in the article first (s)">{ "Set speaker from selected text" }</button>
            </div>
            { review_row(Sel::Quote(q.id.clone()), props.doc.is_checked(&q.id), &props.on_action) }
            <label class="field note">{ "Note " }
                <input aria-label="Note" key={format!("note-{}", q.id)} value={props.doc.note(&q.id).to_string()} onchange={on_note}
                    placeholder="Fact-check status, source link…" />
            </label>
            { boundary_buttons(Sel::Quote(q.id.clone()), &props.on_action) }
            <div class="row">{ delete_button(Sel::Quote(q.id.clone()), &props.on_action) }</div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::labels_compatible;

    #[test]
    fn only_compatible_labels_merge() {
        // (a, b, compatible)
        let cases = [
            ("PERSON", "PERSON", true),
            ("PERSON", "MISC", true),
            ("MISC", "LOC", true),
            ("PERSON", "ORG", false),
            ("PERSON", "DATE", false),
            ("DATE", "MISC", false),
            ("MONEY", "MONEY", true),
            ("PRODUCT", "PRODUCT", true),
            ("PRODUCT", "MISC", false),
        ];
        for (a, b, want) in cases {
            assert_eq!((labels_compatible(a, b), labels_compatible(b, a)), (want, want), "{a} {b}");
        }
    }
}
