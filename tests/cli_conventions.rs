//! Command-line conventions (issue 14, item 6): flags only where they mean
//! something, shell completions, a man page, quiet exits on a closed pipe,
//! versioned JSON Lines, progress only on a terminal, the environment in
//! `--help`.

use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::dossier;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Each subcommand and the flags it takes of `--keymap`, `--annotations`
/// and `--follow-links`: what each really reads.
const FLAG_SCOPE: [(&str, &[&str]); 6] = [
    ("inspect", &["--follow-links"]),
    ("check", &["--annotations", "--follow-links"]),
    ("keys", &["--keymap"]),
    ("merge", &[]),
    ("export", &["--annotations", "--follow-links"]),
    ("suggest", &["--annotations", "--follow-links"]),
];

const SCOPED_FLAGS: [&str; 3] = ["--keymap", "--annotations", "--follow-links"];

#[test]
fn each_subcommand_help_lists_only_the_flags_it_uses() {
    for (command, flags) in FLAG_SCOPE {
        let output = dossier(&[command, "--help"]);
        assert!(output.status.success(), "{command}: {}", stderr(&output));
        let help = stdout(&output);
        for flag in SCOPED_FLAGS {
            assert_eq!(help.contains(flag), flags.contains(&flag), "{command} --help and {flag}:\n{help}");
        }
    }
    // The reader itself takes all three.
    let top = stdout(&dossier(&["--help"]));
    for flag in SCOPED_FLAGS {
        assert!(top.contains(flag), "dossier --help lacks {flag}:\n{top}");
    }
}

#[test]
fn a_flag_given_where_it_means_nothing_is_rejected() {
    for (command, flags) in FLAG_SCOPE {
        for flag in SCOPED_FLAGS.iter().filter(|f| !flags.contains(f)) {
            let mut args = vec![command, *flag];
            if *flag != "--follow-links" {
                args.push("/nonexistent/file.ron");
            }
            let output = dossier(&args);
            assert_eq!(output.status.code(), Some(2), "{args:?} should be a usage error: {}", stderr(&output));
            assert!(
                stderr(&output).contains(&format!("unexpected argument '{flag}'")),
                "{args:?}: {}",
                stderr(&output)
            );
        }
    }
}
