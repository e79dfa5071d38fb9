//! SHA3-256 over a literal's plaintext bits, packed straight into bytes.
//!
//! `Plaintext::Literal(x).to_bits_le()` is, as one little-endian bit string:
//! 2 variant bits `00`, the literal type id (8 bits), the literal's size in bits
//! (16 bits), then the value's bits. snarkVM packs those bits LSB-first into
//! bytes (the last byte zero-padded) before SHA3-256; here the same bytes are
//! written from the value's limbs, with no per-bit vector.

use merklab_core::ByteDigest;
use merklab_hashes::{ByteHasher as _, MultiBuffer};
use sha3::{Digest as _, Sha3_256};

/// Literal type id of `field` (snarkVM's `LiteralType::Field`).
pub(crate) const FIELD_ID: u8 = 2;
/// Literal type id of `u64`.
pub(crate) const U64_ID: u8 = 12;
/// Literal type id of `u128`.
pub(crate) const U128_ID: u8 = 13;
/// Bits of a `field` value.
pub(crate) const FIELD_BITS: u16 = 253;

/// Bits before the value: 2 variant + 8 type id + 16 size.
const HEADER_BITS: u32 = 26;

/// The plaintext bits of a numeric literal, packed into bytes: what SHA3-256 reads.
#[derive(Clone, Copy)]
pub(crate) struct Numeric {
    bytes: [u8; 40],
    len: u8,
}

impl Numeric {
    /// The packed bits of a literal of type `type_id` and `size` bits whose value is
    /// `limbs` (little-endian, exactly `size` significant bits at most).
    #[inline]
    pub(crate) fn new(type_id: u8, size: u16, limbs: &[u64; 4]) -> Self {
        let header = (u64::from(type_id) << 2) | (u64::from(size) << 10);
        // The value shifted left by 26 bits, over five words.
        let mut words = [0u64; 5];
        words[0] = header | (limbs[0] << HEADER_BITS);
        for i in 1..4 {
            words[i] = (limbs[i - 1] >> (64 - HEADER_BITS)) | (limbs[i] << HEADER_BITS);
        }
        words[4] = limbs[3] >> (64 - HEADER_BITS);
        let mut bytes = [0u8; 40];
        for (chunk, w) in bytes.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&w.to_le_bytes());
        }
        let len = (HEADER_BITS as usize + usize::from(size))
            .div_ceil(8)
            .min(40);
        Self {
            bytes,
            len: len as u8,
        }
    }

    /// The bytes SHA3-256 reads.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// SHA3-256 of the packed bits.
    pub(crate) fn sha3(&self) -> [u8; 32] {
        Sha3_256::digest(self.bytes()).into()
    }
}

/// SHA3-256 of every literal's packed bits, in order. A batch of literals of one
/// type has one message length, so `merklab-hashes` hashes it eight messages per
/// AVX-512 Keccak permutation (unless `mode` is off or the CPU lacks AVX-512); the
/// digests are those of one message at a time either way.
pub(crate) fn sha3_numeric_each(mode: MultiBuffer, literals: &[Numeric]) -> Vec<[u8; 32]> {
    let len = literals.first().map_or(0, |l| l.len);
    if len == 0 || literals.iter().any(|l| l.len != len) {
        return literals.iter().map(Numeric::sha3).collect();
    }
    let mut messages = Vec::with_capacity(literals.len() * usize::from(len));
    for literal in literals {
        messages.extend_from_slice(literal.bytes());
    }
    let mut out = vec![ByteDigest([0u8; 32]); literals.len()];
    merklab_hashes::Sha3_256::hash_each(mode, &messages, usize::from(len), &mut out);
    out.into_iter().map(|d| d.0).collect()
}

/// SHA3-256 of an arbitrary bit string, packed LSB-first (as snarkVM's `hash_sha3_256`).
pub(crate) fn sha3_bits(bits: &[bool]) -> [u8; 32] {
    let bytes: Vec<u8> = bits
        .chunks(8)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u8, |b, (i, &bit)| b | (u8::from(bit) << i))
        })
        .collect();
    Sha3_256::digest(&bytes).into()
}
