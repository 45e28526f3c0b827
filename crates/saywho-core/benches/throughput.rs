//! Annotation throughput in words per second (criterion's "elem/s"), on the
//! gold article and on a 100,000-word document made by repeating it.
//!
//! Run: `cargo bench -p saywho-core -- --warm-up-time 1 --measurement-time 3`.
//! The article is read from the shared evaluation data beside the repository
//! (`../shared/eval/gold/`), so the figures are for real news text.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use saywho_core::{annotate, annotate_with, Options};

const BIG_WORDS: usize = 100_000;

fn gold_article() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/gold/pakistan-us-reset.json");
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the benchmark article {}: {e}\n\
             The benchmark needs the shared evaluation data (shared/eval/gold/) next to the repository.",
            path.display()
        )
    });
    let value: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()));
    value["text"]
        .as_str()
        .unwrap_or_else(|| panic!("{} has no \"text\" string", path.display()))
        .to_string()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The article repeated as paragraphs, cut right after word `n`.
fn repeated(article: &str, n: usize) -> String {
    let copies = n / words(article).max(1) + 1;
    let long = vec![article; copies].join("\n\n");
    let mut seen = 0;
    let mut in_word = false;
    for (b, c) in long.char_indices() {
        if c.is_whitespace() {
            if in_word && seen == n {
                return long[..b].to_string();
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            seen += 1;
        }
    }
    long
}

fn throughput(c: &mut Criterion) {
    let article = gold_article();
    let big = repeated(&article, BIG_WORDS);
    assert_eq!(words(&big), BIG_WORDS);

    let mut group = c.benchmark_group("annotate");
    group.throughput(Throughput::Elements(words(&article) as u64));
    group.bench_function("gold article", |b| b.iter(|| annotate(black_box(&article))));
    group.throughput(Throughput::Elements(BIG_WORDS as u64));
    group.sample_size(10);
    group.bench_function("100,000 words", |b| b.iter(|| annotate(black_box(&big))));
    group.finish();

    // The same without the statistical models (`saywho annotate --rules-only`).
    let rules = Options { models: false };
    let mut group = c.benchmark_group("annotate, rules only");
    group.throughput(Throughput::Elements(words(&article) as u64));
    group.bench_function("gold article", |b| b.iter(|| annotate_with(black_box(&article), &rules)));
    group.throughput(Throughput::Elements(BIG_WORDS as u64));
    group.sample_size(10);
    group.bench_function("100,000 words", |b| b.iter(|| annotate_with(black_box(&big), &rules)));
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
