//! A corpus whose symbolic links lead out of it, or to a FIFO, a device or
//! the kernel's files: `dossier inspect` reads the articles that are really
//! there, names every file it skipped and why, and never hangs.

#![cfg(target_os = "linux")]

mod support;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;
use std::time::Duration;
use support::cli::{command, output_within};
use tempfile::TempDir;

/// Far above a normal run: reaching it means something blocked.
const LIMIT: Duration = Duration::from_secs(60);

/// `dossier inspect --json` on `corpus` with `flags`, under [`LIMIT`]:
/// the ids of the articles it loaded, and its load report.
fn inspect(corpus: &Path, flags: &[&str]) -> (Vec<String>, String) {
    let output: Output = output_within(command().arg("inspect").arg(corpus).arg("--json").args(flags), LIMIT);
    let report = String::from_utf8(output.stderr).expect("UTF-8 report");
    assert!(output.status.success(), "{report}");
    let ids = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| {
            let article: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            article["id"].as_str().expect("an id").to_owned()
        })
        .collect();
    (ids, report)
}

/// A folder holding these articles.
fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

/// A FIFO no writer ever opens: a blocking open or read of it never ends.
fn make_fifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("no NUL in a temp path");
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

fn link(target: impl AsRef<Path>, corpus: &TempDir, name: &str) {
    symlink(target, corpus.path().join(name)).expect("symlink");
}

/// The report line for a skipped file.
fn skipped(report: &str, name: &str) -> String {
    let prefix = format!("  skipped {name}: ");
    report
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{name} not in\n{report}"))
        .to_owned()
}

#[test]
fn links_out_of_the_corpus_and_special_files_are_skipped_with_a_reason() {
    let outside = folder(&[("b.txt", "An article outside the corpus.")]);
    make_fifo(&outside.path().join("pipe"));
    let corpus = folder(&[("a.txt", "Troops leave by 2025."), ("b.md", "---\ntitle: B\n---\nTalks resume.")]);
    make_fifo(&corpus.path().join("fifo"));
    link("a.txt", &corpus, "inside.txt");
    link("fifo", &corpus, "fifo-link.txt");
    link("/", &corpus, "rootl");
    link("/proc/kmsg", &corpus, "kmsg.txt");
    link("/dev/zero", &corpus, "zero.txt");
    link(outside.path().join("pipe"), &corpus, "pipe.txt");
    link(outside.path().join("b.txt"), &corpus, "b-link.txt");

    let (ids, report) = inspect(corpus.path(), &[]);
    assert_eq!(ids, ["a.txt", "b.md", "inside.txt"]);
    let outside_to = |target: &Path| {
        format!("a link leading outside the corpus, to {} (read it with --follow-links)", target.display())
    };
    let outside_root = outside.path().canonicalize().expect("canonical");
    assert_eq!(skipped(&report, "rootl"), outside_to(Path::new("/")));
    assert_eq!(skipped(&report, "kmsg.txt"), outside_to(Path::new("/proc/kmsg")));
    assert_eq!(skipped(&report, "zero.txt"), outside_to(Path::new("/dev/zero")));
    assert_eq!(skipped(&report, "pipe.txt"), outside_to(&outside_root.join("pipe")));
    assert_eq!(skipped(&report, "b-link.txt"), outside_to(&outside_root.join("b.txt")));
    assert_eq!(skipped(&report, "fifo"), "a FIFO (named pipe), not a regular file");
    assert_eq!(skipped(&report, "fifo-link.txt"), "a FIFO (named pipe), not a regular file");
    assert!(report.starts_with("Load report: 10 files seen, 7 skipped, 0 problems"), "{report}");
}

#[test]
fn follow_links_reads_articles_outside_but_never_a_fifo_device_or_kernel_file() {
    let outside = folder(&[("b.txt", "An article outside the corpus.")]);
    make_fifo(&outside.path().join("pipe.txt"));
    let corpus = folder(&[("a.txt", "Troops leave by 2025.")]);
    link(outside.path(), &corpus, "outdir");
    link(outside.path().join("b.txt"), &corpus, "b-link.txt");
    link("/proc/kmsg", &corpus, "kmsg.txt");
    link("/proc", &corpus, "proc");
    link("/dev/zero", &corpus, "zero.txt");
    link("/dev/stdin", &corpus, "stdin.txt");

    let (ids, report) = inspect(corpus.path(), &["--follow-links"]);
    assert_eq!(ids, ["a.txt", "b-link.txt", "outdir/b.txt"]);
    assert_eq!(skipped(&report, "outdir/pipe.txt"), "a FIFO (named pipe), not a regular file");
    assert_eq!(skipped(&report, "kmsg.txt"), "a kernel file under /proc or /sys, never read");
    assert_eq!(skipped(&report, "proc"), "a kernel file under /proc or /sys, never read");
    assert_eq!(skipped(&report, "zero.txt"), "a device, not a regular file");
    // Stdin is empty here (/dev/null, a device); under a terminal or a
    // pipe it is a device or a FIFO: skipped either way, never read.
    assert!(skipped(&report, "stdin.txt").ends_with("not a regular file"), "{report}");
}
