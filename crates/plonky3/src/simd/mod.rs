//! Many width-16 Poseidon2 permutations at once over BabyBear and KoalaBear: sixteen
//! with AVX-512F, eight with AVX2, chosen when the program runs.
//!
//! Plonky3 0.8 has packed forms of these permutations, but compiles them only when
//! the build itself targets AVX2 or AVX-512 (`#[cfg(target_feature)]` in
//! `p3-monty-31`), so a default build of merklab (or of Plonky3) holds only the
//! scalar permutation. This module is merklab's own lane kernel (`kernel.rs`) over
//! Plonky3's published constants and linear layers (`plan.rs`), compiled inside
//! `#[target_feature]` functions and called after `is_x86_feature_detected!`; on
//! other CPUs, and for a field whose layers the kernel does not have, batches go
//! through Plonky3's scalar permutation. Lanes hold Plonky3's own Montgomery
//! representation, so every permuted state is bit-identical to Plonky3's (the
//! tests compare every lane with `Poseidon2BabyBear<16>` and
//! `Poseidon2KoalaBear<16>`).

// The kernels are the crate's only unsafe code: SIMD intrinsics, and the view of
// Plonky3's field elements as their Montgomery words.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
#[cfg(target_arch = "x86_64")]
mod kernel;
mod plan;

use std::sync::OnceLock;

use p3_monty_31::{MontyField31, MontyParameters};
use p3_symmetric::Permutation;

pub(crate) use plan::{Plan, Rounds, WIDTH};

use crate::SmallField;

/// A field whose states the kernels can permute: Plonky3's Montgomery fields.
///
/// Public in a private module, so no other crate can implement it (or
/// [`SmallField`], which requires it).
pub trait Packable: Sized {
    /// The field's permutation as the kernels take it, or `None` if they cannot.
    fn plan() -> Option<&'static Plan>;
    /// The states as their Montgomery words.
    fn words(states: &mut [[Self; WIDTH]]) -> &mut [[u32; WIDTH]];
}

/// `states` as the Montgomery words Plonky3 stores.
pub(crate) fn monty_words<MP: MontyParameters>(
    states: &mut [[MontyField31<MP>; WIDTH]],
) -> &mut [[u32; WIDTH]] {
    // SAFETY: `MontyField31` is `#[repr(transparent)]` over its Montgomery `u32`
    // (and a zero-sized marker), so `[MontyField31<MP>; 16]` has the layout of
    // `[u32; 16]`. The kernels write only values below the modulus, which is the
    // one invariant a `MontyField31` word has.
    unsafe { std::slice::from_raw_parts_mut(states.as_mut_ptr().cast(), states.len()) }
}

/// Which form of the permutation runs a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Sixteen states per pass, AVX-512F.
    Avx512,
    /// Eight states per pass, AVX2.
    Avx2,
    /// Plonky3's scalar permutation, one state at a time.
    Scalar,
}

impl Backend {
    /// The widest form this CPU runs, found once per process.
    pub fn detect() -> Self {
        static DETECTED: OnceLock<Backend> = OnceLock::new();
        *DETECTED.get_or_init(|| {
            [Backend::Avx512, Backend::Avx2]
                .into_iter()
                .find(|b| b.supported())
                .unwrap_or(Backend::Scalar)
        })
    }

    /// Whether this CPU runs this form.
    pub fn supported(self) -> bool {
        match self {
            #[cfg(target_arch = "x86_64")]
            Backend::Avx512 => std::arch::is_x86_feature_detected!("avx512f"),
            #[cfg(target_arch = "x86_64")]
            Backend::Avx2 => std::arch::is_x86_feature_detected!("avx2"),
            Backend::Scalar => true,
            #[cfg(not(target_arch = "x86_64"))]
            _ => false,
        }
    }

    /// States per pass.
    pub fn lanes(self) -> usize {
        match self {
            Backend::Avx512 => 16,
            Backend::Avx2 => 8,
            Backend::Scalar => 1,
        }
    }
}

/// Permutes every state with the field's default width-16 Poseidon2, on the widest
/// form this CPU has; returns the form that ran.
pub fn permute_many<F: SmallField>(states: &mut [[F; WIDTH]]) -> Backend {
    permute_many_with(Backend::detect(), states)
}

/// Permutes every state on `backend`, or on Plonky3's scalar permutation where this
/// CPU lacks it; returns the form that ran. Every form gives the same states.
pub fn permute_many_with<F: SmallField>(backend: Backend, states: &mut [[F; WIDTH]]) -> Backend {
    #[cfg(target_arch = "x86_64")]
    if backend.supported() {
        if let Some(plan) = F::plan() {
            let words = F::words(states);
            match backend {
                // SAFETY: `supported()` has just confirmed the CPU has the feature
                // each function is compiled for.
                Backend::Avx512 => {
                    unsafe { avx512::permute(plan, words) };
                    return backend;
                }
                Backend::Avx2 => {
                    unsafe { avx2::permute(plan, words) };
                    return backend;
                }
                Backend::Scalar => {}
            }
        }
    }
    let _ = backend;
    let perm = &F::hashers().perm;
    for state in states {
        perm.permute_mut(state);
    }
    Backend::Scalar
}

#[cfg(test)]
mod tests {
    use p3_baby_bear::default_babybear_poseidon2_16;
    use p3_koala_bear::default_koalabear_poseidon2_16;

    use super::*;
    use crate::{BabyBear, KoalaBear};

    #[test]
    fn both_fields_have_plans_with_plonky3s_m4_as_the_addition_chain() {
        for plan in [BabyBear::plan(), KoalaBear::plan()] {
            let plan = plan.expect("a plan");
            assert!(plan.m4_is_circulant_2311);
            assert_eq!(plan.mu.wrapping_mul(plan.prime), 1);
        }
    }

    /// The table form of `M4` (for a matrix the chain is not) against Plonky3, on
    /// this CPU's widest form.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_table_form_of_m4_equals_plonky3s_permutation() {
        fn check<F: SmallField>(p3: impl Permutation<[F; WIDTH]>) {
            let mut plan = F::plan().expect("a plan").clone();
            plan.m4_is_circulant_2311 = false;
            let mut states: Vec<[F; WIDTH]> = (0..19u32)
                .map(|k| std::array::from_fn(|i| F::from_u32(k * 977 + i as u32 * 31 + 5)))
                .collect();
            let expected: Vec<[F; WIDTH]> = states.iter().map(|s| p3.permute(*s)).collect();
            let words = F::words(&mut states);
            if Backend::Avx512.supported() {
                // SAFETY: the CPU has AVX-512F, checked on the line above.
                unsafe { avx512::permute(&plan, words) };
            } else if Backend::Avx2.supported() {
                // SAFETY: the CPU has AVX2, checked on the line above.
                unsafe { avx2::permute(&plan, words) };
            } else {
                return;
            }
            assert_eq!(states, expected);
        }
        check::<BabyBear>(default_babybear_poseidon2_16());
        check::<KoalaBear>(default_koalabear_poseidon2_16());
    }
}
