//! Text for the terminal: making it safe to print (no escape sequence or
//! invisible character from a corpus reaches the terminal raw), and
//! measuring and cutting it by display width (CJK and emoji take two
//! columns). Shared by the command line, the exports and the TUI.

use std::borrow::Cow;
use std::path::Path;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` safe to print on a terminal as one line: every [`Hazard`] is shown
/// as its Rust-style escape (`\u{1b}`), so the text around it still reads.
/// That covers C0 and C1 controls and DEL (ESC starts OSC 0, OSC 52,
/// CSI 2J …), line breaks and tabs included; bidi controls, which reorder
/// what is seen against what is stored; invisible format characters; and
/// the joiners U+200C/U+200D except between two visible non-ASCII
/// characters. Escaping twice changes nothing more.
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    escape(text, Breaks::Shown, |c, out| out.extend(c.escape_unicode()))
}

/// [`escape_for_terminal`] for text printed as several lines (notes, error
/// messages): line breaks and tabs are kept, everything else is escaped.
pub fn escape_for_terminal_keeping_lines(text: &str) -> Cow<'_, str> {
    escape(text, Breaks::Kept, |c, out| out.extend(c.escape_unicode()))
}

/// A path as [`escape_for_terminal`] shows it: a file may be named with
/// an ESC in it.
pub fn escape_path(path: &Path) -> String {
    escape_for_terminal(&path.to_string_lossy()).into_owned()
}

/// `value` as JSON that is safe to print on a terminal: serde_json escapes
/// C0 controls but writes C1 controls, DEL, bidi and invisible characters
/// raw; those become `\u` escapes too (what [`escape_for_terminal`] would
/// show), so a parser reads the same value.
pub fn terminal_safe_json(value: &impl serde::Serialize, pretty: bool) -> serde_json::Result<String> {
    let json = if pretty { serde_json::to_string_pretty(value)? } else { serde_json::to_string(value)? };
    // Outside strings JSON has only ASCII punctuation and spaces, and inside
    // them serde_json already escaped line breaks: every character met here
    // stands in a string, where a `\u` escape means the same.
    Ok(escape(&json, Breaks::Kept, |c, out| {
        for unit in c.encode_utf16(&mut [0; 2]) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    })
    .into_owned())
}

/// `text` without the characters that could act on a terminal or hide
/// from the reader (line breaks and tabs kept): for text that leaves
/// dossier as text, such as what is copied to the clipboard.
pub fn without_hazards(text: &str) -> Cow<'_, str> {
    escape(text, Breaks::Kept, |_, _| {})
}

/// A character that could act on a terminal or hide from the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hazard {
    /// A C0 or C1 control or DEL (line breaks and tabs among them).
    Control,
    /// A bidi control: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
    Bidi,
    /// The line and paragraph separators U+2028, U+2029.
    LineSeparator,
    /// An invisible format character: soft hyphen U+00AD, U+180E, U+200B,
    /// U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB, tag characters
    /// U+E0000–U+E007F.
    Invisible,
    /// U+200C or U+200D: harmless only between two visible non-ASCII
    /// characters (emoji sequences, scripts that need them).
    Joiner,
}

/// What hazard `c` is, if any: the one list of characters that import
/// cleaning removes and output escaping shows.
pub fn hazard(c: char) -> Option<Hazard> {
    Some(match c {
        c if c.is_control() => Hazard::Control,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Hazard::Bidi,
        '\u{2028}' | '\u{2029}' => Hazard::LineSeparator,
        '\u{ad}'
        | '\u{180e}'
        | '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Hazard::Invisible,
        '\u{200c}' | '\u{200d}' => Hazard::Joiner,
        _ => return None,
    })
}

/// Whether line breaks and tabs are text to keep or characters to show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    Kept,
    Shown,
}

/// `text` with every hazard written by `show`; borrowed when there is none.
fn escape(text: &str, breaks: Breaks, show: impl Fn(char, &mut String)) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut previous = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let shown = match hazard(c) {
            None => false,
            Some(Hazard::Control) => breaks == Breaks::Shown || !matches!(c, '\n' | '\t'),
            Some(Hazard::Joiner) => !(joins(previous) && joins(next)),
            Some(_) => true,
        };
        if shown {
            show(c, out.get_or_insert_with(|| text[..at].to_string()));
        } else if let Some(out) = &mut out {
            out.push(c);
        }
        previous = Some(c);
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether a joiner may stand next to `c`: a visible non-ASCII character.
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && hazard(c).is_none())
}

/// The display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `max` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` on one line: its runs of whitespace, line and paragraph breaks
/// among them, become one space (a terminal line cannot hold a break, and
/// without the space the words either side would run together).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `n` and a noun, plural unless one: `1 claim`, `3 claims`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// `n` with its digits grouped in threes: `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `text` truncated or padded with spaces to exactly `columns` columns.
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let pad = columns.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OSC_TITLE: &str = "\x1b]0;PWNED\x07";

    #[test]
    fn escape_sequences_show_as_inert_text() {
        let hostile = format!("Talks{OSC_TITLE}resume\x1b[2Jin\u{9b}31mKessaran\x7f");
        let shown = escape_for_terminal(&hostile);
        assert_eq!(shown, "Talks\\u{1b}]0;PWNED\\u{7}resume\\u{1b}[2Jin\\u{9b}31mKessaran\\u{7f}");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn bidi_and_invisible_characters_show() {
        assert_eq!(escape_for_terminal("invoice\u{202e}fdp.exe"), "invoice\\u{202e}fdp.exe");
        assert_eq!(
            escape_for_terminal("a\u{2066}b\u{200b}c\u{feff}d\u{e0041}"),
            "a\\u{2066}b\\u{200b}c\\u{feff}d\\u{e0041}"
        );
        assert_eq!(escape_for_terminal("line\u{2028}sep"), "line\\u{2028}sep");
    }

    #[test]
    fn joiners_stay_inside_emoji_and_scripts_only() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(escape_for_terminal(family), family);
        let persian = "می\u{200c}خواهم";
        assert_eq!(escape_for_terminal(persian), persian);
        assert_eq!(escape_for_terminal("pay\u{200d}pal"), "pay\\u{200d}pal");
        assert_eq!(escape_for_terminal("ä\u{200d}\u{200d}ö"), "ä\\u{200d}\\u{200d}ö");
        assert_eq!(escape_for_terminal("\u{200c}ö"), "\\u{200c}ö");
    }

    #[test]
    fn line_breaks_show_on_one_line_and_stay_in_lines() {
        assert_eq!(escape_for_terminal("a\nb\tc\rd"), "a\\u{a}b\\u{9}c\\u{d}d");
        assert_eq!(escape_for_terminal_keeping_lines("a\nb\tc\rd\x1b"), "a\nb\tc\\u{d}d\\u{1b}");
    }

    #[test]
    fn safe_text_is_borrowed_and_escaping_twice_changes_nothing() {
        assert!(matches!(escape_for_terminal("Gespräche über 2.500 · 会談"), Cow::Borrowed(_)));
        let once = escape_for_terminal(&format!("x{OSC_TITLE}\u{202e}\u{200d}y")).into_owned();
        assert_eq!(escape_for_terminal(&once), once);
    }

    #[test]
    fn paths_show_escaped() {
        assert_eq!(escape_path(Path::new("corpus/talks\x1b[2J.md")), "corpus/talks\\u{1b}[2J.md");
    }

    #[test]
    fn json_escapes_what_the_terminal_would_show_and_reads_back_the_same() {
        let value = serde_json::json!({ "title": format!("a{OSC_TITLE}\u{9b}31m\u{202e}\u{7f}\u{e0041}ö\nz") });
        for pretty in [false, true] {
            let json = terminal_safe_json(&value, pretty).expect("JSON");
            assert!(!json.chars().any(|c| hazard(c).is_some() && c != '\n'), "{json}");
            assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\udb40\\udc41"), "{json}");
            assert!(json.contains('ö'), "ordinary text stays as it is: {json}");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON"), value);
        }
    }

    #[test]
    fn one_line_puts_one_space_where_the_breaks_were() {
        assert_eq!(one_line("Ende.\n\nNeuer  Absatz\tund\r\nmehr"), "Ende. Neuer Absatz und mehr");
        assert_eq!(one_line("  "), "");
    }

    #[test]
    fn truncates_by_columns_not_chars() {
        assert_eq!(truncate("Gespräche", 20), "Gespräche");
        assert_eq!(truncate("Gespräche über", 6), "Gespr…");
        // Each CJK character is two columns wide: 3 of them plus … fit in 7.
        assert_eq!(truncate("会談が始まった", 7), "会談が…");
        assert_eq!(width(&truncate("会談が始まった", 6)), 5);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn fit_pads_to_the_exact_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("会談", 5), "会談 ");
        assert_eq!(width(&fit("会談が始まった", 6)), 6);
    }
}
