//! Varuna proves the path circuits `path_cost` counts, with snarkVM's own prover,
//! verifier and shipped SRS; larger circuits are reported, not downloaded for.

use merklab_circuit::varuna::{prove_path, VarunaOutcome, SHIPPED_DEGREE};
use merklab_circuit::{path_cost, Backend, PathMode};

/// A small Poseidon path is proven, its proof verifies (and not against a changed
/// root: `prove_path` checks both), and its constraints are the count's.
#[test]
fn a_poseidon_path_is_proven_and_verified() {
    let outcome = prove_path(Backend::Poseidon2, 2, 2, PathMode::Positional, 7).unwrap();
    let VarunaOutcome::Proven(run) = outcome else {
        panic!("a two-level Poseidon path fits the shipped SRS: {outcome:?}");
    };
    let counted = path_cost(Backend::Poseidon2, 2, 2, PathMode::Positional).unwrap();
    assert!(
        run.constraints >= counted.constraints,
        "{run:?} vs {counted:?}"
    );
    assert!(run.max_degree < SHIPPED_DEGREE);
    assert!(run.proof_bytes > 0);
    assert!(run.prove_ms > 0.0 && run.verify_ms > 0.0);
}

/// A path whose index needs more powers than snarkVM ships is reported with its
/// size, without a time (and without a download).
#[test]
fn a_path_beyond_the_shipped_srs_is_reported_not_timed() {
    let outcome = prove_path(Backend::Bhp1024, 2, 32, PathMode::Positional, 7).unwrap();
    match outcome {
        VarunaOutcome::NeedsDownload {
            constraints,
            max_degree,
        } => {
            assert!(max_degree >= SHIPPED_DEGREE);
            assert!(constraints > 0);
        }
        VarunaOutcome::Proven(run) => panic!("expected too large for the shipped SRS: {run:?}"),
    }
}
