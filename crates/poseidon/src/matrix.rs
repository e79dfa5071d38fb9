//! Small dense matrices over a field, for building a plan (never on the hashing path).

use crate::FieldOps;

/// A square matrix as rows.
pub(crate) type Matrix<F> = Vec<Vec<F>>;

/// The `n × n` identity.
pub(crate) fn identity<O: FieldOps>(n: usize) -> Matrix<O::F> {
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| if i == j { O::one() } else { O::zero() })
                .collect()
        })
        .collect()
}

/// `a · b`.
pub(crate) fn mul<O: FieldOps>(a: &[Vec<O::F>], b: &[Vec<O::F>]) -> Matrix<O::F> {
    let n = b.first().map_or(0, Vec::len);
    a.iter()
        .map(|row| {
            (0..n)
                .map(|j| {
                    row.iter()
                        .zip(b)
                        .fold(O::zero(), |acc, (x, b_row)| acc + *x * b_row[j])
                })
                .collect()
        })
        .collect()
}

/// `m · v`.
pub(crate) fn apply<O: FieldOps>(m: &[Vec<O::F>], v: &[O::F]) -> Vec<O::F> {
    m.iter()
        .map(|row| {
            row.iter()
                .zip(v)
                .fold(O::zero(), |acc, (a, b)| acc + *a * *b)
        })
        .collect()
}

/// The inverse by Gauss-Jordan elimination, `None` if singular.
pub(crate) fn invert<O: FieldOps>(m: &[Vec<O::F>]) -> Option<Matrix<O::F>> {
    let n = m.len();
    let zero = O::zero();
    let mut a: Matrix<O::F> = m
        .iter()
        .zip(identity::<O>(n))
        .map(|(row, unit)| row.iter().copied().chain(unit).collect())
        .collect();
    for col in 0..n {
        let pivot = (col..n).find(|&r| a[r][col] != zero)?;
        a.swap(col, pivot);
        let inv = O::inverse(&a[col][col])?;
        for x in a[col].iter_mut() {
            *x *= inv;
        }
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col && row[col] != zero {
                let f = row[col];
                for (x, p) in row.iter_mut().zip(&pivot_row) {
                    *x -= f * *p;
                }
            }
        }
    }
    Some(a.into_iter().map(|r| r[n..].to_vec()).collect())
}

/// A vector of exactly `T` elements as an array.
pub(crate) fn array<F: Copy, const T: usize>(v: &[F]) -> Option<[F; T]> {
    v.try_into().ok()
}

/// A `T × T` matrix as arrays.
pub(crate) fn square<F: Copy, const T: usize>(m: &[Vec<F>]) -> Option<[[F; T]; T]> {
    let rows: Vec<[F; T]> = m.iter().map(|r| array(r)).collect::<Option<_>>()?;
    rows.try_into().ok()
}
