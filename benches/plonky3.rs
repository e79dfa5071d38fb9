//! Plonky3's `MerkleTreeMmcs` configuration over BabyBear rows (width-16 Poseidon2 with
//! Plonky3's default constants, `PaddingFreeSponge<Perm, 16, 8, 8>` per row,
//! `TruncatedPermutation<Perm, 2, 8, 16>` per node): merklab's `plonky3-mmcs` build
//! against `p3-merkle-tree`'s `MerkleTreeMmcs::commit_matrix` on the same rows, one and
//! two threads, 2^12 to 2^16 rows of 8 elements. Roots are checked equal before timing;
//! Plonky3 takes its matrix by value, so its input is cloned outside the timing. Also:
//! one compression and one 32-byte leaf of each `poseidon2-*` hash; and the width-16
//! permutation alone over 256 states on each form this CPU has (AVX-512 16 lanes,
//! AVX2 8, Plonky3's scalar permutation), plus one state on the widest form (a pass
//! with one lane busy, as the top of a tree has).
//!
//! `cargo bench --bench plonky3`; `MERKLAB_BENCH_QUICK=1` for 2^12 only,
//! `MERKLAB_BENCH_LOG2=N` for one size, `-- mmcs` / `-- hash` / `-- permutation` to
//! filter.

mod common;

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use merklab::core::{Compression, LeafHash};
use merklab_plonky3::{
    permute_many_with, BabyBear, Backend, Bn254Element, BytesLeaf, Digest8, KoalaBear,
    Poseidon2Bn254, Poseidon2Bn254Bytes, Poseidon2Compress, SmallField, WIDTH,
};
use merklab_profiles::plonky3_mmcs::Plonky3Mmcs;
use merklab_profiles::Layout;
use p3_commit::Mmcs;
use p3_field::PrimeCharacteristicRing;
use p3_matrix::dense::RowMajorMatrix;

fn mmcs(c: &mut Criterion) {
    let (one, two) = (common::pool(1), common::pool(2));
    let p3 = merklab_bench::p3_mmcs();
    let mut g = c.benchmark_group("plonky3_mmcs");
    g.sample_size(10);
    for n in common::sizes(12, 16) {
        let rows = merklab_bench::babybear_rows(n);
        let matrix = RowMajorMatrix::new(rows.concat(), merklab_bench::ROW_WIDTH);
        let ours = Plonky3Mmcs.build(&rows).expect("a tree").root();
        let (cap, _) = p3.commit_matrix(matrix.clone());
        assert_eq!(
            ours.0,
            cap.as_ref()[0],
            "merklab and Plonky3 agree on the root"
        );
        g.throughput(Throughput::Elements(2 * n as u64 - 1));
        for (threads, pool) in [(1, &one), (2, &two)] {
            g.bench_with_input(
                BenchmarkId::new(format!("merklab, {threads} thread(s)"), n),
                &rows,
                |b, r| pool.install(|| b.iter(|| Plonky3Mmcs.build(r).expect("a tree").root())),
            );
            g.bench_with_input(
                BenchmarkId::new(format!("p3 MerkleTreeMmcs, {threads} thread(s)"), n),
                &matrix,
                |b, m| {
                    pool.install(|| {
                        b.iter_batched(
                            || m.clone(),
                            |m| p3.commit_matrix(m).0,
                            BatchSize::LargeInput,
                        )
                    })
                },
            );
        }
    }
    g.finish();
}

fn hashes(c: &mut Criterion) {
    let mut g = c.benchmark_group("plonky3_hash");
    let leaf: Vec<u8> = (0..32).collect();
    let bb = [Digest8([BabyBear::ONE; 8]), Digest8([BabyBear::TWO; 8])];
    let kb = [Digest8([KoalaBear::ONE; 8]), Digest8([KoalaBear::TWO; 8])];
    let bn = [Bn254Element::from_u64(1), Bn254Element::from_u64(2)];
    g.bench_function("poseidon2-babybear node", |b| {
        b.iter(|| Poseidon2Compress::<BabyBear>::new().compress(black_box(&bb)))
    });
    g.bench_function("poseidon2-koalabear node", |b| {
        b.iter(|| Poseidon2Compress::<KoalaBear>::new().compress(black_box(&kb)))
    });
    g.bench_function("poseidon2-bn254 node", |b| {
        b.iter(|| Poseidon2Bn254.compress(black_box(&bn)))
    });
    g.bench_function("poseidon2-babybear 32-byte leaf", |b| {
        b.iter(|| BytesLeaf::<BabyBear>::new().hash_leaf(black_box(&leaf)))
    });
    g.bench_function("poseidon2-bn254 32-byte leaf", |b| {
        b.iter(|| Poseidon2Bn254Bytes.hash_leaf(black_box(&leaf)))
    });
    g.finish();
}

/// States per timed batch of the permutation alone.
const STATES: usize = 256;

fn permutation_of<F: SmallField>(g: &mut criterion::BenchmarkGroup<'_, WallTime>) {
    let states: Vec<[F; WIDTH]> = (0..STATES as u32)
        .map(|i| std::array::from_fn(|j| F::from_u32(i * 16 + j as u32)))
        .collect();
    let forms = [Backend::Avx512, Backend::Avx2, Backend::Scalar];
    g.throughput(Throughput::Elements(STATES as u64));
    for form in forms.into_iter().filter(|b| b.supported()) {
        g.bench_function(format!("{} {form:?}, {STATES} states", F::NAME), |b| {
            b.iter_batched_ref(
                || states.clone(),
                |s| permute_many_with(form, s),
                BatchSize::SmallInput,
            )
        });
    }
    g.throughput(Throughput::Elements(1));
    let widest = Backend::detect();
    g.bench_function(format!("{} {widest:?}, 1 state", F::NAME), |b| {
        b.iter_batched_ref(
            || vec![states[0]],
            |s| permute_many_with(widest, s),
            BatchSize::SmallInput,
        )
    });
}

fn permutation(c: &mut Criterion) {
    let mut g = c.benchmark_group("plonky3_permutation");
    permutation_of::<BabyBear>(&mut g);
    permutation_of::<KoalaBear>(&mut g);
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = mmcs, hashes, permutation
}
criterion_main!(benches);
