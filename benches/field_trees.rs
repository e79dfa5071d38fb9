//! Aleo field hashes in snarkVM's tree layout (depth 32; Poseidon4 leaves over
//! `[0field, leaf]` and Poseidon2 nodes over `[1field, left, right]`; BHP1024 leaves over
//! `false ‖ bits` and BHP512 nodes over `true ‖ left ‖ right`), merklab against snarkVM's
//! own `MerkleTree` (`Network::merkle_tree_psd` / `merkle_tree_bhp`) on the same leaves,
//! 1 and 2 threads, 2^10 to 2^16 leaves, with the raw leaf and node hashes in a loop as
//! the lower bound. Roots are checked equal before timing. Throughput counts hashes
//! (n leaves + n - 1 nodes). Also: one leaf hash and one node compression at arity 2,
//! 4 and 8, and proof generation and verification on a 2^10-leaf tree.
//!
//! merklab's side is `merklab_aleo::family` (`Poseidon`, `Bhp`) under the profile
//! `merklab_profiles::snarkvm::policy`, so whatever hash path `merklab_aleo` selects
//! (`HashPath::Fast` by default) is what is measured.
//!
//! `cargo bench --bench field_trees`; `MERKLAB_BENCH_QUICK=1` for 2^10 only,
//! `MERKLAB_BENCH_LOG2=N` for one size, `-- poseidon` / `-- bhp` to filter. A BHP build
//! at 2^16 takes seconds: the full suite runs for a quarter of an hour.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use merklab::aleo::FieldDigest;
use merklab::core::{verify, Compression, LeafHash, MerkleTree};
use merklab_bench::{
    check_snarkvm_root, field_leaves, merklab_root, raw_field_loop, BhpTree, PoseidonTree,
    SnarkvmTree, SNARKVM_DEPTH,
};

/// Layout `T` built by merklab and by snarkVM's `MerkleTree`, against the raw-loop bound.
fn trees<T: SnarkvmTree>(c: &mut Criterion) {
    let (leaf, node) = T::hashes();
    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group(format!("field_tree/{}", T::NAME));
    g.sample_size(10);
    for n in common::sizes(10, 16) {
        let leaves: Vec<T::Leaf> = field_leaves(n).iter().map(T::leaf).collect();
        two.install(|| check_snarkvm_root::<T>(&leaf, &node, &leaves))
            .expect("snarkVM and merklab roots agree");
        g.throughput(Throughput::Elements(2 * n as u64 - 1));
        g.bench_with_input(BenchmarkId::new("raw hash loop", n), &leaves, |b, l| {
            b.iter(|| raw_field_loop::<T>(&leaf, &node, l))
        });
        for (threads, pool) in [(1, &one), (2, &two)] {
            g.bench_with_input(
                BenchmarkId::new(format!("merklab, {threads} thread(s)"), n),
                &leaves,
                |b, l| pool.install(|| b.iter(|| merklab_root::<T>(&leaf, &node, l))),
            );
            g.bench_with_input(
                BenchmarkId::new(format!("snarkVM MerkleTree, {threads} thread(s)"), n),
                &leaves,
                |b, l| pool.install(|| b.iter(|| T::snarkvm_root(l))),
            );
        }
    }
    g.finish();
}

/// The first `K` of `children`, as a group.
fn group<const K: usize>(children: &[FieldDigest]) -> &[FieldDigest; K] {
    children.first_chunk().expect("at least K children")
}

/// One leaf hash, one compression at arity 2, 4, 8, proofs on a 2^10-leaf tree.
fn single<L, C>(c: &mut Criterion, name: &str, leaf: &L, node: &C, input: &L::Input)
where
    L: LeafHash<Digest = FieldDigest>,
    C: Compression<2, Digest = FieldDigest> + Compression<4, Digest = FieldDigest>,
    C: Compression<8, Digest = FieldDigest>,
{
    let children: Vec<FieldDigest> = field_leaves(8).into_iter().map(FieldDigest).collect();
    let mut g = c.benchmark_group(format!("field_hash/{name}"));
    g.bench_function("leaf hash", |b| b.iter(|| leaf.hash_leaf(black_box(input))));
    g.bench_function(BenchmarkId::new("compress", 2), |b| {
        b.iter(|| Compression::<2>::compress(node, black_box(group::<2>(&children))))
    });
    g.bench_function(BenchmarkId::new("compress", 4), |b| {
        b.iter(|| Compression::<4>::compress(node, black_box(group::<4>(&children))))
    });
    g.bench_function(BenchmarkId::new("compress", 8), |b| {
        b.iter(|| Compression::<8>::compress(node, black_box(group::<8>(&children))))
    });
    let policy = merklab_profiles::snarkvm::policy(SNARKVM_DEPTH);
    let digests: Vec<FieldDigest> = field_leaves(1 << 10).into_iter().map(FieldDigest).collect();
    let tree = MerkleTree::<_, 2>::build(node, policy, digests.clone()).expect("leaves");
    let proof = tree.prove(517).expect("index");
    g.bench_function("prove (2^10 leaves)", |b| {
        b.iter(|| tree.prove(black_box(517)))
    });
    g.bench_function("verify (2^10 leaves, depth 32)", |b| {
        b.iter(|| verify(node, &policy, tree.root(), digests[517], black_box(&proof)))
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let f = field_leaves(1);
    let (leaf, node) = PoseidonTree::hashes();
    single(
        c,
        PoseidonTree::NAME,
        &leaf,
        &node,
        &PoseidonTree::leaf(&f[0])[..],
    );
    let (leaf, node) = BhpTree::hashes();
    single(c, BhpTree::NAME, &leaf, &node, &BhpTree::leaf(&f[0])[..]);
    trees::<PoseidonTree>(c);
    trees::<BhpTree>(c);
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = bench
}
criterion_main!(benches);
