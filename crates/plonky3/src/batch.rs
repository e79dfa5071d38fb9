//! Runs of leaves and nodes through [`crate::permute_many`], so a tree layer of
//! BabyBear or KoalaBear hashes takes sixteen (AVX-512) or eight (AVX2) permutations
//! per pass instead of one.
//!
//! Each function computes exactly what Plonky3's `PaddingFreeSponge<Perm, 16, 8, 8>`
//! and `TruncatedPermutation<Perm, 2, 8, 16>` compute one input at a time: the
//! sponge starts from the zero state, overwrites the first elements of the state with
//! each block of up to eight elements and permutes after each block (an empty input
//! is the zero state, unpermuted); the compression permutes `left || right`. Both
//! keep the first eight elements.

use crate::simd::{permute_many, WIDTH};
use crate::{Digest8, SmallField, DIGEST_ELEMS, RATE};

/// The sponge of each row into `out` (`rows.len() == out.len()`); runs of rows of
/// one length share their passes.
pub(crate) fn sponge<F: SmallField>(rows: &[&[F]], out: &mut [Digest8<F>]) {
    let mut start = 0;
    while start < rows.len() {
        let len = rows[start].len();
        let end = rows[start..]
            .iter()
            .position(|r| r.len() != len)
            .map_or(rows.len(), |n| start + n);
        sponge_equal(&rows[start..end], &mut out[start..end]);
        start = end;
    }
}

/// The sponge of rows that all have one length.
fn sponge_equal<F: SmallField>(rows: &[&[F]], out: &mut [Digest8<F>]) {
    let len = rows.first().map_or(0, |r| r.len());
    let mut states = vec![[F::ZERO; WIDTH]; rows.len()];
    for block in 0..len.div_ceil(RATE) {
        let span = block * RATE..(len.min((block + 1) * RATE));
        for (state, row) in states.iter_mut().zip(rows) {
            state[..span.len()].copy_from_slice(&row[span.clone()]);
        }
        permute_many(&mut states);
    }
    for (slot, state) in out.iter_mut().zip(&states) {
        *slot = Digest8(first_digest(state));
    }
}

/// The compression of each pair of `children` into `out`
/// (`children.len() == 2 * out.len()`).
pub(crate) fn compress<F: SmallField>(children: &[Digest8<F>], out: &mut [Digest8<F>]) {
    let mut states: Vec<[F; WIDTH]> = children
        .as_chunks::<2>()
        .0
        .iter()
        .map(|[left, right]| {
            let mut state = [F::ZERO; WIDTH];
            state[..DIGEST_ELEMS].copy_from_slice(&left.0);
            state[DIGEST_ELEMS..].copy_from_slice(&right.0);
            state
        })
        .collect();
    permute_many(&mut states);
    for (slot, state) in out.iter_mut().zip(&states) {
        *slot = Digest8(first_digest(state));
    }
}

fn first_digest<F: SmallField>(state: &[F; WIDTH]) -> [F; DIGEST_ELEMS] {
    let mut digest = [F::ZERO; DIGEST_ELEMS];
    digest.copy_from_slice(&state[..DIGEST_ELEMS]);
    digest
}
