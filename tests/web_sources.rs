//! In-browser tests of the sources report panel: its tables, the gender
//! correction, and a bar's click filtering the article's highlights.
#![cfg(target_arch = "wasm32")]

mod web_support;

use saywho_core::{Document, Origin, Quote, QuoteKind, Span};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The fixture with a second quote, by an unnamed source: "Ruiz left Oslo" reported.
fn two_sources() -> Document {
    let mut d = fixture();
    // Ana Ruiz with no gender recorded, as a file from before the field.
    d.entities[0].gender = None;
    let (start, end) = span(&d.text, "left Oslo", 0);
    let (ss, se) = span(&d.text, "Ruiz", 1);
    d.quotes.push(Quote {
        id: "Q2".into(),
        start,
        end,
        text: "left Oslo".into(),
        kind: QuoteKind::Indirect,
        cue: None,
        speaker: Some(Span { start: ss, end: se, text: "Ruiz".into() }),
        entity: None,
        origin: Origin::Auto,
    });
    d
}

fn report(root: &Element) -> Element {
    q(root, "#sources-report").expect("the sources report panel")
}

/// The cells of the table row whose header is `head`, in the chart `chart`.
fn row(root: &Element, chart: &str, head: &str) -> Option<Vec<String>> {
    let rows = root.query_selector_all(&format!("[data-chart={chart}] tbody tr")).unwrap();
    (0..rows.length()).map(|i| rows.item(i).unwrap().dyn_into::<Element>().unwrap()).find_map(|r| {
        let th = r.query_selector("th").unwrap()?.text_content()?;
        (th.trim() == head).then(|| {
            let tds = r.query_selector_all("td").unwrap();
            (0..tds.length()).map(|i| tds.item(i).unwrap().text_content().unwrap_or_default().trim().to_string()).collect()
        })
    })
}

/// Clicks an SVG bar (SVG elements have no `click()`: a bubbling click event).
fn click_bar(root: &Element, chart: &str, label: &str) {
    let bar = q(root, &format!("[data-chart={chart}] g.bar[data-label='{label}']")).unwrap_or_else(|| panic!("no bar {label} in {chart}"));
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
    bar.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn the_report_counts_sources_and_its_tables_read_like_the_chart() {
    let root = mount(&two_sources()).await;
    let panel = report(&root);
    let summary = panel.query_selector(".report-summary").unwrap().unwrap().text_content().unwrap();
    assert_eq!(summary, "2 distinct sources: 1 people, 0 organisations, 1 unnamed · 2 quotes (6 words quoted)");
    assert_eq!(row(&root, "kinds", "People"), Some(vec!["1".into(), "50%".into(), "4".into(), "Show".into()]));
    assert_eq!(row(&root, "kinds", "Unnamed sources"), Some(vec!["1".into(), "50%".into(), "2".into(), "Show".into()]));
    assert_eq!(row(&root, "quote-kinds", "indirect"), Some(vec!["1".into(), "50%".into(), "2".into(), "Show".into()]));
    // Every chart is an SVG hidden from screen readers, with its table named by the caption.
    let svgs = panel.query_selector_all("svg.bars").unwrap();
    assert_eq!(svgs.length(), 4);
    for i in 0..svgs.length() {
        let svg = svgs.item(i).unwrap().dyn_into::<Element>().unwrap();
        assert_eq!(attr(&svg, "aria-hidden").as_deref(), Some("true"));
    }
    let table = q(&root, "[data-chart=gender] table").unwrap();
    let caption = attr(&table, "aria-labelledby").unwrap();
    assert_eq!(doc().get_element_by_id(&caption).unwrap().text_content().unwrap(), "People quoted, by gender");
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_persons_gender_is_corrected_in_the_report_and_undone() {
    let root = mount(&two_sources()).await;
    wait_eq("Ana Ruiz counted as unknown", || row(&root, "gender", "unknown").map(|r| r[0].clone()), Some("1".into())).await;
    let select = q(&root, "select[aria-label='Gender of Ana Ruiz']").unwrap().dyn_into::<web_sys::HtmlSelectElement>().unwrap();
    assert_eq!(select.value(), "unknown");
    select.set_value("female");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    wait_eq("the gender chart to count her as female", || row(&root, "gender", "female").map(|r| r[0].clone()), Some("1".into())).await;
    assert_eq!(row(&root, "gender", "unknown").map(|r| r[0].clone()), Some("0".into()));
    wait_for("the status line to say so", || root.text_content().unwrap_or_default().contains("“Ana Ruiz” is now counted as female.")).await;
    click(&button(&root, "Undo").await);
    wait_eq("undo to bring unknown back", || row(&root, "gender", "unknown").map(|r| r[0].clone()), Some("1".into())).await;
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn clicking_a_bar_shows_only_its_quotes_and_show_all_brings_the_rest_back() {
    let root = mount(&two_sources()).await;
    click_bar(&root, "kinds", "Unnamed sources");
    wait_for("only Q2 to be highlighted", || q(&root, "#doc [data-kind=quote][data-id=Q1]").is_none()).await;
    assert!(q(&root, "#doc [data-kind=quote][data-id=Q2]").is_some(), "the bar's quote stays");
    assert!(q(&root, "#doc [data-kind=entity]").is_none(), "entities are hidden while a bar is shown");
    assert!(has_class(&root, "[data-chart=kinds] g.bar[data-label='Unnamed sources']", "active"));
    let pressed = q(&root, "[data-chart=kinds] button[aria-pressed=true]").expect("the row's button is pressed");
    assert_eq!(attr(&pressed, "aria-label").as_deref(), Some("Show the quotes by unnamed sources"));
    // The row's button of another bar switches the focus; "Show all" ends it.
    click(&button(&root, "Show the quotes by Ana Ruiz").await);
    wait_for("only Q1 to be highlighted", || q(&root, "#doc [data-kind=quote][data-id=Q2]").is_none() && q(&root, "#doc [data-kind=quote][data-id=Q1]").is_some()).await;
    click(&button(&root, "Show all").await);
    wait_for("every highlight back", || {
        q(&root, "#doc [data-kind=quote][data-id=Q2]").is_some() && q(&root, "#doc [data-kind=quote][data-id=Q1]").is_some() && q(&root, "#doc [data-kind=entity]").is_some()
    })
    .await;
    unmount(root).await;
}

#[wasm_bindgen_test]
async fn a_w3c_file_opens_as_the_document_it_was_made_from() {
    let root = mount(&fixture()).await;
    let other = two_sources();
    let mut json: serde_json::Value = serde_json::from_str(&saywho_core::export::w3c::to_w3c_json(&other)).unwrap();
    // A comment from another tool rides along: it is named, not silently dropped.
    json["first"]["items"].as_array_mut().unwrap().push(serde_json::json!({ "type": "Annotation", "body": { "type": "TextualBody", "value": "hm" } }));
    open_file(&root, "article.w3c.jsonld", &json.to_string());
    // An uncorrected document is replaced at once (a corrected one would ask first).
    wait_for("the W3C file's second quote", || q(&root, "#doc [data-kind=quote][data-id=Q2]").is_some()).await;
    wait_for("the status line to name what was left out", || {
        root.text_content().unwrap_or_default().contains("Opened article.w3c.jsonld; 1 annotation of another kind (not a mention or a quote) was left out.")
    })
    .await;
    assert!(find_button(&root, "Download W3C annotations").is_some_and(|b| !b.disabled()));
    unmount(root).await;
}

/// The worker's replies go through its codec (bincode, not self-describing):
/// a document with and without the optional gender must come back whole.
#[wasm_bindgen_test]
fn worker_replies_keep_documents_with_optional_fields() {
    use gloo::worker::Codec;
    let mut doc = two_sources();
    doc.entities[0].gender = Some(saywho_core::GenderTag { value: saywho_core::GenderValue::Female, origin: Origin::Auto });
    for document in [doc, fixture()] {
        let a = saywho_app::worker::Annotated { document: document.clone(), warnings: vec!["w".into()], models: true, replace: true };
        let back: saywho_app::worker::Annotated = gloo::worker::Bincode::decode(gloo::worker::Bincode::encode(a));
        assert_eq!((back.document, back.warnings, back.models, back.replace), (document, vec!["w".to_string()], true, true));
    }
}
