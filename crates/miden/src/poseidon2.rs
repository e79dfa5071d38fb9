//! [`Poseidon2Goldilocks`]: Poseidon2 over Goldilocks as Miden's trees use it,
//! miden-crypto's `Poseidon2`: width 12 (rate 8, capacity 4), the permutation
//! Plonky3's `Poseidon2Goldilocks<12>` with its default constants. miden-crypto's
//! `MerkleTree`, sparse trees and MMR merge with it.

use miden_crypto::hash::poseidon2::Poseidon2 as Miden;
use miden_crypto::Word;

use crate::Sponge;

/// Poseidon2 over Goldilocks, width 12, through miden-crypto.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Poseidon2Goldilocks;

impl Sponge for Poseidon2Goldilocks {
    fn hash_bytes(&self, bytes: &[u8]) -> Word {
        Miden::hash(bytes)
    }
    fn merge(&self, pair: &[Word; 2]) -> Word {
        Miden::merge(pair)
    }
    fn merge_many(&self, words: &[Word]) -> Word {
        Miden::merge_many(words)
    }
}
