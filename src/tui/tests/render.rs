//! Rendered frames through ratatui's `TestBackend`: what the analyst
//! sees, at several sizes, with snapshots of the main views.

use super::{default_hints, sample_app, type_text};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::hints::Hints;
use crate::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Draws `app` into a `width`×`height` test terminal and returns its text.
fn render(app: &mut App, hints: &Hints, width: u16, height: u16) -> String {
    app.resize(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| view::draw(app, hints, frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
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
    for text in ["Timeline", "Articles 27/27", "undated", "Title", "sample-corpus", "27/27 articles", "focus list"] {
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
            .structure
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
