//! Hybrid trees from the command line: `--hash LOWER@0..K,UPPER` gives the root composed
//! from the two hashes' own trees (the byte tree over each run of K^(split-1) leaves,
//! those roots as the leaves of the field tree), its proofs verify, a changed one does
//! not, and a malformed spec is exit 2.

mod common;
use common::{code, run, stderr, stdout, write};

fn leaf_lines(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{:06x}{:02x}", i * 7919, i % 251))
        .collect()
}

fn root_of(
    dir: &std::path::Path,
    name: &str,
    hash: &str,
    arity: usize,
    lines: &[String],
) -> String {
    let file = write(dir, name, &(lines.join("\n") + "\n"));
    let arity = arity.to_string();
    let o = run(&[
        "tree", "root", "--hash", hash, "--arity", &arity, "--leaves", &file,
    ]);
    assert_eq!(code(&o), 0, "{hash}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

/// The root composed by hand: the lower hash's tree over each run of `arity^(split-1)`
/// leaves, and the upper hash's tree over those roots as byte leaves.
fn composed(
    dir: &std::path::Path,
    lower: &str,
    upper: &str,
    arity: usize,
    split: u32,
    n: usize,
) -> String {
    let lines = leaf_lines(n);
    let run_len = arity.pow(split - 1);
    let roots: Vec<String> = lines
        .chunks(run_len)
        .enumerate()
        .map(|(i, chunk)| root_of(dir, &format!("chunk{i}.txt"), lower, arity, chunk))
        .collect();
    root_of(dir, "roots.txt", upper, arity, &roots)
}

#[test]
fn root_is_the_byte_trees_under_the_field_tree() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("blake3", "poseidon-bn254", 2, 3, 37),
        ("sha256", "poseidon-bn254", 4, 2, 50),
        ("keccak-256", "poseidon2-babybear", 2, 4, 40),
        ("sha3-256", "rpo256", 3, 2, 29),
        ("blake3", "poseidon-bn254", 2, 1, 9),
    ];
    for (lower, upper, arity, split, n) in cases {
        let spec = format!("{lower}@0..{split},{upper}");
        let expected = composed(dir.path(), lower, upper, arity, split, n);
        let got = root_of(dir.path(), "leaves.txt", &spec, arity, &leaf_lines(n));
        assert_eq!(got, expected, "{spec}, arity {arity}, {n} leaves");
    }
}

fn prove(dir: &std::path::Path, spec: &str, leaves: &str, index: &str) -> String {
    let out = dir.join(format!("proof-{index}.json"));
    let out = out.to_str().unwrap().to_string();
    let o = run(&[
        "tree", "prove", "--hash", spec, "--leaves", leaves, "--index", index, "-o", &out,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    out
}

#[test]
fn proofs_verify_and_a_changed_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "blake3@0..3,poseidon-bn254";
    let leaves = write(
        dir.path(),
        "leaves.txt",
        &(leaf_lines(21).join("\n") + "\n"),
    );
    let root = root_of(dir.path(), "leaves.txt", spec, 2, &leaf_lines(21));
    for index in ["0", "13", "20", "2,9,20"] {
        let proof = prove(dir.path(), spec, &leaves, index);
        let o = run(&[
            "tree", "verify", "--proof", &proof, "--size", "21", "--root", &root,
        ]);
        assert_eq!(code(&o), 0, "{index}: {}", stderr(&o));
        assert!(stdout(&o).starts_with("valid"), "{}", stdout(&o));
    }

    let proof = prove(dir.path(), spec, &leaves, "5");
    let text = std::fs::read_to_string(&proof).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let siblings = value["proof"]["siblings"].as_array().unwrap().clone();
    assert!(siblings.iter().any(|s| s.get("lower").is_some()));
    assert!(siblings.iter().any(|s| s.get("upper").is_some()));

    // A byte sibling and a field sibling, each changed.
    let lower = &mut value["proof"]["siblings"][0]["lower"]["digest"];
    let flipped = lower.as_str().unwrap().replacen(|c: char| c != '0', "0", 1);
    *lower = flipped.into();
    let tampered = write(dir.path(), "t1.json", &value.to_string());
    let o = run(&["tree", "verify", "--proof", &tampered, "--size", "21"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));

    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let last = siblings.len() - 1;
    value["proof"]["siblings"][last]["upper"] = "12345".into();
    let tampered = write(dir.path(), "t2.json", &value.to_string());
    let o = run(&["tree", "verify", "--proof", &tampered, "--size", "21"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));

    // Another root, and a root that is not a field element.
    let o = run(&[
        "tree", "verify", "--proof", &proof, "--size", "21", "--root", "7",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let o = run(&["tree", "verify", "--proof", &proof, "--root", "ab"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn malformed_specs_are_exit_2_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "leaves.txt", &(leaf_lines(8).join("\n") + "\n"));
    let cases = [
        ("blake3@0..3", "no ',UPPER'"),
        ("blake3,poseidon-bn254", "no '@0..K'"),
        ("blake3@1..3,poseidon-bn254", "levels '1..3'"),
        ("blake3@0..0,poseidon-bn254", "levels '0..0'"),
        ("blake3@0..x,poseidon-bn254", "levels '0..x'"),
        (
            "blake9@0..3,poseidon-bn254",
            "below the split: unknown hash 'blake9'",
        ),
        (
            "poseidon-bn254@0..3,poseidon-bn254",
            "below the split: unknown hash 'poseidon-bn254'",
        ),
        (
            "blake3@0..3,sha256",
            "above the split: unknown hash 'sha256'",
        ),
        (
            "blake3@0..4,poseidon-bn254",
            "depth 3, below the split at level 4",
        ),
    ];
    for (spec, says) in cases {
        let o = run(&["tree", "root", "--hash", spec, "--leaves", &leaves]);
        assert_eq!(code(&o), 2, "{spec}");
        assert!(stderr(&o).contains(says), "{spec}: {}", stderr(&o));
        assert_eq!(stderr(&o).trim().lines().count(), 1, "{}", stderr(&o));
    }
    // The field family's own refusals: tags, an arity it has no compression for.
    let o = run(&[
        "tree",
        "root",
        "--hash",
        "blake3@0..2,poseidon-bn254",
        "--tags",
        "tagged",
        "--leaves",
        &leaves,
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run(&[
        "tree",
        "root",
        "--hash",
        "blake3@0..2,poseidon2-babybear",
        "--arity",
        "4",
        "--leaves",
        &leaves,
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    // Stores do not take hybrids yet.
    let store = dir.path().join("store");
    let o = run(&[
        "tree",
        "build",
        "--hash",
        "blake3@0..2,poseidon-bn254",
        "--store",
        store.to_str().unwrap(),
        "--generate",
        "8",
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}
