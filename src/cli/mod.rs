//! Command-line interface: argument parsing and dispatch to the layers.
//! Thin by design: each subcommand parses its arguments and calls a layer.

mod check;
mod export;
mod inspect;
mod keys;
mod merge;
mod search;
mod suggest;

use crate::corpus::LinkScope;
use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub use check::ExitError;

/// dossier: read and annotate a folder of news articles in the terminal.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The corpus folder to open (default: the current folder).
    pub corpus: Option<PathBuf>,
    /// A keymap file layered over the default and your keymap.ron.
    #[arg(long, value_name = "FILE", global = true)]
    pub keymap: Option<PathBuf>,
    /// The annotation file (default: dossier.ron in the corpus folder).
    #[arg(long, value_name = "FILE", global = true)]
    pub annotations: Option<PathBuf>,
    /// Follow symbolic links that lead outside the corpus folder; without
    /// it they are skipped and listed in the load report.
    #[arg(long, global = true)]
    pub follow_links: bool,
    /// Start with mouse capture off, so the terminal selects text (toggle with M).
    #[arg(long)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what dossier understood of each article: title, language, date,
    /// sentences, flagged lines, date mentions; then the load report.
    Inspect(inspect::InspectArgs),
    /// Validate the annotation file and re-anchor every claim: lists moved,
    /// fuzzy and orphaned anchors and broken references; exits 1 if any
    /// need the analyst, 2 if the file cannot be read.
    Check(check::CheckArgs),
    /// Print the effective key bindings per context, and where your keymap.ron goes.
    Keys,
    /// Merge three versions of an annotation file by record id (a git merge driver).
    Merge(merge::MergeArgs),
    /// Export the annotations: json, jsonl, csv (claims), md (report), w3c
    /// (Web Annotation), claimreview (schema.org), timeline (TimelineJS).
    Export(export::ExportArgs),
    /// Suggest links between articles (translation-of, duplicate,
    /// same-event) with their evidence; settled pairs are left out.
    Suggest(suggest::SuggestArgs),
    /// Search the whole corpus: words (all must occur), "phrases",
    /// -excluded, lang:de, date:2024-01..2024-03; best matches first, with
    /// snippets. Keeps a search index in dossier's cache folder.
    Search(search::SearchArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let links = if cli.follow_links { LinkScope::Anywhere } else { LinkScope::InsideCorpus };
    match cli.command {
        Some(Command::Inspect(args)) => inspect::run(&args, links),
        Some(Command::Check(args)) => check::run(&args, cli.annotations.as_deref(), links),
        Some(Command::Keys) => keys::run(cli.keymap.as_deref()),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Export(args)) => export::run(&args, cli.annotations.as_deref(), links),
        Some(Command::Suggest(args)) => suggest::run(&args, cli.annotations.as_deref(), links),
        Some(Command::Search(args)) => search::run(&args, links),
        None => {
            let corpus = match cli.corpus {
                Some(corpus) => corpus,
                None if crate::corpus::source::has_articles(std::path::Path::new(".")) => PathBuf::from("."),
                None => bail!(
                    "the current folder holds no articles (.txt, .md, .jsonl); \
                     name a corpus folder, e.g. `dossier sample-corpus`"
                ),
            };
            // Fail on a bad path before the terminal is taken over.
            crate::corpus::source::check_root(&corpus)?;
            let annotations = crate::annotations::file::annotation_path(&corpus, cli.annotations.as_deref());
            crate::tui::run(crate::tui::Options {
                corpus,
                links,
                annotations,
                keymap: cli.keymap,
                mouse: !cli.no_mouse,
            })
        }
    }
}
