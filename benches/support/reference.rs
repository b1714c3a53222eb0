//! The reference every bench measures against in the same run: `cat` of
//! all the corpus's files (these machines are noisy; ratios travel).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Reads every file under `dir` with `cat`, warm cache (the second of two runs).
pub fn time_cat(dir: &Path) -> Result<Duration, Box<dyn std::error::Error>> {
    let mut elapsed = Duration::ZERO;
    for _ in 0..2 {
        let start = Instant::now();
        let status = Command::new("sh")
            .arg("-c")
            .arg("find . -type f -print0 | xargs -0 cat > /dev/null")
            .current_dir(dir)
            .status()?;
        if !status.success() {
            return Err("cat reference failed".into());
        }
        elapsed = start.elapsed();
    }
    Ok(elapsed)
}
