//! Saving and loading an annotation file of 10k claims, against `cp` and
//! `cat` of the same file in the same run (these machines are noisy; ratios
//! travel). Budget: at most 100 ms each.
//!
//!     cargo bench --bench annotations           # 10k claims
//!     cargo bench --bench annotations -- 50000  # other sizes
//!
//! Save is `Store::save` of a set with one changed note: check the file on
//! disk, render, write a temp file, fsync, keep the .bak, rename, fsync the
//! folder. Load is `Store::open`: lock, read, parse.

#[path = "support/sizes.rs"]
mod sizes;

use dossier::annotations::store::{SaveOutcome, Store};
use dossier::annotations::{Anchor, Annotations, Claim, Endpoint, Link, LinkOrigin, RecordId};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

const RUNS: usize = 7;

const SENTENCES: &[&str] = &[
    "The coalition said on Tuesday that 2,500 soldiers would remain in the country for now, a spokesman told reporters in the capital.",
    "Nach Angaben des Verteidigungsministeriums könnte der Abzug frühestens im März 2025 beginnen, sagte ein Sprecher am Montag in Berlin.",
    "Officials told reporters that talks on the future of the mission had resumed in February after a pause of almost \"three months\".",
    "Milizen feuerten letzte Woche zwölf Raketen auf einen Stützpunkt bei Erbil, teilte das Militär mit; verletzt wurde niemand.",
];
const TAGS: &[&str] = &["troops", "withdrawal", "casualties", "budget", "nato", "talks", "rockets", "diplomacy"];
const SPEAKERS: &[&str] = &["the defence ministry", "Jens Müller", "a coalition spokesman", "the prime minister"];
const ANALYSTS: &[&str] = &["Ana Ruiz", "Jonas Weiß"];
const VERDICTS: &[&str] = &["unverified", "supported", "disputed", "false", "misleading"];

/// A small deterministic generator (xorshift), so runs compare.
struct Dice(u64);

impl Dice {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        items[(self.0 % items.len() as u64) as usize]
    }
}

fn generate(count: usize) -> Annotations {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut annotations = Annotations::default();
    for n in 0..count {
        let article = format!("{}/2024/article-{:05}.txt", dice.pick(&["en", "de"]), n / 5);
        let text = format!("{} {} {}", dice.pick(SENTENCES), dice.pick(SENTENCES), dice.pick(SENTENCES));
        let start = text.find(". ").map_or(0, |at| at + 2);
        let end = start + text[start..].find(". ").map_or(text.len() - start, |at| at + 1);
        annotations.claims.push(Claim {
            id: RecordId(format!("01J{n:023}")),
            anchor: Anchor::new(&article, &text, start..end),
            tags: vec![dice.pick(TAGS).to_string(), dice.pick(TAGS).to_string()],
            speaker: Some(dice.pick(SPEAKERS).to_string()),
            summary: None,
            verdict: dice.pick(VERDICTS).to_string(),
            about: Some("2024-02".to_string()),
            note: format!(
                "Checked against {}; numbers differ from the ministry's \"official\" count.",
                dice.pick(SPEAKERS)
            ),
            // Every record stamped, as the reader saves them.
            created: Some("2026-12-05T10:00:00Z".to_string()),
            modified: Some("2026-12-05T11:30:00Z".to_string()),
            creator: Some(dice.pick(ANALYSTS).to_string()),
            conflicts: vec![],
        });
        if n % 10 == 0 {
            annotations.links.push(Link {
                id: RecordId(format!("01K{n:023}")),
                from: Endpoint::Article(article.clone()),
                to: Endpoint::Article(article.replacen("en/", "de/", 1)),
                kind: "translation-of".to_string(),
                note: String::new(),
                origin: LinkOrigin::Manual,
                created: None,
                modified: None,
                creator: None,
                conflicts: vec![],
            });
        }
        if n % 5 == 0 {
            let note = annotations.article_mut(&article);
            note.date = Some("2024-02-08".to_string());
            note.read = true;
        }
    }
    annotations.normalise();
    annotations
}

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

/// Median wall time of a shell command over the file (the reference).
fn shell(dir: &Path, script: &str) -> Result<f64, Box<dyn std::error::Error>> {
    let mut times = vec![];
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = Command::new("sh").arg("-c").arg(script).current_dir(dir).status()?;
        if !status.success() {
            return Err(format!("{script} failed").into());
        }
        times.push(start.elapsed().as_secs_f64());
    }
    Ok(median(times))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for count in sizes::from_args(&[10_000]) {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("dossier.ron");
        let mut annotations = generate(count);

        let mut save_times = vec![];
        let mut store = Store::open(&path)?;
        for run in 0..RUNS {
            annotations.claims[run].note.push('!');
            let start = Instant::now();
            let outcome = store.save(&annotations)?;
            save_times.push(start.elapsed().as_secs_f64());
            if outcome != SaveOutcome::Saved {
                return Err(format!("expected a plain save, got {outcome:?}").into());
            }
        }
        drop(store);
        let bytes = std::fs::metadata(&path)?.len();

        let mut load_times = vec![];
        for _ in 0..RUNS {
            let start = Instant::now();
            let store = Store::open(&path)?;
            load_times.push(start.elapsed().as_secs_f64());
            if store.annotations().claims.len() != count {
                return Err("the load lost claims".into());
            }
        }

        // References: a copy with fsync (what an atomic save must at least
        // do) and a plain read.
        let copy = shell(dir.path(), "cp dossier.ron copy.ron && sync copy.ron")?;
        let cat = shell(dir.path(), "cat dossier.ron > /dev/null")?;
        let (save, load) = (median(save_times), median(load_times));
        println!("{count} claims, {:.1} MB file (median of {RUNS} runs)", bytes as f64 / 1e6);
        println!("  save {:7.1} ms   cp + sync {:6.1} ms   ratio {:5.1}x", save * 1e3, copy * 1e3, save / copy);
        println!("  load {:7.1} ms   cat       {:6.1} ms   ratio {:5.1}x", load * 1e3, cat * 1e3, load / cat);
        for (what, seconds) in [("save", save), ("load", load)] {
            if seconds > 0.100 {
                println!("  {what} is over the 100 ms budget");
            }
        }
    }
    Ok(())
}
