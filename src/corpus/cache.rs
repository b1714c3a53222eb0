//! The analysis cache: what reading and analysing each corpus file gave,
//! kept in dossier's cache folder, so that reopening a known corpus lists
//! every article without reading and analysing every file again.
//!
//! One file per corpus, `analysis/<name>-<hash of the canonical path>/articles.bin`:
//!
//! ```text
//! magic (8 bytes) · header length (u32 LE) · header (postcard)
//! records, one per corpus file:
//!   entry length (u32 LE) · texts length (u32 LE) · entry (postcard) · texts
//! trailer: record count (u64 LE) · xxh3 of every byte before it (u64 LE)
//! ```
//!
//! An entry holds everything but its articles' texts, which follow it as
//! they are, one after the other (the entry gives their lengths). The file
//! is read through once to check it, then memory-mapped, and the articles
//! it gives point into the map ([`super::text::Text`]): a reopened corpus
//! holds its structure in memory, not its text.
//!
//! A file is known unchanged by its size and modification time, or else by
//! the hash of its content. The cache is written to a temp file beside it
//! and renamed over it; one that is truncated, corrupt, of another version
//! or of another corpus is ignored (and rewritten), never trusted: every
//! span it holds is checked against its article's text before use.

use super::article::Article;
use super::detail::{Detail, LazyDetail};
use super::source::{ArticleFile, LoadProblem, SkipReason};
use super::text::Text;
use crate::safe_fs;
use memmap2::Mmap;
use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};
use xxhash_rust::xxh3::Xxh3Default;

/// Bump when the analysis, or what an article holds, changes: a cache
/// written with another number is not read. The crate version is part of
/// the check as well (see [`version`]), so a release never reads an older
/// release's cache even when this number was forgotten.
pub const ANALYSIS_VERSION: u32 = 5;

const MAGIC: &[u8; 8] = b"dossierA";
const FILE_NAME: &str = "articles.bin";
/// Bytes read from the cache at a time: records are decoded a chunk at a
/// time on all cores, and only one chunk of raw bytes is held.
const CHUNK: usize = 32 << 20;

/// The version a cache must carry to be read.
fn version() -> String {
    format!("dossier {} analysis {ANALYSIS_VERSION}", env!("CARGO_PKG_VERSION"))
}

/// The first record of a cache file.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    version: String,
    /// The corpus folder, canonical (a hash collision of the folder name
    /// would show here).
    corpus: PathBuf,
    /// When the cache was written, in nanoseconds since the epoch: a file
    /// modified within two seconds of it is hashed, as file-system clocks
    /// are too coarse to tell an edit made just after.
    written: i64,
}

/// A file's size and modification time, as the walk found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub mtime: i64,
}

impl Stat {
    /// The size and modification time in `metadata`.
    pub fn of(metadata: &fs::Metadata) -> Stat {
        Stat { size: metadata.len(), mtime: nanos(metadata.modified().ok()) }
    }
}

/// What reading and analysing one corpus file gave: one cache record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the corpus root, as the walk found it.
    pub path: PathBuf,
    /// The file's size and modification time as the walk found it.
    pub stat: Stat,
    /// xxh3 of the bytes read; `None` when the file could not be read.
    pub hash: Option<u64>,
    /// Its articles, in id order.
    pub articles: Vec<Article>,
    pub skipped: Option<SkipReason>,
    pub problems: Vec<LoadProblem>,
    pub bytes_read: u64,
}

impl Entry {
    /// The entry as a record: its entry and texts lengths, the entry, then
    /// each article's text and detail.
    fn record(&self) -> Option<Vec<u8>> {
        let details: Vec<Cow<[u8]>> = self.articles.iter().map(|a| a.lazy_detail().encoded()).collect::<Option<_>>()?;
        let lengths: Vec<(u32, u32)> = self
            .articles
            .iter()
            .zip(&details)
            .map(|(a, detail)| Some((u32::try_from(a.text.len()).ok()?, u32::try_from(detail.len()).ok()?)))
            .collect::<Option<_>>()?;
        let entry = postcard::to_stdvec(&(self, lengths)).ok()?;
        let texts: usize = self.articles.iter().zip(&details).map(|(a, detail)| a.text.len() + detail.len()).sum();
        let mut record = Vec::with_capacity(8 + entry.len() + texts);
        record.extend(len_prefix(entry.len()).ok()?);
        record.extend(len_prefix(texts).ok()?);
        record.extend(entry);
        for (article, detail) in self.articles.iter().zip(&details) {
            record.extend(article.text.as_bytes());
            record.extend(detail.iter());
        }
        Some(record)
    }
}

/// Whether every offset of `article` and its `detail` lies in its `text`,
/// on a character boundary, and its shares are shares: what the reader and
/// the list rely on without checking again.
fn article_is_sound(article: &Article, detail: &Detail, text: &str) -> bool {
    let in_text = |span: super::Span| {
        span.start() <= span.end()
            && span.end() <= text.len()
            && text.is_char_boundary(span.start())
            && text.is_char_boundary(span.end())
    };
    let share = |x: f32| (0.0..=1.0).contains(&x);
    detail.lines.iter().all(|l| in_text(l.span))
        && detail.paragraphs.iter().copied().all(in_text)
        && detail.sentences.iter().copied().all(in_text)
        && detail.mentions.iter().all(|m| in_text(m.span))
        && article.title.line.is_none_or(|line| line < detail.lines.len())
        && article.outlet().is_none_or(in_text)
        && share(article.lang.confidence)
        && article.date.as_ref().is_none_or(|date| share(date.confidence))
}

/// The analysis cache of one corpus, as a load uses it: what the last load
/// knew, and the new cache being written as this load goes.
pub struct CachedLoad {
    folder: PathBuf,
    corpus: PathBuf,
    /// The old cache's entries by path, with where each lies in `old`.
    known: HashMap<PathBuf, (Entry, Record)>,
    written: i64,
    /// The old cache file, open: records kept as they were are copied
    /// from it into the new one.
    old: Option<File>,
    /// Records of the old cache kept as they are.
    kept: Vec<Record>,
    /// The new cache, once anything differs from the old.
    writer: Option<Writer>,
    /// Whether the old cache holds a file this load did not keep.
    dropped: bool,
}

/// Where a record lies in a cache file.
#[derive(Debug, Clone, Copy)]
struct Record {
    offset: u64,
    len: u32,
}

impl CachedLoad {
    /// The cache of the corpus at `root` in the cache folder `cache`, read
    /// if there is a usable one; `None` when the corpus has no canonical
    /// path (it is then loaded without a cache).
    pub fn open(cache: &Path, root: &Path) -> Option<CachedLoad> {
        let corpus = root.canonicalize().ok()?;
        let folder = cache.join("analysis").join(corpus_key(&corpus));
        let mut load = CachedLoad {
            folder,
            corpus,
            known: HashMap::new(),
            written: 0,
            old: None,
            kept: Vec::new(),
            writer: None,
            dropped: false,
        };
        if let Some(OldCache { file, header, entries }) = read(&load.folder.join(FILE_NAME), &load.corpus) {
            load.written = header.written;
            load.known = entries.into_iter().map(|(record, entry)| (entry.path.clone(), (entry, record))).collect();
            load.old = Some(file);
        }
        Some(load)
    }

    /// Takes out of `files` those the cache knows unchanged by their size
    /// and modification time as the walk found them, and gives their
    /// entries; the rest are to be read.
    pub fn unchanged(&mut self, files: Vec<ArticleFile>) -> (Vec<Entry>, Vec<ArticleFile>) {
        let mut unchanged = Vec::new();
        let mut to_read = Vec::new();
        let recent = self.written - 2_000_000_000;
        for file in files {
            let same = |(entry, _): &(Entry, Record)| entry.stat == file.stat;
            match self.known.get(&file.path) {
                Some(known) if same(known) && file.stat.mtime < recent => {
                    let (entry, record) = self.known.remove(&file.path).expect("just found");
                    self.kept.push(record);
                    unchanged.push(entry);
                }
                _ => to_read.push(file),
            }
        }
        (unchanged, to_read)
    }

    /// The cached entry of a file read again whose content is what the
    /// cache knows (its time alone could not tell), taken out of the cache.
    pub fn same_content(&mut self, path: &Path, hash: Option<u64>) -> Option<Entry> {
        let (entry, _) = self.known.get(path)?;
        if hash.is_none() || entry.hash != hash {
            return None;
        }
        self.known.remove(path).map(|(entry, _)| entry)
    }

    /// Adds the entries of files read in this load to the new cache.
    pub fn add(&mut self, entries: &[Entry]) {
        let encoded: Vec<Vec<u8>> = entries.par_iter().filter_map(Entry::record).collect();
        if encoded.is_empty() {
            return;
        }
        if self.writer.is_none() {
            self.writer = Writer::create(&self.folder, &self.corpus, &version()).ok();
        }
        let Some(writer) = &mut self.writer else { return };
        for record in encoded {
            if writer.record(&record).is_err() {
                // A cache that cannot be written is no loss but time: the
                // next load analyses again.
                self.writer = None;
                return;
            }
        }
    }

    /// Writes the new cache, when it differs from the old: the records
    /// kept are copied over, and it replaces the old file. A failure
    /// leaves the old cache (or none) in place.
    pub fn finish(mut self) -> io::Result<()> {
        self.dropped |= !self.known.is_empty();
        if self.writer.is_none() && !self.dropped {
            return Ok(());
        }
        let mut writer = match self.writer.take() {
            Some(writer) => writer,
            None => Writer::create(&self.folder, &self.corpus, &version())?,
        };
        if let Some(old) = &self.old {
            let mut buffer = Vec::new();
            for record in &self.kept {
                buffer.resize(record.len as usize, 0);
                std::os::unix::fs::FileExt::read_exact_at(old, &mut buffer, record.offset)?;
                writer.record(&buffer)?;
            }
        }
        writer.finish()
    }
}

/// The folder name of a corpus in the cache: its name and a hash of its
/// canonical path, so two corpora never share one.
pub fn corpus_key(canonical: &Path) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    let name = canonical.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name: String = name.chars().filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_')).take(40).collect();
    format!("{name}-{hash:016x}")
}

/// A cache file being written: a temp file, renamed into place by
/// [`Writer::finish`].
struct Writer {
    out: BufWriter<File>,
    temp: PathBuf,
    path: PathBuf,
    hash: Xxh3Default,
    records: u64,
}

impl Writer {
    fn create(folder: &Path, corpus: &Path, version: &str) -> io::Result<Writer> {
        fs::create_dir_all(folder)?;
        let path = folder.join(FILE_NAME);
        // Per process, so two dossiers loading the same corpus do not
        // write into one temp file; the last rename wins, whole.
        let temp = folder.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        safe_fs::clear_path(&temp)?;
        let out = BufWriter::with_capacity(1 << 20, safe_fs::create_new(&temp)?);
        let mut writer = Writer { out, temp, path, hash: Xxh3Default::new(), records: 0 };
        let written = nanos(Some(SystemTime::now()));
        let header = Header { version: version.to_owned(), corpus: corpus.to_path_buf(), written };
        let header = postcard::to_stdvec(&header).map_err(io::Error::other)?;
        writer.write(MAGIC)?;
        writer.write(&len_prefix(header.len())?)?;
        writer.write(&header)?;
        Ok(writer)
    }

    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.out.write_all(bytes)
    }

    /// Adds a record, framed (see [`Entry::record`]).
    fn record(&mut self, record: &[u8]) -> io::Result<()> {
        self.write(record)?;
        self.records += 1;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        let (records, hash) = (self.records, self.hash.digest());
        self.out.write_all(&records.to_le_bytes())?;
        self.out.write_all(&hash.to_le_bytes())?;
        // Not synced: a cache cut short by a crash fails its checksum and
        // is rebuilt, so durability is not worth an fsync's wait.
        self.out.flush()?;
        fs::rename(&self.temp, &self.path)
    }
}

impl Drop for Writer {
    /// A cache not finished leaves no temp file behind (after a rename
    /// there is nothing left to remove).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.temp);
    }
}

fn len_prefix(len: usize) -> io::Result<[u8; 4]> {
    u32::try_from(len).map(u32::to_le_bytes).map_err(|_| io::Error::other("cache record over 4 GiB"))
}

/// A cache file as read: open, its header, its entries with where each lies.
struct OldCache {
    file: File,
    header: Header,
    entries: Vec<(Record, Entry)>,
}

/// Reads the cache at `path`, its texts memory-mapped, with its header
/// and entries; `None` unless it is whole, of this version and of
/// `corpus`. An entry that is not sound is left out (its file is read again).
fn read(path: &Path, corpus: &Path) -> Option<OldCache> {
    let mut file = safe_fs::open_regular(path, safe_fs::Links::Refuse).ok()?;
    let len = file.metadata().ok()?.len();
    let body_end = len.checked_sub(16)?;
    let mut hash = Xxh3Default::new();
    let mut read_exact = |file: &mut File, n: usize| -> Option<Vec<u8>> {
        let mut bytes = vec![0; n];
        file.read_exact(&mut bytes).ok()?;
        hash.update(&bytes);
        Some(bytes)
    };
    if read_exact(&mut file, MAGIC.len())? != MAGIC {
        return None;
    }
    let header_len = u32::from_le_bytes(read_exact(&mut file, 4)?.try_into().ok()?) as u64;
    let start = (MAGIC.len() as u64 + 4).checked_add(header_len).filter(|&s| s <= body_end)?;
    let header: Header = postcard::from_bytes(&read_exact(&mut file, header_len as usize)?).ok()?;
    if header.version != version() || header.corpus != corpus {
        return None;
    }
    // Read through (not mapped: what is only checked need not stay in
    // memory), a chunk at a time, each chunk's records decoded and checked
    // on all cores.
    let mut entries = Vec::new();
    let mut records = 0;
    let mut body = (&mut file).take(body_end - start);
    let mut pending: Vec<u8> = Vec::new();
    let mut offset = start;
    loop {
        let before = pending.len();
        let read = (&mut body).take(CHUNK as u64).read_to_end(&mut pending).ok()?;
        hash.update(&pending[before..]);
        let mut chunk = Vec::new();
        let mut at = 0;
        while let Some(prefix) = pending.get(at..at + 8) {
            let entry_len = u32::from_le_bytes(prefix[..4].try_into().ok()?) as usize;
            let texts_len = u32::from_le_bytes(prefix[4..].try_into().ok()?) as usize;
            let end = at + 8 + entry_len + texts_len;
            if end > pending.len() {
                break;
            }
            let record = Record { offset: offset + at as u64, len: u32::try_from(end - at).ok()? };
            chunk.push((record, at + 8..at + 8 + entry_len, at + 8 + entry_len..end));
            at = end;
        }
        records += chunk.len() as u64;
        let decoded: Option<Vec<Option<Checked>>> = chunk
            .into_par_iter()
            .map(|(record, entry, texts)| {
                let (entry, lengths): (Entry, Vec<(u32, u32)>) = postcard::from_bytes(&pending[entry]).ok()?;
                Some(checked(record, entry, &lengths, &pending[texts.clone()], texts.start))
            })
            .collect();
        // A record that does not decode is a cache dossier did not write;
        // one that decodes but is not sound is left out alone.
        let base = usize::try_from(offset).ok()?;
        entries.extend(decoded?.into_iter().flatten().map(|(record, entry, texts)| {
            let shift = |r: Range<usize>| r.start + base..r.end + base;
            (record, entry, texts.into_iter().map(|(text, detail)| (shift(text), shift(detail))).collect::<Vec<_>>())
        }));
        pending.drain(..at);
        offset += at as u64;
        if read == 0 {
            break;
        }
    }
    // Bytes left over are a record cut short.
    if !pending.is_empty() || offset != body_end {
        return None;
    }
    let mut trailer = [0; 16];
    file.read_exact(&mut trailer).ok()?;
    let (count, sum) = trailer.split_at(8);
    let count = u64::from_le_bytes(count.try_into().ok()?);
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    if count != records || sum != hash.digest() {
        return None;
    }
    // SAFETY: the file is dossier's own cache, which dossier never changes
    // in place (see `Text::mapped` for what another writer could do).
    let map = Arc::new(unsafe { Mmap::map(&file) }.ok()?);
    // Articles are read one at a time, in no order: no read-ahead, and no
    // mapping of the pages around the one touched, which would make a look
    // over the corpus map the whole file (see `text::release_pages`).
    let _ = map.advise(memmap2::Advice::Random);
    let entries = entries
        .into_iter()
        .map(|(record, mut entry, parts)| {
            for (article, (text, detail)) in entry.articles.iter_mut().zip(parts) {
                article.text = Text::mapped(Arc::clone(&map), text)?;
                article.set_lazy_detail(LazyDetail::mapped(Arc::clone(&map), detail)?);
            }
            Some((record, entry))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(OldCache { file, header, entries })
}

/// Where an article's text and its detail lie in a cache file.
type Parts = (Range<usize>, Range<usize>);

/// A record's entry with where its articles' texts and details lie.
type Checked = (Record, Entry, Vec<Parts>);

/// The entry of a record with where its articles' texts and details lie
/// in `texts` (offset by `base`), if the texts are UTF-8, the details
/// decode and every article is sound against its text.
fn checked(record: Record, entry: Entry, lengths: &[(u32, u32)], texts: &[u8], base: usize) -> Option<Checked> {
    if entry.articles.len() != lengths.len() {
        return None;
    }
    let mut parts = Vec::with_capacity(lengths.len());
    let mut at = 0;
    for (article, &(text_len, detail_len)) in entry.articles.iter().zip(lengths) {
        let (text_end, detail_end) = (at + text_len as usize, at + text_len as usize + detail_len as usize);
        let text = std::str::from_utf8(texts.get(at..text_end)?).ok()?;
        // Decoded to be checked, then dropped: the article decodes it
        // again from the map when it is read.
        let detail = Detail::decode(texts.get(text_end..detail_end)?)?;
        if article.path() != entry.path || !article_is_sound(article, &detail, text) {
            return None;
        }
        parts.push((base + at..base + text_end, base + text_end..base + detail_end));
        at = detail_end;
    }
    (at == texts.len()).then_some((record, entry, parts))
}

fn nanos(time: Option<SystemTime>) -> i64 {
    time.and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The names an article refers to for life (an encoding, the field a value
/// was stated in), read back from a cache: each distinct name is kept once
/// for the rest of the run. A cache naming more, or longer, names than any
/// file format has is not one dossier wrote, and is refused.
fn intern(name: &str) -> Option<&'static str> {
    const MAX_NAMES: usize = 256;
    const MAX_LEN: usize = 64;
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(known) = names.iter().find(|known| **known == name) {
        return Some(known);
    }
    if names.len() >= MAX_NAMES || name.len() > MAX_LEN {
        return None;
    }
    let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.push(name);
    Some(name)
}

/// Deserialises a `&'static str` name (see [`intern`]).
pub(super) fn name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(deserializer)?;
    intern(&name).ok_or_else(|| serde::de::Error::custom("not a name dossier writes"))
}

/// Deserialises an optional `&'static str` name (see [`intern`]).
pub(super) fn some_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<&'static str>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(name) => intern(&name).map(Some).ok_or_else(|| serde::de::Error::custom("not a name dossier writes")),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, LinkScope, StreamEvent, stream};
    use proptest::prelude::*;
    use std::time::Duration;

    /// A load of `root` with the cache in `cache`: the corpus, and how many
    /// files the first batch took from the cache.
    fn load(root: &Path, cache: &Path) -> (Corpus, usize) {
        let mut articles = Vec::new();
        let mut report = None;
        let mut first = None;
        stream(root, LinkScope::InsideCorpus, Some(cache), |event| match event {
            StreamEvent::Found { .. } => {}
            StreamEvent::Batch { articles: batch, done } => {
                first.get_or_insert(done);
                articles.extend(batch);
            }
            StreamEvent::Finished(last) => report = Some(last),
        })
        .expect("loads");
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        let corpus = Corpus { root: root.to_path_buf(), articles, report: report.expect("finished") };
        (corpus, first.unwrap_or(0))
    }

    /// Every article as bytes: two loads gave the same analysis when these match.
    /// Each article's entry, text and detail, as bytes to compare.
    fn analysis(corpus: &Corpus) -> Vec<(String, Vec<u8>, String, Vec<u8>)> {
        let encoded = |a: &Article| postcard::to_stdvec(a).expect("encodes");
        let detail = |a: &Article| postcard::to_stdvec(a.passing_detail().as_ref()).expect("encodes");
        corpus.articles.iter().map(|a| (a.id.to_string(), encoded(a), a.text.to_string(), detail(a))).collect()
    }

    fn titles(corpus: &Corpus) -> Vec<(String, String)> {
        corpus.articles.iter().map(|a| (a.id.to_string(), a.title().to_string())).collect()
    }

    /// A small corpus whose files were last changed an hour ago, so the
    /// cache trusts their size and time.
    fn corpus_of(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            write_aged(&dir.path().join(name), text, 3600);
        }
        dir
    }

    fn write_aged(path: &Path, text: &str, seconds_ago: u64) {
        fs::write(path, text).expect("write");
        let file = File::options().write(true).open(path).expect("open");
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds_ago)).expect("set time");
    }

    const FILES: [(&str, &str); 3] = [
        ("a.txt", "Talks resume in Baghdad\n\nThe talks resumed on 3 March 2024, officials said.\n"),
        (
            "b.md",
            "---\ntitle: Gespräche in Berlin\ndate: 2024-02-11\n---\nDie Gespräche wurden am Montag fortgesetzt.\n",
        ),
        (
            "c.jsonl",
            "{\"id\": \"r1\", \"title\": \"Record one\", \"text\": \"First record text here.\"}\n{\"text\": \"no id\"\n",
        ),
    ];

    /// Rewrites the cache of `root` in `cache` with `version`, each entry
    /// passed through `edit`.
    fn rewrite(cache: &Path, root: &Path, version: &str, mut edit: impl FnMut(&mut Entry)) {
        let corpus = root.canonicalize().expect("canonical");
        let folder = cache.join("analysis").join(corpus_key(&corpus));
        let entries = read(&folder.join(FILE_NAME), &corpus).expect("a sound cache").entries;
        let mut writer = Writer::create(&folder, &corpus, version).expect("writer");
        for (_, mut entry) in entries {
            edit(&mut entry);
            writer.record(&entry.record().expect("encodes")).expect("written");
        }
        writer.finish().expect("renamed");
    }

    fn cache_file(cache: &Path, root: &Path) -> PathBuf {
        let corpus = root.canonicalize().expect("canonical");
        cache.join("analysis").join(corpus_key(&corpus)).join(FILE_NAME)
    }

    #[test]
    fn a_reopened_corpus_gives_the_fresh_analysis_from_the_cache_alone() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
        let cache = tempfile::tempdir().expect("temp dir");
        let fresh = Corpus::load(&root).expect("loads");
        let (first, _) = load(&root, cache.path());
        let (reopened, from_cache) = load(&root, cache.path());
        let files = fresh.report.files_seen - fresh.report.skipped.len();
        assert!(from_cache >= files, "{from_cache} of {files} files came from the cache");
        assert_eq!(analysis(&first), analysis(&fresh));
        assert_eq!(analysis(&reopened), analysis(&fresh), "titles, dates, sentences, text alike");
        assert!(reopened.articles.iter().all(|a| a.text.is_mapped()), "the texts are read from the cache's map");
        assert!(!fresh.articles.iter().any(|a| a.text.is_mapped()));
        assert_eq!(reopened.report.problems, fresh.report.problems);
        assert_eq!(reopened.report.skipped, fresh.report.skipped);
        assert_eq!(reopened.report.bytes_read, fresh.report.bytes_read);
        let dated = reopened.articles.iter().filter(|a| a.date.is_some()).count();
        assert!(dated > 0 && reopened.articles.iter().all(|a| !a.detail().sentences.is_empty()));
    }

    #[test]
    fn a_reopened_article_decodes_its_detail_when_it_is_read_and_not_before() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
        let cache = tempfile::tempdir().expect("temp dir");
        load(&root, cache.path());
        let (reopened, _) = load(&root, cache.path());
        let article = &reopened.articles[0];
        assert!(!article.lazy_detail().is_decoded(), "listing decodes no detail");
        let passing = article.passing_detail().into_owned();
        assert!(!passing.sentences.is_empty());
        assert_eq!(&*article.passing_mentions(), passing.mentions.as_slice(), "the mentions decode alone");
        assert!(!passing.mentions.is_empty(), "the first article mentions dates");
        assert!(!article.lazy_detail().is_decoded(), "a look over the corpus keeps none decoded");
        crate::corpus::text::release_pages(&reopened.articles);
        assert_eq!(article.detail(), &passing, "read again after its pages were let go");
        assert!(article.lazy_detail().is_decoded(), "the article being read keeps it");
        let fresh = Corpus::load(&root).expect("loads");
        for (reopened, fresh) in reopened.articles.iter().zip(&fresh.articles) {
            assert_eq!(reopened.text, fresh.text, "{}", fresh.id);
        }
    }

    #[test]
    fn edited_added_and_removed_files_are_seen_on_reopening() {
        let root = corpus_of(&FILES);
        let cache = tempfile::tempdir().expect("temp dir");
        load(root.path(), cache.path());
        assert_eq!(load(root.path(), cache.path()).1, 3, "all three files from the cache");

        // Edited: a new title, the time moved on.
        write_aged(&root.path().join("a.txt"), "Talks collapse in Baghdad\n\nThe talks ended.\n", 60);
        fs::remove_file(root.path().join("b.md")).expect("remove");
        write_aged(&root.path().join("d.txt"), "A new article arrives\n\nIt says little.\n", 3600);
        let (reopened, from_cache) = load(root.path(), cache.path());
        assert_eq!(from_cache, 1, "only c.jsonl is unchanged");
        let fresh = Corpus::load(root.path()).expect("loads");
        assert_eq!(analysis(&reopened), analysis(&fresh));
        assert_eq!(
            titles(&reopened),
            [
                ("a.txt".into(), "Talks collapse in Baghdad".into()),
                ("c.jsonl#r1".into(), "Record one".into()),
                ("d.txt".into(), "A new article arrives".into()),
            ]
        );
        assert_eq!(reopened.report.problems, fresh.report.problems, "c.jsonl's bad line is still told");
        assert_eq!(load(root.path(), cache.path()).1, 3, "the new cache knows the three files");
    }

    #[test]
    fn an_edit_that_keeps_size_and_time_is_found_by_its_hash_when_the_time_is_too_close_to_trust() {
        let root = tempfile::tempdir().expect("temp dir");
        let path = root.path().join("a.txt");
        fs::write(&path, "Talks resume in Baghdad\n").expect("write");
        let when = fs::metadata(&path).and_then(|m| m.modified()).expect("time");
        let cache = tempfile::tempdir().expect("temp dir");
        load(root.path(), cache.path());
        fs::write(&path, "Talks resume in Belfast\n").expect("write");
        File::options().write(true).open(&path).and_then(|f| f.set_modified(when)).expect("set time");
        let (reopened, _) = load(root.path(), cache.path());
        assert_eq!(reopened.articles[0].title(), "Talks resume in Belfast");
    }

    #[test]
    fn a_cache_of_another_version_or_with_a_flipped_byte_is_not_used() {
        let root = corpus_of(&FILES);
        let cache = tempfile::tempdir().expect("temp dir");
        load(root.path(), cache.path());
        let planted = |entry: &mut Entry| {
            for article in &mut entry.articles {
                article.title.text = "planted in the cache".into();
            }
        };
        let planted_titles =
            |corpus: &Corpus| corpus.articles.iter().filter(|a| a.title() == "planted in the cache").count();

        // This version's cache is used as it is: the planted titles show.
        rewrite(cache.path(), root.path(), &version(), planted);
        assert_eq!(planted_titles(&load(root.path(), cache.path()).0), 3);

        rewrite(cache.path(), root.path(), &version(), planted);
        let file = cache_file(cache.path(), root.path());
        let mut bytes = fs::read(&file).expect("read");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        fs::write(&file, &bytes).expect("write");
        assert_eq!(planted_titles(&load(root.path(), cache.path()).0), 0, "a flipped byte");

        rewrite(cache.path(), root.path(), &version(), planted);
        let bytes = fs::read(&file).expect("read");
        fs::write(&file, &bytes[..bytes.len() - 1]).expect("write");
        assert_eq!(planted_titles(&load(root.path(), cache.path()).0), 0, "a truncated cache");

        rewrite(cache.path(), root.path(), "dossier 0.0.1 analysis 1", planted);
        let (reopened, from_cache) = load(root.path(), cache.path());
        assert_eq!(planted_titles(&reopened), 0, "another version");
        assert_eq!(from_cache, 3, "the first batch is the fresh analysis of all three files");
        assert_eq!(load(root.path(), cache.path()).1, 3, "and the cache is rewritten");
    }

    #[test]
    fn an_entry_whose_spans_leave_its_text_is_analysed_again() {
        let root = corpus_of(&FILES);
        let cache = tempfile::tempdir().expect("temp dir");
        load(root.path(), cache.path());
        rewrite(cache.path(), root.path(), &version(), |entry| {
            for article in &mut entry.articles {
                article.title.text = "planted in the cache".into();
                if article.id.as_str() == "a.txt" {
                    let past_the_end = crate::corpus::Span::new(0..article.text.len() + 1);
                    article.detail_mut().sentences.push(past_the_end);
                }
            }
        });
        let (reopened, _) = load(root.path(), cache.path());
        let a = reopened.article("a.txt").expect("a.txt");
        assert_eq!(a.title(), "Talks resume in Baghdad", "analysed again");
        assert_eq!(reopened.article("c.jsonl#r1").map(|a| a.title()), Some("planted in the cache"), "the rest kept");
    }

    #[test]
    fn garbage_in_the_cache_folder_is_ignored_and_replaced() {
        let root = corpus_of(&FILES);
        let cache = tempfile::tempdir().expect("temp dir");
        let file = cache_file(cache.path(), root.path());
        fs::create_dir_all(file.parent().expect("folder")).expect("folder");
        for garbage in [&b""[..], b"dossierA", b"dossierA\xff\xff\xff\xff", &[0xa5; 4096]] {
            fs::write(&file, garbage).expect("write");
            let (corpus, _) = load(root.path(), cache.path());
            assert_eq!(corpus.articles.len(), 3);
        }
        assert_eq!(load(root.path(), cache.path()).1, 3, "a sound cache replaced the garbage");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Records of any bytes, framed and summed as dossier frames them,
        /// never panic the load nor change what it gives.
        #[test]
        fn hostile_records_never_panic_nor_change_the_articles(
            records in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..300), 1..6),
            edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        ) {
            let root = corpus_of(&FILES[..1]);
            let cache = tempfile::tempdir().expect("temp dir");
            let (fresh, _) = load(root.path(), cache.path());
            let corpus = root.path().canonicalize().expect("canonical");
            let folder = cache.path().join("analysis").join(corpus_key(&corpus));
            // The real record, bent by the edits, among the random ones.
            let entries = read(&folder.join(FILE_NAME), &corpus).expect("sound").entries;
            let mut real = entries[0].1.record().expect("encodes");
            for (at, byte) in edits {
                let at = at % real.len();
                real[at] = byte;
            }
            let mut writer = Writer::create(&folder, &corpus, &version()).expect("writer");
            writer.record(&real).expect("written");
            for record in &records {
                let framed = [&len_prefix(record.len()).expect("short")[..], &[0; 4], record].concat();
                writer.record(&framed).expect("written");
            }
            writer.finish().expect("renamed");
            let (reopened, _) = load(root.path(), cache.path());
            prop_assert_eq!(reopened.articles.len(), 1);
            let text = &reopened.articles[0].text;
            prop_assert!(article_is_sound(&reopened.articles[0], reopened.articles[0].detail(), text), "{text:?}");
            prop_assert_eq!(reopened.articles[0].id.as_str(), fresh.articles[0].id.as_str());
        }
    }
}
