//! BN254 from the command line: the `lean-imt` profile and `--hash poseidon-bn254`,
//! checked against the vectors `@zk-kit/lean-imt` and poseidon-lite computed
//! (`crates/bn254/tests/vectors`), and refusing field elements that are not ones.

mod common;
use common::{code, run, stderr, stdout, write};

const MODULUS: &str =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";

fn vectors() -> serde_json::Value {
    serde_json::from_str(include_str!("../../bn254/tests/vectors/vectors.json")).unwrap()
}

fn lines(values: &serde_json::Value) -> String {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{}\n", v.as_str().unwrap()))
        .collect()
}

#[test]
fn lean_imt_root_and_proof_match_zk_kit() {
    let dir = tempfile::tempdir().unwrap();
    let v = vectors();
    let tree = &v["lean_imt"].as_array().unwrap()[3];
    assert_eq!(tree["size"], 5);
    let leaves = write(dir.path(), "leaves.txt", &lines(&tree["leaves"]));
    let root = tree["root"].as_str().unwrap();

    let o = run(&["tree", "root", "--profile", "lean-imt", "--leaves", &leaves]);
    assert_eq!((code(&o), stdout(&o).trim()), (0, root), "{}", stderr(&o));

    let proof = dir.path().join("p.json");
    let proof = proof.to_str().unwrap();
    let o = run(&[
        "tree",
        "prove",
        "--profile",
        "lean-imt",
        "--leaves",
        &leaves,
        "--index",
        "4",
        "-o",
        proof,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(proof).unwrap()).unwrap();
    let expected = tree["proofs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["index"] == 4)
        .unwrap();
    assert_eq!(written["proof"]["siblings"], expected["siblings"]);
    assert_eq!(written["root"], root);

    let o = run(&["tree", "verify", "--proof", proof, "--size", "5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).trim(),
        format!("valid: 1 leaf(s) under root {root}")
    );
    // Another tree's root: checked and rejected.
    let other = v["lean_imt"][4]["root"].as_str().unwrap();
    let o = run(&["tree", "verify", "--proof", proof, "--root", other]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));

    // A sibling one digit longer is no field element: refused as input, naming the limit.
    let sibling = expected["siblings"][0].as_str().unwrap();
    let text = std::fs::read_to_string(proof)
        .unwrap()
        .replace(sibling, &format!("{sibling}0"));
    let bad = write(dir.path(), "bad.json", &text);
    let o = run(&["tree", "verify", "--proof", &bad]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains(MODULUS), "{}", stderr(&o));
}

#[test]
fn lean_imt_refuses_leaves_that_are_not_field_elements() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            MODULUS.to_string(),
            "not below the BN254 scalar field modulus",
        ),
        (
            format!("1{MODULUS}"),
            "not below the BN254 scalar field modulus",
        ),
        ("0x2a".to_string(), "is not a decimal BN254 field element"),
        ("-1".to_string(), "is not a decimal BN254 field element"),
    ];
    for (value, why) in cases {
        let leaves = write(dir.path(), "bad.txt", &format!("1\n2\n{value}\n"));
        let o = run(&["tree", "root", "--profile", "lean-imt", "--leaves", &leaves]);
        assert_eq!(code(&o), 2, "{value}");
        let err = stderr(&o);
        assert!(err.contains(&format!("bad.txt:3: '{value}'")), "{err}");
        assert!(err.contains(why), "{err}");
        if why.contains("modulus") {
            assert!(err.contains(&format!("modulus {MODULUS}")), "{err}");
        }
    }
}

#[test]
fn poseidon_bn254_trees_over_byte_leaves_match_poseidon_lite() {
    let dir = tempfile::tempdir().unwrap();
    let v = vectors();
    let hex: String = v["byte_leaves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("0x{}\n", l["hex"].as_str().unwrap()))
        .collect();
    let leaves = write(dir.path(), "leaves.txt", &hex);
    for case in v["byte_trees"].as_array().unwrap() {
        let arity = case["arity"].to_string();
        let o = run(&[
            "tree",
            "root",
            "--hash",
            "poseidon-bn254",
            "--arity",
            &arity,
            "--leaves",
            &leaves,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(stdout(&o).trim(), case["root"], "arity {arity}");
    }

    let proof = dir.path().join("p.json");
    let proof = proof.to_str().unwrap();
    let o = run(&[
        "tree",
        "prove",
        "--hash",
        "poseidon-bn254",
        "--arity",
        "3",
        "--leaves",
        &leaves,
        "--index",
        "7",
        "-o",
        proof,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["tree", "verify", "--proof", proof, "--size", "8"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains(v["byte_trees"][1]["root"].as_str().unwrap()));

    // A root above the modulus is refused, not reduced.
    let o = run(&["tree", "verify", "--proof", proof, "--root", MODULUS]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not below the BN254 scalar field modulus"));
}

#[test]
fn poseidon_bn254_refuses_what_it_cannot_compute() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "leaves.txt", "aa\nbb\n");
    let o = run(&[
        "tree",
        "root",
        "--hash",
        "poseidon-bn254",
        "--arity",
        "13",
        "--leaves",
        &leaves,
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("arity 2 to 12, not 13"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "tree",
        "root",
        "--hash",
        "poseidon-bn254",
        "--tags",
        "tagged",
        "--leaves",
        &leaves,
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("no domain-tagged form"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn compare_has_a_poseidon_bn254_row() {
    let o = run(&[
        "compare",
        "--hash",
        "poseidon-bn254",
        "--leaves",
        "8",
        "--arity",
        "2,16",
        "--json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        1,
        "arity 16 is beyond light-poseidon's parameters"
    );
    assert_eq!(rows[0]["hash"], "poseidon-bn254");
    assert_eq!(rows[0]["digest_bits"], 254);
    assert!(rows[0]["constraints_per_node"].is_null());
    assert!(rows[0]["circuit_note"].as_str().unwrap().contains("BN254"));
    assert!(rows[0]["native_ns_per_node"].as_f64().unwrap() > 0.0);
}
