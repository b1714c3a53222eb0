//! Popups for annotating: the claim form, pickers (claims, link targets,
//! link kinds, links to follow) and the quit confirmation.

use super::overlay::centred;
use crate::display::truncate;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::claim_form::{ClaimForm, FormField};
use crate::tui::hints::Hints;
use crate::tui::picker::Picker;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws the claim form.
pub fn draw_form(app: &App, hints: &Hints, frame: &mut Frame, form: &ClaimForm) {
    let theme = &app.theme;
    let area = centred(frame.area(), 90, 24);
    let title = if form.claim.is_some() { " Edit claim " } else { " Tag claim " };
    let block = Block::bordered().border_style(theme.border_focused).title(Line::styled(title, theme.title));
    let inner = block.inner(area);
    super::clear(app, frame, area);
    frame.render_widget(block, area);
    if inner.width < 20 || inner.height < 8 {
        return;
    }
    let quote_rows = 4.min(inner.height / 4);
    let fitted = fitted_quote(&format!("“{}”", form.quote), inner.width as usize, quote_rows as usize);
    let quote = Paragraph::new(Line::styled(fitted, theme.text)).wrap(Wrap { trim: true });
    frame.render_widget(quote, Rect { height: quote_rows, ..inner });
    let label_width = 12;
    let field_area = |y: u16, height: u16| Rect {
        x: inner.x + label_width,
        y: inner.y + y,
        width: inner.width.saturating_sub(label_width),
        height: height.min(inner.height.saturating_sub(y)),
    };
    let mut y = quote_rows + 1;
    for field in FormField::ORDER {
        if y >= inner.height {
            break;
        }
        let style = if form.field == field { theme.key } else { theme.dim };
        let label = Line::styled(format!("{:<w$}", field.label(), w = label_width as usize), style);
        frame.render_widget(label, Rect { y: inner.y + y, height: 1, ..inner });
        match field {
            FormField::Tags => {
                frame.render_widget(&form.tags, field_area(y, 1));
                y += 1;
                y += draw_completions(app, frame, form, field_area(y, 6));
            }
            FormField::Speaker => frame.render_widget(&form.speaker, field_area(y, 1)),
            FormField::Summary => frame.render_widget(&form.summary, field_area(y, 1)),
            FormField::About => frame.render_widget(&form.about, field_area(y, 1)),
            FormField::Note => frame.render_widget(&form.note, field_area(y, 4)),
            FormField::Verdict => {
                let mut spans = Vec::new();
                for (i, verdict) in form.verdicts.iter().enumerate() {
                    let style =
                        if i == form.verdict { app.theme.verdict(verdict).patch(theme.selected) } else { theme.dim };
                    spans.push(Span::styled(format!(" {verdict} "), style));
                }
                frame.render_widget(Line::from(spans), field_area(y, 1));
            }
        }
        if field != FormField::Tags {
            y += 1;
        }
        y += u16::from(field == FormField::Verdict);
    }
    let help = match &form.error {
        Some(error) => Line::styled(error.clone(), theme.error),
        None => Line::styled(
            hints.popup_line(
                &["claim form", "text"],
                &[
                    (Action::NextField, "next field"),
                    (Action::Down, "pick a tag"),
                    (Action::CursorRight, "or a letter: verdict"),
                    (Action::EditNote, "note in $EDITOR"),
                    (Action::SaveForm, "save"),
                    (Action::Back, "cancel"),
                ],
            ),
            theme.dim,
        ),
    };
    frame.render_widget(help, Rect { y: inner.bottom() - 1, height: 1, ..inner });
}

/// The tag completions under the tags field; returns the rows used.
fn draw_completions(app: &App, frame: &mut Frame, form: &ClaimForm, area: Rect) -> u16 {
    if form.field != FormField::Tags {
        return 0;
    }
    let completions = form.completions();
    for (i, tag) in completions.iter().enumerate().take(area.height as usize) {
        let style = if form.completion == Some(i) { app.theme.selected } else { app.theme.dim };
        frame.render_widget(Line::styled(format!("  {tag}"), style), Rect { y: area.y + i as u16, height: 1, ..area });
    }
    completions.len().min(area.height as usize) as u16
}

/// Draws a picker: its query, then the matching choices.
pub fn draw_picker(app: &App, frame: &mut Frame, picker: &Picker) {
    let theme = &app.theme;
    let Some(inner) = centred_block(app, frame, 110, 22, &picker.title) else { return };
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(picker.query.clone(), theme.text),
        Span::styled("▏", theme.key),
        Span::styled(format!("  {}/{}", picker.visible.len(), picker.choices.len()), theme.dim),
    ])];
    if picker.visible.is_empty() {
        lines.push(Line::styled("  nothing matches", theme.dim));
    }
    let height = inner.height.saturating_sub(1) as usize;
    let first = picker.selected.saturating_sub(height.saturating_sub(1));
    let label_width = (inner.width as usize * 2 / 3).max(10);
    for (row, &choice) in picker.visible.iter().enumerate().skip(first).take(height) {
        let choice = &picker.choices[choice];
        let mut line = Line::from(vec![
            Span::styled(format!(" {:<label_width$}", truncate(&choice.label, label_width - 1)), theme.text),
            Span::styled(format!(" {}", choice.detail), theme.dim),
        ]);
        if row == picker.selected {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A quote as one run of text (a terminal line cannot hold its paragraph
/// breaks), cut with `…` where it would need more than `rows` lines of
/// `width` columns, words wrapped as the paragraph wraps them.
fn fitted_quote(quote: &str, width: usize, rows: usize) -> String {
    let mut fitted = String::new();
    let (mut row, mut column) = (0, 0);
    for word in quote.split_whitespace() {
        let word_width = crate::display::width(word);
        if column > 0 && column + 1 + word_width > width {
            row += 1;
            column = 0;
        }
        // The last row keeps two columns for ` …`.
        let limit = if row + 1 == rows { width.saturating_sub(2) } else { width };
        if row >= rows || (column > 0 && column + 1 + word_width > limit) || (column == 0 && word_width > limit) {
            fitted.push_str(" …");
            return fitted;
        }
        if !fitted.is_empty() {
            fitted.push(' ');
        }
        if column > 0 {
            column += 1;
        }
        fitted.push_str(word);
        column += word_width;
    }
    fitted
}

/// Clears a centred popup of at most `width`×`height`, draws its border
/// and title, and returns the room inside (none when the screen is too small).
pub(super) fn centred_block(app: &App, frame: &mut Frame, width: u16, height: u16, title: &str) -> Option<Rect> {
    let area = centred(frame.area(), width, height);
    let title =
        Line::styled(format!(" {} ", truncate(title.trim(), area.width.saturating_sub(4) as usize)), app.theme.title);
    let block = Block::bordered().border_style(app.theme.border_focused).title(title);
    let inner = block.inner(area);
    super::clear(app, frame, area);
    frame.render_widget(block, area);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// Asks before quitting with changes not on disk.
pub fn draw_confirm_quit(app: &App, hints: &Hints, frame: &mut Frame) {
    let theme = &app.theme;
    let area = centred(frame.area(), 64, 6);
    let block = Block::bordered().border_style(theme.error).title(Line::styled(" Unsaved annotations ", theme.error));
    let why = app.read_only.clone().or_else(|| app.message.clone()).unwrap_or_else(|| "saving…".to_string());
    let lines = vec![
        Line::styled(why, theme.text),
        Line::raw(""),
        Line::styled(
            hints.popup_line(
                &["confirm quit"],
                &[
                    (Action::Quit, "try saving again"),
                    (Action::QuitWithoutSaving, "quit without saving"),
                    (Action::Back, "stay"),
                ],
            ),
            theme.text,
        ),
    ];
    super::clear(app, frame, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::fitted_quote;

    /// The rows word wrapping makes of `text` at `width` columns.
    fn rows(text: &str, width: usize) -> Vec<String> {
        let mut rows: Vec<String> = vec![String::new()];
        for word in text.split(' ') {
            let last = rows.last_mut().expect("a row");
            if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
                rows.push(word.to_string());
            } else {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(word);
            }
        }
        rows
    }

    #[test]
    fn a_short_quote_flows_across_its_paragraph_break() {
        assert_eq!(fitted_quote("“Erster Satz.\n\nZweiter Satz.”", 40, 3), "“Erster Satz. Zweiter Satz.”");
    }

    #[test]
    fn a_long_quote_is_cut_with_an_ellipsis_inside_its_rows() {
        let quote = "word ".repeat(60);
        let fitted = fitted_quote(&quote, 30, 3);
        assert!(fitted.ends_with(" …"), "{fitted}");
        let wrapped = rows(&fitted, 30);
        assert_eq!(wrapped.len(), 3, "{wrapped:?}");
        assert!(wrapped.iter().all(|r| r.chars().count() <= 30), "{wrapped:?}");
    }
}
