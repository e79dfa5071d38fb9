//! The plan against the permutation as its parameters define it (constants, S-box and
//! dense matrix in every round), over a small prime field with random parameters: the
//! rewriting must not change a single output, at several widths and round counts.

use std::ops::{Add, AddAssign, Mul, MulAssign, Sub, SubAssign};

use merklab_poseidon::{FieldOps, Params, Plan, PlanError};

/// The prime 2^61 − 1.
const P: u64 = (1 << 61) - 1;

#[derive(Clone, Copy, Debug, PartialEq)]
struct F61(u64);

impl Add for F61 {
    type Output = F61;
    fn add(self, o: F61) -> F61 {
        F61((self.0 + o.0) % P)
    }
}
impl Sub for F61 {
    type Output = F61;
    fn sub(self, o: F61) -> F61 {
        F61((self.0 + P - o.0) % P)
    }
}
impl Mul for F61 {
    type Output = F61;
    fn mul(self, o: F61) -> F61 {
        F61(((u128::from(self.0) * u128::from(o.0)) % u128::from(P)) as u64)
    }
}
impl AddAssign for F61 {
    fn add_assign(&mut self, o: F61) {
        *self = *self + o;
    }
}
impl SubAssign for F61 {
    fn sub_assign(&mut self, o: F61) {
        *self = *self - o;
    }
}
impl MulAssign for F61 {
    fn mul_assign(&mut self, o: F61) {
        *self = *self * o;
    }
}

struct Ops61;

impl FieldOps for Ops61 {
    type F = F61;
    fn zero() -> F61 {
        F61(0)
    }
    fn one() -> F61 {
        F61(1)
    }
    fn inverse(x: &F61) -> Option<F61> {
        (x.0 != 0).then(|| power(*x, P - 2))
    }
}

fn power(x: F61, mut e: u64) -> F61 {
    let (mut acc, mut base) = (F61(1), x);
    while e > 0 {
        if e & 1 == 1 {
            acc *= base;
        }
        base *= base;
        e >>= 1;
    }
    acc
}

/// A deterministic stream of field elements.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> F61 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        F61((self.0 >> 3) % P)
    }
}

/// Random parameters; a random matrix is invertible with overwhelming probability, and
/// one whose submatrices are singular is rejected by the plan (tested below).
fn params(t: usize, full: usize, partial: usize, alpha: u64, seed: u64) -> Params<F61> {
    let mut r = Stream(seed);
    Params {
        full_rounds: full,
        partial_rounds: partial,
        alpha,
        ark: (0..full + partial)
            .map(|_| (0..t).map(|_| r.next()).collect())
            .collect(),
        mds: (0..t).map(|_| (0..t).map(|_| r.next()).collect()).collect(),
    }
}

/// The permutation as defined: every round adds its constants, applies the S-box and
/// multiplies by the dense matrix.
fn plain(p: &Params<F61>, state: &mut [F61]) {
    let half = p.full_rounds / 2;
    for (r, c) in p.ark.iter().enumerate() {
        for (x, k) in state.iter_mut().zip(c) {
            *x += *k;
        }
        let full = r < half || r >= half + p.partial_rounds;
        for (i, x) in state.iter_mut().enumerate() {
            if full || i == 0 {
                *x = power(*x, p.alpha);
            }
        }
        let old = state.to_vec();
        for (out, row) in state.iter_mut().zip(&p.mds) {
            *out = row.iter().zip(&old).fold(F61(0), |a, (m, v)| a + *m * *v);
        }
    }
}

fn agrees<const T: usize>(full: usize, partial: usize, alpha: u64) {
    for seed in 0..5 {
        let p = params(T, full, partial, alpha, seed * 1000 + T as u64);
        let plan = Plan::<Ops61, T>::new(&p).expect("random parameters fit a plan");
        let mut r = Stream(seed + 77);
        for _ in 0..10 {
            let mut a: [F61; T] = std::array::from_fn(|_| r.next());
            let mut b = a.to_vec();
            plan.permute(&mut a);
            plain(&p, &mut b);
            assert_eq!(
                a.to_vec(),
                b,
                "t = {T}, {full} full, {partial} partial, alpha {alpha}"
            );
        }
    }
}

#[test]
fn the_plan_computes_the_plain_permutation() {
    agrees::<2>(8, 56, 5);
    agrees::<3>(8, 57, 5);
    agrees::<3>(2, 1, 7);
    agrees::<3>(4, 0, 5);
    agrees::<5>(8, 60, 17);
    agrees::<9>(8, 31, 3);
}

#[test]
fn parameters_that_fit_no_plan_are_refused() {
    let mut p = params(3, 8, 57, 5, 1);
    p.full_rounds = 7;
    p.ark.pop();
    assert!(matches!(
        Plan::<Ops61, 3>::new(&p),
        Err(PlanError::Shape(_))
    ));
    let p = params(3, 8, 57, 5, 1);
    assert!(matches!(
        Plan::<Ops61, 4>::new(&p),
        Err(PlanError::Shape(_))
    ));
    let mut p = params(3, 8, 57, 0, 1);
    p.alpha = 0;
    assert!(matches!(
        Plan::<Ops61, 3>::new(&p),
        Err(PlanError::Shape(_))
    ));
    // A matrix whose lower-right block is zero: the factoring has nothing to invert.
    let mut p = params(3, 8, 2, 5, 1);
    for row in &mut p.mds[1..] {
        for x in &mut row[1..] {
            *x = F61(0);
        }
    }
    assert_eq!(Plan::<Ops61, 3>::new(&p).err(), Some(PlanError::Singular));
}
