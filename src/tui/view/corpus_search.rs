//! The corpus search overlay: the query as typed, then each hit as its
//! title with id and date, and its first snippet with the matches marked.

use crate::display::{escape_for_terminal, truncate};
use crate::search::Snippet;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the overlay.
pub fn draw(app: &App, frame: &mut Frame) {
    let theme = &app.theme;
    let search = &app.corpus_search;
    let title = "Search the corpus · words, \"phrase\", -not, lang:de, date:2024-01..2024-03 · Enter opens";
    let Some(inner) = super::forms::centred_block(app, frame, 140, 40, title) else { return };
    let width = inner.width as usize;
    let state = if let Some(note) = search.status() {
        note
    } else if let Some(why) = &search.failed {
        format!("no index: {why}")
    } else if search.index.is_none() {
        "opening the index…".to_string()
    } else if let Some(error) = &search.error {
        error.clone()
    } else {
        crate::display::count(search.hits.len(), "hit")
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(escape_for_terminal(&search.query).into_owned(), theme.text),
        Span::styled("▏", theme.key),
        Span::styled(format!("  {}", truncate(&state, width.saturating_sub(search.query.len() + 4))), theme.dim),
    ])];
    // Two rows a hit: title and snippet.
    let room = (inner.height.saturating_sub(1) / 2) as usize;
    let first = search.selected.saturating_sub(room.saturating_sub(1));
    for (n, hit) in search.hits.iter().enumerate().skip(first).take(room) {
        let style = if n == search.selected { theme.selected } else { theme.text };
        let meta = format!("  {} · {}", hit.id, hit.date.as_deref().unwrap_or("undated"));
        let title_width = width.saturating_sub(crate::display::width(&meta) + 1).max(width / 2);
        lines.push(
            Line::from(vec![
                Span::styled(format!(" {}", truncate(&escape_for_terminal(&hit.title), title_width)), theme.title),
                Span::styled(truncate(&escape_for_terminal(&meta), width.saturating_sub(title_width + 1)), theme.dim),
            ])
            .style(style),
        );
        // Only the rows drawn have their snippets found.
        let snippet = search.passages(n).and_then(|p| p.snippets.first());
        lines.push(snippet_line(snippet, width.saturating_sub(4), theme.dim, theme.search_hit));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A hit's snippet on one line of at most `width` columns, matches in
/// `hit_style`.
fn snippet_line(snippet: Option<&Snippet>, width: usize, style: Style, hit_style: Style) -> Line<'static> {
    let mut spans = vec![Span::styled("   ", style)];
    let Some(snippet) = snippet else { return Line::from(spans) };
    let mut used = 0;
    let mut at = snippet.start;
    let mut piece = |from: usize, to: usize, style: Style, spans: &mut Vec<Span<'static>>| {
        let text: String = snippet.text[from - snippet.start..to - snippet.start]
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let text = truncate(&escape_for_terminal(&text), width.saturating_sub(used));
        used += crate::display::width(&text);
        spans.push(Span::styled(text, style));
    };
    for &[start, end] in &snippet.highlights {
        if start < at || end > snippet.end {
            continue;
        }
        piece(at, start, style, &mut spans);
        piece(start, end, hit_style, &mut spans);
        at = end;
    }
    piece(at, snippet.end, style, &mut spans);
    Line::from(spans)
}
