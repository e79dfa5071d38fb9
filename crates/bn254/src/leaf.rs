//! Byte leaves as field elements: [`BytesLeaf`].

use std::iter::Peekable;

use ark_ff::PrimeField;
use merklab_core::LeafHash;

use crate::poseidon::poseidon_bounded;
use crate::{Bn254Digest, Fr, MAX_INPUTS};

/// Bytes per field element: 31 bytes are below 2^248, under the modulus, so every chunk
/// is its own element and no two chunks of one length meet.
pub const CHUNK_BYTES: usize = 31;

/// Hashes a byte leaf: its length, then its 31-byte chunks (the last may be shorter),
/// each read as a big-endian integer, absorbed `MAX_INPUTS - 1` chunks at a time by
/// chaining: `h = Poseidon(len, c1..c11)`, then `h = Poseidon(h, c12..c22)`, and so on
/// (the empty leaf is `Poseidon(0)`, a 32-byte leaf `Poseidon(32, c1, c2)`).
///
/// The encoding is injective: the length fixes the number of chunks, the length of the
/// last one and where the blocks split, and a chunk's integer gives back its bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BytesLeaf;

impl BytesLeaf {
    /// Hashes one leaf.
    pub fn hash(data: &[u8]) -> Bn254Digest {
        let mut chunks: Peekable<_> = data
            .chunks(CHUNK_BYTES)
            .map(Fr::from_be_bytes_mod_order)
            .peekable();
        let mut block = [Fr::from(0u64); MAX_INPUTS];
        block[0] = Fr::from(data.len() as u64);
        loop {
            let mut count = 1;
            while count < MAX_INPUTS {
                let Some(chunk) = chunks.next() else { break };
                block[count] = chunk;
                count += 1;
            }
            block[0] = poseidon_bounded(&block[..count]);
            if chunks.peek().is_none() {
                return Bn254Digest(block[0]);
            }
        }
    }
}

impl LeafHash for BytesLeaf {
    type Input = [u8];
    type Digest = Bn254Digest;
    fn hash_leaf(&self, input: &[u8]) -> Bn254Digest {
        Self::hash(input)
    }
}
