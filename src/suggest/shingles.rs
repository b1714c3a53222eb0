//! MinHash sketches of word 3-shingles, for same-language near-duplicates,
//! and LSH band keys so that near-duplicates find each other without
//! comparing every pair.
//!
//! Written here (about forty lines) rather than taken from a crate: the
//! MinHash crates hash whole token strings through `std` hashers and keep
//! 128+ values; 32 `u32` values per article are enough to tell 0.5 from
//! 0.9 and keep 100k sketches at 13 MB.

use xxhash_rust::xxh3::xxh3_64;

/// Hash functions per sketch.
pub(crate) const SKETCH_LEN: usize = 32;
/// Rows per LSH band: 8 bands of 4 find pairs above about 0.6 Jaccard.
const BAND_ROWS: usize = 4;

/// A MinHash sketch of an article's body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sketch(pub [u32; SKETCH_LEN]);

/// Fixed odd multipliers, one per hash function (from splitmix64 outputs).
fn seed(i: usize) -> u64 {
    let mut z = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (z ^ (z >> 27)) | 1
}

/// Sketches the word sequence; `None` below three words (no shingle).
pub(crate) fn sketch<'a>(words: impl Iterator<Item = &'a str>) -> Option<Sketch> {
    let seeds: [u64; SKETCH_LEN] = std::array::from_fn(seed);
    let mut mins = [u32::MAX; SKETCH_LEN];
    let mut window = [0u64; 3];
    let mut seen = 0usize;
    let mut lower = String::new();
    for word in words {
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        window = [window[1], window[2], xxh3_64(lower.as_bytes())];
        seen += 1;
        if seen < 3 {
            continue;
        }
        let shingle = window[0].rotate_left(21) ^ window[1].rotate_left(42) ^ window[2];
        for (min, seed) in mins.iter_mut().zip(seeds) {
            let h = shingle.wrapping_mul(seed);
            let h = ((h ^ (h >> 29)) >> 32) as u32;
            *min = (*min).min(h);
        }
    }
    (seen >= 3).then_some(Sketch(mins))
}

impl Sketch {
    /// The estimated Jaccard similarity of the two shingle sets.
    pub(crate) fn similarity(&self, other: &Sketch) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / SKETCH_LEN as f32
    }

    /// One key per band; two sketches that agree on a whole band share it.
    pub(crate) fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(BAND_ROWS).enumerate().map(|(band, rows)| {
            let mut bytes = [0u8; 4 * BAND_ROWS + 1];
            bytes[0] = band as u8;
            for (i, row) in rows.iter().enumerate() {
                bytes[1 + 4 * i..5 + 4 * i].copy_from_slice(&row.to_le_bytes());
            }
            xxh3_64(&bytes)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Sketch {
        sketch(text.split_whitespace()).expect("enough words")
    }

    const TEXT: &str = "The coalition has 2,500 troops in Valdoria, most of them Halvenian, according to officials \
        in Kessaran. They are based at Camp Tarrow outside the capital, at an air base near Ossel in the west and at \
        smaller outposts along the northern border. Those bases are the main grievance of armed groups.";

    #[test]
    fn near_duplicates_score_high_and_other_texts_low() {
        let edited = TEXT.replace("smaller outposts", "small outposts");
        let other = "Diplomats expect the next round of talks to take place in Halvenport next month, officials said \
            after a meeting that lasted nine hours and ended without agreement on any timetable for the withdrawal.";
        assert!(of(TEXT).similarity(&of(&edited)) > 0.6, "{}", of(TEXT).similarity(&of(&edited)));
        assert!(of(TEXT).similarity(&of(other)) < 0.2);
        assert_eq!(of(TEXT).similarity(&of(TEXT)), 1.0);
    }

    #[test]
    fn identical_texts_share_every_band_and_short_texts_have_no_sketch() {
        assert_eq!(of(TEXT).bands().collect::<Vec<_>>(), of(TEXT).bands().collect::<Vec<_>>());
        assert_eq!(of(TEXT).bands().count(), SKETCH_LEN / BAND_ROWS);
        assert!(sketch("two words".split_whitespace()).is_none());
    }
}
