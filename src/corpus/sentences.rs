//! Sentence splitting that knows abbreviations and German ordinal dates.
//!
//! A small hand-written scanner rather than unicode-segmentation's UAX#29
//! sentence bounds: UAX#29 splits at `11. | Februar`, `Dr. | Müller` and
//! `z.B. | Dr.`, so it would need a merge pass with the same abbreviation
//! knowledge anyway, and the scanner is simpler and faster on its own.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or
//! brackets) followed by whitespace and a character that is not lowercase.
//! Text glued without a space (`Syrien.Die`) stays one sentence: the same
//! shape is `U.S.`, `2.5` or a URL, and scraped glue is rare enough to accept.

use std::ops::Range;

/// Abbreviations (without the final period) that never end a sentence.
/// Case-sensitive: `No.` is an abbreviation, `no.` ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Prof", "Mr", "Mrs", "Ms", "St", "Nr", "No", "bzw", "ca", "Inc", "Corp", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Maj", "Sen", "Rep", "Gov", "Jr", "Sr", "vgl", "Abs", "Str", "Mio", "Mrd", "evtl", "ggf", "inkl", "Jan", "Feb",
    "Febr", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Okt", "Nov", "Dec", "Dez",
];

/// Words after `<1–2 digits>.` that make the number an ordinal (`11. Februar`).
const ORDINAL_FOLLOWERS: &[&str] = &[
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "Maerz",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "Jahrhundert",
    "Weltkrieg",
    "Liga",
    "Bundesliga",
    "FC",
    "Platz",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '’' | '»' | '«' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '"' | '\'' | '„' | '“' | '‚' | '»' | '«')
}

/// Is the period after `before` part of an abbreviation, initial or ordinal,
/// given the text `after` that follows the whitespace?
fn period_is_not_an_end(before: &str, after: &str) -> bool {
    let token = before.rsplit(char::is_whitespace).next().unwrap_or_default().trim_start_matches(is_opener);
    if token.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&token) {
        return true;
    }
    let mut chars = token.chars();
    // A single letter: an initial (`J. Smith`) or a piece of `z. B.`.
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return true;
    }
    // Dotted abbreviations: `U.S`, `z.B`, `d.h`, `u.a`, `U.S.A`.
    if token.contains('.')
        && token.split('.').all(|part| (1..=3).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic))
    {
        return true;
    }
    // German ordinals: `11. Februar`, `1. FC`.
    if (1..=2).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit()) {
        let next_word = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        return ORDINAL_FOLLOWERS.contains(&next_word);
    }
    false
}

/// Splits `text[span]` into trimmed sentence spans (byte offsets into `text`).
pub fn split(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let base = span.start;
    let s = &text[span];
    let mut out = Vec::new();
    let mut start = 0;
    let mut terminals = Terminals::new(s);
    while let Some(i) = terminals.next_terminal() {
        let Some(c) = s[i..].chars().next() else { break };
        let mut end = i + c.len_utf8();
        let mut single_period = c == '.';
        for d in s[end..].chars() {
            if is_terminal(d) {
                single_period = false;
            } else if !is_closer(d) {
                break;
            }
            end += d.len_utf8();
        }
        terminals.resume = end;
        let rest = &s[end..];
        let after = rest.trim_start();
        if after.len() == rest.len() {
            continue; // no whitespace: `2.5`, `U.S.`, glued text, or the span's end
        }
        match after.chars().next() {
            None => continue,
            Some(next) if next.is_lowercase() => continue,
            Some(_) => {}
        }
        if single_period && period_is_not_an_end(&s[start..i], after) {
            continue;
        }
        push_trimmed(&mut out, s, base, start..end);
        start = s.len() - after.len();
    }
    push_trimmed(&mut out, s, base, start..s.len());
    out
}

/// Finds sentence terminals with memchr: `.`, `!` and `?` in one search, and
/// `…` (three bytes) in its own, remembered until passed, since it is rare.
struct Terminals<'a> {
    s: &'a str,
    /// Where the scan goes on: after the last terminal run and its closers.
    resume: usize,
    /// The next `…` at or after the last search start (`None`: no more).
    ellipsis: Option<usize>,
}

impl<'a> Terminals<'a> {
    fn new(s: &'a str) -> Terminals<'a> {
        Terminals { s, resume: 0, ellipsis: s.find('…') }
    }

    /// Byte offset of the first terminal at or after `resume`.
    fn next_terminal(&mut self) -> Option<usize> {
        let from = self.resume;
        if self.ellipsis.is_some_and(|e| e < from) {
            self.ellipsis = self.s[from..].find('…').map(|e| from + e);
        }
        let ascii = memchr::memchr3(b'.', b'!', b'?', &self.s.as_bytes()[from..]).map(|p| from + p);
        match (ascii, self.ellipsis) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, base: usize, r: Range<usize>) {
    let piece = &s[r.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let from = base + r.start + lead;
    out.push(from..from + trimmed.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences_and_trims() {
        assert_eq!(
            sentences("  One thing happened. Another followed!  Why? "),
            vec!["One thing happened.", "Another followed!", "Why?"]
        );
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "xx Ab cd. Ef gh.";
        assert_eq!(split(text, 3..text.len()), vec![3..9, 10..16]);
    }

    #[test]
    fn english_abbreviations_do_not_end_sentences() {
        for s in [
            "Troops left the U.S. Army base early.",
            "The U.N. Security Council met on Feb. 11 in New York.",
            "It began on Jan. 3 and ended in Sept. 2021 here.",
            "Dr. Miller and Prof. Stone spoke with Mr. Lee today.",
            "Mrs. Ray met Ms. Poe on St. Mark's Square today.",
            "Acme Inc. hired Gen. Stark and Lt. Col. Dane last week.",
            "They live at No. 10 near the river now.",
            "J. Smith wrote the report alone.",
        ] {
            assert_eq!(sentences(s), vec![s], "{s}");
        }
    }

    #[test]
    fn german_abbreviations_do_not_end_sentences() {
        for s in [
            "Es gibt z.B. Dr. Schmidt im Team.",
            "Es gibt z. B. mehrere Wege dorthin.",
            "Äpfel, Birnen usw. sind teurer geworden.",
            "Das Haus Nr. 5 bzw. Nr. 7 ist ca. hundert Jahre alt.",
            "Er nannte Öl, Gas etc. als Gründe dafür.",
            "Das heißt d.h. nicht viel für uns.",
            "Es kamen u.a. Vertreter der Länder.",
        ] {
            assert_eq!(sentences(s), vec![s], "{s}");
        }
    }

    #[test]
    fn ordinal_dates_do_not_end_sentences() {
        assert_eq!(
            sentences("Am 11. Februar kam es zu Gesprächen. Sie enden am 31. Dezember 2021."),
            vec!["Am 11. Februar kam es zu Gesprächen.", "Sie enden am 31. Dezember 2021."]
        );
        assert_eq!(sentences("Er spielt beim 1. FC Köln."), vec!["Er spielt beim 1. FC Köln."]);
        // A bare number at a sentence end still ends it.
        assert_eq!(sentences("Sie kamen 2003. Danach blieben sie."), vec!["Sie kamen 2003.", "Danach blieben sie."]);
    }

    #[test]
    fn decimals_and_glued_text_stay_together() {
        assert_eq!(
            sentences("Growth was 2.5 percent. Es sind 2.500 Soldaten."),
            vec!["Growth was 2.5 percent.", "Es sind 2.500 Soldaten."]
        );
        assert_eq!(
            sentences("Ansatz mit Syrien.Die Regierung sagt nichts."),
            vec!["Ansatz mit Syrien.Die Regierung sagt nichts."]
        );
    }

    #[test]
    fn sentence_ends_inside_quotes() {
        assert_eq!(
            sentences("Er sagte: „Wir bleiben.“ Dann ging er."),
            vec!["Er sagte: „Wir bleiben.“", "Dann ging er."]
        );
        assert_eq!(
            sentences("She said, \"We stay.\" Then she left."),
            vec!["She said, \"We stay.\"", "Then she left."]
        );
        // Lowercase after the quote: the sentence goes on.
        assert_eq!(sentences("\"Stop!\" he shouted. Nobody did."), vec!["\"Stop!\" he shouted.", "Nobody did."]);
    }
}
