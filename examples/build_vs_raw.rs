//! Work of a tree build against the raw-hash bound. Modes: `leaves` (setup only), `raw`,
//! `raw-parallel` (the raw loop over the rayon pool), `serial`, `parallel`; then the
//! log2 of the leaf count (default 16) and the hash, `sha3-256` (default) or `sha256`.
//! For instruction counting:
//! `valgrind --tool=callgrind target/release/examples/build_vs_raw raw 16` and
//! `... build_vs_raw serial 16`, minus `... build_vs_raw leaves 16` for the common setup
//! (see docs/benchmarks.md).

use merklab::core::{ByteDigest, MerkleTree, Policy};
use merklab::hashes::{ByteHash, ByteHasher, Sha256, Sha3_256};
use sha3::Digest as _;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "serial".into());
    let log2: u32 = args.next().and_then(|v| v.parse().ok()).unwrap_or(16);
    match args.next().as_deref() {
        Some("sha256") => run::<Sha256>(&mode, log2),
        _ => run::<Sha3_256>(&mode, log2),
    }
}

fn run<H: ByteHasher>(mode: &str, log2: u32) {
    let n = 1usize << log2;
    // Leaf digests are made the same way in both modes, so their cost cancels out.
    let leaves: Vec<_> = (0..n as u64)
        .map(|i| ByteDigest::<32>(sha3::Sha3_256::digest(i.to_le_bytes()).into()))
        .collect();
    let out = match mode {
        "raw" => {
            let mut acc = [0u8; 32];
            let block = [7u8; 64];
            for _ in 0..n - 1 {
                let d = H::hash(std::hint::black_box(&block));
                acc[0] ^= d[0];
            }
            acc
        }
        // The raw loop split over the rayon pool: the best a parallel build could do.
        "raw-parallel" => {
            use rayon::prelude::*;
            let block = [7u8; 64];
            let x = (0..n - 1)
                .into_par_iter()
                .with_min_len(4096)
                .map(|_| H::hash(std::hint::black_box(&block))[0])
                .reduce(|| 0, |a, b| a ^ b);
            [x; 32]
        }
        "parallel" => {
            let hash = ByteHash::<H>::untagged();
            MerkleTree::<_, 2>::build(&hash, Policy::new(), leaves.clone())
                .expect("non-empty")
                .root()
                .0
        }
        "serial" => {
            let hash = ByteHash::<H>::untagged();
            let tree = MerkleTree::<_, 2>::build_serial(&hash, Policy::new(), leaves.clone())
                .expect("non-empty");
            tree.root().0
        }
        // "leaves": only the common setup, to subtract from the other two.
        _ => [0u8; 32],
    };
    println!("{mode} {} {}", leaves.len(), hex::encode(out));
}
