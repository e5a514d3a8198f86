//! Record-shaped formats: generic CSV, JSON Lines (the project's labelled
//! data), and the CSV/JSON written by Signal export tools.

use std::io::{BufRead, BufReader, Read};

use haven_core::Message;
use serde_json::Value;

use crate::error::{ErrorKind, ImportError, Location};
use crate::json::{as_text, field, json_error, present};
use crate::sink::Sink;
use crate::text::{invalid_line, read_error, Line, Lines};
use crate::time::parse_flexible;

const TIME_HELP: &str = "a time such as 2024-03-02T19:14:00+01:00, 2024-03-02 19:14, a Unix timestamp, or seconds from the start";

/// Which flavour of record is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Generic CSV / labelled JSONL.
    Generic,
    /// Signal export tools.
    Signal,
}

fn bad_time(file: &str, loc: Location, value: &str) -> ImportError {
    let shown: String = value.chars().take(40).collect();
    ImportError::new(
        ErrorKind::BadTime,
        file,
        loc,
        format!("corrupt time {shown:?}"),
        TIME_HELP,
        "fix or delete this record, or pass --lenient to skip it",
    )
}

fn resolve_time(sink: &mut Sink<'_>, raw: &str, loc: impl Fn() -> Location) -> Result<Option<Option<String>>, ImportError> {
    if raw.trim().is_empty() {
        return Ok(Some(None));
    }
    match parse_flexible(raw).and_then(|t| sink.zone.resolve(&t)) {
        Some(t) => Ok(Some(Some(t))),
        None => {
            let e = bad_time(&sink.file, loc(), raw);
            sink.malformed(e)?;
            Ok(None)
        }
    }
}

fn json_time(sink: &mut Sink<'_>, v: Option<&Value>, loc: impl Fn() -> Location) -> Result<Option<Option<String>>, ImportError> {
    match v {
        None | Some(Value::Null) => Ok(Some(None)),
        Some(Value::Number(n)) => {
            let t = n.as_u64().map(|n| n.to_string()).or_else(|| n.as_f64().map(|f| format!("{f}")));
            resolve_time(sink, t.as_deref().unwrap_or("?"), loc)
        }
        Some(Value::String(s)) => resolve_time(sink, s, loc),
        Some(other) => {
            let e = bad_time(&sink.file, loc(), &other.to_string());
            sink.malformed(e)?;
            Ok(None)
        }
    }
}

fn truthy(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !matches!(s.to_ascii_lowercase().as_str(), "0" | "false" | "no" | "n" | "[]" | "none" | "null")
}

/// One JSON object → a message (`Ok(None)`: not a message, e.g. a Signal
/// group update).
fn record(sink: &mut Sink<'_>, obj: &Value, flavour: Flavour, loc: &dyn Fn() -> Location) -> Result<Option<Message>, ImportError> {
    if !obj.is_object() {
        let e = ImportError::new(
            ErrorKind::Malformed,
            &sink.file,
            loc(),
            "a record that is not a JSON object",
            "one JSON object per record",
            "fix or delete this record, or pass --lenient to skip it",
        );
        sink.malformed(e)?;
        return Ok(None);
    }
    let outgoing =
        match obj.get("type").and_then(Value::as_str) {
            Some("outgoing") => true,
            Some("incoming" | "message") | None => false,
            Some(_) if flavour == Flavour::Signal => return Ok(None),
            Some(_) => false,
        } || [obj.get("is_outgoing"), obj.get("outgoing"), obj.get("fromMe")].iter().any(|v| v.and_then(Value::as_bool) == Some(true));
    let speaker_keys: &[&str] = match flavour {
        Flavour::Generic => &["speaker", "sender", "from", "author", "name"],
        Flavour::Signal => &["sender", "source", "from", "author", "sender_name", "senderName", "contact", "speaker"],
    };
    let speaker = field(obj, speaker_keys).and_then(as_text).filter(|s| !s.trim().is_empty());
    let speaker = match speaker {
        Some(s) => s.trim().to_string(),
        None if outgoing => sink.me_name(),
        None if flavour == Flavour::Generic && obj.get("speaker").is_none() && obj.get("labels").is_some() => "A".to_string(),
        None => {
            let e = ImportError::new(
                ErrorKind::Malformed,
                &sink.file,
                loc(),
                "a record without a speaker",
                format!("a {:?} field", speaker_keys[0]),
                "fix or delete this record, or pass --lenient to skip it",
            );
            sink.malformed(e)?;
            return Ok(None);
        }
    };
    let time_keys: &[&str] = match flavour {
        Flavour::Generic => &["ts", "time", "timestamp", "date", "start"],
        Flavour::Signal => &["date", "timestamp", "sent_at", "date_sent", "sent", "dateSent", "time", "ts"],
    };
    let Some(time) = json_time(sink, field(obj, time_keys), loc)? else {
        return Ok(None);
    };
    let end = match field(obj, &["end"]) {
        None => None,
        v => match json_time(sink, v, loc)? {
            Some(t) => t,
            None => return Ok(None),
        },
    };
    let text_keys: &[&str] = &["text", "body", "message", "content"];
    let text = match field(obj, text_keys) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => as_text(other).unwrap_or_default(),
        None => String::new(),
    };
    let media = ["attachments", "attachment", "media", "sticker"].iter().any(|k| present(obj.get(*k)));
    let deleted =
        ["deleted", "isErased", "remote_deleted", "is_deleted"].iter().any(|k| obj.get(*k).and_then(Value::as_bool) == Some(true));
    let edited = ["edited", "is_edited"].iter().any(|k| present(obj.get(*k)));
    if field(obj, text_keys).is_none() && !media && !deleted {
        if flavour == Flavour::Signal {
            return Ok(None);
        }
        let e = ImportError::new(
            ErrorKind::Malformed,
            &sink.file,
            loc(),
            "a record without text",
            "a \"text\" field",
            "fix or delete this record, or pass --lenient to skip it",
        );
        sink.malformed(e)?;
        return Ok(None);
    }
    if flavour == Flavour::Signal && text.is_empty() && !media && !deleted {
        return Ok(None);
    }
    Ok(Some(Message { speaker, time, end, text, media, deleted, edited, id: obj.get("id").and_then(as_text) }))
}

/// JSON Lines: one object per line, streamed.
pub(crate) fn parse_jsonl<R: BufRead>(r: R, flavour: Flavour, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut lines = Lines::new(r);
    loop {
        let (n, line) = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => return Err(read_error(&sink.file, lines.line, &e)),
        };
        let t = match line {
            Line::Text(t) => t,
            Line::Invalid(off) => {
                let e = invalid_line(&sink.file, n, off);
                sink.malformed(e)?;
                continue;
            }
        };
        if t.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(t) {
            Ok(v) => v,
            Err(e) => {
                let mut err = json_error(
                    &sink.file,
                    &e,
                    "one JSON object per line: {\"id\", \"speaker\", \"ts\", \"text\"}",
                    "fix or delete this line, or pass --lenient to skip it",
                );
                err = ImportError::new(
                    err.kind(),
                    &sink.file,
                    Location::LineColumn(n, e.column() as u64),
                    err.what(),
                    err.expected(),
                    err.fix(),
                );
                sink.malformed(err)?;
                continue;
            }
        };
        if let Some(m) = record(sink, &v, flavour, &|| Location::Line(n))? {
            sink.push(m, || Location::Line(n));
        }
    }
    Ok(())
}

/// A whole JSON document of records: an array, or an object with a
/// "messages" array (Signal export tools).
pub(crate) fn parse_json_document(text: &str, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let expected = "a JSON array of messages with \"date\", \"sender\" and \"body\"";
    let fix = "export the chat again with your Signal export tool";
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(&sink.file, &e, expected, fix))?;
    let list = match &root {
        Value::Array(a) => a.as_slice(),
        Value::Object(_) => match root.get("messages").and_then(Value::as_array) {
            Some(a) => a.as_slice(),
            None => {
                return Err(ImportError::new(
                    ErrorKind::Malformed,
                    &sink.file,
                    Location::Whole,
                    "no \"messages\" list in the JSON",
                    expected,
                    fix,
                ))
            }
        },
        _ => {
            return Err(ImportError::new(
                ErrorKind::Malformed,
                &sink.file,
                Location::Whole,
                "the JSON is not a list of messages",
                expected,
                fix,
            ))
        }
    };
    for (i, obj) in list.iter().enumerate() {
        let loc = move || Location::Entry(format!("messages[{i}]"));
        if let Some(m) = record(sink, obj, Flavour::Signal, &loc)? {
            sink.push(m, loc);
        }
    }
    Ok(())
}

/// Normalise a CSV header name.
fn norm(h: &str) -> String {
    h.trim().trim_start_matches('\u{FEFF}').trim_matches('"').trim().to_lowercase().replace([' ', '-'], "_")
}

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| h == n))
}

const SPEAKER_COLS: &[&str] =
    &["speaker", "sender", "from", "author", "name", "source", "sender_name", "user", "username", "who", "participant", "contact"];
const TEXT_COLS: &[&str] = &["text", "message", "body", "content", "msg", "utterance", "transcript"];
const TIME_COLS: &[&str] =
    &["timestamp", "datetime", "date_time", "time", "date", "sent_at", "date_sent", "sent", "ts", "start", "start_time", "created_at"];

/// Guess the delimiter from the header line.
fn delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t', b'|'].into_iter().max_by_key(|&d| (count(d), d == b',')).unwrap_or(b',')
}

/// Does this header line look like a chat CSV (a speaker and a text
/// column)?
pub(crate) fn csv_header_kind(first_line: &str) -> Option<Flavour> {
    let d = delimiter(first_line.as_bytes()) as char;
    let headers: Vec<String> = first_line.split(d).map(norm).collect();
    let has = |names: &[&str]| column(&headers, names).is_some();
    if !(has(SPEAKER_COLS) || has(&["type", "direction"])) || !has(TEXT_COLS) {
        return None;
    }
    let signalish = has(&["body"])
        && (has(&["date_sent", "sent_at", "source", "quote", "sticker", "attachments", "type", "direction", "conversation", "thread_id"])
            || has(&["timestamp"]) && has(&["sender"]) && headers.len() == 3);
    Some(if signalish { Flavour::Signal } else { Flavour::Generic })
}

/// CSV with a header row, streamed record by record.
pub(crate) fn parse_csv<R: Read>(r: R, flavour: Flavour, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut buf = BufReader::with_capacity(64 * 1024, r);
    let head = buf.fill_buf().map_err(|e| crate::error::ImportError::io(&sink.file, &e))?;
    let delim = delimiter(head);
    let mut rdr = csv::ReaderBuilder::new().delimiter(delim).flexible(true).has_headers(true).from_reader(buf);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(norm).collect(),
        Err(e) => return Err(csv_error(&sink.file, &e, 1)),
    };
    let expected = "a header row naming a speaker column (speaker/sender/from/author/name), a text column (text/message/body/content) and optionally a time column (timestamp/time/date)";
    let speaker_col = column(&headers, SPEAKER_COLS);
    let direction_col = column(&headers, &["type", "direction"]);
    let missing = |what: &str| {
        ImportError::new(
            ErrorKind::Malformed,
            &sink.file,
            Location::Line(1),
            format!("no {what} column in the header ({})", headers.join(", ")),
            expected,
            "rename the header columns",
        )
    };
    let Some(text_col) = column(&headers, TEXT_COLS) else {
        return Err(missing("text"));
    };
    if speaker_col.is_none() && !(flavour == Flavour::Signal && direction_col.is_some()) {
        return Err(missing("speaker"));
    }
    let (date_col, clock_col) = (column(&headers, &["date"]), column(&headers, &["time"]));
    let time_cols: Vec<usize> = match (date_col, clock_col) {
        (Some(d), Some(t)) => vec![d, t],
        _ => column(&headers, TIME_COLS).into_iter().collect(),
    };
    let end_col = column(&headers, &["end", "end_time", "stop"]);
    let id_col = column(&headers, &["id", "message_id", "msg_id", "_id"]);
    let media_col = column(&headers, &["media", "attachments", "attachment", "has_media"]);
    let deleted_col = column(&headers, &["deleted", "is_deleted", "remote_deleted"]);
    let edited_col = column(&headers, &["edited", "is_edited"]);
    let needed = [speaker_col, Some(text_col)].into_iter().flatten().chain(time_cols.iter().copied()).max().unwrap_or(0) + 1;
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let err = csv_error(&sink.file, &e, line);
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Err(err);
                }
                sink.malformed(err)?;
                continue;
            }
        }
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let loc = || Location::Line(line);
        if rec.len() == 1 && rec.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue;
        }
        let extra = rec.len() > headers.len() && rec.iter().skip(headers.len()).any(|f| !f.trim().is_empty());
        if rec.len() < needed || extra {
            let e = ImportError::new(
                ErrorKind::Malformed,
                &sink.file,
                loc(),
                format!("a row with {} fields", rec.len()),
                format!("{} fields as in the header ({})", headers.len(), headers.join(", ")),
                "quote fields that contain the delimiter or line breaks, or pass --lenient to skip this row",
            );
            sink.malformed(e)?;
            continue;
        }
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
        let outgoing = direction_col.is_some_and(|c| rec.get(c).is_some_and(|v| v.trim().eq_ignore_ascii_case("outgoing")));
        let speaker = get(speaker_col).trim();
        let speaker = if speaker.is_empty() {
            if outgoing {
                sink.me_name()
            } else {
                let e = ImportError::new(
                    ErrorKind::Malformed,
                    &sink.file,
                    loc(),
                    "a row with an empty speaker",
                    "a speaker name in every row",
                    "fill in the speaker, or pass --lenient to skip this row",
                );
                sink.malformed(e)?;
                continue;
            }
        } else {
            speaker.to_string()
        };
        let raw_time = time_cols.iter().map(|&c| rec.get(c).unwrap_or("").trim()).collect::<Vec<_>>().join(" ");
        let Some(time) = resolve_time(sink, &raw_time, loc)? else {
            continue;
        };
        let end = match get(end_col).trim() {
            "" => None,
            raw => match resolve_time(sink, raw, loc)? {
                Some(t) => t,
                None => continue,
            },
        };
        let text = get(Some(text_col)).to_string();
        let media = truthy(get(media_col));
        let deleted = truthy(get(deleted_col));
        if flavour == Flavour::Signal && text.is_empty() && !media && !deleted {
            continue;
        }
        let id = Some(get(id_col).trim()).filter(|s| !s.is_empty()).map(str::to_string);
        let msg = Message { speaker, time, end, text, media, deleted, edited: truthy(get(edited_col)), id };
        sink.push(msg, loc);
    }
    Ok(())
}

fn csv_error(file: &str, e: &csv::Error, line: u64) -> ImportError {
    let loc = if line == 0 { Location::Whole } else { Location::Line(line) };
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => ImportError::new(
            ErrorKind::NotText,
            file,
            loc,
            "invalid UTF-8 in a field",
            "UTF-8 text",
            "re-save the file as UTF-8, or pass --lenient to skip this row",
        ),
        csv::ErrorKind::Io(io) => {
            ImportError::new(ErrorKind::Io, file, loc, format!("cannot read ({io})"), "a readable CSV file", "check the file")
        }
        _ => ImportError::new(
            ErrorKind::Malformed,
            file,
            loc,
            format!("invalid CSV ({e})"),
            "comma-separated rows with a header",
            "fix this row, or pass --lenient to skip it",
        ),
    }
}
