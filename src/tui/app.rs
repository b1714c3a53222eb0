//! The TUI's state and its one way to change: `update(action)`. Drawing
//! only reads this state (see `view`); effects that need the terminal or
//! the outside world are returned to the event loop.

use super::action::Action;
use super::annotate::{ArticleField, MachineView};
use super::claim_form::ClaimForm;
use super::cursor::Cursor;
use super::layout::{self, Areas, PaneWidths};
use super::list::{ArticleList, RowNotes};
use super::notebook::Notebook;
use super::palette::Palette;
use super::picker::Picker;
use super::reader::{Reader, ReaderPosition, ReaderPrefs};
use super::theme::{Theme, ThemeName};
use super::timeline_pane::TimelinePane;
use crate::annotations::{Annotations, Endpoint};
use crate::corpus::{Article, LoadReport, SourceFormat};
use ratatui::layout::{Position, Rect};
use std::collections::HashMap;
use std::path::PathBuf;

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

/// Editing keys for prompts and the palette; they bypass the keymap so
/// every letter can be typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEdit {
    Insert(char),
    Backspace,
    DeleteWord,
    Clear,
    Up,
    Down,
    Submit,
    Cancel,
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
    pub articles: Vec<Article>,
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
            articles: Vec::new(),
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
        self.articles.extend(batch);
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

    /// Applies an action and returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        if self.overlay.is_some() && self.update_overlay(action) {
            return Vec::new();
        }
        match action {
            Action::Quit => return self.request_quit(),
            Action::Save => return vec![Effect::Save],
            Action::TakeOver => return vec![Effect::TakeOver],
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                }
            }
            Action::OpenPalette => self.overlay = Some(Overlay::Palette(Palette::new())),
            Action::Back => self.back(),
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrevious => self.cycle_focus(-1),
            Action::FocusTimeline => self.set_focus(Focus::Timeline),
            Action::FocusList => self.set_focus(Focus::List),
            Action::FocusReader => self.set_focus(Focus::Reader),
            Action::WidenPane => self.resize_focused(4),
            Action::NarrowPane => self.resize_focused(-4),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.message = Some(if self.mouse {
                    "mouse on".to_string()
                } else {
                    "mouse off: the terminal selects text".to_string()
                });
                return vec![Effect::SetMouse(self.mouse)];
            }
            Action::ToggleTheme => return self.toggle_theme(),
            Action::NextUnread => self.next_unread(),
            Action::OpenExternal => return self.open_external(),
            Action::SearchCorpus => self.open_corpus_search(),
            Action::NarrowToHits => self.narrow_to_hits(),
            Action::NextMatch | Action::PreviousMatch
                if self.focus == Focus::Reader && self.corpus_hit_step(action == Action::NextMatch) => {}
            _ if self.update_annotations(action) => {}
            _ => match self.focus {
                Focus::Timeline => self.update_timeline(action),
                Focus::List => self.update_list(action),
                Focus::Reader => self.update_reader(action),
            },
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

    /// Overlay keys; returns whether the overlay took the action.
    fn update_overlay(&mut self, action: Action) -> bool {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::Down => *scroll += 1,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += 10,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Top => *scroll = 0,
            Action::Back | Action::ToggleHelp => self.overlay = None,
            _ => return false,
        }
        true
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

    /// A key in the quit confirmation: `y` quits without saving, `s`
    /// tries to save again, anything else goes back.
    pub fn confirm_quit(&mut self, key: char) -> Vec<Effect> {
        self.overlay = None;
        match key {
            'y' => self.quit = true,
            's' => return self.request_quit(),
            _ => {}
        }
        Vec::new()
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

    fn update_timeline(&mut self, action: Action) {
        let height = self.timeline_height();
        let len = self.timeline.rows.len();
        match action {
            // Down from `all` goes to the first period shown under it.
            Action::Down if self.timeline.cursor.selected == 0 => {
                self.timeline.cursor.select(self.timeline.first_below_all(height), len)
            }
            _ if move_cursor(&mut self.timeline.cursor, action, len, height) => {}
            Action::ZoomIn => self.timeline.set_zoom(self.timeline.zoom.finer()),
            Action::ZoomOut => self.timeline.set_zoom(self.timeline.zoom.coarser()),
            Action::ToggleEvents => self.timeline.toggle_events(),
            Action::ClearPeriod => self.timeline.cursor.select(0, len),
            Action::Open => self.set_focus(Focus::List),
            _ => return,
        }
        self.timeline.scroll_into_view(height);
        self.refresh_list();
        self.sync_reader();
    }

    fn update_list(&mut self, action: Action) {
        let height = self.list_height();
        let len = self.list.visible.len();
        match action {
            _ if move_cursor(&mut self.list.cursor, action, len, height) => {}
            Action::Open => {
                self.sync_reader();
                self.set_focus(Focus::Reader);
            }
            Action::Filter => self.prompt = Some(Prompt::Filter),
            Action::ClearFilters => {
                self.list.clear_filters();
                self.timeline.cursor.select(0, self.timeline.rows.len());
                self.refresh_list();
            }
            Action::CycleSort => {
                self.list.cycle_sort();
                self.refresh_list();
            }
            Action::CycleLanguage => {
                self.list.cycle_language();
                self.refresh_list();
            }
            Action::ToggleAnnotatedOnly => {
                self.list.annotated_only = !self.list.annotated_only;
                self.refresh_list();
            }
            Action::ToggleUnreadOnly => {
                self.list.unread_only = !self.list.unread_only;
                self.refresh_list();
            }
            _ => return,
        }
        self.list.cursor.scroll_into_view(self.list.visible.len(), height);
        self.sync_reader();
    }

    fn update_reader(&mut self, action: Action) {
        let height = self.reader_height();
        let prefs = self.reader_prefs;
        let width = self.reader_width();
        let Some(reader) = &mut self.reader else { return };
        let article = &self.articles[reader.article];
        match action {
            Action::Up => reader.scroll_by(-1, height),
            Action::Down => reader.scroll_by(1, height),
            Action::PageUp => reader.scroll_by(-(height.max(2) as isize - 1), height),
            Action::PageDown => reader.scroll_by(height.max(2) as isize - 1, height),
            Action::Top => reader.scroll = 0,
            Action::Bottom => reader.scroll_by(isize::MAX, height),
            Action::NextSentence => reader.move_sentence(article, 1, height),
            Action::PreviousSentence => reader.move_sentence(article, -1, height),
            Action::NextParagraph => reader.move_paragraph(article, true, height),
            Action::PreviousParagraph => reader.move_paragraph(article, false, height),
            Action::NextMatch => reader.next_match(article, true, height),
            Action::PreviousMatch => reader.next_match(article, false, height),
            Action::Search => {
                self.search_input.clear();
                self.prompt = Some(Prompt::Search);
            }
            Action::ToggleBoilerplate => {
                self.reader_prefs.hide_boilerplate = !prefs.hide_boilerplate;
                reader.relayout(article, width, self.reader_prefs);
                // The cursor may have moved off a hidden line: keep it in sight.
                reader.reveal_cursor(article, height);
            }
            Action::ToggleDateValues => self.reader_prefs.show_date_values = !prefs.show_date_values,
            _ => {}
        }
    }

    /// Handles a key typed into the prompt, the palette or a picker.
    pub fn edit(&mut self, edit: TextEdit) -> Vec<Effect> {
        if matches!(self.overlay, Some(Overlay::CorpusSearch)) {
            self.corpus_search_edit(edit);
            return Vec::new();
        }
        if let Some(Overlay::Picker(picker)) = &mut self.overlay {
            match edit {
                TextEdit::Insert(c) => picker.set_query(format!("{}{c}", picker.query)),
                TextEdit::Backspace => {
                    let mut query = picker.query.clone();
                    query.pop();
                    picker.set_query(query);
                }
                TextEdit::DeleteWord | TextEdit::Clear => picker.set_query(String::new()),
                TextEdit::Up => picker.step(-1),
                TextEdit::Down => picker.step(1),
                TextEdit::Cancel => self.overlay = None,
                TextEdit::Submit => {
                    if let Some(Overlay::Picker(picker)) = self.overlay.take()
                        && let Some(choice) = picker.chosen()
                    {
                        return self.picked(picker.purpose, choice);
                    }
                }
            }
            return Vec::new();
        }
        if let Some(Overlay::Palette(palette)) = &mut self.overlay {
            if let Some(action) = palette.edit(edit) {
                self.overlay = None;
                return self.update(action);
            }
            if edit == TextEdit::Cancel {
                self.overlay = None;
            }
            return Vec::new();
        }
        let Some(prompt) = self.prompt else { return Vec::new() };
        let input = match prompt {
            Prompt::Filter => &mut self.list.query,
            Prompt::Search => &mut self.search_input,
            Prompt::Article { .. } | Prompt::LinkNote => &mut self.field_input,
        };
        match edit {
            TextEdit::Insert(c) => input.push(c),
            TextEdit::Backspace => {
                input.pop();
            }
            TextEdit::DeleteWord => {
                let keep = input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                input.truncate(keep);
            }
            TextEdit::Clear => input.clear(),
            TextEdit::Submit => self.prompt = None,
            TextEdit::Cancel => {
                input.clear();
                self.prompt = None;
            }
            TextEdit::Up | TextEdit::Down => {}
        }
        match prompt {
            Prompt::Article { field, article } if edit == TextEdit::Submit => self.submit_article_field(field, article),
            Prompt::LinkNote if edit == TextEdit::Submit => self.submit_link_note(),
            Prompt::Article { .. } | Prompt::LinkNote => {}
            Prompt::Filter => {
                self.refresh_list();
                // A new query ranks the list: the best match is the one to read.
                if !matches!(edit, TextEdit::Submit | TextEdit::Up | TextEdit::Down) {
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

/// Applies a movement action to a pane's cursor over `len` rows shown
/// `height` at a time; returns false for any other action.
fn move_cursor(cursor: &mut Cursor, action: Action, len: usize, height: usize) -> bool {
    let page = height.max(1) as isize;
    match action {
        Action::Up => cursor.move_by(-1, len),
        Action::Down => cursor.move_by(1, len),
        Action::PageUp => cursor.move_by(-page, len),
        Action::PageDown => cursor.move_by(page, len),
        Action::Top => cursor.select(0, len),
        Action::Bottom => cursor.select(usize::MAX, len),
        _ => return false,
    }
    true
}

/// Whether the analyst marked `article` read (`r`).
fn marked_read(annotations: &Annotations, article: &Article) -> bool {
    annotations.article(article.id.as_str()).is_some_and(|notes| notes.read)
}
