//! Byte leaves as field elements, injectively, little-endian as Plonky3 reads bytes.
//!
//! Plonky3 hashes field elements; a byte leaf first becomes a sequence of elements that
//! determines it. Both encodings start with the leaf's length, so the length fixes how
//! many elements follow and how long the last chunk is, every chunk's integer gives its
//! bytes back, and no encoding is a prefix of another. That last property is what the
//! padding-free sponge needs: it is collision-resistant for inputs whose length the
//! input itself fixes, and the leading length does.

/// Bytes per element over a 31-bit field: 24 bits are below BabyBear's and KoalaBear's
/// moduli (both above 2^30), so no chunk is reduced.
pub const SMALL_FIELD_CHUNK: usize = 3;

/// Bytes per element over BN254: 31 bytes are below 2^248, under the modulus.
pub const BN254_CHUNK: usize = 31;

/// A byte leaf over a 31-bit field: its length as a little-endian `u64` in three 24-bit
/// limbs, then its bytes in 3-byte little-endian limbs (the last may be shorter).
///
/// An empty leaf is the three zero limbs; a 32-byte leaf is 3 + 11 elements.
pub fn small_field(data: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let length = (data.len() as u64).to_le_bytes();
    let mut head = [0u8; 9];
    head[..8].copy_from_slice(&length);
    let head: [u32; 3] = std::array::from_fn(|i| le_u32(&head[3 * i..3 * i + 3]));
    head.into_iter()
        .chain(data.chunks(SMALL_FIELD_CHUNK).map(le_u32))
}

/// A byte leaf over BN254: its length as one element, then its 31-byte chunks, each a
/// little-endian integer as four little-endian `u64` limbs (the last chunk may be
/// shorter).
pub fn bn254(data: &[u8]) -> impl Iterator<Item = [u64; 4]> + '_ {
    std::iter::once([data.len() as u64, 0, 0, 0]).chain(data.chunks(BN254_CHUNK).map(le_limbs))
}

fn le_u32(chunk: &[u8]) -> u32 {
    chunk
        .iter()
        .rev()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn le_limbs(chunk: &[u8]) -> [u64; 4] {
    let mut bytes = [0u8; 32];
    bytes[..chunk.len()].copy_from_slice(chunk);
    std::array::from_fn(|i| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[8 * i..8 * i + 8]);
        u64::from_le_bytes(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_field_limbs_are_length_then_little_endian_chunks() {
        let limbs: Vec<u32> = small_field(&[1, 2, 3, 4]).collect();
        assert_eq!(limbs, vec![4, 0, 0, 0x03_02_01, 0x04]);
        assert_eq!(small_field(&[]).collect::<Vec<_>>(), vec![0, 0, 0]);
        let long = vec![0xffu8; 300];
        let limbs: Vec<u32> = small_field(&long).collect();
        assert_eq!(limbs[..3], [300, 0, 0]);
        assert_eq!(limbs.len(), 3 + 100);
        assert!(limbs.iter().all(|&l| l < 1 << 24));
    }

    #[test]
    fn small_field_encoding_separates_trailing_zeros() {
        let a: Vec<u32> = small_field(&[7]).collect();
        let b: Vec<u32> = small_field(&[7, 0]).collect();
        let c: Vec<u32> = small_field(&[7, 0, 0]).collect();
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_eq!(a[3..], b[3..]);
    }

    #[test]
    fn bn254_limbs_are_length_then_31_byte_chunks() {
        let data: Vec<u8> = (1..=32).collect();
        let limbs: Vec<[u64; 4]> = bn254(&data).collect();
        assert_eq!(limbs.len(), 3);
        assert_eq!(limbs[0], [32, 0, 0, 0]);
        assert_eq!(limbs[1][0], u64::from_le_bytes([1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(limbs[1][3] >> 56, 0, "a 31-byte chunk stays below 2^248");
        assert_eq!(limbs[2], [32, 0, 0, 0]);
    }
}
