//! Running the real binary the way a user does, for the CLI tests.

use std::process::{Command, Output};

/// Runs dossier in the crate's folder (so `sample-corpus` resolves), with
/// no user keymap.
pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DOSSIER_KEYMAP", "/nonexistent/dossier-test-keymap.ron")
        .output()
        .expect("run dossier")
}
