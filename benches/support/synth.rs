//! A synthetic corpus generator for benchmarks: N articles in English and
//! German, in the shapes real scrapes have (headline, body paragraphs with
//! date mentions and numbers, boilerplate lines; some Markdown with front
//! matter). Deterministic for a given seed. Written to disk one file at a
//! time so generating 100k articles needs little memory.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

const EN_SENTENCES: &[&str] = &[
    "The coalition said on {weekday} that {num} soldiers would remain in {place} for now.",
    "Officials in {place} told reporters that talks on the future of the mission had resumed in {month}.",
    "According to {name}, the withdrawal could begin by {month} {year} at the earliest.",
    "The defence ministry said more than {small} bases had been handed over since {year}.",
    "{name} said the agreement signed on {month} {day}, {year} remained in force.",
    "Militias fired {small} rockets at a base near {place} last week, the military said.",
    "The government has insisted that the training mission is no longer needed.",
    "Diplomats expect the next round of talks to take place in {place} next month.",
    "Critics say a rapid exit would leave a security vacuum that armed groups could fill.",
    "The parliament voted in {year} to ask all foreign troops to leave the country.",
];

const DE_SENTENCES: &[&str] = &[
    "Die Koalition teilte am {wochentag} mit, dass vorerst {num} Soldaten in {place} bleiben sollen.",
    "Vertreter in {place} sagten, die Gespräche über die Zukunft der Mission seien im {monat} wieder aufgenommen worden.",
    "Nach Angaben von {name} könnte der Abzug frühestens im {monat} {year} beginnen.",
    "Das Verteidigungsministerium erklärte, seit {year} seien mehr als {small} Stützpunkte übergeben worden.",
    "{name} sagte, die am {day}. {monat} {year} unterzeichnete Vereinbarung gelte weiterhin.",
    "Milizen feuerten letzte Woche {small} Raketen auf einen Stützpunkt bei {place}, teilte das Militär mit.",
    "Die Regierung besteht darauf, dass die Ausbildungsmission nicht mehr gebraucht werde.",
    "Diplomaten erwarten die nächste Verhandlungsrunde im kommenden Monat in {place}.",
    "Kritiker warnen, ein schneller Abzug könne ein Sicherheitsvakuum hinterlassen.",
    "Das Parlament stimmte {year} dafür, alle ausländischen Truppen zum Abzug aufzufordern.",
];

const EN_TITLES: &[&str] = &[
    "Coalition to keep {num} troops in {place} as talks resume",
    "{name} says withdrawal from {place} could start in {month}",
    "Rocket attack near {place} raises pressure on talks",
    "Talks on ending the mission in {place} enter new phase",
];

const DE_TITLES: &[&str] = &[
    "Koalition will {num} Soldaten in {place} belassen",
    "{name}: Abzug aus {place} könnte im {monat} beginnen",
    "Raketenangriff bei {place} erhöht den Druck auf die Gespräche",
    "Gespräche über das Ende der Mission in {place} gehen weiter",
];

const BOILERPLATE: &[&str] = &[
    "Follow The Harbour Courier on Google News",
    "Leave a Reply",
    "Mehr zum Thema – Verhandlungen über die Zukunft der Mission",
    "(Reporting by Ana Reyes; Editing by Tom Hale)",
    "source-120",
];

const PLACES: &[&str] = &["Valdoria", "Port Amsel", "Kerrin", "Ostmark", "Lisvale", "Tarn"];
const NAMES: &[&str] = &["Mara Lind", "Oskar Veit", "Jonas Kerr", "Elif Aydin", "Paul Brandt", "Sana Idris"];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_DE: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const WEEKDAYS_EN: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const WEEKDAYS_DE: &[&str] = &["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];

/// A small deterministic generator (splitmix64): benchmarks need the same
/// corpus in every run, and nothing here needs statistical quality.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { break };
        let slot = &rest[open + 1..open + close];
        let value = match slot {
            "num" => format!("{}", 500 + rng.below(4000)),
            "small" => format!("{}", 2 + rng.below(40)),
            "year" => format!("{}", 2014 + rng.below(12)),
            "day" => format!("{}", 1 + rng.below(28)),
            "place" => rng.pick(PLACES).to_string(),
            "name" => rng.pick(NAMES).to_string(),
            "month" => rng.pick(MONTHS_EN).to_string(),
            "monat" => rng.pick(MONTHS_DE).to_string(),
            "weekday" => rng.pick(WEEKDAYS_EN).to_string(),
            "wochentag" => rng.pick(WEEKDAYS_DE).to_string(),
            other => other.to_string(),
        };
        out.push_str(&value);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of article `index`: a headline, 6–14 paragraphs of 1–4
/// sentences, sometimes boilerplate at the end. Returns (is_german, text).
pub fn article_text(rng: &mut Rng) -> (bool, String) {
    let german = rng.below(2) == 0;
    let (titles, sentences) = if german { (DE_TITLES, DE_SENTENCES) } else { (EN_TITLES, EN_SENTENCES) };
    let mut text = fill(rng.pick(titles), rng);
    text.push_str("\n\n");
    for _ in 0..6 + rng.below(9) {
        for s in 0..1 + rng.below(4) {
            if s > 0 {
                text.push(' ');
            }
            text.push_str(&fill(rng.pick(sentences), rng));
        }
        text.push_str("\n\n");
    }
    if rng.below(3) == 0 {
        text.push_str(rng.pick(BOILERPLATE));
        text.push('\n');
    }
    (german, text)
}

/// Writes `count` articles below `dir` (100 per subfolder; every tenth a
/// Markdown file with front matter) and returns the bytes written.
#[allow(dead_code)] // the suggest bench writes twins instead
pub fn write_corpus(dir: &Path, count: usize, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    for index in 0..count {
        let (german, body) = article_text(&mut rng);
        bytes += write_article(dir, index, german, &body, &mut rng)?;
    }
    Ok(bytes)
}

/// Writes article `index` (a Markdown file with a stated date every tenth,
/// else a text file with a name that says nothing); returns its size.
fn write_article(dir: &Path, index: usize, german: bool, body: &str, rng: &mut Rng) -> io::Result<u64> {
    let folder = batch_folder(dir, index)?;
    let (name, content) = if index.is_multiple_of(10) {
        let date = format!("20{:02}-{:02}-{:02}", 18 + rng.below(8), 1 + rng.below(12), 1 + rng.below(28));
        let lang = if german { "de" } else { "en" };
        let front = format!("---\ndate: {date}\nsource: Synthetic Wire\nlang: {lang}\n---\n");
        (format!("{index:06}.md"), front + body)
    } else {
        (format!("{index:06}_{:016x}.txt", rng.next()), body.to_string())
    };
    let mut file = fs::File::create(folder.join(name))?;
    file.write_all(content.as_bytes())?;
    Ok(content.len() as u64)
}

/// Like [`write_corpus`], but in the shapes real corpora come in: of every
/// ten articles one is a saved web page (navigation, cookie banner,
/// scripts, footer around the story; og:title, article:published_time),
/// one a record of a news-please dump (one `.jsonl` per folder, news-please
/// field names), one Markdown with front matter (YAML with a folded title
/// and lists, or Hugo TOML, in turn), the rest plain text.
#[allow(dead_code)] // only the load bench reads every input kind
pub fn write_mixed_corpus(dir: &Path, count: usize, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    for index in 0..count {
        let (german, text) = article_text(&mut rng);
        let (title, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let date = format!("20{:02}-{:02}-{:02}", 18 + rng.below(8), 1 + rng.below(12), 1 + rng.below(28));
        let lang = if german { "de" } else { "en" };
        bytes += match index % 10 {
            0 if index.is_multiple_of(20) => {
                let front = format!(
                    "---\ntitle: >\n  {title}\ndate: {date}\nauthors:\n  - {}\n  - {}\ntags:\n  - valdoria\n  - coalition\n\
                     source: Synthetic Wire\nlang: {lang}\n---\n",
                    rng.pick(NAMES),
                    rng.pick(NAMES)
                );
                write_file(dir, index, &format!("{index:06}.md"), &(front + body))?
            }
            0 => {
                let front = format!(
                    "+++\ntitle = \"{title}\"\ndate = {date}T08:00:00+01:00\ndraft = false\nauthors = [\"{}\"]\n\
                     tags = [\"valdoria\", \"coalition\"]\n\n[params]\nsource = \"Synthetic Wire\"\n+++\n",
                    rng.pick(NAMES)
                );
                write_file(dir, index, &format!("{index:06}.md"), &(front + body))?
            }
            5 => write_file(dir, index, &format!("{index:06}.html"), &web_page(title, body, &date, lang))?,
            7 => append_record(dir, index, &news_please_record(index, title, body, &date, lang, rng.pick(NAMES)))?,
            _ => write_file(dir, index, &format!("{index:06}_{:016x}.txt", rng.next()), &text)?,
        };
    }
    Ok(bytes)
}

/// The folder of article `index`, made when its first article is written.
fn batch_folder(dir: &Path, index: usize) -> io::Result<std::path::PathBuf> {
    let folder = dir.join(format!("batch-{:04}", index / 100));
    if index.is_multiple_of(100) {
        fs::create_dir_all(&folder)?;
    }
    Ok(folder)
}

fn write_file(dir: &Path, index: usize, name: &str, content: &str) -> io::Result<u64> {
    fs::write(batch_folder(dir, index)?.join(name), content)?;
    Ok(content.len() as u64)
}

/// Appends a line to the folder's news-please dump.
fn append_record(dir: &Path, index: usize, line: &str) -> io::Result<u64> {
    let path = batch_folder(dir, index)?.join("news-please.jsonl");
    let mut file = fs::OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(file, "{line}")?;
    Ok(line.len() as u64 + 1)
}

/// A record as news-please writes it, download date and all.
fn news_please_record(index: usize, title: &str, body: &str, date: &str, lang: &str, author: &str) -> String {
    serde_json::json!({
        "authors": [author],
        "date_download": "2026-01-02 03:04:05",
        "date_modify": null,
        "date_publish": format!("{date} 09:30:00"),
        "description": body.lines().next().unwrap_or_default(),
        "filename": format!("synthetic-{index}.json"),
        "image_url": null,
        "language": lang,
        "localpath": null,
        "maintext": body.trim_end(),
        "source_domain": "synthetic-wire.example.org",
        "title": title,
        "title_page": format!("{title} | Synthetic Wire"),
        "title_rss": null,
        "url": format!("https://synthetic-wire.example.org/news/{index}"),
    })
    .to_string()
}

/// A saved news page around the story: head metadata, scripts and styles,
/// a cookie banner, navigation, share tools, related links and a footer.
fn web_page(title: &str, body: &str, date: &str, lang: &str) -> String {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let title = escape(title);
    let paragraphs: String =
        body.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| format!("<p>{}</p>\n", escape(p.trim()))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\n\
         <title>{title} | Synthetic Courier</title>\n\
         <meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"og:site_name\" content=\"Synthetic Courier\">\n\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00+00:00\">\n\
         <style>.cookie-banner {{ position: fixed; bottom: 0 }} p {{ line-height: 1.5 }}</style>\n\
         <script>window.dataLayer = []; dataLayer.push({{ section: \"world\" }});</script>\n\
         </head><body>\n\
         <div class=\"cookie-banner\"><p>We use cookies to personalise content and ads.</p><button>Accept all</button></div>\n\
         <header><a href=\"/\">Synthetic Courier</a><nav><ul><li><a href=\"/world\">World</a></li>\
         <li><a href=\"/business\">Business</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header>\n\
         <main><article><header><h1>{title}</h1><time datetime=\"{date}\">{date}</time></header>\n\
         <div class=\"share-tools\"><a href=\"#\">Share</a></div>\n{paragraphs}\
         <aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">Markets steady</a></li></ul></aside>\n\
         </article></main>\n<footer><p>© Synthetic Courier</p></footer>\n\
         <script>(function () {{ var s = document.createElement(\"script\"); }})();</script>\n</body></html>\n"
    )
}

/// What fills the slots of one sentence, chosen once so that an English
/// template and its German twin (same index) say the same thing.
#[allow(dead_code)]
struct Slots {
    num: usize,
    small: usize,
    year: usize,
    day: usize,
    place: usize,
    name: usize,
    month: usize,
    weekday: usize,
}

#[allow(dead_code)]
impl Slots {
    fn new(rng: &mut Rng) -> Slots {
        Slots {
            num: 500 + rng.below(4000),
            small: 2 + rng.below(40),
            year: 2014 + rng.below(12),
            day: 1 + rng.below(28),
            place: rng.below(PLACES.len()),
            name: rng.below(NAMES.len()),
            month: rng.below(12),
            weekday: rng.below(WEEKDAYS_EN.len()),
        }
    }

    /// The template with its slots filled; numbers in each language's convention.
    fn fill(&self, template: &str, german: bool) -> String {
        let num = if german && self.num >= 1000 {
            format!("{}.{:03}", self.num / 1000, self.num % 1000)
        } else if self.num >= 1000 {
            format!("{},{:03}", self.num / 1000, self.num % 1000)
        } else {
            self.num.to_string()
        };
        template
            .replace("{num}", &num)
            .replace("{small}", &self.small.to_string())
            .replace("{year}", &self.year.to_string())
            .replace("{day}", &self.day.to_string())
            .replace("{place}", PLACES[self.place])
            .replace("{name}", NAMES[self.name])
            .replace("{month}", MONTHS_EN[self.month])
            .replace("{monat}", MONTHS_DE[self.month])
            .replace("{weekday}", WEEKDAYS_EN[self.weekday])
            .replace("{wochentag}", WEEKDAYS_DE[self.weekday])
    }
}

/// An English article and its German translation: the same parallel
/// templates with the same slot values.
#[allow(dead_code)]
pub fn translated_pair(rng: &mut Rng) -> (String, String) {
    let title = rng.below(EN_TITLES.len());
    let slots = Slots::new(rng);
    let (mut en, mut de) = (slots.fill(EN_TITLES[title], false), slots.fill(DE_TITLES[title], true));
    en.push_str("\n\n");
    de.push_str("\n\n");
    for _ in 0..6 + rng.below(9) {
        for s in 0..1 + rng.below(4) {
            if s > 0 {
                en.push(' ');
                de.push(' ');
            }
            let (template, slots) = (rng.below(EN_SENTENCES.len()), Slots::new(rng));
            en.push_str(&slots.fill(EN_SENTENCES[template], false));
            de.push_str(&slots.fill(DE_SENTENCES[template], true));
        }
        en.push_str("\n\n");
        de.push_str("\n\n");
    }
    (en, de)
}

/// The ids of an English original, its German translation and its near-duplicate.
#[allow(dead_code)]
pub type Trio = (String, String, String);

/// Like [`write_corpus`], but of every `every` articles the first is an
/// English original, the second its German translation and the third a
/// near-duplicate of the original (its last paragraph dropped). Returns
/// the bytes written and the `(original, translation, duplicate)` ids.
#[allow(dead_code)] // only the suggest bench makes twins; each bench compiles this file on its own
pub fn write_corpus_with_twins(dir: &Path, count: usize, seed: u64, every: usize) -> io::Result<(u64, Vec<Trio>)> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    let mut twins = Vec::new();
    let mut pending: Vec<(bool, String)> = Vec::new();
    for index in 0..count {
        if index.is_multiple_of(every) && index + 2 < count {
            let (en, de) = translated_pair(&mut rng);
            let trimmed = en.trim_end();
            let duplicate = trimmed[..trimmed.rfind("\n\n").unwrap_or(trimmed.len())].to_string() + "\n";
            pending = vec![(false, duplicate), (true, de)];
            twins.push((index, en.clone()));
            bytes += write_article(dir, index, false, &en, &mut rng)?;
        } else if let Some((german, body)) = pending.pop() {
            bytes += write_article(dir, index, german, &body, &mut rng)?;
        } else {
            let (german, body) = article_text(&mut rng);
            bytes += write_article(dir, index, german, &body, &mut rng)?;
        }
    }
    let ids =
        twins.into_iter().map(|(index, _)| (id_of(dir, index), id_of(dir, index + 1), id_of(dir, index + 2))).collect();
    Ok((bytes, ids))
}

/// The article id (path below `dir`) of the article written at `index`.
#[allow(dead_code)]
fn id_of(dir: &Path, index: usize) -> String {
    let folder = format!("batch-{:04}", index / 100);
    let prefix = if index.is_multiple_of(10) { format!("{index:06}.md") } else { format!("{index:06}_") };
    fs::read_dir(dir.join(&folder))
        .ok()
        .and_then(|entries| {
            entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).find(|n| n.starts_with(&prefix))
        })
        .map_or_else(String::new, |name| format!("{folder}/{name}"))
}

/// Extra headline shapes for the filter benchmark: longer German titles with
/// umlauts and ß, so accent folding and multi-word queries have work to do.
const EXTRA_TITLES: &[&str] = &[
    "Abzug der Truppen aus {place}: Gespräche im {monat} in München",
    "Straßensperren in {place} – {name} kündigt Überprüfung an",
    "Talks resume in {place} after {small} days of fighting",
    "{name} on the withdrawal: \"No deal before {month}\"",
];

/// `count` headlines, German (umlauts, ß) and English mixed, deterministic
/// for a given seed.
#[allow(dead_code)] // only the filter bench uses titles; each bench compiles this file on its own
pub fn titles(count: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let templates = match rng.below(3) {
                0 => DE_TITLES,
                1 => EN_TITLES,
                _ => EXTRA_TITLES,
            };
            let title = fill(rng.pick(templates), &mut rng);
            // A number keeps titles distinct, as dates and ids make them in real scrapes.
            format!("{title} ({})", rng.below(100_000))
        })
        .collect()
}
