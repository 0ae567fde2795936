//! The search side: [`SearchRequest`] -> tantivy query -> [`SearchResults`].
//!
//! Words are ANDed; when that finds nothing and the query has several words, the search is
//! run again with the words ORed and the results say so (`fallback`).

pub mod query;
pub mod snippet;

use crate::corpus::Date;
use crate::extract::{Entities, EntityKind};
use crate::index::analyzer::{keyword_analyzer, news_analyzer};
use crate::index::ScoutIndex;
use anyhow::Context;
use query::{parse_query, relax, Compiler, EntityResolver, Node, QueryError};
use serde::{Deserialize, Serialize};
use snippet::{make_snippet, Snippet};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Facet, Value};
use tantivy::{IndexReader, ReloadPolicy, TantivyDocument};

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text in scout's query syntax (may be empty when filters are given).
    pub query: String,
    /// Extra filters from flags, ANDed with the query.
    pub filters: Vec<Node>,
    /// Maximum number of hits returned.
    pub limit: usize,
    /// Number of best hits skipped (for paging).
    pub offset: usize,
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication day `YYYY-MM-DD`, or `None` when undated.
    pub date: Option<String>,
    /// Relevance score (higher is better).
    pub score: f32,
    /// Publisher, if known.
    pub source: Option<String>,
    /// Original URL, if known.
    pub url: Option<String>,
    /// The file the article was read from.
    pub path: String,
    /// The best passage with the matches highlighted.
    pub snippet: Snippet,
    /// The entities the article names.
    pub entities: Entities,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many articles match in all (not just the ones returned).
    pub total_hits: usize,
    /// True when no article matched all words and the words were ORed instead.
    pub fallback: bool,
    /// The hits returned, best first.
    pub hits: Vec<Hit>,
}

/// Why a search failed; callers branch on these (the shell prints them and goes on).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query text is malformed.
    #[error("invalid query {query:?}: {error}")]
    Syntax {
        /// The query as given.
        query: String,
        /// What is wrong and where.
        error: QueryError,
    },
    /// A filter names something that is not in the index.
    #[error("{0}")]
    Filter(String),
    /// Anything else (I/O, corrupt index).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Entity filters match the facet of the name as given.
struct LiteralEntities;

impl EntityResolver for LiteralEntities {
    fn resolve(&self, kind: &str, name: &str) -> Result<Facet, String> {
        Ok(Facet::from_path([kind, name.trim()]))
    }
}

/// An open index ready to answer searches.
pub struct Searcher {
    index: ScoutIndex,
    reader: IndexReader,
}

impl Searcher {
    /// Opens a reader on the index.
    pub fn new(index: ScoutIndex) -> anyhow::Result<Self> {
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot read the index at {}", index.dir.display()))?;
        Ok(Searcher { index, reader })
    }

    /// Sees the latest commit of the index.
    pub fn reload(&self) -> anyhow::Result<()> {
        self.reader.reload().context("cannot reload the index")
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = parse_query(&request.query).map_err(|error| SearchError::Syntax {
            query: request.query.clone(),
            error,
        })?;
        let combined = combine(parsed, &request.filters);
        let mut fallback = false;
        let mut outcome = self.run(combined.as_ref(), request)?;
        if outcome.1 == 0 {
            if let Some(relaxed) = combined.as_ref().and_then(relax) {
                outcome = self.run(Some(&relaxed), request)?;
                fallback = outcome.1 > 0;
            }
        }
        let (hits, total_hits) = outcome;
        Ok(SearchResults {
            query: request.query.clone(),
            total_hits,
            fallback,
            hits,
        })
    }

    fn run(
        &self,
        node: Option<&Node>,
        request: &SearchRequest,
    ) -> Result<(Vec<Hit>, usize), SearchError> {
        let fields = &self.index.fields;
        let mut compiler = Compiler {
            fields,
            news: news_analyzer(),
            keyword: keyword_analyzer(),
            entities: &LiteralEntities,
        };
        let compiled = compiler.compile(node).map_err(SearchError::Filter)?;
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let (top, total) = searcher
            .search(
                &compiled.query,
                &(
                    TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_score(),
                    Count,
                ),
            )
            .context("search failed")?;
        let mut analyzer = news_analyzer();
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher
                .doc(address)
                .context("cannot read a stored article")?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            let body = text(fields.body).unwrap_or_default();
            let snippet = make_snippet(&mut analyzer, &body, &compiled.highlight);
            let date = doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| Date::from_unix_seconds(d.into_timestamp_secs()).day());
            hits.push(Hit {
                id: text(fields.id).unwrap_or_default(),
                title: text(fields.title).unwrap_or_default(),
                date,
                score,
                source: text(fields.source),
                url: text(fields.url),
                path: text(fields.path).unwrap_or_default(),
                snippet,
                entities: stored_entities(&doc, fields.entity),
            });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        Ok((hits, total))
    }
}

/// ANDs the parsed query with the flag filters.
fn combine(parsed: Option<Node>, filters: &[Node]) -> Option<Node> {
    let mut parts: Vec<Node> = Vec::new();
    match parsed {
        Some(Node::And(children)) => parts.extend(children),
        Some(node) => parts.push(node),
        None => {}
    }
    parts.extend(filters.iter().cloned());
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Node::And(parts)),
    }
}

/// Reads the entity facets stored on a document.
fn stored_entities(doc: &TantivyDocument, field: tantivy::schema::Field) -> Entities {
    let mut entities = Entities::default();
    for value in doc.get_all(field) {
        // Stored facets are encoded with NUL between segments.
        let Some(encoded) = value.as_facet() else {
            continue;
        };
        if let Some((kind, name)) = encoded.split_once('\0') {
            if let Some(kind) = EntityKind::from_name(kind) {
                entities.of_kind_mut(kind).push(name.to_owned());
            }
        }
    }
    entities
}
