//! Keymaps: RON files that bind key sequences to actions, layered, strictly
//! validated, and resolved one key event at a time.
//!
//! This layer is generic over the action type `A` (in the app, the serde
//! `Action` enum) and knows nothing of the UI. The same loaded [`Keymap`]
//! answers "which action does this key run?" ([`KeyResolver`]) and "which keys
//! run this action?" ([`Keymap::keys_for`], [`Keymap::bindings`],
//! [`Keymap::groups`]), so the help overlay, footer, which-key popup, palette
//! and `dossier keys` are all generated from one source.
//!
//! # File format
//!
//! ```ron
//! (
//!     contexts: {
//!         "global": {
//!             "q": Quit,                // bare action: a variant of `A`
//!             "?": ToggleHelp,
//!             "g": Group("go to"),      // label of the `g` prefix in the which-key popup
//!             "g g": GoTop,             // a key sequence, keys separated by spaces
//!             "<C-x> <C-s>": Save,
//!         },
//!         "list": {
//!             "j": Down,
//!             "<C-d>": Unbind,          // remove a binding made by an earlier layer
//!         },
//!     },
//! )
//! ```
//!
//! * `contexts` maps a context name (`global` or one the application lists)
//!   to its bindings. Each binding maps a key sequence (notation in
//!   [`keys`]) to a bare action (`Quit`, `SetZoom(Month)`), `Unbind`, or
//!   `Group("label")`. `Unbind` and `Group` are therefore reserved names
//!   that the action type cannot use.
//! * Layers are loaded in order: the embedded default, the user's
//!   `keymap.ron` ([`user_keymap_path`]), then a `--keymap FILE`. A later layer
//!   lists only its changes: a binding replaces the earlier one for the same
//!   keys in the same context, `Unbind` removes it.
//! * `global` bindings apply in every context unless that context binds the
//!   same key sequence; the context wins.
//! * Any error fails the whole load and is reported as `file:line:col:
//!   message`: RON syntax, unknown context, key or action (with a suggestion),
//!   a context or key written twice in one file, `Unbind` of a key no earlier
//!   layer binds, and a key sequence bound to an action that is also the start
//!   of a longer sequence in the same effective context (it could never be
//!   typed).

mod file;
pub mod keys;
mod trie;

use std::collections::BTreeMap;
use std::fmt;

pub use file::{KeymapError, KeymapSource, Problem, user_keymap_path};
pub use keys::{KeyChord, KeyParseError, KeyProblem, KeySequence};
pub use trie::{Continuation, KeyResolver, Next, Resolution};

/// The context whose bindings apply everywhere unless a context overrides them.
pub const GLOBAL: &str = "global";

/// A place in a keymap source, shown as `origin:line:col` (1-based; columns
/// count characters, as ron's do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The source's name, usually its path.
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.origin, self.line, self.col)
    }
}

/// What a key sequence is bound to once the layers are merged.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target<A> {
    Action(A),
    /// A label for the keys that continue this prefix.
    Group(String),
}

/// One effective binding, with where it was written (for error messages).
#[derive(Clone, Debug)]
struct Entry<A> {
    keys: KeySequence,
    target: Target<A>,
    /// Index of the layer that wrote it; later layers win conflicts of blame.
    layer: usize,
    location: Location,
}

impl<A> Entry<A> {
    /// Orders entries by when they were written: layer, then place in the file.
    fn written_at(&self) -> (usize, usize, usize) {
        (self.layer, self.location.line, self.location.col)
    }
}

/// A loaded, validated keymap: per context, its bindings in file order.
///
/// Build it with [`Keymap::load`]; resolve key events with a [`KeyResolver`].
#[derive(Clone, Debug)]
pub struct Keymap<A> {
    contexts: BTreeMap<String, Vec<Entry<A>>>,
    /// Contexts that do not fall back to `global`.
    isolated: Vec<String>,
}

impl<A> Keymap<A> {
    /// Names of the contexts that have bindings, `global` included, sorted.
    pub fn contexts(&self) -> impl Iterator<Item = &str> {
        self.contexts.keys().map(String::as_str)
    }

    /// The action bindings written for `context` itself (not those inherited
    /// from `global`), in file order; a later layer's new bindings come last.
    pub fn bindings(&self, context: &str) -> impl Iterator<Item = (&KeySequence, &A)> {
        self.own_entries(context).filter_map(|entry| match &entry.target {
            Target::Action(action) => Some((&entry.keys, action)),
            Target::Group(_) => None,
        })
    }

    /// The group labels written for `context` itself, e.g. (`g`, "go to").
    pub fn groups(&self, context: &str) -> impl Iterator<Item = (&KeySequence, &str)> {
        self.own_entries(context).filter_map(|entry| match &entry.target {
            Target::Group(label) => Some((&entry.keys, label.as_str())),
            Target::Action(_) => None,
        })
    }

    /// The key sequences that run `action` in `context` (its own bindings,
    /// then the global ones it does not override). The first is the preferred
    /// one to show in a hint.
    pub fn keys_for(&self, context: &str, action: &A) -> Vec<KeySequence>
    where
        A: PartialEq,
    {
        self.effective(&[context])
            .into_iter()
            .filter(|entry| matches!(&entry.target, Target::Action(a) if a == action))
            .map(|entry| entry.keys.clone())
            .collect()
    }

    fn own_entries(&self, context: &str) -> impl Iterator<Item = &Entry<A>> {
        self.contexts.get(context).into_iter().flatten()
    }

    /// The bindings in force for a context stack: the first context in
    /// `stack` that binds a key sequence wins, and `global` is consulted
    /// last unless a context of the stack is isolated.
    fn effective(&self, stack: &[&str]) -> Vec<&Entry<A>> {
        let mut effective: Vec<&Entry<A>> = Vec::new();
        let isolated = stack.iter().any(|context| self.isolated.iter().any(|i| i == context));
        let global = (!isolated).then_some(GLOBAL);
        for context in stack.iter().copied().chain(global) {
            for entry in self.own_entries(context) {
                if !effective.iter().any(|seen| seen.keys == entry.keys) {
                    effective.push(entry);
                }
            }
        }
        effective
    }
}

#[cfg(test)]
pub(super) mod tests {
    use serde::Deserialize;

    use super::*;

    /// The action vocabulary of the tests; `Scroll` has an argument.
    #[derive(Deserialize, Clone, PartialEq, Eq, Debug)]
    pub(in crate::keymap) enum TestAction {
        Quit,
        Down,
        Up,
        GoTop,
        GoBottom,
        ToggleHelp,
        Scroll(i32),
    }

    pub(in crate::keymap) const CONTEXTS: &[&str] = &["list", "reader", "selection", "prompt"];

    /// Loads test layers named `layer0.ron`, `layer1.ron`, ...
    pub(in crate::keymap) fn load(layers: &[&str]) -> Result<Keymap<TestAction>, KeymapError> {
        let sources: Vec<KeymapSource> =
            layers.iter().enumerate().map(|(i, text)| KeymapSource::new(format!("layer{i}.ron"), *text)).collect();
        Keymap::load(&sources, CONTEXTS, &["prompt"])
    }

    pub(in crate::keymap) fn keys(text: &str) -> KeySequence {
        text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    const DEFAULT: &str = r#"(
    contexts: {
        "global": {
            "q": Quit,
            "?": ToggleHelp,
            "g": Group("go to"),
            "g g": GoTop,
            "G": GoBottom,
        },
        "list": {
            "j": Down,
            "<Down>": Down,
            "k": Up,
        },
    },
)"#;

    #[test]
    fn keys_for_prefers_the_context_then_global() {
        let keymap = load(&[DEFAULT]).expect("valid");
        assert_eq!(keymap.keys_for("list", &TestAction::Down), vec![keys("j"), keys("<Down>")]);
        assert_eq!(keymap.keys_for("list", &TestAction::Quit), vec![keys("q")]);
        assert_eq!(keymap.keys_for("reader", &TestAction::Quit), vec![keys("q")]);
        assert!(keymap.keys_for("reader", &TestAction::Down).is_empty());
    }

    #[test]
    fn keys_for_skips_global_keys_the_context_rebinds() {
        let user = r#"( contexts: { "reader": { "q": Up, "<C-q>": Quit } } )"#;
        let keymap = load(&[DEFAULT, user]).expect("valid");
        assert_eq!(keymap.keys_for("reader", &TestAction::Quit), vec![keys("<C-q>")]);
        assert_eq!(keymap.keys_for("list", &TestAction::Quit), vec![keys("q")]);
    }

    #[test]
    fn an_isolated_context_does_not_fall_back_to_global() {
        let prompt = r#"( contexts: { "prompt": { "<Enter>": Down, "g": Up } } )"#;
        let keymap = load(&[DEFAULT, prompt]).expect("`g` alone in the prompt is no prefix conflict with `g g`");
        assert!(keymap.keys_for("prompt", &TestAction::Quit).is_empty(), "q types a q in a prompt");
        assert_eq!(keymap.keys_for("prompt", &TestAction::Up), vec![keys("g")]);
        assert_eq!(keymap.keys_for("list", &TestAction::Quit), vec![keys("q")]);
    }

    #[test]
    fn bindings_and_groups_list_one_context_in_file_order() {
        let keymap = load(&[DEFAULT]).expect("valid");
        let listed: Vec<(String, TestAction)> =
            keymap.bindings("list").map(|(k, a)| (k.to_string(), a.clone())).collect();
        assert_eq!(
            listed,
            vec![
                ("j".to_string(), TestAction::Down),
                ("<Down>".to_string(), TestAction::Down),
                ("k".to_string(), TestAction::Up),
            ]
        );
        let groups: Vec<(String, &str)> = keymap.groups(GLOBAL).map(|(k, label)| (k.to_string(), label)).collect();
        assert_eq!(groups, vec![("g".to_string(), "go to")]);
        assert_eq!(keymap.contexts().collect::<Vec<_>>(), vec!["global", "list"]);
    }
}
