//! The query layer through the binary: every syntax element, dates, typo expansion and its
//! message, exact phrase highlighting, snippet boundaries, near-duplicate collapsing,
//! sort orders, deterministic order, explain, and error positions.

use crate::common::{json_line, Workspace};
use predicates::prelude::*;
use predicates::str::contains;

/// A small feed with known dates, sources and wording.
fn feed() -> Workspace {
    let ws = Workspace::new();
    let line = |id: &str, date: &str, source: &str, title: &str, body: &str| {
        format!(
            "{{\"id\":\"{id}\",\"date\":\"{date}\",\"source\":\"{source}\",\"title\":\"{title}\",\"body\":\"{body}\"}}\n"
        )
    };
    let feed = [
        line(
            "a",
            "2024-01-15",
            "Daily Planet",
            "Release clause triggered",
            "The club paid the release clause in full for the striker.",
        ),
        line(
            "b",
            "2024-02-10",
            "Morning Post",
            "Clause and release",
            "The release of the player came after a clause was found in the deal.",
        ),
        line(
            "c",
            "2024-06-03",
            "Daily Planet",
            "Striker signs",
            "The striker signs a new contract with a release clause, said the agent Plettenberg.",
        ),
        line(
            "d",
            "2023-12-30",
            "Evening Star",
            "Keeper injured",
            "The goalkeeper was injured in training and will miss the derby.",
        ),
        line(
            "e",
            "2024-06-28",
            "Morning Post",
            "Derby report",
            "A late goal won the derby for the home side.",
        ),
    ]
    .concat();
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    ws
}

fn ids(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut ids = ws.ids(args);
    ids.sort();
    ids
}

#[test]
fn words_phrases_exclusion_or_groups_and_fields() {
    let ws = feed();
    assert_eq!(ids(&ws, &["release clause"]), ["a", "b", "c"]);
    assert_eq!(ids(&ws, &["\"release clause\""]), ["a", "c"]);
    assert_eq!(ids(&ws, &["\"release clause\"~3"]), ["a", "b", "c"]);
    assert_eq!(ids(&ws, &["release -striker"]), ["b"]);
    assert_eq!(ids(&ws, &["release NOT striker"]), ["b"]);
    assert_eq!(ids(&ws, &["goalkeeper OR goal"]), ["d", "e"]);
    assert_eq!(ids(&ws, &["(goalkeeper OR goal) derby -late"]), ["d"]);
    assert_eq!(ids(&ws, &["title:striker"]), ["c"]);
    assert_eq!(ids(&ws, &["title:\"release clause\""]), ["a"]);
    assert_eq!(ids(&ws, &["source:\"daily planet\""]), ["a", "c"]);
    assert_eq!(ids(&ws, &["clause source:post"]), ["b"]);
    // Unquoted on the command line, an excluded word is no unknown option, wherever the
    // options stand.
    assert_eq!(ids(&ws, &["release", "-striker"]), ["b"]);
    assert_eq!(ids(&ws, &["-striker", "release", "-n", "5"]), ["b"]);
    assert_eq!(
        ids(&ws, &["-n", "5", "release", "-\"release clause\""]),
        ["b"]
    );
    // In their order: "(goalkeeper -late) OR goal", not "goalkeeper OR goal -late".
    assert_eq!(ids(&ws, &["goalkeeper", "-late", "OR", "goal"]), ["d", "e"]);
    // A word starting with "-n" is no limit.
    assert_eq!(ids(&ws, &["release", "-newcastle"]), ["a", "b", "c"]);
}

#[test]
fn punctuation_between_words_is_no_word_to_match() {
    let ws = feed();
    // A pasted headline: the dash and the emoji stand for nothing; all words still required.
    let results = ws.search_json(&["release - striker ⚽"]);
    let mut found: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    found.sort();
    assert_eq!((found, results.fallback), (vec!["a", "c"], false));
    ws.scout()
        .args(["search", "!!! –"])
        .assert()
        .code(2)
        .stderr(contains(
            "no words to search for, only punctuation or symbols",
        ));
}

#[test]
fn date_ranges_months_years_and_open_ends() {
    let ws = feed();
    assert_eq!(ids(&ws, &["date:2024-06"]), ["c", "e"]);
    assert_eq!(ids(&ws, &["date:2024-01-01..2024-03-31"]), ["a", "b"]);
    assert_eq!(ids(&ws, &["date:2024-06-28"]), ["e"]);
    assert_eq!(ids(&ws, &["date:2023"]), ["d"]);
    assert_eq!(ids(&ws, &["derby since:2024-01"]), ["e"]);
    assert_eq!(ids(&ws, &["clause until:2024-02-10"]), ["a", "b"]);
    assert_eq!(
        ids(
            &ws,
            &["clause", "--since", "2024-02", "--until", "2024-06-03"]
        ),
        ["b", "c"]
    );
    assert_eq!(ids(&ws, &["date:..2023-12-31"]), ["d"]);
    ws.scout()
        .args(["search", "x", "--since", "2024-13"])
        .assert()
        .code(2)
        .stderr(contains("invalid date"));
    // Years an index cannot hold are an error, not a filter turned around.
    for args in [
        &["clause", "--since", "9999"][..],
        &["clause", "--until", "1600"],
        &["clause since:3000"],
        &["clause date:1000..2024"],
    ] {
        ws.scout()
            .arg("search")
            .args(args)
            .assert()
            .code(2)
            .stderr(contains("is outside the years 1678-2261 an index can hold"));
    }
    // Dates that exclude each other are an error, not an empty result, however given.
    for args in [
        &["clause", "--since", "2024-03", "--until", "2024-02-10"][..],
        &["clause since:2024-03 until:2024-02-10"],
        &["clause until:2024-02-10", "--since", "2024-03"],
    ] {
        ws.scout()
            .arg("search")
            .args(args)
            .assert()
            .code(2)
            .stderr(contains(
                "the dates exclude each other: on or after 2024-03-01 and on or before \
                 2024-02-10; no article can match",
            ));
    }
}

#[test]
fn a_capitalised_misspelling_prefers_the_name_to_a_commoner_word() {
    let ws = Workspace::new();
    // "Nemar" is one edit from "near" (in 8 articles) and from "Neymar" (in 3).
    let mut feed = String::new();
    for i in 0..8 {
        feed.push_str(&json_line(
            &format!("n{i}"),
            "Derby",
            "The ground is near the river.",
        ));
    }
    for i in 0..3 {
        feed.push_str(&json_line(
            &format!("s{i}"),
            "Santos",
            "Neymar scored for Santos again.",
        ));
    }
    for i in 0..8 {
        feed.push_str(&json_line(
            &format!("m{i}"),
            "Paris",
            "Kylian Mbappé scored again.",
        ));
    }
    for i in 0..2 {
        feed.push_str(&json_line(
            &format!("w{i}"),
            "Zambia",
            "Kelvin Mwape scored again.",
        ));
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let corrected = |query: &str| ws.search_json(&[query]).corrections[0].to.clone();
    assert_eq!(corrected("Nemar"), "Neymar");
    // Written in lower case it is taken for the commoner word.
    assert_eq!(corrected("nemar"), "near");
    // The commoner spelling is a name too ("mbapp", stemmed, written "Mbappé"): kept.
    assert_eq!(corrected("Mbape"), "Mbappé");
}

#[test]
fn a_spelling_near_only_as_a_stem_is_not_offered() {
    let ws = Workspace::new();
    // "quintessence" (stem "quintess") is two edits from the stem "quintet", which six
    // articles have, but five letters from the word.
    let mut feed = String::new();
    for i in 0..6 {
        feed.push_str(&json_line(
            &format!("q{i}"),
            "Half-time",
            "A jazz quintet played at half-time.",
        ));
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["quintessence"]);
    assert!(results.corrections.is_empty(), "{:?}", results.corrections);
    assert_eq!(results.total_hits, 0);
    // One edit from the word as written is still a typo, and so is a plural one edit from
    // the plural of a word the articles write only in the singular.
    for typo in ["quintett", "quintts"] {
        let results = ws.search_json(&[typo]);
        assert_eq!(results.corrections[0].to, "quintet", "{typo}");
        assert_eq!(results.total_hits, 6, "{typo}");
    }
}

#[test]
fn a_misspelt_first_name_is_read_with_the_surname_after_it() {
    let ws = Workspace::new();
    // "Sergy" is one edit from "series" (as indexed: the stem keeps its "y", for "seri" is
    // a name's) in six articles and from "Sergi" in one; only "Sergi" makes a name with
    // "Roberto".
    let mut feed = json_line(
        "roberto",
        "Como sign a captain",
        "Barcelona midfielder Sergi Roberto signed for Como on Friday.",
    );
    for i in 0..6 {
        feed.push_str(&json_line(
            &format!("s{i}"),
            "Boots",
            "The new boot series sold out again.",
        ));
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["Sergy Roberto"]);
    assert_eq!(
        results.corrections[0].to, "Sergi",
        "{:?}",
        results.corrections
    );
    assert_eq!(results.hits[0].id, "roberto");
}

#[test]
fn a_swapped_letter_that_changes_the_stem_is_still_one_edit() {
    let ws = Workspace::new();
    // "sprus" is one swap from "spurs" (stem "spur", two edits from "sprus") and one
    // letter from "spouse" (stem "spous").
    let mut feed = json_line("wife", "Family", "His spouse attended the match.");
    for i in 0..6 {
        feed.push_str(&json_line(&format!("s{i}"), "Derby", "Spurs won again."));
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["sprus"]);
    assert_eq!(results.corrections[0].to, "spurs");
    assert_eq!(results.total_hits, 6);
}

#[test]
fn a_misspelt_name_is_expanded_with_a_message_and_highlighted() {
    let ws = feed();
    let results = ws.search_json(&["Plettenburg"]);
    assert_eq!(
        results
            .hits
            .iter()
            .map(|h| h.id.as_str())
            .collect::<Vec<_>>(),
        ["c"]
    );
    assert_eq!(results.corrections.len(), 1);
    assert_eq!(
        (
            results.corrections[0].from.as_str(),
            results.corrections[0].to.as_str()
        ),
        ("Plettenburg", "Plettenberg")
    );
    assert!(!results.corrections[0].kept);
    assert!(results.hits[0].snippet.marked().contains(&"Plettenberg"));
    ws.scout()
        .args(["search", "Plettenburg"])
        .assert()
        .success()
        .stdout(contains("Showing results for Plettenberg"));
    // Insisting on the typed spelling: --exact, or quotes.
    ws.scout()
        .args(["search", "Plettenburg", "--exact"])
        .assert()
        .code(1);
    ws.scout()
        .args(["search", "\"Plettenburg\""])
        .assert()
        .code(1);
}

#[test]
fn a_correction_is_shown_as_articles_write_the_word_not_as_its_stem() {
    let ws = Workspace::new();
    // Most articles with "transfer"'s stem write it inflected or in capitals.
    let feed = "{\"id\":\"m\",\"title\":\"Madrid news\",\"body\":\"Kylian Mbappé scored \
                twice for Real Madrid on Sunday. HE TRANSFERRED IN 2024.\"}\n\
                {\"id\":\"t\",\"title\":\"Deals\",\"body\":\"Three transfers were made.\"}\n\
                {\"id\":\"u\",\"title\":\"Deals\",\"body\":\"Arsenal TRANSFERRED him.\"}\n\
                {\"id\":\"o\",\"title\":\"Other news\",\"body\":\"Arsenal beat Chelsea \
                before the transfer window.\"}\n";
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    // "mbappé" is indexed as its stem "mbapp": the message names the word, not the stem.
    let results = ws.search_json(&["Mbape"]);
    let corrections: Vec<(&str, &str)> = results
        .corrections
        .iter()
        .map(|c| (c.from.as_str(), c.to.as_str()))
        .collect();
    assert_eq!(corrections, [("Mbape", "Mbappé")]);
    assert_eq!(results.hits.len(), 1);
    // The word itself is preferred to another form of it, and capitals are no form.
    for (typed, shown) in [("trasnfer", "transfer"), ("Trasnfer", "Transfer")] {
        let results = ws.search_json(&[typed]);
        let corrections: Vec<&str> = results.corrections.iter().map(|c| c.to.as_str()).collect();
        assert_eq!(corrections, [shown]);
    }
    ws.scout()
        .args(["search", "mbape"])
        .assert()
        .success()
        .stdout(contains("Showing results for mbappé"));
}

#[test]
fn a_misspelt_name_that_a_rare_entity_bears_is_still_a_typo() {
    let ws = Workspace::new();
    let mut feed = String::new();
    for n in 0..25 {
        feed.push_str(&format!(
            "{{\"id\":\"s{n}\",\"title\":\"Spurs news {n}\",\"body\":\"Tottenham have sacked \
             Ange Postecoglou after a poor run, report {n}.\"}}\n"
        ));
    }
    // One article misspells the name, and makes a person of the misspelling.
    feed.push_str(
        "{\"id\":\"odd\",\"title\":\"Family\",\"body\":\"His brother, the defender Con \
         Postecoglu, spoke to reporters.\"}\n",
    );
    ws.write("feed.jsonl", &feed);
    ws.index(&["feed.jsonl"]);
    let people = ws.search_json(&["--person", "Con Postecoglu"]);
    assert_eq!(people.total_hits, 1, "the rare entity exists");
    let results = ws.search_json(&["Postecoglu sacked"]);
    assert_eq!(results.total_hits, 25, "{:?}", results.corrections);
    assert_eq!(results.corrections.len(), 1);
    assert_eq!(
        (
            results.corrections[0].from.as_str(),
            results.corrections[0].to.as_str(),
            results.corrections[0].kept
        ),
        ("Postecoglu", "Postecoglou", true)
    );
}

#[test]
fn a_phrase_is_highlighted_only_where_it_occurs() {
    let ws = feed();
    // "b" has both words, apart: it matches the words but gets no phrase highlight.
    let results = ws.search_json(&["\"release clause\"~3"]);
    let b = results.hits.iter().find(|h| h.id == "b").expect("b");
    assert!(
        b.snippet.marked().is_empty() || b.snippet.marked().iter().all(|m| m.contains(' ')),
        "{:?}",
        b.snippet.marked()
    );
    let exact = ws.search_json(&["\"release clause\""]);
    for hit in &exact.hits {
        assert!(
            hit.snippet
                .marked()
                .iter()
                .all(|m| m.eq_ignore_ascii_case("release clause")),
            "{:?}",
            hit.snippet.marked()
        );
    }
    let words = ws.search_json(&["release clause"]);
    let b = words.hits.iter().find(|h| h.id == "b").expect("b");
    assert_eq!(b.snippet.marked(), ["release", "clause"]);
}

#[test]
fn snippets_are_cut_at_word_boundaries_with_ellipses() {
    let ws = Workspace::new();
    let filler = "word ".repeat(150);
    ws.write(
        "long.txt",
        format!("Headline here. {filler}target {filler}"),
    );
    ws.index(&["long.txt"]);
    let hit = &ws.search_json(&["target"]).hits[0];
    let text = &hit.snippet.text;
    assert!(
        text.starts_with("… word") && text.ends_with("word …"),
        "{text}"
    );
    assert_eq!(hit.snippet.marked(), ["target"]);
    assert!(
        text.split(' ')
            .all(|w| w == "word" || w == "target" || w == "…"),
        "{text}"
    );
}

#[test]
fn near_duplicate_copies_collapse_under_the_first_and_all_shows_them() {
    let ws = Workspace::new();
    let story = "Liverpool have agreed a fee with Stuttgart for the defender, who has a release clause of 22.5 million euros. The player is expected to undergo a medical this week before signing a five-year contract. The manager wants a new centre-back after the departure of the veteran, and the defender fits the profile the club has been looking for all summer long.";
    let mut feed = String::new();
    for (i, source) in ["Paper One", "Paper Two", "Paper Three"].iter().enumerate() {
        let body = if i == 2 {
            story.replace("this week", "on Tuesday")
        } else {
            story.to_owned()
        };
        feed.push_str(&format!("{{\"id\":\"copy{i}\",\"source\":\"{source}\",\"title\":\"Defender deal agreed\",\"body\":\"{body}\"}}\n"));
    }
    feed.push_str("{\"id\":\"other\",\"title\":\"Other defender news\",\"body\":\"A different defender story about a loan move to a club in Spain with a buy option.\"}\n");
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["defender"]);
    assert_eq!(results.total_hits, 4);
    assert_eq!(
        results.hits.len(),
        2,
        "{:?}",
        results.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    let leader = results
        .hits
        .iter()
        .find(|h| h.id.starts_with("copy"))
        .expect("a copy leads");
    let mut similar: Vec<&str> = leader.similar.iter().map(|s| s.id.as_str()).collect();
    similar.sort();
    assert_eq!(similar.len(), 2);
    ws.scout()
        .args(["search", "defender"])
        .assert()
        .stdout(contains("+2 similar (Paper"));
    let all = ws.search_json(&["defender", "--all"]);
    assert_eq!(all.hits.len(), 4);
    assert!(all.hits.iter().all(|h| h.similar.is_empty()));
}

#[test]
fn sort_orders_and_deterministic_ties() {
    let ws = feed();
    let by_date = ws.ids(&["clause OR derby OR goalkeeper", "--sort", "date"]);
    assert_eq!(by_date, ["e", "c", "b", "a", "d"]);
    let first = ws.ids(&["the", "--all"]);
    for _ in 0..3 {
        assert_eq!(ws.ids(&["the", "--all"]), first);
    }
    // recent: relevance times freshness; the newest of two equal matches comes first.
    let recent = ws.ids(&["derby", "--sort", "recent"]);
    assert_eq!(recent[0], "e");
}

#[test]
fn explain_shows_terms_fields_and_score_parts() {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    let output = ws
        .scout()
        .args(["search", "Anton release clause", "--explain", "--json"])
        .output()
        .expect("run");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let explain = &value["hits"][0]["explain"];
    let terms: Vec<&str> = explain["matched"]
        .as_array()
        .expect("matched")
        .iter()
        .filter_map(|m| m["term"].as_str())
        .collect();
    assert!(
        terms.contains(&"releas") && terms.contains(&"claus"),
        "{terms:?}"
    );
    assert!(explain["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .any(|e| e == "Waldemar Anton"));
    assert!(explain["entity_boost"].as_f64().expect("boost") > 0.0);
    let text = explain["text_score"].as_f64().expect("text");
    let total = explain["score"].as_f64().expect("score");
    assert!((text + explain["entity_boost"].as_f64().unwrap_or(0.0) - total).abs() < 1e-3);
    ws.scout()
        .args(["search", "Anton release clause", "--explain"])
        .assert()
        .stdout(contains("why: matched").and(contains("+ entities")));
}

#[test]
fn malformed_queries_point_at_the_position() {
    let ws = feed();
    for (query, message) in [
        ("release (clause", "unclosed parenthesis at position 9"),
        ("\"release clause", "unclosed quote at position 1"),
        ("release OR", "expected a term after OR at position 11"),
        ("date:2024-13", "invalid date \"2024-13\""),
        ("club:", "expected a value after club: at position 6"),
    ] {
        ws.scout()
            .args(["search", query])
            .assert()
            .code(2)
            .stderr(contains(message));
    }
    // Thousands of brackets (a stack overflow once) are an error like any other.
    let deep = format!("{}Arsenal{}", "(".repeat(12_000), ")".repeat(12_000));
    ws.scout()
        .args(["search", &deep])
        .assert()
        .code(2)
        .stderr(contains("brackets nested more than 32 deep at position 33"));
}

#[test]
fn help_search_documents_the_syntax() {
    let ws = Workspace::new();
    ws.scout()
        .args(["help", "search"])
        .assert()
        .success()
        .stdout(
            contains("Query syntax")
                .and(contains("date:2024-06"))
                .and(contains("--exact")),
        );
}

#[test]
fn a_page_is_filled_with_distinct_stories_even_behind_many_copies() {
    let ws = Workspace::new();
    let mut feed = String::new();
    for story in 0..3 {
        let body = format!(
            "Story number {story} about the derby. {}",
            format!("Sentence {story} of a long report on the match and the manager's words afterwards. ").repeat(6)
        );
        for copy in 0..40 {
            feed.push_str(&format!("{{\"id\":\"s{story}-c{copy}\",\"title\":\"Derby story {story}\",\"body\":\"{body}\"}}\n"));
        }
    }
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["derby", "-n", "3"]);
    assert_eq!(results.total_hits, 120);
    assert_eq!(results.hits.len(), 3);
    let mut stories: Vec<&str> = results.hits.iter().map(|h| &h.id[..2]).collect();
    stories.sort();
    assert_eq!(stories, ["s0", "s1", "s2"]);
    assert!(
        results.hits.iter().all(|h| h.similar_count == 39),
        "{:?}",
        results
            .hits
            .iter()
            .map(|h| h.similar_count)
            .collect::<Vec<_>>()
    );
}
