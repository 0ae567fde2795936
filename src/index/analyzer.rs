//! Text analysis shared by indexing, querying and highlighting.
//!
//! One chain for title and body: split on non-alphanumerics, drop tokens over 40 bytes,
//! lower-case, fold accents to ASCII ("Köln" -> "koln"), English stemming ("transfers" ->
//! "transfer"). tantivy does not store custom analyzers in the index, so
//! [`register_analyzers`] must run after every open.

use super::schema::{KEYWORD_ANALYZER, NEWS_ANALYZER};
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// The analyzer for title and body.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer for keyword fields such as the source: no stemming.
pub fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for title and body as registered in the index, for indexing: the same
/// tokens as [`news_analyzer`], but lower-casing, folding and stemming each distinct word
/// once and remembering the result (a text repeats a few thousand distinct words millions
/// of times; stemming them again and again was most of the analysis cost).
pub fn cached_news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(CachedNormalizer)
        .build()
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

/// Most words remembered by one [`CachedNormalizer`] before it starts afresh.
const CACHE_CAPACITY: usize = 500_000;

/// Token filter: lower-case + ASCII-fold + English stem, memoised per distinct word.
#[derive(Clone)]
pub struct CachedNormalizer;

impl TokenFilter for CachedNormalizer {
    type Tokenizer<T: Tokenizer> = CachedNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedNormalizerFilter<T> {
        CachedNormalizerFilter {
            tokenizer,
            cache: FxHashMap::default(),
            normalizer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

/// The tokenizer a [`CachedNormalizer`] wraps, with its word cache.
#[derive(Clone)]
pub struct CachedNormalizerFilter<T> {
    tokenizer: T,
    cache: FxHashMap<String, String>,
    normalizer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedNormalizerFilter<T> {
    type TokenStream<'a> = CachedNormalizerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > CACHE_CAPACITY {
            self.cache.clear();
        }
        CachedNormalizerStream {
            tail: self.tokenizer.token_stream(text),
            cache: &mut self.cache,
            normalizer: &mut self.normalizer,
        }
    }
}

/// Token stream of a [`CachedNormalizerFilter`].
pub struct CachedNormalizerStream<'a, T> {
    tail: T,
    cache: &'a mut FxHashMap<String, String>,
    normalizer: &'a mut TextAnalyzer,
}

impl<T: TokenStream> TokenStream for CachedNormalizerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(normal) = self.cache.get(token.text.as_str()) {
            token.text.clone_from(normal);
            return true;
        }
        let mut normal = String::new();
        {
            let mut stream = self.normalizer.token_stream(&token.text);
            if stream.advance() {
                normal.push_str(&stream.token().text);
            }
        }
        let original = std::mem::replace(&mut token.text, normal.clone());
        self.cache.insert(original, normal);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

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
    fn the_cached_analyzer_gives_the_same_tokens() {
        let text = "Köln's Ibáñez TRANSFERS transfers Ødegaard running runs 22.5m ÀÉÎ naïve café \
                    Leverkusen’s Bayern-München Plettenberg's straße İstanbul";
        let mut plain = news_analyzer();
        let mut cached = cached_news_analyzer();
        for _ in 0..2 {
            assert_eq!(analyze(&mut cached, text), analyze(&mut plain, text));
        }
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
