//! ARC-0102 (zPass) certificate trees, as `merklab_zpass` declares them: `u64`
//! leaves (the hashed claims), `hashMerge` on sorted pairs, sorted leaves, a lone node
//! promoted.

use merklab_aleo::literal::{format_u64, parse_u64};
use merklab_aleo::{Arc0102Merge, ARC0102_PARALLEL_CUTOFF};
use merklab_core::{fold_sorted_pairs, MerkleTree, Policy, TreeError};

use crate::{Layout, Named, Options, Prehashed, ProfileError};

/// The `arc0102` profile: u64 leaf digests, written `Nu64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arc0102;

impl Named for Arc0102 {
    const NAME: &'static str = "arc0102";
    const DESCRIPTION: &'static str =
        "ARC-0102 zPass: u64 leaves, hashMerge (SHA3 then BHP256) on sorted pairs, sorted leaves";
}

impl Layout for Arc0102 {
    /// Leaves and nodes are both `hashMerge` outputs.
    const TAGGED: bool = false;
    const PARALLEL_CUTOFF: usize = ARC0102_PARALLEL_CUTOFF;
    type Digest = u64;
    type Leaf = u64;
    type LeafHash = Prehashed<u64>;
    type Compression = Arc0102Merge;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> Prehashed<u64> {
        Prehashed::new()
    }
    fn compression(&self) -> Arc0102Merge {
        COMPRESSION
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    fn parse_leaf(&self, line: &str) -> Result<u64, ProfileError> {
        Ok(parse_u64(line)?)
    }
    fn show(&self, digest: &u64) -> String {
        format_u64(*digest)
    }
    fn parse_digest(&self, text: &str) -> Result<u64, ProfileError> {
        Ok(parse_u64(text)?)
    }
}

/// The zPass tree layout.
pub const POLICY: Policy = merklab_zpass::POLICY;

/// The node compression.
pub const COMPRESSION: Arc0102Merge = Arc0102Merge::new();

/// A zPass tree.
pub type Arc0102Tree = MerkleTree<u64, 2>;

/// Builds the tree over leaf digests (they are sorted first).
pub fn build(leaves: Vec<u64>) -> Result<Arc0102Tree, TreeError> {
    Arc0102Tree::build_with_cutoff(&COMPRESSION, POLICY, leaves, ARC0102_PARALLEL_CUTOFF)
}

/// The root a leaf and its unpadded sibling list imply (what a Leo verifier folds).
pub fn root_from_siblings(leaf: u64, siblings: &[u64]) -> u64 {
    fold_sorted_pairs(&COMPRESSION, leaf, siblings)
}
