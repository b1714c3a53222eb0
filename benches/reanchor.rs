//! Re-anchoring 10k claims after 10% of the articles changed (budget:
//! 500 ms). Claims sit on whole sentences of a generated corpus; the
//! changed articles get, in turn, a paragraph inserted before their first
//! claim, a typo fixed inside two quotes, or two quoted sentences deleted.
//!
//!     cargo bench --bench reanchor              # 2000 articles, 10k claims
//!     cargo bench --bench reanchor -- 5000      # other article counts

#[path = "support/synth.rs"]
#[allow(dead_code)] // shared with the load bench, which uses the rest of it
mod synth;

use dossier::annotations::reanchor::reanchor_all;
use dossier::annotations::{Anchor, Annotations, Claim, RecordId};
use dossier::corpus::Corpus;
use std::ops::Range;
use std::time::Instant;

const CLAIMS_PER_ARTICLE: usize = 5;
const BUDGET_MS: f64 = 500.0;
const RUNS: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let articles = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(2000);
    let dir = tempfile::tempdir()?;
    synth::write_corpus(dir.path(), articles, 11)?;
    let original = Corpus::load(dir.path())?;
    let mut rng = synth::Rng::new(5);

    // Claims on distinct sentences (headline excluded), in text order.
    let mut annotations = Annotations::default();
    let mut spans: Vec<Vec<Range<usize>>> = Vec::new();
    for article in &original.articles {
        let sentences = &article.detail().sentences;
        let mut chosen: Vec<Range<usize>> = Vec::new();
        while chosen.len() < CLAIMS_PER_ARTICLE.min(sentences.len().saturating_sub(1)) {
            let sentence = sentences[1 + rng.below(sentences.len() - 1)].range();
            if !chosen.contains(&sentence) {
                chosen.push(sentence);
            }
        }
        chosen.sort_by_key(|s| s.start);
        for span in &chosen {
            annotations.claims.push(Claim {
                id: RecordId::new(),
                anchor: Anchor::new(article.id.as_str(), &article.text, span.clone()),
                tags: vec![],
                speaker: None,
                summary: None,
                verdict: "unverified".into(),
                about: None,
                note: String::new(),
                created: None,
                modified: None,
                creator: None,
                conflicts: vec![],
            });
        }
        spans.push(chosen);
    }

    // Every tenth article changes, the kind of change in turn.
    let mut edited =
        Corpus { root: original.root.clone(), articles: original.articles.clone(), report: Default::default() };
    let mut kinds = [0usize; 3];
    for (index, (article, claimed)) in edited.articles.iter_mut().zip(&spans).enumerate() {
        if index % 10 != 0 || claimed.len() < 2 {
            continue;
        }
        let kind = (index / 10) % 3;
        kinds[kind] += 1;
        let text = article.text.to_mut();
        match kind {
            0 => text.insert_str(claimed[0].start, "Update: this article was revised after publication.\n\n"),
            1 => {
                // From the end, so earlier offsets stay valid.
                for span in claimed.iter().take(2).rev() {
                    let middle = span.start + (span.end - span.start) / 2;
                    let at = (middle..span.end).find(|&i| text.as_bytes()[i].is_ascii_lowercase()).unwrap_or(middle);
                    let fixed = if text.as_bytes()[at] == b'e' { "a" } else { "e" };
                    text.replace_range(at..at + 1, fixed);
                }
            }
            _ => {
                for span in claimed.iter().take(2).rev() {
                    text.replace_range(span.clone(), "");
                }
            }
        }
    }

    let mut times = Vec::new();
    let mut report = reanchor_all(&annotations, &edited);
    for _ in 0..RUNS {
        let start = Instant::now();
        report = reanchor_all(&annotations, &edited);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let counts = report.counts();
    let median = times[RUNS / 2];
    println!(
        "reanchor {} claims in {} articles ({} changed: {} inserted paragraph, {} typo fixed, {} sentences deleted): \
         median {median:.1} ms, best {:.1} ms of {RUNS} runs (budget {BUDGET_MS} ms: {}); \
         {} intact, {} moved, {} fuzzy, {} orphan",
        annotations.claims.len(),
        edited.articles.len(),
        kinds.iter().sum::<usize>(),
        kinds[0],
        kinds[1],
        kinds[2],
        times[0],
        if median <= BUDGET_MS { "ok" } else { "OVER" },
        counts.intact,
        counts.moved,
        counts.fuzzy,
        counts.orphan
    );
    Ok(())
}
