//! # merklab-plonky3
//!
//! Plonky3's Poseidon2 hashes as merklab pieces, on Plonky3's own crates (0.8):
//!
//! - over the 31-bit fields BabyBear and KoalaBear, the configuration Plonky3's examples
//!   give `MerkleTreeMmcs`: the width-16 permutation with Plonky3's default constants,
//!   `PaddingFreeSponge<Perm, 16, 8, 8>` over a leaf's elements and
//!   `TruncatedPermutation<Perm, 2, 8, 16>` over two children; a digest is
//!   [`Digest8`], eight field elements;
//! - over BN254, Poseidon2 at t = 3 (HorizenLabs' constants, which Plonky3 tests
//!   against): a sponge of rate 2 over a leaf and the truncated permutation over two
//!   children; a digest is [`Bn254Element`], one field element.
//!
//! Byte leaves are encoded injectively into field elements first ([`limbs`]). The
//! permutations are Plonky3's, so every digest equals what Plonky3 computes from the
//! same elements, and a tree over matrix rows equals `MerkleTreeMmcs`'s commitment
//! (the `plonky3-mmcs` profile).
//!
//! It is a crate of its own so that the Aleo and circom trees do not link Plonky3.

// Unsafe code is denied everywhere but the lane kernels (`simd`).
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod babybear;
mod batch;
mod bn254;
mod bn254_element;
mod digest8;
mod koalabear;
pub mod limbs;
mod mmcs;
mod names;
mod simd;
#[cfg(feature = "stark")]
pub mod stark;

pub use babybear::BabyBear;
pub use bn254::{Poseidon2Bn254, Poseidon2Bn254Bytes};
pub use bn254_element::{Bn254Element, BN254_MODULUS_DECIMAL};
pub use digest8::{Digest8, DIGEST_ELEMS};
pub use koalabear::KoalaBear;
pub use mmcs::{BytesLeaf, Hashers, Poseidon2Compress, RowLeaf, SmallField, RATE, WIDTH};
pub use names::Plonky3HashName;
pub use simd::{permute_many, permute_many_with, Backend};

/// Why a Plonky3 value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Plonky3Error {
    /// Text that is not a decimal number.
    #[error("'{value}' is not a decimal {field} element")]
    NotDecimal {
        /// The text given.
        value: String,
        /// The field's name.
        field: &'static str,
    },
    /// A number at or above the field's modulus: refused, never reduced.
    #[error("{value} is not below the {field} modulus {modulus}")]
    TooLarge {
        /// The number given.
        value: String,
        /// The field's name.
        field: &'static str,
        /// The limit, in decimal.
        modulus: String,
    },
    /// A digest of another number of elements.
    #[error("a {field} digest has {expected} elements, found {found}")]
    DigestLength {
        /// The field's name.
        field: &'static str,
        /// Elements a digest has.
        expected: usize,
        /// Elements given.
        found: usize,
    },
    /// A tree arity the compression does not have.
    #[error("{hash} compresses two children (arity 2), not {given}")]
    Arity {
        /// The hash.
        hash: &'static str,
        /// Arity asked for.
        given: usize,
    },
}
