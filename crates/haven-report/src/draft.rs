//! A draft message checked before it is sent: the findings as JSON for the
//! API, and as a compiler-style diagnostic for the terminal. Shared by
//! `haven check` and the couple space's draft coach.

use haven_core::analyze::MessageAnalysis;
use haven_core::rules::{self, Ctx};
use haven_core::taxonomy::{Kind, RESOURCES};
use haven_core::text::Normalized;
use haven_core::Behaviour;
use serde_json::json;
use std::fmt::Write;

fn rewrite_for(text: &str, b: Behaviour) -> Option<String> {
    let msg = Normalized::new(text);
    rules::rewrite(b, &Ctx { raw: text, msg: &msg, prev: None })
}

/// One rewrite for the whole message: the most specific one a flagged rule
/// offers (a concrete sentence beats a template with blanks), danger first.
pub fn suggested_rewrite(text: &str, r: &MessageAnalysis) -> Option<String> {
    let mut candidates: Vec<String> =
        r.ordered().into_iter().filter(|f| f.behaviour.kind() != Kind::Builder).filter_map(|f| rewrite_for(text, f.behaviour)).collect();
    if r.has_danger() {
        return candidates.into_iter().next();
    }
    candidates.sort_by_key(|c| c.contains('['));
    candidates.into_iter().next()
}

pub fn to_json(text: &str, r: &MessageAnalysis) -> serde_json::Value {
    let findings: Vec<_> = r
        .ordered()
        .into_iter()
        .map(|f| {
            let info = f.behaviour.info();
            json!({
                "behaviour": f.behaviour,
                "kind": f.behaviour.kind(),
                "title": info.title,
                "start": f.start,
                "end": f.end,
                "text": &text[f.start..f.end],
                "confidence": (f64::from(f.confidence) * 100.0).round() / 100.0,
                "source": f.source,
                "why": info.why,
                "instead": info.instead,
                "rewrite": rewrite_for(text, f.behaviour),
            })
        })
        .collect();
    let mut v = json!({"text": text, "labels": r.labels, "findings": findings, "suggested_rewrite": suggested_rewrite(text, r)});
    if r.has_danger() {
        v["resources"] = json!(RESOURCES.iter().map(|(k, d)| json!({"name": k, "detail": d})).collect::<Vec<_>>());
    }
    v
}

/// Render findings like a compiler diagnostic: the message, the words
/// underlined, why it matters and what to try.
pub fn render(text: &str, r: &MessageAnalysis) -> String {
    let mut out = String::new();
    if r.findings.is_empty() {
        out.push_str("✓ nothing to flag\n");
        return out;
    }
    for f in r.ordered() {
        let info = f.behaviour.info();
        let (level, verb) = match f.behaviour.kind() {
            Kind::Danger => ("danger", "this may put someone's safety at risk"),
            Kind::Sabotage => ("warning", "this may erode safety"),
            Kind::Builder => ("good", "this builds safety"),
        };
        writeln!(out, "{level}[{}]: {} — {verb}", f.behaviour, info.title).unwrap();
        // Locate the span's line and column.
        let line_start = text[..f.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[f.start..].find('\n').map_or(text.len(), |i| f.start + i);
        let line_no = text[..f.start].matches('\n').count() + 1;
        let col = text[line_start..f.start].chars().count();
        let width = text[f.start..f.end.min(line_end)].chars().count().max(1);
        let gutter = line_no.to_string().len();
        writeln!(out, "{:gutter$} |", "").unwrap();
        writeln!(out, "{line_no} | {}", &text[line_start..line_end]).unwrap();
        writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(col), "^".repeat(width)).unwrap();
        writeln!(out, "{:gutter$} = why: {}", "", info.why).unwrap();
        if f.source == "model" {
            // Say where a finding without a matching rule comes from, and for
            // danger, whose threshold is set low on purpose, how to read it.
            let how = if f.behaviour.kind() == Kind::Danger {
                "it errs on the side of caution for danger, so if nothing here is about anyone's safety, set this aside"
            } else {
                "it reads the whole message, so the underlined sentence is its best guess at where"
            };
            writeln!(out, "{:gutter$} = found by: the learned model, not a rule; {how}", "").unwrap();
        }
        if f.behaviour.kind() != Kind::Builder {
            writeln!(out, "{:gutter$} = try: {}", "", info.instead).unwrap();
        }
        out.push('\n');
    }
    if let Some(rw) = suggested_rewrite(text, r) {
        writeln!(out, "suggested rewrite: {rw}\n").unwrap();
    }
    if r.has_danger() {
        out.push_str("If you or someone else is in danger, help is available now:\n");
        for (name, detail) in RESOURCES {
            writeln!(out, "  • {name}: {detail}").unwrap();
        }
        out.push('\n');
    }
    let sab = r.labels.iter().filter(|b| b.is_sabotage()).count();
    let good = r.labels.iter().filter(|b| b.kind() == Kind::Builder).count();
    writeln!(out, "{} to reconsider, {} that build safety{}", sab, good, if r.has_danger() { ", danger present" } else { "" }).unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::Finding;

    fn analysis(b: Behaviour, source: &'static str, end: usize) -> MessageAnalysis {
        MessageAnalysis {
            labels: vec![b],
            findings: vec![Finding { behaviour: b, start: 0, end, confidence: 0.2, source, decisive: false }],
            near: Vec::new(),
            kept_report: false,
        }
    }

    #[test]
    fn model_findings_say_where_they_come_from() {
        let text = "we need to talk about the weekend";
        let by_model = render(text, &analysis(Behaviour::Danger, "model", text.len()));
        assert!(by_model.contains("found by: the learned model, not a rule; it errs on the side of caution"), "{by_model}");
        assert!(by_model.contains("help is available now"), "danger keeps its resources:\n{by_model}");
        let sabotage = render(text, &analysis(Behaviour::Judgment, "model", 12));
        assert!(sabotage.contains("underlined sentence is its best guess"), "{sabotage}");
        let by_rule = render(text, &analysis(Behaviour::Danger, "rule", 12));
        assert!(!by_rule.contains("found by"), "{by_rule}");
    }
}
