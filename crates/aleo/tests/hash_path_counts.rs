//! Every configuration counts every evaluation through [`Counting`], singly and in
//! batches; each counter is its own, so tests running alongside do not change it.

use merklab_aleo::{field_from_u128, Config, Counting, HashPath, Simd, U64Hash};

#[test]
fn every_configuration_counts_every_evaluation() {
    let fields: Vec<_> = (0..200u128).map(field_from_u128).collect();
    let pairs: Vec<(u64, u64)> = (0..150u64).map(|i| (i, i * 3)).collect();
    let mut results = Vec::new();
    for config in [
        Config::REFERENCE,
        Config::FAST,
        Config::SCALAR,
        Config::DEFAULT,
    ] {
        let counting = Counting::new(config);
        let single = [
            counting.hash_field(&fields[0]),
            counting.hash_merge(1, 2),
            counting.hash_string("abc"),
            counting.hash_u64(7),
        ];
        assert_eq!(counting.calls(), 4, "{config:?}");
        let batches = (
            counting.hash_field_batch(&fields),
            counting.hash_merge_batch(&pairs),
            counting.hash_string_batch(&["a", "b", "c"]),
        );
        assert_eq!(batches.0.len(), 200);
        assert_eq!(batches.1.len(), 150);
        assert_eq!(counting.calls(), 357, "{config:?}");
        results.push((single, batches));
    }
    // The counter only counts: every configuration gives the same values.
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    // Two counters over one configuration count separately.
    let a = Counting::new(Config::FAST);
    let b = Counting::new(&a);
    b.hash_u128_batch(&[1, 2, 3]);
    a.hash_u128(4);
    assert_eq!((a.calls(), b.calls()), (4, 3));

    assert_eq!("fast".parse::<HashPath>().unwrap(), HashPath::Fast);
    assert_eq!("auto".parse::<HashPath>().unwrap(), HashPath::Auto);
    assert_eq!(
        "reference".parse::<HashPath>().unwrap(),
        HashPath::Reference
    );
    assert!("slow".parse::<HashPath>().is_err());
    assert_eq!(Config::default(), Config::new(HashPath::Auto, Simd::Auto));
    assert!(HashPath::Auto.is_fast() && !HashPath::Reference.is_fast());
}
