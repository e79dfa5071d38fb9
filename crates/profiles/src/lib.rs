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

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod abi;
pub mod arc0102;
pub mod bitcoin;
pub mod openzeppelin;
pub mod rfc6962;
pub mod snarkvm;

use std::fmt;
use std::str::FromStr;

/// Why a profile operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The core refused to build or prove.
    #[error(transparent)]
    Tree(#[from] merklab_core::TreeError),
    /// A proof did not verify.
    #[error(transparent)]
    Verify(#[from] merklab_core::VerifyError),
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

/// The profiles, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// `rfc6962`: Certificate Transparency's Merkle Tree Hash.
    Rfc6962,
    /// `openzeppelin`: OpenZeppelin's `StandardMerkleTree`.
    OpenZeppelin,
    /// `bitcoin`: a block's transaction merkle root.
    Bitcoin,
    /// `snarkvm-bhp`: snarkVM's `BHPMerkleTree`.
    SnarkvmBhp,
    /// `snarkvm-poseidon`: snarkVM's `PoseidonMerkleTree`.
    SnarkvmPoseidon,
    /// `arc0102`: the zPass certificate tree.
    Arc0102,
}

impl Profile {
    /// Every profile, in a fixed order.
    pub const ALL: [Profile; 6] = [
        Profile::Rfc6962,
        Profile::OpenZeppelin,
        Profile::Bitcoin,
        Profile::SnarkvmBhp,
        Profile::SnarkvmPoseidon,
        Profile::Arc0102,
    ];

    /// The command-line name.
    pub const fn name(self) -> &'static str {
        match self {
            Profile::Rfc6962 => "rfc6962",
            Profile::OpenZeppelin => "openzeppelin",
            Profile::Bitcoin => "bitcoin",
            Profile::SnarkvmBhp => "snarkvm-bhp",
            Profile::SnarkvmPoseidon => "snarkvm-poseidon",
            Profile::Arc0102 => "arc0102",
        }
    }

    /// A one-line description.
    pub const fn description(self) -> &'static str {
        match self {
            Profile::Rfc6962 => "Certificate Transparency (RFC 6962): SHA-256, 0x00/0x01 prefixes, audit and consistency proofs",
            Profile::OpenZeppelin => "OpenZeppelin StandardMerkleTree: Keccak-256 of abi.encode twice, sorted pairs, heap shape, standard-v1 dumps",
            Profile::Bitcoin => "Bitcoin block merkle root: SHA-256d, last node duplicated, txids in display (reversed) byte order",
            Profile::SnarkvmBhp => "snarkVM BHPMerkleTree: BHP1024 leaves, BHP512 nodes, empty-hash padding to a fixed depth",
            Profile::SnarkvmPoseidon => "snarkVM PoseidonMerkleTree: Poseidon4 leaves, Poseidon2 nodes, empty-hash padding to a fixed depth",
            Profile::Arc0102 => "ARC-0102 zPass: u64 leaves, hashMerge (SHA3 then BHP256) on sorted pairs, sorted leaves",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile '{0}' (expected one of rfc6962, openzeppelin, bitcoin, snarkvm-bhp, snarkvm-poseidon, arc0102)")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownProfile(s.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(p.name().parse::<Profile>(), Ok(p));
            assert!(!p.description().is_empty());
        }
        assert!("RFC6962".parse::<Profile>().is_err());
    }
}
