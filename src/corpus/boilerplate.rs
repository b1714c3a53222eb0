//! The boilerplate rules: one table that says which lines are not body text.
//!
//! Lines are flagged, never deleted: the analyst may want to see them, and
//! captions may carry the only full date. The title lines (`Headline`,
//! `OutletName`, `SectionMenu`, `TitleDebris`) depend on position, not on a
//! line's shape, so `structure::title` sets those after this table has run.

use super::structure::TextLine;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What a flagged line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// One row of the table: lines the matcher accepts get `kind`.
struct Rule {
    kind: LineKind,
    description: &'static str,
    matches: fn(&Ctx) -> bool,
}

/// The rules in priority order; the first match wins. Furniture comes before
/// the related-block rules so `Leave a Reply` after a block is furniture.
static RULES: &[Rule] = &[
    Rule {
        kind: LineKind::OutletFurniture,
        description: "Follow <outlet> on Google News",
        matches: |c| c.lower().starts_with("follow ") && c.lower().contains("google news"),
    },
    Rule {
        kind: LineKind::OutletFurniture,
        description: "Leave a Reply / comment prompt",
        matches: |c| is_any(c.bare(), &["leave a reply", "leave a comment", "kommentar schreiben"]),
    },
    Rule {
        kind: LineKind::OutletFurniture,
        description: "share buttons",
        matches: |c| {
            is_any(c.bare(), &["share this", "share", "teilen", "tweet", "drucken"])
                || c.lower().starts_with("click to share")
                || c.lower().starts_with("share on ")
                || c.lower().starts_with("teilen auf ")
        },
    },
    Rule {
        kind: LineKind::OutletFurniture,
        description: "subscribe / follow-us prompt",
        matches: |c| {
            c.short(80)
                && starts_with_any(
                    c.lower(),
                    &[
                        "subscribe",
                        "sign up for",
                        "follow us",
                        "folgen sie uns",
                        "jetzt abonnieren",
                        "newsletter abonnieren",
                        "abonnieren sie",
                    ],
                )
        },
    },
    Rule {
        kind: LineKind::OutletFurniture,
        description: "cookie notice",
        matches: |c| {
            c.short(400)
                && c.lower().contains("cookie")
                && ["we use", "this site uses", "accept", "consent", "wir verwenden", "akzeptieren", "zustimmen"]
                    .iter()
                    .any(|w| c.lower().contains(w))
        },
    },
    Rule {
        kind: LineKind::RelatedLinks,
        description: "related-links block header",
        matches: |c| {
            is_any(
                c.bare(),
                &[
                    "related posts",
                    "related",
                    "related articles",
                    "related stories",
                    "read more",
                    "more stories",
                    "you may also like",
                    "mehr zum thema",
                    "weitere artikel",
                    "das könnte sie auch interessieren",
                ],
            )
        },
    },
    Rule {
        kind: LineKind::RelatedByline,
        description: "agency byline inside a related block",
        matches: |c| c.in_related_block() && is_agency_byline(c.bare()),
    },
    Rule {
        kind: LineKind::RelatedLinks,
        description: "headline inside a related block",
        // A body paragraph ends the block.
        matches: |c| c.in_related_block() && !c.looks_like_body(),
    },
    Rule {
        kind: LineKind::TagSlug,
        description: "tag slug or id alone at the end",
        matches: |c| c.in_tail() && is_slug(c.text()),
    },
    Rule {
        kind: LineKind::FurtherReading,
        description: "further-reading line",
        // Body text may be glued on (`...mit Syrien.Die ...`): flag, don't split.
        matches: |c| {
            starts_with_any(
                c.lower(),
                &[
                    "mehr zum thema ",
                    "mehr zum thema:",
                    "read more:",
                    "read more ",
                    "read also:",
                    "lesen sie auch",
                    "lesen sie mehr",
                    "see also:",
                    "siehe auch:",
                    "auch interessant:",
                ],
            )
        },
    },
    Rule {
        kind: LineKind::PhotoCaption,
        description: "photo caption",
        matches: |c| {
            starts_with_any(
                c.lower(),
                &[
                    "file photo:",
                    "photo:",
                    "(photo by",
                    "photo by ",
                    "(photo:",
                    "foto:",
                    "(foto:",
                    "bild:",
                    "image:",
                    "picture:",
                ],
            )
        },
    },
    Rule { kind: LineKind::AltText, description: "lowercase near-copy of a nearby line", matches: is_alt_text },
    Rule {
        kind: LineKind::ReportingCredits,
        description: "reporting credits",
        matches: |c| {
            starts_with_any(
                c.lower(),
                &[
                    "(reporting by",
                    "reporting by ",
                    "(additional reporting",
                    "(berichterstattung von",
                    "berichterstattung von ",
                    "(writing by",
                    "(editing by",
                    "compiled by ",
                    "(compiled by",
                    "zusammengestellt von ",
                ],
            )
        },
    },
];

/// The table as (kind, description) pairs, so `inspect` and help can explain
/// why a line was flagged.
pub fn rules() -> impl Iterator<Item = (LineKind, &'static str)> {
    RULES.iter().map(|r| (r.kind, r.description))
}

/// A line as the rules see it: trimmed text and its lowercase form.
struct LineView<'a> {
    text: &'a str,
    lower: &'a str,
}

/// What a matcher may look at: the line, its neighbours and earlier flags.
struct Ctx<'a> {
    views: &'a [LineView<'a>],
    index: usize,
    /// Flags of the lines before `index`.
    earlier: &'a [Option<LineKind>],
    /// Lines from here on are the article's tail (after the last long line).
    tail_start: usize,
}

impl Ctx<'_> {
    fn text(&self) -> &str {
        self.views[self.index].text
    }

    fn lower(&self) -> &str {
        self.views[self.index].lower
    }

    /// Lowercase without a trailing colon, for whole-line matches.
    fn bare(&self) -> &str {
        self.lower().trim_end_matches([':', '.', ' '])
    }

    fn short(&self, max_bytes: usize) -> bool {
        self.text().len() <= max_bytes
    }

    /// Long, or a full sentence of some length: not a listed headline.
    fn looks_like_body(&self) -> bool {
        let text = self.text();
        text.len() > 200 || (text.len() >= LONG_LINE && text.ends_with(['.', '!', '?', '"', '“']))
    }

    fn in_tail(&self) -> bool {
        self.index >= self.tail_start
    }

    /// True when the nearest earlier non-blank line belongs to a related block.
    fn in_related_block(&self) -> bool {
        let previous = (0..self.index).rev().find(|&i| !self.views[i].text.is_empty()).and_then(|i| self.earlier[i]);
        matches!(previous, Some(LineKind::RelatedLinks | LineKind::RelatedByline))
    }
}

fn is_any(s: &str, options: &[&str]) -> bool {
    options.contains(&s)
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// News agencies that appear as bylines under related headlines.
fn is_agency_byline(bare: &str) -> bool {
    is_any(
        bare,
        &["reuters", "ap", "afp", "dpa", "epd", "kna", "associated press", "bloomberg", "reuters news service"],
    ) || (bare.len() <= 40 && (bare.ends_with("news service") || bare.ends_with("news agency")))
}

/// `source-120`, `toi-allgemeines`, `#iraq`: one token, lowercase with
/// hyphens or underscores, or a hashtag.
fn is_slug(text: &str) -> bool {
    if !(3..=60).contains(&text.len()) || text.contains(char::is_whitespace) {
        return false;
    }
    if let Some(tag) = text.strip_prefix('#') {
        return tag.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    }
    text.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && text.contains(['-', '_'])
        && text.contains(char::is_alphabetic)
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// How many lines around a line are searched for the caption an alt text copies.
const ALT_TEXT_WINDOW: usize = 3;

/// An all-lowercase line that is nearly the same as a line close by.
fn is_alt_text(c: &Ctx) -> bool {
    let text = c.text();
    // The uppercase test first: it usually stops at a body line's first letter.
    if text.contains(char::is_uppercase) || text.chars().filter(|ch| ch.is_alphabetic()).count() < 10 {
        return false;
    }
    let own = fold_for_compare(text);
    let from = c.index.saturating_sub(ALT_TEXT_WINDOW);
    let to = (c.index + ALT_TEXT_WINDOW + 1).min(c.views.len());
    (from..to)
        .filter(|&i| i != c.index && !c.views[i].text.is_empty())
        .any(|i| nearly_equal(&own, &fold_for_compare(c.views[i].text)))
}

/// One folded string contains the other and they are of similar length, so a
/// caption without its `FILE PHOTO:` prefix still counts.
fn nearly_equal(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && short.len() * 10 >= long.len() * 7 && long.contains(short)
}

/// Lowercases, folds umlauts the way scrapers transliterate them
/// (`ä`→`ae`, `ß`→`ss`), and turns every run of non-alphanumerics into one
/// space, so copies and debris compare equal to their originals.
pub(crate) fn fold_for_compare(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars().flat_map(char::to_lowercase) {
        if !ch.is_alphanumeric() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match ch {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => out.push(ch),
        }
    }
    out
}

/// A line this long (in bytes) is body text; tag slugs only come after the last one.
const LONG_LINE: usize = 80;

/// Appends `s` lowercased, as `char::to_lowercase` would, but copies ASCII
/// runs whole and lowercases them in place: most text is ASCII, and
/// per-character Unicode lowercasing was the bulk of flagging's cost.
fn push_lowercase(out: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// Flags boilerplate lines of `text` in place, by the first matching rule.
pub fn flag_lines(text: &str, lines: &mut [TextLine]) {
    // One lowercase buffer for the whole text instead of a String per line.
    let mut lower = String::with_capacity(text.len());
    let mut lower_spans: Vec<Range<usize>> = Vec::with_capacity(lines.len());
    for line in lines.iter() {
        let start = lower.len();
        push_lowercase(&mut lower, text[line.span].trim());
        lower_spans.push(start..lower.len());
    }
    let views: Vec<LineView> = lines
        .iter()
        .zip(&lower_spans)
        .map(|(line, l)| LineView { text: text[line.span].trim(), lower: &lower[l.clone()] })
        .collect();
    let tail_start = views.iter().rposition(|v| v.text.len() >= LONG_LINE).map_or(0, |i| i + 1);
    let mut flags: Vec<Option<LineKind>> = lines.iter().map(|l| l.flag).collect();
    for index in 0..views.len() {
        if views[index].text.is_empty() || flags[index].is_some() {
            continue;
        }
        let ctx = Ctx { views: &views, index, earlier: &flags[..index], tail_start };
        flags[index] = RULES.iter().find(|r| (r.matches)(&ctx)).map(|r| r.kind);
    }
    for (line, flag) in lines.iter_mut().zip(flags) {
        line.flag = flag;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::structure::split_lines;
    use LineKind::*;

    /// Flags for each line of `text`.
    fn kinds(text: &str) -> Vec<Option<LineKind>> {
        let mut lines = split_lines(text);
        flag_lines(text, &mut lines);
        lines.into_iter().map(|l| l.flag).collect()
    }

    const BODY: &str = "This is a long body paragraph that talks about the talks between two governments in detail.";

    #[test]
    fn rule_descriptions_are_unique() {
        let descriptions: Vec<&str> = rules().map(|(_, d)| d).collect();
        for (i, a) in descriptions.iter().enumerate() {
            assert!(!descriptions[i + 1..].contains(a), "duplicate rule {a}");
        }
    }

    #[test]
    fn follow_on_google_news() {
        assert_eq!(kinds("Follow The Daily Courier on Google News"), vec![Some(OutletFurniture)]);
    }

    #[test]
    fn leave_a_reply() {
        assert_eq!(kinds("Leave a Reply"), vec![Some(OutletFurniture)]);
        assert_eq!(kinds("Leave a reply to this."), vec![None]);
    }

    #[test]
    fn share_buttons() {
        assert_eq!(
            kinds("Share this:\nClick to share on X (Opens in new window)\nTeilen"),
            vec![Some(OutletFurniture); 3]
        );
    }

    #[test]
    fn subscribe_and_follow_us() {
        assert_eq!(kinds("Subscribe to our newsletter\nFolgen Sie uns auf Telegram"), vec![Some(OutletFurniture); 2]);
    }

    #[test]
    fn cookie_notice() {
        assert_eq!(kinds("We use cookies to improve your experience. Accept all"), vec![Some(OutletFurniture)]);
        assert_eq!(kinds("The bakery sold a cookie."), vec![None]);
    }

    #[test]
    fn related_block_with_bylines_runs_until_a_long_paragraph() {
        let text = format!(
            "{BODY}\nRelated Posts\nOil prices climb after talks stall\nReuters News Service\nMarkets steady ahead of vote\nAP\n{BODY}"
        );
        assert_eq!(
            kinds(&text),
            vec![
                None,
                Some(RelatedLinks),
                Some(RelatedLinks),
                Some(RelatedByline),
                Some(RelatedLinks),
                Some(RelatedByline),
                None
            ]
        );
    }

    #[test]
    fn related_block_header_variants() {
        for header in ["Related", "Read more", "Mehr zum Thema", "Weitere Artikel:"] {
            assert_eq!(kinds(header), vec![Some(RelatedLinks)], "{header}");
        }
    }

    #[test]
    fn related_block_skips_blank_lines_and_ends_at_furniture() {
        assert_eq!(
            kinds("Related\n\nA headline here\n\ndpa\nLeave a Reply"),
            vec![Some(RelatedLinks), None, Some(RelatedLinks), None, Some(RelatedByline), Some(OutletFurniture)]
        );
    }

    #[test]
    fn tag_slugs_at_the_end() {
        let text = format!("{BODY}\nsource-120\ntoi-allgemeines\n#iraq");
        assert_eq!(kinds(&text), vec![None, Some(TagSlug), Some(TagSlug), Some(TagSlug)]);
        // Not in the tail: a long line follows.
        let text = format!("source-120\n{BODY}");
        assert_eq!(kinds(&text), vec![None, None]);
        assert_eq!(kinds(&format!("{BODY}\nplain")), vec![None, None]);
    }

    #[test]
    fn further_reading_lines_even_with_glued_body() {
        assert_eq!(
            kinds(
                "Mehr zum Thema – Minister reden über Syrien.Die Regierung sagt nein.\nRead more: Talks resume\nLesen Sie auch: Ein Bericht\nSee also: Timeline"
            ),
            vec![Some(FurtherReading); 4]
        );
    }

    #[test]
    fn photo_captions() {
        assert_eq!(
            kinds(
                "FILE PHOTO: Soldiers stand at a gate, January 5, 2020.\nFoto: Archiv\n(Photo by Jane Doe/Agency)\nBild: Eine Straße"
            ),
            vec![Some(PhotoCaption); 4]
        );
    }

    #[test]
    fn alt_text_is_a_lowercase_copy_nearby() {
        let text = format!(
            "FILE PHOTO: Soldiers stand at a gate in Baghdad, Iraq, January 5, 2020.\nsoldiers stand at a gate in baghdad, iraq, january 5, 2020\n{BODY}\nsome lowercase line that copies nothing at all"
        );
        assert_eq!(kinds(&text), vec![Some(PhotoCaption), Some(AltText), None, None]);
    }

    #[test]
    fn reporting_credits() {
        assert_eq!(
            kinds(
                "(Reporting by Jane Doe; Editing by John Roe)\n(Berichterstattung von Max Muster; Redaktion von Erika Muster)\nCompiled by Desk Staff"
            ),
            vec![Some(ReportingCredits); 3]
        );
    }

    #[test]
    fn lowercasing_matches_char_to_lowercase() {
        for s in ["", "Plain ASCII Text", "Ärger ÜBER Straße", "İstanbul ǅ ΣΑΣ", "mixed ÄÖÜ and ABC"] {
            let mut out = String::from("x");
            push_lowercase(&mut out, s);
            assert_eq!(out, format!("x{}", s.chars().flat_map(char::to_lowercase).collect::<String>()), "{s}");
        }
    }

    #[test]
    fn fold_transliterates_and_normalises() {
        assert_eq!(fold_for_compare("Drängen — „Straße“!"), "draengen strasse");
        assert_eq!(fold_for_compare("draengen-strasse"), "draengen strasse");
    }
}
