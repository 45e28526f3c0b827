//! The view model of the annotated article, pure and tested natively.
//!
//! The text is cut into paragraphs (lines); each paragraph gets only the marks
//! that touch it, so editing one annotation changes the props of one or two
//! paragraph components and leaves the others untouched. Inside a paragraph,
//! overlapping marks become nested elements: quote outside, then speaker and
//! cue, then entity mentions.

use std::collections::HashMap;
use std::rc::Rc;

use saywho_core::{Origin, QuoteKind};

use crate::state::{Doc, Filters, Sel};

/// One line of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// Code-point offset of the first character.
    pub start: usize,
    pub end: usize,
    pub text: Rc<str>,
}

/// Splits the text at line breaks; blank lines give no paragraph.
pub fn paragraphs(text: &str) -> Vec<Para> {
    let mut out = Vec::new();
    let mut cp = 0usize;
    for line in text.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            out.push(Para { start: cp, end: cp + n, text: Rc::from(line) });
        }
        cp += n + 1;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    Quote,
    Speaker,
    Cue,
    Entity,
}

impl MarkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Quote => "quote",
            MarkKind::Speaker => "speaker",
            MarkKind::Cue => "cue",
            MarkKind::Entity => "entity",
        }
    }
}

/// How a mark stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emphasis {
    #[default]
    None,
    /// Linked to the selection (the speaker of a selected quote, and vice versa).
    Related,
    Selected,
}

/// One highlighted span, with everything its element shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Mention id for entities; the quote's id for quotes, cues and speakers.
    pub id: Rc<str>,
    pub start: usize,
    pub end: usize,
    /// Entity label, or quote kind.
    pub label: Rc<str>,
    pub entity: Option<Rc<str>>,
    pub aria: Rc<str>,
    /// Details shown on hover and focus.
    pub tip: Rc<str>,
    /// Where the whole annotation starts (marks are clipped per paragraph).
    pub first: usize,
    /// Speaker colour (0..TINTS) for quotes; `None` for no named speaker.
    pub tint: Option<u8>,
    pub emphasis: Emphasis,
    pub manual: bool,
}

pub const TINTS: usize = 8;

/// Colour index per speaker entity, in order of their first quote.
pub fn speaker_tints(doc: &Doc) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    for q in doc.quotes.iter() {
        if let Some(e) = &q.entity {
            let n = out.len();
            out.entry(e.clone()).or_insert((n % TINTS) as u8);
        }
    }
    out
}

fn kind_word(k: QuoteKind) -> &'static str {
    k.as_str()
}

/// The entity a selection points at, for "related" emphasis.
fn selected_entity(doc: &Doc, sel: &Option<Sel>) -> Option<String> {
    match sel {
        Some(Sel::Mention(id)) => doc.mention(id).and_then(|m| m.entity.clone()),
        Some(Sel::Quote(id)) => doc.quote(id).and_then(|q| q.entity.clone()),
        Some(Sel::Entity(id)) => Some(id.clone()),
        None => None,
    }
}

/// Every visible mark of the document, sorted by start.
pub fn marks(doc: &Doc, sel: &Option<Sel>, filters: &Filters) -> Vec<Mark> {
    let related = selected_entity(doc, sel);
    let tints = speaker_tints(doc);
    let names: HashMap<&str, &str> = doc.entities.iter().map(|e| (e.id.as_str(), e.name.as_str())).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in doc.mentions.iter() {
        if let Some(e) = &m.entity {
            *counts.entry(e.as_str()).or_default() += 1;
        }
    }
    let origin = |o: Origin| if o == Origin::Manual { "corrected" } else { "found automatically" };
    let mut out = Vec::with_capacity(doc.mentions.len() + doc.quotes.len() * 3);
    if filters.entities {
        for m in doc.mentions.iter().filter(|m| !filters.hidden_labels.contains(&m.label)) {
            let emphasis = if *sel == Some(Sel::Mention(m.id.clone())) {
                Emphasis::Selected
            } else if related.is_some() && m.entity == related {
                Emphasis::Related
            } else {
                Emphasis::None
            };
            let tip = match m.entity.as_deref() {
                Some(e) => {
                    let n = counts.get(e).copied().unwrap_or(0);
                    let name = names.get(e).copied().unwrap_or(e);
                    format!("{} · {name} · {n} mention{} · {}", m.label, if n == 1 { "" } else { "s" }, origin(m.origin))
                }
                None => format!("{} · {} · {}", m.label, m.text, origin(m.origin)),
            };
            out.push(Mark {
                kind: MarkKind::Entity,
                id: Rc::from(m.id.as_str()),
                start: m.start,
                end: m.end,
                label: Rc::from(m.label.as_str()),
                entity: m.entity.as_deref().map(Rc::from),
                aria: Rc::from(format!("{} {}", m.label, m.text)),
                tip: Rc::from(tip),
                first: m.start,
                tint: None,
                emphasis,
                manual: m.origin == Origin::Manual,
            });
        }
    }
    if filters.quotes {
        for q in doc.quotes.iter().filter(|q| !filters.hidden_kinds.contains(&q.kind)) {
            let who = q
                .entity
                .as_deref()
                .and_then(|e| names.get(e).copied())
                .or(q.speaker.as_ref().map(|s| s.text.as_str()))
                .unwrap_or("no named speaker");
            let by = if q.entity.is_none() && q.speaker.is_none() { who.to_string() } else { format!("by {who}") };
            let emphasis = if *sel == Some(Sel::Quote(q.id.clone())) {
                Emphasis::Selected
            } else if related.is_some() && q.entity == related {
                Emphasis::Related
            } else {
                Emphasis::None
            };
            let kind = kind_word(q.kind);
            let cue = q.cue.as_ref().map_or("none".to_string(), |c| format!("“{}”", c.text));
            let tip = format!("{} quote · speaker: {who} · cue: {cue} · {}", capitalise(kind), origin(q.origin));
            let base = Mark {
                kind: MarkKind::Quote,
                id: Rc::from(q.id.as_str()),
                start: q.start,
                end: q.end,
                label: Rc::from(kind),
                entity: q.entity.as_deref().map(Rc::from),
                aria: Rc::from(format!("{kind} quote {by}")),
                tip: Rc::from(tip),
                first: q.start,
                tint: q.entity.as_ref().and_then(|e| tints.get(e).copied()),
                emphasis,
                manual: q.origin == Origin::Manual,
            };
            if let Some(c) = &q.cue {
                out.push(Mark {
                    kind: MarkKind::Cue,
                    start: c.start,
                    end: c.end,
                    first: c.start,
                    aria: Rc::from(format!("cue “{}” of {kind} quote {by}", c.text)),
                    ..base.clone()
                });
            }
            if let Some(s) = &q.speaker {
                out.push(Mark {
                    kind: MarkKind::Speaker,
                    start: s.start,
                    end: s.end,
                    first: s.start,
                    aria: Rc::from(format!("speaker {} of {kind} quote", s.text)),
                    ..base.clone()
                });
            }
            out.push(base);
        }
    }
    out.sort_by(|a, b| (a.start, std::cmp::Reverse(a.end), a.kind).cmp(&(b.start, std::cmp::Reverse(b.end), b.kind)));
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The marks of each paragraph (clipped to it), aligned with `paras`.
pub fn marks_by_para(paras: &[Para], marks: &[Mark]) -> Vec<Vec<Mark>> {
    let mut out = vec![Vec::new(); paras.len()];
    for m in marks {
        let first = paras.partition_point(|p| p.end <= m.start);
        for (i, p) in paras.iter().enumerate().skip(first) {
            if p.start >= m.end {
                break;
            }
            let (s, e) = (m.start.max(p.start), m.end.min(p.end));
            if s < e {
                out[i].push(Mark { start: s, end: e, ..m.clone() });
            }
        }
    }
    out
}

/// A rendered node of a paragraph: plain text or a mark around its children.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Text { start: usize, text: String },
    Mark { mark: usize, children: Vec<Node> },
}

/// Nests the marks of one paragraph over its text. Marks that cross each other
/// are cut into pieces, each piece carrying the same id.
pub fn build_tree(para: &Para, marks: &[Mark]) -> Vec<Node> {
    let len = para.end - para.start;
    let mut cuts: Vec<usize> = vec![0, len];
    for m in marks {
        cuts.push(m.start.saturating_sub(para.start).min(len));
        cuts.push(m.end.saturating_sub(para.start).min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Byte offsets of each cut, walking the characters once.
    let mut bytes = Vec::with_capacity(cuts.len());
    let mut it = para.text.char_indices().map(|(b, _)| b).chain(std::iter::once(para.text.len()));
    let mut cp = 0usize;
    let mut cur = it.next().unwrap_or(0);
    for &c in &cuts {
        while cp < c {
            cur = it.next().unwrap_or(para.text.len());
            cp += 1;
        }
        bytes.push(cur);
    }
    // Stack of open marks with the children collected so far.
    let mut root: Vec<Node> = Vec::new();
    let mut stack: Vec<(usize, Vec<Node>)> = Vec::new();
    fn close(stack: &mut Vec<(usize, Vec<Node>)>, root: &mut Vec<Node>) {
        if let Some((mark, children)) = stack.pop() {
            let node = Node::Mark { mark, children };
            match stack.last_mut() {
                Some((_, c)) => c.push(node),
                None => root.push(node),
            }
        }
    }
    for w in 0..cuts.len() - 1 {
        let (a, b) = (cuts[w] + para.start, cuts[w + 1] + para.start);
        // Active marks, outermost first (marks are sorted by start, longest first, layer).
        let active: Vec<usize> = (0..marks.len()).filter(|&i| marks[i].start <= a && marks[i].end >= b).collect();
        let keep = stack.iter().zip(active.iter()).take_while(|(s, a)| s.0 == **a).count();
        while stack.len() > keep {
            close(&mut stack, &mut root);
        }
        for &i in &active[keep..] {
            stack.push((i, Vec::new()));
        }
        let node = Node::Text { start: a, text: para.text[bytes[w]..bytes[w + 1]].to_string() };
        match stack.last_mut() {
            Some((_, c)) => c.push(node),
            None => root.push(node),
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::fixture;
    use crate::state::Doc;

    /// A compact picture of the tree: marks as kind:id[...], text as itself.
    fn show(nodes: &[Node], marks: &[Mark]) -> String {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text { text, .. } => text.clone(),
                Node::Mark { mark, children } => {
                    format!("{}:{}[{}]", marks[*mark].kind.as_str(), marks[*mark].id, show(children, marks))
                }
            })
            .collect()
    }

    fn check(text: &str, sel: Option<Sel>, expected: &[&str]) {
        let mut d = fixture();
        d.text = text.to_string();
        let doc = Doc::from_document(d);
        let paras = paragraphs(&doc.text);
        let all = marks(&doc, &sel, &Filters::default());
        let by = marks_by_para(&paras, &all);
        let got: Vec<String> = paras.iter().zip(&by).map(|(p, m)| show(&build_tree(p, m), m)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn nests_quote_cue_speaker_and_entities() {
        check(
            &fixture().text,
            None,
            &["speaker:Q1[entity:M1[Ana Ruiz]] cue:Q1[said] quote:Q1[“We will build it.”] entity:M2[Ruiz] left entity:M3[Oslo]. speaker:Q2[Officials] cue:Q2[said] quote:Q2[it was late]."],
        );
    }

    #[test]
    fn paragraphs_keep_code_point_offsets() {
        let p = paragraphs("é😀 one\n\n  \ntwo\r\nthree");
        let got: Vec<(usize, usize, &str)> = p.iter().map(|p| (p.start, p.end, &*p.text)).collect();
        assert_eq!(got, vec![(0, 6, "é😀 one"), (11, 15, "two\r"), (16, 21, "three")]);
    }

    #[test]
    fn text_leaves_carry_their_code_point_start() {
        let para = Para { start: 10, end: 16, text: Rc::from("😀ab cd") };
        let m = Mark {
            kind: MarkKind::Entity,
            id: Rc::from("M1"),
            start: 11,
            end: 13,
            label: Rc::from("PERSON"),
            entity: None,
            aria: Rc::from(""),
            tip: Rc::from(""),
            first: 0,
            tint: None,
            emphasis: Emphasis::None,
            manual: false,
        };
        let tree = build_tree(&para, &[m]);
        assert_eq!(
            tree,
            vec![
                Node::Text { start: 10, text: "😀".into() },
                Node::Mark { mark: 0, children: vec![Node::Text { start: 11, text: "ab".into() }] },
                Node::Text { start: 13, text: " cd".into() },
            ]
        );
    }

    #[test]
    fn crossing_marks_are_cut_into_pieces_with_the_same_id() {
        let para = Para { start: 0, end: 9, text: Rc::from("abc def g") };
        let mk = |kind, id: &str, start, end| Mark {
            kind,
            id: Rc::from(id),
            start,
            end,
            label: Rc::from("X"),
            entity: None,
            aria: Rc::from(""),
            tip: Rc::from(""),
            first: 0,
            tint: None,
            emphasis: Emphasis::None,
            manual: false,
        };
        let ms = vec![mk(MarkKind::Quote, "Q1", 0, 7), mk(MarkKind::Entity, "M1", 4, 9)];
        assert_eq!(show(&build_tree(&para, &ms), &ms), "quote:Q1[abc entity:M1[def]]entity:M1[ g]");
    }

    #[test]
    fn multi_paragraph_quote_is_clipped_per_paragraph() {
        let mut d = fixture();
        d.text = "“One,\n“two.”".into();
        d.mentions.clear();
        d.quotes.truncate(1);
        d.quotes[0].start = 0;
        d.quotes[0].end = 12;
        d.quotes[0].cue = None;
        d.quotes[0].speaker = None;
        let doc = Doc::from_document(d);
        let paras = paragraphs(&doc.text);
        let by = marks_by_para(&paras, &marks(&doc, &None, &Filters::default()));
        assert_eq!(by.iter().map(|m| (m.len(), m[0].start, m[0].end)).collect::<Vec<_>>(), vec![(1, 0, 5), (1, 6, 12)]);
    }

    #[test]
    fn selecting_a_quote_relates_its_speakers_mentions_and_back() {
        let doc = Doc::from_document(fixture());
        let emph = |sel: Sel| -> Vec<(String, Emphasis)> {
            marks(&doc, &Some(sel), &Filters::default())
                .iter()
                .filter(|m| m.kind == MarkKind::Entity || m.kind == MarkKind::Quote)
                .map(|m| (m.id.to_string(), m.emphasis))
                .collect()
        };
        use Emphasis::*;
        let want = |v: &[(&str, Emphasis)]| v.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>();
        assert_eq!(emph(Sel::Quote("Q1".into())), want(&[("M1", Related), ("Q1", Selected), ("M2", Related), ("M3", None), ("Q2", None)]));
        assert_eq!(emph(Sel::Mention("M2".into())), want(&[("M1", Related), ("Q1", Related), ("M2", Selected), ("M3", None), ("Q2", None)]));
    }

    #[test]
    fn filters_hide_layers_labels_and_kinds() {
        let doc = Doc::from_document(fixture());
        let ids = |f: Filters| marks(&doc, &None, &f).iter().map(|m| format!("{}{}", m.kind.as_str(), m.id)).collect::<Vec<_>>().join(" ");
        assert_eq!(ids(Filters { quotes: false, ..Filters::default() }), "entityM1 entityM2 entityM3");
        let mut f = Filters { entities: false, ..Filters::default() };
        f.hidden_kinds.insert(QuoteKind::Indirect);
        assert_eq!(ids(f), "speakerQ1 cueQ1 quoteQ1");
        let mut f = Filters { quotes: false, ..Filters::default() };
        f.hidden_labels.insert("PERSON".into());
        assert_eq!(ids(f), "entityM3");
    }

    #[test]
    fn aria_labels_name_label_and_speaker() {
        let doc = Doc::from_document(fixture());
        let all = marks(&doc, &None, &Filters::default());
        let aria: Vec<&str> = all.iter().map(|m| &*m.aria).collect();
        assert!(aria.contains(&"PERSON Ana Ruiz"));
        assert!(aria.contains(&"direct quote by Ana Ruiz"));
        assert!(aria.contains(&"indirect quote by Officials"));
    }
}
