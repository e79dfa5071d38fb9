//! `merklab bench` at tiny sizes: the table and JSON shapes (never the timings).

use std::process::Command;

fn merklab(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_merklab"))
        .args(args)
        .output()
        .expect("runs")
}

const TINY: [&str; 8] = [
    "bench",
    "--quick",
    "--leaves",
    "64",
    "--field-leaves",
    "3",
    "--runs",
    "1",
];

#[test]
fn json_has_every_row_and_ratio() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.json");
    let mut args = TINY.to_vec();
    let report_arg = report.to_str().expect("utf-8 path");
    args.extend(["--json", "--report", report_arg]);
    args.extend(["--plots", dir.path().to_str().expect("utf-8 path")]);
    let out = merklab(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report written")).expect("JSON");
    assert_eq!(v, written, "--report writes what --json prints");

    for key in ["cpu", "cpus", "rustc", "load_average"] {
        assert!(v["machine"].get(key).is_some(), "machine.{key}");
    }
    let byte = v["byte"].as_array().expect("byte rows");
    let hashes: Vec<&str> = byte.iter().filter_map(|r| r["hash"].as_str()).collect();
    assert_eq!(hashes, ["sha3-256", "sha256"]);
    for r in byte {
        assert_eq!(r["leaves"], 64);
        for key in [
            "raw_1t_ms",
            "raw_2t_ms",
            "raw_batched_1t_ms",
            "merklab_serial_ms",
            "merklab_serial_scalar_ms",
            "merklab_parallel_scalar_ms",
            "merklab_parallel_ms",
            "merklab_streaming_ms",
            "rs_merkle_ms",
        ] {
            assert!(r[key].as_f64().is_some_and(|t| t >= 0.0), "{key}");
        }
    }
    let field = v["field"].as_array().expect("field rows");
    let hashes: Vec<&str> = field.iter().filter_map(|r| r["hash"].as_str()).collect();
    assert_eq!(hashes, ["poseidon", "bhp"]);
    for r in field {
        assert_eq!(r["leaves"], 3);
        for key in [
            "raw_1t_ms",
            "merklab_1t_ms",
            "merklab_2t_ms",
            "snarkvm_1t_ms",
            "snarkvm_2t_ms",
        ] {
            assert!(r[key].as_f64().is_some_and(|t| t >= 0.0), "{key}");
        }
    }
    // Each ecosystem's tree at the quick size (2^6), beside its own implementation.
    let ecosystem = v["ecosystem"].as_array().expect("ecosystem rows");
    let profiles: Vec<&str> = ecosystem
        .iter()
        .filter_map(|r| r["profile"].as_str())
        .collect();
    assert_eq!(profiles, ["lean-imt", "plonky3-mmcs", "miden"]);
    for r in ecosystem {
        assert_eq!(r["leaves"], 64);
        assert!(r["peer"].as_str().is_some_and(|p| !p.is_empty()));
        for key in ["merklab_1t_ms", "merklab_2t_ms", "peer_1t_ms", "peer_2t_ms"] {
            assert!(r[key].as_f64().is_some_and(|t| t >= 0.0), "{key}");
        }
    }
    // Nine ratios per byte hash, four per field hash, two per ecosystem, each as
    // measured: the targets live in docs/benchmarks.md, not in the report.
    let ratios = v["ratios"].as_array().expect("ratios");
    assert_eq!(ratios.len(), 2 * 9 + 2 * 4 + 3 * 2);
    for r in ratios {
        assert!(r["comparison"].is_string() && r["value"].is_number());
        let comparison = r["comparison"].as_str().unwrap_or_default();
        let field = comparison.starts_with("poseidon") || comparison.starts_with("bhp");
        assert_eq!(r["leaves"], if field { 3 } else { 64 }, "{comparison}");
        assert!(r.get("target").is_none() && r.get("met").is_none());
    }
    for (name, legend) in [
        ("bench-scaling.svg", "sha3-256 rs_merkle 1t"),
        ("bench-parallel.svg", "snarkVM bhp"),
    ] {
        let svg = std::fs::read_to_string(dir.path().join(name)).expect("plot written");
        let doc = roxmltree::Document::parse(&svg).expect("the plot is well-formed XML");
        assert!(doc.root_element().has_tag_name("svg"), "{name}");
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == legend)),
            "{name} names {legend}"
        );
    }
}

#[test]
fn table_names_every_peer() {
    let out = merklab(&TINY);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for header in [
        "raw 1t",
        "merklab 2t",
        "rs_merkle 1t",
        "snarkVM 1t",
        "snarkVM 2t",
        "peer 1t",
    ] {
        assert!(text.contains(header), "missing column {header}");
    }
    for row in [
        "sha3-256: rs_merkle / merklab serial",
        "sha256: merklab serial / raw loop",
        "sha3-256: merklab serial / raw multi-buffer loop",
        "poseidon: snarkVM / merklab, 2 threads",
        "bhp: snarkVM / merklab, 1 thread",
        "lean-imt: light-poseidon, level by level / merklab, 1 thread",
        "plonky3-mmcs: p3-merkle-tree MerkleTreeMmcs / merklab, 2 threads",
        "miden: miden-crypto MerkleTree / merklab, 1 thread",
    ] {
        assert!(text.contains(row), "missing ratio {row}");
    }
}

#[test]
fn bad_sizes_are_input_errors() {
    let out = merklab(&["bench", "--leaves", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = merklab(&["bench", "--quick", "--full"]);
    assert_eq!(out.status.code(), Some(2));
}
