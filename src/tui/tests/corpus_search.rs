//! The corpus search in the TUI: the results overlay, opening a hit with
//! its matches highlighted, `n`/`N` across hits, coming back, and
//! narrowing the list to the hits.

use super::{press, sample_app, type_keys, type_text};
use crate::corpus::LinkScope;
use crate::search::SearchIndex;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Overlay};
use crate::tui::corpus_search::IndexEvent;

/// The sample app with its search index built in a temporary cache (kept
/// alive by the returned guard).
pub(super) fn app_with_index(width: u16, height: u16) -> (App, tempfile::TempDir) {
    let mut app = sample_app(width, height);
    let cache = tempfile::tempdir().expect("cache folder");
    let (index, _) =
        SearchIndex::open_in(cache.path(), &app.root, LinkScope::InsideCorpus, false, |_, _| {}).expect("index");
    app.index_event(IndexEvent::Ready(Box::new(index)));
    (app, cache)
}

fn current_article(app: &App) -> usize {
    app.reader.as_ref().expect("the reader is open").article
}

#[test]
fn typing_lists_hits_with_snippets_and_enter_opens_the_first_match() {
    let (mut app, _cache) = app_with_index(160, 45);
    app.update(Action::SearchCorpus);
    assert!(matches!(app.overlay, Some(Overlay::CorpusSearch)));
    type_text(&mut app, "Soldat");
    let search = &app.corpus_search;
    assert!(search.hits.len() >= 3, "{:?}", search.hits);
    for n in 0..search.hits.len() {
        let passages = search.passages(n).expect("a hit has passages");
        assert!(!passages.highlights.is_empty() && !passages.snippets.is_empty(), "{passages:?}");
    }
    app.update(Action::Down);
    assert_eq!(app.corpus_search.selected, 1);
    app.update(Action::Up);
    let first = app.corpus_search.hits[0].clone();
    let first_highlights = app.corpus_search.passages(0).unwrap().highlights.clone();
    app.update(Action::Submit);
    assert!(app.overlay.is_none());
    assert_eq!(app.focus, Focus::Reader);
    let article = &app.articles[current_article(&app)];
    assert_eq!(article.id, first.id);
    let reader = app.reader.as_ref().unwrap();
    let search = reader.search.as_ref().expect("the hit's matches are highlighted");
    assert_eq!(search.matches, first_highlights);
    assert!(article.text[search.matches[0].clone()].starts_with("Soldat"));
    let sentence = article.detail().sentences[reader.sentence];
    assert!(sentence.start() <= search.matches[0].start && search.matches[0].start < sentence.end());
}

#[test]
fn n_runs_on_to_the_next_hit_and_back_and_ctrl_o_returns() {
    let (mut app, _cache) = app_with_index(160, 45);
    app.update(Action::Open);
    let before = current_article(&app);
    app.update(Action::SearchCorpus);
    type_text(&mut app, "Soldat");
    app.update(Action::Submit);
    let ids: Vec<_> = app.corpus_search.hits.iter().map(|h| h.id.clone()).collect();
    let first_matches = app.corpus_search.passages(0).unwrap().highlights.len();
    // Through the first article's matches, then on to the second hit.
    for _ in 1..first_matches {
        app.update(Action::NextMatch);
        assert_eq!(app.articles[current_article(&app)].id, ids[0]);
    }
    app.update(Action::NextMatch);
    assert_eq!(app.articles[current_article(&app)].id, ids[1]);
    assert_eq!(app.message.as_deref(), Some(format!("hit 2 of {}", ids.len()).as_str()));
    assert_eq!(app.reader.as_ref().unwrap().search.as_ref().unwrap().current, 0);
    // Back: the first hit again, at its last match.
    app.update(Action::PreviousMatch);
    assert_eq!(app.articles[current_article(&app)].id, ids[0]);
    assert_eq!(app.reader.as_ref().unwrap().search.as_ref().unwrap().current, first_matches - 1);
    // Ctrl-o retraces the jumps to where the analyst was before searching.
    app.update(Action::JumpBack);
    app.update(Action::JumpBack);
    app.update(Action::JumpBack);
    assert_eq!(current_article(&app), before);
}

#[test]
fn the_list_narrows_to_the_hits_and_x_shows_all_again() {
    let (mut app, _cache) = app_with_index(160, 45);
    let all = app.list.visible.len();
    app.update(Action::NarrowToHits);
    assert_eq!(app.list.visible.len(), all, "no search yet: nothing to narrow to");
    assert!(app.message.as_deref().unwrap_or_default().contains("no corpus search hits"));
    app.update(Action::SearchCorpus);
    type_text(&mut app, "Gesprache lang:de");
    app.update(Action::Back);
    let mut hits: Vec<String> = app.corpus_search.hits.iter().map(|h| h.id.to_string()).collect();
    assert!(!hits.is_empty());
    app.update(Action::NarrowToHits);
    assert_eq!(app.focus, Focus::List);
    let mut shown: Vec<String> = app.list.visible.iter().map(|&i| app.articles[i].id.to_string()).collect();
    hits.sort();
    shown.sort();
    assert_eq!(shown, hits);
    app.update(Action::ClearFilters);
    assert_eq!(app.list.visible.len(), all);
}

#[test]
fn a_bad_query_says_why_and_the_status_line_shows_indexing() {
    let mut app = sample_app(160, 45);
    app.index_event(IndexEvent::Progress(12_345, 100_000));
    assert_eq!(app.corpus_search.status().as_deref(), Some("indexing 12,345 / 100,000 files for search"));
    app.update(Action::SearchCorpus);
    type_text(&mut app, "Soldat");
    assert!(app.corpus_search.hits.is_empty(), "no index yet");
    let (mut app, _cache) = app_with_index(160, 45);
    app.update(Action::SearchCorpus);
    type_text(&mut app, "date:2024-13");
    assert!(app.corpus_search.error.as_deref().unwrap_or_default().contains("date:"));
    assert!(app.corpus_search.hits.is_empty());
}

#[test]
fn the_search_overlay_is_typed_through_the_text_and_picker_keymap() {
    let (mut app, _cache) = app_with_index(160, 45);
    press(&mut app, "g /");
    assert!(matches!(app.overlay, Some(Overlay::CorpusSearch)));
    assert_eq!(app.key_contexts(), ["picker", "text"]);
    // Letters bound elsewhere (o, l, d, a, s) are typed, not run.
    type_keys(&mut app, "Soldat");
    assert_eq!(app.corpus_search.query, "Soldat");
    assert!(app.corpus_search.hits.len() >= 3);
    press(&mut app, "<C-n>");
    assert_eq!(app.corpus_search.selected, 1);
    press(&mut app, "<BS>");
    assert_eq!(app.corpus_search.query, "Solda");
    press(&mut app, "<C-u>");
    assert_eq!(app.corpus_search.query, "");
    type_keys(&mut app, "Soldat");
    press(&mut app, "<Enter>");
    assert!(app.overlay.is_none());
    assert_eq!(app.articles[current_article(&app)].id, app.corpus_search.hits[0].id);
    press(&mut app, "g /");
    press(&mut app, "<Esc>");
    assert!(app.overlay.is_none(), "Esc closes the overlay");
    assert_eq!(app.corpus_search.query, "Soldat", "the query stays for next time");
}
