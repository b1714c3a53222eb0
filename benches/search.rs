//! Corpus search on generated articles, all in one run (these machines
//! are noisy; ratios travel): the first index build; queries in the TUI as
//! the analyst types them (each keystroke runs the query and draws the
//! results overlay, whose rows find their snippets as they are drawn);
//! whole `dossier search` processes (a cold process with the file system
//! cache warm: it checks every file for changes before it queries); and
//! `grep -rlF` on the same files as the reference.
//!
//!     cargo bench --bench search               # 100k articles
//!     cargo bench --bench search -- 10000      # other sizes
//!
//! Budgets: first build ≤ 90 s, a query ≤ 50 ms in the TUI, a whole
//! `dossier search` ≤ 0.5 s.

#[path = "support/sizes.rs"]
mod sizes;
#[path = "support/synth.rs"]
mod synth;

use dossier::corpus::LinkScope;
use dossier::search::SearchIndex;
use dossier::tui::action::Action;
use dossier::tui::app::{App, TextEdit};
use dossier::tui::corpus_search::IndexEvent;
use dossier::tui::{hints_for, load_keymap, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
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

/// The TUI's size while typing: the results overlay shows about 18 hits.
const SCREEN: (u16, u16) = (160, 45);

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
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
        let index_mb = folder_bytes(&index.folder) as f64 / 1e6;
        println!("first build: {build:.1} s for {} articles (budget 90 s), {index_mb:.0} MB on disk", report.articles);

        let (mean, worst) = typed_in_the_tui(dir.path(), index)?;

        let mut worst_process = 0f64;
        let mut ratios = Vec::new();
        for (query, word) in QUERIES {
            // Warm both, then the best of three.
            run_dossier(dir.path(), cache.path(), query)?;
            let process = best_of_three(|| run_dossier(dir.path(), cache.path(), query))?;
            grep(dir.path(), word)?;
            let grep_time = best_of_three(|| grep(dir.path(), word))?;
            worst_process = worst_process.max(process);
            ratios.push(process / grep_time);
            println!(
                "  process  {query:<40} dossier search {:6.0} ms   grep -rlF {word:?} {:6.0} ms   ratio {:.2}",
                process * 1e3,
                grep_time * 1e3,
                process / grep_time
            );
        }
        let (low, high) = ratios.iter().fold((f64::MAX, 0f64), |(low, high), r| (low.min(*r), high.max(*r)));

        println!("summary, {count} articles ({:.0} MB):", bytes as f64 / 1e6);
        println!("  first build             {build:8.1} s   (budget 90 s)");
        println!("  query in the TUI        {worst:8.1} ms at most a keystroke, {mean:.1} ms mean (budget 50 ms)");
        println!("  whole `dossier search`  {:8.0} ms at most (budget 500 ms)", worst_process * 1e3);
        println!("  against grep -rlF       {low:8.2}–{high:.2}× its time");
    }
    Ok(())
}

/// Types every query into the TUI's corpus search key by key, three
/// times, drawing a frame after each key as the TUI does; the mean and
/// the worst milliseconds a keystroke took.
fn typed_in_the_tui(root: &Path, index: SearchIndex) -> Result<(f64, f64), Error> {
    let hints = hints_for(&load_keymap(None)?);
    let (width, height) = SCREEN;
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    let mut app = App::new(root.to_path_buf(), false, false);
    app.resize(Rect::new(0, 0, width, height));
    app.index_event(IndexEvent::Ready(Box::new(index)));
    app.update(Action::SearchCorpus);
    let mut all = Vec::new();
    for (query, _) in QUERIES {
        let mut times = Vec::new();
        for _ in 0..3 {
            app.edit(TextEdit::Clear);
            for c in query.chars() {
                let start = Instant::now();
                app.edit(TextEdit::Insert(c));
                terminal.draw(|frame| view::draw(&app, &hints, frame))?;
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
        let hits = app.corpus_search.hits.len();
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        let max = times.iter().copied().fold(0.0, f64::max);
        println!("  TUI      {query:<40} {hits:>4} hits  keystroke + frame: mean {mean:5.1} ms  max {max:5.1} ms");
        all.extend(times);
    }
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    Ok((mean, all.iter().copied().fold(0.0, f64::max)))
}

fn best_of_three(mut run: impl FnMut() -> Result<f64, Error>) -> Result<f64, Error> {
    (0..3).try_fold(f64::MAX, |best, _| Ok(best.min(run()?)))
}

/// Seconds for a whole `dossier search` process, best 20 hits.
fn run_dossier(corpus: &Path, cache: &Path, query: &str) -> Result<f64, Error> {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env(dossier::search::CACHE_ENV, cache)
        .args(["search", "--json"])
        .arg(corpus)
        .arg(query)
        .output()?;
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() || output.stdout.is_empty() {
        return Err(format!("dossier search {query} failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    Ok(seconds)
}

/// Seconds for `grep -rlF word` over the corpus.
fn grep(corpus: &Path, word: &str) -> Result<f64, Error> {
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
