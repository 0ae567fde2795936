//! Parsed query -> tantivy query, plus the terms and phrases to highlight.
//!
//! Words and phrases search title and body (title matches weigh [`TITLE_BOOST`] times more);
//! filters (dates, entities, source) restrict without changing scores.

use super::parse::{DateRange, Node};
use crate::index::analyzer::analyze_terms;
use crate::index::schema::Fields;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Term};

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.0;

/// What the highlighter should mark: single terms and whole phrases, as analysed terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlight {
    /// Analysed terms matched anywhere.
    pub terms: Vec<String>,
    /// Analysed phrases (each at least two terms) with their slop.
    pub phrases: Vec<(Vec<String>, u32)>,
}

/// Score added to articles tagged with an entity the query names ("Anton" -> Waldemar Anton).
pub const ENTITY_BOOST: f32 = 1.5;

/// Turns names in queries into entity facets.
pub trait EntityResolver {
    /// The facet for an entity filter (`kind`, name as typed), or an error message naming
    /// close alternatives.
    fn resolve(&self, kind: &str, name: &str) -> Result<Facet, String>;
    /// The facets of every entity of any kind this text names (alias, surname, canonical).
    fn named_by(&self, text: &str) -> Vec<Facet>;
}

/// Everything needed to compile a query against one index.
pub struct Compiler<'a> {
    /// The index fields.
    pub fields: &'a Fields,
    /// The title/body analyzer.
    pub news: TextAnalyzer,
    /// The source-field analyzer.
    pub keyword: TextAnalyzer,
    /// Resolves entity filters.
    pub entities: &'a dyn EntityResolver,
    /// Suggests near spellings for words the index hardly knows (`None`: exact search).
    pub spelling: Option<&'a dyn Spelling>,
}

/// A spelling the index knows better than the one typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The analysed term to search instead (or as well).
    pub term: String,
    /// Keep matching the typed term too (it has a few matches of its own).
    pub keep_original: bool,
}

/// Looks up near spellings of analysed terms in the index.
pub trait Spelling {
    /// A better-known near spelling of `term`, if the typed one finds nothing or far less.
    fn suggest(&self, term: &str) -> Option<Suggestion>;
}

/// A word the search replaced or widened with a near spelling.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The word as typed.
    pub from: String,
    /// The spelling searched for (as the index has it, capitalised like the typed word).
    pub to: String,
    /// True when the typed spelling is still searched too.
    pub kept: bool,
}

/// A compiled query and what to highlight for it.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Terms and phrases to highlight in snippets.
    pub highlight: Highlight,
    /// Words widened or replaced by near spellings.
    pub corrections: Vec<Correction>,
    /// Entity facets the query names, whose articles get [`ENTITY_BOOST`].
    pub boosted: Vec<Facet>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .field("highlight", &self.highlight)
            .field("corrections", &self.corrections)
            .finish()
    }
}

impl Compiler<'_> {
    /// Compiles a query tree (`None` matches every article).
    pub fn compile(&mut self, node: Option<&Node>) -> Result<Compiled, String> {
        let mut highlight = Highlight::default();
        let mut corrections = Vec::new();
        let mut query = match node {
            None => Box::new(AllQuery) as Box<dyn Query>,
            Some(node) => self.node(node, false, &mut highlight, &mut corrections)?,
        };
        let mut facets: Vec<Facet> = Vec::new();
        let corrected = corrections.iter().map(|c| c.to.clone());
        for text in node
            .map(entity_candidates)
            .unwrap_or_default()
            .into_iter()
            .chain(corrected)
        {
            for facet in self.entities.named_by(&text) {
                if !facets.contains(&facet) {
                    facets.push(facet);
                }
            }
        }
        if !facets.is_empty() {
            let mut clauses = vec![(Occur::Must, query)];
            for facet in &facets {
                let term = TermQuery::new(
                    Term::from_facet(self.fields.entity, facet),
                    IndexRecordOption::Basic,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(Box::new(term), ENTITY_BOOST)) as Box<dyn Query>,
                ));
            }
            query = Box::new(BooleanQuery::new(clauses));
        }
        highlight.terms.sort();
        highlight.terms.dedup();
        Ok(Compiled {
            query,
            highlight,
            corrections,
            boosted: facets,
        })
    }

    fn node(
        &mut self,
        node: &Node,
        negated: bool,
        hl: &mut Highlight,
        fixes: &mut Vec<Correction>,
    ) -> Result<Box<dyn Query>, String> {
        Ok(match node {
            Node::Word(word) => self.word(word, false, negated, hl, fixes),
            Node::Phrase { text, slop } => self.text(text, *slop, false, negated, hl),
            Node::Title(inner) => match inner.as_ref() {
                Node::Word(word) => self.word(word, true, negated, hl, fixes),
                Node::Phrase { text, slop } => self.text(text, *slop, true, negated, hl),
                other => self.node(other, negated, hl, fixes)?,
            },
            Node::Entity { kind, name } => {
                let facet = self.entities.resolve(kind, name)?;
                filter(Box::new(TermQuery::new(
                    Term::from_facet(self.fields.entity, &facet),
                    IndexRecordOption::Basic,
                )))
            }
            Node::Source(name) => {
                let terms: Vec<Term> = analyze_terms(&mut self.keyword, name)
                    .iter()
                    .map(|t| Term::from_field_text(self.fields.source, t))
                    .collect();
                filter(phrase_or_term(
                    terms,
                    0,
                    IndexRecordOption::WithFreqsAndPositions,
                ))
            }
            Node::Dates(range) => filter(self.date_range(*range)),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.node(inner, !negated, hl, fixes)?),
            ])),
            Node::And(children) => {
                let mut clauses = Vec::new();
                for child in children {
                    match child {
                        Node::Not(inner) => {
                            clauses.push((Occur::MustNot, self.node(inner, !negated, hl, fixes)?))
                        }
                        other => clauses.push((Occur::Must, self.node(other, negated, hl, fixes)?)),
                    }
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(children) => {
                let mut clauses = Vec::new();
                for child in children {
                    clauses.push((Occur::Should, self.node(child, negated, hl, fixes)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
        })
    }

    /// A typed word: its terms, widened by a near spelling when the index hardly knows it.
    fn word(
        &mut self,
        word: &str,
        title_only: bool,
        negated: bool,
        hl: &mut Highlight,
        fixes: &mut Vec<Correction>,
    ) -> Box<dyn Query> {
        let terms = analyze_terms(&mut self.news, word);
        let suggestion = match (&terms[..], self.spelling, negated) {
            ([term], Some(spelling), false) => spelling.suggest(term),
            _ => None,
        };
        let Some(suggestion) = suggestion else {
            return self.text(word, 0, title_only, negated, hl);
        };
        fixes.push(Correction {
            from: word.to_owned(),
            to: capitalised_like(&suggestion.term, word),
            kept: suggestion.keep_original,
        });
        hl.terms.push(suggestion.term.clone());
        let replacement = self.terms_query(&[suggestion.term], 0, title_only);
        if !suggestion.keep_original {
            return replacement;
        }
        let original = self.text(word, 0, title_only, negated, hl);
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, original),
            (Occur::Should, replacement),
        ]))
    }

    /// A word or phrase over title (boosted) and body, or the title alone.
    fn text(
        &mut self,
        text: &str,
        slop: u32,
        title_only: bool,
        negated: bool,
        hl: &mut Highlight,
    ) -> Box<dyn Query> {
        let terms = analyze_terms(&mut self.news, text);
        if terms.is_empty() {
            return Box::new(EmptyQuery);
        }
        if !negated {
            if terms.len() == 1 {
                hl.terms.push(terms[0].clone());
            } else {
                hl.phrases.push((terms.clone(), slop));
            }
        }
        self.terms_query(&terms, slop, title_only)
    }

    /// Analysed terms (one term, or a phrase) over title (boosted) and body, or the title.
    fn terms_query(&self, terms: &[String], slop: u32, title_only: bool) -> Box<dyn Query> {
        let in_field = |field| {
            let field_terms = terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            phrase_or_term(field_terms, slop, IndexRecordOption::WithFreqsAndPositions)
        };
        let title: Box<dyn Query> =
            Box::new(BoostQuery::new(in_field(self.fields.title), TITLE_BOOST));
        if title_only {
            return title;
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, title),
            (Occur::Should, in_field(self.fields.body)),
        ]))
    }

    fn date_range(&self, range: DateRange) -> Box<dyn Query> {
        let day_start = |(y, m, d): (i32, u8, u8)| {
            crate::corpus::Date::from_ymd(y, m, d).map(|date| date.unix_seconds())
        };
        let term = |secs: i64| {
            Term::from_field_date(self.fields.date, DateTime::from_timestamp_secs(secs))
        };
        let lower = match range.start.and_then(day_start) {
            Some(secs) => Bound::Included(term(secs)),
            None => Bound::Unbounded,
        };
        let upper = match range.end.and_then(day_start) {
            Some(secs) => Bound::Excluded(term(secs + 86_400)),
            None => Bound::Unbounded,
        };
        Box::new(RangeQuery::new(lower, upper))
    }
}

/// An index term written with the typed word's initial capital ("szoboszlai", "Szobozslai"
/// -> "Szoboszlai").
fn capitalised_like(term: &str, typed: &str) -> String {
    if typed.starts_with(char::is_uppercase) {
        let mut chars = term.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    } else {
        term.to_owned()
    }
}

/// Texts in a query that may name an entity: each phrase, and runs of one to three
/// consecutive positive words ("Europa League", "Anton").
fn entity_candidates(node: &Node) -> Vec<String> {
    let mut out = Vec::new();
    collect_candidates(node, &mut out);
    out
}

fn collect_candidates(node: &Node, out: &mut Vec<String>) {
    match node {
        Node::Word(word) => out.push(word.clone()),
        Node::Phrase { text, .. } => out.push(text.clone()),
        Node::Title(inner) => collect_candidates(inner, out),
        Node::And(children) | Node::Or(children) => {
            let mut run: Vec<&str> = Vec::new();
            let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
                for len in 2..=3 {
                    for window in run.windows(len) {
                        out.push(window.join(" "));
                    }
                }
                run.clear();
            };
            for child in children {
                match child {
                    Node::Word(word) if matches!(node, Node::And(_)) => {
                        run.push(word);
                        out.push(word.clone());
                    }
                    other => {
                        flush(&mut run, out);
                        collect_candidates(other, out);
                    }
                }
            }
            flush(&mut run, out);
        }
        Node::Not(_) | Node::Entity { .. } | Node::Source(_) | Node::Dates(_) => {}
    }
}

/// A filter clause: matches like the inner query but adds nothing to the score.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn phrase_or_term(mut terms: Vec<Term>, slop: u32, option: IndexRecordOption) -> Box<dyn Query> {
    match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(terms.remove(0), option)),
        _ => {
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(slop);
            Box::new(phrase)
        }
    }
}

/// The OR-relaxed form of a query whose top level is an AND of several words or phrases:
/// filters and exclusions stay required, the words become alternatives. `None` when
/// relaxing would not change anything.
pub fn relax(node: &Node) -> Option<Node> {
    let Node::And(children) = node else {
        return None;
    };
    let (text, rest): (Vec<&Node>, Vec<&Node>) = children
        .iter()
        .partition(|c| matches!(c, Node::Word(_) | Node::Phrase { .. } | Node::Title(_)));
    if text.len() < 2 {
        return None;
    }
    let mut relaxed = vec![Node::Or(text.into_iter().cloned().collect())];
    relaxed.extend(rest.into_iter().cloned());
    Some(if relaxed.len() == 1 {
        relaxed.remove(0)
    } else {
        Node::And(relaxed)
    })
}
