//! The certificate workload reports what the ARC-0102 layout predicts: one proof per
//! claim, five hash calls per claim plus the tree's n - 1 merges, one fewer per claim
//! once the schema's key identifiers are cached, and the same root on every path.

use merklab_aleo::{Config, HashPath};
use merklab_bench::{issue_and_prove_all, issue_and_prove_all_cached, issue_and_prove_all_with};
use merklab_zpass::{issue_str, Certificate, InputFormat, IssueOptions, KeyIdCache, SaltSource};

fn certificate(claims: usize) -> Certificate {
    let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1issuer""#);
    for i in 0..claims - 2 {
        text.push_str(&format!(", \"f{i}\": {}", i * 7919));
    }
    text.push('}');
    let options = IssueOptions {
        salts: SaltSource::Seeded("bench".into()),
        ..IssueOptions::default()
    };
    issue_str(&text, InputFormat::Json, &options)
        .unwrap()
        .certificate
}

#[test]
fn counts_follow_the_layout() {
    let n = 200;
    let plain = issue_and_prove_all(certificate(n)).unwrap();
    assert_eq!(plain.proofs, n);
    assert_eq!(plain.hash_calls, 5 * n as u64 + (n as u64 - 1));

    let cache = KeyIdCache::default();
    let first = issue_and_prove_all_cached(certificate(n), &cache).unwrap();
    let second = issue_and_prove_all_cached(certificate(n), &cache).unwrap();
    assert_eq!(first, plain);
    assert_eq!(second.hash_calls, 4 * n as u64 + (n as u64 - 1));
    assert_eq!(second.root, plain.root);

    let reference =
        issue_and_prove_all_with(Config::path(HashPath::Reference), certificate(20), None).unwrap();
    let fast =
        issue_and_prove_all_with(Config::path(HashPath::Fast), certificate(20), None).unwrap();
    assert_eq!(reference, fast);
}
