//! Groth16 over BN254 on the cheapest path: setup, prove, verify, and a proof that
//! does not verify another root (checked inside `prove_path`).

use merklab_r1cs::groth16::prove_path;
use merklab_r1cs::{path_cost, R1csHash};

#[test]
fn a_poseidon_path_proves_and_verifies() {
    let run = prove_path(R1csHash::PoseidonBn254, 2, 2, 7).unwrap();
    // A compressed BN254 Groth16 proof is two G1 points and one G2 point: 32 + 64 + 32 bytes.
    assert_eq!(run.proof_bytes, 128);
    // The proven circuit is the counted path plus the leaf's witness (no constraint).
    assert_eq!(
        run.constraints,
        path_cost(R1csHash::PoseidonBn254, 2, 2)
            .unwrap()
            .constraints
    );
    assert!(run.setup_ms > 0.0 && run.prove_ms > 0.0 && run.verify_ms > 0.0);
}
