//! What one article contributes to suggestions: numbers, date mentions,
//! names and quotes of its body text, with where they sit, and a shingle
//! sketch. Boilerplate lines (and the headline) contribute nothing.

use super::gazetteer;
use super::names;
use super::numbers::{self, Qualifier};
use super::quotes;
use super::shingles::{self, Sketch};
use crate::corpus::dates::{DateExpr, DateMention, DateValue, MentionKind};
use crate::corpus::detail::Detail;
use crate::corpus::lang::Lang;
use crate::corpus::{Article, ArticleId};
use std::collections::HashSet;
use std::ops::Range;
use xxhash_rust::xxh3::xxh3_64;

/// What a feature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FeatureKind {
    Quote,
    Date,
    Number,
    Name,
}

/// One number, date, name or quote in an article's body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    /// Equal keys are candidates for the same thing; `matches` decides.
    pub key: u64,
    pub kind: FeatureKind,
    /// A German capitalised word: a name only if some other-language
    /// article has a name with this key (German capitalises every noun).
    pub tentative: bool,
    pub qualifier: Qualifier,
    /// The value of a date mention that names its year.
    pub date: Option<DateValue>,
    /// Byte span in the article's cleaned text.
    pub span: Range<u32>,
    /// Index into `Fingerprint::sentences`.
    pub sentence: u32,
    /// The feature as written (quotes shortened), in `Fingerprint::surfaces`.
    surface: Range<u32>,
}

/// Everything one article contributes to suggestions: compact, owned (no
/// borrow of the Article), Send, so a loader thread can make them.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    pub id: ArticleId,
    pub lang: Lang,
    /// The article's publication date, for `Suggestion::suggested_date`.
    pub date: Option<DateValue>,
    /// Features in text order.
    pub(crate) features: Vec<Feature>,
    /// Body sentence spans (boilerplate left out), in text order.
    pub(crate) sentences: Vec<Range<u32>>,
    surfaces: String,
    pub(crate) sketch: Option<Sketch>,
    /// Signs in the article itself that it is a translation (its own
    /// date's absence is judged per pair): see `translation_signs`.
    pub(crate) translation_signs: Vec<&'static str>,
}

/// Quotes longer than this are shortened in labels.
const QUOTE_LABEL_CHARS: usize = 48;

impl Fingerprint {
    /// Reads the features of one analysed article.
    pub fn of(article: &Article) -> Fingerprint {
        let text = &article.text;
        // Read once per article for the whole corpus: not kept decoded.
        let detail = article.passing_detail();
        let sentences = body_sentences(&detail);
        let mut print = Fingerprint {
            id: article.id.clone(),
            lang: article.lang.lang,
            date: article.date.as_ref().and_then(|d| d.value),
            features: Vec::new(),
            sentences: sentences.iter().map(|s| s.start as u32..s.end as u32).collect(),
            surfaces: String::new(),
            sketch: None,
            translation_signs: translation_signs(article, &detail),
        };
        let sentence_of = |at: usize| sentences.partition_point(|s| s.end <= at) as u32;
        let mentions: Vec<&DateMention> = detail.mentions.iter().collect();
        let in_mention = |span: &Range<usize>| {
            let i = mentions.partition_point(|m| m.span.end() <= span.start);
            mentions.get(i).is_some_and(|m| m.span.start() < span.end)
        };
        let in_body = |at: usize| sentences.get(sentence_of(at) as usize).is_some_and(|s| s.contains(&at));

        for mention in mentions.iter().filter(|m| in_body(m.span.start())) {
            let key_expr = match mention.expr {
                DateExpr::Date(d) => {
                    use chrono::Datelike;
                    DateExpr::MonthDay { month: d.month(), day: d.day() }
                }
                expr => expr,
            };
            let key = hash_of(&("date", key_expr));
            // Only a date that names its year can contradict another: a
            // partial or relative one resolves against its article's own
            // (maybe inferred, maybe wrong) date.
            let value = mention.value.filter(|_| mention.kind == MentionKind::Absolute);
            // A relative mention (`on Thursday`) is shown as written: its
            // value depends on its article's own, maybe guessed, date.
            let surface = match mention.kind {
                MentionKind::Relative => None,
                _ => mention.normalised(),
            };
            let surface = surface.unwrap_or_else(|| text[mention.span].to_string());
            print.push(
                FeatureKind::Date,
                key,
                mention.span.range(),
                sentence_of(mention.span.start()),
                &surface,
                |f| f.date = value,
            );
        }
        for sentence in &sentences {
            for number in numbers::find(text, sentence.clone()) {
                if in_mention(&number.span) {
                    continue;
                }
                let key = hash_of(&("number", number.milli));
                let qualifier = number.qualifier;
                let surface = &text[number.span.clone()];
                print.push(FeatureKind::Number, key, number.span, sentence_of(sentence.start), surface, |f| {
                    f.qualifier = qualifier
                });
            }
        }
        // Countries and major bodies by the gazetteer: one key across
        // English and German; their words are not also names by spelling.
        let mut entities = Vec::new();
        for (at, sentence) in sentences.iter().enumerate() {
            for entity in gazetteer::find(text, sentence.clone()) {
                let key = hash_of(&("entity", entity.key));
                print.push(FeatureKind::Name, key, entity.span.clone(), at as u32, &text[entity.span.clone()], |_| {});
                entities.push(entity.span);
            }
        }
        let in_entity = |span: &Range<usize>| entities.iter().any(|e| e.start < span.end && span.start < e.end);
        let german = article.lang.lang == Lang::De;
        let names = name_words(text, &sentences, german);
        for (word, at) in names {
            if in_mention(&word.span) || in_entity(&word.span) {
                continue;
            }
            let surface = &text[word.span.clone()];
            let folded = names::fold(surface);
            print.push_name(&folded, word.span.clone(), at, surface, german);
            // German genitive `Valdorias`: also offer `Valdoria`.
            if german && folded.len() > 4 && folded.ends_with('s') {
                print.push_name(&folded[..folded.len() - 1], word.span, at, surface, german);
            }
        }
        for paragraph in detail.paragraphs.iter().filter(|p| in_body(p.start())) {
            for quote in quotes::find(text, paragraph.range()) {
                let words = quotes::normalise(&text[quote.clone()]);
                if !in_body(quote.start) || words.is_empty() {
                    continue;
                }
                let key = hash_of(&("quote", &words));
                let label = crate::display::truncate(&text[quote.clone()], QUOTE_LABEL_CHARS);
                print.push(FeatureKind::Quote, key, quote.clone(), sentence_of(quote.start), &label, |_| {});
            }
        }
        print.features.sort_by_key(|f| (f.span.start, f.kind));
        print.sketch = shingles::sketch(
            sentences
                .iter()
                .flat_map(|s| text[s.clone()].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())),
        );
        print.features.shrink_to_fit();
        print.surfaces.shrink_to_fit();
        print
    }

    fn push(
        &mut self,
        kind: FeatureKind,
        key: u64,
        span: Range<usize>,
        sentence: u32,
        surface: &str,
        set: impl FnOnce(&mut Feature),
    ) {
        let start = self.surfaces.len() as u32;
        self.surfaces.push_str(surface);
        let mut feature = Feature {
            key,
            kind,
            tentative: false,
            qualifier: Qualifier::Exact,
            date: None,
            span: span.start as u32..span.end as u32,
            sentence,
            surface: start..self.surfaces.len() as u32,
        };
        set(&mut feature);
        self.features.push(feature);
    }

    fn push_name(&mut self, folded: &str, span: Range<usize>, sentence: u32, surface: &str, german: bool) {
        let skeleton = names::skeleton(folded);
        if skeleton.len() < 2 {
            return;
        }
        let key = hash_of(&("name", &skeleton));
        self.push(FeatureKind::Name, key, span, sentence, surface, |f| f.tentative = german);
    }

    /// The article's body sentences (boilerplate left out) as byte spans:
    /// the sentences that can have similar sentences elsewhere.
    pub fn sentence_spans(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.sentences.iter().map(|s| s.start as usize..s.end as usize)
    }

    /// The feature as written.
    pub(crate) fn surface(&self, feature: &Feature) -> &str {
        &self.surfaces[feature.surface.start as usize..feature.surface.end as usize]
    }

    /// Features of one body sentence (features are in text order, so a
    /// sentence's features are contiguous).
    pub(crate) fn sentence_features(&self, sentence: u32) -> &[Feature] {
        let start = self.features.partition_point(|f| f.sentence < sentence);
        let end = self.features.partition_point(|f| f.sentence <= sentence);
        &self.features[start..end]
    }
}

/// A stable 64-bit key for a feature's normalised form.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    // `Hash` feeds the value through a hasher; xxh3 over its bytes keeps
    // keys the same across runs and platforms of one build.
    struct Bytes(Vec<u8>);
    impl std::hash::Hasher for Bytes {
        fn finish(&self) -> u64 {
            xxh3_64(&self.0)
        }
        fn write(&mut self, bytes: &[u8]) {
            self.0.extend_from_slice(bytes);
        }
    }
    let mut hasher = Bytes(Vec::with_capacity(32));
    value.hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Capitalised words that may be names, with their sentence. English
/// (and other languages) capitalise names, so a word that also appears
/// lowercase in the article is no name (`Coalition` / `coalition`), nor a
/// sentence's first word never capitalised elsewhere (`Militias said`).
/// German capitalises every noun: all its words are kept, tentatively.
fn name_words(text: &str, sentences: &[Range<usize>], german: bool) -> Vec<(names::NameWord, u32)> {
    let words: Vec<(names::NameWord, u32)> = sentences
        .iter()
        .enumerate()
        .flat_map(|(i, s)| names::capitalised_words(text, s.clone()).into_iter().map(move |w| (w, i as u32)))
        .collect();
    if german {
        return words;
    }
    let body_words =
        || sentences.iter().flat_map(|s| text[s.clone()].split(|c: char| !c.is_alphabetic())).filter(|w| !w.is_empty());
    let lowercase: HashSet<&str> = body_words().filter(|w| w.starts_with(char::is_lowercase)).collect();
    let inside: HashSet<&str> = words.iter().filter(|(w, _)| !w.initial).map(|(w, _)| &text[w.span.clone()]).collect();
    words
        .into_iter()
        .filter(|(w, _)| {
            let word = &text[w.span.clone()];
            let lower = word.to_lowercase();
            !lowercase.contains(lower.as_str()) && (!w.initial || inside.contains(word))
        })
        .collect()
}

/// Credit lines in each language: a German article that credits
/// `Reporting by …` (or an English one `Berichterstattung von …`) carries
/// over the original's reporters.
const CREDITS: &[(Lang, &str)] = &[
    (Lang::En, "Reporting by"),
    (Lang::En, "Writing by"),
    (Lang::En, "Editing by"),
    (Lang::De, "Berichterstattung von"),
    (Lang::De, "Redaktion von"),
    (Lang::De, "Übersetzung"),
];

/// What in an article says it is a translation: the scraped, transliterated
/// repeat of the original's title below its own, or a credit line in
/// another language than its text.
fn translation_signs(article: &Article, detail: &Detail) -> Vec<&'static str> {
    let mut signs = Vec::new();
    if detail.lines.iter().any(|l| l.flag == Some(crate::corpus::boilerplate::LineKind::TitleDebris)) {
        signs.push("transliterated title debris");
    }
    let lang = article.lang.lang;
    let known = matches!(lang, Lang::En | Lang::De);
    if known && CREDITS.iter().any(|&(credit_lang, credit)| credit_lang != lang && article.text.contains(credit)) {
        signs.push("credits the original's reporters");
    }
    signs
}

/// Sentences that lie wholly on unflagged lines.
fn body_sentences(detail: &Detail) -> Vec<Range<usize>> {
    let lines = &detail.lines;
    let line_of = |at: usize| lines.partition_point(|l| l.span.end() < at);
    detail
        .sentences
        .iter()
        .filter(|s| {
            let (first, last) = (line_of(s.start()), line_of(s.end().saturating_sub(1)));
            lines
                .get(first..=last.min(lines.len().saturating_sub(1)))
                .is_some_and(|ls| ls.iter().all(|l| l.flag.is_none()))
        })
        .map(|s| s.range())
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::{RawDocument, SourceFormat, StatedMeta};
    use std::path::PathBuf;

    /// An analysed article made from text, for tests of this module tree.
    pub(crate) fn article(id: &str, lang: &str, date: Option<&str>, body: &str) -> Article {
        Article::analyse(RawDocument {
            id: ArticleId(id.to_string()),
            path: PathBuf::from(id),
            format: SourceFormat::Markdown,
            encoding: "UTF-8",
            meta: StatedMeta {
                title: Some(format!("Title of {id}")),
                lang: Some(lang.to_string()),
                date: date.map(str::to_string),
                ..StatedMeta::default()
            },
            body: body.to_string(),
        })
    }

    #[test]
    fn features_come_from_body_text_only_in_text_order() {
        let a = article(
            "a.md",
            "en",
            None,
            "The coalition has 2,500 troops in Valdoria, officials in Kessaran said on Feb. 11.\n\n\
             (Reporting by Lena Marsh; Editing by Paul Greaves)\n",
        );
        let print = Fingerprint::of(&a);
        let surfaces: Vec<&str> = print.features.iter().map(|f| print.surface(f)).collect();
        assert_eq!(surfaces, ["2,500", "Valdoria", "Kessaran", "XXXX-02-11"]);
        assert_eq!(print.sentences.len(), 1, "the credits line is boilerplate");
        assert!(print.features.iter().all(|f| !f.tentative));
    }

    #[test]
    fn german_capitalised_words_are_tentative_names_and_genitives_offer_the_stem() {
        let a = article("b.md", "de", None, "Die Koalition hat 2.500 Soldaten in Valdorias Norden.\n");
        let print = Fingerprint::of(&a);
        let names: Vec<(&str, bool)> = print
            .features
            .iter()
            .filter(|f| f.kind == FeatureKind::Name)
            .map(|f| (print.surface(f), f.tentative))
            .collect();
        assert_eq!(
            names,
            [("Koalition", true), ("Soldaten", true), ("Valdorias", true), ("Valdorias", true), ("Norden", true)]
        );
        let stem = hash_of(&("name", names::skeleton("valdoria")));
        assert!(print.features.iter().any(|f| f.key == stem));
    }
}
