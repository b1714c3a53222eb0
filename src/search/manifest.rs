//! The manifest beside an index: for every corpus file indexed, its size,
//! modification time and content hash, so an update reads only the files
//! that changed.
//!
//! Every `dossier search` reads it before it may query, so it is compact
//! and quick to decode: postcard (serde's compact binary format) behind a
//! tag and a checksum. A manifest that is cut short, altered or of another
//! format fails the checksum or the decode, and the index is rebuilt.

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

/// Modification times this close (in nanoseconds) may be one tick of a
/// coarse file-system clock.
const SAME_INSTANT: i64 = 2_000_000_000;

/// A manifest bigger than this is not ours: 100k files take about 4 MB.
const MANIFEST_LIMIT: u64 = 1 << 30;

/// The file's first bytes: what it is and the layout of what follows
/// (change the digit when the layout changes).
const TAG: &[u8; 8] = b"dsmanif1";

impl Manifest {
    /// Reads the manifest at `path`; `None` when it is missing, unreadable
    /// or not a manifest (the index is then rebuilt, never trusted).
    pub fn read(path: &Path) -> Option<Manifest> {
        let bytes = safe_fs::read_regular(path, safe_fs::Links::Refuse, MANIFEST_LIMIT).ok()?.ok()?;
        Manifest::decode(&bytes)
    }

    /// The manifest in `bytes`: the tag, the xxh3 of the body, the body.
    fn decode(bytes: &[u8]) -> Option<Manifest> {
        let rest = bytes.strip_prefix(TAG)?;
        let (checksum, body) = rest.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*checksum) != xxhash_rust::xxh3::xxh3_64(body) {
            return None;
        }
        postcard::from_bytes(body).ok()
    }

    fn encode(&self) -> io::Result<Vec<u8>> {
        let body = postcard::to_stdvec(self).map_err(io::Error::other)?;
        let mut bytes = Vec::with_capacity(TAG.len() + 8 + body.len());
        bytes.extend_from_slice(TAG);
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        bytes.extend_from_slice(&body);
        Ok(bytes)
    }

    /// Writes the manifest to `path` atomically: a temp file beside it,
    /// synced, renamed over it.
    pub fn write(&mut self, path: &Path) -> io::Result<()> {
        self.written = nanos(Some(SystemTime::now()));
        let temp = path.with_extension("tmp");
        safe_fs::clear_path(&temp)?;
        let mut file = safe_fs::create_new(&temp)?;
        file.write_all(&self.encode()?)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    }

    /// Whether the file now described by `metadata` may differ from what
    /// was indexed (its content hash then decides).
    pub fn may_have_changed(&self, path: &str, metadata: &fs::Metadata) -> bool {
        let Some(Indexed { stamp, .. }) = self.files.get(path) else { return true };
        let now = FileStamp::of(metadata, stamp.hash);
        // A time too close to the write cannot tell an edit made just
        // after the file was hashed: the hash decides.
        now != *stamp || !Manifest::settled(stamp, self.written)
    }

    /// Whether `stamp`, taken before `written`, can vouch for its file in
    /// a manifest written then: its time is older by more than the
    /// coarsest file-system clock (two seconds, FAT's).
    pub fn settled(stamp: &FileStamp, written: i64) -> bool {
        stamp.mtime < written - SAME_INSTANT
    }

    /// Articles in the indexed files.
    pub fn articles(&self) -> u64 {
        self.files.values().map(|f| u64::from(f.articles)).sum()
    }
}

pub fn nanos(time: Option<SystemTime>) -> i64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        let stamp = FileStamp { size: 120, mtime: 1_700_000_000_123_456_789, hash: 0xfeed_beef };
        let files = [("a.txt", 1), ("wire/ä b.jsonl", 40)]
            .into_iter()
            .map(|(key, articles)| (key.to_owned(), Indexed { stamp, articles }))
            .collect();
        Manifest { version: 1, corpus: "/corpus".into(), written: 1_700_000_100_000_000_000, files }
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("manifest.bin");
        let mut written = manifest();
        written.write(&path).expect("write");
        assert_eq!(Manifest::read(&path), Some(written));
        assert!(!dir.path().join("manifest.tmp").exists(), "the temp file is renamed over it");
    }

    #[test]
    fn a_manifest_cut_short_altered_or_of_another_format_is_refused() {
        let bytes = manifest().encode().expect("encode");
        assert!(Manifest::decode(&bytes).is_some());
        for cut in [0, 4, 8, 15, 16, bytes.len() - 1] {
            assert_eq!(Manifest::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        // Any byte changed: the tag, the checksum or the body.
        for at in [0, 9, 20, bytes.len() - 1] {
            let mut altered = bytes.clone();
            altered[at] ^= 0x01;
            assert_eq!(Manifest::decode(&altered), None, "byte {at} changed");
        }
        assert_eq!(Manifest::decode(br#"{"version":1,"corpus":"/corpus","written":0,"files":{}}"#), None);
    }
}
