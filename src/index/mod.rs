//! The `index` stage: tantivy documents on disk, and everything that opens or writes them.
//!
//! [`open_index`] is the one way to open an index: it checks the schema version and registers
//! scout's analyzers (tantivy does not persist them). [`writer::build`] runs an indexing job.

pub mod analyzer;
pub mod document;
pub mod lexicon;
pub mod schema;
pub mod writer;

use anyhow::Context;
use schema::{build_schema, fields_of, Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::directory::MmapDirectory;
use tantivy::Index;

/// scout's own metadata file inside an index directory.
const META_FILE: &str = "scout.json";

/// An opened scout index: the tantivy index, its fields and where it lives.
#[derive(Clone)]
pub struct ScoutIndex {
    /// The tantivy index, analyzers registered.
    pub index: Index,
    /// Handles to the schema's fields.
    pub fields: Fields,
    /// The index directory.
    pub dir: PathBuf,
}

impl std::fmt::Debug for ScoutIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScoutIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

/// What scout records about an index beside tantivy's own files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The schema version the index was built with.
    pub schema_version: u32,
    /// The paths the index was built from, as given (absolute where possible).
    #[serde(default)]
    pub sources: Vec<PathBuf>,
}

/// Why an index could not be opened; callers branch on these.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// There is no index in the directory.
    #[error("no index at {} (build one with `scout index [PATH...]`)", .0.display())]
    Missing(PathBuf),
    /// The index was built by a scout with another schema.
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
    /// Anything else (I/O, corrupt files).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// True when the directory holds a tantivy index.
pub fn index_exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir`, checking its schema version and registering analyzers.
pub fn open_index(dir: &Path) -> Result<ScoutIndex, OpenError> {
    if !index_exists(dir) {
        return Err(OpenError::Missing(dir.to_path_buf()));
    }
    let meta = read_meta(dir)?;
    if meta.schema_version != SCHEMA_VERSION {
        return Err(OpenError::SchemaVersion {
            dir: dir.to_path_buf(),
            found: meta.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    let index = Index::open_in_dir(dir)
        .with_context(|| format!("cannot open the index at {}", dir.display()))?;
    let fields = fields_of(&index.schema())
        .with_context(|| format!("the index at {} has an unexpected schema", dir.display()))?;
    analyzer::register_analyzers(&index);
    Ok(ScoutIndex {
        index,
        fields,
        dir: dir.to_path_buf(),
    })
}

/// Opens the index in `dir`, creating an empty one (and the directory) if there is none.
pub fn open_or_create_index(dir: &Path) -> Result<ScoutIndex, OpenError> {
    if index_exists(dir) {
        return open_index(dir);
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create index directory {}", dir.display()))?;
    let (schema, fields) = build_schema();
    let directory = MmapDirectory::open(dir)
        .with_context(|| format!("cannot open index directory {}", dir.display()))?;
    let index = Index::create(directory, schema, tantivy::IndexSettings::default())
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    analyzer::register_analyzers(&index);
    write_meta(
        dir,
        &IndexMeta {
            schema_version: SCHEMA_VERSION,
            sources: Vec::new(),
        },
    )?;
    Ok(ScoutIndex {
        index,
        fields,
        dir: dir.to_path_buf(),
    })
}

/// Reads scout's metadata of an index (a missing file reads as schema version 0).
pub fn read_meta(dir: &Path) -> anyhow::Result<IndexMeta> {
    let path = dir.join(META_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .with_context(|| format!("cannot parse {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(IndexMeta::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Writes scout's metadata of an index atomically (temporary file, then rename).
pub fn write_meta(dir: &Path, meta: &IndexMeta) -> anyhow::Result<()> {
    let path = dir.join(META_FILE);
    let tmp = dir.join(format!("{META_FILE}.tmp"));
    let json = serde_json::to_vec_pretty(meta)?;
    std::fs::write(&tmp, json).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
