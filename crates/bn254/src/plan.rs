//! circom's Poseidon through merklab's optimized plan ([`merklab_poseidon::Plan`]),
//! with circomlib's parameters as `light-poseidon` ships them.
//!
//! A plan is built per width on first use and must reproduce `light-poseidon` on a
//! probe input before it is used; should a plan fail to build or to agree, that width
//! hashes through `light-poseidon` itself, so the first hash is as correct as the rest.
//! Each width has two plans, one per [`Arithmetic`]: the ADX one where the CPU has it
//! and its plan passes the probe, else the portable one.

use std::sync::OnceLock;

use ark_ff::{Field, Zero};
use light_poseidon::parameters::bn254_x5::get_poseidon_parameters;
use light_poseidon::{Poseidon, PoseidonHasher};
use merklab_poseidon::{FieldOps, Params, Plan};

#[cfg(all(feature = "adx", target_arch = "x86_64"))]
use crate::adx::{self, AdxOps};
use crate::Fr;

/// The field arithmetic a permutation runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Arithmetic {
    /// `halo2curves`' Montgomery multiplication in x86-64 BMI2/ADX instructions, used
    /// where the CPU has both (feature `adx`, part of `parallel`).
    Adx,
    /// arkworks' portable Montgomery multiplication, used everywhere else.
    Portable,
}

impl std::fmt::Display for Arithmetic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Arithmetic::Adx => "adx",
            Arithmetic::Portable => "portable",
        })
    }
}

/// The arithmetic [`crate::poseidon`] selects on this CPU (a width whose ADX plan failed
/// its check would still run portably).
pub fn arithmetic() -> Arithmetic {
    #[cfg(all(feature = "adx", target_arch = "x86_64"))]
    if adx::available() {
        return Arithmetic::Adx;
    }
    Arithmetic::Portable
}

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

    /// arkworks' lazy inner product over the `T − 1` elements after the first, one
    /// arm per width (its length is a const generic).
    #[inline(always)]
    fn dot_tail<const T: usize>(a: &[Fr; T], b: &[Fr; T]) -> Fr {
        macro_rules! tail {
            ($($n:literal)*) => {
                match T - 1 {
                    $($n => {
                        if let (Ok(x), Ok(y)) = (
                            <&[Fr; $n]>::try_from(&a[1..]),
                            <&[Fr; $n]>::try_from(&b[1..]),
                        ) {
                            return Fr::sum_of_products(x, y);
                        }
                    })*
                    _ => {}
                }
            };
        }
        tail!(1 2 3 4 5 6 7 8 9 10 11 12);
        a[1..].iter().zip(&b[1..]).map(|(x, y)| *x * *y).sum()
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

/// The portable plan for width `T` if it builds and agrees with `light-poseidon` on the
/// probe.
pub(crate) fn checked<const T: usize>() -> Option<Plan<Bn254Ops, T>> {
    let plan = Plan::<Bn254Ops, T>::new(&params::<T>()?).ok()?;
    agrees::<T>(|x| hash(&plan, x)).then_some(plan)
}

/// The ADX plan for width `T` if this CPU has ADX and the plan builds and agrees with
/// `light-poseidon` on the probe.
#[cfg(all(feature = "adx", target_arch = "x86_64"))]
pub(crate) fn checked_adx<const T: usize>() -> Option<Plan<AdxOps, T>> {
    if !adx::available() {
        return None;
    }
    let plan = Plan::<AdxOps, T>::new(&adx::params(&params::<T>()?)).ok()?;
    agrees::<T>(|x| hash_adx(&plan, x)).then_some(plan)
}

/// Whether `hash` equals `light-poseidon` on the probe of width `T`.
fn agrees<const T: usize>(hash: impl Fn(&[Fr]) -> Fr) -> bool {
    let input = probe::<T>();
    let expect = Poseidon::<Fr>::new_circom(T - 1).and_then(|mut p| p.hash(&input));
    expect.is_ok_and(|e| hash(&input) == e)
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

/// [`hash`] through the ADX plan, moving values in and out by their limbs.
#[cfg(all(feature = "adx", target_arch = "x86_64"))]
#[inline]
pub(crate) fn hash_adx<const T: usize>(plan: &Plan<AdxOps, T>, inputs: &[Fr]) -> Fr {
    let mut s = [AdxOps::zero(); T];
    for (slot, x) in s[1..].iter_mut().zip(inputs) {
        *slot = adx::to_adx(x);
    }
    plan.permute(&mut s);
    adx::from_adx(&s[0])
}

/// The plans of one width, each built and checked on first use.
struct Plans<const T: usize> {
    #[cfg(all(feature = "adx", target_arch = "x86_64"))]
    adx: OnceLock<Option<Plan<AdxOps, T>>>,
    portable: OnceLock<Option<Plan<Bn254Ops, T>>>,
}

impl<const T: usize> Plans<T> {
    const fn new() -> Self {
        Plans {
            #[cfg(all(feature = "adx", target_arch = "x86_64"))]
            adx: OnceLock::new(),
            portable: OnceLock::new(),
        }
    }

    /// The hash through `only`'s plan, or through the ADX plan where it exists and the
    /// portable one otherwise; `None` if that plan does not exist or failed its check.
    #[inline]
    fn hash(&self, inputs: &[Fr], only: Option<Arithmetic>) -> Option<Fr> {
        #[cfg(all(feature = "adx", target_arch = "x86_64"))]
        if only != Some(Arithmetic::Portable) {
            if let Some(plan) = self.adx.get_or_init(checked_adx::<T>) {
                return Some(hash_adx(plan, inputs));
            }
        }
        if only == Some(Arithmetic::Adx) {
            return None;
        }
        self.portable
            .get_or_init(checked::<T>)
            .as_ref()
            .map(|p| hash(p, inputs))
    }
}

/// circom's Poseidon of `inputs` through the plan of its width (`only`'s, or the one
/// selected for this CPU), built on first use; `None` for a count without parameters or
/// a plan that does not exist here or failed its check.
#[inline]
pub(crate) fn try_hash(inputs: &[Fr], only: Option<Arithmetic>) -> Option<Fr> {
    macro_rules! by_width {
        ($($t:literal)*) => {
            match inputs.len() + 1 {
                $($t => {
                    static PLANS: Plans<$t> = Plans::new();
                    PLANS.hash(inputs, only)
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

    /// The ADX plan of every width against `light-poseidon`, on a CPU that has ADX (the
    /// test says so when it has not, rather than passing silently).
    #[cfg(all(feature = "adx", target_arch = "x86_64"))]
    #[test]
    fn every_width_has_an_adx_plan_that_agrees_with_light_poseidon() {
        if !adx::available() {
            assert!(checked_adx::<3>().is_none());
            eprintln!("this CPU lacks BMI2/ADX: only the portable plans ran");
            return;
        }
        macro_rules! check {
            ($($t:literal)*) => {$(
                let plan = checked_adx::<$t>().expect("the plan builds and passes its probe");
                let mut reference = Poseidon::<Fr>::new_circom($t - 1).unwrap();
                for seed in 0..20 {
                    let x = inputs($t - 1, seed * 37 + $t);
                    assert_eq!(hash_adx(&plan, &x), reference.hash(&x).unwrap(), "width {}", $t);
                }
            )*};
        }
        check!(2 3 4 5 6 7 8 9 10 11 12 13);
        assert_eq!(arithmetic(), Arithmetic::Adx);
    }

    /// Values cross between the two fields by their limbs, edge values included.
    #[cfg(all(feature = "adx", target_arch = "x86_64"))]
    #[test]
    fn values_cross_between_the_fields_unchanged() {
        let edges = [
            Fr::zero(),
            Fr::from(1u64),
            -Fr::from(1u64),
            Fr::from(u64::MAX),
        ];
        for x in edges.into_iter().chain(inputs(50, 7)) {
            assert_eq!(adx::from_adx(&adx::to_adx(&x)), x);
        }
        if adx::available() {
            // The same product in each field.
            let (a, b) = (inputs(1, 3)[0], -Fr::from(5u64));
            assert_eq!(adx::from_adx(&(adx::to_adx(&a) * adx::to_adx(&b))), a * b);
        }
    }

    #[test]
    fn counts_without_parameters_have_no_plan() {
        for only in [None, Some(Arithmetic::Portable)] {
            assert_eq!(try_hash(&[], only), None);
            assert_eq!(try_hash(&[Fr::from(1u64); 13], only), None);
            assert!(try_hash(&[Fr::from(1u64); 12], only).is_some());
        }
    }
}
