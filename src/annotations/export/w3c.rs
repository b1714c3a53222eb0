//! W3C Web Annotation (JSON-LD): an AnnotationCollection with one
//! annotation per claim (tagging, assessing, commenting) and per link
//! (linking).
//!
//! A claim's target is its article's file as stored (`urn:dossier:` and
//! its path): the TextQuoteSelector quotes the file and the
//! TextPositionSelector counts Unicode code points of the file as decoded
//! from its encoding, front matter and CRLF included, the byte-order mark
//! not (it is the encoding's signature, not text). A JSON Lines record is
//! first selected by its line (RFC 5147) and its text field (RFC 6901);
//! the quote and position selectors refine that, counting in the field's
//! value as JSON decodes it. The article's web url, when it has one, is the
//! source's `via`: where its text came from.

use super::context::{ExportContext, file_iri, iri_path};
use crate::annotations::{Claim, Endpoint, Link};
use crate::corpus::SourceFormat;
use crate::corpus::lang::Lang;
use crate::corpus::stored::{RecordPlace, StoredFile, StoredText};
use crate::display::terminal_safe_json;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

/// The specification of `line=` fragments of plain text.
const RFC_5147: &str = "http://tools.ietf.org/rfc/rfc5147";
/// The specification of JSON Pointer fragments.
const RFC_6901: &str = "http://tools.ietf.org/rfc/rfc6901";

pub fn write_annotations(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    // Each file is read once, however many of its records hold claims.
    let mut files: HashMap<&Path, Option<StoredFile>> = HashMap::new();
    let mut texts: HashMap<&str, Option<StoredText>> = HashMap::new();
    let mut items: Vec<Value> = Vec::new();
    for claim in cx.placed_by_time() {
        let id = claim.anchor.article.as_str();
        let text = texts.entry(id).or_insert_with(|| {
            let article = cx.article(id)?;
            let file = files.entry(article.path()).or_insert_with(|| StoredFile::read(cx.root, article).ok());
            file.as_ref()?.text_of(article).ok()
        });
        items.push(annotation(cx, claim, text.as_ref()));
    }
    items.extend(cx.annotations.links.iter().map(|l| link(cx, l)));
    let id = format!("urn:dossier:collection:{}", iri_path(cx.corpus_name));
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "AnnotationCollection",
        "label": format!("dossier annotations of {}", cx.corpus_name),
        "total": items.len(),
        "first": { "id": format!("{id}:page:1"), "type": "AnnotationPage", "startIndex": 0, "items": items },
    });
    writeln!(out, "{}", terminal_safe_json(&collection, true)?)
}

/// The record's who and when: `creator` as a Person, `created`, `modified`.
fn stamp(record: &mut Value, creator: Option<&String>, created: Option<&String>, modified: Option<&String>) {
    if let Some(name) = creator {
        record["creator"] = json!({ "type": "Person", "name": name });
    }
    if let Some(created) = created {
        record["created"] = json!(created);
    }
    if let Some(modified) = modified {
        record["modified"] = json!(modified);
    }
}

fn annotation(cx: &ExportContext, claim: &Claim, stored: Option<&StoredText>) -> Value {
    let mut bodies: Vec<Value> =
        claim.tags.iter().map(|tag| json!({ "type": "TextualBody", "purpose": "tagging", "value": tag })).collect();
    bodies.push(json!({ "type": "TextualBody", "purpose": "assessing", "value": claim.verdict }));
    if let Some(speaker) = &claim.speaker {
        bodies.push(json!({ "type": "TextualBody", "purpose": "describing", "value": format!("speaker: {speaker}") }));
    }
    if let Some(summary) = &claim.summary {
        bodies.push(json!({ "type": "TextualBody", "purpose": "describing", "value": format!("summary: {summary}") }));
    }
    if !claim.note.is_empty() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": claim.note }));
    }
    let mut motivations = vec!["assessing"];
    if !claim.tags.is_empty() {
        motivations.insert(0, "tagging");
    }
    let mut record = json!({
        "id": format!("urn:dossier:claim:{}", claim.id),
        "type": "Annotation",
        "motivation": motivations,
        "body": bodies,
        "target": target(cx, claim, stored),
    });
    stamp(&mut record, claim.creator.as_ref(), claim.created.as_ref(), claim.modified.as_ref());
    record
}

/// The claim's quote in its article's file: a quote and a position
/// selector, as alternatives; only the quote when the file cannot be read
/// or changed since it was loaded (no position would hold).
fn target(cx: &ExportContext, claim: &Claim, stored: Option<&StoredText>) -> Value {
    let article_id = claim.anchor.article.as_str();
    let article = cx.article(article_id);
    let file = article.map_or_else(|| article_id.to_string(), |a| a.path().to_string_lossy().into_owned());
    let mut source = json!({ "id": file_iri(&file), "type": "Text" });
    if let Some(article) = article {
        source["format"] = json!(media_type(article.format, article.encoding));
        if matches!(article.lang.lang, Lang::De | Lang::En) {
            source["language"] = json!(article.lang.lang.to_string());
        }
    }
    if let Some(url) = cx.web_url(article_id) {
        source["via"] = json!(url);
    }
    let anchor = &claim.anchor;
    let quote_and_position = match stored {
        Some(stored) => {
            let quote = stored.byte_range(anchor.byte_start..anchor.byte_end);
            let before = stored.byte_range(anchor.byte_start.saturating_sub(anchor.prefix.len())..anchor.byte_start);
            let after = stored.byte_range(anchor.byte_end..anchor.byte_end + anchor.suffix.len());
            let chars = stored.char_range(anchor.byte_start..anchor.byte_end);
            vec![
                json!({
                    "type": "TextQuoteSelector",
                    "exact": stored.text[quote.clone()],
                    "prefix": stored.text[before.start.min(quote.start)..quote.start],
                    "suffix": stored.text[quote.end..after.end.max(quote.end)],
                }),
                json!({ "type": "TextPositionSelector", "start": chars.start, "end": chars.end }),
            ]
        }
        None => vec![json!({
            "type": "TextQuoteSelector",
            "exact": anchor.quote,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        })],
    };
    let selector = match stored.and_then(|s| s.record) {
        Some(record) => quote_and_position.into_iter().map(|s| in_record(record, s)).collect(),
        None => quote_and_position,
    };
    json!({ "type": "SpecificResource", "source": source, "selector": selector })
}

/// `selector` applied within a JSON Lines record: its line, then its text
/// field's value.
fn in_record(record: RecordPlace, selector: Value) -> Value {
    json!({
        "type": "FragmentSelector",
        "conformsTo": RFC_5147,
        "value": format!("line={},{}", record.line - 1, record.line),
        "refinedBy": {
            "type": "FragmentSelector",
            "conformsTo": RFC_6901,
            "value": format!("/{}", record.field),
            "refinedBy": selector,
        },
    })
}

/// The file's media type with the character set it is decoded from.
fn media_type(format: SourceFormat, encoding: &str) -> String {
    let kind = match format {
        SourceFormat::Text => "text/plain",
        SourceFormat::Markdown => "text/markdown",
        SourceFormat::JsonLines => "application/jsonl",
        // Positions count characters of the page's text, not its markup,
        // as the W3C model has them for HTML.
        SourceFormat::Html => "text/html",
    };
    let charset = encoding.split_whitespace().next().unwrap_or(encoding);
    format!("{kind}; charset={charset}")
}

fn link(cx: &ExportContext, link: &Link) -> Value {
    let iri = |end: &Endpoint| match end {
        Endpoint::Article(id) => cx.article_iri(id),
        Endpoint::Claim(id) => format!("urn:dossier:claim:{id}"),
    };
    let mut bodies = vec![json!({ "type": "TextualBody", "purpose": "classifying", "value": link.kind })];
    if !link.note.is_empty() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": link.note }));
    }
    // The model allows a purpose only on a SpecificResource or TextualBody.
    bodies.push(json!({ "type": "SpecificResource", "source": iri(&link.to), "purpose": "linking" }));
    let mut record = json!({
        "id": format!("urn:dossier:link:{}", link.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": bodies,
        "target": iri(&link.from),
    });
    stamp(&mut record, link.creator.as_ref(), link.created.as_ref(), link.modified.as_ref());
    record
}
