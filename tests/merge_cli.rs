//! `dossier merge` as git calls it: the real binary on real files, its exit
//! status, and a real `git merge` with dossier configured as the driver.

use dossier::annotations::{Anchor, Annotations, Claim, RecordId, file};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

#[path = "support/cli.rs"]
mod cli_support;

fn claim(id: &str, note: &str) -> Claim {
    Claim {
        id: RecordId(id.into()),
        anchor: Anchor::new("en/a.txt", "They said 2,500 troops will go. Talks paused.", 0..31),
        tags: vec!["troops".into()],
        speaker: None,
        summary: None,
        verdict: "unverified".into(),
        about: None,
        note: note.into(),
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    }
}

fn set(claims: &[(&str, &str)]) -> Annotations {
    Annotations { claims: claims.iter().map(|(id, note)| claim(id, note)).collect(), ..Annotations::default() }
}

fn read(path: &Path) -> Annotations {
    let text = fs::read_to_string(path).expect("readable");
    file::parse(&text, path).expect("the merged file parses")
}

fn merge(dir: &Path, base: &str, ours: &str, theirs: &str) -> Output {
    cli_support::command().args(["merge", base, ours, theirs]).current_dir(dir).output().expect("run dossier merge")
}

fn write(dir: &Path, name: &str, annotations: &Annotations) {
    fs::write(dir.join(name), file::render(annotations)).expect("write fixture");
}

#[test]
fn a_clean_merge_writes_ours_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.ron", &set(&[("A", "base"), ("B", "base")]));
    write(dir.path(), "ours.ron", &set(&[("A", "ours"), ("B", "base")]));
    write(dir.path(), "theirs.ron", &set(&[("A", "base"), ("C", "theirs")]));
    let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(read(&dir.path().join("ours.ron")), set(&[("A", "ours"), ("C", "theirs")]));
    assert!(!dir.path().join("ours.ron.bak").exists(), "no .bak left in git's work area");
}

#[test]
fn conflicting_edits_are_flagged_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.ron", &set(&[("A", "base")]));
    write(dir.path(), "ours.ron", &set(&[("A", "ours")]));
    write(dir.path(), "theirs.ron", &set(&[("A", "theirs")]));
    let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 field(s)"));
    let merged = read(&dir.path().join("ours.ron"));
    assert_eq!(merged.claims[0].note, "ours");
    assert_eq!(merged.claims[0].conflicts[0].field, "note");
    assert_eq!(merged.claims[0].conflicts[0].theirs, "\"theirs\"");
}

/// Issue 14, item 4: the merge driver keeps the later `modified` and says so.
#[test]
fn a_conflict_takes_the_later_edit_and_the_driver_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let at = |note: &str, modified: &str| {
        let mut set = set(&[("A", note)]);
        set.claims[0].modified = Some(modified.into());
        set
    };
    write(dir.path(), "base.ron", &at("base", "2026-12-01T09:00:00Z"));
    write(dir.path(), "ours.ron", &at("ours", "2026-12-02T09:00:00Z"));
    write(dir.path(), "theirs.ron", &at("theirs", "2026-12-03T09:00:00Z"));
    let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("claim A: kept theirs for note (modified 2026-12-03T09:00:00Z"), "{stderr}");
    let merged = read(&dir.path().join("ours.ron"));
    assert_eq!(merged.claims[0].note, "theirs");
    assert_eq!(merged.claims[0].modified.as_deref(), Some("2026-12-03T09:00:00Z"));
    assert_eq!(merged.claims[0].conflicts[0].theirs, "\"ours\"", "the value not kept is flagged");
}

#[test]
fn an_input_that_does_not_parse_exits_2_with_its_position_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.ron", &set(&[("A", "base")]));
    write(dir.path(), "ours.ron", &set(&[("A", "ours")]));
    fs::write(dir.path().join("theirs.ron"), "(\n  version: 1,\n  claims: [oops],\n)\n").unwrap();
    let before = fs::read(dir.path().join("ours.ron")).unwrap();
    let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("theirs.ron:3:"), "{stderr}");
    assert_eq!(fs::read(dir.path().join("ours.ron")).unwrap(), before);
}

#[test]
fn a_side_this_build_would_lose_records_of_exits_2_naming_why_and_writes_nothing() {
    // Theirs holds claim A twice (a merge by id would keep one of them).
    let mut twice = set(&[("A", "base"), ("B", "theirs")]);
    twice.claims[1].id = RecordId("A".into());
    // Ours has a field from a newer dossier (a merge would drop it).
    let newer = file::render(&set(&[("A", "ours")])).replacen("      verdict:", "      weight: 2,\n      verdict:", 1);
    let cases = [
        (file::render(&set(&[("A", "ours")])), file::render(&twice), "theirs.ron:", "a second claim with id \"A\""),
        (newer, file::render(&set(&[("B", "theirs")])), "ours.ron:", "unknown field `weight`"),
    ];
    for (ours, theirs, file_named, why) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "base.ron", &set(&[("A", "base")]));
        fs::write(dir.path().join("ours.ron"), &ours).unwrap();
        fs::write(dir.path().join("theirs.ron"), &theirs).unwrap();
        let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
        assert_eq!(output.status.code(), Some(2), "{why}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(file_named) && stderr.contains(why), "{stderr}");
        assert!(stderr.contains("nothing written"), "{stderr}");
        assert_eq!(fs::read_to_string(dir.path().join("ours.ron")).unwrap(), ours);
    }
}

#[test]
fn an_empty_base_is_an_empty_set() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("base.ron"), "").unwrap();
    write(dir.path(), "ours.ron", &set(&[("A", "ours")]));
    write(dir.path(), "theirs.ron", &set(&[("B", "theirs")]));
    let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(read(&dir.path().join("ours.ron")), set(&[("A", "ours"), ("B", "theirs")]));
}

/// Runs git in `repo` with no user or system configuration.
fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.org")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.org")
        .output()
        .expect("run git")
}

fn git_ok(repo: &Path, args: &[&str]) {
    let output = git(repo, args);
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

fn commit_file(repo: &Path, annotations: &Annotations, message: &str) {
    write(repo, "dossier.ron", annotations);
    git_ok(repo, &["commit", "-q", "-am", message]);
}

/// A repository with the driver configured as the README says, and a first
/// commit holding `base`.
fn repo_with_driver(base: &Annotations) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    fs::write(repo.join(".gitattributes"), "dossier.ron merge=dossier\n").unwrap();
    git_ok(repo, &["config", "merge.dossier.name", "dossier annotations"]);
    let driver = format!("'{}' merge %O %A %B", env!("CARGO_BIN_EXE_dossier"));
    git_ok(repo, &["config", "merge.dossier.driver", &driver]);
    write(repo, "dossier.ron", base);
    git_ok(repo, &["add", "."]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    dir
}

fn git_missing() -> bool {
    let missing = Command::new("git").arg("--version").output().is_err();
    if missing {
        println!("git is not installed: skipping the git merge check");
    }
    missing
}

#[test]
fn git_merges_two_branches_editing_the_file_through_the_driver() {
    if git_missing() {
        return;
    }
    let dir = repo_with_driver(&set(&[("A", "base"), ("B", "base")]));
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "ben"]);
    commit_file(repo, &set(&[("A", "ben"), ("B", "base"), ("C", "ben")]), "ben edits A, adds C");
    git_ok(repo, &["checkout", "-q", "main"]);
    commit_file(repo, &set(&[("A", "base"), ("B", "ana"), ("D", "ana")]), "ana edits B, adds D");
    // Both added a claim at the end of the list: a text merge would conflict.
    let output = git(repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let merged = read(&repo.join("dossier.ron"));
    assert_eq!(merged, set(&[("A", "ben"), ("B", "ana"), ("C", "ben"), ("D", "ana")]));
    let status = git(repo, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "", "merged and committed");
}

#[test]
fn git_reports_a_conflict_and_leaves_a_parsable_flagged_file() {
    if git_missing() {
        return;
    }
    let dir = repo_with_driver(&set(&[("A", "base")]));
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "ben"]);
    commit_file(repo, &set(&[("A", "ben")]), "ben's note");
    git_ok(repo, &["checkout", "-q", "main"]);
    commit_file(repo, &set(&[("A", "ana")]), "ana's note");
    let output = git(repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(!output.status.success(), "git stops on a conflict");
    let merged = read(&repo.join("dossier.ron"));
    assert_eq!(merged.claims[0].note, "ana");
    assert_eq!(merged.claims[0].conflicts[0].theirs, "\"ben\"");
    let text = fs::read_to_string(repo.join("dossier.ron")).unwrap();
    assert!(!text.contains("<<<<<<<"), "no text conflict markers");
}

#[test]
fn a_side_emptied_by_accident_deletes_nothing_and_stops_the_merge() {
    for (emptied, kept) in [("theirs.ron", "ours"), ("ours.ron", "theirs")] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "base.ron", &set(&[("A", "base"), ("B", "base")]));
        write(dir.path(), "ours.ron", &set(&[("A", "ours"), ("B", "base")]));
        write(dir.path(), "theirs.ron", &set(&[("A", "theirs"), ("B", "base")]));
        fs::write(dir.path().join(emptied), "\n").unwrap();
        let output = merge(dir.path(), "base.ron", "ours.ron", "theirs.ron");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "git is told to stop: {stderr}");
        assert!(stderr.contains(emptied) && stderr.contains("emptied"), "{stderr}");
        assert_eq!(read(&dir.path().join("ours.ron")), set(&[("A", kept), ("B", "base")]), "{emptied} emptied");
    }
}
