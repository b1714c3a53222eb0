//! Suggested links and recurring claims through actions: accepting,
//! rejecting, taking a suggested date, the recurring-claim view.

use super::{press, sample_app, type_text};
use crate::annotations::{Endpoint, LinkOrigin};
use crate::corpus::Provenance;
use crate::suggest::SuggestedKind;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Overlay, TextEdit};
use crate::tui::suggestions::Found;

const ENGLISH: &str = "wire/012_7f3a9c1e.txt";
const GERMAN: &str = "wire/031_b2e4d6f8.txt";

/// The sample corpus with suggestions found and the article `id` open.
fn reading(id: &str) -> App {
    let mut app = sample_app(160, 45);
    app.suggestions_found(Found::of_articles(&app.articles));
    let index = app.article_index(id).expect("article in the sample corpus");
    app.show_article(index);
    assert_eq!(app.focus, Focus::Reader);
    app
}

/// Moves the sentence cursor to the first sentence containing `needle`.
fn cursor_to(app: &mut App, needle: &str) {
    let found = (0..60).any(|_| {
        let reader = app.reader.as_ref().expect("reader open");
        let article = &app.articles[reader.article];
        if article.text[article.detail().sentences[reader.sentence]].contains(needle) {
            return true;
        }
        app.update(Action::NextSentence);
        false
    });
    assert!(found, "no sentence with “{needle}”");
}

fn suggested_targets(app: &App) -> Vec<String> {
    app.suggestions_here().iter().map(|s| s.to.to_string()).collect()
}

#[test]
fn the_english_article_offers_its_german_translation_first_with_evidence() {
    let app = reading(ENGLISH);
    let suggestions = app.suggestions_here();
    let top = suggestions.first().expect("a suggestion");
    assert_eq!(top.to.as_str(), GERMAN);
    assert_eq!(top.kind, SuggestedKind::TranslationOf);
    let figure = top.evidence.iter().find(|e| e.label.contains("more than 40")).expect("the figure is evidence");
    let text = &app.articles[app.article_index(ENGLISH).unwrap()].text;
    assert_eq!(figure.from_spans.iter().map(|s| &text[s.clone()]).collect::<Vec<_>>(), vec!["more than 40"]);
    let highlighted = app.suggestions_view().evidence();
    assert!(figure.from_spans.iter().all(|s| highlighted.contains(s)), "it is highlighted in the reader");
}

#[test]
fn accepting_makes_a_suggested_link_and_takes_it_off_the_list() {
    let mut app = reading(ENGLISH);
    app.update(Action::AcceptSuggestion);
    let links = &app.notes.annotations.links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, "translation-of");
    assert_eq!(links[0].origin, LinkOrigin::Suggested);
    assert_eq!(links[0].from, Endpoint::Article(ENGLISH.into()));
    assert_eq!(links[0].to, Endpoint::Article(GERMAN.into()));
    assert!(!suggested_targets(&app).contains(&GERMAN.to_string()));
    assert_eq!(app.links_here().len(), 1, "the link shows among the real links");
    app.update(Action::Undo);
    assert_eq!(suggested_targets(&app).first().map(String::as_str), Some(GERMAN), "undo offers it again");
}

/// Issue 13: the evidence (the German one credits the English reporters)
/// sets the direction, so accepting on the original's page stores the
/// translation → original; `F` flips it, in one undo step.
#[test]
fn accepting_on_the_originals_page_keeps_the_direction_and_f_flips_it() {
    const ORIGINAL: &str = "analysis/first-round.md";
    const TRANSLATION: &str = "wire/055_a4c7e2b9.txt";
    let mut app = reading(ORIGINAL);
    let at = suggested_targets(&app).iter().position(|t| t == TRANSLATION).expect("the translation is suggested");
    for _ in 0..at {
        app.update(Action::NextSuggestion);
    }
    app.update(Action::AcceptSuggestion);
    let link = app.notes.annotations.links[0].clone();
    assert_eq!((link.from, link.to), (Endpoint::Article(TRANSLATION.into()), Endpoint::Article(ORIGINAL.into())));
    app.update(Action::FlipLink);
    let link = &app.notes.annotations.links[0];
    assert_eq!(link.from, Endpoint::Article(ORIGINAL.into()), "flipped");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("flipped: this → translation-of →"), "{message}");
    app.update(Action::Undo);
    assert_eq!(app.notes.annotations.links[0].from, Endpoint::Article(TRANSLATION.into()), "undo flips it back");
}

#[test]
fn a_rejected_suggestion_is_remembered_and_not_offered_from_either_side() {
    let mut app = reading(ENGLISH);
    app.update(Action::RejectSuggestion);
    let rejected = &app.notes.annotations.rejected;
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0].from.as_str(), rejected[0].to.as_str()), (ENGLISH, GERMAN));
    assert!(!suggested_targets(&app).contains(&GERMAN.to_string()));
    assert!(app.notes.annotations.links.is_empty(), "rejecting links nothing");
    let german = app.article_index(GERMAN).unwrap();
    app.show_article(german);
    assert!(!suggested_targets(&app).contains(&ENGLISH.to_string()));
}

#[test]
fn next_suggestion_moves_the_highlight_and_accept_takes_that_one() {
    let mut app = reading(ENGLISH);
    let targets = suggested_targets(&app);
    assert!(targets.len() >= 2, "more than one suggestion: {targets:?}");
    app.update(Action::NextSuggestion);
    assert_eq!(app.selected_suggestion(), 1);
    app.update(Action::AcceptSuggestion);
    assert_eq!(app.notes.annotations.links[0].to, Endpoint::Article(targets[1].clone()));
}

#[test]
fn the_recurring_view_finds_the_claim_in_german_and_links_both_as_the_same_claim() {
    let mut app = reading(ENGLISH);
    cursor_to(&mut app, "2,500 troops");
    app.update(Action::ShowRecurring);
    let Some(Overlay::Recurring(view)) = &app.overlay else { panic!("the recurring view opens: {:?}", app.message) };
    let german = app.article_index(GERMAN).unwrap();
    let at = view.matches.iter().position(|m| m.article == german).expect("the German sentence is found");
    assert!(app.articles[german].text[view.matches[at].span.clone()].contains("2.500 Soldaten"));
    for _ in 0..at {
        press(&mut app, "<Down>");
    }
    press(&mut app, "l");
    let notes = &app.notes.annotations;
    assert_eq!(notes.claims.len(), 2, "both sentences became claims");
    assert_eq!(notes.links.len(), 1);
    assert_eq!(notes.links[0].kind, "same-claim");
    let ends: Vec<_> = [&notes.links[0].from, &notes.links[0].to]
        .into_iter()
        .map(|end| match end {
            Endpoint::Claim(id) => notes.claim(id).unwrap().anchor.article.clone(),
            Endpoint::Article(_) => panic!("a claim link"),
        })
        .collect();
    assert_eq!(ends, vec![ENGLISH.to_string(), GERMAN.to_string()]);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("2 claims made without the form") && message.contains("c edits"),
        "the claims made without the form are shown: {message}"
    );
    assert!(message.contains("speaker") && !message.contains("“ ”"), "{message}");
    app.update(Action::Undo);
    assert!(app.notes.annotations.claims.is_empty() && app.notes.annotations.links.is_empty(), "one undo step");
}

#[test]
fn enter_in_the_recurring_view_jumps_to_the_sentence_and_back() {
    let mut app = reading(ENGLISH);
    cursor_to(&mut app, "2,500 troops");
    app.update(Action::ShowRecurring);
    let Some(Overlay::Recurring(view)) = &app.overlay else { panic!("the recurring view opens") };
    let target = view.matches[0].clone();
    press(&mut app, "<Enter>");
    assert!(app.overlay.is_none());
    let reader = app.reader.as_ref().unwrap();
    assert_eq!(reader.article, target.article);
    let sentence = &app.articles[target.article].detail().sentences[reader.sentence];
    assert!(sentence.start() <= target.span.start && target.span.start < sentence.end(), "the cursor is on it");
    app.update(Action::JumpBack);
    assert_eq!(app.reader.as_ref().unwrap().article, app.article_index(ENGLISH).unwrap());
}

#[test]
fn before_the_background_work_is_done_the_keys_say_so() {
    let mut app = sample_app(160, 45);
    let index = app.article_index(ENGLISH).unwrap();
    app.show_article(index);
    app.update(Action::AcceptSuggestion);
    assert!(app.message.as_deref().unwrap_or_default().contains("still looking"));
    app.update(Action::ShowRecurring);
    assert!(app.message.as_deref().unwrap_or_default().contains("still indexing"));
    assert!(app.notes.annotations.links.is_empty());
    app.suggest.failed = Some("the finder failed".to_string());
    app.update(Action::ShowConflictingClaims);
    assert_eq!(app.message.as_deref(), Some("no suggested links: the finder failed"));
}

#[test]
fn an_undated_translation_takes_its_originals_date_and_its_weekdays_resolve() {
    let undated = "wire/055_a4c7e2b9.txt";
    let original = "analysis/first-round.md";
    let mut app = reading(undated);
    let (value, from) = app.suggested_date_here().expect("a date is suggested");
    assert_eq!(app.articles[from].id.as_str(), original);
    assert_eq!(Some(value), app.articles[from].date.as_ref().and_then(|d| d.value));
    app.update(Action::AcceptSuggestedDate);
    let article = &app.articles[app.article_index(undated).unwrap()];
    let date = article.date.as_ref().expect("dated now");
    // Still the machine's work: inferred from the corpus, a little less sure
    // than the original's stated date, and saying where it came from.
    assert_eq!((date.value, date.provenance), (Some(value), Provenance::Corpus));
    assert!(date.is_inferred() && date.confidence < 1.0 && date.confidence > 0.5, "{}", date.confidence);
    assert!(date.reasoning.starts_with(&format!("from {original}")), "{}", date.reasoning);
    assert_eq!(date.label(), format!("~{value}"));
    let note = app.notes.annotations.article(undated).expect("a note on the article");
    assert_eq!((note.date.as_deref(), note.date_from.as_deref()), (None, Some(original)));
    let sunday = article.detail().mentions.iter().find(|m| article.text[m.span].contains("Sonntag")).unwrap();
    assert_eq!(sunday.value.map(|v| v.to_string()).as_deref(), Some("2024-02-11"), "“am Sonntag” resolves");
    assert!(app.suggested_date_here().is_none(), "a dated article is offered no date");
    app.update(Action::Undo);
    assert!(app.articles[app.article_index(undated).unwrap()].date.is_none(), "undo takes the date back");
    // A later correction of the original is followed.
    app.update(Action::Redo);
    let from = app.article_index(original).unwrap();
    app.reader.as_mut().expect("reading").article = from;
    app.update(Action::SetDate);
    app.edit(TextEdit::Clear);
    type_text(&mut app, "2024-02-09");
    app.update(Action::Submit);
    let followed = app.articles[app.article_index(undated).unwrap()].date.clone().expect("still dated");
    assert_eq!((followed.shown(), followed.provenance), ("2024-02-09".to_string(), Provenance::Corpus));
    app.update(Action::Undo);
    app.update(Action::Undo);
    let index = app.article_index(undated).unwrap();
    app.reader.as_mut().expect("reading").article = index;
    assert!(app.articles[index].date.is_none(), "undo takes both back");
    // Accepting the translation first keeps the date on offer.
    app.update(Action::AcceptSuggestion);
    assert_eq!(app.notes.annotations.links.len(), 1);
    assert_eq!(app.suggested_date_here().map(|(_, from)| from), app.article_index(original));
}

#[test]
fn the_conflicting_numbers_view_lists_a_claim_whose_figure_differs_elsewhere() {
    let mut app = reading(ENGLISH);
    for sentence in ["Ashdale told reporters", "2,500 troops"] {
        cursor_to(&mut app, sentence);
        app.update(Action::TagClaim);
        press(&mut app, "<C-s>");
    }
    assert_eq!(app.notes.annotations.claims.len(), 2);
    app.update(Action::ShowConflictingClaims);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("the claims view opens: {:?}", app.message) };
    assert_eq!(picker.choices.len(), 1, "only the troop figure differs elsewhere: {:?}", picker.choices);
    assert!(picker.choices[0].label.contains("2,500 troops"), "{}", picker.choices[0].label);
    assert!(picker.choices[0].label.contains("≠ 2,500 here, "), "{}", picker.choices[0].label);
}

/// Issue 13: `g c` before any claim conflicts says why, and offers the
/// sentence-level view instead of an empty "nothing matches".
#[test]
fn the_conflicts_view_without_conflicts_says_why_and_shows_the_sentence_elsewhere() {
    let mut app = reading(ENGLISH);
    cursor_to(&mut app, "2,500 troops");
    app.update(Action::ShowConflictingClaims);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("no claims yet to compare (c tags one)"), "{message}");
    let Some(Overlay::Recurring(view)) = &app.overlay else { panic!("the sentence-level view opens: {message}") };
    assert!(!view.matches.is_empty());

    // One claim with no differing figure: still explained, not an empty list.
    let mut app = reading(ENGLISH);
    cursor_to(&mut app, "Ashdale told reporters");
    app.update(Action::TagClaim);
    press(&mut app, "<C-s>");
    app.focus = Focus::List;
    app.update(Action::ShowConflictingClaims);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("your one claim has no figure that differs"), "{message}");
    assert!(message.ends_with("* in the reader finds any sentence told elsewhere"), "{message}");
    assert!(app.overlay.is_none(), "no empty picker");
}

/// The finder shares the app's articles instead of copying them, and lets
/// go before its dates arrive: applying them then changes the articles in
/// place, and a correction made while it still reads leaves its view alone.
#[test]
fn the_suggestion_finder_reads_the_articles_without_keeping_them() {
    use crate::tui::loader::{FinderEvent, find_suggestions};
    use std::sync::Arc;
    let mut app = sample_app(160, 45);
    let reading = Arc::clone(&app.articles);
    let index = app.article_index(ENGLISH).expect("article in the sample corpus");
    let before = app.articles[index].title().to_string();
    app.articles_mut()[index].title.text = "corrected by the analyst".into();
    assert_eq!(reading[index].title(), before, "a correction must not reach a reader's copy");
    drop(reading);

    let mut events = 0;
    for event in find_suggestions(Arc::clone(&app.articles)) {
        events += 1;
        assert_eq!(Arc::strong_count(&app.articles), 1, "the finder still holds the articles");
        if let FinderEvent::Failed(why) = &event {
            panic!("the finder failed: {why}");
        }
        crate::tui::on_found(&mut app, event);
    }
    assert!(events > 0 && app.suggest.found.is_some(), "the finder reported nothing");
    assert_eq!(app.articles[index].title(), "corrected by the analyst");
}
