//! Speaker attribution measured against real, hand-labelled news sentences:
//! `tests/fixtures/attribution.tsv` names each sentence by file and byte
//! offsets in `../shared` (the text is never copied into this repository)
//! with its labelled speaker spans. Asserts the targets of issue 13:
//! precision ≥ 90 % and recall ≥ 70 %. Skips with a notice where
//! `../shared` is absent. `cargo test --test eval_attribution -- --nocapture`
//! prints the figures and every miss.

use dossier::annotations::attribution::speaker;
use std::fs;
use std::ops::Range;
use std::path::Path;

/// One labelled speaker: the whole phrase and the words in it that name him.
struct Span {
    full: Range<usize>,
    core: Range<usize>,
}

struct Labelled {
    file: String,
    sentence: Range<usize>,
    speakers: Vec<Span>,
}

fn range(text: &str) -> Range<usize> {
    let (start, end) = text.split_once('-').expect("START-END");
    start.parse().expect("start")..end.parse().expect("end")
}

fn labels() -> Vec<Labelled> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution.tsv"))
        .expect("read the attribution fixture");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let speakers = match fields[3] {
                "-" => Vec::new(),
                spans => spans
                    .split(';')
                    .map(|span| {
                        let (full, core) = span.split_once('/').expect("FULL/CORE");
                        Span { full: range(full), core: range(core) }
                    })
                    .collect(),
            };
            Labelled {
                file: fields[0].to_owned(),
                sentence: fields[1].parse().expect("start")..fields[2].parse().expect("end"),
                speakers,
            }
        })
        .collect()
}

#[test]
fn attribution_precision_and_recall_on_real_sentences() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if !shared.join("real-articles").is_dir() {
        eprintln!("skipped: {} is absent (the evaluation data lives outside the repository)", shared.display());
        return;
    }
    let labels = labels();
    assert!(labels.len() >= 200, "at least 200 labelled sentences");
    let (mut prefilled, mut right, mut with_speaker) = (0, 0, 0);
    for label in &labels {
        let bytes = fs::read(shared.join(&label.file)).expect("read a labelled article");
        let text = |range: &Range<usize>| String::from_utf8_lossy(&bytes[range.clone()]).into_owned();
        let sentence = text(&label.sentence);
        let found = speaker(&sentence);
        with_speaker += usize::from(!label.speakers.is_empty());
        let Some(found) = found else {
            if let Some(first) = label.speakers.first() {
                println!("missed  {:?} in {}", text(&first.full), label.file);
            }
            continue;
        };
        prefilled += 1;
        let names_the_speaker =
            label.speakers.iter().any(|span| text(&span.full).contains(&found) && found.contains(&text(&span.core)));
        if names_the_speaker {
            right += 1;
        } else {
            println!("wrong   {found:?} in {} at {}", label.file, label.sentence.start);
        }
    }
    let precision = right as f64 / prefilled.max(1) as f64;
    let recall = right as f64 / with_speaker as f64;
    println!(
        "attribution: {} sentences, {with_speaker} with a speaker; prefilled {prefilled}, right {right}; precision {:.1} %, recall {:.1} %",
        labels.len(),
        precision * 100.0,
        recall * 100.0
    );
    assert!(precision >= 0.90, "precision {precision:.3} below 0.90");
    assert!(recall >= 0.70, "recall {recall:.3} below 0.70");
}
