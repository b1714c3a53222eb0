//! proptest strategies for annotation sets: any unicode text (quotes,
//! backslashes, newlines, control characters) in every free-text field.

use super::model::{
    Anchor, Annotations, ArticleNote, Claim, Endpoint, FieldConflict, Link, LinkOrigin, RecordId, RejectedSuggestion,
};
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;

/// Free text: arbitrary unicode, or text dense in what RON must escape.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-zäöß \"'\\\\\n\r\t(),:\u{1F600}\u{202E}\u{0}]{0,24}"]
}

fn id() -> impl Strategy<Value = RecordId> {
    "[0-9A-HJKMNP-TV-Z]{26}".prop_map(RecordId)
}

fn article() -> impl Strategy<Value = String> {
    prop_oneof![Just("en/a.txt".to_string()), Just("de/a.txt".to_string()), text()]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (article(), "xxh3:[0-9a-f]{16}", any::<u32>(), any::<u32>(), text(), text(), text()).prop_map(
        |(article, content_hash, start, len, quote, prefix, suffix)| Anchor {
            article,
            content_hash,
            byte_start: start as usize,
            byte_end: start as usize + len as usize,
            quote,
            prefix,
            suffix,
        },
    )
}

fn conflicts() -> impl Strategy<Value = Vec<FieldConflict>> {
    vec((text(), text()).prop_map(|(field, theirs)| FieldConflict { field, theirs }), 0..2)
}

/// Who and when: each part may be missing, as in files from before them.
fn stamp() -> impl Strategy<Value = Stamp> {
    (of(text()), of(text()), of(text()))
}

type Stamp = (Option<String>, Option<String>, Option<String>);

fn claim() -> impl Strategy<Value = Claim> {
    (id(), anchor(), vec(text(), 0..4), of(text()), of(text()), text(), of(text()), text(), stamp(), conflicts())
        .prop_map(
            |(id, anchor, tags, speaker, summary, verdict, about, note, (created, modified, creator), conflicts)| {
                Claim {
                    id,
                    anchor,
                    tags,
                    speaker,
                    summary,
                    verdict,
                    about,
                    note,
                    created,
                    modified,
                    creator,
                    conflicts,
                }
            },
        )
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    prop_oneof![article().prop_map(Endpoint::Article), id().prop_map(Endpoint::Claim)]
}

fn link() -> impl Strategy<Value = Link> {
    (id(), endpoint(), endpoint(), text(), text(), any::<bool>(), stamp(), conflicts()).prop_map(
        |(id, from, to, kind, note, suggested, (created, modified, creator), conflicts)| Link {
            id,
            from,
            to,
            kind,
            note,
            origin: if suggested { LinkOrigin::Suggested } else { LinkOrigin::Manual },
            created,
            modified,
            creator,
            conflicts,
        },
    )
}

fn article_note() -> impl Strategy<Value = ArticleNote> {
    let dated = (of(text()), of(text()), of(article()));
    let fields = (article(), dated, of(text()), of(text()), vec(text(), 0..3), any::<bool>());
    (fields, stamp(), conflicts()).prop_map(
        |(
            (article, (date, date_provenance, date_from), title, source, tags, read),
            (created, modified, creator),
            conflicts,
        )| {
            ArticleNote {
                article,
                date,
                date_provenance,
                date_from,
                title,
                source,
                tags,
                read,
                created,
                modified,
                creator,
                conflicts,
            }
        },
    )
}

fn rejected() -> impl Strategy<Value = RejectedSuggestion> {
    (article(), article(), text()).prop_map(|(from, to, kind)| RejectedSuggestion { from, to, kind })
}

/// Any annotation set with unique keys, in file order (normalised, no
/// blank article notes): the form it has after a load.
pub fn annotations() -> impl Strategy<Value = Annotations> {
    (vec(article_note(), 0..4), vec(claim(), 0..6), vec(link(), 0..4), vec(rejected(), 0..3)).prop_map(
        |(mut articles, mut claims, mut links, rejected)| {
            articles.sort_by(|a, b| a.article.cmp(&b.article));
            articles.dedup_by(|a, b| a.article == b.article);
            articles.retain(|a| !a.is_blank());
            claims.sort_by(|a, b| a.id.cmp(&b.id));
            claims.dedup_by(|a, b| a.id == b.id);
            links.sort_by(|a, b| a.id.cmp(&b.id));
            links.dedup_by(|a, b| a.id == b.id);
            // Tags and conflict flags are sets: no repeats.
            for claim in &mut claims {
                unique(&mut claim.tags);
                unique(&mut claim.conflicts);
            }
            for note in &mut articles {
                unique(&mut note.tags);
                unique(&mut note.conflicts);
            }
            for link in &mut links {
                unique(&mut link.conflicts);
            }
            let mut annotations = Annotations { articles, claims, links, rejected, ..Annotations::default() };
            annotations.normalise();
            annotations.rejected.dedup();
            annotations
        },
    )
}

/// Drops repeated items, keeping the first of each.
fn unique<T: PartialEq + Clone>(items: &mut Vec<T>) {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    *items = kept;
}
