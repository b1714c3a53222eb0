//! Three-way merge of annotation sets by record id: what git does with
//! lines, done with claims, links and article notes, so that two analysts'
//! files combine without a text conflict and no one's work is lost.
//!
//! Rules: a record added on one side is kept; deleted on one side and
//! unchanged on the other, it is deleted; deleted on one side and edited on
//! the other, the edited one is kept. Inside a record, a field changed on
//! one side only takes that change; changed on both sides to different
//! values, it keeps ours and records theirs in the record's `conflicts`.
//! Tag lists merge as sets (both sides' additions, minus both sides'
//! removals), so tagging never conflicts.
//!
//! Who and when: a field changed differently on both sides takes the side
//! whose record was modified later (ours when that is unknown or equal),
//! flags the other value, and the merge says which records it settled so.
//! `created`/`creator` keep the earlier making; `modified` the later one.

use super::model::{Annotations, ArticleNote, Claim, FieldConflict, Link};
use super::stamp::{Stamped, is_later};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::hash::Hash;

/// The result of a merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The merged set, normalised (every list sorted).
    pub annotations: Annotations,
    /// How many fields conflicted in this merge (each is flagged on its record).
    pub conflicts: usize,
    /// The records where a conflict took theirs because theirs was modified
    /// later, each as a line for the analyst.
    pub later_kept: Vec<String>,
}

/// What the merge of each record reports.
#[derive(Default)]
struct Tally {
    conflicts: usize,
    later_kept: Vec<String>,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Annotations, ours: &Annotations, theirs: &Annotations) -> Merged {
    let mut tally = Tally::default();
    let claims = merge_records(
        &base.claims,
        &ours.claims,
        &theirs.claims,
        |c| &c.id,
        |b, o, t| merge_claim(b, o, t, &mut tally),
    );
    let links =
        merge_records(&base.links, &ours.links, &theirs.links, |l| &l.id, |b, o, t| merge_link(b, o, t, &mut tally));
    let articles = merge_articles(&base.articles, &ours.articles, &theirs.articles, &mut tally);
    let rejected = merge_set(&base.rejected, &ours.rejected, &theirs.rejected, |r| (&r.from, &r.to, &r.kind));
    let mut annotations = Annotations { version: ours.version.max(theirs.version), articles, claims, links, rejected };
    annotations.normalise();
    Merged { annotations, conflicts: tally.conflicts, later_kept: tally.later_kept }
}

/// Pairs records by key and merges each pair (`merge` gets base, ours, theirs).
fn merge_records<'a, R, K>(
    base: &'a [R],
    ours: &'a [R],
    theirs: &'a [R],
    key: impl Fn(&'a R) -> K,
    mut merge: impl FnMut(Option<&R>, &R, &R) -> R,
) -> Vec<R>
where
    R: Clone + PartialEq,
    K: Ord,
{
    type Sides<'a, R> = [Option<&'a R>; 3];
    let mut by_key: BTreeMap<K, Sides<'a, R>> = BTreeMap::new();
    for (side, records) in [base, ours, theirs].into_iter().enumerate() {
        for record in records {
            by_key.entry(key(record)).or_default()[side] = Some(record);
        }
    }
    by_key
        .into_values()
        .filter_map(|sides| match sides {
            [base, Some(ours), Some(theirs)] => Some(merge(base, ours, theirs)),
            // Deleted on one side: gone if the other side left it alone,
            // kept if the other side edited it (never lose work).
            [Some(base), Some(kept), None] | [Some(base), None, Some(kept)] => (kept != base).then(|| kept.clone()),
            [None, Some(added), None] | [None, None, Some(added)] => Some(added.clone()),
            [_, None, None] => None,
        })
        .collect()
}

/// Article notes: a missing note is a blank one, so "deleted" notes merge
/// field by field (a reset date on one side, a new title on the other).
fn merge_articles(
    base: &[ArticleNote],
    ours: &[ArticleNote],
    theirs: &[ArticleNote],
    tally: &mut Tally,
) -> Vec<ArticleNote> {
    let mut by_article: BTreeMap<&str, [Option<&ArticleNote>; 3]> = BTreeMap::new();
    for (side, notes) in [base, ours, theirs].into_iter().enumerate() {
        for note in notes {
            by_article.entry(&note.article).or_default()[side] = Some(note);
        }
    }
    by_article
        .into_iter()
        .map(|(article, [base, ours, theirs])| {
            let blank = ArticleNote::new(article);
            let side = |note: Option<&ArticleNote>| note.cloned().unwrap_or_else(|| blank.clone());
            merge_article(&side(base), &side(ours), &side(theirs), tally)
        })
        .filter(|note| !note.is_blank())
        .collect()
}

fn merge_claim(base: Option<&Claim>, ours: &Claim, theirs: &Claim, tally: &mut Tally) -> Claim {
    let mut fields = Fields::new(tally, base, ours, theirs);
    let [created, modified, creator] = merge_stamp(base, ours, theirs);
    let claim = Claim {
        id: ours.id.clone(),
        anchor: fields.pick("anchor", base.map(|c| &c.anchor), &ours.anchor, &theirs.anchor),
        tags: merge_set(base.map_or(&[], |c| &c.tags), &ours.tags, &theirs.tags, |t| t),
        speaker: fields.pick("speaker", base.map(|c| &c.speaker), &ours.speaker, &theirs.speaker),
        summary: fields.pick("summary", base.map(|c| &c.summary), &ours.summary, &theirs.summary),
        verdict: fields.pick("verdict", base.map(|c| &c.verdict), &ours.verdict, &theirs.verdict),
        about: fields.pick("about", base.map(|c| &c.about), &ours.about, &theirs.about),
        note: fields.pick("note", base.map(|c| &c.note), &ours.note, &theirs.note),
        created,
        modified,
        creator,
        conflicts: vec![],
    };
    let conflicts = fields.finish("claim", base.map(|c| &c.conflicts[..]), &ours.conflicts, &theirs.conflicts);
    Claim { conflicts, ..claim }
}

fn merge_link(base: Option<&Link>, ours: &Link, theirs: &Link, tally: &mut Tally) -> Link {
    let mut fields = Fields::new(tally, base, ours, theirs);
    let [created, modified, creator] = merge_stamp(base, ours, theirs);
    let link = Link {
        id: ours.id.clone(),
        from: fields.pick("from", base.map(|l| &l.from), &ours.from, &theirs.from),
        to: fields.pick("to", base.map(|l| &l.to), &ours.to, &theirs.to),
        kind: fields.pick("kind", base.map(|l| &l.kind), &ours.kind, &theirs.kind),
        note: fields.pick("note", base.map(|l| &l.note), &ours.note, &theirs.note),
        origin: fields.pick("origin", base.map(|l| &l.origin), &ours.origin, &theirs.origin),
        created,
        modified,
        creator,
        conflicts: vec![],
    };
    let conflicts = fields.finish("link", base.map(|l| &l.conflicts[..]), &ours.conflicts, &theirs.conflicts);
    Link { conflicts, ..link }
}

fn merge_article(base: &ArticleNote, ours: &ArticleNote, theirs: &ArticleNote, tally: &mut Tally) -> ArticleNote {
    let mut fields = Fields::new(tally, Some(base), ours, theirs);
    let [created, modified, creator] = merge_stamp(Some(base), ours, theirs);
    // A date and where it came from travel together: mixing one side's date
    // with the other side's provenance would misattribute it.
    let dated = |n: &ArticleNote| (n.date.clone(), n.date_provenance.clone(), n.date_from.clone());
    let (date, date_provenance, date_from) = fields.pick("date", Some(&dated(base)), &dated(ours), &dated(theirs));
    let note = ArticleNote {
        article: ours.article.clone(),
        date,
        date_provenance,
        date_from,
        title: fields.pick("title", Some(&base.title), &ours.title, &theirs.title),
        source: fields.pick("source", Some(&base.source), &ours.source, &theirs.source),
        tags: merge_set(&base.tags, &ours.tags, &theirs.tags, |t| t),
        read: fields.pick("read", Some(&base.read), &ours.read, &theirs.read),
        created,
        modified,
        creator,
        conflicts: vec![],
    };
    ArticleNote {
        conflicts: fields.finish("article note", Some(&base.conflicts), &ours.conflicts, &theirs.conflicts),
        ..note
    }
}

/// `created`, `modified` and `creator` of a merged record. A side that
/// alone changed them is taken; when both did, the earlier making (with
/// its creator) and the later modification.
fn merge_stamp<R: Stamped>(base: Option<&R>, ours: &R, theirs: &R) -> [Option<String>; 3] {
    let [base_created, base_modified, base_creator] = base.map_or([&None, &None, &None], Stamped::stamp);
    let [ours_created, ours_modified, ours_creator] = ours.stamp();
    let [theirs_created, theirs_modified, theirs_creator] = theirs.stamp();
    let made = |stamp: (&Option<String>, &Option<String>)| (stamp.0.clone(), stamp.1.clone());
    let (ours_made, theirs_made) = (made((ours_created, ours_creator)), made((theirs_created, theirs_creator)));
    let base_made = made((base_created, base_creator));
    let (created, creator) = one_sided(base.map(|_| &base_made), &ours_made, &theirs_made).unwrap_or_else(|| {
        // Both made it (or both re-stamped it): the earlier making.
        if is_later(ours_made.0.as_deref(), theirs_made.0.as_deref()) { theirs_made } else { ours_made }
    });
    let modified = one_sided(base.map(|_| base_modified), ours_modified, theirs_modified).unwrap_or_else(|| {
        if is_later(theirs_modified.as_deref(), ours_modified.as_deref()) { theirs_modified } else { ours_modified }
            .clone()
    });
    [created, modified, creator]
}

/// The merged value when at most one side changed it.
fn one_sided<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || base == Some(theirs) {
        Some(ours.clone())
    } else if base == Some(ours) {
        Some(theirs.clone())
    } else {
        None
    }
}

/// Field-by-field merge of one record, collecting the conflicts it finds.
struct Fields<'c> {
    found: Vec<FieldConflict>,
    tally: &'c mut Tally,
    /// Theirs was modified later, so its value wins a conflict.
    theirs_later: bool,
    /// The record's key and both modification times, for the report.
    key: String,
    times: [Option<String>; 2],
    /// Fields where theirs won for being later.
    took_theirs: Vec<String>,
}

impl<'c> Fields<'c> {
    fn new<R: Stamped>(tally: &'c mut Tally, base: Option<&R>, ours: &R, theirs: &R) -> Fields<'c> {
        // Only a record both sides edited since the base is decided by time.
        let edited = |side: &R| base.is_none_or(|base| !base.same_content(side));
        let (ours_modified, theirs_modified) = (ours.stamp()[1], theirs.stamp()[1]);
        Fields {
            found: vec![],
            tally,
            theirs_later: edited(ours)
                && edited(theirs)
                && is_later(theirs_modified.as_deref(), ours_modified.as_deref()),
            key: ours.key().to_string(),
            times: [ours_modified.clone(), theirs_modified.clone()],
            took_theirs: vec![],
        }
    }

    /// The merged value of one field; `base` is `None` when both sides
    /// added the record independently.
    fn pick<T: PartialEq + Clone + Serialize>(&mut self, field: &str, base: Option<&T>, ours: &T, theirs: &T) -> T {
        if ours == theirs || base == Some(theirs) {
            return ours.clone();
        }
        if base == Some(ours) {
            return theirs.clone();
        }
        self.tally.conflicts += 1;
        let (kept, other) = if self.theirs_later { (theirs, ours) } else { (ours, theirs) };
        if self.theirs_later {
            self.took_theirs.push(field.to_string());
        }
        // RON, so `None` and `""` stay distinguishable in the flag.
        let other_text = ron::ser::to_string(other).expect("annotation fields always serialise");
        self.found.push(FieldConflict { field: field.to_string(), theirs: other_text });
        kept.clone()
    }

    /// The record's conflict list: earlier flags merged as a set (one side
    /// settling a flag removes it), then the flags of this merge.
    /// Also reports the fields where theirs won for being later.
    fn finish(
        self,
        record: &str,
        base: Option<&[FieldConflict]>,
        ours: &[FieldConflict],
        theirs: &[FieldConflict],
    ) -> Vec<FieldConflict> {
        let mut all = merge_set(base.unwrap_or(&[]), ours, theirs, |c| (&c.field, &c.theirs));
        for conflict in self.found {
            if !all.contains(&conflict) {
                all.push(conflict);
            }
        }
        if !self.took_theirs.is_empty() {
            let [ours, theirs] = self.times.map(|t| t.unwrap_or_else(|| "unknown".to_string()));
            self.tally.later_kept.push(format!(
                "{record} {}: kept theirs for {} (modified {theirs}, later than ours {ours}); ours listed under `conflicts`",
                self.key,
                self.took_theirs.join(", ")
            ));
        }
        all
    }
}

/// Three-way merge of a list read as a set: an element stays if both sides
/// have it or one side added it. Ours' order first, then theirs' additions;
/// a side that alone changed the list is taken whole, in its own order.
fn merge_set<'a, T: Clone + PartialEq, K: Hash + Eq>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<T> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base {
        return ours.to_vec();
    }
    let base_keys: HashSet<K> = base.iter().map(&key).collect();
    let theirs_keys: HashSet<K> = theirs.iter().map(&key).collect();
    let mut seen: HashSet<K> = HashSet::new();
    let mut merged = vec![];
    for item in ours {
        let k = key(item);
        if (theirs_keys.contains(&k) || !base_keys.contains(&k)) && !seen.contains(&k) {
            seen.insert(k);
            merged.push(item.clone());
        }
    }
    for item in theirs {
        let k = key(item);
        if !base_keys.contains(&k) && !seen.contains(&k) {
            seen.insert(k);
            merged.push(item.clone());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Anchor, Endpoint, LinkOrigin, RecordId, RejectedSuggestion};

    fn claim(id: &str) -> Claim {
        Claim {
            id: RecordId(id.into()),
            anchor: Anchor::new("a.txt", "Troops will go. Talks paused.", 0..15),
            tags: vec!["troops".into()],
            speaker: None,
            summary: None,
            verdict: "unverified".into(),
            about: None,
            note: String::new(),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        }
    }

    fn link(id: &str) -> Link {
        Link {
            id: RecordId(id.into()),
            from: Endpoint::Article("en/a.txt".into()),
            to: Endpoint::Article("de/a.txt".into()),
            kind: "translation-of".into(),
            note: String::new(),
            origin: LinkOrigin::Manual,
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        }
    }

    fn with_claims(claims: Vec<Claim>) -> Annotations {
        Annotations { claims, ..Annotations::default() }
    }

    #[test]
    fn additions_on_either_side_are_kept_in_id_order() {
        let base = with_claims(vec![claim("B")]);
        let ours = with_claims(vec![claim("B"), claim("C")]);
        let theirs = with_claims(vec![claim("A"), claim("B")]);
        let merged = merge(&base, &ours, &theirs);
        let ids: Vec<&str> = merged.annotations.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn a_deletion_wins_over_an_untouched_record() {
        let base = with_claims(vec![claim("A"), claim("B")]);
        let ours = with_claims(vec![claim("B")]);
        let theirs = base.clone();
        assert_eq!(merge(&base, &ours, &theirs).annotations.claims, vec![claim("B")]);
        assert_eq!(merge(&base, &theirs, &ours).annotations.claims, vec![claim("B")]);
    }

    #[test]
    fn an_edit_wins_over_a_deletion_on_either_side() {
        let base = with_claims(vec![claim("A")]);
        let mut edited = claim("A");
        edited.note = "checked with the ministry".into();
        let edits = with_claims(vec![edited.clone()]);
        let deletes = with_claims(vec![]);
        assert_eq!(merge(&base, &deletes, &edits).annotations.claims, vec![edited.clone()]);
        assert_eq!(merge(&base, &edits, &deletes).annotations.claims, vec![edited]);
    }

    #[test]
    fn deleted_on_both_sides_is_gone() {
        let base = with_claims(vec![claim("A")]);
        let empty = Annotations::default();
        assert!(merge(&base, &empty, &empty).annotations.claims.is_empty());
    }

    #[test]
    fn different_fields_changed_on_each_side_both_apply() {
        let base = with_claims(vec![claim("A")]);
        let mut ours = base.clone();
        ours.claims[0].verdict = "disputed".into();
        let mut theirs = base.clone();
        theirs.claims[0].speaker = Some("the ministry".into());
        let merged = merge(&base, &ours, &theirs);
        let got = &merged.annotations.claims[0];
        assert_eq!(got.verdict, "disputed");
        assert_eq!(got.speaker.as_deref(), Some("the ministry"));
        assert!(got.conflicts.is_empty());
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let base = with_claims(vec![claim("A")]);
        let mut ours = base.clone();
        ours.claims[0].verdict = "false".into();
        let merged = merge(&base, &ours, &ours.clone());
        assert_eq!(merged.annotations, ours);
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn a_field_changed_differently_keeps_ours_and_flags_theirs() {
        let base = with_claims(vec![claim("A")]);
        let mut ours = base.clone();
        ours.claims[0].verdict = "disputed".into();
        ours.claims[0].about = Some("2024-02".into());
        let mut theirs = base.clone();
        theirs.claims[0].verdict = "supported".into();
        theirs.claims[0].about = None;
        theirs.claims[0].note = "a \"quoted\"\nnote".into();
        let merged = merge(&base, &ours, &theirs);
        let got = &merged.annotations.claims[0];
        assert_eq!(got.verdict, "disputed");
        assert_eq!(got.note, "a \"quoted\"\nnote", "a one-sided change still applies");
        assert_eq!(got.about.as_deref(), Some("2024-02"), "ours added, theirs left it: ours");
        assert_eq!(got.conflicts, vec![FieldConflict { field: "verdict".into(), theirs: "\"supported\"".into() }]);
        assert_eq!(merged.conflicts, 1);
    }

    fn stamped(mut claim: Claim, modified: &str) -> Claim {
        claim.created = Some("2026-12-01T09:00:00Z".into());
        claim.creator = Some("Ana".into());
        claim.modified = Some(modified.into());
        claim
    }

    #[test]
    fn a_conflict_keeps_the_side_modified_later_and_says_so() {
        let base = with_claims(vec![stamped(claim("A"), "2026-12-01T09:00:00Z")]);
        let mut ours = with_claims(vec![stamped(claim("A"), "2026-12-02T10:00:00Z")]);
        ours.claims[0].verdict = "disputed".into();
        let mut theirs = with_claims(vec![stamped(claim("A"), "2026-12-03T08:00:00Z")]);
        theirs.claims[0].verdict = "supported".into();
        let merged = merge(&base, &ours, &theirs);
        let got = &merged.annotations.claims[0];
        assert_eq!(got.verdict, "supported", "theirs was modified later");
        assert_eq!(got.modified.as_deref(), Some("2026-12-03T08:00:00Z"), "the later modified");
        assert_eq!(got.creator.as_deref(), Some("Ana"));
        assert_eq!(got.conflicts, vec![FieldConflict { field: "verdict".into(), theirs: "\"disputed\"".into() }]);
        assert_eq!(merged.conflicts, 1);
        assert_eq!(merged.later_kept.len(), 1);
        assert!(merged.later_kept[0].contains("claim A: kept theirs for verdict"), "{:?}", merged.later_kept);
        assert!(merged.later_kept[0].contains("2026-12-03T08:00:00Z"), "{:?}", merged.later_kept);
        // Sides swapped, ours is the later: ours kept, nothing to say beyond the flag.
        let merged = merge(&base, &theirs, &ours);
        assert_eq!(merged.annotations.claims[0].verdict, "supported");
        assert_eq!(merged.annotations.claims[0].modified.as_deref(), Some("2026-12-03T08:00:00Z"));
        assert!(merged.later_kept.is_empty());
    }

    #[test]
    fn without_times_a_conflict_keeps_ours() {
        let base = with_claims(vec![claim("A")]);
        let mut ours = base.clone();
        ours.claims[0].note = "ours".into();
        let mut theirs = with_claims(vec![stamped(claim("A"), "not a time")]);
        theirs.claims[0].note = "theirs".into();
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.annotations.claims[0].note, "ours");
        assert!(merged.later_kept.is_empty());
    }

    #[test]
    fn a_record_made_on_both_sides_keeps_the_earlier_making() {
        let mut ours = stamped(claim("A"), "2026-12-02T10:00:00Z");
        ours.created = Some("2026-12-02T10:00:00Z".into());
        ours.creator = Some("Ben".into());
        let theirs = stamped(claim("A"), "2026-12-01T09:00:00Z");
        let merged = merge(&Annotations::default(), &with_claims(vec![ours]), &with_claims(vec![theirs]));
        let got = &merged.annotations.claims[0];
        assert_eq!((got.created.as_deref(), got.creator.as_deref()), (Some("2026-12-01T09:00:00Z"), Some("Ana")));
        assert_eq!(got.modified.as_deref(), Some("2026-12-02T10:00:00Z"));
    }

    #[test]
    fn a_list_changed_on_one_side_keeps_that_sides_order() {
        let (base, reordered) = (vec!["a", "b"], vec!["c", "b", "a"]);
        assert_eq!(merge_set(&base, &base, &reordered, |t| *t), reordered);
        assert_eq!(merge_set(&base, &reordered, &base, |t| *t), reordered);
    }

    #[test]
    fn tags_merge_as_sets_without_conflict() {
        let mut base_claim = claim("A");
        base_claim.tags = vec!["troops".into(), "nato".into()];
        let base = with_claims(vec![base_claim]);
        let mut ours = base.clone();
        ours.claims[0].tags = vec!["troops".into(), "nato".into(), "budget".into()];
        let mut theirs = base.clone();
        theirs.claims[0].tags = vec!["troops".into(), "casualties".into()];
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.annotations.claims[0].tags, ["troops", "budget", "casualties"]);
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn a_record_added_on_both_sides_merges_fields_without_a_base() {
        let ours = with_claims(vec![claim("A")]);
        let mut theirs = ours.clone();
        theirs.claims[0].tags = vec!["other".into()];
        theirs.claims[0].note = "theirs".into();
        let merged = merge(&Annotations::default(), &ours, &theirs);
        let got = &merged.annotations.claims[0];
        assert_eq!(got.tags, ["troops", "other"]);
        assert_eq!(got.note, "");
        assert_eq!(got.conflicts[0].field, "note");
        assert_eq!(merged.conflicts, 1);
    }

    #[test]
    fn a_flag_settled_on_one_side_goes_away_and_new_flags_are_added() {
        let mut flagged = claim("A");
        flagged.conflicts = vec![FieldConflict { field: "verdict".into(), theirs: "\"false\"".into() }];
        let base = with_claims(vec![flagged.clone()]);
        let mut ours = with_claims(vec![claim("A")]);
        ours.claims[0].note = "ours".into();
        let mut theirs = base.clone();
        theirs.claims[0].note = "theirs".into();
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(
            merged.annotations.claims[0].conflicts,
            vec![FieldConflict { field: "note".into(), theirs: "\"theirs\"".into() }]
        );
    }

    #[test]
    fn links_merge_by_id_field_by_field() {
        let base = Annotations { links: vec![link("L")], ..Annotations::default() };
        let mut ours = base.clone();
        ours.links[0].kind = "same-event".into();
        let mut theirs = base.clone();
        theirs.links[0].kind = "follow-up".into();
        theirs.links[0].origin = LinkOrigin::Suggested;
        theirs.links.push(link("M"));
        let merged = merge(&base, &ours, &theirs);
        let links = &merged.annotations.links;
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].kind, "same-event");
        assert_eq!(links[0].origin, LinkOrigin::Suggested);
        assert_eq!(links[0].conflicts[0].theirs, "\"follow-up\"");
        assert_eq!(merged.conflicts, 1);
    }

    #[test]
    fn article_notes_merge_by_article_and_a_missing_note_is_blank() {
        let mut base = Annotations::default();
        base.article_mut("a.txt").date = Some("2024-02-08".into());
        // Ours removed the note entirely (date reset); theirs set a title.
        let ours = Annotations::default();
        let mut theirs = base.clone();
        theirs.article_mut("a.txt").title = Some("Talks paused".into());
        theirs.article_mut("b.txt").read = true;
        let merged = merge(&base, &ours, &theirs);
        let a = merged.annotations.article("a.txt").expect("a.txt kept: theirs edited it");
        assert_eq!(a.date, None);
        assert_eq!(a.title.as_deref(), Some("Talks paused"));
        assert!(merged.annotations.article("b.txt").is_some_and(|b| b.read));
        assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn an_article_date_conflicts_with_its_provenance() {
        let base = Annotations::default();
        let mut ours = Annotations::default();
        ours.article_mut("a.txt").date = Some("2024-02".into());
        let mut theirs = Annotations::default();
        let note = theirs.article_mut("a.txt");
        note.date = Some("2024-03".into());
        note.date_provenance = Some("suggested from b.txt".into());
        let merged = merge(&base, &ours, &theirs);
        let a = merged.annotations.article("a.txt").expect("a.txt");
        assert_eq!((a.date.as_deref(), a.date_provenance.as_deref()), (Some("2024-02"), None));
        assert_eq!(a.conflicts[0].field, "date");
        assert_eq!(a.conflicts[0].theirs, "(Some(\"2024-03\"),Some(\"suggested from b.txt\"),None)");
    }

    #[test]
    fn rejected_suggestions_merge_as_a_set() {
        let rejected = |from: &str| RejectedSuggestion { from: from.into(), to: "z".into(), kind: "cites".into() };
        let base = Annotations { rejected: vec![rejected("a"), rejected("b")], ..Annotations::default() };
        let ours = Annotations { rejected: vec![rejected("b"), rejected("c")], ..Annotations::default() };
        let theirs =
            Annotations { rejected: vec![rejected("a"), rejected("b"), rejected("d")], ..Annotations::default() };
        let merged = merge(&base, &ours, &theirs).annotations.rejected;
        assert_eq!(merged, vec![rejected("b"), rejected("c"), rejected("d")]);
    }

    mod properties {
        use super::*;
        use crate::annotations::arbitrary;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn a_change_on_one_side_only_is_taken_whole(base in arbitrary::annotations(), changed in arbitrary::annotations()) {
                let ours_only = merge(&base, &changed, &base);
                prop_assert_eq!(&ours_only.annotations, &changed);
                prop_assert_eq!(ours_only.conflicts, 0);
                let theirs_only = merge(&base, &base, &changed);
                prop_assert_eq!(&theirs_only.annotations, &changed);
                prop_assert_eq!(theirs_only.conflicts, 0);
            }

            #[test]
            fn merging_a_set_with_itself_changes_nothing(set in arbitrary::annotations()) {
                let merged = merge(&set, &set, &set);
                prop_assert_eq!(merged.annotations, set);
                prop_assert_eq!(merged.conflicts, 0);
            }
        }
    }
}
