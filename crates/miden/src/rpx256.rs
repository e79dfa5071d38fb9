//! [`Rpx256`]: Rescue Prime eXtension (RPX, the XHash12 construction of
//! eprint 2023/1045), miden-crypto's `Rpx256`: Rescue rounds interleaved with S-box
//! rounds in the cubic extension field, over the same 12-element Goldilocks state as
//! RPO.

use miden_crypto::hash::rpx::Rpx256 as Miden;
use miden_crypto::Word;

use crate::Sponge;

/// Rescue Prime eXtension over Goldilocks, through miden-crypto.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rpx256;

impl Sponge for Rpx256 {
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
