//! Criterion benchmarks of the indexing pipeline's CPU stages on real articles:
//! parsing JSON Lines records, entity extraction alone, parse + extract together, and the
//! text analysis and duplicate signature (tantivy's default analyzer beside scout's).
//!
//! `cargo bench --bench pipeline` (reads the first 2,000 articles of
//! `../shared/corpora/football-news-2020-2026.jsonl.gz`; prints a note and does nothing
//! when the corpora are absent). Criterion reports articles/s (elements) and MB/s.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use scout::corpus::{parse_record, read_records, RawRecord, MAX_RECORD_BYTES};
use scout::extract::signature::text_simhash;
use scout::extract::{extract, gazetteer::gazetteer};
use scout::index::analyzer::{cached_news_analyzer, news_analyzer};
use std::path::PathBuf;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

const ARTICLES: usize = 2_000;

fn corpus_records() -> Option<Vec<RawRecord>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/football-news-2020-2026.jsonl.gz");
    if !path.is_file() {
        eprintln!(
            "NOTE: {} not found; pipeline benchmarks skipped",
            path.display()
        );
        return None;
    }
    Some(
        read_records(vec![path], MAX_RECORD_BYTES)
            .filter_map(Result::ok)
            .take(ARTICLES)
            .collect(),
    )
}

fn pipeline(c: &mut Criterion) {
    let Some(records) = corpus_records() else {
        return;
    };
    let bytes: u64 = records.iter().map(|r| r.bytes.len() as u64).sum();
    let articles: Vec<_> = records
        .iter()
        .filter_map(|r| parse_record(r).ok())
        .map(|p| p.article)
        .collect();
    gazetteer(); // built once, outside the timed loops

    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| records.iter().filter_map(|r| parse_record(r).ok()).count())
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| extract(a).person.len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse+extract", |b| {
        b.iter(|| {
            records
                .iter()
                .filter_map(|r| parse_record(r).ok())
                .map(|p| extract(&p.article).club.len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse+extract bytes", |b| {
        b.iter_batched(
            || (),
            |_| {
                records
                    .iter()
                    .filter_map(|r| parse_record(r).ok())
                    .map(|p| extract(&p.article).club.len())
                    .sum::<usize>()
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();

    // What the tantivy indexing threads do to each text before the postings, and the
    // duplicate signature: tantivy's default analyzer (the plain baseline's) beside scout's.
    let texts: Vec<&str> = articles
        .iter()
        .flat_map(|a| [a.title.as_str(), a.body.as_str()])
        .collect();
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.throughput(Throughput::Elements(articles.len() as u64));
    let count_tokens = |analyzer: &mut TextAnalyzer| {
        let mut tokens = 0usize;
        for text in &texts {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                tokens += stream.token().text.len();
            }
        }
        tokens
    };
    let mut plain = TextAnalyzer::builder(tantivy::tokenizer::SimpleTokenizer::default())
        .filter(tantivy::tokenizer::RemoveLongFilter::limit(40))
        .filter(tantivy::tokenizer::LowerCaser)
        .build();
    group.bench_function("tantivy default", |b| b.iter(|| count_tokens(&mut plain)));
    let mut news = news_analyzer();
    group.bench_function("scout news_en uncached", |b| {
        b.iter(|| count_tokens(&mut news))
    });
    let mut cached = cached_news_analyzer();
    group.bench_function("scout news_en", |b| b.iter(|| count_tokens(&mut cached)));
    group.bench_function("tokens + simhash", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| text_simhash(&a.body))
                .fold(0, |x, h| x ^ h)
        })
    });
    group.finish();
}

fn gazetteer_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    group.bench_function("parse and build automaton", |b| {
        b.iter(|| {
            scout::extract::gazetteer::Gazetteer::parse(scout::extract::gazetteer::GAZETTEER_TSV)
                .patterns
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline, gazetteer_load);
criterion_main!(benches);
