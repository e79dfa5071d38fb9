//! Layer sizes and the parent of one group: the shared mechanics of building,
//! streaming and verifying, so all of them agree by construction.

use crate::digest::Digest;
use crate::policy::{OddNode, PairOrder, Policy, MAX_DEPTH};
use crate::traits::Compression;

/// Largest supported arity; groups are assembled on the stack in arrays this long.
pub const MAX_ARITY: usize = 16;

/// Compile-time check that an arity is in 2..=16.
pub(crate) struct ArityCheck<const K: usize>;
impl<const K: usize> ArityCheck<K> {
    pub(crate) const OK: () = assert!(K >= 2 && K <= MAX_ARITY, "arity must be from 2 to 16");
}

/// Why a leaf count cannot make a tree under a policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeError {
    Empty,
    TooMany,
    DepthTooLarge(u32),
}

/// Sizes of every layer, bottom (leaves) first, root layer (size 1) last.
///
/// Under `Depth(d)` there are exactly `d + 1` layers; an empty leaf set has layers of
/// size 0 below a root that is the level-`d` empty digest. Under `Extend(d)` there are
/// also `d + 1` layers; an empty leaf set has one (empty) leaf.
pub(crate) fn layer_sizes(leaf_count: u64, k: usize, odd: OddNode) -> Result<Vec<u64>, ShapeError> {
    let k = k as u64;
    let mut sizes = vec![leaf_count];
    match odd {
        OddNode::Depth(depth) | OddNode::Extend(depth) => {
            if depth > MAX_DEPTH {
                return Err(ShapeError::DepthTooLarge(depth));
            }
            let mut capacity: u64 = 1;
            for _ in 0..depth {
                capacity = capacity.saturating_mul(k);
            }
            if leaf_count > capacity {
                return Err(ShapeError::TooMany);
            }
            let extend = matches!(odd, OddNode::Extend(_));
            let mut n = if extend {
                leaf_count.max(1)
            } else {
                leaf_count
            };
            sizes[0] = n;
            for level in 1..=depth {
                n = n.div_ceil(k);
                sizes.push(if level == depth { 1 } else { n });
            }
            if depth == 0 {
                sizes[0] = leaf_count.max(1);
            }
        }
        _ => {
            if leaf_count == 0 {
                return Err(ShapeError::Empty);
            }
            let mut n = leaf_count;
            while n > 1 {
                n = n.div_ceil(k);
                sizes.push(n);
            }
        }
    }
    Ok(sizes)
}

/// Empty digests per level for `Depth(d)`: zero at the leaves, then `compress([e; K])`.
pub(crate) fn empty_digests<C: Compression<K>, const K: usize>(
    c: &C,
    depth: u32,
) -> Vec<C::Digest> {
    let mut empties = Vec::with_capacity(depth as usize + 1);
    let mut e = C::Digest::zero();
    empties.push(e);
    for _ in 0..depth {
        e = c.compress(&[e; K]);
        empties.push(e);
    }
    empties
}

/// The padding digest of every level (index = level) for a tree of `leaf_count` leaves,
/// empty for the rules that pad with no table.
///
/// `Depth(d)`: [`empty_digests`]. `Extend(d)`: with `e = compress([zero; K])`, the
/// level-`l` empty subtree below the level where the layer has one node, then `e`.
pub(crate) fn padding_digests<C: Compression<K>, const K: usize>(
    c: &C,
    odd: OddNode,
    leaf_count: u64,
) -> Vec<C::Digest> {
    match odd {
        OddNode::Depth(d) => empty_digests(c, d.min(MAX_DEPTH)),
        OddNode::Extend(d) => {
            let d = d.min(MAX_DEPTH);
            let leaf = c.compress(&[C::Digest::zero(); K]);
            let mut table = Vec::with_capacity(d as usize + 1);
            let (mut n, mut e) = (leaf_count.max(1), leaf);
            for _ in 0..=d {
                if n > 1 {
                    table.push(e);
                    e = c.compress(&[e; K]);
                    n = n.div_ceil(K as u64);
                } else {
                    table.push(leaf);
                }
            }
            table
        }
        _ => Vec::new(),
    }
}

/// The parent of one group of `1..=K` real nodes at `level` (0 = leaves), with the
/// policy's padding and child order applied.
#[inline]
pub(crate) fn group_parent<C: Compression<K>, const K: usize>(
    c: &C,
    policy: &Policy,
    empties: &[C::Digest],
    level: usize,
    real: &[C::Digest],
) -> C::Digest {
    let m = real.len();
    debug_assert!(m <= K);
    if m == 0 {
        // Only a fixed-depth tree with no leaves has empty groups.
        return empties
            .get(level + 1)
            .copied()
            .unwrap_or_else(C::Digest::zero);
    }
    if m == K && policy.pairs == PairOrder::Positional {
        return c.compress(real);
    }
    let mut buf = [C::Digest::zero(); MAX_ARITY];
    buf[..m].copy_from_slice(real);
    let width = if m == K {
        K
    } else {
        let pad = match policy.odd {
            OddNode::Promote if m == 1 => return real[0],
            OddNode::Promote => None,
            OddNode::Duplicate => Some(real[m - 1]),
            OddNode::Zero => Some(C::Digest::zero()),
            OddNode::Depth(_) | OddNode::Extend(_) => {
                Some(empties.get(level).copied().unwrap_or_else(C::Digest::zero))
            }
        };
        match pad {
            Some(p) => {
                buf[m..K].fill(p);
                K
            }
            None => m,
        }
    };
    let children = &mut buf[..width];
    if policy.pairs == PairOrder::Sorted {
        children.sort_unstable();
    }
    c.compress(children)
}
