//! STARK proofs, with Plonky3's own AIRs and prover, of the permutations one Merkle
//! path needs (feature `stark`).
//!
//! A row of `merklab compare --prove --systems plonky3` is a batch: the permutations
//! (Poseidon2, Keccak-f) or compressions (BLAKE3) that hashing one path of depth `D`
//! at arity `k` computes, from a random leaf digest and random siblings, with each
//! level's node the digest of the level below. The AIRs prove each permutation's
//! rounds; they do not constrain how one output becomes the next input or where the
//! sibling sits, which a path circuit would add, so a figure is the hashing's cost,
//! the part that differs between hashes. A STARK has no constraint count: its size is
//! the trace, rows times columns.

mod blake3;
mod config;
mod hash;
mod keccak;
mod poseidon2;
mod prove;
#[cfg(test)]
mod tests;

use p3_baby_bear::{
    GenericPoseidon2LinearLayersBabyBear, BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    BABYBEAR_POSEIDON2_RC_16_EXTERNAL_FINAL, BABYBEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
    BABYBEAR_POSEIDON2_RC_16_INTERNAL, BABYBEAR_S_BOX_DEGREE,
};
use p3_field::extension::BinomiallyExtendable;
use p3_field::{PrimeField32, TwoAdicField};
use p3_koala_bear::{
    GenericPoseidon2LinearLayersKoalaBear, KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
    KOALABEAR_POSEIDON2_RC_16_EXTERNAL_FINAL, KOALABEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
    KOALABEAR_POSEIDON2_RC_16_INTERNAL, KOALABEAR_S_BOX_DEGREE,
};
use p3_uni_stark::Proof;
use rand::SeedableRng;

pub use config::FRI_PARAMETERS;
pub use hash::{missing_air, StarkHash};

use crate::{BabyBear, KoalaBear};
use config::Config;
use prove::{ProvableAir, Proven};

/// The libraries that prove here, for reports that name their source.
pub const LIBRARY: &str = "Plonky3 0.8.0 (p3-uni-stark, p3-fri, p3-poseidon2-air, \
     p3-keccak-air, p3-blake3-air)";

/// S-box registers of the BabyBear AIR: x^7 through one register keeps every
/// constraint at degree 3, as Plonky3's BabyBear example sets it.
const BABYBEAR_SBOX_REGISTERS: usize = 1;
/// KoalaBear's S-box is x^3, degree 3 without registers.
const KOALABEAR_SBOX_REGISTERS: usize = 0;

/// One proven batch: the trace's shape and what proving it cost.
#[derive(Clone, Debug, PartialEq)]
pub struct StarkRun {
    /// Permutations (or compressions) the path needs, before padding.
    pub permutations: usize,
    /// Rows of the trace, padded to a power of two.
    pub rows: usize,
    /// Columns of the trace.
    pub columns: usize,
    /// The AIR and the trace's field.
    pub air: &'static str,
    /// Trace generation and proving, in milliseconds.
    pub prove_ms: f64,
    /// Verifying, in milliseconds.
    pub verify_ms: f64,
    /// The proof's size in postcard, in bytes.
    pub proof_bytes: usize,
}

/// Why a batch could not be proven or measured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StarkError {
    /// An arity merklab builds no tree of with this hash.
    #[error("{hash} has no tree at arity {given}")]
    Arity {
        /// The hash.
        hash: &'static str,
        /// The arity asked for.
        given: usize,
    },
    /// A path of no levels.
    #[error("a path has at least one level")]
    Depth,
    /// Plonky3's prover refused.
    #[error("Plonky3 prover: {0}")]
    Prove(String),
    /// The proof did not verify.
    #[error("Plonky3 verifier: {0}")]
    Verify(String),
    /// A proof that should have been refused was accepted.
    #[error("Plonky3 verifier accepted {0}")]
    Unsound(&'static str),
    /// The proof could not be serialized.
    #[error("postcard: {0}")]
    Serialize(String),
}

/// Rows of a trace of `n` permutations at one row each: a power of two.
fn padded_rows(n: usize) -> usize {
    n.next_power_of_two()
}

/// Proves and verifies the permutations one path of `depth` levels at arity `k`
/// needs, drawn from `seed`. Before it is reported, the proof must also be refused
/// with a public value the AIR does not take and with one opened value changed.
pub fn prove_path(
    hash: StarkHash,
    k: usize,
    depth: usize,
    seed: u64,
) -> Result<StarkRun, StarkError> {
    if !hash.supports(k) {
        return Err(StarkError::Arity {
            hash: hash.id().name(),
            given: k,
        });
    }
    if depth == 0 {
        return Err(StarkError::Depth);
    }
    let mut rng = rand::rngs::SmallRng::seed_from_u64(seed);
    match hash {
        StarkHash::Poseidon2BabyBear => {
            let inputs = poseidon2::path_inputs::<BabyBear>(depth, &mut rng);
            let n = inputs.len();
            let (air, constants) = babybear_air()?;
            let proven = poseidon2::prove::<
                BabyBear,
                GenericPoseidon2LinearLayersBabyBear,
                BABYBEAR_S_BOX_DEGREE,
                BABYBEAR_SBOX_REGISTERS,
                BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16,
            >(&air, inputs, &constants)?;
            finish(hash, n, &air, proven)
        }
        StarkHash::Poseidon2KoalaBear => {
            let inputs = poseidon2::path_inputs::<KoalaBear>(depth, &mut rng);
            let n = inputs.len();
            let (air, constants) = koalabear_air()?;
            let proven = poseidon2::prove::<
                KoalaBear,
                GenericPoseidon2LinearLayersKoalaBear,
                KOALABEAR_S_BOX_DEGREE,
                KOALABEAR_SBOX_REGISTERS,
                KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
            >(&air, inputs, &constants)?;
            finish(hash, n, &air, proven)
        }
        StarkHash::Keccak256 | StarkHash::Sha3_256 => {
            let padding = if hash == StarkHash::Keccak256 {
                keccak::Padding::Keccak
            } else {
                keccak::Padding::Sha3
            };
            let inputs = keccak::path_inputs(padding, k, depth, &mut rng);
            let n = inputs.len();
            let air = p3_keccak_air::KeccakAir {};
            let proven = prove::prove_and_verify::<KoalaBear, _>(&air, || keccak::trace(inputs))?;
            finish(hash, n, &air, proven)
        }
        StarkHash::Blake3 => {
            let inputs = blake3::path_inputs(k, depth, &mut rng);
            let n = inputs.len();
            let air = p3_blake3_air::Blake3Air {};
            let proven = prove::prove_and_verify::<KoalaBear, _>(&air, || blake3::trace(inputs))?;
            finish(hash, n, &air, proven)
        }
    }
}

/// The BabyBear AIR on Plonky3's default constants, and the constants for its trace.
type BabyBearAir = poseidon2::Air<
    BabyBear,
    GenericPoseidon2LinearLayersBabyBear,
    BABYBEAR_S_BOX_DEGREE,
    BABYBEAR_SBOX_REGISTERS,
    BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16,
>;
type KoalaBearAir = poseidon2::Air<
    KoalaBear,
    GenericPoseidon2LinearLayersKoalaBear,
    KOALABEAR_S_BOX_DEGREE,
    KOALABEAR_SBOX_REGISTERS,
    KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16,
>;
type Constants<F, const P: usize> = p3_poseidon2_air::RoundConstants<F, 16, 4, P>;

fn babybear_air() -> Result<
    (
        BabyBearAir,
        Constants<BabyBear, BABYBEAR_POSEIDON2_PARTIAL_ROUNDS_16>,
    ),
    StarkError,
> {
    poseidon2::air(
        &BABYBEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
        &BABYBEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
        &BABYBEAR_POSEIDON2_RC_16_INTERNAL,
    )
}

fn koalabear_air() -> Result<
    (
        KoalaBearAir,
        Constants<KoalaBear, KOALABEAR_POSEIDON2_PARTIAL_ROUNDS_16>,
    ),
    StarkError,
> {
    poseidon2::air(
        &KOALABEAR_POSEIDON2_RC_16_EXTERNAL_INITIAL,
        &KOALABEAR_POSEIDON2_RC_16_EXTERNAL_FINAL,
        &KOALABEAR_POSEIDON2_RC_16_INTERNAL,
    )
}

/// The run, once the proof is refused against a public value and with a changed opening.
fn finish<F, A>(
    hash: StarkHash,
    permutations: usize,
    air: &A,
    proven: Proven<F>,
) -> Result<StarkRun, StarkError>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
    A: ProvableAir<F>,
{
    if prove::check(&proven, air, &proven.proof, &[F::ONE]).is_ok() {
        return Err(StarkError::Unsound("a public value the AIR does not take"));
    }
    if prove::check(&proven, air, &tampered(&proven.proof)?, &[]).is_ok() {
        return Err(StarkError::Unsound("a proof with a changed opened value"));
    }
    Ok(StarkRun {
        permutations,
        rows: proven.rows,
        columns: proven.columns,
        air: hash.air(),
        prove_ms: proven.prove_ms,
        verify_ms: proven.verify_ms,
        proof_bytes: proven.proof_bytes,
    })
}

/// A copy of `proof` (through its postcard encoding) whose first opened trace value
/// is one more than the prover's.
fn tampered<F>(proof: &Proof<Config<F>>) -> Result<Proof<Config<F>>, StarkError>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
{
    let bytes = postcard::to_allocvec(proof).map_err(|e| StarkError::Serialize(e.to_string()))?;
    let mut copy: Proof<Config<F>> =
        postcard::from_bytes(&bytes).map_err(|e| StarkError::Serialize(e.to_string()))?;
    if let Some(v) = copy.opened_values.trace_local.first_mut() {
        *v += F::ONE;
    }
    Ok(copy)
}
