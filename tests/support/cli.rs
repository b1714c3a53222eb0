//! Running the real binary the way a user does, for the CLI tests.

#![allow(dead_code)] // each test binary uses a different part of the helpers

use std::process::{Command, Output};

/// Where the tests point dossier's user files: nowhere, so a developer's
/// own keymap or settings cannot change what a test sees.
pub const NO_USER_FILES: [(&str, &str); 2] = [
    ("DOSSIER_KEYMAP", "/nonexistent/dossier-test-keymap.ron"),
    ("DOSSIER_CONFIG", "/nonexistent/dossier-test-config.ron"),
];

/// The dossier binary with no user keymap or settings.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.envs(NO_USER_FILES);
    command
}

/// Runs dossier in the crate's folder (so `sample-corpus` resolves).
pub fn dossier(args: &[&str]) -> Output {
    command().args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("run dossier")
}
