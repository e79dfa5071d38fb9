//! Leaves a store can have again instead of keeping their digests: the `--generate`
//! numbering, or a file of fixed-width records read at any offset. A store built from
//! such a source may leave out level 0 (the largest file by far: 128 GiB at 2^32
//! SHA-256 leaves) and rehash the one subtree a proof needs.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use merklab_core::{Digest, LeafHash};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// Leaves per [`LeafHash::hash_leaf_batch`] call: a multi-buffer hash fills its lanes.
pub(crate) const HASH_RUN: usize = 256;

/// Where the leaves of a store without a leaf level come from, as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum LeafSource {
    /// Leaf `i` is `i` as 8 little-endian bytes (`--generate`).
    Generated,
    /// A file of `width`-byte records, `bytes` long; proofs read it again.
    Records {
        /// Bytes per record.
        width: u32,
        /// The file's length, the cheap identity checked before any read; the level
        /// above, which the checksums cover, catches a file of the same length.
        bytes: u64,
    },
}

impl LeafSource {
    /// The number of leaves the source holds, if it says (a file does).
    pub fn leaf_count(&self) -> Option<u64> {
        match *self {
            Self::Generated => None,
            Self::Records { width, bytes } => Some(bytes / u64::from(width)),
        }
    }
}

/// The encoded inputs of leaves, readable at any index: what a store without a leaf
/// level rehashes.
pub trait LeafInputs: Send + Sync {
    /// What the manifest records about this source.
    fn source(&self) -> LeafSource;
    /// Bytes per leaf input.
    fn width(&self) -> usize;
    /// Writes the inputs of leaves `start..end` into `out` (`(end - start) * width` bytes).
    fn read(&self, start: u64, end: u64, out: &mut [u8]) -> Result<(), StoreError>;
}

/// Leaf `i` is `i` as 8 little-endian bytes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Generated;

impl LeafInputs for Generated {
    fn source(&self) -> LeafSource {
        LeafSource::Generated
    }
    fn width(&self) -> usize {
        8
    }
    fn read(&self, start: u64, end: u64, out: &mut [u8]) -> Result<(), StoreError> {
        for (i, slot) in (start..end).zip(out.chunks_exact_mut(8)) {
            slot.copy_from_slice(&i.to_le_bytes());
        }
        Ok(())
    }
}

/// A file of fixed-width records, read by offset (no stream position, so threads share it).
#[derive(Debug)]
pub struct Records {
    path: PathBuf,
    file: File,
    width: u32,
    bytes: u64,
}

impl Records {
    /// Opens `path` as records of `width` bytes; a length that is not whole records is
    /// refused.
    pub fn open(path: &Path, width: u32) -> Result<Self, StoreError> {
        let file = File::open(path).map_err(StoreError::io(path))?;
        let bytes = file.metadata().map_err(StoreError::io(path))?.len();
        if width == 0 || bytes % u64::from(width) != 0 {
            return Err(StoreError::Leaves(format!(
                "{}: {bytes} bytes are not whole {width}-byte records ({} bytes left over)",
                path.display(),
                bytes % u64::from(width.max(1))
            )));
        }
        Ok(Self {
            path: path.into(),
            file,
            width,
            bytes,
        })
    }
}

impl LeafInputs for Records {
    fn source(&self) -> LeafSource {
        LeafSource::Records {
            width: self.width,
            bytes: self.bytes,
        }
    }
    fn width(&self) -> usize {
        self.width as usize
    }
    fn read(&self, start: u64, end: u64, out: &mut [u8]) -> Result<(), StoreError> {
        let width = u64::from(self.width);
        if end.saturating_mul(width) > self.bytes {
            return Err(StoreError::Leaves(format!(
                "{}: leaves {start}..{end} are beyond its {} records",
                self.path.display(),
                self.bytes / width
            )));
        }
        self.file
            .read_exact_at(out, start * width)
            .map_err(StoreError::io(&self.path))
    }
}

/// Leaf digests by index, as canonical bytes, so a [`crate::Store`] (not generic over
/// the digest) can hold one: inputs and the leaf hash together.
pub trait LeafDigests: Send + Sync {
    /// What the manifest records about the inputs.
    fn source(&self) -> LeafSource;
    /// Appends the canonical bytes of leaf digests `start..end` to `out`.
    fn digests(&self, start: u64, end: u64, out: &mut Vec<u8>) -> Result<(), StoreError>;
}

/// [`LeafDigests`] from leaf inputs and the leaf hash that built the store.
pub struct Rehash<I, L> {
    /// The inputs.
    pub inputs: I,
    /// The leaf hash.
    pub hash: L,
}

impl<I, L> LeafDigests for Rehash<I, L>
where
    I: LeafInputs,
    L: LeafHash<Input = [u8]> + Send + Sync,
{
    fn source(&self) -> LeafSource {
        self.inputs.source()
    }
    fn digests(&self, start: u64, end: u64, out: &mut Vec<u8>) -> Result<(), StoreError> {
        let width = self.inputs.width();
        let mut raw = vec![0u8; HASH_RUN * width];
        let mut digests = [L::Digest::zero(); HASH_RUN];
        let mut at = start;
        while at < end {
            let stop = end.min(at + HASH_RUN as u64);
            let n = (stop - at) as usize;
            self.inputs.read(at, stop, &mut raw[..n * width])?;
            hash_run(&self.hash, &raw[..n * width], width, &mut digests[..n]);
            for d in &digests[..n] {
                d.write_bytes(out);
            }
            at = stop;
        }
        Ok(())
    }
}

/// Hashes the consecutive `width`-byte inputs in `raw` into `out`, one batch call per
/// [`HASH_RUN`] leaves, with the input references on the stack.
pub(crate) fn hash_run<L: LeafHash<Input = [u8]>>(
    hash: &L,
    raw: &[u8],
    width: usize,
    out: &mut [L::Digest],
) {
    let mut refs: [&[u8]; HASH_RUN] = [&[]; HASH_RUN];
    for (inputs, out) in raw.chunks(HASH_RUN * width).zip(out.chunks_mut(HASH_RUN)) {
        let n = out.len();
        for (slot, input) in refs.iter_mut().zip(inputs.chunks_exact(width)) {
            *slot = input;
        }
        hash.hash_leaf_batch(&refs[..n], out);
    }
}
