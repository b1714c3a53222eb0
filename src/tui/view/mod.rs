//! Drawing: pure functions of the app state. Nothing here changes state.

mod corpus_search;
mod forms;
mod list;
mod overlay;

pub use overlay::help_text;
mod reader;
mod status;
mod suggestions;
mod timeline;

use super::app::App;
use super::hints::Hints;
use crate::display::{Hazard, hazard};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// Draws the whole frame.
pub fn draw(app: &App, hints: &Hints, frame: &mut Frame) {
    // The theme's own background and text colour under everything.
    let screen = frame.area();
    frame.buffer_mut().set_style(screen, app.theme.base);
    let areas = app.areas();
    if let Some(area) = areas.too_small {
        let note = Paragraph::new(format!("dossier: terminal too small ({}×{})", area.width, area.height))
            .style(app.theme.text);
        frame.render_widget(note, area);
        return;
    }
    if let Some(area) = areas.timeline {
        timeline::draw(app, frame, area);
    }
    if let Some(area) = areas.list {
        list::draw(app, frame, area);
    }
    if let Some(area) = areas.reader {
        reader::draw(app, hints, frame, area);
    }
    if let Some(area) = areas.footer {
        status::draw_footer(app, hints, frame, area);
    }
    if let Some(area) = areas.status {
        status::draw_status(app, frame, area);
    }
    overlay::draw(app, hints, frame);
    keep_terminal_safe(frame.buffer_mut());
}

/// The last guard before the terminal: text from the annotation file, a
/// keymap or a file name can carry bidi overrides and invisible or control
/// characters that cleaning at import never saw. ratatui drops graphemes
/// with C0 controls only; every other hazard is taken out of its cell here
/// (all are zero-width, so no column moves). Joiners stay: inside one cell
/// they belong to an emoji or a script that needs them.
fn keep_terminal_safe(buffer: &mut Buffer) {
    let unsafe_char = |c: char| hazard(c).is_some_and(|h| h != Hazard::Joiner);
    for cell in buffer.content.iter_mut() {
        if cell.symbol().contains(unsafe_char) {
            let kept: String = cell.symbol().chars().filter(|&c| !unsafe_char(c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

/// Empties `area` for a popup, in the theme's colours.
fn clear(app: &App, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    frame.buffer_mut().set_style(area, app.theme.base);
}

/// A bordered pane with a title, highlighted when focused.
fn pane<'a>(app: &App, title: Line<'a>, focused: bool) -> Block<'a> {
    let theme = &app.theme;
    Block::bordered()
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(title)
}

/// Writes one line clipped to `area`'s width at row `y` (relative to the area).
fn put_line(frame: &mut Frame, area: Rect, y: u16, line: Line<'_>) {
    if y < area.height {
        frame.render_widget(line, Rect { y: area.y + y, height: 1, ..area });
    }
}

/// A key hint: the key in the key style, then its label.
fn key_hint<'a>(key: &str, label: &'a str, key_style: Style, text: Style) -> [Span<'a>; 3] {
    [Span::styled(key.to_string(), key_style), Span::styled(format!(" {label}"), text), Span::raw("  ")]
}
