//! Private keys read from a file or an environment variable, never from an argument.

use std::path::Path;

use anyhow::{anyhow, Result};
use merklab_aleo::account::IssuerKey;

use crate::io::read_text;
use crate::terminal::safe_path;

/// Reads the private key of `role` (issuer, verifier, holder) from `file`, or from
/// the environment variable `env` when no file is given. The secret never appears
/// in a message, only where it came from.
pub fn load_key(file: Option<&Path>, env: &str, role: &str) -> Result<IssuerKey> {
    let (secret, origin) = match file {
        Some(path) => (read_text(path)?, path.display().to_string()),
        None => (
            std::env::var(env)
                .map_err(|_| anyhow!("no {role} key: pass --key-file FILE or set {env}"))?,
            env.to_string(),
        ),
    };
    let key = IssuerKey::from_str_key(secret.trim()).map_err(|_| {
        anyhow!("{origin} does not hold a valid Aleo private key (APrivateKey1...)")
    })?;
    // Only a file that holds a key has a secret to expose.
    if let Some(path) = file {
        warn_if_exposed(path);
    }
    Ok(key)
}

/// Warns, as ssh does, when a key file is readable or writable by its group or
/// others: the key still works, but anyone who could read it can sign as its owner.
fn warn_if_exposed(path: &Path) {
    if let Some(mode) = exposed_mode(path) {
        eprintln!(
            "warning: private key file {} is accessible by others (mode {mode:04o}); run chmod 600 on it",
            safe_path(path)
        );
    }
}

/// The permission bits of `path` when group or others have any access to it.
#[cfg(unix)]
fn exposed_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o7777;
    (mode & 0o077 != 0).then_some(mode)
}

/// Other systems have no Unix mode bits to check.
#[cfg(not(unix))]
fn exposed_mode(_path: &Path) -> Option<u32> {
    None
}
