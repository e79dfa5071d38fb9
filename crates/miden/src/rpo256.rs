//! [`Rpo256`]: Rescue Prime Optimized (RPO), miden-crypto's `Rpo256`: seven rounds of
//! the Rescue permutation over a 12-element Goldilocks state (rate 8, capacity 4).
//! Miden's trees merged with it before they moved to Poseidon2, and its VM still
//! offers it.

use miden_crypto::hash::rpo::Rpo256 as Miden;
use miden_crypto::Word;

use crate::Sponge;

/// Rescue Prime Optimized over Goldilocks, through miden-crypto.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rpo256;

impl Sponge for Rpo256 {
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
