//! The claim form: tags (with completion from tags already used), speaker,
//! a short summary (ClaimReview's `claimReviewed`), verdict, the date the
//! claim is about, and a note. Text fields are
//! ratatui-textarea editors, so the usual editing keys work in each.

use super::rank::rank;
use crate::annotations::model::first_sentence;
use crate::annotations::{Claim, RecordId};
use crate::corpus::dates::parse_stated;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::TextArea;
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

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Cancelled,
    Submitted(ClaimFields),
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
    pub fn edit(claim: &Claim, article: usize, mut verdicts: Vec<String>, known_tags: Vec<String>) -> ClaimForm {
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

    /// Handles one key.
    pub fn key(&mut self, key: KeyEvent) -> FormOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        self.error = None;
        match key.code {
            KeyCode::Esc => return FormOutcome::Cancelled,
            KeyCode::Char('c' | 'g') if ctrl => return FormOutcome::Cancelled,
            KeyCode::Char('s') if ctrl => return self.submit(),
            KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => return self.submit(),
            KeyCode::Tab => self.move_to(self.field.step(true)),
            KeyCode::BackTab => self.move_to(self.field.step(false)),
            KeyCode::Enter if self.field == FormField::Tags && self.completion.is_some() => self.accept_completion(),
            KeyCode::Enter if self.field == FormField::Note => {
                self.note.insert_newline();
            }
            // Enter on the last single-line field saves: the quick path
            // for a claim that needs no note.
            KeyCode::Enter => self.move_to(self.field.step(true)),
            KeyCode::Down if self.field == FormField::Tags => self.move_completion(1),
            KeyCode::Up if self.field == FormField::Tags => self.move_completion(-1),
            KeyCode::Char('n') if ctrl && self.field == FormField::Tags => self.move_completion(1),
            KeyCode::Char('p') if ctrl && self.field == FormField::Tags => self.move_completion(-1),
            _ if self.field == FormField::Verdict => self.verdict_key(key),
            _ => {
                if let Some(editor) = self.editor_mut() {
                    editor.input(key);
                }
                if self.field == FormField::Tags {
                    self.completion = None;
                }
            }
        }
        FormOutcome::Editing
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

    fn verdict_key(&mut self, key: KeyEvent) {
        let count = self.verdicts.len().max(1);
        match key.code {
            KeyCode::Right | KeyCode::Char(' ' | 'l') | KeyCode::Down => self.verdict = (self.verdict + 1) % count,
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Up => self.verdict = (self.verdict + count - 1) % count,
            // A letter picks the next verdict starting with it.
            KeyCode::Char(c) => {
                let starts = |i: &usize| self.verdicts[*i].starts_with(c.to_ascii_lowercase());
                let after = (self.verdict + 1..count).chain(0..=self.verdict).find(starts);
                if let Some(i) = after {
                    self.verdict = i;
                }
            }
            _ => {}
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

    fn submit(&mut self) -> FormOutcome {
        let text = |editor: &TextArea| editor.lines().join("\n").trim().to_string();
        let about = text(&self.about);
        if !about.is_empty() && parse_stated(&about).is_none() {
            self.error = Some(format!("“{about}” is not a date: write 2024-02-08, 2024-W06, 2024-02 or 2024"));
            self.move_to(FormField::About);
            return FormOutcome::Editing;
        }
        let speaker = text(&self.speaker);
        let summary = text(&self.summary);
        FormOutcome::Submitted(ClaimFields {
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

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(form: &mut ClaimForm, text: &str) {
        for c in text.chars() {
            assert_eq!(form.key(key(KeyCode::Char(c))), FormOutcome::Editing);
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
        let FormOutcome::Submitted(fields) = form.key(ctrl('s')) else { panic!("not submitted") };
        assert_eq!(fields.summary, None, "the default is not stored");
    }

    #[test]
    fn prefilled_values_are_submitted_unless_changed() {
        let mut form = form();
        let FormOutcome::Submitted(fields) = form.key(ctrl('s')) else { panic!("not submitted") };
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
        form.key(key(KeyCode::Down));
        form.key(key(KeyCode::Enter));
        typed(&mut form, "new tag");
        let FormOutcome::Submitted(fields) = form.key(ctrl('s')) else { panic!("not submitted") };
        assert_eq!(fields.tags, vec!["withdrawal", "new tag"]);
    }

    #[test]
    fn tab_moves_through_fields_and_letters_pick_a_verdict() {
        let mut form = form();
        form.key(key(KeyCode::Tab));
        form.key(key(KeyCode::Tab));
        form.key(key(KeyCode::Tab));
        assert_eq!(form.field, FormField::Verdict);
        form.key(key(KeyCode::Char('d')));
        assert_eq!(form.verdicts[form.verdict], "disputed");
        form.key(key(KeyCode::Right));
        assert_eq!(form.verdicts[form.verdict], "false");
        form.key(key(KeyCode::BackTab));
        assert_eq!(form.field, FormField::Summary);
        typed(&mut form, "Troops stay");
        form.key(key(KeyCode::BackTab));
        assert_eq!(form.field, FormField::Speaker);
        typed(&mut form, " Hal");
        let FormOutcome::Submitted(fields) = form.key(ctrl('s')) else { panic!("not submitted") };
        assert_eq!(fields.verdict, "false");
        assert_eq!(fields.speaker.as_deref(), Some("Orrin Hal"));
        assert_eq!(fields.summary.as_deref(), Some("Troops stay"));
    }

    #[test]
    fn every_precision_the_form_prefills_is_accepted() {
        for about in ["2024-02-08", "2024-W04", "2024-02", "2024"] {
            let mut form = form();
            form.about = editor(about);
            let FormOutcome::Submitted(fields) = form.key(ctrl('s')) else {
                panic!("{about} refused: {:?}", form.error)
            };
            assert_eq!(fields.about.as_deref(), Some(about));
        }
    }

    #[test]
    fn a_bad_date_is_refused_with_a_message() {
        let mut form = form();
        form.about = editor("next spring");
        assert_eq!(form.key(ctrl('s')), FormOutcome::Editing);
        assert!(form.error.as_deref().is_some_and(|e| e.contains("next spring")));
        assert_eq!(form.field, FormField::About);
    }

    #[test]
    fn the_note_takes_several_lines_and_esc_cancels() {
        let mut form = form();
        form.field = FormField::Note;
        typed(&mut form, "one");
        form.key(key(KeyCode::Enter));
        typed(&mut form, "two");
        assert_eq!(form.note.lines(), ["one", "two"]);
        assert_eq!(form.key(key(KeyCode::Esc)), FormOutcome::Cancelled);
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
