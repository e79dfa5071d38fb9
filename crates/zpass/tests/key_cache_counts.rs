//! Key identifiers cached per schema: identical certificates with and without the
//! cache, and one hash call fewer per claim from the second certificate of a schema
//! on. Each report counts its own hash calls.

use merklab_aleo::{Config, Counting};
use merklab_zpass::{
    issue_str, Certificate, InputFormat, IssueOptions, Issued, KeyIdCache, SaltSource,
};

/// Issues `certificate` and proves every claim with a counting hash of its own:
/// (root, proofs, hash calls).
fn issue_counted(certificate: Certificate, cache: Option<&KeyIdCache>) -> (u64, usize, u64) {
    let hash = Counting::new(Config::DEFAULT);
    let issued = Issued::build(&hash, certificate, cache).unwrap();
    let keys: Vec<String> = issued
        .certificate()
        .claims()
        .iter()
        .map(|c| c.key.clone())
        .collect();
    for key in &keys {
        issued.prove_value(key).unwrap();
    }
    (issued.root(), keys.len(), hash.calls())
}

/// `claims` claims in all: `type`, `issuer`, then integer fields whose values depend on `seed`.
fn certificate(issuer: &str, claims: usize, seed: u64) -> Certificate {
    let mut text = format!(r#"{{"type": "KYC", "issuer": "{issuer}""#);
    for i in 0..claims as u64 - 2 {
        text.push_str(&format!(", \"f{i}\": {}", i * 7919 + seed));
    }
    text.push('}');
    let options = IssueOptions {
        salts: SaltSource::Seeded(format!("salt-{seed}")),
        ..IssueOptions::default()
    };
    issue_str(&text, InputFormat::Json, &options)
        .unwrap()
        .certificate
}

#[test]
fn second_certificate_of_a_schema_hashes_no_key() {
    let n = 1000;
    let cache = KeyIdCache::new(4);
    let (first_root, _, first_calls) =
        issue_counted(certificate("aleo1issuer", n, 1), Some(&cache));
    // Per claim: key id, salt, value, two merges; the tree: n - 1 merges.
    assert_eq!(first_calls, 5 * n as u64 + (n as u64 - 1));
    assert_eq!((cache.hits(), cache.misses(), cache.len()), (0, 1, 1));

    // Same schema, other salts and values: the key ids come from the cache.
    let second = issue_counted(certificate("aleo1issuer", n, 2), Some(&cache));
    assert_eq!(second.2, 4 * n as u64 + (n as u64 - 1));
    assert_eq!(cache.hits(), 1);
    let uncached = issue_counted(certificate("aleo1issuer", n, 2), None);
    assert_eq!(uncached.2, first_calls);
    assert_eq!(second.0, uncached.0);
    assert_eq!(second.1, uncached.1);
    assert_ne!(second.0, first_root);

    // Another issuer is another schema.
    let other = issue_counted(certificate("aleo1other", n, 2), Some(&cache));
    assert_eq!(other.2, first_calls);
    assert_ne!(other.0, second.0);
    assert_eq!(cache.len(), 2);
}

#[test]
fn cached_hashes_equal_uncached_ones_claim_by_claim() {
    let cache = KeyIdCache::default();
    let warm = certificate("aleo1issuer", 40, 7);
    Issued::with_cache(warm, &cache).unwrap();
    let cert = certificate("aleo1issuer", 40, 8);
    let with = Issued::with_cache(cert.clone(), &cache).unwrap();
    let without = Issued::new(cert).unwrap();
    assert_eq!(cache.hits(), 1);
    assert_eq!(with.hashes(), without.hashes());
    assert_eq!(with.root(), without.root());
    assert_eq!(with.leaves(), without.leaves());
    // And each cached id is the spec's hash(type + issuer + key).
    for (claim, h) in with.certificate().claims().iter().zip(with.hashes()) {
        assert_eq!(
            h.key_identifier,
            merklab_zpass::key_identifier("KYC", "aleo1issuer", &claim.key)
        );
    }
}
