//! dossier: a keyboard-driven terminal reader and annotator for news corpora.
//!
//! Layers (see DESIGN.md): `corpus` reads and understands articles; the
//! annotation, keymap and TUI layers build on it; `main.rs` is a thin CLI.

pub mod cli;
pub mod corpus;
pub mod display;
pub mod tui;
