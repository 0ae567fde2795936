//! Entities of every corpus article, and what recognition costs, for checking a change to
//! the recogniser across all the corpora (not a criterion bench).
//!
//! `cargo bench --bench entity_dump -- OUT.tsv` writes one line per article of
//! `../shared/corpora/*.jsonl.gz` (`id <TAB> clubs <TAB> people <TAB> competitions <TAB>
//! simhash`); run it before and after a change and `diff` the two files to see every article
//! the change affects. It then times `extract::analyse` over all articles with and without
//! recognition, interleaved (`ROUNDS`, default 9; `LIMIT` articles, default all), and prints
//! the medians and their difference (the recognition cost). Interleaved with those it times
//! `extract::scan_floor`: the steps before recognition's rules (the gazetteer's matches and
//! the words the rules read), the least recognition can cost as designed, of which the rules
//! cost the rest. Says so and does nothing when the corpora are absent.

use scout::corpus::{parse_record, read_records, MAX_RECORD_BYTES};
use scout::extract::{analyse, gazetteer::gazetteer, scan_floor};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

const CORPORA: [&str; 4] = [
    "football-news-2020-2026.jsonl.gz",
    "guardian-2022.jsonl.gz",
    "bbcsport-2005.jsonl.gz",
    "noisy-2022-2024.jsonl.gz",
];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !dir.is_dir() {
        eprintln!("NOTE: {} not found; nothing to do", dir.display());
        return Ok(());
    }
    // `cargo bench` passes `--bench`; the first other argument is the output file.
    let out_path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "entities.tsv".to_owned());
    let mut articles = Vec::new();
    for name in CORPORA {
        let records = read_records(vec![dir.join(name)], MAX_RECORD_BYTES);
        articles.extend(
            records
                .filter_map(Result::ok)
                .filter_map(|r| parse_record(&r).ok())
                .map(|p| p.article),
        );
    }
    articles.truncate(env_number("LIMIT", usize::MAX));
    gazetteer(); // built once, outside the timings

    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    for article in &articles {
        let e = analyse(article, true);
        let (club, person, competition) =
            (e.entities.club, e.entities.person, e.entities.competition);
        writeln!(
            out,
            "{}\t{club:?}\t{person:?}\t{competition:?}\t{}",
            article.id, e.simhash
        )?;
    }
    out.flush()?;
    eprintln!(
        "{} articles' entities written to {out_path}",
        articles.len()
    );

    let rounds = env_number("ROUNDS", 9).max(1);
    let (mut with, mut without, mut floor) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        let people: usize = articles
            .iter()
            .map(|a| analyse(a, true).entities.person.len())
            .sum();
        with.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let odd: u64 = articles.iter().map(|a| analyse(a, false).simhash & 1).sum();
        without.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let scanned: usize = articles
            .iter()
            .map(|a| {
                let (simhash, matches, words) = scan_floor(a);
                (simhash & 1) as usize + matches + words
            })
            .sum();
        floor.push(start.elapsed().as_secs_f64());
        std::hint::black_box((people, odd, scanned));
    }
    let median = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[rounds / 2]
    };
    let (w, wo, fl) = (median(with), median(without), median(floor));
    let per_article = |seconds: f64| seconds * 1e6 / articles.len().max(1) as f64;
    println!(
        "{} articles, median of {rounds} rounds: analyse with recognition {w:.3} s, without \
         {wo:.3} s, recognition {:.3} s ({:.1} us/article): the gazetteer scan before the \
         rules {:.3} s ({:.1} us/article), the rules {:.3} s ({:.1} us/article)",
        articles.len(),
        w - wo,
        per_article(w - wo),
        fl - wo,
        per_article(fl - wo),
        w - fl,
        per_article(w - fl),
    );
    Ok(())
}
