//! Quoted strings in English and German typography (`"…"`, `“…”`,
//! `„…“`, `«…»`, `»…«`): a verbatim quote shared by two articles is strong
//! evidence that they report the same words.

use std::ops::Range;

/// Pairs of opening and closing marks.
const MARKS: &[(char, char)] = &[('“', '”'), ('„', '“'), ('"', '"'), ('«', '»'), ('»', '«')];
/// Longer stretches are unbalanced marks, not quotes.
const MAX_QUOTE_BYTES: usize = 400;

/// The quoted text (without the marks) of every quote in `text[range]`.
pub(crate) fn find(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some((open_at, open)) = slice[rest..].char_indices().find(|(_, c)| MARKS.iter().any(|m| m.0 == *c)) {
        let inner_start = rest + open_at + open.len_utf8();
        let close = MARKS.iter().find(|m| m.0 == open).map_or(open, |m| m.1);
        match slice[inner_start..].find(close) {
            Some(len) if len > 0 && len <= MAX_QUOTE_BYTES => {
                let inner = inner_start..inner_start + len;
                if slice[inner.clone()].chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    out.push(range.start + inner.start..range.start + inner.end);
                }
                rest = inner.end + close.len_utf8();
            }
            _ => rest = inner_start,
        }
    }
    out
}

/// The words of a quote, lowercase, one space apart: the same quote with
/// other punctuation or marks gives the same key.
pub(crate) fn normalise(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for word in quote.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<&str> {
        find(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english_and_german_marks() {
        assert_eq!(
            quotes("He said \"in a manner of our choosing\" and „Wir ändern, wie wir bleiben“ and “cowardly”."),
            ["in a manner of our choosing", "Wir ändern, wie wir bleiben", "cowardly"]
        );
    }

    #[test]
    fn an_unclosed_mark_is_not_a_quote_and_tiny_quotes_are_skipped() {
        assert_eq!(quotes("\"ok\" then an „unclosed one"), Vec::<&str>::new());
        assert_eq!(normalise("We are, not  leaving!"), "we are not leaving");
    }
}
