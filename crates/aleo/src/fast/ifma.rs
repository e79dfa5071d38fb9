//! Eight BHP256 table sums at once with AVX-512 IFMA (52-bit multiply-add).
//!
//! Each of the eight 64-bit lanes of a vector belongs to one digest. A field
//! element is five 52-bit limbs (one vector per limb), in Montgomery form with
//! `R = 2^260`. `vpmadd52luq`/`vpmadd52huq` add the low/high 52 bits of a 52 × 52-bit
//! product into a 64-bit lane, so a Montgomery product is 50 multiply-adds for the
//! schoolbook part, 55 for the word-by-word reduction, and a carry pass, for eight
//! products at once: about four times the scalar multiplier's throughput.
//!
//! Values are reduced lazily. With `p < 2^253` and `R = 2^260`, a Montgomery product
//! of two inputs below `8p` is below `2p`; sums and differences are formed so that
//! every multiplication input stays below `8p` (the bounds are in the comments of
//! [`avx512::add_niels`]). Only the final `(X, Z)` is reduced below `p`.
//!
//! The tables here are [`super::bhp`]'s, converted once to this form. The result
//! is `(16·X, 16·Z)` in snarkVM's `R = 2^256` representation, which has the same
//! ratio `X / Z`; it is checked against the scalar path in this crate's tests and
//! by the tables' self-check.

use snarkvm_fields::{Field as _, One, PrimeField, Zero};

use super::bhp::Fq;

/// Digests summed side by side.
pub(crate) const LANES: usize = 8;
/// Limbs of 52 bits per field element.
const LIMBS: usize = 5;
/// Words per stored point: three coordinates of five limbs.
pub(crate) const POINT_WORDS: usize = 3 * LIMBS;
const MASK52: u64 = (1 << 52) - 1;

/// Field constants in radix 2^52.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Constants {
    /// The modulus p.
    p: [u64; LIMBS],
    /// 4p, added before a subtraction so the difference stays positive.
    p4: [u64; LIMBS],
    /// −p⁻¹ mod 2^52.
    k0: u64,
    /// 2^260 mod p: the element 1 in this form.
    one: [u64; LIMBS],
    /// 2^260 mod p as a snarkVM element, for conversions.
    r260: Fq,
    /// p in 64-bit limbs.
    p64: [u64; 4],
}

/// Splits a 256-bit integer (64-bit limbs, little-endian) into 52-bit limbs.
pub(crate) fn to52(v: [u64; 4]) -> [u64; LIMBS] {
    [
        v[0] & MASK52,
        ((v[0] >> 52) | (v[1] << 12)) & MASK52,
        ((v[1] >> 40) | (v[2] << 24)) & MASK52,
        ((v[2] >> 28) | (v[3] << 36)) & MASK52,
        v[3] >> 16,
    ]
}

/// Joins normalized 52-bit limbs of a value below 2^256 into 64-bit limbs.
pub(crate) fn from52(l: [u64; LIMBS]) -> [u64; 4] {
    [
        l[0] | (l[1] << 52),
        (l[1] >> 12) | (l[2] << 40),
        (l[2] >> 24) | (l[3] << 28),
        (l[3] >> 36) | (l[4] << 16),
    ]
}

/// `a - b` on 256-bit integers if `a >= b`.
fn sub_if_ge(a: [u64; 4], b: [u64; 4]) -> [u64; 4] {
    let mut out = [0u64; 4];
    let mut borrow = false;
    for i in 0..4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        out[i] = d;
        borrow = b1 || b2;
    }
    if borrow {
        a
    } else {
        out
    }
}

impl Constants {
    /// The constants of Aleo's base field, or `None` if it is not the expected
    /// 253-bit field these bounds are worked out for.
    pub(crate) fn new() -> Option<Self> {
        // p = (p − 1) + 1.
        let pm1 = (-Fq::one()).to_bigint().0;
        let mut p64 = pm1;
        for limb in p64.iter_mut() {
            let (v, carry) = limb.overflowing_add(1);
            *limb = v;
            if !carry {
                break;
            }
        }
        // The lazy-reduction bounds need 64p < 2^260, i.e. p < 2^254.
        if p64[3] >> 62 != 0 {
            return None;
        }
        let p4 = [
            p64[0] << 2,
            (p64[1] << 2) | (p64[0] >> 62),
            (p64[2] << 2) | (p64[1] >> 62),
            (p64[3] << 2) | (p64[2] >> 62),
        ];
        // p⁻¹ mod 2^64 by Newton's iteration (p is odd), then negate mod 2^52.
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p64[0].wrapping_mul(inv)));
        }
        let k0 = inv.wrapping_neg() & MASK52;
        let r260 = Fq::from(2u64).pow([260]);
        Some(Self {
            p: to52(p64),
            p4: to52(p4),
            k0,
            one: to52(r260.to_bigint().0),
            r260,
            p64,
        })
    }

    /// `x` in this form: the canonical integer of `x · 2^260`, in 52-bit limbs.
    pub(crate) fn encode(&self, x: &Fq) -> [u64; LIMBS] {
        to52((*x * self.r260).to_bigint().0)
    }

    /// A lazily reduced value (below 2p) back as a snarkVM element equal to `16·x`.
    pub(crate) fn decode16(&self, l: [u64; LIMBS]) -> Fq {
        let v = sub_if_ge(from52(l), self.p64);
        let mut f = Fq::zero();
        f.0 .0 = v;
        f
    }
}

/// Whether this CPU has the instructions [`xz8`] needs.
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512ifma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The points of one lookup for eight lanes: each lane's 15 words, and which
/// lanes take the negation (the `rest` tables store half the sums).
#[derive(Clone, Copy)]
pub(crate) struct Gathered {
    /// Lane `l`'s point, coordinates in the stored order.
    pub(crate) words: [[u64; POINT_WORDS]; LANES],
    /// Bit `l` set: lane `l` negates its point.
    pub(crate) negate: u8,
}

/// `(X, Z)` of eight table sums, in this form (below 2p): the first point is
/// affine `(x, y, x·y)`, every other a Niels point `(y + x, y − x, 2d·x·y)`.
/// Returns `None` where the CPU lacks AVX-512 IFMA.
pub(crate) fn xz8(
    c: &Constants,
    first: &[[u64; POINT_WORDS]; LANES],
    rest: &[Gathered],
) -> Option<[([u64; LIMBS], [u64; LIMBS]); LANES]> {
    #[cfg(target_arch = "x86_64")]
    {
        if available() {
            #[allow(unsafe_code)]
            // SAFETY: `available()` has just confirmed the CPU has the features
            // `avx512::xz8` is compiled for; the function touches no raw memory.
            return Some(unsafe { avx512::xz8(c, first, rest) });
        }
    }
    let _ = (c, first, rest);
    None
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::{Constants, Gathered, LANES, LIMBS, MASK52, POINT_WORDS};

    /// A field element: limb `j` of every lane in vector `j`.
    type F = [__m512i; LIMBS];

    /// Broadcast constants.
    struct K {
        p: F,
        p4: F,
        k0: __m512i,
        mask: __m512i,
        zero: __m512i,
    }

    #[target_feature(enable = "avx512f,avx512ifma")]
    fn splat(l: [u64; LIMBS]) -> F {
        let mut out = [_mm512_setzero_si512(); LIMBS];
        for (o, v) in out.iter_mut().zip(l) {
            *o = _mm512_set1_epi64(v as i64);
        }
        out
    }

    /// Limb `j` of coordinate `coord` of each lane's point.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn column(points: &[[u64; POINT_WORDS]; LANES], coord: usize) -> F {
        let mut out = [_mm512_setzero_si512(); LIMBS];
        for (j, o) in out.iter_mut().enumerate() {
            let w = coord * LIMBS + j;
            *o = _mm512_set_epi64(
                points[7][w] as i64,
                points[6][w] as i64,
                points[5][w] as i64,
                points[4][w] as i64,
                points[3][w] as i64,
                points[2][w] as i64,
                points[1][w] as i64,
                points[0][w] as i64,
            );
        }
        out
    }

    /// Carries every limb's excess (signed) into the next: limbs below 2^52 after.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn normalize(mut r: F, k: &K) -> F {
        for j in 0..LIMBS - 1 {
            let carry = _mm512_srai_epi64::<52>(r[j]);
            r[j] = _mm512_and_si512(r[j], k.mask);
            r[j + 1] = _mm512_add_epi64(r[j + 1], carry);
        }
        r
    }

    #[target_feature(enable = "avx512f,avx512ifma")]
    fn add(a: &F, b: &F, k: &K) -> F {
        let mut r = *a;
        for j in 0..LIMBS {
            r[j] = _mm512_add_epi64(a[j], b[j]);
        }
        normalize(r, k)
    }

    /// `a + 4p − b`: congruent to `a − b` and positive for `b < 4p`.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn sub(a: &F, b: &F, k: &K) -> F {
        let mut r = *a;
        for j in 0..LIMBS {
            r[j] = _mm512_sub_epi64(_mm512_add_epi64(a[j], k.p4[j]), b[j]);
        }
        normalize(r, k)
    }

    /// Montgomery product `a·b / 2^260 mod p`, below 2p for inputs below 8p.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn mul(a: &F, b: &F, k: &K) -> F {
        // Six accumulators: after each step the lowest is divisible by 2^52 and
        // shifted out, so the window slides down by one limb.
        let mut t = [k.zero; LIMBS + 1];
        for bi in b {
            for j in 0..LIMBS {
                t[j] = _mm512_madd52lo_epu64(t[j], a[j], *bi);
                t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], a[j], *bi);
            }
            let m = _mm512_madd52lo_epu64(k.zero, t[0], k.k0);
            for j in 0..LIMBS {
                t[j] = _mm512_madd52lo_epu64(t[j], m, k.p[j]);
                t[j + 1] = _mm512_madd52hi_epu64(t[j + 1], m, k.p[j]);
            }
            let carry = _mm512_srli_epi64::<52>(t[0]);
            t = [
                _mm512_add_epi64(t[1], carry),
                t[2],
                t[3],
                t[4],
                t[5],
                k.zero,
            ];
        }
        normalize([t[0], t[1], t[2], t[3], t[4]], k)
    }

    /// Lane `l` of a vector: the other lanes masked to zero, then a horizontal sum
    /// (eight reads per output coordinate, against thousands of operations per sum).
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn lane(v: __m512i, l: usize) -> u64 {
        _mm512_reduce_add_epi64(_mm512_maskz_mov_epi64(1 << l, v)) as u64
    }

    /// Extended coordinates, each below 2p.
    struct Point {
        x: F,
        y: F,
        t: F,
        z: F,
    }

    /// The Niels point of one lookup, with the negated lanes' negation applied.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn niels(g: &Gathered, k: &K) -> [F; 3] {
        let ypx = column(&g.words, 0);
        let ymx = column(&g.words, 1);
        let t2d = column(&g.words, 2);
        // −(x, y) = (−x, y): y + x and y − x trade places and 2d·x·y changes sign.
        let neg = sub(&[k.zero; LIMBS], &t2d, k);
        let mut out = [ypx, ymx, t2d];
        for j in 0..LIMBS {
            out[0][j] = _mm512_mask_blend_epi64(g.negate, ypx[j], ymx[j]);
            out[1][j] = _mm512_mask_blend_epi64(g.negate, ymx[j], ypx[j]);
            out[2][j] = _mm512_mask_blend_epi64(g.negate, t2d[j], neg[j]);
        }
        out
    }

    /// `p += q` (add-2008-hwcd-3, `a = −1`, `Z2 = 1`), as in the scalar path.
    /// Bounds: X, Y, T, Z < 2p; table values < p.
    #[target_feature(enable = "avx512f,avx512ifma")]
    fn add_niels(p: &mut Point, q: &[F; 3], k: &K) {
        let a = mul(&sub(&p.y, &p.x, k), &q[1], k); // (Y − X) < 6p → a < 2p
        let b = mul(&add(&p.y, &p.x, k), &q[0], k); // (Y + X) < 4p → b < 2p
        let c = mul(&p.t, &q[2], k); // < 2p (2d·x·y may be 4p − t2d < 4p)
        let d = add(&p.z, &p.z, k); // < 4p
        let e = sub(&b, &a, k); // < 6p
        let f = sub(&d, &c, k); // < 8p
        let g = add(&d, &c, k); // < 6p
        let h = add(&b, &a, k); // < 4p
        p.x = mul(&e, &f, k);
        p.y = mul(&g, &h, k);
        p.t = mul(&e, &h, k);
        p.z = mul(&f, &g, k);
    }

    #[target_feature(enable = "avx512f,avx512ifma")]
    pub(super) fn xz8(
        c: &Constants,
        first: &[[u64; POINT_WORDS]; LANES],
        rest: &[Gathered],
    ) -> [([u64; LIMBS], [u64; LIMBS]); LANES] {
        let k = K {
            p: splat(c.p),
            p4: splat(c.p4),
            k0: _mm512_set1_epi64(c.k0 as i64),
            mask: _mm512_set1_epi64(MASK52 as i64),
            zero: _mm512_setzero_si512(),
        };
        let mut acc = Point {
            x: column(first, 0),
            y: column(first, 1),
            t: column(first, 2),
            z: splat(c.one),
        };
        let (x, z) = match rest.split_last() {
            Some((last, middle)) => {
                for g in middle {
                    let q = niels(g, &k);
                    add_niels(&mut acc, &q, &k);
                }
                // Only X and Z of the last sum: X = e·f, Z = f·g.
                let q = niels(last, &k);
                let a = mul(&sub(&acc.y, &acc.x, &k), &q[1], &k);
                let b = mul(&add(&acc.y, &acc.x, &k), &q[0], &k);
                let cc = mul(&acc.t, &q[2], &k);
                let d = add(&acc.z, &acc.z, &k);
                let e = sub(&b, &a, &k);
                let f = sub(&d, &cc, &k);
                let g = add(&d, &cc, &k);
                (mul(&e, &f, &k), mul(&f, &g, &k))
            }
            None => (acc.x, acc.z),
        };
        let mut out = [([0u64; LIMBS], [0u64; LIMBS]); LANES];
        for (l, (ox, oz)) in out.iter_mut().enumerate() {
            for j in 0..LIMBS {
                ox[j] = lane(x[j], l);
                oz[j] = lane(z[j], l);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(seed: u64) -> Fq {
        // Deterministic, spread over the field: (seed + 3)^5.
        Fq::from(seed + 3).pow([5])
    }

    #[test]
    fn radix_conversion_round_trips() {
        let c = Constants::new().expect("Aleo's field");
        for seed in 0..50 {
            let x = element(seed).to_bigint().0;
            assert_eq!(from52(to52(x)), x);
        }
        assert_eq!(from52(c.p), c.p64);
    }

    #[test]
    fn encode_then_decode_scales_by_sixteen() {
        let c = Constants::new().expect("Aleo's field");
        for seed in 0..50 {
            let x = element(seed);
            assert_eq!(c.decode16(c.encode(&x)), x * Fq::from(16u64));
        }
        assert_eq!(c.decode16(c.one), Fq::from(16u64));
    }
}
