//! Taking over the terminal and giving it back on every exit path: normal
//! quit, error return (the guard's `Drop`), panic (the hook) and SIGTERM
//! (a flag the event loop checks).

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::prelude::CrosstermBackend;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, Stdout};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};
use std::thread::{self, ThreadId};

/// The terminal type the TUI draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal while the TUI runs; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Term,
    mouse: bool,
}

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, with bracketed paste and,
    /// when `mouse` is set, mouse capture. Installs the panic hook.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        enter_screen(mouse)?;
        let backend = CrosstermBackend::new(io::stdout());
        let terminal = Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fullscreen })?;
        Ok(TerminalGuard { terminal, mouse })
    }

    /// Turns mouse capture on or off (off lets the terminal select text).
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on {
            execute!(io::stdout(), EnableMouseCapture)?;
        } else {
            execute!(io::stdout(), DisableMouseCapture)?;
        }
        self.mouse = on;
        Ok(())
    }

    /// Gives the terminal back for `run` (a pager, a browser), then takes it
    /// over again and forces a full redraw.
    pub fn suspended<T>(&mut self, run: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let result = run();
        enter_screen(self.mouse)?;
        // `resize` clears the screen and the back buffer like `clear`, but
        // without asking the terminal where its cursor is: a terminal that
        // does not answer would end dossier with an error.
        let area = self.terminal.size()?;
        self.terminal.resize(area.into())?;
        Ok(result)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn enter_screen(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Puts the terminal back in its normal state. Safe to call more than once
/// and on a terminal that was never taken over; errors are ignored because
/// this runs on the way out, where nothing better can be done.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = execute!(io::stdout(), ratatui::crossterm::cursor::Show);
}

/// The thread that draws: only its panic ends the session.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

fn install_panic_hook() {
    let _ = UI_THREAD.set(thread::current().id());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A background thread's panic is caught and told in the status line
        // by the thread that runs it (see `loader`); printing it here would
        // scribble over the screen, and the UI goes on.
        if UI_THREAD.get() != Some(&thread::current().id()) {
            return;
        }
        // Restore first, so the panic message lands on a sane terminal.
        restore();
        previous(info);
    }));
}

/// A flag set when SIGTERM, SIGHUP or SIGINT arrives; the event loop checks it
/// and leaves through the normal path, which restores the terminal.
pub fn termination_flag() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// What waiting for input found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read (crossterm's `event::read` will not block).
    Ready,
    /// Nothing arrived in time.
    Quiet,
    /// The terminal is gone (closed window, killed tmux pane).
    HungUp,
}

/// Waits up to `timeout` for input on the terminal. On a hung-up terminal
/// crossterm 0.29's poll loops forever reading end-of-file, never returning
/// to check for the signal that says so; asking poll(2) first sees the
/// hang-up and lets the caller save and leave.
#[cfg(unix)]
pub fn wait_for_input(timeout: std::time::Duration) -> io::Result<Input> {
    use std::os::fd::AsRawFd;
    // crossterm reads stdin when it is a terminal, else /dev/tty.
    let tty = if io::IsTerminal::is_terminal(&io::stdin()) { None } else { Some(std::fs::File::open("/dev/tty")?) };
    let fd = tty.as_ref().map_or(libc::STDIN_FILENO, |f| f.as_raw_fd());
    let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    let millis = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd that lives across the call.
    let ready = unsafe { libc::poll(&mut poll, 1, millis) };
    if ready < 0 {
        let error = io::Error::last_os_error();
        return if error.kind() == io::ErrorKind::Interrupted { Ok(Input::Quiet) } else { Err(error) };
    }
    Ok(if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::HungUp
    } else if poll.revents & libc::POLLIN != 0 {
        Input::Ready
    } else {
        Input::Quiet
    })
}

/// Elsewhere crossterm's own poll is all there is.
#[cfg(not(unix))]
pub fn wait_for_input(timeout: std::time::Duration) -> io::Result<Input> {
    Ok(if ratatui::crossterm::event::poll(timeout)? { Input::Ready } else { Input::Quiet })
}
