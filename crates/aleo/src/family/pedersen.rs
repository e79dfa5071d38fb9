//! Pedersen (64 and 128 bits), a leaf hash only.

use merklab_core::LeafHash;
use snarkvm_console::network::Network;

use crate::{snarkvm_error, Aleo, AleoError, Field, FieldDigest};

/// Pedersen's maximum input size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PedersenSize {
    /// `hash.ped64`: at most 64 input bits.
    Ped64,
    /// `hash.ped128`: at most 128 input bits.
    Ped128,
}

impl PedersenSize {
    /// The most input bits this Pedersen accepts.
    pub const fn max_bits(self) -> usize {
        match self {
            Self::Ped64 => 64,
            Self::Ped128 => 128,
        }
    }
}

/// Pedersen over at most 64 or 128 bits (`Aleo::hash_ped*`); longer input is an error.
pub fn pedersen_hash(size: PedersenSize, bits: &[bool]) -> Result<Field, AleoError> {
    match size {
        PedersenSize::Ped64 => Aleo::hash_ped64(bits),
        PedersenSize::Ped128 => Aleo::hash_ped128(bits),
    }
    .map_err(snarkvm_error)
}

/// Pedersen as a leaf hash over u64 values (their 64 little-endian bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pedersen(pub PedersenSize);

impl LeafHash for Pedersen {
    type Input = u64;
    type Digest = FieldDigest;
    fn hash_leaf(&self, input: &u64) -> FieldDigest {
        let bits: Vec<bool> = (0..64).map(|i| (input >> i) & 1 == 1).collect();
        // 64 bits fit both Pedersen sizes.
        match pedersen_hash(self.0, &bits) {
            Ok(f) => FieldDigest(f),
            Err(e) => unreachable!("Pedersen over 64 bits failed: {e}"),
        }
    }
}
