//! The tree: the leaf layer in the caller's own buffer, every layer above it in one
//! contiguous buffer.
//!
//! The leaves stay where the caller put them because growing the caller's vector to
//! hold the whole tree copied every leaf and touched twice the memory the hashing
//! needs: at 2^18 SHA-256 leaves that copy and its page faults were about a tenth of
//! the build (docs/benchmarks.md, "SHA-256's parallel gap closed: leaves kept,
//! children read in place").

use std::borrow::Borrow;

use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::error::{DecodeError, TreeError};
use crate::policy::{LeafOrder, OddNode, PairOrder, Policy};
use crate::shape::{
    group_parent, layer_sizes, padding_digests, ArityCheck, ShapeError, GROUP_FITS,
};
use crate::traits::{Compression, LeafHash};

/// Layers whose parent count is at least this are built with rayon (feature `parallel`)
/// by [`MerkleTree::build`]; [`MerkleTree::build_with_cutoff`] takes another, for
/// compressions costly enough (microseconds, as Aleo's field hashes) that even small
/// layers are worth spreading over every core.
pub const DEFAULT_PARALLEL_CUTOFF: usize = 256;

/// A Merkle tree of arity `K` over digests `D`: the leaf layer, then every layer above
/// it in one buffer, root last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerkleTree<D, const K: usize> {
    policy: Policy,
    leaf_count: usize,
    /// Layer 0: the leaves, plus the empty leaf of a fixed-depth tree with none.
    leaves: Vec<D>,
    /// Layers 1 and up, one after another; empty for a tree that is one leaf.
    upper: Vec<D>,
    /// Where each layer starts when every layer is counted from the first leaf, and
    /// where the last ends.
    offsets: Vec<usize>,
}

pub(crate) fn shape_to_tree_error(
    e: ShapeError,
    leaves: usize,
    k: usize,
    odd: OddNode,
) -> TreeError {
    match e {
        ShapeError::Empty => TreeError::Empty,
        ShapeError::DepthTooLarge(d) => TreeError::DepthTooLarge(d),
        ShapeError::TooMany => TreeError::TooManyLeaves {
            leaves,
            depth: odd.fixed_depth().unwrap_or(0),
            arity: k,
        },
    }
}

fn offsets_of(sizes: &[u64]) -> Vec<usize> {
    let mut offsets = Vec::with_capacity(sizes.len() + 1);
    let mut at = 0usize;
    offsets.push(0);
    for &s in sizes {
        at = at.saturating_add(usize::try_from(s).unwrap_or(usize::MAX));
        offsets.push(at);
    }
    offsets
}

impl<D: Digest, const K: usize> MerkleTree<D, K> {
    /// Builds a tree over leaf digests; layers with at least
    /// [`DEFAULT_PARALLEL_CUTOFF`] parents are built in parallel.
    ///
    /// ```
    /// use merklab_core::{Compression, MerkleTree, Policy, ByteDigest};
    /// struct Xor;
    /// impl Compression<2> for Xor {
    ///     type Digest = ByteDigest<1>;
    ///     fn compress(&self, c: &[ByteDigest<1>; 2]) -> ByteDigest<1> {
    ///         self.compress_short_group(c)
    ///     }
    ///     fn compress_short_group(&self, c: &[ByteDigest<1>]) -> ByteDigest<1> {
    ///         ByteDigest([c.iter().fold(0, |a, d| a ^ d.0[0]).rotate_left(1)])
    ///     }
    /// }
    /// let leaves = (1..=5u8).map(|b| ByteDigest([b])).collect();
    /// let tree = MerkleTree::<_, 2>::build(&Xor, Policy::new(), leaves).unwrap();
    /// assert_eq!(tree.depth(), 3);
    /// let proof = tree.prove(4).unwrap();
    /// assert!(merklab_core::verify(&Xor, &Policy::new(), tree.root(), ByteDigest([5]), &proof).is_ok());
    /// ```
    pub fn build<C: Compression<K, Digest = D>>(
        compression: &C,
        policy: Policy,
        leaves: Vec<D>,
    ) -> Result<Self, TreeError> {
        Self::build_with_cutoff(compression, policy, leaves, DEFAULT_PARALLEL_CUTOFF)
    }

    /// Builds serially whatever the size (the reference the parallel build must equal).
    pub fn build_serial<C: Compression<K, Digest = D>>(
        compression: &C,
        policy: Policy,
        leaves: Vec<D>,
    ) -> Result<Self, TreeError> {
        Self::build_with_cutoff(compression, policy, leaves, usize::MAX)
    }

    /// Hashes raw leaf inputs with `leaf_hash` (in parallel when large), then builds.
    pub fn from_inputs<L, C, I>(
        leaf_hash: &L,
        compression: &C,
        policy: Policy,
        inputs: &[I],
    ) -> Result<Self, TreeError>
    where
        L: LeafHash<Digest = D>,
        C: Compression<K, Digest = D>,
        I: Borrow<L::Input> + Sync,
    {
        Self::build(compression, policy, hash_leaves(leaf_hash, inputs))
    }

    /// Builds with rayon (feature `parallel`) for every layer with at least `cutoff`
    /// parents; the tree is the same whatever the cutoff.
    pub fn build_with_cutoff<C: Compression<K, Digest = D>>(
        compression: &C,
        policy: Policy,
        mut leaves: Vec<D>,
        cutoff: usize,
    ) -> Result<Self, TreeError> {
        let () = ArityCheck::<K>::OK;
        let leaf_count = leaves.len();
        let sizes = layer_sizes(leaf_count as u64, K, policy.odd)
            .map_err(|e| shape_to_tree_error(e, leaf_count, K, policy.odd))?;
        if policy.leaves == LeafOrder::Sorted {
            sort_digests(&mut leaves, cutoff);
        }
        let empties = padding_digests(compression, policy.odd, leaf_count as u64);
        let offsets = offsets_of(&sizes);
        if sizes[0] as usize > leaf_count {
            // No leaves under depth:0 or extend:D: the one leaf is the empty leaf.
            leaves.push(empties.first().copied().unwrap_or_else(D::zero));
        }
        let mut upper = zeroed(offsets[offsets.len() - 1] - offsets[1], cutoff);
        for level in 0..sizes.len() - 1 {
            let (src, dst) = if level == 0 {
                (&leaves[..], &mut upper[..])
            } else {
                let (lower, rest) = upper.split_at_mut(offsets[level + 1] - offsets[1]);
                (&lower[offsets[level] - offsets[1]..], rest)
            };
            let dst = &mut dst[..sizes[level + 1] as usize];
            fill_layer(compression, &policy, &empties, level, src, dst, cutoff);
        }
        Ok(Self {
            policy,
            leaf_count,
            leaves,
            upper,
            offsets,
        })
    }

    /// The root digest.
    pub fn root(&self) -> D {
        match self.upper.last() {
            Some(&root) => root,
            None => self.leaves[self.leaves.len() - 1],
        }
    }

    /// The policy the tree was built with.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Number of leaves.
    pub fn leaf_count(&self) -> usize {
        self.leaf_count
    }

    /// Number of layers above the leaves.
    pub fn depth(&self) -> usize {
        self.offsets.len() - 2
    }

    /// The leaves in tree order (sorted when the policy sorts leaves).
    pub fn leaves(&self) -> &[D] {
        &self.leaves[..self.leaf_count]
    }

    /// Layer `level` (0 = leaves), or `None` above the root.
    pub fn layer(&self, level: usize) -> Option<&[D]> {
        if level == 0 {
            return Some(&self.leaves);
        }
        let base = self.offsets[1];
        let start = *self.offsets.get(level)? - base;
        let end = *self.offsets.get(level + 1)? - base;
        Some(&self.upper[start..end])
    }

    /// Every node, leaves first, layer after layer, root last.
    pub fn nodes(&self) -> impl DoubleEndedIterator<Item = &D> + '_ {
        self.leaves.iter().chain(&self.upper)
    }

    /// How many nodes [`Self::nodes`] yields: every layer's size, added up.
    pub fn node_count(&self) -> usize {
        self.leaves.len() + self.upper.len()
    }

    /// Position of a leaf digest in tree order (first match).
    pub fn position_of(&self, leaf: &D) -> Option<usize> {
        match self.policy.leaves {
            LeafOrder::Sorted => self.leaves().binary_search(leaf).ok(),
            LeafOrder::AsGiven => self.leaves().iter().position(|l| l == leaf),
        }
    }

    /// Rebuilds a tree from its layers, checking shape (not hashes: see [`Self::check`]).
    pub fn from_nodes(
        policy: Policy,
        leaf_count: usize,
        nodes: Vec<D>,
    ) -> Result<Self, DecodeError> {
        let () = ArityCheck::<K>::OK;
        let sizes =
            layer_sizes(leaf_count as u64, K, policy.odd).map_err(|e| DecodeError::Invalid {
                field: "leaf count",
                why: shape_to_tree_error(e, leaf_count, K, policy.odd).to_string(),
            })?;
        let offsets = offsets_of(&sizes);
        let total = *offsets.last().unwrap_or(&0);
        if nodes.len() != total {
            return Err(DecodeError::Invalid {
                field: "nodes",
                why: format!(
                    "{leaf_count} leaves need {total} nodes, found {}",
                    nodes.len()
                ),
            });
        }
        let mut leaves = nodes;
        let upper = leaves.split_off(offsets[1]);
        // The decoded vector had room for every node; keep only what the leaves need.
        leaves.shrink_to_fit();
        Ok(Self {
            policy,
            leaf_count,
            leaves,
            upper,
            offsets,
        })
    }

    /// Recomputes every inner node with `compression`; true when all match.
    pub fn check<C: Compression<K, Digest = D>>(&self, compression: &C) -> bool {
        let leaves = self.leaves();
        if self.policy.leaves == LeafOrder::Sorted && leaves.windows(2).any(|w| w[0] > w[1]) {
            return false;
        }
        Self::build(compression, self.policy, leaves.to_vec())
            .map(|t| t.leaves == self.leaves && t.upper == self.upper)
            .unwrap_or(false)
    }
}

/// `len` zero digests for a buffer a build is about to fill (the leaf digests, the
/// layers above them). Writing them is the first touch of the buffer's pages, so a
/// buffer filled on rayon is zeroed on rayon too: the page faults then fall on both
/// threads instead of ahead of them on one.
fn zeroed<D: Digest>(len: usize, cutoff: usize) -> Vec<D> {
    #[cfg(feature = "parallel")]
    if len >= cutoff && len.saturating_mul(size_of::<D>()) >= ZERO_ON_RAYON_BYTES {
        use rayon::prelude::*;
        let mut out = Vec::with_capacity(len);
        out.par_extend(rayon::iter::repeat_n(D::zero(), len));
        return out;
    }
    let _ = cutoff;
    vec![D::zero(); len]
}

/// Upper-layer buffers at least this large are zeroed on rayon (256 pages of 4 KiB).
#[cfg(feature = "parallel")]
const ZERO_ON_RAYON_BYTES: usize = 1 << 20;

/// Hashes every input with `leaf_hash`, in parallel when there are many.
pub fn hash_leaves<L, I>(leaf_hash: &L, inputs: &[I]) -> Vec<L::Digest>
where
    L: LeafHash,
    I: Borrow<L::Input> + Sync,
{
    // Runs of LEAF_BATCH leaves through `hash_leaf_batch`, each written straight into
    // its place in the one output vector.
    let mut out = zeroed(inputs.len(), DEFAULT_PARALLEL_CUTOFF);
    for_each_run(
        inputs,
        &mut out,
        1,
        LEAF_BATCH,
        DEFAULT_PARALLEL_CUTOFF,
        |chunk, slots| {
            let refs: Vec<&L::Input> = chunk.iter().map(Borrow::borrow).collect();
            leaf_hash.hash_leaf_batch(&refs, slots);
        },
    );
    out
}

/// Calls `f` on matching runs of `src` and `dst`: `dst` in runs of `run` items, `src`
/// in runs of `per * run`. On rayon when `dst` has at least `cutoff` items, so each run
/// is one task and writes only its own slots.
fn for_each_run<S: Sync, T: Send>(
    src: &[S],
    dst: &mut [T],
    per: usize,
    run: usize,
    cutoff: usize,
    f: impl Fn(&[S], &mut [T]) + Sync,
) {
    #[cfg(feature = "parallel")]
    if dst.len() >= cutoff {
        use rayon::prelude::*;
        src.par_chunks(per * run)
            .zip(dst.par_chunks_mut(run))
            .for_each(|(from, to)| f(from, to));
        return;
    }
    let _ = cutoff;
    for (from, to) in src.chunks(per * run).zip(dst.chunks_mut(run)) {
        f(from, to);
    }
}

/// Leaves per [`LeafHash::hash_leaf_batch`] call (and per parallel task).
const LEAF_BATCH: usize = 64;

fn sort_digests<D: Digest>(leaves: &mut [D], cutoff: usize) {
    #[cfg(feature = "parallel")]
    if leaves.len() >= cutoff.saturating_mul(4) {
        use rayon::prelude::*;
        leaves.par_sort_unstable();
        return;
    }
    let _ = cutoff;
    leaves.sort_unstable();
}

/// Parents per batch handed to [`Compression::compress_batch`] (and per parallel task).
const BATCH: usize = 64;

pub(crate) fn fill_layer<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    empties: &[C::Digest],
    level: usize,
    src: &[C::Digest],
    dst: &mut [C::Digest],
    cutoff: usize,
) {
    // Every parent but possibly the last has a full group of K children, contiguous
    // in `src`; those go through `compress_batch` a run at a time. The last, short
    // group (if any) takes the policy's padding through `group_parent`.
    let full = (src.len() / K).min(dst.len());
    let (dst_full, dst_last) = dst.split_at_mut(full);
    for_each_run(
        &src[..full * K],
        dst_full,
        K,
        BATCH,
        cutoff,
        |children, out| {
            if policy.pairs == PairOrder::Sorted {
                let mut sorted = children.to_vec();
                for group in sorted.chunks_exact_mut(K) {
                    group.sort_unstable();
                }
                compression.compress_batch(&sorted, out);
            } else {
                compression.compress_batch(children, out);
            }
        },
    );
    if let Some(slot) = dst_last.first_mut() {
        let start = (full * K).min(src.len());
        *slot = group_parent(compression, policy, empties, level, &src[start..]).expect(GROUP_FITS);
    }
}

/// The serialized public data of a tree: arity, policy, leaf count and every node.
#[derive(Serialize, Deserialize)]
#[serde(bound(deserialize = "D: Digest"))]
struct TreeData<D> {
    arity: usize,
    policy: Policy,
    leaf_count: usize,
    nodes: Vec<D>,
}

impl<D: Digest, const K: usize> Serialize for MerkleTree<D, K> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // One sequence of every node, as the tree was stored when it was one buffer.
        struct Nodes<'a, D, const K: usize>(&'a MerkleTree<D, K>);
        impl<D: Digest, const K: usize> Serialize for Nodes<'_, D, K> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.nodes())
            }
        }
        let mut s = serializer.serialize_struct("View", 4)?;
        s.serialize_field("arity", &K)?;
        s.serialize_field("policy", &self.policy)?;
        s.serialize_field("leaf_count", &self.leaf_count)?;
        s.serialize_field("nodes", &Nodes(self))?;
        s.end()
    }
}

impl<'de, D: Digest, const K: usize> Deserialize<'de> for MerkleTree<D, K> {
    fn deserialize<De: serde::Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        let data = TreeData::<D>::deserialize(deserializer)?;
        if data.arity != K {
            return Err(serde::de::Error::custom(format!(
                "tree has arity {}, expected {K}",
                data.arity
            )));
        }
        Self::from_nodes(data.policy, data.leaf_count, data.nodes).map_err(serde::de::Error::custom)
    }
}
