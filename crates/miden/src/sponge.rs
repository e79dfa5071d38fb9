//! [`Sponge`], what the three Miden hashes share, and [`MidenHash`], the merklab pieces
//! over any of them.
//!
//! Leaves of bytes are hashed with the sponge's own `hash(bytes)`, Miden's byte encoding:
//! 7-byte chunks read as little-endian integers (below 2^56, so below the modulus), the
//! last chunk followed by a `1` byte and zeros, and the first capacity element set to
//! `8 + (chunks mod 8)`. It is injective: the marker gives back the last chunk's length,
//! the number of absorbed blocks and the capacity element give back the number of chunks,
//! and the capacity element also keeps byte inputs apart from element inputs (which set
//! it below 8). The empty input is the zero word, with no permutation.
//!
//! A node of two children is the sponge's `merge` (the two words fill the rate, the
//! capacity is zero), as Miden's trees compute it. A node of `K` children, for `K` up to
//! the core's 16, is its `merge_many`: `hash_elements` over the children's `4K` elements,
//! the sponge's own K-to-1 form, which is `merge` again at `K = 2`. Miden's own trees are
//! binary; wider ones are merklab's, on Miden's hash.

use merklab_core::{Compression, LeafHash, MAX_ARITY};
use miden_crypto::Word;

use crate::WordDigest;

/// One of Miden's sponges over Goldilocks, as miden-crypto computes it.
pub trait Sponge: Copy + Send + Sync + 'static {
    /// `hash(bytes)`: Miden's byte encoding, absorbed.
    fn hash_bytes(&self, bytes: &[u8]) -> Word;
    /// `merge`: two words into one.
    fn merge(&self, pair: &[Word; 2]) -> Word;
    /// `merge_many`: `hash_elements` over the words' elements.
    fn merge_many(&self, words: &[Word]) -> Word;
}

/// A Miden sponge as a byte-leaf hash and a node compression of any arity from 2 to 16.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MidenHash<S>(pub S);

impl<S: Sponge> LeafHash for MidenHash<S> {
    type Input = [u8];
    type Digest = WordDigest;
    fn hash_leaf(&self, input: &[u8]) -> WordDigest {
        WordDigest(self.0.hash_bytes(input))
    }
}

impl<S: Sponge, const K: usize> Compression<K> for MidenHash<S> {
    type Digest = WordDigest;

    fn compress(&self, children: &[WordDigest; K]) -> WordDigest {
        let words: [Word; K] = std::array::from_fn(|i| children[i].0);
        WordDigest(match words.as_slice() {
            [left, right] => self.0.merge(&[*left, *right]),
            all => self.0.merge_many(all),
        })
    }

    /// `merge_many` over the group's `m` children: the same K-to-1 form with fewer words.
    fn compress_short_group(&self, children: &[WordDigest]) -> WordDigest {
        let mut words = [Word::empty(); MAX_ARITY];
        for (slot, child) in words.iter_mut().zip(children) {
            *slot = child.0;
        }
        WordDigest(self.0.merge_many(&words[..children.len()]))
    }
}
