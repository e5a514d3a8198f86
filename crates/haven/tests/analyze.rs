//! `haven analyze` and `haven eval-signals` end to end.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture() -> PathBuf {
    root().join("crates/haven-report/tests/fixtures/couple.jsonl")
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("haven").unwrap().current_dir(root()).args(args).output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code().unwrap_or(-1))
}

#[test]
fn analyze_a_whatsapp_export_prints_a_summary() {
    let (out, err, code) = run(&["analyze", "data/sample/whatsapp_chat.txt"]);
    assert_eq!(code, 0, "{err}");
    for needed in ["safety index", "positive:negative", "escalations", "top patterns", "try:"] {
        assert!(out.contains(needed), "missing {needed} in\n{out}");
    }
    assert!(err.is_empty(), "no progress bar when stderr is not a terminal: {err}");
}

#[test]
fn analyze_jsonl_json_follows_the_contract_by_input_id() {
    let f = fixture();
    let (out, err, code) = run(&["analyze", f.to_str().unwrap(), "--format", "json", "--input-labels"]);
    assert_eq!(code, 3, "danger in c2 gives exit 3: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let convs = v["conversations"].as_array().unwrap();
    assert_eq!(convs.len(), 2);
    assert_eq!(convs[0]["conversation"], "c1");
    let s = &convs[0]["signals"];
    assert_eq!(s["escalations"][0]["start"], "c1-08");
    assert_eq!(s["escalations"][0]["pause_called"], true);
    assert_eq!(s["pauses"][0]["honoured"], true);
    assert_eq!(s["promises"][0]["outcome"], "kept");
    assert_eq!(s["bids"][0]["turn"], "away");
}

#[test]
fn analyze_writes_csv_and_html_files() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    let html = dir.path().join("r.html");
    let (_, err, code) = run(&["analyze", "data/sample/whatsapp_chat.txt", "--format", "csv", "-o", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("conversation,id,speaker,time,"));
    assert_eq!(text.lines().count(), 21, "header plus one row per message");
    let (_, err, code) = run(&["analyze", "data/sample/whatsapp_chat.txt", "--format", "html", "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("<script"));
}

#[test]
fn eval_signals_scores_against_gold() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"conversation": "c1", "signals": {"escalations": [{"start": "c1-08", "end": "c1-11", "pause_called": true}], "pauses": [{"message": "c1-12", "honoured": true}], "bids": [{"bid": "c1-02", "response": "c1-03", "turn": "toward"}, {"bid": "c1-15", "response": "c1-16", "turn": "toward"}], "promises": [{"promise": "c1-05", "outcome": "kept", "evidence": "c1-06"}, {"promise": "c1-16", "outcome": "open", "evidence": null}]}}"#,
            "\n",
            r#"{"conversation": "c2", "escalations": [], "pauses": [], "bids": [{"bid": "c2-01", "response": "c2-02", "turn": "against"}], "promises": []}"#,
            "\n"
        ),
    )
    .unwrap();
    let f = fixture();
    let (out, err, code) =
        run(&["eval-signals", gold.to_str().unwrap(), "--conversations", f.to_str().unwrap(), "--input-labels", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let acc = |name: &str| v.as_array().unwrap().iter().find(|s| s["signal"] == name).unwrap()["accuracy"].as_f64().unwrap();
    assert_eq!(acc("escalation"), 1.0);
    assert_eq!(acc("pause called"), 1.0);
    assert_eq!(acc("bid turn"), 1.0);
    assert_eq!(acc("promise outcome"), 1.0);
    // The analyzer's own labels, from the built-in model and from the same
    // model read from a file, score the same.
    let args = ["eval-signals", gold.to_str().unwrap(), "--conversations", f.to_str().unwrap(), "--format", "json"];
    let (embedded, err, code) = run(&args);
    assert_eq!(code, 0, "{err}");
    let model = format!("{}/../haven-core/model/haven.model", env!("CARGO_MANIFEST_DIR"));
    let (from_file, err, code) = run(&[&args[..], &["--model", &model]].concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_file, embedded);
}

#[test]
fn analyze_reads_a_model_file_like_label_and_eval() {
    let f = fixture();
    let args = ["analyze", f.to_str().unwrap(), "--format", "json"];
    let (embedded, err, code) = run(&args);
    assert!(code == 0 || code == 3, "{err}");
    let model = format!("{}/../haven-core/model/haven.model", env!("CARGO_MANIFEST_DIR"));
    let (from_file, err, code2) = run(&[&args[..], &["--model", &model]].concat());
    assert_eq!(code2, code, "{err}");
    assert_eq!(from_file, embedded, "the built-in model read from its file analyses the same");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.model");
    std::fs::write(&bad, b"not a model").unwrap();
    let (_, err, code) = run(&[&args[..], &["--model", bad.to_str().unwrap()]].concat());
    assert_eq!(code, 2);
    assert!(err.contains("bad.model"), "{err}");
}

#[test]
fn a_failed_analysis_leaves_the_earlier_report_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let (_, err, code) = run(&["analyze", fixture().to_str().unwrap(), "--format", "json", "-o", report.to_str().unwrap()]);
    assert!(code == 0 || code == 3, "{err}");
    let good = std::fs::read_to_string(&report).unwrap();
    let v: serde_json::Value = serde_json::from_str(&good).expect("the streamed report is one JSON document");
    assert!(!v["conversations"][0]["messages"].as_array().unwrap().is_empty());
    // The same input with a broken line halfway: the run fails after part of
    // the report was streamed out, and the earlier report is untouched.
    let text = std::fs::read_to_string(fixture()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let broken = dir.path().join("broken.jsonl");
    let mut bad = lines[..lines.len() / 2].join("\n");
    bad.push_str("\n{\"id\": \"x\", \"text\": \n");
    bad.push_str(&lines[lines.len() / 2..].join("\n"));
    std::fs::write(&broken, bad).unwrap();
    for format in ["json", "csv", "html"] {
        let (_, err, code) = run(&["analyze", broken.to_str().unwrap(), "--format", format, "-o", report.to_str().unwrap()]);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(err.contains(&format!("broken.jsonl:{}", lines.len() / 2 + 1)), "{format}: the error names the line: {err}");
        assert_eq!(std::fs::read_to_string(&report).unwrap(), good, "{format}: earlier report intact");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left behind: {leftovers:?}");
}

#[test]
fn analyze_gives_the_same_report_on_any_number_of_threads() {
    let one = run(&["analyze", "data/dev.jsonl", "--format", "json", "-j", "1"]);
    let two = run(&["analyze", "data/dev.jsonl", "--format", "json", "-j", "2"]);
    assert_eq!(one.2, two.2, "{}", one.1);
    assert!(one.0.len() > 100_000, "a full report: {} bytes", one.0.len());
    assert_eq!(one.0, two.0);
}
