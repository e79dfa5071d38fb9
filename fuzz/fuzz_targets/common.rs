// Shared by the fuzz targets: arity dispatch and a fixed honest tree.
#![allow(dead_code)]

use merklab_core::{ByteDigest, LeafOrder, MerkleTree, OddNode, PairOrder, Policy};
use merklab_hashes::{AnyByteHash, ByteHash, Digest32, HashName, Sha256};

pub type Hash = ByteHash<Sha256>;

pub fn policy_from(byte: u8, depth: u32) -> Policy {
    Policy {
        pairs: if byte & 1 == 0 {
            PairOrder::Positional
        } else {
            PairOrder::Sorted
        },
        leaves: if byte & 2 == 0 {
            LeafOrder::AsGiven
        } else {
            LeafOrder::Sorted
        },
        odd: match (byte >> 2) % 4 {
            0 => OddNode::Promote,
            1 => OddNode::Duplicate,
            2 => OddNode::Zero,
            _ => OddNode::Depth(depth),
        },
    }
}

pub fn leaf(i: u64) -> Digest32 {
    let mut d = [0u8; 32];
    d[..8].copy_from_slice(&i.to_le_bytes());
    d[31] = 0xA5;
    ByteDigest(d)
}

/// A tree of `n` leaves; depth policies get the smallest depth that fits, plus one.
pub fn honest<const K: usize>(byte: u8, n: usize) -> (Hash, Policy, MerkleTree<Digest32, K>) {
    let mut depth = 0u32;
    while (K as u64).pow(depth) < n as u64 {
        depth += 1;
    }
    let policy = policy_from(byte, depth + 1);
    let hash = Hash::new(if byte & 0x40 == 0 {
        merklab_core::DomainTags::None
    } else {
        merklab_core::DomainTags::Tagged
    });
    let leaves = (0..n as u64).map(leaf).collect();
    let tree = MerkleTree::build(&hash, policy, leaves).expect("honest tree builds");
    (hash, policy, tree)
}

/// [`honest`] with the byte backend `name` (tags chosen by the same shape byte).
pub fn honest_any<const K: usize>(
    byte: u8,
    n: usize,
    name: HashName,
) -> (AnyByteHash, Policy, MerkleTree<Digest32, K>) {
    let mut depth = 0u32;
    while (K as u64).pow(depth) < n as u64 {
        depth += 1;
    }
    let policy = policy_from(byte, depth + 1);
    let tags = if byte & 0x40 == 0 {
        merklab_core::DomainTags::None
    } else {
        merklab_core::DomainTags::Tagged
    };
    let hash = AnyByteHash::new(name, tags);
    let leaves = (0..n as u64).map(leaf).collect();
    let tree = MerkleTree::build(&hash, policy, leaves).expect("honest tree builds");
    (hash, policy, tree)
}
