//! The `miden` profile's build against miden-crypto's own `MerkleTree::new` on the same
//! words, 2^10 to 2^16 leaves, on one thread and on two (miden-crypto's build is serial;
//! it runs inside the same pools), and one `merge` of each Miden hash through merklab's
//! compression against miden-crypto's function. Roots are checked equal before timing.
//! Throughput counts node hashes (n - 1).
//!
//! `cargo bench --bench miden`; `MERKLAB_BENCH_QUICK=1` for 2^10 only and short runs,
//! `MERKLAB_BENCH_LOG2=N` for one size, `-- tree` / `-- merge` to filter.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use merklab::core::Compression;
use merklab_miden::{Felt, MidenHashName, Word, WordDigest, MODULUS};
use merklab_profiles::miden::Miden;
use merklab_profiles::Layout;
use miden_crypto::hash::{poseidon2::Poseidon2, rpo::Rpo256, rpx::Rpx256};
use miden_crypto::merkle::MerkleTree;

/// `n` words spread over the field.
fn words(n: usize) -> Vec<Word> {
    (0..n as u64)
        .map(|i| {
            Word::new(std::array::from_fn(|j| {
                Felt::new(merklab_bench::splitmix(4 * i + j as u64) % MODULUS).unwrap()
            }))
        })
        .collect()
}

fn trees(c: &mut Criterion) {
    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group("miden_tree");
    g.sample_size(10);
    for n in common::sizes(10, 16) {
        let words = words(n);
        let leaves: Vec<WordDigest> = words.iter().copied().map(WordDigest).collect();
        let reference = MerkleTree::new(&words).expect("a power of two of words");
        let ours = Miden.build(&leaves).expect("a power of two of words");
        assert_eq!(ours.root(), WordDigest(reference.root()), "{n} leaves");
        g.throughput(Throughput::Elements(n as u64 - 1));
        for (threads, pool) in [(1, &one), (2, &two)] {
            g.bench_with_input(
                BenchmarkId::new(format!("merklab miden, {threads} thread(s)"), n),
                &leaves,
                |b, l| pool.install(|| b.iter(|| Miden.build(black_box(l)).map(|t| t.root()))),
            );
            g.bench_with_input(
                BenchmarkId::new(format!("miden-crypto MerkleTree, {threads} thread(s)"), n),
                &words,
                |b, w| pool.install(|| b.iter(|| MerkleTree::new(black_box(w)).map(|t| t.root()))),
            );
        }
    }
    g.finish();
}

/// One of miden-crypto's `merge` functions.
type Merge = fn(&[Word; 2]) -> Word;

fn merges(c: &mut Criterion) {
    let w = words(2);
    let pair = [WordDigest(w[0]), WordDigest(w[1])];
    let mut g = c.benchmark_group("miden_merge");
    let reference: [(MidenHashName, Merge); 3] = [
        (MidenHashName::Rpo256, Rpo256::merge),
        (MidenHashName::Rpx256, Rpx256::merge),
        (MidenHashName::Poseidon2Goldilocks, Poseidon2::merge),
    ];
    for (name, merge) in reference {
        let ours = name.hash();
        assert_eq!(
            Compression::<2>::compress(&ours, &pair).0,
            merge(&[w[0], w[1]])
        );
        g.bench_function(BenchmarkId::new("merklab", name), |b| {
            b.iter(|| Compression::<2>::compress(&ours, black_box(&pair)))
        });
        g.bench_function(BenchmarkId::new("miden-crypto", name), |b| {
            b.iter(|| merge(black_box(&[w[0], w[1]])))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = trees, merges
}
criterion_main!(benches);
