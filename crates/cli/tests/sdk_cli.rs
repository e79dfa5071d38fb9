//! `merklab zpass issue --seed`, `root` and `prove` against the TypeScript reference
//! SDK's outputs in tests/vectors/sdk/sdk-vectors.json (see its README).

use std::path::Path;
use std::process::{Command, Output};

use merklab_zpass::json::{parse_json, Node};

const BIN: &str = env!("CARGO_BIN_EXE_merklab");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("MERKLAB_ISSUER_KEY")
        .output()
        .expect("run merklab")
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "merklab {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

fn sdk_case(name: &str) -> Node {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/sdk/sdk-vectors.json");
    let text = std::fs::read_to_string(path).expect("read sdk-vectors.json");
    let Node::Object(members) = parse_json(&text).expect("parse sdk-vectors.json") else {
        panic!("vectors are an object")
    };
    let Some((_, Node::Array(cases))) = members.into_iter().find(|(k, _)| k == "cases") else {
        panic!("no cases")
    };
    cases
        .into_iter()
        .find(|c| c.get("name").and_then(Node::as_str) == Some(name))
        .unwrap_or_else(|| panic!("no case {name}"))
}

fn field<'a>(node: &'a Node, key: &str) -> &'a Node {
    node.get(key).unwrap_or_else(|| panic!("no `{key}`"))
}

fn string(node: &Node, key: &str) -> String {
    field(node, key).as_str().expect("a string").to_string()
}

fn strings(node: &Node) -> Vec<String> {
    match node {
        Node::Array(items) => items
            .iter()
            .map(|i| i.as_str().expect("a string").to_string())
            .collect(),
        other => panic!("expected an array, found {}", other.kind()),
    }
}

fn json(text: &str) -> Node {
    parse_json(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// `zpass root --json` and `zpass prove --json` on `record` agree with the SDK case.
fn root_and_proofs_agree(record: &Path, case: &Node) {
    let root = string(case, "root");
    assert_eq!(ok(&["zpass", "root", p(record)]).trim(), root);
    let out = json(&ok(&["zpass", "root", p(record), "--json"]));
    assert_eq!(string(&out, "root"), root);
    let mut sdk_leaves: Vec<u64> = strings(field(case, "leaves"))
        .iter()
        .map(|l| l.trim_end_matches("u64").parse().expect("a u64"))
        .collect();
    sdk_leaves.sort_unstable();
    let sdk_leaves: Vec<String> = sdk_leaves.iter().map(|l| format!("{l}u64")).collect();
    assert_eq!(
        strings(field(&out, "leaves")),
        sdk_leaves,
        "leaves, ascending"
    );
    let Node::Array(proofs) = field(case, "proofs") else {
        panic!("proofs are a list")
    };
    for proof in proofs.iter().take(3) {
        let key = string(proof, "key");
        let out = json(&ok(&["zpass", "prove", p(record), "--key", &key, "--json"]));
        assert_eq!(string(&out, "leaf"), string(proof, "leaf"), "{key}");
        assert_eq!(
            strings(field(&out, "proof")),
            strings(field(proof, "proof")),
            "{key}"
        );
        assert_eq!(string(&out, "root"), root);
    }
}

fn issue_seeded_then_root_and_prove(name: &str, extension: &str) {
    let case = sdk_case(name);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(format!("cert.{extension}"));
    std::fs::write(&input, string(&case, "input")).unwrap();
    let out = dir.path().join("issued.json");
    let seed = string(&case, "seed");
    ok(&[
        "zpass",
        "issue",
        p(&input),
        "--seed",
        &seed,
        "--sdk-arrays",
        "-o",
        p(&out),
    ]);
    let issued = json(&std::fs::read_to_string(&out).unwrap());
    // Same keys, order, seeded salts and values as the SDK's NormalizedRecord.
    assert_eq!(field(&issued, "certificate"), field(&case, "record"));
    assert_eq!(string(&issued, "root"), string(&case, "root"));
    root_and_proofs_agree(&out, &case);
}

#[test]
fn seeded_json_certificate_end_to_end() {
    // 33 leaves, nested keys and arrays, a non-ASCII seed.
    issue_seeded_then_root_and_prove("json-33", "json");
}

#[test]
fn seeded_yaml_certificate_end_to_end() {
    issue_seeded_then_root_and_prove("yaml-nested", "yaml");
}

#[test]
fn the_sdks_own_record_file_reads_as_is() {
    // 1,000 leaves with explicit (non-seeded) salts, written as the SDK writes a record.
    let case = sdk_case("json-1000");
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.json");
    std::fs::write(&record, field(&case, "record").to_json_pretty()).unwrap();
    root_and_proofs_agree(&record, &case);
}
