//! One article: its cleaned text and everything dossier understood of it.

use super::clean::{self, CleaningReport};
use super::dates::{self, DateMention, DateValue};
use super::lang::{self, LangGuess};
use super::source::{RawDocument, SourceFormat, StatedMeta};
use super::structure::{self, Structure};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// A stable article id: the path relative to the corpus root, and for JSON
/// Lines records the path plus `#` and the record's id (or line number).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Given by the file (front matter, JSONL field).
    Stated,
    /// Inferred from the article's date mentions.
    Inferred,
    /// Set by the analyst.
    Analyst,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provenance::Stated => "stated",
            Provenance::Inferred => "inferred",
            Provenance::Analyst => "analyst",
        })
    }
}

/// An article's publication date with where it came from and how sure we are.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicationDate {
    /// The date at its precision (day, week, month or year).
    pub value: DateValue,
    pub provenance: Provenance,
    /// 1.0 for stated and analyst dates; below for inferred ones.
    pub confidence: f32,
    /// Why the date is what it is, one line per step (one string, not a
    /// string per line: every article carries it).
    pub reasoning: String,
}

impl PublicationDate {
    /// The steps of the reasoning.
    pub fn reasons(&self) -> std::str::Lines<'_> {
        self.reasoning.lines()
    }
}

/// An article as dossier understands it. Every byte offset refers to `text`,
/// the cleaned text.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: ArticleId,
    pub format: SourceFormat,
    /// The encoding the file was decoded from, e.g. `UTF-8`, `windows-1252`.
    pub encoding: &'static str,
    /// What the file itself says about the article; `None` when it says
    /// nothing (most scraped text), which saves 144 bytes an article.
    meta: Option<Box<StatedMeta>>,
    /// The cleaned text; all offsets are byte offsets into it.
    pub text: String,
    /// What cleaning removed or changed.
    pub cleaning: CleaningReport,
    /// Lines, title, boilerplate flags, paragraphs and sentences.
    pub structure: Structure,
    pub lang: LangGuess,
    /// Date mentions in text order, resolved against `date` where it exists.
    pub mentions: Vec<DateMention>,
    pub date: Option<PublicationDate>,
}

impl Article {
    /// Cleans and analyses a document read from disk.
    pub fn analyse(raw: RawDocument) -> Article {
        let cleaned = clean::clean(&raw.body);
        let text = cleaned.text;
        let structure = structure::analyse(&text, raw.format, raw.meta.title.as_deref());
        let lang = lang::detect(&text, &structure, raw.meta.lang.as_deref());
        let mut mentions = dates::extract(&text, &structure.sentences, lang.lang);
        let date = match raw.meta.date.as_deref().and_then(dates::parse_stated) {
            Some(value) => Some(PublicationDate {
                value,
                provenance: Provenance::Stated,
                confidence: 1.0,
                reasoning: format!("stated in the file: {}", raw.meta.date.as_deref().unwrap_or_default()),
            }),
            None => dates::infer_publication(&text, &mentions).map(|inference| PublicationDate {
                value: inference.value,
                provenance: Provenance::Inferred,
                confidence: inference.confidence,
                reasoning: inference.reasoning.join("\n"),
            }),
        };
        dates::resolve(&text, &mut mentions, date.as_ref().map(|d| d.value));
        Article {
            id: raw.id,
            format: raw.format,
            encoding: raw.encoding,
            meta: (raw.meta != StatedMeta::default()).then(|| Box::new(raw.meta)),
            text,
            cleaning: cleaned.report,
            structure,
            lang,
            mentions,
            date,
        }
    }

    /// Sets (or clears) the publication date and re-resolves every relative
    /// and partial mention against it.
    pub fn set_date(&mut self, date: Option<PublicationDate>) {
        self.date = date;
        dates::resolve(&self.text, &mut self.mentions, self.date.as_ref().map(|d| d.value));
    }

    /// The 1-based line number of a byte offset in the cleaned text.
    pub fn line_number(&self, offset: usize) -> usize {
        self.structure
            .lines
            .partition_point(|line| line.span.end() < offset)
            .min(self.structure.lines.len().saturating_sub(1))
            + 1
    }

    /// Where the article comes from: the stated source, else the outlet
    /// name a scraped page shows above its headline.
    pub fn source(&self) -> Option<&str> {
        self.meta().source.as_deref().or_else(|| {
            let lines = &self.structure.lines;
            let outlet = lines.iter().find(|l| l.flag == Some(super::boilerplate::LineKind::OutletName))?;
            Some(self.text[outlet.span].trim())
        })
    }

    /// Path of the source file relative to the corpus root: the id, less
    /// the `#record` of a JSON Lines article (not stored: the id holds it).
    pub fn path(&self) -> &Path {
        let id = self.id.as_str();
        let file = match (self.format, id.rsplit_once('#')) {
            (SourceFormat::JsonLines, Some((file, _))) => file,
            _ => id,
        };
        Path::new(file)
    }

    /// What the file itself says about the article (title, date, source,
    /// url, language, tags).
    pub fn meta(&self) -> &StatedMeta {
        static NOTHING: StatedMeta =
            StatedMeta { title: None, date: None, source: None, url: None, lang: None, tags: Vec::new() };
        self.meta.as_deref().unwrap_or(&NOTHING)
    }

    /// The same, to correct (an analyst's source, say).
    pub fn meta_mut(&mut self) -> &mut StatedMeta {
        self.meta.get_or_insert_with(Box::default)
    }

    /// The article's title.
    pub fn title(&self) -> &str {
        &self.structure.title.text
    }
}
