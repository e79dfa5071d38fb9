//! Proving and verifying one trace under [`config`](super::config), timed, with the
//! checks every reported figure depends on.

use std::time::Instant;

use p3_air::{Air, DebugConstraintBuilder};
use p3_field::extension::BinomiallyExtendable;
use p3_field::{PrimeField32, TwoAdicField};
use p3_matrix::dense::RowMajorMatrix;
use p3_matrix::Matrix;
use p3_uni_stark::{
    prove, verify, Proof, QuotientAir, SymbolicAirBuilder, VerifierConstraintFolder,
};

use super::config::{config, Config};
use super::StarkError;

/// A proof with what was measured of it.
pub(crate) struct Proven<F>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
{
    /// The proof.
    pub proof: Proof<Config<F>>,
    /// The configuration it verifies under.
    pub config: Config<F>,
    /// Rows of the trace.
    pub rows: usize,
    /// Columns of the trace.
    pub columns: usize,
    /// Trace generation and proving, in milliseconds.
    pub prove_ms: f64,
    /// Verifying, in milliseconds.
    pub verify_ms: f64,
    /// The proof's postcard encoding, in bytes.
    pub proof_bytes: usize,
}

/// An AIR the prover, the verifier and (in debug builds) the prover's constraint
/// check accept.
pub(crate) trait ProvableAir<F>:
    QuotientAir<Config<F>>
    + Air<SymbolicAirBuilder<F>>
    + for<'a> Air<VerifierConstraintFolder<'a, Config<F>>>
    + for<'a> Air<DebugConstraintBuilder<'a, F>>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
{
}

impl<F, A> ProvableAir<F> for A
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
    A: QuotientAir<Config<F>>
        + Air<SymbolicAirBuilder<F>>
        + for<'a> Air<VerifierConstraintFolder<'a, Config<F>>>
        + for<'a> Air<DebugConstraintBuilder<'a, F>>,
{
}

/// Generates the trace with `trace`, proves it and verifies the proof. The AIRs
/// take no public values, so none are passed. The time of `trace` counts as
/// proving: a prover has to compute it.
pub(crate) fn prove_and_verify<F, A>(
    air: &A,
    trace: impl FnOnce() -> RowMajorMatrix<F>,
) -> Result<Proven<F>, StarkError>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
    A: ProvableAir<F>,
{
    let config = config::<F>();
    let start = Instant::now();
    let trace = trace();
    let (rows, columns) = (trace.height(), trace.width());
    let proof = prove(&config, air, trace, &[]).map_err(|e| StarkError::Prove(format!("{e:?}")))?;
    let prove_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    verify(&config, air, &proof, &[]).map_err(|e| StarkError::Verify(e.to_string()))?;
    let verify_ms = start.elapsed().as_secs_f64() * 1e3;

    let proof_bytes = postcard::to_allocvec(&proof)
        .map_err(|e| StarkError::Serialize(e.to_string()))?
        .len();
    Ok(Proven {
        proof,
        config,
        rows,
        columns,
        prove_ms,
        verify_ms,
        proof_bytes,
    })
}

/// Whether `proof` verifies against `public_values`; the reason if not.
pub(crate) fn check<F, A>(
    proven: &Proven<F>,
    air: &A,
    proof: &Proof<Config<F>>,
    public_values: &[F],
) -> Result<(), String>
where
    F: PrimeField32 + TwoAdicField + BinomiallyExtendable<4>,
    A: ProvableAir<F>,
{
    verify(&proven.config, air, proof, public_values).map_err(|e| e.to_string())
}
