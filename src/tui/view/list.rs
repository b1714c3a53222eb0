//! The article list pane: a mark (`◆` the marked link end, `✓` read),
//! title (with fuzzy-match highlights), source, language, date (marked
//! when inferred) and annotation count.

use super::{pane, put_line};
use crate::corpus::Article;
use crate::display::{fit, truncate, width};
use crate::tui::app::{App, Focus};
use crate::tui::list::{LanguageFilter, SortKey};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

const SOURCE_WIDTH: usize = 12;
const LANG_WIDTH: usize = 2;
/// Room for the widest date label, a range of months: `2017-02‥2017-03`.
const DATE_WIDTH: usize = 15;
const NOTES_WIDTH: usize = 3;
/// The mark before the title: `◆` the marked article, `✓` read.
const MARK_WIDTH: usize = 1;

/// Draws the list pane.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let list = &app.list;
    let mut title = vec![
        Span::styled(" Articles ", theme.title),
        Span::styled(format!("{}/{} ", list.visible.len(), app.articles.len()), theme.dim),
    ];
    if list.sort != SortKey::Date && list.query.is_empty() {
        title.push(Span::styled(format!("· by {} ", list.sort.label()), theme.dim));
    }
    if let LanguageFilter::Only(lang) = list.language {
        title.push(Span::styled(format!("· {lang} "), theme.dim));
    }
    if list.unread_only {
        title.push(Span::styled("· unread ", theme.dim));
    }
    let block = pane(app, Line::from(title), app.focus == Focus::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let columns = Columns::for_width(inner.width as usize);
    put_line(frame, inner, 0, columns.header(theme.dim));
    let marked = app.marked_article();
    let rows = list.visible.iter().enumerate().skip(list.cursor.offset).take(inner.height.saturating_sub(1) as usize);
    for (y, (position, &index)) in rows.enumerate() {
        let article = &app.articles[index];
        let highlights = list.title_highlights(index, article);
        let mark = if marked == Some(index) {
            Span::styled("◆", theme.key)
        } else if app.is_read(index) {
            Span::styled("✓", theme.dim)
        } else {
            Span::raw(" ")
        };
        let mut line = columns.row(app, article, &highlights, app.annotation_count(index));
        line.spans.insert(0, mark);
        if position == list.cursor.selected {
            line = line.style(theme.selected);
        }
        put_line(frame, inner, y as u16 + 1, line);
    }
    if list.visible.is_empty() && inner.height > 2 {
        let note = if app.loading.finished { "no article matches" } else { "loading…" };
        put_line(frame, inner, 2, Line::styled(format!("  {note}"), theme.dim));
    }
}

/// Which columns fit, and how wide the title gets.
struct Columns {
    title: usize,
    source: bool,
    lang: bool,
    date: bool,
}

impl Columns {
    fn for_width(total: usize) -> Columns {
        // Drop columns from the right of the priority list as space shrinks.
        let date = total >= 30;
        let lang = total >= 40;
        let source = total >= 56;
        let fixed = 1
            + MARK_WIDTH
            + NOTES_WIDTH
            + usize::from(date) * (DATE_WIDTH + 1)
            + usize::from(lang) * (LANG_WIDTH + 1)
            + usize::from(source) * (SOURCE_WIDTH + 1);
        Columns { title: total.saturating_sub(fixed).max(1), source, lang, date }
    }

    fn header(&self, style: Style) -> Line<'static> {
        let mut text = " ".repeat(MARK_WIDTH) + &fit("Title", self.title);
        if self.source {
            text += &format!(" {}", fit("Source", SOURCE_WIDTH));
        }
        if self.lang {
            text += &format!(" {}", fit("Lg", LANG_WIDTH));
        }
        if self.date {
            text += &format!(" {}", fit("Date", DATE_WIDTH));
        }
        text += &format!(" {:>NOTES_WIDTH$}", "✎");
        Line::styled(text, style)
    }

    fn row<'a>(&self, app: &App, article: &'a Article, highlights: &[usize], annotations: usize) -> Line<'a> {
        let theme = &app.theme;
        let title_style = if article.title.derived { theme.dim } else { theme.text };
        let mut spans = highlighted(&truncate(article.title(), self.title), highlights, title_style, theme.match_char);
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(self.title.saturating_sub(used))));
        if self.source {
            spans.push(Span::styled(format!(" {}", fit(article.source().unwrap_or("–"), SOURCE_WIDTH)), theme.dim));
        }
        if self.lang {
            spans.push(Span::styled(format!(" {}", fit(&article.lang.lang.to_string(), LANG_WIDTH)), theme.text));
        }
        if self.date {
            let (text, style) = match &article.date {
                None => ("–".to_string(), theme.dim),
                Some(d) if d.is_inferred() => (d.label(), theme.bar_inferred),
                Some(d) => (d.label(), theme.text),
            };
            spans.push(Span::styled(format!(" {}", fit(&text, DATE_WIDTH)), style));
        }
        let notes = if annotations > 0 { annotations.to_string() } else { String::new() };
        spans.push(Span::styled(format!(" {notes:>NOTES_WIDTH$}"), theme.key));
        Line::from(spans)
    }
}

/// Splits `text` into spans, styling the chars at `positions` (char indices).
fn highlighted(text: &str, positions: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_is_hit = false;
    for (i, c) in text.chars().enumerate() {
        let is_hit = positions.binary_search(&i).is_ok();
        if is_hit != run_is_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_is_hit { hit } else { base }));
        }
        run_is_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_is_hit { hit } else { base }));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_split_the_title_into_runs() {
        let base = Style::new();
        let hit = Style::new().bold();
        let spans = highlighted("Gespräche", &[0, 1, 5], base, hit);
        let parts: Vec<(&str, bool)> = spans.iter().map(|s| (s.content.as_ref(), s.style == hit)).collect();
        assert_eq!(parts, vec![("Ge", true), ("spr", false), ("ä", true), ("che", false)]);
    }

    #[test]
    fn narrow_lists_drop_columns_but_keep_the_title() {
        let wide = Columns::for_width(80);
        assert!(wide.source && wide.lang && wide.date);
        let narrow = Columns::for_width(28);
        assert!(!narrow.source && !narrow.lang && !narrow.date);
        assert_eq!(narrow.title, 28 - 1 - MARK_WIDTH - NOTES_WIDTH);
        assert_eq!(Columns::for_width(0).title, 1);
    }
}
