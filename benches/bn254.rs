//! circom's Poseidon over BN254 through merklab (`poseidon-bn254`) against
//! `light-poseidon`, the crate whose parameters it uses: one hash of 2 and of 4 inputs,
//! and a LeanIMT (`lean-imt` profile) of 2^10 to 2^16 leaves against the same binary
//! tree hashed level by level with `light-poseidon` (a power of two of leaves, so the
//! two layouts agree). Outputs and roots are checked equal before timing.
//!
//! `cargo bench --bench bn254`; `MERKLAB_BENCH_QUICK=1` for 2^10 only and short runs,
//! `MERKLAB_BENCH_LOG2=N` for one size, `-- hash` / `-- tree` to filter.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_bn254::{poseidon, Bn254Digest, Fr};
use merklab_profiles::lean_imt::LeanImt;
use merklab_profiles::Layout;

fn hashes(c: &mut Criterion) {
    let mut g = c.benchmark_group("poseidon_bn254_hash");
    for inputs in [2usize, 4] {
        let x = merklab_bench::bn254_leaves(inputs);
        let mut light = Poseidon::<Fr>::new_circom(inputs).expect("circom parameters");
        assert_eq!(poseidon(&x).unwrap(), light.hash(&x).unwrap());
        g.bench_with_input(BenchmarkId::new("merklab poseidon", inputs), &x, |b, x| {
            b.iter(|| poseidon(black_box(x)))
        });
        g.bench_with_input(BenchmarkId::new("light-poseidon", inputs), &x, |b, x| {
            b.iter(|| light.hash(black_box(x)))
        });
    }
    g.finish();
}

fn trees(c: &mut Criterion) {
    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group("poseidon_bn254_tree");
    g.sample_size(10);
    for n in common::sizes(10, 16) {
        let raw = merklab_bench::bn254_leaves(n);
        let leaves: Vec<Bn254Digest> = raw.iter().copied().map(Bn254Digest).collect();
        let ours = LeanImt.build(&leaves).expect("leaves");
        let theirs = merklab_bench::light_root(&raw).expect("two inputs");
        assert_eq!(ours.root(), Bn254Digest(theirs), "{n} leaves");
        g.throughput(Throughput::Elements(n as u64 - 1));
        for (threads, pool) in [(1, &one), (2, &two)] {
            g.bench_with_input(
                BenchmarkId::new(format!("merklab lean-imt, {threads} thread(s)"), n),
                &leaves,
                |b, l| pool.install(|| b.iter(|| LeanImt.build(black_box(l)).map(|t| t.root()))),
            );
        }
        g.bench_with_input(
            BenchmarkId::new("light-poseidon level by level, 1 thread", n),
            &raw,
            |b, r| b.iter(|| merklab_bench::light_root(black_box(r))),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = hashes, trees
}
criterion_main!(benches);
