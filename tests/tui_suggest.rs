//! Suggestions in the real binary: the English article offers its German
//! translation, accepting it links them, and the recurring-claim view
//! finds the troop figure in German and links the two as the same claim.

mod support;

use support::pty::Pty;

#[test]
fn accepting_a_suggestion_and_linking_a_recurring_claim_are_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let file = file.to_str().expect("utf-8 temp path");
    let mut tui = Pty::dossier(&["sample-corpus", "--annotations", file], 160, 45);
    // The load report (it names skipped files) shows once the load is
    // done; only from then on does "finding suggested links" say anything.
    tui.wait_until("suggestions found", |s| s.contains("(dossier inspect)") && !s.contains("finding suggested"));
    tui.type_slowly("/agree to open talks");
    tui.wait_for("filter “agree to open talks”");
    tui.send("\r\r");
    // The suggestions may still be coming in when the reader opens.
    let reader = tui.wait_until("the top suggestion is a translation", |s| {
        s.contains("focus reader") && s.contains("▸ translation-of")
    });
    assert!(reader.contains("Valdoria und Koalition vereinbaren"), "and names the German article:\n{reader}");
    tui.send("a");
    // Both copies are undated and credit the same reporters: the direction
    // is left to the analyst, and the status line says so.
    // The header and the status line are drawn in one frame, but the
    // terminal may be read between them: wait for both.
    let accepted = tui.wait_until("the link and the status line that tells its direction", |s| {
        s.contains("links (1, f follows): this → translation-of →") && s.contains("direction undecided")
    });
    assert!(!accepted.contains("▸ translation-of"), "the accepted suggestion left the panel:\n{accepted}");

    // The troop figure: search puts the cursor on its sentence.
    tui.type_slowly("/2,500 troops");
    tui.send("\r");
    tui.wait_for("search “2,500 troops”: 1/1");
    tui.send("*");
    let view = tui.wait_for("The same claim elsewhere");
    assert!(view.contains("2.500 Soldaten"), "the German sentence is among the matches:\n{view}");
    // Move to the German sentence, then link.
    let rows: Vec<&str> = view.lines().filter(|l| l.contains('%') && l.contains('(')).collect();
    let at = rows.iter().position(|l| l.contains("2.500 Soldaten")).expect("a row for the German sentence");
    for _ in 0..at {
        tui.send("j");
    }
    tui.send("l");
    let linked = tui.wait_for("linked as the same claim");
    assert!(linked.contains("▸ ✓"), "the row says it is linked now:\n{linked}");
    tui.send("\x1b");
    tui.wait_until("the view closes", |s| !s.contains("The same claim elsewhere"));
    tui.wait_until("autosave", |s| !s.contains("● unsaved"));
    tui.send("q");
    assert!(tui.wait_exit(), "everything saved: q quits at once");

    let saved = std::fs::read_to_string(file).expect("the annotation file exists");
    assert!(saved.contains("kind: \"translation-of\"") && saved.contains("origin: suggested"), "{saved}");
    assert!(saved.contains("kind: \"same-claim\""), "{saved}");
    assert_eq!(saved.matches("quote:").count(), 2, "both sentences became claims:\n{saved}");
}

#[test]
fn a_failing_suggestion_finder_is_told_in_the_status_line_and_the_ui_goes_on() {
    let mut tui =
        Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &["sample-corpus"], 160, 45, &[("DOSSIER_DEBUG_PANIC", "suggest")]);
    let screen = tui.wait_for("no suggested links: DOSSIER_DEBUG_PANIC=suggest");
    assert!(screen.contains(" articles ·"), "the UI still draws:\n{screen}");
    let output = String::from_utf8_lossy(&tui.output()).into_owned();
    assert!(!output.contains("panicked at"), "nothing is printed over the screen");
    // The finder can fail before the corpus is listed: wait for the list.
    tui.wait_for("(dossier inspect)");
    tui.send("3");
    tui.wait_for("focus reader");
    tui.send("a");
    tui.wait_for("no suggested links: DOSSIER_DEBUG_PANIC");
    tui.send("q");
    assert!(tui.wait_exit(), "q still quits");
}

#[test]
fn the_end_of_an_article_is_reachable_under_the_suggestion_panel() {
    for (width, height) in [(160, 45), (80, 24)] {
        let mut tui = Pty::dossier(&["sample-corpus"], width, height);
        tui.wait_until("suggestions found", |s| s.contains(" articles ·") && !s.contains("finding suggested links"));
        tui.type_slowly("/agree to open talks");
        tui.wait_for("filter / agree to open talks");
        tui.send("\r\r");
        // The suggestion panel shows above the text.
        tui.wait_for("▸ translation-of");
        tui.send("G");
        let end = tui.wait_for("100%");
        // The reporting credits are the article's last line, and the dates
        // footer sits under them, not over them.
        let lines: Vec<&str> = end.lines().collect();
        let last = lines.iter().rposition(|l| l.contains("Greaves)")).unwrap_or_else(|| panic!("{end}"));
        assert!(lines[last + 1].contains("dates:"), "{end}");
        tui.send("q");
        assert!(tui.wait_exit());
    }
}
