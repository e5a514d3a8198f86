//! Where labelling time goes, per message: normalisation, rules, the
//! scorer's features and its heads, and the whole analysis, over the
//! training and dev messages.
//! `cargo run --release -p haven-core --example phases [rounds]`
//! With `--long`, the same phases on single messages of 10k to 640k
//! characters (the messages joined), to show how time grows with length.

use haven_core::rules::{self, Ctx};
use haven_core::scorer::{self, Features, Model};
use haven_core::text::Normalized;
use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/");
    let mut texts = Vec::new();
    for f in ["train.jsonl", "dev.jsonl"] {
        let data = std::fs::read_to_string(format!("{root}{f}")).expect("data file");
        for line in data.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            texts.push(v["text"].as_str().unwrap_or("").to_string());
        }
    }
    rules::warm_up();
    let model = Model::embedded().expect("model");
    if std::env::args().any(|a| a == "--long") {
        return long(&texts, model);
    }
    let n = (texts.len() * rounds) as f64;
    let t = Instant::now();
    let mut norms = Vec::new();
    for _ in 0..rounds {
        norms.clear();
        norms.extend(texts.iter().map(|s| Normalized::new(s)));
    }
    let t_norm = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut all = Vec::new();
    for _ in 0..rounds {
        all.clear();
        for (s, m) in texts.iter().zip(&norms) {
            all.push(rules::run(&Ctx { raw: s, msg: m, prev: None }));
        }
    }
    let t_rules = t.elapsed().as_secs_f64();
    let mut feats = Features::default();
    let t = Instant::now();
    for _ in 0..rounds {
        for (m, f) in norms.iter().zip(&all) {
            scorer::features(m, &scorer::rule_confidences(f), None, &mut feats);
        }
    }
    let t_feat = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut sink = 0.0;
    for _ in 0..rounds {
        for (m, f) in norms.iter().zip(&all) {
            scorer::features(m, &scorer::rule_confidences(f), None, &mut feats);
            sink += model.probs(&feats)[0];
        }
    }
    let t_probs = t.elapsed().as_secs_f64() - t_feat;
    let mut a = haven_core::Analyzer::new();
    let t = Instant::now();
    for _ in 0..rounds {
        for s in &texts {
            sink += a.analyze(s, None).labels.len() as f32;
        }
    }
    let t_all = t.elapsed().as_secs_f64();
    let us = |x: f64| x / n * 1e6;
    println!("{} messages x {rounds}: per message (us)", texts.len());
    println!(
        "normalise {:.2}  rules {:.2}  features {:.2}  probs {:.2}  analyze {:.2}  => {:.0} msgs/s ({sink})",
        us(t_norm),
        us(t_rules),
        us(t_feat),
        us(t_probs),
        us(t_all),
        n / t_all
    );
}

fn long(texts: &[String], model: &Model) {
    let joined = texts.join(" ");
    let mut feats = Features::default();
    println!("{:>8} {:>10} {:>10} {:>10} {:>10}  (ms)", "chars", "normalise", "rules", "features", "analyze");
    for size in [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000] {
        let mut text: String = joined.chars().cycle().take(size).collect();
        text.push('.');
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let m = Normalized::new(&text);
        let t_norm = ms(t);
        let t = Instant::now();
        let found = rules::run(&Ctx { raw: &text, msg: &m, prev: None });
        let t_rules = ms(t);
        let t = Instant::now();
        scorer::features(&m, &scorer::rule_confidences(&found), None, &mut feats);
        let _ = model.probs(&feats);
        let t_feat = ms(t);
        let t = Instant::now();
        let _ = haven_core::Analyzer::new().analyze(&text, None);
        println!("{size:>8} {t_norm:>10.1} {t_rules:>10.1} {t_feat:>10.1} {:>10.1}", ms(t));
    }
}
