//! Publication dates measured against real, labelled news: reads
//! `../shared/eval/dates-dev` (867 articles with their true dates in
//! `gold.tsv`; never copied into this repository), runs `dossier inspect
//! --json` over it and over half-dated copies of it (the gold dates of a
//! seeded half put into front matter), scores the output as
//! `../shared/eval/score_dates.py` does, and asserts the thresholds of
//! issue 11. Skips with a notice where `../shared/eval` is absent.
//!
//! `cargo test --release --test eval_dates -- --nocapture` also prints
//! every basis's share right: the figures behind the calibration table in
//! `src/corpus/dates/calibration.rs`.

use chrono::{Datelike, Days, NaiveDate};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "support/cli.rs"]
mod cli_support;

/// Seeds of the half-dated copies; their figures are pooled, for one
/// random half varies by a few points.
const HALF_DATED_SEEDS: [u64; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

fn dev_set() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dates-dev");
    if dir.join("gold.tsv").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent (the evaluation data lives outside the repository)", dir.display());
        None
    }
}

/// `file<TAB>published…` lines, a header allowed.
fn gold(dir: &Path) -> BTreeMap<String, NaiveDate> {
    let text = fs::read_to_string(dir.join("gold.tsv")).expect("read gold.tsv");
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let file = fields.next()?;
            let date = NaiveDate::parse_from_str(fields.next()?.get(..10)?, "%Y-%m-%d").ok()?;
            Some((file.to_string(), date))
        })
        .collect()
}

/// `dossier inspect DIR --json`, one object per article.
fn inspect(dir: &Path) -> Vec<Value> {
    let output = cli_support::command().args(["inspect", "--json"]).arg(dir).output().expect("run dossier");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// The first and last day a value stands for: `2017-02-07`, `2017-W06`,
/// `2017-02`, `2017`.
fn period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    if value.len() == 10 {
        let d = day(value)?;
        return Some((d, d));
    }
    if let Some((year, week)) = value.split_once("-W") {
        let monday = NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Mon)?;
        return Some((monday, monday.checked_add_days(Days::new(6))?));
    }
    if value.len() == 7 {
        let first = day(&format!("{value}-01"))?;
        let next = first.checked_add_months(chrono::Months::new(1))?;
        return Some((first, next.pred_opt()?));
    }
    let year = value.parse().ok()?;
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// The scorer's "right": a day within 7 days, a week containing the true
/// date or within 3 days of it, a month or year containing it.
fn right(value: &str, precision: &str, truth: NaiveDate) -> bool {
    let Some((first, last)) = period(value) else { return false };
    if precision == "day" || value.len() == 10 {
        return (first - truth).num_days().abs() <= 7;
    }
    if value.contains("-W") {
        return first - chrono::Duration::days(3) <= truth && truth <= last + chrono::Duration::days(3);
    }
    first <= truth && truth <= last
}

/// What the scorer prints, and the share right of day and week estimates.
#[derive(Debug, Default)]
struct Score {
    scored: usize,
    pin: usize,
    pin_right: usize,
    day_or_week: usize,
    day_or_week_right: usize,
    year: usize,
    year_right: usize,
    bounded: usize,
    bounds_hold: usize,
    /// Per tenth of confidence: count, summed confidence, right.
    buckets: [(usize, f64, usize); 10],
    /// Per basis: estimates and right ones.
    bases: BTreeMap<String, (usize, usize)>,
}

impl Score {
    fn of(lines: &[Value], gold: &BTreeMap<String, NaiveDate>) -> Score {
        let mut s = Score::default();
        for line in lines {
            let id = line["id"].as_str().expect("id");
            let Some(&truth) = gold.get(id.rsplit('/').next().unwrap_or(id)) else { continue };
            let date = &line["date"];
            if date["provenance"] == "stated" {
                continue;
            }
            s.scored += 1;
            if date.is_null() {
                continue;
            }
            if let Some(value) = date["value"].as_str() {
                let precision = date["precision"].as_str().unwrap_or_default();
                s.year += 1;
                s.year_right += usize::from(period(value).is_some_and(|(first, _)| first.year() == truth.year()));
                if value.len() > 4 {
                    let ok = right(value, precision, truth);
                    s.pin += 1;
                    s.pin_right += usize::from(ok);
                    if precision == "day" || precision == "week" {
                        s.day_or_week += 1;
                        s.day_or_week_right += usize::from(ok);
                    }
                    let confidence = date["confidence"].as_f64().unwrap_or_default();
                    let bucket = &mut s.buckets[((confidence * 10.0) as usize).min(9)];
                    *bucket = (bucket.0 + 1, bucket.1 + confidence, bucket.2 + usize::from(ok));
                    let basis = basis_of(date);
                    let entry = s.bases.entry(basis).or_default();
                    *entry = (entry.0 + 1, entry.1 + usize::from(ok));
                }
            }
            let day = |field: &str| date[field].as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let (from, to) = (day("not_before"), day("not_after"));
            if from.is_some() || to.is_some() {
                s.bounded += 1;
                s.bounds_hold += usize::from(from.is_none_or(|f| f <= truth) && to.is_none_or(|t| truth <= t));
            }
        }
        s
    }

    /// Adds another copy's counts to these.
    fn add(&mut self, other: &Score) {
        self.scored += other.scored;
        self.pin += other.pin;
        self.pin_right += other.pin_right;
        self.day_or_week += other.day_or_week;
        self.day_or_week_right += other.day_or_week_right;
        self.year += other.year;
        self.year_right += other.year_right;
        self.bounded += other.bounded;
        self.bounds_hold += other.bounds_hold;
        for (mine, theirs) in self.buckets.iter_mut().zip(&other.buckets) {
            *mine = (mine.0 + theirs.0, mine.1 + theirs.1, mine.2 + theirs.2);
        }
        for (basis, (n, ok)) in &other.bases {
            let entry = self.bases.entry(basis.clone()).or_default();
            *entry = (entry.0 + n, entry.1 + ok);
        }
    }

    /// Mean |confidence - share right| over the buckets, weighted by size.
    fn calibration_error(&self) -> f64 {
        let gap: f64 = self
            .buckets
            .iter()
            .filter(|b| b.0 > 0)
            .map(|&(n, sum, ok)| (sum / n as f64 - ok as f64 / n as f64).abs() * n as f64)
            .sum();
        gap / self.pin.max(1) as f64
    }

    fn share(part: usize, whole: usize) -> f64 {
        part as f64 / whole.max(1) as f64
    }

    fn summary(&self) -> String {
        let share = Score::share;
        format!(
            "pin {:.1}% @ {:.1}%, year {:.1}% @ {:.1}%, bounds {:.1}% @ {:.1}%, ece {:.3}; day/week {:.1}% @ {:.1}%",
            100.0 * share(self.pin, self.scored),
            100.0 * share(self.pin_right, self.pin),
            100.0 * share(self.year, self.scored),
            100.0 * share(self.year_right, self.year),
            100.0 * share(self.bounded, self.scored),
            100.0 * share(self.bounds_hold, self.bounded),
            self.calibration_error(),
            100.0 * share(self.day_or_week, self.scored),
            100.0 * share(self.day_or_week_right, self.day_or_week),
        )
    }

    fn print_bases(&self, name: &str) {
        for (basis, (n, ok)) in &self.bases {
            eprintln!("  {name} basis {basis:<28} {ok:>4} of {n:<4} right ({:.2})", Score::share(*ok, *n));
        }
    }
}

/// The basis the closing reasoning line names (`… (basis: stamp)`).
fn basis_of(date: &Value) -> String {
    let last = date["reasoning"].as_array().and_then(|r| r.last()).and_then(Value::as_str).unwrap_or_default();
    last.rsplit_once("(basis: ").map_or("?", |(_, b)| b.trim_end_matches(')')).to_string()
}

/// A copy of the dev set in `to` in which a seeded half of the articles
/// carry their gold date in front matter (as Markdown files).
fn half_dated_copy(dev: &Path, gold: &BTreeMap<String, NaiveDate>, seed: u64, to: &Path) {
    let mut files: Vec<&String> = gold.keys().collect();
    // A seeded shuffle (splitmix64), then the first half is dated.
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..files.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        files.swap(i, j);
    }
    let half = files.len() / 2;
    for (i, file) in files.iter().enumerate() {
        let body = fs::read(dev.join(file)).expect("read a dev article");
        if i < half {
            let stem = file.strip_suffix(".txt").unwrap_or(file);
            let mut dated = format!("---\ndate: {}\n---\n", gold[*file]).into_bytes();
            dated.extend_from_slice(&body);
            fs::write(to.join(format!("{stem}.md")), dated).expect("write a dated copy");
        } else {
            fs::write(to.join(file), body).expect("write a copy");
        }
    }
}

/// The thresholds not met.
fn misses<'a>(checks: &[(&'a str, bool)]) -> Vec<&'a str> {
    checks.iter().filter(|(_, met)| !met).map(|(what, _)| *what).collect()
}

#[test]
fn dates_dev_set_meets_thresholds() {
    let Some(dev) = dev_set() else { return };
    let gold = gold(&dev);
    let score = Score::of(&inspect(&dev), &gold);
    eprintln!("dates-dev: {}", score.summary());
    score.print_bases("dates-dev");
    let share = Score::share;
    let missed = misses(&[
        ("pinpointed coverage >= 2%", share(score.pin, score.scored) >= 0.02),
        ("pinpointed >= 80% right", share(score.pin_right, score.pin) >= 0.80),
        ("year coverage >= 5%", share(score.year, score.scored) >= 0.05),
        ("years >= 90% right", share(score.year_right, score.year) >= 0.90),
        ("bounds coverage >= 40%", share(score.bounded, score.scored) >= 0.40),
        ("bounds >= 95% valid", share(score.bounds_hold, score.bounded) >= 0.95),
        ("calibration error <= 0.10", score.calibration_error() <= 0.10),
    ]);
    assert!(missed.is_empty(), "dates-dev misses: {missed:?}\n{}", score.summary());
}

#[test]
fn dates_dev_half_dated_copies_meet_thresholds() {
    let Some(dev) = dev_set() else { return };
    let gold = gold(&dev);
    let mut pooled = Score::default();
    for seed in HALF_DATED_SEEDS {
        let dir = tempfile::tempdir().expect("a temporary folder");
        half_dated_copy(&dev, &gold, seed, dir.path());
        let score = Score::of(&inspect(dir.path()), &gold);
        eprintln!("half-dated copy, seed {seed}: {}", score.summary());
        pooled.add(&score);
    }
    eprintln!("half-dated copies pooled: {}", pooled.summary());
    pooled.print_bases("pooled");
    let share = Score::share;
    let missed = misses(&[
        ("day or week estimates for >= 30%", share(pooled.day_or_week, pooled.scored) >= 0.30),
        (">= 75% of them within 7 days", share(pooled.day_or_week_right, pooled.day_or_week) >= 0.75),
        (">= 95% of years right", share(pooled.year_right, pooled.year) >= 0.95),
    ]);
    assert!(missed.is_empty(), "half-dated copies miss: {missed:?}\n{}", pooled.summary());
}
