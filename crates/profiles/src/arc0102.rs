//! ARC-0102 (zPass) certificate trees, as `merklab_zpass::scheme` declares them: `u64`
//! leaves (the hashed claims), `hashMerge` on sorted pairs, sorted leaves, a lone node
//! promoted.

use merklab_aleo::{Arc0102Merge, ARC0102_PARALLEL_CUTOFF};
use merklab_core::{fold_sorted_pairs, MerkleTree, Policy, TreeError};

/// The zPass tree layout.
pub const POLICY: Policy = merklab_zpass::scheme::POLICY;

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
