//! The search side: [`SearchRequest`] -> tantivy query -> [`SearchResults`].
//!
//! Words are ANDed; when that finds nothing and the query has several words, the search is
//! run again with the words ORed and the results say so (`fallback`).

pub mod query;
pub mod snippet;

use crate::corpus::Date;
use crate::extract::{Entities, EntityKind};
use crate::index::analyzer::{keyword_analyzer, news_analyzer};
use crate::index::document::entity_facet;
use crate::index::lexicon::Lexicon;
use crate::index::schema::{DATE_FIELD, ENTITY_FIELD};
use crate::index::{current_generation, open_index, ScoutIndex};
use anyhow::Context;
use query::{parse_query, relax, Compiler, EntityResolver, Node, QueryError};
use serde::{Deserialize, Serialize};
use snippet::{make_snippet, Snippet};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::schema::{Facet, Value};
use tantivy::{DocAddress, IndexReader, Order, ReloadPolicy, TantivyDocument};

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
    /// Also count the top entities among all hits.
    pub facets: bool,
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
    /// Top entities among all hits, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
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

/// Resolves entity names through the index's lexicon.
struct LexiconEntities<'a>(&'a Lexicon);

impl EntityResolver for LexiconEntities<'_> {
    fn resolve(&self, kind: &str, name: &str) -> Result<Facet, String> {
        let Some(entity_kind) = EntityKind::from_name(kind) else {
            return Err(format!("unknown entity kind {kind:?}"));
        };
        match self.0.resolve(entity_kind, name) {
            Ok(Some(entity)) => Ok(entity_facet(kind, &entity.name)),
            Ok(None) => {
                let nearest = self.0.nearest(entity_kind, name, 3).unwrap_or_default();
                let hint = if nearest.is_empty() {
                    format!("the index names no {kind} yet")
                } else {
                    let names: Vec<String> =
                        nearest.iter().map(|e| format!("{:?}", e.name)).collect();
                    format!("nearest known: {}", names.join(", "))
                };
                Err(format!("unknown {kind} {:?} ({hint})", name.trim()))
            }
            Err(e) => Err(format!("cannot look up {kind} {name:?}: {e:#}")),
        }
    }

    fn named_by(&self, text: &str) -> Vec<Facet> {
        self.0
            .resolve_any(text)
            .unwrap_or_default()
            .into_iter()
            .map(|e| entity_facet(e.kind.name(), &e.name))
            .collect()
    }
}

/// Article counts of the top entities among all hits of a query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetCounts {
    /// Top clubs.
    pub club: Vec<NameCount>,
    /// Top people.
    pub person: Vec<NameCount>,
    /// Top competitions.
    pub competition: Vec<NameCount>,
}

/// An entity name and how many hits name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameCount {
    /// Canonical name.
    pub name: String,
    /// Number of matching articles naming it.
    pub count: u64,
}

impl FacetCounts {
    /// The counts of one kind.
    pub fn of_kind(&self, kind: EntityKind) -> &[NameCount] {
        match kind {
            EntityKind::Club => &self.club,
            EntityKind::Person => &self.person,
            EntityKind::Competition => &self.competition,
        }
    }

    /// Mutable access to the counts of one kind.
    pub fn of_kind_mut(&mut self, kind: EntityKind) -> &mut Vec<NameCount> {
        match kind {
            EntityKind::Club => &mut self.club,
            EntityKind::Person => &mut self.person,
            EntityKind::Competition => &mut self.competition,
        }
    }
}

/// Number of entities per kind in facet counts.
pub const FACETS_PER_KIND: usize = 10;

/// An open index ready to answer searches.
pub struct Searcher {
    index: ScoutIndex,
    reader: IndexReader,
    lexicon: Lexicon,
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
        let lexicon = Lexicon::open(&index.dir)?;
        Ok(Searcher {
            index,
            reader,
            lexicon,
        })
    }

    /// Sees the latest commit of the index and its entity lexicon, or the new generation a
    /// `scout reindex` published since.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        if current_generation(&self.index.root).is_some_and(|dir| dir != self.index.dir) {
            *self = Searcher::new(open_index(&self.index.root)?)?;
            return Ok(());
        }
        self.reader.reload().context("cannot reload the index")?;
        self.lexicon = Lexicon::open(&self.index.dir)?;
        Ok(())
    }

    /// The opened index.
    pub fn index(&self) -> &ScoutIndex {
        &self.index
    }

    /// The index's entity lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
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
        if outcome.total_hits == 0 {
            if let Some(relaxed) = combined.as_ref().and_then(relax) {
                outcome = self.run(Some(&relaxed), request)?;
                fallback = outcome.total_hits > 0;
            }
        }
        outcome.fallback = fallback;
        Ok(outcome)
    }

    fn run(
        &self,
        node: Option<&Node>,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let fields = &self.index.fields;
        let mut compiler = Compiler {
            fields,
            news: news_analyzer(),
            keyword: keyword_analyzer(),
            entities: &LexiconEntities(&self.lexicon),
        };
        let compiled = compiler.compile(node).map_err(SearchError::Filter)?;
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let ranked_by_score = node.is_some_and(has_text);
        let ranked: Vec<(f32, DocAddress)> = if ranked_by_score {
            searcher
                .search(
                    &compiled.query,
                    &TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_score(),
                )
                .context("search failed")?
        } else {
            // Only filters: newest first.
            searcher
                .search(
                    &compiled.query,
                    &TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_fast_field::<tantivy::DateTime>(DATE_FIELD, Order::Desc),
                )
                .context("search failed")?
                .into_iter()
                .map(|(_, address)| (0.0, address))
                .collect()
        };
        let total_hits = searcher
            .search(&compiled.query, &Count)
            .context("search failed")?;
        let facets = if request.facets {
            Some(count_facets(&searcher, &compiled.query)?)
        } else {
            None
        };
        let mut analyzer = news_analyzer();
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, address) in ranked {
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
        if ranked_by_score {
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total_hits,
            fallback: false,
            hits,
            facets,
        })
    }
}

/// True when the query has words or phrases to rank by (not only filters).
fn has_text(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Phrase { .. } | Node::Title(_) => true,
        Node::And(children) | Node::Or(children) => children.iter().any(has_text),
        Node::Not(_) | Node::Entity { .. } | Node::Source(_) | Node::Dates(_) => false,
    }
}

/// Counts the top entities of each kind among all documents matching the query.
fn count_facets(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
) -> anyhow::Result<FacetCounts> {
    let mut collector = FacetCollector::for_field(ENTITY_FIELD);
    for kind in EntityKind::ALL {
        collector.add_facet(format!("/{}", kind.name()).as_str());
    }
    let counts = searcher
        .search(query, &collector)
        .context("cannot count entities")?;
    let mut facets = FacetCounts::default();
    for kind in EntityKind::ALL {
        for (facet, count) in counts.top_k(&format!("/{}", kind.name()), FACETS_PER_KIND) {
            if let [_, name] = facet.to_path().as_slice() {
                facets.of_kind_mut(kind).push(NameCount {
                    name: (*name).to_owned(),
                    count,
                });
            }
        }
    }
    Ok(facets)
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
