//! The hashes Plonky3 has AIRs for, what one node costs in each, and why the others
//! have none.

use merklab_names::HashId;

use super::{blake3, keccak};

/// A hash with a Plonky3 AIR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StarkHash {
    /// `poseidon2-babybear` on `p3-poseidon2-air` over BabyBear.
    Poseidon2BabyBear,
    /// `poseidon2-koalabear` on `p3-poseidon2-air` over KoalaBear.
    Poseidon2KoalaBear,
    /// `keccak-256` on `p3-keccak-air` over KoalaBear.
    Keccak256,
    /// `sha3-256` on `p3-keccak-air` over KoalaBear.
    Sha3_256,
    /// `blake3` on `p3-blake3-air` over KoalaBear (compressions of BLAKE3's shape).
    Blake3,
}

impl StarkHash {
    /// Every hash with an AIR.
    pub const ALL: [Self; 5] = [
        Self::Poseidon2BabyBear,
        Self::Poseidon2KoalaBear,
        Self::Keccak256,
        Self::Sha3_256,
        Self::Blake3,
    ];

    /// The hash's AIR, if Plonky3 has one.
    pub const fn from_id(id: HashId) -> Option<Self> {
        match id {
            HashId::Poseidon2BabyBear => Some(Self::Poseidon2BabyBear),
            HashId::Poseidon2KoalaBear => Some(Self::Poseidon2KoalaBear),
            HashId::Keccak256 => Some(Self::Keccak256),
            HashId::Sha3_256 => Some(Self::Sha3_256),
            HashId::Blake3 => Some(Self::Blake3),
            _ => None,
        }
    }

    /// The registry's hash.
    pub const fn id(self) -> HashId {
        match self {
            Self::Poseidon2BabyBear => HashId::Poseidon2BabyBear,
            Self::Poseidon2KoalaBear => HashId::Poseidon2KoalaBear,
            Self::Keccak256 => HashId::Keccak256,
            Self::Sha3_256 => HashId::Sha3_256,
            Self::Blake3 => HashId::Blake3,
        }
    }

    /// The AIR crate and the field the trace is over.
    pub const fn air(self) -> &'static str {
        match self {
            Self::Poseidon2BabyBear => "p3-poseidon2-air over BabyBear",
            Self::Poseidon2KoalaBear => "p3-poseidon2-air over KoalaBear",
            Self::Keccak256 | Self::Sha3_256 => "p3-keccak-air over KoalaBear",
            Self::Blake3 => "p3-blake3-air over KoalaBear",
        }
    }

    /// Whether merklab builds this hash's trees at arity `k`: the Poseidon2
    /// compressions are 2-to-1, the byte hashes take 2 to 16 children.
    pub const fn supports(self, k: usize) -> bool {
        match self {
            Self::Poseidon2BabyBear | Self::Poseidon2KoalaBear => k == 2,
            _ => 2 <= k && k <= 16,
        }
    }

    /// Permutations (compressions, for BLAKE3) one node of `k` children takes.
    pub const fn permutations_per_node(self, k: usize) -> usize {
        match self {
            Self::Poseidon2BabyBear | Self::Poseidon2KoalaBear => 1,
            Self::Keccak256 | Self::Sha3_256 => keccak::permutations_per_node(k),
            Self::Blake3 => blake3::permutations_per_node(k),
        }
    }
}

impl std::fmt::Display for StarkHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id().name())
    }
}

/// Why a registry hash has no Plonky3 row, or None if it has one.
pub const fn missing_air(id: HashId) -> Option<&'static str> {
    if StarkHash::from_id(id).is_some() {
        return None;
    }
    Some(match id {
        HashId::Sha256 | HashId::Blake2s256 | HashId::Blake2b256 => {
            "Plonky3 0.8.0 publishes no AIR for this hash (its AIRs: Poseidon2, Keccak-f, BLAKE3)"
        }
        HashId::Poseidon2Bn254 => {
            "p3-poseidon2-air needs the field's generic Poseidon2 linear layers, which p3-bn254 0.8.0 does not provide"
        }
        HashId::PoseidonBn254 => "Plonky3 0.8.0 has no AIR for circom's Poseidon over BN254",
        HashId::Rpo256 | HashId::Rpx256 | HashId::Poseidon2Goldilocks => {
            "Plonky3 0.8.0 has no AIR for Miden's hashes with miden-crypto's constants"
        }
        _ => "Plonky3 0.8.0 has no AIR for Aleo's hashes",
    })
}
