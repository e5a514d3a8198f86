//! The `haven` command line: a thin shell over haven-core and the importers.

mod analyze;
mod check;
mod data;
mod import;
mod serve;

use anyhow::Result;

/// mimalloc instead of the system allocator: labelling allocates small
/// strings and vectors per word and per message, and glibc's malloc and
/// free were a tenth of `haven label`'s time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;

/// haven reads couples' conversations and shows where emotional safety grows
/// and where it breaks. Everything runs locally; nothing leaves your machine.
#[derive(Parser)]
#[command(name = "haven", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check one draft message before sending it (stdin when TEXT is absent).
    ///
    /// Exit status: 0 nothing to flag, 1 sabotage found, 2 usage or input
    /// error, 3 danger found.
    Check {
        /// The message to check.
        text: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        model: data::ModelArgs,
    },
    /// Label every message of a JSON Lines file (`-` for stdin); one JSON line
    /// out per line in, same order.
    Label {
        file: String,
        #[command(flatten)]
        model: data::ModelArgs,
        /// Worker threads (default: one per core). The output is the same
        /// for any number.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        #[command(flatten)]
        opts: import::ImportArgs,
    },
    /// Read a chat export (WhatsApp, Telegram, Messenger, Instagram, iMessage,
    /// Signal, CSV, JSON Lines, WebVTT, SRT) and print it as one conversation.
    Import {
        file: std::path::PathBuf,
        #[command(flatten)]
        opts: import::ImportArgs,
        /// Output format (json only for now).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Score the analyzer on a labelled JSON Lines file.
    Eval {
        file: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// `--model FILE` scores a candidate model before it is embedded.
        #[command(flatten)]
        model: data::ModelArgs,
        /// Score these labels instead of the analyzer's: JSON Lines with
        /// `id` and `labels` (`haven label` output, another tool's, or a
        /// second annotator's), matched to FILE's records by id.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["model", "rules_only"])]
        predictions: Option<String>,
    },
    /// Analyse a conversation: signals (safety index, ratio, escalations,
    /// pauses, bids, promises, balance) and a report. FILE is any chat export
    /// `import` reads or the spec's JSON Lines (one or several
    /// conversations). Exit status 3 when danger was found.
    Analyze {
        file: std::path::PathBuf,
        /// text (terminal summary), json (schema/analysis.v1.json), csv (one
        /// row per message) or html (one self-contained file).
        #[arg(long, value_enum, default_value_t = analyze::ReportFormat::Text)]
        format: analyze::ReportFormat,
        /// Write the report here instead of stdout.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
        #[command(flatten)]
        model: data::ModelArgs,
        /// Use the JSON Lines' own `labels` instead of the analyzer.
        #[arg(long)]
        input_labels: bool,
        /// Labelling threads (default: one per core). The report is the
        /// same for any number.
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        #[command(flatten)]
        opts: import::ImportArgs,
    },
    /// Score conversation signals against conversation-level gold (one JSON
    /// line per conversation: `{"conversation", "signals": {"escalations",
    /// "pauses", "bids", "promises"}}`), beside the majority-class baseline.
    EvalSignals {
        gold: std::path::PathBuf,
        /// The conversations, in the spec's JSON Lines.
        #[arg(long)]
        conversations: std::path::PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        model: data::ModelArgs,
        /// Use the conversations' own `labels` instead of the analyzer.
        #[arg(long)]
        input_labels: bool,
    },
    /// List the behaviours haven detects.
    Rules {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print one behaviour's documentation.
    Explain {
        /// A behaviour id, e.g. `sarcasm`.
        id: String,
    },
    /// Start the couple space, a private web app for the two of you.
    ///
    /// Uses SQLite in DATA_DIR (default: your user data directory), or
    /// PostgreSQL when DATABASE_URL=postgres://… is set.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
        /// Where the SQLite database lives (ignored with DATABASE_URL).
        #[arg(long, env = "HAVEN_DATA_DIR")]
        data_dir: Option<std::path::PathBuf>,
        /// Send cookies without the Secure flag, for plain HTTP to other
        /// machines on a trusted network (browsers accept Secure cookies from
        /// localhost without it).
        #[arg(long)]
        insecure_cookies: bool,
    },
}

/// Write command output to stdout. A closed pipe (`haven check … | head -1`)
/// comes back as an error that `main` ends the process on quietly, instead of
/// the panic `print!` raises.
pub(crate) fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Write a value as pretty JSON and a newline to stdout (see [`emit`]).
pub(crate) fn emit_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<()> {
    emit(&format!("{}\n", serde_json::to_string_pretty(value)?))
}

/// Whether an error is stdout's reader going away.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // Like other Unix tools: nobody is reading, so stop without a word
        // (141 is what a shell reports for a process ended by SIGPIPE).
        Err(e) if is_broken_pipe(&e) => ExitCode::from(141),
        Err(e) => {
            eprintln!("haven: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Check { text, format, model } => check::run(text, format, model.load()?),
        Command::Label { file, model, threads, opts } => data::label(&file, model.load()?, threads, &opts).map(|_| 0),
        Command::Import { file, opts, format: _ } => import::run(&file, &opts).map(|_| 0),
        Command::Eval { file, format, model, predictions } => data::eval(&file, format, model.load()?, predictions.as_deref()).map(|_| 0),
        Command::Analyze { file, format, output, model, input_labels, threads, opts } => {
            analyze::run(&file, &analyze::AnalyzeOpts { format, output, model: model.load()?, input_labels, threads, import: &opts })
        }
        Command::EvalSignals { gold, conversations, format, model, input_labels } => {
            analyze::eval_signals(&gold, &conversations, model.load()?, input_labels, format == Format::Json).map(|_| 0)
        }
        Command::Rules { format } => check::rules(format).map(|_| 0),
        Command::Explain { id } => check::explain(&id),
        Command::Serve { listen, data_dir, insecure_cookies } => serve::run(listen, data_dir, insecure_cookies),
    }
}
