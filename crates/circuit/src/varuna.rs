//! Proving a Merkle path with Varuna, the proof system snarkVM itself runs, so an
//! Aleo hash's in-circuit cost is also a time: setup, prove and verify of the same
//! path [`crate::path_cost`] counts, through `snarkvm-algorithms`' own API.
//!
//! Varuna's universal SRS comes from `snarkvm-parameters`, which ships its first
//! 2^15 powers and downloads the rest on demand. Only circuits whose index needs
//! no more than the shipped powers are proven here; a larger one is reported with
//! its constraint count and the degree it would need, never with a time, and
//! nothing is fetched. Proofs are hiding (`VarunaHidingMode`, as transactions
//! are) and made with the newest `VarunaVersion`.

use std::time::Instant;

use rand::rngs::ChaCha20Rng;
use rand::SeedableRng;
use serde::Serialize;
use snarkvm_algorithms::crypto_hash::PoseidonSponge;
use snarkvm_algorithms::snark::varuna::{AHPForR1CS, VarunaHidingMode, VarunaSNARK, VarunaVersion};
use snarkvm_algorithms::traits::{AlgebraicSponge, SNARK};
use snarkvm_circuit::{Circuit, Environment};
use snarkvm_curves::bls12_377::{Bls12_377, Fq, Fr};
use snarkvm_utilities::ToBytes;

use crate::ops::synthesize_fresh_path;
use crate::{Backend, CircuitError, PathMode};

type Sponge = PoseidonSponge<Fq, 2, 1>;
type Varuna = VarunaSNARK<Bls12_377, Sponge, VarunaHidingMode>;

/// Powers of beta in the SRS `snarkvm-parameters` ships (2^15): a polynomial of
/// degree below this commits with them; more powers are downloaded, which this
/// module never does.
pub const SHIPPED_DEGREE: usize = 1 << 15;

/// A path proven and verified with Varuna.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct VarunaRun {
    /// R1CS constraints of the path circuit.
    pub constraints: u64,
    /// The index degree Varuna needed (below [`SHIPPED_DEGREE`]).
    pub max_degree: usize,
    /// Loading the SRS and indexing the circuit (proving and verifying keys), ms.
    pub setup_ms: f64,
    /// One proof, ms.
    pub prove_ms: f64,
    /// Verifying it, ms.
    pub verify_ms: f64,
    /// The proof's serialized length, bytes.
    pub proof_bytes: usize,
}

/// What proving a path with Varuna gave.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum VarunaOutcome {
    /// Proven and verified.
    Proven(VarunaRun),
    /// The circuit needs more SRS powers than ship with snarkVM.
    NeedsDownload {
        /// R1CS constraints of the path circuit.
        constraints: u64,
        /// The index degree it needs.
        max_degree: usize,
    },
}

/// Milliseconds since `t`.
fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn snark(what: &str) -> impl Fn(anyhow::Error) -> CircuitError + '_ {
    move |e| CircuitError::SnarkVm(format!("Varuna {what}: {e}"))
}

/// Sets up, proves and verifies the path of `backend` at arity `k` and `depth`
/// (the circuit [`crate::path_cost`] counts) with Varuna; `seed` fixes the
/// prover's randomness. A proof that does not verify is an error, and so is a
/// proof that still verifies against a changed root.
pub fn prove_path(
    backend: Backend,
    k: usize,
    depth: usize,
    mode: PathMode,
    seed: u64,
) -> Result<VarunaOutcome, CircuitError> {
    let satisfied = synthesize_fresh_path(backend, k, depth, mode);
    let assignment = Circuit::eject_assignment_and_reset();
    let what = format!("{backend} path, arity {k}, depth {depth}, {mode:?}");
    if !satisfied? {
        return Err(CircuitError::Unsatisfied(what));
    }
    let constraints = assignment.num_constraints();
    let max_degree = AHPForR1CS::<Fr, VarunaHidingMode>::index(&assignment)
        .and_then(|index| index.max_degree())
        .map_err(snark("indexing"))?;
    // A degree-d polynomial needs d + 1 powers.
    if max_degree >= SHIPPED_DEGREE {
        return Ok(VarunaOutcome::NeedsDownload {
            constraints,
            max_degree,
        });
    }

    let t = Instant::now();
    let srs = Varuna::universal_setup(max_degree).map_err(snark("SRS"))?;
    let (pk, vk) = Varuna::circuit_setup(&srs, &assignment).map_err(snark("setup"))?;
    let prover = srs.to_universal_prover().map_err(snark("setup"))?;
    let verifier = srs.to_universal_verifier().map_err(snark("setup"))?;
    let setup_ms = ms(t);

    let sponge = Sponge::sample_parameters();
    let version = VarunaVersion::V3;
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let t = Instant::now();
    let proof = Varuna::prove(&prover, &sponge, &pk, version, &assignment, &mut rng)
        .map_err(snark("prove"))?;
    let prove_ms = ms(t);

    // The constant one, then the root (the circuit's one public input).
    let inputs: Vec<Fr> = assignment
        .public_inputs()
        .iter()
        .map(|v| v.value())
        .collect();
    let t = Instant::now();
    let verified = Varuna::verify(&verifier, &sponge, &vk, version, inputs.as_slice(), &proof)
        .map_err(snark("verify"))?;
    let verify_ms = ms(t);
    if !verified {
        return Err(CircuitError::SnarkVm(format!(
            "Varuna rejected its own proof of the {what}"
        )));
    }
    let mut forged = inputs.clone();
    if let Some(root) = forged.get_mut(1) {
        *root += Fr::from(1u64);
    }
    if Varuna::verify(&verifier, &sponge, &vk, version, forged.as_slice(), &proof).unwrap_or(false)
    {
        return Err(CircuitError::SnarkVm(format!(
            "Varuna accepted the {what} against a changed root"
        )));
    }
    let proof_bytes = proof.to_bytes_le().map_err(snark("serialize"))?.len();
    Ok(VarunaOutcome::Proven(VarunaRun {
        constraints,
        max_degree,
        setup_ms,
        prove_ms,
        verify_ms,
        proof_bytes,
    }))
}
