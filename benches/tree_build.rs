//! Tree build against the raw-hash lower bound (issue: generic core).
//!
//! `cargo bench --bench tree_build`; set `MERKLAB_BENCH_LOG2` (default 20) for the leaf count.
//! The bound: building a binary SHA3-256 tree over n given digests costs at least
//! (n - 1) 64-byte SHA3-256 hashes; `raw_loop` measures exactly that many, serially.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use merklab::core::{MerkleTree, Policy, StreamingBuilder};
use merklab::hashes::{ByteHash, Digest32, Sha3_256};
use sha3::Digest as _;

fn leaves(n: usize) -> Vec<Digest32> {
    (0..n as u64)
        .map(|i| {
            let mut d = [0u8; 32];
            d[..8].copy_from_slice(&i.to_le_bytes());
            merklab::core::ByteDigest(sha3::Sha3_256::digest(d).into())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let log2: u32 = std::env::var("MERKLAB_BENCH_LOG2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let n = 1usize << log2;
    let input = leaves(n);
    let hash = ByteHash::<Sha3_256>::untagged();
    let policy = Policy::new();

    let mut g = c.benchmark_group(format!("sha3-256 binary tree, 2^{log2} leaves"));
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64 - 1));
    g.bench_function("raw hash loop (n-1 x 64-byte SHA3-256)", |b| {
        let block = [7u8; 64];
        b.iter(|| {
            let mut acc = [0u8; 32];
            for _ in 0..n - 1 {
                let out: [u8; 32] = sha3::Sha3_256::digest(std::hint::black_box(&block)).into();
                acc[0] ^= out[0];
            }
            acc
        })
    });
    g.bench_function("merklab build, serial", |b| {
        b.iter_batched(
            || input.clone(),
            |l| MerkleTree::<_, 2>::build_serial(&hash, policy, l).map(|t| t.root()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("merklab build, parallel", |b| {
        b.iter_batched(
            || input.clone(),
            |l| MerkleTree::<_, 2>::build(&hash, policy, l).map(|t| t.root()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("merklab streaming builder", |b| {
        b.iter(|| {
            let mut s = StreamingBuilder::<_, 2>::new(&hash, policy);
            for &l in &input {
                let _ = s.push(l);
            }
            s.root()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
