//! Batch jobs: incremental re-runs, edits, pruning, crash safety (a real `kill -9`), Ctrl-C,
//! one writer at a time, atomic `reindex` under an open reader, schema versions.

use crate::common::{json_line, Workspace};
use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn summary(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|l| l.contains("indexed "))
        .unwrap_or("")
}

#[test]
fn rerunning_a_job_is_a_no_op_and_an_edit_updates_just_that_article() {
    let ws = Workspace::with_seeds();
    let first = ws.index(&[]);
    assert!(
        summary(&first).contains("indexed 5 articles (5 new, 0 changed), 0 unchanged"),
        "{first}"
    );
    let again = ws.index(&[]);
    assert!(
        summary(&again).contains("indexed 0 articles (0 new, 0 changed), 5 unchanged"),
        "{again}"
    );

    ws.write(
        "seeds/003_044ef6ceecc6e72e.txt",
        " date 2023-07-09 Chambers joins Zwolle on loan.",
    );
    let edited = ws.index(&[]);
    assert!(
        summary(&edited).contains("indexed 1 article (0 new, 1 changed), 4 unchanged"),
        "{edited}"
    );
    assert_eq!(ws.ids(&["Zwolle"]), ["003_044ef6ceecc6e72e"]);
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 4);
}

#[test]
fn a_line_added_to_a_feed_leaves_the_articles_below_it_unchanged() {
    let ws = Workspace::new();
    let lines = ["a", "b", "c"].map(|id| json_line(id, "Feed story", "Derby day news."));
    ws.write("feed.jsonl", lines.concat());
    ws.index(&["feed.jsonl"]);
    ws.write(
        "feed.jsonl",
        json_line("new", "Feed story", "Derby day news.") + &lines.concat(),
    );
    let rerun = ws.index(&["feed.jsonl", "--prune"]);
    assert!(
        summary(&rerun).contains("indexed 1 article (1 new, 0 changed), 3 unchanged"),
        "{rerun}"
    );
    assert_eq!(ws.search_json(&["derby"]).total_hits, 4);
}

#[test]
fn prune_removes_articles_whose_file_or_line_is_gone() {
    let ws = Workspace::with_seeds();
    ws.write(
        "feed.jsonl",
        "{\"id\":\"a\",\"body\":\"Alpha derby.\"}\n{\"id\":\"b\",\"body\":\"Beta derby.\"}\n",
    );
    ws.index(&["seeds", "feed.jsonl"]);
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 5);
    std::fs::remove_file(ws.path().join("seeds/004_b682fe051bb03fb5.txt")).expect("rm");
    ws.write("feed.jsonl", "{\"id\":\"a\",\"body\":\"Alpha derby.\"}\n");

    // Without --prune nothing is removed.
    ws.index(&["seeds", "feed.jsonl"]);
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 5);
    let pruned = ws.index(&["seeds", "feed.jsonl", "--prune"]);
    assert!(summary(&pruned).contains("2 pruned"), "{pruned}");
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 4);
    assert_eq!(ws.ids(&["derby"]), ["a"]);
    // Pruning one path leaves articles from other paths alone.
    let other = ws.index(&["feed.jsonl", "--prune"]);
    assert!(!summary(&other).contains("pruned"), "{other}");
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 4);
}

/// A feed big enough that indexing it takes a few seconds.
fn big_feed(ws: &Workspace, articles: usize) -> String {
    let mut feed = String::with_capacity(articles * 400);
    for i in 0..articles {
        feed.push_str(&format!(
            "{{\"id\":\"n{i}\",\"title\":\"Match report {i}\",\"body\":\"Arsenal and Chelsea met in game {i}. {}\"}}\n",
            "The midfield battle was fierce and the fans sang all night long. ".repeat(5)
        ));
    }
    ws.write("big.jsonl", feed);
    "big.jsonl".to_string()
}

/// `scout ARGS` running in the workspace, its stderr piped.
fn spawn_scout(ws: &Workspace, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("scout"))
        .current_dir(ws.path())
        .env_remove("SCOUT_INDEX")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scout")
}

/// Sends the child SIGINT, as Ctrl-C does.
fn interrupt(child: &Child) {
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
}

/// Waits until a search finds at least one article (a commit happened), or the child ends.
fn wait_for_first_commit(ws: &Workspace, child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        if ws.path().join("index/CURRENT").exists() {
            let out = ws
                .scout()
                .args(["search", "derby OR game", "--json"])
                .output()
                .expect("search");
            if out.status.code() == Some(0) {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    false
}

/// Articles in the long jobs of these tests: enough for several seconds of indexing.
const ARTICLES: usize = 60_000;

/// A workspace running `scout index` on a big feed, once its first commit is searchable.
fn long_job_after_first_commit(articles: usize) -> (Workspace, String, Child) {
    let ws = Workspace::new();
    let feed = big_feed(&ws, articles);
    let mut child = spawn_scout(
        &ws,
        &["index", &feed, "--commit-every", "2000", "--threads", "1"],
    );
    assert!(
        wait_for_first_commit(&ws, &mut child),
        "the job committed before it ended"
    );
    (ws, feed, child)
}

fn total(ws: &Workspace) -> usize {
    ws.search_json(&["game", "-n", "1"]).total_hits
}

#[test]
fn a_job_killed_mid_way_leaves_a_searchable_index_and_a_rerun_completes_it() {
    let (ws, feed, mut child) = long_job_after_first_commit(ARTICLES);
    let articles = ARTICLES;
    child.kill().expect("kill -9"); // SIGKILL on Unix
    let status = child.wait().expect("wait");
    assert!(!status.success());

    let after_crash = total(&ws);
    assert!(
        after_crash >= 2000 && after_crash < articles,
        "{after_crash} articles after the crash"
    );

    let rerun = ws.index(&[&feed]);
    let line = summary(&rerun);
    assert!(
        line.contains(&format!("{} unchanged", after_crash)),
        "{line}"
    );
    assert_eq!(total(&ws), articles);
}

#[test]
fn a_job_killed_after_a_commit_leaves_its_paths_for_reindex() {
    let (ws, _feed, mut child) = long_job_after_first_commit(ARTICLES);
    child.kill().expect("kill -9");
    child.wait().expect("wait");
    assert!(total(&ws) < ARTICLES);
    // The new index records the feed although the job never finished: reindex reads it.
    ws.scout().arg("reindex").assert().success();
    assert_eq!(total(&ws), ARTICLES);
}

#[test]
fn ctrl_c_stops_a_reindex_and_the_index_stays_as_it_was() {
    let ws = Workspace::new();
    let feed = big_feed(&ws, ARTICLES);
    ws.index(&[&feed, "--threads", "1"]);
    let child = spawn_scout(&ws, &["reindex", "--threads", "1"]);
    // Once the new generation is being built.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ws.path().join("index/gen-000002").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    interrupt(&child);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted; the index stays as it was")
            && stderr.contains("reindex interrupted; the index is unchanged"),
        "{stderr}"
    );
    assert_eq!(total(&ws), ARTICLES);
}

#[test]
fn ctrl_c_commits_what_is_done_prints_the_summary_and_exits_130() {
    let (ws, _, child) = long_job_after_first_commit(ARTICLES);
    let articles = ARTICLES;
    interrupt(&child);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted: indexed "), "{stderr}");
    let done = total(&ws);
    assert!(done > 0 && done < articles, "{done}");
    // What the summary says is what the index holds.
    assert!(
        summary(&stderr).contains(&format!("indexed {done} articles")),
        "{stderr}"
    );
}

#[test]
fn a_second_writer_fails_at_once_with_a_clear_message_and_searches_keep_working() {
    let (ws, _, mut child) = long_job_after_first_commit(ARTICLES);
    let started = Instant::now();
    ws.scout()
        .args(["index", "big.jsonl"])
        .assert()
        .code(2)
        .stderr(contains(
            "another scout job is already writing to the index",
        ));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it must not wait for the lock"
    );
    ws.scout()
        .args(["reindex"])
        .assert()
        .code(2)
        .stderr(contains("another scout job"));
    assert!(total(&ws) > 0, "searches work during the job");
    child.kill().expect("kill");
    let _ = child.wait();
}

#[test]
fn reindex_swaps_atomically_while_a_reader_keeps_its_results() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let root = ws.path().join("index");
    let mut searcher = scout::search::Searcher::new(scout::index::open_index(&root).expect("open"))
        .expect("searcher");
    let request = scout::search::SearchRequest {
        query: "Liverpool".into(),
        limit: 10,
        ..Default::default()
    };
    let before = searcher.search(&request).expect("search");
    assert_eq!(before.total_hits, 5);

    // The sources change, then the index is rebuilt from them.
    std::fs::remove_file(ws.path().join("seeds/000_67b09ea07b725da8.txt")).expect("rm");
    let output = ws.scout().arg("reindex").output().expect("reindex");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        summary(&stderr).contains("indexed 4 articles (4 new, 0 changed)"),
        "{stderr}"
    );

    // The open reader still sees its snapshot, whole.
    let during = searcher.search(&request).expect("search");
    assert_eq!(during.total_hits, 5);
    assert_eq!(
        during.hits.iter().map(|h| &h.id).collect::<Vec<_>>(),
        before.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    // A new process, and the reader after reload, see the new index.
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 4);
    searcher.reload().expect("reload");
    assert_eq!(searcher.search(&request).expect("search").total_hits, 4);
    // Only one generation is left on disk.
    let generations = std::fs::read_dir(&root)
        .expect("ls")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        })
        .count();
    assert_eq!(generations, 1);
}

#[test]
fn an_index_of_an_older_schema_is_refused_with_a_hint_and_reindex_fixes_it() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let root = ws.path().join("index");
    let generation = scout::index::current_generation(&root).expect("generation");
    let mut meta = scout::index::read_meta(&generation).expect("meta");
    meta.schema_version = 0;
    scout::index::write_meta(&generation, &meta).expect("write meta");
    ws.scout()
        .args(["search", "Anton"])
        .assert()
        .code(2)
        .stderr(contains("schema version 0").and(contains("run `scout reindex`")));
    ws.scout().arg("reindex").assert().success();
    assert_eq!(ws.ids(&["Anton", "release"]), ["000_67b09ea07b725da8"]);
    // An index of a newer scout is not called old.
    let generation = scout::index::current_generation(&root).expect("generation");
    let mut meta = scout::index::read_meta(&generation).expect("meta");
    meta.schema_version = 99;
    scout::index::write_meta(&generation, &meta).expect("write meta");
    ws.scout()
        .args(["search", "Anton"])
        .assert()
        .code(2)
        .stderr(contains("was built by a newer scout (schema version 99;"));
}

#[test]
fn an_index_the_user_cannot_write_is_searched_all_the_same() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let index = ws.path().join("index");
    // As root, permissions bind only another user: search as "nobody". Else make the
    // index read-only for this user (and writable again afterwards, to clean up).
    let as_root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let set_modes = |dir_mode: u32, file_mode: u32| {
        let mut stack = vec![index.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("list").flatten() {
                let path = entry.path();
                let mode = if path.is_dir() {
                    stack.push(path.clone());
                    dir_mode
                } else {
                    file_mode
                };
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                    .expect("chmod");
            }
        }
        std::fs::set_permissions(&index, std::fs::Permissions::from_mode(dir_mode)).expect("chmod");
    };
    let scout = assert_cmd::cargo::cargo_bin("scout");
    let mut search = if as_root {
        std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        set_modes(0o755, 0o644);
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(&scout);
        command
    } else {
        set_modes(0o555, 0o444);
        Command::new(&scout)
    };
    let output = search
        .current_dir(ws.path())
        .env_remove("SCOUT_INDEX")
        .args([
            "--index",
            "index",
            "search",
            "--json",
            "Anton release clause",
        ])
        .output()
        .expect("run scout search");
    set_modes(0o755, 0o644);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("000_67b09ea07b725da8"),
        "{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn reindex_without_an_index_is_an_error() {
    let ws = Workspace::new();
    ws.scout()
        .arg("reindex")
        .assert()
        .code(2)
        .stderr(contains("no index at index"));
    assert!(!Path::new(&ws.path().join("index/CURRENT")).exists());
}
