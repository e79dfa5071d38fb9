//! The peers merklab is measured against, each adapted to build over the same leaves.
//!
//! - `rs_merkle` 1.5, the most used general Merkle tree crate: its `Sha256`, and
//!   SHA3-256 through its `Hasher` trait ([`RsSha3`]).
//! - snarkVM's own `MerkleTree` (`Network::merkle_tree_psd` / `merkle_tree_bhp` at
//!   depth 32) beside merklab's build of the same layout ([`SnarkvmTree`]).
//! - The raw hash in a loop ([`ByteKind::raw`]): the work no tree can go below.

use std::borrow::Borrow;

use merklab_aleo::family::{Bhp, BhpSize, Poseidon, PoseidonRate};
use merklab_aleo::{Aleo, Field, FieldDigest};
use merklab_core::{Compression, DomainTags, LeafHash, MerkleTree};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::ToBits;

use crate::BenchError;

/// The fixed depth of the snarkVM-layout trees (snarkVM's usual `DEPTH`).
pub const SNARKVM_DEPTH: u8 = 32;

/// SHA3-256 as an `rs_merkle` hasher (rs_merkle ships SHA-256 only).
#[derive(Clone)]
pub struct RsSha3;

impl rs_merkle::Hasher for RsSha3 {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        <sha3::Sha3_256 as sha3::Digest>::digest(data).into()
    }
}

/// The byte hashes `merklab bench` compares, each with its `rs_merkle` peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteKind {
    /// SHA3-256 (FIPS 202).
    Sha3,
    /// SHA-256 (FIPS 180-4).
    Sha256,
}

impl ByteKind {
    /// Both, in report order.
    pub const ALL: [ByteKind; 2] = [ByteKind::Sha3, ByteKind::Sha256];

    /// The name rows and charts use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha3 => "sha3-256",
            Self::Sha256 => "sha256",
        }
    }

    /// One 64-byte node's hash straight from the RustCrypto crate: the raw-loop bound.
    pub fn raw(self, block: &[u8; 64]) -> [u8; 32] {
        match self {
            Self::Sha3 => <sha3::Sha3_256 as sha3::Digest>::digest(block).into(),
            Self::Sha256 => <sha2::Sha256 as sha2::Digest>::digest(block).into(),
        }
    }
}

/// A snarkVM-layout tree on both sides: merklab's leaf hash and compression, and the
/// snarkVM tree they must agree with.
pub trait SnarkvmTree {
    /// `poseidon` or `bhp`.
    const NAME: &'static str;
    /// What merklab's leaf hash takes, borrowed from a leaf.
    type Input: ?Sized;
    /// One leaf as both sides take it.
    type Leaf: Sync + Send + Borrow<Self::Input>;
    /// merklab's leaf hash.
    type Leaves: LeafHash<Input = Self::Input, Digest = FieldDigest>;
    /// merklab's node compression.
    type Node: Compression<2, Digest = FieldDigest>;
    /// A field element as a leaf of this layout.
    fn leaf(f: &Field) -> Self::Leaf;
    /// merklab's leaf hash and node compression for this layout.
    fn hashes() -> (Self::Leaves, Self::Node);
    /// snarkVM's `MerkleTree::new` over the leaves; its root.
    fn snarkvm_root(leaves: &[Self::Leaf]) -> Result<Field, BenchError>;
}

/// Poseidon4 leaves over `[0field, leaf]`, Poseidon2 nodes over `[1field, left, right]`.
pub struct PoseidonTree;

impl SnarkvmTree for PoseidonTree {
    const NAME: &'static str = "poseidon";
    type Leaf = Vec<Field>;
    type Leaves = Poseidon;
    type Input = [Field];
    type Node = Poseidon;
    fn leaf(f: &Field) -> Vec<Field> {
        vec![*f]
    }
    fn hashes() -> (Poseidon, Poseidon) {
        (
            Poseidon::new(PoseidonRate::Psd4, DomainTags::Tagged),
            Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged),
        )
    }
    fn snarkvm_root(leaves: &[Vec<Field>]) -> Result<Field, BenchError> {
        let tree =
            Aleo::merkle_tree_psd::<SNARKVM_DEPTH>(leaves).map_err(|e| BenchError::Snarkvm {
                layout: Self::NAME,
                source: e.into(),
            })?;
        Ok(*tree.root())
    }
}

/// BHP1024 leaves over `false ‖ bits`, BHP512 nodes over `true ‖ left ‖ right`.
pub struct BhpTree;

impl SnarkvmTree for BhpTree {
    const NAME: &'static str = "bhp";
    type Leaf = Vec<bool>;
    type Leaves = Bhp;
    type Input = [bool];
    type Node = Bhp;
    fn leaf(f: &Field) -> Vec<bool> {
        f.to_bits_le()
    }
    fn hashes() -> (Bhp, Bhp) {
        (
            Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged),
            Bhp::new(BhpSize::Bhp512, DomainTags::Tagged),
        )
    }
    fn snarkvm_root(leaves: &[Vec<bool>]) -> Result<Field, BenchError> {
        let tree =
            Aleo::merkle_tree_bhp::<SNARKVM_DEPTH>(leaves).map_err(|e| BenchError::Snarkvm {
                layout: Self::NAME,
                source: e.into(),
            })?;
        Ok(*tree.root())
    }
}

/// merklab's root of the layout `T` over `leaves`, under snarkVM's padding policy.
pub fn merklab_root<T: SnarkvmTree>(
    leaf_hash: &T::Leaves,
    node: &T::Node,
    leaves: &[T::Leaf],
) -> Result<FieldDigest, BenchError> {
    let policy = merklab_profiles::snarkvm::policy(SNARKVM_DEPTH);
    Ok(MerkleTree::<_, 2>::from_inputs(leaf_hash, node, policy, leaves)?.root())
}

/// Fails unless merklab's and snarkVM's roots of `T` over `leaves` agree.
pub fn check_snarkvm_root<T: SnarkvmTree>(
    leaf_hash: &T::Leaves,
    node: &T::Node,
    leaves: &[T::Leaf],
) -> Result<(), BenchError> {
    let ours = merklab_root::<T>(leaf_hash, node, leaves)?;
    let theirs = T::snarkvm_root(leaves)?;
    if ours.0 != theirs {
        return Err(BenchError::RootMismatch {
            hash: T::NAME,
            peer: "snarkVM",
            theirs: theirs.to_string(),
            ours: ours.0.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rs_sha3_is_sha3_256() {
        // FIPS 202 SHA3-256 of the empty string.
        assert_eq!(
            hex::encode(<RsSha3 as rs_merkle::Hasher>::hash(b"")),
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
        );
    }

    #[test]
    fn raw_hashes_match_published_vectors() {
        // 64 zero bytes, as OpenSSL (through Python's hashlib) hashes them.
        let zero = [0u8; 64];
        assert_eq!(
            hex::encode(ByteKind::Sha256.raw(&zero)),
            "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"
        );
        assert_eq!(
            hex::encode(ByteKind::Sha3.raw(&zero)),
            "070fa1ab6fcc557ed14d42941f1967693048551eb9042a8d0a057afbd75e81e0"
        );
    }
}
