//! Command-line interface: argument parsing and dispatch to the layers.
//! Thin by design: each subcommand parses its arguments and calls a layer.

mod check;
mod completions;
mod environment;
mod export;
mod inspect;
mod json_lines;
mod keys;
mod man;
mod merge;
pub mod progress;
mod suggest;

use crate::corpus::LinkScope;
use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub use check::ExitError;

/// dossier: read and annotate a folder of news articles in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_long_help = environment::help()
)]
pub struct Cli {
    /// The corpus folder to open (default: the current folder).
    pub corpus: Option<PathBuf>,
    #[command(flatten)]
    pub keymap: KeymapFlag,
    #[command(flatten)]
    pub annotations: AnnotationsFlag,
    #[command(flatten)]
    pub links: LinksFlag,
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
    Keys(KeymapFlag),
    /// Merge three versions of an annotation file by record id (a git merge driver).
    Merge(merge::MergeArgs),
    /// Export the annotations: json, jsonl, csv (claims), md (report), w3c
    /// (Web Annotation), claimreview (schema.org), timeline (TimelineJS).
    Export(export::ExportArgs),
    /// Suggest links between articles (translation-of, duplicate,
    /// same-event) with their evidence; settled pairs are left out.
    Suggest(suggest::SuggestArgs),
    /// Print a completion script for bash, zsh, fish, elvish or powershell.
    Completions(completions::CompletionsArgs),
    /// Print the man page, or write every page into a folder.
    Man(man::ManArgs),
}

/// `--keymap FILE`: for the reader and `keys`, the only ones that use keys.
#[derive(Debug, Args)]
pub struct KeymapFlag {
    /// A keymap file layered over the default and your keymap.ron.
    #[arg(long = "keymap", id = "keymap", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `--annotations FILE`: for the commands that read the annotation file.
#[derive(Debug, Args)]
pub struct AnnotationsFlag {
    /// The annotation file (default: dossier.ron in the corpus folder).
    #[arg(long = "annotations", id = "annotations", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `--follow-links`: for the commands that load a corpus.
#[derive(Debug, Args)]
pub struct LinksFlag {
    /// Follow symbolic links that lead outside the corpus folder; without
    /// it they are skipped and listed in the load report.
    #[arg(long)]
    follow_links: bool,
}

impl LinksFlag {
    /// Which symbolic links the load follows.
    pub fn scope(&self) -> LinkScope {
        if self.follow_links { LinkScope::Anywhere } else { LinkScope::InsideCorpus }
    }
}

/// Whether `error` is a write to a pipe whose reader has gone, as in
/// `dossier inspect CORPUS --json | head -1`: the reader has what it
/// wanted, so dossier stops quietly and successfully, as ripgrep does.
/// (Only stdout is ever such a pipe: dossier writes to no other.)
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Inspect(args)) => inspect::run(&args, args.links.scope()),
        Some(Command::Check(args)) => check::run(&args, args.annotations.file.as_deref(), args.links.scope()),
        Some(Command::Keys(keymap)) => keys::run(keymap.file.as_deref()),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Export(args)) => export::run(&args, args.annotations.file.as_deref(), args.links.scope()),
        Some(Command::Suggest(args)) => suggest::run(&args, args.annotations.file.as_deref(), args.links.scope()),
        Some(Command::Completions(args)) => completions::run(&args),
        Some(Command::Man(args)) => man::run(&args),
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
            let annotations = crate::annotations::file::annotation_path(&corpus, cli.annotations.file.as_deref());
            crate::tui::run(crate::tui::Options {
                corpus,
                links: cli.links.scope(),
                annotations,
                keymap: cli.keymap.file,
                mouse: !cli.no_mouse,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        // clap's own checks: unique ids, no clashing flags, valid defaults.
        Cli::command().debug_assert();
    }

    #[test]
    fn only_a_closed_pipe_counts_as_one_wherever_it_is_in_the_chain() {
        let closed = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(is_closed_pipe(&anyhow::Error::from(closed())));
        assert!(is_closed_pipe(&anyhow::Error::from(closed()).context("writing to stdout")));
        let full = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert!(!is_closed_pipe(&full.context("writing to stdout")));
        assert!(!is_closed_pipe(&anyhow::anyhow!("Broken pipe")));
    }
}
