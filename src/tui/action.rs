//! The vocabulary of the TUI: every action a key, the palette or the mouse
//! can trigger. The same names appear in keymap files, the help overlay,
//! the footer, the command palette and `dossier keys`.

use serde::Deserialize;

/// Declares the `Action` enum together with its description and the list
/// of all actions, so a new action cannot be added without a description
/// and the palette can never miss one.
macro_rules! actions {
    ($($(#[$meta:meta])* $name:ident => $description:literal,)*) => {
        /// Something the analyst can ask dossier to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
        pub enum Action {
            $($(#[$meta])* $name,)*
        }

        impl Action {
            /// Every action, in the order the palette lists them.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];

            /// The action's name as written in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$name => stringify!($name),)*
                }
            }

            /// What the action does, in a few words, for help and palette.
            pub fn description(self) -> &'static str {
                match self {
                    $(Action::$name => $description,)*
                }
            }
        }
    };
}

actions! {
    Quit => "quit dossier",
    ToggleHelp => "show or hide this help",
    OpenPalette => "command palette: run any action by name",
    Back => "back: close the overlay, prompt or article",
    FocusNext => "focus the next pane",
    FocusPrevious => "focus the previous pane",
    FocusTimeline => "focus the timeline",
    FocusList => "focus the article list",
    FocusReader => "focus the reader",
    WidenPane => "widen the focused pane",
    NarrowPane => "narrow the focused pane",
    ToggleMouse => "turn mouse capture off/on (off: the terminal selects text)",
    ToggleTheme => "switch between dark and light theme",
    Up => "move up",
    Down => "move down",
    PageUp => "move up a page",
    PageDown => "move down a page",
    Top => "go to the top",
    Bottom => "go to the bottom",
    ZoomIn => "timeline: zoom in (year → month → week → day)",
    ZoomOut => "timeline: zoom out",
    ToggleEvents => "timeline: show or hide date mentions (events)",
    ClearPeriod => "timeline: clear the period, show all articles",
    Open => "open the selected article in the reader",
    Filter => "fuzzy-filter the list by title, source and id",
    ClearFilters => "clear the list's filters",
    CycleSort => "sort the list by date, title or source",
    CycleLanguage => "show all languages, only German, only English, only others",
    ToggleAnnotatedOnly => "show only articles with annotations",
    NextSentence => "reader: next sentence",
    PreviousSentence => "reader: previous sentence",
    NextParagraph => "reader: next paragraph",
    PreviousParagraph => "reader: previous paragraph",
    ToggleBoilerplate => "reader: hide or show boilerplate and captions",
    ToggleDateValues => "reader: show or hide the normalised value of date mentions",
    Search => "reader: search in the article",
    NextMatch => "reader: next search match",
    PreviousMatch => "reader: previous search match",
    OpenExternal => "open the article's file in $PAGER (or its url in $BROWSER)",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_deserializes_from_its_name() {
        for action in Action::ALL {
            let parsed: Action = ron::from_str(action.name()).expect("action name parses");
            assert_eq!(parsed, *action);
        }
    }

    #[test]
    fn names_and_descriptions_are_unique() {
        let mut names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        let mut descriptions: Vec<&str> = Action::ALL.iter().map(|a| a.description()).collect();
        names.sort();
        names.dedup();
        descriptions.sort();
        descriptions.dedup();
        assert_eq!(names.len(), Action::ALL.len());
        assert_eq!(descriptions.len(), Action::ALL.len());
    }
}
