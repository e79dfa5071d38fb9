//! ARC-0102 (zPass) operations: a key identifier, one claim's leaf (key identifier, salt
//! and value hashes, two merges), certificate issuance (parse, salt, hash every leaf,
//! build the tree) for 10, 100 and 1,000 fields, and disclosure verification
//! (recompute the root of a disclosure revealing two claims besides `type` and
//! `issuer`, check it against the trusted root) for the same sizes.
//!
//! Runs on the hash path `merklab_aleo` selects (`HashPath::Fast` by default; the
//! `aleo_hash` suite compares both paths). One thread and two threads for issuance.
//!
//! `cargo bench --bench arc0102`; `MERKLAB_BENCH_QUICK=1` for 10 and 100 fields only.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use merklab::zpass::{
    issue_str, key_identifier, verify_disclosure, CertificateDocument, ClaimHashes, InputFormat,
    IssueOptions, Issued, SaltSource,
};

/// A certificate with `type`, `issuer` and `fields - 2` integer claims.
fn certificate_json(fields: usize) -> String {
    let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1issuer""#);
    for i in 0..fields.saturating_sub(2) {
        text.push_str(&format!(", \"f{i}\": {}", i * 7919));
    }
    text.push('}');
    text
}

fn options() -> IssueOptions {
    IssueOptions {
        salts: SaltSource::Seeded("bench".into()),
        ..IssueOptions::default()
    }
}

fn issue(text: &str) -> u64 {
    let doc = issue_str(text, InputFormat::Json, &options()).expect("certificate parses");
    Issued::new(doc.certificate)
        .expect("certificate issues")
        .root()
}

fn bench(c: &mut Criterion) {
    let sizes: &[usize] = if common::quick() {
        &[10, 100]
    } else {
        &[10, 100, 1000]
    };

    let mut g = c.benchmark_group("arc0102/claim");
    let keys: Vec<String> = (0..256).map(|i| format!("address,line{i}")).collect();
    let mut at = 0;
    g.bench_function("key identifier", |b| {
        b.iter(|| {
            at = (at + 1) % keys.len();
            key_identifier("KYC", "aleo1issuer", black_box(&keys[at]))
        })
    });
    let doc = issue_str(&certificate_json(258), InputFormat::Json, &options()).expect("parses");
    let claims = doc.certificate.claims().to_vec();
    g.bench_function("leaf (key id, salt, value, two merges)", |b| {
        b.iter(|| {
            at = (at + 1) % claims.len();
            ClaimHashes::of("KYC", "aleo1issuer", black_box(&claims[at]))
        })
    });
    g.finish();

    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group("arc0102/issue certificate");
    g.sample_size(10);
    for &n in sizes {
        let text = certificate_json(n);
        g.throughput(Throughput::Elements(n as u64));
        for (threads, pool) in [(1, &one), (2, &two)] {
            g.bench_with_input(
                BenchmarkId::new(format!("{threads} thread(s)"), n),
                &text,
                |b, t| pool.install(|| b.iter(|| issue(black_box(t)))),
            );
        }
    }
    g.finish();

    let mut g = c.benchmark_group("arc0102/verify disclosure");
    g.sample_size(10);
    for &n in sizes {
        let doc = issue_str(&certificate_json(n), InputFormat::Json, &options()).expect("parses");
        let issued = Issued::new(doc.certificate).expect("issues");
        let root = issued.root();
        let disclosed = CertificateDocument::bare(issued.disclose(&["f0", "f1"]).expect("keys"));
        let (_, verdict) = verify_disclosure(&disclosed, Some(root)).expect("verifies");
        assert!(verdict.is_accepted(), "disclosure does not verify");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("1 thread", n), &disclosed, |b, d| {
            one.install(|| b.iter(|| verify_disclosure(black_box(d), Some(root))))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
