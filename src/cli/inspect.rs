//! `dossier inspect`: what dossier understood of each article, as a table,
//! as JSON Lines (a stable contract other tools read), or one article in
//! detail.

use super::progress::{Progress, load_corpus};
use crate::corpus::dates::{DateMention, MentionKind, Precision, Tense};
use crate::corpus::{Article, Corpus, LinkScope, LoadReport, SkipReason};
use crate::display::{escape_for_terminal as inert, escape_path, fit};
use anyhow::{Result, bail};
use clap::Args;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `dossier inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The corpus folder.
    pub corpus: PathBuf,
    #[command(flatten)]
    pub links: super::LinksFlag,
    /// Show one article in detail: its flagged lines and every date mention.
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// Print JSON Lines, one object per article.
    #[arg(long)]
    pub json: bool,
}

/// Runs `dossier inspect`.
pub fn run(args: &InspectArgs, links: LinkScope) -> Result<()> {
    let mut corpus = load_corpus(&args.corpus, links)?;
    // The corpus is evidence too: undated articles take their kin's dates.
    let progress = Progress::start("dating undated articles by the articles that tell the same story");
    crate::suggest::date_by_kin(&mut corpus.articles);
    drop(progress);
    let mut out = BufWriter::new(io::stdout().lock());
    match (&args.article, args.json) {
        (Some(id), json) => {
            let Some(article) = corpus.article(id) else {
                bail!("{}: no article with id {id:?} (ids are listed by `dossier inspect`)", args.corpus.display());
            };
            if json {
                write_json_line(&mut out, article)?;
            } else {
                write_article(&mut out, article)?;
            }
        }
        (None, true) => {
            for article in &corpus.articles {
                write_json_line(&mut out, article)?;
            }
            // stdout stays pure JSON Lines; the report goes to stderr.
            out.flush()?;
            write_report(&mut io::stderr().lock(), &corpus.report)?;
        }
        (None, false) => {
            write_table(&mut out, &corpus)?;
            writeln!(out)?;
            write_report(&mut out, &corpus.report)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The JSON object for one article. Field names are a contract: keep them.
#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    title_derived: bool,
    lang: String,
    lang_confidence: f32,
    source: Option<&'a str>,
    url: Option<&'a str>,
    encoding: &'a str,
    date: Option<DateJson<'a>>,
    sentences: usize,
    paragraphs: usize,
    mentions: Vec<MentionJson<'a>>,
    flagged: Vec<FlaggedJson>,
}

/// The publication date: `value` and `precision` are null when only the
/// bounds are known; dates are `YYYY-MM-DD`.
#[derive(Serialize)]
struct DateJson<'a> {
    value: Option<String>,
    precision: Option<Precision>,
    provenance: String,
    confidence: f32,
    not_before: Option<String>,
    not_after: Option<String>,
    reasoning: Vec<&'a str>,
}

#[derive(Serialize)]
struct MentionJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    value: Option<String>,
    precision: Precision,
    kind: MentionKind,
    tense: Tense,
}

#[derive(Serialize)]
struct FlaggedJson {
    line: usize,
    kind: crate::corpus::boilerplate::LineKind,
}

fn article_json(article: &Article) -> ArticleJson<'_> {
    ArticleJson {
        id: article.id.as_str(),
        path: article.path().display().to_string(),
        title: article.title(),
        title_derived: article.title.derived,
        lang: article.lang.lang.to_string(),
        lang_confidence: article.lang.confidence,
        source: article.source(),
        url: article.meta().url.as_deref(),
        encoding: article.encoding,
        date: article.date.as_ref().map(|d| DateJson {
            value: d.value.map(|v| v.to_string()),
            precision: d.value.map(|v| v.precision),
            provenance: d.provenance.to_string(),
            confidence: d.confidence,
            not_before: d.not_before.as_ref().map(|b| b.date.to_string()),
            not_after: d.not_after.as_ref().map(|b| b.date.to_string()),
            reasoning: d.reasons().collect(),
        }),
        sentences: article.detail().sentences.len(),
        paragraphs: article.detail().paragraphs.len(),
        mentions: article.detail().mentions.iter().map(|m| mention_json(article, m)).collect(),
        flagged: flagged_lines(article).map(|(line, kind)| FlaggedJson { line, kind }).collect(),
    }
}

fn mention_json<'a>(article: &'a Article, mention: &DateMention) -> MentionJson<'a> {
    MentionJson {
        text: &article.text[mention.span],
        start: mention.span.start(),
        end: mention.span.end(),
        value: mention.normalised(),
        precision: mention.precision,
        kind: mention.kind,
        tense: mention.tense,
    }
}

/// Flagged lines as (1-based line number, kind), the headline excluded.
fn flagged_lines(article: &Article) -> impl Iterator<Item = (usize, crate::corpus::boilerplate::LineKind)> + '_ {
    use crate::corpus::boilerplate::LineKind;
    article
        .detail()
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| line.flag.filter(|k| *k != LineKind::Headline).map(|k| (i + 1, k)))
}

fn write_json_line(out: &mut impl Write, article: &Article) -> Result<()> {
    super::json_lines::write_record(out, &article_json(article))
}

/// How a date shows in tables: `2024-01-25 stated`, or `~2024 (0.45)` /
/// `~≥2016-11-01 (0.95)` when inferred.
fn date_cell(article: &Article) -> String {
    match &article.date {
        None => "undated".to_string(),
        Some(d) if d.is_inferred() => format!("~{} ({:.2})", d.shown(), d.confidence),
        Some(d) => format!("{} {}", d.shown(), d.provenance),
    }
}

fn write_table(out: &mut impl Write, corpus: &Corpus) -> Result<()> {
    let id_width =
        corpus.articles.iter().map(|a| crate::display::width(&inert(a.id.as_str()))).max().unwrap_or(2).clamp(2, 40);
    writeln!(
        out,
        "{} {} {} {} {:>5} {:>5} {:>5}",
        fit("ID", id_width),
        fit("LANG", 7),
        fit("TITLE", 56),
        fit("DATE", 22),
        "SENT",
        "FLAG",
        "DATES"
    )?;
    for article in &corpus.articles {
        let title = if article.title.derived {
            // In front, so truncation never hides it.
            format!("[derived] {}", article.title())
        } else {
            article.title().to_string()
        };
        let lang = if article.lang.stated {
            format!("{}", article.lang.lang)
        } else {
            format!("{} {:.0}%", article.lang.lang, article.lang.confidence * 100.0)
        };
        writeln!(
            out,
            "{} {} {} {} {:>5} {:>5} {:>5}",
            fit(&inert(article.id.as_str()), id_width),
            fit(&lang, 7),
            fit(&inert(&title), 56),
            fit(&date_cell(article), 22),
            article.detail().sentences.len(),
            flagged_lines(article).count(),
            article.detail().mentions.len()
        )?;
    }
    writeln!(out, "{} articles", corpus.articles.len())?;
    Ok(())
}

fn write_report(out: &mut impl Write, report: &LoadReport) -> Result<()> {
    writeln!(
        out,
        "Load report: {} files seen, {} skipped, {} problems, {:.1} KiB read",
        report.files_seen,
        report.skipped.len(),
        report.problems.len(),
        report.bytes_read as f64 / 1024.0
    )?;
    for skipped in &report.skipped {
        writeln!(out, "  skipped {}: {}", escape_path(&skipped.path), inert(&skip_reason(&skipped.reason)))?;
    }
    for problem in &report.problems {
        let place = match (problem.line, problem.column) {
            (Some(line), Some(column)) => format!(":{line}:{column}"),
            (Some(line), None) => format!(":{line}"),
            (None, _) => String::new(),
        };
        writeln!(out, "  problem {}{place}: {}", escape_path(&problem.path), inert(&problem.message))?;
    }
    Ok(())
}

fn skip_reason(reason: &SkipReason) -> String {
    match reason {
        SkipReason::NotAnArticle => "not an article file".to_string(),
        SkipReason::Empty => "empty".to_string(),
        SkipReason::TooLarge { bytes, limit } => format!("too large ({bytes} bytes, limit {limit})"),
        SkipReason::Binary => "binary content, not text".to_string(),
        SkipReason::Unreadable { message } => format!("unreadable: {message}"),
        SkipReason::OutsideCorpus { target } => {
            format!("a link leading outside the corpus, to {} (read it with --follow-links)", target.display())
        }
        SkipReason::SpecialFile { what } => format!("{what}, not a regular file"),
        SkipReason::KernelFile => "a kernel file under /proc or /sys, never read".to_string(),
    }
}

fn write_article(out: &mut impl Write, article: &Article) -> Result<()> {
    writeln!(out, "{}", inert(article.id.as_str()))?;
    writeln!(out, "  path      {}", escape_path(article.path()))?;
    writeln!(out, "  encoding  {}", article.encoding)?;
    let title_note = if article.title.derived { " [derived from the first sentence]" } else { "" };
    writeln!(out, "  title     {}{title_note}", inert(article.title()))?;
    for (label, value) in [("source", article.source()), ("url", article.meta().url.as_deref())] {
        if let Some(value) = value {
            writeln!(out, "  {label:<9} {}", inert(value))?;
        }
    }
    writeln!(
        out,
        "  language  {} ({})",
        article.lang.lang,
        if article.lang.stated { "stated".to_string() } else { format!("{:.0}%", article.lang.confidence * 100.0) }
    )?;
    writeln!(out, "  date      {}", inert(&date_cell(article)))?;
    if let Some(date) = &article.date {
        for reason in date.reasons() {
            writeln!(out, "            · {}", inert(reason))?;
        }
    }
    writeln!(
        out,
        "  counts    {} paragraphs, {} sentences, {} date mentions",
        article.detail().paragraphs.len(),
        article.detail().sentences.len(),
        article.detail().mentions.len()
    )?;
    if article.cleaning.changed_content() {
        writeln!(out, "  cleaned   {:?}", article.cleaning)?;
    }
    writeln!(out, "\nFlagged lines:")?;
    let mut any = false;
    for (line, kind) in flagged_lines(article) {
        any = true;
        let span = article.detail().lines[line - 1].span;
        writeln!(
            out,
            "  {line:>4}  {:<18} {}",
            format!("{kind:?}"),
            crate::display::truncate(&inert(&article.text[span]), 90)
        )?;
    }
    if !any {
        writeln!(out, "  (none)")?;
    }
    writeln!(out, "\nDate mentions:")?;
    if article.detail().mentions.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for mention in &article.detail().mentions {
        let text = &article.text[mention.span];
        let value = mention.normalised().unwrap_or_else(|| "unresolved".to_string());
        writeln!(
            out,
            "  {:>4}  {:<28} → {:<12} {:?}, {:?}, {:?}",
            article.line_number(mention.span.start()),
            format!("“{}”", inert(text)),
            value,
            mention.precision,
            mention.kind,
            mention.tense
        )?;
    }
    Ok(())
}
