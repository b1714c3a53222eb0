//! The shape of an article's text: lines with boilerplate flags, the title,
//! paragraphs and sentences, all as byte spans into the cleaned text.

use super::boilerplate::{self, LineKind};
use super::sentences;
use super::source::SourceFormat;
use super::span::Span;
use super::title;
use serde::{Deserialize, Serialize};

/// One line of the cleaned text (span without the `\n`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub span: Span,
    /// Set when the line is not body text (boilerplate, debris, the title).
    pub flag: Option<LineKind>,
}

/// The article's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    pub text: String,
    /// True when no headline was found and the title was made from the first sentence.
    pub derived: bool,
    /// Index into `Structure::lines` of the headline line, when there is one.
    pub line: Option<usize>,
}

/// Lines, title, paragraphs and sentences of one article, as analysis
/// finds them (an [`Article`](super::Article) keeps the title apart from
/// the rest, its [`Detail`](super::detail::Detail)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    pub lines: Vec<TextLine>,
    pub title: Title,
    /// Paragraph spans in text order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans in text order (within paragraphs, trimmed).
    pub sentences: Vec<Span>,
}

/// Analyses cleaned text; `stated_title` comes from front matter or JSONL.
pub fn analyse(text: &str, format: SourceFormat, stated_title: Option<&str>) -> Structure {
    let mut lines = split_lines(text);
    boilerplate::flag_lines(text, &mut lines);
    let title = title::find(text, &mut lines, format, stated_title);
    let mut paragraphs = paragraphs(text, &lines, format);
    let mut sentences: Vec<Span> =
        paragraphs.iter().flat_map(|p| sentences::split(text, p.range())).map(Span::new).collect();
    // Both grew by doubling; an article keeps them for the whole session.
    paragraphs.shrink_to_fit();
    sentences.shrink_to_fit();
    Structure { lines, title, paragraphs, sentences }
}

/// Splits text into unflagged lines; a final `\n` does not start an empty line.
pub(crate) fn split_lines(text: &str) -> Vec<TextLine> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', body.as_bytes()).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body.as_bytes()).chain([body.len()]) {
        lines.push(TextLine { span: Span::new(start..end), flag: None });
        start = end + 1;
    }
    lines
}

/// `span` without surrounding whitespace (empty at its start if all blank).
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span];
    let start = span.start() + (s.len() - s.trim_start().len());
    Span::new(start..start + s.trim().len())
}

/// Markdown blocks that stand alone even without blank lines around them.
fn is_markdown_block_start(line: &str) -> bool {
    let line = line.trim_start();
    // The digit test keeps `split_once` from scanning every body line.
    let numbered = line.starts_with(|c: char| c.is_ascii_digit())
        && line.split_once(". ").is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit()));
    line.starts_with('#') || line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") || numbered
}

/// Text and JSONL: every non-blank line is a paragraph. Markdown: runs of
/// non-blank lines, where a heading or list item starts its own paragraph
/// (and a heading is always a paragraph of one line).
fn paragraphs(text: &str, lines: &[TextLine], format: SourceFormat) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut open = false;
    for line in lines {
        let span = trim_span(text, line.span);
        if span.is_empty() {
            open = false;
            continue;
        }
        let line_text = &text[span];
        let joins = format == SourceFormat::Markdown && open && !is_markdown_block_start(line_text);
        match out.last_mut() {
            Some(last) if joins => *last = Span::new(last.start()..span.end()),
            _ => out.push(span),
        }
        open = !line_text.starts_with('#');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|&r| &text[r]).collect()
    }

    #[test]
    fn lines_cover_the_text_without_newlines() {
        let lines = split_lines("a\n\nbc\n");
        let spans: Vec<_> = lines.into_iter().map(|l| l.span.range()).collect();
        assert_eq!(spans, vec![0..1, 2..2, 3..5]);
    }

    #[test]
    fn text_paragraphs_are_lines() {
        let text = "Headline of the story here\nFirst line.\nSecond line.\n\n  Third line.  \n";
        let s = analyse(text, SourceFormat::Text, None);
        assert_eq!(
            texts(text, &s.paragraphs),
            vec!["Headline of the story here", "First line.", "Second line.", "Third line."]
        );
    }

    #[test]
    fn markdown_paragraphs_join_lines_but_not_headings_or_lists() {
        let text = "# A heading for this\nFirst line\nstill first.\n\nSecond para.\n- item one\n- item two\n## Sub\nAfter sub.";
        let s = analyse(text, SourceFormat::Markdown, None);
        assert_eq!(
            texts(text, &s.paragraphs),
            vec![
                "# A heading for this",
                "First line\nstill first.",
                "Second para.",
                "- item one",
                "- item two",
                "## Sub",
                "After sub."
            ]
        );
    }

    #[test]
    fn sentences_come_from_every_paragraph() {
        let text = "Talks resume in Baghdad today\nThe talks began. They went well.\nAm 11. Februar endeten sie.";
        let s = analyse(text, SourceFormat::JsonLines, None);
        assert_eq!(
            texts(text, &s.sentences),
            vec!["Talks resume in Baghdad today", "The talks began.", "They went well.", "Am 11. Februar endeten sie."]
        );
    }
}
