//! The view model of the annotated article, pure and tested natively.
//!
//! The text is cut into paragraphs (lines); each paragraph gets only the marks
//! that touch it, so editing one annotation changes the props of one or two
//! paragraph components and leaves the others untouched. Inside a paragraph,
//! overlapping marks become nested elements: quote outside, then speaker and
//! cue, then entity mentions.

use std::collections::HashMap;
use std::rc::Rc;

use saywho_core::Origin;
#[cfg(test)]
use saywho_core::QuoteKind;

use crate::state::{Doc, Filters, Sel};

/// One line of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Mention id for entities; the quote's id for quotes, cues and speakers.
    pub id: Rc<str>,
    pub start: usize,
    pub end: usize,
    /// Entity label, or quote kind.
    pub label: Rc<str>,
    pub entity: Option<Rc<str>>,
    /// The entity's name; for quotes, cues and speakers the speaker's name or words.
    pub name: Option<Rc<str>>,
    /// How many mentions the entity has.
    pub count: usize,
    /// The quote's cue word(s).
    pub cue: Option<Rc<str>>,
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

/// The entity a selection points at, for "related" emphasis.
fn selected_entity(doc: &Doc, sel: &Option<Sel>) -> Option<String> {
    match sel {
        Some(Sel::Mention(id)) => doc.mention(id).and_then(|m| m.entity.clone()),
        Some(Sel::Quote(id)) => doc.quote(id).and_then(|q| q.entity.clone()),
        Some(Sel::Entity(id)) => Some(id.clone()),
        None => None,
    }
}

/// Every visible mark of the document with the selection's emphasis, sorted by start.
pub fn marks(doc: &Doc, sel: &Option<Sel>, filters: &Filters) -> Vec<Mark> {
    let related = selected_entity(doc, sel);
    let mut out = base_marks(doc, filters);
    for m in &mut out {
        m.emphasis = emphasis_of(m, sel, related.as_deref());
    }
    out
}

/// How a mark stands out given the selection and the entity it points at.
fn emphasis_of(m: &Mark, sel: &Option<Sel>, related: Option<&str>) -> Emphasis {
    let same_entity = related.is_some() && m.entity.as_deref() == related;
    match (m.kind, sel) {
        (MarkKind::Entity, Some(Sel::Mention(id))) if **id == *m.id => Emphasis::Selected,
        (MarkKind::Entity, _) if same_entity => Emphasis::Related,
        (MarkKind::Entity, _) => Emphasis::None,
        (_, Some(Sel::Quote(id))) if **id == *m.id => Emphasis::Selected,
        // A selected quote relates its speaker's mentions, not the speaker's other quotes.
        (_, Some(Sel::Quote(_))) => Emphasis::None,
        _ if same_entity => Emphasis::Related,
        _ => Emphasis::None,
    }
}

/// The per-paragraph marks with the selection's emphasis. Paragraphs with nothing
/// to emphasise keep the very same `Rc`, so their components skip re-rendering cheaply.
pub fn emphasize(doc: &Doc, sel: &Option<Sel>, base: &[Rc<Vec<Mark>>]) -> Vec<Rc<Vec<Mark>>> {
    let related = selected_entity(doc, sel);
    base.iter()
        .map(|para| {
            if sel.is_none() || para.iter().all(|m| emphasis_of(m, sel, related.as_deref()) == Emphasis::None) {
                return para.clone();
            }
            let mut v = (**para).clone();
            for m in &mut v {
                m.emphasis = emphasis_of(m, sel, related.as_deref());
            }
            Rc::new(v)
        })
        .collect()
}

/// Every visible mark of the document, sorted by start, without emphasis.
/// Shared strings (labels, ids, names) are allocated once per document, not per mark:
/// this runs after every edit, over every annotation of a long article.
pub fn base_marks(doc: &Doc, filters: &Filters) -> Vec<Mark> {
    let tints = speaker_tints(doc);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in doc.mentions.iter() {
        if let Some(e) = &m.entity {
            *counts.entry(e.as_str()).or_default() += 1;
        }
    }
    let entities: HashMap<&str, (Rc<str>, Rc<str>)> =
        doc.entities.iter().map(|e| (e.id.as_str(), (Rc::from(e.id.as_str()), Rc::from(e.name.as_str())))).collect();
    let mut labels: HashMap<&str, Rc<str>> = HashMap::new();
    let mut out = Vec::with_capacity(doc.mentions.len() + doc.quotes.len() * 3);
    // A bar of the sources report: only its quotes (with their cues and speakers).
    let focus = filters.focus.as_ref().map(|f| &f.quotes);
    if filters.entities && focus.is_none() {
        for m in doc.mentions.iter().filter(|m| !filters.hidden_labels.contains(&m.label)) {
            let label = labels.entry(m.label.as_str()).or_insert_with(|| Rc::from(m.label.as_str())).clone();
            let e = m.entity.as_deref().and_then(|e| entities.get(e));
            out.push(Mark {
                kind: MarkKind::Entity,
                id: Rc::from(m.id.as_str()),
                start: m.start,
                end: m.end,
                label,
                entity: e.map(|e| e.0.clone()),
                name: e.map(|e| e.1.clone()),
                count: m.entity.as_deref().and_then(|e| counts.get(e)).copied().unwrap_or(1),
                cue: None,
                first: m.start,
                tint: None,
                emphasis: Emphasis::None,
                manual: m.origin == Origin::Manual,
            });
        }
    }
    if filters.quotes {
        for q in doc.quotes.iter().filter(|q| !filters.hidden_kinds.contains(&q.kind) && focus.map_or(true, |f| f.contains(&q.id))) {
            let e = q.entity.as_deref().and_then(|e| entities.get(e));
            let name = e.map(|e| e.1.clone()).or_else(|| q.speaker.as_ref().map(|s| Rc::from(s.text.as_str())));
            let base = Mark {
                kind: MarkKind::Quote,
                id: Rc::from(q.id.as_str()),
                start: q.start,
                end: q.end,
                label: labels.entry(q.kind.as_str()).or_insert_with(|| Rc::from(q.kind.as_str())).clone(),
                entity: e.map(|e| e.0.clone()),
                name,
                count: 0,
                cue: q.cue.as_ref().map(|c| Rc::from(c.text.as_str())),
                first: q.start,
                tint: q.entity.as_ref().and_then(|e| tints.get(e).copied()),
                emphasis: Emphasis::None,
                manual: q.origin == Origin::Manual,
            };
            if let Some(c) = &q.cue {
                out.push(Mark { kind: MarkKind::Cue, start: c.start, end: c.end, first: c.start, ..base.clone() });
            }
            if let Some(s) = &q.speaker {
                out.push(Mark { kind: MarkKind::Speaker, start: s.start, end: s.end, first: s.start, ..base.clone() });
            }
            out.push(base);
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.kind));
    out
}

impl Mark {
    /// The accessible name: "PERSON Ana Ruiz", "direct quote by Ana Ruiz: “We will
    /// build it.”" (a quote's first words, so a screen reader can tell quotes apart).
    /// `text` is the marked text (of this paragraph).
    pub fn aria(&self, text: &str) -> String {
        let by = match &self.name {
            Some(n) => format!("by {n}"),
            None => "no named speaker".to_string(),
        };
        match self.kind {
            MarkKind::Entity => format!("{} {text}", self.label),
            MarkKind::Quote => format!("{} quote {by}: {}", self.label, first_words(text, 6)),
            MarkKind::Cue => format!("cue “{text}” of {} quote {by}", self.label),
            MarkKind::Speaker => format!("speaker {text} of {} quote", self.label),
        }
    }

    /// The details shown on hover and focus.
    pub fn tip(&self, text: &str) -> String {
        let origin = if self.manual { "corrected" } else { "found automatically" };
        match self.kind {
            MarkKind::Entity => {
                let name = self.name.as_deref().unwrap_or(text);
                let n = self.count;
                format!("{} · {name} · {n} mention{} · {origin}", self.label, if n == 1 { "" } else { "s" })
            }
            _ => {
                let who = self.name.as_deref().unwrap_or("no named speaker");
                let cue = self.cue.as_deref().map_or("none".to_string(), |c| format!("“{c}”"));
                format!("{} quote · speaker: {who} · cue: {cue} · {origin}", capitalise(&self.label))
            }
        }
    }
}

/// Up to `n` words of `text`, with an ellipsis when there were more.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(n).copied().collect::<Vec<_>>().join(" ");
    if words.len() > n {
        out.push('…');
    }
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
            name: None,
            count: 1,
            cue: None,
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
            name: None,
            count: 1,
            cue: None,
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
    fn emphasis_per_paragraph_reuses_untouched_paragraphs() {
        let mut d = fixture();
        d.text = d.text.replacen(" Officials", "\nOfficials", 1);
        let doc = Doc::from_document(d);
        let paras = paragraphs(&doc.text);
        let base: Vec<Rc<Vec<Mark>>> = marks_by_para(&paras, &base_marks(&doc, &Filters::default())).into_iter().map(Rc::new).collect();
        let e = emphasize(&doc, &Some(Sel::Mention("M3".into())), &base);
        assert!(!Rc::ptr_eq(&e[0], &base[0]), "M3 is in the first paragraph");
        assert!(Rc::ptr_eq(&e[1], &base[1]), "nothing to emphasise in the second");
        let flat = marks(&doc, &Some(Sel::Mention("M3".into())), &Filters::default());
        let by = marks_by_para(&paras, &flat);
        assert_eq!(e.iter().map(|v| (**v).clone()).collect::<Vec<_>>(), by);
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
        // A bar of the sources report: its quotes alone, entities hidden.
        let focus = crate::state::Focus { label: "quotes by Officials".into(), quotes: ["Q2".to_string()].into() };
        assert_eq!(ids(Filters { focus: Some(focus), ..Filters::default() }), "speakerQ2 cueQ2 quoteQ2");
    }

    #[test]
    fn aria_labels_and_tips_name_label_and_speaker() {
        let doc = Doc::from_document(fixture());
        let all = marks(&doc, &None, &Filters::default());
        let text = |m: &Mark| crate::state::slice_cp(&doc.text, m.start, m.end).to_string();
        let got: Vec<(String, String)> = all.iter().map(|m| (m.aria(&text(m)), m.tip(&text(m)))).collect();
        let has = |aria: &str, tip: &str| got.iter().any(|(a, t)| a == aria && t == tip);
        assert!(has("PERSON Ana Ruiz", "PERSON · Ana Ruiz · 2 mentions · found automatically"), "{got:?}");
        assert!(has("LOC Oslo", "LOC · Oslo · 1 mention · found automatically"), "{got:?}");
        assert!(has("direct quote by Ana Ruiz: “We will build it.”", "Direct quote · speaker: Ana Ruiz · cue: “said” · found automatically"), "{got:?}");
        assert!(has("cue “said” of direct quote by Ana Ruiz", "Direct quote · speaker: Ana Ruiz · cue: “said” · found automatically"), "{got:?}");
        assert!(has("indirect quote by Officials: it was late", "Indirect quote · speaker: Officials · cue: “said” · found automatically"), "{got:?}");
        assert!(has("speaker Officials of indirect quote", "Indirect quote · speaker: Officials · cue: “said” · found automatically"), "{got:?}");
    }
}
