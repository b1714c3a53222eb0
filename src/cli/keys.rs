//! `dossier keys`: the effective key bindings per context, from the same
//! keymap the TUI uses.

use crate::keymap::user_keymap_path;
use crate::tui::action::Action;
use crate::tui::hints::CONTEXTS;
use anyhow::Result;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Prints every context's bindings and the user keymap's location.
pub fn run(extra: Option<&Path>) -> Result<()> {
    let keymap = crate::tui::load_keymap(extra)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match user_keymap_path() {
        Some(path) if path.exists() => writeln!(out, "user keymap: {} (loaded)", path.display())?,
        Some(path) => writeln!(out, "user keymap: {} (not present; write your changes there)", path.display())?,
        None => writeln!(out, "user keymap: no config folder on this system")?,
    }
    if let Some(path) = extra {
        writeln!(out, "--keymap:    {}", path.display())?;
    }
    for context in CONTEXTS {
        writeln!(out, "\n[{context}]")?;
        let mut bindings: Vec<(String, Action)> =
            keymap.bindings(context).map(|(keys, action)| (keys.to_string(), *action)).collect();
        bindings.sort_by(|a, b| a.1.name().cmp(b.1.name()).then_with(|| a.0.cmp(&b.0)));
        for (keys, action) in bindings {
            writeln!(out, "  {keys:<14} {:<22} {}", action.name(), action.description())?;
        }
        for (keys, label) in keymap.groups(context) {
            writeln!(out, "  {:<14} {:<22} (group)", keys.to_string(), format!("+{label}"))?;
        }
    }
    out.flush()?;
    Ok(())
}
