//! The sources report: who is quoted in one document or in many, and how much.
//!
//! In: annotation documents (what the CLI prints, what the app holds, with the
//! user's corrections). Out: a [`Report`]: one row per distinct source (a named
//! person, a named organisation or other named body, an unnamed source such as
//! "officials", and the quotes with no source at all), the quotes and quoted
//! words of each, the quotes by kind, and the share of people quoted by
//! gender; each figure keeps the quotes behind it ([`QuoteRef`]), so a chart
//! can show them. Pure and total: any document gives a report.
//!
//! Across documents, a named source is the same source when its kind, label
//! and name (case-insensitive) agree; an unnamed one when its words agree.

use std::collections::HashMap;

use super::format::{Document, GenderValue, Origin, QuoteKind};

/// What kind of source said something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SourceKind {
    /// A PERSON entity.
    Person,
    /// Any other named entity: an organisation, or a place or group that
    /// speaks ("Egypt said").
    Organisation,
    /// A speaker the text describes without naming ("officials", an
    /// unresolved "she").
    Unnamed,
    /// No speaker at all: the quotes nobody is credited with.
    None,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [SourceKind::Person, SourceKind::Organisation, SourceKind::Unnamed, SourceKind::None];

    /// The value in the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organisation => "organisation",
            SourceKind::Unnamed => "unnamed",
            SourceKind::None => "none",
        }
    }

    /// How the report names the group.
    pub fn plural(self) -> &'static str {
        match self {
            SourceKind::Person => "People",
            SourceKind::Organisation => "Organisations",
            SourceKind::Unnamed => "Unnamed sources",
            SourceKind::None => "No source",
        }
    }
}

/// One quote: the index of its document in the report's input, its place in
/// that document's quotes, its id, kind and quoted words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuoteRef {
    pub doc: usize,
    pub index: usize,
    pub quote: String,
    pub kind: QuoteKind,
    pub words: usize,
}

/// One distinct source and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// The entity's name, or the speaker's words for an unnamed source; empty for [`SourceKind::None`].
    pub name: String,
    pub kind: SourceKind,
    /// The entity's label (`PERSON`, `ORG`, …); empty when not named.
    pub label: String,
    /// Persons only: the gender counted (unknown when the document has none).
    pub gender: Option<GenderValue>,
    /// Who decided the gender, when a document records one.
    pub gender_origin: Option<Origin>,
    /// The entity in the first document that quotes this source.
    pub entity: Option<String>,
    pub quotes: usize,
    /// Words inside the quotes (runs of non-space characters with a letter or digit).
    pub words: usize,
    pub direct: usize,
    pub indirect: usize,
    pub partial: usize,
    /// How many documents quote this source.
    pub documents: usize,
    pub refs: Vec<QuoteRef>,
}

/// Which figure a bar of the chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Quotes per kind of source.
    SourceKind,
    /// People quoted, per gender.
    Gender,
    /// Quotes per kind of quotation.
    QuoteKind,
    /// Quotes per source (every row of [`Report::sources`]).
    Source,
}

/// One bar: a group's label, its quotes, and how many distinct sources they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub group: Group,
    pub label: String,
    pub quotes: usize,
    pub words: usize,
    pub sources: usize,
    pub refs: Vec<QuoteRef>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub documents: usize,
    pub quotes: usize,
    pub words: usize,
    /// Sorted by quotes, then quoted words (most first), then name.
    pub sources: Vec<SourceRow>,
}

/// Words in a quote: runs of non-space characters holding a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The report for one document.
pub fn report(doc: &Document) -> Report {
    report_many(std::slice::from_ref(doc))
}

/// The report over several documents (a workspace); [`QuoteRef::doc`] indexes `docs`.
pub fn report_many(docs: &[Document]) -> Report {
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut index: HashMap<(SourceKind, String, String), usize> = HashMap::new();
    let mut last_doc: Vec<Option<usize>> = Vec::new();
    let mut out = Report { documents: docs.len(), ..Report::default() };
    for (d, doc) in docs.iter().enumerate() {
        let entities: HashMap<&str, _> = doc.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        for (qi, q) in doc.quotes.iter().enumerate() {
            let entity = q.entity.as_deref().and_then(|id| entities.get(id).copied());
            let (kind, name, label) = match (entity, &q.speaker) {
                (Some(e), _) if e.label == "PERSON" => (SourceKind::Person, e.name.clone(), e.label.clone()),
                (Some(e), _) => (SourceKind::Organisation, e.name.clone(), e.label.clone()),
                (None, Some(s)) if !s.text.trim().is_empty() => (SourceKind::Unnamed, s.text.trim().to_string(), String::new()),
                _ => (SourceKind::None, String::new(), String::new()),
            };
            let key = (kind, label.clone(), name.to_lowercase());
            let i = *index.entry(key).or_insert_with(|| {
                rows.push(SourceRow {
                    name,
                    kind,
                    label,
                    gender: (kind == SourceKind::Person).then_some(GenderValue::Unknown),
                    gender_origin: None,
                    entity: entity.map(|e| e.id.clone()),
                    quotes: 0,
                    words: 0,
                    direct: 0,
                    indirect: 0,
                    partial: 0,
                    documents: 0,
                    refs: Vec::new(),
                });
                last_doc.push(None);
                rows.len() - 1
            });
            let row = &mut rows[i];
            if let (SourceKind::Person, Some(tag)) = (kind, entity.and_then(|e| e.gender)) {
                // A user's correction beats an inference; otherwise the first document's word stands.
                let better = match row.gender_origin {
                    None => true,
                    Some(Origin::Auto) => tag.origin == Origin::Manual,
                    Some(Origin::Manual) => false,
                };
                if better {
                    row.gender = Some(tag.value);
                    row.gender_origin = Some(tag.origin);
                }
            }
            let words = word_count(&q.text);
            row.quotes += 1;
            row.words += words;
            match q.kind {
                QuoteKind::Direct => row.direct += 1,
                QuoteKind::Indirect => row.indirect += 1,
                QuoteKind::Partial => row.partial += 1,
            }
            if last_doc[i] != Some(d) {
                last_doc[i] = Some(d);
                row.documents += 1;
            }
            row.refs.push(QuoteRef { doc: d, index: qi, quote: q.id.clone(), kind: q.kind, words });
            out.quotes += 1;
            out.words += words;
        }
    }
    rows.sort_by(|a, b| {
        (b.quotes, b.words)
            .cmp(&(a.quotes, a.words))
            .then_with(|| (a.kind == SourceKind::None).cmp(&(b.kind == SourceKind::None)))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.sources = rows;
    out
}

impl Report {
    /// Distinct sources (the quotes with no source are not one).
    pub fn distinct_sources(&self) -> usize {
        self.sources.iter().filter(|r| r.kind != SourceKind::None).count()
    }

    /// The bars of one group, in a fixed order (sources: the report's order);
    /// every kind and gender gets its bar, at zero when nothing is in it.
    pub fn bars(&self, group: Group) -> Vec<Bar> {
        let bar = |label: &str, keep: &dyn Fn(&SourceRow, &QuoteRef) -> bool| {
            let mut bar = Bar { group, label: label.to_string(), quotes: 0, words: 0, sources: 0, refs: Vec::new() };
            for r in &self.sources {
                let before = bar.refs.len();
                bar.refs.extend(r.refs.iter().filter(|q| keep(r, q)).cloned());
                bar.sources += usize::from(bar.refs.len() > before && r.kind != SourceKind::None);
            }
            bar.refs.sort();
            bar.quotes = bar.refs.len();
            bar.words = bar.refs.iter().map(|q| q.words).sum();
            bar
        };
        match group {
            Group::SourceKind => SourceKind::ALL.iter().map(|&k| bar(k.plural(), &|r, _| r.kind == k)).collect(),
            Group::Gender => GenderValue::ALL
                .iter()
                .map(|&g| bar(g.as_str(), &|r, _| r.kind == SourceKind::Person && r.gender == Some(g)))
                .collect(),
            Group::QuoteKind => [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Partial]
                .iter()
                .map(|&k| bar(k.as_str(), &|_, q| q.kind == k))
                .collect(),
            Group::Source => self
                .sources
                .iter()
                .map(|row| bar(&source_label(row), &|r, _| std::ptr::eq(r, row)))
                .collect(),
        }
    }

    /// Persons quoted, and how many of them have each gender.
    pub fn people_by_gender(&self) -> Vec<(GenderValue, usize)> {
        GenderValue::ALL
            .iter()
            .map(|&g| (g, self.sources.iter().filter(|r| r.kind == SourceKind::Person && r.gender == Some(g)).count()))
            .collect()
    }

    /// The report as CSV, one row per source in the report's order: source,
    /// kind, label, gender and its origin (persons), quotes, quoted words,
    /// direct, indirect, partial, documents. UTF-8 with a byte-order mark and
    /// CRLF line ends, like the app's other CSV files.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}source,kind,label,gender,gender_origin,quotes,quoted_words,direct,indirect,partial,documents\r\n");
        for r in &self.sources {
            let origin = match r.gender_origin {
                Some(Origin::Manual) => "manual",
                Some(Origin::Auto) => "auto",
                None => "",
            };
            let row = [
                csv_field(&r.name),
                r.kind.as_str().to_string(),
                csv_field(&r.label),
                r.gender.map_or("", GenderValue::as_str).to_string(),
                origin.to_string(),
                r.quotes.to_string(),
                r.words.to_string(),
                r.direct.to_string(),
                r.indirect.to_string(),
                r.partial.to_string(),
                r.documents.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// How a chart names a source: its name, or "(no source)".
pub fn source_label(r: &SourceRow) -> String {
    if r.kind == SourceKind::None {
        "(no source)".to_string()
    } else {
        r.name.clone()
    }
}

/// `part` of `whole` as a whole percentage ("0%" of nothing).
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    format!("{}%", (part * 100 + whole / 2) / whole)
}

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line
/// break; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet
/// never reads a name as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
#[path = "sources_tests.rs"]
mod tests;
