//! A plain tantivy 0.27 baseline for whole-program comparisons with scout (see
//! `benches/compare.py` and `benches/README.md`). Not a criterion bench: a tiny program with its
//! own arguments, built by `cargo build --release --bench baseline`.
//!
//! ```text
//! baseline index DIR CORPUS.jsonl[.gz]...   build a fresh index in DIR
//! baseline search DIR "QUERY"               top 10, one body snippet each: "id<TAB>snippet"
//! baseline entities OUT.tsv CORPUS...        scout's entities of every article, as a table
//!                                            for BASELINE_FACETS (not timed by compare.py)
//! ```
//!
//! Schema: `id` (STRING | STORED), `title` and `body` (TEXT | STORED, tantivy's *default*
//! tokenizer: no stemming, no accent folding), `date` (INDEXED | STORED | FAST, from RFC 3339 or
//! YYYY-MM-DD, else absent). Indexing: 2 threads, 256 MB budget in total, one commit,
//! `wait_merging_threads()`. Search: QueryParser over title + body with AND by default (as
//! scout), `TopDocs::with_limit(10).order_by_score()`, one `SnippetGenerator` on the body.
//!
//! With `BASELINE_FACETS=ENTITIES.tsv` (the output of `baseline entities` or of
//! `benches/entity_dump.rs`: id, clubs, people, competitions) it also indexes each article's
//! entities as stored facets (`/club/<name>`...), as scout does, read from that table instead
//! of recognised: what the facets alone cost plain tantivy. An id the table lacks that ends in
//! `-rN` (a replica of `benches/compare.py`) takes the facets of the id without it.
//!
//! With `BASELINE_AS_SCOUT=1` title and body are analysed with scout's own indexing analyzer
//! (`news_en`: lower-case, ASCII-fold, English stem, cached per word) and the doc store is
//! scout's (zstd level 1, 4 KiB blocks): with `BASELINE_FACETS` too, that is the work any
//! scout build must do (tokens, facets, a store small enough for the index to stay under the
//! text), with none of scout's recognition, signatures, hashes or bookkeeping.
//!
//! Run without recognised arguments (as `cargo bench` does) it prints its usage and exits 0.

use anyhow::{bail, Context, Result};
use flate2::read::MultiGzDecoder;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Facet, FacetOptions, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, INDEXED,
    STORED, STRING, TEXT,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{DateTime, Index, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument};

const USAGE: &str = "usage: baseline index DIR CORPUS.jsonl[.gz]... | baseline search DIR QUERY \
                     | baseline entities OUT.tsv CORPUS... \
                     (plain tantivy 0.27 baseline for benches/compare.py)";
const THREADS: usize = 2;
const BUDGET: usize = 256 * 1024 * 1024;

fn main() {
    // cargo passes `--bench` (and possibly filters); ignore every option-looking argument.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("index") if args.len() >= 3 => index(Path::new(&args[1]), &args[2..]),
        Some("search") if args.len() == 3 => search(Path::new(&args[1]), &args[2]),
        Some("entities") if args.len() >= 3 => entities(Path::new(&args[1]), &args[2..]),
        _ => {
            println!("{USAGE}");
            return;
        }
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(error) => {
            eprintln!("baseline: {error:#}");
            std::process::exit(2);
        }
    }
}

/// `BASELINE_AS_SCOUT` is set: scout's analyzer and doc store instead of tantivy's defaults.
fn as_scout() -> bool {
    std::env::var_os("BASELINE_AS_SCOUT").is_some_and(|v| !v.is_empty() && v != "0")
}

fn schema() -> Schema {
    let mut sb = Schema::builder();
    sb.add_text_field("id", STRING | STORED);
    let text = if as_scout() {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(scout::index::schema::NEWS_ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored()
    } else {
        TEXT | STORED
    };
    sb.add_text_field("title", text.clone());
    sb.add_text_field("body", text);
    sb.add_date_field("date", INDEXED | STORED | tantivy::schema::FAST);
    sb.add_facet_field("entity", FacetOptions::default().set_stored());
    sb.build()
}

fn parse_date(text: &str) -> Option<DateTime> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        return Some(DateTime::from_utc(t));
    }
    let day = time::Date::parse(text, format_description!("[year]-[month]-[day]")).ok()?;
    Some(DateTime::from_utc(day.midnight().assume_utc()))
}

fn open_lines(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 16, reader)))
}

/// Facets by article id from an `entity_dump` table (`BASELINE_FACETS`), if set.
fn load_facets() -> Result<HashMap<String, Vec<Facet>>> {
    let Ok(path) = std::env::var("BASELINE_FACETS") else {
        return Ok(HashMap::new());
    };
    let table = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let mut facets = HashMap::new();
    for line in table.lines() {
        let columns: Vec<&str> = line.split('\t').collect();
        let [id, clubs, people, competitions, ..] = columns[..] else {
            bail!("{path}: not an entity_dump line: {line:?}");
        };
        let mut list = Vec::new();
        for (kind, names) in [
            ("club", clubs),
            ("person", people),
            ("competition", competitions),
        ] {
            // JSON lists (entity_dump writes Rust's debug format, which JSON reads for plain
            // names).
            let names: Vec<String> = serde_json::from_str(names).unwrap_or_default();
            list.extend(
                names
                    .iter()
                    .map(|name| Facet::from_path([kind, name.as_str()])),
            );
        }
        facets.insert(id.to_owned(), list);
    }
    Ok(facets)
}

/// The facets of article `id`, or of the article it replicates (`ID-rN`).
fn facets_of<'a>(facets: &'a HashMap<String, Vec<Facet>>, id: &str) -> Option<&'a Vec<Facet>> {
    facets.get(id).or_else(|| {
        let (original, replica) = id.rsplit_once("-r")?;
        replica
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| facets.get(original))
            .flatten()
    })
}

/// Writes scout's entities of every article of `corpora` to `out` (id, then JSON lists of
/// clubs, people and competitions), for `BASELINE_FACETS`.
fn entities(out: &Path, corpora: &[String]) -> Result<i32> {
    use scout::corpus::{parse_record, read_records, MAX_RECORD_BYTES};
    let files = corpora.iter().map(std::path::PathBuf::from).collect();
    let mut table = BufWriter::new(
        File::create(out).with_context(|| format!("cannot create {}", out.display()))?,
    );
    let mut count = 0u64;
    for record in read_records(files, MAX_RECORD_BYTES).filter_map(Result::ok) {
        let Ok(parsed) = parse_record(&record) else {
            continue;
        };
        let found = scout::extract::analyse(&parsed.article, true).entities;
        writeln!(
            table,
            "{}\t{}\t{}\t{}",
            parsed.article.id,
            serde_json::to_string(&found.club)?,
            serde_json::to_string(&found.person)?,
            serde_json::to_string(&found.competition)?
        )?;
        count += 1;
    }
    table.flush()?;
    eprintln!("entities of {count} articles written to {}", out.display());
    Ok(0)
}

fn index(dir: &Path, corpora: &[String]) -> Result<i32> {
    let loading = Instant::now();
    let facets = load_facets()?;
    if !facets.is_empty() {
        eprintln!(
            "facets of {} articles loaded in {:.3} s",
            facets.len(),
            loading.elapsed().as_secs_f64()
        );
    }
    let start = Instant::now();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let schema = schema();
    let f = |name: &str| schema.get_field(name).expect("field in schema");
    let (id, title, body, date) = (f("id"), f("title"), f("body"), f("date"));
    let entity = f("entity");
    let mut settings = IndexSettings::default();
    if as_scout() {
        settings.docstore_compression = Compressor::Zstd(ZstdCompressor {
            compression_level: Some(1),
        });
        settings.docstore_blocksize = 4096;
    }
    let directory = MmapDirectory::open(dir)?;
    let index = Index::create(directory, schema.clone(), settings).with_context(|| {
        format!(
            "cannot create an index in {} (must be empty)",
            dir.display()
        )
    })?;
    if as_scout() {
        scout::index::analyzer::register_analyzers(&index);
    }
    let mut writer: IndexWriter = index.writer_with_num_threads(THREADS, BUDGET)?;

    let (mut count, mut skipped) = (0u64, 0u64);
    for corpus in corpora {
        let mut lines = open_lines(Path::new(corpus))?;
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line)? == 0 {
                break;
            }
            if line.trim().is_empty() {
                continue;
            }
            let record: serde_json::Value = match serde_json::from_str(&line) {
                Ok(v) => v,
                Err(_) => {
                    skipped += 1;
                    continue;
                }
            };
            let text = |key: &str| record.get(key).and_then(serde_json::Value::as_str);
            let mut doc = TantivyDocument::default();
            if let Some(v) = text("id") {
                doc.add_text(id, v);
                for facet in facets_of(&facets, v).into_iter().flatten() {
                    doc.add_facet(entity, facet.clone());
                }
            }
            if let Some(v) = text("title") {
                doc.add_text(title, v);
            }
            if let Some(v) = text("body") {
                doc.add_text(body, v);
            }
            if let Some(d) = text("date").and_then(parse_date) {
                doc.add_date(date, d);
            }
            writer.add_document(doc)?;
            count += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    eprintln!(
        "indexed {count} articles in {:.2} s{}",
        start.elapsed().as_secs_f64(),
        if skipped > 0 {
            format!(" ({skipped} invalid lines skipped)")
        } else {
            String::new()
        }
    );
    Ok(0)
}

fn search(dir: &Path, query_text: &str) -> Result<i32> {
    let index =
        Index::open_in_dir(dir).with_context(|| format!("cannot open index {}", dir.display()))?;
    // An index built with BASELINE_AS_SCOUT names scout's analyzer.
    scout::index::analyzer::register_analyzers(&index);
    let schema = index.schema();
    let f = |name: &str| schema.get_field(name).expect("field in schema");
    let (id, title, body) = (f("id"), f("title"), f("body"));
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_conjunction_by_default();
    let query = match parser.parse_query(query_text) {
        Ok(q) => q,
        Err(error) => bail!("invalid query {query_text:?}: {error}"),
    };
    let top = searcher.search(&query, &TopDocs::with_limit(10).order_by_score())?;
    if top.is_empty() {
        return Ok(1);
    }
    let snippets = SnippetGenerator::create(&searcher, &*query, body)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (_score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let doc_id = doc.get_first(id).and_then(|v| v.as_str()).unwrap_or("");
        let snippet = snippets.snippet_from_doc(&doc).to_html().replace('\n', " ");
        if writeln!(out, "{doc_id}\t{snippet}").is_err() {
            break; // closed pipe
        }
    }
    let _ = out.flush();
    Ok(0)
}
