//! The `index` stage: tantivy documents on disk, and everything that opens or writes them.
//!
//! An index directory holds generations: `gen-NNNNNN/` subdirectories, each a complete
//! tantivy index with scout's metadata and entity lexicon, and a `CURRENT` file naming the
//! live one. Incremental jobs write into the current generation (tantivy commits are atomic);
//! `scout reindex` builds a new generation beside it and publishes it by atomically replacing
//! `CURRENT`, so a reader never sees a half-built index. [`open_index`] is the one way to
//! open an index: it resolves `CURRENT`, checks the schema version and registers scout's
//! analyzers (tantivy does not persist them).

pub mod analyzer;
pub mod document;
pub mod existing;
pub mod lexicon;
pub mod lock;
pub mod schema;
pub mod writer;

use anyhow::Context;
use schema::{build_schema, fields_of, Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::directory::MmapDirectory;
use tantivy::Index;

/// scout's own metadata file inside a generation.
const META_FILE: &str = "scout.json";
/// The file naming the live generation.
const CURRENT_FILE: &str = "CURRENT";
/// Prefix of generation directory names.
const GENERATION_PREFIX: &str = "gen-";

/// An opened scout index: the tantivy index, its fields and where it lives.
#[derive(Clone)]
pub struct ScoutIndex {
    /// The tantivy index, analyzers registered.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// The index directory (holding `CURRENT` and the generations).
    pub root: PathBuf,
    /// The generation directory this index lives in.
    pub dir: PathBuf,
}

impl std::fmt::Debug for ScoutIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScoutIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

impl ScoutIndex {
    /// A searcher on the last commit, for one-off reads during jobs (no reload watcher).
    pub fn snapshot(&self) -> anyhow::Result<tantivy::Searcher> {
        let reader: tantivy::IndexReader = self
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("cannot read the index at {}", self.root.display()))?;
        Ok(reader.searcher())
    }
}

/// What scout records about an index beside tantivy's own files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The schema version the index was built with.
    pub schema_version: u32,
    /// The paths the index was built from (absolute), for `scout reindex`.
    #[serde(default)]
    pub sources: Vec<PathBuf>,
    /// When the last indexing job committed (seconds since the Unix epoch).
    #[serde(default)]
    pub last_indexed: Option<i64>,
}

/// Why an index could not be opened; callers branch on these.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// There is no index in the directory.
    #[error("no index at {} (build one with `scout index [PATH...]`)", .0.display())]
    Missing(PathBuf),
    /// The index was built by an older scout, with another schema.
    #[error(
        "the index at {} has schema version {found}, this scout needs version {expected}: \
         run `scout reindex` to rebuild it",
        dir.display()
    )]
    SchemaVersion {
        /// The index directory.
        dir: PathBuf,
        /// Version found in the index.
        found: u32,
        /// Version this build needs.
        expected: u32,
    },
    /// The index was built by a newer scout than this one.
    #[error(
        "the index at {} was built by a newer scout (schema version {found}; this one reads \
         version {expected}): search it with that scout, or run `scout reindex` to rebuild it \
         for this one",
        dir.display()
    )]
    NewerSchema {
        /// The index directory.
        dir: PathBuf,
        /// Version found in the index.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// Anything else (I/O, corrupt files).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// The live generation directory of the index at `root`, if there is one.
pub fn current_generation(root: &Path) -> Option<PathBuf> {
    let name = std::fs::read_to_string(root.join(CURRENT_FILE)).ok()?;
    let name = name.trim();
    if !name.starts_with(GENERATION_PREFIX) || name.contains(['/', '\\']) {
        return None;
    }
    let dir = root.join(name);
    dir.join("meta.json").is_file().then_some(dir)
}

/// True when the directory holds a scout index.
pub fn index_exists(root: &Path) -> bool {
    current_generation(root).is_some()
}

/// Opens the live generation of the index at `root`, checking its schema version.
pub fn open_index(root: &Path) -> Result<ScoutIndex, OpenError> {
    let dir = current_generation(root).ok_or_else(|| OpenError::Missing(root.to_path_buf()))?;
    let (found, expected) = (read_meta(&dir)?.schema_version, SCHEMA_VERSION);
    let shown = root.to_path_buf();
    match found.cmp(&expected) {
        std::cmp::Ordering::Equal => open_generation(root, &dir),
        std::cmp::Ordering::Greater => Err(OpenError::NewerSchema {
            dir: shown,
            found,
            expected,
        }),
        std::cmp::Ordering::Less => Err(OpenError::SchemaVersion {
            dir: shown,
            found,
            expected,
        }),
    }
}

fn open_generation(root: &Path, dir: &Path) -> Result<ScoutIndex, OpenError> {
    let index = lock::SearchableDirectory::open(dir)
        .and_then(Index::open)
        .with_context(|| format!("cannot open the index at {}", root.display()))?;
    let fields = fields_of(&index.schema())
        .with_context(|| format!("the index at {} has an unexpected schema", root.display()))?;
    analyzer::register_analyzers(&index);
    Ok(ScoutIndex {
        index,
        fields,
        root: root.to_path_buf(),
        dir: dir.to_path_buf(),
    })
}

/// Opens the index at `root`, creating an empty one (and the directory) if there is none.
pub fn open_or_create_index(root: &Path) -> Result<ScoutIndex, OpenError> {
    if index_exists(root) {
        return open_index(root);
    }
    let index = create_generation(root, &[])?;
    publish_generation(&index)?;
    Ok(index)
}

/// Creates a new, empty generation beside the live one (not yet published).
pub fn create_generation(root: &Path, sources: &[PathBuf]) -> Result<ScoutIndex, OpenError> {
    std::fs::create_dir_all(root)
        .with_context(|| format!("cannot create index directory {}", root.display()))?;
    let dir = next_generation_dir(root)?;
    std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (schema, fields) = build_schema();
    let directory = MmapDirectory::open(&dir)
        .with_context(|| format!("cannot open index directory {}", dir.display()))?;
    let settings = tantivy::IndexSettings {
        // zstd stores article text about a third smaller than the default lz4.
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        // Blocks of 4 KiB (tantivy's default is 16 KiB): about one article each, so showing
        // a hit decompresses its own text, not three others' (10x index: shell median 3.05
        // -> 2.6 ms, store 3.6% larger).
        docstore_blocksize: 4096,
        ..tantivy::IndexSettings::default()
    };
    let index = Index::create(directory, schema, settings)
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    analyzer::register_analyzers(&index);
    write_meta(
        &dir,
        &IndexMeta {
            schema_version: SCHEMA_VERSION,
            sources: sources.to_vec(),
            last_indexed: None,
        },
    )?;
    Ok(ScoutIndex {
        index,
        fields,
        root: root.to_path_buf(),
        dir,
    })
}

fn next_generation_dir(root: &Path) -> anyhow::Result<PathBuf> {
    let mut highest = 0u64;
    for entry in
        std::fs::read_dir(root).with_context(|| format!("cannot list {}", root.display()))?
    {
        let name = entry?.file_name();
        if let Some(n) = name
            .to_str()
            .and_then(|n| n.strip_prefix(GENERATION_PREFIX))
            .and_then(|n| n.parse().ok())
        {
            highest = highest.max(n);
        }
    }
    Ok(root.join(format!("{GENERATION_PREFIX}{:06}", highest + 1)))
}

/// Makes a generation the live one: atomically replaces `CURRENT`, then deletes older
/// generations (readers that still have them open keep their files until they close).
pub fn publish_generation(index: &ScoutIndex) -> anyhow::Result<()> {
    let name = index
        .dir
        .file_name()
        .and_then(|n| n.to_str())
        .context("generation directory has no name")?;
    write_atomically(
        &index.root.join(CURRENT_FILE),
        format!("{name}\n").as_bytes(),
    )?;
    for entry in std::fs::read_dir(&index.root)? {
        let path = entry?.path();
        let is_generation = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(GENERATION_PREFIX));
        if is_generation && path != index.dir {
            // Best effort: a failure leaves only disk space behind.
            let _ = std::fs::remove_dir_all(&path);
        }
    }
    Ok(())
}

/// Reads scout's metadata of a generation (a missing file reads as schema version 0).
pub fn read_meta(dir: &Path) -> anyhow::Result<IndexMeta> {
    let path = dir.join(META_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .with_context(|| format!("cannot parse {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(IndexMeta::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Writes scout's metadata of a generation atomically.
pub fn write_meta(dir: &Path, meta: &IndexMeta) -> anyhow::Result<()> {
    write_atomically(&dir.join(META_FILE), &serde_json::to_vec_pretty(meta)?)
}

/// Writes a file by writing a temporary sibling, syncing it and renaming it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut file =
        std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
