//! W3C Web Annotation export against the W3C's own test suite
//! (`w3c/web-annotation-tests`, vendored in tests/data with its licence):
//! every annotation and the collection pass each MUST assertion of
//! `annotationMusts.test` and `collectionMusts.test`, and every selector
//! applied to the file as stored gives the quote.

use dossier::annotations::Annotations;
use dossier::annotations::export::ExportFormat;
use dossier::config::Settings;
use dossier::corpus::Corpus;
use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

#[path = "support/export_sample.rs"]
mod export_sample;

use export_sample::*;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web-annotation-tests")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The assertions of a `.test` file of the suite, compiled: each schema's
/// `$ref`s resolve to the suite's `definitions/` (their ids are relative,
/// so they live under the validator's default base URI), formats checked.
fn assertions(test_file: &str) -> Vec<(String, Validator)> {
    let definitions = std::fs::read_dir(suite().join("definitions")).expect("definitions folder");
    let mut registry = Registry::new();
    for entry in definitions {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        registry = registry.add(format!("json-schema:///{name}"), read_json(&path)).expect("a definitions schema");
    }
    let registry = registry.prepare().expect("the definitions resolve");
    let test = read_json(&suite().join(test_file));
    let listed = test["assertions"].as_array().expect("assertions");
    listed
        .iter()
        .map(|name| {
            let name = name.as_str().expect("a file name");
            let schema = read_json(&suite().join(name));
            let validator = jsonschema::options()
                .with_draft(Draft::Draft4)
                .should_validate_formats(true)
                .with_registry(&registry)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name.to_string(), validator)
        })
        .collect()
}

/// The assertions `instance` fails, with the first error of each.
fn failed(assertions: &[(String, Validator)], instance: &Value) -> Vec<String> {
    assertions
        .iter()
        .filter_map(|(name, validator)| validator.validate(instance).err().map(|e| format!("{name}: {e}")))
        .collect()
}

fn w3c_of(root: &Path, articles: &[dossier::corpus::Article], notes: &Annotations) -> Value {
    let (text, _) = export_with(ExportFormat::W3c, root, articles, notes, &Settings::default());
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn the_suite_accepts_its_own_correct_samples_and_catches_the_faults_of_issue_14() {
    let annotation_musts = assertions("annotations/annotationMusts.test");
    let collection_musts = assertions("collections/collectionMusts.test");
    let correct = std::fs::read_dir(suite().join("tools/samples/correct")).expect("samples");
    let mut checked = 0;
    for entry in correct {
        let path = entry.expect("entry").path();
        let sample = read_json(&path);
        let musts = match sample["type"].as_str() {
            Some("AnnotationCollection") => &collection_musts,
            // The page samples' `partOf` (a string) trips the suite's own
            // page schemas, which expect an object; pages are not in the two
            // `.test` files the issue names.
            Some("AnnotationPage") => continue,
            _ => &annotation_musts,
        };
        let faults = failed(musts, &sample);
        // A Composite, List or Independents set as target matches two
        // branches of the suite's `oneOf` here; dossier never writes sets.
        let set_target = ["anno11.json", "anno12.json", "anno13.json"].iter().any(|name| path.ends_with(name));
        if set_target {
            assert!(faults.iter().all(|f| f.contains("3.2-targetObjectsRecognized")), "{faults:?}");
        } else {
            assert_eq!(faults, Vec::<String>::new(), "{}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 40, "{checked} samples");

    // The faults the issue found in dossier's old export, each caught.
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "no id",
        "total": 0,
    });
    assert!(
        failed(&collection_musts, &collection).iter().any(|f| f.starts_with("collections/5.1-collectionIdValidated"))
    );
    let annotation = |body: Value, source: &str| {
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:dossier:link:1",
            "type": "Annotation",
            "body": body,
            "target": { "source": source, "selector": { "type": "TextPositionSelector", "start": 0, "end": 3 } },
        })
    };
    let linking_resource = json!([{ "id": "urn:dossier:b.txt", "purpose": "linking" }]);
    let faults = failed(&annotation_musts, &annotation(linking_resource, "urn:dossier:a.txt"));
    assert!(faults.iter().any(|f| f.contains("3.3.5-bodyEWRNoPurpose")), "{faults:?}");
    let faults = failed(&annotation_musts, &annotation(json!("urn:dossier:b.txt"), "urn:dossier:my article.txt"));
    assert!(faults.iter().any(|f| f.contains("targetObjectsRecognized")), "{faults:?}");
    let fixed = json!([{ "type": "SpecificResource", "source": "urn:dossier:b.txt", "purpose": "linking" }]);
    assert_eq!(failed(&annotation_musts, &annotation(fixed, "urn:dossier:my%20article.txt")), Vec::<String>::new());
}

#[test]
fn every_exported_annotation_and_the_collection_pass_the_w3c_musts() {
    let articles = sample();
    let json = w3c_of(&sample_root(), &articles, &annotations(&articles));
    assert_eq!(failed(&assertions("collections/collectionMusts.test"), &json), Vec::<String>::new());
    assert_eq!(json["id"], "urn:dossier:collection:sample-corpus");
    let mut page = json["first"].clone();
    page["@context"] = json["@context"].clone();
    assert_eq!(failed(&assertions("collections/pages/pageMusts.test"), &page), Vec::<String>::new());
    let musts = assertions("annotations/annotationMusts.test");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), 5);
    for item in items {
        // Each annotation alone, as the suite's form takes it.
        let mut annotation = item.clone();
        annotation["@context"] = json["@context"].clone();
        assert_eq!(failed(&musts, &annotation), Vec::<String>::new(), "{}", item["id"]);
    }
    // Model 3.3.1: who made it and when, where dossier knows.
    let troops = items.iter().find(|i| i["id"] == "urn:dossier:claim:01JTROOPS0000000000000000A").expect("claim");
    assert_eq!(troops["creator"], json!({ "type": "Person", "name": "Ana Ruiz" }));
    assert_eq!(troops["created"], "2026-11-30T09:12:00Z");
    assert_eq!(troops["modified"], "2026-12-01T16:40:05Z");
    let link = items.iter().find(|i| i["motivation"] == "linking").expect("a link");
    assert_eq!(link["creator"]["name"], "Jonas Weiß");
    let linking = link["body"].as_array().unwrap().iter().find(|b| b["purpose"] == "linking").expect("linking body");
    assert_eq!(linking["type"], "SpecificResource", "model 3.3.5: purpose only on a SpecificResource or TextualBody");
}

/// The text a TextPositionSelector counts in: the file decoded in the
/// charset its `format` names (no BOM), or for a JSON Lines record the
/// field its fragment selectors name, on the line they name.
fn selected_text(file: &[u8], format: &str, selector: &Value) -> (String, Value) {
    let charset = format.split("charset=").nth(1).expect("a charset");
    let encoding = encoding_rs::Encoding::for_label(charset.as_bytes()).expect("a known charset");
    let (text, _) = encoding.decode_with_bom_removal(file);
    if selector["type"] != "FragmentSelector" {
        return (text.into_owned(), selector.clone());
    }
    // RFC 5147 `line=N,N+1` is the line after N line ends.
    assert_eq!(selector["conformsTo"], "http://tools.ietf.org/rfc/rfc5147");
    let value = selector["value"].as_str().unwrap();
    let (from, to) = value.trim_start_matches("line=").split_once(',').unwrap();
    let from: usize = from.parse().unwrap();
    assert_eq!(to.parse::<usize>().unwrap(), from + 1);
    let line = text.split('\n').nth(from).expect("the line").trim_end_matches('\r');
    let record: Value = serde_json::from_str(line).expect("a JSON record");
    let pointer = &selector["refinedBy"];
    assert_eq!(pointer["conformsTo"], "http://tools.ietf.org/rfc/rfc6901");
    let field = record.pointer(pointer["value"].as_str().unwrap()).expect("the field").as_str().unwrap();
    (field.to_string(), pointer["refinedBy"].clone())
}

#[test]
fn every_selector_gives_the_quote_in_the_file_as_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files: [(&str, &[u8]); 5] = [
        (
            "bom crlf.txt",
            b"\xef\xbb\xbfTitle line\r\n\r\nThe minister said\xc2\xa02,500 troops\tstay.\r\nA\xe2\x80\x8bnother sentence follows here.\r\n",
        ),
        (
            "front.md",
            b"---\ntitle: Talks\ndate: 2024-02-08\nsource: Wire\n---\n# Talks\n\nGespr\xc3\xa4che \xc3\xbcber 2.500 Soldaten gehen weiter.\n",
        ),
        (
            "feed.jsonl",
            b"{\"id\": \"a\", \"text\": \"He said \\\"no deal\\\" today.\\nTwo.\"}\r\n\r\n{\"id\": \"b\", \"body\": \"Caf\\u00e9 talks end.\"}\n",
        ),
        ("legacy.txt", b"Stra\xdfe gesperrt.\r\nDie Gr\xfc\xdfe kamen sp\xe4t.\r\n"),
        ("my article.txt", b"Plain words here.\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let articles = Corpus::load(dir.path()).expect("loads").articles;
    // Quotes from the first words to the last (a tab became spaces).
    let quotes = [
        ("bom crlf.txt", "2,500", "stay."),
        ("bom crlf.txt", "Another", "sentence"),
        ("front.md", "Gespräche", "Soldaten"),
        ("feed.jsonl#a", "He said", "today."),
        ("feed.jsonl#b", "Café", "talks"),
        ("legacy.txt", "Die Grüße", "spät."),
        ("my article.txt", "words", "words"),
    ];
    let claims = quotes.iter().enumerate().map(|(i, (article, from, to))| {
        let text = &articles.iter().find(|a| a.id.as_str() == *article).expect("article").text;
        let (start, end) = (text.find(from).expect("start"), text.find(to).expect("end") + to.len());
        claim(&articles, &format!("01JSEL{i:020}"), article, &text[start..end])
    });
    let notes = Annotations { claims: claims.collect(), ..Annotations::default() };
    let json = w3c_of(dir.path(), &articles, &notes);
    let musts = assertions("annotations/annotationMusts.test");
    let items = json["first"]["items"].as_array().expect("items");
    assert_eq!(items.len(), quotes.len());
    for item in items {
        let mut annotation = item.clone();
        annotation["@context"] = json["@context"].clone();
        assert_eq!(failed(&musts, &annotation), Vec::<String>::new(), "{}", item["id"]);
        let claim = notes.claims.iter().find(|c| item["id"] == format!("urn:dossier:claim:{}", c.id)).unwrap();
        let source = &item["target"]["source"];
        let path = source["id"].as_str().unwrap().strip_prefix("urn:dossier:").unwrap().replace("%20", " ");
        let file = std::fs::read(dir.path().join(&path)).expect("the source file");
        let format = source["format"].as_str().expect("a format");
        let selectors = item["target"]["selector"].as_array().expect("selectors");
        assert_eq!(selectors.len(), 2, "quote and position");
        let (text, quote) = selected_text(&file, format, &selectors[0]);
        let (_, position) = selected_text(&file, format, &selectors[1]);
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) = (position["start"].as_u64().unwrap() as usize, position["end"].as_u64().unwrap() as usize);
        let selected: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(selected, quote["exact"].as_str().unwrap(), "{path}: the position selects the quote");
        let in_context =
            format!("{}{}{}", quote["prefix"].as_str().unwrap(), selected, quote["suffix"].as_str().unwrap());
        assert_eq!(text.matches(&in_context).count(), 1, "{path}: the quote with its context is in the file once");
        // Cleaning expands a tab by its column: compare words.
        let words =
            |text: &str| dossier::corpus::clean::clean(text).text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&selected), words(&claim.anchor.quote), "{path}: the file's quote is the claim's");
    }
    let bom = items.iter().find(|i| i["target"]["source"]["id"] == "urn:dossier:bom%20crlf.txt").expect("BOM file");
    assert_eq!(bom["target"]["source"]["format"], "text/plain; charset=UTF-8");
    let spaced = items.iter().find(|i| i["target"]["source"]["id"] == "urn:dossier:my%20article.txt");
    assert!(spaced.is_some(), "the space is percent-encoded");
    let legacy = items.iter().find(|i| i["target"]["source"]["id"] == "urn:dossier:legacy.txt").expect("legacy");
    assert_eq!(legacy["target"]["source"]["format"], "text/plain; charset=windows-1252");
}

#[test]
fn a_file_changed_since_loading_keeps_only_the_quote() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "The first words stay.\n").expect("write");
    let articles = Corpus::load(dir.path()).expect("loads").articles;
    let notes = Annotations {
        claims: vec![claim(&articles, "01JCHANGED0000000000000000", "a.txt", "first words")],
        ..Annotations::default()
    };
    std::fs::write(dir.path().join("a.txt"), "New first line.\nThe first words stay.\n").expect("edit");
    let json = w3c_of(dir.path(), &articles, &notes);
    let selectors = json["first"]["items"][0]["target"]["selector"].as_array().expect("selectors").clone();
    assert_eq!(selectors.len(), 1, "no position that would not hold: {selectors:?}");
    assert_eq!(selectors[0]["exact"], "first words");
}
