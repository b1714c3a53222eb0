//! Cleaning text once at import so it is safe on screen: control characters,
//! whole escape sequences, bidi overrides and invisible format characters
//! removed; tabs expanded; CRLF and lone CR normalised to LF.
//!
//! What is removed, and why:
//! - Escape sequences as a whole (ECMA-48: CSI, OSC, DCS/SOS/PM/APC strings,
//!   nF and two-byte escapes, and their 8-bit C1 forms), so no `[31m` debris
//!   is left behind once the ESC is gone.
//! - Every other C0/C1 control except `\n`.
//! - Bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069):
//!   they reorder what the analyst sees against what is stored.
//! - Invisible format characters that carry no meaning for German or English
//!   text: soft hyphen U+00AD, U+180E, zero-width space U+200B, word joiner
//!   and invisible operators U+2060–U+2064, deprecated format characters
//!   U+206A–U+206F, U+FEFF anywhere, interlinear annotation U+FFF9–U+FFFB
//!   and tag characters U+E0000–U+E007F (they can smuggle hidden text; the
//!   price is that subdivision flags show as a plain black flag).
//! - The joiners U+200C/U+200D are kept only between two non-ASCII,
//!   non-space characters (emoji sequences, scripts that need them) and
//!   removed elsewhere, where they only split or disguise words.
//!
//! What is changed: CRLF, lone CR, NEL, U+2028 and U+2029 become `\n`; a tab
//! becomes spaces up to the next stop of [`TAB_WIDTH`] display columns
//! (columns counted from the line start with `unicode-width`); a no-break
//! space U+00A0 becomes a plain space so search and date rules see one kind
//! of space.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// The spaces of one full tab.
const TAB_SPACES: &str = "    ";

/// Tab stops are this many display columns apart.
pub const TAB_WIDTH: usize = TAB_SPACES.len();

/// Counts of what cleaning changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleaningReport {
    pub line_ends_normalised: u32,
    pub escape_sequences_removed: u32,
    pub control_chars_removed: u32,
    pub bidi_removed: u32,
    pub invisible_removed: u32,
    pub tabs_expanded: u32,
    /// No-break spaces turned into plain spaces.
    pub spaces_normalised: u32,
}

impl CleaningReport {
    /// Whether cleaning changed anything besides line ends and no-break
    /// spaces (both routine in scraped news and harmless).
    pub fn changed_content(&self) -> bool {
        self.escape_sequences_removed
            + self.control_chars_removed
            + self.bidi_removed
            + self.invisible_removed
            + self.tabs_expanded
            > 0
    }
}

/// Cleaned text with its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub report: CleaningReport,
}

/// Cleans decoded text in one pass. Text that needs nothing is copied as is.
pub fn clean(text: &str) -> Cleaned {
    clean_recording(text, None)
}

/// Cleans as [`clean`] does and says where each stretch of the cleaned
/// text came from in `text`, so that a place in the cleaned text can be
/// given in the text as stored (exports that point into the file).
pub fn clean_with_origins(text: &str) -> (Cleaned, Origins) {
    let mut origins = Origins { pieces: Vec::new(), raw_len: text.len() };
    let cleaned = clean_recording(text, Some(&mut origins.pieces));
    (cleaned, origins)
}

fn clean_recording(text: &str, origins: Option<&mut Vec<Piece>>) -> Cleaned {
    let Some(first) = first_unclean(text) else {
        if let Some(pieces) = origins {
            pieces.push(Piece { cleaned: 0..text.len(), raw: 0..text.len() });
        }
        return Cleaned { text: text.to_owned(), report: CleaningReport::default() };
    };
    let mut cleaner = Cleaner {
        out: String::with_capacity(text.len()),
        report: CleaningReport::default(),
        pending_joiner: None,
        column_mark: (0, 0),
        origins,
    };
    cleaner.write(&text[..first], 0..first);
    cleaner.run(text, first);
    cleaner.finish()
}

/// Where the cleaned text came from: stretches of cleaned text, each with
/// the raw text it was made of. Copied stretches have equal lengths; a
/// replaced one (a line end, a tab, a no-break space) maps as a whole.
/// What cleaning removed lies between stretches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    pieces: Vec<Piece>,
    raw_len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    cleaned: Range<usize>,
    raw: Range<usize>,
}

impl Piece {
    fn copied(&self) -> bool {
        self.cleaned.len() == self.raw.len()
    }
}

impl Origins {
    /// The raw byte range a range of cleaned text (byte offsets on
    /// character boundaries) was made of: from the raw character its first
    /// character came from to the end of the raw character its last came
    /// from, leaving out what cleaning removed around it.
    pub fn raw_range(&self, cleaned: Range<usize>) -> Range<usize> {
        let start = match self.pieces.iter().find(|p| p.cleaned.contains(&cleaned.start)) {
            Some(p) if p.copied() => p.raw.start + (cleaned.start - p.cleaned.start),
            Some(p) => p.raw.start,
            None => self.raw_len,
        };
        let end = match self.pieces.iter().find(|p| p.cleaned.start < cleaned.end && cleaned.end <= p.cleaned.end) {
            Some(p) if p.copied() => p.raw.start + (cleaned.end - p.cleaned.start),
            Some(p) => p.raw.end,
            None => start,
        };
        start..end.max(start)
    }
}

/// Cleans a value meant for one line (a title, source, url, tag): what
/// [`clean`] removes, and also every joiner, while line breaks, tabs and
/// runs of spaces become one space and the ends are trimmed. A column of a
/// list must have a width every terminal agrees on; emoji joined by U+200D
/// do not.
pub fn clean_line(text: &str) -> String {
    let cleaned = clean(text).text.replace(['\u{200c}', '\u{200d}'], "");
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a character asks of the cleaner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    CarriageReturn,
    /// NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    LineSeparator,
    Tab,
    /// ESC or a C1 control that introduces a sequence.
    EscapeStart,
    Control,
    Bidi,
    Joiner,
    Invisible,
    NoBreakSpace,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | ' '..='~' => Class::Plain,
        '\r' => Class::CarriageReturn,
        '\t' => Class::Tab,
        '\u{1b}' | '\u{90}' | '\u{98}' | '\u{9b}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Class::EscapeStart,
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::LineSeparator,
        c if c.is_control() => Class::Control,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Class::Bidi,
        '\u{200c}' | '\u{200d}' => Class::Joiner,
        '\u{ad}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Class::Invisible,
        '\u{a0}' => Class::NoBreakSpace,
        _ => Class::Plain,
    }
}

/// Byte offset of the first character cleaning would touch, if any.
fn first_unclean(text: &str) -> Option<usize> {
    // Printable ASCII and LF are by far the commonest bytes: skip them bytewise.
    let start = text.bytes().position(|b| !(b == b'\n' || (b' '..=b'~').contains(&b)))?;
    text[start..].char_indices().find(|&(_, c)| classify(c) != Class::Plain).map(|(i, _)| start + i)
}

/// Whether a joiner may stand next to this character.
fn joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace()
}

struct Cleaner<'a> {
    out: String,
    report: CleaningReport,
    /// A joiner met but not yet written, with where it was: it is kept only
    /// if the next written character is joinable too.
    pending_joiner: Option<(char, usize)>,
    /// A byte offset in `out` on the current line and its display column, so
    /// tab stops are found without rescanning the line.
    column_mark: (usize, usize),
    /// Where each written stretch came from, when asked.
    origins: Option<&'a mut Vec<Piece>>,
}

impl Cleaner<'_> {
    fn run(&mut self, text: &str, mut at: usize) {
        while let Some(c) = text[at..].chars().next() {
            let len = c.len_utf8();
            match classify(c) {
                Class::Plain => {
                    let run = text[at..]
                        .char_indices()
                        .find(|&(_, c)| classify(c) != Class::Plain)
                        .map_or(text.len() - at, |(i, _)| i);
                    self.write(&text[at..at + run], at..at + run);
                    at += run;
                    continue;
                }
                Class::CarriageReturn => {
                    let crlf = text[at + len..].starts_with('\n');
                    self.write("\n", at..at + len + usize::from(crlf));
                    self.report.line_ends_normalised += 1;
                    if crlf {
                        at += 1;
                    }
                }
                Class::LineSeparator => {
                    self.write("\n", at..at + len);
                    self.report.line_ends_normalised += 1;
                }
                Class::Tab => {
                    self.expand_tab(at..at + len);
                    self.report.tabs_expanded += 1;
                }
                Class::EscapeStart => match sequence_len(&text[at..]) {
                    Some(seq) => {
                        self.report.escape_sequences_removed += 1;
                        at += seq;
                        continue;
                    }
                    None => self.report.control_chars_removed += 1,
                },
                Class::Control => self.report.control_chars_removed += 1,
                Class::Bidi => self.report.bidi_removed += 1,
                Class::Invisible => self.report.invisible_removed += 1,
                Class::Joiner => {
                    if self.pending_joiner.replace((c, at)).is_some() {
                        self.report.invisible_removed += 1;
                    }
                }
                Class::NoBreakSpace => {
                    self.write(" ", at..at + len);
                    self.report.spaces_normalised += 1;
                }
            }
            at += len;
        }
    }

    /// Appends non-empty clean text made of the raw text at `raw`, first
    /// settling a pending joiner.
    fn write(&mut self, s: &str, raw: Range<usize>) {
        if let Some((joiner, at)) = self.pending_joiner.take() {
            let before = self.out.chars().next_back();
            let after = s.chars().next();
            if before.is_some_and(joinable) && after.is_some_and(joinable) {
                self.record(joiner.len_utf8(), at..at + joiner.len_utf8());
                self.out.push(joiner);
            } else {
                self.report.invisible_removed += 1;
            }
        }
        self.record(s.len(), raw);
        self.out.push_str(s);
    }

    /// Notes that the next `len` bytes written come from `raw`.
    fn record(&mut self, len: usize, raw: Range<usize>) {
        if let Some(pieces) = self.origins.as_deref_mut() {
            let start = self.out.len();
            pieces.push(Piece { cleaned: start..start + len, raw });
        }
    }

    fn expand_tab(&mut self, raw: Range<usize>) {
        let (mut mark, mut column) = self.column_mark;
        if let Some(newline) = memchr::memrchr(b'\n', &self.out.as_bytes()[mark..]) {
            mark += newline + 1;
            column = 0;
        }
        column += self.out[mark..].width();
        let spaces = TAB_WIDTH - column % TAB_WIDTH;
        self.write(&TAB_SPACES[..spaces], raw);
        self.column_mark = (self.out.len(), column + spaces);
    }

    fn finish(mut self) -> Cleaned {
        if self.pending_joiner.take().is_some() {
            self.report.invisible_removed += 1;
        }
        Cleaned { text: self.out, report: self.report }
    }
}

/// The length in bytes of the escape sequence at the start of `s`, which
/// starts with ESC or a C1 introducer; `None` for an ESC that starts no
/// sequence (it is then a lone control character).
fn sequence_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let (introducer, kind) = match bytes {
        [0x1b, b'[', ..] => (2, Kind::Csi),
        [0x1b, b']', ..] => (2, Kind::Osc),
        [0x1b, b'P' | b'X' | b'^' | b'_', ..] => (2, Kind::String),
        // nF: intermediates, then a final byte.
        [0x1b, 0x20..=0x2f, ..] => {
            let intermediates = bytes[1..].iter().take_while(|b| (0x20..=0x2f).contains(*b)).count();
            let has_final = bytes.get(1 + intermediates).is_some_and(|b| (0x30..=0x7e).contains(b));
            return Some(1 + intermediates + usize::from(has_final));
        }
        [0x1b, 0x30..=0x7e, ..] => return Some(2),
        [0x1b, ..] => return None,
        // The 8-bit forms are two bytes in UTF-8: 0xC2 then the C1 byte.
        [0xc2, 0x9b, ..] => (2, Kind::Csi),
        [0xc2, 0x9d, ..] => (2, Kind::Osc),
        // The remaining introducers: DCS, SOS, PM, APC.
        _ => (2, Kind::String),
    };
    let body = &bytes[introducer..];
    Some(
        introducer
            + match kind {
                Kind::Csi => csi_body_len(body),
                Kind::Osc => string_body_len(body, true),
                Kind::String => string_body_len(body, false),
            },
    )
}

#[derive(Clone, Copy)]
enum Kind {
    Csi,
    /// OSC: a string that BEL may also end.
    Osc,
    /// DCS, SOS, PM, APC: a string ended by ST.
    String,
}

/// Parameter and intermediate bytes, then the final byte if there is one; a
/// sequence broken off by anything else ends there.
fn csi_body_len(body: &[u8]) -> usize {
    let params = body.iter().take_while(|b| (0x20..=0x3f).contains(*b)).count();
    let has_final = body.get(params).is_some_and(|b| (0x40..=0x7e).contains(b));
    params + usize::from(has_final)
}

/// The payload of a control string up to and including its terminator (ST as
/// `ESC \` or U+009C, BEL for OSC, CAN or SUB to cancel). Another ESC or C1
/// character breaks the string off before it, as in xterm. An unterminated
/// string keeps its payload (0 is returned): without the introducer it is
/// inert text, and one stray introducer must not swallow the article.
fn string_body_len(body: &[u8], bel_ends: bool) -> usize {
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            0x07 if bel_ends => return i + 1,
            0x18 | 0x1a => return i + 1,
            0x1b if body.get(i + 1) == Some(&b'\\') => return i + 2,
            0x1b => return i,
            0xc2 if body.get(i + 1) == Some(&0x9c) => return i + 2,
            0xc2 if body.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => return i,
            _ => i += 1,
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cleaned(text: &str) -> (String, CleaningReport) {
        let c = clean(text);
        (c.text, c.report)
    }

    #[test]
    fn origins_give_the_raw_text_of_each_cleaned_stretch() {
        let raw = "a\u{200b}b\r\nc\td\u{a0}e \x1b[31mred\x1b[0m.";
        let (cleaned, origins) = clean_with_origins(raw);
        assert_eq!(cleaned.text, "ab\nc   d e red.");
        let raw_of = |cleaned_part: &str| {
            let start = cleaned.text.find(cleaned_part).expect("in the cleaned text");
            &raw[origins.raw_range(start..start + cleaned_part.len())]
        };
        assert_eq!(raw_of("ab"), "a\u{200b}b", "a removed character inside stays inside");
        assert_eq!(raw_of("b\nc"), "b\r\nc", "CRLF is two raw characters");
        assert_eq!(raw_of("c   d"), "c\td", "a tab's spaces are the tab");
        assert_eq!(raw_of("d e"), "d\u{a0}e");
        assert_eq!(raw_of("red"), "red", "the escape sequences around it are left out");
        assert_eq!(raw_of("red."), "red\x1b[0m.");
        let (plain, origins) = clean_with_origins("plain text");
        assert_eq!(origins.raw_range(6..10), 6..10);
        assert_eq!(plain.text, "plain text");
    }

    #[test]
    fn clean_ascii_is_unchanged() {
        let text = "Talks paused.\nThe Pentagon said on Thursday: 2,500 troops.\n";
        assert_eq!(cleaned(text), (text.to_owned(), CleaningReport::default()));
    }

    #[test]
    fn clean_german_text_is_unchanged() {
        let text = "„Die Gespräche dauern an“, sagte er am 11. Februar – 2.500 Soldaten.";
        assert_eq!(cleaned(text), (text.to_owned(), CleaningReport::default()));
    }

    #[test]
    fn sgr_sequences_are_removed_whole() {
        let (text, report) = cleaned("a\x1b[31mRED\x1b[0m");
        assert_eq!(text, "aRED");
        assert_eq!(report.escape_sequences_removed, 2);
        assert!(report.changed_content());
    }

    #[test]
    fn osc_hyperlink_keeps_only_the_link_text() {
        let (text, report) = cleaned("\x1b]8;;http://x\x07link\x1b]8;;\x07");
        assert_eq!(text, "link");
        assert_eq!(report.escape_sequences_removed, 2);
        let (text, _) = cleaned("\x1b]0;title\x1b\\after");
        assert_eq!(text, "after");
    }

    #[test]
    fn c1_sequences_are_removed_whole() {
        assert_eq!(cleaned("\u{9b}31mred").0, "red");
        assert_eq!(cleaned("x\u{9d}0;title\u{9c}y").0, "xy");
        assert_eq!(cleaned("x\u{90}q\u{1b}\\y").0, "xy");
        assert_eq!(cleaned("x\u{9b}31mred").1.escape_sequences_removed, 1);
    }

    #[test]
    fn other_escapes() {
        // Two-byte (save cursor), nF (charset), DCS, APC, a lone ESC.
        let (text, report) = cleaned("a\x1b7b\x1b(Bc\x1bPdata\x1b\\d\x1b_apc\x1b\\e\x1b");
        assert_eq!(text, "abcde");
        assert_eq!(report.escape_sequences_removed, 4);
        assert_eq!(report.control_chars_removed, 1);
    }

    #[test]
    fn unterminated_string_keeps_its_payload() {
        assert_eq!(cleaned("x\x1b]no end here").0, "xno end here");
    }

    #[test]
    fn broken_csi_ends_at_the_breaking_character() {
        assert_eq!(cleaned("\x1b[31\u{e4}x").0, "\u{e4}x");
    }

    #[test]
    fn controls_are_removed_except_newline() {
        let (text, report) = cleaned("a\x00b\x07c\x7fd\u{80}e\u{9c}f\x0cg\nh");
        assert_eq!(text, "abcdefg\nh");
        assert_eq!(report.control_chars_removed, 6);
    }

    #[test]
    fn bidi_controls_are_removed() {
        let (text, report) = cleaned("abc\u{202e}fed\u{202c} \u{2066}x\u{2069}\u{200f}\u{61c}");
        assert_eq!(text, "abcfed x");
        assert_eq!(report.bidi_removed, 6);
    }

    #[test]
    fn invisible_characters_are_removed() {
        let (text, report) = cleaned("\u{feff}zero\u{200b}width\u{2060}join\u{ad}er\u{180e}\u{e0041}");
        assert_eq!(text, "zerowidthjoiner");
        assert_eq!(report.invisible_removed, 6);
    }

    #[test]
    fn joiners_stay_inside_emoji_and_go_between_ascii() {
        let emoji = "\u{1f469}\u{200d}\u{1f4bb} ok";
        assert_eq!(cleaned(emoji), (emoji.to_owned(), CleaningReport::default()));
        let (text, report) = cleaned("pay\u{200d}pal \u{200c}x \u{1f469}\u{200d}");
        assert_eq!(text, "paypal x \u{1f469}");
        assert_eq!(report.invisible_removed, 3);
    }

    #[test]
    fn line_ends_are_normalised() {
        let (text, report) = cleaned("a\r\nb\rc\nd\u{2028}e\u{85}f\r");
        assert_eq!(text, "a\nb\nc\nd\ne\nf\n");
        assert_eq!(report.line_ends_normalised, 5);
        assert!(!report.changed_content());
    }

    #[test]
    fn tabs_expand_to_stops_of_four_columns() {
        let (text, report) = cleaned("\tab\tc\nabcd\tx\n\u{4e2d}\ty\tz");
        assert_eq!(text, "    ab  c\nabcd    x\n\u{4e2d}  y   z");
        assert_eq!(report.tabs_expanded, 5);
    }

    #[test]
    fn no_break_space_becomes_a_space() {
        let (text, report) = cleaned("11.\u{a0}Februar");
        assert_eq!(text, "11. Februar");
        assert_eq!(report.spaces_normalised, 1);
        assert!(!report.changed_content());
    }

    #[test]
    fn report_counts_everything_once() {
        let (text, report) = cleaned("\x1b[1mA\x1b[0m\r\n\tB\u{202e}\u{200b}\x01");
        assert_eq!(text, "A\n    B");
        assert_eq!(
            report,
            CleaningReport {
                line_ends_normalised: 1,
                escape_sequences_removed: 2,
                control_chars_removed: 1,
                bidi_removed: 1,
                invisible_removed: 1,
                tabs_expanded: 1,
                spaces_normalised: 0,
            }
        );
    }

    #[test]
    fn a_line_loses_its_breaks_joiners_and_runs_of_space() {
        assert_eq!(clean_line(" Troops\r\n\tleave\u{2028}  by\x1b[2J 2025 "), "Troops leave by 2025");
        assert_eq!(
            clean_line("\u{1f469}\u{200d}\u{1f4bb} gr\u{fc}\u{200d}\u{df}e"),
            "\u{1f469}\u{1f4bb} gr\u{fc}\u{df}e"
        );
        assert_eq!(clean_line("\x1b]0;only an escape\x07"), "");
    }

    fn is_unsafe(c: char) -> bool {
        (c.is_control() && c != '\n') || !matches!(classify(c), Class::Plain | Class::Joiner)
    }

    proptest! {
        #[test]
        fn cleaned_text_is_safe_and_cleaning_is_idempotent(
            text in proptest::collection::vec(
                prop_oneof![
                    any::<char>(),
                    proptest::sample::select(vec![
                        '\x1b', '[', ']', '\\', '\x07', '\r', '\n', '\t', 'm', '3', ';',
                        '\u{9b}', '\u{9c}', '\u{9d}', '\u{90}', '\u{200d}', '\u{200c}',
                        '\u{202e}', '\u{200b}', '\u{a0}', '\u{1f469}', 'ä', 'P',
                    ]),
                ],
                0..64,
            ).prop_map(|chars| chars.into_iter().collect::<String>())
        ) {
            let once = clean(&text).text;
            prop_assert!(!once.chars().any(is_unsafe), "unsafe char in {:?}", once);
            let twice = clean(&once);
            prop_assert_eq!(&twice.text, &once);
            prop_assert_eq!(twice.report, CleaningReport::default());
        }
    }
}
