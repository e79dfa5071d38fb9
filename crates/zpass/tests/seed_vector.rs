//! ARC-0102's worked example (tests/vectors/arc0102-seed.json, copied from the
//! spec's Test Cases section): every intermediate value, the root and the dob proof.

use merklab_aleo::literal;
use merklab_zpass::json::{parse_json, Node};
use merklab_zpass::{
    flatten, issue_str, ArrayStyle, Certificate, CertificateDocument, Claim, InputFormat,
    IssueOptions, Issued, SaltSource,
};

fn vector() -> Node {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/arc0102-seed.json"
    );
    let text = std::fs::read_to_string(path).expect("read the seed vector");
    parse_json(&text).expect("parse the seed vector")
}

fn u64_of(node: &Node) -> u64 {
    literal::parse_u64(node.as_str().expect("a u64 literal string")).expect("a u64 literal")
}

fn member<'a>(node: &'a Node, path: &[&str]) -> &'a Node {
    path.iter().fold(node, |n, k| {
        n.get(k).unwrap_or_else(|| panic!("no `{k}` in the vector"))
    })
}

/// The raw certificate flattened, then salted with the vector's salts.
fn seed_certificate(v: &Node) -> Certificate {
    let flat = flatten(member(v, &["certificate"]), ArrayStyle::Spec).unwrap();
    let claims = flat
        .entries
        .into_iter()
        .map(|(key, value)| Claim {
            salt: member(v, &["normalized", &key, "salt"])
                .as_str()
                .unwrap()
                .to_string(),
            key,
            value,
        })
        .collect();
    Certificate::new(claims, Vec::new()).unwrap()
}

#[test]
fn every_intermediate_value_and_the_root() {
    let v = vector();
    let cert = seed_certificate(&v);
    let keys: Vec<&str> = cert.claims().iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        ["type", "issuer", "name", "dob"],
        "input order is kept"
    );
    let issued = Issued::new(cert).unwrap();
    for (claim, h) in issued.certificate().claims().iter().zip(issued.hashes()) {
        let k = claim.key.as_str();
        assert_eq!(
            h.key_identifier,
            u64_of(member(&v, &["key_identifiers", k])),
            "{k} id"
        );
        assert_eq!(
            h.salt_hash,
            u64_of(member(&v, &["salt_hashes", k])),
            "{k} salt"
        );
        assert_eq!(
            h.value_hash,
            u64_of(member(&v, &["value_hashes", k])),
            "{k} value"
        );
        assert_eq!(h.leaf, u64_of(member(&v, &["leaves", k])), "{k} leaf");
    }
    let Node::Array(level1) = member(&v, &["level1"]) else {
        panic!("level1")
    };
    let level1: Vec<u64> = level1.iter().map(u64_of).collect();
    assert_eq!(issued.tree().layer(1).unwrap(), level1.as_slice());
    assert_eq!(issued.root(), u64_of(member(&v, &["root"])));
}

#[test]
fn dob_proof_equals_the_vector_and_verifies() {
    let v = vector();
    let issued = Issued::new(seed_certificate(&v)).unwrap();
    let proof = issued.prove_value("dob").unwrap();
    let Node::Array(expected) = member(&v, &["dob_proof"]) else {
        panic!("dob_proof")
    };
    let expected: Vec<u64> = expected.iter().map(u64_of).collect();
    assert_eq!(proof.siblings, expected);
    let root = u64_of(member(&v, &["root"]));
    assert!(proof.verify(root).unwrap().is_accepted());
    let padded = proof.leo_proof().unwrap();
    assert_eq!(&padded[..2], expected.as_slice());
    assert!(padded[2..].iter().all(|&x| x == 0));
    // The document round-trips and still verifies.
    let again = merklab_zpass::ClaimProof::parse(&proof.to_json().unwrap()).unwrap();
    assert_eq!(again, proof);
    assert!(!proof.verify(root ^ 1).unwrap().is_accepted());
}

#[test]
fn normalized_record_reads_as_the_vector_writes_it() {
    let v = vector();
    let normalized = member(&v, &["normalized"]);
    let doc = CertificateDocument::from_node(normalized).unwrap();
    assert_eq!(doc.certificate, seed_certificate(&v));
    // Our own file for the demo holds the same certificate.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/zpass-seed-certificate.json"
    );
    let ours = CertificateDocument::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(ours.certificate, doc.certificate);
    // Envelope round trip keeps order, exact integers and the root.
    let mut env = CertificateDocument::bare(doc.certificate.clone());
    env.root = Some(u64_of(member(&v, &["root"])));
    let back = CertificateDocument::parse(&env.to_json()).unwrap();
    assert_eq!(back, env);
}

#[test]
fn text_form_matches_the_spec() {
    let issued_text = seed_certificate(&vector()).to_text().unwrap();
    assert!(issued_text.contains("dob:03dff77c-f450-43ac-a8a6-54fdfe8fd58c 1737213145\n"));
    assert!(issued_text.contains("name:1b13c461-8ed4-420a-b1f4-9d6b1f84decc Alice Wonderland\n"));
    assert!(issued_text.starts_with("type:2fc55f97-a9a3-4ed7-8815-634441580111 KYC\n"));
}

#[test]
fn seeded_salts_reproduce_the_reference_sdk() {
    let v = vector();
    let sdk = member(&v, &["reference_sdk_deterministic_salts"]);
    let seed = member(sdk, &["seed"]).as_str().unwrap().to_string();
    let Node::Object(salts) = member(sdk, &["salts"]) else {
        panic!("salts")
    };
    // The SDK's test certificate shape, nested address included.
    let input = r#"{"name": "Alice", "age": 30, "dob": 1737213145, "issuer": "aleo1x",
                    "type": "KYC", "address": {"street": "Main St", "city": "Oslo"}}"#;
    let doc = issue_str(
        input,
        InputFormat::Json,
        &IssueOptions {
            salts: SaltSource::Seeded(seed),
            arrays: ArrayStyle::Spec,
        },
    )
    .unwrap();
    assert_eq!(doc.certificate.claims().len(), salts.len());
    for (key, salt) in salts {
        let claim = doc
            .certificate
            .get(key)
            .unwrap_or_else(|| panic!("no {key}"));
        assert_eq!(Some(claim.salt.as_str()), salt.as_str(), "{key}");
    }
}

#[test]
fn random_salts_are_v4_uuids_and_differ() {
    let input = r#"{"type": "KYC", "issuer": "aleo1x"}"#;
    let a = issue_str(input, InputFormat::Json, &IssueOptions::default()).unwrap();
    let b = issue_str(input, InputFormat::Json, &IssueOptions::default()).unwrap();
    let (sa, sb) = (
        &a.certificate.claims()[0].salt,
        &b.certificate.claims()[0].salt,
    );
    assert_ne!(sa, sb);
    let parsed = uuid_version(sa);
    assert_eq!(parsed, Some('4'), "{sa}");
}

fn uuid_version(s: &str) -> Option<char> {
    // 8-4-4-4-12 hex; the version is the first digit of the third group.
    let groups: Vec<&str> = s.split('-').collect();
    if groups.len() != 5 || groups.iter().map(|g| g.len()).collect::<Vec<_>>() != [8, 4, 4, 4, 12] {
        return None;
    }
    groups[2].chars().next()
}
