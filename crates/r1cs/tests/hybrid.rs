//! The lift and hybrid paths: the lift is `merklab-bn254`'s byte-leaf hash, its limbs
//! are injective, its gadget computes it, and a hybrid path circuit accepts a real
//! merklab hybrid proof and refuses a wrong root or index.

use ark_ff::{BigInteger, Field, PrimeField};
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use ark_std::rand::{Rng, SeedableRng};
use merklab_bn254::{Bn254Digest, BytesLeaf, CircomPoseidon};
use merklab_core::hybrid::{Hybrid, HybridCompression, HybridLeaf, LiftBytes};
use merklab_core::{hash_leaves, ByteDigest, MerkleTree, Policy};
use merklab_hashes::{ByteHash, Sha256};
use merklab_r1cs::{
    hybrid_path_cost, lift, lift_cost, lift_limbs, lift_var, path_cost, Fr, HybridPathCircuit,
    PathWitness, R1csHash, Value,
};

fn digests() -> Vec<[u8; 32]> {
    let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(21);
    let mut out = vec![[0u8; 32], [0xff; 32]];
    let mut last = [0u8; 32];
    last[31] = 1;
    out.push(last);
    let mut first = [0u8; 32];
    first[0] = 1;
    out.push(first);
    out.extend((0..20).map(|_| rng.gen::<[u8; 32]>()));
    out
}

#[test]
fn lift_is_the_bn254_byte_leaf_hash() {
    for d in digests() {
        assert_eq!(lift(&d).unwrap(), BytesLeaf::hash(&d).0);
    }
}

#[test]
fn limbs_are_injective_and_never_reduced() {
    let all = digests();
    for (i, a) in all.iter().enumerate() {
        let [len, c1, c2] = lift_limbs(a);
        assert_eq!(len, Fr::from(32u64));
        // The limbs give the bytes back: no reduction happened.
        let mut back = c1.into_bigint().to_bytes_be()[1..].to_vec();
        back.push(c2.into_bigint().to_bytes_le()[0]);
        assert_eq!(&back[..], &a[..]);
        for b in &all[i + 1..] {
            assert_ne!(lift_limbs(a), lift_limbs(b));
        }
    }
    // All 0xff: the largest limbs, 2^248 - 1 and 255.
    let [_, c1, c2] = lift_limbs(&[0xff; 32]);
    assert_eq!(c1, Fr::from(2u64).pow([248]) - Fr::ONE);
    assert_eq!(c2, Fr::from(255u64));
}

#[test]
fn lift_gadget_computes_the_lift() {
    for d in digests() {
        let cs = ConstraintSystem::<Fr>::new_ref();
        let bytes = UInt8::new_witness_vec(cs.clone(), &d).unwrap();
        let out = lift_var(&cs, &bytes).unwrap();
        assert_eq!(out.value().unwrap(), lift(&d).unwrap());
        assert!(cs.is_satisfied().unwrap());
    }
    assert!(lift_cost().unwrap().constraints > 0);
}

type H = Hybrid<ByteDigest<32>, Bn254Digest>;

fn satisfied(circuit: HybridPathCircuit) -> bool {
    let cs = ConstraintSystem::<Fr>::new_ref();
    circuit.generate_constraints(cs.clone()).unwrap();
    cs.is_satisfied().unwrap()
}

#[test]
fn a_merklab_hybrid_proof_satisfies_the_circuit() {
    let split = 3;
    let compression = HybridCompression::new(
        ByteHash::<Sha256>::untagged(),
        CircomPoseidon::<2>::new().unwrap(),
        LiftBytes(BytesLeaf),
        split as u32,
    )
    .unwrap();
    let leaf = HybridLeaf::<_, Bn254Digest>::new(ByteHash::<Sha256>::untagged());
    let inputs: Vec<Vec<u8>> = (0..16u8).map(|i| vec![i; 5]).collect();
    let digests: Vec<H> = hash_leaves(&leaf, &inputs);
    let tree = MerkleTree::<H, 2>::build(&compression, Policy::new(), digests.clone()).unwrap();
    let Hybrid::Upper(root) = tree.root() else {
        panic!("a tree of depth 4 split at 3 has a field root")
    };
    for index in [0usize, 5, 15] {
        let proof = tree.prove(index).unwrap();
        let siblings: Vec<Value> = proof
            .siblings
            .iter()
            .enumerate()
            .map(|(i, s)| match s {
                Hybrid::Lower { digest, .. } if i + 1 < split => Value::Bytes(digest.0),
                Hybrid::Lower { digest, .. } => Value::Field(lift(&digest.0).unwrap()),
                Hybrid::Upper(f) => Value::Field(f.0),
            })
            .collect();
        let Hybrid::Lower { digest, .. } = digests[index] else {
            panic!("leaves are lower digests")
        };
        let witness = PathWitness::from_proof(
            Value::Bytes(digest.0),
            proof.leaf_index,
            &siblings,
            2,
            Value::Field(root.0),
        )
        .unwrap();
        let circuit = HybridPathCircuit {
            lower: R1csHash::Sha256,
            split,
            witness,
        };
        assert_eq!(circuit.computed_root().unwrap(), Value::Field(root.0));
        assert!(satisfied(circuit.clone()), "leaf {index}");
        let mut wrong = circuit.clone();
        wrong.witness.root = Value::Field(root.0 + Fr::ONE);
        assert!(!satisfied(wrong), "leaf {index}, wrong root");
        let mut moved = circuit;
        moved.witness.levels[0].position ^= 1;
        assert!(!satisfied(moved), "leaf {index}, wrong index");
    }
}

#[test]
fn each_byte_level_moved_above_the_split_costs_less() {
    let depth = 4;
    let costs: Vec<u64> = (1..=depth)
        .map(|s| {
            hybrid_path_cost(R1csHash::Sha256, 2, depth, s)
                .unwrap()
                .constraints
        })
        .collect();
    assert!(costs.windows(2).all(|w| w[0] < w[1]), "{costs:?}");
    let sha = path_cost(R1csHash::Sha256, 2, depth).unwrap().constraints;
    let poseidon = path_cost(R1csHash::PoseidonBn254, 2, depth)
        .unwrap()
        .constraints;
    assert!(costs[0] > poseidon && costs[depth - 1] < sha, "{costs:?}");
}

#[test]
fn splits_outside_the_path_are_refused() {
    assert!(hybrid_path_cost(R1csHash::Sha256, 2, 4, 0).is_err());
    assert!(hybrid_path_cost(R1csHash::Sha256, 2, 4, 5).is_err());
    assert!(hybrid_path_cost(R1csHash::PoseidonBn254, 2, 4, 2).is_err());
}
