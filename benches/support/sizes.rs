//! The sizes a benchmark runs at: the numbers on its command line
//! (`cargo bench --bench load -- 2000 5000`), else its defaults.

pub fn from_args(defaults: &[usize]) -> Vec<usize> {
    let given: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if given.is_empty() { defaults.to_vec() } else { given }
}
