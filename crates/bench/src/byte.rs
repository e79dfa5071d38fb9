//! Byte-hash trees: merklab's serial, parallel and streaming builds beside the raw hash
//! loop and `rs_merkle`, on the same leaves, after checking that every root agrees.

use merklab_core::{ByteDigest, MerkleTree, Policy, StreamingBuilder};
use merklab_hashes::{ByteHash, ByteHasher, MultiBuffer};
use rayon::prelude::*;
use serde::Serialize;

use crate::inputs::{byte_leaves, pool};
use crate::peers::{ByteKind, RsSha3};
use crate::timing::median_ms;
use crate::BenchError;

/// One byte-hash tree measurement (times in milliseconds, medians).
#[derive(Clone, Debug, Serialize)]
pub struct ByteRow {
    /// Hash name.
    pub hash: &'static str,
    /// Leaf digests given to the build.
    pub leaves: u64,
    /// (n - 1) 64-byte hashes in a loop, one thread.
    pub raw_1t_ms: f64,
    /// The same loop split over a 2-thread pool.
    pub raw_2t_ms: f64,
    /// (n - 1) 64-byte hashes through the backend's multi-buffer form
    /// (`ByteHasher::hash_each`: eight per AVX-512 permutation for SHA3-256, sixteen
    /// per AVX-512 pass for SHA-256), one thread; equal to `raw_1t_ms`'s work where
    /// there is no such form.
    pub raw_batched_1t_ms: f64,
    /// `MerkleTree::build_serial`.
    pub merklab_serial_ms: f64,
    /// `MerkleTree::build_serial` with the multi-buffer path switched off.
    pub merklab_serial_scalar_ms: f64,
    /// `MerkleTree::build` on a 2-thread pool with the multi-buffer path switched off.
    pub merklab_parallel_scalar_ms: f64,
    /// `MerkleTree::build` on a 2-thread pool.
    pub merklab_parallel_ms: f64,
    /// `StreamingBuilder`, one leaf at a time.
    pub merklab_streaming_ms: f64,
    /// `rs_merkle::MerkleTree::from_leaves` (single-threaded).
    pub rs_merkle_ms: f64,
}

/// Measures `kind` over `n` leaves, `runs` times per figure.
pub fn measure_byte(kind: ByteKind, n: usize, runs: u32) -> Result<ByteRow, BenchError> {
    match kind {
        ByteKind::Sha3 => measure_byte_with::<merklab_hashes::Sha3_256, RsSha3>(kind, n, runs),
        ByteKind::Sha256 => measure_byte_with::<
            merklab_hashes::Sha256,
            rs_merkle::algorithms::Sha256,
        >(kind, n, runs),
    }
}

fn measure_byte_with<H, R>(kind: ByteKind, n: usize, runs: u32) -> Result<ByteRow, BenchError>
where
    H: ByteHasher,
    R: rs_merkle::Hasher<Hash = [u8; 32]>,
{
    let raw_leaves = byte_leaves(n);
    let leaves: Vec<ByteDigest<32>> = raw_leaves.iter().map(|l| ByteDigest(*l)).collect();
    let hash = ByteHash::<H>::untagged();
    let policy = Policy::new();
    let (one, two) = (pool(1)?, pool(2)?);

    // Roots first: every implementation must agree before any time is compared.
    let serial = MerkleTree::<_, 2>::build_serial(&hash, policy, leaves.clone())?.root();
    let parallel = two.install(|| MerkleTree::<_, 2>::build(&hash, policy, leaves.clone()))?;
    let mut stream = StreamingBuilder::<_, 2>::new(&hash, policy);
    for &l in &leaves {
        stream.push(l)?;
    }
    let streamed = stream.root()?;
    for (peer, root) in [
        ("merklab parallel", parallel.root()),
        ("merklab streaming", streamed),
    ] {
        if root != serial {
            return Err(BenchError::RootMismatch {
                hash: kind.name(),
                peer,
                theirs: hex::encode(root.0),
                ours: hex::encode(serial.0),
            });
        }
    }
    let peer = rs_merkle::MerkleTree::<R>::from_leaves(&raw_leaves).root();
    if peer != Some(serial.0) {
        return Err(BenchError::RootMismatch {
            hash: kind.name(),
            peer: "rs_merkle",
            theirs: peer.map_or_else(|| "(none)".to_string(), hex::encode),
            ours: hex::encode(serial.0),
        });
    }

    let block = [7u8; 64];
    let raw_1t_ms = median_ms(
        runs,
        || (),
        |()| {
            let mut acc = 0u8;
            for _ in 1..n {
                acc ^= kind.raw(std::hint::black_box(&block))[0];
            }
            acc
        },
    );
    let raw_2t_ms = two.install(|| {
        median_ms(
            runs,
            || (),
            |()| {
                (1..n)
                    .into_par_iter()
                    .with_min_len(4096)
                    .map(|_| kind.raw(std::hint::black_box(&block))[0])
                    .reduce(|| 0, |a, b| a ^ b)
            },
        )
    });
    let merklab_serial_ms = one.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build_serial(&hash, policy, l).map(|t| t.root()),
        )
    });
    let raw_batched_1t_ms = {
        // Runs of 64 messages, as the tree builder hands them over.
        let messages = [7u8; 64 * 64];
        let mut out = vec![ByteDigest([0u8; 32]); 64];
        median_ms(
            runs,
            || (),
            |()| {
                let mut left = n.saturating_sub(1);
                let mut acc = 0u8;
                while left > 0 {
                    let take = left.min(64);
                    H::hash_each(
                        MultiBuffer::Auto,
                        std::hint::black_box(&messages[..64 * take]),
                        64,
                        &mut out[..take],
                    );
                    acc ^= out[0].0[0];
                    left -= take;
                }
                acc
            },
        )
    };
    // The same hash with one message at a time: its own value, so nothing else
    // running can switch the multi-buffer form back on under it.
    let scalar = hash.with_multi_buffer(MultiBuffer::Off);
    let merklab_serial_scalar_ms = one.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build_serial(&scalar, policy, l).map(|t| t.root()),
        )
    });
    let merklab_parallel_scalar_ms = two.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build(&scalar, policy, l).map(|t| t.root()),
        )
    });
    let merklab_parallel_ms = two.install(|| {
        median_ms(
            runs,
            || leaves.clone(),
            |l| MerkleTree::<_, 2>::build(&hash, policy, l).map(|t| t.root()),
        )
    });
    let merklab_streaming_ms = median_ms(
        runs,
        || (),
        |()| {
            let mut s = StreamingBuilder::<_, 2>::new(&hash, policy);
            for &l in &leaves {
                let _ = s.push(l);
            }
            s.root()
        },
    );
    let rs_merkle_ms = one.install(|| {
        median_ms(
            runs,
            || (),
            |()| rs_merkle::MerkleTree::<R>::from_leaves(&raw_leaves).root(),
        )
    });
    Ok(ByteRow {
        hash: kind.name(),
        leaves: n as u64,
        raw_1t_ms,
        raw_2t_ms,
        raw_batched_1t_ms,
        merklab_serial_ms,
        merklab_serial_scalar_ms,
        merklab_parallel_scalar_ms,
        merklab_parallel_ms,
        merklab_streaming_ms,
        rs_merkle_ms,
    })
}
