//! The article list's state: which articles are shown, in what order, and
//! which is selected. Narrowed by the fuzzy filter, the timeline period,
//! the language filter and the has-annotations filter.

use super::cursor::Cursor;
use super::filter::FuzzyFilter;
use super::timeline_pane::PeriodFilter;
use crate::corpus::Article;
use crate::corpus::lang::Lang;
use chrono::Datelike;
use rayon::prelude::*;

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
        // With no other filter on, every article is admitted: a keystroke
        // at a million matches need not look at each one's article.
        let narrowed = self.narrows(period);
        self.visible = match ranked {
            Some(ranked) if !narrowed => ranked,
            Some(ranked) => ranked.into_iter().filter(admitted).collect(),
            None => {
                let rows: Vec<usize> = match narrowed {
                    false => (0..articles.len()).collect(),
                    true => (0..articles.len()).filter(admitted).collect(),
                };
                sorted_rows(rows, articles, &self.fuzzy, self.sort)
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
        let added: Vec<usize> = (first..articles.len()).filter(|&i| self.admits(articles, i, period, &notes)).collect();
        let added = sorted_keys(added, articles, folded, sort);
        let old = std::mem::take(&mut self.visible);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        // Each shown row's key is worked out once, as the merge reaches it.
        let mut old = old.into_iter().map(|row| RowKey::of(row, articles, folded, sort)).peekable();
        let mut added = added.into_iter().peekable();
        while let (Some(a), Some(b)) = (old.peek(), added.peek()) {
            merged.push(if a <= b { old.next() } else { added.next() }.expect("peeked").row);
        }
        merged.extend(old.chain(added).map(|key| key.row));
        self.visible = merged;
        self.keep_selected(keep);
    }

    /// Whether any filter besides the query may leave an article out.
    fn narrows(&self, period: &PeriodFilter) -> bool {
        self.language != LanguageFilter::All
            || !matches!(period, PeriodFilter::All)
            || self.annotated_only
            || self.unread_only
            || self.only.is_some()
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
        // The notes are looked up (by id) only when a filter needs them:
        // a keystroke at a million matches cannot afford a lookup each.
        let noted = || {
            let notes = notes(index);
            (!self.annotated_only || notes.annotations > 0) && (!self.unread_only || !notes.read)
        };
        self.language.admits(article.lang.lang)
            && period.admits(article)
            && self.only.as_ref().is_none_or(|only| only.contains(&index))
            && (!(self.annotated_only || self.unread_only) || noted())
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

/// `rows` in `key`'s order. Each row's [`RowKey`] is worked out once: a
/// million rows sorted by looking up their articles' dates and folded
/// titles at every comparison took over a second.
fn sorted_rows(rows: Vec<usize>, articles: &[Article], folded: &FuzzyFilter, key: SortKey) -> Vec<usize> {
    sorted_keys(rows, articles, folded, key).into_iter().map(|key| key.row).collect()
}

/// The [`RowKey`]s of `rows`, sorted.
fn sorted_keys<'a>(rows: Vec<usize>, articles: &[Article], folded: &'a FuzzyFilter, key: SortKey) -> Vec<RowKey<'a>> {
    let key_of = |row| RowKey::of(row, articles, folded, key);
    // A batch arriving while the load analyses is sorted here, not on the
    // busy pool (see `ON_THIS_THREAD_UP_TO`).
    if rows.len() > crate::corpus::ON_THIS_THREAD_UP_TO {
        let mut keyed: Vec<RowKey> = rows.into_par_iter().map(key_of).collect();
        keyed.par_sort_unstable();
        keyed
    } else {
        let mut keyed: Vec<RowKey> = rows.into_iter().map(key_of).collect();
        keyed.sort_unstable();
        keyed
    }
}

/// Where a row goes under a [`SortKey`], compared field by field in the
/// order they are declared: a total order (ties end in arrival).
///
/// - **Date**: estimates by their first day, ranges by their earliest day
///   (after the estimates of that day), undated last; then the title.
/// - **Title**: the title.
/// - **Source**: the source, then the title.
///
/// Titles and sources compare as the filter folds them (`Ägypten` with
/// `Agypten`), regardless of case: the filter's buffer holds them already,
/// so sorting neither allocates strings nor keeps another copy.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct RowKey<'a> {
    /// What numbers can tell: the sort day, and the first eight bytes of
    /// the text compared next (both exact: when they differ, the texts do
    /// in the same way), so most comparisons end here.
    numbers: (u64, u64),
    first: Caseless<'a>,
    second: Caseless<'a>,
    row: usize,
}

impl<'a> RowKey<'a> {
    fn of(row: usize, articles: &[Article], folded: &'a FuzzyFilter, key: SortKey) -> RowKey<'a> {
        let [title, source, _] = folded.folded_fields(row).map(Caseless);
        let (numbers, first, second) = match key {
            SortKey::Date => {
                let day = articles[row].date.as_ref().and_then(|d| d.sort_day());
                let day = day.map_or(u64::MAX, |(date, range)| {
                    ((i64::from(date.num_days_from_ce()) - i64::from(i32::MIN)) as u64) << 1 | u64::from(range)
                });
                ((day, title.prefix()), title, Caseless(""))
            }
            SortKey::Title => ((title.prefix(), 0), title, Caseless("")),
            SortKey::Source => ((source.prefix(), 0), source, title),
        };
        RowKey { numbers, first, second, row }
    }
}

/// A folded title or source, ordered ignoring ASCII case.
#[derive(Debug, Clone, Copy)]
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Caseless<'_> {}

impl Caseless<'_> {
    /// The first eight bytes, lowercased, as a big-endian number (a
    /// shorter text padded with zeros, which sort first as its end does).
    fn prefix(self) -> u64 {
        let mut bytes = [0; 8];
        for (to, from) in bytes.iter_mut().zip(self.0.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        u64::from_be_bytes(bytes)
    }
}

impl Ord for Caseless<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // The same bytes (the same title, often) need no walk letter by letter.
        if self.0 == other.0 {
            return std::cmp::Ordering::Equal;
        }
        self.0.bytes().map(|c| c.to_ascii_lowercase()).cmp(other.0.bytes().map(|c| c.to_ascii_lowercase()))
    }
}

impl PartialOrd for Caseless<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleId, RawDocument, SourceFormat, StatedMeta};
    use proptest::prelude::*;
    use std::cmp::Ordering;

    /// An article with a stated title, source and (maybe) date.
    fn article(n: usize, title: &str, source: &str, date: Option<&str>) -> Article {
        Article::analyse(RawDocument {
            id: ArticleId(format!("{n}.md")),
            path: format!("{n}.md").into(),
            format: SourceFormat::Markdown,
            encoding: "UTF-8",
            meta: StatedMeta {
                title: Some(title.to_string()),
                source: Some(source.to_string()),
                date: date.map(str::to_string),
                ..StatedMeta::default()
            },
            body: "Text.".to_string(),
        })
    }

    /// The order the list promises, spelled out plainly (as the list
    /// compared rows before it sorted by keys): the reference for the sort.
    fn plain_order(a: usize, b: usize, articles: &[Article], folded: &FuzzyFilter, key: SortKey) -> Ordering {
        let caseless =
            |x: &str, y: &str| x.bytes().map(|c| c.to_ascii_lowercase()).cmp(y.bytes().map(|c| c.to_ascii_lowercase()));
        let title = |a: usize, b: usize| caseless(folded.folded_fields(a)[0], folded.folded_fields(b)[0]);
        let source = |a: usize, b: usize| caseless(folded.folded_fields(a)[1], folded.folded_fields(b)[1]);
        match key {
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The keyed sort gives exactly the plain order, for
        /// titles and sources that share long prefixes, differ in case or
        /// fold (`Ä`, `ß`), and dates that tie, are ranges or are missing.
        #[test]
        fn the_keyed_sort_is_the_plain_order(
            rows in proptest::collection::vec(
                ("[aAäb]{0,3}[aAßz ]{0,9}", "[aAb]{7,9}[xXÄ]?", proptest::option::of(
                    prop_oneof!["2024-0[1-3]-0[1-2]", "2024-0[1-3]", "202[34]"]
                )),
                0..60,
            )
        ) {
            let articles: Vec<Article> = rows
                .iter()
                .enumerate()
                .map(|(n, (title, source, date))| article(n, title, source, date.as_deref()))
                .collect();
            let mut folded = FuzzyFilter::new();
            for article in &articles {
                let [title, source, id] = filtered_fields(article);
                folded.push(title, source, id);
            }
            for key in [SortKey::Date, SortKey::Title, SortKey::Source] {
                let mut expected: Vec<usize> = (0..articles.len()).collect();
                expected.sort_by(|&a, &b| plain_order(a, b, &articles, &folded, key));
                let sorted = sorted_rows((0..articles.len()).rev().collect(), &articles, &folded, key);
                prop_assert_eq!(sorted, expected, "{:?}", key);
            }
        }
    }
}
