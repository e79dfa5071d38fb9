//! Summing one input's table entries: the scalar form, the eight-lane IFMA form,
//! and the shared inversion that turns sums into x-coordinates.

use snarkvm_fields::{Field as _, One, PrimeField, Zero};

use super::{ifma, FixedBhp, Fq, Niels, GATHER};
use crate::Simd;

/// Inputs from which a short group is summed by the eight-lane kernel, spare lanes
/// repeating an input: one kernel run costs about as much as two scalar sums, and
/// those read the scalar tables, a second set that is cold in the caches.
const PAD_FROM: usize = 2;

/// A running sum in extended coordinates `(X, Y, T, Z)`.
#[derive(Clone, Copy)]
struct Extended {
    x: Fq,
    y: Fq,
    t: Fq,
    z: Fq,
}

impl Extended {
    /// `self += p` (add-2008-hwcd-3 for `a = −1`, `Z2 = 1`): 7 multiplications.
    #[inline(always)]
    fn add_niels(&mut self, p: &Niels) {
        let a = (self.y - self.x) * p.ymx;
        let b = (self.y + self.x) * p.ypx;
        let c = self.t * p.t2d;
        let d = self.z.double();
        let (e, f, g, h) = (b - a, d - c, d + c, b + a);
        self.x = e * f;
        self.y = g * h;
        self.t = e * h;
        self.z = f * g;
    }
}

/// `len` bits of `words` from bit `start` on (little-endian), zero past the end.
#[inline(always)]
fn read_bits(words: &[u64], start: usize, len: usize) -> usize {
    let at = |i: usize| u128::from(words.get(i).copied().unwrap_or(0));
    let pair = at(start / 64) | at(start / 64 + 1) << 64;
    ((pair >> (start % 64)) as usize) & ((1 << len) - 1)
}

/// A digest's bits as little-endian words.
pub(super) fn digest_words(digest: &[u8; 32]) -> [u64; 4] {
    let mut out = [0u64; 4];
    for (w, chunk) in out.iter_mut().zip(digest.chunks_exact(8)) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        *w = u64::from_le_bytes(word);
    }
    out
}

/// `X / Z` of every point, with one field inversion for all of them (Montgomery's
/// trick); `None` if some `Z` is zero, which a sum of BHP bases never has.
/// (`snarkvm_fields::batch_inversion` splits its input over the rayon pool, one
/// inversion per core, inside runs that are already spread over it; and it leaves
/// a zero as zero.)
pub(super) fn affine_x(points: &[(Fq, Fq)]) -> Option<Vec<Fq>> {
    let mut prefix = Vec::with_capacity(points.len());
    let mut acc = Fq::one();
    for (_, z) in points {
        prefix.push(acc);
        acc *= z;
    }
    let mut inv = acc.inverse()?;
    let mut out = vec![Fq::zero(); points.len()];
    for (i, (x, z)) in points.iter().enumerate().rev() {
        out[i] = *x * inv * prefix[i];
        inv *= z;
    }
    Some(out)
}

impl FixedBhp {
    /// The first table's index for `words` (the input's bits): the first group's
    /// bits, and the folded tail above them.
    #[inline(always)]
    pub(super) fn first_index(&self, words: &[u64]) -> usize {
        let gb = self.group_bits;
        let tail = (self.rest_groups + 1) * gb;
        read_bits(words, 0, gb.min(self.input_bits)) | read_bits(words, tail, self.fold_bits) << gb
    }

    /// Whether lookup `r` (from 0, after the first) takes the negation, and the
    /// stored entry it reads.
    #[inline(always)]
    fn rest_index(&self, words: &[u64], r: usize) -> (bool, usize) {
        let start = (r + 1) * self.group_bits;
        let index = read_bits(
            words,
            start,
            self.group_bits.min(self.input_bits.saturating_sub(start)),
        );
        let negate = index & (1 << (self.group_bits - 1)) != 0;
        let index = if negate {
            index ^ self.sign_bits
        } else {
            index
        };
        (negate, r * self.half + index)
    }

    /// `(X, Z)` of the hash of one input, unnormalized.
    #[inline]
    pub(crate) fn xz(&self, words: &[u64]) -> (Fq, Fq) {
        let [x, y, t] =
            self.first
                .get(self.first_index(words))
                .unwrap_or([Fq::zero(), Fq::one(), Fq::zero()]);
        let mut acc = Extended {
            x,
            y,
            t,
            z: Fq::one(),
        };
        // The neutral point (0, 1), should an index ever miss its table.
        let neutral = Niels {
            ypx: Fq::one(),
            ymx: Fq::one(),
            t2d: Fq::zero(),
        };
        let mut entries = [neutral; GATHER];
        for start in (0..self.rest_groups).step_by(GATHER) {
            let block = &mut entries[..GATHER.min(self.rest_groups - start)];
            // Gather a block of entries first: the loads are independent, so cache
            // misses overlap.
            for (j, e) in block.iter_mut().enumerate() {
                let (negate, i) = self.rest_index(words, start + j);
                *e = match self.rest.get(i) {
                    // -(x, y) = (-x, y): swap y + x with y - x, negate 2d·x·y.
                    Some([ypx, ymx, t2d]) if negate => Niels {
                        ypx: ymx,
                        ymx: ypx,
                        t2d: -t2d,
                    },
                    Some([ypx, ymx, t2d]) => Niels { ypx, ymx, t2d },
                    None => neutral,
                };
            }
            for e in block.iter() {
                acc.add_niels(e);
            }
        }
        (acc.x, acc.z)
    }

    /// `(X, Z)` of eight inputs' sums with the IFMA form (each scaled by 16, which
    /// leaves `X / Z` as it is), or `None` without that form. `scratch` keeps the
    /// gathered entries from call to call.
    pub(super) fn xz8(
        &self,
        inputs: [&[u64]; ifma::LANES],
        scratch: &mut Vec<ifma::Gathered>,
    ) -> Option<[(Fq, Fq); ifma::LANES]> {
        let wide = self.wide.as_ref()?;
        let mut first = [[0u64; ifma::POINT_WORDS]; ifma::LANES];
        for (slot, words) in first.iter_mut().zip(inputs) {
            *slot = wide.first.words(self.first_index(words))?;
        }
        // Every entry is overwritten below; the resize only allocates on first use.
        scratch.resize(
            self.rest_groups,
            ifma::Gathered {
                words: [[0u64; ifma::POINT_WORDS]; ifma::LANES],
                negate: 0,
            },
        );
        for (r, g) in scratch.iter_mut().enumerate() {
            g.negate = 0;
            for (lane, (slot, words)) in g.words.iter_mut().zip(inputs).enumerate() {
                let (negate, i) = self.rest_index(words, r);
                g.negate |= u8::from(negate) << lane;
                *slot = wide.rest.words(i)?;
            }
        }
        let sums = ifma::xz8(&wide.constants, &first, scratch)?;
        Some(sums.map(|(x, z)| (wide.constants.decode16(x), wide.constants.decode16(z))))
    }

    /// `(X, Z)` of every input, eight at a time with the IFMA form where the CPU has
    /// it and `simd` allows it; returns how many inputs that form summed.
    pub(crate) fn xz_batch<W: AsRef<[u64]>>(
        &self,
        simd: Simd,
        inputs: &[W],
        out: &mut Vec<(Fq, Fq)>,
    ) -> usize {
        out.reserve(inputs.len());
        if self.wide.is_none() || simd == Simd::Off {
            out.extend(inputs.iter().map(|w| self.xz(w.as_ref())));
            return 0;
        }
        let mut lanes = 0;
        let mut scratch = Vec::with_capacity(self.rest_groups);
        for group in inputs.chunks(ifma::LANES) {
            let n = group.len();
            if n < PAD_FROM {
                out.extend(group.iter().map(|w| self.xz(w.as_ref())));
                continue;
            }
            // A short last group repeats its last input in the spare lanes.
            let refs: [&[u64]; ifma::LANES] =
                core::array::from_fn(|i| group[i.min(n - 1)].as_ref());
            match self.xz8(refs, &mut scratch) {
                Some(xz) => {
                    out.extend_from_slice(&xz[..n]);
                    lanes += n;
                }
                None => out.extend(refs[..n].iter().map(|w| self.xz(w))),
            }
        }
        lanes
    }

    /// The affine x-coordinate of the hash of every input (one inversion for all),
    /// with how many inputs the IFMA form summed.
    pub(crate) fn x_batch<W: AsRef<[u64]>>(
        &self,
        simd: Simd,
        inputs: &[W],
    ) -> Option<(Vec<Fq>, usize)> {
        let mut points = Vec::new();
        let lanes = self.xz_batch(simd, inputs, &mut points);
        Some((affine_x(&points)?, lanes))
    }

    /// The low 64 bits of the x-coordinate of BHP256-to-group of `digest`.
    pub(crate) fn low64(&self, digest: &[u8; 32]) -> Option<u64> {
        let (x, z) = self.xz(&digest_words(digest));
        z.inverse().map(|zi| low64_of(&(x * zi)))
    }

    /// [`Self::low64`] of many digests, with one field inversion for all of them.
    /// Returns how many the IFMA form summed.
    pub(crate) fn low64_batch(
        &self,
        simd: Simd,
        digests: &[[u8; 32]],
        out: &mut Vec<u64>,
    ) -> Option<usize> {
        let words: Vec<[u64; 4]> = digests.iter().map(digest_words).collect();
        let (xs, lanes) = self.x_batch(simd, &words)?;
        out.extend(xs.iter().map(low64_of));
        Some(lanes)
    }
}

/// The low 64 bits of a field element's canonical integer (snarkVM's `cast_lossy` to u64).
#[inline]
pub(super) fn low64_of(x: &Fq) -> u64 {
    x.to_bigint().0[0]
}
