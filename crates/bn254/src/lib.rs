//! # merklab-bn254
//!
//! circom's Poseidon over the BN254 scalar field, as merklab pieces: [`Bn254Digest`] (one
//! field element), [`BytesLeaf`] (an injective encoding of byte leaves into field
//! elements, then Poseidon) and [`CircomPoseidon`] (`poseidon(children)` as a
//! [`merklab_core::Compression`]). The parameters are circomlib's, as `light-poseidon`
//! ships them, so every digest equals circomlibjs' and zk-kit's; the permutation runs in
//! the optimized form of [`merklab_poseidon`], checked against `light-poseidon` itself.
//!
//! It is a crate of its own so that the Aleo crates do not link arkworks, and the BN254
//! trees (circom, Semaphore) do not link snarkVM.
//!
//! `light-poseidon` ships circomlib's parameters for widths up to 13, so this crate
//! hashes 1 to [`MAX_INPUTS`] inputs and builds trees of arity 2 to [`MAX_ARITY`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(all(feature = "adx", target_arch = "x86_64"))]
mod adx;
mod digest;
mod leaf;
mod names;
mod plan;
mod poseidon;

pub use ark_bn254::Fr;
pub use digest::{Bn254Digest, MODULUS_DECIMAL};
pub use leaf::{BytesLeaf, CHUNK_BYTES};
pub use names::Bn254HashName;
pub use plan::{arithmetic, Arithmetic};
pub use poseidon::{poseidon, poseidon_with, CircomPoseidon, MAX_ARITY, MAX_INPUTS};

/// Why a BN254 value or hash could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Bn254Error {
    /// Text that is not a decimal number.
    #[error("'{value}' is not a decimal BN254 field element")]
    NotDecimal {
        /// The text given.
        value: String,
    },
    /// A number at or above the field's modulus.
    #[error("'{value}' is not below the BN254 scalar field modulus {modulus}")]
    TooLarge {
        /// The number given.
        value: String,
        /// The limit, in decimal.
        modulus: &'static str,
    },
    /// A Poseidon call over a number of inputs circomlib's parameters do not cover.
    #[error("circom Poseidon takes 1 to {max} inputs here, not {given}")]
    Inputs {
        /// Inputs given.
        given: usize,
        /// The most this crate hashes at once.
        max: usize,
    },
    /// An arithmetic asked for by name that this CPU lacks, or whose plan failed its
    /// check against `light-poseidon`.
    #[error("the {arithmetic} BN254 arithmetic is not available on this machine")]
    Unavailable {
        /// The arithmetic asked for.
        arithmetic: Arithmetic,
    },
    /// A tree arity outside 2 to [`MAX_ARITY`].
    #[error("poseidon-bn254 builds trees of arity 2 to {max}, not {given}")]
    Arity {
        /// Arity asked for.
        given: usize,
        /// The largest arity.
        max: usize,
    },
}
