//! Path circuits against real merklab proofs, and counts read from synthesis.

use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use merklab_bn254::{Bn254Digest, CircomPoseidon};
use merklab_core::{ByteDigest, MerkleTree, Policy};
use merklab_hashes::{ByteHash, Sha256};
use merklab_r1cs::{node_cost, path_cost, Fr, PathCircuit, PathWitness, R1csHash, Value};

/// Whether the path circuit accepts `witness`.
fn satisfied(hash: R1csHash, witness: PathWitness) -> bool {
    let cs = ConstraintSystem::<Fr>::new_ref();
    PathCircuit { hash, witness }
        .generate_constraints(cs.clone())
        .unwrap();
    cs.is_satisfied().unwrap()
}

#[test]
fn sha256_path_of_a_merklab_tree_is_accepted_and_a_wrong_root_is_not() {
    // 16 leaves at arity 4: a full tree of depth 2.
    let leaves: Vec<ByteDigest<32>> = (0..16u8).map(|i| ByteDigest([i; 32])).collect();
    let tree = MerkleTree::<ByteDigest<32>, 4>::build(
        &ByteHash::<Sha256>::untagged(),
        Policy::new(),
        leaves.clone(),
    )
    .unwrap();
    for index in [0usize, 6, 15] {
        let proof = tree.prove(index).unwrap();
        let siblings: Vec<Value> = proof.siblings.iter().map(|d| Value::Bytes(d.0)).collect();
        let root = Value::Bytes(tree.root().0);
        let witness = PathWitness::from_proof(
            Value::Bytes(leaves[index].0),
            proof.leaf_index,
            &siblings,
            4,
            root,
        )
        .unwrap();
        assert_eq!(witness.levels.len(), 2);
        assert!(satisfied(R1csHash::Sha256, witness.clone()), "leaf {index}");
        let mut wrong = witness.clone();
        wrong.root = Value::Bytes([7; 32]);
        assert!(
            !satisfied(R1csHash::Sha256, wrong),
            "leaf {index}, wrong root"
        );
        let mut moved = witness;
        moved.levels[0].position = (moved.levels[0].position + 1) % 4;
        assert!(
            !satisfied(R1csHash::Sha256, moved),
            "leaf {index}, wrong index"
        );
    }
}

#[test]
fn poseidon_path_of_a_merklab_tree_is_accepted_and_a_wrong_root_is_not() {
    // 8 leaves at arity 2: depth 3.
    let leaves: Vec<Bn254Digest> = (1..=8u64).map(Bn254Digest::from_u64).collect();
    let tree =
        MerkleTree::<Bn254Digest, 2>::build(&CircomPoseidon::PAIR, Policy::new(), leaves.clone())
            .unwrap();
    let proof = tree.prove(5).unwrap();
    let siblings: Vec<Value> = proof.siblings.iter().map(|d| Value::Field(d.0)).collect();
    let witness = PathWitness::from_proof(
        Value::Field(leaves[5].0),
        5,
        &siblings,
        2,
        Value::Field(tree.root().0),
    )
    .unwrap();
    assert!(satisfied(R1csHash::PoseidonBn254, witness.clone()));
    let mut wrong = witness;
    wrong.root = Value::Field(Fr::from(3u64));
    assert!(!satisfied(R1csHash::PoseidonBn254, wrong));
}

#[test]
fn counts_come_from_satisfied_synthesis_and_grow_per_level() {
    for hash in R1csHash::ALL {
        let node = node_cost(hash, 2).unwrap();
        assert!(node.constraints > 0, "{hash}");
        if node.constraints > 50_000 {
            continue; // SHA-256 and Keccak paths: seconds each; their nodes are enough here.
        }
        let two = path_cost(hash, 2, 1).unwrap();
        let three = path_cost(hash, 2, 2).unwrap();
        // Each level adds at least one compression.
        assert!(
            three.constraints - two.constraints >= node.constraints,
            "{hash}"
        );
    }
}

#[test]
fn poseidon_t3_costs_what_circomlib_reports() {
    // circomlib's Poseidon(2) (t = 3) compiles to 240 non-linear constraints (its
    // repository's figures; the first round's S-box on the zero capacity element is free).
    assert_eq!(
        node_cost(R1csHash::PoseidonBn254, 2).unwrap().constraints,
        240
    );
}

#[test]
fn paths_of_other_arities_are_refused() {
    assert!(path_cost(R1csHash::Sha256, 3, 2).is_err());
    assert!(path_cost(R1csHash::PoseidonBn254, 16, 2).is_err());
    assert!(PathWitness::from_proof(
        Value::Bytes([0; 32]),
        0,
        &[Value::Bytes([0; 32]); 5],
        4,
        Value::Bytes([0; 32])
    )
    .is_err());
}
