//! Indexing jobs: files -> parsed articles -> entities -> documents -> committed index.
//!
//! A reader thread streams raw records in batches through a bounded channel (so memory stays
//! bounded whatever the input size); each batch is parsed, analysed for entities and turned
//! into documents in parallel with rayon, then handed to tantivy's own indexing threads.
//! Articles are upserted by id. Nothing here prints: progress goes through [`Reporter`].

use super::document::to_document;
use super::lexicon::{count_entities, write_lexicon};
use super::ScoutIndex;
use crate::corpus::{self, collect_files, read_records, ParsedArticle, RawRecord, Skip, Warning};
use crate::extract::{extract, Entities};
use anyhow::{anyhow, Context};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

/// Settings of an indexing job.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Worker threads for parsing and extraction, and for tantivy (0: one per core).
    pub threads: usize,
    /// tantivy's memory budget for the whole writer, in bytes.
    pub memory_budget: usize,
    /// Largest record read, in bytes.
    pub max_record_bytes: u64,
    /// Records per parallel batch.
    pub batch_size: usize,
    /// Recognise entities (off only to measure what extraction costs).
    pub extract_entities: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 0,
            memory_budget: 256 * 1024 * 1024,
            max_record_bytes: corpus::MAX_RECORD_BYTES,
            batch_size: 2048,
            extract_entities: true,
        }
    }
}

/// Receives progress from an indexing job; the CLI implements it with a progress bar.
pub trait Reporter: Sync {
    /// The job starts; `total_input_bytes` is the size of all input files on disk.
    fn started(&self, _total_input_bytes: u64) {}
    /// `input_bytes_read` of the input consumed, `articles` indexed so far.
    fn progress(&self, _input_bytes_read: u64, _articles: u64) {}
    /// An article was kept despite a problem.
    fn warning(&self, _warning: &Warning) {}
    /// A record could not be indexed.
    fn skipped(&self, _skip: &Skip) {}
    /// The job is committing its work.
    fn committing(&self) {}
}

/// A reporter that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct SilentReporter;

impl Reporter for SilentReporter {}

/// What an indexing job did.
#[derive(Debug, Default, Clone)]
pub struct BuildSummary {
    /// Articles written to the index (new or replaced).
    pub indexed: u64,
    /// Records that could not be indexed, in input order.
    pub skipped: Vec<Skip>,
    /// Number of warnings raised on kept articles.
    pub warnings: u64,
    /// Input bytes read (compressed size for gzip files).
    pub input_bytes: u64,
    /// Wall time of the job.
    pub elapsed: Duration,
}

impl BuildSummary {
    /// Skipped records counted by reason label, sorted by label.
    pub fn skip_counts(&self) -> Vec<(&'static str, usize)> {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for skip in &self.skipped {
            match counts
                .iter_mut()
                .find(|(label, _)| *label == skip.reason.label())
            {
                Some((_, n)) => *n += 1,
                None => counts.push((skip.reason.label(), 1)),
            }
        }
        counts.sort();
        counts
    }
}

/// The outcome of preparing one record.
enum Prepared {
    Document {
        id: String,
        document: TantivyDocument,
        warnings: Vec<Warning>,
    },
    Skipped(Skip),
}

fn prepare(index: &ScoutIndex, record: Result<RawRecord, Skip>, with_entities: bool) -> Prepared {
    let parsed = record.and_then(|record| corpus::parse_record(&record));
    match parsed {
        Ok(ParsedArticle { article, warnings }) => {
            let entities = if with_entities {
                extract(&article)
            } else {
                Entities::default()
            };
            Prepared::Document {
                id: article.id.clone(),
                document: to_document(&index.fields, &article, &entities),
                warnings,
            }
        }
        Err(skip) => Prepared::Skipped(skip),
    }
}

/// Opens a writer, turning tantivy's lock failure into a clear message.
pub fn open_writer(index: &ScoutIndex, options: &BuildOptions) -> anyhow::Result<IndexWriter> {
    let threads = effective_threads(options.threads);
    let per_thread_floor = 15 * 1024 * 1024;
    let budget = options.memory_budget.max(per_thread_floor * threads);
    index
        .index
        .writer_with_num_threads(threads, budget)
        .map_err(|e| match e {
            TantivyError::LockFailure(..) => anyhow!(
                "another scout job is writing to the index at {} (only one writer at a time); \
                 wait for it to finish",
                index.dir.display()
            ),
            other => anyhow!(other).context(format!(
                "cannot open a writer on the index at {}",
                index.dir.display()
            )),
        })
}

fn effective_threads(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    }
}

/// Indexes every article under `paths` into `index`, upserting by id, and commits.
pub fn build(
    index: &ScoutIndex,
    paths: &[PathBuf],
    options: &BuildOptions,
    reporter: &dyn Reporter,
) -> anyhow::Result<BuildSummary> {
    let started = Instant::now();
    let files = collect_files(paths)?;
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mut writer = open_writer(index, options)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(effective_threads(options.threads))
        .build()
        .context("cannot start worker threads")?;
    reporter.started(total_bytes);

    let records = read_records(files, options.max_record_bytes);
    let bytes_read = records.bytes_read();
    let mut summary = BuildSummary::default();
    let batch_size = options.batch_size.max(1);
    let result = std::thread::scope(|scope| -> anyhow::Result<()> {
        let (sender, receiver) = sync_channel::<Vec<Result<RawRecord, Skip>>>(2);
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(batch_size);
            for record in records {
                batch.push(record);
                if batch.len() == batch_size {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                    if sender.send(full).is_err() {
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
        });
        for batch in receiver {
            let prepared: Vec<Prepared> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|r| prepare(index, r, options.extract_entities))
                    .collect()
            });
            add_batch(index, &writer, prepared, &mut summary, reporter)?;
            reporter.progress(bytes_read.load(Ordering::Relaxed), summary.indexed);
        }
        Ok(())
    });
    if let Err(error) = result {
        let _ = writer.rollback();
        return Err(error);
    }
    reporter.committing();
    if let Err(error) = writer.commit() {
        let _ = writer.rollback();
        return Err(anyhow!(error).context("cannot commit the index"));
    }
    writer
        .wait_merging_threads()
        .context("cannot finish merging index segments")?;
    refresh_lexicon(index)?;
    record_sources(index, paths)?;
    summary.input_bytes = bytes_read.load(Ordering::Relaxed);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Adds one prepared batch: the last article wins when an id repeats within the batch.
fn add_batch(
    index: &ScoutIndex,
    writer: &IndexWriter,
    prepared: Vec<Prepared>,
    summary: &mut BuildSummary,
    reporter: &dyn Reporter,
) -> anyhow::Result<()> {
    let mut last_of_id: HashMap<&str, usize> = HashMap::new();
    for (i, item) in prepared.iter().enumerate() {
        if let Prepared::Document { id, .. } = item {
            last_of_id.insert(id.as_str(), i);
        }
    }
    let keep: Vec<bool> = prepared
        .iter()
        .enumerate()
        .map(|(i, item)| match item {
            Prepared::Document { id, .. } => last_of_id.get(id.as_str()) == Some(&i),
            Prepared::Skipped(_) => false,
        })
        .collect();
    for (item, keep) in prepared.into_iter().zip(keep) {
        match item {
            Prepared::Document {
                id,
                document,
                warnings,
            } => {
                for warning in &warnings {
                    reporter.warning(warning);
                }
                summary.warnings += warnings.len() as u64;
                if keep {
                    writer.delete_term(Term::from_field_text(index.fields.id, &id));
                    writer
                        .add_document(document)
                        .context("cannot add a document to the index")?;
                    summary.indexed += 1;
                }
            }
            Prepared::Skipped(skip) => {
                reporter.skipped(&skip);
                summary.skipped.push(skip);
            }
        }
    }
    Ok(())
}

/// Rewrites the entity lexicon from the committed index.
pub fn refresh_lexicon(index: &ScoutIndex) -> anyhow::Result<()> {
    let reader = index
        .index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .context("cannot read the index back")?;
    let entities =
        count_entities(&reader.searcher(), index.fields.entity).context("cannot count entities")?;
    write_lexicon(&index.dir, &entities)
}

/// Remembers the paths an index was built from (for `scout reindex`).
fn record_sources(index: &ScoutIndex, paths: &[PathBuf]) -> anyhow::Result<()> {
    let mut meta = super::read_meta(&index.dir)?;
    for path in paths {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !meta.sources.contains(&path) {
            meta.sources.push(path);
        }
    }
    super::write_meta(&index.dir, &meta)
}
