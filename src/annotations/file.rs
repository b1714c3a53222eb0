//! The annotation file's text form: RON, pretty-printed, lists sorted, so
//! that a change to one claim is a change to a few lines of the file.

use super::model::{Annotations, FORMAT_VERSION};
use std::path::{Path, PathBuf};

/// The annotation file's default name inside the corpus folder.
pub const DEFAULT_FILE_NAME: &str = "dossier.ron";

/// Where the annotations of `corpus` live: `chosen` when given (the
/// `--annotations` flag), else `<corpus>/dossier.ron`.
pub fn annotation_path(corpus: &Path, chosen: Option<&Path>) -> PathBuf {
    chosen.map_or_else(|| corpus.join(DEFAULT_FILE_NAME), Path::to_path_buf)
}

/// An annotation file that cannot be read as annotations.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    /// A field this build does not know, most likely from a newer dossier:
    /// reading on without it would drop it at the next save.
    #[error(
        "{path}:{line}:{column}: unknown field `{field}`{within}, probably written by a newer dossier; \
         update dossier to edit this file"
    )]
    UnknownField { path: PathBuf, line: usize, column: usize, field: String, within: String },
    #[error("{path}: version {found} is newer than this dossier understands (up to {FORMAT_VERSION}); update dossier")]
    NewerVersion { path: PathBuf, found: u32 },
}

/// Parses the bytes of an annotation file; `path` is only for messages.
/// The one reader of the format, for every command and the reader alike:
/// an empty or blank file is an empty set (git gives an empty base when
/// both branches added the file), bytes that are not UTF-8 are a syntax
/// error at their position, and a field or a record id this build cannot
/// keep is refused rather than dropped.
pub fn parse(bytes: impl AsRef<[u8]>, path: &Path) -> Result<Annotations, ParseError> {
    let text = utf8(bytes.as_ref(), path)?;
    if text.trim().is_empty() {
        return Ok(Annotations::default());
    }
    let annotations: Annotations = ron::from_str(text).map_err(|e| {
        let (path, line, column) = (path.to_path_buf(), e.span.start.line, e.span.start.col);
        match e.code {
            ron::Error::NoSuchStructField { found, outer, .. } => {
                let within = outer.map_or_else(String::new, |outer| format!(" in {outer}"));
                ParseError::UnknownField { path, line, column, field: found, within }
            }
            code => ParseError::Syntax { path, line, column, message: code.to_string() },
        }
    })?;
    if annotations.version > FORMAT_VERSION {
        return Err(ParseError::NewerVersion { path: path.to_path_buf(), found: annotations.version });
    }
    Ok(annotations)
}

/// The bytes as text, or a syntax error where they stop being UTF-8.
fn utf8<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, ParseError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        // `before` is valid UTF-8, so the column counts characters.
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        ParseError::Syntax { path: path.to_path_buf(), line, column, message: "not UTF-8 text".into() }
    })
}

/// The canonical text of an annotation set: sorted and pretty-printed
/// (what `ron`'s pretty printer writes, by a faster path).
pub fn render(annotations: &Annotations) -> String {
    super::render::render(annotations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Anchor, Claim, RecordId};

    fn one_claim() -> Annotations {
        let mut notes = Annotations::default();
        notes.claims.push(Claim {
            id: RecordId("01JAAAAAAAAAAAAAAAAAAAAAAA".into()),
            anchor: Anchor::new("en/a.txt", "They said 2,500 troops will go.", 0..31),
            tags: vec!["troops".into()],
            speaker: Some("the ministry".into()),
            summary: None,
            verdict: "disputed".into(),
            about: Some("2024-02".into()),
            note: "numbers differ \"elsewhere\"".into(),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        });
        notes.article_mut("en/a.txt").date = Some("2024-02-08".into());
        notes
    }

    #[test]
    fn render_then_parse_gives_the_same_annotations() {
        let notes = one_claim();
        let text = render(&notes);
        assert_eq!(parse(&text, Path::new("x.ron")).unwrap(), notes);
        assert!(text.starts_with("(\n  version: 1,"), "{text}");
    }

    #[test]
    fn blank_article_notes_are_not_written() {
        let mut notes = Annotations::default();
        notes.article_mut("a.txt");
        assert!(!render(&notes).contains("a.txt"));
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = parse("(\n  version: 1,\n  claims: [oops],\n)", Path::new("c/dossier.ron")).unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("c/dossier.ron:3:"), "{message}");
    }

    #[test]
    fn a_newer_version_is_refused() {
        let err = parse("(version: 99)", Path::new("d.ron")).unwrap_err();
        assert!(matches!(err, ParseError::NewerVersion { found: 99, .. }), "{err}");
    }

    /// A file of two records written out by hand, the second one `second`.
    fn with_claims(first: &str, second: &str) -> String {
        let claim = |id: &str| {
            format!(
                "    (\n      id: \"{id}\",\n      anchor: (article: \"a.txt\", content_hash: \"xxh3:0\", \
                 byte_start: 0, byte_end: 1, quote: \"T\", prefix: \"\", suffix: \"h\"),\n      \
                 verdict: \"unverified\",\n    ),\n"
            )
        };
        format!("(\n  version: 1,\n  claims: [\n{}{}  ],\n)\n", claim(first), claim(second))
    }

    #[test]
    fn two_claims_with_one_id_are_refused_naming_the_id_and_the_second() {
        let text = with_claims("01JAAAAAAAAAAAAAAAAAAAAAAA", "01JAAAAAAAAAAAAAAAAAAAAAAA");
        let err = parse(&text, Path::new("d.ron")).unwrap_err();
        let ParseError::Syntax { line, ref message, .. } = err else { panic!("expected a syntax error, got {err}") };
        assert!(message.contains("claim with id \"01JAAAAAAAAAAAAAAAAAAAAAAA\""), "{message}");
        // The second record spans lines 9 to 13.
        assert!((9..=13).contains(&line), "line {line} is not in the second record: {err}");
        assert!(parse(with_claims("01JA", "01JB"), Path::new("d.ron")).is_ok());
    }

    #[test]
    fn two_links_with_one_id_or_two_notes_on_one_article_are_refused() {
        let link = |id: &str| format!("(id: \"{id}\", from: Article(\"a\"), to: Article(\"b\"), kind: \"cites\")");
        let links = format!("(version: 1, links: [{}, {}])", link("L1"), link("L1"));
        let message = parse(&links, Path::new("d.ron")).unwrap_err().to_string();
        assert!(message.contains("link with id \"L1\""), "{message}");

        let notes =
            "(version: 1, articles: [(article: \"a.txt\", read: true), (article: \"a.txt\", title: Some(\"T\"))])";
        let message = parse(notes, Path::new("d.ron")).unwrap_err().to_string();
        assert!(message.contains("note on article \"a.txt\""), "{message}");
    }

    #[test]
    fn a_rejected_suggestion_listed_twice_is_one_and_the_same() {
        let rejected = "(from: \"a\", to: \"b\", kind: \"cites\")";
        let text = format!("(version: 1, rejected: [{rejected}, {rejected}])");
        assert_eq!(parse(&text, Path::new("d.ron")).unwrap().rejected.len(), 2);
    }

    #[test]
    fn an_unknown_field_is_refused_naming_it_and_its_place() {
        let text = render(&one_claim()).replacen("      verdict:", "      weight: 3,\n      verdict:", 1);
        let err = parse(&text, Path::new("d.ron")).unwrap_err();
        let ParseError::UnknownField { line, ref field, .. } = err else {
            panic!("expected an unknown field, got {err}")
        };
        assert_eq!(field, "weight");
        assert_eq!(text.lines().nth(line - 1).map(str::trim), Some("weight: 3,"));
        let message = err.to_string();
        assert!(message.starts_with(&format!("d.ron:{line}:")), "{message}");
        assert!(message.contains("newer dossier"), "{message}");
    }

    #[test]
    fn unknown_fields_are_refused_at_every_level() {
        let notes = one_claim();
        let text = render(&notes);
        // The file itself, a claim's anchor, an article note.
        for (field, before) in [("timeline", "  version:"), ("weight", "content_hash:"), ("weight", "date:")] {
            let changed = text.replacen(before, &format!("{field}: 1, {before}"), 1);
            assert_ne!(changed, text, "{before:?} is in the rendered file");
            let err = parse(&changed, Path::new("d.ron")).unwrap_err();
            assert!(matches!(&err, ParseError::UnknownField { field: named, .. } if named == field), "{err}");
        }
    }

    #[test]
    fn an_empty_or_blank_file_is_an_empty_set() {
        for text in ["", "  \n\t\n"] {
            assert_eq!(parse(text, Path::new("d.ron")).unwrap(), Annotations::default(), "{text:?}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_syntax_error_with_position() {
        let err = parse(b"(\n  version: 1, \xff\n)", Path::new("d.ron")).unwrap_err();
        assert_eq!(err.to_string(), "d.ron:2:15: not UTF-8 text");
    }

    #[test]
    fn the_default_file_sits_in_the_corpus() {
        assert_eq!(annotation_path(Path::new("c"), None), Path::new("c/dossier.ron"));
        assert_eq!(annotation_path(Path::new("c"), Some(Path::new("x.ron"))), Path::new("x.ron"));
    }
}
