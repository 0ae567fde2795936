//! One indexing job at a time per index: an exclusive lock on `scout.lock` in the index
//! directory, taken without waiting. The operating system releases it when the process
//! ends, however it ends (`kill -9` included), so a crashed job never leaves a stale lock.

use anyhow::Context;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

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
