//! `blake3` on `p3-blake3-air`: one BLAKE3 compression per row. A node of `k`
//! children is one chunk of `32 k` bytes (at most 512, so never more than one chunk),
//! which BLAKE3 compresses in 64-byte blocks: `k / 2` rounded up compressions.
//!
//! The AIR fixes part of each compression's input: its counter is the row's index,
//! its block length the trace's height, and its flags zero, where BLAKE3 hashing a
//! node sets counter 0, the block's length and the chunk-start, chunk-end and root
//! flags. So a row is a compression of BLAKE3's shape over the path's real message
//! blocks (each block's chaining value is BLAKE3's IV), not the node's hash, and the
//! row measures the cost of that many compressions rather than proving the path's
//! digests; its outputs are not compared with BLAKE3's.

use merklab_hashes::{Blake3, ByteHasher};
use p3_blake3_air::generate_trace_rows;
use p3_field::PrimeField64;
use p3_matrix::dense::RowMajorMatrix;
use rand::rngs::SmallRng;
use rand::RngExt;

/// BLAKE3's IV (the SHA-256 IV), the chaining value of a chunk's first block.
const IV: [u32; 8] = [
    0x6A09_E667,
    0xBB67_AE85,
    0x3C6E_F372,
    0xA54F_F53A,
    0x510E_527F,
    0x9B05_688C,
    0x1F83_D9AB,
    0x5BE0_CD19,
];

/// Compressions of a node of `k` 32-byte children: its 64-byte blocks.
pub(crate) const fn permutations_per_node(k: usize) -> usize {
    (32 * k).div_ceil(64)
}

/// The compression inputs of one path of `depth` levels at arity `k`, as the AIR
/// takes them (16 message words, then 8 chaining-value words), with each next level's
/// child the node's real BLAKE3 digest (merklab's `Blake3`, the `blake3` crate).
pub(crate) fn path_inputs(k: usize, depth: usize, rng: &mut SmallRng) -> Vec<[u32; 24]> {
    let mut node_digest: [u8; 32] = rng.random();
    let mut inputs = Vec::new();
    for _ in 0..depth {
        let position = rng.random_range(0..k);
        let mut message = Vec::with_capacity(32 * k);
        for i in 0..k {
            let child: [u8; 32] = if i == position {
                node_digest
            } else {
                rng.random()
            };
            message.extend_from_slice(&child);
        }
        for block in message.chunks(64) {
            let mut words = [0u32; 24];
            for (w, bytes) in words.iter_mut().zip(block.chunks(4)) {
                let mut b = [0u8; 4];
                b[..bytes.len()].copy_from_slice(bytes);
                *w = u32::from_le_bytes(b);
            }
            words[16..].copy_from_slice(&IV);
            inputs.push(words);
        }
        node_digest = Blake3::hash(&message);
    }
    inputs
}

/// The trace of `inputs`, padded with all-zero inputs to a power of two rows
/// (`generate_trace_rows` requires it).
pub(crate) fn trace<F: PrimeField64>(mut inputs: Vec<[u32; 24]>) -> RowMajorMatrix<F> {
    inputs.resize(super::padded_rows(inputs.len()), [0; 24]);
    generate_trace_rows(inputs, super::config::LOG_BLOWUP)
}
