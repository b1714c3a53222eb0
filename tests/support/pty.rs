//! Runs the real dossier binary in a pseudo-terminal, types keys into it
//! and reads its screen through a vt100 parser — what a person would see.

#![allow(dead_code)] // each test binary uses a different part of the harness

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// A program running in a pseudo-terminal.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Kept open: closing the master would hang up the child.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// How long to wait for the screen to show something.
pub const PATIENCE: Duration = Duration::from_secs(20);

impl Pty {
    /// Starts `program args` in a `cols`×`rows` terminal with extra environment.
    pub fn spawn(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(program);
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        // A user keymap or settings on the test machine must not change what we test.
        for (key, value) in super::cli::NO_USER_FILES {
            command.env(key, value);
        }
        command.env_remove("NO_COLOR");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn in the pseudo-terminal");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal of at least 1×1");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (parser_in, raw_in) = (Arc::clone(&parser), Arc::clone(&raw));
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                parser_in.lock().expect("parser lock").process(&buffer[..n]);
                raw_in.lock().expect("raw lock").extend_from_slice(&buffer[..n]);
            }
        });
        Pty { parser, raw, writer, child, _master: pair.master }
    }

    /// Starts the dossier binary built for these tests.
    pub fn dossier(args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn(env!("CARGO_BIN_EXE_dossier"), args, cols, rows, &[])
    }

    /// Types text or escape sequences.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Types keys one at a time, as a person would, with a short pause.
    pub fn type_slowly(&mut self, keys: &str) {
        for c in keys.chars() {
            self.send(&c.to_string());
            thread::sleep(Duration::from_millis(15));
        }
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// The background colour of the cell at `row`, `col`.
    pub fn background(&self, row: u16, col: u16) -> vt100::Color {
        self.parser.lock().expect("parser lock").screen().cell(row, col).map_or(vt100::Color::Default, |c| c.bgcolor())
    }

    /// Everything the program wrote, escape sequences included.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    /// Waits until the screen satisfies `test`; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if test(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `needle` is on screen.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// The child's process id.
    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the program to exit and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status.success();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
