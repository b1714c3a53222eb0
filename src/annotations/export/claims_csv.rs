//! Claims as CSV, one row per claim, for spreadsheets.

use super::cells::text_cell;
use super::context::ExportContext;
use std::io::{self, Write};

const HEADER: [&str; 12] = [
    "id",
    "article",
    "article_title",
    "article_date",
    "quote",
    "speaker",
    "verdict",
    "about",
    "tags",
    "note",
    "start",
    "end",
];

/// Writes the claims along the timeline. UTF-8 with a byte-order mark:
/// without it Excel reads the file as a legacy code page and mangles
/// umlauts; other tools skip it.
pub fn write_claims(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for claim in cx.claims_by_time() {
        let article = claim.anchor.article.as_str();
        let text = [
            claim.id.as_str(),
            article,
            &cx.title(article),
            &cx.date(article).unwrap_or_default(),
            &claim.anchor.quote,
            claim.speaker.as_deref().unwrap_or(""),
            &claim.verdict,
            claim.about.as_deref().unwrap_or(""),
            &claim.tags.join("; "),
            &claim.note,
        ]
        .map(text_cell);
        let offsets = [claim.anchor.byte_start, claim.anchor.byte_end].map(|offset| offset.to_string());
        writer.write_record(text.iter().chain(&offsets))?;
    }
    writer.flush()
}
