//! The tense of a mention: what its own words say (`bis`, `seit`, `last`,
//! `ago`), else the cue word nearest to it in its sentence (`will`, `said`,
//! `soll`, `hatte`, an English `-ed` form; table in `rules.rs`).

use super::Tense;
use super::extract::Found;
use super::rules;
use super::scan::{TokenKind, Tokens};
use std::ops::Range;

/// The tense of `found`, looking within the sentence that holds it.
pub(super) fn tense_of(t: &Tokens, sentences: &[Range<usize>], found: &Found) -> Tense {
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
            if t.toks[i].kind == TokenKind::Word {
                if let Some(tense) = rules::tense_cue(t.str(i)) {
                    return tense;
                }
            }
        }
    }
    Tense::Unknown
}

/// The sentence span containing `pos`, or its line when sentences are
/// missing (as for a stated date string).
fn sentence_around(text: &str, sentences: &[Range<usize>], pos: usize) -> Range<usize> {
    let idx = sentences.partition_point(|s| s.end <= pos);
    if let Some(s) = sentences.get(idx).filter(|s| s.contains(&pos)) {
        return s.clone();
    }
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    start..end
}
