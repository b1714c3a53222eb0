//! Who says a sentence: the noun phrase news prose binds to a reporting
//! verb (`X said`, `“…,” said X`, `according to X`, `sagte X`, `laut X`,
//! `teilte X mit`). It prefills the claim form's speaker, so a wrong guess
//! costs more than none: the phrase must be bounded by the verb on one side
//! and by punctuation or a clause word on the other, and must end in a name
//! or a word for a person, office or body; anything else gives no speaker.
//! No crate does this for German and English news, so it is a small rule
//! table, measured on hand-labelled real sentences (`tests/eval_attribution.rs`).

use crate::corpus::dates::is_calendar_word;

/// Verbs after which (or before which) a speaker stands.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "announced",
    "warned",
    "explained",
    "stated",
    "commented",
    "insisted",
    "sagte",
    "sagt",
    "sagten",
    "erklärte",
    "erklärten",
    "betonte",
    "berichtete",
    "warnte",
];

/// Markers followed by the speaker: `according to X`, `laut X`.
const SOURCE_MARKERS: &[&[&str]] = &[&["according", "to"], &["laut"], &["nach", "angaben"]];

/// Split verbs whose speaker stands between them and their particle.
const SPLIT_VERBS: &[(&str, &str)] =
    &[("teilte", "mit"), ("teilten", "mit"), ("gab", "bekannt"), ("gaben", "bekannt"), ("fügte", "hinzu")];

/// Words between a speaker and the verb that do not belong to either.
const ADVERBS: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "yesterday",
    "today",
    "then",
    "afterward",
    "afterwards",
    "earlier",
    "later",
    "auch",
    "am",
    "heute",
    "gestern",
    "nun",
    "jetzt",
];

/// A verb form right before `said`/`told` makes it passive (`was told`).
const PASSIVE: &[&str] = &["is", "was", "were", "are", "be", "been", "being", "wurde", "wird"];

/// Words that start a new clause: a speaker phrase never crosses them.
const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "but",
    "so",
    "or",
    "while",
    "when",
    "after",
    "before",
    "because",
    "as",
    "if",
    "what",
    "though",
    "although",
    "where",
    "however",
    "meanwhile",
    "and",
    "dass",
    "weil",
    "aber",
    "und",
    "oder",
    "wie",
    "was",
    "is",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "not",
    "on",
    "ist",
    "sind",
    "hat",
    "haben",
    "hätten",
    "wurde",
    "hinzu",
    "durch",
    "seit",
];

/// Prepositions and particles that may sit inside a name or title.
const INNER_WORDS: &[&str] = &[
    "of", "for", "to", "at", "in", "from", "by", "with", "the", "a", "an", "and", "de", "von", "van", "der", "des",
    "die", "das", "den", "dem", "für", "zu", "aus",
];

/// Prepositions after which a title's head has been named (`Minister for X`).
const PREPOSITIONS: &[&str] = &["of", "for", "to", "at", "in", "from", "by", "with", "für", "aus", "von", "des", "der"];

/// Lowercase heads that name a person, office or body in English prose.
const SPEAKER_NOUNS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "police",
    "authorities",
    "minister",
    "ministry",
    "secretary",
    "director",
    "chief",
    "president",
    "department",
    "government",
    "agency",
    "council",
    "group",
    "company",
    "bank",
    "lender",
    "residents",
    "experts",
    "analysts",
    "officer",
    "officers",
    "newspaper",
    "network",
    "city",
    "management",
    "organizers",
    "organisers",
    "counselor",
    "counsellor",
    "ambassador",
    "general",
    "leader",
    "chairman",
    "chairwoman",
    "commission",
    "committee",
    "judge",
    "prosecutor",
    "prosecutors",
    "party",
    "union",
    "army",
    "military",
    "woman",
    "man",
    "witness",
    "witnesses",
    "candidate",
    "administration",
    "campaign",
    "office",
    "board",
    "investigators",
    "critics",
    "researchers",
    "scientists",
    "lawyer",
    "lawyers",
    "attorney",
    "governor",
    "mayor",
    "senator",
    "spokespeople",
    "activists",
    "diplomats",
];

/// Heads that name a body rather than a person: English words, and German
/// word ends (`Verteidigungsministerium`, `Bundesregierung`).
const BODIES: &[&str] = &[
    "ministry",
    "department",
    "government",
    "agency",
    "council",
    "commission",
    "committee",
    "party",
    "army",
    "military",
    "navy",
    "police",
    "office",
    "administration",
    "authority",
    "authorities",
    "union",
    "bank",
    "company",
    "board",
    "parliament",
    "senate",
    "congress",
    "court",
    "pentagon",
    "kremlin",
    "embassy",
    "coalition",
    "alliance",
    "organisation",
    "organization",
    "institute",
    "association",
    "federation",
    "bureau",
    "service",
    "forces",
    "command",
    "cabinet",
    "presidency",
    "secretariat",
    "network",
    "newspaper",
    "nato",
    "ministerium",
    "regierung",
    "behörde",
    "amt",
    "partei",
    "armee",
    "bundeswehr",
    "polizei",
    "kommission",
    "ausschuss",
    "parlament",
    "bundestag",
    "gericht",
    "botschaft",
    "koalition",
    "bündnis",
    "verband",
    "institut",
    "dienst",
    "kommando",
    "kabinett",
    "agentur",
    "konzern",
    "unternehmen",
    "zeitung",
    "sender",
    "rat",
];

/// Whether a speaker is a body (a ministry, agency, government, party, a
/// country or major body of the gazetteer) rather than a person: its head
/// word, the last before any preposition (`Ministry` of `Ministry of
/// Defence`), names one. `officials in Kessaran` are people.
pub fn is_body(speaker: &str) -> bool {
    let speaker = speaker.trim();
    let articles = ["the ", "The ", "die ", "Die ", "der ", "Der ", "das ", "Das "];
    let bare = articles.iter().find_map(|a| speaker.strip_prefix(a)).unwrap_or(speaker);
    if crate::suggest::gazetteer::is_entity(bare) {
        return true;
    }
    let words: Vec<String> = bare.split_whitespace().map(str::to_lowercase).collect();
    let head = words.iter().take_while(|w| !PREPOSITIONS.contains(&w.as_str())).last();
    head.is_some_and(|head| {
        let head = head.trim_matches(|c: char| !c.is_alphanumeric());
        // A German compound ends with its body (`Stadtrat`); a name that
        // merely ends alike (`Murat`) is too short to be one.
        BODIES.iter().any(|body| head == *body || (head.len() >= body.len() + 3 && head.ends_with(body)))
    })
}

/// Heads that are documents, not speakers: the body behind them (`by X`,
/// `from X`) is the speaker, if named.
const DOCUMENTS: &[&str] = &[
    "report",
    "study",
    "research",
    "figures",
    "statement",
    "release",
    "poll",
    "polls",
    "survey",
    "data",
    "database",
    "letter",
    "ruling",
    "assessment",
    "pledge",
    "statistics",
    "aussagen",
    "angaben",
];

/// Pronouns are not speakers worth prefilling.
const PRONOUNS: &[&str] = &[
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "this",
    "there",
    "everyone",
    "everybody",
    "someone",
    "nobody",
    "er",
    "sie",
    "es",
    "wir",
    "ich",
    "man",
    "me",
    "him",
    "her",
    "them",
];

/// Longest speaker phrase, in words.
const MAX_WORDS: usize = 12;

/// A word with the punctuation around it: a phrase does not cross that.
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    lower: String,
    /// Punctuation between this word and the next.
    closes: bool,
    /// Punctuation between the previous word and this one.
    opens: bool,
    /// A quotation closes right before this word.
    after_quote: bool,
    /// A comma right after the word.
    comma_after: bool,
}

impl Word<'_> {
    fn capitalised(&self) -> bool {
        self.text.starts_with(|c: char| c.is_uppercase())
    }
    fn is(&self, list: &[&str]) -> bool {
        list.contains(&self.lower.as_str())
    }
}

/// A word without the punctuation at its edges; a plural possessive
/// keeps its apostrophe (`Bishops' Conference`).
fn trim(text: &str) -> &str {
    let text = text.trim_start_matches(['.', '-', '\'', '’']).trim_end_matches(['.', '-']);
    match text.strip_suffix(['\'', '’']) {
        Some(stem) if !stem.ends_with(['s', 'S']) => stem,
        _ => text,
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&' | '#' | '@' | '.')
}

/// Words and whether punctuation separates them. Scraped text glues a
/// verb to a name with a dash (`Tedstone-said`), so a dash before a
/// reporting verb splits the word.
fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (at, c) in sentence.char_indices().chain(std::iter::once((sentence.len(), ' '))) {
        match (word_char(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                spans.extend(pieces(sentence, from, at));
                start = None;
            }
            _ => {}
        }
    }
    spans
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| {
            let gap_before = i.checked_sub(1).map_or(&sentence[..from], |p| &sentence[spans[p].1..from]);
            let gap_after = spans.get(i + 1).map_or(&sentence[to..], |n| &sentence[to..n.0]);
            let text = &sentence[from..to];
            // `Mr. Kelly`, `U.S. officials`: an abbreviation's period is no punctuation.
            let abbreviated = text.contains('.') || ABBREVIATIONS.contains(&text);
            let punctuated = |gap: &str, abbreviated: bool| {
                let gap = if abbreviated { gap.strip_prefix('.').unwrap_or(gap) } else { gap };
                gap.chars().any(|c| !c.is_whitespace())
            };
            let before_abbreviated = i.checked_sub(1).is_some_and(|p| {
                let previous = &sentence[spans[p].0..spans[p].1];
                previous.contains('.') || ABBREVIATIONS.contains(&previous)
            });
            Word {
                text,
                lower: text.to_lowercase(),
                closes: punctuated(gap_after, abbreviated),
                opens: punctuated(gap_before, before_abbreviated),
                after_quote: gap_before.contains(QUOTES),
                comma_after: gap_after.contains(',') && !gap_after.contains(QUOTES),
            }
        })
        .collect()
}

const QUOTES: [char; 5] = ['"', '”', '“', '»', '«'];

/// Titles whose period does not end anything.
const ABBREVIATIONS: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "St", "Prof", "Jr"];

/// The words in a run of word characters, trimmed of edge punctuation.
/// Scraped text glues words with `.-` (`year.- The bank`) and a verb to a
/// name with a dash (`Tedstone-said`); both split the run.
fn pieces(sentence: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let run = &sentence[from..to];
    let mut cuts = vec![from];
    for (at, _) in run.match_indices(".-") {
        cuts.push(from + at + 1);
    }
    if let Some(dash) =
        run.rfind('-').filter(|&dash| REPORTING_VERBS.contains(&run[dash + 1..].to_lowercase().as_str()))
    {
        cuts.push(from + dash + 1);
    }
    cuts.push(to);
    cuts.windows(2)
        .filter_map(|cut| {
            let piece = &sentence[cut[0]..cut[1]];
            let trimmed = trim(piece);
            let start = cut[0] + piece.find(trimmed).unwrap_or(0);
            (!trimmed.is_empty()).then_some((start, start + trimmed.len()))
        })
        .collect()
}

/// The speaker of `sentence`, if an attribution phrase names one cleanly.
pub fn speaker(sentence: &str) -> Option<String> {
    let words = words(sentence);
    (0..words.len()).find_map(|at| speaker_at(&words, at))
}

/// The speaker bound to a marker at word `at`, if one is there.
fn speaker_at(words: &[Word], at: usize) -> Option<String> {
    let word = &words[at];
    if let Some(marker) = SOURCE_MARKERS.iter().find(|m| starts_with(&words[at..], m)) {
        return after(words, at + marker.len());
    }
    if let Some(&(_, particle)) = SPLIT_VERBS.iter().find(|(verb, _)| *verb == word.lower) {
        let end = (at + 1..words.len().min(at + MAX_WORDS)).find(|&i| words[i].lower == particle)?;
        let end = (at + 1..end).find(|&i| words[i].is(ADVERBS)).unwrap_or(end);
        return phrase(&words[at + 1..end]);
    }
    if !word.is(REPORTING_VERBS) {
        return None;
    }
    // `“…,” said X`: after a quotation the speaker follows the verb.
    if word.after_quote {
        return after(words, at + 1);
    }
    before(words, at)
}

fn starts_with(words: &[Word], marker: &[&str]) -> bool {
    words.len() >= marker.len() && words.iter().zip(marker).all(|(w, m)| w.lower == *m)
}

/// The phrase after `from`, up to punctuation or a clause word.
fn after(words: &[Word], from: usize) -> Option<String> {
    let mut from = from;
    // `laut Aussagen der X`, `nach Angaben von X`: the body follows.
    while from < words.len() && (words[from].is(DOCUMENTS) || matches!(words[from].lower.as_str(), "von")) {
        from += 1;
    }
    let mut end = from;
    while end < words.len() && end - from < MAX_WORDS {
        let word = &words[end];
        let stops = word.is(CLAUSE_WORDS)
            || word.is(ADVERBS)
            || is_verb_like(word)
            || leads_off_the_name(words, end)
            || ends_a_name(words, end);
        if end > from && (word.opens || stops) {
            break;
        }
        end += 1;
        if word.closes {
            break;
        }
    }
    phrase(&words[from..end])
}

/// A preposition leads off the name unless a name follows it
/// (`officials in Kessaran`, not `Ashdale in January`).
fn leads_off_the_name(words: &[Word], at: usize) -> bool {
    let name_at = |i: usize| words.get(i).is_some_and(|w| w.capitalised() && !is_calendar_word(&w.lower));
    let article = words.get(at + 1).is_some_and(|w| w.is(INNER_WORDS));
    words[at].is(PREPOSITIONS) && !name_at(at + 1) && !(article && name_at(at + 2))
}

/// After a name, a lowercase word that no name follows is the clause's
/// verb (`Innenministerium wurden 16 …`); a number is never a name.
fn ends_a_name(words: &[Word], at: usize) -> bool {
    let word = &words[at];
    let follows_a_name = at > 0 && words[at - 1].capitalised();
    let name_follows = words.get(at + 1).is_some_and(|next| next.capitalised() || next.is(INNER_WORDS));
    word.text.starts_with(|c: char| c.is_ascii_digit())
        || (follows_a_name && !word.capitalised() && !word.is(INNER_WORDS) && !word.is(SPEAKER_NOUNS) && !name_follows)
}

fn is_verb_like(word: &Word) -> bool {
    !word.capitalised()
        && !word.text.contains('-')
        && (word.lower.ends_with("ed") || word.lower.ends_with("ing"))
        && !SPEAKER_NOUNS.contains(&word.lower.as_str())
}

/// The phrase ending right before the verb at `verb`: back over adverbs,
/// then back to punctuation or a clause word. An appositive between
/// commas (`Jane Roe, the bank's chief, said`) gives way to the name
/// before it.
fn before(words: &[Word], verb: usize) -> Option<String> {
    let mut end = verb;
    while end > 0
        && !words[end - 1].closes
        && (words[end - 1].is(ADVERBS) || !words[end - 1].capitalised() && words[end - 1].text.ends_with("ly"))
    {
        end -= 1;
    }
    if end == 0 || words[end - 1].is(PASSIVE) {
        return None;
    }
    if words[end - 1].closes {
        // An appositive or relative clause closes right before the verb.
        if !words[end - 1].comma_after {
            return None;
        }
        let appositive = segment_start(words, end - 1);
        if appositive == 0 || words[appositive].opens && !words[appositive - 1].closes {
            return None;
        }
        let named = backward(words, appositive);
        return named.or_else(|| phrase(&words[appositive..end]));
    }
    if words[end - 1].lower == "who" {
        return backward(words, end - 1);
    }
    backward(words, end)
}

/// Where the comma-bounded segment ending at word `last` starts.
fn segment_start(words: &[Word], last: usize) -> usize {
    (0..last).rev().find(|&i| words[i].closes).map_or(0, |i| i + 1)
}

/// The name ending right before word `end`, back to punctuation or a
/// clause word.
fn backward(words: &[Word], end: usize) -> Option<String> {
    let mut start = end;
    while start > 0 && end - start < MAX_WORDS {
        let at = start - 1;
        let word = &words[at];
        // `met with Brian Murphy`: a preposition after a lowercase word
        // that names no one belongs to the clause, not the speaker.
        let leads_in = word.is(PREPOSITIONS)
            && at.checked_sub(1).is_some_and(|p| {
                let previous = &words[p];
                !previous.closes && !previous.capitalised() && !previous.is(SPEAKER_NOUNS) && !previous.is(INNER_WORDS)
            });
        if start < end && word.closes || breaks_a_name(words, at) || word.is(PRONOUNS) || leads_in {
            break;
        }
        start -= 1;
        if word.opens {
            break;
        }
    }
    // A phrase cut off at a verb starts with its own words: drop
    // prepositions left at its front (`met with Brian Murphy`).
    while start < end && words[start].is(PREPOSITIONS) {
        start += 1;
    }
    phrase(&words[start..end])
}

/// Whether the word at `at` cannot sit inside a speaker's name: a clause
/// word (but `and` between names: `Bus and Rail Union`), a verb, a number.
fn breaks_a_name(words: &[Word], at: usize) -> bool {
    let word = &words[at];
    let joins_names = word.lower == "and"
        && at > 0
        && words[at - 1].capitalised()
        && !words[at - 1].closes
        && words.get(at + 1).is_some_and(Word::capitalised);
    (word.is(CLAUSE_WORDS) && !joins_names) || is_verb_like(word) || word.text.contains(|c: char| c.is_ascii_digit())
}

/// The words as a speaker, if they are one: a noun phrase whose head is a
/// name or a word for a person, office or body. A document (`a report by
/// X`) gives the body behind it.
fn phrase(words: &[Word]) -> Option<String> {
    let mut words = words;
    while words.first().is_some_and(|w| w.is(CLAUSE_WORDS)) {
        words = &words[1..];
    }
    let clean = |(i, w): (usize, &Word)| !w.is(PRONOUNS) && !breaks_a_name(words, i);
    if words.is_empty() || words.len() > MAX_WORDS || !words.iter().enumerate().all(clean) {
        return None;
    }
    let head_end = words.iter().skip(1).position(|w| w.is(PREPOSITIONS)).map_or(words.len(), |i| i + 1);
    let head = &words[head_end - 1];
    if head.is(DOCUMENTS) {
        let body = words.iter().position(|w| matches!(w.lower.as_str(), "by" | "from" | "von"))?;
        return phrase(&words[body + 1..]);
    }
    let lone_article = words.len() == 1 && words[0].is(INNER_WORDS);
    let names =
        head.capitalised() || head.is(SPEAKER_NOUNS) || words.iter().any(|w| w.capitalised() && !w.is(INNER_WORDS));
    if lone_article || !names || words.last().is_some_and(|w| w.is(INNER_WORDS)) {
        return None;
    }
    Some(words.iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod body_tests {
    use super::is_body;

    #[test]
    fn bodies_are_told_from_people() {
        for body in [
            "the Pentagon",
            "Ministry of Defence",
            "The ministry",
            "das Verteidigungsministerium",
            "die Bundesregierung",
            "the White House",
            "Iran",
            "the EU",
            "Sicherheitsrat",
            "the Interior Ministry",
            "Kessaran's government",
        ] {
            assert!(is_body(body), "{body}");
        }
        for person in [
            "Halim Serov",
            "officials in Kessaran",
            "Regierungsvertreter in Kessaran",
            "Regierungssprecherin Lena Vogt",
            "a spokesman for the Ministry of Defence",
            "US officials",
            "Defence Minister Ben Wallace",
            "Murat",
        ] {
            assert!(!is_body(person), "{person}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::speaker;

    fn says(sentence: &str) -> Option<String> {
        speaker(sentence)
    }

    #[test]
    fn said_after_the_quote() {
        assert_eq!(
            says("“We will leave by March,” said Defence Minister Hal Orrin."),
            Some("Defence Minister Hal Orrin".into())
        );
    }

    #[test]
    fn name_before_said() {
        assert_eq!(says("General Ada Brandt said the last convoy left on Tuesday."), Some("General Ada Brandt".into()));
        assert_eq!(says("The ministry said 2,500 soldiers remain."), Some("The ministry".into()));
    }

    #[test]
    fn sagte_after_the_quote() {
        assert_eq!(
            says("„Wir ziehen bis März ab“, sagte Verteidigungsminister Orrin am Montag."),
            Some("Verteidigungsminister Orrin".into())
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            says("According to the Valdorian army, 40 posts were handed over."),
            Some("the Valdorian army".into())
        );
    }

    #[test]
    fn nach_angaben_von() {
        assert_eq!(
            says("Nach Angaben von Regierungssprecherin Lena Vogt sind 2.500 Soldaten im Land."),
            Some("Regierungssprecherin Lena Vogt".into())
        );
        assert_eq!(
            says("Nach Angaben der Vereinten Nationen flohen 300 Familien."),
            Some("der Vereinten Nationen".into())
        );
    }

    #[test]
    fn a_place_or_body_after_in_belongs_to_the_speaker() {
        assert_eq!(
            says("The coalition has 2,500 troops, according to officials in Kessaran."),
            Some("officials in Kessaran".into())
        );
        assert_eq!(says("“We stay,” said Ashdale in January."), Some("Ashdale".into()));
    }

    #[test]
    fn laut() {
        assert_eq!(says("Laut Innenministerium wurden 16 Mitglieder festgenommen."), Some("Innenministerium".into()));
    }

    #[test]
    fn teilte_mit() {
        assert_eq!(
            says("Das teilte das Verteidigungsministerium am Montag mit."),
            Some("das Verteidigungsministerium".into())
        );
    }

    #[test]
    fn pronouns_and_unattributed_sentences_give_nothing() {
        assert_eq!(says("“It is over,” he said."), None);
        assert_eq!(says("The convoy left the base at dawn."), None);
        assert_eq!(says("Die Soldaten verlassen das Land."), None);
    }

    /// The fragments of issue 13: a clause or a preposition is no speaker.
    #[test]
    fn fragments_are_never_speakers() {
        assert_eq!(
            says("The attack was carried out by Iran-backed militant groups in Iraq, the Pentagon said."),
            Some("the Pentagon".into())
        );
        assert_eq!(says("Das sagte ein Sprecher der USA von gestern."), None);
        assert_eq!(says("The court was told the money was gone."), None);
        assert_eq!(says("He is said to have left."), None);
    }

    #[test]
    fn appositives_give_way_to_the_name() {
        assert_eq!(says("Jane Roe, the bank's chief economist, said rates would rise."), Some("Jane Roe".into()));
        assert_eq!(
            says("The source, who spoke on condition of anonymity, said 13 others face trial."),
            Some("The source".into())
        );
    }

    #[test]
    fn a_report_gives_the_body_behind_it() {
        assert_eq!(says("Prices rose, according to the report."), None);
        assert_eq!(
            says("Prices rose, according to a study by the University of Kessaran."),
            Some("the University of Kessaran".into())
        );
    }
}
