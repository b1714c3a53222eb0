//! The boilerplate rules: one table that says which lines are not body text.

use serde::Serialize;

/// What a flagged line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    /// The headline line itself.
    Headline,
    /// The outlet's name above the headline.
    OutletName,
    /// A section menu run together (`Middle EastUSAWorld`).
    SectionMenu,
    /// A truncated, transliterated repeat of the headline.
    TitleDebris,
    /// `Follow X on Google News`, `Leave a Reply`, share buttons.
    OutletFurniture,
    /// `Related Posts` and the headlines listed under it.
    RelatedLinks,
    /// A byline line inside a related-links block (`Reuters News Service`).
    RelatedByline,
    /// Tag slugs and ids on their own line (`source-120`).
    TagSlug,
    /// `Mehr zum Thema – ...`, `Read more: ...`.
    FurtherReading,
    /// `FILE PHOTO: ...`.
    PhotoCaption,
    /// A lowercase copy of a caption.
    AltText,
    /// `(Reporting by ...; Editing by ...)`.
    ReportingCredits,
}
