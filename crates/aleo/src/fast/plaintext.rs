//! SHA3-256 over a literal's plaintext bits, packed straight into bytes.
//!
//! `Plaintext::Literal(x).to_bits_le()` is, as one little-endian bit string:
//! 2 variant bits `00`, the literal type id (8 bits), the literal's size in bits
//! (16 bits), then the value's bits. snarkVM packs those bits LSB-first into
//! bytes (the last byte zero-padded) before SHA3-256; here the same bytes are
//! written from the value's limbs, with no per-bit vector.

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

/// SHA3-256 of the plaintext bits of a numeric literal whose value is `limbs`
/// (little-endian, exactly `size` significant bits at most).
#[inline]
pub(crate) fn sha3_numeric(type_id: u8, size: u16, limbs: &[u64; 4]) -> [u8; 32] {
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
    let len = (HEADER_BITS as usize + usize::from(size)).div_ceil(8);
    Sha3_256::digest(&bytes[..len.min(40)]).into()
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
