//! ClaimReview export against Google's fact-check structured data
//! guidelines ("Fact check (ClaimReview) structured data", section
//! "Structured data type definitions") and schema.org's ClaimReview:
//!
//! - ClaimReview: required `claimReviewed`, `reviewRating`, `url`;
//!   recommended `author`, `datePublished`, `itemReviewed`.
//! - Claim (`itemReviewed`): recommended `appearance`, `author`,
//!   `datePublished` (when the claim was made).
//! - Rating (`reviewRating`): required `alternateName`; recommended
//!   `bestRating`, `ratingValue`, `worstRating`.
//! - Organization or Person (`author`): required `name`.

use dossier::annotations::export::ExportFormat;
use dossier::config::Settings;
use serde_json::Value;

#[path = "support/cli.rs"]
mod cli_support;
#[path = "support/export_sample.rs"]
mod export_sample;

use export_sample::*;

/// Settings of a team that publishes its fact checks.
fn published() -> Settings {
    let mut settings = Settings::default();
    settings.claim_review.publisher = Some("Faktencheck Nord".into());
    settings.claim_review.review_url = Some("https://factcheck.example.org/claims/".into());
    settings
}

fn reviews(
    settings: &Settings,
    edit: impl FnOnce(&mut Vec<dossier::corpus::Article>, &mut dossier::annotations::Annotations),
) -> Vec<Value> {
    let mut articles = sample();
    let mut notes = annotations(&articles);
    edit(&mut articles, &mut notes);
    let (text, _) = export_with(ExportFormat::Claimreview, &sample_root(), &articles, &notes, settings);
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    json.as_array().expect("an array").clone()
}

fn by_id<'a>(reviews: &'a [Value], id: &str) -> &'a Value {
    reviews.iter().find(|r| r["identifier"] == id).unwrap_or_else(|| panic!("no review of {id}"))
}

#[test]
fn every_review_has_the_required_and_recommended_properties() {
    let reviews = reviews(&published(), |_, notes| {
        notes.claims[1].summary = Some("2.500 Soldaten in Valdoria".into());
        notes.claims[1].created = Some("2026-12-03T10:00:00Z".into());
    });
    assert_eq!(reviews.len(), 2, "the unverified claim is left out");
    for review in &reviews {
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["@type"], "ClaimReview");
        // Required.
        for key in ["claimReviewed", "reviewRating", "url"] {
            assert!(review[key].is_string() || review[key].is_object(), "{key} missing: {review}");
        }
        assert!(review["url"].as_str().unwrap().starts_with("https://factcheck.example.org/claims/01J"));
        assert!(review["reviewRating"]["alternateName"].is_string(), "Rating: alternateName is required");
        // Recommended.
        assert_eq!(review["author"]["@type"], "Organization");
        assert_eq!(review["author"]["name"], "Faktencheck Nord");
        assert!(review["datePublished"].is_string(), "datePublished: {review}");
        let rating = &review["reviewRating"];
        assert_eq!((rating["bestRating"].as_u64(), rating["worstRating"].as_u64()), (Some(5), Some(1)));
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert!(review["itemReviewed"]["author"]["name"].is_string());
        assert!(review["itemReviewed"]["appearance"]["headline"].is_string());
    }
    let troops = by_id(&reviews, "01JTROOPS0000000000000000A");
    assert_eq!(troops["url"], "https://factcheck.example.org/claims/01JTROOPS0000000000000000A");
    assert_eq!(troops["reviewRating"]["alternateName"], "disputed");
    assert_eq!(troops["reviewRating"]["ratingValue"], 3, "the default scale puts disputed in the middle");
    assert_eq!(troops["datePublished"], "2026-12-01T16:40:05Z", "the claim's last change");
    assert_eq!(troops["claimReviewed"], "The coalition has 2,500 troops in Valdoria");
    let soldaten = by_id(&reviews, "01JTROOPS0000000000000000B");
    assert_eq!(soldaten["claimReviewed"], "2.500 Soldaten in Valdoria", "the analyst's summary");
    assert_eq!(soldaten["reviewRating"]["ratingValue"], 5);
    assert_eq!(soldaten["datePublished"], "2026-12-03T10:00:00Z", "created, when never modified");
}

#[test]
fn the_claim_is_dated_by_its_article_and_said_by_a_person_or_a_body() {
    let reviews = reviews(&published(), |_, notes| {
        notes.claims[1].speaker = Some("the Pentagon".into());
        let mut dated = dossier::annotations::ArticleNote::new(ENGLISH);
        dated.date = Some("2024-02-08".into());
        notes.articles.push(dated);
    });
    let troops = by_id(&reviews, "01JTROOPS0000000000000000A");
    // When the article says it was said, not the "about" date (2024-01).
    assert_eq!(troops["itemReviewed"]["datePublished"], "2024-02-08");
    assert_eq!(troops["itemReviewed"]["appearance"]["datePublished"], "2024-02-08");
    assert_eq!(troops["itemReviewed"]["author"]["@type"], "Person", "officials in Kessaran are people");
    let pentagon = by_id(&reviews, "01JTROOPS0000000000000000B");
    assert_eq!(pentagon["itemReviewed"]["author"]["@type"], "Organization");
    assert_eq!(pentagon["itemReviewed"]["author"]["name"], "the Pentagon");
}

#[test]
fn an_article_without_a_web_address_has_no_appearance_url() {
    let without = reviews(&published(), |_, _| {});
    let appearance = &by_id(&without, "01JTROOPS0000000000000000A")["itemReviewed"]["appearance"];
    assert!(appearance.get("url").is_none(), "no urn:dossier: url: {appearance}");
    let with = reviews(&published(), |articles, _| {
        let english = articles.iter_mut().find(|a| a.id.as_str() == ENGLISH).expect("English");
        english.meta_mut().url = Some("https://news.example.com/valdoria-talks".into());
    });
    let appearance = &by_id(&with, "01JTROOPS0000000000000000A")["itemReviewed"]["appearance"];
    assert_eq!(appearance["url"], "https://news.example.com/valdoria-talks");
}

#[test]
fn verdicts_take_the_configured_scale_and_an_unscaled_verdict_only_its_name() {
    let mut settings = published();
    settings.claim_review.worst_rating = 0;
    settings.claim_review.best_rating = 10;
    settings.claim_review.ratings = [("disputed".to_string(), 4)].into_iter().collect();
    let reviews = reviews(&settings, |_, _| {});
    let troops = &by_id(&reviews, "01JTROOPS0000000000000000A")["reviewRating"];
    assert_eq!((troops["ratingValue"].as_u64(), troops["bestRating"].as_u64()), (Some(4), Some(10)));
    assert_eq!(troops["worstRating"], 0);
    let unscaled = &by_id(&reviews, "01JTROOPS0000000000000000B")["reviewRating"];
    assert_eq!(unscaled["alternateName"], "supported");
    assert!(unscaled.get("ratingValue").is_none(), "{unscaled}");
}

#[test]
fn without_a_publisher_the_command_line_says_what_is_missing() {
    let articles = sample();
    let (text, _) = export_sample(ExportFormat::Claimreview, &articles, &annotations(&articles));
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    let first = &json[0];
    assert!(first.get("author").is_none());
    assert!(first["url"].as_str().unwrap().starts_with("urn:dossier:claim:"), "a placeholder, still a url");

    let dir = tempfile::tempdir().expect("temp dir");
    let notes = dir.path().join("notes.ron");
    std::fs::write(&notes, dossier::annotations::file::render(&annotations(&articles))).expect("write");
    let output = cli_support::command()
        .args(["export", "--format", "claimreview", "--annotations"])
        .arg(&notes)
        .arg(sample_root())
        .output()
        .expect("run dossier export");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("claim_review.publisher") && stderr.contains("claim_review.review_url"), "{stderr}");
}
