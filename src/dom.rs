//! The thin browser layer: DOM selection to code points, downloads, clipboard,
//! local storage, focus and scrolling. Everything else is pure Rust.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Where the session autosaves.
pub const SESSION_KEY: &str = "saywho.session.v1";
/// Where the review of the autosaved document (checked marks, notes) is kept.
pub const REVIEW_KEY: &str = "saywho.review.v1";

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Code points in the first `utf16` UTF-16 units of `s`.
pub fn utf16_to_cp(s: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.chars().enumerate() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    s.chars().count()
}

fn data_start(el: &Element) -> Option<usize> {
    el.get_attribute("data-start")?.parse().ok()
}

/// The code-point offset of a DOM boundary point (node, offset) inside `root`.
/// Text leaves are elements carrying `data-start`; anything else is resolved
/// to the nearest leaf.
fn point_to_cp(root: &Element, node: &Node, offset: u32) -> Option<usize> {
    if !root.contains(Some(node)) {
        return None;
    }
    if node.node_type() == Node::TEXT_NODE {
        let leaf = node.parent_element()?.closest("[data-start]").ok()??;
        let base = data_start(&leaf)?;
        let text = node.text_content().unwrap_or_default();
        return Some(base + utf16_to_cp(&text, offset as usize));
    }
    let el: &Element = node.dyn_ref()?;
    if let Some(base) = data_start(el) {
        // Offset counts child nodes of the leaf: 0 is its start, else its end.
        let len = el.text_content().unwrap_or_default().chars().count();
        return Some(if offset == 0 { base } else { base + len });
    }
    let children = el.child_nodes();
    if offset < children.length() {
        // The start of the first leaf at or after the child.
        let child = children.item(offset)?;
        if let Some(c) = child.dyn_ref::<Element>() {
            if let Some(b) = data_start(c) {
                return Some(b);
            }
            if let Ok(Some(leaf)) = c.query_selector("[data-start]") {
                return data_start(&leaf);
            }
        }
        None
    } else {
        // The end of the last leaf inside the element.
        let leaves = el.query_selector_all("[data-start]").ok()?;
        let last: Element = leaves.item(leaves.length().checked_sub(1)?)?.dyn_into().ok()?;
        Some(data_start(&last)? + last.text_content().unwrap_or_default().chars().count())
    }
}

/// The current DOM text selection inside `#doc`, in code points, if it is not empty.
pub fn selection_in_doc() -> Option<(usize, usize)> {
    let root = document().get_element_by_id("doc")?;
    let sel = window().get_selection().ok()??;
    if sel.range_count() == 0 || sel.is_collapsed() {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let a = point_to_cp(&root, &range.start_container().ok()?, range.start_offset().ok()?)?;
    let b = point_to_cp(&root, &range.end_container().ok()?, range.end_offset().ok()?)?;
    (a < b).then_some((a, b))
}

pub fn clear_selection() {
    if let Ok(Some(sel)) = window().get_selection() {
        let _ = sel.remove_all_ranges();
    }
}

/// Saves `content` as a file through a temporary object URL.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(content, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let a: web_sys::HtmlAnchorElement =
        document().create_element("a").map_err(|_| "no anchor")?.dyn_into().map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none").ok();
    let body = document().body().ok_or("no body")?;
    body.append_child(&a).map_err(|_| "cannot attach the link")?;
    a.click();
    a.remove();
    // The URL is revoked when `url` drops; the click has already started the download.
    Ok(())
}

/// Copies `text` to the clipboard; reports the outcome through `done`.
pub fn copy_text(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let promise = window().navigator().clipboard().write_text(&text);
    yew::platform::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(r.map(|_| ()).map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused".into())));
    });
}

/// Reads a file's text.
pub fn read_file(file: web_sys::File, done: impl FnOnce(String, Result<String, String>) + 'static) {
    let name = file.name();
    let promise = file.text();
    yew::platform::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(name, r.ok().and_then(|v| v.as_string()).ok_or_else(|| "The file could not be read.".to_string()));
    });
}

/// Scrolls the highlight with this kind and id into view and focuses it.
pub fn reveal(kind: &str, id: &str) {
    let sel = format!("#doc [data-kind=\"{kind}\"][data-id=\"{id}\"]");
    if let Ok(Some(el)) = document().query_selector(&sel) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

pub fn focus_by_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}

/// The id of the article text box.
pub const ARTICLE_TEXT: &str = "article-text";

/// The id of the focused element, if it has one.
pub fn focused_id() -> Option<String> {
    document().active_element().map(|e| e.id()).filter(|id| !id.is_empty())
}

/// Whether keyboard focus is in a place where keys type text.
pub fn typing_in_field() -> bool {
    document().active_element().is_some_and(|el| {
        let tag = el.tag_name().to_ascii_lowercase();
        matches!(tag.as_str(), "input" | "textarea" | "select") || el.get_attribute("contenteditable").is_some()
    })
}

/// Sets `--top-h` on the root element to the sticky header's height in pixels.
pub fn note_header_height() {
    let Some(header) = document().query_selector("header.top").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let h = header.offset_height();
    if let Some(root) = document().document_element().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
        let value = format!("{h}px");
        if root.style().get_property_value("--top-h").ok().as_deref() != Some(value.as_str()) {
            let _ = root.style().set_property("--top-h", &value);
        }
    }
}

pub fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Has the browser painted the page's first content (text or image)?
pub fn painted() -> bool {
    window().performance().is_some_and(|p| p.get_entries_by_name("first-contentful-paint").length() > 0)
}

#[cfg(test)]
mod tests {
    use super::utf16_to_cp;

    #[test]
    fn utf16_offsets_become_code_points() {
        let cases = [("abc", 2, 2), ("😀a", 2, 1), ("😀a", 3, 2), ("é😀", 1, 1), ("é😀", 3, 2), ("ab", 9, 2), ("", 0, 0)];
        for (s, u, want) in cases {
            assert_eq!(utf16_to_cp(s, u), want, "{s:?} {u}");
        }
    }
}
