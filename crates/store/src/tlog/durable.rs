//! Waiting for the disk before a tile directory's checkpoint: a checkpoint names every
//! tile below its size, so the tiles and the directory entries that hold them reach
//! the disk first, and only then is the checkpoint written (itself synced before its
//! rename, and its directory after), so that no power loss leaves a checkpoint naming
//! tiles that are not there.

use std::fs::File;
use std::path::Path;
#[cfg(any(test, not(target_os = "linux")))]
use std::path::PathBuf;

use crate::error::StoreError;

/// One step of a tile directory's writing, as the tests observe their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// A file renamed into place.
    Placed,
    /// A file's data and length flushed to the disk.
    FileSynced,
    /// A directory's entries flushed to the disk.
    DirSynced,
    /// Everything written to the filesystem holding a directory flushed to the disk.
    FsSynced,
}

/// The steps taken, in order, for the order tests.
#[cfg(test)]
pub(super) static STEPS: std::sync::Mutex<Vec<(Step, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// Records `step` on `path` for the order tests; nothing outside them.
pub(super) fn note(step: Step, path: &Path) {
    #[cfg(test)]
    STEPS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push((step, path.to_path_buf()));
    let _ = (step, path);
}

/// `file`'s data to the disk (`fsync`).
pub(super) fn sync_file(file: &File, path: &Path) -> Result<(), StoreError> {
    file.sync_all().map_err(StoreError::io(path))?;
    note(Step::FileSynced, path);
    Ok(())
}

/// The entries of directory `dir` to the disk, so files renamed into it stay there. A
/// directory cannot be opened for this outside Unix, where the rename is the last word.
pub(super) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io(dir))?;
    note(Step::DirSynced, dir);
    Ok(())
}

/// The tiles a checkpoint will name, flushed to the disk before it. On Linux that is
/// one `syncfs` of the filesystem holding the tile directory, after the last tile: an
/// `fsync` per tile costs a disk flush each, about 40 times the unsynced run at 2^20
/// leaves (docs/benchmarks.md), and nothing per tile is kept, so a log of 2^24 tiles
/// holds no list of them. Elsewhere each tile is flushed as it is added and its
/// directories (one per thousand tiles) are flushed after the last.
#[derive(Default)]
pub(super) struct Pending {
    #[cfg(not(target_os = "linux"))]
    dirs: std::collections::BTreeSet<PathBuf>,
}

impl Pending {
    /// Adds the tile at `path`, below `out`.
    #[cfg(target_os = "linux")]
    pub(super) fn add(&mut self, out: &Path, path: &Path) -> Result<(), StoreError> {
        debug_assert!(path.starts_with(out));
        Ok(())
    }

    /// Adds the tile at `path`, below `out`: flushes it now and notes every directory
    /// between them.
    #[cfg(not(target_os = "linux"))]
    pub(super) fn add(&mut self, out: &Path, path: &Path) -> Result<(), StoreError> {
        let file = File::open(path).map_err(StoreError::io(path))?;
        sync_file(&file, path)?;
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| d.starts_with(out)) {
            if !self.dirs.insert(d.to_path_buf()) {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// Flushes the filesystem holding `out`, and with it every tile and directory.
    #[cfg(target_os = "linux")]
    pub(super) fn sync(self, out: &Path) -> Result<(), StoreError> {
        let dir = File::open(out).map_err(StoreError::io(out))?;
        rustix::fs::syncfs(&dir).map_err(|e| StoreError::io(out)(e.into()))?;
        note(Step::FsSynced, out);
        Ok(())
    }

    /// Flushes every directory a tile was added to.
    #[cfg(not(target_os = "linux"))]
    pub(super) fn sync(self, _out: &Path) -> Result<(), StoreError> {
        for dir in &self.dirs {
            sync_dir(dir)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use merklab_core::{ByteDigest, DomainTags, LeafHash};
    use merklab_hashes::{ByteHash, Sha256};

    use super::{Step, STEPS};
    use crate::tlog::{tiles, write_tiles, CHECKPOINT};
    use crate::{LayoutSpec, Store, StoreBuilder};

    const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);

    fn rfc6962_store(dir: &Path, n: u64) -> Store {
        let layout = LayoutSpec::rfc6962();
        let (mut b, _) = StoreBuilder::<_, 2>::create_or_resume(dir, layout, HASH, 1).unwrap();
        let leaves: Vec<ByteDigest<32>> =
            (0..n).map(|i| HASH.hash_leaf(&i.to_le_bytes())).collect();
        b.push(&leaves).unwrap();
        b.finish().unwrap();
        Store::open(dir).unwrap()
    }

    /// Every directory below `dir`, `dir` included, found on disk.
    fn dirs_below(dir: &Path, dirs: &mut Vec<PathBuf>) {
        dirs.push(dir.to_path_buf());
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs_below(&path, dirs);
            }
        }
    }

    /// The steps taken below `out`, from the shared record.
    fn steps_below(out: &Path) -> Vec<(Step, PathBuf)> {
        let all = STEPS.lock().unwrap_or_else(|e| e.into_inner());
        all.iter()
            .filter(|(_, p)| p.starts_with(out))
            .cloned()
            .collect()
    }

    /// Asserts that the run's last steps are the checkpoint synced, placed and its
    /// directory synced, and that every tile of a tree of `leaves` leaves and every
    /// directory on disk was synced before.
    fn check_order(out: &Path, leaves: u64, steps: &[(Step, PathBuf)]) {
        let checkpoint = out.join(CHECKPOINT);
        let n = steps.len();
        assert!(n >= 3, "{steps:?}");
        assert_eq!(steps[n - 3], (Step::FileSynced, checkpoint.clone()));
        assert_eq!(steps[n - 2], (Step::Placed, checkpoint.clone()));
        assert_eq!(steps[n - 1], (Step::DirSynced, out.to_path_buf()));
        let before = &steps[..n - 3];
        let files: Vec<PathBuf> = tiles(leaves).map(|t| out.join(t.path())).collect();
        let mut dirs = vec![out.to_path_buf()];
        dirs_below(&out.join("tile"), &mut dirs);
        assert!(files.len() > 3 && dirs.len() > 4, "{files:?} {dirs:?}");
        // The last step that flushed `path`: its own sync or the whole filesystem's.
        let synced = |step: Step, path: &PathBuf| {
            before
                .iter()
                .rposition(|s| *s == (step, path.clone()) || *s == (Step::FsSynced, out.into()))
        };
        for file in &files {
            let placed = before
                .iter()
                .position(|s| *s == (Step::Placed, file.clone()));
            let synced = synced(Step::FileSynced, file);
            assert!(synced.is_some(), "{} not synced", file.display());
            assert!(placed < synced, "{} synced before placed", file.display());
        }
        for dir in &dirs {
            assert!(synced(Step::DirSynced, dir).is_some(), "{}", dir.display());
        }
    }

    #[test]
    fn the_checkpoint_is_written_after_every_tile_reaches_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = rfc6962_store(&dir.path().join("store"), 70_000);
        let out = dir.path().join("tiles");
        write_tiles(&store, &HASH, &out, "example.com/log").unwrap();
        let first = steps_below(&out);
        check_order(&out, 70_000, &first);

        // A rerun writes no tile but still syncs them all before the new checkpoint,
        // since the tiles in place may come from a run the disk never saw.
        let grown = rfc6962_store(&dir.path().join("grown"), 70_001);
        write_tiles(&grown, &HASH, &out, "example.com/log").unwrap();
        let second = steps_below(&out)[first.len()..].to_vec();
        check_order(&out, 70_001, &second);
        let placed: Vec<_> = second.iter().filter(|s| s.0 == Step::Placed).collect();
        assert!(placed.len() < 6, "{placed:?}");
    }
}
