//! `merklab compare` end to end on a small tree.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

#[test]
fn compare_json_small_tree() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let out = Command::new(BIN)
        .args([
            "compare",
            "--leaves",
            "64",
            "--arity",
            "2,4",
            "--hash",
            "poseidon2,blake3,arc0102",
            "--json",
            "--plot",
        ])
        .arg(&svg)
        .output()
        .expect("run merklab");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["leaves"], 64);
    let rows = report["rows"].as_array().unwrap();
    // arc0102 is binary only: 2 + 2 + 1 rows.
    assert_eq!(rows.len(), 5);
    let row = |hash: &str, k: u64| {
        rows.iter()
            .find(|r| r["hash"] == hash && r["arity"] == k)
            .unwrap_or_else(|| panic!("{hash} k={k}"))
    };
    // Depth ceil(log_k 64) and proof sizes from the binary layout: a 32-byte header
    // (magic 4, arity 1, policy 7, leaf count 8, index 8, sibling count 4) plus siblings.
    let p2 = row("poseidon2", 2);
    assert_eq!(p2["depth"], 6);
    assert_eq!(p2["digest_bits"], 253);
    assert_eq!(p2["proof_bytes"], 32 + 6 * 32);
    let p4 = row("poseidon2", 4);
    assert_eq!(p4["depth"], 3);
    assert_eq!(p4["proof_bytes"], 32 + 3 * 3 * 32);
    let arc = row("arc0102", 2);
    assert_eq!(arc["proof_bytes"], 32 + 6 * 8);
    assert_eq!(arc["collision_bits"], 32);
    // Byte hashes other than SHA3/Keccak have no Aleo circuit.
    let b3 = row("blake3", 2);
    assert!(b3["constraints_per_node"].is_null());
    assert_eq!(b3["circuit_note"], "not available in Aleo circuits");
    // Circuit counts: a path of depth d costs more than d node compressions.
    for r in [p2, p4, arc] {
        let node = r["constraints_per_node"].as_u64().unwrap();
        let path = r["constraints_per_path"].as_u64().unwrap();
        let depth = r["depth"].as_u64().unwrap();
        assert!(node > 0 && path > depth * node, "{r}");
        assert!(r["native_ns_per_node"].as_f64().unwrap() > 0.0);
    }
    // The chart parses as SVG and has one labelled point per row with a circuit count.
    let chart = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&chart).expect("the chart is well-formed XML");
    assert!(doc.root_element().has_tag_name("svg"));
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::trim))
        .collect();
    for point in ["poseidon2 k=2", "poseidon2 k=4", "arc0102 k=2"] {
        assert!(labels.contains(&point), "{point} in {labels:?}");
    }
    assert!(!chart.contains("blake3"));
    let points = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(points, 3);
}

#[test]
fn compare_rejects_unknown_hash() {
    let out = Command::new(BIN)
        .args(["compare", "--leaves", "8", "--hash", "md5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown hash 'md5'"));
}

/// `compare` walks exactly the registry's compressing hashes, in its order, and its
/// help text and its error for an unknown name list the same hashes.
#[test]
fn compare_covers_exactly_the_registry() {
    use merklab_names::{HashId, HashKind};
    let expected: Vec<&str> = HashId::filtered(HashKind::compresses)
        .map(HashId::name)
        .collect();
    // Leaf-only hashes are the registry's only rows compare leaves out.
    for h in HashId::ALL {
        assert_eq!(
            expected.contains(&h.name()),
            h.kind() != HashKind::AleoLeaf,
            "{h}"
        );
    }

    let out = Command::new(BIN)
        .args(["compare", "--leaves", "4", "--arity", "2", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<&str> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["hash"].as_str().unwrap())
        .collect();
    assert_eq!(rows, expected);

    let listed = expected.join(", ");
    let help = Command::new(BIN)
        .args(["compare", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains(&listed));
    let err = Command::new(BIN)
        .args(["compare", "--hash", "md5"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr)
        .contains(&format!("unknown hash 'md5' (expected one of {listed})")));

    // Aliases are accepted too, and a row keeps the name it was given.
    for h in HashId::filtered(HashKind::compresses) {
        for &word in h.aliases() {
            let out = Command::new(BIN)
                .args([
                    "compare", "--leaves", "4", "--arity", "2", "--json", "--hash", word,
                ])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{word}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(report["rows"][0]["hash"], word);
        }
    }
}

/// `compare --prove`: a Groth16 row for circom's Poseidon with times and a 128-byte
/// proof, Aleo rows with counts and no invented time, a reason where BN254 has no
/// gadget, and the same BN254 path count the plain table prints.
#[test]
fn compare_prove_rows() {
    let out = Command::new(BIN)
        .args([
            "compare",
            "--prove",
            "--hash",
            "poseidon-bn254,poseidon2,blake3",
            "--arity",
            "2",
            "--depth",
            "2",
            "--systems",
            "bn254,aleo",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let row = |system: &str, hash: &str| {
        rows.iter()
            .find(|r| r["system"] == system && r["hash"] == hash)
            .unwrap_or_else(|| panic!("{system} {hash} in {rows:?}"))
    };
    // bn254: poseidon-bn254 and blake3; aleo: poseidon2 and blake3.
    assert_eq!(rows.len(), 4);
    let groth = row("bn254", "poseidon-bn254");
    assert_eq!(groth["depth"], 2);
    assert_eq!(groth["proof_bytes"], 128);
    for key in ["setup_ms", "prove_ms", "verify_ms"] {
        assert!(groth[key].as_f64().unwrap() > 0.0, "{key}");
    }
    assert!(groth["note"].is_null());
    let blake3 = row("bn254", "blake3");
    assert!(blake3["constraints_per_node"].is_null() && blake3["prove_ms"].is_null());
    assert!(blake3["note"]
        .as_str()
        .unwrap()
        .contains("no BLAKE3 gadget"));
    // Aleo's Poseidon path fits the SRS snarkVM ships: Varuna proves and verifies it.
    let aleo = row("aleo", "poseidon2");
    assert!(aleo["constraints_per_path"].as_u64().unwrap() > 0);
    for key in ["setup_ms", "prove_ms", "verify_ms"] {
        assert!(aleo[key].as_f64().unwrap() > 0.0, "{key}");
    }
    assert!(aleo["proof_bytes"].as_u64().unwrap() > 0);
    assert!(aleo["note"].is_null(), "{}", aleo["note"]);
    let aleo_blake3 = row("aleo", "blake3");
    assert!(aleo_blake3["constraints_per_path"].is_null());
    assert_eq!(aleo_blake3["note"], "not available in Aleo circuits");

    // The plain table's BN254 path at depth 2 (4 leaves, arity 2) is the same circuit.
    let plain = Command::new(BIN)
        .args([
            "compare",
            "--leaves",
            "4",
            "--arity",
            "2",
            "--hash",
            "poseidon-bn254,blake3",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(plain.status.success());
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let prow = &plain["rows"][0];
    assert_eq!(
        prow["bn254_constraints_per_path"],
        groth["constraints_per_path"]
    );
    assert_eq!(
        prow["bn254_constraints_per_node"],
        groth["constraints_per_node"]
    );
    assert!(plain["rows"][1]["bn254_note"]
        .as_str()
        .unwrap()
        .contains("BLAKE3"));
}

/// `compare --prove --systems plonky3`: STARK rows carry the trace instead of
/// constraints, no setup, measured prove and verify times and a proof size; a hash
/// without a Plonky3 AIR says why and carries no figure.
#[test]
fn compare_prove_plonky3_rows() {
    let out = Command::new(BIN)
        .args([
            "compare",
            "--prove",
            "--systems",
            "plonky3",
            "--hash",
            "poseidon2-babybear,keccak-256,blake3,sha256,poseidon-bn254",
            "--arity",
            "2",
            "--depth",
            "3",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let row = |hash: &str| {
        rows.iter()
            .find(|r| r["hash"] == hash)
            .unwrap_or_else(|| panic!("{hash} in {rows:?}"))
    };
    for (hash, rows_per_permutation) in
        [("poseidon2-babybear", 1), ("keccak-256", 24), ("blake3", 1)]
    {
        let r = row(hash);
        assert_eq!(r["system"], "plonky3");
        assert_eq!(r["depth"], 3);
        assert!(r["constraints_per_node"].is_null() && r["constraints_per_path"].is_null());
        assert!(r["setup_ms"].is_null(), "{hash}: a STARK has no setup");
        let trace = &r["trace"];
        assert_eq!(trace["permutations"], 3, "{hash}: one per level at arity 2");
        let padded = (3 * rows_per_permutation as u64).next_power_of_two();
        assert_eq!(trace["rows"].as_u64().unwrap(), padded, "{hash}");
        assert!(trace["columns"].as_u64().unwrap() > 100, "{hash}");
        for key in ["prove_ms", "verify_ms"] {
            assert!(r[key].as_f64().unwrap() > 0.0, "{hash} {key}");
        }
        assert!(r["proof_bytes"].as_u64().unwrap() > 1000, "{hash}");
        assert!(r["library"].as_str().unwrap().contains("Plonky3 0.8.0"));
    }
    for hash in ["sha256", "poseidon-bn254"] {
        let r = row(hash);
        assert!(r["trace"].is_null() && r["prove_ms"].is_null(), "{hash}");
        assert!(r["note"].as_str().unwrap().contains("no AIR"), "{hash}");
    }
}

#[test]
fn compare_prove_refuses_bad_options() {
    let out = Command::new(BIN)
        .args(["compare", "--prove", "--systems", "aleo,starky"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'starky'") && err.contains("plonky3"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    for args in [
        &["compare", "--prove", "--systems", "plonk"][..],
        &["compare", "--depth", "3"][..],
        &[
            "compare",
            "--prove",
            "--hash",
            "poseidon-bn254",
            "--arity",
            "13",
            "--systems",
            "bn254",
        ][..],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
