//! Telegram Desktop JSON exports (`result.json`): a single chat, or a full
//! account export holding exactly one chat with messages.

use haven_core::Message;
use serde_json::Value;

use crate::error::{ErrorKind, ImportError, Location};
use crate::json::{as_text, field, json_error, present};
use crate::sink::Sink;
use crate::time::parse_flexible;

const EXPECTED: &str = "a Telegram Desktop export (result.json) with a \"messages\" list";
const FIX: &str = "export the chat again from Telegram Desktop (Export chat history, format: JSON)";

/// The text of a `text` field: a string, or an array of strings and
/// entity objects `{"type": "bold", "text": "…"}`.
fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    Value::String(s) => out.push_str(s),
                    Value::Object(_) => {
                        if let Some(Value::String(s)) = p.get("text") {
                            out.push_str(s);
                        }
                    }
                    _ => {}
                }
            }
            out
        }
        _ => String::new(),
    }
}

const MEDIA_KEYS: &[&str] = &[
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "poll",
    "location_information",
    "contact_information",
    "live_location_period_seconds",
    "game_title",
    "invoice_information",
];

pub(crate) fn import(text: &str, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(&sink.file, &e, EXPECTED, FIX))?;
    let chat = if root.get("messages").is_some_and(Value::is_array) {
        &root
    } else if let Some(list) = root.get("chats").and_then(|c| c.get("list")).and_then(Value::as_array) {
        let with: Vec<&Value> =
            list.iter().filter(|c| c.get("messages").and_then(Value::as_array).is_some_and(|m| !m.is_empty())).collect();
        match with.len() {
            1 => with[0],
            0 => {
                return Err(ImportError::new(
                    ErrorKind::NoMessages,
                    &sink.file,
                    Location::Whole,
                    "the export holds no chat with messages",
                    EXPECTED,
                    FIX,
                ));
            }
            n => {
                let names: Vec<String> =
                    with.iter().take(8).map(|c| c.get("name").and_then(as_text).unwrap_or_else(|| "(unnamed)".into())).collect();
                return Err(ImportError::new(
                    ErrorKind::Malformed,
                    &sink.file,
                    Location::Whole,
                    format!("the export holds {n} chats ({}{})", names.join(", "), if n > 8 { ", …" } else { "" }),
                    "the export of one chat",
                    "export a single chat: open it in Telegram Desktop, ⋮ → Export chat history, format JSON",
                ));
            }
        }
    } else {
        return Err(ImportError::new(ErrorKind::Malformed, &sink.file, Location::Whole, "no \"messages\" list in the JSON", EXPECTED, FIX));
    };
    if chat.get("type").and_then(Value::as_str) == Some("personal_chat") {
        if let Some(name) = chat.get("name").and_then(Value::as_str) {
            sink.declare(name);
        }
    }
    let messages = chat.get("messages").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    for (i, m) in messages.iter().enumerate() {
        let id = m.get("id").and_then(as_text);
        let shown_id = id.clone().unwrap_or_else(|| "?".to_string());
        let loc = move || Location::Entry(format!("messages[{i}] (id {shown_id})"));
        if !m.is_object() {
            let e = ImportError::new(
                ErrorKind::Malformed,
                &sink.file,
                loc(),
                "a message that is not a JSON object",
                "an object with \"type\", \"date\", \"from\" and \"text\"",
                FIX,
            );
            sink.malformed(e)?;
            continue;
        }
        let kind = m.get("type").and_then(Value::as_str).unwrap_or("message");
        if kind != "message" {
            continue; // service messages: joins, calls, pins…
        }
        let speaker = match m.get("from") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Null) => "Deleted Account".to_string(),
            _ => match m.get("from_id").and_then(as_text) {
                Some(s) => s,
                None => {
                    let e = ImportError::new(
                        ErrorKind::Malformed,
                        &sink.file,
                        loc(),
                        "a message without a sender",
                        "a \"from\" field with the sender's name",
                        "fix or remove this message, or pass --lenient to skip it",
                    );
                    sink.malformed(e)?;
                    continue;
                }
            },
        };
        let unix = field(m, &["date_unixtime"]).and_then(as_text).and_then(|s| s.trim().parse::<i64>().ok());
        let time = match unix {
            Some(secs) => sink.zone.instant(secs),
            None => m.get("date").and_then(Value::as_str).and_then(parse_flexible).and_then(|t| sink.zone.resolve(&t)),
        };
        let Some(time) = time else {
            let e = ImportError::new(
                ErrorKind::BadTime,
                &sink.file,
                loc(),
                "a missing or corrupt date",
                "\"date\": \"2024-01-15T09:12:45\" or \"date_unixtime\": \"1705309965\"",
                "fix or remove this message, or pass --lenient to skip it",
            );
            sink.malformed(e)?;
            continue;
        };
        let text = text_of(m.get("text"));
        let media = MEDIA_KEYS.iter().any(|k| present(m.get(*k)));
        if text.is_empty() && !media {
            continue; // nothing said (e.g. a bare forwarded service item)
        }
        let msg = Message {
            speaker,
            time: Some(time),
            text,
            media,
            edited: m.get("edited").is_some() || m.get("edited_unixtime").is_some(),
            id,
            ..Message::default()
        };
        sink.push(msg, &loc);
    }
    Ok(())
}
