//! iMessage `chat.db` (SQLite, macOS `~/Library/Messages/chat.db`).
//!
//! Reads `message`, `handle`, `chat_message_join` (and `chat_handle_join`
//! when present); `is_from_me` messages are spoken by `--me` (default
//! "Me"). Dates are Apple-epoch (2001-01-01) nanoseconds, or seconds in old
//! databases. Newer macOS keeps the text only in `attributedBody`, a
//! typedstream blob. Tapbacks (reactions) and group events are skipped.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use haven_core::Message;
use rusqlite::{Connection, OpenFlags};

use crate::error::{ErrorKind, ImportError, Location};
use crate::sink::Sink;

/// Seconds from the Unix epoch to 2001-01-01T00:00:00Z.
const APPLE_EPOCH: i64 = 978_307_200;

/// Convert an Apple-epoch date (nanoseconds, or seconds in databases
/// before macOS 10.13) to Unix seconds.
pub(crate) fn apple_to_unix(date: i64) -> i64 {
    let secs = if date.unsigned_abs() > 100_000_000_000 { date / 1_000_000_000 } else { date };
    secs + APPLE_EPOCH
}

/// The text of an `attributedBody` typedstream: the `NSString` payload,
/// a length-prefixed UTF-8 string after the `NSString` class name.
pub fn typedstream_text(blob: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(blob, b"NSString")? + b"NSString".len();
    let window = blob.get(at..(at + 16).min(blob.len()))?;
    let plus = window.iter().position(|&b| b == b'+')?;
    let mut p = at + plus + 1;
    let first = *blob.get(p)?;
    p += 1;
    let len = match first {
        0x81 => {
            let b = blob.get(p..p + 2)?;
            p += 2;
            usize::from(u16::from_le_bytes([b[0], b[1]]))
        }
        0x82 => {
            let b = blob.get(p..p + 4)?;
            p += 4;
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
        }
        n if n < 0x80 => usize::from(n),
        _ => return None,
    };
    let bytes = blob.get(p..p.checked_add(len)?)?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

fn db_error(file: &str, what: String) -> ImportError {
    ImportError::new(
        ErrorKind::Database,
        file,
        Location::Whole,
        what,
        "an iMessage chat.db (SQLite with message, handle and chat_message_join tables)",
        "copy ~/Library/Messages/chat.db (with Messages closed) and import the copy",
    )
}

struct Row {
    rowid: i64,
    guid: Option<String>,
    text: Option<String>,
    body: Option<Vec<u8>>,
    from_me: bool,
    date: i64,
    handle: Option<String>,
    chat: Option<i64>,
    assoc: i64,
    edited: i64,
    retracted: i64,
    attach: bool,
    item_type: i64,
}

/// Import a chat.db at `path`.
pub(crate) fn import(path: &Path, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let file = sink.file.clone();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| db_error(&file, format!("cannot open the database ({e})")))?;
    let e = |err: rusqlite::Error| db_error(&file, format!("cannot read the database ({err})"));
    let tables: BTreeSet<String> = {
        let mut st = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").map_err(e)?;
        let rows = st.query_map([], |r| r.get::<_, String>(0)).map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)?
    };
    if !tables.contains("message") || !tables.contains("handle") {
        return Err(db_error(&file, "a SQLite database without iMessage's message and handle tables".to_string()));
    }
    let cols: BTreeSet<String> = {
        let mut st = conn.prepare("PRAGMA table_info(message)").map_err(e)?;
        let rows = st.query_map([], |r| r.get::<_, String>(1)).map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)?
    };
    let col = |name: &str, default: &str| if cols.contains(name) { format!("m.{name}") } else { default.to_string() };
    let join = tables.contains("chat_message_join");
    let sql = format!(
        "SELECT m.ROWID, {guid}, {text}, {body}, {from_me}, {date}, h.id, {chat}, {assoc}, {edited}, {retracted}, {attach}, {item} \
         FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id {join} ORDER BY {date}, m.ROWID",
        guid = col("guid", "NULL"),
        text = col("text", "NULL"),
        body = col("attributedBody", "NULL"),
        from_me = col("is_from_me", "0"),
        date = col("date", "0"),
        chat = if join { "cmj.chat_id" } else { "NULL" },
        assoc = col("associated_message_type", "0"),
        edited = col("date_edited", "0"),
        retracted = col("date_retracted", "0"),
        attach = col("cache_has_attachments", "0"),
        item = col("item_type", "0"),
        join = if join { "LEFT JOIN chat_message_join cmj ON cmj.message_id = m.ROWID" } else { "" },
    );
    let mut rows: Vec<Row> = Vec::new();
    {
        let mut st = conn.prepare(&sql).map_err(e)?;
        let it = st
            .query_map([], |r| {
                Ok(Row {
                    rowid: r.get(0)?,
                    guid: r.get::<_, Option<String>>(1).unwrap_or(None),
                    text: r.get::<_, Option<String>>(2).unwrap_or(None),
                    body: r.get::<_, Option<Vec<u8>>>(3).unwrap_or(None),
                    from_me: r.get::<_, Option<i64>>(4)?.unwrap_or(0) != 0,
                    date: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                    handle: r.get::<_, Option<String>>(6).unwrap_or(None),
                    chat: r.get::<_, Option<i64>>(7).unwrap_or(None),
                    assoc: r.get::<_, Option<i64>>(8).unwrap_or(None).unwrap_or(0),
                    edited: r.get::<_, Option<i64>>(9).unwrap_or(None).unwrap_or(0),
                    retracted: r.get::<_, Option<i64>>(10).unwrap_or(None).unwrap_or(0),
                    attach: r.get::<_, Option<i64>>(11).unwrap_or(None).unwrap_or(0) != 0,
                    item_type: r.get::<_, Option<i64>>(12).unwrap_or(None).unwrap_or(0),
                })
            })
            .map_err(e)?;
        for r in it {
            rows.push(r.map_err(e)?);
        }
    }
    // Who is in each chat, besides me.
    let mut chat_handles: HashMap<i64, BTreeSet<String>> = HashMap::new();
    for r in &rows {
        if let (Some(c), Some(h), false) = (r.chat, &r.handle, r.from_me) {
            chat_handles.entry(c).or_default().insert(h.clone());
        }
    }
    if tables.contains("chat_handle_join") {
        if let Ok(mut st) = conn.prepare("SELECT chj.chat_id, h.id FROM chat_handle_join chj JOIN handle h ON h.ROWID = chj.handle_id") {
            if let Ok(it) = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))) {
                for (c, h) in it.flatten() {
                    chat_handles.entry(c).or_default().insert(h);
                }
            }
        }
    }
    let me = sink.me_name();
    // With --pair, read only the chats whose members are among the pair.
    let selected: Option<BTreeSet<i64>> = sink.pair_names().map(|(a, b)| {
        let wanted: Vec<String> = [a, b].into_iter().filter(|n| !n.eq_ignore_ascii_case(&me)).map(|n| n.to_lowercase()).collect();
        chat_handles
            .iter()
            .filter(|(_, hs)| !hs.is_empty() && hs.iter().all(|h| wanted.contains(&h.to_lowercase())))
            .map(|(c, _)| *c)
            .collect()
    });
    let selected = selected.filter(|s| !s.is_empty());
    for r in rows {
        if let (Some(sel), Some(c)) = (&selected, r.chat) {
            if !sel.contains(&c) {
                continue;
            }
        }
        if (2000..4000).contains(&r.assoc) || r.item_type != 0 {
            continue; // tapbacks and group events
        }
        let speaker = if r.from_me { me.clone() } else { r.handle.clone().unwrap_or_else(|| "Unknown".to_string()) };
        let loc = || Location::Entry(format!("message ROWID {}", r.rowid));
        let Some(time) = sink.zone.instant(apple_to_unix(r.date)) else {
            let err = ImportError::new(
                ErrorKind::BadTime,
                &file,
                loc(),
                format!("an impossible date {}", r.date),
                "an Apple-epoch date in nanoseconds",
                "pass --lenient to skip this message",
            );
            sink.malformed(err)?;
            continue;
        };
        let raw = match r.text.filter(|t| !t.is_empty()) {
            Some(t) => t,
            None => r.body.as_deref().and_then(typedstream_text).unwrap_or_default(),
        };
        let media = r.attach || raw.contains('\u{FFFC}');
        let text = raw.replace('\u{FFFC}', "").trim().to_string();
        let deleted = r.retracted != 0;
        if text.is_empty() && !media && !deleted {
            continue;
        }
        let msg = Message { speaker, time: Some(time), text, media, deleted, edited: r.edited != 0, id: r.guid, ..Message::default() };
        sink.push(msg, loc);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typedstream() {
        let mut blob = b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+".to_vec();
        let text = "Hi there 😊";
        blob.push(text.len() as u8);
        blob.extend_from_slice(text.as_bytes());
        blob.extend_from_slice(b"\x86\x84\x02iI");
        assert_eq!(typedstream_text(&blob).as_deref(), Some(text));
        let long = "x".repeat(300);
        let mut blob2 = b"NSString\x01\x94\x84\x01+\x81".to_vec();
        blob2.extend_from_slice(&(300u16).to_le_bytes());
        blob2.extend_from_slice(long.as_bytes());
        assert_eq!(typedstream_text(&blob2).as_deref(), Some(long.as_str()));
        assert_eq!(typedstream_text(b"NSString\x01\x94\x84\x01+\x7f"), None);
        assert_eq!(apple_to_unix(0), APPLE_EPOCH);
        assert_eq!(apple_to_unix(700_000_000_000_000_000), 700_000_000 + APPLE_EPOCH);
        assert_eq!(apple_to_unix(700_000_000), 700_000_000 + APPLE_EPOCH);
    }
}
