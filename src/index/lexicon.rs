//! The entity lexicon of an index: every entity the index's articles name, with article
//! counts, findable by canonical name, alias or surname in folded form.
//!
//! Written beside the index at the end of each indexing job: `entities.tsv` (one
//! `kind<TAB>name<TAB>count[<TAB>variant|variant...[<TAB>alias|alias...]]` line per entity,
//! by kind then count)
//! and `entities.fst`
//! (folded `kind\0alias` -> byte offset of the entity's line). Searches open only the FST
//! (small, no parsing) and read the lines they need, so resolving `--club leverkusen` or
//! boosting "Anton" costs microseconds, not a gazetteer load.

use super::write_atomically;
use crate::extract::fold::fold;
use crate::extract::gazetteer::{formal_forenames, gazetteer, surname_keys};
use crate::extract::EntityKind;
use anyhow::Context;
use fst::{IntoStreamer, Map, MapBuilder, Streamer};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::io::{BufRead, Seek, SeekFrom};
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
    /// Number of articles naming it (under any of its spellings).
    pub count: u64,
    /// Other spellings of the same name that articles are tagged with ("Aitana Bonmati"
    /// beside "Aitana Bonmatí": people the gazetteer does not know keep the spelling of the
    /// article they were found in). A filter or boost on the entity covers them all.
    pub variants: Vec<String>,
    /// The gazetteer's other names for it that name it on their own (folded: "cologne" and
    /// "koln" for 1. FC Köln), the ways articles tagged with it may write it.
    pub aliases: Vec<String>,
}

impl EntityRef {
    /// The entity's name and its other spellings: every facet name it is tagged under.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.variants.iter().map(String::as_str))
    }
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
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::default();
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
    let entities: Vec<EntityRef> = counts
        .into_iter()
        .filter_map(|(key, count)| {
            let text = String::from_utf8(key).ok()?;
            let (kind, name) = text.split_once('\0')?;
            Some(EntityRef {
                kind: EntityKind::from_name(kind)?,
                name: name.to_owned(),
                count,
                variants: Vec::new(),
                aliases: Vec::new(),
            })
        })
        .collect();
    let gazetteer = gazetteer();
    Ok(merge_short_forenames(merge_spellings(entities), |name| {
        gazetteer.is_person(name)
    }))
}

/// Merges the entities of one kind whose names differ only in case or accents into the
/// most frequent spelling (ties: the first by name), the others kept as its variants and
/// their counts added (an article naming two spellings counts twice). The result is sorted
/// by kind, then merged count (highest first), then name.
pub fn merge_spellings(mut entities: Vec<EntityRef>) -> Vec<EntityRef> {
    entities.sort_by(by_kind_and_count);
    let mut merged: Vec<EntityRef> = Vec::with_capacity(entities.len());
    let mut first_of: HashMap<(EntityKind, String), usize> = HashMap::default();
    for entity in entities {
        match first_of.entry((entity.kind, fold(&entity.name))) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let main = &mut merged[*first.get()];
                main.count += entity.count;
                main.variants.push(entity.name);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(merged.len());
                merged.push(entity);
            }
        }
    }
    merged.sort_by(by_kind_and_count);
    merged
}

/// Orders entities by kind, then count (highest first), then name.
pub fn by_kind_and_count(a: &EntityRef, b: &EntityRef) -> std::cmp::Ordering {
    a.kind
        .cmp(&b.kind)
        .then(b.count.cmp(&a.count))
        .then(a.name.cmp(&b.name))
}

/// Merges a person named with a short forename ("Andy Robertson", "Dani Carvajal") into the
/// person of that surname named with a formal forename it stands for ("Andrew Robertson"),
/// as a variant, where that is most likely one person: the formal name is the only such
/// one, a person the gazetteer knows (`known`), at least as frequent (recognition already
/// names him so where a club of his is named), and the short name is not a known person of
/// its own ("Nico Gonzalez" beside "Nicolas Gonzalez", "Toni Kroos"). "Jim Ratcliffe"
/// beside a rarer player "James Ratcliffe" stays himself. Keeps the order of
/// [`merge_spellings`].
pub fn merge_short_forenames(
    entities: Vec<EntityRef>,
    known: impl Fn(&str) -> bool,
) -> Vec<EntityRef> {
    let index_of: HashMap<String, usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(i, e)| (fold(&e.name), i))
        .collect();
    let formal_of: Vec<Option<usize>> = entities
        .iter()
        .map(|entity| {
            if entity.kind != EntityKind::Person || known(&entity.name) {
                return None;
            }
            let folded = fold(&entity.name);
            let (forename, surname) = folded.split_once(' ')?;
            let mut formal = formal_forenames(forename)?
                .iter()
                .filter_map(|formal| index_of.get(&format!("{formal} {surname}")).copied());
            match (formal.next(), formal.next()) {
                (Some(one), None)
                    if known(&entities[one].name) && entities[one].count >= entity.count =>
                {
                    Some(one)
                }
                _ => None,
            }
        })
        .collect();
    if formal_of.iter().all(Option::is_none) {
        return entities;
    }
    let mut kept: Vec<Option<EntityRef>> = Vec::with_capacity(entities.len());
    let mut short_named: Vec<(usize, EntityRef)> = Vec::new();
    for (entity, formal) in entities.into_iter().zip(&formal_of) {
        match formal {
            Some(formal) => {
                short_named.push((*formal, entity));
                kept.push(None);
            }
            None => kept.push(Some(entity)),
        }
    }
    for (formal, entity) in short_named {
        // A formal name is never short itself (its forename is no short one), so it is kept.
        if let Some(main) = kept[formal].as_mut() {
            main.count += entity.count;
            main.variants.push(entity.name);
            main.variants.extend(entity.variants);
        }
    }
    let mut merged: Vec<EntityRef> = kept.into_iter().flatten().collect();
    merged.sort_by(by_kind_and_count);
    merged
}

/// Writes the lexicon files for these entities into the index directory (atomically),
/// each with its strong aliases from the shipped gazetteer.
pub fn write_lexicon(dir: &Path, entities: &[EntityRef]) -> anyhow::Result<()> {
    // Every spelling of an entity leads to it (a gazetteer name may be a variant).
    let index_of: HashMap<(EntityKind, &str), usize> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.spellings().map(move |name| ((e.kind, name), i)))
        .collect();
    let gazetteer = gazetteer();
    // (entity, folded alias, how it names the entity)
    let mut alias_keys: Vec<(usize, &str, KeySource)> = Vec::new();
    for (alias, targets) in &gazetteer.by_alias {
        for target in targets {
            let entry = gazetteer.entry(target.entry);
            if let Some(&i) = index_of.get(&(entry.kind, entry.canonical.as_str())) {
                let source = if target.strong {
                    KeySource::StrongAlias
                } else {
                    KeySource::WeakAlias
                };
                alias_keys.push((i, alias.as_str(), source));
            }
        }
    }
    let mut aliases: Vec<Vec<&str>> = vec![Vec::new(); entities.len()];
    for &(i, alias, source) in &alias_keys {
        if source == KeySource::StrongAlias && *alias != fold(&entities[i].name) {
            aliases[i].push(alias);
        }
    }
    let mut tsv = String::new();
    let mut offsets = Vec::with_capacity(entities.len());
    for (entity, aliases) in entities.iter().zip(&mut aliases) {
        offsets.push(tsv.len() as u64);
        tsv.push_str(&format!(
            "{}\t{}\t{}",
            entity.kind.name(),
            entity.name,
            entity.count
        ));
        aliases.sort_unstable();
        aliases.dedup();
        if !entity.variants.is_empty() || !aliases.is_empty() {
            tsv.push('\t');
            tsv.push_str(&entity.variants.join("|"));
        }
        if !aliases.is_empty() {
            tsv.push('\t');
            tsv.push_str(&aliases.join("|"));
        }
        tsv.push('\n');
    }
    // Key -> (source, -count, offset): the best entity for a key is the smallest.
    let mut keys: BTreeMap<Vec<u8>, (KeySource, std::cmp::Reverse<u64>, u64)> = BTreeMap::new();
    let mut add = |kind: EntityKind, folded: &str, source: KeySource, count: u64, offset: u64| {
        for spelling in name_keys(folded) {
            if spelling.len() < 2 {
                continue;
            }
            let key = format!("{}\0{}", kind.name(), spelling).into_bytes();
            let value = (source, std::cmp::Reverse(count), offset);
            keys.entry(key)
                .and_modify(|v| *v = (*v).min(value))
                .or_insert(value);
        }
    };
    for (entity, offset) in entities.iter().zip(&offsets) {
        let folded = fold(&entity.name);
        add(
            entity.kind,
            &folded,
            KeySource::Canonical,
            entity.count,
            *offset,
        );
        // A variant spelled otherwise than with accents ("Andy Robertson" beside "Andrew
        // Robertson") is a name of its own for the entity.
        for variant in &entity.variants {
            let variant = fold(variant);
            if variant != folded {
                add(
                    entity.kind,
                    &variant,
                    KeySource::StrongAlias,
                    entity.count,
                    *offset,
                );
            }
        }
        if entity.kind == EntityKind::Person {
            let words: Vec<String> = folded.split_whitespace().map(str::to_owned).collect();
            if words.len() >= 2 {
                for key in surname_keys(&words) {
                    add(entity.kind, &key, KeySource::Surname, entity.count, *offset);
                }
            }
        }
    }
    // A person's name written in the other order by an alias (family name first, as for
    // "Son Heung-min", alias "Heung-min Son"): the alias's surname is a surname too, so
    // "Son" finds him rather than a rarer person whose name ends in "Son".
    for &(i, alias, source) in &alias_keys {
        let entity = &entities[i];
        if entity.kind != EntityKind::Person || source != KeySource::StrongAlias {
            continue;
        }
        let mut alias_words: Vec<String> = alias.split_whitespace().map(str::to_owned).collect();
        let mut name_words: Vec<String> = fold(&entity.name)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if alias_words.len() < 2 || alias_words.last() == name_words.last() {
            continue;
        }
        let reordered = alias_words.clone();
        alias_words.sort_unstable();
        name_words.sort_unstable();
        if alias_words == name_words {
            for key in surname_keys(&reordered) {
                add(
                    entity.kind,
                    &key,
                    KeySource::Surname,
                    entity.count,
                    offsets[i],
                );
            }
        }
    }
    for (i, alias, source) in alias_keys {
        let entity = &entities[i];
        add(entity.kind, alias, source, entity.count, offsets[i]);
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

/// The keys a folded name is found by: without apostrophes ("women's euro" -> "womens
/// euro"), and without a possessive "'s" too ("women euro"), as users and feeds write it.
fn name_keys(folded: &str) -> Vec<String> {
    let mut keys = vec![query_key(folded)];
    let without_possessive = query_key(&folded.replace("'s ", " "));
    if without_possessive != keys[0] {
        keys.push(without_possessive);
    }
    keys
}

/// The key a folded name given in a query is looked up by ([`name_keys`]).
fn query_key(folded: &str) -> String {
    folded.replace('\'', "")
}

/// A lexicon opened for lookups.
pub struct Lexicon {
    map: Map<Vec<u8>>,
    tsv_path: PathBuf,
    /// Filter names resolved so far ([`Lexicon::resolve_filter`]), each looked up once.
    filters_resolved: std::sync::Mutex<HashMap<(EntityKind, String), Result<EntityRef, String>>>,
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
            filters_resolved: std::sync::Mutex::default(),
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
        let folded = fold(name.trim());
        // Lexicons written before keys dropped apostrophes hold the folded name itself.
        let found = [query_key(&folded), folded]
            .into_iter()
            .find_map(|key| self.map.get(format!("{}\0{}", kind.name(), key).as_bytes()));
        match found {
            Some(value) => Ok(Some((
                self.entity_at(value >> 2)?,
                KeySource::from_bits(value),
            ))),
            None => Ok(None),
        }
    }

    /// The entity a filter (`--person Gabriel`, `:club United`) names, or the message to
    /// show. A canonical name or strong alias names its entity. Otherwise the candidates are
    /// the entity the name is a key of (a surname, first name or nickname) and those whose
    /// names hold its words ("Munich": Bayern Munich): the most named of them, if named at
    /// least three times as often as the next ("Trent": Trent Alexander-Arnold); else the
    /// name is ambiguous ("Gabriel": Gabriel Jesus, Gabriel Martinelli, Gabriel Magalhães),
    /// and unknown with no candidate.
    ///
    /// Candidates are weighed by their stories (`stories`: articles, copies of one story
    /// counted once), so that 38 reposts of one agency report naming a referee "Anton" do
    /// not outweigh the players of that name.
    pub fn resolve_filter(
        &self,
        kind: EntityKind,
        name: &str,
        stories: &dyn Fn(&EntityRef) -> u64,
    ) -> anyhow::Result<Result<EntityRef, String>> {
        let key = (kind, name.trim().to_owned());
        if let Some(known) = self
            .filters_resolved
            .lock()
            .ok()
            .and_then(|m| m.get(&key).cloned())
        {
            return Ok(known);
        }
        let resolved = self.resolve_filter_uncached(kind, name, stories)?;
        if let Ok(mut cache) = self.filters_resolved.lock() {
            cache.insert(key, resolved.clone());
        }
        Ok(resolved)
    }

    fn resolve_filter_uncached(
        &self,
        kind: EntityKind,
        name: &str,
        stories: &dyn Fn(&EntityRef) -> u64,
    ) -> anyhow::Result<Result<EntityRef, String>> {
        let found = self.resolve_with_source(kind, name)?;
        if let Some((entity, KeySource::Canonical | KeySource::StrongAlias)) = found {
            return Ok(Ok(entity));
        }
        let words = name_words(&fold(name.trim()));
        // Words that name no one on their own ("de", "fc", "of") find no entities by name.
        let telling = words
            .iter()
            .any(|w| w.len() >= 3 && !FILLER_WORDS.contains(&w.as_str()));
        let sharing = if telling {
            self.entities_whose_names_hold(kind, &words)?
        } else {
            Vec::new()
        };
        // The entity the name is a key of and those whose names hold its words, most named
        // first: the name is theirs if it is named three times as often as the next.
        // Where the name is a key of an entity not named as women's, a women's competition
        // or team holding the same word is no rival: it is named as such ("Euro" is the
        // European Championship, "Women's Euro" the women's one).
        let womens = |name: &str| {
            name_words(&fold(name))
                .iter()
                .any(|w| w.starts_with("women"))
        };
        let key_owner_unmarked = found.as_ref().is_some_and(|(e, _)| !womens(&e.name));
        let (mut named, mut by_alias): (Vec<EntityRef>, Vec<String>) = (Vec::new(), Vec::new());
        for (entity, by_name) in sharing {
            if key_owner_unmarked && womens(&entity.name) {
                continue;
            }
            if !by_name {
                by_alias.push(entity.name.clone());
            }
            named.push(entity);
        }
        if let Some((entity, _)) = found {
            by_alias.retain(|n| *n != entity.name);
            if !named.iter().any(|e| e.name == entity.name) {
                named.push(entity);
            }
        }
        named.sort_by(by_kind_and_count);
        match named.as_slice() {
            [] => return Ok(Err(self.unknown_name(kind, name))),
            [only] => return Ok(Ok(only.clone())),
            _ => {}
        }
        // A word of an alias only ("Santos" of "Neymar da Silva Santos Júnior", "European"
        // of the Champions League's "European Cup") makes a rival, never the one named.
        let mut ranked = StoryRanking::new(named);
        ranked.count_first(2, stories);
        match ranked.entries.as_slice() {
            [(top_stories, _, top), (next_stories, _, _), ..]
                if *top_stories >= 3 * next_stories && !by_alias.contains(&top.name) =>
            {
                Ok(Ok(top.clone()))
            }
            _ => {
                ranked.count_first(AMBIGUOUS_SHOWN, stories);
                let example = ranked
                    .entries
                    .iter()
                    .map(|(_, _, e)| &e.name)
                    .find(|n| !by_alias.contains(n))
                    .unwrap_or(&ranked.entries[0].2.name);
                Ok(Err(ambiguous_name(kind, name, &ranked.entries, example)))
            }
        }
    }

    /// The entities of this kind whose names or aliases hold `words` in a row (folded,
    /// split on anything not a letter or digit: "arnold" is in "Trent Alexander-Arnold",
    /// "munchen" in Bayern Munich's "Bayern München"), read from `entities.tsv`.
    fn entities_whose_names_hold(
        &self,
        kind: EntityKind,
        words: &[String],
    ) -> anyhow::Result<Vec<(EntityRef, bool)>> {
        let text = std::fs::read_to_string(&self.tsv_path)
            .with_context(|| format!("cannot read {}", self.tsv_path.display()))?;
        let prefix = format!("{}\t", kind.name());
        let first = words.first().map(String::as_str).unwrap_or_default();
        let holds = |name: &str| {
            let held = name_words(&fold(name));
            !words.is_empty() && held.windows(words.len()).any(|w| w == words)
        };
        Ok(text
            .lines()
            .filter(|line| line.starts_with(&prefix))
            // Most lines are ruled out without folding: ASCII throughout, without the word
            // (the aliases are folded already).
            .filter(|line| !line.is_ascii() || contains_ignoring_case(line, first))
            .filter_map(parse_line)
            .filter_map(|entity| {
                let by_name = holds(&entity.name);
                (by_name || entity.aliases.iter().any(|alias| holds(alias)))
                    .then_some((entity, by_name))
            })
            .collect())
    }

    /// The error message for a name no entity of this kind has: "unknown club "Bayren"
    /// (nearest known: "Bayern Munich", ...)".
    pub fn unknown_name(&self, kind: EntityKind, name: &str) -> String {
        if name.trim().is_empty() {
            return format!("the {} name is empty", kind.name());
        }
        let nearest = self.nearest(kind, name, 3).unwrap_or_default();
        let hint = if nearest.is_empty() {
            format!("the index names no {} yet", kind.name())
        } else {
            let names: Vec<String> = nearest.iter().map(|e| format!("{:?}", e.name)).collect();
            format!("nearest known: {}", names.join(", "))
        };
        format!("unknown {} {:?} ({hint})", kind.name(), name.trim())
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
        let wanted = query_key(&fold(name.trim()));
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
        let mut line = Vec::new();
        std::io::BufReader::new(file).read_until(b'\n', &mut line)?;
        let line = String::from_utf8_lossy(&line);
        parse_line(line.trim_end_matches('\n'))
            .with_context(|| format!("corrupt line in {}", self.tsv_path.display()))
    }
}

fn parse_line(line: &str) -> Option<EntityRef> {
    let mut cols = line.split('\t');
    let kind = EntityKind::from_name(cols.next()?)?;
    let name = cols.next()?.to_owned();
    let count = cols.next()?.parse().ok()?;
    let mut list = || -> Vec<String> {
        cols.next()
            .map(|v| {
                v.split('|')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let variants = list();
    let aliases = list();
    Some(EntityRef {
        kind,
        name,
        count,
        variants,
        aliases,
    })
}

/// The words of a folded name, split on anything not a letter or digit ("o'reilly": "o",
/// "reilly").
fn name_words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words of names that name no entity on their own.
const FILLER_WORDS: &[&str] = &[
    "the", "and", "del", "des", "der", "den", "von", "van", "club",
];

/// True when `text` holds `word` (lower-case ASCII), ignoring ASCII case.
fn contains_ignoring_case(text: &str, word: &str) -> bool {
    word.is_empty()
        || text
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Candidates ranked by their stories, most first (then by kind and articles): (stories,
/// counted, entity). A candidate not counted yet stands in with its articles, which its
/// stories never exceed, so the first `n` are exact once none of them is a stand-in.
struct StoryRanking {
    entries: Vec<(u64, bool, EntityRef)>,
}

impl StoryRanking {
    fn new(named: Vec<EntityRef>) -> Self {
        StoryRanking {
            entries: named.into_iter().map(|e| (e.count, false, e)).collect(),
        }
    }

    /// Counts stories until the first `n` are exact (and in order).
    fn count_first(&mut self, n: usize, stories: &dyn Fn(&EntityRef) -> u64) {
        loop {
            self.entries
                .sort_by(|a, b| b.0.cmp(&a.0).then_with(|| by_kind_and_count(&a.2, &b.2)));
            let Some(stand_in) = self.entries.iter().take(n).position(|e| !e.1) else {
                return;
            };
            let entry = &mut self.entries[stand_in];
            entry.0 = stories(&entry.2);
            entry.1 = true;
        }
    }
}

/// Candidates an ambiguous filter name's message shows.
const AMBIGUOUS_SHOWN: usize = 5;

/// The message for a filter name several entities share: the first of them (ranked by
/// stories, which the message shows), and one to give as an example.
fn ambiguous_name(
    kind: EntityKind,
    name: &str,
    ranked: &[(u64, bool, EntityRef)],
    example: &str,
) -> String {
    let shown: Vec<String> = ranked
        .iter()
        .take(AMBIGUOUS_SHOWN)
        .map(|(stories, _, e)| format!("{} ({stories})", e.name))
        .collect();
    let more = match ranked.len().saturating_sub(AMBIGUOUS_SHOWN) {
        0 => String::new(),
        more => format!(" and {more} more"),
    };
    format!(
        "{} {:?} is ambiguous: it names {}{more} (stories in brackets: an article and its \
         copies count once); give the full name, e.g. {:?}",
        kind.name(),
        name.trim(),
        shown.join(", "),
        example
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, name: &str, count: u64) -> EntityRef {
        EntityRef {
            kind,
            name: name.to_owned(),
            count,
            variants: Vec::new(),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn spellings_differing_in_accents_or_case_merge_into_the_most_frequent() {
        let merged = merge_spellings(vec![
            entity(EntityKind::Person, "Aitana Bonmati", 2),
            entity(EntityKind::Person, "Aitana Bonmatí", 5),
            entity(EntityKind::Person, "AITANA BONMATI", 1),
            entity(EntityKind::Club, "Aitana Bonmati", 1),
            entity(EntityKind::Person, "Alexia Putellas", 4),
        ]);
        let names: Vec<(&str, u64, Vec<String>)> = merged
            .iter()
            .map(|e| (e.name.as_str(), e.count, e.variants.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("Aitana Bonmati", 1, vec![]),
                (
                    "Aitana Bonmatí",
                    8,
                    vec!["Aitana Bonmati".to_owned(), "AITANA BONMATI".to_owned()]
                ),
                ("Alexia Putellas", 4, vec![]),
            ]
        );
    }

    #[test]
    fn a_short_forename_merges_into_the_one_known_formal_named_person_of_that_surname() {
        let known = [
            "Daniel Carvajal",
            "Steven Ward",
            "Stephen Ward",
            "Nico Gonzalez",
            "Nicolas Gonzalez",
            "James Ratcliffe",
            "Andrew Robertson",
        ];
        let merged = merge_short_forenames(
            merge_spellings(vec![
                entity(EntityKind::Person, "Dani Carvajal", 10),
                entity(EntityKind::Person, "Daniel Carvajal", 20),
                entity(EntityKind::Person, "DANI CARVAJAL", 1),
                // Two formal namesakes: which one "Steve" is, is not known.
                entity(EntityKind::Person, "Steve Ward", 3),
                entity(EntityKind::Person, "Steven Ward", 4),
                entity(EntityKind::Person, "Stephen Ward", 4),
                // Two known players.
                entity(EntityKind::Person, "Nico Gonzalez", 2),
                entity(EntityKind::Person, "Nicolas Gonzalez", 3),
                // The short name is the better known: someone else.
                entity(EntityKind::Person, "Jim Ratcliffe", 9),
                entity(EntityKind::Person, "James Ratcliffe", 1),
                // The formal name is nobody the gazetteer knows.
                entity(EntityKind::Person, "Tom Smith", 1),
                entity(EntityKind::Person, "Thomas Smith", 1),
                // Another kind.
                entity(EntityKind::Club, "Andy Robertson", 4),
                entity(EntityKind::Person, "Andrew Robertson", 4),
            ]),
            |name| known.contains(&name),
        );
        let names: Vec<(EntityKind, &str, u64, Vec<&str>)> = merged
            .iter()
            .map(|e| {
                let variants = e.variants.iter().map(String::as_str).collect();
                (e.kind, e.name.as_str(), e.count, variants)
            })
            .collect();
        assert_eq!(
            names,
            [
                (EntityKind::Club, "Andy Robertson", 4, vec![]),
                (
                    EntityKind::Person,
                    "Daniel Carvajal",
                    31,
                    vec!["Dani Carvajal", "DANI CARVAJAL"]
                ),
                (EntityKind::Person, "Jim Ratcliffe", 9, vec![]),
                (EntityKind::Person, "Andrew Robertson", 4, vec![]),
                (EntityKind::Person, "Stephen Ward", 4, vec![]),
                (EntityKind::Person, "Steven Ward", 4, vec![]),
                (EntityKind::Person, "Nicolas Gonzalez", 3, vec![]),
                (EntityKind::Person, "Steve Ward", 3, vec![]),
                (EntityKind::Person, "Nico Gonzalez", 2, vec![]),
                (EntityKind::Person, "James Ratcliffe", 1, vec![]),
                (EntityKind::Person, "Thomas Smith", 1, vec![]),
                (EntityKind::Person, "Tom Smith", 1, vec![]),
            ]
        );
        // Filters find the person by the short name too.
        let dir = tempfile::tempdir().expect("temp dir");
        write_lexicon(dir.path(), &merged).expect("write");
        let lexicon = Lexicon::open(dir.path()).expect("open");
        let found = lexicon
            .resolve(EntityKind::Person, "dani carvajal")
            .expect("resolve");
        assert_eq!(found.map(|e| e.name), Some("Daniel Carvajal".to_owned()));
    }

    #[test]
    fn the_lexicon_resolves_any_spelling_to_the_entity_with_its_variants() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut person = entity(EntityKind::Person, "Aitana Bonmatí", 8);
        person.variants = vec!["Aitana Bonmati".to_owned()];
        write_lexicon(dir.path(), &[person.clone()]).expect("write");
        let lexicon = Lexicon::open(dir.path()).expect("open");
        for name in ["aitana bonmati", "Aitana Bonmatí", "Bonmati"] {
            let found = lexicon.resolve(EntityKind::Person, name).expect("resolve");
            assert_eq!(found.as_ref(), Some(&person), "{name}");
        }
        assert_eq!(
            person.spellings().collect::<Vec<_>>(),
            ["Aitana Bonmatí", "Aitana Bonmati"]
        );
        assert_eq!(read_entities(dir.path()).expect("read"), [person]);
    }

    #[test]
    fn a_family_name_written_first_is_a_surname_too() {
        // The gazetteer knows "Son Heung-min" also as "Heung-min Son"; a rarer person's
        // name ends in "Son".
        let dir = tempfile::tempdir().expect("temp dir");
        let son = entity(EntityKind::Person, "Son Heung-min", 40);
        let other = entity(EntityKind::Person, "Choe Il Son", 1);
        write_lexicon(dir.path(), &[son.clone(), other]).expect("write");
        let lexicon = Lexicon::open(dir.path()).expect("open");
        let found = lexicon.resolve(EntityKind::Person, "Son").expect("resolve");
        assert_eq!(found.map(|e| e.name), Some(son.name));
    }

    #[test]
    fn a_gazetteer_entity_carries_its_strong_aliases_and_old_lines_still_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut koln = entity(EntityKind::Club, "1. FC Köln", 3);
        write_lexicon(dir.path(), &[koln.clone()]).expect("write");
        let read = read_entities(dir.path()).expect("read");
        let aliases = &read[0].aliases;
        for alias in ["cologne", "koln", "fc koln"] {
            assert!(aliases.iter().any(|a| a == alias), "{alias}: {aliases:?}");
        }
        // Strong aliases only, never the canonical name again.
        assert!(!aliases
            .iter()
            .any(|a| a == "1. fc koln" || a == "geissbocke"));
        koln.aliases = aliases.clone();
        assert_eq!(read, [koln]);
        let lexicon = Lexicon::open(dir.path()).expect("open");
        let found = lexicon
            .resolve(EntityKind::Club, "Cologne")
            .expect("resolve");
        assert_eq!(found.map(|e| e.aliases), Some(aliases.clone()));
        // A line written before aliases were kept has none.
        assert_eq!(
            parse_line("club\t1. FC Köln\t3").map(|e| e.aliases),
            Some(Vec::new())
        );
    }

    #[test]
    fn names_are_found_with_or_without_apostrophes_and_possessives() {
        let dir = tempfile::tempdir().expect("temp dir");
        let euro = entity(EntityKind::Competition, "Women's Euro", 5);
        let person = entity(EntityKind::Person, "Martin O'Neill", 3);
        write_lexicon(dir.path(), &[euro.clone(), person.clone()]).expect("write");
        let lexicon = Lexicon::open(dir.path()).expect("open");
        for name in ["Women's Euro", "women’s euro", "womens euro", "Women Euro"] {
            let found = lexicon
                .resolve(EntityKind::Competition, name)
                .expect("resolve");
            assert_eq!(found.map(|e| e.name), Some(euro.name.clone()), "{name}");
        }
        for name in ["Martin O'Neill", "martin oneill", "O’Neill"] {
            let found = lexicon.resolve(EntityKind::Person, name).expect("resolve");
            assert_eq!(found.as_ref(), Some(&person), "{name}");
        }
        assert_eq!(
            lexicon
                .resolve(EntityKind::Competition, "Women")
                .expect("resolve"),
            None
        );
    }
}
