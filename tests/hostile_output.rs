//! A corpus whose folder name, file names, front matter, JSON Lines and
//! annotation file carry terminal escape sequences (OSC 0 sets the window
//! title, OSC 52 writes the clipboard, CSI 2J clears the screen, C1 CSI
//! recolours) and bidi overrides: no command may print them raw, and every
//! command still shows the text around them.

use dossier::annotations::{Anchor, Annotations, ArticleNote, Claim, Endpoint, Link, LinkOrigin, RecordId, file};
use dossier::corpus::Corpus;
use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;

/// Sets the terminal's window title.
const SET_TITLE: &str = "\x1b]0;PWNED\x07";
/// Writes "echo pwned" to the clipboard.
const WRITE_CLIPBOARD: &str = "\x1b]52;c;ZWNobyBwd25lZA==\x07";
/// Clears the screen.
const CLEAR_SCREEN: &str = "\x1b[2J";
/// The 8-bit CSI, as UTF-8 (U+009B), colouring red.
const C1_RED: &str = "\u{9b}31m";
/// Shows what follows right to left.
const RIGHT_TO_LEFT: &str = "\u{202e}";

/// `words` joined by every hostile sequence in turn, so the output must
/// still show each word.
fn hostile(words: [&str; 5]) -> String {
    let [a, b, c, d, e] = words;
    format!("{a}{SET_TITLE}{b}{WRITE_CLIPBOARD}{c}{CLEAR_SCREEN}{d}{C1_RED}{e}{RIGHT_TO_LEFT}")
}

const BODY: &str = "KESSARAN (Wire) - The coalition has 2,500 troops in Valdoria, officials said on Monday.\n\n\
    Talks on the mission's end resume next week in the capital.\n";
const QUOTE: &str = "The coalition has 2,500 troops in Valdoria";

/// A hostile corpus in a temporary folder; the folder's own name is hostile too.
struct HostileCorpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// The id of the Markdown article, whose file name is hostile.
    article: String,
}

impl HostileCorpus {
    fn new() -> HostileCorpus {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join(format!("corpus{SET_TITLE}folder"));
        std::fs::create_dir(&root).expect("corpus folder");
        let article = format!("talks{SET_TITLE}{CLEAR_SCREEN}file.md");
        let front_matter = format!(
            "---\ntitle: \"{}\"\ndate: 2024-01-15\nsource: \"{}\"\nurl: \"https://example.org/{CLEAR_SCREEN}talks\"\nlang: en\n---\n\n",
            hostile(["Talks", "resume", "in", "Kessaran", "today"]),
            hostile(["Wire", "Service", "of", "the", "north"]),
        );
        std::fs::write(root.join(&article), format!("{front_matter}{BODY}")).expect("article");
        let record = serde_json::json!({
            "id": "j1",
            "title": hostile(["Dump", "title", "with", "escape", "codes"]),
            "source": hostile(["Dump", "source", "with", "escape", "codes"]),
            "date": "2024-01-16",
            "lang": "en",
            "text": BODY,
        });
        std::fs::write(root.join(format!("dump{CLEAR_SCREEN}.jsonl")), format!("{record}\n")).expect("jsonl");
        // Skipped files: the load report names them.
        std::fs::write(root.join(format!("photo{WRITE_CLIPBOARD}.png")), b"\x89PNG").expect("png");
        std::fs::write(root.join(format!("empty{SET_TITLE}.txt")), b"").expect("empty");
        let corpus = HostileCorpus { _dir: dir, root, article };
        corpus.write_annotations();
        corpus
    }

    fn write_annotations(&self) {
        let articles = Corpus::load(&self.root).expect("load the hostile corpus").articles;
        let text = &articles.iter().find(|a| a.id.as_str() == self.article).expect("the hostile article").text;
        let start = text.find(QUOTE).expect("the quote in the article");
        let anchored = Claim {
            id: RecordId(format!("01JCLAIM{CLEAR_SCREEN}A")),
            anchor: Anchor::new(&self.article, text, start..start + QUOTE.len()),
            tags: vec![hostile(["tag", "one", "two", "three", "four"])],
            speaker: Some(hostile(["Speaker", "Halim", "Serov", "of", "Valdoria"])),
            summary: None,
            verdict: hostile(["verdict", "is", "disputed", "by", "many"]),
            about: Some("2024-01".into()),
            note: hostile(["Note", "line", "with\nbreak", "and", "more"]),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        };
        // A quote no longer in the article: `check` lists it as an orphan, quote and all.
        let mut orphan = anchored.clone();
        orphan.id = RecordId("01JCLAIMORPHAN".into());
        orphan.anchor.quote = hostile(["Orphan", "quote", "that", "moved", "away"]);
        orphan.anchor.prefix = String::new();
        orphan.anchor.suffix = String::new();
        orphan.anchor.content_hash = String::new();
        let mut note = ArticleNote::new(&self.article);
        note.title = Some(hostile(["Corrected", "title", "by", "the", "analyst"]));
        let annotations = Annotations {
            claims: vec![anchored, orphan],
            links: vec![Link {
                id: RecordId("01JLINK".into()),
                from: Endpoint::Article(self.article.clone()),
                to: Endpoint::Article(format!("missing{SET_TITLE}article")),
                kind: hostile(["same", "event", "as", "the", "other"]),
                note: hostile(["Link", "note", "from", "the", "file"]),
                origin: LinkOrigin::Manual,
                created: None,
                modified: None,
                creator: None,
                conflicts: vec![],
            }],
            articles: vec![note],
            ..Annotations::default()
        };
        std::fs::write(self.root.join(file::DEFAULT_FILE_NAME), file::render(&annotations)).expect("dossier.ron");
    }

    fn root(&self) -> &Path {
        &self.root
    }

    fn run(&self, args: &[&str]) -> Output {
        let root = self.root.to_str().expect("a UTF-8 temp path");
        let args: Vec<&str> = args.iter().map(|a| if *a == "CORPUS" { root } else { a }).collect();
        cli_support::command().args(&args).output().expect("run dossier")
    }
}

/// Characters that must never reach a terminal raw.
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Asserts that `bytes` holds no raw control character (no ESC, no C1 CSI)
/// or bidi override, and shows each of `words` in order.
fn assert_inert_and_shown(what: &str, bytes: &[u8], words: &[&str]) {
    let text = String::from_utf8_lossy(bytes);
    let raw: Vec<String> = text.chars().filter(|&c| is_hostile(c)).map(|c| format!("{c:?}")).collect();
    assert!(raw.is_empty(), "{what} printed raw {raw:?}:\n{}", text.escape_debug());
    let mut rest = &*text;
    for word in words {
        let at = rest.find(word).unwrap_or_else(|| panic!("{what} does not show {word:?} in order:\n{text}"));
        rest = &rest[at + word.len()..];
    }
}

fn assert_all_inert(what: &str, output: &Output) {
    assert_inert_and_shown(&format!("{what} (stdout)"), &output.stdout, &[]);
    assert_inert_and_shown(&format!("{what} (stderr)"), &output.stderr, &[]);
}

#[test]
fn inspect_table_and_load_report_show_escapes_inert() {
    let corpus = HostileCorpus::new();
    let output = corpus.run(&["inspect", "CORPUS"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_all_inert("inspect", &output);
    assert_inert_and_shown("inspect", &output.stdout, &["talks", "file.md", "Talks", "resume"]);
    assert_inert_and_shown("inspect", &output.stdout, &["dump", "Dump", "title"]);
    assert_inert_and_shown("the load report", &output.stdout, &["Load report", "photo", "52;c;", ".png"]);
    assert_inert_and_shown("the load report", &output.stdout, &["empty", "PWNED", ".txt"]);
}

#[test]
fn inspect_of_one_article_shows_escapes_inert() {
    let corpus = HostileCorpus::new();
    let output = corpus.run(&["inspect", "CORPUS", "--article", &corpus.article]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_all_inert("inspect --article", &output);
    let words = ["path", "talks", "file.md", "title", "Talks", "resume", "in", "Kessaran", "today", "url", "talks"];
    assert_inert_and_shown("inspect --article", &output.stdout, &words);
    let missing = corpus.run(&["inspect", "CORPUS", "--article", &format!("no{CLEAR_SCREEN}such")]);
    assert!(!missing.status.success());
    assert_all_inert("inspect --article of a missing id", &missing);
    assert_inert_and_shown("inspect --article of a missing id", &missing.stderr, &["corpus", "folder", "no", "such"]);
}

#[test]
fn inspect_json_lines_escape_every_control_character() {
    let corpus = HostileCorpus::new();
    let output = corpus.run(&["inspect", "CORPUS", "--json"]);
    assert!(output.status.success());
    assert_all_inert("inspect --json", &output);
    let titles: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["title"].to_string())
        .collect();
    assert!(titles.iter().any(|t| t.contains("Dump") && t.contains("title")), "{titles:?}");
}

#[test]
fn check_shows_quotes_and_fields_from_the_annotation_file_inert() {
    let corpus = HostileCorpus::new();
    let output = corpus.run(&["check", "CORPUS"]);
    assert_eq!(output.status.code(), Some(1), "an orphan and a broken link need the analyst");
    assert_all_inert("check", &output);
    assert_inert_and_shown("check", &output.stdout, &["corpus", "folder", "dossier.ron", "2 claims"]);
    assert_inert_and_shown("check", &output.stdout, &["missing", "PWNED", "article"]);
    assert_inert_and_shown(
        "check",
        &output.stdout,
        &["Orphans", "01JCLAIMORPHAN", "talks", "file.md", "Orphan", "quote"],
    );
    assert_inert_and_shown("check", &output.stderr, &["corpus", "folder", "dossier.ron", "1 orphaned"]);
    let json = corpus.run(&["check", "CORPUS", "--json"]);
    assert_all_inert("check --json", &json);
}

#[test]
fn check_of_an_unreadable_file_names_it_inert() {
    let corpus = HostileCorpus::new();
    let path = corpus.root().join(file::DEFAULT_FILE_NAME);
    std::fs::write(&path, format!("(claims: [{CLEAR_SCREEN}")).expect("broken dossier.ron");
    let output = corpus.run(&["check", "CORPUS"]);
    assert_eq!(output.status.code(), Some(2));
    assert_all_inert("check of a broken file", &output);
    assert_inert_and_shown("check of a broken file", &output.stderr, &["corpus", "folder", "dossier.ron:1:"]);
}

#[test]
fn human_exports_to_stdout_show_escapes_inert() {
    let corpus = HostileCorpus::new();
    for format in ["csv", "md", "timeline"] {
        let output = corpus.run(&["export", "CORPUS", "--format", format]);
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert_all_inert(format, &output);
        assert_inert_and_shown(format, &output.stdout, &["Corrected", "title", "by", "the", "analyst"]);
        assert_inert_and_shown(format, &output.stdout, &["verdict", "is", "disputed", "by", "many"]);
    }
    for format in ["csv", "md"] {
        let output = corpus.run(&["export", "CORPUS", "--format", format]);
        assert_inert_and_shown(format, &output.stdout, &["Note", "line", "with\nbreak", "and", "more"]);
    }
}

#[test]
fn json_exports_escape_every_control_character() {
    let corpus = HostileCorpus::new();
    for format in ["json", "jsonl", "w3c", "claimreview"] {
        let output = corpus.run(&["export", "CORPUS", "--format", format]);
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert_all_inert(format, &output);
        let text = String::from_utf8_lossy(&output.stdout);
        let first: serde_json::Value = match format {
            "jsonl" => serde_json::from_str(text.lines().next().expect("a line")),
            _ => serde_json::from_str(&text),
        }
        .unwrap_or_else(|e| panic!("{format} is not JSON: {e}"));
        // Escaped, not lost: the JSON still reads back to the hostile text.
        assert!(first.to_string().contains("\\u001b"), "{format}: {first}");
    }
}

#[test]
fn export_without_an_annotation_file_names_it_inert() {
    let corpus = HostileCorpus::new();
    std::fs::remove_file(corpus.root().join(file::DEFAULT_FILE_NAME)).expect("remove dossier.ron");
    let output = corpus.run(&["export", "CORPUS", "--format", "csv"]);
    assert!(output.status.success());
    assert_all_inert("export without annotations", &output);
    assert_inert_and_shown("export without annotations", &output.stderr, &["corpus", "folder", "no annotation file"]);
}

#[test]
fn suggest_shows_titles_inert() {
    let corpus = HostileCorpus::new();
    let output = corpus.run(&["suggest", "CORPUS"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_all_inert("suggest", &output);
}

#[test]
fn merge_names_hostile_files_inert() {
    let corpus = HostileCorpus::new();
    let ours = corpus.root().join(file::DEFAULT_FILE_NAME);
    let broken = corpus.root().join(format!("theirs{CLEAR_SCREEN}.ron"));
    std::fs::write(&broken, "(claims: [").expect("a broken side");
    let output = cli_support::command().arg("merge").arg(&ours).arg(&ours).arg(&broken).output().expect("run merge");
    assert_eq!(output.status.code(), Some(2));
    assert_all_inert("merge", &output);
    assert_inert_and_shown("merge", &output.stderr, &["theirs", ".ron", "nothing written"]);
}
