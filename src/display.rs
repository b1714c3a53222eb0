//! Measuring and cutting text by terminal display width (CJK and emoji take
//! two columns), shared by the CLI tables and the TUI.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
