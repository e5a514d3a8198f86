//! The JSON report written as the analysis goes, in flat memory.
//!
//! [`json`](crate::json) builds the whole report in memory, which for a
//! 10-million-message export means gigabytes. [`JsonStream`] writes the same
//! document (the same schema, the same values) piece by piece: each message
//! as it is analysed, straight to the output, and each finished signal item
//! (episodes, pauses, bids, promises, which belong after the messages) to a
//! temporary file per list, copied into place when the conversation ends.
//! Memory then holds only what [`Retention::Stream`](crate::Retention)
//! keeps: the tracker's open items and the safety points.
//!
//! Layout: one message, or one signal item, per line, so that the file is
//! easy to read and to grep; the values equal those of [`json`](crate::json).

use crate::{ConversationReport, Streamed, SCHEMA, VERSION};
use haven_core::signals::Settled;
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// The four signal lists that are spilled, in the order they are written.
const LISTS: [&str; 4] = ["escalations", "pauses", "bids", "promises"];

/// One list's items so far, in a temporary file.
struct Spill {
    file: BufWriter<File>,
    items: usize,
}

impl Spill {
    fn new() -> io::Result<Spill> {
        Ok(Spill { file: BufWriter::new(tempfile::tempfile()?), items: 0 })
    }

    fn push<T: Serialize>(&mut self, item: &T) -> io::Result<()> {
        self.file.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.file, item)?;
        self.items += 1;
        Ok(())
    }

    /// Copy the list, brackets included, to `out`.
    fn copy_to(self, out: &mut impl Write) -> io::Result<()> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        out.write_all(b"[")?;
        io::copy(&mut file, out)?;
        out.write_all(if self.items == 0 { b"]" } else { b"\n]" })
    }
}

/// Writes the JSON report of `haven analyze` while it runs: call
/// [`begin`](JsonStream::begin) for each conversation, [`push`](JsonStream::push)
/// for each message, [`end`](JsonStream::end) when the conversation is over,
/// and [`finish`](JsonStream::finish) at the end.
pub struct JsonStream<W: Write> {
    out: W,
    conversations: usize,
    messages: usize,
    spills: Option<[Spill; 4]>,
}

impl<W: Write> JsonStream<W> {
    /// Starts the document.
    pub fn new(mut out: W) -> io::Result<Self> {
        write!(out, "{{\"$schema\":{},\"version\":{VERSION},\"conversations\":[", serde_json::to_string(SCHEMA)?)?;
        Ok(JsonStream { out, conversations: 0, messages: 0, spills: None })
    }

    /// Opens a conversation.
    pub fn begin(&mut self, conversation: Option<&str>) -> io::Result<()> {
        if self.conversations > 0 {
            self.out.write_all(b",")?;
        }
        self.conversations += 1;
        self.messages = 0;
        write!(self.out, "\n{{\"conversation\":{},\"messages\":[", serde_json::to_string(&conversation)?)?;
        self.spills = Some([Spill::new()?, Spill::new()?, Spill::new()?, Spill::new()?]);
        Ok(())
    }

    fn spill(&mut self, settled: Settled) -> io::Result<()> {
        let s = self.spills.as_mut().ok_or_else(|| io::Error::other("JsonStream: no conversation begun"))?;
        for e in &settled.escalations {
            s[0].push(e)?;
        }
        for p in &settled.pauses {
            s[1].push(p)?;
        }
        for b in &settled.bids {
            s[2].push(b)?;
        }
        for p in &settled.promises {
            s[3].push(p)?;
        }
        Ok(())
    }

    /// Writes one analysed message and keeps the items that settled with it.
    pub fn push(&mut self, streamed: Streamed) -> io::Result<()> {
        self.out.write_all(if self.messages == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, &streamed.row)?;
        self.messages += 1;
        self.spill(streamed.settled)
    }

    /// Closes the conversation with its report (from a builder in
    /// [`Retention::Stream`](crate::Retention) mode, whose lists hold the
    /// items not yet handed out).
    pub fn end(&mut self, mut report: ConversationReport) -> io::Result<()> {
        let s = &mut report.signals;
        let rest = Settled {
            escalations: std::mem::take(&mut s.escalations),
            pauses: std::mem::take(&mut s.pauses),
            bids: std::mem::take(&mut s.bids),
            promises: std::mem::take(&mut s.promises),
        };
        self.spill(rest)?;
        let spills = self.spills.take().ok_or_else(|| io::Error::other("JsonStream: no conversation begun"))?;
        self.out.write_all(if self.messages == 0 { b"]" } else { b"\n]" })?;
        write!(self.out, ",\n\"participants\":{},\n\"signals\":{{", serde_json::to_string(&report.participants)?)?;
        // The signals object without its four lists, then the lists.
        let serde_json::Value::Object(rest) = serde_json::to_value(&report.signals)? else {
            return Err(io::Error::other("signals serialise to an object"));
        };
        let mut first = true;
        for (key, value) in rest.iter().filter(|(k, _)| !LISTS.contains(&k.as_str())) {
            if !first {
                self.out.write_all(b",")?;
            }
            first = false;
            write!(self.out, "\n{}:{}", serde_json::to_string(key)?, serde_json::to_string(value)?)?;
        }
        for (name, spill) in LISTS.iter().zip(spills) {
            write!(self.out, ",\n{}:", serde_json::to_string(name)?)?;
            spill.copy_to(&mut self.out)?;
        }
        self.out.write_all(b"}}")?;
        Ok(())
    }

    /// Ends the document and returns the writer, flushed.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}
