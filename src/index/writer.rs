//! Indexing jobs: files -> parsed articles -> entities -> documents -> committed index.
//!
//! A reader thread streams raw records in batches through a bounded channel (memory stays
//! bounded whatever the input size); each batch is parsed, hashed, analysed for entities and
//! turned into documents in parallel with rayon, then handed to tantivy's own indexing
//! threads. Jobs are incremental: an article whose content hash is unchanged is skipped, a
//! changed one replaced (delete + add by id), a new one added; `prune` removes articles of
//! the given paths that the job no longer saw. Long jobs commit every N articles or seconds,
//! so a crash loses at most the work since the last commit, and a re-run skips what is
//! already in. Nothing here prints: progress goes through [`Reporter`].

use super::document::{content_hash, to_document};
use super::existing::{content_hashes, id_key, ids_from_paths};
use super::lexicon::{count_entities, write_lexicon};
use super::{read_meta, write_meta, ScoutIndex};
use crate::corpus::{
    self, collect_files, read_records, ParsedArticle, RawRecord, Skip, SkipReason, Warning,
};
use crate::extract::analyse;
use anyhow::{anyhow, Context};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
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
    /// Commit after this many new or changed articles.
    pub commit_every: u64,
    /// Commit when this much time has passed since the last commit.
    pub commit_interval: Duration,
    /// Remove articles of the given paths that the job did not see.
    pub prune: bool,
    /// Set from outside (Ctrl-C) to stop the job: it commits what is done and returns.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            threads: 0,
            memory_budget: 512 * 1024 * 1024,
            max_record_bytes: corpus::MAX_RECORD_BYTES,
            batch_size: 2048,
            extract_entities: true,
            commit_every: 100_000,
            commit_interval: Duration::from_secs(60),
            prune: false,
            cancel: None,
        }
    }
}

/// Receives progress from an indexing job; the CLI implements it with a progress bar.
pub trait Reporter: Sync {
    /// The job starts; `total_input_bytes` is the size of all input files on disk.
    fn started(&self, _total_input_bytes: u64) {}
    /// `input_bytes_read` of the input consumed, `articles` read so far.
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
    /// Articles new to the index.
    pub added: u64,
    /// Articles whose content changed and were replaced.
    pub updated: u64,
    /// Articles already in the index unchanged (skipped).
    pub unchanged: u64,
    /// Articles removed because their source is gone (`prune`).
    pub pruned: u64,
    /// Records that could not be indexed, in input order.
    pub skipped: Vec<Skip>,
    /// Number of warnings raised on kept articles.
    pub warnings: u64,
    /// Input bytes read (compressed size for gzip files).
    pub input_bytes: u64,
    /// Number of commits made.
    pub commits: u64,
    /// The job was stopped by `cancel` before reading all input.
    pub interrupted: bool,
    /// Wall time of the job.
    pub elapsed: Duration,
}

impl BuildSummary {
    /// Articles written to the index (added + updated).
    pub fn indexed(&self) -> u64 {
        self.added + self.updated
    }

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
    /// New or changed: to write.
    Document {
        read: ReadArticle,
        replaces: bool,
        document: Box<TantivyDocument>,
    },
    /// As the index already holds it.
    Unchanged(ReadArticle),
    Skipped(Skip),
}

/// What the job keeps of any article it read: its id and the id's key, the warnings on
/// it, and where it was read.
struct ReadArticle {
    id: String,
    key: u64,
    warnings: Vec<Warning>,
    location: corpus::Location,
}

fn prepare(
    index: &ScoutIndex,
    record: Result<RawRecord, Skip>,
    existing: &FxHashMap<u64, u64>,
    with_entities: bool,
) -> Prepared {
    let parsed = record.and_then(|record| corpus::parse_record(&record));
    let ParsedArticle { article, warnings } = match parsed {
        Ok(parsed) => parsed,
        Err(skip) => return Prepared::Skipped(skip),
    };
    let key = id_key(&article.id);
    let hash = content_hash(&article);
    let previous = existing.get(&key).copied();
    let document = (previous != Some(hash)).then(|| {
        let extracted = analyse(&article, with_entities);
        Box::new(to_document(&index.fields, &article, &extracted, hash))
    });
    let read = ReadArticle {
        id: article.id,
        key,
        warnings,
        location: article.location,
    };
    match document {
        Some(document) => Prepared::Document {
            read,
            replaces: previous.is_some(),
            document,
        },
        None => Prepared::Unchanged(read),
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
                index.root.display()
            ),
            other => anyhow!(other).context(format!(
                "cannot open a writer on the index at {}",
                index.root.display()
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

/// The state of a running job between batches.
struct Job<'a> {
    index: &'a ScoutIndex,
    writer: IndexWriter,
    options: &'a BuildOptions,
    reporter: &'a dyn Reporter,
    summary: BuildSummary,
    /// Keys of the ids of the articles read so far.
    seen: FxHashSet<u64>,
    since_commit: u64,
    /// A commit was made since the entity lexicon was last written.
    lexicon_stale: bool,
    last_commit: Instant,
}

impl Job<'_> {
    /// Adds one prepared batch. When an id repeats within the job (two files of one name in
    /// two folders, a feed's repeated line), the first article read is kept and the others
    /// are skipped and reported: a re-run then finds the index as it left it.
    fn add_batch(&mut self, prepared: Vec<Prepared>) -> anyhow::Result<()> {
        for item in prepared {
            let (read, write) = match item {
                Prepared::Skipped(skip) => {
                    self.skip(skip);
                    continue;
                }
                Prepared::Unchanged(read) => (read, None),
                Prepared::Document {
                    read,
                    replaces,
                    document,
                } => (read, Some((replaces, document))),
            };
            let ReadArticle {
                id,
                key,
                warnings,
                location,
            } = read;
            if !self.first_read(key, &id, location) {
                continue;
            }
            self.warn(&warnings);
            let Some((replaces, document)) = write else {
                self.summary.unchanged += 1;
                continue;
            };
            if replaces {
                self.writer
                    .delete_term(Term::from_field_text(self.index.fields.id, &id));
                self.summary.updated += 1;
            } else {
                self.summary.added += 1;
            }
            self.writer
                .add_document(*document)
                .context("cannot add a document to the index")?;
            self.since_commit += 1;
            // Within the batch: a crash loses at most `commit_every` articles, however
            // large the batches.
            if self.since_commit >= self.options.commit_every {
                self.commit_articles()?;
            }
        }
        Ok(())
    }

    /// True for the first article of this id the job reads; a later one is skipped and
    /// reported.
    fn first_read(&mut self, key: u64, id: &str, location: corpus::Location) -> bool {
        if self.seen.insert(key) {
            return true;
        }
        self.skip(Skip {
            location,
            reason: SkipReason::RepeatedId(id.to_owned()),
        });
        false
    }

    fn skip(&mut self, skip: Skip) {
        self.reporter.skipped(&skip);
        self.summary.skipped.push(skip);
    }

    fn warn(&mut self, warnings: &[Warning]) {
        for warning in warnings {
            self.reporter.warning(warning);
        }
        self.summary.warnings += warnings.len() as u64;
    }

    /// Commits when due, between batches; brings the entity lexicon up to the commits made
    /// within the batch too.
    fn commit_if_due(&mut self) -> anyhow::Result<()> {
        let due = self.since_commit >= self.options.commit_every
            || (self.since_commit > 0
                && self.last_commit.elapsed() >= self.options.commit_interval);
        if due {
            self.commit()
        } else if self.lexicon_stale {
            self.refresh_lexicon()
        } else {
            Ok(())
        }
    }

    /// Commits the articles added so far and the entity lexicon.
    fn commit(&mut self) -> anyhow::Result<()> {
        self.commit_articles()?;
        self.refresh_lexicon()
    }

    /// Commits the articles added so far; the lexicon, which counts every entity of the
    /// index, is rewritten between batches (a small `--commit-every` would otherwise count
    /// them again and again).
    fn commit_articles(&mut self) -> anyhow::Result<()> {
        self.reporter.committing();
        self.writer.commit().context("cannot commit the index")?;
        self.summary.commits += 1;
        self.since_commit = 0;
        self.last_commit = Instant::now();
        self.lexicon_stale = true;
        Ok(())
    }

    fn refresh_lexicon(&mut self) -> anyhow::Result<()> {
        refresh_lexicon(self.index)?;
        self.lexicon_stale = false;
        Ok(())
    }
}

/// Indexes every article under `paths` into `index` incrementally, and commits.
///
/// On an error the writer rolls back to the last commit, which stays searchable.
pub fn build(
    index: &ScoutIndex,
    paths: &[PathBuf],
    options: &BuildOptions,
    reporter: &dyn Reporter,
) -> anyhow::Result<BuildSummary> {
    let started = Instant::now();
    let files = collect_files(paths)?;
    let roots: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let total_bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let existing = content_hashes(index)?;
    let writer = open_writer(index, options)?;
    // Recorded before the first commit: a job killed after one leaves articles of these
    // paths, which `scout reindex` must read again.
    record_job(index, &roots, false)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(effective_threads(options.threads))
        .build()
        .context("cannot start worker threads")?;
    reporter.started(total_bytes);

    let records = read_records(files, options.max_record_bytes);
    let bytes_read = records.bytes_read();
    let mut job = Job {
        index,
        writer,
        options,
        reporter,
        summary: BuildSummary::default(),
        seen: FxHashSet::default(),
        since_commit: 0,
        lexicon_stale: false,
        last_commit: Instant::now(),
    };
    let cancelled = || {
        options
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    };
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
            if cancelled() {
                job.summary.interrupted = true;
                break; // dropping the receiver stops the reader thread
            }
            let prepared: Vec<Prepared> = pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|r| prepare(index, r, &existing, options.extract_entities))
                    .collect()
            });
            job.add_batch(prepared)?;
            let read =
                job.summary.indexed() + job.summary.unchanged + job.summary.skipped.len() as u64;
            reporter.progress(bytes_read.load(Ordering::Relaxed), read);
            job.commit_if_due()?;
        }
        if options.prune && !job.summary.interrupted {
            let roots: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
            for id in ids_from_paths(index, &roots, &job.seen)? {
                job.writer
                    .delete_term(Term::from_field_text(index.fields.id, &id));
                job.summary.pruned += 1;
                job.since_commit += 1;
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        let _ = job.writer.rollback();
        return Err(error);
    }
    if let Err(error) = job.commit() {
        let _ = job.writer.rollback();
        return Err(error);
    }
    let Job {
        writer,
        mut summary,
        ..
    } = job;
    writer
        .wait_merging_threads()
        .context("cannot finish merging index segments")?;
    record_job(index, &roots, true)?;
    summary.input_bytes = bytes_read.load(Ordering::Relaxed);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Rewrites the entity lexicon from the committed index.
pub fn refresh_lexicon(index: &ScoutIndex) -> anyhow::Result<()> {
    let entities =
        count_entities(&index.snapshot()?, index.fields.entity).context("cannot count entities")?;
    write_lexicon(&index.dir, &entities)
}

/// Remembers the paths an index was built from (for `scout reindex`), and when a job
/// `finished`.
fn record_job(index: &ScoutIndex, roots: &[PathBuf], finished: bool) -> anyhow::Result<()> {
    let mut meta = read_meta(&index.dir)?;
    let known = meta.sources.len();
    for root in roots {
        if !meta.sources.contains(root) {
            meta.sources.push(root.clone());
        }
    }
    if finished {
        meta.last_indexed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|d| d.as_secs() as i64);
    } else if meta.sources.len() == known {
        return Ok(());
    }
    write_meta(&index.dir, &meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::open_or_create_index;

    #[test]
    fn commits_come_every_n_articles_even_within_a_batch() {
        let dir = tempfile::tempdir().expect("temp dir");
        let feed = dir.path().join("feed.jsonl");
        let lines: String = (0..1000)
            .map(|i| format!("{{\"id\":\"a{i}\",\"body\":\"Story number {i}.\"}}\n"))
            .collect();
        std::fs::write(&feed, lines).expect("write feed");
        let index = open_or_create_index(&dir.path().join("index")).expect("index");
        let options = BuildOptions {
            commit_every: 100,
            extract_entities: false,
            ..BuildOptions::default()
        };
        struct Quiet;
        impl Reporter for Quiet {}
        let summary = build(&index, &[feed], &options, &Quiet).expect("build");
        // One batch of 2,048 records holds all 1,000: still a commit every 100 articles.
        assert_eq!(summary.added, 1000);
        assert!(summary.commits >= 10, "{} commits", summary.commits);
    }
}
