//! Popups over the panes: the help overlay, the command palette and the
//! which-key popup, all built from the same hints.

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::hints::{CONTEXTS, Hints};
use crate::tui::palette::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws whichever popup is open, and the which-key popup when keys are pending.
pub fn draw(app: &App, hints: &Hints, frame: &mut Frame) {
    match &app.overlay {
        Some(Overlay::Help { scroll }) => draw_help(app, hints, frame, *scroll),
        Some(Overlay::Palette(palette)) => draw_palette(app, hints, frame, palette),
        Some(Overlay::ClaimForm(form)) => super::forms::draw_form(app, hints, frame, form),
        Some(Overlay::Picker(picker)) => super::forms::draw_picker(app, frame, picker),
        Some(Overlay::ConfirmQuit) => super::forms::draw_confirm_quit(app, hints, frame),
        Some(Overlay::Recurring(view)) => super::suggestions::draw_recurring(app, hints, frame, view),
        Some(Overlay::CorpusSearch) => super::corpus_search::draw(app, frame),
        None => {}
    }
    if app.pending.is_some() {
        draw_which_key(app, frame);
    }
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// The help overlay's text, line by line (for tests and plain output).
pub fn help_text(app: &App, hints: &Hints) -> Vec<String> {
    help_lines(app, hints).iter().map(ToString::to_string).collect()
}

/// The help lines: every context's bindings with what they do, the
/// focused pane's first, so what the analyst can do here is on top.
fn help_lines(app: &App, hints: &Hints) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let focused = app.focus.context();
    let order = std::iter::once(focused).chain(CONTEXTS.iter().copied().filter(|c| *c != focused));
    for context in order {
        let bindings = hints.bindings(context);
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::styled(context.to_string(), theme.title));
        for (keys, action) in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<12}"), theme.key),
                Span::styled(action.description().to_string(), theme.text),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}

fn draw_help(app: &App, hints: &Hints, frame: &mut Frame, scroll: usize) {
    let area = centred(frame.area(), 84, frame.area().height.saturating_sub(4));
    let lines = help_lines(app, hints);
    let block = Block::bordered()
        .border_style(app.theme.border_focused)
        .title(Line::styled(" Help · j/k scroll · Esc close ", app.theme.title));
    let scroll = scroll.min(lines.len().saturating_sub(1));
    super::clear(app, frame, area);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll.min(u16::MAX as usize) as u16, 0)), area);
}

fn draw_palette(app: &App, hints: &Hints, frame: &mut Frame, palette: &Palette) {
    let theme = &app.theme;
    let area = centred(frame.area(), 72, 18);
    let context = app.focus.context();
    let block =
        Block::bordered().border_style(theme.border_focused).title(Line::styled(" Command palette ", theme.title));
    let inner = block.inner(area);
    super::clear(app, frame, area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(vec![
        Span::styled(": ", theme.key),
        Span::styled(palette.query.clone(), theme.text),
        Span::styled("▏", theme.key),
    ])];
    let height = inner.height.saturating_sub(1) as usize;
    let first = palette.selected.saturating_sub(height.saturating_sub(1));
    for (i, action) in palette.matches.iter().enumerate().skip(first).take(height) {
        let key = hints.key_for(context, *action).unwrap_or("");
        let mut line = palette_line(*action, key, app);
        if i == palette.selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn palette_line(action: Action, key: &str, app: &App) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {:<22}", action.name()), app.theme.text),
        Span::styled(format!("{key:<8}"), app.theme.key),
        Span::styled(action.description().to_string(), app.theme.dim),
    ])
}

fn draw_which_key(app: &App, frame: &mut Frame) {
    let Some(pending) = &app.pending else { return };
    let theme = &app.theme;
    let height = (pending.next.len() as u16 + 2).min(frame.area().height);
    let width =
        pending.next.iter().map(|(k, l)| (k.len() + l.len()) as u16 + 6).max().unwrap_or(20).min(frame.area().width);
    let screen = frame.area();
    let area = Rect { x: screen.right() - width, y: screen.bottom().saturating_sub(height + 2), width, height };
    let lines: Vec<Line> = pending
        .next
        .iter()
        .map(|(key, label)| {
            Line::from(vec![Span::styled(format!(" {key:<4}"), theme.key), Span::styled(label.clone(), theme.text)])
        })
        .collect();
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(Line::styled(format!(" {} … ", pending.prefix), theme.title));
    super::clear(app, frame, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
