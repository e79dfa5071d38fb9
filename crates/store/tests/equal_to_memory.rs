//! The store, its proofs and merged shards give exactly the in-memory tree's root and
//! proofs, for arities 2..4, every odd-node rule and both pair orders.

mod common;

use merklab_core::{verify, verify_many, LeafHash, MerkleTree, Policy, StreamingBuilder};
use merklab_store::{build_shard, merge, Store, StoreBuilder};
use proptest::prelude::*;

use common::{layout, policy, D, HASH};

fn leaves(n: u64) -> Vec<D> {
    (0..n).map(|i| HASH.hash_leaf(&i.to_le_bytes())).collect()
}

fn check_store<const K: usize>(n: u64, policy: Policy, keep_every: u32, batch: usize, probe: u64) {
    let leaves = leaves(n);
    let tree = MerkleTree::<D, K>::build(&HASH, policy, leaves.clone()).expect("in-memory tree");
    let mut streaming = StreamingBuilder::<_, K>::new(HASH, policy);
    for &l in &leaves {
        streaming.push(l).expect("push");
    }
    assert_eq!(streaming.root().expect("streaming root"), tree.root());

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    let (mut builder, resumed) =
        StoreBuilder::<_, K>::create_or_resume(&path, layout::<K>(policy), HASH, keep_every)
            .expect("create");
    assert!(!resumed);
    for chunk in leaves.chunks(batch) {
        builder.push(chunk).expect("push");
    }
    let manifest = builder.finish().expect("finish");
    assert_eq!(manifest.leaf_count, n);

    let store = Store::open(&path).expect("open");
    assert_eq!(
        store.root::<_, K>(&HASH).expect("root"),
        tree.root(),
        "{policy} n={n} K={K} R={keep_every}"
    );
    assert_eq!(store.depth(), tree.depth());
    let index = probe % n;
    let proof = store.prove(&HASH, index).expect("prove");
    assert_eq!(proof, tree.prove(index as usize).expect("memory proof"));
    verify(&HASH, &policy, tree.root(), leaves[index as usize], &proof).expect("verifies");
    let many = [index, (index * 7 + 3) % n, n - 1];
    let mut distinct: Vec<u64> = many.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let multi = store.prove_many(&HASH, &distinct).expect("prove_many");
    let positions: Vec<usize> = distinct.iter().map(|&i| i as usize).collect();
    assert_eq!(
        multi,
        tree.prove_many(&positions).expect("memory multiproof")
    );
    let proven: Vec<D> = positions.iter().map(|&i| leaves[i]).collect();
    verify_many(&HASH, &policy, tree.root(), &proven, &multi).expect("multiproof verifies");
}

fn check_shards<const K: usize>(n: u64, policy: Policy, cuts: &[u64]) {
    let leaves = leaves(n);
    let tree = MerkleTree::<D, K>::build(&HASH, policy, leaves.clone()).expect("in-memory tree");
    let mut bounds: Vec<u64> = cuts.iter().map(|c| 1 + c % n).filter(|&c| c < n).collect();
    bounds.push(0);
    bounds.push(n);
    bounds.sort_unstable();
    bounds.dedup();
    let shards: Vec<_> = bounds
        .windows(2)
        .map(|w| {
            build_shard::<_, K>(
                HASH,
                layout::<K>(policy),
                w[0],
                &leaves[w[0] as usize..w[1] as usize],
            )
            .expect("shard")
        })
        .collect();
    for s in &shards {
        s.check().expect("a fresh shard checks");
        let json = serde_json::to_string(s).expect("json");
        let back: merklab_store::Shard<D> = serde_json::from_str(&json).expect("parse");
        assert_eq!(&back, s);
    }
    assert_eq!(
        merge::<_, K>(&HASH, &shards).expect("merge"),
        tree.root(),
        "{policy} n={n} K={K} bounds={bounds:?}"
    );
}

/// One generated case.
struct Case {
    n: u64,
    rule: u8,
    sorted: bool,
    extra: u32,
    keep_every: u32,
    batch: usize,
    probe: u64,
    cuts: Vec<u64>,
}

fn run<const K: usize>(c: &Case) {
    let policy = policy(c.rule, c.sorted, c.n, K as u64, c.extra);
    check_store::<K>(c.n, policy, c.keep_every, c.batch, c.probe);
    check_shards::<K>(c.n, policy, &c.cuts);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn store_and_shards_equal_the_in_memory_tree(
        k in 2usize..=4,
        n in 1u64..400,
        rule in 0u8..5,
        sorted in any::<bool>(),
        extra in 0u32..3,
        keep_every in 1u32..5,
        batch in 1usize..100,
        probe in any::<u64>(),
        cuts in proptest::collection::vec(any::<u64>(), 0..6),
    ) {
        let case = Case { n, rule, sorted, extra, keep_every, batch, probe, cuts };
        match k {
            2 => run::<2>(&case),
            3 => run::<3>(&case),
            _ => run::<4>(&case),
        }
    }
}

/// Every split of small trees, exhaustively: two shards at every cut.
#[test]
fn every_two_way_split_merges_to_the_root() {
    for n in 1..=40u64 {
        for rule in 0..5 {
            for cut in 1..n {
                check_shards::<3>(n, policy(rule, false, n, 3, 1), &[cut - 1]);
                check_shards::<2>(n, policy(rule, true, n, 2, 0), &[cut - 1]);
            }
        }
    }
}

#[test]
fn the_short_group_method_is_the_one_a_store_uses() {
    // A promoted short group at arity 4 compresses its 2 or 3 nodes on their own.
    let policy = Policy::new();
    for n in [2u64, 3, 6, 7, 18, 19] {
        check_store::<4>(n, policy, 1, 5, n - 1);
    }
}
