//! Poseidon (rates 2, 4, 8) with the same outputs as snarkVM's `Poseidon2/4/8`,
//! restructured for speed.
//!
//! snarkVM's sponge (capacity 1, state `[capacity, rate..]`) absorbs the preimage
//! `domain || len(input) || 0^(RATE-2) || input` by adding `RATE` elements at a
//! time into the rate part, permuting between chunks, then squeezes by permuting
//! and reading the rate part. Each permutation round adds the round constants,
//! raises every element (full rounds) or the capacity element alone (partial
//! rounds) to `alpha`, and multiplies by the MDS matrix. This module computes the
//! same permutation, with the parameters and domain read from snarkVM's own
//! `POSEIDON_2/4/8` instances, in the optimized form of the Poseidon paper's
//! appendix B (Grassi et al., "Poseidon: A New Hash Function", USENIX Security 2021):
//!
//! - partial rounds add one scalar constant to the capacity element; the rest
//!   of each round-constant vector is pushed through the linear layer into the
//!   next round (and finally into the first full round after them);
//! - every partial round's dense MDS matrix `M` is factored as `S · P`, `S`
//!   sparse (first row, first column, identity elsewhere) and
//!   `P = diag(1, M̂)`; since `P` leaves the S-box's element alone, it is moved
//!   into the previous round, so partial rounds cost `2t − 1` multiplications
//!   instead of `t²`, and one dense matrix `P₀ · M` ends the first full rounds;
//! - the first `RATE` preimage elements depend only on the input length, so the
//!   state after the first permutation is precomputed for short lengths.
//!
//! State lives in fixed arrays (no allocation per call), and the whole plan is
//! checked against snarkVM on build; should that check fail, callers compute
//! through snarkVM instead.

use std::sync::OnceLock;

use snarkvm_console::algorithms::Elligator2;
use snarkvm_console::network::{Network, POSEIDON_2, POSEIDON_4, POSEIDON_8};
use snarkvm_console::types::Group;
use snarkvm_fields::{Field as _, One, PoseidonParameters, Zero};

use super::bhp::Fq;
use crate::family::PoseidonRate;
use crate::{snarkvm_error, Aleo, AleoError, Field};

/// Input lengths whose post-first-permutation state is precomputed.
const LENGTH_CACHE: usize = 64;

/// A partial round's sparse matrix `[[row₀, row₁..], [col₁.., I]]`.
#[derive(Clone, Copy)]
struct Sparse<const T: usize> {
    /// First row: `out[0] = Σ row[j]·s[j]`.
    row: [Fq; T],
    /// First column below the diagonal: `out[i] = s[i] + col[i]·s[0]` for `i ≥ 1`.
    col: [Fq; T],
}

/// The optimized permutation and sponge of one rate (`T = RATE + 1` state elements).
pub(crate) struct Plan<const T: usize> {
    /// snarkVM's domain separator for this rate.
    domain: Fq,
    /// The S-box exponent.
    alpha: u64,
    /// Round constants of the first full rounds.
    first_full: Vec<[Fq; T]>,
    /// The MDS matrix, row-major.
    mds: [[Fq; T]; T],
    /// `P₀ · MDS`: the last first-half full round's matrix.
    pre_partial: [[Fq; T]; T],
    /// The scalar constant of each partial round (added to the capacity element).
    partial_constants: Vec<Fq>,
    /// The sparse matrix of each partial round.
    sparse: Vec<Sparse<T>>,
    /// Round constants of the last full rounds (the first one absorbs the partial rounds' carry).
    last_full: Vec<[Fq; T]>,
    /// The state after absorbing the first chunk and permuting, by input length.
    after_first: Vec<[Fq; T]>,
}

/// `x^e` by square-and-multiply (`e ≥ 1`; 4 squarings and 1 multiplication for 17).
#[inline(always)]
fn pow(x: Fq, e: u64) -> Fq {
    let mut acc = x;
    let top = 63 - e.leading_zeros();
    for bit in (0..top).rev() {
        acc.square_in_place();
        if (e >> bit) & 1 == 1 {
            acc *= x;
        }
    }
    acc
}

/// `a · b` for square matrices given as rows.
fn mat_mul(a: &[Vec<Fq>], b: &[Vec<Fq>]) -> Vec<Vec<Fq>> {
    let n = b.first().map_or(0, Vec::len);
    a.iter()
        .map(|row| {
            (0..n)
                .map(|j| {
                    row.iter()
                        .zip(b)
                        .fold(Fq::zero(), |acc, (x, b_row)| acc + *x * b_row[j])
                })
                .collect()
        })
        .collect()
}

/// `m · v`.
fn mat_vec(m: &[Vec<Fq>], v: &[Fq]) -> Vec<Fq> {
    m.iter()
        .map(|row| {
            row.iter()
                .zip(v)
                .fold(Fq::zero(), |acc, (a, b)| acc + *a * b)
        })
        .collect()
}

/// The inverse of a square matrix by Gauss-Jordan elimination, `None` if singular.
fn invert(m: &[Vec<Fq>]) -> Option<Vec<Vec<Fq>>> {
    let n = m.len();
    let mut a: Vec<Vec<Fq>> = m
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut r = row.clone();
            r.extend((0..n).map(|j| if i == j { Fq::one() } else { Fq::zero() }));
            r
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).find(|&r| !a[r][col].is_zero())?;
        a.swap(col, pivot);
        let inv = a[col][col].inverse()?;
        for x in a[col].iter_mut() {
            *x *= inv;
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col && !row[col].is_zero() {
                let f = row[col];
                for (x, p) in row.iter_mut().zip(&pivot_row) {
                    *x -= f * p;
                }
            }
        }
    }
    Some(a.into_iter().map(|r| r[n..].to_vec()).collect())
}

/// A vector of exactly `T` elements as an array.
fn array<const T: usize>(v: &[Fq]) -> Option<[Fq; T]> {
    v.try_into().ok()
}

/// A `T × T` matrix as arrays.
fn matrix<const T: usize>(m: &[Vec<Fq>]) -> Option<[[Fq; T]; T]> {
    let rows: Vec<[Fq; T]> = m.iter().map(|r| array(r)).collect::<Option<_>>()?;
    rows.try_into().ok()
}

impl<const T: usize> Plan<T> {
    /// Builds the plan from snarkVM's parameters for rate `T − 1` and its domain.
    fn build<const RATE: usize>(
        domain: Fq,
        params: &PoseidonParameters<Fq, RATE, 1>,
    ) -> Option<Self> {
        let (full, partial) = (params.full_rounds, params.partial_rounds);
        let half = full / 2;
        // The layout needs a full round on each side of the partial rounds.
        if RATE + 1 != T
            || RATE < 2
            || full % 2 != 0
            || half == 0
            || params.alpha == 0
            || params.ark.len() != full + partial
            || params.ark.iter().any(|r| r.len() != T)
            || params.mds.len() != T
            || params.mds.iter().any(|r| r.len() != T)
        {
            return None;
        }
        let m = &params.mds;

        // Constants: partial rounds keep element 0 of (constant + carry); the rest
        // goes through the MDS matrix into the next round.
        let mut carry = vec![Fq::zero(); T];
        let mut partial_constants = Vec::with_capacity(partial);
        for r in half..half + partial {
            let eff: Vec<Fq> = params.ark[r]
                .iter()
                .zip(&carry)
                .map(|(c, k)| *c + k)
                .collect();
            partial_constants.push(eff[0]);
            let mut rest = eff;
            rest[0] = Fq::zero();
            carry = mat_vec(m, &rest);
        }
        let mut last_full: Vec<[Fq; T]> = params.ark[half + partial..]
            .iter()
            .map(|r| array(r))
            .collect::<Option<_>>()?;
        if let Some(first) = last_full.first_mut() {
            for (c, k) in first.iter_mut().zip(&carry) {
                *c += k;
            }
        }

        // Matrices, last partial round first: factor the round's matrix N as S · P
        // with P = diag(1, N̂), S = [[n₀₀, (N̂⁻ᵀ v)ᵀ], [w, I]]; P moves one round back.
        let mut sparse = vec![
            Sparse {
                row: [Fq::zero(); T],
                col: [Fq::zero(); T],
            };
            partial
        ];
        let mut carried: Vec<Vec<Fq>> = (0..T)
            .map(|i| {
                (0..T)
                    .map(|j| if i == j { Fq::one() } else { Fq::zero() })
                    .collect()
            })
            .collect();
        for slot in sparse.iter_mut().rev() {
            let n = mat_mul(&carried, m);
            let hat: Vec<Vec<Fq>> = n[1..].iter().map(|r| r[1..].to_vec()).collect();
            let hat_inv = invert(&hat)?;
            // u = N̂⁻ᵀ v, with v the first row without its first element.
            let v = &n[0][1..];
            let mut row = [Fq::zero(); T];
            row[0] = n[0][0];
            for (i, out) in row[1..].iter_mut().enumerate() {
                *out = hat_inv
                    .iter()
                    .zip(v)
                    .fold(Fq::zero(), |acc, (inv_row, vj)| acc + inv_row[i] * vj);
            }
            let mut col = [Fq::zero(); T];
            for (i, out) in col.iter_mut().enumerate().skip(1) {
                *out = n[i][0];
            }
            *slot = Sparse { row, col };
            carried = (0..T)
                .map(|i| {
                    (0..T)
                        .map(|j| match (i, j) {
                            (0, 0) => Fq::one(),
                            (0, _) | (_, 0) => Fq::zero(),
                            _ => hat[i - 1][j - 1],
                        })
                        .collect()
                })
                .collect();
        }
        let pre_partial = matrix(&mat_mul(&carried, m))?;

        let mut plan = Plan {
            domain,
            alpha: params.alpha,
            first_full: params.ark[..half]
                .iter()
                .map(|r| array(r))
                .collect::<Option<_>>()?,
            mds: matrix(m)?,
            pre_partial,
            partial_constants,
            sparse,
            last_full,
            after_first: Vec::new(),
        };
        plan.after_first = (0..=LENGTH_CACHE)
            .map(|len| plan.first_chunk_permuted(len))
            .collect();
        Some(plan)
    }

    /// One full round with round constants `c` and matrix `m`.
    #[inline(always)]
    fn full_round(&self, s: &mut [Fq; T], c: &[Fq; T], m: &[[Fq; T]; T]) {
        for (x, k) in s.iter_mut().zip(c) {
            *x = pow(*x + k, self.alpha);
        }
        let old = *s;
        for (out, row) in s.iter_mut().zip(m) {
            let mut acc = row[0] * old[0];
            for (a, b) in row[1..].iter().zip(&old[1..]) {
                acc += *a * b;
            }
            *out = acc;
        }
    }

    /// The Poseidon permutation (same result as snarkVM's `permute`).
    #[inline]
    fn permute(&self, s: &mut [Fq; T]) {
        let last_first = self.first_full.len() - 1;
        for (i, c) in self.first_full.iter().enumerate() {
            let m = if i == last_first {
                &self.pre_partial
            } else {
                &self.mds
            };
            self.full_round(s, c, m);
        }
        for (k, sp) in self.partial_constants.iter().zip(&self.sparse) {
            let s0 = pow(s[0] + k, self.alpha);
            let mut acc = sp.row[0] * s0;
            for (a, b) in sp.row[1..].iter().zip(&s[1..]) {
                acc += *a * b;
            }
            for (x, w) in s[1..].iter_mut().zip(&sp.col[1..]) {
                *x += *w * s0;
            }
            s[0] = acc;
        }
        for c in &self.last_full {
            self.full_round(s, c, &self.mds);
        }
    }

    /// The state after absorbing `domain, len, 0..` (the first `RATE` preimage
    /// elements) and permuting.
    fn first_chunk_permuted(&self, len: usize) -> [Fq; T] {
        let mut s = [Fq::zero(); T];
        s[1] = self.domain;
        s[2] = Fq::from(len as u128);
        self.permute(&mut s);
        s
    }

    /// snarkVM's `hash_many(input, out.len())`, written into `out`.
    pub(crate) fn hash_many_into(&self, input: &[Fq], out: &mut [Fq]) {
        if out.is_empty() {
            return;
        }
        let rate = T - 1;
        let mut s = [Fq::zero(); T];
        if input.is_empty() {
            // The preimage is the first chunk alone, not permuted before squeezing.
            s[1] = self.domain;
        } else {
            s = match self.after_first.get(input.len()) {
                Some(state) => *state,
                None => self.first_chunk_permuted(input.len()),
            };
            // Where the next absorbed element goes, within the rate part.
            let mut pos = 0;
            for x in input {
                if pos == rate {
                    self.permute(&mut s);
                    pos = 0;
                }
                s[1 + pos] += x;
                pos += 1;
            }
        }
        // Squeeze: permute, read the rate part, permute again for more.
        self.permute(&mut s);
        let mut pos = 0;
        for o in out.iter_mut() {
            if pos == rate {
                self.permute(&mut s);
                pos = 0;
            }
            *o = s[1 + pos];
            pos += 1;
        }
    }

    /// snarkVM's `hash(input)`: the first squeezed element.
    #[inline]
    pub(crate) fn hash(&self, input: &[Fq]) -> Fq {
        let mut out = [Fq::zero()];
        self.hash_many_into(input, &mut out);
        out[0]
    }
}

/// The three plans, built on first use; `None` where a plan failed its self-check.
struct Plans {
    psd2: Option<Plan<3>>,
    psd4: Option<Plan<5>>,
    psd8: Option<Plan<9>>,
}

static PLANS: OnceLock<Plans> = OnceLock::new();

/// A few inputs of lengths around the chunk and cache boundaries, for the self-check.
fn probes() -> Vec<Vec<Field>> {
    [0usize, 1, 2, 3, 7, 8, 9, 17, LENGTH_CACHE + 1]
        .iter()
        .map(|&n| {
            (0..n)
                .map(|i| Field::from_u128((i as u128 + 1) * 0x9e37_79b9_7f4a_7c15 + n as u128))
                .collect()
        })
        .collect()
}

/// Whether `plan` reproduces `reference` (one and three outputs) on the probes.
fn agrees<const T: usize>(plan: &Plan<T>, reference: impl Fn(&[Field], u16) -> Vec<Field>) -> bool {
    probes().iter().all(|input| {
        let raw: Vec<Fq> = input.iter().map(|f| **f).collect();
        let mut out = [Fq::zero(); 3];
        plan.hash_many_into(&raw, &mut out);
        let expect: Vec<Fq> = reference(input, 3).iter().map(|f| **f).collect();
        expect == out && plan.hash(&raw) == out[0]
    })
}

fn build_plans() -> Plans {
    let psd2 = Plan::<3>::build(*POSEIDON_2.domain(), POSEIDON_2.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd2));
    let psd4 = Plan::<5>::build(*POSEIDON_4.domain(), POSEIDON_4.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd4));
    let psd8 = Plan::<9>::build(*POSEIDON_8.domain(), POSEIDON_8.parameters())
        .filter(|p| agrees(p, Aleo::hash_many_psd8));
    Plans { psd2, psd4, psd8 }
}

fn plans() -> &'static Plans {
    PLANS.get_or_init(build_plans)
}

/// Builds the Poseidon plans now; returns whether all three passed their self-check.
pub fn warm_up() -> bool {
    let p = plans();
    p.psd2.is_some() && p.psd4.is_some() && p.psd8.is_some()
}

/// Field elements as snarkVM's inner field type, without copying them one by one.
#[inline]
fn raw(input: &[Field]) -> impl Iterator<Item = Fq> + '_ {
    input.iter().map(|f| **f)
}

/// Runs `f` on the input as a slice of the inner field type (on the stack when short).
#[inline]
fn with_raw<R>(input: &[Field], f: impl FnOnce(&[Fq]) -> R) -> R {
    const STACK: usize = 32;
    if input.len() <= STACK {
        let mut buf = [Fq::zero(); STACK];
        for (slot, x) in buf.iter_mut().zip(raw(input)) {
            *slot = x;
        }
        f(&buf[..input.len()])
    } else {
        let buf: Vec<Fq> = raw(input).collect();
        f(&buf)
    }
}

/// `hash.psd*`: Poseidon with this rate over `input` (same value as `Aleo::hash_psd*`).
pub fn hash(rate: PoseidonRate, input: &[Field]) -> Result<Field, AleoError> {
    let p = plans();
    let out = with_raw(input, |x| match rate {
        PoseidonRate::Psd2 => p.psd2.as_ref().map(|plan| plan.hash(x)),
        PoseidonRate::Psd4 => p.psd4.as_ref().map(|plan| plan.hash(x)),
        PoseidonRate::Psd8 => p.psd8.as_ref().map(|plan| plan.hash(x)),
    });
    match out {
        Some(f) => Ok(Field::new(f)),
        None => crate::reference::poseidon_hash(rate, input),
    }
}

/// Poseidon with this rate, squeezing `num_outputs` elements (same as `Aleo::hash_many_psd*`).
pub fn hash_many(rate: PoseidonRate, input: &[Field], num_outputs: u16) -> Vec<Field> {
    let p = plans();
    let mut out = vec![Fq::zero(); usize::from(num_outputs)];
    let done = with_raw(input, |x| match rate {
        PoseidonRate::Psd2 => p.psd2.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
        PoseidonRate::Psd4 => p.psd4.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
        PoseidonRate::Psd8 => p.psd8.as_ref().map(|plan| plan.hash_many_into(x, &mut out)),
    });
    match done {
        Some(()) => out.into_iter().map(Field::new).collect(),
        None => crate::reference::poseidon_hash_many(rate, input, num_outputs),
    }
}

/// Poseidon hash-to-group: the sum of the Elligator 2 maps of the first two squeezed
/// elements (same as `Aleo::hash_to_group_psd*`; empty input is an error there too).
pub fn hash_to_group(rate: PoseidonRate, input: &[Field]) -> Result<Group<Aleo>, AleoError> {
    if input.is_empty() {
        return Err(AleoError::SnarkVm(
            "Input to hash to group cannot be empty".to_string(),
        ));
    }
    let out = hash_many(rate, input, 2);
    let encode = |f: &Field| Elligator2::<Aleo>::encode(f).map_err(snarkvm_error);
    match out.as_slice() {
        [a, b] => Ok(encode(a)?.0 + encode(b)?.0),
        _ => Err(AleoError::SnarkVm(
            "Poseidon failed to compute hash to group on the given input".to_string(),
        )),
    }
}
