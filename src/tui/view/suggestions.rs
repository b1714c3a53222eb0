//! What the suggestion engine found, on screen: the suggested-links panel
//! above the reader's text, the evidence highlighted in the text, and the
//! recurring-claim view with differing numbers side by side.

use super::forms::centred_block;
use super::key_hint;
use crate::display::truncate;
use crate::suggest::{SimilarSentence, Suggestion};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::hints::Hints;
use crate::tui::suggestions::{Recurring, SuggestionsHere};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::ops::Range;

/// Room for the other article's title in a row.
const TITLE_WIDTH: usize = 40;

/// The suggested-links panel: a line of keys, one row per suggestion
/// (the highlighted one marked), and a suggested date for an undated
/// article; at most `room` lines.
pub fn panel(app: &App, hints: &Hints, here: &SuggestionsHere, room: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let key = |action: Action| hints.key_for("reader", action).unwrap_or("?").to_string();
    let date = here.date.map(|(value, from)| {
        Line::from(vec![
            Span::styled("undated: ", theme.dim),
            Span::styled(key(Action::AcceptSuggestedDate), theme.key),
            Span::styled(format!(" dates it {value}, as {}", app.articles[from].id), theme.text),
        ])
    });
    let suggestions = &here.list;
    let Some(rows) = here.panel_rows(room) else {
        // The date stays on offer after its suggestion was accepted.
        return date.filter(|_| room > 0).into_iter().collect();
    };
    let mut head = vec![Span::styled(format!("suggested ({}): ", suggestions.len()), theme.dim)];
    for (action, label) in [
        (Action::AcceptSuggestion, "accept"),
        (Action::RejectSuggestion, "reject"),
        (Action::NextSuggestion, "next"),
        (Action::ShowRecurring, "same claim elsewhere"),
    ] {
        head.extend(key_hint(&key(action), label, theme.key, theme.dim));
    }
    let mut lines = vec![Line::from(head)];
    // One row per suggestion, then the highlighted one's evidence.
    let selected = here.selected;
    let first = selected.saturating_sub(rows.saturating_sub(1));
    for (i, suggestion) in suggestions.iter().enumerate().skip(first).take(rows) {
        lines.push(suggestion_row(app, suggestion, i == selected));
    }
    if suggestions.len() > rows {
        let hidden = suggestions.len() - rows;
        lines.last_mut().expect("a row").push_span(Span::styled(format!("  (+{hidden}, e scrolls)"), theme.dim));
    }
    lines.push(evidence_line(app, &suggestions[selected]));
    lines.extend(date);
    lines
}

/// One suggestion: kind, score, the other article.
fn suggestion_row(app: &App, suggestion: &Suggestion, selected: bool) -> Line<'static> {
    let theme = &app.theme;
    let other = app.article_index(suggestion.to.as_str()).map(|i| &app.articles[i]);
    let title = other.map_or_else(
        || suggestion.to.to_string(),
        |a| format!("{} ({})", truncate(a.title(), TITLE_WIDTH), a.lang.lang),
    );
    let line = Line::from(vec![
        Span::styled(if selected { "▸ " } else { "  " }, theme.key),
        Span::styled(suggestion.kind.as_str(), if selected { theme.key } else { theme.text }),
        Span::styled(format!(" {:.0}% ", suggestion.score * 100.0), theme.dim),
        Span::styled(title, theme.text),
    ]);
    if selected { line.style(theme.selected) } else { line }
}

/// What the highlighted suggestion rests on (also highlighted in the text).
fn evidence_line(app: &App, suggestion: &Suggestion) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = vec![Span::styled("  evidence: ", theme.dim)];
    for (i, evidence) in suggestion.evidence.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(evidence.label.clone(), theme.evidence));
    }
    Line::from(spans)
}

/// The recurring-claim view: the similar sentences, and the highlighted
/// one side by side with the sentence the view started from.
pub fn draw_recurring(app: &App, hints: &Hints, frame: &mut Frame, view: &Recurring) {
    let keys = hints.popup_line(
        &["recurring"],
        &[
            (Action::Submit, "jumps"),
            (Action::Link, "links as same-claim"),
            (Action::Down, "moves"),
            (Action::Copy, "copies"),
            (Action::Back, "closes"),
        ],
    );
    let title = format!(" The same claim elsewhere ({}) · {keys} ", view.matches.len());
    let Some(inner) = centred_block(app, frame, 150, 34, &title) else { return };
    let [list_area, compare_area] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    let rows = list_area.height as usize;
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = view
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, similar)| match_row(app, view, similar, i == view.selected))
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    draw_comparison(app, frame, compare_area, view);
}

/// One similar sentence: score, article, the sentence, what differs.
fn match_row(app: &App, view: &Recurring, similar: &SimilarSentence, selected: bool) -> Line<'static> {
    let theme = &app.theme;
    let linked = app.linked_as_same_claim(view, similar);
    let article = &app.articles[similar.article];
    let mut spans = vec![
        Span::styled(if selected { "▸ " } else { "  " }, theme.key),
        Span::styled(if linked { "✓ " } else { "" }, theme.key),
        Span::styled(format!("{:>3.0}% ", similar.score * 100.0), theme.dim),
        Span::styled(format!("{} ({}) ", truncate(article.title(), 36), article.lang.lang), theme.key),
    ];
    for difference in &similar.differing {
        spans.push(Span::styled(format!("≠ {}/{} ", difference.here, difference.there), theme.error));
    }
    spans.push(Span::styled(article.text[similar.span.clone()].to_string(), theme.text));
    let line = Line::from(spans);
    if selected { line.style(theme.selected) } else { line }
}

/// The two sentences side by side, differing numbers marked, and what
/// they share.
fn draw_comparison(app: &App, frame: &mut Frame, area: Rect, view: &Recurring) {
    let theme = &app.theme;
    let Some(similar) = view.matches.get(view.selected) else { return };
    let [columns, shared_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(area);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(columns);
    let here_marks: Vec<Range<usize>> = similar.differing.iter().map(|d| d.here_span.clone()).collect();
    let there_marks: Vec<Range<usize>> = similar.differing.iter().map(|d| d.there_span.clone()).collect();
    for (area, article, span, marks) in [
        (left, view.article, view.span.clone(), here_marks),
        (right, similar.article, similar.span.clone(), there_marks),
    ] {
        let article = &app.articles[article];
        let heading = Line::styled(format!("{} ({})", truncate(article.title(), 60), article.lang.lang), theme.title);
        let text = Line::from(marked(&article.text, span, &marks, theme.text, theme.error));
        let paragraph = Paragraph::new(vec![heading, text]).wrap(Wrap { trim: true });
        frame.render_widget(paragraph, Rect { width: area.width.saturating_sub(1), ..area });
    }
    let shared =
        Line::from(vec![Span::styled("shared: ", theme.dim), Span::styled(similar.shared.join(" · "), theme.evidence)]);
    frame.render_widget(Paragraph::new(shared).wrap(Wrap { trim: true }), shared_area);
}

/// The text of `span` with the `marks` inside it in `mark` style.
fn marked(text: &str, span: Range<usize>, marks: &[Range<usize>], plain: Style, mark: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = span.start;
    let mut marks: Vec<&Range<usize>> =
        marks.iter().filter(|m| m.start >= span.start && m.end <= span.end && m.start < m.end).collect();
    marks.sort_by_key(|m| m.start);
    for m in marks {
        if m.start < at {
            continue;
        }
        spans.push(Span::styled(text[at..m.start].to_string(), plain));
        spans.push(Span::styled(text[m.clone()].to_string(), mark));
        at = m.end;
    }
    spans.push(Span::styled(text[at..span.end].to_string(), plain));
    spans
}
