//! `scout index`: build or update the index and print a one-line summary.

use super::reporter::TerminalReporter;
use super::{IndexLocation, Outcome, DEFAULT_SEEDS_DIR};
use crate::cli::IndexArgs;
use crate::index::writer::{build, BuildOptions, BuildSummary};
use crate::index::{open_or_create_index, OpenError};
use std::path::PathBuf;

/// Runs `scout index`.
pub fn run(location: &IndexLocation, args: IndexArgs) -> anyhow::Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_SEEDS_DIR)]
    } else {
        args.paths
    };
    let options = BuildOptions {
        threads: args.threads.map_or(0, usize::from),
        memory_budget: args.memory as usize * 1024 * 1024,
        extract_entities: !args.no_entities,
        ..BuildOptions::default()
    };
    let summary = index_with_progress(location, &paths, &options)?;
    eprintln!("{}", summary_line(&summary));
    Ok(if summary.skipped.is_empty() {
        Outcome::Success
    } else {
        Outcome::NothingFound
    })
}

/// Indexes `paths` into the index at `location`, showing progress on stderr.
pub fn index_with_progress(
    location: &IndexLocation,
    paths: &[PathBuf],
    options: &BuildOptions,
) -> anyhow::Result<BuildSummary> {
    let index = open_or_create_index(&location.dir).map_err(|e| match e {
        OpenError::Other(e) => e,
        other => anyhow::Error::new(other),
    })?;
    let reporter = TerminalReporter::new();
    let summary = build(&index, paths, options, &reporter);
    reporter.finish();
    summary
}

/// "indexed 5 articles, skipped 0 in 0.1 s (50 articles/s)".
pub fn summary_line(summary: &BuildSummary) -> String {
    let seconds = summary.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        summary.indexed as f64 / seconds
    } else {
        0.0
    };
    let skipped = if summary.skipped.is_empty() {
        "skipped 0".to_string()
    } else {
        let reasons: Vec<String> = summary
            .skip_counts()
            .iter()
            .map(|(label, n)| format!("{n} {label}"))
            .collect();
        format!("skipped {} ({})", summary.skipped.len(), reasons.join(", "))
    };
    let warnings = if summary.warnings > 0 {
        format!(", {} warnings", summary.warnings)
    } else {
        String::new()
    };
    format!(
        "indexed {} articles, {skipped}{warnings} in {seconds:.2} s ({rate:.0} articles/s)",
        summary.indexed
    )
}
