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
use haven_core::signals::{Balance, Ratio, SafetyPoint, SafetyWeek, Settled, Signals, Totals};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// The four signal lists that are spilled, in the order they are written.
const LISTS: [&str; 4] = ["escalations", "pauses", "bids", "promises"];

/// The signals other than the four spilled lists, serialised straight to
/// the output (a 10-million-message export has tens of thousands of daily
/// points: no intermediate `serde_json::Value`).
#[derive(Serialize)]
struct SignalsRest<'a> {
    messages: u64,
    balance: &'a [Balance],
    safety: &'a [SafetyPoint],
    safety_weekly: &'a [SafetyWeek],
    ratio: Ratio,
    ratio_in_escalations: Ratio,
    totals: &'a Totals,
}

impl<'a> SignalsRest<'a> {
    fn of(s: &'a Signals) -> Self {
        SignalsRest {
            messages: s.messages,
            balance: &s.balance,
            safety: &s.safety,
            safety_weekly: &s.safety_weekly,
            ratio: s.ratio,
            ratio_in_escalations: s.ratio_in_escalations,
            totals: &s.totals,
        }
    }
}

/// Passes writes on, except the first byte (the `{` of an object whose
/// fields follow others already written).
struct SkipFirstByte<'w, W: Write> {
    inner: &'w mut W,
    skipped: bool,
}

impl<W: Write> Write for SkipFirstByte<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.skipped && !buf.is_empty() {
            self.skipped = true;
            return Ok(1 + self.inner.write(&buf[1..])?);
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

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
    /// items not yet handed out; they are written and left empty).
    pub fn end(&mut self, report: &mut ConversationReport) -> io::Result<()> {
        self.spill(Settled::take_from(&mut report.signals))?;
        let spills = self.spills.take().ok_or_else(|| io::Error::other("JsonStream: no conversation begun"))?;
        self.out.write_all(if self.messages == 0 { b"]" } else { b"\n]" })?;
        write!(self.out, ",\n\"participants\":{},\n\"signals\":{{", serde_json::to_string(&report.participants)?)?;
        // The four lists, then the other fields of the same object.
        for (name, spill) in LISTS.iter().zip(spills) {
            write!(self.out, "\n{}:", serde_json::to_string(name)?)?;
            spill.copy_to(&mut self.out)?;
            self.out.write_all(b",")?;
        }
        self.out.write_all(b"\n")?;
        serde_json::to_writer(SkipFirstByte { inner: &mut self.out, skipped: false }, &SignalsRest::of(&report.signals))?;
        self.out.write_all(b"}")?;
        Ok(())
    }

    /// Ends the document and returns the writer, flushed.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}
