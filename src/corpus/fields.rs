//! The names under which a file states an article's metadata: front-matter
//! keys and JSON Lines fields, from hand-written files to the dumps of news
//! scrapers (news-please, NewsAPI) and static-site generators (Hugo,
//! Jekyll). One table serves every format, so a name accepted in one is
//! accepted in all.

use super::source::StatedMeta;
use std::borrow::Cow;

/// What a named field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The record's own id (JSON Lines).
    Id,
    /// The article text (JSON Lines).
    Text,
    Title,
    Date,
    Source,
    Url,
    Lang,
    Tags,
    Authors,
}

/// Accepted names by field, the preferred first: a record that has both
/// `title` and `title_page` (news-please writes both) takes `title`.
/// Names match whatever their case.
const NAMES: [(Field, &[&str]); 9] = [
    (Field::Id, &["id"]),
    (
        Field::Text,
        &["text", "body", "maintext", "content", "article", "full_text", "article_text", "articleBody", "story"],
    ),
    (Field::Title, &["title", "headline", "title_page", "title_rss"]),
    (
        Field::Date,
        &[
            "date",
            "date_publish",
            "published",
            "publish_date",
            "published_date",
            "published_at",
            "publishedAt",
            "publishDate",
            "datePublished",
            "pubDate",
            "publication_date",
        ],
    ),
    (Field::Source, &["source", "source_domain", "site_name", "publisher", "outlet"]),
    (Field::Url, &["url", "link", "canonical_url", "source_url"]),
    (Field::Lang, &["lang", "language", "locale"]),
    (Field::Tags, &["tags", "keywords", "categories"]),
    (Field::Authors, &["authors", "author", "byline"]),
];

/// A field a key names: the field, the name as the table spells it, and
/// its rank among the field's names (0 is preferred).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub field: Field,
    pub name: &'static str,
    pub rank: usize,
}

/// The field `key` names, if any.
pub fn named(key: &str) -> Option<Named> {
    NAMES.iter().find_map(|(field, names)| {
        let rank = names.iter().position(|name| name.eq_ignore_ascii_case(key))?;
        Some(Named { field: *field, name: names[rank], rank })
    })
}

/// The accepted names of `field`, in order of preference.
pub fn names_of(field: Field) -> &'static [&'static str] {
    NAMES.iter().find(|(f, _)| *f == field).map_or(&[], |(_, names)| names)
}

/// The accepted names of `field` as a message lists them: `` `a`, `b` ``.
pub fn listed(field: Field) -> String {
    names_of(field).iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

/// A stated value, whatever format it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Stated<'a> {
    /// A string, or a number, date or boolean written out.
    Text(Cow<'a, str>),
    List(Vec<Stated<'a>>),
    /// Anything else, by its kind (`a mapping`), for the message.
    Other(&'static str),
}

impl Stated<'_> {
    /// Empty text or an empty list: as good as absent, so the next name of
    /// the field may give the value.
    pub fn is_blank(&self) -> bool {
        match self {
            Stated::Text(text) => text.trim().is_empty(),
            Stated::List(items) => items.iter().all(Stated::is_blank),
            Stated::Other(_) => false,
        }
    }

    /// What it is, for messages: `text`, `a list`, `a mapping`.
    pub fn kind(&self) -> &'static str {
        match self {
            Stated::Text(_) => "text",
            Stated::List(_) => "a list",
            Stated::Other(kind) => kind,
        }
    }
}

/// Puts `value`, stated under `name`, into `meta` as `field`, noting where
/// it came from. An error says why the value cannot be used; `meta` then
/// keeps what it had. Id and text are not metadata: the caller reads them.
pub fn record(meta: &mut StatedMeta, named: Named, value: Stated<'_>) -> Result<(), String> {
    let Named { field, name, .. } = named;
    let (slot, origin) = match field {
        Field::Title => (&mut meta.title, &mut meta.origins.title),
        Field::Date => (&mut meta.date, &mut meta.origins.date),
        Field::Source => (&mut meta.source, &mut meta.origins.source),
        Field::Url => (&mut meta.url, &mut meta.origins.url),
        Field::Lang => (&mut meta.lang, &mut meta.origins.lang),
        Field::Tags => {
            meta.tags = list(name, value, split_tags)?;
            return Ok(());
        }
        Field::Authors => {
            meta.authors = list(name, value, |author| vec![author.trim().to_owned()])?;
            return Ok(());
        }
        Field::Id | Field::Text => return Ok(()),
    };
    match value {
        Stated::Text(text) => {
            *slot = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            *origin = slot.is_some().then_some(name);
            Ok(())
        }
        other => Err(format!("`{name}` should be text, found {}", other.kind())),
    }
}

/// The items of a list field: a list of texts, or one text that `split`
/// turns into items. Blank items are dropped.
fn list(name: &str, value: Stated<'_>, split: impl Fn(&str) -> Vec<String>) -> Result<Vec<String>, String> {
    let items = match value {
        Stated::Text(text) => split(&text),
        Stated::List(items) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Stated::Text(text) => texts.push(text.trim().to_owned()),
                    other => return Err(format!("`{name}` should hold text, found {}", other.kind())),
                }
            }
            texts
        }
        Stated::Other(kind) => return Err(format!("`{name}` should be a list of text, found {kind}")),
    };
    Ok(items.into_iter().filter(|item| !item.is_empty()).collect())
}

/// Tags written on one line: `[a, "b"]` or `a, b`.
fn split_tags(value: &str) -> Vec<String> {
    let value = value.trim();
    let list = value.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).unwrap_or(value);
    list.split(',').map(|tag| tag.trim().trim_matches(['"', '\'']).trim().to_owned()).collect()
}

/// Values stated by one record, the preferred name of each field winning:
/// offer it every (key, value) pair, then take the winners. Each value
/// keeps `At`, where the file states it (a position, or nothing).
#[derive(Debug)]
pub struct Winners<'a, At = ()> {
    best: Vec<Winner<'a, At>>,
}

/// A winning value: its name, where it stands, the value.
pub type Winner<'a, At> = (Named, At, Stated<'a>);

impl<At> Default for Winners<'_, At> {
    fn default() -> Self {
        Winners { best: Vec::new() }
    }
}

impl<'a, At> Winners<'a, At> {
    /// Offers the value under `key`, at `at`; unknown keys and blank values
    /// are passed over.
    pub fn offer(&mut self, key: &str, at: At, value: impl FnOnce() -> Stated<'a>) {
        let Some(named) = named(key) else { return };
        let held = self.best.iter().position(|(n, ..)| n.field == named.field);
        if held.is_some_and(|i| self.best[i].0.rank <= named.rank) {
            return;
        }
        let value = value();
        if value.is_blank() {
            return;
        }
        match held {
            Some(i) => self.best[i] = (named, at, value),
            None => self.best.push((named, at, value)),
        }
    }

    /// Takes the winning value of `field`, if any.
    pub fn take(&mut self, field: Field) -> Option<Winner<'a, At>> {
        let i = self.best.iter().position(|(n, ..)| n.field == field)?;
        Some(self.best.remove(i))
    }

    /// Records the remaining winners in `meta` (see [`record`]), handing
    /// each value that cannot be used to `on_problem` with its place.
    pub fn record_rest(self, meta: &mut StatedMeta, mut on_problem: impl FnMut(At, String)) {
        for (named, at, value) in self.best {
            if let Err(message) = record(meta, named, value) {
                on_problem(at, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Stated<'_> {
        Stated::Text(Cow::Borrowed(s))
    }

    #[test]
    fn names_match_whatever_their_case_and_rank_by_preference() {
        let date = named("DATE_PUBLISH").expect("a date name");
        assert_eq!((date.field, date.name, date.rank), (Field::Date, "date_publish", 1));
        assert_eq!(named("publishedat").map(|n| n.name), Some("publishedAt"));
        assert_eq!(named("maintext").map(|n| n.field), Some(Field::Text));
        assert_eq!(named("description"), None);
        assert_eq!(named("date_download"), None);
    }

    #[test]
    fn the_preferred_name_wins_whatever_the_order_and_blanks_give_way() {
        let mut winners = Winners::default();
        winners.offer("title_rss", 1, || text("From the feed"));
        winners.offer("title", 2, || text("  "));
        winners.offer("title_page", 3, || text("From the page"));
        winners.offer("headline", 4, || text("The headline"));
        winners.offer("date_download", 5, || text("2024-02-01"));
        let (named, at, value) = winners.take(Field::Title).expect("a title");
        assert_eq!((named.name, at, value), ("headline", 4, text("The headline")));
        assert!(winners.take(Field::Date).is_none());
    }

    #[test]
    fn values_go_into_their_field_with_their_origin() {
        let mut meta = StatedMeta::default();
        let name = |key| named(key).expect("known");
        record(&mut meta, name("date_publish"), text(" 2024-01-27 10:00:00 ")).expect("text");
        record(&mut meta, name("keywords"), text("[irak, \"usa\"]")).expect("tags");
        record(&mut meta, name("authors"), Stated::List(vec![text("Doe, Jane"), text(" ")])).expect("list");
        assert_eq!(meta.date.as_deref(), Some("2024-01-27 10:00:00"));
        assert_eq!(meta.origins.date, Some("date_publish"));
        assert_eq!(meta.tags, ["irak", "usa"]);
        assert_eq!(meta.authors, ["Doe, Jane"]);
        assert_eq!(
            record(&mut meta, name("title"), Stated::List(vec![text("a")])),
            Err("`title` should be text, found a list".to_owned())
        );
        assert_eq!(
            record(&mut meta, name("tags"), Stated::List(vec![Stated::Other("a mapping")])),
            Err("`tags` should hold text, found a mapping".to_owned())
        );
        assert_eq!(meta.title, None);
        assert_eq!(meta.tags, ["irak", "usa"]);
    }

    #[test]
    fn the_text_names_are_listed_for_messages() {
        assert!(listed(Field::Text).starts_with("`text`, `body`, `maintext`, `content`"), "{}", listed(Field::Text));
    }
}
