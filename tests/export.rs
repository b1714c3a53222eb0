//! Golden files for every export format, made from the sample corpus and
//! a fixed set of annotations. `UPDATE_GOLDEN=1 cargo test --test export`
//! rewrites them after a deliberate change; read the diff before committing.

use dossier::annotations::export::ExportFormat;
use dossier::annotations::{Annotations, ArticleNote};
use dossier::corpus::Article;
use std::path::PathBuf;

#[path = "support/cli.rs"]
mod cli_support;
#[path = "support/export_sample.rs"]
mod export_sample;

use export_sample::*;

fn exported(format: ExportFormat) -> String {
    let articles = sample();
    export_sample(format, &articles, &annotations(&articles)).0
}

fn golden(format: ExportFormat) -> String {
    let text = exported(format);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(format.default_file_name());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(text, expected, "{} differs from its golden file", format.name());
    text
}

#[test]
fn json_holds_everything() {
    let json: serde_json::Value = serde_json::from_str(&golden(ExportFormat::Json)).expect("valid JSON");
    assert_eq!(json["claims"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["links"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["articles"][0]["date"], "2023-05-04");
    assert_eq!(json["articles"][0]["date_provenance"], "analyst");
}

#[test]
fn jsonl_is_one_typed_record_per_line() {
    let text = golden(ExportFormat::Jsonl);
    let types: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["type"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(types, ["article_note", "claim", "claim", "claim", "link", "link"]);
}

#[test]
fn csv_has_a_row_per_claim_along_the_timeline() {
    let text = golden(ExportFormat::Csv);
    assert!(text.starts_with('\u{feff}'), "a BOM, so spreadsheets read UTF-8");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), 3);
    // Dated claims first (the about date, else the article's), undated last.
    assert_eq!(&rows[0][0], "01JTROOPS0000000000000000A");
    assert_eq!(&rows[0][8], "troops; numbers");
    assert!(rows[0][9].contains("*about 3,000* | check"), "notes kept verbatim");
    assert_eq!(&rows[2][0], "01JVOTE00000000000000000AA");
    assert!(rows[2][4].contains("für fremde Armeen"));
}

#[test]
fn the_markdown_report_groups_by_tag_with_quotes() {
    let text = golden(ExportFormat::Md);
    let troops = text.find("## troops").expect("a troops section");
    let numbers = text.find("## numbers").expect("a numbers section");
    let untagged = text.find("## Untagged").expect("untagged claims last");
    assert!(numbers < troops && troops < untagged);
    assert!(text.contains("> The coalition has 2,500 troops in Valdoria"));
    assert!(text.contains("\\*about 3,000\\* \\| check"), "markup in notes is escaped");
    assert!(text.contains("## Links"));
}

#[test]
fn w3c_annotations_use_quote_and_character_positions() {
    let json: serde_json::Value = serde_json::from_str(&golden(ExportFormat::W3c)).expect("valid JSON");
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 5);
    let articles = sample();
    // The German claim sits after umlauts: character offsets are smaller than byte offsets.
    let german = items.iter().find(|i| i["id"] == "urn:dossier:claim:01JTROOPS0000000000000000B").expect("claim");
    let text = &articles.iter().find(|a| a.id.as_str() == GERMAN).unwrap().text;
    let start = german["target"]["selector"][1]["start"].as_u64().unwrap() as usize;
    let exact = german["target"]["selector"][0]["exact"].as_str().unwrap();
    let by_chars: String = text.chars().skip(start).take(exact.chars().count()).collect();
    assert_eq!(by_chars, exact);
    assert!(text.find(exact).unwrap() > start, "byte offset differs from char offset");
    assert!(items.iter().any(|i| i["motivation"] == "linking"));
}

#[test]
fn claimreview_covers_reviewed_claims_only() {
    let json: serde_json::Value = serde_json::from_str(&golden(ExportFormat::Claimreview)).expect("valid JSON");
    let reviews = json.as_array().expect("an array");
    assert_eq!(reviews.len(), 2, "the unverified claim is left out");
    assert_eq!(reviews[0]["@type"], "ClaimReview");
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "disputed");
    assert_eq!(reviews[0]["itemReviewed"]["author"]["name"], "officials in Kessaran");
    assert!(
        reviews[0]["itemReviewed"]["appearance"]["headline"].as_str().unwrap().starts_with("Valdoria and coalition")
    );
}

#[test]
fn the_timeline_sheet_has_timelinejs_columns_and_dated_rows() {
    let text = golden(ExportFormat::Timeline);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().take(3).collect::<Vec<_>>(), ["Year", "Month", "Day"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    // Articles with a date (English, German, the corrected one) and the dated claims.
    assert!(rows.iter().any(|r| &r[0] == "2023" && &r[1] == "05" && &r[2] == "04"), "the analyst's date");
    let years: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let mut sorted = years.clone();
    sorted.sort();
    assert_eq!(years, sorted, "in date order");
}

#[test]
fn the_command_line_writes_a_format_to_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = sample();
    let notes = dir.path().join("notes.ron");
    std::fs::write(&notes, dossier::annotations::file::render(&annotations(&articles))).expect("write annotations");
    let out = dir.path().join("claims.csv");
    let status = cli_support::command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["export", "sample-corpus", "--format", "csv", "-o"])
        .arg(&out)
        .arg("--annotations")
        .arg(&notes)
        .status()
        .expect("run dossier export");
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&out).expect("written"), exported(ExportFormat::Csv));
}

#[test]
fn an_annotation_file_that_does_not_parse_is_an_error_with_its_position() {
    let broken = [
        ("(\n  version: 1,\n  claims: [oops],\n)\n", "notes.ron:3:"),
        // Two notes on one article, the same as `check` and the reader refuse.
        (
            "(\n  version: 1,\n  articles: [\n    (article: \"a\", read: true),\n    (article: \"a\"),\n  ],\n)\n",
            "a second note on article \"a\"",
        ),
        ("(\n  version: 1,\n  timeline: [],\n)\n", "notes.ron:3:3: unknown field `timeline`"),
    ];
    for (text, expected) in broken {
        let dir = tempfile::tempdir().expect("temp dir");
        let notes = dir.path().join("notes.ron");
        std::fs::write(&notes, text).expect("write");
        let output = cli_support::command()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["export", "sample-corpus", "--format", "json", "--annotations"])
            .arg(&notes)
            .output()
            .expect("run dossier export");
        assert!(!output.status.success(), "{text}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(expected), "{message}");
        assert!(output.stdout.is_empty(), "nothing exported");
    }
}

/// The sample's annotations with formulas, markup and a hostile url where
/// an outside corpus or a shared annotation file could put them.
fn hostile_cells() -> (Vec<Article>, Annotations) {
    let mut articles = sample();
    let mut notes = annotations(&articles);
    let english = articles.iter_mut().find(|a| a.id.as_str() == ENGLISH).expect("English article");
    english.meta_mut().url = Some("javascript:alert(1)".into());
    // The article the analyst dated, so that it has a timeline row.
    let corrected = articles.iter_mut().find(|a| a.id.as_str() == UNDATED).expect("corrected article");
    corrected.meta_mut().url = Some("https://example.org/talks?a=1&b=2".into());
    notes.articles[0].title = Some("=HYPERLINK(\"http://evil.example\",\"open\")".into());
    let troops = &mut notes.claims[0];
    troops.tags = vec!["+cmd|' /C calc'!A0".into()];
    troops.speaker = Some("@SUM(1+1)*cmd|' /C calc'!A0".into());
    troops.anchor.quote = "-2+3 troops <script>alert(1)</script> & more".into();
    troops.note = "\t=1+1".into();
    notes.claims[1].verdict = "=1+1".into();
    (articles, notes)
}

fn rows(format: ExportFormat, articles: &[Article], notes: &Annotations) -> Vec<csv::StringRecord> {
    let text = export_sample(format, articles, notes).0;
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.expect("a CSV row")).collect()
}

/// What a spreadsheet takes for the start of a formula (OWASP's list).
fn starts_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn spreadsheet_cells_never_start_a_formula() {
    let (articles, notes) = hostile_cells();
    for format in [ExportFormat::Csv, ExportFormat::Timeline] {
        let rows = rows(format, &articles, &notes);
        let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
        let formulas: Vec<&&str> = cells.iter().filter(|c| starts_a_formula(c)).collect();
        assert!(formulas.is_empty(), "{}: cells start a formula: {formulas:?}", format.name());
    }
    let claims = rows(ExportFormat::Csv, &articles, &notes);
    let troops = claims.iter().find(|r| &r[0] == "01JTROOPS0000000000000000A").expect("the troops claim");
    assert_eq!(&troops[4], "'-2+3 troops <script>alert(1)</script> & more", "a quote shows as written, prefixed");
    assert_eq!(&troops[5], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(&troops[8], "'+cmd|' /C calc'!A0");
    assert_eq!(&troops[9], "'\t=1+1");
    let corrected = claims.iter().find(|r| &r[1] == UNDATED);
    assert!(corrected.is_none_or(|r| r[2].starts_with("'=HYPERLINK")), "{corrected:?}");
    let soldaten = claims.iter().find(|r| &r[0] == "01JTROOPS0000000000000000B").expect("the German claim");
    assert_eq!(&soldaten[6], "'=1+1");
    assert!(soldaten[10].parse::<usize>().is_ok(), "offsets stay numbers: {}", &soldaten[10]);
    assert_eq!(&troops[12], "quote not found", "the rewritten quote is an orphan");
}

#[test]
fn the_timeline_escapes_html_and_keeps_only_web_media() {
    let (articles, notes) = hostile_cells();
    let rows = rows(ExportFormat::Timeline, &articles, &notes);
    let (headline, text, media) = (9, 10, 11);
    for row in &rows {
        assert!(!row[headline].contains('<') && !row[text].contains('<'), "markup reaches TimelineJS: {row:?}");
    }
    let hyperlink = rows.iter().find(|r| r[headline].contains("HYPERLINK")).expect("the corrected article");
    assert_eq!(&hyperlink[headline], "'=HYPERLINK(&quot;http://evil.example&quot;,&quot;open&quot;)");
    let claim = rows.iter().find(|r| r[text].contains("troops &lt;script&gt;")).expect("the troops claim");
    assert!(claim[text].contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), "{claim:?}");
    let medias: Vec<&str> = rows.iter().map(|r| &r[media]).filter(|m| !m.is_empty()).collect();
    assert_eq!(medias, ["https://example.org/talks?a=1&b=2"], "only the http(s) url is media");
}

#[test]
fn an_article_that_takes_its_twins_date_exports_it_as_corpus_and_follows_corrections() {
    let articles = sample();
    let twin = "analysis/first-round.md";
    let mut notes = annotations(&articles);
    let mut follows = ArticleNote::new(GERMAN);
    follows.date_from = Some(twin.into());
    notes.articles.push(follows);
    let article = |notes: &Annotations| {
        let json: serde_json::Value =
            serde_json::from_str(&export_sample(ExportFormat::Json, &articles, notes).0).expect("valid JSON");
        let found = json["articles"].as_array().and_then(|a| a.iter().find(|a| a["id"] == GERMAN).cloned());
        found.expect("the article is exported")
    };
    let exported = article(&notes);
    assert_eq!((exported["date"].as_str(), exported["date_provenance"].as_str()), (Some("2024-02-12"), Some("corpus")));
    // The twin corrected: the follower takes the correction.
    let mut corrected = ArticleNote::new(twin);
    corrected.date = Some("2024-02-09".into());
    notes.articles.push(corrected);
    assert_eq!(article(&notes)["date"].as_str(), Some("2024-02-09"));
}

/// Issue 14, item 5: an export re-anchors first. The English article gained
/// a paragraph after its claim was tagged, and the parliament article lost
/// its claim's sentence: CSV, JSON and W3C give the moved position, and the
/// lost claim is listed apart as an orphan.
#[test]
fn exports_reanchor_first_and_list_orphans_apart() {
    let original = sample();
    let notes = annotations(&original);
    let mut edited = original.clone();
    let inserted = "Ein Absatz über Ämter. ";
    let english = edited.iter_mut().find(|a| a.id.as_str() == ENGLISH).expect("English");
    english.text = format!("{inserted}{}", english.text).into();
    let parliament = edited.iter_mut().find(|a| a.id.as_str() == PARLIAMENT).expect("parliament");
    parliament.text = parliament.text.replace("Valdoria ist kein Schlachtfeld für fremde Armeen", "").into();
    let troops_at = |articles: &[Article]| {
        let text = &articles.iter().find(|a| a.id.as_str() == ENGLISH).unwrap().text;
        text[..text.find("The coalition has 2,500 troops").unwrap()].chars().count()
    };
    let moved_to = troops_at(&edited);
    assert_eq!(moved_to, troops_at(&original) + inserted.chars().count());

    let run = |format| {
        let (text, orphans) = export_sample(format, &edited, &notes);
        assert_eq!(orphans, 1, "{}", format.name());
        text
    };
    let csv_text = run(ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&header[10..], ["start_char", "end_char", "orphan"], "the header says offsets are characters");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let troops = rows.iter().find(|r| &r[0] == "01JTROOPS0000000000000000A").unwrap();
    assert_eq!(troops[10].parse::<usize>().unwrap(), moved_to);
    let last = rows.last().unwrap();
    assert_eq!((&last[0], &last[10], &last[12]), ("01JVOTE00000000000000000AA", "", "quote not found"));

    let json: serde_json::Value = serde_json::from_str(&run(ExportFormat::Json)).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(json["orphans"][0]["id"], "01JVOTE00000000000000000AA");
    assert_eq!(json["orphans"][0]["orphan"], "quote not found");
    let text = &edited.iter().find(|a| a.id.as_str() == ENGLISH).unwrap().text;
    let troops = claims.iter().find(|c| c["id"] == "01JTROOPS0000000000000000A").unwrap();
    let start = troops["start"].as_u64().unwrap() as usize;
    assert!(text[start..].starts_with("The coalition has 2,500 troops"), "JSON bytes re-anchored");

    let w3c: serde_json::Value = serde_json::from_str(&run(ExportFormat::W3c)).unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    assert!(!items.iter().any(|i| i["id"].as_str().is_some_and(|id| id.ends_with("01JVOTE00000000000000000AA"))));
    assert!(run(ExportFormat::Md).contains("## Orphaned claims"));
}
