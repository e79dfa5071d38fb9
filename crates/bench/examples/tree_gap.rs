//! One piece of the SHA-256 tree's gap to its raw loop at a time, in a loop, for
//! `perf record`, `perf stat -e task-clock` or `valgrind --tool=callgrind`.
//!
//! `cargo run --release -p merklab-bench --example tree_gap -- WHAT [ROUNDS] [LOG2_LEAVES]`
//!
//! `WHAT` is one of:
//! - `raw`: (n - 1) SHA-256 hashes of one 64-byte block, `merklab bench`'s raw loop;
//! - `raw-compress`: the same hashes through `sha2::compress256` alone, the block
//!   and its padding block in one call: the floor of any one-at-a-time SHA-256;
//! - `raw-batched`: the same through `hash_each` in runs of 64, its multi-buffer loop;
//! - `tree-scalar` / `tree`: `MerkleTree::build_serial` over n leaves with the
//!   multi-buffer form off / on, the input cloned outside the clock as the bench does;
//! - `tree-parallel`: `tree` through `MerkleTree::build`, on rayon's global pool
//!   (`RAYON_NUM_THREADS` sets its size);
//! - `layers-scalar` / `layers`: the tree's node hashes alone (multi-buffer off / on), layer by layer into buffers
//!   allocated and written once before the clock (no allocation, no page faults);
//! - `layers-digest`: the same layers with each node copied into a zeroed buffer
//!   and hashed by `sha2::Sha256::digest`, one message at a time, as the serial
//!   path hashed runs before it padded them once per run.
//!
//! Each prints the median time of `ROUNDS` (default 7) and the time per hash.

use std::hint::black_box;
use std::time::{Duration, Instant};

use merklab_bench::byte_leaves;
use merklab_core::{ByteDigest, Compression, MerkleTree, Policy, DEFAULT_PARALLEL_CUTOFF};
use merklab_hashes::{ByteHash, ByteHasher, MultiBuffer, Sha256};

/// SHA-256's initial hash value H(0) (FIPS 180-4 section 5.3.3).
const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Median of `rounds` timings of `f`, with `setup` run outside the clock.
fn median<S>(rounds: usize, mut setup: impl FnMut() -> S, mut f: impl FnMut(S)) -> Duration {
    let mut times: Vec<Duration> = (0..rounds.max(1))
        .map(|_| {
            let input = setup();
            let start = Instant::now();
            f(input);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "tree-scalar".to_string());
    let rounds: usize = args.next().map_or(Ok(7), |s| s.parse())?;
    let log2: u32 = args.next().map_or(Ok(18), |s| s.parse())?;
    let n = 1usize << log2;
    let leaves: Vec<ByteDigest<32>> = byte_leaves(n).into_iter().map(ByteDigest).collect();
    let hash = ByteHash::<Sha256>::untagged();
    let scalar = hash.with_multi_buffer(MultiBuffer::Off);
    let block = [7u8; 64];
    let time = match what.as_str() {
        "raw" => median(
            rounds,
            || (),
            |()| {
                let mut acc = 0u8;
                for _ in 1..n {
                    acc ^= <sha2::Sha256 as sha2::Digest>::digest(black_box(&block))[0];
                }
                black_box(acc);
            },
        ),
        "raw-compress" => {
            use sha2::digest::generic_array::GenericArray;
            let mut blocks = [GenericArray::default(); 2];
            blocks[0].copy_from_slice(&block);
            blocks[1][0] = 0x80;
            blocks[1][62] = 0x02; // 512 bits, big-endian
            median(
                rounds,
                || (),
                |()| {
                    let mut acc = 0u32;
                    for _ in 1..n {
                        let mut state = H0;
                        sha2::compress256(&mut state, black_box(&blocks));
                        acc ^= state[0];
                    }
                    black_box(acc);
                },
            )
        }
        "raw-batched" => {
            let messages = [7u8; 64 * 64];
            let mut out = [ByteDigest([0u8; 32]); 64];
            median(
                rounds,
                || (),
                |()| {
                    let mut left = n - 1;
                    while left > 0 {
                        let take = left.min(64);
                        Sha256::hash_each(
                            MultiBuffer::Auto,
                            black_box(&messages[..64 * take]),
                            64,
                            &mut out[..take],
                        );
                        left -= take;
                    }
                    black_box(&out);
                },
            )
        }
        "tree" | "tree-scalar" | "tree-parallel" => {
            let h = if what == "tree-scalar" { scalar } else { hash };
            let cutoff = if what == "tree-parallel" {
                DEFAULT_PARALLEL_CUTOFF
            } else {
                usize::MAX
            };
            median(
                rounds,
                || leaves.clone(),
                |l| {
                    let tree = MerkleTree::<_, 2>::build_with_cutoff(&h, Policy::new(), l, cutoff);
                    black_box(tree.map(|t| t.root()).ok());
                },
            )
        }
        "layers" | "layers-scalar" => {
            let h = if what == "layers" { hash } else { scalar };
            let mut layers = node_layers(n);
            median(
                rounds,
                || (),
                |()| {
                    hash_layers(&leaves, &mut layers, 64, |children, out| {
                        Compression::<2>::compress_batch(&h, children, out);
                    });
                },
            )
        }
        "layers-digest" => {
            let mut layers = node_layers(n);
            median(
                rounds,
                || (),
                |()| {
                    hash_layers(&leaves, &mut layers, 32, |children, out| {
                        let mut buf = [0u8; 32 * 129];
                        for (k, child) in children.iter().enumerate() {
                            buf[k * 32..k * 32 + 32].copy_from_slice(&child.0);
                        }
                        for (message, slot) in buf[..children.len() * 32].chunks_exact(64).zip(out)
                        {
                            *slot =
                                ByteDigest(<sha2::Sha256 as sha2::Digest>::digest(message).into());
                        }
                    });
                },
            )
        }
        other => return Err(format!("unknown workload '{other}'").into()),
    };
    println!(
        "{what:<14} 2^{log2} leaves: {:>8.2} ms, {:.1} ns a hash",
        time.as_secs_f64() * 1e3,
        time.as_secs_f64() * 1e9 / (n - 1) as f64
    );
    Ok(())
}

/// Buffers for the node layers above `n` leaves (`n` a power of two), allocated and
/// touched before any clock starts.
fn node_layers(n: usize) -> Vec<Vec<ByteDigest<32>>> {
    std::iter::successors(Some(n / 2), |size| Some(size / 2))
        .take_while(|&size| size > 0)
        .map(|size| vec![ByteDigest([1u8; 32]); size])
        .collect()
}

/// Fills each of `layers` from the one below (the first from `leaves`), `run` parents
/// (`2 * run` children) per call of `hash_run`.
fn hash_layers(
    leaves: &[ByteDigest<32>],
    layers: &mut [Vec<ByteDigest<32>>],
    run: usize,
    hash_run: impl Fn(&[ByteDigest<32>], &mut [ByteDigest<32>]),
) {
    let mut below = leaves;
    for layer in layers.iter_mut() {
        for (children, out) in below.chunks(2 * run).zip(layer.chunks_mut(run)) {
            hash_run(children, out);
        }
        below = layer;
    }
    black_box(below);
}
