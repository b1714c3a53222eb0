//! Opening a generated corpus in the TUI's loader, first without and then
//! with the analysis cache: the time until every row is listed, the peak
//! memory, and the list filter per keystroke on the reopened corpus,
//! against `cat` of the same files in the same run (these machines are
//! noisy; ratios travel).
//!
//!     cargo bench --bench reopen                 # 100k articles
//!     cargo bench --bench reopen -- 1000000      # other sizes
//!     cargo bench --bench reopen -- 1000000 --rows-only
//!     cargo bench --bench reopen -- 1000000 --rows-only --keep /tmp/reopen
//!
//! `--keep DIR` writes the corpus and the cache under DIR and leaves them
//! there; run again, it reuses the corpus (and times the reopen from the
//! cache it finds), so a change to the reopen path is measured in seconds
//! instead of regenerating a million files.
//!
//! `--rows-only` stops each open once every row is listed and the filter is
//! timed, without waiting for the suggestions (hours at a million).
//!
//! Each open runs in a process of its own (this bench, run again with
//! `--open`), so its peak memory (VmHWM) is its own: the loader's thread
//! and the app's list, as in the TUI. "Listed" is when the app has taken
//! the load's last event; the suggestion finder starts then, as in the
//! TUI, and its peak is told apart.

#[path = "support/memory.rs"]
#[allow(dead_code)] // shared with the load bench, which reads the resident set too
mod memory;
#[path = "support/reference.rs"]
mod reference;
#[path = "support/sizes.rs"]
mod sizes;
#[path = "support/synth.rs"]
#[allow(dead_code)] // shared with the load bench, which uses the rest of it
mod synth;

use dossier::corpus::LinkScope;
use dossier::tui::action::Action;
use dossier::tui::app::{App, TextEdit};
use dossier::tui::loader;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

const QUERIES: &[&str] = &["gesprache", "abzug truppen", "talks resume", "valdoria"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rows_only = args.iter().any(|a| a == "--rows-only");
    if let Some(at) = args.iter().position(|a| a == "--open") {
        return open(Path::new(&args[at + 1]), PathBuf::from(&args[at + 2]), rows_only);
    }
    let keep = args.iter().position(|a| a == "--keep").map(|at| PathBuf::from(&args[at + 1]));
    for count in sizes::from_args(&[100_000]) {
        let place = match &keep {
            Some(dir) => Place::Kept(dir.join(format!("{count}"))),
            None => Place::Temporary(tempfile::tempdir()?),
        };
        let (corpus, cache, written) = place.folders()?;
        let start = Instant::now();
        let reused = written.exists();
        let bytes = if reused {
            folder_bytes(&corpus)?
        } else {
            let bytes = synth::write_corpus(&corpus, count, 42)?;
            std::fs::write(&written, b"")?;
            bytes
        };
        let mb = bytes as f64 / 1e6;
        let how = if reused { "reused" } else { "written" };
        println!("{count} articles, {mb:.1} MB {how} in {:.1} s", start.elapsed().as_secs_f64());

        let cat_seconds = reference::time_cat(&corpus)?.as_secs_f64();
        println!("cat {cat_seconds:.2} s = {:.0} MB/s", mb / cat_seconds);

        // A kept corpus whose first open was cut off has no cache yet.
        let opens: &[&str] = if reused && folder_bytes(&cache)? > 0 {
            &["reopen (from the kept cache)"]
        } else {
            &["first open (analyses, writes the cache)", "reopen (from the cache)"]
        };
        for what in opens {
            let mut child = Command::new(std::env::current_exe()?);
            child.arg("--open").arg(&corpus).arg(&cache);
            if rows_only {
                child.arg("--rows-only");
            }
            let out = child.output()?;
            if !out.status.success() {
                return Err(format!("{what}: {}", String::from_utf8_lossy(&out.stderr)).into());
            }
            let report = String::from_utf8_lossy(&out.stdout);
            let value = |key: &str| -> f64 {
                report.split_whitespace().find_map(|w| w.strip_prefix(key)?.parse().ok()).unwrap_or(f64::NAN)
            };
            let listed = value("listed=");
            let after = if rows_only { "suggestions not run; at the end" } else { "after the suggestions" };
            println!(
                "{what}: {} rows listed in {listed:.2} s = {:.1}x cat; peak RSS then {:.0} MB = {:.2}x corpus text; \
                 {after} {:.0} MB = {:.2}x (done at {:.1} s); filter per keystroke mean {:.1} ms, max {:.1} ms",
                value("rows=") as usize,
                listed / cat_seconds,
                value("listed_rss="),
                value("listed_rss=") / mb,
                value("final_rss="),
                value("final_rss=") / mb,
                value("suggested="),
                value("filter_mean="),
                value("filter_max="),
            );
        }
        let cache_mb = folder_bytes(&cache)? as f64 / 1e6;
        println!("analysis cache: {cache_mb:.0} MB = {:.2}x corpus text", cache_mb / mb);
    }
    Ok(())
}

/// Where a run's corpus and cache live: a temporary folder, removed when
/// the run ends, or one named on the command line and kept.
enum Place {
    Temporary(tempfile::TempDir),
    Kept(PathBuf),
}

impl Place {
    /// The corpus folder, the cache folder, and the marker written once
    /// the corpus is complete (a run cut off while writing is not reused).
    fn folders(&self) -> std::io::Result<(PathBuf, PathBuf, PathBuf)> {
        let dir = match self {
            Place::Temporary(dir) => dir.path(),
            Place::Kept(dir) => dir,
        };
        std::fs::create_dir_all(dir.join("corpus"))?;
        std::fs::create_dir_all(dir.join("cache"))?;
        Ok((dir.join("corpus"), dir.join("cache"), dir.join("corpus-written")))
    }
}

/// Opens `root` as the TUI does (its loader, an app taking the events)
/// and prints what the parent reads: `key=value` words.
fn open(root: &Path, cache: PathBuf, rows_only: bool) -> Result<(), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let mut app = App::new(root.to_path_buf(), true, false);
    app.resize(Rect::new(0, 0, 160, 45));
    for event in loader::spawn(root.to_path_buf(), LinkScope::InsideCorpus, Some(cache)) {
        dossier::tui::on_load(&mut app, event);
    }
    if let Some(error) = &app.loading.error {
        return Err(error.clone().into());
    }
    let (listed, listed_rss) = (start.elapsed().as_secs_f64(), memory::peak_rss_mb());
    if !rows_only {
        for found in loader::find_suggestions(Arc::clone(&app.articles)) {
            dossier::tui::on_found(&mut app, found);
        }
    }
    if let Some(error) = &app.suggest.failed {
        return Err(error.clone().into());
    }
    let suggested = start.elapsed().as_secs_f64();
    let mut keystrokes = Vec::new();
    for query in QUERIES {
        app.update(Action::Filter);
        app.edit(TextEdit::Clear);
        for c in query.chars() {
            let start = Instant::now();
            app.edit(TextEdit::Insert(c));
            keystrokes.push(start.elapsed().as_secs_f64() * 1e3);
        }
        app.edit(TextEdit::Clear);
        app.update(Action::Back);
    }
    let mean = keystrokes.iter().sum::<f64>() / keystrokes.len() as f64;
    let max = keystrokes.iter().copied().fold(0.0, f64::max);
    println!(
        "rows={} listed={listed:.3} listed_rss={listed_rss:.0} suggested={suggested:.3} final_rss={:.0} \
         filter_mean={mean:.2} filter_max={max:.2}",
        app.articles.len(),
        memory::peak_rss_mb()
    );
    Ok(())
}

fn folder_bytes(folder: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let metadata = entry.metadata()?;
        total += if metadata.is_dir() { folder_bytes(&entry.path())? } else { metadata.len() };
    }
    Ok(total)
}
