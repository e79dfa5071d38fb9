//! Binary tree builds over given leaf digests, 2^10 to 2^20 leaves, against the raw-hash
//! lower bound and `rs_merkle`, for SHA3-256 and SHA-256. Throughput is inner nodes per
//! second (n - 1 nodes for n leaves).
//!
//! `cargo bench --bench tree_build`; `MERKLAB_BENCH_LOG2=20` for one size,
//! `MERKLAB_BENCH_QUICK=1` for a short run, `-- sha3-256` to filter by hash.
//! The bound: a binary tree over n given digests costs at least (n - 1) 64-byte hashes;
//! `raw hash loop` runs exactly that many serially, `raw hash loop, 2 threads` splits
//! them over a 2-thread pool. `rs_merkle` builds single-threaded; every root is checked
//! against merklab's before timing.

mod common;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use merklab::core::{ByteDigest, MerkleTree, Policy, StreamingBuilder};
use merklab::hashes::{ByteHash, ByteHasher, Sha256, Sha3_256};
use merklab_bench::{ByteKind, RsSha3};
use rayon::prelude::*;

fn group<H: ByteHasher, R: rs_merkle::Hasher<Hash = [u8; 32]>>(c: &mut Criterion, kind: ByteKind) {
    let hash = ByteHash::<H>::untagged();
    let policy = Policy::new();
    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group(format!("tree_build/{}", H::NAME));
    g.sample_size(10);
    for n in common::sizes(10, 20) {
        let raw_leaves = merklab_bench::byte_leaves(n);
        let leaves: Vec<ByteDigest<32>> = raw_leaves.iter().map(|l| ByteDigest(*l)).collect();
        let root = MerkleTree::<_, 2>::build_serial(&hash, policy, leaves.clone())
            .expect("leaves")
            .root();
        assert_eq!(
            rs_merkle::MerkleTree::<R>::from_leaves(&raw_leaves).root(),
            Some(root.0),
            "rs_merkle and merklab roots differ"
        );
        g.throughput(Throughput::Elements(n as u64 - 1));
        let block = [7u8; 64];
        g.bench_with_input(BenchmarkId::new("raw hash loop", n), &n, |b, &n| {
            b.iter(|| {
                let mut acc = 0u8;
                for _ in 1..n {
                    acc ^= kind.raw(std::hint::black_box(&block))[0];
                }
                acc
            })
        });
        g.bench_with_input(
            BenchmarkId::new("raw hash loop, 2 threads", n),
            &n,
            |b, &n| {
                two.install(|| {
                    b.iter(|| {
                        (1..n)
                            .into_par_iter()
                            .with_min_len(4096)
                            .map(|_| kind.raw(std::hint::black_box(&block))[0])
                            .reduce(|| 0, |a, b| a ^ b)
                    })
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("merklab serial", n), &leaves, |b, l| {
            b.iter_batched(
                || l.clone(),
                |l| MerkleTree::<_, 2>::build_serial(&hash, policy, l).map(|t| t.root()),
                BatchSize::LargeInput,
            )
        });
        g.bench_with_input(
            BenchmarkId::new("merklab parallel, 2 threads", n),
            &leaves,
            |b, l| {
                two.install(|| {
                    b.iter_batched(
                        || l.clone(),
                        |l| MerkleTree::<_, 2>::build(&hash, policy, l).map(|t| t.root()),
                        BatchSize::LargeInput,
                    )
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("merklab streaming builder", n),
            &leaves,
            |b, l| {
                b.iter(|| {
                    let mut s = StreamingBuilder::<_, 2>::new(&hash, policy);
                    for &leaf in l {
                        let _ = s.push(leaf);
                    }
                    s.root()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("rs_merkle", n), &raw_leaves, |b, l| {
            one.install(|| b.iter(|| rs_merkle::MerkleTree::<R>::from_leaves(l).root()))
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    group::<Sha3_256, RsSha3>(c, ByteKind::Sha3);
    group::<Sha256, rs_merkle::algorithms::Sha256>(c, ByteKind::Sha256);
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
