//! Re-anchoring: where an anchor's quote sits in the current text of its
//! article, after that text may have been edited.
//!
//! The order is the one DESIGN.md gives: the stored position if the text is
//! unchanged; else every exact occurrence of the quote, ranked by how well
//! the stored prefix and suffix match around it and then by nearness to the
//! old offset; else a bounded approximate search scored on quote and
//! context. Anything short of a confident match is an [`Placement::Orphan`]:
//! a claim is never silently attached to some other place.
//!
//! All offsets are UTF-8 byte offsets into the cleaned article text, and
//! every span returned lies on char boundaries.

use super::anchor::{content_hash, first_chars, last_chars};
use super::model::{Anchor, Annotations, RecordId};
use crate::corpus::Corpus;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// Quotes of at least this many characters are accepted where they occur
/// exactly even when their context has changed all round: a sentence that
/// long is evidence enough on its own. Shorter ones need context.
const SELF_EVIDENT_QUOTE_CHARS: usize = 24;

/// How much of the stored context (prefix and suffix together) an exact
/// occurrence of a short quote must keep. An inserted paragraph right
/// before the claim leaves about half (the suffix); a different place with
/// the same short quote keeps little.
const MIN_EXACT_CONTEXT: f32 = 0.4;

/// Quotes shorter than this are never matched approximately: one edit in a
/// few characters leaves too little to recognise.
const MIN_FUZZY_QUOTE_CHARS: usize = 10;

/// The least similarity (1 − edits / length) an approximate quote needs.
pub const MIN_FUZZY_QUOTE_SIMILARITY: f32 = 0.85;

/// Each side of the context an approximate match must keep at least this
/// well, and both together at least [`MIN_FUZZY_CONTEXT`]: a neighbouring
/// sentence that looks like a deleted quote keeps one side but not both.
const MIN_FUZZY_SIDE: f32 = 0.5;
const MIN_FUZZY_CONTEXT: f32 = 0.7;

/// Characters of quote or context used to look for partial exact matches
/// that say where an edited quote may now be.
const PROBE_CHARS: usize = 16;
/// Shorter probes match too much to be useful.
const MIN_PROBE_CHARS: usize = 8;
/// Hits kept per probe (those nearest the old offset): bounds the work.
const MAX_PROBE_HITS: usize = 8;

/// Where an anchor sits in the current text of its article, and how sure
/// that is.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// At its stored offsets: the text is unchanged, or the quote still sits
    /// there and no other occurrence matches its context better.
    Intact,
    /// The exact quote, found at another place (text was inserted or
    /// removed before it).
    Moved { span: Range<usize> },
    /// Text close to the quote with matching context (a corrected typo, say);
    /// `score` in 0..=1 weighs quote similarity and context similarity. The
    /// analyst should confirm it.
    Fuzzy { span: Range<usize>, score: f32 },
    /// Cannot be placed with confidence; shown to the analyst with its quote.
    Orphan { reason: OrphanReason },
}

impl Placement {
    /// Where the anchor now sits, if it was placed.
    pub fn span(&self, anchor: &Anchor) -> Option<Range<usize>> {
        match self {
            Placement::Intact => Some(anchor.span()),
            Placement::Moved { span } | Placement::Fuzzy { span, .. } => Some(span.clone()),
            Placement::Orphan { .. } => None,
        }
    }

    /// A one-word name: `intact`, `moved`, `fuzzy` or `orphan`.
    pub fn status(&self) -> &'static str {
        match self {
            Placement::Intact => "intact",
            Placement::Moved { .. } => "moved",
            Placement::Fuzzy { .. } => "fuzzy",
            Placement::Orphan { .. } => "orphan",
        }
    }
}

/// Why an anchor is an orphan.
#[derive(Debug, Clone, PartialEq)]
pub enum OrphanReason {
    /// The corpus has no article with the anchor's id.
    ArticleNotFound,
    /// The anchor quotes nothing, so there is nothing to look for.
    EmptyQuote,
    /// The quote fits this many places equally well.
    Ambiguous { places: usize },
    /// Neither the quote nor anything close to it was found with its
    /// context; `best` is the score of the best rejected approximate match.
    NotFound { best: Option<f32> },
}

impl fmt::Display for OrphanReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrphanReason::ArticleNotFound => f.write_str("article not found"),
            OrphanReason::EmptyQuote => f.write_str("the anchor quotes nothing"),
            OrphanReason::Ambiguous { places } => write!(f, "ambiguous: the quote fits {places} places equally well"),
            OrphanReason::NotFound { best: None } => f.write_str("quote not found"),
            OrphanReason::NotFound { best: Some(best) } => {
                write!(f, "quote not found (closest text scored {best:.2}, too weak to trust)")
            }
        }
    }
}

/// Places `anchor` in `text`, the current cleaned text of its article.
pub fn reanchor(anchor: &Anchor, text: &str) -> Placement {
    reanchor_hashed(anchor, text, &content_hash(text))
}

/// [`reanchor`] with the text's content hash already computed, so that the
/// claims of one article share one hash.
fn reanchor_hashed(anchor: &Anchor, text: &str, hash: &str) -> Placement {
    let at_old = text.get(anchor.span()) == Some(anchor.quote.as_str());
    if at_old && anchor.content_hash == hash {
        return Placement::Intact;
    }
    if anchor.quote.is_empty() {
        return Placement::Orphan { reason: OrphanReason::EmptyQuote };
    }
    let context = Context::of(anchor);
    let placed = |found: Exact| match found {
        Exact::Found(span) if span == anchor.span() => Some(Placement::Intact),
        Exact::Found(span) => Some(Placement::Moved { span }),
        Exact::Ambiguous(places) => Some(Placement::Orphan { reason: OrphanReason::Ambiguous { places } }),
        Exact::None => None,
    };
    if let Some(placement) = placed(exact(anchor, text, &context, Evidence::Context)) {
        return placement;
    }
    // An edited quote where its context still is (a corrected typo) beats
    // a verbatim copy of it somewhere else.
    let approximate = approximate(anchor, text, &context);
    if !matches!(approximate, Placement::Orphan { .. }) {
        return approximate;
    }
    placed(exact(anchor, text, &context, Evidence::QuoteLength)).unwrap_or(approximate)
}

/// The stored context of an anchor, with lengths in chars.
struct Context<'a> {
    prefix: &'a str,
    prefix_chars: usize,
    suffix: &'a str,
    suffix_chars: usize,
}

/// How well the stored context matches around one candidate span.
struct ContextMatch {
    /// Edits (Levenshtein, in chars) on the prefix plus on the suffix.
    edits: usize,
    /// Similarity of each side in 0..=1; `None` when nothing was stored.
    prefix: Option<f32>,
    suffix: Option<f32>,
}

impl ContextMatch {
    /// Both sides together in 0..=1; `None` when no context was stored.
    fn overall(&self, context: &Context) -> Option<f32> {
        let stored = context.prefix_chars + context.suffix_chars;
        (stored > 0).then(|| 1.0 - self.edits as f32 / stored as f32)
    }
}

impl<'a> Context<'a> {
    fn of(anchor: &'a Anchor) -> Context<'a> {
        Context {
            prefix: &anchor.prefix,
            prefix_chars: anchor.prefix.chars().count(),
            suffix: &anchor.suffix,
            suffix_chars: anchor.suffix.chars().count(),
        }
    }

    /// Compares the stored context with as many chars either side of `span`
    /// as were stored (fewer at the edges of the text).
    fn around(&self, text: &str, span: &Range<usize>) -> ContextMatch {
        let before = last_chars(&text[..span.start], self.prefix_chars);
        let after = first_chars(&text[span.end..], self.suffix_chars);
        let prefix_edits = edits(self.prefix, before);
        let suffix_edits = edits(self.suffix, after);
        let similarity = |edits: usize, chars: usize| (chars > 0).then(|| 1.0 - edits as f32 / chars as f32);
        ContextMatch {
            edits: prefix_edits + suffix_edits,
            prefix: similarity(prefix_edits, self.prefix_chars),
            suffix: similarity(suffix_edits, self.suffix_chars),
        }
    }
}

/// Levenshtein distance in chars. strsim's is a plain, well-tested O(n·m);
/// the strings compared here are at most 32 chars of context.
fn edits(a: &str, b: &str) -> usize {
    if a == b { 0 } else { strsim::levenshtein(a, b) }
}

enum Exact {
    Found(Range<usize>),
    Ambiguous(usize),
    None,
}

/// What makes an exact occurrence of the quote credible.
#[derive(Clone, Copy, PartialEq)]
enum Evidence {
    /// It keeps enough of the stored context.
    Context,
    /// The context may be gone, but the quote is long enough to be
    /// evidence on its own.
    QuoteLength,
}

/// The credible exact occurrence of the quote whose context matches best
/// (then the one clearly nearest the old offset).
fn exact(anchor: &Anchor, text: &str, context: &Context, evidence: Evidence) -> Exact {
    if evidence == Evidence::QuoteLength && anchor.quote.chars().nth(SELF_EVIDENT_QUOTE_CHARS - 1).is_none() {
        return Exact::None;
    }
    // (context edits, distance from the old offset, start)
    let mut found: Vec<(usize, usize, usize)> = occurrences(text, &anchor.quote)
        .filter_map(|start| {
            let span = start..start + anchor.quote.len();
            let around = context.around(text, &span);
            let credible =
                evidence == Evidence::QuoteLength || around.overall(context).is_some_and(|c| c >= MIN_EXACT_CONTEXT);
            credible.then_some((around.edits, start.abs_diff(anchor.byte_start), start))
        })
        .collect();
    found.sort_unstable();
    let Some(&(best_edits, nearest, start)) = found.first() else { return Exact::None };
    let tied: Vec<_> = found.iter().take_while(|f| f.0 == best_edits).collect();
    // Equal context: the nearest wins only if it is clearly nearer than
    // the next (at the old offset it always is); otherwise do not guess.
    if tied.len() == 1 || nearest * 2 < tied[1].1 {
        Exact::Found(start..start + anchor.quote.len())
    } else {
        Exact::Ambiguous(tied.len())
    }
}

/// Start offsets of every occurrence of `needle` in `text`, overlapping
/// ones included. Both are valid UTF-8, so every match starts and ends on
/// a char boundary.
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + finder.find(text.as_bytes().get(from..)?)?;
        from = at + step;
        Some(at)
    })
}

/// The bounded approximate search: windows around the old offset and
/// around exact hits of the quote's first and last characters and of the
/// stored context, each searched with at most `k` edits.
fn approximate(anchor: &Anchor, text: &str, context: &Context) -> Placement {
    let not_found = |best| Placement::Orphan { reason: OrphanReason::NotFound { best } };
    let quote: Vec<char> = anchor.quote.chars().collect();
    if quote.len() < MIN_FUZZY_QUOTE_CHARS {
        return not_found(None);
    }
    let max_edits = (quote.len() as f32 * (1.0 - MIN_FUZZY_QUOTE_SIMILARITY)).floor() as usize;
    let mut hits: Vec<Hit> = Vec::new();
    for window in windows(anchor, text, context, max_edits) {
        let chars: Vec<(usize, char)> = text[window.clone()].char_indices().collect();
        let letters: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        let byte_at = |i: usize| window.start + chars.get(i).map_or(window.end - window.start, |&(b, _)| b);
        for (edits, start, end) in approximate_matches(&quote, &letters, max_edits) {
            hits.push(Hit { edits, span: byte_at(start)..byte_at(end) });
        }
    }
    // Overlapping hits are one place: keep its fewest edits.
    hits.sort_by_key(|h| (h.span.start, h.edits));
    let mut places: Vec<Hit> = Vec::new();
    for hit in hits {
        match places.last_mut() {
            Some(last) if hit.span.start < last.span.end => {
                if hit.edits < last.edits {
                    *last = hit;
                }
            }
            _ => places.push(hit),
        }
    }
    let mut best: Option<(f32, Range<usize>)> = None;
    let mut best_rejected: Option<f32> = None;
    let mut tied = 1;
    for place in places {
        let quote_similarity = 1.0 - place.edits as f32 / quote.len() as f32;
        let around = context.around(text, &place.span);
        let sides_hold = [around.prefix, around.suffix].iter().flatten().all(|&s| s >= MIN_FUZZY_SIDE);
        let Some(overall) = around.overall(context) else { continue };
        let score = 0.7 * quote_similarity + 0.3 * overall;
        if !sides_hold || overall < MIN_FUZZY_CONTEXT {
            best_rejected = Some(best_rejected.map_or(score, |b: f32| b.max(score)));
            continue;
        }
        match &best {
            Some((top, _)) if (score - top).abs() < 1e-6 => tied += 1,
            Some((top, _)) if score < *top => {}
            _ => {
                best = Some((score, place.span));
                tied = 1;
            }
        }
    }
    match best {
        Some(_) if tied > 1 => Placement::Orphan { reason: OrphanReason::Ambiguous { places: tied } },
        Some((score, span)) => Placement::Fuzzy { span, score },
        None => not_found(best_rejected),
    }
}

/// One approximate match of the quote: its edits and byte span.
struct Hit {
    edits: usize,
    span: Range<usize>,
}

/// The byte ranges to search approximately, merged where they overlap; at
/// most 1 + 4 · [`MAX_PROBE_HITS`] windows of about the quote's length plus
/// slack either side, which bounds the search whatever the article's size.
fn windows(anchor: &Anchor, text: &str, context: &Context, max_edits: usize) -> Vec<Range<usize>> {
    let quote_len = anchor.quote.len();
    let mut expected: Vec<usize> = vec![anchor.byte_start.min(text.len())];
    let mut probe = |needle: &str, offset: isize| {
        if needle.chars().count() < MIN_PROBE_CHARS {
            return;
        }
        let mut hits: Vec<usize> = occurrences(text, needle).collect();
        hits.sort_by_key(|&h| h.abs_diff(anchor.byte_start));
        expected.extend(hits.into_iter().take(MAX_PROBE_HITS).map(|h| h.saturating_add_signed(offset)));
    };
    let head = first_chars(&anchor.quote, PROBE_CHARS);
    let tail = last_chars(&anchor.quote, PROBE_CHARS);
    let before = last_chars(context.prefix, PROBE_CHARS);
    let after = first_chars(context.suffix, PROBE_CHARS);
    probe(head, 0);
    probe(tail, tail.len() as isize - quote_len as isize);
    probe(before, before.len() as isize);
    probe(after, -(quote_len as isize));
    // Each edit before a probe's hit shifts the quote by up to one char
    // (four bytes); the rest is room for edits at the quote's edges.
    let slack = 4 * max_edits + 16;
    let mut ranges: Vec<Range<usize>> = expected
        .into_iter()
        .map(|at| floor_boundary(text, at.saturating_sub(slack))..ceil_boundary(text, at + quote_len + slack))
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Every place where `pattern` matches a substring of `text` with at most
/// `k` edits, as (edits, start, end) in char indices of `text`: Sellers'
/// algorithm (edit distance with a free start) with Ukkonen's cut-off, so
/// a column costs about `k` cells rather than the pattern's length.
/// Written here because the crates that search approximately either work
/// on bytes without reporting where a match starts, or fall back to the
/// full O(n·m) table for patterns longer than a SIMD register.
fn approximate_matches(pattern: &[char], text: &[char], k: usize) -> Vec<(usize, usize, usize)> {
    let m = pattern.len();
    let beyond = k + 1;
    // Column of the table for the text read so far: cost[i] = fewest edits
    // turning pattern[..i] into a substring ending here, start[i] where
    // that substring begins. Values above k are clamped to k + 1: past the
    // cut-off they are never computed exactly, and need not be.
    let mut cost: Vec<usize> = (0..=m).map(|i| i.min(beyond)).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut last_good = k.min(m);
    let mut computed = m;
    let mut found = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let rows = (last_good + 1).min(m);
        let (mut diagonal, mut diagonal_start) = (cost[0], start[0]);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=rows {
            let (old, old_start) = (cost[i], start[i]);
            let substitute = diagonal + usize::from(pattern[i - 1] != c);
            let extra_text = old + 1;
            let missing_pattern = cost[i - 1] + 1;
            // Ties prefer the diagonal, so a corrected typo keeps the span.
            let (value, from) = if substitute <= extra_text && substitute <= missing_pattern {
                (substitute, diagonal_start)
            } else if extra_text <= missing_pattern {
                (extra_text, old_start)
            } else {
                (missing_pattern, start[i - 1])
            };
            cost[i] = value.min(beyond);
            start[i] = from;
            (diagonal, diagonal_start) = (old, old_start);
        }
        // Rows computed last time but not now are past the cut-off.
        for value in cost.iter_mut().take(computed + 1).skip(rows + 1) {
            *value = beyond;
        }
        computed = rows;
        last_good = rows;
        while last_good > 0 && cost[last_good] > k {
            last_good -= 1;
        }
        if rows == m && cost[m] <= k {
            found.push((cost[m], start[m], j + 1));
        }
    }
    found
}

/// Where one claim landed.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimPlacement {
    pub claim: RecordId,
    pub article: String,
    pub placement: Placement,
}

/// Every claim of an annotation set placed in the current corpus, in the
/// order of the claims.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub placements: Vec<ClaimPlacement>,
}

/// How many claims ended in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub intact: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphan: usize,
}

impl Report {
    /// How many claims are intact, moved, fuzzy and orphaned.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for placed in &self.placements {
            match placed.placement {
                Placement::Intact => counts.intact += 1,
                Placement::Moved { .. } => counts.moved += 1,
                Placement::Fuzzy { .. } => counts.fuzzy += 1,
                Placement::Orphan { .. } => counts.orphan += 1,
            }
        }
        counts
    }
}

/// Places every claim of `annotations` in `corpus`; a claim whose article
/// is missing is an orphan ("article not found").
pub fn reanchor_all(annotations: &Annotations, corpus: &Corpus) -> Report {
    // One hash per article, however many claims it holds.
    let mut hashes: HashMap<&str, String> = HashMap::new();
    for claim in &annotations.claims {
        if let Some(article) = corpus.article(&claim.anchor.article) {
            hashes.entry(article.id.as_str()).or_insert_with(|| content_hash(&article.text));
        }
    }
    let placements = annotations
        .claims
        .par_iter()
        .map(|claim| {
            let anchor = &claim.anchor;
            let placement = match corpus.article(&anchor.article) {
                Some(article) => reanchor_hashed(anchor, &article.text, &hashes[article.id.as_str()]),
                None => Placement::Orphan { reason: OrphanReason::ArticleNotFound },
            };
            ClaimPlacement { claim: claim.id.clone(), article: anchor.article.clone(), placement }
        })
        .collect();
    Report { placements }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::Claim;
    use proptest::prelude::*;

    const TEXT: &str = "Regierung und Opposition streiten seit Wochen über den Haushalt.\n\n\
        Der Minister sagte am Dienstag, die Truppen würden bis Ende März abgezogen. \
        Kritiker bezweifeln das.\n\n\
        Die Gespräche sollen nächste Woche in Köln weitergehen.\n";
    const QUOTE: &str = "Der Minister sagte am Dienstag, die Truppen würden bis Ende März abgezogen.";

    /// An anchor on the only occurrence of `quote` in `text`.
    fn anchor_on(text: &str, quote: &str) -> Anchor {
        let start = text.find(quote).expect("quote in text");
        assert_eq!(text.matches(quote).count(), 1, "fixture quote must be unique");
        Anchor::new("a.txt", text, start..start + quote.len())
    }

    fn span_of(text: &str, quote: &str) -> Range<usize> {
        let start = text.find(quote).expect("quote in text");
        start..start + quote.len()
    }

    #[test]
    fn unchanged_text_is_intact() {
        let anchor = anchor_on(TEXT, QUOTE);
        assert_eq!(reanchor(&anchor, TEXT), Placement::Intact);
        assert_eq!(Placement::Intact.span(&anchor), Some(span_of(TEXT, QUOTE)));
    }

    #[test]
    fn an_edit_after_the_claim_leaves_it_intact() {
        let anchor = anchor_on(TEXT, QUOTE);
        let edited = TEXT.replace("in Köln", "in Bonn");
        assert_eq!(reanchor(&anchor, &edited), Placement::Intact);
    }

    #[test]
    fn an_inserted_paragraph_before_the_claim_moves_it() {
        let anchor = anchor_on(TEXT, QUOTE);
        let inserted = "Eilmeldung: Neue Zahlen aus dem Ministerium.\n\n";
        let edited = TEXT.replacen("Der Minister", &format!("{inserted}Der Minister"), 1);
        let span = anchor.span().start + inserted.len()..anchor.span().end + inserted.len();
        assert_eq!(reanchor(&anchor, &edited), Placement::Moved { span: span.clone() });
        assert_eq!(&edited[span], QUOTE);
    }

    #[test]
    fn a_corrected_typo_inside_the_quote_is_a_fuzzy_match_on_the_corrected_sentence() {
        let typo = TEXT.replace("Truppen", "Trupen");
        let anchor = anchor_on(&typo, &QUOTE.replace("Truppen", "Trupen"));
        let inserted = "Ein Absatz mehr.\n\n";
        let edited = format!("{inserted}{TEXT}");
        let Placement::Fuzzy { span, score } = reanchor(&anchor, &edited) else {
            panic!("expected a fuzzy match, got {:?}", reanchor(&anchor, &edited));
        };
        assert_eq!(span, span_of(&edited, QUOTE));
        assert!(score > 0.95 && score < 1.0, "{score}");
    }

    #[test]
    fn a_corrected_umlaut_keeps_spans_on_char_boundaries() {
        let quote = "Die Gespräche sollen nächste Woche in Köln weitergehen.";
        let typo = TEXT.replace("Gespräche", "Gesprache");
        let anchor = anchor_on(&typo, &quote.replace("Gespräche", "Gesprache"));
        let edited = format!("Ärger über Äußerungen.\n\n{TEXT}");
        let Placement::Fuzzy { span, .. } = reanchor(&anchor, &edited) else { panic!("expected fuzzy") };
        assert_eq!(&edited[span], quote);
    }

    #[test]
    fn multibyte_text_around_the_span_moves_exactly() {
        let text = "Öl, Gas, Straßen: Überall Ärger.\n\nÄußerst strittig ist die Übergabe der Stützpunkte.\n";
        let anchor = anchor_on(text, "Äußerst strittig ist die Übergabe der Stützpunkte.");
        let edited = format!("Größere Änderungen: ÖÜÄ ß.\n\n{text}");
        let Placement::Moved { span } = reanchor(&anchor, &edited) else { panic!("expected a move") };
        assert_eq!(&edited[span], "Äußerst strittig ist die Übergabe der Stützpunkte.");
    }

    #[test]
    fn a_deleted_sentence_makes_an_orphan() {
        let anchor = anchor_on(TEXT, QUOTE);
        let edited = TEXT.replace(QUOTE, "");
        let placement = reanchor(&anchor, &edited);
        assert!(matches!(placement, Placement::Orphan { reason: OrphanReason::NotFound { .. } }), "{placement:?}");
    }

    #[test]
    fn a_deleted_sentence_is_not_replaced_by_a_similar_neighbour() {
        let text = "Die Armee meldete am Montag 300 Verletzte in Nord. Die Armee meldete am Dienstag 310 Verletzte \
                    in Süd. Die Armee meldete am Mittwoch 320 Verletzte in Ost.\n";
        let quote = "Die Armee meldete am Dienstag 310 Verletzte in Süd.";
        let anchor = anchor_on(text, quote);
        let edited = text.replace(&format!("{quote} "), "");
        let placement = reanchor(&anchor, &edited);
        assert!(matches!(placement, Placement::Orphan { .. }), "{placement:?}");
    }

    #[test]
    fn a_short_quote_found_only_in_another_context_is_an_orphan() {
        let text = "Der Sprecher sagte: Nein. Dann ging er.\n";
        let anchor = anchor_on(text, "Nein.");
        let edited = "Ganz anderer Text, und am Ende steht: Nein.\n";
        let placement = reanchor(&anchor, edited);
        assert!(matches!(placement, Placement::Orphan { .. }), "{placement:?}");
    }

    #[test]
    fn a_duplicated_sentence_keeps_the_claim_where_its_context_is() {
        let anchor = anchor_on(TEXT, QUOTE);
        // The copy goes first, in a summary with a different context.
        let summary = format!("Zusammenfassung: {QUOTE} Mehr unten.\n\n");
        let edited = format!("{summary}{TEXT}");
        let right = summary.len() + anchor.span().start..summary.len() + anchor.span().end;
        assert_eq!(reanchor(&anchor, &edited), Placement::Moved { span: right });
        // A copy after it changes nothing.
        let appended = format!("{TEXT}Zur Erinnerung: {QUOTE}\n");
        assert_eq!(reanchor(&anchor, &appended), Placement::Intact);
    }

    #[test]
    fn equally_good_occurrences_make_an_orphan() {
        let passage = "Seit Tagen wird in der Hauptstadt verhandelt. Der Abzug beginnt im Mai. \
                       So steht es im Entwurf des Abkommens.";
        let quote = "Der Abzug beginnt im Mai.";
        let old = format!("{}\n\n{passage}\n\nEnde.\n", "Vorspann ohne Bezug. ".repeat(20));
        let anchor = anchor_on(&old, quote);
        // The passage now stands twice, once before and once after the old
        // offset, equally far from it.
        let first = "Kurz.\n\n";
        let in_passage = passage.find(quote).expect("quote");
        let a = first.len() + in_passage;
        let gap = 2 * (anchor.byte_start - a) - passage.len();
        let edited = format!("{first}{passage}{}{passage}\n", "x".repeat(gap));
        assert_eq!(edited.matches(quote).count(), 2);
        assert_eq!(reanchor(&anchor, &edited), Placement::Orphan { reason: OrphanReason::Ambiguous { places: 2 } });
    }

    #[test]
    fn an_empty_quote_cannot_be_placed_in_changed_text() {
        let anchor = Anchor::new("a.txt", TEXT, 5..5);
        assert_eq!(reanchor(&anchor, "anders"), Placement::Orphan { reason: OrphanReason::EmptyQuote });
    }

    #[test]
    fn rebase_takes_hash_offsets_and_context_from_the_new_text() {
        let mut anchor = anchor_on(TEXT, QUOTE);
        let edited = format!("Neu.\n\n{TEXT}");
        let Placement::Moved { span } = reanchor(&anchor, &edited) else { panic!("expected a move") };
        anchor.rebase(&edited, span.clone());
        assert_eq!(anchor.span(), span);
        assert_eq!(anchor.quote, QUOTE);
        assert_eq!(reanchor(&anchor, &edited), Placement::Intact);
    }

    #[test]
    fn reanchor_all_places_every_claim_and_orphans_those_of_missing_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), TEXT).expect("write");
        std::fs::write(dir.path().join("b.txt"), "Ein anderer Artikel.\n\nMit einem Satz.\n").expect("write");
        let corpus = Corpus::load(dir.path()).expect("load");
        let text = &corpus.article("a.txt").expect("a.txt").text;
        let claim = |article: &str, anchor: Anchor| Claim {
            id: RecordId::new(),
            anchor: Anchor { article: article.into(), ..anchor },
            tags: vec![],
            speaker: None,
            summary: None,
            verdict: "unverified".into(),
            about: None,
            note: String::new(),
            created: None,
            modified: None,
            creator: None,
            conflicts: vec![],
        };
        let mut annotations = Annotations::default();
        annotations.claims.push(claim("a.txt", anchor_on(text, QUOTE)));
        annotations.claims.push(claim("gone.txt", anchor_on(text, QUOTE)));
        let report = reanchor_all(&annotations, &corpus);
        assert_eq!(report.placements[0].placement, Placement::Intact);
        assert_eq!(report.placements[1].placement, Placement::Orphan { reason: OrphanReason::ArticleNotFound });
        assert_eq!(report.placements[1].article, "gone.txt");
        assert_eq!(report.counts(), Counts { intact: 1, moved: 0, fuzzy: 0, orphan: 1 });
    }

    #[test]
    fn approximate_matches_reports_edits_and_span() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let found = approximate_matches(&chars("Köln"), &chars("in Koln und Köln."), 1);
        assert!(found.contains(&(1, 3, 7)), "{found:?}");
        assert!(found.contains(&(0, 12, 16)), "{found:?}");
        assert!(approximate_matches(&chars("Köln"), &chars("Berlin"), 1).is_empty());
    }

    /// A text, a non-empty span in it (as char indices) and text to insert
    /// before the span's context, from an alphabet the text does not use.
    fn text_span_insert() -> impl Strategy<Value = (String, usize, usize, String, usize)> {
        ("[a-zäöüß ,.\n]{1,160}", any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[A-Z0-9Ä]{1,40}")
            .prop_flat_map(|(text, a, b, insert)| {
                let chars = text.chars().count();
                let (a, b) = (a.index(chars), b.index(chars));
                let (start, end) = (a.min(b), a.max(b) + 1);
                (Just(text), Just(start), Just(end), Just(insert), 0..=start.saturating_sub(CONTEXT_CHARS_FOR_TEST))
            })
    }

    /// Insert positions this far (in chars) before the span leave the stored
    /// prefix untouched.
    const CONTEXT_CHARS_FOR_TEST: usize = crate::annotations::anchor::CONTEXT_CHARS;

    fn byte_at(text: &str, char_index: usize) -> usize {
        text.char_indices().nth(char_index).map_or(text.len(), |(b, _)| b)
    }

    proptest! {
        #[test]
        fn anchoring_then_reanchoring_unchanged_text_is_intact((text, start, end, _, _) in text_span_insert()) {
            let span = byte_at(&text, start)..byte_at(&text, end);
            let anchor = Anchor::new("p.txt", &text, span.clone());
            prop_assert_eq!(reanchor(&anchor, &text).span(&anchor), Some(span));
            prop_assert_eq!(reanchor(&anchor, &text), Placement::Intact);
        }

        #[test]
        fn inserting_text_before_the_context_moves_the_anchor_by_its_length(
            (text, start, end, insert, at) in text_span_insert()
        ) {
            let span = byte_at(&text, start)..byte_at(&text, end);
            let anchor = Anchor::new("p.txt", &text, span.clone());
            let context = format!("{}{}{}", anchor.prefix, anchor.quote, anchor.suffix);
            // Only an anchor that is unambiguous where it was made can be
            // expected to be found again.
            prop_assume!(occurrences(&text, &context).count() == 1);
            prop_assume!(anchor.quote.chars().count() >= SELF_EVIDENT_QUOTE_CHARS || context != anchor.quote);
            let at = byte_at(&text, at);
            let edited = format!("{}{insert}{}", &text[..at], &text[at..]);
            let moved = span.start + insert.len()..span.end + insert.len();
            prop_assert_eq!(&edited[moved.clone()], anchor.quote.as_str());
            prop_assert_eq!(reanchor(&anchor, &edited), Placement::Moved { span: moved });
        }
    }
}
