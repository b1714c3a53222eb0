//! The reading TUI: keys → Action → `App::update` → draw.
//!
//! `run` owns the terminal and the event loop; everything else is state
//! (`app`), pure drawing (`view`) and the pieces they share.

pub mod action;
mod annotate;
pub mod app;
pub mod claim_form;
mod copy;
pub mod corpus_search;
pub mod cursor;
mod external;
pub mod filter;
pub mod hints;
pub mod layout;
pub mod list;
pub mod loader;
pub mod notebook;
pub mod palette;
pub mod picker;
pub mod reader;
mod saving;
pub mod selection;
pub mod suggestions;
pub mod terminal;
pub mod theme;
pub mod timeline_pane;
pub mod view;
pub mod wrap;

use crate::annotations::store::Store;
use crate::corpus::LinkScope;
use crate::keymap::{KeyResolver, Keymap, KeymapSource, Next, Resolution, user_keymap_path};
use action::Action;
use anyhow::{Context, Result};
use app::{App, Effect, PendingKeys, TextEdit};
use hints::{CONTEXTS, Hints, ISOLATED};
use loader::{FinderEvent, LoadEvent};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use terminal::TerminalGuard;

/// The default keymap, embedded so the binary works without any file.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymaps/default.ron");

/// How the TUI is started.
#[derive(Debug, Clone)]
pub struct Options {
    pub corpus: PathBuf,
    /// Which symbolic links the load follows (`--follow-links`).
    pub links: LinkScope,
    /// The annotation file (`--annotations`, else `<corpus>/dossier.ron`).
    pub annotations: PathBuf,
    /// A keymap layer given with `--keymap`.
    pub keymap: Option<PathBuf>,
    pub mouse: bool,
}

/// Loads the effective keymap: embedded default, the user's file, then `--keymap`.
pub fn load_keymap(extra: Option<&Path>) -> Result<Keymap<Action>> {
    let mut sources = vec![KeymapSource::new("keymaps/default.ron (embedded)", DEFAULT_KEYMAP)];
    if let Some(path) = user_keymap_path().filter(|p| p.exists()) {
        sources.push(KeymapSource::read(&path)?);
    }
    if let Some(path) = extra {
        sources.push(KeymapSource::read(path)?);
    }
    Ok(Keymap::load(&sources, CONTEXTS, ISOLATED)?)
}

/// The hints every view draws from, taken from the effective keymap.
pub fn hints_for(keymap: &Keymap<Action>) -> Hints {
    Hints::new(CONTEXTS.iter().flat_map(|&context| {
        keymap.bindings(context).map(move |(keys, action)| (context.to_string(), keys.label(), *action))
    }))
}

/// How many queued events one turn of the event loop handles at most.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// Runs the TUI until the analyst quits.
pub fn run(options: Options) -> Result<()> {
    // Everything that can fail with a message is checked before the
    // terminal is taken over, so the message lands on a normal screen.
    let keymap = load_keymap(options.keymap.as_deref())?;
    let hints = hints_for(&keymap);
    let terminate = terminal::termination_flag().context("installing signal handlers")?;
    let mut app = App::new(options.corpus.clone(), theme::no_color_requested(), options.mouse);
    app.settings = crate::config::Settings::load()?;
    app.choose_theme(crate::config::Remembered::path().and_then(|path| crate::config::Remembered::load(&path).theme));
    app.notes.analyst = app.settings.analyst_name(&options.corpus);
    let mut store = saving::open(&mut app, &options.annotations)?;
    let mut guard = TerminalGuard::enter(options.mouse).context("taking over the terminal")?;
    // After the panic hook is in: a background thread's failure then goes
    // to the status line, not over the screen.
    let loads = loader::spawn(options.corpus.clone(), options.links, crate::search::cache_root());
    // The search index is updated once the load is over, so the two do
    // not compete for the cores while the first rows arrive.
    let mut indexer = None;
    let mut finder = None;
    app.suggest.looking = true;
    app.resize(area(&guard)?);
    let mut resolver = KeyResolver::new();
    let mut dirty = true;
    while !app.quit && !terminate.load(Ordering::Relaxed) {
        if dirty {
            guard.terminal.draw(|frame| view::draw(&app, &hints, frame))?;
            dirty = false;
            debug_panic_switch();
        }
        let Some(ready) = event_ready(Duration::from_millis(30))? else { break };
        if ready {
            // Drain what is queued before drawing again, so a burst of keys
            // costs one frame, not one each; but a bounded number, so a
            // terminal that has gone away (endless input) cannot keep the
            // loop from seeing the signal that says so.
            for _ in 0..MAX_EVENTS_PER_FRAME {
                let effects = handle_event(&mut app, &keymap, &mut resolver, event::read()?, &guard)?;
                run_effects(&mut app, &mut guard, &mut store, effects)?;
                // A hang-up is seen by the next turn's wait.
                if terminate.load(Ordering::Relaxed) || event_ready(Duration::ZERO)? != Some(true) {
                    break;
                }
            }
            dirty = true;
        }
        while let Ok(load) = loads.try_recv() {
            on_load(&mut app, load);
            dirty = true;
        }
        if app.loading.finished && indexer.is_none() {
            indexer = Some(corpus_search::spawn_indexer(options.corpus.clone(), options.links));
            finder = Some(loader::find_suggestions(Arc::clone(&app.articles)));
        }
        while let Some(found) = finder.as_ref().and_then(|found| found.try_recv().ok()) {
            on_found(&mut app, found);
            dirty = true;
        }
        while let Some(event) = indexer.as_ref().and_then(|events| events.try_recv().ok()) {
            app.index_event(event);
            dirty = true;
        }
        dirty |= saving::autosave(&mut app, &mut store);
    }
    saving::on_exit(&mut app, &mut store);
    drop(guard);
    // Where unsaved changes went, told again on the restored screen.
    if let Some(farewell) = &app.farewell {
        eprintln!("dossier: {farewell}");
    }
    Ok(())
}

/// Whether an event waits (within `timeout`); `None` when the terminal
/// hung up, so crossterm is never asked to read from a dead terminal.
fn event_ready(timeout: Duration) -> Result<Option<bool>> {
    Ok(match terminal::wait_for_input(timeout)? {
        terminal::Input::HungUp => None,
        // Even when the terminal is quiet, crossterm may hold events it
        // parsed from an earlier read.
        terminal::Input::Ready | terminal::Input::Quiet => Some(event::poll(Duration::ZERO)?),
    })
}

fn area(guard: &TerminalGuard) -> Result<Rect> {
    let size = guard.terminal.size()?;
    Ok(Rect::new(0, 0, size.width, size.height))
}

/// Panics after the first frame when `DOSSIER_DEBUG_PANIC` is set (to
/// anything but `suggest`, which fails the suggestion finder instead), in
/// debug builds only: the end-to-end test uses it to check the panic path
/// restores the terminal.
fn debug_panic_switch() {
    if cfg!(debug_assertions) && std::env::var("DOSSIER_DEBUG_PANIC").is_ok_and(|v| v != "suggest") {
        panic!("DOSSIER_DEBUG_PANIC is set: panicking on purpose to test terminal restoration");
    }
}

/// Takes in a report of the background load (see [`loader::spawn`]).
pub fn on_load(app: &mut App, load: LoadEvent) {
    use crate::corpus::StreamEvent;
    match load {
        LoadEvent::Corpus(StreamEvent::Found { files }) => app.loading.total = Some(files),
        LoadEvent::Corpus(StreamEvent::Batch { articles, done }) => {
            app.loading.done = done;
            app.add_articles(articles);
        }
        LoadEvent::Corpus(StreamEvent::Finished(report)) => {
            app.loading.finished = true;
            app.loading.report = Some(report);
        }
        LoadEvent::Failed(error) => {
            app.loading.finished = true;
            app.loading.error = Some(error);
        }
    }
}

/// Takes in a report of the suggestion finder (see [`loader::find_suggestions`]).
pub fn on_found(app: &mut App, found: FinderEvent) {
    match found {
        FinderEvent::CorpusDates(dates) => app.corpus_dates_found(dates),
        FinderEvent::Suggestions(found) => app.suggestions_found(*found),
        FinderEvent::Failed(why) => app.suggest.failed = Some(why),
    }
}

fn handle_event(
    app: &mut App,
    keymap: &Keymap<Action>,
    resolver: &mut KeyResolver,
    event: Event,
    guard: &TerminalGuard,
) -> Result<Vec<Effect>> {
    match event {
        // Only presses: some terminals also report releases and repeats.
        Event::Key(key) if key.kind == KeyEventKind::Press => Ok(on_key(app, keymap, resolver, key)),
        Event::Paste(text) if app.typing() => {
            app.paste(&text);
            Ok(Vec::new())
        }
        Event::Mouse(mouse) => {
            let at = Position::new(mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(_) => app.click(at),
                MouseEventKind::ScrollDown => app.wheel(at, true),
                MouseEventKind::ScrollUp => app.wheel(at, false),
                _ => {}
            }
            Ok(Vec::new())
        }
        Event::Resize(..) => {
            app.resize(area(guard)?);
            Ok(Vec::new())
        }
        _ => Ok(Vec::new()),
    }
}

/// Routes a key press through the keymap, in the contexts of what is on
/// screen; while typing, a character that no binding takes is typed.
pub(crate) fn on_key(app: &mut App, keymap: &Keymap<Action>, resolver: &mut KeyResolver, key: KeyEvent) -> Vec<Effect> {
    let contexts = app.key_contexts();
    match resolver.feed(keymap, &contexts, key) {
        Resolution::Matched(action) => {
            app.pending = None;
            app.update(action)
        }
        Resolution::Pending { prefix, continuations } => {
            let next = continuations
                .into_iter()
                .map(|c| {
                    let label = match c.next {
                        Next::Action(action) => action.description().to_string(),
                        Next::Group(label) => format!("+{}", label.unwrap_or_else(|| "more".to_string())),
                    };
                    (c.key.to_string(), label)
                })
                .collect();
            app.pending = Some(PendingKeys { prefix: prefix.to_string(), next });
            Vec::new()
        }
        Resolution::Cancelled => {
            app.pending = None;
            Vec::new()
        }
        Resolution::Unbound => {
            app.pending = None;
            if let Some(c) = typed_char(key).filter(|_| app.typing()) {
                app.edit(TextEdit::Insert(c));
            }
            Vec::new()
        }
    }
}

/// The character a key types, if it types one (not with Ctrl or Alt).
fn typed_char(key: KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}

fn run_effects(app: &mut App, guard: &mut TerminalGuard, store: &mut Store, effects: Vec<Effect>) -> Result<()> {
    for effect in effects {
        match effect {
            Effect::Save => saving::save(app, store, true),
            Effect::TakeOver => saving::take_over(app, store),
            Effect::Export(format) => saving::export(app, store, format),
            Effect::SetMouse(on) => guard.set_mouse(on)?,
            Effect::RememberTheme(name) => remember_theme(app, name),
            Effect::OpenExternal { path, url, record } => {
                let outcome = guard.suspended(|| open_external(&path, url.as_deref(), record.as_deref()))?;
                app.message = Some(outcome);
                app.resize(area(guard)?);
            }
            Effect::Copy(text) => {
                crossterm::execute!(std::io::stdout(), crossterm::clipboard::CopyToClipboard::to_clipboard_from(text))
                    .context("writing to the terminal")?;
            }
            Effect::EditNote(note) => {
                let editor =
                    external::editor(std::env::var("VISUAL").ok().as_deref(), std::env::var("EDITOR").ok().as_deref());
                let edited = match crate::search::cache_root() {
                    Some(cache) => guard.suspended(|| external::edit_note(&note, editor, &cache.join("notes")))?,
                    None => Err("no cache folder on this system for the note's file".to_string()),
                };
                app.note_edited(edited);
                app.resize(area(guard)?);
            }
        }
    }
    Ok(())
}

/// Writes the theme chosen to `state.ron`; says so when it cannot.
fn remember_theme(app: &mut App, name: theme::ThemeName) {
    let Some(path) = crate::config::Remembered::path() else { return };
    let mut remembered = crate::config::Remembered::load(&path);
    remembered.theme = Some(name);
    if let Err(error) = remembered.save(&path) {
        app.message = Some(format!("{} theme, but not remembered: {error}", name.label()));
    }
}

/// Shows the url in $BROWSER when it is a web address, else the file in
/// $PAGER (or `less`). Returns a note for the status line.
/// A JSON Lines `record` goes to the pager from a temporary file, removed
/// when the pager is done.
fn open_external(path: &Path, url: Option<&str>, record: Option<&str>) -> String {
    let browser = std::env::var("BROWSER").ok();
    let pager = std::env::var("PAGER").ok();
    let pages = crate::search::cache_root().map(|cache| cache.join("pages"));
    let written = record.map(|record| match &pages {
        Some(folder) => external::record_file(record, folder),
        None => Err(std::io::Error::other("no cache folder")),
    });
    let page = match written.transpose() {
        Ok(page) => page,
        Err(error) => return format!("could not write the record for the pager: {error}"),
    };
    let path = page.as_ref().map_or(path, |file| file.path());
    external::run(&external::opener(browser.as_deref(), pager.as_deref(), path, url))
}

#[cfg(test)]
mod tests;
