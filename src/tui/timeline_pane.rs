//! The timeline pane's state: zoom, the rows it shows (all, each bucket,
//! undated) and which one is selected. The selected row narrows the list.
//!
//! The `all` row stays on top; the rows below it scroll. While `all` is
//! selected they start at the first period with articles, so a short pane
//! shows where the corpus is, not the empty years its articles mention.

use super::cursor::Cursor;
use crate::corpus::Article;
use crate::corpus::dates::DateValue;
use crate::corpus::timeline::{Bucket, Period, Timeline, Zoom};

/// One row of the timeline pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineRow {
    /// Every article: selecting it clears the period.
    All {
        articles: usize,
    },
    Bucket(Bucket),
    Undated {
        articles: usize,
    },
}

/// What the timeline's selection lets through to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFilter {
    All,
    Period(Period),
    Undated,
}

impl PeriodFilter {
    /// Whether the article is in the selected period: its estimate lies in
    /// it, or, without an estimate, its whole range does. The undated row
    /// takes every article without an estimate, ranges included.
    pub fn admits(&self, article: &Article) -> bool {
        match (self, &article.date) {
            (PeriodFilter::All, _) => true,
            (PeriodFilter::Period(period), Some(date)) => match (date.value, date.range()) {
                (Some(value), _) => period.contains(value),
                (None, (Some(from), Some(to))) => {
                    period.contains(DateValue::day(from)) && period.contains(DateValue::day(to))
                }
                (None, _) => false,
            },
            (PeriodFilter::Undated, date) => date.as_ref().is_none_or(|d| d.value.is_none()),
            _ => false,
        }
    }
}

/// The timeline pane's state.
#[derive(Debug)]
pub struct TimelinePane {
    pub zoom: Zoom,
    pub rows: Vec<TimelineRow>,
    pub cursor: Cursor,
    /// Whether the second series, date mentions, is shown.
    pub show_events: bool,
    timeline: Timeline,
}

impl Default for TimelinePane {
    fn default() -> Self {
        TimelinePane {
            zoom: Zoom::Year,
            rows: vec![TimelineRow::All { articles: 0 }],
            cursor: Cursor::default(),
            show_events: true,
            timeline: Timeline::default(),
        }
    }
}

impl TimelinePane {
    /// Takes in articles appended to the corpus's list since the last call.
    pub fn add_articles(&mut self, articles: &[Article]) {
        let known = self.timeline.len();
        self.timeline.add(&articles[known..], known);
        self.rebuild();
    }

    /// Places the articles again after their dates changed (see
    /// [`TimelinePane::recount`] for their mentions).
    pub fn reload(&mut self, articles: &[Article]) {
        self.timeline.redate(articles);
        self.rebuild();
    }

    /// Takes in an article's mentions resolved anew: their values `before`
    /// its date changed, and `after`.
    pub fn recount(&mut self, before: &[DateValue], after: &[DateValue]) {
        self.timeline.recount(before, after);
    }

    /// Recomputes the rows, keeping the selected period selected (or the
    /// period that contains it, after a zoom).
    fn rebuild(&mut self) {
        let keep = self.filter();
        let timeline = &self.timeline;
        let mut rows = vec![TimelineRow::All { articles: timeline.len() }];
        // Periods known only from date mentions (history, targets) are part
        // of the events series and go when it is hidden.
        let buckets = timeline.buckets(self.zoom).into_iter();
        rows.extend(
            buckets.filter(|b| self.show_events || !b.articles.is_empty() || b.possible > 0).map(TimelineRow::Bucket),
        );
        if !timeline.undated().is_empty() {
            rows.push(TimelineRow::Undated { articles: timeline.undated().len() });
        }
        self.rows = rows;
        self.cursor.selected = self.position_of(keep).unwrap_or(0);
        if self.cursor.selected == 0 {
            let articles = |row: &TimelineRow| matches!(row, TimelineRow::Bucket(b) if !b.articles.is_empty());
            self.cursor.offset = self.rows.iter().position(articles).unwrap_or(1);
        }
    }

    /// The first row drawn below the `all` row in `height` lines: from the
    /// offset on, earlier when the rest leaves room.
    pub fn first_below_all(&self, height: usize) -> usize {
        let below = height.saturating_sub(1).max(1);
        self.cursor.offset.min(self.rows.len().saturating_sub(below)).max(1)
    }

    /// The rows drawn in `height` lines, top to bottom.
    pub fn drawn_rows(&self, height: usize) -> impl Iterator<Item = usize> {
        std::iter::once(0).chain(self.first_below_all(height)..self.rows.len()).take(height)
    }

    /// The row drawn on line `y` of the pane's inside, `height` lines high.
    pub fn row_at(&self, y: usize, height: usize) -> usize {
        if y == 0 { 0 } else { self.first_below_all(height) + y - 1 }
    }

    /// Scrolls the rows below `all` so the selection is among the `height`
    /// lines drawn.
    pub fn scroll_into_view(&mut self, height: usize) {
        let below = height.saturating_sub(1).max(1);
        let (selected, mut first) = (self.cursor.selected, self.first_below_all(height));
        if selected != 0 && selected < first {
            first = selected;
        } else if selected >= first + below {
            first = selected + 1 - below;
        }
        self.cursor.offset = first.min(self.rows.len().saturating_sub(below)).max(1);
    }

    fn position_of(&self, filter: PeriodFilter) -> Option<usize> {
        match filter {
            PeriodFilter::All => Some(0),
            PeriodFilter::Undated => self.rows.iter().position(|r| matches!(r, TimelineRow::Undated { .. })),
            PeriodFilter::Period(period) => self
                .rows
                .iter()
                .position(|r| matches!(r, TimelineRow::Bucket(b) if b.period == period))
                // After zooming in, the first finer bucket inside the period;
                // after zooming out, the coarser bucket that contains it.
                .or_else(|| {
                    self.rows.iter().position(
                        |r| matches!(r, TimelineRow::Bucket(b) if period.contains(b.period.0) || b.period.contains(period.0)),
                    )
                }),
        }
    }

    /// The filter the selected row stands for.
    pub fn filter(&self) -> PeriodFilter {
        match self.rows.get(self.cursor.selected) {
            Some(TimelineRow::Bucket(bucket)) => PeriodFilter::Period(bucket.period),
            Some(TimelineRow::Undated { .. }) => PeriodFilter::Undated,
            Some(TimelineRow::All { .. }) | None => PeriodFilter::All,
        }
    }

    /// Changes the zoom and rebuilds, keeping the selection's period.
    pub fn set_zoom(&mut self, zoom: Zoom) {
        self.zoom = zoom;
        self.rebuild();
    }

    /// Shows or hides the date-mention series.
    pub fn toggle_events(&mut self) {
        self.show_events = !self.show_events;
        self.rebuild();
    }
}
