//! Shared by the criterion suites: run length, inputs and the SHA3-256 `rs_merkle` hasher.
//!
//! `MERKLAB_BENCH_QUICK=1` shortens every suite (small sizes, short measurements) for a
//! smoke run; criterion's own filters (`cargo bench --bench X -- FILTER`) pick groups.

#![allow(dead_code)]

use std::time::Duration;

use criterion::Criterion;

/// Whether `MERKLAB_BENCH_QUICK` asks for a short run.
pub fn quick() -> bool {
    std::env::var("MERKLAB_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Criterion with shorter runs under `MERKLAB_BENCH_QUICK`.
pub fn criterion() -> Criterion {
    let c = Criterion::default().configure_from_args();
    if quick() {
        c.warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1))
            .sample_size(10)
    } else {
        c
    }
}

/// Leaf counts 2^lo ..= 2^hi in steps of 2^2 (only 2^lo when quick); `MERKLAB_BENCH_LOG2`
/// picks a single size.
pub fn sizes(lo: u32, hi: u32) -> Vec<usize> {
    if let Some(log2) = std::env::var("MERKLAB_BENCH_LOG2")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|&v| v < 32)
    {
        return vec![1 << log2];
    }
    if quick() {
        return vec![1 << lo];
    }
    (lo..=hi).step_by(2).map(|e| 1usize << e).collect()
}

/// A rayon pool of `threads` threads.
pub fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon pool")
}

/// SplitMix64: distinct, reproducible pseudo-random words.
pub fn splitmix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` distinct 32-byte leaf digests.
pub fn byte_leaves(n: usize) -> Vec<[u8; 32]> {
    (0..n as u64)
        .map(|i| {
            let mut d = [0u8; 32];
            for (j, chunk) in d.chunks_mut(8).enumerate() {
                chunk.copy_from_slice(&splitmix(i * 4 + j as u64).to_le_bytes());
            }
            d
        })
        .collect()
}

/// SHA3-256 through `rs_merkle`'s `Hasher` trait (it ships SHA-256 only).
#[derive(Clone)]
pub struct RsSha3;

impl rs_merkle::Hasher for RsSha3 {
    type Hash = [u8; 32];
    fn hash(data: &[u8]) -> [u8; 32] {
        <sha3::Sha3_256 as sha3::Digest>::digest(data).into()
    }
}
