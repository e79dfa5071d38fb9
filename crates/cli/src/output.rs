//! Writing an output file (`-o`, `--out`) by what its path names.
//!
//! A regular file, or a path that does not exist yet, is written to a temporary
//! file beside it and renamed over it, so an existing file is replaced whole or
//! left untouched; the replacement keeps the old file's permission bits, and a new
//! file gets `0666` less the umask like any file a shell creates. Renaming over a
//! character device or a FIFO would turn `/dev/null` or a pipe into a plain file,
//! so those are opened and written through. A symbolic link is followed, so the
//! link stays a link and its target gets the rules above; a link to nothing is
//! refused rather than created through, since the caller named a link, not a file.
//! Directories, block devices and sockets are refused. `-` is standard output.
//!
//! The temporary file reaches the disk (`fsync`) before it replaces an existing
//! file, so a crash leaves the old content or the new, and before a private key is
//! renamed into place, since a key cannot be made again. A new public output is
//! renamed without that wait: there is nothing older to lose, and it is output a
//! command can write again (the wait was half the time of a small `zpass` run).

use std::fs::{File, OpenOptions, Permissions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::terminal::safe_path;

/// Who may read what is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    /// Any output: a new file gets the umask's permissions, a replaced one keeps its own.
    Public,
    /// A private key: the file is always `0600`, and only a regular file receives it.
    Secret,
}

/// What an output path names.
enum Target {
    /// `-`: standard output.
    Stdout,
    /// Nothing yet: created by rename.
    New(PathBuf),
    /// A regular file (the link's target for a link): replaced by rename.
    Regular(PathBuf, Permissions),
    /// A character device or a FIFO: opened and written through.
    Stream(PathBuf),
}

/// Whether `path` is `-`, the name of standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn classify(path: &Path) -> Result<Target> {
    if is_stdout(path) {
        return Ok(Target::Stdout);
    }
    let shown = safe_path(path);
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                bail!("{shown} is a symbolic link to nothing; give the path of the file to write");
            }
            return Ok(Target::New(path.to_path_buf()));
        }
        Err(e) => bail!("cannot write {shown}: {e}"),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        let is_link = std::fs::symlink_metadata(path)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        let real = if is_link {
            std::fs::canonicalize(path).with_context(|| format!("cannot resolve {shown}"))?
        } else {
            path.to_path_buf()
        };
        return Ok(Target::Regular(real, meta.permissions()));
    }
    if kind.is_dir() {
        bail!("{shown} is a directory; give a file name");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_fifo() {
            return Ok(Target::Stream(path.to_path_buf()));
        }
        let what = if kind.is_block_device() {
            "a block device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        bail!("{shown} is {what}; output goes only to a file, a character device or a FIFO")
    }
    #[cfg(not(unix))]
    bail!("{shown} is not a regular file")
}

/// Writes `bytes` where `path` says (see the module documentation): replaced
/// whole or left untouched when it is a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_output(path, bytes, Secrecy::Public, true)
}

/// Writes `bytes` to `path` under `secrecy`; without `replace`, an existing file
/// is an error and a racing creation is not overwritten.
pub fn write_output(path: &Path, bytes: &[u8], secrecy: Secrecy, replace: bool) -> Result<()> {
    let shown = safe_path(path);
    let target = classify(path)?;
    if secrecy == Secrecy::Secret && !matches!(target, Target::New(_) | Target::Regular(..)) {
        bail!("{shown} is not a regular file; a private key is written only to a file (mode 0600)");
    }
    match target {
        Target::Stdout => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .context("cannot write to standard output")
        }
        Target::Stream(path) => write_through(&path, bytes),
        Target::New(path) => {
            let exact = (secrecy == Secrecy::Secret).then(|| mode(0o600)).flatten();
            let sync = secrecy == Secrecy::Secret;
            replace_file(&path, bytes, new_mode(secrecy), exact, replace, sync)
        }
        Target::Regular(real, permissions) => {
            if !replace {
                bail!("{shown} already exists; pass --force to replace it");
            }
            let mode = match secrecy {
                Secrecy::Secret => mode(0o600),
                Secrecy::Public => permission_bits(permissions),
            };
            replace_file(&real, bytes, mode.clone(), mode, true, true)
        }
    }
}

/// The permissions a new file is created with, before the umask.
fn new_mode(secrecy: Secrecy) -> Option<Permissions> {
    match secrecy {
        Secrecy::Public => mode(0o666),
        Secrecy::Secret => mode(0o600),
    }
}

/// `permissions` without the set-user-ID, set-group-ID and sticky bits, which a
/// file of new content should not inherit.
#[cfg(unix)]
fn permission_bits(permissions: Permissions) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    mode(permissions.mode() & 0o777)
}

#[cfg(not(unix))]
fn permission_bits(permissions: Permissions) -> Option<Permissions> {
    Some(permissions)
}

/// Permissions of unix mode `bits`; elsewhere the platform's default.
#[cfg(unix)]
fn mode(bits: u32) -> Option<Permissions> {
    Some(std::os::unix::fs::PermissionsExt::from_mode(bits))
}

#[cfg(not(unix))]
fn mode(_bits: u32) -> Option<Permissions> {
    None
}

/// Temporary file beside `path` created with `create` (less the umask), `bytes`,
/// then exactly the permissions `exact` if given, then (after an `fsync` when `sync`)
/// a rename: the file at `path` is the old one or the new one, never a mix.
fn replace_file(
    path: &Path,
    bytes: &[u8],
    create: Option<Permissions>,
    exact: Option<Permissions>,
    clobber: bool,
    sync: bool,
) -> Result<()> {
    let shown = safe_path(path);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // The mode goes to open(2), so the umask applies to a new file as it should.
    if let Some(create) = create {
        builder.permissions(create);
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", safe_path(dir)))?;
    tmp.write_all(bytes)
        .and_then(|()| {
            if sync {
                tmp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .with_context(|| format!("cannot write {shown}"))?;
    if let Some(exact) = exact {
        tmp.as_file()
            .set_permissions(exact)
            .with_context(|| format!("cannot set the permissions of {shown}"))?;
    }
    if clobber {
        tmp.persist(path)
            .map_err(|e| anyhow::anyhow!("cannot replace {shown}: {}", e.error))?;
    } else {
        tmp.persist_noclobber(path)
            .map_err(|e| anyhow::anyhow!("cannot create {shown}: {}", e.error))?;
    }
    Ok(())
}

/// Opens a character device or FIFO for writing, without creating or truncating
/// anything, and writes `bytes` to it.
fn write_through(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = safe_path(path);
    let mut file: File = OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {shown} for writing"))?;
    // The path may have been swapped for a regular file since it was inspected:
    // nothing was truncated by the open, and nothing is written to such a file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = file
            .metadata()
            .with_context(|| format!("cannot inspect {shown}"))?
            .file_type();
        if !(kind.is_char_device() || kind.is_fifo()) {
            bail!("{shown} changed while being opened; nothing was written");
        }
    }
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {shown}"))
}
