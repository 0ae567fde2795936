//! `scout search`: run one query and print the results.

use super::index::{index_with_progress, summary_line};
use super::{IndexLocation, Outcome, DEFAULT_SEEDS_DIR};
use crate::cli::{ColorChoice, SearchArgs, SortArg};
use crate::index::lock::JobLock;
use crate::index::writer::BuildOptions;
use crate::index::{index_exists, open_index, open_or_create_index};
use crate::output::{human, json, Emphasis};
use crate::search::query::Node;
use crate::search::{SearchRequest, Searcher, SortOrder, Threads};
use anyhow::Context;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Runs `scout search`.
pub fn run(location: &IndexLocation, args: SearchArgs) -> anyhow::Result<Outcome> {
    ensure_default_index(location)?;
    let index = open_index(&location.dir)?;
    let searcher = Searcher::with_threads(index, Threads::One)?;
    let request = request_from_args(&args)?;
    let results = searcher.search(&request)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        json::print_results(&mut out, &results)?;
    } else {
        let emphasis = emphasis_for(args.color, stdout.is_terminal());
        human::print_results(&mut out, &results, 1, emphasis)?;
    }
    out.flush()?;
    if results.hits.is_empty() && !args.json {
        eprintln!(
            "scout: no article matches {}",
            describe(&args, &request.query)
        );
    }
    Ok(if results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}

/// Turns the command-line arguments into a search request (flags become filters).
fn request_from_args(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let mut filters = Vec::new();
    for (kind, names) in [
        ("club", &args.club),
        ("person", &args.person),
        ("competition", &args.competition),
    ] {
        for name in names {
            filters.push(Node::Entity {
                kind: kind.to_owned(),
                name: name.clone(),
            });
        }
    }
    filters.extend(args.since.into_iter().chain(args.until).map(Node::Dates));
    let query = args.query.join(" ");
    if query.trim().is_empty() && filters.is_empty() {
        anyhow::bail!("give a query, or filters such as --club NAME (see scout search --help)");
    }
    Ok(SearchRequest {
        query,
        filters,
        limit: args.limit as usize,
        offset: 0,
        facets: args.facets,
        sort: match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Date => SortOrder::Date,
            SortArg::Recent => SortOrder::Recent,
        },
        all: args.all,
        exact: args.exact,
        explain: args.explain,
    })
}

/// Builds the default index from ./seeds when it is missing, saying so on stderr.
pub(super) fn ensure_default_index(location: &IndexLocation) -> anyhow::Result<()> {
    if !location.is_default || index_exists(&location.dir) {
        return Ok(());
    }
    // Before an index is created: without seeds to build from, none is left behind (an
    // empty one would answer every later search with nothing).
    let seeds = [PathBuf::from(DEFAULT_SEEDS_DIR)];
    let no_seeds = || {
        format!(
            "no index at {} and none to build from ./{DEFAULT_SEEDS_DIR}: build one with \
             `scout index PATH...`, or give --index DIR",
            location.dir.display()
        )
    };
    let files = crate::corpus::collect_files(&seeds).with_context(no_seeds)?;
    if files.is_empty() {
        anyhow::bail!(
            "{}: ./{DEFAULT_SEEDS_DIR} holds no article files",
            no_seeds()
        );
    }
    eprintln!(
        "scout: no index at {}; building it from ./{DEFAULT_SEEDS_DIR} first",
        location.dir.display()
    );
    let _lock = JobLock::acquire(&location.dir)?;
    let index = open_or_create_index(&location.dir)?;
    let summary = index_with_progress(&index, &seeds, &BuildOptions::default(), false)?;
    eprintln!("scout: {}", summary_line(&summary));
    Ok(())
}

/// Bold when asked, or on a terminal without `NO_COLOR`.
fn emphasis_for(choice: ColorChoice, is_terminal: bool) -> Emphasis {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => Emphasis::Bold,
        ColorChoice::Never => Emphasis::Plain,
        ColorChoice::Auto if is_terminal && !no_color => Emphasis::Bold,
        ColorChoice::Auto => Emphasis::Plain,
    }
}

/// The query and filters in words, for messages.
fn describe(args: &SearchArgs, query: &str) -> String {
    let mut parts = Vec::new();
    if !query.trim().is_empty() {
        parts.push(format!("{query:?}"));
    }
    for (flag, names) in [
        ("--club", &args.club),
        ("--person", &args.person),
        ("--competition", &args.competition),
    ] {
        parts.extend(names.iter().map(|n| format!("{flag} {n:?}")));
    }
    parts.join(" ")
}
