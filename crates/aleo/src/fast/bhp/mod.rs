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
//! [`tables`] are the widest BHP256 tables for 256-bit digests, [`tables_for`]
//! the width that repays a given amount of work. [`fixed`] builds and keeps
//! tables for other (size, length) pairs (up to sixteen), such as BHP1024 over a tagged field
//! element and BHP512 over a tagged pair, which snarkVM's Merkle trees hash.
//!
//! Files: `memory` (where table points live), `pinned` (BHP256's bases and
//! known answers as data), `registry` (which sets exist and which width to use),
//! `build` (making and checking a set), `sum` (adding up one input's entries).

mod build;
mod memory;
mod pinned;
mod registry;
mod sum;

use snarkvm_console::prelude::Environment;

use super::ifma;
use crate::Aleo;
use memory::Memory;

pub(crate) use build::reference_low64;
#[cfg(test)]
pub(crate) use registry::digest_tables;
pub(crate) use registry::{built_digest_tables, fixed, tables, tables_for};

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
/// Bytes from one stored point of the IFMA form to the next: its 120 bytes padded
/// to two whole cache lines. Lookups into the widest tables mostly miss the
/// caches, and an unpadded point spans three lines seven times out of eight.
const WIDE_POINT_STRIDE: usize = 128;

/// Bytes per stored point: three field elements of four 64-bit limbs.
const POINT_BYTES: usize = 96;
