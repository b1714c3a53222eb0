//! TimelineJS3's JSON format (its documentation's "JSON data format"
//! page; read by TimelineJS3's `TimelineConfig`): a title slide and one
//! event per dated claim and dated article, to load without an online
//! spreadsheet.
//!
//! Dates: a claim sits at the date it is about, else its article's date.
//! A date at week, month or year precision gives only the parts it knows
//! (a week spans its seven days). An estimated date (inferred, or taken
//! from a twin) says so in `display_date`. An article with only bounds
//! spans them (`start_date`..`end_date`, "between … and …, estimated");
//! one with a single bound, or none, cannot be placed and is counted on
//! the title slide instead.

use super::cells::html_text;
use super::context::ExportContext;
use crate::annotations::Claim;
use crate::corpus::dates::{DateValue, Precision, parse_stated};
use crate::display::terminal_safe_json;
use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Where an event sits on the timeline.
struct Placement {
    start: Value,
    end: Option<Value>,
    /// What TimelineJS shows instead of its own date format, if anything.
    display: Option<String>,
    /// For the order of events.
    first_day: NaiveDate,
}

/// A TimelineJS date object with the parts a day has.
fn day(date: NaiveDate) -> Value {
    json!({ "year": date.year(), "month": date.month(), "day": date.day() })
}

/// A date at its precision: the parts it knows.
fn at_precision(value: DateValue, estimated: bool) -> Placement {
    let date = value.date;
    let (start, end) = match value.precision {
        Precision::Day => (day(date), None),
        Precision::Week => (day(date), Some(day(date + Days::new(6)))),
        Precision::Month => (json!({ "year": date.year(), "month": date.month() }), None),
        Precision::Year => (json!({ "year": date.year() }), None),
    };
    let display = estimated.then(|| format!("{value}, estimated"));
    Placement { start, end, display, first_day: date }
}

/// An article's place: its date, else the span of its bounds.
fn article_placement(cx: &ExportContext, id: &str) -> Option<Placement> {
    if let Some(value) = cx.date(id).as_deref().and_then(parse_stated) {
        let estimated = matches!(cx.date_provenance(id).as_deref(), Some("inferred" | "corpus"));
        return Some(at_precision(value, estimated));
    }
    let (Some(from), Some(to)) = cx.article(id)?.date.as_ref()?.range() else { return None };
    Some(Placement {
        start: day(from),
        end: Some(day(to)),
        display: Some(format!("between {from} and {to}, estimated")),
        first_day: from,
    })
}

/// A claim's place: the date it is about, else its article's.
fn claim_placement(cx: &ExportContext, claim: &Claim) -> Option<Placement> {
    match claim.about.as_deref().and_then(parse_stated) {
        Some(about) => Some(at_precision(about, false)),
        None => article_placement(cx, &claim.anchor.article),
    }
}

fn event(placement: Placement, headline: &str, text: String, group: String, unique_id: String) -> (NaiveDate, Value) {
    let mut event = json!({
        "start_date": placement.start,
        "text": { "headline": html_text(headline), "text": text },
        "group": group,
        "unique_id": unique_id,
    });
    if let Some(end) = placement.end {
        event["end_date"] = end;
    }
    if let Some(display) = placement.display {
        event["display_date"] = json!(display);
    }
    (placement.first_day, event)
}

/// An informative headline: who says what the claim says.
pub(super) fn claim_headline(claim: &Claim) -> String {
    let summary = claim.summary_or_quote();
    match &claim.speaker {
        Some(speaker) => format!("{speaker}: {summary}"),
        None => summary,
    }
}

fn claim_text(cx: &ExportContext, claim: &Claim) -> String {
    let article = claim.anchor.article.as_str();
    let mut text = format!("<p>“{}”</p><p>Verdict: {}", html_text(&claim.anchor.quote), html_text(&claim.verdict));
    text.push_str(&format!(" · in “{}”", html_text(&cx.title(article))));
    if let Some(date) = cx.date(article) {
        text.push_str(&format!(" ({})", html_text(&date)));
    }
    text.push_str("</p>");
    if !claim.note.is_empty() {
        text.push_str(&format!("<p>{}</p>", html_text(&claim.note)));
    }
    text
}

pub fn write_timeline(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let mut events: Vec<(NaiveDate, Value)> = Vec::new();
    let mut unplaced = 0;
    for id in cx.annotated_articles() {
        let Some(placement) = article_placement(cx, id) else {
            unplaced += 1;
            continue;
        };
        let text = cx.source(id).map(|s| format!("{s} · {id}")).unwrap_or_else(|| id.to_string());
        let (first_day, mut event) =
            event(placement, &cx.title(id), html_text(&text), "articles".to_string(), format!("article-{id}"));
        if let Some(url) = cx.web_url(id) {
            event["media"] = json!({ "url": url, "caption": html_text(&cx.title(id)) });
        }
        events.push((first_day, event));
    }
    for claim in cx.claims_by_time() {
        let Some(placement) = claim_placement(cx, claim) else {
            unplaced += 1;
            continue;
        };
        let group = claim.tags.first().cloned().unwrap_or_else(|| "claims".to_string());
        let id = format!("claim-{}", claim.id);
        events.push(event(placement, &claim_headline(claim), claim_text(cx, claim), group, id));
    }
    events.sort_by_key(|(first_day, _)| *first_day);
    let placed = events.len();
    let mut summary = format!("{placed} dated claims and articles");
    if unplaced > 0 {
        summary.push_str(&format!("; {unplaced} without a date are left out"));
    }
    let timeline = json!({
        "title": { "text": { "headline": html_text(&format!("dossier: {}", cx.corpus_name)), "text": summary } },
        "events": events.into_iter().map(|(_, event)| event).collect::<Vec<_>>(),
    });
    writeln!(out, "{}", terminal_safe_json(&timeline, true)?)
}
