//! Load + analysis throughput on generated corpora, against `cat` of the
//! same files in the same run (these machines are noisy; ratios travel).
//!
//!     cargo bench --bench load                 # 10k and 100k articles
//!     cargo bench --bench load -- 2000         # other sizes
//!
//! Peak memory is this process's high-water mark (VmHWM), read after the
//! load, against the size of the corpus text; and the same less what the
//! process held before the load (the program itself, an earlier size's
//! leftovers).

#[path = "support/memory.rs"]
mod memory;
#[path = "support/reference.rs"]
mod reference;
#[path = "support/sizes.rs"]
mod sizes;
#[path = "support/synth.rs"]
mod synth;

use dossier::corpus::{Corpus, clean, dates, lang, source, structure};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for count in sizes::from_args(&[10_000, 100_000]) {
        let dir = tempfile::tempdir()?;
        let bytes = synth::write_corpus(dir.path(), count, 42)?;
        let mb = bytes as f64 / 1e6;

        // Reference: read every file with cat (warm cache for both).
        let cat_seconds = reference::time_cat(dir.path())?.as_secs_f64();

        let before = memory::rss_mb();
        let start = Instant::now();
        let mut corpus = Corpus::load(dir.path())?;
        let load_seconds = start.elapsed().as_secs_f64();
        let peak = memory::peak_rss_mb();
        // The corpus as evidence for dates, as `inspect` adds it after the
        // load (budget: +25% of the load).
        let start = Instant::now();
        dossier::suggest::date_by_kin(&mut corpus.articles);
        let kin_seconds = start.elapsed().as_secs_f64();
        let corpus_dated = corpus
            .articles
            .iter()
            .filter(|a| a.date.as_ref().is_some_and(|d| d.provenance == dossier::corpus::Provenance::Corpus))
            .count();
        println!(
            "{count:>7} articles, {mb:7.1} MB: load+analysis {load_seconds:6.2} s = {:6.1} MB/s; \
             cat {cat_seconds:5.2} s = {:7.1} MB/s; ratio {:.1}x cat; peak RSS {peak:.0} MB = {:.2}x corpus text, \
             of which the load {:.0} MB = {:.2}x (RSS before it {before:.0} MB); {} articles loaded; \
             dates from kin {kin_seconds:.2} s = +{:.0}% of the load ({corpus_dated} dated)",
            mb / load_seconds,
            mb / cat_seconds,
            load_seconds / cat_seconds,
            peak / mb,
            peak - before,
            (peak - before) / mb,
            corpus.articles.len(),
            100.0 * kin_seconds / load_seconds
        );
    }
    // Last, so what it leaves allocated does not count in the figures above.
    stages()
}

/// Single-thread throughput of each analysis stage on 3000 articles, to see
/// where the time goes.
fn stages() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let bytes = synth::write_corpus(dir.path(), 3000, 1)?;
    let (documents, _) = source::load_folder(dir.path(), source::LinkScope::InsideCorpus)?;
    let mb = bytes as f64 / 1e6;
    let rate = |start: Instant| format!("{:6.1} MB/s", mb / start.elapsed().as_secs_f64());
    let start = Instant::now();
    let texts: Vec<String> = documents.iter().map(|d| clean::clean(&d.body).text).collect();
    let clean_rate = rate(start);
    let start = Instant::now();
    let shapes: Vec<_> =
        documents.iter().zip(&texts).map(|(d, t)| structure::analyse(t, d.format, d.meta.title.as_deref())).collect();
    let structure_rate = rate(start);
    let start = Instant::now();
    let langs: Vec<_> = texts.iter().zip(&shapes).map(|(t, s)| lang::detect(t, s, None)).collect();
    let lang_rate = rate(start);
    let start = Instant::now();
    let mentions: Vec<_> =
        texts.iter().zip(&shapes).zip(&langs).map(|((t, s), l)| dates::extract(t, &s.sentences, l.lang)).collect();
    let extract_rate = rate(start);
    let start = Instant::now();
    let inferred = texts.iter().zip(&mentions).filter(|(t, m)| dates::infer_publication(t, &[], m).is_some()).count();
    let infer_rate = rate(start);
    println!(
        "stages, one thread, {mb:.1} MB: clean {clean_rate}, structure {structure_rate}, language {lang_rate}, \
         date mentions {extract_rate}, date inference {infer_rate} ({inferred} dated)"
    );
    Ok(())
}
