//! Walking a corpus folder and reading its files: plain text, Markdown with
//! front matter, JSON Lines. Files that are not articles are skipped and
//! reported, never fatal.

use super::{ArticleId, CorpusError};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The file format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    JsonLines,
}

/// What a file says about its article (front matter or JSONL fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatedMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub tags: Vec<String>,
}

/// A document as read from disk: decoded to UTF-8, not yet cleaned.
#[derive(Debug, Clone)]
pub struct RawDocument {
    pub id: ArticleId,
    /// Path of the file relative to the corpus root.
    pub path: PathBuf,
    pub format: SourceFormat,
    /// The encoding the bytes were decoded from.
    pub encoding: &'static str,
    pub meta: StatedMeta,
    /// The article body (front matter removed), decoded but not cleaned.
    pub body: String,
}

/// Why a file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// Not an article file type (image, PDF, ...).
    NotAnArticle,
    Empty,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    /// Bytes that are not text in any encoding we read.
    Binary,
    Unreadable {
        message: String,
    },
}

/// A file that was skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// A problem inside a file that otherwise loaded (e.g. one bad JSONL line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadProblem {
    pub path: PathBuf,
    /// 1-based line, where the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

/// Everything noteworthy about a load besides the articles themselves.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LoadReport {
    pub files_seen: usize,
    pub bytes_read: u64,
    pub skipped: Vec<Skipped>,
    pub problems: Vec<LoadProblem>,
}

/// Reads every article below `root`.
pub fn load_folder(root: &Path) -> Result<(Vec<RawDocument>, LoadReport), CorpusError> {
    let _ = root;
    todo!("source::load_folder")
}
