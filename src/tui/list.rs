//! The article list's state: which articles are shown, in what order, and
//! which is selected. Narrowed by the fuzzy filter, the timeline period,
//! the language filter and the has-annotations filter.

use super::cursor::Cursor;
use super::filter::FuzzyFilter;
use super::timeline_pane::PeriodFilter;
use crate::corpus::Article;
use crate::corpus::lang::Lang;
use rayon::slice::ParallelSliceMut;

/// How the list is ordered when no fuzzy query ranks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Title,
    Source,
}

impl SortKey {
    fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Title,
            SortKey::Title => SortKey::Source,
            SortKey::Source => SortKey::Date,
        }
    }

    /// A short label for the status line.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Source => "source",
        }
    }
}

/// Which languages the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageFilter {
    All,
    Only(Lang),
}

impl LanguageFilter {
    fn next(self) -> LanguageFilter {
        match self {
            LanguageFilter::All => LanguageFilter::Only(Lang::De),
            LanguageFilter::Only(Lang::De) => LanguageFilter::Only(Lang::En),
            LanguageFilter::Only(Lang::En) => LanguageFilter::Only(Lang::Other),
            LanguageFilter::Only(_) => LanguageFilter::All,
        }
    }

    fn admits(self, lang: Lang) -> bool {
        match self {
            LanguageFilter::All => true,
            // "other" also shows articles whose language could not be told.
            LanguageFilter::Only(Lang::Other) => matches!(lang, Lang::Other | Lang::Unknown),
            LanguageFilter::Only(wanted) => lang == wanted,
        }
    }
}

/// The list pane's state.
#[derive(Debug)]
pub struct ArticleList {
    /// Indices into the corpus's articles, in display order.
    pub visible: Vec<usize>,
    /// The selected row (a position in `visible`) and the first row drawn.
    pub cursor: Cursor,
    pub sort: SortKey,
    pub language: LanguageFilter,
    pub annotated_only: bool,
    /// Only these articles (the corpus search's hits), when set.
    pub only: Option<std::collections::HashSet<usize>>,
    /// Only the articles not yet marked read (`r`).
    pub unread_only: bool,
    pub query: String,
    pub fuzzy: FuzzyFilter,
}

impl Default for ArticleList {
    fn default() -> Self {
        ArticleList {
            visible: Vec::new(),
            cursor: Cursor::default(),
            sort: SortKey::Date,
            language: LanguageFilter::All,
            annotated_only: false,
            only: None,
            unread_only: false,
            query: String::new(),
            fuzzy: FuzzyFilter::new(),
        }
    }
}

impl ArticleList {
    /// Makes the fuzzy filter aware of newly loaded articles.
    pub fn add_articles(&mut self, articles: &[Article]) {
        for article in &articles[self.fuzzy.len()..] {
            let [title, source, id] = filtered_fields(article);
            self.fuzzy.push(title, source, id);
        }
    }

    /// Takes in an article whose title or source the analyst corrected.
    pub fn update_article(&mut self, index: usize, article: &Article) {
        let [title, source, id] = filtered_fields(article);
        self.fuzzy.replace(index, title, source, id);
    }

    /// The chars of the article's title (at `index`) the filter matched.
    pub fn title_highlights(&self, index: usize, article: &Article) -> Vec<usize> {
        if self.query.is_empty() {
            return Vec::new();
        }
        self.fuzzy.highlights(index, filtered_fields(article)).title
    }

    /// The selected article's index into the corpus, if any row is shown.
    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.cursor.selected).copied()
    }

    /// Recomputes the visible rows, keeping the selected article selected
    /// when it is still shown.
    pub fn refresh(&mut self, articles: &[Article], period: &PeriodFilter, notes: impl Fn(usize) -> RowNotes) {
        let keep = self.selected_article();
        // A query ranks by match quality, best first, as fzf does.
        let ranked: Option<Vec<usize>> =
            (!self.query.is_empty()).then(|| self.fuzzy.set_query(&self.query).iter().map(|m| m.item).collect());
        let admitted = |index: &usize| self.admits(articles, *index, period, &notes);
        self.visible = match ranked {
            Some(ranked) => ranked.into_iter().filter(admitted).collect(),
            None => {
                let mut rows: Vec<usize> = (0..articles.len()).filter(admitted).collect();
                let (folded, sort) = (&self.fuzzy, self.sort);
                rows.par_sort_unstable_by(|&a, &b| row_order(a, b, articles, folded, sort));
                rows
            }
        };
        self.keep_selected(keep);
    }

    /// Like `refresh` after articles from `first` on arrived and nothing
    /// else changed: without a query the new rows are sorted alone and
    /// merged into the visible ones, already in order. Sorting all 100k
    /// rows again for every batch of a load kept keys waiting 70 ms.
    pub fn refresh_added(
        &mut self,
        articles: &[Article],
        first: usize,
        period: &PeriodFilter,
        notes: impl Fn(usize) -> RowNotes,
    ) {
        if !self.query.is_empty() {
            return self.refresh(articles, period, notes);
        }
        let keep = self.selected_article();
        let (folded, sort) = (&self.fuzzy, self.sort);
        let order = |a: &usize, b: &usize| row_order(*a, *b, articles, folded, sort);
        let mut added: Vec<usize> =
            (first..articles.len()).filter(|&i| self.admits(articles, i, period, &notes)).collect();
        added.par_sort_unstable_by(order);
        let old = std::mem::take(&mut self.visible);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut old, mut added) = (old.into_iter().peekable(), added.into_iter().peekable());
        while let (Some(a), Some(b)) = (old.peek(), added.peek()) {
            merged.push(if order(a, b).is_le() { old.next() } else { added.next() }.expect("peeked"));
        }
        merged.extend(old.chain(added));
        self.visible = merged;
        self.keep_selected(keep);
    }

    /// Whether the article at `index` passes the language, period and
    /// annotation filters.
    fn admits(
        &self,
        articles: &[Article],
        index: usize,
        period: &PeriodFilter,
        notes: impl Fn(usize) -> RowNotes,
    ) -> bool {
        let article = &articles[index];
        let notes = notes(index);
        self.language.admits(article.lang.lang)
            && period.admits(article)
            && (!self.annotated_only || notes.annotations > 0)
            && (!self.unread_only || !notes.read)
            && self.only.as_ref().is_none_or(|only| only.contains(&index))
    }

    /// Puts the cursor back on `keep` when it is still shown, else on top.
    fn keep_selected(&mut self, keep: Option<usize>) {
        self.cursor.selected = keep.and_then(|k| self.visible.iter().position(|&i| i == k)).unwrap_or(0);
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
    }

    pub fn cycle_language(&mut self) {
        self.language = self.language.next();
    }

    /// Clears the query, language, annotation, unread and search-hit filters.
    pub fn clear_filters(&mut self) {
        self.query.clear();
        self.language = LanguageFilter::All;
        self.annotated_only = false;
        self.only = None;
        self.unread_only = false;
    }
}

/// What the analyst has noted of an article, as far as the list filters by it.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowNotes {
    pub annotations: usize,
    pub read: bool,
}

/// What the filter looks in: the title, source and id.
fn filtered_fields(article: &Article) -> [&str; 3] {
    [article.title(), article.source().unwrap_or(""), article.id.as_str()]
}

/// The order of two rows under `key`: a total order (ties end in arrival).
/// Titles and sources compare as the filter folds them (`Ägypten` with
/// `Agypten`), regardless of case: the filter's buffer holds them already,
/// so sorting 100k rows neither allocates nor keeps another copy.
fn row_order(a: usize, b: usize, articles: &[Article], folded: &FuzzyFilter, key: SortKey) -> std::cmp::Ordering {
    let caseless =
        |x: &str, y: &str| x.bytes().map(|c| c.to_ascii_lowercase()).cmp(y.bytes().map(|c| c.to_ascii_lowercase()));
    let title = |a: usize, b: usize| caseless(folded.folded_fields(a)[0], folded.folded_fields(b)[0]);
    let source = |a: usize, b: usize| caseless(folded.folded_fields(a)[1], folded.folded_fields(b)[1]);
    match key {
        // Estimates by their first day, ranges by their earliest day (after
        // the estimates of that day), undated last; ties by title, then arrival.
        SortKey::Date => {
            let date = |i: usize| {
                let day = articles[i].date.as_ref().and_then(|d| d.sort_day());
                (day.is_none(), day)
            };
            date(a).cmp(&date(b)).then_with(|| title(a, b)).then(a.cmp(&b))
        }
        SortKey::Title => title(a, b).then(a.cmp(&b)),
        SortKey::Source => source(a, b).then_with(|| title(a, b)).then(a.cmp(&b)),
    }
}
