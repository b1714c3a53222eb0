//! Stamps: full dates that say when something was posted rather than when
//! an event happened. An embedded social post signs off with its author
//! and date (`— Jane Doe (@jdoe) March 13, 2017`, `A post shared by … on
//! Mar 14, 2017 at 9:30am PDT`); a page or post stamp carries a clock time
//! (`March 17, 2017, 2:13 p.m.`, `27.01.2024, 10:00 Uhr`) or a label
//! (`Updated:`, `Stand:`). Such dates are the formats of the platforms and
//! pages that news is scraped from, not any one outlet's habit; the
//! article was written on or after them, and news embeds the posts of the
//! day.

use super::{DateExpr, DateMention};

/// What makes a full date a stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stamp {
    /// The signature of an embedded post: `(@handle)` right before it.
    Post,
    /// A clock time right after it.
    ClockTime,
    /// A label right before it (`Published`, `Updated`, `Stand`).
    Label,
}

impl Stamp {
    /// How the reasoning names it.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Stamp::Post => "the date of an embedded post",
            Stamp::ClockTime => "a date with its clock time, a post's or page's stamp",
            Stamp::Label => "a labelled page stamp",
        }
    }
}

/// How far around a date its stamp's marks are looked for, in bytes.
const LOOK_BEFORE: usize = 40;
const LOOK_AFTER: usize = 16;

/// Words that label a page's own date, lowercase.
const LABELS: &[&str] = &["published", "updated", "posted", "veröffentlicht", "aktualisiert", "erschienen", "stand"];

/// Whether the full date `m` is a stamp, and of which kind.
pub(super) fn stamp_of(text: &str, m: &DateMention) -> Option<Stamp> {
    if !matches!(m.expr, DateExpr::Date(_)) {
        return None;
    }
    let before = line_window(text, m.span.start().saturating_sub(LOOK_BEFORE), m.span.start());
    let after = line_window(text, m.span.end(), m.span.end() + LOOK_AFTER);
    if signs_a_post(before) {
        Some(Stamp::Post)
    } else if starts_with_clock_time(after) {
        Some(Stamp::ClockTime)
    } else if ends_with_label(before) {
        Some(Stamp::Label)
    } else {
        None
    }
}

/// `text[from..to]`, widened to char boundaries; the callers keep the
/// part on the date's own line.
fn line_window(text: &str, from: usize, to: usize) -> &str {
    let mut from = from.min(text.len());
    let mut to = to.min(text.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[from..to]
}

/// `… (@handle) ` right before the date.
fn signs_a_post(before: &str) -> bool {
    let before = before.rsplit('\n').next().unwrap_or_default().trim_end();
    let Some(inside) = before.strip_suffix(')') else { return false };
    let Some(open) = inside.rfind('(') else { return false };
    let handle = &inside[open + 1..];
    handle.len() > 1 && handle.starts_with('@') && handle[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `at 9:30am`, `, 2:13 p.m.`, `10:00 Uhr`, `um 10 Uhr` right after the date.
fn starts_with_clock_time(after: &str) -> bool {
    let after = after.split('\n').next().unwrap_or_default();
    let rest = after.trim_start_matches([' ', ',', '-', '–', '|']);
    let rest = ["at ", "um ", "@ "].iter().find_map(|w| rest.strip_prefix(w)).unwrap_or(rest);
    let hours = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&hours) {
        return false;
    }
    let rest = &rest[hours..];
    let minutes = |r: &str| r.len() >= 2 && r.as_bytes()[..2].iter().all(u8::is_ascii_digit);
    let meridiem = |r: &str| {
        let r = r.trim_start().to_ascii_lowercase();
        ["am", "pm", "a.m.", "p.m.", "uhr"].iter().any(|m| r.starts_with(m))
    };
    match rest.strip_prefix(':') {
        Some(r) => minutes(r),
        None => meridiem(rest),
    }
}

/// `Updated:`, `Published on`, `Stand:` right before the date.
fn ends_with_label(before: &str) -> bool {
    let before = before.rsplit('\n').next().unwrap_or_default().trim_end();
    let before = before.strip_suffix(':').unwrap_or(before).trim_end().to_lowercase();
    let last = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    LABELS.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::super::{Lang, extract};
    use super::*;

    /// The stamp kind of each full date in `text`.
    fn stamps(text: &str) -> Vec<Option<Stamp>> {
        extract(text, &[], Lang::Unknown)
            .iter()
            .filter(|m| m.kind == super::super::MentionKind::Absolute)
            .map(|m| stamp_of(text, m))
            .collect()
    }

    #[test]
    fn embedded_posts_sign_off_with_handle_and_date() {
        assert_eq!(
            stamps("Courts must act fast! — A Senator (@asenator) February 7, 2017 He said"),
            [Some(Stamp::Post)]
        );
        assert_eq!(stamps("A post shared by Someone (@some_one) on Mar 14, 2017 at 9:30am PDT"), [Some(Stamp::Post)]);
    }

    #[test]
    fn clock_times_and_labels_make_stamps() {
        assert_eq!(stamps("By A. Writer, March 17, 2017, 2:13 p.m. The former"), [Some(Stamp::ClockTime)]);
        assert_eq!(stamps("Stand: 27.01.2024, 10:00 Uhr"), [Some(Stamp::ClockTime)]);
        assert_eq!(stamps("Updated: 5 March 2024"), [Some(Stamp::Label)]);
        assert_eq!(stamps("Veröffentlicht am 5. März 2024"), [Some(Stamp::Label)]);
    }

    #[test]
    fn dates_of_events_are_no_stamps() {
        assert_eq!(
            stamps("He was killed on 12 February 2008 (aged 27). The trial opened 3 March 2017 at the court."),
            [None, None]
        );
        assert_eq!(stamps("Original air date: Jan. 21, 2008"), [None]);
        assert_eq!(stamps("the (@ symbol) and March 3, 2017"), [None]);
    }
}
