//! The command palette: fuzzy search over every action by name and
//! description; Enter runs the selected one.

use super::action::Action;
use super::app::TextEdit;
use super::rank::rank;

/// The palette's state.
#[derive(Debug, Default)]
pub struct Palette {
    pub query: String,
    /// Actions matching the query, best first.
    pub matches: Vec<Action>,
    pub selected: usize,
}

impl Palette {
    /// A palette listing every action.
    pub fn new() -> Palette {
        let mut palette = Palette::default();
        palette.rank();
        palette
    }

    fn rank(&mut self) {
        let haystacks = Action::ALL.iter().map(|action| format!("{} {}", action.name(), action.description()));
        self.matches = rank(&self.query, haystacks).into_iter().map(|at| Action::ALL[at]).collect();
        self.selected = 0;
    }

    /// Applies an editing key; returns the action to run on Enter.
    pub fn edit(&mut self, edit: TextEdit) -> Option<Action> {
        match edit {
            TextEdit::Insert(c) => {
                self.query.push(c);
                self.rank();
            }
            TextEdit::Backspace => {
                self.query.pop();
                self.rank();
            }
            TextEdit::DeleteWord | TextEdit::Clear => {
                self.query.clear();
                self.rank();
            }
            TextEdit::Up => self.selected = self.selected.saturating_sub(1),
            TextEdit::Down => self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1)),
            TextEdit::Submit => return self.matches.get(self.selected).copied(),
            TextEdit::Cancel => {}
        }
        None
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
    fn lists_every_action_before_typing() {
        assert_eq!(Palette::new().matches.len(), Action::ALL.len());
    }

    #[test]
    fn finds_actions_by_description_words() {
        assert_eq!(typed("boilerplate").matches.first(), Some(&Action::ToggleBoilerplate));
        assert_eq!(typed("zoom in").matches.first(), Some(&Action::ZoomIn));
    }

    #[test]
    fn enter_runs_the_selected_match() {
        let mut palette = typed("theme");
        assert_eq!(palette.edit(TextEdit::Submit), Some(Action::ToggleTheme));
        let mut nothing = typed("qqqqzzzz");
        assert!(nothing.matches.is_empty());
        assert_eq!(nothing.edit(TextEdit::Submit), None);
    }
}
