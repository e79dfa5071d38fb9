//! The Miden hashes by name, from the registry's `MidenField` rows, and the choice among
//! them at run time.

use miden_crypto::Word;

use crate::{MidenHash, Poseidon2Goldilocks, Rpo256, Rpx256, Sponge};

merklab_names::kind_enum!(
    MidenField,
    MidenHashName,
    "The hashes over Goldilocks words (Miden)."
);

impl MidenHashName {
    /// The hash as merklab pieces, chosen by name.
    pub const fn hash(self) -> MidenHash<Self> {
        MidenHash(self)
    }
}

/// Dispatches per call: the match is one predictable branch beside a permutation.
impl Sponge for MidenHashName {
    fn hash_bytes(&self, bytes: &[u8]) -> Word {
        match self {
            Self::Rpo256 => Rpo256.hash_bytes(bytes),
            Self::Rpx256 => Rpx256.hash_bytes(bytes),
            Self::Poseidon2Goldilocks => Poseidon2Goldilocks.hash_bytes(bytes),
        }
    }
    fn merge(&self, pair: &[Word; 2]) -> Word {
        match self {
            Self::Rpo256 => Rpo256.merge(pair),
            Self::Rpx256 => Rpx256.merge(pair),
            Self::Poseidon2Goldilocks => Poseidon2Goldilocks.merge(pair),
        }
    }
    fn merge_many(&self, words: &[Word]) -> Word {
        match self {
            Self::Rpo256 => Rpo256.merge_many(words),
            Self::Rpx256 => Rpx256.merge_many(words),
            Self::Poseidon2Goldilocks => Poseidon2Goldilocks.merge_many(words),
        }
    }
}
