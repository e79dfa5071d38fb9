//! # merklab-profiles
//!
//! Named instantiations of the merklab core that reproduce layouts other systems use,
//! so merklab can check and produce their roots and proofs:
//!
//! | profile | leaves | node | shape |
//! | --- | --- | --- | --- |
//! | [`rfc6962`] | SHA-256(0x00 ‖ data) | SHA-256(0x01 ‖ l ‖ r) | layered, lone node promoted (= RFC 6962's split tree) |
//! | [`openzeppelin`] | keccak256(keccak256(abi.encode(values))) | keccak256 of the sorted pair | heap array, leaves sorted |
//! | [`bitcoin`] | txids (internal byte order) | SHA-256d(l ‖ r) | layered, last node duplicated |
//! | [`snarkvm`] BHP | BHP1024(0 ‖ bits) | BHP512(1 ‖ l ‖ r) | fixed depth, snarkVM padding |
//! | [`snarkvm`] Poseidon | Poseidon4(0, fields…) | Poseidon2(1, l, r) | fixed depth, snarkVM padding |
//! | [`arc0102`] | zPass claim leaves (u64) | `hashMerge` (sorted) | layered, sorted leaves, promoted |
//! | [`lean_imt`] | BN254 field elements | circom `Poseidon(l, r)` | layered, lone node carried up |
//! | [`plonky3_mmcs`] | Poseidon2 sponge over a BabyBear row | Poseidon2 truncated permutation | layered, odd layer padded with zero |
//! | [`miden`] | Miden words | Poseidon2 `merge(l, r)` over Goldilocks | full binary, power-of-two leaves |
//!
//! Each profile is a type: the layered ones implement [`Layout`], so a tool written once
//! over `Layout` serves them all; [`Profile`] maps each name to its type.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod abi;
pub mod arc0102;
pub mod bitcoin;
pub mod families;
mod layout;
pub mod lean_imt;
pub mod miden;
pub mod openzeppelin;
pub mod plonky3_mmcs;
mod profile;
pub mod rfc6962;
pub mod snarkvm;

pub use layout::{leaf_lines, Layout, LeafError, Options, Prehashed};
pub use profile::{Named, Profile, UnknownProfile, Visit};

/// Why a profile operation failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The core refused to build or prove.
    #[error(transparent)]
    Tree(#[from] merklab_core::TreeError),
    /// A proof did not verify.
    #[error(transparent)]
    Verify(#[from] merklab_core::VerifyError),
    /// A digest's bytes did not decode.
    #[error(transparent)]
    Decode(#[from] merklab_core::DecodeError),
    /// An Aleo literal (field element, u64) did not parse.
    #[error(transparent)]
    Aleo(#[from] merklab_aleo::AleoError),
    /// A BN254 field element did not parse.
    #[error(transparent)]
    Bn254(#[from] merklab_bn254::Bn254Error),
    /// A Plonky3 field element or digest did not parse.
    #[error(transparent)]
    Plonky3(#[from] merklab_plonky3::Plonky3Error),
    /// A Miden word did not parse.
    #[error(transparent)]
    Miden(#[from] merklab_miden::MidenError),
    /// A leaf count the profile's ecosystem builds no tree of.
    #[error("{profile} trees have {rule}, not {leaves}")]
    LeafCount {
        /// The profile.
        profile: &'static str,
        /// Leaves given.
        leaves: usize,
        /// The counts it takes.
        rule: &'static str,
    },
    /// Malformed input (hex, ABI value, dump, field element ...).
    #[error("{0}")]
    Input(String),
    /// snarkVM refused an operation.
    #[error("snarkVM: {0}")]
    SnarkVm(String),
}

impl ProfileError {
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Self::Input(message.into())
    }
}

/// Parses 32 bytes of hex, with or without a `0x` prefix.
pub(crate) fn parse_hex32(text: &str) -> Result<[u8; 32], ProfileError> {
    let t = text.trim();
    let digits = t.strip_prefix("0x").unwrap_or(t);
    let bytes =
        hex::decode(digits).map_err(|e| ProfileError::input(format!("'{t}' is not hex: {e}")))?;
    bytes.try_into().map_err(|b: Vec<u8>| {
        ProfileError::input(format!("'{t}' has {} bytes, expected 32", b.len()))
    })
}
