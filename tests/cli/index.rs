//! `scout index`: formats, date rules, directory walking, upserts, bad input.

use crate::common::{gzip, json_line, Workspace};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn plain_text_with_and_without_a_date_prefix() {
    let ws = Workspace::new();
    ws.write(
        "in/dated.txt",
        " date 2024-06-18 Headline one here. The body follows.\n\nMore.",
    );
    ws.write("in/undated.txt", "Second headline! Body two.");
    ws.index(&["in"]);
    let dated = &ws.search_json(&["headline", "one"]).hits[0];
    assert_eq!(
        (dated.id.as_str(), dated.date.as_deref()),
        ("dated", Some("2024-06-18"))
    );
    assert_eq!(dated.title, "Headline one here.");
    let undated = &ws.search_json(&["second"]).hits[0];
    assert_eq!(
        (undated.title.as_str(), undated.date.as_deref()),
        ("Second headline!", None)
    );
}

#[test]
fn a_bad_date_prefix_is_a_warning_and_the_article_is_kept_undated() {
    let ws = Workspace::new();
    ws.write("in/odd.txt", " date 2024-02-31 Impossible day. Body.");
    let stderr = ws.index(&["in"]);
    assert!(
        stderr.contains("odd.txt")
            && stderr
                .contains("date \"2024-02-31\" is no day of the calendar; article kept undated"),
        "{stderr}"
    );
    assert_eq!(ws.search_json(&["impossible"]).hits[0].date, None);
}

#[test]
fn a_date_an_index_cannot_hold_is_a_warning_and_the_article_is_kept_undated() {
    let ws = Workspace::new();
    ws.write("in/far.txt", " date 3000-01-01 Far future. Body.");
    ws.write(
        "in/feed.jsonl",
        r#"{"id":"old","title":"Long ago","body":"Body.","date":"1600-05-01"}"#,
    );
    let stderr = ws.index(&["in"]);
    assert!(
        stderr.contains("far.txt: date \"3000-01-01\" is outside the years 1678-2261")
            && stderr.contains("feed.jsonl line 1: date \"1600-05-01\" is outside the years"),
        "{stderr}"
    );
    assert_eq!(ws.search_json(&["future"]).hits[0].date, None);
    assert_eq!(ws.search_json(&["long", "ago"]).hits[0].date, None);
}

#[test]
fn warnings_past_the_first_five_of_a_kind_are_counted_and_verbose_lists_them() {
    let ws = Workspace::new();
    let mut feed = String::new();
    for n in 1..=8 {
        feed.push_str(&format!(
            "{{\"id\":\"a{n}\",\"date\":\"{n} hours ago\",\"body\":\"Story {n}.\"}}\n"
        ));
    }
    feed.push_str("{\"id\":\"x\",\"body\":\"  \"}\n{\"id\":\"y\",\"body\":\"\"}\n");
    ws.write("feed.jsonl", &feed);
    let output = ws
        .scout()
        .args(["index", "feed.jsonl"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let dated: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("cannot parse date"))
        .collect();
    assert_eq!(dated.len(), 5, "{stderr}");
    assert!(
        dated[0].contains("feed.jsonl line 1") && dated[4].contains("line 5"),
        "{stderr}"
    );
    // Skipped records are always listed, each with its line.
    assert!(
        stderr.contains("feed.jsonl line 9: skipped, empty body")
            && stderr.contains("feed.jsonl line 10: skipped, empty body"),
        "{stderr}"
    );
    assert!(
        stderr.contains("scout: 3 more warnings not listed (undated: 3); --verbose lists them all"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped 2 (empty body: 2), 8 warnings"),
        "{stderr}"
    );

    let output = ws.scout().args(["reindex", "-v"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("cannot parse date").count(), 8, "{stderr}");
    assert!(
        stderr.contains("feed.jsonl line 8: cannot parse date \"8 hours ago\""),
        "{stderr}"
    );
    assert!(!stderr.contains("not listed"), "{stderr}");
}

#[test]
fn a_byte_order_mark_before_a_feeds_first_line_is_ignored() {
    let ws = Workspace::new();
    ws.write(
        "feed.jsonl",
        format!(
            "\u{feff}{}",
            json_line("bom", "Marked feed", "Its first line.")
        ),
    );
    let stderr = ws.index(&["feed.jsonl"]);
    assert!(stderr.contains("indexed 1 article (1 new"), "{stderr}");
    assert_eq!(ws.ids(&["marked"]), ["bom"]);
}

#[test]
fn json_lines_plain_and_gzipped_with_the_date_rules() {
    let ws = Workspace::new();
    let feed = concat!(
        r#"{"id":"d1","title":"Day format","date":"2023-05-01","body":"Alpha text.","url":"https://x/1","source":"Paper"}"#,
        "\n",
        r#"{"id":"d2","title":"RFC format","date":"2023-05-01T23:30:00-02:00","body":"Alpha again."}"#,
        "\n",
        r#"{"id":"d3","title":"Relative","date":"2 days ago","body":"Alpha three."}"#,
        "\n",
        r#"{"id":"d4","title":"Null date","date":null,"body":"Alpha four.","extra":{"ignored":true}}"#,
        "\n",
    );
    ws.write("feed.jsonl", feed);
    ws.write(
        "more/feed2.jsonl.gz",
        gzip(br#"{"id":"g1","body":"Gamma from gzip. Second sentence."}"#),
    );
    let stderr = ws.index(&["feed.jsonl", "more"]);
    assert!(
        stderr.contains("feed.jsonl line 3") && stderr.contains("\"2 days ago\""),
        "{stderr}"
    );
    assert!(
        !stderr.contains("line 4"),
        "null dates are not warned about: {stderr}"
    );
    assert!(stderr.contains("indexed 5 articles"), "{stderr}");

    let results = ws.search_json(&["alpha", "-n", "10"]);
    let date_of = |id: &str| {
        results
            .hits
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.date.clone())
    };
    assert_eq!(date_of("d1"), Some(Some("2023-05-01".into())));
    assert_eq!(
        date_of("d2"),
        Some(Some("2023-05-02".into())),
        "RFC 3339 is normalised to UTC"
    );
    assert_eq!(date_of("d3"), Some(None));
    assert_eq!(date_of("d4"), Some(None));
    let d1 = results.hits.iter().find(|h| h.id == "d1").expect("d1");
    assert_eq!(
        (d1.source.as_deref(), d1.url.as_deref()),
        (Some("Paper"), Some("https://x/1"))
    );

    let gz = &ws.search_json(&["gamma"]).hits[0];
    assert_eq!(
        (gz.id.as_str(), gz.title.as_str()),
        ("g1", "Gamma from gzip.")
    );
}

#[test]
fn broken_lines_are_reported_and_the_rest_indexed() {
    let ws = Workspace::new();
    let feed = "{\"id\":\"ok1\",\"body\":\"Fine article.\"}\n{not json\n\n{\"id\":\"nobody\",\"title\":\"x\"}\n[1]\n{\"id\":\"ok2\",\"body\":\"Fine too.\"}\n{\"id\":\"n\",\"body\":42}\n";
    ws.write("feed.jsonl", feed);
    ws.scout()
        .args(["index", "feed.jsonl"])
        .assert()
        .code(1)
        .stderr(contains(
            "feed.jsonl line 2: skipped, invalid JSON: key must be a string at column 2\n",
        ))
        .stderr(contains("feed.jsonl line 4: skipped, no \"body\" field"))
        .stderr(contains("feed.jsonl line 5: skipped, invalid JSON"))
        .stderr(contains(
            "feed.jsonl line 7: skipped, field \"body\" is a number, not text\n",
        ))
        .stderr(contains(
            "indexed 2 articles (2 new, 0 changed), 0 unchanged, skipped 4 (body not text: 1, invalid JSON: 2, no body: 1)",
        ));
    assert_eq!(ws.search_json(&["fine"]).total_hits, 2);
}

#[test]
fn a_lone_surrogate_escape_is_repaired_and_the_article_kept() {
    let ws = Workspace::new();
    ws.write(
        "feed.jsonl",
        "{\"id\":\"s1\",\"body\":\"Half \\ud800 a pair, then the derby report.\"}\n",
    );
    ws.scout()
        .args(["index", "feed.jsonl"])
        .assert()
        .success()
        .stderr(contains(
            "feed.jsonl line 1: a \\u escape of half a UTF-16 pair repaired (replaced with U+FFFD)",
        ));
    assert_eq!(ws.ids(&["derby"]), ["s1"]);
}

#[test]
fn a_gz_file_that_is_not_gzip_an_empty_one_and_an_empty_folder_say_what_they_are() {
    let ws = Workspace::new();
    ws.write(
        "feeds/plain.jsonl.gz",
        "{\"id\":\"a\",\"body\":\"Text.\"}\n",
    );
    ws.write("feeds/empty.jsonl.gz", "");
    ws.scout()
        .args(["index", "feeds"])
        .assert()
        .code(1)
        .stderr(contains(
            "plain.jsonl.gz: skipped, cannot read: not gzip-compressed, though its name ends in \
             .gz",
        ))
        .stderr(contains("empty.jsonl.gz").not())
        .stderr(contains("skipped 1 (unreadable: 1)"));
    std::fs::create_dir(ws.path().join("nothing")).expect("mkdir");
    ws.scout()
        .args(["index", "nothing"])
        .assert()
        .success()
        .stderr(contains(
            "warning: no articles found in nothing (article files are .txt, .jsonl and \
             .jsonl.gz)",
        ));
}

#[test]
fn directories_are_walked_recursively_in_sorted_order() {
    let ws = Workspace::new();
    ws.write("tree/b/deep/x.txt", "Walking article one.");
    ws.write("tree/a.txt", "Walking article two.");
    ws.write("tree/notes.md", "Walking notes are not articles.");
    ws.write(
        "tree/c.jsonl",
        "{\"id\":\"j\",\"body\":\"Walking article three.\"}\n",
    );
    let stderr = ws.index(&["tree"]);
    assert!(stderr.contains("indexed 3 articles"), "{stderr}");
    let mut ids = ws.ids(&["walking"]);
    ids.sort();
    assert_eq!(ids, ["a", "j", "x"]);
}

#[test]
fn reindexing_the_same_input_does_not_duplicate_and_edits_replace() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    ws.index(&[]);
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 5);
    ws.write(
        "seeds/003_044ef6ceecc6e72e.txt",
        " date 2023-07-09 Rewritten about Zwolle.",
    );
    ws.index(&[]);
    assert_eq!(ws.search_json(&["Liverpool"]).total_hits, 4);
    assert_eq!(ws.ids(&["Zwolle"]), ["003_044ef6ceecc6e72e"]);
}

#[test]
fn a_missing_input_path_is_an_error_naming_it() {
    let ws = Workspace::new();
    ws.scout()
        .args(["index", "no-such-dir"])
        .assert()
        .code(2)
        .stderr(contains("cannot read no-such-dir"));
}

#[test]
fn a_repeated_id_is_skipped_and_reported_and_the_first_article_kept() {
    let ws = Workspace::new();
    // Two files of one name in two folders: one id.
    ws.write(
        "coll/2023/story.txt",
        "Zebra transfer saga. The old version.",
    );
    ws.write(
        "coll/2024/story.txt",
        "Zebra transfer saga. The new version.",
    );
    // And a feed repeating an id thousands of lines apart (another batch of the job).
    let mut feed = String::new();
    feed.push_str(&json_line("dup", "Okapi first", "The first okapi copy."));
    for i in 0..3000 {
        feed.push_str(&json_line(&format!("f{i}"), "Filler", "Nothing to see."));
    }
    feed.push_str(&json_line("dup", "Okapi second", "The second okapi copy."));
    ws.write("coll/feed.jsonl", feed);
    let run = |summary: &str| {
        let output = ws.scout().args(["index", "coll"]).output().expect("index");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(
                "2024/story.txt: skipped, id \"story\" repeats an article read before in this job"
            ) && stderr.contains("feed.jsonl line 3002: skipped, id \"dup\" repeats an article"),
            "{stderr}"
        );
        assert!(stderr.contains(summary), "{stderr}");
    };
    run("indexed 3002 articles (3002 new, 0 changed), 0 unchanged, skipped 2 (repeated id: 2)");
    let check = || {
        let zebra = ws.search_json(&["zebra"]);
        assert_eq!(zebra.hits.len(), 1);
        assert!(zebra.hits[0].path.ends_with("2023/story.txt"));
        let okapi = ws.search_json(&["okapi"]);
        assert_eq!(okapi.hits.len(), 1);
        assert_eq!(okapi.hits[0].title, "Okapi first");
    };
    check();
    // A re-run changes nothing.
    run("indexed 0 articles (0 new, 0 changed), 3002 unchanged, skipped 2 (repeated id: 2)");
    check();
}

#[test]
fn a_mistyped_first_job_leaves_no_empty_index_behind() {
    let ws = Workspace::with_seeds();
    ws.scout().args(["index", "seedz"]).assert().code(2);
    // The first search still builds the index from ./seeds.
    assert_eq!(
        ws.ids(&["Anton", "release", "clause"])[0],
        "000_67b09ea07b725da8"
    );
}

#[test]
fn overlapping_paths_and_symbolic_link_loops_read_each_file_once() {
    let ws = Workspace::new();
    ws.write("tree/a.txt", "Looping article one.");
    ws.write(
        "tree/sub/b.jsonl",
        "{\"id\":\"b\",\"body\":\"Looping article two.\"}\n",
    );
    std::os::unix::fs::symlink("..", ws.path().join("tree/sub/up")).expect("symlink");
    let stderr = ws.index(&["tree", "tree/sub/b.jsonl", "tree/sub"]);
    assert!(
        stderr.contains("indexed 2 articles (2 new, 0 changed), 0 unchanged, skipped 0"),
        "{stderr}"
    );
    // Read where they are, not again and again through the loop ("tree/sub/up/sub/up/...").
    let tree = ws.path().join("tree").canonicalize().expect("tree");
    let mut paths: Vec<String> = ws
        .search_json(&["looping"])
        .hits
        .into_iter()
        .map(|h| h.path)
        .collect();
    paths.sort();
    let expected = [tree.join("a.txt"), tree.join("sub/b.jsonl")];
    assert_eq!(paths, expected.map(|p| p.display().to_string()));
}

#[test]
fn binary_and_empty_files_are_skipped_with_reasons() {
    let ws = Workspace::new();
    ws.write("in/good.txt", "A good article.");
    ws.write("in/binary.txt", b"\x00\x01\x02binary");
    ws.write("in/empty.txt", "   \n");
    ws.scout()
        .args(["index", "in"])
        .assert()
        .code(1)
        .stderr(contains("binary.txt: skipped, binary file"))
        .stderr(contains("empty.txt: skipped, empty body"))
        .stderr(contains("indexed 1 article "));
}

#[test]
fn invalid_utf8_is_repaired_with_a_warning() {
    let ws = Workspace::new();
    ws.write("in/latin1.txt", b"Caf\xe9 owner signs for Brentford.");
    let stderr = ws.index(&["in"]);
    assert!(
        stderr.contains("latin1.txt: invalid UTF-8 repaired"),
        "{stderr}"
    );
    assert_eq!(ws.ids(&["Brentford"]), ["latin1"]);
}

#[test]
fn mojibake_is_repaired_with_a_warning_and_the_words_are_found() {
    let ws = Workspace::new();
    // UTF-8 once read as Latin-1 ("’" as "â\u{80}\u{99}") and as Windows-1252 ("Ã©").
    let line = serde_json::json!({
        "id": "m1",
        "title": "Real Madrid boss Carlo Ancelotti\u{e2}\u{80}\u{99}s plan",
        "body": "Carlo Ancelotti\u{e2}\u{80}\u{99}s side face Th\u{c3}\u{a9}o Hern\u{c3}\u{a1}ndez. \
                 Ancelotti\u{e2}\u{80}\u{99}s men paid \u{c2}\u{a3}40m.",
    });
    ws.write("in/feed.jsonl", format!("{line}\n"));
    let stderr = ws.index(&["in"]);
    assert!(
        stderr.contains("feed.jsonl line 1: repaired mis-decoded characters: 6"),
        "{stderr}"
    );
    let results = ws.search_json(&["Théo Hernández"]);
    assert_eq!(results.hits.len(), 1);
    let hit = &results.hits[0];
    assert_eq!(hit.title, "Real Madrid boss Carlo Ancelotti’s plan");
    assert!(hit.entities.person.contains(&"Carlo Ancelotti".to_string()));
    assert!(
        hit.entities.person.iter().all(|p| !p.contains('â')),
        "{:?}",
        hit.entities.person
    );
    assert_eq!(ws.ids(&["£40m"]), ["m1"]);
}

#[test]
fn a_closed_stderr_does_not_stop_the_job() {
    use std::process::{Command, Stdio};
    let ws = Workspace::new();
    // Every article warns (invalid UTF-8), so the job writes to stderr all along.
    for i in 0..300 {
        let mut bytes = format!("Caf owner {i} signs for Brentford.").into_bytes();
        bytes.insert(3, 0xE9);
        ws.write(&format!("in/a{i:03}.txt"), bytes);
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("scout"))
        .current_dir(ws.path())
        .args(["index", "in"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run scout index");
    // The reader goes away at once, as `scout index ... 2>&1 | head -1` would.
    drop(child.stderr.take());
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0));
    assert_eq!(ws.search_json(&["Brentford"]).total_hits, 300);
}

#[test]
fn the_cli_definition_is_consistent() {
    use clap::CommandFactory;
    scout::cli::Cli::command().debug_assert();
}

#[test]
fn a_bad_command_line_is_one_line_on_stderr() {
    let ws = Workspace::new();
    for (args, message) in [
        (
            &["index", "--threads", "0", "x"][..],
            "scout: error: invalid value '0' for '--threads <N>': 0 is not in 1..=256 (see --help)",
        ),
        (
            &["search", "--sort", "newest", "x"],
            "scout: error: invalid value 'newest' for '--sort <SORT>' (possible values: \
             relevance, date, recent; see --help)",
        ),
        (
            &["serch", "x"],
            "scout: error: unrecognized subcommand 'serch' (a similar subcommand exists: \
             'search'; see --help)",
        ),
    ] {
        let output = ws.scout().args(args).output().expect("run scout");
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!("{message}\n")
        );
    }
    // Help is no error.
    ws.scout()
        .args(["index", "--help"])
        .assert()
        .success()
        .stdout(contains("--commit-every"));
}
