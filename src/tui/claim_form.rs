//! The claim form: tags (with completion from tags already used), speaker,
//! a short summary (ClaimReview's `claimReviewed`), verdict, the date the
//! claim is about, and a note. Text fields are ratatui-textarea editors;
//! the keys that edit them and move between them come from the keymap's
//! `claim form` and `text` contexts.

use super::app::{Move, TextEdit};
use super::filter::rank;
use crate::annotations::model::first_sentence;
use crate::annotations::{Claim, RecordId};
use crate::corpus::dates::parse_stated;
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea};
use std::ops::Range;

/// The form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Tags,
    Speaker,
    Summary,
    Verdict,
    About,
    Note,
}

impl FormField {
    pub const ORDER: [FormField; 6] = [
        FormField::Tags,
        FormField::Speaker,
        FormField::Summary,
        FormField::Verdict,
        FormField::About,
        FormField::Note,
    ];

    /// The label shown before the field.
    pub fn label(self) -> &'static str {
        match self {
            FormField::Tags => "Tags",
            FormField::Speaker => "Speaker",
            FormField::Summary => "Summary",
            FormField::Verdict => "Verdict",
            FormField::About => "About date",
            FormField::Note => "Note",
        }
    }

    fn step(self, forward: bool) -> FormField {
        let at = FormField::ORDER.iter().position(|&f| f == self).unwrap_or(0);
        let len = FormField::ORDER.len();
        FormField::ORDER[if forward { (at + 1) % len } else { (at + len - 1) % len }]
    }
}

/// What the analyst filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFields {
    pub tags: Vec<String>,
    pub speaker: Option<String>,
    /// `None` keeps the default: the quote up to its first sentence end.
    pub summary: Option<String>,
    pub verdict: String,
    pub about: Option<String>,
    pub note: String,
}

/// The open claim form.
#[derive(Debug)]
pub struct ClaimForm {
    /// The claim being edited, or `None` for a new one.
    pub claim: Option<RecordId>,
    /// The article (index into the corpus) and the span being tagged.
    pub article: usize,
    pub span: Range<usize>,
    pub quote: String,
    pub field: FormField,
    pub tags: TextArea<'static>,
    pub speaker: TextArea<'static>,
    /// Empty shows the default summary as a placeholder.
    pub summary: TextArea<'static>,
    pub about: TextArea<'static>,
    pub note: TextArea<'static>,
    pub verdicts: Vec<String>,
    pub verdict: usize,
    known_tags: Vec<String>,
    /// The highlighted completion, if the analyst moved into the list.
    pub completion: Option<usize>,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl ClaimForm {
    /// A form for a new claim on `span`, prefilled with what the text says.
    pub fn new(
        article: usize,
        span: Range<usize>,
        quote: &str,
        fields: ClaimFields,
        verdicts: Vec<String>,
        known_tags: Vec<String>,
    ) -> ClaimForm {
        let verdict = verdicts.iter().position(|v| *v == fields.verdict).unwrap_or(0);
        let mut form = ClaimForm {
            claim: None,
            article,
            span,
            quote: quote.to_string(),
            field: FormField::Tags,
            tags: editor(&fields.tags.join(", ")),
            speaker: editor(fields.speaker.as_deref().unwrap_or("")),
            summary: editor(fields.summary.as_deref().unwrap_or("")),
            about: editor(fields.about.as_deref().unwrap_or("")),
            note: editor(&fields.note),
            verdicts,
            verdict,
            known_tags,
            completion: None,
            error: None,
        };
        form.summary.set_placeholder_text(first_sentence(quote));
        form.restyle();
        form
    }

    /// A form to edit an existing claim.
    pub fn editing(claim: &Claim, article: usize, mut verdicts: Vec<String>, known_tags: Vec<String>) -> ClaimForm {
        // A verdict from a file made with another list is kept, not lost.
        if !verdicts.contains(&claim.verdict) {
            verdicts.push(claim.verdict.clone());
        }
        let fields = ClaimFields {
            tags: claim.tags.clone(),
            speaker: claim.speaker.clone(),
            summary: claim.summary.clone(),
            verdict: claim.verdict.clone(),
            about: claim.about.clone(),
            note: claim.note.clone(),
        };
        let mut form = ClaimForm::new(article, claim.anchor.span(), &claim.anchor.quote, fields, verdicts, known_tags);
        form.claim = Some(claim.id.clone());
        form
    }

    /// Edits the focused field. On the verdict, ←/→ step through the
    /// verdicts, Space takes the next and a letter the next starting with it.
    pub fn edit(&mut self, edit: TextEdit) {
        self.error = None;
        if self.field == FormField::Verdict {
            return self.verdict_edit(edit);
        }
        let Some(editor) = self.editor_mut() else { return };
        match edit {
            TextEdit::Insert(c) => editor.insert_char(c),
            TextEdit::Backspace => drop(editor.delete_char()),
            TextEdit::DeleteForward => drop(editor.delete_next_char()),
            TextEdit::DeleteWord => drop(editor.delete_word()),
            TextEdit::Clear => *editor = self::editor(""),
            TextEdit::Left => editor.move_cursor(CursorMove::Back),
            TextEdit::Right => editor.move_cursor(CursorMove::Forward),
            TextEdit::WordLeft => editor.move_cursor(CursorMove::WordBack),
            TextEdit::WordRight => editor.move_cursor(CursorMove::WordForward),
            TextEdit::LineStart => editor.move_cursor(CursorMove::Head),
            TextEdit::LineEnd => editor.move_cursor(CursorMove::End),
        }
        if self.field == FormField::Tags {
            self.completion = None;
        }
        self.restyle();
    }

    /// Enter: takes the highlighted tag completion, breaks the note's line,
    /// else moves to the next field.
    pub fn enter(&mut self) {
        match self.field {
            FormField::Tags if self.completion.is_some() => self.accept_completion(),
            FormField::Note => self.note.insert_newline(),
            _ => self.step_field(true),
        }
    }

    /// Up and down: through the tag completions, the note's lines, the verdicts.
    pub fn vertical(&mut self, step: Move) {
        let down = match step {
            Move::Down | Move::PageDown | Move::Bottom => true,
            Move::Up | Move::PageUp | Move::Top => false,
        };
        match self.field {
            FormField::Tags => self.move_completion(if down { 1 } else { -1 }),
            FormField::Note => self.note.move_cursor(if down { CursorMove::Down } else { CursorMove::Up }),
            FormField::Verdict => self.verdict_edit(if down { TextEdit::Right } else { TextEdit::Left }),
            FormField::Speaker | FormField::Summary | FormField::About => {}
        }
    }

    /// Moves to the next (or previous) field.
    pub fn step_field(&mut self, forward: bool) {
        self.move_to(self.field.step(forward));
    }

    /// The note as written so far.
    pub fn note_text(&self) -> String {
        self.note.lines().join("\n")
    }

    /// Replaces the note (written in `$EDITOR`), without control characters.
    pub fn set_note(&mut self, note: &str) {
        let clean: String = note.trim_end().chars().filter(|c| *c == '\n' || !c.is_control()).collect();
        self.note = editor(&clean);
        self.restyle();
    }

    /// Pastes text into the focused field; single-line fields get it on one line.
    pub fn paste(&mut self, text: &str) {
        let multi_line = self.field == FormField::Note;
        let text: String = text
            .chars()
            .map(|c| if c == '\n' && !multi_line { ' ' } else { c })
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        if let Some(editor) = self.editor_mut() {
            editor.insert_str(text);
        }
    }

    fn verdict_edit(&mut self, edit: TextEdit) {
        let count = self.verdicts.len().max(1);
        match edit {
            TextEdit::Right | TextEdit::Insert(' ') => self.verdict = (self.verdict + 1) % count,
            TextEdit::Left => self.verdict = (self.verdict + count - 1) % count,
            // A letter picks the next verdict starting with it.
            TextEdit::Insert(c) => {
                let starts = |i: &usize| self.verdicts[*i].starts_with(c.to_ascii_lowercase());
                let after = (self.verdict + 1..count).chain(0..=self.verdict).find(starts);
                if let Some(i) = after {
                    self.verdict = i;
                }
            }
            TextEdit::Backspace
            | TextEdit::DeleteForward
            | TextEdit::DeleteWord
            | TextEdit::Clear
            | TextEdit::WordLeft
            | TextEdit::WordRight
            | TextEdit::LineStart
            | TextEdit::LineEnd => {}
        }
    }

    fn move_to(&mut self, field: FormField) {
        self.field = field;
        self.completion = None;
        self.restyle();
    }

    fn editor_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field {
            FormField::Tags => Some(&mut self.tags),
            FormField::Speaker => Some(&mut self.speaker),
            FormField::Summary => Some(&mut self.summary),
            FormField::About => Some(&mut self.about),
            FormField::Note => Some(&mut self.note),
            FormField::Verdict => None,
        }
    }

    /// Shows the text cursor only in the focused editor.
    fn restyle(&mut self) {
        let field = self.field;
        for (f, editor) in [
            (FormField::Tags, &mut self.tags),
            (FormField::Speaker, &mut self.speaker),
            (FormField::Summary, &mut self.summary),
            (FormField::About, &mut self.about),
            (FormField::Note, &mut self.note),
        ] {
            let cursor = if f == field { Style::new().reversed() } else { Style::new() };
            editor.set_cursor_style(cursor);
        }
    }

    /// The tag being typed: the text after the last comma.
    fn partial_tag(&self) -> &str {
        let line = self.tags.lines().first().map_or("", String::as_str);
        line.rsplit(',').next().unwrap_or("").trim()
    }

    /// Known tags that fuzzy-match the tag being typed, best first, not
    /// counting tags already entered.
    pub fn completions(&self) -> Vec<&str> {
        let partial = self.partial_tag();
        if partial.is_empty() {
            return Vec::new();
        }
        let entered = split_tags(self.tags.lines().first().map_or("", String::as_str));
        let offered: Vec<&str> =
            self.known_tags.iter().map(String::as_str).filter(|t| !entered.iter().any(|e| e == t)).collect();
        rank(partial, &offered).into_iter().take(6).map(|at| offered[at]).collect()
    }

    fn move_completion(&mut self, step: isize) {
        let count = self.completions().len();
        if count == 0 {
            self.completion = None;
            return;
        }
        self.completion = Some(match self.completion {
            None if step > 0 => 0,
            None => count - 1,
            Some(at) => (at as isize + step).rem_euclid(count as isize) as usize,
        });
    }

    /// Replaces the tag being typed with the highlighted completion.
    fn accept_completion(&mut self) {
        let Some(chosen) = self.completion.and_then(|i| self.completions().get(i).map(|t| t.to_string())) else {
            return;
        };
        let line = self.tags.lines().first().cloned().unwrap_or_default();
        let kept = line.rfind(',').map_or("", |i| &line[..=i]);
        let text = if kept.is_empty() { format!("{chosen}, ") } else { format!("{kept} {chosen}, ") };
        self.tags = editor(&text);
        self.completion = None;
        self.restyle();
    }

    /// What the analyst filled in, or `None` when a field is refused
    /// (`error` says why, and the field has the cursor).
    pub fn submit(&mut self) -> Option<ClaimFields> {
        let text = |editor: &TextArea| editor.lines().join("\n").trim().to_string();
        let about = text(&self.about);
        if !about.is_empty() && parse_stated(&about).is_none() {
            self.error = Some(format!("“{about}” is not a date: write 2024-02-08, 2024-W06, 2024-02 or 2024"));
            self.move_to(FormField::About);
            return None;
        }
        let speaker = text(&self.speaker);
        let summary = text(&self.summary);
        Some(ClaimFields {
            tags: split_tags(&text(&self.tags)),
            speaker: (!speaker.is_empty()).then_some(speaker),
            summary: (!summary.is_empty()).then_some(summary),
            verdict: self.verdicts.get(self.verdict).cloned().unwrap_or_else(|| "unverified".to_string()),
            // Stored in its canonical form, whatever form it was typed in.
            about: parse_stated(&about).map(|d| d.to_string()),
            note: text(&self.note),
        })
    }
}

/// A single editor holding `text`, with its cursor at the end.
fn editor(text: &str) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(str::to_string).collect());
    editor.set_cursor_line_style(Style::new());
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

/// Tags from a comma-separated field: trimmed, empty ones dropped,
/// duplicates removed, order kept.
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(form: &mut ClaimForm, text: &str) {
        for c in text.chars() {
            form.edit(TextEdit::Insert(c));
        }
    }

    fn form() -> ClaimForm {
        let fields = ClaimFields {
            tags: vec![],
            speaker: Some("Orrin".into()),
            summary: None,
            verdict: "unverified".into(),
            about: Some("2024-02".into()),
            note: String::new(),
        };
        let verdicts = crate::annotations::model::DEFAULT_VERDICTS.iter().map(|v| v.to_string()).collect();
        ClaimForm::new(
            0,
            0..5,
            "quote",
            fields,
            verdicts,
            vec!["troops".into(), "withdrawal".into(), "casualties".into()],
        )
    }

    #[test]
    fn an_empty_summary_keeps_the_default_shown_as_a_placeholder() {
        let verdicts = vec!["unverified".to_string()];
        let fields = ClaimFields {
            tags: vec![],
            speaker: None,
            summary: None,
            verdict: "unverified".into(),
            about: None,
            note: String::new(),
        };
        let mut form = ClaimForm::new(0, 0..30, "Troops stay. Talks go on.", fields, verdicts, vec![]);
        assert_eq!(form.summary.placeholder_text(), "Troops stay.");
        let fields = form.submit().expect("submitted");
        assert_eq!(fields.summary, None, "the default is not stored");
    }

    #[test]
    fn prefilled_values_are_submitted_unless_changed() {
        let fields = form().submit().expect("submitted");
        assert_eq!(fields.speaker.as_deref(), Some("Orrin"));
        assert_eq!(fields.about.as_deref(), Some("2024-02"));
        assert_eq!(fields.verdict, "unverified");
        assert!(fields.tags.is_empty());
    }

    #[test]
    fn tags_complete_from_known_tags() {
        let mut form = form();
        typed(&mut form, "wdrl");
        assert_eq!(form.completions(), vec!["withdrawal"]);
        form.vertical(Move::Down);
        form.enter();
        typed(&mut form, "new tag");
        let fields = form.submit().expect("submitted");
        assert_eq!(fields.tags, vec!["withdrawal", "new tag"]);
    }

    #[test]
    fn fields_step_and_letters_pick_a_verdict() {
        let mut form = form();
        form.step_field(true);
        form.step_field(true);
        form.step_field(true);
        assert_eq!(form.field, FormField::Verdict);
        typed(&mut form, "d");
        assert_eq!(form.verdicts[form.verdict], "disputed");
        form.edit(TextEdit::Right);
        assert_eq!(form.verdicts[form.verdict], "false");
        form.step_field(false);
        assert_eq!(form.field, FormField::Summary);
        typed(&mut form, "Troops stay");
        form.step_field(false);
        assert_eq!(form.field, FormField::Speaker);
        typed(&mut form, " Hal");
        let fields = form.submit().expect("submitted");
        assert_eq!(fields.verdict, "false");
        assert_eq!(fields.speaker.as_deref(), Some("Orrin Hal"));
        assert_eq!(fields.summary.as_deref(), Some("Troops stay"));
    }

    #[test]
    fn the_cursor_moves_inside_a_field() {
        let mut form = form();
        form.step_field(true);
        form.edit(TextEdit::LineStart);
        typed(&mut form, "Gen. ");
        form.edit(TextEdit::LineEnd);
        form.edit(TextEdit::WordLeft);
        form.edit(TextEdit::DeleteForward);
        assert_eq!(form.speaker.lines(), ["Gen. rrin"]);
        form.edit(TextEdit::Clear);
        assert_eq!(form.submit().expect("submitted").speaker, None);
    }

    #[test]
    fn every_precision_the_form_prefills_is_accepted() {
        for about in ["2024-02-08", "2024-W04", "2024-02", "2024"] {
            let mut form = form();
            form.about = editor(about);
            let fields = form.submit().unwrap_or_else(|| panic!("{about} refused: {:?}", form.error));
            assert_eq!(fields.about.as_deref(), Some(about));
        }
    }

    #[test]
    fn a_bad_date_is_refused_with_a_message() {
        let mut form = form();
        form.about = editor("next spring");
        assert_eq!(form.submit(), None);
        assert!(form.error.as_deref().is_some_and(|e| e.contains("next spring")));
        assert_eq!(form.field, FormField::About);
    }

    #[test]
    fn the_note_takes_several_lines() {
        let mut form = form();
        form.field = FormField::Note;
        typed(&mut form, "one");
        form.enter();
        typed(&mut form, "two");
        assert_eq!(form.note.lines(), ["one", "two"]);
        assert_eq!(form.note_text(), "one\ntwo");
    }

    #[test]
    fn a_note_from_the_editor_loses_control_characters() {
        let mut form = form();
        form.set_note("first\n\x1b]52;c;aGk=\x07second\r\n\n");
        assert_eq!(form.note.lines(), ["first", "]52;c;aGk=second"]);
    }

    #[test]
    fn pasting_keeps_single_line_fields_on_one_line() {
        let mut form = form();
        form.field = FormField::Speaker;
        form.paste(" and\nthe\x1b[31m ministry");
        assert_eq!(form.speaker.lines(), ["Orrin and the[31m ministry"]);
        form.field = FormField::Note;
        form.paste("a\nb");
        assert_eq!(form.note.lines(), ["a", "b"]);
    }

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(split_tags(" a, b ,, a,c "), vec!["a", "b", "c"]);
    }
}
