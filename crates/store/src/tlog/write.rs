//! Tile contents from a store, and the static tile directory a client fetches, written
//! without replacing anything that is not a regular file.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use merklab_core::{Compression, Digest};

use super::checkpoint::{check_origin, checkpoint_body};
use super::durable::{note, sync_dir, sync_file, Pending, Step};
use super::tile::{tiles, Tile, TILE_HEIGHT};
use crate::error::StoreError;
use crate::read::Store;

/// The checkpoint's file name in a tile directory.
pub const CHECKPOINT: &str = "checkpoint";
/// Bytes per hash in a tile (SHA-256).
pub const HASH_BYTES: usize = 32;
/// The profile whose stores are transparency logs.
const PROFILE: &str = "rfc6962";

/// What [`write_tiles`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TilesWritten {
    /// Full tiles written (new, or replacing other bytes).
    pub full: u64,
    /// Partial tiles written.
    pub partial: u64,
    /// Tiles already present with the same bytes, left as they were.
    pub unchanged: u64,
    /// The checkpoint body written to [`CHECKPOINT`].
    pub checkpoint: String,
}

/// Refuses a store that is not an RFC 6962 log: tiles hold SHA-256 nodes of a binary
/// tree whose complete subtrees are RFC 6962's `MTH`.
fn check_log(store: &Store) -> Result<(), StoreError> {
    let layout = store.layout();
    if layout.profile.as_deref() != Some(PROFILE)
        || layout.arity != 2
        || store.manifest().digest_bytes != HASH_BYTES
    {
        return Err(StoreError::Unsupported(format!(
            "tlog tiles need a store of the {PROFILE} profile; this one is {} at arity {}{}",
            layout.hash,
            layout.arity,
            layout
                .profile
                .as_deref()
                .map(|p| format!(" (profile {p})"))
                .unwrap_or_default()
        )));
    }
    Ok(())
}

/// The bytes of `tile`: its hashes end to end, read from the store (recomputed from
/// the level below where `keep_every` dropped the tile's level).
pub fn tile_data<C: Compression<2>>(
    store: &Store,
    compression: &C,
    tile: &Tile,
) -> Result<Vec<u8>, StoreError> {
    check_log(store)?;
    let shift = tile.level * TILE_HEIGHT;
    let complete = if shift >= 64 {
        0
    } else {
        store.leaf_count() >> shift
    };
    let nodes = tile.nodes();
    if tile.width == 0 || tile.width > super::TILE_WIDTH || nodes.end > complete {
        return Err(StoreError::BadSetting(format!(
            "{} is not a tile of a tree of {} leaves",
            tile.path(),
            store.leaf_count()
        )));
    }
    let hashes =
        store.level_nodes::<C, 2>(compression, tile.tree_level(), nodes.start, nodes.end)?;
    let mut data = Vec::with_capacity(hashes.len() * HASH_BYTES);
    for hash in &hashes {
        hash.write_bytes(&mut data);
    }
    Ok(data)
}

/// Writes every tile of the store and then its checkpoint body under `out` (created if
/// missing), as a static tlog-tiles directory. A file already holding the same bytes
/// is left alone, so a rerun after an append rewrites only what changed; a directory,
/// symbolic link or other non-regular file where a tile or directory goes is an error
/// and stays as it was. The checkpoint comes last, after every tile and directory has
/// reached the disk, so a reader that sees it finds every tile it commits to, even
/// after a power loss.
pub fn write_tiles<C: Compression<2>>(
    store: &Store,
    compression: &C,
    out: &Path,
    origin: &str,
) -> Result<TilesWritten, StoreError> {
    check_log(store)?;
    check_origin(origin)?;
    let root = store.root::<C, 2>(compression)?;
    match fs::metadata(out) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(StoreError::NotADirectory(out.into())),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            fs::create_dir_all(out).map_err(StoreError::io(out))?;
        }
        Err(e) => return Err(StoreError::io(out)(e)),
    }
    let mut written = TilesWritten {
        full: 0,
        partial: 0,
        unchanged: 0,
        checkpoint: String::new(),
    };
    let mut made: Option<PathBuf> = None;
    let mut pending = Pending::default();
    for tile in tiles(store.leaf_count()) {
        let relative = tile.path();
        let path = out.join(&relative);
        let parent = path.parent().unwrap_or(out).to_path_buf();
        if made.as_ref() != Some(&parent) {
            make_dirs(out, Path::new(&relative)).map_err(plain)?;
            made = Some(parent);
        }
        let data = tile_data(store, compression, &tile)?;
        let wrote = put(&path, &data, false).map_err(plain)?;
        pending.add(out, &path).map_err(plain)?;
        if !wrote {
            written.unchanged += 1;
        } else if tile.is_full() {
            written.full += 1;
        } else {
            written.partial += 1;
        }
    }
    let mut bytes = Vec::with_capacity(HASH_BYTES);
    root.write_bytes(&mut bytes);
    written.checkpoint = checkpoint_body(origin, store.leaf_count(), &bytes)?;
    pending.sync(out).map_err(plain)?;
    put(&out.join(CHECKPOINT), written.checkpoint.as_bytes(), true).map_err(plain)?;
    sync_dir(out).map_err(plain)?;
    Ok(written)
}

/// A full disk while writing tiles is a plain I/O error: the store it reads from has
/// no checkpoint to speak of, and a rerun rewrites only tiles not yet in place.
fn plain(e: StoreError) -> StoreError {
    match e {
        StoreError::Full { path, source } => StoreError::Io { path, source },
        e => e,
    }
}

/// Creates the directories of `relative`'s parent under `out`, one component at a
/// time, refusing any that exists as something other than a directory (a symbolic link
/// included, so nothing is written outside `out`).
fn make_dirs(out: &Path, relative: &Path) -> Result<(), StoreError> {
    let mut at = out.to_path_buf();
    let Some(parent) = relative.parent() else {
        return Ok(());
    };
    for component in parent.components() {
        at.push(component);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_dir() => {}
            Ok(_) => return Err(StoreError::InTheWay(at)),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                fs::create_dir(&at).map_err(StoreError::io(&at))?;
            }
            Err(e) => return Err(StoreError::io(&at)(e)),
        }
    }
    Ok(())
}

/// Writes `data` to `path` through a temporary file renamed into place (synced first
/// when `sync`), unless a regular file there holds it already; `false` when nothing
/// was written.
fn put(path: &Path, data: &[u8], sync: bool) -> Result<bool, StoreError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => {
            if meta.len() == data.len() as u64
                && fs::read(path).map_err(StoreError::io(path))? == data
            {
                return Ok(false);
            }
        }
        Ok(_) => return Err(StoreError::InTheWay(path.into())),
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io(path)(e)),
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".merklab-tile")
        .tempfile_in(dir)
        .map_err(StoreError::io(dir))?;
    tmp.write_all(data).map_err(StoreError::io(tmp.path()))?;
    if sync {
        sync_file(tmp.as_file(), path)?;
    }
    tmp.persist(path)
        .map_err(|e| StoreError::io(path)(e.error))?;
    note(Step::Placed, path);
    Ok(true)
}
