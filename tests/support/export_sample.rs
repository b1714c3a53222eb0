//! The sample corpus and a fixed set of annotations on it, for the export
//! tests: three claims (one reviewed in each language, one untagged and
//! unreviewed), a translation link, a same-claim link, a corrected article.

#![allow(dead_code)] // each test binary uses a different part of the helpers

use dossier::annotations::export::{ExportFormat, ExportSource, export};
use dossier::annotations::{
    Anchor, Annotations, ArticleNote, Claim, Endpoint, FieldConflict, Link, LinkOrigin, RecordId,
};
use dossier::config::Settings;
use dossier::corpus::{Article, Corpus};
use std::path::{Path, PathBuf};

pub const ENGLISH: &str = "wire/012_7f3a9c1e.txt";
pub const GERMAN: &str = "wire/031_b2e4d6f8.txt";
pub const PARLIAMENT: &str = "wire/136_7c1a9f54.txt";
pub const UNDATED: &str = "wire/088_3b6f1c40.txt";

pub fn sample() -> Vec<Article> {
    Corpus::load(&sample_root()).expect("sample corpus").articles
}

pub fn claim(articles: &[Article], id: &str, article: &str, quote: &str) -> Claim {
    let text = &articles.iter().find(|a| a.id.as_str() == article).expect("article").text;
    let start = text.find(quote).expect("quote in the article");
    Claim {
        id: RecordId(id.to_string()),
        anchor: Anchor::new(article, text, start..start + quote.len()),
        tags: vec![],
        speaker: None,
        summary: None,
        verdict: "unverified".to_string(),
        about: None,
        note: String::new(),
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    }
}

/// Three claims (one reviewed in each language, one untagged and
/// unreviewed), a translation link, a same-claim link and a corrected article.
pub fn annotations(articles: &[Article]) -> Annotations {
    let mut troops =
        claim(articles, "01JTROOPS0000000000000000A", ENGLISH, "The coalition has 2,500 troops in Valdoria");
    troops.tags = vec!["troops".into(), "numbers".into()];
    troops.speaker = Some("officials in Kessaran".into());
    troops.verdict = "disputed".into();
    troops.about = Some("2024-01".into());
    troops.note = "Another outlet says *about 3,000* | check".into();
    troops.created = Some("2026-11-30T09:12:00Z".into());
    troops.modified = Some("2026-12-01T16:40:05Z".into());
    troops.creator = Some("Ana Ruiz".into());
    let mut soldaten = claim(
        articles,
        "01JTROOPS0000000000000000B",
        GERMAN,
        "Die Koalition hat nach Angaben von Regierungsvertretern in Kessaran 2.500 Soldaten in Valdoria",
    );
    soldaten.tags = vec!["troops".into()];
    soldaten.speaker = Some("Regierungsvertreter in Kessaran".into());
    soldaten.verdict = "supported".into();
    let mut parliament =
        claim(articles, "01JVOTE00000000000000000AA", PARLIAMENT, "Valdoria ist kein Schlachtfeld für fremde Armeen");
    parliament.speaker = Some("Halim Serov".into());
    parliament.conflicts = vec![FieldConflict { field: "verdict".into(), theirs: "\"false\"".into() }];
    let link = |id: &str, from: Endpoint, to: Endpoint, kind: &str| Link {
        id: RecordId(id.into()),
        from,
        to,
        kind: kind.into(),
        note: String::new(),
        origin: LinkOrigin::Manual,
        created: Some("2026-12-02T08:00:00Z".into()),
        modified: Some("2026-12-02T08:00:00Z".into()),
        creator: Some("Jonas Weiß".into()),
        conflicts: vec![],
    };
    let mut note = ArticleNote::new(UNDATED);
    note.date = Some("2023-05-04".into());
    note.title = Some("Militia threatens convoys on the northern highway".into());
    note.tags = vec!["security".into()];
    note.read = true;
    Annotations {
        articles: vec![note],
        claims: vec![troops, soldaten, parliament],
        links: vec![
            link(
                "01JLINK00000000000000000AA",
                Endpoint::Article(GERMAN.into()),
                Endpoint::Article(ENGLISH.into()),
                "translation-of",
            ),
            link(
                "01JLINK00000000000000000AB",
                Endpoint::Claim(RecordId("01JTROOPS0000000000000000B".into())),
                Endpoint::Claim(RecordId("01JTROOPS0000000000000000A".into())),
                "same-claim",
            ),
        ],
        ..Annotations::default()
    }
}

/// The sample corpus folder.
pub fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// `notes` on `articles` of the folder `root`, exported in `format` with
/// `settings`: the text and how many claims are orphans.
pub fn export_with(
    format: ExportFormat,
    root: &Path,
    articles: &[Article],
    notes: &Annotations,
    settings: &Settings,
) -> (String, usize) {
    let source = ExportSource { root, name: "sample-corpus", articles, settings };
    let mut out = Vec::new();
    let orphans = export(format, source, notes, &mut out).expect("export");
    (String::from_utf8(out).expect("UTF-8 output"), orphans)
}

/// `notes` on the sample corpus exported in `format` with default settings.
pub fn export_sample(format: ExportFormat, articles: &[Article], notes: &Annotations) -> (String, usize) {
    export_with(format, &sample_root(), articles, notes, &Settings::default())
}
