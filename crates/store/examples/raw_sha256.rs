//! The raw-hash bound of an RFC 6962 build: the hashes of a tree of 2^LOG2N leaves
//! (2^LOG2N leaf hashes of 9 bytes, one SHA-256 block each, and as many node hashes of
//! 65 bytes, two blocks each) through the same batch calls a build makes, on THREADS
//! threads, over buffers that stay in cache and with no tree around them:
//!
//! ```sh
//! cargo build --release -p merklab-store --example raw_sha256
//! perf stat -e task-clock target/release/examples/raw_sha256 32 2
//! ```

use std::time::Instant;

use merklab_core::{Compression, Digest, DomainTags, LeafHash};
use merklab_hashes::{ByteHash, Digest32, Sha256};

const HASH: ByteHash<Sha256> = ByteHash::new(DomainTags::Tagged);
/// Leaves (and nodes) per round: a run as long as a build's tasks hash.
const ROUND: usize = 4096;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: raw_sha256 LOG2N THREADS";
    let log2: u32 = args.get(1).ok_or(usage)?.parse()?;
    let threads: u64 = args.get(2).ok_or(usage)?.parse()?;
    let rounds = (1u64 << log2) / ROUND as u64;
    let clock = Instant::now();
    let sums: Vec<u8> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let inputs: Vec<[u8; 8]> =
                        (0..ROUND as u64).map(|i| (i + t).to_le_bytes()).collect();
                    let refs: Vec<&[u8]> = inputs.iter().map(|d| d.as_slice()).collect();
                    let mut leaves = vec![<Digest32 as Digest>::zero(); 2 * ROUND];
                    let mut nodes = vec![<Digest32 as Digest>::zero(); ROUND];
                    let mut sum = 0u8;
                    for round in (t..rounds).step_by(threads as usize) {
                        let half = (round as usize % 2) * ROUND;
                        HASH.hash_leaf_batch(&refs, &mut leaves[half..half + ROUND]);
                        Compression::<2>::compress_batch(&HASH, &leaves, &mut nodes);
                        sum ^= nodes[round as usize % ROUND].as_ref()[0];
                    }
                    sum
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).collect()
    });
    let secs = clock.elapsed().as_secs_f64();
    println!(
        "2^{log2} leaf hashes and as many node hashes on {threads} threads: {secs:.2} s, {:.2} M leaves/s ({sums:?})",
        (1u64 << log2) as f64 / secs / 1e6
    );
    Ok(())
}
