//! Language detection restricted to plausible languages.
//!
//! whatlang alone misreads short text (`Talks paused.` → Estonian); an
//! allowlist and a stop-word vote between German and English fix that.

use super::boilerplate::LineKind;
use super::structure::{Structure, trim_span};
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;
use whatlang::Detector;

/// An article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    /// A language recognised but not one dossier has rules for.
    Other,
    /// Too little text to tell.
    Unknown,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Other => "other",
            Lang::Unknown => "unknown",
        })
    }
}

/// A detected (or stated) language with confidence in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LangGuess {
    pub lang: Lang,
    pub confidence: f32,
    /// True when the file stated the language.
    pub stated: bool,
}

/// Detection reads at most this many bytes of body text: enough to be sure,
/// and it keeps large articles cheap.
const SAMPLE_BYTES: usize = 2048;
/// Fewer letters than this is too little text to tell.
const MIN_LETTERS: usize = 20;
/// Below this many letters, a clear stop-word vote overrides whatlang.
const SHORT_TEXT_LETTERS: usize = 200;

const DE_STOP_WORDS: &[&str] = &[
    "der", "die", "das", "und", "nicht", "ist", "ein", "eine", "mit", "von", "den", "dem", "sich", "auf", "für", "im",
    "zu", "sind", "wird", "sie", "es", "auch", "über", "nach", "bei",
];
const EN_STOP_WORDS: &[&str] = &[
    "the", "and", "of", "is", "that", "to", "in", "a", "was", "for", "with", "on", "are", "it", "by", "has", "have",
    "from", "will", "be", "said", "this", "not",
];

/// Plausible languages in a news corpus; others come out as `Other`.
static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    use whatlang::Lang::*;
    Detector::with_allowlist(vec![Deu, Eng, Fra, Spa, Ita, Nld, Por, Rus, Ara, Tur, Pol])
});

/// Detects the language of the body text; a stated language wins.
pub fn detect(text: &str, structure: &Structure, stated: Option<&str>) -> LangGuess {
    if let Some(lang) = stated.and_then(parse_stated) {
        return LangGuess { lang, confidence: 1.0, stated: true };
    }
    detect_sample(&body_sample(text, structure))
}

/// Maps `de`, `en-US`, `German`, `Deutsch`, ... to a language; an unknown
/// but non-empty statement is `Other`.
fn parse_stated(stated: &str) -> Option<Lang> {
    let s = stated.trim();
    let primary = s.split(['-', '_']).next().unwrap_or(s);
    if primary.is_empty() {
        return None;
    }
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(primary));
    Some(if is(&["de", "deu", "ger", "german", "deutsch"]) {
        Lang::De
    } else if is(&["en", "eng", "english", "englisch"]) {
        Lang::En
    } else {
        Lang::Other
    })
}

/// Body lines (unflagged, or the headline) joined by spaces, capped at
/// [`SAMPLE_BYTES`] on a character boundary.
fn body_sample(text: &str, structure: &Structure) -> String {
    let mut sample = String::with_capacity(SAMPLE_BYTES + 64);
    let body = structure.lines.iter().filter(|l| matches!(l.flag, None | Some(LineKind::Headline)));
    for line in body {
        let s = &text[trim_span(text, &line.span)];
        if s.is_empty() {
            continue;
        }
        let room = SAMPLE_BYTES.saturating_sub(sample.len());
        if room == 0 {
            break;
        }
        let cut = (0..=room.min(s.len())).rev().find(|&b| s.is_char_boundary(b)).unwrap_or(0);
        sample.push_str(&s[..cut]);
        sample.push(' ');
    }
    sample
}

/// German and English stop words counted in `sample`.
fn stop_word_vote(sample: &str) -> (usize, usize) {
    let (mut de, mut en) = (0, 0);
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 6) {
        // Case-folded comparison without allocating a lowercase copy per word.
        let is = |list: &[&str]| list.iter().any(|s| s.chars().eq(word.chars().flat_map(char::to_lowercase)));
        de += usize::from(is(DE_STOP_WORDS));
        en += usize::from(is(EN_STOP_WORDS));
    }
    (de, en)
}

fn detect_sample(sample: &str) -> LangGuess {
    let guess =
        |lang, confidence: f64| LangGuess { lang, confidence: confidence.clamp(0.0, 1.0) as f32, stated: false };
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return guess(Lang::Unknown, 0.0);
    }
    let (de, en) = stop_word_vote(sample);
    // A clear vote: at least two hits and twice the other side.
    let vote = if de >= 2 && de >= 2 * en {
        Some(Lang::De)
    } else if en >= 2 && en >= 2 * de {
        Some(Lang::En)
    } else {
        None
    };
    let vote_confidence = (de.max(en) as f64 / (de + en).max(1) as f64) * 0.8;
    let detected = DETECTOR.detect(sample).map(|info| {
        let lang = match info.lang() {
            whatlang::Lang::Deu => Lang::De,
            whatlang::Lang::Eng => Lang::En,
            _ => Lang::Other,
        };
        (lang, info.confidence())
    });
    match (detected, vote) {
        (Some((lang, c)), Some(v)) if lang == v => guess(lang, c.max(0.9)),
        (Some(_), Some(v)) if letters < SHORT_TEXT_LETTERS => guess(v, vote_confidence),
        (Some((lang, c)), _) => guess(lang, c),
        (None, Some(v)) => guess(v, vote_confidence),
        (None, None) => guess(Lang::Unknown, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::source::SourceFormat;
    use crate::corpus::structure::analyse;

    fn lang_of(text: &str) -> LangGuess {
        detect(text, &analyse(text, SourceFormat::Text, None), None)
    }

    #[test]
    fn short_german_sentences_are_german() {
        for text in [
            "Die Gespräche sind noch nicht beendet.",
            "Der Minister sagte, die Truppen bleiben im Land.",
            "Es ist unklar, wann der Abzug beginnt.",
        ] {
            let g = lang_of(text);
            assert_eq!(g.lang, Lang::De, "{text}");
            assert!(!g.stated);
            assert!((0.0..=1.0).contains(&g.confidence));
        }
    }

    #[test]
    fn short_english_sentences_are_english() {
        for text in [
            "The talks have not ended yet.",
            "The minister said that the troops will stay.",
            "It is unclear when the withdrawal begins.",
        ] {
            assert_eq!(lang_of(text).lang, Lang::En, "{text}");
        }
    }

    #[test]
    fn too_little_text_is_unknown_not_estonian() {
        assert_eq!(lang_of("Talks paused.").lang, Lang::Unknown);
        assert_eq!(lang_of("").lang, Lang::Unknown);
    }

    #[test]
    fn other_languages_come_out_other() {
        let text = "Le gouvernement a annoncé mercredi que les négociations reprendront la semaine prochaine à Bagdad.";
        assert_eq!(lang_of(text).lang, Lang::Other);
    }

    #[test]
    fn boilerplate_is_not_sampled() {
        let text = "Die Regierung sagt, die Arbeit der Koalition ist beendet und nicht mehr nötig.\nLeave a Reply\nShare this:\nsource-120";
        assert_eq!(lang_of(text).lang, Lang::De);
    }

    #[test]
    fn stated_language_wins() {
        let s = analyse("The talks have not ended yet.", SourceFormat::Text, None);
        for (stated, lang) in [
            ("de", Lang::De),
            ("German", Lang::De),
            ("Deutsch", Lang::De),
            ("en-US", Lang::En),
            ("EN", Lang::En),
            ("fr", Lang::Other),
        ] {
            assert_eq!(
                detect("The talks have not ended yet.", &s, Some(stated)),
                LangGuess { lang, confidence: 1.0, stated: true },
                "{stated}"
            );
        }
        // An empty statement is no statement.
        assert!(!detect("The talks have not ended yet.", &s, Some(" ")).stated);
    }
}
