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
