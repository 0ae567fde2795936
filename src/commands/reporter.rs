//! Progress of indexing jobs on stderr: an indicatif bar on a terminal, and warnings.

use crate::corpus::{Skip, Warning, WarningKind};
use crate::index::writer::Reporter;
use crate::output::count_of;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::Mutex;

/// Warnings of one kind listed one by one before the rest are only counted (a noisy feed
/// repairs thousands of articles; their lines would bury the records that were skipped).
pub const WARNINGS_LISTED_PER_KIND: u64 = 5;

/// Reports an indexing job on stderr: every skipped record, and warnings on kept articles
/// (all of them when verbose, else the first few of each kind and a count of the rest).
pub struct TerminalReporter {
    bar: ProgressBar,
    verbose: bool,
    /// Warnings seen so far, by kind.
    warnings: Mutex<BTreeMap<WarningKind, u64>>,
}

impl TerminalReporter {
    /// A reporter with a progress bar when stderr is a terminal, plain lines otherwise;
    /// `verbose` lists every warning.
    pub fn new(verbose: bool) -> Self {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        TerminalReporter {
            bar,
            verbose,
            warnings: Mutex::default(),
        }
    }

    /// Removes the bar (before the summary is printed) and says how many warnings were
    /// counted but not listed, by kind.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        let counts = self.warnings.lock().map(|c| c.clone()).unwrap_or_default();
        if let Some(line) = unlisted_warnings(&counts, self.verbose) {
            report_line(&line);
        }
    }

    fn line(&self, text: String) {
        self.bar.suspend(|| report_line(&text));
    }
}

/// Writes one line to stderr. A closed stderr (`scout index ... 2>&1 | head`) loses the line
/// but not the job: it goes on and commits, where `eprintln!` would panic mid-job.
pub fn report_line(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

impl Reporter for TerminalReporter {
    fn started(&self, total_input_bytes: u64) {
        self.bar.set_length(total_input_bytes);
    }

    fn progress(&self, input_bytes_read: u64, articles: u64) {
        self.bar.set_position(input_bytes_read);
        self.bar.set_message(count_of(articles, "article"));
    }

    fn warning(&self, warning: &Warning) {
        let seen = match self.warnings.lock() {
            Ok(mut counts) => {
                let seen = counts.entry(warning.kind).or_default();
                *seen += 1;
                *seen
            }
            Err(_) => 1,
        };
        if self.verbose || seen <= WARNINGS_LISTED_PER_KIND {
            self.line(format!("scout: warning: {warning}"));
        }
    }

    fn skipped(&self, skip: &Skip) {
        self.line(format!("scout: warning: {skip}"));
    }

    fn committing(&self) {
        self.bar.set_message("committing");
    }
}

/// "scout: 2970 more warnings not listed (mis-decoded text repaired: 1490, undated: 1480);
/// --verbose lists them all", or nothing when every warning was listed.
fn unlisted_warnings(counts: &BTreeMap<WarningKind, u64>, verbose: bool) -> Option<String> {
    if verbose {
        return None;
    }
    let unlisted: Vec<(WarningKind, u64)> = counts
        .iter()
        .map(|(&kind, &n)| (kind, n.saturating_sub(WARNINGS_LISTED_PER_KIND)))
        .filter(|&(_, n)| n > 0)
        .collect();
    if unlisted.is_empty() {
        return None;
    }
    let total: u64 = unlisted.iter().map(|(_, n)| n).sum();
    let kinds: Vec<String> = unlisted
        .iter()
        .map(|(kind, n)| format!("{}: {n}", kind.label()))
        .collect();
    Some(format!(
        "scout: {} not listed ({}); --verbose lists them all",
        count_of(total, "more warning"),
        kinds.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_counts_articles_in_the_singular_and_the_plural() {
        let reporter = TerminalReporter::new(false);
        reporter.progress(100, 1);
        assert_eq!(reporter.bar.message(), "1 article");
        reporter.progress(200, 2);
        assert_eq!(reporter.bar.message(), "2 articles");
    }

    #[test]
    fn warnings_beyond_the_first_few_of_a_kind_are_counted_by_kind() {
        let counts = BTreeMap::from([
            (WarningKind::Undated, 7),
            (WarningKind::Mojibake, 5),
            (WarningKind::InvalidUtf8, 6),
        ]);
        assert_eq!(
            unlisted_warnings(&counts, false).as_deref(),
            Some(
                "scout: 3 more warnings not listed (invalid UTF-8 repaired: 1, undated: 2); \
                 --verbose lists them all"
            )
        );
        assert_eq!(unlisted_warnings(&counts, true), None);
        let few = BTreeMap::from([(WarningKind::Undated, 5)]);
        assert_eq!(unlisted_warnings(&few, false), None);
        let one = BTreeMap::from([(WarningKind::Undated, 6)]);
        assert_eq!(
            unlisted_warnings(&one, false).as_deref(),
            Some("scout: 1 more warning not listed (undated: 1); --verbose lists them all")
        );
    }
}
