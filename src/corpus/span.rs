//! A byte span in an article's cleaned text, kept in 8 bytes instead of a
//! `Range<usize>`'s 16: a large corpus holds tens of millions of line,
//! sentence, paragraph and mention spans, and their size decides whether
//! the loaded corpus stays within twice its text (an article is at most
//! 16 MiB, a JSON Lines record at most 1 GiB: far below the 4 GiB a `u32`
//! offset reaches).

use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// Byte offsets `start..end` into an article's cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The span of a byte range.
    pub fn new(range: Range<usize>) -> Span {
        debug_assert!(range.end <= u32::MAX as usize, "article text over 4 GiB");
        Span { start: range.start as u32, end: range.end as u32 }
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The span as a range, for slicing the text.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Whether the byte at `offset` lies inside.
    pub fn contains(self, offset: usize) -> bool {
        self.range().contains(&offset)
    }
}

/// `text[span]` slices like `text[span.range()]`.
impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_round_trips_its_range_in_half_the_bytes() {
        let span = Span::new(3..10);
        assert_eq!(span.range(), 3..10);
        assert_eq!((span.len(), span.is_empty()), (7, false));
        assert!(span.contains(3) && !span.contains(10));
        assert!(Span::new(5..5).is_empty());
        assert_eq!(std::mem::size_of::<Span>(), 8);
    }
}
