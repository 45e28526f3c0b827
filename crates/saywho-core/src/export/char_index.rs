//! Code-point offsets over one text: what the exchange format counts in
//! (`start`/`end` are Unicode code points) against the byte offsets Rust
//! slices by. Built once per text, so each span costs O(1) to locate however
//! long the document is; ASCII text needs no table at all.

pub(crate) struct CharIndex<'a> {
    pub text: &'a str,
    /// Byte offset of each code point, plus the text's length at the end;
    /// empty for ASCII text, where code points are bytes.
    bytes: Vec<usize>,
    len: usize,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex { text, bytes: Vec::new(), len: text.len() };
        }
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let len = bytes.len();
        bytes.push(text.len());
        CharIndex { text, bytes, len }
    }

    /// How many code points the text has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The byte offset of code point `ch` (at most the text's length).
    pub fn byte(&self, ch: usize) -> usize {
        if self.bytes.is_empty() {
            ch.min(self.len)
        } else {
            self.bytes[ch.min(self.len)]
        }
    }

    /// The code point at byte offset `b` (a char boundary).
    pub fn char_at_byte(&self, b: usize) -> usize {
        if self.bytes.is_empty() {
            b
        } else {
            self.bytes.partition_point(|&x| x < b)
        }
    }

    /// The text between code points `a` and `b`, clamped to the text.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        let (a, b) = (self.byte(a), self.byte(b));
        &self.text[a..b.max(a)]
    }
}

/// The code-point span of the first `needle` in `text` (for tests that build
/// documents by hand).
#[cfg(test)]
pub(crate) fn span_of(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).expect("needle in the text");
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_and_bytes_agree() {
        for text in ["Ahmed said it.", "The café’s owner 😀 agreed.", ""] {
            let ix = CharIndex::new(text);
            assert_eq!(ix.len(), text.chars().count());
            for (ch, (b, _)) in text.char_indices().enumerate() {
                assert_eq!((ix.byte(ch), ix.char_at_byte(b)), (b, ch), "{text:?} @ {ch}");
            }
            assert_eq!(ix.slice(0, ix.len() + 5), text, "clamped");
            assert_eq!(ix.slice(3, 1), "", "reversed is empty");
        }
        assert_eq!(CharIndex::new("a😀b").slice(1, 2), "😀");
        assert_eq!(span_of("café’s owner", "owner"), (7, 12));
    }
}
