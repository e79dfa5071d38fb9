//! The `lean-imt` profile against zk-kit's own LeanIMT (`@zk-kit/lean-imt`): roots,
//! depths and proof siblings of trees of 1, 2, 3, 5, 8, 13 and 100 leaves, from
//! `crates/bn254/tests/vectors/vectors.json` (see `generate.mjs` beside it).

use merklab_bn254::Bn254Digest;
use merklab_core::{verify_with_size, VerifyError};
use merklab_profiles::lean_imt::LeanImt;
use merklab_profiles::{Layout, ProfileError};
use serde_json::Value;

fn trees() -> Vec<Value> {
    let all: Value =
        serde_json::from_str(include_str!("../../bn254/tests/vectors/vectors.json")).unwrap();
    all["lean_imt"].as_array().unwrap().clone()
}

fn digests(v: &Value) -> Vec<Bn254Digest> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| LeanImt.parse_digest(x.as_str().unwrap()).unwrap())
        .collect()
}

#[test]
fn roots_and_proofs_match_zk_kit() {
    let trees = trees();
    let sizes: Vec<u64> = trees.iter().map(|t| t["size"].as_u64().unwrap()).collect();
    assert_eq!(sizes, [1, 2, 3, 5, 8, 13, 100]);
    for t in &trees {
        let size = t["size"].as_u64().unwrap();
        let text: String = t["leaves"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| format!("{}\n", l.as_str().unwrap()))
            .collect();
        let leaves = LeanImt.parse_leaves(&text).unwrap();
        let tree = LeanImt.build(&leaves).unwrap();
        assert_eq!(LeanImt.show(&tree.root()), t["root"], "{size} leaves");
        assert_eq!(tree.depth() as u64, t["depth"].as_u64().unwrap());
        for p in t["proofs"].as_array().unwrap() {
            let index = p["index"].as_u64().unwrap() as usize;
            let proof = tree.prove(index).unwrap();
            assert_eq!(
                proof.siblings,
                digests(&p["siblings"]),
                "{size} leaves, leaf {index}"
            );
            let c = LeanImt.compression();
            let policy = LeanImt.policy();
            assert_eq!(
                verify_with_size(&c, &policy, tree.root(), leaves[index], &proof, size),
                Ok(())
            );
            let other = leaves[(index + 1) % leaves.len()];
            if other != leaves[index] {
                assert_eq!(
                    verify_with_size(&c, &policy, tree.root(), other, &proof, size),
                    Err(VerifyError::RootMismatch)
                );
            }
        }
    }
}

#[test]
fn leaves_at_or_above_the_modulus_are_refused() {
    let modulus = merklab_bn254::MODULUS_DECIMAL;
    let err = LeanImt
        .parse_leaves(&format!("1\n{modulus}\n"))
        .unwrap_err();
    assert_eq!(err.line, 2);
    assert!(matches!(err.error, ProfileError::Bn254(_)));
    let text = err.to_string();
    assert!(text.contains(modulus), "{text}");
    assert!(LeanImt.parse_leaves("0x01\n").is_err());
    assert!(LeanImt.parse_digest("-5").is_err());
}
