//! The right edge of a tree under construction: per level, the nodes of the group not
//! yet complete (fewer than `K`). Leaves 0..n leave exactly the compact range of
//! [0, n) here, so the store builder, shard merging and the root all share it.

use merklab_core::layers::{full_group_parents, group_parent, layer_sizes, padding_digests};
use merklab_core::{Compression, Digest, Policy, TreeError};

/// Why a full group always has a parent: it holds exactly `K` nodes.
const FULL: &str = "a full group holds exactly K nodes";
/// Why a last group always has a parent: `absorb` leaves fewer than `K` nodes per level,
/// and resolving adds at most one.
const EDGE: &str = "a last group holds at most K nodes";

/// Where nodes go as they are made: level and nodes, for the store's level files.
pub(crate) type Sink<'a, D, E> = dyn FnMut(usize, &[D]) -> Result<(), E> + 'a;

/// Per level, the incomplete group at the right edge.
#[derive(Clone, Debug)]
pub(crate) struct Frontier<D> {
    pub(crate) pending: Vec<Vec<D>>,
}

impl<D> Default for Frontier<D> {
    fn default() -> Self {
        Self {
            pending: Vec::new(),
        }
    }
}

impl<D: Digest> Frontier<D> {
    /// True when no level below `level` holds a node: a node of `level` may come next.
    pub(crate) fn aligned(&self, level: usize) -> bool {
        self.pending.iter().take(level).all(Vec::is_empty)
    }

    /// Appends `nodes` at `level`, hands them to `sink`, and carries every completed
    /// group up as its parent (full groups never pad, so no padding table is needed).
    pub(crate) fn absorb<C, E, const K: usize>(
        &mut self,
        compression: &C,
        policy: &Policy,
        level: usize,
        nodes: &[D],
        sink: &mut Sink<'_, D, E>,
    ) -> Result<(), E>
    where
        C: Compression<K, Digest = D>,
    {
        sink(level, nodes)?;
        if self.pending.len() <= level {
            self.pending.resize(level + 1, Vec::new());
        }
        let mut rest = nodes;
        let mut parents = Vec::new();
        let open = &mut self.pending[level];
        if !open.is_empty() {
            let take = (K - open.len()).min(rest.len());
            open.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if open.len() < K {
                return Ok(());
            }
            parents.push(group_parent(compression, policy, &[], level, open).expect(FULL));
            open.clear();
        }
        let full = rest.len() / K;
        let first = parents.len();
        parents.resize(first + full, D::zero());
        full_group_parents(
            compression,
            policy,
            &rest[..full * K],
            &mut parents[first..],
        );
        self.pending[level].extend_from_slice(&rest[full * K..]);
        if parents.is_empty() {
            return Ok(());
        }
        self.absorb(compression, policy, level + 1, &parents, sink)
    }

    /// The root of a tree of `count` (at least one) leaves whose frontier this is, and
    /// the nodes the last groups of each layer add above it (level, digest), bottom-up:
    /// the padding of the policy applies only here, at the right edge.
    pub(crate) fn resolve<C, const K: usize>(
        &self,
        compression: &C,
        policy: &Policy,
        count: u64,
    ) -> Result<(D, Vec<(usize, D)>), TreeError>
    where
        C: Compression<K, Digest = D>,
    {
        if count == 0 {
            return Err(TreeError::Empty);
        }
        let sizes = layer_sizes(count, K, policy.odd)?;
        let top = sizes.len() - 1;
        let padding = padding_digests(compression, policy.odd, count);
        let mut pending = self.pending.clone();
        let levels = pending.len().max(top + 1);
        pending.resize(levels, Vec::new());
        let mut added = Vec::new();
        for level in 0..top {
            if pending[level].is_empty() {
                continue;
            }
            let parent =
                group_parent(compression, policy, &padding, level, &pending[level]).expect(EDGE);
            added.push((level + 1, parent));
            pending[level + 1].push(parent);
        }
        let root = pending[top].first().copied().ok_or(TreeError::Empty)?;
        Ok((root, added))
    }
}
