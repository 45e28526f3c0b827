//! The sources report panel: who is quoted, as small SVG bar charts with a
//! table behind each (the table is what assistive technology reads; the
//! chart is hidden from it), the list of sources with each person's gender
//! (correctable), and the CSV download. Clicking a bar, or its row's button,
//! highlights only that bar's quotes in the article.

use saywho_core::export::sources::{report, SourceKind};
use saywho_core::{Document, GenderValue};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dom;
use crate::export::file_name;
use crate::report::{charts, summary, BarView, Chart};
use crate::state::{shorten, Action, Doc, Focus, Notice};

#[derive(Properties, PartialEq)]
pub struct SourcesProps {
    pub doc: Doc,
    pub focus: Option<Focus>,
    pub on_action: Callback<Action>,
}

/// Chart geometry, in the SVG's own units (it scales to the panel's width).
const WIDTH: f64 = 320.0;
const LABEL_W: f64 = 124.0;
const BAR_MAX: f64 = 150.0;
const ROW_H: f64 = 22.0;

#[component]
pub fn SourcesReport(props: &SourcesProps) -> Html {
    // Recomputed only when the quotes or entities change (not on selection).
    let data = use_memo((props.doc.entities.clone(), props.doc.quotes.clone()), |(entities, quotes)| {
        let doc = Document { entities: (**entities).clone(), quotes: (**quotes).clone(), ..Document::empty("") };
        let r = report(&doc);
        (charts(&r), summary(&r), r)
    });
    let (charts, summary, rep) = &*data;
    let focus_cb = |f: &Focus| {
        let a = props.on_action.clone();
        let next = (props.focus.as_ref() != Some(f)).then(|| f.clone());
        Callback::from(move |_: MouseEvent| a.emit(Action::Focus(next.clone())))
    };
    let on_csv = {
        let a = props.on_action.clone();
        let text = props.doc.text.clone();
        let csv = rep.to_csv();
        Callback::from(move |_: MouseEvent| {
            let name = file_name(&text, "sources.csv");
            a.emit(Action::Notify(Some(match dom::download(&name, "text/csv;charset=utf-8", &csv) {
                Ok(()) => Notice::Info(format!("Downloaded {name}.")),
                Err(e) => Notice::Error(format!("The download failed: {e}.")),
            })));
        })
    };
    let all_sources = use_state(|| false);
    let on_all = {
        let all_sources = all_sources.clone();
        Callback::from(move |_: MouseEvent| all_sources.set(true))
    };
    let show_all = {
        let a = props.on_action.clone();
        Callback::from(move |_: MouseEvent| a.emit(Action::Focus(None)))
    };
    html! {
        <section aria-label="Sources report" class="panel sources" id="sources-report">
            <h2>{ "Sources" }<span class="count">{ rep.distinct_sources() }</span></h2>
            <p class="muted report-summary">{ summary.clone() }</p>
            <div class="row">
                <button onclick={on_csv} disabled={props.doc.is_empty()} aria-label="Download sources CSV"
                    title="One row per source, for a spreadsheet (UTF-8)">{ "Download sources CSV" }</button>
            </div>
            if let Some(f) = &props.focus {
                <p class="focus-note" role="status">
                    { format!("Showing only the {} ({}). ", f.label, f.quotes.len()) }
                    <button class="quiet" onclick={show_all}>{ "Show all" }</button>
                </p>
            }
            if rep.quotes > 0 {
                { for charts.iter().map(|c| chart(c, props.focus.as_ref(), &focus_cb)) }
                { sources_table(props, rep, *all_sources, on_all) }
            } else {
                <p class="muted">{ "No quotes yet." }</p>
            }
        </section>
    }
}

fn chart(c: &Chart, focus: Option<&Focus>, focus_cb: &dyn Fn(&Focus) -> Callback<MouseEvent>) -> Html {
    let height = ROW_H * c.bars.len().max(1) as f64;
    let caption_id = format!("sources-chart-{}", c.key);
    let bar = |(i, b): (usize, &BarView)| {
        let y = i as f64 * ROW_H;
        let w = (b.fraction * BAR_MAX).max(if b.value > 0 { 2.0 } else { 0.0 });
        let active = focus == Some(&b.focus);
        let label = shorten(&b.label, 20);
        html! {
            <g class={classes!("bar", active.then_some("active"), (b.quotes == 0).then_some("empty"))}
                data-label={b.label.clone()} onclick={focus_cb(&b.focus)}>
                <title>{ format!("{}: {} {} ({})", b.label, b.value, c.unit, b.share) }</title>
                <rect class="hit" x="0" y={y.to_string()} width={WIDTH.to_string()} height={ROW_H.to_string()} />
                <text class="bar-label" x="0" y={(y + 15.0).to_string()}>{ label }</text>
                <rect class="bar-fill" x={LABEL_W.to_string()} y={(y + 4.0).to_string()} width={format!("{w:.1}")} height="14" rx="2" />
                <text class="bar-value" x={format!("{:.1}", LABEL_W + w + 4.0)} y={(y + 15.0).to_string()}>{ format!("{} · {}", b.value, b.share) }</text>
            </g>
        }
    };
    html! {
        <figure class="chart" data-chart={c.key}>
            <figcaption id={caption_id.clone()}>{ c.title }</figcaption>
            <svg class="bars" viewBox={format!("0 0 {WIDTH} {height}")} width="100%" aria-hidden="true" focusable="false">
                { for c.bars.iter().enumerate().map(bar) }
            </svg>
            <table class="report-table" aria-labelledby={caption_id}>
                <thead><tr>
                    <th scope="col">{ if c.key == "sources" { "Source" } else { "Group" } }</th>
                    <th scope="col">{ if c.unit == "people" { "People" } else { "Quotes" } }</th>
                    <th scope="col">{ "Share" }</th>
                    if c.unit == "people" { <th scope="col">{ "Quotes" }</th> }
                    <th scope="col">{ "Words" }</th>
                    <th scope="col"><span class="visually-hidden">{ "Show in the article" }</span></th>
                </tr></thead>
                <tbody>
                { for c.bars.iter().map(|b| {
                    let active = focus == Some(&b.focus);
                    html! {
                        <tr class={classes!(active.then_some("active"))}>
                            <th scope="row">{ &b.label }</th>
                            <td>{ b.value }</td>
                            <td>{ &b.share }</td>
                            if c.unit == "people" { <td>{ b.quotes }</td> }
                            <td>{ b.words }</td>
                            <td><button class="quiet" aria-pressed={active.to_string()} disabled={b.quotes == 0}
                                aria-label={format!("Show the {}", b.focus.label)} onclick={focus_cb(&b.focus)}>{ "Show" }</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </figure>
    }
}

/// How many sources the table lists before "Show all" (a long article quotes
/// thousands; every row has a select, and the table re-renders after each edit).
pub const SHOWN_SOURCES: usize = 40;

/// The sources, most quoted first, with a gender select for each person.
fn sources_table(props: &SourcesProps, rep: &saywho_core::export::sources::Report, all: bool, on_all: Callback<MouseEvent>) -> Html {
    let shown = if all { rep.sources.len() } else { rep.sources.len().min(SHOWN_SOURCES) };
    html! {
        <>
        <table class="report-table sources-table" aria-label="Sources">
            <thead><tr>
                <th scope="col">{ "Source" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Gender" }</th>
                <th scope="col">{ "Quotes" }</th><th scope="col">{ "Words" }</th>
                <th scope="col" title="direct / indirect / partial">{ "D/I/P" }</th>
            </tr></thead>
            <tbody>
            { for rep.sources.iter().take(shown).map(|r| {
                let gender = match (&r.entity, r.gender) {
                    (Some(id), Some(g)) if r.kind == SourceKind::Person => gender_select(props, id, &r.name, g, r.gender_origin),
                    _ => html! { { "—" } },
                };
                html! {
                    <tr>
                        <th scope="row">{ if r.kind == SourceKind::None { "(no source)".to_string() } else { r.name.clone() } }</th>
                        <td>{ r.kind.as_str() }</td>
                        <td>{ gender }</td>
                        <td>{ r.quotes }</td>
                        <td>{ r.words }</td>
                        <td>{ format!("{}/{}/{}", r.direct, r.indirect, r.partial) }</td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        if shown < rep.sources.len() {
            <button class="quiet" onclick={on_all}>{ format!("Show all {} sources", rep.sources.len()) }</button>
        }
        </>
    }
}

fn gender_select(props: &SourcesProps, id: &str, name: &str, g: GenderValue, origin: Option<saywho_core::Origin>) -> Html {
    let a = props.on_action.clone();
    let entity = id.to_string();
    let onchange = Callback::from(move |e: Event| {
        let v = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default();
        if let Some(gender) = GenderValue::parse(&v) {
            a.emit(Action::SetGender { entity: entity.clone(), gender });
        }
    });
    let how = match origin {
        Some(saywho_core::Origin::Manual) => "set by you",
        Some(saywho_core::Origin::Auto) => "inferred from the name or a pronoun",
        None => "not known",
    };
    html! {
        <select aria-label={format!("Gender of {name}")} title={how} {onchange} data-origin={how}>
            { for GenderValue::ALL.iter().map(|v| html! {
                <option value={v.as_str()} selected={*v == g}>{ v.as_str() }</option>
            }) }
        </select>
    }
}

/// The status line after opening a file: W3C annotations of other kinds are named, not silently lost.
pub fn opened_notice(name: &str, skipped: usize) -> String {
    match skipped {
        0 => format!("Opened {name}."),
        1 => format!("Opened {name}; 1 annotation of another kind (not a mention or a quote) was left out."),
        n => format!("Opened {name}; {n} annotations of other kinds (not mentions or quotes) were left out."),
    }
}
