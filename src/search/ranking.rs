//! Ranking in one pass over the matches: the best few thousand matches are kept with their
//! score, date and SimHash, and every match's SimHash, so the page can be filled with
//! distinct stories (however many copies the best ones have), and each story's copies
//! counted among all matches, without running the query again.

use super::{SortOrder, NEAR_DUPLICATE_BITS};
use crate::extract::signature::simhash_distance;
use crate::index::schema::{DATE_FIELD, SIMHASH_FIELD};
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// A matching article before its document is read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Its score in the ranking (the freshness factor included for [`SortOrder::Recent`]).
    pub score: Score,
    /// Where it is.
    pub address: DocAddress,
    /// Its SimHash, if it has one.
    pub simhash: Option<u64>,
    /// Its publication instant (seconds), if dated.
    pub date: Option<i64>,
}

/// Collects the best `keep` matches of a query as [`Candidate`]s, and every match's SimHash.
pub(super) struct RankedMatches {
    /// The order the matches will be ranked in.
    pub sort: SortOrder,
    /// The newest publication instant in the index (for [`SortOrder::Recent`]).
    pub newest: Option<i64>,
    /// How many of the best matches [`Matches::top`] can be asked for.
    pub keep: usize,
    /// Where the collected matches take their buffers from and return them to.
    pub buffers: Arc<BufferPool>,
}

/// Buffers of earlier searches, kept for the next ones: a broad query collects hundreds of
/// kilobytes of SimHashes, and fresh memory for them each time cost page faults and
/// copies as the vectors grew (7-10% of a search's time).
#[derive(Debug, Default)]
pub(super) struct BufferPool(Mutex<Vec<(Vec<Candidate>, Vec<u64>)>>);

/// Most buffer pairs a pool keeps.
const POOLED_BUFFERS: usize = 8;
/// Largest buffer (in elements) a pool keeps: 2 MiB of SimHashes, more than the broadest
/// bench query at 10x needs; a search over a million articles must not hold its memory
/// for the rest of a session (the pool keeps at most about 20 MiB).
const POOLED_CAPACITY: usize = 1 << 18;

impl BufferPool {
    fn take(&self) -> (Vec<Candidate>, Vec<u64>) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop()
            .unwrap_or_default()
    }

    fn give(&self, mut best: Vec<Candidate>, mut simhashes: Vec<u64>) {
        if best.capacity() > POOLED_CAPACITY || simhashes.capacity() > POOLED_CAPACITY {
            return;
        }
        best.clear();
        simhashes.clear();
        let mut pool = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if pool.len() < POOLED_BUFFERS {
            pool.push((best, simhashes));
        }
    }
}

/// The matches of a query, ready to be ranked.
#[derive(Debug)]
pub(super) struct Matches {
    sort: SortOrder,
    /// Number of matching articles.
    count: usize,
    /// At least the best `keep` matches (all of them when there are fewer).
    best: Vec<Candidate>,
    /// The SimHash of every match (articles without one left out).
    simhashes: Vec<u64>,
    /// Where the buffers go back to when dropped.
    pool: Option<Arc<BufferPool>>,
}

impl Drop for Matches {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            pool.give(
                std::mem::take(&mut self.best),
                std::mem::take(&mut self.simhashes),
            );
        }
    }
}

impl Matches {
    /// No matches yet, collected into these buffers (given back to `pool` when dropped).
    fn empty(
        sort: SortOrder,
        buffers: (Vec<Candidate>, Vec<u64>),
        pool: Option<Arc<BufferPool>>,
    ) -> Self {
        Matches {
            sort,
            count: 0,
            best: buffers.0,
            simhashes: buffers.1,
            pool,
        }
    }

    /// Number of matching articles.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The best `n` (at most the collector's `keep`) matches in display order: by score
    /// (newest first, then index order, on ties), or by date for [`SortOrder::Date`]
    /// (undated last, best score first within one instant).
    pub fn top(&mut self, n: usize) -> Vec<Candidate> {
        let sort = self.sort;
        select_best(&mut self.best, n, sort);
        let mut top = self.best[..n.min(self.best.len())].to_vec();
        top.sort_unstable_by(|a, b| display_order(sort, a, b));
        top
    }

    /// Number of matching articles within [`NEAR_DUPLICATE_BITS`] of `simhash`, the article
    /// itself left out.
    pub fn copies_of(&self, simhash: u64) -> usize {
        self.simhashes
            .iter()
            .filter(|&&other| simhash_distance(simhash, other) <= NEAR_DUPLICATE_BITS)
            .count()
            .saturating_sub(1)
    }
}

/// Moves the best `n` candidates (in [`display_order`]) to the front, in no particular
/// order; linear in the number of candidates.
fn select_best(candidates: &mut [Candidate], n: usize, sort: SortOrder) {
    if n > 0 && n < candidates.len() {
        candidates.select_nth_unstable_by(n - 1, |a, b| display_order(sort, a, b));
    }
}

/// The total order of [`Matches::top`] (`Less` comes first).
fn display_order(sort: SortOrder, a: &Candidate, b: &Candidate) -> Ordering {
    let by_score = || b.score.total_cmp(&a.score);
    // Some(newer) before Some(older) before None.
    let by_date = || b.date.cmp(&a.date);
    match sort {
        SortOrder::Relevance | SortOrder::Recent => by_score().then_with(by_date),
        SortOrder::Date => by_date().then_with(by_score),
    }
    .then_with(|| a.address.cmp(&b.address))
}

/// The freshness factor of [`SortOrder::Recent`]: `1 + 2^(-age / half-life)`.
pub(super) fn freshness(date: Option<i64>, newest: Option<i64>) -> f32 {
    match (date, newest) {
        (Some(date), Some(newest)) => {
            let age_days = (newest - date).max(0) as f32 / 86_400.0;
            1.0 + (-age_days / super::FRESHNESS_HALF_LIFE_DAYS).exp2()
        }
        _ => 1.0,
    }
}

impl Collector for RankedMatches {
    type Fruit = Matches;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment_ord,
            simhash_column: segment.fast_fields().u64(SIMHASH_FIELD).ok(),
            date_column: segment.fast_fields().date(DATE_FIELD).ok(),
            newest: self.newest,
            keep: self.keep.max(1),
            worst_kept: None,
            fruit: Matches::empty(
                self.sort,
                self.buffers.take(),
                Some(Arc::clone(&self.buffers)),
            ),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Matches>) -> tantivy::Result<Matches> {
        let mut fruits = fruits.into_iter();
        let Some(mut merged) = fruits.next() else {
            return Ok(Matches::empty(self.sort, Default::default(), None));
        };
        for fruit in fruits {
            merged.count += fruit.count;
            merged.best.extend_from_slice(&fruit.best);
            merged.simhashes.extend_from_slice(&fruit.simhashes);
        }
        Ok(merged)
    }
}

/// [`RankedMatches`] on one segment: candidates gather in a buffer of twice `keep`; when it
/// is full the best `keep` stay, and later matches that rank below the worst of them are
/// not kept.
pub(super) struct SegmentMatches {
    segment_ord: SegmentOrdinal,
    simhash_column: Option<Column<u64>>,
    date_column: Option<Column<DateTime>>,
    newest: Option<i64>,
    keep: usize,
    /// The worst candidate kept at the last pruning: nothing ranking below it can be among
    /// the best `keep`.
    worst_kept: Option<Candidate>,
    fruit: Matches,
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Matches;

    fn collect(&mut self, doc: DocId, score: Score) {
        let fruit = &mut self.fruit;
        fruit.count += 1;
        let simhash = self.simhash_column.as_ref().and_then(|c| c.first(doc));
        if let Some(simhash) = simhash {
            fruit.simhashes.push(simhash);
        }
        if fruit.sort == SortOrder::Relevance {
            // Cheap early exit: a lower score ranks lower whatever the date.
            if self.worst_kept.is_some_and(|worst| score < worst.score) {
                return;
            }
        }
        let date = self
            .date_column
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        let score = match fruit.sort {
            SortOrder::Recent => score * freshness(date, self.newest),
            SortOrder::Relevance | SortOrder::Date => score,
        };
        let candidate = Candidate {
            score,
            address: DocAddress::new(self.segment_ord, doc),
            simhash,
            date,
        };
        if self
            .worst_kept
            .is_some_and(|worst| display_order(fruit.sort, &candidate, &worst).is_gt())
        {
            return;
        }
        fruit.best.push(candidate);
        if fruit.best.len() >= 2 * self.keep {
            select_best(&mut fruit.best, self.keep, fruit.sort);
            fruit.best.truncate(self.keep);
            self.worst_kept = fruit
                .best
                .iter()
                .copied()
                .max_by(|a, b| display_order(fruit.sort, a, b));
        }
    }

    fn harvest(self) -> Matches {
        self.fruit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(score: Score, doc: DocId, date: Option<i64>) -> Candidate {
        Candidate {
            score,
            address: DocAddress::new(0, doc),
            simhash: None,
            date,
        }
    }

    fn ids(top: &[Candidate]) -> Vec<DocId> {
        top.iter().map(|c| c.address.doc_id).collect()
    }

    fn matches(sort: SortOrder) -> Matches {
        Matches {
            sort,
            count: 6,
            simhashes: Vec::new(),
            pool: None,
            best: vec![
                candidate(1.0, 0, Some(10)),
                candidate(3.0, 1, None),
                candidate(2.0, 2, Some(30)),
                candidate(2.0, 3, Some(20)),
                candidate(2.0, 4, Some(30)),
                candidate(5.0, 5, Some(5)),
            ],
        }
    }

    #[test]
    fn relevance_breaks_ties_by_date_then_index_order() {
        let mut all = matches(SortOrder::Relevance);
        assert_eq!(ids(&all.top(10)), [5, 1, 2, 4, 3, 0]);
        // The best n are the first n of the whole order, however the matches were shuffled.
        for n in 0..=6 {
            let mut again = matches(SortOrder::Relevance);
            assert_eq!(ids(&again.top(n)), [5, 1, 2, 4, 3, 0][..n]);
        }
    }

    #[test]
    fn date_order_puts_undated_last_and_best_first_within_an_instant() {
        let mut all = matches(SortOrder::Date);
        assert_eq!(ids(&all.top(6)), [2, 4, 3, 0, 5, 1]);
        assert_eq!(ids(&all.top(2)), [2, 4]);
    }

    #[test]
    fn a_segment_keeps_the_best_matches_in_a_bounded_buffer() {
        for sort in [SortOrder::Relevance, SortOrder::Date, SortOrder::Recent] {
            let mut collector = SegmentMatches {
                segment_ord: 0,
                simhash_column: None,
                date_column: None,
                newest: None,
                keep: 7,
                worst_kept: None,
                fruit: Matches::empty(sort, Default::default(), None),
            };
            // Scores with many ties, in no order.
            let scores: Vec<Score> = (0..200u32).map(|i| ((i * 37) % 23) as Score).collect();
            for (doc, &score) in scores.iter().enumerate() {
                collector.collect(doc as DocId, score);
            }
            let mut fruit = collector.harvest();
            assert_eq!(fruit.count(), 200);
            assert!(fruit.best.len() < 14, "{sort:?}: the buffer stays bounded");
            let mut expected: Vec<Candidate> = (0..200u32)
                .map(|doc| candidate(scores[doc as usize], doc, None))
                .collect();
            expected.sort_by(|a, b| display_order(sort, a, b));
            assert_eq!(ids(&fruit.top(7)), ids(&expected[..7]), "{sort:?}");
        }
    }

    #[test]
    fn copies_are_counted_among_all_matches() {
        let mut all = matches(SortOrder::Relevance);
        all.simhashes = vec![0b1111, 0b0111, u64::MAX];
        assert_eq!(all.copies_of(0b1111), 1);
        assert_eq!(all.copies_of(u64::MAX), 0);
        assert_eq!(all.count(), 6);
    }
}
