//! circom's Poseidon through merklab's optimized plan ([`merklab_poseidon::Plan`]),
//! with circomlib's parameters as `light-poseidon` ships them.
//!
//! A plan is built per width on first use and must reproduce `light-poseidon` on a
//! probe input before it is used; should a plan fail to build or to agree, that width
//! hashes through `light-poseidon` itself, so the first hash is as correct as the rest.

use std::sync::OnceLock;

use ark_ff::{Field, Zero};
use light_poseidon::parameters::bn254_x5::get_poseidon_parameters;
use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_poseidon::{FieldOps, Params, Plan};

use crate::Fr;

/// BN254's scalar field for a plan, with arkworks' lazily reduced inner product.
pub(crate) struct Bn254Ops;

impl FieldOps for Bn254Ops {
    type F = Fr;

    fn zero() -> Fr {
        Fr::zero()
    }

    fn one() -> Fr {
        Fr::from(1u64)
    }

    fn inverse(x: &Fr) -> Option<Fr> {
        Field::inverse(x)
    }

    #[inline(always)]
    fn square(x: Fr) -> Fr {
        Field::square(&x)
    }

    #[inline(always)]
    fn dot<const T: usize>(a: &[Fr; T], b: &[Fr; T]) -> Fr {
        Fr::sum_of_products(a, b)
    }
}

/// circomlib's parameters for state width `T` (`T − 1` inputs), as plan parameters.
fn params<const T: usize>() -> Option<Params<Fr>> {
    let width = u8::try_from(T).ok()?;
    let p = get_poseidon_parameters::<Fr>(width).ok()?;
    if p.width != T || p.ark.len() != (p.full_rounds + p.partial_rounds) * T {
        return None;
    }
    Some(Params {
        full_rounds: p.full_rounds,
        partial_rounds: p.partial_rounds,
        alpha: p.alpha,
        ark: p.ark.chunks(T).map(<[Fr]>::to_vec).collect(),
        mds: p.mds,
    })
}

/// A probe input of `T − 1` elements, unlike any a test would pick by hand.
fn probe<const T: usize>() -> Vec<Fr> {
    (1..T as u64)
        .map(|i| Fr::from(i.wrapping_mul(0x9e37_79b9_7f4a_7c15)) - Fr::from(T as u64))
        .collect()
}

/// The plan for width `T` if it builds and agrees with `light-poseidon` on the probe.
pub(crate) fn checked<const T: usize>() -> Option<Plan<Bn254Ops, T>> {
    let plan = Plan::<Bn254Ops, T>::new(&params::<T>()?).ok()?;
    let input = probe::<T>();
    let expect = Poseidon::<Fr>::new_circom(T - 1).ok()?.hash(&input).ok()?;
    (hash(&plan, &input) == expect).then_some(plan)
}

/// circom's `Poseidon(T − 1)`: the first element of the permuted `[0, inputs..]`.
#[inline]
pub(crate) fn hash<const T: usize>(plan: &Plan<Bn254Ops, T>, inputs: &[Fr]) -> Fr {
    let mut s = [Fr::zero(); T];
    for (slot, x) in s[1..].iter_mut().zip(inputs) {
        *slot = *x;
    }
    plan.permute(&mut s);
    s[0]
}

/// circom's Poseidon of `inputs` through the plan of its width, built on first use;
/// `None` for a count without parameters or a width whose plan failed its check.
#[inline]
pub(crate) fn try_hash(inputs: &[Fr]) -> Option<Fr> {
    macro_rules! by_width {
        ($($t:literal)*) => {
            match inputs.len() + 1 {
                $($t => {
                    static PLAN: OnceLock<Option<Plan<Bn254Ops, $t>>> = OnceLock::new();
                    PLAN.get_or_init(checked::<$t>).as_ref().map(|p| hash(p, inputs))
                })*
                _ => None,
            }
        };
    }
    by_width!(2 3 4 5 6 7 8 9 10 11 12 13)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs spread over the field, from a fixed seed.
    fn inputs(count: usize, seed: u64) -> Vec<Fr> {
        let mut x = seed;
        (0..count)
            .map(|_| {
                let mut limbs = [0u64; 4];
                for l in &mut limbs {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    *l = x;
                }
                // Below 2^253, so below the modulus.
                limbs[3] >>= 3;
                Fr::from(ark_ff::BigInt::new(limbs))
            })
            .collect()
    }

    #[test]
    fn every_width_has_a_plan_that_agrees_with_light_poseidon() {
        macro_rules! check {
            ($($t:literal)*) => {$(
                let plan = checked::<$t>().expect("the plan builds and passes its probe");
                let mut reference = Poseidon::<Fr>::new_circom($t - 1).unwrap();
                for seed in 0..20 {
                    let x = inputs($t - 1, seed * 31 + $t);
                    assert_eq!(hash(&plan, &x), reference.hash(&x).unwrap(), "width {}", $t);
                }
            )*};
        }
        check!(2 3 4 5 6 7 8 9 10 11 12 13);
    }

    #[test]
    fn counts_without_parameters_have_no_plan() {
        assert_eq!(try_hash(&[]), None);
        assert_eq!(try_hash(&[Fr::from(1u64); 13]), None);
        assert!(try_hash(&[Fr::from(1u64); 12]).is_some());
    }
}
