//! Finding date mentions: one left-to-right pass over the tokens; at each
//! token every rule is tried and the longest match wins, so mentions never
//! overlap. A leading date preposition (`am`, `in`, `bis`, `seit`, ...) is
//! part of the mention: it is what makes `in January` or `seit 2014` a date,
//! and it often says the tense.

use super::rules::Role;
use super::scan::{TokenKind, Tokens};
use super::{DateExpr, Tense, Unit};
use chrono::NaiveDate;

/// A rule's match: tokens `start..end`, what they say, the tense the
/// words themselves imply (`seit` → past, `vor zwei Wochen` → past), the
/// tense a preposition leans to when the clause says nothing (`bis` →
/// future), and whether they say `before` the date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
    pub cue: Option<Tense>,
    pub leaning: Option<Tense>,
    pub before: bool,
}

/// What the prepositions before a date say: where the date starts, the
/// tense they imply or lean to, and whether they say `before`.
struct Prefix {
    end: usize,
    cue: Option<Tense>,
    leaning: Option<Tense>,
    before: bool,
}

/// All matches in text order, none overlapping.
pub(super) fn find(t: &Tokens) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match match_at(t, i) {
            Some(f) => {
                i = f.end;
                found.push(f);
            }
            None => i += 1,
        }
    }
    found
}

/// Years a bare four-digit number may name.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2099;

/// Roles a rule can start with, besides a number: a month, weekday, day
/// word, shift word, `vor`, or the amount of `two weeks ago` (`about`, `a`,
/// `anderthalb`).
const RULE_START: u32 = Role::Month { month: 0, abbrev: false }.bit()
    | Role::Weekday(chrono::Weekday::Mon).bit()
    | Role::DayWord { offset: 0, noun_homonym: false }.bit()
    | Role::Shift(0).bit()
    | Role::Vor.bit()
    | AMOUNT_START;

/// Roles an amount (`amount_and_unit`) can start with, besides a number.
const AMOUNT_START: u32 = Role::Approx.bit() | Role::Count(0).bit() | Role::Halves(0).bit();

/// Roles a date prefix can start with (`in`, `im Jahr`, `the year`).
const PREFIX_START: u32 = Role::Prep(None).bit() | Role::YearWord.bit() | Role::Article.bit();

fn match_at(t: &Tokens, i: usize) -> Option<Found> {
    // Most tokens are words no rule or prefix can start with.
    if t.flags(i) & (RULE_START | PREFIX_START) == 0 && t.number(i).is_none() {
        return None;
    }
    let direct = core(t, i, false);
    let prefixed = prefix_end(t, i).and_then(|p| {
        core(t, p.end, true).map(|f| Found {
            start: i,
            cue: p.cue.or(f.cue),
            leaning: p.leaning,
            before: p.before,
            ..f
        })
    });
    match (direct, prefixed) {
        (Some(d), Some(p)) if d.end > p.end => Some(d),
        (d, p) => p.or(d),
    }
}

/// Skips a run of date prepositions, articles and `Jahr`/`year` starting at
/// `i` (`bis zum`, `in der`, `im Jahr`, `mid-`); `None` when no
/// preposition was found.
fn prefix_end(t: &Tokens, i: usize) -> Option<Prefix> {
    if t.flags(i) & PREFIX_START == 0 {
        return None;
    }
    let mut j = i;
    let mut has_prep = false;
    let mut cue = None;
    let mut leaning = None;
    let mut before = false;
    while j < i + 4 && j < t.len() {
        if let Some(c) = t.role(j, |r| match r {
            Role::Prep(c) => Some(c),
            _ => None,
        }) {
            has_prep = true;
            cue = cue.or(c);
            leaning = leaning.or(t.role(j, |r| match r {
                Role::Leans(tense) => Some(tense),
                _ => None,
            }));
            before |= t.has(j, Role::Before);
        } else if t.has(j, Role::YearWord) {
            has_prep = true;
        } else if !(t.has(j, Role::Article) || (j > i && t.is_punct(j, '-') && t.touches_next(j))) {
            break;
        }
        j += 1;
    }
    has_prep.then_some(Prefix { end: j, cue, leaning, before })
}

/// The longest rule match starting exactly at token `j`. `after_prep` is
/// true when a date preposition comes right before.
fn core(t: &Tokens, j: usize, after_prep: bool) -> Option<Found> {
    if t.flags(j) & RULE_START == 0 && t.number(j).is_none() {
        return None;
    }
    // Each rule is tried only when token `j` has the role it starts with.
    let flags = t.flags(j);
    let starts = |role: Role| flags & role.bit() != 0;
    let amount = t.number(j).is_some() || flags & AMOUNT_START != 0;
    let rules = [
        numeric(t, j),
        starts(Role::Month { month: 0, abbrev: false }).then(|| month_first(t, j, after_prep)).flatten(),
        starts(Role::Weekday(chrono::Weekday::Mon)).then(|| weekday(t, j)).flatten(),
        starts(Role::DayWord { offset: 0, noun_homonym: false }).then(|| day_word(t, j, after_prep)).flatten(),
        starts(Role::Shift(0)).then(|| shifted(t, j)).flatten(),
        starts(Role::Vor).then(|| ago_german(t, j)).flatten(),
        amount.then(|| ago_english(t, j)).flatten(),
        amount.then(|| before_target(t, j)).flatten(),
    ];
    rules.into_iter().flatten().max_by_key(|&(end, _, _)| end).map(|(end, expr, cue)| Found {
        start: j,
        end,
        expr,
        cue,
        leaning: None,
        before: false,
    })
}

/// A rule's result: end token (exclusive), expression, tense cue.
type Hit = (usize, DateExpr, Option<Tense>);

fn year_at(t: &Tokens, i: usize) -> Option<i32> {
    let (v, digits) = t.number(i)?;
    (digits == 4 && YEARS.contains(&v)).then_some(v as i32)
}

fn day_number(t: &Tokens, i: usize) -> Option<u32> {
    let (v, digits) = t.number(i)?;
    (digits <= 2 && (1..=31).contains(&v)).then_some(v)
}

fn is_ordinal_suffix(t: &Tokens, i: usize) -> bool {
    i < t.len() && matches!(t.str(i), "st" | "nd" | "rd" | "th")
}

/// A capitalised month name at `i`: the month and the token after it (an
/// abbreviation takes its dot along, and needs a dot or a number after it).
fn month_word(t: &Tokens, i: usize) -> Option<(u32, usize)> {
    let (month, abbrev) = t.role(i, |r| match r {
        Role::Month { month, abbrev } => Some((month, abbrev)),
        _ => None,
    })?;
    if !t.is_capitalised(i) {
        return None;
    }
    if !abbrev {
        return Some((month, i + 1));
    }
    if t.is_punct(i + 1, '.') && t.touches_next(i) {
        Some((month, i + 2))
    } else {
        t.number(i + 1).map(|_| (month, i + 1))
    }
}

fn full_date(year: i32, month: u32, day: u32) -> Option<DateExpr> {
    NaiveDate::from_ymd_opt(year, month, day).map(DateExpr::Date)
}

/// Day and month without a year, checked against a leap year so that
/// `29. Februar` passes and `31. April` does not.
fn month_day(month: u32, day: u32) -> Option<DateExpr> {
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| DateExpr::MonthDay { month, day })
}

/// True when the tokens `i..i+n` all touch each other.
fn touching(t: &Tokens, i: usize, n: usize) -> bool {
    (i..i + n - 1).all(|k| t.touches_next(k))
}

/// Rules that start with a number: `2024-01-27`, `27.01.2024`,
/// `27 January 2024`, `31. Dezember 2021`, `11. Februar`, and bare years.
fn numeric(t: &Tokens, j: usize) -> Option<Hit> {
    let (v, digits) = t.number(j)?;
    let num = |i: usize, want: usize| t.number(i).filter(|&(_, d)| d == want).map(|(v, _)| v);
    // ISO 2024-01-27
    if digits == 4
        && t.is_punct(j + 1, '-')
        && t.is_punct(j + 3, '-')
        && touching(t, j, 5)
        && let (Some(m), Some(d)) = (num(j + 2, 2), num(j + 4, 2))
    {
        return full_date(v as i32, m, d).map(|e| (j + 5, e, None));
    }
    // Dotted 27.01.2024
    if digits <= 2 && t.is_punct(j + 1, '.') && t.is_punct(j + 3, '.') && touching(t, j, 5) {
        let month = t.number(j + 2).filter(|&(_, d)| d <= 2).map(|(m, _)| m);
        if let (Some(m), Some(y)) = (month, year_at(t, j + 4)) {
            return full_date(y, m, v).map(|e| (j + 5, e, None));
        }
    }
    if let Some(day) = day_number(t, j) {
        let mut k = j + 1;
        if (t.is_punct(k, '.') || is_ordinal_suffix(t, k)) && t.touches_next(j) {
            k += 1;
        }
        // `27th of January`
        if k < t.len() && t.str(k) == "of" {
            k += 1;
        }
        if let Some((month, after)) = month_word(t, k) {
            let year_tok = if t.is_punct(after, ',') { after + 1 } else { after };
            return match year_at(t, year_tok) {
                Some(y) => full_date(y, month, day).map(|e| (year_tok + 1, e, None)),
                None => month_day(month, day).map(|e| (after, e, None)),
            };
        }
        return None;
    }
    let year = year_at(t, j)?;
    (!is_count(t, j)).then_some((j + 1, DateExpr::Year(year), None))
}

/// True when `found` is a bare year right after a capitalised word that
/// is not a month, weekday or the first of its sentence: the year is part
/// of a name (`Horizon 2020`, `World Cup 2023`), not a date. Only for
/// English: German capitalises every noun (`den Irak 2003 besetzt`).
pub(super) fn is_part_of_a_name(t: &Tokens, found: &Found) -> bool {
    let j = found.start;
    matches!(found.expr, DateExpr::Year(_))
        && j > 0
        && t.toks[j - 1].kind == TokenKind::Word
        && t.is_capitalised(j - 1)
        && !t.starts_sentence(j - 1)
        && t.flags(j - 1) & (Role::Month { month: 0, abbrev: false }.bit() | Role::Weekday(chrono::Weekday::Mon).bit())
            == 0
}

/// True when the four-digit number at `j` is an amount, not a year:
/// `2.500`, `2,014,000`, `more than 2014`, `rund 2000 Soldaten`, `$2000`.
fn is_count(t: &Tokens, j: usize) -> bool {
    let thousands_before = j >= 2
        && (t.is_punct(j - 1, ',') || t.is_punct(j - 1, '.'))
        && t.number(j - 2).is_some()
        && touching(t, j - 2, 3);
    let thousands_after =
        (t.is_punct(j + 1, ',') || t.is_punct(j + 1, '.')) && t.number(j + 2).is_some() && touching(t, j, 3);
    let before = |k: usize| j.checked_sub(k);
    let approx = before(1).is_some_and(|p| t.has(p, Role::Approx));
    let more_than =
        before(1).is_some_and(|p| t.has(p, Role::Than)) && before(2).is_some_and(|p| t.has(p, Role::Comparative));
    let currency = before(1).is_some_and(|p| ['$', '€', '£'].iter().any(|&c| t.is_punct(p, c)));
    let counted = t.has(j + 1, Role::CountNoun) || t.is_punct(j + 1, '%');
    // `1990er`, `2000m`: a number glued to a word is a decade or a measure.
    let glued_word = t.touches_next(j) && t.toks.get(j + 1).is_some_and(|n| n.kind == TokenKind::Word);
    thousands_before || thousands_after || approx || more_than || currency || counted || glued_word
}

/// Rules that start with a month: `January 27, 2024`, `Feb. 11`,
/// `September 2025`, and after a preposition the month alone (`im Oktober`).
fn month_first(t: &Tokens, j: usize, after_prep: bool) -> Option<Hit> {
    let (month, k) = month_word(t, j)?;
    if let Some(y) = year_at(t, k) {
        return Some((k + 1, DateExpr::YearMonth { year: y, month }, None));
    }
    if let Some(day) = day_number(t, k) {
        let mut e = k + 1;
        if is_ordinal_suffix(t, e) && t.touches_next(k) {
            e += 1;
        }
        let year_tok = if t.is_punct(e, ',') { e + 1 } else { e };
        return match year_at(t, year_tok) {
            Some(y) => full_date(y, month, day).map(|x| (year_tok + 1, x, None)),
            None => month_day(month, day).map(|x| (e, x, None)),
        };
    }
    after_prep.then_some((k, DateExpr::Month(month), None))
}

/// A capitalised weekday, alone (`Thursday`, `am Mittwoch`) or heading a
/// date (`Tuesday, March 8, 2022`, `Dienstag, den 8. März`).
fn weekday(t: &Tokens, j: usize) -> Option<Hit> {
    let day = t.role(j, |r| match r {
        Role::Weekday(d) => Some(d),
        _ => None,
    })?;
    if !t.is_capitalised(j) {
        return None;
    }
    if t.is_punct(j + 1, ',') {
        let k = if t.has(j + 2, Role::Article) { j + 3 } else { j + 2 };
        let date = numeric(t, k).or_else(|| month_first(t, k, false));
        if let Some(hit @ (_, DateExpr::Date(_) | DateExpr::MonthDay { .. }, _)) = date {
            return Some(hit);
        }
    }
    Some((j + 1, DateExpr::Weekday(day), None))
}

/// `today`, `gestern`, `morgen`... German `morgen` is tomorrow only when
/// it cannot be the noun `Morgen`: not after a preposition or `heute`, and
/// capitalised only at the start of a sentence.
fn day_word(t: &Tokens, j: usize, after_prep: bool) -> Option<Hit> {
    let (offset, noun_homonym) = t.role(j, |r| match r {
        Role::DayWord { offset, noun_homonym } => Some((offset, noun_homonym)),
        _ => None,
    })?;
    if noun_homonym {
        let after_day_word = j > 0 && t.role(j - 1, |r| matches!(r, Role::DayWord { .. }).then_some(())).is_some();
        let as_adverb = if t.is_capitalised(j) { t.starts_sentence(j) } else { true };
        if after_prep || after_day_word || !as_adverb {
            return None;
        }
    }
    Some((j + 1, DateExpr::DayOffset(offset), None))
}

fn tense_of_shift(shift: i32) -> Option<Tense> {
    match shift {
        s if s < 0 => Some(Tense::Past),
        s if s > 0 => Some(Tense::Future),
        _ => None,
    }
}

/// `last week`, `diese Woche`, `im vergangenen Jahr`, `next Monday`.
fn shifted(t: &Tokens, j: usize) -> Option<Hit> {
    let shift = t.role(j, |r| match r {
        Role::Shift(s) => Some(s),
        _ => None,
    })?;
    let k = j + 1;
    let cue = tense_of_shift(shift);
    if let Some(unit) = t.role(k, |r| match r {
        Role::Unit { unit, plural: false } => Some(unit),
        _ => None,
    }) {
        let expr = match unit {
            Unit::Day => return None,
            Unit::Week => DateExpr::WeekOffset(shift),
            Unit::Month => DateExpr::MonthOffset(shift),
            Unit::Year => DateExpr::YearOffset(shift),
        };
        return Some((k + 1, expr, cue));
    }
    match weekday(t, k) {
        Some((end, expr @ DateExpr::Weekday(_), _)) => Some((end, expr, cue)),
        _ => None,
    }
}

/// An amount (`zwei`, `a`, `3`, `anderthalb`, `one and a half`) with its
/// unit starting at `k`; a half is carried into the next smaller unit.
fn amount_and_unit(t: &Tokens, mut k: usize) -> Option<(u32, Unit, usize)> {
    if t.has(k, Role::Approx) {
        k += 1;
    }
    let mut halves = match t.number(k) {
        Some((v, digits)) if digits <= 3 && v > 0 => 2 * v,
        Some(_) => return None,
        None => t.role(k, |r| match r {
            Role::Count(n) => Some(2 * n),
            Role::Halves(n) => Some(n),
            _ => None,
        })?,
    };
    k += 1;
    if halves.is_multiple_of(2) && t.has(k, Role::And) && t.has(k + 1, Role::Count(1)) && t.has(k + 2, Role::Half) {
        halves += 1;
        k += 3;
    }
    let unit = t.role(k, |r| match r {
        Role::Unit { unit, .. } => Some(unit),
        _ => None,
    })?;
    let (amount, unit) = whole_units(halves, unit)?;
    Some((amount, unit, k + 1))
}

/// `halves` half units as a whole number of units, carrying an odd half
/// into the next smaller unit (a year and a half is 18 months, a month and
/// a half about 6 weeks); `None` for half days, which news never dates by.
fn whole_units(halves: u32, unit: Unit) -> Option<(u32, Unit)> {
    if halves.is_multiple_of(2) {
        return Some((halves / 2, unit));
    }
    match unit {
        Unit::Year => Some((halves * 6, Unit::Month)),
        Unit::Month => Some((halves * 2, Unit::Week)),
        Unit::Week => Some((halves * 7 / 2, Unit::Day)),
        Unit::Day => None,
    }
}

/// `vor zwei Wochen`, `vor rund einem Monat`.
fn ago_german(t: &Tokens, j: usize) -> Option<Hit> {
    if !t.has(j, Role::Vor) {
        return None;
    }
    let (amount, unit, end) = amount_and_unit(t, j + 1)?;
    Some((end, DateExpr::Ago { amount, unit }, Some(Tense::Past)))
}

/// `two weeks ago`, `about a month ago`.
fn ago_english(t: &Tokens, j: usize) -> Option<Hit> {
    let (amount, unit, end) = amount_and_unit(t, j)?;
    t.has(end, Role::Ago).then_some((end + 1, DateExpr::Ago { amount, unit }, Some(Tense::Past)))
}

/// `a year before the deadline`, `zwei Monate vor Ablauf der Frist`.
fn before_target(t: &Tokens, j: usize) -> Option<Hit> {
    let (amount, unit, mut k) = amount_and_unit(t, j)?;
    if !t.has(k, Role::Before) {
        return None;
    }
    while t.has(k, Role::Before) || t.has(k, Role::Article) {
        k += 1;
    }
    t.has(k, Role::TargetNoun).then_some((k + 1, DateExpr::BeforeTarget { amount, unit }, None))
}

#[cfg(test)]
mod tests {
    use super::super::{DateMention, MentionKind, Precision, Unit, extract};
    use crate::corpus::lang::Lang;
    use chrono::Weekday;

    fn mentions(text: &str) -> Vec<DateMention> {
        extract(text, &[], Lang::Unknown)
    }

    fn spans(text: &str) -> Vec<&str> {
        mentions(text).iter().map(|m| &text[m.span]).collect()
    }

    /// The only mention in `text`: its words, normalised value, kind, precision.
    fn only(text: &str) -> (&str, Option<String>, MentionKind, Precision) {
        let found = mentions(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let m = &found[0];
        (&text[m.span], m.normalised(), m.kind, m.precision)
    }

    fn absolute_day<'a>(span: &'a str, value: &str) -> (&'a str, Option<String>, MentionKind, Precision) {
        (span, Some(value.to_string()), MentionKind::Absolute, Precision::Day)
    }

    #[test]
    fn english_month_day_year() {
        assert_eq!(only("Talks began January 27, 2024 in Baghdad."), absolute_day("January 27, 2024", "2024-01-27"));
    }

    #[test]
    fn english_abbreviated_month_with_dot() {
        assert_eq!(only("It was signed Jan. 27, 2024."), absolute_day("Jan. 27, 2024", "2024-01-27"));
    }

    #[test]
    fn day_month_year() {
        assert_eq!(only("It was signed 27 January 2024."), absolute_day("27 January 2024", "2024-01-27"));
    }

    #[test]
    fn iso_date() {
        assert_eq!(only("Stand: 2024-01-27, Bagdad"), absolute_day("2024-01-27", "2024-01-27"));
    }

    #[test]
    fn dotted_german_date() {
        assert_eq!(only("Stand 27.01.2024 um 10 Uhr"), absolute_day("27.01.2024", "2024-01-27"));
    }

    #[test]
    fn german_ordinal_day_month_year() {
        assert_eq!(only("Die Frist endet am 31. Dezember 2021."), absolute_day("am 31. Dezember 2021", "2021-12-31"));
        assert_eq!(only("Er kam am 05. Januar 2020 an."), absolute_day("am 05. Januar 2020", "2020-01-05"));
    }

    #[test]
    fn weekday_heading_a_full_date() {
        assert_eq!(only("Published Tuesday, March 8, 2022."), absolute_day("Tuesday, March 8, 2022", "2022-03-08"));
    }

    #[test]
    fn weekday_heading_a_german_month_day() {
        let (span, value, kind, _) = only("Am Dienstag, den 8. März trafen sie sich.");
        assert_eq!(
            (span, value.as_deref(), kind),
            ("Am Dienstag, den 8. März", Some("XXXX-03-08"), MentionKind::Partial)
        );
    }

    #[test]
    fn partial_month_day_english() {
        for (text, span) in [
            ("Talks resume Feb. 11 in Rome.", "Feb. 11"),
            ("Talks resume February 11.", "February 11"),
            ("due 11 February", "11 February"),
            ("They met on March 3 again.", "on March 3"),
        ] {
            let (s, value, kind, precision) = only(text);
            assert_eq!((s, kind, precision), (span, MentionKind::Partial, Precision::Day), "{text}");
            assert!(value.is_some_and(|v| v.starts_with("XXXX-")));
        }
    }

    #[test]
    fn partial_month_day_german() {
        assert_eq!(
            only("Sie trafen sich am 11. Februar."),
            ("am 11. Februar", Some("XXXX-02-11".into()), MentionKind::Partial, Precision::Day)
        );
    }

    #[test]
    fn ordinal_suffix_and_of() {
        assert_eq!(spans("on March 3rd and on the 27th of January"), ["on March 3rd", "on the 27th of January"]);
    }

    #[test]
    fn month_alone_needs_a_preposition() {
        assert_eq!(
            only("in January the talks stalled"),
            ("in January", Some("XXXX-01".into()), MentionKind::Partial, Precision::Month)
        );
        assert_eq!(
            only("Im Oktober begann der Krieg."),
            ("Im Oktober", Some("XXXX-10".into()), MentionKind::Partial, Precision::Month)
        );
        assert!(spans("January was cold. August Müller kam.").is_empty());
    }

    #[test]
    fn year_and_month() {
        for (text, span, value) in [
            ("vereinbart im August 2023.", "im August 2023", "2023-08"),
            ("Ziel ist September 2025.", "September 2025", "2025-09"),
            ("Abzug bis September 2025.", "bis September 2025", "2025-09"),
            ("agreed in January 2024", "in January 2024", "2024-01"),
        ] {
            assert_eq!(only(text), (span, Some(value.into()), MentionKind::Absolute, Precision::Month), "{text}");
        }
    }

    #[test]
    fn years_after_date_prepositions() {
        let text = "im Jahr 2003, in 2014, seit 2014, since 2014, bis 2025, by 2025, until 2026, Anfang 2024, Ende 2021, mid-2024, in the year 1991";
        assert_eq!(
            spans(text),
            [
                "im Jahr 2003",
                "in 2014",
                "seit 2014",
                "since 2014",
                "bis 2025",
                "by 2025",
                "until 2026",
                "Anfang 2024",
                "Ende 2021",
                "mid-2024",
                "in the year 1991"
            ]
        );
        assert!(mentions(text).iter().all(|m| m.precision == Precision::Year && m.kind == MentionKind::Absolute));
    }

    #[test]
    fn bare_years_standing_alone() {
        assert_eq!(spans("Die Truppen zogen 2011 ab, doch 2014 kehrten sie zurück."), ["2011", "2014"]);
        assert_eq!(mentions("zogen 2011 ab")[0].normalised().as_deref(), Some("2011"));
    }

    #[test]
    fn counts_are_not_years() {
        for text in [
            "Die USA haben 2.500 Soldaten im Irak.",
            "The US has 2,500 troops and 2000 soldiers.",
            "nach 24 Stunden",
            "more than 40 people and more than 2000 people",
            "16 of its members, 80 Mitgliedsländern",
            "mehr als 2014 Menschen, rund 2000 Euro, etwa 1950 km",
            "It cost $2000 or 2019 dollars, 2020 %",
            "in den 1990er Jahren, a 2000m climb",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
    }

    #[test]
    fn weekdays_with_and_without_preposition() {
        assert_eq!(
            spans("He spoke on Thursday. Am Mittwoch kam er. Friday, officials met."),
            ["on Thursday", "Am Mittwoch", "Friday"]
        );
        let m = &mentions("on Thursday")[0];
        assert_eq!((m.kind, m.precision, m.value), (MentionKind::Relative, Precision::Day, None));
    }

    #[test]
    fn weekday_with_last_or_next() {
        let found = mentions("last Friday they met; next Monday they meet; am vergangenen Freitag");
        let words: Vec<_> = found.iter().map(|m| m.expr).collect();
        assert_eq!(
            words,
            [
                super::DateExpr::Weekday(Weekday::Fri),
                super::DateExpr::Weekday(Weekday::Mon),
                super::DateExpr::Weekday(Weekday::Fri)
            ]
        );
        assert_eq!(spans("last Friday and am vergangenen Freitag"), ["last Friday", "am vergangenen Freitag"]);
    }

    #[test]
    fn weekday_glued_to_evening() {
        assert_eq!(spans("Am Montagabend kam es zu Protesten."), ["Am Montagabend"]);
    }

    #[test]
    fn today_yesterday_tomorrow() {
        assert_eq!(
            spans("today, heute, yesterday, gestern, tomorrow"),
            ["today", "heute", "yesterday", "gestern", "tomorrow"]
        );
        let offsets: Vec<_> = mentions("gestern und vorgestern").iter().map(|m| m.expr).collect();
        assert_eq!(offsets, [super::DateExpr::DayOffset(-1), super::DateExpr::DayOffset(-2)]);
    }

    #[test]
    fn german_morgen_is_tomorrow_only_as_adverb() {
        assert_eq!(spans("Er reist morgen ab."), ["morgen"]);
        assert_eq!(spans("Morgen beginnt der Gipfel."), ["Morgen"]);
        assert!(spans("Am Morgen fielen Schüsse. Jeden Morgen, heute morgen?").iter().all(|s| *s == "heute"));
    }

    #[test]
    fn weeks_months_years_relative() {
        let text = "last week, letzte Woche, vergangene Woche, in der vergangenen Woche, this week, diese Woche, next week, nächste Woche, kommende Woche";
        assert_eq!(
            spans(text),
            [
                "last week",
                "letzte Woche",
                "vergangene Woche",
                "in der vergangenen Woche",
                "this week",
                "diese Woche",
                "next week",
                "nächste Woche",
                "kommende Woche"
            ]
        );
        assert!(mentions(text).iter().all(|m| m.precision == Precision::Week));
    }

    #[test]
    fn month_and_year_offsets() {
        let text = "last month, letzten Monat, this year, dieses Jahr, in diesem Jahr, last year, letztes Jahr, im vergangenen Jahr, next year, nächstes Jahr";
        let exprs: Vec<_> = mentions(text).iter().map(|m| m.expr).collect();
        use super::DateExpr::{MonthOffset, YearOffset};
        assert_eq!(
            exprs,
            [
                MonthOffset(-1),
                MonthOffset(-1),
                YearOffset(0),
                YearOffset(0),
                YearOffset(0),
                YearOffset(-1),
                YearOffset(-1),
                YearOffset(-1),
                YearOffset(1),
                YearOffset(1)
            ]
        );
        assert_eq!(spans("in diesem Jahr"), ["in diesem Jahr"]);
    }

    #[test]
    fn recent_years_plural_is_not_last_year() {
        assert!(spans("in den letzten Jahren, over the past years").is_empty());
    }

    #[test]
    fn ago_in_both_languages() {
        let text = "vor rund einem Monat, vor zwei Wochen, two weeks ago, a month ago, vor drei Jahren, about 3 days ago, vor knapp 20 Jahren";
        assert_eq!(
            spans(text),
            [
                "vor rund einem Monat",
                "vor zwei Wochen",
                "two weeks ago",
                "a month ago",
                "vor drei Jahren",
                "about 3 days ago",
                "vor knapp 20 Jahren"
            ]
        );
        let ago: Vec<_> = mentions(text).iter().map(|m| m.expr).collect();
        assert_eq!(ago[0], super::DateExpr::Ago { amount: 1, unit: Unit::Month });
        assert_eq!(ago[6], super::DateExpr::Ago { amount: 20, unit: Unit::Year });
        assert_eq!(mentions(text)[0].precision, Precision::Month);
    }

    #[test]
    fn ago_with_a_half_counts_in_the_next_smaller_unit() {
        let text = "vor anderthalb Jahren, one and a half months ago, vor eineinhalb Wochen";
        let ago: Vec<_> = mentions(text).iter().map(|m| m.expr).collect();
        let want = |amount, unit| super::DateExpr::Ago { amount, unit };
        assert_eq!(ago, [want(18, Unit::Month), want(6, Unit::Week), want(10, Unit::Day)]);
        assert!(spans("vor anderthalb Tagen").is_empty());
    }

    #[test]
    fn amount_before_a_target() {
        let text = "exactly a year before the deadline, zwei Monate vor Ablauf der Frist, a year before the talks";
        assert_eq!(spans(text), ["a year before the deadline", "zwei Monate vor Ablauf der Frist"]);
        assert_eq!(mentions(text)[1].expr, super::DateExpr::BeforeTarget { amount: 2, unit: Unit::Month });
    }

    #[test]
    fn vor_without_amount_is_before_a_year() {
        assert_eq!(spans("vor dem Treffen, vor 2014"), ["vor 2014"]);
    }

    #[test]
    fn german_month_spellings() {
        assert_eq!(
            spans("am 3. März, am 3. Maerz, im Jänner, im Mai, am 2. Sept. und 4. Okt. und 5. Dez."),
            ["am 3. März", "am 3. Maerz", "im Jänner", "im Mai", "am 2. Sept.", "4. Okt.", "5. Dez."]
        );
    }

    #[test]
    fn english_abbreviations() {
        assert_eq!(
            spans("Jan. 3, Feb. 4, Aug. 5, Sept. 6, Oct. 7, Nov. 8, Dec. 9"),
            ["Jan. 3", "Feb. 4", "Aug. 5", "Sept. 6", "Oct. 7", "Nov. 8", "Dec. 9"]
        );
    }

    #[test]
    fn verbs_and_names_are_not_months_or_weekdays() {
        for text in [
            "They may march on the capital.",
            "May the talks succeed.",
            "Jan said so.",
            "er sagte, sa so",
            "August Müller sagte.",
            "monday tuesday",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
        assert_eq!(spans("in May and May 5"), ["in May", "May 5"]);
    }

    #[test]
    fn invalid_calendar_dates_are_skipped() {
        assert!(spans("31. April, February 30").is_empty());
        assert_eq!(spans("29. Februar"), ["29. Februar"]);
    }

    #[test]
    fn mentions_are_sorted_and_never_overlap() {
        let text = "Seit 2014 und bis zum 31. Dezember 2021, dann am Donnerstag.";
        let found = mentions(text);
        assert_eq!(spans(text), ["Seit 2014", "bis zum 31. Dezember 2021", "am Donnerstag"]);
        assert!(found.windows(2).all(|w| w[0].span.end() <= w[1].span.start()));
    }

    #[test]
    fn spans_sit_on_char_boundaries_around_umlauts() {
        let text = "Über März: am 1. März 2024 – „heute“";
        for m in mentions(text) {
            assert!(text.is_char_boundary(m.span.start()) && text.is_char_boundary(m.span.end()));
        }
        assert_eq!(spans(text), ["am 1. März 2024", "heute"]);
    }
}
