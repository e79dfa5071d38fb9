//! Certificate Transparency's Merkle Tree Hash (RFC 6962 section 2.1; RFC 9162 section 2.1).
//!
//! RFC 6962 splits `D[n]` at the largest power of two `k < n`. That tree is the core's
//! layered tree with a lone node promoted: by induction, the layered node at level `l`,
//! index `i` is `MTH(D[i·2^l .. min((i+1)·2^l, n)])`, and a partial block of size `s`
//! splits at `2^(l-1)`, the largest power of two below `s`. The tests check it against a
//! recursive implementation of the RFC's definition for every size up to 300.
//!
//! Audit paths are the core proof's siblings (leaf level first, promoted levels skipped);
//! consistency proofs follow RFC 6962 section 2.1.2; both verifiers are RFC 9162's
//! algorithms (sections 2.1.3.2 and 2.1.4.2), return errors and never panic.

use merklab_core::{ByteDigest, Compression, DomainTags, LeafHash, MerkleTree, Policy, TreeError};
use merklab_hashes::{ByteHash, ByteHasher, Digest32, Sha256};

use crate::layout::hex_leaf;
use crate::{Layout, Named, Options, ProfileError};

/// SHA-256 with RFC 6962's prefixes: `0x00 ‖ data` for leaves, `0x01 ‖ l ‖ r` for nodes.
pub const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);
/// Positional pairs, leaves as given, a lone node promoted.
pub const POLICY: Policy = Policy::new();

/// An RFC 6962 tree.
pub type Rfc6962Tree = MerkleTree<Digest32, 2>;

/// The `rfc6962` profile: hex leaf data, digests in plain hex.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rfc6962;

impl Named for Rfc6962 {
    const NAME: &'static str = "rfc6962";
    const DESCRIPTION: &'static str =
        "Certificate Transparency (RFC 6962): SHA-256, 0x00/0x01 prefixes, audit and consistency proofs";
}

impl Layout for Rfc6962 {
    const TAGGED: bool = true;
    type Digest = Digest32;
    type Leaf = Vec<u8>;
    type LeafHash = ByteHash<Sha256>;
    type Compression = ByteHash<Sha256>;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> ByteHash<Sha256> {
        HASH
    }
    fn compression(&self) -> ByteHash<Sha256> {
        HASH
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    fn parse_leaf(&self, line: &str) -> Result<Vec<u8>, ProfileError> {
        hex_leaf(line)
    }
    fn show(&self, digest: &Digest32) -> String {
        digest.to_hex()
    }
    fn parse_digest(&self, text: &str) -> Result<Digest32, ProfileError> {
        Ok(ByteDigest::from_hex(
            text.strip_prefix("0x").unwrap_or(text),
        )?)
    }
    /// RFC 6962 section 2.1: `MTH({}) = SHA-256()`.
    fn empty_root(&self) -> Option<Digest32> {
        Some(empty_root())
    }
}

/// The leaf hash `SHA-256(0x00 ‖ data)`.
pub fn leaf_hash(data: &[u8]) -> Digest32 {
    HASH.hash_leaf(data)
}

/// The node hash `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: Digest32, right: Digest32) -> Digest32 {
    <ByteHash<Sha256> as Compression<2>>::compress(&HASH, &[left, right])
}

/// The root of the empty tree, `SHA-256("")`.
pub fn empty_root() -> Digest32 {
    ByteDigest(Sha256::hash(b""))
}

/// Builds the tree over leaf data (each entry hashed with the leaf prefix).
pub fn build<T: AsRef<[u8]>>(leaves: &[T]) -> Result<Rfc6962Tree, TreeError> {
    let digests: Vec<Digest32> = leaves.iter().map(|l| leaf_hash(l.as_ref())).collect();
    Rfc6962Tree::build(&HASH, POLICY, digests)
}

/// The Merkle Tree Hash of the leaf data; the empty list has [`empty_root`].
pub fn root<T: AsRef<[u8]>>(leaves: &[T]) -> Digest32 {
    match build(leaves) {
        Ok(tree) => tree.root(),
        Err(_) => empty_root(),
    }
}

/// Reads the node at `(level, index)` of a stored tree: `MTH` of leaves
/// `index·2^level .. min((index + 1)·2^level, size)` for the tree's `size`, or `None`
/// where the store has no such node (the hash is then computed from smaller ones).
pub type NodeReader<'a, E> = dyn FnMut(usize, u64) -> Result<Option<Digest32>, E> + 'a;

/// `MTH(D[lo..hi])` of a subrange of a tree of `stored` leaves, read where the range
/// is one node (an aligned block, or the block at the tree's right edge).
fn subtree_hash<E>(
    stored: u64,
    lo: u64,
    hi: u64,
    node: &mut NodeReader<'_, E>,
) -> Result<Digest32, E> {
    let size = hi - lo;
    let level = size.next_power_of_two().trailing_zeros() as usize;
    let block = 1u64 << level;
    if lo.is_multiple_of(block) && (hi == lo + block || hi == stored) {
        if let Some(found) = node(level, lo >> level)? {
            return Ok(found);
        }
    }
    let k = largest_power_of_two_below(size);
    Ok(node_hash(
        subtree_hash(stored, lo, lo + k, node)?,
        subtree_hash(stored, lo + k, hi, node)?,
    ))
}

/// `MTH` of the first `size` leaves of a tree of `stored` leaves whose nodes `node`
/// reads: the root the tree had at that size.
pub fn root_at<E>(stored: u64, size: u64, node: &mut NodeReader<'_, E>) -> Result<Digest32, E> {
    if size == 0 {
        return Ok(empty_root());
    }
    subtree_hash(stored, 0, size.min(stored), node)
}

/// The consistency proof from the first `old_size` leaves to the first `new_size`
/// (RFC 6962 `PROOF(m, D[n])`) of a tree of `stored` leaves whose nodes `node` reads,
/// so a store proves consistency between any two sizes it has held.
pub fn consistency_proof_at<E: From<ProfileError>>(
    stored: u64,
    old_size: u64,
    new_size: u64,
    node: &mut NodeReader<'_, E>,
) -> Result<Vec<Digest32>, E> {
    if old_size == 0 || old_size > new_size || new_size > stored {
        return Err(ProfileError::input(format!(
            "a consistency proof needs 0 < old size <= new size <= tree size, got {old_size} and {new_size} for {stored} leaves"
        ))
        .into());
    }
    let mut proof = Vec::new();
    subproof(stored, old_size, 0, new_size, true, node, &mut proof)?;
    Ok(proof)
}

/// Reads the nodes of an in-memory tree.
fn tree_nodes(
    tree: &Rfc6962Tree,
) -> impl FnMut(usize, u64) -> Result<Option<Digest32>, ProfileError> + '_ {
    |level, index| {
        Ok(usize::try_from(index)
            .ok()
            .and_then(|i| tree.layer(level).and_then(|l| l.get(i)))
            .copied())
    }
}

fn largest_power_of_two_below(n: u64) -> u64 {
    debug_assert!(n > 1);
    1u64 << (u64::BITS - 1 - (n - 1).leading_zeros())
}

/// The audit path of leaf `index` (RFC 6962 `PATH(m, D[n])`).
pub fn inclusion_proof(tree: &Rfc6962Tree, index: usize) -> Result<Vec<Digest32>, TreeError> {
    Ok(tree.prove(index)?.siblings)
}

/// The consistency proof from the first `old_size` leaves to the whole tree
/// (RFC 6962 `PROOF(m, D[n])`); empty when `old_size` is the tree size.
pub fn consistency_proof(
    tree: &Rfc6962Tree,
    old_size: usize,
) -> Result<Vec<Digest32>, ProfileError> {
    let n = tree.leaf_count() as u64;
    if old_size == 0 || old_size as u64 > n {
        return Err(ProfileError::input(format!(
            "a consistency proof needs 0 < old size <= tree size, got old size {old_size} for {n} leaves"
        )));
    }
    consistency_proof_at(n, old_size as u64, n, &mut tree_nodes(tree))
}

/// RFC 6962 `SUBPROOF(m, D[lo..hi], b)`, appending in the RFC's order.
fn subproof<E>(
    stored: u64,
    m: u64,
    lo: u64,
    hi: u64,
    complete: bool,
    node: &mut NodeReader<'_, E>,
    out: &mut Vec<Digest32>,
) -> Result<(), E> {
    let n = hi - lo;
    if m == n {
        if !complete {
            out.push(subtree_hash(stored, lo, hi, node)?);
        }
        return Ok(());
    }
    let k = largest_power_of_two_below(n);
    if m <= k {
        subproof(stored, m, lo, lo + k, complete, node, out)?;
        out.push(subtree_hash(stored, lo + k, hi, node)?);
    } else {
        subproof(stored, m - k, lo + k, hi, false, node, out)?;
        out.push(subtree_hash(stored, lo, lo + k, node)?);
    }
    Ok(())
}

/// Why an RFC 6962 proof was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rfc6962Error {
    /// The index is not below the tree size.
    #[error("leaf index {index} is not below the tree size {size}")]
    IndexOutOfRange {
        /// Claimed index.
        index: u64,
        /// Claimed tree size.
        size: u64,
    },
    /// The new size is smaller than the old one.
    #[error("the new tree size {new} is smaller than the old size {old}")]
    SizesReversed {
        /// Old size.
        old: u64,
        /// New size.
        new: u64,
    },
    /// The proof has the wrong number of entries for the sizes.
    #[error("the proof has the wrong number of hashes for these tree sizes")]
    WrongLength,
    /// Everything was well formed, but a recomputed root differs.
    #[error("the recomputed root does not match")]
    RootMismatch,
}

/// Right-shifts both until `fn_` is odd or zero (RFC 9162's loop step).
fn shift_until_odd(fn_: &mut u64, sn: &mut u64) {
    while *fn_ != 0 && *fn_ & 1 == 0 {
        *fn_ >>= 1;
        *sn >>= 1;
    }
}

/// Verifies an audit path (RFC 9162 section 2.1.3.2).
///
/// `tree_size` must come from a signed tree head, never from the proof: paths for
/// several sizes share one shape (leaf 0 of 5 leaves and of 6), so a size taken from the
/// proof pins nothing. [`merklab_core::verify_with_size`] does the same for the core's
/// proofs, which carry their size.
pub fn verify_inclusion(
    leaf_index: u64,
    tree_size: u64,
    leaf: Digest32,
    proof: &[Digest32],
    root: Digest32,
) -> Result<(), Rfc6962Error> {
    if leaf_index >= tree_size {
        return Err(Rfc6962Error::IndexOutOfRange {
            index: leaf_index,
            size: tree_size,
        });
    }
    let (mut fn_, mut sn) = (leaf_index, tree_size - 1);
    let mut r = leaf;
    for &p in proof {
        if sn == 0 {
            return Err(Rfc6962Error::WrongLength);
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, r);
            if fn_ & 1 == 0 {
                shift_until_odd(&mut fn_, &mut sn);
            }
        } else {
            r = node_hash(r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(Rfc6962Error::WrongLength);
    }
    if r == root {
        Ok(())
    } else {
        Err(Rfc6962Error::RootMismatch)
    }
}

/// Verifies a consistency proof between two tree heads (RFC 9162 section 2.1.4.2).
///
/// Size 0 is consistent with everything (the proof must be empty); equal sizes need
/// equal roots and an empty proof.
pub fn verify_consistency(
    old_size: u64,
    new_size: u64,
    old_root: Digest32,
    new_root: Digest32,
    proof: &[Digest32],
) -> Result<(), Rfc6962Error> {
    if new_size < old_size {
        return Err(Rfc6962Error::SizesReversed {
            old: old_size,
            new: new_size,
        });
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(Rfc6962Error::WrongLength);
        }
        return if old_root == new_root {
            Ok(())
        } else {
            Err(Rfc6962Error::RootMismatch)
        };
    }
    if old_size == 0 {
        return if proof.is_empty() {
            Ok(())
        } else {
            Err(Rfc6962Error::WrongLength)
        };
    }
    if proof.is_empty() {
        return Err(Rfc6962Error::WrongLength);
    }
    let mut path: Vec<Digest32> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(old_root);
    }
    path.extend_from_slice(proof);
    let (mut fn_, mut sn) = (old_size - 1, new_size - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let mut fr = path[0];
    let mut sr = path[0];
    for &c in &path[1..] {
        if sn == 0 {
            return Err(Rfc6962Error::WrongLength);
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, fr);
            sr = node_hash(c, sr);
            if fn_ & 1 == 0 {
                shift_until_odd(&mut fn_, &mut sn);
            }
        } else {
            sr = node_hash(sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    if sn != 0 {
        return Err(Rfc6962Error::WrongLength);
    }
    if fr == old_root && sr == new_root {
        Ok(())
    } else {
        Err(Rfc6962Error::RootMismatch)
    }
}
