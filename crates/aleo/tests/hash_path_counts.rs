//! Both paths count every evaluation, singly and in batches (one test: one process).

use merklab_aleo::{fast, field_from_u128, hash_calls, reference, set_hash_path, HashPath};

#[test]
fn both_paths_count_every_evaluation() {
    let fields: Vec<_> = (0..200u128).map(field_from_u128).collect();
    let pairs: Vec<(u64, u64)> = (0..150u64).map(|i| (i, i * 3)).collect();
    for path in [HashPath::Reference, HashPath::Fast] {
        set_hash_path(path);
        let start = hash_calls();
        merklab_aleo::hash_field(&fields[0]);
        merklab_aleo::hash_merge(1, 2);
        merklab_aleo::hash_string("abc");
        merklab_aleo::hash_u64(7);
        assert_eq!(hash_calls() - start, 4, "{path:?}");
        let start = hash_calls();
        assert_eq!(merklab_aleo::hash_field_batch(&fields).len(), 200);
        assert_eq!(merklab_aleo::hash_merge_batch(&pairs).len(), 150);
        assert_eq!(merklab_aleo::hash_string_batch(&["a", "b", "c"]).len(), 3);
        assert_eq!(hash_calls() - start, 353, "{path:?}");
    }
    let start = hash_calls();
    fast::hash_u128(5);
    reference::hash_u128(5);
    fast::hash_field_batch(&fields[..10]);
    reference::hash_merge_batch(&pairs[..10]);
    assert_eq!(hash_calls() - start, 22);
    assert_eq!("fast".parse::<HashPath>().unwrap(), HashPath::Fast);
    assert_eq!(
        "reference".parse::<HashPath>().unwrap(),
        HashPath::Reference
    );
    assert!("slow".parse::<HashPath>().is_err());
}
