//! schema.org ClaimReview (JSON-LD) for the claims that carry a verdict,
//! as fact-checkers publish them and Google's fact-check structured data
//! guidelines describe them. The publisher, the review url and the rating
//! scale come from `config.ron` (`claim_review`).

use super::context::ExportContext;
use crate::annotations::Claim;
use crate::annotations::attribution::is_body;
use crate::display::terminal_safe_json;
use serde_json::{Value, json};
use std::io::{self, Write};

/// The verdict that means "not reviewed yet": such claims are left out.
const UNREVIEWED: &str = "unverified";

pub fn write_reviews(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let reviews: Vec<Value> =
        cx.claims_by_time().into_iter().filter(|c| c.verdict != UNREVIEWED).map(|c| review(cx, c)).collect();
    writeln!(out, "{}", terminal_safe_json(&reviews, true)?)
}

/// Who said it: an Organization for a body (the Pentagon, a ministry), a
/// Person otherwise.
fn speaker(name: &str) -> Value {
    let kind = if is_body(name) { "Organization" } else { "Person" };
    json!({ "@type": kind, "name": name })
}

fn review(cx: &ExportContext, claim: &Claim) -> Value {
    let settings = &cx.settings.claim_review;
    let article = claim.anchor.article.as_str();
    let mut appearance = json!({ "@type": "NewsArticle", "headline": cx.title(article) });
    // Only a real address: a `urn:dossier:` name leads nowhere for a reader.
    if let Some(url) = cx.web_url(article) {
        appearance["url"] = json!(url);
    }
    let article_date = cx.date(article);
    if let Some(date) = &article_date {
        appearance["datePublished"] = json!(date);
    }
    if let Some(source) = cx.source(article) {
        appearance["publisher"] = json!({ "@type": "Organization", "name": source });
    }
    let mut item = json!({ "@type": "Claim", "appearance": appearance });
    if let Some(name) = &claim.speaker {
        item["author"] = speaker(name);
    }
    // The claim was made when the article says it was, not when the claim
    // is about.
    if let Some(date) = article_date {
        item["datePublished"] = json!(date);
    }
    let mut rating = json!({ "@type": "Rating", "alternateName": claim.verdict });
    if let Some(value) = settings.ratings.get(&claim.verdict) {
        rating["ratingValue"] = json!(value);
        rating["bestRating"] = json!(settings.best_rating);
        rating["worstRating"] = json!(settings.worst_rating);
    }
    let url = match &settings.review_url {
        Some(base) => format!("{base}{}", claim.id),
        None => format!("urn:dossier:claim:{}", claim.id),
    };
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "identifier": claim.id,
        "claimReviewed": claim.summary_or_quote(),
        "reviewRating": rating,
        "itemReviewed": item,
    });
    if let Some(publisher) = &settings.publisher {
        review["author"] = json!({ "@type": "Organization", "name": publisher });
    }
    if let Some(date) = claim.modified.as_ref().or(claim.created.as_ref()) {
        review["datePublished"] = json!(date);
    }
    if !claim.note.is_empty() {
        review["reviewBody"] = json!(claim.note);
    }
    review
}
