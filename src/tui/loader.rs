//! Loading the corpus in the background: articles arrive in batches so the
//! list shows as soon as the first ones are analysed and the UI answers
//! keys all along. Once every article is in, the same thread goes on to
//! find suggested links and recurring sentences, so the analyst reads
//! while that runs.

use super::suggestions::Found;
use crate::corpus::{self, StreamEvent};
use crate::suggest::Fingerprint;
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::thread;

/// What the background thread reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// A step of the corpus load.
    Corpus(StreamEvent),
    /// Why the corpus could not be loaded at all.
    Failed(String),
    /// Suggested links and the index of sentences, found after the load.
    Suggestions(Box<Found>),
}

/// Starts loading `root` on a background thread.
pub fn spawn(root: PathBuf) -> Receiver<LoadEvent> {
    let (sender, receiver) = channel();
    thread::spawn(move || {
        // Fingerprints are taken batch by batch while the articles are at
        // hand, in the order the UI appends them.
        let mut prints: Vec<Fingerprint> = Vec::new();
        // A failed send means the UI has quit; the load can stop caring.
        let result = corpus::stream(&root, |event| {
            if let StreamEvent::Batch { articles, .. } = &event {
                prints.par_extend(articles.par_iter().map(Fingerprint::of));
            }
            let _ = sender.send(LoadEvent::Corpus(event));
        });
        match result {
            Ok(()) => {
                let _ = sender.send(LoadEvent::Suggestions(Box::new(Found::from_fingerprints(prints))));
            }
            Err(error) => {
                let _ = sender.send(LoadEvent::Failed(error.to_string()));
            }
        }
    });
    receiver
}
