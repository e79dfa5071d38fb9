//! A store that keeps no leaf level gives the in-memory tree's root and proofs when its
//! leaves are given again (generated or a records file), for arities 2 to 4, every
//! odd-node rule, both pair orders and several `keep_every`; leaves that differ from the
//! ones it was built from are an error naming their range, never a proof.

use std::io::Write;
use std::path::Path;

mod common;

use merklab_core::{verify, LeafHash, MerkleTree, OddNode, Policy};
use merklab_store::{
    Generated, LeafInputs, LeafSource, Records, Rehash, Store, StoreBuilder, StoreError,
};
use proptest::prelude::*;

use common::{layout, policy, D, HASH};

/// Builds a store of `inputs`' first `n` leaves, absorbed in runs ending at `cuts`.
fn build<const K: usize>(
    dir: &Path,
    policy: Policy,
    keep_every: u32,
    inputs: &dyn LeafInputs,
    n: u64,
    cuts: &[u64],
) {
    let (mut builder, _) = StoreBuilder::<_, K>::create_or_resume_with(
        dir,
        layout::<K>(policy),
        HASH,
        keep_every,
        Some(inputs.source()),
    )
    .expect("create");
    let mut ends: Vec<u64> = cuts.iter().map(|c| c % n).collect();
    ends.push(n);
    ends.sort_unstable();
    for end in ends {
        builder.absorb(&HASH, inputs, end).expect("absorb");
    }
    builder.finish().expect("finish");
}

fn memory_tree<const K: usize>(
    inputs: &dyn LeafInputs,
    n: u64,
    policy: Policy,
) -> MerkleTree<D, K> {
    let mut raw = vec![0u8; n as usize * inputs.width()];
    inputs.read(0, n, &mut raw).expect("read");
    let leaves: Vec<D> = raw
        .chunks_exact(inputs.width())
        .map(|r| HASH.hash_leaf(r))
        .collect();
    MerkleTree::<D, K>::build(&HASH, policy, leaves).expect("in-memory tree")
}

fn check<const K: usize>(n: u64, policy: Policy, keep_every: u32, cuts: &[u64], probe: u64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    build::<K>(&path, policy, keep_every, &Generated, n, cuts);
    assert!(
        !path.join("level-00.nodes").exists(),
        "no leaf level is written"
    );
    let tree = memory_tree::<K>(&Generated, n, policy);

    let mut store = Store::open(&path).expect("open");
    let index = probe % n;
    if store.depth() > 0 {
        assert!(matches!(
            store.prove::<_, K>(&HASH, index),
            Err(StoreError::NoLeaves(_))
        ));
    }
    store
        .set_leaves(Box::new(Rehash {
            inputs: Generated,
            hash: HASH,
        }))
        .expect("attach");
    let what = format!("{policy} n={n} K={K} R={keep_every}");
    assert_eq!(
        store.root::<_, K>(&HASH).expect("root"),
        tree.root(),
        "{what}"
    );
    for i in [index, 0, n - 1] {
        let proof = store.prove(&HASH, i).expect("prove");
        assert_eq!(
            proof,
            tree.prove(i as usize).expect("memory proof"),
            "{what}"
        );
        let leaf = store.leaf::<_, K>(&HASH, i).expect("leaf");
        verify(&HASH, &policy, tree.root(), leaf, &proof).expect("verifies");
    }
    let mut many = vec![index, (index * 7 + 3) % n, n - 1];
    many.sort_unstable();
    many.dedup();
    let positions: Vec<usize> = many.iter().map(|&i| i as usize).collect();
    assert_eq!(
        store.prove_many(&HASH, &many).expect("prove_many"),
        tree.prove_many(&positions).expect("memory multiproof"),
        "{what}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn proofs_equal_memory(
        n in 1u64..400,
        rule in 0u8..5,
        sorted in any::<bool>(),
        keep_every in 1u32..5,
        cuts in proptest::collection::vec(any::<u64>(), 0..4),
        probe in any::<u64>(),
    ) {
        check::<2>(n, policy(rule, sorted, n, 2, 1), keep_every, &cuts, probe);
        check::<3>(n, policy(rule, sorted, n, 3, 1), keep_every.min(4), &cuts, probe);
        check::<4>(n, policy(rule, sorted, n, 4, 1), keep_every.min(3), &cuts, probe);
    }
}

/// A records file of `n` records of `width` bytes (record i is i's bytes, repeated).
fn records_file(path: &Path, n: u64, width: usize) {
    let mut file = std::fs::File::create(path).expect("create");
    for i in 0..n {
        let bytes: Vec<u8> = i
            .to_le_bytes()
            .iter()
            .cycle()
            .take(width)
            .copied()
            .collect();
        file.write_all(&bytes).expect("write");
    }
}

#[test]
fn records_rehash_and_a_different_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let leaves = dir.path().join("leaves.bin");
    let (n, width) = (1000u64, 12usize);
    records_file(&leaves, n, width);
    let policy = Policy::new().with_odd(OddNode::Duplicate);
    let path = dir.path().join("store");
    let records = Records::open(&leaves, width as u32).expect("records");
    build::<2>(&path, policy, 3, &records, n, &[100, 513]);
    let tree = memory_tree::<2>(&records, n, policy);
    let mut store = Store::open(&path).expect("open");
    store
        .set_leaves(Box::new(Rehash {
            inputs: records,
            hash: HASH,
        }))
        .expect("attach");
    for i in [0, 517, 999] {
        assert_eq!(
            store.prove(&HASH, i).expect("prove"),
            tree.prove(i as usize).expect("memory proof")
        );
    }

    // The same length, one byte changed in leaf 517: its subtree of 2^3 leaves fails.
    let mut bytes = std::fs::read(&leaves).expect("read");
    bytes[517 * width + 3] ^= 1;
    let altered = dir.path().join("altered.bin");
    std::fs::write(&altered, &bytes).expect("write");
    let mut store = Store::open(&path).expect("open");
    store
        .set_leaves(Box::new(Rehash {
            inputs: Records::open(&altered, width as u32).expect("records"),
            hash: HASH,
        }))
        .expect("same length attaches");
    let err = store.prove::<_, 2>(&HASH, 516).expect_err("altered leaves");
    assert!(
        matches!(
            err,
            StoreError::LeavesMismatch {
                start: 512,
                end: 520,
                level: 3,
                index: 64
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("leaves 512..520"), "{err}");
    // Leaves outside the altered subtree still prove.
    assert_eq!(
        store.prove(&HASH, 100).expect("prove"),
        tree.prove(100).expect("memory proof")
    );

    // A truncated file is refused before any read, naming both lengths.
    let truncated = dir.path().join("truncated.bin");
    std::fs::write(&truncated, &bytes[..width * 999]).expect("write");
    let mut store = Store::open(&path).expect("open");
    let err = store
        .set_leaves(Box::new(Rehash {
            inputs: Records::open(&truncated, width as u32).expect("records"),
            hash: HASH,
        }))
        .expect_err("truncated");
    assert!(err.to_string().contains("11988 bytes"), "{err}");
    assert!(err.to_string().contains("12000 bytes"), "{err}");
}

#[test]
fn generated_store_grows_and_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    let policy = Policy::new();
    // Stop at a checkpoint after 300 leaves, resume, finish at 700.
    let (mut b, _) = StoreBuilder::<_, 2>::create_or_resume_with(
        &path,
        layout::<2>(policy),
        HASH,
        4,
        Some(LeafSource::Generated),
    )
    .expect("create");
    b.absorb(&HASH, &Generated, 300).expect("absorb");
    b.checkpoint().expect("checkpoint");
    drop(b);
    let (mut b, resumed) = StoreBuilder::<_, 2>::create_or_resume_with(
        &path,
        layout::<2>(policy),
        HASH,
        4,
        Some(LeafSource::Generated),
    )
    .expect("resume");
    assert!(resumed);
    assert_eq!(b.leaf_count(), 300);
    b.absorb(&HASH, &Generated, 700).expect("absorb");
    b.finish().expect("finish");

    let rehash = || {
        Box::new(Rehash {
            inputs: Generated,
            hash: HASH,
        })
    };
    let mut b = StoreBuilder::<_, 2>::append_with(&path, HASH, Some(rehash())).expect("append");
    b.absorb(&HASH, &Generated, 1234).expect("absorb");
    b.finish().expect("finish");
    let tree = memory_tree::<2>(&Generated, 1234, policy);
    let mut store = Store::open(&path).expect("open");
    store.set_leaves(rehash()).expect("attach");
    assert_eq!(store.root::<_, 2>(&HASH).expect("root"), tree.root());
    assert_eq!(
        store.prove(&HASH, 1000).expect("prove"),
        tree.prove(1000).expect("memory proof")
    );
}

#[test]
fn records_store_refuses_to_grow_and_too_large_subtrees() {
    let dir = tempfile::tempdir().expect("tempdir");
    let leaves = dir.path().join("leaves.bin");
    records_file(&leaves, 64, 8);
    let path = dir.path().join("store");
    let records = Records::open(&leaves, 8).expect("records");
    build::<2>(&path, Policy::new(), 2, &records, 64, &[]);
    let err = StoreBuilder::<_, 2>::append_with(&path, HASH, None)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("cannot grow"), "{err}");

    let err = StoreBuilder::<_, 4>::create_or_resume_with(
        &dir.path().join("big"),
        layout::<4>(Policy::new()),
        HASH,
        11,
        Some(LeafSource::Generated),
    )
    .err()
    .expect("refused");
    assert!(err.to_string().contains("lower --keep-every"), "{err}");
}

#[test]
fn absorb_with_the_leaf_level_equals_memory() {
    for keep_every in [1, 3] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store");
        let (mut b, _) = StoreBuilder::<_, 3>::create_or_resume(
            &path,
            layout::<3>(Policy::new()),
            HASH,
            keep_every,
        )
        .expect("create");
        b.absorb(&HASH, &Generated, 5000).expect("absorb");
        b.absorb(&HASH, &Generated, 9001).expect("absorb");
        b.finish().expect("finish");
        let tree = memory_tree::<3>(&Generated, 9001, Policy::new());
        let store = Store::open(&path).expect("open");
        assert_eq!(store.root::<_, 3>(&HASH).expect("root"), tree.root());
        assert_eq!(
            store.prove(&HASH, 4321).expect("prove"),
            tree.prove(4321).expect("memory proof")
        );
    }
}
