//! Near-duplicate copies: grouping ranked candidates by SimHash and naming the copies (ids,
//! sources) from fast fields.

use super::ranking::Candidate;
use super::{Similar, NEAR_DUPLICATE_BITS};
use crate::extract::signature::simhash_distance;
use crate::index::schema::{ID_FIELD, SOURCE_FIELD};
use rustc_hash::FxHashMap;
use tantivy::{DocAddress, DocId, SegmentReader};

/// Groups candidates: each copy (SimHash within [`NEAR_DUPLICATE_BITS`]) goes under the
/// first-ranked article of its story.
pub(super) fn collapse(ranked: Vec<Candidate>) -> Vec<(Candidate, Vec<Candidate>)> {
    let mut groups: Vec<(Candidate, Vec<Candidate>)> = Vec::new();
    for candidate in ranked {
        let leader = candidate.simhash.and_then(|hash| {
            groups.iter_mut().find(|(lead, _)| {
                lead.simhash
                    .is_some_and(|other| simhash_distance(hash, other) <= NEAR_DUPLICATE_BITS)
            })
        });
        match leader {
            Some((_, copies)) => copies.push(candidate),
            None => groups.push((candidate, Vec::new())),
        }
    }
    groups
}

/// How many stories articles with these SimHashes tell: copies (within
/// [`NEAR_DUPLICATE_BITS`] of the first article of a story, as [`collapse`] groups them) count
/// once. Each story's first SimHash is filed under its eight bytes; two SimHashes within
/// seven bits share a byte, so only the stories filed under one of a SimHash's bytes are
/// compared with it.
pub(crate) fn stories(simhashes: &[u64]) -> usize {
    const _: () = assert!(
        NEAR_DUPLICATE_BITS < 8,
        "two near SimHashes must share a byte"
    );
    let mut leaders: Vec<u64> = Vec::new();
    // (byte position, byte value) -> the stories filed there, by index into `leaders`.
    let mut filed: Vec<Vec<u32>> = vec![Vec::new(); 8 * 256];
    let slot =
        |hash: u64, position: usize| position * 256 + ((hash >> (8 * position)) & 0xff) as usize;
    for &hash in simhashes {
        let known = (0..8).any(|position| {
            filed[slot(hash, position)]
                .iter()
                .any(|&l| simhash_distance(hash, leaders[l as usize]) <= NEAR_DUPLICATE_BITS)
        });
        if !known {
            for position in 0..8 {
                filed[slot(hash, position)].push(leaders.len() as u32);
            }
            leaders.push(hash);
        }
    }
    leaders.len()
}

/// The ids and sources of copies, read from their fast-field columns rather than from
/// each copy's stored document. The dictionaries are read in ordinal order, each of their
/// (compressed) blocks once per page, not once per copy.
pub(super) fn copies_similar(
    searcher: &tantivy::Searcher,
    copies: &[DocAddress],
) -> FxHashMap<DocAddress, Similar> {
    let mut similar: FxHashMap<DocAddress, Similar> = FxHashMap::default();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let docs: Vec<DocId> = copies
            .iter()
            .filter(|a| a.segment_ord as usize == segment_ord)
            .map(|a| a.doc_id)
            .collect();
        if docs.is_empty() {
            continue;
        }
        let ids = column_values(segment, ID_FIELD, &docs);
        let sources = column_values(segment, SOURCE_FIELD, &docs);
        for ((doc_id, id), source) in docs.into_iter().zip(ids).zip(sources) {
            let id = id.unwrap_or_default();
            similar.insert(
                DocAddress::new(segment_ord as u32, doc_id),
                Similar { id, source },
            );
        }
    }
    similar
}

/// The values of a raw text fast field for some documents of one segment, in their order.
fn column_values(segment: &SegmentReader, field: &str, docs: &[DocId]) -> Vec<Option<String>> {
    let mut values = vec![None; docs.len()];
    let Some(column) = segment.fast_fields().str(field).ok().flatten() else {
        return values;
    };
    let ords: Vec<Option<u64>> = docs
        .iter()
        .map(|&doc| column.term_ords(doc).next())
        .collect();
    let mut sorted: Vec<u64> = ords.iter().flatten().copied().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut texts: Vec<String> = Vec::with_capacity(sorted.len());
    let read = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            texts.push(String::from_utf8_lossy(bytes).into_owned());
        });
    if read.is_err() || texts.len() != sorted.len() {
        return values;
    }
    for (value, ord) in values.iter_mut().zip(&ords) {
        *value = ord
            .and_then(|ord| sorted.binary_search(&ord).ok())
            .map(|i| texts[i].clone());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_of_a_story_count_once() {
        let story = 0x0123_4567_89ab_cdef_u64;
        // Copies differ in a few bits anywhere; other stories in many.
        let copies = [
            story,
            story ^ 0b101,
            story ^ (1 << 63) ^ (1 << 40),
            story ^ 0x7f,
        ];
        assert_eq!(stories(&copies), 1);
        let other = !story;
        assert_eq!(stories(&[story, other, story ^ 1, other ^ (1 << 20)]), 2);
        assert_eq!(stories(&[]), 0);
        // Eight bits apart is another story.
        assert_eq!(stories(&[story, story ^ 0xff]), 2);
    }
}
