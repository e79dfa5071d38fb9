//! Agreement with the TypeScript reference SDK for ARC-0102 (arc102-zpass-sdk).
//!
//! `tests/vectors/sdk/sdk-vectors.json` was produced by the SDK itself (see
//! `tests/vectors/sdk/README.md` for the commit and the command). Every case is
//! re-derived here from its raw certificate: seeded salts, the normalized record,
//! key identifiers, leaves, the root and the sampled proofs must equal the SDK's.
//! The `divergent` cases pin the few inputs on which the two knowingly differ.

use merklab_aleo::{literal, Config};
use merklab_zpass::json::{parse_json, Node};
use merklab_zpass::root_from_siblings;
use merklab_zpass::{
    issue_str, ArrayStyle, Certificate, InputFormat, IssueOptions, Issued, Reveal, SaltSource,
};

fn vectors() -> Node {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/sdk/sdk-vectors.json"
    );
    let text = std::fs::read_to_string(path).expect("read sdk-vectors.json");
    parse_json(&text).expect("parse sdk-vectors.json")
}

fn member<'a>(node: &'a Node, key: &str) -> &'a Node {
    node.get(key)
        .unwrap_or_else(|| panic!("no `{key}` in the vector"))
}

fn text<'a>(node: &'a Node, key: &str) -> &'a str {
    member(node, key)
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string"))
}

fn items(node: &Node) -> &[Node] {
    match node {
        Node::Array(items) => items,
        other => panic!("expected an array, found {}", other.kind()),
    }
}

fn u64_of(node: &Node) -> u64 {
    literal::parse_u64(node.as_str().expect("a u64 literal string")).expect("a u64 literal")
}

fn u64s(node: &Node) -> Vec<u64> {
    items(node).iter().map(u64_of).collect()
}

fn cases<'a>(v: &'a Node, list: &str) -> &'a [Node] {
    items(member(v, list))
}

fn format_of(case: &Node) -> InputFormat {
    match text(case, "format") {
        "yaml" => InputFormat::Yaml,
        _ => InputFormat::Json,
    }
}

/// Issues the raw certificate as the SDK does: its array naming, and its seed when
/// the case has one (otherwise random salts, replaced by the SDK's below).
fn issue_raw(case: &Node) -> Result<Certificate, merklab_zpass::ZpassError> {
    let salts = match case.get("seed") {
        Some(Node::String(seed)) => SaltSource::Seeded(seed.clone()),
        _ => SaltSource::Random,
    };
    let options = IssueOptions {
        salts,
        arrays: ArrayStyle::Sdk,
    };
    issue_str(text(case, "input"), format_of(case), &options).map(|d| d.certificate)
}

/// `(key, value)` pairs of a record node, in order, with values as JSON text.
fn keys_and_values(record: &Node) -> Vec<(String, String)> {
    let Node::Object(members) = record else {
        panic!("a record is an object")
    };
    members
        .iter()
        .map(|(k, v)| (k.clone(), member(v, "value").to_json_pretty()))
        .collect()
}

/// Checks one SDK case end to end and returns how many proofs it compared.
/// Checks one case, hashing the certificate with `config`.
fn check_case(config: &Config, case: &Node) -> usize {
    let name = text(case, "name");
    let sdk_record = member(case, "record");

    // 1. Flattening (and, for seeded cases, salts) from the raw certificate.
    let ours = issue_raw(case).unwrap_or_else(|e| panic!("{name}: {e}"));
    let cert = if case.get("seed").is_some() {
        assert_eq!(
            &ours.to_node(),
            sdk_record,
            "{name}: normalized record (keys, order, seeded salts, values)"
        );
        ours
    } else {
        assert_eq!(
            keys_and_values(&ours.to_node()),
            keys_and_values(sdk_record),
            "{name}: flattened keys and values"
        );
        Certificate::from_node(sdk_record).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    // The SDK's record reads back as the same certificate (files move both ways).
    assert_eq!(
        Certificate::from_node(sdk_record).unwrap(),
        cert,
        "{name}: reading the SDK record"
    );

    // 2. Key identifiers and leaves, in record order; the root.
    let issued = Issued::new_with(config, cert).unwrap_or_else(|e| panic!("{name}: {e}"));
    let ids: Vec<u64> = issued.hashes().iter().map(|h| h.key_identifier).collect();
    assert_eq!(
        ids,
        u64s(member(case, "key_identifiers")),
        "{name}: key identifiers"
    );
    let leaves: Vec<u64> = issued.hashes().iter().map(|h| h.leaf).collect();
    let sdk_leaves = u64s(member(case, "leaves"));
    assert_eq!(leaves, sdk_leaves, "{name}: leaves");
    let mut sorted = sdk_leaves;
    sorted.sort_unstable();
    assert_eq!(issued.leaves(), &sorted[..], "{name}: tree leaf order");
    let root = u64_of(member(case, "root"));
    assert_eq!(issued.root(), root, "{name}: root");

    // 3. Proofs: the same siblings for value and key inclusion, and they verify.
    let proofs = items(member(case, "proofs"));
    for p in proofs {
        let key = text(p, "key");
        let siblings = u64s(member(p, "proof"));
        let value = issued.prove_value(key).unwrap();
        assert_eq!(value.leaf, u64_of(member(p, "leaf")), "{name}/{key}: leaf");
        assert_eq!(value.siblings, siblings, "{name}/{key}: value proof");
        assert!(value.verify(root).unwrap().is_accepted(), "{name}/{key}");
        let key_proof = issued.prove_key(key).unwrap();
        assert_eq!(key_proof.siblings, siblings, "{name}/{key}: key proof");
        assert!(
            key_proof.verify(root).unwrap().is_accepted(),
            "{name}/{key}"
        );
        assert_eq!(root_from_siblings(value.leaf, &siblings), root);
    }

    // 4. Every proof in one call: `prove_all` gives the SDK's proof of each key, in
    // claim order, where the case has them all; `prove_many` the listed ones.
    let sdk_proof = |key: &str| {
        proofs
            .iter()
            .find(|p| text(p, "key") == key)
            .map(|p| u64s(member(p, "proof")))
    };
    let all = issued.prove_all(Reveal::Value).unwrap();
    assert_eq!(all.len(), issued.certificate().claims().len(), "{name}");
    for (claim, proof) in issued.certificate().claims().iter().zip(&all) {
        assert_eq!(proof.key, claim.key, "{name}: prove_all order");
        if let Some(siblings) = sdk_proof(&claim.key) {
            assert_eq!(proof.siblings, siblings, "{name}/{}: prove_all", claim.key);
        }
    }
    let keys: Vec<&str> = proofs.iter().rev().map(|p| text(p, "key")).collect();
    let many = issued
        .prove_many(keys.iter().copied(), Reveal::Key)
        .unwrap();
    for (key, proof) in keys.iter().zip(&many) {
        assert_eq!(&proof.key, key, "{name}: prove_many order");
        assert_eq!(Some(proof.siblings.clone()), sdk_proof(key), "{name}/{key}");
    }
    proofs.len()
}

#[test]
fn vectors_cover_the_sizes_the_issue_asks_for() {
    let v = vectors();
    let sizes: Vec<usize> = cases(&v, "cases")
        .iter()
        .map(|c| items(member(c, "leaves")).len())
        .collect();
    for n in [2, 3, 5, 7, 9, 17, 33, 127, 129, 257, 999, 1000] {
        assert!(sizes.contains(&n), "no {n}-leaf certificate");
    }
    let seeded = cases(&v, "cases")
        .iter()
        .filter(|c| c.get("seed").is_some())
        .count();
    assert!(seeded >= 5, "only {seeded} seeded cases");
}

#[test]
fn roots_leaves_and_proofs_match_the_sdk() {
    let v = vectors();
    let mut proofs = 0;
    for case in cases(&v, "cases") {
        proofs += check_case(&Config::FAST, case);
    }
    assert!(proofs > 200, "only {proofs} proofs compared");
}

#[test]
fn reference_hash_path_matches_the_sdk_on_small_certificates() {
    let v = vectors();
    for case in cases(&v, "cases")
        .iter()
        .filter(|c| items(member(c, "leaves")).len() <= 33)
    {
        check_case(&Config::REFERENCE, case);
    }
}

fn divergent<'a>(v: &'a Node, name: &str) -> &'a Node {
    cases(v, "divergent")
        .iter()
        .find(|c| text(c, "name") == name)
        .unwrap_or_else(|| panic!("no divergent case {name}"))
}

fn sdk_root(case: &Node) -> u64 {
    u64_of(member(case, "root"))
}

/// merklab reads the SDK's own record and gets the SDK's root, whatever the input.
fn root_of_sdk_record(case: &Node) -> u64 {
    let cert = Certificate::from_node(member(case, "record")).unwrap();
    Issued::new(cert).unwrap().root()
}

fn rejection(case: &Node) -> String {
    match issue_raw(case) {
        Ok(c) => panic!("{} was accepted: {:?}", text(case, "name"), c),
        Err(e) => e.to_string(),
    }
}

#[test]
fn reserved_keys_are_claims_to_the_sdk_only() {
    let v = vectors();
    let with = divergent(&v, "reserved-keys");
    let without = divergent(&v, "reserved-keys-removed");
    let ours = Issued::new(issue_raw(with).unwrap()).unwrap();
    // merklab never hashes `metadata` or `private`: its root is the SDK's root of the
    // certificate without them, not the SDK's root with them.
    assert_eq!(ours.root(), sdk_root(without));
    assert_ne!(ours.root(), sdk_root(with));
    assert_eq!(root_of_sdk_record(with), sdk_root(with));
}

#[test]
fn inputs_javascript_rewrites_or_drops() {
    let v = vectors();

    // 18446744073709551615 is kept exactly; the SDK hashes the double 18446744073709552000.
    let case = divergent(&v, "unsafe-integer");
    let ours = issue_raw(case).unwrap();
    assert_eq!(ours.get("n").unwrap().value.text(), "18446744073709551615");
    assert_ne!(Issued::new(ours).unwrap().root(), sdk_root(case));
    assert_eq!(root_of_sdk_record(case), sdk_root(case));

    // 2.0 and 1e3 are floats to merklab; JavaScript reads them as 2 and 1000.
    let case = divergent(&v, "integral-float");
    assert!(rejection(case).contains("`n`"));
    assert_eq!(root_of_sdk_record(case), sdk_root(case));

    // Empty objects and arrays are refused, not dropped.
    let case = divergent(&v, "empty-containers");
    assert!(rejection(case).contains("`e`"));
    assert_eq!(root_of_sdk_record(case), sdk_root(case));

    // A literal `a,b` colliding with a nested a.b is refused, not overwritten.
    let case = divergent(&v, "literal-comma-key");
    assert!(rejection(case).contains("a,b"));
    assert_eq!(root_of_sdk_record(case), sdk_root(case));

    // 1e21: both refuse (the SDK fails to parse `1e+21field`).
    let case = divergent(&v, "huge-number");
    assert!(case.get("sdk_error").is_some());
    assert!(rejection(case).contains("`n`"));
}

#[test]
fn integer_like_keys_keep_input_order_with_the_same_claims_and_root() {
    let v = vectors();
    let case = divergent(&v, "integer-like-keys");
    let ours = issue_raw(case).unwrap();
    let order: Vec<&str> = ours.claims().iter().map(|c| c.key.as_str()).collect();
    assert_eq!(order, ["type", "issuer", "b", "10", "2"]);
    let theirs = Certificate::from_node(member(case, "record")).unwrap();
    let their_order: Vec<&str> = theirs.claims().iter().map(|c| c.key.as_str()).collect();
    assert_eq!(their_order, ["2", "10", "type", "issuer", "b"]);
    for claim in theirs.claims() {
        assert_eq!(ours.get(&claim.key), Some(claim), "{}", claim.key);
    }
    assert_eq!(Issued::new(ours).unwrap().root(), sdk_root(case));
}

#[test]
fn yaml_timestamps_stay_strings() {
    let v = vectors();
    let case = divergent(&v, "yaml-timestamp");
    let ours = issue_raw(case).unwrap();
    assert_eq!(ours.get("dob").unwrap().value.text(), "2024-01-01");
    // The SDK's record has no `dob` at all.
    let theirs = Certificate::from_node(member(case, "record")).unwrap();
    assert!(theirs.get("dob").is_none());
    assert_eq!(root_of_sdk_record(case), sdk_root(case));
    assert_ne!(Issued::new(ours).unwrap().root(), sdk_root(case));
}
