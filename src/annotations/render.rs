//! The canonical text of an annotation file, written directly: the same
//! bytes as `ron`'s pretty printer with the file's settings (a test checks
//! it on arbitrary sets), several times faster, because `ron` escapes
//! strings one character at a time and this copies plain runs whole. It
//! keeps saving 10k claims inside its 100 ms budget.

use super::model::{Annotations, ArticleNote, Claim, Endpoint, FieldConflict, Link, LinkOrigin, RejectedSuggestion};

/// The file text of `annotations`: lists sorted, blank article notes left out.
pub fn render(annotations: &Annotations) -> String {
    let mut articles: Vec<&ArticleNote> = annotations.articles.iter().filter(|a| !a.is_blank()).collect();
    articles.sort_by(|a, b| a.article.cmp(&b.article));
    let mut claims: Vec<&Claim> = annotations.claims.iter().collect();
    claims.sort_by(|a, b| a.id.cmp(&b.id));
    let mut links: Vec<&Link> = annotations.links.iter().collect();
    links.sort_by(|a, b| a.id.cmp(&b.id));
    let mut rejected: Vec<&RejectedSuggestion> = annotations.rejected.iter().collect();
    rejected.sort_by(|a, b| (&a.from, &a.to, &a.kind).cmp(&(&b.from, &b.to, &b.kind)));

    let mut out = Text { out: String::with_capacity(800 * claims.len() + 4096), depth: 0 };
    out.open('(');
    out.key("version");
    out.number(annotations.version as usize);
    out.list("articles", &articles, Text::article);
    out.list("claims", &claims, Text::claim);
    out.list("links", &links, Text::link);
    out.list("rejected", &rejected, Text::rejected);
    out.depth -= 1;
    out.out.push_str(")\n");
    out.out
}

/// The text being written and the current nesting depth (two spaces each).
struct Text {
    out: String,
    depth: usize,
}

impl Text {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Opens a struct or list: the bracket ends its line.
    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.out.push('\n');
        self.depth += 1;
    }

    /// Closes a struct or list that is itself a field or item.
    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        self.indent();
        self.out.push(bracket);
        self.out.push_str(",\n");
    }

    fn key(&mut self, name: &str) {
        self.indent();
        self.out.push_str(name);
        self.out.push_str(": ");
    }

    fn number(&mut self, value: usize) {
        self.out.push_str(&value.to_string());
        self.out.push_str(",\n");
    }

    fn string(&mut self, name: &str, value: &str) {
        self.key(name);
        self.quoted(value);
        self.out.push_str(",\n");
    }

    fn option(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        match value {
            Some(value) => {
                self.out.push_str("Some(");
                self.quoted(value);
                self.out.push_str("),\n");
            }
            None => self.out.push_str("None,\n"),
        }
    }

    fn strings(&mut self, name: &str, values: &[String]) {
        self.list(name, values, |text, value| {
            text.indent();
            text.quoted(value);
            text.out.push_str(",\n");
        });
    }

    /// A list field: `[]` when empty, else one item per line.
    fn list<T>(&mut self, name: &str, items: &[T], mut item: impl FnMut(&mut Text, &T)) {
        self.key(name);
        if items.is_empty() {
            self.out.push_str("[],\n");
            return;
        }
        self.open('[');
        for each in items {
            item(self, each);
        }
        self.close(']');
    }

    /// A string literal escaped as `char::escape_debug` does, as `ron` does.
    fn quoted(&mut self, value: &str) {
        self.out.push('"');
        let mut plain_from = 0;
        for (at, c) in value.char_indices() {
            if matches!(c, ' '..='~') && !matches!(c, '"' | '\\' | '\'') {
                continue;
            }
            self.out.push_str(&value[plain_from..at]);
            self.out.extend(c.escape_debug());
            plain_from = at + c.len_utf8();
        }
        self.out.push_str(&value[plain_from..]);
        self.out.push('"');
    }

    /// Who made a record and when; each left out when unknown, as the
    /// model's serde attributes say.
    fn stamp(&mut self, created: &Option<String>, modified: &Option<String>, creator: &Option<String>) {
        for (name, value) in [("created", created), ("modified", modified), ("creator", creator)] {
            if value.is_some() {
                self.option(name, value.as_deref());
            }
        }
    }

    fn conflicts(&mut self, conflicts: &[FieldConflict]) {
        // Left out when empty, as the model's serde attributes say.
        if !conflicts.is_empty() {
            self.list("conflicts", conflicts, |text, conflict| {
                text.indent();
                text.open('(');
                text.string("field", &conflict.field);
                text.string("theirs", &conflict.theirs);
                text.close(')');
            });
        }
    }

    fn article(&mut self, note: &&ArticleNote) {
        self.indent();
        self.open('(');
        self.string("article", &note.article);
        self.option("date", note.date.as_deref());
        if note.date_provenance.is_some() {
            self.option("date_provenance", note.date_provenance.as_deref());
        }
        if note.date_from.is_some() {
            self.option("date_from", note.date_from.as_deref());
        }
        self.option("title", note.title.as_deref());
        self.option("source", note.source.as_deref());
        self.strings("tags", &note.tags);
        self.key("read");
        self.out.push_str(if note.read { "true,\n" } else { "false,\n" });
        self.stamp(&note.created, &note.modified, &note.creator);
        self.conflicts(&note.conflicts);
        self.close(')');
    }

    fn claim(&mut self, claim: &&Claim) {
        self.indent();
        self.open('(');
        self.string("id", claim.id.as_str());
        self.key("anchor");
        self.open('(');
        let anchor = &claim.anchor;
        self.string("article", &anchor.article);
        self.string("content_hash", &anchor.content_hash);
        self.key("byte_start");
        self.number(anchor.byte_start);
        self.key("byte_end");
        self.number(anchor.byte_end);
        self.string("quote", &anchor.quote);
        self.string("prefix", &anchor.prefix);
        self.string("suffix", &anchor.suffix);
        self.close(')');
        self.strings("tags", &claim.tags);
        self.option("speaker", claim.speaker.as_deref());
        // Left out when missing, as the model's serde attributes say.
        if claim.summary.is_some() {
            self.option("summary", claim.summary.as_deref());
        }
        self.string("verdict", &claim.verdict);
        self.option("about", claim.about.as_deref());
        self.string("note", &claim.note);
        self.stamp(&claim.created, &claim.modified, &claim.creator);
        self.conflicts(&claim.conflicts);
        self.close(')');
    }

    fn endpoint(&mut self, name: &str, end: &Endpoint) {
        self.key(name);
        let (variant, value) = match end {
            Endpoint::Article(article) => ("Article(", article.as_str()),
            Endpoint::Claim(claim) => ("Claim(", claim.as_str()),
        };
        self.out.push_str(variant);
        self.quoted(value);
        self.out.push_str("),\n");
    }

    fn link(&mut self, link: &&Link) {
        self.indent();
        self.open('(');
        self.string("id", link.id.as_str());
        self.endpoint("from", &link.from);
        self.endpoint("to", &link.to);
        self.string("kind", &link.kind);
        self.string("note", &link.note);
        self.key("origin");
        self.out.push_str(match link.origin {
            LinkOrigin::Manual => "manual,\n",
            LinkOrigin::Suggested => "suggested,\n",
        });
        self.stamp(&link.created, &link.modified, &link.creator);
        self.conflicts(&link.conflicts);
        self.close(')');
    }

    fn rejected(&mut self, rejected: &&RejectedSuggestion) {
        self.indent();
        self.open('(');
        self.string("from", &rejected.from);
        self.string("to", &rejected.to);
        self.string("kind", &rejected.kind);
        self.close(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::arbitrary;
    use proptest::prelude::*;

    /// The reference: `ron`'s pretty printer with the file's settings.
    fn ron_pretty(annotations: &Annotations) -> String {
        let mut sorted = annotations.clone();
        sorted.normalise();
        sorted.articles.retain(|a| !a.is_blank());
        let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false).separate_tuple_members(false);
        let mut text = ron::ser::to_string_pretty(&sorted, config).expect("annotations serialise");
        text.push('\n');
        text
    }

    #[test]
    fn an_empty_set_renders_as_ron_does() {
        assert_eq!(render(&Annotations::default()), ron_pretty(&Annotations::default()));
        assert!(render(&Annotations::default()).contains("  claims: [],\n"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn renders_the_same_bytes_as_ron(annotations in arbitrary::annotations()) {
            prop_assert_eq!(render(&annotations), ron_pretty(&annotations));
        }

        #[test]
        fn renders_unsorted_sets_sorted_as_ron_does(mut annotations in arbitrary::annotations()) {
            annotations.claims.reverse();
            annotations.links.reverse();
            annotations.articles.reverse();
            annotations.rejected.reverse();
            prop_assert_eq!(render(&annotations), ron_pretty(&annotations));
        }
    }
}
