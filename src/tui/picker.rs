//! A popup list to choose from with fuzzy search: link kinds, link
//! targets, export formats, the claims across the corpus, orphans. The
//! search is the article list's filter, folding included (`gesprache`,
//! `strasse`).

use super::app::{TextEdit, edit_line};
use super::filter::FuzzyFilter;
use crate::annotations::RecordId;

/// One choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the analyst reads and the search matches.
    pub label: String,
    /// A dimmed second column (an article title, a file name).
    pub detail: String,
}

/// What choosing does; carries what the choice needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Choose the other article to link the current one (`from`) with.
    LinkTarget { from: usize },
    /// Choose the kind of a link between two endpoints; `kinds[i]` is choice i.
    LinkKind { from: crate::annotations::Endpoint, to: crate::annotations::Endpoint, kinds: Vec<String> },
    /// Jump to one of the current article's links; `targets[i]` for choice i.
    FollowLink { targets: Vec<crate::annotations::Endpoint> },
    /// Jump to a claim anywhere in the corpus.
    Claims { ids: Vec<RecordId> },
    /// Write an export; `formats[i]` for choice i.
    Export { formats: Vec<crate::annotations::export::ExportFormat> },
}

/// An open picker.
#[derive(Debug)]
pub struct Picker {
    pub title: String,
    pub choices: Vec<Choice>,
    pub purpose: Purpose,
    pub query: String,
    /// Indices into `choices` that match the query, best first.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    /// The choices' labels and details, folded once.
    filter: FuzzyFilter,
}

impl Picker {
    pub fn new(title: &str, choices: Vec<Choice>, purpose: Purpose) -> Picker {
        let visible = (0..choices.len()).collect();
        let mut filter = FuzzyFilter::new();
        for choice in &choices {
            filter.push(&choice.label, &choice.detail, "");
        }
        Picker { title: title.to_string(), choices, purpose, query: String::new(), visible, selected: 0, filter }
    }

    /// The chosen index into `choices`, if any row is shown.
    pub fn chosen(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Edits the search text and ranks the choices again.
    pub fn edit(&mut self, edit: TextEdit) {
        if edit_line(&mut self.query, edit) {
            self.ranked();
        }
    }

    fn ranked(&mut self) {
        self.visible = self.filter.set_query(&self.query).iter().map(|m| m.item).collect();
        self.selected = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        let choices = ["translation-of", "same-event", "follow-up", "contradicts"]
            .iter()
            .map(|k| Choice { label: k.to_string(), detail: String::new() })
            .collect();
        Picker::new("kind", choices, Purpose::Claims { ids: vec![] })
    }

    #[test]
    fn the_query_ranks_and_filters() {
        let mut picker = picker();
        let mut typed = |text: &str| {
            picker.edit(TextEdit::Clear);
            text.chars().for_each(|c| picker.edit(TextEdit::Insert(c)));
            picker.chosen()
        };
        assert_eq!(typed("fol"), Some(2));
        assert_eq!(typed("zzz"), None);
        assert_eq!(typed(""), Some(0));
        assert_eq!(picker.visible.len(), 4);
    }

    #[test]
    fn typing_narrows_and_deleting_widens() {
        let mut picker = picker();
        for c in "contra".chars() {
            picker.edit(TextEdit::Insert(c));
        }
        assert_eq!(picker.visible, vec![3]);
        picker.edit(TextEdit::Clear);
        assert_eq!(picker.visible.len(), 4);
    }

    #[test]
    fn the_search_folds_accents_and_eszett_as_the_list_does() {
        let choices = ["Gespräche über Truppen", "Sperrung der Hauptstraße", "Talks on troops"]
            .iter()
            .map(|title| Choice { label: "article".to_string(), detail: title.to_string() })
            .collect();
        let mut picker = Picker::new("link to", choices, Purpose::LinkTarget { from: 0 });
        let mut typed = |text: &str| {
            picker.edit(TextEdit::Clear);
            text.chars().for_each(|c| picker.edit(TextEdit::Insert(c)));
            picker.visible.clone()
        };
        assert_eq!(typed("gesprache"), vec![0]);
        assert_eq!(typed("hauptstrasse"), vec![1]);
        assert_eq!(typed("hauptstraße"), vec![1]);
    }
}
