//! Entity facets: recognition on the seeds, filters and their errors, facet counts, the
//! `entities` command, entity-aware ranking, and the labelled dev set's precision/recall.
//!
//! Print the dev-set figures with:
//! `cargo test --release --test cli entity_devset -- --nocapture`

use crate::common::{corpora, json_line, repo, Workspace};
use predicates::str::contains;
use scout::extract::fold::fold;
use scout::extract::gazetteer::gazetteer;
use scout::extract::{extract, EntityKind};
use std::collections::{BTreeSet, HashMap};

const ANTON: &str = "000_67b09ea07b725da8";

fn seeds() -> Workspace {
    let ws = Workspace::with_seeds();
    ws.index(&[]);
    ws
}

fn sorted_ids(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut ids = ws.ids(args);
    ids.sort();
    ids.into_iter().map(|id| id[..3].to_owned()).collect()
}

#[test]
fn club_filters_accept_aliases_and_accent_free_spellings() {
    let ws = seeds();
    assert_eq!(
        sorted_ids(&ws, &["--club", "Leverkusen"]),
        ["000", "001", "002", "003", "004"]
    );
    assert_eq!(
        sorted_ids(&ws, &["--club", "bayer 04 leverkusen"]),
        ["000", "001", "002", "003", "004"]
    );
    assert_eq!(
        sorted_ids(&ws, &["--club", "Bayern"]),
        ["001", "002", "004"]
    );
    assert_eq!(
        sorted_ids(&ws, &["--club", "FC Bayern"]),
        ["001", "002", "004"]
    );
    assert_eq!(sorted_ids(&ws, &["--club", "koln"]), ["001"]);
    assert_eq!(sorted_ids(&ws, &["--club", "Cologne"]), ["001"]);
}

#[test]
fn person_and_competition_filters() {
    let ws = seeds();
    assert_eq!(sorted_ids(&ws, &["--person", "Luke Chambers"]), ["003"]);
    assert_eq!(sorted_ids(&ws, &["--competition", "DFB-Pokal"]), ["004"]);
    assert_eq!(
        sorted_ids(&ws, &["release clause", "--person", "Waldemar Anton"]),
        ["000"]
    );
    assert_eq!(sorted_ids(&ws, &["--person", "xabi alonso"]).len(), 5);
    // Filters combine: AND across flags.
    assert_eq!(
        sorted_ids(&ws, &["--club", "Bayern", "--person", "Plettenberg"]),
        ["002"]
    );
    // The query syntax has the same filters.
    assert_eq!(
        sorted_ids(&ws, &["club:Bayern person:\"Florian Plettenberg\""]),
        ["002"]
    );
}

#[test]
fn an_empty_query_with_filters_lists_everything_about_the_entity_newest_first() {
    let ws = seeds();
    let results = ws.search_json(&["--club", "Bayern"]);
    assert_eq!(results.total_hits, 3);
    let dates: Vec<Option<&str>> = results.hits.iter().map(|h| h.date.as_deref()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first, undated last");
}

#[test]
fn an_empty_query_with_filters_shows_where_the_article_names_the_entity() {
    let ws = seeds();
    // 003 opens with its headline; the snippet is a passage naming the person filtered on.
    let results = ws.search_json(&["--person", "Luke Chambers"]);
    let marked = results.hits[0].snippet.marked();
    assert!(
        !marked.is_empty() && marked.iter().all(|m| *m == "Chambers"),
        "{marked:?}"
    );
    // A club as the filter named it and by its canonical name.
    let results = ws.search_json(&["--club", "leverkusen", "--since", "2024-06-01"]);
    assert!(!results.hits.is_empty());
    for hit in &results.hits {
        let marked = hit.snippet.marked();
        assert!(
            !marked.is_empty()
                && marked
                    .iter()
                    .all(|m| ["Bayer Leverkusen", "Leverkusen"].contains(m)),
            "{}: {marked:?}",
            hit.id
        );
    }
    // With words of its own, the query's words are what the snippet shows.
    let results = ws.search_json(&["release clause", "--person", "Waldemar Anton"]);
    let marked = results.hits[0].snippet.marked();
    assert!(
        marked
            .iter()
            .all(|m| m.eq_ignore_ascii_case("release") || m.eq_ignore_ascii_case("clause")),
        "{marked:?}"
    );
}

#[test]
fn an_empty_query_without_filters_is_an_error() {
    let ws = seeds();
    ws.scout()
        .args(["search"])
        .assert()
        .code(2)
        .stderr(contains("give a query"));
}

#[test]
fn unknown_filter_names_are_errors_with_the_nearest_known_names() {
    let ws = seeds();
    let output = ws
        .scout()
        .args(["search", "--club", "Bayren"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown club \"Bayren\"") && stderr.contains("\"Bayern Munich\""),
        "{stderr}"
    );
    ws.scout()
        .args(["search", "person:Plettenburg"])
        .assert()
        .code(2)
        .stderr(contains("nearest known: \"Florian Plettenberg\""));
    ws.scout()
        .args(["search", "--club", " "])
        .assert()
        .code(2)
        .stderr(contains("the club name is empty"));
}

#[test]
fn the_anton_seed_names_its_entities_and_no_outlets_months_or_phrases() {
    let ws = seeds();
    let hit = ws
        .search_json(&["Anton release clause"])
        .hits
        .into_iter()
        .next()
        .expect("a hit");
    assert_eq!(hit.id, ANTON);
    for person in [
        "Waldemar Anton",
        "Xabi Alonso",
        "Arne Slot",
        "Virgil van Dijk",
        "Leny Yoro",
        "Levi Colwill",
        "Florian Plettenberg",
    ] {
        assert!(
            hit.entities.person.iter().any(|p| p == person),
            "{person}: {:?}",
            hit.entities.person
        );
    }
    for club in [
        "Bayer Leverkusen",
        "Liverpool",
        "VfB Stuttgart",
        "Borussia Dortmund",
        "Al Nassr",
        "Lille",
        "Real Madrid",
        "Chelsea",
    ] {
        assert!(
            hit.entities.club.iter().any(|c| c == club),
            "{club}: {:?}",
            hit.entities.club
        );
    }
    let all: Vec<&String> = hit
        .entities
        .club
        .iter()
        .chain(&hit.entities.person)
        .chain(&hit.entities.competition)
        .collect();
    for bad in [
        "TEAMtalk",
        "Sky",
        "June",
        "Reds",
        "Dutch",
        "Frenchman",
        "Spanish",
    ] {
        assert!(all.iter().all(|e| !e.contains(bad)), "{bad} in {all:?}");
    }
    // Every person is a full name (no lone surnames, no phrases).
    assert!(
        hit.entities
            .person
            .iter()
            .all(|p| p.split_whitespace().count() >= 2),
        "{:?}",
        hit.entities.person
    );
}

#[test]
fn facets_count_entities_among_all_hits() {
    let ws = seeds();
    let output = ws
        .scout()
        .args(["search", "Alonso", "--facets", "--json"])
        .output()
        .expect("run");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let clubs = value["facets"]["club"].as_array().expect("club counts");
    let count_of = |name: &str| {
        clubs
            .iter()
            .find(|c| c["name"] == name)
            .map(|c| c["count"].as_u64())
    };
    assert_eq!(count_of("Bayer Leverkusen"), Some(Some(5)));
    assert_eq!(count_of("Bayern Munich"), Some(Some(3)));
    let human = ws
        .scout()
        .args(["search", "Alonso", "--facets"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("Top entities among all 5 hits") && text.contains("5  Bayer Leverkusen"),
        "{text}"
    );
}

#[test]
fn the_entities_command_lists_by_article_count() {
    let ws = seeds();
    let output = ws
        .scout()
        .args(["entities", "--kind", "club", "--top", "3"])
        .output()
        .expect("run");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "clubs:");
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[1].trim_start().starts_with("5  ")
            && lines[3].trim_start().starts_with("3  Bayern Munich"),
        "{text}"
    );
    let json = ws
        .scout()
        .args(["entities", "--json", "--kind", "person", "--top", "2"])
        .output()
        .expect("run");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["person"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["club"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_query_naming_an_entity_ranks_articles_about_it_first() {
    let ws = Workspace::new();
    // Both articles contain the word "Anton" equally often in title and body; only one is
    // about Waldemar Anton, the person "Anton" names in this index. Ids are chosen so that a
    // plain tie would put the other article first.
    let feed = json_line(
        "a-stach",
        "Anton Stach signs",
        "Hoffenheim confirm Anton Stach has signed a new contract.",
    ) + &json_line(
        "b-anton",
        "Waldemar Anton signs",
        "Stuttgart confirm Waldemar Anton has signed a new contract.",
    ) + &json_line(
        "filler",
        "Other news",
        "Arsenal won the derby against Chelsea.",
    );
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["Anton"]);
    let ranked: Vec<(&str, f32)> = results
        .hits
        .iter()
        .map(|h| (h.id.as_str(), h.score))
        .collect();
    assert_eq!(ranked[0].0, "b-anton", "{ranked:?}");
    assert!(ranked[0].1 > ranked[1].1, "{ranked:?}");
}

#[test]
fn a_query_naming_a_club_scores_its_articles_by_the_clubs_other_names_too() {
    let ws = Workspace::new();
    // Both articles are tagged 1. FC Köln. One is about the club and calls it "Cologne"
    // throughout; the other names "Koln" once in passing in a story about Bayern.
    let feed = json_line(
        "a-passing",
        "Bayern win again",
        "Bayern Munich beat Koln 2-0 in the Bundesliga and Harry Kane scored twice. Bayern \
         stay top of the table.",
    ) + &json_line(
        "b-about",
        "Cologne appoint a new coach",
        "Cologne have appointed a new head coach. Cologne sit 15th in the Bundesliga and \
         Cologne fans hope for a turnaround. The Cologne board met on Monday.",
    ) + &json_line(
        "filler",
        "Other news",
        "Arsenal won the derby against Chelsea.",
    );
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["Koln"]);
    let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["b-about", "a-passing"]);
    // The other name is highlighted.
    assert!(
        results.hits[0].snippet.marked().contains(&"Cologne"),
        "{:?}",
        results.hits[0].snippet
    );
    // Typing the other name finds the same articles.
    let ids = ws.ids(&["Cologne"]);
    assert_eq!(ids, ["b-about", "a-passing"]);
    // Excluding either name leaves out both: "a-passing" never writes "Cologne", nor
    // "b-about" "Koln".
    for query in ["-Cologne", "-Koln", "NOT Cologne", "-\"FC Koln\""] {
        assert_eq!(ws.ids(&[query]), ["filler"], "{query}");
    }
    // Tagged articles are excluded, not the whole entity's name: "-Bayern" keeps the
    // article that is only about Cologne.
    let mut ids = ws.ids(&["-Bayern"]);
    ids.sort();
    assert_eq!(ids, ["b-about", "filler"]);
}

#[test]
fn a_tagged_article_shows_where_it_names_the_entity_by_another_name_of_several_words() {
    let ws = Workspace::new();
    // Tagged Thomas Müller, whom it names only as "Thomas Mueller"; five articles write
    // "Müller", so the query is taken as typed, not corrected to "Mueller".
    let feed = json_line(
        "mueller",
        "Bayern prepare for the derby",
        "The squad trained on Friday morning in cold weather. The coach spoke about the \
         schedule and the travel plans for the weekend. Later Thomas Mueller joined the \
         session after a short rest.",
    ) + &(0..5)
        .map(|i| {
            json_line(
                &format!("gerd{i}"),
                "Old times",
                "Gerd Müller scored again.",
            )
        })
        .collect::<String>();
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let results = ws.search_json(&["Thomas Müller"]);
    assert_eq!(results.hits[0].id, "mueller");
    assert_eq!(
        results.hits[0].snippet.marked(),
        ["Thomas Mueller"],
        "{:?}",
        results.hits[0].snippet
    );
}
/// Maps a label or an extracted name to a comparable key: folded, through the gazetteer's
/// aliases to the canonical name when the name is a known alias of that kind.
fn normalise(kind: EntityKind, name: &str) -> String {
    let folded = fold(name.trim());
    let gazetteer = gazetteer();
    if let Some(targets) = gazetteer.by_alias.get(&folded) {
        if let Some(target) = targets
            .iter()
            .find(|t| gazetteer.entry(t.entry).kind == kind)
        {
            return fold(&gazetteer.entry(target.entry).canonical).replace('-', " ");
        }
    }
    folded
}

#[derive(serde::Deserialize)]
struct Labelled {
    corpus: String,
    id: String,
    clubs: Vec<String>,
    people: Vec<String>,
    competitions: Vec<String>,
}

#[test]
fn entity_devset_precision_and_recall() {
    let Some(corpora) = corpora() else { return };
    let labels: Vec<Labelled> = serde_json::from_slice(
        &std::fs::read(repo().join("tests/data/entity_devset.json")).expect("dev set"),
    )
    .expect("dev set JSON");
    assert!(labels.len() >= 30);
    // Read the labelled articles from the corpora.
    let mut wanted: HashMap<(String, String), &Labelled> = HashMap::new();
    for l in &labels {
        wanted.insert((l.corpus.clone(), l.id.clone()), l);
    }
    let corpus_names: BTreeSet<&str> = labels.iter().map(|l| l.corpus.as_str()).collect();
    // (kind) -> (true positives, extracted, labelled)
    let mut tally: HashMap<EntityKind, (usize, usize, usize)> = HashMap::new();
    let mut found = 0;
    let mut misses: Vec<String> = Vec::new();
    for corpus in corpus_names {
        let records = scout::corpus::read_records(
            vec![corpora.join(corpus)],
            scout::corpus::MAX_RECORD_BYTES,
        );
        for record in records.flatten() {
            let Ok(parsed) = scout::corpus::parse_record(&record) else {
                continue;
            };
            let article = parsed.article;
            let Some(label) = wanted.get(&(corpus.to_owned(), article.id.clone())) else {
                continue;
            };
            found += 1;
            let entities = extract(&article);
            for (kind, labelled) in [
                (EntityKind::Club, &label.clubs),
                (EntityKind::Person, &label.people),
                (EntityKind::Competition, &label.competitions),
            ] {
                let gold: BTreeSet<String> = labelled.iter().map(|n| normalise(kind, n)).collect();
                let got: BTreeSet<String> = entities
                    .of_kind(kind)
                    .iter()
                    .map(|n| normalise(kind, n))
                    .collect();
                let entry = tally.entry(kind).or_default();
                entry.0 += gold.intersection(&got).count();
                entry.1 += got.len();
                entry.2 += gold.len();
                for extra in got.difference(&gold) {
                    misses.push(format!("{} {}: extra {extra}", article.id, kind.name()));
                }
                for missed in gold.difference(&got) {
                    let text = format!("{} {}", article.title, article.body);
                    let last = missed.split_whitespace().last().unwrap_or("");
                    let folded = fold(&text);
                    let context = folded.find(last).map_or(String::new(), |at| {
                        let start = folded[..at]
                            .char_indices()
                            .rev()
                            .nth(40)
                            .map_or(0, |(i, _)| i);
                        folded[start..]
                            .chars()
                            .take(90)
                            .collect::<String>()
                            .replace('\n', " ")
                    });
                    misses.push(format!(
                        "{} {}: missed {missed}    [{context}]",
                        article.id,
                        kind.name()
                    ));
                }
            }
        }
    }
    assert_eq!(
        found,
        labels.len(),
        "every labelled article is in the corpora"
    );
    if std::env::var_os("SCOUT_DEVSET_ERRORS").is_some() {
        for line in &misses {
            println!("{line}");
        }
    }
    println!("entity dev set: {} articles", labels.len());
    println!(
        "{:<12} {:>9} {:>9} {:>9}   (tp / extracted / labelled)",
        "kind", "precision", "recall", "F1"
    );
    let mut scores = HashMap::new();
    for kind in EntityKind::ALL {
        let (tp, got, gold) = tally.get(&kind).copied().unwrap_or_default();
        let p = if got == 0 {
            0.0
        } else {
            tp as f64 / got as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        println!(
            "{:<12} {p:>9.3} {r:>9.3} {f1:>9.3}   ({tp} / {got} / {gold})",
            kind.name()
        );
        scores.insert(kind, (p, r));
    }
    // The entity issue's aims for clubs and people (precision >= 0.95, recall >= 0.90);
    // competitions a little under their measured 0.949 / 0.895.
    let floors = [
        (EntityKind::Club, 0.95, 0.90),
        (EntityKind::Person, 0.95, 0.90),
        (EntityKind::Competition, 0.90, 0.85),
    ];
    for (kind, min_p, min_r) in floors {
        let (p, r) = scores[&kind];
        assert!(
            p >= min_p && r >= min_r,
            "{} precision {p:.3} recall {r:.3} below the floor",
            kind.name()
        );
    }
}

#[test]
fn one_person_written_with_and_without_accents_is_one_entity() {
    // A player the gazetteer does not know keeps the spelling of the article that names
    // her; the index still treats both spellings as one person.
    let ws = Workspace::new();
    ws.write(
        "a.txt",
        " date 2024-05-01 Barcelona win again\nBarcelona midfielder Aitana Bonmatí scored twice.",
    );
    ws.write(
        "b.txt",
        " date 2024-05-02 Award night\nBarcelona midfielder Aitana Bonmati won the award.",
    );
    ws.write(
        "c.txt",
        " date 2024-05-03 Other news\nBarcelona midfielder Aitana Bonmatí was rested.",
    );
    ws.index(&["a.txt", "b.txt", "c.txt"]);
    for spelling in ["Aitana Bonmati", "aitana bonmatí", "AITANA BONMATI"] {
        let mut ids = ws.ids(&["--person", spelling]);
        ids.sort();
        assert_eq!(ids.len(), 3, "--person {spelling:?}: {ids:?}");
    }
    // Listed once, under the more frequent spelling, with both spellings' articles.
    let output = ws
        .scout()
        .args(["entities", "--kind", "person"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("Aitana")).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].trim_start().starts_with("3  Aitana Bonmatí"),
        "{text}"
    );
    // Facet counts among hits agree: one person, three articles.
    let results = ws.search_json(&["Barcelona", "--facets"]);
    let people = &results.facets.expect("facets")["person"];
    assert_eq!(
        people,
        &serde_json::json!([{"name": "Aitana Bonmatí", "count": 3}]),
        "{people}"
    );
}

/// Real articles where runs of capitals once made junk people ("Nolan Miller Ready", "Prime
/// Minister Mark Carney"): the junk is gone and the person in it is found.
#[test]
fn runs_of_capitals_that_are_no_names_are_no_people_on_real_articles() {
    let Some(corpora) = corpora() else { return };
    // (article id, a name that must not be a person, the person it hid or "")
    let cases: [(&str, &str, &str); 18] = [
        ("0452b35957d3", "Nolan Miller Ready", "Nolan Miller"),
        ("0452b35957d3", "Lions Sign Nolan Miller", "Nolan Miller"),
        ("08062e390dd9", "Milan-Cortina Games", ""),
        ("0f00d8dd3ac1", "President Donald Trump", "Donald Trump"),
        ("0f00d8dd3ac1", "Prime Minister Mark Carney", "Mark Carney"),
        ("08510ecd81cf", "Young Player", ""),
        ("0018c764a52f", "Sarina I'm", "Sarina Wiegman"),
        ("cc2c8c6b7d16", "Gunner Katie McCabe", "Katie McCabe"),
        ("0135b0994aa7", "Rio de Janeiro", ""),
        // A surname named before the full name; a ground, the Queen, an outlet's line.
        ("85e24741402b", "Van de Ven", "Micky van de Ven"),
        ("299093cdd929", "Al Fayed", "Mohamed Al Fayed"),
        ("05c0159de7bb", "Stamford Bridge", ""),
        ("05c0159de7bb", "Mungo Bridge", ""),
        ("023f4a3705c1", "Taylor Queen", ""),
        ("051668b00eac", "Print E-mail Xinhua", ""),
        // A city, not the only known person of that surname.
        ("0109f0aaa92c", "Max Melbourne", ""),
        ("00827801b675", "Conor Washington", ""),
        (
            "14245d5ee630",
            "Professor Francesco Corcione",
            "Francesco Corcione",
        ),
    ];
    let wanted: BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    let mut people: HashMap<String, Vec<String>> = HashMap::new();
    let records = scout::corpus::read_records(
        vec![corpora.join("football-news-2020-2026.jsonl.gz")],
        scout::corpus::MAX_RECORD_BYTES,
    );
    for record in records.flatten() {
        let Ok(parsed) = scout::corpus::parse_record(&record) else {
            continue;
        };
        if wanted.contains(parsed.article.id.as_str()) {
            let found = extract(&parsed.article).person;
            people.insert(parsed.article.id.clone(), found);
        }
    }
    for (id, junk, person) in cases {
        let found = people
            .get(id)
            .unwrap_or_else(|| panic!("article {id} is in the corpus"));
        assert!(
            !found.iter().any(|p| p == junk),
            "{id}: {junk:?} in {found:?}"
        );
        assert!(
            person.is_empty() || found.iter().any(|p| p == person),
            "{id}: {person:?} not in {found:?}"
        );
    }
}

#[test]
fn a_player_named_with_a_short_forename_is_one_person_for_filters_and_counts() {
    let ws = Workspace::new();
    // Where Liverpool is named, "Andy Robertson" is the known Andrew Robertson; where it is
    // not, he stays "Andy Robertson", and the lexicon counts him as the same person.
    let feed = json_line(
        "a",
        "Robertson injured",
        "Liverpool defender Andy Robertson is injured. Robertson will miss the derby.",
    ) + &json_line(
        "b",
        "Robertson returns",
        "Liverpool full-back Andrew Robertson is back in training.",
    ) + &json_line(
        "c",
        "Scotland squad named",
        "Scotland captain Andy Robertson leads the squad. Robertson has 80 caps.",
    );
    ws.write("feed.jsonl", feed);
    ws.index(&["feed.jsonl"]);
    let tagged = |id: &str| -> Vec<String> {
        let results = ws.search_json(&["Robertson", "-n", "10"]);
        let hit = results.hits.iter().find(|h| h.id == id).expect("hit");
        hit.entities.person.clone()
    };
    assert_eq!(tagged("a"), ["Andrew Robertson"]);
    assert_eq!(tagged("c"), ["Andy Robertson"]);
    for name in ["Andy Robertson", "andrew robertson"] {
        let mut ids = ws.ids(&["--person", name]);
        ids.sort();
        assert_eq!(ids, ["a", "b", "c"], "{name}");
    }
    let results = ws.search_json(&["Robertson", "--facets"]);
    let people = results.facets.expect("facets")["person"].clone();
    assert_eq!(
        people,
        serde_json::json!([{"name": "Andrew Robertson", "count": 3}])
    );
}

#[test]
fn a_filter_name_several_people_share_is_an_error_listing_them() {
    let ws = Workspace::new();
    ws.write(
        "a/jesus.txt",
        "Arsenal forward Gabriel Jesus scored twice against Chelsea on Sunday.",
    );
    ws.write(
        "a/magalhaes.txt",
        "Arsenal defender Gabriel Magalhães headed in a corner against Chelsea.",
    );
    ws.write(
        "a/martinelli.txt",
        "Arsenal winger Gabriel Martinelli ran clear on the left against Chelsea.",
    );
    ws.index(&["a"]);
    for (filter, name) in [("--person", "Gabriel"), ("--person", "gabriel")] {
        ws.scout()
            .args(["search", filter, name])
            .assert()
            .code(2)
            .stderr(contains(format!("person \"{name}\" is ambiguous")))
            .stderr(contains("Gabriel Jesus (1)"))
            .stderr(contains("Gabriel Magalhães (1)"))
            .stderr(contains("give the full name"));
    }
    ws.write(
        "a/trent.txt",
        "Liverpool defender Trent Alexander-Arnold crossed for Mohamed Salah.",
    );
    ws.index(&["a"]);
    // The full name, a surname only one of them has, or a word of one name names one person
    // (a word of a hyphenated name too); a word no name is known by names no one.
    assert_eq!(ws.ids(&["--person", "Arnold"]), ["trent"]);
    ws.scout()
        .args(["search", "--club", "de"])
        .assert()
        .code(2)
        .stderr(contains("unknown club \"de\""));
    assert_eq!(ws.ids(&["--person", "Gabriel Jesus"]), ["jesus"]);
    assert_eq!(ws.ids(&["--person", "Martinelli"]), ["martinelli"]);
    assert_eq!(ws.ids(&["--person", "magalhaes"]), ["magalhaes"]);
    // Named three times as often as any other, one of them is the one the name means.
    for n in 2..=3 {
        ws.write(
            &format!("a/jesus{n}.txt"),
            format!("Gabriel Jesus scored again for Arsenal, his goal number {n}."),
        );
    }
    ws.index(&["a"]);
    let mut ids = ws.ids(&["--person", "Gabriel"]);
    ids.sort();
    assert_eq!(ids, ["jesus", "jesus2", "jesus3"]);
}

#[test]
fn copies_of_one_story_count_once_when_a_filter_name_is_weighed() {
    let ws = Workspace::new();
    // One agency report reposted four times names a referee "Anton"; one story names the
    // Stuttgart defender.
    for n in 1..=4 {
        ws.write(
            &format!("a/report{n}.txt"),
            "Melbourne Victory drew with Sydney FC on Saturday night. The referee Anton \
             Shchetinin sent off two players in the second half and awarded a late penalty.",
        );
    }
    ws.write(
        "a/stuttgart.txt",
        "VfB Stuttgart defender Waldemar Anton signed a new contract on Monday.",
    );
    ws.index(&["a"]);
    // By articles the referee is named four times as often; by stories, as often.
    ws.scout()
        .args(["search", "--person", "Anton"])
        .assert()
        .code(2)
        .stderr(contains("person \"Anton\" is ambiguous"))
        .stderr(contains("Anton Shchetinin (1)"))
        .stderr(contains("Waldemar Anton (1)"));
    // Three more stories about the defender make him the one.
    for n in 1..=3 {
        ws.write(
            &format!("a/stuttgart{n}.txt"),
            format!("Waldemar Anton captained VfB Stuttgart in match {n} of the season."),
        );
    }
    ws.index(&["a"]);
    assert_eq!(
        ws.search_json(&["--person", "Anton"]).filters.person,
        ["Waldemar Anton"]
    );
}

#[test]
fn a_word_of_an_alias_names_a_club_with_no_rival_and_is_a_rival_to_the_others() {
    let ws = Workspace::new();
    for (n, story) in [
        "Bayern Munich beat Dortmund in the Bundesliga on Saturday.",
        "Harry Kane scored twice as Bayern Munich won at Leipzig.",
        "Bayern Munich have signed a goalkeeper from Hoffenheim for next season.",
    ]
    .iter()
    .enumerate()
    {
        ws.write(&format!("a/bayern{n}.txt"), story);
    }
    ws.index(&["a"]);
    // "München" is a word of Bayern's alias "Bayern München": with no rival, Bayern.
    for name in ["München", "munchen", "Muenchen", "Munich"] {
        let results = ws.search_json(&["--club", name]);
        assert_eq!(results.filters.club, ["Bayern Munich"], "{name}");
        assert_eq!(results.total_hits, 3, "{name}");
    }
    ws.write(
        "a/sechzig.txt",
        "TSV 1860 München drew with Dynamo Dresden in the 3. Liga on Sunday.",
    );
    ws.index(&["a"]);
    // A word of TSV 1860 München's name, and of Bayern's alias only: both, ambiguous.
    ws.scout()
        .args(["search", "--club", "München"])
        .assert()
        .code(2)
        .stderr(contains("club \"München\" is ambiguous"))
        .stderr(contains("Bayern Munich (3), TSV 1860 München (1)"));
    // "Munich" is a word of Bayern's name and of TSV 1860's aliases only: Bayern.
    assert_eq!(
        ws.search_json(&["--club", "Munich"]).filters.club,
        ["Bayern Munich"]
    );
    assert_eq!(ws.ids(&["--club", "1860"]), ["sechzig"]);
}

#[test]
fn a_country_inside_a_longer_countrys_name_is_not_named() {
    let ws = Workspace::new();
    ws.write(
        "a/png.txt",
        "Papua New Guinea lost to New Zealand in the OFC Nations Cup qualifier.",
    );
    ws.write(
        "a/afcon.txt",
        "Equatorial Guinea beat Guinea-Bissau 2-1 in the Africa Cup of Nations.",
    );
    ws.index(&["a"]);
    let clubs = |id: &str| {
        let hit = ws
            .search_json(&["Nations"])
            .hits
            .into_iter()
            .find(|h| h.id == id)
            .expect("a hit");
        hit.entities.club
    };
    let png = clubs("png");
    assert!(png.iter().any(|c| c == "Papua New Guinea"), "{png:?}");
    assert!(!png.iter().any(|c| c == "Guinea"), "{png:?}");
    assert_eq!(clubs("afcon"), ["Equatorial Guinea", "Guinea-Bissau"]);
}

#[test]
fn json_results_say_which_entities_the_filters_were_taken_to_mean() {
    let ws = seeds();
    let results = ws.search_json(&["--club", "leverkusen", "person:anton", "release"]);
    assert_eq!(results.filters.club, ["Bayer Leverkusen"]);
    assert_eq!(results.filters.person, ["Waldemar Anton"]);
    assert!(results.filters.competition.is_empty());
    // A negated filter filters nothing in.
    let results = ws.search_json(&["--club", "Bayern", "-club:Liverpool"]);
    assert_eq!(results.filters.club, ["Bayern Munich"]);
    assert!(ws.search_json(&["Anton"]).filters.club.is_empty());
    // Nor does one of alternatives.
    let results = ws.search_json(&["Bayern OR club:Liverpool"]);
    assert!(results.filters.club.is_empty(), "{:?}", results.filters);
}

#[test]
fn a_nickname_of_a_mens_competition_is_not_ambiguous_with_the_womens_one() {
    let ws = Workspace::new();
    ws.write(
        "a/mens.txt",
        "Spain won Euro 2024, the European Championship, in Berlin.",
    );
    ws.write(
        "a/womens1.txt",
        "England won the Women's Euro 2025 in Basel on Sunday.",
    );
    ws.write(
        "a/womens2.txt",
        "The Women's Euro 2025 final drew a record crowd in Basel.",
    );
    ws.index(&["a"]);
    assert_eq!(ws.ids(&["--competition", "Euro"]), ["mens"]);
    let mut womens = ws.ids(&["--competition", "Women's Euro"]);
    womens.sort();
    assert_eq!(womens, ["womens1", "womens2"]);
}
