//! TimelineJS's spreadsheet format (its Google Sheets template columns)
//! for dated claims and dated articles.

use super::cells::{html_text, text_cell};
use super::context::{ExportContext, date_parts};
use super::timeline_json::claim_headline;
use crate::web_url::web_url;
use std::io::{self, Write};

const HEADER: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// The column of `HEADER` that holds a url.
const MEDIA: usize = 11;

/// One row per dated article (group `articles`) and dated claim (group:
/// its first tag, else `claims`), in date order. TimelineJS renders the
/// cells as HTML: text is written as HTML text, and an article's url is
/// its media only when it is an http(s) URL.
pub fn write_timeline(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<(String, [String; 4])> = Vec::new();
    for id in cx.annotated_articles() {
        if let Some(date) = cx.date(id) {
            let text = cx.source(id).map(|s| format!("{s} · {id}")).unwrap_or_else(|| id.to_string());
            let media = cx.url(id).filter(|url| web_url(url).is_some()).unwrap_or_default();
            rows.push((date, [cx.title(id), text, media, "articles".to_string()]));
        }
    }
    for claim in cx.claims_by_time() {
        let Some(date) = cx.claim_date(claim) else { continue };
        let speaker = claim.speaker.as_deref().map(|s| format!("{s}: ")).unwrap_or_default();
        let text =
            format!("{speaker}“{}” ({}) — {}", claim.anchor.quote, claim.verdict, cx.title(&claim.anchor.article));
        let group = claim.tags.first().cloned().unwrap_or_else(|| "claims".to_string());
        rows.push((date, [claim_headline(claim), text, String::new(), group]));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for (date, [headline, text, media, group]) in rows {
        let (year, month, day) = date_parts(&date);
        let empty = String::new;
        let mut record = [
            year,
            month,
            day,
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            date,
            headline,
            text,
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            group,
            empty(),
        ]
        .map(|cell| text_cell(&html_text(&cell)));
        // A url stays as written: `web_url` let through nothing HTML or a
        // spreadsheet would read in it.
        record[MEDIA] = media;
        writer.write_record(record)?;
    }
    writer.flush()
}
