//! `--format timeline-json` against what TimelineJS3 itself reads
//! (NUKnightLab/TimelineJS3):
//!
//! - website/docs/json-format.njk, "TimelineJS JSON data format": the object
//!   has `events` (required, a list of slides), `title` (a slide), `eras`,
//!   `scale`. A slide has `start_date` (required but for the title slide),
//!   `end_date`, `text` (`headline`, `text`), `media` (`url` required,
//!   `caption`, `credit`, `thumbnail`, …), `group`, `display_date`,
//!   `background`, `autolink`, `unique_id`. A date has `year` (required, a
//!   number), `month` (1–12), `day`, `hour`, `minute`, `second`,
//!   `millisecond`, `display_date`, `format`.
//! - src/js/core/TimelineConfig.js: `addEvent` skips an event without
//!   `start_date`; `_tidyFields` sanitises `text.headline`/`text.text` as
//!   HTML and strips markup from `display_date` and `group`.
//! - src/js/date/TLDate.js, `_getDateData`: every date part must match
//!   `/^-?\d*$/` or the event is refused (`invalid_date_err`).

use dossier::annotations::export::ExportFormat;
use dossier::annotations::{Annotations, ArticleNote};
use dossier::config::Settings;
use dossier::corpus::dates::{Bound, parse_stated};
use dossier::corpus::{Corpus, Provenance, PublicationDate};
use serde_json::{Map, Value};

#[path = "support/export_sample.rs"]
mod export_sample;

use export_sample::*;

const TIMELINE_KEYS: [&str; 4] = ["events", "title", "eras", "scale"];
const SLIDE_KEYS: [&str; 9] =
    ["start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"];
const DATE_KEYS: [&str; 9] =
    ["year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"];
const MEDIA_KEYS: [&str; 8] = ["url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"];

fn keys_within(object: &Map<String, Value>, known: &[&str], what: &str) {
    for key in object.keys() {
        assert!(known.contains(&key.as_str()), "{what}: TimelineJS3 reads no `{key}`");
    }
}

/// A date object as TLDate reads it, as (year, month, day) with the parts
/// it has; a real calendar day where it has all three.
fn date(value: &Value) -> (i64, Option<u64>, Option<u64>) {
    let date = value.as_object().expect("a date object");
    keys_within(date, &DATE_KEYS, "date");
    let year = date["year"].as_i64().expect("year: a number");
    let month = date.get("month").map(|m| m.as_u64().expect("month: a number"));
    let day = date.get("day").map(|d| d.as_u64().expect("day: a number"));
    assert!(month.is_none_or(|m| (1..=12).contains(&m)), "{value}");
    assert!(day.is_none() || month.is_some(), "a day without a month: {value}");
    if let (Some(m), Some(d)) = (month, day) {
        assert!(chrono::NaiveDate::from_ymd_opt(year as i32, m as u32, d as u32).is_some(), "{value}");
    }
    (year, month, day)
}

/// Checks `timeline` slide by slide against TimelineJS3's fields.
fn check_timeline(timeline: &Value) -> Vec<Value> {
    let top = timeline.as_object().expect("an object");
    keys_within(top, &TIMELINE_KEYS, "timeline");
    let title = top["title"].as_object().expect("a title slide");
    assert!(title["text"]["headline"].is_string());
    let events = top["events"].as_array().expect("events: a list").clone();
    let mut ids = std::collections::HashSet::new();
    for event in &events {
        let slide = event.as_object().expect("a slide object");
        keys_within(slide, &SLIDE_KEYS, "slide");
        let start = date(&slide["start_date"]);
        if let Some(end) = slide.get("end_date") {
            assert!(date(end) >= start, "ends before it starts: {event}");
        }
        let text = slide["text"].as_object().expect("a text object");
        assert!(text["headline"].is_string() && text["text"].is_string(), "{event}");
        if let Some(media) = slide.get("media") {
            keys_within(media.as_object().expect("a media object"), &MEDIA_KEYS, "media");
            assert!(media["url"].as_str().expect("media.url").starts_with("https://"), "{event}");
        }
        assert!(slide["group"].is_string());
        assert!(ids.insert(slide["unique_id"].as_str().expect("unique_id").to_string()), "unique ids");
    }
    events
}

fn timeline_of(root: &std::path::Path, articles: &[dossier::corpus::Article], notes: &Annotations) -> Value {
    let (text, _) = export_with(ExportFormat::TimelineJson, root, articles, notes, &Settings::default());
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn the_sample_loads_as_timelinejs3_json_with_informative_headlines() {
    let text = {
        let articles = sample();
        let mut notes = annotations(&articles);
        notes.claims[1].summary = Some("2.500 Soldaten in Valdoria".into());
        notes.claims[1].about = Some("2024-W06".into());
        export_with(ExportFormat::TimelineJson, &sample_root(), &articles, &notes, &Settings::default()).0
    };
    let timeline: Value = serde_json::from_str(&text).expect("valid JSON");
    let events = check_timeline(&timeline);
    let headline = |id: &str| {
        let event = events.iter().find(|e| e["unique_id"] == id).unwrap_or_else(|| panic!("no {id}"));
        (event["text"]["headline"].as_str().unwrap().to_string(), event.clone())
    };
    let (troops, event) = headline("claim-01JTROOPS0000000000000000A");
    assert_eq!(troops, "officials in Kessaran: The coalition has 2,500 troops in Valdoria");
    assert!(!troops.starts_with("Claim:"));
    assert_eq!(event["start_date"], serde_json::json!({ "year": 2024, "month": 1 }), "about a month");
    let (soldaten, event) = headline("claim-01JTROOPS0000000000000000B");
    assert_eq!(soldaten, "Regierungsvertreter in Kessaran: 2.500 Soldaten in Valdoria", "the summary");
    assert_eq!(event["start_date"], serde_json::json!({ "year": 2024, "month": 2, "day": 5 }), "the week's Monday");
    assert_eq!(event["end_date"], serde_json::json!({ "year": 2024, "month": 2, "day": 11 }));
    let (_, corrected) = headline(&format!("article-{UNDATED}"));
    assert_eq!(corrected["start_date"], serde_json::json!({ "year": 2023, "month": 5, "day": 4 }));
    assert!(corrected.get("display_date").is_none(), "the analyst's date is no estimate");
    let firsts: Vec<(i64, Option<u64>, Option<u64>)> = events.iter().map(|e| date(&e["start_date"])).collect();
    assert!(firsts.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1)), "in date order: {firsts:?}");
}

#[test]
fn estimates_say_so_and_bounds_become_a_span() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["estimated.txt", "bounded.txt", "one-bound.txt", "undated.txt"] {
        std::fs::write(dir.path().join(name), format!("{name}\n\nSome words of the article.\n")).expect("write");
    }
    let mut articles = Corpus::load(dir.path()).expect("loads").articles;
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a day");
    let bound = |d: &str| Bound { date: day(d), why: "test".into() };
    let dated = |value: Option<&str>, from: Option<&str>, to: Option<&str>| PublicationDate {
        value: value.and_then(parse_stated),
        provenance: Provenance::Inferred,
        confidence: 0.8,
        not_before: from.map(bound),
        not_after: to.map(bound),
        reasoning: String::new(),
    };
    for article in &mut articles {
        let date = match article.id.as_str() {
            "estimated.txt" => Some(dated(Some("2024-02-08"), None, None)),
            "bounded.txt" => Some(dated(None, Some("2016-11-01"), Some("2018-12-31"))),
            "one-bound.txt" => Some(dated(None, Some("2016-11-01"), None)),
            _ => None,
        };
        article.set_date(date);
    }
    let notes = Annotations {
        articles: articles.iter().map(|a| ArticleNote { read: true, ..ArticleNote::new(a.id.as_str()) }).collect(),
        ..Annotations::default()
    };
    let timeline = timeline_of(dir.path(), &articles, &notes);
    let events = check_timeline(&timeline);
    let event = |id: &str| events.iter().find(|e| e["unique_id"] == format!("article-{id}")).cloned();
    let estimated = event("estimated.txt").expect("an estimate is placed");
    assert_eq!(estimated["display_date"], "2024-02-08, estimated");
    let bounded = event("bounded.txt").expect("two bounds are placed");
    assert_eq!(bounded["display_date"], "between 2016-11-01 and 2018-12-31, estimated");
    assert_eq!(
        (date_of(&bounded["start_date"]), date_of(&bounded["end_date"])),
        (day("2016-11-01"), day("2018-12-31"))
    );
    assert!(event("one-bound.txt").is_none() && event("undated.txt").is_none(), "nothing to place them by");
    let summary = timeline["title"]["text"]["text"].as_str().unwrap();
    assert!(summary.contains("2 without a date are left out"), "{summary}");
}

fn date_of(value: &Value) -> chrono::NaiveDate {
    let part = |key: &str| value[key].as_u64().expect(key) as u32;
    chrono::NaiveDate::from_ymd_opt(value["year"].as_i64().unwrap() as i32, part("month"), part("day")).expect("a day")
}

#[test]
fn markup_in_quotes_and_titles_reaches_timelinejs_as_text() {
    let articles = sample();
    let mut notes = annotations(&articles);
    notes.claims[0].anchor.quote = "<img src=x onerror=alert(1)> & more".into();
    notes.claims[0].summary = Some("<b>bold</b>".into());
    let timeline = timeline_of(&sample_root(), &articles, &notes);
    let events = check_timeline(&timeline);
    let troops = events.iter().find(|e| e["unique_id"] == "claim-01JTROOPS0000000000000000A").expect("troops");
    assert_eq!(troops["text"]["headline"], "officials in Kessaran: &lt;b&gt;bold&lt;/b&gt;");
    assert!(troops["text"]["text"].as_str().unwrap().contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"));
}
