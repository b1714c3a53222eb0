//! Suggested links on sample-corpus against the true links we labelled in
//! tests/fixtures/sample-links.ron: precision@1 of translation-of and
//! duplicate, each translation pair each other's top suggestion, the
//! undated translation's suggested date, and same-event pairs near the top.

use dossier::corpus::{ArticleId, Corpus};
use dossier::suggest::{Direction, SentenceIndex, SuggestedKind, Suggestions};
use serde::Deserialize;
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct Label {
    from: String,
    to: String,
    kind: String,
}

fn labels() -> Vec<Label> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-links.ron");
    ron::from_str(&std::fs::read_to_string(path).expect("read the labels")).expect("parse the labels")
}

fn corpus() -> &'static (Corpus, Suggestions) {
    static LOADED: OnceLock<(Corpus, Suggestions)> = OnceLock::new();
    LOADED.get_or_init(|| {
        let corpus = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")).expect("load");
        let suggestions = Suggestions::compute(&corpus.articles);
        (corpus, suggestions)
    })
}

fn labelled(labels: &[Label], a: &str, b: &str, kind: &str) -> bool {
    labels.iter().any(|l| l.kind == kind && ((l.from == a && l.to == b) || (l.from == b && l.to == a)))
}

#[test]
fn precision_at_one_of_translation_and_duplicate_suggestions() {
    let (corpus, suggestions) = corpus();
    let labels = labels();
    let mut right = Vec::new();
    let mut wrong = Vec::new();
    for article in &corpus.articles {
        let Some(top) = suggestions.for_article(&article.id).into_iter().next() else { continue };
        if top.kind == SuggestedKind::SameEvent {
            continue;
        }
        let line = format!("{} → {} ({}, {:.2})", top.from, top.to, top.kind.as_str(), top.score);
        if labelled(&labels, top.from.as_str(), top.to.as_str(), top.kind.as_str()) {
            right.push(line);
        } else {
            wrong.push(line);
        }
    }
    let precision = right.len() as f32 / (right.len() + wrong.len()).max(1) as f32;
    // Every labelled translation and duplicate has two ends, each with the pair on top.
    let expected = 2 * labels.iter().filter(|l| l.kind != "same-event").count();
    assert!(
        precision >= 1.0 && right.len() == expected,
        "precision@1 = {precision:.2} ({} of {}, {expected} expected)\nwrong: {wrong:#?}\nright: {right:#?}",
        right.len(),
        right.len() + wrong.len()
    );
}

#[test]
fn every_translation_pair_is_each_others_top_suggestion() {
    let (_, suggestions) = corpus();
    for label in labels().iter().filter(|l| l.kind == "translation-of") {
        for (from, to) in [(&label.from, &label.to), (&label.to, &label.from)] {
            let top = suggestions.for_article(&ArticleId(from.clone())).into_iter().next();
            assert_eq!(
                top.as_ref().map(|s| (s.to.as_str(), s.kind)),
                Some((to.as_str(), SuggestedKind::TranslationOf)),
                "top suggestion of {from}: {top:#?}"
            );
            let top = top.expect("checked");
            assert!(top.evidence.len() >= 5, "evidence makes sense: {:?}", top.evidence);
            assert!(top.evidence.iter().any(|e| e.label.starts_with("same order: ")));
        }
    }
}

#[test]
fn the_undated_translation_gets_its_originals_date() {
    let (corpus, suggestions) = corpus();
    let german = corpus.article("wire/142_4b9e07d1.txt").expect("the new German translation");
    assert!(german.date.is_none(), "it keeps no year, so it is undated");
    let original = corpus.article("wire/044_c81d0a5b.txt").expect("the English original");
    let top = &suggestions.for_article(&german.id)[0];
    assert_eq!(top.to, original.id);
    // The original's text gives bounds but no estimate (a caption date is
    // a lower bound), so there is no date to pass on.
    assert_eq!(top.suggested_date, original.date.as_ref().and_then(|d| d.value));
    assert_eq!(top.suggested_date, None);
    assert_eq!(suggestions.for_article(&original.id)[0].suggested_date, None);
    let first_round = corpus.article("wire/055_a4c7e2b9.txt").expect("the other undated translation");
    assert_eq!(
        suggestions.for_article(&first_round.id)[0].suggested_date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-12")
    );
}

#[test]
fn same_event_pairs_show_up_in_the_top_three() {
    let (_, suggestions) = corpus();
    let mut missing = Vec::new();
    for label in labels().iter().filter(|l| l.kind == "same-event") {
        let found = |from: &str, to: &str| {
            suggestions.for_article(&ArticleId(from.to_string())).iter().take(3).any(|s| s.to.as_str() == to)
        };
        if !found(&label.from, &label.to) && !found(&label.to, &label.from) {
            missing.push(format!("{} ~ {}", label.from, label.to));
        }
    }
    assert!(missing.is_empty(), "same-event pairs not in either end's top 3: {missing:?}");
}

#[test]
fn evidence_spans_point_at_the_evidence_in_each_text() {
    let (corpus, suggestions) = corpus();
    let english = corpus.article("wire/012_7f3a9c1e.txt").expect("English original");
    let german = corpus.article("wire/031_b2e4d6f8.txt").expect("German translation");
    let top = &suggestions.for_article(&english.id)[0];
    let attacks = top.evidence.iter().find(|e| e.label == "more than 40 = mehr als 40").expect("the attack count");
    assert_eq!(&english.text[attacks.from_spans[0].clone()], "more than 40");
    assert_eq!(&german.text[attacks.to_spans[0].clone()], "mehr als 40");
    let commission = top.evidence.iter().find(|e| e.label == "date 2023-08").expect("the commission's month");
    assert_eq!(&english.text[commission.from_spans[0].clone()], "in August 2023");
    // A weekday is shown as written: its value rests on each article's own guessed date.
    assert!(top.evidence.iter().any(|e| e.label == "date on Thursday ~ am Donnerstag"), "{:?}", top.evidence);
}

#[test]
fn the_recurring_claim_is_found_in_both_languages() {
    let (corpus, _) = corpus();
    let prints: Vec<_> = corpus.articles.iter().map(dossier::suggest::Fingerprint::of).collect();
    let index = SentenceIndex::build(&prints);
    let at = corpus.articles.iter().position(|a| a.id.as_str() == "wire/012_7f3a9c1e.txt").expect("English");
    let english = &corpus.articles[at];
    let claim = english.text.find("The coalition has 2,500 troops").expect("the claim");
    let sentence = english.detail().sentences.iter().find(|s| s.start() == claim).expect("a sentence").range();
    let found = index.similar(&prints, at, sentence, 8);
    let german = found.iter().find(|f| corpus.articles[f.article].id.as_str() == "wire/031_b2e4d6f8.txt");
    let german = german.unwrap_or_else(|| panic!("the German claim is among {found:#?}"));
    assert!(corpus.articles[german.article].text[german.span.clone()].contains("2.500 Soldaten"));
    assert!(german.differing.is_empty(), "{german:?}");
    assert!(german.shared.iter().any(|s| s == "2,500"), "{german:?}");
    assert!(found.iter().all(|f| f.article != at || f.span.start != claim), "never the claim itself");
}

/// The sentence of article `id` that contains `phrase`: its index and span.
fn sentence_with(corpus: &Corpus, id: &str, phrase: &str) -> (usize, std::ops::Range<usize>) {
    let at = corpus.articles.iter().position(|a| a.id.as_str() == id).unwrap_or_else(|| panic!("{id} in the corpus"));
    let article = &corpus.articles[at];
    let offset = article.text.find(phrase).unwrap_or_else(|| panic!("“{phrase}” in {id}"));
    let sentence = article.detail().sentences.iter().find(|s| s.range().contains(&offset)).expect("a sentence");
    (at, sentence.range())
}

/// Issue 13: `*` on a sentence of a translation pair finds its twin in the
/// top 3 (recall ≥ 90 % over the hand-labelled pairs of
/// tests/fixtures/aligned-sentences.ron, asked from both sides), with no
/// more than one unrelated sentence beside it.
#[test]
fn aligned_sentences_of_translation_pairs_find_each_other() {
    let (corpus, suggestions) = corpus();
    let links = labels();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aligned-sentences.ron");
    let pairs: Vec<(String, String, String, String)> =
        ron::from_str(&std::fs::read_to_string(path).expect("read the pairs")).expect("parse the pairs");
    assert!(pairs.len() >= 30, "at least 30 labelled pairs");
    let prints = suggestions.fingerprints();
    let index = suggestions.sentence_index();
    let same_story = |a: usize, b: usize| {
        let (a, b) = (corpus.articles[a].id.as_str(), corpus.articles[b].id.as_str());
        a == b || links.iter().any(|l| (l.from == a && l.to == b) || (l.from == b && l.to == a))
    };
    let (mut asked, mut found, mut worst_unrelated) = (0, 0, 0);
    let mut number_misses = Vec::new();
    for (english, en_phrase, german, de_phrase) in &pairs {
        let sides = [sentence_with(corpus, english, en_phrase), sentence_with(corpus, german, de_phrase)];
        for (here, twin) in [(&sides[0], &sides[1]), (&sides[1], &sides[0])] {
            asked += 1;
            let top = index.similar(prints, here.0, here.1.clone(), 3);
            if top.iter().any(|s| s.article == twin.0 && s.span.start < twin.1.end && twin.1.start < s.span.end) {
                found += 1;
            } else {
                let text =
                    |(article, span): &(usize, std::ops::Range<usize>)| &corpus.articles[*article].text[span.clone()];
                println!("missed the twin of “{}”", text(here));
                if [here, twin].iter().all(|side| text(side).contains(|c: char| c.is_ascii_digit())) {
                    number_misses.push(text(here).to_string());
                }
            }
            // Unrelated: another story's sentence that shares only names
            // (no number, date or quote, no rival figure). A sentence of
            // another story with the same figure is the claim recurring.
            let unrelated =
                top.iter().filter(|s| !same_story(s.article, here.0) && s.names_only && s.differing.is_empty()).count();
            if unrelated > 1 {
                println!("{unrelated} unrelated beside “{}”", &corpus.articles[here.0].text[here.1.clone()]);
            }
            worst_unrelated = worst_unrelated.max(unrelated);
        }
    }
    let recall = found as f64 / asked as f64;
    println!(
        "aligned sentences: {} pairs, {asked} asked, twin in the top 3 {found} ({:.1} %), at most {worst_unrelated} unrelated in a top 3",
        pairs.len(),
        recall * 100.0
    );
    assert!(recall >= 0.90, "recall {recall:.3} below 0.90");
    assert!(worst_unrelated <= 1, "{worst_unrelated} unrelated sentences in a top 3");
    assert!(number_misses.is_empty(), "twins with numbers are always found: {number_misses:#?}");
}

/// Issue 13's trio in sample-corpus: the EU figure of a translation pair
/// and of a third article, in English and German, find each other.
#[test]
fn the_eu_monitors_trio_finds_each_other() {
    let (corpus, suggestions) = corpus();
    let index = suggestions.sentence_index();
    let trio = [
        sentence_with(corpus, "analysis/border-mission.md", "has 1,300 monitors"),
        sentence_with(corpus, "analysis/grenzmission.md", "hat 1.300 Beobachter"),
        sentence_with(corpus, "blogs/grenzbericht.md", "Etwa 1.300 EU-Beobachter"),
    ];
    for (i, (article, span)) in trio.iter().enumerate() {
        let top = index.similar(suggestions.fingerprints(), *article, span.clone(), 3);
        for (j, (other, other_span)) in trio.iter().enumerate().filter(|&(j, _)| j != i) {
            assert!(
                top.iter().any(|s| s.article == *other && s.span == *other_span),
                "sentence {i} finds sentence {j} in its top 3: {top:#?}"
            );
        }
    }
}

/// Issue 13: a suggested translation carries its direction from evidence,
/// the same from either end; where decided it agrees with the labels
/// (translation → original) and no labelled pair is decided the wrong way.
#[test]
fn translation_suggestions_carry_their_direction_from_either_end() {
    let (_, suggestions) = corpus();
    let mut decided = 0;
    for label in labels().iter().filter(|l| l.kind == "translation-of") {
        let ends = |from: &str, to: &str| {
            let found = suggestions.for_article(&ArticleId(from.to_string()));
            let suggestion = found.into_iter().find(|s| s.to.as_str() == to).expect("the pair is suggested");
            let link = suggestion.to_link();
            (suggestion.direction, format!("{:?} → {:?}", link.from, link.to))
        };
        let (direction, here) = ends(&label.from, &label.to);
        let (_, there) = ends(&label.to, &label.from);
        println!("{} → {}: {direction:?}, links {here}", label.from, label.to);
        if direction != Direction::Undecided {
            decided += 1;
            assert!(
                here.contains(&format!("{:?}) → Article({:?}", label.from, label.to)),
                "the translation points at its original: {here}"
            );
            assert_eq!(here, there, "accepting it from either end makes the same link");
        }
    }
    assert!(decided >= 1, "the evidence decides a sample pair");
}
