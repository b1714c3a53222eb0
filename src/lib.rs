//! dossier: a keyboard-driven terminal reader and annotator for news corpora.
//!
//! Layers (see DESIGN.md): `corpus` reads and understands articles; `keymap`
//! parses and resolves RON keymaps; `tui` is the reading interface built on
//! both; `cli` is a thin command line over all of them.

pub mod annotations;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod display;
pub mod keymap;
pub mod safe_fs;
pub mod search;
pub mod suggest;
pub mod tui;
pub mod web_url;
