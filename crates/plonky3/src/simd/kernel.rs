//! The Poseidon2 permutation over `N` states at once, generic over a vector of `N`
//! 32-bit lanes: lane `k` of vector `i` is element `i` of state `k`, so every step of
//! the permutation is the same vector step for all states and nothing moves between
//! lanes.
//!
//! Arithmetic is in Plonky3's Montgomery form with `R = 2^32`. Every value is kept
//! below `p < 2^31`, so a sum of two fits a lane and one conditional subtraction
//! (an unsigned minimum of `x` and `x - p`) reduces it; a product goes through
//! Montgomery's reduction (`REDC`, with `mu = p^-1 mod 2^32`) in 64-bit halves.
//! The steps follow the Poseidon2 paper (Grassi, Khovratovich, Schofnegger,
//! eprint 2023/323) as Plonky3 arranges them: the external layer once, the first
//! full rounds, the partial rounds, the last full rounds; a full round adds its
//! constants, raises every element to the S-box power and applies the external
//! layer; a partial round does so for element 0 alone and applies the internal layer.

use super::plan::{circulant_2311, Plan, WIDTH};

/// A vector of 32-bit lanes and the field operations on it.
///
/// # Safety
///
/// Every method needs the CPU features of its implementation; they are called
/// only from functions compiled with those features, after the CPU check.
pub(crate) unsafe trait Lanes: Copy {
    /// States per vector.
    const N: usize;
    /// Every lane `x`.
    unsafe fn splat(x: u32) -> Self;
    /// Lane `k` is `values[k]` (`values.len() == N`).
    unsafe fn load(values: &[u32]) -> Self;
    /// Writes lane `k` to `out[k]` (`out.len() == N`).
    unsafe fn store(self, out: &mut [u32]);
    /// Lane-wise wrapping sum.
    unsafe fn add_wrapping(self, other: Self) -> Self;
    /// Lane-wise wrapping difference.
    unsafe fn sub_wrapping(self, other: Self) -> Self;
    /// Lane-wise unsigned minimum.
    unsafe fn min(self, other: Self) -> Self;
    /// Lane-wise `REDC(self * other)`, before the final correction: a value in
    /// `(-p, p)` as a wrapping `u32` (`p` and `mu` splatted).
    unsafe fn redc_raw(self, other: Self, p: Self, mu: Self) -> Self;
}

/// The plan's constants as vectors where a step takes a whole vector.
#[derive(Clone, Copy)]
struct Field<V> {
    p: V,
    mu: V,
}

impl<V: Lanes> Field<V> {
    #[inline(always)]
    unsafe fn add(self, a: V, b: V) -> V {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            let t = a.add_wrapping(b);
            t.min(t.sub_wrapping(self.p))
        }
    }

    #[inline(always)]
    unsafe fn mul(self, a: V, b: V) -> V {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            let t = a.redc_raw(b, self.p, self.mu);
            t.min(t.add_wrapping(self.p))
        }
    }

    #[inline(always)]
    unsafe fn sbox<const D: u64>(self, x: V) -> V {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            let x2 = self.mul(x, x);
            match D {
                3 => self.mul(x2, x),
                5 => self.mul(self.mul(x2, x2), x),
                _ => self.mul(self.mul(x2, x), self.mul(x2, x2)),
            }
        }
    }

    /// The external layer: `M4` on each block of four, then each element plus the
    /// sum of its position over all blocks (which doubles the diagonal blocks).
    /// `M4` is an addition chain where the plan found that chain to be Plonky3's
    /// matrix, and sums of the block's multiples otherwise.
    #[inline(always)]
    unsafe fn external(self, plan: &Plan, s: &mut [V; WIDTH]) {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            let zero = V::splat(0);
            for block in s.as_chunks_mut::<4>().0 {
                if plan.m4_is_circulant_2311 {
                    *block = circulant_2311(*block, |x, y| self.add(x, y));
                    continue;
                }
                // multiples[k][j] = k * block[j] for every entry k of M4 (0 to 3).
                let doubled = block.map(|x| self.add(x, x));
                let tripled = std::array::from_fn::<V, 4, _>(|j| self.add(doubled[j], block[j]));
                let multiples = [[zero; 4], *block, doubled, tripled];
                for (out, row) in block.iter_mut().zip(&plan.m4) {
                    let mut acc = multiples[row[0] as usize][0];
                    for (j, &entry) in row.iter().enumerate().skip(1) {
                        acc = self.add(acc, multiples[entry as usize][j]);
                    }
                    *out = acc;
                }
            }
            let mut sums = [zero; 4];
            for (k, sum) in sums.iter_mut().enumerate() {
                *sum = self.add(self.add(s[k], s[4 + k]), self.add(s[8 + k], s[12 + k]));
            }
            for (i, x) in s.iter_mut().enumerate() {
                *x = self.add(*x, sums[i % 4]);
            }
        }
    }

    #[inline(always)]
    unsafe fn full_round<const D: u64>(self, plan: &Plan, rc: &[u32; WIDTH], s: &mut [V; WIDTH]) {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            for (x, &c) in s.iter_mut().zip(rc) {
                *x = self.sbox::<D>(self.add(*x, V::splat(c)));
            }
            self.external(plan, s);
        }
    }

    /// A partial round: element 0 through the S-box, then `s -> sum(s) + V * s`.
    #[inline(always)]
    unsafe fn partial_round<const D: u64>(self, rc: u32, diag: &[V; WIDTH], s: &mut [V; WIDTH]) {
        // SAFETY: the caller runs with the features of `V`.
        unsafe {
            s[0] = self.sbox::<D>(self.add(s[0], V::splat(rc)));
            let mut sum = s[0];
            for &x in &s[1..] {
                sum = self.add(sum, x);
            }
            for (x, &v) in s.iter_mut().zip(diag) {
                *x = self.add(sum, self.mul(*x, v));
            }
        }
    }
}

/// Permutes `V::N` states held element-wise in `s`.
#[inline(always)]
unsafe fn permute_vectors<V: Lanes, const D: u64>(plan: &Plan, s: &mut [V; WIDTH]) {
    // SAFETY: the caller runs with the features of `V`.
    unsafe {
        let field = Field {
            p: V::splat(plan.prime),
            mu: V::splat(plan.mu),
        };
        let diag = plan.diag.map(|v| V::splat(v));
        field.external(plan, s);
        for rc in &plan.initial {
            field.full_round::<D>(plan, rc, s);
        }
        for &rc in &plan.internal {
            field.partial_round::<D>(rc, &diag, s);
        }
        for rc in &plan.terminal {
            field.full_round::<D>(plan, rc, s);
        }
    }
}

/// Permutes every state of `states` in place, `V::N` at a time; a last short group
/// is padded with zero states.
///
/// # Safety
///
/// The CPU has the features of `V`.
#[inline(always)]
pub(crate) unsafe fn permute_all<V: Lanes>(plan: &Plan, states: &mut [[u32; WIDTH]]) {
    // SAFETY: the caller has checked the CPU for `V`'s features.
    unsafe {
        match plan.degree {
            3 => permute_all_d::<V, 3>(plan, states),
            5 => permute_all_d::<V, 5>(plan, states),
            _ => permute_all_d::<V, 7>(plan, states),
        }
    }
}

#[inline(always)]
unsafe fn permute_all_d<V: Lanes, const D: u64>(plan: &Plan, states: &mut [[u32; WIDTH]]) {
    let mut columns = [[0u32; 16]; WIDTH];
    for group in states.chunks_mut(V::N) {
        for (k, state) in group.iter().enumerate() {
            for (column, &x) in columns.iter_mut().zip(state) {
                column[k] = x;
            }
        }
        for column in columns.iter_mut() {
            column[group.len()..V::N].fill(0);
        }
        // SAFETY: the caller runs with the features of `V`; `columns` rows hold at
        // least `V::N` (at most 16) lanes.
        unsafe {
            let mut s: [V; WIDTH] = std::array::from_fn(|i| V::load(&columns[i][..V::N]));
            permute_vectors::<V, D>(plan, &mut s);
            for (column, v) in columns.iter_mut().zip(s) {
                v.store(&mut column[..V::N]);
            }
        }
        for (k, state) in group.iter_mut().enumerate() {
            for (x, column) in state.iter_mut().zip(&columns) {
                *x = column[k];
            }
        }
    }
}
