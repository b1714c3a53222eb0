//! Search across the corpus: the index is brought up to date in the
//! background (progress on the status line), a results overlay lists the
//! hits as the analyst types (each row's snippet found when the row is
//! first shown, so a keystroke costs the same for 5 hits or 500), Enter
//! opens a hit in the reader
//! with its matches highlighted, `n`/`N` run on from one hit's article to
//! the next, and the list can be narrowed to the hits.

use super::app::{App, Focus, Overlay, TextEdit};
use super::reader::Search;
use crate::corpus::LinkScope;
use crate::search::{Hit, Passages, Query, SearchIndex};
use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::thread;

/// Hits shown at most: more than anyone reads, few enough to stay fast.
const MOST_HITS: usize = 500;

/// What the indexing thread reports.
#[derive(Debug)]
pub enum IndexEvent {
    /// Files indexed so far, of how many.
    Progress(usize, usize),
    Ready(Box<SearchIndex>),
    Failed(String),
}

/// Brings the corpus's search index up to date on a thread of its own.
pub fn spawn_indexer(root: PathBuf, links: LinkScope) -> Receiver<IndexEvent> {
    let (sender, receiver) = channel();
    thread::spawn(move || {
        let progress = sender.clone();
        let opened = SearchIndex::open(&root, links, false, |done, total| {
            // A failed send means the UI has quit.
            let _ = progress.send(IndexEvent::Progress(done, total));
        });
        let _ = sender.send(match opened {
            Ok((index, _)) => IndexEvent::Ready(Box::new(index)),
            Err(error) => IndexEvent::Failed(error.to_string()),
        });
    });
    receiver
}

/// The corpus search's state; it outlives the overlay, so the results
/// come back as they were.
#[derive(Debug, Default)]
pub struct CorpusSearch {
    pub index: Option<SearchIndex>,
    /// Files indexed so far, of how many, while the index is being built.
    pub progress: Option<(usize, usize)>,
    /// Why there is no index.
    pub failed: Option<String>,
    /// What the analyst typed.
    pub query: String,
    /// Why the query cannot be run, if it cannot.
    pub error: Option<String>,
    /// The last query's hits, best first.
    pub hits: Vec<Hit>,
    /// The query the hits answer, as understood.
    ran: Option<Query>,
    /// Where the query occurs in each hit: found when first asked for.
    passages: Vec<OnceCell<Passages>>,
    /// The selected hit in the overlay.
    pub selected: usize,
    /// The hit open in the reader, for `n`/`N` across articles.
    pub opened: Option<usize>,
}

impl CorpusSearch {
    /// The status-line note while the index is being built.
    pub fn status(&self) -> Option<String> {
        let (done, total) = self.progress?;
        (total > 0).then(|| format!("indexing {} / {} files for search", thousands(done), thousands(total)))
    }

    /// Where the query occurs in hit `n`: its matches and snippets, read
    /// from the index the first time they are asked for (a hit whose text
    /// cannot be read has none).
    pub fn passages(&self, n: usize) -> Option<&Passages> {
        let (index, query, hit) = (self.index.as_ref()?, self.ran.as_ref()?, self.hits.get(n)?);
        Some(self.passages.get(n)?.get_or_init(|| index.passages(query, hit).unwrap_or_default()))
    }

    /// How many hits have had their passages found.
    #[cfg(test)]
    pub fn passages_found(&self) -> usize {
        self.passages.iter().filter(|p| p.get().is_some()).count()
    }

    /// Replaces the hits with those of `query` (none: `None`).
    fn set_hits(&mut self, query: Option<Query>, hits: Vec<Hit>) {
        self.passages = hits.iter().map(|_| OnceCell::new()).collect();
        self.hits = hits;
        self.ran = query;
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl App {
    /// Takes in a report from the indexing thread.
    pub fn index_event(&mut self, event: IndexEvent) {
        let search = &mut self.corpus_search;
        match event {
            IndexEvent::Progress(done, total) => search.progress = Some((done, total)),
            IndexEvent::Ready(index) => {
                search.progress = None;
                search.index = Some(*index);
                // A query typed while the index was building runs now.
                if !search.query.is_empty() {
                    self.run_corpus_search();
                }
            }
            IndexEvent::Failed(why) => {
                search.progress = None;
                search.failed = Some(why);
            }
        }
    }

    /// Opens the results overlay, with the last query and its hits.
    pub fn open_corpus_search(&mut self) {
        self.overlay = Some(Overlay::CorpusSearch);
        if self.corpus_search.index.is_some() && !self.corpus_search.query.is_empty() {
            self.run_corpus_search();
        }
    }

    /// Typing in the results overlay: the query changes, the search re-runs.
    pub fn corpus_search_edit(&mut self, edit: TextEdit) {
        if super::app::edit_line(&mut self.corpus_search.query, edit) {
            self.run_corpus_search();
        }
    }

    /// Runs the typed query; the hits replace the last ones.
    fn run_corpus_search(&mut self) {
        let search = &mut self.corpus_search;
        search.selected = 0;
        search.opened = None;
        search.set_hits(None, Vec::new());
        search.error = None;
        let Some(index) = &search.index else { return };
        if search.query.trim().is_empty() {
            return;
        }
        let query = match Query::parse(&search.query) {
            Ok(query) => query,
            Err(error) => {
                search.error = Some(error.to_string());
                return;
            }
        };
        match index.search(&query, MOST_HITS) {
            Ok(hits) => search.set_hits(Some(query), hits),
            Err(error) => search.error = Some(error.to_string()),
        }
    }

    /// Opens hit `n` in the reader at its first match (its last when
    /// `forward` is false), the matches highlighted and the sentence
    /// cursor on it; `Ctrl-o` comes back.
    pub(super) fn open_hit(&mut self, n: usize, forward: bool) {
        let Some(hit) = self.corpus_search.hits.get(n) else { return };
        let Some(&index) = self.article_ids.get(hit.id.as_str()) else {
            self.message = Some(format!("{} is not loaded yet", hit.id));
            return;
        };
        let Some(passages) = self.corpus_search.passages(n) else { return };
        // Offsets from an index older than the text would point astray.
        let text = &self.articles[index].text;
        let matches: Vec<_> = passages
            .highlights
            .iter()
            .filter(|m| m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end))
            .cloned()
            .collect();
        let query = self.corpus_search.query.clone();
        self.overlay = None;
        self.corpus_search.opened = Some(n);
        let first = if forward { 0 } else { matches.len().saturating_sub(1) };
        let span = matches.get(first).cloned().unwrap_or(0..0);
        self.jump_to_span(index, span);
        if let Some(reader) = &mut self.reader {
            reader.search = Some(Search { query, matches, current: first });
        }
    }

    /// `n`/`N` in the reader on a corpus hit: past its article's last (or
    /// first) match, on to the next (previous) hit. Returns whether it moved
    /// to another article; otherwise the reader moves within the article.
    pub fn corpus_hit_step(&mut self, forward: bool) -> bool {
        let Some(opened) = self.corpus_search.opened else { return false };
        let Some(reader) = &self.reader else { return false };
        let on_hit = self.corpus_search.hits.get(opened).is_some_and(|hit| self.articles[reader.article].id == hit.id);
        let Some(search) = reader.search.as_ref().filter(|s| s.query == self.corpus_search.query && on_hit) else {
            self.corpus_search.opened = None;
            return false;
        };
        let at_end = if forward { search.current + 1 >= search.matches.len() } else { search.current == 0 };
        let next = if forward { opened + 1 } else { opened.wrapping_sub(1) };
        if !at_end || next >= self.corpus_search.hits.len() {
            return false;
        }
        self.open_hit(next, forward);
        let count = self.corpus_search.hits.len();
        self.message = Some(format!("hit {} of {count}", next + 1));
        true
    }

    /// Narrows the article list to the articles the corpus search found.
    pub fn narrow_to_hits(&mut self) {
        let ids = &self.article_ids;
        let hits: Vec<usize> =
            self.corpus_search.hits.iter().filter_map(|hit| ids.get(hit.id.as_str()).copied()).collect();
        if hits.is_empty() {
            self.message = Some("no corpus search hits to narrow to: search with g /".to_string());
            return;
        }
        self.message = Some(format!("listing the {} articles the search found · x shows all", hits.len()));
        self.list.only = Some(hits.into_iter().collect());
        self.refresh_list();
        self.list.cursor.select(0, self.list.visible.len());
        self.set_focus(Focus::List);
    }
}
