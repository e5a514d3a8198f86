//! The CLI's contract: output (snapshots), exit codes and error messages.

use assert_cmd::Command;

fn haven() -> Command {
    Command::cargo_bin("haven").unwrap()
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = haven().args(args).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap())
}

#[test]
fn check_flags_sarcasm_with_span_reason_and_rewrite() {
    let (stdout, _, code) = run(&["check", "oh wow, thanks for finally showing up 🙄"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn check_clean_message_exits_zero() {
    let (stdout, _, code) = run(&["check", "what time is the train tomorrow?"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "✓ nothing to flag\n");
}

#[test]
fn check_danger_exits_three_and_shows_resources() {
    let (stdout, _, code) = run(&["check", "give me your phone password or else"]);
    assert_eq!(code, 3);
    assert!(stdout.starts_with("danger[danger]"), "danger comes first:\n{stdout}");
    assert!(stdout.contains("help is available now"));
    assert!(stdout.contains("988"));
}

#[test]
fn check_builder_only_is_exit_zero_and_praised() {
    let (stdout, _, code) = run(&["check", "I'm so proud of you, you nailed it"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("good[encouragement]"), "{stdout}");
}

#[test]
fn check_json_has_spans_on_the_original_text() {
    let (stdout, _, code) = run(&["check", "--format", "json", "ugh you’re sooo STUPID"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["behaviour"] == "name-calling").expect("name-calling found");
    assert_eq!(f["text"], "you’re sooo STUPID");
    let text = "ugh you’re sooo STUPID";
    assert_eq!(&text[f["start"].as_u64().unwrap() as usize..f["end"].as_u64().unwrap() as usize], "you’re sooo STUPID");
    assert!(f["rewrite"].as_str().unwrap().len() > 10);
}

#[test]
fn check_reads_stdin_and_rejects_empty_input() {
    let out = haven().arg("check").write_stdin("you never listen to me\n").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = haven().arg("check").write_stdin("   ").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to check"));
}

#[test]
fn usage_errors_exit_two() {
    let (_, _, code) = run(&["check", "--format", "xml", "hi"]);
    assert_eq!(code, 2);
    let (_, stderr, code) = run(&["explain", "sarcastic"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown behaviour id `sarcastic`"));
}

#[test]
fn rules_lists_all_22_behaviours() {
    let (stdout, _, code) = run(&["rules"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn explain_prints_the_rule_files_documentation() {
    let (stdout, _, code) = run(&["explain", "sarcasm"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("Sarcasm and contempt (sarcasm, sabotage)"));
    assert!(stdout.contains("## What it flags") && stdout.contains("## Say instead"));
}

/// A scratch file with `content`, removed when the returned path is dropped.
fn write_tmp(name: &str, content: &str) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new().prefix("haven-cli-").suffix(&format!("-{name}")).tempfile().unwrap();
    std::io::Write::write_all(&mut file, content.as_bytes()).unwrap();
    file.into_temp_path()
}

#[test]
fn label_writes_one_line_per_input_in_order_with_context() {
    let input = [
        r#"{"id": "c1-1", "conversation": "c1", "speaker": "A", "text": "I felt really alone when you left me at the party"}"#,
        r#"{"id": "c1-2", "conversation": "c1", "speaker": "B", "text": "k"}"#,
        r#"{"id": 7, "text": "good morning love ❤️"}"#,
    ]
    .join("\n");
    let p = write_tmp("in.jsonl", &input);
    // Rules only: this checks that context flows through `label`, independent of the trained model.
    let (stdout, _, code) = run(&["label", "--rules-only", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "c1-1");
    assert!(lines[0]["labels"].as_array().unwrap().contains(&"safety-talk".into()));
    assert!(lines[1]["labels"].as_array().unwrap().contains(&"dismissal".into()), "curt reply to a feeling: {}", lines[1]);
    assert_eq!(lines[2]["id"], 7);
    assert!(lines[2]["labels"].as_array().unwrap().contains(&"warmth".into()));
    let f = &lines[2]["findings"][0];
    assert!(f["start"].is_u64() && f["end"].is_u64() && f["confidence"].is_f64());
}

#[test]
fn label_reports_the_file_and_line_of_a_bad_record() {
    let p = write_tmp("bad.jsonl", "{\"id\": 1, \"text\": \"hi\"}\n{\"id\": 2, \"text\": \n");
    let (stdout, stderr, code) = run(&["label", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    // The lines before the bad one are still labelled and written.
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout).unwrap()["id"], 1, "{stdout}");
    assert!(stderr.contains("bad.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("expected one JSON object per line"), "{stderr}");
}

/// 10 MB single messages: a clear error with where, exit status 2, quickly
/// (never analysed).
#[test]
fn ten_megabyte_messages_get_a_clear_error() {
    let big = "a".repeat(10 << 20);
    let out = haven().arg("check").write_stdin(big.clone()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("the draft is 10.5 MB; haven checks messages of at most 1 MiB"), "{stderr}");

    let p = write_tmp("huge.jsonl", &format!("{{\"id\": 1, \"text\": \"hi\"}}\n{{\"id\": 2, \"text\": \"{big}\"}}\n"));
    let (stdout, stderr, code) = run(&["label", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stderr.contains("huge.jsonl:2: the message is 10.5 MB; expected messages of at most 1 MiB"), "{stderr}");
}

#[test]
fn eval_prints_metrics_and_json() {
    let input = [
        r#"{"id": "1", "text": "you're such an idiot", "labels": ["name-calling"]}"#,
        r#"{"id": "2", "text": "what time is dinner?", "labels": []}"#,
        r#"{"id": "3", "text": "I'll hurt you", "labels": ["danger"]}"#,
    ]
    .join("\n");
    let p = write_tmp("gold.jsonl", &input);
    let (stdout, _, code) = run(&["eval", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["messages"], 3);
    assert_eq!(v["danger_recall"], 1.0);
    assert_eq!(v["behaviours"].as_array().unwrap().len(), 22);
    let (text, _, _) = run(&["eval", p.to_str().unwrap()]);
    assert!(text.contains("macro F1") && text.contains("any-sabotage F1") && text.contains("danger recall"));
    let bad = write_tmp("nolabels.jsonl", r#"{"id": "1", "text": "hi"}"#);
    let (_, stderr, code) = run(&["eval", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("nolabels.jsonl:1: record has no \"labels\""));
}

#[test]
fn eval_scores_given_predictions_by_id() {
    let gold = [
        r#"{"id": "a", "text": "you're such an idiot", "labels": ["name-calling"]}"#,
        r#"{"id": "b", "text": "what time is dinner?", "labels": []}"#,
        r#"{"id": 3, "text": "I'll hurt you", "labels": ["danger"]}"#,
    ]
    .join("\n");
    let gold = write_tmp("pred-gold.jsonl", &gold);
    let gold = gold.to_str().unwrap();
    // Out of order, matched by id: one right, one false alarm, danger missed.
    let pred = write_tmp(
        "pred.jsonl",
        "{\"id\": 3, \"labels\": []}\n{\"id\": \"b\", \"labels\": [\"sarcasm\"]}\n{\"id\": \"a\", \"labels\": [\"name-calling\"]}\n",
    );
    let (stdout, _, code) = run(&["eval", gold, "--predictions", pred.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["messages"], 3);
    assert_eq!(v["danger_recall"], 0.0);
    assert_eq!((v["binary_precision"].as_f64(), v["binary_recall"].as_f64()), (Some(0.5), Some(0.5)));
    // `haven label` output scored this way agrees with `haven eval` itself.
    let (labelled, _, _) = run(&["label", gold]);
    let own = write_tmp("pred-own.jsonl", &labelled);
    let (given, _, _) = run(&["eval", gold, "--predictions", own.to_str().unwrap(), "--format", "json"]);
    let (direct, _, _) = run(&["eval", gold, "--format", "json"]);
    assert_eq!(given, direct);
    // A gold id without a prediction, or a prediction for no gold id, names where.
    let short = write_tmp("pred-short.jsonl", "{\"id\": \"a\", \"labels\": []}\n");
    let (_, stderr, code) = run(&["eval", gold, "--predictions", short.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pred-gold.jsonl:2: ") && stderr.contains("has no prediction for id \"b\""), "{stderr}");
    let extra = write_tmp("pred-extra.jsonl", &format!("{labelled}{{\"id\": \"zz\", \"labels\": []}}\n"));
    let (_, stderr, code) = run(&["eval", gold, "--predictions", extra.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pred-extra.jsonl:4: id zz is not in"), "{stderr}");
    let twice = write_tmp("pred-twice.jsonl", &format!("{labelled}{{\"id\": \"a\", \"labels\": []}}\n"));
    let (_, stderr, code) = run(&["eval", gold, "--predictions", twice.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pred-twice.jsonl:4: id \"a\" was already predicted on line"), "{stderr}");
    let unknown = write_tmp("pred-unknown.jsonl", "{\"id\": \"a\", \"labels\": [\"rudeness\"]}\n");
    let (_, stderr, code) = run(&["eval", gold, "--predictions", unknown.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("pred-unknown.jsonl:1: "), "{stderr}");
}

#[test]
fn eval_scores_a_model_file_and_rejects_one_that_is_not() {
    let dev = format!("{}/../../data/dev.jsonl", env!("CARGO_MANIFEST_DIR"));
    let built_in = format!("{}/../haven-core/model/haven.model", env!("CARGO_MANIFEST_DIR"));
    let (embedded, _, code) = run(&["eval", &dev, "--format", "json"]);
    assert_eq!(code, 0);
    // The file the binary embeds, loaded from disk, scores exactly the same.
    let (from_file, _, code) = run(&["eval", &dev, "--format", "json", "--model", &built_in]);
    assert_eq!(code, 0);
    assert_eq!(from_file, embedded);
    let bad = write_tmp("not-a-model.bin", "HAVENM04 but truncated");
    let (_, stderr, code) = run(&["eval", &dev, "--model", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not-a-model.bin is not a haven model"), "{stderr}");
}

#[test]
fn label_takes_a_model_file_and_rejects_one_that_is_not() {
    let built_in = format!("{}/../haven-core/model/haven.model", env!("CARGO_MANIFEST_DIR"));
    let input = write_tmp(
        "label-model.jsonl",
        "{\"id\": \"1\", \"conversation\": \"c\", \"speaker\": \"A\", \"text\": \"you never listen, you're so selfish\"}\n{\"id\": \"2\", \"conversation\": \"c\", \"speaker\": \"B\", \"text\": \"I'm sorry, you're right\"}\n",
    );
    let input = input.to_str().unwrap();
    let (embedded, _, code) = run(&["label", input]);
    assert_eq!(code, 0);
    let (from_file, _, code) = run(&["label", input, "--model", &built_in]);
    assert_eq!(code, 0);
    assert_eq!(from_file, embedded, "the embedded model, read from disk, labels the same");
    assert!(embedded.contains("judgment"), "{embedded}");
    let bad = write_tmp("not-a-model-either.bin", "HAVENM02 from an older haven-train");
    let (_, stderr, code) = run(&["label", input, "--model", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not-a-model-either.bin is not a haven model"), "{stderr}");
}

#[test]
fn check_takes_a_model_file_or_the_rules_alone_but_not_both() {
    let built_in = format!("{}/../haven-core/model/haven.model", env!("CARGO_MANIFEST_DIR"));
    // Contempt without a phrase-rule keyword: the rules alone pass it, the model flags it.
    let draft = "wow, you actually managed to load the dishwasher. alert the press";
    let (embedded, _, code) = run(&["check", "--format", "json", draft]);
    assert_eq!(code, 1, "{embedded}");
    let (from_file, _, code) = run(&["check", "--format", "json", "--model", &built_in, draft]);
    assert_eq!(code, 1);
    assert_eq!(from_file, embedded, "the embedded model, read from disk, checks the same");
    let (rules, _, _) = run(&["check", "--format", "json", "--rules-only", draft]);
    assert_ne!(rules, embedded, "--rules-only leaves the model out");
    let (_, stderr, code) = run(&["check", "--rules-only", "--model", &built_in, draft]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

fn fixture(name: &str) -> String {
    format!("{}/../haven-import/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_prints_the_conversation_with_format_and_participants() {
    let (stdout, _, code) = run(&["import", &fixture("whatsapp_android.txt")]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["format"], "whatsapp");
    assert_eq!(v["participants"].as_array().unwrap().len(), 2);
    assert_eq!(v["messages"][0]["speaker"], "Sam");
    assert_eq!(v["messages"][0]["time"], "2024-02-14T08:01:00Z");
}

#[test]
fn import_errors_name_the_file_and_how_to_fix() {
    let (_, stderr, code) = run(&["import", &fixture("whatsapp_group.txt")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("whatsapp_group.txt:3:") && stderr.contains("--pair NAME1,NAME2"), "{stderr}");
    let (stdout, _, code) = run(&["import", &fixture("whatsapp_group.txt"), "--pair", "Alex,Sam"]);
    assert_eq!(code, 0, "{stdout}");
    let (_, stderr, code) = run(&["import", &fixture("garbage.bin")]);
    assert_eq!(code, 2);
    assert!(stderr.contains("garbage.bin:byte 0: binary data"), "{stderr}");
}

#[test]
fn label_reads_chat_exports_directly() {
    let (stdout, _, code) = run(&["label", "--rules-only", &fixture("whatsapp_android.txt")]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() >= 3);
    assert_eq!(lines[0]["speaker"], "Sam");
    // "Can we talk tonight when we're both calm?" asks for a pause.
    assert!(lines[1]["labels"].as_array().unwrap().contains(&"boundary".into()), "{}", lines[1]);
    assert!(lines[2]["labels"].as_array().unwrap().contains(&"accountability".into()), "{}", lines[2]);
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `haven check … | head -0`: the reader is gone before haven writes.
    for args in [&["check", "you're such an idiot"][..], &["rules"], &["explain", "danger"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("haven"))
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
        assert_eq!(out.status.code(), Some(141), "{args:?}");
    }
}

#[test]
fn check_does_not_call_a_few_everyday_words_danger() {
    // No rule fires on these, and alone, without a conversation, they carry
    // no threat, control or self-harm for the model to have read.
    for draft in ["on it", "which drawer", "wait what", "all of them"] {
        let (stdout, _, code) = run(&["check", draft]);
        assert_ne!(code, 3, "{draft}: {stdout}");
        assert!(!stdout.contains("danger"), "{draft}: {stdout}");
    }
}
