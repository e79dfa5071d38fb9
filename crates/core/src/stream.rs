//! A builder that takes leaves one at a time and holds O(K log n) digests.

use crate::digest::Digest;
use crate::error::TreeError;
use crate::policy::{LeafOrder, OddNode, Policy};
use crate::shape::{group_parent, layer_sizes, padding_digests, ArityCheck, GROUP_FITS};
use crate::traits::Compression;
use crate::tree::shape_to_tree_error;

/// Incremental root computation for leaf sets that do not fit in memory.
///
/// Gives the same root as [`crate::MerkleTree::build`] for the same leaves and policy.
/// Under [`LeafOrder::Sorted`] the leaves must be pushed in ascending order.
pub struct StreamingBuilder<C: Compression<K>, const K: usize> {
    compression: C,
    policy: Policy,
    /// Per level, the nodes of the current incomplete group.
    pending: Vec<([C::Digest; K], usize)>,
    count: u64,
    last: Option<C::Digest>,
    empties: Vec<C::Digest>,
    /// Most leaves a fixed-depth policy holds (`u64::MAX` when unbounded), or the
    /// refusal for a depth beyond [`crate::MAX_DEPTH`]; computed once, not per leaf.
    capacity: Result<u64, TreeError>,
}

impl<C: Compression<K>, const K: usize> StreamingBuilder<C, K> {
    /// A builder with no leaves yet.
    pub fn new(compression: C, policy: Policy) -> Self {
        let () = ArityCheck::<K>::OK;
        // Full groups never pad; the table matters only where `root` resolves the last
        // groups (and `Extend`'s depends on the leaf count, so `root` rebuilds it).
        let empties = match policy.odd {
            OddNode::Depth(_) => padding_digests(&compression, policy.odd, 0),
            _ => Vec::new(),
        };
        let capacity = match policy.odd.fixed_depth() {
            Some(d) if d > crate::MAX_DEPTH => Err(TreeError::DepthTooLarge(d)),
            Some(d) => Ok((0..d).fold(1u64, |c, _| c.saturating_mul(K as u64))),
            None => Ok(u64::MAX),
        };
        Self {
            compression,
            policy,
            pending: Vec::new(),
            count: 0,
            last: None,
            empties,
            capacity,
        }
    }

    /// Leaves pushed so far.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// True before the first leaf.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds the next leaf digest.
    pub fn push(&mut self, leaf: C::Digest) -> Result<(), TreeError> {
        if self.policy.leaves == LeafOrder::Sorted {
            if let Some(prev) = self.last {
                if leaf < prev {
                    return Err(TreeError::UnsortedStream(self.count));
                }
            }
            self.last = Some(leaf);
        }
        let capacity = self.capacity.clone()?;
        if self.count >= capacity {
            return Err(TreeError::TooManyLeaves {
                leaves: usize::try_from(self.count).map_or(usize::MAX, |c| c.saturating_add(1)),
                depth: self.policy.odd.fixed_depth().unwrap_or(0),
                arity: K,
            });
        }
        self.count += 1;
        self.push_at(0, leaf);
        Ok(())
    }

    fn push_at(&mut self, mut level: usize, mut node: C::Digest) {
        loop {
            if self.pending.len() <= level {
                self.pending.push(([C::Digest::zero(); K], 0));
            }
            let (group, len) = &mut self.pending[level];
            group[*len] = node;
            *len += 1;
            if *len < K {
                return;
            }
            *len = 0;
            let full = *group;
            node = group_parent(&self.compression, &self.policy, &self.empties, level, &full)
                .expect(GROUP_FITS);
            level += 1;
        }
    }

    /// The root of every leaf pushed; the builder can keep taking leaves afterwards.
    pub fn root(&self) -> Result<C::Digest, TreeError> {
        let sizes = layer_sizes(self.count, K, self.policy.odd)
            .map_err(|e| shape_to_tree_error(e, self.count as usize, K, self.policy.odd))?;
        let top = sizes.len() - 1;
        let rebuilt;
        let empties = if let OddNode::Extend(_) = self.policy.odd {
            rebuilt = padding_digests(&self.compression, self.policy.odd, self.count);
            &rebuilt
        } else {
            &self.empties
        };
        if self.count == 0 {
            if let OddNode::Extend(_) = self.policy.odd {
                // The one empty leaf, lifted level by level.
                let mut node = empties.first().copied().unwrap_or_else(C::Digest::zero);
                for level in 0..top {
                    node = group_parent(&self.compression, &self.policy, empties, level, &[node])
                        .expect(GROUP_FITS);
                }
                return Ok(node);
            }
            return Ok(empties.get(top).copied().unwrap_or_else(C::Digest::zero));
        }
        // Resolve the incomplete groups bottom-up on a copy, as the batch build does
        // with the last group of every layer.
        let mut pending = self.pending.clone();
        pending.resize(top + 1, ([C::Digest::zero(); K], 0));
        for level in 0..top {
            let (group, len) = pending[level];
            if len == 0 {
                continue;
            }
            let parent = group_parent(
                &self.compression,
                &self.policy,
                empties,
                level,
                &group[..len],
            )
            .expect(GROUP_FITS);
            let (up, up_len) = &mut pending[level + 1];
            // An incomplete group above is never full: its layer ends with this parent.
            up[*up_len] = parent;
            *up_len += 1;
        }
        Ok(pending[top].0[0])
    }
}
