//! The hash counter counts each SHA3-then-BHP256 evaluation once (one test: one process).

use merklab_aleo::{
    field_from_u128, hash_calls, hash_field, hash_merge, hash_string, hash_u128, hash_u64,
    Arc0102Merge,
};
use merklab_core::{LeafOrder, MerkleTree, OddNode, PairOrder, Policy};

#[test]
fn counter_counts_every_evaluation() {
    let start = hash_calls();
    hash_field(&field_from_u128(1));
    hash_u128(2);
    hash_u64(3);
    hash_string("x");
    assert_eq!(hash_calls() - start, 4);

    // A four-field certificate: 4 key ids + 4 salts + 4 values, 8 leaf merges,
    // then 3 tree nodes over 4 leaves: 23 evaluations.
    let start = hash_calls();
    let leaves: Vec<u64> = (0..4u128)
        .map(|i| {
            let id = hash_string(&format!("KYCissuerkey{i}"));
            let salt = hash_string(&format!("salt{i}"));
            let value = hash_field(&field_from_u128(i));
            hash_merge(id, hash_merge(salt, value))
        })
        .collect();
    let policy = Policy::new()
        .with_pairs(PairOrder::Sorted)
        .with_leaves(LeafOrder::Sorted)
        .with_odd(OddNode::Promote);
    MerkleTree::<u64, 2>::build(&Arc0102Merge, policy, leaves).unwrap();
    assert_eq!(hash_calls() - start, 23);
}
