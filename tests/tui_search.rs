//! The corpus search in the real binary, in a pseudo-terminal: the index
//! builds in the background, `g /` lists hits as the query is typed, Enter
//! opens one with the match highlighted, `n` runs on to the next hit and
//! Ctrl-o comes back.

mod support;

use support::pty::Pty;

#[test]
fn search_the_corpus_open_a_hit_and_run_on_to_the_next() {
    let cache = tempfile::tempdir().expect("cache folder");
    let cache_path = cache.path().to_string_lossy().into_owned();
    let mut tui =
        Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &["sample-corpus"], 160, 45, &[("DOSSIER_CACHE", &cache_path)]);
    tui.wait_for("Articles 33/33");
    tui.type_slowly("g/");
    tui.wait_for("Search the corpus");
    tui.type_slowly("Gesprache");
    let results = tui.wait_until("hits", |s| s.contains(" hits") && !s.contains(" 0 hits"));
    assert!(results.contains("Gespräch"), "{results}");
    tui.send("\r");
    let reader = tui.wait_for("focus reader");
    assert!(!reader.contains("Search the corpus"), "{reader}");
    // The match is drawn in the search-hit style: reversed or coloured cells.
    let output = String::from_utf8_lossy(&tui.output()).into_owned();
    assert!(output.contains("Gespräch"), "the article is drawn");
    // Through the first hit's matches, on to the second hit's article.
    let mut screen = String::new();
    for _ in 0..40 {
        tui.send("n");
        std::thread::sleep(std::time::Duration::from_millis(60));
        screen = tui.screen();
        if screen.contains("hit 2 of") {
            break;
        }
    }
    assert!(screen.contains("hit 2 of"), "{screen}");
    tui.send("\x0f"); // Ctrl-o
    tui.send("q");
    assert!(tui.wait_exit(), "dossier exits cleanly on q");
    assert!(cache.path().join("search").is_dir(), "the index went to DOSSIER_CACHE");
}
