//! An article's text as its file stores it now, and where a span of the
//! cleaned text lies in it. Exports that point into the article (W3C
//! selectors) count in the file a reader opens, not in dossier's cleaned
//! copy: front matter, CRLF line ends and what cleaning removed all count.

use super::Article;
use super::clean::{Origins, clean_with_origins};
use super::decode;
use super::source::{LoadedRecord, MAX_ARTICLE_BYTES, MAX_JSON_LINES_BYTES, SourceFormat, read_json_lines};
use super::{front_matter, html};
use crate::safe_fs::{self, Links};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The text an article's positions count in: the whole file as decoded
/// from its encoding (a byte-order mark is the encoding's signature, not
/// text, and is not counted), or for a JSON Lines record the value of its
/// text field as JSON decodes it.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub text: String,
    /// Where the article's body starts in `text` (after front matter).
    body_start: usize,
    origins: Origins,
    /// For a JSON Lines record: which line and field hold it.
    pub record: Option<RecordPlace>,
}

/// Where a JSON Lines record's text is in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPlace {
    /// 1-based line of the record.
    pub line: usize,
    /// The field holding the text: `text` or `body`.
    pub field: &'static str,
}

/// Why an article's file cannot tell where its text is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoredError {
    #[error("cannot read {0}")]
    Unreadable(String),
    #[error("the file has changed since it was loaded")]
    Changed,
}

/// An article file read again as it is stored now: its decoded text and,
/// for JSON Lines, its records. One read serves every article of the file.
#[derive(Debug)]
pub struct StoredFile {
    format: SourceFormat,
    text: String,
    /// JSON Lines records by article id.
    records: HashMap<String, LoadedRecord>,
}

impl StoredFile {
    /// Reads the file of `article` below `root` (regular files only, never
    /// blocking).
    pub fn read(root: &Path, article: &Article) -> Result<StoredFile, StoredError> {
        let path = root.join(article.path());
        let unreadable = || StoredError::Unreadable(crate::display::escape_path(&path));
        let canonical = path.canonicalize().map_err(|_| unreadable())?;
        let format = article.format;
        let limit = match format {
            SourceFormat::JsonLines => MAX_JSON_LINES_BYTES,
            SourceFormat::Text | SourceFormat::Markdown | SourceFormat::Html => MAX_ARTICLE_BYTES,
        };
        let bytes =
            safe_fs::read_regular(&canonical, Links::Refuse, limit).ok().and_then(Result::ok).ok_or_else(unreadable)?;
        let decoded = match format {
            SourceFormat::JsonLines => decode::decode_records(&bytes),
            SourceFormat::Html => html::decode(&bytes),
            SourceFormat::Text | SourceFormat::Markdown => decode::decode(&bytes),
        };
        let text = decoded.ok_or_else(unreadable)?.text;
        let records = match format {
            SourceFormat::JsonLines => {
                let file_id = article.path().to_string_lossy().into_owned();
                let records = read_json_lines(&text, &file_id).ok_or_else(unreadable)?;
                records.documents.into_iter().map(|r| (r.id.clone(), r)).collect()
            }
            SourceFormat::Text | SourceFormat::Markdown | SourceFormat::Html => HashMap::new(),
        };
        Ok(StoredFile { format, text, records })
    }

    /// Where `article`, one of this file's, lies in it; an error when the
    /// file no longer cleans to the article's text.
    pub fn text_of(&self, article: &Article) -> Result<StoredText, StoredError> {
        let (text, body_start, record) = match self.format {
            SourceFormat::Text => (self.text.clone(), 0, None),
            SourceFormat::Markdown => {
                let body_start = self.text.len() - front_matter::read(&self.text).body.len();
                (self.text.clone(), body_start, None)
            }
            // Offsets into a page are offsets into its extracted text: the
            // markup around it has no place for a quote.
            SourceFormat::Html => (html::read(&self.text).0.body, 0, None),
            SourceFormat::JsonLines => {
                let found = self.records.get(article.id.as_str()).ok_or(StoredError::Changed)?;
                (found.body.clone(), 0, Some(RecordPlace { line: found.line, field: found.field }))
            }
        };
        let (cleaned, origins) = clean_with_origins(&text[body_start..]);
        if cleaned.text != *article.text {
            return Err(StoredError::Changed);
        }
        Ok(StoredText { text, body_start, origins, record })
    }
}

impl StoredText {
    /// The byte range of `text` that a byte range of the cleaned text came
    /// from.
    pub fn byte_range(&self, cleaned: Range<usize>) -> Range<usize> {
        let raw = self.origins.raw_range(cleaned);
        self.body_start + raw.start..self.body_start + raw.end
    }

    /// The same range in characters (Unicode code points), as W3C text
    /// selectors count.
    pub fn char_range(&self, cleaned: Range<usize>) -> Range<usize> {
        let bytes = self.byte_range(cleaned);
        let start = self.text[..bytes.start].chars().count();
        start..start + self.text[bytes].chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn stored_text(root: &Path, article: &Article) -> Result<StoredText, StoredError> {
        StoredFile::read(root, article)?.text_of(article)
    }

    /// Each article's every sentence, found in the file as stored.
    #[test]
    fn sentences_of_bom_crlf_front_matter_and_json_lines_files_are_found_in_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files: [(&str, &[u8]); 4] = [
            ("bom.txt", b"\xef\xbb\xbfTitle line\r\nThe minister said\xc2\xa02,500 troops\tstay.\r\nA\xe2\x80\x8bnother one.\r\n"),
            ("front.md", b"---\ntitle: Talks\ndate: 2024-02-08\n---\nGespr\xc3\xa4che \xc3\xbcber Truppen.\n\nZweiter Satz.\n"),
            ("feed.jsonl", b"{\"id\": \"a\", \"text\": \"One \\\"quoted\\\" line.\\nTwo.\"}\r\n\r\n{\"id\": \"b\", \"body\": \"Caf\\u00e9 talk.\"}\n"),
            ("legacy.txt", b"Stra\xdfe und Gr\xfc\xdfe.\r\nNext.\r\n"),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).expect("write");
        }
        let corpus = Corpus::load(dir.path()).expect("loads");
        assert_eq!(corpus.articles.len(), 5);
        for article in &corpus.articles {
            let stored = stored_text(dir.path(), article).expect("stored text");
            for sentence in &article.detail().sentences {
                let span = sentence.range();
                let chars = stored.char_range(span.clone());
                let found: String = stored.text.chars().skip(chars.start).take(chars.len()).collect();
                let cleaned = crate::corpus::clean::clean(&found).text;
                assert_eq!(cleaned.trim(), article.text[span].trim(), "{}", article.id);
            }
        }
        let bom = corpus.articles.iter().find(|a| a.id.as_str() == "bom.txt").expect("bom.txt");
        let stored = stored_text(dir.path(), bom).expect("stored");
        let at = bom.text.find("2,500").expect("in the text");
        let chars = stored.char_range(at..bom.text.find(" stay").expect("in the text") + 5);
        let file: String = stored.text.chars().skip(chars.start).take(chars.len()).collect();
        assert_eq!(file, "2,500 troops\tstay", "the tab is the file's");
        assert_eq!(chars.start, "Title line\r\nThe minister said\u{a0}".chars().count(), "no BOM counted, CR counted");
        let feed = corpus.articles.iter().find(|a| a.id.as_str() == "feed.jsonl#b").expect("record b");
        let place = stored_text(dir.path(), feed).expect("stored").record;
        assert_eq!(place, Some(RecordPlace { line: 3, field: "body" }));
    }

    #[test]
    fn a_file_changed_since_loading_is_said_to_have_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "First text.\n").expect("write");
        let corpus = Corpus::load(dir.path()).expect("loads");
        std::fs::write(dir.path().join("a.txt"), "Other text.\n").expect("write");
        assert_eq!(stored_text(dir.path(), &corpus.articles[0]).unwrap_err(), StoredError::Changed);
        std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
        assert!(matches!(stored_text(dir.path(), &corpus.articles[0]), Err(StoredError::Unreadable(_))));
    }
}
