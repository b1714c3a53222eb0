//! The shape of an article's text: lines with boilerplate flags, the title,
//! paragraphs and sentences, all as byte spans into the cleaned text.

use super::boilerplate::LineKind;
use super::source::SourceFormat;
use serde::Serialize;
use std::ops::Range;

/// One line of the cleaned text (span without the `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextLine {
    pub span: Range<usize>,
    /// Set when the line is not body text (boilerplate, debris, the title).
    pub flag: Option<LineKind>,
}

/// The article's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Title {
    pub text: String,
    /// True when no headline was found and the title was made from the first sentence.
    pub derived: bool,
    /// Index into `Structure::lines` of the headline line, when there is one.
    pub line: Option<usize>,
}

/// Lines, title, paragraphs and sentences of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Structure {
    pub lines: Vec<TextLine>,
    pub title: Title,
    /// Paragraph spans in text order.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence spans in text order (within paragraphs, trimmed).
    pub sentences: Vec<Range<usize>>,
}

/// Analyses cleaned text; `stated_title` comes from front matter or JSONL.
pub fn analyse(text: &str, format: SourceFormat, stated_title: Option<&str>) -> Structure {
    let _ = (text, format, stated_title);
    todo!("structure::analyse")
}
