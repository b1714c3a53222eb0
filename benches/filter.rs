//! Per-keystroke cost of the article list's fuzzy filter over generated
//! titles, against `fzf --filter` on the same titles and queries in the same
//! run (these machines are noisy; ratios travel).
//!
//!     cargo bench --bench filter               # 100k titles
//!     cargo bench --bench filter -- 20000      # other sizes
//!
//! Each query is typed one char at a time, so later keystrokes narrow the
//! previous result; fzf gets every prefix as its own process (it cannot
//! narrow across processes), so both sides answer the same queries. fzf's
//! time includes process start and reading the file, which is what an
//! external filter would cost. fzf 0.38 normalises Latin letters by default
//! (`--literal` turns that off), so it is accent-insensitive like ours, but
//! it does not fold ß to ss.

#[path = "support/synth.rs"]
#[allow(dead_code)] // shared with the load bench, which uses the rest of it
mod synth;

use dossier::tui::filter::FuzzyFilter;
use std::fs::File;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

const QUERIES: &[&str] = &["gesprache", "abzug truppen", "talks resume", "valdoria", "strasse kundigt"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let titles = synth::titles(count, 42);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("titles.txt");
    let mut file = std::io::BufWriter::new(File::create(&path)?);
    for title in &titles {
        writeln!(file, "{title}")?;
    }
    file.flush()?;
    drop(file);

    let start = Instant::now();
    let mut filter = FuzzyFilter::new();
    // Titles only, with empty source and id: the same haystack fzf sees.
    for title in &titles {
        filter.push(title, "", "");
    }
    println!("{count} titles pushed in {:.1} ms", ms(start));

    let fzf = Command::new("fzf").arg("--version").output().ok().filter(|o| o.status.success());
    match &fzf {
        Some(out) => println!("reference: fzf {}", String::from_utf8_lossy(&out.stdout).trim()),
        None => println!("fzf is not installed (apt-get install -y fzf): skipping the fzf comparison"),
    }
    let fzf_time = |query: &str| -> Result<f64, Box<dyn std::error::Error>> {
        let start = Instant::now();
        let status =
            Command::new("fzf").arg("--filter").arg(query).stdin(File::open(&path)?).stdout(Stdio::null()).status()?;
        // fzf exits 1 when nothing matches; anything else is a failure.
        if !matches!(status.code(), Some(0 | 1)) {
            return Err(format!("fzf --filter {query:?} failed: {status}").into());
        }
        Ok(ms(start))
    };
    let fzf_count = |query: &str| -> Result<usize, Box<dyn std::error::Error>> {
        let out = Command::new("fzf").arg("--filter").arg(query).stdin(File::open(&path)?).output()?;
        Ok(out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count())
    };
    if fzf.is_some() {
        fzf_time("warm up")?;
    }

    println!();
    println!(
        "{:<16} {:>4} | {:>9} {:>9} {:>9} | {:>9} {:>7} | {:>9} {:>9} {:>9} {:>7} | {:>7} {:>7}",
        "query",
        "keys",
        "mean ms",
        "max ms",
        "",
        "fzf mean",
        "ratio",
        "full ms",
        "scratch",
        "fzf full",
        "ratio",
        "hits",
        "fzf"
    );
    for query in QUERIES {
        let prefixes: Vec<&str> = query.char_indices().map(|(i, c)| &query[..i + c.len_utf8()]).collect();
        filter.set_query("");
        let mut ours = Vec::new();
        let mut hits = 0;
        for prefix in &prefixes {
            let start = Instant::now();
            hits = filter.set_query(prefix).len();
            ours.push(ms(start));
        }
        // The full query without narrowing, as when it is pasted.
        filter.set_query("");
        let start = Instant::now();
        filter.set_query(query);
        let scratch = ms(start);

        let mean = ours.iter().sum::<f64>() / ours.len() as f64;
        let max = ours.iter().cloned().fold(0.0, f64::max);
        let full = ours.last().copied().unwrap_or(0.0);
        if fzf.is_some() {
            let theirs = prefixes.iter().map(|p| fzf_time(p)).collect::<Result<Vec<f64>, _>>()?;
            let fzf_mean = theirs.iter().sum::<f64>() / theirs.len() as f64;
            let fzf_full = theirs.last().copied().unwrap_or(0.0);
            println!(
                "{:<16} {:>4} | {mean:>9.2} {max:>9.2} {:>9} | {fzf_mean:>9.1} {:>6.3}x | {full:>9.2} {scratch:>9.2} {fzf_full:>9.1} {:>6.3}x | {hits:>7} {:>7}",
                format!("{query:?}"),
                prefixes.len(),
                "",
                mean / fzf_mean,
                scratch / fzf_full,
                fzf_count(query)?
            );
        } else {
            println!(
                "{:<16} {:>4} | {mean:>9.2} {max:>9.2} {:>9} | {:>9} {:>7} | {full:>9.2} {scratch:>9.2} {:>9} {:>7} | {hits:>7} {:>7}",
                format!("{query:?}"),
                prefixes.len(),
                "",
                "-",
                "-",
                "-",
                "-",
                "-"
            );
        }
    }
    println!();
    println!("mean/max: per keystroke, narrowing; full: last keystroke; scratch: the full query without narrowing.");
    println!("ratio per keystroke = our mean / fzf mean; full-query ratio = our scratch / fzf on the full query.");
    Ok(())
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}
