//! Finding an article's title among its first lines: outlet names and
//! section menus above it, scraping debris below it, or a title derived from
//! the first sentence when there is no headline.

use super::boilerplate::{LineKind, fold_for_compare};
use super::sentences;
use super::source::SourceFormat;
use super::structure::{TextLine, Title, trim_span};
use std::ops::RangeInclusive;

/// How many unflagged non-blank lines at the top are looked at.
const LOOKAHEAD: usize = 6;
/// At most this many outlet-name / section-menu lines above the headline.
const MAX_LEADING: usize = 3;
/// A headline's length in characters; longer first lines are paragraphs.
const HEADLINE_CHARS: RangeInclusive<usize> = 15..=200;
/// A headline ending in a period is still one if no longer than this.
const HEADLINE_WITH_PERIOD_MAX: usize = 120;
/// A first sentence up to this long is the derived title as it is.
const DERIVED_MAX_CHARS: usize = 90;
/// Longer first sentences are cut at the last word boundary before this.
const DERIVED_CUT_CHARS: usize = 85;

/// Words that, run together, make a section menu (`Middle EastUSAWorld`).
const MENU_WORDS: &[&str] = &[
    "home",
    "news",
    "world",
    "politics",
    "business",
    "sport",
    "sports",
    "economy",
    "tech",
    "technology",
    "science",
    "culture",
    "opinion",
    "video",
    "videos",
    "middle",
    "east",
    "usa",
    "us",
    "uk",
    "europe",
    "asia",
    "africa",
    "americas",
    "health",
    "entertainment",
    "lifestyle",
    "markets",
    "weather",
    "live",
    "latest",
    "international",
    "local",
    "podcasts",
    "germany",
    "deutschland",
    "politik",
    "wirtschaft",
    "kultur",
    "panorama",
    "ausland",
    "inland",
    "meinung",
    "wissen",
    "gesundheit",
    "wetter",
    "startseite",
    "nachrichten",
    "welt",
];

/// Words typical of outlet names (`The Daily Courier`, `Deutsche Welle`).
const OUTLET_WORDS: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "News",
    "Times",
    "Post",
    "Daily",
    "Courier",
    "Tribune",
    "Herald",
    "Gazette",
    "Journal",
    "Guardian",
    "Chronicle",
    "Observer",
    "Telegraph",
    "Express",
    "Welle",
    "Zeitung",
    "Allgemeine",
    "Rundschau",
    "Kurier",
    "Anzeiger",
    "Spiegel",
    "Tagesschau",
    "Presse",
];

/// Finds the title, flagging outlet, menu, headline and debris lines.
pub(crate) fn find(text: &str, lines: &mut [TextLine], format: SourceFormat, stated: Option<&str>) -> Title {
    let line_text = |line: &TextLine| {
        let s = &text[trim_span(text, line.span)];
        match format {
            SourceFormat::Markdown => s.trim_start_matches('#').trim_start(),
            _ => s,
        }
    };
    let content: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.flag.is_none())
        .map(|(i, l)| (i, line_text(l)))
        .filter(|(_, t)| !t.is_empty())
        .take(LOOKAHEAD)
        .collect();

    let mut k = 0;
    while k < content.len().min(MAX_LEADING) {
        let (i, t) = content[k];
        let next = content.get(k + 1).map(|&(_, n)| n);
        let kind = if is_section_menu(t) {
            LineKind::SectionMenu
        } else if is_outlet_name(t, next) {
            LineKind::OutletName
        } else {
            break;
        };
        lines[i].flag = Some(kind);
        k += 1;
    }
    let first = content.get(k).copied();

    let title = match stated.map(str::trim).filter(|s| !s.is_empty()) {
        Some(stated) => {
            let folded = fold_for_compare(stated);
            let line = content[k..].iter().find(|(_, t)| fold_for_compare(t) == folded).map(|&(i, _)| i);
            Title { text: stated.to_string(), derived: false, line }
        }
        None => match first {
            Some((i, t)) if is_headline(t) => Title { text: t.to_string(), derived: false, line: Some(i) },
            _ => Title { text: first.map(|(_, t)| derive(t)).unwrap_or_default(), derived: true, line: None },
        },
    };

    // Debris sits right below the headline; with a stated title found on no
    // line, it may be the first line itself.
    let debris_at = match title.line {
        Some(h) => {
            lines[h].flag = Some(LineKind::Headline);
            (h + 1..lines.len()).find(|&i| !line_text(&lines[i]).is_empty())
        }
        None if !title.derived => first.map(|(i, _)| i),
        None => None,
    };
    if let Some(d) = debris_at
        && matches!(lines[d].flag, None | Some(LineKind::AltText))
        && is_debris(line_text(&lines[d]), &title.text)
    {
        lines[d].flag = Some(LineKind::TitleDebris);
    }
    title
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end_matches(['"', '“', '”', '\'', '’', ')']).ends_with(['.', '!', '?', '…'])
}

/// A line of headline length that is at most one sentence and not a
/// paragraph-length sentence with a period.
fn is_headline(t: &str) -> bool {
    let chars = t.chars().count();
    HEADLINE_CHARS.contains(&chars)
        && !(t.ends_with('.') && chars > HEADLINE_WITH_PERIOD_MAX)
        && sentences::split(t, 0..t.len()).len() <= 1
}

/// Several capitalised menu words, run together or separated by spaces or
/// bars. Words run together are split at lowercase→uppercase and at
/// `USAWorld`-style transitions; two such joins, or a line of only known
/// menu words, make a menu.
fn is_section_menu(t: &str) -> bool {
    if t.len() > 100 || t.contains(['.', '!', '?', ',', ';', ':']) {
        return false;
    }
    let (mut pieces, mut known, mut joins, mut capitalised) = (0, 0, 0, true);
    let mut tally = |piece: &str| {
        pieces += 1;
        known += usize::from(MENU_WORDS.iter().any(|w| w.eq_ignore_ascii_case(piece)));
        capitalised &= piece.starts_with(char::is_uppercase);
    };
    for word in t.split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/')).filter(|w| !w.is_empty())
    {
        let mut start = 0;
        let mut prev: Option<char> = None;
        let mut chars = word.char_indices().peekable();
        while let Some((b, c)) = chars.next() {
            let next_lower = chars.peek().is_some_and(|&(_, n)| n.is_lowercase());
            let join = c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || (p.is_uppercase() && next_lower));
            if join {
                tally(&word[start..b]);
                start = b;
                joins += 1;
            }
            prev = Some(c);
        }
        tally(&word[start..]);
    }
    pieces >= 2 && capitalised && (joins >= 2 || known == pieces)
}

/// A short name with no sentence punctuation, in Title Case or a domain,
/// followed by a section menu or by the headline.
fn is_outlet_name(t: &str, next: Option<&str>) -> bool {
    let words = t.split_whitespace().count();
    if words > 4 || t.len() > 40 || t.contains(['!', '?', ',', ';', ':', '"', '„']) {
        return false;
    }
    let domain = !t.contains(' ')
        && t.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && (2..=4).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase())
        });
    let title_case = !t.contains('.')
        && t.split_whitespace().all(|w| w.starts_with(char::is_uppercase) || matches!(w, "of" | "the" | "and"));
    if !(domain || title_case) {
        return false;
    }
    let known = domain || t.split_whitespace().any(|w| OUTLET_WORDS.contains(&w));
    next.is_some_and(|n| {
        is_section_menu(n)
            || (is_headline(n) && (known || (!ends_sentence(n) && n.chars().count() > t.chars().count())))
    })
}

/// A truncated (and maybe transliterated) repeat of the title.
fn is_debris(line: &str, title: &str) -> bool {
    let d = fold_for_compare(line);
    let h = fold_for_compare(title);
    let common = d.bytes().zip(h.bytes()).take_while(|(a, b)| a == b).count();
    d.len() >= 12.min(h.len()) && d.len() <= h.len() && common * 10 >= d.len() * 9
}

/// A title from the first sentence of `paragraph`, cut at a word boundary.
fn derive(paragraph: &str) -> String {
    let sentence = sentences::split(paragraph, 0..paragraph.len()).first().map_or(paragraph, |r| &paragraph[r.clone()]);
    if sentence.chars().count() <= DERIVED_MAX_CHARS {
        return sentence.trim_end_matches('.').to_string();
    }
    let cut = sentence.char_indices().nth(DERIVED_CUT_CHARS).map_or(sentence.len(), |(b, _)| b);
    let head = &sentence[..cut];
    let head = if sentence[cut..].starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace).map_or(head, |b| &head[..b])
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::structure::analyse;
    use LineKind::*;

    fn flags(text: &str, format: SourceFormat, stated: Option<&str>) -> (Title, Vec<Option<LineKind>>) {
        let s = analyse(text, format, stated);
        (s.title, s.lines.into_iter().map(|l| l.flag).collect())
    }

    #[test]
    fn first_line_headline() {
        let (title, f) = flags(
            "Iraq and the US agree to start talks\nThe talks began on Monday in Baghdad after weeks of delay.",
            SourceFormat::Text,
            None,
        );
        assert_eq!(title, Title { text: "Iraq and the US agree to start talks".into(), derived: false, line: Some(0) });
        assert_eq!(f, vec![Some(Headline), None]);
    }

    #[test]
    fn outlet_and_menu_above_headline() {
        let (title, f) = flags(
            "The Daily Courier\nMiddle EastUSAWorld\nTroops to stay in the region until next year\nOfficials said on Thursday that nothing had been decided yet.",
            SourceFormat::Text,
            None,
        );
        assert_eq!(title.text, "Troops to stay in the region until next year");
        assert_eq!(title.line, Some(2));
        assert_eq!(f, vec![Some(OutletName), Some(SectionMenu), Some(Headline), None]);
    }

    #[test]
    fn menu_shapes() {
        assert!(is_section_menu("PoliticsBusinessSport"));
        assert!(is_section_menu("Middle EastUSAWorld"));
        assert!(is_section_menu("Home | World | Politik"));
        assert!(!is_section_menu("McDonald's Profits Rise Sharply"));
        assert!(!is_section_menu("Talks resume in Baghdad"));
    }

    #[test]
    fn outlet_shapes() {
        let headline = Some("Talks resume in Baghdad after a long pause");
        assert!(is_outlet_name("Deutsche Welle", headline));
        assert!(is_outlet_name("Reuters", headline));
        assert!(is_outlet_name("example.com", headline));
        assert!(!is_outlet_name("Talks resume in Baghdad after a long pause", None));
        assert!(!is_outlet_name("Reuters", None));
    }

    #[test]
    fn transliterated_truncated_debris_below_headline() {
        let (title, f) = flags(
            "Parteien drängen auf schnelle Gespräche über die Zukunft\n\nParteien draengen auf schnelle Gespraeche ueber\nDie Parteien sagten am Mittwoch, sie wollten rasch verhandeln.",
            SourceFormat::Text,
            None,
        );
        assert_eq!(title.line, Some(0));
        assert_eq!(f, vec![Some(Headline), None, Some(TitleDebris), None]);
    }

    #[test]
    fn no_headline_derives_a_short_title() {
        let text = "Der Irak plant, die Regierung in Washington aufzufordern, den Abzug der Truppen der Koalition im September zu beginnen und bis zum Jahresende abzuschließen. Das berichten mehrere Quellen.\nZweiter Absatz.";
        let (title, f) = flags(text, SourceFormat::Text, None);
        assert_eq!(
            title,
            Title {
                text: "Der Irak plant, die Regierung in Washington aufzufordern, den Abzug der Truppen der…".into(),
                derived: true,
                line: None
            }
        );
        assert!(title.text.chars().count() <= DERIVED_CUT_CHARS + 1);
        assert_eq!(f, vec![None, None]);
    }

    #[test]
    fn short_first_sentence_is_the_derived_title() {
        assert_eq!(derive("Talks paused. Everyone went home early that day, and more."), "Talks paused");
    }

    #[test]
    fn stated_title_wins_and_finds_its_line() {
        let text = "Talks resume in Baghdad\nOfficials met on Monday.";
        let (title, f) = flags(text, SourceFormat::JsonLines, Some("Talks Resume in Baghdad"));
        assert_eq!(title, Title { text: "Talks Resume in Baghdad".into(), derived: false, line: Some(0) });
        assert_eq!(f, vec![Some(Headline), None]);

        let (title, f) = flags(text, SourceFormat::JsonLines, Some("A different stated title"));
        assert_eq!(title.line, None);
        assert!(!title.derived);
        assert_eq!(f, vec![None, None]);
    }

    #[test]
    fn markdown_heading_is_the_headline_without_hashes() {
        let (title, _) = flags("# Talks resume in Baghdad\n\nBody text here.", SourceFormat::Markdown, None);
        assert_eq!(title.text, "Talks resume in Baghdad");
        assert_eq!(title.line, Some(0));
    }
}
