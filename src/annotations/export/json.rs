//! JSON (one document) and JSON Lines (one record per line, with `type`)
//! of everything.

use super::context::ExportContext;
use super::records;
use crate::display::terminal_safe_json;
use serde_json::{Value, json};
use std::io::{self, Write};

/// One JSON document: the corpus name, then articles, claims placed in
/// their article's current text, orphaned claims and links.
pub fn write_json(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let notes = cx.annotations;
    let document = json!({
        "corpus": cx.corpus_name,
        "version": notes.version,
        "articles": notes.articles.iter().map(|n| records::article(cx, n)).collect::<Vec<_>>(),
        "claims": cx.placed_by_time().into_iter().map(|c| records::claim(cx, c)).collect::<Vec<_>>(),
        "orphans": cx.orphans_by_time().into_iter().map(|c| records::claim(cx, c)).collect::<Vec<_>>(),
        "links": notes.links.iter().map(|l| records::link(cx, l)).collect::<Vec<_>>(),
    });
    writeln!(out, "{}", terminal_safe_json(&document, true)?)
}

/// JSON Lines: one object per record, `type` first says which
/// (`orphan_claim` for a claim that could not be placed).
pub fn write_jsonl(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let notes = cx.annotations;
    let articles = notes.articles.iter().map(|n| ("article_note", records::article(cx, n)));
    let claims = cx.placed_by_time().into_iter().map(|c| ("claim", records::claim(cx, c)));
    let orphans = cx.orphans_by_time().into_iter().map(|c| ("orphan_claim", records::claim(cx, c)));
    let links = notes.links.iter().map(|l| ("link", records::link(cx, l)));
    for (kind, record) in articles.chain(claims).chain(orphans).chain(links) {
        let mut line = serde_json::Map::new();
        line.insert("type".to_string(), Value::from(kind));
        if let Value::Object(fields) = record {
            line.extend(fields);
        }
        writeln!(out, "{}", terminal_safe_json(&line, false)?)?;
    }
    Ok(())
}
