//! Dates stated by the file (front matter, JSON Lines field): numeric forms
//! are read directly, written-out ones through the mention rules, which
//! must then cover the whole string.

use super::{DateValue, MentionKind, Precision};
use crate::corpus::Span;
use chrono::{NaiveDate, Weekday};

/// Reads `2024-01-27`, `2024-01-27T10:00:00Z`, `2024-01-27 10:00`,
/// `2024-W04`, `2024-01`, `2024`, `27.01.2024`, `January 27, 2024`, `27. Januar 2024`.
pub(super) fn parse(s: &str) -> Option<DateValue> {
    let s = s.trim();
    iso(s).or_else(|| written(s))
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// ISO dates with an optional time after `T` or a space, `YYYY-Www`,
/// `YYYY-MM`, `YYYY`.
fn iso(s: &str) -> Option<DateValue> {
    let date_part = s.split(['T', ' ']).next()?;
    let has_time = date_part.len() < s.len();
    let parts: Vec<&str> = date_part.split('-').collect();
    let year = parts.first().filter(|p| p.len() == 4).and_then(|p| digits(p))? as i32;
    let month_day = |m: &str, d: &str| Some((digits(m)?, digits(d)?));
    let (date, precision) = match parts.as_slice() {
        [_] if !has_time => (NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year),
        [_, m] if !has_time && m.len() == 2 => (NaiveDate::from_ymd_opt(year, digits(m)?, 1)?, Precision::Month),
        // An ISO week, as dossier writes one: its Monday.
        [_, w] if !has_time && w.len() == 3 && w.starts_with('W') => {
            (NaiveDate::from_isoywd_opt(year, digits(&w[1..])?, Weekday::Mon)?, Precision::Week)
        }
        [_, m, d] if m.len() == 2 && d.len() == 2 => {
            let (m, d) = month_day(m, d)?;
            (NaiveDate::from_ymd_opt(year, m, d)?, Precision::Day)
        }
        _ => return None,
    };
    Some(DateValue { date, precision })
}

/// Anything the mention rules read as one absolute date spanning the
/// whole string (`27.01.2024`, `January 27, 2024`, `27. Januar 2024`).
fn written(s: &str) -> Option<DateValue> {
    let mentions = super::extract(s, &[], super::Lang::Unknown);
    match mentions.as_slice() {
        [m] if m.kind == MentionKind::Absolute && m.span == Span::new(0..s.len()) => m.value,
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> Option<String> {
        parse(s).map(|v| v.to_string())
    }

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(shown("2024-01-27").as_deref(), Some("2024-01-27"));
        assert_eq!(shown("2024-01-27T10:00:00Z").as_deref(), Some("2024-01-27"));
        assert_eq!(shown(" 2024-01-27 10:00 ").as_deref(), Some("2024-01-27"));
    }

    #[test]
    fn iso_weeks_as_dossier_writes_them() {
        let week = parse("2024-W04").expect("a week");
        assert_eq!((week.precision, week.date.to_string()), (Precision::Week, "2024-01-22".to_string()));
        assert_eq!(shown("2024-W04").as_deref(), Some("2024-W04"));
        // Week 1 of 2025 starts in December 2024, and still reads back.
        assert_eq!(shown("2025-W01").as_deref(), Some("2025-W01"));
        assert_eq!(parse("2024-W54"), None);
        assert_eq!(parse("2024-W4"), None);
    }

    #[test]
    fn iso_month_and_year() {
        assert_eq!(parse("2024-01").map(|v| v.precision), Some(Precision::Month));
        assert_eq!(shown("2024-01").as_deref(), Some("2024-01"));
        assert_eq!(shown("2024").as_deref(), Some("2024"));
    }

    #[test]
    fn written_dates_in_both_languages() {
        assert_eq!(shown("27.01.2024").as_deref(), Some("2024-01-27"));
        assert_eq!(shown("January 27, 2024").as_deref(), Some("2024-01-27"));
        assert_eq!(shown("27 January 2024").as_deref(), Some("2024-01-27"));
        assert_eq!(shown("27. Januar 2024").as_deref(), Some("2024-01-27"));
    }

    #[test]
    fn garbage_is_none() {
        for s in ["", "soon", "2024-13-01", "2024-02-30", "12", "next week", "27. Januar 2024 und mehr", "abcd-ef"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
