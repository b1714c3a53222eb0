//! Progress of a long command-line run (loading a corpus, finding
//! suggestions, indexing) on stderr, drawn only when stderr is a terminal:
//! piped or redirected, stderr gets not one byte of it.

use crate::corpus::{Corpus, LinkScope};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

/// A spinner, what is being done and the time it has taken, on one line of
/// stderr; cleared when dropped, so the output and any error that follow
/// start on a clean line.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Starts showing `what` (e.g. "indexing: 120 of 4,000 articles").
    pub fn start(what: impl Into<String>) -> Progress {
        let bar = if std::io::stderr().is_terminal() { ProgressBar::new_spinner() } else { ProgressBar::hidden() };
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        // Drawn now, however short the run.
        bar.set_message(what.into());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar }
    }

    /// Says what is being done now.
    pub fn say(&self, what: impl Into<String>) {
        self.bar.set_message(what.into());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Loads the corpus at `root`, counting the articles read as it goes.
pub fn load_corpus(root: &Path, links: LinkScope) -> Result<Corpus> {
    let name = crate::display::escape_path(root);
    let progress = Progress::start(format!("loading {name}"));
    let cache = crate::search::cache_root();
    let corpus = Corpus::load_counting(root, links, cache.as_deref(), |read| {
        progress.say(format!("loading {name}: {read} files read"));
    })?;
    Ok(corpus)
}
