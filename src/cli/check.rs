//! `dossier check`: validates the annotation file against the corpus and
//! says what re-anchoring would do to every claim. Exit 0 when every claim
//! is intact or moved exactly, 1 when something needs the analyst (orphans,
//! fuzzy placements, broken references), 2 when the file cannot be read.

use crate::annotations::reanchor::{Placement, Report, reanchor_all};
use crate::annotations::store::{backup_path, read_annotations_if_exists};
use crate::annotations::{Annotations, Claim, Endpoint, file};
use crate::corpus::{Corpus, LinkScope};
use crate::display::{count, escape_for_terminal as inert, escape_path};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An error that asks for a particular exit code (`dossier check` uses 1
/// for findings and 2 for an unreadable file); `main` exits with `code`.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExitError {
    pub code: u8,
    pub message: String,
}

/// Arguments of `dossier check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The corpus folder.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub annotations: super::AnnotationsFlag,
    #[command(flatten)]
    pub links: super::LinksFlag,
    /// Print JSON Lines, one object per claim; the summary and any problems
    /// go to stderr.
    #[arg(long)]
    pub json: bool,
}

/// Exit code for a file that cannot be checked at all.
const UNREADABLE: u8 = 2;
/// Exit code when the analyst has something to settle.
const NEEDS_ATTENTION: u8 = 1;

/// Runs `dossier check`; `chosen` is the `--annotations` flag.
pub fn run(args: &CheckArgs, chosen: Option<&Path>, links: LinkScope) -> Result<()> {
    let unreadable = |message: String| ExitError { code: UNREADABLE, message };
    crate::corpus::source::check_root(&args.corpus).map_err(|e| unreadable(e.to_string()))?;
    let path = file::annotation_path(&args.corpus, chosen);
    // The reader's own rules: a regular file only, size-limited, parsed alike.
    let Some(annotations) = read_annotations_if_exists(&path).map_err(|e| unreadable(e.to_string()))? else {
        writeln!(io::stdout(), "{}: no annotation file, nothing to check", escape_path(&path))?;
        return Ok(());
    };
    if annotations.is_empty() {
        // Not an error (a new corpus, a git base), but a file emptied by
        // accident looks just like this.
        eprintln!("{}: warning: {}", escape_path(&path), nothing_recorded(&path));
    }
    let corpus = super::progress::load_corpus(&args.corpus, links).map_err(|e| unreadable(e.to_string()))?;
    let problems = reference_problems(&annotations, &corpus);
    let report = reanchor_all(&annotations, &corpus);

    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        for (claim, placed) in annotations.claims.iter().zip(&report.placements) {
            super::json_lines::write_record(&mut out, &claim_json(claim, &placed.placement))?;
        }
        // stdout stays pure JSON Lines.
        out.flush()?;
        write_summary(&mut io::stderr().lock(), &path, &annotations, &report, &problems)?;
    } else {
        write_summary(&mut out, &path, &annotations, &report, &problems)?;
        write_details(&mut out, &annotations, &report)?;
    }
    out.flush()?;

    let counts = report.counts();
    if counts.orphan + counts.fuzzy + problems.len() > 0 {
        return Err(ExitError {
            code: NEEDS_ATTENTION,
            message: format!(
                "{}: {} orphaned, {} fuzzy, {} reference problems",
                path.display(),
                counts.orphan,
                counts.fuzzy,
                problems.len()
            ),
        }
        .into());
    }
    Ok(())
}

/// What to say about an annotation file with no records.
fn nothing_recorded(path: &Path) -> String {
    let empty = "no claims, links or article notes (an empty file is an empty set)";
    let backup = backup_path(path);
    if backup.exists() {
        format!("{empty}; if work is missing, the previous version is in {}", escape_path(&backup))
    } else {
        empty.to_string()
    }
}

/// References that point nowhere, a claim's id reused by a link (ids used
/// twice in one list do not parse), claims without a verdict.
fn reference_problems(annotations: &Annotations, corpus: &Corpus) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for id in annotations.claims.iter().map(|c| c.id.as_str()).chain(annotations.links.iter().map(|l| l.id.as_str())) {
        *seen.entry(id).or_default() += 1;
    }
    let mut duplicates: Vec<_> = seen.iter().filter(|&(_, &n)| n > 1).collect();
    duplicates.sort();
    for (id, times) in duplicates {
        problems.push(format!("id {id} is used {times} times"));
    }
    let claims: HashSet<&str> = annotations.claims.iter().map(|c| c.id.as_str()).collect();
    for link in &annotations.links {
        for (end, endpoint) in [("from", &link.from), ("to", &link.to)] {
            match endpoint {
                Endpoint::Claim(claim) if !claims.contains(claim.as_str()) => {
                    problems.push(format!("link {}: {end} claim {claim}, which does not exist", link.id));
                }
                Endpoint::Article(article) if corpus.article(article).is_none() => {
                    problems.push(format!("link {}: {end} article {article}, which is not in the corpus", link.id));
                }
                _ => {}
            }
        }
    }
    for claim in annotations.claims.iter().filter(|c| c.verdict.trim().is_empty()) {
        problems.push(format!("claim {}: empty verdict", claim.id));
    }
    for note in annotations.articles.iter().filter(|n| corpus.article(&n.article).is_none()) {
        problems.push(format!("notes on article {}, which is not in the corpus", note.article));
    }
    problems
}

fn write_summary(
    out: &mut impl Write,
    path: &Path,
    annotations: &Annotations,
    report: &Report,
    problems: &[String],
) -> Result<()> {
    let counts = report.counts();
    writeln!(
        out,
        "{}: {}, {}, {}",
        escape_path(path),
        count(annotations.claims.len(), "claim"),
        count(annotations.links.len(), "link"),
        count(annotations.articles.len(), "article note")
    )?;
    writeln!(
        out,
        "Anchors: {} intact, {} moved, {} fuzzy, {} orphaned",
        counts.intact, counts.moved, counts.fuzzy, counts.orphan
    )?;
    if !problems.is_empty() {
        writeln!(out, "\nReference problems ({}):", problems.len())?;
        for problem in problems {
            writeln!(out, "  {}", inert(problem))?;
        }
    }
    Ok(())
}

/// Each moved and fuzzy anchor with old and new offsets, then each orphan
/// with its reason: what the analyst has to look at.
fn write_details(out: &mut impl Write, annotations: &Annotations, report: &Report) -> Result<()> {
    let quote = |q: &str| format!("“{}”", crate::display::truncate(&inert(&crate::display::one_line(q)), 80));
    let pairs = || annotations.claims.iter().zip(&report.placements);
    for (title, status) in [("Moved", "moved"), ("Fuzzy (confirm in the reader)", "fuzzy")] {
        let mut shown = pairs().filter(|(_, p)| p.placement.status() == status).peekable();
        if shown.peek().is_some() {
            writeln!(out, "\n{title}:")?;
        }
        for (claim, placed) in shown {
            let anchor = &claim.anchor;
            let Some(span) = placed.placement.span(anchor) else { continue };
            let score = match placed.placement {
                Placement::Fuzzy { score, .. } => format!(" score {score:.2}"),
                _ => String::new(),
            };
            writeln!(
                out,
                "  {} {} {}..{} → {}..{}{score} {}",
                inert(claim.id.as_str()),
                inert(&anchor.article),
                anchor.byte_start,
                anchor.byte_end,
                span.start,
                span.end,
                quote(&anchor.quote)
            )?;
        }
    }
    let mut orphans = pairs().filter(|(_, p)| matches!(p.placement, Placement::Orphan { .. })).peekable();
    if orphans.peek().is_some() {
        writeln!(out, "\nOrphans:")?;
    }
    for (claim, placed) in orphans {
        if let Placement::Orphan { reason } = &placed.placement {
            writeln!(
                out,
                "  {} {} {}: {}",
                inert(claim.id.as_str()),
                inert(&claim.anchor.article),
                quote(&claim.anchor.quote),
                inert(&reason.to_string())
            )?;
        }
    }
    Ok(())
}

/// The JSON object for one claim. Field names are a contract: keep them.
#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a str,
    article: &'a str,
    status: &'static str,
    start: Option<usize>,
    end: Option<usize>,
    quote: &'a str,
    reason: Option<String>,
}

fn claim_json<'a>(claim: &'a Claim, placement: &Placement) -> ClaimJson<'a> {
    let anchor = &claim.anchor;
    let span = placement.span(anchor);
    ClaimJson {
        id: claim.id.as_str(),
        article: &anchor.article,
        status: placement.status(),
        start: span.as_ref().map(|s| s.start),
        end: span.map(|s| s.end),
        quote: &anchor.quote,
        reason: match placement {
            Placement::Orphan { reason } => Some(reason.to_string()),
            _ => None,
        },
    }
}
