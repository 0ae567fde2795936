//! One indexing job at a time per index: an exclusive lock on `scout.lock` in the index
//! directory, taken without waiting. The operating system releases it when the process
//! ends, however it ends (`kill -9` included), so a crashed job never leaves a stale lock.
//! And searches of an index this process cannot write ([`SearchableDirectory`]).

use anyhow::Context;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// Held for the whole of an indexing job; released on drop.
#[derive(Debug)]
pub struct JobLock {
    _file: File,
}

impl JobLock {
    /// Takes the job lock of the index at `root`, or fails at once if another job holds it.
    pub fn acquire(root: &Path) -> anyhow::Result<JobLock> {
        std::fs::create_dir_all(root)
            .with_context(|| format!("cannot create index directory {}", root.display()))?;
        let path = root.join("scout.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(JobLock { _file: file }),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "another scout job is already writing to the index at {} (one writer at a time); \
                 wait for it to finish, searches keep working meanwhile",
                root.display()
            ),
            Err(TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

/// tantivy's memory-mapped directory, able to search an index this process cannot write.
///
/// Opening an index's segments takes tantivy's meta lock, a file it creates beside them,
/// so that a writer's garbage collection waits instead of deleting files being opened.
/// Where the file cannot be created (a read-only file system, an index shared without
/// write permission), searches go on without it rather than fail: writers of such an index
/// run elsewhere if at all, and an article vanishing mid-open is an error, never a wrong
/// result. Everything else is the memory-mapped directory's own behaviour.
#[derive(Debug, Clone)]
pub struct SearchableDirectory(MmapDirectory);

impl SearchableDirectory {
    /// Opens the directory at `path`.
    pub fn open(path: &Path) -> tantivy::Result<Self> {
        Ok(SearchableDirectory(MmapDirectory::open(path)?))
    }
}

/// Stands in for the meta lock where it cannot be taken.
struct NoLock;

impl Directory for SearchableDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(error))
                if lock.filepath == META_LOCK.filepath && cannot_write(&error) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}

/// The error says the file system refuses writes: no permission, or mounted read-only.
fn cannot_write(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::PermissionDenied
        || error.kind() == std::io::ErrorKind::ReadOnlyFilesystem
}
