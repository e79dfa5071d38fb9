//! `poseidon2-babybear` and `poseidon2-koalabear` on `p3-poseidon2-air`: one
//! permutation per row, with the round constants of merklab's permutations
//! (Plonky3's defaults, through `RoundConstants::try_from_layers`), so each row is a
//! node compression of the trees: the truncated permutation keeps the output's first
//! eight elements.

use merklab_core::Compression;
use p3_field::extension::BinomiallyExtendable;
use p3_field::TwoAdicField;
use p3_matrix::dense::RowMajorMatrix;
use p3_poseidon2::{ExternalLayerConstants, GenericPoseidon2LinearLayers};
use p3_poseidon2_air::{generate_trace_rows, Poseidon2Air, RoundConstants};
use rand::distr::StandardUniform;
use rand::rngs::SmallRng;
use rand::RngExt;

use super::prove::{prove_and_verify, ProvableAir, Proven};
use super::StarkError;
use crate::{Digest8, Poseidon2Compress, SmallField, DIGEST_ELEMS, WIDTH};

const HALF_FULL_ROUNDS: usize = 4;

/// The AIR of one field's permutation: its S-box degree, the S-box registers Plonky3's
/// examples give it (so every constraint has degree 3 and blowup 2 suffices), and its
/// partial rounds.
pub(crate) type Air<F, L, const D: u64, const R: usize, const P: usize> =
    Poseidon2Air<F, L, WIDTH, D, R, HALF_FULL_ROUNDS, P>;

/// The AIR over merklab's permutation's constants, and those constants, which
/// generating its trace takes again.
#[allow(clippy::type_complexity)]
pub(crate) fn air<F, L, const D: u64, const R: usize, const P: usize>(
    initial: &[[F; WIDTH]],
    terminal: &[[F; WIDTH]],
    internal: &[F],
) -> Result<
    (
        Air<F, L, D, R, P>,
        RoundConstants<F, WIDTH, HALF_FULL_ROUNDS, P>,
    ),
    StarkError,
>
where
    F: SmallField,
{
    let external = ExternalLayerConstants::new(initial.to_vec(), terminal.to_vec());
    let constants = RoundConstants::try_from_layers(&external, internal)
        .map_err(|e| StarkError::Prove(e.to_string()))?;
    Ok((Poseidon2Air::new(constants.clone()), constants))
}

/// The permutation inputs of one path of `depth` levels: a random leaf digest and
/// random siblings, each level's input the two children in order, each next child
/// the compression of the level below (merklab's own `Poseidon2Compress`).
pub(crate) fn path_inputs<F: SmallField>(depth: usize, rng: &mut SmallRng) -> Vec<[F; WIDTH]>
where
    StandardUniform: rand::distr::Distribution<F>,
{
    let mut node = Digest8::<F>(std::array::from_fn(|_| rng.random()));
    let mut inputs = Vec::with_capacity(depth);
    for _ in 0..depth {
        let sibling = Digest8::<F>(std::array::from_fn(|_| rng.random()));
        let children = if rng.random::<bool>() {
            [sibling, node]
        } else {
            [node, sibling]
        };
        inputs.push(std::array::from_fn(|i| {
            children[i / DIGEST_ELEMS].0[i % DIGEST_ELEMS]
        }));
        node = Poseidon2Compress::<F>::new().compress(&children);
    }
    inputs
}

/// The trace of the permutations of `inputs`, padded with all-zero inputs to a power
/// of two rows (`generate_trace_rows` requires it).
pub(crate) fn trace<F, L, const D: u64, const R: usize, const P: usize>(
    mut inputs: Vec<[F; WIDTH]>,
    constants: &RoundConstants<F, WIDTH, HALF_FULL_ROUNDS, P>,
) -> RowMajorMatrix<F>
where
    F: SmallField,
    L: GenericPoseidon2LinearLayers<WIDTH>,
{
    inputs.resize(super::padded_rows(inputs.len()), [F::ZERO; WIDTH]);
    generate_trace_rows::<F, L, WIDTH, D, R, HALF_FULL_ROUNDS, P>(
        inputs,
        constants,
        super::config::LOG_BLOWUP,
    )
}

/// Proves the permutations of `inputs`.
pub(crate) fn prove<F, L, const D: u64, const R: usize, const P: usize>(
    air: &Air<F, L, D, R, P>,
    inputs: Vec<[F; WIDTH]>,
    constants: &RoundConstants<F, WIDTH, HALF_FULL_ROUNDS, P>,
) -> Result<Proven<F>, StarkError>
where
    F: SmallField + TwoAdicField + BinomiallyExtendable<4>,
    L: GenericPoseidon2LinearLayers<WIDTH>,
    Air<F, L, D, R, P>: ProvableAir<F>,
{
    prove_and_verify(air, || trace::<F, L, D, R, P>(inputs, constants))
}

#[cfg(test)]
/// The permutation output of every row of a trace, read from its last full round.
pub(crate) fn outputs<F, const D: u64, const R: usize, const P: usize>(
    trace: &RowMajorMatrix<F>,
) -> Vec<[F; WIDTH]>
where
    F: SmallField,
{
    use p3_poseidon2_air::Poseidon2Cols;
    use std::borrow::Borrow;

    trace
        .row_slices()
        .map(|row| {
            let cols: &Poseidon2Cols<F, WIDTH, D, R, HALF_FULL_ROUNDS, P> = (*row).borrow();
            cols.ending_full_rounds[HALF_FULL_ROUNDS - 1].post
        })
        .collect()
}
