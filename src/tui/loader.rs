//! Loading the corpus in the background: articles arrive in batches so the
//! list shows as soon as the first ones are analysed and the UI answers
//! keys all along. Once every article is in, a second thread reads the
//! app's articles (shared, not copied) and finds the dates the corpus
//! gives undated articles (their kin's), then suggested links and
//! recurring sentences, on its own pool of threads at the lowest CPU
//! priority: the UI keeps the cores when it needs them, and the
//! suggestions take what is left.

use super::suggestions::Found;
use crate::corpus::{self, Article, ArticleId, LinkScope, PublicationDate, StreamEvent};
use crate::suggest::{Fingerprint, KinPrint, kin_dates};
use rayon::prelude::*;
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::thread;

/// What the loading thread reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// A step of the corpus load.
    Corpus(StreamEvent),
    /// Why the corpus could not be loaded at all.
    Failed(String),
}

/// What the suggestion finder reports.
#[derive(Debug)]
pub enum FinderEvent {
    /// Dates the corpus gives undated articles (their kin's).
    CorpusDates(Vec<(ArticleId, PublicationDate)>),
    /// Suggested links and the index of sentences.
    Suggestions(Box<Found>),
    /// Why no suggestions could be found (a bug: the finder panicked).
    Failed(String),
}

/// Starts loading `root` in the background, keeping the analysis in the
/// cache folder `cache` where one is given (a known corpus then lists at
/// once).
pub fn spawn(root: PathBuf, links: LinkScope, cache: Option<PathBuf>) -> Receiver<LoadEvent> {
    let (sender, receiver) = channel();
    thread::spawn(move || {
        // A failed send means the UI has quit; the load can stop caring.
        let result = catch_unwind(AssertUnwindSafe(|| {
            corpus::stream(&root, links, cache.as_deref(), |event| {
                let _ = sender.send(LoadEvent::Corpus(event));
            })
        }));
        let failure = match result {
            Ok(Ok(())) => return,
            Ok(Err(error)) => error.to_string(),
            Err(panic) => format!("the loader failed: {}", panic_message(&*panic)),
        };
        let _ = sender.send(LoadEvent::Failed(failure));
    });
    receiver
}

/// Starts looking for suggestions in the loaded `articles`, in the
/// background. The finder lets go of them as soon as it has read them, so
/// a correction the analyst makes after that changes the app's own copy
/// in place (see `App::articles_mut`).
pub fn find_suggestions(articles: Arc<Vec<Article>>) -> Receiver<FinderEvent> {
    let (sender, receiver) = channel();
    thread::spawn(move || {
        let dates = |dates| {
            // A failed send means the UI has quit.
            let _ = sender.send(FinderEvent::CorpusDates(dates));
        };
        let found = catch_unwind(AssertUnwindSafe(|| find(articles, dates)));
        // A failed send means the UI has quit.
        let _ = match found {
            Ok(Some(found)) => sender.send(FinderEvent::Suggestions(Box::new(found))),
            Ok(None) => Ok(()),
            Err(panic) => sender.send(FinderEvent::Failed(panic_message(&*panic))),
        };
    });
    receiver
}

/// Fingerprints the articles, lets go of them, hands the corpus's dates
/// to `dates`, then finds the suggestions and indexes the sentences;
/// `None` when there is nothing to look at.
fn find(articles: Arc<Vec<Article>>, dates: impl FnOnce(Vec<(ArticleId, PublicationDate)>)) -> Option<Found> {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dossier-suggest-{i}"))
        .start_handler(|_| lowest_priority())
        .build()
        .ok()?;
    // The end-to-end test checks that a failing finder leaves the UI alone.
    if cfg!(debug_assertions) && std::env::var("DOSSIER_DEBUG_PANIC").is_ok_and(|v| v == "suggest") {
        panic!("DOSSIER_DEBUG_PANIC=suggest: the suggestion finder fails on purpose");
    }
    let (prints, kin): (Vec<Fingerprint>, Vec<KinPrint>) = pool.install(|| {
        articles
            .par_chunks(corpus::text::RELEASE_EVERY)
            .flat_map_iter(|chunk| {
                let prints: Vec<_> = chunk.iter().map(|a| (Fingerprint::of(a), KinPrint::of(a))).collect();
                // Read once: a reopened corpus's pages go back to the file cache.
                corpus::text::release_pages(chunk);
                prints
            })
            .unzip()
    });
    // Before the dates go out: applying them then changes the app's
    // articles in place instead of copying them all.
    drop(articles);
    let found_dates = pool.install(|| kin_dates(&kin));
    if !found_dates.is_empty() {
        dates(found_dates.into_iter().map(|(i, date)| (kin[i].id.clone(), date)).collect());
    }
    drop(kin);
    let found = (!prints.is_empty()).then(|| pool.install(|| Found::from_fingerprints(prints)));
    give_back_memory();
    found
}

/// Hands the memory the search freed (candidate lists, the features it
/// pruned) back to the system: glibc keeps freed small blocks otherwise,
/// and at 100k articles that is hundreds of MB the analyst would not use.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free heap memory; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What a panic said, for the status line.
fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown error".to_string())
}

/// Puts the calling thread at the lowest CPU priority (nice 19). On Linux
/// the nice value belongs to the thread, not the process. Best effort: if
/// it fails the thread runs at normal priority.
fn lowest_priority() {
    // SAFETY: setpriority only reads its plain integer arguments.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}
