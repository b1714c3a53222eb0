//! The tense of a mention: what its own words say (`bis`, `seit`, `last`,
//! `ago`), else the cue word nearest to it in its sentence (`will`, `said`,
//! `soll`, `hatte`, an English `-ed` form; tables in `rules.rs`), read in
//! the article's language.

use super::extract::Found;
use super::rules;
use super::scan::{TokenKind, Tokens};
use super::{Lang, Tense};
use crate::corpus::Span;
use std::ops::Range;

/// The tense of `found`, looking within the sentence that holds it.
pub(super) fn tense_of(t: &Tokens, sentences: &[Span], found: &Found, lang: Lang) -> Tense {
    if let Some(cue) = found.cue {
        return cue;
    }
    let pos = t.toks[found.start].start;
    let sentence = sentence_around(t.text, sentences, pos);
    let first = t.at_byte(sentence.start);
    let last = t.at_byte(sentence.end);
    // Outward from the mention, the earlier side first on ties.
    for distance in 1..=t.len() {
        let before = found.start.checked_sub(distance).filter(|&i| i >= first);
        let after = Some(found.end - 1 + distance).filter(|&i| i < last);
        if before.is_none() && after.is_none() {
            break;
        }
        for i in [before, after].into_iter().flatten() {
            if t.toks[i].kind == TokenKind::Word
                && let Some(tense) = rules::cue_of(t.str(i), t.toks[i].word, lang)
            {
                return tense;
            }
        }
    }
    Tense::Unknown
}

/// The sentence span containing `pos`, or its line when sentences are
/// missing (as for a stated date string).
fn sentence_around(text: &str, sentences: &[Span], pos: usize) -> Range<usize> {
    let idx = sentences.partition_point(|s| s.end() <= pos);
    if let Some(s) = sentences.get(idx).filter(|s| s.contains(pos)) {
        return s.range();
    }
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::super::{Tense, extract};
    use crate::corpus::Span;
    use crate::corpus::lang::Lang;

    /// Tenses of the mentions in `text`, split into sentences at `|`.
    fn tenses(text: &str) -> Vec<Tense> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split('|') {
            sentences.push(Span::new(start..start + part.len()));
            start += part.len() + 1;
        }
        extract(text, &sentences, Lang::Unknown).iter().map(|m| m.tense).collect()
    }

    #[test]
    fn prepositions_decide_first() {
        assert_eq!(
            tenses("bis September 2025, seit 2014, by 2025, since 2003"),
            [Tense::Future, Tense::Past, Tense::Future, Tense::Past]
        );
    }

    #[test]
    fn shift_words_and_ago_decide_first() {
        assert_eq!(
            tenses("He will say next week what he did last week, two weeks ago."),
            [Tense::Future, Tense::Past, Tense::Past]
        );
    }

    #[test]
    fn nearest_cue_in_the_sentence_wins() {
        assert_eq!(tenses("The envoys will meet again on Oct. 9, the official said."), [Tense::Future]);
        assert_eq!(tenses("The talks opened on March 3, 2022 in Vienna, and more will follow."), [Tense::Past]);
    }

    #[test]
    fn german_cues() {
        assert_eq!(
            tenses("Der Abzug soll am 31. Dezember 2021 beginnen.|Er sagte am Mittwoch nichts."),
            [Tense::Future, Tense::Past]
        );
        assert_eq!(tenses("Die Kommission wurde im August 2023 vereinbart."), [Tense::Past]);
    }

    #[test]
    fn deadline_is_future() {
        assert_eq!(tenses("The deadline of 31 December 2021 stands."), [Tense::Future]);
    }

    #[test]
    fn german_will_is_not_future() {
        let text = "Er will am Donnerstag reden, sagte er.";
        let found = extract(text, &[], Lang::De);
        assert_eq!(found[0].tense, Tense::Past);
        assert_eq!(extract(text, &[], Lang::Unknown)[0].tense, Tense::Future);
    }

    #[test]
    fn cues_do_not_cross_sentences() {
        assert_eq!(tenses("They met on Thursday.|Talks will resume."), [Tense::Past]);
        assert_eq!(tenses("Am Donnerstag Gespräche.|Er sagte nichts."), [Tense::Unknown]);
    }
}
