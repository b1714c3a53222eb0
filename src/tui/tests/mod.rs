//! Tests of the TUI as a whole: state changes through actions (`state`)
//! and rendered frames through ratatui's `TestBackend` (`render`).

mod annotate;
mod corpus_search;
mod render;
mod stamps;
mod state;
mod suggest;

use super::action::Action;
use super::app::{App, Effect, TextEdit};
use super::hints::Hints;
use crate::corpus::Corpus;
use crate::keymap::{KeyResolver, KeySequence, Keymap};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::OnceLock;

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

/// The embedded default keymap.
fn default_keymap() -> &'static Keymap<Action> {
    static KEYMAP: OnceLock<Keymap<Action>> = OnceLock::new();
    KEYMAP.get_or_init(|| super::load_keymap(None).expect("the default keymap loads"))
}

/// Presses keys written in keymap notation (`"<C-s>"`, `"<C-x> <C-e>"`)
/// through the default keymap, as the event loop does.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let sequence: KeySequence = keys.parse().unwrap_or_else(|e| panic!("{keys}: {e}"));
    let mut resolver = KeyResolver::new();
    let mut effects = Vec::new();
    for chord in sequence.chords() {
        let event = KeyEvent::new(chord.code, chord.modifiers);
        effects.extend(super::on_key(app, default_keymap(), &mut resolver, event));
    }
    effects
}

/// Types text key by key through the keymap, as the event loop does.
fn type_keys(app: &mut App, text: &str) {
    let mut resolver = KeyResolver::new();
    for c in text.chars() {
        super::on_key(app, default_keymap(), &mut resolver, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
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
