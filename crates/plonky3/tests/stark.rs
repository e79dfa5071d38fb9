//! STARK proofs of a path's permutations through the public surface: every hash with
//! an AIR proves and verifies at small depths, the trace has the shape the path
//! implies, and hashes without an AIR say why.

use merklab_names::HashId;
use merklab_plonky3::stark::{missing_air, prove_path, StarkError, StarkHash};

#[test]
fn every_air_proves_and_verifies_a_path() {
    for hash in StarkHash::ALL {
        for (k, depth) in [(2, 1), (2, 5), (4, 3)] {
            if !hash.supports(k) {
                continue;
            }
            let run = prove_path(hash, k, depth, 1).unwrap_or_else(|e| panic!("{hash} k={k}: {e}"));
            assert_eq!(
                run.permutations,
                depth * hash.permutations_per_node(k),
                "{hash}"
            );
            assert!(run.rows.is_power_of_two(), "{hash}: {} rows", run.rows);
            let rows_per_permutation = match hash {
                StarkHash::Keccak256 | StarkHash::Sha3_256 => 24,
                _ => 1,
            };
            assert!(
                run.rows >= run.permutations * rows_per_permutation,
                "{hash}"
            );
            assert!(
                run.rows < 2 * run.permutations * rows_per_permutation,
                "{hash}"
            );
            assert!(run.columns > 100, "{hash}: {} columns", run.columns);
            assert!(run.prove_ms > 0.0 && run.verify_ms > 0.0, "{hash}");
            assert!(run.proof_bytes > 1000, "{hash}: {} bytes", run.proof_bytes);
        }
    }
}

#[test]
fn node_costs_follow_the_message_length() {
    // Keccak absorbs 136 bytes per permutation and pads at least one byte.
    assert_eq!(StarkHash::Keccak256.permutations_per_node(2), 1);
    assert_eq!(StarkHash::Keccak256.permutations_per_node(4), 1);
    assert_eq!(StarkHash::Keccak256.permutations_per_node(5), 2);
    assert_eq!(StarkHash::Sha3_256.permutations_per_node(16), 4);
    // BLAKE3 compresses 64-byte blocks.
    assert_eq!(StarkHash::Blake3.permutations_per_node(2), 1);
    assert_eq!(StarkHash::Blake3.permutations_per_node(3), 2);
    assert_eq!(StarkHash::Blake3.permutations_per_node(16), 8);
}

#[test]
fn bad_arity_and_depth_are_errors() {
    assert_eq!(
        prove_path(StarkHash::Poseidon2BabyBear, 4, 3, 1),
        Err(StarkError::Arity {
            hash: "poseidon2-babybear",
            given: 4
        })
    );
    assert_eq!(
        prove_path(StarkHash::Keccak256, 2, 0, 1),
        Err(StarkError::Depth)
    );
    assert!(matches!(
        prove_path(StarkHash::Blake3, 17, 2, 1),
        Err(StarkError::Arity { .. })
    ));
}

#[test]
fn every_hash_has_an_air_or_a_reason() {
    for &id in HashId::ALL {
        match (StarkHash::from_id(id), missing_air(id)) {
            (Some(h), None) => assert_eq!(h.id(), id),
            (None, Some(why)) => assert!(!why.is_empty()),
            other => panic!("{id}: {other:?}"),
        }
    }
    assert!(missing_air(HashId::Sha256).unwrap().contains("no AIR"));
    assert!(missing_air(HashId::Poseidon2Bn254)
        .unwrap()
        .contains("p3-bn254"));
}
