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
//!
//! Nothing here follows a symlink. The annotation file is read only when it
//! is a regular file of at most `MAX_ANNOTATION_FILE_BYTES`; when it is a
//! symlink it is neither read nor replaced, and the store is read-only. A
//! link, FIFO or device at a side file's path (lock, temp, `.bak`) is
//! removed and replaced by a file of our own, never written through.

use super::file::{self, ParseError};
use super::merge;
use super::model::Annotations;
use crate::safe_fs::{self, Links, NotRegular};
use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest annotation file dossier reads: 256 MiB. A thousand claims
/// take about 1 MB, so no real file comes near; the limit keeps a wrong or
/// hostile file from exhausting memory.
pub const MAX_ANNOTATION_FILE_BYTES: u64 = 256 << 20;

/// The most of a lock file read for its holder's line (it holds two short lines).
const MAX_LOCK_FILE_BYTES: u64 = 4096;

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
    /// Something the analyst should hear about that did not stop the open.
    notice: Option<String>,
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
    /// The file is a symlink (to `target`, resolved beside the link): it is
    /// neither followed nor replaced.
    Link { target: PathBuf },
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnly::Locked { holder } => {
                write!(f, "another dossier is editing this file ({holder}); take over to edit")
            }
            ReadOnly::Unparsable(error) => write!(f, "{error}; open read-only, the file will not be overwritten"),
            ReadOnly::Unlockable { message } => write!(f, "cannot lock the file: {message}"),
            ReadOnly::Link { target } => {
                write!(f, "it is a symbolic link (to {}); {}", target.display(), link_advice(target))
            }
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
    /// Something other than a regular file is where a file of ours goes.
    #[error("{path} is {what}, not a regular file; {}", not_regular_advice(.what))]
    NotRegular { path: PathBuf, what: NotRegular },
    #[error(
        "{path} holds {bytes} bytes, over the {} MiB limit for an annotation file; \
         is it the right file? (another can be chosen with --annotations)",
        .limit >> 20
    )]
    TooLarge { path: PathBuf, bytes: u64, limit: u64 },
}

/// Told when the file holds no records but its backup does: most likely
/// it was emptied by accident while dossier was closed. Nothing is done
/// on its own (the empty file may be meant); the analyst is told where
/// the previous version is.
fn emptied_notice(path: &Path) -> Option<String> {
    let backup = backup_path(path);
    let records = read_annotations_if_exists(&backup).ok()??.record_count();
    (records > 0).then(|| {
        format!(
            "{} holds no records, but {} holds {records}: if work is missing, copy it back",
            path.display(),
            backup.display()
        )
    })
}

/// What to do about a symlink where the annotation file goes.
fn link_advice(target: &Path) -> String {
    format!(
        "dossier does not read or write through links: open the target with --annotations {}, \
         or replace the link by the file",
        target.display()
    )
}

/// What to do about something other than a regular file where dossier
/// reads or writes (an annotation file, an export).
fn not_regular_advice(what: &NotRegular) -> String {
    match what {
        NotRegular::Symlink { target } => format!(
            "dossier does not read or write through links: name the target itself \
             (for an annotation file, --annotations {}), or replace the link by the file",
            target.display()
        ),
        _ => "dossier reads and writes only regular files: move it away, or name another file \
              (for an annotation file, with --annotations)"
            .to_string(),
    }
}

/// What is at `path` when it is not a regular file, a symlink's target
/// resolved beside the link (as `--annotations` would need it).
fn not_regular_at(path: &Path) -> io::Result<Option<NotRegular>> {
    Ok(safe_fs::not_regular(path)?.map(|what| match what {
        NotRegular::Symlink { target } => {
            NotRegular::Symlink { target: path.parent().map_or_else(|| target.clone(), |folder| folder.join(&target)) }
        }
        other => other,
    }))
}

impl Store {
    /// Opens the annotation file at `path` (a missing file is an empty set),
    /// taking the lock when no other dossier holds it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut store = Store {
            path: path.to_path_buf(),
            lock: None,
            read_only: None,
            base: Annotations::default(),
            disk: None,
            notice: None,
        };
        // A link is never followed, not even to read, nor replaced by a save.
        if let Ok(Some(NotRegular::Symlink { target })) = not_regular_at(path) {
            store.read_only = Some(ReadOnly::Link { target });
            return Ok(store);
        }
        // Lock before reading, so no dossier saves between the read and the lock.
        store.lock()?;
        if let Some(bytes) = read_if_exists(path)? {
            store.disk = Some(hash(&bytes));
            match file::parse(&bytes, path) {
                Ok(annotations) => {
                    if annotations.is_empty() {
                        store.notice = emptied_notice(path).or(store.notice.take());
                    }
                    store.base = annotations;
                }
                Err(error) => {
                    store.lock = None;
                    store.read_only = Some(ReadOnly::Unparsable(error));
                }
            }
        }
        Ok(store)
    }

    /// Something the analyst should know about the open that did not stop
    /// it (a link or FIFO planted as the lock file, replaced).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
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
            Some(ReadOnly::Unparsable(_) | ReadOnly::Link { .. }) => return Err(self.read_only_error()),
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
        let mut lock_file = match open_lock_file(&lock_path) {
            Ok((file, replaced)) => {
                self.notice = replaced.map(|what| {
                    format!(
                        "{} was {what}; replaced by a lock file of dossier's own, nothing written through it",
                        lock_path.display()
                    )
                });
                file
            }
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
        self.lock = Some(HeldLock { file: lock_file, holder });
        self.read_only = None;
        Ok(())
    }

    /// Fails, turning read-only, when another dossier took the lock over.
    fn check_lock(&mut self) -> Result<(), StoreError> {
        let Some(lock) = &self.lock else { return Ok(()) };
        let now = match safe_fs::read_regular(&lock_path(&self.path), Links::Refuse, MAX_LOCK_FILE_BYTES) {
            Ok(Ok(now)) if now == lock.holder.as_bytes() => return Ok(()),
            Ok(Ok(now)) => String::from_utf8_lossy(&now).into_owned(),
            Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
            // Unreadable is not lost: on Windows our own lock blocks reads
            // through another handle. (Nor is something planted there: a
            // dossier that replaces it writes its holder, seen next time.)
            Ok(Err(_)) | Err(_) => return Ok(()),
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
    file: File,
    holder: String,
}

impl Drop for HeldLock {
    /// Unlocks explicitly: closing our descriptor alone is not enough while a
    /// child forked by another thread (an editor, `git config`) still holds a
    /// copy of it until its exec, and a reopen in that moment would find the
    /// file locked by ourselves.
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
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

/// Opens the lock file, creating it when missing. A regular file there is
/// reused: it is the lock the last dossier left, which a running one may
/// hold. Anything else (a planted link, a FIFO, a device) is removed, never
/// followed, and replaced; returns what was replaced.
fn open_lock_file(path: &Path) -> io::Result<(File, Option<NotRegular>)> {
    let replaced = match safe_fs::not_regular(path) {
        Ok(Some(_)) => safe_fs::clear_path(path)?,
        Ok(None) => None,
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    Ok((safe_fs::open_or_create(path)?, replaced))
}

fn read_holder(lock_file: &mut File) -> String {
    let mut text = String::new();
    // The holder may be between locking and writing its line: say so.
    match lock_file.take(MAX_LOCK_FILE_BYTES).read_to_string(&mut text) {
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
    read_annotations_if_exists(path)?.ok_or_else(|| StoreError::Io {
        path: path.to_path_buf(),
        action: "reading",
        error: io::Error::new(io::ErrorKind::NotFound, "no such file"),
    })
}

/// Reads and parses an annotation file; `None` when there is none. The
/// same reading rules as the reader's: a regular file only, size-limited.
pub fn read_annotations_if_exists(path: &Path) -> Result<Option<Annotations>, StoreError> {
    match read_if_exists(path)? {
        Some(bytes) => Ok(Some(file::parse(&bytes, path)?)),
        None => Ok(None),
    }
}

/// The bytes of the annotation file, `None` when there is none. Read only
/// when it is a regular file (a link is not followed; a FIFO or device
/// would block or never end) of at most `MAX_ANNOTATION_FILE_BYTES`.
fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let io_error = |error| StoreError::Io { path: path.to_path_buf(), action: "reading", error };
    match not_regular_at(path) {
        Ok(Some(what)) => return Err(StoreError::NotRegular { path: path.to_path_buf(), what }),
        Ok(None) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io_error(error)),
    }
    match safe_fs::read_regular(path, Links::Refuse, MAX_ANNOTATION_FILE_BYTES) {
        Ok(Ok(bytes)) => Ok(Some(bytes)),
        Ok(Err(too_large)) => {
            Err(StoreError::TooLarge { path: path.to_path_buf(), bytes: too_large.bytes, limit: too_large.limit })
        }
        // Removed since we looked: as if it had never been there.
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_error(error)),
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
/// folder so the rename itself survives a power cut. Refuses when `path` is
/// anything but a regular file or nothing (a symlink is neither written
/// through nor replaced); a failure removes the temp files it made.
pub fn write_file(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), StoreError> {
    match not_regular_at(path) {
        Ok(Some(what)) => return Err(StoreError::NotRegular { path: path.to_path_buf(), what }),
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            return Err(StoreError::Io { path: path.to_path_buf(), action: "looking at the file", error });
        }
        _ => {}
    }
    // One fixed temp name is enough: the lock (or git, for a merge driver)
    // ensures one writer, and a crash leaves one stale file, not many.
    let temp = with_suffix(path, ".tmp");
    let written = replace(path, &temp, bytes, backup);
    if written.is_err() {
        // A crash may still leave them; the next save clears them first.
        let _ = fs::remove_file(&temp);
        if backup == Backup::Keep {
            let _ = fs::remove_file(with_suffix(&backup_path(path), ".tmp"));
        }
    }
    written
}

/// The steps of `write_file`, through `temp`.
fn replace(path: &Path, temp: &Path, bytes: &[u8], backup: Backup) -> Result<(), StoreError> {
    // Whatever is at the temp path (a crash's leftover, a planted link) is
    // removed, not opened: the temp file is always one we just made.
    let mut out = step(temp, SaveStep::CreateTemp, || {
        safe_fs::clear_path(temp)?;
        safe_fs::create_new(temp)
    })?;
    let existing = fs::symlink_metadata(path).ok();
    if let Some(meta) = &existing {
        // Keep the file's permissions (a shared group-writable file stays so).
        step(temp, SaveStep::CreateTemp, || out.set_permissions(meta.permissions()))?;
    }
    // Two halves, so that the crash test can stop mid-write.
    let (first, second) = bytes.split_at(bytes.len() / 2);
    step(temp, SaveStep::WriteTemp, || out.write_all(first))?;
    step(temp, SaveStep::WriteTemp, || out.write_all(second))?;
    step(temp, SaveStep::SyncTemp, || out.sync_all())?;
    drop(out);
    if backup == Backup::Keep && existing.is_some() {
        step(&backup_path(path), SaveStep::Backup, || keep_backup(path))?;
    }
    step(path, SaveStep::Rename, || fs::rename(temp, path))?;
    step(path, SaveStep::SyncFolder, || sync_folder(path))
}

/// Makes `<file>.bak` the file at `path` (a regular file: `write_file`
/// checked), through `<file>.bak.tmp`, following no link on the way.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let bak_temp = with_suffix(&bak, ".tmp");
    safe_fs::clear_path(&bak_temp)?;
    // A hard link costs nothing; the rename in `replace` leaves it holding
    // the old content. Copy where links are not supported.
    if fs::hard_link(path, &bak_temp).is_err() {
        let mut copy = safe_fs::create_new(&bak_temp)?;
        io::copy(&mut safe_fs::open_regular(path, Links::Refuse)?, &mut copy)?;
        copy.sync_all()?;
    }
    // A rename replaces what is at `.bak` (a link itself, never its target).
    fs::rename(&bak_temp, &bak)
}

/// Writes `annotations` to a new file beside the annotation file,
/// `<file>.rescue-<ULID>.ron`, for changes that cannot be saved to it (its
/// lock was taken over). A complete annotation file: open it with
/// `--annotations`, or merge it in with `dossier merge`. Never replaces
/// anything; a failed write leaves no partial file.
pub fn write_rescue(path: &Path, annotations: &Annotations) -> Result<PathBuf, StoreError> {
    let rescue = with_suffix(path, &format!(".rescue-{}.ron", ulid::Ulid::new()));
    let written = safe_fs::create_new(&rescue).and_then(|mut out| {
        let written = out.write_all(file::render(annotations).as_bytes()).and_then(|()| out.sync_all());
        if written.is_err() {
            let _ = fs::remove_file(&rescue);
        }
        written
    });
    match written.and_then(|()| sync_folder(&rescue)) {
        Ok(()) => Ok(rescue),
        Err(error) => Err(StoreError::Io { path: rescue, action: "writing the rescue file", error }),
    }
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
            summary: None,
            verdict: "disputed".into(),
            about: None,
            note: note.into(),
            created: None,
            modified: None,
            creator: None,
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
            for scratch in [with_suffix(&path, ".tmp"), with_suffix(&backup_path(&path), ".tmp")] {
                assert!(
                    !fs::exists(&scratch).unwrap(),
                    "{} left behind after a failure at {fail_at:?}",
                    scratch.display()
                );
            }
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
    fn a_file_emptied_while_closed_is_told_at_open_with_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "one")])).unwrap();
        store.save(&set(&[("A", "one"), ("B", "two")])).unwrap();
        drop(store);
        fs::write(&path, "").unwrap();
        let store = Store::open(&path).unwrap();
        let notice = store.notice().expect("the analyst is told");
        assert!(notice.contains("dossier.ron.bak holds 1"), "{notice}");
        // A new, empty file with no backup is nothing to tell.
        fs::remove_file(backup_path(&path)).unwrap();
        assert_eq!(Store::open(&path).unwrap().notice(), None);
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

    #[cfg(unix)]
    fn mkfifo(path: &Path) {
        let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_or_fifo_is_replaced_and_nothing_is_written_through_it() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        fs::create_dir(&corpus).unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let path = corpus.join("dossier.ron");
        symlink("../victim", lock_path(&path)).unwrap();
        let store = Store::open(&path).unwrap();
        assert!(store.read_only().is_none(), "{:?}", store.read_only());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(safe_fs::not_regular(&lock_path(&path)).unwrap(), None, "a lock file of our own took its place");
        let notice = store.notice().expect("the replaced link is told");
        assert!(notice.contains("symbolic link") && notice.contains("victim"), "{notice}");
        drop(store);

        fs::remove_file(lock_path(&path)).unwrap();
        mkfifo(&lock_path(&path));
        // No reader or writer ever opens the FIFO: following it would hang here.
        let store = Store::open(&path).unwrap();
        assert!(store.read_only().is_none(), "{:?}", store.read_only());
        assert!(store.notice().is_some_and(|n| n.contains("FIFO")), "{:?}", store.notice());
        assert_eq!(safe_fs::not_regular(&lock_path(&path)).unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_regular_lock_file_is_reused_so_the_lock_holds_across_dossiers() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        drop(Store::open(&path).unwrap());
        let inode = fs::metadata(lock_path(&path)).unwrap().ino();
        let first = Store::open(&path).unwrap();
        assert!(first.notice().is_none(), "{:?}", first.notice());
        assert_eq!(fs::metadata(lock_path(&path)).unwrap().ino(), inode, "the lock file left behind is reused");
        let second = Store::open(&path).unwrap();
        assert!(matches!(second.read_only(), Some(ReadOnly::Locked { .. })), "{:?}", second.read_only());
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_at_the_temp_and_backup_paths_are_never_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        fs::write(&path, file::render(&set(&[("A", "one")]))).unwrap();
        let scratch = [with_suffix(&path, ".tmp"), with_suffix(&backup_path(&path), ".tmp"), backup_path(&path)];
        for (n, link) in scratch.iter().enumerate() {
            let victim = dir.path().join(format!("victim{n}"));
            fs::write(&victim, "precious").unwrap();
            symlink(&victim, link).unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        store.save(&set(&[("A", "two")])).unwrap();
        for n in 0..scratch.len() {
            assert_eq!(fs::read_to_string(dir.path().join(format!("victim{n}"))).unwrap(), "precious", "victim{n}");
        }
        assert_eq!(safe_fs::not_regular(&path).unwrap(), None, "the file stays a regular file");
        assert_eq!(safe_fs::not_regular(&backup_path(&path)).unwrap(), None, "the .bak is a file, not the link");
        assert_eq!(on_disk(&path), set(&[("A", "two")]));
        assert_eq!(on_disk(&backup_path(&path)), set(&[("A", "one")]));
        assert!(!fs::exists(&scratch[0]).unwrap() && !fs::exists(&scratch[1]).unwrap(), "no scratch file left");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_annotation_file_opens_read_only_unread_and_is_never_replaced() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("shared.ron");
        let text = file::render(&set(&[("A", "theirs")]));
        fs::write(&target, &text).unwrap();
        let path = dir.path().join("dossier.ron");
        symlink(&target, &path).unwrap();
        let mut store = Store::open(&path).unwrap();
        let reason = store.read_only().expect("read-only").to_string();
        assert!(reason.contains("symbolic link") && reason.contains("shared.ron"), "{reason}");
        assert!(reason.contains("--annotations"), "says how to open the target: {reason}");
        assert!(store.annotations().is_empty(), "the link is not followed, not even to read");
        assert!(matches!(store.save(&set(&[("B", "ours")])), Err(StoreError::ReadOnly { .. })));
        assert!(store.take_over().is_err(), "taking over does not make a link writable");
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(fs::read_to_string(&target).unwrap(), text);
        assert!(!fs::exists(backup_path(&path)).unwrap() && !fs::exists(lock_path(&path)).unwrap());
        // The file readers refuse it too, and a link into a device is refused at once.
        let error = read_annotations(&path).unwrap_err().to_string();
        assert!(error.contains("symbolic link"), "{error}");
        let zero = dir.path().join("zero.ron");
        symlink("/dev/zero", &zero).unwrap();
        assert!(Store::open(&zero).unwrap().read_only().is_some());
        assert!(read_annotations(&zero).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn writing_over_a_link_is_refused_and_its_target_left_alone() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let export = dir.path().join("dossier-export.claims.csv");
        symlink(&victim, &export).unwrap();
        let error = write_file(&export, b"a,b\n", Backup::Skip).unwrap_err().to_string();
        assert!(error.contains("symbolic link"), "{error}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(fs::symlink_metadata(&export).unwrap().file_type().is_symlink());
        assert!(!fs::exists(with_suffix(&export, ".tmp")).unwrap());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_device_as_the_annotation_file_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        mkfifo(&path);
        // Nothing ever writes to the FIFO: a read would block this test forever.
        let error = Store::open(&path).unwrap_err().to_string();
        assert!(error.contains("FIFO"), "{error}");
        assert!(read_annotations(&path).unwrap_err().to_string().contains("FIFO"));
        let error = read_annotations(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(error.contains("device"), "{error}");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        // Sparse: as large as it says, without using the disk.
        File::create(&path).unwrap().set_len(MAX_ANNOTATION_FILE_BYTES + 1).unwrap();
        let error = Store::open(&path).unwrap_err().to_string();
        assert!(error.contains("256 MiB"), "{error}");
        assert!(read_annotations(&path).unwrap_err().to_string().contains("256 MiB"));
    }

    #[test]
    fn a_rescue_file_holds_the_whole_set_and_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron");
        let ours = set(&[("A", "ours"), ("B", "unsaved")]);
        let first = write_rescue(&path, &ours).unwrap();
        let second = write_rescue(&path, &ours).unwrap();
        assert_ne!(first, second, "each rescue gets its own file");
        for rescue in [&first, &second] {
            let name = rescue.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("dossier.ron.rescue-") && name.ends_with(".ron"), "{name}");
            assert_eq!(rescue.parent(), Some(dir.path()));
            assert_eq!(read_annotations(rescue).unwrap(), ours);
        }
        assert!(!path.exists(), "the annotation file itself is not touched");
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
