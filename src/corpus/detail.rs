//! What reading an article needs and its row in the list does not: its
//! lines with their flags, paragraphs, sentences and date mentions. An
//! article just analysed holds them; one reopened from the analysis cache
//! holds only where they lie in the cache's memory-mapped file, and
//! decodes them when it is read. At 100k articles that is most of what a
//! corpus would otherwise keep in memory (the spans of some two million
//! mentions and five million lines and sentences).

use super::dates::DateMention;
use super::span::Span;
use super::structure::TextLine;
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// An article's lines, paragraphs, sentences and date mentions, as byte
/// spans into its cleaned text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// Date mentions in text order, resolved against the article's date
    /// where it has one. First, so that they decode alone ([`Mentions`]).
    pub mentions: Vec<DateMention>,
    /// Every line of the text, with what it is when it is not body text.
    pub lines: Vec<TextLine>,
    /// Paragraph spans in text order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans in text order (within paragraphs, trimmed).
    pub sentences: Vec<Span>,
}

/// The first field of an encoded [`Detail`], decoded without the rest: the
/// timeline counts the mentioned dates of every reopened article, and
/// decoding their lines and sentences too took a million articles 1.4 s.
#[derive(Deserialize)]
struct Mentions {
    mentions: Vec<DateMention>,
}

impl Detail {
    /// The byte range of sentence `index`, if there is one.
    pub fn sentence(&self, index: usize) -> Option<Range<usize>> {
        self.sentences.get(index).map(|s| s.range())
    }

    /// Decodes what [`LazyDetail::encoded`] gave; `None` when `bytes` are not that.
    pub(super) fn decode(bytes: &[u8]) -> Option<Detail> {
        postcard::from_bytes(bytes).ok()
    }
}

/// An article's [`Detail`]: held, or decoded from the analysis cache's map
/// the first time it is asked for.
#[derive(Clone)]
pub struct LazyDetail(Repr);

#[derive(Clone)]
enum Repr {
    Held(Box<Detail>),
    /// Bytes `start..end` of a cache file, checked to decode to a detail
    /// sound against the article's text before the file was mapped (see
    /// [`LazyDetail::mapped`]); decoded once asked for, and then kept.
    Mapped {
        map: Arc<Mmap>,
        start: usize,
        end: usize,
        decoded: OnceLock<Box<Detail>>,
    },
}

impl LazyDetail {
    /// Bytes `range` of `map`, which the analysis cache read and checked
    /// before mapping the same file (what is checked is what is mapped: see
    /// `Text::mapped`); `None` when the range is not in the map.
    pub(super) fn mapped(map: Arc<Mmap>, range: Range<usize>) -> Option<LazyDetail> {
        (range.start <= range.end && range.end <= map.len())
            .then(|| LazyDetail(Repr::Mapped { map, start: range.start, end: range.end, decoded: OnceLock::new() }))
    }

    /// The detail, decoded the first time and kept: for an article being read.
    pub fn get(&self) -> &Detail {
        match &self.0 {
            Repr::Held(detail) => detail,
            Repr::Mapped { map, start, end, decoded } => decoded.get_or_init(|| Box::new(decode(&map[*start..*end]))),
        }
    }

    /// The detail to change (a new date re-resolves the mentions).
    pub fn get_mut(&mut self) -> &mut Detail {
        if let Repr::Mapped { .. } = self.0 {
            let detail = self.get().clone();
            self.0 = Repr::Held(Box::new(detail));
        }
        match &mut self.0 {
            Repr::Held(detail) => detail,
            Repr::Mapped { .. } => unreachable!("held since the line above"),
        }
    }

    /// The detail for a look that goes over the whole corpus (suggestions,
    /// the timeline's counts): decoded for the call and not kept, so the
    /// look leaves the corpus as small as it found it (with
    /// [`release_pages`](super::text::release_pages)).
    pub fn passing(&self) -> Cow<'_, Detail> {
        match &self.0 {
            Repr::Held(detail) => Cow::Borrowed(detail),
            Repr::Mapped { decoded, .. } if let Some(detail) = decoded.get() => Cow::Borrowed(detail),
            Repr::Mapped { map, start, end, .. } => Cow::Owned(decode(&map[*start..*end])),
        }
    }

    /// The date mentions alone, for a look over the whole corpus (the
    /// timeline's counts): as [`LazyDetail::passing`], without decoding
    /// the rest of a detail not in memory.
    pub fn passing_mentions(&self) -> Cow<'_, [DateMention]> {
        match &self.0 {
            Repr::Held(detail) => Cow::Borrowed(&detail.mentions),
            Repr::Mapped { decoded, .. } if let Some(detail) = decoded.get() => Cow::Borrowed(&detail.mentions),
            Repr::Mapped { map, start, end, .. } => {
                // As `decode`: bytes changed since the check give none.
                let mentions = postcard::take_from_bytes::<Mentions>(&map[*start..*end]);
                Cow::Owned(mentions.map(|(m, _)| m.mentions).unwrap_or_default())
            }
        }
    }

    /// Whether the detail is in memory (held, or decoded from the map).
    #[cfg(test)]
    pub fn is_decoded(&self) -> bool {
        match &self.0 {
            Repr::Held(_) => true,
            Repr::Mapped { decoded, .. } => decoded.get().is_some(),
        }
    }

    /// The detail as the analysis cache stores it (postcard).
    pub(super) fn encoded(&self) -> Option<Cow<'_, [u8]>> {
        match &self.0 {
            Repr::Held(detail) => postcard::to_stdvec(detail).ok().map(Cow::Owned),
            Repr::Mapped { map, start, end, .. } => Some(Cow::Borrowed(&map[*start..*end])),
        }
    }
}

/// Bytes that were checked to decode before they were mapped; should the
/// file have been changed in place since (see `Text::mapped`), the article
/// shows no structure rather than failing.
fn decode(bytes: &[u8]) -> Detail {
    Detail::decode(bytes).unwrap_or_default()
}

impl From<Detail> for LazyDetail {
    fn from(detail: Detail) -> LazyDetail {
        LazyDetail(Repr::Held(Box::new(detail)))
    }
}

impl Default for LazyDetail {
    fn default() -> LazyDetail {
        Detail::default().into()
    }
}

impl fmt::Debug for LazyDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.passing(), f)
    }
}
