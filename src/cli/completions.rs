//! `dossier completions SHELL`: a completion script for the shell, from the
//! same clap definitions that parse the command line.

use super::Cli;
use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

/// Arguments of `dossier completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the script to stdout.
pub fn run(args: &CompletionsArgs) -> Result<()> {
    // Built in memory: clap_complete panics on a failed write (a closed
    // pipe), where writing ourselves returns the error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "dossier", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(())
}
