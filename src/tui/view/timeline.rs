//! The timeline pane: one row per period with bars for articles (stated
//! dates solid, estimates shaded, ranges light) and, optionally, date
//! mentions (`•`, named on the bottom border while shown).

use super::{pane, put_line};
use crate::corpus::timeline::Zoom;
use crate::display::fit;
use crate::tui::app::{App, Focus};
use crate::tui::timeline_pane::TimelineRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

const LABEL_WIDTH: usize = 9;
const COUNT_WIDTH: usize = 4;

/// Draws the timeline pane.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let timeline = &app.timeline;
    let zoom = match timeline.zoom {
        Zoom::Year => "year",
        Zoom::Month => "month",
        Zoom::Week => "week",
        Zoom::Day => "day",
    };
    let title =
        Line::from(vec![Span::styled(" Timeline ", theme.title), Span::styled(format!("· {zoom} "), theme.dim)]);
    let mut block = pane(app, title, app.focus == Focus::Timeline);
    if timeline.show_events {
        block = block.title_bottom(Line::styled(" • date mentions (e) ", theme.bar_events));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let width = inner.width as usize;
    // Bars share what is left after the label and count columns.
    let bars = width.saturating_sub(LABEL_WIDTH + COUNT_WIDTH + 2);
    let (article_bar, event_bar) = if timeline.show_events { (bars - bars / 3, bars / 3) } else { (bars, 0) };
    let buckets = timeline.rows.iter().filter_map(|r| match r {
        TimelineRow::Bucket(b) => Some(b),
        _ => None,
    });
    let max_articles = buckets.clone().map(|b| b.articles.len() + b.possible).max().unwrap_or(0).max(1);
    let max_events = buckets.map(|b| b.mentions).max().unwrap_or(0).max(1);

    for (y, index) in timeline.drawn_rows(inner.height as usize).enumerate() {
        let row = &timeline.rows[index];
        let selected = index == timeline.cursor.selected;
        let mut spans = Vec::new();
        match row {
            TimelineRow::All { articles } => {
                spans.push(Span::styled(fit("all", LABEL_WIDTH), theme.text));
                spans.push(Span::styled(format!("{articles:>COUNT_WIDTH$} "), theme.text));
            }
            TimelineRow::Undated { articles } => {
                spans.push(Span::styled(fit("undated", LABEL_WIDTH), theme.dim));
                spans.push(Span::styled(format!("{articles:>COUNT_WIDTH$} "), theme.text));
                spans.push(Span::styled("░".repeat(scaled(*articles, max_articles, article_bar)), theme.dim));
            }
            TimelineRow::Bucket(bucket) => {
                let count = bucket.articles.len();
                let stated = count - bucket.inferred;
                spans.push(Span::styled(fit(&bucket.period.to_string(), LABEL_WIDTH), theme.text));
                spans.push(Span::styled(format!("{count:>COUNT_WIDTH$} "), theme.text));
                // Stated dates solid, inferred ones shaded: the analyst sees
                // at a glance how much of a period rests on guesses.
                let total = scaled(count, max_articles, article_bar);
                // Each kind present keeps at least one cell, however it rounds.
                let inferred = scaled(bucket.inferred, max_articles, article_bar).min(total);
                let solid = if stated > 0 { (total - inferred).max(1).min(total) } else { 0 };
                // Then the articles that may fall here, known only by a range.
                let possible = scaled(bucket.possible, max_articles, article_bar.saturating_sub(total));
                spans.push(Span::styled("█".repeat(solid), theme.bar_stated));
                spans.push(Span::styled("▒".repeat(total - solid), theme.bar_inferred));
                spans.push(Span::styled("░".repeat(possible), theme.bar_inferred));
                if timeline.show_events {
                    let pad = article_bar.saturating_sub(total + possible) + 1;
                    let events = scaled(bucket.mentions, max_events, event_bar.saturating_sub(1));
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled("•".repeat(events), theme.bar_events));
                }
            }
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.style(theme.selected);
        }
        put_line(frame, inner, y as u16, line);
    }
}

/// A bar length for `value` out of `max`, at least 1 for any non-zero value.
fn scaled(value: usize, max: usize, width: usize) -> usize {
    if value == 0 || width == 0 {
        return 0;
    }
    (value * width).div_ceil(max).clamp(1, width)
}

#[cfg(test)]
mod tests {
    use super::scaled;

    #[test]
    fn bars_scale_to_the_largest_bucket_and_never_vanish() {
        assert_eq!(scaled(10, 10, 20), 20);
        assert_eq!(scaled(5, 10, 20), 10);
        assert_eq!(scaled(1, 1000, 20), 1);
        assert_eq!(scaled(0, 10, 20), 0);
        assert_eq!(scaled(3, 10, 0), 0);
    }
}
