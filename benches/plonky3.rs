//! Plonky3's `MerkleTreeMmcs` configuration over BabyBear rows (width-16 Poseidon2 with
//! Plonky3's default constants, `PaddingFreeSponge<Perm, 16, 8, 8>` per row,
//! `TruncatedPermutation<Perm, 2, 8, 16>` per node): merklab's `plonky3-mmcs` build
//! against `p3-merkle-tree`'s `MerkleTreeMmcs::commit_matrix` on the same rows, one and
//! two threads, 2^12 to 2^16 rows of 8 elements. Roots are checked equal before timing;
//! Plonky3 takes its matrix by value, so its input is cloned outside the timing. Also:
//! one compression and one 32-byte leaf of each `poseidon2-*` hash.
//!
//! `cargo bench --bench plonky3`; `MERKLAB_BENCH_QUICK=1` for 2^12 only,
//! `MERKLAB_BENCH_LOG2=N` for one size, `-- mmcs` / `-- hash` to filter.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use merklab::core::{Compression, LeafHash};
use merklab_plonky3::{
    BabyBear, Bn254Element, BytesLeaf, Digest8, KoalaBear, Poseidon2Bn254, Poseidon2Bn254Bytes,
    Poseidon2Compress,
};
use merklab_profiles::plonky3_mmcs::Plonky3Mmcs;
use merklab_profiles::Layout;
use p3_baby_bear::{default_babybear_poseidon2_16, Poseidon2BabyBear};
use p3_commit::Mmcs;
use p3_field::{Field, PrimeCharacteristicRing};
use p3_matrix::dense::RowMajorMatrix;
use p3_merkle_tree::MerkleTreeMmcs;
use p3_symmetric::{PaddingFreeSponge, TruncatedPermutation};

type Perm = Poseidon2BabyBear<16>;
type Sponge = PaddingFreeSponge<Perm, 16, 8, 8>;
type Compress = TruncatedPermutation<Perm, 2, 8, 16>;
type Packed = <BabyBear as Field>::Packing;
type P3Mmcs = MerkleTreeMmcs<Packed, Packed, Sponge, Compress, 2, 8>;

/// Elements per row: one digest's worth, a narrow trace.
const WIDTH: usize = 8;

fn p3_mmcs() -> P3Mmcs {
    let perm = default_babybear_poseidon2_16();
    MerkleTreeMmcs::new(Sponge::new(perm.clone()), Compress::new(perm), 0)
}

fn rows(n: usize) -> Vec<Vec<BabyBear>> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..n)
        .map(|_| {
            (0..WIDTH)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    BabyBear::from_u32((state % 2013265921) as u32)
                })
                .collect()
        })
        .collect()
}

fn mmcs(c: &mut Criterion) {
    let (one, two) = (common::pool(1), common::pool(2));
    let p3 = p3_mmcs();
    let mut g = c.benchmark_group("plonky3_mmcs");
    g.sample_size(10);
    for n in common::sizes(12, 16) {
        let rows = rows(n);
        let matrix = RowMajorMatrix::new(rows.concat(), WIDTH);
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

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = mmcs, hashes
}
criterion_main!(benches);
