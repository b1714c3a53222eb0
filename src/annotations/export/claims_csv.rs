//! Claims as CSV, one row per claim, for spreadsheets.

use super::cells::text_cell;
use super::context::ExportContext;
use std::io::{self, Write};

/// `start_char`/`end_char` count characters (Unicode code points) of the
/// article's text, as W3C selectors do; `orphan` says why a claim could
/// not be placed (its row then has no offsets).
const HEADER: [&str; 13] = [
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
    "start_char",
    "end_char",
    "orphan",
];

/// Writes the claims along the timeline, placed ones first, then the
/// orphans. UTF-8 with a byte-order mark:
/// without it Excel reads the file as a legacy code page and mangles
/// umlauts; other tools skip it.
pub fn write_claims(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for claim in cx.placed_by_time().into_iter().chain(cx.orphans_by_time()) {
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
        let place = match cx.orphan_reason(claim) {
            Some(reason) => [String::new(), String::new(), text_cell(&reason.to_string())],
            None => {
                let (start, end) = cx.char_offsets(claim);
                [start.to_string(), end.to_string(), String::new()]
            }
        };
        writer.write_record(text.iter().chain(&place))?;
    }
    writer.flush()
}
