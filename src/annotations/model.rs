//! What an analyst records about a corpus: claims, links and per-article
//! corrections. This is the shape of the RON annotation file, so every
//! name here is part of a file format people keep in git; change it only
//! with a new `version`.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

/// The annotation file format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Verdicts offered by default; the list is configurable, so a claim
/// stores its verdict as a string.
pub const DEFAULT_VERDICTS: &[&str] = &["unverified", "supported", "disputed", "false", "misleading", "unverifiable"];

/// Link kinds between articles offered by default (configurable).
pub const DEFAULT_ARTICLE_LINK_KINDS: &[&str] =
    &["translation-of", "same-event", "follow-up", "contradicts", "supports", "cites", "duplicate"];

/// Link kinds between claims offered by default (configurable).
pub const DEFAULT_CLAIM_LINK_KINDS: &[&str] = &["same-claim", "supports", "contradicts"];

/// A record id: a ULID, so two analysts creating records at the same time
/// on different machines never collide, and ids sort by creation time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub String);

impl RecordId {
    /// A fresh, globally unique id.
    pub fn new() -> RecordId {
        RecordId(ulid::Ulid::new().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for RecordId {
    fn default() -> Self {
        RecordId::new()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Everything in one annotation file. Each list is kept sorted by id (by
/// article id for `articles`) so that diffs stay small and files merge.
///
/// Every struct of the file refuses fields it does not know: a field from
/// a newer dossier would otherwise be dropped at the next save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    pub version: u32,
    #[serde(default, deserialize_with = "unique")]
    pub articles: Vec<ArticleNote>,
    #[serde(default, deserialize_with = "unique")]
    pub claims: Vec<Claim>,
    #[serde(default, deserialize_with = "unique")]
    pub links: Vec<Link>,
    /// Link suggestions the analyst rejected, so they are not offered again.
    #[serde(default)]
    pub rejected: Vec<RejectedSuggestion>,
}

impl Default for Annotations {
    fn default() -> Self {
        Annotations { version: FORMAT_VERSION, articles: vec![], claims: vec![], links: vec![], rejected: vec![] }
    }
}

impl Annotations {
    /// Sorts every list into file order: the canonical form that is saved.
    pub fn normalise(&mut self) {
        self.articles.sort_by(|a, b| a.article.cmp(&b.article));
        self.claims.sort_by(|a, b| a.id.cmp(&b.id));
        self.links.sort_by(|a, b| a.id.cmp(&b.id));
        self.rejected.sort_by(|a, b| (&a.from, &a.to, &a.kind).cmp(&(&b.from, &b.to, &b.kind)));
    }

    /// True when there is nothing worth writing.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.claims.is_empty() && self.links.is_empty() && self.rejected.is_empty()
    }

    /// How many records the set holds: claims, links, article notes and
    /// rejected suggestions.
    pub fn record_count(&self) -> usize {
        self.articles.len() + self.claims.len() + self.links.len() + self.rejected.len()
    }

    /// The analyst's notes on one article, if any.
    pub fn article(&self, id: &str) -> Option<&ArticleNote> {
        self.articles.iter().find(|a| a.article == id)
    }

    /// The notes on one article, created empty when missing.
    pub fn article_mut(&mut self, id: &str) -> &mut ArticleNote {
        let at = match self.articles.iter().position(|a| a.article == id) {
            Some(at) => at,
            None => {
                self.articles.push(ArticleNote::new(id));
                self.articles.len() - 1
            }
        };
        &mut self.articles[at]
    }

    pub fn claim(&self, id: &RecordId) -> Option<&Claim> {
        self.claims.iter().find(|c| &c.id == id)
    }

    pub fn claim_mut(&mut self, id: &RecordId) -> Option<&mut Claim> {
        self.claims.iter_mut().find(|c| &c.id == id)
    }

    /// Claims anchored in one article.
    pub fn claims_in<'a>(&'a self, article: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| c.anchor.article == article)
    }

    /// Links touching an article, directly or through one of its claims.
    pub fn links_of<'a>(&'a self, article: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.links.iter().filter(move |l| {
            [&l.from, &l.to].into_iter().any(|end| match end {
                Endpoint::Article(a) => a == article,
                Endpoint::Claim(c) => self.claim(c).is_some_and(|c| c.anchor.article == article),
            })
        })
    }

    /// The number of claims and links touching an article, for the list.
    pub fn count_for(&self, article: &str) -> usize {
        self.claims_in(article).count() + self.links_of(article).count()
    }
}

/// Where a claim sits in an article's text, robust to later edits of that
/// text (W3C TextQuoteSelector + TextPositionSelector, as Hypothesis does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The article id (path, or path#record for JSONL).
    pub article: String,
    /// Hash of the cleaned text the anchor was made on (`xxh3:` + hex).
    pub content_hash: String,
    /// Offsets in UTF-8 bytes into the cleaned text.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The exact quoted text, and up to 32 characters either side of it.
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

/// A span of text the analyst tagged as a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: RecordId,
    pub anchor: Anchor,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who makes the claim (`said X`, `nach Angaben von X`).
    #[serde(default)]
    pub speaker: Option<String>,
    /// What the claim says, short, in the analyst's words (ClaimReview's
    /// `claimReviewed`); missing in files from before dossier kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// One of the configured verdicts; `unverified` by default.
    pub verdict: String,
    /// The date the claim is about, ISO-style at its precision (`2024-02`).
    #[serde(default)]
    pub about: Option<String>,
    #[serde(default)]
    pub note: String,
    /// When the record was made, RFC 3339 in UTC (`2026-12-05T13:11:19Z`);
    /// missing in files from before dossier kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the record was last changed, RFC 3339 in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The analyst who made the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// Edits that conflicted in a merge: the other side's values, kept for
    /// the analyst to settle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FieldConflict>,
}

impl Claim {
    /// What the claim says, short: the analyst's summary, else the quote
    /// up to its first sentence end.
    pub fn summary_or_quote(&self) -> String {
        if let Some(summary) = self.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            return summary.to_string();
        }
        first_sentence(&self.anchor.quote).to_string()
    }
}

/// A quote cut at its first sentence boundary.
pub fn first_sentence(quote: &str) -> &str {
    let sentences = crate::corpus::sentences::split(quote, 0..quote.len());
    sentences.first().map_or(quote.trim(), |first| &quote[first.clone()])
}

/// The analyst's corrections and notes on one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleNote {
    pub article: String,
    /// The corrected publication date, ISO-style at its precision.
    #[serde(default)]
    pub date: Option<String>,
    /// Where a corrected date came from when it was not typed by hand
    /// (`suggested from <article>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_provenance: Option<String>,
    /// The twin (translation, duplicate) whose date this article takes
    /// (`y`) while it has none of its own: followed when the twin's date
    /// changes, and shown as inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub read: bool,
    // Who and when, as on `Claim` (the file format has no nesting for
    // them: `deny_unknown_fields` rules out `flatten`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FieldConflict>,
}

impl ArticleNote {
    pub fn new(article: &str) -> ArticleNote {
        ArticleNote {
            article: article.to_string(),
            date: None,
            date_provenance: None,
            date_from: None,
            title: None,
            source: None,
            tags: vec![],
            read: false,
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        }
    }

    /// True when the note says nothing, so it need not be saved: who
    /// touched it and when do not count.
    pub fn is_blank(&self) -> bool {
        let unstamped = ArticleNote { created: None, modified: None, creator: None, ..self.clone() };
        unstamped == ArticleNote::new(&self.article)
    }
}

/// One end of a link: an article or a claim.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Endpoint {
    Article(String),
    Claim(RecordId),
}

/// How a link came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkOrigin {
    /// Made by the analyst.
    #[default]
    Manual,
    /// A suggestion the analyst accepted.
    Suggested,
}

/// A typed link between two articles or two claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub id: RecordId,
    pub from: Endpoint,
    pub to: Endpoint,
    /// One of the configured kinds (`translation-of`, `same-claim`, ...).
    pub kind: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub origin: LinkOrigin,
    // Who and when, as on `Claim` (the file format has no nesting for
    // them: `deny_unknown_fields` rules out `flatten`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FieldConflict>,
}

/// A suggested link the analyst turned down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectedSuggestion {
    pub from: String,
    pub to: String,
    pub kind: String,
}

/// Two analysts changed the same field differently: the record keeps one
/// side's value (the side modified later, else ours), and this remembers
/// the other side's, the one not kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldConflict {
    pub field: String,
    pub theirs: String,
}

/// A record its list holds once per key: two with the same key in one
/// file would be merged and edited as one, and the other silently lost.
trait Keyed {
    fn key(&self) -> &str;
    /// Why a second record with `key` is refused, and what to do.
    fn duplicate(key: &str) -> String;
}

impl Keyed for Claim {
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn duplicate(key: &str) -> String {
        format!("a second claim with id {key:?} ends here; give one of the two a new id or delete it")
    }
}

impl Keyed for Link {
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn duplicate(key: &str) -> String {
        format!("a second link with id {key:?} ends here; give one of the two a new id or delete it")
    }
}

impl Keyed for ArticleNote {
    fn key(&self) -> &str {
        &self.article
    }
    fn duplicate(key: &str) -> String {
        format!("a second note on article {key:?} ends here; combine the two notes into one")
    }
}

/// Reads a list of records, refusing a second record with a key already seen
/// (the parser reports where that record ends).
fn unique<'de, D, R>(deserializer: D) -> Result<Vec<R>, D::Error>
where
    D: Deserializer<'de>,
    R: Deserialize<'de> + Keyed,
{
    struct Records<R>(PhantomData<R>);

    impl<'de, R: Deserialize<'de> + Keyed> Visitor<'de> for Records<R> {
        type Value = Vec<R>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of records")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<R>, A::Error> {
            let mut records: Vec<R> = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            let mut keys = HashSet::new();
            while let Some(record) = seq.next_element::<R>()? {
                if !keys.insert(record.key().to_string()) {
                    return Err(de::Error::custom(R::duplicate(record.key())));
                }
                records.push(record);
            }
            Ok(records)
        }
    }

    deserializer.deserialize_seq(Records(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_summary_is_the_quote_cut_at_its_first_sentence_end() {
        assert_eq!(
            first_sentence("Dr. Müller sagte am 11. Februar, 2.500 Soldaten blieben. Mehr folge."),
            "Dr. Müller sagte am 11. Februar, 2.500 Soldaten blieben."
        );
        assert_eq!(first_sentence("No full stop here"), "No full stop here");
        let mut claim: Claim = ron::from_str(
            "(id: \"01J\", anchor: (article: \"a\", content_hash: \"\", byte_start: 0, byte_end: 9, \
             quote: \"One. Two.\", prefix: \"\", suffix: \"\"), verdict: \"false\")",
        )
        .expect("a claim from before summaries loads");
        assert_eq!(claim.summary_or_quote(), "One.");
        claim.summary = Some("  Troops stay  ".into());
        assert_eq!(claim.summary_or_quote(), "Troops stay");
    }

    #[test]
    fn ids_are_unique_and_sort_by_creation() {
        let a = RecordId::new();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = RecordId::new();
        assert_ne!(a, b);
        assert!(a < b, "{a} should sort before {b}");
        assert_eq!(a.as_str().len(), 26);
    }

    #[test]
    fn normalise_sorts_every_list() {
        let mut notes = Annotations::default();
        notes.article_mut("b.txt").read = true;
        notes.article_mut("a.txt").read = true;
        assert_eq!(notes.articles.len(), 2);
        notes.normalise();
        assert_eq!(notes.articles[0].article, "a.txt");
        assert!(!notes.is_empty());
    }

    #[test]
    fn a_fresh_note_is_blank_until_something_is_set() {
        let mut note = ArticleNote::new("a.txt");
        assert!(note.is_blank());
        note.tags.push("x".into());
        assert!(!note.is_blank());
    }
}
