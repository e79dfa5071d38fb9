//! `merklab compare --hybrid` on a small tree: one row per split and byte hash, the
//! counts synthesized, the byte hashes without a gadget saying why, the Pareto marks
//! consistent, and what it cannot measure refused with exit 2.

mod common;
use common::{code, run, stderr, stdout};

fn report(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["compare", "--hybrid", "--json"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn every_split_has_a_row_and_a_synthesized_count() {
    let r = report(&["--leaves", "8", "--hash", "sha256,blake3", "--arity", "2"]);
    assert_eq!(r["system"], "bn254");
    assert_eq!(r["upper"], "poseidon-bn254");
    assert!(r["lift_constraints"].as_u64().unwrap() > 0);
    let rows = r["rows"].as_array().unwrap();
    // depth 3: the field-only tree, then splits 1 to 3 and the byte-only tree per hash.
    assert_eq!(rows.len(), 1 + 2 * 4);
    assert_eq!(rows[0]["tree"], "poseidon-bn254 only");
    let sha: Vec<&serde_json::Value> = rows.iter().filter(|r| r["lower"] == "sha256").collect();
    let names: Vec<&str> = sha.iter().map(|r| r["tree"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "sha256@0..1,poseidon-bn254",
            "sha256@0..2,poseidon-bn254",
            "sha256@0..3,poseidon-bn254",
            "sha256 only"
        ]
    );
    for (i, row) in sha.iter().enumerate() {
        assert_eq!(row["byte_levels"], i);
        assert_eq!(row["field_levels"], 3 - i);
        assert!(row["build_ms"].as_f64().unwrap() >= 0.0);
    }
    // Each level moved below the split swaps a Poseidon for a SHA-256 compression.
    let counts: Vec<u64> = std::iter::once(&rows[0])
        .chain(sha.iter().copied())
        .map(|r| r["constraints_per_path"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] < w[1]), "{counts:?}");
    for row in rows.iter().filter(|r| r["lower"] == "blake3") {
        assert!(row["constraints_per_path"].is_null());
        assert!(row["note"].as_str().unwrap().contains("BLAKE3"), "{row}");
        assert_eq!(row["pareto"], false);
    }
}

#[test]
fn pareto_rows_are_exactly_the_undominated_ones() {
    let r = report(&[
        "--leaves",
        "16",
        "--hash",
        "sha256,keccak-256",
        "--arity",
        "2,4",
    ]);
    let points: Vec<(f64, u64, bool)> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["build_ms"].as_f64().unwrap(),
                r["constraints_per_path"].as_u64().unwrap(),
                r["pareto"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(points.iter().any(|p| p.2));
    for &(t, c, pareto) in &points {
        let dominated = points
            .iter()
            .any(|&(t2, c2, _)| t2 <= t && c2 <= c && (t2 < t || c2 < c));
        assert_eq!(pareto, !dominated, "({t}, {c})");
    }
}

#[test]
fn the_table_names_the_library_and_why_a_count_is_missing() {
    let o = run(&[
        "compare",
        "--hybrid",
        "--leaves",
        "4",
        "--hash",
        "blake2b-256",
        "--arity",
        "2",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("blake2b-256@0..2,poseidon-bn254"), "{out}");
    assert!(out.contains("arkworks 0.6.0"), "{out}");
    assert!(out.contains("n/a blake2b-256: no BLAKE2b gadget"), "{out}");
}

#[test]
fn what_it_cannot_measure_is_exit_2() {
    for (args, says) in [
        (vec!["--system", "aleo"], "--system aleo"),
        (vec!["--system", "stark"], "unknown system 'stark'"),
        (
            vec!["--hash", "poseidon-bn254"],
            "unknown hash 'poseidon-bn254'",
        ),
        (vec!["--arity", "16"], "arity 16"),
    ] {
        let mut all = vec!["compare", "--hybrid", "--leaves", "8"];
        all.extend(args);
        let o = run(&all);
        assert_eq!(code(&o), 2, "{all:?}");
        assert!(stderr(&o).contains(says), "{all:?}: {}", stderr(&o));
    }
    let o = run(&["compare", "--system", "bn254", "--leaves", "8"]);
    assert_eq!(code(&o), 2, "--system without --hybrid");
}
