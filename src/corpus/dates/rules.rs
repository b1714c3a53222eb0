//! The word tables behind date finding, English and German side by side:
//! month and weekday names, relative-date words, date prepositions, the
//! words that mark a number as a count, and the tense cue words.
//!
//! One matcher serves both languages; only these tables know the language.

use super::{Lang, Tense, Unit};
use chrono::Weekday;
use std::sync::LazyLock;

/// What a word can do in a date expression. A word may have several roles
/// (`Jahr` is a unit and introduces a year; `vor` is a preposition and `ago`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A month name; `abbrev` names need a dot or a number after them.
    Month {
        month: u32,
        abbrev: bool,
    },
    Weekday(Weekday),
    /// `today` 0, `gestern` -1, ...; `noun_homonym` for `morgen`, which is
    /// also the noun `Morgen` (morning).
    DayWord {
        offset: i32,
        noun_homonym: bool,
    },
    /// Number words that count units in `two weeks ago`, `vor einem Monat`.
    Count(u32),
    /// Counts with a half, in halves: `anderthalb` is 3.
    Halves(u32),
    /// `and` / `half` of English `one and a half`.
    And,
    Half,
    /// A time unit; `plural` forms (`Wochen`) never follow `last`/`letzte`,
    /// so `in den letzten Jahren` is not `last year`.
    Unit {
        unit: Unit,
        plural: bool,
    },
    /// `last`/`vergangene` -1, `this`/`diese` 0, `next`/`kommende` +1.
    Shift(i32),
    /// Introduces a date (`in`, `seit`, `bis`, `Anfang`); some say the
    /// tense (`seit`: past).
    Prep(Option<Tense>),
    /// A preposition that leans to a tense when the clause says nothing
    /// (`bis`, `by`: future; but `was in office until 2016` is past).
    Leans(Tense),
    /// A word that opens a clause (`that`, `which`, `dass`, `weil`).
    ClauseStart,
    /// `be`, `is`, `to`: an `-ed` form after them is a participle.
    PassiveAux,
    /// `Jahr`, `year`: `im Jahr 2003`.
    YearWord,
    /// Articles skipped between a preposition and the date (`in der ...`).
    Article,
    /// English `ago`, after the amount.
    Ago,
    /// German `vor`, before the amount (`vor zwei Wochen`).
    Vor,
    /// `rund`, `about`: allowed inside `vor rund einem Monat`; before a
    /// four-digit number they make it a count, not a year.
    Approx,
    /// `more`, `mehr`: with `than`/`als` after them the number is a count.
    Comparative,
    Than,
    /// A noun that makes the number before it a count (`2011 Soldaten`).
    CountNoun,
    /// A noun naming a future target (`deadline`, `Frist`): `a year before
    /// the deadline` is dated by it.
    TargetNoun,
    /// `before`/`vor`/`Ablauf`: what links an amount of time to a target.
    Before,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("januar", 1),
    ("jänner", 1),
    ("jaenner", 1),
    ("february", 2),
    ("februar", 2),
    ("feber", 2),
    ("march", 3),
    ("märz", 3),
    ("maerz", 3),
    ("april", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juni", 6),
    ("july", 7),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("dezember", 12),
];

const MONTH_ABBREVS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("mär", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
    ("dez", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("montag", Weekday::Mon),
    ("dienstag", Weekday::Tue),
    ("mittwoch", Weekday::Wed),
    ("donnerstag", Weekday::Thu),
    ("freitag", Weekday::Fri),
    ("samstag", Weekday::Sat),
    ("sonnabend", Weekday::Sat),
    ("sonntag", Weekday::Sun),
];

/// Whether a lower-case word is a month (or its abbreviation) or a
/// weekday in English or German: a time, never a name or a place.
pub fn is_calendar_word(lower: &str) -> bool {
    MONTHS.iter().chain(MONTH_ABBREVS).any(|(w, _)| *w == lower) || WEEKDAYS.iter().any(|(w, _)| *w == lower)
}

/// Parts of the day glued to a German weekday (`Montagabend`).
const DAY_PARTS: &[&str] = &["abend", "morgen", "vormittag", "nachmittag", "mittag", "nacht"];

const DAY_WORDS: &[(&str, i32)] = &[
    ("today", 0),
    ("heute", 0),
    ("yesterday", -1),
    ("gestern", -1),
    ("tomorrow", 1),
    ("vorgestern", -2),
    ("übermorgen", 2),
];

const COUNTS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("ein", 1),
    ("eine", 1),
    ("einem", 1),
    ("einen", 1),
    ("einer", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
];

/// Counts with a half, in halves (`vor anderthalb Jahren`).
const HALF_COUNTS: &[(&str, u32)] = &[("anderthalb", 3), ("eineinhalb", 3), ("zweieinhalb", 5)];

/// Units with their singular and plural forms.
const UNITS: &[(Unit, &[&str], &[&str])] = &[
    (Unit::Day, &["day", "tag"], &["days", "tage", "tagen"]),
    (Unit::Week, &["week", "woche"], &["weeks", "wochen"]),
    (Unit::Month, &["month", "monat"], &["months", "monate", "monaten"]),
    (Unit::Year, &["year", "jahr"], &["years", "jahre", "jahren"]),
];

/// English shift words, then German stems that take adjective endings.
const SHIFTS: &[(&str, i32)] = &[("last", -1), ("past", -1), ("this", 0), ("next", 1), ("coming", 1)];
const SHIFT_STEMS: &[(&str, i32)] =
    &[("letzt", -1), ("vergangen", -1), ("vorig", -1), ("dies", 0), ("nächst", 1), ("naechst", 1), ("kommend", 1)];
const ADJECTIVE_ENDINGS: &[&str] = &["e", "en", "es", "er", "em"];

const PREPS: &[(&str, Option<Tense>)] = &[
    ("on", None),
    ("in", None),
    ("of", None),
    ("from", None),
    ("during", None),
    ("early", None),
    ("late", None),
    ("mid", None),
    ("before", None),
    ("after", None),
    ("since", Some(Tense::Past)),
    ("by", None),
    ("until", None),
    ("till", None),
    ("am", None),
    ("im", None),
    ("vom", None),
    ("von", None),
    ("ab", None),
    ("zum", None),
    ("nach", None),
    ("anfang", None),
    ("ende", None),
    ("mitte", None),
    ("vor", None),
    ("seit", Some(Tense::Past)),
    ("bis", None),
];

/// Words after which an `-ed` form is a participle, not a past tense.
const PASSIVE_AUX: &[&str] = &["be", "being", "is", "are", "am", "to", "get", "gets"];

/// Prepositions that lean to the future when the clause has no cue.
const LEANING_FUTURE: &[&str] = &["by", "until", "till", "bis"];

/// Words that open a clause: the tense of a date is its clause's.
const CLAUSE_STARTS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "if", "because", "while", "whereas", "although",
    "though", "and", "but", "dass", "weil", "wenn", "ob", "nachdem", "bevor", "obwohl", "während", "und", "aber",
    "doch", "jedoch", "sondern",
];

const TARGET_NOUNS: &[&str] = &["deadline", "target", "frist", "stichtag", "zieldatum"];
/// Words between an amount and its target: `before the`, `vor Ablauf der`.
const BEFORE_WORDS: &[&str] = &["before", "vor", "ablauf"];
const YEAR_WORDS: &[&str] = &["year", "jahr", "jahres"];
const ARTICLES: &[&str] = &["the", "der", "dem", "den", "des"];
const APPROX: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "some",
    "over",
    "under",
    "rund",
    "etwa",
    "knapp",
    "fast",
    "gut",
    "ungefähr",
    "circa",
    "ca",
    "über",
    "unter",
];
const COMPARATIVES: &[&str] = &["more", "less", "fewer", "mehr", "weniger"];
const THAN: &[&str] = &["than", "als"];
const COUNT_NOUNS: &[&str] = &[
    "soldiers",
    "troops",
    "people",
    "hours",
    "minutes",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "dollars",
    "euros",
    "euro",
    "members",
    "percent",
    "tonnes",
    "tons",
    "meters",
    "metres",
    "barrels",
    "refugees",
    "cases",
    "deaths",
    "dead",
    "votes",
    "soldaten",
    "menschen",
    "stunden",
    "minuten",
    "kilometer",
    "dollar",
    "mitglieder",
    "mitgliedern",
    "tote",
    "toten",
    "personen",
    "einwohner",
    "prozent",
    "tonnen",
    "meter",
    "fässer",
    "flüchtlinge",
    "fälle",
    "stimmen",
];

/// Tense cue words looked for in the sentence around a mention; the
/// nearest one wins (see `tense.rs`). `by`/`bis`/`since`/`seit` are not
/// here: they only count right before the date (prepositions above). Each
/// language has its own list: German `will` means "wants", English `war`
/// is a noun. A modal (`would`, `could`, `würde`) is a cue for neither
/// past nor future (`Unknown`): `said he would step down on March 20`
/// must not take its tense from `said`.
const EN_TENSE_CUES: &[(&str, Tense)] = &[
    ("would", Tense::Unknown),
    ("could", Tense::Unknown),
    ("might", Tense::Unknown),
    ("should", Tense::Unknown),
    ("must", Tense::Unknown),
    ("may", Tense::Unknown),
    ("expects", Tense::Future),
    ("expect", Tense::Future),
    ("aims", Tense::Future),
    ("intends", Tense::Future),
    ("hopes", Tense::Future),
    ("projected", Tense::Future),
    ("predicted", Tense::Future),
    ("forecast", Tense::Future),
    ("will", Tense::Future),
    ("shall", Tense::Future),
    ("planned", Tense::Future),
    ("scheduled", Tense::Future),
    ("expected", Tense::Future),
    ("due", Tense::Future),
    ("deadline", Tense::Future),
    ("upcoming", Tense::Future),
    ("next", Tense::Future),
    ("said", Tense::Past),
    ("told", Tense::Past),
    ("was", Tense::Past),
    ("were", Tense::Past),
    ("had", Tense::Past),
    ("did", Tense::Past),
    ("ago", Tense::Past),
    ("last", Tense::Past),
    // Irregular past forms the `-ed` rule misses (it skips `-eed` words
    // like `need`, and with them `agreed`).
    ("agreed", Tense::Past),
    ("began", Tense::Past),
    ("broke", Tense::Past),
    ("met", Tense::Past),
    ("took", Tense::Past),
    ("went", Tense::Past),
    ("came", Tense::Past),
    ("gave", Tense::Past),
    ("held", Tense::Past),
    ("left", Tense::Past),
    ("made", Tense::Past),
    ("sent", Tense::Past),
    ("spoke", Tense::Past),
    ("wrote", Tense::Past),
    ("won", Tense::Past),
    ("lost", Tense::Past),
    ("led", Tense::Past),
    ("fought", Tense::Past),
    ("found", Tense::Past),
    ("thought", Tense::Past),
    ("brought", Tense::Past),
    ("bought", Tense::Past),
    ("caught", Tense::Past),
    ("sought", Tense::Past),
    ("taught", Tense::Past),
    ("fell", Tense::Past),
    ("felt", Tense::Past),
    ("kept", Tense::Past),
    ("knew", Tense::Past),
    ("paid", Tense::Past),
    ("ran", Tense::Past),
    ("rose", Tense::Past),
    ("saw", Tense::Past),
    ("shot", Tense::Past),
    ("sold", Tense::Past),
    ("stood", Tense::Past),
    ("struck", Tense::Past),
    ("became", Tense::Past),
    ("chose", Tense::Past),
    ("drew", Tense::Past),
    ("drove", Tense::Past),
    ("flew", Tense::Past),
    ("fled", Tense::Past),
    ("got", Tense::Past),
    ("grew", Tense::Past),
    ("heard", Tense::Past),
    ("meant", Tense::Past),
    ("spent", Tense::Past),
    ("threw", Tense::Past),
    ("built", Tense::Past),
    ("withdrew", Tense::Past),
    ("arose", Tense::Past),
    ("froze", Tense::Past),
    ("swore", Tense::Past),
    ("tore", Tense::Past),
    ("yesterday", Tense::Past),
    ("is", Tense::Present),
    ("are", Tense::Present),
    ("now", Tense::Present),
    ("currently", Tense::Present),
];

const DE_TENSE_CUES: &[(&str, Tense)] = &[
    ("würde", Tense::Unknown),
    ("würden", Tense::Unknown),
    ("könnte", Tense::Unknown),
    ("könnten", Tense::Unknown),
    ("dürfte", Tense::Unknown),
    ("dürften", Tense::Unknown),
    ("müsste", Tense::Unknown),
    ("werde", Tense::Future),
    ("solle", Tense::Future),
    ("voraussichtlich", Tense::Future),
    ("schrieb", Tense::Past),
    ("schrieben", Tense::Past),
    ("nannte", Tense::Past),
    ("stand", Tense::Past),
    ("ging", Tense::Past),
    ("fiel", Tense::Past),
    ("starb", Tense::Past),
    ("lag", Tense::Past),
    ("rief", Tense::Past),
    ("trat", Tense::Past),
    ("blieb", Tense::Past),
    ("erhielt", Tense::Past),
    ("gewann", Tense::Past),
    ("beschloss", Tense::Past),
    ("entschied", Tense::Past),
    ("meldete", Tense::Past),
    ("kündigte", Tense::Past),
    ("forderte", Tense::Past),
    ("warnte", Tense::Past),
    ("bestätigte", Tense::Past),
    ("unterzeichnete", Tense::Past),
    ("erklärten", Tense::Past),
    ("begannen", Tense::Past),
    ("wird", Tense::Future),
    ("werden", Tense::Future),
    ("soll", Tense::Future),
    ("sollen", Tense::Future),
    ("sollte", Tense::Future),
    ("plant", Tense::Future),
    ("planen", Tense::Future),
    ("geplant", Tense::Future),
    ("frist", Tense::Future),
    // Simple past forms common in news.
    ("kam", Tense::Past),
    ("kamen", Tense::Past),
    ("gab", Tense::Past),
    ("traf", Tense::Past),
    ("trafen", Tense::Past),
    ("zog", Tense::Past),
    ("zogen", Tense::Past),
    ("brach", Tense::Past),
    ("fand", Tense::Past),
    ("hielt", Tense::Past),
    ("sprach", Tense::Past),
    ("sagte", Tense::Past),
    ("sagten", Tense::Past),
    ("hatte", Tense::Past),
    ("hatten", Tense::Past),
    ("war", Tense::Past),
    ("waren", Tense::Past),
    ("wurde", Tense::Past),
    ("wurden", Tense::Past),
    ("erklärte", Tense::Past),
    ("betonte", Tense::Past),
    ("teilte", Tense::Past),
    ("teilten", Tense::Past),
    // `zuletzt am 8. Juli`: the latest of past events.
    ("zuletzt", Tense::Past),
    ("berichtete", Tense::Past),
    ("begann", Tense::Past),
    ("gestern", Tense::Past),
    ("ist", Tense::Present),
    ("sind", Tense::Present),
    ("jetzt", Tense::Present),
    ("derzeit", Tense::Present),
    ("kommende", Tense::Future),
    ("kommenden", Tense::Future),
    ("nächste", Tense::Future),
    ("nächsten", Tense::Future),
];

/// Inseparable verb prefixes whose participles end in `-t` (`vereinbart`).
const PARTICIPLE_PREFIXES: &[&[u8]] = &[b"be", b"er", b"ver", b"ent", b"zer"];
/// A participle's `-t`, bare or with an adjective ending (`gebildeten`).
const PARTICIPLE_ENDINGS: &[&[u8]] = &[b"t", b"te", b"ten", b"tem", b"ter", b"tes"];

/// Words ending in `-ed` that are not past-tense verbs (`-eed` words like
/// `need`, `indeed` are excluded by their ending).
const NOT_PAST_ED: &[&str] = &["united", "hundred", "red", "bed", "shed", "sacred", "naked"];

impl Role {
    /// This role's kind as one bit of `Entry::flags`, payload aside.
    pub(super) const fn bit(self) -> u32 {
        let kind = match self {
            Role::Month { .. } => 0,
            Role::Weekday(_) => 1,
            Role::DayWord { .. } => 2,
            Role::Count(_) => 3,
            Role::Halves(_) => 4,
            Role::And => 5,
            Role::Half => 6,
            Role::Unit { .. } => 7,
            Role::Shift(_) => 8,
            Role::Prep(_) => 9,
            Role::YearWord => 10,
            Role::Article => 11,
            Role::Ago => 12,
            Role::Vor => 13,
            Role::Approx => 14,
            Role::Comparative => 15,
            Role::Than => 16,
            Role::CountNoun => 17,
            Role::TargetNoun => 18,
            Role::Before => 19,
            Role::Leans(_) => 20,
            Role::ClauseStart => 21,
            Role::PassiveAux => 22,
        };
        1 << kind
    }
}

/// Everything the tables say about one word, looked up once per word when
/// the text is split into tokens.
#[derive(Debug)]
pub(super) struct Entry {
    /// The lowercased word, zero-padded (words never hold a NUL).
    key: Key,
    pub roles: Vec<Role>,
    /// The `Role::bit`s of `roles`, so rules test a role with one AND.
    pub flags: u32,
    /// The word's tense as an English cue and as a German one.
    en: Option<Tense>,
    de: Option<Tense>,
}

/// What every word outside the tables (and every number or mark) gets.
pub(super) static NO_ENTRY: Entry = Entry { key: [0; 3], roles: Vec::new(), flags: 0, en: None, de: None };

/// Longest word worth looking up; longer words are never in the tables.
const MAX_WORD: usize = 24;

/// A lowercased word of at most `MAX_WORD` bytes as three zero-padded
/// little-endian words: hashed and compared without touching bytes again.
type Key = [u64; 3];

/// Open addressing over a power-of-two slot table kept mostly empty, so
/// that the usual miss (a word in no table) costs one probe.
const SLOT_BITS: u32 = 12;

/// The word tables merged into one hash table keyed by lowercased word.
struct Lexicon {
    /// Index into `entries` plus one; 0 marks an empty slot.
    slots: Vec<u16>,
    entries: Vec<Entry>,
}

impl Lexicon {
    fn slot(key: &Key) -> usize {
        let mixed = key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42);
        (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOT_BITS)) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn find(&self, key: &Key) -> usize {
        let mask = self.slots.len() - 1;
        let mut s = Self::slot(key);
        loop {
            match self.slots[s] {
                0 => return s,
                e if self.entries[usize::from(e) - 1].key == *key => return s,
                _ => s = (s + 1) & mask,
            }
        }
    }

    fn get(&self, key: &Key) -> Option<&Entry> {
        match self.slots[self.find(key)] {
            0 => None,
            e => Some(&self.entries[usize::from(e) - 1]),
        }
    }

    /// The entry for `word`, added empty when new.
    fn entry(&mut self, word: &str) -> &mut Entry {
        let key = key_of(word).unwrap_or_else(|| panic!("table word {word:?} longer than {MAX_WORD} bytes"));
        let s = self.find(&key);
        if self.slots[s] == 0 {
            self.entries.push(Entry { key, roles: Vec::new(), flags: 0, en: None, de: None });
            self.slots[s] = u16::try_from(self.entries.len()).expect("a few hundred table words");
        }
        let e = usize::from(self.slots[s]) - 1;
        &mut self.entries[e]
    }

    fn add(&mut self, word: &str, role: Role) {
        let entry = self.entry(word);
        entry.roles.push(role);
        entry.flags |= role.bit();
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(build_lexicon);

fn build_lexicon() -> Lexicon {
    let mut lex = Lexicon { slots: vec![0; 1 << SLOT_BITS], entries: Vec::new() };
    for &(w, month) in MONTHS {
        lex.add(w, Role::Month { month, abbrev: false });
    }
    for &(w, month) in MONTH_ABBREVS {
        lex.add(w, Role::Month { month, abbrev: true });
    }
    for &(w, day) in WEEKDAYS {
        lex.add(w, Role::Weekday(day));
    }
    for &(w, offset) in DAY_WORDS {
        lex.add(w, Role::DayWord { offset, noun_homonym: false });
    }
    lex.add("morgen", Role::DayWord { offset: 1, noun_homonym: true });
    for &(w, n) in COUNTS {
        lex.add(w, Role::Count(n));
    }
    for &(w, n) in HALF_COUNTS {
        lex.add(w, Role::Halves(n));
    }
    lex.add("and", Role::And);
    lex.add("half", Role::Half);
    for &(unit, singular, plural) in UNITS {
        for w in singular {
            lex.add(w, Role::Unit { unit, plural: false });
        }
        for w in plural {
            lex.add(w, Role::Unit { unit, plural: true });
        }
    }
    for &(w, shift) in SHIFTS {
        lex.add(w, Role::Shift(shift));
    }
    for &(stem, shift) in SHIFT_STEMS {
        for ending in ADJECTIVE_ENDINGS {
            lex.add(&format!("{stem}{ending}"), Role::Shift(shift));
        }
    }
    for &(w, tense) in PREPS {
        lex.add(w, Role::Prep(tense));
    }
    lex.add("vor", Role::Vor);
    for w in LEANING_FUTURE {
        lex.add(w, Role::Leans(Tense::Future));
    }
    lex.add("ago", Role::Ago);
    for (words, role) in [
        (YEAR_WORDS, Role::YearWord),
        (ARTICLES, Role::Article),
        (APPROX, Role::Approx),
        (COMPARATIVES, Role::Comparative),
        (THAN, Role::Than),
        (COUNT_NOUNS, Role::CountNoun),
        (TARGET_NOUNS, Role::TargetNoun),
        (BEFORE_WORDS, Role::Before),
        (CLAUSE_STARTS, Role::ClauseStart),
        (PASSIVE_AUX, Role::PassiveAux),
    ] {
        for w in words {
            lex.add(w, role);
        }
    }
    // `Montagabend`, `Donnerstagmorgen`: a weekday glued to a part of the
    // day plays the weekday's roles. Listed in full so that lookup stays a
    // single probe instead of trying every suffix on every word.
    for &(day, weekday) in WEEKDAYS {
        for part in DAY_PARTS {
            let entry = lex.entry(&format!("{day}{part}"));
            if entry.roles.is_empty() {
                entry.roles.push(Role::Weekday(weekday));
                entry.flags |= Role::Weekday(weekday).bit();
            }
        }
    }
    for &(w, t) in EN_TENSE_CUES {
        lex.entry(w).en = Some(t);
    }
    for &(w, t) in DE_TENSE_CUES {
        lex.entry(w).de = Some(t);
    }
    lex
}

/// The lookup key of `word`: lowercased, packed into three words; `None`
/// when too long for any table.
///
/// Lowercasing handles ASCII and the Latin-1 capitals (`Ä`, `Ö`, `Ü`, `É`),
/// which is all the tables hold; other letters are kept as they are and
/// simply match nothing.
fn key_of(word: &str) -> Option<Key> {
    let bytes = word.as_bytes();
    let mut buf = [0u8; MAX_WORD];
    buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
    let mut key = pack(&buf);
    if (key[0] | key[1] | key[2]) & 0x8080_8080_8080_8080 == 0 {
        // Words are letters only, so an ASCII word lowercases by setting
        // bit 5 of each of its bytes (and none of the zero padding).
        for (k, part) in key.iter_mut().enumerate() {
            let len = bytes.len().saturating_sub(8 * k).min(8);
            *part |= u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0) & 0x2020_2020_2020_2020;
        }
        return Some(key);
    }
    let mut after_c3 = false;
    for b in &mut buf[..bytes.len()] {
        // U+00C0..U+00DE (except ×) are `C3 80..9E`; lowercase is `+ 0x20`.
        let latin1_capital = after_c3 && (0x80..=0x9e).contains(b) && *b != 0x97;
        after_c3 = *b == 0xc3;
        *b = if latin1_capital { *b + 0x20 } else { b.to_ascii_lowercase() };
    }
    Some(pack(&buf))
}

fn pack(buf: &[u8; MAX_WORD]) -> Key {
    let chunk = |k: usize| {
        let mut c = [0u8; 8];
        c.copy_from_slice(&buf[8 * k..8 * k + 8]);
        u64::from_le_bytes(c)
    };
    [chunk(0), chunk(1), chunk(2)]
}

/// What the tables say about `word`, case-insensitively; `NO_ENTRY` for
/// most words.
pub(super) fn lookup(word: &str) -> &'static Entry {
    let Some(key) = key_of(word) else {
        return &NO_ENTRY;
    };
    LazyLock::force(&LEXICON).get(&key).unwrap_or(&NO_ENTRY)
}

/// The roles a word can play, case-insensitively; empty for most words.
#[cfg(test)]
fn roles(word: &str) -> &'static [Role] {
    &lookup(word).roles
}

/// The tense a word signals, looked up afresh (tokens carry their entry).
#[cfg(test)]
fn tense_cue(word: &str, lang: Lang) -> Option<Tense> {
    cue_of(word, lookup(word), lang)
}

/// The tense `word`, whose table entry is `entry`, signals in text of
/// language `lang` (both lists for an unknown language): table words
/// first, then English `-ed` past forms and German `ge-...-t` participles.
pub(super) fn cue_of(word: &str, entry: &Entry, lang: Lang) -> Option<Tense> {
    // A capitalised month is a name (`May`), not the modal `may`.
    if entry.flags & (Role::Month { month: 0, abbrev: false }).bit() != 0
        && word.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let english = lang != Lang::De;
    let german = lang != Lang::En;
    let cue = entry.en.filter(|_| english).or(entry.de.filter(|_| german));
    if cue.is_some() {
        return cue;
    }
    // The endings are ASCII, and lowercasing never maps a non-ASCII byte to
    // ASCII, so ASCII case-insensitive checks on the word itself suffice.
    let lower = word.as_bytes();
    let ends =
        |suffix: &[u8]| lower.len() >= suffix.len() && lower[lower.len() - suffix.len()..].eq_ignore_ascii_case(suffix);
    let past_ed = english
        && (5..=MAX_WORD).contains(&lower.len())
        && ends(b"ed")
        && !ends(b"eed")
        && !NOT_PAST_ED.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(lower));
    // `gesagt`, and the participles of verbs with an inseparable prefix,
    // also as adjectives (`die im August 2023 vereinbarte Kommission`).
    let starts = |prefix: &[u8]| lower.len() >= prefix.len() && lower[..prefix.len()].eq_ignore_ascii_case(prefix);
    let participle_ending = PARTICIPLE_ENDINGS.iter().any(|e| ends(e));
    let participle = german
        && (7..=MAX_WORD).contains(&lower.len())
        && participle_ending
        && (starts(b"ge") || (lower.len() >= 8 && PARTICIPLE_PREFIXES.iter().any(|p| starts(p))));
    (past_ed || participle).then_some(Tense::Past)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_finds_several_roles() {
        assert!(roles("MÄRZ").contains(&Role::Month { month: 3, abbrev: false }));
        let vor = roles("vor");
        assert!(vor.contains(&Role::Vor) && vor.contains(&Role::Prep(None)));
        assert!(roles("sagte").is_empty());
    }

    #[test]
    fn german_shift_words_take_adjective_endings() {
        assert_eq!(roles("vergangenen"), &[Role::Shift(-1)]);
        assert_eq!(roles("kommende"), &[Role::Shift(1)]);
        assert_eq!(roles("diesem"), &[Role::Shift(0)]);
    }

    #[test]
    fn weekday_glued_to_day_part() {
        assert_eq!(roles("Montagabend"), &[Role::Weekday(Weekday::Mon)]);
        assert!(roles("Feierabend").is_empty());
    }

    #[test]
    fn tense_cues_from_table_and_word_forms() {
        let any = Lang::Unknown;
        assert_eq!(tense_cue("will", any), Some(Tense::Future));
        assert_eq!(tense_cue("opened", any), Some(Tense::Past));
        assert_eq!(tense_cue("planned", any), Some(Tense::Future));
        assert_eq!(tense_cue("unterzeichnet", any), None);
        assert_eq!(tense_cue("getroffen", any), None);
        assert_eq!(tense_cue("gesetzt", any), Some(Tense::Past));
        assert_eq!(tense_cue("indeed", any), None);
        assert_eq!(tense_cue("United", any), None);
    }

    #[test]
    fn tense_cues_follow_the_language() {
        assert_eq!(tense_cue("will", Lang::De), None);
        assert_eq!(tense_cue("war", Lang::En), None);
        assert_eq!(tense_cue("War", Lang::De), Some(Tense::Past));
        assert_eq!(tense_cue("gesetzt", Lang::En), None);
        assert_eq!(tense_cue("Kommenden", Lang::De), Some(Tense::Future));
        assert_eq!(tense_cue("zuletzt", Lang::De), Some(Tense::Past));
    }
}
