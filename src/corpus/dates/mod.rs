//! Date mentions in English and German running text: finding them,
//! resolving relative and partial ones against a reference date, and
//! inferring an undated article's publication date.
//!
//! Written by hand because no Rust crate finds dates inside German (or
//! English) sentences (see CRATES.md); the rules are table-driven.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::lang::Lang;
use super::span::Span;

mod calibration;
mod extract;
mod infer;
mod kin;
mod resolve;
mod rules;

pub use calibration::{CONFIDENT, taken_from_twin};
pub use kin::{KinDate, OwnEvidence, from_kin};
pub use rules::is_calendar_word;
mod scan;
mod stamp;
mod stated;
mod tense;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// What kind of mention: a full date, a date lacking its year, or one
/// relative to the article's own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// Carries its year (`January 27, 2024`, `im August 2023`, `seit 2014`).
    Absolute,
    /// Lacks a year (`Feb. 11`, `am 11. Februar`, `in January`).
    Partial,
    /// Only meaningful against a reference date (`on Thursday`, `letzte Woche`).
    Relative,
}

/// Dates as the analysis cache keeps them: the day's number since the
/// first of January of year 1, not chrono's text, which would be parsed
/// again for each of millions of mentions whenever a corpus is reopened.
mod day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(date.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(deserializer)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| serde::de::Error::custom("not a day dossier writes"))
    }
}

/// A date at a precision: `date` is the first day of the period (for a week,
/// its Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateValue {
    #[serde(with = "day_number")]
    pub date: NaiveDate,
    pub precision: Precision,
}

impl DateValue {
    pub fn day(date: NaiveDate) -> Self {
        DateValue { date, precision: Precision::Day }
    }
}

impl fmt::Display for DateValue {
    /// ISO-style at the value's precision: `2024-02-08`, `2024-W06`, `2024-02`, `2024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.precision {
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Week => {
                let w = d.iso_week();
                write!(f, "{:04}-W{:02}", w.year(), w.week())
            }
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
        }
    }
}

/// Units of relative offsets (`vor einem Monat`, `two weeks ago`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What the words of a mention say, before any reference date is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateExpr {
    /// A full calendar date.
    Date(#[serde(with = "day_number")] NaiveDate),
    YearMonth {
        year: i32,
        month: u32,
    },
    Year(i32),
    /// Day and month without a year.
    MonthDay {
        month: u32,
        day: u32,
    },
    /// A month without a year.
    Month(u32),
    Weekday(Weekday),
    /// `today` (0), `yesterday` (-1), `tomorrow` (1), `vorgestern` (-2)...
    DayOffset(i32),
    /// `last week` (-1), `this week` (0), `next week` (1).
    WeekOffset(i32),
    MonthOffset(i32),
    YearOffset(i32),
    /// `vor rund einem Monat`, `two weeks ago`: n units before the reference.
    Ago {
        amount: u32,
        unit: Unit,
    },
    /// `a year before the deadline`, `zwei Monate vor Ablauf der Frist`: n
    /// units before a target the article names elsewhere.
    BeforeTarget {
        amount: u32,
        unit: Unit,
    },
}

impl DateExpr {
    /// Whether the words carry their year, lack it, or need a reference.
    pub fn kind(&self) -> MentionKind {
        match self {
            DateExpr::Date(_) | DateExpr::YearMonth { .. } | DateExpr::Year(_) => MentionKind::Absolute,
            DateExpr::MonthDay { .. } | DateExpr::Month(_) => MentionKind::Partial,
            _ => MentionKind::Relative,
        }
    }

    /// The precision the words speak at (`last week` → week).
    pub fn precision(&self) -> Precision {
        match self {
            DateExpr::Date(_) | DateExpr::MonthDay { .. } | DateExpr::Weekday(_) | DateExpr::DayOffset(_) => {
                Precision::Day
            }
            DateExpr::WeekOffset(_) => Precision::Week,
            DateExpr::YearMonth { .. } | DateExpr::Month(_) | DateExpr::MonthOffset(_) => Precision::Month,
            DateExpr::Year(_) | DateExpr::YearOffset(_) => Precision::Year,
            DateExpr::Ago { unit, .. } | DateExpr::BeforeTarget { unit, .. } => match unit {
                Unit::Day => Precision::Day,
                Unit::Week => Precision::Week,
                Unit::Month => Precision::Month,
                Unit::Year => Precision::Year,
            },
        }
    }

    /// The value of an absolute expression; `None` for the others.
    pub fn absolute_value(&self) -> Option<DateValue> {
        let first_of = |year: i32, month: u32| NaiveDate::from_ymd_opt(year, month, 1);
        let (date, precision) = match *self {
            DateExpr::Date(d) => (d, Precision::Day),
            DateExpr::YearMonth { year, month } => (first_of(year, month)?, Precision::Month),
            DateExpr::Year(year) => (first_of(year, 1)?, Precision::Year),
            _ => return None,
        };
        Some(DateValue { date, precision })
    }
}

/// Whether the sentence around a mention speaks of the past or the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Present,
    Future,
    Unknown,
}

/// One date mention in an article's cleaned text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte span of the mention's words in the cleaned text.
    pub span: Span,
    pub expr: DateExpr,
    pub kind: MentionKind,
    pub precision: Precision,
    pub tense: Tense,
    /// The tense was read from the mention's own words or its clause, not
    /// from elsewhere in its sentence: only such a tense bounds a date.
    pub clause_tense: bool,
    /// The resolved date; for absolute mentions always set, for partial and
    /// relative ones only once a reference date is known.
    pub value: Option<DateValue>,
    /// The words say `before` the date (`before 2020`, `vor dem 3. März`):
    /// told as past, it bounds nothing.
    pub before: bool,
}

impl DateMention {
    /// The normalised value as text: the resolved ISO value, or for an
    /// unresolved partial date the TIMEX3 style with the year unknown
    /// (`XXXX-02-11`, `XXXX-01`); `None` for an unresolved relative mention.
    pub fn normalised(&self) -> Option<String> {
        if let Some(v) = self.value {
            return Some(v.to_string());
        }
        match self.expr {
            DateExpr::MonthDay { month, day } => Some(format!("XXXX-{month:02}-{day:02}")),
            DateExpr::Month(month) => Some(format!("XXXX-{month:02}")),
            _ => None,
        }
    }
}

/// One end of the range a publication date lies in, and what says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    #[serde(with = "day_number")]
    pub date: NaiveDate,
    /// The mention and the rule behind it, e.g. `“in November 2016” is
    /// told as past: published on or after 2016-11-01`.
    pub why: String,
}

/// What the evidence says of an undated article's publication date:
/// bounds, and an estimate only where the evidence converges.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    /// The estimate at its precision; `None` when only bounds are known.
    pub value: Option<DateValue>,
    /// The measured share right of estimates of this basis, or for bounds
    /// alone the measured share of such bounds that held (`calibration`).
    pub confidence: f32,
    /// Published on or after this day.
    pub not_before: Option<Bound>,
    /// Published on or before this day.
    pub not_after: Option<Bound>,
    pub reasoning: Vec<String>,
}

/// Finds date mentions in `text`. `sentences` are the article's sentence
/// spans (used for tense cues); `lang` selects the rule set (both are tried
/// for unknown languages).
///
/// The English and German date words are disjoint enough that one pass
/// with both tables finds no false hits, so every text gets the same single
/// pass; `lang` selects the tense cue words (German `will` is "wants").
pub fn extract(text: &str, sentences: &[Span], lang: Lang) -> Vec<DateMention> {
    let tokens = scan::Tokens::new(text);
    let mut found = extract::find(&tokens);
    found.retain(|found| !(lang == Lang::En && extract::is_part_of_a_name(&tokens, found)));
    (0..found.len())
        .map(|k| {
            let f = &found[k];
            let between = (k.checked_sub(1).map(|p| found[p].end), found.get(k + 1).map(|n| n.start));
            let (tense, clause_tense) = tense::tense_of(&tokens, sentences, f, between, lang);
            DateMention {
                span: Span::new(tokens.toks[f.start].start..tokens.toks[f.end - 1].end),
                expr: f.expr,
                kind: f.expr.kind(),
                precision: f.expr.precision(),
                tense,
                clause_tense,
                value: f.expr.absolute_value(),
                before: f.before,
            }
        })
        .collect()
}

/// Parses a stated date (front matter or JSONL field): ISO dates and
/// timestamps, `2024-02`, `2024`, `27.01.2024`, `January 27, 2024`,
/// `27. Januar 2024`.
pub fn parse_stated(s: &str) -> Option<DateValue> {
    stated::parse(s)
}

/// Resolves partial and relative mentions against `reference` (clears their
/// values when it is `None`); absolute mentions keep their value.
///
/// A value is left `None` when the reference is too coarse to say (a
/// weekday against a month-only reference) rather than guessed.
pub fn resolve(text: &str, mentions: &mut [DateMention], reference: Option<DateValue>) {
    let _ = text;
    for mention in mentions {
        mention.value = match reference {
            _ if mention.kind == MentionKind::Absolute => mention.expr.absolute_value(),
            Some(reference) => resolve::against(mention.expr, mention.tense, reference),
            None => None,
        };
    }
}

/// Infers bounds and, where the evidence converges, an estimate of the
/// publication date from the article's own mentions, as a careful reader
/// would (CORPUS.md): never from the latest date alone, never inventing a
/// year. `captions` are the spans of photo-caption lines: a date there is
/// when the photo was taken. `None` when the text says nothing of it.
pub fn infer_publication(text: &str, captions: &[Span], mentions: &[DateMention]) -> Option<Inference> {
    infer::infer(text, captions, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> DateValue {
        DateValue::day(s.parse().expect("test date"))
    }

    #[test]
    fn resolve_fills_relative_and_partial_and_clears_them_again() {
        let text = "Gestern und am 11. Februar, seit 2014.";
        let mut mentions = extract(text, &[], Lang::De);
        resolve(text, &mut mentions, Some(day("2024-03-01")));
        let values: Vec<_> = mentions.iter().map(DateMention::normalised).collect();
        assert_eq!(values, [Some("2024-02-29".into()), Some("2024-02-11".into()), Some("2014".into())]);
        resolve(text, &mut mentions, None);
        let values: Vec<_> = mentions.iter().map(DateMention::normalised).collect();
        assert_eq!(values, [None, Some("XXXX-02-11".into()), Some("2014".into())]);
    }

    #[test]
    fn past_month_day_after_reference_goes_back_a_year() {
        let text = "Der Krieg brach am 7. Oktober aus, sagte er.";
        let mut mentions = extract(text, &[], Lang::De);
        resolve(text, &mut mentions, Some(day("2024-02-08")));
        assert_eq!(mentions[0].normalised().as_deref(), Some("2023-10-07"));
    }

    #[test]
    fn display_at_each_precision() {
        let d = day("2024-02-08");
        let at = |precision| DateValue { precision, ..d }.to_string();
        assert_eq!(
            [at(Precision::Day), at(Precision::Week), at(Precision::Month), at(Precision::Year)],
            ["2024-02-08", "2024-W06", "2024-02", "2024"]
        );
    }
}
