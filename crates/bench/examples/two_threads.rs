//! What a second thread buys on this machine with no tree at all: the ceiling the
//! two-thread rows of `merklab bench` and the zPass warm figure are read against.
//!
//! `cargo run --release -p merklab-bench --example two_threads -- [ROUNDS]`
//!
//! Each line runs one fixed amount of work on one thread, then split in two
//! halves on two plain threads (no rayon, no tree, no allocation inside the
//! timing), and prints the medians and their ratio:
//! - `alu`: a dependent integer chain, no memory: whether the two vCPUs are two
//!   cores (2.0x) or share one (about 1.0-1.3x);
//! - `stream 256 MiB`: summing a buffer far above the caches: memory bandwidth;
//! - `sha256 multi-buffer` / `sha256 scalar`: SHA-256 over 64-byte blocks, runs of
//!   64 through the backend's AVX-512 form, and one at a time with `sha2`;
//! - `sha256 multi-buffer, 8 MiB leaves` / `sha256 scalar, 8 MiB leaves`: the same
//!   over distinct leaf pairs read from memory, as a tree's first level reads them;
//! - `bhp512 nodes` and `zpass bhp256 digests`: the BHP kernels of the field trees
//!   and of ARC-0102, in runs of 64 (eight lanes of AVX-512 IFMA each);
//! - `rayon::join, empty halves`: what one split costs on a two-thread pool (each
//!   `par_chunks` task of a parallel build is reached through such splits).

use std::hint::black_box;
use std::time::{Duration, Instant};

use merklab_aleo::family::{Bhp, BhpSize};
use merklab_aleo::{field_from_u128, Config, Field, FieldDigest, HashPath, U64Hash};
use merklab_core::{ByteDigest, Compression, DomainTags};
use merklab_hashes::{ByteHasher, MultiBuffer, Sha256};

/// Median of `rounds` timings of `f`.
fn median(rounds: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Times `work(0..total)` on one thread and `work` on each half on two threads.
fn pair(name: &str, rounds: usize, total: usize, work: impl Fn(usize, usize) + Sync) {
    let one = median(rounds, || work(0, total));
    let two = median(rounds, || {
        std::thread::scope(|s| {
            let half = total / 2;
            let work = &work;
            let other = s.spawn(move || work(half, total));
            work(0, half);
            other.join().expect("worker thread");
        })
    });
    println!(
        "{name:<36} 1 thread {:>9.2} ms   2 threads {:>9.2} ms   speed-up {:.2}x",
        one.as_secs_f64() * 1e3,
        two.as_secs_f64() * 1e3,
        one.as_secs_f64() / two.as_secs_f64()
    );
}

/// `n` field elements spread over the field.
fn fields(n: usize) -> Vec<Field> {
    (0..n as u128)
        .map(|i| {
            let f = field_from_u128(i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
            f * f * f
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args().nth(1).map_or(Ok(7), |s| s.parse())?;

    pair("alu", rounds, 1 << 28, |from, to| {
        let mut x = black_box(0x9e37_79b9_7f4a_7c15u64);
        for _ in from..to {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        black_box(x);
    });

    let buffer: Vec<u64> = (0..(256usize << 20) / 8).map(|i| i as u64).collect();
    pair("stream 256 MiB", rounds, buffer.len(), |from, to| {
        black_box(
            buffer[from..to]
                .iter()
                .fold(0u64, |a, &b| a.wrapping_add(b)),
        );
    });

    let blocks = 1usize << 18;
    let messages = [7u8; 64 * 64];
    pair("sha256 multi-buffer", rounds, blocks / 64, |from, to| {
        let mut out = [ByteDigest([0u8; 32]); 64];
        for _ in from..to {
            Sha256::hash_each(MultiBuffer::Auto, black_box(&messages), 64, &mut out);
        }
        black_box(out);
    });
    pair("sha256 scalar", rounds, blocks, |from, to| {
        let block = [7u8; 64];
        let mut acc = 0u8;
        for _ in from..to {
            acc ^= <sha2::Sha256 as sha2::Digest>::digest(black_box(&block))[0];
        }
        black_box(acc);
    });
    let leaves: Vec<u8> = (0..blocks * 32).map(|i| (i * 31 + 7) as u8).collect();
    pair(
        "sha256 multi-buffer, 8 MiB leaves",
        rounds,
        blocks / 2 / 64,
        |from, to| {
            let mut out = [ByteDigest([0u8; 32]); 64];
            for run in from..to {
                let at = run * 64 * 64;
                Sha256::hash_each(MultiBuffer::Auto, &leaves[at..at + 64 * 64], 64, &mut out);
            }
            black_box(out);
        },
    );

    pair(
        "sha256 scalar, 8 MiB leaves",
        rounds,
        blocks / 2,
        |from, to| {
            let mut acc = 0u8;
            for pair in from..to {
                let block = &leaves[pair * 64..pair * 64 + 64];
                acc ^= <sha2::Sha256 as sha2::Digest>::digest(block)[0];
            }
            black_box(acc);
        },
    );

    let node = Bhp::new(BhpSize::Bhp512, DomainTags::Tagged);
    let children: Vec<FieldDigest> = fields(1 << 12).into_iter().map(FieldDigest).collect();
    let mut warm = vec![FieldDigest(field_from_u128(0)); 64];
    Compression::<2>::compress_batch(&node, &children[..128], &mut warm);
    pair(
        "bhp512 nodes (2^11)",
        rounds,
        children.len() / 128,
        |from, to| {
            let mut out = vec![FieldDigest(field_from_u128(0)); 64];
            for run in from..to {
                let at = run * 128;
                Compression::<2>::compress_batch(&node, &children[at..at + 128], &mut out);
            }
            black_box(out);
        },
    );

    let digest = Config::path(HashPath::Fast);
    let inputs = fields(1 << 13);
    black_box(digest.hash_field_batch(&inputs[..64]));
    pair(
        "zpass bhp256 digests (2^13)",
        rounds,
        inputs.len() / 64,
        |from, to| {
            for run in from..to {
                black_box(digest.hash_field_batch(&inputs[run * 64..(run + 1) * 64]));
            }
        },
    );

    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build()?;
    let joins = 1usize << 14;
    let split = pool.install(|| {
        median(rounds, || {
            for i in 0..joins {
                black_box(rayon::join(|| black_box(i), || black_box(i + 1)));
            }
        })
    });
    println!(
        "{:<36} {joins} joins on 2 threads {:>9.2} ms   {:.2} us a join",
        "rayon::join, empty halves",
        split.as_secs_f64() * 1e3,
        split.as_secs_f64() * 1e6 / joins as f64
    );
    Ok(())
}
