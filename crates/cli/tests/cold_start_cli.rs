//! The first hashes of a fresh `merklab` process, on whatever tables it chose for
//! the work ahead, against snarkVM computed in this process: a process that hashes
//! a few dozen values builds small tables, and they must be as right as the big ones.

use std::process::Command;

use merklab_aleo::{Config, HashPath};
use merklab_zpass::{CertificateDocument, Issued};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

/// A certificate of `claims` claims (type and issuer included) of mixed values.
fn certificate(claims: usize) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("type".into(), "KYC".into());
    doc.insert("issuer".into(), format!("aleo1{}", "q".repeat(58)).into());
    for i in 0..claims.saturating_sub(2) {
        let value: serde_json::Value = if i % 2 == 1 {
            format!("value {i}").into()
        } else {
            (1_000_000 + i * 7919).into()
        };
        doc.insert(format!("k{i:05}"), value);
    }
    serde_json::Value::Object(doc).to_string()
}

fn merklab(args: &[&str]) -> String {
    let o = Command::new(BIN).args(args).output().expect("run merklab");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

#[test]
fn a_fresh_process_hashes_as_snarkvm_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    // One claim pair (a handful of hashes), a small and a mid-sized certificate:
    // each process picks its tables from its own work.
    for claims in [2, 12, 300] {
        let input = dir.path().join(format!("cert-{claims}.json"));
        let issued = dir.path().join(format!("issued-{claims}.json"));
        std::fs::write(&input, certificate(claims)).unwrap();
        let (input, issued) = (input.to_str().unwrap(), issued.to_str().unwrap());
        merklab(&["zpass", "issue", input, "--seed", "cold", "-o", issued]);
        let printed: serde_json::Value =
            serde_json::from_str(&merklab(&["zpass", "root", issued, "--json"])).unwrap();

        let text = std::fs::read_to_string(issued).unwrap();
        let doc = CertificateDocument::parse(&text).unwrap();
        let reference = Issued::new_with(&Config::path(HashPath::Reference), doc.certificate)
            .expect("snarkVM issues it");
        let u = |v: u64| serde_json::Value::String(format!("{v}u64"));
        assert_eq!(printed["root"], u(reference.root()), "{claims} claims");
        let leaves: Vec<serde_json::Value> = reference.leaves().iter().map(|&l| u(l)).collect();
        assert_eq!(
            printed["leaves"],
            serde_json::Value::Array(leaves),
            "{claims} claims"
        );
    }
}
