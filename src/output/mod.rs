//! The `output` stage: [`SearchResults`](crate::search::SearchResults) -> text on a writer.
//!
//! [`human`] prints ranked, dated, highlighted results for people; [`json`] prints the
//! documented JSON contract for scripts.

pub mod human;
pub mod json;

/// `count` and a noun, in the plural unless the count is one ("1 article", "5 articles").
pub fn count_of(count: impl Into<u64>, noun: &str) -> String {
    let count = count.into();
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

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

#[cfg(test)]
mod tests {
    use super::count_of;

    #[test]
    fn one_of_a_thing_is_singular_and_any_other_count_plural() {
        assert_eq!(count_of(1u64, "article"), "1 article");
        assert_eq!(count_of(0u64, "article"), "0 articles");
        assert_eq!(count_of(2u64, "matching article"), "2 matching articles");
    }
}
