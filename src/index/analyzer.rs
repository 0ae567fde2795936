//! Text analysis shared by indexing, querying and highlighting.
//!
//! One chain for title and body: split on non-alphanumerics, drop tokens over 40 bytes,
//! lower-case, fold accents to ASCII ("Köln" -> "koln"; "İlkay" -> "ilkay":
//! [`DROP_COMBINING_MARKS`]), English stemming ("transfers" -> "transfer") that keeps a
//! word's final `y` where the stem would be a name's ([`KEEP_FINAL_Y`]: "messy" is not
//! "Messi"). tantivy does not store custom analyzers in the index, so
//! [`register_analyzers`] must run after every open.

use super::schema::{KEYWORD_ANALYZER, NEWS_ANALYZER};
use crate::extract::fold::fold;
use crate::extract::gazetteer::EXTRA_FIRST_NAMES;
use crate::extract::words::{packed_word, WordSpans};
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// The analyzer for title and body.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(DROP_COMBINING_MARKS)
        .filter(Stemmer::new(Language::English))
        .filter(KEEP_FINAL_Y)
        .build()
}

/// The analyzer for keyword fields such as the source: no stemming.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for title and body as registered in the index, for indexing and snippets:
/// the same tokens and positions as [`news_analyzer`], in one pass, lower-casing, folding
/// and stemming each distinct word once and remembering the result (a text repeats a few
/// thousand distinct words millions of times; stemming them again and again was most of
/// the analysis cost).
pub fn cached_news_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(CachedNewsTokenizer::default())
}

/// Registers scout's analyzers on an index (needed after every create or open).
pub fn register_analyzers(index: &Index) {
    index
        .tokenizers()
        .register(NEWS_ANALYZER, cached_news_analyzer());
    index
        .tokenizers()
        .register(KEYWORD_ANALYZER, keyword_analyzer());
}

/// Most words remembered by one [`CachedNewsTokenizer`] before it starts afresh.
const CACHE_CAPACITY: usize = 500_000;

/// Longest word indexed, in bytes (longer ones are skipped but keep their position), as
/// [`RemoveLongFilter`] in [`news_analyzer`].
pub const LONGEST_WORD: usize = 40;

/// Tokenizer: alphanumeric runs (as tantivy's `SimpleTokenizer`), words of
/// [`LONGEST_WORD`] bytes or more skipped, each word lower-cased, folded and stemmed through
/// a cache keyed by the word as written.
#[derive(Clone)]
pub struct CachedNewsTokenizer {
    token: Token,
    cache: WordCache,
    normalizer: TextAnalyzer,
}

/// Normalised forms of the words seen, keyed by the word as written. Words of up to 16 bytes
/// (nearly all) are keyed by their bytes packed into two integers: hashed and compared in a
/// few instructions, without the string comparison that was a tenth of the indexing CPU.
///
/// The normalised forms of short words are stored inline in the table (`CompactString`
/// keeps up to 24 bytes in place): reading one touches the entry the lookup already
/// brought into cache, instead of chasing a pointer to the heap (which showed as 5% of
/// the indexing CPU, in the copy to the token).
///
/// In front of the table sits a small direct-mapped copy of the words met most recently
/// ([`RECENT_SLOTS`] of them, a few hundred KiB, made once the table has that many): the
/// table itself grows to megabytes, and a lookup there mostly waited for memory (over half
/// the tokenizer's time), while news text draws most of its words from a few thousand
/// common ones.
#[derive(Clone, Default)]
struct WordCache {
    short: FxHashMap<[u64; 2], CompactString>,
    long: FxHashMap<Box<str>, Box<str>>,
    /// Empty until the table outgrows it (indexing), so that the analyzers searches create
    /// and clone stay small.
    recent: Vec<([u64; 2], CompactString)>,
}

/// Slots of [`WordCache`]'s front copy (a power of two).
const RECENT_SLOTS: usize = 8192;

impl WordCache {
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    /// The normalised form of `word`, whose [`packed_word`] is `key`.
    fn get(&mut self, word: &str, key: Option<[u64; 2]>) -> Option<&str> {
        debug_assert_eq!(key, packed_word(word.as_bytes(), 0, word.len()));
        match key {
            Some(key) if self.recent.is_empty() => self.short.get(&key).map(CompactString::as_str),
            Some(key) => {
                let slot = recent_slot(key);
                if self.recent[slot].0 != key {
                    let normal = self.short.get(&key)?;
                    self.recent[slot] = (key, normal.clone());
                }
                Some(self.recent[slot].1.as_str())
            }
            None => self.long.get(word).map(|normal| &**normal),
        }
    }

    /// Remembers the normalised form of `word`, whose [`packed_word`] is `key`.
    fn insert(&mut self, word: &str, key: Option<[u64; 2]>, normal: &str) {
        debug_assert_eq!(key, packed_word(word.as_bytes(), 0, word.len()));
        match key {
            Some(key) => {
                self.short.insert(key, CompactString::from(normal));
                if self.recent.is_empty() && self.short.len() >= RECENT_SLOTS {
                    // Key [0, 0] is no word's: words are never empty.
                    self.recent = vec![([0, 0], CompactString::default()); RECENT_SLOTS];
                }
            }
            None => {
                self.long.insert(word.into(), normal.into());
            }
        }
    }
}

/// The front-copy slot of a short word's key.
#[inline]
fn recent_slot([low, high]: [u64; 2]) -> usize {
    let mixed = (low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - RECENT_SLOTS.trailing_zeros())) as usize
}

impl Default for CachedNewsTokenizer {
    fn default() -> Self {
        CachedNewsTokenizer {
            token: Token::default(),
            cache: WordCache::default(),
            normalizer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(DROP_COMBINING_MARKS)
                .filter(Stemmer::new(Language::English))
                .filter(KEEP_FINAL_Y)
                .build(),
        }
    }
}

impl Tokenizer for CachedNewsTokenizer {
    type TokenStream<'a> = CachedNewsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CachedNewsStream<'a> {
        if self.cache.len() > CACHE_CAPACITY {
            self.cache.clear();
        }
        self.token.reset();
        CachedNewsStream {
            text,
            words: WordSpans::new(text),
            tokenizer: self,
        }
    }
}

/// Token stream of a [`CachedNewsTokenizer`].
pub struct CachedNewsStream<'a> {
    text: &'a str,
    words: WordSpans<'a>,
    tokenizer: &'a mut CachedNewsTokenizer,
}

impl TokenStream for CachedNewsStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, end) in self.words.by_ref() {
            let tokenizer = &mut *self.tokenizer;
            tokenizer.token.position = tokenizer.token.position.wrapping_add(1);
            let word = &self.text[start..end];
            if word.len() >= LONGEST_WORD {
                continue;
            }
            let token = &mut tokenizer.token;
            token.offset_from = start;
            token.offset_to = end;
            token.text.clear();
            let key = packed_word(self.text.as_bytes(), start, end);
            match tokenizer.cache.get(word, key) {
                Some(normal) => token.text.push_str(normal),
                None => {
                    let mut stream = tokenizer.normalizer.token_stream(word);
                    if stream.advance() {
                        token.text.push_str(&stream.token().text);
                    }
                    tokenizer.cache.insert(word, key, &token.text);
                }
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.tokenizer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokenizer.token
    }
}

/// A token filter that rewrites each token in place, given the word as written (the text
/// at the token's offsets): [`KEEP_FINAL_Y`], [`DROP_COMBINING_MARKS`].
#[derive(Clone, Copy, Debug)]
pub struct RewriteTokens(fn(&mut Token, &str));

/// After English stemming: a stem whose final `i` stands for the word's `y` ends in `y`
/// again where it would otherwise be a name's and the word is no name itself. The English
/// stemmer writes "messy" as "messi", "series" as "seri" and "business" as "busi": the very
/// words of "Messi", (Jean Michaël) "Seri" and (Maxime) "Busi", so a search for one found
/// the other. Here "messy" -> "messy", "series" -> "sery", "business" -> "busy", with all
/// their forms ("tried", "tries", "trying", "try" -> "try"). A name's own spelling with a
/// `y` stays as the stemmer made it, so that spellings of one name still meet ("Tony",
/// "Toni" -> "toni"; "Mary", "Mari" -> "mari"), as do other stems ("families", "family" ->
/// "famili"). The names are the words of the gazetteer's names and aliases
/// ([`NAME_WORDS`]).
pub const KEEP_FINAL_Y: RewriteTokens = RewriteTokens(keep_final_y);

/// After lower-casing and ASCII folding: drops the combining marks folding leaves behind.
/// Lower-casing writes the Turkish "İ" as "i" and a combining dot (U+0307), which folding
/// keeps: "İlkay" was indexed as "i\u{307}lkay", and "Ilkay" did not find it.
pub const DROP_COMBINING_MARKS: RewriteTokens = RewriteTokens(drop_combining_marks);

fn keep_final_y(token: &mut Token, written: &str) {
    // The stemmer turns a `y` into an `i` only after a consonant ("messy", not "say").
    let after_consonant = token
        .text
        .strip_suffix('i')
        .and_then(|stem| stem.chars().next_back())
        .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouy".contains(c));
    if after_consonant && is_name_word(&token.text) {
        let at = token.text.chars().count() - 1;
        if stands_for_y(written, at) && !names_someone(&fold(written)) {
            token.text.pop();
            token.text.push('y');
        }
    }
}

fn drop_combining_marks(token: &mut Token, _written: &str) {
    if !token.text.is_ascii() {
        token.text.retain(|c| !('\u{300}'..='\u{36f}').contains(&c));
    }
}

impl TokenFilter for RewriteTokens {
    type Tokenizer<T: Tokenizer> = RewriteTokensFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RewriteTokensFilter<T> {
        RewriteTokensFilter {
            rewrite: self.0,
            inner,
        }
    }
}

/// A tokenizer followed by a [`RewriteTokens`].
#[derive(Clone)]
pub struct RewriteTokensFilter<T> {
    rewrite: fn(&mut Token, &str),
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RewriteTokensFilter<T> {
    type TokenStream<'a> = RewriteTokensStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewriteTokensStream {
            rewrite: self.rewrite,
            text,
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of a [`RewriteTokensFilter`].
pub struct RewriteTokensStream<'a, T> {
    rewrite: fn(&mut Token, &str),
    text: &'a str,
    tail: T,
}

impl<T: TokenStream> TokenStream for RewriteTokensStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let written = self
            .text
            .get(token.offset_from..token.offset_to)
            .unwrap_or_default();
        (self.rewrite)(token, written);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Every word of the gazetteer's names and aliases, folded, one per line, sorted (written
/// by the gazetteer's generator beside it).
pub const NAME_WORDS: &str = include_str!("../extract/gazetteer/name-words.txt");

/// True when a folded word is a word of [`NAME_WORDS`]: a binary search over its sorted
/// lines as they are, with nothing to build first (a one-shot search asks a few times).
fn is_name_word(word: &str) -> bool {
    sorted_lines_contain(NAME_WORDS, word)
}

/// True when `lines` (sorted, one per line, each ending in a line break) has `word` as a line.
fn sorted_lines_contain(lines: &str, word: &str) -> bool {
    let bytes = lines.as_bytes();
    // Both bounds are always the start of a line (or the end).
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let middle = (low + high) / 2;
        let start = bytes[..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        match lines[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    false
}

/// True when a folded word is a name: a word of [`NAME_WORDS`] or a common first name
/// ("mary": [`EXTRA_FIRST_NAMES`]).
fn names_someone(word: &str) -> bool {
    is_name_word(word) || EXTRA_FIRST_NAMES.contains(&word)
}

/// True when the stem's final `i`, its `at`-th character, stands for a `y` of the word as
/// written: "mess(y)", "tr(y)ing", "famil(ies)", "stud(ied)", and the `i` a `y` becomes
/// before a suffix ("bus(i)ness", "mess(i)ness", "happ(i)ly"); not "Messi", "Messis",
/// "Serie".
fn stands_for_y(written: &str, at: usize) -> bool {
    let rest: String = written
        .chars()
        .skip(at)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match rest.strip_prefix('i') {
        None => rest.starts_with('y'),
        Some(suffix) => Y_SUFFIXES.contains(&suffix),
    }
}

/// What follows the `i` of a word whose stem is that word's `y` ([`stands_for_y`]).
const Y_SUFFIXES: &[&str] = &[
    "es", "ed", "ness", "nesses", "ful", "fully", "less", "ly", "ment", "ments",
];

/// One analysed token: its term and its byte range in the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The indexed form (lower-cased, folded, stemmed).
    pub term: String,
    /// Start byte offset in the analysed text.
    pub start: usize,
    /// End byte offset in the analysed text.
    pub end: usize,
}

/// Runs an analyzer over a text and returns its tokens with offsets.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let mut tokens = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        tokens.push(AnalyzedToken {
            term: token.text.clone(),
            start: token.offset_from,
            end: token.offset_to,
        });
    }
    tokens
}

/// The analysed terms of a text, in order.
pub fn analyze_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyze(analyzer, text)
        .into_iter()
        .map(|t| t.term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_analyzer_gives_the_same_tokens_and_positions() {
        let long = "x".repeat(45);
        let text = format!(
            "Köln's Ibáñez TRANSFERS transfers Ødegaard running runs 22.5m ÀÉÎ naïve café \
             Leverkusen’s Bayern-München {long} Plettenberg's straße İstanbul ½ x²y 日本語 end"
        );
        let tokens = |analyzer: &mut TextAnalyzer| {
            let mut out = Vec::new();
            let mut stream = analyzer.token_stream(&text);
            while stream.advance() {
                let t = stream.token();
                out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            out
        };
        let mut plain = news_analyzer();
        let mut cached = cached_news_analyzer();
        let expected = tokens(&mut plain);
        assert!(expected.iter().all(|t| t.0 != long));
        for _ in 0..2 {
            assert_eq!(tokens(&mut cached), expected);
        }
    }

    #[test]
    fn a_final_y_is_not_the_final_i_of_another_word() {
        let stems = |text: &str| {
            let plain = analyze_terms(&mut news_analyzer(), text);
            assert_eq!(analyze_terms(&mut cached_news_analyzer(), text), plain);
            plain
        };
        // A word ending in `y` no longer shares its stem with a name ending in `i`...
        for (y_word, name) in [
            ("messy", "Messi"),
            ("series", "Serie"),
            ("business", "Busi"),
            ("MESSY", "MESSI"),
        ] {
            assert_ne!(stems(y_word), stems(name), "{y_word} / {name}");
        }
        // ...unless it is a name itself: spellings of one name still meet.
        for (y_name, i_name) in [("Tony", "Toni"), ("Mary", "Mari"), ("Saied", "Sai")] {
            assert_eq!(stems(y_name), stems(i_name), "{y_name} / {i_name}");
        }
        assert_eq!(
            stems("messy Messi series Serie"),
            ["messy", "messi", "sery", "seri"]
        );
        // The forms of one word still share one, rewritten or not.
        assert_eq!(
            stems("try tries tried trying"),
            ["try", "try", "try", "try"]
        );
        assert_eq!(stems("family families"), ["famili", "famili"]);
        assert_eq!(stems("beauty beautiful"), ["beauti", "beauti"]);
        assert_eq!(stems("transfers ties Köln"), ["transfer", "tie", "koln"]);
    }

    #[test]
    fn a_binary_search_over_sorted_lines_finds_every_line_and_nothing_else() {
        let lines = "ab\nbcd\nc\nmessi\nz\n";
        for word in ["ab", "bcd", "c", "messi", "z"] {
            assert!(sorted_lines_contain(lines, word), "{word}");
        }
        for word in ["", "a", "abc", "bc", "mess", "messis", "zz", "0"] {
            assert!(!sorted_lines_contain(lines, word), "{word}");
        }
        assert!(!sorted_lines_contain("", "a"));
        assert!(NAME_WORDS.lines().all(is_name_word));
    }

    #[test]
    fn a_dotted_capital_i_folds_to_i() {
        for analyzer in [&mut news_analyzer(), &mut cached_news_analyzer()] {
            assert_eq!(
                analyze_terms(analyzer, "İlkay Gündoğan İstanbul"),
                ["ilkay", "gundogan", "istanbul"]
            );
        }
    }

    #[test]
    fn the_name_words_are_those_of_the_shipped_gazetteer() {
        let mut words = std::collections::BTreeSet::new();
        for line in crate::extract::gazetteer::GAZETTEER_TSV.lines() {
            let columns: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || columns.len() < 4 {
                continue;
            }
            for name in columns[1..4].iter().flat_map(|c| c.split('|')) {
                let folded = fold(name);
                words.extend(
                    folded
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .filter(|w| w.len() >= 2)
                        .map(str::to_owned),
                );
            }
        }
        let listed: Vec<&str> = NAME_WORDS.lines().collect();
        assert!(listed.is_sorted() && listed.contains(&"messi") && listed.contains(&"tony"));
        let missing: Vec<&String> = words
            .iter()
            .filter(|w| listed.binary_search(&w.as_str()).is_err())
            .collect();
        let extra: Vec<&&str> = listed.iter().filter(|w| !words.contains(**w)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing {missing:?}, not in the gazetteer {extra:?}: regenerate the list with \
             src/extract/gazetteer/generate.py"
        );
    }

    #[test]
    fn short_word_keys_are_distinct_and_long_words_have_none() {
        let words = [
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh1",
            "ÖÖÖÖÖÖÖÖ",
            "abcdefghijklmnop",
        ];
        let key = |w: &str| packed_word(w.as_bytes(), 0, w.len());
        let keys: Vec<_> = words.iter().map(|w| key(w)).collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(a.is_some());
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(key("abcdefghijklmnopq"), None);
        let mut cache = WordCache::default();
        cache.insert("Transfers", key("Transfers"), "transfer");
        let long = "Internationalisation";
        cache.insert(long, key(long), "internation");
        assert_eq!(cache.get("Transfers", key("Transfers")), Some("transfer"));
        assert_eq!(cache.get(long, key(long)), Some("internation"));
        assert_eq!(cache.get("Transfer", key("Transfer")), None);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn folds_accents_lowercases_and_stems() {
        let mut analyzer = news_analyzer();
        assert_eq!(analyze_terms(&mut analyzer, "Köln"), ["koln"]);
        assert_eq!(analyze_terms(&mut analyzer, "Ibáñez"), ["ibanez"]);
        assert_eq!(
            analyze_terms(&mut analyzer, "Transfers transfer"),
            analyze_terms(&mut analyzer, "transfer transfers")
        );
    }
}
