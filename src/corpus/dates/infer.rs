//! Dating an undated article the way a careful reader does (CORPUS.md):
//! combining constraints, never taking the latest date alone.
//!
//! The rules, in order:
//! 1. Absolute mentions told in the future (`bis September 2025`, `will
//!    meet on Oct. 9, 2024`) are targets: never the publication date, only
//!    an upper bound.
//! 2. A date told as past with the time since it in apposition (`im Januar
//!    2020, vor anderthalb Jahren`, `am 4. Januar, vor rund drei Wochen`)
//!    puts publication that long after the date, at the coarser of the two
//!    precisions (0.6; 0.5 when the date lacks its year and is read as the
//!    first such day after the latest year-bearing mention, as in rule 6).
//!    Likewise an amount before the article's one target, told as past
//!    (`agreed a year before the deadline` of September 2025): publication
//!    is at that date or soon after (0.45).
//! 3. A weekday + month-day (`Tuesday, March 8`) becomes a full date when
//!    exactly one year among those the other mentions allow fits.
//! 4. The latest full date told in the past or present is a lower bound
//!    and the anchor (confidence 0.5), unless a month or year told in the
//!    past starts after it (then the full date is history). A weekday in
//!    the text told in the past (`on Thursday`) then names the first such
//!    day on or after the anchor: publication is that day or within six
//!    days after, so that day is taken (0.7 when it is the anchor itself,
//!    else 0.6).
//! 5. Without a full date, `this year` / `dieses Jahr` gives the year: the
//!    latest year told in the past, plus one when that year is also named
//!    as a whole (`mehr als im gesamten Jahr 2023` next to `dieses Jahr`
//!    speaks of a finished year), kept at or below any future target
//!    (confidence 0.35–0.4, year precision).
//! 6. Without `this year`: two or more different partial dates told as past
//!    (`since October`, `on Jan. 4`) are each read as their first occurrence
//!    after the latest year-bearing mention told as past (`formed in August
//!    2023`), and publication as soon after the last of them (confidence
//!    0.35, month precision). A single one stays unread: its year could be
//!    any later one.
//! 7. Otherwise undated: a lone month-day, weekdays and history years
//!    (`seit 2003`, `im August 2023`) do not pin a year.

use super::resolve::{period, shift};
use super::rules::Role;
use super::scan::Tokens;
use super::{DateExpr, DateMention, DateValue, Inference, MentionKind, Precision, Tense};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::HashSet;

/// How many years after the latest year-bearing mention a weekday +
/// month-day may still fall.
const PIN_YEARS_AHEAD: i32 = 2;

pub(super) fn infer(text: &str, mentions: &[DateMention]) -> Option<Inference> {
    let quote = |m: &DateMention| quote(text, m);
    let mut reasoning = Vec::new();

    let absolute = |m: &&DateMention| m.kind == MentionKind::Absolute && m.value.is_some();
    fn told(m: &DateMention) -> Option<(DateValue, &DateMention)> {
        m.value.map(|v| (v, m))
    }
    let mut upper: Option<NaiveDate> = None;
    let mut targets: Vec<(DateValue, &DateMention)> = Vec::new();
    for (v, m) in mentions.iter().filter(absolute).filter(|m| m.tense == Tense::Future).filter_map(told) {
        let line = format!("future target excluded: {v} (“{}”)", quote(m));
        // A headline and its lede often repeat the same target.
        if !reasoning.contains(&line) {
            reasoning.push(line);
        }
        let end = period(v).1;
        upper = Some(upper.map_or(end, |u| u.min(end)));
        targets.push((v, m));
    }
    let past: Vec<(DateValue, &DateMention)> =
        mentions.iter().filter(absolute).filter(|m| m.tense != Tense::Future).filter_map(told).collect();
    let latest_year = past.iter().map(|(v, _)| v.date.year()).max();
    // The latest year-bearing mention told as past: publication is on or
    // after its start, and partial dates told as past are read after it.
    let bound = past.iter().max_by_key(|(v, _)| v.date).copied();
    let concluded = |mut found: Inference, mut reasoning: Vec<String>| {
        reasoning.append(&mut found.reasoning);
        Inference { reasoning, ..found }
    };
    let counted = counted_from_a_date(text, mentions, bound, upper)
        .or_else(|| counted_back_from_target(text, mentions, &targets));
    if let Some(found) = counted {
        return Some(concluded(found, reasoning));
    }

    let mut full_dates: Vec<(NaiveDate, String)> = past
        .iter()
        .filter_map(|(v, m)| match m.expr {
            DateExpr::Date(d) => Some((d, format!("latest past full date: {v} (“{}”)", quote(m)))),
            _ => None,
        })
        .collect();
    if let Some(first_year) = latest_year {
        let last_year = upper.map_or(first_year + PIN_YEARS_AHEAD, |u| u.year().min(first_year + PIN_YEARS_AHEAD));
        for m in mentions.iter().filter(|m| m.tense != Tense::Future) {
            if let Some(d) = pin_year(text, m, first_year..=last_year) {
                full_dates.push((
                    d,
                    format!(
                        "latest past full date: {d} (“{}” fits only {} in {first_year}–{last_year})",
                        quote(m),
                        d.year()
                    ),
                ));
            }
        }
    }

    // A month or year told in the past that starts after the latest full
    // date makes that date history, not the news of the day.
    let latest_coarse = past.iter().filter(|(_, m)| !matches!(m.expr, DateExpr::Date(_))).max_by_key(|(v, _)| v.date);
    let anchor = full_dates.into_iter().max_by_key(|(d, _)| *d);
    let superseded = anchor.as_ref().and_then(|(d, _)| {
        latest_coarse
            .filter(|(v, _)| v.date > *d)
            .map(|(v, m)| format!("full date {d} is history: “{}” ({v}) is told as past and later", quote(m)))
    });
    if let Some(line) = superseded {
        reasoning.push(line);
    } else if let Some((anchor, why)) = anchor {
        reasoning.push(why);
        reasoning.push(format!("published on or after {anchor}"));
        let mut value = DateValue::day(anchor);
        let mut confidence = 0.5;
        let weekday = mentions.iter().find_map(|m| match m.expr {
            DateExpr::Weekday(day) if m.tense != Tense::Future => Some((day, m)),
            _ => None,
        });
        if let Some((day, m)) = weekday {
            let first = first_on_or_after(anchor, day);
            if let Some(d) = first.filter(|d| upper.is_none_or(|u| *d <= u)) {
                reasoning.push(format!(
                    "“{}” is {d}, the first such day on or after {anchor}: published that day or within 6 days after",
                    quote(m)
                ));
                value = DateValue::day(d);
                confidence = if d == anchor { 0.7 } else { 0.6 };
            }
        }
        return Some(Inference { value, confidence, reasoning });
    }

    // `this year` speaks of the year directly; the chain of partial dates
    // is only a reading, so it comes after.
    current_year(text, mentions, &past, upper)
        .or_else(|| partial_chain(text, mentions, bound, upper))
        .map(|found| concluded(found, reasoning))
}

/// Rule 5: the current year from `this year` / `dieses Jahr` and the latest
/// year told as past.
fn current_year(
    text: &str,
    mentions: &[DateMention],
    past: &[(DateValue, &DateMention)],
    upper: Option<NaiveDate>,
) -> Option<Inference> {
    let quote = |m: &DateMention| quote(text, m);
    let this_year = mentions.iter().find(|m| matches!(m.expr, DateExpr::YearOffset(0) | DateExpr::MonthOffset(0)))?;
    let year = past.iter().map(|(v, _)| v.date.year()).max()?;
    let mut reasoning = vec![format!("“{}” speaks of the current year", quote(this_year))];
    let latest: Vec<&(DateValue, &DateMention)> = past.iter().filter(|(v, _)| v.date.year() == year).collect();
    // `im gesamten Jahr 2023` next to `im August 2023`: a year spoken of
    // as a whole is a finished one, whatever else is said of its months.
    let whole_year = latest.iter().find(|(_, m)| matches!(m.expr, DateExpr::Year(_)));
    let below_target = |y: i32| upper.is_none_or(|u| y <= u.year());
    let (current, confidence) = if let Some((_, whole)) = whole_year.filter(|_| below_target(year + 1)) {
        reasoning.push(format!(
            "latest year told as past: {year} (“{}”), named as a whole year, so it is over: current year {}",
            quote(whole),
            year + 1
        ));
        (year + 1, 0.35)
    } else {
        reasoning.push(format!("latest year told as past: {year}: current year {year}"));
        (year, 0.4)
    };
    Some(Inference {
        value: DateValue { date: NaiveDate::from_ymd_opt(current, 1, 1)?, precision: Precision::Year },
        confidence,
        reasoning,
    })
}

fn quote(text: &str, m: &DateMention) -> String {
    text.get(m.span.range()).unwrap_or_default().to_string()
}

/// The first reading of a partial date told as past (`am 4. Januar`,
/// `since October`) on or after `bound`: a reader places an event told
/// without its year after the latest year the article names.
fn first_after(expr: DateExpr, bound: NaiveDate) -> Option<DateValue> {
    let at = |year| match expr {
        DateExpr::MonthDay { month, day } => NaiveDate::from_ymd_opt(year, month, day).map(DateValue::day),
        DateExpr::Month(month) => {
            NaiveDate::from_ymd_opt(year, month, 1).map(|date| DateValue { date, precision: Precision::Month })
        }
        _ => None,
    };
    let here = at(bound.year())?;
    if period(here).1 < bound { at(bound.year() + 1) } else { Some(here) }
}

/// The value of a dated mention told as past: its own when it carries a
/// year, else its first reading after `bound` (with the line saying so).
fn dated(text: &str, m: &DateMention, bound: Option<(DateValue, &DateMention)>) -> Option<(DateValue, Option<String>)> {
    if m.tense == Tense::Future {
        return None;
    }
    if m.kind == MentionKind::Absolute {
        return m.value.map(|v| (v, None));
    }
    let (b, bm) = bound?;
    let v = first_after(m.expr, b.date)?;
    let why = format!(
        "“{}” told as past without a year: read as {v}, the first after {b} (“{}”)",
        quote(text, m),
        quote(text, bm)
    );
    Some((v, Some(why)))
}

/// `date` at `precision`: the first day of its week, month or year.
fn truncated(date: NaiveDate, precision: Precision) -> Option<DateValue> {
    let start = match precision {
        Precision::Day => Some(date),
        Precision::Week => date.checked_sub_days(Days::new(date.weekday().num_days_from_monday().into())),
        Precision::Month => date.with_day(1),
        Precision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
    };
    start.map(|date| DateValue { date, precision })
}

/// Between a date and an amount of time in apposition (`am 4. Januar, vor
/// rund drei Wochen`, `on Dec. 31, 2021, less than three months ago`):
/// a comma or dash, and nothing else but hedging words.
fn in_apposition(gap: &str) -> bool {
    let t = Tokens::new(gap);
    let separator = |i| t.is_punct(i, ',') || t.is_punct(i, '–');
    let hedge = |i| [Role::Approx, Role::Comparative, Role::Than].iter().any(|&r| t.has(i, r));
    (0..t.len()).any(separator) && (0..t.len()).all(|i| separator(i) || hedge(i))
}

/// A date told as past with the time since it in apposition (`im Januar
/// 2020, vor anderthalb Jahren`): publication is that long after the date,
/// the strongest evidence short of a stated date.
fn counted_from_a_date(
    text: &str,
    mentions: &[DateMention],
    bound: Option<(DateValue, &DateMention)>,
    upper: Option<NaiveDate>,
) -> Option<Inference> {
    mentions.windows(2).find_map(|pair| {
        let [m, since] = pair else { return None };
        let DateExpr::Ago { amount, unit } = since.expr else { return None };
        if m.kind == MentionKind::Relative || !in_apposition(text.get(m.span.end()..since.span.start())?) {
            return None;
        }
        let (v, why) = dated(text, m, bound)?;
        let value = truncated(shift(v.date, amount, unit, false)?, v.precision.max(since.precision))?;
        let before_bound = bound.is_some_and(|(b, _)| period(value).1 < b.date);
        if before_bound || upper.is_some_and(|u| value.date > u) {
            return None;
        }
        let mut reasoning: Vec<String> = why.into_iter().collect();
        reasoning.push(format!(
            "“{}” counts from {v} (“{}”) to publication: {value}",
            quote(text, since),
            quote(text, m)
        ));
        // A year read from the bound is one more assumption.
        let confidence = if m.kind == MentionKind::Absolute { 0.6 } else { 0.5 };
        Some(Inference { value, confidence, reasoning })
    })
}

/// An amount of time before the article's one target, told as past
/// (`agreed earlier this month, a year before the deadline` of September
/// 2025): publication is at that date, or soon after it.
fn counted_back_from_target(
    text: &str,
    mentions: &[DateMention],
    targets: &[(DateValue, &DateMention)],
) -> Option<Inference> {
    let m = mentions.iter().find(|m| matches!(m.expr, DateExpr::BeforeTarget { .. }) && m.tense != Tense::Future)?;
    let DateExpr::BeforeTarget { amount, unit } = m.expr else { return None };
    // With two different targets the words do not say which one is meant.
    let (target, tm) = *targets.first()?;
    if targets.iter().any(|(v, _)| *v != target) {
        return None;
    }
    let value = truncated(shift(target.date, amount, unit, true)?, target.precision)?;
    let reasoning = vec![format!(
        "“{}” counts back from the target {target} (“{}”): {value}, told as past, so published then or soon after",
        quote(text, m),
        quote(text, tm)
    )];
    Some(Inference { value, confidence: 0.45, reasoning })
}

/// Several partial dates told as past (`since October`, `on Jan. 4`), each
/// read as its first occurrence after the latest year-bearing mention: a
/// reader takes the article to be published soon after the last of them.
/// One alone is too weak (its year could be any later one); a second shows
/// the story is told close to the bound.
fn partial_chain(
    text: &str,
    mentions: &[DateMention],
    bound: Option<(DateValue, &DateMention)>,
    upper: Option<NaiveDate>,
) -> Option<Inference> {
    let mut partials: Vec<&DateMention> =
        mentions.iter().filter(|m| m.kind == MentionKind::Partial && m.tense == Tense::Past).collect();
    let mut seen = HashSet::new();
    partials.retain(|m| seen.insert(m.expr));
    if partials.len() < 2 {
        return None;
    }
    let mut reasoning = Vec::new();
    let mut latest: Option<DateValue> = None;
    for m in partials {
        let (v, why) = dated(text, m, bound)?;
        reasoning.extend(why);
        latest = latest.max(Some(v));
    }
    let latest = latest.filter(|v| upper.is_none_or(|u| v.date <= u))?;
    reasoning.push(format!("published on or after {latest}, most likely soon after: a reading, not a pin"));
    Some(Inference { value: truncated(latest.date, Precision::Month)?, confidence: 0.35, reasoning })
}

/// A month-day mention headed by a weekday (`Tuesday, March 8`): the one
/// date in `years` on which that day falls on that weekday.
fn pin_year(text: &str, m: &DateMention, years: std::ops::RangeInclusive<i32>) -> Option<NaiveDate> {
    let DateExpr::MonthDay { month, day } = m.expr else {
        return None;
    };
    let weekday = stated_weekday(text.get(m.span.range())?)?;
    let mut fits = years.filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).filter(|d| d.weekday() == weekday);
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

/// The weekday a mention's words open with, after any preposition.
fn stated_weekday(words: &str) -> Option<Weekday> {
    let t = Tokens::new(words);
    (0..t.len().min(2)).find_map(|i| {
        t.role(i, |r| match r {
            Role::Weekday(d) => Some(d),
            _ => None,
        })
    })
}

fn first_on_or_after(date: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead =
        (i64::from(day.num_days_from_monday()) - i64::from(date.weekday().num_days_from_monday())).rem_euclid(7);
    date.checked_add_days(Days::new(ahead.unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use super::super::{Inference, Precision, extract};
    use crate::corpus::Span;
    use crate::corpus::lang::Lang;

    /// Infers from `text`, one sentence per `|`.
    fn infer_from(text: &str) -> Option<Inference> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split('|') {
            sentences.push(Span::new(start..start + part.len()));
            start += part.len() + 1;
        }
        let mentions = extract(text, &sentences, Lang::Unknown);
        super::infer(text, &mentions)
    }

    fn shown(i: &Inference) -> (String, Precision) {
        (i.value.to_string(), i.value.precision)
    }

    #[test]
    fn full_date_and_matching_weekday() {
        // 2022-03-03 is a Thursday.
        let text = "The talks opened on March 3, 2022 in Vienna.|Negotiators said on Thursday that progress was slow.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2022-03-03".into(), Precision::Day));
        assert!((i.confidence - 0.7).abs() < 1e-6);
        assert!(i.reasoning.iter().any(|r| r.contains("latest past full date: 2022-03-03 (“on March 3, 2022”)")));
    }

    #[test]
    fn caption_date_then_weekday_after_it() {
        // 2024-01-27 is a Saturday; the next Thursday is 2024-02-01.
        let text = "FILE PHOTO: Soldiers at a base in Baghdad, Iraq January 27, 2024.|The two sides met on Thursday, officials said.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2024-02-01".into(), Precision::Day));
        assert!((0.5..=0.7).contains(&i.confidence));
        assert!(
            i.reasoning
                .iter()
                .any(|r| r.starts_with("“on Thursday” is 2024-02-01, the first such day on or after 2024-01-27"))
        );
    }

    #[test]
    fn full_date_without_weekday() {
        let i = infer_from("Die Gespräche begannen am 5. Januar 2020 in Bagdad.").expect("dated");
        assert_eq!(shown(&i), ("2020-01-05".into(), Precision::Day));
        assert!((i.confidence - 0.5).abs() < 1e-6);
    }

    #[test]
    fn future_full_date_is_never_the_publication_date() {
        let text = "The envoys met on January 25, 2024.|They will meet again on Oct. 9, 2024.";
        let i = infer_from(text).expect("dated");
        assert_eq!(i.value.to_string(), "2024-01-25");
        assert!(i.reasoning.iter().any(|r| r.starts_with("future target excluded: 2024-10-09")));
    }

    #[test]
    fn only_future_targets_stay_undated() {
        assert_eq!(infer_from("Der Abzug soll bis September 2025 abgeschlossen sein."), None);
    }

    #[test]
    fn this_year_after_a_whole_past_year() {
        let text = "Die Truppen kamen 2003, zogen 2011 ab, doch 2014 kehrten sie zurück.|\
                    Seit 2017 und 2019 gab es Angriffe.|\
                    Dieses Jahr gab es mehr Angriffe im Vergleich zu 2023.|\
                    Der Abzug soll bis September 2025 abgeschlossen sein.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2024".into(), Precision::Year));
        assert!(i.reasoning.iter().any(|r| r.contains("future target excluded: 2025-09 (“bis September 2025”)")));
    }

    #[test]
    fn this_year_with_a_month_keeps_that_year() {
        let i = infer_from("In January 2024 talks began.|This year is decisive.").expect("dated");
        assert_eq!(shown(&i), ("2024".into(), Precision::Year));
    }

    #[test]
    fn this_year_never_passes_a_future_target() {
        let i = infer_from("Im Vergleich zu 2023 gab es dieses Jahr mehr.|Das Ziel soll bis 2023 erreicht werden.");
        // 2023 + 1 would pass the target, so the year stays 2023.
        assert_eq!(i.map(|i| i.value.to_string()).as_deref(), Some("2023"));
    }

    #[test]
    fn history_years_and_month_days_alone_stay_undated() {
        let text = "The talks happen in the framework of a commission agreed in August 2023.|\
                    US troops invaded in 2003 and returned in 2014.|\
                    The war broke out on Oct. 7.|The sides met on Thursday.";
        assert_eq!(infer_from(text), None);
    }

    #[test]
    fn weekday_and_month_day_pin_the_year() {
        // 2022-03-08 is a Tuesday; March 8 is no Tuesday in 2021 or 2023.
        let text = "The agreement was signed in 2021.|On Tuesday, March 8 the envoys met again.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2022-03-08".into(), Precision::Day));
        assert!(i.reasoning.iter().any(|r| r.contains("fits only 2022")));
    }

    #[test]
    fn later_past_month_makes_a_full_date_history() {
        let text = "The pact was signed on January 5, 2020.|A commission was agreed in August 2023.";
        assert_eq!(infer_from(text), None);
    }

    #[test]
    fn partial_date_with_time_since_it_counts_forward_from_the_bound() {
        // 5 March after May 2031 is 2032-03-05; two weeks on is 2032-03-19, in week 12.
        let text = "Die Gruppe existiert seit Mai 2031.|Der Streit begann am 5. März, vor etwa zwei Wochen.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2032-W12".into(), Precision::Week));
        assert!((i.confidence - 0.5).abs() < 1e-6);
        assert!(i.reasoning.iter().any(|r| r.contains("read as 2032-03-05, the first after 2031-05")));
    }

    #[test]
    fn year_and_a_half_since_a_past_month() {
        let text = "Der Rat hatte im März 2030, vor anderthalb Jahren, abgestimmt.|Die Frist endet am 1. Mai 2033.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2031-09".into(), Precision::Month));
        assert!((i.confidence - 0.6).abs() < 1e-6);
    }

    #[test]
    fn time_since_a_date_never_passes_a_target() {
        let text = "Talks began in May 2030, two years ago.|The accord will expire by June 2031.";
        assert_eq!(infer_from(text).map(|i| i.value.to_string()), None);
    }

    #[test]
    fn two_past_partial_dates_read_after_the_latest_year() {
        // After June 2030: November is 2030-11, Feb. 2 is 2031-02-02.
        let text =
            "The board was set up in June 2030.|Raids have grown since November.|A raid on Feb. 2 was condemned.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2031-02".into(), Precision::Month));
        assert!(i.confidence < 0.4);
        assert!(i.reasoning.iter().any(|r| r.starts_with("published on or after 2031-02-02")));
    }

    #[test]
    fn this_year_beats_the_partial_reading() {
        // `the whole of 2030` is over, so February is read in 2031, not 2030.
        let text = "Raids began in February.|Talks stalled in March.|There were more raids this year than in the whole of 2030.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2031".into(), Precision::Year));
    }

    #[test]
    fn amount_before_the_one_target() {
        let text = "The plan was agreed two months before the deadline.|The pact is to expire by March 2031.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), ("2031-01".into(), Precision::Month));
        let two_targets = "The plan was agreed two months before the deadline.|\
                           The pact is to expire by March 2031.|The base will close by June 2032.";
        assert_eq!(infer_from(two_targets), None);
    }

    #[test]
    fn no_mentions_no_date() {
        assert_eq!(infer_from("Nothing here is dated."), None);
    }
}
