//! Walking a corpus folder and reading its files: plain text, Markdown with
//! front matter, JSON Lines. Files that are not articles are skipped and
//! reported, never fatal.

use super::cache::Stat;
use super::decode::{self, Decoded};
use super::fields::{self, Field, Stated, Winners};
use super::front_matter;
use super::html;
use super::{ArticleId, CorpusError};
use crate::safe_fs::{self, Links, TooLarge};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Largest `.txt` or Markdown file read; an article this long is a log or
/// a dump, not news.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Largest `.jsonl` file read: one file may hold a whole collection.
pub const MAX_JSON_LINES_BYTES: u64 = 1024 * 1024 * 1024;

/// The file format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    JsonLines,
    /// A saved web page.
    Html,
}

/// What a file says about its article (front matter, JSON Lines fields,
/// the head of a web page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// Where each value was stated.
    pub origins: StatedOrigins,
}

/// Where in the file each stated value was found: the field or key name
/// (`date_publish`), or the element of a web page (`<time datetime>`).
/// The evidence behind a stated title or date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedOrigins {
    #[serde(deserialize_with = "super::cache::some_name")]
    pub title: Option<Name>,
    #[serde(deserialize_with = "super::cache::some_name")]
    pub date: Option<Name>,
    #[serde(deserialize_with = "super::cache::some_name")]
    pub source: Option<Name>,
    #[serde(deserialize_with = "super::cache::some_name")]
    pub url: Option<Name>,
    #[serde(deserialize_with = "super::cache::some_name")]
    pub lang: Option<Name>,
}

/// A name known at build time: a field name, an element, an encoding.
/// (Spelled as an alias so serde does not take it for text borrowed from
/// what it reads: a cache gives it back through [`super::cache::name`].)
pub type Name = &'static str;

impl StatedOrigins {
    /// Nothing stated anywhere.
    pub const NONE: StatedOrigins = StatedOrigins { title: None, date: None, source: None, url: None, lang: None };
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

/// Which symbolic links the walk follows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkScope {
    /// Links whose target lies inside the corpus folder; a link that leads
    /// outside is skipped and reported.
    #[default]
    InsideCorpus,
    /// Every link, wherever it leads (`--follow-links`).
    Anywhere,
}

/// Why a file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// A symbolic link that leads outside the corpus folder, to `target`
    /// (its canonical path); followed only with `--follow-links`.
    OutsideCorpus {
        target: PathBuf,
    },
    /// A FIFO, socket or device: reading one could block or never end.
    /// `what` says which.
    SpecialFile {
        what: String,
    },
    /// A file or folder under `/proc` or `/sys`: the kernel's view of the
    /// system, never an article, and reading it can block (`/proc/kmsg`).
    KernelFile,
}

/// A file that was skipped, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// A problem inside a file that otherwise loaded (e.g. one bad JSONL line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadProblem {
    pub path: PathBuf,
    /// 1-based line, where the problem has one.
    pub line: Option<usize>,
    /// 1-based column in characters, where the problem has one.
    pub column: Option<usize>,
    pub message: String,
}

/// Everything noteworthy about a load besides the articles themselves.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LoadReport {
    /// Files met below the root, loaded or skipped. Hidden files (and files
    /// in hidden folders) and dossier's own annotation files are not counted.
    pub files_seen: usize,
    /// Bytes of the files that were read.
    pub bytes_read: u64,
    pub skipped: Vec<Skipped>,
    pub problems: Vec<LoadProblem>,
}

/// Reads every article below `root`.
///
/// Folders are walked in name order; hidden entries (names starting with
/// `.`) and dossier's annotation files (`dossier.ron`, `dossier.ron.bak`,
/// `*.ron.tmp`) are ignored without a word. A symbolic link is followed
/// when its target lies inside `root`, or anywhere with
/// [`LinkScope::Anywhere`]. Only regular files are read: FIFOs, sockets,
/// devices and anything under `/proc` or `/sys` are skipped unopened, so no
/// file can block the load. Files are read and decoded on all cores;
/// documents come back sorted by id. A file that cannot be used is reported
/// in [`LoadReport::skipped`], never fatal.
pub fn load_folder(root: &Path, links: LinkScope) -> Result<(Vec<RawDocument>, LoadReport), CorpusError> {
    let found = find_articles(root, links)?;
    let mut report = found.report;
    let mut documents = read_articles(&found.articles, &mut report);
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Ok((documents, report))
}

/// Fails unless `root` is a folder that can be read.
pub fn check_root(root: &Path) -> Result<(), CorpusError> {
    let metadata = fs::metadata(root).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => CorpusError::Missing(root.to_path_buf()),
        _ => CorpusError::Io { path: root.to_path_buf(), source },
    })?;
    if !metadata.is_dir() {
        return Err(CorpusError::NotAFolder(root.to_path_buf()));
    }
    Ok(())
}

/// The article files below a root, found without reading them.
#[derive(Debug, Default)]
pub struct FoundArticles {
    /// Article files in walk order.
    pub articles: Vec<ArticleFile>,
    /// The report so far: files seen and those skipped by the walk.
    pub report: LoadReport,
}

/// Walks `root` and lists its article files (see [`load_folder`]).
pub fn find_articles(root: &Path, links: LinkScope) -> Result<FoundArticles, CorpusError> {
    let mut articles = Vec::new();
    let report = walk_articles(root, links, |found, _| articles.append(found))?;
    Ok(FoundArticles { articles, report })
}

/// An article file found by the walk.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    /// Its path relative to the corpus root, through any link followed.
    pub path: PathBuf,
    pub format: SourceFormat,
    /// Its canonical path, checked by the walk (inside the corpus unless
    /// links are followed anywhere). The file is read there without
    /// following a link, so a link swapped in after the walk is refused.
    pub canonical: PathBuf,
    /// Its size and modification time when the walk met it (the cache
    /// tells unchanged files by them).
    pub stat: Stat,
}

/// Walks `root`, handing article files to `on_found` as they are found:
/// it gets the files found since it last took them (it takes them by
/// draining the vector, or leaves them to be handed again with more), and
/// whether the walk is over (then it must take them). Returns the walk's
/// report: files seen, and those skipped without reading.
pub fn walk_articles(
    root: &Path,
    links: LinkScope,
    mut on_found: impl FnMut(&mut Vec<ArticleFile>, bool),
) -> Result<LoadReport, CorpusError> {
    check_root(root)?;
    let io_error = |source| CorpusError::Io { path: root.to_path_buf(), source };
    let canonical_root = fs::canonicalize(root).map_err(io_error)?;
    let mut walk = Walk {
        on_found: &mut on_found,
        links,
        root: canonical_root.clone(),
        articles: Vec::new(),
        skipped: Vec::new(),
        files_seen: 0,
        visited: HashSet::new(),
    };
    walk.folder(Path::new(""), canonical_root).map_err(io_error)?;
    (walk.on_found)(&mut walk.articles, true);
    Ok(LoadReport { files_seen: walk.files_seen, skipped: walk.skipped, ..LoadReport::default() })
}

/// Reads and decodes `files` on all cores, adding what could not be used
/// to `report` (kept sorted by path). Documents come back in file order.
pub fn read_articles(files: &[ArticleFile], report: &mut LoadReport) -> Vec<RawDocument> {
    let outcomes: Vec<FileOutcome> = files.par_iter().map(read_article_file).collect();
    let mut documents = Vec::new();
    for outcome in outcomes {
        report.bytes_read += outcome.bytes_read;
        report.skipped.extend(outcome.skipped);
        report.problems.extend(outcome.problems);
        documents.extend(outcome.documents);
    }
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    documents
}

/// Whether `root` holds an article file within a few folder levels; a
/// quick check for "is the current folder a corpus?" that does not walk a
/// whole home folder.
pub fn has_articles(root: &Path) -> bool {
    fn look(folder: &Path, depth: usize) -> bool {
        let Ok(entries) = fs::read_dir(folder) else { return false };
        let mut subfolders = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            if is_ignored(&name.to_string_lossy()) {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                subfolders.push(path);
            } else if article_format(&path).is_some() {
                return true;
            }
        }
        depth > 0 && subfolders.iter().any(|f| look(f, depth - 1))
    }
    look(root, 2)
}

/// The format of an article file by its extension, or `None` for files
/// that are not articles.
fn article_format(path: &Path) -> Option<SourceFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "jsonl" => Some(SourceFormat::JsonLines),
        "html" | "htm" => Some(SourceFormat::Html),
        _ => None,
    }
}

/// Entries the walk passes over silently: hidden files and folders, the
/// annotation store with its backup, lock and temporary files, and
/// dossier's own exports (a JSON Lines export is not a corpus file).
fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("dossier-export.")
        || matches!(name, "dossier.ron" | "dossier.ron.bak" | "dossier.ron.lock")
        || name.ends_with(".ron.tmp")
}

/// The id of a file: its path relative to the root with `/` separators.
fn path_id(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The files found below the root.
struct Walk<'a> {
    /// Told of article files as they are found (see [`walk_articles`]).
    on_found: &'a mut dyn FnMut(&mut Vec<ArticleFile>, bool),
    links: LinkScope,
    /// The corpus root, canonical: a link stays inside when its canonical
    /// target starts with it.
    root: PathBuf,
    /// Article files found and not yet taken, in walk order.
    articles: Vec<ArticleFile>,
    skipped: Vec<Skipped>,
    files_seen: usize,
    /// Canonical folders already walked, so symlink loops end.
    visited: HashSet<PathBuf>,
}

/// What an entry of a folder turned out to be, symlinks resolved.
enum Entry {
    /// A folder to walk, at its canonical path.
    Folder(PathBuf),
    /// A regular file, at its canonical path, and what it is there.
    File(PathBuf, fs::Metadata),
    Skipped(SkipReason),
}

impl Walk<'_> {
    /// Walks the folder at `relative` below the root, whose canonical path
    /// is `canonical`. Only an unreadable root is an error; an unreadable
    /// folder or entry below it is reported and skipped.
    fn folder(&mut self, relative: &Path, canonical: PathBuf) -> io::Result<()> {
        if !self.visited.insert(canonical.clone()) {
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(&canonical)? {
            match entry {
                Ok(entry) => entries.push((entry.file_name(), entry)),
                Err(error) => self.unreadable(relative.to_path_buf(), &error),
            }
        }
        entries.sort_by(|(a, _), (b, _)| a.cmp(b));
        for (name, found) in entries {
            if is_ignored(&name.to_string_lossy()) {
                continue;
            }
            let path = relative.join(&name);
            // Asked of the open folder, not by the whole path: a million
            // files' paths looked up one by one took seconds.
            let own = found.metadata();
            match own.and_then(|own| self.entry(canonical.join(&name), own)) {
                Ok(Entry::Folder(target)) => {
                    if let Err(error) = self.folder(&path, target) {
                        self.unreadable(path, &error);
                    }
                }
                Ok(Entry::File(target, metadata)) => {
                    self.files_seen += 1;
                    match article_format(&path) {
                        Some(format) => {
                            let stat = Stat::of(&metadata);
                            self.articles.push(ArticleFile { path, format, canonical: target, stat });
                            (self.on_found)(&mut self.articles, false);
                        }
                        None => self.skipped.push(Skipped { path, reason: SkipReason::NotAnArticle }),
                    }
                }
                Ok(Entry::Skipped(reason)) => {
                    self.files_seen += 1;
                    self.skipped.push(Skipped { path, reason });
                }
                Err(error) => {
                    self.files_seen += 1;
                    self.unreadable(path, &error);
                }
            }
        }
        Ok(())
    }

    /// What is at `at`, a path whose folder is canonical, whose own
    /// metadata (a link's, not its target's) is `own`. A symlink is
    /// resolved, unless it leads outside the corpus and links are followed
    /// only inside. Nothing is opened: a FIFO or device is told by its
    /// metadata.
    fn entry(&self, at: PathBuf, own: fs::Metadata) -> io::Result<Entry> {
        let (canonical, metadata) = if own.is_symlink() {
            let target = fs::canonicalize(&at)?;
            if self.links == LinkScope::InsideCorpus && !target.starts_with(&self.root) {
                return Ok(Entry::Skipped(SkipReason::OutsideCorpus { target }));
            }
            let metadata = fs::metadata(&target)?;
            (target, metadata)
        } else {
            (at, own)
        };
        Ok(if is_kernel_file(&canonical) {
            Entry::Skipped(SkipReason::KernelFile)
        } else if metadata.is_dir() {
            Entry::Folder(canonical)
        } else if metadata.is_file() {
            Entry::File(canonical, metadata)
        } else {
            // The canonical path holds no link, so this names the target.
            let what =
                safe_fs::not_regular(&canonical)?.map_or_else(|| "not a regular file".to_owned(), |w| w.to_string());
            Entry::Skipped(SkipReason::SpecialFile { what })
        })
    }

    fn unreadable(&mut self, path: PathBuf, error: &io::Error) {
        self.skipped.push(Skipped { path, reason: SkipReason::Unreadable { message: error.to_string() } });
    }
}

/// Whether a canonical path lies in the kernel's pseudo file systems: their
/// files claim to be regular and empty, yet `/proc/kmsg` blocks a reader
/// and others change as they are read. Never an article.
fn is_kernel_file(canonical: &Path) -> bool {
    canonical.starts_with("/proc") || canonical.starts_with("/sys")
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub documents: Vec<RawDocument>,
    pub skipped: Option<Skipped>,
    pub problems: Vec<LoadProblem>,
    pub bytes_read: u64,
    /// xxh3 of the bytes read; `None` when the file could not be read.
    pub hash: Option<u64>,
}

impl FileOutcome {
    fn skipped(path: &Path, reason: SkipReason, bytes_read: u64) -> FileOutcome {
        FileOutcome {
            skipped: Some(Skipped { path: path.to_path_buf(), reason }),
            bytes_read,
            ..FileOutcome::default()
        }
    }
}

/// Reads, decodes and parses one article file.
pub fn read_article_file(file: &ArticleFile) -> FileOutcome {
    let ArticleFile { path, format, canonical, .. } = file;
    let limit = match format {
        SourceFormat::JsonLines => MAX_JSON_LINES_BYTES,
        SourceFormat::Text | SourceFormat::Markdown | SourceFormat::Html => MAX_ARTICLE_BYTES,
    };
    // Non-blocking, regular files only: whatever replaced the file since
    // the walk (a FIFO, a link) is refused rather than waited on.
    let bytes = match safe_fs::read_regular(canonical, Links::Refuse, limit) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(TooLarge { bytes, limit })) => {
            let reason = SkipReason::TooLarge { bytes, limit };
            return FileOutcome::skipped(path, reason, 0);
        }
        Err(error) => {
            let reason = SkipReason::Unreadable { message: error.to_string() };
            return FileOutcome::skipped(path, reason, 0);
        }
    };
    FileOutcome { hash: Some(xxhash_rust::xxh3::xxh3_64(&bytes)), ..parse_article_file(file, &bytes) }
}

/// Decodes and parses the bytes of one article file.
fn parse_article_file(file: &ArticleFile, bytes: &[u8]) -> FileOutcome {
    let ArticleFile { path, format, .. } = file;
    let format = *format;
    let bytes_read = bytes.len() as u64;
    // A JSON Lines file is judged binary record by record: one bad record
    // must not cost the others.
    let decoded = match format {
        SourceFormat::JsonLines => decode::decode_records(bytes),
        SourceFormat::Html => html::decode(bytes),
        SourceFormat::Text | SourceFormat::Markdown => decode::decode(bytes),
    };
    let Some(Decoded { text, encoding }) = decoded else {
        return FileOutcome::skipped(path, SkipReason::Binary, bytes_read);
    };
    if text.trim().is_empty() {
        return FileOutcome::skipped(path, SkipReason::Empty, bytes_read);
    }
    let document = |id: String, meta: StatedMeta, body: String| RawDocument {
        id: ArticleId(id),
        path: path.to_path_buf(),
        format,
        encoding,
        meta,
        body,
    };
    let id = path_id(path);
    let problem = |FileProblem { line, column, message }| LoadProblem {
        path: path.to_path_buf(),
        line: Some(line),
        column,
        message,
    };
    match format {
        SourceFormat::Text => FileOutcome {
            documents: vec![document(id, StatedMeta::default(), text)],
            bytes_read,
            ..FileOutcome::default()
        },
        SourceFormat::Markdown => {
            let markdown = front_matter::read(&text);
            let problems = markdown.problems.into_iter().map(problem).collect();
            if markdown.body.trim().is_empty() {
                return FileOutcome { problems, ..FileOutcome::skipped(path, SkipReason::Empty, bytes_read) };
            }
            FileOutcome {
                documents: vec![document(id, markdown.meta, markdown.body.to_owned())],
                problems,
                bytes_read,
                ..FileOutcome::default()
            }
        }
        SourceFormat::Html => {
            let (page, trouble) = html::read(&text);
            let problems = trouble.map(|message| problem(FileProblem::line(1, message))).into_iter().collect();
            if page.body.trim().is_empty() {
                return FileOutcome { problems, ..FileOutcome::skipped(path, SkipReason::Empty, bytes_read) };
            }
            FileOutcome {
                documents: vec![document(id, page.meta, page.body)],
                problems,
                bytes_read,
                ..FileOutcome::default()
            }
        }
        SourceFormat::JsonLines => {
            let Some(records) = read_json_lines(&text, &id) else {
                return FileOutcome::skipped(path, SkipReason::Binary, bytes_read);
            };
            FileOutcome {
                documents: records.documents.into_iter().map(|r| document(r.id, r.meta, r.body)).collect(),
                problems: records.problems.into_iter().map(problem).collect(),
                bytes_read,
                ..FileOutcome::default()
            }
        }
    }
}

/// The problem of a JSON Lines record that holds binary bytes.
const BINARY_RECORD: &str = "binary content (a NUL or control bytes) in this record; record not loaded";

/// A problem found in a file, where it is: 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub line: usize,
    /// In characters; `None` when the problem is the whole line's.
    pub column: Option<usize>,
    pub message: String,
}

impl FileProblem {
    /// A problem of a whole line.
    pub fn line(line: usize, message: impl Into<String>) -> FileProblem {
        FileProblem { line, column: None, message: message.into() }
    }
}

/// The articles of a JSON Lines file and the problems of its bad lines.
pub(super) struct JsonLines {
    pub(super) documents: Vec<LoadedRecord>,
    problems: Vec<FileProblem>,
}

/// A record of a JSON Lines file that loads as an article.
#[derive(Debug)]
pub(super) struct LoadedRecord {
    pub(super) id: String,
    /// Its 1-based line in the file.
    pub(super) line: usize,
    meta: StatedMeta,
    pub(super) body: String,
    /// The field the body is in: `text`, `maintext`, ...
    pub(super) field: &'static str,
}

/// Reads one article per non-blank line. A record's id is `file#id` with the
/// record's own `id`, else `file#L<line>`; a duplicate id falls back to the
/// line form so every id stays unique. A record that looks binary (a raw
/// NUL, say) is a problem of its line; `None` when most records do, as in
/// a binary file that happens to be named `.jsonl`.
pub(super) fn read_json_lines(text: &str, file_id: &str) -> Option<JsonLines> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(index, line)| (index + 1, line.strip_suffix('\r').unwrap_or(line)))
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    // `None` for a binary record.
    let records: Vec<(usize, Option<Result<Record, String>>)> = lines
        .into_par_iter()
        .map(|(number, line)| (number, (!decode::looks_binary(line)).then(|| parse_record(line))))
        .collect();
    let binary = records.iter().filter(|(_, record)| record.is_none()).count();
    if binary * 2 > records.len() {
        return None;
    }

    let mut result = JsonLines { documents: Vec::new(), problems: Vec::new() };
    let mut ids = HashSet::new();
    for (number, record) in records {
        let record = match record {
            Some(Ok(record)) => record,
            None => {
                result.problems.push(FileProblem::line(number, BINARY_RECORD.to_owned()));
                continue;
            }
            Some(Err(message)) => {
                result.problems.push(FileProblem::line(number, message));
                continue;
            }
        };
        result.problems.extend(record.warnings.into_iter().map(|w| FileProblem::line(number, w)));
        let line_id = format!("{file_id}#L{number}");
        let id = match record.id {
            Some(own) => {
                let id = format!("{file_id}#{own}");
                if ids.contains(&id) {
                    result
                        .problems
                        .push(FileProblem::line(number, format!("duplicate id `{own}`; this record is `{line_id}`")));
                    line_id
                } else {
                    id
                }
            }
            None => line_id,
        };
        if !ids.insert(id.clone()) {
            result.problems.push(FileProblem::line(number, format!("duplicate id `{id}`; record not loaded")));
            continue;
        }
        result.documents.push(LoadedRecord {
            id,
            line: number,
            meta: record.meta,
            body: record.body,
            field: record.field,
        });
    }
    Some(result)
}

/// One JSON Lines record.
struct Record {
    id: Option<String>,
    meta: StatedMeta,
    body: String,
    /// The field the body is in: `text`, `maintext`, ...
    field: &'static str,
    /// Fields that were present but unusable; the record still loads.
    warnings: Vec<String>,
}

/// Parses one line; an error means the record cannot load. Fields go by
/// the names of [`fields`], the preferred name of each winning.
fn parse_record(line: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(line).map_err(|error| {
        // serde_json appends " at line 1 column N"; the line is ours to give.
        let message = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        format!("invalid JSON at column {}: {message}", error.column())
    })?;
    let Value::Object(object) = value else {
        return Err(format!("expected a JSON object, found {}", json_kind(&value)));
    };
    let mut winners = Winners::default();
    for (key, value) in object.iter().filter(|(_, value)| !value.is_null()) {
        winners.offer(key, (), || stated_json(value));
    }
    let (body, field) = match winners.take(Field::Text) {
        Some((named, (), Stated::Text(text))) => (text.into_owned(), named.name),
        Some((named, (), other)) => return Err(format!("`{}` should be a string, found {}", named.name, other.kind())),
        None if object.keys().any(|key| fields::named(key).is_some_and(|n| n.field == Field::Text)) => {
            return Err("the article text is empty".to_owned());
        }
        None => return Err(format!("no article text: expected one of {}", fields::listed(Field::Text))),
    };
    let id = match winners.take(Field::Id) {
        Some((_, (), Stated::Text(id))) => Some(id.trim().to_owned()),
        _ => None,
    };
    let mut meta = StatedMeta::default();
    let mut warnings = Vec::new();
    winners.record_rest(&mut meta, |(), warning| warnings.push(warning));
    Ok(Record { id, meta, body, field, warnings })
}

/// A JSON value as a stated value. An object with a `name` (NewsAPI's
/// `source`, some dumps' authors) stands for that name.
fn stated_json(value: &Value) -> Stated<'_> {
    match value {
        Value::String(text) => Stated::Text(Cow::Borrowed(text)),
        Value::Number(number) => Stated::Text(Cow::Owned(number.to_string())),
        Value::Array(items) => Stated::List(items.iter().map(stated_json).collect()),
        Value::Object(object) => match object.get("name") {
            Some(Value::String(name)) => Stated::Text(Cow::Borrowed(name)),
            _ => Stated::Other("an object"),
        },
        Value::Bool(_) | Value::Null => Stated::Other(json_kind(value)),
    }
}

/// A JSON value's kind, for messages.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    /// A corpus folder with the given files (paths relative to its root).
    fn corpus(files: &[(&str, &[u8])]) -> TempDir {
        let dir = TempDir::new().expect("temp dir");
        for (path, bytes) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, bytes).expect("write");
        }
        dir
    }

    fn load(dir: &TempDir) -> (Vec<RawDocument>, LoadReport) {
        load_folder(dir.path(), LinkScope::InsideCorpus).expect("loads")
    }

    fn ids(documents: &[RawDocument]) -> Vec<&str> {
        documents.iter().map(|d| d.id.as_str()).collect()
    }

    fn skipped(path: &str, reason: SkipReason) -> Skipped {
        Skipped { path: PathBuf::from(path), reason }
    }

    fn problem(path: &str, line: usize, message: &str) -> LoadProblem {
        LoadProblem { path: PathBuf::from(path), line: Some(line), column: None, message: message.to_owned() }
    }

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn reads_encodings_and_skips_what_is_not_an_article() {
        let utf16 = utf16le_with_bom("Grüße aus Köln\n");
        let dir = corpus(&[
            ("news/004_e951.txt", b"\xef\xbb\xbfHeadline\r\nBody\r\n"),
            ("news/de/005.txt", &utf16),
            ("legacy.TXT", b"\xe4\xf6\xfc\xdf\x84\x93"),
            ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("fake.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("report.pdf", b"%PDF-1.7\n"),
            ("empty.txt", b""),
            ("blank.md", b"  \n\t\n"),
            (".DS_Store", b"\x00\x00\x00\x01Bud1"),
            (".git/notes.txt", b"hidden"),
            ("dossier.ron", b"(version: 1)"),
            ("dossier.ron.bak", b"(version: 1)"),
            ("dossier.ron.tmp", b"(version"),
            ("dossier.ron.lock", b"pid 1"),
            ("dossier-export.jsonl", b"{\"type\":\"claim\"}\n"),
        ]);
        let (documents, report) = load(&dir);

        assert_eq!(ids(&documents), ["legacy.TXT", "news/004_e951.txt", "news/de/005.txt"]);
        let legacy = &documents[0];
        assert_eq!(
            (legacy.body.as_str(), legacy.encoding, legacy.format),
            ("äöüß„“", "windows-1252", SourceFormat::Text)
        );
        let bom = &documents[1];
        assert_eq!(bom.path, Path::new("news/004_e951.txt"));
        assert_eq!((bom.body.as_str(), bom.encoding), ("Headline\r\nBody\r\n", "UTF-8 (BOM)"));
        assert_eq!(bom.meta, StatedMeta::default());
        let utf16_doc = &documents[2];
        assert_eq!((utf16_doc.body.as_str(), utf16_doc.encoding), ("Grüße aus Köln\n", "UTF-16LE"));

        assert_eq!(
            report.skipped,
            [
                skipped("blank.md", SkipReason::Empty),
                skipped("empty.txt", SkipReason::Empty),
                skipped("fake.txt", SkipReason::Binary),
                skipped("image.png", SkipReason::NotAnArticle),
                skipped("report.pdf", SkipReason::NotAnArticle),
            ]
        );
        assert_eq!(report.files_seen, 8);
        let read = [19, utf16.len(), 6, 16, 0, 5];
        assert_eq!(report.bytes_read, read.iter().sum::<usize>() as u64);
        assert!(report.problems.is_empty());
    }

    #[test]
    fn front_matter_is_read_and_its_problems_name_line_and_column() {
        let dir = corpus(&[
            (
                "a.md",
                b"---\ntitle: >\n  Truppen: Abzug\n  bis 2025\nauthors:\n  - A. Autor\ndate: [2024]\n---\n\
                  # Heading\n\nFirst paragraph.\n",
            ),
            ("b.md", b"+++\r\ntitle = \"Hugo\"\r\ndate = 2024-01-27\r\n+++\r\nBody\r\n"),
            ("c.md", b"No front matter\n---\nrule above"),
        ]);
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["a.md", "b.md", "c.md"]);
        assert_eq!(documents[0].meta.title.as_deref(), Some("Truppen: Abzug bis 2025"));
        assert_eq!(documents[0].meta.authors, ["A. Autor"]);
        assert_eq!(documents[0].body, "# Heading\n\nFirst paragraph.\n");
        assert_eq!(documents[0].format, SourceFormat::Markdown);
        assert_eq!(documents[1].meta.date.as_deref(), Some("2024-01-27"));
        assert_eq!(documents[1].body, "Body\r\n");
        assert_eq!(documents[2].meta, StatedMeta::default());
        assert_eq!(
            report.problems,
            [LoadProblem {
                path: PathBuf::from("a.md"),
                line: Some(7),
                column: Some(7),
                message: "front matter: `date` should be text, found a list".to_owned(),
            }]
        );
    }

    #[test]
    fn json_lines_load_around_a_malformed_line() {
        let dir = corpus(&[(
            "x.jsonl",
            b"{\"id\": \"a1\", \"title\": \"T\", \"date\": \"2024-01-27\", \"source\": \"S\", \"url\": \"u\", \"lang\": \"de\", \"tags\": [\"t1\", \"t2\"], \"text\": \"Erster Text\"}\n\
              {\"id\": 7, \"body\": \"Second\\nline\"}\r\n\
              {\"title\": \"broken\", \"text\": \"x\"\n\
              {\"text\": \"No id\", \"tags\": \"a, b\"}\n\
              \n",
        )]);
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["x.jsonl#7", "x.jsonl#L4", "x.jsonl#a1"]);
        let first = &documents[2];
        assert_eq!(first.path, Path::new("x.jsonl"));
        assert_eq!(first.format, SourceFormat::JsonLines);
        assert_eq!(first.body, "Erster Text");
        assert_eq!(
            first.meta,
            StatedMeta {
                title: Some("T".to_owned()),
                date: Some("2024-01-27".to_owned()),
                source: Some("S".to_owned()),
                url: Some("u".to_owned()),
                lang: Some("de".to_owned()),
                tags: vec!["t1".to_owned(), "t2".to_owned()],
                authors: Vec::new(),
                origins: StatedOrigins {
                    title: Some("title"),
                    date: Some("date"),
                    source: Some("source"),
                    url: Some("url"),
                    lang: Some("lang"),
                },
            }
        );
        assert_eq!(documents[0].body, "Second\nline");
        assert_eq!(documents[1].meta.tags, ["a", "b"]);
        assert_eq!(report.problems, [problem("x.jsonl", 3, "invalid JSON at column 31: EOF while parsing an object")]);
    }

    #[test]
    fn json_lines_record_problems() {
        let dir = corpus(&[(
            "y.jsonl",
            b"{\"id\": \"a\", \"text\": \"one\"}\n\
              {\"id\": \"a\", \"text\": \"two\"}\n\
              {\"title\": \"no text\"}\n\
              [1, 2]\n\
              {\"text\": \"  \"}\n\
              {\"text\": \"kept\", \"title\": [\"x\"], \"tags\": {\"a\": 1}}\n\
              {\"text\": {\"a\": 1}}\n",
        )]);
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["y.jsonl#L2", "y.jsonl#L6", "y.jsonl#a"]);
        assert_eq!(documents[0].body, "two");
        assert_eq!(documents[1].meta.title, None);
        assert_eq!(
            report.problems,
            [
                problem("y.jsonl", 2, "duplicate id `a`; this record is `y.jsonl#L2`"),
                problem("y.jsonl", 3, NO_TEXT),
                problem("y.jsonl", 4, "expected a JSON object, found an array"),
                problem("y.jsonl", 5, "the article text is empty"),
                problem("y.jsonl", 6, "`tags` should be a list of text, found an object"),
                problem("y.jsonl", 6, "`title` should be text, found a list"),
                problem("y.jsonl", 7, "`text` should be a string, found an object"),
            ]
        );
    }

    /// The message for a record without article text.
    const NO_TEXT: &str = "no article text: expected one of `text`, `body`, `maintext`, `content`, `article`, \
                           `full_text`, `article_text`, `articleBody`, `story`";

    #[test]
    fn scraper_dumps_load_by_their_own_field_names() {
        // news-please writes these fields (and more, ignored); NewsAPI
        // nests the source's name and writes camelCase.
        let news_please = r#"{"authors": ["Erika Beispiel", "Max Muster"], "date_download": "2024-02-02 08:00:00",
            "date_modify": null, "date_publish": "2024-01-27 10:15:00", "description": "Kurz gesagt.",
            "filename": "x.json", "image_url": null, "language": "de", "localpath": null,
            "maintext": "Die Gespräche gehen weiter.", "source_domain": "www.example-zeitung.de",
            "title": "Gespräche gehen weiter", "title_page": null, "title_rss": "Feed-Titel",
            "url": "https://www.example-zeitung.de/a"}"#;
        let news_api = r#"{"source": {"id": null, "name": "Example Wire"}, "author": "Jane Doe",
            "headline": "Talks resume", "link": "https://example.com/b", "publishedAt": "2024-01-28T09:00:00Z",
            "content": "The talks resumed on Sunday.", "Lang": "en", "keywords": "talks, iraq"}"#;
        let file = format!("{}\n{}\n", news_please.replace('\n', " "), news_api.replace('\n', " "));
        let dir = corpus(&[("dump.jsonl", file.as_bytes())]);
        let (documents, report) = load(&dir);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(ids(&documents), ["dump.jsonl#L1", "dump.jsonl#L2"]);
        assert_eq!(documents[0].body, "Die Gespräche gehen weiter.");
        assert_eq!(
            documents[0].meta,
            StatedMeta {
                title: Some("Gespräche gehen weiter".to_owned()),
                date: Some("2024-01-27 10:15:00".to_owned()),
                source: Some("www.example-zeitung.de".to_owned()),
                url: Some("https://www.example-zeitung.de/a".to_owned()),
                lang: Some("de".to_owned()),
                tags: Vec::new(),
                authors: vec!["Erika Beispiel".to_owned(), "Max Muster".to_owned()],
                origins: StatedOrigins {
                    title: Some("title"),
                    date: Some("date_publish"),
                    source: Some("source_domain"),
                    url: Some("url"),
                    lang: Some("language"),
                },
            }
        );
        let api = &documents[1];
        assert_eq!(api.body, "The talks resumed on Sunday.");
        assert_eq!(api.meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(api.meta.source.as_deref(), Some("Example Wire"));
        assert_eq!(api.meta.date.as_deref(), Some("2024-01-28T09:00:00Z"));
        assert_eq!(api.meta.origins.date, Some("publishedAt"));
        assert_eq!(api.meta.url.as_deref(), Some("https://example.com/b"));
        assert_eq!(api.meta.lang.as_deref(), Some("en"));
        assert_eq!(api.meta.tags, ["talks", "iraq"]);
        assert_eq!(api.meta.authors, ["Jane Doe"]);
    }

    #[test]
    fn a_record_without_text_names_every_accepted_text_field() {
        let dir =
            corpus(&[("x.jsonl", b"{\"title\": \"T\", \"description\": \"only a teaser\"}\n{\"maintext\": \"ok\"}\n")]);
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["x.jsonl#L2"]);
        assert_eq!(report.problems, [problem("x.jsonl", 1, NO_TEXT)]);
    }

    #[test]
    fn too_large_files_are_skipped_unread() {
        let dir = corpus(&[("ok.txt", b"fine")]);
        let big = fs::File::create(dir.path().join("huge.txt")).expect("create");
        big.set_len(MAX_ARTICLE_BYTES + 1).expect("sparse file");
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["ok.txt"]);
        assert_eq!(
            report.skipped,
            [skipped("huge.txt", SkipReason::TooLarge { bytes: MAX_ARTICLE_BYTES + 1, limit: MAX_ARTICLE_BYTES })]
        );
        assert_eq!(report.bytes_read, 4);
    }

    #[cfg(unix)]
    #[test]
    fn broken_links_are_unreadable_and_link_loops_end() {
        let dir = corpus(&[("sub/a.txt", b"article")]);
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("link");
        std::os::unix::fs::symlink("missing.txt", dir.path().join("gone.txt")).expect("link");
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["sub/a.txt"]);
        let message = fs::metadata(dir.path().join("gone.txt")).expect_err("broken link").to_string();
        assert_eq!(report.skipped, [skipped("gone.txt", SkipReason::Unreadable { message })]);
        assert_eq!(report.files_seen, 2);
    }

    /// A FIFO at `path`. No writer ever opens it, so a blocking open or read
    /// of it would hang the test.
    #[cfg(unix)]
    fn make_fifo(path: &Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL in a temp path");
        // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
    }

    #[cfg(unix)]
    fn link(target: impl AsRef<Path>, dir: &TempDir, name: &str) {
        std::os::unix::fs::symlink(target, dir.path().join(name)).expect("symlink");
    }

    fn canonical(path: impl AsRef<Path>) -> PathBuf {
        fs::canonicalize(path).expect("canonical path")
    }

    /// A folder outside the corpus with two articles, and a corpus with one
    /// article and links to the other folder (`outdir`) and to one of its
    /// articles (`out.txt`).
    #[cfg(unix)]
    fn corpus_with_links_out() -> (TempDir, TempDir) {
        let outside = corpus(&[("b.txt", b"outside article"), ("more/c.txt", b"another")]);
        let dir = corpus(&[("a.txt", b"article")]);
        link(outside.path().join("b.txt"), &dir, "out.txt");
        link(outside.path(), &dir, "outdir");
        (outside, dir)
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_outside_the_corpus_are_skipped_and_name_their_target() {
        let (outside, dir) = corpus_with_links_out();
        link("/", &dir, "rootl");
        link("..", &dir, "up");
        let (documents, report) = load(&dir);
        assert_eq!(ids(&documents), ["a.txt"]);
        let outside_to = |target: PathBuf| SkipReason::OutsideCorpus { target };
        assert_eq!(
            report.skipped,
            [
                skipped("out.txt", outside_to(canonical(outside.path().join("b.txt")))),
                skipped("outdir", outside_to(canonical(outside.path()))),
                skipped("rootl", outside_to(PathBuf::from("/"))),
                skipped("up", outside_to(canonical(dir.path().join("..")))),
            ]
        );
        assert_eq!(report.files_seen, 5);
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_corpus_are_followed() {
        let dir = corpus(&[("sub/a.txt", b"article"), ("sub/deeper/b.txt", b"second")]);
        link("sub/a.txt", &dir, "alias.txt");
        link(dir.path().join("sub/deeper"), &dir, "z-deeper");
        link("deeper/b.txt", &dir, "sub/again.txt");
        let (documents, report) = load(&dir);
        // `z-deeper` is a folder already walked as `sub/deeper`.
        assert_eq!(ids(&documents), ["alias.txt", "sub/a.txt", "sub/again.txt", "sub/deeper/b.txt"]);
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_outside_are_followed_when_asked() {
        let (_outside, dir) = corpus_with_links_out();
        let (documents, report) = load_folder(dir.path(), LinkScope::Anywhere).expect("loads");
        assert_eq!(ids(&documents), ["a.txt", "out.txt", "outdir/b.txt", "outdir/more/c.txt"]);
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn fifos_devices_and_kernel_files_are_skipped_without_blocking_even_when_links_are_followed() {
        let dir = corpus(&[("a.txt", b"article")]);
        make_fifo(&dir.path().join("pipe.txt"));
        link("pipe.txt", &dir, "to-pipe.txt");
        link("/dev/zero", &dir, "zero.txt");
        // Regular files of size 0 to stat(2); /proc/kmsg among them blocks a reader.
        link("/proc/version", &dir, "kernel.txt");
        link("/proc/sys/kernel", &dir, "kernel-folder");
        let (documents, report) = load_folder(dir.path(), LinkScope::Anywhere).expect("loads");
        assert_eq!(ids(&documents), ["a.txt"]);
        let fifo = || SkipReason::SpecialFile { what: "a FIFO (named pipe)".to_owned() };
        assert_eq!(
            report.skipped,
            [
                skipped("kernel-folder", SkipReason::KernelFile),
                skipped("kernel.txt", SkipReason::KernelFile),
                skipped("pipe.txt", fifo()),
                skipped("to-pipe.txt", fifo()),
                skipped("zero.txt", SkipReason::SpecialFile { what: "a device".to_owned() }),
            ]
        );
        assert_eq!(report.bytes_read, 7);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_swapped_for_a_link_after_the_walk_is_not_followed() {
        let outside = corpus(&[("secret.txt", b"not for the corpus")]);
        let dir = corpus(&[("a.txt", b"article"), ("b.txt", b"second")]);
        let found = find_articles(dir.path(), LinkScope::InsideCorpus).expect("walks");
        fs::remove_file(dir.path().join("b.txt")).expect("remove");
        link(outside.path().join("secret.txt"), &dir, "b.txt");
        let mut report = found.report;
        let documents = read_articles(&found.articles, &mut report);
        assert_eq!(ids(&documents), ["a.txt"]);
        assert!(
            matches!(&report.skipped[..], [Skipped { path, reason: SkipReason::Unreadable { message } }]
                if path == Path::new("b.txt") && message.contains("symbolic link")),
            "{:?}",
            report.skipped
        );
    }

    #[test]
    fn a_binary_json_lines_record_is_skipped_alone_with_its_line() {
        let mut file = Vec::new();
        for i in 1..=1000 {
            if i == 500 {
                file.extend_from_slice(b"{\"id\": \"bad\", \"text\": \"raw \0 NUL\"}\n");
            }
            file.extend_from_slice(format!("{{\"id\": \"r{i}\", \"text\": \"Record {i} \u{e4}\"}}\n").as_bytes());
        }
        let dir = corpus(&[("x.jsonl", &file)]);
        let (documents, report) = load(&dir);
        assert_eq!(documents.len(), 1000);
        assert!(documents.iter().all(|d| d.encoding == "UTF-8" && !d.id.as_str().ends_with("#bad")));
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        assert_eq!(report.problems, [problem("x.jsonl", 500, BINARY_RECORD)]);
    }

    #[test]
    fn a_json_lines_file_of_mostly_binary_records_is_binary() {
        let dir = corpus(&[
            ("blob.jsonl", b"\x00\x01\x02\n\x00\x00\n{\"text\": \"x\"}\n"),
            ("image.jsonl", b"\x89PNG\r\n\x1a\n{\"text\": \"x\"}\n"),
        ]);
        let (documents, report) = load(&dir);
        assert!(documents.is_empty());
        assert_eq!(
            report.skipped,
            [skipped("blob.jsonl", SkipReason::Binary), skipped("image.jsonl", SkipReason::Binary)]
        );
        assert!(report.problems.is_empty());
    }

    #[test]
    fn missing_root_and_file_root_are_errors() {
        let dir = corpus(&[("a.txt", b"article")]);
        let missing = dir.path().join("nope");
        assert!(matches!(
            load_folder(&missing, LinkScope::InsideCorpus),
            Err(CorpusError::Missing(path)) if path == missing
        ));
        let file = dir.path().join("a.txt");
        assert!(matches!(
            load_folder(&file, LinkScope::InsideCorpus),
            Err(CorpusError::NotAFolder(path)) if path == file
        ));
    }

    #[test]
    fn empty_folder_loads_nothing() {
        let dir = corpus(&[]);
        let (documents, report) = load(&dir);
        assert!(documents.is_empty());
        assert_eq!(report.files_seen, 0);
    }
}
