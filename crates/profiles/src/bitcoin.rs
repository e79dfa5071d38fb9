//! Bitcoin's transaction merkle root: SHA-256d of each concatenated pair, the last node
//! of an odd layer paired with itself, txids as leaves.
//!
//! Txids are shown (by block explorers, RPC, `getblock`) in reversed byte order; the tree
//! hashes the internal order. [`txid_from_display`] and [`to_display`] convert. Like
//! Bitcoin's own root, this one cannot tell `[.., x]` from `[.., x, x]` (CVE-2012-2459):
//! a verifier of blocks must reject duplicate txids separately.

use merklab_core::{ByteDigest, Compression, MerkleTree, OddNode, Policy, TreeError};
use merklab_hashes::{ByteHasher, Digest32, Sha256};

use crate::{parse_hex32, Layout, Named, Options, Prehashed, ProfileError};

/// The `bitcoin` profile: txids as leaves, digests in display (reversed) order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bitcoin;

impl Named for Bitcoin {
    const NAME: &'static str = "bitcoin";
    const DESCRIPTION: &'static str =
        "Bitcoin block merkle root: SHA-256d, last node duplicated, txids in display (reversed) byte order";
}

impl Layout for Bitcoin {
    /// A 64-byte transaction hashes like an inner node.
    const TAGGED: bool = false;
    type Digest = Digest32;
    type Leaf = Digest32;
    type LeafHash = Prehashed<Digest32>;
    type Compression = DoubleSha256;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> Prehashed<Digest32> {
        Prehashed::new()
    }
    fn compression(&self) -> DoubleSha256 {
        DoubleSha256
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    fn parse_leaf(&self, line: &str) -> Result<Digest32, ProfileError> {
        txid_from_display(line)
    }
    fn show(&self, digest: &Digest32) -> String {
        to_display(digest)
    }
    fn parse_digest(&self, text: &str) -> Result<Digest32, ProfileError> {
        txid_from_display(text)
    }
}

/// `SHA-256(SHA-256(left ‖ right))`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DoubleSha256;

impl Compression<2> for DoubleSha256 {
    type Digest = Digest32;
    fn compress(&self, children: &[Digest32; 2]) -> Digest32 {
        self.compress_short_group(children)
    }

    /// Arity 2 has no short groups; the same hash over the children keeps the method
    /// total.
    fn compress_short_group(&self, children: &[Digest32]) -> Digest32 {
        let mut input = Vec::with_capacity(64);
        for c in children {
            input.extend_from_slice(&c.0);
        }
        ByteDigest(Sha256::hash(&Sha256::hash(&input)))
    }
}

/// Positional pairs, leaves as given, the last node duplicated.
pub const POLICY: Policy = Policy::new().with_odd(OddNode::Duplicate);

/// A block's transaction tree.
pub type BitcoinTree = MerkleTree<Digest32, 2>;

/// A txid (or merkle root) as displayed, converted to internal byte order.
pub fn txid_from_display(text: &str) -> Result<Digest32, ProfileError> {
    let mut bytes = parse_hex32(text)?;
    bytes.reverse();
    Ok(ByteDigest(bytes))
}

/// A digest in internal order, as displayed (reversed hex).
pub fn to_display(digest: &Digest32) -> String {
    let mut bytes = digest.0;
    bytes.reverse();
    hex::encode(bytes)
}

/// Builds the tree over txids in internal byte order.
pub fn build(txids: Vec<Digest32>) -> Result<BitcoinTree, TreeError> {
    BitcoinTree::build(&DoubleSha256, POLICY, txids)
}

/// The merkle root, in display order, of txids in display order.
pub fn merkle_root_display<S: AsRef<str>>(txids: &[S]) -> Result<String, ProfileError> {
    let leaves = txids
        .iter()
        .map(|t| txid_from_display(t.as_ref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(to_display(&build(leaves)?.root()))
}

/// The merkle branch of tx `index` as Bitcoin lists it (SPV proofs, Electrum's
/// `get_merkle`, esplora's `merkle-proof`): one hash per level, a node paired with itself
/// listing itself. The core's proof omits those self-pairings; this puts them back.
pub fn branch(tree: &BitcoinTree, index: usize) -> Result<Vec<Digest32>, TreeError> {
    if index >= tree.leaf_count() {
        return Err(TreeError::IndexOutOfRange {
            index,
            leaves: tree.leaf_count(),
        });
    }
    let mut pos = index;
    let mut out = Vec::with_capacity(tree.depth());
    for level in 0..tree.depth() {
        let layer = tree.layer(level).unwrap_or(&[]);
        let sibling = layer.get(pos ^ 1).or_else(|| layer.get(pos));
        if let Some(s) = sibling {
            out.push(*s);
        }
        pos >>= 1;
    }
    Ok(out)
}

/// The root a txid and its Bitcoin-style branch imply (the bits of `index` choose sides).
pub fn root_from_branch(txid: Digest32, index: u64, branch: &[Digest32]) -> Digest32 {
    branch.iter().enumerate().fold(txid, |node, (level, &s)| {
        if level < 64 && (index >> level) & 1 == 1 {
            DoubleSha256.compress(&[s, node])
        } else {
            DoubleSha256.compress(&[node, s])
        }
    })
}
