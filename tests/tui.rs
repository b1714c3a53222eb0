//! The real binary in a pseudo-terminal: keys typed as a person would,
//! the screen read back through a vt100 parser.

mod support;

use std::process::Command;
use support::pty::Pty;

const GERMAN_TRANSLATION: &str = "Valdoria und Koalition vereinbaren Gespräche";

#[test]
fn filter_open_scroll_help_and_quit() {
    let mut tui = Pty::dossier(&["sample-corpus"], 160, 45);
    tui.wait_for("Articles 33/33");
    tui.type_slowly("/gesprache");
    let screen = tui.wait_for("filter “gesprache”");
    assert!(screen.contains(GERMAN_TRANSLATION), "{screen}");
    tui.send("\r");
    tui.wait_until("the filter prompt to close", |s| !s.contains("filter / gesprache"));
    tui.send("\r");
    let reader = tui.wait_for("focus reader");
    assert!(reader.contains("dates:"), "{reader}");
    tui.send(")");
    tui.send("?");
    let help = tui.wait_for("Help · j/k scroll");
    assert!(help.contains("reader: next sentence"), "{help}");
    tui.send("\x1b");
    tui.wait_until("the help to close", |s| !s.contains("Help · j/k scroll"));
    tui.send("g");
    let which_key = tui.wait_for("g … ");
    assert!(which_key.contains("go to the top") && which_key.contains("focus the timeline"), "{which_key}");
    tui.send("t");
    tui.wait_for("focus timeline");
    tui.send("q");
    assert!(tui.wait_exit(), "dossier exits cleanly on q");
    let output = String::from_utf8_lossy(&tui.output()).into_owned();
    let entered = output.rfind("\x1b[?1049h").expect("entered the alternate screen");
    assert!(output[entered..].contains("\x1b[?1049l"), "left the alternate screen on quit");
}

#[test]
fn hostile_text_shows_as_inert_visible_text() {
    let mut tui = Pty::dossier(&["sample-corpus"], 160, 45);
    tui.wait_for("Articles 33/33");
    tui.type_slowly("/militia threatens");
    tui.wait_for("Militia threatens coalition convoys");
    tui.send("\r\r");
    let screen = tui.wait_for("focus reader");
    assert!(!screen.contains("[31m") && !screen.contains("]8;;"), "no escape debris on screen:\n{screen}");
    // The screen was not cleared or recoloured by the article: the panes are intact.
    assert!(screen.contains("Timeline") && screen.contains("Articles"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit());
}

/// Runs dossier under `sh`, then `stty -a`, so the screen shows the
/// terminal's mode after dossier is gone; `STTY_DONE` follows the whole of
/// it (its first line alone may be on screen before the rest).
const STTY_DONE: &str = "stty-done";

fn dossier_then_stty(env: &[(&str, &str)]) -> Pty {
    Pty::spawn(
        "sh",
        &["-c", "\"$0\" sample-corpus; echo \"exit=$?\"; stty -a; echo stty-done", env!("CARGO_BIN_EXE_dossier")],
        160,
        45,
        env,
    )
}

fn assert_terminal_is_sane(screen: &str) {
    assert!(screen.contains(" icanon") && screen.contains(" echo"), "raw mode was left on:\n{screen}");
    assert!(!screen.contains("-icanon"), "raw mode was left on:\n{screen}");
}

#[test]
fn a_panic_restores_the_terminal() {
    let tui = dossier_then_stty(&[("DOSSIER_DEBUG_PANIC", "1")]);
    let screen = tui.wait_for(STTY_DONE);
    let output = String::from_utf8_lossy(&tui.output()).into_owned();
    assert!(output.contains("panicking on purpose"), "the panic message is shown:\n{screen}");
    assert!(!screen.contains("exit=0"), "a panic is not a clean exit");
    assert_terminal_is_sane(&screen);
    let entered = output.rfind("\x1b[?1049h").expect("entered the alternate screen");
    let after = &output[entered..];
    for (sequence, what) in
        [("\x1b[?1049l", "alternate screen"), ("\x1b[?1000l", "mouse capture"), ("\x1b[?2004l", "bracketed paste")]
    {
        assert!(after.contains(sequence), "{what} not restored after the panic");
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    let tui = dossier_then_stty(&[]);
    tui.wait_for("Articles 33/33");
    let shell = tui.process_id().expect("the shell's pid");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).expect("child pids");
    let dossier = children.split_whitespace().next().expect("dossier runs under the shell");
    let status = Command::new("kill").args(["-TERM", dossier]).status().expect("run kill");
    assert!(status.success());
    let screen = tui.wait_for(STTY_DONE);
    assert!(screen.contains("exit=0"), "SIGTERM leaves through the normal path:\n{screen}");
    assert_terminal_is_sane(&screen);
}

#[test]
fn no_argument_outside_a_corpus_names_the_sample_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = support::cli::command().current_dir(dir.path()).output().expect("run dossier");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("holds no articles") && message.contains("sample-corpus"), "{message}");
}

/// A shell script that appends each argument it gets, one a line, to `log`.
fn argv_recorder(dir: &std::path::Path, name: &str, log: &std::path::Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = dir.join(name);
    let text = format!("#!/bin/sh\nfor arg in \"$@\"; do printf '%s\\n' \"$arg\"; done >> '{}'\n", log.display());
    std::fs::write(&script, text).expect("write the script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("make it executable");
    script
}

#[test]
fn o_gives_the_browser_only_web_urls_and_the_pager_a_path_it_cannot_take_for_an_option() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    let article = |url: &str, title: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: 2024-01-15\nurl: \"{url}\"\nlang: en\n---\n\nTalks resume in Kessaran next week, officials said.\n"
        )
    };
    std::fs::write(corpus.join("hostile.md"), article("--gpu-launcher=/tmp/pwned", "Hostile url")).expect("write");
    std::fs::write(corpus.join("web.md"), article("https://example.org/talks", "Web url")).expect("write");
    let (browser_log, pager_log) = (dir.path().join("browser.log"), dir.path().join("pager.log"));
    let browser = argv_recorder(dir.path(), "browser", &browser_log);
    let pager = argv_recorder(dir.path(), "pager", &pager_log);
    let corpus_arg = corpus.to_str().expect("UTF-8 temp path");
    let env = [("BROWSER", browser.to_str().expect("UTF-8")), ("PAGER", pager.to_str().expect("UTF-8"))];
    let mut tui = Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &[corpus_arg], 160, 45, &env);
    tui.wait_for("Articles 2/2");
    let mut messages = String::new();
    for _ in 0..2 {
        tui.send("o");
        messages += &tui.wait_until("back from the program", |s| s.contains("back from") || s.contains("not opened"));
        tui.send("j");
        // The status line keeps the message until the next key: let it go.
        tui.wait_until("the message to clear", |s| !s.contains("back from") && !s.contains("not opened"));
    }
    assert!(messages.contains("url not opened, “--gpu-launcher=/tmp/pwned” is not an http(s) address"), "{messages}");
    tui.send("q");
    assert!(tui.wait_exit());
    let browser_got = std::fs::read_to_string(&browser_log).unwrap_or_default();
    assert_eq!(browser_got, "https://example.org/talks\n", "the browser gets the web url only");
    let pager_got = std::fs::read_to_string(&pager_log).unwrap_or_default();
    assert!(
        !pager_got.starts_with('-') && pager_got.ends_with("hostile.md\n"),
        "the pager shows the file: {pager_got:?}"
    );
    assert!(!pager_got.contains("gpu-launcher"), "{pager_got:?}");
}

/// dossier with its settings in `folder` (`config.ron`, and `state.ron` beside it).
fn dossier_configured_in(folder: &std::path::Path) -> Pty {
    let config = folder.join("config.ron");
    let env = [("DOSSIER_CONFIG", config.to_str().expect("a utf-8 temp path"))];
    let tui = Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &["sample-corpus"], 100, 30, &env);
    // Settled: no background work will write to the status line any more.
    tui.wait_until("suggestions found", |s| s.contains("Articles 33/33") && !s.contains("finding suggested links"));
    tui
}

#[test]
fn the_theme_chosen_with_t_is_remembered_and_config_ron_wins() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut tui = dossier_configured_in(folder.path());
    let dark = tui.background(1, 1);
    tui.send("T");
    tui.wait_for("light theme");
    let light = tui.background(1, 1);
    assert_ne!(light, dark, "the light theme paints its own background");
    assert!(matches!(light, vt100::Color::Rgb(r, _, _) if r > 200), "{light:?}");
    tui.send("q");
    assert!(tui.wait_exit());
    let state = std::fs::read_to_string(folder.path().join("state.ron")).expect("state.ron written");
    assert!(state.contains("Light"), "{state}");

    let mut again = dossier_configured_in(folder.path());
    assert_eq!(again.background(1, 1), light, "the light theme is back after a restart");
    again.send("q");
    assert!(again.wait_exit());

    // An explicit setting in config.ron wins, and config.ron is never rewritten.
    let config = "// my settings\n(theme: Some(Dark))\n";
    std::fs::write(folder.path().join("config.ron"), config).unwrap();
    let mut fixed = dossier_configured_in(folder.path());
    assert_eq!(fixed.background(1, 1), dark);
    fixed.send("T");
    fixed.wait_for("light theme; config.ron says dark");
    fixed.send("q");
    assert!(fixed.wait_exit());
    assert_eq!(std::fs::read_to_string(folder.path().join("config.ron")).unwrap(), config);
}

#[test]
fn o_on_a_json_lines_article_pages_its_record_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("pager.log");
    let pager = dir.path().join("pager");
    std::fs::write(&pager, format!("#!/bin/sh\ncat \"$@\" >> '{}'\n", log.display())).expect("write the pager");
    std::fs::set_permissions(&pager, std::fs::Permissions::from_mode(0o755)).expect("make it executable");
    let env = [("PAGER", pager.to_str().expect("UTF-8")), ("BROWSER", "")];
    let mut tui = Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &["sample-corpus"], 160, 45, &env);
    tui.wait_for("Articles 33/33");
    tui.send("/");
    tui.send("Halvenia open strategic dialogue");
    tui.send("\r");
    tui.wait_for("Articles 1/33");
    tui.send("o");
    tui.wait_for("back from");
    tui.send("q");
    assert!(tui.wait_exit());
    let paged = std::fs::read_to_string(&log).expect("the pager ran");
    assert!(paged.starts_with("Valdoria and Halvenia open strategic dialogue"), "{paged}");
    assert!(paged.contains("url: https://example.org/meridian/valdoria/strategic-dialogue-opens"), "{paged}");
    assert!(paged.contains("opened a strategic dialogue on Thursday"), "{paged}");
    assert!(!paged.contains("{\"id\""), "not the dump: {paged}");
}

#[test]
fn y_copies_the_cursor_sentence_through_osc_52() {
    use base64::Engine;
    let mut tui = Pty::dossier(&["sample-corpus"], 160, 45);
    tui.wait_for("Articles 33/33");
    tui.send("\r");
    tui.wait_for("focus reader");
    tui.send(")");
    tui.send("Y");
    let screen = tui.wait_for("copied the sentence");
    let output = tui.output();
    let start = output.windows(7).position(|w| w == b"\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + output[start..].iter().position(|&b| b == 0x07 || b == 0x1b).expect("its end");
    let sentence = base64::engine::general_purpose::STANDARD.decode(&output[start..end]).expect("base64");
    let sentence = String::from_utf8(sentence).expect("UTF-8");
    assert!(!sentence.is_empty() && !sentence.chars().any(char::is_control), "{sentence:?}");
    // The first article in the list, the one open: the sentence is its text.
    assert!(screen.contains("Parlament in Kessaran fordert"), "{screen}");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let file = std::fs::read_to_string("sample-corpus/wire/136_7c1a9f54.txt").expect("the article");
    assert!(words(&file).contains(&words(&sentence)), "{sentence:?} is in the article");
    tui.send("q");
    assert!(tui.wait_exit(), "dossier exits cleanly on q");
}
