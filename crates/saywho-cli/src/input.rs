//! Reading a document: from a file or stdin, as UTF-8, with errors that say
//! where the problem is.

use std::io::Read;

/// A file or stdin that could not be turned into text.
#[derive(Debug)]
pub struct InputError(pub String);

/// Reads `path` (`-` for stdin) as UTF-8 text. A leading byte order mark is
/// dropped: it marks the encoding, it is not part of the article.
pub fn read_text(path: &str) -> Result<String, InputError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| InputError(format!("cannot read standard input: {}", io_message(&e))))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| InputError(format!("cannot read {path}: {}", io_message(&e))))?
    };
    decode(bytes).map_err(|why| InputError(format!("{} {why}", display_name(path))))
}

pub fn display_name(path: &str) -> &str {
    if path == "-" {
        "standard input"
    } else {
        path
    }
}

/// UTF-8 text from bytes, or why not ("is not UTF-8 text: …").
pub fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with("\u{FEFF}".as_bytes()) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        not_utf8(bytes, e.utf8_error().valid_up_to())
    })
}

/// "is not UTF-8 text: byte 0xE9 at byte offset 6 (line 1) …".
pub fn not_utf8(bytes: &[u8], at: usize) -> String {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let byte = bytes.get(at).map_or(String::from("end"), |b| format!("0x{b:02X}"));
    format!(
        "is not UTF-8 text: invalid byte {byte} at byte offset {at} (line {line}). \
         Convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
    )
}

/// An io::Error without the "(os error 2)" tail, which means nothing to a reader.
pub fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"plain", Ok("plain")),
            ("\u{FEFF}caf\u{e9}".as_bytes(), Ok("café")),
            ("“quoted”".as_bytes(), Ok("“quoted”")),
            (b"", Ok("")),
            (b"caf\xe9 au lait", Err("invalid byte 0xE9 at byte offset 3 (line 1)")),
            (b"one\ntwo\n\xff", Err("invalid byte 0xFF at byte offset 8 (line 3)")),
            // A multi-byte character cut short at the end of the input.
            (b"ab\xe2\x80", Err("invalid byte 0xE2 at byte offset 2 (line 1)")),
        ];
        for (input, want) in cases {
            let got = decode(input.to_vec());
            match want {
                Ok(s) => assert_eq!(got.as_deref(), Ok(*s)),
                Err(fragment) => assert!(got.as_ref().unwrap_err().contains(fragment), "{got:?}"),
            }
        }
    }
}
