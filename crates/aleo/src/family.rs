//! The Aleo hash family as tree backends and as `hash.*` instructions.
//!
//! - [`Poseidon`]: Poseidon with rate 2, 4 or 8 (`Aleo::hash_psd2/4/8`) over field
//!   elements (on the fast path, the sparse partial-round form of
//!   [`crate::fast::poseidon`]); one node hashes its children as one sponge input, so any arity
//!   from 2 to 16 works with any rate.
//! - [`Bhp`]: BHP256/512/768/1024 over the children's 253-bit little-endian bits
//!   (on the fast path, runs whose input fits one BHP iteration are summed
//!   from fixed-length tables over snarkVM's bases; see [`crate::fast`]).
//! - [`Pedersen`]: Pedersen64/128 over at most 64 or 128 bits, a leaf hash only
//!   (two field digests never fit its input).
//! - [`hash_instruction`]: every `hash.*` / `hash.*.raw` instruction with a `u64` or
//!   `field` destination, computed as snarkVM's `do_hash!` computes it.
//! - Field encoders: [`EncodeToF`], the injective [`PackedBytes`], and
//!   [`PlaintextFields`] (a literal's `to_fields()`).
//!
//! With [`DomainTags::Tagged`], leaves and nodes are separated the way snarkVM's
//! own Merkle trees separate them: Poseidon prepends `0field` to a leaf and
//! `1field` to a node; BHP prepends the bit `false` to a leaf and `true` to a node.

use std::fmt;
use std::str::FromStr;

use merklab_core::{Compression, DomainTags, Encoder, LeafHash};
use snarkvm_console::network::Network;
use snarkvm_console::prelude::{
    FromBits, One, SizeInDataBits, ToBits, ToFields, ToFieldsRaw, Zero,
};
use snarkvm_console::program::ToBitsRaw;
use snarkvm_console::program::{Literal, LiteralType, Plaintext};

use crate::fast::PackedBits;
use crate::{encode_to_f, snarkvm_error, Aleo, AleoError, Config, Field, FieldDigest, HashPath};

/// Bits in a field element's canonical little-endian encoding.
pub const FIELD_BITS: usize = 253;

/// Poseidon's rate: how many field elements one permutation absorbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoseidonRate {
    /// `hash.psd2` (state width 3).
    Psd2,
    /// `hash.psd4` (state width 5).
    Psd4,
    /// `hash.psd8` (state width 9).
    Psd8,
}

impl PoseidonRate {
    /// The rate as a number.
    pub const fn rate(self) -> usize {
        match self {
            Self::Psd2 => 2,
            Self::Psd4 => 4,
            Self::Psd8 => 8,
        }
    }
}

/// Poseidon with the given rate over field elements (`Aleo::hash_psd*`).
///
/// On [`HashPath::Auto`]; [`poseidon_hash_on`] chooses [`crate::fast::poseidon::hash`]
/// or [`crate::reference::poseidon_hash`], which return the same value.
pub fn poseidon_hash(rate: PoseidonRate, input: &[Field]) -> Result<Field, AleoError> {
    poseidon_hash_on(HashPath::Auto, rate, input)
}

/// [`poseidon_hash`] computed on `path` (the same value on every path).
pub fn poseidon_hash_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
) -> Result<Field, AleoError> {
    match path {
        HashPath::Fast | HashPath::Auto => crate::fast::poseidon::hash(rate, input),
        HashPath::Reference => crate::reference::poseidon_hash(rate, input),
    }
}

/// Poseidon with the given rate, squeezing `num_outputs` elements (`Aleo::hash_many_psd*`);
/// on [`HashPath::Auto`].
pub fn poseidon_hash_many(rate: PoseidonRate, input: &[Field], num_outputs: u16) -> Vec<Field> {
    poseidon_hash_many_on(HashPath::Auto, rate, input, num_outputs)
}

/// [`poseidon_hash_many`] computed on `path` (the same value on every path).
pub fn poseidon_hash_many_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
    num_outputs: u16,
) -> Vec<Field> {
    match path {
        HashPath::Fast | HashPath::Auto => {
            crate::fast::poseidon::hash_many(rate, input, num_outputs)
        }
        HashPath::Reference => crate::reference::poseidon_hash_many(rate, input, num_outputs),
    }
}

/// Poseidon hash-to-group with the given rate (`Aleo::hash_to_group_psd*`; empty input
/// is an error); on [`HashPath::Auto`].
pub fn poseidon_hash_to_group(
    rate: PoseidonRate,
    input: &[Field],
) -> Result<snarkvm_console::types::Group<Aleo>, AleoError> {
    poseidon_hash_to_group_on(HashPath::Auto, rate, input)
}

/// [`poseidon_hash_to_group`] computed on `path` (the same value on every path).
pub fn poseidon_hash_to_group_on(
    path: HashPath,
    rate: PoseidonRate,
    input: &[Field],
) -> Result<snarkvm_console::types::Group<Aleo>, AleoError> {
    match path {
        HashPath::Fast | HashPath::Auto => crate::fast::poseidon::hash_to_group(rate, input),
        HashPath::Reference => crate::reference::poseidon_hash_to_group(rate, input),
    }
}

/// BHP's input chunk size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BhpSize {
    /// `hash.bhp256`.
    Bhp256,
    /// `hash.bhp512`.
    Bhp512,
    /// `hash.bhp768`.
    Bhp768,
    /// `hash.bhp1024`.
    Bhp1024,
}

/// BHP over bits, returning the x-coordinate of the hashed group point (`Aleo::hash_bhp*`).
pub fn bhp_hash(size: BhpSize, bits: &[bool]) -> Result<Field, AleoError> {
    match size {
        BhpSize::Bhp256 => Aleo::hash_bhp256(bits),
        BhpSize::Bhp512 => Aleo::hash_bhp512(bits),
        BhpSize::Bhp768 => Aleo::hash_bhp768(bits),
        BhpSize::Bhp1024 => Aleo::hash_bhp1024(bits),
    }
    .map_err(snarkvm_error)
}

/// Pedersen's maximum input size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PedersenSize {
    /// `hash.ped64`: at most 64 input bits.
    Ped64,
    /// `hash.ped128`: at most 128 input bits.
    Ped128,
}

impl PedersenSize {
    /// The most input bits this Pedersen accepts.
    pub const fn max_bits(self) -> usize {
        match self {
            Self::Ped64 => 64,
            Self::Ped128 => 128,
        }
    }
}

/// Pedersen over at most 64 or 128 bits (`Aleo::hash_ped*`); longer input is an error.
pub fn pedersen_hash(size: PedersenSize, bits: &[bool]) -> Result<Field, AleoError> {
    match size {
        PedersenSize::Ped64 => Aleo::hash_ped64(bits),
        PedersenSize::Ped128 => Aleo::hash_ped128(bits),
    }
    .map_err(snarkvm_error)
}

/// The field hashes that can compress field digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldHashName {
    /// Poseidon, rate 2.
    Psd2,
    /// Poseidon, rate 4.
    Psd4,
    /// Poseidon, rate 8.
    Psd8,
    /// BHP256.
    Bhp256,
    /// BHP512.
    Bhp512,
    /// BHP768.
    Bhp768,
    /// BHP1024.
    Bhp1024,
}

impl FieldHashName {
    /// Every field hash, Poseidon first.
    pub const ALL: [Self; 7] = [
        Self::Psd2,
        Self::Psd4,
        Self::Psd8,
        Self::Bhp256,
        Self::Bhp512,
        Self::Bhp768,
        Self::Bhp1024,
    ];

    /// The command-line name (`poseidon2`, `bhp256`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Psd2 => "poseidon2",
            Self::Psd4 => "poseidon4",
            Self::Psd8 => "poseidon8",
            Self::Bhp256 => "bhp256",
            Self::Bhp512 => "bhp512",
            Self::Bhp768 => "bhp768",
            Self::Bhp1024 => "bhp1024",
        }
    }

    /// The compression this name stands for.
    pub const fn compression(self, tags: DomainTags) -> FieldCompression {
        match self {
            Self::Psd2 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd2, tags)),
            Self::Psd4 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd4, tags)),
            Self::Psd8 => FieldCompression::Poseidon(Poseidon::new(PoseidonRate::Psd8, tags)),
            Self::Bhp256 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp256, tags)),
            Self::Bhp512 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp512, tags)),
            Self::Bhp768 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp768, tags)),
            Self::Bhp1024 => FieldCompression::Bhp(Bhp::new(BhpSize::Bhp1024, tags)),
        }
    }
}

impl fmt::Display for FieldHashName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A word that names no field hash.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("unknown field hash '{0}' (expected poseidon2, poseidon4, poseidon8, bhp256, bhp512, bhp768 or bhp1024)")]
pub struct UnknownFieldHash(pub String);

impl FromStr for FieldHashName {
    type Err = UnknownFieldHash;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|h| h.name() == s || h.name().replace("poseidon", "psd") == s)
            .ok_or_else(|| UnknownFieldHash(s.to_string()))
    }
}

/// Poseidon as a leaf hash over field elements and a compression of any arity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Poseidon {
    /// The sponge rate.
    pub rate: PoseidonRate,
    /// Whether leaves and nodes get distinct `0field` / `1field` prefixes.
    pub tags: DomainTags,
    /// Reference or fast implementation.
    pub config: Config,
}

impl Poseidon {
    /// Poseidon with this rate and tag mode, on [`Config::DEFAULT`].
    pub const fn new(rate: PoseidonRate, tags: DomainTags) -> Self {
        Self {
            rate,
            tags,
            config: Config::DEFAULT,
        }
    }

    /// The same hash computed with `config` (same values).
    pub const fn with_config(self, config: Config) -> Self {
        Self { config, ..self }
    }

    /// Hashes `input`, prefixed by `tag` when tags are on.
    fn hash_tagged(&self, tag: Field, input: &[Field]) -> Field {
        let mut buf = Vec::with_capacity(input.len() + 1);
        if self.tags == DomainTags::Tagged {
            buf.push(tag);
        }
        buf.extend_from_slice(input);
        // Poseidon's sponge takes any number of field elements (tree inputs are
        // far below snarkVM's limits): an error here is a snarkVM defect.
        match poseidon_hash_on(self.config.path, self.rate, &buf) {
            Ok(f) => f,
            Err(e) => unreachable!("Poseidon over {} field elements failed: {e}", buf.len()),
        }
    }
}

impl LeafHash for Poseidon {
    type Input = [Field];
    type Digest = FieldDigest;
    fn hash_leaf(&self, input: &[Field]) -> FieldDigest {
        FieldDigest(self.hash_tagged(Field::zero(), input))
    }
}

impl<const K: usize> Compression<K> for Poseidon {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        Compression::<K>::compress_short_group(self, children)
    }

    /// The same hash over the group's 2 to `K - 1` children.
    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        let fields: Vec<Field> = children.iter().map(|d| d.0).collect();
        FieldDigest(self.hash_tagged(Field::one(), &fields))
    }
}

/// BHP as a leaf hash over bits and a compression of any arity over the
/// children's 253-bit encodings, concatenated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bhp {
    /// The chunk size.
    pub size: BhpSize,
    /// Whether leaves and nodes get distinct `false` / `true` prefix bits.
    pub tags: DomainTags,
    /// Reference or fast implementation, and whether batches use AVX-512 IFMA.
    pub config: Config,
}

impl Bhp {
    /// BHP with this size and tag mode, on [`Config::DEFAULT`].
    pub const fn new(size: BhpSize, tags: DomainTags) -> Self {
        Self {
            size,
            tags,
            config: Config::DEFAULT,
        }
    }

    /// The same hash computed with `config` (same values).
    pub const fn with_config(self, config: Config) -> Self {
        Self { config, ..self }
    }

    /// BHP of `bits`, with a leading tag bit when tags are on.
    pub fn hash_bits(&self, tag: bool, bits: &[bool]) -> Result<Field, AleoError> {
        let mut out = [FieldDigest(Field::zero())];
        x_coordinates(vec![self.hash_group(tag, bits)?], &mut out);
        Ok(out[0].0)
    }

    /// BHP-to-group of `bits` (with the tag bit when tags are on), before the
    /// affine normalization that [`Bhp::hash_bits`] ends with.
    fn hash_group(&self, tag: bool, bits: &[bool]) -> Result<Projective, AleoError> {
        let group = |bits: &[bool]| match self.size {
            BhpSize::Bhp256 => Aleo::hash_to_group_bhp256(bits),
            BhpSize::Bhp512 => Aleo::hash_to_group_bhp512(bits),
            BhpSize::Bhp768 => Aleo::hash_to_group_bhp768(bits),
            BhpSize::Bhp1024 => Aleo::hash_to_group_bhp1024(bits),
        };
        let point = if self.tags == DomainTags::Tagged {
            let mut buf = Vec::with_capacity(bits.len() + 1);
            buf.push(tag);
            buf.extend_from_slice(bits);
            group(&buf)
        } else {
            group(bits)
        };
        point.map(|g| *g).map_err(snarkvm_error)
    }

    /// A leaf's point: input shorter than BHP's minimum (a few bits) hashes as if
    /// padded with zero bits to a field's width, and a tagged leaf never is.
    fn leaf_group(&self, input: &[bool]) -> Projective {
        match self.hash_group(false, input) {
            Ok(p) => p,
            Err(_) => {
                let mut padded = input.to_vec();
                padded.resize(FIELD_BITS, false);
                match self.hash_group(false, &padded) {
                    Ok(p) => p,
                    Err(e) => unreachable!("BHP over {FIELD_BITS} bits failed: {e}"),
                }
            }
        }
    }

    /// The tag bit that precedes every input when tags are on.
    fn tagged(&self, tag: bool) -> Option<PackedBits> {
        let mut bits = PackedBits::new();
        if self.tags == DomainTags::Tagged {
            bits.push_bits(u64::from(tag), 1)?;
        }
        Some(bits)
    }

    /// Leaves through the fast path's fixed-length tables, if it is on and serves
    /// their (common) length.
    fn fast_leaves(&self, inputs: &[&[bool]]) -> Option<Vec<Field>> {
        if !self.config.path.is_fast() {
            return None;
        }
        let packed = inputs
            .iter()
            .map(|input| {
                let mut bits = self.tagged(false)?;
                for chunk in input.chunks(64) {
                    let word = chunk
                        .iter()
                        .enumerate()
                        .fold(0u64, |w, (i, b)| w | u64::from(*b) << i);
                    bits.push_bits(word, chunk.len())?;
                }
                Some(bits)
            })
            .collect::<Option<Vec<_>>>()?;
        crate::fast::bhp_x_batch(self.size, self.config.simd, &packed)
    }

    /// Nodes of `K` children each through the fast path's fixed-length tables.
    fn fast_nodes<const K: usize>(
        &self,
        children: &[FieldDigest],
        count: usize,
    ) -> Option<Vec<Field>> {
        if !self.config.path.is_fast() || children.len() < K * count {
            return None;
        }
        let packed = children
            .chunks_exact(K)
            .take(count)
            .map(|group| {
                let mut bits = self.tagged(true)?;
                for child in group {
                    bits.push_field(&child.0)?;
                }
                Some(bits)
            })
            .collect::<Option<Vec<_>>>()?;
        crate::fast::bhp_x_batch(self.size, self.config.simd, &packed)
    }

    /// A node's point over its children's bits.
    fn node_group(&self, children: &[FieldDigest]) -> Projective {
        let mut bits = Vec::with_capacity(children.len() * FIELD_BITS);
        for child in children {
            child.0.write_bits_le(&mut bits);
        }
        // Two or more 253-bit children are always long enough for every BHP size.
        match self.hash_group(true, &bits) {
            Ok(p) => p,
            Err(e) => unreachable!("BHP over {} bits failed: {e}", bits.len()),
        }
    }
}

/// A group element of the Aleo curve, in snarkVM's extended coordinates.
type Projective = <Aleo as snarkvm_console::prelude::Environment>::Projective;

/// The x-coordinates of `points` (BHP's output), with one field inversion for all
/// of them (Montgomery's trick, in snarkVM's `batch_normalization`).
fn x_coordinates(mut points: Vec<Projective>, out: &mut [FieldDigest]) {
    use snarkvm_console::prelude::ProjectiveCurve;
    Projective::batch_normalization(&mut points);
    // Normalized points have Z = 1, so X is the affine x-coordinate.
    for (slot, p) in out.iter_mut().zip(points) {
        *slot = FieldDigest(Field::new(p.x));
    }
}

/// Field elements into digest slots, in order.
fn write_fields(xs: Vec<Field>, out: &mut [FieldDigest]) {
    for (slot, x) in out.iter_mut().zip(xs) {
        *slot = FieldDigest(x);
    }
}

impl LeafHash for Bhp {
    type Input = [bool];
    type Digest = FieldDigest;
    /// BHP rejects input shorter than its minimum (a few bits); such a leaf hashes
    /// as if padded with zero bits to that minimum, and a tagged leaf never is.
    /// Through the tables of [`LeafHash::hash_leaf_batch`] once a batch has built them.
    fn hash_leaf(&self, input: &[bool]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        self.hash_leaf_batch(&[input], &mut out);
        out[0]
    }

    /// On the fast path, runs of one length go through tables built from
    /// snarkVM's bases (the same values, about twice as fast, eight at a time with
    /// AVX-512 IFMA where the CPU has it).
    fn hash_leaf_batch(&self, inputs: &[&[bool]], out: &mut [FieldDigest]) {
        match self.fast_leaves(inputs) {
            Some(xs) => write_fields(xs, out),
            None => x_coordinates(inputs.iter().map(|i| self.leaf_group(i)).collect(), out),
        }
    }
}

impl<const K: usize> Compression<K> for Bhp {
    type Digest = FieldDigest;
    /// Through the tables of [`Compression::compress_batch`] once a batch has built them.
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        Compression::<K>::compress_batch(self, children, &mut out);
        out[0]
    }

    /// The same hash over the group's 2 to `K - 1` children (no table has that length).
    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        let mut out = [FieldDigest(Field::zero())];
        x_coordinates(vec![self.node_group(children)], &mut out);
        out[0]
    }

    /// The run's points first, then one inversion for all of them; on
    /// the fast path the points come from the fixed-length tables, as for leaves.
    fn compress_batch(&self, children: &[FieldDigest], out: &mut [FieldDigest]) {
        if let Some(xs) = self.fast_nodes::<K>(children, out.len()) {
            return write_fields(xs, out);
        }
        let points = children
            .chunks_exact(K)
            .take(out.len())
            .map(|group| self.node_group(group))
            .collect();
        x_coordinates(points, out);
    }
}

/// Pedersen as a leaf hash over u64 values (their 64 little-endian bits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pedersen(pub PedersenSize);

impl LeafHash for Pedersen {
    type Input = u64;
    type Digest = FieldDigest;
    fn hash_leaf(&self, input: &u64) -> FieldDigest {
        let bits: Vec<bool> = (0..64).map(|i| (input >> i) & 1 == 1).collect();
        // 64 bits fit both Pedersen sizes.
        match pedersen_hash(self.0, &bits) {
            Ok(f) => FieldDigest(f),
            Err(e) => unreachable!("Pedersen over 64 bits failed: {e}"),
        }
    }
}

/// One of the field compressions, chosen at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldCompression {
    /// Poseidon with some rate.
    Poseidon(Poseidon),
    /// BHP with some size.
    Bhp(Bhp),
}

impl<const K: usize> Compression<K> for FieldCompression {
    type Digest = FieldDigest;
    fn compress(&self, children: &[FieldDigest; K]) -> FieldDigest {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress(p, children),
            Self::Bhp(b) => Compression::<K>::compress(b, children),
        }
    }

    fn compress_short_group(&self, children: &[FieldDigest]) -> FieldDigest {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress_short_group(p, children),
            Self::Bhp(b) => Compression::<K>::compress_short_group(b, children),
        }
    }

    /// The chosen compression's own batch form (BHP's fixed-length tables).
    fn compress_batch(&self, children: &[FieldDigest], out: &mut [FieldDigest]) {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress_batch(p, children, out),
            Self::Bhp(b) => Compression::<K>::compress_batch(b, children, out),
        }
    }
}

/// The hash of a `hash.*` instruction (snarkVM's variants 0 to 14 and their `.raw` forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum HashVariant {
    /// `hash.bhp256`.
    Bhp256,
    /// `hash.bhp512`.
    Bhp512,
    /// `hash.bhp768`.
    Bhp768,
    /// `hash.bhp1024`.
    Bhp1024,
    /// `hash.keccak256`: Keccak-256, then BHP256 to a group point.
    Keccak256,
    /// `hash.keccak384`: Keccak-384, then BHP512 to a group point.
    Keccak384,
    /// `hash.keccak512`: Keccak-512, then BHP512 to a group point.
    Keccak512,
    /// `hash.ped64`.
    Ped64,
    /// `hash.ped128`.
    Ped128,
    /// `hash.psd2`.
    Psd2,
    /// `hash.psd4`.
    Psd4,
    /// `hash.psd8`.
    Psd8,
    /// `hash.sha3_256`: SHA3-256, then BHP256 to a group point.
    Sha3_256,
    /// `hash.sha3_384`: SHA3-384, then BHP512 to a group point.
    Sha3_384,
    /// `hash.sha3_512`: SHA3-512, then BHP512 to a group point.
    Sha3_512,
}

impl HashVariant {
    /// Every variant, in snarkVM's order.
    pub const ALL: [Self; 15] = [
        Self::Bhp256,
        Self::Bhp512,
        Self::Bhp768,
        Self::Bhp1024,
        Self::Keccak256,
        Self::Keccak384,
        Self::Keccak512,
        Self::Ped64,
        Self::Ped128,
        Self::Psd2,
        Self::Psd4,
        Self::Psd8,
        Self::Sha3_256,
        Self::Sha3_384,
        Self::Sha3_512,
    ];

    /// The opcode without `.raw` (`hash.bhp256`).
    pub const fn opcode(self) -> &'static str {
        match self {
            Self::Bhp256 => "hash.bhp256",
            Self::Bhp512 => "hash.bhp512",
            Self::Bhp768 => "hash.bhp768",
            Self::Bhp1024 => "hash.bhp1024",
            Self::Keccak256 => "hash.keccak256",
            Self::Keccak384 => "hash.keccak384",
            Self::Keccak512 => "hash.keccak512",
            Self::Ped64 => "hash.ped64",
            Self::Ped128 => "hash.ped128",
            Self::Psd2 => "hash.psd2",
            Self::Psd4 => "hash.psd4",
            Self::Psd8 => "hash.psd8",
            Self::Sha3_256 => "hash.sha3_256",
            Self::Sha3_384 => "hash.sha3_384",
            Self::Sha3_512 => "hash.sha3_512",
        }
    }

    /// Whether the hash reads field elements (Poseidon) rather than bits.
    pub const fn takes_fields(self) -> bool {
        matches!(self, Self::Psd2 | Self::Psd4 | Self::Psd8)
    }
}

/// Where a `hash.*` instruction writes: the `as` type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashDestination {
    /// `as u64`: the low 64 bits of the field (or of the point's x-coordinate).
    U64,
    /// `as field`: the field (or the point's x-coordinate).
    Field,
}

impl HashDestination {
    fn literal_type(self) -> LiteralType {
        match self {
            Self::U64 => LiteralType::U64,
            Self::Field => LiteralType::Field,
        }
    }
}

/// One `hash.*` instruction: the hash, whether it is the `.raw` form, and its destination.
///
/// Parses from text such as `hash.sha3_256 as u64` or `hash.bhp256.raw as field`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HashOpcode {
    /// The hash.
    pub variant: HashVariant,
    /// `.raw`: the literal's bits (or fields) without the plaintext header.
    pub raw: bool,
    /// The destination type.
    pub destination: HashDestination,
}

impl HashOpcode {
    /// Every instruction with a `u64` or `field` destination (60 of them).
    pub fn all() -> Vec<Self> {
        let mut out = Vec::new();
        for variant in HashVariant::ALL {
            for raw in [false, true] {
                for destination in [HashDestination::U64, HashDestination::Field] {
                    out.push(Self {
                        variant,
                        raw,
                        destination,
                    });
                }
            }
        }
        out
    }
}

impl fmt::Display for HashOpcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let raw = if self.raw { ".raw" } else { "" };
        let dest = match self.destination {
            HashDestination::U64 => "u64",
            HashDestination::Field => "field",
        };
        write!(f, "{}{raw} as {dest}", self.variant.opcode())
    }
}

impl FromStr for HashOpcode {
    type Err = AleoError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || AleoError::InvalidLiteral {
            expected: "hash opcode",
            given: s.to_string(),
        };
        let mut words = s.split_whitespace();
        let (op, as_word, dest) = (words.next(), words.next(), words.next());
        if words.next().is_some() || as_word != Some("as") {
            return Err(bad());
        }
        let destination = match dest {
            Some("u64") => HashDestination::U64,
            Some("field") => HashDestination::Field,
            _ => return Err(bad()),
        };
        let op = op.ok_or_else(bad)?;
        let (base, raw) = match op.strip_suffix(".raw") {
            Some(base) => (base, true),
            None => (op, false),
        };
        let variant = HashVariant::ALL
            .into_iter()
            .find(|v| v.opcode() == base)
            .ok_or_else(bad)?;
        Ok(Self {
            variant,
            raw,
            destination,
        })
    }
}

/// Evaluates one `hash.*` instruction on a literal, bit-exact with snarkVM's `do_hash!`.
///
/// The input is `Plaintext::Literal(input)`: its `to_bits_le()` (two variant bits,
/// type id, size, value) or `to_fields()` (those bits, a terminating 1, 252-bit
/// chunks); the `.raw` forms use the value's bits alone (`to_bits_raw_le()`,
/// `to_fields_raw()`), and SHA3/Keccak `.raw` require a whole number of bytes.
/// Bit hashes go to a group point (SHA3/Keccak through BHP256 or BHP512 first);
/// the result is cast lossily to the destination: a point's x-coordinate, then
/// its low 64 bits for `u64`.
pub fn hash_instruction(
    opcode: &HashOpcode,
    input: &Literal<Aleo>,
) -> Result<Literal<Aleo>, AleoError> {
    hash_instruction_on(HashPath::Auto, opcode, input)
}

/// [`hash_instruction`] with Poseidon computed on `path` (same values).
pub fn hash_instruction_on(
    path: HashPath,
    opcode: &HashOpcode,
    input: &Literal<Aleo>,
) -> Result<Literal<Aleo>, AleoError> {
    use HashVariant as V;
    let plaintext = Plaintext::from(input.clone());
    let bits = || -> Result<Vec<bool>, AleoError> {
        if opcode.raw {
            let bits = plaintext.to_bits_raw_le();
            let byte_hash = matches!(
                opcode.variant,
                V::Keccak256
                    | V::Keccak384
                    | V::Keccak512
                    | V::Sha3_256
                    | V::Sha3_384
                    | V::Sha3_512
            );
            if byte_hash && bits.len() % 8 != 0 {
                return Err(AleoError::SnarkVm(format!(
                    "the opcode '{}.raw' expects input whose size in bits is a multiple of 8",
                    opcode.variant.opcode()
                )));
            }
            Ok(bits)
        } else {
            Ok(plaintext.to_bits_le())
        }
    };
    let fields = || -> Result<Vec<Field>, AleoError> {
        if opcode.raw {
            plaintext.to_fields_raw()
        } else {
            plaintext.to_fields()
        }
        .map_err(snarkvm_error)
    };
    let e = snarkvm_error;
    let output: Literal<Aleo> = match opcode.variant {
        V::Bhp256 => Aleo::hash_to_group_bhp256(&bits()?).map_err(e)?.into(),
        V::Bhp512 => Aleo::hash_to_group_bhp512(&bits()?).map_err(e)?.into(),
        V::Bhp768 => Aleo::hash_to_group_bhp768(&bits()?).map_err(e)?.into(),
        V::Bhp1024 => Aleo::hash_to_group_bhp1024(&bits()?).map_err(e)?.into(),
        V::Keccak256 => Aleo::hash_to_group_bhp256(&Aleo::hash_keccak256(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Keccak384 => Aleo::hash_to_group_bhp512(&Aleo::hash_keccak384(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Keccak512 => Aleo::hash_to_group_bhp512(&Aleo::hash_keccak512(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Ped64 => Aleo::hash_to_group_ped64(&bits()?).map_err(e)?.into(),
        V::Ped128 => Aleo::hash_to_group_ped128(&bits()?).map_err(e)?.into(),
        V::Psd2 => poseidon_hash_on(path, PoseidonRate::Psd2, &fields()?)?.into(),
        V::Psd4 => poseidon_hash_on(path, PoseidonRate::Psd4, &fields()?)?.into(),
        V::Psd8 => poseidon_hash_on(path, PoseidonRate::Psd8, &fields()?)?.into(),
        V::Sha3_256 => Aleo::hash_to_group_bhp256(&Aleo::hash_sha3_256(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Sha3_384 => Aleo::hash_to_group_bhp512(&Aleo::hash_sha3_384(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
        V::Sha3_512 => Aleo::hash_to_group_bhp512(&Aleo::hash_sha3_512(&bits()?).map_err(e)?)
            .map_err(e)?
            .into(),
    };
    output
        .cast_lossy(opcode.destination.literal_type())
        .map_err(e)
}

/// Aleo's `encodeToF` as an [`Encoder`]: UTF-8 bytes, little-endian, mod p (not injective).
#[derive(Clone, Copy, Debug, Default)]
pub struct EncodeToF;

impl Encoder<str> for EncodeToF {
    type Output = Field;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &str) -> Result<Field, Self::Error> {
        Ok(encode_to_f(value))
    }
}

/// Bytes packed into field elements without loss: the byte length first (one
/// element), then 31-byte little-endian chunks, each below 2^248 and so never reduced.
///
/// Injective: the length fixes the chunk count and the last chunk's size, and
/// every chunk is its bytes' integer exactly.
#[derive(Clone, Copy, Debug, Default)]
pub struct PackedBytes;

/// Bytes per field element in [`PackedBytes`].
pub const PACKED_CHUNK_BYTES: usize = 31;

impl PackedBytes {
    /// Packs `bytes`: `[len, chunk_0, chunk_1, ...]`.
    pub fn pack(bytes: &[u8]) -> Vec<Field> {
        let mut out = Vec::with_capacity(1 + bytes.len().div_ceil(PACKED_CHUNK_BYTES));
        out.push(Field::from_u128(bytes.len() as u128));
        for chunk in bytes.chunks(PACKED_CHUNK_BYTES) {
            let bits: Vec<bool> = chunk
                .iter()
                .flat_map(|b| (0..8).map(move |i| (b >> i) & 1 == 1))
                .collect();
            // At most 248 bits, below the field's 252 data bits: never fails.
            match Field::from_bits_le(&bits) {
                Ok(f) => out.push(f),
                Err(e) => unreachable!("{} bits did not fit a field element: {e}", bits.len()),
            }
        }
        out
    }
}

impl Encoder<[u8]> for PackedBytes {
    type Output = Vec<Field>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &[u8]) -> Result<Vec<Field>, Self::Error> {
        Ok(Self::pack(value))
    }
}

impl Encoder<str> for PackedBytes {
    type Output = Vec<Field>;
    type Error = std::convert::Infallible;
    fn encode(&self, value: &str) -> Result<Vec<Field>, Self::Error> {
        Ok(Self::pack(value.as_bytes()))
    }
}

/// A literal as snarkVM's `Plaintext::to_fields()` packs it (what `hash.psd*` hashes):
/// its plaintext bits, a terminating 1, in 252-bit little-endian chunks.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlaintextFields;

impl Encoder<Literal<Aleo>> for PlaintextFields {
    type Output = Vec<Field>;
    type Error = AleoError;
    fn encode(&self, value: &Literal<Aleo>) -> Result<Vec<Field>, AleoError> {
        Plaintext::from(value.clone())
            .to_fields()
            .map_err(snarkvm_error)
    }
}

/// Data bits per field element in `to_fields()` packing (252 on Aleo).
pub fn field_data_bits() -> usize {
    Field::size_in_data_bits()
}
