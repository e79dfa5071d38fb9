//! Eight lanes in one AVX2 register.

use std::arch::x86_64::*;

use super::kernel::{permute_all, Lanes};
use super::plan::{Plan, WIDTH};

/// Eight 32-bit lanes.
#[derive(Clone, Copy)]
pub(crate) struct X8(__m256i);

// SAFETY: every method is called only from `permute`, which is compiled with AVX2
// and called after the CPU check.
unsafe impl Lanes for X8 {
    const N: usize = 8;

    #[inline(always)]
    unsafe fn splat(x: u32) -> Self {
        // SAFETY: AVX2 is enabled in the caller.
        Self(unsafe { _mm256_set1_epi32(x as i32) })
    }

    #[inline(always)]
    unsafe fn load(values: &[u32]) -> Self {
        debug_assert_eq!(values.len(), 8);
        // SAFETY: `values` holds 8 `u32`s; an unaligned load.
        Self(unsafe { _mm256_loadu_si256(values.as_ptr().cast()) })
    }

    #[inline(always)]
    unsafe fn store(self, out: &mut [u32]) {
        debug_assert_eq!(out.len(), 8);
        // SAFETY: `out` holds 8 `u32`s; an unaligned store.
        unsafe { _mm256_storeu_si256(out.as_mut_ptr().cast(), self.0) }
    }

    #[inline(always)]
    unsafe fn add_wrapping(self, other: Self) -> Self {
        // SAFETY: AVX2 is enabled in the caller.
        Self(unsafe { _mm256_add_epi32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn sub_wrapping(self, other: Self) -> Self {
        // SAFETY: AVX2 is enabled in the caller.
        Self(unsafe { _mm256_sub_epi32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn min(self, other: Self) -> Self {
        // SAFETY: AVX2 is enabled in the caller.
        Self(unsafe { _mm256_min_epu32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn redc_raw(self, other: Self, p: Self, mu: Self) -> Self {
        // SAFETY: AVX2 is enabled in the caller.
        unsafe {
            // As the AVX-512 form: even and odd lanes as 64-bit products.
            let a_odd = _mm256_srli_epi64::<32>(self.0);
            let b_odd = _mm256_srli_epi64::<32>(other.0);
            let x_even = _mm256_mul_epu32(self.0, other.0);
            let x_odd = _mm256_mul_epu32(a_odd, b_odd);
            let q_even = _mm256_mul_epu32(x_even, mu.0);
            let q_odd = _mm256_mul_epu32(x_odd, mu.0);
            let qp_even = _mm256_mul_epu32(q_even, p.0);
            let qp_odd = _mm256_mul_epu32(q_odd, p.0);
            let d_even = _mm256_sub_epi32(x_even, qp_even);
            let d_odd = _mm256_sub_epi32(x_odd, qp_odd);
            Self(_mm256_blend_epi32::<0b1010_1010>(
                _mm256_srli_epi64::<32>(d_even),
                d_odd,
            ))
        }
    }
}

/// Permutes every state, eight at a time.
#[target_feature(enable = "avx2")]
pub(crate) fn permute(plan: &Plan, states: &mut [[u32; WIDTH]]) {
    // SAFETY: this function is compiled with AVX2, which `X8` needs.
    unsafe { permute_all::<X8>(plan, states) }
}
