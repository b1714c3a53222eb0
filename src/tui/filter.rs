//! The fuzzy matcher, the one dossier has: the article list's filter (`/`)
//! narrows the list on every keystroke over each article's title, source
//! and id, and tells the list which characters to highlight; the palette,
//! pickers and tag completion rank their short lists with it too ([`rank`]),
//! so `gesprache` and `strasse` find the same things everywhere.
//!
//! Decisions:
//! - **Accent folding.** Every item is folded once, at `push`: Latin letters
//!   lose their diacritics (`ä`→`a`, `Ö`→`O`, `é`→`e`), `ß`→`ss` (so
//!   `strasse` and `straße` both find `Straße`), `æ`/`œ`/`þ`→`ae`/`oe`/`th`,
//!   combining marks are dropped (decomposed input folds like composed
//!   input); dashes, curly quotes, `…` and no-break spaces become what a
//!   keyboard types (`-`, `'`, `"`, `...`, space). The query is folded the same way. Umlauts fold to the bare vowel,
//!   not to `ae`/`oe`/`ue`: `gesprache` finds `Gespräche`, `gespraeche` does
//!   not.
//! - **Smart case, per term.** Folding keeps ASCII case; a term with an ASCII
//!   capital matches case-sensitively (`Ges` finds `Gespräche`, not
//!   `gespräche`), an all-lowercase term ignores case. Letters outside
//!   the fold table (Greek, Cyrillic, …) are lowercased on both sides, so
//!   they always match ignoring case.
//! - **Terms.** The query is split at whitespace, as fzf does: every term
//!   must match somewhere in the item, in any order (`truppen abzug` finds
//!   `Abzug der Truppen`); the score is the sum of the terms' scores.
//! - **Scoring** is nucleo-matcher's fzf-style `Matcher` on the folded
//!   haystack `title ␟ source ␟ id` (the unit separator is a non-word char,
//!   so each field's first char gets the word-start bonus), with its own
//!   normalisation off (we fold, including ß→ss, and need the map back for
//!   highlights). A memchr subsequence check on the folded bytes rejects
//!   most non-matches first; large candidate sets are scored on all cores
//!   (rayon, one matcher per thread). Over 30k candidates (the first keys of
//!   a broad query) nucleo's greedy pass ranks them instead of the optimal
//!   one: the same matches, scored several times faster (first keys on 100k
//!   titles went from up to 23 ms to under 11 ms); later keys, on fewer
//!   candidates, rank optimally. Over 200k candidates (the first keys of a
//!   broad query on a corpus of a million) not even the greedy pass runs:
//!   the prefilter's own leftmost match ranks them, tighter and earlier
//!   first. It finds exactly the matches the matcher would (a fuzzy match
//!   is a subsequence), and the first key at 1M went from up to 80 ms to
//!   about 30 ms; ranking a million matches of `t` finely tells nothing.
//!
//!   Why not fuzzy-matcher's `SkimMatcherV2`, the crate first chosen:
//!   measured with `cargo bench --bench filter` on 100k titles with the same
//!   prefilter, rayon and narrowing, it took 65–173 ms mean and up to 268 ms
//!   per keystroke (budget 16 ms); and 0.3.7 (archived) scores an item
//!   differently depending on the previous call, because it reuses its score
//!   matrix without resetting it (cf. skim-rs/skim#1071), which made results
//!   depend on history and thread. nucleo-matcher is allowed as the fallback.
//! - **Narrowing.** When the new folded query extends the previous one, only
//!   the previous matches (and items pushed since) are searched: every term
//!   of the old query is then a prefix of a term of the new one, so nothing
//!   outside the old matches can match the new query.
//! - **Highlights** are computed only on demand (for the visible rows): the
//!   item is folded again with a map from folded char to original char, and
//!   `fuzzy_indices` positions are mapped back to char positions within the
//!   original title, source and id.

use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};
use rayon::prelude::*;
use std::cell::RefCell;
use std::ops::Range;

/// Joins the fields in the folded haystack: a control char that cleaned text
/// never contains, and a non-word char for the matcher's word-start bonus.
const FIELD_SEPARATOR: char = '\u{1f}';

/// Above this many candidates (the first keys of a broad query) the
/// matcher's greedy pass ranks them: several times faster than the optimal
/// one, and the next keys, on fewer candidates, rank optimally again.
const GREEDY_ABOVE: usize = 30_000;

/// Above this many candidates even the greedy pass is too slow for a
/// keystroke (a million titles on two cores): the prefilter's leftmost
/// match ranks them.
const ROUGH_ABOVE: usize = 200_000;

/// How finely a keystroke's candidates are ranked: the more there are, the
/// cheaper the ranking; the matches are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranking {
    /// nucleo's optimal alignment.
    Optimal,
    /// nucleo's greedy pass: several times faster.
    Greedy,
    /// How tight and how early the leftmost match is: no matcher call.
    Rough,
}

impl Ranking {
    fn for_candidates(candidates: usize) -> Ranking {
        match candidates {
            n if n > ROUGH_ABOVE => Ranking::Rough,
            n if n > GREEDY_ABOVE => Ranking::Greedy,
            _ => Ranking::Optimal,
        }
    }
}

/// Below this many candidates a single thread beats handing work to rayon.
const PARALLEL_MIN_LEN: usize = 2048;

/// One item matching the current query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterMatch {
    /// The item's index, as returned by [`FuzzyFilter::push`].
    pub item: usize,
    /// Higher is better; 0 for every item when the query is empty.
    pub score: i64,
}

/// Matched char positions (char indices, not bytes) within the original,
/// unfolded fields of one item, sorted and without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Positions within the title.
    pub title: Vec<usize>,
    /// Positions within the source.
    pub source: Vec<usize>,
    /// Positions within the id.
    pub id: Vec<usize>,
}

/// One whitespace-separated part of the query.
struct Term {
    /// The folded term, as handed to the matcher.
    needle: Utf32String,
    /// Smart case: the term contains an ASCII capital.
    case_sensitive: bool,
    /// The term's chars as byte needles for the prefilter.
    needles: Vec<Needle>,
    /// How many bytes the needles are, together.
    bytes: usize,
}

/// How the prefilter looks for one query char in the folded bytes.
enum Needle {
    /// An ASCII char matched exactly (case-sensitive, or not a letter).
    Byte(u8),
    /// An ASCII letter in a case-insensitive term: either case matches.
    EitherCase(u8, u8),
    /// A non-ASCII char: its UTF-8 bytes and their length.
    Utf8([u8; 4], usize),
}

/// A fuzzy filter over articles' title, source and id; items can be pushed
/// at any time (articles stream in while loading) and are included from the
/// next [`FuzzyFilter::set_query`] on.
pub struct FuzzyFilter {
    /// Every item's title, source and id, folded and joined with
    /// [`FIELD_SEPARATOR`], back to back in one buffer: a keystroke scans all
    /// of them, and one contiguous buffer is far kinder to the cache than a
    /// heap allocation per item.
    folded: String,
    /// Where each item's haystack ends in `folded` (it starts where the
    /// previous one ends).
    ends: Vec<usize>,
    /// The current query, folded (narrowing compares against it).
    folded_query: String,
    terms: Vec<Term>,
    /// The current result, best first.
    matches: Vec<FilterMatch>,
    /// How many items existed when `matches` was computed.
    searched: usize,
}

impl std::fmt::Debug for FuzzyFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FuzzyFilter").field("items", &self.len()).field("query", &self.folded_query).finish()
    }
}

impl Default for FuzzyFilter {
    fn default() -> Self {
        Self::new()
    }
}

impl FuzzyFilter {
    /// An empty filter with an empty query.
    pub fn new() -> Self {
        FuzzyFilter {
            folded: String::new(),
            ends: Vec::new(),
            folded_query: String::new(),
            terms: Vec::new(),
            matches: Vec::new(),
            searched: 0,
        }
    }

    /// Adds an article and returns its item index (0, 1, 2, … in push order).
    /// Only the folded fields are kept: the caller has the originals, and
    /// gives them back for [`FuzzyFilter::highlights`].
    pub fn push(&mut self, title: &str, source: &str, id: &str) -> usize {
        self.push_haystack(title, source, id);
        self.ends.len() - 1
    }

    /// Changes an item's title, source and id (an analyst's correction).
    pub fn replace(&mut self, item: usize, title: &str, source: &str, id: &str) {
        if item >= self.len() {
            return;
        }
        let start = if item == 0 { 0 } else { self.ends[item - 1] };
        let old_end = self.ends[item];
        // Folded at the end of the buffer, then moved into place.
        let end_of_buffer = self.folded.len();
        self.push_haystack(title, source, id);
        self.ends.pop();
        let new = self.folded.split_off(end_of_buffer);
        self.folded.replace_range(start..old_end, &new);
        let grown = new.len() as isize - (old_end - start) as isize;
        for end in &mut self.ends[item..] {
            *end = end.saturating_add_signed(grown);
        }
        // Nothing searched yet: the next query scans every item.
        self.matches.clear();
        self.searched = 0;
    }

    fn push_haystack(&mut self, title: &str, source: &str, id: &str) {
        for (n, field) in [title, source, id].into_iter().enumerate() {
            if n > 0 {
                self.folded.push(FIELD_SEPARATOR);
            }
            field.chars().for_each(|c| fold_char(c, |f| self.folded.push(f)));
        }
        self.ends.push(self.folded.len());
    }

    /// The number of items pushed so far.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether no item has been pushed yet.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The result of the last [`FuzzyFilter::set_query`] (items pushed since
    /// are not in it yet).
    pub fn matches(&self) -> &[FilterMatch] {
        &self.matches
    }

    /// Filters all items by `query` and returns the matches, best first, ties
    /// by item index. An empty (or all-whitespace) query returns every item
    /// in index order with score 0.
    pub fn set_query(&mut self, query: &str) -> &[FilterMatch] {
        let mut folded_query = String::with_capacity(query.len());
        query.chars().for_each(|c| fold_char(c, |f| folded_query.push(f)));
        let narrowing = folded_query.starts_with(&self.folded_query);
        let terms: Vec<Term> = folded_query.split_whitespace().map(Term::new).collect();

        if terms.is_empty() {
            self.matches = (0..self.len()).map(|item| FilterMatch { item, score: 0 }).collect();
        } else {
            // Narrowing, only the previous matches and the items pushed
            // since are looked at, in item order, not the previous result's
            // score order: the buffer is then read front to back, where
            // jumping about it at a million items cost more than the scoring.
            let previous = narrowing.then(|| {
                let mut previous = vec![0u64; self.searched.div_ceil(64)];
                for m in &self.matches {
                    previous[m.item / 64] |= 1 << (m.item % 64);
                }
                previous
            });
            let candidates = match previous {
                Some(_) => self.matches.len() + (self.len() - self.searched),
                None => self.len(),
            };
            let searched = self.searched;
            let is_candidate = |item: &usize| {
                previous.as_ref().is_none_or(|bits| *item >= searched || bits[item / 64] >> (item % 64) & 1 == 1)
            };
            let ranking = Ranking::for_candidates(candidates);
            let matches: Vec<FilterMatch> = (0..self.len())
                .into_par_iter()
                .with_min_len(PARALLEL_MIN_LEN)
                .filter(is_candidate)
                .filter_map(|item| score(self.haystack(item), &terms, ranking).map(|score| FilterMatch { item, score }))
                .collect();
            self.matches = best_first(matches);
        }
        self.folded_query = folded_query;
        self.terms = terms;
        self.searched = self.len();
        &self.matches
    }

    /// The chars of `item` matched by the current query, as positions in
    /// its `title`, `source` and `id` (as they were pushed); empty when the
    /// query is empty, the item does not match or does not exist.
    pub fn highlights(&self, item: usize, [title, source, id]: [&str; 3]) -> Highlights {
        let mut highlights = Highlights::default();
        if item >= self.len() {
            return highlights;
        }
        let folded = self.haystack(item);
        if self.terms.is_empty() || score(folded, &self.terms, Ranking::Rough).is_none() {
            return highlights;
        }
        // Folded char index → (field, char index in the original field).
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(folded.len());
        for (field, text) in [title, source, id].into_iter().enumerate() {
            if field > 0 {
                origin.push((usize::MAX, 0)); // the separator belongs to no field
            }
            for (index, c) in text.chars().enumerate() {
                fold_char(c, |_| origin.push((field, index)));
            }
        }
        let mut indices = Vec::new();
        MATCHER.with_borrow_mut(|matcher| {
            let mut chars = Vec::new();
            let haystack = Utf32Str::new(folded, &mut chars);
            for term in &self.terms {
                matcher.config.ignore_case = !term.case_sensitive;
                // Appends this term's positions to `indices`.
                matcher.fuzzy_indices(haystack, term.needle.slice(..), &mut indices);
            }
        });
        for folded_index in indices {
            match origin.get(folded_index as usize) {
                Some(&(0, index)) => highlights.title.push(index),
                Some(&(1, index)) => highlights.source.push(index),
                Some(&(2, index)) => highlights.id.push(index),
                _ => {}
            }
        }
        for positions in [&mut highlights.title, &mut highlights.source, &mut highlights.id] {
            positions.sort_unstable();
            positions.dedup();
        }
        highlights
    }
}

impl FuzzyFilter {
    /// Item `item`'s title, source and id as folded for matching (`item`
    /// must exist).
    pub fn folded_fields(&self, item: usize) -> [&str; 3] {
        let haystack = self.haystack(item);
        // The separator is one byte, and no field holds it (fields are cleaned).
        let mut ends = memchr::memchr_iter(FIELD_SEPARATOR as u8, haystack.as_bytes());
        let (first, second) = (ends.next().unwrap_or(haystack.len()), ends.next().unwrap_or(haystack.len()));
        [&haystack[..first], haystack.get(first + 1..second).unwrap_or(""), haystack.get(second + 1..).unwrap_or("")]
    }

    /// Item `item`'s folded haystack (`item` must exist).
    fn haystack(&self, item: usize) -> &str {
        let start = if item == 0 { 0 } else { self.ends[item - 1] };
        &self.folded[start..self.ends[item]]
    }
}

impl Term {
    fn new(text: &str) -> Term {
        // Non-ASCII chars are already lowercase (see `fold_char`), so ASCII
        // capitals are the only sign of a case-sensitive term.
        let case_sensitive = text.bytes().any(|b| b.is_ascii_uppercase());
        let needles = text
            .chars()
            .map(|c| {
                if c.is_ascii_alphabetic() && !case_sensitive {
                    Needle::EitherCase(c.to_ascii_lowercase() as u8, c.to_ascii_uppercase() as u8)
                } else if c.is_ascii() {
                    Needle::Byte(c as u8)
                } else {
                    let mut bytes = [0; 4];
                    let len = c.encode_utf8(&mut bytes).len();
                    Needle::Utf8(bytes, len)
                }
            })
            .collect();
        Term { needle: Utf32String::from(text), case_sensitive, needles, bytes: text.len() }
    }

    /// Where the term's chars first occur in order in `haystack` (folded
    /// UTF-8; an ASCII byte never occurs inside a multi-byte char, so byte
    /// search is exact): the byte range from its first char to the end of
    /// its last, or `None` when they do not occur.
    fn leftmost(&self, haystack: &[u8]) -> Option<Range<usize>> {
        let mut start = None;
        let mut at = 0;
        for needle in &self.needles {
            let rest = &haystack[at..];
            let (found, len) = match needle {
                Needle::Byte(b) => (memchr::memchr(*b, rest)?, 1),
                Needle::EitherCase(lower, upper) => (memchr::memchr2(*lower, *upper, rest)?, 1),
                Needle::Utf8(bytes, len) => (memchr::memmem::find(rest, &bytes[..*len])?, *len),
            };
            start.get_or_insert(at + found);
            at += found + len;
        }
        Some(start.unwrap_or(0)..at)
    }

    /// The rough score of a leftmost match: the fewer bytes between its
    /// chars, and the nearer the start, the higher (always positive).
    fn rough_score(&self, found: Range<usize>) -> i64 {
        let gaps = found.len().saturating_sub(self.bytes);
        let score = ROUGH_BEST.saturating_sub(8 * gaps + found.start);
        score.max(1) as i64
    }
}

/// The best rough score of one term (a contiguous match at the start).
const ROUGH_BEST: usize = 1 << 14;

thread_local! {
    /// One matcher per thread (rayon workers and the UI thread): `Matcher`
    /// needs `&mut` for the scratch memory it reuses across calls.
    static MATCHER: RefCell<Matcher> = RefCell::new(Matcher::new(matcher_config()));
    /// The chars of a non-ASCII haystack, reused so scoring one allocates nothing.
    static CHARS: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
}

fn matcher_config() -> Config {
    let mut config = Config::DEFAULT;
    // We fold ourselves: nucleo's normalisation keeps ß and gives no map back.
    config.normalize = false;
    config
}

/// The summed score of all terms, or `None` if one of them does not match.
fn score(folded: &str, terms: &[Term], ranking: Ranking) -> Option<i64> {
    // All prefilters first: they are far cheaper than one matcher call.
    let mut rough = 0;
    for term in terms {
        rough += term.rough_score(term.leftmost(folded.as_bytes())?);
    }
    if ranking == Ranking::Rough {
        return Some(rough);
    }
    MATCHER.with_borrow_mut(|matcher| {
        CHARS.with_borrow_mut(|chars| {
            let haystack = Utf32Str::new(folded, chars);
            terms
                .iter()
                .map(|term| {
                    matcher.config.ignore_case = !term.case_sensitive;
                    let needle = term.needle.slice(..);
                    if ranking == Ranking::Greedy {
                        matcher.fuzzy_match_greedy(haystack, needle).map(i64::from)
                    } else {
                        matcher.fuzzy_match(haystack, needle).map(i64::from)
                    }
                })
                .sum()
        })
    })
}

/// `matches`, in item order, best score first and ties by item. Scores
/// are small integers, so when they span fewer values than there are
/// matches a counting sort orders them in linear time: sorting a million
/// matches by comparison took 12–23 ms of a keystroke (hand-written: it is
/// a dozen lines, and rayon has no such sort).
fn best_first(mut matches: Vec<FilterMatch>) -> Vec<FilterMatch> {
    let (Some(high), Some(low)) = (matches.iter().map(|m| m.score).max(), matches.iter().map(|m| m.score).min()) else {
        return matches;
    };
    let span = usize::try_from(high - low).unwrap_or(usize::MAX);
    if span >= matches.len() {
        // One integer key sorts fastest: the score's complement, then the item.
        matches.par_sort_unstable_by_key(|m| (u64::from(!(m.score as u32)) << 32) | m.item as u64);
        return matches;
    }
    let slot = |m: &FilterMatch| (high - m.score) as usize;
    // Where each score's matches start, best score first.
    let mut starts = vec![0; span + 2];
    for m in &matches {
        starts[slot(m) + 1] += 1;
    }
    for at in 1..starts.len() {
        starts[at] += starts[at - 1];
    }
    let mut ranked = vec![FilterMatch { item: 0, score: 0 }; matches.len()];
    for m in matches {
        let next = &mut starts[slot(&m)];
        ranked[*next] = m;
        *next += 1;
    }
    ranked
}

/// Latin Extended-A (U+0100–U+017F) without diacritics, one base letter per
/// code point; `Ĳ ĳ Œ œ` fold to two letters and are handled before the
/// table is used.
const LATIN_EXTENDED_A: &[u8; 128] = b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// Emits the folded form of `c`: zero, one or two chars (see the module doc).
pub(crate) fn fold_char(c: char, mut emit: impl FnMut(char)) {
    if c.is_ascii() {
        emit(c);
        return;
    }
    let folded: &str = match c {
        // Combining diacritical marks (decomposed text): the base letter
        // before them has already been emitted.
        '\u{300}'..='\u{36f}' => "",
        'À'..='Å' => "A",
        'Æ' => "AE",
        'Ç' => "C",
        'È'..='Ë' => "E",
        'Ì'..='Ï' => "I",
        'Ð' => "D",
        'Ñ' => "N",
        'Ò'..='Ö' | 'Ø' => "O",
        'Ù'..='Ü' => "U",
        'Ý' => "Y",
        'Þ' => "TH",
        'ß' => "ss",
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Œ' => "OE",
        'œ' => "oe",
        'ẞ' => "SS",
        // Typographic punctuation as typed on a keyboard, so `-` finds `–`;
        // it also keeps titles ASCII, which the matcher scores fastest.
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '‘' | '’' | '‚' | '‛' | '′' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '…' => "...",
        '\u{a0}' | '\u{202f}' => " ",
        '\u{100}'..='\u{17f}' => {
            emit(LATIN_EXTENDED_A[c as usize - 0x100] as char);
            return;
        }
        _ => {
            // Outside the table: lowercase when that is one char, so these
            // letters match ignoring case (the matcher only folds ASCII case).
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => emit(l),
                _ => emit(c),
            }
            return;
        }
    };
    folded.chars().for_each(emit);
}

/// The positions of `haystacks` that match `query`, best first, ties in
/// the order given; all of them for an empty query. For short lists built
/// on the spot (tag completion); the same folding and scoring as the list.
pub fn rank<S: AsRef<str>>(query: &str, haystacks: impl IntoIterator<Item = S>) -> Vec<usize> {
    let mut filter = FuzzyFilter::new();
    for haystack in haystacks {
        filter.push(haystack.as_ref(), "", "");
    }
    filter.set_query(query).iter().map(|m| m.item).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn filter_of(titles: &[&str]) -> FuzzyFilter {
        let mut filter = FuzzyFilter::new();
        for (n, title) in titles.iter().enumerate() {
            filter.push(title, "", &format!("a{n}"));
        }
        filter
    }

    /// The highlights of item `item` of a [`filter_of`] `titles`.
    fn lit(filter: &FuzzyFilter, titles: &[&str], item: usize) -> Highlights {
        let id = format!("a{item}");
        filter.highlights(item, [titles.get(item).copied().unwrap_or(""), "", &id])
    }

    fn items(matches: &[FilterMatch]) -> Vec<usize> {
        matches.iter().map(|m| m.item).collect()
    }

    fn folded(text: &str) -> String {
        let mut out = String::new();
        text.chars().for_each(|c| fold_char(c, |f| out.push(f)));
        out
    }

    #[test]
    fn folds_accents_and_sharp_s() {
        assert_eq!(folded("Gespräche über München"), "Gesprache uber Munchen");
        assert_eq!(folded("Straße ẞ Œuvre Łódź Ångström"), "Strasse SS OEuvre Lodz Angstrom");
        assert_eq!(folded("Ærø café naïve"), "AEro cafe naive");
        // Decomposed (NFD) input folds like composed input.
        assert_eq!(folded("Gespra\u{308}che"), "Gesprache");
        // Outside the table: lowercased, never dropped.
        assert_eq!(folded("ΑΘΗΝΑ"), "αθηνα");
    }

    #[test]
    fn a_broad_query_over_many_items_ranked_greedily_finds_every_match() {
        // Every third title holds "abzug" whole; the others only scattered.
        let titles: Vec<String> = (0..GREEDY_ABOVE + 30)
            .map(|i| if i % 3 == 0 { format!("Abzug {i}") } else { format!("a b z u g {i}") })
            .collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let mut filter = filter_of(&refs);
        let found = filter.set_query("abzug");
        assert_eq!(found.len(), titles.len(), "greedy ranking drops no match");
        assert_eq!(found[0].item, 0, "a whole word ranks first");
        let whole = found.iter().take(titles.len() / 3).filter(|m| m.item % 3 == 0).count();
        assert_eq!(whole, titles.len() / 3, "whole-word titles rank above scattered ones");
    }

    proptest! {
        /// The counting sort orders as the comparison sort does: best
        /// score first, ties by item.
        #[test]
        fn best_first_is_a_sort_by_score_then_item(
            scores in proptest::collection::vec(prop_oneof![0i64..8, 0i64..70_000], 0..300)
        ) {
            let matches: Vec<FilterMatch> =
                scores.iter().enumerate().map(|(item, &score)| FilterMatch { item, score }).collect();
            let mut expected = matches.clone();
            expected.sort_by_key(|m| (std::cmp::Reverse(m.score), m.item));
            prop_assert_eq!(best_first(matches), expected);
        }
    }

    #[test]
    fn rough_ranking_puts_tight_early_matches_first_and_finds_what_the_matcher_finds() {
        let terms = [Term::new("tal")];
        for haystack in ["tal", "xx tal", "t a l", "Tal", "alt", "t-x-a-l", "tüal", "", "ta"] {
            let rough = score(haystack, &terms, Ranking::Rough).is_some();
            assert_eq!(rough, score(haystack, &terms, Ranking::Optimal).is_some(), "{haystack:?}");
        }
        let rough = |haystack: &str| score(haystack, &terms, Ranking::Rough).expect("matches");
        assert!(rough("tal") > rough("xx tal"), "earlier first");
        assert!(rough("xx tal") > rough("t a l"), "tighter first");
        assert!(rough("t a l") > rough("t-x-a-l"));
    }

    #[test]
    fn a_query_with_more_candidates_than_a_fine_ranking_can_afford_finds_every_match() {
        // Every third title holds "tal" whole; the others only scattered,
        // and one in a hundred not at all.
        let titles: Vec<String> = (0..ROUGH_ABOVE + 300)
            .map(|i| match i {
                i if i % 100 == 1 => format!("nothing {i}"),
                i if i % 3 == 0 => format!("Tal {i}"),
                i => format!("t x a x l {i}"),
            })
            .collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let mut filter = filter_of(&refs);
        let found = filter.set_query("tal");
        let expected = titles.iter().filter(|t| !t.starts_with("nothing")).count();
        assert_eq!(found.len(), expected, "rough ranking drops no match");
        let whole = titles.iter().filter(|t| t.starts_with("Tal")).count();
        let first = found.iter().take(whole).filter(|m| titles[m.item].starts_with("Tal")).count();
        assert_eq!(first, whole, "whole-word titles rank above scattered ones");
        assert!(
            found.windows(2).all(|w| (w[0].score, w[1].item) >= (w[1].score, w[0].item)),
            "best first, ties by item"
        );
    }

    #[test]
    fn typographic_punctuation_folds_to_what_a_keyboard_types() {
        assert_eq!(folded("Abzug – „bis Ende“ … ‘so’"), "Abzug - \"bis Ende\" ... 'so'");
        let titles = ["Kessaran – Gespräche", "Kessaran Gespräche"];
        let mut filter = filter_of(&titles);
        assert_eq!(items(filter.set_query("n - g")), vec![0]);
        // The dash is highlighted where it is, one char for one char.
        assert_eq!(lit(&filter, &titles, 0).title, vec![7, 9, 11]);
    }

    #[test]
    fn umlauts_match_without_accents_and_highlight_the_original_chars() {
        let titles = ["Neue Gespräche", "Talks resume"];
        let mut filter = filter_of(&titles);
        assert_eq!(items(filter.set_query("gesprache")), vec![0]);
        let highlights = lit(&filter, &titles, 0);
        // "Neue " is 5 chars: G e s p r ä c h e are chars 5..=13.
        assert_eq!(highlights.title, (5..=13).collect::<Vec<_>>());
        let title: Vec<char> = "Neue Gespräche".chars().collect();
        let marked: String = highlights.title.iter().map(|&i| title[i]).collect();
        assert_eq!(marked, "Gespräche");
        assert!(highlights.source.is_empty() && highlights.id.is_empty());
    }

    #[test]
    fn munchen_finds_munich_and_accented_queries_work_too() {
        let titles = ["Gipfel in München", "Munich summit", "Résumé: Öl"];
        let mut filter = filter_of(&titles);
        assert_eq!(items(filter.set_query("munchen")), vec![0]);
        assert_eq!(items(filter.set_query("münchen")), vec![0]);
        assert_eq!(items(filter.set_query("resume ol")), vec![2]);
        assert_eq!(lit(&filter, &titles, 2).title, vec![0, 1, 2, 3, 4, 5, 8, 9]);
    }

    #[test]
    fn sharp_s_folds_to_ss_both_ways() {
        let titles = ["Straße gesperrt", "Strasse offen", "Stau"];
        let mut filter = filter_of(&titles);
        assert_eq!(items(filter.set_query("strasse")), vec![0, 1]);
        assert_eq!(items(filter.set_query("straße")), vec![0, 1]);
        // Both folded s land on the one ß, reported once.
        filter.set_query("strasse");
        assert_eq!(lit(&filter, &titles, 0).title, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn smart_case_per_term() {
        let mut filter = filter_of(&["Gespräche beginnen", "gespräche beginnen"]);
        let mut both = items(filter.set_query("ges"));
        both.sort_unstable();
        assert_eq!(both, vec![0, 1]);
        assert_eq!(items(filter.set_query("Ges")), vec![0]);
        assert_eq!(items(filter.set_query("Ges beg")), vec![0]);
        assert!(filter.set_query("GES").is_empty());
    }

    #[test]
    fn empty_query_returns_all_in_order() {
        let mut filter = filter_of(&["b", "a", "c"]);
        let all = vec![
            FilterMatch { item: 0, score: 0 },
            FilterMatch { item: 1, score: 0 },
            FilterMatch { item: 2, score: 0 },
        ];
        assert_eq!(filter.set_query(""), all.as_slice());
        filter.set_query("a");
        assert_eq!(filter.set_query("   "), all.as_slice());
    }

    #[test]
    fn deleting_a_char_widens_again() {
        let mut filter = filter_of(&["Abzug aus Tal", "Abzug der Truppen", "Truppen bleiben"]);
        assert_eq!(items(filter.set_query("abzug tr")), vec![1]);
        let wider = items(filter.set_query("abzug t"));
        assert_eq!(wider.len(), 2);
        assert_eq!(items(filter.set_query("t")).len(), 3);
        let mut fresh = filter_of(&["Abzug aus Tal", "Abzug der Truppen", "Truppen bleiben"]);
        assert_eq!(filter.set_query("abzug t"), fresh.set_query("abzug t"));
    }

    #[test]
    fn items_pushed_after_a_query_are_included_next_time() {
        let mut filter = filter_of(&["Talks resume"]);
        assert_eq!(items(filter.set_query("talk")), vec![0]);
        let late = filter.push("Talks stall in Tarn", "Wire", "late");
        let ignored = filter.push("Rocket attack", "Wire", "other");
        assert_eq!(filter.len(), 3);
        // Narrowing ("talk" → "talks") must still search the new items.
        let now = items(filter.set_query("talks"));
        assert!(now.contains(&0) && now.contains(&late) && !now.contains(&ignored));
        // Same query again picks up items pushed in between.
        let again = filter.push("Talks end", "", "x");
        assert!(items(filter.set_query("talks")).contains(&again));
    }

    #[test]
    fn matches_source_and_id() {
        let mut filter = FuzzyFilter::new();
        filter.push("Abzug aus Tarn", "Süddeutsche Zeitung", "000123_ab");
        filter.push("Talks resume", "Harbour Courier", "000124_cd");
        assert_eq!(items(filter.set_query("suddeutsche")), vec![0]);
        let first = ["Abzug aus Tarn", "Süddeutsche Zeitung", "000123_ab"];
        let second = ["Talks resume", "Harbour Courier", "000124_cd"];
        let highlights = filter.highlights(0, first);
        assert!(highlights.title.is_empty());
        assert_eq!(highlights.source, (0..11).collect::<Vec<_>>());
        assert_eq!(items(filter.set_query("124")), vec![1]);
        assert_eq!(filter.highlights(1, second).id, vec![3, 4, 5]);
        assert_eq!(filter.highlights(0, first), Highlights::default());
    }

    #[test]
    fn exact_word_ranks_above_scattered() {
        let mut filter = filter_of(&["Tage der Lage in Kerrins Süden", "Die Talks gehen weiter"]);
        let ranked = filter.set_query("talks").to_vec();
        assert_eq!(items(&ranked), vec![1, 0]);
        assert!(ranked[0].score > ranked[1].score);
    }

    #[test]
    fn ties_are_ordered_by_item() {
        let mut filter = filter_of(&["Talks resume", "Rocket attack", "Talks resume"]);
        let ranked = filter.set_query("talks").to_vec();
        assert_eq!(items(&ranked), vec![0, 2]);
        assert_eq!(ranked[0].score, ranked[1].score);
    }

    #[test]
    fn highlights_of_unknown_or_unmatched_items_are_empty() {
        let titles = ["Talks resume", "Rocket attack"];
        let mut filter = filter_of(&titles);
        filter.set_query("talks");
        assert_eq!(lit(&filter, &titles, 1), Highlights::default());
        assert_eq!(lit(&filter, &titles, 99), Highlights::default());
    }

    #[test]
    fn a_replaced_item_matches_by_its_new_fields_and_the_others_are_unchanged() {
        let mut titles = vec!["Talks resume", "Rocket attack", "Gespräche in Berlin"];
        let mut filter = filter_of(&titles);
        filter.replace(1, "Waffenruhe hält", "", "a1");
        titles[1] = "Waffenruhe hält";
        let fresh = filter_of(&titles);
        assert_eq!(filter.folded, fresh.folded);
        assert_eq!(filter.ends, fresh.ends);
        assert_eq!(items(filter.set_query("waffenruhe")), vec![1]);
        assert!(filter.set_query("rocket").is_empty());
        assert_eq!(items(filter.set_query("gesprache")), vec![2]);
        assert_eq!(lit(&filter, &titles, 2).title, (0..9).collect::<Vec<_>>());
        filter.replace(7, "nothing there", "", "a7");
        assert_eq!(filter.len(), 3);
    }

    proptest! {
        #[test]
        fn narrowing_equals_filtering_from_scratch(
            titles in proptest::collection::vec("[a-cA-Cäöß ]{0,12}", 0..40),
            query in "[a-cA-Cäöß ]{0,6}",
        ) {
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let mut typed = filter_of(&titles);
            let mut prefix = String::new();
            for c in query.chars() {
                prefix.push(c);
                let narrowed = typed.set_query(&prefix).to_vec();
                let mut fresh = filter_of(&titles);
                prop_assert_eq!(&narrowed, &fresh.set_query(&prefix).to_vec(), "query {:?}", prefix);
            }
        }
    }

    #[test]
    fn rank_needs_every_word_and_folds_accents_and_eszett() {
        let items = ["Gespräche über Truppen", "gespräche", "Talks on troops", "GESPRACHE truppen", "Große Straße"];
        assert_eq!(rank("gesprache truppen", items), vec![0, 3]);
        assert_eq!(rank("talks", items), vec![2]);
        assert_eq!(rank("strasse", items), vec![4]);
        assert_eq!(rank("straße", items), vec![4]);
        assert!(rank("nothing like it", items).is_empty());
        assert_eq!(rank("", items), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn rank_puts_a_closer_match_first_and_ties_keep_their_order() {
        let items = ["s-a-v-e later", "save", "save"];
        assert_eq!(rank("save", items), vec![1, 2, 0]);
    }
}
