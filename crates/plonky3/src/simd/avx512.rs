//! Sixteen lanes in one AVX-512 register.

use std::arch::x86_64::*;

use super::kernel::{permute_all, Lanes};
use super::plan::{Plan, WIDTH};

/// Sixteen 32-bit lanes.
#[derive(Clone, Copy)]
pub(crate) struct X16(__m512i);

// SAFETY: every method is called only from `permute`, which is compiled with
// AVX-512F and called after the CPU check.
unsafe impl Lanes for X16 {
    const N: usize = 16;

    #[inline(always)]
    unsafe fn splat(x: u32) -> Self {
        // SAFETY: AVX-512F is enabled in the caller.
        Self(unsafe { _mm512_set1_epi32(x as i32) })
    }

    #[inline(always)]
    unsafe fn load(values: &[u32]) -> Self {
        debug_assert_eq!(values.len(), 16);
        // SAFETY: `values` holds 16 `u32`s; an unaligned load.
        Self(unsafe { _mm512_loadu_si512(values.as_ptr().cast()) })
    }

    #[inline(always)]
    unsafe fn store(self, out: &mut [u32]) {
        debug_assert_eq!(out.len(), 16);
        // SAFETY: `out` holds 16 `u32`s; an unaligned store.
        unsafe { _mm512_storeu_si512(out.as_mut_ptr().cast(), self.0) }
    }

    #[inline(always)]
    unsafe fn add_wrapping(self, other: Self) -> Self {
        // SAFETY: AVX-512F is enabled in the caller.
        Self(unsafe { _mm512_add_epi32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn sub_wrapping(self, other: Self) -> Self {
        // SAFETY: AVX-512F is enabled in the caller.
        Self(unsafe { _mm512_sub_epi32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn min(self, other: Self) -> Self {
        // SAFETY: AVX-512F is enabled in the caller.
        Self(unsafe { _mm512_min_epu32(self.0, other.0) })
    }

    #[inline(always)]
    unsafe fn redc_raw(self, other: Self, p: Self, mu: Self) -> Self {
        // SAFETY: AVX-512F is enabled in the caller.
        unsafe {
            // 64-bit products of the even lanes and of the odd lanes (moved down).
            let a_odd = _mm512_srli_epi64::<32>(self.0);
            let b_odd = _mm512_srli_epi64::<32>(other.0);
            let x_even = _mm512_mul_epu32(self.0, other.0);
            let x_odd = _mm512_mul_epu32(a_odd, b_odd);
            // q = x * mu mod 2^32, so q * p agrees with x in the low 32 bits and
            // the high halves' difference is (x - q p) / 2^32.
            let q_even = _mm512_mul_epu32(x_even, mu.0);
            let q_odd = _mm512_mul_epu32(x_odd, mu.0);
            let qp_even = _mm512_mul_epu32(q_even, p.0);
            let qp_odd = _mm512_mul_epu32(q_odd, p.0);
            let d_even = _mm512_sub_epi32(x_even, qp_even);
            let d_odd = _mm512_sub_epi32(x_odd, qp_odd);
            // The even results sit in the odd 32-bit positions: move them down.
            Self(_mm512_mask_blend_epi32(
                0xAAAA,
                _mm512_srli_epi64::<32>(d_even),
                d_odd,
            ))
        }
    }
}

/// Permutes every state, sixteen at a time.
#[target_feature(enable = "avx512f")]
pub(crate) fn permute(plan: &Plan, states: &mut [[u32; WIDTH]]) {
    // SAFETY: this function is compiled with AVX-512F, which `X16` needs.
    unsafe { permute_all::<X16>(plan, states) }
}
