//! How words are cut and normalised for the index: one analyser per
//! language dossier has rules for, and a plain one for the rest.
//!
//! Every analyser lowercases, folds diacritics to ASCII (`Gesprache`
//! finds `Gespräche`) and keeps stop words, so a quoted phrase matches
//! word for word. The English and German ones also stem (`Soldat` finds
//! `Soldaten`).

use crate::corpus::lang::Lang;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};

/// The analysers, each with the name its index field is set up with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyser {
    English,
    German,
    /// Folded but not stemmed: other languages and text too short to tell.
    Plain,
}

/// Words longer than this (base64 blobs, URLs run together) are not
/// indexed: nobody searches for them and they bloat the dictionary.
const LONGEST_WORD: usize = 60;

impl Analyser {
    /// Every analyser, in the order of the index's text fields.
    pub const ALL: [Analyser; 3] = [Analyser::English, Analyser::German, Analyser::Plain];

    /// The analyser for an article in `lang`.
    pub fn for_lang(lang: Lang) -> Analyser {
        match lang {
            Lang::En => Analyser::English,
            Lang::De => Analyser::German,
            Lang::Other | Lang::Unknown => Analyser::Plain,
        }
    }

    /// The tokenizer name the index registers it under (also the name of
    /// its text field).
    pub fn name(self) -> &'static str {
        match self {
            Analyser::English => "text_en",
            Analyser::German => "text_de",
            Analyser::Plain => "text_plain",
        }
    }

    /// A fresh analyser (they carry per-stream state, so one per thread).
    pub fn build(self) -> TextAnalyzer {
        let folded = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        match self {
            Analyser::English => folded.filter(Stemmer::new(Language::English)).build(),
            Analyser::German => folded.filter(Stemmer::new(Language::German)).build(),
            Analyser::Plain => folded.build(),
        }
    }

    /// The terms of `text` with the byte range each came from.
    pub fn terms(self, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
        let mut analyser = self.build();
        let mut stream = analyser.token_stream(text);
        let mut terms = Vec::new();
        stream.process(&mut |token| terms.push((token.text.clone(), token.offset_from..token.offset_to)));
        terms
    }
}

/// Registers every analyser with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    for analyser in Analyser::ALL {
        manager.register(analyser.name(), analyser.build());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(analyser: Analyser, text: &str) -> Vec<String> {
        analyser.terms(text).into_iter().map(|(term, _)| term).collect()
    }

    #[test]
    fn german_stems_and_folds_so_forms_and_missing_umlauts_meet() {
        assert_eq!(words(Analyser::German, "Soldaten"), words(Analyser::German, "Soldat"));
        assert_eq!(words(Analyser::German, "Gespräche"), words(Analyser::German, "Gesprache"));
        assert_eq!(words(Analyser::German, "Straße"), words(Analyser::German, "Strasse"));
    }

    #[test]
    fn english_stems_and_the_plain_one_only_folds() {
        assert_eq!(words(Analyser::English, "talks"), words(Analyser::English, "talk"));
        assert_eq!(words(Analyser::Plain, "Café talks"), ["cafe", "talks"]);
    }

    #[test]
    fn stop_words_are_kept_and_offsets_point_into_the_text() {
        let text = "Die Zahl der Toten";
        let terms = Analyser::German.terms(text);
        assert_eq!(terms.len(), 4, "{terms:?}");
        assert_eq!(&text[terms[2].1.clone()], "der");
        let text = "Ärger über Gespräche";
        let last = &Analyser::German.terms(text)[2];
        assert_eq!(&text[last.1.clone()], "Gespräche");
    }
}
