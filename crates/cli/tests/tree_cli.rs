//! `merklab tree root` against the independent known answers in
//! tests/vectors/tree-roots.json (made by tests/vectors/gen_tree_vectors.py), run
//! through the binary for a spread of cases covering every hash, arity, pair order,
//! odd-node rule and tag mode; and the CLI's error contract.

use std::process::Command;

use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/vectors/tree-roots.json");

fn merklab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_merklab"))
}

fn leaves_file(dir: &tempfile::TempDir, leaves: &[Value]) -> std::path::PathBuf {
    let path = dir.path().join("leaves.txt");
    let text: String = leaves
        .iter()
        .map(|l| format!("0x{}\n", l.as_str().unwrap_or_default()))
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn cli_roots_match_independent_vectors() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut run = 0;
    for case in cases {
        let key = (
            case["hash"].as_str().unwrap(),
            case["arity"].as_u64().unwrap(),
            case["pairs"].as_str().unwrap(),
            case["odd"].as_str().unwrap().split(':').next().unwrap(),
            case["tags"].as_str().unwrap(),
        );
        let leaves = case["leaves"].as_array().unwrap();
        // One case per (hash, arity, pairs, odd rule, tags) combination with leaves.
        if leaves.is_empty() || !seen.insert(key) {
            continue;
        }
        let file = leaves_file(&dir, leaves);
        let out = merklab()
            .args([
                "tree",
                "root",
                "--hash",
                key.0,
                "--arity",
                &key.1.to_string(),
                "--pairs",
                key.2,
            ])
            .args([
                "--odd",
                case["odd"].as_str().unwrap(),
                "--tags",
                key.4,
                "--leaves",
            ])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{key:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            case["root"].as_str().unwrap(),
            "{key:?}"
        );
        run += 1;
    }
    assert!(
        run >= 6 * 15 * 2 * 4 * 2,
        "only {run} combinations were exercised"
    );
}

#[test]
fn prove_then_verify_round_trips_and_rejects_another_root() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = dir.path().join("l.txt");
    std::fs::write(&leaves, "00\n01\n02\n03\n04\n05\n06\n").unwrap();
    let proof = dir.path().join("p.json");
    for index in ["3", "0,4,6"] {
        let status = merklab()
            .args([
                "tree", "prove", "--arity", "3", "--odd", "zero", "--tags", "tagged", "--index",
                index, "--leaves",
            ])
            .arg(&leaves)
            .arg("-o")
            .arg(&proof)
            .status()
            .unwrap();
        assert!(status.success());
        let ok = merklab()
            .args(["tree", "verify", "--proof"])
            .arg(&proof)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
        let other = "ab".repeat(32);
        let bad = merklab()
            .args(["tree", "verify", "--root", &other, "--proof"])
            .arg(&proof)
            .output()
            .unwrap();
        assert_eq!(bad.status.code(), Some(1));
    }
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "00\n01\n").unwrap();
    let bad_hex = dir.path().join("bad.txt");
    std::fs::write(&bad_hex, "00\nzz\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let missing = dir.path().join("missing.txt");
    let g = good.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--leaves", missing.to_str().unwrap()], "cannot read"),
        (
            vec!["--leaves", bad_hex.to_str().unwrap()],
            ":2: invalid hex",
        ),
        (vec!["--leaves", g, "--arity", "1"], "--arity"),
        (vec!["--leaves", g, "--arity", "17"], "--arity"),
        (vec!["--leaves", g, "--hash", "md5"], "unknown hash"),
        (vec!["--leaves", empty.to_str().unwrap()], "empty"),
        (vec!["--leaves", g, "--odd", "depth:0"], "do not fit"),
    ];
    for (args, needle) in cases {
        let out = merklab()
            .args(["tree", "root"])
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    // An empty leaf set is fine under a fixed depth: the root is the empty digest.
    let out = merklab()
        .args(["tree", "root", "--odd", "depth:2", "--leaves"])
        .arg(&empty)
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn existing_output_survives_a_failed_prove() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = dir.path().join("l.txt");
    std::fs::write(&leaves, "00\n01\n").unwrap();
    let out = dir.path().join("keep.json");
    std::fs::write(&out, "precious").unwrap();
    let status = merklab()
        .args(["tree", "prove", "--index", "9", "--leaves"])
        .arg(&leaves)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}
