//! Corpus-wide feature statistics and candidate pairs. Candidates come
//! from an inverted index on rare features (document frequency capped)
//! and from MinHash LSH bands, never from comparing every pair.

use super::features::{Feature, FeatureKind, Fingerprint};
use crate::corpus::lang::Lang;
use rayon::prelude::*;

/// Document frequencies and which tentative (German) names count.
#[derive(Default)]
pub(crate) struct Stats {
    /// Distinct active keys, sorted, with their document frequencies.
    keys: Vec<u64>,
    df: Vec<u32>,
    articles: usize,
    /// Name keys seen in articles that are not German, sorted.
    foreign_names: Vec<u64>,
}

impl Stats {
    pub(crate) fn build(prints: &[Fingerprint]) -> Stats {
        let mut foreign_names: Vec<u64> = prints
            .par_iter()
            .filter(|p| p.lang != Lang::De)
            .flat_map_iter(|p| p.features.iter().filter(|f| f.kind == FeatureKind::Name).map(|f| f.key))
            .collect();
        foreign_names.par_sort_unstable();
        foreign_names.dedup();
        let mut stats = Stats { keys: vec![], df: vec![], articles: prints.len(), foreign_names };
        let mut all: Vec<u64> = prints.par_iter().flat_map_iter(|p| stats.distinct_keys(p)).collect();
        all.par_sort_unstable();
        for key in all {
            match stats.keys.last() {
                Some(&last) if last == key => *stats.df.last_mut().expect("df beside key") += 1,
                _ => {
                    stats.keys.push(key);
                    stats.df.push(1);
                }
            }
        }
        stats
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + self.df.capacity() * 4 + self.foreign_names.capacity() * 8
    }

    /// Whether a feature takes part: German capitalised words only when
    /// another language names the same thing.
    pub(crate) fn active(&self, feature: &Feature) -> bool {
        !feature.tentative || self.foreign_names.binary_search(&feature.key).is_ok()
    }

    /// The article's active keys, each once, sorted.
    pub(crate) fn distinct_keys(&self, print: &Fingerprint) -> Vec<u64> {
        let mut keys: Vec<u64> = print.features.iter().filter(|f| self.active(f)).map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    pub(crate) fn df(&self, key: u64) -> u32 {
        self.keys.binary_search(&key).map_or(0, |i| self.df[i])
    }

    /// Inverse document frequency: rare features say more.
    pub(crate) fn idf(&self, key: u64) -> f32 {
        (1.0 + self.articles as f32 / self.df(key).max(1) as f32).ln()
    }

    /// Features in more articles than this do not make candidates (they
    /// still count when a pair is scored).
    pub(crate) fn rare_cap(&self) -> u32 {
        (self.articles / 500).max(64) as u32
    }
}

/// How much a shared feature of each kind says, before rarity.
pub(crate) fn kind_weight(kind: FeatureKind) -> f32 {
    match kind {
        FeatureKind::Quote => 1.5,
        FeatureKind::Date | FeatureKind::Number => 1.0,
        FeatureKind::Name => 0.8,
    }
}

/// Postings in compressed-row form: `keys[i]` holds `postings[offsets[i]..offsets[i + 1]]`.
pub(crate) struct Postings {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

impl Postings {
    /// From `(key, article)` pairs; keys held by more than `cap` articles
    /// are dropped.
    pub(crate) fn build(mut pairs: Vec<(u64, u32)>, cap: usize) -> Postings {
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut index = Postings { keys: vec![], offsets: vec![0], postings: vec![] };
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            if run.len() >= 2 && run.len() <= cap {
                index.keys.push(run[0].0);
                index.postings.extend(run.iter().map(|p| p.1));
                index.offsets.push(index.postings.len() as u32);
            }
        }
        index
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 + (self.offsets.capacity() + self.postings.capacity()) * 4
    }

    pub(crate) fn get(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(i) => &self.postings[self.offsets[i] as usize..self.offsets[i + 1] as usize],
            Err(_) => &[],
        }
    }
}

/// An article with fewer rare features than this also looks up its next
/// rarest, in up to `WIDE_CAP_FACTOR` times more articles.
const MIN_QUERY_KEYS: usize = 4;
const WIDE_CAP_FACTOR: u32 = 8;
/// Candidates per article, best by shared rare weight.
const CANDIDATES_PER_ARTICLE: usize = 12;
/// Candidates per article from shared LSH bands, most bands first.
const CANDIDATES_BY_BANDS: usize = 4;
/// An LSH bucket this full holds a template, not near-duplicates.
const BAND_CAP: usize = 50;

/// The `limit` articles with the highest summed weight among those hit at
/// least `min_hits` times.
fn best(mut hits: Vec<(u32, f32)>, min_hits: usize, limit: usize) -> Vec<u32> {
    hits.sort_unstable_by_key(|h| h.0);
    let mut summed: Vec<(u32, f32)> = hits
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() >= min_hits)
        .map(|run| (run[0].0, run.iter().map(|h| h.1).sum()))
        .collect();
    summed.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    summed.into_iter().take(limit).map(|(j, _)| j).collect()
}

/// Pairs `(i, j)`, `i < j`, worth scoring.
pub(crate) fn candidate_pairs(prints: &[Fingerprint], stats: &Stats) -> Vec<(u32, u32)> {
    let cap = stats.rare_cap();
    let wide_cap = cap * WIDE_CAP_FACTOR;
    let keys: Vec<Vec<(u64, f32)>> = prints
        .par_iter()
        .map(|p| {
            let mut keys: Vec<(u64, u32, f32)> = p
                .features
                .iter()
                .filter(|f| stats.active(f))
                .map(|f| (f.key, stats.df(f.key), stats.idf(f.key) * kind_weight(f.kind)))
                .filter(|k| (2..=wide_cap).contains(&k.1))
                .collect();
            keys.sort_unstable_by_key(|k| k.0);
            keys.dedup_by_key(|k| k.0);
            // Rare keys; an article with too few of them looks with its
            // rarest ones up to the wide cap.
            keys.sort_unstable_by_key(|k| (k.1, k.0));
            let rare = keys.iter().take_while(|k| k.1 <= cap).count().max(MIN_QUERY_KEYS);
            keys.truncate(rare);
            keys.into_iter().map(|k| (k.0, k.2)).collect()
        })
        .collect();
    let rare = Postings::build(
        prints
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, p)| {
                let mut ks = stats.distinct_keys(p);
                ks.retain(|&k| stats.df(k) <= wide_cap);
                ks.into_iter().map(move |k| (k, i as u32))
            })
            .collect(),
        wide_cap as usize,
    );
    let bands = Postings::build(
        prints
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, p)| p.sketch.iter().flat_map(|s| s.bands()).map(move |b| (b, i as u32)))
            .collect(),
        BAND_CAP,
    );
    let mut pairs: Vec<(u32, u32)> = (0..prints.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut by_features: Vec<(u32, f32)> = Vec::new();
            for &(key, weight) in &keys[i] {
                by_features.extend(rare.get(key).iter().filter(|&&j| j as usize != i).map(|&j| (j, weight)));
            }
            // One shared rare feature is coincidence; two begin a story.
            let mut chosen = best(by_features, 2, CANDIDATES_PER_ARTICLE);
            // Bands get their own budget: texts built from common phrases
            // share bands without sharing a story, and must not crowd out
            // the candidates that share rare features.
            let by_bands: Vec<(u32, f32)> = prints[i]
                .sketch
                .iter()
                .flat_map(|s| s.bands())
                .flat_map(|band| bands.get(band).iter().filter(|&&j| j as usize != i).map(|&j| (j, 1.0)))
                .collect();
            chosen.extend(best(by_bands, 1, CANDIDATES_BY_BANDS));
            chosen.into_iter().map(move |j| (i.min(j as usize) as u32, i.max(j as usize) as u32))
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}
