//! Readers for the training and evaluation corpora (CoNLL-U with GUM's
//! `Entity=` annotations, and Universal NER IOB2), working on `&str` so the
//! core itself never touches files; the trainer and tests read the files.


/// A syntactic word of a CoNLL-U file.
#[derive(Debug, Clone)]
pub struct Word {
    pub form: String,
    pub xpos: String,
    /// Document index of the syntactic head; `None` for the root.
    pub head: Option<usize>,
    pub misc: String,
    pub space_after: bool,
}

/// A multiword token ("Trump's" = "Trump" + "'s"): its surface form covers
/// words `first..=last`.
#[derive(Debug, Clone)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
    pub space_after: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// A paragraph starts with this sentence.
    pub newpar: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub id: String,
    pub words: Vec<Word>,
    pub sentences: Vec<Sentence>,
    pub multiwords: Vec<MultiWord>,
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// Parses CoNLL-U into documents (split at `# newdoc`). Malformed lines are skipped.
pub fn parse_conllu(text: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut newpar = false;
    let mut sent_start: Option<usize> = None;
    let mut pending_heads: Vec<(usize, usize)> = Vec::new(); // (word, 1-based head in sentence)
    fn close(doc: &mut Doc, start: &mut Option<usize>, newpar: &mut bool, heads: &mut Vec<(usize, usize)>) {
        if let Some(s) = start.take() {
            let end = doc.words.len();
            for (w, h) in heads.drain(..) {
                doc.words[w].head = (h > 0 && s + h - 1 < end).then(|| s + h - 1);
            }
            if end > s {
                doc.sentences.push(Sentence { start: s, end, newpar: *newpar });
            }
            *newpar = false;
        }
    }
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(id) = c.strip_prefix("newdoc id =") {
                if let Some(d) = docs.last_mut() {
                    close(d, &mut sent_start, &mut newpar, &mut pending_heads);
                }
                docs.push(Doc { id: id.trim().to_string(), ..Doc::default() });
                newpar = true;
            } else if c == "newpar" || c.starts_with("newpar ") || c.starts_with("newpar_block") {
                newpar = true;
            }
            continue;
        }
        if line.trim().is_empty() {
            if let Some(d) = docs.last_mut() {
                close(d, &mut sent_start, &mut newpar, &mut pending_heads);
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            continue;
        }
        if docs.is_empty() {
            docs.push(Doc::default());
        }
        let doc = docs.last_mut().expect("a document exists");
        if sent_start.is_none() {
            sent_start = Some(doc.words.len());
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                let s = sent_start.unwrap_or(0);
                if a >= 1 && b >= a {
                    doc.multiwords.push(MultiWord { first: s + a - 1, last: s + b - 1, form: cols[1].to_string(), space_after: space_after(cols[9]) });
                }
            }
            continue;
        }
        let head = cols[6].parse::<usize>().unwrap_or(0);
        pending_heads.push((doc.words.len(), head));
        doc.words.push(Word {
            form: cols[1].to_string(),
            xpos: cols[4].to_string(),
            head: None,
            misc: cols[9].to_string(),
            space_after: space_after(cols[9]),
        });
    }
    if let Some(d) = docs.last_mut() {
        close(d, &mut sent_start, &mut newpar, &mut pending_heads);
    }
    docs.retain(|d| !d.words.is_empty());
    docs
}

impl Doc {
    /// Sentence ranges (word indices, end exclusive).
    pub fn sentence_ranges(&self) -> Vec<(usize, usize)> {
        self.sentences.iter().map(|s| (s.start, s.end)).collect()
    }

    /// The raw text (multiword tokens in their surface form, `SpaceAfter=No`
    /// respected, a line break between paragraphs) and each word's byte range
    /// in it (the words of a multiword token share its range).
    pub fn raw_text(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut ranges = vec![(0, 0); self.words.len()];
        let mut mw = self.multiwords.iter().peekable();
        let mut para_start = std::collections::HashSet::new();
        for s in &self.sentences {
            if s.newpar {
                para_start.insert(s.start);
            }
        }
        let mut sent_start = std::collections::HashSet::new();
        for s in &self.sentences {
            sent_start.insert(s.start);
        }
        let mut i = 0;
        let mut space = false;
        while i < self.words.len() {
            if i > 0 {
                if para_start.contains(&i) {
                    text.push('\n');
                } else if space || sent_start.contains(&i) {
                    text.push(' ');
                }
            }
            while mw.peek().is_some_and(|m| m.first < i) {
                mw.next();
            }
            let start = text.len();
            if let Some(m) = mw.peek().filter(|m| m.first == i && m.last < self.words.len()) {
                text.push_str(&m.form);
                // "Trump's" = "Trump" + "'s": give each word its own bytes when
                // the forms spell the token; otherwise they share its range.
                let parts = &self.words[m.first..=m.last];
                if parts.iter().map(|w| w.form.as_str()).collect::<String>() == m.form {
                    let mut p = start;
                    for (r, w) in ranges[m.first..=m.last].iter_mut().zip(parts) {
                        *r = (p, p + w.form.len());
                        p += w.form.len();
                    }
                } else {
                    for r in &mut ranges[m.first..=m.last] {
                        *r = (start, text.len());
                    }
                }
                space = m.space_after;
                i = m.last + 1;
                mw.next();
            } else {
                text.push_str(&self.words[i].form);
                ranges[i] = (start, text.len());
                space = self.words[i].space_after;
                i += 1;
            }
        }
        (text, ranges)
    }

    /// GUM's named entities as (start, end exclusive, type index into
    /// [`super::ner::TYPES`]) over the document's words.
    ///
    /// A mention is named when its syntactic head is a proper noun. Types:
    /// person → PERSON (plural, "Americans" → MISC), organization → ORG,
    /// place → LOC, time is skipped, anything else → MISC. The span is the
    /// run of proper nouns (with inner "of", "and", "&", "the", hyphens and
    /// trailing numbers) around the head; person spans lose leading titles
    /// ("U.S. President Donald Trump" → "Donald Trump"). Of nested mentions
    /// the outermost named one wins. A mention headed by a common noun gives
    /// the name it ends with where no other mention covers it
    /// ([`Doc::appositive_name`]: "the physician Yang Buwei").
    pub fn gum_entities(&self) -> Vec<(usize, usize, usize)> {
        let mentions = self.gum_mentions();
        let n = self.words.len();
        let prop = |k: usize| matches!(self.words[k].xpos.as_str(), "NNP" | "NNPS");
        let connector = |k: usize| {
            matches!(self.words[k].form.as_str(), "of" | "and" | "&" | "the" | "de" | "du" | "la" | "von" | "van" | "der" | "for" | "-" | "on")
        };
        let mut named: Vec<(usize, usize, usize, usize, usize)> = Vec::new(); // (outer len, a, b, type, s)
        for (s, e, etype) in mentions {
            if e > n || s >= e {
                continue;
            }
            let head = (s..e).find(|&k| self.words[k].head.is_none_or(|h| h < s || h >= e)).unwrap_or(s);
            let mut ty = match etype.as_str() {
                "person" => 0,
                "organization" => 1,
                "place" => 2,
                "time" | "quantity" => continue,
                _ => 3,
            };
            if !prop(head) {
                if let Some((a, b)) = self.appositive_name(s, e, ty) {
                    named.push((0, a, b, ty, s));
                }
                continue;
            }
            if ty == 0 && self.words[head].xpos == "NNPS" {
                ty = 3;
            }
            let (mut a, mut b) = (head, head + 1);
            loop {
                if a > s && prop(a - 1) {
                    a -= 1;
                } else if a > s + 1 && connector(a - 1) && prop(a - 2) {
                    a -= 2;
                } else {
                    break;
                }
            }
            loop {
                if b < e && (prop(b) || self.words[b].xpos == "CD") {
                    b += 1;
                } else if b + 1 < e && connector(b) && prop(b + 1) {
                    b += 2;
                } else {
                    break;
                }
            }
            if ty == 0 {
                if let Some(k) = (a..b - 1).rev().find(|&k| super::gazetteer::is_title(&self.words[k].form)) {
                    a = k + 1;
                }
                if b - a == 1 && super::gazetteer::is_title(&self.words[a].form) {
                    continue;
                }
            }
            while a < b && (self.words[a].xpos == "DT" || self.words[a].xpos == "HYPH") {
                a += 1;
            }
            if a < b {
                named.push((e - s, a, b, ty, s));
            }
        }
        named.sort_by(|x, y| y.0.cmp(&x.0).then(x.4.cmp(&y.4)));
        let mut taken = vec![false; n];
        let mut out = Vec::new();
        for (_, a, b, ty, _) in named {
            if taken[a..b].iter().any(|&t| t) {
                continue;
            }
            taken[a..b].iter_mut().for_each(|t| *t = true);
            out.push((a, b, ty));
        }
        out.sort();
        out
    }

    /// The name a mention headed by a common noun ends with, when GUM gives
    /// it no mention of its own: "the physician [Yang Buwei]", "music
    /// journalist [Stanley Mitchell]", "his brother [Alfred]" (the person
    /// mention's type), "the state of [Arizona]" (a place mention's); other
    /// trailing names ("a friend of Alexander Hamilton", "members of the
    /// Society") have their own type, unknown here. Universal NER tags
    /// such names, so they must not be O in the training data. Only used
    /// where no named mention covers the words (lowest priority).
    fn appositive_name(&self, s: usize, e: usize, ty: usize) -> Option<(usize, usize)> {
        let prop = |k: usize| matches!(self.words[k].xpos.as_str(), "NNP" | "NNPS");
        let joins = |k: usize| matches!(self.words[k].form.as_str(), "-" | "du" | "de" | "la" | "von" | "van" | "der");
        if ty == 3 || !prop(e - 1) {
            return None;
        }
        let mut a = e - 1;
        while a > s && (prop(a - 1) || (a > s + 1 && joins(a - 1) && prop(a - 2))) {
            a -= if prop(a - 1) { 1 } else { 2 };
        }
        if a == s {
            return None;
        }
        let before = &self.words[a - 1];
        let noun = matches!(before.xpos.as_str(), "NN" | "NNS") || super::gazetteer::is_title(&before.form);
        let ok = match ty {
            0 | 1 => noun,
            _ => noun || before.form == "of",
        };
        if !ok {
            return None;
        }
        if ty == 0 {
            if let Some(k) = (a..e).rev().find(|&k| super::gazetteer::is_title(&self.words[k].form)) {
                a = k + 1;
            }
        }
        (a < e).then_some((a, e))
    }

    /// Every `Entity=` mention: (start, end exclusive, entity type).
    fn gum_mentions(&self) -> Vec<(usize, usize, String)> {
        let mut open: Vec<(String, usize, String)> = Vec::new(); // (id, start, type)
        let mut out = Vec::new();
        for (i, w) in self.words.iter().enumerate() {
            let Some(v) = w.misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else { continue };
            let mut s = v;
            while !s.is_empty() {
                if let Some(rest) = s.strip_prefix('(') {
                    let end = rest.find(['(', ')']).unwrap_or(rest.len());
                    let body = &rest[..end];
                    let mut fields = body.split('-');
                    let id = fields.next().unwrap_or("").to_string();
                    let ty = fields.next().unwrap_or("").to_string();
                    s = &rest[end..];
                    if let Some(r) = s.strip_prefix(')') {
                        out.push((i, i + 1, ty));
                        s = r;
                    } else {
                        open.push((id, i, ty));
                    }
                } else {
                    let end = s.find(')').unwrap_or(s.len());
                    let id = &s[..end];
                    if let Some(k) = open.iter().rposition(|(o, _, _)| o == id) {
                        let (_, start, ty) = open.remove(k);
                        out.push((start, i + 1, ty));
                    }
                    s = s.get(end + 1..).unwrap_or("");
                }
            }
        }
        out
    }
}

/// A sentence of an IOB2 file: words and typed spans.
#[derive(Debug, Clone, Default)]
pub struct IobDoc {
    pub id: String,
    pub words: Vec<String>,
    /// (start, end exclusive, type index into [`super::ner::TYPES`]).
    pub spans: Vec<(usize, usize, usize)>,
    /// Sentence ranges (word indices, end exclusive).
    pub sentences: Vec<(usize, usize)>,
}

/// Builds [`IobDoc`]s from (word, tag) lines; shared by the IOB2 (UNER) and
/// IOB1 (Wikigold) readers, which differ only in their line layout. `I-X`
/// continues an open span of type X and otherwise opens one (IOB1), `B-X`
/// always opens one; `O`, an empty type and `B-O` (a stray tag in the
/// UNER train file) are outside any span.
#[derive(Default)]
struct IobBuilder {
    docs: Vec<IobDoc>,
    open: Option<(usize, usize)>,
}

impl IobBuilder {
    fn close(&mut self) {
        if let (Some((s, t)), Some(d)) = (self.open.take(), self.docs.last_mut()) {
            d.spans.push((s, d.words.len(), t));
        }
    }

    fn new_doc(&mut self, id: &str) {
        self.end_sentence();
        self.docs.push(IobDoc { id: id.to_string(), ..IobDoc::default() });
    }

    fn end_sentence(&mut self) {
        self.close();
        if let Some(d) = self.docs.last_mut() {
            let start = d.sentences.last().map_or(0, |x| x.1);
            if d.words.len() > start {
                d.sentences.push((start, d.words.len()));
            }
        }
    }

    fn word(&mut self, word: &str, tag: &str) {
        if self.docs.is_empty() {
            self.docs.push(IobDoc::default());
        }
        let ty = |t: &str| match t {
            "PER" => Some(0),
            "ORG" => Some(1),
            "LOC" => Some(2),
            "O" | "" => None,
            _ => Some(3),
        };
        let (begin, t) = match (tag.strip_prefix("B-"), tag.strip_prefix("I-")) {
            (Some(t), _) => (true, ty(t)),
            (_, Some(t)) => (false, ty(t)),
            _ => (true, None),
        };
        match t {
            None => self.close(),
            Some(t) if begin || self.open.is_none_or(|(_, ot)| ot != t) => {
                self.close();
                let n = self.docs.last().map_or(0, |d| d.words.len());
                self.open = Some((n, t));
            }
            Some(_) => {}
        }
        if let Some(d) = self.docs.last_mut() {
            d.words.push(word.to_string());
        }
    }

    fn finish(mut self) -> Vec<IobDoc> {
        self.end_sentence();
        self.docs.retain(|d| !d.words.is_empty());
        self.docs
    }
}

/// Parses Universal NER IOB2 (`index\tword\tB-PER\t…`) into documents
/// (split at `# newdoc`); PER/ORG/LOC map to PERSON/ORG/LOC, anything else
/// (OTH) to MISC; `B-O` is O.
pub fn parse_iob2(text: &str) -> Vec<IobDoc> {
    let mut b = IobBuilder::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("newdoc id =") {
                b.new_doc(id.trim());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            b.end_sentence();
        } else {
            b.word(cols[1], cols[2]);
        }
    }
    b.finish()
}

/// Parses CoNLL-2003-style IOB1 text (`word TAG` per line, a blank line
/// between sentences, `-DOCSTART-` between documents), as Wikigold is;
/// PER/ORG/LOC map to PERSON/ORG/LOC and MISC to MISC (the export's label).
/// Documents are named `prefix-N`.
pub fn parse_iob1(text: &str, prefix: &str) -> Vec<IobDoc> {
    let mut b = IobBuilder::default();
    let mut n = 0usize;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let mut cols = line.split_whitespace();
        match (cols.next(), cols.next_back()) {
            (Some("-DOCSTART-"), _) => {
                n += 1;
                b.new_doc(&format!("{prefix}-{n}"));
            }
            (Some(w), Some(tag)) => b.word(w, tag),
            (Some(w), None) => b.word(w, "O"),
            _ => b.end_sentence(),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUM: &str = "# newdoc id = d1\n# newpar\n# text = U.S. President Donald Trump's visit to the University of Portsmouth, United Kingdom.\n\
1\tU.S.\tU.S.\tPROPN\tNNP\t_\t4\tcompound\t_\tEntity=(1-person-new-x-cf1-1-coref-Donald_Trump(2-place-new-x-cf2-1-coref)\n\
2\tPresident\tpresident\tPROPN\tNNP\t_\t4\tcompound\t_\t_\n\
3\tDonald\tDonald\tPROPN\tNNP\t_\t4\tflat\t_\t_\n\
4-5\tTrump's\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tTrump\tTrump\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_\n\
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\tEntity=1)\n\
6\tvisit\tvisit\tNOUN\tNN\t_\t0\troot\t_\t_\n\
7\tto\tto\tADP\tIN\t_\t10\tcase\t_\t_\n\
8\tthe\tthe\tDET\tDT\t_\t9\tdet\t_\tEntity=(3-organization-new-x-cf3-1-sgl\n\
9\tUniversity\tUniversity\tPROPN\tNNP\t_\t6\tnmod\t_\t_\n\
10\tof\tof\tADP\tIN\t_\t11\tcase\t_\t_\n\
11\tPortsmouth\tPortsmouth\tPROPN\tNNP\t_\t9\tnmod\t_\tEntity=(4-place-new-x-cf4-1-sgl|SpaceAfter=No\n\
12\t,\t,\tPUNCT\t,\t_\t14\tpunct\t_\t_\n\
13\tUnited\tUnited\tPROPN\tNNP\t_\t14\tamod\t_\tEntity=(5-place-new-x-cf5-1-coref\n\
14\tKingdom\tKingdom\tPROPN\tNNP\t_\t11\tappos\t_\tEntity=5)4)3)|SpaceAfter=No\n\
15\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n\
\n\
# newpar\n\
1\tMonday\tMonday\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(6-time-new-x-cf1-1-sgl)\n\
2\tIt\tit\tPRON\tPRP\t_\t1\tdep\t_\tEntity=(7-abstract-new-x-cf1-1-sgl)\n\n";

    #[test]
    fn gum_words_text_and_entities() {
        let docs = parse_conllu(GUM);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.words.len(), 17);
        assert_eq!(d.sentences.len(), 2);
        let (text, ranges) = d.raw_text();
        assert_eq!(text, "U.S. President Donald Trump's visit to the University of Portsmouth, United Kingdom.\nMonday It");
        assert_eq!(&text[ranges[3].0..ranges[3].1], "Trump");
        assert_eq!(&text[ranges[4].0..ranges[4].1], "'s");
        assert_eq!(&text[ranges[10].0..ranges[10].1], "Portsmouth");
        let names: Vec<(String, &str)> = d
            .gum_entities()
            .into_iter()
            .map(|(a, b, t)| (d.words[a..b].iter().map(|w| w.form.as_str()).collect::<Vec<_>>().join(" "), crate::ml::ner::TYPES[t]))
            .collect();
        let want = [("U.S.", "LOC"), ("Donald Trump", "PERSON"), ("University of Portsmouth", "ORG"), ("United Kingdom", "LOC")];
        assert_eq!(names, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
    }

    /// `rows`: "form XPOS head Entity" per word (head 1-based, 0 root;
    /// Entity as in GUM's MISC column, `_` for none); `want`: the named
    /// entities as "words/TYPE".
    fn check_entities(rows: &[&str], want: &[&str]) {
        let mut src = String::from("# newdoc id = t\n");
        for (i, r) in rows.iter().enumerate() {
            let c: Vec<&str> = r.split(' ').collect();
            let misc = if c[3] == "_" { "_".to_string() } else { format!("Entity={}", c[3]) };
            src.push_str(&format!("{}\t{}\t_\t_\t{}\t_\t{}\tdep\t_\t{misc}\n", i + 1, c[0], c[1], c[2]));
        }
        let d = parse_conllu(&(src + "\n")).remove(0);
        let got: Vec<String> = d
            .gum_entities()
            .into_iter()
            .map(|(a, b, t)| format!("{}/{}", d.words[a..b].iter().map(|w| w.form.as_str()).collect::<Vec<_>>().join(" "), crate::ml::ner::TYPES[t]))
            .collect();
        assert_eq!(got, want, "{rows:?}");
    }

    #[test]
    fn names_in_mentions_headed_by_common_nouns() {
        // "the physician Yang Buwei": head "physician", the name in apposition.
        check_entities(&["the DT 2 (1-person", "physician NN 0 _", "Yang NNP 2 _", "Buwei NNP 3 1)"], &["Yang Buwei/PERSON"]);
        check_entities(&["music NN 2 (1-person", "journalist NN 0 _", "Stanley NNP 2 _", "Mitchell NNP 3 1)"], &["Stanley Mitchell/PERSON"]);
        check_entities(&["his PRP$ 3 (1-person", "younger JJR 3 _", "brother NN 0 _", "Alfred NNP 3 1)"], &["Alfred/PERSON"]);
        // A title before the name is cut, as for names heading their mention.
        check_entities(&["the DT 3 (1-person", "German JJ 3 _", "officer NN 0 _", "Colonel NNP 5 _", "Rudolf NNP 3 _", "Strasburgh NNP 5 1)"], &["Rudolf Strasburgh/PERSON"]);
        // Places: also after "of".
        check_entities(&["the DT 2 (1-place", "state NN 0 _", "of IN 4 _", "Arizona NNP 2 1)"], &["Arizona/LOC"]);
        // A person's relation to a name is not the name's type: left out.
        check_entities(&["a DT 2 (1-person", "friend NN 0 _", "of IN 5 _", "Alexander NNP 5 _", "Hamilton NNP 2 1)"], &[]);
        check_entities(&["members NNS 0 (1-person", "of IN 4 _", "the DT 4 _", "Society NNP 1 1)"], &[]);
        // A name with its own mention keeps it (and its type).
        check_entities(&["the DT 2 (1-person", "captain NN 0 _", "Harry NNP 2 (2-person", "Kane NNP 3 2)1)"], &["Harry Kane/PERSON"]);
        check_entities(&["the DT 2 (1-organization", "company NN 0 _", "Acme NNP 2 (2-place)1)"], &["Acme/LOC"]);
        // No name at the end, or nothing before it: nothing.
        check_entities(&["the DT 2 (1-person", "doctor NN 0 1)"], &[]);
        check_entities(&["speakers NNS 0 (1-person)"], &[]);
        check_entities(&["Monday NNP 0 (1-time)"], &[]);
    }

    #[test]
    fn iob2_spans() {
        let src = "# newdoc id = a\n# text = x\n1\tJohn\tB-PER\t-\t-\n2\tSmith\tI-PER\t-\t-\n3\tof\tO\t-\t-\n4\tIBM\tB-ORG\t-\t-\n\n1\tParis\tB-LOC\t-\t-\n\n# newdoc id = b\n1\tRome\tI-LOC\t-\t-\n2\tx\tB-MISC\t-\t-\n";
        let docs = parse_iob2(src);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].words, ["John", "Smith", "of", "IBM", "Paris"]);
        assert_eq!(docs[0].spans, vec![(0, 2, 0), (3, 4, 1), (4, 5, 2)]);
        assert_eq!(docs[1].spans, vec![(0, 1, 2), (1, 2, 3)]);
        assert_eq!(docs[0].sentences, vec![(0, 4), (4, 5)]);
        assert_eq!(docs[1].sentences, vec![(0, 2)]);
        // B-O (stray in the UNER train file) is O; OTH is MISC; I- after B- of another type opens a span.
        let src = "# newdoc id = c\n1\tthe\tB-O\t-\n2\tSyrian\tB-OTH\t-\n3\tborder\tO\n4\tAl\tB-ORG\t-\n5\tAni\tI-PER\t-\n6\t.\tB-O\t-\n";
        let docs = parse_iob2(src);
        assert_eq!(docs[0].spans, vec![(1, 2, 3), (3, 4, 1), (4, 5, 0)]);
    }

    #[test]
    fn iob1_documents_sentences_and_spans() {
        // IOB1: I- opens a span, B- separates two adjacent spans of one type.
        let src = "-DOCSTART- O\n\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nplayed O\nin O\nJapanese I-MISC\n. O\n\nParis I-LOC\nLondon B-LOC\n\n-DOCSTART- O\n\nAnna I-PER\n";
        let docs = parse_iob1(src, "wg");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "wg-1");
        assert_eq!(docs[0].words.len(), 9);
        assert_eq!(docs[0].spans, vec![(0, 3, 1), (5, 6, 3), (7, 8, 2), (8, 9, 2)]);
        assert_eq!(docs[0].sentences, vec![(0, 7), (7, 9)]);
        assert_eq!(docs[1].spans, vec![(0, 1, 0)]);
        assert_eq!(docs[1].sentences, vec![(0, 1)]);
    }
}
