//! Annotating through actions: tagging claims, correcting an article,
//! linking, undo and redo.

use super::{press, sample_app, type_keys, type_text};
use crate::annotations::Endpoint;
use crate::corpus::Provenance;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Focus, Overlay, Prompt, TextEdit};
use crate::tui::picker::Purpose;
use crate::tui::timeline_pane::{PeriodFilter, TimelineRow};

const ENGLISH: &str = "wire/012_7f3a9c1e.txt";
const GERMAN: &str = "wire/031_b2e4d6f8.txt";
const UNDATED: &str = "wire/088_3b6f1c40.txt";

/// The app with the article `id` open in the reader.
fn reading(id: &str) -> App {
    let mut app = sample_app(160, 45);
    let index = app.article_index(id).expect("article in the sample corpus");
    app.show_article(index);
    assert_eq!(app.focus, Focus::Reader);
    app
}

fn save_form(app: &mut App) {
    press(app, "<C-s>");
}

fn cursor_sentence(app: &App) -> String {
    let reader = app.reader.as_ref().expect("reader open");
    let article = &app.articles[reader.article];
    article.text[article.detail().sentences[reader.sentence]].to_string()
}

#[test]
fn tagging_the_cursor_sentence_makes_a_claim_with_the_form_values() {
    let mut app = reading(ENGLISH);
    app.update(Action::NextSentence);
    let sentence = cursor_sentence(&app);
    app.update(Action::TagClaim);
    assert!(matches!(app.overlay, Some(Overlay::ClaimForm(_))), "the form opens");
    type_keys(&mut app, "talks");
    press(&mut app, "<Tab>"); // speaker
    press(&mut app, "<Tab>"); // summary
    type_keys(&mut app, "Talks open");
    press(&mut app, "<Tab>"); // verdict
    type_keys(&mut app, "s");
    save_form(&mut app);
    assert!(app.overlay.is_none());
    let claims = &app.notes.annotations.claims;
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].anchor.quote, sentence);
    assert_eq!(claims[0].anchor.article, ENGLISH);
    assert_eq!(claims[0].tags, vec!["talks"]);
    assert_eq!(claims[0].verdict, "supported");
    assert_eq!(claims[0].summary.as_deref(), Some("Talks open"));
    assert!(app.notes.unsaved());
    assert_eq!(app.annotation_count(app.article_index(ENGLISH).unwrap()), 1);
}

#[test]
fn the_form_is_prefilled_with_the_speaker_and_the_date_in_the_span() {
    let mut app = reading(ENGLISH);
    let found = (0..30).any(|_| {
        app.update(Action::NextSentence);
        cursor_sentence(&app).contains("Ashdale told reporters")
    });
    assert!(found, "the English article quotes Ashdale");
    app.update(Action::TagClaim);
    let Some(Overlay::ClaimForm(form)) = &app.overlay else { panic!("no form") };
    assert_eq!(form.speaker.lines()[0], "Halvenian Defence Secretary Corin Ashdale");
    assert_eq!(form.about.lines()[0], "2023-08", "from “in August 2023” inside the sentence");
}

#[test]
fn a_selection_grows_by_sentence_and_shrinks_by_word() {
    let mut app = reading(ENGLISH);
    app.update(Action::NextSentence);
    let first = cursor_sentence(&app);
    app.update(Action::Select);
    app.update(Action::SelectMoreSentences);
    app.update(Action::SelectFewerWords);
    let reader = app.reader.as_ref().unwrap();
    let article = &app.articles[reader.article];
    let selected = article.text[reader.selection.clone().expect("selection")].to_string();
    assert!(selected.starts_with(&first), "{selected}");
    assert!(selected.len() > first.len());
    assert!(!selected.ends_with('.'), "the last word's full stop went: {selected}");
    app.update(Action::TagClaim);
    save_form(&mut app);
    assert_eq!(app.notes.annotations.claims[0].anchor.quote, selected);
    assert!(app.reader.as_ref().unwrap().selection.is_none(), "tagging ends the selection");
}

#[test]
fn tag_on_a_claim_edits_it_and_delete_removes_it_undo_brings_it_back() {
    let mut app = reading(ENGLISH);
    app.update(Action::NextSentence);
    app.update(Action::TagClaim);
    save_form(&mut app);
    app.update(Action::TagClaim);
    let Some(Overlay::ClaimForm(form)) = &app.overlay else { panic!("no form") };
    assert!(form.claim.is_some(), "editing the claim under the cursor");
    press(&mut app, "<S-Tab>"); // note
    type_keys(&mut app, "check the figure");
    save_form(&mut app);
    assert_eq!(app.notes.annotations.claims.len(), 1);
    assert_eq!(app.notes.annotations.claims[0].note, "check the figure");
    app.update(Action::DeleteClaim);
    assert!(app.notes.annotations.claims.is_empty());
    app.update(Action::Undo);
    assert_eq!(app.notes.annotations.claims.len(), 1);
    app.update(Action::Undo);
    assert_eq!(app.notes.annotations.claims[0].note, "");
    app.update(Action::Redo);
    assert_eq!(app.notes.annotations.claims[0].note, "check the figure");
}

#[test]
fn setting_a_date_moves_the_article_on_the_timeline_and_undo_moves_it_back() {
    let mut app = reading(UNDATED);
    let index = app.article_index(UNDATED).unwrap();
    assert!(app.articles[index].date.is_none());
    let undated_count = |app: &App| {
        app.timeline.rows.iter().find_map(|r| match r {
            TimelineRow::Undated { articles } => Some(*articles),
            _ => None,
        })
    };
    let before = undated_count(&app).expect("an undated row");
    app.update(Action::SetDate);
    assert!(matches!(app.prompt, Some(Prompt::Article { .. })));
    type_text(&mut app, "2023-05-04");
    app.update(Action::Submit);
    let date = app.articles[index].date.as_ref().expect("dated now");
    assert_eq!(date.shown(), "2023-05-04");
    assert_eq!(date.provenance, Provenance::Analyst);
    let in_2023 = app.timeline.rows.iter().any(|r| match r {
        TimelineRow::Bucket(b) => b.period.to_string() == "2023" && b.articles.contains(&index),
        _ => false,
    });
    assert!(in_2023, "the timeline places it in 2023");
    assert_eq!(undated_count(&app), Some(before - 1), "one fewer undated article");
    app.update(Action::Undo);
    assert!(app.articles[index].date.is_none());
    assert!(PeriodFilter::Undated.admits(&app.articles[index]));
}

#[test]
fn a_bad_date_is_refused_and_changes_nothing() {
    let mut app = reading(UNDATED);
    app.update(Action::SetDate);
    type_text(&mut app, "yesterday-ish");
    app.update(Action::Submit);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("not a date")));
    assert!(!app.notes.unsaved());
}

#[test]
fn correcting_the_title_shows_in_the_list_filter() {
    let mut app = reading(UNDATED);
    let index = app.article_index(UNDATED).unwrap();
    app.update(Action::EditTitle);
    app.edit(TextEdit::Clear);
    type_text(&mut app, "Convoy threat on the northern road");
    app.update(Action::Submit);
    assert_eq!(app.articles[index].title(), "Convoy threat on the northern road");
    app.update(Action::FocusList);
    app.update(Action::Filter);
    type_text(&mut app, "convoy threat");
    assert_eq!(app.list.selected_article(), Some(index));
}

#[test]
fn marking_and_linking_two_articles_then_following_the_link_and_back() {
    let mut app = reading(ENGLISH);
    app.update(Action::Mark);
    assert_eq!(app.marked, Some(Endpoint::Article(ENGLISH.to_string())));
    let german = app.article_index(GERMAN).unwrap();
    app.show_article(german);
    app.update(Action::Link);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("kind picker") };
    assert_eq!(picker.choices[0].label, "translation-of");
    app.update(Action::Submit);
    assert_eq!(app.prompt, Some(Prompt::LinkNote), "an optional note on the link");
    type_text(&mut app, "same wire copy");
    app.update(Action::Submit);
    let links = &app.notes.annotations.links;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].note, "same wire copy");
    assert_eq!(links[0].from, Endpoint::Article(GERMAN.to_string()));
    assert_eq!(links[0].to, Endpoint::Article(ENGLISH.to_string()));
    assert_eq!(links[0].kind, "translation-of");
    assert!(app.marked.is_none());
    app.update(Action::FollowLink);
    assert_eq!(app.current_article(), app.article_index(ENGLISH));
    app.update(Action::JumpBack);
    assert_eq!(app.current_article(), Some(german));
}

#[test]
fn linking_without_a_mark_picks_the_other_article_by_fuzzy_search() {
    let mut app = reading(GERMAN);
    app.update(Action::Link);
    type_text(&mut app, "agree to open talks");
    app.update(Action::Submit); // the article
    type_text(&mut app, "trans");
    app.update(Action::Submit); // the kind
    let link = &app.notes.annotations.links[0];
    assert_eq!(link.to, Endpoint::Article(ENGLISH.to_string()));
    assert_eq!(link.kind, "translation-of");
}

#[test]
fn the_claims_view_searches_and_jumps_to_a_claim() {
    let mut app = reading(ENGLISH);
    app.update(Action::NextSentence);
    app.update(Action::TagClaim);
    type_keys(&mut app, "talks");
    save_form(&mut app);
    let tagged = app.reader.as_ref().unwrap().sentence;
    app.show_article(app.article_index(GERMAN).unwrap());
    app.update(Action::ShowClaims);
    type_text(&mut app, "#talks");
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("claims view") };
    assert_eq!(picker.visible.len(), 1);
    app.update(Action::Submit);
    assert_eq!(app.current_article(), app.article_index(ENGLISH));
    assert_eq!(app.reader.as_ref().unwrap().sentence, tagged);
}

#[test]
fn the_export_picker_asks_the_event_loop_to_write_the_chosen_format() {
    let mut app = reading(ENGLISH);
    app.update(Action::Export);
    type_text(&mut app, "markdown");
    assert_eq!(app.update(Action::Submit), vec![Effect::Export(crate::annotations::export::ExportFormat::Md)]);
    assert!(app.overlay.is_none());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = reading(ENGLISH);
    app.update(Action::ToggleRead);
    assert_eq!(app.update(Action::Quit), vec![Effect::Save], "quitting tries to save first");
    assert!(!app.quit);
    assert!(matches!(app.overlay, Some(Overlay::ConfirmQuit)));
    app.saved();
    assert!(app.quit, "once saved, it quits");
}

/// The rescue files beside `path`.
fn rescue_files(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    let name = format!("{}.rescue-", path.file_name().unwrap().to_string_lossy());
    let folder = std::fs::read_dir(path.parent().unwrap()).unwrap();
    folder.map(|entry| entry.unwrap().path()).filter(|p| p.to_string_lossy().contains(&name)).collect()
}

/// An app whose annotation file another dossier took over after it opened
/// it, with a change made since; and its store.
fn taken_over(path: &std::path::Path) -> (App, crate::annotations::store::Store) {
    let mut app = reading(ENGLISH);
    let store = crate::tui::saving::open(&mut app, path).unwrap();
    assert!(app.read_only.is_none());
    let mut other = crate::annotations::store::Store::open(path).unwrap();
    other.take_over().unwrap();
    app.update(Action::ToggleRead);
    assert!(app.notes.unsaved());
    (app, store)
}

#[test]
fn a_window_whose_file_was_taken_over_quits_and_rescues_its_changes() {
    for autosaved_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let (mut app, mut store) = taken_over(&path);
        if autosaved_first {
            // The save that finds out: read-only now, the change unsaved.
            crate::tui::saving::save(&mut app, &mut store, false);
            assert!(app.read_only.as_deref().is_some_and(|r| r.contains("took over")), "{:?}", app.read_only);
        }
        assert_eq!(app.update(Action::Quit), vec![Effect::Save]);
        crate::tui::saving::save(&mut app, &mut store, true);
        assert!(app.quit, "it quits (autosaved first: {autosaved_first})");
        let rescued = rescue_files(&path);
        assert_eq!(rescued.len(), 1, "{rescued:?}");
        let kept = crate::annotations::store::read_annotations(&rescued[0]).unwrap();
        assert_eq!(kept, app.notes.annotations, "the rescue file holds the whole set, the change included");
        let name = rescued[0].display().to_string();
        assert!(app.message.as_deref().is_some_and(|m| m.contains(&name)), "{:?}", app.message);
        assert!(!path.exists(), "the file that was taken over is not written");
        assert_eq!(app.farewell, app.message, "told again once the terminal is back");
    }
}

#[test]
fn a_window_whose_file_was_taken_over_rescues_its_changes_when_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.ron");
    let (mut app, mut store) = taken_over(&path);
    // SIGTERM or a closed terminal: no quit asked, nobody to ask.
    crate::tui::saving::on_exit(&mut app, &mut store);
    let rescued = rescue_files(&path);
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert_eq!(crate::annotations::store::read_annotations(&rescued[0]).unwrap(), app.notes.annotations);
    let name = rescued[0].display().to_string();
    assert!(app.farewell.as_deref().is_some_and(|m| m.contains(&name)), "{:?}", app.farewell);
    assert!(!path.exists());
}

#[test]
fn a_read_only_file_refuses_changes_with_the_reason() {
    let mut app = reading(ENGLISH);
    app.set_annotations(Default::default(), Some("dossier.ron:3:5: expected ']'".to_string()));
    app.update(Action::TagClaim);
    assert!(app.overlay.is_none());
    assert!(app.message.as_deref().is_some_and(|m| m.contains("dossier.ron:3:5")));
    assert!(app.notes.annotations.claims.is_empty());
}

/// A claim on `quote` in the article `id`, anchored as if made on `text`.
fn claim_on(id: &str, text: &str, quote: &str) -> crate::annotations::Claim {
    let start = text.find(quote).expect("quote in text");
    crate::annotations::Claim {
        id: crate::annotations::RecordId::new(),
        anchor: crate::annotations::Anchor::new(id, text, start..start + quote.len()),
        tags: vec!["t".into()],
        speaker: None,
        summary: None,
        verdict: "disputed".into(),
        about: None,
        note: String::new(),
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    }
}

#[test]
fn loaded_claims_are_re_anchored_and_orphans_are_listed_with_their_quote() {
    let mut app = reading(ENGLISH);
    let index = app.article_index(ENGLISH).unwrap();
    let text = app.articles[index].text.clone();
    let quote = "The coalition has 2,500 troops in Valdoria";
    // Made on an older text with a paragraph less: the claim has moved since.
    let older = text.replacen("In a joint statement", "Joint statement", 1);
    let moved = claim_on(ENGLISH, &older, quote);
    let gone = claim_on(ENGLISH, "A sentence the article no longer has, not anywhere.", "no longer has");
    let notes = crate::annotations::Annotations { claims: vec![moved.clone(), gone.clone()], ..Default::default() };
    app.set_annotations(notes, None);
    let span = app.claim_span(&moved).expect("moved claim placed");
    assert_eq!(&app.articles[index].text[span], quote);
    assert!(app.orphan_reason(&gone).is_some());
    app.update(Action::ShowOrphans);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("orphans view") };
    assert_eq!(picker.choices.len(), 1);
    assert!(picker.choices[0].label.contains("no longer has"), "{}", picker.choices[0].label);
    assert_eq!(app.notes.annotations.claims.len(), 2, "an orphan is never dropped");
}

#[test]
fn configured_verdicts_and_link_kinds_are_offered() {
    let mut app = reading(ENGLISH);
    app.settings.verdicts = vec!["open".into(), "checked".into()];
    app.settings.article_link_kinds = vec!["echoes".into()];
    app.update(Action::TagClaim);
    let Some(Overlay::ClaimForm(form)) = &app.overlay else { panic!("no form") };
    assert_eq!(form.verdicts, vec!["open", "checked"]);
    assert_eq!(form.verdicts[form.verdict], "open", "the first verdict is the default");
    press(&mut app, "<Esc>");
    assert!(app.overlay.is_none());
    app.update(Action::Link);
    app.update(Action::Submit);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("kind picker") };
    assert_eq!(picker.choices.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(), vec!["echoes"]);
}

#[test]
fn a_claim_whose_text_was_corrected_is_placed_and_says_what_it_was() {
    let mut app = reading(ENGLISH);
    let index = app.article_index(ENGLISH).unwrap();
    let text = app.articles[index].text.clone();
    let quote = "The coalition has 2,500 troops in Valdoria, most of them Halvenian";
    let older = text.replacen(quote, "The coalition has 2,500 troops in Valdorai, most of them Halvenian", 1);
    let typo = claim_on(ENGLISH, &older, "The coalition has 2,500 troops in Valdorai, most of them Halvenian");
    app.set_annotations(crate::annotations::Annotations { claims: vec![typo.clone()], ..Default::default() }, None);
    let span = app.claim_span(&typo).expect("placed despite the corrected typo");
    assert_eq!(&app.articles[index].text[span.clone()], quote);
    app.reader.as_mut().unwrap().place_cursor_at(&app.articles[index], span.start);
    let backend = ratatui::backend::TestBackend::new(160, 45);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| crate::tui::view::draw(&app, &super::default_hints(), f)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("the text changed since: was"), "the reader says the claim was re-anchored");
}

#[test]
fn corpus_dates_arrive_after_the_load_and_yield_to_the_analyst() {
    let mut app = reading(UNDATED);
    let kin_date = |app: &App, day: &str| {
        let inference = crate::corpus::dates::Inference {
            value: crate::corpus::dates::parse_stated(day),
            confidence: 0.85,
            not_before: None,
            not_after: None,
            reasoning: vec!["told like analysis/first-round.md".to_string()],
        };
        let id = app.articles[app.article_index(UNDATED).unwrap()].id.clone();
        (id, crate::corpus::PublicationDate::inferred(inference, Provenance::Corpus))
    };
    // An undated article takes its kin's date.
    let date = kin_date(&app, "2024-02-12");
    app.corpus_dates_found(vec![date]);
    let index = app.article_index(UNDATED).unwrap();
    let shown = app.articles[index].date.as_ref().expect("dated by its kin");
    assert_eq!((shown.shown(), shown.provenance), ("2024-02-12".to_string(), Provenance::Corpus));
    // One the analyst dated keeps that date; the corpus's is the machine's guess under it.
    let mut app = reading(UNDATED);
    app.update(Action::SetDate);
    type_text(&mut app, "2023-05-04");
    app.update(Action::Submit);
    let date = kin_date(&app, "2024-03-01");
    app.corpus_dates_found(vec![date]);
    let shown = app.articles[index].date.as_ref().expect("dated");
    assert_eq!((shown.shown(), shown.provenance), ("2023-05-04".to_string(), Provenance::Analyst));
    app.update(Action::Undo);
    assert_eq!(app.articles[index].date.as_ref().map(|d| d.shown()).as_deref(), Some("2024-03-01"));
}

/// What derives from the annotations, as the app holds it: claim
/// placements, per-article counts, corrected articles, the timeline, the
/// list's rows under the filters that read annotations.
fn derived(app: &mut App) -> String {
    let mut placements: Vec<String> = app.placements.iter().map(|(id, p)| format!("{id}: {p:?}")).collect();
    placements.sort();
    let mut counts: Vec<(usize, usize)> = app.annotation_counts.iter().map(|(&a, &n)| (a, n)).collect();
    counts.sort();
    let articles: Vec<String> =
        app.articles.iter().map(|a| format!("{} {:?} {:?} {:?}", a.id, a.title(), a.source(), a.date)).collect();
    let mut lists = Vec::new();
    for (annotated, unread, query) in [(false, false, ""), (true, false, ""), (false, true, ""), (false, false, "ruhe")]
    {
        (app.list.annotated_only, app.list.unread_only, app.list.query) = (annotated, unread, query.to_string());
        app.refresh_list();
        lists.push(app.list.visible.clone());
    }
    app.list.clear_filters();
    app.refresh_list();
    format!("{placements:#?}\n{counts:?}\n{articles:#?}\n{:?}\n{lists:?}", app.timeline.rows)
}

/// The same, computed from scratch for the same annotations.
fn derived_afresh(app: &App) -> String {
    let mut fresh = sample_app(160, 45);
    fresh.set_annotations(app.notes.annotations.clone(), None);
    derived(&mut fresh)
}

#[test]
fn every_change_through_commit_leaves_no_derived_cache_stale() {
    let mut app = reading(GERMAN);
    let index = app.article_index(GERMAN).unwrap();
    let text = app.articles[index].text.clone();
    // A claim whose offsets no longer fit its quote (the text was edited
    // since, say): it is placed where the quote is now.
    let sentence = app.articles[index].detail().sentences[2].range();
    let mut moved = crate::annotations::Anchor::new(GERMAN, &text, sentence.clone());
    (moved.byte_start, moved.byte_end) = (sentence.start - 3, sentence.end - 3);
    let claim = crate::annotations::Claim {
        id: crate::annotations::RecordId::new(),
        anchor: moved,
        tags: vec!["moved".to_string()],
        speaker: None,
        summary: None,
        verdict: "unverified".to_string(),
        about: None,
        note: String::new(),
        created: None,
        modified: None,
        creator: None,
        conflicts: vec![],
    };
    let id = claim.id.clone();
    let english = app.article_index(ENGLISH).unwrap();
    type Change = Box<dyn FnOnce(&mut crate::annotations::Annotations)>;
    let changes: Vec<(&str, Change)> = vec![
        ("add a moved claim", Box::new(move |notes| notes.claims.push(claim))),
        ("set a date", Box::new(|notes| notes.article_mut(UNDATED).date = Some("2019-05-04".to_string()))),
        ("correct a title", Box::new(|notes| notes.article_mut(ENGLISH).title = Some("Ruhe bitte".to_string()))),
        ("mark read", Box::new(|notes| notes.article_mut(GERMAN).read = true)),
        (
            "link",
            Box::new(|notes| {
                notes.links.push(crate::annotations::Link {
                    id: crate::annotations::RecordId::new(),
                    from: Endpoint::Article(GERMAN.into()),
                    to: Endpoint::Article(ENGLISH.into()),
                    kind: "same-event".to_string(),
                    note: String::new(),
                    origin: crate::annotations::LinkOrigin::Manual,
                    created: None,
                    modified: None,
                    creator: None,
                    conflicts: vec![],
                })
            }),
        ),
    ];
    for (what, change) in changes {
        app.commit(what, change);
        assert_eq!(derived(&mut app), derived_afresh(&app), "after {what}");
    }
    assert_eq!(app.claim_span(app.notes.annotations.claim(&id).unwrap()), Some(sentence), "placed by its quote");
    assert_eq!(app.articles[english].title(), "Ruhe bitte");
    app.commit("delete the claim", |notes| notes.claims.retain(|c| c.id != id));
    assert!(!app.placements.contains_key(&id), "a deleted claim's placement goes");
    assert_eq!(derived(&mut app), derived_afresh(&app), "after the delete");
    for step in [Action::Undo, Action::Undo, Action::Undo, Action::Redo, Action::Undo, Action::Undo, Action::Undo] {
        app.update(step);
        assert_eq!(derived(&mut app), derived_afresh(&app), "after {step:?}: {:?}", app.message);
    }
}

#[test]
fn pickers_match_as_the_list_does_accents_and_eszett_folded() {
    let mut app = reading(ENGLISH);
    app.update(Action::EditTitle);
    app.update(Action::ClearInput);
    type_keys(&mut app, "Sperrung der Hauptstraße");
    app.update(Action::Submit);
    let retitled = app.article_index(ENGLISH).unwrap();
    app.show_article(app.article_index(UNDATED).unwrap());
    let chosen = |app: &mut App, query: &str| {
        app.update(Action::Link);
        type_keys(app, query);
        let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("the link picker is open") };
        let Purpose::LinkTarget { from } = picker.purpose else { panic!("{:?}", picker.purpose) };
        let choice = picker.chosen().expect("a match");
        app.update(Action::Back);
        if choice >= from { choice + 1 } else { choice }
    };
    assert_eq!(chosen(&mut app, "hauptstrasse"), retitled, "ß is typed as ss");
    let german = chosen(&mut app, "gesprache");
    assert!(app.articles[german].title().contains("Gespräche"), "{}", app.articles[german].title());
}

/// A date the analyst sets resolves the article's relative mentions anew,
/// and the timeline counts them where they now fall, as a timeline built
/// from scratch does (the count follows the change; it is not redone).
#[test]
fn a_date_set_by_the_analyst_moves_its_mentions_on_the_timeline() {
    use crate::tui::timeline_pane::{TimelinePane, TimelineRow};
    let mut app = sample_app(160, 45);
    let index = app.article_index(UNDATED).unwrap();
    let relative = |app: &App| app.articles[index].detail().mentions.iter().filter_map(|m| m.value).count();
    app.commit("set a date", |notes| notes.article_mut(UNDATED).date = Some("1999-05-04".to_string()));
    assert!(relative(&app) > 0, "the article has mentions that resolve against its date");
    let mut fresh = TimelinePane::default();
    fresh.add_articles(&app.articles);
    assert_eq!(format!("{:?}", app.timeline.rows), format!("{:?}", fresh.rows));
    let in_1999 =
        |row: &TimelineRow| matches!(row, TimelineRow::Bucket(b) if b.period.to_string() == "1999" && b.mentions > 0);
    assert!(app.timeline.rows.iter().any(in_1999), "{:#?}", app.timeline.rows);
}
