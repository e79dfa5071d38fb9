//! Workloads: the leaves every measurement builds over, and the thread pools it runs on.
//!
//! Leaves are pseudo-random but reproducible, so a run can be repeated and every peer
//! sees exactly the same input.

use merklab_aleo::{field_from_u128, Field};

use crate::BenchError;

/// SplitMix64: distinct, reproducible pseudo-random words.
pub fn splitmix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` distinct pseudo-random 32-byte leaf digests.
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

/// `n` distinct field elements, one per leaf.
pub fn field_leaves(n: usize) -> Vec<Field> {
    (0..n as u64)
        .map(|i| field_from_u128(u128::from(splitmix(i)) << 64 | u128::from(i)))
        .collect()
}

/// A rayon pool of `threads` threads, so 1- and 2-thread figures come from one process.
pub fn pool(threads: usize) -> Result<rayon::ThreadPool, BenchError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|source| BenchError::Pool { threads, source })
}

/// A leaf count from the command line as a length in memory.
pub fn leaf_count(n: u64) -> Result<usize, BenchError> {
    usize::try_from(n).map_err(|_| BenchError::TooManyLeaves(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_are_distinct() {
        let mut b = byte_leaves(1000);
        b.sort_unstable();
        b.dedup();
        assert_eq!(b.len(), 1000);
        let mut f: Vec<String> = field_leaves(1000).iter().map(|f| f.to_string()).collect();
        f.sort_unstable();
        f.dedup();
        assert_eq!(f.len(), 1000);
    }
}
