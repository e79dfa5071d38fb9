//! A 1,000-claim certificate issues with every proof, and the hash count is as
//! the layout predicts (a counting hash of its own, so other tests do not add to it).

use merklab_aleo::{Config, Counting};
use merklab_zpass::{issue_str, InputFormat, IssueOptions, Issued, SaltSource};

#[test]
fn thousand_claims_cost_five_hashes_each_plus_the_tree() {
    let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1issuer""#);
    for i in 0..998 {
        text.push_str(&format!(", \"f{i}\": {}", i * 7919));
    }
    text.push('}');
    let options = IssueOptions {
        salts: SaltSource::Seeded("bench".into()),
        ..IssueOptions::default()
    };
    let doc = issue_str(&text, InputFormat::Json, &options).unwrap();
    let started = std::time::Instant::now();
    let hash = Counting::new(Config::DEFAULT);
    let issued = Issued::new_with(&hash, doc.certificate).unwrap();
    let claims = issued.certificate().claims().to_vec();
    for claim in &claims {
        issued.prove_value(&claim.key).unwrap();
    }
    let took = started.elapsed();
    assert_eq!(claims.len(), 1000);
    // Per claim: key id, salt, value, two merges. The tree: n - 1 merges (promotion is free).
    // Proofs read siblings from the tree and hash nothing.
    assert_eq!(hash.calls(), 5 * 1000 + 999);
    eprintln!("1000 claims: {} hash calls in {took:?}", hash.calls());
}
