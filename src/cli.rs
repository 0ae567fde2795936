//! The command line: clap definitions. Doc comments here are the help text.

use crate::search::query::parse::{parse_day_bounds, DateRange};

/// The query syntax, shown by `scout help search`.
pub const QUERY_SYNTAX: &str = "\
Query syntax:
  Anton release clause      all words must match (title or body); when no article has them
                            all, articles matching any of them are shown, and scout says so
  \"release clause\"          an exact phrase; \"release clause\"~2 allows 2 words in between
  -Liverpool, NOT Liverpool excludes articles with the word
  Alonso OR Slot            either; AND binds tighter than OR; ( ) group
  title:Anton               only in the headline (title:\"release clause\" for a phrase)
  club:Bayern               articles about a club (aliases and accent-free spellings work);
  person:\"Xabi Alonso\"      also person: and competition:
  source:TEAMtalk           articles from a publisher
  date:2024-06              published that month; also date:2024-06-18, date:2024,
  date:2024-01-01..2024-03-31   a range, either end open (date:2024-01..), since:D, until:D

Case, accents and word forms do not matter (Koln finds Köln, transfers finds transfer).
A word the index does not know, or knows far less than a close spelling, is searched with
that spelling (\"showing results for Szoboszlai\"); --exact or \"quotes\" keep it as typed.";
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

fn parse_since(text: &str) -> Result<DateRange, String> {
    let (start, _) = parse_day_bounds(text)?;
    Ok(DateRange {
        start: Some(start),
        end: None,
    })
}

fn parse_until(text: &str) -> Result<DateRange, String> {
    let (_, end) = parse_day_bounds(text)?;
    Ok(DateRange {
        start: None,
        end: Some(end),
    })
}

/// The environment variable that names the index directory (as `--index` does).
pub const INDEX_ENV: &str = "SCOUT_INDEX";

/// Parses scout's command line. A query word excluded with a leading hyphen and written
/// unquoted (`scout search Arsenal -Chelsea`) is a query word, not an unknown option: the
/// query's words are moved behind a `--`, in their order, so that clap reads them all as
/// the query. `--help` and `--version` print and exit 0; a bad command line is one line on
/// stderr, as every error of scout, and exit code 2.
pub fn parse_command_line(args: impl IntoIterator<Item = std::ffi::OsString>) -> Cli {
    use clap::error::ErrorKind;
    // `SCOUT_INDEX=` (set, but empty) means no index given, not an empty one: clap would
    // call it a missing value of `--index`, which the user never typed. Done before any
    // thread starts.
    if std::env::var_os(INDEX_ENV).is_some_and(|v| v.is_empty()) {
        std::env::remove_var(INDEX_ENV);
    }
    match Cli::try_parse_from(query_words_as_values(args.into_iter().collect())) {
        Ok(cli) => cli,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            error.exit()
        }
        Err(error) => {
            eprintln!("scout: error: {}", one_line(&error.to_string()));
            std::process::exit(2)
        }
    }
}

/// clap's error text in one line: its message, then the lines that follow it (tips,
/// possible values) up to the usage ("error: unrecognized subcommand 'serch'" with "tip: a
/// similar subcommand exists: 'search'" -> "unrecognized subcommand 'serch' (a similar
/// subcommand exists: 'search'; see --help)").
fn one_line(clap_error: &str) -> String {
    let mut message = String::new();
    let mut notes: Vec<&str> = Vec::new();
    for line in clap_error.lines().map(str::trim) {
        if let Some(text) = line.strip_prefix("error: ") {
            message = text.to_owned();
        } else if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        } else if !line.is_empty() {
            // A tip, the possible values, the missing arguments...
            let line = line.strip_prefix("tip: ").unwrap_or(line);
            notes.push(line.trim_start_matches('[').trim_end_matches(']'));
        }
    }
    notes.push("see --help");
    format!("{message} ({})", notes.join("; "))
}

/// Options of `scout search` (and global ones) that take a value.
const SEARCH_VALUE_OPTIONS: &[&str] = &[
    "-n",
    "--limit",
    "--club",
    "--person",
    "--competition",
    "--since",
    "--until",
    "--sort",
    "--color",
    "--index",
];

/// True when a `search` argument is an option (or several short ones) rather than a query
/// word: `--anything`, a single letter (`-n`, `-h`, `-V`: clap judges it), or the limit
/// with its value attached (`-n5`, `-n=5`). `-newcastle` is a query word.
fn is_search_option(arg: &str) -> bool {
    if arg.starts_with("--") || arg.chars().count() == 2 {
        return true;
    }
    arg.strip_prefix("-n").is_some_and(|value| {
        let value = value.strip_prefix('=').unwrap_or(value);
        !value.is_empty() && value.chars().all(|c| c.is_ascii_digit())
    })
}

/// The command line with the `search` subcommand's query words moved, in their order, after
/// one `--` (before any words the user put there already) when one of them starts with a
/// hyphen (`-Chelsea`); any other command line as it is.
fn query_words_as_values(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    // The subcommand: the first argument that is no option nor an option's value.
    let mut at = 1;
    while at < args.len() {
        let arg = args[at].to_string_lossy();
        if arg == "--index" {
            at += 2;
        } else if arg.starts_with('-') {
            at += 1;
        } else {
            break;
        }
    }
    if args.get(at).is_none_or(|command| command != "search") {
        return args;
    }
    let (mut options, mut words, mut after_separator) = (Vec::new(), Vec::new(), Vec::new());
    let mut hyphenated = false;
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            after_separator.extend(rest.by_ref().cloned());
        } else if SEARCH_VALUE_OPTIONS.contains(&text.as_ref()) {
            options.push(arg.clone());
            options.extend(rest.next().cloned());
        } else if text.starts_with('-') && is_search_option(&text) {
            options.push(arg.clone());
        } else {
            hyphenated |= text.starts_with('-') && text.len() > 1;
            words.push(arg.clone());
        }
    }
    if !hyphenated {
        return args;
    }
    let mut moved = args[..=at].to_vec();
    moved.extend(options);
    moved.push("--".into());
    moved.extend(words);
    moved.extend(after_separator);
    moved
}

/// scout: full-text search for football news.
#[derive(Debug, Parser)]
#[command(name = "scout", version, about, long_about = None)]
pub struct Cli {
    /// Index directory [default: ./index]
    #[arg(long, global = true, env = INDEX_ENV, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// scout's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index from article files (default: ./seeds).
    Index(IndexArgs),
    /// Search the index and print the best articles.
    #[command(after_long_help = QUERY_SYNTAX)]
    Search(SearchArgs),
    /// Rebuild the whole index from the sources it was built from, and swap it in atomically
    /// (also the way to move an index to a new schema version).
    Reindex(JobArgs),
    /// Interactive search session: queries, sticky filters, paging, whole articles.
    Shell(ShellArgs),
    /// List the index's clubs, people and competitions by number of articles.
    Entities(EntitiesArgs),
}

/// Arguments of `scout shell`.
#[derive(Debug, Args)]
pub struct ShellArgs {
    /// History file [default: scout/history in the user's data directory]
    #[arg(long, value_name = "FILE", env = "SCOUT_HISTORY")]
    pub history: Option<PathBuf>,
}

/// Arguments of `scout entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only this kind of entity
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// How many of each kind
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,

    /// Print JSON: {"club": [{"name": .., "count": ..}], "person": [..], "competition": [..]}
    #[arg(long)]
    pub json: bool,
}

/// An entity kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Clubs and national teams.
    Club,
    /// People.
    Person,
    /// Leagues, cups and tournaments.
    Competition,
}

/// Arguments of `scout index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index: plain-text articles (.txt) and JSON Lines (.jsonl,
    /// .jsonl.gz); directories are walked recursively.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also remove articles whose source file (or JSON Lines id) is gone from these paths
    #[arg(long)]
    pub prune: bool,

    /// Settings shared with `scout reindex`.
    #[command(flatten)]
    pub job: JobArgs,
}

/// Settings of indexing jobs (`index` and `reindex`).
#[derive(Debug, Args)]
pub struct JobArgs {
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,

    /// Memory budget of the index writer in MiB
    #[arg(long, value_name = "MIB", default_value_t = 512, value_parser = clap::value_parser!(u32).range(16..=65536))]
    pub memory: u32,

    /// Commit after this many new or changed articles (a crash loses at most that much)
    #[arg(long, value_name = "N", default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,

    /// Commit at least this often, in seconds
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_interval: u64,

    /// List every warning (by default the first 5 of each kind are listed, the rest counted)
    #[arg(long, short)]
    pub verbose: bool,

    /// Skip entity recognition (for measuring its cost; facets stay empty)
    #[arg(long, hide = true)]
    pub no_entities: bool,
}

/// Order of search hits on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
    /// Relevance with a freshness bonus.
    Recent,
}

/// When to emphasise matches with terminal colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Bold on a terminal unless NO_COLOR is set.
    Auto,
    /// Always bold.
    Always,
    /// Never.
    Never,
}

/// Arguments of `scout search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "exact phrases", -excluded, OR, (groups),
    /// title:, club:, person:, competition:, source:, date:YYYY-MM-DD..YYYY-MM-DD.
    /// May be empty when filters are given.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only articles about this club (alias or accent-free spelling accepted; repeatable)
    #[arg(long, value_name = "NAME")]
    pub club: Vec<String>,

    /// Only articles about this person (repeatable)
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Only articles about this competition (repeatable)
    #[arg(long, value_name = "NAME")]
    pub competition: Vec<String>,

    /// Only articles published on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<DateRange>,

    /// Only articles published on or before this day (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<DateRange>,

    /// Also list the top clubs, people and competitions among all hits, with counts
    #[arg(long)]
    pub facets: bool,

    /// Order of the hits: relevance; date (newest first); recent (relevance with a
    /// freshness bonus: x(1 + 2^(-age/30 days)), age counted from the newest article)
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Show every copy of syndicated stories (by default copies are collapsed under the
    /// best-ranked one as "+N similar")
    #[arg(long)]
    pub all: bool,

    /// Search words exactly as typed (no "showing results for" near spellings)
    #[arg(long)]
    pub exact: bool,

    /// Show why each hit matched: terms and fields, entity boost, score parts
    #[arg(long)]
    pub explain: bool,

    /// Number of results
    #[arg(short = 'n', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub limit: u32,

    /// Print one JSON object (see the README for the contract)
    #[arg(long)]
    pub json: bool,

    /// Highlight matches in bold
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(line: &str) -> String {
        let args = line.split(' ').map(std::ffi::OsString::from).collect();
        let args: Vec<String> = query_words_as_values(args)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        args.join(" ")
    }

    #[test]
    fn query_words_move_in_order_behind_a_double_hyphen_when_one_is_excluded() {
        assert_eq!(
            moved("scout search Arsenal -Chelsea -n 5"),
            "scout search -n 5 -- Arsenal -Chelsea"
        );
        // The order of the words is the query's: OR and groups keep their meaning.
        assert_eq!(
            moved("scout search (Arsenal -Chelsea) OR Spurs --json"),
            "scout search --json -- (Arsenal -Chelsea) OR Spurs"
        );
        assert_eq!(
            moved("scout --index dir search -n5 -Chelsea --club -X Arsenal"),
            "scout --index dir search -n5 --club -X -- -Chelsea Arsenal"
        );
        assert_eq!(
            moved("scout search a -bc -- OR d"),
            "scout search -- a -bc OR d"
        );
        // "-newcastle" is a word, not -n with the value "ewcastle".
        assert_eq!(
            moved("scout search Arsenal -newcastle -n=2"),
            "scout search -n=2 -- Arsenal -newcastle"
        );
        for unchanged in [
            "scout search Arsenal -n 5 --json",
            "scout search -h",
            "scout search -V",
            "scout search Arsenal -v",
            "scout index -v seeds",
            "scout --index search index -x",
        ] {
            assert_eq!(moved(unchanged), unchanged);
        }
        let cli = parse_command_line(
            ["scout", "search", "Arsenal", "-Chelsea", "-n", "3"].map(std::ffi::OsString::from),
        );
        let Command::Search(args) = cli.command else {
            panic!("not a search");
        };
        assert_eq!(args.query, ["Arsenal", "-Chelsea"]);
        assert_eq!(args.limit, 3);
    }
}
