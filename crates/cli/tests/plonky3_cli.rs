//! `merklab tree ... --profile plonky3-mmcs` and `--hash poseidon2-*` end to end. The
//! expected roots come from the library (whose roots the `plonky3-mmcs` profile tests
//! check against Plonky3's own `MerkleTreeMmcs`), so these tests check the command
//! line's reading, printing and refusals.

use merklab_core::{hash_leaves, MerkleTree, Policy};
use merklab_plonky3::{
    BabyBear, BytesLeaf, Digest8, KoalaBear, Poseidon2Bn254, Poseidon2Bn254Bytes, Poseidon2Compress,
};
use merklab_profiles::plonky3_mmcs::Plonky3Mmcs;
use merklab_profiles::Layout;

mod common;
use common::{code, run, stderr, stdout, write};

const ROWS: &str = "1 2 3\n4, 5, 6\n\n7 8 2013265920\n10 11 12\n13 14 15\n";

#[test]
fn mmcs_profile_root_prove_verify() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "rows.txt", ROWS);
    let rows = Plonky3Mmcs.parse_leaves(ROWS).unwrap();
    let root = Plonky3Mmcs.build(&rows).unwrap().root();
    let o = run(&[
        "tree",
        "root",
        "--profile",
        "plonky3-mmcs",
        "--leaves",
        &leaves,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), root.to_string());
    assert!(stdout(&o).starts_with('['));

    let proof = dir.path().join("p.json");
    let proof = proof.to_str().unwrap();
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "plonky3-mmcs",
        "--leaves",
        &leaves,
        "--index",
        "4",
        "-o",
        proof,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["tree", "verify", "--proof", proof, "--size", "5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let other = "[1, 2, 3, 4, 5, 6, 7, 8]";
    let o = run(&["tree", "verify", "--proof", proof, "--root", other]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let o = run(&["tree", "verify", "--proof", proof, "--root", "[1, 2, 3]"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("8 elements, found 3"), "{}", stderr(&o));
}

#[test]
fn mmcs_profile_refuses_bad_rows_and_keeps_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "out.json", "kept");
    for (text, says) in [
        (
            "1 2\n3 2013265921\n",
            "2013265921 is not below the BabyBear modulus 2013265921",
        ),
        (
            "1 2\n3 4 5\n",
            "a row of 3 elements, but the matrix is 2 wide",
        ),
        ("1 2\n3 x\n", "'x' is not a decimal BabyBear element"),
    ] {
        let leaves = write(dir.path(), "bad.txt", text);
        let o = run(&[
            "tree",
            "root",
            "--profile",
            "plonky3-mmcs",
            "--leaves",
            &leaves,
        ]);
        assert_eq!(code(&o), 2, "{text}");
        let err = stderr(&o);
        assert!(err.contains("bad.txt:2: ") && err.contains(says), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        let o = run(&[
            "tree",
            "prove",
            "--profile",
            "plonky3-mmcs",
            "--leaves",
            &leaves,
            "--index",
            "0",
            "-o",
            &out,
        ]);
        assert_eq!(code(&o), 2);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
    }
}

/// The tree over byte leaves `aa`, `bbbb`, `cc` ... as the library builds it.
fn byte_root<L, C>(leaf: &L, c: &C, leaves: &[Vec<u8>]) -> String
where
    L: merklab_core::LeafHash<Input = [u8]>,
    C: merklab_core::Compression<2, Digest = L::Digest>,
    L::Digest: std::fmt::Display,
{
    let digests = hash_leaves(leaf, leaves);
    MerkleTree::<_, 2>::build(c, Policy::new(), digests)
        .unwrap()
        .root()
        .to_string()
}

#[test]
fn byte_leaves_under_each_poseidon2_hash() {
    let dir = tempfile::tempdir().unwrap();
    let text = "aa\nbbbb\n\ncc\n0x\n0102030405060708090a\n";
    let leaves = write(dir.path(), "leaves.txt", text);
    let bytes: Vec<Vec<u8>> = vec![
        vec![0xaa],
        vec![0xbb, 0xbb],
        vec![0xcc],
        vec![],
        (1..=10).collect(),
    ];
    let expected = [
        (
            "poseidon2-babybear",
            byte_root(
                &BytesLeaf::<BabyBear>::new(),
                &Poseidon2Compress::<BabyBear>::new(),
                &bytes,
            ),
        ),
        (
            "poseidon2-koalabear",
            byte_root(
                &BytesLeaf::<KoalaBear>::new(),
                &Poseidon2Compress::<KoalaBear>::new(),
                &bytes,
            ),
        ),
        (
            "poseidon2-bn254",
            byte_root(&Poseidon2Bn254Bytes, &Poseidon2Bn254, &bytes),
        ),
    ];
    assert_ne!(expected[0].1, expected[1].1);
    for (hash, root) in expected {
        let o = run(&["tree", "root", "--hash", hash, "--leaves", &leaves]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(stdout(&o).trim(), root, "{hash}");

        let proof = dir.path().join(format!("{hash}.json"));
        let proof = proof.to_str().unwrap();
        let o = run(&[
            "tree", "prove", "--hash", hash, "--leaves", &leaves, "--index", "1,3", "-o", proof,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let o = run(&["tree", "verify", "--proof", proof, "--size", "5"]);
        assert_eq!(code(&o), 0, "{hash}: {}", stderr(&o));
        assert!(stdout(&o).contains(&root), "{}", stdout(&o));
        let o = run(&["tree", "verify", "--proof", proof, "--size", "6"]);
        assert_ne!(code(&o), 0, "{hash}");

        let o = run(&[
            "tree", "root", "--hash", hash, "--arity", "4", "--leaves", &leaves,
        ]);
        assert_eq!(code(&o), 2);
        assert!(stderr(&o).contains("(arity 2), not 4"), "{}", stderr(&o));
        let o = run(&[
            "tree", "root", "--hash", hash, "--tags", "tagged", "--leaves", &leaves,
        ]);
        assert_eq!(code(&o), 2);
        assert!(
            stderr(&o).contains("no domain-tagged form"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_root_at_the_modulus_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "leaves.txt", "aa\nbb\n");
    let proof = dir.path().join("p.json");
    let proof = proof.to_str().unwrap();
    let o = run(&[
        "tree",
        "prove",
        "--hash",
        "poseidon2-koalabear",
        "--leaves",
        &leaves,
        "--index",
        "0",
        "-o",
        proof,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let root = "[0, 0, 0, 0, 0, 0, 0, 2130706433]";
    let o = run(&["tree", "verify", "--proof", proof, "--root", root]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("2130706433 is not below the KoalaBear modulus 2130706433"),
        "{}",
        stderr(&o)
    );
    let d: Digest8<KoalaBear> = "[0, 0, 0, 0, 0, 0, 0, 2130706432]".parse().unwrap();
    assert_eq!(d.to_u32s()[7], 2130706432);
}

#[test]
fn compare_has_a_row_per_poseidon2_hash() {
    let o = run(&[
        "compare",
        "--hash",
        "poseidon2-babybear,poseidon2-koalabear,poseidon2-bn254",
        "--leaves",
        "64",
        "--arity",
        "2,4",
        "--json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let hashes: Vec<&str> = rows.iter().map(|r| r["hash"].as_str().unwrap()).collect();
    assert_eq!(
        hashes,
        [
            "poseidon2-babybear",
            "poseidon2-koalabear",
            "poseidon2-bn254"
        ]
    );
    for r in rows {
        assert_eq!(r["arity"], 2);
        assert!(r["constraints_per_node"].is_null());
        assert!(r["circuit_note"].as_str().unwrap().contains("Plonky3"));
        assert!(r["native_ns_per_node"].as_f64().unwrap() > 0.0);
    }
    assert_eq!(rows[0]["digest_bits"], 248);
    assert_eq!(rows[2]["digest_bits"], 254);
}
