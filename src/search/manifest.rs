//! The manifest beside an index: for every corpus file indexed, its size,
//! modification time and content hash, so an update reads only the files
//! that changed.

use crate::safe_fs;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// What a file was when it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime: i64,
    /// xxh3 of the file's bytes.
    pub hash: u64,
}

impl FileStamp {
    /// The size and modification time of `metadata`, with `hash` to fill in.
    pub fn of(metadata: &fs::Metadata, hash: u64) -> FileStamp {
        FileStamp { size: metadata.len(), mtime: nanos(metadata.modified().ok()), hash }
    }
}

/// The manifest file's content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`super::INDEX_VERSION`] of the dossier that wrote it; any other
    /// version means the index is rebuilt.
    pub version: u32,
    /// The corpus folder, canonical (a hash collision would show here).
    pub corpus: String,
    /// When the manifest was written, in nanoseconds since the epoch: a
    /// file modified in the same instant is hashed again next time, as its
    /// time alone cannot tell an edit made just after indexing.
    pub written: i64,
    /// Files by path relative to the corpus root.
    pub files: BTreeMap<String, Indexed>,
}

/// A file as indexed: what it was, and how many articles it gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indexed {
    pub stamp: FileStamp,
    pub articles: u32,
}

/// A manifest bigger than this is not ours: 100k files take about 10 MB.
const MANIFEST_LIMIT: u64 = 1 << 30;

impl Manifest {
    /// Reads the manifest at `path`; `None` when it is missing, unreadable
    /// or not a manifest (the index is then rebuilt, never trusted).
    pub fn read(path: &Path) -> Option<Manifest> {
        let bytes = safe_fs::read_regular(path, safe_fs::Links::Refuse, MANIFEST_LIMIT).ok()?.ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the manifest to `path` atomically: a temp file beside it,
    /// synced, renamed over it.
    pub fn write(&mut self, path: &Path) -> io::Result<()> {
        self.written = nanos(Some(SystemTime::now()));
        let temp = path.with_extension("json.tmp");
        safe_fs::clear_path(&temp)?;
        let mut file = safe_fs::create_new(&temp)?;
        file.write_all(&serde_json::to_vec(self).map_err(io::Error::other)?)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    }

    /// Whether the file now described by `metadata` may differ from what
    /// was indexed (its content hash then decides).
    pub fn may_have_changed(&self, path: &str, metadata: &fs::Metadata) -> bool {
        let Some(Indexed { stamp, .. }) = self.files.get(path) else { return true };
        let now = FileStamp::of(metadata, stamp.hash);
        // Times within two seconds of the write are too close to trust
        // (coarse file-system clocks): the hash decides.
        now != *stamp || stamp.mtime >= self.written - 2_000_000_000
    }

    /// Articles in the indexed files.
    pub fn articles(&self) -> u64 {
        self.files.values().map(|f| u64::from(f.articles)).sum()
    }
}

fn nanos(time: Option<SystemTime>) -> i64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}
