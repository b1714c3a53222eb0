//! Corpus search on generated articles: the first index build, queries in
//! the process (as the TUI runs them), a whole `dossier search` process
//! (which checks every file for changes first), and `grep -rlF` on the same
//! files in the same run (these machines are noisy; ratios travel).
//!
//!     cargo bench --bench search               # 100k articles
//!     cargo bench --bench search -- 10000      # other sizes
//!
//! Budgets: first build ≤ 90 s, a query ≤ 50 ms in the process, a whole
//! `dossier search` ≤ 0.5 s.

#[path = "support/sizes.rs"]
mod sizes;
#[path = "support/synth.rs"]
mod synth;

use dossier::corpus::LinkScope;
use dossier::search::{Query, SearchIndex};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Queries of every kind, each with a word for `grep -rlF` that finds
/// (about) the same files.
const QUERIES: &[(&str, &str)] = &[
    ("withdrawal", "withdrawal"),
    ("Soldat", "Soldat"),
    ("Gesprache Zukunft", "Gespräche"),
    ("\"next round of talks\"", "next round of talks"),
    ("talks -rockets lang:en", "talks"),
    ("Abzug date:2020-01..2021-12", "Abzug"),
    ("Valdoria Kerrin security vacuum", "vacuum"),
];

/// Hits per query in the TUI's results list (the CLI shows 20 by default).
const TUI_HITS: usize = 200;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cache = tempfile::tempdir()?;
    // SAFETY: set before any thread is started; nothing reads the
    // environment concurrently.
    unsafe { std::env::set_var(dossier::search::CACHE_ENV, cache.path()) };
    for count in sizes::from_args(&[100_000]) {
        let dir = tempfile::tempdir()?;
        let bytes = synth::write_corpus(dir.path(), count, 42)?;
        println!("{count} articles, {:.0} MB", bytes as f64 / 1e6);

        let start = Instant::now();
        let (index, report) = SearchIndex::open(dir.path(), LinkScope::InsideCorpus, false, |_, _| {})?;
        let build = start.elapsed().as_secs_f64();
        println!(
            "first build: {build:.1} s for {} articles (budget 90 s), {:.0} MB on disk",
            report.articles,
            folder_bytes(&index.folder) as f64 / 1e6
        );

        let mut worst = 0f64;
        for (query, _) in QUERIES {
            let parsed = Query::parse(query)?;
            let mut times = Vec::new();
            let mut hits = 0;
            for _ in 0..10 {
                let start = Instant::now();
                hits = index.search(&parsed, TUI_HITS)?.len();
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let max = times.iter().copied().fold(0.0, f64::max);
            worst = worst.max(max);
            println!("  in process  {query:<40} {hits:>4} hits  mean {mean:6.1} ms  max {max:6.1} ms");
        }
        println!("query in process: at most {worst:.1} ms with {TUI_HITS} hits and their snippets (budget 50 ms)");
        drop(index);

        let mut worst_process = 0f64;
        let mut worst_ratio = 0f64;
        for (query, word) in QUERIES {
            // Warm both, then time.
            run_dossier(dir.path(), cache.path(), query)?;
            let process =
                (0..3).map(|_| run_dossier(dir.path(), cache.path(), query)).collect::<Result<Vec<_>, _>>()?;
            let process = process.into_iter().fold(f64::MAX, f64::min);
            grep(dir.path(), word)?;
            let grep_time = (0..3).map(|_| grep(dir.path(), word)).collect::<Result<Vec<_>, _>>()?;
            let grep_time = grep_time.into_iter().fold(f64::MAX, f64::min);
            worst_process = worst_process.max(process);
            worst_ratio = worst_ratio.max(process / grep_time);
            println!(
                "  process     {query:<40} dossier search {:6.0} ms   grep -rlF {word:?} {:6.0} ms   ratio {:.2}",
                process * 1e3,
                grep_time * 1e3,
                process / grep_time
            );
        }
        println!(
            "whole `dossier search`: at most {:.0} ms (budget 500 ms), at most {worst_ratio:.2}× the time of grep -rlF",
            worst_process * 1e3
        );
    }
    Ok(())
}

/// Seconds for a whole `dossier search` process, best 20 hits.
fn run_dossier(corpus: &Path, cache: &Path, query: &str) -> Result<f64, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env(dossier::search::CACHE_ENV, cache)
        .args(["search", "--json"])
        .arg(corpus)
        .arg(query)
        .output()?;
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!("dossier search failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    Ok(seconds)
}

/// Seconds for `grep -rlF word` over the corpus.
fn grep(corpus: &Path, word: &str) -> Result<f64, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let output = Command::new("grep").args(["-rlF", word]).arg(corpus).output()?;
    if !output.status.success() {
        return Err(format!("grep found nothing for {word}").into());
    }
    Ok(start.elapsed().as_secs_f64())
}

fn folder_bytes(folder: &Path) -> u64 {
    walk_bytes(folder).unwrap_or(0)
}

fn walk_bytes(folder: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let metadata = entry.metadata()?;
        total += if metadata.is_dir() { walk_bytes(&entry.path())? } else { metadata.len() };
    }
    Ok(total)
}
