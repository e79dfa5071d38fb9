//! Groth16 over BN254 (`ark-groth16`): setup, prove and verify of one Merkle path.
//!
//! Everything random (the path, the setup's toxic waste, the prover's blinding)
//! comes from generators seeded by the caller's seed, so a run repeats exactly.
//! arkworks' `parallel` features are off: times are one thread's.

use std::time::Instant;

use ark_bn254::Bn254;
use ark_groth16::Groth16;
use ark_serialize::CanonicalSerialize;
use ark_snark::SNARK;
use ark_std::rand::SeedableRng;
use serde::Serialize;

use crate::path::{sample_path, PathCircuit};
use crate::{R1csError, R1csHash};

/// What proving one path cost.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ProofRun {
    /// Constraints of the whole circuit (leaf witness included).
    pub constraints: u64,
    /// Circuit-specific setup (proving and verifying keys), in milliseconds.
    pub setup_ms: f64,
    /// Proving, in milliseconds.
    pub prove_ms: f64,
    /// Verifying with a prepared verifying key, in milliseconds.
    pub verify_ms: f64,
    /// The proof's compressed serialization, in bytes.
    pub proof_bytes: usize,
}

fn ark(e: impl std::fmt::Display) -> R1csError {
    R1csError::Synthesis(e.to_string())
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Sets up, proves and verifies a random path of `depth` levels at arity `k`; the
/// proof must verify against its root and fail against another.
pub fn prove_path(
    hash: R1csHash,
    k: usize,
    depth: usize,
    seed: u64,
) -> Result<ProofRun, R1csError> {
    let circuit = PathCircuit {
        hash,
        witness: sample_path(hash, k, depth, seed)?,
    };
    let public = circuit.witness.root.public_inputs();
    let constraints = {
        let cs = crate::measure::fresh();
        ark_relations::gr1cs::ConstraintSynthesizer::generate_constraints(
            circuit.clone(),
            cs.clone(),
        )?;
        cs.num_constraints() as u64
    };
    let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(seed);

    let start = Instant::now();
    let (pk, vk) =
        Groth16::<Bn254>::circuit_specific_setup(circuit.clone(), &mut rng).map_err(ark)?;
    let setup_ms = ms(start);

    let start = Instant::now();
    let proof = Groth16::<Bn254>::prove(&pk, circuit, &mut rng).map_err(ark)?;
    let prove_ms = ms(start);

    let pvk = Groth16::<Bn254>::process_vk(&vk).map_err(ark)?;
    let start = Instant::now();
    let valid = Groth16::<Bn254>::verify_with_processed_vk(&pvk, &public, &proof).map_err(ark)?;
    let verify_ms = ms(start);
    if !valid {
        return Err(R1csError::Unsatisfied(format!(
            "{hash} Groth16 proof (it did not verify)"
        )));
    }
    let mut other = public.clone();
    other[0] += ark_bn254::Fr::from(1u64);
    if Groth16::<Bn254>::verify_with_processed_vk(&pvk, &other, &proof).map_err(ark)? {
        return Err(R1csError::Unsatisfied(format!(
            "{hash} Groth16 proof (it verified another root)"
        )));
    }
    Ok(ProofRun {
        constraints,
        setup_ms,
        prove_ms,
        verify_ms,
        proof_bytes: proof.compressed_size(),
    })
}
