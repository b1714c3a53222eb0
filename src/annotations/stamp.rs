//! Who made each record and when: `created`, `modified` and `creator` on
//! claims, links and article notes. Teams merging through git, W3C's
//! `creator`/`created` and ClaimReview's dates all read them.

use super::model::{Annotations, ArticleNote, Claim, Link};
use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::HashMap;

/// The current time as records store it: RFC 3339 in UTC, whole seconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A stored time, when it reads as RFC 3339.
pub fn parse(time: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(time).ok().map(|t| t.with_timezone(&Utc))
}

/// Whether `a` is strictly later than `b`. A missing or unreadable time is
/// earlier than any readable one, so an unstamped record never wins over a
/// stamped edit.
pub fn is_later(a: Option<&str>, b: Option<&str>) -> bool {
    a.and_then(parse) > b.and_then(parse)
}

/// A record that carries who made it and when.
pub trait Stamped: Clone + PartialEq {
    /// The record's key in its list (id, or article id for notes).
    fn key(&self) -> &str;
    /// `created`, `modified` and `creator`.
    fn stamp(&self) -> [&Option<String>; 3];
    fn stamp_mut(&mut self) -> [&mut Option<String>; 3];

    /// Equal apart from who and when.
    fn same_content(&self, other: &Self) -> bool {
        if self == other {
            return true;
        }
        let unstamped = |record: &Self| {
            let mut record = record.clone();
            record.stamp_mut().into_iter().for_each(|part| *part = None);
            record
        };
        unstamped(self) == unstamped(other)
    }
}

macro_rules! stamped {
    ($record:ty, $key:ident) => {
        impl Stamped for $record {
            fn key(&self) -> &str {
                self.$key.as_str()
            }
            fn stamp(&self) -> [&Option<String>; 3] {
                [&self.created, &self.modified, &self.creator]
            }
            fn stamp_mut(&mut self) -> [&mut Option<String>; 3] {
                [&mut self.created, &mut self.modified, &mut self.creator]
            }
        }
    };
}

stamped!(Claim, id);
stamped!(Link, id);
stamped!(ArticleNote, article);

/// Stamps the records an edit made or changed: a new record gets
/// `created`, `modified` and `creator`; a changed one a new `modified`
/// (and the missing parts of an older record's stamp are left missing:
/// dossier does not know who made it).
pub fn stamp_changes(before: &Annotations, after: &mut Annotations, analyst: &str, now: &str) {
    stamp_list(&before.claims, &mut after.claims, analyst, now);
    stamp_list(&before.links, &mut after.links, analyst, now);
    stamp_list(&before.articles, &mut after.articles, analyst, now);
}

fn stamp_list<R: Stamped>(before: &[R], after: &mut [R], analyst: &str, now: &str) {
    let old: HashMap<&str, &R> = before.iter().map(|r| (r.key(), r)).collect();
    for record in after {
        match old.get(record.key()) {
            Some(old) if old.same_content(record) => {}
            Some(_) => *record.stamp_mut()[1] = Some(now.to_string()),
            None => {
                let [created, modified, creator] = record.stamp_mut();
                created.get_or_insert_with(|| now.to_string());
                *modified = Some(now.to_string());
                creator.get_or_insert_with(|| analyst.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::file;
    use std::path::Path;

    const T1: &str = "2026-12-05T10:00:00Z";
    const T2: &str = "2026-12-05T11:30:00Z";

    fn with_note() -> Annotations {
        let mut notes = Annotations::default();
        notes.article_mut("a.txt").date = Some("2024-02-08".into());
        notes
    }

    #[test]
    fn a_new_record_gets_created_modified_and_creator() {
        let before = Annotations::default();
        let mut after = with_note();
        stamp_changes(&before, &mut after, "Ana", T1);
        let note = after.article("a.txt").expect("note");
        assert_eq!(note.stamp(), [&Some(T1.to_string()), &Some(T1.to_string()), &Some("Ana".to_string())]);
    }

    #[test]
    fn a_changed_record_gets_a_new_modified_and_keeps_its_creator() {
        let mut before = with_note();
        stamp_changes(&Annotations::default(), &mut before, "Ana", T1);
        let mut after = before.clone();
        after.article_mut("a.txt").date = Some("2024-02-09".into());
        stamp_changes(&before, &mut after, "Ben", T2);
        let note = after.article("a.txt").expect("note");
        assert_eq!(note.created.as_deref(), Some(T1));
        assert_eq!(note.modified.as_deref(), Some(T2));
        assert_eq!(note.creator.as_deref(), Some("Ana"), "the creator stays who made it");
    }

    #[test]
    fn an_unchanged_record_keeps_its_stamp() {
        let mut before = with_note();
        stamp_changes(&Annotations::default(), &mut before, "Ana", T1);
        let mut after = before.clone();
        after.article_mut("b.txt").read = true;
        stamp_changes(&before, &mut after, "Ben", T2);
        assert_eq!(after.article("a.txt"), before.article("a.txt"));
        assert_eq!(after.article("b.txt").and_then(|n| n.creator.as_deref()), Some("Ben"));
    }

    #[test]
    fn times_compare_as_times_and_unknown_is_earliest() {
        assert!(is_later(Some(T2), Some(T1)));
        assert!(!is_later(Some(T1), Some(T2)));
        assert!(is_later(Some("2026-12-05T12:00:00+01:00"), Some("2026-12-05T10:59:59Z")));
        assert!(is_later(Some(T1), None));
        assert!(is_later(Some(T1), Some("yesterday")));
        assert!(!is_later(None, None));
    }

    #[test]
    fn stamps_round_trip_through_the_file_and_older_files_still_load() {
        let mut notes = with_note();
        stamp_changes(&Annotations::default(), &mut notes, "Ana \"A.\" Ruiz", T1);
        let text = file::render(&notes);
        assert!(text.contains(&format!("created: Some(\"{T1}\")")), "{text}");
        assert_eq!(file::parse(&text, Path::new("d.ron")).expect("parses"), notes);
        let older =
            "(\n  version: 1,\n  articles: [\n    (article: \"a.txt\", date: Some(\"2024\"), read: false),\n  ],\n)\n";
        let old = file::parse(older, Path::new("d.ron")).expect("an older file loads");
        assert_eq!(old.articles[0].stamp(), [&None, &None, &None]);
        assert!(!file::render(&old).contains("created"), "an older record is saved as it was");
    }
}
