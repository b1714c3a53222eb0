//! W3C Web Annotation (JSON-LD): an AnnotationCollection with one
//! annotation per claim (tagging, assessing, commenting) and per link
//! (linking).

use super::context::ExportContext;
use crate::annotations::{Claim, Endpoint, Link};
use crate::display::terminal_safe_json;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn write_annotations(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let mut items: Vec<Value> = cx.placed_by_time().into_iter().map(|c| claim(cx, c)).collect();
    items.extend(cx.annotations.links.iter().map(|l| link(cx, l)));
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": format!("dossier annotations of {}", cx.corpus_name),
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    });
    writeln!(out, "{}", terminal_safe_json(&collection, true)?)
}

fn claim(cx: &ExportContext, claim: &Claim) -> Value {
    let (start, end) = cx.char_offsets(claim);
    let mut bodies: Vec<Value> =
        claim.tags.iter().map(|tag| json!({ "type": "TextualBody", "purpose": "tagging", "value": tag })).collect();
    bodies.push(json!({ "type": "TextualBody", "purpose": "assessing", "value": claim.verdict }));
    if let Some(speaker) = &claim.speaker {
        bodies.push(json!({ "type": "TextualBody", "purpose": "describing", "value": format!("speaker: {speaker}") }));
    }
    if !claim.note.is_empty() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": claim.note }));
    }
    let mut motivations = vec!["assessing"];
    if !claim.tags.is_empty() {
        motivations.insert(0, "tagging");
    }
    json!({
        "id": format!("urn:dossier:claim:{}", claim.id),
        "type": "Annotation",
        "motivation": motivations,
        "body": bodies,
        "target": {
            "source": cx.source_iri(&claim.anchor.article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.anchor.quote,
                    "prefix": claim.anchor.prefix,
                    "suffix": claim.anchor.suffix,
                },
                { "type": "TextPositionSelector", "start": start, "end": end },
            ],
        },
    })
}

fn link(cx: &ExportContext, link: &Link) -> Value {
    let iri = |end: &Endpoint| match end {
        Endpoint::Article(id) => cx.source_iri(id),
        Endpoint::Claim(id) => format!("urn:dossier:claim:{id}"),
    };
    let mut bodies = vec![json!({ "type": "TextualBody", "purpose": "classifying", "value": link.kind })];
    if !link.note.is_empty() {
        bodies.push(json!({ "type": "TextualBody", "purpose": "commenting", "value": link.note }));
    }
    bodies.push(json!({ "id": iri(&link.to), "purpose": "linking" }));
    json!({
        "id": format!("urn:dossier:link:{}", link.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": bodies,
        "target": iri(&link.from),
    })
}
