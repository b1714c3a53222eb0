//! What may go into a cell of a sheet a spreadsheet or TimelineJS opens:
//! text that cannot act on a terminal, start a formula or (for TimelineJS,
//! which renders cells as HTML) become markup.

use crate::display::escape_for_terminal_keeping_lines;

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP's list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell for a spreadsheet: control and invisible characters shown
/// as escapes (line breaks and tabs kept: a quoted CSV cell may hold them),
/// and a `'` in front when the cell would start a formula, as spreadsheets
/// expect for text. A quote starting with `-` gets it too.
pub fn text_cell(text: &str) -> String {
    let text = escape_for_terminal_keeping_lines(text);
    if text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text.into_owned() }
}

/// `text` with the characters HTML gives meaning to written as entities.
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_start_a_formula_are_prefixed() {
        for (text, cell) in [
            ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
            ("+1", "'+1"),
            ("-2 troops", "'-2 troops"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("2,500 troops", "2,500 troops"),
            ("a = b", "a = b"),
        ] {
            assert_eq!(text_cell(text), cell);
        }
    }

    #[test]
    fn cells_keep_line_breaks_and_show_escapes() {
        assert_eq!(text_cell("one\ntwo"), "one\ntwo");
        assert_eq!(text_cell("\r=1"), "\\u{d}=1");
        assert_eq!(text_cell("x\x1b]0;t\x07"), "x\\u{1b}]0;t\\u{7}");
    }

    #[test]
    fn markup_becomes_entities() {
        assert_eq!(
            html_text("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
    }
}
