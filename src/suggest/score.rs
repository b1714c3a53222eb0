//! Scoring one candidate pair: which features the two share, whether they
//! come in the same order, how much text they share, and from that the
//! kind of link, its score and the evidence.

use super::features::{Feature, FeatureKind, Fingerprint};
use super::gazetteer;
use super::index::{Stats, kind_weight};
use super::names;
use super::numbers::Qualifier;
use super::{Direction, Evidence, SuggestedKind, Suggestion};

/// One feature both sides have: its occurrences on each side.
pub(crate) struct SharedFeature {
    pub kind: FeatureKind,
    pub weight: f32,
    /// Indices into the feature slices given to [`match_features`].
    pub here: Vec<usize>,
    pub there: Vec<usize>,
}

/// What two feature lists share.
pub(crate) struct Matching {
    /// Strongest first.
    pub shared: Vec<SharedFeature>,
    /// Weight of each side's distinct active features.
    pub weight_here: f32,
    pub weight_there: f32,
    /// Longest common subsequence of shared features in text order, and
    /// the length of the shorter sequence.
    pub in_order: usize,
    pub order_of: usize,
    /// Figures (numbers written in digits) each side has and the other lacks:
    /// a translation keeps every figure.
    pub lone_figures: (usize, usize),
}

impl Matching {
    pub(crate) fn shared_weight(&self) -> f32 {
        self.shared.iter().map(|s| s.weight).sum()
    }

    /// Geometric mean of how much of each side is shared (0..=1).
    pub(crate) fn similarity(&self) -> f32 {
        let shared = self.shared_weight();
        if self.weight_here <= 0.0 || self.weight_there <= 0.0 {
            return 0.0;
        }
        ((shared / self.weight_here) * (shared / self.weight_there)).sqrt().min(1.0)
    }

    /// How much of the less covered side is shared: a translation covers
    /// both sides, a longer report of the same event only the shorter one.
    pub(crate) fn coverage(&self) -> f32 {
        let shared = self.shared_weight();
        if self.weight_here <= 0.0 || self.weight_there <= 0.0 {
            return 0.0;
        }
        (shared / self.weight_here.max(self.weight_there)).min(1.0)
    }

    pub(crate) fn order(&self) -> f32 {
        if self.order_of == 0 { 0.0 } else { self.in_order as f32 / self.order_of as f32 }
    }
}

/// Matches two feature lists (whole articles or single sentences).
pub(crate) fn match_features(
    stats: &Stats,
    here_print: &Fingerprint,
    here: &[Feature],
    there_print: &Fingerprint,
    there: &[Feature],
) -> Matching {
    // A quote is translated with its text: across languages it cannot be
    // shared, so it must not count as missing either.
    let quotes = here_print.lang == there_print.lang;
    let grouped = |features: &[Feature]| {
        let mut keyed: Vec<(u64, usize)> = features
            .iter()
            .enumerate()
            .filter(|(_, f)| stats.active(f) && (quotes || f.kind != FeatureKind::Quote))
            .map(|(i, f)| (f.key, i))
            .collect();
        keyed.sort_unstable();
        keyed
    };
    let (a, b) = (grouped(here), grouped(there));
    let weight_of = |keyed: &[(u64, usize)], features: &[Feature]| -> f32 {
        keyed.chunk_by(|x, y| x.0 == y.0).map(|run| stats.idf(run[0].0) * kind_weight(features[run[0].1].kind)).sum()
    };
    let mut shared = Vec::new();
    let mut shared_keys = Vec::new();
    let (mut ai, mut bi) = (a.chunk_by(|x, y| x.0 == y.0).peekable(), b.chunk_by(|x, y| x.0 == y.0).peekable());
    while let (Some(ra), Some(rb)) = (ai.peek(), bi.peek()) {
        match ra[0].0.cmp(&rb[0].0) {
            std::cmp::Ordering::Less => {
                ai.next();
            }
            std::cmp::Ordering::Greater => {
                bi.next();
            }
            std::cmp::Ordering::Equal => {
                let (fa, fb) = (&here[ra[0].1], &there[rb[0].1]);
                if fa.kind == fb.kind && compatible(here_print, fa, there_print, fb) {
                    shared_keys.push(ra[0].0);
                    shared.push(SharedFeature {
                        kind: fa.kind,
                        weight: stats.idf(ra[0].0) * kind_weight(fa.kind),
                        here: ra.iter().map(|x| x.1).collect(),
                        there: rb.iter().map(|x| x.1).collect(),
                    });
                }
                ai.next();
                bi.next();
            }
        }
    }
    shared.sort_by(|x, y| y.weight.total_cmp(&x.weight).then(x.here[0].cmp(&y.here[0])));
    let sequence = |side: &dyn Fn(&SharedFeature) -> &Vec<usize>| {
        let mut seq: Vec<(usize, u32)> =
            shared.iter().enumerate().flat_map(|(id, s)| side(s).iter().map(move |&i| (i, id as u32))).collect();
        seq.sort_unstable();
        seq.into_iter().map(|(_, id)| id).take(MAX_ORDER_LEN).collect::<Vec<u32>>()
    };
    let (seq_a, seq_b) = (sequence(&|s| &s.here), sequence(&|s| &s.there));
    let lone = |keyed: &[(u64, usize)], features: &[Feature], print: &Fingerprint| {
        keyed
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|run| {
                let f = &features[run[0].1];
                f.kind == FeatureKind::Number
                    && print.surface(f).contains(|c: char| c.is_ascii_digit())
                    && shared_keys.binary_search(&run[0].0).is_err()
            })
            .count()
    };
    Matching {
        lone_figures: (lone(&a, here, here_print), lone(&b, there, there_print)),
        weight_here: weight_of(&a, here),
        weight_there: weight_of(&b, there),
        in_order: lcs(&seq_a, &seq_b),
        order_of: seq_a.len().min(seq_b.len()),
        shared,
    }
}

/// Longer feature sequences are cut for the order check (quadratic).
const MAX_ORDER_LEN: usize = 300;

/// Whether two features with the same key really are the same thing.
fn compatible(pa: &Fingerprint, a: &Feature, pb: &Fingerprint, b: &Feature) -> bool {
    match a.kind {
        FeatureKind::Name => {
            let (x, y) = (pa.surface(a), pb.surface(b));
            names::same_name(x, y) || gazetteer::same_entity(x, y)
        }
        // `Feb. 11, 2024` is not `11. Februar 2023`.
        FeatureKind::Date => match (a.date, b.date) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
        FeatureKind::Number | FeatureKind::Quote => true,
    }
}

/// Length of the longest common subsequence.
fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The judgement on a pair, before any evidence is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Verdict {
    pub kind: SuggestedKind,
    pub score: f32,
}

/// Same-language texts sharing this much of their shingles are duplicates.
const DUPLICATE_SHINGLES: f32 = 0.5;
const DUPLICATE_COVERAGE: f32 = 0.6;
/// Fewer shared features than this is not a story in common.
const MIN_SHARED: usize = 3;
const MIN_SHARED_TRANSLATION: usize = 4;
/// Shared-feature similarity and order a translation needs.
const TRANSLATION_COVERAGE: f32 = 0.6;
const TRANSLATION_ORDER: f32 = 0.8;
/// Figures one side may have that the other lacks, in a translation.
const TRANSLATION_LONE_FIGURES: usize = 1;
const SAME_EVENT_SIMILARITY: f32 = 0.25;

/// Decides kind and score for a pair of articles, or `None` when they have
/// too little in common.
pub(crate) fn judge(stats: &Stats, a: &Fingerprint, b: &Fingerprint) -> Option<(Verdict, Matching)> {
    let matching = match_features(stats, a, &a.features, b, &b.features);
    let verdict = verdict(a, b, &matching)?;
    Some((verdict, matching))
}

fn verdict(a: &Fingerprint, b: &Fingerprint, m: &Matching) -> Option<Verdict> {
    let same_lang = a.lang == b.lang;
    let shingles = shingle_similarity(a, b);
    let similarity = m.similarity();
    let order = m.order();
    // Common phrases make texts alike; a duplicate also shares its figures, names and dates.
    if same_lang && shingles >= DUPLICATE_SHINGLES && m.coverage() >= DUPLICATE_COVERAGE {
        return Some(Verdict { kind: SuggestedKind::Duplicate, score: 0.6 + 0.4 * shingles });
    }
    let shared = m.shared.len();
    if !same_lang
        && shared >= MIN_SHARED_TRANSLATION
        && m.coverage() >= TRANSLATION_COVERAGE
        && order >= TRANSLATION_ORDER
        && m.lone_figures.0.max(m.lone_figures.1) <= TRANSLATION_LONE_FIGURES
    {
        let score = 0.25 + 0.45 * m.coverage() + 0.3 * order;
        return Some(Verdict { kind: SuggestedKind::TranslationOf, score: score.min(0.99) });
    }
    // Two kinds of evidence at least: shared names alone are a topic, not an event.
    let kinds = {
        let mut kinds: Vec<FeatureKind> = m.shared.iter().map(|s| s.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.len()
    };
    if shared >= MIN_SHARED && kinds >= 2 && similarity >= SAME_EVENT_SIMILARITY {
        return Some(Verdict { kind: SuggestedKind::SameEvent, score: (0.1 + 0.6 * similarity).min(0.7) });
    }
    None
}

fn shingle_similarity(a: &Fingerprint, b: &Fingerprint) -> f32 {
    match (&a.sketch, &b.sketch) {
        (Some(x), Some(y)) => x.similarity(y),
        _ => 0.0,
    }
}

/// Evidence items listed per suggestion, at most.
const MAX_EVIDENCE: usize = 10;

/// The suggestion from `a` to `b`, with its evidence.
pub(crate) fn suggestion(a: &Fingerprint, b: &Fingerprint, verdict: Verdict, m: &Matching) -> Suggestion {
    let mut evidence = Vec::with_capacity(MAX_EVIDENCE + 1);
    match verdict.kind {
        SuggestedKind::Duplicate => evidence.push(Evidence {
            label: format!("text {:.0}% shared shingles", shingle_similarity(a, b) * 100.0),
            from_spans: vec![],
            to_spans: vec![],
        }),
        SuggestedKind::TranslationOf => evidence.push(Evidence {
            label: format!("same order: {} of {} shared features", m.in_order, m.order_of),
            from_spans: vec![],
            to_spans: vec![],
        }),
        SuggestedKind::SameEvent => {}
    }
    for shared in m.shared.iter().take(MAX_EVIDENCE) {
        let spans = |print: &Fingerprint, at: &[usize]| -> Vec<std::ops::Range<usize>> {
            at.iter().map(|&i| print.features[i].span.start as usize..print.features[i].span.end as usize).collect()
        };
        evidence.push(Evidence {
            label: label(a, &a.features[shared.here[0]], b, &b.features[shared.there[0]]),
            from_spans: spans(a, &shared.here),
            to_spans: spans(b, &shared.there),
        });
    }
    let dated_twin = matches!(verdict.kind, SuggestedKind::TranslationOf | SuggestedKind::Duplicate);
    let direction = if dated_twin { direction(a, b) } else { (Direction::Undecided, String::new()) };
    if !direction.1.is_empty() {
        evidence.push(Evidence { label: direction.1, from_spans: vec![], to_spans: vec![] });
    }
    Suggestion {
        from: a.id.clone(),
        to: b.id.clone(),
        kind: verdict.kind,
        score: verdict.score,
        evidence,
        suggested_date: if dated_twin && a.date.is_none() { b.date } else { None },
        direction: direction.0,
    }
}

/// Which of a translation pair is the translation, and why: the one
/// without a date of its own while the other has one, the one with the
/// transliterated title debris, the one crediting the original's
/// reporters. More signs on one side decide; an even count does not.
fn direction(a: &Fingerprint, b: &Fingerprint) -> (Direction, String) {
    let signs = |own: &Fingerprint, other: &Fingerprint| {
        let mut signs = own.translation_signs.clone();
        if own.date.is_none() && other.date.is_some() {
            signs.push("undated");
        }
        signs
    };
    let (here, there) = (signs(a, b), signs(b, a));
    match here.len().cmp(&there.len()) {
        std::cmp::Ordering::Greater => {
            (Direction::FromTranslates, format!("this is the translation: {}", here.join(", ")))
        }
        std::cmp::Ordering::Less => {
            (Direction::ToTranslates, format!("the other is the translation: {}", there.join(", ")))
        }
        std::cmp::Ordering::Equal => (Direction::Undecided, "direction undecided: the evidence is even".to_string()),
    }
}

/// A short human label for one shared feature: `number 2,500 = 2.500`,
/// `more than 40 = mehr als 40`, `name Hezbollah ~ Hisbollah`.
pub(crate) fn label(pa: &Fingerprint, a: &Feature, pb: &Fingerprint, b: &Feature) -> String {
    let (sa, sb) = (pa.surface(a), pb.surface(b));
    let same = names::fold(sa) == names::fold(sb);
    match a.kind {
        FeatureKind::Number if same => format!("number {sa}"),
        FeatureKind::Number if a.qualifier != Qualifier::Exact || b.qualifier != Qualifier::Exact => {
            format!("{sa} = {sb}")
        }
        FeatureKind::Number => format!("number {sa} = {sb}"),
        FeatureKind::Date if same => format!("date {sa}"),
        FeatureKind::Date => format!("date {sa} ~ {sb}"),
        FeatureKind::Name if same => format!("name {sa}"),
        FeatureKind::Name => format!("name {sa} ~ {sb}"),
        FeatureKind::Quote => format!("quote “{sa}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::features::tests::article;

    const EN: &str = "Three coalition soldiers were killed and more than 30 wounded when a drone struck an outpost \
        near Hollin on Sunday, the Halvenian defence ministry said.\n\n\
        Valdorian officials said they had detained 16 members of the Ridge Resistance. Corin Ashdale called the \
        attack \"cowardly\".\n\n\
        The coalition has some 2,800 personnel in Valdoria. Officials in Kessaran have put the number of troops at \
        2,500.\n";
    const DE: &str = "Drei Soldaten der Koalition wurden getötet und mehr als 30 verletzt, als eine Drohne am \
        Sonntag einen Außenposten bei Hollin traf, teilte das halvenische Verteidigungsministerium mit.\n\n\
        Valdorianische Sicherheitskräfte nahmen 16 Mitglieder des Ridge-Widerstands fest. Corin Ashdale nannte den \
        Angriff „feige“.\n\n\
        Die Koalition hat etwa 2.800 Mitarbeiter in Valdoria. Beamte in Kessaran bezifferten die Zahl der Soldaten \
        auf 2.500.\n";
    const OTHER_EN: &str = "Officials in Kessaran said on Sunday that 2,500 troops remained in Valdoria, and \
        that Corin Ashdale would visit Hollin next month. Talks on the withdrawal are to resume.\n";

    fn prints(texts: &[(&str, &str, &str)]) -> Vec<Fingerprint> {
        texts.iter().map(|(id, lang, body)| Fingerprint::of(&article(id, lang, None, body))).collect()
    }

    #[test]
    fn a_translation_is_translation_of_and_beats_a_same_event_report() {
        let ps = prints(&[("en.md", "en", EN), ("de.md", "de", DE), ("other.md", "en", OTHER_EN)]);
        let stats = Stats::build(&ps);
        let (translation, m) = judge(&stats, &ps[0], &ps[1]).expect("the translation is a suggestion");
        assert_eq!(translation.kind, SuggestedKind::TranslationOf, "order {} sim {}", m.order(), m.similarity());
        let (event, _) = judge(&stats, &ps[1], &ps[2]).expect("the other report is a suggestion");
        assert_eq!(event.kind, SuggestedKind::SameEvent);
        assert!(translation.score > event.score, "{translation:?} vs {event:?}");
        let s = suggestion(&ps[0], &ps[1], translation, &m);
        let labels: Vec<&str> = s.evidence.iter().map(|e| e.label.as_str()).collect();
        assert!(labels.contains(&"number 2,500 = 2.500"), "{labels:?}");
        assert!(labels.contains(&"more than 30 = mehr als 30"), "{labels:?}");
        assert!(labels[0].starts_with("same order: "), "{labels:?}");
    }

    #[test]
    fn near_identical_same_language_text_is_a_duplicate() {
        let copy = EN.replace("some 2,800 personnel", "about 2,800 personnel").replace("on Sunday", "early on Sunday");
        let ps = prints(&[("en.md", "en", EN), ("copy.md", "en", &copy), ("de.md", "de", DE)]);
        let stats = Stats::build(&ps);
        let (verdict, _) = judge(&stats, &ps[0], &ps[1]).expect("a suggestion");
        assert_eq!(verdict.kind, SuggestedKind::Duplicate);
        assert!(verdict.score >= 0.8, "{verdict:?}");
    }

    #[test]
    fn unrelated_articles_are_no_suggestion() {
        let unrelated = "Fishing fleet strike enters second week as wage talks stall in Port Amsel, where 400 \
            boats stayed in harbour on Monday.\n";
        let ps = prints(&[("en.md", "en", EN), ("fish.md", "en", unrelated)]);
        let stats = Stats::build(&ps);
        assert!(judge(&stats, &ps[0], &ps[1]).is_none());
    }

    #[test]
    fn longest_common_subsequence() {
        assert_eq!(lcs(&[1, 2, 3, 4, 5], &[1, 3, 2, 4, 5]), 4);
        assert_eq!(lcs(&[], &[1]), 0);
    }

    /// Issue 13: the direction comes from evidence in the texts; even
    /// evidence leaves it undecided.
    #[test]
    fn the_undated_or_foreign_credited_one_is_the_translation() {
        let direction_of = |en_date: Option<&str>, de_body: &str| {
            let en = Fingerprint::of(&article("en.md", "en", en_date, EN));
            let de = Fingerprint::of(&article("de.md", "de", None, de_body));
            direction(&de, &en).0
        };
        assert_eq!(direction_of(None, DE), Direction::Undecided, "nothing tells them apart");
        assert_eq!(direction_of(Some("2024-01-28"), DE), Direction::FromTranslates, "the undated one");
        let credited = format!("{DE}\n(Reporting by Lena Marsh)\n");
        assert_eq!(direction_of(None, &credited), Direction::FromTranslates, "credits in English");
        let en = Fingerprint::of(&article("en.md", "en", None, EN));
        let de = Fingerprint::of(&article("de.md", "de", None, &credited));
        assert_eq!(direction(&en, &de).0, Direction::ToTranslates, "asked from the original's end");
    }
}
