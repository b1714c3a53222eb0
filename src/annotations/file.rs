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
    #[error("{path}: version {found} is newer than this dossier understands (up to {FORMAT_VERSION}); update dossier")]
    NewerVersion { path: PathBuf, found: u32 },
}

/// Parses the text of an annotation file; `path` is only for messages.
pub fn parse(text: &str, path: &Path) -> Result<Annotations, ParseError> {
    let annotations: Annotations = ron::from_str(text).map_err(|e| ParseError::Syntax {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if annotations.version > FORMAT_VERSION {
        return Err(ParseError::NewerVersion { path: path.to_path_buf(), found: annotations.version });
    }
    Ok(annotations)
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
            verdict: "disputed".into(),
            about: Some("2024-02".into()),
            note: "numbers differ \"elsewhere\"".into(),
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

    #[test]
    fn the_default_file_sits_in_the_corpus() {
        assert_eq!(annotation_path(Path::new("c"), None), Path::new("c/dossier.ron"));
        assert_eq!(annotation_path(Path::new("c"), Some(Path::new("x.ron"))), Path::new("x.ron"));
    }
}
