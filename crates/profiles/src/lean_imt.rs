//! zk-kit's LeanIMT as Semaphore v4 builds it: leaves are BN254 field elements, a node
//! is circom's `Poseidon(left, right)`, and a node without a right sibling is carried up
//! unhashed (no zero padding), which is the core's `promote` at arity 2.

use merklab_bn254::{Bn254Digest, CircomPoseidon};
use merklab_core::Policy;

use crate::{Layout, Named, Options, Prehashed, ProfileError};

/// The `lean-imt` profile: decimal field-element leaves, decimal roots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeanImt;

impl Named for LeanImt {
    const NAME: &'static str = "lean-imt";
    const DESCRIPTION: &'static str =
        "zk-kit LeanIMT (Semaphore v4): BN254 field-element leaves, circom Poseidon(l, r), a lone node carried up";
}

/// Positional pairs, leaves as given, a lone node promoted.
pub const POLICY: Policy = Policy::new();

impl Layout for LeanImt {
    /// Leaves are identities' commitments, hashed by their owner, not by the tree.
    const TAGGED: bool = false;
    type Digest = Bn254Digest;
    type Leaf = Bn254Digest;
    type LeafHash = Prehashed<Bn254Digest>;
    type Compression = CircomPoseidon<2>;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> Prehashed<Bn254Digest> {
        Prehashed::new()
    }
    fn compression(&self) -> CircomPoseidon<2> {
        COMPRESSION
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    fn parse_leaf(&self, line: &str) -> Result<Bn254Digest, ProfileError> {
        Ok(Bn254Digest::from_decimal(line)?)
    }
    fn show(&self, digest: &Bn254Digest) -> String {
        digest.to_string()
    }
    fn parse_digest(&self, text: &str) -> Result<Bn254Digest, ProfileError> {
        Ok(Bn254Digest::from_decimal(text)?)
    }
}

/// The node compression: circom's `Poseidon(2)`.
pub const COMPRESSION: CircomPoseidon<2> = CircomPoseidon::PAIR;
