//! The corpus layer: reads a folder of articles and understands them
//! (cleaning, structure, language, date mentions, publication dates).
//! It knows nothing of annotations or the UI.

pub mod article;
pub mod boilerplate;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod fields;
pub mod front_matter;
pub mod html;
pub mod lang;
pub mod sentences;
pub mod source;
pub mod span;
pub mod stored;
pub mod structure;
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
    /// A batch of analysed articles (in id order within the batch) and the
    /// number of files read so far.
    Batch { articles: Vec<Article>, done: usize },
    /// The load is complete.
    Finished(LoadReport),
}

/// Files per batch: the first batch is small so the first titles show at
/// once; batches then double up to the cap, large enough that both cores
/// stay busy and a UI takes few, cheap updates.
const FIRST_BATCH: usize = 64;
const MAX_BATCH: usize = 4096;

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
pub fn stream(root: &Path, links: LinkScope, mut on_event: impl FnMut(StreamEvent)) -> Result<(), CorpusError> {
    let mut read_report = LoadReport::default();
    let mut done = 0;
    let mut batch = FIRST_BATCH;
    // Files are read and analysed a batch at a time while the walk goes on,
    // so the first titles show long before a large corpus has been walked.
    let mut analyse = |files: &[source::ArticleFile]| {
        let documents = source::read_articles(files, &mut read_report);
        done += files.len();
        let mut articles: Vec<Article> = documents.into_par_iter().map(Article::analyse).collect();
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        on_event(StreamEvent::Batch { articles, done });
    };
    let mut report = source::walk_articles(root, links, |found, last| {
        if found.len() >= batch || (last && !found.is_empty()) {
            analyse(found);
            found.clear();
            batch = (batch * 2).min(MAX_BATCH);
        }
    })?;
    if done == 0 {
        return Err(CorpusError::NoArticles(root.to_path_buf()));
    }
    report.bytes_read = read_report.bytes_read;
    report.skipped.extend(read_report.skipped);
    report.problems = read_report.problems;
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    on_event(StreamEvent::Finished(report));
    Ok(())
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
        Corpus::load_counting(root, links, |_| {})
    }

    /// As [`Corpus::load_with`], telling `read` how many files have been
    /// read so far after each batch (for a progress display).
    pub fn load_counting(root: &Path, links: LinkScope, mut read: impl FnMut(usize)) -> Result<Corpus, CorpusError> {
        let mut articles = Vec::new();
        let mut report = LoadReport::default();
        stream(root, links, |event| match event {
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
