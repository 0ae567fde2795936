//! Robustness on the real corpora in `../shared/corpora` (skipped, loudly, when absent).

use crate::common::{corpora, Workspace};

#[test]
fn the_noisy_corpus_indexes_every_line_with_a_body_and_reports_the_rest() {
    let Some(corpora) = corpora() else { return };
    let noisy = corpora.join("noisy-2022-2024.jsonl.gz");
    let ws = Workspace::new();
    let output = ws
        .scout()
        .args(["index", noisy.to_str().expect("utf-8 path")])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Lines without a body are skipped, so the job reports exit 1, not an error.
    assert_eq!(output.status.code(), Some(1), "{stderr}");

    // Count what the file holds, independently of scout.
    let file = std::fs::File::open(&noisy).expect("open");
    let text = std::io::read_to_string(flate2::read::GzDecoder::new(file)).expect("gunzip");
    let (mut with_body, mut without, mut bad_dates, mut mojibake) = (0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        // "’" read as Latin-1: "â" and two C1 controls, never written on purpose.
        if line.contains("\u{e2}\u{80}") || line.contains("\\u00e2\\u0080") {
            mojibake += 1;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).expect("the noisy lines are JSON");
        match value["body"].as_str().map(str::trim) {
            Some(body) if !body.is_empty() => with_body += 1,
            _ => without += 1,
        }
        if let Some(date) = value["date"].as_str() {
            let looks_valid =
                date.len() >= 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
            if !looks_valid
                && !date.trim().is_empty()
                && value["body"].as_str().is_some_and(|b| !b.trim().is_empty())
            {
                bad_dates += 1;
            }
        }
    }
    assert!(
        with_body > 4800 && bad_dates > 100,
        "{with_body} {bad_dates}"
    );
    assert!(
        stderr.contains(&format!(
            "indexed {with_body} articles ({with_body} new, 0 changed), 0 unchanged, skipped {without} (empty body: {without})"
        )),
        "{stderr}"
    );
    let lines_with = |stderr: &str, text: &str| stderr.lines().filter(|l| l.contains(text)).count();
    // Every skipped line is listed; of the warnings on kept articles, the first five of
    // each kind, and the rest counted by kind.
    assert_eq!(
        lines_with(&stderr, "skipped, empty body"),
        without,
        "{stderr}"
    );
    assert_eq!(lines_with(&stderr, "cannot parse date"), 5, "{stderr}");
    assert_eq!(
        lines_with(&stderr, "repaired mis-decoded characters: "),
        5,
        "{stderr}"
    );
    let unlisted = stderr
        .lines()
        .find(|l| l.contains("more warnings not listed"))
        .unwrap_or_else(|| panic!("no count of unlisted warnings: {stderr}"));
    let undated = format!("undated: {}", bad_dates - 5);
    assert!(
        unlisted.contains(&undated),
        "{unlisted:?}, expected {undated:?}"
    );
    assert!(unlisted.ends_with("--verbose lists them all"), "{unlisted}");
    assert!(stderr.lines().all(|l| !l.contains("panicked")));

    // --verbose lists every warning, each naming its line (here through a reindex, which
    // reads the same sources again).
    let output = ws
        .scout()
        .args(["reindex", "--verbose"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(lines_with(&stderr, "cannot parse date"), bad_dates);
    // Every line with mis-decoded text is repaired, with a warning naming the line.
    let repaired = lines_with(&stderr, "repaired mis-decoded characters: ");
    assert!(
        mojibake > 400 && repaired >= mojibake,
        "{mojibake} {repaired}"
    );
    assert!(!stderr.contains("not listed"), "{stderr}");

    // Still searchable, including the repaired text: no name keeps a mis-decoded
    // character ("Carlo Ancelottiâ" for "Carlo Ancelotti’s").
    let results = ws.search_json(&["Barcelona"]);
    assert!(results.total_hits > 50, "{}", results.total_hits);
    let results = ws.search_json(&["Ancelotti", "--limit", "50"]);
    assert!(results.hits.len() >= 10, "{}", results.hits.len());
    for hit in &results.hits {
        assert!(
            hit.entities.person.iter().all(|p| !p.contains('â')),
            "{}: {:?}",
            hit.id,
            hit.entities.person
        );
    }
}

#[test]
fn the_cached_analyzer_gives_the_plain_chains_tokens_on_real_text() {
    use scout::index::analyzer::{cached_news_analyzer, news_analyzer};
    use tantivy::tokenizer::{TextAnalyzer, TokenStream};
    let Some(corpora) = corpora() else { return };
    // The noisy corpus: mis-decoded UTF-8, odd punctuation, long tokens.
    let file = std::fs::File::open(corpora.join("noisy-2022-2024.jsonl.gz")).expect("open");
    let text = std::io::read_to_string(flate2::read::GzDecoder::new(file)).expect("gunzip");
    let tokens = |analyzer: &mut TextAnalyzer, text: &str| {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    };
    let (mut plain, mut cached) = (news_analyzer(), cached_news_analyzer());
    let mut compared = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let body = value["body"].as_str().unwrap_or_default();
        let expected = tokens(&mut plain, body);
        assert_eq!(tokens(&mut cached, body), expected, "{}", value["id"]);
        compared += expected.len();
    }
    assert!(compared > 1_000_000, "only {compared} tokens compared");
}
