//! The store's manifest: layout, size, progress and the checksum of every level file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use merklab_core::Digest;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::layout::LayoutSpec;
use crate::leaves::LeafSource;

/// The manifest's file name inside a store directory.
pub const MANIFEST: &str = "manifest.json";
/// The `format` field of every store manifest.
pub const FORMAT: &str = "merklab-store";
/// The layout of the files this version writes.
pub const VERSION: u32 = 1;

/// Whether the store is complete or a build stopped at a checkpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Leaves are still coming; `pending` and the level lengths are the last checkpoint.
    Building,
    /// Every level is written and checksummed, and the root is recorded.
    Complete,
}

/// One level file: its level, its node count and (once complete) its BLAKE3 hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelEntry {
    /// The level, 0 = leaves.
    pub level: usize,
    /// Nodes in the file (at a checkpoint: nodes written so far).
    pub nodes: u64,
    /// BLAKE3 of the file, hex; absent while building.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blake3: Option<String>,
}

/// The manifest of a store directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file layout version, [`VERSION`].
    pub version: u32,
    /// The hash, arity and policy.
    pub layout: LayoutSpec,
    /// Bytes per node in the level files.
    pub digest_bytes: usize,
    /// Levels whose number is a multiple of this are kept on disk (1 keeps all).
    pub keep_every: u32,
    /// Complete, or stopped at a checkpoint.
    pub state: State,
    /// Leaves in the tree (at a checkpoint: leaves absorbed so far).
    pub leaf_count: u64,
    /// The root, hex of its canonical bytes; present once complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// The kept level files.
    pub levels: Vec<LevelEntry>,
    /// Where the leaves can be had again when level 0 is not kept; absent when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaves: Option<LeafSource>,
    /// While an append is under way: the leaf count before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appending_from: Option<u64>,
    /// At a checkpoint: per level, the nodes of the incomplete group (hex).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Vec<String>>,
}

impl Manifest {
    /// Whether level `level` has a file.
    pub fn kept(&self, level: usize) -> bool {
        level.is_multiple_of(self.keep_every as usize) && !(level == 0 && self.leaves.is_some())
    }

    /// The path of level `level`'s file inside `dir`.
    pub fn level_path(dir: &Path, level: usize) -> PathBuf {
        dir.join(format!("level-{level:02}.nodes"))
    }

    /// Reads and checks the manifest of the store at `dir`.
    pub fn read(dir: &Path) -> Result<Self, StoreError> {
        if !fs::metadata(dir).map_err(StoreError::io(dir))?.is_dir() {
            return Err(StoreError::NotADirectory(dir.into()));
        }
        let path = dir.join(MANIFEST);
        let text = fs::read_to_string(&path).map_err(StoreError::io(&path))?;
        let bad = |why: String| StoreError::Manifest {
            path: path.clone(),
            why,
        };
        let manifest: Self = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
        if manifest.format != FORMAT {
            return Err(bad(format!(
                "format is '{}', not '{FORMAT}'",
                manifest.format
            )));
        }
        if manifest.version != VERSION {
            return Err(bad(format!(
                "version {} is not the supported {VERSION}",
                manifest.version
            )));
        }
        if manifest.keep_every == 0 {
            return Err(bad("keep_every is 0".into()));
        }
        Ok(manifest)
    }

    /// Writes the manifest atomically (a temporary file renamed over the old one), so
    /// a crash leaves the previous checkpoint or this one, never half of either.
    pub fn write(&self, dir: &Path) -> Result<(), StoreError> {
        let path = dir.join(MANIFEST);
        let text = serde_json::to_string_pretty(self).map_err(|e| StoreError::Manifest {
            path: path.clone(),
            why: e.to_string(),
        })?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(StoreError::io(dir))?;
        tmp.write_all(text.as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(StoreError::io(tmp.path()))?;
        tmp.persist(&path)
            .map_err(|e| StoreError::io(&path)(e.error))?;
        Ok(())
    }

    /// The recorded root, decoded as `D`.
    pub fn root<D: Digest>(&self, dir: &Path) -> Result<D, StoreError> {
        let text = self
            .root
            .as_deref()
            .ok_or(StoreError::Unfinished(dir.into()))?;
        decode_hex(text).ok_or_else(|| StoreError::Manifest {
            path: dir.join(MANIFEST),
            why: "the root is not a digest of this layout".into(),
        })
    }
}

/// A digest as hex of its canonical bytes.
pub(crate) fn encode_hex<D: Digest>(digest: &D) -> String {
    let mut bytes = Vec::with_capacity(D::BYTES);
    digest.write_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Hex of a digest's canonical bytes back to the digest.
pub(crate) fn decode_hex<D: Digest>(text: &str) -> Option<D> {
    D::read_bytes(&hex::decode(text).ok()?).ok()
}
