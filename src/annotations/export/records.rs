//! The JSON form of each record, shared by the JSON and JSON Lines exports.

use super::context::ExportContext;
use crate::annotations::{ArticleNote, Claim, Endpoint, Link};
use serde_json::{Value, json};

/// An article the analyst touched, with its effective title and date.
pub fn article(cx: &ExportContext, note: &ArticleNote) -> Value {
    let id = note.article.as_str();
    json!({
        "id": id,
        "title": cx.title(id),
        "date": cx.date(id),
        "date_provenance": cx.date_provenance(id),
        "source": cx.source(id),
        "url": cx.url(id),
        "lang": cx.article(id).map(|a| a.lang.lang.to_string()),
        "tags": note.tags,
        "read": note.read,
        "in_corpus": cx.article(id).is_some(),
        "created": note.created,
        "modified": note.modified,
        "creator": note.creator,
    })
}

/// A claim with its quote, its place (UTF-8 byte offsets into the cleaned
/// text, re-anchored; for an orphan the stored ones and `orphan` says why)
/// and its fields.
pub fn claim(cx: &ExportContext, claim: &Claim) -> Value {
    let article = claim.anchor.article.as_str();
    let mut record = json!({
        "id": claim.id,
        "article": article,
        "article_title": cx.title(article),
        "article_date": cx.date(article),
        "quote": claim.anchor.quote,
        "prefix": claim.anchor.prefix,
        "suffix": claim.anchor.suffix,
        "start": claim.anchor.byte_start,
        "end": claim.anchor.byte_end,
        "tags": claim.tags,
        "speaker": claim.speaker,
        "verdict": claim.verdict,
        "about": claim.about,
        "note": claim.note,
        "created": claim.created,
        "modified": claim.modified,
        "creator": claim.creator,
        "conflicts": claim.conflicts.iter().map(|c| json!({ "field": c.field, "theirs": c.theirs })).collect::<Vec<_>>(),
    });
    if let Some(reason) = cx.orphan_reason(claim) {
        record["orphan"] = json!(reason.to_string());
    }
    record
}

/// A link with both ends named.
pub fn link(cx: &ExportContext, link: &Link) -> Value {
    json!({
        "id": link.id,
        "from": end(cx, &link.from),
        "to": end(cx, &link.to),
        "kind": link.kind,
        "note": link.note,
        "origin": link.origin,
        "created": link.created,
        "modified": link.modified,
        "creator": link.creator,
    })
}

fn end(cx: &ExportContext, end: &Endpoint) -> Value {
    match end {
        Endpoint::Article(id) => json!({ "article": id, "title": cx.title(id) }),
        Endpoint::Claim(id) => json!({ "claim": id, "quote": cx.describe(end) }),
    }
}
