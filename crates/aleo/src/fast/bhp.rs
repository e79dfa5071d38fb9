//! BHP256 hash-to-group over a 256-bit SHA3 digest, with precomputed tables.
//!
//! snarkVM's `BHP_256` (domain `AleoBHP256`: 3 windows of 57 triplets) hashes the
//! preimage `domain (188 bits) || len(input) as u64 LE || input || 0-padding to a
//! multiple of 3`. Each 3-bit triplet `(b0, b1, b2)` at position `t` adds
//! `±(1 + b0 + 2·b1)·G_t` to the sum, `G_t` being snarkVM's own base for that
//! position, and the sign is `-` when `b2` is set. For a 256-bit input the first
//! 84 triplets never change, so their sum is one constant point; the remaining
//! 86 triplets are read from the digest in groups of five (15 bits), each group
//! looked up in a table of the sums of its five terms (the constant and the
//! lone triplet of digest bit 255 are folded into the first table). The sum is
//! the same point snarkVM computes, only added up in another order. Flipping
//! every sign bit of a group negates its sum, so those tables keep one half.
//!
//! Tables hold affine points in the "Niels" form `(y + x, y − x, 2d·x·y)`, so that
//! each lookup costs one 7-multiplication mixed addition on the twisted Edwards
//! curve (`a = −1`), instead of snarkVM's 10-multiplication projective addition
//! over twice as many lookups. The x-coordinate is `X / Z`; many hashes share one
//! field inversion (Montgomery's batch inversion).

use std::sync::OnceLock;

use snarkvm_console::network::{Network, BHP_256};
use snarkvm_console::prelude::{Environment, ProjectiveCurve};
use snarkvm_fields::{Field as _, One, PrimeField, Zero};

use super::ifma;
use crate::Aleo;

/// The base field of the Edwards curve (Aleo's `field`).
pub(crate) type Fq = <Aleo as Environment>::Field;
/// A point in snarkVM's extended twisted Edwards coordinates.
type Projective = <Aleo as Environment>::Projective;

/// Bits of the BHP input: one SHA3-256 digest.
const INPUT_BITS: usize = 256;
/// Bits per BHP chunk (snarkVM's `BHP_CHUNK_SIZE`).
const TRIPLET: usize = 3;
/// Triplets summed per table entry.
const TRIPLETS_PER_CHUNK: usize = 5;
/// Digest bits per table lookup.
const CHUNK_BITS: usize = TRIPLET * TRIPLETS_PER_CHUNK;
/// Lookups per hash: digest bits 0..15 (plus bit 255) in the first table,
/// then 16 tables of 15 bits each.
const CHUNKS: usize = INPUT_BITS / CHUNK_BITS;
/// Entries of the first table: 15 digest bits and bit 255.
const FIRST_ENTRIES: usize = 1 << (CHUNK_BITS + 1);
/// Entries of every other table: half of the 2^15 sums, the other half being their negations.
const HALF_ENTRIES: usize = 1 << (CHUNK_BITS - 1);
/// The sign bit (`b2`) of each of the five triplets of an index.
const SIGN_BITS: usize = 0b100_100_100_100_100;

/// An affine point as `(y + x, y − x, 2d·x·y)`, ready for a mixed addition.
#[derive(Clone, Copy)]
struct Niels {
    ypx: Fq,
    ymx: Fq,
    t2d: Fq,
}

/// The precomputed tables of snarkVM's `BHP_256` for 256-bit inputs (about 31 MB).
pub(crate) struct Tables {
    /// First chunk with the constant prefix sum folded in, as affine `(x, y, x·y)`.
    first: Memory,
    /// Chunks 1.., `HALF_ENTRIES` Niels points each (top sign bit clear), back to back.
    rest: Memory,
    /// The same tables in the AVX-512 IFMA form, where the CPU has it.
    wide: Option<Wide>,
}

/// [`Tables`] converted for [`ifma::xz8`]: 52-bit limbs, Montgomery radix 2^260.
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
/// random lookups over 31 MB of 4 KiB pages mostly miss the TLB; the heap if
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
}

/// The tables, built on first use; `None` if they failed their self-check.
static TABLES: OnceLock<Option<Tables>> = OnceLock::new();

/// The tables, if they reproduce snarkVM (they always should; if not, callers
/// fall back to snarkVM itself, so a result is never wrong).
pub(crate) fn tables() -> Option<&'static Tables> {
    TABLES.get_or_init(build_in_own_pool).as_ref()
}

/// [`build_checked`] on a private rayon pool, driven from a plain thread.
///
/// snarkVM sets up its BHP bases with parallel iterators on first use. On the
/// global pool those jobs could wait forever for workers that are themselves
/// blocked on this initializer (a batch split over the pool while another thread
/// builds the tables). And a pool worker that waited on `install` directly would
/// run other jobs meanwhile, which could re-enter this initializer. A plain thread
/// that joins avoids both.
fn build_in_own_pool() -> Option<Tables> {
    let private = || match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(build_checked),
        Err(_) => build_checked(),
    };
    std::thread::scope(|s| s.spawn(private).join().ok().flatten())
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

    /// `(X, Z)` of `self + p`, skipping what the x-coordinate does not need.
    #[inline(always)]
    fn add_niels_xz(&self, p: &Niels) -> (Fq, Fq) {
        let a = (self.y - self.x) * p.ymx;
        let b = (self.y + self.x) * p.ypx;
        let c = self.t * p.t2d;
        let d = self.z.double();
        ((b - a) * (d - c), (d - c) * (d + c))
    }
}

/// The table index of every 15-bit group of the digest (bits little-endian); the
/// first also holds bit 255 as its bit 15.
#[inline(always)]
fn indices(digest: &[u8; 32]) -> [usize; CHUNKS] {
    let mut buf = [0u8; 36];
    buf[..32].copy_from_slice(digest);
    let mut out = [0usize; CHUNKS];
    for (c, slot) in out.iter_mut().enumerate() {
        let bit = c * CHUNK_BITS;
        let byte = bit / 8;
        let word = u32::from_le_bytes([buf[byte], buf[byte + 1], buf[byte + 2], buf[byte + 3]]);
        *slot = ((word >> (bit % 8)) as usize) & ((1 << CHUNK_BITS) - 1);
    }
    out[0] |= usize::from(digest[31] >> 7) << CHUNK_BITS;
    out
}

impl Tables {
    /// `(X, Z)` of BHP256-to-group of `digest`, unnormalized.
    #[inline]
    pub(crate) fn xz(&self, digest: &[u8; 32]) -> (Fq, Fq) {
        let idx = indices(digest);
        // Gather every entry first: the loads are independent, so cache misses overlap.
        let zero = Niels {
            ypx: Fq::zero(),
            ymx: Fq::zero(),
            t2d: Fq::zero(),
        };
        let mut entries = [zero; CHUNKS - 1];
        for (c, e) in entries.iter_mut().enumerate() {
            let i = idx[c + 1];
            let negate = i & (1 << (CHUNK_BITS - 1)) != 0;
            let i = if negate { i ^ SIGN_BITS } else { i };
            if let Some([ypx, ymx, t2d]) = self.rest.get(c * HALF_ENTRIES + i) {
                // -(x, y) = (-x, y): swap y + x with y - x, negate 2d·x·y.
                *e = if negate {
                    Niels {
                        ypx: ymx,
                        ymx: ypx,
                        t2d: -t2d,
                    }
                } else {
                    Niels { ypx, ymx, t2d }
                };
            }
        }
        let [x, y, t] = self
            .first
            .get(idx[0])
            .unwrap_or([Fq::zero(), Fq::one(), Fq::zero()]);
        let mut acc = Extended {
            x,
            y,
            t,
            z: Fq::one(),
        };
        let (last, middle) = match entries.split_last() {
            Some(split) => split,
            None => return (acc.x, acc.z),
        };
        for e in middle {
            acc.add_niels(e);
        }
        acc.add_niels_xz(last)
    }

    /// The low 64 bits of the x-coordinate of BHP256-to-group of `digest`.
    pub(crate) fn low64(&self, digest: &[u8; 32]) -> Option<u64> {
        let (x, z) = self.xz(digest);
        z.inverse().map(|zi| low64_of(&(x * zi)))
    }

    /// [`Self::low64`] of many digests, with one field inversion for all of them.
    pub(crate) fn low64_batch(&self, digests: &[[u8; 32]], out: &mut Vec<u64>) -> Option<()> {
        let mut points: Vec<(Fq, Fq)> = Vec::with_capacity(digests.len());
        let mut groups = digests.chunks_exact(ifma::LANES);
        if let Some(wide) = self.wide.as_ref().filter(|_| super::simd_enabled()) {
            for group in &mut groups {
                match wide.xz8(group) {
                    Some(xz) => points.extend(xz),
                    None => points.extend(group.iter().map(|d| self.xz(d))),
                }
            }
        } else {
            for group in &mut groups {
                points.extend(group.iter().map(|d| self.xz(d)));
            }
        }
        points.extend(groups.remainder().iter().map(|d| self.xz(d)));
        // Montgomery's trick: prefix products, one inversion, then walk back.
        let mut prefix = Vec::with_capacity(points.len());
        let mut acc = Fq::one();
        for (_, z) in &points {
            prefix.push(acc);
            acc *= z;
        }
        let mut inv = acc.inverse()?;
        let start = out.len();
        out.resize(start + points.len(), 0);
        for (i, (x, z)) in points.iter().enumerate().rev() {
            let z_inv = inv * prefix[i];
            inv *= z;
            out[start + i] = low64_of(&(*x * z_inv));
        }
        Some(())
    }
}

impl Wide {
    /// Converts the scalar tables.
    fn new(first: &Memory, rest: &Memory) -> Option<Self> {
        let constants = ifma::Constants::new()?;
        let convert = |memory: &Memory, points: usize| -> Option<Memory> {
            let mut out = Memory::zeroed_bytes(points * WIDE_POINT_BYTES);
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
            first: convert(first, FIRST_ENTRIES)?,
            rest: convert(rest, (CHUNKS - 1) * HALF_ENTRIES)?,
            constants,
        })
    }

    /// `(X, Z)` of eight digests' sums (each scaled by 16, which leaves `X / Z` as
    /// it is), or `None` if `group` is not eight digests or the CPU lacks IFMA.
    fn xz8(&self, group: &[[u8; 32]]) -> Option<[(Fq, Fq); ifma::LANES]> {
        let group: &[[u8; 32]; ifma::LANES] = group.try_into().ok()?;
        let idx = group.map(|d| indices(&d));
        let mut first = [[0u64; ifma::POINT_WORDS]; ifma::LANES];
        for (slot, i) in first.iter_mut().zip(&idx) {
            *slot = self.first.words(i[0])?;
        }
        let mut rest = [ifma::Gathered {
            words: [[0u64; ifma::POINT_WORDS]; ifma::LANES],
            negate: 0,
        }; CHUNKS - 1];
        for (c, g) in (1..CHUNKS).zip(rest.iter_mut()) {
            for (lane, (slot, i)) in g.words.iter_mut().zip(&idx).enumerate() {
                let i = i[c];
                let negate = i & (1 << (CHUNK_BITS - 1)) != 0;
                let i = if negate { i ^ SIGN_BITS } else { i };
                g.negate |= u8::from(negate) << lane;
                *slot = self.rest.words((c - 1) * HALF_ENTRIES + i)?;
            }
        }
        let sums = ifma::xz8(&self.constants, &first, &rest)?;
        Some(sums.map(|(x, z)| (self.constants.decode16(x), self.constants.decode16(z))))
    }
}

/// The low 64 bits of a field element's canonical integer (snarkVM's `cast_lossy` to u64).
#[inline]
pub(crate) fn low64_of(x: &Fq) -> u64 {
    x.to_bigint().0[0]
}

/// Low 64 bits of the x-coordinate, computed by snarkVM itself (fallback and self-check).
pub(crate) fn reference_low64(digest: &[u8; 32]) -> u64 {
    let bits: Vec<bool> = (0..INPUT_BITS)
        .map(|i| digest[i / 8] >> (i % 8) & 1 == 1)
        .collect();
    match Aleo::hash_to_group_bhp256(&bits) {
        Ok(group) => low64_of(&group.to_x_coordinate()),
        // 256 bits are always a valid BHP256 input.
        Err(e) => unreachable!("BHP256 rejected a 256-bit input: {e}"),
    }
}

/// Builds the tables and checks them against snarkVM on a few digests.
fn build_checked() -> Option<Tables> {
    let tables = build()?;
    let probes: [[u8; 32]; 4] = [
        [0; 32],
        [0xff; 32],
        core::array::from_fn(|i| i as u8),
        core::array::from_fn(|i| (i * 37 + 11) as u8),
    ];
    let agree = probes
        .iter()
        .all(|d| tables.low64(d) == Some(reference_low64(d)));
    if !agree {
        return None;
    }
    // Eight probes through the IFMA form too; on disagreement, drop that form only.
    let mut tables = tables;
    if let Some(wide) = &tables.wide {
        let batch: [[u8; 32]; ifma::LANES] =
            core::array::from_fn(|i| probes[i % probes.len()].map(|b| b ^ (i as u8)));
        let agree = wide.xz8(&batch).is_some_and(|xz| {
            xz.iter().zip(&batch).all(|((x, z), d)| {
                z.inverse().map(|zi| low64_of(&(*x * zi))) == Some(reference_low64(d))
            })
        });
        if !agree {
            tables.wide = None;
        }
    }
    Some(tables)
}

/// Whether the tables carry the IFMA form (the CPU has it and it passed its check).
pub(crate) fn has_wide(tables: &Tables) -> bool {
    tables.wide.is_some()
}

/// Builds the tables from snarkVM's `BHP_256` bases and domain.
fn build() -> Option<Tables> {
    let bhp = &*BHP_256;
    let window = usize::from(bhp.window_size());
    let bases = bhp.bases();
    // The preimage prefix: the padded domain, then the input length as 64 LE bits.
    let mut prefix: Vec<bool> = bhp.domain().to_vec();
    prefix.extend((0..64).map(|i| (INPUT_BITS as u64 >> i) & 1 == 1));
    // The layout below needs the digest to start on a triplet boundary (it does: 252 bits).
    if !prefix.len().is_multiple_of(TRIPLET) {
        return None;
    }
    let first_var = prefix.len() / TRIPLET;
    let triplets = (prefix.len() + INPUT_BITS).div_ceil(TRIPLET);
    if triplets > window * bases.len() {
        return None;
    }
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
    let d2 = <Aleo as Environment>::EDWARDS_D.double();
    // Chunk c sums triplets first_var + 5c .. + 5; chunk 0 also takes the last
    // triplet, whose only digest bit is bit 255 (its other two are padding).
    let last = first_var + CHUNKS * TRIPLETS_PER_CHUNK;
    // Serial on purpose: this runs inside the tables' `OnceLock` initializer, and a
    // rayon job here could wait on pool threads that are themselves blocked on that
    // same lock (a deadlock seen when tests hash from several threads at once).
    let chunks: Vec<Vec<Projective>> = (0..CHUNKS)
        .map(|c| {
            let mut triplets: Vec<(usize, usize)> = (0..TRIPLETS_PER_CHUNK)
                .map(|j| (first_var + c * TRIPLETS_PER_CHUNK + j, 1 << TRIPLET))
                .collect();
            if c == 0 {
                triplets.push((last, 2));
            } else if let Some(top) = triplets.last_mut() {
                // Only the half whose top sign bit is clear is stored.
                top.1 = 1 << (TRIPLET - 1);
            }
            let mut table = vec![if c == 0 { constant } else { Projective::zero() }];
            for (t, values) in triplets {
                let lookup: Vec<Projective> = (0..values).map(|b| term(t, b)).collect();
                // The new index bits (above the current ones) select this triplet's term.
                table = lookup
                    .iter()
                    .flat_map(|l| table.iter().map(move |p| *p + l))
                    .collect();
            }
            Projective::batch_normalization(&mut table);
            table
        })
        .collect();
    if last + 1 != triplets
        || chunks.first().map(Vec::len) != Some(FIRST_ENTRIES)
        || chunks.iter().skip(1).any(|t| t.len() != HALF_ENTRIES)
    {
        return None;
    }
    let mut chunks = chunks.into_iter();
    let mut first = Memory::zeroed(FIRST_ENTRIES);
    first.fill(chunks.next()?.iter().map(|p| [p.x, p.y, p.x * p.y]));
    let mut rest = Memory::zeroed((CHUNKS - 1) * HALF_ENTRIES);
    rest.fill(chunks.flat_map(|table| {
        table
            .into_iter()
            .map(move |p| [p.y + p.x, p.y - p.x, p.x * p.y * d2])
    }));
    let wide = if ifma::available() {
        Wide::new(&first, &rest)
    } else {
        None
    };
    Some(Tables { first, rest, wide })
}
