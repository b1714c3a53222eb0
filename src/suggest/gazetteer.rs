//! Country and major-entity names that differ between English and German
//! (`Iraq` ~ `Irak`, `United States` ~ `Vereinigte Staaten` ~ `USA`), which
//! no spelling tolerance can bridge. The names are data
//! (`gazetteer.txt`), matched as whole words.

use std::ops::Range;
use std::sync::LazyLock;

/// One entity's forms, longest first so `Vereinigten Staaten` wins over a part.
struct Entity {
    key: &'static str,
    forms: Vec<&'static str>,
}

static ENTITIES: LazyLock<Vec<Entity>> = LazyLock::new(|| {
    include_str!("gazetteer.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let (key, forms) = line.split_once(':')?;
            let mut forms: Vec<&str> = forms.split('|').map(str::trim).filter(|f| !f.is_empty()).collect();
            forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
            Some(Entity { key: key.trim(), forms })
        })
        .collect()
});

/// Whether two surfaces are forms of one gazetteer entity (`USA`, `Vereinigten Staaten`).
/// Whether `name` is one of the gazetteer's forms, as written.
pub(crate) fn is_entity(name: &str) -> bool {
    ENTITIES.iter().any(|e| e.forms.contains(&name))
}

pub(crate) fn same_entity(a: &str, b: &str) -> bool {
    let key = |form: &str| ENTITIES.iter().find(|e| e.forms.contains(&form)).map(|e| e.key);
    key(a).is_some_and(|k| key(b) == Some(k))
}

/// A gazetteer name in a text: where, and which entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityMention {
    pub span: Range<usize>,
    pub key: &'static str,
}

/// The gazetteer names in `text[range]`, in text order, none overlapping.
pub(crate) fn find(text: &str, range: Range<usize>) -> Vec<EntityMention> {
    let slice = &text[range.clone()];
    let mut found: Vec<EntityMention> = Vec::new();
    for entity in ENTITIES.iter() {
        for form in &entity.forms {
            for (at, _) in slice.match_indices(form) {
                let span = range.start + at..range.start + at + form.len();
                let bounded = !slice[..at].ends_with(char::is_alphanumeric)
                    && !slice[at + form.len()..].starts_with(char::is_alphanumeric);
                let taken = found.iter().any(|m| m.span.start < span.end && span.start < m.span.end);
                if bounded && !taken {
                    found.push(EntityMention { span, key: entity.key });
                }
            }
        }
    }
    found.sort_by_key(|m| m.span.start);
    found
}

#[cfg(test)]
mod tests {
    use super::find;

    fn keys(text: &str) -> Vec<&'static str> {
        find(text, 0..text.len()).into_iter().map(|m| m.key).collect()
    }

    #[test]
    fn english_and_german_names_of_one_country_share_a_key() {
        assert_eq!(keys("The United States has 2,500 troops in Iraq."), ["usa", "iraq"]);
        assert_eq!(keys("Die Vereinigten Staaten haben 2.500 Soldaten im Irak."), ["usa", "iraq"]);
        assert_eq!(keys("Etwa 2.500 US-Soldaten sind im Irak."), ["usa", "iraq"]);
    }

    #[test]
    fn only_whole_words_match() {
        assert_eq!(keys("Iranian officials met in Irakli; USAID paid."), Vec::<&str>::new());
        assert_eq!(keys("Das IS-Gebiet"), ["islamic-state"]);
    }

    #[test]
    fn the_longest_form_wins() {
        let text = "die Europäischen Union";
        assert_eq!(find(text, 0..text.len()).len(), 1);
    }
}
