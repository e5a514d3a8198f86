//! Readers for the chat exports people already have, producing one shape:
//! a [`Conversation`] of [`Message`]s.
//!
//! Supported formats ([`Format`]): WhatsApp text exports (iOS and Android,
//! every common date and clock style, and the `.zip` export), Telegram
//! Desktop JSON, Facebook Messenger and Instagram JSON, iMessage `chat.db`,
//! the CSV/JSON of Signal export tools, generic CSV, the project's labelled
//! JSON Lines, and WebVTT/SRT transcripts.
//!
//! The format is found from the content first and the file name second
//! ([`sniff`]). Text formats are read streaming ([`stream_path`]); memory
//! stays flat however large the export.
//!
//! Every failure is an [`ImportError`] that prints on one line as
//! `<file>:<line or byte offset>: <what went wrong>; expected <…>; <how to fix>`.
//! A malformed record stops the import unless [`ImportOptions::lenient`] is
//! set, in which case it is skipped and reported in [`Imported::warnings`].
//!
//! Times are RFC 3339 with an offset. A wall-clock time without a zone is
//! taken in the zone named by the `TZ` environment variable (UTC when
//! unset); transcripts give `time` and `end` in seconds from the start.
//!
//! ```
//! use haven_import::{import_bytes, ImportOptions};
//! let chat = "[15/01/2024, 09:12:45] Alex: morning!\n[15/01/2024, 09:13:02] Sam: hey you\n";
//! let got = import_bytes("_chat.txt", chat.as_bytes(), &ImportOptions::default()).unwrap();
//! assert_eq!(got.format.to_string(), "whatsapp");
//! assert_eq!(got.conversation.participants, ["Alex", "Sam"]);
//! assert_eq!(got.conversation.messages[1].text, "hey you");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::str::FromStr;

pub use haven_core::{Conversation, Message};

mod error;
pub mod export;
mod imessage;
mod json;
mod messenger;
mod records;
mod sink;
mod subtitles;
mod telegram;
mod text;
mod time;
pub mod whatsapp;

pub use error::{ErrorKind, ImportError, Location};
pub use imessage::typedstream_text;
pub use json::fix_mojibake;
pub use time::with_time_zone;

use records::Flavour;
use sink::Sink;

/// A source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// WhatsApp "Export chat" text (`_chat.txt`) or its `.zip`.
    WhatsApp,
    /// Telegram Desktop JSON (`result.json`).
    Telegram,
    /// Facebook Messenger JSON (`message_1.json`…).
    Messenger,
    /// Instagram messages JSON (`message_1.json`…).
    Instagram,
    /// iMessage `chat.db` (SQLite).
    IMessage,
    /// CSV or JSON written by Signal export tools.
    Signal,
    /// Generic CSV with a header row.
    Csv,
    /// The project's labelled JSON Lines.
    Jsonl,
    /// WebVTT transcript with `<v Speaker>` tags.
    WebVtt,
    /// SRT subtitles with `NAME:` lines.
    Srt,
}

impl Format {
    /// Every format, in the order of the documentation.
    pub const ALL: [Format; 10] = [
        Format::WhatsApp,
        Format::Telegram,
        Format::Messenger,
        Format::Instagram,
        Format::IMessage,
        Format::Signal,
        Format::Csv,
        Format::Jsonl,
        Format::WebVtt,
        Format::Srt,
    ];

    /// The lowercase name used on the command line and in JSON output.
    pub fn slug(self) -> &'static str {
        match self {
            Format::WhatsApp => "whatsapp",
            Format::Telegram => "telegram",
            Format::Messenger => "messenger",
            Format::Instagram => "instagram",
            Format::IMessage => "imessage",
            Format::Signal => "signal",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::WebVtt => "webvtt",
            Format::Srt => "srt",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A format name that [`Format::from_str`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}; expected one of: whatsapp, telegram, messenger, instagram, imessage, signal, csv, jsonl, webvtt, srt")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parse a slug (case-insensitive), or a common alias such as `vtt`,
    /// `facebook`, `ndjson`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase();
        Ok(match l.as_str() {
            "whatsapp" | "wa" => Format::WhatsApp,
            "telegram" | "tg" => Format::Telegram,
            "messenger" | "facebook" | "fb" => Format::Messenger,
            "instagram" | "ig" => Format::Instagram,
            "imessage" | "chat.db" | "messages" => Format::IMessage,
            "signal" => Format::Signal,
            "csv" => Format::Csv,
            "jsonl" | "ndjson" | "json-lines" => Format::Jsonl,
            "webvtt" | "vtt" => Format::WebVtt,
            "srt" | "subrip" => Format::Srt,
            _ => return Err(UnknownFormat(s.to_string())),
        })
    }
}

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    /// The user's own name in the export: they become partner A (first in
    /// `participants`). Also names the "from me" side of iMessage and
    /// Signal exports (default "Me").
    pub me: Option<String>,
    /// In a group chat, the two people to keep; other speakers' messages
    /// are dropped.
    pub pair: Option<(String, String)>,
    /// Skip malformed records (reported in [`Imported::warnings`]) instead
    /// of stopping at the first one.
    pub lenient: bool,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The format read.
    pub format: Format,
    /// Participants (partner A first) and messages in order.
    pub conversation: Conversation,
    /// Malformed records skipped under `lenient`.
    pub warnings: Vec<ImportError>,
}

/// How many bytes [`sniff`] needs to see at most.
pub const SNIFF_LEN: usize = 8192;

/// Detect the format from the first bytes of a file (content first, the
/// file name second). `None` when neither says.
pub fn sniff(name: &str, head: &[u8]) -> Option<Format> {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(Format::WhatsApp);
    }
    if head.starts_with(b"SQLite format 3\0") {
        return Some(Format::IMessage);
    }
    let text = head_text(head);
    sniff_text(name, &text).or_else(|| sniff_name(name))
}

/// The readable text of a head of bytes (UTF-16 decoded, cut at the first
/// invalid byte).
fn head_text(head: &[u8]) -> Cow<'_, str> {
    match text::detect_encoding(head) {
        text::Encoding::Utf8 => match std::str::from_utf8(head) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => Cow::Borrowed(std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")),
        },
        enc => {
            let body = if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) { &head[2..] } else { head };
            let units = body.chunks_exact(2).map(|c| {
                if enc == text::Encoding::Utf16Be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            });
            Cow::Owned(char::decode_utf16(units).map_while(Result::ok).collect())
        }
    }
}

fn is_instagram(name: &str) -> bool {
    name.to_lowercase().contains("instagram")
}

fn sniff_text(name: &str, text: &str) -> Option<Format> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if t.is_empty() || t.contains('\0') {
        return None;
    }
    if t.starts_with("WEBVTT") {
        return Some(Format::WebVtt);
    }
    let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).take(12).collect();
    if lines.iter().take(10).any(|l| whatsapp::parse_header(l).is_some()) {
        return Some(Format::WhatsApp);
    }
    if lines.iter().take(3).any(|l| l.contains("-->")) {
        return Some(Format::Srt);
    }
    if t.starts_with('{') || t.starts_with('[') {
        if t.contains("\"sender_name\"") || t.contains("\"senderName\"") {
            return Some(if is_instagram(name) { Format::Instagram } else { Format::Messenger });
        }
        if ["\"date_unixtime\"", "\"personal_chat\"", "\"from_id\"", "\"text_entities\"", "\"personal_information\""]
            .iter()
            .any(|k| t.contains(k))
        {
            return Some(Format::Telegram);
        }
        let first = t.lines().next().unwrap_or("");
        if first.starts_with('{') {
            if let Ok(serde_json::Value::Object(o)) = serde_json::from_str::<serde_json::Value>(first) {
                let signal = o.contains_key("body") && !o.contains_key("speaker") && !o.contains_key("labels");
                return Some(if signal { Format::Signal } else { Format::Jsonl });
            }
        }
        if t.contains("\"body\"") {
            return Some(Format::Signal);
        }
        return None;
    }
    match records::csv_header_kind(lines.first()?) {
        Some(Flavour::Signal) => Some(Format::Signal),
        Some(Flavour::Generic) if name.to_lowercase().contains("signal") => Some(Format::Signal),
        Some(Flavour::Generic) => Some(Format::Csv),
        None => None,
    }
}

fn sniff_name(name: &str) -> Option<Format> {
    let lower = name.to_lowercase();
    let base = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    Some(match ext {
        "zip" | "txt" => Format::WhatsApp,
        "db" | "sqlite" | "sqlite3" => Format::IMessage,
        "csv" | "tsv" if lower.contains("signal") => Format::Signal,
        "csv" | "tsv" => Format::Csv,
        "jsonl" | "ndjson" => Format::Jsonl,
        "vtt" => Format::WebVtt,
        "srt" => Format::Srt,
        "json" if base == "result.json" => Format::Telegram,
        "json" if base.starts_with("message_") => {
            if is_instagram(&lower) {
                Format::Instagram
            } else {
                Format::Messenger
            }
        }
        "json" if lower.contains("signal") => Format::Signal,
        _ => return None,
    })
}

fn unknown_format(file: &str, head: &[u8]) -> ImportError {
    if let Err(e) = text::decode(file, head) {
        if e.kind() != ErrorKind::NotText
            || head.len() < SNIFF_LEN
            || std::str::from_utf8(head).map_err(|e| e.error_len().is_some()).err() == Some(true)
        {
            return e;
        }
    }
    ImportError::new(
        ErrorKind::UnknownFormat,
        file,
        Location::Line(1),
        "cannot tell which kind of chat export this is",
        "a WhatsApp, Telegram, Messenger, Instagram, iMessage, Signal, CSV, JSONL, WebVTT or SRT export",
        "name the format with --format (whatsapp, telegram, messenger, instagram, imessage, signal, csv, jsonl, webvtt, srt)",
    )
}

/// Where the bytes come from.
#[derive(Clone, Copy)]
enum Input<'a> {
    Path(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Input<'a> {
    /// A streaming reader of the input as UTF-8 text.
    fn text_reader(self, file: &str) -> Result<Box<dyn BufRead + 'a>, ImportError> {
        match self {
            Input::Bytes(b) if text::detect_encoding(b) == text::Encoding::Utf8 => {
                // Refuse binary data here; the line reader reports invalid
                // UTF-8 with its line, so `lenient` can skip it.
                let check = &b[..b.len().min(SNIFF_LEN)];
                if let Some(nul) = memchr::memchr(0, check) {
                    return Err(text::not_text(file, b, nul));
                }
                if b.iter().all(|c| c.is_ascii_whitespace()) {
                    return Err(text::empty(file));
                }
                Ok(Box::new(b))
            }
            Input::Bytes(b) => Ok(match text::decode(file, b)? {
                Cow::Borrowed(s) => Box::new(s.as_bytes()),
                Cow::Owned(s) => Box::new(Cursor::new(s.into_bytes())),
            }),
            Input::Path(p) => {
                let f = File::open(p).map_err(|e| ImportError::io(file, &e))?;
                let mut r = BufReader::with_capacity(256 * 1024, f);
                let head = r.fill_buf().map_err(|e| ImportError::io(file, &e))?;
                if head.is_empty() {
                    return Err(text::empty(file));
                }
                if text::detect_encoding(head) != text::Encoding::Utf8 {
                    let mut all = Vec::new();
                    r.read_to_end(&mut all).map_err(|e| ImportError::io(file, &e))?;
                    let s = text::decode(file, &all)?.into_owned();
                    return Ok(Box::new(Cursor::new(s.into_bytes())));
                }
                let check = &head[..head.len().min(SNIFF_LEN)];
                if let Some(nul) = memchr::memchr(0, check) {
                    return Err(text::not_text(file, check, nul));
                }
                if check.iter().all(|b| b.is_ascii_whitespace()) && head.len() < 256 * 1024 && check.len() == head.len() {
                    return Err(text::empty(file));
                }
                Ok(Box::new(r))
            }
        }
    }

    /// The whole input as text.
    fn text_all(self, file: &str) -> Result<String, ImportError> {
        match self {
            Input::Bytes(b) => Ok(text::decode(file, b)?.into_owned()),
            Input::Path(p) => {
                let bytes = std::fs::read(p).map_err(|e| ImportError::io(file, &e))?;
                Ok(text::decode(file, &bytes)?.into_owned())
            }
        }
    }

    fn head(self, file: &str) -> Result<Vec<u8>, ImportError> {
        match self {
            Input::Bytes(b) => Ok(b[..b.len().min(SNIFF_LEN)].to_vec()),
            Input::Path(p) => {
                let f = File::open(p).map_err(|e| ImportError::io(file, &e))?;
                let mut head = Vec::with_capacity(SNIFF_LEN);
                f.take(SNIFF_LEN as u64).read_to_end(&mut head).map_err(|e| ImportError::io(file, &e))?;
                Ok(head)
            }
        }
    }
}

/// Import from an input with the format already known.
fn run_format(input: Input<'_>, format: Format, head: &[u8], sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let file = sink.file.clone();
    match format {
        Format::WhatsApp if head.starts_with(b"PK") => match input {
            Input::Bytes(b) => whatsapp::import_zip(Cursor::new(b), sink),
            Input::Path(p) => whatsapp::import_zip(File::open(p).map_err(|e| ImportError::io(&file, &e))?, sink),
        },
        Format::WhatsApp => {
            let order = whatsapp::scan_order(input.text_reader(&file)?);
            whatsapp::parse(input.text_reader(&file)?, order, sink)
        }
        Format::Csv => records::parse_csv(input.text_reader(&file)?, Flavour::Generic, sink),
        Format::Jsonl => records::parse_jsonl(input.text_reader(&file)?, Flavour::Generic, sink),
        Format::Signal => {
            let t = head_text(head);
            let t = t.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
            let first = t.lines().next().unwrap_or("");
            if t.starts_with('[') || (t.starts_with('{') && serde_json::from_str::<serde_json::Value>(first).is_err()) {
                records::parse_json_document(&input.text_all(&file)?, sink)
            } else if t.starts_with('{') {
                records::parse_jsonl(input.text_reader(&file)?, Flavour::Signal, sink)
            } else {
                records::parse_csv(input.text_reader(&file)?, Flavour::Signal, sink)
            }
        }
        Format::WebVtt => subtitles::parse(input.text_reader(&file)?, true, sink),
        Format::Srt => subtitles::parse(input.text_reader(&file)?, false, sink),
        Format::Telegram => telegram::import(&input.text_all(&file)?, sink),
        Format::Messenger | Format::Instagram => messenger::import(&[(file.clone(), input.text_all(&file)?)], sink),
        Format::IMessage => match input {
            Input::Path(p) => {
                if !head.starts_with(b"SQLite format 3\0") {
                    return Err(ImportError::new(
                        ErrorKind::Database,
                        &file,
                        Location::Byte(0),
                        "not a SQLite database",
                        "an iMessage chat.db (it starts with \"SQLite format 3\")",
                        "copy ~/Library/Messages/chat.db and import the copy",
                    ));
                }
                imessage::import(p, sink)
            }
            Input::Bytes(b) => {
                let tmp = TempFile::write(b).map_err(|e| ImportError::io(&file, &e))?;
                run_format(Input::Path(&tmp.0), format, head, sink)
            }
        },
    }
}

/// A temporary file removed on drop (for chat.db given as bytes).
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn write(bytes: &[u8]) -> std::io::Result<TempFile> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let path =
            std::env::temp_dir().join(format!("haven-import-{}-{}-{}.db", std::process::id(), nanos, N.fetch_add(1, Ordering::Relaxed)));
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        std::io::Write::write_all(&mut f, bytes)?;
        Ok(TempFile(path))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn run(
    file: String,
    input: Input<'_>,
    opts: &ImportOptions,
    out: &mut dyn FnMut(Message),
    warn: &mut dyn FnMut(ImportError),
) -> Result<(Format, Vec<String>), ImportError> {
    let head = input.head(&file)?;
    if head.is_empty() {
        return Err(text::empty(&file));
    }
    let format = match opts.format {
        Some(f) => f,
        None => sniff(&file, &head).ok_or_else(|| unknown_format(&file, &head))?,
    };
    let mut sink = Sink::new(file, opts, out, warn)?;
    run_format(input, format, &head, &mut sink)?;
    Ok((format, sink.finish()?))
}

/// Import a directory: the `message_N.json` files of one Messenger or
/// Instagram thread, or a folder holding one known export.
fn run_dir(
    path: &Path,
    opts: &ImportOptions,
    out: &mut dyn FnMut(Message),
    warn: &mut dyn FnMut(ImportError),
) -> Result<(Format, Vec<String>), ImportError> {
    let file = path.display().to_string();
    let mut names: Vec<std::path::PathBuf> =
        std::fs::read_dir(path).map_err(|e| ImportError::io(&file, &e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    let base = |p: &Path| p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let parts: Vec<&std::path::PathBuf> = names
        .iter()
        .filter(|p| {
            let b = base(p);
            b.starts_with("message_") && b.ends_with(".json")
        })
        .collect();
    if !parts.is_empty() {
        let format = match opts.format {
            Some(f @ (Format::Messenger | Format::Instagram)) => f,
            _ if is_instagram(&file) => Format::Instagram,
            _ => Format::Messenger,
        };
        let mut files = Vec::new();
        for p in parts {
            let name = p.display().to_string();
            files.push((name.clone(), Input::Path(p).text_all(&name)?));
        }
        let mut sink = Sink::new(file, opts, out, warn)?;
        messenger::import(&files, &mut sink)?;
        return Ok((format, sink.finish()?));
    }
    let known = ["_chat.txt", "result.json", "chat.db"];
    let inner = names
        .iter()
        .find(|p| known.contains(&base(p).as_str()))
        .or_else(|| names.iter().find(|p| base(p).starts_with("WhatsApp Chat") && base(p).ends_with(".txt")));
    match inner {
        Some(p) => run(p.display().to_string(), Input::Path(p), opts, out, warn),
        None => Err(ImportError::new(
            ErrorKind::UnknownFormat,
            &file,
            Location::Whole,
            "the folder holds no known export",
            "message_N.json files of one thread, _chat.txt, result.json or chat.db",
            "pass the export file itself",
        )),
    }
}

fn run_path(
    path: &Path,
    opts: &ImportOptions,
    out: &mut dyn FnMut(Message),
    warn: &mut dyn FnMut(ImportError),
) -> Result<(Format, Vec<String>), ImportError> {
    if path.is_dir() {
        return run_dir(path, opts, out, warn);
    }
    run(path.display().to_string(), Input::Path(path), opts, out, warn)
}

/// Import a file (or a folder of `message_N.json` files) into a
/// conversation.
pub fn import_path(path: &Path, opts: &ImportOptions) -> Result<Imported, ImportError> {
    let mut messages = Vec::new();
    let mut warnings = Vec::new();
    let (format, participants) = run_path(path, opts, &mut |m| messages.push(m), &mut |w| warnings.push(w))?;
    Ok(Imported { format, conversation: Conversation { participants, messages }, warnings })
}

/// Import bytes already in memory; `name` is used for format detection and
/// in error messages.
pub fn import_bytes(name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, ImportError> {
    let mut messages = Vec::new();
    let mut warnings = Vec::new();
    let (format, participants) = run(name.to_string(), Input::Bytes(bytes), opts, &mut |m| messages.push(m), &mut |w| warnings.push(w))?;
    Ok(Imported { format, conversation: Conversation { participants, messages }, warnings })
}

/// Stream a file: call `f` for each message in order without holding the
/// conversation in memory (WhatsApp text and zip, CSV, JSONL, Signal CSV
/// and JSONL, WebVTT, SRT; the JSON and SQLite formats are read whole
/// first). Returns the format and the participants (partner A first).
///
/// Group chats without `pair` are detected when the third speaker appears:
/// no message is delivered after that and the call returns the
/// [`ErrorKind::GroupChat`] error, so a caller must discard what it got.
/// Warnings under `lenient` are dropped; see [`stream_path_with_warnings`].
pub fn stream_path(path: &Path, opts: &ImportOptions, f: &mut dyn FnMut(Message)) -> Result<(Format, Vec<String>), ImportError> {
    run_path(path, opts, f, &mut |_| {})
}

/// [`stream_path`], also reporting each record skipped under `lenient`.
pub fn stream_path_with_warnings(
    path: &Path,
    opts: &ImportOptions,
    f: &mut dyn FnMut(Message),
    warn: &mut dyn FnMut(ImportError),
) -> Result<(Format, Vec<String>), ImportError> {
    run_path(path, opts, f, warn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
        }
        assert!("nope".parse::<Format>().is_err());
    }

    #[test]
    fn sniffs() {
        assert_eq!(sniff("x", b"[15/01/2020, 09:12:45] Alex: hi"), Some(Format::WhatsApp));
        assert_eq!(sniff("x", b"15/01/2020, 09:12 - Alex: hi"), Some(Format::WhatsApp));
        assert_eq!(sniff("x", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>hi"), Some(Format::WebVtt));
        assert_eq!(sniff("x", b"1\n00:00:01,000 --> 00:00:02,000\nA: hi"), Some(Format::Srt));
        assert_eq!(sniff("x", b"timestamp,speaker,text\n"), Some(Format::Csv));
        assert_eq!(sniff("x", b"timestamp,sender,body\n"), Some(Format::Signal));
        assert_eq!(sniff("x", b"{\"id\": \"1\", \"speaker\": \"A\", \"text\": \"hi\", \"labels\": []}\n"), Some(Format::Jsonl));
        assert_eq!(
            sniff("x", b"{\"name\": \"Sam\", \"type\": \"personal_chat\", \"messages\": [{\"date_unixtime\": \"1\""),
            Some(Format::Telegram)
        );
        assert_eq!(
            sniff("inbox/sam/message_1.json", b"{\"participants\": [], \"messages\": [{\"sender_name\": \"x\""),
            Some(Format::Messenger)
        );
        assert_eq!(
            sniff(
                "your_instagram_activity/messages/inbox/sam/message_1.json",
                b"{\"participants\": [], \"messages\": [{\"sender_name\": \"x\""
            ),
            Some(Format::Instagram)
        );
        assert_eq!(sniff("chat.db", b"SQLite format 3\0"), Some(Format::IMessage));
        assert_eq!(sniff("a.zip", b"PK\x03\x04"), Some(Format::WhatsApp));
        assert_eq!(sniff("notes.bin", b"\x00\x01\x02"), None);
        assert_eq!(sniff("talk.srt", b"garbage"), Some(Format::Srt));
    }
}
