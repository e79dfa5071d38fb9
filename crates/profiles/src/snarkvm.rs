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
//! The hashes are [`merklab_aleo::family`]'s tagged [`Bhp`] and [`Poseidon`], on the
//! [`Config`] the profile carries: by default the fast path (the same values as
//! snarkVM's `Network::hash_bhp1024` and the rest, which [`Config::REFERENCE`] calls).

use merklab_aleo::family::{Bhp, BhpSize, Poseidon, PoseidonRate};
use merklab_aleo::literal::parse_field;
use merklab_aleo::{field_from_decimal, Config, Field, FieldDigest};
use merklab_core::{Compression, DomainTags, MerkleTree, OddNode, Policy};
use snarkvm_console::prelude::{ToBits, Zero};

use crate::layout::hex_leaf;
use crate::{Layout, Named, Options, ProfileError};

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

/// A field element written `Nfield` or as bare decimal digits.
fn parse_field_text(text: &str) -> Result<Field, ProfileError> {
    let t = text.trim();
    Ok(if t.ends_with("field") {
        parse_field(t)?
    } else {
        field_from_decimal(t)?
    })
}

/// `snarkvm-bhp`: `BHPMerkleTree<depth>`, BHP1024 over `false ‖ bits` for leaves and
/// BHP512 over `true ‖ left ‖ right` for nodes; leaves files hold hex data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnarkvmBhp {
    depth: u8,
    config: Config,
}

/// `snarkvm-poseidon`: `PoseidonMerkleTree<depth>`, Poseidon4 over `[0field, fields...]`
/// for leaves and Poseidon2 over `[1field, left, right]` for nodes; leaves files hold
/// field elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnarkvmPoseidon {
    depth: u8,
    config: Config,
}

macro_rules! depth_and_config {
    ($ty:ident) => {
        impl $ty {
            /// The profile at a fixed `depth` (checked), on [`Config::DEFAULT`].
            pub fn new(depth: u8) -> Result<Self, ProfileError> {
                Ok(Self {
                    depth: check_depth(depth)?,
                    config: Config::DEFAULT,
                })
            }

            /// The same profile computing its hashes with `config` (same values).
            pub const fn with_config(self, config: Config) -> Self {
                Self { config, ..self }
            }

            /// How its hashes compute.
            pub const fn config(&self) -> Config {
                self.config
            }
        }
    };
}
depth_and_config!(SnarkvmBhp);
depth_and_config!(SnarkvmPoseidon);

impl Named for SnarkvmBhp {
    const NAME: &'static str = "snarkvm-bhp";
    const DESCRIPTION: &'static str =
        "snarkVM BHPMerkleTree: BHP1024 leaves, BHP512 nodes, empty-hash padding to a fixed depth";
}

impl Layout for SnarkvmBhp {
    const TAGGED: bool = true;
    type Digest = FieldDigest;
    type Leaf = Vec<bool>;
    type LeafHash = Bhp;
    type Compression = Bhp;
    fn from_options(options: &Options) -> Result<Self, ProfileError> {
        Self::new(options.depth)
    }
    fn leaf_hash(&self) -> Bhp {
        Bhp::new(BhpSize::Bhp1024, DomainTags::Tagged).with_config(self.config)
    }
    fn compression(&self) -> Bhp {
        Bhp::new(BhpSize::Bhp512, DomainTags::Tagged).with_config(self.config)
    }
    fn policy(&self) -> Policy {
        policy(self.depth)
    }
    /// Hex data, hashed as its little-endian bits.
    fn parse_leaf(&self, line: &str) -> Result<Vec<bool>, ProfileError> {
        hex_leaf(line).map(|bytes| bits_of_bytes(&bytes))
    }
    fn show(&self, digest: &FieldDigest) -> String {
        digest.to_string()
    }
    fn parse_digest(&self, text: &str) -> Result<FieldDigest, ProfileError> {
        parse_field_text(text).map(FieldDigest)
    }
}

impl Named for SnarkvmPoseidon {
    const NAME: &'static str = "snarkvm-poseidon";
    const DESCRIPTION: &'static str =
        "snarkVM PoseidonMerkleTree: Poseidon4 leaves, Poseidon2 nodes, empty-hash padding to a fixed depth";
}

impl Layout for SnarkvmPoseidon {
    const TAGGED: bool = true;
    type Digest = FieldDigest;
    type Leaf = Vec<Field>;
    type LeafHash = Poseidon;
    type Compression = Poseidon;
    fn from_options(options: &Options) -> Result<Self, ProfileError> {
        Self::new(options.depth)
    }
    fn leaf_hash(&self) -> Poseidon {
        Poseidon::new(PoseidonRate::Psd4, DomainTags::Tagged).with_config(self.config)
    }
    fn compression(&self) -> Poseidon {
        Poseidon::new(PoseidonRate::Psd2, DomainTags::Tagged).with_config(self.config)
    }
    fn policy(&self) -> Policy {
        policy(self.depth)
    }
    /// Field elements (`5field` or `5`), separated by spaces or commas.
    fn parse_leaf(&self, line: &str) -> Result<Vec<Field>, ProfileError> {
        line.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(parse_field_text)
            .collect()
    }
    fn show(&self, digest: &FieldDigest) -> String {
        digest.to_string()
    }
    fn parse_digest(&self, text: &str) -> Result<FieldDigest, ProfileError> {
        parse_field_text(text).map(FieldDigest)
    }
}

/// Bytes as snarkVM's little-endian bits (least significant bit of each byte first).
pub fn bits_of_bytes(bytes: &[u8]) -> Vec<bool> {
    bytes.to_bits_le()
}

/// Builds a `BHPMerkleTree<DEPTH>` equivalent over bit-string leaves.
pub fn build_bhp(leaves: &[Vec<bool>], depth: u8) -> Result<SnarkvmTree, ProfileError> {
    SnarkvmBhp::new(depth)?.build(leaves)
}

/// Builds a `PoseidonMerkleTree<DEPTH>` equivalent over field-vector leaves.
pub fn build_poseidon(leaves: &[Vec<Field>], depth: u8) -> Result<SnarkvmTree, ProfileError> {
    SnarkvmPoseidon::new(depth)?.build(leaves)
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
