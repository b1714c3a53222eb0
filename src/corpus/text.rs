//! An article's cleaned text: owned when the article was just analysed, or
//! a slice of the analysis cache's memory-mapped file when it came from
//! the cache. A reopened corpus so holds none of its text in its own
//! memory: the system reads the pages when an article is opened, searched
//! or compared, and may drop them again.

use memmap2::Mmap;
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Cleaned text that derefs to `str`.
#[derive(Clone)]
pub struct Text(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    /// Bytes `start..end` of a cache file checked to hold UTF-8 there (see
    /// [`Text::mapped`]).
    Mapped {
        map: Arc<Mmap>,
        start: usize,
        end: usize,
    },
}

impl Text {
    /// Bytes `range` of `map`, which the analysis cache read and checked
    /// to be UTF-8 before mapping the same file; `None` when the range is
    /// not in the map.
    ///
    /// The map is of dossier's own cache file, which dossier never changes
    /// in place (a new cache is written beside it and renamed over it, and
    /// the map keeps the old file), so what was checked is what is mapped.
    /// Someone who truncates or rewrites that file in place while dossier
    /// runs could fault it (SIGBUS) or show garbage; copying the texts on
    /// open instead would cost the memory this type is here to save.
    pub(super) fn mapped(map: Arc<Mmap>, range: Range<usize>) -> Option<Text> {
        (range.start <= range.end && range.end <= map.len()).then_some(Text(Repr::Mapped {
            map,
            start: range.start,
            end: range.end,
        }))
    }
}

impl Text {
    /// The text as `str` (as `String::as_str`).
    pub fn as_str(&self) -> &str {
        self
    }

    /// The text to edit, copied out of the map first if it is mapped.
    pub fn to_mut(&mut self) -> &mut String {
        if let Repr::Mapped { .. } = self.0 {
            self.0 = Repr::Owned(self.to_string());
        }
        match &mut self.0 {
            Repr::Owned(text) => text,
            Repr::Mapped { .. } => unreachable!("made owned above"),
        }
    }
}

/// How many articles a look over the whole corpus reads between two
/// releases of their pages (see [`release_pages`]).
pub const RELEASE_EVERY: usize = 1024;

/// Lets the system take back the memory of the analysis cache's pages
/// that a look over `articles` read (their texts and details), by
/// unmapping the whole cache file from this process (`MADV_DONTNEED`).
/// The pages stay in the system's file cache, and are read back from it
/// when an article is touched again. A look over the whole corpus (the
/// timeline's count of mentions, the suggestions) goes a chunk of
/// articles at a time and calls this after each: otherwise every page it
/// read would count as dossier's own memory for the rest of the session,
/// the size of the whole cache file. (Letting go of each article's own
/// pages is not enough: the system maps a large block of the file around
/// each page touched.) Best effort: a failure only leaves pages mapped.
pub fn release_pages(articles: &[super::Article]) {
    let mut released: Vec<*const Mmap> = Vec::new();
    for article in articles {
        if let Repr::Mapped { map, .. } = &article.text.0
            && !released.contains(&Arc::as_ptr(map))
        {
            released.push(Arc::as_ptr(map));
            // SAFETY: the map is a shared, read-only mapping of a file
            // dossier never changes in place (see `Text::mapped`): a page
            // dropped here is read back from the same file with the same
            // bytes, so the `&str`s that point into it see no change.
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
    }
}

#[cfg(test)]
impl Text {
    /// Whether the text is read from a cache file's map.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped { .. })
    }
}

impl Default for Text {
    fn default() -> Text {
        Text(Repr::Owned(String::new()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Repr::Owned(text))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Owned(text) => text,
            // SAFETY: checked to be UTF-8 by the cache before it was mapped
            // (see `Text::mapped`); the range lies in the map.
            Repr::Mapped { map, start, end } => unsafe { std::str::from_utf8_unchecked(&map[*start..*end]) },
        }
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}
