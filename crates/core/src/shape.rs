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

/// Why a builder's group always has a parent: it holds at most `K` nodes by construction
/// (verifiers, whose groups come from a proof, map a misfit to an error instead).
pub(crate) const GROUP_FITS: &str = "a builder's group holds at most K nodes";

/// The parent of one group of `0..=K` real nodes at `level` (0 = leaves), with the
/// policy's padding and child order applied; `None` for a group of more than `K`.
#[inline]
pub(crate) fn group_parent<C: Compression<K>, const K: usize>(
    c: &C,
    policy: &Policy,
    empties: &[C::Digest],
    level: usize,
    real: &[C::Digest],
) -> Option<C::Digest> {
    let m = real.len();
    let sorted = policy.pairs == PairOrder::Sorted;
    if m == 0 {
        // Only a fixed-depth tree with no leaves has empty groups.
        return Some(
            empties
                .get(level + 1)
                .copied()
                .unwrap_or_else(C::Digest::zero),
        );
    }
    if m == K && !sorted {
        return Some(c.compress(real.try_into().ok()?));
    }
    let pad = match policy.odd {
        _ if m >= K => None,
        OddNode::Promote if m == 1 => return Some(real[0]),
        OddNode::Promote => {
            let mut buf = [C::Digest::zero(); MAX_ARITY];
            let short = buf.get_mut(..m)?;
            short.copy_from_slice(real);
            if sorted {
                short.sort_unstable();
            }
            return Some(c.compress_short_group(short));
        }
        OddNode::Duplicate => Some(real[m - 1]),
        OddNode::Zero => Some(C::Digest::zero()),
        OddNode::Depth(_) | OddNode::Extend(_) => {
            Some(empties.get(level).copied().unwrap_or_else(C::Digest::zero))
        }
    };
    let mut group: [C::Digest; K] = match pad {
        Some(p) => std::array::from_fn(|i| real.get(i).copied().unwrap_or(p)),
        None => real.try_into().ok()?,
    };
    if sorted {
        group.sort_unstable();
    }
    Some(c.compress(&group))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ByteDigest;

    type D = ByteDigest<1>;

    /// Order-sensitive, and marks which method ran: full groups set the top bit, short
    /// groups clear it.
    struct Tagging;
    impl Compression<4> for Tagging {
        type Digest = D;
        fn compress(&self, c: &[D; 4]) -> D {
            ByteDigest([fold(c) | 0x80])
        }
        fn compress_short_group(&self, c: &[D]) -> D {
            ByteDigest([fold(c) & 0x7f])
        }
    }
    fn fold(c: &[D]) -> u8 {
        c.iter()
            .fold(7u8, |a, d| a.wrapping_mul(31).wrapping_add(d.0[0]))
    }

    fn nodes(m: u8) -> Vec<D> {
        (1..=m).map(|b| ByteDigest([b])).collect()
    }

    fn policies() -> Vec<Policy> {
        let odd = [
            OddNode::Promote,
            OddNode::Duplicate,
            OddNode::Zero,
            OddNode::Depth(3),
            OddNode::Extend(3),
        ];
        odd.into_iter()
            .flat_map(|o| {
                [PairOrder::Positional, PairOrder::Sorted]
                    .map(|p| Policy::new().with_odd(o).with_pairs(p))
            })
            .collect()
    }

    #[test]
    fn a_group_larger_than_the_arity_has_no_parent() {
        let empties = [ByteDigest([0]); 4];
        for policy in policies() {
            for m in [5u8, 16, 17, 40] {
                let got = group_parent(&Tagging, &policy, &empties, 0, &nodes(m));
                assert_eq!(got, None, "{m} nodes under {policy}");
            }
            let full = group_parent(&Tagging, &policy, &empties, 0, &nodes(4));
            assert!(full.is_some_and(|d| d.0[0] & 0x80 != 0), "{policy}");
        }
    }

    #[test]
    fn only_a_promoted_short_group_takes_the_short_method() {
        let empties = [ByteDigest([0]); 4];
        for policy in policies() {
            for m in 2..4u8 {
                let got = group_parent(&Tagging, &policy, &empties, 0, &nodes(m))
                    .expect("a short group has a parent");
                let short = policy.odd == OddNode::Promote;
                assert_eq!(got.0[0] & 0x80 == 0, short, "{m} nodes under {policy}");
            }
            let lone = group_parent(&Tagging, &policy, &empties, 0, &nodes(1));
            if policy.odd == OddNode::Promote {
                assert_eq!(lone, Some(ByteDigest([1])));
            }
        }
    }
}
