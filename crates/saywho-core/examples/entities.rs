//! Prints the export JSON of a text's entities alone (no quotations), so the
//! entity layer can be scored by itself:
//! `cargo run --release -p saywho-core --example entities -- FILE > pred.json`
//! (`-- FILE --list` lists the mentions and their entities instead; `--rules` leaves the
//! statistical recognizer out, `--model` prints its spans alone, `--model-only` exports them alone
//! (to score the recognizer the way the pipeline is scored), `--pos` the tagger's tags; `--time` measures).
use saywho_core::entities::{extract, extract_rules};
use saywho_core::format::{Document, Entity, Mention, Origin};
use saywho_core::text::{Offsets, Text};

fn main() {
    let path = std::env::args().nth(1).expect("usage: entities FILE");
    let src = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    let mut t = Text::new(&src);
    let rules = std::env::args().any(|a| a == "--rules");
    // As the pipeline does: the tags go on the text, the spans to the rules.
    let ents = if rules {
        extract_rules(&t)
    } else if saywho_core::ml::models().is_some() {
        let (pos, spans) = saywho_core::ml::tag_text(&t, None);
        t.pos = pos;
        saywho_core::entities::extract_with(&t, &spans)
    } else {
        extract(&t)
    };
    if std::env::args().any(|a| a == "--time") {
        // Throughput of the entity layer alone on the text repeated to ~100,000 words.
        let words = src.split_whitespace().count().max(1);
        let big = vec![src.as_str(); 100_000 / words + 1].join("\n\n");
        let t = Text::new(&big);
        let start = std::time::Instant::now();
        let n = extract(&t).mentions.len();
        let secs = start.elapsed().as_secs_f64();
        let w = big.split_whitespace().count();
        println!("{w} words, {n} mentions, {:.0} words/s", w as f64 / secs);
        return;
    }
    if std::env::args().any(|a| a == "--pos") {
        let tags = saywho_core::ml::tag_text(&t, None).0;
        let line: Vec<String> = tags.iter().enumerate().map(|(i, p)| format!("{}/{}", t.tok(i), p.as_str())).collect();
        println!("{}", line.join(" "));
        return;
    }
    if std::env::args().any(|a| a == "--model") {
        // The statistical recognizer's own spans, before the rules see them.
        for (a, b, l) in saywho_core::ml::tag_text(&t, None).1 {
            println!("{l:8} {}", t.span(a, b));
        }
        return;
    }
    if std::env::args().any(|a| a == "--model-only") {
        let off = Offsets::new(&src);
        let spans = saywho_core::ml::tag_text(&t, None).1;
        let entities = spans.iter().enumerate().map(|(i, &(a, b, l))| Entity { id: format!("E{}", i + 1), label: l.into(), name: t.span(a, b).to_string(), gender: None }).collect();
        let mentions = spans
            .iter()
            .enumerate()
            .map(|(i, &(a, b, l))| {
                let (x, y) = (t.tokens[a].start, t.tokens[b - 1].end);
                Mention { id: format!("M{}", i + 1), start: off.to_char(x), end: off.to_char(y), text: src[x..y].to_string(), label: l.into(), entity: Some(format!("E{}", i + 1)), origin: Origin::Auto }
            })
            .collect();
        print!("{}", Document { entities, mentions, ..Document::empty(&src) }.to_json());
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        for m in &ents.mentions {
            let e = &ents.entities[m.entity];
            println!("{:8} {:40} -> {} {:?}{}", m.label.as_str(), t.span(m.start, m.end), e.name, e.gender, if e.plural { " plural" } else { "" });
        }
        return;
    }
    let off = Offsets::new(&src);
    let entities = ents
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| Entity { id: format!("E{}", i + 1), label: e.label.as_str().into(), name: e.name.clone(), gender: None })
        .collect();
    let mentions = ents
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (a, b) = (t.tokens[m.start].start, t.tokens[m.end - 1].end);
            Mention {
                id: format!("M{}", i + 1),
                start: off.to_char(a),
                end: off.to_char(b),
                text: src[a..b].to_string(),
                label: m.label.as_str().into(),
                entity: Some(format!("E{}", m.entity + 1)),
                origin: Origin::Auto,
            }
        })
        .collect();
    print!("{}", Document { entities, mentions, ..Document::empty(&src) }.to_json());
}
