//! Front matter: the block of metadata at the top of a Markdown file, YAML
//! between `---` lines (Jekyll, Hugo, Pandoc) or TOML between `+++` lines
//! (Hugo). Parsed by saphyr and toml; keys go by the names of
//! [`fields`](super::fields). A field that cannot be used, or a block that
//! does not parse, is a problem of the file at its line and column, and the
//! article loads all the same.

use super::fields::{Stated, Winners};
use super::source::{FileProblem, StatedMeta};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Largest front-matter block read. Real ones take a few hundred bytes;
/// the bound keeps a hostile block's nesting within the parsers' stacks.
pub const MAX_FRONT_MATTER_BYTES: usize = 16 * 1024;

/// A Markdown file split into what its front matter states and its body.
pub struct Markdown<'a> {
    pub meta: StatedMeta,
    pub body: &'a str,
    pub problems: Vec<FileProblem>,
}

/// The languages of front matter, by their fence.
#[derive(Clone, Copy)]
enum Language {
    Yaml,
    Toml,
}

/// Splits off and reads a front-matter block: a `---` line at the very
/// top up to the next `---` (or `...`) line, or a `+++` line up to the
/// next `+++`. Without a closing line the whole file is the body.
pub fn read(text: &str) -> Markdown<'_> {
    let mut markdown = Markdown { meta: StatedMeta::default(), body: text, problems: Vec::new() };
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else { return markdown };
    let (language, fence) = match first.trim_end() {
        "---" => (Language::Yaml, "---"),
        "+++" => (Language::Toml, "+++"),
        _ => return markdown,
    };
    let mut offset = first.len();
    for line in lines {
        let closes = match language {
            Language::Yaml => matches!(line.trim_end(), "---" | "..."),
            Language::Toml => line.trim_end() == "+++",
        };
        if closes {
            let block = &text[first.len()..offset];
            markdown.body = &text[offset + line.len()..];
            if block.len() > MAX_FRONT_MATTER_BYTES {
                let message =
                    format!("front matter of {} bytes is longer than {MAX_FRONT_MATTER_BYTES}; not read", block.len());
                markdown.problems.push(FileProblem::line(1, message));
                return markdown;
            }
            // The block starts on the file's second line.
            let at = |line: usize, column: usize, message: String| FileProblem {
                line: line + 1,
                column: Some(column),
                message: format!("front matter: {message}"),
            };
            (markdown.meta, markdown.problems) = match language {
                Language::Yaml => read_yaml(block, at),
                Language::Toml => read_toml(block, at),
            };
            return markdown;
        }
        offset += line.len();
    }
    let message = format!("front matter opened with `{fence}` is never closed; the whole file is read as the article");
    markdown.problems.push(FileProblem::line(1, message));
    markdown
}

/// Reads a YAML block: a mapping whose known keys become stated metadata.
fn read_yaml(block: &str, at: impl Fn(usize, usize, String) -> FileProblem) -> (StatedMeta, Vec<FileProblem>) {
    let mut meta = StatedMeta::default();
    let documents = match MarkedYaml::load_from_str(block) {
        Ok(documents) => documents,
        Err(error) => {
            let marker = error.marker();
            return (meta, vec![at(marker.line(), marker.col() + 1, error.info().to_owned())]);
        }
    };
    let Some(document) = documents.first() else { return (meta, Vec::new()) };
    let place = |node: &MarkedYaml| (node.span.start.line(), node.span.start.col() + 1);
    let YamlData::Mapping(mapping) = &document.data else {
        if matches!(document.data, YamlData::Value(Scalar::Null)) {
            return (meta, Vec::new());
        }
        let (line, column) = place(document);
        let found = stated_yaml(document).kind();
        return (meta, vec![at(line, column, format!("expected `key: value` lines, found {found}"))]);
    };
    let mut winners = Winners::default();
    for (key, value) in mapping {
        if let YamlData::Value(Scalar::String(key)) = &key.data {
            winners.offer(key, place(value), || stated_yaml(value));
        }
    }
    let mut problems = Vec::new();
    winners.record_rest(&mut meta, |(line, column), message| problems.push(at(line, column, message)));
    (meta, problems)
}

/// A YAML node as a stated value; a null is blank.
fn stated_yaml<'a>(node: &'a MarkedYaml<'a>) -> Stated<'a> {
    match &node.data {
        YamlData::Value(scalar) => match scalar {
            Scalar::String(text) => Stated::Text(Cow::Borrowed(text)),
            Scalar::Integer(number) => Stated::Text(Cow::Owned(number.to_string())),
            Scalar::FloatingPoint(number) => Stated::Text(Cow::Owned(number.to_string())),
            Scalar::Null => Stated::Text(Cow::Borrowed("")),
            Scalar::Boolean(_) => Stated::Other("a boolean"),
        },
        YamlData::Representation(text, ..) => Stated::Text(Cow::Borrowed(text)),
        YamlData::Sequence(items) => Stated::List(items.iter().map(stated_yaml).collect()),
        YamlData::Mapping(_) => Stated::Other("a mapping"),
        YamlData::Tagged(_, node) => stated_yaml(node),
        YamlData::Alias(_) | YamlData::BadValue => Stated::Other("a value that could not be read"),
    }
}

/// Reads a TOML block: a table whose known keys become stated metadata.
fn read_toml(block: &str, at: impl Fn(usize, usize, String) -> FileProblem) -> (StatedMeta, Vec<FileProblem>) {
    let mut meta = StatedMeta::default();
    let place = |offset: usize| {
        let before = &block[..offset.min(block.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
    };
    let table: BTreeMap<String, toml::Spanned<toml::Value>> = match toml::from_str(block) {
        Ok(table) => table,
        Err(error) => {
            let (line, column) = place(error.span().map_or(0, |span| span.start));
            return (meta, vec![at(line, column, error.message().trim().to_owned())]);
        }
    };
    let mut winners = Winners::default();
    for (key, value) in &table {
        winners.offer(key, place(value.span().start), || stated_toml(value.get_ref()));
    }
    let mut problems = Vec::new();
    winners.record_rest(&mut meta, |(line, column), message| problems.push(at(line, column, message)));
    (meta, problems)
}

/// A TOML value as a stated value; a date-time is written out.
fn stated_toml(value: &toml::Value) -> Stated<'_> {
    match value {
        toml::Value::String(text) => Stated::Text(Cow::Borrowed(text)),
        toml::Value::Integer(number) => Stated::Text(Cow::Owned(number.to_string())),
        toml::Value::Float(number) => Stated::Text(Cow::Owned(number.to_string())),
        toml::Value::Datetime(datetime) => Stated::Text(Cow::Owned(datetime.to_string())),
        toml::Value::Array(items) => Stated::List(items.iter().map(stated_toml).collect()),
        toml::Value::Boolean(_) => Stated::Other("a boolean"),
        toml::Value::Table(_) => Stated::Other("a table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::StatedOrigins;

    fn problem(line: usize, column: usize, message: &str) -> FileProblem {
        FileProblem { line, column: Some(column), message: message.to_owned() }
    }

    #[test]
    fn yaml_folded_titles_lists_and_quoted_values() {
        let text = "---\n\
            title: >\n  Truppen ziehen ab:\n  Abzug bis 2025\n\
            date: 2024-01-27\n\
            source: 'Reuters'\n\
            url: \"https://example.com/a#x\"\n\
            language: de\n\
            authors:\n  - Erika Beispiel\n  - \"Max Muster\"\n\
            tags: [irak, \"usa\"]\n\
            layout: post\n\
            ---\n\
            # Heading\n\nFirst paragraph.\n";
        let markdown = read(text);
        assert!(markdown.problems.is_empty(), "{:?}", markdown.problems);
        assert_eq!(
            markdown.meta,
            StatedMeta {
                title: Some("Truppen ziehen ab: Abzug bis 2025".to_owned()),
                date: Some("2024-01-27".to_owned()),
                source: Some("Reuters".to_owned()),
                url: Some("https://example.com/a#x".to_owned()),
                lang: Some("de".to_owned()),
                tags: vec!["irak".to_owned(), "usa".to_owned()],
                authors: vec!["Erika Beispiel".to_owned(), "Max Muster".to_owned()],
                origins: StatedOrigins {
                    title: Some("title"),
                    date: Some("date"),
                    source: Some("source"),
                    url: Some("url"),
                    lang: Some("language"),
                },
            }
        );
        assert_eq!(markdown.body, "# Heading\n\nFirst paragraph.\n");
    }

    #[test]
    fn hugo_toml_front_matter() {
        let text = "+++\r\n\
            title = \"Talks resume in Baghdad\"\r\n\
            date = 2024-01-27T10:00:00Z\r\n\
            tags = [\"iraq\", \"talks\"]\r\n\
            draft = false\r\n\
            [params]\r\n\
            source = \"not ours: a nested table\"\r\n\
            +++\r\n\
            Body\r\n";
        let markdown = read(text);
        assert!(markdown.problems.is_empty(), "{:?}", markdown.problems);
        assert_eq!(markdown.meta.title.as_deref(), Some("Talks resume in Baghdad"));
        assert_eq!(markdown.meta.date.as_deref(), Some("2024-01-27T10:00:00Z"));
        assert_eq!(markdown.meta.tags, ["iraq", "talks"]);
        assert_eq!(markdown.meta.source, None);
        assert_eq!(markdown.body, "Body\r\n");
    }

    #[test]
    fn a_bad_field_is_a_problem_at_its_line_and_column_and_the_rest_loads() {
        let yaml = read("---\ntitle: Kept\nauthors: {name: x}\ntags:\n  - a\n  - [b]\ndate: [2024]\n---\nBody");
        assert_eq!(yaml.meta.title.as_deref(), Some("Kept"));
        assert_eq!((yaml.meta.date.as_ref(), yaml.meta.authors.len(), yaml.meta.tags.len()), (None, 0, 0));
        assert_eq!(yaml.body, "Body");
        assert_eq!(
            yaml.problems,
            [
                problem(3, 10, "front matter: `authors` should be a list of text, found a mapping"),
                problem(5, 3, "front matter: `tags` should hold text, found a list"),
                problem(7, 7, "front matter: `date` should be text, found a list"),
            ]
        );
        let toml = read("+++\ntitle = \"Kept\"\nauthors = { name = \"x\" }\n+++\nBody");
        assert_eq!(toml.meta.title.as_deref(), Some("Kept"));
        assert_eq!(toml.problems, [problem(3, 11, "front matter: `authors` should be a list of text, found a table")]);
    }

    #[test]
    fn a_block_that_does_not_parse_is_a_problem_at_its_place_and_the_body_loads() {
        let yaml = read("---\ntitle: \"never closed\ndate: 2024-01-27\n---\nBody");
        assert_eq!((yaml.meta, yaml.body), (StatedMeta::default(), "Body"));
        assert!(
            matches!(&yaml.problems[..], [FileProblem { line: 2..=4, column: Some(_), message }]
                if message.starts_with("front matter: ")),
            "{:?}",
            yaml.problems
        );
        let toml = read("+++\ntitle = \"ok\"\ndate = \n+++\nBody");
        assert_eq!((toml.meta, toml.body), (StatedMeta::default(), "Body"));
        assert!(
            matches!(&toml.problems[..], [FileProblem { line: 3, column: Some(_), message }]
                if message.starts_with("front matter: ")),
            "{:?}",
            toml.problems
        );
    }

    #[test]
    fn unclosed_and_absent_front_matter() {
        let open = read("---\ntitle: never closed\nBody");
        assert_eq!((open.meta, open.body), (StatedMeta::default(), "---\ntitle: never closed\nBody"));
        assert_eq!(
            open.problems,
            [FileProblem::line(
                1,
                "front matter opened with `---` is never closed; the whole file is read as the article"
            )]
        );
        let none = read("No front matter\n---\nrule above");
        assert_eq!((none.meta, none.body, none.problems.len()), (StatedMeta::default(), none.body, 0));
        assert_eq!(read("---\n---\nBody").body, "Body");
    }

    #[test]
    fn hostile_blocks_end_quickly_without_exhausting_the_stack() {
        for block in ["- ".repeat(MAX_FRONT_MATTER_BYTES / 2), "[".repeat(MAX_FRONT_MATTER_BYTES), {
            let mut b = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_owned();
            for i in 0..20 {
                let prev = if i == 0 { "a".to_owned() } else { format!("a{}", i - 1) };
                b += &format!(
                    "a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
                );
            }
            b
        }] {
            // A test thread's stack is as small as a loader thread's.
            let text = format!("---\n{block}\n---\nBody");
            let markdown = std::thread::spawn(move || {
                let markdown = read(&text);
                (markdown.body.to_owned(), markdown.meta)
            })
            .join()
            .expect("no stack overflow");
            assert_eq!(markdown, ("Body".to_owned(), StatedMeta::default()));
        }
        let huge = format!("---\ntitle: {}\n---\nBody", "x".repeat(MAX_FRONT_MATTER_BYTES));
        let markdown = read(&huge);
        assert_eq!((markdown.body, markdown.meta.title), ("Body", None));
        assert_eq!(markdown.problems.len(), 1);
    }
}
