//! The environment variables dossier reads, for `--help` and the man page:
//! one list, so the two cannot disagree.

use clap::builder::Styles;

/// Each variable and what it does (as the code reads it: see `config`,
/// `keymap::file`, `tui::theme`, `tui::external`).
pub const VARIABLES: [(&str, &str); 7] = [
    (
        "DOSSIER_CONFIG",
        "The settings file (verdicts, link kinds, analyst name, ClaimReview publisher) to read \
         instead of config.ron in \
         dossier's config folder (~/.config/dossier on Linux); ignored when empty.",
    ),
    (
        "DOSSIER_KEYMAP",
        "Your keymap file, instead of keymap.ron in dossier's config folder; ignored when empty. \
         --keymap layers another file over it.",
    ),
    ("NO_COLOR", "When set and not empty, the reader draws in monochrome (no-color.org)."),
    (
        "PAGER",
        "Opening an article outside dossier (o) shows its file in this program, with any \
         arguments given (default: less).",
    ),
    (
        "BROWSER",
        "Opening an article outside dossier (o) shows its url in this program when the url is an \
         http(s) address; otherwise the file goes to PAGER.",
    ),
    (
        "VISUAL, EDITOR",
        "The claim form's note can be written in this program (Ctrl-x Ctrl-e), with any arguments \
         given: VISUAL first, then EDITOR (default: vi), on a file in dossier's cache folder.",
    ),
    ("USER, LOGNAME", "The analyst's name on new records when config.ron gives none and git has no user.name."),
];

/// The Environment section of `--help`, styled like clap's own headings.
pub fn help() -> String {
    let heading = *Styles::default().get_header();
    let width = VARIABLES.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let mut text = format!("{heading}Environment:{heading:#}\n");
    for (name, what) in VARIABLES {
        text.push_str(&format!("  {name:<width$}  {what}\n"));
    }
    text
}
