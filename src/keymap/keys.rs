//! Key notation: parsing and displaying single keys ([`KeyChord`]) and
//! sequences of them ([`KeySequence`]).
//!
//! The notation is vim/helix-like: a plain character stands for itself (`j`,
//! `J`, `?`), named keys and modified keys go in angle brackets (`<Enter>`,
//! `<S-Tab>`, `<C-d>`, `<A-x>`, `<C-S-p>`, `<lt>` for `<`), and the keys of a
//! sequence are separated by spaces (`g g`, `<C-x> <C-s>`).

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key press with its modifiers, normalised so that a parsed chord and
/// the event a terminal reports for the same key compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyChord {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl, Alt, ... (never Shift on a character or on `BackTab`: see [`KeyChord::new`]).
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    /// Builds a normalised chord.
    ///
    /// Shift is folded into the character (terminals report `J` as `Char('J')`
    /// plus SHIFT, some report `Char('j')` plus SHIFT) and into `BackTab`
    /// (reported with SHIFT), so that `J`, `<S-j>` and the event all agree.
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                Self { code: KeyCode::Char(single_uppercase(c)), modifiers: modifiers - KeyModifiers::SHIFT }
            }
            KeyCode::BackTab => Self { code, modifiers: modifiers - KeyModifiers::SHIFT },
            _ => Self { code, modifiers },
        }
    }

    /// A chord without modifiers.
    pub fn plain(code: KeyCode) -> Self {
        Self::new(code, KeyModifiers::NONE)
    }
}

/// The uppercase form of `c` when it is a single character (`ß` stays `ß`).
fn single_uppercase(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

impl From<KeyEvent> for KeyChord {
    fn from(event: KeyEvent) -> Self {
        Self::new(event.code, event.modifiers)
    }
}

/// Why a key or key sequence could not be parsed; names the bad token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid key `{token}`: {reason}")]
pub struct KeyParseError {
    /// The offending token as written.
    pub token: String,
    /// Byte offset of the token in the parsed text, for error positions.
    pub offset: usize,
    /// What is wrong with it.
    pub reason: KeyProblem,
}

/// What is wrong with a key token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    /// Nothing was written.
    #[error("empty key")]
    Empty,
    /// Several characters without angle brackets, e.g. `gg`.
    #[error("several characters form no key; separate the keys of a sequence with spaces")]
    NotOneKey,
    /// `<...>` with an unknown name, e.g. `<Ctlr-d>`.
    #[error("unknown key name `{0}`")]
    UnknownName(String),
    /// `<S-1>`: terminals report the shifted character, so write that instead.
    #[error("Shift with `{0}` cannot be typed as such; write the shifted character itself")]
    ShiftedSymbol(char),
}

/// Canonical and accepted names of keys written in angle brackets; the
/// first name of each key is the one used for display.
const NAMED_KEYS: &[(&[&str], KeyCode)] = &[
    (&["Enter", "CR", "Return"], KeyCode::Enter),
    (&["Esc", "Escape"], KeyCode::Esc),
    (&["Tab"], KeyCode::Tab),
    (&["Space"], KeyCode::Char(' ')),
    (&["lt"], KeyCode::Char('<')),
    (&["BS", "Backspace"], KeyCode::Backspace),
    (&["Del", "Delete"], KeyCode::Delete),
    (&["Ins", "Insert"], KeyCode::Insert),
    (&["Up"], KeyCode::Up),
    (&["Down"], KeyCode::Down),
    (&["Left"], KeyCode::Left),
    (&["Right"], KeyCode::Right),
    (&["Home"], KeyCode::Home),
    (&["End"], KeyCode::End),
    (&["PageUp", "PgUp"], KeyCode::PageUp),
    (&["PageDown", "PgDn"], KeyCode::PageDown),
];

fn named_key(name: &str) -> Option<KeyCode> {
    let found =
        NAMED_KEYS.iter().find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name))).map(|&(_, code)| code);
    found.or_else(|| {
        let number = name.strip_prefix(['F', 'f'])?.parse::<u8>().ok()?;
        (1..=24).contains(&number).then_some(KeyCode::F(number))
    })
}

fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Parses the inside of `<...>`: modifier prefixes, then a key name or one character.
fn parse_bracketed(inner: &str) -> Result<KeyChord, KeyProblem> {
    let mut rest = inner;
    let mut modifiers = KeyModifiers::NONE;
    // `<C-->` is Ctrl and `-`: a prefix is only a modifier if a key follows it.
    while let Some((head, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
        modifiers |= match head {
            "C" | "c" => KeyModifiers::CONTROL,
            "A" | "a" | "M" | "m" => KeyModifiers::ALT,
            "S" | "s" => KeyModifiers::SHIFT,
            _ => return Err(KeyProblem::UnknownName(inner.to_string())),
        };
        rest = tail;
    }
    let code = match single_char(rest) {
        Some(c) => KeyCode::Char(c),
        None => named_key(rest).ok_or_else(|| KeyProblem::UnknownName(inner.to_string()))?,
    };
    let code = match code {
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) && !c.is_alphabetic() => {
            return Err(KeyProblem::ShiftedSymbol(c));
        }
        code => code,
    };
    Ok(KeyChord::new(code, modifiers))
}

fn parse_token(token: &str) -> Result<KeyChord, KeyProblem> {
    if let Some(c) = single_char(token) {
        return Ok(KeyChord::plain(KeyCode::Char(c)));
    }
    match token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(inner) if !inner.is_empty() => parse_bracketed(inner),
        _ if token.is_empty() => Err(KeyProblem::Empty),
        _ => Err(KeyProblem::NotOneKey),
    }
}

impl FromStr for KeyChord {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_token(text).map_err(|reason| KeyParseError { token: text.to_string(), offset: 0, reason })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prefix = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            prefix.push_str("C-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            prefix.push_str("A-");
        }
        // Shift is folded into characters and BackTab; show it where the
        // notation needs it: `<S-Tab>`, and `<C-S-p>` rather than `<C-P>`.
        let name = match self.code {
            KeyCode::Char(c) if c.is_uppercase() && !prefix.is_empty() => {
                prefix.push_str("S-");
                c.to_lowercase().collect()
            }
            KeyCode::BackTab => {
                prefix.push_str("S-");
                "Tab".to_string()
            }
            _ if self.modifiers.contains(KeyModifiers::SHIFT) => {
                prefix.push_str("S-");
                code_name(self.code)
            }
            code => code_name(code),
        };
        if prefix.is_empty() && name.chars().count() == 1 { f.write_str(&name) } else { write!(f, "<{prefix}{name}>") }
    }
}

/// The name of a key inside brackets, or the character itself.
fn code_name(code: KeyCode) -> String {
    if let Some((names, _)) = NAMED_KEYS.iter().find(|(_, c)| *c == code) {
        return names[0].to_string();
    }
    match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

/// A sequence of key presses, e.g. `g g` or `<C-x> <C-s>`; never empty.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeySequence(Vec<KeyChord>);

impl KeySequence {
    /// The chords in the order they are typed.
    pub fn chords(&self) -> &[KeyChord] {
        &self.0
    }

    /// Whether `prefix` is the start of this sequence (or equal to it).
    pub fn starts_with(&self, prefix: &[KeyChord]) -> bool {
        self.0.starts_with(prefix)
    }

    /// Number of key presses.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no keys: never for a parsed sequence, only for one
    /// built from an empty `Vec`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<KeyChord>> for KeySequence {
    fn from(chords: Vec<KeyChord>) -> Self {
        Self(chords)
    }
}

impl FromStr for KeySequence {
    type Err = KeyParseError;

    /// Parses space-separated keys; the error's offset points at the bad token.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut chords = Vec::new();
        for token in text.split(' ').filter(|t| !t.is_empty()) {
            // `split` yields subslices of `text`, so the address difference is the offset.
            let offset = token.as_ptr() as usize - text.as_ptr() as usize;
            let chord =
                parse_token(token).map_err(|reason| KeyParseError { token: token.to_string(), offset, reason })?;
            chords.push(chord);
        }
        if chords.is_empty() {
            return Err(KeyParseError { token: text.to_string(), offset: 0, reason: KeyProblem::Empty });
        }
        Ok(Self(chords))
    }
}

impl KeySequence {
    /// The keys as a person reads them in help and hints: like the
    /// notation, but a plain `<` is shown as itself, not as `<lt>`.
    pub fn label(&self) -> String {
        let chords: Vec<String> = self
            .0
            .iter()
            .map(|chord| match chord.code {
                KeyCode::Char('<') if chord.modifiers.is_empty() => "<".to_string(),
                _ => chord.to_string(),
            })
            .collect();
        chords.join(" ")
    }
}

impl fmt::Display for KeySequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chord) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{chord}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn chord(text: &str) -> KeyChord {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        KeyChord::from(KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press))
    }

    #[test]
    fn canonical_notation_round_trips() {
        let all = [
            "j",
            "J",
            "?",
            "/",
            ":",
            "<Enter>",
            "<Esc>",
            "<Tab>",
            "<S-Tab>",
            "<Space>",
            "<BS>",
            "<Del>",
            "<Up>",
            "<Down>",
            "<Left>",
            "<Right>",
            "<Home>",
            "<End>",
            "<PageUp>",
            "<PageDown>",
            "<F1>",
            "<F12>",
            "<lt>",
            "<C-d>",
            "<A-x>",
            "<C-S-p>",
            "<C-Space>",
            "<C-lt>",
            "<C-->",
            "<S-Up>",
            "<C-A-Del>",
            ">",
        ];
        for text in all {
            assert_eq!(chord(text).to_string(), text);
        }
    }

    #[test]
    fn labels_show_a_plain_less_than_as_itself() {
        let keys = |text: &str| text.parse::<KeySequence>().expect("parses");
        assert_eq!(keys("<lt>").label(), "<");
        assert_eq!(keys("g <lt>").label(), "g <");
        assert_eq!(keys("<C-lt>").label(), "<C-lt>");
        assert_eq!(keys("<C-x> <C-e>").label(), "<C-x> <C-e>");
    }

    #[test]
    fn aliases_parse_to_the_canonical_key() {
        for (alias, canonical) in [
            ("<Backspace>", "<BS>"),
            ("<M-x>", "<A-x>"),
            ("<a-x>", "<A-x>"),
            ("<enter>", "<Enter>"),
            ("<CR>", "<Enter>"),
            ("<S-j>", "J"),
            ("<C-P>", "<C-S-p>"),
            ("<x>", "x"),
            ("<", "<lt>"),
            (" ", "<Space>"),
            ("<pgdn>", "<PageDown>"),
        ] {
            assert_eq!(chord(alias), chord(canonical), "{alias}");
            assert_eq!(chord(alias).to_string(), canonical, "{alias}");
        }
    }

    #[test]
    fn parsed_chords_have_the_expected_codes() {
        assert_eq!(chord("<S-Tab>"), KeyChord::plain(KeyCode::BackTab));
        assert_eq!(chord("<C-d>"), KeyChord { code: KeyCode::Char('d'), modifiers: KeyModifiers::CONTROL });
        assert_eq!(chord("<F5>"), KeyChord::plain(KeyCode::F(5)));
        assert_eq!(chord("<lt>"), KeyChord::plain(KeyCode::Char('<')));
    }

    #[test]
    fn terminal_events_match_parsed_chords() {
        assert_eq!(event(KeyCode::Char('J'), KeyModifiers::SHIFT), chord("J"));
        assert_eq!(event(KeyCode::Char('j'), KeyModifiers::SHIFT), chord("J"));
        assert_eq!(event(KeyCode::Char('?'), KeyModifiers::SHIFT), chord("?"));
        assert_eq!(event(KeyCode::Char('ß'), KeyModifiers::SHIFT), chord("ß"));
        assert_eq!(event(KeyCode::BackTab, KeyModifiers::SHIFT), chord("<S-Tab>"));
        assert_eq!(event(KeyCode::Char('d'), KeyModifiers::CONTROL), chord("<C-d>"));
        assert_eq!(event(KeyCode::Char('P'), KeyModifiers::CONTROL | KeyModifiers::SHIFT), chord("<C-S-p>"));
        assert_ne!(event(KeyCode::Char('d'), KeyModifiers::NONE), chord("<C-d>"));
        assert_ne!(event(KeyCode::Up, KeyModifiers::SHIFT), chord("<Up>"));
    }

    #[test]
    fn sequences_parse_and_display() {
        let seq: KeySequence = "g g".parse().expect("valid");
        assert_eq!(seq.chords(), &[chord("g"), chord("g")]);
        assert_eq!(seq.to_string(), "g g");
        let seq: KeySequence = "<C-x>  <C-s>".parse().expect("valid");
        assert_eq!(seq.len(), 2);
        assert_eq!(seq.to_string(), "<C-x> <C-s>");
    }

    #[test]
    fn errors_name_the_bad_token_and_its_offset() {
        let err = "g <Ctlr-d>".parse::<KeySequence>().expect_err("bad modifier");
        assert_eq!(err.token, "<Ctlr-d>");
        assert_eq!(err.offset, 2);
        assert_eq!(err.to_string(), "invalid key `<Ctlr-d>`: unknown key name `Ctlr-d`");
        let err = "gg".parse::<KeySequence>().expect_err("two chars");
        assert_eq!(err.reason, KeyProblem::NotOneKey);
        let err = "  ".parse::<KeySequence>().expect_err("empty");
        assert_eq!(err.reason, KeyProblem::Empty);
        let err = "<S-1>".parse::<KeyChord>().expect_err("shifted digit");
        assert_eq!(err.reason, KeyProblem::ShiftedSymbol('1'));
        for bad in ["<F0>", "<F25>", "<C-d", "<>", "<Entr>"] {
            assert!(bad.parse::<KeyChord>().is_err(), "{bad}");
        }
    }
}
