//! Building the optimized plan from an ecosystem's parameters, and running it.

use std::marker::PhantomData;

use crate::matrix::{self, Matrix};
use crate::FieldOps;

/// An ecosystem's Poseidon parameters for state width `t`, in the order its permutation
/// uses them: round `r` adds `ark[r]`, applies the S-box (every element in the first and
/// last `full_rounds / 2` rounds, element 0 alone in the `partial_rounds` between) and
/// multiplies by `mds`.
#[derive(Clone, Debug)]
pub struct Params<F> {
    /// Full rounds, split evenly around the partial rounds.
    pub full_rounds: usize,
    /// Partial rounds.
    pub partial_rounds: usize,
    /// The S-box exponent.
    pub alpha: u64,
    /// One round-constant vector of `t` elements per round.
    pub ark: Vec<Vec<F>>,
    /// The `t × t` MDS matrix, as rows.
    pub mds: Vec<Vec<F>>,
}

/// Why parameters give no plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The parameters do not describe a width-`T` permutation with full rounds on both
    /// sides of the partial rounds.
    #[error("Poseidon parameters do not fit the plan: {0}")]
    Shape(&'static str),
    /// A submatrix the factoring inverts, or a partial round's corner element the scaling
    /// divides by, is singular (not the case for an MDS matrix).
    #[error("Poseidon parameters do not fit the plan: a partial round's matrix has a singular submatrix")]
    Singular,
}

/// A partial round's sparse matrix `[[row₀, row₁..], [col₁.., I]]`.
#[derive(Clone, Copy, Debug)]
struct Sparse<F, const T: usize> {
    /// First row: `out[0] = Σ row[j]·s[j]`.
    row: [F; T],
    /// First column below the diagonal: `out[i] = s[i] + col[i]·s[0]` for `i ≥ 1`.
    col: [F; T],
}

/// A partial round on a scaled S-box input (see [`Plan::permute`]).
#[derive(Clone, Copy, Debug)]
struct Partial<F, const T: usize> {
    /// Element 0: the next round's scaled constant (the last round: the S-box output's
    /// weight in element 0); elements `j ≥ 1`: the weights of `s[j]` in the same.
    next: [F; T],
    /// Elements `j ≥ 1`: `s[j] += col[j]·v`, with `v` the scaled S-box output.
    col: [F; T],
}
/// The permutation of width `T` over the field of `O`, in optimized form.
pub struct Plan<O: FieldOps, const T: usize> {
    alpha: u64,
    /// Round constants of the first full rounds.
    first_full: Vec<[O::F; T]>,
    /// The MDS matrix.
    mds: [[O::F; T]; T],
    /// `P₀ · MDS`: the last first-half full round's matrix.
    pre_partial: [[O::F; T]; T],
    /// The first partial round's constant (added to element 0).
    partial_first: O::F,
    /// The partial rounds, scaled.
    partial: Vec<Partial<O::F, T>>,
    /// Round constants of the last full rounds; the first absorbs the partial rounds' carry.
    last_full: Vec<[O::F; T]>,
    field: PhantomData<fn() -> O>,
}

impl<O: FieldOps, const T: usize> Plan<O, T> {
    /// The plan for `params`, or why they do not fit one.
    pub fn new(params: &Params<O::F>) -> Result<Self, PlanError> {
        let (full, partial) = (params.full_rounds, params.partial_rounds);
        let half = full / 2;
        if T < 2 {
            return Err(PlanError::Shape("the width is below 2"));
        }
        if full % 2 != 0 || half == 0 {
            return Err(PlanError::Shape(
                "the full rounds are not an even, positive count",
            ));
        }
        if params.alpha == 0 {
            return Err(PlanError::Shape("the S-box exponent is 0"));
        }
        if params.ark.len() != full + partial || params.ark.iter().any(|r| r.len() != T) {
            return Err(PlanError::Shape(
                "the round constants are not one width-sized vector per round",
            ));
        }
        if params.mds.len() != T || params.mds.iter().any(|r| r.len() != T) {
            return Err(PlanError::Shape("the MDS matrix is not width by width"));
        }
        let m = &params.mds;
        let shape = PlanError::Shape("the width does not match the parameters");

        // Constants: partial rounds keep element 0 of (constant + carry); the rest goes
        // through the MDS matrix into the next round.
        let mut carry = vec![O::zero(); T];
        let mut partial_constants = Vec::with_capacity(partial);
        for r in half..half + partial {
            let mut eff: Vec<O::F> = params.ark[r]
                .iter()
                .zip(&carry)
                .map(|(c, k)| *c + *k)
                .collect();
            partial_constants.push(eff[0]);
            eff[0] = O::zero();
            carry = matrix::apply::<O>(m, &eff);
        }
        let mut last_full: Vec<[O::F; T]> = params.ark[half + partial..]
            .iter()
            .map(|r| matrix::array(r))
            .collect::<Option<_>>()
            .ok_or(shape)?;
        if let Some(first) = last_full.first_mut() {
            for (c, k) in first.iter_mut().zip(&carry) {
                *c += *k;
            }
        }

        // Matrices, last partial round first: factor the round's matrix N as S · P with
        // P = diag(1, N̂), S = [[n₀₀, (N̂⁻ᵀ v)ᵀ], [w, I]]; P moves one round back.
        let mut sparse = Vec::with_capacity(partial);
        let mut carried: Matrix<O::F> = matrix::identity::<O>(T);
        for _ in 0..partial {
            let n = matrix::mul::<O>(&carried, m);
            let hat: Matrix<O::F> = n[1..].iter().map(|r| r[1..].to_vec()).collect();
            let hat_inv = matrix::invert::<O>(&hat).ok_or(PlanError::Singular)?;
            // u = N̂⁻ᵀ v, with v the first row without its first element.
            let v = &n[0][1..];
            let mut row = [O::zero(); T];
            row[0] = n[0][0];
            for (i, out) in row[1..].iter_mut().enumerate() {
                *out = hat_inv
                    .iter()
                    .zip(v)
                    .fold(O::zero(), |acc, (inv_row, vj)| acc + inv_row[i] * *vj);
            }
            let mut col = [O::zero(); T];
            for (i, out) in col.iter_mut().enumerate().skip(1) {
                *out = n[i][0];
            }
            sparse.push(Sparse { row, col });
            carried = (0..T)
                .map(|i| {
                    (0..T)
                        .map(|j| match (i, j) {
                            (0, 0) => O::one(),
                            (0, _) | (_, 0) => O::zero(),
                            _ => hat[i - 1][j - 1],
                        })
                        .collect()
                })
                .collect();
        }
        sparse.reverse();
        let pre_partial = matrix::square(&matrix::mul::<O>(&carried, m)).ok_or(shape)?;
        let partial_first = partial_constants.first().copied().unwrap_or(O::zero());
        let partial = scale::<O, T>(params.alpha, &partial_constants, &sparse)?;

        Ok(Plan {
            alpha: params.alpha,
            first_full: params.ark[..half]
                .iter()
                .map(|r| matrix::array(r))
                .collect::<Option<_>>()
                .ok_or(shape)?,
            mds: matrix::square(m).ok_or(shape)?,
            pre_partial,
            partial_first,
            partial,
            last_full,
            field: PhantomData,
        })
    }

    /// One full round with round constants `c` and matrix `m`.
    #[inline(always)]
    fn full_round(&self, s: &mut [O::F; T], c: &[O::F; T], m: &[[O::F; T]; T]) {
        for (x, k) in s.iter_mut().zip(c) {
            *x = O::pow(*x + *k, self.alpha);
        }
        let old = *s;
        for (out, row) in s.iter_mut().zip(m) {
            *out = O::dot(row, &old);
        }
    }

    /// The permutation, in place (the same result as the parameters' plain rounds).
    #[inline]
    pub fn permute(&self, s: &mut [O::F; T]) {
        let last_first = self.first_full.len() - 1;
        for (i, c) in self.first_full.iter().enumerate() {
            let m = if i == last_first {
                &self.pre_partial
            } else {
                &self.mds
            };
            self.full_round(s, c, m);
        }
        // Round r's S-box input is kept divided by a scale c_r (c_0 = 1), chosen so the
        // S-box output enters the next input with weight 1: the weight folds into the
        // constants, and one multiplication per round leaves the chain from one S-box
        // to the next (a latency chain: each round waits for the last).
        if let Some((last, rest)) = self.partial.split_last() {
            let mut u = s[0] + self.partial_first;
            for p in rest {
                let v = O::pow(u, self.alpha);
                u = v + O::dot_tail(&p.next, s) + p.next[0];
                for (x, w) in s[1..].iter_mut().zip(&p.col[1..]) {
                    *x += *w * v;
                }
            }
            let v = O::pow(u, self.alpha);
            s[0] = last.next[0] * v + O::dot_tail(&last.next, s);
            for (x, w) in s[1..].iter_mut().zip(&last.col[1..]) {
                *x += *w * v;
            }
        }
        for c in &self.last_full {
            self.full_round(s, c, &self.mds);
        }
    }
}

/// The partial rounds over scaled S-box inputs. Round `r` computes `y = (x + k_r)^α`,
/// `x' = row₀·y + Σ row_j·s_j`, `s_j += col_j·y`. With `u_r = (x_r + k_r) / c_r` and
/// `v = u_r^α`, `y = c_r^α·v`; taking `c_{r+1} = row₀·c_r^α` gives
/// `u_{r+1} = v + Σ (row_j / c_{r+1})·s_j + k_{r+1} / c_{r+1}` and `s_j += (col_j·c_r^α)·v`.
/// The last round returns to unscaled values: `x = (row₀·c^α)·v + Σ row_j·s_j`.
fn scale<O: FieldOps, const T: usize>(
    alpha: u64,
    constants: &[O::F],
    sparse: &[Sparse<O::F, T>],
) -> Result<Vec<Partial<O::F, T>>, PlanError> {
    let mut c = O::one();
    let mut out = Vec::with_capacity(sparse.len());
    for (r, sp) in sparse.iter().enumerate() {
        let c_alpha = O::pow(c, alpha);
        let mut col = sp.col;
        for w in &mut col[1..] {
            *w *= c_alpha;
        }
        let mut next = sp.row;
        next[0] = sp.row[0] * c_alpha;
        if let Some(k) = constants.get(r + 1) {
            c = next[0];
            let inv = O::inverse(&c).ok_or(PlanError::Singular)?;
            for w in &mut next[1..] {
                *w *= inv;
            }
            next[0] = *k * inv;
        }
        out.push(Partial { next, col });
    }
    Ok(out)
}
