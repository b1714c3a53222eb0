//! Language detection restricted to plausible languages.
//!
//! whatlang alone misreads short text (`Talks paused.` → Estonian); an
//! allowlist and a stop-word vote between German and English fix that.

use super::boilerplate::LineKind;
use super::structure::{Structure, trim_span};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;
use whatlang::Detector;

/// An article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

const DE_STOP_WORDS: [&str; 25] = [
    "der", "die", "das", "und", "nicht", "ist", "ein", "eine", "mit", "von", "den", "dem", "sich", "auf", "für", "im",
    "zu", "sind", "wird", "sie", "es", "auch", "über", "nach", "bei",
];
const EN_STOP_WORDS: [&str; 23] = [
    "the", "and", "of", "is", "that", "to", "in", "a", "was", "for", "with", "on", "are", "it", "by", "has", "have",
    "from", "will", "be", "said", "this", "not",
];
/// Words rare in other European languages (Dutch `die`, French `est`,
/// Portuguese `a`, ... are left out), for the decisive vote.
const DE_STRONG_WORDS: [&str; 9] = ["und", "nicht", "der", "das", "ist", "sich", "auch", "wird", "dass"];
const EN_STRONG_WORDS: [&str; 10] = ["the", "and", "that", "was", "with", "said", "have", "has", "from", "which"];

/// Strong stop-word hits needed to decide without whatlang (whatlang is
/// nearly all of detection's cost, and on text this clear it agrees).
const DECISIVE_HITS: usize = 10;
/// ... and the winning side needs this many times the other side's hits.
const DECISIVE_RATIO: usize = 4;

/// Stop words are compared as integers: a lowercase word of up to
/// [`MAX_KEY_BYTES`] bytes packed little-endian and zero-padded (a word has
/// no zero bytes, so distinct words get distinct keys).
const MAX_KEY_BYTES: usize = 8;

const fn key(word: &[u8]) -> u64 {
    assert!(word.len() <= MAX_KEY_BYTES);
    let mut k = 0;
    let mut i = 0;
    while i < word.len() {
        k |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

const fn keys<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = key(words[i].as_bytes());
        i += 1;
    }
    out
}

const DE_KEYS: [u64; DE_STOP_WORDS.len()] = keys(DE_STOP_WORDS);
const EN_KEYS: [u64; EN_STOP_WORDS.len()] = keys(EN_STOP_WORDS);
const DE_STRONG_KEYS: [u64; DE_STRONG_WORDS.len()] = keys(DE_STRONG_WORDS);
const EN_STRONG_KEYS: [u64; EN_STRONG_WORDS.len()] = keys(EN_STRONG_WORDS);

/// The key of `word` lowercased, or `None` when that is too long to be a
/// stop word.
fn lowercase_key(word: &str) -> Option<u64> {
    if word.len() > MAX_KEY_BYTES {
        return None;
    }
    let mut buf = [0u8; MAX_KEY_BYTES];
    let mut len = 0;
    if word.is_ascii() {
        len = word.len();
        buf[..len].copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars().flat_map(char::to_lowercase) {
            len += c.encode_utf8(buf.get_mut(len..len + c.len_utf8())?).len();
        }
    }
    Some(key(&buf[..len]))
}

/// Stop words counted in a sample: `de`/`en` from the broad lists that tip
/// short text, `strong_*` from the distinctive lists that may decide long
/// text on their own.
#[derive(Debug, Default, PartialEq)]
struct Vote {
    de: usize,
    en: usize,
    strong_de: usize,
    strong_en: usize,
    letters: usize,
}

impl Vote {
    /// Counts the letters and stop words of `sample`; words are runs of
    /// alphabetic characters, compared case-folded.
    fn of(sample: &str) -> Vote {
        let mut vote = Vote::default();
        let mut word_start = None;
        for (i, c) in sample.char_indices() {
            if c.is_alphabetic() {
                vote.letters += 1;
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                vote.word(&sample[start..i]);
            }
        }
        if let Some(start) = word_start {
            vote.word(&sample[start..]);
        }
        vote
    }

    fn word(&mut self, word: &str) {
        // The broad lists only ever looked at words of up to 6 bytes (before
        // lowercasing); no listed word is longer.
        if word.len() > 6 {
            return;
        }
        let Some(k) = lowercase_key(word) else { return };
        self.de += usize::from(DE_KEYS.contains(&k));
        self.en += usize::from(EN_KEYS.contains(&k));
        self.strong_de += usize::from(DE_STRONG_KEYS.contains(&k));
        self.strong_en += usize::from(EN_STRONG_KEYS.contains(&k));
    }

    /// The broad vote: at least two hits and twice the other side.
    fn clear(&self) -> Option<Lang> {
        if self.de >= 2 && self.de >= 2 * self.en {
            Some(Lang::De)
        } else if self.en >= 2 && self.en >= 2 * self.de {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// German or English when the strong words leave no doubt and the broad
    /// vote agrees, with the winning share of strong words as confidence
    /// (at least 0.9, what an agreeing whatlang and vote would give).
    fn decisive(&self) -> Option<(Lang, f64)> {
        let (lang, win, lose) = if self.strong_de >= self.strong_en {
            (Lang::De, self.strong_de, self.strong_en)
        } else {
            (Lang::En, self.strong_en, self.strong_de)
        };
        (win >= DECISIVE_HITS && win >= DECISIVE_RATIO * lose && self.clear() == Some(lang))
            .then(|| (lang, (win as f64 / (win + lose) as f64).max(0.9)))
    }
}

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
        let s = &text[trim_span(text, line.span)];
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

fn detect_sample(sample: &str) -> LangGuess {
    let guess =
        |lang, confidence: f64| LangGuess { lang, confidence: confidence.clamp(0.0, 1.0) as f32, stated: false };
    let counted = Vote::of(sample);
    if counted.letters < MIN_LETTERS {
        return guess(Lang::Unknown, 0.0);
    }
    if let Some((lang, confidence)) = counted.decisive() {
        return guess(lang, confidence);
    }
    let Vote { de, en, letters, .. } = counted;
    let vote = counted.clear();
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
    fn long_european_paragraphs_are_other() {
        for text in [
            "Le gouvernement a annoncé mercredi que les négociations avec la coalition reprendront la semaine prochaine à Bagdad. \
             Selon le ministre, le retrait des troupes pourrait commencer avant la fin de l'année, mais rien n'a encore été décidé. \
             Les partis de l'opposition ont critiqué cette décision et demandent un débat au parlement sur l'avenir de la mission.",
            "De regering heeft woensdag aangekondigd dat de onderhandelingen met de coalitie volgende week in Bagdad worden hervat. \
             Volgens de minister kan de terugtrekking van de troepen voor het einde van het jaar beginnen, maar er is nog niets besloten. \
             Het was een moeilijke week voor de oppositie, die een debat in het parlement over de toekomst van de missie wil.",
            "Il governo ha annunciato mercoledì che i negoziati con la coalizione riprenderanno la settimana prossima a Baghdad. \
             Secondo il ministro, il ritiro delle truppe potrebbe iniziare prima della fine dell'anno, ma non è stato ancora deciso nulla. \
             I partiti di opposizione hanno criticato la decisione e chiedono un dibattito in parlamento sul futuro della missione.",
        ] {
            assert_eq!(lang_of(text).lang, Lang::Other, "{text}");
        }
    }

    #[test]
    fn long_german_and_english_paragraphs_are_decided_by_the_vote() {
        let de =
            "Die Regierung sagt, dass die Gespräche nicht beendet sind und auch der Abzug sich verzögert. ".repeat(4);
        let en = "The minister said that the talks with the coalition have resumed and that the troops was staying. "
            .repeat(4);
        for (text, lang) in [(de, Lang::De), (en, Lang::En)] {
            assert!(Vote::of(&text).decisive().is_some(), "{text}");
            let g = lang_of(&text);
            assert_eq!(g.lang, lang, "{text}");
            assert!((0.9..=1.0).contains(&g.confidence));
        }
    }

    #[test]
    fn vote_folds_case_and_umlauts() {
        let v = Vote::of("DER Für ÜBER über-the THE; Dass");
        assert_eq!((v.de, v.en, v.strong_de, v.strong_en, v.letters), (4, 2, 2, 2, 24));
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
