//! Command-line conventions (issue 14, item 6): flags only where they mean
//! something, shell completions, a man page, quiet exits on a closed pipe,
//! versioned JSON Lines, progress only on a terminal, the environment in
//! `--help`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Output, Stdio};

mod support;
use support::cli::{command, dossier};
use support::pty;

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

const SUBCOMMANDS: [&str; 8] = ["inspect", "check", "keys", "merge", "export", "suggest", "completions", "man"];

#[test]
fn each_shell_gets_a_completion_script_naming_every_subcommand() {
    // What each shell's script starts its work with.
    let shells = [
        ("bash", "complete -F _dossier"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
        ("elvish", "edit:completion:arg-completer[dossier]"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in shells {
        let output = dossier(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell} script lacks {marker:?}");
        for subcommand in SUBCOMMANDS {
            assert!(script.contains(subcommand), "{shell} script does not name {subcommand}");
        }
    }
    let unknown = dossier(&["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("possible values: bash, elvish, fish, powershell, zsh"), "{}", stderr(&unknown));
}

/// What bash offers after `dossier WORDS… ` with the script sourced.
fn bash_offers(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let line = format!("dossier {} ", words.join(" "));
    let program = format!(
        "source '{}'; COMP_WORDS=(dossier {} ''); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
         _dossier dossier '' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.join(" "),
        words.len() + 1,
        line.len(),
        words.last().unwrap_or(&"dossier"),
    );
    let output = std::process::Command::new("bash").args(["--norc", "-c", &program]).output().expect("run bash");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output).lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_subcommands_and_only_the_flags_each_takes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("dossier.bash");
    std::fs::write(&script, dossier(&["completions", "bash"]).stdout).expect("write the script");
    let first = bash_offers(&script, &[]);
    for subcommand in SUBCOMMANDS {
        assert!(first.iter().any(|w| w == subcommand), "{subcommand} not offered: {first:?}");
    }
    let keys = bash_offers(&script, &["keys", "--"]);
    assert!(keys.iter().any(|w| w == "--keymap"), "{keys:?}");
    assert!(!keys.iter().any(|w| w == "--annotations"), "{keys:?}");
    let merge = bash_offers(&script, &["merge", "--"]);
    assert!(!merge.iter().any(|w| w == "--keymap" || w == "--annotations"), "{merge:?}");
}

/// A man page checked as roff: `.TH` first, only the man macros clap_mangen
/// and roff use, and, where groff is installed, no warning from it.
fn assert_valid_man_page(page: &str, name: &str) {
    let macros: Vec<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix('.'))
        .map(|line| line.split_whitespace().next().unwrap_or(""))
        .collect();
    let known = ["ie", "el", "TH", "SH", "SS", "TP", "IP", "PP", "RS", "RE", "br"];
    assert!(macros.iter().all(|m| known.contains(m)), "{name}: unexpected macros in {macros:?}");
    assert_eq!(macros.iter().find(|m| !["ie", "el"].contains(m)), Some(&"TH"), "{name}: .TH comes first");
    assert!(page.contains(&format!(".TH {name} 1")), "{name}: title");
    if std::process::Command::new("groff").arg("--version").output().is_ok() {
        let mut groff = std::process::Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run groff");
        std::io::Write::write_all(&mut groff.stdin.take().expect("stdin"), page.as_bytes()).expect("feed groff");
        let checked = groff.wait_with_output().expect("groff");
        assert!(checked.status.success() && checked.stderr.is_empty(), "{name}: groff says {}", stderr(&checked));
    }
}

#[test]
fn man_prints_a_valid_page_with_the_subcommands_and_the_environment() {
    let output = dossier(&["man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = stdout(&output);
    assert_valid_man_page(&page, "dossier");
    for section in ["NAME", "SYNOPSIS", "OPTIONS", "SUBCOMMANDS", "ENVIRONMENT", "VERSION"] {
        assert!(page.contains(&format!(".SH {section}\n")), "no {section} section");
    }
    for subcommand in SUBCOMMANDS {
        // Each named as the page `dossier man DIR` writes for it.
        assert!(page.contains(&format!("dossier\\-{subcommand}(1)")), "{subcommand} not listed");
    }
    let environment = &page[page.find(".SH ENVIRONMENT").expect("environment")..];
    for variable in ["DOSSIER_CONFIG", "DOSSIER_KEYMAP", "NO_COLOR", "PAGER", "BROWSER", "VISUAL, EDITOR"] {
        assert!(environment.contains(&format!("\\fB{variable}")), "{variable} not in ENVIRONMENT");
    }
}

#[test]
fn man_with_a_folder_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dossier(&["man", &dir.path().display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "the pages go to the folder");
    let main = std::fs::read_to_string(dir.path().join("dossier.1")).expect("dossier.1");
    assert_eq!(main.as_bytes(), dossier(&["man"]).stdout, "the same dossier.1 as on stdout");
    for subcommand in SUBCOMMANDS {
        let name = format!("dossier-{subcommand}");
        let page = std::fs::read_to_string(dir.path().join(format!("{name}.1"))).expect("a page per subcommand");
        assert_valid_man_page(&page, &name);
    }
    let export = std::fs::read_to_string(dir.path().join("dossier-export.1")).expect("export page");
    assert!(export.contains("\\-\\-format") && export.contains("\\-\\-annotations"), "its own options");

    let missing = dossier(&["man", "/nonexistent/man1"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("/nonexistent/man1"), "{}", stderr(&missing));
}

#[test]
fn help_has_an_environment_section_saying_what_each_variable_does() {
    let help = stdout(&dossier(&["--help"]));
    let section = &help[help.find("Environment:").expect("an Environment section")..];
    for (variable, says) in [
        ("DOSSIER_CONFIG", "config.ron"),
        ("DOSSIER_KEYMAP", "keymap.ron"),
        ("NO_COLOR", "monochrome"),
        ("PAGER", "less"),
        ("BROWSER", "http(s)"),
        ("VISUAL, EDITOR", "claim form's note"),
    ] {
        let line = section.lines().find(|l| l.trim_start().starts_with(variable)).expect(variable);
        assert!(line.contains(says), "{variable}: {line}");
    }
    // Styled only on a terminal, like the rest of the help.
    assert!(!help.contains('\x1b'), "{help:?}");
}

/// A corpus of `copies` copies of sample-corpus's articles, one folder
/// each: output larger than a pipe holds, and a load that takes a while.
fn large_corpus(copies: usize) -> tempfile::TempDir {
    fn copy_articles(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("make a folder");
        for entry in std::fs::read_dir(from).expect("read sample-corpus") {
            let path = entry.expect("entry").path();
            let target = to.join(path.file_name().expect("a name"));
            if path.is_dir() {
                copy_articles(&path, &target);
            } else if path
                .extension()
                .is_some_and(|e| ["txt", "md", "jsonl", "html"].contains(&e.to_str().unwrap_or("")))
            {
                std::fs::copy(&path, &target).expect("copy an article");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for copy in 0..copies {
        copy_articles(&sample, &dir.path().join(format!("copy-{copy}")));
    }
    dir
}

#[test]
fn json_lines_read_by_a_reader_that_stops_after_one_line_exit_0_quietly() {
    let corpus = large_corpus(8);
    let corpus = corpus.path().to_str().expect("utf-8 path");
    for args in [["inspect", corpus, "--json"], ["suggest", corpus, "--json"]] {
        let mut child = command().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("read a line");
        // The reader is gone (dropped above), as `| head -1` leaves it.
        assert!(first.starts_with('{'), "{args:?}: {first}");
        let output = child.wait_with_output().expect("wait for dossier");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{args:?}: nothing on stderr");
    }
}

#[test]
fn every_command_writing_to_a_pipe_already_closed_exits_0_quietly() {
    let commands: [&[&str]; 10] = [
        &["inspect", "sample-corpus"],
        &["inspect", "sample-corpus", "--json"],
        &["inspect", "sample-corpus", "--article", "wire/044_c81d0a5b.txt"],
        &["suggest", "sample-corpus"],
        &["suggest", "sample-corpus", "--json"],
        &["export", "sample-corpus", "--format", "md", "--annotations", "/nonexistent/a.ron"],
        &["check", "sample-corpus", "--annotations", "/nonexistent/a.ron"],
        &["keys"],
        &["completions", "zsh"],
        &["man"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output = command()
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run dossier");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("Broken pipe"), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn every_json_lines_record_starts_with_its_version() {
    for args in [["inspect", "sample-corpus", "--json"], ["suggest", "sample-corpus", "--json"]] {
        let output = dossier(&args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        let text = stdout(&output);
        assert!(text.lines().count() > 10, "{args:?}: {text}");
        for line in text.lines() {
            // First, so `head -1 | cut -c1-14` is enough to check it.
            assert!(line.starts_with("{\"version\":1,"), "{args:?}: {line}");
            let record: serde_json::Value = serde_json::from_str(line).expect("JSON");
            assert_eq!(record["version"], 1);
        }
    }
}

#[test]
fn progress_is_drawn_on_a_terminal_and_not_one_byte_of_it_elsewhere() {
    let corpus = large_corpus(4);
    let corpus = corpus.path().to_str().expect("utf-8 path");
    // stderr a pipe: only the load report, no spinner, no escape, no \r.
    let piped = dossier(&["inspect", corpus, "--json"]);
    assert!(piped.status.success(), "{}", stderr(&piped));
    let errors = stderr(&piped);
    assert!(errors.starts_with("Load report"), "{errors}");
    assert!(!errors.contains("loading") && !errors.contains('\r') && !errors.contains('\x1b'), "{errors:?}");

    // stderr a terminal: the load and the search for suggestions show.
    let mut terminal = pty::Pty::dossier(&["suggest", corpus, "--annotations", "/nonexistent/a.ron"], 120, 30);
    assert!(terminal.wait_exit(), "suggest failed:\n{}", terminal.screen());
    let shown = |needle: &str| {
        let start = std::time::Instant::now();
        while start.elapsed() < pty::PATIENCE {
            if String::from_utf8_lossy(&terminal.output()).contains(needle) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        false
    };
    assert!(shown(&format!("loading {corpus}")), "{}", String::from_utf8_lossy(&terminal.output()));
    assert!(shown("files read"), "the count of files read");
    assert!(shown("finding suggested links among 132 articles"), "the second stage");
}

#[test]
fn search_indexing_shows_progress_on_a_terminal_and_none_on_a_pipe() {
    let corpus = large_corpus(2);
    let path = corpus.path().to_str().expect("utf-8 path");
    let cache = tempfile::tempdir().expect("a cache folder");
    let cache_dir = cache.path().to_str().expect("utf-8 path");
    let piped = command().args(["search", path, "Soldaten"]).env("DOSSIER_CACHE", cache_dir).output().expect("run");
    assert!(piped.status.success(), "{}", stderr(&piped));
    let errors = stderr(&piped);
    assert!(!errors.contains("indexing") && !errors.contains('\r') && !errors.contains('\x1b'), "{errors:?}");

    // A fresh cache: the index is built again, this time on a terminal.
    let fresh = tempfile::tempdir().expect("a cache folder");
    let fresh_dir = fresh.path().to_str().expect("utf-8 path");
    let mut terminal = pty::Pty::spawn(
        env!("CARGO_BIN_EXE_dossier"),
        &["search", path, "Soldaten"],
        120,
        30,
        &[("DOSSIER_CACHE", fresh_dir)],
    );
    assert!(terminal.wait_exit(), "search failed:\n{}", terminal.screen());
    let drawn = String::from_utf8_lossy(&terminal.output()).into_owned();
    assert!(drawn.contains("indexing") && drawn.contains("files"), "{drawn:?}");
}
