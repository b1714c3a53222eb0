//! One article: its cleaned text and everything dossier understood of it.

use super::boilerplate::LineKind;
use super::clean::{self, CleaningReport};
use super::dates::{self, Bound, DateMention, DateValue, Inference};
use super::detail::{Detail, LazyDetail};
use super::lang::{self, LangGuess};
use super::source::{RawDocument, SourceFormat, StatedMeta, StatedOrigins};
use super::span::Span;
use super::structure::{self, Structure, Title};
use super::text::Text;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
    /// Inferred from the article's own date mentions.
    Inferred,
    /// Taken from dated articles that tell the same story.
    Corpus,
    /// Set by the analyst.
    Analyst,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provenance::Stated => "stated",
            Provenance::Inferred => "inferred",
            Provenance::Corpus => "corpus",
            Provenance::Analyst => "analyst",
        })
    }
}

/// An article's publication date: bounds, and an estimate where the
/// evidence converges, with where they came from and how sure they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicationDate {
    /// The estimate at its precision (day, week, month or year); `None`
    /// when only bounds are known. Always set for stated and analyst dates.
    pub value: Option<DateValue>,
    pub provenance: Provenance,
    /// 1.0 for stated and analyst dates; otherwise the measured share right
    /// of estimates of its kind (or of such bounds holding, without one).
    pub confidence: f32,
    /// Published on or after this day, and why.
    pub not_before: Option<Bound>,
    /// Published on or before this day, and why.
    pub not_after: Option<Bound>,
    /// Why the date is what it is, one line per step (one string, not a
    /// string per line: every article carries it).
    pub reasoning: String,
}

impl PublicationDate {
    /// A date given as it is: by the file or by the analyst.
    pub fn given(value: DateValue, provenance: Provenance, reasoning: String) -> PublicationDate {
        PublicationDate {
            value: Some(value),
            provenance,
            confidence: 1.0,
            not_before: None,
            not_after: None,
            reasoning,
        }
    }

    /// A date inferred from evidence, its own text's or the corpus's.
    pub fn inferred(inference: Inference, provenance: Provenance) -> PublicationDate {
        PublicationDate {
            value: inference.value,
            provenance,
            confidence: inference.confidence,
            not_before: inference.not_before,
            not_after: inference.not_after,
            reasoning: inference.reasoning.join("\n"),
        }
    }

    /// The date an article takes from its twin `twin_id` (`y`): the twin's
    /// estimate, still inferred and a little less sure; `None` when the
    /// twin has no estimate.
    pub fn taken_from(twin_id: &str, twin: &PublicationDate) -> Option<PublicationDate> {
        Some(PublicationDate {
            value: Some(twin.value?),
            provenance: Provenance::Corpus,
            confidence: dates::taken_from_twin(twin.confidence),
            not_before: None,
            not_after: None,
            reasoning: format!("from {twin_id}: its twin's date ({}), taken with y", twin.provenance),
        })
    }

    /// Whether the date was worked out rather than given (`~` on screen).
    pub fn is_inferred(&self) -> bool {
        matches!(self.provenance, Provenance::Inferred | Provenance::Corpus)
    }

    /// The estimate (`2017-02-07`), else the bounds: `≥2016-11-01`,
    /// `≤2018-12-31`, `2016-11-01‥2018-12-31`.
    pub fn shown(&self) -> String {
        let (from, to) = self.range();
        match (self.value, from, to) {
            (Some(value), _, _) => value.to_string(),
            (None, Some(from), Some(to)) => format!("{from}‥{to}"),
            (None, Some(from), None) => format!("≥{from}"),
            (None, None, Some(to)) => format!("≤{to}"),
            (None, None, None) => "undated".to_string(),
        }
    }

    /// The date as the article list shows it, in at most 15 columns: the
    /// estimate (`~2017-02-07` when worked out), else the bounds to the
    /// month (`≥2016-11`, `≤2018-12`, `2017-02‥2017-03`; within one month,
    /// to the day: `2017-02-03‥02-10`).
    pub fn label(&self) -> String {
        let mark = if self.is_inferred() { "~" } else { "" };
        if let Some(value) = self.value {
            return format!("{mark}{value}");
        }
        let month = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
        match self.range() {
            (Some(from), Some(to)) if month(from) == month(to) => format!("{from}‥{:02}-{:02}", to.month(), to.day()),
            (Some(from), Some(to)) => format!("{}‥{}", month(from), month(to)),
            (Some(from), None) => format!("≥{}", month(from)),
            (None, Some(to)) => format!("≤{}", month(to)),
            (None, None) => "undated".to_string(),
        }
    }

    /// The first and last day it may be, where known.
    pub fn range(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        (self.not_before.as_ref().map(|b| b.date), self.not_after.as_ref().map(|b| b.date))
    }

    /// Where the article sorts by date: its estimate's first day, else
    /// the earliest day it may be (`not_before`, or `not_after` when that
    /// is all), with `true` for a range so that it follows the estimates
    /// of that day.
    pub fn sort_day(&self) -> Option<(NaiveDate, bool)> {
        match (self.value, self.range()) {
            (Some(value), _) => Some((value.date, false)),
            (None, (Some(day), _) | (None, Some(day))) => Some((day, true)),
            (None, (None, None)) => None,
        }
    }

    /// The steps of the reasoning.
    pub fn reasons(&self) -> std::str::Lines<'_> {
        self.reasoning.lines()
    }
}

/// An article as dossier understands it. Every byte offset refers to `text`,
/// the cleaned text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub format: SourceFormat,
    /// The encoding the file was decoded from, e.g. `UTF-8`, `windows-1252`.
    #[serde(deserialize_with = "super::cache::name")]
    pub encoding: super::source::Name,
    /// What the file itself says about the article; `None` when it says
    /// nothing (most scraped text), which saves 144 bytes an article.
    meta: Option<Box<StatedMeta>>,
    /// The cleaned text; all offsets are byte offsets into it. Not in the
    /// cache's entry: the cache keeps texts apart, to map them.
    #[serde(skip)]
    pub text: Text,
    /// What cleaning removed or changed.
    pub cleaning: CleaningReport,
    /// The headline, or the title made from the first sentence.
    pub title: Title,
    /// The line naming the outlet above the headline of a scraped page.
    outlet: Option<Span>,
    /// Lines, paragraphs, sentences and date mentions: see [`Article::detail`].
    /// Not in the cache's entry: the cache keeps them apart, to map them.
    #[serde(skip)]
    detail: LazyDetail,
    pub lang: LangGuess,
    pub date: Option<PublicationDate>,
}

impl Article {
    /// Cleans and analyses a document read from disk: its text and what
    /// the file states about it alike.
    pub fn analyse(mut raw: RawDocument) -> Article {
        raw.meta = clean_meta(raw.meta);
        let cleaned = clean::clean(&raw.body);
        let text = cleaned.text;
        let structure = structure::analyse(&text, raw.format, raw.meta.title.as_deref());
        let lang = lang::detect(&text, &structure, raw.meta.lang.as_deref());
        let mut mentions = dates::extract(&text, &structure.sentences, lang.lang);
        let date = match raw.meta.date.as_deref().and_then(dates::parse_stated) {
            Some(value) => Some(PublicationDate::given(value, Provenance::Stated, stated_reason(&raw.meta))),
            None => {
                let captions: Vec<Span> = structure
                    .lines
                    .iter()
                    .filter(|l| matches!(l.flag, Some(LineKind::PhotoCaption | LineKind::AltText)))
                    .map(|l| l.span)
                    .collect();
                dates::infer_publication(&text, &captions, &mentions)
                    .map(|inference| PublicationDate::inferred(inference, Provenance::Inferred))
            }
        };
        dates::resolve(&text, &mut mentions, date.as_ref().and_then(|d| d.value));
        let Structure { lines, title, paragraphs, sentences } = structure;
        Article {
            id: raw.id,
            format: raw.format,
            encoding: raw.encoding,
            meta: (raw.meta != StatedMeta::default()).then(|| Box::new(raw.meta)),
            text: text.into(),
            cleaning: cleaned.report,
            title,
            outlet: lines.iter().find(|l| l.flag == Some(LineKind::OutletName)).map(|l| l.span),
            detail: Detail { lines, paragraphs, sentences, mentions }.into(),
            lang,
            date,
        }
    }

    /// Sets (or clears) the publication date and re-resolves every relative
    /// and partial mention against it.
    pub fn set_date(&mut self, date: Option<PublicationDate>) {
        self.date = date;
        let value = self.date.as_ref().and_then(|d| d.value);
        dates::resolve(&self.text, &mut self.detail.get_mut().mentions, value);
    }

    /// Lines, paragraphs, sentences and date mentions, for reading the
    /// article: from the cache, decoded the first time and then kept.
    pub fn detail(&self) -> &Detail {
        self.detail.get()
    }

    /// The same, for a look over the whole corpus: not kept when it had to
    /// be decoded (see [`LazyDetail::passing`]).
    pub fn passing_detail(&self) -> Cow<'_, Detail> {
        self.detail.passing()
    }

    /// Its date mentions, for a look over the whole corpus: not kept when
    /// they had to be decoded (see [`LazyDetail::passing_mentions`]).
    pub fn passing_mentions(&self) -> Cow<'_, [DateMention]> {
        self.detail.passing_mentions()
    }

    /// The detail to change, for tests that plant what a cache could hold.
    #[cfg(test)]
    pub(crate) fn detail_mut(&mut self) -> &mut Detail {
        self.detail.get_mut()
    }

    pub(super) fn lazy_detail(&self) -> &LazyDetail {
        &self.detail
    }

    pub(super) fn set_lazy_detail(&mut self, detail: LazyDetail) {
        self.detail = detail;
    }

    /// The 1-based line number of a byte offset in the cleaned text.
    pub fn line_number(&self, offset: usize) -> usize {
        let lines = &self.detail().lines;
        lines.partition_point(|line| line.span.end() < offset).min(lines.len().saturating_sub(1)) + 1
    }

    /// Where the article comes from: the stated source, else the outlet
    /// name a scraped page shows above its headline.
    pub fn source(&self) -> Option<&str> {
        self.meta().source.as_deref().or_else(|| Some(self.text[self.outlet?].trim()))
    }

    /// The outlet line's span, for the cache's check of spans.
    pub(super) fn outlet(&self) -> Option<Span> {
        self.outlet
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
        static NOTHING: StatedMeta = StatedMeta {
            title: None,
            date: None,
            source: None,
            url: None,
            lang: None,
            tags: Vec::new(),
            authors: Vec::new(),
            origins: StatedOrigins::NONE,
        };
        self.meta.as_deref().unwrap_or(&NOTHING)
    }

    /// The same, to correct (an analyst's source, say).
    pub fn meta_mut(&mut self) -> &mut StatedMeta {
        self.meta.get_or_insert_with(Box::default)
    }

    /// The article's title.
    pub fn title(&self) -> &str {
        &self.title.text
    }
}

/// Why a stated date is the date: the value as the file gives it, and
/// where in the file it stands (`stated in the file as \`date_publish\`: …`).
fn stated_reason(meta: &StatedMeta) -> String {
    let date = meta.date.as_deref().unwrap_or_default();
    match meta.origins.date {
        Some(origin) => format!("stated in the file as `{origin}`: {date}"),
        None => format!("stated in the file: {date}"),
    }
}

/// Stated metadata cleaned as the body is, each value to one line (see
/// [`clean::clean_line`]); a value that cleaning empties is dropped.
fn clean_meta(meta: StatedMeta) -> StatedMeta {
    let line = |value: Option<String>| value.map(|v| clean::clean_line(&v)).filter(|v| !v.is_empty());
    let lines = |values: Vec<String>| values.iter().map(|v| clean::clean_line(v)).filter(|v| !v.is_empty()).collect();
    let (title, date, source, url, lang) =
        (line(meta.title), line(meta.date), line(meta.source), line(meta.url), line(meta.lang));
    // An origin without its value (cleaning emptied it) is no evidence.
    let origins = StatedOrigins {
        title: meta.origins.title.filter(|_| title.is_some()),
        date: meta.origins.date.filter(|_| date.is_some()),
        source: meta.origins.source.filter(|_| source.is_some()),
        url: meta.origins.url.filter(|_| url.is_some()),
        lang: meta.origins.lang.filter(|_| lang.is_some()),
    };
    StatedMeta { title, date, source, url, lang, tags: lines(meta.tags), authors: lines(meta.authors), origins }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    /// Whether a metadata value holds anything a terminal could act on or
    /// that hides or reorders text: controls, ESC, bidi overrides and
    /// isolates, zero-width characters, line breaks.
    fn unsafe_on_one_line(value: &str) -> bool {
        value.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
        })
    }

    #[test]
    fn stated_metadata_is_cleaned_to_one_line_like_the_body() {
        let dir = tempfile::tempdir().expect("temp dir");
        // OSC 0 sets the window title, OSC 52 writes the clipboard, CSI 2J
        // clears the screen; then a bidi override, isolates, zero-width
        // characters and a joiner between two letters the body would keep.
        let front_matter = "---\n\
            title: \x1b]0;pwned\x07Troops \u{202e}leave\u{202c} by\u{200b} 2025\x1b[2J\n\
            date: \x1b[2J2024-01-27\u{200b}\n\
            source: \x1b]52;c;ZXZpbA==\x07Reu\u{200b}ters\u{2066}\u{2069}\n\
            url: https://exa\x1b[2Jmple.com/\u{202e}a\x1b]0;x\x07\n\
            lang: \u{2060}de\x1b[2J\n\
            tags:\n  - \x1b]52;c;ZXZpbA==\x07irak\n  - \u{202e}usa\u{2060}\n  - gr\u{fc}\u{200d}\u{df}e\n  - \x1b]0;t\x07\n\
            ---\n\
            Body text of the article.\n";
        std::fs::write(dir.path().join("a.md"), front_matter).expect("write");
        let record = r#"{"id": "r1", "text": "Body text of the record.",
            "title": "\u001b]0;pwned\u0007Troops\n\u202eleave\u202c by\u200b 2025\u001b[2J",
            "date": "\u001b[2J2024-01-27\u200b",
            "source": "\u001b]52;c;ZXZpbA==\u001b\\Reu\u200bters\r\n\u2066\u2069",
            "url": "https://exa\u001b[2Jmple.com/\u202ea\u001b]0;x\u0007",
            "lang": "\ufeffde\u001b[2J",
            "tags": ["\u001b]52;c;ZXZpbA==\u0007irak", "\u202eusa\u2060", "gr\u00fc\u200d\u00dfe", "\u001b]0;t\u0007"]}"#;
        std::fs::write(dir.path().join("b.jsonl"), record.replace('\n', " ") + "\n").expect("write");

        let corpus = Corpus::load(dir.path()).expect("loads");
        assert!(corpus.report.problems.is_empty(), "{:?}", corpus.report.problems);
        let clean = StatedMeta {
            title: Some("Troops leave by 2025".to_owned()),
            date: Some("2024-01-27".to_owned()),
            source: Some("Reuters".to_owned()),
            url: Some("https://example.com/a".to_owned()),
            lang: Some("de".to_owned()),
            tags: vec!["irak".to_owned(), "usa".to_owned(), "gr\u{fc}\u{df}e".to_owned()],
            authors: Vec::new(),
            origins: StatedOrigins {
                title: Some("title"),
                date: Some("date"),
                source: Some("source"),
                url: Some("url"),
                lang: Some("lang"),
            },
        };
        let ids: Vec<&str> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.md", "b.jsonl#r1"]);
        for article in &corpus.articles {
            assert_eq!(article.meta(), &clean, "{}", article.id);
            assert_eq!(article.title(), "Troops leave by 2025", "{}", article.id);
            assert_eq!(article.source(), Some("Reuters"), "{}", article.id);
            assert_eq!(article.date.as_ref().map(|d| d.provenance), Some(Provenance::Stated), "{}", article.id);
            let meta = article.meta();
            let fields = [&meta.title, &meta.date, &meta.source, &meta.url, &meta.lang];
            let values = fields.into_iter().flatten().chain(&meta.tags);
            assert!(!values.clone().any(|v| unsafe_on_one_line(v)), "{:?}", values.collect::<Vec<_>>());
        }
    }
}
