//! Annotating in the real binary: tag a claim, link two articles, lose the
//! terminal, reopen, and find everything again.

mod support;

use std::process::Command;
use support::pty::Pty;

fn dossier(annotations: &str) -> Pty {
    Pty::dossier(&["sample-corpus", "--annotations", annotations], 160, 45)
}

#[test]
fn a_claim_and_a_link_survive_a_killed_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let file = file.to_str().expect("utf-8 temp path");

    let mut tui = dossier(file);
    tui.wait_for("Articles 33/33");
    // Open the English article and tag its second sentence.
    tui.type_slowly("/agree to open talks");
    tui.wait_for("filter “agree to open talks”");
    tui.send("\r\r");
    tui.wait_for("focus reader");
    tui.send(")");
    tui.send("c");
    tui.wait_for("Tag claim");
    tui.type_slowly("drawdown");
    tui.send("\t\t\t"); // past speaker and summary
    tui.send("d"); // verdict: disputed
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("1 claim, 0 links");
    // Mark the article in the list, then link its German translation to it.
    tui.send("\x1b");
    tui.wait_for("focus list");
    tui.send("m");
    tui.wait_for("marked “Valdoria and coalition agree");
    // Esc clears the filter; a pause keeps it from reading as Alt with the next key.
    tui.send("\x1b");
    tui.wait_for("Articles 33/33");
    tui.type_slowly("/gesprache");
    tui.wait_for("filter “gesprache”");
    tui.send("\r");
    tui.send("l");
    tui.wait_for("Link kind");
    tui.send("\r"); // translation-of
    tui.wait_for("links (1, f follows): this → translation-of →");
    // Autosave writes once the analyst pauses; then the terminal dies.
    tui.wait_until("autosave", |s| !s.contains("● unsaved"));
    let pid = tui.process_id().expect("dossier's pid");
    let killed = Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("run kill");
    assert!(killed.success());
    drop(tui);

    let saved = std::fs::read_to_string(file).expect("the annotation file exists");
    assert!(saved.contains("verdict: \"disputed\"") && saved.contains("kind: \"translation-of\""), "{saved}");

    let mut tui = dossier(file);
    tui.wait_for("Articles 33/33");
    tui.wait_for("1 claim, 1 link");
    tui.send("C");
    let claims = tui.wait_for("Claims (1)");
    assert!(claims.contains("disputed #drawdown"), "{claims}");
    tui.send("\r");
    let reader = tui.wait_for("focus reader");
    assert!(reader.contains("claim: disputed #drawdown"), "the cursor sits on the claim:\n{reader}");
    assert!(reader.contains("translation-of"), "the reader lists the link:\n{reader}");
    // Export the claims as CSV from the TUI: it lands next to the annotation file.
    tui.send("X");
    tui.wait_for("Export the annotations");
    tui.send("\r");
    tui.wait_for("exported csv");
    let csv = std::fs::read_to_string(dir.path().join("dossier-export.claims.csv")).expect("the CSV export");
    assert!(csv.contains(",disputed,") && csv.contains("drawdown"), "{csv}");
    tui.send("q");
    assert!(tui.wait_exit(), "nothing unsaved: q quits at once");
}

#[test]
fn a_second_dossier_on_the_same_file_is_read_only_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let file = file.to_str().expect("utf-8 temp path");
    let mut first = dossier(file);
    first.wait_for("Articles 33/33");
    let mut second = dossier(file);
    second.wait_for("Articles 33/33");
    let screen = second.wait_for("annotations READ-ONLY");
    assert!(!screen.contains("● unsaved"), "{screen}");
    second.send("\r");
    second.wait_for("focus reader");
    second.send("c");
    let refused = second.wait_for("another dossier is editing");
    assert!(!refused.contains("Tag claim"), "{refused}");
    second.send("q");
    assert!(second.wait_exit());
    first.send("q");
    assert!(first.wait_exit());
}

#[test]
fn a_broken_annotation_file_opens_read_only_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let broken = "(\n  version: 1,\n  claims: [oops],\n)\n";
    std::fs::write(&file, broken).expect("write the broken file");
    let mut tui = dossier(file.to_str().expect("utf-8 temp path"));
    tui.wait_for("Articles 33/33");
    tui.wait_for("annotations READ-ONLY");
    tui.send("\r");
    tui.wait_for("focus reader");
    tui.send("c");
    tui.wait_for("dossier.ron:3:");
    tui.send("q");
    assert!(tui.wait_exit());
    assert_eq!(std::fs::read_to_string(&file).expect("still there"), broken, "never overwritten");
}

#[test]
fn closing_the_terminal_saves_what_autosave_had_not_yet_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let mut tui = dossier(file.to_str().expect("utf-8 temp path"));
    tui.wait_for("Articles 33/33");
    tui.send("\r");
    tui.wait_for("focus reader");
    tui.send("c");
    tui.wait_for("Tag claim");
    tui.send("\x13");
    tui.wait_for("● unsaved");
    // What the kernel sends when the window closes. (A closed pty itself is
    // not testable here: the harness's reader keeps the master open.)
    let pid = tui.process_id().expect("dossier's pid").to_string();
    assert!(Command::new("kill").args(["-HUP", &pid]).status().expect("run kill").success());
    assert!(tui.wait_exit(), "dossier leaves cleanly when its terminal goes away");
    let saved = std::fs::read_to_string(&file).expect("saved on the way out");
    assert!(saved.contains("claims: [\n    ("), "{saved}");
}

#[test]
fn a_window_whose_file_was_taken_over_quits_leaving_its_changes_in_a_rescue_file() {
    use dossier::annotations::{Annotations, file as ron_file};
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let original = ron_file::render(&Annotations::default());
    std::fs::write(&file, &original).expect("write the annotation file");
    let file = file.to_str().expect("utf-8 temp path");
    let mut first = dossier(file);
    first.wait_for("Articles 33/33");
    let mut second = dossier(file);
    second.wait_for("annotations READ-ONLY");
    second.send(":");
    second.type_slowly("takeover");
    second.wait_for(" TakeOver ");
    second.send("\r");
    second.wait_for("took over the annotation file");
    // The first does not know yet: it tags a claim, then quits.
    first.send("\r");
    first.wait_for("focus reader");
    first.send("c");
    first.wait_for("Tag claim");
    first.send("\x13");
    first.wait_for("● unsaved");
    first.send("q");
    assert!(first.wait_exit(), "the window that lost its file quits");
    let name = "dossier.ron.rescue-";
    let rescued: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the temp dir")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.to_string_lossy().contains(name))
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    let kept = dossier::annotations::store::read_annotations(&rescued[0]).expect("the rescue file parses");
    assert_eq!(kept.claims.len(), 1, "it holds the claim that could not be saved");
    // Said on the restored screen, after the TUI has gone.
    let said = rescued[0].display().to_string();
    let start = std::time::Instant::now();
    while !String::from_utf8_lossy(&first.output()).contains(&said) {
        assert!(start.elapsed() < support::pty::PATIENCE, "the rescue file is never named");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert_eq!(std::fs::read_to_string(dir.path().join("dossier.ron")).expect("the file"), original, "untouched");
    second.send("q");
    assert!(second.wait_exit());
}

#[test]
fn the_claim_note_is_written_in_the_editor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("dossier.ron");
    let file = file.to_str().expect("utf-8 temp path");
    // An "editor" that writes the note into the file it is given.
    let editor = dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Checked with the ministry\\nsecond line' > \"$1\"\n").expect("script");
    Command::new("chmod").arg("755").arg(&editor).status().expect("chmod");
    let cache = dir.path().join("cache");
    let env = [("EDITOR", editor.to_str().unwrap()), ("VISUAL", ""), ("DOSSIER_CACHE", cache.to_str().unwrap())];
    let mut tui = Pty::spawn(env!("CARGO_BIN_EXE_dossier"), &["sample-corpus", "--annotations", file], 160, 45, &env);
    tui.wait_for("Articles 33/33");
    tui.send("\r");
    tui.wait_for("focus reader");
    tui.send("c");
    tui.wait_for("Tag claim");
    tui.send("\x18\x05"); // Ctrl-x Ctrl-e
    tui.wait_for("note taken from the editor");
    tui.send("\x13"); // Ctrl-S
    tui.wait_for("1 claim, 0 links");
    tui.send("\x1b");
    tui.wait_for("focus list");
    tui.send("q");
    assert!(tui.wait_exit(), "dossier exits cleanly on q");
    let saved = std::fs::read_to_string(file).expect("the annotation file");
    assert!(saved.contains("Checked with the ministry"), "{saved}");
    let left: Vec<_> = std::fs::read_dir(cache.join("notes")).map(|d| d.flatten().collect()).unwrap_or_default();
    assert!(left.is_empty(), "the note's file is removed: {left:?}");
}
