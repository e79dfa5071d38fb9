//! The layout and odd-node rules the property tests walk, shared by the tests that
//! compare a store with the in-memory tree.
#![allow(dead_code)]

use merklab_core::{ByteDigest, DomainTags, OddNode, PairOrder, Policy};
use merklab_hashes::{ByteHash, Sha3_256};
use merklab_store::LayoutSpec;

/// The digest of [`HASH`].
pub type D = ByteDigest<32>;

/// The hash of these tests: SHA3-256 with domain tags.
pub const HASH: ByteHash<Sha3_256> = ByteHash::new(DomainTags::Tagged);

/// The layout of a store of [`HASH`] at arity `K` under `policy`.
pub fn layout<const K: usize>(policy: Policy) -> LayoutSpec {
    LayoutSpec {
        hash: "sha3-256".into(),
        tags: DomainTags::Tagged,
        profile: None,
        arity: K,
        policy,
    }
}

/// The smallest depth whose tree holds `n` leaves at arity `k`, plus `extra`.
pub fn depth_for(n: u64, k: u64, extra: u32) -> u32 {
    let mut d = 0;
    while k.pow(d) < n {
        d += 1;
    }
    d + extra
}

/// Odd-node rule `rule` (promote, duplicate, zero, `depth:D`, `extend:D`, with `D`
/// the depth `n` leaves need at arity `k` plus `extra`) and sorted or positional pairs.
pub fn policy(rule: u8, sorted: bool, n: u64, k: u64, extra: u32) -> Policy {
    let odd = match rule {
        0 => OddNode::Promote,
        1 => OddNode::Duplicate,
        2 => OddNode::Zero,
        3 => OddNode::Depth(depth_for(n, k, extra)),
        _ => OddNode::Extend(depth_for(n, k, extra)),
    };
    let pairs = if sorted {
        PairOrder::Sorted
    } else {
        PairOrder::Positional
    };
    Policy::new().with_odd(odd).with_pairs(pairs)
}
