//! `dossier suggest`: suggested links for every article of a corpus,
//! leaving out those the analyst already settled (linked or rejected).

use super::progress::{Progress, load_corpus};
use crate::annotations::store::read_annotations;
use crate::annotations::{Annotations, file};
use crate::corpus::LinkScope;
use crate::display::{escape_for_terminal as inert, truncate};
use crate::suggest::{Suggestion, Suggestions};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Arguments of `dossier suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The corpus folder.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub annotations: super::AnnotationsFlag,
    #[command(flatten)]
    pub links: super::LinksFlag,
    /// Print JSON Lines, one suggestion per line.
    #[arg(long)]
    pub json: bool,
}

/// Runs `dossier suggest`; `chosen` is the `--annotations` flag.
pub fn run(args: &SuggestArgs, chosen: Option<&Path>, links: LinkScope) -> Result<()> {
    crate::corpus::source::check_root(&args.corpus)?;
    let path = file::annotation_path(&args.corpus, chosen);
    // Read-only: a missing file settles nothing.
    let annotations = if path.exists() { read_annotations(&path)? } else { Annotations::default() };
    let corpus = load_corpus(&args.corpus, links)?;
    let progress = Progress::start(format!("finding suggested links among {} articles", corpus.articles.len()));
    let suggestions = Suggestions::compute(&corpus.articles);
    drop(progress);
    let mut out = BufWriter::new(io::stdout().lock());
    for article in &corpus.articles {
        let mut open: Vec<Suggestion> = suggestions.for_article(&article.id);
        open.retain(|s| !s.is_settled(&annotations));
        if args.json {
            for suggestion in &open {
                super::json_lines::write_record(&mut out, &SuggestionJson::of(suggestion))?;
            }
        } else if !open.is_empty() {
            writeln!(out, "{}  {}", inert(article.id.as_str()), truncate(&inert(article.title()), 70))?;
            for s in &open {
                let date = s.suggested_date.map(|d| format!("  date {d}?")).unwrap_or_default();
                writeln!(out, "  {:.2}  {:<14} → {}{date}", s.score, s.kind.as_str(), inert(s.to.as_str()))?;
                let labels: Vec<&str> = s.evidence.iter().map(|e| e.label.as_str()).collect();
                writeln!(out, "        {}", truncate(&inert(&labels.join("; ")), 110))?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The JSON object for one suggestion. Field names are a contract: keep them.
#[derive(Serialize)]
struct SuggestionJson<'a> {
    from: &'a str,
    to: &'a str,
    kind: &'static str,
    score: f32,
    evidence: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_date: Option<String>,
}

impl<'a> SuggestionJson<'a> {
    fn of(s: &'a Suggestion) -> SuggestionJson<'a> {
        SuggestionJson {
            from: s.from.as_str(),
            to: s.to.as_str(),
            kind: s.kind.as_str(),
            // Two decimals read better and diff less than f32 noise.
            score: (s.score * 100.0).round() / 100.0,
            evidence: s.evidence.iter().map(|e| e.label.as_str()).collect(),
            suggested_date: s.suggested_date.map(|d| d.to_string()),
        }
    }
}
