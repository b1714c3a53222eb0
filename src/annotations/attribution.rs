//! Who says a sentence: the attribution phrase news prose puts around a
//! claim (`said X`, `X said`, `sagte X`, `according to X`, `nach Angaben
//! von X`, `teilte X mit`). It prefills the claim form's speaker; the
//! analyst corrects it. No crate does this for German and English news, so
//! it is a small rule table.

/// Where the speaker sits relative to a marker phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `said the minister`: the words after the marker.
    After,
    /// `the minister said`: the words before the marker.
    Before,
    /// `teilte das Ministerium mit`: between the marker and a closing word.
    Between(&'static str),
}

/// The language of a marker: German capitalises every noun, so there a
/// lowercase word (a verb, mostly) ends the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    English,
    German,
}

use crate::corpus::dates::is_calendar_word;
use Language::{English, German};

/// The rules, tried in order; the first that yields a speaker wins.
/// Markers are matched as whole, case-insensitive words.
const RULES: &[(&str, Place, Language)] = &[
    ("according to", Place::After, English),
    ("nach angaben von", Place::After, German),
    ("nach angaben des", Place::After, German),
    ("nach angaben der", Place::After, German),
    ("laut", Place::After, German),
    ("teilte", Place::Between("mit"), German),
    ("sagte", Place::After, German),
    ("sagt", Place::After, German),
    ("erklärte", Place::After, German),
    ("said", Place::After, English),
    ("says", Place::After, English),
    ("told", Place::Before, English),
    ("said", Place::Before, English),
    ("says", Place::Before, English),
    ("sagte", Place::Before, German),
];

/// Lowercase words that belong inside German names (`Amt für Statistik`).
const GERMAN_NAME_PARTICLES: &[&str] = &["von", "van", "de", "der", "des", "für", "zu"];

/// Words that end a speaker phrase: what follows is no longer the name.
const STOP_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "that",
    "this",
    "last",
    "am",
    "im",
    "an",
    "dass",
    "zufolge",
    "gegenüber",
    "heute",
    "gestern",
    "bei",
    "auf",
    "and",
    "und",
    "the",
    "der",
    "die",
    "das",
    "it",
    "es",
    "he",
    "she",
    "er",
    "sie",
    "they",
    "we",
    "wir",
];

/// Pronouns are not speakers worth prefilling.
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "er", "sie", "es", "wir", "ich", "man"];

/// Prepositions that continue a speaker into a place or body when a
/// capitalised name follows (`officials in Kessaran`, `Sprecher aus Berlin`).
const LINKING: &[&str] = &["in", "of", "from", "aus", "von"];

const MAX_WORDS: usize = 8;

/// Whether the word at `at` links to a place or body named right after it.
fn links_a_name(words: &[Word], lower: &[String], at: usize) -> bool {
    let next = at + 1;
    LINKING.contains(&lower[at].as_str())
        && !words[at].closes
        && next < words.len()
        && words[next].text.starts_with(char::is_uppercase)
        && !is_calendar_word(&lower[next])
}

/// The speaker of `sentence`, if an attribution phrase names one.
pub fn speaker(sentence: &str) -> Option<String> {
    let words = words(sentence);
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    for &(marker, place, language) in RULES {
        let marker: Vec<&str> = marker.split(' ').collect();
        for at in (0..lower.len()).filter(|&i| lower[i..].starts_with_words(&marker)) {
            let found = match place {
                Place::After => after(&words, &lower, at + marker.len(), language),
                Place::Before => before(&words, &lower, at),
                Place::Between(close) => between(&words, &lower, at + marker.len(), close),
            };
            if let Some(name) = found {
                return Some(name);
            }
        }
    }
    None
}

/// A word with whether punctuation ends it (a phrase does not cross that).
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    /// A comma, full stop, colon or quote right after the word.
    closes: bool,
    /// A quote or dash right before the word.
    opens: bool,
}

fn words(sentence: &str) -> Vec<Word<'_>> {
    const EDGE: &[char] = &[',', '.', ';', ':', '!', '?', '"', '“', '”', '„', '«', '»', '(', ')', '–', '—', '\''];
    sentence
        .split_whitespace()
        .filter_map(|raw| {
            let text = raw.trim_matches(EDGE);
            (!text.is_empty()).then(|| Word {
                text,
                closes: raw.ends_with(EDGE) && !raw.ends_with('\''),
                opens: raw.starts_with(EDGE),
            })
        })
        .collect()
}

trait StartsWithWords {
    fn starts_with_words(&self, marker: &[&str]) -> bool;
}

impl StartsWithWords for [String] {
    fn starts_with_words(&self, marker: &[&str]) -> bool {
        self.len() >= marker.len() && self.iter().zip(marker).all(|(w, m)| w == m)
    }
}

/// The phrase starting at `from`, up to punctuation or a stop word.
fn after(words: &[Word], lower: &[String], from: usize, language: Language) -> Option<String> {
    let mut end = from;
    while end < words.len() && end - from < MAX_WORDS {
        let word = &lower[end];
        let ends_german_name = language == German
            && words[end].text.starts_with(|c: char| !c.is_uppercase())
            && !GERMAN_NAME_PARTICLES.contains(&word.as_str());
        let number = word.starts_with(|c: char| c.is_ascii_digit());
        let stops = STOP_WORDS.contains(&word.as_str()) || ends_german_name || number;
        if end > from && (words[end].opens || (stops && !links_a_name(words, lower, end))) {
            break;
        }
        end += 1;
        if words[end - 1].closes {
            break;
        }
    }
    name(&words[from..end])
}

/// The phrase ending right before `marker`, back to punctuation.
fn before(words: &[Word], lower: &[String], marker: usize) -> Option<String> {
    if marker == 0 || words[marker - 1].closes {
        return None;
    }
    let mut start = marker;
    while start > 0 && marker - start < MAX_WORDS && !words[start - 1].closes {
        start -= 1;
        if words[start].opens {
            break;
        }
    }
    // `The ministry said`: keep an article that starts the phrase, but a
    // phrase that only starts at a stop word in the middle is cut there.
    let first_name = (start..marker).rev().find(|&i| STOP_WORDS.contains(&lower[i].as_str())).map_or(start, |i| i + 1);
    let start = if first_name > start && is_article(&lower[first_name - 1]) { first_name - 1 } else { first_name };
    name(&words[start..marker])
}

/// The phrase between the marker and its closing word (`teilte X mit`).
fn between(words: &[Word], lower: &[String], from: usize, close: &str) -> Option<String> {
    let end = (from..words.len().min(from + MAX_WORDS + 1)).find(|&i| lower[i] == close)?;
    // Drop a trailing time phrase: `teilte das Ministerium am Montag mit`.
    let end =
        (from..end).find(|&i| matches!(lower[i].as_str(), "am" | "an" | "im" | "heute" | "gestern")).unwrap_or(end);
    name(&words[from..end])
}

fn is_article(word: &str) -> bool {
    matches!(word, "the" | "der" | "die" | "das" | "des")
}

/// The words as a speaker, if they look like one: not empty, not a
/// pronoun, and naming someone (a capitalised word somewhere).
fn name(words: &[Word]) -> Option<String> {
    let text: Vec<&str> = words.iter().map(|w| w.text).collect();
    let joined = text.join(" ");
    let lone_pronoun = text.len() == 1 && PRONOUNS.contains(&text[0].to_lowercase().as_str());
    let named = text.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase));
    (!joined.is_empty() && !lone_pronoun && named).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::speaker;

    fn says(sentence: &str) -> Option<String> {
        speaker(sentence)
    }

    #[test]
    fn said_after_the_quote() {
        assert_eq!(
            says("“We will leave by March,” said Defence Minister Hal Orrin."),
            Some("Defence Minister Hal Orrin".into())
        );
    }

    #[test]
    fn name_before_said() {
        assert_eq!(says("General Ada Brandt said the last convoy left on Tuesday."), Some("General Ada Brandt".into()));
        assert_eq!(says("The ministry said 2,500 soldiers remain."), Some("The ministry".into()));
    }

    #[test]
    fn sagte_after_the_quote() {
        assert_eq!(
            says("„Wir ziehen bis März ab“, sagte Verteidigungsminister Orrin am Montag."),
            Some("Verteidigungsminister Orrin".into())
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            says("According to the Valdorian army, 40 posts were handed over."),
            Some("the Valdorian army".into())
        );
    }

    #[test]
    fn nach_angaben_von() {
        assert_eq!(
            says("Nach Angaben von Regierungssprecherin Lena Vogt sind 2.500 Soldaten im Land."),
            Some("Regierungssprecherin Lena Vogt".into())
        );
        assert_eq!(says("Nach Angaben der Vereinten Nationen flohen 300 Familien."), Some("Vereinten Nationen".into()));
    }

    #[test]
    fn a_place_or_body_after_in_belongs_to_the_speaker() {
        assert_eq!(
            says("The coalition has 2,500 troops, according to officials in Kessaran."),
            Some("officials in Kessaran".into())
        );
        assert_eq!(
            says("Die Koalition hat nach Angaben von Regierungsvertretern in Kessaran 2.500 Soldaten."),
            Some("Regierungsvertretern in Kessaran".into())
        );
        assert_eq!(says("“We stay,” said Ashdale in January."), Some("Ashdale".into()));
    }

    #[test]
    fn laut() {
        assert_eq!(says("Laut Innenministerium wurden 16 Mitglieder festgenommen."), Some("Innenministerium".into()));
    }

    #[test]
    fn teilte_mit() {
        assert_eq!(
            says("Das teilte das Verteidigungsministerium am Montag mit."),
            Some("das Verteidigungsministerium".into())
        );
    }

    #[test]
    fn pronouns_and_unattributed_sentences_give_nothing() {
        assert_eq!(says("“It is over,” he said."), None);
        assert_eq!(says("The convoy left the base at dawn."), None);
        assert_eq!(says("Die Soldaten verlassen das Land."), None);
    }
}
