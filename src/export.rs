//! What the app writes out besides the JSON: the quotes as CSV and file names.

use saywho_core::Document;

/// One CSV field, quoted per RFC 4180 when it holds a comma, quote or line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The quotes as CSV: speaker, quote, kind, cue, start, end (code points).
/// The speaker is the entity's name, else the speaker's words, else empty.
/// Lines end with CRLF, as RFC 4180 says.
pub fn quotes_csv(doc: &Document) -> String {
    let mut out = String::from("speaker,quote,kind,cue,start,end\r\n");
    for q in &doc.quotes {
        let speaker = q
            .entity
            .as_ref()
            .and_then(|e| doc.entities.iter().find(|x| &x.id == e))
            .map(|e| e.name.as_str())
            .or(q.speaker.as_ref().map(|s| s.text.as_str()))
            .unwrap_or("");
        let cue = q.cue.as_ref().map_or("", |c| c.text.as_str());
        let row = [field(speaker), field(&q.text), q.kind.as_str().to_string(), field(cue), q.start.to_string(), q.end.to_string()];
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

    #[test]
    fn csv_lists_quotes_with_speaker_names() {
        let csv = quotes_csv(&fixture());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines,
            vec!["speaker,quote,kind,cue,start,end", "Ana Ruiz,“We will build it.”,direct,said,14,33", "Officials,it was late,indirect,said,65,76", ""]
        );
    }

    #[test]
    fn csv_quotes_commas_and_marks_inside_quotes() {
        let mut d = fixture();
        d.quotes[0].text = "\"Yes,\" he said".into();
        d.quotes[1].speaker = None;
        d.quotes[1].cue = None;
        let csv = quotes_csv(&d);
        assert!(csv.contains("Ana Ruiz,\"\"\"Yes,\"\" he said\",direct,said,14,33\r\n"), "{csv}");
        assert!(csv.contains("\r\n,it was late,indirect,,65,76\r\n"), "{csv}");
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
