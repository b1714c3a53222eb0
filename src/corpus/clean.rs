//! Cleaning text once at import so it is safe on screen: control characters,
//! whole escape sequences, bidi overrides and invisible format characters
//! removed; tabs expanded; CRLF and lone CR normalised to LF.

use serde::Serialize;

/// Counts of what cleaning changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CleaningReport {
    pub line_ends_normalised: usize,
    pub escape_sequences_removed: usize,
    pub control_chars_removed: usize,
    pub bidi_removed: usize,
    pub invisible_removed: usize,
    pub tabs_expanded: usize,
}

impl CleaningReport {
    /// Whether cleaning changed anything besides line ends.
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

/// Cleans decoded text.
pub fn clean(text: &str) -> Cleaned {
    let _ = text;
    todo!("clean::clean")
}
