//! Snippets that prove the match: the passage with the most distinct query terms, cut at
//! sentence or word boundaries, with exactly the real matches highlighted.
//!
//! tantivy's `SnippetGenerator` highlights each word of a phrase separately (even where the
//! phrase does not occur) and nothing for fuzzy matches, so scout analyses the stored text
//! itself with the index's analyzer and marks terms and whole phrases.

use super::query::Highlight;
use crate::extract::words::WordSpans;
use crate::index::analyzer::LONGEST_WORD;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

/// A passage of an article with the byte ranges of the matches in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    /// The passage, white space collapsed; `…` marks a cut inside a sentence.
    pub text: String,
    /// `[start, end)` byte offsets of highlighted matches in `text`, sorted, disjoint.
    pub highlights: Vec<[usize; 2]>,
}

/// Target length of a snippet in bytes (a passage may run a little over to end a word).
pub const SNIPPET_BYTES: usize = 240;

/// Byte ranges in `text` matching the highlight's terms or whole phrases, and which
/// distinct query item (term or phrase index) each range matched.
pub fn find_matches(
    analyzer: &mut TextAnalyzer,
    text: &str,
    highlight: &Highlight,
) -> Vec<(usize, usize, usize)> {
    // The query's words numbered from 1 (0: any other word), so that the text's tokens are
    // kept as numbers and offsets, not as strings.
    let mut vocabulary: Vec<&str> = Vec::new();
    let mut term_numbers = Vec::with_capacity(highlight.terms.len());
    for term in &highlight.terms {
        term_numbers.push(word_number(term, &mut vocabulary));
    }
    let mut phrases: Vec<(Vec<u32>, u32)> = Vec::with_capacity(highlight.phrases.len());
    for (phrase, slop) in &highlight.phrases {
        let words = phrase
            .iter()
            .map(|w| word_number(w, &mut vocabulary))
            .collect();
        phrases.push((words, *slop));
    }
    let filter = WordFilter::new(&vocabulary);
    // Only the text's words that are query words are kept, with their ordinals (for
    // phrases): most words of an article are not.
    let mut tokens: Vec<WordToken> = Vec::new();
    let mut ordinal = 0u32;
    for (start, end) in WordSpans::new(text) {
        let word = &text[start..end];
        if word.len() >= LONGEST_WORD {
            continue; // not a token for the analyzer either
        }
        ordinal += 1;
        if !filter.may_match(word.as_bytes()) {
            continue;
        }
        let mut stream = analyzer.token_stream(word);
        if !stream.advance() {
            continue;
        }
        let term = &stream.token().text;
        if let Some(i) = vocabulary.iter().position(|w| term == w) {
            tokens.push(WordToken {
                ordinal,
                word: i as u32 + 1,
                start,
                end,
            });
        }
    }
    let mut matches = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Some(item) = term_numbers.iter().position(|&t| t == token.word) {
            matches.push((token.start, token.end, item));
        }
        for (p, (phrase, slop)) in phrases.iter().enumerate() {
            if let Some(last) = phrase_end(&tokens, i, phrase, *slop) {
                matches.push((token.start, tokens[last].end, term_numbers.len() + p));
            }
        }
    }
    merge_ranges(matches)
}

/// Which words of a text may analyse to one of the query's words, judged from their first
/// two bytes, so that most words of an article are not analysed at all.
///
/// Lower-casing, folding and stemming keep an ASCII word's first two letters (stems are cut
/// at the end, rarely to one letter: "eing" -> "e"), except that a consonant and
/// "ying" stem to the consonant and "ie" ("dying", "vying": "die", "vie"). A word or query
/// word starting with a non-ASCII letter is always analysed. (A test checks this on every
/// word of the noisy corpus.)
struct WordFilter {
    /// Analyse every word (a query word starts with a non-ASCII letter).
    all: bool,
    /// Lower-case first letters of the query words (bit per ASCII byte).
    initials: u128,
    /// Lower-case first two letters of the query words (and "dy" for "di", "vy" for "vi"...).
    pairs: Vec<[u8; 2]>,
    /// First letters of one-letter query words: any word starting with one may stem to it
    /// ("eing" -> "e").
    singles: u128,
}

impl WordFilter {
    fn new(vocabulary: &[&str]) -> Self {
        let mut filter = WordFilter {
            all: false,
            initials: 0,
            pairs: Vec::new(),
            singles: 0,
        };
        for word in vocabulary {
            match *word.as_bytes() {
                [first, ..] if !first.is_ascii() => filter.all = true,
                [first] => {
                    filter.initials |= 1u128 << first;
                    filter.singles |= 1u128 << first;
                }
                [first, second, ..] if second.is_ascii() => {
                    filter.initials |= 1u128 << first;
                    filter.pairs.push([first, second]);
                    if second == b'i' {
                        filter.pairs.push([first, b'y']);
                    }
                }
                [_, ..] => filter.all = true,
                [] => {}
            }
        }
        filter
    }

    /// False when `word` (as written) cannot analyse to any of the query words.
    #[inline]
    fn may_match(&self, word: &[u8]) -> bool {
        if self.all {
            return true;
        }
        let Some(&first) = word.first() else {
            return false;
        };
        if !first.is_ascii() {
            return true;
        }
        let first = first.to_ascii_lowercase();
        if self.initials & (1u128 << first) == 0 {
            return false;
        }
        match word.get(1) {
            None => true,
            Some(second) if !second.is_ascii() => true,
            Some(second) => {
                self.singles & (1u128 << first) != 0
                    || self.pairs.contains(&[first, second.to_ascii_lowercase()])
            }
        }
    }
}

/// The number of a query word in `vocabulary` (from 1), added if new.
fn word_number<'a>(word: &'a str, vocabulary: &mut Vec<&'a str>) -> u32 {
    let index = match vocabulary.iter().position(|w| *w == word) {
        Some(index) => index,
        None => {
            vocabulary.push(word);
            vocabulary.len() - 1
        }
    };
    index as u32 + 1
}

/// A word of the text that is a query word: which one, its ordinal among the text's words
/// (counted from 1), and its byte range.
struct WordToken {
    ordinal: u32,
    word: u32,
    start: usize,
    end: usize,
}

/// If the phrase starts at query-word token `i`, the index of its last token (words in
/// order, at most `slop` other words in between in all).
fn phrase_end(tokens: &[WordToken], i: usize, phrase: &[u32], slop: u32) -> Option<usize> {
    if tokens[i].word != phrase[0] {
        return None;
    }
    let mut at = i;
    let mut budget = slop;
    for &word in &phrase[1..] {
        let mut next = at + 1;
        loop {
            let token = tokens.get(next)?;
            let skipped = token.ordinal - tokens[at].ordinal - 1;
            if skipped > budget {
                return None;
            }
            if token.word == word {
                budget -= skipped;
                break;
            }
            next += 1;
        }
        at = next;
    }
    Some(at)
}

/// Sorts ranges and merges overlapping ones (a term inside a matched phrase).
fn merge_ranges(mut ranges: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    ranges.sort();
    let mut merged: Vec<(usize, usize, usize)> = Vec::new();
    for (start, end, item) in ranges {
        match merged.last_mut() {
            Some(last) if start < last.1 => {
                if end > last.1 {
                    last.1 = end;
                }
            }
            _ => merged.push((start, end, item)),
        }
    }
    merged
}

/// Sentence spans of a text: ends at `.`, `!`, `?` (then space) or a line break.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Bytes, not chars: the ends are ASCII, which never occurs inside a multi-byte char.
    // memchr finds the candidates (SIMD), in order: a line break, or a stop and a space.
    let mut breaks = memchr::memchr_iter(b'\n', bytes).peekable();
    let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    loop {
        let end = match (breaks.peek().copied(), stops.peek().copied()) {
            (Some(b), Some(s)) if b < s => {
                breaks.next();
                b
            }
            (_, Some(s)) => {
                stops.next();
                let next = bytes.get(s + 1);
                if !next.is_none_or(u8::is_ascii_whitespace) {
                    continue;
                }
                s + 1
            }
            (Some(b), None) => {
                breaks.next();
                b
            }
            (None, None) => break,
        };
        if !text[start..end].trim().is_empty() {
            spans.push((start, end));
        }
        start = end;
    }
    if !text[start..].trim().is_empty() {
        spans.push((start, text.len()));
    }
    spans
        .into_iter()
        .map(|(s, e)| {
            let slice = &text[s..e];
            let lead = slice.len() - slice.trim_start().len();
            let trail = slice.len() - slice.trim_end().len();
            (s + lead, e - trail)
        })
        .collect()
}

/// A byte range of the text.
type Span = (usize, usize);

/// Bodies longer than this get up to [`MAX_PASSAGES`] passages when one does not hold
/// every query word.
pub const LONG_ARTICLE_BYTES: usize = 1500;
/// Most passages in one snippet.
pub const MAX_PASSAGES: usize = 3;
/// Separator between passages.
const PASSAGE_SEPARATOR: &str = " … ";

/// Builds the snippet of `text` for the highlight: the window of whole sentences (up to
/// [`SNIPPET_BYTES`]) with the most distinct query items, earliest on ties; for long
/// articles, up to two more short passages holding query items the first one lacks, in
/// text order.
pub fn make_snippet(analyzer: &mut TextAnalyzer, text: &str, highlight: &Highlight) -> Snippet {
    let matches = find_matches(analyzer, text, highlight);
    let spans = sentences(text);
    if spans.is_empty() {
        return Snippet::default();
    }
    let Some((first, mut covered)) = best_window(&spans, &matches, &[], SNIPPET_BYTES, &[]) else {
        return Snippet::default();
    };
    let mut windows = vec![first];
    if text.len() > LONG_ARTICLE_BYTES {
        while windows.len() < MAX_PASSAGES {
            match best_window(&spans, &matches, &covered, SNIPPET_BYTES / 2, &windows) {
                Some((window, items)) if !items.is_empty() => {
                    covered.extend(items);
                    windows.push(window);
                }
                _ => break,
            }
        }
    }
    windows.sort_unstable();
    let mut snippet = Snippet::default();
    for (start, end) in windows {
        let limit = if snippet.text.is_empty() {
            SNIPPET_BYTES
        } else {
            SNIPPET_BYTES / 2
        };
        let (start, end, cut_start, cut_end) = trim_window(text, start, end, &matches, limit);
        let passage = render(
            text,
            start,
            end,
            cut_start && snippet.text.is_empty(),
            cut_end,
            &matches,
        );
        if !snippet.text.is_empty() {
            while snippet.text.ends_with(" …") {
                snippet.text.truncate(snippet.text.len() - " …".len());
            }
            snippet.text.push_str(PASSAGE_SEPARATOR);
        }
        let shift = snippet.text.len();
        snippet.text.push_str(&passage.text);
        snippet.highlights.extend(
            passage
                .highlights
                .iter()
                .map(|[s, e]| [s + shift, e + shift]),
        );
    }
    snippet
}

/// The window of whole sentences (at most `max_bytes`, or one sentence) that holds the
/// most query items not in `covered` (then the most matches; earliest on ties), not
/// overlapping `taken`. Returns it with the new items it holds.
fn best_window(
    spans: &[(usize, usize)],
    matches: &[(usize, usize, usize)],
    covered: &[usize],
    max_bytes: usize,
    taken: &[(usize, usize)],
) -> Option<((usize, usize), Vec<usize>)> {
    // (score: new items then matches, window, new items)
    type Best = ((usize, usize), Span, Vec<usize>);
    let mut best: Option<Best> = None;
    for first in 0..spans.len() {
        let mut last = first;
        while last + 1 < spans.len() && spans[last + 1].1 - spans[first].0 <= max_bytes {
            last += 1;
        }
        let window = (spans[first].0, spans[last].1);
        if taken.iter().any(|t| window.0 < t.1 && window.1 > t.0) {
            continue;
        }
        let inside: Vec<_> = matches
            .iter()
            .filter(|m| m.0 >= window.0 && m.1 <= window.1)
            .collect();
        let mut items: Vec<usize> = inside
            .iter()
            .map(|m| m.2)
            .filter(|i| !covered.contains(i))
            .collect();
        items.sort_unstable();
        items.dedup();
        let score = (items.len(), inside.len());
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, window, items));
        }
        if matches.is_empty() {
            break;
        }
    }
    best.map(|(_, window, items)| (window, items))
}

/// Shrinks a window longer than the target around its first match, at word boundaries.
fn trim_window(
    text: &str,
    start: usize,
    end: usize,
    matches: &[(usize, usize, usize)],
    limit: usize,
) -> (usize, usize, bool, bool) {
    if end - start <= limit + limit / 4 {
        return (start, end, false, false);
    }
    let anchor = matches
        .iter()
        .find(|m| m.0 >= start && m.1 <= end)
        .map_or(start, |m| m.0);
    let mut new_start = ceil_char_boundary(text, anchor.saturating_sub(limit / 3).max(start));
    if new_start > start {
        // Move forward to the next word start (never past the anchor).
        new_start = text[new_start..end]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(new_start, |(n, c)| new_start + n + c.len_utf8())
            .min(anchor);
    }
    let mut new_end = ceil_char_boundary(text, (new_start + limit).min(end));
    if new_end < end {
        // Extend to the end of the current word, or of a matched range crossing the cut.
        new_end = text[new_end..end]
            .find(char::is_whitespace)
            .map_or(end, |n| new_end + n);
        if let Some(m) = matches.iter().find(|m| m.0 < new_end && m.1 > new_end) {
            new_end = m.1;
        }
    }
    (new_start, new_end, new_start > start, new_end < end)
}

/// The first char boundary at or after `at`.
fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

/// Copies `text[start..end]`, collapsing white space, adding `…` at cuts, and maps the
/// matches inside to offsets in the copy.
fn render(
    text: &str,
    start: usize,
    end: usize,
    cut_start: bool,
    cut_end: bool,
    matches: &[(usize, usize, usize)],
) -> Snippet {
    let mut out = String::with_capacity(end - start + 8);
    if cut_start {
        out.push_str("… ");
    }
    // offset_map[i] = position in `out` of byte `start + i` of the source.
    let mut offset_map = vec![0usize; end - start + 1];
    let mut previous_space = false;
    for (i, c) in text[start..end].char_indices() {
        offset_map[i] = out.len();
        if c.is_whitespace() {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
        } else {
            out.push(c);
            previous_space = false;
        }
        for k in 1..c.len_utf8() {
            offset_map[i + k] = out.len();
        }
    }
    offset_map[end - start] = out.len();
    let highlights = matches
        .iter()
        .filter(|m| m.0 >= start && m.1 <= end)
        .map(|m| [offset_map[m.0 - start], offset_map[m.1 - start]])
        .collect();
    if cut_end {
        out.push_str(" …");
    }
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::analyzer::news_analyzer;

    fn highlight(terms: &[&str], phrases: &[(&[&str], u32)]) -> Highlight {
        Highlight {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            phrases: phrases
                .iter()
                .map(|(p, s)| (p.iter().map(|t| t.to_string()).collect(), *s))
                .collect(),
        }
    }

    fn marked(snippet: &Snippet) -> Vec<&str> {
        snippet
            .highlights
            .iter()
            .map(|[s, e]| &snippet.text[*s..*e])
            .collect()
    }

    /// The matches by definition: every token analysed, then compared.
    fn matches_by_definition(text: &str, highlight: &Highlight) -> Vec<(usize, usize, usize)> {
        let tokens = crate::index::analyzer::analyze(&mut news_analyzer(), text);
        let mut matches = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if let Some(item) = highlight.terms.iter().position(|t| *t == token.term) {
                matches.push((token.start, token.end, item));
            }
            for (p, (phrase, slop)) in highlight.phrases.iter().enumerate() {
                let mut at = i;
                let mut budget = *slop as usize;
                let mut found = tokens[i].term == phrase[0];
                for word in &phrase[1..] {
                    if !found {
                        break;
                    }
                    let mut next = at + 1;
                    found = loop {
                        match tokens.get(next) {
                            Some(t) if t.term == *word => break true,
                            Some(_) if budget > 0 => {
                                budget -= 1;
                                next += 1;
                            }
                            _ => break false,
                        }
                    };
                    at = next;
                }
                if found {
                    matches.push((token.start, tokens[at].end, highlight.terms.len() + p));
                }
            }
        }
        merge_ranges(matches)
    }

    #[test]
    fn matching_skips_no_word_that_could_match() {
        let long = "x".repeat(45);
        let text = format!(
            "Ødegaard's transfers, TRANSFER transferring; Édouard Mendy in Köln {long} Koln \
             release clause 22.5m Release {long} clause ÉQUIPE equipe 2024 Yves yielded"
        );
        for h in [
            highlight(&["transfer", "odegaard", "koln"], &[]),
            highlight(&["2024", "equip", "yield"], &[(&["releas", "claus"], 0)]),
            highlight(
                &["mendi"],
                &[(&["releas", "claus"], 2), (&["yve", "yield"], 0)],
            ),
        ] {
            let mut analyzer = news_analyzer();
            assert_eq!(
                find_matches(&mut analyzer, &text, &h),
                matches_by_definition(&text, &h)
            );
        }
    }

    #[test]
    fn the_word_filter_passes_every_word_of_real_text_for_its_own_term() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpora/noisy-2022-2024.jsonl.gz");
        let Ok(file) = std::fs::File::open(&corpus) else {
            eprintln!(
                "NOTE: {} is not there; word filter checked on the fixture only",
                corpus.display()
            );
            return;
        };
        let text = std::io::read_to_string(flate2::read::GzDecoder::new(file)).expect("gunzip");
        let mut analyzer = news_analyzer();
        let mut words = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let body = value["body"].as_str().unwrap_or_default();
            for token in crate::index::analyzer::analyze(&mut analyzer, body) {
                let word = &body[token.start..token.end];
                let filter = WordFilter::new(&[token.term.as_str()]);
                assert!(
                    filter.may_match(word.as_bytes()),
                    "{word:?} -> {:?}",
                    token.term
                );
                words += 1;
            }
        }
        assert!(words > 1_000_000, "only {words} words checked");
        // And the filter does filter.
        let filter = WordFilter::new(&["transfer", "die"]);
        assert!(filter.may_match(b"Transfers") && filter.may_match(b"dying"));
        assert!(
            !filter.may_match(b"the") && !filter.may_match(b"tally") && !filter.may_match(b"dog")
        );
    }

    #[test]
    fn picks_the_sentence_with_most_distinct_terms() {
        let text = "Anton is a defender.\n\nNothing here at all. The defender has a release clause of €22.5m which can be triggered. Clause again.";
        let mut analyzer = news_analyzer();
        let snippet = make_snippet(
            &mut analyzer,
            text,
            &highlight(&["releas", "claus", "defend"], &[]),
        );
        assert!(
            snippet.text.contains("release clause of €22.5m"),
            "{snippet:?}"
        );
        let marked = marked(&snippet);
        assert!(
            ["defender", "release", "clause"]
                .iter()
                .all(|w| marked.contains(w)),
            "{marked:?}"
        );
    }

    #[test]
    fn phrase_is_highlighted_only_where_it_occurs() {
        let text = "The release of the player came after a clause was found. Later the release clause was paid.";
        let mut analyzer = news_analyzer();
        let h = highlight(&[], &[(&["releas", "claus"], 0)]);
        let snippet = make_snippet(&mut analyzer, text, &h);
        assert_eq!(marked(&snippet), ["release clause"]);
    }

    #[test]
    fn long_articles_get_extra_passages_for_missing_words() {
        let filler = "Nothing of note happened in this sentence at all. ".repeat(20);
        let text = format!(
            "Anton signed today. {filler}The release clause was paid. {filler}Stuttgart agreed."
        );
        let mut analyzer = news_analyzer();
        let snippet = make_snippet(
            &mut analyzer,
            &text,
            &highlight(&["anton", "claus", "stuttgart"], &[]),
        );
        assert_eq!(
            marked(&snippet),
            ["Anton", "clause", "Stuttgart"],
            "{}",
            snippet.text
        );
        assert_eq!(snippet.text.matches(" … ").count(), 2, "{}", snippet.text);
        // Short articles keep one passage.
        let short = make_snippet(
            &mut analyzer,
            "Anton signed. Stuttgart agreed.",
            &highlight(&["anton", "stuttgart"], &[]),
        );
        assert!(!short.text.contains('…'));
    }

    #[test]
    fn cuts_never_split_a_character() {
        let mut analyzer = news_analyzer();
        for pad in 0..12 {
            let text = format!(
                "{}Arsenal’s demise ’’’ {} target {}",
                "é".repeat(pad),
                "Gunners’ ".repeat(40),
                "’x ".repeat(80)
            );
            let snippet = make_snippet(&mut analyzer, &text, &highlight(&["target"], &[]));
            assert_eq!(marked(&snippet), ["target"]);
        }
    }

    #[test]
    fn long_sentences_are_cut_at_word_boundaries() {
        let filler = "word ".repeat(120);
        let text = format!("{filler}target {filler}");
        let mut analyzer = news_analyzer();
        let snippet = make_snippet(&mut analyzer, &text, &highlight(&["target"], &[]));
        assert!(
            snippet.text.starts_with("… word") && snippet.text.ends_with("word …"),
            "{}",
            snippet.text
        );
        assert_eq!(marked(&snippet), ["target"]);
        assert!(snippet.text.len() <= SNIPPET_BYTES + 20);
    }
}
