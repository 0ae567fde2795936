//! The command line: clap definitions. Doc comments here are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// scout: full-text search for football news.
#[derive(Debug, Parser)]
#[command(name = "scout", version, about, long_about = None)]
pub struct Cli {
    /// Index directory [default: ./index]
    #[arg(long, global = true, env = "SCOUT_INDEX", value_name = "DIR")]
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
    Search(SearchArgs),
}

/// Arguments of `scout index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index: plain-text articles (.txt) and JSON Lines (.jsonl,
    /// .jsonl.gz); directories are walked recursively.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,

    /// Memory budget of the index writer in MiB
    #[arg(long, value_name = "MIB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(16..=65536))]
    pub memory: u32,
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
    /// title:, source:, date:YYYY-MM-DD..YYYY-MM-DD
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,

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
