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
use tantivy::{
    DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term, TERMINATED,
};

/// Matches what any clause matches; scores the sum of the matching clauses' scores, or
/// (`first_match`) the score of the first clause that matches, the later ones then not
/// checked at all.
#[derive(Debug)]
pub struct LazyUnionQuery {
    clauses: Vec<Box<dyn Query>>,
    first_match: bool,
}

impl LazyUnionQuery {
    /// A union of `clauses`, scored by their sum.
    pub fn new(clauses: Vec<Box<dyn Query>>) -> Self {
        LazyUnionQuery {
            clauses,
            first_match: false,
        }
    }

    /// A union of `clauses`, scored by the first that matches: put a cheap clause that
    /// usually matches (a tag) before a costly one (a phrase).
    pub fn first_match(clauses: Vec<Box<dyn Query>>) -> Self {
        LazyUnionQuery {
            clauses,
            first_match: true,
        }
    }
}

impl Clone for LazyUnionQuery {
    fn clone(&self) -> Self {
        LazyUnionQuery {
            clauses: self.clauses.iter().map(|c| c.box_clone()).collect(),
            first_match: self.first_match,
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
        Ok(Box::new(LazyUnionWeight {
            weights,
            first_match: self.first_match,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    weights: Vec<Box<dyn Weight>>,
    first_match: bool,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let clauses = self
            .weights
            .iter()
            .map(|w| w.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut scorer = LazyUnionScorer::new(clauses);
        scorer.first_match = self.first_match;
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let label = if self.first_match {
            "the first matching clause"
        } else {
            "sum of the matching clauses"
        };
        let mut explanation = Explanation::new(label, scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// Matches what `required` matches; adds the score of each `bonus` clause that matches the
/// same document. A bonus clause (a phrase, a proximity pair) is checked on the required
/// matches only, one document at a time, never searched ahead for its own next match, as
/// tantivy's `Should` clauses beside `Must` ones are.
#[derive(Debug)]
pub struct BonusQuery {
    required: Box<dyn Query>,
    bonus: Vec<Box<dyn Query>>,
}

impl BonusQuery {
    /// `required`, scored with whichever of `bonus` also match.
    pub fn new(required: Box<dyn Query>, bonus: Vec<Box<dyn Query>>) -> Self {
        BonusQuery { required, bonus }
    }
}

impl Clone for BonusQuery {
    fn clone(&self) -> Self {
        BonusQuery {
            required: self.required.box_clone(),
            bonus: self.bonus.iter().map(|c| c.box_clone()).collect(),
        }
    }
}

impl Query for BonusQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let required = self.required.weight(enable_scoring)?;
        let bonus = LazyUnionQuery::new(self.bonus.iter().map(|c| c.box_clone()).collect())
            .weight(enable_scoring)?;
        Ok(Box::new(BonusWeight { required, bonus }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.required.query_terms(visitor);
        for clause in &self.bonus {
            clause.query_terms(visitor);
        }
    }
}

struct BonusWeight {
    required: Box<dyn Weight>,
    bonus: Box<dyn Weight>,
}

impl Weight for BonusWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(BonusScorer {
            required: self.required.scorer(reader, boost)?,
            bonus: self.bonus.scorer(reader, boost)?,
            scored: None,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let required = self.required.explain(reader, doc)?;
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("required, plus matching bonus", scorer.score());
        explanation.add_detail(required);
        if let Ok(bonus) = self.bonus.explain(reader, doc) {
            explanation.add_detail(bonus);
        }
        Ok(explanation)
    }
}

struct BonusScorer {
    required: Box<dyn Scorer>,
    /// A [`LazyUnionScorer`] of the bonus clauses, only ever asked `seek_danger`.
    bonus: Box<dyn Scorer>,
    /// The last document scored and its score.
    scored: Option<(DocId, Score)>,
}

impl DocSet for BonusScorer {
    fn advance(&mut self) -> DocId {
        self.required.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.required.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.required.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.required.doc()
    }

    fn size_hint(&self) -> u32 {
        self.required.size_hint()
    }

    fn cost(&self) -> u64 {
        self.required.cost()
    }
}

impl Scorer for BonusScorer {
    fn score(&mut self) -> Score {
        let doc = self.required.doc();
        if let Some((scored, score)) = self.scored {
            if scored == doc {
                return score;
            }
        }
        let mut score = self.required.score();
        if self.bonus.seek_danger(doc) == SeekDangerResult::Found {
            score += self.bonus.score();
        }
        self.scored = Some((doc, score));
        score
    }
}

/// The scorer: positioned on the smallest document any clause is on.
///
/// Inside an intersection it is mostly asked whether one document matches
/// ([`DocSet::seek_danger`]); it then asks each clause the same, so a phrase clause checks its
/// positions in that document only instead of searching on for its next match. A clause
/// that answered "no" is left unpositioned (tantivy's "danger zone") with a lower bound for
/// its next match, and is positioned again only if the union is advanced or sought.
struct LazyUnionScorer {
    clauses: Vec<Box<dyn Scorer>>,
    /// `Some(bound)` for a clause left unpositioned by `seek_danger`: it has no match below
    /// `bound`, and takes only `seek_danger` calls until one finds a match.
    unpositioned: Vec<Option<DocId>>,
    doc: DocId,
    /// Score the first matching clause only; `seek_danger` stops at it.
    first_match: bool,
}

impl LazyUnionScorer {
    fn new(clauses: Vec<Box<dyn Scorer>>) -> Self {
        let unpositioned = vec![None; clauses.len()];
        let mut scorer = LazyUnionScorer {
            clauses,
            unpositioned,
            doc: TERMINATED,
            first_match: false,
        };
        scorer.doc = scorer.smallest();
        scorer
    }

    /// The smallest document any clause is on (or, for an unpositioned clause, may be on).
    fn smallest(&self) -> DocId {
        self.clauses
            .iter()
            .zip(&self.unpositioned)
            .map(|(c, bound)| bound.unwrap_or_else(|| c.doc()))
            .min()
            .unwrap_or(TERMINATED)
    }

    /// Positions every unpositioned clause on its first match at or after `target`.
    fn position_all(&mut self, target: DocId) {
        for (clause, bound) in self.clauses.iter_mut().zip(&mut self.unpositioned) {
            let Some(mut next) = bound.take() else {
                continue;
            };
            next = next.max(target);
            loop {
                match clause.seek_danger(next) {
                    SeekDangerResult::Found => break,
                    SeekDangerResult::SeekLowerBound(TERMINATED) => {
                        // Exhausted: leave it unpositioned past every document.
                        *bound = Some(TERMINATED);
                        break;
                    }
                    SeekDangerResult::SeekLowerBound(lower) => next = lower,
                }
            }
        }
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        self.position_all(current + 1);
        for (clause, bound) in self.clauses.iter_mut().zip(&self.unpositioned) {
            if bound.is_none() && clause.doc() == current {
                clause.advance();
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target && self.unpositioned.iter().all(Option::is_none) {
            return self.doc;
        }
        self.position_all(target);
        for (clause, bound) in self.clauses.iter_mut().zip(&self.unpositioned) {
            if bound.is_none() && clause.doc() < target {
                clause.seek(target);
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        let mut found = false;
        let mut lower = TERMINATED;
        for (clause, bound) in self.clauses.iter_mut().zip(&mut self.unpositioned) {
            let at = bound.unwrap_or_else(|| clause.doc());
            if at > target {
                lower = lower.min(at);
                continue;
            }
            if at == target && bound.is_none() {
                found = true;
                if self.first_match {
                    break;
                }
                continue;
            }
            match clause.seek_danger(target) {
                SeekDangerResult::Found => {
                    *bound = None;
                    found = true;
                    if self.first_match {
                        break;
                    }
                }
                SeekDangerResult::SeekLowerBound(next) => {
                    *bound = Some(next);
                    lower = lower.min(next);
                }
            }
        }
        if found {
            self.doc = target;
            SeekDangerResult::Found
        } else {
            self.doc = lower;
            SeekDangerResult::SeekLowerBound(lower)
        }
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
        let matching = self
            .clauses
            .iter_mut()
            .zip(&self.unpositioned)
            .filter(|(c, bound)| bound.is_none() && c.doc() == current)
            .map(|(c, _)| c);
        if self.first_match {
            matching.take(1).map(|c| c.score()).sum()
        } else {
            matching.map(|c| c.score()).sum()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// An empty in-memory index with one text field, `body`.
    fn ram_index() -> (Index, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        (Index::create_in_ram(builder.build()), body)
    }

    #[test]
    fn matches_and_scores_like_a_should_union() -> tantivy::Result<()> {
        let (index, body) = ram_index();
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

    /// Same documents and scores as tantivy's own queries, on a few hundred random texts
    /// where phrases often have their words but not in order: the union inside an
    /// intersection (asked one document at a time), leading it, and bonus clauses.
    #[test]
    fn random_texts_match_and_score_like_tantivy_queries() -> tantivy::Result<()> {
        let (index, body) = ram_index();
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000)?;
        let words = ["a", "b", "c", "d", "e"];
        let mut state: u64 = 42;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for _ in 0..400 {
            let len = 2 + next(10);
            let text: Vec<&str> = (0..len).map(|_| words[next(5) as usize]).collect();
            writer.add_document(doc!(body => text.join(" ")))?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let term = |t: &str| Term::from_field_text(body, t);
        let phrase = |a: &str, b: &str, slop: u32| -> Box<dyn Query> {
            let mut phrase = PhraseQuery::new(vec![term(a), term(b)]);
            phrase.set_slop(slop);
            Box::new(phrase)
        };
        let word = |t: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(term(t), IndexRecordOption::WithFreqs))
        };
        let should = |clauses: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                clauses.into_iter().map(|c| (Occur::Should, c)).collect(),
            ))
        };
        let must = |clauses: Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                clauses.into_iter().map(|c| (Occur::Must, c)).collect(),
            ))
        };
        let pairs: Vec<(Box<dyn Query>, Box<dyn Query>)> = vec![
            (
                Box::new(LazyUnionQuery::new(vec![phrase("a", "b", 0), word("c")])),
                should(vec![phrase("a", "b", 0), word("c")]),
            ),
            (
                must(vec![
                    Box::new(LazyUnionQuery::new(vec![
                        phrase("a", "b", 0),
                        phrase("c", "a", 0),
                    ])),
                    word("d"),
                ]),
                must(vec![
                    should(vec![phrase("a", "b", 0), phrase("c", "a", 0)]),
                    word("d"),
                ]),
            ),
            (
                must(vec![
                    word("e"),
                    Box::new(LazyUnionQuery::new(vec![phrase("b", "d", 1), word("a")])),
                    Box::new(LazyUnionQuery::new(vec![
                        phrase("d", "c", 0),
                        phrase("e", "e", 0),
                    ])),
                ]),
                must(vec![
                    word("e"),
                    should(vec![phrase("b", "d", 1), word("a")]),
                    should(vec![phrase("d", "c", 0), phrase("e", "e", 0)]),
                ]),
            ),
            (
                Box::new(BonusQuery::new(
                    must(vec![word("a"), word("b")]),
                    vec![phrase("a", "b", 0), phrase("c", "d", 2)],
                )),
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, word("a")),
                    (Occur::Must, word("b")),
                    (Occur::Should, phrase("a", "b", 0)),
                    (Occur::Should, phrase("c", "d", 2)),
                ])),
            ),
        ];
        // First match: the union's articles, each scored by its first matching clause, also
        // when asked one article at a time inside an intersection.
        let first = LazyUnionQuery::first_match(vec![word("c"), phrase("a", "b", 0)]);
        let inside = must(vec![Box::new(first.clone()), word("d")]);
        let top = TopDocs::with_limit(1_000).order_by_score();
        let score_of = |query: &dyn Query| -> tantivy::Result<Vec<(Score, tantivy::DocAddress)>> {
            searcher.search(query, &top)
        };
        let c_hits = score_of(word("c").as_ref())?;
        let ab_hits = score_of(phrase("a", "b", 0).as_ref())?;
        let d_hits = score_of(word("d").as_ref())?;
        let lookup = |hits: &[(Score, tantivy::DocAddress)], doc| {
            hits.iter().find(|(_, d)| *d == doc).map(|(s, _)| *s)
        };
        let first_hits = score_of(&first)?;
        assert_eq!(
            first_hits.len(),
            score_of(should(vec![word("c"), phrase("a", "b", 0)]).as_ref())?.len()
        );
        for (score, doc) in &first_hits {
            let expected = lookup(&c_hits, *doc)
                .or(lookup(&ab_hits, *doc))
                .expect("a clause matches");
            assert!((score - expected).abs() < 1e-4);
        }
        let inside_hits = score_of(inside.as_ref())?;
        assert!(!inside_hits.is_empty());
        for (score, doc) in &inside_hits {
            let expected = lookup(&first_hits, *doc).expect("in the union")
                + lookup(&d_hits, *doc).expect("has d");
            assert!((score - expected).abs() < 1e-4, "{score} != {expected}");
        }
        for (ours, theirs) in &pairs {
            let top = TopDocs::with_limit(1_000).order_by_score();
            let mut ours_hits = searcher.search(ours.as_ref(), &top)?;
            let mut theirs_hits = searcher.search(theirs.as_ref(), &top)?;
            assert!(!theirs_hits.is_empty());
            assert_eq!(searcher.search(ours.as_ref(), &Count)?, theirs_hits.len());
            ours_hits.sort_by_key(|(_, doc)| *doc);
            theirs_hits.sort_by_key(|(_, doc)| *doc);
            assert_eq!(ours_hits.len(), theirs_hits.len(), "{ours:?}");
            for ((a, doc_a), (b, doc_b)) in ours_hits.iter().zip(&theirs_hits) {
                assert_eq!(doc_a, doc_b, "{ours:?}");
                assert!((a - b).abs() < 1e-4, "{ours:?}: {a} != {b}");
            }
        }
        Ok(())
    }
}
