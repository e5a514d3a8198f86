//! `haven label` and `haven eval` over JSON Lines in the spec's format.

use crate::Format;
use anyhow::{anyhow, bail, Context, Result};
use haven_core::analyze::ConversationAnalyzer;
use haven_core::batch::{BatchLabeller, Item};
use haven_core::eval::{Report, Scoreboard};
use haven_core::{Analyzer, Behaviour};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, BufReader, BufWriter, Write};

/// One input line of the spec's JSON Lines. Unknown fields are ignored.
#[derive(Deserialize)]
pub(crate) struct Record {
    pub id: Value,
    pub text: String,
    #[serde(default)]
    pub conversation: Option<Value>,
    #[serde(default)]
    pub speaker: Option<Value>,
    #[serde(default)]
    pub ts: Option<Value>,
    #[serde(default)]
    pub time: Option<Value>,
    #[serde(default)]
    pub end: Option<Value>,
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    #[serde(default)]
    pub complete_for: Option<Vec<String>>,
}

fn open(path: &str) -> Result<Box<dyn BufRead>> {
    if path == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(path).with_context(|| format!("{path}: cannot open file"))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
}

/// A JSON id, speaker or time as text: strings as they are, anything else
/// as its JSON.
pub(crate) fn key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn unreadable_line(path: &str, line_no: usize, e: &std::io::Error) -> anyhow::Error {
    anyhow!("{path}:{line_no}: cannot read line: {e}; the file must be UTF-8 JSON Lines")
}

/// One line of the spec's JSON Lines as a record, or an error naming the
/// file and line.
fn parse_record(path: &str, line_no: usize, line: &str) -> Result<Record> {
    let rec: Record = serde_json::from_str(line).map_err(|e| {
        anyhow!("{path}:{line_no}: invalid record: {e}; expected one JSON object per line with at least \"id\" and \"text\"")
    })?;
    if rec.text.len() > haven_core::MAX_MESSAGE_BYTES {
        bail!(
            "{path}:{line_no}: the message is {:.1} MB; expected messages of at most {} MiB (is a file pasted into \"text\"?)",
            rec.text.len() as f64 / 1e6,
            haven_core::MAX_MESSAGE_BYTES >> 20
        );
    }
    Ok(rec)
}

/// Read every record, calling `f` with its line number; stops at the first
/// malformed line with an error naming the file and line.
pub(crate) fn for_each_record(path: &str, mut f: impl FnMut(usize, Record) -> Result<()>) -> Result<()> {
    for_each_line(path, |n, line| f(n, parse_record(path, n, line)?))
}

/// Read every non-blank line, calling `f` with its line number; stops at
/// the first line that is not UTF-8 or that `f` rejects.
fn for_each_line(path: &str, mut f: impl FnMut(usize, &str) -> Result<()>) -> Result<()> {
    let reader = open(path)?;
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| unreadable_line(path, n, &e))?;
        if line.trim().is_empty() {
            continue;
        }
        f(n, &line)?;
    }
    Ok(())
}

/// Labels a stream of records, giving each message its conversation's
/// previous turns as context (records of one conversation in file order).
struct Labeller {
    conv: ConversationAnalyzer,
    current: Option<String>,
}

impl Labeller {
    fn new(analyzer: Analyzer) -> Self {
        Labeller { conv: ConversationAnalyzer::new(analyzer), current: None }
    }

    fn label(&mut self, rec: &Record) -> haven_core::MessageAnalysis {
        let conversation = rec.conversation.as_ref().map(key);
        if conversation.is_none() || conversation != self.current {
            self.conv.reset();
        }
        self.current = conversation;
        let speaker = rec.speaker.as_ref().map(key);
        self.conv.push(speaker.as_deref(), &rec.text)
    }
}

/// Lines read, parsed, labelled and written per round: enough to keep every
/// core busy, small enough that memory stays flat on any input size.
const LABEL_BATCH: usize = 8192;

pub fn label(
    path: &str,
    model: Option<&'static haven_core::scorer::Model>,
    threads: Option<usize>,
    opts: &crate::import::ImportArgs,
) -> Result<()> {
    // Any chat export is labelled through the importers; the spec's JSON Lines
    // (and stdin) are read directly, streaming.
    if path != "-" && !crate::import::is_jsonl(std::path::Path::new(path), opts)? {
        return label_export(path, model, opts);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .thread_name(|i| format!("haven-label-{i}"))
        .build()
        .context("starting the labelling threads")?;
    let mut labeller = BatchLabeller::new(move || Analyzer::with_model(model));
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut reader = open(path)?;
    let mut batch: Vec<(usize, String)> = Vec::with_capacity(LABEL_BATCH);
    let mut n = 0usize;
    loop {
        batch.clear();
        while batch.len() < LABEL_BATCH {
            let mut line = String::new();
            n += 1;
            let read = reader.read_line(&mut line).map_err(|e| unreadable_line(path, n, &e))?;
            if read == 0 {
                break;
            }
            if !line.trim().is_empty() {
                batch.push((n, line));
            }
        }
        if batch.is_empty() {
            break;
        }
        let (json, bad) = pool.install(|| label_batch(path, &batch, &mut labeller));
        for line in &json {
            out.write_all(line)?;
        }
        if let Some(e) = bad {
            out.flush()?;
            return Err(e);
        }
    }
    out.flush()?;
    Ok(())
}

/// Parses, labels and renders one batch of lines in parallel: the output
/// lines, and the error of the first malformed line (the lines before it are
/// still labelled, as when labelling one line at a time).
fn label_batch(path: &str, lines: &[(usize, String)], labeller: &mut BatchLabeller) -> (Vec<Vec<u8>>, Option<anyhow::Error>) {
    let parsed: Vec<Result<Record>> = lines.par_iter().map(|(n, l)| parse_record(path, *n, l)).collect();
    let mut records: Vec<Record> = Vec::with_capacity(parsed.len());
    let mut error = None;
    for r in parsed {
        match r {
            Ok(rec) => records.push(rec),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let keys: Vec<(Option<String>, Option<String>)> =
        records.iter().map(|r| (r.conversation.as_ref().map(key), r.speaker.as_ref().map(key))).collect();
    let items: Vec<Item> =
        records.iter().zip(&keys).map(|(r, (c, s))| Item { conversation: c.as_deref(), speaker: s.as_deref(), text: &r.text }).collect();
    let results = labeller.label(&items);
    let json: Vec<Vec<u8>> = records
        .par_iter()
        .zip(results.par_iter())
        .map(|(rec, r)| {
            let findings: Vec<Value> = r.findings.iter().map(finding_json).collect();
            let mut buf = serde_json::to_vec(&serde_json::json!({"id": rec.id, "labels": r.labels, "findings": findings}))
                .expect("JSON values serialise");
            buf.push(b'\n');
            buf
        })
        .collect();
    (json, error)
}

fn label_export(path: &str, model: Option<&'static haven_core::scorer::Model>, opts: &crate::import::ImportArgs) -> Result<()> {
    let mut conv = ConversationAnalyzer::new(Analyzer::with_model(model));
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut n = 0usize;
    let mut failed: Option<std::io::Error> = None;
    haven_import::stream_path(std::path::Path::new(path), &opts.to_options()?, &mut |m| {
        n += 1;
        let r = conv.push(Some(&m.speaker), &m.text);
        let findings: Vec<Value> = r.findings.iter().map(finding_json).collect();
        let id = m.id.clone().unwrap_or_else(|| n.to_string());
        let line = serde_json::json!({"id": id, "speaker": m.speaker, "time": m.time, "labels": r.labels, "findings": findings});
        if failed.is_none() {
            if let Err(e) = writeln!(out, "{line}") {
                failed = Some(e);
            }
        }
    })
    .map_err(|e| anyhow!("{e}"))?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    out.flush()?;
    Ok(())
}

/// One finding as `label` writes it: behaviour, byte span, confidence to two
/// decimals.
fn finding_json(f: &haven_core::Finding) -> Value {
    serde_json::json!({"behaviour": f.behaviour, "start": f.start, "end": f.end, "confidence": (f64::from(f.confidence) * 100.0).round() / 100.0})
}

pub(crate) fn parse_ids(path: &str, line: usize, ids: &[String]) -> Result<Vec<Behaviour>> {
    ids.iter().map(|s| s.parse::<Behaviour>().map_err(|e| anyhow!("{path}:{line}: {e}"))).collect()
}

/// A labelled record's gold labels and the behaviours it is scored on
/// (`complete_for`; `None` for all), or an error naming the line.
fn gold_labels(path: &str, n: usize, rec: &Record) -> Result<(Vec<Behaviour>, Option<Vec<Behaviour>>)> {
    let Some(gold) = &rec.labels else {
        bail!("{path}:{n}: record has no \"labels\"; eval needs labelled data (use `haven label` for unlabelled files)")
    };
    let gold = parse_ids(path, n, gold)?;
    let scope = rec.complete_for.as_ref().map(|c| parse_ids(path, n, c)).transpose()?;
    Ok((gold, scope))
}

/// Score a labelled file; returns the report.
pub fn evaluate(path: &str, analyzer: Analyzer) -> Result<Report> {
    let mut labeller = Labeller::new(analyzer);
    let mut board = Scoreboard::default();
    for_each_record(path, |n, rec| {
        let (gold, scope) = gold_labels(path, n, &rec)?;
        let r = labeller.label(&rec);
        board.add(&gold, &r.labels, scope.as_deref());
        Ok(())
    })?;
    Ok(board.report())
}

/// Score another labeller's output against a labelled file: `predictions`
/// is JSON Lines with `id` and `labels` (what `haven label` writes, another
/// tool's output, or a second annotator's labels), matched to the gold
/// records by id. Every gold record needs exactly one prediction.
pub fn evaluate_predictions(path: &str, predictions: &str) -> Result<Report> {
    #[derive(Deserialize)]
    struct Prediction {
        id: Value,
        labels: Vec<String>,
    }
    let mut predicted: std::collections::HashMap<String, (usize, Vec<Behaviour>)> = std::collections::HashMap::new();
    for_each_line(predictions, |n, line| {
        let p: Prediction = serde_json::from_str(line).map_err(|e| {
            anyhow!("{predictions}:{n}: invalid prediction: {e}; expected one JSON object per line with \"id\" and \"labels\"")
        })?;
        let labels = parse_ids(predictions, n, &p.labels)?;
        if let Some((first, _)) = predicted.insert(key(&p.id), (n, labels)) {
            bail!("{predictions}:{n}: id {} was already predicted on line {first}", p.id);
        }
        Ok(())
    })?;
    let mut board = Scoreboard::default();
    for_each_record(path, |n, rec| {
        let (gold, scope) = gold_labels(path, n, &rec)?;
        let Some((_, pred)) = predicted.remove(&key(&rec.id)) else {
            bail!("{path}:{n}: {predictions} has no prediction for id {}", rec.id)
        };
        board.add(&gold, &pred, scope.as_deref());
        Ok(())
    })?;
    if let Some((id, (n, _))) = predicted.iter().min_by_key(|(_, (n, _))| *n) {
        bail!("{predictions}:{n}: id {id} is not in {path}");
    }
    Ok(board.report())
}

/// Which scorer labels, for every command that labels messages: the
/// built-in model, a model file, or the phrase rules alone.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ModelArgs {
    /// Use the phrase rules only, without the learned scorer.
    #[arg(long, conflicts_with = "model")]
    pub rules_only: bool,
    /// Use a model file written by `haven-train --out FILE` instead of the
    /// one built into haven.
    #[arg(long, value_name = "FILE")]
    pub model: Option<std::path::PathBuf>,
}

impl ModelArgs {
    /// The model that labels: none (rules only), the file's, or the
    /// built-in one. A file is loaded once and kept for the life of the
    /// process.
    pub fn load(&self) -> Result<Option<&'static haven_core::scorer::Model>> {
        if self.rules_only {
            return Ok(None);
        }
        let Some(path) = &self.model else { return Ok(haven_core::scorer::Model::embedded()) };
        let bytes = std::fs::read(path).with_context(|| format!("reading the model {}", path.display()))?;
        let model = haven_core::scorer::Model::from_bytes(&bytes)
            .with_context(|| format!("{} is not a haven model (written by `haven-train --out`) of this version", path.display()))?;
        Ok(Some(Box::leak(Box::new(model))))
    }
}

pub fn eval(path: &str, format: Format, model: Option<&'static haven_core::scorer::Model>, predictions: Option<&str>) -> Result<()> {
    let report = match predictions {
        Some(p) => evaluate_predictions(path, p)?,
        None => evaluate(path, Analyzer::with_model(model))?,
    };
    match format {
        Format::Json => crate::emit_json(&report),
        Format::Text => crate::emit(&render_report(&report)),
    }
}

pub fn render_report(r: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    writeln!(out, "{:<15} {:>9} {:>9} {:>9} {:>9}", "behaviour", "precision", "recall", "f1", "support").unwrap();
    for row in &r.behaviours {
        writeln!(out, "{:<15} {:>9.3} {:>9.3} {:>9.3} {:>9}", row.behaviour.id(), row.precision, row.recall, row.f1, row.support).unwrap();
    }
    writeln!(out).unwrap();
    writeln!(out, "messages            {}", r.messages).unwrap();
    writeln!(out, "micro F1            {:.3}", r.micro_f1).unwrap();
    writeln!(out, "macro F1            {:.3}", r.macro_f1).unwrap();
    writeln!(out, "any-sabotage F1     {:.3} (precision {:.3}, recall {:.3})", r.binary_f1, r.binary_precision, r.binary_recall).unwrap();
    writeln!(out, "danger recall       {:.3}", r.danger_recall).unwrap();
    out
}
