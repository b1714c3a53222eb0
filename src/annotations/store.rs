//! The annotation file on disk: read once, locked against a second
//! dossier, saved atomically with the previous version kept as `.bak`,
//! merged by id when someone else changed it meanwhile, and never written
//! over when it does not parse.
//!
//! The lock is a separate file, `<file>.lock`, not a lock on the data file
//! itself: every save replaces the data file by renaming a new one over it,
//! and a lock held on the old file would silently stop covering the path.
//! The lock file is left in place on exit (removing it would race with a
//! dossier that has just opened it); the OS releases the lock itself when
//! the process ends, even on a crash, so it never goes stale.

use super::file::{self, ParseError};
use super::merge;
use super::model::Annotations;
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// An annotation file opened for reading and, when it may, for writing.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// Held while this store may write; `None` when read-only.
    lock: Option<HeldLock>,
    read_only: Option<ReadOnly>,
    /// The annotations as last read from or written to disk: the base of a
    /// merge when the file changed under us.
    base: Annotations,
    /// Hash of the bytes last read or written; `None` when there was no file.
    disk: Option<u64>,
}

/// Why a store is read-only.
#[derive(Debug)]
pub enum ReadOnly {
    /// Another dossier holds the lock; `holder` says who (pid, user, host).
    Locked { holder: String },
    /// The file does not parse; it is never written over.
    Unparsable(ParseError),
    /// The lock file could not be made (e.g. a read-only folder).
    Unlockable { message: String },
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnly::Locked { holder } => {
                write!(f, "another dossier is editing this file ({holder}); take over to edit")
            }
            ReadOnly::Unparsable(error) => write!(f, "{error}; open read-only, the file will not be overwritten"),
            ReadOnly::Unlockable { message } => write!(f, "cannot lock the file: {message}"),
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveOutcome {
    /// The annotations were written as given.
    Saved,
    /// The file on disk already held exactly this; nothing was written (so
    /// the `.bak` still holds the version before).
    Unchanged,
    /// The file had changed on disk since it was read: the merge of both was
    /// written, and the caller should adopt `annotations`.
    Merged { annotations: Annotations, conflicts: usize },
    /// The file had been emptied on disk (no records left in it, while the
    /// version we last read or saved had some): damage, not the deletion of
    /// every record. Ours was written instead of a merge, `records` of them,
    /// and the `.bak` still holds the last version with records.
    RecoveredEmptied { records: usize },
}

/// A failure to read, lock or save the annotation file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {action}: {error}")]
    Io { path: PathBuf, action: &'static str, error: io::Error },
    /// The file on disk does not parse (now); nothing was written.
    #[error("{0}; not saved, the file is left as it is")]
    Parse(#[from] ParseError),
    #[error("{path} is open read-only: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("{path}: another dossier took over the file ({holder}); now read-only, not saved")]
    LockLost { path: PathBuf, holder: String },
}

impl Store {
    /// Opens the annotation file at `path` (a missing file is an empty set),
    /// taking the lock when no other dossier holds it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut store =
            Store { path: path.to_path_buf(), lock: None, read_only: None, base: Annotations::default(), disk: None };
        // Lock before reading, so no dossier saves between the read and the lock.
        store.lock()?;
        if let Some(bytes) = read_if_exists(path)? {
            store.disk = Some(hash(&bytes));
            match file::parse(&bytes, path) {
                Ok(annotations) => store.base = annotations,
                Err(error) => {
                    store.lock = None;
                    store.read_only = Some(ReadOnly::Unparsable(error));
                }
            }
        }
        Ok(store)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The annotations as last read or saved.
    pub fn annotations(&self) -> &Annotations {
        &self.base
    }

    /// Why this store cannot save, or `None` when it can.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Takes the lock from another dossier (the user chose to). That one
    /// notices at its next save and turns read-only. A file that does not
    /// parse stays read-only.
    pub fn take_over(&mut self) -> Result<(), StoreError> {
        match &self.read_only {
            None => return Ok(()),
            Some(ReadOnly::Unparsable(_)) => return Err(self.read_only_error()),
            Some(ReadOnly::Locked { .. } | ReadOnly::Unlockable { .. }) => {}
        }
        // The other holder keeps its lock on the unlinked file; a fresh lock
        // file at the path is ours.
        let lock_path = lock_path(&self.path);
        match fs::remove_file(&lock_path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(StoreError::Io { path: lock_path, action: "removing the lock file", error });
            }
            _ => {}
        }
        self.lock()?;
        match self.read_only {
            None => Ok(()),
            Some(_) => Err(self.read_only_error()),
        }
    }

    /// Saves `annotations`. When the file changed on disk since it was read
    /// or last saved, saves the three-way merge of the two instead and
    /// returns it, except when the change left the file with no records:
    /// that is damage (a truncation, an editor's mistake), so ours is saved
    /// as it is. Refuses when read-only or when the file on disk no longer
    /// parses.
    pub fn save(&mut self, annotations: &Annotations) -> Result<SaveOutcome, StoreError> {
        if self.read_only.is_some() {
            return Err(self.read_only_error());
        }
        self.check_lock()?;
        let on_disk = read_if_exists(&self.path)?;
        let on_disk_hash = on_disk.as_deref().map(hash);
        // A file deleted under us is simply written again: nothing to merge.
        let theirs = match &on_disk {
            Some(bytes) if on_disk_hash != self.disk => Some(file::parse(bytes, &self.path)?),
            _ => None,
        };
        let emptied =
            theirs.as_ref().is_some_and(|theirs| theirs.is_empty() && !self.base.is_empty() && !annotations.is_empty());
        let merged = match &theirs {
            Some(theirs) if !emptied => Some(merge::merge(&self.base, annotations, theirs)),
            _ => None,
        };
        let to_write = merged.as_ref().map_or(annotations, |m| &m.annotations);
        let text = file::render(to_write);
        let unchanged = match &on_disk {
            Some(bytes) => bytes.as_slice() == text.as_bytes(),
            None => to_write.is_empty(),
        };
        if !unchanged {
            // The `.bak` keeps the last version with records: a file with
            // none (emptied, or every record deleted) adds nothing to it.
            let replaced = theirs.as_ref().unwrap_or(&self.base);
            let backup = if on_disk.is_some() && replaced.is_empty() { Backup::Skip } else { Backup::Keep };
            write_file(&self.path, text.as_bytes(), backup)?;
        }
        self.disk = if unchanged { on_disk_hash } else { Some(hash(text.as_bytes())) };
        self.base = to_write.clone();
        Ok(match merged {
            Some(merged) => SaveOutcome::Merged { annotations: merged.annotations, conflicts: merged.conflicts },
            None if emptied => SaveOutcome::RecoveredEmptied { records: annotations.record_count() },
            None if unchanged => SaveOutcome::Unchanged,
            None => SaveOutcome::Saved,
        })
    }

    fn read_only_error(&self) -> StoreError {
        let reason = self.read_only.as_ref().map_or_else(String::new, ToString::to_string);
        StoreError::ReadOnly { path: self.path.clone(), reason }
    }

    /// Takes the lock, or turns read-only saying why not.
    fn lock(&mut self) -> Result<(), StoreError> {
        let lock_path = lock_path(&self.path);
        let opened = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&lock_path);
        let mut lock_file = match opened {
            Ok(file) => file,
            Err(error) => {
                self.read_only = Some(ReadOnly::Unlockable { message: format!("{}: {error}", lock_path.display()) });
                return Ok(());
            }
        };
        match lock_file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let holder = read_holder(&mut lock_file);
                self.read_only = Some(ReadOnly::Locked { holder });
                return Ok(());
            }
            Err(TryLockError::Error(error)) => {
                self.read_only = Some(ReadOnly::Unlockable { message: format!("{}: {error}", lock_path.display()) });
                return Ok(());
            }
        }
        let holder = HeldLock::describe();
        lock_file.set_len(0).and_then(|()| lock_file.write_all(holder.as_bytes())).map_err(|error| StoreError::Io {
            path: lock_path,
            action: "writing the lock file",
            error,
        })?;
        self.lock = Some(HeldLock { _file: lock_file, holder });
        self.read_only = None;
        Ok(())
    }

    /// Fails, turning read-only, when another dossier took the lock over.
    fn check_lock(&mut self) -> Result<(), StoreError> {
        let Some(lock) = &self.lock else { return Ok(()) };
        let now = match fs::read_to_string(lock_path(&self.path)) {
            Ok(now) if now == lock.holder => return Ok(()),
            Ok(now) => now,
            Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
            // Unreadable is not lost: on Windows our own lock blocks reads
            // through another handle.
            Err(_) => return Ok(()),
        };
        let holder = holder_line(&now);
        self.lock = None;
        self.read_only = Some(ReadOnly::Locked { holder: holder.clone() });
        Err(StoreError::LockLost { path: self.path.clone(), holder })
    }
}

/// The lock this process holds: the open, locked lock file (the OS lock
/// lasts as long as it is open) and what we wrote into it.
#[derive(Debug)]
struct HeldLock {
    _file: File,
    holder: String,
}

impl HeldLock {
    /// Who we are, for another dossier's message, then a unique token so a
    /// take-over is noticed even by the same pid on another host.
    fn describe() -> String {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "?".into());
        let host = fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|h| h.trim().to_string())
            .or_else(|_| std::env::var("HOSTNAME"))
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .unwrap_or_else(|_| "?".into());
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
        format!("pid {}, {user} on {host}, since {since}\n{}\n", std::process::id(), ulid::Ulid::new())
    }
}

fn read_holder(lock_file: &mut File) -> String {
    let mut text = String::new();
    // The holder may be between locking and writing its line: say so.
    match lock_file.read_to_string(&mut text) {
        Ok(_) => holder_line(&text),
        Err(_) => holder_line(""),
    }
}

fn holder_line(text: &str) -> String {
    match text.lines().next() {
        Some(line) if !line.trim().is_empty() => line.to_string(),
        _ => "holder unknown".to_string(),
    }
}

/// `<file>.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

/// `<file>.bak`: the version before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads and parses an annotation file that must exist; an empty file is
/// an empty set (git gives an empty base when both branches added the file).
pub fn read_annotations(path: &Path) -> Result<Annotations, StoreError> {
    let bytes =
        fs::read(path).map_err(|error| StoreError::Io { path: path.to_path_buf(), action: "reading", error })?;
    Ok(file::parse(&bytes, path)?)
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(StoreError::Io { path: path.to_path_buf(), action: "reading", error }),
    }
}

fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Whether a save keeps the replaced version as `<file>.bak`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// Keep the replaced file as `<file>.bak` (saves from the reader).
    Keep,
    /// Just replace it (a git merge driver's temporary file).
    Skip,
}

/// The steps of an atomic write, named in error messages (and, in tests,
/// where a failure is injected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveStep {
    CreateTemp,
    WriteTemp,
    SyncTemp,
    Backup,
    Rename,
    SyncFolder,
}

impl SaveStep {
    fn action(self) -> &'static str {
        match self {
            SaveStep::CreateTemp => "creating the temporary file",
            SaveStep::WriteTemp => "writing the temporary file",
            SaveStep::SyncTemp => "flushing the temporary file to disk",
            SaveStep::Backup => "keeping the previous version as .bak",
            SaveStep::Rename => "renaming the temporary file over the file",
            SaveStep::SyncFolder => "flushing the folder to disk",
        }
    }
}

#[cfg(test)]
thread_local! {
    /// The step at which the next write on this thread fails, as a crash would.
    static FAIL_AT: std::cell::Cell<Option<SaveStep>> = const { std::cell::Cell::new(None) };
}

/// Runs one step of a write (in tests, stops right after it when asked).
fn step<T>(path: &Path, step: SaveStep, run: impl FnOnce() -> io::Result<T>) -> Result<T, StoreError> {
    let done = run();
    // A crash right after the step ran: nothing after it happens.
    #[cfg(test)]
    if FAIL_AT.get() == Some(step) {
        return Err(StoreError::Io {
            path: path.to_path_buf(),
            action: step.action(),
            error: io::Error::other("injected"),
        });
    }
    done.map_err(|error| StoreError::Io { path: path.to_path_buf(), action: step.action(), error })
}

/// Replaces the file at `path` by `bytes` atomically: a reader (or a crash)
/// sees either the whole old file or the whole new one. Temp file in the
/// same folder, fsync, optional `.bak` of the old file, rename, fsync of the
/// folder so the rename itself survives a power cut.
pub fn write_file(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), StoreError> {
    // One fixed temp name is enough: the lock (or git, for a merge driver)
    // ensures one writer, and a crash leaves one stale file, not many.
    let temp = with_suffix(path, ".tmp");
    let mut out = step(&temp, SaveStep::CreateTemp, || File::create(&temp))?;
    if let Ok(meta) = fs::metadata(path) {
        // Keep the file's permissions (a shared group-writable file stays so).
        step(&temp, SaveStep::CreateTemp, || fs::set_permissions(&temp, meta.permissions()))?;
    }
    // Two halves, so that the crash test can stop mid-write.
    let (first, second) = bytes.split_at(bytes.len() / 2);
    step(&temp, SaveStep::WriteTemp, || out.write_all(first))?;
    step(&temp, SaveStep::WriteTemp, || out.write_all(second))?;
    step(&temp, SaveStep::SyncTemp, || out.sync_all())?;
    drop(out);
    if backup == Backup::Keep && fs::exists(path).unwrap_or(false) {
        let bak = backup_path(path);
        let bak_temp = with_suffix(&bak, ".tmp");
        step(&bak, SaveStep::Backup, || {
            let _ = fs::remove_file(&bak_temp);
            // A hard link costs nothing; the rename below leaves it holding
            // the old content. Copy where links are not supported.
            if fs::hard_link(path, &bak_temp).is_err() {
                fs::copy(path, &bak_temp)?;
                File::open(&bak_temp)?.sync_all()?;
            }
            fs::rename(&bak_temp, &bak)
        })?;
    }
    step(path, SaveStep::Rename, || fs::rename(&temp, path))?;
    step(path, SaveStep::SyncFolder, || sync_folder(path))
}

#[cfg(unix)]
fn sync_folder(path: &Path) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    File::open(folder)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are journaled.
#[cfg(not(unix))]
fn sync_folder(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::arbitrary;
    use crate::annotations::{Anchor, Claim, RecordId};
    use proptest::prelude::*;

    fn claim(id: &str, note: &str) -> Claim {
        Claim {
            id: RecordId(id.into()),
            anchor: Anchor::new("en/a.txt", "They said 2,500 troops will go. Talks paused.", 0..31),
            tags: vec!["troops".into()],
            speaker: Some("the ministry".into()),
            verdict: "disputed".into(),
            about: None,
            note: note.into(),
            conflicts: vec![],
        }
    }

    fn set(claims: &[(&str, &str)]) -> Annotations {
        Annotations { claims: claims.iter().map(|(id, note)| claim(id, note)).collect(), ..Annotations::default() }
    }

    fn on_disk(path: &Path) -> Annotations {
        let text = fs::read_to_string(path).expect("the file is readable");
        file::parse(&text, path).expect("the file on disk always parses")
    }

    #[test]
    fn a_missing_file_is_an_empty_set_and_saving_nothing_creates_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        assert!(store.annotations().is_empty());
        assert!(store.read_only().is_none());
        assert_eq!(store.save(&Annotations::default()).unwrap(), SaveOutcome::Unchanged);
        assert!(!path.exists());
        assert_eq!(store.save(&set(&[("A", "x")])).unwrap(), SaveOutcome::Saved);
        assert_eq!(on_disk(&path), set(&[("A", "x")]));
    }

    #[test]
    fn the_bak_holds_the_version_before_the_last_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "one")])).unwrap();
        assert!(!backup_path(&path).exists(), "no previous version yet");
        store.save(&set(&[("A", "two")])).unwrap();
        assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "one")]));
        store.save(&set(&[("A", "three")])).unwrap();
        assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "two")]));
        // Saving the same again writes nothing, so the .bak is not lost.
        assert_eq!(store.save(&set(&[("A", "three")])).unwrap(), SaveOutcome::Unchanged);
        assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "two")]));
        assert_eq!(on_disk(&path), set(&[("A", "three")]));
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_complete_old_or_new_file() {
        let steps = [
            (SaveStep::CreateTemp, "old"),
            (SaveStep::WriteTemp, "old"),
            (SaveStep::SyncTemp, "old"),
            (SaveStep::Backup, "old"),
            (SaveStep::Rename, "new"),
            (SaveStep::SyncFolder, "new"),
        ];
        let old = set(&[("A", "old"), ("B", "kept")]);
        let new = set(&[("A", "new \"quoted\"\nnote"), ("C", "added")]);
        for (fail_at, expected) in steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("dossier.ron");
            fs::write(&path, file::render(&old)).unwrap();
            let mut store = Store::open(&path).unwrap();
            FAIL_AT.set(Some(fail_at));
            let result = store.save(&new);
            FAIL_AT.set(None);
            let error = result.expect_err("the injected failure is reported");
            assert!(error.to_string().contains(fail_at.action()), "{fail_at:?}: {error}");
            let expected = if expected == "old" { &old } else { &new };
            assert_eq!(&on_disk(&path), expected, "after a failure at {fail_at:?}");
            if fs::exists(backup_path(&path)).unwrap() {
                assert_eq!(on_disk(&backup_path(&path)), old, "the .bak after a failure at {fail_at:?}");
            }
            // A restarted dossier reads the survivor and saves over the debris.
            drop(store);
            let mut again = Store::open(&path).unwrap();
            assert_eq!(again.annotations(), expected);
            assert_eq!(
                again.save(&new).unwrap(),
                if expected == &new { SaveOutcome::Unchanged } else { SaveOutcome::Saved }
            );
            assert_eq!(on_disk(&path), new);
        }
    }

    #[test]
    fn a_file_that_does_not_parse_opens_read_only_and_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let broken = "(\n  version: 1,\n  claims: [\n    (id: \"A\" oops),\n  ],\n)\n";
        fs::write(&path, broken).unwrap();
        let mut store = Store::open(&path).unwrap();
        let Some(ReadOnly::Unparsable(ParseError::Syntax { line, column, .. })) = store.read_only() else {
            panic!("expected a syntax error, got {:?}", store.read_only());
        };
        assert_eq!((*line, *column), (4, 14), "the column of `oops`");
        assert!(store.read_only().unwrap().to_string().contains("dossier.ron:4:14"));
        assert_never_written(&mut store, broken);
    }

    /// A store that is read-only because its file does not parse refuses to
    /// save, before and after a take-over, and leaves `text` byte for byte.
    fn assert_never_written(store: &mut Store, text: &str) {
        let error = store.save(&set(&[("A", "x")])).unwrap_err();
        assert!(matches!(error, StoreError::ReadOnly { .. }), "{error}");
        assert!(store.take_over().is_err(), "taking over does not make a broken file writable");
        assert!(store.save(&set(&[("A", "x")])).is_err());
        assert_eq!(fs::read_to_string(store.path()).unwrap(), text);
        assert!(!backup_path(store.path()).exists());
    }

    #[test]
    fn a_file_broken_after_opening_is_not_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "x")])).unwrap();
        fs::write(&path, "(version: 1, claims: [").unwrap();
        let error = store.save(&set(&[("A", "y")])).unwrap_err();
        assert!(matches!(error, StoreError::Parse(_)), "{error}");
        assert!(error.to_string().contains("dossier.ron:1:"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "(version: 1, claims: [");
    }

    #[test]
    fn a_file_emptied_on_disk_is_damage_not_a_deletion_of_every_record() {
        for emptied in ["", " \n\t\n", "(version: 1)\n"] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("dossier.ron");
            let mut store = Store::open(&path).unwrap();
            store.save(&set(&[("A", "one")])).unwrap();
            store.save(&set(&[("A", "one"), ("B", "two")])).unwrap();
            // Another program empties the file while we edit.
            fs::write(&path, emptied).unwrap();
            let ours = set(&[("A", "one"), ("B", "two"), ("C", "three")]);
            assert_eq!(store.save(&ours).unwrap(), SaveOutcome::RecoveredEmptied { records: 3 }, "{emptied:?}");
            assert_eq!(on_disk(&path), ours, "{emptied:?}");
            assert_eq!(store.annotations(), &ours);
            // The .bak still holds a version with records, not the emptied file.
            assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "one")]), "{emptied:?}");
            // And the next save is an ordinary one again.
            assert_eq!(store.save(&set(&[("A", "one")])).unwrap(), SaveOutcome::Saved);
            assert_eq!(on_disk(&backup_path(&path)), ours);
        }
    }

    #[test]
    fn a_file_with_no_records_never_replaces_the_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "one")])).unwrap();
        store.save(&set(&[("A", "two")])).unwrap();
        drop(store);
        // Emptied while no dossier had it open: it opens as an empty set.
        fs::write(&path, "").unwrap();
        let mut store = Store::open(&path).unwrap();
        assert!(store.annotations().is_empty());
        assert_eq!(store.save(&set(&[("C", "new")])).unwrap(), SaveOutcome::Saved);
        assert_eq!(on_disk(&path), set(&[("C", "new")]));
        assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "one")]), "the last .bak with records stays");
    }

    #[test]
    fn emptied_on_disk_while_we_emptied_it_too_is_simply_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "one")])).unwrap();
        fs::write(&path, "").unwrap();
        let outcome = store.save(&Annotations::default()).unwrap();
        assert!(matches!(outcome, SaveOutcome::Merged { conflicts: 0, .. }), "{outcome:?}");
        assert!(on_disk(&path).is_empty());
    }

    #[test]
    fn a_file_from_a_newer_dossier_opens_read_only_and_is_left_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let newer =
            file::render(&set(&[("A", "x")])).replacen("      verdict:", "      weight: 0.8,\n      verdict:", 1);
        fs::write(&path, &newer).unwrap();
        let mut store = Store::open(&path).unwrap();
        let Some(ReadOnly::Unparsable(ParseError::UnknownField { field, .. })) = store.read_only() else {
            panic!("expected an unknown field, got {:?}", store.read_only());
        };
        assert_eq!(field, "weight");
        let message = store.read_only().unwrap().to_string();
        assert!(message.contains("newer dossier") && message.contains("not be overwritten"), "{message}");
        assert_never_written(&mut store, &newer);
    }

    #[test]
    fn a_file_holding_one_id_twice_opens_read_only_naming_the_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut twice = set(&[("A", "first")]);
        twice.claims.push(claim("A", "second"));
        let text = file::render(&twice);
        fs::write(&path, &text).unwrap();
        let mut store = Store::open(&path).unwrap();
        let message = store.read_only().expect("read-only").to_string();
        assert!(message.contains("claim with id \"A\""), "{message}");
        assert_never_written(&mut store, &text);
    }

    #[test]
    fn a_second_store_is_read_only_and_names_the_holder_until_it_takes_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut first = Store::open(&path).unwrap();
        assert!(first.read_only().is_none());
        let mut second = Store::open(&path).unwrap();
        let Some(ReadOnly::Locked { holder }) = second.read_only() else {
            panic!("expected locked, got {:?}", second.read_only());
        };
        assert!(holder.starts_with(&format!("pid {},", std::process::id())), "{holder}");
        assert!(matches!(second.save(&set(&[("B", "x")])), Err(StoreError::ReadOnly { .. })));

        second.take_over().unwrap();
        assert!(second.read_only().is_none());
        assert_eq!(second.save(&set(&[("B", "second")])).unwrap(), SaveOutcome::Saved);
        // The first notices at its next save, writes nothing and turns read-only.
        let error = first.save(&set(&[("A", "first")])).unwrap_err();
        assert!(matches!(error, StoreError::LockLost { .. }), "{error}");
        assert!(matches!(first.read_only(), Some(ReadOnly::Locked { .. })));
        assert_eq!(on_disk(&path), set(&[("B", "second")]));

        drop(second);
        drop(first);
        let third = Store::open(&path).unwrap();
        assert!(third.read_only().is_none(), "the lock is free once its holder is gone");
        assert_eq!(third.annotations(), &set(&[("B", "second")]));
    }

    #[test]
    fn a_file_changed_on_disk_is_merged_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        fs::write(&path, file::render(&set(&[("A", "base"), ("B", "base")]))).unwrap();
        let mut store = Store::open(&path).unwrap();
        // Someone else (a git pull, an editor) changes B and adds C.
        fs::write(&path, file::render(&set(&[("A", "base"), ("B", "theirs"), ("C", "theirs")]))).unwrap();
        // Meanwhile we changed A and deleted nothing.
        let outcome = store.save(&set(&[("A", "ours"), ("B", "base")])).unwrap();
        let expected = set(&[("A", "ours"), ("B", "theirs"), ("C", "theirs")]);
        assert_eq!(outcome, SaveOutcome::Merged { annotations: expected.clone(), conflicts: 0 });
        assert_eq!(on_disk(&path), expected);
        assert_eq!(store.annotations(), &expected);
        // The merge is the new base: the next save is an ordinary one.
        assert_eq!(store.save(&set(&[("A", "ours")])).unwrap(), SaveOutcome::Saved);
        assert_eq!(on_disk(&path), set(&[("A", "ours")]));
    }

    #[test]
    fn a_conflicting_edit_on_disk_is_merged_and_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        fs::write(&path, file::render(&set(&[("A", "base")]))).unwrap();
        let mut store = Store::open(&path).unwrap();
        fs::write(&path, file::render(&set(&[("A", "theirs")]))).unwrap();
        let SaveOutcome::Merged { annotations, conflicts } = store.save(&set(&[("A", "ours")])).unwrap() else {
            panic!("expected a merge");
        };
        assert_eq!(conflicts, 1);
        assert_eq!(annotations.claims[0].note, "ours");
        assert_eq!(annotations.claims[0].conflicts[0].theirs, "\"theirs\"");
        assert_eq!(on_disk(&path), annotations);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn save_then_open_gives_the_same_annotations(annotations in arbitrary::annotations()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("dossier.ron");
            let mut store = Store::open(&path).unwrap();
            store.save(&annotations).unwrap();
            drop(store);
            let reopened = Store::open(&path).unwrap();
            prop_assert!(reopened.read_only().is_none(), "{:?}", reopened.read_only());
            prop_assert_eq!(reopened.annotations(), &annotations);
        }
    }
}
