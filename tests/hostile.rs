//! A hostile corpus and a hostile annotation file, against the real
//! binary: planted symlinks, special files, emptied and foreign annotation
//! files, escape sequences and spreadsheet formulas in every field. Each
//! case asserts that nothing outside the corpus changed, that no command
//! wrote a raw escape byte, that nothing the analyst saved was lost, and
//! that no command ran past a timeout.

mod support;

use dossier::annotations::file;
use dossier::annotations::{Anchor, Annotations, Claim, RecordId};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};
use support::cli;
use support::pty::Pty;

/// How long any one command may take on a corpus of a few files.
const TIMEOUT: Duration = Duration::from_secs(30);

const ARTICLE: &str = "Talks resume in Geneva\n\n\
    Officials said on Tuesday that talks would resume in March.\n\n\
    No date was set for the second round.\n";
const QUOTE: &str = "Officials said on Tuesday that talks would resume in March.";

/// Escape sequences that did harm in a real terminal: OSC 0 set the title,
/// OSC 52 wrote the clipboard, CSI 2J cleared the screen; then a C1 CSI,
/// a bidi override and a zero-width space.
const ESCAPES: &str = "\x1b]0;owned\x07\x1b]52;c;aGk=\x07\x1b[2J\u{9b}31m\u{202e}\u{200b}";

/// A temporary folder with the corpus in `corpus/` and the files an
/// attacker would like to reach in `outside/`.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("corpus")).expect("corpus folder");
        fs::create_dir_all(dir.path().join("outside")).expect("outside folder");
        fs::write(dir.path().join("corpus/talks.txt"), ARTICLE).expect("write an article");
        fs::write(dir.path().join("outside/victim"), "the analyst's other work\n").expect("write the victim");
        Sandbox { dir }
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    fn annotations(&self) -> PathBuf {
        self.corpus().join("dossier.ron")
    }

    fn corpus_arg(&self) -> String {
        self.corpus().to_str().expect("a UTF-8 temp path").to_string()
    }

    /// Everything outside the corpus: each path with its kind and content.
    fn outside_now(&self) -> BTreeMap<PathBuf, String> {
        let mut seen = BTreeMap::new();
        snapshot(&self.outside(), &mut seen);
        seen
    }

    /// Runs dossier with `args` to the end, within the timeout.
    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }

    fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let child = cli::command()
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dossier");
        let output = finish_within(child, TIMEOUT, args);
        assert_no_escape(&output, args);
        output
    }

    /// The TUI on the corpus in a pseudo-terminal.
    fn tui(&self, extra: &[&str]) -> Pty {
        let mut args = vec![self.corpus_arg()];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Pty::dossier(&args, 200, 30)
    }
}

fn snapshot(path: &Path, seen: &mut BTreeMap<PathBuf, String>) {
    let Ok(entries) = fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).expect("metadata");
        let what = if meta.file_type().is_symlink() {
            format!("link to {}", fs::read_link(&path).expect("link").display())
        } else if meta.is_dir() {
            snapshot(&path, seen);
            "folder".to_string()
        } else if meta.is_file() {
            format!("file {:?}", fs::read(&path).expect("read"))
        } else {
            "special".to_string()
        };
        seen.insert(path, what);
    }
}

/// Waits for `child`, killing it and failing the test past `limit`.
fn finish_within(mut child: Child, limit: Duration, args: &[&str]) -> Output {
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll dossier") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier {args:?} ran past {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: out.join().expect("stdout reader"), stderr: err.join().expect("stderr reader") }
}

/// No ESC byte and no C1 control (as UTF-8) in anything a command printed.
fn assert_no_escape(output: &Output, args: &[&str]) {
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        assert!(!bytes.contains(&0x1b), "dossier {args:?} wrote ESC to {name}:\n{}", String::from_utf8_lossy(bytes));
        let text = String::from_utf8_lossy(bytes);
        let bad = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c) || *c == '\u{202e}' || *c == '\u{7}');
        assert!(bad.is_none(), "dossier {args:?} wrote {bad:?} to {name}:\n{text}");
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Annotations with `n` claims on the sample article.
fn claims(n: usize, note: &str) -> Annotations {
    let start = ARTICLE.find(QUOTE).expect("the quote is in the article");
    let claims = (0..n)
        .map(|i| Claim {
            id: RecordId(format!("01JCLAIM{i:018}")),
            anchor: Anchor::new("talks.txt", ARTICLE, start..start + QUOTE.len()),
            tags: vec!["talks".into()],
            speaker: Some("officials".into()),
            summary: None,
            verdict: "unverified".into(),
            about: None,
            note: format!("{note} {i}"),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        })
        .collect();
    Annotations { claims, ..Annotations::default() }
}

fn read_annotations(path: &Path) -> Annotations {
    let text = fs::read_to_string(path).expect("the annotation file is readable");
    file::parse(&text, path).expect("the annotation file parses")
}

/// Waits until the corpus is listed.
fn wait_loaded(tui: &mut Pty) -> String {
    tui.wait_until("the corpus to load", |s| s.contains("Articles") && !s.contains("loading"))
}

/// Opens the TUI, marks the first article read (a change that is saved or
/// refused), waits for the status line to say `told` and quits.
fn change_and_quit(tui: &mut Pty, told: &str) -> String {
    wait_loaded(tui);
    tui.send("r");
    let screen = tui.wait_for(told);
    tui.send("q");
    assert!(tui.wait_exit(), "dossier did not quit cleanly:\n{screen}");
    screen
}

#[test]
fn symlinked_side_files_are_never_written_through() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.corpus();
    for (name, victim) in [
        ("dossier.ron.lock", "victim"),
        ("dossier.ron.tmp", "victim-tmp"),
        ("dossier.ron.bak", "victim-bak"),
        ("dossier.ron.bak.tmp", "victim-bak-tmp"),
        ("dossier-export.claims.csv.tmp", "victim-export"),
    ] {
        let target = sandbox.outside().join(victim);
        fs::write(&target, format!("{victim} must stay\n")).expect("write a victim");
        symlink(&target, corpus.join(name)).expect("plant a link");
    }
    fs::write(sandbox.annotations(), file::render(&claims(1, "kept"))).expect("write annotations");
    let before = sandbox.outside_now();

    let mut tui = sandbox.tui(&[]);
    wait_loaded(&mut tui);
    tui.send("r");
    tui.wait_until("the change to be saved", |s| !s.contains("● unsaved"));
    tui.send("r");
    tui.wait_until("the second save", |s| !s.contains("● unsaved"));
    // Export from the TUI, through the planted export temp file.
    tui.send("X");
    tui.wait_for("Export the annotations");
    tui.send("\r");
    tui.wait_for("exported csv");
    tui.send("q");
    assert!(tui.wait_exit());
    sandbox.run(&["export", &sandbox.corpus_arg(), "--format", "csv", "-o", "corpus/dossier-export.claims.csv"]);

    assert_eq!(sandbox.outside_now(), before, "a file outside the corpus changed");
    let meta = fs::symlink_metadata(sandbox.annotations()).expect("the annotation file");
    assert!(meta.is_file(), "dossier.ron is a regular file");
    assert_eq!(read_annotations(&sandbox.annotations()).claims, claims(1, "kept").claims, "the claim is kept");
    let csv = fs::read_to_string(corpus.join("dossier-export.claims.csv")).expect("the export");
    assert!(csv.contains("kept 0"), "{csv}");
}

#[test]
fn a_symlinked_annotation_file_is_left_alone() {
    let sandbox = Sandbox::new();
    let target = sandbox.outside().join("real.ron");
    fs::write(&target, file::render(&claims(2, "theirs"))).expect("write the target");
    symlink(&target, sandbox.annotations()).expect("plant a link");
    let before = sandbox.outside_now();

    let mut tui = sandbox.tui(&[]);
    // The status line says why it is read-only.
    change_and_quit(&mut tui, "symbolic link");

    assert_eq!(sandbox.outside_now(), before, "the link's target changed");
    assert!(fs::symlink_metadata(sandbox.annotations()).expect("still there").file_type().is_symlink());
    assert!(!sandbox.corpus().join("dossier.ron.bak").exists(), "no backup was made of a file not written");
}

#[test]
fn an_annotation_file_emptied_while_open_loses_nothing() {
    let sandbox = Sandbox::new();
    let saved = claims(3, "saved");
    fs::write(sandbox.annotations(), file::render(&saved)).expect("write annotations");

    let mut tui = sandbox.tui(&[]);
    tui.wait_for("3 claims");
    fs::write(sandbox.annotations(), "").expect("empty the file");
    change_and_quit(&mut tui, "emptied");

    assert_eq!(read_annotations(&sandbox.annotations()).claims, saved.claims, "every claim is still in the file");
    let check = sandbox.run(&["check", &sandbox.corpus_arg()]);
    assert!(stdout(&check).contains("3 claims") || stderr(&check).contains("3 claims"), "{}", stderr(&check));
}

#[test]
fn a_window_whose_file_was_taken_over_quits_and_rescues_its_work() {
    let sandbox = Sandbox::new();
    fs::write(sandbox.annotations(), file::render(&claims(1, "first"))).expect("write annotations");
    let mut first = sandbox.tui(&[]);
    first.wait_for("1 claim");
    let mut second = sandbox.tui(&[]);
    second.wait_for("READ-ONLY");
    second.send(":");
    second.type_slowly("take over");
    second.send("\r");
    second.wait_for("took over");

    first.send("r");
    first.wait_for("not saved");
    first.send("q");
    assert!(first.wait_exit(), "the first window quits");
    second.send("q");
    assert!(second.wait_exit());

    let rescued: Vec<PathBuf> = fs::read_dir(sandbox.corpus())
        .expect("list the corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains("rescue")))
        .collect();
    assert_eq!(rescued.len(), 1, "one rescue file: {rescued:?}");
    let rescue = read_annotations(&rescued[0]);
    assert!(rescue.articles.iter().any(|a| a.article == "talks.txt" && a.read), "the change is in the rescue file");
    assert_eq!(read_annotations(&sandbox.annotations()).claims, claims(1, "first").claims);
}

#[test]
fn a_merge_side_with_two_records_of_one_id_stops_the_merge() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path();
    let mut twice = claims(2, "ours");
    twice.claims[1].id = twice.claims[0].id.clone();
    fs::write(dir.join("base.ron"), file::render(&claims(1, "base"))).expect("write base");
    let ours = file::render(&twice);
    fs::write(dir.join("ours.ron"), &ours).expect("write ours");
    fs::write(dir.join("theirs.ron"), file::render(&claims(1, "theirs"))).expect("write theirs");
    let output = sandbox.run(&["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains(twice.claims[0].id.as_str()), "the id is named: {}", stderr(&output));
    assert_eq!(fs::read_to_string(dir.join("ours.ron")).expect("ours"), ours, "nothing written");
}

#[test]
fn fields_from_a_newer_dossier_are_never_dropped() {
    let sandbox = Sandbox::new();
    let text = file::render(&claims(1, "note")).replacen("verdict:", "confidence_band: \"high\",\n      verdict:", 1);
    assert!(text.contains("confidence_band"), "{text}");
    fs::write(sandbox.annotations(), &text).expect("write annotations");

    let check = sandbox.run(&["check", &sandbox.corpus_arg()]);
    assert!(!check.status.success(), "check passes a file it would lose data from");
    assert!(stderr(&check).contains("confidence_band"), "the field is named: {}", stderr(&check));
    let mut tui = sandbox.tui(&[]);
    change_and_quit(&mut tui, "unknown field");
    assert_eq!(fs::read_to_string(sandbox.annotations()).expect("the file"), text, "the file is unchanged");
}

#[test]
fn one_bad_json_lines_record_costs_only_itself() {
    let sandbox = Sandbox::new();
    let mut dump = String::new();
    for n in 0..1000 {
        dump.push_str(&format!(
            "{{\"id\":\"r{n}\",\"title\":\"Record {n}\",\"text\":\"Officials said on Tuesday that talks would resume. Number {n}.\"}}\n"
        ));
        if n == 500 {
            dump.push_str("{\"id\":\"bad\",\"title\":\"Bad\",\"text\":\"a raw \0 byte\"}\n");
        }
    }
    fs::write(sandbox.corpus().join("dump.jsonl"), dump).expect("write the dump");
    let output = sandbox.run(&["inspect", &sandbox.corpus_arg(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = stdout(&output).lines().filter(|l| l.contains("dump.jsonl#")).count();
    assert_eq!(records, 1000, "every good record is loaded");
    let report = sandbox.run(&["inspect", &sandbox.corpus_arg()]);
    assert!(stdout(&report).contains("dump.jsonl:502"), "the bad record's line is named:\n{}", stdout(&report));
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn special_files_never_hang_a_command_or_the_reader() {
    let sandbox = Sandbox::new();
    mkfifo(&sandbox.annotations());
    let check = sandbox.run(&["check", &sandbox.corpus_arg()]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    assert!(stderr(&check).contains("FIFO"), "{}", stderr(&check));
    let export = sandbox.run(&["export", &sandbox.corpus_arg(), "--format", "json"]);
    assert!(!export.status.success());
    // The reader refuses it before it takes the terminal.
    let mut tui = sandbox.tui(&[]);
    assert!(!tui.wait_exit(), "the reader refuses the FIFO");
    // The pty's reader thread may still be copying the last bytes after exit.
    tui.wait_for("FIFO");

    fs::remove_file(sandbox.annotations()).expect("remove the FIFO");
    symlink("/dev/zero", sandbox.annotations()).expect("link /dev/zero");
    let check = sandbox.run(&["check", &sandbox.corpus_arg()]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    let check = sandbox.run(&["check", &sandbox.corpus_arg(), "--annotations", "/dev/zero"]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
}

#[test]
fn corpus_links_stay_inside_the_corpus_and_special_files_are_skipped() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.corpus();
    symlink("/", corpus.join("rootl")).expect("link /");
    symlink("/proc/kmsg", corpus.join("kmsg.txt")).expect("link kmsg");
    symlink("/dev/zero", corpus.join("zero.txt")).expect("link zero");
    mkfifo(&sandbox.outside().join("pipe.txt"));
    symlink(sandbox.outside().join("pipe.txt"), corpus.join("pipe.txt")).expect("link the FIFO");
    mkfifo(&corpus.join("fifo.txt"));
    fs::write(sandbox.outside().join("secret.txt"), "Secret\n\nA file outside the corpus.\n").expect("write");
    symlink(sandbox.outside().join("secret.txt"), corpus.join("secret.txt")).expect("link outside");
    fs::create_dir(corpus.join("inner")).expect("inner folder");
    symlink("../talks.txt", corpus.join("inner/same.txt")).expect("link inside");

    let output = sandbox.run(&["inspect", &sandbox.corpus_arg(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<String> = stdout(&output)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(ids.len(), 2, "the article and its in-corpus link, nothing else: {ids:?}");
    assert!(ids.iter().any(|id| id == "inner/same.txt"), "a link inside the corpus is followed: {ids:?}");
}

#[test]
fn no_escape_reaches_the_terminal_from_any_command() {
    let sandbox = Sandbox::new();
    let corpus = sandbox.corpus();
    let hostile_name = format!("evil{ESCAPES}.md");
    fs::write(
        corpus.join(&hostile_name),
        format!(
            "---\ntitle: \"Title{ESCAPES}end\"\nsource: \"Source{ESCAPES}\"\nurl: \"https://example.org/{ESCAPES}\"\ntags: [\"tag{ESCAPES}\"]\n---\n\n\
             Body{ESCAPES} said the minister on Tuesday.\n"
        ),
    )
    .expect("write a hostile article");
    let mut notes = claims(1, &format!("note{ESCAPES}"));
    notes.claims[0].tags = vec![format!("tag{ESCAPES}")];
    notes.claims[0].speaker = Some(format!("speaker{ESCAPES}"));
    notes.claims[0].anchor.quote = format!("quote{ESCAPES}");
    notes.article_mut(&hostile_name).title = Some(format!("Mine{ESCAPES}"));
    fs::write(sandbox.annotations(), file::render(&notes)).expect("write annotations");
    let corpus_arg = sandbox.corpus_arg();
    let missing = format!("missing{ESCAPES}.txt");

    // Each run asserts that no ESC, C1 control, BEL or bidi override came out.
    let inspect = sandbox.run(&["inspect", &corpus_arg]);
    assert!(stdout(&inspect).contains("Title"), "{}", stdout(&inspect));
    sandbox.run(&["inspect", &corpus_arg, "--article", &hostile_name]);
    sandbox.run(&["inspect", &corpus_arg, "--article", &missing]);
    sandbox.run(&["check", &corpus_arg]);
    sandbox.run(&["check", &corpus_arg, "--json"]);
    sandbox.run(&["suggest", &corpus_arg]);
    for format in ["csv", "md", "timeline", "json", "jsonl", "w3c", "claimreview"] {
        let export = sandbox.run(&["export", &corpus_arg, "--format", format]);
        assert!(export.status.success(), "{format}: {}", stderr(&export));
    }
    let dir = sandbox.dir.path();
    for side in ["base", "ours", "theirs"] {
        fs::copy(sandbox.annotations(), dir.join(format!("{side}{ESCAPES}.ron"))).expect("copy");
    }
    sandbox.run(&["merge", &format!("base{ESCAPES}.ron"), &format!("ours{ESCAPES}.ron"), "missing.ron"]);

    // The reader: the hostile title is on screen without its escapes.
    let mut tui = sandbox.tui(&[]);
    // The analyst's title from dossier.ron, shown inert.
    let screen = tui.wait_for("Mine");
    tui.send("q");
    tui.wait_exit();
    let raw = String::from_utf8_lossy(&tui.output()).into_owned();
    for leak in ["\x1b]0;", "\x1b]52;", "\u{202e}", "\u{200b}", "\u{9b}"] {
        assert!(!raw.contains(leak), "{leak:?} reached the terminal:\n{screen}");
    }
}

#[test]
fn spreadsheet_cells_cannot_start_a_formula() {
    let sandbox = Sandbox::new();
    fs::write(
        sandbox.corpus().join("formula.md"),
        "---\ntitle: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\ndate: 2024-03-01\nurl: \"javascript:alert(1)\"\n---\n\n\
         <script>alert(1)</script> said the minister.\n",
    )
    .expect("write a hostile article");
    let mut notes = claims(1, "=1+1");
    notes.claims[0].tags = vec!["+tag".into(), "@sum".into()];
    notes.claims[0].speaker = Some("-2+3".into());
    notes.claims[0].about = Some("2024-03".into());
    fs::write(sandbox.annotations(), file::render(&notes)).expect("write annotations");
    for format in ["csv", "timeline"] {
        let export = sandbox.run(&["export", &sandbox.corpus_arg(), "--format", format]);
        assert!(export.status.success(), "{format}: {}", stderr(&export));
        let mut reader = csv::Reader::from_reader(export.stdout.as_slice());
        let mut rows = 0;
        for record in reader.records() {
            rows += 1;
            for cell in &record.expect("a CSV record") {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{format}: a cell starts a formula: {cell:?}"
                );
            }
        }
        assert!(rows > 0, "{format}: rows were exported");
        let text = stdout(&export);
        assert!(text.contains("'=1+1") || format == "timeline", "{format}: the note is kept, neutralised:\n{text}");
        if format == "timeline" {
            assert!(!text.contains("<script"), "{text}");
            assert!(!text.contains("javascript:"), "{text}");
        }
    }
}

#[test]
fn the_browser_never_gets_an_option_or_a_strange_scheme() {
    let sandbox = Sandbox::new();
    fs::write(
        sandbox.corpus().join("opt.md"),
        "---\ntitle: \"Option url\"\nurl: \"--gpu-launcher=touch pwned\"\n---\n\nOfficials said it.\n",
    )
    .expect("write a hostile article");
    let log = sandbox.dir.path().join("browser-args");
    let browser = sandbox.dir.path().join("browser.sh");
    fs::write(&browser, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", log.display())).expect("write");
    let pager = sandbox.dir.path().join("pager.sh");
    fs::write(&pager, format!("#!/bin/sh\nprintf 'pager %s\\n' \"$@\" >> '{}'\n", log.display())).expect("write");
    for script in [&browser, &pager] {
        std::process::Command::new("chmod").arg("+x").arg(script).status().expect("chmod");
    }
    let mut tui = Pty::spawn(
        env!("CARGO_BIN_EXE_dossier"),
        &[&sandbox.corpus_arg()],
        120,
        30,
        &[("BROWSER", browser.to_str().expect("utf-8")), ("PAGER", pager.to_str().expect("utf-8"))],
    );
    tui.wait_for("Articles");
    tui.type_slowly("/Option url");
    tui.wait_for("filter");
    tui.send("\r");
    tui.send("o");
    thread::sleep(Duration::from_millis(500));
    tui.send("q");
    tui.wait_exit();
    let args = fs::read_to_string(&log).unwrap_or_default();
    assert!(!args.lines().any(|a| a.starts_with('-')), "an argument became an option: {args}");
    assert!(!args.contains("gpu-launcher"), "the url reached a program: {args}");
}
