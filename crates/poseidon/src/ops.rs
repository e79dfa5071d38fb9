//! The field operations a plan needs.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Mul, MulAssign, Sub, SubAssign};

/// A prime field as a plan uses it, implemented by a family on a marker type of its own
/// (the field types are foreign to this crate and to the family alike).
pub trait FieldOps {
    /// The field element.
    type F: Copy
        + Debug
        + PartialEq
        + Add<Output = Self::F>
        + Sub<Output = Self::F>
        + Mul<Output = Self::F>
        + AddAssign
        + SubAssign
        + MulAssign;

    /// The additive identity.
    fn zero() -> Self::F;

    /// The multiplicative identity.
    fn one() -> Self::F;

    /// `x⁻¹`, or `None` for zero.
    fn inverse(x: &Self::F) -> Option<Self::F>;

    /// `x²`; a field with a faster squaring says so here.
    #[inline(always)]
    fn square(x: Self::F) -> Self::F {
        x * x
    }

    /// `Σ a[i]·b[i]`; a field with a lazily reduced inner product says so here.
    #[inline(always)]
    fn dot<const T: usize>(a: &[Self::F; T], b: &[Self::F; T]) -> Self::F {
        let mut acc = a[0] * b[0];
        for (x, y) in a[1..].iter().zip(&b[1..]) {
            acc += *x * *y;
        }
        acc
    }

    /// `Σ a[i]·b[i]` over `i ≥ 1` (element 0 left out): a partial round's inner
    /// product without the S-box's element.
    #[inline(always)]
    fn dot_tail<const T: usize>(a: &[Self::F; T], b: &[Self::F; T]) -> Self::F {
        let mut acc = Self::zero();
        for (x, y) in a[1..].iter().zip(&b[1..]) {
            acc += *x * *y;
        }
        acc
    }

    /// `x^e` by square-and-multiply (`e ≥ 1`), with the common S-box exponents
    /// written out so the hot loop has no branches: 5 (BN254) is two squarings and a
    /// multiplication, 17 (Aleo) four squarings and a multiplication.
    #[inline(always)]
    fn pow(x: Self::F, e: u64) -> Self::F {
        match e {
            5 => return Self::square(Self::square(x)) * x,
            17 => return Self::square(Self::square(Self::square(Self::square(x)))) * x,
            _ => {}
        }
        let mut acc = x;
        let top = 63 - e.leading_zeros();
        for bit in (0..top).rev() {
            acc = Self::square(acc);
            if (e >> bit) & 1 == 1 {
                acc *= x;
            }
        }
        acc
    }
}
