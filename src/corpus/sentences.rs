//! Sentence splitting that knows abbreviations and German ordinal dates.

use std::ops::Range;

/// Splits `text[span]` into trimmed sentence spans (byte offsets into `text`).
pub fn split(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let _ = (text, span);
    todo!("sentences::split")
}
