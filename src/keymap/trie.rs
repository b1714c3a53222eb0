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
    pub fn feed<A: Clone>(&mut self, keymap: &Keymap<A>, contexts: &[&str], event: KeyEvent) -> Resolution<A> {
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
        if let Some(Entry { target: Target::Action(action), .. }) = exact {
            return Resolution::Matched(action.clone());
        }
        let continuations = continuations(&entries, &typed);
        if continuations.is_empty() {
            return Resolution::Unbound;
        }
        self.pending.clone_from(&typed);
        Resolution::Pending { prefix: KeySequence::from(typed), continuations }
    }
}

/// The distinct next keys after `prefix`, each with the action it completes
/// or the label of the group it opens.
fn continuations<A: Clone>(entries: &[&Entry<A>], prefix: &[KeyChord]) -> Vec<Continuation<A>> {
    let mut found: Vec<Continuation<A>> = Vec::new();
    let below = entries.iter().filter(|e| e.keys.len() > prefix.len() && e.keys.starts_with(prefix));
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

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyModifiers;

    use super::*;
    use crate::keymap::tests::{TestAction, keys, load};

    const KEYMAP: &str = r#"(
    contexts: {
        "global": {
            "q": Quit,
            "g": Group("go to"),
            "g g": GoTop,
            "g e": GoBottom,
            "z z": Up,
            "<C-x> <C-s>": ToggleHelp,
        },
        "reader": {
            "q": Down,
            "g k": Up,
            "<Esc>": Up,
        },
    },
)"#;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn char(c: char) -> KeyEvent {
        press(KeyCode::Char(c))
    }

    fn feed_all(resolver: &mut KeyResolver, contexts: &[&str], events: &[KeyEvent]) -> Resolution<TestAction> {
        let keymap = load(&[KEYMAP]).expect("valid");
        let mut last = Resolution::Unbound;
        for event in events {
            last = resolver.feed(&keymap, contexts, *event);
        }
        last
    }

    #[test]
    fn single_key_matches_at_once() {
        let mut resolver = KeyResolver::new();
        assert_eq!(feed_all(&mut resolver, &["list"], &[char('q')]), Resolution::Matched(TestAction::Quit));
        assert!(resolver.pending().is_empty());
    }

    #[test]
    fn g_g_is_pending_then_matched() {
        let keymap = load(&[KEYMAP]).expect("valid");
        let mut resolver = KeyResolver::new();
        let Resolution::Pending { prefix, continuations } = resolver.feed(&keymap, &["list"], char('g')) else {
            panic!("g should be pending");
        };
        assert_eq!(prefix, keys("g"));
        assert_eq!(
            continuations,
            vec![
                Continuation { key: keys("g").chords()[0], next: Next::Action(TestAction::GoTop) },
                Continuation { key: keys("e").chords()[0], next: Next::Action(TestAction::GoBottom) },
            ]
        );
        assert_eq!(resolver.pending(), keys("g").chords());
        assert_eq!(resolver.feed(&keymap, &["list"], char('g')), Resolution::Matched(TestAction::GoTop));
        assert!(resolver.pending().is_empty());
    }

    #[test]
    fn modified_sequences_resolve() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut resolver = KeyResolver::new();
        assert_eq!(feed_all(&mut resolver, &[], &[ctrl('x'), ctrl('s')]), Resolution::Matched(TestAction::ToggleHelp));
    }

    #[test]
    fn context_bindings_join_the_global_group_and_win_over_global_keys() {
        let keymap = load(&[KEYMAP]).expect("valid");
        let mut resolver = KeyResolver::new();
        assert_eq!(resolver.feed(&keymap, &["reader"], char('q')), Resolution::Matched(TestAction::Down));
        let Resolution::Pending { continuations, .. } = resolver.feed(&keymap, &["reader"], char('g')) else {
            panic!("g should be pending");
        };
        let next_keys: Vec<String> = continuations.iter().map(|c| c.key.to_string()).collect();
        assert_eq!(next_keys, vec!["k", "g", "e"]);
    }

    #[test]
    fn prefix_without_a_label_is_an_unlabelled_group() {
        let mut resolver = KeyResolver::new();
        let Resolution::Pending { continuations, .. } = feed_all(&mut resolver, &[], &[press(KeyCode::Char('z'))])
        else {
            panic!("z should be pending");
        };
        assert_eq!(continuations[0].next, Next::Action(TestAction::Up));
        // From the top, `g` is a group with its label and `z` one without.
        let keymap = load(&[KEYMAP]).expect("valid");
        let top = continuations_at(&keymap, &[]);
        assert!(top.contains(&(String::from("g"), Next::Group(Some("go to".into())))));
        assert!(top.contains(&(String::from("z"), Next::Group(None))));
    }

    fn continuations_at(keymap: &Keymap<TestAction>, prefix: &[KeyChord]) -> Vec<(String, Next<TestAction>)> {
        let entries = keymap.effective(&[]);
        continuations(&entries, prefix).into_iter().map(|c| (c.key.to_string(), c.next)).collect()
    }

    #[test]
    fn escape_cancels_a_pending_sequence() {
        let mut resolver = KeyResolver::new();
        assert_eq!(feed_all(&mut resolver, &["reader"], &[char('g'), press(KeyCode::Esc)]), Resolution::Cancelled);
        assert!(resolver.pending().is_empty());
        // With nothing pending, `<Esc>` is an ordinary key.
        assert_eq!(feed_all(&mut resolver, &["reader"], &[press(KeyCode::Esc)]), Resolution::Matched(TestAction::Up));
    }

    #[test]
    fn a_key_that_continues_nothing_resets_and_is_dropped() {
        let mut resolver = KeyResolver::new();
        assert_eq!(feed_all(&mut resolver, &["list"], &[char('g'), char('q')]), Resolution::Unbound);
        assert!(resolver.pending().is_empty());
        assert_eq!(feed_all(&mut resolver, &["list"], &[char('q')]), Resolution::Matched(TestAction::Quit));
        assert_eq!(feed_all(&mut resolver, &["list"], &[char('x')]), Resolution::Unbound);
    }

    #[test]
    fn releases_are_ignored_and_repeats_count_as_presses() {
        let keymap = load(&[KEYMAP]).expect("valid");
        let mut resolver = KeyResolver::new();
        let with_kind = |kind| KeyEvent::new_with_kind(KeyCode::Char('g'), KeyModifiers::NONE, kind);
        assert!(matches!(resolver.feed(&keymap, &[], with_kind(KeyEventKind::Press)), Resolution::Pending { .. }));
        assert_eq!(resolver.feed(&keymap, &[], with_kind(KeyEventKind::Release)), Resolution::Unbound);
        assert_eq!(resolver.pending(), keys("g").chords());
        assert_eq!(
            resolver.feed(&keymap, &[], with_kind(KeyEventKind::Repeat)),
            Resolution::Matched(TestAction::GoTop)
        );
    }

    #[test]
    fn reset_forgets_the_pending_prefix() {
        let mut resolver = KeyResolver::new();
        feed_all(&mut resolver, &[], &[char('g')]);
        resolver.reset();
        assert_eq!(feed_all(&mut resolver, &[], &[char('e')]), Resolution::Unbound);
    }

    #[test]
    fn shifted_events_match_uppercase_bindings() {
        let keymap = load(&[r#"( contexts: { "global": { "J": Down, "<S-Tab>": Up } } )"#]).expect("valid");
        let mut resolver = KeyResolver::new();
        assert_eq!(
            resolver.feed(&keymap, &[], KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Resolution::Matched(TestAction::Down)
        );
        assert_eq!(
            resolver.feed(&keymap, &[], KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Resolution::Matched(TestAction::Up)
        );
    }
}
