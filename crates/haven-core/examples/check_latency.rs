//! Latency of one draft check, in process: the distribution (not just the
//! mean) over many different 300-character drafts, each made by joining
//! training messages in a seeded order, checked one at a time as the draft
//! coach does.
//! `cargo run --release -p haven-core --example check_latency [drafts] [--phases | --typing | --floor]`
//!
//! With `--floor`, a fixed task (random reads in a 1 MB buffer, sized to
//! take the checks' median) is timed as many times after the checks: the
//! tail this machine gives any job of that length, the control for the
//! checks' own.
//!
//! With `--typing`, each draft is checked as the couple space's draft coach
//! checks it: again and again as it is typed (here at every second word
//! boundary, as a debounce would), then whole. The quantiles are given for
//! the whole 300-character drafts and for every check made while typing.
//!
//! With `--phases`, the drafts are checked once more, each phase timed on
//! its own (normalising, the rules, the rest of the analysis with the
//! rules' caches now warm for that draft), and the slowest drafts are then
//! checked 200 times in a row: the same work with every cache warm.

// The allocator the `haven` binary (and so the couple space's server) uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use haven_core::Analyzer;
use std::time::Instant;

fn main() {
    let drafts: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let phases = std::env::args().any(|a| a == "--phases");
    let typing = std::env::args().any(|a| a == "--typing");
    let floor = std::env::args().any(|a| a == "--floor");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/train.jsonl");
    let texts: Vec<String> = std::fs::read_to_string(path)
        .expect("data/train.jsonl")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["text"].as_str().unwrap_or("").to_string())
        .collect();
    // xorshift: seeded, no dependency.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut samples: Vec<String> = Vec::with_capacity(drafts);
    for _ in 0..drafts {
        let mut d = String::new();
        while d.chars().count() < 300 {
            if !d.is_empty() {
                d.push(' ');
            }
            d.push_str(&texts[(next() % texts.len() as u64) as usize]);
        }
        samples.push(d.chars().take(300).collect());
    }
    let mut analyzer = Analyzer::new();
    // As the server does at start-up: no check pays for compiling a regex.
    haven_core::rules::compile_all();
    // Warm up: lazily built automata and caches.
    for s in samples.iter().take(500) {
        analyzer.analyze(s, None);
    }
    if typing {
        return show_typing(&mut analyzer, &samples);
    }
    let mut ns: Vec<u64> = Vec::with_capacity(drafts);
    let mut flagged = 0usize;
    for s in &samples {
        let t = Instant::now();
        let r = analyzer.analyze(s, None);
        ns.push(t.elapsed().as_nanos() as u64);
        flagged += usize::from(!r.labels.is_empty());
    }
    if phases {
        show_phases(&mut analyzer, &samples, &ns);
    }
    ns.sort_unstable();
    let q = |p: f64| ns[((ns.len() as f64 - 1.0) * p).round() as usize] as f64 / 1e3;
    println!("{drafts} drafts of 300 characters, {flagged} with findings; per check (µs):");
    println!("p50 {:.1}  p90 {:.1}  p99 {:.1}  p99.9 {:.1}  max {:.1}", q(0.5), q(0.9), q(0.99), q(0.999), q(1.0));
    if floor {
        show_floor(ns[ns.len() / 2], drafts);
    }
}

/// Time a fixed memory-bound task as long as the median check, `n` times.
fn show_floor(median_ns: u64, n: usize) {
    let buf: Vec<u64> = (0..(1u64 << 17)).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)).collect();
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut task = |reads: u64| {
        let mut acc = 0u64;
        for _ in 0..reads {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            acc = acc.wrapping_add(buf[(x % buf.len() as u64) as usize]);
        }
        std::hint::black_box(acc);
    };
    let t = Instant::now();
    task(1_000_000);
    let reads = (median_ns as f64 / (t.elapsed().as_nanos() as f64 / 1e6)) as u64;
    let mut ns: Vec<u64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            task(reads);
            t.elapsed().as_nanos() as u64
        })
        .collect();
    let over = ns.iter().filter(|&&v| v > 100_000).count();
    ns.sort_unstable();
    let q = |p: f64| ns[((ns.len() as f64 - 1.0) * p).round() as usize] as f64 / 1e3;
    println!("the same machine's floor: a fixed task of {reads} random reads in 1 MB, {n} times (µs):");
    println!("p50 {:.1}  p90 {:.1}  p99 {:.1}  p99.9 {:.1}  max {:.1}; {over} over 100 µs", q(0.5), q(0.9), q(0.99), q(0.999), q(1.0));
}

/// Check each draft at every second word boundary as it grows, then whole.
fn show_typing(analyzer: &mut Analyzer, samples: &[String]) {
    let (mut whole, mut all) = (Vec::with_capacity(samples.len()), Vec::new());
    for s in samples {
        let boundaries: Vec<usize> = s.match_indices(' ').map(|(i, _)| i).collect();
        for &end in boundaries.iter().skip(1).step_by(2) {
            let t = Instant::now();
            std::hint::black_box(analyzer.analyze(&s[..end], None));
            all.push(t.elapsed().as_nanos() as u64);
        }
        let t = Instant::now();
        std::hint::black_box(analyzer.analyze(s, None));
        let ns = t.elapsed().as_nanos() as u64;
        whole.push(ns);
        all.push(ns);
    }
    println!("{} drafts of 300 characters, each checked as it was typed ({} checks in all); per check (µs):", samples.len(), all.len());
    quantiles("  the whole draft, after its prefixes", whole);
    quantiles("  every check while typing", all);
}

fn quantiles(name: &str, mut ns: Vec<u64>) {
    ns.sort_unstable();
    let q = |p: f64| ns[((ns.len() as f64 - 1.0) * p).round() as usize] as f64 / 1e3;
    println!("{name}: p50 {:.1}  p90 {:.1}  p99 {:.1}", q(0.5), q(0.9), q(0.99));
}

fn show_phases(analyzer: &mut Analyzer, samples: &[String], first: &[u64]) {
    use haven_core::rules::{self, Ctx};
    use haven_core::text::Normalized;
    let (mut norm, mut rules_ns, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for s in samples {
        let t = Instant::now();
        let m = Normalized::new(s);
        norm.push(t.elapsed().as_nanos() as u64);
        let t = Instant::now();
        std::hint::black_box(rules::run(&Ctx { raw: s, msg: &m, prev: None }));
        rules_ns.push(t.elapsed().as_nanos() as u64);
        let t = Instant::now();
        std::hint::black_box(analyzer.analyze_normalized(s, &m, None));
        rest.push(t.elapsed().as_nanos() as u64);
    }
    println!("second pass, per phase (µs):");
    quantiles("  normalise", norm);
    quantiles("  rules", rules_ns);
    quantiles("  analysis after the rules (rules again, now warm; features; scorer)", rest);
    let mut slowest: Vec<usize> = (0..samples.len()).collect();
    slowest.sort_by_key(|&i| std::cmp::Reverse(first[i]));
    println!("the 1% slowest drafts of the first pass, each checked 200 times in a row (µs per check):");
    let mut hot = Vec::new();
    for &i in slowest.iter().take(samples.len() / 100) {
        let t = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(analyzer.analyze(&samples[i], None));
        }
        hot.push(t.elapsed().as_nanos() as u64 / 200);
    }
    quantiles("  warm", hot);
}
