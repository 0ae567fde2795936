//! The `output` stage: [`SearchResults`](crate::search::SearchResults) -> text on a writer.
//!
//! [`human`] prints ranked, dated, highlighted results for people; [`json`] prints the
//! documented JSON contract for scripts.

pub mod human;
pub mod json;

/// How matches are emphasised in human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// ANSI bold (terminals).
    Bold,
    /// No markup (pipes, files, `NO_COLOR`).
    Plain,
}

impl Emphasis {
    /// The markers put around a highlighted range.
    pub fn markers(self) -> (&'static str, &'static str) {
        match self {
            Emphasis::Bold => ("\x1b[1m", "\x1b[0m"),
            Emphasis::Plain => ("", ""),
        }
    }
}
