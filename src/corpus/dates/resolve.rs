//! Resolving partial and relative mentions against a reference date, the
//! HeidelTime way for news: the reference is the article's own date, and
//! the tense decides which way an ambiguous mention goes.

use super::{DateExpr, DateValue, Precision, Tense, Unit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The value of a partial or relative `expr` told in `tense`, or `None`
/// when `reference` is too coarse to say (a weekday needs a day).
pub(super) fn against(expr: DateExpr, tense: Tense, reference: DateValue) -> Option<DateValue> {
    let r = reference.date;
    let needs = |p: Precision| reference.precision <= p;
    let value = |date, precision| Some(DateValue { date, precision });
    match expr {
        DateExpr::MonthDay { month, day } if needs(Precision::Month) => {
            in_nearest_year(tense, reference, |y| NaiveDate::from_ymd_opt(y, month, day).map(DateValue::day))
        }
        DateExpr::Month(month) if needs(Precision::Month) => in_nearest_year(tense, reference, |y| {
            NaiveDate::from_ymd_opt(y, month, 1).map(|date| DateValue { date, precision: Precision::Month })
        }),
        DateExpr::Weekday(day) if needs(Precision::Day) => value(weekday_near(r, day, tense)?, Precision::Day),
        DateExpr::DayOffset(n) if needs(Precision::Day) => value(add_days(r, i64::from(n))?, Precision::Day),
        DateExpr::WeekOffset(n) if needs(Precision::Week) => week_shift(r, i64::from(n)),
        DateExpr::MonthOffset(n) if needs(Precision::Month) => month_shift(r, n),
        DateExpr::YearOffset(n) if needs(Precision::Year) => year_shift(r, n),
        DateExpr::Ago { amount, unit } => {
            let back = -i64::from(amount);
            match unit {
                Unit::Day if needs(Precision::Day) => value(add_days(r, back)?, Precision::Day),
                Unit::Week if needs(Precision::Week) => week_shift(r, back),
                Unit::Month if needs(Precision::Month) => month_shift(r, i32::try_from(back).ok()?),
                Unit::Year => year_shift(r, i32::try_from(back).ok()?),
                _ => None,
            }
        }
        _ => None,
    }
}

fn add_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        date.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The Monday of the week `n` weeks from the reference's week.
fn week_shift(r: NaiveDate, n: i64) -> Option<DateValue> {
    let monday = add_days(r, -i64::from(r.weekday().num_days_from_monday()))?;
    Some(DateValue { date: add_days(monday, 7 * n)?, precision: Precision::Week })
}

fn month_shift(r: NaiveDate, n: i32) -> Option<DateValue> {
    let first = r.with_day(1)?;
    let months = Months::new(n.unsigned_abs());
    let date = if n >= 0 { first.checked_add_months(months)? } else { first.checked_sub_months(months)? };
    Some(DateValue { date, precision: Precision::Month })
}

fn year_shift(r: NaiveDate, n: i32) -> Option<DateValue> {
    Some(DateValue { date: NaiveDate::from_ymd_opt(r.year().checked_add(n)?, 1, 1)?, precision: Precision::Year })
}

/// A weekday told in the past or present is the latest such day on or
/// before the reference; told in the future, the first one after it.
fn weekday_near(r: NaiveDate, day: Weekday, tense: Tense) -> Option<NaiveDate> {
    let from_ref = i64::from(r.weekday().num_days_from_monday());
    let target = i64::from(day.num_days_from_monday());
    if tense == Tense::Future {
        let ahead = (target - from_ref).rem_euclid(7);
        add_days(r, if ahead == 0 { 7 } else { ahead })
    } else {
        add_days(r, -(from_ref - target).rem_euclid(7))
    }
}

/// The day `amount` units after `date` (`am 4. Januar, vor drei Wochen`
/// counts forward to the article's day), or before it when `back` (`a year
/// before the deadline`).
pub(super) fn shift(date: NaiveDate, amount: u32, unit: Unit, back: bool) -> Option<NaiveDate> {
    let (days, months) = match unit {
        Unit::Day => (u64::from(amount), 0),
        Unit::Week => (7 * u64::from(amount), 0),
        Unit::Month => (0, amount),
        Unit::Year => (0, amount.checked_mul(12)?),
    };
    if back {
        date.checked_sub_days(Days::new(days))?.checked_sub_months(Months::new(months))
    } else {
        date.checked_add_days(Days::new(days))?.checked_add_months(Months::new(months))
    }
}

/// First and last day of the period a value stands for.
pub(super) fn period(v: DateValue) -> (NaiveDate, NaiveDate) {
    let d = v.date;
    let last = match v.precision {
        Precision::Day => Some(d),
        Precision::Week => add_days(d, 6),
        Precision::Month => d.with_day(1).and_then(|f| f.checked_add_months(Months::new(1))).and_then(|f| f.pred_opt()),
        Precision::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31),
    };
    (d, last.unwrap_or(d))
}

/// The candidate in the reference's year, moved back a year when told in
/// the past but after the reference, forward when told in the future but
/// before it.
fn in_nearest_year(
    tense: Tense,
    reference: DateValue,
    candidate: impl Fn(i32) -> Option<DateValue>,
) -> Option<DateValue> {
    let (ref_start, ref_end) = period(reference);
    let year = reference.date.year();
    let here = candidate(year)?;
    let (start, end) = period(here);
    match tense {
        Tense::Past if start > ref_end => candidate(year - 1),
        Tense::Future if end < ref_start => candidate(year + 1),
        _ => Some(here),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> DateValue {
        DateValue::day(s.parse().expect("test date"))
    }

    fn month(s: &str) -> DateValue {
        DateValue { precision: Precision::Month, ..day(&format!("{s}-01")) }
    }

    fn shown(expr: DateExpr, tense: Tense, r: DateValue) -> Option<String> {
        against(expr, tense, r).map(|v| v.to_string())
    }

    #[test]
    fn weekday_is_latest_on_or_before_unless_future() {
        // 2024-02-08 is a Thursday.
        let r = day("2024-02-08");
        let thu = DateExpr::Weekday(Weekday::Thu);
        assert_eq!(shown(thu, Tense::Past, r).as_deref(), Some("2024-02-08"));
        assert_eq!(shown(DateExpr::Weekday(Weekday::Mon), Tense::Unknown, r).as_deref(), Some("2024-02-05"));
        assert_eq!(shown(thu, Tense::Future, r).as_deref(), Some("2024-02-15"));
        assert_eq!(shown(DateExpr::Weekday(Weekday::Sat), Tense::Future, r).as_deref(), Some("2024-02-10"));
    }

    #[test]
    fn day_week_month_year_offsets() {
        let r = day("2024-03-01");
        assert_eq!(shown(DateExpr::DayOffset(-1), Tense::Past, r).as_deref(), Some("2024-02-29"));
        let last_week = against(DateExpr::WeekOffset(-1), Tense::Past, r);
        assert_eq!(last_week.map(|v| v.to_string()).as_deref(), Some("2024-W08"));
        assert_eq!(last_week.map(|v| v.date.to_string()).as_deref(), Some("2024-02-19"));
        assert_eq!(shown(DateExpr::YearOffset(0), Tense::Present, r).as_deref(), Some("2024"));
        assert_eq!(shown(DateExpr::MonthOffset(1), Tense::Future, r).as_deref(), Some("2024-04"));
    }

    #[test]
    fn ago_counts_back_at_the_unit_precision() {
        let r = day("2024-01-15");
        let month_ago = DateExpr::Ago { amount: 1, unit: Unit::Month };
        assert_eq!(shown(month_ago, Tense::Past, r).as_deref(), Some("2023-12"));
        let two_weeks = DateExpr::Ago { amount: 2, unit: Unit::Week };
        assert_eq!(shown(two_weeks, Tense::Past, r).as_deref(), Some("2024-W01"));
        let three_years = DateExpr::Ago { amount: 3, unit: Unit::Year };
        assert_eq!(shown(three_years, Tense::Past, month("2024-01")).as_deref(), Some("2021"));
    }

    #[test]
    fn month_without_year_follows_the_tense() {
        let r = day("2024-02-10");
        let oct = DateExpr::Month(10);
        assert_eq!(shown(oct, Tense::Past, r).as_deref(), Some("2023-10"));
        assert_eq!(shown(oct, Tense::Unknown, r).as_deref(), Some("2024-10"));
        let jan_3 = DateExpr::MonthDay { month: 1, day: 3 };
        assert_eq!(shown(jan_3, Tense::Future, r).as_deref(), Some("2025-01-03"));
        assert_eq!(shown(jan_3, Tense::Past, r).as_deref(), Some("2024-01-03"));
    }

    #[test]
    fn coarse_reference_leaves_fine_mentions_unresolved() {
        let r = month("2024-02");
        assert_eq!(shown(DateExpr::Weekday(Weekday::Thu), Tense::Past, r), None);
        assert_eq!(shown(DateExpr::DayOffset(-1), Tense::Past, r), None);
        assert_eq!(shown(DateExpr::Month(1), Tense::Past, r).as_deref(), Some("2024-01"));
        assert_eq!(shown(DateExpr::YearOffset(0), Tense::Present, r).as_deref(), Some("2024"));
        let year_only = DateValue { precision: Precision::Year, ..r };
        assert_eq!(shown(DateExpr::Month(1), Tense::Past, year_only), None);
    }
}
