//! The query language of `dossier search` and the TUI's corpus search:
//! words (all must occur), `"quoted phrases"`, `-excluded` words or
//! phrases, `lang:de`, and `date:FROM..TO`.
//!
//! Parsed by hand: the syntax is ours (tantivy's own query parser knows
//! neither our language analysers nor date ranges over estimates and bounds).

use crate::corpus::lang::Lang;
use chrono::{Datelike, Months, NaiveDate};

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Words and phrases that must all occur; a phrase is its words in order.
    pub required: Vec<Vec<String>>,
    /// Words and phrases that must not occur.
    pub excluded: Vec<Vec<String>>,
    /// Only articles in these languages (`lang:de`; repeated, any of them).
    pub langs: Vec<Lang>,
    /// Only articles whose date may fall in this period, first and last day.
    pub dates: Option<DateRange>,
}

/// A period of days, both ends included; an end left open is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// A query that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty: give words, \"a phrase\", lang:de or date:2024-01..2024-03")]
    Empty,
    #[error("`lang:{0}`: the languages are de, en, other and unknown")]
    Lang(String),
    #[error(
        "`date:{0}`: write a day, month or year, or a range of them: \
         date:2024-01-27, date:2024-03, date:2024-01..2024-03, date:2024.., date:..2023-12"
    )]
    Date(String),
    #[error("nothing left to find: every word is excluded; add a word, lang: or date:")]
    OnlyExcluded,
}

impl Query {
    /// Parses the query a user typed.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut query = Query::default();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (negated, after) = match rest.strip_prefix('-') {
                Some(after) if after.starts_with(|c: char| !c.is_whitespace()) => (true, after),
                _ => (false, rest),
            };
            let (item, remaining) = if let Some(phrase) = after.strip_prefix('"') {
                // An unclosed quote runs to the end: what was typed so far is the phrase.
                let end = phrase.find('"').unwrap_or(phrase.len());
                (Item::Phrase(&phrase[..end]), phrase.get(end + 1..).unwrap_or(""))
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (Item::Word(&after[..end]), &after[end..])
            };
            rest = remaining.trim_start();
            match item {
                Item::Word(word) if !negated => {
                    if let Some(value) = word.strip_prefix("lang:") {
                        query.langs.push(parse_lang(value)?);
                        continue;
                    }
                    if let Some(value) = word.strip_prefix("date:") {
                        query.dates = Some(parse_range(value)?);
                        continue;
                    }
                    query.push(false, word);
                }
                Item::Word(text) | Item::Phrase(text) => query.push(negated, text),
            }
        }
        if query.required.is_empty() && query.langs.is_empty() && query.dates.is_none() {
            return Err(if query.excluded.is_empty() { QueryError::Empty } else { QueryError::OnlyExcluded });
        }
        Ok(query)
    }

    fn push(&mut self, negated: bool, text: &str) {
        let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return;
        }
        if negated { self.excluded.push(words) } else { self.required.push(words) }
    }
}

enum Item<'a> {
    Word(&'a str),
    Phrase(&'a str),
}

fn parse_lang(value: &str) -> Result<Lang, QueryError> {
    match value.to_ascii_lowercase().as_str() {
        "de" => Ok(Lang::De),
        "en" => Ok(Lang::En),
        "other" => Ok(Lang::Other),
        "unknown" => Ok(Lang::Unknown),
        _ => Err(QueryError::Lang(value.to_owned())),
    }
}

/// `2024-01..2024-03`, `2024..`, `..2023-12` or one period (`2024-03`).
fn parse_range(value: &str) -> Result<DateRange, QueryError> {
    let bad = || QueryError::Date(value.to_owned());
    let end = |text: &str, first: bool| -> Result<Option<NaiveDate>, QueryError> {
        if text.is_empty() {
            return Ok(None);
        }
        let (start, last) = parse_period(text).ok_or_else(bad)?;
        Ok(Some(if first { start } else { last }))
    };
    let range = match value.split_once("..") {
        Some((from, to)) => DateRange { first: end(from, true)?, last: end(to, false)? },
        None => DateRange { first: end(value, true)?, last: end(value, false)? },
    };
    match (range.first, range.last) {
        (None, None) => Err(bad()),
        (Some(first), Some(last)) if first > last => Err(bad()),
        _ => Ok(range),
    }
}

/// The first and last day of `2024`, `2024-03` or `2024-03-07`.
fn parse_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().ok().filter(|_| s.bytes().all(|b| b.is_ascii_digit()));
    let year = i32::try_from(number(parts.first()?).filter(|_| parts[0].len() == 4)?).ok()?;
    match parts.len() {
        1 => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?)),
        2 => {
            let first = NaiveDate::from_ymd_opt(year, number(parts[1])?, 1)?;
            Some((first, first.checked_add_months(Months::new(1))?.pred_opt()?))
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, number(parts[1])?, number(parts[2])?)?;
            (day.year() == year).then_some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn owned(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let query =
            Query::parse(r#"ceasefire "peace talks" -rumour -"no deal" lang:en date:2024-01..2024-03"#).unwrap();
        assert_eq!(query.required, [owned(&["ceasefire"]), owned(&["peace", "talks"])]);
        assert_eq!(query.excluded, [owned(&["rumour"]), owned(&["no", "deal"])]);
        assert_eq!(query.langs, [Lang::En]);
        assert_eq!(query.dates, Some(DateRange { first: Some(day(2024, 1, 1)), last: Some(day(2024, 3, 31)) }));
    }

    #[test]
    fn dates_take_a_day_month_year_or_an_open_end() {
        let range = |q: &str| Query::parse(q).unwrap().dates.unwrap();
        assert_eq!(range("date:2024-02"), DateRange { first: Some(day(2024, 2, 1)), last: Some(day(2024, 2, 29)) });
        assert_eq!(range("date:2023.."), DateRange { first: Some(day(2023, 1, 1)), last: None });
        assert_eq!(range("date:..2023-12-24"), DateRange { first: None, last: Some(day(2023, 12, 24)) });
        for bad in ["date:2024-13", "date:..", "date:24-01", "date:2024-03..2024-01", "date:2024-02-30", "date:soon"] {
            assert!(matches!(Query::parse(bad), Err(QueryError::Date(_))), "{bad}");
        }
    }

    #[test]
    fn an_empty_or_only_negative_query_is_refused_and_a_lone_dash_is_no_exclusion() {
        assert_eq!(Query::parse("  "), Err(QueryError::Empty));
        assert_eq!(Query::parse("-war"), Err(QueryError::OnlyExcluded));
        assert_eq!(Query::parse("lang:fr"), Err(QueryError::Lang("fr".into())));
        assert_eq!(Query::parse("a - b").unwrap().required, [owned(&["a"]), owned(&["-"]), owned(&["b"])]);
        // An unclosed quote is the phrase typed so far.
        assert_eq!(Query::parse("\"peace tal").unwrap().required, [owned(&["peace", "tal"])]);
    }
}
