//! The corpus as evidence: an article is dated by its kin, the dated
//! articles that tell the same story (found by `crate::suggest::dated_kin`).
//! News of one story is published within days, so where the kin agree on
//! a date the article takes it; its own bounds still hold, and its own
//! estimate stands where it is surer. Once dated, its `on Tuesday` and its
//! month-days without a year resolve against that date.

use super::calibration::Basis;
use super::resolve::period;
use super::{Bound, DateValue, Inference};
use chrono::Weekday;

/// A dated article of the same story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KinDate<'a> {
    /// How the reasoning names it (its id).
    pub name: &'a str,
    pub date: DateValue,
    /// How alike the two are, 0..=1.
    pub similarity: f32,
    /// A weekday both name as past or present (`on Tuesday`): the same
    /// week's news, once the stories are alike.
    pub same_weekday: Option<Weekday>,
}

/// What the article's own text says: its bounds and, if any, its estimate's
/// confidence.
#[derive(Debug, Clone, Copy, Default)]
pub struct OwnEvidence<'a> {
    pub not_before: Option<&'a Bound>,
    pub not_after: Option<&'a Bound>,
    pub estimate_confidence: Option<f32>,
}

/// Kin dated this many days apart agree.
const AGREE_DAYS: i64 = 3;

/// The corpus's reading of the article's date: the date its kin agree on,
/// weighted by how alike they are, when that agreement is strong enough,
/// lies within the article's own bounds, and is surer than its own
/// estimate. `None` otherwise.
pub fn from_kin(own: OwnEvidence, kin: &[KinDate]) -> Option<Inference> {
    let support = |k: &KinDate| -> f32 {
        kin.iter().filter(|o| (o.date.date - k.date.date).num_days().abs() <= AGREE_DAYS).map(|o| o.similarity).sum()
    };
    // The surest reading wins, then the most weight; the kin come most
    // alike first, so ties go to the most alike.
    let rank = |(_, weight, basis): &(&KinDate, f32, Basis)| (basis.confidence(), *weight);
    let (chosen, agreement, basis) = kin
        .iter()
        .filter_map(|k| {
            let weight = support(k);
            Some((k, weight, Basis::for_kin_agreement(weight, k.same_weekday.is_some())?))
        })
        .fold(None, |best: Option<(&KinDate, f32, Basis)>, next| match best {
            Some(b) if rank(&b) >= rank(&next) => Some(b),
            _ => Some(next),
        })?;
    let value = chosen.date;
    let (start, end) = period(value);
    let within = own.not_before.is_none_or(|b| end >= b.date) && own.not_after.is_none_or(|b| start <= b.date);
    let surer = own.estimate_confidence.is_none_or(|c| c < basis.confidence());
    if !within || !surer {
        return None;
    }
    let agreeing: Vec<String> = kin
        .iter()
        .filter(|o| (o.date.date - value.date).num_days().abs() <= AGREE_DAYS)
        .map(|o| format!("{} ({}, alike {:.2})", o.name, o.date, o.similarity))
        .collect();
    let mut reasoning: Vec<String> = own.not_before.iter().chain(&own.not_after).map(|b| b.why.clone()).collect();
    reasoning.push(format!(
        "told like {}: {} of its {} dated kin agree within {AGREE_DAYS} days (weight {agreement:.2}), so {value}",
        agreeing.join(", "),
        agreeing.len(),
        kin.len()
    ));
    if let Some(day) = chosen.same_weekday {
        reasoning.push(format!("both it and {} name {day:?}: the same week's news", chosen.name));
    }
    reasoning.push(basis.explain());
    Some(Inference {
        value: Some(value),
        confidence: basis.confidence(),
        not_before: own.not_before.cloned(),
        not_after: own.not_after.cloned(),
        reasoning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> DateValue {
        DateValue::day(s.parse().expect("test date"))
    }

    fn kin<'a>(name: &'a str, date: &str, similarity: f32) -> KinDate<'a> {
        KinDate { name, date: day(date), similarity, same_weekday: None }
    }

    #[test]
    fn agreeing_kin_date_the_article() {
        let found = from_kin(
            OwnEvidence::default(),
            &[kin("a.md", "2030-03-14", 0.5), kin("b.md", "2030-03-15", 0.4), kin("c.md", "2029-01-02", 0.45)],
        )
        .expect("dated");
        assert_eq!(found.value, Some(day("2030-03-14")));
        assert!(found.reasoning.iter().any(|r| r.starts_with("told like a.md (2030-03-14, alike 0.50), b.md")));
        assert!(found.reasoning.iter().all(|r| !r.contains("c.md")));
    }

    #[test]
    fn weak_kin_say_nothing() {
        assert_eq!(from_kin(OwnEvidence::default(), &[kin("a.md", "2030-03-14", 0.05)]), None);
        assert_eq!(from_kin(OwnEvidence::default(), &[kin("a.md", "2030-03-14", 0.2)]), None);
        assert_eq!(from_kin(OwnEvidence::default(), &[]), None);
    }

    #[test]
    fn a_weekday_named_in_both_makes_weaker_kin_count() {
        let same_week = KinDate { same_weekday: Some(Weekday::Tue), ..kin("a.md", "2030-03-14", 0.2) };
        let found = from_kin(OwnEvidence::default(), &[same_week]).expect("dated");
        assert_eq!(found.value, Some(day("2030-03-14")));
        assert!(found.reasoning.iter().any(|r| r == "both it and a.md name Tue: the same week's news"));
    }

    #[test]
    fn the_article_s_own_bounds_and_surer_estimate_stand() {
        let strong = [kin("a.md", "2030-03-14", 0.9)];
        let after = Bound { date: NaiveDate::from_ymd_opt(2030, 4, 1).expect("day"), why: "later".into() };
        let bounded = OwnEvidence { not_before: Some(&after), ..OwnEvidence::default() };
        assert_eq!(from_kin(bounded, &strong), None);
        let before = Bound { date: NaiveDate::from_ymd_opt(2030, 3, 1).expect("day"), why: "earlier".into() };
        let found = from_kin(OwnEvidence { not_before: Some(&before), ..OwnEvidence::default() }, &strong);
        assert_eq!(found.as_ref().and_then(|f| f.not_before.clone()), Some(before));
        let sure = OwnEvidence { estimate_confidence: Some(0.99), ..OwnEvidence::default() };
        assert_eq!(from_kin(sure, &strong), None);
    }
}
