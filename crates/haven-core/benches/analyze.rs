//! Speed of the analyzer: normalisation, a full check of one draft, and
//! labelling throughput (messages per second on one core) over the project's
//! training messages. Run with `cargo bench -p haven-core`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use haven_core::text::Normalized;
use haven_core::Analyzer;

const DRAFT_300: &str = "honestly I can't believe you did that again, you ALWAYS leave the dishes for me and then act surprised when I'm upset 🙄 I asked you three times this week. I'm not saying you're lazy, but it really feels like you don't care about how tired I am after work. can we please talk about it tonight when the kids are asleep?";

fn messages() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/train.jsonl");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn bench(c: &mut Criterion) {
    c.bench_function("normalise 300-char draft", |b| b.iter(|| Normalized::new(black_box(DRAFT_300))));
    let mut rules = Analyzer::rules_only();
    c.bench_function("check 300-char draft (rules)", |b| b.iter(|| rules.analyze(black_box(DRAFT_300), None)));
    let mut full = Analyzer::new();
    c.bench_function("check 300-char draft (rules + model)", |b| b.iter(|| full.analyze(black_box(DRAFT_300), None)));

    let msgs = messages();
    let mut g = c.benchmark_group("label");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.sample_size(10);
    g.bench_function("label training set (rules + model)", |b| {
        b.iter(|| {
            for m in &msgs {
                black_box(full.analyze(m, None));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
