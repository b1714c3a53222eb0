//! TUI budgets on a generated corpus (default 100k articles):
//! time to first frame, time until the first titles show, the longest the
//! UI thread is busy with one batch (how long a key may wait), rendering
//! one 200×60 frame with everything loaded, a filter keystroke through
//! the app, when the suggested links arrive from the background, and a
//! frame of the reader showing them. `cat` of the same files is measured in the same run as the
//! reference, since these machines are noisy.
//!
//!     cargo bench --bench tui            # 100k articles
//!     cargo bench --bench tui -- 10000

#[path = "support/memory.rs"]
mod memory;
#[path = "support/reference.rs"]
mod reference;
#[path = "support/synth.rs"]
mod synth;

use dossier::corpus::{LinkScope, StreamEvent};
use dossier::tui::action::Action;
use dossier::tui::app::{App, TextEdit};
use dossier::tui::loader::{self, FinderEvent, LoadEvent};
use dossier::tui::{hints_for, load_keymap, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let count = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let bytes = synth::write_corpus(dir.path(), count, 7)?;
    let cat = reference::time_cat(dir.path())?;

    let (width, height) = (200, 60);
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    let start = Instant::now();
    let hints = hints_for(&load_keymap(None)?);
    // Uncached: the first open of a corpus (the reopen bench has the cache).
    let events = loader::spawn(dir.path().to_path_buf(), LinkScope::InsideCorpus, None);
    let mut app = App::new(dir.path().to_path_buf(), false, true);
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| view::draw(&app, &hints, frame))?;
    let first_frame = start.elapsed();

    let mut first_titles = None;
    let mut longest_batch = Duration::ZERO;
    loop {
        match events.recv()? {
            LoadEvent::Corpus(StreamEvent::Found { files }) => app.loading.total = Some(files),
            LoadEvent::Corpus(StreamEvent::Batch { articles, done }) => {
                let busy = Instant::now();
                app.loading.done = done;
                app.add_articles(articles);
                terminal.draw(|frame| view::draw(&app, &hints, frame))?;
                longest_batch = longest_batch.max(busy.elapsed());
                first_titles.get_or_insert(start.elapsed());
            }
            LoadEvent::Corpus(StreamEvent::Finished(_)) => break,
            LoadEvent::Failed(error) => return Err(error.into()),
        }
    }
    let all_loaded = start.elapsed();
    let finder = loader::find_suggestions(Arc::clone(&app.articles));

    let frames = 200;
    let render_start = Instant::now();
    for i in 0..frames {
        // Move the selection so every frame draws a different reader text.
        app.update(if i % 2 == 0 { Action::Down } else { Action::Up });
        terminal.draw(|frame| view::draw(&app, &hints, frame))?;
    }
    let per_frame = render_start.elapsed() / frames;

    app.update(Action::Filter);
    let mut keystrokes = Vec::new();
    for c in "gesprache".chars() {
        let key = Instant::now();
        app.edit(TextEdit::Insert(c));
        terminal.draw(|frame| view::draw(&app, &hints, frame))?;
        keystrokes.push(key.elapsed());
    }
    let keystroke_mean = keystrokes.iter().sum::<Duration>() / keystrokes.len() as u32;
    let keystroke_max = keystrokes.iter().max().copied().unwrap_or_default();

    // Suggested links are found on the finder's thread after the load,
    // while the UI above kept answering; then a frame with the reader open
    // shows them.
    let found = loop {
        if let FinderEvent::Suggestions(found) = finder.recv()? {
            break found;
        }
    };
    let suggestions_ready = start.elapsed();
    let loaded_rss = memory::rss_mb();
    let suggestion_count = found.suggestions.len();
    app.suggestions_found(*found);
    app.update(Action::Submit);
    app.update(Action::Open);
    let reader_start = Instant::now();
    for i in 0..frames {
        app.update(if i % 2 == 0 { Action::NextSentence } else { Action::PreviousSentence });
        terminal.draw(|frame| view::draw(&app, &hints, frame))?;
    }
    let reader_frame = reader_start.elapsed() / frames;
    let shown = app.suggestions_here().len();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{count} articles; reference: cat of all files {:.0} ms", ms(cat));
    println!("first frame                 {:8.2} ms  ({:.3}x cat)", ms(first_frame), ms(first_frame) / ms(cat));
    println!(
        "first titles shown          {:8.2} ms  ({:.3}x cat)",
        ms(first_titles.unwrap_or_default()),
        ms(first_titles.unwrap_or_default()) / ms(cat)
    );
    println!("all loaded and analysed     {:8.2} ms  ({:.2}x cat)", ms(all_loaded), ms(all_loaded) / ms(cat));
    println!("longest UI-thread batch     {:8.2} ms  (a key waits at most this long)", ms(longest_batch));
    println!("one {width}x{height} frame            {:8.3} ms  (mean of {frames})", ms(per_frame));
    println!(
        "filter keystroke + frame    {:8.2} ms mean, {:.2} ms max  (\"gesprache\")",
        ms(keystroke_mean),
        ms(keystroke_max)
    );
    println!(
        "suggested links ready       {:8.2} ms  ({suggestion_count} suggestions, found off the UI thread)",
        ms(suggestions_ready)
    );
    println!(
        "memory with suggestions     {loaded_rss:8.0} MB resident, {:.0} MB peak; corpus text {:.0} MB",
        memory::peak_rss_mb(),
        bytes as f64 / 1e6
    );
    println!(
        "one frame, reader open      {:8.3} ms  (mean of {frames}, {shown} suggestions in its panel)",
        ms(reader_frame)
    );
    Ok(())
}
