//! The footer (the focused pane's main keys, or the prompt being typed)
//! and the status line (corpus, counts, filters, focus, progress).

use super::key_hint;
use crate::display::{count, thousands};
use crate::tui::action::Action;
use crate::tui::app::{App, Loading, Prompt};
use crate::tui::hints::{FOOTER_ALWAYS, FOOTER_GLOBAL, Hints, footer_actions};
use crate::tui::list::LanguageFilter;
use crate::tui::timeline_pane::PeriodFilter;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the footer: the prompt when one is open, else key hints.
pub fn draw_footer(app: &App, hints: &Hints, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    if let Some(prompt) = app.prompt {
        let (label, text) = match prompt {
            Prompt::Filter => ("filter /", app.list.query.as_str()),
            Prompt::Search => ("search /", app.search_input.as_str()),
            Prompt::Article { field, .. } => (field.label(), app.field_input.as_str()),
            Prompt::LinkNote => ("note on the link (optional, Enter to skip):", app.field_input.as_str()),
        };
        let line = Line::from(vec![
            Span::styled(format!("{label} "), theme.key),
            Span::styled(text, theme.text),
            Span::styled("▏", theme.key),
            Span::styled("   Enter keep · Esc clear", theme.dim),
        ]);
        frame.render_widget(line, area);
        return;
    }
    let context = app.focus.context();
    let hint =
        |action: Action| hints.key_for(context, action).map(|key| key_hint(key, action.hint(), theme.key, theme.dim));
    let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
    let always: Vec<Span> = FOOTER_ALWAYS.iter().filter_map(|&action| hint(action)).flatten().collect();
    // The pane's hints give way, whole, to `? help` and `q quit`.
    let room = (area.width as usize).saturating_sub(width(&always));
    let selecting = app.reader.as_ref().is_some_and(|reader| reader.selection.is_some());
    let mut spans = Vec::new();
    for hinted in footer_actions(app.focus, selecting).iter().chain(FOOTER_GLOBAL).filter_map(|&action| hint(action)) {
        if width(&spans) + width(&hinted) > room {
            break;
        }
        spans.extend(hinted);
    }
    spans.extend(always);
    frame.render_widget(Line::from(spans), area);
}

/// Draws the status line.
/// How far the load has come: `analysing 12,345 / 100,000` once the
/// files are counted (the total is known), `loading…` before.
fn loading_progress(loading: &Loading) -> String {
    match loading.total {
        Some(total) => format!("analysing {} / {}", thousands(loading.done), thousands(total)),
        None => "loading…".to_string(),
    }
}

pub fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let notes = &app.notes.annotations;
    let loading = &app.loading;
    let mut parts =
        vec![format!(" {}", app.corpus_name), format!("{}/{} articles", app.list.visible.len(), app.articles.len())];
    // Beside the count it explains, where a narrow terminal still shows it.
    if !loading.finished && loading.error.is_none() {
        parts.push(loading_progress(loading));
    }
    parts.push(format!("{}, {}", count(notes.claims.len(), "claim"), count(notes.links.len(), "link")));
    // Whether the work is safe comes before everything that can wait.
    if app.read_only.is_some() {
        parts.push("annotations READ-ONLY".to_string());
    } else if app.notes.unsaved() {
        parts.push("● unsaved".to_string());
    }
    match app.timeline.filter() {
        PeriodFilter::All => {}
        PeriodFilter::Period(period) => parts.push(format!("period {period}")),
        PeriodFilter::Undated => parts.push("undated only".to_string()),
    }
    if !app.list.query.is_empty() {
        parts.push(format!("filter “{}”", app.list.query));
    }
    if let LanguageFilter::Only(lang) = app.list.language {
        parts.push(format!("lang {lang}"));
    }
    if app.list.annotated_only {
        parts.push("annotated only".to_string());
    }
    if app.list.only.is_some() {
        parts.push("search hits only".to_string());
    }
    if app.list.unread_only {
        parts.push("unread only".to_string());
    }
    parts.push(format!("focus {}", app.focus.label()));
    if let Some(marked) = &app.marked {
        parts.push(format!("marked {}", crate::display::truncate(&app.describe(marked), 30)));
    }
    if !app.mouse {
        parts.push("mouse off".to_string());
    }
    if let Some(error) = &loading.error {
        parts.push(format!("load failed: {error}"));
    } else if let Some(report) = &loading.report
        && !(report.skipped.is_empty() && report.problems.is_empty())
    {
        parts.push(format!("{} skipped, {} problems (dossier inspect)", report.skipped.len(), report.problems.len()));
    }
    if let Some(why) = &app.suggest.failed {
        parts.push(format!("no suggested links: {why}"));
    } else if loading.finished && app.suggest.looking && app.suggest.found.is_none() {
        parts.push("finding suggested links…".to_string());
    }
    if let Some(indexing) = app.corpus_search.status() {
        parts.push(indexing);
    }
    // A message is what the analyst must read now: it keeps its room and
    // the rest of the line gives way
    // (up to half of it: the counts and the unsaved marker stay).
    let width = area.width as usize;
    let message = app.message.as_ref().map(|m| crate::display::truncate(&format!("  {m} "), width / 2));
    let room = width.saturating_sub(message.as_deref().map_or(0, crate::display::width));
    let mut spans = vec![Span::styled(crate::display::truncate(&parts.join(" · "), room), theme.status)];
    if let Some(message) = message {
        spans.push(Span::styled(message, theme.key));
    }
    frame.render_widget(Line::from(spans).style(theme.status), area);
}
