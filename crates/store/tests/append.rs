//! A store grown by appends equals a store (and an in-memory tree) built over all the
//! leaves at once, under every odd-node rule; the nodes of complete groups stay put.

use merklab_core::{ByteDigest, DomainTags, LeafHash, MerkleTree, OddNode, PairOrder, Policy};
use merklab_hashes::{ByteHash, Sha256};
use merklab_store::{LayoutSpec, Store, StoreBuilder, StoreError};
use proptest::prelude::*;

type D = ByteDigest<32>;
const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);

fn leaves(n: u64) -> Vec<D> {
    (0..n).map(|i| HASH.hash_leaf(&i.to_le_bytes())).collect()
}

fn layout<const K: usize>(policy: Policy) -> LayoutSpec {
    LayoutSpec {
        hash: "sha256".into(),
        tags: DomainTags::Tagged,
        profile: None,
        arity: K,
        policy,
    }
}

fn grown<const K: usize>(policy: Policy, keep_every: u32, sizes: &[u64]) {
    let all = leaves(*sizes.last().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let (mut b, _) =
        StoreBuilder::<_, K>::create_or_resume(&path, layout::<K>(policy), HASH, keep_every)
            .unwrap();
    b.push(&all[..sizes[0] as usize]).unwrap();
    b.finish().unwrap();
    for w in sizes.windows(2) {
        let leaf0 = std::fs::read(path.join("level-00.nodes")).unwrap();
        let mut b = StoreBuilder::<_, K>::append(&path, HASH).unwrap();
        assert_eq!(b.appending_from(), Some(w[0]));
        b.push(&all[w[0] as usize..w[1] as usize]).unwrap();
        b.finish().unwrap();
        let grown_leaves = std::fs::read(path.join("level-00.nodes")).unwrap();
        assert_eq!(
            &grown_leaves[..leaf0.len()],
            &leaf0[..],
            "leaves already stored are not rewritten"
        );
        let tree = MerkleTree::<D, K>::build(&HASH, policy, all[..w[1] as usize].to_vec()).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.root::<_, K>(&HASH).unwrap(),
            tree.root(),
            "{policy} K={K} sizes {w:?}"
        );
        let last = w[1] - 1;
        assert_eq!(
            store.prove::<_, K>(&HASH, last).unwrap(),
            tree.prove(last as usize).unwrap()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn appends_equal_one_build(
        k in 2usize..=4,
        rule in 0u8..5,
        sorted in any::<bool>(),
        keep_every in 1u32..4,
        steps in proptest::collection::vec(1u64..120, 2..5),
    ) {
        let mut sizes = Vec::new();
        let mut total = 0;
        for s in steps {
            total += s;
            sizes.push(total);
        }
        let odd = match rule {
            0 => OddNode::Promote,
            1 => OddNode::Duplicate,
            2 => OddNode::Zero,
            3 => OddNode::Depth(9),
            _ => OddNode::Extend(9),
        };
        let pairs = if sorted { PairOrder::Sorted } else { PairOrder::Positional };
        let policy = Policy::new().with_odd(odd).with_pairs(pairs);
        match k {
            2 => grown::<2>(policy, keep_every, &sizes),
            3 => grown::<3>(policy, keep_every, &sizes),
            _ => grown::<4>(policy, keep_every, &sizes),
        }
    }
}

#[test]
fn an_interrupted_append_resumes_and_an_unfinished_build_is_not_appended_to() {
    let all = leaves(700);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s");
    let (mut b, _) =
        StoreBuilder::<_, 2>::create_or_resume(&path, layout::<2>(Policy::new()), HASH, 2).unwrap();
    b.push(&all[..300]).unwrap();
    b.finish().unwrap();
    let mut b = StoreBuilder::<_, 2>::append(&path, HASH).unwrap();
    b.push(&all[300..500]).unwrap();
    b.checkpoint().unwrap();
    b.push(&all[500..600]).unwrap();
    drop(b);
    let mut b = StoreBuilder::<_, 2>::append(&path, HASH).unwrap();
    assert_eq!((b.appending_from(), b.leaf_count()), (Some(300), 500));
    b.push(&all[500..]).unwrap();
    b.finish().unwrap();
    let tree = MerkleTree::<D, 2>::build(&HASH, Policy::new(), all.clone()).unwrap();
    assert_eq!(
        Store::open(&path).unwrap().root::<_, 2>(&HASH).unwrap(),
        tree.root()
    );

    let other = dir.path().join("t");
    let (mut b, _) =
        StoreBuilder::<_, 2>::create_or_resume(&other, layout::<2>(Policy::new()), HASH, 1)
            .unwrap();
    b.push(&all[..10]).unwrap();
    b.checkpoint().unwrap();
    drop(b);
    assert!(matches!(
        StoreBuilder::<_, 2>::append(&other, HASH),
        Err(StoreError::Unfinished(_))
    ));
}
