//! The entity lexicon of an index: every entity the index's articles name, with article
//! counts, findable by canonical name, alias or surname in folded form.
//!
//! Written beside the index at the end of each indexing job: `entities.tsv` (one
//! `kind<TAB>name<TAB>count` line per entity, by kind then count) and `entities.fst`
//! (folded `kind\0alias` -> byte offset of the entity's line). Searches open only the FST
//! (small, no parsing) and read the lines they need, so resolving `--club leverkusen` or
//! boosting "Anton" costs microseconds, not a gazetteer load.

use super::write_atomically;
use crate::extract::fold::fold;
use crate::extract::gazetteer::{gazetteer, surname_keys};
use crate::extract::EntityKind;
use anyhow::Context;
use fst::{IntoStreamer, Map, MapBuilder, Streamer};
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, TERMINATED};

const TSV_FILE: &str = "entities.tsv";
const FST_FILE: &str = "entities.fst";

/// An entity of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    /// Club, person or competition.
    pub kind: EntityKind,
    /// Canonical name (the facet's last segment).
    pub name: String,
    /// Number of articles naming it.
    pub count: u64,
}

/// How a lexicon key names its entity; lower wins when two entities share a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeySource {
    /// The canonical name itself.
    Canonical = 0,
    /// An alias that names the entity on its own ("Leverkusen").
    StrongAlias = 1,
    /// A nickname that needs context ("the Reds").
    WeakAlias = 2,
    /// A person's surname ("Anton").
    Surname = 3,
}

impl KeySource {
    fn from_bits(bits: u64) -> KeySource {
        match bits & 3 {
            0 => KeySource::Canonical,
            1 => KeySource::StrongAlias,
            2 => KeySource::WeakAlias,
            _ => KeySource::Surname,
        }
    }
}

/// Counts every entity facet of the index's live articles.
///
/// Streams each segment's term dictionary of the entity field (facet terms are
/// `kind\0name`); document frequencies are exact unless a segment has deletions, where the
/// postings are walked against the alive bitset. (tantivy's `FacetCollector` resolves each
/// facet ordinal through a compressed dictionary block, which was far slower here.)
pub fn count_entities(
    searcher: &tantivy::Searcher,
    field: Field,
) -> tantivy::Result<Vec<EntityRef>> {
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let alive = segment.alive_bitset();
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let info = terms.value();
            let count = match alive {
                None => u64::from(info.doc_freq),
                Some(alive) => {
                    let mut postings =
                        inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                    let mut n = 0;
                    while postings.doc() != TERMINATED {
                        if alive.is_alive(postings.doc()) {
                            n += 1;
                        }
                        postings.advance();
                    }
                    n
                }
            };
            if count > 0 {
                *counts.entry(terms.key().to_vec()).or_default() += count;
            }
        }
    }
    let mut entities: Vec<EntityRef> = counts
        .into_iter()
        .filter_map(|(key, count)| {
            let text = String::from_utf8(key).ok()?;
            let (kind, name) = text.split_once('\0')?;
            Some(EntityRef {
                kind: EntityKind::from_name(kind)?,
                name: name.to_owned(),
                count,
            })
        })
        .collect();
    entities.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.count.cmp(&a.count))
            .then(a.name.cmp(&b.name))
    });
    Ok(entities)
}

/// Writes the lexicon files for these entities into the index directory (atomically).
pub fn write_lexicon(dir: &Path, entities: &[EntityRef]) -> anyhow::Result<()> {
    let mut tsv = String::new();
    let mut offsets = Vec::with_capacity(entities.len());
    for entity in entities {
        offsets.push(tsv.len() as u64);
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            entity.kind.name(),
            entity.name,
            entity.count
        ));
    }
    // Key -> (source, -count, offset): the best entity for a key is the smallest.
    let mut keys: BTreeMap<Vec<u8>, (KeySource, std::cmp::Reverse<u64>, u64)> = BTreeMap::new();
    let mut add = |kind: EntityKind, folded: &str, source: KeySource, count: u64, offset: u64| {
        if folded.len() < 2 {
            return;
        }
        let key = format!("{}\0{}", kind.name(), folded).into_bytes();
        let value = (source, std::cmp::Reverse(count), offset);
        keys.entry(key)
            .and_modify(|v| *v = (*v).min(value))
            .or_insert(value);
    };
    let index_of: HashMap<(EntityKind, &str), usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.kind, e.name.as_str()), i))
        .collect();
    for (entity, offset) in entities.iter().zip(&offsets) {
        let folded = fold(&entity.name);
        add(
            entity.kind,
            &folded,
            KeySource::Canonical,
            entity.count,
            *offset,
        );
        if entity.kind == EntityKind::Person {
            let words: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
            if words.len() >= 2 {
                for key in surname_keys(&words) {
                    add(entity.kind, &key, KeySource::Surname, entity.count, *offset);
                }
            }
        }
    }
    let gazetteer = gazetteer();
    for (alias, targets) in &gazetteer.by_alias {
        for target in targets {
            let entry = gazetteer.entry(target.entry);
            if let Some(&i) = index_of.get(&(entry.kind, entry.canonical.as_str())) {
                let source = if target.strong {
                    KeySource::StrongAlias
                } else {
                    KeySource::WeakAlias
                };
                add(entry.kind, alias, source, entities[i].count, offsets[i]);
            }
        }
    }
    let mut builder = MapBuilder::memory();
    for (key, (source, _, offset)) in &keys {
        // The value packs the line offset with how the key names the entity.
        builder
            .insert(key, offset << 2 | *source as u64)
            .context("cannot build the entity lexicon")?;
    }
    let fst_bytes = builder
        .into_inner()
        .context("cannot build the entity lexicon")?;
    write_atomically(&dir.join(TSV_FILE), tsv.as_bytes())?;
    write_atomically(&dir.join(FST_FILE), &fst_bytes)?;
    Ok(())
}

/// A lexicon opened for lookups.
pub struct Lexicon {
    map: Map<Vec<u8>>,
    tsv_path: PathBuf,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("keys", &self.map.len())
            .finish()
    }
}

impl Lexicon {
    /// Opens the lexicon of the index in `dir` (an empty one if the index has none yet).
    pub fn open(dir: &Path) -> anyhow::Result<Lexicon> {
        let fst_path = dir.join(FST_FILE);
        let bytes = match std::fs::read(&fst_path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                MapBuilder::memory().into_inner().context("empty lexicon")?
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", fst_path.display())),
        };
        let map = Map::new(bytes)
            .with_context(|| format!("corrupt entity lexicon {}", fst_path.display()))?;
        Ok(Lexicon {
            map,
            tsv_path: dir.join(TSV_FILE),
        })
    }

    /// The entity of this kind named `name` (canonical, alias or surname; case and accents
    /// ignored).
    pub fn resolve(&self, kind: EntityKind, name: &str) -> anyhow::Result<Option<EntityRef>> {
        Ok(self
            .resolve_with_source(kind, name)?
            .map(|(entity, _)| entity))
    }

    /// Like [`Lexicon::resolve`], also saying how the name names the entity.
    pub fn resolve_with_source(
        &self,
        kind: EntityKind,
        name: &str,
    ) -> anyhow::Result<Option<(EntityRef, KeySource)>> {
        let key = format!("{}\0{}", kind.name(), fold(name.trim()));
        match self.map.get(key.as_bytes()) {
            Some(value) => Ok(Some((
                self.entity_at(value >> 2)?,
                KeySource::from_bits(value),
            ))),
            None => Ok(None),
        }
    }

    /// Every entity of any kind named `name`, with how the name names it.
    pub fn resolve_any(&self, name: &str) -> anyhow::Result<Vec<(EntityRef, KeySource)>> {
        let mut found = Vec::new();
        for kind in EntityKind::ALL {
            if let Some(entity) = self.resolve_with_source(kind, name)? {
                found.push(entity);
            }
        }
        Ok(found)
    }

    /// Up to `n` entities of this kind whose names are closest to `name`, for "did you mean".
    pub fn nearest(
        &self,
        kind: EntityKind,
        name: &str,
        n: usize,
    ) -> anyhow::Result<Vec<EntityRef>> {
        let wanted = fold(name.trim());
        let prefix = format!("{}\0", kind.name());
        let mut stream = self
            .map
            .range()
            .ge(prefix.as_bytes())
            .lt(format!("{}\u{1}", kind.name()).as_bytes())
            .into_stream();
        let mut scored: Vec<(f64, u64)> = Vec::new();
        while let Some((key, value)) = stream.next() {
            let offset = value >> 2;
            let alias = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
            let similarity = strsim::jaro_winkler(&wanted, &alias);
            scored.push((similarity, offset));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<EntityRef> = Vec::new();
        for (_, offset) in scored {
            let entity = self.entity_at(offset)?;
            if !out.iter().any(|e| e.name == entity.name) {
                out.push(entity);
            }
            if out.len() == n {
                break;
            }
        }
        Ok(out)
    }

    fn entity_at(&self, offset: u64) -> anyhow::Result<EntityRef> {
        let mut file = std::fs::File::open(&self.tsv_path)
            .with_context(|| format!("cannot read {}", self.tsv_path.display()))?;
        file.seek(SeekFrom::Start(offset))?;
        let mut buf = vec![0u8; 512];
        let n = file.read(&mut buf)?;
        let line = String::from_utf8_lossy(&buf[..n]);
        let line = line.lines().next().unwrap_or("");
        parse_line(line).with_context(|| format!("corrupt line in {}", self.tsv_path.display()))
    }
}

fn parse_line(line: &str) -> Option<EntityRef> {
    let mut cols = line.split('\t');
    let kind = EntityKind::from_name(cols.next()?)?;
    let name = cols.next()?.to_owned();
    let count = cols.next()?.parse().ok()?;
    Some(EntityRef { kind, name, count })
}

/// Every entity of the index in `dir`, by kind then article count (from `entities.tsv`).
pub fn read_entities(dir: &Path) -> anyhow::Result<Vec<EntityRef>> {
    let path = dir.join(TSV_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    Ok(text.lines().filter_map(parse_line).collect())
}
