//! `dossier check` on a small corpus written here, with an annotation file
//! made through the library: its exit codes and what it prints.

use dossier::annotations::file::{self, DEFAULT_FILE_NAME};
use dossier::annotations::{Anchor, Annotations, Claim, Endpoint, Link, LinkOrigin, RecordId};
use dossier::corpus::Corpus;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;

const A: &str = "Truppen bleiben vorerst\n\n\
    Die Regierung hat am Montag über den Einsatz beraten.\n\n\
    Der Minister sagte, die Truppen würden bis Ende März abgezogen. Kritiker bezweifeln das.\n\n\
    Die Gespräche sollen nächste Woche weitergehen.\n";
const A_QUOTE: &str = "Der Minister sagte, die Truppen würden bis Ende März abgezogen.";
const B: &str = "Talks resume\n\nOfficials said on Tuesday that talks would resume in March.\n\nNo date was set.\n";
const B_QUOTE: &str = "Officials said on Tuesday that talks would resume in March.";

fn dossier(args: &[&str]) -> Output {
    cli_support::command().args(args).output().expect("run dossier")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn claim(id: &str, anchor: Anchor) -> Claim {
    Claim {
        id: RecordId(id.into()),
        anchor,
        tags: vec![],
        speaker: None,
        summary: None,
        verdict: "unverified".into(),
        about: None,
        note: String::new(),
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    }
}

/// A corpus of two articles and an annotation file with one claim in each
/// (anchored on the texts as dossier cleans them), plus a link between the
/// articles.
fn corpus_with_claims() -> (tempfile::TempDir, Annotations) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), A).expect("write a");
    std::fs::write(dir.path().join("b.txt"), B).expect("write b");
    let corpus = Corpus::load(dir.path()).expect("load");
    let anchor = |article: &str, quote: &str| {
        let text = &corpus.article(article).expect("article").text;
        let start = text.find(quote).expect("quote");
        Anchor::new(article, text, start..start + quote.len())
    };
    let mut annotations = Annotations::default();
    annotations.claims.push(claim("01JAAAAAAAAAAAAAAAAAAAAAAA", anchor("a.txt", A_QUOTE)));
    annotations.claims.push(claim("01JBBBBBBBBBBBBBBBBBBBBBBB", anchor("b.txt", B_QUOTE)));
    annotations.links.push(Link {
        id: RecordId("01JLLLLLLLLLLLLLLLLLLLLLLL".into()),
        from: Endpoint::Article("a.txt".into()),
        to: Endpoint::Article("b.txt".into()),
        kind: "same-event".into(),
        note: String::new(),
        origin: LinkOrigin::Manual,
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    });
    save(dir.path(), &annotations);
    (dir, annotations)
}

fn save(corpus: &Path, annotations: &Annotations) {
    std::fs::write(corpus.join(DEFAULT_FILE_NAME), file::render(annotations)).expect("write annotations");
}

fn check(corpus: &Path, extra: &[&str]) -> Output {
    let corpus = corpus.display().to_string();
    let mut args = vec!["check", corpus.as_str()];
    args.extend_from_slice(extra);
    dossier(&args)
}

#[test]
fn an_unchanged_corpus_checks_clean() {
    let (dir, _) = corpus_with_claims();
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("2 claims, 1 link,"), "{text}");
    assert!(text.contains("Anchors: 2 intact, 0 moved, 0 fuzzy, 0 orphaned"), "{text}");
    assert!(!text.contains("Orphans:"), "{text}");
}

#[test]
fn an_inserted_paragraph_is_reported_as_a_move_and_still_exits_0() {
    let (dir, annotations) = corpus_with_claims();
    let inserted = "Eilmeldung: Das Kabinett tagt erneut.\n\n";
    std::fs::write(dir.path().join("a.txt"), A.replacen("Der Minister", &format!("{inserted}Der Minister"), 1))
        .expect("edit a");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("1 intact, 1 moved, 0 fuzzy, 0 orphaned"), "{text}");
    let old = &annotations.claims[0].anchor;
    let moved = format!(
        "01JAAAAAAAAAAAAAAAAAAAAAAA a.txt {}..{} → {}..{}",
        old.byte_start,
        old.byte_end,
        old.byte_start + inserted.len(),
        old.byte_end + inserted.len()
    );
    assert!(text.contains(&moved), "{moved} missing in {text}");
    assert!(text.contains(&format!("“{A_QUOTE}”")), "{text}");
}

#[test]
fn a_corrected_typo_is_fuzzy_and_a_deleted_article_an_orphan_both_exit_1() {
    let (dir, _) = corpus_with_claims();
    std::fs::write(dir.path().join("a.txt"), A.replace("Minister sagte", "Minister sagt")).expect("edit a");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}{}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("1 intact, 0 moved, 1 fuzzy, 0 orphaned"), "{text}");
    assert!(text.contains("Fuzzy (confirm in the reader):"), "{text}");
    assert!(stderr(&output).contains("0 orphaned, 1 fuzzy"), "{}", stderr(&output));

    std::fs::remove_file(dir.path().join("b.txt")).expect("delete b");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains(&format!("01JBBBBBBBBBBBBBBBBBBBBBBB b.txt “{B_QUOTE}”: article not found")), "{text}");
    assert!(text.contains("link 01JLLLLLLLLLLLLLLLLLLLLLLL: to article b.txt, which is not in the corpus"), "{text}");
}

#[test]
fn broken_references_empty_verdicts_and_duplicate_ids_exit_1() {
    let (dir, mut annotations) = corpus_with_claims();
    annotations.claims[1].verdict = " ".into();
    // A link with a claim's id: two lists, so nothing is lost, but odd.
    let mut duplicate = annotations.links[0].clone();
    duplicate.id = annotations.claims[0].id.clone();
    annotations.links.push(duplicate);
    annotations.links[0].to = Endpoint::Claim(RecordId("01JZZZZZZZZZZZZZZZZZZZZZZZ".into()));
    save(dir.path(), &annotations);
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("Reference problems (3):"), "{text}");
    assert!(text.contains("id 01JAAAAAAAAAAAAAAAAAAAAAAA is used 2 times"), "{text}");
    assert!(text.contains("to claim 01JZZZZZZZZZZZZZZZZZZZZZZZ, which does not exist"), "{text}");
    assert!(text.contains("claim 01JBBBBBBBBBBBBBBBBBBBBBBB: empty verdict"), "{text}");
}

#[test]
fn an_unparsable_file_exits_2_naming_line_and_column() {
    let (dir, _) = corpus_with_claims();
    let path = dir.path().join(DEFAULT_FILE_NAME);
    std::fs::write(&path, "(\n  version: 1,\n  claims: [oops],\n)\n").expect("write");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&format!("{}:3:", path.display())), "{}", stderr(&output));
}

#[test]
fn an_empty_or_blank_file_is_an_empty_set_with_a_warning() {
    for (blank, with_backup) in [("", false), (" \n\t\n", true)] {
        let (dir, annotations) = corpus_with_claims();
        let path = dir.path().join(DEFAULT_FILE_NAME);
        std::fs::write(&path, blank).expect("write");
        let backup = dir.path().join(format!("{DEFAULT_FILE_NAME}.bak"));
        if with_backup {
            std::fs::write(&backup, file::render(&annotations)).expect("write the .bak");
        }
        let output = check(dir.path(), &[]);
        assert_eq!(output.status.code(), Some(0), "{blank:?}: {}", stderr(&output));
        assert!(stdout(&output).contains("0 claims, 0 links, 0 article notes"), "{}", stdout(&output));
        let warning = stderr(&output);
        assert!(
            warning.contains(&format!("{}: warning: no claims, links or article notes", path.display())),
            "{warning}"
        );
        let names_backup = warning.contains(&format!("the previous version is in {}", backup.display()));
        assert_eq!(names_backup, with_backup, "{warning}");
    }
}

#[test]
fn a_file_that_is_not_utf8_exits_2_naming_line_and_column() {
    let (dir, annotations) = corpus_with_claims();
    let path = dir.path().join(DEFAULT_FILE_NAME);
    let mut bytes = file::render(&annotations).into_bytes();
    bytes.splice(4..4, [0xff]);
    std::fs::write(&path, bytes).expect("write");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&format!("{}:2:3: not UTF-8 text", path.display())), "{}", stderr(&output));
}

#[test]
fn an_unknown_field_from_a_newer_dossier_exits_2_naming_it() {
    let (dir, annotations) = corpus_with_claims();
    let path = dir.path().join(DEFAULT_FILE_NAME);
    let text = file::render(&annotations).replacen("      verdict:", "      weight: 0.8,\n      verdict:", 1);
    std::fs::write(&path, &text).expect("write");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(message.contains("unknown field `weight`"), "{message}");
    assert!(message.contains("newer dossier"), "{message}");
}

#[test]
fn one_claim_id_used_twice_exits_2_naming_it() {
    let (dir, mut annotations) = corpus_with_claims();
    let mut twin = annotations.claims[1].clone();
    twin.id = annotations.claims[0].id.clone();
    annotations.claims.push(twin);
    save(dir.path(), &annotations);
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(message.contains("a second claim with id \"01JAAAAAAAAAAAAAAAAAAAAAAA\""), "{message}");
}

#[test]
fn a_missing_file_means_nothing_to_check() {
    let (dir, _) = corpus_with_claims();
    std::fs::remove_file(dir.path().join(DEFAULT_FILE_NAME)).expect("remove");
    let output = check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("no annotation file, nothing to check"), "{}", stdout(&output));
}

#[test]
fn a_missing_corpus_exits_2() {
    let output = dossier(&["check", "/nonexistent/dossier-corpus"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such file or folder"), "{}", stderr(&output));
}

#[test]
fn annotations_flag_chooses_another_file() {
    let (dir, annotations) = corpus_with_claims();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let other = elsewhere.path().join("team.ron");
    let mut one = annotations.clone();
    one.claims.truncate(1);
    std::fs::write(&other, file::render(&one)).expect("write");
    let output = check(dir.path(), &["--annotations", &other.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("1 claim,"), "{}", stdout(&output));
}

#[test]
fn json_prints_one_object_per_claim() {
    let (dir, _) = corpus_with_claims();
    std::fs::remove_file(dir.path().join("b.txt")).expect("delete b");
    let output = check(dir.path(), &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), 2);
    // Versioned in every record, first, for a reader of one line.
    assert!(stdout(&output).lines().all(|l| l.starts_with("{\"version\":1,")), "{}", stdout(&output));
    assert_eq!(lines[0]["id"], "01JAAAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(lines[0]["status"], "intact");
    assert_eq!(lines[0]["quote"], A_QUOTE);
    assert!(lines[0]["start"].as_u64() < lines[0]["end"].as_u64());
    assert!(lines[0]["reason"].is_null());
    assert_eq!(lines[1]["article"], "b.txt");
    assert_eq!(lines[1]["status"], "orphan");
    assert!(lines[1]["start"].is_null());
    assert_eq!(lines[1]["reason"], "article not found");
    assert!(stderr(&output).contains("Anchors: 1 intact"), "summary goes to stderr: {}", stderr(&output));
}
