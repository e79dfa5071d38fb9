//! The field hashes a tree can compress with, by name.

use std::fmt;
use std::str::FromStr;

use merklab_core::{Compression, DomainTags};

use super::{Bhp, BhpSize, Poseidon, PoseidonRate};
use crate::FieldDigest;

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
    fn compress(&self, children: &[FieldDigest]) -> FieldDigest {
        match self {
            Self::Poseidon(p) => Compression::<K>::compress(p, children),
            Self::Bhp(b) => Compression::<K>::compress(b, children),
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
