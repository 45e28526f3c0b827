//! The sources report as the page shows it: the core's figures
//! (`saywho_core::export::sources`) cut into charts of labelled bars, each
//! bar with the [`Focus`] its click sets. Pure and tested natively; the
//! component (`components/sources.rs`) only draws it.

use saywho_core::export::sources::{percent, Bar, Group, Report, SourceKind};

use crate::state::Focus;

/// How many sources the chart of sources draws (the table lists them all).
pub const CHART_SOURCES: usize = 10;

/// One chart: a title, what its bars count, and the bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Stable id for the DOM (`sources-chart-<key>`).
    pub key: &'static str,
    pub title: &'static str,
    /// What a bar's value counts ("quotes", "people").
    pub unit: &'static str,
    pub bars: Vec<BarView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarView {
    pub label: String,
    /// The bar's length: quotes, or people for the gender chart.
    pub value: usize,
    /// `value` as a share of the chart's total ("40%").
    pub share: String,
    /// The bar's length relative to the chart's longest bar, 0 to 1.
    pub fraction: f64,
    pub quotes: usize,
    pub words: usize,
    pub sources: usize,
    pub focus: Focus,
}

/// The charts of one document's report, in the order the page shows them.
pub fn charts(report: &Report) -> Vec<Chart> {
    let mut sources = report.bars(Group::Source);
    sources.truncate(CHART_SOURCES);
    vec![
        chart("kinds", "Quotes by kind of source", "quotes", report.bars(Group::SourceKind)),
        chart("gender", "People quoted, by gender", "people", report.bars(Group::Gender)),
        chart("quote-kinds", "Direct and indirect quotes", "quotes", report.bars(Group::QuoteKind)),
        chart("sources", "Quotes per source", "quotes", sources),
    ]
}

fn chart(key: &'static str, title: &'static str, unit: &'static str, bars: Vec<Bar>) -> Chart {
    let value = |b: &Bar| if b.group == Group::Gender { b.sources } else { b.quotes };
    let total: usize = bars.iter().map(value).sum();
    let max = bars.iter().map(value).max().unwrap_or(0).max(1);
    let bars = bars
        .iter()
        .map(|b| BarView {
            label: b.label.clone(),
            value: value(b),
            share: percent(value(b), total),
            fraction: value(b) as f64 / max as f64,
            quotes: b.quotes,
            words: b.words,
            sources: b.sources,
            focus: Focus { label: focus_label(b), quotes: b.refs.iter().map(|q| q.quote.clone()).collect() },
        })
        .collect();
    Chart { key, title, unit, bars }
}

/// How the status line names a bar's quotes: "quotes by Ana Ruiz".
pub fn focus_label(b: &Bar) -> String {
    match b.group {
        Group::SourceKind if b.label == SourceKind::None.plural() => "quotes with no source".to_string(),
        Group::SourceKind => format!("quotes by {}", b.label.to_lowercase()),
        Group::Gender => format!("quotes by people counted as {}", b.label),
        Group::QuoteKind => format!("{} quotes", b.label),
        Group::Source if b.label == "(no source)" => "quotes with no source".to_string(),
        Group::Source => format!("quotes by {}", b.label),
    }
}

/// The one-line summary above the charts.
pub fn summary(report: &Report) -> String {
    let count = |k: SourceKind| report.sources.iter().filter(|r| r.kind == k).count();
    let n = report.distinct_sources();
    format!(
        "{n} distinct source{}: {} people, {} organisations, {} unnamed · {} quote{} ({} words quoted)",
        if n == 1 { "" } else { "s" },
        count(SourceKind::Person),
        count(SourceKind::Organisation),
        count(SourceKind::Unnamed),
        report.quotes,
        if report.quotes == 1 { "" } else { "s" },
        report.words,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::fixture;
    use saywho_core::export::sources::report;

    #[test]
    fn charts_of_the_fixture() {
        let r = report(&fixture());
        assert_eq!(summary(&r), "2 distinct sources: 1 people, 0 organisations, 1 unnamed · 2 quotes (7 words quoted)");
        let charts = charts(&r);
        let keys: Vec<_> = charts.iter().map(|c| c.key).collect();
        assert_eq!(keys, ["kinds", "gender", "quote-kinds", "sources"]);
        let kinds: Vec<_> = charts[0].bars.iter().map(|b| (b.label.as_str(), b.value, b.share.as_str(), b.fraction)).collect();
        assert_eq!(kinds, [("People", 1, "50%", 1.0), ("Organisations", 0, "0%", 0.0), ("Unnamed sources", 1, "50%", 1.0), ("No source", 0, "0%", 0.0)]);
        assert_eq!(charts[0].bars[0].focus, Focus { label: "quotes by people".into(), quotes: ["Q1".to_string()].into() });
        assert_eq!(charts[0].bars[3].focus.label, "quotes with no source");
        // The gender chart counts people: Ana Ruiz has no gender recorded.
        let gender: Vec<_> = charts[1].bars.iter().map(|b| (b.label.as_str(), b.value, b.quotes)).collect();
        assert_eq!(gender, [("female", 0, 0), ("male", 0, 0), ("other", 0, 0), ("unknown", 1, 1)]);
        assert_eq!(charts[1].bars[3].focus.label, "quotes by people counted as unknown");
        assert_eq!(charts[2].bars[1].focus, Focus { label: "indirect quotes".into(), quotes: ["Q2".to_string()].into() });
        let sources: Vec<_> = charts[3].bars.iter().map(|b| b.focus.label.as_str()).collect();
        assert_eq!(sources, ["quotes by Ana Ruiz", "quotes by Officials"]);
    }

    #[test]
    fn an_empty_report_draws_empty_bars() {
        let charts = charts(&report(&saywho_core::Document::empty("")));
        assert!(charts[0].bars.iter().all(|b| b.value == 0 && b.fraction == 0.0 && b.share == "0%"));
        assert!(charts[3].bars.is_empty());
    }
}
