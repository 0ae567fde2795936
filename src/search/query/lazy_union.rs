//! A disjunction that advances its clauses only as far as it is asked to.
//!
//! tantivy's own union (`BooleanQuery` with `Should` clauses) scores its clauses window by
//! window, 4,096 documents at a time, whatever its consumer needs. Inside an intersection
//! that is costly when a clause is a phrase: the phrase's positions are checked on every
//! article of the window that has its words ("world" and "cup"), though the intersection
//! only asks about a few. [`LazyUnionQuery`] seeks each clause to the asked document only,
//! so a phrase is checked from there to its next match. Same matches, same scores (the sum
//! of the matching clauses', like a `Should` union).

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Matches what any clause matches; scores the sum of the matching clauses' scores.
#[derive(Debug)]
pub struct LazyUnionQuery {
    clauses: Vec<Box<dyn Query>>,
}

impl LazyUnionQuery {
    /// A union of `clauses`.
    pub fn new(clauses: Vec<Box<dyn Query>>) -> Self {
        LazyUnionQuery { clauses }
    }
}

impl Clone for LazyUnionQuery {
    fn clone(&self) -> Self {
        LazyUnionQuery {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
        }
    }
}

impl Query for LazyUnionQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|c| c.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(LazyUnionWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let clauses = self
            .weights
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionScorer::new(clauses)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the matching clauses", scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// The scorer: positioned on the smallest document any clause is on.
struct LazyUnionScorer {
    clauses: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazyUnionScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> Self {
        let mut scorer = LazyUnionScorer {
            clauses,
            doc: TERMINATED,
        };
        scorer.doc = scorer.smallest();
        scorer
    }

    fn smallest(&self) -> DocId {
        self.clauses
            .iter()
            .map(|c| c.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        for clause in &mut self.clauses {
            if clause.doc() == current {
                clause.advance();
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for clause in &mut self.clauses {
            if clause.doc() < target {
                clause.seek(target);
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.clauses
            .iter()
            .fold(0u32, |sum, c| sum.saturating_add(c.size_hint()))
    }

    fn cost(&self) -> u64 {
        self.clauses
            .iter()
            .fold(0u64, |sum, c| sum.saturating_add(c.cost()))
    }
}

impl Scorer for LazyUnionScorer {
    fn score(&mut self) -> Score {
        let current = self.doc;
        self.clauses
            .iter_mut()
            .filter(|c| c.doc() == current)
            .map(|c| c.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn matches_and_scores_like_a_should_union() -> tantivy::Result<()> {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000)?;
        for text in [
            "world cup final in qatar",
            "the cup of the world",
            "messi lifts the world cup",
            "messi at the club world cup",
            "nothing here",
            "cup world cup world",
        ] {
            writer.add_document(doc!(body => text))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let term = |t: &str| Term::from_field_text(body, t);
        let clauses = || -> Vec<Box<dyn Query>> {
            vec![
                Box::new(PhraseQuery::new(vec![term("world"), term("cup")])),
                Box::new(TermQuery::new(term("messi"), IndexRecordOption::WithFreqs)),
            ]
        };
        let lazy = LazyUnionQuery::new(clauses());
        let should = BooleanQuery::new(clauses().into_iter().map(|c| (Occur::Should, c)).collect());
        let top = TopDocs::with_limit(10).order_by_score();
        let lazy_hits = searcher.search(&lazy, &top)?;
        let should_hits = searcher.search(&should, &top)?;
        assert_eq!(lazy_hits.len(), 4);
        assert_eq!(searcher.search(&lazy, &Count)?, 4);
        for ((a, doc_a), (b, doc_b)) in lazy_hits.iter().zip(&should_hits) {
            assert_eq!(doc_a, doc_b);
            assert!((a - b).abs() < 1e-5, "{a} != {b}");
        }
        // Inside an intersection, seeking: only "messi" articles with the phrase.
        let both = BooleanQuery::new(vec![
            (Occur::Must, Box::new(lazy.clone()) as Box<dyn Query>),
            (
                Occur::Must,
                Box::new(TermQuery::new(term("messi"), IndexRecordOption::Basic)),
            ),
        ]);
        assert_eq!(searcher.search(&both, &Count)?, 2);
        let explained = lazy.explain(&searcher, lazy_hits[0].1)?;
        assert!((explained.value() - lazy_hits[0].0).abs() < 1e-5);
        Ok(())
    }
}
