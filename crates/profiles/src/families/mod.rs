//! The hashes over field elements as families of one shape, so a tool written once
//! over [`FieldFamily`] builds, proves and verifies trees of every proof system's hash:
//! byte leaves encoded injectively into field elements and hashed by the family's leaf
//! hash, nodes by its compression, digests printed as the family's ecosystem prints
//! them. The command line and the Python package both run on this; a new family is one
//! impl and one line in [`with_family`].

mod bn254;
mod miden;
mod plonky3;

use std::fmt::Display;

use merklab_core::{Compression, Digest, DomainTags, LeafHash};
use merklab_names::HashId;

use crate::ProfileError;

pub use plonky3::{Poseidon2Bn254Family, SmallFieldFamily};

/// A family of hashes over one digest type.
pub trait FieldFamily: Copy + Display + Send + Sync + 'static {
    /// The node type; [`Display`] prints it as its ecosystem writes it.
    type Digest: Digest + Display;
    /// The hash of one byte leaf.
    type LeafHash: LeafHash<Input = [u8], Digest = Self::Digest> + Clone + Send + Sync + 'static;

    /// The hash a registry entry names, if it is of this family.
    fn from_id(id: HashId) -> Option<Self>;
    /// The byte-leaf hash.
    fn leaf_hash(self) -> Self::LeafHash;
    /// The node compression at arity `K`, or why there is none (the arity, the tags).
    fn compression<const K: usize>(
        self,
        tags: DomainTags,
    ) -> Result<impl Compression<K, Digest = Self::Digest> + 'static, ProfileError>;
    /// A digest as [`Display`] writes it.
    fn parse_digest(text: &str) -> Result<Self::Digest, ProfileError>;
}

/// An operation over one family's hash, run by [`with_family`].
pub trait FamilyOp {
    /// What the operation returns.
    type Output;
    /// Runs on `hash`.
    fn run<F: FieldFamily>(self, hash: F) -> Self::Output;
}

/// Runs `op` on the family of `id`, or gives `op` back when `id` is in none.
pub fn with_family<O: FamilyOp>(id: HashId, op: O) -> Result<O::Output, O> {
    fn one<F: FieldFamily, O: FamilyOp>(id: HashId, op: O) -> Result<O::Output, O> {
        match F::from_id(id) {
            Some(hash) => Ok(op.run(hash)),
            None => Err(op),
        }
    }
    /// Tries each family in turn, handing `op` on to the next.
    macro_rules! families {
        ($($family:ty),+) => {{
            $(let op = match one::<$family, O>(id, op) {
                Ok(out) => return Ok(out),
                Err(op) => op,
            };)+
            Err(op)
        }};
    }
    families!(
        merklab_bn254::Bn254HashName,
        SmallFieldFamily<merklab_plonky3::BabyBear>,
        SmallFieldFamily<merklab_plonky3::KoalaBear>,
        Poseidon2Bn254Family,
        merklab_miden::MidenHashName
    )
}

/// Whether `id` is a hash of some field family.
pub fn is_field_hash(id: HashId) -> bool {
    struct Known;
    impl FamilyOp for Known {
        type Output = ();
        fn run<F: FieldFamily>(self, _: F) {}
    }
    with_family(id, Known).is_ok()
}

/// A family without a tagged form refuses domain tags rather than ignore them.
fn untagged(name: impl Display, tags: DomainTags) -> Result<(), ProfileError> {
    if tags != DomainTags::None {
        return Err(ProfileError::input(format!(
            "{name} has no domain-tagged form (use tags none)"
        )));
    }
    Ok(())
}
