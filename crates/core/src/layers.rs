//! The layer mechanics for builders outside this crate (on-disk stores, shards):
//! layer sizes, padding tables, the parent of one group and the parents of many full
//! groups. Every builder that calls these gives the in-memory tree's nodes, because
//! [`crate::MerkleTree`] calls the same functions.

use crate::error::TreeError;
use crate::policy::{OddNode, Policy};
use crate::shape;
use crate::traits::Compression;
use crate::tree::{fill_layer, shape_to_tree_error, DEFAULT_PARALLEL_CUTOFF};

/// Sizes of every layer of a tree of `leaf_count` leaves at arity `k`, leaves first, the
/// root layer (size 1) last.
pub fn layer_sizes(leaf_count: u64, k: usize, odd: OddNode) -> Result<Vec<u64>, TreeError> {
    shape::layer_sizes(leaf_count, k, odd).map_err(|e| {
        shape_to_tree_error(e, usize::try_from(leaf_count).unwrap_or(usize::MAX), k, odd)
    })
}

/// The padding digest of every level (index = level) for a tree of `leaf_count` leaves;
/// empty for the rules that pad with no table.
pub fn padding_digests<C: Compression<K>, const K: usize>(
    compression: &C,
    odd: OddNode,
    leaf_count: u64,
) -> Vec<C::Digest> {
    shape::padding_digests(compression, odd, leaf_count)
}

/// The parent of one group of `1..=K` real nodes at `level` (0 = leaves), padded and
/// ordered as `policy` says; `None` for a group of more than `K`.
pub fn group_parent<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    padding: &[C::Digest],
    level: usize,
    real: &[C::Digest],
) -> Option<C::Digest> {
    shape::group_parent(compression, policy, padding, level, real)
}

/// The parents of `children.len() / K` full groups into `parents`, through
/// [`Compression::compress_batch`] and, with feature `parallel`, on rayon when there
/// are many; `children.len()` must be `K * parents.len()`. Full groups never pad, so
/// this needs no padding table.
pub fn full_group_parents<C: Compression<K>, const K: usize>(
    compression: &C,
    policy: &Policy,
    children: &[C::Digest],
    parents: &mut [C::Digest],
) {
    debug_assert_eq!(children.len(), K * parents.len());
    fill_layer(
        compression,
        policy,
        &[],
        0,
        children,
        parents,
        DEFAULT_PARALLEL_CUTOFF,
    );
}
