//! `dossier man [DIR]`: manual pages from the clap definitions. dossier.1
//! on stdout; with DIR, dossier.1 and one page per subcommand
//! (dossier-inspect.1, …, which dossier.1 refers to) written there.

use super::{Cli, environment};
use crate::annotations::store::{Backup, write_file};
use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_mangen::Man;
use roff::{Roff, bold, roman};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `dossier man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page (dossier.1, dossier-inspect.1 and so on) into this folder,
    /// e.g. ~/.local/share/man/man1, instead of dossier.1 to stdout.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints or writes the pages.
pub fn run(args: &ManArgs) -> Result<()> {
    let mut command = Cli::command().disable_help_subcommand(true);
    // Built, the subcommands know their full names (dossier-inspect).
    command.build();
    let Some(dir) = &args.dir else {
        std::io::stdout().lock().write_all(&main_page(&command)?)?;
        return Ok(());
    };
    write_file(&dir.join("dossier.1"), &main_page(&command)?, Backup::Skip)?;
    for subcommand in command.get_subcommands() {
        let man = Man::new(subcommand.clone());
        let mut page = Vec::new();
        man.render(&mut page)?;
        write_file(&dir.join(man.get_filename()), &page, Backup::Skip)?;
    }
    Ok(())
}

/// dossier.1: clap_mangen's sections, with the environment variables in an
/// ENVIRONMENT section where its full render would put them under EXTRA.
fn main_page(command: &clap::Command) -> Result<Vec<u8>> {
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    let mut environment = Roff::new();
    environment.control("SH", ["ENVIRONMENT"]);
    for (name, what) in environment::VARIABLES {
        environment.control("TP", []).text([bold(name)]).text([roman(what)]);
    }
    environment.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(page)
}
