//! Loading the corpus in the background: articles arrive in batches so the
//! list shows as soon as the first ones are analysed and the UI answers
//! keys all along.

use crate::corpus::{self, StreamEvent};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::thread;

/// A step of the load, or why the corpus could not be loaded at all.
pub type LoadEvent = Result<StreamEvent, String>;

/// Starts loading `root` on a background thread.
pub fn spawn(root: PathBuf) -> Receiver<LoadEvent> {
    let (sender, receiver) = channel();
    thread::spawn(move || {
        // A failed send means the UI has quit; the load can stop caring.
        let result = corpus::stream(&root, |event| {
            let _ = sender.send(Ok(event));
        });
        if let Err(error) = result {
            let _ = sender.send(Err(error.to_string()));
        }
    });
    receiver
}
