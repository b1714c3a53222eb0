//! Kin: dated articles that tell the same story as another, found by the
//! rare words and figures their bodies share. It is the suggestion
//! engine's cheapest evidence, made for dating: an undated article takes
//! the dates of its kin as evidence (`crate::corpus::dates::from_kin`).
//!
//! Each article keeps its `TERMS` rarest terms, weighted by tf-idf: words
//! of five letters or more, in any language, and figures of three digits
//! or more (`2,500` and `2.500` are one figure). Terms in more than a
//! twentieth of the articles say nothing of a story. The search runs from
//! the articles to date to the dated ones only, through an index of the
//! dated ones' terms, so it costs a fraction of the corpus load.

use crate::corpus::dates::{self, DateExpr, KinDate, OwnEvidence, Tense};
use crate::corpus::detail::Detail;
use crate::corpus::{Article, ArticleId, Provenance, PublicationDate};
use chrono::Weekday;
use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Terms kept per article: its rarest, by tf-idf.
const TERMS: usize = 48;
/// Shortest word that names something particular.
const MIN_WORD_CHARS: usize = 5;
/// Shortest figure that is more than a count of days or people.
const MIN_FIGURE_DIGITS: usize = 3;
/// A term in more than this share of the articles is common talk.
const COMMON_SHARE: usize = 20;
/// ... but in a small corpus a term in a few articles still tells.
const MIN_COMMON_CAP: u32 = 3;
/// Kin kept per article, the most alike first.
pub const KIN: usize = 3;

/// What one article brings to the kin search: its date, the weekdays it
/// names, its body terms. Compact and owned, so a loader thread can
/// collect them batch by batch.
#[derive(Debug, Clone)]
pub struct KinPrint {
    pub id: ArticleId,
    pub date: Option<PublicationDate>,
    /// Weekdays named as past or present (`on Tuesday`).
    weekdays: Vec<Weekday>,
    /// Term hashes, sorted, and how often each occurs (at most 255).
    terms: Vec<u32>,
    counts: Vec<u8>,
}

impl KinPrint {
    /// Reads one analysed article.
    pub fn of(article: &Article) -> KinPrint {
        // Read once per article for the whole corpus: not kept decoded.
        let detail = article.passing_detail();
        let (terms, counts) = terms_of(&article.text, &detail);
        let weekdays = detail
            .mentions
            .iter()
            .filter(|m| m.tense != Tense::Future)
            .filter_map(|m| match m.expr {
                DateExpr::Weekday(day) => Some(day),
                _ => None,
            })
            .collect();
        KinPrint { id: article.id.clone(), date: article.date.clone(), weekdays, terms, counts }
    }

    /// Whether its date is evidence for others: stated, set by the analyst,
    /// or inferred with confidence (a date from kin never is: evidence is
    /// not passed on twice).
    fn is_dated(&self) -> bool {
        self.date.as_ref().is_some_and(|d| {
            d.value.is_some()
                && match d.provenance {
                    Provenance::Stated | Provenance::Analyst => true,
                    Provenance::Inferred => d.confidence >= dates::CONFIDENT,
                    Provenance::Corpus => false,
                }
        })
    }

    /// Whether kin may date it: undated, or dated from its text only.
    fn needs_date(&self) -> bool {
        !self.is_dated() && self.date.as_ref().is_none_or(|d| d.provenance == Provenance::Inferred)
    }
}

/// A dated article that tells the same story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kin {
    /// Index of the dated article among the prints searched.
    pub article: usize,
    /// Cosine similarity of the two articles' weighted terms, 0..=1.
    pub similarity: f32,
}

/// For every print that needs a date, its `KIN` most alike among the dated
/// ones (none alike: an empty list); for the others an empty list.
pub fn dated_kin(prints: &[KinPrint]) -> Vec<Vec<Kin>> {
    let dated: Vec<usize> = (0..prints.len()).filter(|&i| prints[i].is_dated()).collect();
    if dated.is_empty() || !prints.iter().any(KinPrint::needs_date) {
        return vec![Vec::new(); prints.len()];
    }
    let df = DocumentFrequencies::count(prints);
    let index = Index::build(dated.iter().map(|&i| (i, df.weigh(&prints[i]))));
    prints.par_iter().map(|p| if p.needs_date() { index.most_alike(&df.weigh(p)) } else { Vec::new() }).collect()
}

/// New dates for the prints their kin date (index and date): the corpus
/// as evidence.
pub fn kin_dates(prints: &[KinPrint]) -> Vec<(usize, PublicationDate)> {
    let kin = dated_kin(prints);
    kin.par_iter()
        .enumerate()
        .filter(|(_, kin)| !kin.is_empty())
        .filter_map(|(i, kin)| {
            let here = &prints[i];
            let dated: Vec<KinDate> = kin
                .iter()
                .filter_map(|k| {
                    let other = &prints[k.article];
                    let date = other.date.as_ref()?.value?;
                    let same_weekday = other.weekdays.iter().copied().find(|d| here.weekdays.contains(d));
                    Some(KinDate { name: other.id.as_str(), date, similarity: k.similarity, same_weekday })
                })
                .collect();
            let own = here.date.as_ref().map_or_else(OwnEvidence::default, |d| OwnEvidence {
                not_before: d.not_before.as_ref(),
                not_after: d.not_after.as_ref(),
                estimate_confidence: d.value.map(|_| d.confidence),
            });
            let found = dates::from_kin(own, &dated)?;
            Some((i, PublicationDate::inferred(found, Provenance::Corpus)))
        })
        .collect()
}

/// Dates the articles their kin date, in place (see [`kin_dates`]).
pub fn date_by_kin(articles: &mut [Article]) {
    let prints: Vec<KinPrint> = articles.par_iter().map(KinPrint::of).collect();
    for (i, date) in kin_dates(&prints) {
        articles[i].set_date(Some(date));
    }
}

/// The article's body terms (hashes, sorted) and their counts.
fn terms_of(text: &str, detail: &Detail) -> (Vec<u32>, Vec<u8>) {
    let mut scanner = TermScanner::default();
    // Body lines: the headline and boilerplate lines are flagged.
    for line in detail.lines.iter().filter(|l| l.flag.is_none()) {
        scanner.scan(&text[line.span]);
    }
    let mut hashes = scanner.hashes;
    hashes.sort_unstable();
    hashes.chunk_by(|a, b| a == b).map(|run| (run[0], u8::try_from(run.len()).unwrap_or(u8::MAX))).unzip()
}

/// Reads words and figures a run of bytes at a time (news is mostly
/// ASCII, and most words are too short to keep), hashing those long enough.
/// A token mixing letters and digits (`R116`, `1990er`) is neither.
#[derive(Default)]
struct TermScanner {
    hashes: Vec<u32>,
    /// The term being hashed: lowercased letters, or a figure's digits.
    buffer: Vec<u8>,
}

impl TermScanner {
    fn scan(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let start = i;
            if b.is_ascii_alphabetic() {
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                match bytes.get(i) {
                    // The word goes on with other letters (`Ärzte`, `Kessaran`'s `é`).
                    Some(&next) if next >= 0x80 => i = self.word(text, start),
                    Some(next) if next.is_ascii_digit() => i = skip_token(bytes, i),
                    _ if i - start >= MIN_WORD_CHARS => {
                        self.buffer.clear();
                        self.buffer.extend(bytes[start..i].iter().map(u8::to_ascii_lowercase));
                        self.hashes.push(hash(&self.buffer));
                    }
                    _ => {}
                }
            } else if b.is_ascii_digit() {
                self.buffer.clear();
                while let Some(&d) = bytes.get(i) {
                    if d.is_ascii_digit() {
                        self.buffer.push(d);
                    // `2,500` and `2.500`: a thousands separator joins the digits.
                    } else if !(matches!(d, b',' | b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
                        break;
                    }
                    i += 1;
                }
                if bytes.get(i).is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80) {
                    i = skip_token(bytes, i);
                } else if self.buffer.len() >= MIN_FIGURE_DIGITS {
                    self.hashes.push(figure_hash(&self.buffer));
                }
            } else if b >= 0x80 {
                i = self.word(text, start);
            } else {
                i += 1;
            }
        }
    }

    /// Reads the word at `start` letter by letter (some not ASCII), hashes
    /// it if long enough, and returns where it ends.
    fn word(&mut self, text: &str, start: usize) -> usize {
        self.buffer.clear();
        let mut letters = 0;
        let mut end = start;
        for c in text[start..].chars() {
            if !c.is_alphabetic() {
                break;
            }
            for lower in c.to_lowercase() {
                self.buffer.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
            letters += 1;
            end += c.len_utf8();
        }
        if end == start {
            // Not a letter: step over the character.
            return start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        if letters >= MIN_WORD_CHARS && !text.as_bytes().get(end).is_some_and(u8::is_ascii_digit) {
            self.hashes.push(hash(&self.buffer));
        }
        end
    }
}

/// Where the letters and digits from `i` on end.
fn skip_token(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80) {
        i += 1;
    }
    i
}

/// A term's hash; 32 bits keep the prints small, and a rare collision only
/// blurs two rare terms.
fn hash(bytes: &[u8]) -> u32 {
    xxh3_64(bytes) as u32
}

/// A figure's hash: seeded apart from words'.
fn figure_hash(digits: &[u8]) -> u32 {
    xxh3_64_with_seed(digits, FIGURE_SEED) as u32
}

/// Keeps figures' hashes apart from words'.
const FIGURE_SEED: u64 = 0x6669_6775_7265;

/// In how many articles each term is.
struct DocumentFrequencies {
    /// Sorted term hashes and their counts.
    terms: Vec<u32>,
    counts: Vec<u32>,
    articles: usize,
    /// Terms in more articles than this are left out.
    cap: u32,
}

impl DocumentFrequencies {
    fn count(prints: &[KinPrint]) -> DocumentFrequencies {
        let mut all: Vec<u32> = prints.par_iter().flat_map_iter(|p| p.terms.iter().copied()).collect();
        all.par_sort_unstable();
        let (mut hashes, mut counts) = (Vec::new(), Vec::new());
        for run in all.chunk_by(|a, b| a == b) {
            hashes.push(run[0]);
            counts.push(u32::try_from(run.len()).unwrap_or(u32::MAX));
        }
        let cap = u32::try_from(prints.len() / COMMON_SHARE).unwrap_or(u32::MAX).max(MIN_COMMON_CAP);
        DocumentFrequencies { terms: hashes, counts, articles: prints.len(), cap }
    }

    /// The article's `TERMS` rarest shared terms, tf-idf weighted and
    /// scaled to unit length, sorted by hash.
    fn weigh(&self, print: &KinPrint) -> Vec<(u32, f32)> {
        let n = self.articles as f32;
        let mut weighted: Vec<(u32, f32)> = print
            .terms
            .iter()
            .zip(&print.counts)
            .filter_map(|(&hash, &tf)| {
                let df = self.counts[self.terms.binary_search(&hash).ok()?];
                // A term in one article alone is shared with none.
                (2..=self.cap).contains(&df).then(|| (hash, (1.0 + f32::from(tf).ln()) * (n / df as f32).ln()))
            })
            .collect();
        weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        weighted.truncate(TERMS);
        let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            weighted.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        weighted.sort_unstable_by_key(|t| t.0);
        weighted
    }
}

/// The dated articles' weighted terms, by term.
struct Index {
    terms: Vec<u32>,
    /// `postings[offsets[i]..offsets[i + 1]]` hold term `terms[i]`.
    offsets: Vec<u32>,
    postings: Vec<(u32, f32)>,
}

impl Index {
    fn build(dated: impl Iterator<Item = (usize, Vec<(u32, f32)>)>) -> Index {
        let mut entries: Vec<(u32, u32, f32)> =
            dated.flat_map(|(i, terms)| terms.into_iter().map(move |(h, w)| (h, i as u32, w))).collect();
        entries.sort_unstable_by_key(|e| (e.0, e.1));
        let mut index = Index { terms: Vec::new(), offsets: vec![0], postings: Vec::with_capacity(entries.len()) };
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            index.terms.push(run[0].0);
            index.postings.extend(run.iter().map(|e| (e.1, e.2)));
            index.offsets.push(index.postings.len() as u32);
        }
        index
    }

    /// The `KIN` indexed articles most alike to `terms`, best first.
    fn most_alike(&self, terms: &[(u32, f32)]) -> Vec<Kin> {
        let mut scores: Vec<(u32, f32)> = Vec::new();
        for &(hash, weight) in terms {
            if let Ok(t) = self.terms.binary_search(&hash) {
                let postings = &self.postings[self.offsets[t] as usize..self.offsets[t + 1] as usize];
                scores.extend(postings.iter().map(|&(j, w)| (j, w * weight)));
            }
        }
        scores.sort_unstable_by_key(|s| s.0);
        let mut summed: Vec<Kin> = scores
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| Kin { article: run[0].0 as usize, similarity: run.iter().map(|s| s.1).sum::<f32>().min(1.0) })
            .collect();
        summed.sort_unstable_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.article.cmp(&b.article)));
        summed.truncate(KIN);
        summed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::features::tests::article;

    const CRASH: &str = "A coastguard helicopter crashed off Blacksod during a night rescue mission. \
        Searchers recovered wreckage near Blackrock lighthouse, and divers resumed the search at 0600.\n";
    const CRASH_LATER: &str = "Divers returned to Blackrock lighthouse where the helicopter wreckage lies. \
        The coastguard said the rescue mission near Blacksod would continue after 0600.\n";
    const CRASH_DE: &str = "Taucher kehrten zum Blackrock-Leuchtturm zurück, wo das Wrack liegt. Die Suche bei \
        Blacksod geht ab 0600 weiter.\n";
    const BUDGET: &str = "The finance minister presented a budget with 2,500 million for hospitals and schools, \
        and opposition parties criticised the spending plans.\n";
    const BUDGET_LATER: &str = "Opposition parties attacked the budget again, saying 2.500 million for hospitals \
        is not enough, while the finance minister defended the spending.\n";

    fn corpus() -> Vec<Article> {
        vec![
            article("crash.md", "en", Some("2030-03-14"), CRASH),
            article("budget.md", "en", Some("2030-05-02"), BUDGET),
            article("crash-later.txt", "en", None, CRASH_LATER),
            article("budget-later.txt", "en", None, BUDGET_LATER),
            article("crash-de.txt", "de", None, CRASH_DE),
        ]
    }

    fn kin_of(articles: &[Article]) -> Vec<Vec<Kin>> {
        dated_kin(&articles.iter().map(KinPrint::of).collect::<Vec<_>>())
    }

    #[test]
    fn undated_articles_find_the_dated_ones_that_tell_their_story() {
        let articles = corpus();
        let kin = kin_of(&articles);
        let best = |i: usize| kin[i].first().map(|k| articles[k.article].id.as_str());
        assert_eq!(best(2), Some("crash.md"));
        assert_eq!(best(3), Some("budget.md"), "2,500 and 2.500 are one figure");
        assert_eq!(best(4), Some("crash.md"), "a translation shares names and figures");
        assert!(kin[0].is_empty() && kin[1].is_empty(), "dated articles look for nothing");
        assert!(kin[2][0].similarity > kin[2].get(1).map_or(0.0, |k| k.similarity));
    }

    #[test]
    fn without_dated_articles_nothing_is_searched() {
        let articles: Vec<Article> = corpus().into_iter().filter(|a| a.date.is_none()).collect();
        assert!(kin_of(&articles).iter().all(Vec::is_empty));
    }

    #[test]
    fn terms_are_long_words_and_figures_with_their_separators_dropped() {
        let a = article("a.txt", "en", None, "The 2,500 troops and 2.500 Soldaten left in 2024 on day 12.\n");
        let (terms, counts) = terms_of(&a.text, a.detail());
        let count = |term: u32| terms.iter().position(|&t| t == term).map(|i| counts[i]);
        let figure = |digits: &[u8]| count(figure_hash(digits));
        assert_eq!(figure(b"2500"), Some(2), "{terms:?}");
        assert_eq!(figure(b"2024"), Some(1));
        assert_eq!(figure(b"12"), None, "short figures are left out");
        let count = |word: &[u8]| count(hash(word));
        assert_eq!(count(b"troops"), Some(1));
        assert_eq!(count(b"soldaten"), Some(1), "lowercased");
        assert_eq!(count(b"left"), None, "short words are left out");
        let a = article("b.txt", "de", None, "Die Ärzte von R116 kamen in den 1990er Jahren, sagte Müller.\n");
        let (terms, _) = terms_of(&a.text, a.detail());
        assert!(terms.contains(&hash("ärzte".as_bytes())), "letters beyond ASCII, lowercased");
        assert!(terms.contains(&hash("müller".as_bytes())));
        assert!(!terms.contains(&figure_hash(b"116")) && !terms.contains(&figure_hash(b"1990")), "mixed tokens");
    }
}
