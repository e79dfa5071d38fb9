// Builds an honest multiproof, mutates it as the input says, and verifies.
// Invariants: the honest multiproof verifies; a mutated one that verifies proves
// only leaves that are in the tree; verify_many agrees with the single proofs on
// the honest leaves.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use merklab_core::{verify, verify_many, BinaryCodec, MultiProof};
use merklab_hashes::Digest32;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    arity: u8,
    shape: u8,
    leaves: u16,
    pick: Vec<u16>,
    edits: Vec<(u8, u16, u8)>,
}

fn run<const K: usize>(input: &Input) {
    let n = 1 + input.leaves as usize % 200;
    let (hash, policy, tree) = common::honest::<K>(input.shape, n);
    let mut indices: Vec<usize> = input.pick.iter().map(|&p| p as usize % n).collect();
    indices.sort_unstable();
    indices.dedup();
    if indices.is_empty() {
        return;
    }
    let proof = tree.prove_many(&indices).expect("valid indices");
    let leaves: Vec<Digest32> = indices.iter().map(|&i| tree.leaves()[i]).collect();
    assert_eq!(
        verify_many(&hash, &policy, tree.root(), &leaves, &proof),
        Ok(())
    );
    for &i in &indices {
        let single = tree.prove(i).expect("valid index");
        assert_eq!(
            verify(&hash, &policy, tree.root(), tree.leaves()[i], &single),
            Ok(())
        );
    }
    let decoded = MultiProof::<Digest32, K>::from_binary(&proof.to_binary()).expect("round trip");
    assert_eq!(decoded, proof);

    let mut bad = proof.clone();
    let mut bad_leaves = leaves.clone();
    for &(op, at, byte) in &input.edits {
        match op % 6 {
            0 if !bad.siblings.is_empty() => {
                let j = at as usize % bad.siblings.len();
                bad.siblings[j].0[byte as usize % 32] ^= 1 | byte;
            }
            1 => bad.siblings.push(common::leaf(at as u64)),
            2 => {
                bad.siblings.pop();
            }
            3 if !bad.indices.is_empty() => {
                let j = at as usize % bad.indices.len();
                bad.indices[j] = bad.indices[j].wrapping_add(byte as u64);
            }
            4 => bad.leaf_count = bad.leaf_count.wrapping_add(at as u64),
            _ if !bad_leaves.is_empty() => {
                let j = at as usize % bad_leaves.len();
                bad_leaves[j] = common::leaf(byte as u64 + 1000);
            }
            _ => {}
        }
    }
    if verify_many(&hash, &policy, tree.root(), &bad_leaves, &bad).is_ok() {
        for (leaf, idx) in bad_leaves.iter().zip(&bad.indices) {
            assert!(
                tree.leaves().contains(leaf),
                "forged leaf verified at {idx}"
            );
        }
    }
}

fuzz_target!(|input: Input| {
    merklab_core::with_arity!(input.arity % 17, K => run::<K>(&input), _ => run::<16>(&input));
});
