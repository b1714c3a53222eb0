//! `dossier export`: the annotations of a corpus in a format analysts
//! share, to stdout or a file.

use crate::annotations::export::{ExportFormat, ExportSource, export};
use crate::annotations::store::{Backup, read_annotations_if_exists, write_file};
use crate::annotations::{Annotations, file};
use crate::config::ClaimReviewSettings;
use crate::corpus::{LinkScope, corpus_name};
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `dossier export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The corpus folder.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub annotations: super::AnnotationsFlag,
    #[command(flatten)]
    pub links: super::LinksFlag,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `dossier export`; `chosen` is the `--annotations` flag.
pub fn run(args: &ExportArgs, chosen: Option<&Path>, links: LinkScope) -> Result<()> {
    crate::corpus::source::check_root(&args.corpus)?;
    let path = file::annotation_path(&args.corpus, chosen);
    let annotations = read_annotations_if_exists(&path)?.unwrap_or_else(|| {
        eprintln!("{}: no annotation file; exporting an empty set", crate::display::escape_path(&path));
        Annotations::default()
    });
    let settings = crate::config::Settings::load()?;
    let corpus = super::progress::load_corpus(&args.corpus, links)?;
    let name = corpus_name(&args.corpus);
    let source = ExportSource { root: &args.corpus, name: &name, articles: &corpus.articles, settings: &settings };
    if args.format == ExportFormat::Claimreview {
        warn_unpublished(&settings.claim_review);
    }
    let mut bytes = Vec::new();
    let orphans = export(args.format, source, &annotations, &mut bytes)?;
    if orphans > 0 {
        eprintln!(
            "{orphans} claim(s) could not be placed in the current text of their articles: \
             exported apart as orphans where the format has room (see `dossier check`)"
        );
    }
    match &args.output {
        Some(output) => write_file(output, &bytes, Backup::Skip)?,
        None => std::io::stdout().lock().write_all(&bytes).context("writing to stdout")?,
    }
    Ok(())
}

/// Says which ClaimReview properties the settings leave as placeholders.
fn warn_unpublished(review: &ClaimReviewSettings) {
    if review.publisher.is_none() {
        eprintln!("config.ron sets no claim_review.publisher: the reviews have no author");
    }
    if review.review_url.is_none() {
        eprintln!("config.ron sets no claim_review.review_url: each review's url is a urn:dossier:claim: placeholder");
    }
}
