//! `scout search` on the seeds and small fixtures: ranking, snippets, dates, accents,
//! stemming, the AND/OR fallback, exit codes and the JSON contract.

use crate::common::{json_line, WordsMatched, Workspace};
use predicates::str::contains;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

const ANTON: &str = "000_67b09ea07b725da8";
const KOLN: &str = "001_e74727ad727cab28";

#[test]
fn fresh_clone_search_builds_the_default_index_and_ranks_anton_first() {
    let ws = Workspace::with_seeds();
    let output = ws
        .scout()
        .args(["search", "Anton release clause", "--color", "always"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("building it from ./seeds"), "{stderr}");
    assert!(ws.path().join("index/CURRENT").is_file());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    let first = lines.next().expect("a first line");
    assert!(
        first.starts_with(" 1. 2024-06-18  Xabi Alonso could get one over"),
        "{first}"
    );
    assert!(lines.next().expect("origin line").contains(ANTON));
    let snippet = lines.next().expect("snippet line");
    assert!(
        snippet.contains("\x1b[1mrelease\x1b[0m \x1b[1mclause\x1b[0m of €22.5m"),
        "{snippet:?}"
    );
}

#[test]
fn an_empty_scout_index_variable_means_the_default_index() {
    let ws = Workspace::with_seeds();
    ws.scout()
        .env("SCOUT_INDEX", "")
        .args(["search", "Anton release clause"])
        .assert()
        .success()
        .stdout(contains(ANTON))
        .stderr(contains("building it from ./seeds"));
    assert!(ws.path().join("index/CURRENT").is_file());
}

#[test]
fn without_seeds_a_search_builds_no_default_index_and_says_why() {
    let ws = Workspace::new();
    for _ in 0..2 {
        ws.scout()
            .args(["search", "Anton"])
            .assert()
            .code(2)
            .stderr(contains(
                "no index at index and none to build from ./seeds: build one with `scout \
                 index PATH...`, or give --index DIR",
            ));
        // Nothing left behind that a later search would take for an empty index.
        assert!(!ws.path().join("index").exists());
    }
    // Nor with a seeds folder that holds no articles.
    std::fs::create_dir(ws.path().join("seeds")).expect("mkdir");
    ws.scout()
        .args(["search", "Anton"])
        .assert()
        .code(2)
        .stderr(contains("./seeds holds no article files"));
    assert!(!ws.path().join("index").exists());
}

#[test]
fn json_hit_has_date_snippet_and_highlight_offsets() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let results = ws.search_json(&["Anton release clause"]);
    assert_eq!(results.query, "Anton release clause");
    assert_eq!(results.total_hits, 1);
    assert!(!results.fallback);
    let hit = &results.hits[0];
    assert_eq!(hit.id, ANTON);
    assert_eq!(hit.date.as_deref(), Some("2024-06-18"));
    assert!(hit
        .title
        .starts_with("Xabi Alonso could get one over on Arne Slot"));
    assert!(
        hit.path.ends_with("000_67b09ea07b725da8.txt"),
        "{}",
        hit.path
    );
    assert!(hit.score > 0.0);
    assert_eq!((hit.source.as_deref(), hit.url.as_deref()), (None, None));
    assert!(
        hit.snippet.text.contains("release clause of €22.5m"),
        "{}",
        hit.snippet.text
    );
    let marked = hit.snippet.marked();
    assert!(
        marked.contains(&"release") && marked.contains(&"clause"),
        "{marked:?}"
    );
    // Every highlight is a real match of a query word (or of the entity "Anton" names).
    assert!(
        marked
            .iter()
            .all(|m| ["Anton", "Waldemar Anton", "release", "clause"].contains(m)),
        "{marked:?}"
    );
}

#[test]
fn koln_and_koeln_with_umlaut_both_find_the_undated_seed() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    for query in ["Koln", "Köln", "KÖLN"] {
        let results = ws.search_json(&[query]);
        assert_eq!(results.hits.len(), 1, "{query}");
        assert_eq!(results.hits[0].id, KOLN);
        assert_eq!(results.hits[0].date, None);
        assert_eq!(results.hits[0].snippet.marked(), ["Koln"]);
    }
    let human = ws.scout().args(["search", "Köln"]).output().expect("run");
    assert!(String::from_utf8_lossy(&human.stdout).starts_with(" 1. undated"));
}

#[test]
fn plettenberg_lists_exactly_the_three_seeds_that_name_him() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let mut ids = ws.ids(&["Plettenberg"]);
    ids.sort();
    assert_eq!(ids, [ANTON, "002_098e57104e219f0e", "003_044ef6ceecc6e72e"]);
}

#[test]
fn accents_fold_both_ways() {
    let ws = Workspace::new();
    ws.write(
        "a/ibanez.txt",
        "Agent Iñaki Ibáñez met the club. More text.",
    );
    ws.write(
        "a/ilkay.txt",
        "İlkay Gündoğan signed for Galatasaray. More text.",
    );
    ws.index(&["a"]);
    assert_eq!(ws.ids(&["Ilkay"]), ["ilkay"]);
    assert_eq!(ws.ids(&["İLKAY"]), ["ilkay"]);
    assert_eq!(ws.ids(&["Ibanez"]), ["ibanez"]);
    assert_eq!(ws.ids(&["ibáñez"]), ["ibanez"]);
    assert_eq!(
        ws.search_json(&["Inaki"]).hits[0].snippet.marked(),
        ["Iñaki"]
    );
}

#[test]
fn stemming_matches_other_word_forms_and_highlights_them() {
    let ws = Workspace::new();
    ws.write("a/one.txt", "The club completed the transfer of a striker.");
    ws.write("a/two.txt", "Nothing about money here at all.");
    ws.index(&["a"]);
    let results = ws.search_json(&["transfers"]);
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits[0].id, "one");
    assert_eq!(results.hits[0].snippet.marked(), ["transfer"]);
}

#[test]
fn a_word_ending_in_y_does_not_find_the_name_its_stem_would_be() {
    let ws = Workspace::new();
    ws.write("a/messi.txt", "Lionel Messi scored twice for Inter Miami.");
    ws.write(
        "a/messy.txt",
        "It was a messy game on a heavy pitch, and it was messier later.",
    );
    ws.write(
        "a/series.txt",
        "A series of injuries hit the squad. He tried a joke.",
    );
    ws.write(
        "a/serie.txt",
        "Serie A leaders Napoli won again. He tries hard.",
    );
    ws.write("a/toni.txt", "Toni Kroos retired from football.");
    ws.index(&["a"]);
    assert_eq!(ws.ids(&["messy"]), ["messy"]);
    assert_eq!(ws.ids(&["Messi"]), ["messi"]);
    assert_eq!(ws.ids(&["series"]), ["series"]);
    assert_eq!(ws.ids(&["Serie"]), ["serie"]);
    // The forms of one word still find each other, and so do a name's spellings.
    let mut tried = ws.ids(&["try"]);
    tried.sort();
    assert_eq!(tried, ["serie", "series"]);
    assert_eq!(ws.ids(&["Tony Kroos"]), ["toni"]);
    assert_eq!(
        ws.search_json(&["messy"]).hits[0].snippet.marked(),
        ["messy"]
    );
}

#[test]
fn title_matches_rank_above_body_matches() {
    let ws = Workspace::new();
    let feed = json_line(
        "body",
        "Weekend round-up",
        "Arsenal won and Chelsea lost again on Sunday.",
    ) + &json_line(
        "title",
        "Chelsea lost again",
        "Arsenal won and the others lost on Sunday too.",
    );
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    assert_eq!(ws.ids(&["Chelsea"]), ["title", "body"]);
}

#[test]
fn words_are_anded_then_ored_with_a_notice_when_nothing_matches_all() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let all = ws.search_json(&["Alonso Qarabag"]);
    assert!(!all.fallback);
    assert_eq!(
        all.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [KOLN]
    );

    let some = ws.search_json(&["Qarabag Chambers"]);
    assert!(some.fallback);
    let mut ids: Vec<_> = some.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [KOLN, "003_044ef6ceecc6e72e"]);

    ws.scout()
        .args(["search", "Qarabag Chambers"])
        .assert()
        .success()
        .stdout(contains(
            "No article matches all of \"Qarabag Chambers\"; showing articles that match any of \
             its words.",
        ));
}

#[test]
fn the_fallback_keeps_the_articles_with_the_most_of_the_words() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    // No seed has all three; 001 and 003 have two each (Alonso, Qarabag; Alonso, Chambers),
    // the rest Alonso alone, and are left out.
    let some = ws.search_json(&["Alonso Qarabag Chambers"]);
    let mut ids: Vec<_> = some.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [KOLN, "003_044ef6ceecc6e72e"]);
    assert_eq!(
        (some.fallback, some.fallback_words),
        (true, Some(WordsMatched { matched: 2, of: 3 }))
    );
    ws.scout()
        .args(["search", "Alonso Qarabag Chambers"])
        .assert()
        .success()
        .stdout(contains("showing articles that match 2 of its 3 words."));
}

#[test]
fn no_hits_exits_1_and_says_so() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    ws.scout()
        .args(["search", "zzzzqqq"])
        .assert()
        .code(1)
        .stderr(contains("no article matches \"zzzzqqq\""));
    let results = ws.search_json(&["zzzzqqq"]);
    assert_eq!((results.total_hits, results.hits.len()), (0, 0));
}

#[test]
fn a_bad_query_is_one_line_naming_the_position_and_exits_2() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let output = ws
        .scout()
        .args(["search", "Anton (release"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("\"Anton (release\"")
            && stderr.contains("unclosed parenthesis at position 7"),
        "{stderr}"
    );
}

#[test]
fn a_missing_explicit_index_is_an_error_not_a_build() {
    let ws = Workspace::with_seeds();
    let output = ws
        .scout()
        .args(["--index", "nowhere", "search", "Anton"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no index at nowhere") && stderr.contains("scout index"),
        "{stderr}"
    );
    assert!(!ws.path().join("nowhere").exists());
    // SCOUT_INDEX is an explicit choice too.
    ws.scout()
        .env("SCOUT_INDEX", "elsewhere")
        .args(["search", "Anton"])
        .assert()
        .code(2);
}

#[test]
fn no_color_and_pipes_get_plain_text() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let piped = ws.scout().args(["search", "Anton"]).output().expect("run");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\x1b'));
    let never = ws
        .scout()
        .args(["search", "Anton", "--color", "never"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\x1b'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let ws = Workspace::new();
    let mut feed = String::new();
    for i in 0..400 {
        feed.push_str(&format!(
            "{{\"id\":\"a{i}\",\"title\":\"Derby report {i}\",\"body\":\"The derby ended level. {}\"}}\n",
            "Long filler text about the derby. ".repeat(8)
        ));
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("scout"))
        .current_dir(ws.path())
        .args(["search", "derby", "-n", "400"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read a line");
    // The reader is dropped here: scout now writes into a closed pipe.
    let output = child.wait_with_output().expect("wait");
    assert!(first.starts_with(" 1. "), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn limit_caps_the_hits_but_not_the_total() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let results = ws.search_json(&["Liverpool", "-n", "2"]);
    assert_eq!(results.hits.len(), 2);
    assert_eq!(results.total_hits, 5);
    let scores: Vec<f32> = results.hits.iter().map(|h| h.score).collect();
    assert!(scores[0] >= scores[1]);
}
