//! Aleo `hash_to_u64` (SHA3-256, then BHP256 to a group point, low 64 bits of x):
//! the fast path beside snarkvm-console (the reference path) on the same inputs,
//! Poseidon2/4/8 likewise, then a whole 1,000-field ARC-0102 certificate on both
//! paths, 1 and 2 threads, and on the fast path with the schema's key identifiers
//! cached (every certificate after the first of a schema).
//!
//! `cargo bench --bench aleo_hash`. Single-call groups take one input per
//! iteration, cycling through 256 distinct inputs; batch groups hash 64 inputs
//! per iteration (divide by 64 for ns per hash).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use merklab_aleo::family::{poseidon_hash_on, PoseidonRate};
use merklab_aleo::{encode_to_f, Config, Field, HashPath, Simd, U64Hash};
use merklab_bench::{issue_and_prove_all_with, IssueReport};
use merklab_zpass::{issue_str, InputFormat, IssueOptions, KeyIdCache, SaltSource};

/// Distinct inputs per single-call benchmark (a repeated input flatters the caches).
const INPUTS: usize = 256;
/// Inputs per batch call.
const BATCH: usize = 64;

fn fields() -> Vec<Field> {
    (0..INPUTS)
        .map(|i| encode_to_f(&format!("2fc55f97-a9a3-4ed7-8815-{i:012}")))
        .collect()
}

fn u128s() -> Vec<u128> {
    (0..INPUTS as u128)
        .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835) ^ 12345)
        .collect()
}

fn pairs() -> Vec<(u64, u64)> {
    u128s()
        .iter()
        .map(|v| (*v as u64, (*v >> 64) as u64))
        .collect()
}

fn salts() -> Vec<String> {
    (0..INPUTS)
        .map(|i| format!("d64266d2-b9cd-46c2-8ed1-{i:012}"))
        .collect()
}

/// Benchmarks `f` over the inputs, one input per iteration.
fn cycle<'a, T>(
    inputs: &'a [T],
    mut f: impl FnMut(&T) -> u64 + 'a,
) -> impl FnMut(&mut criterion::Bencher) + 'a {
    move |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % inputs.len();
            f(black_box(&inputs[i]))
        })
    }
}

fn single_calls(c: &mut Criterion) {
    assert!(
        merklab_aleo::warm_up(),
        "fast-path tables failed their self-check"
    );
    let (fields, values, pairs, salts) = (fields(), u128s(), pairs(), salts());

    let mut g = c.benchmark_group("hash_field");
    g.bench_function(
        "reference",
        cycle(&fields, |x| Config::REFERENCE.hash_field(x)),
    );
    g.bench_function("fast", cycle(&fields, |x| Config::FAST.hash_field(x)));
    g.finish();

    let mut g = c.benchmark_group("hash_u128");
    g.bench_function(
        "reference",
        cycle(&values, |v| Config::REFERENCE.hash_u128(*v)),
    );
    g.bench_function("fast", cycle(&values, |v| Config::FAST.hash_u128(*v)));
    g.finish();

    let mut g = c.benchmark_group("hash_merge");
    g.bench_function(
        "reference",
        cycle(&pairs, |&(a, b)| Config::REFERENCE.hash_merge(a, b)),
    );
    g.bench_function(
        "fast",
        cycle(&pairs, |&(a, b)| Config::FAST.hash_merge(a, b)),
    );
    g.finish();

    let mut g = c.benchmark_group("hash_string (36-byte salt)");
    g.bench_function(
        "reference",
        cycle(&salts, |s| Config::REFERENCE.hash_string(s)),
    );
    g.bench_function("fast", cycle(&salts, |s| Config::FAST.hash_string(s)));
    g.finish();
}

/// Poseidon2/4/8 over one chunk of input (2, 4 and 8 fields), cycling through
/// 256 distinct inputs, fast beside snarkvm-console.
fn poseidon(c: &mut Criterion) {
    assert!(
        merklab_aleo::warm_up(),
        "fast-path tables failed their self-check"
    );
    let fields = fields();
    for (rate, name) in [
        (PoseidonRate::Psd2, "poseidon2 hash (2 fields)"),
        (PoseidonRate::Psd4, "poseidon4 hash (4 fields)"),
        (PoseidonRate::Psd8, "poseidon8 hash (8 fields)"),
    ] {
        let n = rate.rate();
        let inputs: Vec<Vec<Field>> = (0..INPUTS)
            .map(|i| (0..n).map(|j| fields[(i + j) % INPUTS]).collect())
            .collect();
        let mut g = c.benchmark_group(name);
        g.bench_function("reference", |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % INPUTS;
                poseidon_hash_on(HashPath::Reference, rate, black_box(&inputs[i]))
            })
        });
        g.bench_function("fast", |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % INPUTS;
                poseidon_hash_on(HashPath::Fast, rate, black_box(&inputs[i]))
            })
        });
        g.finish();
    }
}

fn batches(c: &mut Criterion) {
    let (fields, pairs) = (fields(), pairs());
    // One thread: these compare per-hash cost, not parallelism.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");

    let mut g = c.benchmark_group(format!("hash_field_batch x{BATCH}"));
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("reference", |b| {
        pool.install(|| b.iter(|| Config::REFERENCE.hash_field_batch(black_box(&fields[..BATCH]))))
    });
    g.bench_function("fast", |b| {
        pool.install(|| b.iter(|| Config::FAST.hash_field_batch(black_box(&fields[..BATCH]))))
    });
    g.finish();

    let mut g = c.benchmark_group(format!("hash_merge_batch x{BATCH}"));
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("reference", |b| {
        pool.install(|| b.iter(|| Config::REFERENCE.hash_merge_batch(black_box(&pairs[..BATCH]))))
    });
    g.bench_function("fast", |b| {
        pool.install(|| b.iter(|| Config::FAST.hash_merge_batch(black_box(&pairs[..BATCH]))))
    });
    g.bench_function("fast, IFMA off", |b| {
        pool.install(|| b.iter(|| Config::SCALAR.hash_merge_batch(black_box(&pairs[..BATCH]))));
    });
    g.finish();
}

/// A certificate with `type`, `issuer` and 998 integer fields: 1,000 claims.
fn certificate_json() -> String {
    let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1issuer""#);
    for i in 0..998 {
        text.push_str(&format!(", \"f{i}\": {}", i * 7919));
    }
    text.push('}');
    text
}

/// Salts (seeded, as the SDK derives them), every leaf once, the tree, every key's
/// proof; key identifiers from `cache` when one is given.
fn issue_certificate(config: Config, text: &str, cache: Option<&KeyIdCache>) -> IssueReport {
    let options = IssueOptions {
        salts: SaltSource::Seeded("bench".into()),
        ..IssueOptions::default()
    };
    let doc = issue_str(text, InputFormat::Json, &options).expect("certificate parses");
    issue_and_prove_all_with(config, doc.certificate, cache).expect("certificate issues")
}

fn certificate(c: &mut Criterion) {
    let text = certificate_json();
    // Both paths must issue the same root with the same number of hash calls, and a
    // warm key-identifier cache the same root with one call fewer per claim.
    let mut reports = Vec::new();
    for path in [HashPath::Reference, HashPath::Fast] {
        reports.push(issue_certificate(Config::path(path), &text, None));
    }
    assert_eq!(reports[0], reports[1], "reference and fast paths disagree");
    let cache = KeyIdCache::default();
    issue_certificate(Config::DEFAULT, &text, Some(&cache));
    let cached = issue_certificate(Config::DEFAULT, &text, Some(&cache));
    assert_eq!(
        cached.root, reports[1].root,
        "the key-id cache changed the root"
    );
    eprintln!(
        "1,000-field certificate: root {}, {} proofs, {} hash_to_u64 calls per certificate ({} with the schema's key ids cached)",
        reports[1].root, reports[1].proofs, reports[1].hash_calls, cached.hash_calls
    );

    let mut g = c.benchmark_group("certificate 1000 fields (issue + every proof)");
    g.sample_size(10);
    for (path, cached, simd) in [
        (HashPath::Reference, false, true),
        (HashPath::Fast, false, false),
        (HashPath::Fast, false, true),
        (HashPath::Fast, true, true),
    ] {
        for threads in [1, 2] {
            let pool = merklab_bench::pool(threads).expect("pool");
            let name = format!(
                "{} path{}{}, {threads} thread{}",
                path.name(),
                if simd { "" } else { " (IFMA off)" },
                if cached { " + key-id cache" } else { "" },
                if threads > 1 { "s" } else { "" }
            );
            let config = Config::new(path, if simd { Simd::Auto } else { Simd::Off });
            g.bench_function(name, |b| {
                let cache = cached.then_some(&cache);
                pool.install(|| b.iter(|| issue_certificate(config, black_box(&text), cache)));
            });
        }
    }
    g.finish();
}

criterion_group!(benches, single_calls, poseidon, batches, certificate);
criterion_main!(benches);
