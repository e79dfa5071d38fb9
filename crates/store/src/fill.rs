//! The store build from leaves it can read by index (generated, or fixed-width records):
//! both cores hash, in batches, with no allocation per leaf.
//!
//! When the levels below the lowest kept one are dropped (a store without a leaf level
//! and `keep_every` R), each task hashes whole subtrees of `K^R` leaves and reduces them
//! in its own cache-sized buffers, and only their roots reach the builder: no layer
//! below R is ever laid out in full, and one parallel section serves R levels. Otherwise
//! leaves are hashed in parallel into one reused buffer and pushed as usual.

use merklab_core::{Compression, Digest, LeafHash, PairOrder};

use crate::build::StoreBuilder;
use crate::error::StoreError;
use crate::leaves::{hash_run, LeafInputs, HASH_RUN};

/// Leaves per batch handed to the builder: the unit between two checks of `end`.
const BATCH: u64 = 1 << 20;
/// Leaves one task hashes before it takes another (a multiple of [`HASH_RUN`]).
const TASK: usize = 1 << 12;

/// A task's buffers, made once per rayon job split rather than per leaf.
struct Scratch<D> {
    raw: Vec<u8>,
    below: Vec<D>,
    above: Vec<D>,
    error: Option<StoreError>,
}

impl<D: Digest> Scratch<D> {
    fn new() -> Self {
        Self {
            raw: Vec::new(),
            below: Vec::new(),
            above: Vec::new(),
            error: None,
        }
    }
}

impl<C: Compression<K>, const K: usize> StoreBuilder<C, K> {
    /// Hashes leaves `leaf_count()..end` of `inputs` with `hash` and absorbs them; the
    /// same store as pushing their digests in order, faster.
    pub fn absorb<L>(
        &mut self,
        hash: &L,
        inputs: &dyn LeafInputs,
        end: u64,
    ) -> Result<(), StoreError>
    where
        L: LeafHash<Input = [u8], Digest = C::Digest> + Sync,
    {
        let r = self.manifest().keep_every as usize;
        let span = (!self.manifest().kept(0))
            .then(|| (K as u64).checked_pow(r as u32))
            .flatten()
            .filter(|&s| s <= crate::build::MAX_REHASHED_LEAVES);
        let mut digests: Vec<C::Digest> = Vec::new();
        while self.leaf_count() < end {
            let at = self.leaf_count();
            match span {
                Some(span) if at.is_multiple_of(span) && end - at >= span => {
                    let subtrees = ((end - at) / span).min((BATCH / span).max(4)) as usize;
                    digests.resize(subtrees, C::Digest::zero());
                    self.subtree_roots(hash, inputs, at, span as usize, &mut digests)?;
                    self.push_at(r, &digests)?;
                }
                _ => {
                    // Up to the next subtree boundary (or the end) as plain leaves.
                    let stop = match span {
                        Some(span) => end.min((at / span + 1) * span),
                        None => end.min(at + BATCH),
                    };
                    digests.resize((stop - at) as usize, C::Digest::zero());
                    leaf_digests(hash, inputs, at, &mut digests)?;
                    self.push(&digests)?;
                }
            }
        }
        Ok(())
    }

    /// The roots of `roots.len()` complete subtrees of `span` leaves from leaf `start`.
    fn subtree_roots<L>(
        &self,
        hash: &L,
        inputs: &dyn LeafInputs,
        start: u64,
        span: usize,
        roots: &mut [C::Digest],
    ) -> Result<(), StoreError>
    where
        L: LeafHash<Input = [u8], Digest = C::Digest> + Sync,
    {
        let compression = self.compression();
        let sorted = self.manifest().layout.policy.pairs == PairOrder::Sorted;
        let width = inputs.width();
        let per_task = (TASK / span).max(1);
        let task = |scratch: &mut Scratch<C::Digest>, (t, out): (usize, &mut [C::Digest])| {
            if scratch.error.is_some() {
                return;
            }
            scratch.raw.resize(span * width, 0);
            scratch.below.resize(span, C::Digest::zero());
            scratch.above.resize(span, C::Digest::zero());
            for (j, root) in out.iter_mut().enumerate() {
                let first = start + ((t * per_task + j) * span) as u64;
                if let Err(e) = inputs.read(first, first + span as u64, &mut scratch.raw) {
                    scratch.error = Some(e);
                    return;
                }
                hash_run(hash, &scratch.raw, width, &mut scratch.below);
                let mut len = span;
                while len > 1 {
                    let below = &mut scratch.below[..len];
                    if sorted {
                        for group in below.chunks_exact_mut(K) {
                            group.sort_unstable();
                        }
                    }
                    let above = &mut scratch.above[..len / K];
                    compression.compress_batch(below, above);
                    std::mem::swap(&mut scratch.below, &mut scratch.above);
                    len /= K;
                }
                *root = scratch.below[0];
            }
        };
        run_tasks(roots, per_task, task)
    }
}

/// Leaf digests of `inputs` from `start` into `out`, in parallel.
fn leaf_digests<L: LeafHash<Input = [u8]> + Sync>(
    hash: &L,
    inputs: &dyn LeafInputs,
    start: u64,
    out: &mut [L::Digest],
) -> Result<(), StoreError> {
    let width = inputs.width();
    let task = |scratch: &mut Scratch<L::Digest>, (t, out): (usize, &mut [L::Digest])| {
        if scratch.error.is_some() {
            return;
        }
        let first = start + (t * TASK) as u64;
        scratch.raw.resize(out.len() * width, 0);
        if let Err(e) = inputs.read(first, first + out.len() as u64, &mut scratch.raw) {
            scratch.error = Some(e);
            return;
        }
        hash_run(hash, &scratch.raw, width, out);
    };
    debug_assert!(TASK.is_multiple_of(HASH_RUN));
    run_tasks(out, TASK, task)
}

/// Runs `task` over `out` in chunks of `per_task`, on rayon with feature `parallel`, and
/// returns the first error a task met.
fn run_tasks<D, F>(out: &mut [D], per_task: usize, task: F) -> Result<(), StoreError>
where
    D: Digest,
    F: Fn(&mut Scratch<D>, (usize, &mut [D])) + Sync,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        let errors: Vec<StoreError> = out
            .par_chunks_mut(per_task)
            .enumerate()
            .fold(Scratch::new, |mut scratch, item| {
                task(&mut scratch, item);
                scratch
            })
            .filter_map(|scratch| scratch.error)
            .collect();
        errors.into_iter().next().map_or(Ok(()), Err)
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut scratch = Scratch::new();
        for item in out.chunks_mut(per_task).enumerate() {
            task(&mut scratch, item);
        }
        scratch.error.map_or(Ok(()), Err)
    }
}
