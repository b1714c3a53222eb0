//! Where a query's words and phrases occur in an article, and the passages
//! around them shown as snippets. Offsets are bytes into the cleaned text.

use super::analysis::Analyser;
use serde::Serialize;
use std::ops::Range;

/// A passage of the cleaned text around matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The passage: exactly `text[start..end]` of the cleaned text.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Matches inside it, as byte ranges of the cleaned text.
    pub highlights: Vec<[usize; 2]>,
}

/// Where a query occurs in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passages {
    /// Every match in the cleaned text, in text order (byte ranges).
    pub highlights: Vec<Range<usize>>,
    /// Matches in the title.
    pub title_highlights: Vec<Range<usize>>,
    /// A few passages around the first matches.
    pub snippets: Vec<Snippet>,
}

/// Snippets per article.
const SNIPPETS: usize = 3;

impl Passages {
    /// The matches of `wanted` in an article's `text` and `title`, as
    /// `analyser` analysed them, and the snippets around them.
    pub fn find(analyser: Analyser, text: &str, title: &str, wanted: &[Vec<String>]) -> Passages {
        let highlights = matches(analyser, text, wanted);
        Passages {
            snippets: around(text, &highlights, SNIPPETS),
            title_highlights: matches(analyser, title, wanted),
            highlights,
        }
    }
}

/// Bytes of context before the first match of a snippet, and its length.
const CONTEXT: usize = 70;
const LENGTH: usize = 220;

/// Every occurrence in `text` of one of `wanted` (words and phrases, each
/// a list of words), analysed as `analyser` analyses the article, so a
/// stemmed or folded form matches as the index matched it. Sorted,
/// overlaps merged.
pub fn matches(analyser: Analyser, text: &str, wanted: &[Vec<String>]) -> Vec<Range<usize>> {
    let sequences: Vec<Vec<String>> = wanted
        .iter()
        .map(|words| analyser.terms(&words.join(" ")).into_iter().map(|(term, _)| term).collect::<Vec<_>>())
        .filter(|terms| !terms.is_empty())
        .collect();
    if sequences.is_empty() {
        return Vec::new();
    }
    let terms = analyser.terms(text);
    let mut found: Vec<Range<usize>> = Vec::new();
    for start in 0..terms.len() {
        for sequence in &sequences {
            let Some(window) = terms.get(start..start + sequence.len()) else { continue };
            if window.iter().zip(sequence).all(|((term, _), wanted)| term == wanted) {
                found.push(window[0].1.start..window[window.len() - 1].1.end);
            }
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for range in found {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Up to `most` snippets around `matches` (sorted), in text order: each
/// starts a little before a match not yet shown, at a word's start.
pub fn around(text: &str, matches: &[Range<usize>], most: usize) -> Vec<Snippet> {
    let mut snippets: Vec<Snippet> = Vec::new();
    let mut next = 0;
    // Where the last snippet ended: snippets never overlap.
    let mut shown = 0;
    while snippets.len() < most {
        let Some(first) = matches.get(next) else { break };
        let start = word_start(text, first.start.saturating_sub(CONTEXT).max(shown).min(first.start), first.start);
        let end = word_end(text, (start + LENGTH).max(first.end));
        let inside: Vec<[usize; 2]> =
            matches[next..].iter().take_while(|m| m.end <= end).map(|m| [m.start, m.end]).collect();
        next += inside.len().max(1);
        shown = end;
        snippets.push(Snippet { text: text[start..end].to_owned(), start, end, highlights: inside });
    }
    snippets
}

/// A start at or after `from` (but not past `limit`) that does not cut a word.
fn word_start(text: &str, from: usize, limit: usize) -> usize {
    if from == 0 {
        return 0;
    }
    let slice = &text.as_bytes()[from..limit];
    match slice.iter().position(|b| b.is_ascii_whitespace()) {
        Some(space) => from + space + 1,
        None => ceil_boundary(text, from),
    }
}

/// An end at or before `to` that does not cut a word (unless the word is
/// all there is), never past the text.
fn word_end(text: &str, to: usize) -> usize {
    if to >= text.len() {
        return text.len();
    }
    let to = floor_boundary(text, to);
    text[..to].rfind(char::is_whitespace).filter(|&space| space > to.saturating_sub(40)).unwrap_or(to)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<Vec<String>> {
        list.iter().map(|w| w.split_whitespace().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn stemmed_and_folded_forms_and_whole_phrases_are_found() {
        let text = "Die Soldaten führten Gespräche. Ein Gespräch mit dem Soldat, danach Stille.";
        let found = matches(Analyser::German, text, &words(&["soldat", "gesprache"]));
        let shown: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["Soldaten", "Gespräche", "Gespräch", "Soldat"]);
        let found = matches(Analyser::German, text, &words(&["mit dem soldat"]));
        assert_eq!(found.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["mit dem Soldat"]);
    }

    #[test]
    fn snippets_hold_their_matches_and_point_into_the_text() {
        let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
        let text = format!("{filler}Die Waffenruhe hält. {filler}Waffenruhe gebrochen. {filler}");
        let found = matches(Analyser::German, &text, &words(&["waffenruhe"]));
        assert_eq!(found.len(), 2);
        let snippets = around(&text, &found, 3);
        assert_eq!(snippets.len(), 2, "the matches lie far apart");
        assert!(snippets[0].end <= snippets[1].start, "snippets never overlap");
        for snippet in &snippets {
            assert_eq!(snippet.text, text[snippet.start..snippet.end]);
            let [s, e] = snippet.highlights[0];
            assert_eq!(&text[s..e], "Waffenruhe");
            assert!(snippet.start < s && e < snippet.end);
            assert!(snippet.text.starts_with(|c: char| c.is_alphanumeric()), "{:?}", snippet.text);
        }
        // Close matches share one snippet.
        let near = "Waffenruhe und Waffenruhe";
        let snippets = around(near, &matches(Analyser::German, near, &words(&["waffenruhe"])), 3);
        assert_eq!(snippets.len(), 1);
        assert_eq!(snippets[0].highlights, [[0, 10], [15, 25]]);
    }

    #[test]
    fn snippet_edges_never_split_a_character() {
        let text = "ä".repeat(200) + " Ziel " + &"ö".repeat(200);
        let found = matches(Analyser::German, &text, &words(&["ziel"]));
        let snippet = &around(&text, &found, 1)[0];
        assert_eq!(snippet.text, text[snippet.start..snippet.end]);
    }
}
