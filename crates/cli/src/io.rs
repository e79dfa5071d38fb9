//! File input and output shared by every command (`output` decides how a path is written).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// Reads a whole input file, or standard input for `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .context("cannot read standard input")?;
        return Ok(buf);
    }
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads an input file that must be UTF-8 text.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_input(path)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not valid UTF-8 (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

pub use crate::output::{is_stdout, write_atomic};

/// Prints to standard output, or writes to `out` when given (`-` is standard output).
pub fn emit(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(path) if !is_stdout(path) => write_atomic(path, text.as_bytes()),
        _ => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .context("cannot write to standard output")?;
            if !text.ends_with('\n') {
                stdout
                    .write_all(b"\n")
                    .context("cannot write to standard output")?;
            }
            Ok(())
        }
    }
}
