//! `keccak-256` and `sha3-256` on `p3-keccak-air`: one Keccak-f[1600] per 24 rows (a
//! round per row). A node hashes its children's concatenated bytes with the sponge of
//! FIPS 202 (rate 136 bytes, lanes little-endian; the first padding byte is 0x01 for
//! Ethereum's Keccak-256 and 0x06 for SHA3-256), so a node of `k` children takes
//! `32 k / 136 + 1` permutations, each input the state with the next block absorbed.

use p3_field::PrimeField64;
use p3_keccak::KeccakF;
use p3_keccak_air::generate_trace_rows;
use p3_matrix::dense::RowMajorMatrix;
use p3_symmetric::Permutation;
use rand::rngs::SmallRng;
use rand::RngExt;

/// Bytes absorbed per permutation.
const RATE: usize = 136;

/// The sponge's padding: the first byte after the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Padding {
    /// Ethereum's Keccak-256.
    Keccak,
    /// FIPS 202's SHA3-256.
    Sha3,
}

impl Padding {
    fn first_byte(self) -> u8 {
        match self {
            Self::Keccak => 0x01,
            Self::Sha3 => 0x06,
        }
    }
}

/// Permutations of a node of `k` 32-byte children: the padded message's blocks.
pub(crate) const fn permutations_per_node(k: usize) -> usize {
    32 * k / RATE + 1
}

/// The permutation inputs of one node over `children`, and its digest, computed with
/// Plonky3's own Keccak-f (`p3_keccak::KeccakF`).
pub(crate) fn node(padding: Padding, children: &[[u8; 32]]) -> (Vec<[u64; 25]>, [u8; 32]) {
    let mut message: Vec<u8> = children.concat();
    let len = message.len();
    message.resize((len / RATE + 1) * RATE, 0);
    message[len] ^= padding.first_byte();
    *message.last_mut().expect("a padded message is not empty") ^= 0x80;

    let mut state = [0u64; 25];
    let mut inputs = Vec::with_capacity(message.len() / RATE);
    for block in message.chunks_exact(RATE) {
        for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
            *lane ^= u64::from_le_bytes(bytes.try_into().expect("8-byte chunk"));
        }
        inputs.push(state);
        KeccakF.permute_mut(&mut state);
    }
    let mut digest = [0u8; 32];
    for (out, lane) in digest.chunks_exact_mut(8).zip(state) {
        out.copy_from_slice(&lane.to_le_bytes());
    }
    (inputs, digest)
}

/// The permutation inputs of one path of `depth` levels at arity `k`: a random leaf
/// digest and random siblings, the path's node at a random position of each level.
pub(crate) fn path_inputs(
    padding: Padding,
    k: usize,
    depth: usize,
    rng: &mut SmallRng,
) -> Vec<[u64; 25]> {
    let mut node_digest: [u8; 32] = rng.random();
    let mut inputs = Vec::new();
    for _ in 0..depth {
        let position = rng.random_range(0..k);
        let children: Vec<[u8; 32]> = (0..k)
            .map(|i| {
                if i == position {
                    node_digest
                } else {
                    rng.random()
                }
            })
            .collect();
        let (node_inputs, digest) = node(padding, &children);
        inputs.extend(node_inputs);
        node_digest = digest;
    }
    inputs
}

/// The trace of `inputs`: `generate_trace_rows` pads to a power of two rows with
/// permutations of the zero state.
pub(crate) fn trace<F: PrimeField64>(inputs: Vec<[u64; 25]>) -> RowMajorMatrix<F> {
    generate_trace_rows(inputs, super::config::LOG_BLOWUP)
}

#[cfg(test)]
/// The output state of the trace's `i`-th permutation (its last round's row), lanes
/// `x + 5 y` as in the input.
pub(crate) fn output<F: PrimeField64>(trace: &RowMajorMatrix<F>, i: usize) -> [u64; 25] {
    use p3_keccak_air::{KeccakCols, NUM_ROUNDS, U64_LIMBS};
    use std::borrow::Borrow;

    let width = trace.width;
    let row = &trace.values[(i * NUM_ROUNDS + NUM_ROUNDS - 1) * width..][..width];
    let cols: &KeccakCols<F> = row.borrow();
    std::array::from_fn(|lane| {
        let (x, y) = (lane % 5, lane / 5);
        (0..U64_LIMBS).fold(0u64, |acc, limb| {
            acc | (cols.a_prime_prime_prime(y, x, limb).as_canonical_u64() << (16 * limb))
        })
    })
}
