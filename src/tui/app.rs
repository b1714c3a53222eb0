//! The TUI's state and its one way to change: `update(action)`. Drawing
//! only reads this state (see `view`); effects that need the terminal or
//! the outside world are returned to the event loop.

use super::action::{Action, Scope};
use super::annotate::{ArticleField, ClaimsShown, MachineView};
use super::claim_form::ClaimForm;
use super::cursor::Cursor;
use super::layout::{self, Areas, PaneWidths};
use super::list::{ArticleList, RowNotes};
use super::notebook::Notebook;
use super::palette::Palette;
use super::picker::Picker;
use super::reader::{Reader, ReaderPosition, ReaderPrefs};
use super::selection::Adjust;
use super::theme::{Theme, ThemeName};
use super::timeline_pane::TimelinePane;
use crate::annotations::{Annotations, Endpoint};
use crate::corpus::{Article, LoadReport, SourceFormat};
use ratatui::layout::{Position, Rect};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The pane that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    List,
    Reader,
}

impl Focus {
    /// The keymap context for this pane.
    pub fn context(self) -> &'static str {
        match self {
            Focus::Timeline => "timeline",
            Focus::List => "list",
            Focus::Reader => "reader",
        }
    }

    /// A short label for the status line.
    pub fn label(self) -> &'static str {
        self.context()
    }
}

/// A popup over the panes.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Palette(Palette),
    ClaimForm(Box<ClaimForm>),
    Picker(Picker),
    /// Sentences across the corpus similar to one (recurring claims).
    Recurring(Box<super::suggestions::Recurring>),
    /// Quitting with changes that could not be saved.
    ConfirmQuit,
    /// Search across the corpus (its state is `App::corpus_search`).
    CorpusSearch,
}

/// A one-line text input at the bottom of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// The list's fuzzy filter (the text lives in `ArticleList::query`).
    Filter,
    /// Search in the article (the text lives in `App::search_input`).
    Search,
    /// A correction to an article (the text lives in `App::field_input`).
    Article { field: ArticleField, article: usize },
    /// An optional note on the link just made (`App::noted_link`).
    LinkNote,
}

/// What a key does to the text being typed, in a prompt, the palette, a
/// picker or a field of the claim form. Characters come from typing; the
/// rest from the keymap's `text` and `claim form` actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    Insert(char),
    Backspace,
    DeleteForward,
    DeleteWord,
    Clear,
    Left,
    Right,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
}

/// A move in a list, a pane or a text: the movement actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Move {
    /// The row a popup list moves to from `selected` of `len` rows: a
    /// step wraps around, a page or an end stops there.
    pub fn in_list(self, selected: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            _ if len == 0 => 0,
            Move::Up => (selected + len - 1) % len,
            Move::Down => (selected + 1) % len,
            Move::PageUp => selected.saturating_sub(10),
            Move::PageDown => (selected + 10).min(last),
            Move::Top => 0,
            Move::Bottom => last,
        }
    }
}

/// A key sequence waiting for its next key, for the which-key popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingKeys {
    /// The keys typed so far, as displayed.
    pub prefix: String,
    /// The next keys with what they do (an action's description or a group label).
    pub next: Vec<(String, String)>,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Suspend the terminal and show the file in $PAGER, or the url in
    /// $BROWSER. `record` is a JSON Lines article's own text, which the
    /// pager shows instead of the whole dump at `path`.
    OpenExternal { path: PathBuf, url: Option<String>, record: Option<String> },
    /// Turn mouse capture on or off.
    SetMouse(bool),
    /// Write the annotations to their file now.
    Save,
    /// Take the annotation file's lock from another dossier.
    TakeOver,
    /// Write the annotations in this format next to the annotation file.
    Export(crate::annotations::export::ExportFormat),
    /// Remember the theme for the next start (in `state.ron`).
    RememberTheme(ThemeName),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Let the analyst write the claim form's note, which is this, in `$EDITOR`.
    EditNote(String),
}

/// How far the background load has come.
#[derive(Debug, Clone, Default)]
pub struct Loading {
    /// Files read (or taken from the analysis cache) so far.
    pub done: usize,
    /// Article files the corpus has, once the walk has counted them.
    pub total: Option<usize>,
    pub finished: bool,
    pub report: Option<LoadReport>,
    pub error: Option<String>,
}

/// The whole TUI state.
#[derive(Debug)]
pub struct App {
    pub corpus_name: String,
    pub root: PathBuf,
    /// Articles in arrival order; every index in the panes refers to this.
    /// Shared with the suggestion finder while it reads them (see
    /// [`App::articles_mut`]).
    pub articles: Arc<Vec<Article>>,
    pub loading: Loading,
    pub focus: Focus,
    pub widths: PaneWidths,
    /// The terminal area of the last draw.
    pub area: Rect,
    pub timeline: TimelinePane,
    pub list: ArticleList,
    pub reader: Option<Reader>,
    /// In the narrow layout, whether the reader has the whole screen.
    pub reader_open: bool,
    pub reader_prefs: ReaderPrefs,
    positions: HashMap<usize, ReaderPosition>,
    pub overlay: Option<Overlay>,
    pub prompt: Option<Prompt>,
    pub search_input: String,
    pub theme: Theme,
    pub no_color: bool,
    pub mouse: bool,
    /// A transient note in the status line.
    pub message: Option<String>,
    pub pending: Option<PendingKeys>,
    pub quit: bool,
    /// What to tell the analyst once the terminal is restored (where
    /// changes that could not be saved went).
    pub farewell: Option<String>,
    /// The analyst's annotations with undo and redo.
    pub notes: Notebook,
    /// Why annotations cannot be changed (the file is locked or broken).
    pub read_only: Option<String>,
    /// The link end marked with `Mark`, waiting for `Link`.
    pub marked: Option<Endpoint>,
    /// Articles to go back to, most recent last.
    pub jumps: Vec<usize>,
    /// Article id → index into `articles`.
    pub article_ids: HashMap<String, usize>,
    /// What the machine found in articles the analyst corrected.
    pub machine: HashMap<usize, MachineView>,
    /// Where each claim sits in its article's current text (claims made in
    /// this session sit where they were made and need no entry).
    pub placements: HashMap<crate::annotations::RecordId, crate::annotations::reanchor::Placement>,
    /// Claims and links per article index, for the list.
    pub annotation_counts: HashMap<usize, usize>,
    /// A correction changed a date: the timeline must be rebuilt.
    pub timeline_stale: bool,
    /// Verdicts and link kinds offered.
    pub settings: crate::config::Settings,
    /// The link the `LinkNote` prompt annotates.
    pub noted_link: Option<crate::annotations::RecordId>,
    /// The text of an article-correction or link-note prompt.
    pub field_input: String,
    /// Suggested links and recurring sentences, once found.
    pub suggest: super::suggestions::SuggestState,
    /// The search index, the last corpus search and its hits.
    pub corpus_search: super::corpus_search::CorpusSearch,
}

impl App {
    /// An empty app for the corpus at `root`; articles arrive through `add_articles`.
    pub fn new(root: PathBuf, no_color: bool, mouse: bool) -> App {
        let corpus_name = crate::corpus::corpus_name(&root);
        App {
            corpus_name,
            root,
            articles: Arc::default(),
            loading: Loading::default(),
            focus: Focus::List,
            widths: PaneWidths::default(),
            area: Rect::new(0, 0, 160, 45),
            timeline: TimelinePane::default(),
            list: ArticleList::default(),
            reader: None,
            reader_open: false,
            reader_prefs: ReaderPrefs::default(),
            positions: HashMap::new(),
            overlay: None,
            prompt: None,
            search_input: String::new(),
            theme: Theme::new(ThemeName::Dark, no_color),
            no_color,
            mouse,
            message: None,
            pending: None,
            quit: false,
            farewell: None,
            notes: Notebook::default(),
            read_only: None,
            marked: None,
            jumps: Vec::new(),
            article_ids: HashMap::new(),
            machine: HashMap::new(),
            placements: HashMap::new(),
            annotation_counts: HashMap::new(),
            timeline_stale: false,
            field_input: String::new(),
            noted_link: None,
            settings: crate::config::Settings::default(),
            suggest: Default::default(),
            corpus_search: Default::default(),
        }
    }

    /// Takes in the annotation file's content; `read_only` says why it
    /// cannot be changed, if it cannot.
    pub fn set_annotations(&mut self, annotations: Annotations, read_only: Option<String>) {
        self.notes = Notebook::new(annotations, std::mem::take(&mut self.notes.analyst));
        self.read_only = read_only;
        self.placements.clear();
        self.place_claims(0);
        for index in 0..self.articles.len() {
            self.apply_corrections(index);
        }
        self.after_corrections();
    }

    /// Takes in a batch of loaded articles.
    pub fn add_articles(&mut self, batch: Vec<Article>) {
        let first = self.articles.len();
        self.articles_mut().extend(batch);
        for (index, article) in self.articles.iter().enumerate().skip(first) {
            self.article_ids.insert(article.id.as_str().to_string(), index);
        }
        self.list.add_articles(&self.articles);
        // Corrections go on before the timeline sees the new articles, so
        // it places them by the analyst's dates.
        let corrected: Vec<usize> = (first..self.articles.len())
            .filter(|&i| self.notes.annotations.article(self.articles[i].id.as_str()).is_some())
            .collect();
        for index in corrected {
            self.apply_corrections(index);
        }
        self.timeline_stale = false;
        self.place_claims(first);
        self.timeline.add_articles(&self.articles);
        self.recount_annotations();
        self.update_list_rows(Some(first));
        self.sync_reader();
    }

    /// The articles to change. They are copied only when the suggestion
    /// finder still reads them, which it does for a few seconds after the
    /// load: a correction made then costs one copy of the corpus's
    /// analysis, and the finder works from the articles as they were.
    pub fn articles_mut(&mut self) -> &mut Vec<Article> {
        Arc::make_mut(&mut self.articles)
    }

    /// Claims and links of the article at `index`.
    pub fn annotation_count(&self, article: usize) -> usize {
        self.annotation_counts.get(&article).copied().unwrap_or(0)
    }

    /// Whether the analyst marked the article at `article` read (`r`).
    pub fn is_read(&self, article: usize) -> bool {
        marked_read(&self.notes.annotations, &self.articles[article])
    }

    /// The frame's layout for the current area.
    pub fn areas(&self) -> Areas {
        layout::areas(self.area, self.widths, self.reader_open)
    }

    /// Rows of content the list pane shows (inside its border, below its header).
    pub fn list_height(&self) -> usize {
        self.areas().list.map_or(0, |r| r.height.saturating_sub(3) as usize)
    }

    /// Rows of content the timeline pane shows.
    pub fn timeline_height(&self) -> usize {
        self.areas().timeline.map_or(0, |r| r.height.saturating_sub(2) as usize)
    }

    /// The reader pane's inside: what sits above the text, the text, the
    /// footer line. Drawing, scrolling and clicks all use this one answer.
    pub fn reader_areas(&self) -> Option<layout::ReaderAreas> {
        let pane = self.areas().reader?;
        // The header, then the links line, then the suggested links.
        let fixed = 1 + u16::from(!self.links_here().is_empty());
        let suggestions = self.suggestions_view();
        let above = |budget: u16| {
            let room = budget.saturating_sub(fixed) as usize;
            fixed + suggestions.panel_height(room) as u16
        };
        Some(layout::reader_areas(pane, above, self.reader_footer_shown()))
    }

    /// Whether the reader keeps a line under its text for the cursor
    /// sentence's dates (or the search position) and the claim under the
    /// cursor. Kept while the reader has focus even with the dates hidden,
    /// so the text does not jump as the cursor passes claims.
    pub fn reader_footer_shown(&self) -> bool {
        self.reader_prefs.show_date_values || self.focus == Focus::Reader
    }

    /// Rows of text the reader shows.
    pub fn reader_height(&self) -> usize {
        self.reader_areas().map_or(0, |a| a.text.height as usize)
    }

    /// Text columns of the reader.
    fn reader_width(&self) -> u16 {
        self.areas().reader.map_or(60, |pane| layout::reader_column(pane).width.max(1))
    }

    /// Records a new terminal size and lays the reader out for it.
    pub fn resize(&mut self, area: Rect) {
        self.area = area;
        self.sync_reader();
    }

    /// The keymap contexts for the next key, most specific first. Popups
    /// and prompts use contexts of their own that do not fall back to
    /// `global` (see `hints::ISOLATED`).
    pub fn key_contexts(&self) -> Vec<&'static str> {
        match (&self.overlay, self.prompt) {
            (Some(Overlay::ClaimForm(_)), _) => vec!["claim form", "text"],
            (Some(Overlay::Palette(_) | Overlay::Picker(_) | Overlay::CorpusSearch), _) => vec!["picker", "text"],
            (Some(Overlay::Recurring(_)), _) => vec!["recurring"],
            (Some(Overlay::ConfirmQuit), _) => vec!["confirm quit"],
            (Some(Overlay::Help { .. }) | None, Some(_)) => vec!["text"],
            (Some(Overlay::Help { .. }) | None, None) => vec![self.focus.context()],
        }
    }

    /// Whether keys not bound in the current contexts are typed as text.
    pub fn typing(&self) -> bool {
        self.prompt.is_some()
            || matches!(
                self.overlay,
                Some(Overlay::ClaimForm(_) | Overlay::Palette(_) | Overlay::Picker(_) | Overlay::CorpusSearch)
            )
    }

    /// Applies an action and returns what the event loop must do. One
    /// exhaustive match, without a catch-all: an action that no code
    /// handles does not compile.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        if let Scope::Pane(pane) = action.scope()
            && !self.reach(pane, action)
        {
            return Vec::new();
        }
        use Action::*;
        match action {
            Quit => return self.request_quit(),
            QuitWithoutSaving => self.quit_without_saving(),
            Save => return vec![Effect::Save],
            TakeOver => return vec![Effect::TakeOver],
            ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                }
            }
            OpenPalette => self.overlay = Some(Overlay::Palette(Palette::new())),
            Back => self.back(),
            FocusNext => self.cycle_focus(1),
            FocusPrevious => self.cycle_focus(-1),
            FocusTimeline => self.set_focus(Focus::Timeline),
            FocusList => self.set_focus(Focus::List),
            FocusReader => self.set_focus(Focus::Reader),
            WidenPane => self.resize_focused(4),
            NarrowPane => self.resize_focused(-4),
            ToggleMouse => return self.toggle_mouse(),
            ToggleTheme => return self.toggle_theme(),
            OpenExternal => return self.open_external(),
            Copy => return self.copy(),
            Up => self.move_by(Move::Up),
            Down => self.move_by(Move::Down),
            PageUp => self.move_by(Move::PageUp),
            PageDown => self.move_by(Move::PageDown),
            Top => self.move_by(Move::Top),
            Bottom => self.move_by(Move::Bottom),
            Open => self.open(),
            ZoomIn => self.on_timeline(|timeline| timeline.set_zoom(timeline.zoom.finer())),
            ZoomOut => self.on_timeline(|timeline| timeline.set_zoom(timeline.zoom.coarser())),
            ToggleEvents => self.on_timeline(TimelinePane::toggle_events),
            ClearPeriod => self.on_timeline(|timeline| timeline.cursor.select(0, timeline.rows.len())),
            Filter => self.prompt = Some(Prompt::Filter),
            ClearFilters => {
                self.timeline.cursor.select(0, self.timeline.rows.len());
                self.on_list(ArticleList::clear_filters);
            }
            CycleSort => self.on_list(ArticleList::cycle_sort),
            CycleLanguage => self.on_list(ArticleList::cycle_language),
            ToggleAnnotatedOnly => self.on_list(|list| list.annotated_only = !list.annotated_only),
            ToggleUnreadOnly => self.on_list(|list| list.unread_only = !list.unread_only),
            NextUnread => self.next_unread(),
            SearchCorpus => self.open_corpus_search(),
            NarrowToHits => self.narrow_to_hits(),
            NextSentence => self.on_reader(|reader, article, height| reader.move_sentence(article, 1, height)),
            PreviousSentence => self.on_reader(|reader, article, height| reader.move_sentence(article, -1, height)),
            NextParagraph => self.on_reader(|reader, article, height| reader.move_paragraph(article, true, height)),
            PreviousParagraph => {
                self.on_reader(|reader, article, height| reader.move_paragraph(article, false, height))
            }
            // A corpus search's hit runs on to the next hit's article.
            NextMatch | PreviousMatch if self.corpus_hit_step(action == NextMatch) => {}
            NextMatch => self.on_reader(|reader, article, height| reader.next_match(article, true, height)),
            PreviousMatch => self.on_reader(|reader, article, height| reader.next_match(article, false, height)),
            Search => {
                self.search_input.clear();
                self.prompt = Some(Prompt::Search);
            }
            ToggleBoilerplate => self.toggle_boilerplate(),
            ToggleDateValues => self.reader_prefs.show_date_values = !self.reader_prefs.show_date_values,
            Select => self.toggle_selection(),
            SelectMoreSentences => self.adjust_selection(Adjust::EndBySentence(true)),
            SelectFewerSentences => self.adjust_selection(Adjust::EndBySentence(false)),
            SelectMoreWords => self.adjust_selection(Adjust::EndByWord(true)),
            SelectFewerWords => self.adjust_selection(Adjust::EndByWord(false)),
            SelectEarlierStart => self.adjust_selection(Adjust::StartByWord(true)),
            SelectLaterStart => self.adjust_selection(Adjust::StartByWord(false)),
            TagClaim => self.tag_claim(),
            DeleteClaim => self.delete_claim(),
            NextClaim => self.step_claim(true),
            PreviousClaim => self.step_claim(false),
            ShowClaims => self.show_claims(ClaimsShown::All),
            ShowOrphans => self.show_claims(ClaimsShown::Orphans),
            ShowConflictingClaims => self.show_claims(ClaimsShown::ConflictingNumbers),
            SetDate => self.open_article_prompt(ArticleField::Date),
            EditTitle => self.open_article_prompt(ArticleField::Title),
            SetSource => self.open_article_prompt(ArticleField::Source),
            ArticleTags => self.open_article_prompt(ArticleField::Tags),
            ToggleRead => self.toggle_read(),
            Mark => self.mark(),
            Link => self.link(),
            FollowLink => self.follow_link(),
            JumpBack => self.jump_back(),
            Undo => self.undo_redo(true),
            Redo => self.undo_redo(false),
            Export => self.choose_export(),
            NextSuggestion => self.step_suggestion(),
            AcceptSuggestion => self.accept_suggestion(),
            RejectSuggestion => self.reject_suggestion(),
            FlipLink => self.flip_link(),
            AcceptSuggestedDate => self.accept_suggested_date(),
            ShowRecurring => self.show_recurring(),
            Submit => return self.submit(),
            DeleteBackward => self.edit(TextEdit::Backspace),
            DeleteForward => self.edit(TextEdit::DeleteForward),
            DeleteWord => self.edit(TextEdit::DeleteWord),
            ClearInput => self.edit(TextEdit::Clear),
            CursorLeft => self.edit(TextEdit::Left),
            CursorRight => self.edit(TextEdit::Right),
            WordLeft => self.edit(TextEdit::WordLeft),
            WordRight => self.edit(TextEdit::WordRight),
            LineStart => self.edit(TextEdit::LineStart),
            LineEnd => self.edit(TextEdit::LineEnd),
            NextField => self.on_form(action, |form| form.step_field(true)),
            PreviousField => self.on_form(action, |form| form.step_field(false)),
            SaveForm => self.save_form(),
            EditNote => return self.edit_note(),
        }
        Vec::new()
    }

    /// The theme to start with: `config.ron`'s, else the one last chosen
    /// with `T` (`remembered`), else dark.
    pub fn choose_theme(&mut self, remembered: Option<ThemeName>) {
        let name = self.settings.theme.or(remembered).unwrap_or(ThemeName::Dark);
        self.theme = Theme::new(name, self.no_color);
    }

    /// Shows the next article in the list not yet marked read, after the
    /// one shown (wrapping round), in the reader when it is open.
    fn next_unread(&mut self) {
        let visible = &self.list.visible;
        let here = self.current_article().and_then(|a| visible.iter().position(|&i| i == a));
        let start = here.map_or(0, |p| p + 1);
        let next = (0..visible.len()).map(|k| (start + k) % visible.len()).find(|&p| !self.is_read(visible[p]));
        let Some(position) = next.filter(|&p| Some(p) != here) else {
            self.message = Some("no other unread article in the list".to_string());
            return;
        };
        self.list.cursor.select(position, visible.len());
        self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
        self.sync_reader();
    }

    /// Switches theme and has the choice remembered for the next start.
    fn toggle_theme(&mut self) -> Vec<Effect> {
        let name = self.theme.name.other();
        self.theme = Theme::new(name, self.no_color);
        self.message = Some(match self.settings.theme {
            Some(set) if set != name => {
                format!("{} theme; config.ron says {}", name.label(), set.label())
            }
            _ => format!("{} theme", name.label()),
        });
        vec![Effect::RememberTheme(name)]
    }

    /// Focuses the pane a pane's action acts on when another has the
    /// keyboard (the action came from the palette); says why not when it
    /// cannot be focused. Returns whether the pane has focus now.
    fn reach(&mut self, pane: Focus, action: Action) -> bool {
        if self.focus != pane {
            self.set_focus(pane);
        }
        if self.focus != pane {
            self.message = Some(format!("{} acts on the {}: no article is selected", action.name(), pane.label()));
        }
        self.focus == pane
    }

    fn toggle_mouse(&mut self) -> Vec<Effect> {
        self.mouse = !self.mouse;
        self.message =
            Some(if self.mouse { "mouse on".to_string() } else { "mouse off: the terminal selects text".to_string() });
        vec![Effect::SetMouse(self.mouse)]
    }

    /// Quits once everything is saved: with unsaved changes it saves
    /// first and asks, in case the save fails.
    fn request_quit(&mut self) -> Vec<Effect> {
        if self.notes.unsaved() {
            self.overlay = Some(Overlay::ConfirmQuit);
            vec![Effect::Save]
        } else {
            self.quit = true;
            Vec::new()
        }
    }

    /// Quits although changes could not be saved (asked for in the quit
    /// confirmation).
    fn quit_without_saving(&mut self) {
        if self.quitting() {
            self.quit = true;
        } else {
            self.message = Some("QuitWithoutSaving answers the question asked when a save failed on quit".to_string());
        }
    }

    /// Whether the analyst asked to quit and a save stands in the way.
    pub fn quitting(&self) -> bool {
        matches!(self.overlay, Some(Overlay::ConfirmQuit))
    }

    /// Quits after changes that could not be saved were kept elsewhere;
    /// `note` says where, in the status line and after the terminal is back.
    pub fn quit_after_rescue(&mut self, note: String) {
        // On disk now, if not in the annotation file: nothing left to save.
        self.notes.saved();
        self.overlay = None;
        self.message = Some(note.clone());
        self.farewell = Some(note);
        self.quit = true;
    }

    /// Called by the event loop after a save: if the analyst was quitting
    /// and everything is on disk now, quit.
    pub fn saved(&mut self) {
        self.notes.saved();
        if matches!(self.overlay, Some(Overlay::ConfirmQuit)) {
            self.quit = true;
        }
    }

    fn back(&mut self) {
        if self.overlay.take().is_some() {
            return;
        }
        if self.prompt.is_some() {
            self.cancel_prompt();
            return;
        }
        match self.focus {
            Focus::Reader if self.reader.as_ref().is_some_and(|r| r.selection.is_some()) => {
                if let Some(reader) = &mut self.reader {
                    reader.selection = None;
                }
            }
            Focus::Reader if self.reader.as_ref().is_some_and(|r| r.search.is_some()) => {
                if let Some(reader) = &mut self.reader {
                    reader.search = None;
                }
            }
            Focus::Reader => {
                self.reader_open = false;
                self.focus = Focus::List;
            }
            Focus::List if !self.list.query.is_empty() => {
                self.list.query.clear();
                self.refresh_list();
            }
            _ => {}
        }
    }

    /// The panes that are on screen now, in focus order.
    fn focusable(&self) -> Vec<Focus> {
        let areas = self.areas();
        let mut panes = Vec::new();
        if areas.timeline.is_some() {
            panes.push(Focus::Timeline);
        }
        if areas.list.is_some() {
            panes.push(Focus::List);
        }
        if areas.reader.is_some() && self.reader.is_some() {
            panes.push(Focus::Reader);
        }
        panes
    }

    fn cycle_focus(&mut self, step: isize) {
        let panes = self.focusable();
        if panes.is_empty() {
            return;
        }
        let here = panes.iter().position(|&p| p == self.focus).unwrap_or(0);
        let next = (here as isize + step).rem_euclid(panes.len() as isize) as usize;
        self.set_focus(panes[next]);
    }

    pub(super) fn set_focus(&mut self, focus: Focus) {
        match focus {
            Focus::Reader if self.reader.is_none() => {
                self.message = Some("no article selected".to_string());
            }
            Focus::Reader => {
                self.reader_open = true;
                self.focus = Focus::Reader;
            }
            _ => {
                self.reader_open = false;
                self.focus = focus;
            }
        }
    }

    fn resize_focused(&mut self, delta: i16) {
        let widths = &mut self.widths;
        match self.focus {
            Focus::Timeline => widths.timeline = widths.timeline.saturating_add_signed(delta).clamp(16, 80),
            Focus::List => widths.list = widths.list.saturating_add_signed(delta).clamp(24, 120),
            // The reader takes what the list leaves.
            Focus::Reader => widths.list = widths.list.saturating_add_signed(-delta).clamp(24, 120),
        }
        self.sync_reader();
    }

    /// Changes the timeline, then the list and reader that follow its period.
    fn on_timeline(&mut self, change: impl FnOnce(&mut TimelinePane)) {
        change(&mut self.timeline);
        self.timeline.scroll_into_view(self.timeline_height());
        self.refresh_list();
        self.sync_reader();
    }

    /// Changes the list, then the reader that shows its selection.
    fn on_list(&mut self, change: impl FnOnce(&mut ArticleList)) {
        change(&mut self.list);
        self.refresh_list();
        self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
        self.sync_reader();
    }

    /// Moves in the reader's article, `height` rows shown at a time.
    fn on_reader(&mut self, step: impl FnOnce(&mut Reader, &Article, usize)) {
        let height = self.reader_height();
        if let Some(reader) = &mut self.reader {
            step(reader, &self.articles[reader.article], height);
        }
    }

    /// A movement action: in the popup when one is open, else in the focused pane.
    fn move_by(&mut self, step: Move) {
        let page = |height: usize| height.max(2) as isize - 1;
        match &mut self.overlay {
            Some(Overlay::Help { scroll }) => {
                *scroll = match step {
                    Move::Up => scroll.saturating_sub(1),
                    Move::Down => *scroll + 1,
                    Move::PageUp => scroll.saturating_sub(10),
                    Move::PageDown => *scroll + 10,
                    Move::Top => 0,
                    // The help's length is known only when drawn, which
                    // keeps the scroll inside it.
                    Move::Bottom => *scroll + 1000,
                }
            }
            Some(Overlay::Palette(palette)) => palette.selected = step.in_list(palette.selected, palette.matches.len()),
            Some(Overlay::Picker(picker)) => picker.selected = step.in_list(picker.selected, picker.visible.len()),
            Some(Overlay::Recurring(view)) => view.selected = step.in_list(view.selected, view.matches.len()),
            Some(Overlay::CorpusSearch) => {
                let search = &mut self.corpus_search;
                search.selected = step.in_list(search.selected, search.hits.len());
            }
            Some(Overlay::ClaimForm(form)) => form.vertical(step),
            Some(Overlay::ConfirmQuit) => {}
            None => match self.focus {
                Focus::Timeline => {
                    let height = self.timeline_height();
                    self.on_timeline(|timeline| match step {
                        // Down from `all` goes to the first period shown under it.
                        Move::Down if timeline.cursor.selected == 0 => {
                            timeline.cursor.select(timeline.first_below_all(height), timeline.rows.len())
                        }
                        _ => move_cursor(&mut timeline.cursor, step, timeline.rows.len(), height),
                    })
                }
                // Moving the cursor changes no row: no refresh (at 100k
                // articles that re-sort cost 75 ms a keystroke).
                Focus::List => {
                    let height = self.list_height();
                    move_cursor(&mut self.list.cursor, step, self.list.visible.len(), height);
                    self.list.cursor.scroll_into_view(self.list.visible.len(), height);
                    self.sync_reader();
                }
                Focus::Reader => self.on_reader(|reader, _, height| match step {
                    Move::Up => reader.scroll_by(-1, height),
                    Move::Down => reader.scroll_by(1, height),
                    Move::PageUp => reader.scroll_by(-page(height), height),
                    Move::PageDown => reader.scroll_by(page(height), height),
                    Move::Top => reader.scroll = 0,
                    Move::Bottom => reader.scroll_by(isize::MAX, height),
                }),
            },
        }
    }

    /// `Open`: from the timeline to its articles, from the list into the reader.
    fn open(&mut self) {
        match self.focus {
            Focus::Timeline => self.set_focus(Focus::List),
            Focus::List => {
                self.sync_reader();
                self.set_focus(Focus::Reader);
            }
            Focus::Reader => self.message = Some("the article is open".to_string()),
        }
    }

    fn toggle_boilerplate(&mut self) {
        self.reader_prefs.hide_boilerplate = !self.reader_prefs.hide_boilerplate;
        let (width, height) = (self.reader_width(), self.reader_height());
        if let Some(reader) = &mut self.reader {
            let article = &self.articles[reader.article];
            reader.relayout(article, width, self.reader_prefs);
            // The cursor may have moved off a hidden line: keep it in sight.
            reader.reveal_cursor(article, height);
        }
    }

    /// Edits the text being typed: a claim form field, the palette's or a
    /// picker's query, or the prompt. One-line inputs edit at their end.
    pub fn edit(&mut self, edit: TextEdit) {
        match &mut self.overlay {
            Some(Overlay::ClaimForm(form)) => return form.edit(edit),
            Some(Overlay::Picker(picker)) => return picker.edit(edit),
            Some(Overlay::Palette(palette)) => return palette.edit(edit),
            Some(Overlay::CorpusSearch) => return self.corpus_search_edit(edit),
            Some(Overlay::Help { .. } | Overlay::Recurring(_) | Overlay::ConfirmQuit) | None => {}
        }
        let Some(prompt) = self.prompt else {
            self.message = Some("nothing is being typed".to_string());
            return;
        };
        if edit_line(self.prompt_input(prompt), edit) {
            self.prompt_changed(prompt, true);
        }
    }

    /// Pastes text into what is being typed; only the claim form's note
    /// keeps line breaks.
    pub fn paste(&mut self, text: &str) {
        if let Some(Overlay::ClaimForm(form)) = &mut self.overlay {
            return form.paste(text);
        }
        for c in text.chars().filter(|c| !c.is_control()) {
            self.edit(TextEdit::Insert(c));
        }
    }

    /// The text of an open prompt.
    fn prompt_input(&mut self, prompt: Prompt) -> &mut String {
        match prompt {
            Prompt::Filter => &mut self.list.query,
            Prompt::Search => &mut self.search_input,
            Prompt::Article { .. } | Prompt::LinkNote => &mut self.field_input,
        }
    }

    /// Follows a change of a prompt's text: the filter narrows the list
    /// (a new query puts the best match on top), the search re-runs.
    fn prompt_changed(&mut self, prompt: Prompt, new_query: bool) {
        match prompt {
            Prompt::Article { .. } | Prompt::LinkNote => {}
            Prompt::Filter => {
                self.refresh_list();
                if new_query {
                    self.list.cursor.select(0, self.list.visible.len());
                    self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
                }
                self.sync_reader();
            }
            Prompt::Search => {
                let height = self.reader_height();
                if let Some(reader) = &mut self.reader {
                    let article = &self.articles[reader.article];
                    if self.search_input.is_empty() {
                        reader.search = None;
                    } else {
                        reader.search(article, &self.search_input, height);
                    }
                }
            }
        }
    }

    /// Closes the prompt, dropping what was typed.
    fn cancel_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else { return };
        self.prompt_input(prompt).clear();
        self.prompt_changed(prompt, true);
    }

    /// `Submit` (Enter): keeps the prompt's text, runs the palette's
    /// command, chooses the picker's row, moves on in the claim form,
    /// jumps to the recurring view's sentence.
    fn submit(&mut self) -> Vec<Effect> {
        match &mut self.overlay {
            Some(Overlay::Palette(palette)) => {
                let chosen = palette.chosen();
                self.overlay = None;
                if let Some(action) = chosen {
                    return self.update(action);
                }
            }
            Some(Overlay::Picker(_)) => {
                if let Some(Overlay::Picker(picker)) = self.overlay.take()
                    && let Some(choice) = picker.chosen()
                {
                    return self.picked(picker.purpose, choice);
                }
            }
            Some(Overlay::ClaimForm(form)) => form.enter(),
            Some(Overlay::Recurring(view)) => {
                let target = view.matches[view.selected].clone();
                self.overlay = None;
                self.jump_to_span(target.article, target.span);
            }
            Some(Overlay::CorpusSearch) => {
                let selected = self.corpus_search.selected;
                self.open_hit(selected, true);
            }
            Some(Overlay::Help { .. }) => self.overlay = None,
            Some(Overlay::ConfirmQuit) => {}
            None => match self.prompt.take() {
                Some(Prompt::Article { field, article }) => self.submit_article_field(field, article),
                Some(Prompt::LinkNote) => self.submit_link_note(),
                Some(prompt @ (Prompt::Filter | Prompt::Search)) => self.prompt_changed(prompt, false),
                None => self.message = Some("nothing to confirm here".to_string()),
            },
        }
        Vec::new()
    }

    /// Handles a mouse click at a screen position: focus and select.
    pub fn click(&mut self, at: Position) {
        let areas = self.areas();
        if let Some(area) = areas.timeline.filter(|r| r.contains(at)) {
            self.set_focus(Focus::Timeline);
            let row = self.timeline.row_at(at.y.saturating_sub(area.y + 1) as usize, self.timeline_height());
            if at.y > area.y && row < self.timeline.rows.len() {
                self.timeline.cursor.select(row, self.timeline.rows.len());
                self.refresh_list();
                self.sync_reader();
            }
        } else if let Some(area) = areas.list.filter(|r| r.contains(at)) {
            self.set_focus(Focus::List);
            // Row 0 is the border, row 1 the column header.
            let row = self.list.cursor.offset + (at.y.saturating_sub(area.y + 2)) as usize;
            if at.y > area.y + 1 && row < self.list.visible.len() {
                self.list.cursor.select(row, self.list.visible.len());
                self.sync_reader();
            }
        } else if areas.reader.is_some_and(|r| r.contains(at)) {
            if self.reader.is_none() {
                return;
            }
            self.set_focus(Focus::Reader);
            let text = self.reader_areas().map(|a| a.text).unwrap_or_default();
            if let Some(reader) = &mut self.reader
                && text.contains(Position { x: text.x, y: at.y })
            {
                let row = reader.scroll + (at.y - text.y) as usize;
                if let Some(span) = reader.wrapped.rows().get(row).map(|r| r.span.clone()) {
                    reader.place_cursor_at(&self.articles[reader.article], span.start);
                }
            }
        }
    }

    /// Scrolls the pane under the pointer.
    pub fn wheel(&mut self, at: Position, down: bool) {
        let areas = self.areas();
        let step = if down { 3 } else { -3 };
        if areas.reader.is_some_and(|r| r.contains(at)) {
            let height = self.reader_height();
            if let Some(reader) = &mut self.reader {
                reader.scroll_by(step, height);
            }
        } else if areas.list.is_some_and(|r| r.contains(at)) {
            self.list.cursor.move_by(step, self.list.visible.len());
            self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
            self.sync_reader();
        } else if areas.timeline.is_some_and(|r| r.contains(at)) {
            self.timeline.cursor.move_by(step.signum(), self.timeline.rows.len());
            self.timeline.scroll_into_view(self.timeline_height());
            self.refresh_list();
            self.sync_reader();
        }
    }

    /// Shows the article at `index` in the reader, clearing list filters
    /// and the timeline period if they hide it.
    pub fn show_article(&mut self, index: usize) {
        if !self.list.visible.contains(&index) {
            self.list.clear_filters();
            self.timeline.cursor.select(0, self.timeline.rows.len());
            self.refresh_list();
        }
        if let Some(row) = self.list.visible.iter().position(|&i| i == index) {
            self.list.cursor.select(row, self.list.visible.len());
            self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
        }
        self.sync_reader();
        self.set_focus(Focus::Reader);
    }

    /// Recomputes every row of the list.
    pub(super) fn refresh_list(&mut self) {
        self.update_list_rows(None);
    }

    /// Recomputes the list's rows: all of them, or only merging in the
    /// articles from `added_from` on when nothing else changed.
    fn update_list_rows(&mut self, added_from: Option<usize>) {
        let period = self.timeline.filter();
        let (counts, annotations, articles) = (&self.annotation_counts, &self.notes.annotations, &self.articles);
        let notes = |i: usize| RowNotes {
            annotations: counts.get(&i).copied().unwrap_or(0),
            read: marked_read(annotations, &articles[i]),
        };
        match added_from {
            Some(first) => self.list.refresh_added(articles, first, &period, notes),
            None => self.list.refresh(articles, &period, notes),
        }
        self.list.cursor.scroll_into_view(self.list.visible.len(), self.list_height());
    }

    /// Makes the reader show the list's selected article, remembering where
    /// the analyst was in the one it leaves; re-wraps on a width change.
    fn sync_reader(&mut self) {
        let width = self.reader_width();
        let selected = self.list.selected_article();
        match (&mut self.reader, selected) {
            (Some(reader), Some(index)) if reader.article == index => {
                if reader.width != width {
                    reader.relayout(&self.articles[index], width, self.reader_prefs);
                }
            }
            (current, Some(index)) => {
                if let Some(old) = current.take() {
                    self.positions.insert(old.article, old.position());
                }
                let at = self.positions.get(&index).copied().unwrap_or_default();
                *current = Some(Reader::open(index, &self.articles[index], width, self.reader_prefs, at));
            }
            (current, None) => {
                if let Some(old) = current.take() {
                    self.positions.insert(old.article, old.position());
                }
                if self.focus == Focus::Reader {
                    self.focus = Focus::List;
                    self.reader_open = false;
                }
            }
        }
    }

    fn open_external(&mut self) -> Vec<Effect> {
        let Some(index) = self.reader.as_ref().map(|r| r.article).or(self.list.selected_article()) else {
            self.message = Some("no article selected".to_string());
            return Vec::new();
        };
        let article = &self.articles[index];
        let record = (article.format == SourceFormat::JsonLines).then(|| super::external::record_page(article));
        vec![Effect::OpenExternal { path: self.root.join(article.path()), url: article.meta().url.clone(), record }]
    }
}

/// Applies a move to a pane's cursor over `len` rows shown `height` at a time.
fn move_cursor(cursor: &mut Cursor, step: Move, len: usize, height: usize) {
    let page = height.max(1) as isize;
    match step {
        Move::Up => cursor.move_by(-1, len),
        Move::Down => cursor.move_by(1, len),
        Move::PageUp => cursor.move_by(-page, len),
        Move::PageDown => cursor.move_by(page, len),
        Move::Top => cursor.select(0, len),
        Move::Bottom => cursor.select(usize::MAX, len),
    }
}

/// Applies an edit to a one-line input that is edited at its end (no
/// cursor); returns whether the text changed.
pub fn edit_line(text: &mut String, edit: TextEdit) -> bool {
    match edit {
        TextEdit::Insert(c) => text.push(c),
        TextEdit::Backspace => return text.pop().is_some(),
        TextEdit::DeleteWord => {
            let keep = text.trim_end().rfind(' ').map_or(0, |i| i + 1);
            text.truncate(keep);
        }
        TextEdit::Clear => text.clear(),
        TextEdit::DeleteForward
        | TextEdit::Left
        | TextEdit::Right
        | TextEdit::WordLeft
        | TextEdit::WordRight
        | TextEdit::LineStart
        | TextEdit::LineEnd => return false,
    }
    true
}

/// Whether the analyst marked `article` read (`r`).
fn marked_read(annotations: &Annotations, article: &Article) -> bool {
    annotations.article(article.id.as_str()).is_some_and(|notes| notes.read)
}
