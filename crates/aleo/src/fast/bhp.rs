//! BHP hash-to-group over fixed-length inputs, with precomputed tables.
//!
//! snarkVM's BHP hashes (`BHP_256` .. `BHP_1024`, domain `AleoBHP256` ..) hash an
//! input that fits one iteration as the preimage `domain (188 bits) || len(input)
//! as u64 LE || input || 0-padding to a multiple of 3`. Each 3-bit triplet
//! `(b0, b1, b2)` at position `t` adds `±(1 + b0 + 2·b1)·G_t` to the sum, `G_t`
//! being snarkVM's own base for that position, and the sign is `-` when `b2` is set.
//!
//! For one input length the first 84 triplets never change, so their sum is one
//! constant point. The input's bits are read in groups of a few triplets (15 bits
//! for the BHP256 digests of ARC-0102, 12 bits for tree nodes and leaves), each
//! group looked up in a table of the sums of its terms; the constant, and a tail of
//! at most two bits, are folded into the first table. The sum is the same point
//! snarkVM computes, only added up in another order. Flipping every sign bit of a
//! group negates its sum, so the other tables keep one half.
//!
//! Tables hold affine points in the "Niels" form `(y + x, y − x, 2d·x·y)`, so that
//! each lookup costs one 7-multiplication mixed addition on the twisted Edwards
//! curve (`a = −1`), instead of a 9-multiplication projective addition over more
//! lookups. The x-coordinate is `X / Z`; many hashes share one field inversion
//! (Montgomery's batch inversion).
//!
//! [`tables`] are the BHP256 tables for 256-bit digests. [`fixed`] builds and keeps
//! tables for other (size, length) pairs (up to sixteen), such as BHP1024 over a tagged field
//! element and BHP512 over a tagged pair, which snarkVM's Merkle trees hash.

use std::sync::{Mutex, OnceLock};

use snarkvm_console::algorithms::BHP;
use snarkvm_console::network::{Network, BHP_1024, BHP_256, BHP_512, BHP_768};
use snarkvm_console::prelude::{Environment, ProjectiveCurve};
use snarkvm_console::types::Group;
use snarkvm_fields::{Field as _, One, PrimeField, Zero};

use super::ifma;
use crate::family::BhpSize;
use crate::{Aleo, Simd};

/// The base field of the Edwards curve (Aleo's `field`).
pub(crate) type Fq = <Aleo as Environment>::Field;
/// A point in snarkVM's extended twisted Edwards coordinates.
type Projective = <Aleo as Environment>::Projective;

/// Bits per BHP chunk (snarkVM's `BHP_CHUNK_SIZE`).
const TRIPLET: usize = 3;
/// Input bits past the last whole group that are folded into the first table
/// (at most this many; a longer tail gets its own, smaller, table).
const FOLD_MAX: usize = 2;
/// Entries the scalar sum gathers before adding them up.
const GATHER: usize = 16;
/// Triplets per group of the BHP256 digest tables (15-bit lookups, about 31 MB).
const DIGEST_GROUP: usize = 5;
/// Triplets per group of the tree tables (12-bit lookups; BHP512 over two tagged
/// field elements takes 43 of them, about 19 MB).
pub(crate) const TREE_GROUP: usize = 4;
/// 64-bit words of the longest input any table takes.
pub(crate) const INPUT_WORDS: usize = 17;
/// Bits of a BHP256 digest input.
const DIGEST_BITS: usize = 256;

/// An affine point as `(y + x, y − x, 2d·x·y)`, ready for a mixed addition.
#[derive(Clone, Copy)]
struct Niels {
    ypx: Fq,
    ymx: Fq,
    t2d: Fq,
}

/// Precomputed tables of one snarkVM BHP hash for inputs of one length.
pub(crate) struct FixedBhp {
    /// Input bits (tag bits and all), the length the constant prefix encodes.
    input_bits: usize,
    /// Bits per group: three per triplet.
    group_bits: usize,
    /// Tail bits read with the first group, above its own bits.
    fold_bits: usize,
    /// Lookups after the first.
    rest_groups: usize,
    /// Entries of each table after the first (half of the group's sums).
    half: usize,
    /// The sign bit (`b2`) of every triplet of a group's index.
    sign_bits: usize,
    /// First group, tail and constant prefix sum, as affine `(x, y, x·y)`.
    first: Memory,
    /// Groups 1.., `half` Niels points each (top sign bit clear), back to back.
    rest: Memory,
    /// The same tables in the AVX-512 IFMA form, where the CPU has it.
    wide: Option<Wide>,
}

/// [`FixedBhp`]'s tables converted for [`ifma::xz8`]: 52-bit limbs, Montgomery radix 2^260.
struct Wide {
    constants: ifma::Constants,
    first: Memory,
    rest: Memory,
}

/// Bytes per stored point in the IFMA form.
const WIDE_POINT_BYTES: usize = 8 * ifma::POINT_WORDS;

/// Bytes per stored point: three field elements of four 64-bit limbs.
const POINT_BYTES: usize = 96;

/// Table memory: an anonymous mapping advised for transparent huge pages, since
/// random lookups over megabytes of 4 KiB pages mostly miss the TLB; the heap if
/// the mapping fails.
enum Memory {
    Map(memmap2::MmapMut),
    Heap(Vec<u8>),
}

impl Memory {
    /// Zeroed memory for `points` points.
    fn zeroed(points: usize) -> Self {
        Self::zeroed_bytes(points * POINT_BYTES)
    }

    /// `len` zeroed bytes.
    fn zeroed_bytes(len: usize) -> Self {
        match memmap2::MmapOptions::new().len(len).map_anon() {
            Ok(map) => {
                // Only advice: without huge pages the tables work the same, slower.
                #[cfg(target_os = "linux")]
                let _ = map.advise(memmap2::Advice::HugePage);
                Memory::Map(map)
            }
            Err(_) => Memory::Heap(vec![0; len]),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Memory::Map(m) => m,
            Memory::Heap(v) => v,
        }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        match self {
            Memory::Map(m) => m,
            Memory::Heap(v) => v,
        }
    }

    /// Point `i` as three field elements (Montgomery limbs, as snarkVM stores them).
    #[inline(always)]
    fn get(&self, i: usize) -> Option<[Fq; 3]> {
        let bytes = self.bytes().get(i * POINT_BYTES..(i + 1) * POINT_BYTES)?;
        let mut out = [Fq::zero(); 3];
        for (f, chunk) in out.iter_mut().zip(bytes.chunks_exact(32)) {
            for (limb, b) in f.0 .0.iter_mut().zip(chunk.chunks_exact(8)) {
                let mut word = [0u8; 8];
                word.copy_from_slice(b);
                *limb = u64::from_le_bytes(word);
            }
        }
        Some(out)
    }

    /// Point `i` of the IFMA form: fifteen 64-bit words.
    #[inline(always)]
    fn words(&self, i: usize) -> Option<[u64; ifma::POINT_WORDS]> {
        let bytes = self
            .bytes()
            .get(i * WIDE_POINT_BYTES..(i + 1) * WIDE_POINT_BYTES)?;
        let mut out = [0u64; ifma::POINT_WORDS];
        for (w, b) in out.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(b);
            *w = u64::from_le_bytes(word);
        }
        Some(out)
    }

    /// Stores `points` from point index 0 on.
    fn fill(&mut self, points: impl Iterator<Item = [Fq; 3]>) {
        for (slot, point) in self.bytes_mut().chunks_exact_mut(POINT_BYTES).zip(points) {
            for (chunk, f) in slot.chunks_exact_mut(32).zip(point) {
                for (b, limb) in chunk.chunks_exact_mut(8).zip(f.0 .0) {
                    b.copy_from_slice(&limb.to_le_bytes());
                }
            }
        }
    }

    /// Points stored.
    fn points(&self) -> usize {
        self.bytes().len() / POINT_BYTES
    }
}

/// The BHP256 tables for 256-bit digests, built on first use; `None` if they
/// failed their self-check.
static TABLES: OnceLock<Option<FixedBhp>> = OnceLock::new();

/// The BHP256 digest tables, if they reproduce snarkVM (they always should; if
/// not, callers fall back to snarkVM itself, so a result is never wrong).
pub(crate) fn tables() -> Option<&'static FixedBhp> {
    TABLES
        .get_or_init(|| {
            build_in_own_pool(|| {
                FixedBhp::build_checked(BhpSize::Bhp256, DIGEST_BITS, DIGEST_GROUP)
            })
        })
        .as_ref()
}

/// Table sets other than the digest tables: at most this many (size, length) pairs.
const MAX_SETS: usize = 16;

/// The longest input snarkVM hashes in one iteration with `size`: its windows ×
/// triplets per window × 3 bits, less the 252 domain and length bits (`build`
/// checks this against the instance itself).
fn max_input_bits(size: BhpSize) -> usize {
    let (windows, window) = match size {
        BhpSize::Bhp256 => (3, 57),
        BhpSize::Bhp512 => (6, 43),
        BhpSize::Bhp768 => (15, 23),
        BhpSize::Bhp1024 => (8, 54),
    };
    windows * window * TRIPLET - 252
}

/// The table sets built so far, each initialized once.
type Sets = Vec<((BhpSize, usize), &'static OnceLock<Option<FixedBhp>>)>;
static SETS: Mutex<Sets> = Mutex::new(Vec::new());

/// The tree tables (12-bit groups) of `size` for `input_bits`-bit inputs, built on
/// first use; `None` for lengths snarkVM hashes in more than one iteration, when
/// [`MAX_SETS`] other sets already exist, or if the tables failed their self-check.
/// With `build` false, only tables built before are returned.
pub(crate) fn fixed(size: BhpSize, input_bits: usize, build: bool) -> Option<&'static FixedBhp> {
    if input_bits == 0 || input_bits > max_input_bits(size).min(INPUT_WORDS * 64) {
        return None;
    }
    let cell = {
        // A poisoned lock only means another thread panicked mid-lookup; the list is intact.
        let mut sets = SETS.lock().unwrap_or_else(|e| e.into_inner());
        match sets.iter().find(|(key, _)| *key == (size, input_bits)) {
            Some((_, cell)) => *cell,
            None if build && sets.len() < MAX_SETS => {
                let cell: &'static OnceLock<Option<FixedBhp>> = Box::leak(Box::default());
                sets.push(((size, input_bits), cell));
                cell
            }
            None => return None,
        }
    };
    if !build {
        return cell.get()?.as_ref();
    }
    cell.get_or_init(|| build_in_own_pool(|| FixedBhp::build_checked(size, input_bits, TREE_GROUP)))
        .as_ref()
}

/// `build` on a private rayon pool, driven from a plain thread.
///
/// snarkVM sets up its BHP bases (its lazily built statics) with parallel
/// iterators on first use. On the
/// global pool those jobs could wait forever for workers that are themselves
/// blocked on a table initializer (a batch split over the pool while another
/// thread builds the tables). And a pool worker that waited on `install` directly
/// would run other jobs meanwhile, which could re-enter that initializer. A plain
/// thread that joins avoids both.
///
/// Without the `parallel` feature merklab puts no work on any pool, and the build
/// runs on the plain thread alone.
fn build_in_own_pool(build: impl FnOnce() -> Option<FixedBhp> + Send) -> Option<FixedBhp> {
    #[cfg(feature = "parallel")]
    let private = || match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(build),
        Err(_) => build(),
    };
    #[cfg(not(feature = "parallel"))]
    let private = build;
    std::thread::scope(|s| s.spawn(private).join().ok().flatten())
}

/// What the tables need from one of snarkVM's BHP instances.
struct Params {
    domain: &'static [bool],
    /// Triplets per window.
    window: usize,
    /// Windows.
    windows: usize,
    bases: &'static [Vec<Group<Aleo>>],
}

/// snarkVM's instance of `size` (the same the network's `hash_bhp*` use).
fn params(size: BhpSize) -> Params {
    fn of<const NUM_WINDOWS: u8, const WINDOW_SIZE: u8>(
        bhp: &'static BHP<Aleo, NUM_WINDOWS, WINDOW_SIZE>,
    ) -> Params {
        Params {
            domain: bhp.domain(),
            window: usize::from(bhp.window_size()),
            windows: usize::from(bhp.num_windows()),
            bases: bhp.bases(),
        }
    }
    match size {
        BhpSize::Bhp256 => of(&BHP_256),
        BhpSize::Bhp512 => of(&BHP_512),
        BhpSize::Bhp768 => of(&BHP_768),
        BhpSize::Bhp1024 => of(&BHP_1024),
    }
}

/// The x-coordinate of snarkVM's BHP-to-group of `bits` with its instance of `size`.
fn reference_x(size: BhpSize, bits: &[bool]) -> Option<Fq> {
    let group = match size {
        BhpSize::Bhp256 => Aleo::hash_to_group_bhp256(bits),
        BhpSize::Bhp512 => Aleo::hash_to_group_bhp512(bits),
        BhpSize::Bhp768 => Aleo::hash_to_group_bhp768(bits),
        BhpSize::Bhp1024 => Aleo::hash_to_group_bhp1024(bits),
    };
    group.ok().map(|g| *g.to_x_coordinate())
}

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
fn digest_words(digest: &[u8; 32]) -> [u64; 4] {
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
pub(crate) fn affine_x(points: &[(Fq, Fq)]) -> Option<Vec<Fq>> {
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
    fn first_index(&self, words: &[u64]) -> usize {
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
    fn xz8(
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
        let mut scalar_from = 0;
        let mut lanes = 0;
        if self.wide.is_some() && simd == Simd::Auto {
            let mut scratch = Vec::with_capacity(self.rest_groups);
            for group in inputs.chunks_exact(ifma::LANES) {
                let refs: [&[u64]; ifma::LANES] = core::array::from_fn(|i| group[i].as_ref());
                match self.xz8(refs, &mut scratch) {
                    Some(xz) => {
                        out.extend(xz);
                        lanes += ifma::LANES;
                    }
                    None => out.extend(refs.iter().map(|w| self.xz(w))),
                }
            }
            scalar_from = inputs.len() - inputs.len() % ifma::LANES;
        }
        for w in &inputs[scalar_from..] {
            out.push(self.xz(w.as_ref()));
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

impl Wide {
    /// Converts the scalar tables.
    fn new(first: &Memory, rest: &Memory) -> Option<Self> {
        let constants = ifma::Constants::new()?;
        let convert = |memory: &Memory| -> Option<Memory> {
            let mut out = Memory::zeroed_bytes(memory.points() * WIDE_POINT_BYTES);
            // Coordinate by coordinate: five 52-bit limbs, little-endian words.
            for (i, slot) in out
                .bytes_mut()
                .chunks_exact_mut(WIDE_POINT_BYTES)
                .enumerate()
            {
                for (coord, f) in slot
                    .chunks_exact_mut(WIDE_POINT_BYTES / 3)
                    .zip(&memory.get(i)?)
                {
                    for (b, w) in coord.chunks_exact_mut(8).zip(constants.encode(f)) {
                        b.copy_from_slice(&w.to_le_bytes());
                    }
                }
            }
            Some(out)
        };
        Some(Self {
            first: convert(first)?,
            rest: convert(rest)?,
            constants,
        })
    }
}

/// The low 64 bits of a field element's canonical integer (snarkVM's `cast_lossy` to u64).
#[inline]
pub(crate) fn low64_of(x: &Fq) -> u64 {
    x.to_bigint().0[0]
}

/// The bits of `words` up to `len`, little-endian.
fn bits_of(words: &[u64], len: usize) -> Vec<bool> {
    (0..len)
        .map(|i| words.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1))
        .collect()
}

/// Low 64 bits of the x-coordinate, computed by snarkVM itself (fallback and self-check).
pub(crate) fn reference_low64(digest: &[u8; 32]) -> u64 {
    match reference_x(
        BhpSize::Bhp256,
        &bits_of(&digest_words(digest), DIGEST_BITS),
    ) {
        Some(x) => low64_of(&x),
        // 256 bits are always a valid BHP256 input.
        None => unreachable!("BHP256 rejected a 256-bit input"),
    }
}

impl FixedBhp {
    /// Builds the tables and checks them against snarkVM on a few inputs; the IFMA
    /// form is dropped alone if only it disagrees.
    fn build_checked(size: BhpSize, input_bits: usize, group_triplets: usize) -> Option<Self> {
        let mut tables = Self::build(size, input_bits, group_triplets)?;
        let words = input_bits.div_ceil(64);
        // Deterministic probes: all zeros, all ones, and six mixed bit patterns.
        let probes: Vec<Vec<u64>> = (0..ifma::LANES as u64)
            .map(|i| {
                let mut w = vec![0u64; words];
                for k in 0..input_bits {
                    let mixed = ((i << 32 | k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15))
                        .rotate_left(17)
                        .wrapping_mul(0xbf58_476d_1ce4_e5b9);
                    let bit = match i {
                        0 => 0,
                        1 => 1,
                        _ => mixed >> 63,
                    };
                    w[k / 64] |= bit << (k % 64);
                }
                w
            })
            .collect();
        let expected: Vec<Fq> = probes
            .iter()
            .map(|p| reference_x(size, &bits_of(p, input_bits)))
            .collect::<Option<_>>()?;
        let scalar: Vec<(Fq, Fq)> = probes.iter().map(|p| tables.xz(p)).collect();
        if affine_x(&scalar)? != expected {
            return None;
        }
        let mut scratch = Vec::new();
        let refs: [&[u64]; ifma::LANES] = core::array::from_fn(|i| probes[i].as_slice());
        let wide_agrees = tables
            .xz8(refs, &mut scratch)
            .and_then(|xz| affine_x(&xz))
            .is_some_and(|x| x == expected);
        if !wide_agrees {
            tables.wide = None;
        }
        Some(tables)
    }

    /// Builds the tables from snarkVM's bases and domain for `size`, for inputs of
    /// `input_bits` bits read `group_triplets` triplets per lookup; `None` if
    /// snarkVM would hash such inputs in more than one iteration.
    fn build(size: BhpSize, input_bits: usize, group_triplets: usize) -> Option<Self> {
        let Params {
            domain,
            window,
            windows,
            bases,
        } = params(size);
        // The preimage prefix: the domain, then the input length as 64 LE bits.
        let mut prefix: Vec<bool> = domain.to_vec();
        prefix.extend((0..64).map(|i| (input_bits as u64 >> i) & 1 == 1));
        // The layout below needs the input to start on a triplet boundary (it does:
        // 252 bits), and the whole preimage to fit one iteration.
        let triplets = (prefix.len() + input_bits).div_ceil(TRIPLET);
        if !prefix.len().is_multiple_of(TRIPLET)
            || input_bits == 0
            || input_bits > INPUT_WORDS * 64
            || window * windows * TRIPLET - prefix.len() != max_input_bits(size)
            || !(1..=DIGEST_GROUP).contains(&group_triplets)
            || prefix.len() + input_bits > window * windows * TRIPLET
            || bases.len() * window < triplets
        {
            return None;
        }
        let first_var = prefix.len() / TRIPLET;
        let group_bits = TRIPLET * group_triplets;
        let (full, tail) = (input_bits / group_bits, input_bits % group_bits);
        let (fold_bits, rest_groups) = match (full, tail) {
            (0, _) => (0, 0),
            (_, 0) => (0, full - 1),
            (_, t) if t <= FOLD_MAX => (t, full - 1),
            _ => (0, full),
        };
        // Triplet t with bits b adds ±(1 + b0 + 2·b1)·G_t, exactly as snarkVM's lookup.
        let term = |t: usize, b: usize| -> Projective {
            if t >= triplets {
                return Projective::zero();
            }
            let g: Projective = *bases[t / window][t % window];
            let mut p = g;
            if b & 1 != 0 {
                p += &g;
            }
            if b & 2 != 0 {
                p += &g.double();
            }
            if b & 4 != 0 {
                -p
            } else {
                p
            }
        };
        let mut constant = Projective::zero();
        for t in 0..first_var {
            let b = (0..TRIPLET).fold(0, |acc, i| {
                acc | (usize::from(prefix[t * TRIPLET + i]) << i)
            });
            constant += &term(t, b);
        }
        // The sums of one table: each listed triplet with how many of its values,
        // the first listed in the lowest index bits.
        let table = |start: Projective, listed: &[(usize, usize)]| -> Vec<Projective> {
            let mut table = vec![start];
            for &(t, values) in listed {
                let lookup: Vec<Projective> = (0..values).map(|b| term(t, b)).collect();
                // The new index bits (above the current ones) select this triplet's term.
                table = lookup
                    .iter()
                    .flat_map(|l| table.iter().map(move |p| *p + l))
                    .collect();
            }
            Projective::batch_normalization(&mut table);
            table
        };
        let group = |g: usize| (0..group_triplets).map(move |j| first_var + g * group_triplets + j);
        // Serial on purpose: this runs inside a table initializer, where a rayon job
        // could wait on pool threads that are themselves blocked on it.
        let mut listed: Vec<(usize, usize)> = group(0).map(|t| (t, 1 << TRIPLET)).collect();
        if fold_bits > 0 {
            listed.push((
                first_var + (rest_groups + 1) * group_triplets,
                1 << fold_bits,
            ));
        }
        let first_table = table(constant, &listed);
        let half = 1 << (group_bits - 1);
        let mut first = Memory::zeroed(first_table.len());
        first.fill(first_table.iter().map(|p| [p.x, p.y, p.x * p.y]));
        let d2 = <Aleo as Environment>::EDWARDS_D.double();
        let mut rest = Memory::zeroed(rest_groups * half);
        rest.fill((1..=rest_groups).flat_map(|g| {
            let mut listed: Vec<(usize, usize)> = group(g).map(|t| (t, 1 << TRIPLET)).collect();
            // Only the half whose top sign bit is clear is stored.
            if let Some(top) = listed.last_mut() {
                top.1 = 1 << (TRIPLET - 1);
            }
            table(Projective::zero(), &listed)
                .into_iter()
                .map(move |p| [p.y + p.x, p.y - p.x, p.x * p.y * d2])
        }));
        let wide = if ifma::available() {
            Wide::new(&first, &rest)
        } else {
            None
        };
        Some(Self {
            input_bits,
            group_bits,
            fold_bits,
            rest_groups,
            half,
            sign_bits: (0..group_triplets).fold(0, |acc, j| acc | 1 << (TRIPLET * j + 2)),
            first,
            rest,
            wide,
        })
    }

    /// Whether the tables carry the IFMA form (the CPU has it and it passed its check).
    pub(crate) fn has_wide(&self) -> bool {
        self.wide.is_some()
    }
}
