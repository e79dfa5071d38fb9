//! # merklab-miden
//!
//! Miden's hashes as merklab pieces: [`WordDigest`] (a Miden `Word`, four Goldilocks
//! elements), and [`MidenHash`], which makes any of Miden's sponges ([`Rpo256`],
//! [`Rpx256`], [`Poseidon2Goldilocks`], or one chosen at run time by
//! [`MidenHashName`]) a [`merklab_core::LeafHash`] over bytes and a
//! [`merklab_core::Compression`] over words. Every digest is computed by `miden-crypto`
//! itself, so it is Miden's by construction.
//!
//! It is a crate of its own so that the other families do not link `miden-crypto` (and
//! its Plonky3 release), and Miden's trees do not link snarkVM or arkworks.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod digest;
mod names;
mod poseidon2;
mod rpo256;
mod rpx256;
mod sponge;

pub use digest::{WordDigest, MODULUS};
pub use miden_crypto::{Felt, Word};
pub use names::MidenHashName;
pub use poseidon2::Poseidon2Goldilocks;
pub use rpo256::Rpo256;
pub use rpx256::Rpx256;
pub use sponge::{MidenHash, Sponge};

/// Why a Miden value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MidenError {
    /// Text that is not `0x` and 64 hex digits, the form Miden prints a word in.
    #[error("'{value}' is not a Miden word (0x and 64 hex digits, four little-endian elements)")]
    NotWord {
        /// The text given.
        value: String,
    },
    /// An element value at or above the Goldilocks modulus.
    #[error("element {index} is {element}, not below the Goldilocks modulus {modulus}")]
    Element {
        /// Which of the four elements, from 0.
        index: usize,
        /// Its value.
        element: u64,
        /// The limit.
        modulus: u64,
    },
    /// A word's text with an element at or above the Goldilocks modulus.
    #[error("'{value}': element {index} is {element}, not below the Goldilocks modulus {modulus}")]
    TooLarge {
        /// The text given.
        value: String,
        /// Which of the four elements, from 0.
        index: usize,
        /// Its value.
        element: u64,
        /// The limit.
        modulus: u64,
    },
}
