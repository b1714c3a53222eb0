//! Exports of the annotations to the formats analysts share: JSON and
//! JSON Lines of everything, CSV of claims, a Markdown report, W3C Web
//! Annotation, schema.org ClaimReview, a TimelineJS sheet and TimelineJS3
//! JSON.

mod cells;
mod claimreview;
mod claims_csv;
mod context;
mod json;
mod markdown;
mod records;
mod timeline;
mod timeline_json;
mod w3c;

use crate::annotations::Annotations;
use crate::config::Settings;
use crate::corpus::Article;
use std::io::{self, Write};
use std::path::Path;

/// The corpus an export is made from, and the settings it follows.
#[derive(Debug, Clone, Copy)]
pub struct ExportSource<'a> {
    /// The corpus folder: W3C selectors point into its files as stored.
    pub root: &'a Path,
    /// The corpus's name, for titles and identifiers.
    pub name: &'a str,
    pub articles: &'a [Article],
    /// The publisher and rating scale of ClaimReview.
    pub settings: &'a Settings,
}

/// An export format; the names are those of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Jsonl,
    Csv,
    Md,
    W3c,
    Claimreview,
    Timeline,
    TimelineJson,
}

impl ExportFormat {
    /// Every format, in the order menus list them.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Csv,
        ExportFormat::Md,
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::W3c,
        ExportFormat::Claimreview,
        ExportFormat::Timeline,
        ExportFormat::TimelineJson,
    ];

    /// The file an export is written to by default.
    pub fn default_file_name(self) -> &'static str {
        match self {
            ExportFormat::Json => "dossier-export.json",
            ExportFormat::Jsonl => "dossier-export.jsonl",
            ExportFormat::Csv => "dossier-export.claims.csv",
            ExportFormat::Md => "dossier-export.report.md",
            ExportFormat::W3c => "dossier-export.w3c.jsonld",
            ExportFormat::Claimreview => "dossier-export.claimreview.jsonld",
            ExportFormat::Timeline => "dossier-export.timeline.csv",
            ExportFormat::TimelineJson => "dossier-export.timeline.json",
        }
    }

    /// What the format is, for menus.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Json => "JSON of everything",
            ExportFormat::Jsonl => "JSON Lines, one record per line",
            ExportFormat::Csv => "claims as CSV, one row each (spreadsheets)",
            ExportFormat::Md => "Markdown report by tag along the timeline",
            ExportFormat::W3c => "W3C Web Annotation (JSON-LD)",
            ExportFormat::Claimreview => "schema.org ClaimReview (JSON-LD) of reviewed claims",
            ExportFormat::Timeline => "TimelineJS sheet (CSV) of dated claims and articles",
            ExportFormat::TimelineJson => "TimelineJS3 JSON of dated claims and articles (no spreadsheet needed)",
        }
    }

    /// The name as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::Md => "md",
            ExportFormat::W3c => "w3c",
            ExportFormat::Claimreview => "claimreview",
            ExportFormat::Timeline => "timeline",
            ExportFormat::TimelineJson => "timeline-json",
        }
    }
}

/// Writes `annotations` of the corpus `source` in `format`, claims
/// re-anchored in the current text first; returns how many claims could
/// not be placed (listed apart as orphans).
pub fn export(
    format: ExportFormat,
    source: ExportSource,
    annotations: &Annotations,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut sorted = annotations.clone();
    sorted.normalise();
    let orphans = context::reanchor_claims(source.articles, &mut sorted);
    let orphan_count = orphans.len();
    let cx = context::ExportContext::new(source, &sorted, orphans);
    match format {
        ExportFormat::Json => json::write_json(&cx, out),
        ExportFormat::Jsonl => json::write_jsonl(&cx, out),
        ExportFormat::Csv => claims_csv::write_claims(&cx, out),
        ExportFormat::Md => markdown::write_report(&cx, out),
        ExportFormat::W3c => w3c::write_annotations(&cx, out),
        ExportFormat::Claimreview => claimreview::write_reviews(&cx, out),
        ExportFormat::Timeline => timeline::write_timeline(&cx, out),
        ExportFormat::TimelineJson => timeline_json::write_timeline(&cx, out),
    }?;
    Ok(orphan_count)
}
