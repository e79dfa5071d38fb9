//! [`Digest8`]: eight elements of a 31-bit field as a tree node, as Plonky3's MMCS
//! digests are (`[F; 8]`).
//!
//! Text is `[e0, e1, ..., e7]` in decimal, the way Plonky3 prints a digest array, and
//! parsing also takes the elements without brackets, separated by commas or spaces.
//! JSON is an array of eight numbers. The canonical bytes are each element's canonical
//! value as a little-endian `u32`, in order (32 bytes): Plonky3's byte order, with the
//! canonical value rather than its internal Montgomery form, so the bytes do not depend
//! on how the field is implemented. Values at or above the modulus are refused, never
//! reduced.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use merklab_core::{DecodeError, Digest};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Plonky3Error, SmallField};

/// Field elements per digest.
pub const DIGEST_ELEMS: usize = 8;

/// A node of a BabyBear or KoalaBear tree: eight field elements, ordered
/// lexicographically by their canonical values.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Digest8<F>(pub [F; DIGEST_ELEMS]);

impl<F: SmallField> Digest8<F> {
    /// The canonical values of the elements.
    pub fn to_u32s(&self) -> [u32; DIGEST_ELEMS] {
        self.0.map(|e| e.as_canonical_u32())
    }

    /// The digest of eight canonical values, each below the modulus.
    pub fn from_u32s(values: [u32; DIGEST_ELEMS]) -> Result<Self, Plonky3Error> {
        let mut out = [F::ZERO; DIGEST_ELEMS];
        for (slot, value) in out.iter_mut().zip(values) {
            *slot = F::from_canonical(value)?;
        }
        Ok(Self(out))
    }

    /// Parses `[e0, ..., e7]`, or the eight elements without brackets, separated by
    /// commas and/or whitespace.
    pub fn parse(text: &str) -> Result<Self, Plonky3Error> {
        let trimmed = text.trim();
        let inner = trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(trimmed);
        let words: Vec<&str> = inner
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() != DIGEST_ELEMS {
            return Err(Plonky3Error::DigestLength {
                field: F::NAME,
                expected: DIGEST_ELEMS,
                found: words.len(),
            });
        }
        let mut out = [F::ZERO; DIGEST_ELEMS];
        for (slot, word) in out.iter_mut().zip(words) {
            *slot = F::from_decimal(word)?;
        }
        Ok(Self(out))
    }
}

impl<F: SmallField> fmt::Display for Digest8<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_u32s())
    }
}

impl<F: SmallField> fmt::Debug for Digest8<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl<F: SmallField> FromStr for Digest8<F> {
    type Err = Plonky3Error;
    fn from_str(s: &str) -> Result<Self, Plonky3Error> {
        Self::parse(s)
    }
}

impl<F: SmallField> Hash for Digest8<F> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.to_u32s().hash(state);
    }
}

impl<F: SmallField> Ord for Digest8<F> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.to_u32s().cmp(&other.to_u32s())
    }
}

impl<F: SmallField> PartialOrd for Digest8<F> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<F: SmallField> Digest for Digest8<F> {
    const BYTES: usize = 4 * DIGEST_ELEMS;
    fn zero() -> Self {
        Self([F::ZERO; DIGEST_ELEMS])
    }
    fn write_bytes(&self, out: &mut Vec<u8>) {
        for value in self.to_u32s() {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    fn read_bytes(bytes: &[u8]) -> Result<Self, DecodeError> {
        if bytes.len() != Self::BYTES {
            return Err(DecodeError::DigestLength {
                expected: Self::BYTES,
                found: bytes.len(),
            });
        }
        let mut values = [0u32; DIGEST_ELEMS];
        for (value, chunk) in values.iter_mut().zip(bytes.as_chunks::<4>().0) {
            *value = u32::from_le_bytes(*chunk);
        }
        Self::from_u32s(values).map_err(|e| DecodeError::Invalid {
            field: F::NAME,
            why: e.to_string(),
        })
    }
}

impl<F: SmallField> Serialize for Digest8<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_u32s().serialize(serializer)
    }
}

impl<'de, F: SmallField> Deserialize<'de> for Digest8<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Vec::<u64>::deserialize(deserializer)?;
        if values.len() != DIGEST_ELEMS {
            return Err(serde::de::Error::custom(Plonky3Error::DigestLength {
                field: F::NAME,
                expected: DIGEST_ELEMS,
                found: values.len(),
            }));
        }
        let mut out = [F::ZERO; DIGEST_ELEMS];
        for (slot, value) in out.iter_mut().zip(values) {
            let too_large = || Plonky3Error::TooLarge {
                value: value.to_string(),
                field: F::NAME,
                modulus: F::ORDER_U32.to_string(),
            };
            let small = u32::try_from(value).map_err(|_| too_large());
            *slot = small
                .and_then(F::from_canonical)
                .map_err(serde::de::Error::custom)?;
        }
        Ok(Self(out))
    }
}
