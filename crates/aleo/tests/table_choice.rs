//! Which BHP256 digest tables `HashPath::Auto` builds for the work it is told of.
//! One test in its own process, so that no other test's tables are present.

use merklab_aleo::{digest_tables, field_from_u128, Config, U64Hash};

#[test]
fn small_work_builds_small_tables_and_large_work_wider_ones() {
    assert!(digest_tables().is_empty(), "a fresh process has no tables");
    // An ARC-0102 certificate of ten claims: about 59 hashes.
    let small = Config::for_hashes(59);
    let fields: Vec<_> = (0u128..30).map(|i| field_from_u128(i * 7919 + 1)).collect();
    let pairs: Vec<(u64, u64)> = (0u64..20).map(|i| (i * 31 + 5, i ^ 0xdead_beef)).collect();
    let hashed = (
        small.hash_field_batch(&fields),
        small.hash_merge_batch(&pairs),
        small.hash_string("dob"),
        small.hash_merge(1, 2),
    );
    let reference = Config::REFERENCE;
    assert_eq!(
        hashed,
        (
            reference.hash_field_batch(&fields),
            reference.hash_merge_batch(&pairs),
            reference.hash_string("dob"),
            reference.hash_merge(1, 2),
        )
    );
    let built = digest_tables();
    assert!(!built.is_empty(), "the fast path ran on tables");
    assert!(
        built.iter().all(|t| t.lookup_bits <= 6),
        "59 hashes built {built:?}"
    );
    let bytes: usize = built.iter().map(|t| t.bytes).sum();
    assert!(bytes < 1 << 20, "59 hashes built {bytes} bytes of tables");

    // Hundreds of thousands of hashes repay wider tables.
    let large = Config::for_hashes(300_000);
    let fields: Vec<_> = (0u128..64)
        .map(|i| field_from_u128(i * 104_729 + 3))
        .collect();
    assert_eq!(
        large.hash_field_batch(&fields),
        reference.hash_field_batch(&fields)
    );
    let widest = digest_tables().iter().map(|t| t.lookup_bits).max();
    assert!(widest >= Some(9), "{:?}", digest_tables());
}
