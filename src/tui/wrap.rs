//! Our own text wrapper for the reader. Written by hand because ratatui's
//! `Paragraph` neither reports its wrapped height nor which bytes land on
//! which row, and the reader must map a screen row (a click, the sentence
//! cursor, a search hit) back to a byte span of the article's text.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A stretch of text to lay out, with the caller's tag for styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<K> {
    pub span: Range<usize>,
    pub kind: K,
}

/// One screen row: the bytes it shows (whitespace at the break left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<K> {
    pub span: Range<usize>,
    /// Index of the block the row belongs to; `None` for the blank row
    /// between blocks.
    pub block: Option<usize>,
    pub kind: Option<K>,
}

/// Text laid out in rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped<K> {
    pub rows: Vec<Row<K>>,
}

impl<K> Default for Wrapped<K> {
    fn default() -> Self {
        Wrapped { rows: Vec::new() }
    }
}

impl<K> Wrapped<K> {
    /// The row showing byte `offset`; for an offset in the whitespace of a
    /// break (or past a block), the next row. `None` past the last row.
    pub fn row_of(&self, offset: usize) -> Option<usize> {
        let row = self.rows.partition_point(|r| r.span.end <= offset && !(r.span.is_empty() && r.span.start == offset));
        (row < self.rows.len()).then_some(row)
    }

    /// The rows a byte span covers (at least one row when any is left).
    pub fn rows_for(&self, span: Range<usize>) -> Range<usize> {
        let Some(first) = self.row_of(span.start) else { return self.rows.len()..self.rows.len() };
        let last = self.row_of(span.end.saturating_sub(1).max(span.start)).unwrap_or(self.rows.len() - 1);
        first..last.max(first) + 1
    }
}

/// Lays `blocks` of `text` out in rows of at most `width` columns, with a
/// blank row between blocks. Greedy: each row takes as many words as fit;
/// a word wider than a row is broken between graphemes. A width of 0 is
/// taken as 1, so every row shows at least one grapheme and wrapping ends.
pub fn wrap<K: Copy>(text: &str, blocks: &[Block<K>], width: u16) -> Wrapped<K> {
    let width = usize::from(width.max(1));
    let mut rows = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            let at = rows.last().map_or(block.span.start, |r: &Row<K>| r.span.end);
            rows.push(Row { span: at..at, block: None, kind: None });
        }
        let mut line = LineBuilder { rows: &mut rows, block: index, kind: block.kind, width, current: None };
        for word in words(text, block.span.clone()) {
            line.add(text, word);
        }
        line.finish();
    }
    Wrapped { rows }
}

/// Non-whitespace runs of `text[span]`, as byte ranges.
fn words(text: &str, span: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = span.start;
    let slice = &text[span];
    let mut start: Option<usize> = None;
    // A final whitespace sentinel closes the last word.
    slice.char_indices().chain(std::iter::once((slice.len(), ' '))).filter_map(move |(i, c)| {
        if c.is_whitespace() {
            start.take().map(|s| base + s..base + i)
        } else {
            start.get_or_insert(i);
            None
        }
    })
}

/// The row being filled: its span and display width.
struct LineBuilder<'a, K> {
    rows: &'a mut Vec<Row<K>>,
    block: usize,
    kind: K,
    width: usize,
    current: Option<(Range<usize>, usize)>,
}

impl<K: Copy> LineBuilder<'_, K> {
    fn add(&mut self, text: &str, word: Range<usize>) {
        let word_width = text[word.clone()].width();
        if let Some((span, used)) = &mut self.current {
            // The gap is the whitespace between the words, a newline counting as one column.
            let gap: usize = text[span.end..word.start]
                .chars()
                .map(|c| if c == '\n' { 1 } else { unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) })
                .sum();
            if *used + gap + word_width <= self.width {
                span.end = word.end;
                *used += gap + word_width;
                return;
            }
            self.finish();
        }
        if word_width <= self.width {
            self.current = Some((word, word_width));
            return;
        }
        // Too wide for any row: break between graphemes, never inside a wide one.
        let mut start = word.start;
        let mut used = 0;
        for (offset, grapheme) in text[word.clone()].grapheme_indices(true) {
            let at = word.start + offset;
            let w = grapheme.width();
            if used + w > self.width && at > start {
                self.push(start..at);
                start = at;
                used = 0;
            }
            used += w;
        }
        self.current = Some((start..word.end, used));
    }

    fn finish(&mut self) {
        if let Some((span, _)) = self.current.take() {
            self.push(span);
        }
    }

    fn push(&mut self, span: Range<usize>) {
        self.rows.push(Row { span, block: Some(self.block), kind: Some(self.kind) });
    }
}

/// Splits a row's byte range into consecutive pieces by the styled ranges
/// overlapping it. Where styled ranges overlap, the later entry wins, so a
/// caller lists them from least to most important.
pub fn segments<S: Copy>(row: Range<usize>, styled: &[(Range<usize>, S)]) -> Vec<(Range<usize>, Option<S>)> {
    let relevant: Vec<&(Range<usize>, S)> =
        styled.iter().filter(|(span, _)| span.start < row.end && span.end > row.start).collect();
    let mut cuts = vec![row.start, row.end];
    for (span, _) in &relevant {
        cuts.push(span.start.clamp(row.start, row.end));
        cuts.push(span.end.clamp(row.start, row.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<(Range<usize>, Option<S>)> = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let piece = pair[0]..pair[1];
        let style =
            relevant.iter().rev().find(|(span, _)| span.start <= piece.start && piece.end <= span.end).map(|(_, s)| *s);
        pieces.push((piece, style));
    }
    if pieces.is_empty() {
        pieces.push((row, None));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_block(text: &str) -> Vec<Block<()>> {
        vec![Block { span: 0..text.len(), kind: () }]
    }

    fn row_texts<'a>(text: &'a str, wrapped: &Wrapped<()>) -> Vec<&'a str> {
        wrapped.rows.iter().map(|r| &text[r.span.clone()]).collect()
    }

    #[test]
    fn words_fill_rows_greedily() {
        let text = "The talks opened on Thursday in the capital";
        let wrapped = wrap(text, &one_block(text), 20);
        assert_eq!(row_texts(text, &wrapped), vec!["The talks opened on", "Thursday in the", "capital"]);
        assert_eq!(wrapped.rows[1].span, 20..35);
        let wide = wrap(text, &one_block(text), 10);
        assert_eq!(row_texts(text, &wide), vec!["The talks", "opened on", "Thursday", "in the", "capital"]);
    }

    #[test]
    fn a_word_wider_than_the_row_is_broken() {
        let text = "Verteidigungsministerium sagt";
        let wrapped = wrap(text, &one_block(text), 10);
        assert_eq!(row_texts(text, &wrapped), vec!["Verteidigu", "ngsministe", "rium sagt"]);
    }

    #[test]
    fn wide_characters_never_straddle_the_edge() {
        let text = "会談が始まった";
        let wrapped = wrap(text, &one_block(text), 5);
        assert_eq!(row_texts(text, &wrapped), vec!["会談", "が始", "まっ", "た"]);
        for row in &wrapped.rows {
            assert!(text[row.span.clone()].width() <= 5);
        }
    }

    #[test]
    fn tiny_widths_still_make_progress() {
        let text = "ab cd";
        assert_eq!(row_texts(text, &wrap(text, &one_block(text), 0)), vec!["a", "b", "c", "d"]);
        assert_eq!(row_texts(text, &wrap(text, &one_block(text), 1)), vec!["a", "b", "c", "d"]);
        assert_eq!(row_texts(text, &wrap(text, &one_block(text), 2)), vec!["ab", "cd"]);
        let wide = "会";
        assert_eq!(
            row_texts(wide, &wrap(wide, &one_block(wide), 1)),
            vec!["会"],
            "a grapheme wider than the row gets a row"
        );
    }

    #[test]
    fn blocks_are_separated_by_a_blank_row() {
        let text = "First paragraph.\nSecond one.";
        let blocks = vec![Block { span: 0..16, kind: 'a' }, Block { span: 17..28, kind: 'b' }];
        let wrapped = wrap(text, &blocks, 40);
        assert_eq!(wrapped.rows.len(), 3);
        assert_eq!(wrapped.rows[0].kind, Some('a'));
        assert_eq!(wrapped.rows[1], Row { span: 16..16, block: None, kind: None });
        assert_eq!(wrapped.rows[2].block, Some(1));
    }

    #[test]
    fn offsets_map_back_to_rows() {
        let text = "The talks opened on Thursday in the capital";
        let wrapped = wrap(text, &one_block(text), 20);
        assert_eq!(wrapped.row_of(0), Some(0));
        assert_eq!(wrapped.row_of(18), Some(0));
        assert_eq!(wrapped.row_of(19), Some(1), "the space at the break belongs to the next row");
        assert_eq!(wrapped.row_of(20), Some(1));
        assert_eq!(wrapped.row_of(text.len() - 1), Some(2));
        assert_eq!(wrapped.row_of(text.len()), None);
        assert_eq!(wrapped.rows_for(10..25), 0..2);
        assert_eq!(wrapped.rows_for(36..43), 2..3);
    }

    #[test]
    fn segments_split_a_row_by_styles_with_later_ones_winning() {
        let styled = vec![(0..10, 'd'), (5..20, 's'), (30..40, 'x')];
        let pieces = segments(2..25, &styled);
        assert_eq!(pieces, vec![(2..5, Some('d')), (5..20, Some('s')), (20..25, None)]);
        assert_eq!(segments(50..60, &styled), vec![(50..60, None)]);
        assert_eq!(segments(4..4, &styled), vec![(4..4, None)]);
    }

    proptest! {
        #[test]
        fn rows_fit_keep_every_word_and_stay_in_order(
            text in "([a-zä会😀]{1,12}[ \n]{1,3}){0,12}",
            width in 1u16..40,
        ) {
            let wrapped = wrap(&text, &one_block(&text), width);
            let mut previous_end = 0;
            for row in &wrapped.rows {
                prop_assert!(row.span.start >= previous_end);
                previous_end = row.span.end;
                let shown = &text[row.span.clone()];
                let row_width: usize = shown.chars().map(|c| if c == '\n' { 1 } else { unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) }).sum();
                prop_assert!(row_width <= usize::from(width) || shown.graphemes(true).count() == 1, "{shown:?} wider than {width}");
            }
            let kept: String = wrapped.rows.iter().flat_map(|r| text[r.span.clone()].chars()).filter(|c| !c.is_whitespace()).collect();
            let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(kept, all);
        }
    }
}
