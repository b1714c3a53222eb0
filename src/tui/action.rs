//! The vocabulary of the TUI: every action a key, the palette or the mouse
//! can trigger. The same names appear in keymap files, the help overlay,
//! the footer, the command palette and `dossier keys`.

use super::app::Focus;
use serde::Deserialize;

/// Declares the `Action` enum together with its footer hint, its
/// description and the list of all actions, so a new action cannot be added
/// without them and the palette can never miss one.
macro_rules! actions {
    ($($(#[$meta:meta])* $name:ident => ($hint:literal, $description:literal),)*) => {
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

            /// A word or two for the footer.
            pub fn hint(self) -> &'static str {
                match self {
                    $(Action::$name => $hint,)*
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
    Quit => ("quit", "quit dossier"),
    ToggleHelp => ("help", "show or hide this help"),
    OpenPalette => ("commands", "command palette: run any action by name"),
    Back => ("back", "back: close the overlay, prompt or article"),
    FocusNext => ("next pane", "focus the next pane"),
    FocusPrevious => ("previous pane", "focus the previous pane"),
    FocusTimeline => ("timeline", "focus the timeline"),
    FocusList => ("list", "focus the article list"),
    FocusReader => ("reader", "focus the reader"),
    WidenPane => ("wider", "widen the focused pane"),
    NarrowPane => ("narrower", "narrow the focused pane"),
    ToggleMouse => ("mouse", "turn mouse capture off/on (off: the terminal selects text)"),
    ToggleTheme => ("theme", "switch between dark and light theme"),
    Up => ("up", "move up"),
    Down => ("down", "move down"),
    PageUp => ("page up", "move up a page"),
    PageDown => ("page down", "move down a page"),
    Top => ("top", "go to the top"),
    Bottom => ("bottom", "go to the bottom"),
    ZoomIn => ("zoom in", "timeline: zoom in (year → month → week → day)"),
    ZoomOut => ("zoom out", "timeline: zoom out"),
    ToggleEvents => ("events", "timeline: show or hide date mentions (events)"),
    ClearPeriod => ("all periods", "timeline: clear the period, show all articles"),
    Open => ("open", "open the selected article in the reader"),
    Filter => ("filter", "fuzzy-filter the list by title, source and id"),
    ClearFilters => ("clear filters", "clear the list's filters"),
    CycleSort => ("sort", "sort the list by date, title or source"),
    CycleLanguage => ("language", "show all languages, only German, only English, only others"),
    ToggleAnnotatedOnly => ("annotated", "show only articles with annotations"),
    ToggleUnreadOnly => ("unread", "show only articles not marked read"),
    NextUnread => ("next unread", "show the next article in the list not marked read"),
    NextSentence => ("next sentence", "reader: next sentence"),
    PreviousSentence => ("prev sentence", "reader: previous sentence"),
    NextParagraph => ("next paragraph", "reader: next paragraph"),
    PreviousParagraph => ("prev paragraph", "reader: previous paragraph"),
    ToggleBoilerplate => ("boilerplate", "reader: hide or show boilerplate and captions"),
    ToggleDateValues => ("dates", "reader: show or hide the normalised value of date mentions"),
    Search => ("search", "reader: search in the article"),
    NextMatch => ("next match", "reader: next search match (a corpus search's runs on to the next hit)"),
    PreviousMatch => ("prev match", "reader: previous search match (a corpus search's runs on to the previous hit)"),
    SearchCorpus => ("corpus search", "search the whole corpus: words, \"phrases\", -excluded, lang:de, date:2024-01..2024-03"),
    NarrowToHits => ("only hits", "list only the articles the corpus search found (x shows all)"),
    OpenExternal => ("pager", "open the article's file in $PAGER (or its url in $BROWSER)"),
    Select => ("select", "reader: start (or drop) a selection at the sentence under the cursor"),
    SelectMoreSentences => ("+sentence", "selection: extend the end by a sentence"),
    SelectFewerSentences => ("-sentence", "selection: take a sentence off the end"),
    SelectMoreWords => ("+word", "selection: extend the end by a word"),
    SelectFewerWords => ("-word", "selection: take a word off the end"),
    SelectEarlierStart => ("start-word", "selection: move the start back a word"),
    SelectLaterStart => ("start+word", "selection: move the start forward a word"),
    TagClaim => ("tag claim", "tag the selection (or the sentence) as a claim; on a claim, edit it"),
    DeleteClaim => ("delete claim", "delete the claim under the cursor"),
    NextClaim => ("next claim", "reader: go to the next claim in the article"),
    PreviousClaim => ("prev claim", "reader: go to the previous claim in the article"),
    ShowClaims => ("claims", "claims across the corpus: search by tag, verdict, speaker or text, jump"),
    ShowOrphans => ("orphans", "claims whose text is no longer in their article, with their quotes"),
    SetDate => ("set date", "set or correct the article's publication date"),
    EditTitle => ("title", "correct the article's title"),
    SetSource => ("source", "set the article's source"),
    ArticleTags => ("article tags", "edit the article's tags"),
    ToggleRead => ("read", "mark the article read or unread"),
    Mark => ("mark", "mark this article (or the claim under the cursor) as a link end"),
    Link => ("link", "link this article (or claim) with the marked one, or pick an article"),
    FollowLink => ("follow link", "follow one of the article's links"),
    JumpBack => ("jump back", "go back to where a link was followed from"),
    Undo => ("undo", "undo the last annotation change"),
    Redo => ("redo", "redo the last undone annotation change"),
    Save => ("save", "save the annotations now (they also save themselves)"),
    Export => ("export", "export the annotations: CSV, Markdown report, JSON, W3C, ClaimReview, TimelineJS"),
    TakeOver => ("take over", "edit annotations another dossier has open (it turns read-only)"),
    NextSuggestion => ("next suggestion", "reader: highlight the next suggested link and its evidence"),
    AcceptSuggestion => ("accept", "reader: accept the highlighted suggested link"),
    RejectSuggestion => ("reject", "reader: reject the highlighted suggested link (not suggested again)"),
    FlipLink => ("flip link", "reader: turn the article's latest link around (which end is the translation)"),
    AcceptSuggestedDate => ("take date", "reader: give an undated article its suggested original's date"),
    ShowRecurring => ("recurring", "reader: the same claim elsewhere in the corpus, in any language"),
    ShowConflictingClaims => ("conflicts", "claims whose numbers differ in similar sentences elsewhere"),
    Copy => ("copy", "copy the selection, claim with its source, sentence or article url (OSC 52)"),
    QuitWithoutSaving => ("quit unsaved", "quit without saving the changes that could not be saved"),
    Submit => ("confirm", "typing: keep the text, run the command, choose the row"),
    DeleteBackward => ("delete", "typing: delete the character before the cursor"),
    DeleteForward => ("delete next", "typing: delete the character under the cursor"),
    DeleteWord => ("delete word", "typing: delete the word before the cursor"),
    ClearInput => ("clear", "typing: clear the field"),
    CursorLeft => ("left", "typing: cursor left (on the verdict: the previous one)"),
    CursorRight => ("right", "typing: cursor right (on the verdict: the next one)"),
    WordLeft => ("word left", "typing: cursor to the previous word"),
    WordRight => ("word right", "typing: cursor to the next word"),
    LineStart => ("line start", "typing: cursor to the start of the line"),
    LineEnd => ("line end", "typing: cursor to the end of the line"),
    NextField => ("next field", "claim form: the next field"),
    PreviousField => ("prev field", "claim form: the previous field"),
    SaveForm => ("save claim", "claim form: save the claim"),
    EditNote => ("$EDITOR", "claim form: write the note in $VISUAL or $EDITOR"),
}

/// Where an action acts, which decides what running it from the palette
/// does and whether the palette offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Wherever the analyst is: the current article, the whole app.
    Anywhere,
    /// Moves or opens in whichever pane (or popup) has the keyboard.
    Focused,
    /// Acts on one pane, which the palette focuses first.
    Pane(Focus),
    /// An editing key of a text field, picker or form: not in the palette,
    /// which is itself one.
    Typing,
}

impl Action {
    /// Where the action acts. An exhaustive match: a new action must say.
    pub fn scope(self) -> Scope {
        use Action::*;
        match self {
            Quit
            | ToggleHelp
            | OpenPalette
            | Back
            | FocusNext
            | FocusPrevious
            | FocusTimeline
            | FocusList
            | FocusReader
            | ToggleMouse
            | ToggleTheme
            | OpenExternal
            | ShowClaims
            | ShowOrphans
            | SetDate
            | EditTitle
            | SetSource
            | ArticleTags
            | ToggleRead
            | Mark
            | Link
            | FollowLink
            | JumpBack
            | Undo
            | Redo
            | Save
            | Export
            | TakeOver
            | ShowConflictingClaims
            | NextUnread
            | SearchCorpus
            | NarrowToHits
            | QuitWithoutSaving => Scope::Anywhere,
            WidenPane | NarrowPane | Up | Down | PageUp | PageDown | Top | Bottom | Open | Copy => Scope::Focused,
            ZoomIn | ZoomOut | ToggleEvents | ClearPeriod => Scope::Pane(Focus::Timeline),
            Filter | ClearFilters | CycleSort | CycleLanguage | ToggleAnnotatedOnly | ToggleUnreadOnly => {
                Scope::Pane(Focus::List)
            }
            NextSentence | PreviousSentence | NextParagraph | PreviousParagraph | ToggleBoilerplate
            | ToggleDateValues | Search | NextMatch | PreviousMatch | Select | SelectMoreSentences
            | SelectFewerSentences | SelectMoreWords | SelectFewerWords | SelectEarlierStart | SelectLaterStart
            | TagClaim | DeleteClaim | NextClaim | PreviousClaim | NextSuggestion | AcceptSuggestion
            | RejectSuggestion | FlipLink | AcceptSuggestedDate | ShowRecurring => Scope::Pane(Focus::Reader),
            Submit | DeleteBackward | DeleteForward | DeleteWord | ClearInput | CursorLeft | CursorRight | WordLeft
            | WordRight | LineStart | LineEnd | NextField | PreviousField | SaveForm | EditNote => Scope::Typing,
        }
    }
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
