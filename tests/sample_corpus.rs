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
        let got =
            (article.title().to_string(), article.title.derived, article.lang.lang.to_string(), provenance.clone());
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

/// The sample of each input kind of issue 15: a saved news page, a
/// news-please dump, YAML front matter with lists and a folded title,
/// Hugo's TOML front matter.
const NEW_KINDS: [&str; 4] =
    ["web/camp-tarrow-handover.html", "scraped/news-please.jsonl", "blogs/ossel-notebook.md", "blogs/minenraeumung.md"];

#[test]
fn the_new_input_kinds_load_without_a_problem() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    let problems: Vec<_> =
        corpus.report.problems.iter().filter(|p| NEW_KINDS.iter().any(|file| p.path == Path::new(file))).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let skipped: Vec<_> =
        corpus.report.skipped.iter().filter(|s| NEW_KINDS.iter().any(|file| s.path == Path::new(file))).collect();
    assert!(skipped.is_empty(), "{skipped:#?}");
}

#[test]
fn the_new_input_kinds_state_their_title_and_date_and_say_where_each_came_from() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    // id, title and the element or key it came from, date and its origin.
    let stated = [
        (
            "web/camp-tarrow-handover.html",
            "Coalition hands Camp Tarrow to Valdorian army as drawdown enters its last year",
            "<meta property=\"og:title\">",
            "2024-11-05",
            "<meta property=\"article:published_time\">",
        ),
        (
            "scraped/news-please.jsonl#L1",
            "Parlament in Kessaran beschließt erste Provinzwahlen seit 2014",
            "title",
            "2023-11-21",
            "date_publish",
        ),
        (
            "scraped/news-please.jsonl#L2",
            "Valdoria's central bank defends the valdor as coalition spending dries up",
            "title",
            "2025-04-08",
            "date_publish",
        ),
        (
            "blogs/ossel-notebook.md",
            "Ossel notebook: the market town that learned to live beside a base",
            "title",
            "2024-08-30",
            "date",
        ),
        (
            "blogs/minenraeumung.md",
            "Minenräumung im Norden: Freiwillige übernehmen, wo die Koalition geht",
            "title",
            "2025-02-03",
            "date",
        ),
    ];
    for (id, title, title_origin, date, date_origin) in stated {
        let article = corpus.article(id).unwrap_or_else(|| panic!("{id} is loaded"));
        assert_eq!((article.title(), article.title.derived), (title, false), "{id}");
        assert_eq!(article.meta().origins.title, Some(title_origin), "{id}");
        let got = article.date.as_ref().map(|d| (d.provenance, d.value.map(|v| v.to_string())));
        assert_eq!(got, Some((Provenance::Stated, Some(date.to_owned()))), "{id}");
        assert_eq!(article.meta().origins.date, Some(date_origin), "{id}");
    }
    // news-please writes a null `date_publish` when the page gave none: the
    // download date beside it is not a publication date.
    let undated = corpus.article("scraped/news-please.jsonl#L3").expect("the record without date_publish");
    assert_eq!(undated.title(), "Rückkehr an den Fluss: Obstbauern im Norden Valdorias wagen sich auf alte Felder");
    assert_eq!(undated.meta().date, None);
    assert_ne!(undated.date.as_ref().map(|d| d.provenance), Some(Provenance::Stated));
}

#[test]
fn lists_in_front_matter_and_in_a_scraper_dump_are_read_as_lists() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    let meta = |id: &str| corpus.article(id).unwrap_or_else(|| panic!("{id} is loaded")).meta().clone();
    let yaml = meta("blogs/ossel-notebook.md");
    assert_eq!(yaml.authors, ["Lena Marsh", "Tomas Reyl"]);
    assert_eq!(yaml.tags, ["valdoria", "ossel", "coalition"]);
    assert_eq!(yaml.source.as_deref(), Some("The Harbour Courier – Field Notes"));
    let toml = meta("blogs/minenraeumung.md");
    assert_eq!(toml.authors, ["Jana Vogt"]);
    assert_eq!(toml.tags, ["valdoria", "minenräumung", "hollin"]);
    let record = meta("scraped/news-please.jsonl#L2");
    assert_eq!(record.authors, ["Ilya Brandt", "Sofia Kern"]);
    assert_eq!(
        (record.source.as_deref(), record.origins.source),
        (Some("meridian.example.org"), Some("source_domain"))
    );
    assert_eq!((record.lang.as_deref(), record.origins.lang), (Some("en"), Some("language")));
    let page = meta("web/camp-tarrow-handover.html");
    assert_eq!((page.lang.as_deref(), page.origins.lang), (Some("en-GB"), Some("<html lang>")));
    assert_eq!(page.url.as_deref(), Some("https://example.org/harbour-courier/valdoria/camp-tarrow-handover"));
    assert_eq!(page.origins.url, Some("<meta property=\"og:url\">"));
}

#[test]
fn the_saved_page_is_read_without_its_navigation_scripts_and_furniture() {
    let corpus = Corpus::load(&root()).expect("load sample-corpus");
    let page = corpus.article("web/camp-tarrow-handover.html").expect("the saved page");
    let debris = [
        "cookies",
        "Accept all",
        "Subscribe",
        "Search the Courier",
        "Home",
        "Sport",
        "dataLayer",
        "@context",
        "enable JavaScript",
        "Facebook",
        "Valdoria Briefing",
        "Sign up",
        "Related",
        "Ossel airfield to stay open",
        "Comments (14)",
        "All rights reserved",
        "Privacy",
        "comments.js",
        "color:",
        "Topics:",
    ];
    let left: Vec<_> = debris.iter().filter(|d| page.text.contains(*d)).collect();
    assert!(left.is_empty(), "page debris in the text: {left:?}\n{}", page.text);
    // The story itself is all there, a paragraph a line.
    for paragraph in [
        "The Halvenian-led coalition handed Camp Tarrow, its largest base outside the capital, to the Valdorian army on Monday,",
        "Two smaller camps near Hollin and the air wing at Ossel are due to follow before the spring.",
        "\"Tarrow was built for a war we no longer fight,\" Brigadier Anneli Vost,",
        "A coalition spokesman said about 2,000 troops remained in Valdoria,",
        "\"Nobody has told us who pays us next month.\"",
    ] {
        assert!(page.text.contains(paragraph), "“{paragraph}” in\n{}", page.text);
    }
    assert_eq!(page.lang.lang.to_string(), "en");
}
