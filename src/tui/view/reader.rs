//! The reader pane: the article's cleaned text wrapped by our own wrapper,
//! boilerplate dimmed, date mentions highlighted, the sentence cursor and
//! search hits marked, and the cursor sentence's dates resolved on demand.

use super::{pane, put_line};
use crate::annotations::reanchor::Placement;
use crate::corpus::Article;
use crate::tui::app::{App, Focus};
use crate::tui::hints::Hints;
use crate::tui::reader::{BlockKind, Reader};
use crate::tui::wrap::segments;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Draws the reader pane (or a hint when no article is selected).
pub fn draw(app: &App, hints: &Hints, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Reader;
    let Some(reader) = &app.reader else {
        let block = pane(app, Line::styled(" Reader ", theme.title), focused);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        put_line(frame, inner, 1, Line::styled("  Select an article in the list.", theme.dim));
        return;
    };
    let article = &app.articles[reader.article];
    let mut title = vec![Span::styled(format!(" {} ", article.title()), theme.title)];
    if article.title.derived {
        title.push(Span::styled("(derived title) ", theme.dim));
    }
    let block = pane(app, Line::from(title), focused);
    frame.render_widget(block, area);
    let Some(areas) = app.reader_areas().filter(|a| a.text.width > 0) else { return };
    // Above the text: the header, the links, then the suggested links, in
    // the rows the reader's geometry gave them.
    let mut above = vec![header(app, article)];
    above.extend(links_line(app));
    let room = (areas.above.height as usize).saturating_sub(above.len());
    let suggestions = app.suggestions_view();
    above.extend(super::suggestions::panel(app, hints, &suggestions, room));
    for (y, line) in above.into_iter().enumerate() {
        put_line(frame, areas.above, y as u16, line);
    }
    if let Some(footer) = areas.footer {
        let line = claim_line(app, reader)
            .or_else(|| app.reader_prefs.show_date_values.then(|| cursor_dates(app, reader, article)).flatten());
        if let Some(line) = line {
            put_line(frame, footer, 0, line);
        }
    }
    let body_height = areas.text.height;
    let styled = styled_ranges(app, reader, article, suggestions.evidence());
    let rows = reader.wrapped.rows().iter().skip(reader.scroll).take(body_height as usize);
    for (y, row) in rows.enumerate() {
        let base = match row.kind {
            Some(BlockKind::Headline) => theme.title,
            Some(BlockKind::Flagged(_)) => theme.dim,
            _ => theme.text,
        };
        let spans: Vec<Span> = segments(&article.text, row.span.clone(), &styled)
            .into_iter()
            .map(|(range, style)| Span::styled(&article.text[range], style.map_or(base, |s| base.patch(s))))
            .collect();
        put_line(frame, areas.text, y as u16, Line::from(spans));
    }
    let total = reader.wrapped.len();
    if total > body_height as usize {
        let percent = (reader.scroll + body_height as usize).min(total) * 100 / total.max(1);
        let position = Line::styled(format!(" {percent}% "), theme.dim).right_aligned();
        frame.render_widget(position, Rect { y: area.bottom() - 1, height: 1, x: area.x + 1, width: area.width - 2 });
    }
}

/// Source, the analyst's tags (`t`), language, date with provenance, and
/// the file.
fn header<'a>(app: &App, article: &'a Article) -> Line<'a> {
    let theme = &app.theme;
    let date = match &article.date {
        None => "undated".to_string(),
        // Bounds alone are no estimate: no `~`, and the confidence is the
        // share of such bounds that hold.
        Some(d) if d.is_inferred() && d.value.is_none() => {
            format!("{} ({} bounds, {:.0}% hold)", d.shown(), d.provenance, d.confidence * 100.0)
        }
        Some(d) if d.is_inferred() => {
            // A twin's date taken with `y` names the twin.
            let twin = d.reasons().next().and_then(|r| r.strip_prefix("from ")?.split(':').next());
            let from = twin.map(|twin| format!(", from {twin}")).unwrap_or_default();
            format!("~{} ({}, {:.0}%{from})", d.shown(), d.provenance, d.confidence * 100.0)
        }
        // A date taken from a suggestion says where it came from.
        Some(d) => match d.reasons().next().filter(|r| r.starts_with("suggested from")) {
            Some(why) => format!("{} ({}, {why})", d.shown(), d.provenance),
            None => format!("{} ({})", d.shown(), d.provenance),
        },
    };
    let source = article.source().unwrap_or("unknown source");
    let mut spans = vec![Span::styled(source, theme.key)];
    // Tags early: a long date would push them out of a narrow pane.
    let tags =
        app.notes.annotations.article(article.id.as_str()).map(|notes| notes.tags.as_slice()).unwrap_or_default();
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|tag| format!("#{tag}")).collect();
        spans.push(Span::styled(" · ", theme.dim));
        spans.push(Span::styled(tags.join(" "), theme.text));
    }
    spans.push(Span::styled(format!(" · {} · {date} · {}", article.lang.lang, article.id), theme.dim));
    Line::from(spans)
}

/// Byte ranges to style, later ones winning: claims, the sentence cursor
/// (when the reader has focus), date mentions, a suggestion's `evidence`,
/// the selection, search hits, the current hit.
fn styled_ranges(
    app: &App,
    reader: &Reader,
    article: &Article,
    evidence: Vec<std::ops::Range<usize>>,
) -> Vec<(std::ops::Range<usize>, Style)> {
    let theme = &app.theme;
    let mut styled: Vec<(std::ops::Range<usize>, Style)> = Vec::new();
    for (claim, span) in app.placed_claims(reader.article) {
        styled.push((span, theme.verdict(&claim.verdict)));
    }
    if app.focus == Focus::Reader
        && let Some(sentence) = article.detail().sentences.get(reader.sentence)
    {
        styled.push((sentence.range(), theme.sentence_cursor));
    }
    styled.extend(article.detail().mentions.iter().map(|m| (m.span.range(), theme.date_mention)));
    styled.extend(evidence.into_iter().map(|span| (span, theme.evidence)));
    if let Some(selection) = &reader.selection {
        styled.push((selection.clone(), theme.selection));
    }
    if let Some(search) = &reader.search {
        styled.extend(search.matches.iter().map(|m| (m.clone(), theme.search_hit)));
        if let Some(current) = search.matches.get(search.current) {
            styled.push((
                current.clone(),
                theme.search_hit.add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::UNDERLINED),
            ));
        }
    }
    styled
}

/// The cursor sentence's date mentions with their normalised values, or
/// the search position while searching.
fn cursor_dates<'a>(app: &App, reader: &Reader, article: &'a Article) -> Option<Line<'a>> {
    let theme = &app.theme;
    if let Some(search) = &reader.search {
        let count = search.matches.len();
        let at = if count == 0 { 0 } else { search.current + 1 };
        return Some(Line::styled(format!("search “{}”: {at}/{count}", search.query), theme.dim));
    }
    let sentence = article.detail().sentences.get(reader.sentence)?;
    let mentions: Vec<_> = article
        .detail()
        .mentions
        .iter()
        .filter(|m| m.span.start() >= sentence.start() && m.span.end() <= sentence.end())
        .collect();
    if mentions.is_empty() {
        return Some(Line::styled("dates: none in this sentence", theme.dim));
    }
    let mut spans = vec![Span::styled("dates: ", theme.dim)];
    for (i, mention) in mentions.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.push(Span::styled(&article.text[mention.span], theme.date_mention));
        let value = mention.normalised().unwrap_or_else(|| "unresolved".to_string());
        spans.push(Span::styled(format!(" → {value}"), theme.text));
    }
    Some(Line::from(spans))
}

/// The article's links, one after another, when it has any.
fn links_line(app: &App) -> Option<Line<'static>> {
    let theme = &app.theme;
    let links = app.links_here();
    if links.is_empty() {
        return None;
    }
    let mut spans = vec![Span::styled(format!("links ({}, f follows): ", links.len()), theme.dim)];
    for (i, (link, other)) in links.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        // `this ← translation-of ← other`: the arrow says which end is which.
        let arrow = if link.to == *other { "→" } else { "←" };
        spans.push(Span::styled(format!("this {arrow} "), theme.dim));
        spans.push(Span::styled(link.kind.clone(), theme.key));
        spans.push(Span::styled(format!(" {arrow} {}", app.describe(other)), theme.text));
    }
    Some(Line::from(spans))
}

/// What the claim under the cursor says: verdict, tags, speaker, date.
fn claim_line(app: &App, reader: &Reader) -> Option<Line<'static>> {
    if app.focus != Focus::Reader {
        return None;
    }
    let theme = &app.theme;
    let sentence = *app.articles[reader.article].detail().sentences.get(reader.sentence)?;
    let claims = app.placed_claims(reader.article);
    let (claim, _) = claims.iter().find(|(_, span)| span.start < sentence.end() && sentence.start() < span.end)?;
    let mut spans =
        vec![Span::styled("claim: ", theme.dim), Span::styled(claim.verdict.clone(), theme.verdict(&claim.verdict))];
    for tag in &claim.tags {
        spans.push(Span::styled(format!(" #{tag}"), theme.key));
    }
    if let Some(speaker) = &claim.speaker {
        spans.push(Span::styled(format!(" · {speaker}"), theme.text));
    }
    if let Some(about) = &claim.about {
        spans.push(Span::styled(format!(" · about {about}"), theme.text));
    }
    if !claim.note.is_empty() {
        spans.push(Span::styled(format!(" · {}", claim.note.replace('\n', " ")), theme.dim));
    }
    if let Some(Placement::Fuzzy { .. }) = app.placements.get(&claim.id) {
        let quote = crate::display::one_line(&claim.anchor.quote);
        spans.push(Span::styled(format!(" · the text changed since: was “{quote}”"), theme.error));
    }
    spans.push(Span::styled("  (c edits, x deletes)", theme.dim));
    Some(Line::from(spans))
}
