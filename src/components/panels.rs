//! Side panels: who said what, the entities by label, and the filters.

use std::collections::BTreeMap;

use yew::prelude::*;

use super::selection::KINDS;
use crate::state::{shorten, Action, Doc, Filters, Sel};
use crate::view::speaker_tints;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub doc: Doc,
    pub selection: Option<Sel>,
    /// Select and scroll to an annotation.
    pub on_reveal: Callback<Sel>,
}

/// One speaker's group in "Who said what".
struct Speaker {
    key: String,
    name: String,
    entity: Option<String>,
    /// Indices into the document's quotes (text is cut only for the ones shown),
    /// each with the partial quotations inside it (listed under it, not twice).
    quotes: Vec<(usize, Vec<usize>)>,
}

/// How many quotes a speaker shows, and entities a label shows, before "Show all".
const SHOWN_QUOTES: usize = 8;
const SHOWN_ENTITIES: usize = 30;

#[component]
pub fn WhoSaid(props: &PanelProps) -> Html {
    let expanded = use_state(std::collections::HashSet::<String>::new);
    let tints = speaker_tints(&props.doc);
    // Grouped once per change of the quotes or entities, not on every selection
    // (a long article has thousands of quotes).
    let groups = use_memo((props.doc.quotes.clone(), props.doc.entities.clone()), |(quotes, entities)| speaker_groups(quotes, entities));
    let progress = props.doc.progress();
    html! {
        <section aria-label="Who said what" class="panel who">
            <h2>{ "Who said what" }<span class="count">{ props.doc.quotes.len() }</span></h2>
            if !props.doc.quotes.is_empty() {
                <p class="progress" aria-label="Review progress">
                    <progress max={progress.quotes.1.to_string()} value={progress.quotes.0.to_string()} aria-hidden="true"></progress>
                    { format!(" {}/{} quotes checked · {}/{} entities", progress.quotes.0, progress.quotes.1, progress.entities.0, progress.entities.1) }
                </p>
            }
            if groups.is_empty() {
                <p class="muted">{ "No quotes yet." }</p>
            }
            <ul class="speakers">
            { for groups.iter().map(|g| {
                let tint = g.entity.as_ref().and_then(|e| tints.get(e)).map_or("tint-none".to_string(), |t| format!("tint-{t}"));
                let head = match &g.entity {
                    Some(e) => {
                        let reveal = props.on_reveal.clone();
                        let sel = Sel::Entity(e.clone());
                        let active = props.selection == Some(sel.clone());
                        let onclick = Callback::from(move |_| reveal.emit(sel.clone()));
                        html! { <button class={classes!("speaker-name", active.then_some("active"))} aria-pressed={active.to_string()} {onclick}>{ &g.name }</button> }
                    }
                    None => html! { <span class="speaker-name plain">{ &g.name }</span> },
                };
                html! {
                    <li class={classes!("speaker", tint)}>
                        <div class="speaker-head"><span class="swatch" aria-hidden="true"></span>{ head }
                            <span class="count" aria-label={format!("{} quotes", g.quotes.len())}>{ g.quotes.len() }</span></div>
                        <ul class="quotes">
                        { for g.quotes.iter().take(if expanded.contains(&g.key) { usize::MAX } else { SHOWN_QUOTES }).map(|(qi, nested)| html! {
                            <li>{ quote_link(props, *qi, false) }
                                if !nested.is_empty() {
                                    <ul class="quotes nested">{ for nested.iter().map(|&ni| html! { <li>{ quote_link(props, ni, true) }</li> }) }</ul>
                                }
                            </li>
                        }) }
                        </ul>
                        if g.quotes.len() > SHOWN_QUOTES {
                            { more_button(&expanded, &g.key, g.quotes.len(), "quotes") }
                        }
                    </li>
                }
            }) }
            </ul>
        </section>
    }
}

/// (label order, label) -> [(entity id, name, mention count)], most mentioned first.
type EntityGroups = BTreeMap<(usize, String), Vec<(String, String, usize)>>;

fn entity_groups(mentions: &[saywho_core::Mention], entities: &[saywho_core::Entity]) -> EntityGroups {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in mentions {
        if let Some(e) = &m.entity {
            *counts.entry(e.as_str()).or_default() += 1;
        }
    }
    let mut by_label: EntityGroups = BTreeMap::new();
    for e in entities {
        let order = saywho_core::format::LABELS.iter().position(|l| *l == e.label).unwrap_or(99);
        let n = counts.get(e.id.as_str()).copied().unwrap_or(0);
        by_label.entry((order, e.label.clone())).or_default().push((e.id.clone(), e.name.clone(), n));
    }
    for list in by_label.values_mut() {
        list.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
    }
    by_label
}

/// The quotes by speaker, most quoted first (ties in order of first appearance).
fn speaker_groups(quotes: &[saywho_core::Quote], entities: &[saywho_core::Entity]) -> Vec<Speaker> {
    let names: std::collections::HashMap<&str, &str> = entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut groups: Vec<Speaker> = Vec::new();
    let inside = crate::export::containers(quotes);
    for (qi, q) in quotes.iter().enumerate() {
        if inside[qi].is_some() {
            continue;
        }
        let (key, name) = match (&q.entity, &q.speaker) {
            (Some(e), _) => (e.clone(), names.get(e.as_str()).map_or(e.clone(), |n| n.to_string())),
            (None, Some(s)) => (format!("span:{}", s.text.to_lowercase()), format!("{} (unnamed)", s.text)),
            (None, None) => ("none".into(), "No named speaker".into()),
        };
        let i = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Speaker { key, name, entity: q.entity.clone(), quotes: Vec::new() });
            groups.len() - 1
        });
        let nested = (0..quotes.len()).filter(|&k| inside[k] == Some(qi)).collect();
        groups[i].quotes.push((qi, nested));
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.quotes.len()));
    groups
}

/// The button that selects quote `qi` (`inside`: a partial quotation listed
/// under the quote that holds it).
fn quote_link(props: &PanelProps, qi: usize, inside: bool) -> Html {
    let q = &props.doc.quotes[qi];
    let (id, text, kind) = (&q.id, shorten(q.text.trim(), 90), q.kind.as_str());
    let reveal = props.on_reveal.clone();
    let sel = Sel::Quote(id.clone());
    let active = props.selection == Some(sel.clone());
    let onclick = Callback::from(move |_| reveal.emit(sel.clone()));
    let checked = props.doc.is_checked(id);
    let what = if inside { format!("{kind} quote inside the one above") } else { format!("{kind} quote") };
    html! {
        <button class={classes!("quote-link", active.then_some("active"), checked.then_some("checked"))} {onclick}
            aria-label={format!("{what}{}: {text}", if checked { ", checked" } else { "" })}>
            <span class="kind-tag">{ kind }</span>{ text.clone() }</button>
    }
}

/// "Show all N …" / "Show fewer" for one group of a panel.
fn more_button(expanded: &UseStateHandle<std::collections::HashSet<String>>, key: &str, n: usize, what: &str) -> Html {
    let open = expanded.contains(key);
    let onclick = {
        let expanded = expanded.clone();
        let key = key.to_string();
        Callback::from(move |_: MouseEvent| {
            let mut set = (*expanded).clone();
            if !set.remove(&key) {
                set.insert(key.clone());
            }
            expanded.set(set);
        })
    };
    html! {
        <button class="quiet more" aria-expanded={open.to_string()} {onclick}>
            { if open { "Show fewer".to_string() } else { format!("Show all {n} {what}") } }
        </button>
    }
}

#[component]
pub fn Entities(props: &PanelProps) -> Html {
    let expanded = use_state(std::collections::HashSet::<String>::new);
    // Counted and sorted once per change of the mentions or entities, not on every selection.
    let by_label = use_memo((props.doc.mentions.clone(), props.doc.entities.clone()), |(mentions, entities)| entity_groups(mentions, entities));
    html! {
        <section aria-label="Entities" class="panel entities">
            <h2>{ "Entities" }<span class="count">{ props.doc.entities.len() }</span></h2>
            if by_label.is_empty() {
                <p class="muted">{ "No entities yet." }</p>
            }
            { for by_label.iter().map(|((_, label), list)| {
                html! {
                    <div class="label-group">
                        <h3><span class="tag" data-label={label.clone()}>{ label }</span><span class="count">{ list.len() }</span></h3>
                        <ul class="entity-list">
                        { for list.iter().take(if expanded.contains(label) { usize::MAX } else { SHOWN_ENTITIES }).map(|(id, name, n)| {
                            let reveal = props.on_reveal.clone();
                            let sel = Sel::Entity(id.to_string());
                            let active = props.selection == Some(sel.clone());
                            let onclick = Callback::from(move |_| reveal.emit(sel.clone()));
                            html! {
                                <li><button class={classes!("entity-link", active.then_some("active"))} aria-pressed={active.to_string()} {onclick}
                                    aria-label={format!("{label} {name}, {n} mention{}", if *n == 1 { "" } else { "s" })}>
                                    <span>{ name.clone() }</span><span class="count">{ *n }</span></button></li>
                            }
                        }) }
                        </ul>
                        if list.len() > SHOWN_ENTITIES {
                            { more_button(&expanded, label, list.len(), "entities") }
                        }
                    </div>
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FilterProps {
    pub doc: Doc,
    pub filters: Filters,
    pub on_action: Callback<Action>,
}

#[component]
pub fn FilterPanel(props: &FilterProps) -> Html {
    let f = &props.filters;
    let toggle = |change: Box<dyn Fn(&mut Filters)>| {
        let a = props.on_action.clone();
        let f = f.clone();
        Callback::from(move |_: Event| {
            let mut f = f.clone();
            change(&mut f);
            a.emit(Action::SetFilters(f));
        })
    };
    let mut labels: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for m in props.doc.mentions.iter() {
        let order = saywho_core::format::LABELS.iter().position(|l| *l == m.label).unwrap_or(99);
        *labels.entry((order, m.label.clone())).or_default() += 1;
    }
    html! {
        <section aria-label="Filters" class="panel filters">
            <h2>{ "Show" }</h2>
            <fieldset>
                <legend>{ "Layers" }</legend>
                <label><input type="checkbox" checked={f.entities} onchange={toggle(Box::new(|f| f.entities = !f.entities))} />{ " Entities" }</label>
                <label><input type="checkbox" checked={f.quotes} onchange={toggle(Box::new(|f| f.quotes = !f.quotes))} />{ " Quotes" }</label>
            </fieldset>
            if !labels.is_empty() {
                <fieldset>
                    <legend>{ "Labels" }</legend>
                    { for labels.iter().map(|((_, l), n)| {
                        let lab = l.clone();
                        let on = !f.hidden_labels.contains(l);
                        html! {
                            <label><input type="checkbox" checked={on} disabled={!f.entities}
                                onchange={toggle(Box::new(move |f| if !f.hidden_labels.remove(&lab) { f.hidden_labels.insert(lab.clone()); }))} />
                                { " " }<span class="tag" data-label={l.clone()}>{ l }</span><span class="muted">{ format!(" {n}") }</span></label>
                        }
                    }) }
                </fieldset>
            }
            <fieldset>
                <legend>{ "Quote kinds" }</legend>
                { for KINDS.iter().map(|k| {
                    let k = *k;
                    let on = !f.hidden_kinds.contains(&k);
                    html! {
                        <label><input type="checkbox" checked={on} disabled={!f.quotes}
                            onchange={toggle(Box::new(move |f| if !f.hidden_kinds.remove(&k) { f.hidden_kinds.insert(k); }))} />
                            { format!(" {}", k.as_str()) }</label>
                    }
                }) }
            </fieldset>
        </section>
    }
}
