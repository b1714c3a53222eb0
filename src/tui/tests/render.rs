//! Rendered frames through ratatui's `TestBackend`: what the analyst
//! sees, at several sizes, with snapshots of the main views.

use super::{default_hints, sample_app, type_text};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::hints::Hints;
use crate::tui::theme::ThemeName;
use crate::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// Draws `app` into a `width`×`height` test terminal and returns its text.
fn render(app: &mut App, hints: &Hints, width: u16, height: u16) -> String {
    let buffer = render_cells(app, hints, width, height);
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The same, cell by cell with their styles.
fn render_cells(app: &mut App, hints: &Hints, width: u16, height: u16) -> Buffer {
    app.resize(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view::draw(app, hints, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

#[test]
fn every_size_from_one_by_one_renders_without_panic() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    let widths = (1..=40).chain((41..=210).step_by(13));
    let heights: Vec<u16> = (1..=14).chain((15..=60).step_by(9)).collect();
    for width in widths {
        for &height in &heights {
            for setup in [Action::Back, Action::Open, Action::ToggleHelp] {
                app.update(Action::Back);
                app.update(Action::Back);
                app.update(setup);
                let screen = render(&mut app, &hints, width, height);
                assert_eq!(screen.split('\n').count(), height as usize);
            }
        }
    }
}

#[test]
fn the_main_screen_shows_timeline_list_reader_and_status() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    let screen = render(&mut app, &hints, 160, 45);
    for text in ["Timeline", "Articles 33/33", "undated", "Title", "sample-corpus", "33/33 articles", "focus list"] {
        assert!(screen.contains(text), "{text:?} missing in\n{screen}");
    }
    assert!(screen.contains("? help") && screen.contains("/ filter"), "the footer shows the main keys:\n{screen}");
    insta::assert_snapshot!("main_160x45", screen);
}

#[test]
fn the_filter_highlights_and_the_status_line_names_it() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::Filter);
    type_text(&mut app, "gesprache");
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("filter / gesprache"), "{screen}");
    assert!(screen.contains("filter “gesprache”"));
    assert!(screen.contains("Valdoria und Koalition vereinbaren Gespräche"));
    insta::assert_snapshot!("filtered_160x45", screen);
}

#[test]
fn the_reader_shows_the_article_with_dates_resolved() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("dates:"), "{screen}");
    assert!(screen.contains("focus reader"));
    insta::assert_snapshot!("reader_160x45", screen);
}

#[test]
fn narrow_layouts_stack_the_panes_and_open_the_reader_full_screen() {
    let hints = default_hints();
    let mut app = sample_app(80, 24);
    let stacked = render(&mut app, &hints, 80, 24);
    assert!(stacked.contains("Timeline") && stacked.contains("Articles"));
    insta::assert_snapshot!("main_80x24", stacked);
    app.update(Action::Open);
    let reader = render(&mut app, &hints, 80, 24);
    assert!(!reader.contains("Timeline"), "{reader}");
    insta::assert_snapshot!("reader_80x24", reader);
    let medium = render(&mut app, &hints, 100, 30);
    insta::assert_snapshot!("reader_100x30", medium);
}

#[test]
fn help_lists_every_bound_action_with_its_key() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::ToggleHelp);
    let lines = view::help_text(&app, &hints);
    for context in crate::tui::hints::CONTEXTS {
        for (keys, action) in hints.bindings(context) {
            assert!(
                lines.iter().any(|l| l.contains(keys.as_str()) && l.contains(action.description())),
                "help misses {keys} → {}",
                action.name()
            );
        }
    }
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("Help"));
    insta::assert_snapshot!("help_160x45", screen);
}

#[test]
fn the_palette_and_the_which_key_popup() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::OpenPalette);
    type_text(&mut app, "zoom");
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("Command palette"));
    assert!(screen.contains("ZoomIn"));
    app.update(Action::Back);
    app.pending = Some(crate::tui::app::PendingKeys {
        prefix: "g".to_string(),
        next: vec![("g".to_string(), "go to the top".to_string()), ("t".to_string(), "focus the timeline".to_string())],
    });
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("go to the top") && screen.contains("focus the timeline"), "{screen}");
}

/// The sample corpus with suggestions found and the English original open,
/// its cursor on the troop figure.
fn reading_with_suggestions() -> App {
    let mut app = sample_app(160, 45);
    app.suggestions_found(crate::tui::suggestions::Found::of_articles(&app.articles));
    let index = app.article_index("wire/012_7f3a9c1e.txt").expect("the English original");
    app.show_article(index);
    for _ in 0..40 {
        let reader = app.reader.as_ref().expect("reader");
        if app.articles[index]
            .detail()
            .sentence(reader.sentence)
            .is_some_and(|s| app.articles[index].text[s].starts_with("The coalition has 2,500 troops"))
        {
            break;
        }
        app.update(Action::NextSentence);
    }
    app
}

#[test]
fn the_reader_lists_suggestions_with_their_evidence() {
    let hints = default_hints();
    let mut app = reading_with_suggestions();
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("▸ translation-of 88% Valdoria und Koalition vereinbaren"), "{screen}");
    assert!(screen.contains("evidence: same order:"), "{screen}");
    assert!(screen.contains("a accept") && screen.contains("R reject"), "keys from the keymap:\n{screen}");
}

#[test]
fn the_recurring_view_sets_the_two_sentences_side_by_side() {
    let hints = default_hints();
    let mut app = reading_with_suggestions();
    app.update(Action::ShowRecurring);
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("The same claim elsewhere"), "{screen}");
    assert!(screen.contains("shared: 2,500"), "{screen}");
    insta::assert_snapshot!("recurring_160x45", screen);
}

#[test]
fn suggestions_and_the_recurring_view_render_at_every_size() {
    let hints = default_hints();
    let mut app = reading_with_suggestions();
    let widths = (1..=40).step_by(3).chain((41..=210).step_by(23));
    let heights: Vec<u16> = (1..=14).step_by(2).chain((15..=60).step_by(15)).collect();
    for width in widths {
        for &height in &heights {
            for recurring in [false, true] {
                app.overlay = None;
                app.focus = crate::tui::app::Focus::Reader;
                if recurring {
                    app.update(Action::ShowRecurring);
                }
                let screen = render(&mut app, &hints, width, height);
                assert_eq!(screen.split('\n').count(), height as usize);
            }
        }
    }
}

#[test]
fn the_date_offer_stays_when_every_suggestion_is_settled() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.suggestions_found(crate::tui::suggestions::Found::of_articles(&app.articles));
    let undated = app.article_index("wire/055_a4c7e2b9.txt").expect("the undated translation");
    app.show_article(undated);
    app.update(Action::AcceptSuggestion);
    while !app.suggestions_here().is_empty() {
        app.update(Action::RejectSuggestion);
    }
    let screen = render(&mut app, &hints, 160, 45);
    assert!(!screen.contains("suggested ("), "{screen}");
    assert!(screen.contains("undated: y dates it 2024-02-12, as analysis/first-round.md"), "{screen}");
}

#[test]
fn bidi_overrides_and_invisible_characters_never_reach_the_terminal() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    // A title the way a hostile annotation file or a paste could bring it.
    app.update(Action::EditTitle);
    app.edit(crate::tui::app::TextEdit::Clear);
    type_text(&mut app, "Evil\u{202e}txt.exe\u{200b}\u{2066} title");
    app.update(Action::Submit);
    let screen = render(&mut app, &hints, 160, 45);
    assert!(screen.contains("Eviltxt.exe title"), "the title shows, without its hazards:\n{screen}");
    let hazards: Vec<char> = screen.chars().filter(|&c| crate::display::hazard(c).is_some() && c != '\n').collect();
    assert!(hazards.is_empty(), "{hazards:?} reached the frame:\n{screen}");
}

#[test]
fn ranges_show_as_ranges_in_the_timeline_and_the_list() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    let screen = render(&mut app, &hints, 160, 45);
    let row = |label: &str| screen.lines().find(|l| l.starts_with(&format!("│{label} "))).unwrap_or_default();
    // 2024 holds a stated date and estimates: both show, however they round.
    assert!(row("2024").contains('█') && row("2024").contains('▒'), "{}", row("2024"));
    // A lower bound with no estimate is marked light in its period.
    assert!(row("2003").contains('░'), "{}", row("2003"));
    // The list writes bounds to the month and estimates with `~`.
    assert!(screen.contains("≥2003-01 "), "{screen}");
    assert!(screen.contains("~2024-W04"), "{screen}");
    assert!(!screen.contains("~≥"), "a bound is not an estimate:\n{screen}");
}

#[test]
fn the_corpus_search_lists_hits_with_marked_snippets_at_both_sizes() {
    let hints = default_hints();
    let (mut app, _cache) = super::corpus_search::app_with_index(160, 45);
    app.update(Action::SearchCorpus);
    type_text(&mut app, "Soldat lang:de");
    let screen = render(&mut app, &hints, 160, 45);
    for text in ["Search the corpus", "> Soldat lang:de", "hits", "Soldaten"] {
        assert!(screen.contains(text), "{text:?} missing in\n{screen}");
    }
    insta::assert_snapshot!("corpus_search_160x45", screen);
    let small = render(&mut app, &hints, 80, 24);
    assert!(small.contains("> Soldat lang:de") && small.contains("Soldat"), "{small}");
    insta::assert_snapshot!("corpus_search_80x24", small);
}

#[test]
fn the_corpus_search_finds_snippets_only_for_the_rows_it_draws() {
    let hints = default_hints();
    let (mut app, _cache) = super::corpus_search::app_with_index(80, 24);
    app.update(Action::SearchCorpus);
    type_text(&mut app, "the");
    let hits = app.corpus_search.hits.len();
    assert_eq!(app.corpus_search.passages_found(), 0, "typing finds no snippets");
    let screen = render(&mut app, &hints, 80, 24);
    let drawn = app.corpus_search.passages_found();
    assert!(drawn > 0 && drawn < hits, "{drawn} snippets for {hits} hits:\n{screen}");
    // Each drawn row shows its snippet; the rows below are still untouched.
    let snippet = app.corpus_search.passages(0).unwrap().snippets[0].text.clone();
    let start: String = snippet.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&start), "{start:?} missing in\n{screen}");
    assert_eq!(app.corpus_search.passages_found(), drawn);
}

/// The text of the reader's last laid-out row, trimmed.
fn last_text_row(app: &App) -> String {
    let reader = app.reader.as_ref().expect("reader");
    let row = reader.wrapped.rows().last().expect("rows").span.clone();
    app.articles[reader.article].text[row].trim().to_string()
}

#[test]
fn the_end_of_an_article_shows_under_the_suggestion_panel_and_above_the_dates_line() {
    let hints = default_hints();
    for (width, height) in [(160, 45), (80, 24)] {
        let mut app = reading_with_suggestions();
        app.resize(Rect::new(0, 0, width, height));
        assert!(!app.suggestions_here().is_empty(), "the panel shows");
        app.update(Action::Bottom);
        let screen = render(&mut app, &hints, width, height);
        let last = last_text_row(&app);
        let lines: Vec<&str> = screen.lines().collect();
        let at = lines.iter().position(|l| l.contains(&last)).unwrap_or_else(|| panic!("{last:?} shown:\n{screen}"));
        assert!(lines[at + 1].contains("dates:") || lines[at + 1].contains("claim:"), "footer under it:\n{screen}");
        assert!(screen.contains(" 100% "), "{screen}");
        // Paging down from the top reaches the same end.
        app.update(Action::Top);
        for _ in 0..50 {
            app.update(Action::PageDown);
        }
        assert!(render(&mut app, &hints, width, height).contains(&last), "Ctrl-d reaches the end");
        app.update(Action::Top);
        for _ in 0..500 {
            app.update(Action::Down);
        }
        assert!(render(&mut app, &hints, width, height).contains(&last), "j reaches the end");
    }
}

#[test]
fn a_click_in_the_reader_selects_the_sentence_under_the_pointer() {
    let hints = default_hints();
    let mut app = reading_with_suggestions();
    let screen = render(&mut app, &hints, 160, 45);
    let areas = app.reader_areas().expect("reader areas");
    assert!(areas.above.height > 3, "the suggestion panel sits above the text");
    let reader = app.reader.as_ref().expect("reader");
    let article = app.articles[reader.article].clone();
    // Click text rows on screen: the cursor lands on a sentence that has
    // text on that row, as drawn.
    let mut clicked = 0;
    for y in areas.text.y..areas.text.bottom() {
        let row = app.reader.as_ref().unwrap().scroll + (y - areas.text.y) as usize;
        let Some(span) = app.reader.as_ref().unwrap().wrapped.rows().get(row).map(|r| r.span.clone()) else { break };
        let words = article.text[span.clone()].trim();
        if words.is_empty() {
            continue;
        }
        let drawn = screen.lines().nth(y as usize).expect("row");
        assert!(drawn.contains(words), "row {y} draws {words:?}:\n{screen}");
        app.click(ratatui::layout::Position::new(areas.text.x + 2, y));
        let sentence = article.detail().sentences[app.reader.as_ref().unwrap().sentence].range();
        assert!(
            sentence.start < span.end && span.start < sentence.end,
            "row {y}: {words:?} is in the sentence clicked"
        );
        clicked += 1;
    }
    assert!(clicked > 10, "{clicked} rows clicked");
}

#[test]
fn the_light_theme_paints_its_background_and_the_selected_row_reads() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.settings.theme = Some(ThemeName::Light);
    app.choose_theme(Some(ThemeName::Dark));
    assert_eq!(app.theme.name, ThemeName::Light, "config.ron wins over the remembered theme");
    app.update(Action::Open);
    app.update(Action::ToggleHelp);
    let cells = render_cells(&mut app, &hints, 160, 45);
    let theme = app.theme;
    for cell in cells.content() {
        assert!(cell.bg != Color::Reset && cell.fg != Color::Reset, "a cell in the terminal's colours: {cell:?}");
        assert_ne!(cell.fg, cell.bg, "text the colour of its background: {cell:?}");
    }
    // The list's selected row: the theme's text on the selection colour.
    let list = app.areas().list.expect("list");
    let row = list.y + 2 + (app.list.cursor.selected - app.list.cursor.offset) as u16;
    let cell = &cells[(list.x + 2, row)];
    assert_eq!((Some(cell.fg), Some(cell.bg)), (theme.selected.fg, theme.selected.bg), "{cell:?}");
}

#[test]
fn the_list_marks_read_articles_and_the_marked_one() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    let title = |app: &App, position: usize| {
        app.articles[app.list.visible[position]].title().chars().take(20).collect::<String>()
    };
    let (first, second) = (title(&app, 0), title(&app, 1));
    let before = render(&mut app, &hints, 160, 45);
    assert!(before.contains(&format!("┃ {first}")) && before.contains(&format!("┃ {second}")), "{before}");
    app.update(Action::ToggleRead);
    app.update(Action::Down);
    app.update(Action::Mark);
    let after = render(&mut app, &hints, 160, 45);
    assert!(after.contains(&format!("┃✓{first}")), "{after}");
    assert!(after.contains(&format!("┃◆{second}")), "{after}");
}

#[test]
fn at_80x24_the_timeline_starts_where_the_articles_are_and_names_its_dots() {
    let hints = default_hints();
    let mut app = sample_app(80, 24);
    let screen = render(&mut app, &hints, 80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[1].starts_with("│all"), "{screen}");
    // The first period under `all` holds articles (2020 in the sample), not 2003's history.
    assert!(lines[2].starts_with("│2020        1"), "{screen}");
    assert!(!screen.contains("│2003"), "{screen}");
    assert!(lines.iter().any(|l| l.contains("• date mentions (e)")), "{screen}");
    // Down from `all` selects the first period shown, and the earlier years
    // are still there above it.
    app.update(Action::FocusTimeline);
    app.update(Action::Down);
    let screen = render(&mut app, &hints, 80, 24);
    assert!(screen.lines().nth(2).unwrap().starts_with("┃2020"), "{screen}");
    for _ in 0..3 {
        app.update(Action::Up);
    }
    let screen = render(&mut app, &hints, 80, 24);
    assert!(screen.lines().nth(2).unwrap().starts_with("┃2003"), "{screen}");
    app.update(Action::ToggleEvents);
    let screen = render(&mut app, &hints, 80, 24);
    assert!(!screen.contains("date mentions"), "{screen}");
}

#[test]
fn the_reader_header_shows_the_articles_tags() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    app.update(Action::ArticleTags);
    type_text(&mut app, "kessaran, rockets");
    app.update(Action::Submit);
    let screen = render(&mut app, &hints, 160, 45);
    let header = screen.lines().nth(1).expect("the reader's header");
    assert!(header.contains("unknown source · #kessaran #rockets · de · "), "{header}");
}

/// The footer: the last row but one (the status line is the last).
fn footer(screen: &str) -> &str {
    let rows: Vec<&str> = screen.split('\n').collect();
    rows[rows.len() - 2]
}

#[test]
fn at_80_columns_the_footer_still_shows_help_and_quit() {
    let hints = default_hints();
    for open in [Action::Back, Action::Open] {
        let mut app = sample_app(80, 24);
        app.update(open);
        let screen = render(&mut app, &hints, 80, 24);
        let footer = footer(&screen);
        assert!(footer.contains("? help") && footer.trim_end().ends_with("q quit"), "{footer:?} in\n{screen}");
    }
}

#[test]
fn while_a_selection_is_active_the_footer_hints_its_keys() {
    let hints = default_hints();
    let mut app = sample_app(160, 45);
    app.update(Action::Open);
    let before = render(&mut app, &hints, 160, 45);
    assert!(!footer(&before).contains("J "), "{}", footer(&before));
    app.update(Action::Select);
    let screen = render(&mut app, &hints, 160, 45);
    let footer = footer(&screen);
    for key in ["J ", "K ", "w ", "W ", "S ", "s ", "? help", "q quit"] {
        assert!(footer.contains(key), "{key:?} missing in {footer:?}");
    }
}

#[test]
fn a_first_load_tells_how_many_files_are_analysed_of_how_many() {
    let hints = default_hints();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let corpus = crate::corpus::Corpus::load(&root).expect("load sample-corpus");
    let mut app = App::new(root, false, true);
    let found = crate::corpus::StreamEvent::Found { files: 100_000 };
    crate::tui::on_load(&mut app, crate::tui::loader::LoadEvent::Corpus(found));
    for (width, height) in [(160, 45), (80, 24)] {
        let screen = render(&mut app, &hints, width, height);
        assert!(screen.contains("analysing 0 / 100,000"), "{screen}");
    }
    let first = corpus.articles.into_iter().take(3).collect();
    let batch = crate::corpus::StreamEvent::Batch { articles: first, done: 12_345 };
    crate::tui::on_load(&mut app, crate::tui::loader::LoadEvent::Corpus(batch));
    for (width, height) in [(160, 45), (80, 24)] {
        let screen = render(&mut app, &hints, width, height);
        assert!(screen.contains("analysing 12,345 / 100,000"), "{screen}");
        let start: String = app.articles[0].title().chars().take(12).collect();
        assert!(screen.contains(&start), "the rows so far show:\n{screen}");
    }
}
