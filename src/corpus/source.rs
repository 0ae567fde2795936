//! Finding input files and cutting them into raw records, streaming.
//!
//! A directory is walked recursively in sorted order and contributes its `.txt`, `.jsonl` and
//! `.jsonl.gz` files; a file named explicitly is read whatever its extension (JSON Lines if it
//! ends in `.jsonl`/`.jsonl.gz`, plain text otherwise). JSON Lines files, gzipped or not, are
//! read line by line, never whole into memory.

use super::{Location, Skip, SkipReason};
use anyhow::{bail, Context};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How a record's bytes are to be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A whole plain-text article file.
    Text,
    /// One line of a JSON Lines file.
    JsonLine,
}

/// The undecoded bytes of one article-to-be and where they came from.
#[derive(Debug, Clone)]
pub struct RawRecord {
    /// Where the record is.
    pub location: Location,
    /// How to parse it.
    pub format: Format,
    /// The raw bytes (a whole file, or one line without its newline).
    pub bytes: Vec<u8>,
}

/// Largest record read, in bytes; larger ones are skipped and reported.
pub const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;

fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

fn is_article_file(path: &Path) -> bool {
    is_jsonl(path) || path.extension().is_some_and(|e| e == "txt")
}

/// Checks that every path is a file or a directory, before a job starts (and creates an
/// index): an error names the first that is not.
pub fn check_paths(paths: &[PathBuf]) -> anyhow::Result<()> {
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_dir() && !meta.is_file() {
            bail!("{} is neither a file nor a directory", path.display());
        }
    }
    Ok(())
}

/// Expands the given paths into the list of files to read, walking directories in sorted
/// order. Each file and directory is taken once: where paths overlap ("feeds" and
/// "feeds/a.jsonl") and where a symbolic link leads back up the tree.
///
/// Fails if a path does not exist or a directory cannot be listed.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    check_paths(paths)?;
    let mut walk = Walk::default();
    for path in paths {
        // Absolute paths: articles remember where they came from whatever the working
        // directory of later jobs (`--prune`, `scout reindex`).
        let path = std::fs::canonicalize(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if path.is_dir() {
            walk.dir(&path)?;
        } else {
            walk.file(path);
        }
    }
    Ok(walk.files)
}

/// The files found so far, and the real paths of the files and directories taken.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    seen: std::collections::HashSet<PathBuf>,
}

impl Walk {
    /// Takes a file, unless it was taken already (under another path too).
    fn file(&mut self, path: PathBuf) {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen.insert(real) {
            self.files.push(path);
        }
    }

    /// Takes the article files under a directory, unless it was walked already.
    fn dir(&mut self, dir: &Path) -> anyhow::Result<()> {
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen.insert(real) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot list directory {}", dir.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .with_context(|| format!("cannot list directory {}", dir.display()))?;
        entries.sort();
        for path in entries {
            if path.is_dir() {
                self.dir(&path)?;
            } else if is_article_file(&path) {
                self.file(path);
            }
        }
        Ok(())
    }
}

/// Streams the records of a list of files, one file after another.
pub struct RecordReader {
    files: std::vec::IntoIter<PathBuf>,
    current: Option<LineStream>,
    max_record_bytes: u64,
    bytes_read: Arc<AtomicU64>,
}

/// Counts the bytes read from the underlying file (before decompression), for progress.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct LineStream {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// Streams the records of the given files (see [`collect_files`]).
pub fn read_records(files: Vec<PathBuf>, max_record_bytes: u64) -> RecordReader {
    RecordReader {
        files: files.into_iter(),
        current: None,
        max_record_bytes,
        bytes_read: Arc::new(AtomicU64::new(0)),
    }
}

impl RecordReader {
    /// A counter of the input bytes read so far (compressed bytes for gzip files).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes_read)
    }

    fn open_file(&mut self, path: PathBuf) -> Option<Result<RawRecord, Skip>> {
        let location = Location {
            path: path.clone(),
            line: None,
        };
        let unreadable = |e: std::io::Error| Skip {
            location: location.clone(),
            reason: SkipReason::Unreadable(e.to_string()),
        };
        if is_jsonl(&path) {
            let file = match File::open(&path) {
                Ok(file) => file,
                Err(e) => return Some(Err(unreadable(e))),
            };
            let file = CountingReader {
                inner: file,
                count: Arc::clone(&self.bytes_read),
            };
            let reader: Box<dyn BufRead + Send> = if is_gzip(&path) {
                let mut file = BufReader::new(file);
                // A file named .gz that is not gzip (renamed, or saved plain) says so rather
                // than "unexpected end of file" from the decoder.
                match file.fill_buf() {
                    // An empty file holds no articles (the decoder would call it truncated).
                    Ok([]) => {
                        return None;
                    }
                    Ok([0x1f, 0x8b, ..]) => {}
                    Ok(_) => {
                        return Some(Err(unreadable(std::io::Error::other(
                            "not gzip-compressed, though its name ends in .gz",
                        ))))
                    }
                    Err(e) => return Some(Err(unreadable(e))),
                }
                Box::new(BufReader::with_capacity(
                    256 * 1024,
                    MultiGzDecoder::new(file),
                ))
            } else {
                Box::new(BufReader::with_capacity(256 * 1024, file))
            };
            self.current = Some(LineStream {
                path,
                reader,
                line: 0,
            });
            return None;
        }
        let size = match std::fs::metadata(&path) {
            Ok(meta) => meta.len(),
            Err(e) => return Some(Err(unreadable(e))),
        };
        if size > self.max_record_bytes {
            return Some(Err(Skip {
                location,
                reason: SkipReason::TooLarge {
                    size,
                    limit: self.max_record_bytes,
                },
            }));
        }
        self.bytes_read.fetch_add(size, Ordering::Relaxed);
        match std::fs::read(&path) {
            Ok(bytes) => Some(Ok(RawRecord {
                location,
                format: Format::Text,
                bytes,
            })),
            Err(e) => Some(Err(unreadable(e))),
        }
    }

    /// Next non-blank line of the current JSON Lines file, or `None` at its end.
    fn next_line(&mut self) -> Option<Result<RawRecord, Skip>> {
        let max = self.max_record_bytes;
        let stream = self.current.as_mut()?;
        loop {
            let mut bytes = Vec::new();
            stream.line += 1;
            let location = Location {
                path: stream.path.clone(),
                line: Some(stream.line),
            };
            // Read at most max+1 bytes of the line so one huge line cannot exhaust memory.
            let read = (&mut stream.reader)
                .take(max.saturating_add(1))
                .read_until(b'\n', &mut bytes);
            match read {
                Ok(0) => {
                    self.current = None;
                    return None;
                }
                Ok(_) => {
                    if bytes.len() as u64 > max && bytes.last() != Some(&b'\n') {
                        let size = bytes.len() as u64 + skip_rest_of_line(&mut stream.reader);
                        return Some(Err(Skip {
                            location,
                            reason: SkipReason::TooLarge { size, limit: max },
                        }));
                    }
                    while matches!(bytes.last(), Some(b'\n' | b'\r')) {
                        bytes.pop();
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(Ok(RawRecord {
                        location,
                        format: Format::JsonLine,
                        bytes,
                    }));
                }
                Err(e) => {
                    self.current = None;
                    return Some(Err(Skip {
                        location,
                        reason: SkipReason::Unreadable(e.to_string()),
                    }));
                }
            }
        }
    }
}

/// Consumes the rest of an over-long line; returns how many bytes it had.
fn skip_rest_of_line(reader: &mut dyn BufRead) -> u64 {
    let mut skipped = 0u64;
    loop {
        let (done, used) = match reader.fill_buf() {
            Ok([]) | Err(_) => return skipped,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(pos) => (true, pos + 1),
                None => (false, buf.len()),
            },
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return skipped;
        }
    }
}

impl Iterator for RecordReader {
    type Item = Result<RawRecord, Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                if let Some(record) = self.next_line() {
                    return Some(record);
                }
                continue;
            }
            let path = self.files.next()?;
            if let Some(record) = self.open_file(path) {
                return Some(record);
            }
        }
    }
}
