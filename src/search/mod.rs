//! The search side: [`SearchRequest`] -> tantivy query -> [`SearchResults`].
//!
//! Words are ANDed; when that finds nothing and the query has several words, the search is
//! run again requiring all words but one, then all but two or three, then any one, and the
//! results say so (`fallback`, `fallback_words`). Words the index hardly
//! knows are widened to near spellings (`corrections`). Hits are ranked by relevance (BM25
//! over title and body, title weighted, plus an entity boost), by date, or by relevance with
//! a freshness decay ([`SortOrder`]); syndicated copies of one story are collapsed under the
//! best-ranked copy (`similar`), unless [`SearchRequest::all`] asks for every copy.

mod copies;
mod facets;
pub mod query;
mod ranking;
pub mod snippet;
mod spelling;

use crate::corpus::Date;
use crate::extract::{ByKind, Entities, EntityKind};
use crate::index::analyzer::{cached_news_analyzer, keyword_analyzer, news_analyzer};
use crate::index::document::entity_facet;
use crate::index::lexicon::{EntityRef, KeySource, Lexicon};
use crate::index::schema::{DATE_FIELD, SIMHASH_FIELD};
use crate::index::{current_generation, open_index, ScoutIndex};
use anyhow::Context;
use copies::{collapse, copies_similar};
use query::{
    parse_query, relax, Compiled, Compiler, Correction, DateRange, EntityResolver, NamedEntity,
    Node, QueryError, ENTITY_BOOST,
};
use ranking::{freshness, BufferPool, Candidate, Matches, RankedMatches};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use snippet::{find_matches, make_snippet, Snippet};
use spelling::IndexSpelling;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocSet, IndexReader, ReloadPolicy, Score, TantivyDocument, Term, TERMINATED,
};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first (undated last), best match first within a day.
    Date,
    /// Relevance times a freshness factor: `1 + 2^(-age/30 days)`, age counted back from the
    /// newest article in the index, so a story from the last days weighs up to twice as
    /// much as an old one, a month-old story 1.5 times, and undated ones 1 time.
    Recent,
}

/// Half-life of the freshness bonus of [`SortOrder::Recent`], in days.
pub const FRESHNESS_HALF_LIFE_DAYS: f32 = 30.0;

/// Most candidates examined to fill a page with distinct stories.
const MAX_CANDIDATES: usize = 5_000;

/// Copies listed (with id and source) under a hit; all are counted in `similar_count`.
pub const SIMILAR_LISTED: usize = 5;

/// Two articles whose SimHashes differ in at most this many bits are copies of one story.
pub const NEAR_DUPLICATE_BITS: u32 = 7;

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
    /// How hits are ordered.
    pub sort: SortOrder,
    /// Show every copy of a story instead of collapsing near-duplicates.
    pub all: bool,
    /// Search words exactly as typed (no near spellings).
    pub exact: bool,
    /// Explain each hit's score.
    pub explain: bool,
}

/// Another copy of a hit's story, collapsed under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Similar {
    /// Article id of the copy.
    pub id: String,
    /// Its publisher, if known.
    pub source: Option<String>,
}

/// Why a hit scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// Each matched query term (analysed form) and the fields it matched in.
    pub matched: Vec<MatchedTerm>,
    /// BM25 over title (weighted) and body.
    pub text_score: f32,
    /// Entities the query names that the article is tagged with.
    pub entities: Vec<String>,
    /// Score added for those entities.
    pub entity_boost: f32,
    /// Freshness factor applied (`recent` sort only).
    pub freshness: Option<f32>,
    /// The final score.
    pub score: f32,
    /// tantivy's own explanation tree.
    pub details: serde_json::Value,
}

/// A query term and where it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchedTerm {
    /// The analysed term (or phrase).
    pub term: String,
    /// `title` and/or `body`.
    pub fields: Vec<String>,
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
    /// Relevance score (higher is better; 0 when only filters were given).
    pub score: f32,
    /// Publisher, if known.
    pub source: Option<String>,
    /// Original URL, if known.
    pub url: Option<String>,
    /// The file the article was read from.
    pub path: String,
    /// The best passages with the matches highlighted.
    pub snippet: Snippet,
    /// The entities the article names.
    pub entities: Entities,
    /// Near-duplicate copies collapsed under this hit (the first [`SIMILAR_LISTED`]).
    pub similar: Vec<Similar>,
    /// How many copies were collapsed under this hit in all.
    pub similar_count: usize,
    /// Score explanation, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

/// A whole article as stored in the index (for reading it in full).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication day `YYYY-MM-DD`, or `None` when undated.
    pub date: Option<String>,
    /// Publisher, if known.
    pub source: Option<String>,
    /// Original URL, if known.
    pub url: Option<String>,
    /// The file the article was read from.
    pub path: String,
    /// The full text.
    pub body: String,
    /// The entities the article names.
    pub entities: Entities,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many articles match in all (copies included; not just the ones returned).
    pub total_hits: usize,
    /// True when no article matched all words and the query asked for fewer of them.
    pub fallback: bool,
    /// With `fallback`: how many of the words the hits match at least.
    #[serde(default)]
    pub fallback_words: Option<WordsMatched>,
    /// Words searched with a near spelling instead of (or as well as) the typed one.
    pub corrections: Vec<Correction>,
    /// The hits returned, best first.
    pub hits: Vec<Hit>,
    /// Top entities among all hits, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetCounts>,
    /// The entities the search is filtered on (flags and `kind:name` in the query, not
    /// negated nor among alternatives), by canonical name: what `--club gunners` was taken to mean.
    #[serde(default)]
    pub filters: Entities,
}

/// How many of a query's words the hits of a relaxed query match at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordsMatched {
    /// Words each hit matches at least.
    pub matched: usize,
    /// Words (and phrases) of the query.
    pub of: usize,
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
struct LexiconEntities<'a>(&'a Searcher);

impl EntityResolver for LexiconEntities<'_> {
    fn resolve(&self, kind: &str, name: &str) -> Result<Vec<Facet>, String> {
        let Some(entity_kind) = EntityKind::from_name(kind) else {
            return Err(format!("unknown entity kind {kind:?}"));
        };
        match self.0.resolve_filter(entity_kind, name) {
            Ok(Ok(entity)) => Ok(entity
                .spellings()
                .map(|name| entity_facet(kind, name))
                .collect()),
            Ok(Err(message)) => Err(message),
            Err(e) => Err(format!("cannot look up {kind} {name:?}: {e:#}")),
        }
    }

    fn named_by(&self, text: &str, capitalised: bool) -> Vec<NamedEntity> {
        self.0
            .lexicon
            .resolve_any(text)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, source)| match source {
                KeySource::Canonical | KeySource::StrongAlias => true,
                KeySource::WeakAlias | KeySource::Surname => capitalised,
            })
            .map(|(e, _)| NamedEntity {
                facets: e
                    .spellings()
                    .map(|name| entity_facet(e.kind.name(), name))
                    .collect(),
                canonical: e.name,
                aliases: e.aliases,
            })
            .collect()
    }
}

/// Article counts of the top entities of each kind among all hits of a query.
pub type FacetCounts = ByKind<NameCount>;

/// An entity name and how many hits name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameCount {
    /// Canonical name.
    pub name: String,
    /// Number of matching articles naming it.
    pub count: u64,
}

/// Number of entities per kind in facet counts.
pub const FACETS_PER_KIND: usize = 10;

/// How a [`Searcher`] spreads a query's work over threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// Everything on the calling thread, no thread started: for one query and exit (`scout
    /// search`), where starting threads costs more than they save (compare.py's 20 queries,
    /// one-shot medians side by side: 10x index 6.41 ms and 7.5 CPU ms with threads, 5.65 ms
    /// and 5.5 CPU ms without; 1x 4.33 / 5.0 against 3.70 / 3.5).
    One,
    /// Segments searched and hits rendered in parallel, one thread per core (up to 4): for
    /// a long-lived searcher (the shell), which starts its threads once.
    PerCore,
}

/// An open index ready to answer searches.
pub struct Searcher {
    index: ScoutIndex,
    threads: Threads,
    reader: IndexReader,
    lexicon: Lexicon,
    /// Newest publication instant in the index (seconds), the reference for freshness.
    newest: Option<i64>,
    /// Analyzers for snippets and explanations, one per thread that makes them, each
    /// with its word cache kept across searches (a shell session re-analyses the same words
    /// query after query).
    analyzers: Vec<std::sync::Mutex<tantivy::tokenizer::TextAnalyzer>>,
    /// Buffers for collecting matches, reused from search to search.
    buffers: Arc<BufferPool>,
}

impl Searcher {
    /// Opens a reader on the index, searching with a thread per core ([`Threads::PerCore`]).
    pub fn new(index: ScoutIndex) -> anyhow::Result<Self> {
        Searcher::with_threads(index, Threads::PerCore)
    }

    /// Opens a reader on the index, searching with the given threads.
    pub fn with_threads(mut index: ScoutIndex, threads: Threads) -> anyhow::Result<Self> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads == Threads::PerCore && cores > 1 {
            index
                .index
                .set_multithread_executor(cores)
                .context("cannot start search threads")?;
        }
        let reader = index
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot read the index at {}", index.root.display()))?;
        let lexicon = Lexicon::open(&index.dir)?;
        let newest = newest_date(&reader.searcher());
        Ok(Searcher {
            index,
            threads,
            reader,
            lexicon,
            newest,
            // One for the calling thread, and one per rayon worker when there are workers
            // (asking rayon how many would start them).
            analyzers: (0..=match threads {
                Threads::One => 0,
                Threads::PerCore => rayon::current_num_threads(),
            })
                .map(|_| std::sync::Mutex::new(cached_news_analyzer()))
                .collect(),
            buffers: Arc::default(),
        })
    }

    /// The calling thread's analyzer (rayon's worker threads each have their own).
    fn analyzer(&self) -> std::sync::MutexGuard<'_, tantivy::tokenizer::TextAnalyzer> {
        let slot = rayon::current_thread_index().map_or(0, |i| i + 1) % self.analyzers.len();
        self.analyzers[slot]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Sees the latest commit of the index and its entity lexicon, or the new generation a
    /// `scout reindex` published since.
    pub fn reload(&mut self) -> anyhow::Result<()> {
        if current_generation(&self.index.root).is_some_and(|dir| dir != self.index.dir) {
            *self = Searcher::with_threads(open_index(&self.index.root)?, self.threads)?;
            return Ok(());
        }
        // A reload opens every segment afresh (and empties the doc store caches): only when
        // a commit changed the segments or their deletes.
        let committed: Vec<(SegmentId, Option<u64>)> = self
            .index
            .index
            .searchable_segment_metas()
            .context("cannot read the index's commit")?
            .iter()
            .map(|meta| (meta.id(), meta.delete_opstamp()))
            .collect();
        let searcher = self.reader.searcher();
        let loaded = searcher.generation().segments();
        if committed.len() == loaded.len()
            && committed
                .iter()
                .all(|(id, deletes)| loaded.get(id) == Some(deletes))
        {
            return Ok(());
        }
        let before = searcher.generation().generation_id();
        self.reader.reload().context("cannot reload the index")?;
        if self.reader.searcher().generation().generation_id() != before {
            self.lexicon = Lexicon::open(&self.index.dir)?;
            self.newest = newest_date(&self.reader.searcher());
        }
        Ok(())
    }

    /// The whole stored article with this id, if the index has it.
    pub fn article(&self, id: &str) -> anyhow::Result<Option<StoredArticle>> {
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let term = tantivy::Term::from_field_text(fields.id, id);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("cannot look up the article")?;
        let Some((_, address)) = top.into_iter().next() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher
            .doc(address)
            .context("cannot read a stored article")?;
        Ok(Some(StoredArticle {
            id: id.to_owned(),
            title: text(&doc, fields.title).unwrap_or_default(),
            date: doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| Date::from_unix_seconds(d.into_timestamp_secs()).day()),
            source: text(&doc, fields.source),
            url: text(&doc, fields.url),
            path: text(&doc, fields.path).unwrap_or_default(),
            body: text(&doc, fields.body).unwrap_or_default(),
            entities: stored_entities(&doc, fields.entity),
        }))
    }

    /// The opened index.
    pub fn index(&self) -> &ScoutIndex {
        &self.index
    }

    /// The index's entity lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The entity a filter name names, or the message to show ([`Lexicon::resolve_filter`],
    /// candidates weighed by their stories in this snapshot).
    pub fn resolve_filter(
        &self,
        kind: EntityKind,
        name: &str,
    ) -> anyhow::Result<Result<EntityRef, String>> {
        let searcher = self.reader.searcher();
        self.lexicon
            .resolve_filter(kind, name, &|entity| self.stories(&searcher, entity))
    }

    /// The stories among the live articles tagged with an entity (any of its spellings):
    /// copies of one story ([`NEAR_DUPLICATE_BITS`]) count once.
    fn stories(&self, searcher: &tantivy::Searcher, entity: &EntityRef) -> u64 {
        let field = self.index.fields.entity;
        let mut simhashes: Vec<u64> = Vec::with_capacity(entity.count as usize);
        for segment in searcher.segment_readers() {
            let (Ok(inverted), Ok(column)) = (
                segment.inverted_index(field),
                segment.fast_fields().u64(SIMHASH_FIELD),
            ) else {
                continue;
            };
            let alive = segment.alive_bitset();
            for name in entity.spellings() {
                let term = Term::from_facet(field, &entity_facet(entity.kind.name(), name));
                let Ok(Some(mut postings)) =
                    inverted.read_postings(&term, IndexRecordOption::Basic)
                else {
                    continue;
                };
                while postings.doc() != TERMINATED {
                    let doc = postings.doc();
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        simhashes.extend(column.first(doc));
                    }
                    postings.advance();
                }
            }
        }
        copies::stories(&simhashes) as u64
    }

    /// Number of live articles in the snapshot.
    pub fn num_articles(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = parse_query(&request.query).map_err(|error| SearchError::Syntax {
            query: request.query.clone(),
            error,
        })?;
        let combined = combine(parsed, &request.filters);
        if let Some(node) = &combined {
            check_dates(node).map_err(SearchError::Filter)?;
        }
        let searcher = self.reader.searcher();
        let mut outcome = self.run(&searcher, combined.as_ref(), request)?;
        if outcome.total_hits == 0 {
            for relaxed in combined.as_ref().map(relax).unwrap_or_default() {
                let relaxed_outcome = self.run(&searcher, Some(&relaxed.node), request)?;
                if relaxed_outcome.total_hits > 0 {
                    outcome = relaxed_outcome;
                    outcome.fallback = true;
                    outcome.fallback_words = Some(WordsMatched {
                        matched: relaxed.min,
                        of: relaxed.words,
                    });
                    break;
                }
            }
        }
        if let Some(node) = &combined {
            outcome.filters = self.entity_filters(node);
        }
        Ok(outcome)
    }

    /// The canonical names of the entities a query filters on: those every hit must name
    /// (not under a negation nor among alternatives).
    fn entity_filters(&self, node: &Node) -> Entities {
        let mut filters = Entities::default();
        let mut pending = vec![node];
        while let Some(node) = pending.pop() {
            match node {
                Node::Entity { kind, name } => {
                    let Some(kind) = EntityKind::from_name(kind) else {
                        continue;
                    };
                    // Resolved (and remembered) while the query was compiled.
                    if let Ok(Ok(entity)) = self.resolve_filter(kind, name) {
                        let names = filters.of_kind_mut(kind);
                        if !names.contains(&entity.name) {
                            names.push(entity.name);
                        }
                    }
                }
                // Only what every hit must match: not one of alternatives ("messy OR
                // club:Chelsea" filters on nothing).
                Node::And(children) => pending.extend(children),
                _ => {}
            }
        }
        for kind in EntityKind::ALL {
            filters.of_kind_mut(kind).sort();
        }
        filters
    }

    fn compile(
        &self,
        searcher: &tantivy::Searcher,
        node: Option<&Node>,
        exact: bool,
    ) -> Result<Compiled, SearchError> {
        let fields = &self.index.fields;
        let spelling = IndexSpelling {
            searcher,
            body: fields.body,
            title: fields.title,
        };
        let mut compiler = Compiler {
            fields,
            news: news_analyzer(),
            keyword: keyword_analyzer(),
            entities: &LexiconEntities(self),
            spelling: (!exact).then_some(&spelling as &dyn query::Spelling),
            frequency: &spelling,
        };
        compiler.compile(node).map_err(SearchError::Filter)
    }

    fn run(
        &self,
        searcher: &tantivy::Searcher,
        node: Option<&Node>,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let compiled = self.compile(searcher, node, request.exact)?;
        let limit = request.limit.max(1);
        let wanted = request.offset + limit;
        let sort = if node.is_some_and(has_text) {
            request.sort
        } else {
            SortOrder::Date
        };
        // Collapsing copies needs more candidates than hits shown: rank more until the page
        // is full of distinct stories or the matches run out. One pass over the matches keeps
        // enough candidates for stories with hundreds of copies at the top (a syndicated
        // story, copied again by a replica corpus); only a page that needs more runs the
        // query again, keeping the most. (For a page of 10 on the 10x bench queries,
        // keeping 1,600 beat keeping 400 and running again when needed: AND median 2.09 vs
        // 2.35 ms; keeping 5,000 was no faster.)
        let mut fetch = if request.all {
            wanted
        } else {
            (wanted * 5 + 50).min(MAX_CANDIDATES)
        };
        let mut keep = if request.all {
            wanted
        } else {
            (fetch * 16).min(MAX_CANDIDATES)
        };
        let mut matches = self.matches(searcher, &compiled, sort, keep)?;
        let groups = loop {
            if fetch > keep {
                keep = MAX_CANDIDATES;
                matches = self.matches(searcher, &compiled, sort, keep)?;
            }
            let ranked = matches.top(fetch);
            if request.all {
                break ranked
                    .into_iter()
                    .map(|c| (c, Vec::new()))
                    .collect::<Vec<_>>();
            }
            let exhausted = ranked.len() < fetch || fetch >= MAX_CANDIDATES;
            let groups = collapse(ranked);
            if groups.len() >= wanted || exhausted {
                break groups;
            }
            fetch = (fetch * 4).min(MAX_CANDIDATES);
        };
        let facets = if request.facets {
            Some(facets::count_facets(
                searcher,
                &compiled.query,
                &self.lexicon,
            )?)
        } else {
            None
        };
        let page: Vec<_> = groups
            .into_iter()
            .skip(request.offset)
            .take(limit)
            .collect();
        let listed: Vec<DocAddress> = page
            .iter()
            .flat_map(|(_, copies)| copies.iter().take(SIMILAR_LISTED).map(|c| c.address))
            .collect();
        // Each hit's text is read and its snippet made on its own thread (and the copies
        // named meanwhile): the page's work is most of a narrow search's time.
        let render = |(candidate, copies): &(Candidate, Vec<Candidate>)| {
            let doc: TantivyDocument = searcher
                .doc(candidate.address)
                .context("cannot read a stored article")?;
            let mut analyzer = self.analyzer();
            let mut hit = self.hit(&doc, candidate.score, &compiled, &mut analyzer);
            // Copies among all matches, not only among the candidates ranked.
            hit.similar_count = if request.all {
                0
            } else {
                candidate
                    .simhash
                    .map_or(0, |simhash| matches.copies_of(simhash))
                    .max(copies.len())
            };
            if request.explain {
                let explanation =
                    self.explain(searcher, &compiled, *candidate, &doc, &mut analyzer, sort)?;
                hit.explain = Some(explanation);
            }
            Ok::<Hit, SearchError>(hit)
        };
        // Explaining swaps the process's panic hook: one hit at a time.
        let (mut similar, rendered) = if self.threads == Threads::One || request.explain {
            (
                copies_similar(searcher, &listed),
                page.iter().map(render).collect::<Vec<_>>(),
            )
        } else {
            rayon::join(
                || copies_similar(searcher, &listed),
                || page.par_iter().map(render).collect::<Vec<_>>(),
            )
        };
        let mut hits = Vec::with_capacity(page.len());
        for (hit, (_, copies)) in rendered.into_iter().zip(&page) {
            let mut hit = hit?;
            for copy in copies.iter().take(SIMILAR_LISTED) {
                hit.similar
                    .push(similar.remove(&copy.address).unwrap_or_default());
            }
            hits.push(hit);
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total_hits: matches.count(),
            fallback: false,
            fallback_words: None,
            corrections: compiled.corrections.clone(),
            hits,
            facets,
            filters: Entities::default(),
        })
    }

    /// The matches of the compiled query, scored for `sort`, the best `keep` of them ready
    /// to rank (one pass over the matches).
    fn matches(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &Compiled,
        sort: SortOrder,
        keep: usize,
    ) -> Result<Matches, SearchError> {
        let collector = RankedMatches {
            sort,
            newest: self.newest,
            keep,
            buffers: Arc::clone(&self.buffers),
        };
        Ok(searcher
            .search(&compiled.query, &collector)
            .context("search failed")?)
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        score: Score,
        compiled: &Compiled,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    ) -> Hit {
        let fields = &self.index.fields;
        let body = text(doc, fields.body).unwrap_or_default();
        let date = doc
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .map(|d| Date::from_unix_seconds(d.into_timestamp_secs()).day());
        Hit {
            id: text(doc, fields.id).unwrap_or_default(),
            title: text(doc, fields.title).unwrap_or_default(),
            date,
            score,
            source: text(doc, fields.source),
            url: text(doc, fields.url),
            path: text(doc, fields.path).unwrap_or_default(),
            snippet: make_snippet(analyzer, &body, &compiled.highlight),
            entities: stored_entities(doc, fields.entity),
            similar: Vec::new(),
            similar_count: 0,
            explain: None,
        }
    }

    fn explain(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &Compiled,
        candidate: Candidate,
        doc: &TantivyDocument,
        analyzer: &mut tantivy::tokenizer::TextAnalyzer,
        sort: SortOrder,
    ) -> Result<Explanation, SearchError> {
        let fields = &self.index.fields;
        let title = text(doc, fields.title).unwrap_or_default();
        let body = text(doc, fields.body).unwrap_or_default();
        let highlight = &compiled.highlight;
        let items: Vec<String> = highlight
            .terms
            .iter()
            .cloned()
            .chain(
                highlight
                    .phrases
                    .iter()
                    .map(|(p, _)| format!("\"{}\"", p.join(" "))),
            )
            .collect();
        let in_title: Vec<usize> = find_matches(analyzer, &title, highlight)
            .into_iter()
            .map(|m| m.2)
            .collect();
        let in_body: Vec<usize> = find_matches(analyzer, &body, highlight)
            .into_iter()
            .map(|m| m.2)
            .collect();
        let matched = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, term)| {
                let fields: Vec<String> = [("title", &in_title), ("body", &in_body)]
                    .into_iter()
                    .filter(|(_, hits)| hits.contains(&i))
                    .map(|(name, _)| name.to_owned())
                    .collect();
                (!fields.is_empty()).then_some(MatchedTerm { term, fields })
            })
            .collect();
        let tagged = stored_entities(doc, fields.entity);
        let entities: Vec<String> = compiled
            .boosted
            .iter()
            .filter_map(|facets| {
                // The spelling the article is tagged under, if any.
                facets.iter().find_map(|facet| {
                    let path = facet.to_path();
                    let kind = EntityKind::from_name(path.first()?)?;
                    let name = *path.get(1)?;
                    tagged
                        .of_kind(kind)
                        .iter()
                        .any(|n| n == name)
                        .then(|| name.to_owned())
                })
            })
            .collect();
        let entity_boost = ENTITY_BOOST * entities.len() as f32;
        let details = explain_tree(compiled, searcher, candidate.address);
        let freshness = (sort == SortOrder::Recent).then(|| freshness(candidate.date, self.newest));
        let base = candidate.score / freshness.unwrap_or(1.0);
        Ok(Explanation {
            matched,
            text_score: (base - entity_boost).max(0.0),
            entities,
            entity_boost,
            freshness,
            score: candidate.score,
            details,
        })
    }
}

/// tantivy's explanation of a hit's score as JSON (`null` if tantivy cannot explain it).
///
/// tantivy 0.27 panics in `PhraseScorer::seek` while explaining some boolean queries that
/// hold phrase clauses (an assertion, not a data problem); the explanation is optional
/// detail, so such a panic is caught, kept off the terminal, and reported as `null`.
fn explain_tree(
    compiled: &Compiled,
    searcher: &tantivy::Searcher,
    address: DocAddress,
) -> serde_json::Value {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let explained = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        compiled.query.explain(searcher, address)
    }));
    std::panic::set_hook(previous_hook);
    match explained {
        Ok(Ok(explanation)) => {
            serde_json::from_str(&explanation.to_pretty_json()).unwrap_or(serde_json::Value::Null)
        }
        _ => serde_json::Value::Null,
    }
}

/// The newest publication instant among the snapshot's articles.
fn newest_date(searcher: &tantivy::Searcher) -> Option<i64> {
    searcher
        .segment_readers()
        .iter()
        .filter_map(|segment| {
            let column = segment.fast_fields().date(DATE_FIELD).ok()?;
            (column.num_docs() > 0 && column.values.num_vals() > 0)
                .then(|| column.max_value().into_timestamp_secs())
        })
        .max()
}

fn text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

/// True when the query has words or phrases to rank by (not only filters).
fn has_text(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Phrase { .. } | Node::Title(_) => true,
        Node::And(children) | Node::Or(children) | Node::AtLeast { children, .. } => {
            children.iter().any(has_text)
        }
        Node::Not(_) | Node::Entity { .. } | Node::Source(_) | Node::Dates(_) => false,
    }
}

/// Counts the top entities of each kind among all documents matching the query.
/// ANDs the parsed query with the flag filters.
/// An error when the date ranges a query requires (in its text, `since:2024`, or as
/// filters, `--until 2023`) leave no day between them.
fn check_dates(node: &Node) -> Result<(), String> {
    fn narrow(node: &Node, days: &mut DateRange) {
        match node {
            Node::Dates(range) => {
                if let Some(start) = range.start {
                    days.start = Some(days.start.map_or(start, |s| s.max(start)));
                }
                if let Some(end) = range.end {
                    days.end = Some(days.end.map_or(end, |e| e.min(end)));
                }
            }
            Node::And(children) => children.iter().for_each(|child| narrow(child, days)),
            _ => {}
        }
    }
    let mut days = DateRange::default();
    narrow(node, &mut days);
    match (days.start, days.end) {
        (Some(start), Some(end)) if start > end => {
            let day = |(y, m, d): (i32, u8, u8)| {
                crate::corpus::Date::from_ymd(y, m, d).map_or_else(String::new, |date| date.day())
            };
            Err(format!(
                "the dates exclude each other: on or after {} and on or before {}; no article \
                 can match",
                day(start),
                day(end)
            ))
        }
        _ => Ok(()),
    }
}

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
