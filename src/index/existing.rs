//! What an index already holds, for incremental jobs: the content hash of every live
//! article by id, and the articles that came from given source paths (for `--prune`).
//!
//! Both read the inverted index's term dictionaries (a sequential stream) and fast fields,
//! never the document store, so they stay cheap on large indexes.

use super::ScoutIndex;
use anyhow::Context;
use rustc_hash::FxHashMap;
use std::path::Path;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED};

/// A stable 64-bit key of an article id (xxh3), so the map needs no id strings.
pub fn id_key(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

/// Content hash of every live article, keyed by [`id_key`] of its id.
pub fn content_hashes(index: &ScoutIndex) -> anyhow::Result<FxHashMap<u64, u64>> {
    let searcher = index.snapshot()?;
    let mut hashes = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let column = segment
            .fast_fields()
            .u64(super::schema::CONTENT_HASH_FIELD)
            .context("cannot read content hashes")?;
        for_each_live_term(segment, index.fields.id, |id, doc| {
            if let Some(hash) = column.first(doc) {
                hashes.insert(id_key(&String::from_utf8_lossy(id)), hash);
            }
        })?;
    }
    Ok(hashes)
}

/// Calls `f(term, doc)` for every live document of every term of `field` in a segment.
fn for_each_live_term(
    segment: &SegmentReader,
    field: Field,
    mut f: impl FnMut(&[u8], DocId),
) -> anyhow::Result<()> {
    let inverted = segment.inverted_index(field)?;
    let alive = segment.alive_bitset();
    let mut terms = inverted.terms().stream()?;
    while terms.advance() {
        let mut postings =
            inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
        while postings.doc() != TERMINATED {
            let doc = postings.doc();
            if alive.is_none_or(|a| a.is_alive(doc)) {
                f(terms.key(), doc);
            }
            postings.advance();
        }
    }
    Ok(())
}

/// Ids of the live articles whose source path is one of `paths` or lies under one of them
/// (directories), with the [`id_key`]s to keep.
pub fn ids_from_paths(
    index: &ScoutIndex,
    paths: &[&Path],
    keep: &rustc_hash::FxHashSet<u64>,
) -> anyhow::Result<Vec<String>> {
    let searcher = index.snapshot()?;
    let mut gone = Vec::new();
    for segment in searcher.segment_readers() {
        let ids = segment
            .fast_fields()
            .str(super::schema::ID_FIELD)
            .context("cannot read ids")?
            .context("the index has no id column")?;
        let mut under: Vec<DocId> = Vec::new();
        for_each_live_term(segment, index.fields.path, |path, doc| {
            let path = Path::new(std::str::from_utf8(path).unwrap_or(""));
            if paths.iter().any(|root| path.starts_with(root)) {
                under.push(doc);
            }
        })?;
        let mut id = String::new();
        for doc in under {
            let Some(ord) = ids.term_ords(doc).next() else {
                continue;
            };
            id.clear();
            if ids.ord_to_str(ord, &mut id)? && !keep.contains(&id_key(&id)) {
                gone.push(id.clone());
            }
        }
    }
    gone.sort();
    gone.dedup();
    Ok(gone)
}
