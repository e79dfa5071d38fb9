//! SHA-256 of a run of messages of one length, one message at a time: the path
//! with multi-buffer off, and the scalar twin of `sha256_x16` where the CPU lacks
//! AVX-512 or a group is too small for sixteen lanes.
//!
//! The compression function is the `sha2` crate's (SHA-NI where the CPU has it).
//! What this adds is the run: every message of a tree layer has the same length,
//! so the padding (FIPS 180-4 section 5.1.1: a 0x80 byte, zeros, the bit length)
//! is the same for all of them. It is written into a block buffer once per run;
//! each message is copied in front of it and compressed in one call. Hashing each
//! message through `sha2::Sha256::digest` instead buffers and counts its bytes,
//! pads it afresh and compresses its blocks in two calls, each moving the state
//! in and out of the SHA-NI register layout: on a 64-byte node that is most of
//! what a tree layer spent beyond the compressions themselves.

use sha2::digest::generic_array::GenericArray;
use sha2::digest::typenum::U64;

use crate::sha256_x16::{block_count, H0};
use crate::Digest32;

/// One 64-byte block as `sha2::compress256` takes it.
type Block = GenericArray<u8, U64>;

/// Blocks in the buffer: a 1,024-byte message and its padding.
const MAX_BLOCKS: usize = 17;
/// Longest message hashed here (the padding adds at least nine bytes); longer runs
/// go through `sha2::Sha256` one message at a time.
pub(crate) const MAX_LEN: usize = MAX_BLOCKS * 64 - 9;

/// Hashes the `len`-byte messages laid end to end in `messages` into `out`, one
/// digest per message. Returns `false`, leaving `out` alone, for an empty or
/// over-long length or a `messages` that is not `out.len()` messages.
pub(crate) fn hash_all(messages: &[u8], len: usize, out: &mut [Digest32]) -> bool {
    if len == 0 || len > MAX_LEN || messages.len() != out.len() * len {
        return false;
    }
    let blocks = block_count(len);
    let mut buf = [Block::default(); MAX_BLOCKS];
    let (at_block, at_byte) = (len / 64, len % 64);
    buf[at_block][at_byte] = 0x80;
    buf[blocks - 1][56..].copy_from_slice(&((len as u64) * 8).to_be_bytes());
    for (message, slot) in messages.chunks_exact(len).zip(out) {
        for (block, part) in buf.iter_mut().zip(message.chunks(64)) {
            block[..part.len()].copy_from_slice(part);
        }
        let mut state = H0;
        sha2::compress256(&mut state, &buf[..blocks]);
        for (bytes, word) in slot.0.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
    }
    true
}
