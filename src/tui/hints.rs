//! Key hints for the footer, help overlay, palette and which-key popup,
//! all derived from the effective keymap so they can never disagree with it.

use super::action::Action;
use super::app::Focus;
use std::collections::HashMap;

/// The keymap contexts, in the order help and `dossier keys` list them.
pub const CONTEXTS: &[&str] =
    &["global", "timeline", "list", "reader", "text", "picker", "claim form", "recurring", "confirm quit"];

/// The contexts of popups and prompts, which do not fall back to `global`:
/// there a `q` is typed, or means "close", not "quit".
pub const ISOLATED: &[&str] = &["text", "picker", "claim form", "recurring", "confirm quit"];

/// Bindings per context as display strings, in keymap order.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    by_context: HashMap<String, Vec<(String, Action)>>,
}

impl Hints {
    /// Hints from (context, key display, action) triples.
    pub fn new(bindings: impl IntoIterator<Item = (String, String, Action)>) -> Hints {
        let mut by_context: HashMap<String, Vec<(String, Action)>> = HashMap::new();
        for (context, keys, action) in bindings {
            by_context.entry(context).or_default().push((keys, action));
        }
        Hints { by_context }
    }

    /// The bindings of one context.
    pub fn bindings(&self, context: &str) -> &[(String, Action)] {
        self.by_context.get(context).map_or(&[], Vec::as_slice)
    }

    /// The first key that runs `action` in `context`, falling back to global.
    pub fn key_for(&self, context: &str, action: Action) -> Option<&str> {
        [context, "global"]
            .iter()
            .flat_map(|c| self.bindings(c))
            .find(|(_, a)| *a == action)
            .map(|(keys, _)| keys.as_str())
    }
}

impl Hints {
    /// A popup's key hints, `key label` joined by ` · `, from its contexts
    /// (which do not fall back to `global`); actions without a key are left out.
    pub fn popup_line(&self, contexts: &[&str], entries: &[(Action, &str)]) -> String {
        let key = |action: Action| {
            contexts.iter().flat_map(|c| self.bindings(c)).find(|(_, a)| *a == action).map(|(keys, _)| keys.as_str())
        };
        let parts: Vec<String> =
            entries.iter().filter_map(|&(action, label)| key(action).map(|key| format!("{key} {label}"))).collect();
        parts.join(" · ")
    }
}

/// The keys of a selection being made, hinted while one is active.
const SELECTING: &[Action] = &[
    Action::SelectMoreSentences,
    Action::SelectFewerSentences,
    Action::SelectMoreWords,
    Action::SelectFewerWords,
    Action::SelectEarlierStart,
    Action::SelectLaterStart,
    Action::TagClaim,
    Action::Copy,
    Action::Back,
];

/// The main actions of the focused pane, for the footer; in the reader
/// with a selection active, the keys that shape it.
pub fn footer_actions(focus: Focus, selecting: bool) -> &'static [Action] {
    match focus {
        Focus::Reader if selecting => SELECTING,
        Focus::Timeline => &[Action::Down, Action::ZoomIn, Action::ZoomOut, Action::ToggleEvents, Action::ClearPeriod],
        Focus::List => &[
            Action::Open,
            Action::Filter,
            Action::CycleSort,
            Action::CycleLanguage,
            Action::ClearFilters,
            Action::Mark,
            Action::Link,
            Action::ShowClaims,
        ],
        Focus::Reader => &[
            Action::NextSentence,
            Action::NextParagraph,
            Action::Search,
            Action::ToggleBoilerplate,
            Action::ToggleDateValues,
            Action::Select,
            Action::TagClaim,
            Action::Link,
            Action::Back,
        ],
    }
}

/// Actions shown in the footer whatever the focus, when there is room.
pub const FOOTER_GLOBAL: &[Action] = &[Action::FocusNext, Action::OpenPalette];

/// Actions the footer always shows, at its end: the way to learn the rest
/// and the way out.
pub const FOOTER_ALWAYS: &[Action] = &[Action::ToggleHelp, Action::Quit];
