//! # merklab-aleo
//!
//! The Aleo primitives ARC-0102 (zPass) certificates are built from, computed
//! with `snarkvm-console` on [`MainnetV0`](snarkvm_console::network::MainnetV0)
//! so that every value matches what a Leo program computes:
//!
//! - [`encode_to_f`]: the spec's `encodeToF` (UTF-8 bytes, little-endian, mod p);
//! - [`hash_to_u64`], [`hash_field`], [`hash_u128`]: Leo's `SHA3_256::hash_to_u64`,
//!   i.e. `hash.sha3_256 x into y as u64` (SHA3-256 of the literal's plaintext
//!   bits, hashed to a group point with BHP256, low 64 bits of its x-coordinate);
//! - [`hash_merge`] and [`Arc0102Merge`]: the spec's sorted `hashMerge` node hash;
//! - [`literal`]: Aleo literal syntax (`5u64`, `7field`, `[1u64, 0u64]`);
//! - [`account`]: issuer keys and signatures that Leo's `signature::verify` accepts.
//!
//! Every hash exists twice with identical outputs: the reference path calls
//! `snarkvm-console` one value at a time (the oracle), the fast path packs the SHA3
//! input directly and sums BHP256 from wider precomputed tables, with batch
//! functions that share one field inversion. A [`Config`] value (path and SIMD
//! choice) says which one a hash uses; the top-level functions use
//! [`Config::DEFAULT`], and [`Counting`] counts evaluations. Both paths are
//! reached only through a [`Config`], so tests compare them the way callers use them. Configuration is a
//! value rather than a process-wide switch so that one test or benchmark cannot
//! change the path another one is measuring.

// Unsafe code is denied everywhere but the one call into the AVX-512 IFMA sums
// after the CPU check (fast/ifma.rs).
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod account;
mod fast;
mod field_digest;
pub use field_digest::FieldDigest;
pub mod literal;
mod reference;

use std::sync::atomic::{AtomicU64, Ordering};

use merklab_core::Compression;
use snarkvm_console::prelude::Environment;
use snarkvm_console::program::Literal;

/// The Aleo network every value here is computed on.
pub type Aleo = snarkvm_console::network::MainnetV0;

/// An element of Aleo's base field (the `field` type).
pub type Field = snarkvm_console::types::Field<Aleo>;

/// The base field modulus p in decimal.
pub const FIELD_MODULUS_DECIMAL: &str =
    "8444461749428370424248824938781546531375899335154063827935233455917409239041";

/// `hashMerge`'s base, 2^64 + 1: `min * BASE + max` is injective on sorted pairs.
pub const MERGE_BASE: u128 = (1u128 << 64) + 1;

/// Why an Aleo value could not be parsed, encoded, hashed or checked.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AleoError {
    /// The text is not a plain decimal integer.
    #[error("'{0}' is not a decimal integer (digits only, no sign, no leading zero)")]
    InvalidDecimal(String),
    /// The decimal integer is too large for the base field.
    #[error("{0} is not below the field modulus {FIELD_MODULUS_DECIMAL}")]
    FieldOverflow(String),
    /// The text is not a literal of the expected Aleo type.
    #[error("'{given}' is not a valid {expected} literal")]
    InvalidLiteral {
        /// The Aleo type that was expected (`u64`, `field`, `[u64]`).
        expected: &'static str,
        /// The text that was given.
        given: String,
    },
    /// A valid literal written in another form than the one merklab writes.
    #[error("'{given}' is not a canonical {expected} literal: write {canonical}")]
    NonCanonicalLiteral {
        /// The Aleo type that was expected (`u64`).
        expected: &'static str,
        /// The text that was given.
        given: String,
        /// The same value in canonical form.
        canonical: String,
    },
    /// A proof has more siblings than a Leo `[u64; 32]` holds.
    #[error("proof has {0} siblings; a Leo [u64; 32] proof holds at most 32")]
    ProofTooLong(usize),
    /// A sibling is `0u64`, which a Leo verifier reads as the end of the path.
    #[error("sibling {0} is 0u64, which would end the path early in a Leo [u64; 32] proof")]
    ZeroSibling(usize),
    /// The text is not an Aleo private key (the text itself is never echoed).
    #[error("invalid Aleo private key: expected a base58 'APrivateKey1...' string")]
    InvalidPrivateKey,
    /// The text is not an Aleo address.
    #[error("invalid Aleo address '{given}': {reason}")]
    InvalidAddress {
        /// The text that was given.
        given: String,
        /// What snarkVM reported.
        reason: String,
    },
    /// The text is not an Aleo signature.
    #[error("invalid Aleo signature: {0}")]
    InvalidSignature(String),
    /// The operating system's random number generator failed.
    #[error("the OS random number generator failed: {0}")]
    Rng(String),
    /// The name is not a hash path (`fast` or `reference`).
    #[error("unknown hash path '{0}' (expected 'fast' or 'reference')")]
    UnknownHashPath(String),
    /// snarkVM rejected an operation (for example a literal it cannot hash).
    #[error("snarkVM: {0}")]
    SnarkVm(String),
}

/// Which implementation a hash uses: part of its [`Config`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HashPath {
    /// `snarkvm-console`, one value at a time.
    Reference,
    /// Packed SHA3 input, wide BHP256 tables, batched inversions.
    Fast,
    /// The fast path on the tables that are cheapest for the work ahead
    /// ([`Config::work`]): narrow ones, built in about a millisecond, for a few
    /// dozen hashes; the widest once the work amortizes them.
    #[default]
    Auto,
}

impl HashPath {
    /// The name the benchmarks print: `reference`, `fast` or `auto`.
    pub fn name(self) -> &'static str {
        match self {
            HashPath::Reference => "reference",
            HashPath::Fast => "fast",
            HashPath::Auto => "auto",
        }
    }

    /// Whether this path computes through the fast path ([`HashPath::Auto`] does).
    pub fn is_fast(self) -> bool {
        !matches!(self, HashPath::Reference)
    }
}

impl std::str::FromStr for HashPath {
    type Err = AleoError;
    fn from_str(s: &str) -> Result<Self, AleoError> {
        match s {
            "reference" => Ok(HashPath::Reference),
            "fast" => Ok(HashPath::Fast),
            "auto" => Ok(HashPath::Auto),
            other => Err(AleoError::UnknownHashPath(other.to_string())),
        }
    }
}

/// Whether the fast path's batches may use the CPU's vector kernels (AVX-512 IFMA).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Simd {
    /// Use them where the CPU has them.
    #[default]
    Auto,
    /// Scalar code only (same values; for comparing the two).
    Off,
}

/// How a hash computes: its path and its SIMD choice.
///
/// A value, not a process-wide switch, so that a test or benchmark comparing two
/// configurations cannot have another thread change either side under it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Config {
    /// Reference or fast implementation.
    pub path: HashPath,
    /// Vector kernels on the fast path.
    pub simd: Simd,
    /// About how many hashes the caller will compute with this configuration in
    /// this process, if known: [`HashPath::Auto`] builds only tables whose cost
    /// that work repays (a batch always counts at least its own length).
    pub work: Option<u64>,
}

impl Config {
    /// The default: [`HashPath::Auto`] with [`Simd::Auto`].
    pub const DEFAULT: Self = Self::new(HashPath::Auto, Simd::Auto);
    /// snarkVM itself, one value at a time.
    pub const REFERENCE: Self = Self::new(HashPath::Reference, Simd::Auto);
    /// The fast path with SIMD where the CPU has it.
    pub const FAST: Self = Self::new(HashPath::Fast, Simd::Auto);
    /// The fast path, scalar code only.
    pub const SCALAR: Self = Self::new(HashPath::Fast, Simd::Off);

    /// This path and SIMD choice.
    pub const fn new(path: HashPath, simd: Simd) -> Self {
        Self {
            path,
            simd,
            work: None,
        }
    }

    /// The default configuration for a job of about `hashes` hashes, so that
    /// [`HashPath::Auto`] pays for no more tables than the job repays.
    pub const fn for_hashes(hashes: u64) -> Self {
        Self::DEFAULT.with_work(hashes)
    }

    /// This configuration, expecting about `hashes` hashes of work.
    pub const fn with_work(self, hashes: u64) -> Self {
        Self {
            work: Some(hashes),
            ..self
        }
    }

    /// The digest tables this configuration's fast path reads.
    fn tables(&self) -> fast::Tables {
        match self.path {
            HashPath::Auto => fast::Tables::ForWork(self.work.unwrap_or(1), self.simd),
            HashPath::Fast | HashPath::Reference => fast::Tables::Widest,
        }
    }

    /// The default SIMD choice on `path`.
    pub const fn path(path: HashPath) -> Self {
        Self::new(path, Simd::Auto)
    }
}

/// Builds the fast path's BHP256 tables and Poseidon plans now rather than on first
/// use (about 0.1 s), so that a service's first request or a benchmark's first
/// sample does not pay for them. Returns whether all passed their self-check
/// against snarkVM; if one did not, the fast path computes through snarkVM instead.
pub fn warm_up() -> bool {
    fast::warm_up() & fast::poseidon::warm_up()
}

/// One set of BHP256 digest tables a process has built (see [`digest_tables`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestTables {
    /// Digest bits read per table lookup (3 to 15).
    pub lookup_bits: usize,
    /// Bytes of table memory.
    pub bytes: usize,
}

/// The BHP256 digest tables this process has built so far and that passed their
/// self-check, narrowest first: what [`HashPath::Auto`] chose for the work it was
/// given, for reports and for tests that a small job pays for small tables only.
pub fn digest_tables() -> Vec<DigestTables> {
    fast::built_digest_tables()
}

/// Whether fast-path batches computed with `simd` sum BHP256 points eight at a
/// time with AVX-512 IFMA on this machine (the CPU has it and the tables' IFMA
/// form passed its self-check), for reports that say which code ran.
pub fn simd_active(simd: Simd) -> bool {
    fast::simd_active(simd)
}

/// Leo's `SHA3_256::hash_to_u64` family (SHA3-256, then BHP256 to a group point,
/// low 64 bits of x), as a value: [`Config`] computes it, [`Counting`] counts it.
pub trait U64Hash: Sync {
    /// `hash.sha3_256 x into y as u64` for any literal.
    fn hash_to_u64(&self, literal: &Literal<Aleo>) -> Result<u64, AleoError>;
    /// `hash.sha3_256 x into y as u64` for a field literal x.
    fn hash_field(&self, f: &Field) -> u64;
    /// `hash.sha3_256 x into y as u64` for a u128 literal x.
    fn hash_u128(&self, v: u128) -> u64;
    /// `hash.sha3_256 x into y as u64` for a u64 literal x.
    fn hash_u64(&self, v: u64) -> u64;
    /// hashField(encodeToF(s)).
    fn hash_string(&self, s: &str) -> u64;
    /// hashMerge(a, b) (see [`hash_merge`]).
    fn hash_merge(&self, a: u64, b: u64) -> u64;
    /// [`U64Hash::hash_field`] of every element, in order.
    fn hash_field_batch(&self, fields: &[Field]) -> Vec<u64>;
    /// [`U64Hash::hash_u128`] of every element, in order.
    fn hash_u128_batch(&self, values: &[u128]) -> Vec<u64>;
    /// [`U64Hash::hash_u64`] of every element, in order.
    fn hash_u64_batch(&self, values: &[u64]) -> Vec<u64>;
    /// [`U64Hash::hash_string`] of every element, in order.
    fn hash_string_batch(&self, strings: &[&str]) -> Vec<u64>;
    /// [`U64Hash::hash_merge`] of every pair, in order.
    fn hash_merge_batch(&self, pairs: &[(u64, u64)]) -> Vec<u64>;
}

/// Dispatches one [`U64Hash`] method of [`Config`] on its path.
macro_rules! config_dispatch {
    ($name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty) => {
        fn $name(&self, $($arg: $ty),*) -> $out {
            match self.path {
                HashPath::Fast | HashPath::Auto => fast::$name(self.tables(), $($arg),*),
                HashPath::Reference => reference::$name($($arg),*),
            }
        }
    };
    (batch $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty) => {
        fn $name(&self, $($arg: $ty),*) -> $out {
            match self.path {
                HashPath::Fast | HashPath::Auto => fast::$name(self.simd, self.tables(), $($arg),*),
                HashPath::Reference => reference::$name($($arg),*),
            }
        }
    };
}

impl U64Hash for Config {
    config_dispatch!(hash_to_u64(literal: &Literal<Aleo>) -> Result<u64, AleoError>);
    config_dispatch!(hash_field(f: &Field) -> u64);
    config_dispatch!(hash_u128(v: u128) -> u64);
    config_dispatch!(hash_u64(v: u64) -> u64);
    config_dispatch!(hash_string(s: &str) -> u64);
    config_dispatch!(hash_merge(a: u64, b: u64) -> u64);
    config_dispatch!(batch hash_field_batch(fields: &[Field]) -> Vec<u64>);
    config_dispatch!(batch hash_u128_batch(values: &[u128]) -> Vec<u64>);
    config_dispatch!(batch hash_u64_batch(values: &[u64]) -> Vec<u64>);
    config_dispatch!(batch hash_string_batch(strings: &[&str]) -> Vec<u64>);
    config_dispatch!(batch hash_merge_batch(pairs: &[(u64, u64)]) -> Vec<u64>);
}

impl<H: U64Hash + ?Sized> U64Hash for &H {
    fn hash_to_u64(&self, literal: &Literal<Aleo>) -> Result<u64, AleoError> {
        (**self).hash_to_u64(literal)
    }
    fn hash_field(&self, f: &Field) -> u64 {
        (**self).hash_field(f)
    }
    fn hash_u128(&self, v: u128) -> u64 {
        (**self).hash_u128(v)
    }
    fn hash_u64(&self, v: u64) -> u64 {
        (**self).hash_u64(v)
    }
    fn hash_string(&self, s: &str) -> u64 {
        (**self).hash_string(s)
    }
    fn hash_merge(&self, a: u64, b: u64) -> u64 {
        (**self).hash_merge(a, b)
    }
    fn hash_field_batch(&self, fields: &[Field]) -> Vec<u64> {
        (**self).hash_field_batch(fields)
    }
    fn hash_u128_batch(&self, values: &[u128]) -> Vec<u64> {
        (**self).hash_u128_batch(values)
    }
    fn hash_u64_batch(&self, values: &[u64]) -> Vec<u64> {
        (**self).hash_u64_batch(values)
    }
    fn hash_string_batch(&self, strings: &[&str]) -> Vec<u64> {
        (**self).hash_string_batch(strings)
    }
    fn hash_merge_batch(&self, pairs: &[(u64, u64)]) -> Vec<u64> {
        (**self).hash_merge_batch(pairs)
    }
}

/// A [`U64Hash`] that counts its evaluations (a batch of n counts n), for reporting
/// hash calls per certificate. The count belongs to this value, so concurrent
/// work elsewhere in the process does not change it.
#[derive(Debug, Default)]
pub struct Counting<H> {
    inner: H,
    calls: AtomicU64,
}

impl<H> Counting<H> {
    /// Counts the evaluations of `inner`, from zero.
    pub fn new(inner: H) -> Self {
        Self {
            inner,
            calls: AtomicU64::new(0),
        }
    }

    /// Evaluations so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// The wrapped hash.
    pub fn inner(&self) -> &H {
        &self.inner
    }

    fn add(&self, n: usize) {
        self.calls.fetch_add(n as u64, Ordering::Relaxed);
    }
}

impl<H: U64Hash> U64Hash for Counting<H> {
    fn hash_to_u64(&self, literal: &Literal<Aleo>) -> Result<u64, AleoError> {
        self.add(1);
        self.inner.hash_to_u64(literal)
    }
    fn hash_field(&self, f: &Field) -> u64 {
        self.add(1);
        self.inner.hash_field(f)
    }
    fn hash_u128(&self, v: u128) -> u64 {
        self.add(1);
        self.inner.hash_u128(v)
    }
    fn hash_u64(&self, v: u64) -> u64 {
        self.add(1);
        self.inner.hash_u64(v)
    }
    fn hash_string(&self, s: &str) -> u64 {
        self.add(1);
        self.inner.hash_string(s)
    }
    fn hash_merge(&self, a: u64, b: u64) -> u64 {
        self.add(1);
        self.inner.hash_merge(a, b)
    }
    fn hash_field_batch(&self, fields: &[Field]) -> Vec<u64> {
        self.add(fields.len());
        self.inner.hash_field_batch(fields)
    }
    fn hash_u128_batch(&self, values: &[u128]) -> Vec<u64> {
        self.add(values.len());
        self.inner.hash_u128_batch(values)
    }
    fn hash_u64_batch(&self, values: &[u64]) -> Vec<u64> {
        self.add(values.len());
        self.inner.hash_u64_batch(values)
    }
    fn hash_string_batch(&self, strings: &[&str]) -> Vec<u64> {
        self.add(strings.len());
        self.inner.hash_string_batch(strings)
    }
    fn hash_merge_batch(&self, pairs: &[(u64, u64)]) -> Vec<u64> {
        self.add(pairs.len());
        self.inner.hash_merge_batch(pairs)
    }
}

/// encodeToF: UTF-8 bytes as a little-endian integer, reduced mod the field modulus.
///
/// Not injective: strings of 32 or more bytes wrap around p, and trailing NUL
/// bytes add nothing to the integer.
pub fn encode_to_f(s: &str) -> Field {
    field_from_le_bytes_mod_p(s.as_bytes())
}

/// Any bytes as a little-endian integer, reduced mod the field modulus (`encodeToF`
/// without the UTF-8 requirement).
pub fn field_from_le_bytes_mod_p(bytes: &[u8]) -> Field {
    // The prelude names snarkVM's `PrimeField` only anonymously, for its methods.
    use snarkvm_console::prelude::*;
    if bytes.is_empty() {
        // snarkVM's reduction expects at least one byte; the empty integer is 0.
        return Field::zero();
    }
    // 31 bytes at a time, most significant first (Horner's rule in base 2^248):
    // each run is below 2^248 < p, so it is already reduced, which costs a
    // multiplication a run rather than snarkVM's general reduction (about a
    // microsecond, as much as a hash's SHA3).
    type Fq = <Aleo as Environment>::Field;
    let limbs = |run: &[u8]| {
        let mut limbs = [0u64; 4];
        for (i, b) in run.iter().enumerate() {
            limbs[i / 8] |= u64::from(*b) << (8 * (i % 8));
        }
        Fq::from_bigint(snarkvm_utilities::BigInteger256::new(limbs))
    };
    let base = Fq::from_bigint(snarkvm_utilities::BigInteger256::new([0, 0, 0, 1 << 56]));
    let horner = base.and_then(|base| {
        bytes
            .chunks(31)
            .rev()
            .try_fold(Fq::zero(), |acc, run| Some(acc * base + limbs(run)?))
    });
    match horner {
        Some(f) => Field::new(f),
        None => Field::new(Fq::from_bytes_le_mod_order(bytes)),
    }
}

/// Parses a decimal integer (no suffix) that must be < the field modulus, else error.
///
/// Accepts ASCII digits only: no sign, no `_`, no surrounding space, and no
/// leading zero except for `0` itself (as Aleo's `field` literals).
pub fn field_from_decimal(s: &str) -> Result<Field, AleoError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return Err(AleoError::InvalidDecimal(s.to_string()));
    }
    // Same length compares as numbers lexicographically (no leading zeros).
    let too_big = s.len() > FIELD_MODULUS_DECIMAL.len()
        || (s.len() == FIELD_MODULUS_DECIMAL.len() && s >= FIELD_MODULUS_DECIMAL);
    if too_big {
        return Err(AleoError::FieldOverflow(s.to_string()));
    }
    s.parse::<<Aleo as Environment>::Field>()
        .map(Field::new)
        .map_err(|_| AleoError::InvalidDecimal(s.to_string()))
}

/// The field element with integer value `v`.
pub fn field_from_u128(v: u128) -> Field {
    Field::from_u128(v)
}

/// The canonical decimal digits of `f` (without the `field` suffix).
pub fn field_to_decimal(f: &Field) -> String {
    let mut s = f.to_string();
    s.truncate(s.len().saturating_sub("field".len()));
    s
}

/// Leo's `SHA3_256::hash_to_u64(x)`: `hash.sha3_256 x into y as u64` for any literal.
///
/// `low_64_bits(x_coordinate(BHP256_to_group(SHA3_256(plaintext_bits(x)))))`,
/// with the plaintext bits of `Plaintext::Literal(x)` (variant, type id, size, value).
/// Computed with [`Config::DEFAULT`]; see [`U64Hash`] for another configuration.
pub fn hash_to_u64(literal: &Literal<Aleo>) -> Result<u64, AleoError> {
    Config::DEFAULT.hash_to_u64(literal)
}

/// One [`U64Hash`] method of [`Config::DEFAULT`] as a free function.
macro_rules! default_config {
    ($(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty) => {
        $(#[$doc])*
        pub fn $name($($arg: $ty),*) -> $out {
            Config::DEFAULT.$name($($arg),*)
        }
    };
}

default_config!(
    /// `hash.sha3_256 x into y as u64` for a field literal x.
    hash_field(f: &Field) -> u64
);
default_config!(
    /// `hash.sha3_256 x into y as u64` for a u128 literal x.
    hash_u128(v: u128) -> u64
);
default_config!(
    /// `hash.sha3_256 x into y as u64` for a u64 literal x.
    hash_u64(v: u64) -> u64
);
default_config!(
    /// hashField(encodeToF(s)).
    hash_string(s: &str) -> u64
);
default_config!(
    /// [`hash_field`] of every element, in order (the fast path shares one inversion per batch).
    hash_field_batch(fields: &[Field]) -> Vec<u64>
);
default_config!(
    /// [`hash_u128`] of every element, in order.
    hash_u128_batch(values: &[u128]) -> Vec<u64>
);
default_config!(
    /// [`hash_u64`] of every element, in order.
    hash_u64_batch(values: &[u64]) -> Vec<u64>
);
default_config!(
    /// [`hash_merge`] of every pair, in order.
    hash_merge_batch(pairs: &[(u64, u64)]) -> Vec<u64>
);

/// [`hash_string`] of every element, in order.
pub fn hash_string_batch<S: AsRef<str>>(strings: &[S]) -> Vec<u64> {
    let strings: Vec<&str> = strings.iter().map(AsRef::as_ref).collect();
    Config::DEFAULT.hash_string_batch(&strings)
}

/// The u128 that `hashMerge(a, b)` hashes: `min * (2^64 + 1) + max`.
///
/// `None` only for `a == b == u64::MAX`, the one pair whose operand exceeds
/// u128 (a Leo program halts there).
pub fn merge_operand(a: u64, b: u64) -> Option<u128> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    u128::from(lo)
        .checked_mul(MERGE_BASE)?
        .checked_add(u128::from(hi))
}

/// hashMerge(a, b) = hash_u128(min * (2^64+1) + max).
///
/// For the single pair `a == b == u64::MAX`, where the operand overflows u128
/// and Leo halts, the operand wraps around instead so that this never panics.
/// Note that a Leo circuit computes both arms of the spec's ternary, so it also
/// halts whenever one input is `u64::MAX` and the other is not 0.
pub fn hash_merge(a: u64, b: u64) -> u64 {
    Config::DEFAULT.hash_merge(a, b)
}

/// `min * (2^64 + 1) + max`, wrapping for the one pair that overflows.
pub(crate) fn merge_operand_wrapping(a: u64, b: u64) -> u128 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    u128::from(lo)
        .wrapping_mul(MERGE_BASE)
        .wrapping_add(u128::from(hi))
}

/// Parents per layer from which trees over [`Arc0102Merge`] are built in parallel
/// (`MerkleTree::build_with_cutoff`): a merge is a field hash of a few
/// microseconds, far above a byte hash, but a smaller layer costs less than a
/// fresh process spends starting the thread pool to split it.
pub const ARC0102_PARALLEL_CUTOFF: usize = 32;

/// ARC-0102 node compression: implements merklab_core::Compression<2, Digest = u64>
/// via [`U64Hash::hash_merge`] of the hash it holds ([`Config::DEFAULT`] by default).
#[derive(Clone, Copy, Debug, Default)]
pub struct Arc0102Merge<H = Config>(pub H);

impl Arc0102Merge {
    /// `hashMerge` on [`Config::DEFAULT`].
    pub const fn new() -> Self {
        Self(Config::DEFAULT)
    }
}

impl<H: U64Hash + Send + Sync> Compression<2> for Arc0102Merge<H> {
    type Digest = u64;

    fn compress(&self, &[a, b]: &[u64; 2]) -> u64 {
        self.0.hash_merge(a, b)
    }

    /// Arity 2 has no short groups; merging left to right keeps the method total.
    fn compress_short_group(&self, children: &[u64]) -> u64 {
        children
            .iter()
            .copied()
            .reduce(|a, b| self.0.hash_merge(a, b))
            .unwrap_or(0)
    }

    /// A run of a tree layer goes through [`U64Hash::hash_merge_batch`], which shares
    /// one field inversion per batch on the fast path.
    fn compress_batch(&self, children: &[u64], out: &mut [u64]) {
        let pairs: Vec<(u64, u64)> = children.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        for (slot, digest) in out.iter_mut().zip(self.0.hash_merge_batch(&pairs)) {
            *slot = digest;
        }
    }
}

/// Wraps a snarkVM error.
pub(crate) fn snarkvm_error(e: impl std::fmt::Display) -> AleoError {
    AleoError::SnarkVm(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use snarkvm_console::prelude::{One, Zero};

    #[test]
    fn modulus_constant_matches_snarkvm() {
        // -1 in the field is p - 1; p ends in ...041, so p - 1 ends in ...040.
        let minus_one = Field::zero() - Field::one();
        let p_minus_one = field_to_decimal(&minus_one);
        let (prefix, last) = FIELD_MODULUS_DECIMAL.split_at(FIELD_MODULUS_DECIMAL.len() - 1);
        assert_eq!(last, "1");
        assert_eq!(p_minus_one, format!("{prefix}0"));
    }

    #[test]
    fn decimal_rejects() {
        for bad in [
            "", "-1", "+1", "1field", "01", "00", " 1", "1 ", "1_000", "x",
        ] {
            assert!(
                matches!(field_from_decimal(bad), Err(AleoError::InvalidDecimal(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            field_from_decimal(FIELD_MODULUS_DECIMAL),
            Err(AleoError::FieldOverflow(_))
        ));
        let too_long = format!("{FIELD_MODULUS_DECIMAL}0");
        assert!(matches!(
            field_from_decimal(&too_long),
            Err(AleoError::FieldOverflow(_))
        ));
        assert_eq!(field_from_decimal("0").unwrap(), Field::zero());
    }

    #[test]
    fn merge_operand_edges() {
        assert_eq!(merge_operand(3, 2), Some(2 * MERGE_BASE + 3));
        assert_eq!(merge_operand(0, u64::MAX), Some(u128::from(u64::MAX)));
        assert_eq!(merge_operand(u64::MAX, u64::MAX), None);
        assert_eq!(merge_operand(u64::MAX - 1, u64::MAX), Some(u128::MAX - 2));
    }
}

pub mod family;
