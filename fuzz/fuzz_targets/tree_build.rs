// Arbitrary arity, policy and leaves. Invariants: serial, parallel and streaming
// builds agree; every leaf's proof verifies; serialized trees round-trip.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use merklab_core::{verify, BinaryCodec, LeafOrder, MerkleTree, StreamingBuilder};
use merklab_hashes::Digest32;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    arity: u8,
    shape: u8,
    depth: u8,
    leaves: Vec<u16>,
}

fn run<const K: usize>(input: &Input) {
    let policy = common::policy_from(input.shape, input.depth as u32 % 12);
    let hash = common::Hash::new(merklab_core::DomainTags::Tagged);
    let leaves: Vec<Digest32> = input
        .leaves
        .iter()
        .take(400)
        .map(|&v| common::leaf(v as u64))
        .collect();
    let serial = MerkleTree::<Digest32, K>::build_serial(&hash, policy, leaves.clone());
    let parallel = MerkleTree::<Digest32, K>::build_with_cutoff(&hash, policy, leaves.clone(), 1);
    assert_eq!(serial, parallel);
    let mut stream = StreamingBuilder::<_, K>::new(&hash, policy);
    let mut ordered = leaves.clone();
    if policy.leaves == LeafOrder::Sorted {
        ordered.sort_unstable();
    }
    let mut pushed = Ok(());
    for l in ordered {
        pushed = pushed.and_then(|()| stream.push(l));
    }
    let streamed = pushed.and_then(|()| stream.root());
    match serial {
        Ok(tree) => {
            assert_eq!(streamed, Ok(tree.root()));
            for i in 0..tree.leaf_count() {
                let proof = tree.prove(i).expect("index in range");
                assert_eq!(
                    verify(&hash, &policy, tree.root(), tree.leaves()[i], &proof),
                    Ok(())
                );
            }
            let back =
                MerkleTree::<Digest32, K>::from_binary(&tree.to_binary()).expect("round trip");
            assert_eq!(back, tree);
            assert!(back.check(&hash));
        }
        Err(e) => assert!(
            streamed.is_err(),
            "batch failed with {e} but streaming gave a root"
        ),
    }
}

fuzz_target!(|input: Input| {
    merklab_core::with_arity!(input.arity % 17, K => run::<K>(&input), _ => run::<16>(&input));
});
