//! Suggestions and the sentence index on generated corpora in which every
//! twentieth article starts a trio: an English original, its German
//! translation and an English near-duplicate.
//!
//!     cargo bench --bench suggest              # 10k and 100k articles
//!     cargo bench --bench suggest -- 2000      # other sizes
//!
//! Budgets (issue 5, 2 cores): whole-corpus suggestions within 10 s at 10k
//! and 120 s at 100k. Memory is the process's high-water mark (VmHWM)
//! after loading and after each step, and the sentence index's own size.

#[path = "support/memory.rs"]
mod memory;
#[path = "support/sizes.rs"]
mod sizes;
#[path = "support/synth.rs"]
mod synth;

use memory::peak_rss_mb;

use dossier::corpus::{ArticleId, Corpus};
use dossier::suggest::{Fingerprint, SentenceIndex, SuggestedKind, Suggestions};
use rayon::prelude::*;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for count in sizes::from_args(&[10_000, 100_000]) {
        let dir = tempfile::tempdir()?;
        let (bytes, twins) = synth::write_corpus_with_twins(dir.path(), count, 42, 20)?;
        let corpus = Corpus::load(dir.path())?;
        let loaded = peak_rss_mb();

        let start = Instant::now();
        let prints: Vec<Fingerprint> = corpus.articles.par_iter().map(Fingerprint::of).collect();
        let print_seconds = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let index = SentenceIndex::build(&prints);
        let index_seconds = start.elapsed().as_secs_f64();
        let after_index = peak_rss_mb();

        let start = Instant::now();
        let suggestions = Suggestions::from_fingerprints(prints);
        let suggest_seconds = start.elapsed().as_secs_f64();
        let after_suggestions = peak_rss_mb();
        let retained = memory::rss_mb();
        let prints = suggestions.fingerprints();

        let start = Instant::now();
        let mut similar = 0;
        let queries = prints.len().min(1000);
        for (article, print) in prints.iter().enumerate().take(queries) {
            if let Some(span) = print.sentence_spans().next() {
                similar += index.similar(prints, article, span, 10).len();
            }
        }
        let query_ms = start.elapsed().as_secs_f64() * 1000.0 / queries as f64;

        let top = |id: &str| {
            suggestions.for_article(&ArticleId(id.to_string())).into_iter().next().map(|s| (s.to.0.clone(), s.kind))
        };
        // A translation of the original is as much one of its near-duplicate.
        let translations_found = twins
            .iter()
            .filter(|(en, de, dup)| {
                [en, dup].iter().any(|to| top(de) == Some(((*to).clone(), SuggestedKind::TranslationOf)))
            })
            .count();
        // Every article's suggestions with their evidence, as the reader asks for them.
        let start = Instant::now();
        let mut kinds = [0usize; 3];
        for print in prints {
            for s in suggestions.for_article(&print.id) {
                kinds[s.kind as usize] += 1;
            }
        }
        let evidence_us = start.elapsed().as_secs_f64() * 1e6 / prints.len() as f64;
        let duplicates_found =
            twins.iter().filter(|(en, _, dup)| top(dup) == Some((en.clone(), SuggestedKind::Duplicate))).count();
        println!(
            "{count:>7} articles, {:.1} MB: fingerprints {print_seconds:.2} s + suggestions {suggest_seconds:.2} s = {:.2} s \
             ({} suggestions: {} translation-of, {} duplicate, {} same-event; translations top {translations_found}/{}, duplicates top {duplicates_found}/{}); \
             evidence {evidence_us:.0} µs per article asked; \
             sentence index {index_seconds:.2} s, {:.0} MB, {similar} similar sentences for {queries} queries at \
             {query_ms:.2} ms each; peak RSS {loaded:.0} MB loaded, {after_index:.0} MB after the index, \
             {after_suggestions:.0} MB after suggestions; {retained:.0} MB resident with all of it",
            bytes as f64 / 1e6,
            print_seconds + suggest_seconds,
            suggestions.len(),
            kinds[0],
            kinds[1],
            kinds[2],
            twins.len(),
            twins.len(),
            index.heap_bytes() as f64 / 1e6,
        );
    }
    Ok(())
}
