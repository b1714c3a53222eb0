//! The corpus layer: reads a folder of articles and understands them
//! (cleaning, structure, language, date mentions, publication dates).
//! It knows nothing of annotations or the UI.

pub mod article;
pub mod boilerplate;
pub mod cache;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod detail;
pub mod fields;
pub mod front_matter;
pub mod html;
pub mod lang;
pub mod sentences;
pub mod source;
pub mod span;
pub mod stored;
pub mod structure;
pub mod text;
pub mod timeline;
pub mod title;

pub use article::{Article, ArticleId, Provenance, PublicationDate};
pub use source::{
    LinkScope, LoadProblem, LoadReport, RawDocument, SkipReason, Skipped, SourceFormat, StatedMeta, StatedOrigins,
};
pub use span::Span;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Errors that stop a corpus from loading at all. Problems with single files
/// are not errors: they go into the [`LoadReport`] and the rest loads.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{}: no such file or folder", .0.display())]
    Missing(PathBuf),
    #[error("{}: is a file, not a folder; point dossier at the folder that holds the articles", .0.display())]
    NotAFolder(PathBuf),
    #[error("{}: no articles found (looked for .txt, .md, .markdown, .jsonl, .html and .htm files)", .0.display())]
    NoArticles(PathBuf),
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

/// A step of a streamed load (see [`stream`]).
#[derive(Debug)]
pub enum StreamEvent {
    /// The walk is over: this many article files are to be read (or
    /// taken from the analysis cache).
    Found { files: usize },
    /// A batch of analysed articles (in id order within the batch) and the
    /// number of files read (or taken from the cache) so far.
    Batch { articles: Vec<Article>, done: usize },
    /// The load is complete.
    Finished(LoadReport),
}

/// Files per batch: the first batch is small so the first titles show at
/// once; batches then double up to the cap, large enough that both cores
/// stay busy and a UI takes few, cheap updates.
const FIRST_BATCH: usize = 64;
const MAX_BATCH: usize = 4096;

/// Up to this many articles, work a batch brings to the UI thread (sorting
/// its rows, counting its mentioned dates) stays on that thread: while a
/// load analyses files, rayon's pool is busy with them, and a batch of
/// 4096 articles waited 100–180 ms for a worker to take its share.
pub const ON_THIS_THREAD_UP_TO: usize = 50_000;

/// The corpus folder's name, as the status line and reports call it.
pub fn corpus_name(root: &Path) -> String {
    root.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string())
}

/// Loads `root`, following the symbolic links `links` allows, and hands
/// the articles over in batches as they are analysed, so a UI can show them
/// while the rest is still working.
///
/// With a cache folder (`cache`), what the last load of this corpus found
/// is kept there ([`cache`]): the files it knows unchanged come in the first
/// batch without being read; the others are read and analysed after it.
pub fn stream(
    root: &Path,
    links: LinkScope,
    cache: Option<&Path>,
    mut on_event: impl FnMut(StreamEvent),
) -> Result<(), CorpusError> {
    // The walk only lists names: it is quick next to reading, and the
    // count it gives is the total the progress is told against. The cache
    // is read meanwhile: the walk waits on the file system, the cache's
    // check on the cores.
    let (walked, mut known) = std::thread::scope(|scope| {
        let walking = scope.spawn(|| {
            let mut files = Vec::new();
            source::walk_articles(root, links, |found, _| files.append(found)).map(|report| (files, report))
        });
        let known = cache.and_then(|cache| cache::CachedLoad::open(cache, root));
        (walking.join(), known)
    });
    let (files, mut report) = walked.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    if files.is_empty() {
        return Err(CorpusError::NoArticles(root.to_path_buf()));
    }
    on_event(StreamEvent::Found { files: files.len() });
    let (unchanged, to_read) = match &mut known {
        Some(known) => known.unchanged(files),
        None => (Vec::new(), files),
    };
    let mut done = unchanged.len();
    let mut articles = Vec::new();
    for entry in unchanged {
        articles.extend(into_report(entry, &mut report));
    }
    if !articles.is_empty() {
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        on_event(StreamEvent::Batch { articles, done });
    }
    let mut batch = FIRST_BATCH;
    let mut rest = &to_read[..];
    while !rest.is_empty() {
        let (files, after) = rest.split_at(batch.min(rest.len()));
        rest = after;
        batch = (batch * 2).min(MAX_BATCH);
        let entries = read_and_analyse(files, known.as_mut());
        if let Some(known) = &mut known {
            known.add(&entries);
        }
        done += files.len();
        let mut articles: Vec<Article> = entries.into_iter().flat_map(|e| into_report(e, &mut report)).collect();
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        on_event(StreamEvent::Batch { articles, done });
    }
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    report.problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    on_event(StreamEvent::Finished(report));
    // After the load is told finished: the cache is for the next load.
    if let Some(known) = known {
        // A cache that cannot be written costs the next load time, not
        // this one its articles.
        let _ = known.finish();
    }
    Ok(())
}

/// Reads `files` and analyses their articles on all cores; a file whose
/// content the cache knows (`known`) keeps its cached analysis.
fn read_and_analyse(files: &[source::ArticleFile], mut known: Option<&mut cache::CachedLoad>) -> Vec<cache::Entry> {
    let outcomes: Vec<source::FileOutcome> = files.par_iter().map(source::read_article_file).collect();
    let mut entries = Vec::with_capacity(files.len());
    let mut documents = Vec::new();
    for (file, outcome) in files.iter().zip(outcomes) {
        let same = known.as_mut().and_then(|known| known.same_content(&file.path, outcome.hash));
        let entry = match same {
            Some(entry) => cache::Entry { stat: file.stat, ..entry },
            None => {
                documents.extend(outcome.documents.into_iter().map(|d| (entries.len(), d)));
                cache::Entry {
                    path: file.path.clone(),
                    stat: file.stat,
                    hash: outcome.hash,
                    articles: Vec::new(),
                    skipped: outcome.skipped.map(|s| s.reason),
                    problems: outcome.problems,
                    bytes_read: outcome.bytes_read,
                }
            }
        };
        entries.push(entry);
    }
    let analysed: Vec<(usize, Article)> =
        documents.into_par_iter().map(|(entry, document)| (entry, Article::analyse(document))).collect();
    for (entry, article) in analysed {
        entries[entry].articles.push(article);
    }
    entries
}

/// The articles of a file's entry, its skip and problems added to `report`.
fn into_report(entry: cache::Entry, report: &mut LoadReport) -> Vec<Article> {
    report.bytes_read += entry.bytes_read;
    if let Some(reason) = entry.skipped {
        report.skipped.push(Skipped { path: entry.path, reason });
    }
    report.problems.extend(entry.problems);
    entry.articles
}

/// A loaded and analysed corpus.
#[derive(Debug)]
pub struct Corpus {
    /// The folder the corpus was loaded from.
    pub root: PathBuf,
    /// Articles in id order.
    pub articles: Vec<Article>,
    /// Files skipped and problems met while loading.
    pub report: LoadReport,
}

impl Corpus {
    /// Loads every article below `root`, following only symbolic links
    /// that stay inside it (see [`Corpus::load_with`]).
    pub fn load(root: &Path) -> Result<Corpus, CorpusError> {
        Corpus::load_with(root, LinkScope::InsideCorpus)
    }

    /// Loads every article below `root`, following the symbolic links
    /// `links` allows, and analyses them on all cores, a batch at a time so
    /// the raw text of only one batch is held at once.
    pub fn load_with(root: &Path, links: LinkScope) -> Result<Corpus, CorpusError> {
        Corpus::load_counting(root, links, None, |_| {})
    }

    /// As [`Corpus::load_with`], keeping the analysis in the cache folder
    /// `cache` where one is given (see [`stream`]), and telling `read` how
    /// many files have been read so far after each batch (for a progress
    /// display).
    pub fn load_counting(
        root: &Path,
        links: LinkScope,
        cache: Option<&Path>,
        mut read: impl FnMut(usize),
    ) -> Result<Corpus, CorpusError> {
        let mut articles = Vec::new();
        let mut report = LoadReport::default();
        stream(root, links, cache, |event| match event {
            StreamEvent::Found { .. } => {}
            StreamEvent::Batch { articles: batch, done } => {
                articles.extend(batch);
                read(done);
            }
            StreamEvent::Finished(last) => report = last,
        })?;
        // Files were found, but none held an article (all empty, say).
        if articles.is_empty() {
            return Err(CorpusError::NoArticles(root.to_path_buf()));
        }
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Corpus { root: root.to_path_buf(), articles, report })
    }

    /// The article with this id, if the corpus has it.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.binary_search_by(|a| a.id.as_str().cmp(id)).ok().map(|i| &self.articles[i])
    }
}
