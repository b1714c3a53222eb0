//! Colours and text styles, dark and light; NO_COLOR turns colour off.
//!
//! Each theme paints its own background as well as the text, so the light
//! theme reads the same on a dark terminal as on a light one. Colours are
//! given as RGB, so their contrast can be checked (see the tests).

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

/// Which palette is in use; `Dark` and `Light` in `config.ron`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum ThemeName {
    Dark,
    Light,
}

impl ThemeName {
    /// The other theme.
    pub fn other(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Dark,
        }
    }

    /// The name as the analyst reads and writes it.
    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

/// Every style the views use, resolved once per theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// The whole screen's colours, painted before anything else.
    pub base: Style,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub match_char: Style,
    pub date_mention: Style,
    pub search_hit: Style,
    pub sentence_cursor: Style,
    pub bar_stated: Style,
    pub bar_inferred: Style,
    pub bar_events: Style,
    pub status: Style,
    pub key: Style,
    pub error: Style,
    /// The span being selected for a claim.
    pub selection: Style,
    /// Words a suggested link rests on (shared numbers, names, dates).
    pub evidence: Style,
    /// Colours of claims by verdict; `None` without colour.
    verdicts: Option<Verdicts>,
}

/// The colours of one theme.
struct Palette {
    fg: Color,
    bg: Color,
    dim: Color,
    accent: Color,
    /// The background of the selected row, the sentence cursor and the status line.
    soft: Color,
    /// Text on an `accent` background.
    on_accent: Color,
    yellow: Color,
    magenta: Color,
    green: Color,
    red: Color,
    verdicts: Verdicts,
}

/// A colour per verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Verdicts {
    supported: Color,
    disputed: Color,
    false_: Color,
    misleading: Color,
    unverifiable: Color,
    other: Color,
}

const DARK: Palette = Palette {
    fg: Color::Rgb(214, 214, 214),
    bg: Color::Rgb(24, 26, 32),
    dim: Color::Rgb(132, 136, 146),
    accent: Color::Rgb(95, 180, 220),
    soft: Color::Rgb(52, 58, 72),
    on_accent: Color::Rgb(24, 26, 32),
    yellow: Color::Rgb(230, 195, 120),
    magenta: Color::Rgb(205, 140, 225),
    green: Color::Rgb(150, 200, 120),
    red: Color::Rgb(240, 110, 110),
    verdicts: Verdicts {
        supported: Color::Rgb(130, 205, 120),
        disputed: Color::Rgb(230, 195, 120),
        false_: Color::Rgb(245, 110, 110),
        misleading: Color::Rgb(245, 150, 100),
        unverifiable: Color::Rgb(175, 175, 175),
        other: Color::Rgb(130, 175, 245),
    },
};

const LIGHT: Palette = Palette {
    fg: Color::Rgb(28, 28, 30),
    bg: Color::Rgb(250, 250, 247),
    dim: Color::Rgb(100, 100, 104),
    accent: Color::Rgb(0, 88, 170),
    soft: Color::Rgb(218, 226, 240),
    on_accent: Color::Rgb(255, 255, 255),
    yellow: Color::Rgb(140, 85, 0),
    magenta: Color::Rgb(140, 30, 140),
    green: Color::Rgb(20, 115, 40),
    red: Color::Rgb(185, 25, 25),
    verdicts: Verdicts {
        supported: Color::Rgb(20, 115, 40),
        disputed: Color::Rgb(140, 85, 0),
        false_: Color::Rgb(185, 25, 25),
        misleading: Color::Rgb(175, 65, 0),
        unverifiable: Color::Rgb(90, 90, 90),
        other: Color::Rgb(30, 75, 185),
    },
};

/// Search hits look the same in both themes: dark on bright yellow.
const HIT: Style = Style::new().fg(Color::Rgb(20, 20, 20)).bg(Color::Rgb(255, 214, 10));

impl Theme {
    /// The theme for `name`, monochrome when `no_color` is set.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome(name);
        }
        let p = match name {
            ThemeName::Dark => &DARK,
            ThemeName::Light => &LIGHT,
        };
        let bold = Modifier::BOLD;
        Theme {
            name,
            base: Style::new().fg(p.fg).bg(p.bg),
            text: Style::new().fg(p.fg),
            dim: Style::new().fg(p.dim),
            title: Style::new().fg(p.fg).add_modifier(bold),
            border: Style::new().fg(p.dim),
            border_focused: Style::new().fg(p.accent),
            selected: Style::new().fg(p.fg).bg(p.soft).add_modifier(bold),
            match_char: Style::new().fg(p.yellow).add_modifier(bold | Modifier::UNDERLINED),
            date_mention: Style::new().fg(p.magenta).add_modifier(Modifier::UNDERLINED),
            search_hit: HIT,
            sentence_cursor: Style::new().bg(p.soft),
            bar_stated: Style::new().fg(p.accent),
            bar_inferred: Style::new().fg(p.yellow),
            bar_events: Style::new().fg(p.magenta),
            status: Style::new().fg(p.fg).bg(p.soft),
            key: Style::new().fg(p.accent).add_modifier(bold),
            error: Style::new().fg(p.red).add_modifier(bold),
            selection: Style::new().fg(p.on_accent).bg(p.accent),
            evidence: Style::new().fg(p.green).add_modifier(bold | Modifier::UNDERLINED),
            verdicts: Some(p.verdicts),
        }
    }

    /// Without colour the distinctions are kept by modifiers alone: claims
    /// are underlined, date mentions italic, evidence bold italic.
    fn monochrome(name: ThemeName) -> Theme {
        let plain = Style::new();
        Theme {
            name,
            base: plain,
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            match_char: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            date_mention: plain.add_modifier(Modifier::ITALIC),
            search_hit: plain.add_modifier(Modifier::REVERSED),
            sentence_cursor: plain.add_modifier(Modifier::BOLD),
            bar_stated: plain,
            bar_inferred: plain.add_modifier(Modifier::DIM),
            bar_events: plain.add_modifier(Modifier::ITALIC),
            status: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            selection: plain.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            evidence: plain.add_modifier(Modifier::BOLD | Modifier::ITALIC),
            verdicts: None,
        }
    }

    /// How a claim with `verdict` is marked in the text: a colour per
    /// verdict, underlined so claims show without colour too.
    pub fn verdict(&self, verdict: &str) -> Style {
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        let Some(colours) = &self.verdicts else { return underlined };
        underlined.fg(match verdict {
            "supported" => colours.supported,
            "disputed" => colours.disputed,
            "false" => colours.false_,
            "misleading" => colours.misleading,
            "unverifiable" => colours.unverifiable,
            _ => colours.other,
        })
    }
}

/// Whether the NO_COLOR convention (no-color.org) asks for no colour: set
/// and not empty.
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_theme_uses_no_colours() {
        let theme = Theme::new(ThemeName::Dark, true);
        for style in [theme.text, theme.selected, theme.match_char, theme.date_mention, theme.search_hit, theme.error] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert_ne!(theme.selected, theme.text, "selection stays visible without colour");
    }

    #[test]
    fn without_colour_claims_dates_and_evidence_look_different() {
        let theme = Theme::new(ThemeName::Light, true);
        let marks = [
            ("claim", theme.verdict("supported")),
            ("date mention", theme.date_mention),
            ("evidence", theme.evidence),
            ("search hit", theme.search_hit),
            ("selection", theme.selection),
            ("sentence cursor", theme.sentence_cursor),
            ("text", theme.text),
        ];
        for (i, (a, first)) in marks.iter().enumerate() {
            for (b, second) in &marks[i + 1..] {
                assert_ne!(first.add_modifier, second.add_modifier, "{a} and {b} look the same");
            }
        }
    }

    /// WCAG's relative luminance of an RGB colour.
    fn luminance(colour: Color) -> f64 {
        let Color::Rgb(r, g, b) = colour else { panic!("{colour:?} is not RGB: its contrast is unknown") };
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_theme_paints_its_background_and_its_text_reads_on_every_row() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let theme = Theme::new(name, false);
            let (fg, bg) = (theme.base.fg.expect("a text colour"), theme.base.bg.expect("a background"));
            // Plain rows, the selected row, the sentence cursor, the status line.
            let backgrounds =
                [bg, theme.selected.bg.unwrap(), theme.sentence_cursor.bg.unwrap(), theme.status.bg.unwrap()];
            let verdicts =
                ["supported", "disputed", "false", "misleading", "unverifiable", "other"].map(|v| theme.verdict(v));
            let marks = [
                theme.text,
                theme.dim,
                theme.title,
                theme.key,
                theme.date_mention,
                theme.evidence,
                theme.match_char,
                theme.error,
                theme.bar_inferred,
                theme.bar_events,
            ];
            for style in marks.iter().chain(&verdicts) {
                let colour = style.fg.unwrap_or(fg);
                for back in backgrounds {
                    let ratio = contrast(colour, style.bg.unwrap_or(back));
                    assert!(ratio >= 3.0, "{name:?}: {style:?} on {back:?} has contrast {ratio:.2}");
                }
            }
            for style in [theme.text, theme.selected, theme.status] {
                let ratio = contrast(style.fg.unwrap(), style.bg.unwrap_or(bg));
                assert!(ratio >= 7.0, "{name:?}: body text {style:?} has contrast {ratio:.2}");
            }
            for style in [theme.search_hit, theme.selection] {
                let ratio = contrast(style.fg.unwrap(), style.bg.unwrap());
                assert!(ratio >= 4.5, "{name:?}: {style:?} has contrast {ratio:.2}");
            }
        }
    }

    #[test]
    fn toggling_switches_between_dark_and_light() {
        assert_eq!(ThemeName::Dark.other(), ThemeName::Light);
        assert_eq!(ThemeName::Light.other(), ThemeName::Dark);
    }
}
