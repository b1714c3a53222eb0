//! Opening an article outside dossier (`o`): its url in `$BROWSER` when it
//! is a web address, else its file in `$PAGER` (or `less`); for an article
//! from a JSON Lines dump, only its record, not the whole dump. The url comes
//! from the corpus, so it is never handed over unless it is `http(s)`,
//! which also means it cannot start with `-` and be taken for an option.
//! Also the claim note written in `$VISUAL` or `$EDITOR`.

use crate::corpus::Article;
use crate::display::escape_for_terminal;
use crate::safe_fs::{self, Links};
use crate::web_url::web_url;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The longest note taken back from the editor.
const NOTE_LIMIT: u64 = 1 << 20;

/// What to run for `o`: a program, its arguments, and why the article's
/// url was not opened when a browser was asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Opener {
    pub program: String,
    pub args: Vec<OsString>,
    pub refused_url: Option<String>,
}

/// Decides how to open the article at `path` with `url`; `browser` and
/// `pager` are `$BROWSER` and `$PAGER`, which may carry arguments
/// (`less -R`, split on whitespace).
pub fn opener(browser: Option<&str>, pager: Option<&str>, path: &Path, url: Option<&str>) -> Opener {
    let pager = || pager.and_then(command).unwrap_or_else(|| ("less".to_string(), Vec::new()));
    let ((program, words), target, refused_url) = match (browser.and_then(command), url) {
        (Some(browser), Some(url)) => match web_url(url) {
            Some(url) => (browser, OsString::from(url), None),
            None => (pager(), not_an_option(path).into(), Some(url.to_string())),
        },
        _ => (pager(), not_an_option(path).into(), None),
    };
    let mut args: Vec<OsString> = words.into_iter().map(OsString::from).collect();
    args.push(target);
    Opener { program, args, refused_url }
}

/// The editor for a note: `$VISUAL`, else `$EDITOR`, else `vi`, each of
/// which may carry arguments.
pub fn editor(visual: Option<&str>, editor: Option<&str>) -> (String, Vec<String>) {
    visual.and_then(command).or_else(|| editor.and_then(command)).unwrap_or_else(|| ("vi".to_string(), Vec::new()))
}

/// Lets the analyst write `note` in `editor` on a file of its own in
/// `folder` (dossier's cache), removed afterwards. Returns the text written,
/// or why there is none (the form then keeps its note).
pub fn edit_note(note: &str, (program, args): (String, Vec<String>), folder: &Path) -> Result<String, String> {
    let shown = escape_for_terminal(&program).into_owned();
    std::fs::create_dir_all(folder).map_err(|e| format!("could not make the cache folder for the note: {e}"))?;
    let file = tempfile::Builder::new()
        .prefix("dossier-note-")
        .suffix(".md")
        .tempfile_in(folder)
        .and_then(|mut file| file.write_all(note.as_bytes()).map(|()| file));
    let file = file.map_err(|error| format!("could not write the note's file: {error}"))?;
    let status = std::process::Command::new(&program).args(&args).arg(file.path()).status();
    // By its path: an editor may have replaced the file rather than written into it.
    let read = safe_fs::read_regular(file.path(), Links::Refuse, NOTE_LIMIT);
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => return Err(format!("{shown} exited with {status}: the note is unchanged")),
        Err(error) => return Err(format!("could not run {shown}: {error}")),
    }
    match read {
        Ok(Ok(bytes)) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Ok(Err(too_large)) => Err(format!("the note is over {} bytes: unchanged", too_large.limit)),
        Err(error) => Err(format!("could not read the note back: {error}")),
    }
}

/// A command line from the environment as program and arguments, split on
/// whitespace; `None` when blank.
fn command(line: &str) -> Option<(String, Vec<String>)> {
    let mut words = line.split_whitespace().map(str::to_string);
    Some((words.next()?, words.collect()))
}

/// `path` so that no program takes it for an option: a relative path (a
/// corpus named `-x`) gets `./` in front.
fn not_an_option(path: &Path) -> PathBuf {
    if path.is_absolute() { path.to_path_buf() } else { Path::new(".").join(path) }
}

/// What the pager shows of a JSON Lines article: its title, what the
/// record states (source, date, url), then its cleaned text. Cleaned text
/// holds no escape byte, so no pager can be made to run one.
pub fn record_page(article: &Article) -> String {
    let meta = article.meta();
    let mut page = format!("{}\n", article.title());
    let stated = [("source", &meta.source), ("date", &meta.date), ("url", &meta.url)];
    for (name, value) in stated.iter().filter_map(|(name, value)| Some((name, value.as_deref()?))) {
        page += &format!("{name}: {}\n", escape_for_terminal(value));
    }
    page += &format!("record: {}\n\n{}\n", escape_for_terminal(article.id.as_str()), article.text);
    page
}

/// Writes `page` to a temporary file (readable by its owner only) in
/// `folder` (dossier's cache: nothing is written outside the corpus or the
/// cache) for the pager; the file goes when the handle is dropped.
pub fn record_file(page: &str, folder: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    std::fs::create_dir_all(folder)?;
    let mut file = tempfile::Builder::new().prefix("dossier-record-").suffix(".txt").tempfile_in(folder)?;
    std::io::Write::write_all(&mut file, page.as_bytes())?;
    Ok(file)
}

/// Runs `opener` and says how it went, for the status line.
pub fn run(opener: &Opener) -> String {
    let program = escape_for_terminal(&opener.program);
    let outcome = match std::process::Command::new(&opener.program).args(&opener.args).status() {
        Ok(status) if status.success() => format!("back from {program}"),
        Ok(status) => format!("{program} exited with {status}"),
        Err(error) => format!("could not run {program}: {error}"),
    };
    match &opener.refused_url {
        // The refusal first: a narrow status line cuts the end.
        Some(url) => format!("{}; {outcome}", refusal(url)),
        None => outcome,
    }
}

/// Why `url` was not opened in the browser.
fn refusal(url: &str) -> String {
    format!("url not opened, “{}” is not an http(s) address", escape_for_terminal(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "/corpus/wire/a.md";

    fn open(browser: Option<&str>, pager: Option<&str>, path: &str, url: Option<&str>) -> Opener {
        opener(browser, pager, Path::new(path), url)
    }

    fn args(opener: &Opener) -> Vec<&str> {
        opener.args.iter().map(|a| a.to_str().expect("UTF-8")).collect()
    }

    #[test]
    fn a_web_url_goes_to_the_browser() {
        let opened = open(Some("firefox --new-tab"), Some("less"), FILE, Some("https://example.org/a?b=1"));
        assert_eq!(opened.program, "firefox");
        assert_eq!(args(&opened), ["--new-tab", "https://example.org/a?b=1"]);
        assert_eq!(opened.refused_url, None);
        let upper = open(Some("firefox"), None, FILE, Some("HTTPS://ok"));
        assert_eq!((upper.program.as_str(), args(&upper)), ("firefox", vec!["HTTPS://ok"]));
    }

    #[test]
    fn hostile_urls_never_reach_the_browser() {
        for url in ["--gpu-launcher=x", "javascript:alert(1)", "file:///etc/passwd", " http://x", "-http://x"] {
            let opened = open(Some("firefox"), Some("less -R"), FILE, Some(url));
            assert_eq!(opened.program, "less", "{url:?}");
            assert_eq!(args(&opened), ["-R", FILE], "{url:?}");
            assert_eq!(opened.refused_url.as_deref(), Some(url));
        }
        assert_eq!(refusal("x\x1b[2J"), "url not opened, “x\\u{1b}[2J” is not an http(s) address");
    }

    #[test]
    fn the_editor_is_visual_then_editor_then_vi() {
        assert_eq!(editor(Some("code --wait"), Some("nano")), ("code".to_string(), vec!["--wait".to_string()]));
        assert_eq!(editor(Some(" "), Some("nano")).0, "nano");
        assert_eq!(editor(None, None).0, "vi");
    }

    #[test]
    fn the_note_comes_back_from_the_editor_and_its_file_is_removed() {
        let folder = tempfile::tempdir().expect("temp dir");
        let script = "test \"$(cat \"$1\")\" = 'old note' && printf 'new\\nnote' > \"$1\"";
        let sh = |script: &str| ("sh".to_string(), vec!["-c".to_string(), script.to_string(), "sh".to_string()]);
        assert_eq!(edit_note("old note", sh(script), folder.path()), Ok("new\nnote".to_string()));
        let failed = edit_note("old note", sh("exit 3"), folder.path()).expect_err("a failing editor changes nothing");
        assert!(failed.contains("exit status: 3"), "{failed}");
        assert_eq!(std::fs::read_dir(folder.path()).expect("readable").count(), 0, "the note's files are gone");
    }

    #[test]
    fn the_pager_path_cannot_be_taken_for_an_option() {
        let opened = open(None, None, "-corpus/a.md", Some("https://example.org"));
        assert_eq!(opened.program, "less");
        assert_eq!(args(&opened), ["./-corpus/a.md"]);
        assert_eq!(opened.refused_url, None, "no browser was asked for");
        assert_eq!(args(&open(None, Some("  "), FILE, None)), [FILE], "a blank $PAGER means less");
        assert_eq!(open(Some(" "), Some("more"), FILE, Some("https://example.org")).program, "more");
    }
}
