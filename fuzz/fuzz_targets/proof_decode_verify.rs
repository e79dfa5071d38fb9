// Decodes arbitrary bytes as a proof (binary, then JSON) and verifies it against an
// honest tree. Invariants: no panic; a decoded proof re-encodes to an equal proof;
// a proof that verifies proves a leaf that really is in the tree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use merklab_core::{verify, BinaryCodec, Proof};
use merklab_hashes::Digest32;

#[path = "common.rs"]
mod common;

fn run<const K: usize>(data: &[u8]) {
    let (shape, body) = match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => return,
    };
    let n = 1 + (shape as usize % 40);
    let (hash, policy, tree) = common::honest::<K>(shape, n);
    let mut candidates: Vec<Proof<Digest32, K>> = Vec::new();
    if let Ok(p) = Proof::<Digest32, K>::from_binary(body) {
        assert_eq!(
            Proof::<Digest32, K>::from_binary(&p.to_binary()).as_ref(),
            Ok(&p)
        );
        candidates.push(p);
    }
    if let Ok(p) = serde_json::from_slice::<Proof<Digest32, K>>(body) {
        let again: Proof<Digest32, K> =
            serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p);
        candidates.push(p);
    }
    for proof in candidates {
        // Try the claimed leaf and a forged one.
        let claimed = tree
            .leaves()
            .get(proof.leaf_index as usize)
            .copied()
            .unwrap_or_else(|| common::leaf(u64::MAX));
        for leaf in [claimed, common::leaf(u64::MAX - 1)] {
            if verify(&hash, &policy, tree.root(), leaf, &proof).is_ok() {
                assert!(tree.leaves().contains(&leaf), "a forged leaf verified");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let k = data.get(1).map_or(2, |b| b % 17);
    merklab_core::with_arity!(k, K => run::<K>(data), _ => run::<16>(data));
});
