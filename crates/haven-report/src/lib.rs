//! haven-report: turns analysed messages and their conversation signals into
//! what a couple or their therapist reads: a terminal summary, JSON (schema
//! `schema/analysis.v1.json`), CSV (one row per message) and one
//! self-contained HTML file (inline CSS and SVG, no network).
//!
//! Build a [`ConversationReport`] with a [`ReportBuilder`], one message at a
//! time, then render a slice of reports with [`text`], [`json`], [`csv`] or
//! [`html`].

pub mod draft;
mod html;
mod stream;

pub use html::{escape, html};
pub use stream::JsonStream;

use haven_core::signals::{Escalation, SafetyPoint, Settled, SignalTracker, Signals, Turn, STABLE_RATIO};
use haven_core::taxonomy::{Behaviour, Kind, RESOURCES};
use haven_core::Finding;
use serde::Serialize;
use std::fmt::Write;

/// The JSON schema id written into every JSON report.
pub const SCHEMA: &str = "https://haven.local/schema/analysis.v1.json";
/// The JSON format version.
pub const VERSION: u32 = 1;

/// One message as read from the input.
#[derive(Debug, Clone, Default)]
pub struct MessageIn {
    /// The input's id, or the 1-based position when it has none.
    pub id: String,
    pub speaker: String,
    /// The time as written by the source (RFC 3339, or seconds for
    /// transcripts).
    pub time: Option<String>,
    /// End of the utterance (transcripts).
    pub end: Option<String>,
    pub text: String,
}

/// One finding as reported: behaviour, byte span in the text, confidence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingOut {
    pub behaviour: Behaviour,
    pub start: usize,
    pub end: usize,
    pub confidence: f64,
}

/// One analysed message.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub speaker: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    pub text: String,
    pub labels: Vec<Behaviour>,
    pub findings: Vec<FindingOut>,
}

/// Everything reported about one conversation.
#[derive(Debug, Clone, Serialize)]
pub struct ConversationReport {
    /// The input's `conversation` id, when it has one.
    pub conversation: Option<String>,
    /// Speakers in order of first message.
    pub participants: Vec<String>,
    /// Every message (empty when the builder was told not to keep them).
    pub messages: Vec<Row>,
    /// Label counts per participant, indexed by [`Behaviour::index`].
    #[serde(skip)]
    pub counts: Vec<[u32; 22]>,
    pub signals: Signals,
}

impl ConversationReport {
    /// Total count of one behaviour, all partners together.
    pub fn total(&self, b: Behaviour) -> u32 {
        self.counts.iter().map(|c| c[b.index()]).sum()
    }

    /// The sabotage behaviours seen, most frequent first (ties in taxonomy
    /// order).
    pub fn top_sabotage(&self) -> Vec<(Behaviour, u32)> {
        let mut v: Vec<(Behaviour, u32)> =
            Behaviour::ALL.iter().filter(|b| b.is_sabotage()).map(|&b| (b, self.total(b))).filter(|&(_, n)| n > 0).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Safety points of one participant, in day order.
    pub fn safety_of(&self, speaker: &str) -> Vec<&SafetyPoint> {
        self.signals.safety.iter().filter(|p| p.speaker == speaker).collect()
    }
}

/// Escalation episodes a summary report keeps to list (all are counted).
pub const SUMMARY_EPISODES: usize = 10;

/// What a [`ReportBuilder`] holds on to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Every message and every signal item: the HTML report, the web app,
    /// `eval-signals`. Memory grows with the conversation.
    All,
    /// Counts ([`Signals::totals`]), safety points and the first
    /// [`SUMMARY_EPISODES`] episodes: the terminal summary and CSV. Memory
    /// stays flat.
    Summary,
    /// Nothing: each [`ReportBuilder::push`] hands back its message and the
    /// items that settled, for a writer that streams them out
    /// ([`JsonStream`]). Memory stays flat.
    Stream,
}

/// What one message added, in [`Retention::Stream`] mode.
#[derive(Debug, Clone)]
pub struct Streamed {
    pub row: Row,
    pub settled: Settled,
}

/// Adds `more` to `kept` up to [`SUMMARY_EPISODES`] in all.
fn keep_first_episodes(kept: &mut Vec<Escalation>, more: Vec<Escalation>) {
    let room = SUMMARY_EPISODES.saturating_sub(kept.len());
    kept.extend(more.into_iter().take(room));
}

/// Builds one [`ConversationReport`] from a stream of analysed messages.
pub struct ReportBuilder {
    conversation: Option<String>,
    retention: Retention,
    participants: Vec<String>,
    counts: Vec<[u32; 22]>,
    messages: Vec<Row>,
    episodes: Vec<Escalation>,
    tracker: SignalTracker,
}

impl ReportBuilder {
    pub fn new(conversation: Option<String>, retention: Retention) -> Self {
        ReportBuilder {
            conversation,
            retention,
            participants: Vec::new(),
            counts: Vec::new(),
            messages: Vec::new(),
            episodes: Vec::new(),
            tracker: SignalTracker::new(),
        }
    }

    /// Add the next message with its labels and findings. In
    /// [`Retention::Stream`] mode, returns the message's row and the items
    /// that settled, which the builder then forgets.
    pub fn push(&mut self, m: MessageIn, labels: &[Behaviour], findings: &[Finding]) -> Option<Streamed> {
        self.push_near(m, labels, findings, &[])
    }

    /// [`ReportBuilder::push`] with the analyzer's whole result, whose
    /// near misses (`MessageAnalysis::near`) the signals read.
    pub fn push_analysis(&mut self, m: MessageIn, a: &haven_core::MessageAnalysis) -> Option<Streamed> {
        self.push_signals(m, &a.labels, &a.signal_labels(), &a.findings, &a.near)
    }

    fn push_near(&mut self, m: MessageIn, labels: &[Behaviour], findings: &[Finding], near: &[Behaviour]) -> Option<Streamed> {
        self.push_signals(m, labels, labels, findings, near)
    }

    /// `labels` are counted and shown; `signal_labels` are what the signal
    /// tracker reads (see `MessageAnalysis::signal_labels`).
    fn push_signals(
        &mut self,
        m: MessageIn,
        labels: &[Behaviour],
        signal_labels: &[Behaviour],
        findings: &[Finding],
        near: &[Behaviour],
    ) -> Option<Streamed> {
        let slot = match self.participants.iter().position(|p| *p == m.speaker) {
            Some(i) => i,
            None => {
                self.participants.push(m.speaker.clone());
                self.counts.push([0; 22]);
                self.participants.len() - 1
            }
        };
        for b in labels {
            self.counts[slot][b.index()] += 1;
        }
        let time = m.time.as_deref().and_then(haven_core::signals::parse_time);
        let end = m.end.as_deref().and_then(haven_core::signals::parse_time);
        self.tracker.push(&Turn { id: &m.id, speaker: &m.speaker, time, end, text: &m.text, labels: signal_labels, near });
        if self.retention == Retention::Summary {
            keep_first_episodes(&mut self.episodes, self.tracker.take_settled().escalations);
            return None;
        }
        let findings = findings
            .iter()
            .map(|f| FindingOut {
                behaviour: f.behaviour,
                start: f.start,
                end: f.end,
                confidence: (f64::from(f.confidence) * 100.0).round() / 100.0,
            })
            .collect();
        let row = Row { id: m.id, speaker: m.speaker, time: m.time, text: m.text, labels: labels.to_vec(), findings };
        if self.retention == Retention::Stream {
            return Some(Streamed { row, settled: self.tracker.take_settled() });
        }
        self.messages.push(row);
        None
    }

    /// Finish the conversation. In [`Retention::Stream`] mode the signal
    /// lists hold only what had not been handed out yet; in
    /// [`Retention::Summary`] mode only the first episodes, no pauses, bids
    /// or promises (their counts are in [`Signals::totals`]).
    pub fn finish(self) -> ConversationReport {
        let mut signals = self.tracker.finish();
        if self.retention == Retention::Summary {
            let mut episodes = self.episodes;
            keep_first_episodes(&mut episodes, Settled::take_from(&mut signals).escalations);
            signals.escalations = episodes;
        }
        ConversationReport {
            conversation: self.conversation,
            participants: self.participants,
            messages: self.messages,
            counts: self.counts,
            signals,
        }
    }
}

/// The JSON report (schema `schema/analysis.v1.json`).
pub fn json(reports: &[ConversationReport]) -> serde_json::Value {
    serde_json::json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "conversations": reports,
    })
}

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The CSV header line (with its newline).
pub const CSV_HEADER: &str = "conversation,id,speaker,time,danger,sabotage,builders,labels,text\n";

/// One CSV row (with its newline): the message and its behaviours
/// (`labels` joined by `;`, and counts by kind).
pub fn csv_row(conversation: Option<&str>, m: &MessageIn, labels: &[Behaviour]) -> String {
    let mut out = String::with_capacity(m.text.len() + 64);
    let kind = |k: Kind| labels.iter().filter(|b| b.kind() == k).count();
    csv_field(&mut out, conversation.unwrap_or(""));
    out.push(',');
    csv_field(&mut out, &m.id);
    out.push(',');
    csv_field(&mut out, &m.speaker);
    out.push(',');
    csv_field(&mut out, m.time.as_deref().unwrap_or(""));
    let _ = write!(out, ",{},{},{},", kind(Kind::Danger), kind(Kind::Sabotage), kind(Kind::Builder));
    let ids: Vec<&str> = labels.iter().map(|b| b.id()).collect();
    csv_field(&mut out, &ids.join(";"));
    out.push(',');
    csv_field(&mut out, &m.text);
    out.push('\n');
    out
}

/// CSV of reports built with their messages kept.
pub fn csv(reports: &[ConversationReport]) -> String {
    let mut out = String::from(CSV_HEADER);
    for r in reports {
        for row in &r.messages {
            let m =
                MessageIn { id: row.id.clone(), speaker: row.speaker.clone(), time: row.time.clone(), end: None, text: row.text.clone() };
            out.push_str(&csv_row(r.conversation.as_deref(), &m, &row.labels));
        }
    }
    out
}

/// Most marks in a terminal sparkline; longer series are averaged down.
pub const SPARKLINE_WIDTH: usize = 60;

/// The means of consecutive runs of `per` values (the last run may be
/// shorter), rounded.
pub fn downsample(values: &[u8], per: usize) -> Vec<u8> {
    values.chunks(per.max(1)).map(|c| ((c.iter().map(|&v| u32::from(v)).sum::<u32>() as f64) / c.len() as f64).round() as u8).collect()
}

/// A unicode sparkline of 0..100 values (`▁` low … `█` high).
pub fn sparkline(values: &[u8]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values.iter().map(|&v| BARS[(usize::from(v.min(100)) * 8 / 101).min(7)]).collect()
}

fn fmt_ratio(r: &haven_core::signals::Ratio) -> String {
    match r.ratio {
        Some(x) => format!("{}:{} = {:.1}:1 ({})", r.positive, r.negative, x, r.band()),
        None => format!("{}:0 ({})", r.positive, r.band()),
    }
}

fn pct(x: Option<f64>) -> String {
    x.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "–".into())
}

/// The terminal summary: headline numbers, a sparkline of the safety index
/// per partner, the top three patterns with advice; danger first, with
/// resources.
pub fn text(reports: &[ConversationReport]) -> String {
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        summary(&mut out, r);
    }
    out
}

fn summary(out: &mut String, r: &ConversationReport) {
    let s = &r.signals;
    let title = r.conversation.as_deref().map(|c| format!("conversation {c}")).unwrap_or_else(|| "conversation".into());
    let _ = writeln!(out, "haven · {title} · {} messages · {}", s.messages, r.participants.join(" & "));
    let danger = r.total(Behaviour::Danger);
    if danger > 0 {
        let _ = writeln!(out, "\n!! DANGER: {danger} message(s) show threats of harm, self-harm or coercive control.");
        let _ = writeln!(out, "   {}", Behaviour::Danger.info().why);
        let _ = writeln!(out, "   Help is available:");
        for (name, what) in RESOURCES {
            let _ = writeln!(out, "   - {name}: {what}");
        }
    }
    let days = r.participants.iter().map(|p| r.safety_of(p).len()).max().unwrap_or(0);
    let per = days.div_ceil(SPARKLINE_WIDTH).max(1);
    let unit = if per == 1 { "per day".to_string() } else { format!("one mark per {per} days, their mean") };
    let _ = writeln!(out, "\nsafety index (0-100, {unit})");
    for p in &r.participants {
        let pts = r.safety_of(p);
        let vals: Vec<u8> = pts.iter().map(|p| p.index).collect();
        let last = vals.last().copied().unwrap_or(50);
        let _ = writeln!(out, "  {:<12} {:<14} latest {last:>3}", truncate(p, 12), sparkline(&downsample(&vals, per)));
    }
    let _ = writeln!(out, "\npositive:negative     {}", fmt_ratio(&s.ratio));
    let _ = writeln!(out, "  in escalations      {}", fmt_ratio(&s.ratio_in_escalations));
    let _ = writeln!(out, "  reference           {STABLE_RATIO}:1 in couples who stayed together, 0.8:1 in couples who split");
    let t = &s.totals;
    let _ = writeln!(out, "escalations           {} ({} with a pause called)", t.escalations, t.escalations_with_pause);
    for e in s.escalations.iter().take(SUMMARY_EPISODES) {
        let _ = writeln!(out, "  {} → {}: started by {}, a pause would have helped at {}", e.start, e.end, e.escalated_by, e.pause_point);
    }
    let listed = s.escalations.len().min(SUMMARY_EPISODES) as u64;
    if t.escalations > listed {
        let _ = writeln!(out, "  … and {} more (every episode is in --format json and html)", t.escalations - listed);
    }
    let _ =
        writeln!(out, "pauses                {} called, {} honoured, {} not honoured", t.pauses, t.pauses_honoured, t.pauses_not_honoured);
    let bids: Vec<String> =
        r.participants.iter().map(|p| format!("{p} {} ({} turned toward)", t.bids_by(p), pct(s.turning_toward_rate(p)))).collect();
    let _ = writeln!(out, "bids                  {}", bids.join(", "));
    let _ = writeln!(
        out,
        "promises              {}: {} kept, {} broken, {} open",
        t.promises, t.promises_kept, t.promises_broken, t.promises_open
    );
    let _ = writeln!(out, "balance");
    for b in &s.balance {
        let resp = b.mean_response_s.map(|x| format!(", replies in {} on average", duration(x))).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<12} {}, {}, {}{resp}",
            truncate(&b.speaker, 12),
            counted(b.turns, "turn"),
            counted(b.words, "word"),
            counted(b.questions, "question")
        );
    }
    let _ = writeln!(out, "\ntop patterns");
    let top = r.top_sabotage();
    if top.is_empty() {
        let _ = writeln!(out, "  no sabotage found: keep doing what you're doing.");
    }
    for (i, (b, n)) in top.iter().take(3).enumerate() {
        let who: Vec<String> = r.participants.iter().zip(&r.counts).map(|(p, c)| format!("{p} {}", c[b.index()])).collect();
        let info = b.info();
        let _ = writeln!(out, "  {}. {} ({}) ×{n}: {}", i + 1, info.title, b.id(), who.join(", "));
        let _ = writeln!(out, "     try: {}", info.instead);
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// `n` and the noun, plural unless `n` is one: "1 question", "3 questions".
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "45s", "12 min", "3.5 h".
pub fn duration(secs: f64) -> String {
    if secs < 90.0 {
        format!("{secs:.0}s")
    } else if secs < 5400.0 {
        format!("{:.0} min", secs / 60.0)
    } else {
        format!("{:.1} h", secs / 3600.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_except_one() {
        assert_eq!(counted(1, "question"), "1 question");
        assert_eq!(counted(0, "question"), "0 questions");
        assert_eq!(counted(12, "turn"), "12 turns");
    }

    #[test]
    fn sparkline_spans_the_range() {
        assert_eq!(sparkline(&[0, 50, 100]), "▁▄█");
    }

    #[test]
    fn downsample_averages_runs_and_keeps_a_short_tail() {
        assert_eq!(downsample(&[0, 100, 50, 50, 10], 2), vec![50, 50, 10]);
        assert_eq!(downsample(&[7, 8], 1), vec![7, 8]);
        let long: Vec<u8> = (0..1000).map(|i| (i % 101) as u8).collect();
        assert!(downsample(&long, 1000usize.div_ceil(SPARKLINE_WIDTH)).len() <= SPARKLINE_WIDTH);
    }

    #[test]
    fn csv_quotes() {
        let m = MessageIn { id: "1".into(), speaker: "A".into(), text: "hi, \"you\"".into(), ..Default::default() };
        assert_eq!(csv_row(None, &m, &[Behaviour::Sarcasm]), ",1,A,,0,1,0,sarcasm,\"hi, \"\"you\"\"\"\n");
    }
}
