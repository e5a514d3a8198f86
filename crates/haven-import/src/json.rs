//! Helpers shared by the JSON-based readers.

use serde_json::error::Category;
use serde_json::Value;

use crate::error::{ErrorKind, ImportError, Location};

/// Turn a serde_json error into a one-line import error with line and
/// column.
pub(crate) fn json_error(file: &str, e: &serde_json::Error, expected: &str, fix: &str) -> ImportError {
    let msg = e.to_string();
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let (kind, what, fix) = match e.classify() {
        Category::Eof => (
            ErrorKind::Truncated,
            format!("the JSON ends too early ({msg}): the file looks cut short"),
            format!("{fix}; make sure the whole file was copied"),
        ),
        Category::Syntax => (ErrorKind::Malformed, format!("invalid JSON ({msg})"), fix.to_string()),
        Category::Data => (ErrorKind::Malformed, format!("unexpected JSON ({msg})"), fix.to_string()),
        Category::Io => (ErrorKind::Io, format!("cannot read ({msg})"), fix.to_string()),
    };
    let loc = if e.line() == 0 { Location::Whole } else { Location::LineColumn(e.line() as u64, e.column() as u64) };
    ImportError::new(kind, file, loc, what, expected, fix)
}

/// The first of `keys` present (and not null) in `obj`.
pub(crate) fn field<'a>(obj: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().filter_map(|k| obj.get(*k)).find(|v| !v.is_null())
}

/// A string or number as text.
pub(crate) fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Is this value "present": a non-empty array/object/string, `true`, or a
/// number.
pub(crate) fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(_)) => true,
    }
}

/// Undo the mojibake of Facebook/Instagram exports: UTF-8 bytes written as
/// `\u00XX` escapes, i.e. each byte became a Latin-1 character. Text that
/// is not of that shape is returned unchanged.
pub fn fix_mojibake(s: &str) -> String {
    if s.is_ascii() || s.chars().any(|c| c as u32 > 0xFF) {
        return s.to_string();
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake() {
        assert_eq!(fix_mojibake("caf\u{00c3}\u{00a9} \u{00f0}\u{009f}\u{0098}\u{008a}"), "café 😊");
        assert_eq!(fix_mojibake("café"), "café");
        assert_eq!(fix_mojibake("plain"), "plain");
        assert_eq!(fix_mojibake("😊 ok"), "😊 ok");
    }
}
