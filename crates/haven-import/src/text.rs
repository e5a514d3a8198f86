//! Text decoding (UTF-8, UTF-16 with or without BOM) and a bounded,
//! position-tracking line reader.

use std::borrow::Cow;
use std::io::BufRead;

use crate::error::{ErrorKind, ImportError, Location};

/// Lines longer than this are refused rather than buffered.
pub(crate) const MAX_LINE: usize = 64 * 1024 * 1024;

/// The encoding a head of bytes announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// Guess the encoding: a BOM, or the tell-tale zero bytes of ASCII text in
/// UTF-16.
pub(crate) fn detect_encoding(head: &[u8]) -> Encoding {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16Le;
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16Be;
    }
    let n = head.len().min(64) & !1;
    if n >= 8 {
        let pairs = &head[..n];
        let even_zero = pairs.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd_zero = pairs.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let half = n / 2;
        if odd_zero == half && even_zero == 0 {
            return Encoding::Utf16Le;
        }
        if even_zero == half && odd_zero == 0 {
            return Encoding::Utf16Be;
        }
    }
    Encoding::Utf8
}

fn line_of(bytes: &[u8], offset: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() as u64 + 1
}

/// Decode a whole input to text: UTF-8 (BOM dropped) or UTF-16 (BOM or
/// detected). Empty input, binary data and invalid encodings are errors that
/// say where.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, ImportError> {
    let text: Cow<'a, str> = match detect_encoding(bytes) {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            if let Some(nul) = memchr::memchr(0, &body[..body.len().min(8192)]) {
                return Err(not_text(file, bytes, nul + (bytes.len() - body.len())));
            }
            match std::str::from_utf8(body) {
                Ok(s) => Cow::Borrowed(s),
                Err(e) => {
                    let off = e.valid_up_to() + (bytes.len() - body.len());
                    return Err(not_text(file, bytes, off));
                }
            }
        }
        enc => {
            let body = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) { &bytes[2..] } else { bytes };
            Cow::Owned(decode_utf16(file, body, enc == Encoding::Utf16Be, bytes.len() - body.len())?)
        }
    };
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').is_empty() {
        return Err(empty(file));
    }
    Ok(text)
}

fn decode_utf16(file: &str, body: &[u8], be: bool, base: usize) -> Result<String, ImportError> {
    if !body.len().is_multiple_of(2) {
        return Err(ImportError::new(
            ErrorKind::NotText,
            file,
            Location::Byte((base + body.len() - 1) as u64),
            "UTF-16 text with an odd number of bytes (cut short?)",
            "complete UTF-16 text",
            "re-save the file as UTF-8",
        ));
    }
    let units = body.chunks_exact(2).map(|c| if be { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) });
    let mut out = String::with_capacity(body.len() / 2);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(ImportError::new(
                    ErrorKind::NotText,
                    file,
                    Location::Byte((base + i * 2) as u64),
                    "invalid UTF-16 (unpaired surrogate)",
                    "valid UTF-16 or UTF-8 text",
                    "re-save the file as UTF-8",
                ))
            }
        }
    }
    Ok(out.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(out))
}

pub(crate) fn empty(file: &str) -> ImportError {
    ImportError::new(
        ErrorKind::Empty,
        file,
        Location::Line(1),
        "the file is empty",
        "a chat export or transcript with at least one message",
        "export the chat again, or check that you picked the right file",
    )
}

pub(crate) fn not_text(file: &str, bytes: &[u8], offset: usize) -> ImportError {
    let binary = bytes[..bytes.len().min(8192)].iter().filter(|&&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b))).count() > 0;
    let what = if binary {
        format!("binary data, not text (line {})", line_of(bytes, offset))
    } else {
        format!("invalid UTF-8 text (line {})", line_of(bytes, offset))
    };
    ImportError::new(
        ErrorKind::NotText,
        file,
        Location::Byte(offset as u64),
        what,
        "a UTF-8 (or UTF-16) text export, a JSON export, a zip or a chat.db",
        "check that this is the exported chat file; if it is text in another encoding, re-save it as UTF-8",
    )
}

/// A line reader that tracks line numbers and byte offsets, refuses
/// over-long lines, strips `\r\n` and a leading BOM, and validates UTF-8.
pub(crate) struct Lines<R> {
    r: R,
    buf: Vec<u8>,
    /// 1-based number of the line last returned.
    pub line: u64,
    /// Byte offset of the start of the line last returned.
    pub offset: u64,
    next_offset: u64,
}

/// One line, or where it stops being UTF-8.
pub(crate) enum Line<'a> {
    Text(&'a str),
    /// Not UTF-8: the byte offset (in the file) of the first bad byte.
    Invalid(u64),
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(r: R) -> Self {
        Lines { r, buf: Vec::with_capacity(256), line: 0, offset: 0, next_offset: 0 }
    }

    /// The next line, `None` at the end.
    pub(crate) fn next_line(&mut self) -> std::io::Result<Option<(u64, Line<'_>)>> {
        self.buf.clear();
        let mut total = 0usize;
        loop {
            let avail = self.r.fill_buf()?;
            if avail.is_empty() {
                break;
            }
            match memchr::memchr(b'\n', avail) {
                Some(i) => {
                    self.buf.extend_from_slice(&avail[..=i]);
                    total += i + 1;
                    self.r.consume(i + 1);
                    break;
                }
                None => {
                    let n = avail.len();
                    if self.buf.len() + n > MAX_LINE {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            format!("line {} is longer than {} MiB", self.line + 1, MAX_LINE >> 20),
                        ));
                    }
                    self.buf.extend_from_slice(avail);
                    total += n;
                    self.r.consume(n);
                }
            }
        }
        if total == 0 {
            return Ok(None);
        }
        self.line += 1;
        self.offset = self.next_offset;
        self.next_offset += total as u64;
        let mut s: &[u8] = &self.buf;
        if s.last() == Some(&b'\n') {
            s = &s[..s.len() - 1];
        }
        if s.last() == Some(&b'\r') {
            s = &s[..s.len() - 1];
        }
        let mut skip = 0;
        if self.line == 1 && s.starts_with(b"\xEF\xBB\xBF") {
            skip = 3;
            s = &s[3..];
        }
        let line = match std::str::from_utf8(s) {
            Ok(t) => Line::Text(t),
            Err(e) => Line::Invalid(self.offset + (skip + e.valid_up_to()) as u64),
        };
        Ok(Some((self.line, line)))
    }
}

/// The error for a line that is not UTF-8.
pub(crate) fn invalid_line(file: &str, line: u64, offset: u64) -> ImportError {
    ImportError::new(
        ErrorKind::NotText,
        file,
        Location::Line(line),
        format!("invalid UTF-8 at byte {offset}"),
        "UTF-8 text",
        "re-save the file as UTF-8, or pass --lenient to skip this line",
    )
}

/// The error for an I/O failure while reading lines (including over-long
/// lines).
pub(crate) fn read_error(file: &str, line: u64, e: &std::io::Error) -> ImportError {
    ImportError::new(
        ErrorKind::Io,
        file,
        Location::Line(line + 1),
        format!("cannot read: {e}"),
        "a readable text file with lines of reasonable length",
        "check that the file is a complete text export",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_decodes() {
        let mut b = vec![0xFF, 0xFE];
        for u in "héllo\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("f", &b).unwrap(), "héllo\n");
        let mut be = vec![];
        for u in "hello there\n".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode("f", &be).unwrap(), "hello there\n");
    }

    #[test]
    fn lines_track_positions() {
        let data = b"\xEF\xBB\xBFone\r\ntwo\n\xFFx\nlast";
        let mut l = Lines::new(&data[..]);
        assert!(matches!(l.next_line().unwrap(), Some((1, Line::Text("one")))));
        assert!(matches!(l.next_line().unwrap(), Some((2, Line::Text("two")))));
        assert!(matches!(l.next_line().unwrap(), Some((3, Line::Invalid(12)))));
        assert_eq!(l.line, 3);
        assert!(matches!(l.next_line().unwrap(), Some((4, Line::Text("last")))));
        assert!(l.next_line().unwrap().is_none());
    }
}
