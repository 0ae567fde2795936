//! `scout shell`: an interactive search session.
//!
//! ```text
//! lines (terminal: rustyline with history and completion; pipe: stdin) --Shell::handle-->
//!   a query (with the sticky filters) --Searcher--> results, or a `:command`
//!   --> results on stdout, one-line errors on stderr
//! ```
//! A plain line is a query in scout's query syntax; `:club`, `:person`, `:competition`,
//! `:since` and `:until` set filters that stay for the following queries (the prompt shows
//! them); `:more`, `:open N`, `:why N` and `:facets` work on the last query. The searcher is
//! reloaded before every query, so articles committed by a concurrent `scout index` show up
//! without a restart. When stdin is not a terminal there is no prompt, no colour and no line
//! editor: each line is answered in order, so the shell can be scripted. Matches are bold
//! only when both stdin and stdout are terminals and `NO_COLOR` is unset.

use super::{is_broken_pipe, IndexLocation, Outcome};
use crate::cli::ShellArgs;
use crate::extract::fold::fold;
use crate::extract::EntityKind;
use crate::index::lexicon::read_entities;
use crate::index::{open_index, read_meta};
use crate::output::{count_of, human, json, Emphasis};
use crate::search::query::parse::parse_day_bounds;
use crate::search::query::{DateRange, Node};
use crate::search::{SearchError, SearchRequest, SearchResults, Searcher, SortOrder};
use anyhow::Context as _;
use rustyline::completion::{Completer, Pair};
use rustyline::config::Behavior;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Editor, Helper};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Hits per page unless `:limit` says otherwise.
const DEFAULT_LIMIT: usize = 10;
/// Largest `:limit` (as `scout search --limit`).
const MAX_LIMIT: usize = 10_000;
/// Lines kept in the history file.
const HISTORY_SIZE: usize = 10_000;

/// The shell's commands: name, argument, what it does (the `:help` text, in this order).
const COMMANDS: &[(&str, &str, &str)] = &[
    (":help", "", "this list"),
    (
        ":club",
        "NAME",
        "only articles about this club from now on (no NAME: drop the filter)",
    ),
    (":person", "NAME", "only articles about this person"),
    (
        ":competition",
        "NAME",
        "only articles about this competition",
    ),
    (
        ":since",
        "DATE",
        "only articles published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)",
    ),
    (
        ":until",
        "DATE",
        "only articles published on or before DATE",
    ),
    (":clear", "", "drop all filters"),
    (
        ":sort",
        "relevance|date|recent",
        "order of the hits (recent: relevance with a freshness bonus)",
    ),
    (":limit", "N", "hits per page"),
    (":more", "", "the next page of the last query"),
    (":open", "N", "read article N of the last results in full"),
    (
        ":why",
        "N",
        "why hit N matched: terms and fields, entity boost, score parts",
    ),
    (
        ":facets",
        "",
        "top clubs, people and competitions among all hits of the last query",
    ),
    (
        ":json",
        "on|off",
        "print results as JSON (the `scout search --json` contract)",
    ),
    (
        ":stats",
        "",
        "articles, entities, size on disk, last indexing job",
    ),
    (
        ":reload",
        "",
        "see the index's latest commit now (queries do this themselves)",
    ),
    (":quit", "", "leave (also Ctrl-D)"),
];

/// Runs `scout shell`.
pub fn run(location: &IndexLocation, args: ShellArgs) -> anyhow::Result<Outcome> {
    super::search::ensure_default_index(location)?;
    let index = open_index(&location.dir)?;
    let searcher = Searcher::new(index)?;
    let interactive = std::io::stdin().is_terminal();
    // Bold highlights for a person at a terminal; scripts and NO_COLOR get plain text.
    let emphasis = if interactive && std::io::stdout().is_terminal() && !no_color() {
        Emphasis::Bold
    } else {
        Emphasis::Plain
    };
    let mut shell = Shell::new(searcher, emphasis);
    let ended = if interactive {
        run_terminal(&mut shell, args.history.or_else(default_history_path))
    } else {
        run_piped(&mut shell)
    };
    match ended {
        Err(error) if is_broken_pipe(&error) => Ok(Outcome::Success),
        ended => ended.map(|()| Outcome::Success),
    }
}

/// The interactive loop: rustyline with history, Ctrl-R, completion; Ctrl-C abandons the
/// line, Ctrl-D quits.
fn run_terminal(shell: &mut Shell, history: Option<PathBuf>) -> anyhow::Result<()> {
    // With stdout redirected (`scout shell > notes.txt`) the prompt and the line being edited
    // go to the terminal itself, and only results to stdout.
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let config = Config::builder()
        .behavior(if stdout_is_terminal {
            Behavior::Stdio
        } else {
            Behavior::PreferTerm
        })
        .auto_add_history(false)
        .history_ignore_space(true)
        .history_ignore_dups(true)?
        .max_history_size(HISTORY_SIZE)?
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<Completion, FileHistory> =
        Editor::with_config(config).context("cannot set up the line editor")?;
    editor.set_helper(Some(Completion {
        names: shell.changed_names().unwrap_or_default(),
    }));
    if let Some(path) = &history {
        match editor.load_history(path) {
            Ok(()) => {}
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => warn(&format!(
                "cannot read the history file {}: {e}",
                path.display()
            )),
        }
    }
    // Ctrl-C while a search or the pager runs must not end the session (at the prompt the
    // line editor reads it as a key and abandons the line).
    let _ = ctrlc::set_handler(|| {});
    let mut history_ok = true;

    let _ = writeln!(
        std::io::stderr(),
        "scout shell: {}. Type a query, :help for the commands, Ctrl-D to leave.",
        count_of(shell.searcher.num_articles(), "article")
    );
    loop {
        let line = match editor.readline(&shell.prompt()) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        if !line.trim().is_empty() {
            let _ = editor.add_history_entry(line.as_str());
            if let (Some(path), true) = (&history, history_ok) {
                if let Err(e) = save_history(&mut editor, path) {
                    warn(&format!(
                        "cannot write the history file {}: {e}",
                        path.display()
                    ));
                    history_ok = false;
                }
            }
        }
        let screen = match editor.dimensions().filter(|_| stdout_is_terminal) {
            Some((cols, rows)) => Screen::Terminal {
                cols: usize::from(cols).max(20),
                rows: usize::from(rows),
            },
            None => Screen::Pipe,
        };
        let flow = shell.handle_guarded(&line, screen);
        if let Some(names) = shell.changed_names() {
            if let Some(helper) = editor.helper_mut() {
                helper.names = names;
            }
        }
        match flow {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) => break,
            Err(Problem::Input { message, pointer }) => {
                report(&format!("error: {message}"), pointer.as_deref());
            }
            Err(Problem::Output(e)) => return Err(e).context("cannot write the results"),
        }
    }
    Ok(())
}

/// Appends the new history entries to the file, creating its directory first.
fn save_history(editor: &mut Editor<Completion, FileHistory>, path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    editor.append_history(path)?;
    Ok(())
}

/// The scripted loop: every line of stdin answered in order, no prompt.
fn run_piped(shell: &mut Shell) -> anyhow::Result<()> {
    let mut stdin = std::io::stdin().lock();
    let mut bytes = Vec::new();
    let mut number = 0usize;
    loop {
        bytes.clear();
        if stdin
            .read_until(b'\n', &mut bytes)
            .context("cannot read stdin")?
            == 0
        {
            return Ok(());
        }
        number += 1;
        let line = String::from_utf8_lossy(&bytes);
        match shell.handle_guarded(line.trim_end_matches(['\n', '\r']), Screen::Pipe) {
            Ok(Flow::Continue) => {}
            Ok(Flow::Quit) => return Ok(()),
            // One line an error, as for `scout search`: no caret pointer under the query.
            Err(Problem::Input { message, .. }) => {
                report(&format!("scout: line {number}: {message}"), None);
            }
            Err(Problem::Output(e)) => return Err(e).context("cannot write the results"),
        }
    }
}

/// `$XDG_DATA_HOME/scout/history`, else `~/.local/share/scout/history`.
fn default_history_path() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let data =
        absolute("XDG_DATA_HOME").or_else(|| absolute("HOME").map(|h| h.join(".local/share")))?;
    Some(data.join("scout").join("history"))
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// An error line (and the caret pointer of a syntax error) on stderr; a closed stderr is
/// no reason to stop.
fn report(line: &str, pointer: Option<&str>) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
    if let Some(pointer) = pointer {
        let _ = writeln!(err, "{pointer}");
    }
}

fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "scout: warning: {message}");
}

/// Where output goes: a terminal of this size (long articles go through a pager), or not.
#[derive(Debug, Clone, Copy)]
enum Screen {
    Terminal { cols: usize, rows: usize },
    Pipe,
}

/// What to do after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// Why a line could not be answered.
#[derive(Debug)]
enum Problem {
    /// Something typed or asked for is wrong: shown in one line (and a caret under the
    /// error for syntax errors), then the shell goes on.
    Input {
        message: String,
        pointer: Option<String>,
    },
    /// Writing to stdout failed; a closed pipe ends the shell quietly.
    Output(std::io::Error),
}

impl Problem {
    fn input(message: impl Into<String>) -> Problem {
        Problem::Input {
            message: message.into(),
            pointer: None,
        }
    }

    fn search(error: SearchError) -> Problem {
        match error {
            SearchError::Syntax {
                ref query,
                error: ref syntax,
            } => Problem::Input {
                pointer: Some(syntax.pointer(query)),
                message: error.to_string(),
            },
            SearchError::Filter(message) => Problem::input(message),
            SearchError::Other(error) => Problem::input(format!("{error:#}")),
        }
    }
}

impl From<std::io::Error> for Problem {
    fn from(error: std::io::Error) -> Problem {
        Problem::Output(error)
    }
}

/// The sticky filters, applied to every query until changed.
#[derive(Debug, Default)]
struct Filters {
    /// Canonical names, by kind.
    club: Option<String>,
    person: Option<String>,
    competition: Option<String>,
    /// As typed, and as days.
    since: Option<(String, DateRange)>,
    until: Option<(String, DateRange)>,
}

impl Filters {
    fn entity_mut(&mut self, kind: EntityKind) -> &mut Option<String> {
        match kind {
            EntityKind::Club => &mut self.club,
            EntityKind::Person => &mut self.person,
            EntityKind::Competition => &mut self.competition,
        }
    }

    fn entity(&self, kind: EntityKind) -> Option<&String> {
        match kind {
            EntityKind::Club => self.club.as_ref(),
            EntityKind::Person => self.person.as_ref(),
            EntityKind::Competition => self.competition.as_ref(),
        }
    }

    /// The filters as query nodes, ANDed with each query.
    fn nodes(&self) -> Vec<Node> {
        let mut nodes: Vec<Node> = EntityKind::ALL
            .into_iter()
            .filter_map(|kind| {
                self.entity(kind).map(|name| Node::Entity {
                    kind: kind.name().to_owned(),
                    name: name.clone(),
                })
            })
            .collect();
        nodes.extend(
            [&self.since, &self.until]
                .into_iter()
                .flatten()
                .map(|(_, range)| Node::Dates(*range)),
        );
        nodes
    }

    /// `club:Bayern Munich since:2024-01`.
    fn describe(&self) -> String {
        let mut parts: Vec<String> = EntityKind::ALL
            .into_iter()
            .filter_map(|kind| {
                self.entity(kind)
                    .map(|name| format!("{}:{name}", kind.name()))
            })
            .collect();
        if let Some((text, _)) = &self.since {
            parts.push(format!("since:{text}"));
        }
        if let Some((text, _)) = &self.until {
            parts.push(format!("until:{text}"));
        }
        parts.join(" ")
    }
}

/// The last query, for `:more`, `:open`, `:why` and `:facets`.
#[derive(Debug)]
struct LastQuery {
    /// The request of its first page.
    request: SearchRequest,
    /// Ids of the hits shown so far; rank N is `shown[N - 1]`.
    shown: Vec<String>,
}

/// One session: the searcher, the settings and the last results.
struct Shell {
    searcher: Searcher,
    filters: Filters,
    sort: SortOrder,
    limit: usize,
    json: bool,
    emphasis: Emphasis,
    last: Option<LastQuery>,
    names: NameSource,
}

impl Shell {
    fn new(searcher: Searcher, emphasis: Emphasis) -> Shell {
        Shell {
            searcher,
            filters: Filters::default(),
            sort: SortOrder::Relevance,
            limit: DEFAULT_LIMIT,
            json: false,
            emphasis,
            last: None,
            names: NameSource::default(),
        }
    }

    /// The index's entity names for completion, when they changed since the last call.
    fn changed_names(&mut self) -> Option<Vec<Name>> {
        let dir = self.searcher.index().dir.clone();
        self.names.take_changed(&dir)
    }

    /// `scout > `, or `scout [club:Bayern Munich since:2024-01] > ` with filters.
    fn prompt(&self) -> String {
        let filters = self.filters.describe();
        if filters.is_empty() {
            "scout > ".to_owned()
        } else {
            format!("scout [{filters}] > ")
        }
    }

    /// Answers one line; a panic below (a bug, never the user's fault) becomes a one-line
    /// error and the session goes on.
    fn handle_guarded(&mut self, line: &str, screen: Screen) -> Result<Flow, Problem> {
        thread_local! {
            static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
        }
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            let at = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{at}")));
        }));
        let answered =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(line, screen)));
        std::panic::set_hook(default_hook);
        answered.unwrap_or_else(|_| {
            let what = PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Problem::input(format!(
                "internal error, please report it: {what}"
            )))
        })
    }

    /// Answers one line.
    fn handle(&mut self, line: &str, screen: Screen) -> Result<Flow, Problem> {
        let line = line.trim();
        if line.is_empty() {
            return Ok(Flow::Continue);
        }
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let flow = match line.strip_prefix(':') {
            Some(command) => self.command(command, &mut out, screen),
            None => self.query(line, &mut out).map(|()| Flow::Continue),
        };
        // Whatever was printed before an error goes out first.
        out.flush()?;
        flow
    }

    fn command(
        &mut self,
        text: &str,
        out: &mut dyn Write,
        screen: Screen,
    ) -> Result<Flow, Problem> {
        let (name, arg) = match text.split_once(char::is_whitespace) {
            Some((name, arg)) => (name, arg.trim()),
            None => (text, ""),
        };
        let no_arg = |flow: Flow| {
            if arg.is_empty() {
                Ok(flow)
            } else {
                Err(Problem::input(format!(":{name} takes no argument")))
            }
        };
        match name {
            "help" | "h" | "?" => {
                no_arg(Flow::Continue)?;
                print_help(out)?;
            }
            "club" | "person" | "competition" => {
                let kind = EntityKind::from_name(name).unwrap_or(EntityKind::Club);
                self.set_entity(kind, arg)?;
            }
            "since" => self.filters.since = self.date_filter(arg, true)?,
            "until" => self.filters.until = self.date_filter(arg, false)?,
            "clear" => {
                no_arg(Flow::Continue)?;
                self.filters = Filters::default();
            }
            "sort" => self.set_sort(arg, out)?,
            "limit" => self.set_limit(arg, out)?,
            "more" => {
                no_arg(Flow::Continue)?;
                self.more(out)?;
            }
            "open" => self.open(arg, out, screen)?,
            "why" => self.why(arg, out)?,
            "facets" => {
                no_arg(Flow::Continue)?;
                self.facets(out)?;
            }
            "json" => match arg {
                "on" => self.json = true,
                "off" => self.json = false,
                "" => writeln!(out, "json {}", if self.json { "on" } else { "off" })?,
                _ => {
                    return Err(Problem::input(format!(
                        "expected :json on or :json off, not {arg:?}"
                    )))
                }
            },
            "stats" => {
                no_arg(Flow::Continue)?;
                self.stats(out)?;
            }
            "reload" => {
                no_arg(Flow::Continue)?;
                self.reload()?;
                writeln!(out, "{}", count_of(self.searcher.num_articles(), "article"))?;
            }
            "quit" | "q" | "exit" => {
                return no_arg(Flow::Quit);
            }
            _ => return Err(unknown_command(name)),
        }
        Ok(Flow::Continue)
    }

    /// Sees the latest commit of the index (cheap when nothing changed).
    fn reload(&mut self) -> Result<(), Problem> {
        self.searcher
            .reload()
            .map_err(|e| Problem::input(format!("{e:#}")))
    }

    fn run(&self, request: &SearchRequest) -> Result<SearchResults, Problem> {
        self.searcher.search(request).map_err(Problem::search)
    }

    fn print_page(
        &self,
        out: &mut dyn Write,
        results: &SearchResults,
        first_rank: usize,
    ) -> Result<(), Problem> {
        if self.json {
            json::print_results(out, results)?;
        } else {
            human::print_results(out, results, first_rank, self.emphasis)?;
        }
        Ok(())
    }

    /// A plain line: a query with the sticky filters, on the latest commit.
    fn query(&mut self, text: &str, out: &mut dyn Write) -> Result<(), Problem> {
        self.reload()?;
        let request = SearchRequest {
            query: text.to_owned(),
            filters: self.filters.nodes(),
            limit: self.limit,
            offset: 0,
            sort: self.sort,
            ..SearchRequest::default()
        };
        let results = self.run(&request)?;
        self.last = Some(LastQuery {
            shown: results.hits.iter().map(|h| h.id.clone()).collect(),
            request,
        });
        self.print_page(out, &results, 1)
    }

    /// `:more`: the next page of the last query (same snapshot, ranks continue).
    fn more(&mut self, out: &mut dyn Write) -> Result<(), Problem> {
        let last = self.last.as_ref().ok_or_else(|| {
            Problem::input("no query yet: :more shows the next page of the last query")
        })?;
        let request = SearchRequest {
            offset: last.shown.len(),
            limit: self.limit,
            ..last.request.clone()
        };
        let results = self.run(&request)?;
        if results.hits.is_empty() && !self.json {
            writeln!(out, "no more results for {:?}", request.query)?;
            return Ok(());
        }
        self.print_page(out, &results, request.offset + 1)?;
        if let Some(last) = self.last.as_mut() {
            last.shown.extend(results.hits.iter().map(|h| h.id.clone()));
        }
        Ok(())
    }

    /// The id of hit `arg` (a 1-based rank) of the last results.
    fn hit_id(&self, command: &str, arg: &str) -> Result<(usize, String), Problem> {
        let last = self.last.as_ref().ok_or_else(|| {
            Problem::input(format!("no results yet: run a query, then :{command} N"))
        })?;
        let rank: usize = arg.parse().map_err(|_| {
            Problem::input(format!(
                "expected a hit number, as in :{command} 1, not {arg:?}"
            ))
        })?;
        match last.shown.get(rank.wrapping_sub(1)) {
            Some(id) => Ok((rank, id.clone())),
            None if last.shown.is_empty() => Err(Problem::input(format!(
                "no hit {rank}: the last query found nothing"
            ))),
            None => Err(Problem::input(format!(
                "no hit {rank}: the last results are numbered 1 to {}",
                last.shown.len()
            ))),
        }
    }

    /// `:open N`: the whole article, through a pager when longer than the terminal.
    fn open(&self, arg: &str, out: &mut dyn Write, screen: Screen) -> Result<(), Problem> {
        let (_, id) = self.hit_id("open", arg)?;
        let article = self
            .searcher
            .article(&id)
            .map_err(|e| Problem::input(format!("{e:#}")))?
            .ok_or_else(|| Problem::input(format!("article {id} is no longer in the index")))?;
        if self.json {
            serde_json::to_writer(&mut *out, &article).map_err(std::io::Error::from)?;
            writeln!(out)?;
            return Ok(());
        }
        let mut text = Vec::new();
        human::print_article(&mut text, &article, self.emphasis)?;
        if let Screen::Terminal { cols, rows } = screen {
            if screen_lines(&text, cols) >= rows && page(&text, out)? {
                return Ok(());
            }
        }
        out.write_all(&text)?;
        Ok(())
    }

    /// `:why N`: the last query again with explanations, for hit N only.
    fn why(&self, arg: &str, out: &mut dyn Write) -> Result<(), Problem> {
        let (rank, id) = self.hit_id("why", arg)?;
        let last = self
            .last
            .as_ref()
            .ok_or_else(|| Problem::input("no results yet"))?;
        let request = SearchRequest {
            offset: rank - 1,
            limit: 1,
            explain: true,
            ..last.request.clone()
        };
        let results = self.run(&request)?;
        let hit = results
            .hits
            .first()
            .filter(|hit| hit.id == id)
            .ok_or_else(|| {
                Problem::input(format!(
                    "hit {rank} is not where it was (the index changed); run the query again"
                ))
            })?;
        if self.json {
            return self.print_page(out, &results, rank);
        }
        writeln!(out, "{rank:>2}. {}", hit.title)?;
        if let Some(explanation) = &hit.explain {
            human::print_explanation(out, explanation)?;
        }
        Ok(())
    }

    /// `:facets`: entity counts among all hits of the last query.
    fn facets(&self, out: &mut dyn Write) -> Result<(), Problem> {
        let last = self.last.as_ref().ok_or_else(|| {
            Problem::input("no query yet: :facets counts the entities of the last query's hits")
        })?;
        let request = SearchRequest {
            limit: 1,
            offset: 0,
            facets: true,
            ..last.request.clone()
        };
        let results = self.run(&request)?;
        let facets = results.facets.unwrap_or_default();
        if self.json {
            serde_json::to_writer(&mut *out, &facets).map_err(std::io::Error::from)?;
            writeln!(out)?;
            return Ok(());
        }
        writeln!(
            out,
            "Top entities among all {} of {:?}:",
            count_of(results.total_hits as u64, "hit"),
            request.query
        )?;
        human::print_facets(out, &facets, &EntityKind::ALL)?;
        Ok(())
    }

    /// `:club NAME` and its kin: resolved through the lexicon to the canonical name.
    fn set_entity(&mut self, kind: EntityKind, name: &str) -> Result<(), Problem> {
        if name.is_empty() {
            *self.filters.entity_mut(kind) = None;
            return Ok(());
        }
        let lookup_failed = |e: anyhow::Error| {
            Problem::input(format!("cannot look up {} {name:?}: {e:#}", kind.name()))
        };
        match self
            .searcher
            .resolve_filter(kind, name)
            .map_err(lookup_failed)?
        {
            Ok(entity) => {
                *self.filters.entity_mut(kind) = Some(entity.name);
                Ok(())
            }
            Err(message) => Err(Problem::input(message)),
        }
    }

    /// `:since D` / `:until D` (no D: drop the filter).
    fn date_filter(&self, text: &str, since: bool) -> Result<Option<(String, DateRange)>, Problem> {
        if text.is_empty() {
            return Ok(None);
        }
        let (start, end) = parse_day_bounds(text).map_err(Problem::input)?;
        let new = Some((
            text.to_owned(),
            if since {
                DateRange {
                    start: Some(start),
                    end: None,
                }
            } else {
                DateRange {
                    start: None,
                    end: Some(end),
                }
            },
        ));
        let (from, to) = if since {
            (&new, &self.filters.until)
        } else {
            (&self.filters.since, &new)
        };
        if let (Some((from_text, from)), Some((to_text, to))) = (from, to) {
            if from
                .start
                .zip(to.end)
                .is_some_and(|(first, last)| first > last)
            {
                return Err(Problem::input(format!(
                    "since:{from_text} is after until:{to_text} (:since or :until alone drops it)"
                )));
            }
        }
        Ok(new)
    }

    fn set_sort(&mut self, arg: &str, out: &mut dyn Write) -> Result<(), Problem> {
        self.sort = match arg {
            "relevance" => SortOrder::Relevance,
            "date" => SortOrder::Date,
            "recent" => SortOrder::Recent,
            "" => {
                writeln!(out, "sort {}", sort_name(self.sort))?;
                return Ok(());
            }
            _ => {
                return Err(Problem::input(format!(
                    "unknown sort order {arg:?} (expected relevance, date or recent)"
                )))
            }
        };
        Ok(())
    }

    fn set_limit(&mut self, arg: &str, out: &mut dyn Write) -> Result<(), Problem> {
        if arg.is_empty() {
            writeln!(out, "limit {}", self.limit)?;
            return Ok(());
        }
        match arg.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => {
                self.limit = n;
                Ok(())
            }
            _ => Err(Problem::input(format!(
                "expected a number of hits from 1 to {MAX_LIMIT}, not {arg:?}"
            ))),
        }
    }

    /// `:stats`: articles, entities per kind, size on disk, last indexing job.
    fn stats(&mut self, out: &mut dyn Write) -> Result<(), Problem> {
        self.reload()?;
        let index = self.searcher.index();
        let entities = read_entities(&index.dir).map_err(|e| Problem::input(format!("{e:#}")))?;
        let meta = read_meta(&index.dir).map_err(|e| Problem::input(format!("{e:#}")))?;
        writeln!(out, "articles      {}", self.searcher.num_articles())?;
        for (kind, label) in [
            (EntityKind::Club, "clubs"),
            (EntityKind::Person, "people"),
            (EntityKind::Competition, "competitions"),
        ] {
            let count = entities.iter().filter(|e| e.kind == kind).count();
            writeln!(out, "{label:<13} {count}")?;
        }
        writeln!(out, "size on disk  {}", human_size(dir_size(&index.root)))?;
        let last = match meta.last_indexed {
            Some(secs) => describe_time(secs),
            None => "never".to_owned(),
        };
        writeln!(out, "last indexed  {last}")?;
        writeln!(out, "index         {}", index.root.display())?;
        Ok(())
    }
}

fn sort_name(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Date => "date",
        SortOrder::Recent => "recent",
    }
}

fn unknown_command(name: &str) -> Problem {
    let typed = format!(":{name}");
    let nearest = COMMANDS
        .iter()
        .map(|(command, _, _)| (strsim::jaro_winkler(&typed, command), *command))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(similarity, _)| *similarity > 0.8);
    let hint = match nearest {
        Some((_, command)) => format!("did you mean {command}? :help lists the commands"),
        None => ":help lists the commands".to_owned(),
    };
    Problem::input(format!("unknown command {typed} ({hint})"))
}

fn print_help(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "Any other line is a query (see `scout help search` for the syntax); the filters\n\
         below apply to every query until changed and are shown in the prompt.\n"
    )?;
    let width = COMMANDS
        .iter()
        .map(|(name, arg, _)| name.len() + 1 + arg.len())
        .max()
        .unwrap_or(0);
    for (name, arg, what) in COMMANDS {
        let usage = if arg.is_empty() {
            (*name).to_owned()
        } else {
            format!("{name} {arg}")
        };
        writeln!(out, "  {usage:<width$}  {what}")?;
    }
    writeln!(
        out,
        "\nTab completes commands and club, person and competition names; Up and Ctrl-R\n\
         search the history; Ctrl-C abandons the line; Ctrl-D leaves."
    )
}

/// Lines the text takes on a terminal `cols` wide.
fn screen_lines(text: &[u8], cols: usize) -> usize {
    String::from_utf8_lossy(text)
        .lines()
        .map(|line| line.chars().count().div_ceil(cols).max(1))
        .sum()
}

/// Shows the text through `$PAGER` (default `less -R`); false when no pager could be started.
fn page(text: &[u8], out: &mut dyn Write) -> std::io::Result<bool> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -R".to_owned());
    let mut words = pager.split_whitespace();
    let Some(program) = words.next() else {
        return Ok(false);
    };
    // What was printed so far must appear before the pager's screen.
    out.flush()?;
    let mut command = std::process::Command::new(program);
    command.args(words).stdin(std::process::Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    let Ok(mut child) = command.spawn() else {
        return Ok(false);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit before the end closes the pipe; that is not an error.
        let _ = stdin.write_all(text);
    }
    child.wait()?;
    Ok(true)
}

/// Total size of the files under a directory.
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.file_type() {
            Ok(t) if t.is_dir() => dir_size(&entry.path()),
            Ok(_) => entry.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}

fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `2026-11-23 06:31:02 UTC (5 min ago)`.
fn describe_time(secs: i64) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    let when = time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| format!("{secs} s after the Unix epoch"));
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(secs);
    let age = now - secs;
    let ago = match age {
        ..0 => return when,
        0..60 => format!("{age} s ago"),
        60..3600 => format!("{} min ago", age / 60),
        3600..86_400 => format!("{} h ago", age / 3600),
        _ => format!("{} ago", count_of((age / 86_400) as u64, "day")),
    };
    format!("{when} ({ago})")
}

/// An entity name prepared for completion.
#[derive(Debug, Clone)]
struct Name {
    kind: EntityKind,
    name: String,
    /// The folded name: case and accents ignored when matching.
    folded: String,
    count: u64,
}

impl Name {
    /// 0 when `partial` (folded) starts the name, 1 when it starts a later word, else none.
    fn matches(&self, partial: &str) -> Option<u8> {
        if self.folded.starts_with(partial) {
            return Some(0);
        }
        let later = self.folded.char_indices().any(|(i, c)| {
            matches!(c, ' ' | '-' | '.' | '\'')
                && self.folded[i + c.len_utf8()..].starts_with(partial)
        });
        later.then_some(1)
    }
}

/// The entity names of the index for completion, re-read when the lexicon changes.
#[derive(Debug, Default)]
struct NameSource {
    /// The lexicon file and its modification time when last read.
    seen: Option<(PathBuf, Option<SystemTime>)>,
}

impl NameSource {
    /// The names of the index generation in `dir`, when they changed since the last call
    /// (always on the first).
    fn take_changed(&mut self, dir: &Path) -> Option<Vec<Name>> {
        let tsv = dir.join("entities.tsv");
        let stamp = std::fs::metadata(&tsv).and_then(|m| m.modified()).ok();
        let key = (tsv, stamp);
        if self.seen.as_ref() == Some(&key) {
            return None;
        }
        self.seen = Some(key);
        let entities = read_entities(dir).unwrap_or_default();
        Some(
            entities
                .into_iter()
                .map(|e| Name {
                    folded: fold(&e.name),
                    kind: e.kind,
                    name: e.name,
                    count: e.count,
                })
                .collect(),
        )
    }
}

/// Tab completion: commands, entity names after `:club` and its kin, and the current word
/// of a query against entity names.
#[derive(Default)]
struct Completion {
    names: Vec<Name>,
}

impl Completion {
    /// Names of these kinds matching the partial word, best first (name starts before
    /// later-word starts, then by article count).
    fn names_matching(&self, kinds: &[EntityKind], partial: &str) -> Vec<&str> {
        let partial = fold(partial);
        if partial.trim().is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u8, u64, &str)> = self
            .names
            .iter()
            .filter(|n| kinds.contains(&n.kind))
            .filter_map(|n| {
                n.matches(&partial)
                    .map(|rank| (rank, n.count, n.name.as_str()))
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        let mut names: Vec<&str> = Vec::with_capacity(found.len());
        for (_, _, name) in found {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    fn complete_line(&self, line: &str) -> (usize, Vec<Pair>) {
        let pair = |display: &str, replacement: String| Pair {
            display: display.to_owned(),
            replacement,
        };
        let indent = line.len() - line.trim_start().len();
        let trimmed = &line[indent..];
        if let Some(command) = trimmed.strip_prefix(':') {
            let Some((name, arg)) = command.split_once(char::is_whitespace) else {
                let pairs = COMMANDS
                    .iter()
                    .filter(|(c, _, _)| c.starts_with(trimmed))
                    .map(|(c, arg, _)| {
                        pair(
                            c,
                            if arg.is_empty() {
                                (*c).to_owned()
                            } else {
                                format!("{c} ")
                            },
                        )
                    })
                    .collect();
                return (indent, pairs);
            };
            let arg = arg.trim_start();
            let start = line.len() - arg.len();
            let pairs = match name {
                "club" | "person" | "competition" => {
                    let kind = EntityKind::from_name(name).unwrap_or(EntityKind::Club);
                    self.names_matching(&[kind], arg)
                        .into_iter()
                        .map(|n| pair(n, n.to_owned()))
                        .collect()
                }
                "sort" | "json" => {
                    let words: &[&str] = if name == "sort" {
                        &["relevance", "date", "recent"]
                    } else {
                        &["on", "off"]
                    };
                    words
                        .iter()
                        .filter(|w| w.starts_with(arg))
                        .map(|w| pair(w, (*w).to_owned()))
                        .collect()
                }
                _ => Vec::new(),
            };
            return (start, pairs);
        }
        // A query: the word before the cursor, after any `-`, `field:` or opening quote.
        let mut start = line
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | ')'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let mut word = &line[start..];
        if let Some(rest) = word.strip_prefix('-') {
            start += 1;
            word = rest;
        }
        let mut kinds = EntityKind::ALL.to_vec();
        let mut field = false;
        if let Some((name, value)) = word.split_once(':') {
            match EntityKind::from_name(name) {
                Some(kind) => {
                    kinds = vec![kind];
                    field = true;
                    start += name.len() + 1;
                    word = value;
                }
                None => return (start, Vec::new()),
            }
        }
        let quoted = word.starts_with('"');
        let partial = word.trim_start_matches('"');
        let pairs = self
            .names_matching(&kinds, partial)
            .into_iter()
            .map(|n| {
                let replacement = if quoted || (field && n.contains(' ')) {
                    format!("\"{n}\"")
                } else {
                    n.to_owned()
                };
                pair(n, replacement)
            })
            .collect();
        (start, pairs)
    }
}

impl Completer for Completion {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.complete_line(line.get(..pos).unwrap_or(line)))
    }
}

impl Hinter for Completion {
    type Hint = String;
}

impl Highlighter for Completion {}

impl Validator for Completion {}

impl Helper for Completion {}

#[cfg(test)]
mod tests {
    use super::*;

    fn completion() -> Completion {
        let names = [
            (EntityKind::Club, "Bayer Leverkusen", 5),
            (EntityKind::Club, "Bayern Munich", 3),
            (EntityKind::Club, "1. FC Köln", 1),
            (EntityKind::Person, "Levi Colwill", 1),
            (EntityKind::Person, "Xabi Alonso", 5),
            (EntityKind::Competition, "Bundesliga", 3),
        ];
        Completion {
            names: names
                .into_iter()
                .map(|(kind, name, count)| Name {
                    kind,
                    name: name.to_owned(),
                    folded: fold(name),
                    count,
                })
                .collect(),
        }
    }

    fn replacements(line: &str) -> (usize, Vec<String>) {
        let (start, pairs) = completion().complete_line(line);
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn completes_commands() {
        assert_eq!(
            replacements(":cl"),
            (0, vec![":club ".into(), ":clear".into()])
        );
        assert_eq!(replacements(":mo"), (0, vec![":more".into()]));
    }

    #[test]
    fn completes_a_club_from_a_later_word_of_its_name() {
        assert_eq!(
            replacements(":club Lever"),
            (6, vec!["Bayer Leverkusen".into()])
        );
        assert_eq!(
            replacements(":club bay"),
            (6, vec!["Bayer Leverkusen".into(), "Bayern Munich".into()])
        );
        assert_eq!(replacements(":club koln"), (6, vec!["1. FC Köln".into()]));
        assert_eq!(replacements(":person Lever").1, Vec::<String>::new());
    }

    #[test]
    fn completes_the_current_word_of_a_query() {
        assert_eq!(
            replacements("Alonso Lev"),
            (7, vec!["Levi Colwill".into(), "Bayer Leverkusen".into()])
        );
        assert_eq!(
            replacements("Alonso club:lever"),
            (12, vec!["\"Bayer Leverkusen\"".into()])
        );
        assert_eq!(replacements("-(xabi"), (2, vec!["Xabi Alonso".into()]));
        assert_eq!(replacements("title:xabi").1, Vec::<String>::new());
    }

    #[test]
    fn completion_never_cuts_a_character_in_two() {
        let completion = completion();
        for line in [
            ":club Köln",
            "-club:\"Kö ß🙂(x",
            "  :person\u{a0}Lev",
            "title:\"Xabi\u{2003}Alo",
            ":",
            "\"",
        ] {
            for (pos, _) in line.char_indices().chain([(line.len(), ' ')]) {
                let (start, _) = completion.complete_line(&line[..pos]);
                assert!(
                    line.is_char_boundary(start) && start <= pos,
                    "{line:?} {pos}"
                );
            }
        }
    }

    #[test]
    fn filters_show_in_the_prompt_order() {
        let filters = Filters {
            club: Some("Bayern Munich".into()),
            since: Some(("2024-01".into(), DateRange::default())),
            ..Filters::default()
        };
        assert_eq!(filters.describe(), "club:Bayern Munich since:2024-01");
        assert_eq!(filters.nodes().len(), 2);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }
}
