//! Ranking a short list by what the analyst typed: palette actions, picker
//! choices, tag completions. nucleo-matcher's fzf-style scoring, as the
//! article filter uses (see `filter.rs` for why it replaced fuzzy-matcher):
//! words of the query each match, case and accents are ignored.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The positions of the `haystacks` that match `query`, best first; equal
/// scores keep the order they were given in.
pub fn rank<S: AsRef<str>>(query: &str, haystacks: impl IntoIterator<Item = S>) -> Vec<usize> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .into_iter()
        .enumerate()
        .filter_map(|(at, haystack)| {
            pattern.score(Utf32Str::new(haystack.as_ref(), &mut buffer), &mut matcher).map(|score| (score, at))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, at)| at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_match_and_accents_and_case_are_ignored() {
        let items = ["Gespräche über Truppen", "gespräche", "Talks on troops", "GESPRACHE truppen"];
        assert_eq!(rank("gesprache truppen", items), vec![0, 3]);
        assert_eq!(rank("TALKS", items), vec![2]);
        assert!(rank("nothing like it", items).is_empty());
    }

    #[test]
    fn a_closer_match_ranks_first_and_ties_keep_their_order() {
        let items = ["s-a-v-e later", "save", "save"];
        assert_eq!(rank("save", items), vec![1, 2, 0]);
    }
}
