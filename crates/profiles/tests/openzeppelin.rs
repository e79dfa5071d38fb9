//! OpenZeppelin profile against `@openzeppelin/merkle-tree` 1.0.8: its README example and
//! 40 generated trees of 1 to 300 values (vectors/openzeppelin.json, made by
//! vectors/gen_oz_vectors.js with the command recorded there).

use merklab_profiles::abi::{parse_types, AbiType};
use merklab_profiles::openzeppelin::{
    from_hex, to_hex, verify, verify_multiproof, Dump, StandardTree, ValueMultiProof,
};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    leaf_encoding: Vec<String>,
    values: Vec<Value>,
    root: String,
    proof_index: usize,
    proof: Vec<String>,
    multi_indices: Vec<usize>,
    multiproof: ValueMultiProof,
    dump: Option<Value>,
}

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

fn vectors() -> Vectors {
    serde_json::from_str(include_str!("vectors/openzeppelin.json")).unwrap()
}

fn types(names: &[String]) -> Vec<AbiType> {
    names.iter().map(|t| t.parse().unwrap()).collect()
}

#[test]
fn readme_example() {
    // The package README's values; the root and proof printed by the package for them.
    let values = vec![
        json!([
            "0x1111111111111111111111111111111111111111",
            "5000000000000000000"
        ]),
        json!([
            "0x2222222222222222222222222222222222222222",
            "2500000000000000000"
        ]),
    ];
    let enc = parse_types("address,uint256").unwrap();
    let tree = StandardTree::of(values.clone(), &enc).unwrap();
    assert_eq!(
        to_hex(&tree.root()),
        "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77"
    );
    let proof = tree.get_proof(0).unwrap();
    assert_eq!(
        proof.iter().map(to_hex).collect::<Vec<_>>(),
        vec!["0xb92c48e9d7abe27fd8dfd6b5dfdbfb1c9a463f80c712b66f3a5180a090cccafc"]
    );
    assert!(verify(tree.root(), &enc, &values[0], &proof).unwrap());
    assert!(!verify(tree.root(), &enc, &values[1], &proof).unwrap());
    let dump = serde_json::to_value(tree.dump()).unwrap();
    assert_eq!(
        dump["tree"][1],
        json!("0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283")
    );
    assert_eq!(dump["values"][0]["treeIndex"], json!(1));
    assert!(StandardTree::of(Vec::new(), &enc).is_err());
}

#[test]
fn generated_vectors_match() {
    let v = vectors();
    assert!(v.cases.len() >= 40);
    assert!(v.cases.iter().any(|c| c.values.len() == 300));
    for (n, c) in v.cases.iter().enumerate() {
        let enc = types(&c.leaf_encoding);
        let tree = StandardTree::of(c.values.clone(), &enc).unwrap();
        assert_eq!(to_hex(&tree.root()), c.root, "case {n}: root");
        let root = tree.root();

        let proof = tree.get_proof(c.proof_index).unwrap();
        assert_eq!(
            proof.iter().map(to_hex).collect::<Vec<_>>(),
            c.proof,
            "case {n}: proof"
        );
        assert!(verify(root, &enc, &c.values[c.proof_index], &proof).unwrap());

        let mp = tree.get_multiproof(&c.multi_indices).unwrap();
        assert_eq!(mp, c.multiproof, "case {n}: multiproof");
        assert!(verify_multiproof(root, &enc, &c.multiproof).unwrap());
        if !c.multiproof.proof_flags.is_empty() {
            let mut flipped = c.multiproof.clone();
            flipped.proof_flags[0] = !flipped.proof_flags[0];
            assert!(
                !matches!(verify_multiproof(root, &enc, &flipped), Ok(true)),
                "case {n}"
            );
        }

        if let Some(dump) = &c.dump {
            assert_eq!(
                &serde_json::to_value(tree.dump()).unwrap(),
                dump,
                "case {n}: dump"
            );
            let loaded =
                StandardTree::load(serde_json::from_value::<Dump>(dump.clone()).unwrap()).unwrap();
            assert_eq!(loaded.root(), root);
            assert_eq!(loaded.get_proof(c.proof_index).unwrap(), proof);
            // Two values with swapped leaf positions no longer hash to their leaves.
            let mut bad: Dump = serde_json::from_value(dump.clone()).unwrap();
            if bad.values.len() > 1 && bad.values[0].value != bad.values[1].value {
                let t = bad.values[0].tree_index;
                bad.values[0].tree_index = bad.values[1].tree_index;
                bad.values[1].tree_index = t;
                assert!(StandardTree::load(bad).is_err(), "case {n}");
            }
            let mut bad_root: Dump = serde_json::from_value(dump.clone()).unwrap();
            bad_root.tree[0] = to_hex(&from_hex(&"11".repeat(32)).unwrap());
            if bad_root.tree.len() > 1 {
                assert!(StandardTree::load(bad_root).is_err(), "case {n}");
            }
        }
    }
}

#[test]
fn malformed_inputs_are_errors() {
    let enc = parse_types("bytes32").unwrap();
    let one = json!(["0x".to_string() + &"ab".repeat(32)]);
    let tree = StandardTree::of(vec![one.clone()], &enc).unwrap();
    assert!(tree.get_proof(1).is_err());
    assert!(tree.get_multiproof(&[0, 0]).is_err());
    assert!(StandardTree::of(vec![json!("not an array")], &enc).is_err());
    assert!(StandardTree::of(vec![json!(["0x12"])], &enc).is_err());
    let bad = ValueMultiProof {
        leaves: vec![one.clone()],
        proof: vec![],
        proof_flags: vec![true, true],
    };
    assert!(verify_multiproof(tree.root(), &enc, &bad).is_err());
    // OpenZeppelin's processMultiProof returns the lone proof entry when there are no
    // leaves, so this passes there for any root; here it is refused, for every root.
    assert!(tree.get_multiproof(&[]).is_err());
    for root in [tree.root(), from_hex(&"11".repeat(32)).unwrap()] {
        let vacuous = ValueMultiProof {
            leaves: vec![],
            proof: vec![to_hex(&root)],
            proof_flags: vec![],
        };
        let refused = verify_multiproof(root, &enc, &vacuous).unwrap_err();
        assert!(refused.to_string().contains("no leaves"), "{refused}");
    }
    let bad_format: Dump = serde_json::from_value(json!({"format": "simple-v1", "leafEncoding": ["bytes32"], "tree": [to_hex(&tree.root())], "values": [{"value": one, "treeIndex": 0}]})).unwrap();
    assert!(StandardTree::load(bad_format).is_err());
}
