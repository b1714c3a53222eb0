//! The JSON Lines that `inspect`, `check` and `suggest` print with
//! `--json`: every record carries the format's `version`, so a consumer
//! that reads one line (`| head -1`) knows what it holds.

use crate::display::terminal_safe_json;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// The version of these records. Within a version fields are only added
/// and lists of values (`kind`, `status`, …) only grow; a field removed,
/// renamed or changed in type or meaning takes the next version.
pub const VERSION: u32 = 1;

/// A record with the version in front.
#[derive(Serialize)]
struct Versioned<'a, T> {
    version: u32,
    #[serde(flatten)]
    record: &'a T,
}

/// Writes `record`, a struct, as one line with its version.
pub fn write_record(out: &mut impl Write, record: &impl Serialize) -> Result<()> {
    writeln!(out, "{}", terminal_safe_json(&Versioned { version: VERSION, record }, false)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_comes_first_and_the_fields_follow_unchanged() {
        #[derive(Serialize)]
        struct Record {
            id: &'static str,
            score: f32,
        }
        let mut out = Vec::new();
        write_record(&mut out, &Record { id: "a\u{202e}b", score: 0.5 }).expect("write");
        let line = String::from_utf8(out).expect("utf-8");
        assert_eq!(line, "{\"version\":1,\"id\":\"a\\u202eb\",\"score\":0.5}\n");
    }
}
