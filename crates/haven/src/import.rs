//! `haven import` and the import options shared by commands that read exports.

use anyhow::{anyhow, bail, Result};
use clap::Args;
use haven_import::{Format as SourceFormat, ImportOptions};
use std::io::Read;
use std::path::Path;

#[derive(Args, Debug, Clone, Default)]
pub struct ImportArgs {
    /// Which partner is A (first), by the name in the export.
    #[arg(long)]
    pub me: Option<String>,
    /// The two people to keep from a group chat: `--pair NAME1,NAME2`.
    #[arg(long)]
    pub pair: Option<String>,
    /// Skip malformed lines (each is reported on stderr) instead of stopping.
    #[arg(long)]
    pub lenient: bool,
    /// Force the source format instead of detecting it.
    #[arg(long = "from")]
    pub from: Option<String>,
}

impl ImportArgs {
    pub fn to_options(&self) -> Result<ImportOptions> {
        let format = self.from.as_deref().map(|f| f.parse::<SourceFormat>().map_err(|_| anyhow!("unknown format `{f}` for --from (one of: whatsapp, telegram, messenger, instagram, imessage, signal, csv, jsonl, webvtt, srt)"))).transpose()?;
        let pair = match &self.pair {
            None => None,
            Some(p) => {
                let mut it = p.splitn(2, ',').map(str::trim);
                match (it.next(), it.next()) {
                    (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => Some((a.to_string(), b.to_string())),
                    _ => bail!("--pair takes two names separated by a comma, e.g. --pair Alex,Sam"),
                }
            }
        };
        Ok(ImportOptions { format, me: self.me.clone(), pair, lenient: self.lenient })
    }
}

/// Is this file the spec's JSON Lines (read directly by `label`)?
pub fn is_jsonl(path: &Path, args: &ImportArgs) -> Result<bool> {
    if let Some(f) = &args.from {
        return Ok(f.eq_ignore_ascii_case("jsonl"));
    }
    if path.is_dir() {
        return Ok(false);
    }
    let mut head = vec![0u8; 4096];
    let n =
        std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).map_err(|e| anyhow!("{}: cannot open file: {e}", path.display()))?;
    head.truncate(n);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(matches!(haven_import::sniff(name, &head), Some(SourceFormat::Jsonl) | None) && head.trim_ascii_start().starts_with(b"{"))
}

pub fn run(path: &Path, args: &ImportArgs) -> Result<()> {
    let imported = haven_import::import_path(path, &args.to_options()?).map_err(|e| anyhow!("{e}"))?;
    for w in &imported.warnings {
        eprintln!("haven: skipped: {w}");
    }
    let v = serde_json::json!({
        "format": imported.format.to_string(),
        "participants": imported.conversation.participants,
        "messages": imported.conversation.messages,
    });
    crate::emit_json(&v)
}
