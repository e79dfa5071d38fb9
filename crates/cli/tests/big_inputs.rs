//! Inputs far larger than any real document, generated here rather than committed:
//! each is answered in about the time of its parse, with exit 2 and one line naming
//! the limit or the member at fault, or accepted when it is within the limits.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run merklab")
}

fn refused(o: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// A certificate with `n` integer claims `k0..`, then `last`.
fn many_keys(n: usize, last: &str) -> String {
    let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1x""#);
    for i in 0..n {
        text.push_str(&format!(r#", "k{i}": {i}"#));
    }
    text.push_str(&format!(r#", "{last}": 0}}"#));
    text
}

#[test]
fn two_hundred_thousand_keys_with_a_late_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("keys.json");
    std::fs::write(&input, many_keys(200_000, "k0")).unwrap();
    let out = dir.path().join("out.json");
    let o = run(&["zpass", "issue", p(&input), "--seed", "s", "-o", p(&out)]);
    refused(&o, "duplicate key `k0`");
    assert!(!out.exists());
}

#[test]
fn a_proof_padded_with_junk_members_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let proof = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/value-proof.json"),
    )
    .unwrap();
    let body = proof.trim_end().strip_suffix('}').expect("an object");
    let mut padded = String::from(body.trim_end());
    for i in 0..200_000 {
        padded.push_str(&format!(",\n  \"junk{i}\": {i}"));
    }
    padded.push_str("\n}\n");
    let input = dir.path().join("padded.json");
    std::fs::write(&input, padded).unwrap();
    let root = "13007801808261892286u64";
    let o = run(&["zpass", "verify", p(&input), "--root", root]);
    refused(&o, "unexpected member `junk0`");
    // The unpadded proof verifies: the refusal is about the padding.
    let clean = dir.path().join("clean.json");
    std::fs::write(&clean, proof).unwrap();
    let o = run(&["zpass", "verify", p(&clean), "--root", root]);
    assert_eq!(o.status.code(), Some(0), "{:?}", o);
}

#[test]
fn an_array_of_25_million_elements_is_refused_at_the_value_limit() {
    let dir = tempfile::tempdir().unwrap();
    let n = 25_000_000;
    let mut text = String::with_capacity(2 * n + 64);
    text.push_str(r#"{"type": "KYC", "issuer": "aleo1x", "a": ["#);
    text.push('0');
    for _ in 1..n {
        text.push_str(",0");
    }
    text.push_str("]}");
    let input = dir.path().join("array.json");
    std::fs::write(&input, &text).unwrap();
    drop(text);
    let out = dir.path().join("out.json");
    std::fs::write(&out, "kept\n").unwrap();
    let o = run(&["zpass", "issue", p(&input), "--seed", "s", "-o", p(&out)]);
    refused(&o, "more than 262144 values");
    refused(&o, "--max-values");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept\n");
}

#[test]
fn raising_the_value_limit_admits_a_larger_certificate() {
    let dir = tempfile::tempdir().unwrap();
    // 2,000 claims: 2,003 values with the object, `type` and `issuer`.
    let input = dir.path().join("keys.json");
    std::fs::write(&input, many_keys(1_999, "last")).unwrap();
    let o = run(&[
        "--max-values",
        "2002",
        "zpass",
        "issue",
        p(&input),
        "--seed",
        "s",
    ]);
    refused(&o, "more than 2002 values");
    let o = run(&[
        "--max-values",
        "2003",
        "zpass",
        "issue",
        p(&input),
        "--seed",
        "s",
    ]);
    assert_eq!(o.status.code(), Some(0), "{:?}", o);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let claims = doc["certificate"].as_object().expect("a certificate");
    assert_eq!(claims.len(), 2_002);
}

/// Values in a JSON file as serde_json counts them: every object, array and scalar.
fn values(path: &Path) -> usize {
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Object(m) => m.values().map(count).sum(),
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    let text = std::fs::read_to_string(path).unwrap();
    count(&serde_json::from_str(&text).expect("a JSON document"))
}

/// `args` with `--max-values N` in front.
fn with_limit(limit: usize, args: &[&str]) -> Output {
    let limit = limit.to_string();
    let mut all = vec!["--max-values", &limit];
    all.extend_from_slice(args);
    run(&all)
}

/// `args` reads `doc`: one value under its size it is refused naming the bound and
/// the file; at its size (when `fits`, the other documents it reads being smaller)
/// it succeeds.
fn bounded_by(doc: &Path, args: &[&str], fits: bool) {
    let n = values(doc);
    let o = with_limit(n - 1, args);
    refused(&o, &format!("more than {} values", n - 1));
    refused(&o, "--max-values");
    refused(&o, p(doc));
    if fits {
        let o = with_limit(n, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", o);
    }
}

#[test]
fn every_command_that_reads_a_document_holds_to_the_value_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let keygen = |name: &str| {
        let o = run(&["zpass", "keygen", "-o", p(&path(name))]);
        assert_eq!(o.status.code(), Some(0), "{:?}", o);
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    let issuer = keygen("issuer.key");
    let holder = keygen("holder.key");
    keygen("verifier.key");
    let now = "1767225600";
    std::fs::write(
        path("claims.json"),
        format!(
            r#"{{"type": "KYC", "issuer": "{issuer}", "subject": "{holder}", "name": "Alice",
                "dob": 1199145600, "tags": ["a", "b"], "address": {{"city": "Lyon"}}}}"#
        ),
    )
    .unwrap();
    let (claims, cert) = (path("claims.json"), path("cert.json"));
    let (issuer_key, holder_key) = (path("issuer.key"), path("holder.key"));
    let issue = [
        "zpass",
        "issue",
        p(&claims),
        "--sign",
        p(&issuer_key),
        "-o",
        p(&cert),
    ];
    bounded_by(&claims, &issue, true);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    let root = doc["root"].as_str().expect("a root").to_string();

    bounded_by(&cert, &["zpass", "root", p(&cert)], true);
    bounded_by(&cert, &["zpass", "export-text", p(&cert)], true);
    let leo = ["zpass", "leo", p(&cert), "--key", "name"];
    bounded_by(&cert, &leo, true);
    let age = [
        "zpass",
        "leo",
        p(&cert),
        "--key",
        "dob",
        "--predicate",
        "age>=18",
    ];
    bounded_by(&cert, &age, true);
    let proof = path("proof.json");
    let prove = ["zpass", "prove", p(&cert), "--key", "name", "-o", p(&proof)];
    bounded_by(&cert, &prove, true);
    bounded_by(
        &proof,
        &["zpass", "verify", p(&proof), "--root", &root],
        true,
    );
    let disclosure = path("disclosure.json");
    let disclose = [
        "zpass",
        "disclose",
        p(&cert),
        "--reveal",
        "name",
        "-o",
        p(&disclosure),
    ];
    bounded_by(&cert, &disclose, true);
    let verify = ["zpass", "verify", p(&disclosure), "--root", &root];
    bounded_by(&disclosure, &verify, true);

    let request = path("request.json");
    let o = run(&[
        "request",
        "--key-file",
        p(&path("verifier.key")),
        "--trust",
        &issuer,
        "--disclose",
        "name",
        "--predicate",
        "dob age>=18",
        "--now",
        now,
        "-o",
        p(&request),
    ]);
    assert_eq!(o.status.code(), Some(0), "{:?}", o);
    let presentation = path("presentation.json");
    let present = [
        "present",
        p(&request),
        p(&cert),
        "--key-file",
        p(&holder_key),
        "--now",
        now,
        "-o",
        p(&presentation),
    ];
    assert!(values(&request) < values(&cert));
    bounded_by(&request, &present, false);
    bounded_by(&cert, &present, true);
    let check = ["check", p(&request), p(&presentation), "--now", now];
    assert!(values(&request) < values(&presentation));
    bounded_by(&request, &check, false);
    bounded_by(&presentation, &check, true);
}
