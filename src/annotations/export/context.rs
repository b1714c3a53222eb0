//! What every export format needs to know about the corpus: each
//! article's effective title, date and source (the analyst's corrections
//! over what the machine found), and the order along the timeline.

use super::ExportSource;
use crate::annotations::reanchor::{OrphanReason, Placement, reanchor};
use crate::annotations::{Annotations, Claim, Endpoint, RecordId};
use crate::config::Settings;
use crate::corpus::article::Provenance;
use crate::corpus::{Article, SourceFormat};
use crate::web_url::web_url;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::HashMap;
use std::path::Path;

/// What an IRI may hold of a path as it is: RFC 3986's unreserved
/// characters and `/`; everything else is percent-encoded (a space, `#`,
/// `%`, non-ASCII).
const IRI_PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// The same for a fragment (a JSON Lines record's id), where `/` has no
/// meaning either.
const IRI_FRAGMENT: &AsciiSet = &IRI_PATH.add(b'/');

/// The corpus and the annotations, seen together.
pub struct ExportContext<'a> {
    pub corpus_name: &'a str,
    pub root: &'a Path,
    pub settings: &'a Settings,
    pub annotations: &'a Annotations,
    articles: HashMap<&'a str, &'a Article>,
    /// Claims that could not be placed in their article's current text.
    orphans: HashMap<RecordId, OrphanReason>,
}

/// Places every claim of `annotations` in the current text of its article,
/// as `check` does, and moves the anchors of placed ones there; returns
/// why the others are orphans. An export then never states a position the
/// text has left behind.
pub fn reanchor_claims(articles: &[Article], annotations: &mut Annotations) -> HashMap<RecordId, OrphanReason> {
    let texts: HashMap<&str, &str> = articles.iter().map(|a| (a.id.as_str(), a.text.as_str())).collect();
    let mut orphans = HashMap::new();
    for claim in &mut annotations.claims {
        let Some(text) = texts.get(claim.anchor.article.as_str()) else {
            orphans.insert(claim.id.clone(), OrphanReason::ArticleNotFound);
            continue;
        };
        match reanchor(&claim.anchor, text) {
            Placement::Intact => {}
            Placement::Moved { span } | Placement::Fuzzy { span, .. } => claim.anchor.rebase(text, span),
            Placement::Orphan { reason } => {
                orphans.insert(claim.id.clone(), reason);
            }
        }
    }
    orphans
}

impl<'a> ExportContext<'a> {
    /// `orphans` are the claims `reanchor_claims` could not place.
    pub fn new(
        source: ExportSource<'a>,
        annotations: &'a Annotations,
        orphans: HashMap<RecordId, OrphanReason>,
    ) -> ExportContext<'a> {
        let articles = source.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        ExportContext {
            corpus_name: source.name,
            root: source.root,
            settings: source.settings,
            annotations,
            articles,
            orphans,
        }
    }

    /// Why a claim could not be placed, if it could not.
    pub fn orphan_reason(&self, claim: &Claim) -> Option<&OrphanReason> {
        self.orphans.get(&claim.id)
    }

    /// Placed claims along the timeline: those whose positions hold.
    pub fn placed_by_time(&self) -> Vec<&'a Claim> {
        self.claims_by_time().into_iter().filter(|c| !self.orphans.contains_key(&c.id)).collect()
    }

    /// Claims that could not be placed, along the timeline.
    pub fn orphans_by_time(&self) -> Vec<&'a Claim> {
        self.claims_by_time().into_iter().filter(|c| self.orphans.contains_key(&c.id)).collect()
    }

    pub fn article(&self, id: &str) -> Option<&'a Article> {
        self.articles.get(id).copied()
    }

    /// The title: the analyst's correction, else the machine's.
    pub fn title(&self, id: &str) -> String {
        let corrected = self.annotations.article(id).and_then(|n| n.title.clone());
        corrected.or_else(|| self.article(id).map(|a| a.title().to_string())).unwrap_or_default()
    }

    /// The publication date at its precision (`2024-02`), if there is one:
    /// the analyst's, else the twin's the article follows (`y`), else the
    /// machine's estimate.
    pub fn date(&self, id: &str) -> Option<String> {
        let corrected = self.annotations.article(id).and_then(|n| n.date.clone());
        corrected.or_else(|| self.followed_twin(id).and_then(|twin| self.own_date(twin))).or_else(|| self.own_date(id))
    }

    /// Where the date came from: `analyst`, `stated`, `inferred` or
    /// `corpus` (a twin's, followed).
    pub fn date_provenance(&self, id: &str) -> Option<String> {
        if self.annotations.article(id).is_some_and(|n| n.date.is_some()) {
            return Some("analyst".to_string());
        }
        if self.followed_twin(id).and_then(|twin| self.own_date(twin)).is_some() {
            return Some(Provenance::Corpus.to_string());
        }
        self.article(id)?.date.as_ref().map(|d| d.provenance.to_string())
    }

    /// The twin whose date the article takes (`y`), if it takes one.
    fn followed_twin(&self, id: &str) -> Option<&'a str> {
        self.annotations.article(id)?.date_from.as_deref().filter(|twin| *twin != id)
    }

    /// An article's date without following a twin: the analyst's, else
    /// the machine's estimate.
    fn own_date(&self, id: &str) -> Option<String> {
        let corrected = self.annotations.article(id).and_then(|n| n.date.clone());
        corrected.or_else(|| self.article(id)?.date.as_ref().and_then(|d| d.value).map(|v| v.to_string()))
    }

    pub fn source(&self, id: &str) -> Option<String> {
        let corrected = self.annotations.article(id).and_then(|n| n.source.clone());
        corrected.or_else(|| self.article(id)?.source().map(str::to_string))
    }

    pub fn url(&self, id: &str) -> Option<String> {
        self.article(id)?.meta().url.clone()
    }

    /// The article's url when it is a real web address (http or https).
    pub fn web_url(&self, id: &str) -> Option<String> {
        self.url(id).filter(|url| web_url(url).is_some())
    }

    /// The date a claim sits at on the timeline: what it is about, else
    /// its article's date.
    pub fn claim_date(&self, claim: &Claim) -> Option<String> {
        claim.about.clone().or_else(|| self.date(&claim.anchor.article))
    }

    /// The articles the analyst touched: those with a claim or a note, in
    /// id order.
    pub fn annotated_articles(&self) -> Vec<&'a str> {
        let notes = self.annotations;
        let mut ids: Vec<&str> = notes.claims.iter().map(|c| c.anchor.article.as_str()).collect();
        ids.extend(notes.articles.iter().map(|n| n.article.as_str()));
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Claims ordered along the timeline: dated ones by date, undated
    /// last, then by article and position.
    pub fn claims_by_time(&self) -> Vec<&'a Claim> {
        let mut claims: Vec<&Claim> = self.annotations.claims.iter().collect();
        claims.sort_by_cached_key(|c| {
            let date = self.claim_date(c);
            (date.is_none(), date, c.anchor.article.clone(), c.anchor.byte_start)
        });
        claims
    }

    /// A link end as text: the article's title, or the claim's quote.
    pub fn describe(&self, end: &Endpoint) -> String {
        match end {
            Endpoint::Article(id) => self.title(id),
            Endpoint::Claim(id) => {
                self.annotations.claim(id).map_or_else(|| id.to_string(), |c| c.anchor.quote.clone())
            }
        }
    }

    /// An article as an IRI: its web url, else its file in the corpus
    /// (`urn:dossier:` and the path, percent-encoded; a JSON Lines record
    /// as the fragment: `urn:dossier:feed.jsonl#r1`).
    pub fn article_iri(&self, article: &str) -> String {
        if let Some(url) = self.web_url(article) {
            return url;
        }
        match self
            .article(article)
            .filter(|a| a.format == SourceFormat::JsonLines)
            .and_then(|_| article.rsplit_once('#'))
        {
            Some((file, record)) => format!("{}#{}", file_iri(file), utf8_percent_encode(record, IRI_FRAGMENT)),
            None => file_iri(article),
        }
    }

    /// Character (code point) offsets of a claim's quote in its article's
    /// cleaned text; anchors store UTF-8 byte offsets.
    pub fn char_offsets(&self, claim: &Claim) -> (usize, usize) {
        let start = claim.anchor.byte_start;
        let end = claim.anchor.byte_end;
        match self.article(&claim.anchor.article).map(|a| a.text.as_str()) {
            Some(text) if text.get(..end).is_some() && text.is_char_boundary(start) => {
                let start_chars = text[..start].chars().count();
                (start_chars, start_chars + text[start..end].chars().count())
            }
            // The article is gone or changed: count within what we know.
            _ => {
                let prefix = claim.anchor.prefix.chars().count();
                (prefix, prefix + claim.anchor.quote.chars().count())
            }
        }
    }
}

/// A file of the corpus as an IRI: `urn:dossier:` and its path,
/// percent-encoded (`urn:dossier:my%20article.txt`).
pub fn file_iri(path: &str) -> String {
    format!("urn:dossier:{}", iri_path(path))
}

/// `text` percent-encoded for an IRI's path.
pub fn iri_path(text: &str) -> String {
    utf8_percent_encode(text, IRI_PATH).to_string()
}

/// A date at its precision split into year, month and day fields.
pub fn date_parts(date: &str) -> (String, String, String) {
    let mut parts = date.split('-').map(str::to_string);
    let year = parts.next().unwrap_or_default();
    let month = parts.next().filter(|m| !m.starts_with('W')).unwrap_or_default();
    let day = parts.next().unwrap_or_default();
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_iris_are_percent_encoded() {
        assert_eq!(file_iri("my article.txt"), "urn:dossier:my%20article.txt");
        assert_eq!(file_iri("wire/Grüße #1.md"), "urn:dossier:wire/Gr%C3%BC%C3%9Fe%20%231.md");
        assert_eq!(file_iri("a_b-c.d~e"), "urn:dossier:a_b-c.d~e");
    }

    #[test]
    fn date_parts_follow_the_precision() {
        assert_eq!(date_parts("2024-02-08"), ("2024".into(), "02".into(), "08".into()));
        assert_eq!(date_parts("2024-02"), ("2024".into(), "02".into(), String::new()));
        assert_eq!(date_parts("2024-W06"), ("2024".into(), String::new(), String::new()));
    }
}
