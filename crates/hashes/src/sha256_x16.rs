//! Sixteen SHA-256 hashes at once, word-sliced across AVX-512 registers: element
//! `k` of each vector belongs to message `k`.
//!
//! A tree layer is many independent messages of one length. SHA-NI hashes one
//! message at a time at about 2 cycles per byte; sixteen lanes of 32-bit adds, the
//! 32-bit rotate (`vprord`) and the three-input logic instruction (`vpternlogd`,
//! which computes Ch, Maj and the three-way XORs in one step each) do more work per
//! cycle on layers of sixteen or more nodes.
//!
//! Blocks that hold only padding (the second block of a 64-byte node is one) are
//! the same for every message of a given length, so their message schedule is
//! expanded once, in scalar code, and broadcast.
//!
//! Constants are FIPS 180-4's: the round constants K (section 4.2.2) and the
//! initial hash value H(0) (section 5.3.3). The result is checked against the
//! `sha2` crate in this crate's tests.

use merklab_core::ByteDigest;

use crate::Digest32;

/// Messages hashed side by side.
pub(crate) const LANES: usize = 16;
/// Longest message hashed sixteen at a time: an arity-16 node with a tag is 513
/// bytes, and longer runs are rare enough that the scalar path serves them.
pub(crate) const MAX_LEN: usize = 1024;

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The initial hash value H(0).
pub(crate) const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Blocks in the padded form of a `len`-byte message (a 0x80 byte and the 8-byte
/// bit length follow the message).
pub(crate) fn block_count(len: usize) -> usize {
    (len + 9).div_ceil(64)
}

/// Block `b` of the padded `len`-byte message whose bytes inside that block are
/// `part`, as sixteen big-endian words.
fn padded_block(part: &[u8], len: usize, b: usize) -> [u32; 16] {
    let start = b * 64;
    let mut bytes = [0u8; 64];
    let n = part.len().min(64);
    bytes[..n].copy_from_slice(&part[..n]);
    if (start..start + 64).contains(&len) {
        bytes[len - start] = 0x80;
    }
    if b + 1 == block_count(len) {
        bytes[56..].copy_from_slice(&((len as u64) * 8).to_be_bytes());
    }
    let mut words = [0u32; 16];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(4)) {
        *word = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    words
}

/// `K[t] + W[t]` for a block that is the same in every lane, expanded once.
fn uniform_schedule(block: [u32; 16]) -> [u32; 64] {
    let mut w = [0u32; 64];
    w[..16].copy_from_slice(&block);
    for t in 16..64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16]
            .wrapping_add(s0)
            .wrapping_add(w[t - 7])
            .wrapping_add(s1);
    }
    let mut kw = [0u32; 64];
    for t in 0..64 {
        kw[t] = K[t].wrapping_add(w[t]);
    }
    kw
}

/// Hashes the `len`-byte messages laid end to end in `messages` into `out`, one
/// digest per message, sixteen at a time (a last partial group fills its spare lanes
/// with copies). Returns `false`, leaving `out` alone, where the CPU lacks AVX-512
/// or the arguments are out of range.
pub(crate) fn hash_all(messages: &[u8], len: usize, out: &mut [Digest32]) -> bool {
    if len == 0 || len > MAX_LEN || out.is_empty() || messages.len() != out.len() * len {
        return false;
    }
    #[cfg(target_arch = "x86_64")]
    {
        if crate::avx512_available() {
            #[allow(unsafe_code)]
            // SAFETY: `avx512_available()` has just confirmed the CPU has the feature
            // `avx512::hash_all` is compiled for; the function touches no raw memory.
            unsafe {
                avx512::hash_all(messages, len, out)
            };
            return true;
        }
    }
    false
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::{block_count, padded_block, uniform_schedule, ByteDigest, Digest32, H0, K, LANES};

    /// Reads the sixteen 32-bit elements of a vector.
    #[target_feature(enable = "avx512f")]
    fn lanes(v: __m512i) -> [u32; 16] {
        let q = [
            _mm512_extracti32x4_epi32::<0>(v),
            _mm512_extracti32x4_epi32::<1>(v),
            _mm512_extracti32x4_epi32::<2>(v),
            _mm512_extracti32x4_epi32::<3>(v),
        ];
        let mut out = [0u32; 16];
        for (chunk, x) in out.chunks_exact_mut(4).zip(q) {
            chunk[0] = _mm_extract_epi32::<0>(x) as u32;
            chunk[1] = _mm_extract_epi32::<1>(x) as u32;
            chunk[2] = _mm_extract_epi32::<2>(x) as u32;
            chunk[3] = _mm_extract_epi32::<3>(x) as u32;
        }
        out
    }

    /// Builds a vector from sixteen words (element `k` is `w[k]`).
    #[target_feature(enable = "avx512f")]
    fn vector(w: &[u32; 16]) -> __m512i {
        _mm512_set_epi32(
            w[15] as i32,
            w[14] as i32,
            w[13] as i32,
            w[12] as i32,
            w[11] as i32,
            w[10] as i32,
            w[9] as i32,
            w[8] as i32,
            w[7] as i32,
            w[6] as i32,
            w[5] as i32,
            w[4] as i32,
            w[3] as i32,
            w[2] as i32,
            w[1] as i32,
            w[0] as i32,
        )
    }

    /// One round, given `K[t] + W[t]` for every lane (a macro, so it inlines into
    /// the AVX-512 functions without a call per round).
    macro_rules! round {
        ($s:ident, $kw:expr) => {{
            let [a, b, c, d, e, f, g, h] = $s;
            // Σ1(e), Ch(e, f, g) (0xCA: e ? f : g), then T1.
            let sigma1 = _mm512_ternarylogic_epi32::<0x96>(
                _mm512_ror_epi32::<6>(e),
                _mm512_ror_epi32::<11>(e),
                _mm512_ror_epi32::<25>(e),
            );
            let ch = _mm512_ternarylogic_epi32::<0xCA>(e, f, g);
            let t1 = _mm512_add_epi32(_mm512_add_epi32(h, sigma1), _mm512_add_epi32(ch, $kw));
            // Σ0(a), Maj(a, b, c) (0xE8: at least two of three), then T2.
            let sigma0 = _mm512_ternarylogic_epi32::<0x96>(
                _mm512_ror_epi32::<2>(a),
                _mm512_ror_epi32::<13>(a),
                _mm512_ror_epi32::<22>(a),
            );
            let maj = _mm512_ternarylogic_epi32::<0xE8>(a, b, c);
            let t2 = _mm512_add_epi32(sigma0, maj);
            $s = [
                _mm512_add_epi32(t1, t2),
                a,
                b,
                c,
                _mm512_add_epi32(d, t1),
                e,
                f,
                g,
            ];
        }};
    }

    /// Sixteen rounds with constant ring indices, so the compiler keeps the
    /// schedule and the state in registers.
    macro_rules! sixteen {
        ($step:ident) => {
            $step!(0);
            $step!(1);
            $step!(2);
            $step!(3);
            $step!(4);
            $step!(5);
            $step!(6);
            $step!(7);
            $step!(8);
            $step!(9);
            $step!(10);
            $step!(11);
            $step!(12);
            $step!(13);
            $step!(14);
            $step!(15);
        };
    }

    /// Compresses one block whose sixteen words differ per lane.
    #[target_feature(enable = "avx512f")]
    fn compress(state: &mut [__m512i; 8], words: &[[u32; LANES]; 16]) {
        let mut w = [_mm512_setzero_si512(); 16];
        for (v, lane_words) in w.iter_mut().zip(words) {
            *v = vector(lane_words);
        }
        let mut s = *state;
        for r in 0..4 {
            // Round t = 16r + i keeps W[t] in w[i]; from round 16 on,
            // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
            macro_rules! step {
                ($i:literal) => {
                    if r > 0 {
                        let w15 = w[($i + 1) % 16];
                        let w2 = w[($i + 14) % 16];
                        let s0 = _mm512_ternarylogic_epi32::<0x96>(
                            _mm512_ror_epi32::<7>(w15),
                            _mm512_ror_epi32::<18>(w15),
                            _mm512_srli_epi32::<3>(w15),
                        );
                        let s1 = _mm512_ternarylogic_epi32::<0x96>(
                            _mm512_ror_epi32::<17>(w2),
                            _mm512_ror_epi32::<19>(w2),
                            _mm512_srli_epi32::<10>(w2),
                        );
                        w[$i] = _mm512_add_epi32(
                            _mm512_add_epi32(w[$i], s0),
                            _mm512_add_epi32(w[($i + 9) % 16], s1),
                        );
                    }
                    let kw = _mm512_add_epi32(w[$i], _mm512_set1_epi32(K[16 * r + $i] as i32));
                    round!(s, kw);
                };
            }
            sixteen!(step);
        }
        for (x, y) in state.iter_mut().zip(s) {
            *x = _mm512_add_epi32(*x, y);
        }
    }

    /// Compresses one block that is the same in every lane, from its expanded schedule.
    #[target_feature(enable = "avx512f")]
    fn compress_uniform(state: &mut [__m512i; 8], kw: &[u32; 64]) {
        let mut s = *state;
        for r in 0..4 {
            macro_rules! step {
                ($i:literal) => {
                    round!(s, _mm512_set1_epi32(kw[16 * r + $i] as i32));
                };
            }
            sixteen!(step);
        }
        for (x, y) in state.iter_mut().zip(s) {
            *x = _mm512_add_epi32(*x, y);
        }
    }

    /// Sixteen messages per pass; the padding-only block, if the length has one,
    /// is expanded once for the whole run.
    #[target_feature(enable = "avx512f")]
    pub(super) fn hash_all(messages: &[u8], len: usize, out: &mut [Digest32]) {
        let blocks = block_count(len);
        // The last block holds padding only when the message ends before it.
        let tail_schedule = ((blocks - 1) * 64 >= len)
            .then(|| uniform_schedule(padded_block(&[], len, blocks - 1)));
        for (group, slots) in messages.chunks(LANES * len).zip(out.chunks_mut(LANES)) {
            let mut state = [_mm512_setzero_si512(); 8];
            for (v, h) in state.iter_mut().zip(H0) {
                *v = _mm512_set1_epi32(h as i32);
            }
            for b in 0..blocks {
                if let Some(kw) = tail_schedule.as_ref().filter(|_| b + 1 == blocks) {
                    compress_uniform(&mut state, kw);
                    continue;
                }
                let start = b * 64;
                let end = (start + 64).min(len);
                let mut words = [[0u32; LANES]; 16];
                for lane in 0..LANES {
                    // Spare lanes of a partial group repeat its first message.
                    let at = if (lane + 1) * len <= group.len() {
                        lane * len
                    } else {
                        0
                    };
                    let part = &group[at + start..at + end];
                    if part.len() == 64 {
                        // A block wholly inside the message: its words, read directly.
                        for (column, chunk) in words.iter_mut().zip(part.chunks_exact(4)) {
                            column[lane] =
                                u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                        }
                        continue;
                    }
                    let block = padded_block(part, len, b);
                    for (column, word) in words.iter_mut().zip(block) {
                        column[lane] = word;
                    }
                }
                compress(&mut state, &words);
            }
            let mut lanes_of = [[0u32; LANES]; 8];
            for (words, v) in lanes_of.iter_mut().zip(state) {
                *words = lanes(v);
            }
            for (k, slot) in slots.iter_mut().enumerate() {
                let mut digest = [0u8; 32];
                for (i, words) in lanes_of.iter().enumerate() {
                    digest[4 * i..4 * i + 4].copy_from_slice(&words[k].to_be_bytes());
                }
                *slot = ByteDigest(digest);
            }
        }
    }
}
