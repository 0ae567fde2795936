//! Entity counts among all matches of a query (`--facets`, the shell's `:facets`).
//!
//! Each segment counts its matches' entity facet ordinals from the facet column, then reads
//! the names of the ordinals it saw in ordinal order, each dictionary block once. (tantivy's
//! `FacetCollector` resolves ordinals one at a time: 0.3 s for a broad query at 10x.)
//! Spellings of one name that differ only in accents or case count as one entity, named as
//! the index's lexicon names it.

use super::{FacetCounts, NameCount, FACETS_PER_KIND};
use crate::extract::EntityKind;
use crate::index::lexicon::{by_kind_and_count, merge_spellings, EntityRef, Lexicon};
use crate::index::schema::ENTITY_FIELD;
use anyhow::Context;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Entities of each kind (by count) whose names are looked up in the lexicon.
const LOOKED_UP_PER_KIND: usize = 3 * FACETS_PER_KIND;

/// The top entities of each kind among all matches of `query`.
pub(super) fn count_facets(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    lexicon: &Lexicon,
) -> anyhow::Result<FacetCounts> {
    let counts = searcher
        .search(query, &EntityCounts)
        .context("cannot count entities")?;
    let entities = counts
        .into_iter()
        .map(|((kind, name), count)| EntityRef {
            kind,
            name,
            count,
            variants: Vec::new(),
            aliases: Vec::new(),
        })
        .collect();
    // Named as the lexicon names the entity when it knows this spelling; spellings it
    // names alike ("Andy Robertson" as a variant of "Andrew Robertson") count as one. Only
    // the leading entities of each kind are looked up (a lookup reads a lexicon line).
    let mut named: Vec<EntityRef> = Vec::new();
    let mut index_of: HashMap<(EntityKind, String), usize> = HashMap::new();
    let mut looked_up: HashMap<EntityKind, usize> = HashMap::new();
    for entity in merge_spellings(entities) {
        let seen = looked_up.entry(entity.kind).or_default();
        *seen += 1;
        let name = if *seen > LOOKED_UP_PER_KIND {
            entity.name
        } else {
            match lexicon.resolve(entity.kind, &entity.name) {
                Ok(Some(known)) if known.spellings().any(|s| s == entity.name) => known.name,
                _ => entity.name,
            }
        };
        match index_of.entry((entity.kind, name)) {
            std::collections::hash_map::Entry::Occupied(same) => {
                named[*same.get()].count += entity.count;
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let name = slot.key().1.clone();
                slot.insert(named.len());
                named.push(EntityRef { name, ..entity });
            }
        }
    }
    named.sort_by(by_kind_and_count);
    let mut facets = FacetCounts::default();
    for entity in named {
        let list = facets.of_kind_mut(entity.kind);
        if list.len() < FACETS_PER_KIND {
            list.push(NameCount {
                name: entity.name,
                count: entity.count,
            });
        }
    }
    Ok(facets)
}

/// Collects how many matching articles name each entity, as (kind, name) -> count.
struct EntityCounts;

type Counts = HashMap<(EntityKind, String), u64>;

impl Collector for EntityCounts {
    type Fruit = Counts;
    type Child = SegmentEntityCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentEntityCounts> {
        let reader = segment.facet_reader(ENTITY_FIELD)?;
        Ok(SegmentEntityCounts {
            counts: vec![0; reader.num_facets()],
            reader,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut merged = Counts::new();
        for fruit in fruits {
            for (entity, count) in fruit {
                *merged.entry(entity).or_default() += count;
            }
        }
        Ok(merged)
    }
}

/// [`EntityCounts`] on one segment: a count per facet ordinal.
struct SegmentEntityCounts {
    reader: FacetReader,
    counts: Vec<u64>,
}

impl SegmentCollector for SegmentEntityCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for ord in self.reader.facet_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let seen: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        let mut names: Vec<String> = Vec::with_capacity(seen.len());
        let read = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&seen, |bytes| {
                names.push(String::from_utf8_lossy(bytes).into_owned());
            });
        let mut counts = Counts::new();
        if read.is_err() || names.len() != seen.len() {
            return counts;
        }
        for (ord, facet) in seen.into_iter().zip(names) {
            // Facet terms are `kind\0name`; a bare `kind` (an ancestor) has no name.
            let Some((kind, name)) = facet.split_once('\0') else {
                continue;
            };
            if let Some(kind) = EntityKind::from_name(kind) {
                *counts.entry((kind, name.to_owned())).or_default() += self.counts[ord as usize];
            }
        }
        counts
    }
}
