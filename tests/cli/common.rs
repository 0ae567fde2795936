//! Shared helpers: temporary workspaces, running scout, reading its JSON output.

use assert_cmd::Command;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The repository root (where `seeds/` lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpora` beside the repository, if present.
pub fn corpora() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpora");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "NOTE: ../shared/corpora is not there; corpus tests check nothing on this machine"
        );
        None
    }
}

/// A temporary working directory for one test.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A workspace holding a copy of the repository's seeds in `seeds/`, like a fresh clone.
    pub fn with_seeds() -> Self {
        let ws = Workspace::new();
        let seeds = ws.path().join("seeds");
        std::fs::create_dir(&seeds).expect("mkdir seeds");
        for entry in std::fs::read_dir(repo().join("seeds")).expect("repo seeds") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, seeds.join(path.file_name().expect("name"))).expect("copy seed");
        }
        ws
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating parent directories) and returns its path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// `scout` with this workspace as working directory and a clean environment.
    pub fn scout(&self) -> Command {
        let mut cmd = Command::cargo_bin("scout").expect("scout binary");
        cmd.current_dir(self.path())
            .env_remove("SCOUT_INDEX")
            .env_remove("NO_COLOR");
        cmd
    }

    /// Runs `scout index ARGS` and asserts it succeeds; returns stderr.
    pub fn index(&self, args: &[&str]) -> String {
        let output = self
            .scout()
            .arg("index")
            .args(args)
            .output()
            .expect("run scout index");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "scout index {args:?} failed: {stderr}"
        );
        stderr
    }

    /// Runs `scout search ARGS --json` and parses the output (any exit code but 2).
    pub fn search_json(&self, args: &[&str]) -> Results {
        let output = self
            .scout()
            .arg("search")
            .args(args)
            .arg("--json")
            .output()
            .expect("run scout search");
        assert_ne!(
            output.status.code(),
            Some(2),
            "scout search {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "bad JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// The ids of the hits of a JSON search.
    pub fn ids(&self, args: &[&str]) -> Vec<String> {
        self.search_json(args)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    }
}

/// The JSON contract, read strictly: an unknown or missing field fails the test.
/// (Some fields are only read by serde, which is the point: they must be there.)
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub query: String,
    pub total_hits: usize,
    pub fallback: bool,
    pub fallback_words: Option<WordsMatched>,
    pub corrections: Vec<Correction>,
    pub hits: Vec<Hit>,
    #[serde(default)]
    pub facets: Option<serde_json::Value>,
    pub filters: Entities,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WordsMatched {
    pub matched: usize,
    pub of: usize,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub from: String,
    pub to: String,
    pub kept: bool,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Similar {
    pub id: String,
    pub source: Option<String>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub score: f32,
    pub source: Option<String>,
    pub url: Option<String>,
    pub path: String,
    pub snippet: Snippet,
    pub entities: Entities,
    pub similar: Vec<Similar>,
    pub similar_count: usize,
    #[serde(default)]
    pub explain: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entities {
    pub club: Vec<String>,
    pub person: Vec<String>,
    pub competition: Vec<String>,
}

impl Snippet {
    /// The highlighted pieces of the snippet text.
    pub fn marked(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .map(|[s, e]| &self.text[*s..*e])
            .collect()
    }
}

/// One JSON Lines article with an id, a title and a body (text without quotes or
/// backslashes), newline included.
pub fn json_line(id: &str, title: &str, body: &str) -> String {
    format!("{{\"id\":\"{id}\",\"title\":\"{title}\",\"body\":\"{body}\"}}\n")
}

/// Gzips bytes (for `.jsonl.gz` fixtures).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}
