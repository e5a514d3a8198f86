//! `haven analyze` (conversation signals and reports) and `haven
//! eval-signals` (signals against conversation-level gold).

use crate::data::{key, parse_ids};
use anyhow::{anyhow, bail, Context, Result};
use clap::ValueEnum;
use haven_core::batch::{BatchLabeller, Item};
use haven_core::{Analyzer, Behaviour, MessageAnalysis};
use haven_report::{ConversationReport, JsonStream, MessageIn, ReportBuilder, Retention};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Output formats of `haven analyze`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    Html,
}

/// Options of `haven analyze`.
pub struct AnalyzeOpts<'a> {
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    /// The scorer (`None`: rules only), from [`crate::data::ModelArgs`].
    pub model: Option<&'static haven_core::scorer::Model>,
    /// Use the input's `labels` (JSON Lines) instead of the analyzer.
    pub input_labels: bool,
    /// Labelling threads (default: one per core); the report is the same
    /// for any number.
    pub threads: Option<usize>,
    pub import: &'a crate::import::ImportArgs,
}

/// Messages labelled per round: enough to keep every core busy, small
/// enough that memory stays flat.
const ANALYZE_BATCH: usize = 8192;

fn progress() -> ProgressBar {
    let pb = ProgressBar::with_draw_target(
        None,
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() },
    );
    pb.set_style(ProgressStyle::with_template("{spinner} analysing: {human_pos} messages ({per_sec}) {elapsed}").expect("valid template"));
    pb
}

/// Where analysed messages go besides the reports: CSV rows or the JSON
/// report, written as they come.
enum Out {
    None,
    Csv(Box<dyn Write>),
    Json(JsonStream<Box<dyn Write>>),
}

/// A message waiting for its labels: its conversation, the message, and its
/// gold labels when the input's are used.
type Pending = (Option<String>, MessageIn, Option<Vec<Behaviour>>);

/// Streams analysed messages into per-conversation reports (or CSV rows, or
/// the streamed JSON report). Messages are labelled in batches on all cores
/// (with exactly the labels one-by-one labelling gives; see
/// `haven_core::batch`), then fed to the reports in order.
struct Sink {
    labeller: BatchLabeller,
    pool: rayon::ThreadPool,
    pending: Vec<Pending>,
    input_labels: bool,
    retention: Retention,
    out: Out,
    current: Option<ReportBuilder>,
    current_id: Option<Option<String>>,
    done: Vec<ConversationReport>,
    pb: ProgressBar,
}

impl Sink {
    fn push(&mut self, conversation: Option<String>, m: MessageIn, gold: Option<Vec<Behaviour>>) -> Result<()> {
        self.pending.push((conversation, m, gold));
        if self.pending.len() >= ANALYZE_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Label the pending messages and feed them to the reports.
    fn flush(&mut self) -> Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let mut analysed = Vec::new().into_iter();
        if !self.input_labels {
            // Messages without a conversation id are one conversation here
            // (a chat export), not standalone messages.
            let items: Vec<Item> = pending
                .iter()
                .map(|(c, m, _)| Item { conversation: Some(c.as_deref().unwrap_or("")), speaker: Some(&m.speaker), text: &m.text })
                .collect();
            let labeller = &mut self.labeller;
            analysed = self.pool.install(|| labeller.label(&items)).into_iter();
        }
        for (conversation, m, gold) in pending {
            // Gold labels come with every message under --input-labels, and
            // only then.
            let a = match gold {
                Some(labels) => MessageAnalysis { labels, findings: Vec::new(), near: Vec::new(), kept_report: false },
                None => analysed.next().expect("one analysis per message"),
            };
            self.report(conversation, m, a)?;
        }
        Ok(())
    }

    fn report(&mut self, conversation: Option<String>, m: MessageIn, a: MessageAnalysis) -> Result<()> {
        if self.current_id.as_ref() != Some(&conversation) {
            self.end_conversation()?;
            if let Out::Json(j) = &mut self.out {
                j.begin(conversation.as_deref())?;
            }
            self.current = Some(ReportBuilder::new(conversation.clone(), self.retention));
            self.current_id = Some(conversation.clone());
        }
        if let Out::Csv(w) = &mut self.out {
            w.write_all(haven_report::csv_row(conversation.as_deref(), &m, &a.labels).as_bytes())?;
        }
        let streamed = self.current.as_mut().expect("a builder").push_analysis(m, &a);
        if let (Some(s), Out::Json(j)) = (streamed, &mut self.out) {
            j.push(s)?;
        }
        self.pb.inc(1);
        Ok(())
    }

    fn end_conversation(&mut self) -> Result<()> {
        if let Some(b) = self.current.take() {
            let mut report = b.finish();
            if let Out::Json(j) = &mut self.out {
                // The lists go to the output; the report keeps its counts.
                j.end(&mut report)?;
            }
            self.done.push(report);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<ConversationReport>> {
        self.flush()?;
        self.end_conversation()?;
        self.pb.finish_and_clear();
        match self.out {
            Out::None => {}
            Out::Csv(mut w) => w.flush()?,
            Out::Json(j) => {
                j.finish()?;
            }
        }
        Ok(self.done)
    }
}

/// Analyse a file into conversation reports; CSV rows or the JSON report
/// are written to `out` as they come.
#[allow(clippy::too_many_arguments)]
fn analyse(
    path: &Path,
    model: Option<&'static haven_core::scorer::Model>,
    input_labels: bool,
    threads: Option<usize>,
    retention: Retention,
    out: Out,
    import: &crate::import::ImportArgs,
) -> Result<Vec<ConversationReport>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .thread_name(|i| format!("haven-analyze-{i}"))
        .build()
        .context("starting the labelling threads")?;
    let mut sink = Sink {
        labeller: BatchLabeller::new(move || Analyzer::with_model(model)),
        pool,
        pending: Vec::with_capacity(ANALYZE_BATCH),
        input_labels,
        retention,
        out,
        current: None,
        current_id: None,
        done: Vec::new(),
        pb: progress(),
    };
    let name = path.display().to_string();
    if crate::import::is_jsonl(path, import)? {
        crate::data::for_each_record(&name, |n, r| {
            let gold = match &r.labels {
                Some(ids) if input_labels => Some(parse_ids(&name, n, ids)?),
                None if input_labels => bail!("{name}:{n}: record has no \"labels\"; --input-labels needs labelled data"),
                _ => None,
            };
            let m = MessageIn {
                id: key(&r.id),
                speaker: r.speaker.as_ref().map(key).unwrap_or_else(|| "?".into()),
                time: r.ts.as_ref().or(r.time.as_ref()).map(key),
                end: r.end.as_ref().map(key),
                text: r.text,
            };
            sink.push(r.conversation.as_ref().map(key), m, gold)
        })?;
    } else {
        if input_labels {
            bail!("--input-labels needs the spec's JSON Lines (a chat export has no labels)");
        }
        let mut n = 0usize;
        let mut failed = None;
        haven_import::stream_path(path, &import.to_options()?, &mut |msg| {
            n += 1;
            let m = MessageIn {
                id: msg.id.clone().unwrap_or_else(|| n.to_string()),
                speaker: msg.speaker,
                time: msg.time,
                end: msg.end,
                text: msg.text,
            };
            if failed.is_none() {
                if let Err(e) = sink.push(None, m, None) {
                    failed = Some(e);
                }
            }
        })
        .map_err(|e| anyhow!("{e}"))?;
        if let Some(e) = failed {
            return Err(e);
        }
    }
    sink.finish()
}

/// An output file being written under a temporary name beside it; renamed
/// into place by [`Target::commit`] once the run succeeded, so that a failed
/// run never leaves a half-written report over an earlier one.
struct Target(Option<(tempfile::NamedTempFile, PathBuf)>);

impl Target {
    fn commit(self) -> Result<()> {
        if let Some((tmp, path)) = self.0 {
            tmp.persist(&path).map_err(|e| anyhow!("{}: cannot write file: {}", path.display(), e.error))?;
        }
        Ok(())
    }
}

fn writer(output: &Option<PathBuf>) -> Result<(Box<dyn Write>, Target)> {
    Ok(match output {
        Some(p) => {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("{}: cannot create file", p.display()))?;
            let file = tmp.reopen().with_context(|| format!("{}: cannot create file", p.display()))?;
            (Box::new(std::io::BufWriter::new(file)), Target(Some((tmp, p.clone()))))
        }
        None => (Box::new(std::io::BufWriter::new(std::io::stdout())), Target(None)),
    })
}

/// `haven analyze`. Returns 3 when danger was found (as `check` does), else 0.
pub fn run(file: &Path, o: &AnalyzeOpts) -> Result<u8> {
    // Only the HTML report holds the whole conversation in memory; the
    // others stream (see `Retention`).
    let mut target = None;
    let (retention, out) = match o.format {
        ReportFormat::Csv => {
            let (mut w, t) = writer(&o.output)?;
            target = Some(t);
            w.write_all(haven_report::CSV_HEADER.as_bytes())?;
            (Retention::Summary, Out::Csv(w))
        }
        ReportFormat::Json => {
            let (w, t) = writer(&o.output)?;
            target = Some(t);
            (Retention::Stream, Out::Json(JsonStream::new(w)?))
        }
        ReportFormat::Text => (Retention::Summary, Out::None),
        ReportFormat::Html => (Retention::All, Out::None),
    };
    let reports = analyse(file, o.model, o.input_labels, o.threads, retention, out, o.import)?;
    let body = match o.format {
        ReportFormat::Csv | ReportFormat::Json => None,
        ReportFormat::Text => Some(haven_report::text(&reports)),
        ReportFormat::Html => Some(haven_report::html(&reports)),
    };
    if let Some(body) = body {
        let (mut w, t) = writer(&o.output)?;
        target = Some(t);
        w.write_all(body.as_bytes())?;
        w.flush()?;
    }
    if let Some(t) = target {
        t.commit()?;
    }
    let danger = reports.iter().any(|r| r.total(Behaviour::Danger) > 0);
    Ok(if danger { 3 } else { 0 })
}

// ---- eval-signals -------------------------------------------------------

#[derive(Deserialize, Default)]
struct GoldSignals {
    #[serde(default)]
    escalations: Vec<GoldEscalation>,
    #[serde(default)]
    pauses: Vec<GoldPause>,
    #[serde(default)]
    bids: Vec<GoldBid>,
    #[serde(default)]
    promises: Vec<GoldPromise>,
}

#[derive(Deserialize)]
struct GoldEscalation {
    start: Value,
    end: Value,
    #[serde(default)]
    pause_called: bool,
}
#[derive(Deserialize)]
struct GoldPause {
    message: Value,
    honoured: Option<bool>,
}
#[derive(Deserialize)]
struct GoldBid {
    bid: Value,
    turn: String,
}
#[derive(Deserialize)]
struct GoldPromise {
    promise: Value,
    outcome: String,
}

/// One line of the gold file: `{"conversation", "signals": {...}}`, or the
/// four lists at the top level.
#[derive(Deserialize)]
struct GoldLine {
    conversation: Value,
    #[serde(default)]
    signals: Option<GoldSignals>,
    #[serde(flatten)]
    flat: HashMap<String, Value>,
}

/// Accuracy of one signal beside the majority-class baseline.
#[derive(serde::Serialize, Debug)]
pub struct Score {
    pub signal: &'static str,
    pub items: usize,
    pub correct: usize,
    pub accuracy: f64,
    pub majority: String,
    pub baseline: f64,
}

#[derive(Default)]
struct Tally {
    correct: usize,
    gold: Vec<String>,
}

impl Tally {
    fn add(&mut self, gold: String, ok: bool) {
        self.correct += usize::from(ok);
        self.gold.push(gold);
    }
    fn score(&self, signal: &'static str) -> Score {
        let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
        for g in &self.gold {
            *freq.entry(g).or_default() += 1;
        }
        let (majority, top) =
            freq.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, v)| (k.to_string(), *v)).unwrap_or_default();
        let n = self.gold.len();
        let r = |x: usize| if n == 0 { 0.0 } else { x as f64 / n as f64 };
        Score { signal, items: n, correct: self.correct, accuracy: r(self.correct), majority, baseline: r(top) }
    }
}

/// `haven eval-signals GOLD --conversations FILE`.
///
/// Items and what counts as correct:
/// - escalation: one item per conversation, correct when the analysis finds
///   as many episodes as the gold and each gold episode overlaps a distinct
///   found one (by message position); the gold item is the episode count.
/// - pause called: one item per gold episode; correct when the overlapping
///   found episode has the same `pause_called` (missed episode: wrong).
/// - pause honoured: one item per gold pause; correct when a found pause at
///   the same message has the same `honoured` (null included).
/// - bid turn: one item per gold bid; correct when a found bid at the same
///   message has the same `turn` (missed bid: wrong).
/// - promise outcome: one item per gold promise; correct when a found
///   promise at the same message has the same `outcome`.
///
/// The baseline always answers the gold's most common value.
pub fn eval_signals(
    gold: &Path,
    conversations: &Path,
    model: Option<&'static haven_core::scorer::Model>,
    input_labels: bool,
    json: bool,
) -> Result<()> {
    let reports = analyse(conversations, model, input_labels, None, Retention::All, Out::None, &crate::import::ImportArgs::default())?;
    let by_id: HashMap<String, &ConversationReport> = reports.iter().filter_map(|r| r.conversation.clone().map(|c| (c, r))).collect();
    let gname = gold.display().to_string();
    let text = std::fs::read_to_string(gold).with_context(|| format!("{gname}: cannot read file"))?;
    let (mut esc, mut called, mut honoured, mut bids, mut promises) =
        (Tally::default(), Tally::default(), Tally::default(), Tally::default(), Tally::default());
    let mut missing = 0usize;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldLine = serde_json::from_str(line).map_err(|e| anyhow!("{gname}:{}: invalid gold record: {e}", i + 1))?;
        let sig = match g.signals {
            Some(s) => s,
            None => serde_json::from_value(Value::Object(g.flat.into_iter().collect())).map_err(|e| anyhow!("{gname}:{}: {e}", i + 1))?,
        };
        let cid = key(&g.conversation);
        let Some(r) = by_id.get(&cid) else {
            missing += 1;
            continue;
        };
        let pos: HashMap<&str, usize> = r.messages.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
        let at = |v: &Value| pos.get(key(v).as_str()).copied();
        let found = &r.signals.escalations;
        let mut used = vec![false; found.len()];
        let mut all_matched = true;
        for ge in &sig.escalations {
            let (Some(a), Some(b)) = (at(&ge.start), at(&ge.end)) else {
                all_matched = false;
                called.add(ge.pause_called.to_string(), false);
                continue;
            };
            let hit = found.iter().enumerate().find(|(j, e)| !used[*j] && e.range().0 <= b && a <= e.range().1).map(|(j, _)| j);
            match hit {
                Some(j) => {
                    used[j] = true;
                    called.add(ge.pause_called.to_string(), found[j].pause_called == ge.pause_called);
                }
                None => {
                    all_matched = false;
                    called.add(ge.pause_called.to_string(), false);
                }
            }
        }
        esc.add(sig.escalations.len().to_string(), all_matched && found.len() == sig.escalations.len());
        for gp in &sig.pauses {
            let id = key(&gp.message);
            let ok = r.signals.pauses.iter().find(|p| p.message == id).is_some_and(|p| p.honoured == gp.honoured);
            // As in the gold and the JSON: true, false, or null (ends inside the pause).
            honoured.add(gp.honoured.map_or("null".to_string(), |h| h.to_string()), ok);
        }
        for gb in &sig.bids {
            let id = key(&gb.bid);
            let ok = r.signals.bids.iter().find(|b| b.bid == id).is_some_and(|b| b.turn.as_str() == gb.turn);
            bids.add(gb.turn.clone(), ok);
        }
        for gp in &sig.promises {
            let id = key(&gp.promise);
            let ok = r.signals.promises.iter().find(|p| p.promise == id).is_some_and(|p| p.outcome.as_str() == gp.outcome);
            promises.add(gp.outcome.clone(), ok);
        }
    }
    if missing > 0 {
        eprintln!("haven: warning: {missing} gold conversation(s) not found in {}", conversations.display());
    }
    let scores = [
        esc.score("escalation"),
        called.score("pause called"),
        honoured.score("pause honoured"),
        bids.score("bid turn"),
        promises.score("promise outcome"),
    ];
    if json {
        crate::emit_json(&scores)
    } else {
        let mut out = format!("{:<16} {:>6} {:>9} {:>9}  majority class\n", "signal", "items", "accuracy", "baseline");
        for s in &scores {
            out.push_str(&format!("{:<16} {:>6} {:>9.3} {:>9.3}  {}\n", s.signal, s.items, s.accuracy, s.baseline, s.majority));
        }
        crate::emit(&out)
    }
}
