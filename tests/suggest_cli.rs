//! `dossier suggest` as a user runs it: JSON Lines with the contract
//! fields, a readable table, and settled pairs left out.

use dossier::annotations::file::render;
use dossier::annotations::{Annotations, Endpoint, Link, LinkOrigin, RecordId, RejectedSuggestion};
use serde_json::Value;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::dossier;

fn json_lines(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn pair(line: &Value) -> (&str, &str) {
    (line["from"].as_str().expect("from"), line["to"].as_str().expect("to"))
}

#[test]
fn json_lines_carry_the_contract_fields_best_first_per_article() {
    let lines = json_lines(&dossier(&["suggest", "sample-corpus", "--json", "--annotations", "/nonexistent/a.ron"]));
    assert!(lines.len() >= 20, "{} lines", lines.len());
    for line in &lines {
        for field in ["from", "to", "kind", "score", "evidence"] {
            assert!(line.get(field).is_some(), "{field} missing in {line}");
        }
        assert!(["translation-of", "duplicate", "same-event"].contains(&line["kind"].as_str().expect("kind")));
        let score = line["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score));
        let evidence = line["evidence"].as_array().expect("evidence is an array");
        assert!(!evidence.is_empty() && evidence.iter().all(Value::is_string), "{line}");
    }
    // Articles in id order, each article's suggestions best first.
    for run in lines.chunk_by(|a, b| a["from"] == b["from"]) {
        let scores: Vec<f64> = run.iter().map(|l| l["score"].as_f64().expect("score")).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    }
    let froms: Vec<&str> = lines.iter().map(|l| pair(l).0).collect();
    assert!(froms.windows(2).all(|w| w[0] <= w[1]), "articles in id order");
    let undated = lines.iter().find(|l| pair(l) == ("wire/055_a4c7e2b9.txt", "analysis/first-round.md")).expect("pair");
    assert_eq!(undated["kind"], "translation-of");
    assert_eq!(undated["suggested_date"].as_str(), Some("2024-02-12"), "{undated}");
}

#[test]
fn rejected_and_linked_pairs_are_not_printed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let mut annotations = Annotations::default();
    // Rejected from the German side: the English side must not show it either.
    annotations.rejected.push(RejectedSuggestion {
        from: "wire/031_b2e4d6f8.txt".into(),
        to: "wire/012_7f3a9c1e.txt".into(),
        kind: "translation-of".into(),
    });
    annotations.links.push(Link {
        id: RecordId::new(),
        from: Endpoint::Article("analysis/first-round.md".into()),
        to: Endpoint::Article("wire/055_a4c7e2b9.txt".into()),
        kind: "follow-up".into(),
        note: String::new(),
        origin: LinkOrigin::Manual,
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    });
    std::fs::write(&file, render(&annotations)).expect("write annotations");
    let all = json_lines(&dossier(&["suggest", "sample-corpus", "--json", "--annotations", "/nonexistent/a.ron"]));
    let open =
        json_lines(&dossier(&["suggest", "sample-corpus", "--json", "--annotations", file.to_str().expect("utf-8")]));
    let settled = |l: &&Value| {
        let (from, to) = pair(l);
        let is = |a: &str, b: &str| (from == a && to == b) || (from == b && to == a);
        is("wire/031_b2e4d6f8.txt", "wire/012_7f3a9c1e.txt") || is("analysis/first-round.md", "wire/055_a4c7e2b9.txt")
    };
    assert_eq!(all.iter().filter(settled).count(), 4, "both pairs are suggested at both ends without annotations");
    assert_eq!(open.iter().filter(settled).count(), 0, "settled pairs are left out");
    assert_eq!(open.len(), all.len() - 4, "nothing else is left out");
}

#[test]
fn the_table_names_each_article_and_its_suggestions() {
    let output = dossier(&["suggest", "sample-corpus", "--annotations", "/nonexistent/a.ron"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    let block =
        text.split("\n\n").find(|b| b.starts_with("wire/055_a4c7e2b9.txt")).expect("the undated translation's block");
    let first = block.lines().nth(1).expect("a suggestion");
    assert!(first.contains("translation-of") && first.contains("analysis/first-round.md"), "{block}");
    assert!(first.contains("date 2024-02-12"), "the suggested date is shown: {block}");
    assert!(block.contains("mehr als 30 = more than 30"), "{block}");
}
