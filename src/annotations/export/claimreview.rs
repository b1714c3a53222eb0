//! schema.org ClaimReview (JSON-LD) for the claims that carry a verdict,
//! as fact-checkers publish them.

use super::context::ExportContext;
use crate::annotations::Claim;
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

fn review(cx: &ExportContext, claim: &Claim) -> Value {
    let article = claim.anchor.article.as_str();
    let mut appearance = json!({
        "@type": "NewsArticle",
        "headline": cx.title(article),
        "url": cx.article_iri(article),
    });
    if let Some(date) = cx.date(article) {
        appearance["datePublished"] = json!(date);
    }
    if let Some(source) = cx.source(article) {
        appearance["publisher"] = json!({ "@type": "Organization", "name": source });
    }
    let mut item = json!({ "@type": "Claim", "appearance": appearance });
    if let Some(speaker) = &claim.speaker {
        item["author"] = json!({ "@type": "Person", "name": speaker });
    }
    if let Some(about) = &claim.about {
        item["datePublished"] = json!(about);
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.anchor.quote,
        "reviewRating": { "@type": "Rating", "alternateName": claim.verdict },
        "itemReviewed": item,
    });
    if !claim.note.is_empty() {
        review["reviewBody"] = json!(claim.note);
    }
    review
}
