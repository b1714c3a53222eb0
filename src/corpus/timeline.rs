//! The timeline model: articles (by publication date) and date mentions
//! bucketed by year, month, week or day, plus an undated bucket.
//!
//! A date coarser than the zoom (an article known only to the year, seen at
//! month zoom) gets a bucket of its own precision rather than being pinned
//! to the first month of the year: the timeline never claims more
//! precision than the data has.
//!
//! An article known by bounds is drawn as a range: every bucket between
//! its `not_before` and `not_after` counts it as possible, except the
//! bucket of its own estimate, which counts it as the estimate. A range
//! open at one end (`≥2016-11`) is marked in its bound's bucket only: it
//! says where the article can start, and shading every later period
//! would bury the timeline under weak evidence.

use super::article::{Article, Provenance};
use super::dates::{DateValue, Precision};
use super::text::{RELEASE_EVERY, release_pages};
use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// How finely the timeline buckets dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zoom {
    Year,
    Month,
    Week,
    Day,
}

impl Zoom {
    fn precision(self) -> Precision {
        match self {
            Zoom::Year => Precision::Year,
            Zoom::Month => Precision::Month,
            Zoom::Week => Precision::Week,
            Zoom::Day => Precision::Day,
        }
    }

    /// One step finer (`Day` stays `Day`).
    pub fn finer(self) -> Zoom {
        match self {
            Zoom::Year => Zoom::Month,
            Zoom::Month => Zoom::Week,
            Zoom::Week | Zoom::Day => Zoom::Day,
        }
    }

    /// One step coarser (`Year` stays `Year`).
    pub fn coarser(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Week,
            Zoom::Week => Zoom::Month,
            Zoom::Month | Zoom::Year => Zoom::Year,
        }
    }
}

/// A period on the timeline: the first day and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(pub DateValue);

impl Period {
    /// The period of `value` at `zoom`, or at the value's own precision when
    /// that is coarser than the zoom.
    pub fn of(value: DateValue, zoom: Zoom) -> Period {
        // Precision orders Day < Week < Month < Year, so max is the coarser one.
        let precision = value.precision.max(zoom.precision());
        Period(DateValue { date: period_start(value.date, precision), precision })
    }

    /// Whether a date lies inside this period. A date coarser than the
    /// period only lies inside a period of at least its own precision.
    pub fn contains(&self, value: DateValue) -> bool {
        value.precision <= self.0.precision && Period::of(value, zoom_of(self.0.precision)) == *self
    }

    /// The precision of the period (its length).
    pub fn precision(&self) -> Precision {
        self.0.precision
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

fn zoom_of(precision: Precision) -> Zoom {
    match precision {
        Precision::Year => Zoom::Year,
        Precision::Month => Zoom::Month,
        Precision::Week => Zoom::Week,
        Precision::Day => Zoom::Day,
    }
}

fn period_start(date: NaiveDate, precision: Precision) -> NaiveDate {
    let start = match precision {
        Precision::Day => Some(date),
        Precision::Week => date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday()))),
        Precision::Month => date.with_day(1),
        Precision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
    };
    // Every date has a first day of its week, month and year, except at the
    // very edge of chrono's range, where the date itself is the best answer.
    start.unwrap_or(date)
}

/// One bucket of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub period: Period,
    /// Indices (into the corpus's article list) of articles published in this period.
    pub articles: Vec<usize>,
    /// How many of `articles` have an inferred (not stated) date.
    pub inferred: usize,
    /// How many resolved date mentions fall into this period.
    pub mentions: usize,
    /// How many articles known by bounds may fall into this period (their
    /// range spans it; their estimate, if any, lies elsewhere).
    pub possible: usize,
}

/// The bucket for `value` at `zoom`, made empty on first use. Keyed so that
/// a coarser bucket sorts before the finer ones starting on the same day.
fn bucket_for(
    by_period: &mut BTreeMap<(NaiveDate, Reverse<Precision>), Bucket>,
    value: DateValue,
    zoom: Zoom,
) -> &mut Bucket {
    let period = Period::of(value, zoom);
    by_period.entry((period.0.date, Reverse(period.0.precision))).or_insert_with(|| Bucket {
        period,
        articles: Vec::new(),
        inferred: 0,
        mentions: 0,
        possible: 0,
    })
}

/// The most years of one range drawn at year zoom (bounds a century
/// apart are evidence of little; the axis stays readable).
const MAX_RANGE_YEARS: i32 = 100;

/// The days an article may fall on: its bounds, and its estimate if any.
#[derive(Debug, Clone, Copy)]
struct Range {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    estimate: Option<DateValue>,
}

/// Articles and mentions by date.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    dated: Vec<(DateValue, usize, Provenance)>,
    /// How many mentions resolve to each date: far fewer distinct dates
    /// than mentions, so bucketing stays cheap on a large corpus.
    mentions: HashMap<DateValue, usize>,
    undated: Vec<usize>,
    ranges: Vec<Range>,
}

impl Timeline {
    /// Builds the timeline of `articles` (indices refer to this slice).
    pub fn build(articles: &[Article]) -> Timeline {
        let mut timeline = Timeline::default();
        timeline.add(articles, 0);
        timeline
    }

    /// Adds articles that arrived later; `first_index` is the index of
    /// `articles[0]` in the whole list.
    pub fn add(&mut self, articles: &[Article], first_index: usize) {
        self.place(articles, first_index);
        // The mentions of a reopened corpus are decoded for the count and
        // not kept, a chunk at a time, on all cores when there are many (a
        // reopened corpus lists once this is done).
        let count = |chunk: &[Article]| {
            let mut counts = HashMap::new();
            for article in chunk {
                for value in article.passing_mentions().iter().filter_map(|m| m.value) {
                    *counts.entry(value).or_default() += 1;
                }
            }
            release_pages(chunk);
            counts
        };
        let counts: Vec<HashMap<DateValue, usize>> = if articles.len() > super::ON_THIS_THREAD_UP_TO {
            articles.par_chunks(RELEASE_EVERY).map(count).collect()
        } else {
            articles.chunks(RELEASE_EVERY).map(count).collect()
        };
        for (value, count) in counts.into_iter().flatten() {
            *self.mentions.entry(value).or_default() += count;
        }
    }

    /// Places the articles again after dates changed. The count of mentioned
    /// dates is kept: it follows each change through [`Timeline::recount`],
    /// as counting again would read every article's mentions.
    pub fn redate(&mut self, articles: &[Article]) {
        self.dated.clear();
        self.undated.clear();
        self.ranges.clear();
        self.place(articles, 0);
    }

    /// Takes in an article's mentions resolved anew (its date changed):
    /// the values they had `before`, and have `after`.
    pub fn recount(&mut self, before: &[DateValue], after: &[DateValue]) {
        for value in before {
            if let Some(count) = self.mentions.get_mut(value) {
                *count -= 1;
                if *count == 0 {
                    self.mentions.remove(value);
                }
            }
        }
        for &value in after {
            *self.mentions.entry(value).or_default() += 1;
        }
    }

    /// Puts articles on the timeline by their dates.
    fn place(&mut self, articles: &[Article], first_index: usize) {
        for (offset, article) in articles.iter().enumerate() {
            let index = first_index + offset;
            match &article.date {
                Some(date) if let Some(value) = date.value => self.dated.push((value, index, date.provenance)),
                _ => self.undated.push(index),
            }
            if let Some(date) = &article.date
                && let (from, to) = date.range()
                && (from.is_some() || to.is_some())
            {
                self.ranges.push(Range { from, to, estimate: date.value });
            }
        }
    }

    /// Non-empty buckets at `zoom`, oldest first; a bucket of a coarser
    /// precision sorts before the finer buckets it contains.
    pub fn buckets(&self, zoom: Zoom) -> Vec<Bucket> {
        let mut by_period: BTreeMap<(NaiveDate, Reverse<Precision>), Bucket> = BTreeMap::new();
        for &(value, index, provenance) in &self.dated {
            let bucket = bucket_for(&mut by_period, value, zoom);
            bucket.articles.push(index);
            if matches!(provenance, Provenance::Inferred | Provenance::Corpus) {
                bucket.inferred += 1;
            }
        }
        for (&value, &count) in &self.mentions {
            bucket_for(&mut by_period, value, zoom).mentions += count;
        }
        // A closed range shows its ends even where nothing else is, and at
        // year zoom every year between; an open range, its bound.
        for range in &self.ranges {
            let ends: Vec<NaiveDate> = match (range.from, range.to) {
                (Some(from), Some(to)) if zoom == Zoom::Year => {
                    let years = from.year()..=to.year().min(from.year() + MAX_RANGE_YEARS);
                    years.filter_map(|year| NaiveDate::from_ymd_opt(year, 1, 1)).collect()
                }
                (Some(from), Some(to)) => vec![from, to],
                (Some(bound), None) | (None, Some(bound)) => vec![bound],
                (None, None) => Vec::new(),
            };
            for day in ends {
                bucket_for(&mut by_period, DateValue::day(day), zoom);
            }
        }
        let mut buckets: Vec<Bucket> = by_period.into_values().collect();
        self.shade_ranges(&mut buckets, zoom);
        buckets
    }

    /// Counts each range in the buckets it spans, by differences over the
    /// buckets in order: one pass, however long the ranges.
    fn shade_ranges(&self, buckets: &mut [Bucket], zoom: Zoom) {
        let starts: Vec<NaiveDate> = buckets.iter().map(|b| b.period.0.date).collect();
        let mut change = vec![0isize; buckets.len() + 1];
        for range in &self.ranges {
            let (from, to) = match (range.from, range.to) {
                (Some(from), Some(to)) => (from, to.max(from)),
                (Some(bound), None) | (None, Some(bound)) => (bound, bound),
                (None, None) => continue,
            };
            let lo = starts.partition_point(|&start| start < Period::of(DateValue::day(from), zoom).0.date);
            let hi = starts.partition_point(|&start| start <= to);
            if lo >= hi {
                continue;
            }
            change[lo] += 1;
            change[hi] -= 1;
            if let Some(estimate) = range.estimate {
                let own = Period::of(estimate, zoom);
                let key = |b: &Bucket| (b.period.0.date, Reverse(b.period.0.precision));
                if let Ok(at) = buckets.binary_search_by_key(&(own.0.date, Reverse(own.0.precision)), key)
                    && (lo..hi).contains(&at)
                {
                    change[at] -= 1;
                    change[at + 1] += 1;
                }
            }
        }
        let mut possible = 0isize;
        for (bucket, change) in buckets.iter_mut().zip(change) {
            possible += change;
            bucket.possible = possible.max(0) as usize;
        }
    }

    /// How many articles the timeline holds.
    pub fn len(&self) -> usize {
        self.dated.len() + self.undated.len()
    }

    /// Whether the timeline holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Indices of articles without a publication date.
    pub fn undated(&self) -> &[usize] {
        &self.undated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::day(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
    }

    fn at(value: DateValue, precision: Precision) -> DateValue {
        DateValue { precision, ..value }
    }

    #[test]
    fn periods_start_on_the_first_day_of_their_span() {
        let thursday = day(2024, 1, 25);
        assert_eq!(Period::of(thursday, Zoom::Day).to_string(), "2024-01-25");
        assert_eq!(Period::of(thursday, Zoom::Week).0.date, NaiveDate::from_ymd_opt(2024, 1, 22).unwrap());
        assert_eq!(Period::of(thursday, Zoom::Week).to_string(), "2024-W04");
        assert_eq!(Period::of(thursday, Zoom::Month).to_string(), "2024-01");
        assert_eq!(Period::of(thursday, Zoom::Year).to_string(), "2024");
    }

    #[test]
    fn a_coarse_date_keeps_its_own_precision_at_a_finer_zoom() {
        let year_only = at(day(2024, 1, 1), Precision::Year);
        let period = Period::of(year_only, Zoom::Day);
        assert_eq!(period.precision(), Precision::Year);
        assert_eq!(period.to_string(), "2024");
    }

    #[test]
    fn contains_respects_precision() {
        let january = Period::of(day(2024, 1, 25), Zoom::Month);
        assert!(january.contains(day(2024, 1, 3)));
        assert!(!january.contains(day(2024, 2, 1)));
        assert!(!january.contains(at(day(2024, 1, 1), Precision::Year)), "a year-only date is not in January");
        let year = Period::of(day(2024, 6, 1), Zoom::Year);
        assert!(year.contains(at(day(2024, 1, 1), Precision::Year)));
        assert!(year.contains(day(2024, 12, 31)));
    }

    #[test]
    fn zoom_steps_stop_at_the_ends() {
        assert_eq!(Zoom::Year.coarser(), Zoom::Year);
        assert_eq!(Zoom::Year.finer(), Zoom::Month);
        assert_eq!(Zoom::Day.finer(), Zoom::Day);
        assert_eq!(Zoom::Day.coarser(), Zoom::Week);
    }

    #[test]
    fn buckets_count_articles_inferred_and_mentions() {
        let timeline = Timeline {
            ranges: vec![],
            dated: vec![
                (day(2024, 1, 25), 0, Provenance::Stated),
                (day(2024, 1, 3), 1, Provenance::Inferred),
                (at(day(2024, 1, 1), Precision::Year), 2, Provenance::Inferred),
                (day(2022, 3, 3), 3, Provenance::Stated),
            ],
            mentions: HashMap::from([
                (day(2024, 1, 10), 1),
                (day(2023, 8, 1), 1),
                (at(day(2023, 8, 1), Precision::Month), 1),
            ]),
            undated: vec![4],
        };
        let months = timeline.buckets(Zoom::Month);
        let summary: Vec<(String, Vec<usize>, usize, usize)> =
            months.iter().map(|b| (b.period.to_string(), b.articles.clone(), b.inferred, b.mentions)).collect();
        assert_eq!(
            summary,
            vec![
                ("2022-03".to_string(), vec![3], 0, 0),
                ("2023-08".to_string(), vec![], 0, 2),
                ("2024".to_string(), vec![2], 1, 0),
                ("2024-01".to_string(), vec![0, 1], 1, 1),
            ]
        );
        let years: Vec<(String, usize)> =
            timeline.buckets(Zoom::Year).iter().map(|b| (b.period.to_string(), b.articles.len())).collect();
        assert_eq!(years, vec![("2022".into(), 1), ("2023".into(), 0), ("2024".into(), 3)]);
        assert_eq!(timeline.undated(), &[4]);
    }

    #[test]
    fn a_range_is_possible_in_each_period_it_spans_except_its_estimates() {
        let bounds = |from: Option<DateValue>, to: Option<DateValue>, estimate| Range {
            from: from.map(|d| d.date),
            to: to.map(|d| d.date),
            estimate,
        };
        let timeline = Timeline {
            dated: vec![(day(2020, 5, 1), 0, Provenance::Stated), (day(2024, 6, 1), 1, Provenance::Inferred)],
            mentions: HashMap::new(),
            undated: vec![2, 3],
            ranges: vec![
                // 1: estimated in June 2024, known to lie in 2022–2024.
                bounds(Some(day(2022, 3, 1)), Some(day(2024, 12, 31)), Some(day(2024, 6, 1))),
                // 2: bounds only, 2021–2022.
                bounds(Some(day(2021, 2, 1)), Some(day(2022, 1, 31)), None),
                // 3: open after 2023: marked in 2023 only.
                bounds(Some(day(2023, 1, 1)), None, None),
            ],
        };
        let years: Vec<(String, usize, usize)> =
            timeline.buckets(Zoom::Year).iter().map(|b| (b.period.to_string(), b.articles.len(), b.possible)).collect();
        assert_eq!(
            years,
            vec![
                ("2020".into(), 1, 0),
                ("2021".into(), 0, 1),
                ("2022".into(), 0, 2),
                ("2023".into(), 0, 2),
                ("2024".into(), 1, 0),
            ]
        );
        // At month zoom the closed range shows its ends even in empty months.
        let months: Vec<String> = timeline.buckets(Zoom::Month).iter().map(|b| b.period.to_string()).collect();
        for end in ["2021-02", "2022-01", "2022-03", "2024-12"] {
            assert!(months.contains(&end.to_string()), "{end} in {months:?}");
        }
    }
}
