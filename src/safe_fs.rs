//! Opening files that come from outside (a corpus, an annotation file)
//! without being led astray: no symlink followed where we did not ask for
//! it, no FIFO or device read (a read from one can block forever or never
//! end), no file read past a stated size, and every file we create made
//! fresh, never opened through whatever already sits at its path.
//!
//! Written by hand on `libc` flags: std has no no-follow or non-blocking
//! open, and the crates that offer one (cap-std, openat) bring a whole
//! capability model we do not need for a handful of paths.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Whether a symlink at the path itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// A symlink is refused (our own files, an annotation file).
    Refuse,
    /// A symlink is followed (a path the user typed, a link the caller has
    /// already checked stays inside the corpus).
    Follow,
}

/// What sits at a path instead of a regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRegular {
    Symlink { target: PathBuf },
    Folder,
    Fifo,
    Socket,
    Device,
    Other,
}

impl fmt::Display for NotRegular {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotRegular::Symlink { target } => write!(f, "a symbolic link (to {})", target.display()),
            NotRegular::Folder => f.write_str("a folder"),
            NotRegular::Fifo => f.write_str("a FIFO (named pipe)"),
            NotRegular::Socket => f.write_str("a socket"),
            NotRegular::Device => f.write_str("a device"),
            NotRegular::Other => f.write_str("not a regular file"),
        }
    }
}

/// What is at `path` if it is not a regular file, without following a
/// symlink there; `None` for a regular file. A missing path is an error.
pub fn not_regular(path: &Path) -> io::Result<Option<NotRegular>> {
    Ok(kind_of(&fs::symlink_metadata(path)?, path))
}

fn kind_of(metadata: &fs::Metadata, path: &Path) -> Option<NotRegular> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_symlink() {
        let target = fs::read_link(path).unwrap_or_default();
        return Some(NotRegular::Symlink { target });
    }
    if kind.is_dir() {
        return Some(NotRegular::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(NotRegular::Fifo);
        }
        if kind.is_socket() {
            return Some(NotRegular::Socket);
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some(NotRegular::Device);
        }
    }
    Some(NotRegular::Other)
}

/// The error for a path that is not a regular file, naming what it is.
fn refused(path: &Path, what: &NotRegular) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("{} is {what}, not a regular file", path.display()))
}

/// Opens `path` for reading only if it is a regular file. The open itself
/// never blocks (a FIFO is opened non-blocking, then refused) and, with
/// `Links::Refuse`, never follows a symlink.
pub fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    checked(path, links, open_read(path, links))
}

/// Opens the regular file at `path` for reading and writing, creating it
/// when nothing is there (a lock file left for the next user). Never
/// follows a symlink there, never blocks, and refuses anything but a
/// regular file, so nothing is ever written through what sits at the path.
pub fn open_or_create(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW also keeps O_CREAT from creating a dangling link's target.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if let Some(what @ NotRegular::Symlink { .. }) = not_regular(path).ok().flatten() {
        return Err(refused(path, &what));
    }
    checked(path, Links::Refuse, options.open(path))
}

/// An opened file, if it is a regular one: the error names what it is.
fn checked(path: &Path, links: Links, opened: io::Result<File>) -> io::Result<File> {
    let file = match opened {
        Ok(file) => file,
        // O_NOFOLLOW on a symlink: say what it is rather than "too many links".
        Err(error) if links == Links::Refuse && error.raw_os_error() == Some(libc_eloop()) => {
            return Err(match not_regular(path) {
                Ok(Some(what)) => refused(path, &what),
                _ => error,
            });
        }
        Err(error) => return Err(error),
    };
    // Checked on the open file, so nothing can be swapped in between.
    let metadata = file.metadata()?;
    match kind_of(&metadata, path) {
        None => Ok(file),
        Some(what) => Err(refused(path, &what)),
    }
}

#[cfg(unix)]
fn open_read(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let nofollow = if links == Links::Refuse { libc::O_NOFOLLOW } else { 0 };
    // O_NONBLOCK only matters for FIFOs and devices, which are then refused;
    // reads from a regular file are unaffected by it.
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | nofollow).open(path)
}

#[cfg(not(unix))]
fn open_read(path: &Path, links: Links) -> io::Result<File> {
    if links == Links::Refuse {
        if let Some(what @ NotRegular::Symlink { .. }) = not_regular(path)? {
            return Err(refused(path, &what));
        }
    }
    File::open(path)
}

#[cfg(unix)]
fn libc_eloop() -> i32 {
    libc::ELOOP
}

#[cfg(not(unix))]
fn libc_eloop() -> i32 {
    -1
}

/// A file that is larger than the limit it is read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// Its size (or the bytes read before giving up, if it grew).
    pub bytes: u64,
    pub limit: u64,
}

/// The bytes of the regular file at `path`, or `Ok(Err(TooLarge))` when it
/// holds more than `limit` bytes (checked before and while reading, so a
/// file that grows meanwhile is caught too).
pub fn read_regular(path: &Path, links: Links, limit: u64) -> io::Result<Result<Vec<u8>, TooLarge>> {
    let file = open_regular(path, links)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Err(TooLarge { bytes: size, limit }));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    Ok(if read > limit { Err(TooLarge { bytes: read, limit }) } else { Ok(bytes) })
}

/// Creates a new file at `path` for writing. Fails when anything exists
/// there, a symlink included (it is not followed), so a file we create is
/// always one we made.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// Removes what sits at `path` (a stale temp file, or a symlink planted
/// where our file goes) without following it, and says what it was.
/// `Ok(None)` when nothing was there. A folder is left alone: an error.
pub fn clear_path(path: &Path) -> io::Result<Option<NotRegular>> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let what = kind_of(&metadata, path);
    if what == Some(NotRegular::Folder) {
        return Err(refused(path, &NotRegular::Folder));
    }
    // `remove_file` unlinks a symlink itself, never its target.
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(what),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_symlink_is_refused_unless_followed_and_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        fs::write(&target, "hello").unwrap();
        let link = dir.path().join("link.txt");
        symlink(&target, &link).unwrap();
        let error = open_regular(&link, Links::Refuse).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(error.to_string().contains("target.txt"), "{error}");
        assert_eq!(read_regular(&link, Links::Follow, 100).unwrap().unwrap(), b"hello");
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // No writer ever opens it: a blocking open would hang this test.
        let error = open_regular(&fifo, Links::Follow).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
    }

    #[test]
    fn devices_and_folders_are_refused() {
        let error = open_regular(Path::new("/dev/zero"), Links::Follow).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let dir = tempfile::tempdir().unwrap();
        let error = open_regular(dir.path(), Links::Follow).unwrap_err();
        assert!(error.to_string().contains("a folder"), "{error}");
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, [b'x'; 11]).unwrap();
        assert_eq!(read_regular(&path, Links::Refuse, 10).unwrap(), Err(TooLarge { bytes: 11, limit: 10 }));
        assert_eq!(read_regular(&path, Links::Refuse, 11).unwrap().unwrap().len(), 11);
    }

    #[test]
    fn create_new_never_writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let link = dir.path().join("dossier.ron.tmp");
        symlink(&victim, &link).unwrap();
        assert!(create_new(&link).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        // Cleared, the link goes and the victim stays.
        let cleared = clear_path(&link).unwrap();
        assert!(matches!(cleared, Some(NotRegular::Symlink { .. })), "{cleared:?}");
        create_new(&link).unwrap().write_all(b"ours").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(fs::read_to_string(&link).unwrap(), "ours");
        assert_eq!(clear_path(&dir.path().join("missing")).unwrap(), None);
    }

    #[test]
    fn open_or_create_keeps_a_regular_file_and_refuses_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.ron.lock");
        open_or_create(&path).unwrap().write_all(b"holder").unwrap();
        let mut text = String::new();
        open_or_create(&path).unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "holder", "an existing file is opened, not truncated");
        let victim = dir.path().join("victim");
        let link = dir.path().join("link.lock");
        // Dangling: a plain O_CREAT would create the victim through it.
        symlink(&victim, &link).unwrap();
        let error = open_or_create(&link).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(!victim.exists());
    }
}
