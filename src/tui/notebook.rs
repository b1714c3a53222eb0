//! The analyst's annotations as the TUI holds them: the current set, undo
//! and redo, and whether there is something not yet on disk.

use crate::annotations::Annotations;
use crate::annotations::stamp::{now, stamp_changes};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How much memory undo may hold, measured as the snapshots' JSON size:
/// at 10k claims a whole snapshot is megabytes, so a count of changes
/// would not bound it.
const UNDO_BYTES: usize = 64 << 20;

/// How long after the last change autosave waits, so a burst of edits is
/// written once.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

/// Annotations with their history.
#[derive(Debug)]
pub struct Notebook {
    pub annotations: Annotations,
    /// Whole snapshots, oldest first, and their total size: a snapshot
    /// cannot get out of step with the change it undoes, and the oldest
    /// are dropped once they hold more than `undo_budget` bytes.
    undo: VecDeque<(String, Annotations)>,
    undo_bytes: VecDeque<usize>,
    undo_budget: usize,
    redo: Vec<(String, Annotations)>,
    /// When the first change not yet saved was made.
    unsaved_since: Option<Instant>,
    last_change: Option<Instant>,
    /// Who is annotating: the `creator` of the records made here.
    pub analyst: String,
}

impl Default for Notebook {
    fn default() -> Notebook {
        Notebook {
            annotations: Annotations::default(),
            undo: VecDeque::new(),
            undo_bytes: VecDeque::new(),
            undo_budget: UNDO_BYTES,
            redo: Vec::new(),
            unsaved_since: None,
            last_change: None,
            analyst: String::new(),
        }
    }
}

impl Notebook {
    pub fn new(annotations: Annotations, analyst: String) -> Notebook {
        Notebook { annotations, analyst, ..Notebook::default() }
    }

    /// Keeps `before` for undo, dropping the oldest snapshots beyond the
    /// budget (the newest is always kept).
    fn remember(&mut self, what: String, before: Annotations) {
        let bytes = serialized_size(&before);
        self.undo.push_back((what, before));
        self.undo_bytes.push_back(bytes);
        while self.undo.len() > 1 && self.undo_bytes.iter().sum::<usize>() > self.undo_budget {
            self.undo.pop_front();
            self.undo_bytes.pop_front();
        }
    }

    /// Applies one change, described for undo messages (`tag claim`); the
    /// records it makes or changes are stamped with who and when.
    pub fn change(&mut self, what: &str, edit: impl FnOnce(&mut Annotations)) {
        let before = self.annotations.clone();
        edit(&mut self.annotations);
        if self.annotations == before {
            return;
        }
        stamp_changes(&before, &mut self.annotations, &self.analyst, &now());
        self.remember(what.to_string(), before);
        self.redo.clear();
        self.touch();
    }

    /// Reverts the last change; returns what it was.
    pub fn undo(&mut self) -> Option<String> {
        let (what, before) = self.undo.pop_back()?;
        self.undo_bytes.pop_back();
        let after = std::mem::replace(&mut self.annotations, before);
        self.redo.push((what.clone(), after));
        self.touch();
        Some(what)
    }

    /// Re-applies the last undone change; returns what it was.
    pub fn redo(&mut self) -> Option<String> {
        let (what, after) = self.redo.pop()?;
        let before = std::mem::replace(&mut self.annotations, after);
        self.remember(what.clone(), before);
        self.touch();
        Some(what)
    }

    fn touch(&mut self) {
        let now = Instant::now();
        self.unsaved_since.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// Whether something is not yet saved.
    pub fn unsaved(&self) -> bool {
        self.unsaved_since.is_some()
    }

    /// Whether autosave should write now: changes are waiting and the
    /// analyst has paused for `AUTOSAVE_DELAY`.
    pub fn autosave_due(&self, now: Instant) -> bool {
        self.unsaved() && self.last_change.is_some_and(|t| now.duration_since(t) >= AUTOSAVE_DELAY)
    }

    /// A save failed: autosave waits another pause before trying again.
    pub fn retry_later(&mut self) {
        self.last_change = Some(Instant::now());
    }

    /// Records that the current set is on disk.
    pub fn saved(&mut self) {
        self.unsaved_since = None;
    }

    /// Replaces the set after a save merged in someone else's changes;
    /// the merge itself can be undone.
    pub fn adopt_merged(&mut self, merged: Annotations) {
        if merged != self.annotations {
            let before = std::mem::replace(&mut self.annotations, merged);
            self.remember("merge with the file on disk".to_string(), before);
        }
    }
}

/// The size of a set written as JSON, without keeping the text.
fn serialized_size(annotations: &Annotations) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing to a counter cannot fail; a set that could not be written
    // counts as empty rather than stopping the change.
    let _ = serde_json::to_writer(&mut count, annotations);
    count.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(notebook: &Notebook, article: &str) -> bool {
        notebook.annotations.article(article).is_some_and(|a| a.read)
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut notebook = Notebook::default();
        notebook.change("mark read", |a| a.article_mut("a.txt").read = true);
        notebook.change("mark read", |a| a.article_mut("b.txt").read = true);
        assert!(read(&notebook, "b.txt"));
        assert_eq!(notebook.undo().as_deref(), Some("mark read"));
        assert!(!read(&notebook, "b.txt"));
        assert!(read(&notebook, "a.txt"));
        assert!(notebook.redo().is_some());
        assert!(read(&notebook, "b.txt"));
        assert!(notebook.redo().is_none());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut notebook = Notebook::default();
        notebook.change("one", |a| a.article_mut("a.txt").read = true);
        notebook.undo();
        notebook.change("two", |a| a.article_mut("b.txt").read = true);
        assert!(notebook.redo().is_none());
        assert!(!read(&notebook, "a.txt"));
    }

    #[test]
    fn undo_keeps_the_newest_snapshots_within_its_byte_budget() {
        let mut notebook = Notebook { undo_budget: 20_000, ..Notebook::default() };
        for i in 0..40 {
            notebook.change("mark read", |a| a.article_mut(&format!("article-{i}.txt")).read = true);
        }
        let kept = notebook.undo.len();
        assert!(kept > 1 && kept < 40, "kept {kept} of 40 snapshots");
        assert!(notebook.undo_bytes.iter().sum::<usize>() <= 20_000);
        let sizes: Vec<usize> = notebook.undo.iter().map(|(_, a)| serialized_size(a)).collect();
        assert_eq!(notebook.undo_bytes, sizes, "the sizes follow the snapshots");
        while notebook.undo().is_some() {}
        assert!(read(&notebook, "article-0.txt"), "the oldest changes can no longer be undone");
        assert!(!read(&notebook, "article-39.txt"), "the newest can");
    }

    #[test]
    fn a_change_that_changes_nothing_is_not_recorded() {
        let mut notebook = Notebook::default();
        notebook.change("nothing", |_| {});
        assert!(!notebook.unsaved());
        assert!(notebook.undo().is_none());
    }

    #[test]
    fn autosave_waits_for_a_pause() {
        let mut notebook = Notebook::default();
        notebook.change("one", |a| a.article_mut("a.txt").read = true);
        let now = Instant::now();
        assert!(!notebook.autosave_due(now));
        assert!(notebook.autosave_due(now + AUTOSAVE_DELAY));
        notebook.saved();
        assert!(!notebook.autosave_due(now + AUTOSAVE_DELAY));
        assert!(!notebook.unsaved());
    }
}
