//! Splits text once into words, numbers and single punctuation marks, so
//! every rule works on the same tokens instead of rescanning the text.

use super::rules::{self, Entry, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Word,
    /// A run of ASCII digits; `value` saturates for absurdly long runs.
    Number {
        value: u32,
        digits: usize,
    },
    Punct(char),
}

/// One token with its byte span in the text and, for words, what the word
/// tables say about it (`NO_ENTRY` for numbers and marks).
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub word: &'static Entry,
}

/// The tokens of one text.
pub(super) struct Tokens<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        Tokens { text, toks: tokenize(text) }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn str(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    pub fn roles(&self, i: usize) -> &'static [Role] {
        self.toks.get(i).map_or(&[], |t| &t.word.roles)
    }

    /// The `Role::bit`s of token `i` (0 past the end).
    pub fn flags(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(0, |t| t.word.flags)
    }

    /// The first role of token `i` that `pick` accepts.
    pub fn role<T>(&self, i: usize, pick: impl Fn(Role) -> Option<T>) -> Option<T> {
        self.roles(i).iter().find_map(|&r| pick(r))
    }

    pub fn has(&self, i: usize, role: Role) -> bool {
        // The bit rules out nearly every token before the roles are read.
        self.flags(i) & role.bit() != 0 && self.roles(i).contains(&role)
    }

    /// Value and digit count of a number token.
    pub fn number(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i)?.kind {
            TokenKind::Number { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Punct(c))
    }

    /// True when token `i` and the next touch (no space between).
    pub fn touches_next(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// True when the word starts with an uppercase letter: month and
    /// weekday names are always capitalised, `may`/`march` are verbs.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.str(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when token `i` begins a sentence: first token, after `.!?:`
    /// or an opening quote, or at the start of a line.
    pub fn starts_sentence(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).map(|p| self.toks[p]) else {
            return true;
        };
        let gap = &self.text[prev.end..self.toks[i].start];
        gap.contains('\n') || matches!(prev.kind, TokenKind::Punct('.' | '!' | '?' | ':' | '"' | '„' | '“'))
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn at_byte(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }
}

/// Splits on bytes: ASCII, nearly all of news text, is classified by a
/// byte test; any other character is decoded and classified as the
/// Unicode tables say.
fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // Roughly one token per five bytes of news text.
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let kind = if b.is_ascii_digit() {
            let mut value = 0u32;
            while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                i += 1;
            }
            TokenKind::Number { value, digits: i - start }
        } else {
            let c = char_at(text, i);
            i += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphabetic() {
                TokenKind::Punct(c)
            } else {
                while let Some(&d) = bytes.get(i) {
                    let letter_len = match d {
                        _ if d.is_ascii_alphabetic() => 1,
                        0x80.. => Some(char_at(text, i)).filter(|c| c.is_alphabetic()).map_or(0, char::len_utf8),
                        _ => 0,
                    };
                    if letter_len == 0 {
                        break;
                    }
                    i += letter_len;
                }
                TokenKind::Word
            }
        };
        let word = if kind == TokenKind::Word { rules::lookup(&text[start..i]) } else { &rules::NO_ENTRY };
        toks.push(Token { start, end: i, kind, word });
    }
    toks
}

/// The character starting at byte `i`, a char boundary of `text`.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b @ 0..0x80 => char::from(b),
        _ => text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks() {
        let t = Tokens::new("Am 27.01.2024, März 3rd");
        let parts: Vec<&str> = (0..t.len()).map(|i| t.str(i)).collect();
        assert_eq!(parts, ["Am", "27", ".", "01", ".", "2024", ",", "März", "3", "rd"]);
        assert_eq!(t.number(5), Some((2024, 4)));
        assert!(t.touches_next(1) && !t.touches_next(6));
    }
}
