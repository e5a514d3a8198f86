//! Writing a conversation back out in the two generic formats the importers
//! read, JSON Lines and CSV, so that a conversation can be cleaned up,
//! anonymised or cut in another tool and read again. Reading what these
//! write gives the same messages (a property test checks it).

use haven_core::Message;
use std::io::{self, Write};

/// One JSON object per line: `speaker`, `time` and `end` when known, `text`.
pub fn write_jsonl(messages: &[Message], mut out: impl Write) -> io::Result<()> {
    for m in messages {
        let mut obj = serde_json::Map::new();
        obj.insert("speaker".into(), m.speaker.clone().into());
        if let Some(t) = &m.time {
            obj.insert("time".into(), t.clone().into());
        }
        if let Some(e) = &m.end {
            obj.insert("end".into(), e.clone().into());
        }
        obj.insert("text".into(), m.text.clone().into());
        serde_json::to_writer(&mut out, &obj)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A header `speaker,time,text`, then one row per message (RFC 4180 quoting;
/// an unknown time is an empty field).
pub fn write_csv(messages: &[Message], out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["speaker", "time", "text"])?;
    for m in messages {
        w.write_record([m.speaker.as_str(), m.time.as_deref().unwrap_or(""), m.text.as_str()])?;
    }
    w.flush()
}
