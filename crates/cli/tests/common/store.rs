//! Helpers of the `--store` tests: paths as arguments, runs that must succeed or fail
//! with one line, and leaves files as `--generate` makes them.

use std::path::{Path, PathBuf};

use super::{code, run, stderr, stdout};

/// A path as an argument (the temporary directories are UTF-8).
pub fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs `merklab args`, asserts exit 0 and returns standard output, trimmed.
pub fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    stdout(&out).trim().to_string()
}

/// Runs `merklab args` and asserts exit 2, nothing on standard output and one line on
/// standard error that contains `says`.
pub fn fails(args: &[&str], says: &str) {
    let out = run(args);
    assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
}

/// Writes leaves 0..n as `--generate` makes them (i as 8 little-endian bytes), one hex
/// line each, to `dir/leaves-{n}.txt` and returns that path.
pub fn hex_file(dir: &Path, n: u64) -> PathBuf {
    let path = dir.join(format!("leaves-{n}.txt"));
    let text: String = (0..n)
        .map(|i| format!("{}\n", hex::encode(i.to_le_bytes())))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}
