//! Per byte backend (SHA3-256, Keccak-256, SHA-256, BLAKE2s-256, BLAKE2b-256, BLAKE3):
//! one leaf hash (64-byte input), one node compression at arity 2, 4 and 8, and on a
//! binary tree of 2^16 leaves (2^10 with `MERKLAB_BENCH_QUICK=1`): proof generation,
//! proof verification and the verification of a 16-leaf multiproof. For SHA-256 and
//! SHA3-256, `rs_merkle` does the same proof work on the same tree in the same run.
//!
//! `cargo bench --bench backends`; `-- sha256` or `-- compress` to filter.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use merklab::core::{verify, verify_many, ByteDigest, Compression, LeafHash, MerkleTree, Policy};
use merklab::hashes::{
    Blake2b256, Blake2s256, Blake3, ByteHash, ByteHasher, Keccak256, Sha256, Sha3_256,
};
use merklab_bench::RsSha3;

/// Leaves whose proofs are verified together in the multiproof benchmarks.
const MULTI: usize = 16;

/// The first `K` of `children`, as a group.
fn group<const K: usize>(children: &[ByteDigest<32>]) -> &[ByteDigest<32>; K] {
    children.first_chunk().expect("at least K children")
}

fn hashes<H: ByteHasher>(c: &mut Criterion) {
    let hash = ByteHash::<H>::untagged();
    let mut g = c.benchmark_group(format!("hash/{}", H::NAME));
    let input = [0x5au8; 64];
    g.bench_function("leaf hash, 64 bytes", |b| {
        b.iter(|| hash.hash_leaf(black_box(&input)))
    });
    let children: Vec<ByteDigest<32>> = merklab_bench::byte_leaves(8)
        .into_iter()
        .map(ByteDigest)
        .collect();
    g.bench_with_input(
        BenchmarkId::new("compress", 2),
        group::<2>(&children),
        |b, c| b.iter(|| Compression::<2>::compress(&hash, black_box(c))),
    );
    g.bench_with_input(
        BenchmarkId::new("compress", 4),
        group::<4>(&children),
        |b, c| b.iter(|| Compression::<4>::compress(&hash, black_box(c))),
    );
    g.bench_with_input(
        BenchmarkId::new("compress", 8),
        group::<8>(&children),
        |b, c| b.iter(|| Compression::<8>::compress(&hash, black_box(c))),
    );
    g.finish();
}

/// Proof work on one tree; `R` is the `rs_merkle` peer when `peer` is set.
fn proofs<H: ByteHasher, R: rs_merkle::Hasher<Hash = [u8; 32]>>(c: &mut Criterion, peer: bool) {
    let hash = ByteHash::<H>::untagged();
    let policy = Policy::new();
    let n = if common::quick() { 1 << 10 } else { 1 << 16 };
    let raw = merklab_bench::byte_leaves(n);
    let leaves: Vec<ByteDigest<32>> = raw.iter().map(|l| ByteDigest(*l)).collect();
    let tree = MerkleTree::<_, 2>::build(&hash, policy, leaves.clone()).expect("leaves");
    let root = tree.root();
    // Spread-out indices, so proofs differ in shape.
    let indices: Vec<usize> = (0..256)
        .map(|i| (merklab_bench::splitmix(i) as usize) % n)
        .collect();
    let proofs: Vec<_> = indices
        .iter()
        .map(|&i| tree.prove(i).expect("index"))
        .collect();
    let mut multi: Vec<usize> = (0..MULTI).map(|i| i * (n / MULTI) + i).collect();
    multi.sort_unstable();
    let multi_leaves: Vec<ByteDigest<32>> = multi.iter().map(|&i| leaves[i]).collect();
    let multiproof = tree.prove_many(&multi).expect("indices");

    let mut g = c.benchmark_group(format!("proof/{}", H::NAME));
    let mut at = 0;
    g.bench_function(BenchmarkId::new("merklab prove", n), |b| {
        b.iter(|| {
            at = (at + 1) % indices.len();
            tree.prove(black_box(indices[at]))
        })
    });
    g.bench_function(BenchmarkId::new("merklab verify", n), |b| {
        b.iter(|| {
            at = (at + 1) % indices.len();
            verify(
                &hash,
                &policy,
                root,
                leaves[indices[at]],
                black_box(&proofs[at]),
            )
        })
    });
    assert!(verify_many(&hash, &policy, root, &multi_leaves, &multiproof).is_ok());
    g.bench_function(
        BenchmarkId::new(format!("merklab verify multiproof ({MULTI} leaves)"), n),
        |b| b.iter(|| verify_many(&hash, &policy, root, &multi_leaves, black_box(&multiproof))),
    );
    if peer {
        let theirs = rs_merkle::MerkleTree::<R>::from_leaves(&raw);
        assert_eq!(
            theirs.root(),
            Some(root.0),
            "rs_merkle and merklab roots differ"
        );
        let their_root = root.0;
        let their_proofs: Vec<_> = indices.iter().map(|&i| theirs.proof(&[i])).collect();
        g.bench_function(BenchmarkId::new("rs_merkle prove", n), |b| {
            b.iter(|| {
                at = (at + 1) % indices.len();
                theirs.proof(black_box(&[indices[at]]))
            })
        });
        g.bench_function(BenchmarkId::new("rs_merkle verify", n), |b| {
            b.iter(|| {
                at = (at + 1) % indices.len();
                let i = indices[at];
                their_proofs[at].verify(their_root, &[i], &[raw[i]], n)
            })
        });
        let multi_raw: Vec<[u8; 32]> = multi.iter().map(|&i| raw[i]).collect();
        let their_multi = theirs.proof(&multi);
        assert!(their_multi.verify(their_root, &multi, &multi_raw, n));
        g.bench_function(
            BenchmarkId::new(format!("rs_merkle verify multiproof ({MULTI} leaves)"), n),
            |b| b.iter(|| black_box(&their_multi).verify(their_root, &multi, &multi_raw, n)),
        );
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    hashes::<Sha3_256>(c);
    hashes::<Keccak256>(c);
    hashes::<Sha256>(c);
    hashes::<Blake2s256>(c);
    hashes::<Blake2b256>(c);
    hashes::<Blake3>(c);
    proofs::<Sha3_256, RsSha3>(c, true);
    proofs::<Sha256, rs_merkle::algorithms::Sha256>(c, true);
    // No rs_merkle peer for these: the type parameter is unused.
    proofs::<Keccak256, RsSha3>(c, false);
    proofs::<Blake2s256, RsSha3>(c, false);
    proofs::<Blake2b256, RsSha3>(c, false);
    proofs::<Blake3, RsSha3>(c, false);
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
