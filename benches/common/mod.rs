//! What only the criterion suites need: run length and sizes. Workloads, peers and the
//! thread pools come from `merklab-bench`, shared with `merklab bench`.
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

/// A rayon pool of `threads` threads.
pub fn pool(threads: usize) -> rayon::ThreadPool {
    merklab_bench::pool(threads).expect("a rayon pool")
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
