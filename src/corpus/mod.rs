//! The `corpus` stage: files on disk -> [`Article`]s.
//!
//! Two formats are read:
//! - plain text (`.txt` and any other file named explicitly): UTF-8, the first line may start
//!   with ` date YYYY-MM-DD `, the headline is the first sentence, the id is the file stem;
//! - JSON Lines (`.jsonl`, `.jsonl.gz`): one object a line with `id, title, date, body, url,
//!   source` (only `body` required, unknown fields ignored).
//!
//! Reading never fails a whole job for one bad article: each record comes back as a
//! [`Record`] whose outcome is either an article (perhaps with warnings) or a [`Skip`]
//! naming where and why.

mod date;
mod jsonl;
pub mod mojibake;
mod source;
mod text;

pub use date::{parse_date, Date, DateError, YEARS};
pub use source::{
    check_paths, collect_files, read_records, RawRecord, RecordReader, MAX_RECORD_BYTES,
};

use std::fmt;
use std::path::PathBuf;

/// One news article, as read from a file, before any analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identity used for upserts: the file stem, or the JSON `id`.
    pub id: String,
    /// The headline (the first sentence for plain-text articles).
    pub title: String,
    /// The article text.
    pub body: String,
    /// Publication date, if known and parseable.
    pub date: Option<Date>,
    /// Publisher name, if given.
    pub source: Option<String>,
    /// Original URL, if given.
    pub url: Option<String>,
    /// Where the article was read from.
    pub location: Location,
}

/// A place in the input: a file, and for JSON Lines the 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file the record came from, as given or found by walking a directory.
    pub path: PathBuf,
    /// 1-based line number for JSON Lines records.
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {}", self.path.display(), line),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// A non-fatal problem found while reading an article that was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where the problem is.
    pub location: Location,
    /// What kind of problem it is.
    pub kind: WarningKind,
    /// What is wrong, in words.
    pub message: String,
}

/// The kinds of [`Warning`], for counting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// Invalid UTF-8 bytes were replaced.
    InvalidUtf8,
    /// Mis-decoded characters (mojibake) were repaired.
    Mojibake,
    /// The date could not be read; the article is undated.
    Undated,
    /// A field of the wrong type was ignored.
    IgnoredField,
    /// A `\u` escape of half a UTF-16 pair (a lone surrogate) was replaced.
    LoneSurrogate,
}

impl WarningKind {
    /// A few words for counts, which read with any count: "undated: 1480".
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::InvalidUtf8 => "invalid UTF-8 repaired",
            WarningKind::Mojibake => "mis-decoded text repaired",
            WarningKind::Undated => "undated",
            WarningKind::IgnoredField => "field of the wrong type ignored",
            WarningKind::LoneSurrogate => "broken \\u escape repaired",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Why a record could not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The line is not valid JSON or not an object.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// The article has no text.
    #[error("empty body")]
    EmptyBody,
    /// A JSON record has no `body` (or a null one).
    #[error("no \"body\" field")]
    NoBody,
    /// A JSON record's `body` is not text (a number, an array...): what it is instead.
    #[error("field \"body\" is {0}, not text")]
    BodyNotText(&'static str),
    /// The file looks binary (NUL bytes).
    #[error("binary file")]
    Binary,
    /// The record is larger than the size limit.
    #[error("larger than the {limit} byte limit ({size} bytes)")]
    TooLarge {
        /// Size of the record in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The file or stream could not be read.
    #[error("cannot read: {0}")]
    Unreadable(String),
    /// The job read an article of this id before (ids are unique; the first one read is kept).
    #[error("id {0:?} repeats an article read before in this job")]
    RepeatedId(String),
}

impl SkipReason {
    /// A short stable label for summaries ("invalid JSON", "empty body", ...).
    pub fn label(&self) -> &'static str {
        match self {
            SkipReason::InvalidJson(_) => "invalid JSON",
            SkipReason::EmptyBody => "empty body",
            SkipReason::BodyNotText(_) => "body not text",
            SkipReason::NoBody => "no body",
            SkipReason::Binary => "binary file",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::RepeatedId(_) => "repeated id",
        }
    }
}

/// A record that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// Where the record is.
    pub location: Location,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: skipped, {}", self.location, self.reason)
    }
}

/// An article together with the warnings raised while reading it.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    /// The article.
    pub article: Article,
    /// Problems that did not prevent indexing it.
    pub warnings: Vec<Warning>,
}

/// Parses one raw record into an article, or says why it cannot be one. Mojibake in its
/// headline, text and source is repaired, with a warning.
pub fn parse_record(record: &RawRecord) -> Result<ParsedArticle, Skip> {
    let mut parsed = match record.format {
        source::Format::Text => text::parse(record),
        source::Format::JsonLine => jsonl::parse(record),
    }?;
    parsed.warnings.extend(repair_mojibake(&mut parsed.article));
    Ok(parsed)
}

/// Repairs mojibake ([`mojibake::repair`]) in an article's headline, text and source; the
/// warning to give when there was any.
fn repair_mojibake(article: &mut Article) -> Option<Warning> {
    let mut count = 0;
    let fields = [&mut article.title, &mut article.body]
        .into_iter()
        .chain(article.source.as_mut());
    for field in fields {
        if let Some((repaired, n)) = mojibake::repair(field) {
            *field = repaired;
            count += n;
        }
    }
    (count > 0).then(|| Warning {
        location: article.location.clone(),
        kind: WarningKind::Mojibake,
        message: format!(
            "repaired mis-decoded characters: {count} (UTF-8 once read as Latin-1 or \
             Windows-1252, such as \"Ã©\" for \"é\")"
        ),
    })
}

/// Decodes bytes as UTF-8, repairing invalid sequences lossily; says if repair was needed.
fn decode_utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}
