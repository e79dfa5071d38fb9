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

use ark_ff::BigInt;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_bn254::{poseidon, Bn254Digest, Fr};
use merklab_profiles::lean_imt::LeanImt;
use merklab_profiles::Layout;

/// `n` field elements below 2^253 (so below the modulus), spread over the field.
fn elements(n: usize) -> Vec<Fr> {
    (0..n as u64)
        .map(|i| {
            let mut limbs: [u64; 4] =
                std::array::from_fn(|j| merklab_bench::splitmix(4 * i + j as u64));
            limbs[3] >>= 3;
            Fr::from(BigInt::new(limbs))
        })
        .collect()
}

fn hashes(c: &mut Criterion) {
    let mut g = c.benchmark_group("poseidon_bn254_hash");
    for inputs in [2usize, 4] {
        let x = elements(inputs);
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

/// The binary tree's root, level by level with one `light-poseidon` hasher.
fn light_root(leaves: &[Fr], hasher: &mut Poseidon<Fr>) -> Fr {
    let mut level = leaves.to_vec();
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| hasher.hash(pair).expect("two inputs"))
            .collect();
    }
    level[0]
}

fn trees(c: &mut Criterion) {
    let (one, two) = (common::pool(1), common::pool(2));
    let mut g = c.benchmark_group("poseidon_bn254_tree");
    g.sample_size(10);
    for n in common::sizes(10, 16) {
        let raw = elements(n);
        let leaves: Vec<Bn254Digest> = raw.iter().copied().map(Bn254Digest).collect();
        let mut light = Poseidon::<Fr>::new_circom(2).expect("circom parameters");
        let ours = LeanImt.build(&leaves).expect("leaves");
        assert_eq!(
            ours.root(),
            Bn254Digest(light_root(&raw, &mut light)),
            "{n} leaves"
        );
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
            |b, r| b.iter(|| light_root(black_box(r), &mut light)),
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
