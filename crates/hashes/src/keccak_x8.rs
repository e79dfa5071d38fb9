//! Eight single-block Keccak-f[1600] hashes at once, lane-sliced across AVX-512
//! registers: register `i` holds lane `i` of eight independent states.
//!
//! Tree layers are made of many independent messages of one length (a node is
//! `K` child digests, plus a tag byte), and for SHA3-256 and Keccak-256 every
//! node of arity 2 to 4 fits one 136-byte block. One AVX-512 instruction then
//! does the work of eight scalar ones; the 64-bit rotate (`vprolq`) and the
//! three-input logic instruction (`vpternlogq`) keep theta and chi short.
//! The result is checked against the `sha3` crate in this crate's tests.
//!
//! Constants are FIPS 202's: rotation offsets (section 3.2.2), the pi
//! permutation (3.2.3) and the 24 round constants (3.2.5).

/// SHA3-256 and Keccak-256 absorb 136 bytes per block (1088-bit rate).
pub(crate) const RATE: usize = crate::keccak_f::RATE;
/// Messages up to this length fit one block with their padding.
pub(crate) const MAX_SINGLE_BLOCK: usize = RATE - 1;

/// One padded block per message, as 17 little-endian lanes.
pub(crate) type Block = [u64; RATE / 8];

/// Pads `message` (at most [`MAX_SINGLE_BLOCK`] bytes) into one block with the
/// domain byte `pad` (0x06 for SHA3, 0x01 for the original Keccak) and the final
/// 0x80 bit of the pad10*1 rule.
pub(crate) fn pad_block(message: &[u8], pad: u8) -> Option<Block> {
    if message.len() > MAX_SINGLE_BLOCK {
        return None;
    }
    let mut bytes = [0u8; RATE];
    bytes[..message.len()].copy_from_slice(message);
    bytes[message.len()] ^= pad;
    bytes[RATE - 1] ^= 0x80;
    let mut block = [0u64; RATE / 8];
    for (lane, chunk) in block.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *lane = u64::from_le_bytes(word);
    }
    Some(block)
}

/// The 32-byte digests of eight padded blocks, or `None` where the CPU lacks AVX-512.
pub(crate) fn hash8(blocks: &[Block; 8]) -> Option<[[u8; 32]; 8]> {
    #[cfg(target_arch = "x86_64")]
    {
        if crate::avx512_available() {
            #[allow(unsafe_code)]
            // SAFETY: `avx512_available()` has just confirmed the CPU has the features
            // `avx512::hash8` is compiled for; the function touches no raw memory.
            return Some(unsafe { avx512::hash8(blocks) });
        }
    }
    let _ = blocks;
    None
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::Block;

    use crate::keccak_f::ROUND_CONSTANTS;

    /// rho and pi together: lane `src` (x + 5y) rotated by its offset lands at
    /// lane `dst` (y + 5((2x + 3y) mod 5)). Rotations are immediates, hence a macro.
    macro_rules! rho_pi {
        ($a:ident, $b:ident; $(($src:literal, $dst:literal, $rot:literal)),* $(,)?) => {
            $( $b[$dst] = _mm512_rol_epi64::<$rot>($a[$src]); )*
        };
    }

    #[target_feature(enable = "avx2,avx512f")]
    fn permute(a: &mut [__m512i; 25]) {
        for rc in ROUND_CONSTANTS {
            // theta: column parities, then each lane takes its neighbours' parities.
            let mut c = [_mm512_setzero_si512(); 5];
            for x in 0..5 {
                let three = _mm512_ternarylogic_epi64::<0x96>(a[x], a[x + 5], a[x + 10]);
                c[x] = _mm512_ternarylogic_epi64::<0x96>(three, a[x + 15], a[x + 20]);
            }
            for x in 0..5 {
                let d = _mm512_xor_si512(c[(x + 4) % 5], _mm512_rol_epi64::<1>(c[(x + 1) % 5]));
                for y in 0..5 {
                    a[x + 5 * y] = _mm512_xor_si512(a[x + 5 * y], d);
                }
            }
            let mut b = [_mm512_setzero_si512(); 25];
            rho_pi!(a, b;
                (0, 0, 0), (1, 10, 1), (2, 20, 62), (3, 5, 28), (4, 15, 27),
                (5, 16, 36), (6, 1, 44), (7, 11, 6), (8, 21, 55), (9, 6, 20),
                (10, 7, 3), (11, 17, 10), (12, 2, 43), (13, 12, 25), (14, 22, 39),
                (15, 23, 41), (16, 8, 45), (17, 18, 15), (18, 3, 21), (19, 13, 8),
                (20, 14, 18), (21, 24, 2), (22, 9, 61), (23, 19, 56), (24, 4, 14),
            );
            // chi: a ^ (!b & c), one ternary-logic instruction (truth table 0xD2).
            for y in 0..5 {
                for x in 0..5 {
                    a[x + 5 * y] = _mm512_ternarylogic_epi64::<0xD2>(
                        b[x + 5 * y],
                        b[(x + 1) % 5 + 5 * y],
                        b[(x + 2) % 5 + 5 * y],
                    );
                }
            }
            // iota
            a[0] = _mm512_xor_si512(a[0], _mm512_set1_epi64(rc as i64));
        }
    }

    /// Reads one 64-bit element of a vector.
    #[target_feature(enable = "avx2,avx512f")]
    fn lanes(v: __m512i) -> [u64; 8] {
        let lo = _mm512_extracti64x4_epi64::<0>(v);
        let hi = _mm512_extracti64x4_epi64::<1>(v);
        [
            _mm256_extract_epi64::<0>(lo) as u64,
            _mm256_extract_epi64::<1>(lo) as u64,
            _mm256_extract_epi64::<2>(lo) as u64,
            _mm256_extract_epi64::<3>(lo) as u64,
            _mm256_extract_epi64::<0>(hi) as u64,
            _mm256_extract_epi64::<1>(hi) as u64,
            _mm256_extract_epi64::<2>(hi) as u64,
            _mm256_extract_epi64::<3>(hi) as u64,
        ]
    }

    #[target_feature(enable = "avx2,avx512f")]
    pub(super) fn hash8(blocks: &[Block; 8]) -> [[u8; 32]; 8] {
        let mut state = [_mm512_setzero_si512(); 25];
        for (j, lane) in state.iter_mut().enumerate().take(17) {
            // Element k of the vector is message k's lane j.
            *lane = _mm512_set_epi64(
                blocks[7][j] as i64,
                blocks[6][j] as i64,
                blocks[5][j] as i64,
                blocks[4][j] as i64,
                blocks[3][j] as i64,
                blocks[2][j] as i64,
                blocks[1][j] as i64,
                blocks[0][j] as i64,
            );
        }
        permute(&mut state);
        let mut out = [[0u8; 32]; 8];
        for (j, lane) in state.iter().take(4).enumerate() {
            for (digest, word) in out.iter_mut().zip(lanes(*lane)) {
                digest[8 * j..8 * j + 8].copy_from_slice(&word.to_le_bytes());
            }
        }
        out
    }
}
