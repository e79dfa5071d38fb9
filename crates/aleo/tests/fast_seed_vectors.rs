//! The ARC-0102 worked example (`tests/vectors/arc0102-seed.json`) through the fast
//! path explicitly, single and batched, and through the dispatching functions on
//! both paths, each named by its own [`Config`].

use std::path::PathBuf;

use merklab_aleo::literal::parse_u64;
use merklab_aleo::{encode_to_f, field_from_decimal, Arc0102Merge, Config, HashPath, U64Hash};
use merklab_core::{LeafOrder, MerkleTree, OddNode, PairOrder, Policy};
use serde_json::Value;

const KEYS: [&str; 4] = ["type", "issuer", "name", "dob"];

fn seed() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/arc0102-seed.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("seed vectors")).expect("JSON")
}

fn u64_at(v: &Value, path: &[&str]) -> u64 {
    let s = path.iter().fold(v, |v, k| &v[*k]).as_str().expect("string");
    parse_u64(s).expect("u64 literal")
}

fn value_field(v: &Value) -> merklab_aleo::Field {
    match v {
        Value::String(s) => encode_to_f(s),
        Value::Number(n) => field_from_decimal(&n.to_string()).expect("integer"),
        other => panic!("unexpected value {other}"),
    }
}

#[test]
fn seed_values_on_every_path() {
    let v = seed();
    let ty = v["certificate"]["type"].as_str().expect("type");
    let issuer = v["certificate"]["issuer"].as_str().expect("issuer");
    let id_inputs: Vec<String> = KEYS.iter().map(|k| format!("{ty}{issuer}{k}")).collect();
    let salts: Vec<&str> = KEYS
        .iter()
        .map(|k| v["normalized"][k]["salt"].as_str().expect("salt"))
        .collect();
    let values: Vec<_> = KEYS
        .iter()
        .map(|k| value_field(&v["normalized"][k]["value"]))
        .collect();
    let expect =
        |table: &str| -> Vec<u64> { KEYS.iter().map(|k| u64_at(&v, &[table, k])).collect() };

    // Fast, one value at a time.
    let ids: Vec<u64> = id_inputs
        .iter()
        .map(|s| Config::FAST.hash_string(s))
        .collect();
    assert_eq!(ids, expect("key_identifiers"));
    let salt_hashes: Vec<u64> = salts.iter().map(|s| Config::FAST.hash_string(s)).collect();
    assert_eq!(salt_hashes, expect("salt_hashes"));
    let value_hashes: Vec<u64> = values.iter().map(|x| Config::FAST.hash_field(x)).collect();
    assert_eq!(value_hashes, expect("value_hashes"));
    let leaves: Vec<u64> = (0..4)
        .map(|i| {
            Config::FAST.hash_merge(
                ids[i],
                Config::FAST.hash_merge(salt_hashes[i], value_hashes[i]),
            )
        })
        .collect();
    assert_eq!(leaves, expect("leaves"));

    // Fast, batched (fields of the strings, as a certificate issues them).
    let id_fields: Vec<_> = id_inputs.iter().map(|s| encode_to_f(s)).collect();
    assert_eq!(
        Config::FAST.hash_field_batch(&id_fields),
        expect("key_identifiers")
    );
    assert_eq!(
        Config::FAST.hash_string_batch(&salts),
        expect("salt_hashes")
    );
    assert_eq!(
        Config::FAST.hash_field_batch(&values),
        expect("value_hashes")
    );
    let data = Config::FAST.hash_merge_batch(&[
        (salt_hashes[0], value_hashes[0]),
        (salt_hashes[1], value_hashes[1]),
        (salt_hashes[2], value_hashes[2]),
        (salt_hashes[3], value_hashes[3]),
    ]);
    let pairs: Vec<(u64, u64)> = ids.iter().copied().zip(data).collect();
    assert_eq!(Config::FAST.hash_merge_batch(&pairs), expect("leaves"));
    let mut sorted = leaves.clone();
    sorted.sort_unstable();
    let level1 = Config::FAST.hash_merge_batch(&[(sorted[0], sorted[1]), (sorted[2], sorted[3])]);
    let expected_level1: Vec<u64> = v["level1"]
        .as_array()
        .expect("level1")
        .iter()
        .map(|x| parse_u64(x.as_str().expect("string")).expect("u64"))
        .collect();
    assert_eq!(level1, expected_level1);
    assert_eq!(
        Config::FAST.hash_merge(level1[0], level1[1]),
        u64_at(&v, &["root"])
    );
    assert_eq!(
        Config::REFERENCE.hash_merge(level1[0], level1[1]),
        u64_at(&v, &["root"])
    );

    // The dispatching functions and the tree, on both paths.
    let policy = Policy::new()
        .with_pairs(PairOrder::Sorted)
        .with_leaves(LeafOrder::Sorted)
        .with_odd(OddNode::Promote);
    for path in [HashPath::Reference, HashPath::Fast] {
        let config = Config::path(path);
        let ids: Vec<u64> = id_inputs.iter().map(|s| config.hash_string(s)).collect();
        assert_eq!(ids, expect("key_identifiers"), "{path:?}");
        let tree = MerkleTree::<u64, 2>::build(&Arc0102Merge(config), policy, leaves.clone())
            .expect("tree");
        assert_eq!(tree.root(), u64_at(&v, &["root"]), "{path:?}");
    }
}
