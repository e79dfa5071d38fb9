//! circom's Poseidon (circomlib's `Poseidon(n)`), through merklab's optimized plan
//! ([`crate::plan`]) with `light-poseidon` as its parameters and fallback, and the node
//! compression built on it.

use std::cell::RefCell;

use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_core::Compression;

use crate::plan::{try_hash, Arithmetic};
use crate::{Bn254Digest, Bn254Error, Fr};

/// The most inputs one call hashes: `light-poseidon` carries circomlib's parameters for
/// widths 2 to 13 (circomlib itself goes to 17).
pub const MAX_INPUTS: usize = 12;

/// The largest tree arity: a node hashes its children in one call.
pub const MAX_ARITY: usize = MAX_INPUTS;

thread_local! {
    /// One hasher per input count, built on first use in each thread: `light-poseidon`
    /// hashes through `&mut self` (it reuses its state buffer), and building one copies
    /// its round constants, which costs more than a hash.
    static HASHERS: RefCell<[Option<Poseidon<Fr>>; MAX_INPUTS + 1]> =
        RefCell::new(std::array::from_fn(|_| None));
}

/// circomlib's `Poseidon(n)` of `inputs` (`n` from 1 to [`MAX_INPUTS`]): the first
/// element of the permuted state `[0, inputs...]`.
pub fn poseidon(inputs: &[Fr]) -> Result<Fr, Bn254Error> {
    let count = inputs.len();
    let refused = || Bn254Error::Inputs {
        given: count,
        max: MAX_INPUTS,
    };
    if !(1..=MAX_INPUTS).contains(&count) {
        return Err(refused());
    }
    if let Some(out) = try_hash(inputs, None) {
        return Ok(out);
    }
    HASHERS.with(|cell| {
        let mut hashers = cell.borrow_mut();
        let slot = &mut hashers[count];
        let hasher = match slot {
            Some(h) => h,
            None => slot.insert(Poseidon::<Fr>::new_circom(count).map_err(|_| refused())?),
        };
        hasher.hash(inputs).map_err(|_| refused())
    })
}

/// [`poseidon`] on one [`Arithmetic`] only, with no fallback, so each can be checked
/// and timed on its own.
pub fn poseidon_with(arithmetic: Arithmetic, inputs: &[Fr]) -> Result<Fr, Bn254Error> {
    if !(1..=MAX_INPUTS).contains(&inputs.len()) {
        return Err(Bn254Error::Inputs {
            given: inputs.len(),
            max: MAX_INPUTS,
        });
    }
    try_hash(inputs, Some(arithmetic)).ok_or(Bn254Error::Unavailable { arithmetic })
}

/// [`poseidon`] over a count the caller has already bounded.
pub(crate) fn poseidon_bounded(inputs: &[Fr]) -> Fr {
    poseidon(inputs).expect("callers pass 1 to MAX_INPUTS inputs")
}

/// circom's `Poseidon(K)` over a node's `K` children, as circuits and zk-kit's trees
/// hash them; a short last group (under `promote`, arity above 2) is `Poseidon(m)` over
/// its `m` children.
///
/// A value exists only for `K` from 2 to [`MAX_ARITY`] ([`CircomPoseidon::new`]), so
/// every compression it performs has parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CircomPoseidon<const K: usize>(());

impl<const K: usize> CircomPoseidon<K> {
    /// The compression at arity `K`, or why there is none.
    pub const fn new() -> Result<Self, Bn254Error> {
        if K < 2 || K > MAX_ARITY {
            return Err(Bn254Error::Arity {
                given: K,
                max: MAX_ARITY,
            });
        }
        Ok(Self(()))
    }
}

impl CircomPoseidon<2> {
    /// The binary compression, `Poseidon(left, right)` (zk-kit's trees, Semaphore).
    pub const PAIR: Self = Self(());
}

impl<const K: usize> Compression<K> for CircomPoseidon<K> {
    type Digest = Bn254Digest;

    fn compress(&self, children: &[Bn254Digest; K]) -> Bn254Digest {
        let inputs: [Fr; K] = std::array::from_fn(|i| children[i].0);
        Bn254Digest(poseidon_bounded(&inputs))
    }

    /// The core passes 2 to `K - 1` children, so at most `MAX_ARITY - 1`.
    fn compress_short_group(&self, children: &[Bn254Digest]) -> Bn254Digest {
        let mut inputs = [Fr::from(0u64); MAX_INPUTS];
        for (slot, child) in inputs.iter_mut().zip(children) {
            *slot = child.0;
        }
        Bn254Digest(poseidon_bounded(&inputs[..children.len()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_counts_outside_the_parameters_are_refused() {
        assert_eq!(poseidon(&[]), Err(Bn254Error::Inputs { given: 0, max: 12 }));
        assert_eq!(
            poseidon(&[Fr::from(1u64); 13]),
            Err(Bn254Error::Inputs { given: 13, max: 12 })
        );
        assert!(CircomPoseidon::<1>::new().is_err());
        assert!(CircomPoseidon::<13>::new().is_err());
        assert!(CircomPoseidon::<12>::new().is_ok());
    }

    /// Every group of a batch (the tree builder's call) against `light-poseidon` over
    /// that group.
    fn batch_matches_light_poseidon<const K: usize>() {
        let mut reference = Poseidon::<Fr>::new_circom(K).unwrap();
        for groups in [0usize, 1, 2, 3, 15, 16, 17, 33] {
            let children: Vec<Bn254Digest> = (0..groups * K)
                .map(|i| Bn254Digest(Fr::from(i as u64 * 7919 + K as u64) - Fr::from(1u64 << 40)))
                .collect();
            let mut out = vec![Bn254Digest(Fr::from(0u64)); groups];
            CircomPoseidon::<K>::new()
                .unwrap()
                .compress_batch(&children, &mut out);
            for (o, group) in out.iter().zip(children.chunks_exact(K)) {
                let x: Vec<Fr> = group.iter().map(|d| d.0).collect();
                assert_eq!(
                    o.0,
                    reference.hash(&x).unwrap(),
                    "arity {K}, {groups} groups"
                );
            }
        }
    }

    #[test]
    fn batches_match_light_poseidon() {
        batch_matches_light_poseidon::<2>();
        batch_matches_light_poseidon::<3>();
        batch_matches_light_poseidon::<5>();
        batch_matches_light_poseidon::<12>();
    }
}
