//! What the app writes out besides the JSON: the quotes and the entities as CSV
//! for a spreadsheet, and file names.

use saywho_core::{Document, Origin};

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The byte-order mark that tells spreadsheets the file is UTF-8 (without it Excel
/// reads accents and emoji as Windows-1252).
pub const BOM: &str = "\u{feff}";

fn origin(o: Origin) -> &'static str {
    if o == Origin::Manual {
        "corrected"
    } else {
        "auto"
    }
}

/// The quotes as CSV, one row per quote in document order: quote id, speaker (the
/// entity's name, else the speaker's words), speaker entity id and label,
/// named/unnamed (whether the speaker is a named entity), the quote, kind, cue,
/// start, end (code points), auto/corrected and checked (yes/no, from `checked`).
/// UTF-8 with a byte-order mark; lines end with CRLF, as RFC 4180 says.
pub fn quotes_csv(doc: &Document, checked: &dyn Fn(&str) -> bool) -> String {
    let mut out = format!("{BOM}quote_id,speaker,speaker_entity,speaker_label,named,quote,kind,cue,start,end,origin,checked,inside_quote\r\n");
    let inside = containers(&doc.quotes);
    for (qi, q) in doc.quotes.iter().enumerate() {
        let entity = q.entity.as_ref().and_then(|e| doc.entities.iter().find(|x| &x.id == e));
        let speaker = entity.map(|e| e.name.as_str()).or(q.speaker.as_ref().map(|s| s.text.as_str())).unwrap_or("");
        let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
        let row = [
            field(&q.id),
            field(speaker),
            field(entity.map_or("", |e| e.id.as_str())),
            field(entity.map_or("", |e| e.label.as_str())),
            (if entity.is_some() { "named" } else { "unnamed" }).to_string(),
            field(&q.text),
            q.kind.as_str().to_string(),
            field(cue),
            q.start.to_string(),
            q.end.to_string(),
            origin(q.origin).to_string(),
            (if checked(&q.id) { "yes" } else { "no" }).to_string(),
            inside[qi].map_or(String::new(), |c| field(&doc.quotes[c].id)),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// For each quote, the quote it is a partial quotation inside of, if any
/// (the indirect quote `the plan was "a disaster" and …` holds the partial
/// `"a disaster"`): the panel lists it under that quote, the CSV says so in
/// `inside_quote`, so the same words are not read as two statements.
pub fn containers(quotes: &[saywho_core::Quote]) -> Vec<Option<usize>> {
    use saywho_core::QuoteKind::Partial;
    // The other quotes by start, each with the furthest-reaching one so far:
    // a partial lies inside one exactly when that one reaches past its end
    // (one sort and a binary search each, not every pair: a long article has
    // thousands of quotes).
    let mut outer: Vec<(usize, usize, usize)> = quotes.iter().enumerate().filter(|(_, q)| q.kind != Partial).map(|(j, q)| (q.start, q.end, j)).collect();
    outer.sort_unstable();
    let mut reach: Vec<(usize, usize)> = Vec::with_capacity(outer.len());
    for &(_, end, j) in &outer {
        let best = reach.last().copied().filter(|&(e, _)| e >= end).unwrap_or((end, j));
        reach.push(best);
    }
    quotes
        .iter()
        .map(|q| {
            if q.kind != Partial {
                return None;
            }
            let k = outer.partition_point(|&(start, _, _)| start <= q.start);
            reach.get(k.checked_sub(1)?).filter(|&&(end, _)| end >= q.end).map(|&(_, j)| j)
        })
        .collect()
}

/// The entities as CSV, one row per entity in document order: id, name, label,
/// how many mentions and quotes, the first mention's start (code points),
/// auto/corrected (corrected when any mention is) and checked.
pub fn entities_csv(doc: &Document, checked: &dyn Fn(&str) -> bool) -> String {
    let mut out = format!("{BOM}entity_id,name,label,mentions,quotes,first_start,origin,checked\r\n");
    for e in &doc.entities {
        let mentions: Vec<_> = doc.mentions.iter().filter(|m| m.entity.as_deref() == Some(&e.id)).collect();
        let quotes = doc.quotes.iter().filter(|q| q.entity.as_deref() == Some(&e.id)).count();
        let manual = mentions.iter().any(|m| m.origin == Origin::Manual);
        let row = [
            field(&e.id),
            field(&e.name),
            field(&e.label),
            mentions.len().to_string(),
            quotes.to_string(),
            mentions.iter().map(|m| m.start).min().map_or(String::new(), |s| s.to_string()),
            origin(if manual { Origin::Manual } else { Origin::Auto }).to_string(),
            (if checked(&e.id) { "yes" } else { "no" }).to_string(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// "<first words>.saywho.<ext>": up to five words of the text, lowercase, joined by hyphens.
pub fn file_name(text: &str, ext: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(|w| w.to_lowercase())
        .collect();
    let stem = if words.is_empty() { "untitled".to_string() } else { words.join("-") };
    let stem: String = stem.chars().take(60).collect();
    format!("{stem}.saywho.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::fixture;

    fn check_field(input: &str, expected: &str) {
        assert_eq!(field(input), expected, "{input:?}");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        check_field("plain", "plain");
        check_field("a, b", "\"a, b\"");
        check_field("say \"no\"", "\"say \"\"no\"\"\"");
        check_field("line\nbreak", "\"line\nbreak\"");
        check_field("cr\rlf", "\"cr\rlf\"");
        check_field("“curly” stays", "“curly” stays");
        check_field("", "");
    }

    const NONE: &dyn Fn(&str) -> bool = &|_| false;

    /// The rows of a CSV export after its byte-order mark, which must be there.
    fn rows(csv: &str) -> Vec<&str> {
        let body = csv.strip_prefix(BOM).unwrap_or_else(|| panic!("no byte-order mark: {csv:?}"));
        body.split("\r\n").collect()
    }

    #[test]
    fn csv_lists_quotes_with_speaker_names() {
        let checked = |id: &str| id == "Q2";
        assert_eq!(
            rows(&quotes_csv(&fixture(), &checked)),
            vec![
                "quote_id,speaker,speaker_entity,speaker_label,named,quote,kind,cue,start,end,origin,checked,inside_quote",
                "Q1,Ana Ruiz,E1,PERSON,named,“We will build it.”,direct,said,14,33,auto,no,",
                "Q2,Officials,,,unnamed,it was late,indirect,said,65,76,auto,yes,",
                ""
            ]
        );
    }

    #[test]
    fn a_partial_inside_another_quote_says_so() {
        let d = saywho_core::annotate("The mayor said the plan was \"a disaster for the city\" and would be dropped.").document;
        let kinds: Vec<&str> = d.quotes.iter().map(|q| q.kind.as_str()).collect();
        assert_eq!(kinds, ["indirect", "partial"]);
        assert_eq!(containers(&d.quotes), [None, Some(0)]);
        let csv = quotes_csv(&d, NONE);
        let r = rows(&csv);
        assert!(r[1].ends_with(",no,"), "{}", r[1]);
        assert!(r[2].ends_with(&format!(",no,{}", d.quotes[0].id)), "{}", r[2]);
        // A partial of its own, after a quote that does not hold it, is inside nothing.
        let d = saywho_core::annotate("The mayor said the plan was fine. Critics called it \"a disaster.\" The council said the deal was \"a mistake\" and would be dropped.").document;
        assert_eq!(containers(&d.quotes), [None, None, None, Some(2)]);
    }

    #[test]
    fn csv_quotes_commas_and_marks_inside_quotes() {
        let mut d = fixture();
        d.quotes[0].text = "\"Yes,\" he said".into();
        d.quotes[0].origin = Origin::Manual;
        d.quotes[1].speaker = None;
        d.quotes[1].cue = None;
        let csv = quotes_csv(&d, NONE);
        assert!(csv.contains("Q1,Ana Ruiz,E1,PERSON,named,\"\"\"Yes,\"\" he said\",direct,said,14,33,corrected,no,\r\n"), "{csv}");
        assert!(csv.contains("\r\nQ2,,,,unnamed,it was late,indirect,,65,76,auto,no,\r\n"), "{csv}");
    }

    #[test]
    fn csv_keeps_accents_and_emoji_as_utf8() {
        let mut d = fixture();
        d.entities[0].name = "Ana Ruíz 🎉".into();
        let csv = entities_csv(&d, NONE);
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 byte-order mark");
        assert!(rows(&csv)[1].starts_with("E1,Ana Ruíz 🎉,PERSON,"), "{csv}");
    }

    #[test]
    fn entities_csv_counts_mentions_and_quotes() {
        let mut d = fixture();
        d.mentions[2].origin = Origin::Manual;
        let checked = |id: &str| id == "E1";
        assert_eq!(
            rows(&entities_csv(&d, &checked)),
            vec!["entity_id,name,label,mentions,quotes,first_start,origin,checked", "E1,Ana Ruiz,PERSON,2,1,0,auto,yes", "E2,Oslo,LOC,1,0,44,corrected,no", ""]
        );
    }

    #[test]
    fn file_names_from_first_words() {
        let cases = [
            ("Ana Ruiz said “We will build it.”", "json", "ana-ruiz-said-we-will.saywho.json"),
            ("  Café — Zürich!  ", "csv", "café-zürich.saywho.csv"),
            ("", "json", "untitled.saywho.json"),
            ("<img src=x onerror=alert(1)>", "json", "img-src-x-onerror-alert.saywho.json"),
        ];
        for (text, ext, want) in cases {
            assert_eq!(file_name(text, ext), want, "{text:?}");
        }
    }
}
