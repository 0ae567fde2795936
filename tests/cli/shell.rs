//! `scout shell`: the interactive session through a real pseudo-terminal (line editing,
//! completion, history, Ctrl-C / Ctrl-D, sticky filters, paging, whole articles, fresh
//! results after a concurrent `scout index`), and the scripted mode with stdin piped.

use crate::common::Workspace;
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use std::path::{Path, PathBuf};
use std::process::Command;

const ANTON: &str = "000_67b09ea07b725da8";
const KOLN: &str = "001_e74727ad727cab28";
const CONTACT: &str = "002_098e57104e219f0e";
const CHAMBERS: &str = "003_044ef6ceecc6e72e";
const LURE: &str = "004_b682fe051bb03fb5";

/// Every wait for output gives up after this long (debug builds on a busy machine).
const TIMEOUT_MS: u64 = 20_000;

/// The summary line that ends every page of human results.
const PAGE_END: &str = r"\d+ of \d+ matching articles?";

/// A workspace with the seeds indexed, and a history file of its own.
fn indexed_workspace() -> (Workspace, PathBuf) {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let history = ws.path().join("history");
    (ws, history)
}

/// `scout shell` on the workspace's index in a pseudo-terminal, once its first prompt is up.
fn spawn_shell(ws: &Workspace, history: &Path) -> PtySession {
    spawn_shell_with(ws, history, &[])
}

/// Like [`spawn_shell`], with extra environment variables.
fn spawn_shell_with(ws: &Workspace, history: &Path, env: &[(&str, &str)]) -> PtySession {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("scout"));
    command
        .current_dir(ws.path())
        .arg("--index")
        .arg(ws.path().join("index"))
        .arg("shell")
        .arg("--history")
        .arg(history)
        .env_remove("SCOUT_INDEX")
        .env_remove("SCOUT_HISTORY")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .env("PAGER", "cat")
        .envs(env.iter().copied());
    let mut shell =
        rexpect::session::spawn_command(command, Some(TIMEOUT_MS)).expect("spawn scout shell");
    shell.exp_string("scout > ").expect("first prompt");
    shell
}

/// Types a line and returns everything printed up to the end of the results page.
fn query(shell: &mut PtySession, line: &str) -> String {
    shell.send_line(line).expect("type a line");
    let (before, summary) = shell.exp_regex(PAGE_END).expect("a page of results");
    before + &summary
}

/// Leaves with Ctrl-D and checks the exit status.
fn quit_with_ctrl_d(mut shell: PtySession) {
    shell.send_control('d').expect("Ctrl-D");
    shell.exp_eof().expect("the shell ends");
    match shell.process().wait().expect("exit status") {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0, "exit code"),
        other => panic!("scout shell did not exit normally: {other:?}"),
    }
}

/// The hit ranks and ids of a page of human results (` 3. date title`, then
/// `    source · id`).
fn ranked_ids(page: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = page.lines().map(|l| l.trim_end_matches('\r')).collect();
    lines
        .windows(2)
        .filter_map(|pair| {
            let (rank, _) = pair[0].trim_start().split_once(". ")?;
            let rank: usize = rank.parse().ok()?;
            // The pty reader turns UTF-8 into Latin-1 characters: split on spaces only.
            let id = pair[1].split_whitespace().last()?;
            Some((rank, id.to_owned()))
        })
        .collect()
}

#[test]
fn shell_query_prints_results_with_matches_in_bold() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    let page = query(&mut shell, "Anton release clause");
    assert!(
        page.contains("\x1b[1mrelease\x1b[0m \x1b[1mclause\x1b[0m"),
        "{page:?}"
    );
    assert!(page.contains(ANTON), "{page:?}");
    assert!(page.contains("1 of 1 matching article"), "{page:?}");
    shell.exp_string("scout > ").expect("prompt again");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_respects_no_color() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell_with(&ws, &history, &[("NO_COLOR", "1")]);
    let page = query(&mut shell, "Anton release clause");
    assert!(page.contains("release clause of"), "{page:?}");
    assert!(!page.contains("\x1b[1m"), "{page:?}");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_tab_completes_a_club_name_into_the_filter() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    shell.send(":club Lever\t").expect("type");
    shell.flush().expect("flush");
    shell
        .exp_string(":club Bayer Leverkusen")
        .expect("the completed name on the line");
    shell.send_line("").expect("Enter");
    shell
        .exp_string("scout [club:Bayer Leverkusen] > ")
        .expect("the filter in the prompt");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_sticky_filters_show_in_the_prompt_apply_to_queries_and_clear() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    shell.send_line(":club Bayern").expect("type");
    shell
        .exp_string("scout [club:Bayern Munich] > ")
        .expect("canonical name in the prompt");

    let page = query(&mut shell, "Alonso");
    let mut ids: Vec<String> = ranked_ids(&page).into_iter().map(|(_, id)| id).collect();
    ids.sort();
    assert_eq!(ids, [KOLN, CONTACT, LURE], "{page:?}");

    shell.exp_string("] > ").expect("prompt");
    shell.send_line(":since 2024-03").expect("type");
    shell
        .exp_string("scout [club:Bayern Munich since:2024-03] > ")
        .expect("both filters in the prompt");
    let page = query(&mut shell, "Alonso");
    let ids: Vec<String> = ranked_ids(&page).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, [LURE], "{page:?}");

    shell.exp_string("] > ").expect("prompt");
    shell.send_line(":club Bayernn Munichh").expect("type");
    shell
        .exp_string("unknown club \"Bayernn Munichh\" (nearest known: \"Bayern Munich\"")
        .expect("an unknown name is an error naming the nearest ones");

    shell.send_line(":clear").expect("type");
    shell
        .exp_string("scout > ")
        .expect("no filters after :clear");
    let page = query(&mut shell, "Alonso");
    assert_eq!(ranked_ids(&page).len(), 5, "{page:?}");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_more_continues_the_ranks_of_the_last_query() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    shell.send_line(":limit 2").expect("type");
    shell.exp_string("scout > ").expect("prompt");
    let first = ranked_ids(&query(&mut shell, "Alonso"));
    let second_page = query(&mut shell, ":more");
    assert!(
        second_page.contains("3-4 of 5 matching articles"),
        "{second_page}"
    );
    let second = ranked_ids(&second_page);
    let third = ranked_ids(&query(&mut shell, ":more"));
    let ranks = |page: &[(usize, String)]| page.iter().map(|(r, _)| *r).collect::<Vec<_>>();
    assert_eq!(ranks(&first), [1, 2]);
    assert_eq!(ranks(&second), [3, 4]);
    assert_eq!(ranks(&third), [5]);
    let mut all: Vec<String> = [first, second, third]
        .concat()
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    all.sort();
    assert_eq!(all, [ANTON, KOLN, CONTACT, CHAMBERS, LURE]);
    shell.send_line(":more").expect("type");
    shell
        .exp_string("no more results for \"Alonso\"")
        .expect("the end of the results");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_open_shows_the_whole_article() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    query(&mut shell, "Anton release clause");
    shell.send_line(":open 1").expect("type");
    // The last sentence of the seed, far beyond any snippet.
    shell
        .exp_string("who is under contract until 2029.")
        .expect("the end of the article");
    shell.send_line(":open 9").expect("type");
    shell
        .exp_string("no hit 9: the last results are numbered 1 to 1")
        .expect("out of range is an error");
    shell.exp_string("scout > ").expect("the shell goes on");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_open_pages_an_article_longer_than_the_screen() {
    let (ws, history) = indexed_workspace();
    // A 10-line terminal (a fresh pseudo-terminal has no size) and a pager that marks lines.
    let mut command = Command::new("sh");
    command
        .current_dir(ws.path())
        .arg("-c")
        .arg("stty rows 10 cols 80 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("scout"))
        .args(["--index", "index", "shell", "--history"])
        .arg(&history)
        .env_remove("SCOUT_INDEX")
        .env("TERM", "xterm")
        .env("PAGER", "sed s/^/PAGED:/");
    let mut shell = rexpect::session::spawn_command(command, Some(TIMEOUT_MS)).expect("spawn");
    shell.exp_string("scout > ").expect("prompt");
    query(&mut shell, "Anton release clause");
    shell.send_line(":open 1").expect("type");
    shell
        .exp_string("PAGED:The Reds are also continuing to track Chelsea")
        .expect("the article through the pager");
    shell.exp_string("scout > ").expect("back at the prompt");
    quit_with_ctrl_d(shell);
}

#[test]
fn shell_history_is_recalled_in_a_second_session() {
    let (ws, history) = indexed_workspace();
    let mut first = spawn_shell(&ws, &history);
    query(&mut first, "Anton release clause");
    first.exp_string("scout > ").expect("prompt");
    quit_with_ctrl_d(first);
    let saved = std::fs::read_to_string(&history).expect("history file written");
    assert!(saved.contains("Anton release clause"), "{saved:?}");

    let mut second = spawn_shell(&ws, &history);
    second.send("\x1b[A").expect("Up");
    second.flush().expect("flush");
    second
        .exp_string("Anton release clause")
        .expect("the last query of the first session recalled");
    second.send_line("").expect("Enter");
    let (page, _) = second.exp_regex(PAGE_END).expect("its results");
    assert!(page.contains(ANTON), "{page:?}");
    quit_with_ctrl_d(second);
}

#[test]
fn shell_history_defaults_to_the_data_directory() {
    let (ws, _) = indexed_workspace();
    let data = ws.path().join("data");
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("scout"));
    command
        .current_dir(ws.path())
        .args(["shell"])
        .env_remove("SCOUT_INDEX")
        .env_remove("SCOUT_HISTORY")
        .env("XDG_DATA_HOME", &data)
        .env("TERM", "xterm");
    let mut shell = rexpect::session::spawn_command(command, Some(TIMEOUT_MS)).expect("spawn");
    shell.exp_string("scout > ").expect("prompt");
    query(&mut shell, "Anton release clause");
    quit_with_ctrl_d(shell);
    let saved = std::fs::read_to_string(data.join("scout/history")).expect("history file");
    assert!(saved.contains("Anton release clause"), "{saved:?}");
}

#[test]
fn shell_ctrl_c_abandons_the_line_and_ctrl_d_quits_with_exit_0() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    shell.send("Anton rel").expect("type");
    shell.flush().expect("flush");
    shell.exp_string("Anton rel").expect("echo");
    shell.send_control('c').expect("Ctrl-C");
    shell.exp_string("scout > ").expect("a fresh prompt");
    shell.send_line(":stats").expect("type");
    shell
        .exp_regex(r"articles +5")
        .expect("the shell goes on after Ctrl-C");
    shell.exp_string("scout > ").expect("prompt");
    quit_with_ctrl_d(shell);
    let saved = std::fs::read_to_string(&history).expect("history file");
    assert!(!saved.contains("Anton rel"), "{saved:?}");
    assert!(saved.contains(":stats"), "{saved:?}");
}

#[test]
fn shell_without_a_terminal_answers_each_line_in_order_without_prompt_or_colour() {
    let (ws, history) = indexed_workspace();
    let output = ws
        .scout()
        .args(["shell", "--history"])
        .arg(&history)
        .write_stdin("Anton release clause\n:open 1\n:bogus\n(unclosed\n:more\n")
        .output()
        .expect("run scout shell");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with(" 1. 2024-06-18  Xabi Alonso"),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 1 matching article"), "{stdout}");
    assert!(
        stdout.contains("who is under contract until 2029."),
        "{stdout}"
    );
    assert!(stdout.contains("no more results for \"Anton release clause\""));
    assert!(!stdout.contains("scout >"), "{stdout}");
    assert!(!stdout.contains('\x1b') && !stderr.contains('\x1b'));
    let errors: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "scout: line 3: unknown command :bogus (:help lists the commands)",
            "scout: line 4: invalid query \"(unclosed\": unclosed parenthesis at position 1",
        ],
        "{stderr}"
    );
    assert!(!history.exists(), "no history without a terminal");
}

#[test]
fn shell_scripted_why_facets_json_and_stats() {
    let (ws, _) = indexed_workspace();
    let output = ws
        .scout()
        .arg("shell")
        .write_stdin(
            ":club Bayern\nAlonso\n:why 1\n:facets\n:json on\nAlonso\n:stats\n:quit\nAlonso\n",
        )
        .output()
        .expect("run scout shell");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("3 of 3 matching articles"), "{stdout}");
    assert!(stdout.contains("    why: matched alonso"), "{stdout}");
    assert!(stdout.contains("entities 1.500 (Xabi Alonso)"), "{stdout}");
    assert!(
        stdout.contains("Top entities among all 3 hits of \"Alonso\":\nclubs:\n")
            && stdout.contains("\n  3  Bayern Munich\n"),
        "{stdout}"
    );
    let json_line = stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line after :json on");
    let results: crate::common::Results = serde_json::from_str(json_line).expect("the contract");
    let mut ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [KOLN, CONTACT, LURE]);
    assert!(stdout.contains("articles      5\n"), "{stdout}");
    assert!(stdout.contains("clubs         15\n"), "{stdout}");
    assert!(stdout.contains("last indexed  20"), "{stdout}");
    assert_eq!(
        stdout.matches("matching article").count(),
        1,
        "nothing answered after :quit: {stdout}"
    );
}

#[test]
fn shell_finds_articles_indexed_while_it_runs() {
    let (ws, history) = indexed_workspace();
    let mut shell = spawn_shell(&ws, &history);
    let page = query(&mut shell, "\"zanzibarquux\"");
    assert!(page.contains("0 of 0 matching articles"), "{page:?}");

    ws.write(
        "seeds/005_new.txt",
        " date 2024-07-01 Leverkusen sign a zanzibarquux\n\nThe zanzibarquux arrives on a free transfer.\n",
    );
    ws.index(&[]);

    let page = query(&mut shell, "\"zanzibarquux\"");
    assert!(page.contains("1 of 1 matching article"), "{page:?}");
    assert!(page.contains("005_new"), "{page:?}");
    quit_with_ctrl_d(shell);
}
