//! The reader's state for one article: the wrapped layout, scroll position,
//! sentence cursor and in-article search.

use super::filter::fold_char;
use super::wrap::{Block, Wrapped, wrap};
use crate::corpus::Article;
use crate::corpus::boilerplate::LineKind;
use std::ops::Range;

/// What a laid-out block is, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Headline,
    Body,
    /// Boilerplate, debris or captions: dimmed, or hidden on request.
    Flagged(LineKind),
}

/// Where the analyst was in an article, remembered when they leave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderPosition {
    pub scroll: usize,
    pub sentence: usize,
}

/// Reader settings that hold across articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderPrefs {
    pub hide_boilerplate: bool,
    pub show_date_values: bool,
}

impl Default for ReaderPrefs {
    fn default() -> Self {
        ReaderPrefs { hide_boilerplate: false, show_date_values: true }
    }
}

/// A search inside the article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// Byte spans of the matches in the cleaned text, in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the current one.
    pub current: usize,
}

/// The reader pane's state.
#[derive(Debug)]
pub struct Reader {
    /// Index of the article in the corpus.
    pub article: usize,
    pub wrapped: Wrapped<BlockKind>,
    /// The width `wrapped` was laid out for.
    pub width: u16,
    /// First row drawn.
    pub scroll: usize,
    /// The sentence under the cursor (index into the article's sentences).
    pub sentence: usize,
    /// Sentences that are on screen with the current settings, in order.
    pub shown_sentences: Vec<usize>,
    pub search: Option<Search>,
    /// The span being selected for a claim, if a selection is under way.
    pub selection: Option<Range<usize>>,
}

impl Reader {
    /// Opens `article` at a remembered position (or the top).
    pub fn open(index: usize, article: &Article, width: u16, prefs: ReaderPrefs, at: ReaderPosition) -> Reader {
        let (wrapped, shown_sentences) = layout(article, width, prefs);
        // A first visit starts the cursor on the first sentence of body
        // text, past the outlet name, menu and headline.
        let at = if at == ReaderPosition::default() {
            ReaderPosition { scroll: 0, sentence: first_body_sentence(article, &shown_sentences) }
        } else {
            at
        };
        let mut reader = Reader {
            article: index,
            wrapped,
            width,
            scroll: at.scroll,
            sentence: at.sentence,
            shown_sentences,
            search: None,
            selection: None,
        };
        reader.keep_in_bounds();
        reader
    }

    /// The position to remember when leaving the article.
    pub fn position(&self) -> ReaderPosition {
        ReaderPosition { scroll: self.scroll, sentence: self.sentence }
    }

    /// Lays the article out again for a new width or new settings.
    pub fn relayout(&mut self, article: &Article, width: u16, prefs: ReaderPrefs) {
        (self.wrapped, self.shown_sentences) = layout(article, width, prefs);
        self.width = width;
        self.keep_in_bounds();
        // Hidden text holds no matches: a search finds what is on screen.
        if let Some(search) = &mut self.search {
            search.matches = find_all(&article.text, &search.query)
                .into_iter()
                .filter(|m| !self.wrapped.rows_for(m.clone()).is_empty())
                .collect();
            search.current = search.current.min(search.matches.len().saturating_sub(1));
        }
    }

    /// Keeps the cursor on a shown sentence (the nearest one, when its own
    /// was hidden) and the scroll inside the text.
    fn keep_in_bounds(&mut self) {
        if let Some(nearest) = self.shown_sentences.iter().copied().min_by_key(|&s| s.abs_diff(self.sentence)) {
            self.sentence = nearest;
        }
        self.scroll = self.scroll.min(self.wrapped.len().saturating_sub(1));
    }

    /// Brings the cursor sentence on screen, `height` rows tall.
    pub fn reveal_cursor(&mut self, article: &Article, height: usize) {
        if let Some(sentence) = article.detail().sentences.get(self.sentence) {
            self.reveal(sentence.range(), height);
        }
    }

    /// Scrolls by `delta` rows within `height` rows of screen.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let max = self.wrapped.len().saturating_sub(height.max(1));
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// Moves the sentence cursor by `delta` shown sentences and scrolls it into view.
    pub fn move_sentence(&mut self, article: &Article, delta: isize, height: usize) {
        let Some(position) = self.shown_sentences.iter().position(|&s| s == self.sentence) else {
            return;
        };
        let target = position.saturating_add_signed(delta).min(self.shown_sentences.len().saturating_sub(1));
        self.sentence = self.shown_sentences[target];
        self.reveal(article.detail().sentences[self.sentence].range(), height);
    }

    /// Moves the cursor to the first sentence of the next (or previous) paragraph.
    pub fn move_paragraph(&mut self, article: &Article, forward: bool, height: usize) {
        let sentences = &article.detail().sentences;
        let paragraphs = &article.detail().paragraphs;
        let Some(current) = sentences.get(self.sentence) else { return };
        let here = paragraphs.partition_point(|p| p.end() < current.start());
        let first_in = |paragraph: usize| {
            let span = paragraphs.get(paragraph)?;
            self.shown_sentences.iter().copied().find(|&s| span.contains(sentences[s].start()))
        };
        let found = if forward {
            (here + 1..paragraphs.len()).find_map(first_in)
        } else {
            // From mid-paragraph, go to its first sentence; from its start, to the previous one.
            let start_of_here = first_in(here).filter(|&s| s != self.sentence);
            start_of_here.or_else(|| (0..here).rev().find_map(first_in))
        };
        if let Some(sentence) = found {
            self.sentence = sentence;
            self.reveal(sentences[sentence].range(), height);
        }
    }

    /// Puts the cursor on the shown sentence that contains byte `offset`,
    /// or else the shown sentence nearest to it (a headline or a line
    /// between sentences still moves the cursor to where the eye is).
    pub fn place_cursor_at(&mut self, article: &Article, offset: usize) {
        let sentences = &article.detail().sentences;
        let distance = |s: usize| {
            let span = sentences[s];
            if offset < span.start() {
                span.start() - offset
            } else {
                offset.saturating_sub(span.end().saturating_sub(1))
            }
        };
        if let Some(s) = self.shown_sentences.iter().copied().min_by_key(|&s| distance(s)) {
            self.sentence = s;
        }
    }

    /// Scrolls so that `span` is on screen, with a little context above.
    pub fn reveal(&mut self, span: Range<usize>, height: usize) {
        let rows = self.wrapped.rows_for(span);
        if rows.start < self.scroll || rows.end > self.scroll + height {
            self.scroll = rows.start.saturating_sub(height / 4);
        }
    }

    /// Starts or updates a search for `query` (case- and accent-insensitive)
    /// in the text on screen (hidden boilerplate holds no matches) and
    /// moves to the first match at or after the cursor.
    pub fn search(&mut self, article: &Article, query: &str, height: usize) {
        let matches: Vec<_> = find_all(&article.text, query)
            .into_iter()
            .filter(|m| !self.wrapped.rows_for(m.clone()).is_empty())
            .collect();
        let from = article.detail().sentences.get(self.sentence).map_or(0, |s| s.start());
        let current = matches.iter().position(|m| m.start >= from).unwrap_or(0);
        self.search = Some(Search { query: query.to_string(), matches, current });
        self.reveal_match(article, height);
    }

    /// Moves to the next (or previous) match, wrapping around.
    pub fn next_match(&mut self, article: &Article, forward: bool, height: usize) {
        if let Some(search) = &mut self.search {
            let count = search.matches.len();
            if count == 0 {
                return;
            }
            search.current = if forward { (search.current + 1) % count } else { (search.current + count - 1) % count };
        }
        self.reveal_match(article, height);
    }

    /// Shows the current match and puts the sentence cursor on it, so what
    /// was searched for can be tagged at once.
    fn reveal_match(&mut self, article: &Article, height: usize) {
        let span = self.search.as_ref().and_then(|s| s.matches.get(s.current).cloned());
        if let Some(span) = span {
            self.place_cursor_at(article, span.start);
            self.reveal(span, height);
        }
    }
}

/// The first shown sentence that starts on an unflagged line.
fn first_body_sentence(article: &Article, shown: &[usize]) -> usize {
    let structure = article.detail();
    let unflagged = |s: usize| {
        let start = structure.sentences[s].start();
        let line = structure.lines.partition_point(|l| l.span.end() < start);
        structure.lines.get(line).is_some_and(|l| l.flag.is_none())
    };
    shown.iter().copied().find(|&s| unflagged(s)).or(shown.first().copied()).unwrap_or(0)
}

/// The article's rows at `width`, and the sentences they show.
fn layout(article: &Article, width: u16, prefs: ReaderPrefs) -> (Wrapped<BlockKind>, Vec<usize>) {
    let blocks = blocks(article, prefs.hide_boilerplate);
    let sentences = &article.detail().sentences;
    let shown =
        (0..sentences.len()).filter(|&s| blocks.iter().any(|b| b.span.contains(&sentences[s].start()))).collect();
    (wrap(&article.text, &blocks, width), shown)
}

/// The blocks to lay out: the headline, then every paragraph; flagged
/// paragraphs are left out when `hide_flagged` is set.
fn blocks(article: &Article, hide_flagged: bool) -> Vec<Block<BlockKind>> {
    let structure = article.detail();
    let mut blocks = Vec::with_capacity(structure.paragraphs.len() + 1);
    for paragraph in &structure.paragraphs {
        let first_line = structure.lines.partition_point(|l| l.span.end() < paragraph.start());
        let kind = match structure.lines.get(first_line).and_then(|l| l.flag) {
            Some(LineKind::Headline) => BlockKind::Headline,
            Some(kind) => BlockKind::Flagged(kind),
            None => BlockKind::Body,
        };
        if hide_flagged && matches!(kind, BlockKind::Flagged(_)) {
            continue;
        }
        blocks.push(Block { span: paragraph.range(), kind });
    }
    blocks
}

/// Every match of `query` in `text`, ignoring case and accents (folded as
/// the list filter folds), as byte spans.
fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let fold = |c: char, out: &mut Vec<char>| fold_char(c, |f| out.extend(f.to_lowercase()));
    let mut needle = Vec::new();
    for c in query.chars() {
        fold(c, &mut needle);
    }
    if needle.is_empty() {
        return Vec::new();
    }
    // Folded chars with the byte span of the original char each came from.
    let mut folded: Vec<(Range<usize>, char)> = Vec::with_capacity(text.len());
    let mut buffer = Vec::new();
    for (i, c) in text.char_indices() {
        buffer.clear();
        fold(c, &mut buffer);
        folded.extend(buffer.iter().map(|&f| (i..i + c.len_utf8(), f)));
    }
    let mut matches = Vec::new();
    let mut i = 0;
    while i + needle.len() <= folded.len() {
        if folded[i..i + needle.len()].iter().map(|(_, c)| *c).eq(needle.iter().copied()) {
            matches.push(folded[i].0.start..folded[i + needle.len() - 1].0.end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    matches
}
