//! Command-line interface: argument parsing and dispatch to the layers.
//! Thin by design: each subcommand parses its arguments and calls a layer.

mod inspect;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// dossier: read and annotate a folder of news articles in the terminal.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The corpus folder to open (default: the current folder).
    pub corpus: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what dossier understood of each article: title, language, date,
    /// sentences, flagged lines, date mentions; then the load report.
    Inspect(inspect::InspectArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Some(Command::Inspect(args)) => inspect::run(&args),
        // Until the reading TUI lands, opening a corpus shows its inspection.
        None => {
            let corpus = cli.corpus.unwrap_or_else(|| PathBuf::from("."));
            inspect::run(&inspect::InspectArgs { corpus, article: None, json: false })
        }
    }
}
