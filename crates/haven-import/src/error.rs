//! The one error type of the importers: where, what, what was expected, how
//! to fix it — always printed on one line.

use std::fmt;

/// What kind of problem an [`ImportError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (missing, permissions, I/O failure).
    Io,
    /// The file is empty or holds only blank lines.
    Empty,
    /// The bytes are not text in a supported encoding (binary data,
    /// invalid UTF-8 or UTF-16).
    NotText,
    /// The format could not be recognised from the content or the name.
    UnknownFormat,
    /// A line, record or value does not follow the format's grammar.
    Malformed,
    /// A date or time is missing, corrupt or out of range.
    BadTime,
    /// The input ends in the middle of a structure (truncated JSON…).
    Truncated,
    /// More than two people speak and no `--pair` was given.
    GroupChat,
    /// A name given with `--me` or `--pair` is not a participant.
    UnknownName,
    /// The export holds no messages at all.
    NoMessages,
    /// A zip archive is corrupt, holds no chat, or is unsafe to unpack.
    Archive,
    /// A SQLite database could not be read as an iMessage `chat.db`.
    Database,
    /// The `TZ` environment variable names no known time zone.
    TimeZone,
    /// One message is longer than [`haven_core::MAX_MESSAGE_BYTES`].
    TooLarge,
}

/// Where in the input a problem was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// The file as a whole.
    Whole,
    /// A 1-based line number.
    Line(u64),
    /// A 1-based line and column.
    LineColumn(u64, u64),
    /// A 0-based byte offset.
    Byte(u64),
    /// A named record where lines mean nothing (a database row, a JSON
    /// array element): printed as given.
    Entry(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Whole => Ok(()),
            Location::Line(n) => write!(f, "{n}"),
            Location::LineColumn(l, c) => write!(f, "{l}:{c}"),
            Location::Byte(b) => write!(f, "byte {b}"),
            Location::Entry(s) => f.write_str(s),
        }
    }
}

/// An import failure (or, under `lenient`, a skipped record).
///
/// Its [`Display`](fmt::Display) is always one line:
/// `<file>:<line or byte offset>: <what went wrong>; expected <...>; <how to fix>`
/// (file-wide problems have no location part).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    // Boxed so that `Result<_, ImportError>` stays one pointer wide.
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    file: String,
    location: Location,
    what: String,
    expected: String,
    fix: String,
    participants: Vec<String>,
}

/// Replace line breaks and other control characters so that the message
/// stays on one line.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

impl ImportError {
    /// Build an error. Every text part is flattened to one line.
    pub fn new(
        kind: ErrorKind,
        file: impl AsRef<str>,
        location: Location,
        what: impl AsRef<str>,
        expected: impl AsRef<str>,
        fix: impl AsRef<str>,
    ) -> Self {
        let location = match location {
            Location::Entry(s) => Location::Entry(one_line(&s)),
            other => other,
        };
        ImportError {
            inner: Box::new(Inner {
                kind,
                file: one_line(file.as_ref()),
                location,
                what: one_line(what.as_ref()),
                expected: one_line(expected.as_ref()),
                fix: one_line(fix.as_ref()),
                participants: Vec::new(),
            }),
        }
    }

    pub(crate) fn with_participants(mut self, participants: Vec<String>) -> Self {
        self.inner.participants = participants;
        self
    }

    /// What kind of problem this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The file (or `archive.zip/entry`) the problem is in.
    pub fn file(&self) -> &str {
        &self.inner.file
    }

    /// Where in the file.
    pub fn location(&self) -> &Location {
        &self.inner.location
    }

    /// The 1-based line, when the problem has one.
    pub fn line(&self) -> Option<u64> {
        match self.inner.location {
            Location::Line(l) | Location::LineColumn(l, _) => Some(l),
            _ => None,
        }
    }

    /// What went wrong.
    pub fn what(&self) -> &str {
        &self.inner.what
    }

    /// What the importer expected to find.
    pub fn expected(&self) -> &str {
        &self.inner.expected
    }

    /// How to fix it.
    pub fn fix(&self) -> &str {
        &self.inner.fix
    }

    /// For [`ErrorKind::GroupChat`] and [`ErrorKind::UnknownName`]: everyone
    /// who speaks in the export, in order of first message.
    pub fn participants(&self) -> &[String] {
        &self.inner.participants
    }

    pub(crate) fn io(file: &str, err: &std::io::Error) -> Self {
        ImportError::new(
            ErrorKind::Io,
            file,
            Location::Whole,
            format!("cannot read the file: {err}"),
            "a readable file",
            "check the path and the file's permissions",
        )
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.file)?;
        if self.inner.location != Location::Whole {
            write!(f, ":{}", self.inner.location)?;
        }
        write!(f, ": {}; expected {}; {}", self.inner.what, self.inner.expected, self.inner.fix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line() {
        let e = ImportError::new(ErrorKind::Malformed, "chat.txt", Location::Line(12), "bad\nthing", "a date", "fix it\r\n");
        assert_eq!(e.to_string(), "chat.txt:12: bad thing; expected a date; fix it");
        let e = ImportError::new(ErrorKind::Empty, "a", Location::Byte(3), "w", "e", "f");
        assert_eq!(e.to_string(), "a:byte 3: w; expected e; f");
    }
}
