//! Word wrapping for the reader, keeping a map from screen rows to byte
//! ranges of the article's cleaned text.
//!
//! ratatui's `Paragraph` neither reports its wrapped height nor which bytes
//! land on which row, but the reader must map a screen row (mouse click,
//! sentence cursor, search hit, claim selection) back to a span of the text.
//! So we wrap ourselves: [`wrap`] lays blocks out into [`Row`]s, each holding
//! the byte span it shows, and [`segments`] cuts a row into styled pieces for
//! the draw code.
//!
//! Widths are measured per grapheme cluster exactly as ratatui measures them
//! when it renders (`CellWidth`, built on unicode-width), so a row never
//! spills over the edge because of a disagreement about emoji or CJK.

use ratatui::buffer::CellWidth;
use std::ops::Range;
use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// One piece of text to lay out: a paragraph, the headline, a boilerplate
/// line, ... `kind` is the caller's tag, carried over to every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<K> {
    /// Bytes of the cleaned text that make up the block.
    pub span: Range<usize>,
    /// The caller's tag (body, boilerplate, headline, ...).
    pub kind: K,
}

/// One screen row of wrapped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<K> {
    /// Bytes of the text shown on this row; whitespace at a break is never
    /// part of it. Empty for blank rows (separators and blank lines inside a
    /// block), placed at the end of the row before so spans stay sorted.
    pub span: Range<usize>,
    /// Index into the blocks passed to [`wrap`]; `None` for the blank row
    /// that separates two blocks.
    pub block: Option<usize>,
    /// The block's kind; `None` exactly when `block` is `None`.
    pub kind: Option<K>,
}

/// The result of [`wrap`]: rows in text order with lookups from byte offsets
/// to rows.
///
/// Invariant relied on by the binary searches: row spans are in text order
/// and do not overlap (both starts and ends never decrease).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped<K> {
    rows: Vec<Row<K>>,
    width: u16,
}

impl<K> Wrapped<K> {
    /// All rows, top to bottom.
    pub fn rows(&self) -> &[Row<K>] {
        &self.rows
    }

    /// Number of rows: the wrapped height.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is nothing to show (no block had visible text).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The width these rows were wrapped for, so the reader can tell whether
    /// a resize needs a re-wrap.
    pub fn width(&self) -> u16 {
        self.width
    }

    /// The row that shows byte `offset`; for an offset in whitespace trimmed
    /// at a break, between blocks or before the first block, the next row
    /// that shows text. `None` past the last shown byte.
    pub fn row_of(&self, offset: usize) -> Option<usize> {
        let row = self.rows.partition_point(|r| r.span.end <= offset);
        (row < self.rows.len()).then_some(row)
    }

    /// The rows showing any byte of `span`, including separator rows between
    /// them. An empty span, or one lying wholly in trimmed whitespace, gives
    /// an empty range positioned where [`Wrapped::row_of`] points.
    pub fn rows_for(&self, span: Range<usize>) -> Range<usize> {
        let first = self.rows.partition_point(|r| r.span.end <= span.start);
        if span.is_empty() {
            return first..first;
        }
        let mut last = self.rows.partition_point(|r| r.span.start < span.end);
        // A span ending in the gap after a block reaches the separator row's
        // position but shows nothing on it.
        while last > first && self.rows[last - 1].block.is_none() {
            last -= 1;
        }
        first..last.max(first)
    }
}

/// Lays `blocks` out in order at `width` columns, one blank row between
/// blocks.
///
/// - Words break at whitespace (not at no-break spaces); whitespace at a
///   break and at the start or end of a block is not shown.
/// - A word wider than the row is broken at grapheme boundaries, starting on
///   a row of its own; wide characters never straddle the edge.
/// - A line feed inside a block starts a new row: blocks usually are single
///   lines, and when a caller groups lines (a list of related headlines) they
///   should stay apart. A blank line inside a block gives an empty row.
/// - A block with no visible text takes no rows and no separator.
/// - Width 0 is laid out as 1, so every byte still maps to a row. A single
///   grapheme wider than the row (a CJK character at width 1) gets a row of
///   its own, which the terminal clips.
///
/// Blocks should be in text order, non-overlapping and on char boundaries.
/// Spans that are not (say, a stale structure) are clamped to the text, to
/// char boundaries and to start after the previous block, rather than
/// panicking.
pub fn wrap<K: Copy>(text: &str, blocks: &[Block<K>], width: u16) -> Wrapped<K> {
    let columns = usize::from(width.max(1));
    let mut rows: Vec<Row<K>> = Vec::new();
    let mut previous_end = 0;
    for (index, block) in blocks.iter().enumerate() {
        let start = floor_char_boundary(text, block.span.start.max(previous_end));
        let end = floor_char_boundary(text, block.span.end).max(start);
        previous_end = end;
        let Some((start, end)) = trim(text, start, end) else {
            continue;
        };
        if let Some(last) = rows.last() {
            let at = last.span.end;
            rows.push(Row { span: at..at, block: None, kind: None });
        }
        let mut layout = Layout { text, columns, block: index, kind: block.kind, rows: &mut rows };
        let mut line_start = start;
        for line in text[start..end].split('\n') {
            let line_end = line_start + line.len();
            layout.line(line_start, line_end);
            line_start = line_end + 1;
        }
    }
    Wrapped { rows, width }
}

/// Splits `row` (a row's span) into consecutive pieces by the `styled`
/// ranges overlapping it, for the draw code to turn into styled spans.
///
/// Precedence: where ranges overlap, the one later in `styled` wins, so the
/// caller lists layers bottom to top (date mentions, claims, search hits,
/// sentence cursor). `styled` need not be sorted. Pieces without a range get
/// `None`; adjacent pieces won by the same range are merged.
///
/// Piece boundaries are moved to grapheme boundaries (a range touching part
/// of a grapheme covers all of it): ratatui segments each span on its own,
/// and a span cut inside a grapheme, such as a ZWJ emoji, would render wider
/// than the row was measured.
pub fn segments<S: Copy>(
    text: &str,
    row: Range<usize>,
    styled: &[(Range<usize>, S)],
) -> Vec<(Range<usize>, Option<S>)> {
    let Some(row_text) = text.get(row.clone()) else {
        return Vec::new();
    };
    if row_text.is_empty() {
        return Vec::new();
    }
    // Grapheme starts of the row plus its end: the only places a piece may
    // be cut.
    let mut edges: Vec<usize> = row_text.grapheme_indices(true).map(|(i, _)| row.start + i).collect();
    edges.push(row.end);
    let floor = |b: usize| edges[edges.partition_point(|&e| e <= b).saturating_sub(1)];
    let ceil = |b: usize| edges[edges.partition_point(|&e| e < b).min(edges.len() - 1)];

    // (start, end, index into styled) of the ranges that touch this row.
    let layers: Vec<(usize, usize, usize)> = styled
        .iter()
        .enumerate()
        .filter(|(_, (r, _))| r.start < r.end && r.start < row.end && r.end > row.start)
        .map(|(i, (r, _))| (floor(r.start.max(row.start)), ceil(r.end.min(row.end)), i))
        .collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(2 + 2 * layers.len());
    cuts.extend([row.start, row.end]);
    for &(start, end, _) in &layers {
        cuts.extend([start, end]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut pieces: Vec<(Range<usize>, Option<usize>)> = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let winner = layers.iter().filter(|&&(start, end, _)| start <= a && b <= end).map(|&(_, _, i)| i).max();
        match pieces.last_mut() {
            Some((span, last)) if *last == winner => span.end = b,
            _ => pieces.push((a..b, winner)),
        }
    }
    pieces.into_iter().map(|(span, winner)| (span, winner.map(|i| styled[i].1))).collect()
}

/// Greedy layout of the lines of one block, appending to `rows`.
struct Layout<'a, K> {
    text: &'a str,
    columns: usize,
    block: usize,
    kind: K,
    rows: &'a mut Vec<Row<K>>,
}

/// A run of bytes on one row, with its display width.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    width: usize,
}

impl<K: Copy> Layout<'_, K> {
    /// Lays out `text[start..end]`, which holds no line feed.
    fn line(&mut self, start: usize, end: usize) {
        // The row being filled, the width of the whitespace seen since its
        // last word, and the word being read.
        let mut row: Option<Run> = None;
        let mut gap = 0;
        let mut word: Option<Run> = None;
        for (i, grapheme) in Graphemes::new(&self.text[start..end]) {
            let at = start + i;
            let width = grapheme_width(grapheme);
            if is_space(grapheme) {
                if let Some(done) = word.take() {
                    row = self.place(row, gap, done);
                    gap = 0;
                }
                gap += width;
            } else {
                let run = word.get_or_insert(Run { start: at, end: at, width: 0 });
                run.end = at + grapheme.len();
                run.width += width;
            }
        }
        if let Some(done) = word {
            row = self.place(row, gap, done);
        }
        // A whitespace-only line inside a block is a blank line on screen.
        let row = row.unwrap_or(Run { start, end: start, width: 0 });
        self.push(row);
    }

    /// Puts `word` after `row` (separated by `gap` columns of whitespace) if
    /// it fits, else on new rows; returns the row now being filled.
    fn place(&mut self, row: Option<Run>, gap: usize, word: Run) -> Option<Run> {
        if let Some(mut row) = row {
            if row.width + gap + word.width <= self.columns {
                row.end = word.end;
                row.width += gap + word.width;
                return Some(row);
            }
            self.push(row);
        }
        if word.width <= self.columns {
            return Some(word);
        }
        Some(self.hard_break(word))
    }

    /// Breaks a word wider than the row at grapheme boundaries; pushes the
    /// full rows and returns the last, partly filled one.
    fn hard_break(&mut self, word: Run) -> Run {
        let mut piece = Run { start: word.start, end: word.start, width: 0 };
        for (i, grapheme) in Graphemes::new(&self.text[word.start..word.end]) {
            let at = word.start + i;
            let width = grapheme_width(grapheme);
            // An empty piece takes the grapheme even when it is too wide, so
            // the loop always advances.
            if piece.width + width > self.columns && piece.end > piece.start {
                self.push(piece);
                piece = Run { start: at, end: at, width: 0 };
            }
            piece.end = at + grapheme.len();
            piece.width += width;
        }
        piece
    }

    fn push(&mut self, run: Run) {
        self.rows.push(Row { span: run.start..run.end, block: Some(self.block), kind: Some(self.kind) });
    }
}

/// `grapheme_indices(true)` with a fast path for ASCII, which is most of
/// the text: it halved the time of wrapping a 20 KB article.
///
/// Between two ASCII bytes (other than CR before LF) there is always a
/// grapheme boundary, and no segmentation rule looks back across one, so
/// runs of other text can be segmented on their own between such cuts.
struct Graphemes<'a> {
    text: &'a str,
    position: usize,
    /// Segmenter over the current non-ASCII run, and where that run starts.
    run: Option<(usize, GraphemeIndices<'a>)>,
}

impl<'a> Graphemes<'a> {
    fn new(text: &'a str) -> Self {
        Graphemes { text, position: 0, run: None }
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((base, run)) = &mut self.run {
            if let Some((i, grapheme)) = run.next() {
                return Some((*base + i, grapheme));
            }
            self.run = None;
        }
        let bytes = self.text.as_bytes();
        let at = self.position;
        let first = *bytes.get(at)?;
        let plain = |b: u8| b.is_ascii() && b != b'\r';
        if plain(first) && bytes.get(at + 1).is_none_or(|&b| b.is_ascii()) {
            self.position = at + 1;
            return self.text.get(at..at + 1).map(|g| (at, g));
        }
        // The run ends at the first cut between two ASCII bytes.
        let end = (at + 1..bytes.len()).find(|&q| plain(bytes[q - 1]) && bytes[q].is_ascii()).unwrap_or(bytes.len());
        self.position = end;
        let mut run = self.text.get(at..end)?.grapheme_indices(true);
        let first = run.next().map(|(i, g)| (at + i, g));
        self.run = Some((at, run));
        first
    }
}

/// Whitespace a line may break at. No-break spaces glue words together
/// (`10 000`, `Nr. 5`), so they count as part of a word.
fn is_break_space_char(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

fn is_space(grapheme: &str) -> bool {
    grapheme.chars().all(is_break_space_char)
}

/// Columns a grapheme takes when ratatui renders it. ratatui drops graphemes
/// containing a control character, so they take none.
fn grapheme_width(grapheme: &str) -> usize {
    match grapheme.as_bytes() {
        [b] if b.is_ascii_control() => 0,
        [_] => 1,
        _ if grapheme.contains(char::is_control) => 0,
        _ => usize::from(grapheme.cell_width()),
    }
}

/// `start..end` without break whitespace at either end; `None` when nothing
/// visible is left.
fn trim(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let head = slice.trim_start_matches(is_break_space_char);
    let body = head.trim_end_matches(is_break_space_char);
    if body.is_empty() {
        return None;
    }
    let from = start + (slice.len() - head.len());
    Some((from, from + body.len()))
}

/// The largest char boundary of `text` not after `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::text::Span;
    use std::time::Instant;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Headline,
        Body,
    }

    /// One block of kind Body over the whole text.
    fn one_block(text: &str) -> Vec<Block<Kind>> {
        vec![Block { span: 0..text.len(), kind: Kind::Body }]
    }

    /// One block per line, as the reader lays out an article.
    fn line_blocks(text: &str) -> Vec<Block<Kind>> {
        let mut start = 0;
        text.split('\n')
            .map(|line| {
                let span = start..start + line.len();
                start = span.end + 1;
                Block { span, kind: Kind::Body }
            })
            .collect()
    }

    fn texts<'a, K>(text: &'a str, wrapped: &Wrapped<K>) -> Vec<&'a str> {
        wrapped.rows().iter().map(|row| &text[row.span.clone()]).collect()
    }

    fn spans<K>(wrapped: &Wrapped<K>) -> Vec<Range<usize>> {
        wrapped.rows().iter().map(|row| row.span.clone()).collect()
    }

    /// Width as ratatui renders the row, measured independently of our own
    /// grapheme walk.
    fn rendered_width(row: &str) -> usize {
        Span::raw(row)
            .styled_graphemes(ratatui::style::Style::default())
            .map(|g| usize::from(g.symbol.cell_width()))
            .sum()
    }

    const PARAGRAPH: &str = "The talks in Geneva resumed on Monday.";

    #[test]
    fn wraps_a_paragraph_at_width_10_and_20() {
        let w10 = wrap(PARAGRAPH, &one_block(PARAGRAPH), 10);
        assert_eq!(texts(PARAGRAPH, &w10), ["The talks", "in Geneva", "resumed on", "Monday."]);
        assert_eq!(spans(&w10), [0..9, 10..19, 20..30, 31..38]);
        assert_eq!(w10.len(), 4);
        assert_eq!(w10.width(), 10);

        let w20 = wrap(PARAGRAPH, &one_block(PARAGRAPH), 20);
        assert_eq!(texts(PARAGRAPH, &w20), ["The talks in Geneva", "resumed on Monday."]);
        assert_eq!(spans(&w20), [0..19, 20..38]);
    }

    #[test]
    fn rows_carry_the_block_index_and_kind() {
        let w = wrap(PARAGRAPH, &one_block(PARAGRAPH), 20);
        assert!(w.rows().iter().all(|r| r.block == Some(0) && r.kind == Some(Kind::Body)));
    }

    #[test]
    fn hard_breaks_a_word_longer_than_the_row() {
        let text = "Ab supercalifragilistic cd";
        let w = wrap(text, &one_block(text), 8);
        assert_eq!(texts(text, &w), ["Ab", "supercal", "ifragili", "stic cd"]);
        assert_eq!(spans(&w), [0..2, 3..11, 11..19, 19..26]);
    }

    #[test]
    fn wide_characters_never_straddle_the_edge() {
        let text = "会談が始まった";
        let w = wrap(text, &one_block(text), 5);
        assert_eq!(texts(text, &w), ["会談", "が始", "まっ", "た"]);
        assert_eq!(spans(&w), [0..6, 6..12, 12..18, 18..21]);

        let text = "ab😀cd";
        let w = wrap(text, &one_block(text), 3);
        assert_eq!(texts(text, &w), ["ab", "😀c", "d"]);

        // A ZWJ family is one grapheme of two columns: never split.
        let text = "x👨‍👩‍👧";
        let w = wrap(text, &one_block(text), 2);
        assert_eq!(texts(text, &w), ["x", "👨‍👩‍👧"]);
    }

    #[test]
    fn no_break_space_keeps_words_together() {
        let text = "um 10\u{a0}000 Euro";
        let w = wrap(text, &one_block(text), 7);
        assert_eq!(texts(text, &w), ["um", "10\u{a0}000", "Euro"]);
    }

    #[test]
    fn tiny_widths_do_not_panic_and_keep_every_character() {
        let text = "Hi 会談";
        let w1 = wrap(text, &one_block(text), 1);
        // A two-column character cannot fit one column: it gets its own row.
        assert_eq!(texts(text, &w1), ["H", "i", "会", "談"]);
        let w0 = wrap(text, &one_block(text), 0);
        assert_eq!(w0.rows(), w1.rows());
        assert_eq!(w0.width(), 0);
        let w2 = wrap(text, &one_block(text), 2);
        assert_eq!(texts(text, &w2), ["Hi", "会", "談"]);
    }

    #[test]
    fn trims_whitespace_at_breaks_and_block_edges() {
        let text = "  one   two  ";
        let w = wrap(text, &one_block(text), 4);
        assert_eq!(spans(&w), [2..5, 8..11]);
        let w = wrap(text, &one_block(text), 80);
        // Spaces inside a row are shown as they are.
        assert_eq!(texts(text, &w), ["one   two"]);
    }

    #[test]
    fn line_feeds_inside_a_block_start_new_rows() {
        let text = "Related\n\nOne\n";
        let w = wrap(text, &one_block(text), 80);
        assert_eq!(spans(&w), [0..7, 8..8, 9..12]);
        assert!(w.rows().iter().all(|r| r.block == Some(0)));
    }

    /// Headline 0..12, then a blank line, then the body 14..52.
    const ARTICLE: &str = "Talks resume\n\nThe talks in Geneva resumed on Monday.\n";

    fn article_blocks() -> Vec<Block<Kind>> {
        vec![
            Block { span: 0..12, kind: Kind::Headline },
            // Whitespace only: takes no rows and adds no separator.
            Block { span: 12..14, kind: Kind::Body },
            Block { span: 14..52, kind: Kind::Body },
        ]
    }

    #[test]
    fn one_blank_row_separates_blocks() {
        let w = wrap(ARTICLE, &article_blocks(), 10);
        assert_eq!(spans(&w), [0..5, 6..12, 12..12, 14..23, 24..33, 34..44, 45..52]);
        let blocks: Vec<_> = w.rows().iter().map(|r| r.block).collect();
        assert_eq!(blocks, [Some(0), Some(0), None, Some(2), Some(2), Some(2), Some(2)]);
        assert_eq!(w.rows()[1].kind, Some(Kind::Headline));
        assert_eq!(w.rows()[2].kind, None);
        assert_eq!(w.rows()[3].kind, Some(Kind::Body));
    }

    #[test]
    fn row_of_finds_the_row_or_the_next_after_a_break() {
        let w = wrap(ARTICLE, &article_blocks(), 10);
        assert_eq!(w.row_of(0), Some(0));
        assert_eq!(w.row_of(4), Some(0));
        // The space trimmed at the break belongs to the next row.
        assert_eq!(w.row_of(5), Some(1));
        assert_eq!(w.row_of(6), Some(1));
        assert_eq!(w.row_of(11), Some(1));
        // The line feeds between blocks: the next block's first row, never
        // the separator.
        assert_eq!(w.row_of(12), Some(3));
        assert_eq!(w.row_of(13), Some(3));
        assert_eq!(w.row_of(14), Some(3));
        assert_eq!(w.row_of(51), Some(6));
        assert_eq!(w.row_of(52), None);
        assert_eq!(w.row_of(usize::MAX), None);
    }

    #[test]
    fn rows_for_covers_spans_across_rows_and_blocks() {
        let w = wrap(ARTICLE, &article_blocks(), 10);
        assert_eq!(w.rows_for(14..52), 3..7);
        assert_eq!(w.rows_for(0..53), 0..7);
        // Across the separator.
        assert_eq!(w.rows_for(4..15), 0..4);
        // Ending in the gap after a block: not the separator.
        assert_eq!(w.rows_for(6..13), 1..2);
        // Exactly one row, ends exclusive.
        assert_eq!(w.rows_for(24..33), 4..5);
        assert_eq!(w.rows_for(23..25), 4..5);
        // Only trimmed whitespace, or empty: nothing shown.
        assert_eq!(w.rows_for(5..6), 1..1);
        assert_eq!(w.rows_for(23..24), 4..4);
        assert_eq!(w.rows_for(20..20), 3..3);
        assert_eq!(w.rows_for(60..70), 7..7);
    }

    #[test]
    fn bad_block_spans_are_clamped_not_panicking() {
        let text = "会談 resumed";
        let blocks = [
            Block {
                span: 1..4, // inside 会
                kind: Kind::Body,
            },
            Block {
                span: 2..1000, // overlaps the first, past the end
                kind: Kind::Body,
            },
        ];
        let w = wrap(text, &blocks, 6);
        assert_eq!(texts(text, &w), ["会", "", "談", "resume", "d"]);
        assert_eq!(w.rows()[1].block, None);
    }

    #[test]
    fn no_blocks_or_empty_text_give_no_rows() {
        let w = wrap::<Kind>("text", &[], 10);
        assert!(w.is_empty());
        assert_eq!(w.row_of(0), None);
        assert_eq!(w.rows_for(0..4), 0..0);
        assert!(wrap("", &one_block(""), 10).is_empty());
    }

    #[test]
    fn segments_let_later_ranges_win_where_they_overlap() {
        // Row 14..23 is "The talks".
        let styled = [(10..18, 'A'), (16..30, 'B'), (18..19, 'C')];
        assert_eq!(
            segments(ARTICLE, 14..23, &styled),
            [(14..16, Some('A')), (16..18, Some('B')), (18..19, Some('C')), (19..23, Some('B')),]
        );
        // Order in the slice decides, not position.
        assert_eq!(segments(ARTICLE, 14..23, &[(20..22, 'X'), (14..30, 'Y')]), [(14..23, Some('Y'))]);
        assert_eq!(
            segments(ARTICLE, 14..23, &[(14..30, 'Y'), (20..22, 'X')]),
            [(14..20, Some('Y')), (20..22, Some('X')), (22..23, Some('Y'))]
        );
    }

    #[test]
    fn segments_cut_ranges_crossing_row_boundaries() {
        // B runs from row 14..23 into row 24..33 ("in Geneva").
        let styled = [(16..30, 'B')];
        assert_eq!(segments(ARTICLE, 14..23, &styled), [(14..16, None), (16..23, Some('B'))]);
        assert_eq!(segments(ARTICLE, 24..33, &styled), [(24..30, Some('B')), (30..33, None)]);
        assert_eq!(segments(ARTICLE, 34..44, &styled), [(34..44, None)]);
        assert_eq!(segments::<char>(ARTICLE, 12..12, &styled), []);
        // A row span that is not on char boundaries gives nothing to draw.
        assert_eq!(segments("会談", 1..3, &styled), []);
    }

    #[test]
    fn segments_never_cut_inside_a_grapheme() {
        // "e" plus a combining acute accent is one grapheme, bytes 1..4.
        let text = "ae\u{301}b";
        assert_eq!(segments(text, 0..5, &[(2..4, 'M')]), [(0..1, None), (1..4, Some('M')), (4..5, None)]);
        // Empty ranges style nothing.
        assert_eq!(segments(text, 0..5, &[(1..1, 'M')]), [(0..5, None)]);
    }

    /// Text made of pieces that stress the wrapper: words, runs of spaces,
    /// line feeds, wide characters, emoji, combining marks, no-break spaces.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("a"),
            Just("Wort"),
            Just("Verhandlungen"),
            Just(" "),
            Just("   "),
            Just("\n"),
            Just("会"),
            Just("談が"),
            Just("😀"),
            Just("👨\u{200d}👩\u{200d}👧"),
            Just("e\u{301}"),
            Just("\u{a0}"),
            Just("\u{3000}"),
            Just("\r\n"),
            Just("\u{600}"),
            Just("\u{1f1e9}\u{1f1ea}"),
            Just("\u{1f1e9}"),
        ];
        prop_oneof![proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat()), "\\PC{0,80}",]
    }

    proptest! {
        #[test]
        fn fast_graphemes_match_unicode_segmentation(text in tricky_text()) {
            let fast: Vec<_> = Graphemes::new(&text).collect();
            let reference: Vec<_> = text.grapheme_indices(true).collect();
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn wrapping_keeps_every_character_within_the_width(
            text in tricky_text(),
            width in 1u16..40,
            block_per_line in any::<bool>(),
        ) {
            let blocks = if block_per_line { line_blocks(&text) } else { one_block(&text) };
            let w = wrap(&text, &blocks, width);
            let mut shown = String::new();
            let mut previous_end = 0;
            for row in w.rows() {
                prop_assert!(previous_end <= row.span.start);
                prop_assert!(row.span.start <= row.span.end);
                previous_end = row.span.end;
                let row_text = text.get(row.span.clone());
                prop_assert!(row_text.is_some(), "row {:?} not on char boundaries", row.span);
                let row_text = row_text.unwrap_or_default();
                let single_grapheme = row_text.graphemes(true).count() == 1;
                prop_assert!(
                    rendered_width(row_text) <= usize::from(width) || single_grapheme,
                    "row {row_text:?} wider than {width}"
                );
                shown.push_str(row_text);
            }
            // Separators are empty and only ever between two rows of text.
            for (i, row) in w.rows().iter().enumerate().filter(|(_, r)| r.block.is_none()) {
                prop_assert!(row.span.is_empty() && row.kind.is_none());
                prop_assert!(i > 0 && i + 1 < w.len());
                prop_assert!(w.rows()[i - 1].block.is_some() && w.rows()[i + 1].block.is_some());
            }
            let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(visible(&shown), visible(&text));
            // Every visible character maps back to the row showing it.
            for (offset, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let row = w.row_of(offset).map(|r| w.rows()[r].span.clone());
                prop_assert!(
                    row.as_ref().is_some_and(|r| r.contains(&offset)),
                    "{c:?} at {offset} maps to {row:?}"
                );
            }
        }
    }

    /// About 20 KB of article text in paragraphs of 500+ characters, with
    /// some CJK, wrapped at 80 columns. Run with `--ignored --nocapture`.
    #[test]
    #[ignore = "timing, run by hand"]
    fn wraps_a_20_kb_article_quickly() {
        let paragraph = "Die Gespräche über den Waffenstillstand wurden am 11. Februar \
            in Genf fortgesetzt, nachdem beide Seiten sich auf einen Zeitplan geeinigt \
            hatten. The talks resumed on Monday after a pause of three weeks, officials \
            said, and a deadline of 30 June was set for a first agreement on prisoners. \
            会談が始まった。双方は停戦について協議した。 Beobachter rechnen damit, dass \
            die Verhandlungen bis September 2025 dauern werden, wie ein Sprecher sagte.";
        let mut text = String::new();
        let mut blocks = Vec::new();
        while text.len() < 20_000 {
            let start = text.len();
            text.push_str(paragraph);
            blocks.push(Block { span: start..text.len(), kind: Kind::Body });
            text.push_str("\n\n");
        }
        let runs: u32 = 50;
        let started = Instant::now();
        let mut rows = 0;
        for _ in 0..runs {
            rows += wrap(&text, &blocks, 80).len();
        }
        let each = started.elapsed() / runs;
        println!("{} bytes, {} rows at width 80: {each:?} per wrap", text.len(), rows / runs as usize);
        assert!(each.as_millis() < 50);
    }
}
