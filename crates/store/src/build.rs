//! Writing a store: leaves stream in, every kept level is appended sequentially, and
//! memory holds one batch plus fewer than `K` nodes per level.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use merklab_core::layers::layer_sizes;
use merklab_core::{Compression, Digest, TreeError};

use crate::error::StoreError;
use crate::frontier::Frontier;
use crate::layout::LayoutSpec;
use crate::leaves::{LeafDigests, LeafSource};
use crate::manifest::{
    decode_hex, encode_hex, LevelEntry, Manifest, State, FORMAT, MANIFEST, VERSION,
};

/// The most levels `keep_every` may skip between two kept ones.
pub const MAX_KEEP_EVERY: u32 = 32;

/// The most leaves a proof from a store without a leaf level may hash again: one
/// subtree of `arity^keep_every` leaves.
pub const MAX_REHASHED_LEAVES: u64 = 1 << 20;

/// Leaves `arity^keep_every` under one node of the lowest kept level above the leaves,
/// if that is at most [`MAX_REHASHED_LEAVES`].
pub fn rehashed_leaves(arity: usize, keep_every: u32) -> Option<u64> {
    (arity as u64)
        .checked_pow(keep_every)
        .filter(|&n| n <= MAX_REHASHED_LEAVES)
}

/// One kept level being appended to.
struct LevelFile {
    path: PathBuf,
    out: BufWriter<File>,
    nodes: u64,
}

/// Builds a store from leaf digests pushed in order; see [`StoreBuilder::checkpoint`] for
/// resuming an interrupted build.
pub struct StoreBuilder<C: Compression<K>, const K: usize> {
    dir: PathBuf,
    compression: C,
    manifest: Manifest,
    frontier: Frontier<C::Digest>,
    files: Vec<Option<LevelFile>>,
    capacity: u64,
    bytes: Vec<u8>,
}

/// Refuses a path that is not a directory, or a directory with other files in it;
/// `Ok(true)` when it already holds a store.
fn prepare(dir: &Path) -> Result<bool, StoreError> {
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => Err(StoreError::NotADirectory(dir.into())),
        Ok(_) => {
            if dir.join(MANIFEST).is_file() {
                return Ok(true);
            }
            let mut entries = fs::read_dir(dir).map_err(StoreError::io(dir))?;
            if entries.next().is_some() {
                return Err(StoreError::NotAStore(dir.into()));
            }
            Ok(false)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
            Ok(false)
        }
        Err(e) => Err(StoreError::io(dir)(e)),
    }
}

impl<C: Compression<K>, const K: usize> StoreBuilder<C, K> {
    /// Starts a store in `dir` (created if missing, or empty), or resumes the
    /// interrupted build there; the second value says which. A finished store, a
    /// non-empty directory that is not a store and a path that is not a directory are
    /// refused, as is a resumed store of another layout or `keep_every`.
    pub fn create_or_resume(
        dir: &Path,
        layout: LayoutSpec,
        compression: C,
        keep_every: u32,
    ) -> Result<(Self, bool), StoreError> {
        Self::create_or_resume_with(dir, layout, compression, keep_every, None)
    }

    /// [`StoreBuilder::create_or_resume`], and with `leaves` a store that writes no
    /// leaf level: the manifest records where the leaves can be had again, and a proof
    /// rehashes the one subtree of `arity^keep_every` leaves it needs (at most
    /// [`MAX_REHASHED_LEAVES`]).
    pub fn create_or_resume_with(
        dir: &Path,
        layout: LayoutSpec,
        compression: C,
        keep_every: u32,
        leaves: Option<LeafSource>,
    ) -> Result<(Self, bool), StoreError> {
        if let Some(why) = layout.unsupported::<K>() {
            return Err(StoreError::Unsupported(why));
        }
        if keep_every == 0 || keep_every > MAX_KEEP_EVERY {
            return Err(StoreError::BadSetting(format!(
                "keep-every must be from 1 to {MAX_KEEP_EVERY}, not {keep_every}"
            )));
        }
        if leaves.is_some() && rehashed_leaves(K, keep_every).is_none() {
            return Err(StoreError::BadSetting(format!(
                "a store without a leaf level rehashes arity^keep-every leaves per proof; \
                 {K}^{keep_every} is more than {MAX_REHASHED_LEAVES}: lower --keep-every"
            )));
        }
        let capacity = match layout.policy.odd.fixed_depth() {
            Some(d) if d > merklab_core::MAX_DEPTH => {
                return Err(TreeError::DepthTooLarge(d).into())
            }
            Some(d) => (0..d).fold(1u64, |c, _| c.saturating_mul(K as u64)),
            None => u64::MAX,
        };
        if prepare(dir)? {
            let manifest = Manifest::read(dir)?;
            if manifest.state == State::Complete {
                return Err(StoreError::Exists(dir.into()));
            }
            if manifest.layout != layout {
                return Err(StoreError::LayoutMismatch(format!(
                    "the interrupted build in {} has {}",
                    dir.display(),
                    manifest.layout.differences(&layout)
                )));
            }
            if manifest.leaves != leaves {
                return Err(StoreError::LayoutMismatch(format!(
                    "the interrupted build in {} has leaves {:?}, not {leaves:?}",
                    dir.display(),
                    manifest.leaves
                )));
            }
            if manifest.keep_every != keep_every {
                return Err(StoreError::LayoutMismatch(format!(
                    "the interrupted build in {} keeps every {} levels, not {keep_every}",
                    dir.display(),
                    manifest.keep_every
                )));
            }
            return Ok((Self::resume(dir, compression, manifest, capacity)?, true));
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            layout,
            digest_bytes: C::Digest::BYTES,
            keep_every,
            state: State::Building,
            leaf_count: 0,
            root: None,
            levels: Vec::new(),
            leaves,
            appending_from: None,
            pending: Vec::new(),
        };
        manifest.write(dir)?;
        let builder = Self {
            dir: dir.into(),
            compression,
            manifest,
            frontier: Frontier::default(),
            files: Vec::new(),
            capacity,
            bytes: Vec::new(),
        };
        Ok((builder, false))
    }

    /// Reopens the level files at the checkpoint's lengths (dropping anything written
    /// after it) and restores the frontier.
    fn resume(
        dir: &Path,
        compression: C,
        manifest: Manifest,
        capacity: u64,
    ) -> Result<Self, StoreError> {
        let bad = |why: String| StoreError::Manifest {
            path: dir.join(MANIFEST),
            why,
        };
        if manifest.digest_bytes != C::Digest::BYTES {
            return Err(bad(format!(
                "{}-byte nodes, not {}",
                manifest.digest_bytes,
                C::Digest::BYTES
            )));
        }
        let mut pending = Vec::with_capacity(manifest.pending.len());
        for level in &manifest.pending {
            let nodes: Option<Vec<C::Digest>> = level.iter().map(|h| decode_hex(h)).collect();
            let nodes = nodes.ok_or_else(|| bad("a pending node is not a digest".into()))?;
            if nodes.len() >= K {
                return Err(bad("a pending group is full".into()));
            }
            pending.push(nodes);
        }
        let mut files = Vec::new();
        for entry in &manifest.levels {
            let path = Manifest::level_path(dir, entry.level);
            let file = OpenOptions::new()
                .append(true)
                .open(&path)
                .map_err(StoreError::io(&path))?;
            let length = entry.nodes * manifest.digest_bytes as u64;
            let found = file.metadata().map_err(StoreError::io(&path))?.len();
            if found < length {
                return Err(StoreError::Corrupt {
                    path,
                    why: format!("{found} bytes, the checkpoint recorded {length}"),
                });
            }
            file.set_len(length).map_err(StoreError::io(&path))?;
            if files.len() <= entry.level {
                files.resize_with(entry.level + 1, || None);
            }
            files[entry.level] = Some(LevelFile {
                path,
                out: BufWriter::new(file),
                nodes: entry.nodes,
            });
        }
        Ok(Self {
            dir: dir.into(),
            compression,
            manifest,
            frontier: Frontier { pending },
            files,
            capacity,
            bytes: Vec::new(),
        })
    }

    /// Reopens the finished store at `dir` to take more leaves, or resumes an append
    /// that stopped. Nodes of complete groups stay as they are; the last group of each
    /// layer, the only nodes an append changes, is taken back into the frontier, so
    /// the grown store is the one a build over all the leaves would write.
    pub fn append(dir: &Path, compression: C) -> Result<Self, StoreError> {
        Self::append_with(dir, compression, None)
    }

    /// [`StoreBuilder::append`] for a store that may keep no leaf level: `leaves` gives
    /// the digests of its last open group again. Only generated leaves can grow (a
    /// records file is recorded by its length, and appending changes the tree's
    /// leaves file); those leaves must continue the numbering.
    pub fn append_with(
        dir: &Path,
        compression: C,
        leaves: Option<Box<dyn LeafDigests>>,
    ) -> Result<Self, StoreError> {
        let manifest = Manifest::read(dir)?;
        if let Some(LeafSource::Records { .. }) = manifest.leaves {
            return Err(StoreError::Unsupported(format!(
                "{}: the store keeps no leaf level and names its leaves file by length, so it \
                 cannot grow; build a new store over the longer file",
                dir.display()
            )));
        }
        if manifest.state == State::Building {
            if manifest.appending_from.is_none() {
                return Err(StoreError::Unfinished(dir.into()));
            }
            let (builder, _) = Self::create_or_resume_with(
                dir,
                manifest.layout.clone(),
                compression,
                manifest.keep_every,
                manifest.leaves.clone(),
            )?;
            return Ok(builder);
        }
        if let Some(why) = manifest.layout.unsupported::<K>() {
            return Err(StoreError::Unsupported(why));
        }
        let mut store = crate::read::Store::open(dir)?;
        if let Some(leaves) = leaves {
            store.set_leaves(leaves)?;
        }
        let crate::read::Stable { pending, counts } = store.stable(&compression)?;
        drop(store);
        let mut manifest = manifest;
        manifest.appending_from = Some(manifest.leaf_count);
        manifest.state = State::Building;
        manifest.root = None;
        manifest.levels = counts
            .iter()
            .enumerate()
            .filter(|&(level, _)| manifest.kept(level))
            .map(|(level, &nodes)| LevelEntry {
                level,
                nodes,
                blake3: None,
            })
            .collect();
        manifest.pending = pending
            .iter()
            .map(|level| level.iter().map(encode_hex).collect())
            .collect();
        // The manifest first: once it is written the files are cut back to it on
        // resume, so a crash in between leaves a resumable store.
        manifest.write(dir)?;
        let (builder, _) = Self::create_or_resume_with(
            dir,
            manifest.layout.clone(),
            compression,
            manifest.keep_every,
            manifest.leaves.clone(),
        )?;
        Ok(builder)
    }

    /// Leaves the store held before the append under way, if one is.
    pub fn appending_from(&self) -> Option<u64> {
        self.manifest.appending_from
    }

    /// Leaves absorbed so far (after a resume: up to the last checkpoint).
    pub fn leaf_count(&self) -> u64 {
        self.manifest.leaf_count
    }

    /// Appends the next leaf digests.
    pub fn push(&mut self, leaves: &[C::Digest]) -> Result<(), StoreError> {
        // Leaves are level-0 nodes: no level lies below them, so `push_at` takes them
        // whatever the store keeps.
        self.push_at(0, leaves)
    }

    /// Appends nodes of `level` that are the roots of complete subtrees of
    /// `arity^level` leaves each, as pushing those leaves would, when no level below is
    /// kept: a builder that hashes subtrees itself (as [`StoreBuilder::absorb`] does)
    /// hands only their roots over.
    pub fn push_at(&mut self, level: usize, nodes: &[C::Digest]) -> Result<(), StoreError> {
        let span = (K as u64).checked_pow(level as u32).unwrap_or(u64::MAX);
        let leaves = span.saturating_mul(nodes.len() as u64);
        let count = self.manifest.leaf_count;
        if (0..level).any(|l| self.manifest.kept(l))
            || !count.is_multiple_of(span)
            || !self.frontier.aligned(level)
        {
            return Err(StoreError::BadSetting(format!(
                "nodes of level {level} cannot be pushed at {count} leaves"
            )));
        }
        if count.saturating_add(leaves) > self.capacity {
            return Err(TreeError::TooManyLeaves {
                leaves: usize::try_from(count.saturating_add(leaves)).unwrap_or(usize::MAX),
                depth: self.manifest.layout.policy.odd.fixed_depth().unwrap_or(0),
                arity: K,
            }
            .into());
        }
        let Self {
            dir,
            compression,
            manifest,
            frontier,
            files,
            bytes,
            ..
        } = self;
        let policy = manifest.layout.policy;
        let mut sink = |level: usize, nodes: &[C::Digest]| {
            write_level(dir, manifest, files, bytes, level, nodes)
        };
        frontier.absorb(compression, &policy, level, nodes, &mut sink)?;
        self.manifest.leaf_count += leaves;
        Ok(())
    }

    /// The store's manifest as it stands (at a checkpoint: the last one written).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The compression.
    pub(crate) fn compression(&self) -> &C {
        &self.compression
    }

    /// Makes everything pushed so far durable and records it in the manifest: a build
    /// stopped after this resumes here, without hashing these leaves again.
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.flush(false)?;
        self.manifest.levels = self.entries();
        self.manifest.pending = self
            .frontier
            .pending
            .iter()
            .map(|level| level.iter().map(encode_hex).collect())
            .collect();
        self.manifest.write(&self.dir)
    }

    /// Resolves the last groups, checksums every level file and records the root.
    pub fn finish(mut self) -> Result<Manifest, StoreError> {
        let count = self.manifest.leaf_count;
        let policy = self.manifest.layout.policy;
        let (root, added) = self
            .frontier
            .resolve(&self.compression, &policy, count)
            .map_err(|e| match e {
                TreeError::Empty => {
                    StoreError::BadSetting("a store needs at least one leaf".into())
                }
                e => e.into(),
            })?;
        for (level, node) in added {
            write_level(
                &self.dir,
                &self.manifest,
                &mut self.files,
                &mut self.bytes,
                level,
                &[node],
            )?;
        }
        self.flush(true)?;
        let sizes = layer_sizes(count, K, policy.odd)?;
        let mut levels = self.entries();
        for entry in &mut levels {
            let path = Manifest::level_path(&self.dir, entry.level);
            if sizes.get(entry.level) != Some(&entry.nodes) {
                return Err(StoreError::Corrupt {
                    path,
                    why: format!(
                        "{} nodes written for a layer of {:?}",
                        entry.nodes,
                        sizes.get(entry.level)
                    ),
                });
            }
            entry.blake3 = Some(checksum(&path)?);
        }
        self.manifest.levels = levels;
        self.manifest.pending.clear();
        self.manifest.appending_from = None;
        self.manifest.root = Some(encode_hex(&root));
        self.manifest.state = State::Complete;
        self.manifest.write(&self.dir)?;
        Ok(self.manifest)
    }

    fn entries(&self) -> Vec<LevelEntry> {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(level, f)| {
                f.as_ref().map(|f| LevelEntry {
                    level,
                    nodes: f.nodes,
                    blake3: None,
                })
            })
            .collect()
    }

    /// Hands everything written to the operating system (a killed process loses
    /// nothing), and with `durable` waits until it is on disk (a power loss neither).
    fn flush(&mut self, durable: bool) -> Result<(), StoreError> {
        for f in self.files.iter_mut().flatten() {
            f.out.flush().map_err(StoreError::io(&f.path))?;
            if durable {
                f.out
                    .get_ref()
                    .sync_data()
                    .map_err(StoreError::io(&f.path))?;
            }
        }
        Ok(())
    }
}

/// Appends `nodes` to level `level`'s file when the level is kept.
fn write_level<D: Digest>(
    dir: &Path,
    manifest: &Manifest,
    files: &mut Vec<Option<LevelFile>>,
    bytes: &mut Vec<u8>,
    level: usize,
    nodes: &[D],
) -> Result<(), StoreError> {
    if !manifest.kept(level) {
        return Ok(());
    }
    if files.len() <= level {
        files.resize_with(level + 1, || None);
    }
    let slot = &mut files[level];
    if slot.is_none() {
        let path = Manifest::level_path(dir, level);
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&path)
            .map_err(StoreError::io(&path))?;
        *slot = Some(LevelFile {
            path,
            out: BufWriter::with_capacity(1 << 20, file),
            nodes: 0,
        });
    }
    let Some(f) = slot else { return Ok(()) };
    bytes.clear();
    for node in nodes {
        node.write_bytes(bytes);
    }
    f.out.write_all(bytes).map_err(StoreError::io(&f.path))?;
    f.nodes += nodes.len() as u64;
    Ok(())
}

/// BLAKE3 of a file, hex.
pub(crate) fn checksum(path: &Path) -> Result<String, StoreError> {
    let mut file = File::open(path).map_err(StoreError::io(path))?;
    let mut hasher = blake3::Hasher::new();
    std::io::copy(&mut file, &mut hasher).map_err(StoreError::io(path))?;
    Ok(hasher.finalize().to_hex().to_string())
}
