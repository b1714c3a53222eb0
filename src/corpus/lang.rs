//! Language detection restricted to plausible languages.

use super::structure::Structure;
use serde::Serialize;
use std::fmt;

/// An article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    /// A language recognised but not one dossier has rules for.
    Other,
    /// Too little text to tell.
    Unknown,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Other => "other",
            Lang::Unknown => "unknown",
        })
    }
}

/// A detected (or stated) language with confidence in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LangGuess {
    pub lang: Lang,
    pub confidence: f32,
    /// True when the file stated the language.
    pub stated: bool,
}

/// Detects the language of the body text; a stated language wins.
pub fn detect(text: &str, structure: &Structure, stated: Option<&str>) -> LangGuess {
    let _ = (text, structure, stated);
    todo!("lang::detect")
}
