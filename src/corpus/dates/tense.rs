//! The tense of a mention: what its own words say (`seit`, `last`, `ago`),
//! else the cue word nearest to it in its clause, else in its sentence
//! (`will`, `said`, `soll`, `hatte`, an English `-ed` form; tables in
//! `rules.rs`), read in the article's language. The tense belongs to the
//! clause that holds the date, not to the sentence's last verb.

use super::extract::Found;
use super::rules::{self, Role};
use super::scan::{TokenKind, Tokens};
use super::{Lang, Tense};
use crate::corpus::Span;
use std::ops::Range;

/// The tense of `found`, and whether it was read from its own words or
/// its clause (only such a tense bounds a publication date): its own
/// words first (`seit`), then the cue word nearest to it in its clause
/// (an opening phrase, `On Tuesday,`, takes the clause after it), then a
/// preposition that leans one way (`bis`, `by`: future), last the cue
/// nearest in its sentence.
///
/// `between` is where the mentions before and after it end and start: a
/// cue nearer to a neighbouring mention is that one's (`are up for
/// re-election in 2018 in states Trump won in 2016`).
pub(super) fn tense_of(
    t: &Tokens,
    sentences: &[Span],
    found: &Found,
    between: (Option<usize>, Option<usize>),
    lang: Lang,
) -> (Tense, bool) {
    if let Some(cue) = found.cue {
        return (cue, true);
    }
    let pos = t.toks[found.start].start;
    let sentence = sentence_around(t.text, sentences, pos);
    let sentence = t.at_byte(sentence.start)..t.at_byte(sentence.end);
    let whole = clause_around(t, &sentence, found);
    let mut clause = whole.clone();
    if let Some(prev_end) = between.0 {
        clause.start = clause.start.max((prev_end + found.start).div_ceil(2));
    }
    if let Some(next_start) = between.1 {
        clause.end = clause.end.min((found.end + next_start) / 2);
    }
    let opening = whole.start == sentence.start && clause.end == whole.end && whole.end < sentence.end;
    let next_clause = || {
        // The next clause opens after the mark, or with its opening word.
        let from = if is_clause_mark(t, whole.end) { whole.end + 1 } else { whole.end };
        let opening_word = from < sentence.end && t.has(from, Role::ClauseStart);
        from..clause_end(t, &sentence, from + usize::from(opening_word))
    };
    let in_clause = nearest_cue(t, &clause, found, lang)
        .or_else(|| opening.then(|| nearest_cue(t, &next_clause(), found, lang)).flatten());
    match in_clause {
        Some(tense) => (tense, true),
        None => (found.leaning.or_else(|| nearest_cue(t, &sentence, found, lang)).unwrap_or(Tense::Unknown), false),
    }
}

/// The cue word nearest to `found` within `tokens`, outward, the earlier
/// side first on ties (in German the later: its verbs come last, and a
/// participle after a date is the date's, `die im August 2023 gebildete`). A past form after `be`, `is`, `to` is a participle,
/// not a past tense (`should be completed by 2018`); an infinitive before
/// the date (`agreed to spend 2 percent by 2024`) speaks of what was then
/// ahead, so it stops the search with no tense.
fn nearest_cue(t: &Tokens, tokens: &Range<usize>, found: &Found, lang: Lang) -> Option<Tense> {
    for distance in 1..=t.len() {
        let before = found.start.checked_sub(distance).filter(|&i| i >= tokens.start);
        let after = Some(found.end - 1 + distance).filter(|&i| i < tokens.end);
        if before.is_none() && after.is_none() {
            return None;
        }
        let sides = if lang == Lang::De { [after, before] } else { [before, after] };
        for i in sides.into_iter().flatten().filter(|i| tokens.contains(i)) {
            if t.toks[i].kind != TokenKind::Word {
                continue;
            }
            if let Some(tense) = infinitive(t, i, Some(i) == before, lang) {
                return Some(tense);
            }
            if let Some(tense) = rules::cue_of(t.str(i), t.toks[i].word, lang)
                && !(tense == Tense::Past && i > 0 && t.has(i - 1, Role::PassiveAux))
            {
                return Some(tense);
            }
        }
    }
    None
}

/// The tense an infinitive at token `i` gives a date: an English `to`
/// before the date, a German `zu` after it (`bis 2025 zu beenden`), with a
/// lowercase word after it that is no article or possessive. It speaks of
/// what was then ahead, so no tense, unless it follows a future cue or
/// `is`/`are` (`is to end by 2025`, `expected to close in 2030`).
fn infinitive(t: &Tokens, i: usize, before: bool, lang: Lang) -> Option<Tense> {
    let marker = match lang {
        Lang::De => "zu",
        _ => "to",
    };
    let opens = (before == (lang != Lang::De))
        && t.str(i) == marker
        && t.toks.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word)
        && !t.is_capitalised(i + 1)
        && !t.has(i + 1, Role::Article)
        && !NOT_VERBS.contains(&t.str(i + 1));
    if !opens {
        return None;
    }
    let governing = i.checked_sub(1).filter(|&g| t.toks[g].kind == TokenKind::Word);
    let ahead = governing.is_some_and(|g| {
        matches!(t.str(g), "is" | "are" | "am") || rules::cue_of(t.str(g), t.toks[g].word, lang) == Some(Tense::Future)
    });
    Some(if ahead && lang != Lang::De { Tense::Future } else { Tense::Unknown })
}

/// Words after `to` that start a noun phrase, not an infinitive.
const NOT_VERBS: &[&str] =
    &["a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those", "some", "all"];

/// The clause of `found` within `sentence`: up to the nearest clause mark
/// on either side (a comma, quote, dash, bracket) or a word that opens a
/// clause (`that`, `which`, `dass`, `weil`), which belongs to its clause.
/// So in `will resume talks on Feb. 11, the spokesman said` the date's
/// clause holds `will`, not `said`.
fn clause_around(t: &Tokens, sentence: &Range<usize>, found: &Found) -> Range<usize> {
    let mut start = found.start;
    while start > sentence.start && !is_clause_mark(t, start - 1) {
        start -= 1;
        if t.has(start, Role::ClauseStart) {
            break;
        }
    }
    start..clause_end(t, sentence, found.end)
}

/// Where the clause going on at token `from` ends.
fn clause_end(t: &Tokens, sentence: &Range<usize>, from: usize) -> usize {
    let mut end = from;
    while end < sentence.end && !is_clause_mark(t, end) && !t.has(end, Role::ClauseStart) {
        end += 1;
    }
    end
}

/// Punctuation that ends a clause; a hyphen only when it stands apart
/// (`talks - which`), not inside `US-led`.
fn is_clause_mark(t: &Tokens, i: usize) -> bool {
    match t.toks[i].kind {
        TokenKind::Punct('-') => !t.touches_next(i) && (i == 0 || !t.touches_next(i - 1)),
        TokenKind::Punct(c) => CLAUSE_MARKS.contains(&c),
        _ => false,
    }
}

const CLAUSE_MARKS: &[char] =
    &[',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '„', '‚', '‘', '’', '«', '»', '–', '—', '?', '!'];

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
        tenses_in(text, Lang::Unknown)
    }

    fn tenses_in(text: &str, lang: Lang) -> Vec<Tense> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for part in text.split('|') {
            sentences.push(Span::new(start..start + part.len()));
            start += part.len() + 1;
        }
        extract(text, &sentences, lang).iter().map(|m| m.tense).collect()
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
    fn the_clause_holding_the_date_decides() {
        let text = "The two sides will resume negotiations in Geneva on Feb. 11, the spokesperson said.";
        assert_eq!(tenses(text), [Tense::Future]);
        let text = "Der Minister sagte, der Abzug werde am 31. Dezember 2021 abgeschlossen sein.";
        assert_eq!(tenses(text), [Tense::Future]);
        let text = "Die Ministerin schrieb der Kommission am Mittwoch einen Brief, wie es heißt.";
        assert_eq!(tenses(text), [Tense::Past]);
        // An opening phrase takes the tense of the clause after it.
        assert_eq!(tenses("By 2011, the number had grown, and it will grow."), [Tense::Past]);
    }

    #[test]
    fn modals_participles_and_infinitives_are_not_past() {
        assert_eq!(tenses("He said he would step down on March 20."), [Tense::Unknown]);
        assert_eq!(tenses("The towers should be completed by 2018, officials said."), [Tense::Unknown]);
        assert_eq!(tenses("Members agreed to spend 2 percent of GDP by 2024."), [Tense::Unknown]);
        assert_eq!(tenses("The mission is to end by September 2030, he told lawmakers."), [Tense::Future]);
        assert_eq!(tenses("The plant is expected to close in 2030, it said."), [Tense::Future]);
        let text = "Sie forderten, die Präsenz bis September 2030 zu beenden, teilte er mit.";
        assert_eq!(tenses_in(text, Lang::De), [Tense::Unknown]);
        assert_eq!(tenses("Theresa May said it happened in 2016."), [Tense::Past]);
    }

    #[test]
    fn a_cue_nearer_to_another_date_is_that_date_s() {
        let text = "They are up for re-election in 2030 in states Trump won in 2026.";
        assert_eq!(tenses(text), [Tense::Present, Tense::Past]);
    }

    #[test]
    fn german_participles_as_adjectives() {
        let text = "Die Verhandlungen würden in der im August 2023 gebildeten Kommission geführt.";
        assert_eq!(tenses_in(text, Lang::De), [Tense::Past]);
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
