//! The annotation file and the files dossier writes beside it, in the real
//! binary: a FIFO or device in place of the file is refused at once (never
//! a hang), a link is never written through, and a write that fails leaves
//! no temporary file behind.

#![cfg(unix)]

use dossier::annotations::file::{self, DEFAULT_FILE_NAME};
use dossier::annotations::{Anchor, Annotations, Claim, RecordId};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

#[path = "support/cli.rs"]
mod cli_support;

/// Longer than any of these commands takes on a slow machine, far shorter
/// than a hang.
const DEADLINE: Duration = Duration::from_secs(20);

/// Runs dossier; a run still going at the deadline is killed and fails the test.
fn run_within_deadline(args: &[&str]) -> Output {
    let mut child = cli_support::command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dossier");
    let start = Instant::now();
    while child.try_wait().expect("poll dossier").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier {args:?} was still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("dossier's output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("a path without NUL");
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// A one-article corpus in `dir/corpus`.
fn corpus(dir: &Path) -> String {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    std::fs::write(corpus.join("a.txt"), "Talks resume\n\nOfficials said talks would resume in March.\n")
        .expect("an article");
    corpus.to_str().expect("a UTF-8 temp path").to_string()
}

/// `n` claims with long notes: a rendered file of several kilobytes.
fn claims(n: usize) -> Annotations {
    let claims = (0..n)
        .map(|i| Claim {
            id: RecordId(format!("01J{i:023}")),
            anchor: Anchor::new("a.txt", "Officials said talks would resume in March.", 0..14),
            tags: vec!["talks".into()],
            speaker: None,
            summary: None,
            verdict: "unverified".into(),
            about: None,
            note: format!("note {i}: {}", "checked against the wire copy ".repeat(4)),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        })
        .collect();
    Annotations { claims, ..Annotations::default() }
}

#[test]
fn a_fifo_as_the_annotation_file_is_refused_at_once_by_every_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = corpus(dir.path());
    let fifo = Path::new(&corpus).join(DEFAULT_FILE_NAME);
    // Nothing ever opens its other end: reading it would block forever.
    mkfifo(&fifo);
    let fifo_arg = fifo.to_str().expect("UTF-8");
    let other = dir.path().join("other.ron");
    std::fs::write(&other, file::render(&claims(1))).expect("write other.ron");
    let other = other.to_str().expect("UTF-8");
    for args in [
        // The reader: refused before it takes the terminal.
        vec![corpus.as_str()],
        vec!["check", corpus.as_str()],
        vec!["export", corpus.as_str(), "--format", "csv"],
        vec!["merge", other, fifo_arg, other],
    ] {
        let output = run_within_deadline(&args);
        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(stderr(&output).contains("FIFO"), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn a_device_as_the_annotation_file_is_refused_at_once_named_or_linked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = corpus(dir.path());
    let output = run_within_deadline(&["check", &corpus, "--annotations", "/dev/zero"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("a device"), "{}", stderr(&output));
    // Linked as the corpus's own file: the link is not followed at all.
    symlink("/dev/zero", Path::new(&corpus).join(DEFAULT_FILE_NAME)).expect("symlink");
    for args in [vec!["check", corpus.as_str()], vec!["export", corpus.as_str(), "--format", "md"]] {
        let output = run_within_deadline(&args);
        assert!(!output.status.success(), "{args:?} succeeded");
        let message = stderr(&output);
        assert!(message.contains("symbolic link") && message.contains("--annotations"), "{args:?}: {message}");
    }
}

#[test]
fn an_export_never_writes_through_a_planted_temp_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = corpus(dir.path());
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").expect("write the victim");
    let output_file = dir.path().join("claims.csv");
    symlink(&victim, dir.path().join("claims.csv.tmp")).expect("plant the link");
    let output = run_within_deadline(&["export", &corpus, "--format", "csv", "-o", output_file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&victim).expect("the victim"), "precious");
    let written = std::fs::symlink_metadata(&output_file).expect("the export");
    assert!(written.file_type().is_file(), "the export is a file of its own, not a link");
}

#[test]
fn a_merge_whose_write_fails_leaves_ours_as_it_was_and_no_temp_file() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let (base, ours, theirs) = (dir.path().join("O.ron"), dir.path().join("A.ron"), dir.path().join("B.ron"));
    let ours_text = file::render(&claims(1));
    std::fs::write(&base, file::render(&Annotations::default())).expect("write base");
    std::fs::write(&ours, &ours_text).expect("write ours");
    std::fs::write(&theirs, file::render(&claims(60))).expect("write theirs");
    let mut command = cli_support::command();
    command.arg("merge").args([&base, &ours, &theirs]);
    // A file size limit stands in for a full disk: the merged file (tens of
    // kilobytes) cannot be written, the small inputs can still be read.
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: 4096, rlim_max: 4096 };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // Without this the kernel stops the process instead of failing the write.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let output = command.output().expect("run dossier merge");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("A.ron.tmp"), "the error names the file: {}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&ours).expect("ours"), ours_text, "ours is left as it was");
    assert!(!dir.path().join("A.ron.tmp").exists(), "the partial temp file is removed");
}
