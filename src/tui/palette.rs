//! The command palette: fuzzy search over every action by name and
//! description; Enter runs the selected one.

use super::action::{Action, Scope};
use super::app::{TextEdit, edit_line};
use super::filter::FuzzyFilter;

/// The palette's state.
#[derive(Debug)]
pub struct Palette {
    pub query: String,
    /// Actions matching the query, best first.
    pub matches: Vec<Action>,
    pub selected: usize,
    /// What the palette offers, in `filter`'s order.
    offered: Vec<Action>,
    /// The actions' names and descriptions, searched as the article list is.
    filter: FuzzyFilter,
}

impl Default for Palette {
    fn default() -> Self {
        Self::new()
    }
}

impl Palette {
    /// A palette listing every action it can run.
    pub fn new() -> Palette {
        let offered: Vec<Action> = Palette::offered().collect();
        let mut filter = FuzzyFilter::new();
        for action in &offered {
            filter.push(action.name(), action.description(), "");
        }
        let mut palette = Palette { query: String::new(), matches: Vec::new(), selected: 0, offered, filter };
        palette.rank();
        palette
    }

    /// The actions on offer: all but the editing keys of text fields, the
    /// palette being one.
    fn offered() -> impl Iterator<Item = Action> {
        Action::ALL.iter().copied().filter(|action| action.scope() != Scope::Typing)
    }

    /// Ranks the actions by the query; an action whose name is the query
    /// (any case, spaces ignored) comes first, so `open` runs Open, not
    /// OpenPalette.
    fn rank(&mut self) {
        let offered = &self.offered;
        self.matches = self.filter.set_query(&self.query).iter().map(|m| offered[m.item]).collect();
        let typed: String = self.query.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(exact) = self.matches.iter().position(|action| action.name().eq_ignore_ascii_case(&typed)) {
            let action = self.matches.remove(exact);
            self.matches.insert(0, action);
        }
        self.selected = 0;
    }

    /// Edits the query and ranks again.
    pub fn edit(&mut self, edit: TextEdit) {
        if edit_line(&mut self.query, edit) {
            self.rank();
        }
    }

    /// The highlighted action, which Enter runs.
    pub fn chosen(&self) -> Option<Action> {
        self.matches.get(self.selected).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Palette {
        let mut palette = Palette::new();
        for c in text.chars() {
            palette.edit(TextEdit::Insert(c));
        }
        palette
    }

    #[test]
    fn lists_every_action_but_the_editing_keys_before_typing() {
        let palette = Palette::new();
        assert_eq!(palette.matches.len(), Palette::offered().count());
        assert!(palette.matches.contains(&Action::ZoomIn));
        assert!(!palette.matches.contains(&Action::DeleteWord));
    }

    #[test]
    fn finds_actions_by_description_words() {
        assert_eq!(typed("boilerplate").chosen(), Some(Action::ToggleBoilerplate));
        assert_eq!(typed("zoom in").chosen(), Some(Action::ZoomIn));
    }

    #[test]
    fn an_exact_name_ranks_first() {
        assert_eq!(typed("Open").chosen(), Some(Action::Open));
        assert_eq!(typed("open").chosen(), Some(Action::Open));
        assert_eq!(typed("zoom in").chosen(), Some(Action::ZoomIn));
        assert_eq!(typed("Search").chosen(), Some(Action::Search));
    }

    #[test]
    fn enter_runs_the_selected_match() {
        assert_eq!(typed("theme").chosen(), Some(Action::ToggleTheme));
        let nothing = typed("qqqqzzzz");
        assert!(nothing.matches.is_empty());
        assert_eq!(nothing.chosen(), None);
    }
}
