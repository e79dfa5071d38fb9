//! Typed errors of the store and of shards.

use std::path::PathBuf;

use merklab_core::TreeError;
use thiserror::Error;

/// Why a store could not be created, written, opened or read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A file operation failed (a full disk lands here; the last checkpoint stays valid).
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A write failed for want of room: the disk or quota is full, or the process's
    /// file size limit was reached. Nothing before the last checkpoint is lost.
    #[error("{path}: {source}; the store keeps its last checkpoint: make room and run the same command again to resume")]
    Full {
        /// The file being written.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The store path exists and is not a directory (a file, a FIFO, a device).
    #[error("{0}: not a directory")]
    NotADirectory(PathBuf),
    /// The directory holds files and no store manifest.
    #[error("{0}: not empty and not a merklab store; refusing to write into it")]
    NotAStore(PathBuf),
    /// A store already exists where a new one was to be created.
    #[error("{0}: already holds a store")]
    Exists(PathBuf),
    /// The manifest does not parse or contradicts itself.
    #[error("{path}: bad manifest: {why}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// A level file's length or checksum differs from the manifest's.
    #[error("{path}: {why}; the store is corrupted")]
    Corrupt {
        /// The level file.
        path: PathBuf,
        /// What differs.
        why: String,
    },
    /// The store was not finished (a build was interrupted); resume it first.
    #[error("{0}: the build was interrupted at a checkpoint; resume it to finish the store")]
    Unfinished(PathBuf),
    /// The store is finished; nothing is left to resume.
    #[error("{0}: the store is already finished")]
    Finished(PathBuf),
    /// Something other than a regular file (a directory, a symbolic link) is where a
    /// file or directory is to be written; it is left as it is.
    #[error("{0}: in the way (not the regular file or directory written there); left as it is")]
    InTheWay(PathBuf),
    /// The layout asked for differs from the one the store or shard was built with.
    #[error("layout mismatch: {0}")]
    LayoutMismatch(String),
    /// The layout cannot be built leaf by leaf.
    #[error("{0}")]
    Unsupported(String),
    /// A setting out of range.
    #[error("{0}")]
    BadSetting(String),
    /// The leaves given again for a store without a leaf level cannot be read or do
    /// not match what the store was built from.
    #[error("{0}")]
    Leaves(String),
    /// Leaves given again hash to another subtree than the store's: a different or
    /// altered leaves file, never a proof over it.
    #[error("leaves {start}..{end} do not hash to the store's node {index} of level {level}: these are not the leaves the store was built from")]
    LeavesMismatch {
        /// First leaf of the subtree.
        start: u64,
        /// End of the subtree (exclusive).
        end: u64,
        /// The level of the stored node it was checked against.
        level: usize,
        /// That node's index.
        index: u64,
    },
    /// The store keeps no leaf level and no leaf source was attached.
    #[error("{0}: the store keeps no leaf level; give the leaves it was built from again")]
    NoLeaves(PathBuf),
    /// The tree itself refused (no leaves, too many for a fixed depth, bad index).
    #[error(transparent)]
    Tree(#[from] TreeError),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| {
            use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, StorageFull};
            if matches!(source.kind(), StorageFull | FileTooLarge | QuotaExceeded) {
                Self::Full { path, source }
            } else {
                Self::Io { path, source }
            }
        }
    }
}

/// Why shards could not be built, read or merged.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShardError {
    /// No shards were given.
    #[error("no shards to merge")]
    NoShards,
    /// The first shard does not start at leaf 0.
    #[error("the first shard starts at leaf {0}, not 0")]
    Start(u64),
    /// Two consecutive shards leave leaves out.
    #[error("gap: one shard ends at leaf {end} and the next starts at {start}")]
    Gap {
        /// Where the earlier shard ends (exclusive).
        end: u64,
        /// Where the next one starts.
        start: u64,
    },
    /// Two consecutive shards cover some leaves twice.
    #[error("overlap: one shard ends at leaf {end} and the next starts at {start}")]
    Overlap {
        /// Where the earlier shard ends (exclusive).
        end: u64,
        /// Where the next one starts.
        start: u64,
    },
    /// Shards of different layouts.
    #[error("layout mismatch: {0}")]
    LayoutMismatch(String),
    /// A shard's content does not match its checksum or its range.
    #[error("shard [{start}, {end}): {why}")]
    Corrupt {
        /// First leaf.
        start: u64,
        /// End (exclusive).
        end: u64,
        /// What is wrong.
        why: String,
    },
    /// A shard over no leaves, or a range that is not one.
    #[error("bad range [{start}, {end}): {why}")]
    Range {
        /// First leaf.
        start: u64,
        /// End (exclusive).
        end: u64,
        /// Why.
        why: String,
    },
    /// The layout cannot be split (sorted leaves need a global order).
    #[error("{0}")]
    Unsupported(String),
    /// The merged tree is refused by its layout (too many leaves for a fixed depth).
    #[error(transparent)]
    Tree(#[from] TreeError),
}
