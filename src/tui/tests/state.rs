//! State changes through actions: what the analyst does, what the app
//! then holds.

use super::{sample_app, type_text, visible_titles};
use crate::corpus::lang::Lang;
use crate::corpus::timeline::Zoom;
use crate::tui::action::{Action, Scope};
use crate::tui::app::{Effect, Focus, Prompt};
use crate::tui::list::LanguageFilter;
use crate::tui::theme::ThemeName;
use crate::tui::timeline_pane::{PeriodFilter, TimelineRow};
use ratatui::layout::{Position, Rect};

const GERMAN_TRANSLATION: &str = "Valdoria und Koalition vereinbaren Gespräche über Ende des Militäreinsatzes";

#[test]
fn the_fuzzy_filter_finds_gesprache_without_the_umlaut() {
    let mut app = sample_app(160, 45);
    app.update(Action::Filter);
    assert_eq!(app.prompt, Some(Prompt::Filter));
    type_text(&mut app, "gesprache");
    assert_eq!(visible_titles(&app).first().map(String::as_str), Some(GERMAN_TRANSLATION));
    app.update(Action::Submit);
    assert_eq!(app.prompt, None);
    assert_eq!(app.list.query, "gesprache", "Enter keeps the filter");
    // The reader follows the selection.
    let reader = app.reader.as_ref().expect("reader shows the selection");
    assert_eq!(app.articles[reader.article].title(), GERMAN_TRANSLATION);
    app.update(Action::Back);
    assert_eq!(app.list.query, "", "Esc in the list clears the filter");
    assert_eq!(app.list.visible.len(), app.articles.len());
}

#[test]
fn escape_in_the_filter_prompt_clears_it() {
    let mut app = sample_app(160, 45);
    app.update(Action::Filter);
    type_text(&mut app, "zzzzqqq");
    assert!(app.list.visible.is_empty());
    app.update(Action::Back);
    assert_eq!(app.list.visible.len(), app.articles.len());
    assert_eq!(app.prompt, None);
}

#[test]
fn moving_the_timeline_selection_narrows_the_list_and_clearing_restores_it() {
    let mut app = sample_app(160, 45);
    app.update(Action::FocusTimeline);
    assert_eq!(app.focus, Focus::Timeline);
    let all = app.list.visible.len();
    // Step past buckets that hold only date mentions (history years).
    app.update(Action::Down);
    while matches!(&app.timeline.rows[app.timeline.cursor.selected], TimelineRow::Bucket(b) if b.articles.is_empty()) {
        app.update(Action::Down);
    }
    let PeriodFilter::Period(period) = app.timeline.filter() else { panic!("a period is selected") };
    let shown = app.list.visible.len();
    assert!(shown > 0 && shown < all, "{shown} of {all}");
    for &index in &app.list.visible {
        let date = app.articles[index].date.as_ref().and_then(|d| d.value).expect("dated");
        assert!(period.contains(date), "{date} outside {period}");
    }
    let shown_article = app.reader.as_ref().expect("the reader follows the narrowed list").article;
    assert!(app.list.visible.contains(&shown_article));
    app.update(Action::ClearPeriod);
    assert_eq!(app.timeline.filter(), PeriodFilter::All);
    assert_eq!(app.list.visible.len(), all);
}

#[test]
fn zooming_in_keeps_the_selected_period_and_the_undated_bucket_narrows_to_undated() {
    let mut app = sample_app(160, 45);
    app.update(Action::FocusTimeline);
    app.update(Action::Down);
    let PeriodFilter::Period(year) = app.timeline.filter() else { panic!("a year is selected") };
    app.update(Action::ZoomIn);
    assert_eq!(app.timeline.zoom, Zoom::Month);
    let PeriodFilter::Period(month) = app.timeline.filter() else { panic!("a month is selected") };
    assert!(year.contains(month.0) || month == year, "{month} inside {year}");
    app.update(Action::Bottom);
    assert!(matches!(app.timeline.rows.last(), Some(TimelineRow::Undated { .. })));
    assert_eq!(app.timeline.filter(), PeriodFilter::Undated);
    assert!(!app.list.visible.is_empty());
    // The undated row takes every article without an estimate, ranges too.
    assert!(app.list.visible.iter().all(|&i| app.articles[i].date.as_ref().is_none_or(|d| d.value.is_none())));
}

#[test]
fn a_range_sorts_at_its_earliest_day_and_belongs_to_a_period_that_holds_it_whole() {
    use crate::corpus::article::{Provenance, PublicationDate};
    use crate::corpus::dates::{Bound, Inference};
    use crate::tui::list::SortKey;
    let mut app = sample_app(160, 45);
    assert_eq!(app.list.sort, SortKey::Date);
    let undated = app.articles.iter().position(|a| a.date.is_none()).expect("an undated article");
    let bound = |day: &str| Some(Bound { date: day.parse().expect("a day"), why: "test".into() });
    let range = Inference {
        value: None,
        confidence: 0.9,
        not_before: bound("2021-07-05"),
        not_after: bound("2021-07-20"),
        reasoning: vec![],
    };
    app.articles_mut()[undated].set_date(Some(PublicationDate::inferred(range, Provenance::Inferred)));
    app.timeline_stale = true;
    app.after_corrections();
    // Sorted at its earliest day: after everything estimated up to then,
    // before everything estimated later.
    let at = app.list.visible.iter().position(|&i| i == undated).expect("listed");
    let day = |i: usize| app.articles[i].date.as_ref().and_then(|d| d.sort_day()).map(|(day, _)| day);
    let july = "2021-07-05".parse().ok();
    assert!(app.list.visible[..at].iter().all(|&i| day(i) <= july));
    assert!(app.list.visible[at + 1..].iter().all(|&i| day(i).is_none_or(|d| Some(d) >= july)));
    // July 2021 holds the whole range: the month lists it, the year too.
    app.update(Action::FocusTimeline);
    for zoom in [Zoom::Year, Zoom::Month] {
        while app.timeline.zoom != zoom {
            app.update(Action::ZoomIn);
        }
        let row = app.timeline.rows.iter().position(|r| {
            matches!(r, TimelineRow::Bucket(b) if b.period.to_string() == if zoom == Zoom::Year { "2021" } else { "2021-07" })
        });
        app.timeline.cursor.selected = row.expect("the period is on the timeline");
        app.update(Action::Down);
        app.update(Action::Up);
        assert!(app.list.visible.contains(&undated), "{zoom:?}");
        let TimelineRow::Bucket(bucket) = &app.timeline.rows[app.timeline.cursor.selected] else { panic!() };
        assert!(bucket.possible >= 1, "the range is drawn in its period");
    }
    // A week holds only part of it: not listed there.
    app.update(Action::ZoomIn);
    let week = app
        .timeline
        .rows
        .iter()
        .position(|r| matches!(r, TimelineRow::Bucket(b) if b.period.to_string() == "2021-W27"));
    app.timeline.cursor.selected = week.expect("the range's first week is on the timeline");
    app.update(Action::Down);
    app.update(Action::Up);
    assert!(!app.list.visible.contains(&undated));
}

#[test]
fn opening_reading_and_going_back() {
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    assert_eq!(app.focus, Focus::Reader);
    let before = app.reader.as_ref().expect("reader").sentence;
    app.update(Action::NextSentence);
    app.update(Action::NextSentence);
    let after = app.reader.as_ref().expect("reader").sentence;
    assert!(after > before, "the sentence cursor moved: {before} → {after}");
    app.update(Action::Back);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn the_scroll_position_is_remembered_per_article() {
    let mut app = sample_app(160, 16);
    app.update(Action::Open);
    app.update(Action::PageDown);
    let scrolled = app.reader.as_ref().expect("reader").scroll;
    assert!(scrolled > 0);
    app.update(Action::Back);
    app.update(Action::Down);
    assert_eq!(app.reader.as_ref().expect("reader").scroll, 0, "another article starts at the top");
    app.update(Action::Up);
    assert_eq!(app.reader.as_ref().expect("reader").scroll, scrolled);
}

#[test]
fn hiding_boilerplate_removes_flagged_paragraphs_from_the_layout() {
    let mut app = sample_app(160, 45);
    let debris = app.articles.iter().position(|a| a.id.as_str() == "wire/044_c81d0a5b.txt").expect("044");
    let row = app.list.visible.iter().position(|&i| i == debris).expect("listed");
    app.list.cursor.select(row, app.list.visible.len());
    app.update(Action::Open);
    let shown = app.reader.as_ref().expect("reader").wrapped.len();
    app.update(Action::ToggleBoilerplate);
    let hidden = app.reader.as_ref().expect("reader").wrapped.len();
    assert!(hidden < shown, "{hidden} rows with boilerplate hidden, {shown} with it shown");
    assert!(app.reader_prefs.hide_boilerplate);
}

/// Opens the article `id` in the reader.
fn open_article(app: &mut crate::tui::app::App, id: &str) {
    let index = app.article_index(id).unwrap_or_else(|| panic!("{id} is in the sample corpus"));
    app.show_article(index);
}

/// Whether the cursor sentence has a row on screen.
fn cursor_on_screen(app: &crate::tui::app::App) -> bool {
    let reader = app.reader.as_ref().expect("reader");
    let sentence = app.articles[reader.article].detail().sentences[reader.sentence].range();
    let rows = reader.wrapped.rows_for(sentence);
    !rows.is_empty() && rows.start >= reader.scroll && rows.start < reader.scroll + app.reader_height()
}

#[test]
fn hiding_boilerplate_under_the_cursor_moves_it_to_the_nearest_shown_sentence() {
    for start in ["Follow The Harbour Courier", "FILE PHOTO"] {
        let mut app = sample_app(160, 45);
        open_article(&mut app, "wire/044_c81d0a5b.txt");
        let index = app.reader.as_ref().expect("reader").article;
        let article = app.articles[index].clone();
        let flagged = article.detail().sentences.iter().position(|s| article.text[s.range()].starts_with(start));
        let flagged = flagged.expect("a sentence on a flagged line");
        for _ in 0..article.detail().sentences.len() {
            let here = app.reader.as_ref().expect("reader").sentence;
            if here == flagged {
                break;
            }
            app.update(if here < flagged { Action::NextSentence } else { Action::PreviousSentence });
        }
        assert_eq!(app.reader.as_ref().expect("reader").sentence, flagged, "{start}");
        app.update(Action::ToggleBoilerplate);
        let reader = app.reader.as_ref().expect("reader");
        assert!(reader.shown_sentences.contains(&reader.sentence), "{start}: the cursor is on a shown sentence");
        assert!(reader.sentence.abs_diff(flagged) <= 2, "{start}: it moved to a neighbour, not the top");
        assert!(cursor_on_screen(&app), "{start}: and it is on screen");
        let here = reader.sentence;
        let mut visited = vec![here];
        for step in [Action::NextSentence, Action::PreviousSentence, Action::PreviousSentence] {
            app.update(step);
            assert!(cursor_on_screen(&app), "{start}: {step:?} shows the cursor");
            visited.push(app.reader.as_ref().expect("reader").sentence);
        }
        assert!(visited.iter().any(|&s| s != here), "{start}: ( and ) move: {visited:?}");
        app.update(Action::Top);
        app.update(Action::NextSentence);
        assert!(cursor_on_screen(&app), "{start}: gg ) shows the cursor");
    }
}

#[test]
fn search_puts_the_sentence_cursor_on_the_hit_and_skips_hidden_boilerplate() {
    let mut app = sample_app(160, 45);
    open_article(&mut app, "wire/044_c81d0a5b.txt");
    let index = app.reader.as_ref().expect("reader").article;
    let article = app.articles[index].clone();
    app.update(Action::ToggleBoilerplate);
    app.update(Action::Search);
    type_text(&mut app, "drone");
    app.update(Action::Submit);
    let reader = app.reader.as_ref().expect("reader");
    let search = reader.search.clone().expect("a search");
    assert!(!search.matches.is_empty());
    for hit in &search.matches {
        assert!(!reader.wrapped.rows_for(hit.clone()).is_empty(), "every hit is on a shown line");
    }
    for step in 0..search.matches.len() + 1 {
        let reader = app.reader.as_ref().expect("reader");
        let search = reader.search.as_ref().expect("search");
        let hit = search.matches[search.current].clone();
        let sentence = article.detail().sentences[reader.sentence].range();
        assert!(sentence.start <= hit.start && hit.end <= sentence.end, "step {step}: the cursor holds the hit");
        assert!(cursor_on_screen(&app), "step {step}");
        app.update(if step == 1 { Action::PreviousMatch } else { Action::NextMatch });
    }
    // "Meridian" is in the photo caption and the related posts: shown, they hold hits.
    app.update(Action::ToggleBoilerplate);
    app.update(Action::Search);
    type_text(&mut app, "meridian");
    let all = app.reader.as_ref().and_then(|r| r.search.clone()).expect("search").matches.len();
    app.update(Action::Back);
    app.update(Action::ToggleBoilerplate);
    app.update(Action::Search);
    type_text(&mut app, "meridian");
    let only_shown = app.reader.as_ref().and_then(|r| r.search.clone()).expect("search").matches.len();
    assert!(only_shown < all, "{only_shown} hits with boilerplate hidden, {all} with it shown");
    // The cursor sits on the hit even outside any sentence of body text.
    let reader = app.reader.as_ref().expect("reader");
    let search = reader.search.as_ref().expect("search");
    if let Some(hit) = search.matches.get(search.current) {
        let sentence = article.detail().sentences[reader.sentence].range();
        assert!(sentence.start <= hit.start && hit.end <= sentence.end);
    }
}

#[test]
fn search_in_the_article_finds_every_match_and_cycles() {
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    app.update(Action::Search);
    assert_eq!(app.prompt, Some(Prompt::Search));
    type_text(&mut app, "valdoria");
    app.update(Action::Submit);
    let search = app.reader.as_ref().and_then(|r| r.search.clone()).expect("a search");
    let article = &app.articles[app.reader.as_ref().expect("reader").article];
    let expected = article.text.to_lowercase().matches("valdoria").count();
    assert_eq!(search.matches.len(), expected);
    assert!(expected > 1);
    let first = search.current;
    app.update(Action::NextMatch);
    let next = app.reader.as_ref().and_then(|r| r.search.as_ref()).expect("search").current;
    assert_eq!(next, (first + 1) % expected);
    let reader = app.reader.as_ref().expect("reader");
    let hit = reader.search.as_ref().expect("search").matches[next].start;
    let sentence = &app.articles[reader.article].detail().sentences[reader.sentence];
    assert!(sentence.contains(hit), "the sentence cursor follows the match, ready to tag it");
    app.update(Action::Back);
    assert!(app.reader.as_ref().expect("reader").search.is_none(), "Esc ends the search first");
    assert_eq!(app.focus, Focus::Reader);
}

#[test]
fn sorting_and_the_language_filter() {
    let mut app = sample_app(160, 45);
    app.update(Action::CycleSort);
    let titles = visible_titles(&app);
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted, "sorted by title");
    app.update(Action::CycleLanguage);
    assert_eq!(app.list.language, LanguageFilter::Only(Lang::De));
    assert!(!app.list.visible.is_empty());
    assert!(app.list.visible.iter().all(|&i| app.articles[i].lang.lang == Lang::De));
    app.update(Action::ClearFilters);
    assert_eq!(app.list.visible.len(), app.articles.len());
}

#[test]
fn narrow_terminals_give_the_reader_the_whole_screen() {
    let mut app = sample_app(80, 24);
    assert!(app.areas().reader.is_none());
    app.update(Action::Open);
    assert_eq!(app.areas().reader, Some(Rect::new(0, 0, 80, 22)));
    assert!(app.areas().list.is_none());
    app.update(Action::Back);
    assert!(app.areas().list.is_some());
}

#[test]
fn clicks_focus_and_select_and_the_wheel_scrolls() {
    let mut app = sample_app(160, 16);
    let list = app.areas().list.expect("list area");
    // Border row, header row, then the rows: click the third article.
    app.click(Position::new(list.x + 3, list.y + 4));
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.list.cursor.selected, 2);
    app.click(Position::new(list.x + 3, list.y + 2));
    assert_eq!(app.list.cursor.selected, 0);
    let reader = app.areas().reader.expect("reader area");
    app.wheel(Position::new(reader.x + 5, reader.y + 5), true);
    assert_eq!(app.reader.as_ref().expect("reader").scroll, 3);
    let timeline = app.areas().timeline.expect("timeline area");
    let second_line = app.timeline.drawn_rows(app.timeline_height()).nth(1);
    app.click(Position::new(timeline.x + 2, timeline.y + 2));
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(Some(app.timeline.cursor.selected), second_line, "the row drawn under `all` is selected");
}

#[test]
fn pane_widths_change_from_the_keyboard() {
    let mut app = sample_app(160, 45);
    let before = app.areas().list.expect("list").width;
    app.update(Action::WidenPane);
    assert_eq!(app.areas().list.expect("list").width, before + 4);
    app.update(Action::FocusTimeline);
    app.update(Action::NarrowPane);
    assert_eq!(app.areas().timeline.expect("timeline").width, 22);
}

#[test]
fn the_palette_runs_an_action_by_name() {
    let mut app = sample_app(160, 45);
    app.update(Action::OpenPalette);
    type_text(&mut app, "toggle theme");
    let before = app.theme.name;
    app.update(Action::Submit);
    assert!(app.overlay.is_none());
    assert_ne!(app.theme.name, before);
}

#[test]
fn mouse_capture_and_external_viewer_are_effects_for_the_event_loop() {
    let mut app = sample_app(160, 45);
    assert_eq!(app.update(Action::ToggleMouse), vec![Effect::SetMouse(false)]);
    assert!(!app.mouse);
    let effects = app.update(Action::OpenExternal);
    let [Effect::OpenExternal { path, .. }] = effects.as_slice() else { panic!("one effect: {effects:?}") };
    assert!(path.exists(), "{} exists", path.display());
}

#[test]
fn typing_a_filter_selects_the_best_match() {
    let mut app = sample_app(160, 45);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Filter);
    type_text(&mut app, "agree to open talks");
    assert_eq!(app.list.cursor.selected, 0);
    let reader = app.reader.as_ref().expect("reader follows");
    assert_eq!(app.articles[reader.article].title(), visible_titles(&app)[0]);
    assert!(visible_titles(&app)[0].starts_with("Valdoria and coalition agree to open talks"));
}

#[test]
fn articles_arriving_in_batches_are_merged_into_the_order_a_full_sort_gives() {
    let whole = sample_app(160, 45);
    let root = whole.root.clone();
    for sorts in 0..3 {
        // Arrival order is reversed and split in three, as a load streams.
        let mut articles = whole.articles.to_vec();
        articles.reverse();
        let mut app = crate::tui::app::App::new(root.clone(), false, true);
        app.resize(Rect::new(0, 0, 160, 45));
        for _ in 0..sorts {
            app.update(Action::CycleSort);
        }
        while !articles.is_empty() {
            let rest = articles.split_off(articles.len().min(9));
            app.add_articles(std::mem::replace(&mut articles, rest));
        }
        let merged = visible_titles(&app);
        app.refresh_list();
        assert_eq!(merged, visible_titles(&app), "sort {:?}", app.list.sort);
        assert_eq!(merged.len(), whole.articles.len());
    }
}

#[test]
fn the_theme_toggle_is_remembered_and_says_when_config_ron_decides() {
    let mut app = sample_app(160, 45);
    app.choose_theme(None);
    assert_eq!(app.theme.name, ThemeName::Dark);
    assert_eq!(app.update(Action::ToggleTheme), vec![Effect::RememberTheme(ThemeName::Light)]);
    assert_eq!(app.theme.name, ThemeName::Light);
    assert_eq!(app.message.as_deref(), Some("light theme"));
    app.choose_theme(Some(ThemeName::Light));
    assert_eq!(app.theme.name, ThemeName::Light, "the remembered theme is taken at start");
    app.settings.theme = Some(ThemeName::Light);
    app.update(Action::ToggleTheme);
    assert_eq!(app.theme.name, ThemeName::Dark);
    assert_eq!(app.message.as_deref(), Some("dark theme; config.ron says light"));
}

#[test]
fn read_articles_can_be_filtered_out_and_g_u_goes_to_the_next_unread() {
    let mut app = sample_app(160, 45);
    let all = app.list.visible.len();
    let first = app.list.visible[0];
    app.update(Action::ToggleRead);
    assert!(app.is_read(first));
    app.update(Action::Down);
    app.update(Action::ToggleRead);
    let second = app.list.visible[1];
    assert!(app.is_read(second));
    // Back on the first: the next unread is the third row, reader included.
    app.update(Action::Top);
    app.update(Action::NextUnread);
    assert_eq!(app.list.cursor.selected, 2);
    assert_eq!(app.reader.as_ref().map(|r| r.article), Some(app.list.visible[2]));
    app.update(Action::ToggleUnreadOnly);
    assert_eq!(app.list.visible.len(), all - 2);
    assert!(!app.list.visible.contains(&first) && !app.list.visible.contains(&second));
    // Marking it unread again brings it back into the filtered list.
    app.update(Action::ToggleUnreadOnly);
    app.update(Action::Top);
    app.update(Action::ToggleRead);
    app.update(Action::ToggleUnreadOnly);
    assert_eq!(app.list.visible.len(), all - 1);
    assert!(app.list.visible.contains(&first));
    // Wrapping round from the last row.
    app.update(Action::Bottom);
    app.update(Action::NextUnread);
    assert_eq!(app.list.selected_article(), Some(app.list.visible[0]));
    app.update(Action::ClearFilters);
    assert!(!app.list.unread_only);
}

#[test]
fn next_unread_says_so_when_everything_is_read() {
    let mut app = sample_app(160, 45);
    for _ in 0..app.list.visible.len() {
        app.update(Action::ToggleRead);
        app.update(Action::Down);
    }
    app.update(Action::Top);
    app.update(Action::NextUnread);
    assert_eq!(app.list.cursor.selected, 0);
    assert_eq!(app.message.as_deref(), Some("no other unread article in the list"));
}

#[test]
fn o_on_a_json_lines_article_gives_the_pager_its_record_not_the_dump() {
    use crate::corpus::SourceFormat;
    let mut app = sample_app(160, 45);
    let records: Vec<usize> = (0..app.articles.len())
        .filter(|&i| {
            app.articles[i].format == SourceFormat::JsonLines
                && app.articles[i].id.as_str().starts_with("wire-dump.jsonl#")
        })
        .collect();
    assert!(records.len() >= 2, "the sample dump holds several records");
    let (this, other) = (&app.articles[records[0]], &app.articles[records[1]]);
    let (title, text, other_title) = (this.title().to_string(), this.text.clone(), other.title().to_string());
    app.show_article(records[0]);
    let effects = app.update(Action::OpenExternal);
    let [Effect::OpenExternal { path, record: Some(page), .. }] = effects.as_slice() else {
        panic!("the record for the pager: {effects:?}")
    };
    assert!(path.ends_with("wire-dump.jsonl"), "{}", path.display());
    assert!(page.starts_with(&format!("{title}\n")) && page.contains(text.as_str()), "{page}");
    assert!(page.contains("url: https://"), "{page}");
    assert!(!page.contains(&other_title) && !page.contains("{\""), "only this record: {page}");
    let cache = tempfile::tempdir().expect("a cache folder");
    let folder = cache.path().join("pages");
    let file = crate::tui::external::record_file(page, &folder).expect("a temporary file");
    assert!(file.path().starts_with(&folder), "in the cache, not the system's temp folder");
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), *page);
    let kept = file.path().to_path_buf();
    drop(file);
    assert!(!kept.exists(), "the temporary file goes after the pager");
    // A file of its own is shown as it is.
    let plain = (0..app.articles.len()).find(|&i| app.articles[i].format != SourceFormat::JsonLines).unwrap();
    app.show_article(plain);
    let effects = app.update(Action::OpenExternal);
    assert!(matches!(effects.as_slice(), [Effect::OpenExternal { record: None, .. }]), "{effects:?}");
}

/// What the analyst can see of the app's state, to tell whether an action
/// changed anything.
fn observable(app: &crate::tui::app::App) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{}|{:?}",
        app.focus,
        app.overlay,
        app.prompt,
        app.list,
        app.timeline,
        app.reader,
        app.reader_prefs,
        app.notes.annotations,
        app.widths,
        app.theme,
        app.mouse,
        app.marked,
        app.jumps,
        app.quit,
        app.reader_open,
    )
}

/// Issue 12: an action nobody handles must not compile (`App::update` is
/// one exhaustive match), and none run from the palette does nothing and
/// says nothing: each acts (on its own pane, focusing it) or says why not.
#[test]
fn every_action_run_from_the_palette_acts_or_says_why_not() {
    let offered = Action::ALL.iter().copied().filter(|a| a.scope() != Scope::Typing);
    let mut silent = Vec::new();
    for action in offered {
        // Somewhere each pane's actions have something to do: moved down
        // from the top, a language or a period chosen, zoomed in.
        for (focus, setup) in [
            (Action::FocusList, [Action::CycleLanguage, Action::Down, Action::Down]),
            (Action::FocusTimeline, [Action::ZoomIn, Action::Down, Action::Down]),
        ] {
            // Going where one is, or back from nowhere, has nothing to say.
            if action == focus || action == Action::Back {
                continue;
            }
            let mut app = sample_app(160, 45);
            app.update(focus);
            setup.into_iter().for_each(|step| drop(app.update(step)));
            let before = observable(&app);
            app.update(Action::OpenPalette);
            type_text(&mut app, action.name());
            let effects = app.update(Action::Submit);
            if effects.is_empty() && app.message.is_none() && observable(&app) == before {
                silent.push((action, focus));
            }
        }
    }
    assert!(silent.is_empty(), "did nothing and said nothing: {silent:?}");
}

/// Issue 12, problem 5: ZoomIn and NextSentence from the palette act on
/// their pane, which takes the focus; the reader without an article says why.
#[test]
fn a_pane_action_from_the_palette_acts_on_its_pane() {
    let mut app = sample_app(160, 45);
    assert_eq!(app.focus, Focus::List);
    let zoom = app.timeline.zoom;
    app.update(Action::OpenPalette);
    type_text(&mut app, "ZoomIn");
    app.update(Action::Submit);
    assert_eq!(app.focus, Focus::Timeline);
    assert_ne!(app.timeline.zoom, zoom, "the timeline zoomed in");

    app.update(Action::FocusList);
    let sentence = app.reader.as_ref().expect("the list's article is in the reader").sentence;
    app.update(Action::OpenPalette);
    type_text(&mut app, "NextSentence");
    app.update(Action::Submit);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.as_ref().expect("reader").sentence, sentence + 1);

    app.update(Action::FocusList);
    app.update(Action::Filter);
    type_text(&mut app, "zzzzqqqq");
    app.update(Action::Submit);
    assert!(app.reader.is_none());
    app.update(Action::NextSentence);
    assert_eq!(app.focus, Focus::List);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("NextSentence acts on the reader: no article is selected"), "{message}");
}

/// Issue 12, problem 5: typing an action's exact name runs it, not a
/// longer one that starts with it.
#[test]
fn open_and_enter_in_the_palette_runs_open() {
    let mut app = sample_app(160, 45);
    app.update(Action::OpenPalette);
    type_text(&mut app, "Open");
    app.update(Action::Submit);
    assert!(app.overlay.is_none(), "the palette did not open itself again");
    assert_eq!(app.focus, Focus::Reader, "Open opened the article");
}

/// Sorting by title reads titles as the filter folds them: `Ägypten`
/// between `Abzug` and `Zoll`, not after `Zoll` as byte order has it.
#[test]
fn sorting_by_title_puts_umlauts_with_their_letters() {
    use crate::corpus::{Article, ArticleId, RawDocument, SourceFormat, StatedMeta};
    let titled = |title: &str| {
        Article::analyse(RawDocument {
            id: ArticleId(format!("{title}.md")),
            path: format!("{title}.md").into(),
            format: SourceFormat::Markdown,
            encoding: "UTF-8",
            meta: StatedMeta { title: Some(title.to_string()), ..StatedMeta::default() },
            body: "Text.".to_string(),
        })
    };
    let mut app = crate::tui::app::App::new(std::path::PathBuf::from("corpus"), false, true);
    app.resize(Rect::new(0, 0, 160, 45));
    app.add_articles(["Zoll", "Ägypten", "abzug"].into_iter().map(titled).collect());
    app.update(Action::CycleSort);
    assert_eq!(visible_titles(&app), ["abzug", "Ägypten", "Zoll"]);
}
