//! `dossier search`: full-text search across a corpus, through the search
//! index in dossier's cache folder (brought up to date first).

use crate::corpus::LinkScope;
use crate::display::{escape_for_terminal, escape_path};
use crate::search::{Hit, Passages, Query, Rebuilt, SearchError, SearchIndex, Snippet};
use anyhow::Result;
use clap::Args;
use indicatif::HumanCount;
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::ops::Range;
use std::path::PathBuf;

/// Arguments of `dossier search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The corpus folder.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub links: super::LinksFlag,
    /// What to find: words (all must occur), "quoted phrases", -excluded
    /// words, lang:de|en|other|unknown, date:2024-01..2024-03 (a day,
    /// month or year; either end may be left open). Quote it as one argument.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Print JSON Lines, one article per line.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many articles, best first.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Build the search index afresh instead of updating it.
    #[arg(long)]
    pub reindex: bool,
}

/// Runs `dossier search`.
pub fn run(args: &SearchArgs, links: LinkScope) -> Result<()> {
    // A query that cannot be understood fails before any indexing.
    let query = Query::parse(&args.query)?;
    let limit = args.limit as usize;
    let hits = match open_and_search(args, links, args.reindex, &query, limit) {
        // A search that fails on a corrupt index rebuilds it once.
        Err(SearchError::Index(error)) if !args.reindex => {
            eprintln!("dossier: the search index could not be read ({error}); rebuilding it");
            open_and_search(args, links, true, &query, limit)?
        }
        outcome => outcome?,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let bold = io::stdout().is_terminal() && !crate::tui::theme::no_color_requested();
    for (hit, passages) in &hits {
        if args.json {
            super::json_lines::write_record(&mut out, &HitJson::of(hit, passages))?;
        } else {
            write_plain(&mut out, hit, passages, bold)?;
        }
    }
    out.flush()?;
    if hits.is_empty() && !args.json {
        eprintln!("dossier: no article matches {}", escape_for_terminal(&args.query));
    }
    Ok(())
}

/// The best `limit` hits, each with its passages.
fn open_and_search(
    args: &SearchArgs,
    links: LinkScope,
    rebuild: bool,
    query: &Query,
    limit: usize,
) -> Result<Vec<(Hit, Passages)>, SearchError> {
    // Drawn only when stderr is a terminal, like every long run.
    let progress = super::progress::Progress::start("opening the search index");
    let (index, report) = SearchIndex::open(&args.corpus, links, rebuild, |done, total| {
        if total > 0 {
            progress.say(format!("indexing {} / {} files", HumanCount(done as u64), HumanCount(total as u64)));
        }
    })?;
    drop(progress);
    if let Some(why @ Rebuilt::Unreadable(_)) = &report.rebuilt {
        eprintln!("dossier: rebuilt the search index in {}: {why}", escape_path(&index.folder));
    }
    // Only the hits printed are analysed for their passages, on all cores.
    let hits = index.search(query, limit)?;
    hits.into_par_iter()
        .map(|hit| {
            let passages = index.passages(query, &hit)?;
            Ok((hit, passages))
        })
        .collect()
}

/// One hit as plain text: id, date, language and score; the title; then
/// each snippet on its line, matches in bold (or `*marked*` off a terminal).
fn write_plain(out: &mut impl Write, hit: &Hit, passages: &Passages, bold: bool) -> io::Result<()> {
    let date = hit.date.as_deref().unwrap_or("undated");
    writeln!(out, "{}  {date}  {}  {:.2}", escape_for_terminal(hit.id.as_str()), hit.lang, hit.score)?;
    writeln!(out, "  {}", marked(&hit.title, 0, &passages.title_highlights, bold))?;
    for snippet in &passages.snippets {
        let highlights: Vec<Range<usize>> = snippet.highlights.iter().map(|[s, e]| *s..*e).collect();
        writeln!(out, "    …{}…", marked(&snippet.text, snippet.start, &highlights, bold))?;
    }
    writeln!(out)
}

/// `text` (which starts at byte `offset` of the article) on one line and
/// safe for a terminal, its `highlights` marked.
fn marked(text: &str, offset: usize, highlights: &[Range<usize>], bold: bool) -> String {
    let (open, close) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("*", "*") };
    let piece = |range: Range<usize>| -> String {
        let flat: String =
            text.get(range).unwrap_or_default().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        escape_for_terminal(&flat).into_owned()
    };
    let mut out = String::new();
    let mut at = 0;
    for highlight in highlights {
        let (start, end) = (highlight.start.saturating_sub(offset), highlight.end.saturating_sub(offset));
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(&piece(at..start));
        out.push_str(open);
        out.push_str(&piece(start..end));
        out.push_str(close);
        at = end;
    }
    out.push_str(&piece(at..text.len()));
    out
}

/// The JSON object for one hit. Field names are a contract: keep them.
#[derive(Serialize)]
struct HitJson<'a> {
    id: &'a str,
    title: &'a str,
    score: f32,
    /// The date estimate at its precision, or null.
    date: Option<&'a str>,
    /// The first and last day the date may be, or null when unknown.
    period: Option<[String; 2]>,
    lang: &'a str,
    snippets: &'a [Snippet],
}

impl<'a> HitJson<'a> {
    fn of(hit: &'a Hit, passages: &'a Passages) -> HitJson<'a> {
        HitJson {
            id: hit.id.as_str(),
            title: &hit.title,
            // Three decimals read better and diff less than f32 noise.
            score: (hit.score * 1000.0).round() / 1000.0,
            date: hit.date.as_deref(),
            period: hit.period.map(|(first, last)| [first.to_string(), last.to_string()]),
            lang: &hit.lang,
            snippets: &passages.snippets,
        }
    }
}
