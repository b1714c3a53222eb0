//! A Markdown report: claims grouped by tag and ordered along the
//! timeline, with their quotes; then the links.

use super::context::ExportContext;
use crate::annotations::Claim;
use crate::display::{count, escape_for_terminal, escape_for_terminal_keeping_lines};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Claims without a tag are listed under this heading.
const UNTAGGED: &str = "Untagged";

pub fn write_report(cx: &ExportContext, out: &mut dyn Write) -> io::Result<()> {
    let notes = cx.annotations;
    writeln!(out, "# Claims in {}\n", escape(cx.corpus_name))?;
    let articles: std::collections::BTreeSet<&str> = notes.claims.iter().map(|c| c.anchor.article.as_str()).collect();
    writeln!(
        out,
        "{} in {}, {}.\n",
        count(notes.claims.len(), "claim"),
        count(articles.len(), "article"),
        count(notes.links.len(), "link")
    )?;
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    for claim in &notes.claims {
        *verdicts.entry(claim.verdict.as_str()).or_default() += 1;
    }
    for (verdict, count) in &verdicts {
        writeln!(out, "- {}: {count}", escape(verdict))?;
    }
    let mut groups: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for claim in cx.placed_by_time() {
        if claim.tags.is_empty() {
            groups.entry(UNTAGGED).or_default().push(claim);
        }
        for tag in &claim.tags {
            groups.entry(tag.as_str()).or_default().push(claim);
        }
    }
    // Tags in name order; the untagged group last.
    let untagged = groups.remove(UNTAGGED);
    for (tag, claims) in groups.iter().map(|(t, c)| (*t, c)).chain(untagged.as_ref().map(|c| (UNTAGGED, c))) {
        writeln!(out, "\n## {}\n", escape(tag))?;
        for claim in claims {
            write_claim(cx, claim, out)?;
        }
    }
    let orphans = cx.orphans_by_time();
    if !orphans.is_empty() {
        writeln!(out, "\n## Orphaned claims\n")?;
        writeln!(out, "Not found in the current text of their articles; the quote is as it was tagged.\n")?;
        for claim in orphans {
            write_claim(cx, claim, out)?;
        }
    }
    if !notes.links.is_empty() {
        writeln!(out, "\n## Links\n")?;
        for link in &notes.links {
            let note = if link.note.is_empty() { String::new() } else { format!(" — {}", escape(&link.note)) };
            writeln!(
                out,
                "- {} → **{}** → {}{note}",
                escape(&cx.describe(&link.from)),
                escape(&link.kind),
                escape(&cx.describe(&link.to))
            )?;
        }
    }
    Ok(())
}

fn write_claim(cx: &ExportContext, claim: &Claim, out: &mut dyn Write) -> io::Result<()> {
    let article = claim.anchor.article.as_str();
    let date = cx.claim_date(claim).unwrap_or_else(|| "undated".to_string());
    let speaker = claim.speaker.as_deref().map(|s| format!(" · {}", escape(s))).unwrap_or_default();
    writeln!(out, "### {} · {}{speaker}\n", escape(&date), escape(&claim.verdict))?;
    for line in claim.anchor.quote.lines() {
        writeln!(out, "> {}", escape(line))?;
    }
    writeln!(out, "\n— *{}* (`{}`)", escape(&cx.title(article)), escape_for_terminal(article))?;
    if !claim.note.is_empty() {
        writeln!(out, "\n{}", escape_markup(&escape_for_terminal_keeping_lines(&claim.note)))?;
    }
    for conflict in &claim.conflicts {
        writeln!(
            out,
            "\n**Unsettled merge:** another analyst set {} to {}",
            escape(&conflict.field),
            escape(&conflict.theirs)
        )?;
    }
    writeln!(out)
}

/// `text` for one line of the report: terminal escapes shown (see
/// `escape_for_terminal`), markup escaped.
fn escape(text: &str) -> String {
    escape_markup(&escape_for_terminal(text))
}

/// Escapes what Markdown would read as markup, so a quote shows as written.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_quotes_is_escaped() {
        assert_eq!(escape("*not* <b>bold</b> [x]"), "\\*not\\* \\<b\\>bold\\</b\\> \\[x\\]");
        assert_eq!(escape("Gespräche über 2.500"), "Gespräche über 2.500");
    }
}
