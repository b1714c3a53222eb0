//! Dating an undated article from its own text the way a careful reader
//! does (CORPUS.md): bounds first, an estimate only where the evidence
//! converges, and a confidence that was measured (`calibration.rs`).
//!
//! Bounds, each naming its mention and rule:
//! - a year-bearing mention told as past (`the talks opened on March 3,
//!   2022`, `seit 2014`) puts publication on or after its start, a day
//!   earlier for a full date (it may be told in another time zone); a bare
//!   year only when its own clause says past, for years are often named
//!   for what is ahead (`the 2018 midterms`, `a 2023 bid`), full dates and
//!   months rarely; `before 2020` told as past bounds nothing;
//! - one told as future in its own clause (`will meet again on Oct. 9,
//!   2024`, `bis September 2025`) puts it on or before its end;
//! - a stamp (`stamp.rs`) is a lower bound whatever its tense.
//!
//! The latest lower and the earliest upper bound are kept; when they
//! contradict each other a tense was misread, and neither is kept.
//!
//! Estimates, tried in this order, each kept only inside the bounds:
//! 1. the latest stamp: an embedded post's date, a date with its clock
//!    time, a labelled page date;
//! 2. a date told as past with the time since it in apposition (`im Januar
//!    2020, vor anderthalb Jahren`, `am 4. Januar, vor rund drei Wochen`):
//!    publication that long after it, at the coarser precision; a date
//!    without its year is read as the first such day after the lower bound;
//! 3. an amount before the article's one target, told as past (`agreed a
//!    year before the deadline` of September 2025);
//! 4. a weekday + month-day (`Tuesday, March 8`) that fits exactly one
//!    year from the lower bound's on.
//!
//! A past full date alone is only a bound: on real news it is history
//! (a trial recalls the crime) far more often than the news of the day.

use super::calibration::Basis;
use super::resolve::{period, shift};
use super::rules::Role;
use super::scan::Tokens;
use super::stamp;
use super::{Bound, DateExpr, DateMention, DateValue, Inference, MentionKind, Precision, Tense};
use crate::corpus::Span;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How many years after the lower bound's a weekday + month-day may fall.
const PIN_YEARS_AHEAD: i32 = 2;

pub(super) fn infer(text: &str, captions: &[Span], mentions: &[DateMention]) -> Option<Inference> {
    let mut reasoning = Vec::new();
    let stamps: Vec<(NaiveDate, &DateMention, stamp::Stamp)> = mentions
        .iter()
        .filter_map(|m| match (m.expr, stamp::stamp_of(text, m)) {
            (DateExpr::Date(d), Some(kind)) => Some((d, m, kind)),
            _ => None,
        })
        .collect();
    let mut lower = lower_bound(text, captions, mentions, &stamps);
    let mut upper = upper_bound(text, captions, mentions);
    if let (Some((l, _)), Some((u, _))) = (&lower, &upper)
        && l.date > u.date
    {
        reasoning.push(format!(
            "the bounds contradict each other ({} after {}): a tense was misread, so neither is kept",
            l.date, u.date
        ));
        lower = None;
        upper = None;
    }
    let context = Context {
        text,
        mentions,
        lower: lower.as_ref().map(|(b, m)| (b.date, *m)),
        upper: upper.as_ref().map(|(b, _)| b.date),
    };
    let estimate = latest_stamp(&context, &stamps)
        .or_else(|| counted_from_a_date(&context))
        .or_else(|| counted_back_from_target(&context))
        .or_else(|| weekday_fits_one_year(&context));
    let (not_before, not_after) = (lower.map(|(b, _)| b), upper.map(|(b, _)| b));
    reasoning.extend(not_before.iter().chain(&not_after).map(|b| b.why.clone()));
    let (value, basis) = match estimate {
        Some(estimate) => {
            reasoning.extend(estimate.reasoning);
            (Some(estimate.value), estimate.basis)
        }
        None if not_before.is_some() || not_after.is_some() => (None, Basis::Bounds),
        None => return None,
    };
    reasoning.push(basis.explain());
    Some(Inference { value, confidence: basis.confidence(), not_before, not_after, reasoning })
}

/// What the estimate rules look at.
struct Context<'a> {
    text: &'a str,
    mentions: &'a [DateMention],
    /// The lower bound's day and the mention that set it.
    lower: Option<(NaiveDate, &'a DateMention)>,
    upper: Option<NaiveDate>,
}

impl Context<'_> {
    /// Whether `value` lies within the bounds.
    fn admits(&self, value: DateValue) -> bool {
        let (start, end) = period(value);
        self.lower.is_none_or(|(l, _)| end >= l) && self.upper.is_none_or(|u| start <= u)
    }
}

/// An estimate, the basis of its confidence, and its reasoning.
struct Estimate {
    value: DateValue,
    basis: Basis,
    reasoning: Vec<String>,
}

/// The latest lower bound: year-bearing mentions told as past (bare years
/// in their own clause) or dating a photo caption, and stamps.
fn lower_bound<'a>(
    text: &str,
    captions: &[Span],
    mentions: &'a [DateMention],
    stamps: &[(NaiveDate, &'a DateMention, stamp::Stamp)],
) -> Option<(Bound, &'a DateMention)> {
    let in_caption = |m: &DateMention| captions.iter().any(|c| c.contains(m.span.start()));
    let told = mentions.iter().filter(|m| m.kind == MentionKind::Absolute && !m.before).filter_map(|m| {
        let v = m.value?;
        let (date, slack) = with_slack(v);
        let how = if in_caption(m) {
            "dates a photo caption, and the photo was taken before publication"
        } else if m.tense == Tense::Past && (m.clause_tense || m.precision != Precision::Year) {
            "is told as past"
        } else {
            return None;
        };
        Some((date, m, format!("“{}” {how}{slack}: published on or after {date}", quote(text, m))))
    });
    let stamped = stamps.iter().map(|&(d, m, kind)| {
        let (date, slack) = with_slack(DateValue::day(d));
        (date, m, format!("“{}” is {}{slack}: published on or after {date}", quote(text, m), kind.describe()))
    });
    told.chain(stamped).max_by_key(|(date, _, _)| *date).map(|(date, m, why)| (Bound { date, why }, m))
}

/// The start of a value told as past; a day earlier for a full date, which
/// may be told in another time zone than the publication's.
fn with_slack(v: DateValue) -> (NaiveDate, &'static str) {
    match v.precision {
        Precision::Day => (v.date.pred_opt().unwrap_or(v.date), " (a day's slack for time zones)"),
        _ => (v.date, ""),
    }
}

/// The earliest upper bound: year-bearing mentions told as future in their
/// own clause (never a stamp or a caption's date, which are past).
fn upper_bound<'a>(text: &str, captions: &[Span], mentions: &'a [DateMention]) -> Option<(Bound, &'a DateMention)> {
    mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Absolute && m.tense == Tense::Future && m.clause_tense)
        .filter(|m| stamp::stamp_of(text, m).is_none() && !captions.iter().any(|c| c.contains(m.span.start())))
        .filter_map(|m| Some((period(m.value?).1, m)))
        .min_by_key(|(date, _)| *date)
        .map(|(date, m)| {
            let why = format!("“{}” is told as future: published on or before {date}", quote(text, m));
            (Bound { date, why }, m)
        })
}

/// Rule 1: the latest stamp is the estimate.
fn latest_stamp(c: &Context, stamps: &[(NaiveDate, &DateMention, stamp::Stamp)]) -> Option<Estimate> {
    let &(date, m, kind) = stamps.iter().max_by_key(|(d, _, _)| *d)?;
    let value = DateValue::day(date);
    c.admits(value).then(|| Estimate {
        value,
        basis: Basis::Stamp,
        reasoning: vec![format!(
            "“{}” is {}: published that day or soon after, as news embeds and stamps the posts of the day",
            quote(c.text, m),
            kind.describe()
        )],
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
/// year, else its first reading after the lower bound (with the line
/// saying so).
fn dated(c: &Context, m: &DateMention) -> Option<(DateValue, Option<String>)> {
    if m.tense == Tense::Future {
        return None;
    }
    if m.kind == MentionKind::Absolute {
        return m.value.map(|v| (v, None));
    }
    let (b, bm) = c.lower?;
    let v = first_after(m.expr, b)?;
    let why = format!(
        "“{}” told as past without a year: read as {v}, the first after {b} (“{}”)",
        quote(c.text, m),
        quote(c.text, bm)
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

/// Rule 2: a date told as past with the time since it in apposition (`im
/// Januar 2020, vor anderthalb Jahren`): publication is that long after it.
fn counted_from_a_date(c: &Context) -> Option<Estimate> {
    c.mentions.windows(2).find_map(|pair| {
        let [m, since] = pair else { return None };
        let DateExpr::Ago { amount, unit } = since.expr else { return None };
        if m.kind == MentionKind::Relative || !in_apposition(c.text.get(m.span.end()..since.span.start())?) {
            return None;
        }
        let (v, why) = dated(c, m)?;
        let value = truncated(shift(v.date, amount, unit, false)?, v.precision.max(since.precision))?;
        if !c.admits(value) {
            return None;
        }
        let mut reasoning: Vec<String> = why.into_iter().collect();
        reasoning.push(format!(
            "“{}” counts from {v} (“{}”) to publication: {value}",
            quote(c.text, since),
            quote(c.text, m)
        ));
        Some(Estimate { value, basis: Basis::CountedFromDate, reasoning })
    })
}

/// Rule 3: an amount of time before the article's one target, told as past
/// (`agreed earlier this month, a year before the deadline` of September
/// 2025): publication is at that date, or soon after it.
fn counted_back_from_target(c: &Context) -> Option<Estimate> {
    let m = c.mentions.iter().find(|m| matches!(m.expr, DateExpr::BeforeTarget { .. }) && m.tense != Tense::Future)?;
    let DateExpr::BeforeTarget { amount, unit } = m.expr else { return None };
    let mut targets = c.mentions.iter().filter(|t| t.kind == MentionKind::Absolute && t.tense == Tense::Future);
    let tm = targets.next()?;
    let target = tm.value?;
    // With two different targets the words do not say which one is meant.
    if targets.any(|t| t.value != Some(target)) {
        return None;
    }
    let value = truncated(shift(target.date, amount, unit, true)?, target.precision)?;
    c.admits(value).then(|| Estimate {
        value,
        basis: Basis::CountedBackFromTarget,
        reasoning: vec![format!(
            "“{}” counts back from the target {target} (“{}”): {value}, told as past, so published then or soon after",
            quote(c.text, m),
            quote(c.text, tm)
        )],
    })
}

/// Rule 4: a weekday + month-day (`Tuesday, March 8`) that falls on that
/// weekday in exactly one year from the lower bound's on.
fn weekday_fits_one_year(c: &Context) -> Option<Estimate> {
    let (lower, _) = c.lower?;
    let first = lower.year();
    let last = c.upper.map_or(first + PIN_YEARS_AHEAD, |u| u.year().min(first + PIN_YEARS_AHEAD));
    c.mentions.iter().filter(|m| m.tense != Tense::Future).find_map(|m| {
        let d = pin_year(c.text, m, first..=last)?;
        let value = DateValue::day(d);
        c.admits(value).then(|| Estimate {
            value,
            basis: Basis::WeekdayFitsOneYear,
            reasoning: vec![format!(
                "“{}” fits only {} in {first}–{last}: published that day or soon after",
                quote(c.text, m),
                d.year()
            )],
        })
    })
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
        let captions: Vec<Span> =
            sentences.iter().copied().filter(|s| text[s.range()].starts_with("FILE PHOTO")).collect();
        super::infer(text, &captions, &mentions)
    }

    fn shown(i: &Inference) -> (Option<String>, Option<String>, Option<String>) {
        let day = |b: &Option<super::Bound>| b.as_ref().map(|b| b.date.to_string());
        (i.value.map(|v| v.to_string()), day(&i.not_before), day(&i.not_after))
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn a_past_full_date_is_a_lower_bound_not_the_answer() {
        let i = infer_from("The crash happened on 30 June 2015 in Dublin, the court heard.").expect("bounded");
        assert_eq!(shown(&i), (None, some("2015-06-29"), None));
        assert!(i.reasoning.iter().any(|r| r.starts_with("“on 30 June 2015” is told as past")));
        assert!(i.reasoning.last().is_some_and(|r| r.contains("basis: bounds")));
    }

    #[test]
    fn the_latest_past_mention_bounds_and_a_future_one_caps() {
        let text =
            "The commission was agreed in August 2023.|Talks will resume on Feb. 11, 2024, the spokesperson said.";
        let i = infer_from(text).expect("bounded");
        assert_eq!(shown(&i), (None, some("2023-08-01"), some("2024-02-11")));
    }

    #[test]
    fn a_german_deadline_is_an_upper_bound() {
        let text =
            "Der Minister sagte, der Abzug werde am 31. Dezember 2021 abgeschlossen sein.|Die Truppen kamen 2014.";
        let i = infer_from(text).expect("bounded");
        assert_eq!(shown(&i), (None, some("2014-01-01"), some("2021-12-31")));
    }

    #[test]
    fn before_a_date_told_as_past_bounds_nothing() {
        assert_eq!(infer_from("He had left before March 3, 2030, officials said."), None);
    }

    #[test]
    fn a_tense_read_from_elsewhere_in_the_sentence_bounds_nothing() {
        // `said` is not in the clause of `in 2030`: no bound from it.
        assert_eq!(infer_from("Elections in 2030, when the seats are up, worry them, he said."), None);
    }

    #[test]
    fn a_caption_date_is_a_lower_bound() {
        let text = "FILE PHOTO: Soldiers at a base near the capital, January 27, 2030.|The sides met on Thursday.";
        assert_eq!(shown(&infer_from(text).expect("bounded")), (None, some("2030-01-26"), None));
    }

    #[test]
    fn contradicting_bounds_are_both_dropped() {
        assert_eq!(infer_from("The plant was opened in 2031.|The plant will close in 2030."), None);
    }

    #[test]
    fn a_stamp_is_the_estimate() {
        let text = "Police closed the road. — A Reporter (@areporter) March 13, 2030|The road opened in 2029.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), (some("2030-03-13"), some("2030-03-12"), None));
        assert_eq!(i.value.map(|v| v.precision), Some(Precision::Day));
        assert!((i.confidence - super::Basis::Stamp.confidence()).abs() < 1e-6);
        assert!(i.reasoning.iter().any(|r| r.contains("the date of an embedded post")));
    }

    #[test]
    fn a_stamp_outside_the_bounds_is_no_estimate() {
        let text = "— A Reporter (@areporter) March 13, 2030|It was founded in July 2030.";
        assert_eq!(shown(&infer_from(text).expect("bounded")), (None, some("2030-07-01"), None));
    }

    #[test]
    fn partial_date_with_time_since_it_counts_forward_from_the_bound() {
        // 5 March after May 2031 is 2032-03-05; two weeks on is 2032-03-19, in week 12.
        let text = "Die Gruppe existiert seit Mai 2031.|Der Streit begann am 5. März, vor etwa zwei Wochen.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i), (some("2032-W12"), some("2031-05-01"), None));
        assert!(i.reasoning.iter().any(|r| r.contains("read as 2032-03-05, the first after 2031-05")));
    }

    #[test]
    fn year_and_a_half_since_a_past_month() {
        let text = "Der Rat hatte im März 2030, vor anderthalb Jahren, abgestimmt.|Die Frist endet am 1. Mai 2033.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i).0, some("2031-09"));
    }

    #[test]
    fn time_since_a_date_never_passes_a_target() {
        let text = "Talks began in May 2030, two years ago.|The accord will expire by June 2031.";
        assert_eq!(infer_from(text).and_then(|i| i.value), None);
    }

    #[test]
    fn amount_before_the_one_target() {
        let text = "The plan was agreed two months before the deadline.|The pact will expire by March 2031.";
        assert_eq!(shown(&infer_from(text).expect("dated")).0, some("2031-01"));
        let two_targets = "The plan was agreed two months before the deadline.|\
                           The pact will expire by March 2031.|The base will close by June 2032.";
        assert_eq!(infer_from(two_targets).and_then(|i| i.value), None);
    }

    #[test]
    fn weekday_and_month_day_pin_the_year() {
        // 2022-03-08 is a Tuesday; March 8 is no Tuesday in 2021 or 2023.
        let text = "The agreement was signed in 2021.|On Tuesday, March 8 the envoys met again.";
        let i = infer_from(text).expect("dated");
        assert_eq!(shown(&i).0, some("2022-03-08"));
        assert!(i.reasoning.iter().any(|r| r.contains("fits only 2022")));
    }

    #[test]
    fn history_years_and_month_days_alone_give_no_estimate() {
        let text = "The talks happen in the framework of a commission agreed in August 2023.|\
                    US troops invaded in 2003 and returned in 2014.|\
                    The war broke out on Oct. 7.|The sides met on Thursday.";
        let i = infer_from(text).expect("bounded");
        assert_eq!(shown(&i), (None, some("2023-08-01"), None));
    }

    #[test]
    fn no_mentions_no_date() {
        assert_eq!(infer_from("Nothing here is dated."), None);
    }
}
