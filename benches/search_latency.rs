//! Query latency, in-process and one-shot, per query kind, on the real corpus and its 10x
//! replica. Prints one table of medians and p99s (milliseconds), snippets included.
//!
//! `cargo bench --bench search_latency` (add `-- 1` to skip the 10x replica; env `KINDS=AND,typo`
//! runs only those kinds, `RUNS=N` times each query, `ONESHOT=0` skips the one-shot runs, `PER_QUERY=1` prints each query's median). In-process
//! figures follow one untimed pass over all queries. Indexes and
//! the replica are built once under `target/bench-data/` and reused. Needs
//! `../shared/corpora/football-news-2020-2026.jsonl.gz`; says so and does nothing without it.

use scout::index::writer::{build, BuildOptions, SilentReporter};
use scout::index::{index_exists, open_index, open_or_create_index};
use scout::search::{SearchRequest, Searcher};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Queries by kind: what users type.
const QUERIES: &[(&str, &[&str])] = &[
    (
        "single word",
        &[
            "Salah",
            "Bellingham",
            "Haaland",
            "Postecoglou",
            "relegation",
            "Wembley",
        ],
    ),
    (
        "AND",
        &[
            "Mbappe Real Madrid transfer",
            "Arteta Arsenal title",
            "Szoboszlai Liverpool fee",
            "Ten Hag sacked",
            "Kerr ACL injury",
            "Alonso Leverkusen unbeaten",
        ],
    ),
    (
        "phrase",
        &[
            "\"Champions League final\"",
            "\"release clause\"",
            "\"Premier League title\"",
            "\"World Cup\" Messi",
            "\"transfer window\" deadline",
        ],
    ),
    (
        "typo",
        &[
            "Szobozslai",
            "Plettenburg",
            "Odegard",
            "Guardiolla",
            "Postecogolu",
            "Mbapee",
        ],
    ),
    (
        "filtered",
        &[
            "transfer --club Arsenal",
            "injury --club Chelsea --since 2024-01",
            "--person \"Erling Haaland\"",
            "goal --competition \"Champions League\"",
            "date:2024-06 Euro",
        ],
    ),
];

const RUNS: usize = 25;

fn main() {
    let sizes: Vec<usize> = match std::env::args()
        .skip(1)
        .find(|a| a.parse::<usize>().is_ok())
    {
        Some(n) => vec![n.parse().unwrap_or(1)],
        None => vec![1, 10],
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpora/football-news-2020-2026.jsonl.gz");
    if !corpus.is_file() {
        eprintln!(
            "NOTE: {} not found; search latency benchmark skipped",
            corpus.display()
        );
        return;
    }
    // KINDS=AND,typo limits the run to those kinds; RUNS=N times each query (e.g. for perf).
    let kinds = std::env::var("KINDS").ok();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(RUNS);
    // PER_QUERY=1 also prints each query's median (on stderr).
    let per_query = std::env::var("PER_QUERY").is_ok_and(|v| v == "1");
    // ONLY=text runs only the queries containing it.
    let only = std::env::var("ONLY").ok();
    let data = root.join("target/bench-data");
    std::fs::create_dir_all(&data).expect("bench data dir");
    let scout_bin = root.join("target/release/scout");
    println!(
        "| corpus | kind | in-process median ms | in-process p99 ms | in-process CPU ms (mean) | one-shot median ms |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    for size in sizes {
        let input = if size == 1 {
            corpus.clone()
        } else {
            replica(&corpus, &data, size)
        };
        let index_dir = data.join(format!("index-{size}x"));
        // An index this build cannot open (built by an older scout) is built again.
        if index_exists(&index_dir) && open_index(&index_dir).is_err() {
            eprintln!("{} is outdated: building it again", index_dir.display());
            std::fs::remove_dir_all(&index_dir).expect("remove the outdated index");
        }
        if !index_exists(&index_dir) {
            eprintln!("building the {size}x index in {} ...", index_dir.display());
            let index = open_or_create_index(&index_dir).expect("index");
            build(&index, &[input], &BuildOptions::default(), &SilentReporter).expect("build");
        }
        let searcher = Searcher::new(open_index(&index_dir).expect("open")).expect("searcher");
        // One untimed pass first (as compare.py does): the first queries after opening pay
        // for page faults on the index files, which is start-up, not query, latency.
        for (_, queries) in QUERIES {
            for query in *queries {
                std::hint::black_box(searcher.search(&request_for(query)).expect("search"));
            }
        }
        for (kind, queries) in QUERIES {
            if kinds
                .as_ref()
                .is_some_and(|k| !k.split(',').any(|k| k == *kind))
            {
                continue;
            }
            let mut times = Vec::new();
            let cpu_before = process_cpu_seconds();
            for query in *queries {
                if only
                    .as_ref()
                    .is_some_and(|only| !query.contains(only.as_str()))
                {
                    continue;
                }
                let request = request_for(query);
                let mut own = Vec::new();
                for _ in 0..runs {
                    let started = Instant::now();
                    let results = searcher.search(&request).expect("search");
                    std::hint::black_box(results);
                    own.push(started.elapsed().as_secs_f64() * 1000.0);
                }
                if per_query {
                    eprintln!(
                        "{size}x {kind} {query}: median {:.2} ms",
                        percentile(&mut own, 0.5)
                    );
                }
                times.extend(own);
            }
            // All threads' CPU (searches may use several), per query run.
            let cpu_ms = (process_cpu_seconds() - cpu_before) * 1000.0 / times.len().max(1) as f64;
            let oneshot = if scout_bin.is_file() && std::env::var("ONESHOT").as_deref() != Ok("0") {
                one_shot(&scout_bin, &index_dir, queries)
            } else {
                f64::NAN
            };
            println!(
                "| {size}x | {kind} | {:.2} | {:.2} | {:.2} | {:.1} |",
                percentile(&mut times, 0.5),
                percentile(&mut times, 0.99),
                cpu_ms,
                oneshot
            );
        }
    }
}

/// Turns "words --club X --since D" into a request (the CLI's filter flags, for the bench).
fn request_for(line: &str) -> SearchRequest {
    let mut request = SearchRequest {
        limit: 10,
        ..Default::default()
    };
    let (query, flags) = line.split_once(" --").map_or((line, ""), |(q, f)| (q, f));
    let query = if query.starts_with("--") { "" } else { query };
    request.query = query.to_owned();
    let flags = line.strip_prefix("--").unwrap_or(flags);
    for flag in flags.split(" --").filter(|f| !f.is_empty()) {
        let (name, value) = flag.split_once(' ').unwrap_or((flag, ""));
        let value = value.trim().trim_matches('"').to_owned();
        match name {
            "club" | "person" | "competition" => {
                request.filters.push(scout::search::query::Node::Entity {
                    kind: name.to_owned(),
                    name: value,
                })
            }
            "since" => {
                if let Ok(range) =
                    scout::search::query::parse::parse_date_range(&format!("{value}.."))
                {
                    request
                        .filters
                        .push(scout::search::query::Node::Dates(range));
                }
            }
            _ => {}
        }
    }
    request
}

/// Median wall time of one `scout search` process per query (5 runs each).
fn one_shot(scout: &Path, index: &Path, queries: &[&str]) -> f64 {
    let mut times = Vec::new();
    for query in queries {
        let args = shell_words(query);
        for _ in 0..5 {
            let started = Instant::now();
            let status = std::process::Command::new(scout)
                .arg("--index")
                .arg(index)
                .arg("search")
                .args(&args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run scout");
            let _ = status;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    percentile(&mut times, 0.5)
}

/// Splits a command line on spaces, keeping "quoted parts" together (quotes kept on query
/// words, dropped on flag values).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (query, flags) = if line.starts_with("--") {
        ("", line)
    } else {
        line.split_once(" --").map_or((line, ""), |(q, f)| (q, f))
    };
    if !query.is_empty() {
        words.push(query.to_owned());
    }
    let flags = flags.trim_start_matches("--");
    for flag in flags.split(" --").filter(|f| !f.is_empty()) {
        let (name, value) = flag.split_once(' ').unwrap_or((flag, ""));
        words.push(format!("--{name}"));
        words.push(value.trim().trim_matches('"').to_owned());
    }
    words
}

/// User + system CPU seconds of this process, all threads (Linux `/proc/self/stat`, in
/// clock ticks of 10 ms: meaningful over many queries, not one); NaN elsewhere.
fn process_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return f64::NAN;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    match (ticks(11), ticks(12)) {
        (Some(user), Some(system)) => (user + system) / 100.0,
        _ => f64::NAN,
    }
}

fn percentile(times: &mut [f64], q: f64) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    let at = ((times.len() as f64 - 1.0) * q).round() as usize;
    times.get(at).copied().unwrap_or(f64::NAN)
}

/// A replica of the corpus, each article repeated `times` times with ids suffixed `-rN`.
fn replica(corpus: &Path, data: &Path, times: usize) -> PathBuf {
    let path = data.join(format!("football-news-{times}x.jsonl.gz"));
    if path.is_file() {
        return path;
    }
    eprintln!("writing the {times}x replica {} ...", path.display());
    let reader = BufReader::new(flate2::read::MultiGzDecoder::new(
        std::fs::File::open(corpus).expect("corpus"),
    ));
    let lines: Vec<String> = reader.lines().map_while(Result::ok).collect();
    let tmp = path.with_extension("tmp");
    let mut out = flate2::write::GzEncoder::new(
        std::io::BufWriter::new(std::fs::File::create(&tmp).expect("replica")),
        flate2::Compression::fast(),
    );
    for copy in 0..times {
        for line in &lines {
            let Ok(mut value) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(id) = value.get("id").and_then(|v| v.as_str()).map(str::to_owned) {
                value["id"] = serde_json::Value::String(format!("{id}-r{copy}"));
            }
            writeln!(out, "{value}").expect("write replica");
        }
    }
    out.finish()
        .expect("finish replica")
        .flush()
        .expect("flush");
    std::fs::rename(&tmp, &path).expect("rename replica");
    path
}
