//! The bundled sample corpus, read as a careful reader would: every
//! article's title, language and date provenance as written down in
//! tests/fixtures/sample-corpus-expectations.ron.

use dossier::corpus::{Corpus, Provenance, SkipReason};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Expectation {
    id: String,
    title: String,
    title_derived: bool,
    lang: String,
    /// The estimate a careful reader gives; `None`: bounds at most.
    date: Option<String>,
    date_provenance: Option<String>,
    /// The lower bound expected, where the text gives one.
    #[serde(default)]
    not_before: Option<String>,
    note: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

fn expectations() -> Vec<Expectation> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-corpus-expectations.ron");
    let text = std::fs::read_to_string(&path).expect("read the expectations");
    ron::from_str(&text).expect("parse the expectations")
}

#[test]
fn every_article_has_the_expected_title_language_and_date_provenance() {
    let mut corpus = Corpus::load(&root()).expect("load sample-corpus");
    // As `inspect` and the reader do: the corpus is evidence too.
    dossier::suggest::date_by_kin(&mut corpus.articles);
    let expected = expectations();
    let mut ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
    let mut expected_ids: Vec<&str> = expected.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    expected_ids.sort();
    assert_eq!(ids, expected_ids, "the corpus holds exactly the expected articles");

    let mut failures = Vec::new();
    for e in &expected {
        let article = corpus.article(&e.id).expect("article is loaded");
        let provenance = article.date.as_ref().map(|d| d.provenance.to_string());
        let got = (
            article.title().to_string(),
            article.structure.title.derived,
            article.lang.lang.to_string(),
            provenance.clone(),
        );
        let want = (e.title.clone(), e.title_derived, e.lang.clone(), e.date_provenance.clone());
        if got != want {
            failures.push(format!("{}:\n   got  {got:?}\n   want {want:?}\n   ({})", e.id, e.note));
        }
        // Stated dates are exact; an estimate must at least get the year a
        // careful reader gives (the precision is a judgement call), and
        // none is given where a careful reader gives none.
        let value = article.date.as_ref().and_then(|d| d.value).map(|v| v.to_string());
        match (&article.date, &value, &e.date) {
            (Some(date), Some(value), Some(want)) if date.provenance == Provenance::Stated && value != want => {
                failures.push(format!("{}: stated date {value} != {want}", e.id));
            }
            (_, Some(value), Some(want)) if value[..4] != want[..4] => {
                failures.push(format!("{}: estimate {value} is not in {}", e.id, &want[..4]));
            }
            (_, None, Some(want)) => failures.push(format!("{}: no estimate, {want} expected", e.id)),
            (_, Some(value), None) => failures.push(format!("{}: estimate {value}, none expected", e.id)),
            _ => {}
        }
        let not_before = article.date.as_ref().and_then(|d| d.not_before.as_ref()).map(|b| b.date.to_string());
        if e.not_before.is_some() && not_before != e.not_before {
            failures.push(format!("{}: not_before {not_before:?}, {:?} expected", e.id, e.not_before));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn non_articles_are_skipped_with_a_reason_and_hidden_files_ignored() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    let skipped: Vec<(String, &SkipReason)> =
        corpus.report.skipped.iter().map(|s| (s.path.display().to_string(), &s.reason)).collect();
    let reason = |name: &str| skipped.iter().find(|(p, _)| p == name).map(|(_, r)| (*r).clone());
    assert_eq!(reason("empty.txt"), Some(SkipReason::Empty));
    assert_eq!(reason("notes.pdf"), Some(SkipReason::NotAnArticle));
    assert_eq!(reason("photo.png"), Some(SkipReason::NotAnArticle));
    assert_eq!(reason(".DS_Store"), None, "hidden files are ignored, not reported");
}

#[test]
fn the_legacy_and_hostile_files_come_out_clean() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    let legacy = corpus.article("legacy/alt_0193.txt").expect("legacy article");
    assert_eq!(legacy.encoding, "windows-1252");
    assert!(legacy.text.contains('ä') || legacy.text.contains('ü'), "umlauts decoded");
    let hostile = corpus.article("wire/088_3b6f1c40.txt").expect("hostile article");
    assert!(hostile.cleaning.changed_content());
    assert!(!hostile.text.contains('\u{1b}') && !hostile.text.contains('\u{202e}'));
    assert!(!hostile.text.contains("[31m"), "whole escape sequences removed, not just ESC");
}
