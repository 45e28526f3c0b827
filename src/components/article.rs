//! The annotated article: one component per paragraph, each re-rendered only
//! when its own text or marks change. Text goes in as text nodes only.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Sel;
use crate::view::{build_tree, Emphasis, Mark, MarkKind, Node, Para};

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub paras: Rc<Vec<Para>>,
    pub marks: Rc<Vec<Rc<Vec<Mark>>>>,
    /// A highlight was clicked or activated with Enter.
    pub on_pick: Callback<Sel>,
    /// The pointer or focus is on a highlight (its details), or left it.
    pub on_hover: Callback<Option<AttrValue>>,
    /// The text box holds other text: these annotations are out of date.
    #[prop_or_default]
    pub stale: bool,
}

/// The highlight element an event happened in.
fn highlight_of(e: &Event) -> Option<web_sys::Element> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    target.closest("[data-kind]").ok()?
}

fn sel_of(el: &web_sys::Element) -> Option<Sel> {
    let id = el.get_attribute("data-id")?;
    Some(match el.get_attribute("data-kind")?.as_str() {
        "entity" => Sel::Mention(id),
        _ => Sel::Quote(id),
    })
}

/// Focuses the highlight `step` places after (or before) `from` in `#doc`.
fn focus_next_highlight(from: &web_sys::Element, step: i32) -> bool {
    let Some(Ok(all)) = crate::dom::document().get_element_by_id("doc").map(|d| d.query_selector_all("[data-kind]")) else { return false };
    let items: Vec<web_sys::HtmlElement> = (0..all.length()).filter_map(|i| all.item(i)?.dyn_into().ok()).collect();
    let Some(at) = items.iter().position(|h| h.unchecked_ref::<web_sys::Element>() == from) else { return false };
    let next = at as i64 + step as i64;
    match usize::try_from(next).ok().and_then(|i| items.get(i)) {
        Some(h) => h.focus().is_ok(),
        None => false,
    }
}

#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let onclick = {
        let pick = props.on_pick.clone();
        Callback::from(move |e: MouseEvent| {
            // A drag that selected text is for adding, not for picking.
            let dragging = crate::dom::window().get_selection().ok().flatten().is_some_and(|s| !s.is_collapsed());
            if dragging {
                return;
            }
            if let Some(sel) = highlight_of(&e).as_ref().and_then(sel_of) {
                pick.emit(sel);
            }
        })
    };
    let onkeydown = {
        let pick = props.on_pick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(sel) = highlight_of(&e).as_ref().and_then(sel_of) {
                    e.prevent_default();
                    pick.emit(sel);
                }
            }
            // Tab goes from annotation to annotation; the arrow keys step through
            // every highlight, the parts of a quote (its cue, its speaker) included.
            let step = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => 1,
                "ArrowLeft" | "ArrowUp" => -1,
                _ => 0,
            };
            if step != 0 && !e.alt_key() && !e.ctrl_key() && !e.meta_key() && !e.shift_key() {
                if let Some(el) = highlight_of(&e) {
                    if focus_next_highlight(&el, step) {
                        e.prevent_default();
                    }
                }
            }
        })
    };
    let tip = {
        let hover = props.on_hover.clone();
        move |e: Event| hover.emit(highlight_of(&e).and_then(|el| el.get_attribute("title")).map(AttrValue::from))
    };
    let onmouseover = {
        let tip = tip.clone();
        Callback::from(move |e: MouseEvent| tip(e.into()))
    };
    let onfocusin = Callback::from(move |e: FocusEvent| tip(e.into()));
    let empty = props.paras.is_empty();
    html! {
        <article id="doc" aria-label="Annotated article" tabindex="-1" class={classes!("doc", empty.then_some("empty"), props.stale.then_some("stale"))}
            data-stale={props.stale.then_some("true")} aria-describedby={props.stale.then_some("stale-hint")}
            {onclick} {onkeydown} {onmouseover} {onfocusin}>
            if empty {
                <p class="placeholder">{ "Paste an article into the box above, drop a .txt or .json file here, or load the sample." }</p>
            }
            { for props.paras.iter().zip(props.marks.iter()).map(|(p, m)| html! {
                <Paragraph key={p.start} para={p.clone()} marks={m.clone()} />
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    pub para: Para,
    pub marks: Rc<Vec<Mark>>,
}

#[component]
pub fn Paragraph(props: &ParagraphProps) -> Html {
    let tree = build_tree(&props.para, &props.marks);
    html! { <p data-para={props.para.start.to_string()}>{ for tree.iter().map(|n| render(n, &props.marks)) }</p> }
}

fn first_text_start(nodes: &[Node]) -> Option<usize> {
    nodes.iter().find_map(|n| match n {
        Node::Text { start, .. } => Some(*start),
        Node::Mark { children, .. } => first_text_start(children),
    })
}

/// The text under a node (for accessible names of marks).
fn text_of(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text { text, .. } => out.push_str(text),
            Node::Mark { children, .. } => text_of(children, out),
        }
    }
}

fn render(node: &Node, marks: &[Mark]) -> Html {
    match node {
        Node::Text { start, text } => html! { <span data-start={start.to_string()}>{ text.clone() }</span> },
        Node::Mark { mark, children } => {
            let m = &marks[*mark];
            let starts = first_text_start(children) == Some(m.first);
            let class = classes!(
                "hl",
                m.kind.as_str(),
                m.tint.map(|t| format!("tint-{t}")),
                (m.kind == MarkKind::Quote || m.kind == MarkKind::Speaker).then(|| if m.tint.is_none() { Some("tint-none") } else { None }).flatten(),
                starts.then_some("first"),
                match m.emphasis {
                    Emphasis::Selected => Some("selected"),
                    Emphasis::Related => Some("related"),
                    Emphasis::None => None,
                },
                m.manual.then_some("manual"),
            );
            let mut text = String::new();
            text_of(children, &mut text);
            let is_entity = m.kind == MarkKind::Entity;
            let is_quote = m.kind == MarkKind::Quote;
            // One tab stop per annotation: the first piece of a mention or a quote.
            let tab_stop = starts && (is_entity || is_quote);
            html! {
                <mark {class} tabindex={if tab_stop { "0" } else { "-1" }}
                    data-kind={m.kind.as_str()}
                    data-id={AttrValue::from(m.id.clone())}
                    data-label={is_entity.then(|| AttrValue::from(m.label.clone()))}
                    data-quote-kind={is_quote.then(|| AttrValue::from(m.label.clone()))}
                    data-entity={(is_entity || is_quote).then(|| m.entity.clone().map(AttrValue::from)).flatten()}
                    aria-label={m.aria(&text)}
                    title={m.tip(&text)}>
                    { for children.iter().map(|c| render(c, marks)) }
                </mark>
            }
        }
    }
}
