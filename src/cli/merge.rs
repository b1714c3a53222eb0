//! `dossier merge BASE OURS THEIRS`: a git merge driver for annotation
//! files. Merges by record id (see `annotations::merge`), writes the result
//! over OURS, and answers git with the exit status: 0 clean, 1 merged with
//! conflicting fields flagged, 2 nothing written (an input did not parse).

use crate::annotations::file;
use crate::annotations::merge::{Merged, merge};
use crate::annotations::store::{self, Backup, StoreError};
use crate::display::{escape_for_terminal_keeping_lines, escape_path};
use anyhow::Result;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `dossier merge` (git passes `%O %A %B`).
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor's version (git's %O; may be empty).
    pub base: PathBuf,
    /// Our version (git's %A): the merged result is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
}

/// Runs the merge and exits with git's merge-driver status.
pub fn run(args: &MergeArgs) -> Result<()> {
    // Git reads only the exit status, and the caller maps every error to 1,
    // which git would take for "conflicts": exit here with our own codes.
    match merge_files(args) {
        Ok((merged, emptied)) => {
            for line in &merged.later_kept {
                eprintln!("dossier merge: {}", escape_for_terminal_keeping_lines(line));
            }
            if let Some(side) = emptied {
                eprintln!(
                    "dossier merge: {} holds no records where the base had some; taken as emptied by accident, \
                     not as the deletion of every record: the other side was kept, check it before committing",
                    escape_path(side)
                );
            } else if merged.conflicts == 0 {
                return Ok(());
            }
            if merged.conflicts > 0 {
                eprintln!(
                    "dossier merge: {}: {} field(s) changed differently on both sides; \
                     the side modified later kept (ours when unknown), the other listed under `conflicts` on the record",
                    escape_path(&args.ours),
                    merged.conflicts
                );
            }
            std::process::exit(1)
        }
        Err(error) => {
            eprintln!("dossier merge: {}; nothing written", escape_for_terminal_keeping_lines(&error.to_string()));
            std::process::exit(2)
        }
    }
}

/// Merges the three files into OURS; returns what the merge reports, and
/// the side found emptied, if one was.
fn merge_files(args: &MergeArgs) -> Result<(Merged, Option<&Path>), StoreError> {
    // Read and parse all three before writing anything.
    let base = store::read_annotations(&args.base)?;
    let mut ours = store::read_annotations(&args.ours)?;
    let mut theirs = store::read_annotations(&args.theirs)?;
    // A side with no records where the base had some was truncated, not
    // curated: it counts as unchanged, and git is told to stop (exit 1).
    let mut emptied = None;
    if !base.is_empty() {
        if theirs.is_empty() {
            theirs = base.clone();
            emptied = Some(args.theirs.as_path());
        } else if ours.is_empty() {
            ours = base.clone();
            emptied = Some(args.ours.as_path());
        }
    }
    let merged = merge(&base, &ours, &theirs);
    // No .bak: git owns OURS (a temporary file) and keeps the versions itself.
    store::write_file(&args.ours, file::render(&merged.annotations).as_bytes(), Backup::Skip)?;
    Ok((merged, emptied))
}
