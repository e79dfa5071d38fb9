//! CPU time of one side of the `plonky3-mmcs` race, for `perf stat -e task-clock`:
//! `mmcs_cpu SIDE THREADS LOG2 RUNS` builds the tree over 2^LOG2 BabyBear rows of
//! eight elements RUNS times on a pool of THREADS, where SIDE is `merklab` (the
//! `plonky3-mmcs` profile, lanes as detected), `merklab-scalar` (the same tree on
//! Plonky3's scalar permutation, through the core with the profile's pieces' scalar
//! forms), `p3` (`p3-merkle-tree`'s `MerkleTreeMmcs::commit_matrix`) or `setup` (the
//! inputs and matrix copies alone, whose cost the others share). Prints the median
//! wall time per build. Defaults: `merklab 1 12 50`.
//!
//! `perf stat -e task-clock target/release/examples/mmcs_cpu p3 2 14 50`, minus the
//! same with `setup`, over RUNS, is one build's CPU time.

use std::time::Instant;

use merklab::core::{Compression, LeafHash, MerkleTree};
use merklab_plonky3::{BabyBear, Digest8, Poseidon2Compress, RowLeaf};
use merklab_profiles::plonky3_mmcs::{Plonky3Mmcs, POLICY};
use merklab_profiles::Layout;
use p3_commit::Mmcs;
use p3_matrix::dense::RowMajorMatrix;

/// `RowLeaf` and `Poseidon2Compress` without their batch forms: Plonky3's scalar
/// permutation one input at a time.
struct Scalar;

impl LeafHash for Scalar {
    type Input = [BabyBear];
    type Digest = Digest8<BabyBear>;
    fn hash_leaf(&self, row: &[BabyBear]) -> Digest8<BabyBear> {
        RowLeaf::new().hash_leaf(row)
    }
}

impl Compression<2> for Scalar {
    type Digest = Digest8<BabyBear>;
    fn compress(&self, children: &[Digest8<BabyBear>; 2]) -> Digest8<BabyBear> {
        Poseidon2Compress::new().compress(children)
    }
    fn compress_short_group(&self, children: &[Digest8<BabyBear>]) -> Digest8<BabyBear> {
        Poseidon2Compress::new().compress_short_group(children)
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let side = args.next().unwrap_or_else(|| "merklab".into());
    let threads: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
    let log2: u32 = args.next().and_then(|v| v.parse().ok()).unwrap_or(12);
    let runs: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(50);
    let rows = merklab_bench::babybear_rows(1 << log2);
    let matrix = RowMajorMatrix::new(rows.concat(), merklab_bench::ROW_WIDTH);
    let p3 = merklab_bench::p3_mmcs();
    let pool = merklab_bench::pool(threads).expect("a thread pool");
    let mut times: Vec<f64> = pool.install(|| {
        (0..runs)
            .map(|_| {
                let m = matrix.clone();
                let start = Instant::now();
                match side.as_str() {
                    "merklab" => {
                        std::hint::black_box(Plonky3Mmcs.build(&rows).map(|t| t.root()).ok());
                    }
                    "merklab-scalar" => {
                        let leaves = merklab::core::hash_leaves(&Scalar, &rows);
                        let tree = MerkleTree::<_, 2>::build(&Scalar, POLICY, leaves);
                        std::hint::black_box(tree.map(|t| t.root()).ok());
                    }
                    "p3" => {
                        std::hint::black_box(p3.commit_matrix(m).0);
                    }
                    _ => {
                        std::hint::black_box(m);
                    }
                }
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect()
    });
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    println!(
        "{side}, {threads} thread(s), 2^{log2} rows: median {median:.3} ms over {runs} builds"
    );
}
