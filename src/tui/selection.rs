//! The span the analyst is about to tag: it starts as the sentence under
//! the cursor and grows or shrinks by sentence or by word at either end.

use crate::corpus::Span;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A way to change a selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjust {
    /// Move the end over the next sentence (or back to the previous one).
    EndBySentence(bool),
    /// Move the end over the next word (or back by one).
    EndByWord(bool),
    /// Move the start back over a word (`true`: grow) or forward (shrink).
    StartByWord(bool),
}

/// The selection after `adjust`, within `text` whose sentences are
/// `sentences`. A selection never becomes empty.
pub fn adjust(text: &str, sentences: &[Span], span: Range<usize>, adjust: Adjust) -> Range<usize> {
    let words = word_spans(text);
    match adjust {
        Adjust::EndBySentence(true) => {
            let next = sentences.iter().find(|s| s.end() > span.end);
            span.start..next.map_or(span.end, |s| s.end())
        }
        Adjust::EndBySentence(false) => {
            let previous = sentences.iter().rev().find(|s| s.end() < span.end && s.end() > span.start);
            span.start..previous.map_or(span.end, |s| s.end())
        }
        Adjust::EndByWord(true) => span.start..words.iter().find(|w| w.end > span.end).map_or(span.end, |w| w.end),
        Adjust::EndByWord(false) => {
            let previous = words.iter().rev().find(|w| w.end < span.end && w.end > span.start);
            span.start..previous.map_or(span.end, |w| w.end)
        }
        Adjust::StartByWord(true) => {
            words.iter().rev().find(|w| w.start < span.start).map_or(span.start, |w| w.start)..span.end
        }
        Adjust::StartByWord(false) => {
            let next = words.iter().find(|w| w.start > span.start && w.start < span.end);
            next.map_or(span.start, |w| w.start)..span.end
        }
    }
}

/// Byte spans of the words of `text` (UAX #29 word boundaries, keeping
/// only pieces with a letter or digit).
fn word_spans(text: &str) -> Vec<Range<usize>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| i..i + w.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Die Truppen ziehen ab. Über 2.500 Soldaten bleiben. Das sagte Orrin.";

    fn sentences() -> Vec<Span> {
        let first = 0..22;
        let second = 23..52;
        let third = 53..TEXT.len();
        assert_eq!(&TEXT[second.clone()], "Über 2.500 Soldaten bleiben.");
        vec![first.into(), second.into(), third.into()]
    }

    fn run(span: Range<usize>, how: Adjust) -> &'static str {
        let out = adjust(TEXT, &sentences(), span, how);
        &TEXT[out]
    }

    #[test]
    fn the_end_moves_by_sentence() {
        assert_eq!(run(0..22, Adjust::EndBySentence(true)), "Die Truppen ziehen ab. Über 2.500 Soldaten bleiben.");
        assert_eq!(run(0..52, Adjust::EndBySentence(false)), "Die Truppen ziehen ab.");
        assert_eq!(run(0..22, Adjust::EndBySentence(false)), "Die Truppen ziehen ab.", "never empty");
    }

    #[test]
    fn the_end_moves_by_word() {
        assert_eq!(run(0..22, Adjust::EndByWord(true)), "Die Truppen ziehen ab. Über");
        // The full stop goes first, then the words.
        assert_eq!(run(0..22, Adjust::EndByWord(false)), "Die Truppen ziehen ab");
        assert_eq!(run(0..21, Adjust::EndByWord(false)), "Die Truppen ziehen");
        assert_eq!(run(0..3, Adjust::EndByWord(false)), "Die", "never empty");
    }

    #[test]
    fn the_start_moves_by_word() {
        assert_eq!(run(23..52, Adjust::StartByWord(false)), "2.500 Soldaten bleiben.");
        assert_eq!(run(23..52, Adjust::StartByWord(true)), "ab. Über 2.500 Soldaten bleiben.");
        assert_eq!(run(44..52, Adjust::StartByWord(false)), "bleiben.", "never empty");
    }
}
