//! Text analysis shared by indexing, querying and highlighting.
//!
//! One chain for title and body: split on non-alphanumerics, drop tokens over 40 bytes,
//! lower-case, fold accents to ASCII ("Köln" -> "koln"), English stemming ("transfers" ->
//! "transfer"). tantivy does not store custom analyzers in the index, so
//! [`register_analyzers`] must run after every open.

use super::schema::{KEYWORD_ANALYZER, NEWS_ANALYZER};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
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

/// Registers scout's analyzers on an index (needed after every create or open).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(NEWS_ANALYZER, news_analyzer());
    index
        .tokenizers()
        .register(KEYWORD_ANALYZER, keyword_analyzer());
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
