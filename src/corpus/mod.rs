//! The corpus layer: reads a folder of articles and understands them
//! (cleaning, structure, language, date mentions, publication dates).
//! It knows nothing of annotations or the UI.

pub mod article;
pub mod boilerplate;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod lang;
pub mod sentences;
pub mod source;
pub mod structure;
pub mod timeline;
pub mod title;

pub use article::{Article, ArticleId, Provenance, PublicationDate};
pub use source::{
    LoadProblem, LoadReport, RawDocument, SkipReason, Skipped, SourceFormat, StatedMeta,
};

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
    #[error("{}: no articles found (looked for .txt, .md, .markdown and .jsonl files)", .0.display())]
    NoArticles(PathBuf),
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
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
    /// Loads every article below `root` and analyses them on all cores.
    pub fn load(root: &Path) -> Result<Corpus, CorpusError> {
        let (documents, report) = source::load_folder(root)?;
        if documents.is_empty() {
            return Err(CorpusError::NoArticles(root.to_path_buf()));
        }
        let mut articles: Vec<Article> = documents.into_par_iter().map(Article::analyse).collect();
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Corpus {
            root: root.to_path_buf(),
            articles,
            report,
        })
    }

    /// The article with this id, if the corpus has it.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.articles[i])
    }
}
