//! Recurring claims: sentences anywhere in the corpus, in any language,
//! that share numbers, names and dates with a given sentence, and the
//! numbers in which they differ.

use super::features::{Feature, FeatureKind, Fingerprint};
use super::index::{Postings, Stats};
use super::numbers;
use super::score::match_features;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// A sentence similar to the one asked about.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarSentence {
    /// Index into the fingerprints the index was built from.
    pub article: usize,
    /// The sentence's byte span in that article.
    pub span: Range<usize>,
    pub score: f32,
    /// Short labels of the shared features (`2,500`, `Kessaran`, `2024-02-11`).
    pub shared: Vec<String>,
    /// Whether only names are shared (no number, date or quote).
    pub names_only: bool,
    /// Numbers (and dates) that differ between otherwise-matching sentences.
    pub differing: Vec<NumberDifference>,
}

/// A number that one sentence gives differently from the other, as written in each.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberDifference {
    pub here: String,
    pub there: String,
    pub here_span: Range<usize>,
    pub there_span: Range<usize>,
}

/// Sentences by the rare features they hold: postings are `u32` sentence
/// numbers, and only sentences with two or more features are indexed.
pub struct SentenceIndex {
    stats: Arc<Stats>,
    /// Per article, the number of its first sentence; one more at the end.
    first: Vec<u32>,
    postings: Postings,
    /// Per article, the articles of the same story (its translations and
    /// duplicates): there one shared name or rare number is enough.
    story: Vec<Vec<u32>>,
}

/// A sentence needs this many distinct features to be indexed or matched.
const MIN_FEATURES: usize = 2;
/// Candidates scored per query, per result asked for.
const CANDIDATES_PER_RESULT: usize = 4;

impl SentenceIndex {
    /// `prints[i]` is the fingerprint of article index i.
    pub fn build(prints: &[Fingerprint]) -> SentenceIndex {
        SentenceIndex::with_stats(prints, Arc::new(Stats::build(prints)))
    }

    /// The same with the statistics already taken of these fingerprints
    /// (the suggestions share theirs).
    pub(crate) fn with_stats(prints: &[Fingerprint], stats: Arc<Stats>) -> SentenceIndex {
        let mut first = Vec::with_capacity(prints.len() + 1);
        let mut total = 0u32;
        for print in prints {
            first.push(total);
            total += print.sentences.len() as u32;
        }
        first.push(total);
        // Features in more sentences than this name a topic, not a claim.
        let cap = (total as usize / 2000).max(200);
        let pairs: Vec<(u64, u32)> = prints
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, print)| {
                let mut pairs = Vec::new();
                for (s, features) in sentences_of(print) {
                    let mut keys: Vec<u64> = features.iter().filter(|f| stats.active(f)).map(|f| f.key).collect();
                    keys.sort_unstable();
                    keys.dedup();
                    if keys.len() >= MIN_FEATURES {
                        let id = first[i] + s;
                        // A key in more articles than sentences allowed cannot pass the cap.
                        pairs.extend(keys.into_iter().filter(|&k| stats.df(k) as usize <= cap).map(|k| (k, id)));
                    }
                }
                pairs
            })
            .collect();
        let postings = Postings::build(pairs, cap);
        SentenceIndex { stats, first, postings, story: vec![Vec::new(); prints.len()] }
    }

    /// The same, knowing which articles tell the same story (a translation
    /// and its original, a reprint): `(a, b)` pairs of article indices.
    pub(crate) fn with_same_story(mut self, pairs: impl IntoIterator<Item = (u32, u32)>) -> SentenceIndex {
        for (a, b) in pairs {
            for (here, there) in [(a, b), (b, a)] {
                if let Some(list) = self.story.get_mut(here as usize)
                    && !list.contains(&there)
                {
                    list.push(there);
                }
            }
        }
        self
    }

    /// Sentences similar to the text at `span` (byte offsets into article
    /// `article`'s cleaned text), best first, never from inside `span`.
    pub fn similar(
        &self,
        prints: &[Fingerprint],
        article: usize,
        span: Range<usize>,
        limit: usize,
    ) -> Vec<SimilarSentence> {
        let Some(print) = prints.get(article) else { return vec![] };
        let query: Vec<Feature> = print
            .features
            .iter()
            .filter(|f| f.span.start as usize >= span.start && f.span.end as usize <= span.end && self.stats.active(f))
            .cloned()
            .collect();
        let mut keys: Vec<u64> = query.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        // Inside the same story (a translation, a reprint) one shared
        // feature is enough for the best match: the twin the analyst looks
        // for comes first. Other sentences there need as much as anywhere.
        let mut twins: Vec<SimilarSentence> = self.story[article]
            .iter()
            .filter_map(|&other| {
                let (from, to) = (self.first[other as usize], self.first[other as usize + 1]);
                (from..to)
                    .filter_map(|id| self.compare(prints, print, &query, id, 1))
                    .max_by(|a, b| a.score.total_cmp(&b.score).then(b.span.start.cmp(&a.span.start)))
            })
            .collect();
        twins.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.span.start.cmp(&b.span.start)));
        twins.truncate(limit);
        if keys.len() < MIN_FEATURES {
            return twins;
        }
        let mut hits: Vec<(u32, f32)> = keys
            .iter()
            .flat_map(|&k| self.postings.get(k).iter().map(move |&id| (id, k)))
            .map(|(id, k)| (id, self.stats.idf(k)))
            .collect();
        hits.sort_unstable_by_key(|h| h.0);
        let mut summed: Vec<(u32, f32)> =
            hits.chunk_by(|a, b| a.0 == b.0).map(|run| (run[0].0, run.iter().map(|h| h.1).sum())).collect();
        summed.retain(|&(id, _)| {
            let (a, s) = self.locate(id);
            let sentence = &prints[a].sentences[s as usize];
            let inside = a == article && (sentence.start as usize) < span.end && span.start < sentence.end as usize;
            !inside
        });
        summed.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        summed.truncate(limit.saturating_mul(CANDIDATES_PER_RESULT).max(20));
        let mut found: Vec<SimilarSentence> = summed
            .into_iter()
            .filter_map(|(id, _)| self.compare(prints, print, &query, id, MIN_FEATURES))
            .filter(|s| !twins.iter().any(|t| t.article == s.article && t.span == s.span))
            // Once the twin is found, other stories' sentences that share
            // only names (`Ashdale`, `Halvenport` recur in every report)
            // are noise beside it; a shared or rival figure still counts.
            .filter(|s| twins.is_empty() || !s.names_only || !s.differing.is_empty())
            .collect();
        found.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)).then(a.span.start.cmp(&b.span.start))
        });
        twins.extend(found);
        twins.truncate(limit);
        twins
    }

    /// Bytes the index holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.stats.heap_bytes()
            + self.first.capacity() * 4
            + self.postings.heap_bytes()
            + self.story.iter().map(|s| s.capacity() * 4).sum::<usize>()
    }

    /// The article and sentence of a sentence number.
    fn locate(&self, id: u32) -> (usize, u32) {
        let article = self.first.partition_point(|&f| f <= id) - 1;
        (article, id - self.first[article])
    }

    fn compare(
        &self,
        prints: &[Fingerprint],
        print: &Fingerprint,
        query: &[Feature],
        id: u32,
        min_shared: usize,
    ) -> Option<SimilarSentence> {
        let (article, s) = self.locate(id);
        let there_print = &prints[article];
        let there = there_print.sentence_features(s);
        let m = match_features(&self.stats, print, query, there_print, there);
        if m.shared.len() < min_shared {
            return None;
        }
        let names_only = m.shared.iter().all(|sh| sh.kind == FeatureKind::Name);
        let shared = m.shared.iter().map(|sh| print.surface(&query[sh.here[0]]).to_string()).collect();
        let matched = |side: &dyn Fn(&super::score::SharedFeature) -> &Vec<usize>, i: usize| {
            m.shared.iter().any(|sh| side(sh).contains(&i))
        };
        let mut differing = Vec::new();
        for kind in [FeatureKind::Number, FeatureKind::Date] {
            let unmatched = |features: &[Feature], side: &dyn Fn(&super::score::SharedFeature) -> &Vec<usize>| {
                features
                    .iter()
                    .enumerate()
                    .filter(|(i, f)| f.kind == kind && self.stats.active(f) && !matched(side, *i))
                    .map(|(_, f)| f.clone())
                    .collect::<Vec<_>>()
            };
            let here = unmatched(query, &|sh| &sh.here);
            let mut there_unmatched = unmatched(there, &|sh| &sh.there);
            // Each unmatched figure here pairs with the closest one there
            // that could be the same quantity given differently.
            for h in &here {
                let closest = there_unmatched
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| {
                        rival(h, print.surface(h), t, there_print.surface(t)).map(|distance| (distance, i))
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, i)) = closest {
                    let t = there_unmatched.remove(i);
                    differing.push(NumberDifference {
                        here: print.surface(h).to_string(),
                        there: there_print.surface(&t).to_string(),
                        here_span: h.span.start as usize..h.span.end as usize,
                        there_span: t.span.start as usize..t.span.end as usize,
                    });
                }
            }
        }
        let sentence = &there_print.sentences[s as usize];
        Some(SimilarSentence {
            article,
            span: sentence.start as usize..sentence.end as usize,
            score: m.similarity(),
            shared,
            names_only,
            differing,
        })
    }
}

/// Figures further apart than this factor are different quantities
/// (`2,500` troops and `three` bases), not one given differently.
const MAX_FIGURE_RATIO: f64 = 2.0;
/// Dates further apart than this are different events.
const MAX_DATE_DAYS: i64 = 366;

/// How far apart two figures are when they could be one quantity given
/// differently (numbers within a factor of two, dates of one precision
/// within a year); `None` when they cannot.
fn rival(here: &Feature, here_text: &str, there: &Feature, there_text: &str) -> Option<f64> {
    match (here.kind, here.date, there.date) {
        (FeatureKind::Date, Some(a), Some(b)) if a.precision == b.precision && a != b => {
            let days = (a.date - b.date).num_days().abs();
            (days <= MAX_DATE_DAYS).then_some(days as f64)
        }
        (FeatureKind::Number, ..) => {
            let value = |text: &str| numbers::find(text, 0..text.len()).first().map(|n| n.milli as f64);
            let (a, b) = (value(here_text)?, value(there_text)?);
            let ratio = a.max(b) / a.min(b).max(1.0);
            (a != b && ratio <= MAX_FIGURE_RATIO).then_some(ratio)
        }
        _ => None,
    }
}

/// Each body sentence's number and features.
fn sentences_of(print: &Fingerprint) -> impl Iterator<Item = (u32, &[Feature])> {
    print.features.chunk_by(|a, b| a.sentence == b.sentence).map(|run| (run[0].sentence, run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::features::tests::article;

    const EN: &str = "The coalition has 2,500 troops in Valdoria, most of them Halvenian, according to officials \
        in Kessaran. They are based at Camp Tarrow outside the capital.\n";
    const DE: &str = "Die Koalition hat nach Angaben von Regierungsvertretern in Kessaran 2.500 Soldaten in \
        Valdoria, die meisten davon aus Halvenien. Sie sind im Lager Tarrow stationiert.\n";
    const OTHER: &str = "The coalition has 3,000 troops in Valdoria, most of them Halvenian, a spokesman in \
        Kessaran said. Fishing boats stayed in harbour.\n";
    const UNRELATED: &str = "Port Amsel approved the expansion of its northern container terminal for 400 \
        million. Work starts in Lisvale next year.\n";

    fn fixture() -> (Vec<Fingerprint>, SentenceIndex) {
        let prints: Vec<Fingerprint> =
            [("en.md", "en", EN), ("de.md", "de", DE), ("other.md", "en", OTHER), ("u.md", "en", UNRELATED)]
                .iter()
                .map(|(id, lang, body)| Fingerprint::of(&article(id, lang, None, body)))
                .collect();
        let index = SentenceIndex::build(&prints);
        (prints, index)
    }

    fn claim_span(print: &Fingerprint) -> Range<usize> {
        let s = &print.sentences[0];
        s.start as usize..s.end as usize
    }

    #[test]
    fn the_english_claim_finds_its_german_counterpart_first() {
        let (prints, index) = fixture();
        let found = index.similar(&prints, 0, claim_span(&prints[0]), 5);
        assert_eq!(found.first().map(|f| f.article), Some(1), "{found:?}");
        assert!(found[0].shared.contains(&"2,500".to_string()), "{:?}", found[0].shared);
        assert!(found[0].shared.contains(&"Kessaran".to_string()), "{:?}", found[0].shared);
        assert!(found[0].differing.is_empty());
        assert!(found.iter().all(|f| f.article != 0 && f.article != 3), "not itself, not the unrelated text");
    }

    #[test]
    fn a_different_troop_count_is_reported_side_by_side() {
        let (prints, index) = fixture();
        let found = index.similar(&prints, 0, claim_span(&prints[0]), 5);
        let other = found.iter().find(|f| f.article == 2).expect("the 3,000 sentence is found");
        assert_eq!(other.differing.len(), 1, "{other:?}");
        let difference = &other.differing[0];
        assert_eq!((difference.here.as_str(), difference.there.as_str()), ("2,500", "3,000"));
        assert_eq!(&OTHER[difference.there_span.clone()], "3,000");
        assert!(other.score < found[0].score, "the matching number ranks first");
    }

    #[test]
    fn figures_of_another_size_or_dates_years_apart_are_not_rivals() {
        let here = "The coalition has 2,500 troops in Kessaran and Ossel, Ashdale said in August 2023.\n";
        let there = "The coalition has three bases in Kessaran and Ossel, Ashdale said in September 2025.\n";
        let prints: Vec<Fingerprint> = [("a.md", here), ("b.md", there)]
            .iter()
            .map(|(id, body)| Fingerprint::of(&article(id, "en", None, body)))
            .collect();
        let index = SentenceIndex::build(&prints);
        let found = index.similar(&prints, 0, claim_span(&prints[0]), 5);
        let other = found.iter().find(|f| f.article == 1).expect("the sentences share names");
        assert!(other.differing.is_empty(), "2,500 vs three, 2023 vs 2025: {:?}", other.differing);
    }

    /// Issue 13: country names bridge English and German (`United States`
    /// ~ `Vereinigte Staaten` ~ `US-`), which no spelling bridges, so a
    /// translation pair and a third report of the figure find each other.
    #[test]
    fn a_translated_figure_and_a_third_report_find_each_other_by_country_names() {
        let texts = [
            ("en.md", "en", "The United States has 1,700 advisers in the region, training border guards.\n"),
            (
                "de.md",
                "de",
                "Die Vereinigten Staaten haben 1.700 Berater in der Region, die Grenzschützer ausbilden.\n",
            ),
            ("third.md", "de", "Rund 1.700 US-Berater sind derzeit in der Region stationiert.\n"),
            ("other.md", "en", "France has 1,700 cooks in Spain.\n"),
        ];
        let prints: Vec<Fingerprint> =
            texts.iter().map(|(id, lang, body)| Fingerprint::of(&article(id, lang, None, body))).collect();
        let index = SentenceIndex::build(&prints);
        for asked in 0..3 {
            let found: Vec<usize> =
                index.similar(&prints, asked, claim_span(&prints[asked]), 3).iter().map(|f| f.article).collect();
            let mut others: Vec<usize> = (0..3).filter(|&a| a != asked).collect();
            others.sort_unstable();
            let mut top: Vec<usize> = found.iter().copied().filter(|&a| a != 3).collect();
            top.sort_unstable();
            assert_eq!(top, others, "sentence {asked} finds the other two: {found:?}");
        }
    }
}
