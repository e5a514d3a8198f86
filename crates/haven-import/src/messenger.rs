//! Facebook Messenger and Instagram JSON exports (`message_1.json`,
//! `message_2.json`, … of one thread): mojibake repair, millisecond
//! timestamps, newest-first order. Also the newer end-to-end-encrypted
//! Messenger layout (`senderName`, `timestamp`, `text`).

use haven_core::Message;
use serde_json::Value;

use crate::error::{ErrorKind, ImportError, Location};
use crate::json::{field, fix_mojibake, json_error, present};
use crate::sink::Sink;

const EXPECTED: &str = "a Messenger/Instagram message_N.json with \"participants\" and \"messages\"";
const FIX: &str = "download your information again in JSON format and pass the thread's message_N.json (or its folder)";

/// The part number of `message_3.json` (1 when there is none).
pub(crate) fn part_number(name: &str) -> u32 {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_prefix("message_").and_then(|r| r.strip_suffix(".json")).and_then(|n| n.parse().ok()).unwrap_or(1)
}

fn is_reaction_notice(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with("Reacted ") || t.starts_with("reacted ")) && (t.ends_with(" to your message") || t.ends_with(" to your message "))
        || t == "Liked a message"
        || t.ends_with(" liked a message")
}

/// Import one thread from its files `(name, text)`, in any order.
pub(crate) fn import(files: &[(String, String)], sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut files: Vec<&(String, String)> = files.iter().collect();
    // message_1.json holds the newest messages: read the oldest part first.
    files.sort_by_key(|(name, _)| std::cmp::Reverse(part_number(name)));
    let mut all: Vec<(i64, usize, Message, Location)> = Vec::new();
    let shown_file = sink.file.clone();
    for (name, text) in files {
        let root: Value = serde_json::from_str(text).map_err(|e| json_error(name, &e, EXPECTED, FIX))?;
        let Some(messages) = root.get("messages").and_then(Value::as_array) else {
            return Err(ImportError::new(ErrorKind::Malformed, name, Location::Whole, "no \"messages\" list in the JSON", EXPECTED, FIX));
        };
        if let Some(ps) = root.get("participants").and_then(Value::as_array) {
            for p in ps {
                let n = p.get("name").and_then(Value::as_str).or_else(|| p.as_str());
                if let Some(n) = n {
                    sink.declare(&fix_mojibake(n));
                }
            }
        }
        sink.file = name.clone();
        for (i, m) in messages.iter().enumerate().rev() {
            let loc = || Location::Entry(format!("messages[{i}]"));
            let kind = m.get("type").and_then(Value::as_str).unwrap_or("Generic");
            if matches!(kind, "Call" | "Subscribe" | "Unsubscribe" | "call" | "subscribe" | "unsubscribe") {
                continue;
            }
            let Some(speaker) = field(m, &["sender_name", "senderName"]).and_then(Value::as_str) else {
                let e = ImportError::new(
                    ErrorKind::Malformed,
                    name,
                    loc(),
                    "a message without a sender",
                    "\"sender_name\": \"…\"",
                    "fix or remove this message, or pass --lenient to skip it",
                );
                sink.malformed(e)?;
                continue;
            };
            let ms = field(m, &["timestamp_ms", "timestamp"])
                .and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())));
            let time = ms.and_then(|ms| sink.zone.instant(ms.div_euclid(1000)).map(|t| (ms, t)));
            let Some((ms, time)) = time else {
                let e = ImportError::new(
                    ErrorKind::BadTime,
                    name,
                    loc(),
                    "a missing or corrupt timestamp",
                    "\"timestamp_ms\": 1705309965000",
                    "fix or remove this message, or pass --lenient to skip it",
                );
                sink.malformed(e)?;
                continue;
            };
            let text = field(m, &["content", "text"]).and_then(Value::as_str).map(fix_mojibake).unwrap_or_default();
            let media = ["photos", "videos", "audio_files", "gifs", "files", "sticker", "media"].iter().any(|k| present(m.get(*k)));
            let deleted = [m.get("is_unsent"), m.get("isUnsent")].iter().any(|v| v.and_then(Value::as_bool) == Some(true));
            if !media && !deleted && (text.is_empty() || is_reaction_notice(&text)) {
                continue;
            }
            let msg = Message { speaker: fix_mojibake(speaker), time: Some(time), text, media, deleted, ..Message::default() };
            all.push((ms, all.len(), msg, loc()));
        }
    }
    all.sort_by_key(|(ms, seq, _, _)| (*ms, *seq));
    for (_, _, msg, loc) in all {
        sink.push(msg, || loc);
    }
    sink.file = shown_file;
    Ok(())
}
