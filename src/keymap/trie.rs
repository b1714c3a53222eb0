//! Resolving key events into actions, one event at a time, with multi-key
//! sequences (`g g`) kept pending in between.
//!
//! The keymap's bindings per context act as the trie: a context has tens of
//! bindings, so walking them per key press is cheaper to keep correct than a
//! separate tree that must mirror layering and `global` fallback.
//!
//! Decisions:
//! * Only presses count. Repeats (reported by terminals with the kitty
//!   protocol while a key is held) are treated as presses, so holding `j`
//!   keeps scrolling. Releases return [`Resolution::Unbound`] and leave any
//!   pending sequence as it was.
//! * `<Esc>` while a sequence is pending cancels it ([`Resolution::Cancelled`]);
//!   the keymap loader rejects `<Esc>` after the first key of a binding.
//! * A key that continues no binding ends the pending sequence and is
//!   dropped ([`Resolution::Unbound`]), as in vim: `g x` does not run `x`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::keys::{KeyChord, KeySequence};
use super::{Entry, Keymap, Target};

/// What a key event did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<A> {
    /// A complete sequence: run this action.
    Matched(A),
    /// The keys so far start one or more bindings; show a which-key popup.
    Pending {
        /// The keys typed so far.
        prefix: KeySequence,
        /// The keys that may come next, in keymap order.
        continuations: Vec<Continuation<A>>,
    },
    /// `<Esc>` cancelled a pending sequence.
    Cancelled,
    /// Nothing is bound (or the event was a key release); nothing to do.
    Unbound,
}

/// One possible next key of a pending sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuation<A> {
    /// The next key.
    pub key: KeyChord,
    /// What typing it leads to.
    pub next: Next<A>,
}

/// What a continuation key leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Next<A> {
    /// It completes a binding for this action.
    Action(A),
    /// It starts a further group of bindings, with its label if the keymap
    /// gives one.
    Group(Option<String>),
}

/// Turns key events into [`Resolution`]s, remembering a pending prefix.
#[derive(Clone, Debug, Default)]
pub struct KeyResolver {
    pending: Vec<KeyChord>,
}

impl KeyResolver {
    /// A resolver with nothing pending.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keys of the pending sequence; empty when nothing is pending.
    pub fn pending(&self) -> &[KeyChord] {
        &self.pending
    }

    /// Forgets a pending sequence, e.g. when the view changes.
    pub fn reset(&mut self) {
        self.pending.clear();
    }

    /// Resolves one key event in a context stack such as `["reader"]` or
    /// `["selection", "reader"]`: the first context that binds a sequence
    /// wins, and `global` is consulted last.
    pub fn feed<A: Clone>(
        &mut self,
        keymap: &Keymap<A>,
        contexts: &[&str],
        event: KeyEvent,
    ) -> Resolution<A> {
        if event.kind == KeyEventKind::Release {
            return Resolution::Unbound;
        }
        let key = KeyChord::from(event);
        let mut typed = std::mem::take(&mut self.pending);
        if !typed.is_empty() && key == KeyChord::plain(KeyCode::Esc) {
            return Resolution::Cancelled;
        }
        typed.push(key);

        let entries = keymap.effective(contexts);
        let exact = entries.iter().find(|e| e.keys.chords() == typed.as_slice());
        if let Some(Entry {
            target: Target::Action(action),
            ..
        }) = exact
        {
            return Resolution::Matched(action.clone());
        }
        let continuations = continuations(&entries, &typed);
        if continuations.is_empty() {
            return Resolution::Unbound;
        }
        self.pending.clone_from(&typed);
        Resolution::Pending {
            prefix: KeySequence::from(typed),
            continuations,
        }
    }
}

/// The distinct next keys after `prefix`, each with the action it completes
/// or the label of the group it opens.
fn continuations<A: Clone>(entries: &[&Entry<A>], prefix: &[KeyChord]) -> Vec<Continuation<A>> {
    let mut found: Vec<Continuation<A>> = Vec::new();
    let below = entries
        .iter()
        .filter(|e| e.keys.len() > prefix.len() && e.keys.starts_with(prefix));
    for entry in below {
        let key = entry.keys.chords()[prefix.len()];
        let is_next = entry.keys.len() == prefix.len() + 1;
        let next = match &entry.target {
            Target::Action(action) if is_next => Next::Action(action.clone()),
            Target::Group(label) if is_next => Next::Group(Some(label.clone())),
            _ => Next::Group(None),
        };
        match found.iter_mut().find(|c| c.key == key) {
            // The binding of exactly prefix + key says more than a deeper one.
            Some(existing) if is_next => existing.next = next,
            Some(_) => {}
            None => found.push(Continuation { key, next }),
        }
    }
    found
}
