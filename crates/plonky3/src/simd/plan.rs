//! [`Plan`]: one width-16 Poseidon2 instance as the lane kernels need it, every value
//! in Plonky3's Montgomery form (`x * 2^32 mod p`), read from Plonky3's public items.
//!
//! The round constants are the public arrays Plonky3's `default_*_poseidon2_16`
//! constructors pass to `Poseidon2::new`. The linear layers are not public as
//! numbers, so they are read off Plonky3's own `GenericPoseidon2LinearLayers`
//! implementation for the field by applying it to the unit vectors: the internal
//! layer must be `1 + Diag(V)` (the all-ones matrix plus a diagonal, as the Poseidon2
//! paper's section 5.2 defines it), and the external layer Plonky3's "MDS light"
//! matrix `circ(2 M4, M4, M4, M4)` (section 5.1) with small entries in `M4`. A layer
//! of another shape gives no plan, and the hashes keep Plonky3's scalar permutation.

use p3_poseidon2::GenericPoseidon2LinearLayers;

use crate::SmallField;

/// Elements of the permutation's state.
pub(crate) const WIDTH: usize = 16;
/// Largest entry of `M4` the kernels take (Plonky3's `MDSMat4` has 1, 2 and 3).
const MAX_M4_ENTRY: u32 = 3;

/// One Poseidon2 permutation's constants, in Montgomery form.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The field's modulus `p`.
    pub(crate) prime: u32,
    /// `p^-1 mod 2^32`, the Montgomery reduction's multiplier.
    pub(crate) mu: u32,
    /// The S-box exponent.
    pub(crate) degree: u64,
    /// Round constants of the first full rounds.
    pub(crate) initial: Vec<[u32; WIDTH]>,
    /// Round constants of the partial rounds.
    pub(crate) internal: Vec<u32>,
    /// Round constants of the last full rounds.
    pub(crate) terminal: Vec<[u32; WIDTH]>,
    /// `V` of the internal layer `1 + Diag(V)`.
    pub(crate) diag: [u32; WIDTH],
    /// The 4x4 block of the external layer, as small integers (at most 3).
    pub(crate) m4: [[u32; 4]; 4],
    /// Whether `m4` is the matrix [`circulant_2311`] computes.
    pub(crate) m4_is_circulant_2311: bool,
}

/// The rounds of a width-16 Poseidon2, as Plonky3 publishes them for a field.
pub(crate) struct Rounds<'a, F> {
    /// The S-box exponent.
    pub degree: u64,
    /// Round constants of the first full rounds.
    pub initial: &'a [[F; WIDTH]],
    /// Round constants of the partial rounds.
    pub internal: &'a [F],
    /// Round constants of the last full rounds.
    pub terminal: &'a [[F; WIDTH]],
}

impl Plan {
    /// The plan of `rounds` with the linear layers `L`, or `None` where a layer is
    /// not of the shape the kernels compute or the S-box exponent is not one they
    /// have.
    pub(crate) fn new<F: SmallField, L: GenericPoseidon2LinearLayers<WIDTH>>(
        rounds: &Rounds<'_, F>,
    ) -> Option<Self> {
        if !matches!(rounds.degree, 3 | 5 | 7) {
            return None;
        }
        let prime = F::ORDER_U32;
        let monty = |x: F| ((u64::from(x.as_canonical_u32()) << 32) % u64::from(prime)) as u32;
        let row = |r: &[F; WIDTH]| r.map(monty);

        let internal_layer = probe::<F, WIDTH>(L::internal_linear_layer::<F>);
        let mut diag = [0u32; WIDTH];
        for (i, column) in internal_layer.iter().enumerate() {
            for (j, &entry) in column.iter().enumerate() {
                if i != j && entry != F::ONE {
                    return None;
                }
            }
            diag[i] = monty(column[i] - F::ONE);
        }

        let external_layer = probe::<F, WIDTH>(L::external_linear_layer::<F>);
        let mut m4 = [[0u32; 4]; 4];
        for (i, m4_row) in m4.iter_mut().enumerate() {
            for (j, slot) in m4_row.iter_mut().enumerate() {
                // Column 4 + j, row i: the off-diagonal block, M4 itself.
                *slot = external_layer[4 + j][i].as_canonical_u32();
            }
        }
        if m4.iter().flatten().any(|&entry| entry > MAX_M4_ENTRY) {
            return None;
        }
        for (column, entries) in external_layer.iter().enumerate() {
            for (r, &entry) in entries.iter().enumerate() {
                let scale = if r / 4 == column / 4 { 2 } else { 1 };
                if entry.as_canonical_u32() != scale * m4[r % 4][column % 4] {
                    return None;
                }
            }
        }

        let chain = probe::<F, 4>(|x| *x = circulant_2311(*x, |a, b| a + b));
        let m4_is_circulant_2311 =
            (0..4).all(|i| (0..4).all(|j| chain[j][i].as_canonical_u32() == m4[i][j]));

        Some(Self {
            prime,
            mu: inverse_mod_2_32(prime),
            degree: rounds.degree,
            initial: rounds.initial.iter().map(row).collect(),
            internal: rounds.internal.iter().copied().map(monty).collect(),
            terminal: rounds.terminal.iter().map(row).collect(),
            diag,
            m4,
            m4_is_circulant_2311,
        })
    }
}

/// `circ(2, 3, 1, 1) x` (row `i` is `2 x_i + 3 x_(i+1) + x_(i+2) + x_(i+3)`, indices
/// mod 4) in 13 additions: with `t` the sum of all four, row `i` is
/// `t + (x_i + x_(i+1)) + x_(i+1)`. The external layer's block where the plan finds
/// Plonky3's `M4` to be this matrix.
#[inline(always)]
pub(crate) fn circulant_2311<T: Copy>(x: [T; 4], add: impl Fn(T, T) -> T) -> [T; 4] {
    let [a, b, c, d] = x;
    let (ab, bc, cd, da) = (add(a, b), add(b, c), add(c, d), add(d, a));
    let t = add(ab, cd);
    [
        add(add(t, ab), b),
        add(add(t, bc), c),
        add(add(t, cd), d),
        add(add(t, da), a),
    ]
}

/// The columns of a linear map on `N` elements: `layer` applied to each unit vector.
fn probe<F: SmallField, const N: usize>(layer: impl Fn(&mut [F; N])) -> [[F; N]; N] {
    std::array::from_fn(|i| {
        let mut unit = [F::ZERO; N];
        unit[i] = F::ONE;
        layer(&mut unit);
        unit
    })
}

/// `p^-1 mod 2^32` for odd `p`, by Newton's iteration (each step doubles the bits).
fn inverse_mod_2_32(p: u32) -> u32 {
    let mut inv = p;
    for _ in 0..5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(p.wrapping_mul(inv)));
    }
    inv
}
