//! miden-crypto's `MerkleTree`: leaves are Miden words, a node is Poseidon2's `merge` of
//! its two children over Goldilocks, and the tree is full: miden-crypto builds it only
//! over a power of two of at least two leaves, so this profile refuses other counts
//! rather than build a tree Miden cannot.

use merklab_core::Policy;
use merklab_miden::{MidenHash, Poseidon2Goldilocks, WordDigest};

use crate::{Layout, Named, Options, Prehashed, ProfileError};

/// The `miden` profile: `0x` hex words as leaves and roots, as Miden prints them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Miden;

impl Named for Miden {
    const NAME: &'static str = "miden";
    const DESCRIPTION: &'static str =
        "miden-crypto MerkleTree: Miden word leaves (0x hex), Poseidon2 merge over Goldilocks, a power-of-two leaf count";
}

/// Positional pairs, leaves as given; the odd-node rule never applies to a full tree.
pub const POLICY: Policy = Policy::new();

/// The node compression: miden-crypto's `Poseidon2::merge`.
pub const COMPRESSION: MidenHash<Poseidon2Goldilocks> = MidenHash(Poseidon2Goldilocks);

/// Whether miden-crypto's `MerkleTree::new` takes this many leaves.
pub const fn takes(leaves: usize) -> bool {
    leaves >= 2 && leaves.is_power_of_two()
}

impl Layout for Miden {
    /// Leaves are words the caller hashed (notes, accounts, commitments), not the tree.
    const TAGGED: bool = false;
    type Digest = WordDigest;
    type Leaf = WordDigest;
    type LeafHash = Prehashed<WordDigest>;
    type Compression = MidenHash<Poseidon2Goldilocks>;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> Prehashed<WordDigest> {
        Prehashed::new()
    }
    fn compression(&self) -> MidenHash<Poseidon2Goldilocks> {
        COMPRESSION
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    fn parse_leaf(&self, line: &str) -> Result<WordDigest, ProfileError> {
        Ok(WordDigest::from_hex(line)?)
    }
    fn show(&self, digest: &WordDigest) -> String {
        digest.to_hex()
    }
    fn parse_digest(&self, text: &str) -> Result<WordDigest, ProfileError> {
        Ok(WordDigest::from_hex(text)?)
    }
    fn check_leaf_count(&self, leaves: usize) -> Result<(), ProfileError> {
        if takes(leaves) {
            Ok(())
        } else {
            Err(ProfileError::LeafCount {
                profile: Self::NAME,
                leaves,
                rule: "a power of two of at least 2 leaves",
            })
        }
    }
}
