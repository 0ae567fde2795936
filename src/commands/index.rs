//! `scout index` and `scout reindex`: build, update or rebuild the index, with progress on
//! stderr and a one-line summary.

use super::reporter::{report_line, TerminalReporter};
use super::{IndexLocation, Outcome, DEFAULT_SEEDS_DIR};
use crate::cli::{IndexArgs, JobArgs};
use crate::index::lock::JobLock;
use crate::index::writer::{build, BuildOptions, BuildSummary};
use crate::index::{
    create_generation, current_generation, open_or_create_index, publish_generation, read_meta,
    OpenError, ScoutIndex,
};
use crate::output::count_of;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Runs `scout index`.
pub fn run(location: &IndexLocation, args: IndexArgs) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_SEEDS_DIR)]
    } else {
        args.paths.clone()
    };
    let mut options = job_options(&args.job, "committing what is done");
    options.prune = args.prune;
    // Before an index is created: a mistyped path leaves none behind.
    crate::corpus::check_paths(&paths)?;
    let _lock = JobLock::acquire(&location.dir)?;
    let index = open_or_create_index(&location.dir).map_err(open_error)?;
    let summary = index_with_progress(&index, &paths, &options, args.job.verbose)?;
    let read = summary.indexed() + summary.unchanged + summary.skipped.len() as u64;
    if read == 0 && !summary.interrupted {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "scout: warning: no articles found in {} (article files are .txt, .jsonl and \
             .jsonl.gz)",
            paths.join(", ")
        );
    }
    Ok(finish(&summary))
}

/// Runs `scout reindex`: rebuilds the whole index from the sources it was built from into a
/// new generation, then swaps it in atomically.
pub fn reindex(location: &IndexLocation, args: JobArgs) -> anyhow::Result<Outcome> {
    let _lock = JobLock::acquire(&location.dir)?;
    let Some(current) = current_generation(&location.dir) else {
        return Err(OpenError::Missing(location.dir.clone()).into());
    };
    let meta = read_meta(&current)?;
    let (sources, missing): (Vec<PathBuf>, Vec<PathBuf>) =
        meta.sources.into_iter().partition(|p| p.exists());
    for path in &missing {
        eprintln!(
            "scout: warning: source {} is gone; its articles are dropped",
            path.display()
        );
    }
    if sources.is_empty() {
        anyhow::bail!(
            "the index at {} records no existing sources to rebuild from",
            location.dir.display()
        );
    }
    eprintln!(
        "scout: rebuilding {} from {} source(s); searches use the old index until it is done",
        location.dir.display(),
        sources.len()
    );
    let options = job_options(&args, "the index stays as it was");
    let fresh = create_generation(&location.dir, &sources).map_err(open_error)?;
    let summary = index_with_progress(&fresh, &sources, &options, args.verbose);
    match summary {
        Ok(summary) if !summary.interrupted => {
            publish_generation(&fresh)?;
            Ok(finish(&summary))
        }
        other => {
            // Interrupted or failed: the old index stays live; drop the half-built one.
            let _ = std::fs::remove_dir_all(&fresh.dir);
            let summary = other?;
            eprintln!("scout: reindex interrupted; the index is unchanged");
            Ok(finish(&summary))
        }
    }
}

fn open_error(error: OpenError) -> anyhow::Error {
    match error {
        OpenError::Other(e) => e,
        other => anyhow::Error::new(other),
    }
}

/// Job options from the command line, with Ctrl-C wired to a clean stop (`on_interrupt`:
/// what the stop does, for the message).
fn job_options(args: &JobArgs, on_interrupt: &'static str) -> BuildOptions {
    BuildOptions {
        threads: args.threads.map_or(0, usize::from),
        memory_budget: args.memory as usize * 1024 * 1024,
        extract_entities: !args.no_entities,
        commit_every: args.commit_every,
        commit_interval: Duration::from_secs(args.commit_interval),
        cancel: Some(interrupt_flag(on_interrupt)),
        ..BuildOptions::default()
    }
}

/// A flag set by the first Ctrl-C (the job then commits what is done and stops); a second
/// Ctrl-C exits at once (the index stays at its last commit).
fn interrupt_flag(on_interrupt: &'static str) -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if handler_flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\nscout: interrupted; {on_interrupt} (Ctrl-C again to quit at once)");
    });
    if installed.is_err() {
        eprintln!("scout: warning: cannot handle Ctrl-C; it will stop the job at its last commit");
    }
    flag
}

/// Prints the summary and turns it into the exit outcome.
fn finish(summary: &BuildSummary) -> Outcome {
    report_line(&summary_line(summary));
    if summary.interrupted {
        Outcome::Interrupted
    } else if summary.skipped.is_empty() {
        Outcome::Success
    } else {
        Outcome::NothingFound
    }
}

/// Indexes `paths` into `index`, showing progress on stderr (`verbose`: every warning).
pub fn index_with_progress(
    index: &ScoutIndex,
    paths: &[PathBuf],
    options: &BuildOptions,
    verbose: bool,
) -> anyhow::Result<BuildSummary> {
    let reporter = TerminalReporter::new(verbose);
    let summary = build(index, paths, options, &reporter);
    reporter.finish();
    summary
}

/// "indexed 5 articles (5 new, 0 changed), 0 unchanged, skipped 0 in 0.10 s (50 articles/s)".
pub fn summary_line(summary: &BuildSummary) -> String {
    let seconds = summary.elapsed.as_secs_f64();
    let read = summary.indexed() + summary.unchanged;
    let rate = if seconds > 0.0 {
        read as f64 / seconds
    } else {
        0.0
    };
    let skipped = if summary.skipped.is_empty() {
        "skipped 0".to_string()
    } else {
        let reasons: Vec<String> = summary
            .skip_counts()
            .iter()
            .map(|(label, n)| format!("{label}: {n}"))
            .collect();
        format!("skipped {} ({})", summary.skipped.len(), reasons.join(", "))
    };
    let pruned = if summary.pruned > 0 {
        format!(", {} pruned", summary.pruned)
    } else {
        String::new()
    };
    let warnings = if summary.warnings > 0 {
        format!(", {}", count_of(summary.warnings, "warning"))
    } else {
        String::new()
    };
    let interrupted = if summary.interrupted {
        "interrupted: "
    } else {
        ""
    };
    format!(
        "{interrupted}indexed {} ({} new, {} changed), {} unchanged{pruned}, {skipped}{warnings} \
         in {seconds:.2} s ({rate:.0} articles/s)",
        count_of(summary.indexed(), "article"),
        summary.added,
        summary.updated,
        summary.unchanged
    )
}
