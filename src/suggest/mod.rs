//! Suggested links between articles (`translation-of`, `duplicate`,
//! `same-event`) and recurring claims across languages, from evidence that
//! survives translation: numbers, dates, names, quotes and their order.
//!
//! Knows the corpus and the annotation model (to make links and
//! rejections), nothing of the UI. `Suggestions` does not know about
//! rejections: callers filter with [`Suggestion::is_settled`].

mod features;
pub(crate) mod gazetteer;
mod index;
mod kin;
mod names;
mod numbers;
mod quotes;
mod recurring;
mod score;
mod shingles;

pub use features::Fingerprint;
pub use kin::{KIN, Kin, KinPrint, date_by_kin, dated_kin, kin_dates};
pub use recurring::{NumberDifference, SentenceIndex, SimilarSentence};

use crate::annotations::{Annotations, Endpoint, Link, LinkOrigin, RecordId, RejectedSuggestion};
use crate::corpus::dates::DateValue;
use crate::corpus::{Article, ArticleId};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The kind of link a suggestion proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SuggestedKind {
    /// Different languages, same content.
    TranslationOf,
    /// Same language, near-identical text.
    Duplicate,
    /// Shared dates, names and numbers, different text.
    SameEvent,
}

impl SuggestedKind {
    /// The link kind as the annotation file spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestedKind::TranslationOf => "translation-of",
            SuggestedKind::Duplicate => "duplicate",
            SuggestedKind::SameEvent => "same-event",
        }
    }
}

/// One piece of shared evidence, with where it sits in each article's cleaned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Short and human: `number 2,500 = 2.500`, `name Hezbollah ~ Hisbollah`.
    pub label: String,
    pub from_spans: Vec<Range<usize>>,
    pub to_spans: Vec<Range<usize>>,
}

/// A suggested link from one article to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub from: ArticleId,
    pub to: ArticleId,
    pub kind: SuggestedKind,
    /// 0..=1, comparable across kinds.
    pub score: f32,
    /// Strongest first.
    pub evidence: Vec<Evidence>,
    /// For translation-of/duplicate where `from` is undated and `to` has a date: `to`'s date.
    pub suggested_date: Option<DateValue>,
    /// Which end the evidence says is the translation (or the copy).
    pub direction: Direction,
}

/// Which end of a suggested translation or duplicate is the translation
/// (the copy), as far as the evidence tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `from` translates `to`.
    FromTranslates,
    /// `to` translates `from`.
    ToTranslates,
    /// The evidence is even (or the kind has no direction).
    Undecided,
}

impl Suggestion {
    /// The link accepting it makes: article to article, provenance
    /// suggested, from the translation to the original wherever it is
    /// accepted (as suggested when the evidence is even).
    pub fn to_link(&self) -> Link {
        let (from, to) = match self.direction {
            Direction::ToTranslates => (&self.to, &self.from),
            Direction::FromTranslates | Direction::Undecided => (&self.from, &self.to),
        };
        Link {
            id: RecordId::new(),
            from: Endpoint::Article(from.0.clone()),
            to: Endpoint::Article(to.0.clone()),
            kind: self.kind.as_str().to_string(),
            note: String::new(),
            origin: LinkOrigin::Suggested,
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        }
    }

    /// What rejecting it records in the annotation file.
    pub fn rejection(&self) -> RejectedSuggestion {
        RejectedSuggestion { from: self.from.0.clone(), to: self.to.0.clone(), kind: self.kind.as_str().to_string() }
    }

    /// True when the analyst already settled this pair: a rejection of this
    /// kind in either direction, or any link between the two articles.
    pub fn is_settled(&self, annotations: &Annotations) -> bool {
        let (from, to) = (self.from.as_str(), self.to.as_str());
        let pair = |a: &str, b: &str| (a == from && b == to) || (a == to && b == from);
        let rejected = annotations.rejected.iter().any(|r| r.kind == self.kind.as_str() && pair(&r.from, &r.to));
        rejected
            || annotations.links.iter().any(|l| match (&l.from, &l.to) {
                (Endpoint::Article(a), Endpoint::Article(b)) => pair(a, b),
                _ => false,
            })
    }
}

/// Suggestions kept per article, best first.
const MAX_PER_ARTICLE: usize = 8;

/// All suggestions of a corpus, by article. Only each pair's verdict is
/// kept; the evidence is worked out again when an article's suggestions
/// are asked for (a few microseconds), since keeping it for every pair of
/// a large corpus costs more memory than the corpus itself.
#[derive(Default)]
pub struct Suggestions {
    /// The fingerprints, in the order they were given.
    prints: Vec<Fingerprint>,
    stats: Arc<index::Stats>,
    /// Per article: the other end and the verdict, best first.
    lists: Vec<Vec<(u32, score::Verdict)>>,
    by_id: HashMap<ArticleId, usize>,
}

impl std::fmt::Debug for Suggestions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Suggestions {{ {} articles, {} suggestions }}", self.prints.len(), self.len())
    }
}

impl Suggestions {
    /// All suggestions for a corpus, in parallel.
    pub fn compute(articles: &[Article]) -> Suggestions {
        Suggestions::from_fingerprints(articles.par_iter().map(Fingerprint::of).collect())
    }

    /// All suggestions among these fingerprints, in parallel.
    pub fn from_fingerprints(mut prints: Vec<Fingerprint>) -> Suggestions {
        let stats = index::Stats::build(&prints);
        // German capitalised words no other language names are never used
        // again (every later step asks `active`): they need no room.
        prints.par_iter_mut().for_each(|print| {
            print.features.retain(|f| stats.active(f));
            print.features.shrink_to_fit();
        });
        let pairs = index::candidate_pairs(&prints, &stats);
        let judged: Vec<(u32, u32, score::Verdict)> = pairs
            .par_iter()
            .filter_map(|&(i, j)| {
                score::judge(&stats, &prints[i as usize], &prints[j as usize]).map(|(v, _)| (i, j, v))
            })
            .collect();
        // Each pair in both articles' lists; keep each article's best.
        let mut ends: Vec<(u32, u32, score::Verdict)> =
            judged.iter().flat_map(|&(i, j, v)| [(i, j, v), (j, i, v)]).collect();
        ends.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.score.total_cmp(&a.2.score)).then(a.1.cmp(&b.1)));
        let mut lists: Vec<Vec<(u32, score::Verdict)>> = vec![Vec::new(); prints.len()];
        for run in ends.chunk_by(|a, b| a.0 == b.0) {
            lists[run[0].0 as usize] = run.iter().take(MAX_PER_ARTICLE).map(|&(_, j, v)| (j, v)).collect();
        }
        let by_id = prints.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        Suggestions { prints, stats: Arc::new(stats), lists, by_id }
    }

    /// Suggestions from this article, best first, with their evidence
    /// (each pair appears in both articles' lists; `from` is the article
    /// asked about).
    pub fn for_article(&self, id: &ArticleId) -> Vec<Suggestion> {
        let Some(&i) = self.by_id.get(id) else { return Vec::new() };
        let a = &self.prints[i];
        self.lists[i]
            .iter()
            .map(|&(j, verdict)| {
                let b = &self.prints[j as usize];
                let m = score::match_features(&self.stats, a, &a.features, b, &b.features);
                score::suggestion(a, b, verdict, &m)
            })
            .collect()
    }

    /// The index of their sentences, for recurring claims; it shares the
    /// statistics the suggestions were found with.
    pub fn sentence_index(&self) -> SentenceIndex {
        let same_story = self.lists.iter().enumerate().flat_map(|(i, list)| {
            list.iter()
                .filter(|(_, v)| matches!(v.kind, SuggestedKind::TranslationOf | SuggestedKind::Duplicate))
                .map(move |&(j, _)| (i as u32, j))
        });
        SentenceIndex::with_stats(&self.prints, Arc::clone(&self.stats)).with_same_story(same_story)
    }

    /// The fingerprints the suggestions were found among, in their order.
    pub fn fingerprints(&self) -> &[Fingerprint] {
        &self.prints
    }

    /// The number of suggestions over all articles (a pair counts once per end).
    pub fn len(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.iter().all(Vec::is_empty)
    }
}
