//! [`Counting`] counts each SHA3-then-BHP256 evaluation once, including those a
//! tree spends through [`Arc0102Merge`].

use merklab_aleo::{field_from_u128, Arc0102Merge, Config, Counting, U64Hash};
use merklab_core::{LeafOrder, MerkleTree, OddNode, PairOrder, Policy};

#[test]
fn counter_counts_every_evaluation() {
    let h = Counting::new(Config::DEFAULT);
    h.hash_field(&field_from_u128(1));
    h.hash_u128(2);
    h.hash_u64(3);
    h.hash_string("x");
    assert_eq!(h.calls(), 4);

    // A four-field certificate: 4 key ids + 4 salts + 4 values, 8 leaf merges,
    // then 3 tree nodes over 4 leaves: 23 evaluations.
    let h = Counting::new(Config::DEFAULT);
    let leaves: Vec<u64> = (0..4u128)
        .map(|i| {
            let id = h.hash_string(&format!("KYCissuerkey{i}"));
            let salt = h.hash_string(&format!("salt{i}"));
            let value = h.hash_field(&field_from_u128(i));
            h.hash_merge(id, h.hash_merge(salt, value))
        })
        .collect();
    let policy = Policy::new()
        .with_pairs(PairOrder::Sorted)
        .with_leaves(LeafOrder::Sorted)
        .with_odd(OddNode::Promote);
    let counted = MerkleTree::<u64, 2>::build(&Arc0102Merge(&h), policy, leaves.clone()).unwrap();
    assert_eq!(h.calls(), 23);
    let plain = MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), policy, leaves).unwrap();
    assert_eq!(counted.root(), plain.root());
}
