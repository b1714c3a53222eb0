//! Numbers as written in English and German news text, normalised so that
//! `2.500` (German) and `2,500` (English) are the same number, and
//! `mehr als 40` reads like `more than 40`.

use std::ops::Range;

/// A number mention: its value in thousandths (so `2,5` and `2.5` are both
/// 2500) and the words that qualify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberMention {
    /// The number with its qualifier words (`more than 40`).
    pub span: Range<usize>,
    pub milli: i64,
    pub qualifier: Qualifier,
}

/// How a number is hedged; kept for the label, not for matching (a
/// translator may turn `about` into `rund` or drop it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Qualifier {
    #[default]
    Exact,
    More,
    AtLeast,
    Less,
    About,
    Nearly,
    UpTo,
}

/// Hedging words before a number, longest first within each language.
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::More),
    ("over", Qualifier::More),
    ("mehr als", Qualifier::More),
    ("über", Qualifier::More),
    ("at least", Qualifier::AtLeast),
    ("mindestens", Qualifier::AtLeast),
    ("fewer than", Qualifier::Less),
    ("less than", Qualifier::Less),
    ("weniger als", Qualifier::Less),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("roughly", Qualifier::About),
    ("some", Qualifier::About),
    ("approximately", Qualifier::About),
    ("etwa", Qualifier::About),
    ("rund", Qualifier::About),
    ("ungefähr", Qualifier::About),
    ("circa", Qualifier::About),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("knapp", Qualifier::Nearly),
    ("fast", Qualifier::Nearly),
    ("up to", Qualifier::UpTo),
    ("bis zu", Qualifier::UpTo),
];

/// Number words that translations keep (`three soldiers`, `drei Soldaten`).
/// One and two are left out: `ein`, `the two governments` say no count.
const NUMBER_WORDS: &[(&str, i64)] = &[
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("twenty", 20),
    ("thirty", 30),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("zwanzig", 20),
    ("dreißig", 30),
];

/// Every number in `text[range]`, in text order.
pub(crate) fn find(text: &str, range: Range<usize>) -> Vec<NumberMention> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let b = bytes[at];
        if b.is_ascii_digit() {
            let end = digits_end(bytes, at, range.end);
            let glued = at > 0 && (bytes[at - 1].is_ascii_alphabetic() || bytes[at - 1] == b'-');
            if !glued && let Some(milli) = parse(&text[at..end]) {
                let (start, qualifier) = qualifier_before(text, range.start, at);
                out.push(NumberMention { span: start..end, milli, qualifier });
            }
            at = end;
        } else if b.is_ascii_alphabetic() || b >= 0x80 {
            // A word: maybe a number word.
            let end = word_end(text, at, range.end);
            let word = &text[at..end];
            let starts_word = at == range.start || !text[..at].ends_with(char::is_alphanumeric);
            if starts_word && let Some(value) = number_word(word) {
                let (start, qualifier) = qualifier_before(text, range.start, at);
                out.push(NumberMention { span: start..end, milli: value * 1000, qualifier });
            }
            at = end.max(at + 1);
            while !text.is_char_boundary(at) {
                at += 1;
            }
        } else {
            at += 1;
        }
    }
    out
}

/// The end of a digit run with `.`/`,` separators between digits.
fn digits_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let mut end = start;
    while end < limit {
        match bytes[end] {
            b'0'..=b'9' => end += 1,
            b'.' | b',' if end + 1 < limit && bytes[end + 1].is_ascii_digit() => end += 1,
            _ => break,
        }
    }
    end
}

fn word_end(text: &str, start: usize, limit: usize) -> usize {
    text[start..limit].find(|c: char| !c.is_alphabetic()).map_or(limit, |n| start + n)
}

fn number_word(word: &str) -> Option<i64> {
    if word.len() > 8 {
        return None;
    }
    let lower = word.to_lowercase();
    NUMBER_WORDS.iter().find(|(w, _)| *w == lower).map(|&(_, v)| v)
}

/// Parses `2,500`, `2.500`, `2,5`, `2.5`, `1.234,56`, `1,234.56`, `2500`
/// into thousandths. Groups of exactly three digits after a separator are
/// thousands in either convention; a last group of another length follows
/// a decimal separator.
pub(crate) fn parse(s: &str) -> Option<i64> {
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    let seps: Vec<u8> = s.bytes().filter(|b| *b == b'.' || *b == b',').collect();
    let (int_groups, decimals) = match groups.as_slice() {
        [one] => (vec![*one], ""),
        [first, rest @ ..] => {
            let last = rest[rest.len() - 1];
            let thousands = |g: &[&str]| g.iter().all(|g| g.len() == 3);
            let mixed = seps.iter().any(|&b| b != seps[0]);
            if first.len() <= 3 && thousands(rest) && !mixed {
                (groups.clone(), "")
            } else if first.len() <= 3 && thousands(&rest[..rest.len() - 1]) {
                // The last separator is the decimal one; earlier ones must
                // all be the other kind.
                let last_sep = seps[seps.len() - 1];
                if seps[..seps.len() - 1].contains(&last_sep) {
                    return None;
                }
                (groups[..groups.len() - 1].to_vec(), last)
            } else {
                return None;
            }
        }
        [] => return None,
    };
    let digits: String = int_groups.concat();
    if digits.len() > 15 {
        return None;
    }
    let int: i64 = digits.parse().ok()?;
    let mut frac = 0i64;
    for (i, d) in decimals.bytes().take(3).enumerate() {
        frac += i64::from(d - b'0') * 10i64.pow(2 - i as u32);
    }
    Some(int * 1000 + frac)
}

/// A qualifier phrase ending right before `number_start` (one space
/// between), and where it starts; never reaching before `floor`.
fn qualifier_before(text: &str, floor: usize, number_start: usize) -> (usize, Qualifier) {
    let before = &text[floor..number_start];
    let Some(before) = before.strip_suffix(' ') else { return (number_start, Qualifier::Exact) };
    // Qualifier phrases are at most 13 bytes; lowercase only that tail.
    let mut tail_start = before.len().saturating_sub(16);
    while !before.is_char_boundary(tail_start) {
        tail_start -= 1;
    }
    let tail = &before[tail_start..];
    for &(phrase, qualifier) in QUALIFIERS {
        if tail.len() < phrase.len() {
            continue;
        }
        let mut cut = tail.len() - phrase.len();
        if !tail.is_char_boundary(cut) {
            continue;
        }
        let candidate = &tail[cut..];
        if !candidate.eq_ignore_ascii_case(phrase) && candidate.to_lowercase() != phrase {
            continue;
        }
        if tail[..cut].ends_with(char::is_alphanumeric)
            || (cut == 0 && before[..tail_start].ends_with(char::is_alphanumeric))
        {
            continue;
        }
        cut += floor + tail_start;
        return (cut, qualifier);
    }
    (number_start, Qualifier::Exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, i64, Qualifier)> {
        find(text, 0..text.len()).into_iter().map(|n| (text[n.span].to_string(), n.milli, n.qualifier)).collect()
    }

    #[test]
    fn thousands_separators_in_both_conventions_are_the_same_number() {
        assert_eq!(parse("2,500"), Some(2_500_000));
        assert_eq!(parse("2.500"), Some(2_500_000));
        assert_eq!(parse("2500"), Some(2_500_000));
        assert_eq!(parse("1,234,567"), Some(1_234_567_000));
        assert_eq!(parse("1.234.567"), Some(1_234_567_000));
    }

    #[test]
    fn decimal_comma_and_decimal_point_are_the_same_number() {
        assert_eq!(parse("2,5"), Some(2_500));
        assert_eq!(parse("2.5"), Some(2_500));
        assert_eq!(parse("1.234,56"), Some(1_234_560));
        assert_eq!(parse("1,234.56"), Some(1_234_560));
        assert_eq!(parse("12.34.56"), None, "not a number in either convention");
    }

    #[test]
    fn qualifiers_are_read_in_english_and_german() {
        assert_eq!(
            values("They claimed more than 40 attacks."),
            [("more than 40".to_string(), 40_000, Qualifier::More)]
        );
        assert_eq!(values("zu mehr als 40 Angriffen"), [("mehr als 40".to_string(), 40_000, Qualifier::More)]);
        assert_eq!(values("rund 2.500 Soldaten"), [("rund 2.500".to_string(), 2_500_000, Qualifier::About)]);
        assert_eq!(values("about 2,500 troops"), [("about 2,500".to_string(), 2_500_000, Qualifier::About)]);
        assert_eq!(values("in Bayreuth 7"), [("7".to_string(), 7_000, Qualifier::Exact)], "no qualifier inside a word");
    }

    #[test]
    fn number_words_count_and_glued_digits_do_not() {
        let found = values("Three soldiers and drei Soldaten; F16 and source-120.");
        assert_eq!(
            found,
            [("Three".to_string(), 3_000, Qualifier::Exact), ("drei".to_string(), 3_000, Qualifier::Exact)]
        );
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_the_number() {
        assert_eq!(
            values("It had 2,500. Then 30,"),
            [("2,500".to_string(), 2_500_000, Qualifier::Exact), ("30".to_string(), 30_000, Qualifier::Exact)]
        );
    }
}
