//! The Rust side of the Python package's overhead benchmark: 2^20 leaves of 32 bytes
//! in one contiguous buffer (what a 2-D numpy array is), borrowed as slices, hashed
//! with SHA3-256 and built into a binary tree: the path `merklab.Tree(array)` runs.
//! `python/benches/overhead.py` times the Python call against this bench's median
//! (docs/benchmarks.md).

use criterion::{criterion_group, criterion_main, Criterion};
use merklab::core::{hash_leaves, DomainTags, MerkleTree, Policy};
use merklab::hashes::{AnyByteHash, Digest32, HashName};

const LEAVES: usize = 1 << 20;

fn bench(c: &mut Criterion) {
    let buffer: Vec<u8> = (0..LEAVES * 32).map(|i| (i * 131 % 251) as u8).collect();
    let hash = AnyByteHash::new(HashName::Sha3_256, DomainTags::None);
    let mut g = c.benchmark_group("contiguous_leaves");
    g.sample_size(10);
    g.bench_function("sha3-256, 2^20 x 32 bytes", |b| {
        b.iter(|| {
            let slices: Vec<&[u8]> = buffer.chunks_exact(32).collect();
            let digests: Vec<Digest32> = hash_leaves(&hash, &slices);
            MerkleTree::<Digest32, 2>::build(&hash, Policy::new(), digests)
                .expect("leaves")
                .root()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
