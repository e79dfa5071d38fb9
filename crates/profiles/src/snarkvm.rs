//! snarkVM's own `MerkleTree` (`snarkvm-console-collections`), in its two network
//! instantiations: `BHPMerkleTree` (BHP1024 leaves, BHP512 nodes) and
//! `PoseidonMerkleTree` (Poseidon4 leaves, Poseidon2 nodes).
//!
//! Tags: a BHP leaf hashes `false ‖ bits`, a node `true ‖ left bits ‖ right bits`; a
//! Poseidon leaf hashes `[0field, fields...]`, a node `[1field, left, right]`.
//! Padding: the empty hash is `e = node(0field, 0field)`; the leaves are padded to a power
//! of two with `e` (a missing subtree being `node(e, e)` and so on up), and the root of
//! that full tree is lifted to the fixed depth by `root = node(root, e)` per level. That
//! is the core's [`OddNode::Extend`], so these trees are core trees.
//!
//! The hashes are the network's own instances (`Network::hash_bhp1024` and the rest), the
//! same ones `Network::merkle_tree_bhp` and `merkle_tree_psd` build with.

use merklab_aleo::family::{Bhp, BhpSize};
use merklab_aleo::{Aleo, Field, FieldDigest};
use merklab_core::{Compression, DomainTags, MerkleTree, OddNode, Policy};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::{One, ToBits, Zero};

use crate::ProfileError;

/// The depth `merklab` uses when none is given.
pub const DEFAULT_DEPTH: u8 = 32;

/// A snarkVM-layout tree.
pub type SnarkvmTree = MerkleTree<FieldDigest, 2>;

/// The policy for a fixed depth: positional pairs, leaves as given, snarkVM's padding.
pub const fn policy(depth: u8) -> Policy {
    Policy::new().with_odd(OddNode::Extend(depth as u32))
}

/// The shallowest depth snarkVM's `MerkleTree` accepts.
pub const MIN_DEPTH: u8 = 1;
/// The deepest depth snarkVM's `MerkleTree` accepts.
pub const MAX_DEPTH: u8 = 64;

/// Checks a depth as snarkVM does ([`MIN_DEPTH`] to [`MAX_DEPTH`]).
pub fn check_depth(depth: u8) -> Result<u8, ProfileError> {
    if (MIN_DEPTH..=MAX_DEPTH).contains(&depth) {
        Ok(depth)
    } else {
        Err(ProfileError::input(format!(
            "the snarkVM tree depth must be from {MIN_DEPTH} to {MAX_DEPTH}, got {depth}"
        )))
    }
}

// The node inputs are always two field elements, which these hashes always accept: an
// error would be a defect in snarkVM, not a property of any input.
fn infallible(result: Result<Field, impl std::fmt::Display>, what: &str) -> FieldDigest {
    match result {
        Ok(f) => FieldDigest(f),
        Err(e) => unreachable!("{what} of two field elements failed: {e}"),
    }
}

/// BHP512 over `true ‖ left ‖ right` (little-endian bits): the tagged
/// [`Bhp`] compression, whose runs use the fast path's BHP512 tables.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bhp512Node;

/// The tagged BHP512 compression.
const BHP512_NODE: Bhp = Bhp::new(BhpSize::Bhp512, DomainTags::Tagged);

impl Compression<2> for Bhp512Node {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; 2]) -> FieldDigest {
        Compression::<2>::compress(&BHP512_NODE, children)
    }

    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        Compression::<2>::compress_short_group(&BHP512_NODE, children)
    }

    fn compress_batch(&self, children: &[FieldDigest], out: &mut [FieldDigest]) {
        Compression::<2>::compress_batch(&BHP512_NODE, children, out)
    }
}

/// Poseidon2 over `[1field, left, right]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Poseidon2Node;

impl Compression<2> for Poseidon2Node {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; 2]) -> FieldDigest {
        self.compress_short_group(children)
    }

    /// Arity 2 has no short groups; the same sponge over the children keeps the
    /// method total.
    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        let mut input = Vec::with_capacity(1 + children.len());
        input.push(Field::one());
        input.extend(children.iter().map(|c| c.0));
        infallible(Aleo::hash_psd2(&input), "Poseidon2")
    }
}

/// The BHP leaf hash: BHP1024 over `false ‖ bits`.
pub fn bhp_leaf(bits: &[bool]) -> Result<FieldDigest, ProfileError> {
    let mut input = Vec::with_capacity(1 + bits.len());
    input.push(false);
    input.extend_from_slice(bits);
    Aleo::hash_bhp1024(&input)
        .map(FieldDigest)
        .map_err(|e| ProfileError::SnarkVm(e.to_string()))
}

/// The Poseidon leaf hash: Poseidon4 over `[0field, fields...]`.
pub fn poseidon_leaf(fields: &[Field]) -> Result<FieldDigest, ProfileError> {
    let mut input = Vec::with_capacity(1 + fields.len());
    input.push(Field::zero());
    input.extend_from_slice(fields);
    Aleo::hash_psd4(&input)
        .map(FieldDigest)
        .map_err(|e| ProfileError::SnarkVm(e.to_string()))
}

/// Bytes as snarkVM's little-endian bits (least significant bit of each byte first).
pub fn bits_of_bytes(bytes: &[u8]) -> Vec<bool> {
    bytes.to_bits_le()
}

/// Builds a `BHPMerkleTree<DEPTH>` equivalent over bit-string leaves.
///
/// The leaves go through the tagged BHP1024 [`Bhp`] leaf hash in runs (the same
/// values as [`bhp_leaf`], which snarkVM computes, on the fast path's tables).
pub fn build_bhp(leaves: &[Vec<bool>], depth: u8) -> Result<SnarkvmTree, ProfileError> {
    let depth = check_depth(depth)?;
    let leaf_hash = Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged);
    Ok(SnarkvmTree::from_inputs(
        &leaf_hash,
        &Bhp512Node,
        policy(depth),
        leaves,
    )?)
}

/// Builds a `PoseidonMerkleTree<DEPTH>` equivalent over field-vector leaves.
pub fn build_poseidon(leaves: &[Vec<Field>], depth: u8) -> Result<SnarkvmTree, ProfileError> {
    let depth = check_depth(depth)?;
    let digests = leaves
        .iter()
        .map(|l| poseidon_leaf(l))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SnarkvmTree::build(&Poseidon2Node, policy(depth), digests)?)
}

/// The padding sibling of every level for `leaf_count` leaves, as snarkVM fills paths.
fn padding<C: Compression<2, Digest = FieldDigest>>(
    c: &C,
    leaf_count: usize,
    depth: usize,
) -> Vec<FieldDigest> {
    let e = c.compress(&[FieldDigest(Field::zero()); 2]);
    let (mut n, mut level_empty) = (leaf_count.max(1), e);
    (0..depth)
        .map(|_| {
            if n > 1 {
                let here = level_empty;
                level_empty = c.compress(&[level_empty, level_empty]);
                n = n.div_ceil(2);
                here
            } else {
                e
            }
        })
        .collect()
}

/// The full sibling path of leaf `index`, padding included, exactly as snarkVM's
/// `MerkleTree::prove` lists it (`DEPTH` siblings, leaf level first).
pub fn snarkvm_path<C: Compression<2, Digest = FieldDigest>>(
    c: &C,
    tree: &SnarkvmTree,
    index: usize,
) -> Result<Vec<FieldDigest>, ProfileError> {
    if index >= tree.leaf_count() {
        return Err(merklab_core::TreeError::IndexOutOfRange {
            index,
            leaves: tree.leaf_count(),
        }
        .into());
    }
    let pads = padding(c, tree.leaf_count(), tree.depth());
    let mut pos = index;
    let mut path = Vec::with_capacity(tree.depth());
    for (level, pad) in pads.iter().enumerate() {
        let layer = tree.layer(level).unwrap_or(&[]);
        path.push(layer.get(pos ^ 1).copied().unwrap_or(*pad));
        pos >>= 1;
    }
    Ok(path)
}

/// Verifies a full snarkVM path (`MerklePath::verify`): the bits of `index` choose the side.
pub fn verify_snarkvm_path<C: Compression<2, Digest = FieldDigest>>(
    c: &C,
    leaf: FieldDigest,
    index: u64,
    path: &[FieldDigest],
    root: FieldDigest,
) -> bool {
    if path.len() > 64 || (path.len() < 64 && index >> path.len() != 0) {
        return false;
    }
    let node = path
        .iter()
        .enumerate()
        .fold(leaf, |node, (level, &sibling)| {
            if (index >> level) & 1 == 0 {
                c.compress(&[node, sibling])
            } else {
                c.compress(&[sibling, node])
            }
        });
    node == root
}
