//! Full-text search across a corpus: a tantivy index in dossier's cache
//! folder, one per corpus, kept up to date file by file.
//!
//! The index holds every article's cleaned text (so hits carry byte
//! offsets the reader can use), its title, language and the period its
//! date may fall in. A manifest beside it records each file's size,
//! modification time and content hash; an update reads only the files
//! that changed. An index of another version, or one that cannot be read,
//! is rebuilt, never trusted.

pub mod analysis;
mod manifest;
pub mod query;
mod snippets;

pub use query::{DateRange, Query, QueryError};
pub use snippets::{Passages, Snippet};

use crate::corpus::dates::{DateValue, Precision};
use crate::corpus::lang::Lang;
use crate::corpus::source::{self, ArticleFile};
use crate::corpus::{Article, ArticleId, CorpusError, LinkScope, LoadReport};
use crate::safe_fs;
use analysis::Analyser;
use chrono::{Datelike, Days, Months, NaiveDate};
use manifest::{FileStamp, Indexed, Manifest};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocAddress, Index, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};
use xxhash_rust::xxh3::xxh3_64;

/// Bump when the schema, the analysers or what is indexed changes: an
/// index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 1;

/// The environment variable that moves dossier's cache folder (tests,
/// shared machines).
pub const CACHE_ENV: &str = "DOSSIER_CACHE";

/// The manifest beside the index, and the JSON one of earlier versions
/// (removed when the index is rebuilt).
const MANIFEST: &str = "manifest.bin";
const OLD_MANIFEST: &str = "manifest.json";

/// Files analysed and indexed per batch: big enough to keep every core
/// busy, small enough that a batch's text is little memory.
const BATCH: usize = 512;
/// A file bigger than this is not hashed (the loader refuses it anyway).
const FILE_LIMIT: u64 = 1 << 30;

/// Why the search index could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("no cache folder: set {CACHE_ENV} to a folder dossier may write its search index to")]
    NoCacheFolder,
    #[error(
        "the search index of this corpus is being updated by another dossier ({}); \
         try again when it has finished",
        .0.display()
    )]
    Busy(PathBuf),
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Query(#[from] QueryError),
}

/// dossier's cache folder: `$DOSSIER_CACHE` when set and not empty, else
/// the platform's (`~/.cache/dossier` on Linux).
pub fn cache_root() -> Option<PathBuf> {
    match std::env::var_os(CACHE_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => directories::ProjectDirs::from("org", "dossier", "dossier").map(|dirs| dirs.cache_dir().to_path_buf()),
    }
}

/// The folder in `cache` of the index of the corpus at `canonical`: its
/// name and a hash of its canonical path, so two corpora never share one.
fn index_folder(cache: &Path, canonical: &Path) -> PathBuf {
    cache.join("search").join(crate::corpus::cache::corpus_key(canonical))
}

/// The index's fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    /// The file the article came from, relative to the root: what an update deletes by.
    file: Field,
    title: Field,
    /// The cleaned text, stored only: hits and snippets point into it.
    text: Field,
    lang: Field,
    /// The estimate, as the reader shows it (`2024-02`).
    date: Field,
    /// First and last day the date may be (days from the common era).
    day_first: Field,
    day_last: Field,
    /// Title and text, analysed for the article's language, one field per
    /// [`Analyser`] (in [`Analyser::ALL`] order).
    words: [Field; 3],
}

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut schema = Schema::builder();
        let words = Analyser::ALL.map(|analyser| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(analyser.name())
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            schema.add_text_field(analyser.name(), TextOptions::default().set_indexing_options(indexing))
        });
        let fields = Fields {
            id: schema.add_text_field("id", STRING | STORED),
            file: schema.add_text_field("file", STRING),
            title: schema.add_text_field("title", STORED),
            text: schema.add_text_field("text", STORED),
            lang: schema.add_text_field("lang", STRING | STORED),
            date: schema.add_text_field("date", STORED),
            day_first: schema.add_i64_field("day_first", INDEXED | FAST | STORED),
            day_last: schema.add_i64_field("day_last", INDEXED | FAST | STORED),
            words,
        };
        (schema.build(), fields)
    }

    fn words(&self, analyser: Analyser) -> Field {
        self.words[Analyser::ALL.iter().position(|a| *a == analyser).unwrap_or(0)]
    }

    fn document(&self, article: &Article, file: &str) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.id, article.id.as_str());
        doc.add_text(self.file, file);
        doc.add_text(self.title, article.title());
        doc.add_text(self.text, &article.text);
        doc.add_text(self.lang, article.lang.lang.to_string());
        let date = article.date.as_ref();
        if let Some(value) = date.and_then(|d| d.value) {
            doc.add_text(self.date, value.to_string());
        }
        if let Some((first, last)) = date.and_then(period) {
            doc.add_i64(self.day_first, i64::from(first.num_days_from_ce()));
            doc.add_i64(self.day_last, i64::from(last.num_days_from_ce()));
        }
        let words = self.words(Analyser::for_lang(article.lang.lang));
        doc.add_text(words, article.title());
        doc.add_text(words, &article.text);
        doc
    }
}

/// The days an article's date may fall on: its estimate's period, else
/// both its bounds; `None` for an article known only to be after (or
/// before) some day, which no date range can place.
fn period(date: &crate::corpus::PublicationDate) -> Option<(NaiveDate, NaiveDate)> {
    match (date.value, date.range()) {
        (Some(DateValue { date, precision }), _) => {
            let last = match precision {
                Precision::Day => Some(date),
                Precision::Week => date.checked_add_days(Days::new(6)),
                Precision::Month => date.with_day(1)?.checked_add_months(Months::new(1))?.pred_opt(),
                Precision::Year => NaiveDate::from_ymd_opt(date.year(), 12, 31),
            };
            Some((date, last?))
        }
        (None, (Some(first), Some(last))) => Some((first, last)),
        (None, _) => None,
    }
}

fn day(days: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)
}

/// Why an index was built afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuilt {
    /// There was none yet.
    New,
    /// `--reindex` (or the TUI) asked for it.
    Asked,
    /// The one there could not be trusted, and why.
    Unreadable(&'static str),
}

impl std::fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rebuilt::New => f.write_str("there was none yet"),
            Rebuilt::Asked => f.write_str("asked to"),
            Rebuilt::Unreadable(why) => f.write_str(why),
        }
    }
}

/// What an update did.
#[derive(Debug, Default)]
pub struct UpdateReport {
    /// Why the index was built afresh, if it was (`None`: updated in place).
    pub rebuilt: Option<Rebuilt>,
    /// Files read and indexed: new or changed.
    pub indexed: usize,
    /// Files gone from the corpus, their articles taken out.
    pub removed: usize,
    /// Articles in the index now.
    pub articles: u64,
    /// Files the loader skipped or had problems with.
    pub load: LoadReport,
}

/// A corpus's search index, opened and up to date.
pub struct SearchIndex {
    /// The index as it was when opened: it does not change while open, so
    /// a hit's address stays valid for [`SearchIndex::passages`].
    searcher: Searcher,
    fields: Fields,
    /// The folder it lives in, for messages.
    pub folder: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("folder", &self.folder).finish_non_exhaustive()
    }
}

/// One article that matches a query: what a results list shows of it.
/// Where the query occurs in it is asked for separately, and only for
/// the hits shown ([`SearchIndex::passages`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: ArticleId,
    pub title: String,
    /// BM25 relevance (higher is better).
    pub score: f32,
    pub lang: String,
    /// The date estimate as the reader shows it, if there is one.
    pub date: Option<String>,
    /// The days the date may fall on, if known.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Where its text is stored in the index it came from.
    address: DocAddress,
}

impl SearchIndex {
    /// Opens the index of the corpus at `root` and brings it up to date,
    /// building it afresh when it is missing, of another version or
    /// unreadable, or when `rebuild` asks. `progress` hears files indexed
    /// so far and how many need indexing.
    pub fn open(
        root: &Path,
        links: LinkScope,
        rebuild: bool,
        progress: impl FnMut(usize, usize),
    ) -> Result<(SearchIndex, UpdateReport), SearchError> {
        let cache = cache_root().ok_or(SearchError::NoCacheFolder)?;
        SearchIndex::open_in(&cache, root, links, rebuild, progress)
    }

    /// [`SearchIndex::open`] with the index in the cache folder `cache`.
    pub fn open_in(
        cache: &Path,
        root: &Path,
        links: LinkScope,
        rebuild: bool,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<(SearchIndex, UpdateReport), SearchError> {
        source::check_root(root)?;
        let canonical = fs::canonicalize(root).map_err(|source| SearchError::Io { path: root.into(), source })?;
        let folder = index_folder(cache, &canonical);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SearchError::Io { path, source }
        };
        fs::create_dir_all(&folder).map_err(io(&folder))?;
        // Held while the index and manifest change; released on return.
        let _lock = lock(&folder)?;
        let (fields, mut report) = (Fields::schema().1, UpdateReport::default());
        let corpus = canonical.to_string_lossy().into_owned();
        let mut current = if rebuild { Err(Rebuilt::Asked) } else { open_existing(&folder, &corpus) };
        loop {
            let (index, manifest) = match current {
                Ok(found) => found,
                Err(why) => {
                    report.rebuilt = Some(why);
                    (
                        create(&folder)?,
                        Manifest { version: INDEX_VERSION, corpus: corpus.clone(), ..Manifest::default() },
                    )
                }
            };
            match update(&index, fields, manifest, root, links, &folder, &mut report, &mut progress) {
                Ok(searcher) => return Ok((SearchIndex { searcher, fields, folder }, report)),
                // An index that fails mid-update is not trusted: once, afresh.
                Err(SearchError::Index(_)) if report.rebuilt.is_none() => {
                    current = Err(Rebuilt::Unreadable("the index could not be updated"));
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// The articles matching `query`, best first, at most `limit`. Only
    /// the small stored fields are read: a hit's text is read when its
    /// passages are asked for.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let Some(tantivy_query) = self.tantivy_query(query) else { return Ok(Vec::new()) };
        let fields = self.fields;
        let found = self.searcher.search(&tantivy_query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        found
            .into_par_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
                let day = |field| doc.get_first(field).and_then(|v| v.as_i64()).and_then(day);
                Ok(Hit {
                    id: ArticleId(text(fields.id).to_owned()),
                    title: text(fields.title).to_owned(),
                    score,
                    lang: text(fields.lang).to_owned(),
                    date: Some(text(fields.date)).filter(|d| !d.is_empty()).map(str::to_owned),
                    period: day(fields.day_first).zip(day(fields.day_last)),
                    address,
                })
            })
            .collect()
    }

    /// Where `query` occurs in `hit` (one of this index's hits for it):
    /// every match in its cleaned text and title, and a few snippets
    /// around the first ones. Analysing the text is most of a search's
    /// work, hence only for the hits shown.
    pub fn passages(&self, query: &Query, hit: &Hit) -> Result<Passages, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(hit.address)?;
        let text = doc.get_first(self.fields.text).and_then(|v| v.as_str()).unwrap_or_default();
        let analyser = Analyser::for_lang(match hit.lang.as_str() {
            "de" => Lang::De,
            "en" => Lang::En,
            _ => Lang::Other,
        });
        Ok(Passages::find(analyser, text, &hit.title, &query.required))
    }

    /// The tantivy query for `query`; `None` when nothing in it can match
    /// (its words are all punctuation, say).
    fn tantivy_query(&self, query: &Query) -> Option<Box<dyn tantivy::query::Query>> {
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        for words in &query.required {
            clauses.push((Occur::Must, self.words_query(words)?));
        }
        if !query.langs.is_empty() {
            let langs = query.langs.iter().map(|lang| {
                let term = Term::from_field_text(self.fields.lang, &lang.to_string());
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn tantivy::query::Query>
            });
            clauses.push((Occur::Must, Box::new(BooleanQuery::union(langs.collect()))));
        }
        if let Some(range) = query.dates {
            let days = |date: NaiveDate| i64::from(date.num_days_from_ce());
            // The article's period overlaps the range: it starts before
            // the range ends and ends after the range starts.
            if let Some(last) = range.last {
                let term = Term::from_field_i64(self.fields.day_first, days(last));
                clauses.push((Occur::Must, Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(term)))));
            }
            if let Some(first) = range.first {
                let term = Term::from_field_i64(self.fields.day_last, days(first));
                clauses.push((Occur::Must, Box::new(RangeQuery::new(Bound::Included(term), Bound::Unbounded))));
            }
        }
        if clauses.is_empty() {
            return None;
        }
        for words in &query.excluded {
            if let Some(excluded) = self.words_query(words) {
                clauses.push((Occur::MustNot, excluded));
            }
        }
        if query.required.is_empty() {
            // Only filters: every article passing them, equally relevant.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A word or phrase in any language: each analyser's terms in its own
    /// field, as one term or a phrase.
    fn words_query(&self, words: &[String]) -> Option<Box<dyn tantivy::query::Query>> {
        let joined = words.join(" ");
        let per_language: Vec<Box<dyn tantivy::query::Query>> = Analyser::ALL
            .into_iter()
            .filter_map(|analyser| {
                let field = self.fields.words(analyser);
                let terms: Vec<Term> =
                    analyser.terms(&joined).into_iter().map(|(term, _)| Term::from_field_text(field, &term)).collect();
                match terms.len() {
                    0 => None,
                    1 => Some(Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::WithFreqs)) as Box<_>),
                    _ => Some(Box::new(PhraseQuery::new(terms)) as Box<_>),
                }
            })
            .collect();
        (!per_language.is_empty())
            .then(|| Box::new(BooleanQuery::union(per_language)) as Box<dyn tantivy::query::Query>)
    }
}

/// The update lock beside the index: one dossier updates it at a time.
fn lock(folder: &Path) -> Result<File, SearchError> {
    let path = folder.join("update.lock");
    let file = safe_fs::open_or_create(&path).map_err(|source| SearchError::Io { path: path.clone(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(SearchError::Busy(folder.to_path_buf())),
        Err(std::fs::TryLockError::Error(source)) => Err(SearchError::Io { path, source }),
    }
}

/// The index and manifest in `folder` if both are of this version, for
/// this corpus, and open; else why not.
fn open_existing(folder: &Path, corpus: &str) -> Result<(Index, Manifest), Rebuilt> {
    let manifest_path = folder.join(MANIFEST);
    if fs::symlink_metadata(&manifest_path).is_err() {
        return Err(Rebuilt::New);
    }
    let manifest = Manifest::read(&manifest_path).ok_or(Rebuilt::Unreadable("its manifest could not be read"))?;
    if manifest.version != INDEX_VERSION {
        return Err(Rebuilt::Unreadable("it was built by another version of dossier"));
    }
    if manifest.corpus != corpus {
        return Err(Rebuilt::Unreadable("it belongs to another corpus"));
    }
    let index =
        Index::open_in_dir(folder.join("index")).map_err(|_| Rebuilt::Unreadable("the index could not be opened"))?;
    if index.schema() != Fields::schema().0 {
        return Err(Rebuilt::Unreadable("its fields differ from this version's"));
    }
    analysis::register(index.tokenizers());
    Ok((index, manifest))
}

/// A fresh, empty index in `folder/index`.
fn create(folder: &Path) -> Result<Index, SearchError> {
    let path = folder.join("index");
    let io = |source| SearchError::Io { path: path.clone(), source };
    if fs::symlink_metadata(&path).is_ok() {
        fs::remove_dir_all(&path).map_err(io)?;
    }
    for manifest in [MANIFEST, OLD_MANIFEST] {
        let _ = fs::remove_file(folder.join(manifest));
    }
    fs::create_dir_all(&path).map_err(io)?;
    let index = Index::create_in_dir(&path, Fields::schema().0)?;
    analysis::register(index.tokenizers());
    Ok(index)
}

/// A file of the corpus as it is now.
struct Found {
    file: ArticleFile,
    key: String,
    /// `None` when it could not be read.
    stamp: Option<FileStamp>,
    /// Whether its content was hashed (its size and time could not vouch
    /// for it).
    hashed: bool,
}

impl Found {
    /// `file` as it is now, hashed only when `manifest` cannot vouch for
    /// it by size and time.
    fn stat(file: ArticleFile, manifest: &Manifest) -> Found {
        let key = file_key(&file.path);
        let Ok(metadata) = fs::metadata(&file.canonical) else {
            return Found { file, key, stamp: None, hashed: false };
        };
        if let Some(indexed) = manifest.files.get(&key).filter(|_| !manifest.may_have_changed(&key, &metadata)) {
            return Found { stamp: Some(indexed.stamp), file, key, hashed: false };
        }
        let bytes = safe_fs::read_regular(&file.canonical, safe_fs::Links::Follow, FILE_LIMIT);
        let stamp = bytes.ok().and_then(Result::ok).map(|bytes| FileStamp::of(&metadata, xxh3_64(&bytes)));
        Found { file, key, stamp, hashed: true }
    }
}

/// How the corpus differs from the manifest.
#[derive(Default)]
struct Changes<'a> {
    /// Files new or changed, to be read and indexed, as they are now.
    changed: Vec<(&'a Found, FileStamp)>,
    /// Files whose articles in the index are outdated or gone.
    stale: Vec<String>,
    /// Files unchanged whose stamp is to be renewed.
    restamped: Vec<(&'a str, FileStamp)>,
    /// Files gone from the corpus (the last of `stale`).
    removed: usize,
}

impl<'a> Changes<'a> {
    /// Compares `files`, as found now, with `manifest`; `now` is when the
    /// comparison started.
    fn between(files: &'a [Found], manifest: &Manifest, now: i64) -> Changes<'a> {
        let mut changes = Changes::default();
        for found in files {
            let before = manifest.files.get(&found.key);
            match (before, found.stamp) {
                (Some(before), Some(stamp)) if before.stamp.hash == stamp.hash => {
                    // A file hashed because it was too close to the last
                    // write is stamped anew once its time can vouch for it,
                    // so it is not hashed again on every search.
                    if before.stamp != stamp || (found.hashed && Manifest::settled(&stamp, now)) {
                        changes.restamped.push((&found.key, stamp));
                    }
                }
                (before, stamp) => {
                    if before.is_some() {
                        changes.stale.push(found.key.clone());
                    }
                    if let Some(stamp) = stamp {
                        changes.changed.push((found, stamp));
                    }
                }
            }
        }
        let present: HashSet<&str> = files.iter().map(|f| f.key.as_str()).collect();
        let before = changes.stale.len();
        changes.stale.extend(manifest.files.keys().filter(|key| !present.contains(&key[..])).cloned());
        changes.removed = changes.stale.len() - before;
        changes
    }

    fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty() && self.restamped.is_empty()
    }
}

/// Brings `index` up to date with the files below `root` and returns a
/// searcher on the result. When nothing changed, this is the walk, a stat
/// of every file on all cores and a look-up in the manifest: no file is
/// read and nothing is written.
#[allow(clippy::too_many_arguments)]
fn update(
    index: &Index,
    fields: Fields,
    mut manifest: Manifest,
    root: &Path,
    links: LinkScope,
    folder: &Path,
    report: &mut UpdateReport,
    progress: &mut impl FnMut(usize, usize),
) -> Result<Searcher, SearchError> {
    let started = manifest::nanos(Some(std::time::SystemTime::now()));
    let found = source::find_articles(root, links)?;
    report.load = found.report;
    let files: Vec<Found> = found.articles.into_par_iter().map(|file| Found::stat(file, &manifest)).collect();
    let changes = Changes::between(&files, &manifest, started);
    report.indexed = changes.changed.len();
    report.removed = changes.removed;
    for (key, stamp) in &changes.restamped {
        if let Some(indexed) = manifest.files.get_mut(*key) {
            indexed.stamp = *stamp;
        }
    }
    if !changes.changed.is_empty() || !changes.stale.is_empty() {
        let threads = writer_threads();
        let mut writer: IndexWriter = index.writer_with_num_threads(threads, (64 << 20) * threads)?;
        for key in &changes.stale {
            writer.delete_term(Term::from_field_text(fields.file, key));
            manifest.files.remove(key);
        }
        let total = changes.changed.len();
        progress(0, total);
        let mut done = 0;
        let mut load = LoadReport::default();
        for batch in changes.changed.chunks(BATCH) {
            let batch_files: Vec<ArticleFile> = batch.iter().map(|(found, _)| found.file.clone()).collect();
            let documents = source::read_articles(&batch_files, &mut load);
            let articles: Vec<Article> = documents.into_par_iter().map(Article::analyse).collect();
            let mut counts: HashMap<String, u32> = HashMap::new();
            for article in &articles {
                let key = file_key(article.path());
                writer.add_document(fields.document(article, &key))?;
                *counts.entry(key).or_default() += 1;
            }
            for (found, stamp) in batch {
                let articles = counts.get(&found.key).copied().unwrap_or(0);
                manifest.files.insert(found.key.clone(), Indexed { stamp: *stamp, articles });
            }
            done += batch.len();
            progress(done, total);
        }
        report.load.skipped.extend(load.skipped);
        report.load.problems.extend(load.problems);
        writer.commit()?;
        writer.wait_merging_threads()?;
    }
    if report.rebuilt.is_some() || !changes.is_empty() {
        let path = folder.join(MANIFEST);
        manifest.write(&path).map_err(|source| SearchError::Io { path, source })?;
    }
    let reader: tantivy::IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    report.articles = searcher.num_docs();
    // The manifest and the index must tell the same story, or the index
    // lost (or gained) articles behind our back.
    if report.articles != manifest.articles() {
        return Err(SearchError::Index(tantivy::TantivyError::SystemError(format!(
            "the index holds {} articles, its manifest {}",
            report.articles,
            manifest.articles()
        ))));
    }
    Ok(searcher)
}

/// Indexing threads: tantivy's writer uses them beside rayon's analysis.
fn writer_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4)
}

/// A file's key in the manifest and the index: its path relative to the
/// root with `/` separators, as article ids spell it.
fn file_key(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(key: &str, stamp: FileStamp, hashed: bool) -> Found {
        let path = PathBuf::from(key);
        let stat = crate::corpus::cache::Stat { size: stamp.size, mtime: stamp.mtime };
        let file = ArticleFile { canonical: path.clone(), path, format: source::SourceFormat::Text, stat };
        Found { file, key: key.to_owned(), stamp: Some(stamp), hashed }
    }

    #[test]
    fn a_file_hashed_near_the_last_write_is_stamped_anew_once_its_time_vouches_for_it() {
        let second = 1_000_000_000;
        let stamp = FileStamp { size: 10, mtime: 100 * second, hash: 7 };
        let mut manifest = Manifest { written: 101 * second, ..Manifest::default() };
        manifest.files.insert("a.txt".into(), Indexed { stamp, articles: 1 });
        manifest.files.insert("gone.txt".into(), Indexed { stamp, articles: 1 });
        // Hashed again with the same content, now long after: restamped,
        // so the manifest is written and the file trusted next time.
        let files = [found("a.txt", stamp, true)];
        let changes = Changes::between(&files, &manifest, 200 * second);
        assert_eq!(changes.restamped.len(), 1);
        assert!(changes.changed.is_empty());
        assert_eq!((changes.stale.as_slice(), changes.removed), (&["gone.txt".to_owned()][..], 1));
        // Still within the clock's tick: not yet; and a file its stamp
        // vouched for is left alone.
        assert!(Changes::between(&files, &manifest, 101 * second).restamped.is_empty());
        let trusted = [found("a.txt", stamp, false)];
        assert!(Changes::between(&trusted, &manifest, 200 * second).restamped.is_empty());
        // Another hash: the file is read and indexed again.
        let edited = FileStamp { hash: 8, ..stamp };
        let files = [found("a.txt", edited, true)];
        let changes = Changes::between(&files, &manifest, 200 * second);
        assert_eq!((changes.changed.len(), changes.stale.len(), changes.removed), (1, 2, 1));
    }
}
