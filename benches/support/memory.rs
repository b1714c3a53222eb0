//! The benchmark process's memory, from /proc/self/status (Linux only).

/// The peak resident set so far (VmHWM), in MB; 0 where it cannot be read.
pub fn peak_rss_mb() -> f64 {
    status_mb("VmHWM:")
}

/// The resident set now (VmRSS), in MB; 0 where it cannot be read.
pub fn rss_mb() -> f64 {
    status_mb("VmRSS:")
}

fn status_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0.0);
    kb / 1000.0
}
