//! Loading the corpus in the background: articles arrive in batches so the
//! list shows as soon as the first ones are analysed and the UI answers
//! keys all along. A second thread takes a copy of each batch and finds
//! suggested links and recurring sentences, on its own pool of threads at
//! the lowest CPU priority: the load and the UI keep the cores when they
//! need them, and the suggestions take what is left.

use super::suggestions::Found;
use crate::corpus::{self, Article, StreamEvent};
use crate::suggest::Fingerprint;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

/// What the background threads report.
#[derive(Debug)]
pub enum LoadEvent {
    /// A step of the corpus load.
    Corpus(StreamEvent),
    /// Why the corpus could not be loaded at all.
    Failed(String),
    /// Suggested links and the index of sentences, found after the load.
    Suggestions(Box<Found>),
}

/// Starts loading `root`, and then looking for suggestions, in the background.
pub fn spawn(root: PathBuf) -> Receiver<LoadEvent> {
    let (sender, receiver) = channel();
    let (batches, batches_received) = channel();
    let finder = sender.clone();
    thread::spawn(move || find_suggestions(batches_received, finder));
    thread::spawn(move || {
        // A failed send means the UI has quit; the load can stop caring.
        let result = corpus::stream(&root, |event| {
            if let StreamEvent::Batch { articles, .. } = &event {
                let _ = batches.send(articles.clone());
            }
            let _ = sender.send(LoadEvent::Corpus(event));
        });
        if let Err(error) = result {
            let _ = sender.send(LoadEvent::Failed(error.to_string()));
        }
    });
    receiver
}

/// Fingerprints each batch as it comes, and once the load is over (the
/// batch channel closes) finds the suggestions and indexes the sentences.
fn find_suggestions(batches: Receiver<Vec<Article>>, sender: Sender<LoadEvent>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("dossier-suggest-{i}"))
        .start_handler(|_| lowest_priority())
        .build();
    let Ok(pool) = pool else { return };
    let mut prints: Vec<Fingerprint> = Vec::new();
    for batch in batches {
        pool.install(|| prints.par_extend(batch.par_iter().map(Fingerprint::of)));
    }
    if prints.is_empty() {
        return;
    }
    let found = pool.install(|| Found::from_fingerprints(prints));
    let _ = sender.send(LoadEvent::Suggestions(Box::new(found)));
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
