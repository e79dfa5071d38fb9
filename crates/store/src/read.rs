//! Reading a finished store: level files through mmap, checked against the manifest's
//! checksums on open; dropped levels are recomputed for one small subtree at a time.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use memmap2::Mmap;
use merklab_core::layers::{group_parent, layer_sizes, padding_digests};
use merklab_core::{Compression, Digest, MultiProof, Proof, TreeError};

use crate::build::checksum;
use crate::error::StoreError;
use crate::layout::LayoutSpec;
use crate::leaves::{LeafDigests, LeafSource};
use crate::manifest::{Manifest, State, MANIFEST};

/// A leaf source as a user names it, for a mismatch error.
fn describe(source: &LeafSource) -> String {
    match source {
        LeafSource::Generated => {
            "the generated leaves (leaf i = i as 8 little-endian bytes)".into()
        }
        LeafSource::Records { width, bytes } => {
            format!("{bytes} bytes of {width}-byte records")
        }
    }
}

/// Canonical digest bytes back to digests.
fn decode<D: Digest>(bytes: &[u8], dir: &Path) -> Result<Vec<D>, StoreError> {
    bytes
        .chunks_exact(D::BYTES)
        .map(|b| {
            D::read_bytes(b).map_err(|e| StoreError::Corrupt {
                path: dir.into(),
                why: e.to_string(),
            })
        })
        .collect()
}

/// What an append keeps of a finished store: per level, the open group's nodes and
/// the count of nodes that stay.
pub(crate) struct Stable<D> {
    pub(crate) pending: Vec<Vec<D>>,
    pub(crate) counts: Vec<u64>,
}

/// A finished store, opened for roots and proofs.
pub struct Store {
    dir: PathBuf,
    manifest: Manifest,
    sizes: Vec<u64>,
    /// Per level, the mapped file of a kept level.
    maps: Vec<Option<Mmap>>,
    /// Where leaf digests come from when level 0 is not kept.
    leaves: Option<Box<dyn LeafDigests>>,
    /// The last run of leaf digests rehashed and checked: a proof asks for the same
    /// subtree once per dropped level.
    checked: Mutex<Option<(u64, u64, Vec<u8>)>>,
}

impl Store {
    /// Opens the store at `dir`, checking every level file's length and BLAKE3 checksum,
    /// so a truncated or altered file is an error here rather than a wrong proof later.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let meta = std::fs::metadata(dir).map_err(StoreError::io(dir))?;
        if !meta.is_dir() {
            return Err(StoreError::NotADirectory(dir.into()));
        }
        let manifest = Manifest::read(dir)?;
        if manifest.state != State::Complete {
            return Err(StoreError::Unfinished(dir.into()));
        }
        let bad = |why: String| StoreError::Manifest {
            path: dir.join(MANIFEST),
            why,
        };
        let sizes = layer_sizes(
            manifest.leaf_count,
            manifest.layout.arity,
            manifest.layout.policy.odd,
        )
        .map_err(|e| bad(e.to_string()))?;
        let top = sizes.len() - 1;
        let mut maps: Vec<Option<Mmap>> = (0..sizes.len()).map(|_| None).collect();
        for level in (0..=top).filter(|&l| manifest.kept(l)) {
            let entry = manifest
                .levels
                .iter()
                .find(|e| e.level == level)
                .ok_or_else(|| bad(format!("level {level} is kept but not listed")))?;
            let path = Manifest::level_path(dir, level);
            let file = File::open(&path).map_err(StoreError::io(&path))?;
            let length = file.metadata().map_err(StoreError::io(&path))?.len();
            let expected = sizes[level].saturating_mul(manifest.digest_bytes as u64);
            if entry.nodes != sizes[level] || length != expected {
                return Err(StoreError::Corrupt {
                    path,
                    why: format!(
                        "{length} bytes where {} nodes need {expected}",
                        sizes[level]
                    ),
                });
            }
            let sum = checksum(&path)?;
            if entry.blake3.as_deref() != Some(sum.as_str()) {
                return Err(StoreError::Corrupt {
                    path,
                    why: "the BLAKE3 checksum differs from the manifest's".into(),
                });
            }
            // SAFETY: a finished store's files are never written again by merklab; the
            // map is read-only and every read is bounds-checked against its length.
            let map = unsafe { Mmap::map(&file) }.map_err(StoreError::io(&path))?;
            maps[level] = Some(map);
        }
        Ok(Self {
            dir: dir.into(),
            manifest,
            sizes,
            maps,
            leaves: None,
            checked: Mutex::new(None),
        })
    }

    /// Gives a store without a leaf level its leaves again (the generator, or the
    /// records file it was built from); refused when the source differs from the
    /// manifest's record. A store that keeps its leaf level needs none and ignores it.
    pub fn set_leaves(&mut self, leaves: Box<dyn LeafDigests>) -> Result<(), StoreError> {
        let Some(recorded) = &self.manifest.leaves else {
            return Ok(());
        };
        let given = leaves.source();
        if &given != recorded {
            return Err(StoreError::Leaves(format!(
                "the leaves given are {}, but {} was built from {}",
                describe(&given),
                self.dir.display(),
                describe(recorded)
            )));
        }
        self.leaves = Some(leaves);
        *self.checked.lock().unwrap_or_else(PoisonError::into_inner) = None;
        Ok(())
    }

    /// Whether the store writes no leaf level and needs its leaves given again.
    pub fn leaves_elsewhere(&self) -> Option<&LeafSource> {
        self.manifest.leaves.as_ref()
    }

    /// Leaf digests `start..end` of a store without a leaf level, rehashed from the
    /// attached source a whole subtree at a time: each subtree under a node of the
    /// lowest kept level (or under the root in a shallower tree) must give that node,
    /// which the checksums cover, so leaves that differ are an error, never a proof.
    fn leaf_nodes<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        start: u64,
        end: u64,
    ) -> Result<Vec<C::Digest>, StoreError> {
        let source = self
            .leaves
            .as_ref()
            .ok_or_else(|| StoreError::NoLeaves(self.dir.clone()))?;
        if start >= end {
            return Ok(Vec::new());
        }
        let width = self.manifest.digest_bytes;
        let check = (self.manifest.keep_every as usize).min(self.depth());
        let span = (K as u64).pow(check as u32);
        let lo = start / span * span;
        let hi = ((end - 1) / span + 1)
            .saturating_mul(span)
            .min(self.sizes[0]);
        let mut cache = self.checked.lock().unwrap_or_else(PoisonError::into_inner);
        let fresh = !matches!(&*cache, Some((a, b, _)) if *a <= start && end <= *b);
        if fresh {
            let mut bytes = Vec::with_capacity((hi - lo) as usize * width);
            source.digests(lo, hi, &mut bytes)?;
            let digests = decode::<C::Digest>(&bytes, &self.dir)?;
            let padding = padding_digests(
                compression,
                self.manifest.layout.policy.odd,
                self.leaf_count(),
            );
            for (block, leaves) in digests.chunks(span as usize).enumerate() {
                let index = lo / span + block as u64;
                let mut level = leaves.to_vec();
                for below in 0..check {
                    level = level
                        .chunks(K)
                        .map(|group| {
                            group_parent(
                                compression,
                                &self.manifest.layout.policy,
                                &padding,
                                below,
                                group,
                            )
                        })
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| StoreError::Corrupt {
                            path: self.dir.clone(),
                            why: "a group larger than the arity".into(),
                        })?;
                }
                let stored = if check == self.depth() {
                    self.manifest.root(&self.dir)?
                } else {
                    self.nodes(compression, &padding, check, index, index + 1)?[0]
                };
                if level.first() != Some(&stored) {
                    let first = index * span;
                    return Err(StoreError::LeavesMismatch {
                        start: first,
                        end: first + leaves.len() as u64,
                        level: check,
                        index,
                    });
                }
            }
            *cache = Some((lo, hi, bytes));
        }
        let Some((a, _, bytes)) = &*cache else {
            return Err(StoreError::NoLeaves(self.dir.clone()));
        };
        let from = (start - a) as usize * width;
        let to = (end - a) as usize * width;
        decode(&bytes[from..to], &self.dir)
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The layout the store was built with.
    pub fn layout(&self) -> &LayoutSpec {
        &self.manifest.layout
    }

    /// Number of leaves.
    pub fn leaf_count(&self) -> u64 {
        self.manifest.leaf_count
    }

    /// Number of layers above the leaves.
    pub fn depth(&self) -> usize {
        self.sizes.len() - 1
    }

    fn check<C: Compression<K>, const K: usize>(&self) -> Result<(), StoreError> {
        if self.manifest.layout.arity != K || self.manifest.digest_bytes != C::Digest::BYTES {
            return Err(StoreError::LayoutMismatch(format!(
                "the store has arity {} and {}-byte nodes, the compression arity {K} and {}-byte nodes",
                self.manifest.layout.arity,
                self.manifest.digest_bytes,
                C::Digest::BYTES
            )));
        }
        Ok(())
    }

    /// The root, recomputed from the highest level below it and checked against the
    /// manifest's, so an edited manifest cannot name another root.
    pub fn root<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
    ) -> Result<C::Digest, StoreError> {
        self.check::<C, K>()?;
        let recorded: C::Digest = self.manifest.root(&self.dir)?;
        let top = self.depth();
        if top == 0 {
            let leaf = self.nodes(compression, &[], 0, 0, 1)?;
            return self.same_root(recorded, leaf[0]);
        }
        let padding = padding_digests(
            compression,
            self.manifest.layout.policy.odd,
            self.leaf_count(),
        );
        let computed = self.computed(compression, &padding, top, 0, 1)?;
        self.same_root(recorded, computed[0])
    }

    fn same_root<D: Digest>(&self, recorded: D, computed: D) -> Result<D, StoreError> {
        if recorded != computed {
            return Err(StoreError::Corrupt {
                path: self.dir.join(MANIFEST),
                why: "the recorded root is not the root of the level files".into(),
            });
        }
        Ok(recorded)
    }

    /// Nodes `start..end` of `level` (below the root): read when the level is kept,
    /// otherwise computed from the nearest kept level below.
    fn nodes<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        padding: &[C::Digest],
        level: usize,
        start: u64,
        end: u64,
    ) -> Result<Vec<C::Digest>, StoreError> {
        let Some(Some(map)) = self.maps.get(level) else {
            if level == 0 {
                return self.leaf_nodes(compression, start, end);
            }
            return self.computed(compression, padding, level, start, end);
        };
        let width = self.manifest.digest_bytes;
        let path = Manifest::level_path(&self.dir, level);
        let corrupt = |why: String| StoreError::Corrupt {
            path: path.clone(),
            why,
        };
        let from = usize::try_from(start).map_err(|e| corrupt(e.to_string()))? * width;
        let to = usize::try_from(end).map_err(|e| corrupt(e.to_string()))? * width;
        let bytes = map
            .get(from..to)
            .ok_or_else(|| corrupt(format!("nodes {start}..{end} are beyond the file")))?;
        bytes
            .chunks_exact(width)
            .map(|b| C::Digest::read_bytes(b).map_err(|e| corrupt(e.to_string())))
            .collect()
    }

    /// Nodes `start..end` of `level` computed from their children one level down.
    fn computed<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        padding: &[C::Digest],
        level: usize,
        start: u64,
        end: u64,
    ) -> Result<Vec<C::Digest>, StoreError> {
        let k = K as u64;
        let below = level - 1;
        let lower_end = end.saturating_mul(k).min(self.sizes[below]);
        let children = self.nodes(compression, padding, below, start * k, lower_end)?;
        let policy = self.manifest.layout.policy;
        children
            .chunks(K)
            .map(|group| {
                group_parent(compression, &policy, padding, below, group).ok_or_else(|| {
                    StoreError::Corrupt {
                        path: self.dir.clone(),
                        why: "a group larger than the arity".into(),
                    }
                })
            })
            .collect()
    }

    /// The node at `index` of `level` (0 = leaves; the root is `depth()`, index 0).
    pub fn node<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        level: usize,
        index: u64,
    ) -> Result<C::Digest, StoreError> {
        self.check::<C, K>()?;
        let size = self.sizes.get(level).copied().unwrap_or(0);
        if index >= size {
            return Err(StoreError::BadSetting(format!(
                "level {level} has {size} nodes, none at {index}"
            )));
        }
        if level == self.depth() {
            return self.root::<C, K>(compression);
        }
        let padding = padding_digests(
            compression,
            self.manifest.layout.policy.odd,
            self.leaf_count(),
        );
        Ok(self.nodes(compression, &padding, level, index, index + 1)?[0])
    }

    /// Nodes `start..end` of `level` (0 = leaves, up to `depth()`), read where the level
    /// is kept and recomputed where it was dropped: a whole run in one call, as a tlog
    /// tile needs, instead of one [`Store::node`] per node.
    pub fn level_nodes<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        level: usize,
        start: u64,
        end: u64,
    ) -> Result<Vec<C::Digest>, StoreError> {
        self.check::<C, K>()?;
        let size = self.sizes.get(level).copied().unwrap_or(0);
        if start > end || end > size {
            return Err(StoreError::BadSetting(format!(
                "level {level} has {size} nodes, not {start}..{end}"
            )));
        }
        let padding = padding_digests(
            compression,
            self.manifest.layout.policy.odd,
            self.leaf_count(),
        );
        self.nodes(compression, &padding, level, start, end)
    }

    /// Per level, the nodes that stay when leaves are appended (those of complete
    /// groups), and of them the ones in the group still open: the frontier to resume
    /// from, and the node count each level file keeps.
    pub(crate) fn stable<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
    ) -> Result<Stable<C::Digest>, StoreError> {
        self.check::<C, K>()?;
        let k = K as u64;
        let mut pending = Vec::new();
        let mut counts = Vec::new();
        let mut stable = self.leaf_count();
        for level in 0..self.sizes.len() {
            counts.push(stable);
            let open = stable / k * k;
            pending.push(self.nodes(compression, &[], level, open, stable)?);
            stable /= k;
        }
        Ok(Stable { pending, counts })
    }

    /// The leaf digest at `index`.
    pub fn leaf<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        index: u64,
    ) -> Result<C::Digest, StoreError> {
        self.check::<C, K>()?;
        self.in_range(index)?;
        Ok(self.nodes(compression, &[], 0, index, index + 1)?[0])
    }

    fn in_range(&self, index: u64) -> Result<(), StoreError> {
        if index >= self.leaf_count() {
            return Err(TreeError::IndexOutOfRange {
                index: usize::try_from(index).unwrap_or(usize::MAX),
                leaves: usize::try_from(self.leaf_count()).unwrap_or(usize::MAX),
            }
            .into());
        }
        Ok(())
    }

    /// The inclusion proof of leaf `index`, the one [`merklab_core::MerkleTree::prove`]
    /// gives for the same tree.
    pub fn prove<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        index: u64,
    ) -> Result<Proof<C::Digest, K>, StoreError> {
        self.check::<C, K>()?;
        self.in_range(index)?;
        let padding = padding_digests(
            compression,
            self.manifest.layout.policy.odd,
            self.leaf_count(),
        );
        let k = K as u64;
        let mut siblings = Vec::new();
        let mut pos = index;
        for level in 0..self.depth() {
            let start = pos / k * k;
            let end = (start + k).min(self.sizes[level]);
            let group = self.nodes(compression, &padding, level, start, end)?;
            siblings.extend(
                (start..end)
                    .zip(group)
                    .filter(|&(j, _)| j != pos)
                    .map(|(_, d)| d),
            );
            pos /= k;
        }
        Ok(Proof {
            policy: self.manifest.layout.policy,
            leaf_count: self.leaf_count(),
            leaf_index: index,
            siblings,
        })
    }

    /// One proof for several leaves, the one [`merklab_core::MerkleTree::prove_many`]
    /// gives for the same tree.
    pub fn prove_many<C: Compression<K>, const K: usize>(
        &self,
        compression: &C,
        indices: &[u64],
    ) -> Result<MultiProof<C::Digest, K>, StoreError> {
        self.check::<C, K>()?;
        let mut known = indices.to_vec();
        known.sort_unstable();
        if known.is_empty() || known.windows(2).any(|w| w[0] == w[1]) {
            return Err(TreeError::BadIndices.into());
        }
        if let Some(&last) = known.last() {
            self.in_range(last)?;
        }
        let padding = padding_digests(
            compression,
            self.manifest.layout.policy.odd,
            self.leaf_count(),
        );
        let proven = known.clone();
        let k = K as u64;
        let mut siblings = Vec::new();
        for level in 0..self.depth() {
            let mut next = Vec::with_capacity(known.len());
            let mut i = 0;
            while i < known.len() {
                let group = known[i] / k;
                let start = group * k;
                let end = (start + k).min(self.sizes[level]);
                let nodes = self.nodes(compression, &padding, level, start, end)?;
                for (j, node) in (start..end).zip(nodes) {
                    if i < known.len() && known[i] == j {
                        i += 1;
                    } else {
                        siblings.push(node);
                    }
                }
                next.push(group);
            }
            known = next;
        }
        Ok(MultiProof {
            policy: self.manifest.layout.policy,
            leaf_count: self.leaf_count(),
            indices: proven,
            siblings,
        })
    }
}
