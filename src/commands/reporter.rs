//! Progress of indexing jobs on stderr: an indicatif bar on a terminal, and warnings.

use crate::corpus::{Skip, Warning};
use crate::index::writer::Reporter;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Reports an indexing job on stderr.
pub struct TerminalReporter {
    bar: ProgressBar,
}

impl TerminalReporter {
    /// A reporter with a progress bar when stderr is a terminal, plain lines otherwise.
    pub fn new() -> Self {
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
        TerminalReporter { bar }
    }

    /// Removes the bar (before the summary is printed).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
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
        self.bar.set_message(format!("{articles} articles"));
    }

    fn warning(&self, warning: &Warning) {
        self.line(format!("scout: warning: {warning}"));
    }

    fn skipped(&self, skip: &Skip) {
        self.line(format!("scout: warning: {skip}"));
    }

    fn committing(&self) {
        self.bar.set_message("committing");
    }
}
