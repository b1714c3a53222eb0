//! The command line as a user meets it: the real binary, its output and
//! its exit codes.

use serde_json::Value;
use std::path::Path;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::dossier;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn inspect_json_prints_one_object_per_article_with_the_contract_fields() {
    let output = dossier(&["inspect", "sample-corpus", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), 33);
    for article in &lines {
        for field in ["id", "title", "title_derived", "lang", "date", "mentions", "flagged"] {
            assert!(article.get(field).is_some(), "{field} missing in {article}");
        }
        assert!(article["title_derived"].is_boolean());
        if let Some(date) = article["date"].as_object() {
            // The contract: exactly these fields, dates as YYYY-MM-DD.
            let mut keys: Vec<&str> = date.keys().map(String::as_str).collect();
            keys.sort_unstable();
            let want = ["confidence", "not_after", "not_before", "precision", "provenance", "reasoning", "value"];
            assert_eq!(keys, want, "{article}");
            let provenance = date["provenance"].as_str().expect("provenance");
            assert!(["stated", "inferred", "corpus", "analyst"].contains(&provenance), "{provenance}");
            assert!(date["value"].is_null() || date["value"].as_str().is_some_and(|v| v.len() >= 4));
            assert_eq!(date["value"].is_null(), date["precision"].is_null());
            assert!(date["confidence"].as_f64().is_some_and(|c| (0.0..=1.0).contains(&c)));
            for bound in ["not_before", "not_after"] {
                let day = |v: &str| v.len() == 10 && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
                assert!(date[bound].is_null() || date[bound].as_str().is_some_and(day), "{bound}: {article}");
            }
            let bounded = !date["not_before"].is_null() || !date["not_after"].is_null();
            assert!(!date["value"].is_null() || bounded, "an estimate or bounds: {article}");
            assert!(date["reasoning"].as_array().is_some_and(|r| r.iter().all(Value::is_string)));
        }
        for mention in article["mentions"].as_array().expect("mentions") {
            for field in ["text", "start", "end", "value", "precision", "kind"] {
                assert!(mention.get(field).is_some(), "mention field {field} missing");
            }
            assert!(mention["start"].as_u64() < mention["end"].as_u64());
        }
        for flagged in article["flagged"].as_array().expect("flagged") {
            assert!(flagged["line"].as_u64().is_some_and(|l| l >= 1));
            assert!(flagged["kind"].is_string());
        }
    }
    let stated = lines.iter().find(|a| a["id"] == "analysis/first-round.md").expect("first-round.md");
    assert_eq!(stated["date"]["value"], "2024-02-12");
    assert_eq!(stated["date"]["provenance"], "stated");
    assert!(stderr(&output).contains("Load report"), "the load report goes to stderr");
}

#[test]
fn inspect_table_lists_articles_then_the_load_report() {
    let output = dossier(&["inspect", "sample-corpus"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("wire/012_7f3a9c1e.txt"));
    assert!(text.contains("33 articles"));
    let report = text.find("Load report").expect("load report");
    assert!(text[report..].contains("skipped notes.pdf: not an article file"));
    assert!(text[report..].contains("skipped empty.txt: empty"));
}

#[test]
fn inspect_one_article_shows_flagged_lines_and_every_mention() {
    let output = dossier(&["inspect", "sample-corpus", "--article", "wire/044_c81d0a5b.txt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Flagged lines:"));
    assert!(text.contains("PhotoCaption"), "{text}");
    assert!(text.contains("“January 27, 2024”"), "{text}");
    assert!(text.contains("→ 2024-01-27"), "{text}");
}

#[test]
fn bad_paths_fail_with_a_clear_message() {
    let missing = dossier(&["inspect", "no-such-folder"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no-such-folder: no such file or folder"), "{}", stderr(&missing));

    let file = dossier(&["inspect", "README.md"]);
    assert!(!file.status.success());
    assert!(stderr(&file).contains("is a file, not a folder"));

    let empty = tempfile::tempdir().expect("temp dir");
    std::fs::write(empty.path().join("picture.png"), b"\x89PNG").expect("write");
    let none = dossier(&["inspect", &empty.path().display().to_string()]);
    assert!(!none.status.success());
    assert!(stderr(&none).contains("no articles found"), "{}", stderr(&none));

    let unknown = dossier(&["inspect", "sample-corpus", "--article", "nope.txt"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no article with id \"nope.txt\""));
}

#[test]
fn keys_prints_the_effective_bindings_per_context() {
    let output = dossier(&["keys"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for context in ["[global]", "[timeline]", "[list]", "[reader]"] {
        assert!(text.contains(context), "{context} missing");
    }
    assert!(text.lines().any(|l| l.trim_start().starts_with("/ ") && l.contains("Filter")), "{text}");
    assert!(text.contains("+go to"), "group labels are listed");
}

#[test]
fn a_keymap_with_a_typo_fails_naming_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("typo.ron");
    std::fs::write(&path, "(\n    contexts: {\n        \"list\": {\n            \"j\": Donw,\n        },\n    },\n)\n")
        .expect("write keymap");
    let output = dossier(&["keys", "--keymap", &path.display().to_string()]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains(&format!("{}:4:18", path.display())), "{message}");
    assert!(message.contains("Donw") && message.contains("Down"), "names the action and suggests: {message}");
}

#[test]
fn the_emacs_keymap_layers_cleanly_over_the_default() {
    let emacs = Path::new(env!("CARGO_MANIFEST_DIR")).join("keymaps/emacs.ron");
    let output = dossier(&["keys", "--keymap", &emacs.display().to_string()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("<C-x> <C-c>"));
}
