//! Making anchors: the quote of a span with its context and the hash of the
//! text it was taken from.

use super::model::Anchor;
use std::ops::Range;

/// How many characters of context an anchor keeps either side of its quote.
pub const CONTEXT_CHARS: usize = 32;

/// The content hash recorded in anchors: xxh3 (a fixed, published hash,
/// so the value is the same on every machine and every build).
pub fn content_hash(text: &str) -> String {
    format!("xxh3:{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

impl Anchor {
    /// An anchor for `span` (byte offsets on char boundaries) of an
    /// article's cleaned `text`.
    pub fn new(article: &str, text: &str, span: Range<usize>) -> Anchor {
        Anchor {
            article: article.to_string(),
            content_hash: content_hash(text),
            byte_start: span.start,
            byte_end: span.end,
            quote: text[span.clone()].to_string(),
            prefix: last_chars(&text[..span.start], CONTEXT_CHARS).to_string(),
            suffix: first_chars(&text[span.end..], CONTEXT_CHARS).to_string(),
        }
    }

    /// Moves the anchor to `span` of the article's current `text`, after a
    /// re-anchoring placed it there (or the analyst placed it by hand):
    /// hash, offsets and context are taken afresh from `text`.
    ///
    /// The quote becomes `text[span]`. After an exact move that is the same
    /// quote; after a fuzzy placement it is the edited text, so the old
    /// wording is gone from the file: rebase a fuzzy placement only once the
    /// analyst has accepted it.
    pub fn rebase(&mut self, text: &str, span: Range<usize>) {
        *self = Anchor::new(&self.article, text, span);
    }

    /// The byte range the anchor was made on.
    pub fn span(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }
}

/// The last `n` characters of `s`.
pub fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    if n == 0 { "" } else { &s[start..] }
}

/// The first `n` characters of `s`.
pub fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_keeps_quote_and_32_chars_of_context() {
        let text = format!("{}Die Truppen ziehen ab.{}", "ä".repeat(40), "ö".repeat(40));
        let start = 80;
        let end = start + "Die Truppen ziehen ab.".len();
        let anchor = Anchor::new("a.txt", &text, start..end);
        assert_eq!(anchor.quote, "Die Truppen ziehen ab.");
        assert_eq!(anchor.prefix, "ä".repeat(32));
        assert_eq!(anchor.suffix, "ö".repeat(32));
        assert_eq!(anchor.span(), start..end);
        assert!(anchor.content_hash.starts_with("xxh3:"));
    }

    #[test]
    fn context_is_shorter_at_the_edges_of_the_text() {
        let anchor = Anchor::new("a.txt", "Ab. Zu.", 0..3);
        assert_eq!(anchor.prefix, "");
        assert_eq!(anchor.suffix, " Zu.");
    }

    #[test]
    fn the_hash_is_stable_and_depends_on_the_text() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        // xxh3-64 of "abc" is a published test vector.
        assert_eq!(content_hash("abc"), "xxh3:78af5f94892f3950");
    }
}
