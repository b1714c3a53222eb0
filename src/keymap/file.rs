//! Reading keymap files (format documented in the parent module), merging
//! the layers, and validating the result with positions in every error.
//!
//! ron reports syntax errors with positions, but not where a map key or
//! value sits, and it keeps the last of two equal map keys silently. So the
//! file is first deserialized into borrowed [`RawValue`]s, in order and with
//! duplicates kept; their addresses inside the source give exact positions,
//! and keys, actions and duplicates are then checked here.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use ron::value::RawValue;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::keys::{KeyChord, KeyParseError, KeySequence};
use super::{Entry, GLOBAL, Keymap, Location, Target};

/// Environment variable naming the user keymap file, overriding the config dir.
const KEYMAP_ENV: &str = "DOSSIER_KEYMAP";

/// The text of one keymap layer and the name used for it in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapSource {
    /// Usually the file's path; the embedded default uses its file name.
    pub origin: String,
    /// The RON text.
    pub text: String,
}

impl KeymapSource {
    /// A source from text already in memory (the embedded default, tests).
    pub fn new(origin: impl Into<String>, text: impl Into<String>) -> Self {
        Self { origin: origin.into(), text: text.into() }
    }

    /// Reads a keymap file; the caller decides whether a missing file matters.
    pub fn read(path: &Path) -> Result<Self, KeymapError> {
        let origin = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Self { origin, text }),
            Err(source) => Err(KeymapError::Read { origin, source }),
        }
    }
}

/// Where the user's keymap is looked for: `$DOSSIER_KEYMAP` if set and not
/// empty, else `keymap.ron` in the platform config dir. The file may not exist.
pub fn user_keymap_path() -> Option<PathBuf> {
    user_keymap_path_from(std::env::var_os(KEYMAP_ENV))
}

fn user_keymap_path_from(env: Option<OsString>) -> Option<PathBuf> {
    crate::config::config_file(env, "keymap.ron")
}

/// A keymap that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    /// The file could not be read.
    #[error("{origin}: cannot read keymap: {source}")]
    Read {
        /// The file's path.
        origin: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file was read but is wrong at `location`.
    #[error("{location}: {problem}")]
    Invalid {
        /// Where the problem is.
        location: Location,
        /// What the problem is (boxed: it is large and errors are rare).
        problem: Box<Problem>,
    },
}

impl KeymapError {
    fn invalid(location: Location, problem: impl Into<Problem>) -> Self {
        Self::Invalid { location, problem: Box::new(problem.into()) }
    }
}

/// What is wrong in a keymap file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// RON syntax, or a shape other than `( contexts: { ... } )`.
    #[error("{0}")]
    Syntax(String),
    /// A context the application does not know.
    #[error("unknown context `{name}`{}", DidYouMean(suggestion))]
    UnknownContext {
        /// The name as written.
        name: String,
        /// The closest known context, if one is close.
        suggestion: Option<String>,
    },
    /// A key sequence that does not parse.
    #[error(transparent)]
    BadKey(#[from] KeyParseError),
    /// `<Esc>` after the first key: it cancels a pending sequence instead.
    #[error("`<Esc>` cancels a pending key sequence, so it cannot continue `{keys}`")]
    EscInSequence {
        /// The sequence as written.
        keys: String,
    },
    /// An action name that is not a variant of the action type.
    #[error("unknown action `{name}`{}", DidYouMean(suggestion))]
    UnknownAction {
        /// The name as written.
        name: String,
        /// The closest known action, if one is close.
        suggestion: Option<String>,
    },
    /// A binding value that is neither an action, `Unbind` nor `Group("label")`,
    /// e.g. an action with a wrong argument.
    #[error("invalid binding: {0}")]
    InvalidBinding(String),
    /// The same context written twice in one file.
    #[error("context `{name}` is written twice in this file (first at line {first_line})")]
    DuplicateContext {
        /// The context.
        name: String,
        /// Line of the first occurrence.
        first_line: usize,
    },
    /// The same key sequence bound twice in one context of one file (also
    /// when written differently, e.g. `J` and `<S-j>`).
    #[error("`{keys}` is bound twice in context `{context}` (first at line {first_line})")]
    DuplicateKey {
        /// The sequence, in canonical notation.
        keys: String,
        /// The context.
        context: String,
        /// Line of the first binding.
        first_line: usize,
    },
    /// `Unbind` of a key sequence that no earlier layer binds in that context.
    #[error("cannot unbind `{keys}` in context `{context}`: no earlier layer binds it there")]
    NothingToUnbind {
        /// The sequence, in canonical notation.
        keys: String,
        /// The context.
        context: String,
    },
    /// A sequence bound to an action is also the start of a longer one, which
    /// therefore could never be typed.
    #[error(
        "in context `{context}`, `{shorter}` runs an action, so `{longer}` can never be typed \
         (the other binding is at {other})"
    )]
    PrefixConflict {
        /// The context (with `global` merged in) where both apply.
        context: String,
        /// The sequence bound to an action.
        shorter: String,
        /// The sequence it starts.
        longer: String,
        /// Where the binding not blamed by this error is.
        other: Location,
    },
}

/// Formats `, did you mean `x`?` when there is a suggestion.
struct DidYouMean<'a>(&'a Option<String>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(name) => write!(f, ", did you mean `{name}`?"),
            None => Ok(()),
        }
    }
}

/// The candidate closest to `name` by edit distance (ignoring case), if it
/// is close enough to be a plausible typo.
fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate.to_string())
}

/// Levenshtein distance over lowercased characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The file as ron sees it: every map kept as an ordered list of borrowed
/// key/value source slices, duplicates included.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    #[serde(borrow)]
    contexts: RawMap<'a, RawMap<'a, &'a RawValue>>,
}

struct RawMap<'a, V>(Vec<(&'a RawValue, V)>);

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for RawMap<'a, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawMapVisitor<'a, V>(PhantomData<(&'a (), V)>);

        impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for RawMapVisitor<'a, V> {
            type Value = RawMap<'a, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(RawMap(entries))
            }
        }

        deserializer.deserialize_map(RawMapVisitor(PhantomData))
    }
}

/// The reserved binding values that are not actions.
#[derive(Deserialize)]
enum Reserved {
    Unbind,
    Group(String),
}

/// A binding as written in one layer.
enum Written<A> {
    Bind(Target<A>),
    Unbind,
}

/// Turns positions inside one source into [`Location`]s.
struct SourceText<'s> {
    source: &'s KeymapSource,
}

impl SourceText<'_> {
    fn at_line_col(&self, line: usize, col: usize) -> Location {
        Location { origin: self.source.origin.clone(), line, col }
    }

    fn at_offset(&self, offset: usize) -> Location {
        let text = &self.source.text;
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        self.at_line_col(line, col)
    }

    /// The location of a slice that ron borrowed from this source.
    fn at_slice(&self, slice: &str) -> Location {
        let offset = (slice.as_ptr() as usize).saturating_sub(self.source.text.as_ptr() as usize);
        self.at_offset(offset)
    }

    /// The location of a ron position inside `slice`, a part of this source.
    fn within(&self, slice: &str, position: ron::error::Position) -> Location {
        let base = self.at_slice(slice);
        if position.line == 1 {
            self.at_line_col(base.line, base.col + position.col - 1)
        } else {
            self.at_line_col(base.line + position.line - 1, position.col)
        }
    }
}

/// One context's bindings as written in one layer.
struct WrittenContext<A> {
    name: String,
    bindings: Vec<(KeySequence, Written<A>, Location)>,
}

/// Parses and checks one layer on its own: syntax, context names, keys,
/// values, and duplicates within the file.
fn parse_layer<A: DeserializeOwned>(
    source: &KeymapSource,
    known_contexts: &[&str],
) -> Result<Vec<WrittenContext<A>>, KeymapError> {
    let src = SourceText { source };
    let raw: RawFile = ron::from_str(&source.text).map_err(|e| {
        let location = src.at_line_col(e.span.start.line, e.span.start.col);
        KeymapError::invalid(location, Problem::Syntax(e.code.to_string()))
    })?;

    // Line of each context's first occurrence, to reject a second one.
    let mut first_lines: HashMap<String, usize> = HashMap::new();
    let mut contexts = Vec::new();
    for (raw_name, raw_bindings) in raw.contexts.0 {
        let raw_name = raw_name.trim().get_ron();
        let location = src.at_slice(raw_name);
        let name: String = ron::from_str(raw_name)
            .map_err(|e| KeymapError::invalid(location.clone(), Problem::Syntax(e.code.to_string())))?;
        if name != GLOBAL && !known_contexts.contains(&name.as_str()) {
            let known = known_contexts.iter().copied().chain([GLOBAL]);
            let suggestion = closest(&name, known);
            return Err(KeymapError::invalid(location, Problem::UnknownContext { name, suggestion }));
        }
        if let Some(&first_line) = first_lines.get(&name) {
            return Err(KeymapError::invalid(location, Problem::DuplicateContext { name, first_line }));
        }
        first_lines.insert(name.clone(), location.line);

        let mut bindings: Vec<(KeySequence, Written<A>, Location)> = Vec::new();
        for (raw_keys, raw_value) in raw_bindings.0 {
            let (keys, location) = parse_keys(&src, raw_keys.trim().get_ron())?;
            if let Some((_, _, first)) = bindings.iter().find(|(seen, _, _)| *seen == keys) {
                let problem =
                    Problem::DuplicateKey { keys: keys.to_string(), context: name.clone(), first_line: first.line };
                return Err(KeymapError::invalid(location, problem));
            }
            let value = parse_value(&src, raw_value.trim().get_ron())?;
            bindings.push((keys, value, location));
        }
        contexts.push(WrittenContext { name, bindings });
    }
    Ok(contexts)
}

/// Parses a key string literal; errors point at the bad key inside it.
fn parse_keys(src: &SourceText, raw: &str) -> Result<(KeySequence, Location), KeymapError> {
    let location = src.at_slice(raw);
    let text: String =
        ron::from_str(raw).map_err(|e| KeymapError::invalid(location.clone(), Problem::Syntax(e.code.to_string())))?;
    let keys: KeySequence = text.parse().map_err(|e: KeyParseError| {
        // Only a plain literal maps offsets in the text to columns in the file.
        let plain = raw.len() == text.len() + 2 && raw.get(1..raw.len() - 1) == Some(&text);
        let location = match text.get(..e.offset) {
            Some(before) if plain => src.at_line_col(location.line, location.col + 1 + before.chars().count()),
            _ => location.clone(),
        };
        KeymapError::invalid(location, e)
    })?;
    if keys.chords()[1..].contains(&KeyChord::plain(KeyCode::Esc)) {
        let problem = Problem::EscInSequence { keys: keys.to_string() };
        return Err(KeymapError::invalid(location, problem));
    }
    Ok((keys, location))
}

/// Parses a binding value: `Unbind`, `Group("label")` or an action of type `A`.
fn parse_value<A: DeserializeOwned>(src: &SourceText, raw: &str) -> Result<Written<A>, KeymapError> {
    let head = raw.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or_default();
    let parsed = match head {
        "Unbind" | "Group" => ron::from_str(raw).map(|reserved| match reserved {
            Reserved::Unbind => Written::Unbind,
            Reserved::Group(label) => Written::Bind(Target::Group(label)),
        }),
        _ => ron::from_str(raw).map(|action| Written::Bind(Target::Action(action))),
    };
    parsed.map_err(|e| {
        let location = src.within(raw, e.span.start);
        let problem = match e.code {
            // Only the leading name is the action; an unknown variant inside
            // its arguments is reported by ron's message below.
            ron::Error::NoSuchEnumVariant { expected, found, .. } if found == head => {
                Problem::UnknownAction { suggestion: closest(&found, expected.iter().copied()), name: found }
            }
            code => Problem::InvalidBinding(code.to_string()),
        };
        KeymapError::invalid(location, problem)
    })
}

impl<A: DeserializeOwned> Keymap<A> {
    /// Loads and merges keymap layers, lowest first (embedded default, user
    /// file, `--keymap` file). `known_contexts` lists the context names the
    /// application uses besides `global`; those also in `isolated` do not
    /// fall back to `global` (text entry, where `q` must type a `q`). Any
    /// error fails the whole load.
    pub fn load(sources: &[KeymapSource], known_contexts: &[&str], isolated: &[&str]) -> Result<Self, KeymapError> {
        let isolated = isolated.iter().map(|c| c.to_string()).collect();
        let mut keymap = Self { contexts: Default::default(), isolated };
        for (layer, source) in sources.iter().enumerate() {
            for context in parse_layer(source, known_contexts)? {
                keymap.apply(layer, context)?;
            }
        }
        keymap.check_prefixes()?;
        Ok(keymap)
    }

    fn apply(&mut self, layer: usize, context: WrittenContext<A>) -> Result<(), KeymapError> {
        let entries = self.contexts.entry(context.name.clone()).or_default();
        for (keys, written, location) in context.bindings {
            let existing = entries.iter().position(|entry| entry.keys == keys);
            match (written, existing) {
                (Written::Bind(target), existing) => {
                    let entry = Entry { keys, target, layer, location };
                    // Replacing in place keeps the default's order for help screens.
                    match existing {
                        Some(index) => entries[index] = entry,
                        None => entries.push(entry),
                    }
                }
                (Written::Unbind, Some(index)) => {
                    entries.remove(index);
                }
                (Written::Unbind, None) => {
                    let problem = Problem::NothingToUnbind { keys: keys.to_string(), context: context.name };
                    return Err(KeymapError::invalid(location, problem));
                }
            }
        }
        Ok(())
    }
}

impl<A> Keymap<A> {
    /// Rejects an action bound to a sequence that starts a longer one, in
    /// `global` and in every context (merged with `global` unless isolated). The binding written
    /// last is blamed, since that is usually the one the user just added.
    fn check_prefixes(&self) -> Result<(), KeymapError> {
        let contexts = std::iter::once(GLOBAL).chain(self.contexts().filter(|&c| c != GLOBAL));
        for context in contexts {
            let entries = self.effective(&[context]);
            for short in entries.iter().filter(|e| matches!(e.target, Target::Action(_))) {
                let longer = entries
                    .iter()
                    .find(|long| long.keys.len() > short.keys.len() && long.keys.starts_with(short.keys.chords()));
                if let Some(long) = longer {
                    let (blamed, other) =
                        if long.written_at() > short.written_at() { (long, short) } else { (short, long) };
                    let problem = Problem::PrefixConflict {
                        context: context.to_string(),
                        shorter: short.keys.to_string(),
                        longer: long.keys.to_string(),
                        other: other.location.clone(),
                    };
                    return Err(KeymapError::invalid(blamed.location.clone(), problem));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::tests::{TestAction, keys, load};

    fn error_of(layers: &[&str]) -> String {
        match load(layers) {
            Ok(keymap) => panic!("expected an error, loaded {keymap:?}"),
            Err(e) => e.to_string(),
        }
    }

    const BASE: &str = r#"(
    contexts: {
        "global": { "q": Quit, "g": Group("go to"), "g g": GoTop },
        "list": { "j": Down, "k": Up, "<C-d>": Scroll(10) },
    },
)"#;

    /// Joins lines so that a test reads line numbers off the array index + 1.
    fn lines(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn unknown_action_names_it_and_suggests_the_closest() {
        let text = lines(&["(", "  contexts: {", "    \"global\": {", "      \"q\": Qiut,", "    },", "  },", ")"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:4:12: unknown action `Qiut`, did you mean `Quit`?");
    }

    #[test]
    fn comments_around_keys_and_values_do_not_shift_positions() {
        let text = lines(&[
            "(contexts: {",
            "  \"list\": {",
            "    // move",
            "    \"j\": /* was Down */ Dwon, // typo",
            "  },",
            "})",
        ]);
        assert_eq!(error_of(&[&text]), "layer0.ron:4:25: unknown action `Dwon`, did you mean `Down`?");
    }

    #[test]
    fn unknown_action_far_from_any_has_no_suggestion() {
        let text = r#"( contexts: { "global": { "q": Frobnicate } } )"#;
        assert_eq!(error_of(&[text]), "layer0.ron:1:32: unknown action `Frobnicate`");
    }

    #[test]
    fn bad_action_argument_points_into_the_value() {
        let text = lines(&["(contexts: {", r#"  "list": { "j": Scroll(x) },"#, "})"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:2:25: invalid binding: Expected integer");
        let text = lines(&["(contexts: {", r#"  "list": { "j": Group(3) },"#, "})"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:2:24: invalid binding: Expected string");
    }

    #[test]
    fn unknown_key_points_at_the_bad_key_inside_the_sequence() {
        let text =
            lines(&["(contexts: {", "  \"list\": {", "    \"j\": Down,", "    \"g <Ctlr-d>\": Down,", "  },", "})"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:4:8: invalid key `<Ctlr-d>`: unknown key name `Ctlr-d`");
    }

    #[test]
    fn unknown_context_suggests_the_closest() {
        let text = lines(&["(contexts: {", "  // lists", "  \"lsit\": { \"j\": Down },", "})"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:3:3: unknown context `lsit`, did you mean `list`?");
    }

    #[test]
    fn duplicate_key_in_one_context_is_an_error_even_when_spelled_differently() {
        let text = lines(&[
            "(contexts: {",
            "  \"list\": {",
            "    \"J\": Down,",
            "    \"k\": Up,",
            "    \"<S-j>\": Up,",
            "  },",
            "})",
        ]);
        assert_eq!(error_of(&[&text]), "layer0.ron:5:5: `J` is bound twice in context `list` (first at line 3)");
    }

    #[test]
    fn same_key_in_different_contexts_or_layers_is_fine() {
        let user = r#"( contexts: { "list": { "j": Up } } )"#;
        let keymap = load(&[BASE, user]).expect("valid");
        assert_eq!(keymap.keys_for("list", &TestAction::Up), vec![keys("j"), keys("k")]);
    }

    #[test]
    fn duplicate_context_in_one_file_is_an_error() {
        let text = lines(&["(contexts: {", "  \"list\": { \"j\": Down },", "  \"list\": { \"k\": Up },", "})"]);
        assert_eq!(
            error_of(&[&text]),
            "layer0.ron:3:3: context `list` is written twice in this file (first at line 2)"
        );
    }

    #[test]
    fn action_on_a_prefix_of_another_binding_is_an_error() {
        let text =
            lines(&["(contexts: {", "  \"global\": {", "    \"g g\": GoTop,", "    \"g\": GoBottom,", "  },", "})"]);
        assert_eq!(
            error_of(&[&text]),
            "layer0.ron:4:5: in context `global`, `g` runs an action, so `g g` can never be \
             typed (the other binding is at layer0.ron:3:5)"
        );
    }

    #[test]
    fn prefix_conflict_with_global_blames_the_later_layer() {
        let user = lines(&["(contexts: {", "  \"reader\": { \"g\": Quit },", "})"]);
        assert_eq!(
            error_of(&[BASE, &user]),
            "layer1.ron:2:15: in context `reader`, `g` runs an action, so `g g` can never be \
             typed (the other binding is at layer0.ron:3:53)"
        );
    }

    #[test]
    fn syntax_errors_carry_ron_positions() {
        let text = lines(&["(contexts: {", "  \"list\": { \"j\" Down },", "})"]);
        assert_eq!(error_of(&[&text]), "layer0.ron:2:17: Expected colon");
        let text = lines(&["(contxts: {", "})"]);
        assert!(error_of(&[&text]).starts_with("layer0.ron:1:2: "), "{}", error_of(&[&text]));
    }

    #[test]
    fn escape_can_only_start_a_sequence() {
        let text = r#"( contexts: { "list": { "g <Esc>": Up } } )"#;
        assert_eq!(
            error_of(&[text]),
            "layer0.ron:1:25: `<Esc>` cancels a pending key sequence, so it cannot continue `g <Esc>`"
        );
    }

    #[test]
    fn later_layers_override_and_unbind() {
        let user = r#"(
    contexts: {
        "list": { "j": Up, "k": Unbind },
        "reader": { "<Space>": Down },
    },
)"#;
        let cli = r#"( contexts: { "list": { "j": GoBottom }, "global": { "<C-q>": Quit } } )"#;
        let keymap = load(&[BASE, user, cli]).expect("valid");
        assert_eq!(keymap.keys_for("list", &TestAction::GoBottom), vec![keys("j")]);
        assert!(keymap.keys_for("list", &TestAction::Up).is_empty());
        assert_eq!(keymap.keys_for("reader", &TestAction::Down), vec![keys("<Space>")]);
        assert_eq!(keymap.keys_for("list", &TestAction::Quit), vec![keys("q"), keys("<C-q>")]);
        // The override keeps its place: help screens keep the default's order.
        let list: Vec<String> = keymap.bindings("list").map(|(k, _)| k.to_string()).collect();
        assert_eq!(list, vec!["j", "<C-d>"]);
    }

    #[test]
    fn reserved_values_may_follow_a_comment() {
        let user = r#"( contexts: { "list": { "k": /* not needed */ Unbind } } )"#;
        let keymap = load(&[BASE, user]).expect("valid");
        assert!(keymap.keys_for("list", &TestAction::Up).is_empty());
    }

    #[test]
    fn unbind_of_an_unbound_key_is_an_error() {
        let user = lines(&["(contexts: {", "  \"list\": { \"x\": Unbind },", "})"]);
        assert_eq!(
            error_of(&[BASE, &user]),
            "layer1.ron:2:13: cannot unbind `x` in context `list`: no earlier layer binds it there"
        );
    }

    #[test]
    fn an_error_in_any_layer_fails_the_load() {
        let broken = r#"( contexts: { "list": { "j": Dwon } } )"#;
        assert!(load(&[BASE, broken]).is_err());
        assert!(load(&[broken, BASE]).is_err());
    }

    #[test]
    fn user_keymap_path_prefers_the_environment() {
        assert_eq!(user_keymap_path_from(Some(OsString::from("/tmp/k.ron"))), Some(PathBuf::from("/tmp/k.ron")));
        // Without the variable (or with it empty) the config dir is used, when there is one.
        if let Some(path) = user_keymap_path_from(Some(OsString::new())) {
            assert!(path.ends_with("keymap.ron"), "{}", path.display());
        }
    }

    #[test]
    fn reading_a_missing_file_names_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nope.ron");
        let err = KeymapSource::read(&path).expect_err("missing");
        assert!(err.to_string().starts_with(&format!("{}: cannot read keymap: ", path.display())), "{err}");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("Qiut", "Quit"), 2);
        assert_eq!(edit_distance("GoTo", "GoTop"), 1);
        assert_eq!(edit_distance("down", "Down"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
