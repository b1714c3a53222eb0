//! Colours and text styles, dark and light; NO_COLOR turns colour off.

use ratatui::style::{Color, Modifier, Style};

/// Which palette is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
}

/// Every style the views use, resolved once per theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
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
}

impl Theme {
    /// The theme for `name`, monochrome when `no_color` is set.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome(name);
        }
        let (fg, dim, accent, soft) = match name {
            ThemeName::Dark => (Color::Gray, Color::DarkGray, Color::Cyan, Color::Rgb(40, 44, 52)),
            ThemeName::Light => (Color::Black, Color::Gray, Color::Blue, Color::Rgb(225, 228, 235)),
        };
        let bold = Modifier::BOLD;
        Theme {
            name,
            text: Style::new().fg(fg),
            dim: Style::new().fg(dim),
            title: Style::new().fg(fg).add_modifier(bold),
            border: Style::new().fg(dim),
            border_focused: Style::new().fg(accent),
            selected: Style::new().bg(soft).add_modifier(bold),
            match_char: Style::new().fg(Color::Yellow).add_modifier(bold | Modifier::UNDERLINED),
            date_mention: Style::new().fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            search_hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            sentence_cursor: Style::new().bg(soft),
            bar_stated: Style::new().fg(accent),
            bar_inferred: Style::new().fg(Color::Yellow),
            bar_events: Style::new().fg(Color::Magenta),
            status: Style::new().fg(fg).bg(soft),
            key: Style::new().fg(accent).add_modifier(bold),
            error: Style::new().fg(Color::Red).add_modifier(bold),
            selection: Style::new().fg(Color::Black).bg(accent),
            evidence: Style::new().fg(Color::LightGreen).add_modifier(bold | Modifier::UNDERLINED),
        }
    }

    /// Without colour the distinctions are kept by modifiers alone.
    fn monochrome(name: ThemeName) -> Theme {
        let plain = Style::new();
        Theme {
            name,
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            border: plain,
            border_focused: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            match_char: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            date_mention: plain.add_modifier(Modifier::UNDERLINED),
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
        }
    }

    /// How a claim with `verdict` is marked in the text: a colour per
    /// verdict, underlined so claims show without colour too.
    pub fn verdict(&self, verdict: &str) -> Style {
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        if self.text.fg.is_none() {
            return underlined;
        }
        let colour = match verdict {
            "supported" => Color::Green,
            "disputed" => Color::Yellow,
            "false" => Color::Red,
            "misleading" => Color::LightRed,
            "unverifiable" => Color::Gray,
            _ => Color::LightBlue,
        };
        underlined.fg(colour)
    }

    /// The other theme.
    pub fn toggled(self, no_color: bool) -> Theme {
        let other = match self.name {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::Dark,
        };
        Theme::new(other, no_color)
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
    fn toggling_switches_between_dark_and_light() {
        let dark = Theme::new(ThemeName::Dark, false);
        let light = dark.toggled(false);
        assert_eq!(light.name, ThemeName::Light);
        assert_eq!(light.toggled(false), dark);
    }
}
