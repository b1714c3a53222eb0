//! Kills a process in the middle of saving, at many points, and checks that
//! the annotation file on disk always parses and holds one complete set.
//! The child is this test binary run again with `DOSSIER_CRASH_CHILD` set.

use dossier::annotations::store::{Store, backup_path};
use dossier::annotations::{Anchor, Annotations, Claim, RecordId, file};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "DOSSIER_CRASH_CHILD";

/// A set large enough (about 1 MB) that a kill often lands mid-write.
fn set(note: &str) -> Annotations {
    let text = "They said 2,500 troops will go. Die Gespräche wurden \"vorerst\" ausgesetzt.\n";
    let claims = (0..1500)
        .map(|n| Claim {
            id: RecordId(format!("01J{n:023}")),
            anchor: Anchor::new("en/a.txt", text, 0..31),
            tags: vec!["troops".into()],
            speaker: Some("the ministry".into()),
            summary: None,
            verdict: "disputed".into(),
            about: None,
            note: format!("{note} {n}"),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        })
        .collect();
    Annotations { claims, ..Annotations::default() }
}

/// In the child: save the two sets in turn until killed.
#[test]
fn crash_child_saves_until_killed() {
    let Ok(path) = std::env::var(CHILD) else { return };
    let (first, second) = (set("first"), set("second"));
    let mut store = Store::open(Path::new(&path)).expect("open");
    assert!(store.read_only().is_none(), "the child holds the lock");
    // Tell the parent how long one save takes here, so it spreads its kill
    // over the next few saves whatever the machine's load.
    let start = Instant::now();
    store.save(&second).expect("save");
    store.save(&first).expect("save");
    let ready = format!("{path}.ready");
    std::fs::write(&ready, (start.elapsed().as_micros() / 2).to_string()).expect("write the ready file");
    loop {
        store.save(&second).expect("save");
        store.save(&first).expect("save");
    }
}

#[test]
fn a_kill_at_any_point_of_a_save_leaves_one_complete_set() {
    if std::env::var(CHILD).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.ron");
    let (first, second) = (set("first"), set("second"));
    std::fs::write(&path, file::render(&first)).unwrap();
    let temp = dir.path().join("dossier.ron.tmp");
    let mut seen = [0usize; 2];
    let mut mid_save = 0;
    let ready = dir.path().join("dossier.ron.ready");
    // Kill points spread over three saves, deterministic across runs.
    let mut point = 7u64;
    // At least 40 rounds, and more (up to 400) until three kills have
    // landed inside a save, so the test cannot pass without one.
    let mut round = 0;
    while round < 40 || (mid_save < 3 && round < 400) {
        round += 1;
        point = (point * 37 + 11) % 97;
        let _ = std::fs::remove_file(&ready);
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child_saves_until_killed", "--nocapture", "--test-threads=1"])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the child");
        let started = Instant::now();
        let save_micros = loop {
            if let Some(micros) = std::fs::read_to_string(&ready).ok().and_then(|t| t.parse::<u64>().ok()) {
                break micros;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "round {round}: the child never saved");
            std::thread::sleep(Duration::from_millis(1));
        };
        std::thread::sleep(Duration::from_micros(save_micros * 3 * point / 97));
        child.kill().expect("kill the child");
        child.wait().expect("reap the child");
        // A temp file left behind: the kill came between its creation and the rename.
        if temp.exists() {
            mid_save += 1;
            std::fs::remove_file(&temp).unwrap();
        }

        let text = std::fs::read_to_string(&path).expect("the file is there");
        let on_disk = file::parse(&text, &path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        if on_disk == first {
            seen[0] += 1;
        } else if on_disk == second {
            seen[1] += 1;
        } else {
            panic!("round {round}: the file holds neither complete set");
        }
        if let Ok(text) = std::fs::read_to_string(backup_path(&path)) {
            let bak = file::parse(&text, &path).unwrap_or_else(|e| panic!("round {round}: .bak: {e}"));
            assert!(bak == first || bak == second, "round {round}: the .bak holds neither complete set");
        }
    }
    println!("kills: {} left the first set, {} the second, {mid_save} came mid-save", seen[0], seen[1]);
    // Every kill came after the child's first saves (it waited for them),
    // so each round checked a file the child was busy replacing.
    assert_eq!(seen[0] + seen[1], round);
    // Without kills inside a save, the rounds above prove nothing about one.
    assert!(
        mid_save >= 3,
        "only {mid_save} kills in {round} rounds landed between creating the temp file and the rename"
    );
}
