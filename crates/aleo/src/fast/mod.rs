//! The fast path: the same values as [`crate::reference`], computed without snarkVM's
//! per-bit vectors and with wider BHP256 tables built from snarkVM's own bases.
//!
//! - SHA3-256 runs over the literal's plaintext bits packed directly into bytes;
//! - BHP256 sums 17 precomputed 15-bit-window points (the 252 constant domain and
//!   length bits folded into the first) with 7-multiplication mixed additions;
//!   batches do it for eight digests at once with AVX-512 IFMA unless their
//!   [`Simd`] argument is [`Simd::Off`] ([`simd_active`]);
//! - Poseidon (rates 2, 4, 8) runs the sparse partial-round form in [`poseidon`];
//! - the batch functions share one field inversion across a batch (Montgomery's
//!   trick) and split large batches over the current rayon pool.
//!
//! The digest tables come in five widths (3- to 15-bit lookups, 76 KB to 70 MB);
//! [`Tables`] says which a call reads: the widest for [`crate::HashPath::Fast`],
//! the cheapest for the work ahead for [`crate::HashPath::Auto`]. Each is built
//! on first use from snarkVM's bases (pinned in `crates/aleo/data/bhp256.txt`)
//! and checked against snarkVM's answers; should that check ever fail, these
//! functions compute through snarkVM instead.
//!
//! The same table code serves [`crate::family::Bhp`]'s batches: for each BHP size
//! and input length that fits one BHP iteration (a tagged field element for
//! BHP1024 leaves, a tagged pair for BHP512 nodes), 12-bit tables are built from
//! snarkVM's bases on the first batch of eight or more and checked the same way
//! ([`bhp_tables`] tells whether a length has them).

mod bhp;
mod ifma;
mod plaintext;
pub(crate) mod poseidon;
#[cfg(test)]
mod tests;

#[cfg(feature = "parallel")]
use rayon::prelude::*;
use snarkvm_console::prelude::ToBits;
use snarkvm_console::program::{Literal, Plaintext};
use snarkvm_fields::PrimeField;

use crate::family::BhpSize;
use crate::{encode_to_f, merge_operand_wrapping, Aleo, AleoError, Field, Simd};
use bhp::{FixedBhp, Fq};
use merklab_hashes::MultiBuffer;
use plaintext::{sha3_bits, sha3_numeric_each, Numeric, FIELD_BITS, FIELD_ID, U128_ID, U64_ID};

/// Batches at least this long are split over the rayon pool (feature `parallel`).
#[cfg(feature = "parallel")]
const PARALLEL_MIN: usize = 128;
/// Hashes per inversion when a batch is split.
#[cfg(feature = "parallel")]
const BATCH_CHUNK: usize = 64;

/// Whether batches under `simd` sum their BHP256 points eight at a time with
/// AVX-512 IFMA (the CPU has it and the tables carry that form).
pub fn simd_active(simd: Simd) -> bool {
    simd == Simd::Auto && bhp::tables().is_some_and(|t| t.has_wide())
}

/// The digest tables built so far, narrowest first.
pub fn built_digest_tables() -> Vec<crate::DigestTables> {
    bhp::built_digest_tables()
        .map(|t| crate::DigestTables {
            lookup_bits: t.lookup_bits(),
            bytes: t.bytes(),
        })
        .collect()
}

/// Builds the BHP256 tables now (they are otherwise built on first use, ~0.1 s).
///
/// Returns whether they passed their self-check against snarkVM (if not, the
/// fast functions still return snarkVM's values, computed through snarkVM).
pub fn warm_up() -> bool {
    bhp::tables().is_some()
}

/// Which BHP256 digest tables a call reads (all give the same values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tables {
    /// The widest (15-bit lookups, about 31 MB), as [`crate::HashPath::Fast`] asks.
    Widest,
    /// The cheapest for this many hashes ahead, counting the build of tables not
    /// yet built (a batch counts at least its own length), the work summed eight
    /// at a time unless its [`Simd`] is off or the CPU lacks AVX-512 IFMA.
    ForWork(u64, Simd),
}

impl Tables {
    /// The tables for a call of `batch` hashes; `None` if they failed their
    /// self-check. The choice is the same for every call of one job, whatever its
    /// own length, so that its short calls do not build other tables.
    fn get(self, batch: usize) -> Option<&'static FixedBhp> {
        match self {
            Tables::Widest => bhp::tables(),
            Tables::ForWork(n, simd) => {
                let vector = simd == Simd::Auto && ifma::available();
                bhp::tables_for(n.max(batch as u64), vector)
            }
        }
    }
}

/// A BHP input packed into little-endian 64-bit words, as the fixed-length BHP
/// tables read it (up to 1,088 bits, past BHP1024's longest one-iteration input).
#[derive(Clone, Copy)]
pub(crate) struct PackedBits {
    words: [u64; bhp::INPUT_WORDS],
    len: usize,
}

impl PackedBits {
    /// No bits.
    pub(crate) fn new() -> Self {
        Self {
            words: [0; bhp::INPUT_WORDS],
            len: 0,
        }
    }

    /// Bits so far.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Appends the low `n` bits of `value` (`n` at most 64); `None` past the capacity.
    pub(crate) fn push_bits(&mut self, value: u64, n: usize) -> Option<()> {
        if n == 0 {
            return Some(());
        }
        if n > 64 || self.len + n > bhp::INPUT_WORDS * 64 {
            return None;
        }
        let value = if n == 64 {
            value
        } else {
            value & ((1 << n) - 1)
        };
        let (w, off) = (self.len / 64, self.len % 64);
        self.words[w] |= value << off;
        if off + n > 64 {
            self.words[w + 1] |= value >> (64 - off);
        }
        self.len += n;
        Some(())
    }

    /// Appends a field element's canonical 253 bits, least significant first.
    pub(crate) fn push_field(&mut self, f: &Fq) -> Option<()> {
        let limbs = f.to_bigint().0;
        let mut left = crate::family::FIELD_BITS;
        for limb in limbs {
            let n = left.min(64);
            self.push_bits(limb, n)?;
            left -= n;
        }
        Some(())
    }
}

impl AsRef<[u64]> for PackedBits {
    fn as_ref(&self) -> &[u64] {
        &self.words
    }
}

/// The x-coordinates of BHP-to-group of every input, all of one length, through
/// tables for that length built from snarkVM's bases; `None` if no tables serve
/// it (longer than one BHP iteration, too many lengths in use, or a failed
/// self-check), so callers use snarkVM itself.
///
/// Tables for a new length (about 0.1–0.3 s, 5–40 MB) are built only for batches
/// of at least eight inputs; shorter batches use them once they exist.
pub(crate) fn bhp_x_batch(size: BhpSize, simd: Simd, inputs: &[PackedBits]) -> Option<Vec<Field>> {
    let len = inputs.first()?.len();
    if inputs.iter().any(|i| i.len() != len) {
        return None;
    }
    let tables = bhp::fixed(size, len, inputs.len() >= ifma::LANES)?;
    let (xs, _) = tables.x_batch(simd, inputs)?;
    Some(xs.into_iter().map(Field::new).collect())
}

/// Whether BHP batches of `size` over `input_bits`-bit inputs (tag bit included)
/// run on fixed-length tables: `None` if no such tables are built (or they failed
/// their self-check), `Some(true)` if they also carry the AVX-512 IFMA form.
#[cfg(test)]
pub(crate) fn bhp_tables(size: BhpSize, input_bits: usize) -> Option<bool> {
    bhp::fixed(size, input_bits, false).map(|t| t.has_wide())
}

/// The packed plaintext bits of a field literal.
fn field_literal(f: &Field) -> Numeric {
    Numeric::new(FIELD_ID, FIELD_BITS, &(**f).to_bigint().0)
}

/// The packed plaintext bits of a u128 literal.
fn u128_literal(v: u128) -> Numeric {
    Numeric::new(U128_ID, 128, &[v as u64, (v >> 64) as u64, 0, 0])
}

/// The packed plaintext bits of a u64 literal.
fn u64_literal(v: u64) -> Numeric {
    Numeric::new(U64_ID, 64, &[v, 0, 0, 0])
}

/// The SHA3-256 digest of the plaintext bits of a field literal.
fn field_digest(f: &Field) -> [u8; 32] {
    field_literal(f).sha3()
}

/// The SHA3-256 digest of the plaintext bits of a u128 literal.
fn u128_digest(v: u128) -> [u8; 32] {
    u128_literal(v).sha3()
}

/// The SHA3-256 digest of the plaintext bits of a u64 literal.
fn u64_digest(v: u64) -> [u8; 32] {
    u64_literal(v).sha3()
}

/// The canonical limbs of `encodeToF(s)`.
fn string_limbs(s: &str) -> [u64; 4] {
    let bytes = s.as_bytes();
    if bytes.len() < 32 {
        // Below 2^248 < p: the little-endian integer is already reduced.
        let mut buf = [0u8; 32];
        buf[..bytes.len()].copy_from_slice(bytes);
        let mut limbs = [0u64; 4];
        for (limb, chunk) in limbs.iter_mut().zip(buf.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            *limb = u64::from_le_bytes(word);
        }
        limbs
    } else {
        (*encode_to_f(s)).to_bigint().0
    }
}

/// The packed plaintext bits of `encodeToF(s)` as a field literal.
fn string_literal(s: &str) -> Numeric {
    Numeric::new(FIELD_ID, FIELD_BITS, &string_limbs(s))
}

/// The SHA3-256 digest of the plaintext bits of `encodeToF(s)` as a field literal.
fn string_digest(s: &str) -> [u8; 32] {
    string_literal(s).sha3()
}

/// BHP256-to-group of one digest, low 64 bits of x (one field inversion).
fn finish(tables: Tables, digest: &[u8; 32]) -> u64 {
    tables
        .get(1)
        .and_then(|t| t.low64(digest))
        .unwrap_or_else(|| bhp::reference_low64(digest))
}

/// BHP256-to-group of many digests, one field inversion per batch; returns how
/// many of them the eight-lane IFMA kernel summed.
fn finish_batch(
    simd: Simd,
    tables: Option<&FixedBhp>,
    digests: &[[u8; 32]],
    out: &mut Vec<u64>,
) -> usize {
    let start = out.len();
    match tables.and_then(|t| t.low64_batch(simd, digests, out)) {
        Some(lanes) => lanes,
        None => {
            out.truncate(start);
            out.extend(digests.iter().map(bhp::reference_low64));
            0
        }
    }
}

/// Packs each input's literal with `literal`, hashes the packed bits with SHA3-256
/// (eight at a time where the CPU allows), then finishes the digests in batches
/// (in parallel on the current rayon pool when there are many); also returns how
/// many the IFMA kernel summed.
fn batch<T: Sync>(
    simd: Simd,
    tables: Tables,
    inputs: &[T],
    literal: impl Fn(&T) -> Numeric + Sync,
) -> (Vec<u64>, usize) {
    // Chosen once for the whole batch, before it is split.
    let tables = tables.get(inputs.len());
    let keccak = match simd {
        Simd::Auto => MultiBuffer::Auto,
        Simd::Off => MultiBuffer::Off,
    };
    let serial = |chunk: &[T], out: &mut Vec<u64>| {
        let literals: Vec<Numeric> = chunk.iter().map(&literal).collect();
        let digests = sha3_numeric_each(keccak, &literals);
        finish_batch(simd, tables, &digests, out)
    };
    #[cfg(feature = "parallel")]
    if inputs.len() >= PARALLEL_MIN {
        return parallel_batch(inputs, serial);
    }
    let mut out = Vec::with_capacity(inputs.len());
    let lanes = serial(inputs, &mut out);
    (out, lanes)
}

/// `batch` over the rayon pool, `BATCH_CHUNK` inputs per task.
#[cfg(feature = "parallel")]
fn parallel_batch<T: Sync>(
    inputs: &[T],
    serial: impl Fn(&[T], &mut Vec<u64>) -> usize + Sync,
) -> (Vec<u64>, usize) {
    let chunks: Vec<(Vec<u64>, usize)> = inputs
        .par_chunks(BATCH_CHUNK)
        .map(|chunk| {
            let mut out = Vec::with_capacity(chunk.len());
            let lanes = serial(chunk, &mut out);
            (out, lanes)
        })
        .collect();
    let lanes = chunks.iter().map(|(_, l)| l).sum();
    let mut out = Vec::with_capacity(inputs.len());
    for (chunk, _) in chunks {
        out.extend(chunk);
    }
    (out, lanes)
}

/// `hash.sha3_256 x into y as u64` for any literal (same value as [`crate::reference::hash_to_u64`]).
///
/// `field`, `u64` and `u128` literals are packed directly; other types take
/// their plaintext bits from snarkVM, then SHA3 and BHP256 run here.
pub fn hash_to_u64(tables: Tables, literal: &Literal<Aleo>) -> Result<u64, AleoError> {
    let digest = match literal {
        Literal::Field(f) => field_digest(f),
        Literal::U64(v) => u64_digest(**v),
        Literal::U128(v) => u128_digest(**v),
        other => sha3_bits(&Plaintext::from(other.clone()).to_bits_le()),
    };
    Ok(finish(tables, &digest))
}

/// `hash.sha3_256 x into y as u64` for a field literal x.
pub fn hash_field(tables: Tables, f: &Field) -> u64 {
    finish(tables, &field_digest(f))
}

/// `hash.sha3_256 x into y as u64` for a u128 literal x.
pub fn hash_u128(tables: Tables, v: u128) -> u64 {
    finish(tables, &u128_digest(v))
}

/// `hash.sha3_256 x into y as u64` for a u64 literal x.
pub fn hash_u64(tables: Tables, v: u64) -> u64 {
    finish(tables, &u64_digest(v))
}

/// hashField(encodeToF(s)).
pub fn hash_string(tables: Tables, s: &str) -> u64 {
    finish(tables, &string_digest(s))
}

/// hashMerge(a, b) = hash_u128(min * (2^64+1) + max) (see [`crate::hash_merge`]).
pub fn hash_merge(tables: Tables, a: u64, b: u64) -> u64 {
    hash_u128(tables, merge_operand_wrapping(a, b))
}

/// [`hash_field`] of every element, in order.
pub fn hash_field_batch(simd: Simd, tables: Tables, fields: &[Field]) -> Vec<u64> {
    hash_field_batch_lanes(simd, tables, fields).0
}

/// [`hash_field_batch`], also returning how many of the hashes the eight-lane
/// AVX-512 IFMA kernel summed (0 under [`Simd::Off`] or without the CPU feature),
/// so a test can tell which code ran.
pub(crate) fn hash_field_batch_lanes(
    simd: Simd,
    tables: Tables,
    fields: &[Field],
) -> (Vec<u64>, usize) {
    batch(simd, tables, fields, field_literal)
}

/// [`hash_u128`] of every element, in order.
pub fn hash_u128_batch(simd: Simd, tables: Tables, values: &[u128]) -> Vec<u64> {
    batch(simd, tables, values, |v| u128_literal(*v)).0
}

/// [`hash_u64`] of every element, in order.
pub fn hash_u64_batch(simd: Simd, tables: Tables, values: &[u64]) -> Vec<u64> {
    batch(simd, tables, values, |v| u64_literal(*v)).0
}

/// [`hash_string`] of every element, in order.
pub fn hash_string_batch<S: AsRef<str> + Sync>(
    simd: Simd,
    tables: Tables,
    strings: &[S],
) -> Vec<u64> {
    batch(simd, tables, strings, |s| string_literal(s.as_ref())).0
}

/// [`hash_merge`] of every pair, in order.
pub fn hash_merge_batch(simd: Simd, tables: Tables, pairs: &[(u64, u64)]) -> Vec<u64> {
    batch(simd, tables, pairs, |&(a, b)| {
        u128_literal(merge_operand_wrapping(a, b))
    })
    .0
}
