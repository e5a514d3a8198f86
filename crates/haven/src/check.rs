//! `haven check`, `haven rules` and `haven explain`: linter-style output.

use crate::{emit, emit_json, Format};
use anyhow::{bail, Context, Result};
use haven_core::analyze::MessageAnalysis;
use haven_core::rules;
use haven_core::taxonomy::{Kind, RESOURCES};
use haven_core::{Analyzer, Behaviour};
use haven_report::draft::{render, to_json};
use serde_json::json;
use std::fmt::Write;
use std::io::Read;

pub fn run(text: Option<String>, format: Format, model: Option<&'static haven_core::scorer::Model>) -> Result<u8> {
    let text = match text {
        Some(t) => t,
        None => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).context("reading the draft from stdin (it must be UTF-8 text)")?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
    };
    if text.trim().is_empty() {
        bail!("nothing to check: pass the message as an argument or on stdin");
    }
    if text.len() > haven_core::MAX_MESSAGE_BYTES {
        bail!(
            "the draft is {:.1} MB; haven checks messages of at most {} MiB (is this a file rather than a message?)",
            text.len() as f64 / 1e6,
            haven_core::MAX_MESSAGE_BYTES >> 20
        );
    }
    let mut analyzer = Analyzer::with_model(model);
    let result = analyzer.analyze(&text, None);
    match format {
        Format::Text => emit(&render(&text, &result))?,
        Format::Json => emit_json(&to_json(&text, &result))?,
    }
    Ok(exit_code(&result))
}

/// 3 danger, 1 sabotage, 0 otherwise.
pub fn exit_code(r: &MessageAnalysis) -> u8 {
    if r.has_danger() {
        3
    } else if r.has_sabotage() {
        1
    } else {
        0
    }
}

pub fn rules(format: Format) -> Result<()> {
    match format {
        Format::Json => {
            let v: Vec<_> = Behaviour::ALL
                .iter()
                .map(|b| json!({"id": b.id(), "kind": b.kind(), "title": b.info().title, "why": b.info().why, "instead": b.info().instead, "crosswalk": b.info().crosswalk}))
                .collect();
            emit_json(&v)
        }
        Format::Text => emit(&rules_table()),
    }
}

pub fn rules_table() -> String {
    let mut out = String::new();
    for kind in [Kind::Danger, Kind::Sabotage, Kind::Builder] {
        writeln!(out, "{}:", kind.as_str()).unwrap();
        for b in Behaviour::ALL.iter().filter(|b| b.kind() == kind) {
            writeln!(out, "  {:<15} {}", b.id(), b.info().title).unwrap();
        }
    }
    out.push_str("\nRun `haven explain ID` for one behaviour's documentation.\n");
    out
}

pub fn explain(id: &str) -> Result<u8> {
    let b: Behaviour = id.parse()?;
    let info = b.info();
    let mut out = format!("{} ({}, {})\n\n{}\n", info.title, b.id(), b.kind().as_str(), rules::documentation(b));
    if b == Behaviour::Danger {
        out.push_str("\n## Resources\n");
        for (name, detail) in RESOURCES {
            writeln!(out, "- {name}: {detail}")?;
        }
    }
    emit(&out)?;
    Ok(0)
}
