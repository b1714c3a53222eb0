//! The analyst's annotations: the data model of the RON file, anchors into
//! article text, and (in their own modules) saving, merging and export.

pub mod anchor;
#[cfg(test)]
mod arbitrary;
pub mod attribution;
pub mod export;
pub mod file;
pub mod merge;
pub mod model;
pub mod reanchor;
mod render;
pub mod stamp;
pub mod store;

pub use model::{
    Anchor, Annotations, ArticleNote, Claim, Endpoint, FieldConflict, Link, LinkOrigin, RecordId, RejectedSuggestion,
};
