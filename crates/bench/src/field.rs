//! Aleo field-hash trees in snarkVM's layout: merklab beside snarkVM's own `MerkleTree`
//! and the raw leaf and node hashes in a loop, after checking that the roots agree.

use std::borrow::Borrow;

use merklab_aleo::{Field, FieldDigest};
use merklab_core::{Compression, LeafHash};
use serde::Serialize;

use crate::inputs::{field_leaves, pool};
use crate::peers::{check_snarkvm_root, merklab_root, SnarkvmTree};
use crate::timing::median_ms;
use crate::BenchError;

/// One field-hash tree measurement in snarkVM's layout (times in milliseconds, medians).
#[derive(Clone, Debug, Serialize)]
pub struct FieldRow {
    /// `poseidon` or `bhp`.
    pub hash: &'static str,
    /// Leaves (each one field element; BHP takes its 253 bits).
    pub leaves: u64,
    /// n leaf hashes and (n - 1) node hashes in a loop, one thread.
    pub raw_1t_ms: f64,
    /// merklab (`MerkleTree::from_inputs`) on a 1-thread pool.
    pub merklab_1t_ms: f64,
    /// merklab on a 2-thread pool.
    pub merklab_2t_ms: f64,
    /// snarkVM's `MerkleTree::new` on a 1-thread pool.
    pub snarkvm_1t_ms: f64,
    /// snarkVM's `MerkleTree::new` on a 2-thread pool.
    pub snarkvm_2t_ms: f64,
}

/// The raw-loop bound: `leaves` leaf hashes and as many node hashes less one, in a loop.
pub fn raw_field_loop<T: SnarkvmTree>(
    leaf_hash: &T::Leaves,
    node: &T::Node,
    leaves: &[T::Leaf],
) -> FieldDigest {
    let mut acc = FieldDigest(Field::from_u128(0));
    for l in leaves {
        acc = leaf_hash.hash_leaf(l.borrow());
    }
    for _ in 1..leaves.len() {
        acc = node.compress(&[acc, acc]);
    }
    acc
}

/// Measures the layout `T` over `n` leaves, `runs` times per figure.
pub fn measure_field<T: SnarkvmTree>(n: usize, runs: u32) -> Result<FieldRow, BenchError> {
    let leaves: Vec<T::Leaf> = field_leaves(n).iter().map(T::leaf).collect();
    let (leaf_hash, node) = T::hashes();
    let (one, two) = (pool(1)?, pool(2)?);

    // Also builds snarkVM's hash parameters, which it makes on first use.
    two.install(|| check_snarkvm_root::<T>(&leaf_hash, &node, &leaves))?;

    let raw_1t_ms = median_ms(
        runs,
        || (),
        |()| raw_field_loop::<T>(&leaf_hash, &node, &leaves),
    );
    let run = |p: &rayon::ThreadPool| {
        p.install(|| {
            median_ms(
                runs,
                || (),
                |()| merklab_root::<T>(&leaf_hash, &node, &leaves),
            )
        })
    };
    let merklab_1t_ms = run(&one);
    let merklab_2t_ms = run(&two);
    let peer =
        |p: &rayon::ThreadPool| p.install(|| median_ms(runs, || (), |()| T::snarkvm_root(&leaves)));
    let snarkvm_1t_ms = peer(&one);
    let snarkvm_2t_ms = peer(&two);
    Ok(FieldRow {
        hash: T::NAME,
        leaves: n as u64,
        raw_1t_ms,
        merklab_1t_ms,
        merklab_2t_ms,
        snarkvm_1t_ms,
        snarkvm_2t_ms,
    })
}
