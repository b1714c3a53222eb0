//! Running the real binary the way a user does, for the CLI tests.

#![allow(dead_code)] // each test binary uses a different part of the helpers

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Where the tests point dossier's user files: nowhere, so a developer's
/// own keymap or settings cannot change what a test sees; and the cache
/// (the search index) into the build folder, never the user's.
pub const NO_USER_FILES: [(&str, &str); 3] = [
    ("DOSSIER_KEYMAP", "/nonexistent/dossier-test-keymap.ron"),
    ("DOSSIER_CONFIG", "/nonexistent/dossier-test-config.ron"),
    ("DOSSIER_CACHE", concat!(env!("CARGO_TARGET_TMPDIR"), "/dossier-test-cache")),
];

/// The dossier binary with no user keymap or settings.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.envs(NO_USER_FILES);
    command
}

/// Runs dossier in the crate's folder (so `sample-corpus` resolves).
pub fn dossier(args: &[&str]) -> Output {
    command().args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("run dossier")
}

/// Runs `command` to its end, or kills it once `limit` has passed and
/// fails the test: a command that hangs (on a FIFO, say) must fail the
/// test, not hang the suite. Stdin is empty; output is collected as it
/// comes, so a chatty command cannot stall on a full pipe.
pub fn output_within(command: &mut Command, limit: Duration) -> Output {
    let mut child =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run dossier");
    let stdout = collect(child.stdout.take());
    let stderr = collect(child.stderr.take());
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for dossier") {
            break status;
        }
        if Instant::now() > deadline {
            // Ours to end: the child spawned above, by its own handle.
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} still ran after {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().expect("stdout reader"), stderr: stderr.join().expect("stderr reader") }
}

/// Reads a child's pipe to its end on a thread of its own.
fn collect(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error ends the output; the test then sees what came.
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}
