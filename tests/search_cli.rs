//! `dossier search` as a user runs it: English and German analysis,
//! phrases, exclusions, language and date filters, JSON Lines whose
//! offsets point into the cleaned text, an index that follows edits
//! without `--reindex`, and a corrupt index rebuilt rather than trusted.

use dossier::corpus::Corpus;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

#[path = "support/cli.rs"]
mod cli_support;
use cli_support::command;

/// A cache folder of the test's own, so tests never share an index.
struct Cache(tempfile::TempDir);

impl Cache {
    fn new() -> Cache {
        Cache(tempfile::tempdir().expect("temp dir"))
    }

    fn run(&self, corpus: &Path, query: &str, extra: &[&str]) -> Output {
        command()
            .env("DOSSIER_CACHE", self.0.path())
            .env("NO_COLOR", "")
            .arg("search")
            .arg(corpus)
            .arg(query)
            .args(extra)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run dossier")
    }

    /// The JSON Lines of a search that must succeed.
    fn json(&self, corpus: &Path, query: &str) -> Vec<Value> {
        let output = self.run(corpus, query, &["--json", "--limit", "100"]);
        assert!(output.status.success(), "{query}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect()
    }

    fn ids(&self, corpus: &Path, query: &str) -> Vec<String> {
        let mut ids: Vec<String> =
            self.json(corpus, query).iter().map(|hit| hit["id"].as_str().expect("id").to_owned()).collect();
        ids.sort();
        ids
    }

    /// The folder of the one index in this cache.
    fn index_folder(&self) -> PathBuf {
        let search = self.0.path().join("search");
        let mut folders: Vec<PathBuf> =
            fs::read_dir(&search).expect("search folder").map(|e| e.unwrap().path()).collect();
        assert_eq!(folders.len(), 1, "{folders:?}");
        folders.pop().unwrap()
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

/// Ids of sample-corpus articles whose cleaned text satisfies `keep`.
fn sample_ids(keep: impl Fn(&str) -> bool) -> Vec<String> {
    let corpus = Corpus::load(&sample()).expect("sample corpus loads");
    corpus.articles.iter().filter(|a| keep(&a.text) || keep(a.title())).map(|a| a.id.to_string()).collect()
}

/// Whether `text` has one of `forms` as a whole word.
fn has_word(text: &str, forms: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|word| forms.contains(&word))
}

#[test]
fn german_words_match_their_other_forms_and_missing_umlauts() {
    let cache = Cache::new();
    // `Soldat` finds every article with `Soldat` or `Soldaten`.
    let soldat = cache.ids(&sample(), "Soldat");
    assert_eq!(soldat, sample_ids(|t| t.contains("Soldat")));
    assert!(soldat.len() >= 3, "{soldat:?}");
    // `Gesprache` finds `Gespräche`, `Gesprächen` and `Gespräch`.
    let folded = cache.ids(&sample(), "Gesprache");
    assert!(!folded.is_empty());
    assert_eq!(folded, sample_ids(|t| has_word(t, &["Gespräch", "Gespräche", "Gesprächen"])));
}

#[test]
fn english_words_are_anded_stemmed_and_ranked() {
    let cache = Cache::new();
    let talk = cache.ids(&sample(), "talk");
    assert_eq!(talk, sample_ids(|t| t.to_lowercase().contains("talk")));
    let both = cache.ids(&sample(), "talks withdrawal");
    let expected = sample_ids(|t| t.to_lowercase().contains("talk") && t.to_lowercase().contains("withdrawal"));
    assert_eq!(both, expected);
    assert!(!both.is_empty() && both.len() < talk.len(), "{both:?} within {talk:?}");
    let hits = cache.json(&sample(), "talks withdrawal");
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().expect("score")).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

#[test]
fn phrases_keep_word_order_and_stop_words_and_exclusions_remove() {
    let cache = Cache::new();
    let phrase = cache.ids(&sample(), "\"Gespräche über\"");
    assert_eq!(phrase, sample_ids(|t| t.contains("Gespräche über")));
    let reversed = cache.ids(&sample(), "\"über Gespräche\"");
    assert_eq!(reversed, sample_ids(|t| t.contains("über Gespräche")));
    assert_ne!(phrase, reversed);
    let all = cache.ids(&sample(), "Gespräche");
    let without = cache.ids(&sample(), "Gespräche -Koalition");
    let talks = ["Gespräch", "Gespräche", "Gesprächen"];
    assert_eq!(without, sample_ids(|t| has_word(t, &talks) && !has_word(t, &["Koalition", "Koalitionen"])));
    assert!(without.len() < all.len(), "{without:?} {all:?}");
}

#[test]
fn language_and_date_filters_narrow_the_hits() {
    let cache = Cache::new();
    let german = cache.json(&sample(), "lang:de");
    assert!(german.len() >= 5);
    assert!(german.iter().all(|h| h["lang"] == "de"), "{german:?}");
    assert!(cache.ids(&sample(), "Soldaten lang:en").is_empty());
    // Every hit of a date range has a date in it.
    let in_2024 = cache.json(&sample(), "date:2024-01..2024-12");
    assert!(!in_2024.is_empty());
    for hit in &in_2024 {
        let period = hit["period"].as_array().expect("a dated hit has a period");
        let (first, last) = (period[0].as_str().unwrap(), period[1].as_str().unwrap());
        assert!(first <= "2024-12-31" && last >= "2024-01-01", "{hit}");
    }
    let all = cache.json(&sample(), "date:2000..2100").len();
    assert!(in_2024.len() < all, "{} of {all}", in_2024.len());
    let error = cache.run(&sample(), "date:2024-13", &[]);
    assert!(!error.status.success());
    assert!(String::from_utf8_lossy(&error.stderr).contains("date:2024-01..2024-03"));
}

#[test]
fn json_snippets_point_into_the_cleaned_text() {
    let cache = Cache::new();
    let corpus = Corpus::load(&sample()).expect("loads");
    let hits = cache.json(&sample(), "Gesprache");
    for hit in &hits {
        for field in ["id", "title", "score", "date", "snippets"] {
            assert!(hit.get(field).is_some(), "{field} missing in {hit}");
        }
        let article = corpus.article(hit["id"].as_str().unwrap()).expect("hit is an article");
        let snippets = hit["snippets"].as_array().unwrap();
        assert!(!snippets.is_empty(), "{hit}");
        for snippet in snippets {
            let (start, end) = (snippet["start"].as_u64().unwrap() as usize, snippet["end"].as_u64().unwrap() as usize);
            assert_eq!(snippet["text"].as_str().unwrap(), &article.text[start..end]);
            for pair in snippet["highlights"].as_array().unwrap() {
                let (s, e) = (pair[0].as_u64().unwrap() as usize, pair[1].as_u64().unwrap() as usize);
                assert!(start <= s && e <= end);
                assert!(article.text[s..e].starts_with("Gespräch"), "{}", &article.text[s..e]);
            }
        }
    }
}

#[test]
fn plain_output_marks_hits_and_says_when_nothing_matches() {
    let cache = Cache::new();
    let output = cache.run(&sample(), "Soldaten", &["--limit", "2"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("*Soldaten*"), "{text}");
    assert!(!text.contains('\x1b'), "no escape off a terminal");
    assert_eq!(text.lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).count(), 2, "{text}");
    let none = cache.run(&sample(), "Zeppelinhafen", &[]);
    assert!(none.status.success());
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no article matches"));
}

#[test]
fn edits_additions_and_removals_are_found_without_reindex() {
    let cache = Cache::new();
    let corpus = tempfile::tempdir().expect("corpus");
    fs::write(corpus.path().join("a.txt"), "Talks resume in Geneva\n\nThe delegations met again on Monday.\n").unwrap();
    fs::write(corpus.path().join("b.txt"), "Harvest report\n\nThe wheat harvest was early this year.\n").unwrap();
    assert_eq!(cache.ids(corpus.path(), "delegations"), ["a.txt"]);
    assert!(cache.ids(corpus.path(), "zeppelin").is_empty());
    // Same size, same second: only the content hash can tell.
    fs::write(corpus.path().join("b.txt"), "Harvest report\n\nThe zeppelin harvest was early this year.\n").unwrap();
    fs::write(corpus.path().join("c.md"), "# Zeppelin sighted\n\nA zeppelin flew over the valley.\n").unwrap();
    assert_eq!(cache.ids(corpus.path(), "zeppelin"), ["b.txt", "c.md"]);
    assert!(cache.ids(corpus.path(), "wheat").is_empty(), "the old words are gone");
    fs::remove_file(corpus.path().join("c.md")).unwrap();
    assert_eq!(cache.ids(corpus.path(), "zeppelin"), ["b.txt"]);
}

#[test]
fn a_corrupt_index_or_manifest_is_rebuilt_not_trusted() {
    let cache = Cache::new();
    let expected = cache.ids(&sample(), "Soldat");
    let folder = cache.index_folder();
    fs::write(folder.join("index").join("meta.json"), "{ not json").unwrap();
    let output = cache.run(&sample(), "Soldat", &["--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("rebuilt the search index"));
    assert_eq!(cache.ids(&sample(), "Soldat"), expected);
    // Every segment file emptied: the index opens, but cannot be searched.
    for entry in fs::read_dir(folder.join("index")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e != "json" && e != "lock") {
            fs::write(&path, b"").unwrap();
        }
    }
    assert_eq!(cache.ids(&sample(), "Soldat"), expected);
    // A manifest altered in one byte fails its checksum: rebuilt, not trusted.
    let manifest = folder.join("manifest.bin");
    let mut bytes = fs::read(&manifest).expect("a binary manifest beside the index");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(&manifest, &bytes).unwrap();
    let output = cache.run(&sample(), "Soldat", &["--json", "--limit", "100"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("manifest could not be read"));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), expected.len());
    fs::write(&manifest, "garbage").unwrap();
    assert_eq!(cache.ids(&sample(), "Soldat"), expected);
    // --reindex starts afresh and finds the same.
    let output = cache.run(&sample(), "Soldat", &["--json", "--reindex", "--limit", "100"]);
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), expected.len());
}

#[test]
fn a_second_updater_is_told_the_index_is_busy() {
    let cache = Cache::new();
    cache.ids(&sample(), "Soldat");
    let lock = fs::File::open(cache.index_folder().join("update.lock")).unwrap();
    lock.try_lock().expect("the test holds the lock");
    let output = cache.run(&sample(), "Soldat", &[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("being updated by another dossier"), "{stderr}");
    drop(lock);
    assert!(cache.run(&sample(), "Soldat", &[]).status.success());
}
