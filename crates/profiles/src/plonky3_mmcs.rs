//! Plonky3's `MerkleTreeMmcs` over one BabyBear matrix, as Plonky3's examples configure
//! it: a leaf is a matrix row hashed by `PaddingFreeSponge<Poseidon2BabyBear<16>, 16, 8,
//! 8>`, a node the `TruncatedPermutation<Poseidon2BabyBear<16>, 2, 8, 16>` of its two
//! children, digests eight BabyBear elements.
//!
//! Plonky3 0.8 takes any height: a layer of odd length above one is padded with the
//! all-zero digest before its pairs are compressed, and a layer of one is the root.
//! That is the core's `zero` rule at arity 2, so the roots are the same for every
//! height, powers of two or not.

use merklab_core::{OddNode, Policy};
use merklab_plonky3::{BabyBear, Digest8, Poseidon2Compress, RowLeaf, SmallField};

use crate::{leaf_lines, Layout, LeafError, Named, Options, ProfileError};

/// The `plonky3-mmcs` profile: rows of decimal BabyBear elements, `[e0, ..., e7]` roots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Plonky3Mmcs;

impl Named for Plonky3Mmcs {
    const NAME: &'static str = "plonky3-mmcs";
    const DESCRIPTION: &'static str =
        "Plonky3 MerkleTreeMmcs over BabyBear: one matrix row per line, Poseidon2 sponge per row, truncated permutation per node";
}

/// Positional pairs, rows as given, an odd layer padded with the zero digest.
pub const POLICY: Policy = Policy::new().with_odd(OddNode::Zero);

/// The digest of the profile.
pub type MmcsDigest = Digest8<BabyBear>;

impl Layout for Plonky3Mmcs {
    /// Plonky3's MMCS hashes rows and nodes with different functions (a sponge and a
    /// truncated permutation), but a node's eight elements are also a valid row, so
    /// leaves are not separated from nodes by construction; a verifier pins the height.
    const TAGGED: bool = false;
    type Digest = MmcsDigest;
    type Leaf = Vec<BabyBear>;
    type LeafHash = RowLeaf<BabyBear>;
    type Compression = Poseidon2Compress<BabyBear>;
    fn from_options(_: &Options) -> Result<Self, ProfileError> {
        Ok(Self)
    }
    fn leaf_hash(&self) -> RowLeaf<BabyBear> {
        RowLeaf::new()
    }
    fn compression(&self) -> Poseidon2Compress<BabyBear> {
        Poseidon2Compress::new()
    }
    fn policy(&self) -> Policy {
        POLICY
    }
    /// Decimal elements separated by spaces and/or commas; each below the modulus.
    fn parse_leaf(&self, line: &str) -> Result<Vec<BabyBear>, ProfileError> {
        let row = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| BabyBear::from_decimal(w).map_err(ProfileError::from))
            .collect::<Result<Vec<_>, _>>()?;
        if row.is_empty() {
            return Err(ProfileError::input("a row with no elements"));
        }
        Ok(row)
    }
    fn show(&self, digest: &MmcsDigest) -> String {
        digest.to_string()
    }
    fn parse_digest(&self, text: &str) -> Result<MmcsDigest, ProfileError> {
        Ok(MmcsDigest::parse(text)?)
    }

    /// A matrix: every row has the first row's width.
    fn parse_leaves(&self, text: &str) -> Result<Vec<Vec<BabyBear>>, LeafError> {
        let mut rows: Vec<Vec<BabyBear>> = Vec::new();
        for (line, l) in leaf_lines(text) {
            let row = self
                .parse_leaf(l)
                .map_err(|error| LeafError { line, error })?;
            if let Some(first) = rows.first() {
                if row.len() != first.len() {
                    return Err(LeafError {
                        line,
                        error: ProfileError::input(format!(
                            "a row of {} elements, but the matrix is {} wide (its first row)",
                            row.len(),
                            first.len()
                        )),
                    });
                }
            }
            rows.push(row);
        }
        Ok(rows)
    }
}
