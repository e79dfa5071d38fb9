//! `merklab tree verify --size`, `verify-consistency --old-size/--new-size`, the RFC 6962
//! empty tree, OpenZeppelin multiproofs of no leaves, multiproofs of equal leaves, and
//! help text that names the odd-node rules and depth limits the errors and README use.
//!
//! Digests here are recomputed with the `sha2`/`sha3` crates, not read from merklab.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};
use sha2::Digest as _;

fn merklab() -> Command {
    Command::new(env!("CARGO_BIN_EXE_merklab"))
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    merklab().args(args).args(paths).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// SHA3-256 of the concatenation, hex: an untagged leaf (one part) or node (two).
fn sha3(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = sha3::Sha3_256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

#[test]
fn an_inner_node_posing_as_a_leaf_is_rejected_with_size() {
    let dir = tempfile::tempdir().unwrap();
    let data: Vec<[u8; 1]> = (0u8..8).map(|b| [b]).collect();
    let text: String = data
        .iter()
        .map(|d| format!("{}\n", hex::encode(d)))
        .collect();
    let leaves = write(dir.path(), "l.txt", &text);
    let proof = dir.path().join("p.json");
    let made = run(
        &["tree", "prove", "--index", "2", "--leaves"],
        &[&leaves, Path::new("-o"), &proof],
    );
    assert!(made.status.success(), "{}", stderr(&made));

    // Leaf 2's path is [leaf 3, node(0,1), node(4..8)]. The inner node over leaves 2
    // and 3, with the last two siblings, claims to be leaf 1 of a 4-leaf tree; it is the
    // digest of the 64 bytes leaf2 || leaf3, a "leaf" anyone can present.
    let inner = sha3(&[&sha3(&[&data[2]]), &sha3(&[&data[3]])]);
    let mut forged = read_json(&proof);
    assert_eq!(forged["proof"]["leaf_count"], 8);
    assert_eq!(
        forged["leaves"][0],
        hex::encode(sha3(&[&data[2]])),
        "the leaf digest is SHA3-256 of the leaf bytes"
    );
    let siblings = forged["proof"]["siblings"].as_array().unwrap()[1..].to_vec();
    forged["leaves"] = json!([hex::encode(inner)]);
    forged["proof"]["leaf_count"] = json!(4);
    forged["proof"]["leaf_index"] = json!(1);
    forged["proof"]["siblings"] = json!(siblings);
    let forged_path = write(dir.path(), "forged.json", &forged.to_string());

    let unpinned = run(&["tree", "verify", "--proof"], &[&forged_path]);
    assert_eq!(unpinned.status.code(), Some(0), "{}", stderr(&unpinned));
    let note = stderr(&unpinned);
    assert_eq!(note.trim_end().lines().count(), 1, "{note}");
    assert!(
        note.starts_with("note: the tree size is not pinned"),
        "{note}"
    );

    let pinned = run(
        &["tree", "verify", "--size", "8", "--proof"],
        &[&forged_path],
    );
    assert_eq!(pinned.status.code(), Some(1), "{}", stderr(&pinned));
    let err = stderr(&pinned);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("error: invalid proof:"), "{err}");
    assert!(
        err.contains("claims a tree of 4 leaves") && err.contains("has 8"),
        "{err}"
    );

    // The honest proof passes with the true size, and without a note.
    let honest = run(&["tree", "verify", "--size", "8", "--proof"], &[&proof]);
    assert_eq!(honest.status.code(), Some(0), "{}", stderr(&honest));
    assert!(stderr(&honest).is_empty(), "{}", stderr(&honest));
}

#[test]
fn a_tagged_layout_verifies_without_a_note() {
    // With tags the forged digest above would still fold to the root, but no leaf data
    // hashes to it (a leaf is SHA3(0x00 || data), a node SHA3(0x01 || l || r)), so the
    // proof of a leaf the verifier hashes itself cannot be forged that way.
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "l.txt", "00\n01\n02\n03\n");
    let proof = dir.path().join("p.json");
    let made = run(
        &[
            "tree", "prove", "--tags", "tagged", "--index", "2", "--leaves",
        ],
        &[&leaves, Path::new("-o"), &proof],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(
        read_json(&proof)["leaves"][0],
        hex::encode(sha3(&[&[0], &[2]]))
    );
    let ok = run(&["tree", "verify", "--proof"], &[&proof]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stderr(&ok).is_empty(), "{}", stderr(&ok));
}

#[test]
fn an_rfc6962_proof_edited_to_another_size_is_rejected_with_size() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "ct.txt", "0x\n00\n10\n2021\n3031\n");
    let proof = dir.path().join("p.json");
    let made = run(
        &[
            "tree",
            "prove",
            "--profile",
            "rfc6962",
            "--index",
            "0",
            "--leaves",
        ],
        &[&leaves, Path::new("-o"), &proof],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let mut edited = read_json(&proof);
    assert_eq!(edited["proof"]["leaf_count"], 5);
    edited["proof"]["leaf_count"] = json!(6);
    let edited_path = write(dir.path(), "edited.json", &edited.to_string());

    // Leaf 0 of 5 and of 6 have paths of one shape: the edit alone goes unnoticed.
    let unpinned = run(&["tree", "verify", "--proof"], &[&edited_path]);
    assert_eq!(unpinned.status.code(), Some(0), "{}", stderr(&unpinned));
    let pinned = run(
        &["tree", "verify", "--size", "5", "--proof"],
        &[&edited_path],
    );
    assert_eq!(pinned.status.code(), Some(1), "{}", stderr(&pinned));
    let err = stderr(&pinned);
    assert!(
        err.contains("claims a tree of 6 leaves") && err.contains("has 5"),
        "{err}"
    );
    let honest = run(&["tree", "verify", "--size", "5", "--proof"], &[&proof]);
    assert_eq!(honest.status.code(), Some(0), "{}", stderr(&honest));
}

#[test]
fn consistency_checks_pin_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(
        dir.path(),
        "ct.txt",
        "0x\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n",
    );
    let proof = dir.path().join("c.json");
    let made = run(
        &[
            "tree",
            "consistency",
            "--profile",
            "rfc6962",
            "--old-size",
            "6",
            "--leaves",
        ],
        &[&leaves, Path::new("-o"), &proof],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let check = |extra: &[&str]| {
        merklab()
            .args(["tree", "verify-consistency"])
            .args(extra)
            .arg("--proof")
            .arg(&proof)
            .output()
            .unwrap()
    };
    let ok = check(&["--old-size", "6", "--new-size", "8"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let new = check(&["--new-size", "9"]);
    assert_eq!(new.status.code(), Some(1));
    assert!(stderr(&new).contains("claims 8 leaves for the newer tree, but it has 9"));
    let old = check(&["--old-size", "5", "--new-size", "8"]);
    assert_eq!(old.status.code(), Some(1));
    assert!(stderr(&old).contains("claims 6 leaves for the older tree, but it has 5"));
}

#[test]
fn the_empty_rfc6962_tree_has_the_hash_of_the_empty_string() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", "\n  \n");
    // RFC 6962 section 2.1: "The hash of an empty list is the hash of an empty string:
    // MTH({}) = SHA-256()."
    const RFC_EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(hex::encode(sha2::Sha256::digest(b"")), RFC_EMPTY);
    let out = run(
        &["tree", "root", "--profile", "rfc6962", "--leaves"],
        &[&empty],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), RFC_EMPTY);
    let json = run(
        &["tree", "root", "--profile", "rfc6962", "--json", "--leaves"],
        &[&empty],
    );
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["root"], RFC_EMPTY);
    assert_eq!(doc["leaves"], 0);
    // Other profiles define no empty tree and still say so.
    let bitcoin = run(
        &["tree", "root", "--profile", "bitcoin", "--leaves"],
        &[&empty],
    );
    assert_eq!(bitcoin.status.code(), Some(2));
}

#[test]
fn an_openzeppelin_multiproof_of_no_leaves_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = format!("0x{}", "11".repeat(32));
    let file = json!({
        "profile": "openzeppelin",
        "leafEncoding": ["bytes32"],
        "root": root,
        "multiproof": {"leaves": [], "proof": [root], "proofFlags": []}
    });
    let path = write(dir.path(), "mp.json", &file.to_string());
    let out = run(&["tree", "verify", "--proof"], &[&path]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("proves no leaves"), "{err}");
    let sized = run(&["tree", "verify", "--size", "2", "--proof"], &[&path]);
    assert_eq!(sized.status.code(), Some(2));
    assert!(stderr(&sized).contains("openzeppelin proofs carry no tree size"));
}

#[test]
fn a_multiproof_may_name_two_lines_with_equal_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let leaves = write(dir.path(), "dup.txt", "aa\nbb\naa\ncc\naa\n");
    let proof = dir.path().join("m.json");
    let aa = hex::encode(sha3(&[&[0xaa]]));
    for order in ["given", "sorted"] {
        for pairs in ["positional", "sorted"] {
            let made = run(
                &[
                    "tree",
                    "prove",
                    "--leaf-order",
                    order,
                    "--pairs",
                    pairs,
                    "--index",
                    "4,0,2",
                    "--leaves",
                ],
                &[&leaves, Path::new("-o"), &proof],
            );
            assert!(made.status.success(), "{order}/{pairs}: {}", stderr(&made));
            let doc = read_json(&proof);
            assert_eq!(doc["leaves"], json!([aa, aa, aa]), "{order}/{pairs}");
            let indices = doc["proof"]["indices"].as_array().unwrap().clone();
            assert_eq!(indices.len(), 3);
            let ok = run(&["tree", "verify", "--size", "5", "--proof"], &[&proof]);
            assert_eq!(
                ok.status.code(),
                Some(0),
                "{order}/{pairs}: {}",
                stderr(&ok)
            );
        }
    }
    // The same line twice is still an error.
    let twice = run(&["tree", "prove", "--index", "2,2", "--leaves"], &[&leaves]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("names line 2 twice"),
        "{}",
        stderr(&twice)
    );
    // And under a profile (rfc6962 keeps the given order).
    let made = run(
        &[
            "tree",
            "prove",
            "--profile",
            "rfc6962",
            "--index",
            "0,2",
            "--leaves",
        ],
        &[&leaves, Path::new("-o"), &proof],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let ok = run(&["tree", "verify", "--size", "5", "--proof"], &[&proof]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn help_errors_and_readme_agree_on_odd_rules_and_depth_limits() {
    let help = run(&["tree", "root", "--help"], &[]);
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let odd_help = help
        .split("--odd <ODD>")
        .nth(1)
        .and_then(|rest| rest.split("\n      --").next())
        .unwrap();
    // Every rule the README's synopsis names is in the help and parses.
    let readme = include_str!("../../../README.md");
    let synopsis = readme
        .split("[--odd ")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap();
    let rules: Vec<&str> = synopsis.split('|').collect();
    assert!(rules.contains(&"extend:D"), "{synopsis}");
    for rule in &rules {
        assert!(odd_help.contains(rule), "help lacks {rule}: {odd_help}");
        let word = rule.replace(":D", ":3");
        assert!(word.parse::<merklab_core::OddNode>().is_ok(), "{word}");
    }
    // The fixed-depth limit: the same range in help and error.
    let range = format!("0 to {}", merklab_core::MAX_DEPTH);
    assert!(odd_help.contains(&range), "{odd_help}");
    let beyond = format!("depth:{}", merklab_core::MAX_DEPTH + 1);
    let err = run(&["tree", "root", "--leaves", "-", "--odd", &beyond], &[]);
    assert_eq!(err.status.code(), Some(2));
    assert!(stderr(&err).contains(&range), "{}", stderr(&err));

    // snarkVM's --depth: the same range in help and error, for any bad value.
    use merklab_profiles::snarkvm::{MAX_DEPTH, MIN_DEPTH};
    let range = format!("{MIN_DEPTH} to {MAX_DEPTH}");
    let depth_help = help
        .split("--depth <DEPTH>")
        .nth(1)
        .and_then(|rest| rest.split("\n      --").next())
        .unwrap();
    assert!(depth_help.contains(&range), "{depth_help}");
    for bad in [
        "0".to_string(),
        (MAX_DEPTH + 1).to_string(),
        "300".to_string(),
        "x".to_string(),
    ] {
        let err = run(
            &[
                "tree",
                "root",
                "--profile",
                "snarkvm-bhp",
                "--leaves",
                "-",
                "--depth",
                &bad,
            ],
            &[],
        );
        assert_eq!(err.status.code(), Some(2), "{bad}");
        let text = stderr(&err);
        assert_eq!(text.trim_end().lines().count(), 1, "{text}");
        assert!(text.contains(&range), "{bad}: {text}");
    }
}
