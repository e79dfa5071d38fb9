//! `tree build/append/root/prove --store` for the field families' hashes over byte
//! leaves (BN254, Plonky3, Miden): the store's roots and proofs are the in-memory
//! commands' for the same leaves, and an append grows it to the longer tree's root.

mod common;

use common::store::{hex_file, ok, p};
use common::{code, run, stderr};

/// One hash per family, at arities the family takes, with a dropped level.
const LAYOUTS: &[&[&str]] = &[
    &[
        "--hash",
        "poseidon-bn254",
        "--arity",
        "3",
        "--odd",
        "duplicate",
    ],
    &["--hash", "poseidon2-babybear"],
    &["--hash", "poseidon2-bn254", "--odd", "zero"],
    &["--hash", "rpo256", "--arity", "4"],
];

#[test]
fn field_stores_give_the_in_memory_roots_and_proofs() {
    let dir = tempfile::tempdir().unwrap();
    let small = hex_file(dir.path(), 100);
    let large = hex_file(dir.path(), 130);
    for (i, layout) in LAYOUTS.iter().enumerate() {
        let store = dir.path().join(format!("store-{i}"));
        let mut build = vec!["tree", "build", "--generate", "100", "--store", p(&store)];
        build.extend_from_slice(&["--keep-every", "2"]);
        build.extend_from_slice(layout);
        let built = ok(&build);
        let mut memory = vec!["tree", "root", "--leaves", p(&small)];
        memory.extend_from_slice(layout);
        assert_eq!(built, ok(&memory), "{layout:?}");
        assert_eq!(ok(&["tree", "root", "--store", p(&store)]), built);

        let proof = dir.path().join(format!("proof-{i}.json"));
        ok(&[
            "tree",
            "prove",
            "--store",
            p(&store),
            "--index",
            "7,64,99",
            "-o",
            p(&proof),
        ]);
        let mut in_memory = vec!["tree", "prove", "--leaves", p(&small), "--index", "7,64,99"];
        in_memory.extend_from_slice(layout);
        let expected: serde_json::Value = serde_json::from_str(&ok(&in_memory)).unwrap();
        let stored: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&proof).unwrap()).unwrap();
        assert_eq!(stored, expected, "{layout:?}");
        let verified = ok(&["tree", "verify", "--proof", p(&proof), "--size", "100"]);
        assert!(verified.starts_with("valid"), "{verified}");

        let grown = ok(&["tree", "append", "--store", p(&store), "--generate", "30"]);
        let mut memory = vec!["tree", "root", "--leaves", p(&large)];
        memory.extend_from_slice(layout);
        assert_eq!(grown, ok(&memory), "{layout:?} after the append");
    }
}

#[test]
fn a_field_hash_with_tags_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = run(&[
        "tree",
        "build",
        "--generate",
        "10",
        "--store",
        p(&store),
        "--hash",
        "rpo256",
        "--tags",
        "tagged",
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("tags"), "{err}");
    assert!(!store.join("manifest.json").exists());
}
