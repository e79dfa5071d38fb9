//! Reproduces every value of the ARC-0102 worked example (`tests/vectors/arc0102-seed.json`,
//! taken from the spec's Test Cases section).

use std::path::PathBuf;

use merklab_aleo::literal::{leo_proof_array, parse_field, parse_u64, parse_u64_array};
use merklab_aleo::{
    encode_to_f, field_from_decimal, field_from_u128, hash_field, hash_merge, hash_string,
    Arc0102Merge,
};
use merklab_core::{fold_sorted_pairs, verify, LeafOrder, MerkleTree, OddNode, PairOrder, Policy};
use serde_json::Value;

const KEYS: [&str; 4] = ["type", "issuer", "name", "dob"];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The committed copy of the seed vectors.
fn seed() -> Value {
    let path = manifest_dir().join("../../tests/vectors/arc0102-seed.json");
    let text = std::fs::read_to_string(&path).expect("read committed seed vectors");
    serde_json::from_str(&text).expect("seed vectors are JSON")
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .fold(v, |v, k| &v[*k])
        .as_str()
        .unwrap_or_else(|| panic!("missing string at {path:?}"))
}

fn u64_at(v: &Value, path: &[&str]) -> u64 {
    parse_u64(str_at(v, path)).expect("u64 literal in vectors")
}

fn u64_list(v: &Value, key: &str) -> Vec<u64> {
    v[key]
        .as_array()
        .expect("array")
        .iter()
        .map(|x| parse_u64(x.as_str().expect("string")).expect("u64 literal"))
        .collect()
}

#[test]
fn committed_copy_matches_shared_source_when_present() {
    // The shared source sits beside the repository on the authoring machine only.
    let shared = manifest_dir().join("../../../shared/vectors/arc0102-seed.json");
    if let Ok(source) = std::fs::read_to_string(shared) {
        let committed =
            std::fs::read_to_string(manifest_dir().join("../../tests/vectors/arc0102-seed.json"))
                .expect("committed copy");
        assert_eq!(source, committed);
    }
}

#[test]
fn encode_to_field_entries() {
    let v = seed();
    let entries = v["encode_to_field"].as_object().expect("object");
    assert_eq!(entries.len(), 8);
    for (input, expected) in entries {
        let expected = parse_field(expected.as_str().expect("string")).expect("field literal");
        assert_eq!(encode_to_f(input), expected, "encodeToF({input:?})");
    }
}

#[test]
fn encode_to_field_other_salts_from_spec_text() {
    // Printed in the spec's "Calculate Leaves" step but not in the JSON file.
    let cases = [
        (
            "d64266d2-b9cd-46c2-8ed1-284f96916353",
            "5007416004099739579900811505314075173701371646709136087321901192545139447002",
        ),
        (
            "1b13c461-8ed4-420a-b1f4-9d6b1f84decc",
            "5542136064011455447732190366687764001002631315870503937113503002855558914138",
        ),
        (
            "03dff77c-f450-43ac-a8a6-54fdfe8fd58c",
            "7304753691959740694777277560332690949244175568276288257230442595215705351000",
        ),
    ];
    for (s, dec) in cases {
        assert_eq!(encode_to_f(s), field_from_decimal(dec).unwrap(), "{s}");
    }
}

#[test]
fn key_identifiers() {
    let v = seed();
    let ty = str_at(&v, &["certificate", "type"]);
    let issuer = str_at(&v, &["certificate", "issuer"]);
    for key in KEYS {
        let expected = u64_at(&v, &["key_identifiers", key]);
        assert_eq!(
            hash_string(&format!("{ty}{issuer}{key}")),
            expected,
            "{key}"
        );
    }
}

#[test]
fn salt_hashes() {
    let v = seed();
    for key in KEYS {
        let salt = str_at(&v, &["normalized", key, "salt"]);
        assert_eq!(
            hash_string(salt),
            u64_at(&v, &["salt_hashes", key]),
            "{key}"
        );
    }
}

/// The value hash as the spec computes it: strings via encodeToF, integers as fields.
fn value_hash(value: &Value) -> u64 {
    match value {
        Value::String(s) => hash_string(s),
        Value::Number(n) => hash_field(&field_from_decimal(&n.to_string()).expect("integer")),
        other => panic!("unexpected value {other}"),
    }
}

#[test]
fn value_hashes() {
    let v = seed();
    for key in KEYS {
        let value = &v["normalized"][key]["value"];
        assert_eq!(
            value_hash(value),
            u64_at(&v, &["value_hashes", key]),
            "{key}"
        );
    }
    // dob is the integer field 1737213145, whichever way it is built.
    let dob = u64_at(&v, &["value_hashes", "dob"]);
    assert_eq!(hash_field(&field_from_u128(1_737_213_145)), dob);
    assert_eq!(hash_field(&parse_field("1737213145field").unwrap()), dob);
}

fn leaves_from_parts(v: &Value) -> Vec<u64> {
    KEYS.iter()
        .map(|key| {
            let id = u64_at(v, &["key_identifiers", key]);
            let salt = u64_at(v, &["salt_hashes", key]);
            let value = u64_at(v, &["value_hashes", key]);
            hash_merge(id, hash_merge(salt, value))
        })
        .collect()
}

#[test]
fn leaves() {
    let v = seed();
    let leaves = leaves_from_parts(&v);
    for (key, leaf) in KEYS.iter().zip(&leaves) {
        assert_eq!(*leaf, u64_at(&v, &["leaves", key]), "{key}");
    }
}

#[test]
fn level1_and_root_by_hand() {
    let v = seed();
    let mut leaves: Vec<u64> = KEYS.iter().map(|k| u64_at(&v, &["leaves", k])).collect();
    leaves.sort_unstable();
    let level1: Vec<u64> = leaves.chunks(2).map(|p| hash_merge(p[0], p[1])).collect();
    assert_eq!(level1, u64_list(&v, "level1"));
    assert_eq!(hash_merge(level1[0], level1[1]), u64_at(&v, &["root"]));
}

#[test]
fn hash_merge_is_symmetric_on_seed_values() {
    let v = seed();
    let l1 = u64_list(&v, "level1");
    assert_eq!(hash_merge(l1[0], l1[1]), hash_merge(l1[1], l1[0]));
}

fn arc0102_policy() -> Policy {
    Policy::new()
        .with_pairs(PairOrder::Sorted)
        .with_leaves(LeafOrder::Sorted)
        .with_odd(OddNode::Promote)
}

#[test]
fn merkle_tree_reproduces_seed_root() {
    let v = seed();
    let leaves: Vec<u64> = KEYS.iter().map(|k| u64_at(&v, &["leaves", k])).collect();
    let root = u64_at(&v, &["root"]);
    let tree = MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), arc0102_policy(), leaves.clone())
        .expect("tree");
    assert_eq!(tree.root(), root);
    assert_eq!(
        tree.layer(1).expect("level 1"),
        u64_list(&v, "level1").as_slice()
    );

    // The dob leaf's proof is the spec's dob proof, and it verifies.
    let dob_leaf = u64_at(&v, &["leaves", "dob"]);
    let index = tree.position_of(&dob_leaf).expect("dob leaf in tree");
    let proof = tree.prove(index).expect("proof");
    assert_eq!(proof.siblings, u64_list(&v, "dob_proof"));
    assert!(verify(
        &Arc0102Merge::new(),
        &arc0102_policy(),
        root,
        dob_leaf,
        &proof
    )
    .is_ok());
    assert!(verify(
        &Arc0102Merge::new(),
        &arc0102_policy(),
        root ^ 1,
        dob_leaf,
        &proof
    )
    .is_err());
}

#[test]
fn dob_proof_fold() {
    let v = seed();
    let root = u64_at(&v, &["root"]);
    let proof = u64_list(&v, "dob_proof");
    let dob_id = u64_at(&v, &["key_identifiers", "dob"]);

    // verify_dob's inputs: the encoded salt and the value as fields.
    let encoded_salt = field_from_decimal(
        "7304753691959740694777277560332690949244175568276288257230442595215705351000",
    )
    .unwrap();
    let value = field_from_decimal("1737213145").unwrap();
    let leaf = hash_merge(
        dob_id,
        hash_merge(hash_field(&encoded_salt), hash_field(&value)),
    );
    assert_eq!(leaf, u64_at(&v, &["leaves", "dob"]));

    assert_eq!(fold_sorted_pairs(&Arc0102Merge::new(), leaf, &proof), root);

    // The spec's Leo loop over the padded [u64; 32]: stop at the first zero.
    let padded = leo_proof_array(&proof).unwrap();
    let mut computed = leaf;
    for sib in padded.iter().take_while(|&&s| s != 0) {
        computed = hash_merge(computed, *sib);
    }
    assert_eq!(computed, root);

    // The `leo run` argument printed in the spec parses to the same array.
    let leo_arg = format!("[{}u64,{}u64{}]", proof[0], proof[1], ",0u64".repeat(30));
    assert_eq!(parse_u64_array(&leo_arg).unwrap(), padded.to_vec());

    // A wrong leaf does not fold to the root.
    assert_ne!(
        fold_sorted_pairs(&Arc0102Merge::new(), leaf ^ 1, &proof),
        root
    );
}

#[test]
fn root_from_certificate_alone() {
    // From the certificate and salts only, no intermediate vector value used.
    let v = seed();
    let ty = str_at(&v, &["certificate", "type"]);
    let issuer = str_at(&v, &["certificate", "issuer"]);
    let leaves: Vec<u64> = KEYS
        .iter()
        .map(|key| {
            let id = hash_string(&format!("{ty}{issuer}{key}"));
            let salt = hash_string(str_at(&v, &["normalized", key, "salt"]));
            let value = value_hash(&v["normalized"][key]["value"]);
            hash_merge(id, hash_merge(salt, value))
        })
        .collect();
    let tree =
        MerkleTree::<u64, 2>::build(&Arc0102Merge::new(), arc0102_policy(), leaves).expect("tree");
    assert_eq!(tree.root(), u64_at(&v, &["root"]));
}
