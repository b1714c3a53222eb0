//! Tests of the TUI as a whole: state changes through actions (`state`)
//! and rendered frames through ratatui's `TestBackend` (`render`).

mod annotate;
mod corpus_search;
mod render;
mod stamps;
mod state;
mod suggest;

use super::app::{App, TextEdit};
use super::hints::Hints;
use crate::corpus::Corpus;
use ratatui::layout::Rect;
use std::path::Path;

/// An app showing the bundled sample corpus in a `width`×`height` terminal.
fn sample_app(width: u16, height: u16) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let corpus = Corpus::load(&root).expect("load sample-corpus");
    let mut app = App::new(root, false, true);
    app.resize(Rect::new(0, 0, width, height));
    app.add_articles(corpus.articles);
    app.loading.finished = true;
    app
}

/// The hints of the embedded default keymap.
fn default_hints() -> Hints {
    super::hints_for(&super::load_keymap(None).expect("the default keymap loads"))
}

/// Types text into the open prompt or palette.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.edit(TextEdit::Insert(c));
    }
}

/// Titles of the visible list rows, in order.
fn visible_titles(app: &App) -> Vec<String> {
    app.list.visible.iter().map(|&i| app.articles[i].title().to_string()).collect()
}
